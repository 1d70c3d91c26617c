/* ssa-licence-import-dialog.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-db-inventory.h"
#include "ssa-db-licences.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-licence-import.h"
#include "ssa-licence-import-dialog.h"

/* "Import Licence File…": a device's licence file read, its change against the installation's
 * licences shown in a preview, and stored in one transaction only when the user says so
 * (docs/importing.md). A file that is refused says why, and nothing is stored. */

typedef struct
{
  SsaRepository    *repository;
  SsaInstallation  *installation;
  SsaLicenceImport *plan;
  char             *expected_serial;
  GtkWidget        *parent;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->repository);
  g_clear_object (&data->installation);
  g_clear_pointer (&data->plan, ssa_licence_import_free);
  g_free (data->expected_serial);
  g_clear_object (&data->parent);
  g_free (data);
}

static GtkWindow *
present_error (GtkWidget  *parent,
               const char *message)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)),
                                                       _("Licence File Not Imported"),
                                                       message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             ImportData       *data)
{
  g_autoptr(GError) error = NULL;
  SsaDb *db;

  if (!g_str_equal (response, "import"))
    return;

  db = ssa_repository_get_db (data->repository);
  if (db == NULL ||
      !ssa_db_store_licence_import (db, ssa_installation_get_id (data->installation),
                                    data->expected_serial, data->plan->set_serial,
                                    data->plan->lines, &error) ||
      !ssa_repository_refresh_installation (data->repository, data->installation, &error))
    {
      present_error (data->parent, error != NULL ? error->message
                                                 : _("The database is not open."));
      return;
    }
  gtk_widget_activate_action (data->parent, "win.show-toast", "s",
                              _("Licences imported from the licence file"));
}

static GtkWidget *
change_row (const SsaLicenceChange *change)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *tag;

  title = change->name != NULL ? g_strdup_printf ("%s · %s", change->code, change->name)
                               : g_strdup (change->code);
  switch (change->kind)
    {
    case SSA_LICENCE_CHANGE_ADDED:
      /* Translators: a licence of the preview that the file adds, with its quantity. */
      subtitle = g_strdup_printf (_("Added: %lld"), (long long) change->new_quantity);
      tag = gtk_label_new (_("Added"));
      gtk_widget_add_css_class (tag, "success");
      break;
    case SSA_LICENCE_CHANGE_REMOVED:
      subtitle = g_strdup_printf (_("Removed: %lld"), (long long) change->old_quantity);
      tag = gtk_label_new (_("Removed"));
      gtk_widget_add_css_class (tag, "error");
      break;
    case SSA_LICENCE_CHANGE_QUANTITY:
    case SSA_LICENCE_CHANGE_UNCHANGED:
    default:
      /* Translators: a quantity changed by the licence file: old → new. */
      subtitle = g_strdup_printf (_("Quantity: %lld → %lld"), (long long) change->old_quantity,
                                  (long long) change->new_quantity);
      tag = gtk_label_new (_("Changed"));
      gtk_widget_add_css_class (tag, "warning");
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
  return row;
}

/**
 * ssa_licence_import_dialog_present:
 * @parent: a widget of the window
 * @repository: the window's repository
 * @installation: the installation the file is for
 * @file: the licence file
 *
 * Reads @file and shows the change it makes in a preview that asks before anything is
 * stored, or, when the file is refused, a dialog saying why.
 *
 * Returns: (transfer none): the dialog shown
 */
GtkWindow *
ssa_licence_import_dialog_present (GtkWidget       *parent,
                                   SsaRepository   *repository,
                                   SsaInstallation *installation,
                                   GFile           *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaLicenceFile) licences = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(GHashTable) user_map = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  ImportData *data;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *scrolled;
  SsaDb *db = ssa_repository_get_db (repository);
  GDate today;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);

  if (ssa_repository_get_read_only (repository) || db == NULL)
    return present_error (parent, _("The database is open read-only: nothing can be imported "
                                    "into it."));
  if (path == NULL)
    return present_error (parent, _("Only local files can be imported."));

  licences = ssa_licence_file_new_from_file (path, &error);
  if (licences != NULL)
    inventory = ssa_db_load_inventory (db, ssa_installation_get_id (installation), NULL, &error);
  if (inventory != NULL)
    user_map = ssa_db_load_licence_type_map (db, &error);
  if (user_map != NULL)
    price_list = ssa_db_load_current_price_list (db, NULL, &error);
  if (price_list == NULL)
    return present_error (parent, error->message);

  ssa_date_today (&today);
  data = g_new0 (ImportData, 1);
  data->plan = ssa_licence_import_plan (inventory, licences, price_list, user_map, &today, name,
                                        &error);
  if (data->plan == NULL)
    {
      import_data_free (data);
      return present_error (parent, error->message);
    }
  data->repository = g_object_ref (repository);
  data->installation = g_object_ref (installation);
  data->expected_serial = g_strdup (inventory->serial);
  data->parent = g_object_ref (parent);

  /* Translators: the heading of the preview; %s is the licence file's name. */
  heading = g_strdup_printf (_("Import %s?"), name);
  if (data->plan->changes->len == 0)
    body = g_strdup (_("The installation has these licences already: nothing changes."));
  else
    /* Translators: the preview's summary: how many articles are added, removed, changed. */
    body = g_strdup_printf (_("The licences become the file’s: %u added, %u removed, %u "
                              "changed. Licences added get today as their date."),
                            data->plan->n_added, data->plan->n_removed, data->plan->n_changed);
  if (data->plan->set_serial != NULL)
    {
      g_autofree char *with_serial = g_strdup_printf (_("%s The installation’s serial becomes "
                                                        "%s."), body, data->plan->set_serial);

      g_free (body);
      body = g_steal_pointer (&with_serial);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)),
                                                       heading, body));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Changes to the licences"), -1);
  for (guint i = 0; i < data->plan->changes->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list),
                         change_row (&g_array_index (data->plan->changes, SsaLicenceChange, i)));
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  if (data->plan->changes->len > 0)
    adw_message_dialog_set_extra_child (dialog, scrolled);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "import", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "import");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), data,
                         (GClosureNotify) (void (*) (void)) import_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WINDOW (dialog);
}
