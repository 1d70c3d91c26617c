/* ssa-pbx-dialog.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-credentials.h"
#include "ssa-db-inventory.h"
#include "ssa-db-job.h"
#include "ssa-db-licences.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-licence-import.h"
#include "ssa-pbx.h"
#include "ssa-pbx-dialog.h"

/* "Read from PBX…" (docs/importing.md): the admin address and login asked for (the login
 * goes to the keyring, never the database), the PBX read over HTTPS, an unknown or changed
 * certificate shown by its fingerprint for the user to accept, and the reading previewed
 * before it is stored. What it reads from the database is read in workers, and what it
 * writes goes through the repository's write queue. */

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
  gboolean         keep_login;  /* the login typed goes to the keyring */
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

/* The reading stored in the repository's write queue, the installation read again after. */
typedef struct
{
  gint64         installation_id;
  SsaPbxReading *reading;
} StoreJob;

static void
store_job_free (StoreJob *job)
{
  g_clear_pointer (&job->reading, ssa_pbx_reading_free);
  g_free (job);
}

static gpointer
store_work (SsaDb         *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  StoreJob *job = data;

  if (!ssa_db_store_pbx_reading (db, job->installation_id, job->reading, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
reading_stored_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  PbxData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!ssa_repository_write_finish (SSA_REPOSITORY (source), result, &error))
    {
      if (gtk_widget_get_root (data->parent) != NULL)
        message (data, _("PBX Reading Not Stored"), error->message);
    }
  else
    {
      if (data->stored != NULL)
        data->stored (data->owner);
      gtk_widget_activate_action (data->parent, "win.show-toast", "s",
                                  _("The PBX reading was stored"));
    }
  pbx_data_free (data);
}

static void
store_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PbxData          *data)
{
  StoreJob *job;

  /* Answered once: closing the dialog after a response answers it again. */
  g_signal_handlers_disconnect_by_data (dialog, data);
  if (!g_str_equal (response, "store"))
    {
      pbx_data_free (data);
      return;
    }
  job = g_new0 (StoreJob, 1);
  job->installation_id = ssa_installation_get_id (data->installation);
  job->reading = g_steal_pointer (&data->reading);
  ssa_repository_write_async (data->repository, store_work, job,
                              (GDestroyNotify) store_job_free, data->installation, NULL,
                              reading_stored_cb, data);
}

/* The preview's used-against-owned line, computed in a worker ("" when the installation or
 * the price list cannot be read). */
typedef struct
{
  gint64               installation_id;
  const SsaPbxReading *reading;     /* the dialog's, left alone until the job is back */
} UsageJob;

static gpointer
usage_work (SsaDb         *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  UsageJob *job = data;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(GHashTable) user_map = NULL;
  g_autoptr(GArray) usage = NULL;

  inventory = ssa_db_load_inventory (db, job->installation_id, NULL, NULL);
  price_list = ssa_db_load_current_price_list (db, NULL, NULL);
  user_map = ssa_db_load_licence_type_map (db, NULL);
  if (inventory == NULL || price_list == NULL)
    return g_strdup ("");
  usage = ssa_licence_usage_compute (job->reading, inventory, price_list, user_map);
  return ssa_licence_usage_to_text (usage);
}

static void
show_preview (PbxData    *data,
              const char *usage_text)
{
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *text = ssa_pbx_reading_to_text (data->reading);
  AdwMessageDialog *dialog;
  GtkWidget *label;

  if (usage_text != NULL && *usage_text != '\0')
    g_string_append_printf (body, _("Used against owned: %s."), usage_text);
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
usage_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  PbxData *data = user_data;
  g_autofree char *usage_text = ssa_db_job_finish (result, NULL);

  /* The window went meanwhile. */
  if (gtk_widget_get_root (data->parent) == NULL)
    {
      pbx_data_free (data);
      return;
    }
  show_preview (data, usage_text);
}

static void
read_preview (PbxData *data)
{
  UsageJob *job = g_new0 (UsageJob, 1);

  job->installation_id = ssa_installation_get_id (data->installation);
  job->reading = data->reading;
  ssa_db_job_run_async (ssa_repository_get_path (data->repository), usage_work, job, g_free,
                        g_free, NULL, usage_cb, data);
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
      read_preview (data);
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

/* The login typed goes to the keyring, or the one kept there is looked up. */
static void
log_in (PbxData *data)
{
  if (data->keep_login)
    ssa_credentials_store_async (data->url, data->credentials, NULL, stored_cb, data);
  else
    ssa_credentials_lookup_async (data->url, NULL, lookup_cb, data);
}

/* A new admin address, stored in the repository's write queue. */
typedef struct
{
  gint64  installation_id;
  char   *url;
} UrlJob;

static void
url_job_free (UrlJob *job)
{
  g_free (job->url);
  g_free (job);
}

static gpointer
url_work (SsaDb         *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  UrlJob *job = data;

  if (!ssa_db_set_pbx_admin_url (db, job->installation_id, job->url, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
url_stored_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  PbxData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!ssa_repository_write_finish (SSA_REPOSITORY (source), result, &error))
    {
      if (gtk_widget_get_root (data->parent) != NULL)
        message (data, _("PBX Not Read"), error->message);
      pbx_data_free (data);
      return;
    }
  log_in (data);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 PbxData          *data)
{
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

  /* The entries go with the dialog: the login typed is kept here. */
  if (user[0] != '\0' && password[0] != '\0')
    {
      data->credentials = ssa_credentials_new_basic (user, password);
      data->keep_login = TRUE;
    }

  if (g_strcmp0 (url, data->url) != 0)
    {
      UrlJob *job = g_new0 (UrlJob, 1);

      job->installation_id = ssa_installation_get_id (data->installation);
      job->url = url[0] != '\0' ? g_strdup (url) : NULL;
      g_free (data->url);
      data->url = g_strdup (url);
      g_clear_pointer (&data->pinned, g_free);
      ssa_repository_write_async (data->repository, url_work, job, (GDestroyNotify) url_job_free,
                                  NULL, NULL, url_stored_cb, data);
      return;
    }
  log_in (data);
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

/* The admin address and pinned certificate kept for the installation, read in a worker. */
typedef struct
{
  gint64  installation_id;
  char   *url;
  char   *pinned;
} SettingsJob;

static void
settings_job_free (SettingsJob *job)
{
  g_free (job->url);
  g_free (job->pinned);
  g_free (job);
}

static gpointer
settings_work (SsaDb         *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  SettingsJob *job = data;

  if (!ssa_db_get_pbx_settings (db, job->installation_id, &job->url, &job->pinned, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void ask_login (PbxData *data);

static void
settings_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PbxData *data = user_data;
  SettingsJob *job = ssa_db_job_get_data (result);
  g_autoptr(GError) error = NULL;

  if (ssa_db_job_finish (result, &error) == NULL)
    {
      if (gtk_widget_get_root (data->parent) != NULL)
        message (data, _("PBX Not Read"), error->message);
      pbx_data_free (data);
      return;
    }
  /* The window went meanwhile. */
  if (gtk_widget_get_root (data->parent) == NULL)
    {
      pbx_data_free (data);
      return;
    }
  data->url = g_steal_pointer (&job->url);
  data->pinned = g_steal_pointer (&job->pinned);
  ask_login (data);
}

/**
 * ssa_pbx_dialog_present:
 * @parent: a widget of the window
 * @repository: the window's repository
 * @installation: the installation whose PBX to read
 * @owner: kept alive while the dialogs are open
 * @stored: (nullable): called with @owner after a reading was stored
 *
 * Reads the installation's PBX settings (in a worker), then asks for the admin address and
 * login.
 */
void
ssa_pbx_dialog_present (GtkWidget       *parent,
                        SsaRepository   *repository,
                        SsaInstallation *installation,
                        GObject         *owner,
                        void           (*stored) (GObject *owner))
{
  PbxData *data = g_new0 (PbxData, 1);
  SettingsJob *job;

  data->parent = g_object_ref (parent);
  data->repository = g_object_ref (repository);
  data->installation = g_object_ref (installation);
  data->owner = g_object_ref (owner);
  data->stored = stored;

  if (ssa_repository_get_read_only (repository) || !ssa_repository_get_loaded (repository))
    {
      message (data, _("PBX Not Read"), _("The database is open read-only."));
      pbx_data_free (data);
      return;
    }

  job = g_new0 (SettingsJob, 1);
  job->installation_id = ssa_installation_get_id (installation);
  ssa_db_job_run_async (ssa_repository_get_path (repository), settings_work, job,
                        (GDestroyNotify) settings_job_free, NULL, NULL, settings_cb, data);
}

/* The first dialog: the admin address and login. */
static void
ask_login (PbxData *data)
{
  AdwMessageDialog *dialog;
  GtkWidget *list;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (data->parent)),
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
}
