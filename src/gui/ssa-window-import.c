/* ssa-window-import.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-customer-import-dialog.h"
#include "ssa-error.h"
#include "ssa-page-common.h"
#include "ssa-samples.h"
#include "ssa-window-private.h"

/* Importing installations: files are read in a worker thread, then stored in one go. */

typedef struct
{
  GPtrArray *files;           /* GFile, or NULL for the bundled samples */
  GPtrArray *inventories;     /* SsaInventory, filled in by the worker */
  GPtrArray *names;           /* char*, the file names */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_clear_pointer (&job->inventories, g_ptr_array_unref);
  g_clear_pointer (&job->names, g_ptr_array_unref);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GString) problems = g_string_new (NULL);

  job->inventories = g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_inventory_free);
  job->names = g_ptr_array_new_with_free_func (g_free);

  if (job->files == NULL)
    {
      g_auto(GStrv) names = ssa_samples_list_installations ();

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autoptr(GError) error = NULL;
          SsaInventory *inventory = ssa_samples_load_installation (names[i], &error);

          if (inventory == NULL)
            {
              g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n" : "",
                                      error->message);
              continue;
            }
          g_ptr_array_add (job->inventories, inventory);
          g_ptr_array_add (job->names, g_strdup (names[i]));
        }
    }
  else
    {
      for (guint i = 0; i < job->files->len; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *path = g_file_get_path (g_ptr_array_index (job->files, i));
          SsaInventory *inventory;

          if (g_task_return_error_if_cancelled (task))
            return;
          inventory = path != NULL ? ssa_inventory_new_from_file (path, &error) : NULL;
          if (inventory == NULL)
            {
              g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n" : "",
                                      error != NULL ? error->message : _("Not a local file"));
              continue;
            }
          g_ptr_array_add (job->inventories, inventory);
          g_ptr_array_add (job->names, g_path_get_basename (path));
        }
    }

  /* All or nothing, as the database stores them: a file that cannot be read stops the
   * import, with every problem named. */
  if (problems->len > 0)
    g_task_return_new_error (task, SSA_ERROR, SSA_ERROR_INVALID, "%s", problems->str);
  else
    g_task_return_boolean (task, TRUE);
}

typedef struct
{
  SsaWindow *self;
  guint      before;      /* the installations listed before the import */
  guint      count;
  gboolean   samples;
} ImportStore;

/* The installations are stored: the first is selected, and the toast says how many. */
static void
import_stored_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ImportStore *store = user_data;
  g_autoptr(SsaWindow) self = store->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GListModel *installations = ssa_repository_get_installations (SSA_REPOSITORY (object));
  guint before = store->before;
  guint count = store->count;
  gboolean samples = store->samples;

  g_free (store);
  if (!ssa_repository_import_inventories_finish (SSA_REPOSITORY (object), result, &error))
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  /* The window closed meanwhile. */
  if (self->sidebar == NULL)
    return;

  update_main_page (self);
  if (g_list_model_get_n_items (installations) > before)
    {
      g_autoptr(GObject) first = g_list_model_get_item (installations, before);

      ssa_sidebar_select (self->sidebar, first);
    }

  if (samples)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Loaded %u sample installation",
                                            "Loaded %u sample installations", count),
                               count);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u installation",
                                            "Imported %u installations", count),
                               count);
  show_toast (self, message);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SsaWindow *self = SSA_WINDOW (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  ImportStore *store;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* Stored in a worker too, after the writes already asked. */
  store = g_new0 (ImportStore, 1);
  store->self = g_object_ref (self);
  store->before = g_list_model_get_n_items (ssa_repository_get_installations (self->repository));
  store->count = job->inventories->len;
  store->samples = job->files == NULL;
  ssa_repository_import_inventories_async (self->repository,
                                           (SsaInventory **) job->inventories->pdata,
                                           (const char **) job->names->pdata,
                                           job->inventories->len, NULL, import_stored_cb,
                                           store);
}

static void
import_async (SsaWindow *self,
              GPtrArray *files)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  job->files = files;
  task = g_task_new (self, self->cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, import_async);
  g_task_set_name (task, "[ssa-desk] import installations");
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

void
load_samples_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  import_async (SSA_WINDOW (widget), NULL);
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    SsaWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = g_list_model_get_n_items (files);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      if (array->len > 0)
        import_async (self, array);
      else
        g_ptr_array_unref (array);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

void
import_installation_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Installations"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Installation files (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Import Customers…: a CSV file from an accounting system, previewed (and its unknown
 * columns chosen) in SsaCustomerImportDialog before anything is stored. */

static void
customers_imported_cb (SsaWindow  *self,
                       const char *message)
{
  update_main_page (self);
  show_toast (self, message);
}

static void
open_customer_list (SsaWindow *self,
                    GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  SsaCustomerCsv *csv;
  SsaCustomerImportDialog *dialog;

  if (self->repository == NULL || !ssa_repository_get_loaded (self->repository))
    return;
  if (path == NULL)
    {
      g_set_error (&error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s is not a local file: save it on this computer first"),
                   g_file_peek_path (file) != NULL ? g_file_peek_path (file) : "?");
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  csv = ssa_customer_csv_read_file (path, &error);
  if (csv == NULL)
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  dialog = ssa_customer_import_dialog_new (GTK_WINDOW (self), self->repository, csv);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (customers_imported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_customers_response_cb (GtkNativeDialog *chooser,
                              int              response,
                              SsaWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        open_customer_list (self, file);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

/* win.import-customers: with a path ("" for none), that file without asking (tests and the
 * command line of the window); with "", a file chooser. */
void
import_customers_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  const char *path = parameter != NULL ? g_variant_get_string (parameter, NULL) : "";
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (*path != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      open_customer_list (self, file);
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Import Customers"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Customer lists (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_customers_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
