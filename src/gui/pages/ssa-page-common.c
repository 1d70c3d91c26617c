/* ssa-page-common.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-application.h"
#include "ssa-date.h"
#include "ssa-gui-util.h"
#include "ssa-page-common.h"
#include "ssa-window.h"

typedef struct
{
  char           *db_path;
  gboolean        read_only;
  SsaDbJobFunc    func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
} DbJob;

/* The databases opened read-only on purpose (--read-only): their jobs open them read-only
 * too, so that not even a schema update is written. Main thread only. */
static GHashTable *read_only_paths;

static void
db_job_free (DbJob *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_free (job->db_path);
  g_free (job);
}

static void
db_job_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DbJob *job = task_data;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GError) error = NULL;
  gpointer result;

  if (g_task_return_error_if_cancelled (task))
    return;

  /* SQLite connections belong to one thread at a time: every job opens its own, which WAL
   * makes cheap next to the window's. */
  db = ssa_db_open (job->db_path,
                    job->read_only ? SSA_DB_OPEN_READ_ONLY : SSA_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = job->func (db, job->data, cancellable, &error);
  if (error != NULL)
    {
      if (result != NULL && job->result_free != NULL)
        job->result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_pointer (task, result, job->result_free);
}

/**
 * ssa_db_job_run_async:
 * @db_path: the database file
 * @func: the work, run in a worker thread on its own connection
 * @data: (transfer full) (nullable): the snapshot @func works on
 * @data_free: (nullable): frees @data once the job is over
 * @result_free: (nullable): frees a result nobody took
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context
 * @user_data: for @callback
 *
 * Runs database work off the main thread, so that the window never waits for SQLite (a
 * writer may wait up to %SSA_DB_BUSY_TIMEOUT_MS for another process's lock).
 */
void
ssa_db_job_run_async (const char          *db_path,
                      SsaDbJobFunc         func,
                      gpointer             data,
                      GDestroyNotify       data_free,
                      GDestroyNotify       result_free,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DbJob *job;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (func != NULL);

  job = g_new0 (DbJob, 1);
  job->db_path = g_strdup (db_path);
  job->read_only = read_only_paths != NULL && g_hash_table_contains (read_only_paths, db_path);
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ssa_db_job_run_async);
  g_task_set_name (task, "[ssa-desk] database job");
  g_task_set_task_data (task, job, (GDestroyNotify) db_job_free);
  g_task_run_in_thread (task, db_job_thread);
}

/**
 * ssa_db_job_set_read_only:
 * @db_path: a database file
 *
 * From now on, the jobs of ssa_db_job_run_async() on @db_path open it read-only: the
 * window was asked to (`ssa-desk --read-only`). A job that writes then fails with
 * SSA_DB_ERROR_READ_ONLY.
 */
void
ssa_db_job_set_read_only (const char *db_path)
{
  g_return_if_fail (db_path != NULL);

  if (read_only_paths == NULL)
    read_only_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (read_only_paths, g_strdup (db_path));
}

/**
 * ssa_db_job_finish:
 *
 * Returns: (transfer full) (nullable): the job's result
 */
gpointer
ssa_db_job_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ssa_db_job_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ssa_db_job_get_data:
 *
 * Returns: (transfer none) (nullable): the snapshot the job worked on
 */
gpointer
ssa_db_job_get_data (GAsyncResult *result)
{
  DbJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  job = g_task_get_task_data (G_TASK (result));
  return job->data;
}

/* Spinners.
 *
 * A spinning GtkSpinner keeps GTK 4.8's frame clock ticking, and every frame measures the
 * layout again, even when the spinner is on a page the user does not see: a window at rest
 * used 3 % of a core. A spinner here spins only while it is busy (work is running) and
 * mapped (on screen); a busy spinner that is shown later starts then. */

static void
spinner_update (GtkSpinner *spinner)
{
  gboolean busy = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spinner), "ssa-busy"));

  gtk_spinner_set_spinning (spinner, busy && gtk_widget_get_mapped (GTK_WIDGET (spinner)));
}

/**
 * ssa_page_set_busy:
 * @spinner: a spinner
 * @busy: whether the work it stands for is running
 *
 * Makes @spinner spin while @busy and shown on screen, and stop otherwise.
 */
void
ssa_page_set_busy (GtkSpinner *spinner,
                   gboolean    busy)
{
  g_return_if_fail (GTK_IS_SPINNER (spinner));

  if (g_object_get_data (G_OBJECT (spinner), "ssa-busy-watched") == NULL)
    {
      g_object_set_data (G_OBJECT (spinner), "ssa-busy-watched", GINT_TO_POINTER (TRUE));
      g_signal_connect (spinner, "map", G_CALLBACK (spinner_update), NULL);
      g_signal_connect (spinner, "unmap", G_CALLBACK (spinner_update), NULL);
    }
  g_object_set_data (G_OBJECT (spinner), "ssa-busy", GINT_TO_POINTER (busy));
  spinner_update (spinner);
}

/**
 * ssa_page_set_tooltip_text:
 * @widget: a widget
 * @text: (nullable): its tooltip
 *
 * Sets @widget's tooltip as gtk_widget_set_tooltip_text() does, without its cost in a
 * list's rows: GTK asks the display where the pointer is whenever a shown widget's tooltip
 * changes, a round trip to the X server for each row bound, even one not on screen. The
 * tooltip of a widget that is not mapped is set while it is hidden, and an unchanged one is
 * not set again.
 */
void
ssa_page_set_tooltip_text (GtkWidget  *widget,
                           const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return;
  if (!gtk_widget_get_mapped (widget) && gtk_widget_get_visible (widget))
    {
      gtk_widget_set_visible (widget, FALSE);
      gtk_widget_set_tooltip_text (widget, text);
      gtk_widget_set_visible (widget, TRUE);
    }
  else
    gtk_widget_set_tooltip_text (widget, text);
}

/**
 * ssa_page_dup_database_path:
 * @repository: (nullable): the window's repository
 *
 * Returns: (transfer full) (nullable): the file of the repository's database, which the
 *   pages' worker threads open connections of their own to; %NULL until it has been loaded
 *   (opened, created or migrated) once
 */
char *
ssa_page_dup_database_path (SsaRepository *repository)
{
  SsaDb *db;

  if (repository == NULL || !ssa_repository_get_loaded (repository))
    return NULL;
  db = ssa_repository_get_db (repository);
  return db != NULL ? g_strdup (ssa_db_get_path (db)) : NULL;
}

/* Shows @message through the window's "win.show-toast" action. */
void
ssa_page_show_message (GtkWidget  *page,
                       const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (message != NULL);

  gtk_widget_activate_action (page, "win.show-toast", "s", message);
}

/**
 * ssa_page_show_toast:
 * @page: the page that reports
 * @toast: (transfer full): the toast
 *
 * Shows a toast that has a button in the window's toast overlay. Without one (a page
 * outside the window) only its title reaches "win.show-toast".
 */
void
ssa_page_show_toast (GtkWidget *page,
                     AdwToast  *toast)
{
  GtkWidget *overlay;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* Through the window, which shows one toast at a time: see ssa_window_add_toast(). */
  root = gtk_widget_get_root (page);
  if (SSA_IS_WINDOW (root))
    {
      ssa_window_add_toast (SSA_WINDOW (root), toast);
      return;
    }
  overlay = gtk_widget_get_ancestor (page, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      ssa_gui_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }

  ssa_page_show_message (page, adw_toast_get_title (toast));
  g_object_unref (toast);
}

/* An error for the user: cancellation is the user's own doing and is not reported. */
void
ssa_page_show_error (GtkWidget    *page,
                     const GError *error)
{
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  ssa_page_show_message (page, error->message);
}

/* Returns: (transfer full): the date as the window shows it, "28.11.2026", or a dash */
char *
ssa_page_format_date (const GDate *date)
{
  if (!ssa_date_is_set (date))
    return g_strdup ("—");
  return ssa_date_format (date, ssa_lang_from_locale ());
}

/* Returns: (transfer full): "1 234,50 kr" */
char *
ssa_page_format_money (gint64      hundredths,
                       const char *currency)
{
  return ssa_money_format (hundredths, currency != NULL ? currency : "NOK",
                           ssa_lang_from_locale ());
}

/* The language of exported offers, from the preferences of @widget's application; the
 * window's own language when the settings schema is not installed. */
SsaLang
ssa_page_get_document_lang (GtkWidget *widget)
{
  GSettings *settings = ssa_application_get_settings_for_widget (widget);
  g_autofree char *lang = NULL;

  if (settings == NULL)
    return ssa_lang_from_locale ();
  lang = g_settings_get_string (settings, "document-language");
  return ssa_lang_from_string (lang);
}
