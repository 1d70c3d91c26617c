/* ssa-licence-import-dialog.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-db-inventory.h"
#include "ssa-db-job.h"
#include "ssa-db-licences.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-licence-import.h"
#include "ssa-licence-import-dialog.h"

/* "Import Licence File…": a device's licence file read, its change against the installation's
 * licences shown in a preview, and stored in one transaction only when the user says so
 * (docs/importing.md). A file that is refused says why, and nothing is stored. The file and
 * what the preview compares it with are read in a worker, and the import is stored in the
 * repository's write queue, which reads the installation again after it. */

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

/* Storing the import, in the repository's write queue. */
typedef struct
{
  gint64            installation_id;
  char             *expected_serial;
  SsaLicenceImport *plan;
} StoreJob;

static void
store_job_free (StoreJob *job)
{
  g_free (job->expected_serial);
  g_clear_pointer (&job->plan, ssa_licence_import_free);
  g_free (job);
}

static gpointer
store_work (SsaDb         *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  StoreJob *job = data;

  if (!ssa_db_store_licence_import (db, job->installation_id, job->expected_serial,
                                    job->plan->set_serial, job->plan->lines, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GtkWidget) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (!ssa_repository_write_finish (SSA_REPOSITORY (source), result, &error))
    {
      if (gtk_widget_get_root (parent) != NULL)
        present_error (parent, error->message);
      return;
    }
  gtk_widget_activate_action (parent, "win.show-toast", "s",
                              _("Licences imported from the licence file"));
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             ImportData       *data)
{
  StoreJob *job;

  if (!g_str_equal (response, "import") || data->plan == NULL)
    return;

  job = g_new0 (StoreJob, 1);
  job->installation_id = ssa_installation_get_id (data->installation);
  job->expected_serial = g_strdup (data->expected_serial);
  job->plan = g_steal_pointer (&data->plan);
  ssa_repository_write_async (data->repository, store_work, job,
                              (GDestroyNotify) store_job_free, data->installation, NULL,
                              stored_cb, g_object_ref (data->parent));
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

/* Reading the file and what the preview compares it with, in a worker. */
typedef struct
{
  char   *path;
  char   *name;
  gint64  installation_id;
  GDate   today;
  char   *expected_serial;    /* out */
} PlanJob;

static void
plan_job_free (PlanJob *job)
{
  g_free (job->path);
  g_free (job->name);
  g_free (job->expected_serial);
  g_free (job);
}

static gpointer
plan_work (SsaDb         *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  PlanJob *job = data;
  g_autoptr(SsaLicenceFile) licences = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(GHashTable) user_map = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  SsaLicenceImport *plan;

  licences = ssa_licence_file_new_from_file (job->path, error);
  if (licences != NULL)
    inventory = ssa_db_load_inventory (db, job->installation_id, NULL, error);
  if (inventory != NULL)
    user_map = ssa_db_load_licence_type_map (db, error);
  if (user_map != NULL)
    price_list = ssa_db_load_current_price_list (db, NULL, error);
  if (price_list == NULL)
    return NULL;
  plan = ssa_licence_import_plan (inventory, licences, price_list, user_map, &job->today,
                                  job->name, error);
  if (plan != NULL)
    job->expected_serial = g_strdup (inventory->serial);
  return plan;
}

typedef struct
{
  GtkWidget       *parent;
  SsaRepository   *repository;
  SsaInstallation *installation;
} PlanWait;

static void show_preview (GtkWidget       *parent,
                          SsaRepository   *repository,
                          SsaInstallation *installation,
                          const char      *name,
                          const char      *expected_serial,
                          SsaLicenceImport *plan);

static void
planned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  PlanWait *wait = user_data;
  PlanJob *job = ssa_db_job_get_data (result);
  g_autoptr(GError) error = NULL;
  SsaLicenceImport *plan = ssa_db_job_finish (result, &error);

  /* The window went meanwhile. */
  if (gtk_widget_get_root (wait->parent) == NULL)
    g_clear_pointer (&plan, ssa_licence_import_free);
  else if (plan == NULL)
    present_error (wait->parent, error->message);
  else
    show_preview (wait->parent, wait->repository, wait->installation, job->name,
                  job->expected_serial, plan);
  g_object_unref (wait->parent);
  g_object_unref (wait->repository);
  g_object_unref (wait->installation);
  g_free (wait);
}

/**
 * ssa_licence_import_dialog_present:
 * @parent: a widget of the window
 * @repository: the window's repository
 * @installation: the installation the file is for
 * @file: the licence file
 *
 * Reads @file (in a worker) and shows the change it makes in a preview that asks before
 * anything is stored, or, when the file is refused, a dialog saying why.
 */
void
ssa_licence_import_dialog_present (GtkWidget       *parent,
                                   SsaRepository   *repository,
                                   SsaInstallation *installation,
                                   GFile           *file)
{
  g_autofree char *path = g_file_get_path (file);
  PlanJob *job;
  PlanWait *wait;

  g_return_if_fail (GTK_IS_WIDGET (parent));

  if (ssa_repository_get_read_only (repository) || !ssa_repository_get_loaded (repository))
    {
      present_error (parent, _("The database is open read-only: nothing can be imported "
                               "into it."));
      return;
    }
  if (path == NULL)
    {
      present_error (parent, _("Only local files can be imported."));
      return;
    }

  job = g_new0 (PlanJob, 1);
  job->path = g_steal_pointer (&path);
  job->name = g_file_get_basename (file);
  job->installation_id = ssa_installation_get_id (installation);
  ssa_date_today (&job->today);
  wait = g_new0 (PlanWait, 1);
  wait->parent = g_object_ref (parent);
  wait->repository = g_object_ref (repository);
  wait->installation = g_object_ref (installation);
  ssa_db_job_run_async (ssa_repository_get_path (repository), plan_work, job,
                        (GDestroyNotify) plan_job_free,
                        (GDestroyNotify) ssa_licence_import_free, NULL, planned_cb, wait);
}

/* The preview of @plan (taken), read in a worker. */
static void
show_preview (GtkWidget        *parent,
              SsaRepository    *repository,
              SsaInstallation  *installation,
              const char       *name,
              const char       *expected_serial,
              SsaLicenceImport *plan)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  ImportData *data;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *scrolled;

  data = g_new0 (ImportData, 1);
  data->plan = plan;
  data->repository = g_object_ref (repository);
  data->installation = g_object_ref (installation);
  data->expected_serial = g_strdup (expected_serial);
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
}
