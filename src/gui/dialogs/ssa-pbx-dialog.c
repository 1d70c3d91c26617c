/* ssa-pbx-dialog.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-credentials.h"
#include "ssa-db-inventory.h"
#include "ssa-db-licences.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-licence-import.h"
#include "ssa-pbx.h"
#include "ssa-pbx-dialog.h"

/* "Read from PBX…" (docs/importing.md): the admin address and login asked for (the login
 * goes to the keyring, never the database), the PBX read over HTTPS, an unknown or changed
 * certificate shown by its fingerprint for the user to accept, and the reading previewed
 * before it is stored. */

typedef struct
{
  GtkWidget       *parent;
  SsaRepository   *repository;
  SsaInstallation *installation;
  GObject         *owner;
  void           (*stored) (GObject *owner);
  GtkEditable     *url_entry;
  GtkEditable     *user_entry;
  GtkEditable     *password_entry;
  char            *url;
  char            *pinned;
  char            *accept;
  SsaCredentials  *credentials;
  SsaPbxReading   *reading;
} PbxData;

static void
pbx_data_free (PbxData *data)
{
  g_clear_object (&data->parent);
  g_clear_object (&data->repository);
  g_clear_object (&data->installation);
  g_clear_object (&data->owner);
  g_free (data->url);
  g_free (data->pinned);
  g_free (data->accept);
  g_clear_pointer (&data->credentials, ssa_credentials_free);
  g_clear_pointer (&data->reading, ssa_pbx_reading_free);
  g_free (data);
}

static GtkWindow *
message (PbxData    *data,
         const char *heading,
         const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (data->parent)),
                                                       heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void start_reading (PbxData *data);

static void
store_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PbxData          *data)
{
  g_autoptr(GError) error = NULL;
  SsaDb *db = ssa_repository_get_db (data->repository);

  /* Answered once: closing the dialog after a response answers it again. */
  g_signal_handlers_disconnect_by_data (dialog, data);
  if (g_str_equal (response, "store"))
    {
      if (!ssa_db_store_pbx_reading (db, ssa_installation_get_id (data->installation),
                                     data->reading, &error) ||
          !ssa_repository_refresh_installation (data->repository, data->installation, &error))
        message (data, _("PBX Reading Not Stored"), error->message);
      else
        {
          if (data->stored != NULL)
            data->stored (data->owner);
          gtk_widget_activate_action (data->parent, "win.show-toast", "s",
                                      _("The PBX reading was stored"));
        }
    }
  pbx_data_free (data);
}

static void
show_preview (PbxData *data)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(GHashTable) user_map = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *text = ssa_pbx_reading_to_text (data->reading);
  SsaDb *db = ssa_repository_get_db (data->repository);
  gint64 id = ssa_installation_get_id (data->installation);
  AdwMessageDialog *dialog;
  GtkWidget *label;

  inventory = ssa_db_load_inventory (db, id, NULL, NULL);
  price_list = ssa_db_load_current_price_list (db, NULL, NULL);
  user_map = ssa_db_load_licence_type_map (db, NULL);
  if (inventory != NULL && price_list != NULL)
    {
      g_autoptr(GArray) usage = ssa_licence_usage_compute (data->reading, inventory, price_list,
                                                           user_map);
      g_autofree char *usage_text = ssa_licence_usage_to_text (usage);

      g_string_append_printf (body, _("Used against owned: %s."), usage_text);
    }
  if (data->reading->rental_seconds > 0)
    g_string_append (body, _(" The PBX is rented: the installation becomes a rental one, whose "
                             "SSA is in the rent."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (data->parent)),
                                                       _("Store the PBX Reading?"), body->str));
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "monospace");
  adw_message_dialog_set_extra_child (dialog, label);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "store", _("_Store"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "store", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (store_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
trust_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PbxData          *data)
{
  /* Answered once: closing the dialog after a response answers it again. */
  g_signal_handlers_disconnect_by_data (dialog, data);
  if (g_str_equal (response, "trust"))
    start_reading (data);
  else
    pbx_data_free (data);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PbxData *data = user_data;
  g_autoptr(GError) error = NULL;

  data->reading = ssa_pbx_read_finish (result, &error);
  if (data->reading != NULL)
    {
      show_preview (data);
      return;
    }

  if (g_error_matches (error, SSA_PBX_ERROR, SSA_PBX_ERROR_CERTIFICATE_UNKNOWN) ||
      g_error_matches (error, SSA_PBX_ERROR, SSA_PBX_ERROR_CERTIFICATE_CHANGED))
    {
      g_autofree char *presented = ssa_pbx_read_dup_fingerprint (result);
      AdwMessageDialog *dialog;

      if (presented != NULL)
        {
          g_free (data->accept);
          data->accept = g_steal_pointer (&presented);
          dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
            GTK_WINDOW (gtk_widget_get_root (data->parent)),
            data->pinned != NULL ? _("The PBX’s Certificate Has Changed")
                                 : _("Trust the PBX’s Certificate?"),
            error->message));
          adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                            "trust", _("_Trust This Certificate"), NULL);
          adw_message_dialog_set_response_appearance (dialog, "trust",
                                                      data->pinned != NULL
                                                      ? ADW_RESPONSE_DESTRUCTIVE
                                                      : ADW_RESPONSE_SUGGESTED);
          adw_message_dialog_set_close_response (dialog, "cancel");
          g_signal_connect (dialog, "response", G_CALLBACK (trust_response_cb), data);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
    }
  message (data, _("PBX Not Read"), error->message);
  pbx_data_free (data);
}

static void
start_reading (PbxData *data)
{
  SsaPbxRequest request = { 0, };

  request.admin_url = data->url;
  request.user = data->credentials != NULL ? data->credentials->user : NULL;
  request.password = data->credentials != NULL ? data->credentials->secret : NULL;
  request.pinned = data->pinned;
  request.accept = data->accept;
  request.trust_first_use = FALSE;
  ssa_pbx_read_async (&request, NULL, read_cb, data);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PbxData *data = user_data;
  g_autoptr(GError) error = NULL;

  data->credentials = ssa_credentials_lookup_finish (result, &error);
  start_reading (data);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  PbxData *data = user_data;
  g_autoptr(GError) error = NULL;

  /* Without a keyring the login is used for this reading only, and said so. */
  if (!ssa_credentials_store_finish (result, &error))
    gtk_widget_activate_action (data->parent, "win.show-toast", "s",
                                _("The PBX login could not be kept in the keyring"));
  start_reading (data);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 PbxData          *data)
{
  g_autoptr(GError) error = NULL;
  const char *url;
  const char *user;
  const char *password;

  /* Answered once: closing the dialog after a response answers it again. */
  g_signal_handlers_disconnect_by_data (dialog, data);
  if (!g_str_equal (response, "read"))
    {
      pbx_data_free (data);
      return;
    }
  url = gtk_editable_get_text (data->url_entry);
  user = gtk_editable_get_text (data->user_entry);
  password = gtk_editable_get_text (data->password_entry);

  if (g_strcmp0 (url, data->url) != 0)
    {
      if (!ssa_db_set_pbx_admin_url (ssa_repository_get_db (data->repository),
                                     ssa_installation_get_id (data->installation),
                                     url[0] != '\0' ? url : NULL, &error))
        {
          message (data, _("PBX Not Read"), error->message);
          pbx_data_free (data);
          return;
        }
      g_free (data->url);
      data->url = g_strdup (url);
      g_clear_pointer (&data->pinned, g_free);
    }

  if (user[0] != '\0' && password[0] != '\0')
    {
      data->credentials = ssa_credentials_new_basic (user, password);
      ssa_credentials_store_async (data->url, data->credentials, NULL, stored_cb, data);
    }
  else
    {
      ssa_credentials_lookup_async (data->url, NULL, lookup_cb, data);
    }
}

static GtkWidget *
entry_row (const char   *title,
           gboolean      password,
           const char   *text,
           GtkEditable **out)
{
  GtkWidget *row = password ? adw_password_entry_row_new () : adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  *out = GTK_EDITABLE (row);
  return row;
}

/**
 * ssa_pbx_dialog_present:
 * @parent: a widget of the window
 * @repository: the window's repository
 * @installation: the installation whose PBX to read
 * @owner: kept alive while the dialogs are open
 * @stored: (nullable): called with @owner after a reading was stored
 *
 * Returns: (transfer none): the first dialog
 */
GtkWindow *
ssa_pbx_dialog_present (GtkWidget       *parent,
                        SsaRepository   *repository,
                        SsaInstallation *installation,
                        GObject         *owner,
                        void           (*stored) (GObject *owner))
{
  PbxData *data = g_new0 (PbxData, 1);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;

  data->parent = g_object_ref (parent);
  data->repository = g_object_ref (repository);
  data->installation = g_object_ref (installation);
  data->owner = g_object_ref (owner);
  data->stored = stored;

  if (ssa_repository_get_read_only (repository) || ssa_repository_get_db (repository) == NULL ||
      !ssa_db_get_pbx_settings (ssa_repository_get_db (repository),
                                ssa_installation_get_id (installation), &data->url,
                                &data->pinned, &error))
    {
      GtkWindow *shown = message (data, _("PBX Not Read"),
                                  error != NULL ? error->message
                                                : _("The database is open read-only."));

      pbx_data_free (data);
      return shown;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)),
                                                       _("Read from PBX"),
                                                       _("The PBX’s admin address and login. The "
                                                         "login is kept in the keyring; leave it "
                                                         "empty to use the one kept there.")));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list),
                       entry_row (_("Admin Address (https://…)"), FALSE, data->url,
                                  &data->url_entry));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       entry_row (_("Admin User"), FALSE, NULL, &data->user_entry));
  gtk_list_box_append (GTK_LIST_BOX (list),
                       entry_row (_("Password"), TRUE, NULL, &data->password_entry));
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "read", _("_Read"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "read", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (ask_response_cb), data);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
