/* test-db-job.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "ssa-db-inventory.h"
#include "ssa-db-job.h"
#include "ssa-db.h"

#include "test-util.h"

/* The job runner (ssa-db-job.h) on a real SQLite file: the work runs in a worker thread on
 * a connection of its own, and its result, its error or its cancellation arrives on the
 * main context of the thread that started it. */

typedef struct
{
  char       *dir;
  char       *path;
  GThread    *caller;    /* the thread that started the job */
  GThread    *worker;    /* the thread the job's work ran in */
  GMutex      lock;
  GCond       cond;
  gboolean    release;   /* the job may go on (a job that waits for its cancellation) */
  gboolean    started;
  gboolean    done;
  GThread    *callback_thread;
  gpointer    result;
  GError     *error;
  gboolean    data_freed;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;

  f->dir = g_dir_make_tmp ("test-db-job-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ssa-desk.db", NULL);
  db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->caller = g_thread_self ();
  g_mutex_init (&f->lock);
  g_cond_init (&f->cond);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_error (&f->error);
  g_mutex_clear (&f->lock);
  g_cond_clear (&f->cond);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

typedef struct
{
  Fixture *f;
  char    *name;
} JobData;

static void
job_data_free (gpointer data)
{
  JobData *job = data;

  job->f->data_freed = TRUE;
  g_free (job->name);
  g_free (job);
}

static JobData *
job_data_new (Fixture    *f,
              const char *name)
{
  JobData *job = g_new0 (JobData, 1);

  job->f = f;
  job->name = g_strdup (name);
  return job;
}

/* Stores a customer and reads the customers back: both on the job's own connection. */
static gpointer
add_customer_job (SsaDb         *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  JobData *job = data;
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();

  job->f->worker = g_thread_self ();
  ssa_customer_set_name (customer, job->name);
  if (!ssa_db_insert_customer (db, customer, error))
    return NULL;
  return ssa_db_load_customers (db, error);
}

/* Waits, on the worker thread, until the test cancelled the job. */
static gpointer
wait_for_cancel_job (SsaDb         *db,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  JobData *job = data;
  Fixture *f = job->f;

  g_mutex_lock (&f->lock);
  f->started = TRUE;
  g_cond_broadcast (&f->cond);
  while (!f->release)
    g_cond_wait (&f->cond, &f->lock);
  g_mutex_unlock (&f->lock);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_strdup ("not cancelled");
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Fixture *f = user_data;
  JobData *job = ssa_db_job_get_data (result);

  /* The snapshot is still there for the callback. */
  if (job != NULL)
    g_assert_true (job->f == f);
  f->callback_thread = g_thread_self ();
  f->result = ssa_db_job_finish (result, &f->error);
  f->done = TRUE;
}

static void
wait_done (Fixture *f)
{
  while (!f->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_result_on_caller (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;

  ssa_db_job_run_async (f->path, add_customer_job, job_data_new (f, "Fjordnett AS"),
                        job_data_free, (GDestroyNotify) g_ptr_array_unref, NULL, job_done_cb, f);
  /* Nothing arrives before the caller's main context runs. */
  g_assert_false (f->done);
  wait_done (f);

  g_assert_no_error (f->error);
  g_assert_nonnull (f->worker);
  g_assert_true (f->worker != f->caller);
  g_assert_true (f->callback_thread == f->caller);
  g_assert_true (f->data_freed);

  customers = f->result;
  g_assert_cmpuint (customers->len, ==, 1);
  g_assert_cmpstr (ssa_customer_get_name (g_ptr_array_index (customers, 0)), ==,
                   "Fjordnett AS");

  /* It is in the file, for another connection. */
  db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  stored = ssa_db_load_customers (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 1);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  ssa_db_job_run_async (f->path, wait_for_cancel_job, job_data_new (f, NULL), job_data_free,
                        g_free, cancellable, job_done_cb, f);

  g_mutex_lock (&f->lock);
  while (!f->started)
    g_cond_wait (&f->cond, &f->lock);
  g_mutex_unlock (&f->lock);

  g_cancellable_cancel (cancellable);
  g_mutex_lock (&f->lock);
  f->release = TRUE;
  g_cond_broadcast (&f->cond);
  g_mutex_unlock (&f->lock);

  wait_done (f);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (f->result);
  g_assert_true (f->callback_thread == f->caller);
}

static void
test_cancelled_before (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled before it started: the work does not run at all. */
  g_cancellable_cancel (cancellable);
  ssa_db_job_run_async (f->path, add_customer_job, job_data_new (f, "Never AS"),
                        job_data_free, (GDestroyNotify) g_ptr_array_unref, cancellable,
                        job_done_cb, f);
  wait_done (f);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (f->worker);

  db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  stored = ssa_db_load_customers (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 0);
}

/* Deletes a customer that is not there: the database's error reaches the caller. */
static gpointer
delete_missing_job (SsaDb         *db,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  JobData *job = data;

  job->f->worker = g_thread_self ();
  if (!ssa_db_delete_customer (db, 4242, error))
    return NULL;
  return g_strdup ("deleted");
}

static void
test_error (Fixture       *f,
            gconstpointer  data)
{
  ssa_db_job_run_async (f->path, delete_missing_job, job_data_new (f, NULL), job_data_free,
                        g_free, NULL, job_done_cb, f);
  wait_done (f);
  g_assert_error (f->error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
  g_assert_null (f->result);
  g_assert_true (f->worker != f->caller);
  g_assert_true (f->callback_thread == f->caller);
}

static void
test_open_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "not-a-database.db", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "This is not an SQLite file, and it is long enough to be read "
                       "as one: SQLite reads the first hundred bytes for its header, so this "
                       "sentence goes on a little.", -1, &error);
  g_assert_no_error (error);

  ssa_db_job_run_async (path, add_customer_job, job_data_new (f, "Fjordnett AS"),
                        job_data_free, (GDestroyNotify) g_ptr_array_unref, NULL, job_done_cb, f);
  wait_done (f);
  g_assert_error (f->error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE);
  /* The work never ran: the connection could not be opened. */
  g_assert_null (f->worker);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  /* Jobs on a path set read-only open it read-only: a write fails and nothing is stored. */
  ssa_db_job_set_read_only (f->path);
  ssa_db_job_run_async (f->path, add_customer_job, job_data_new (f, "Fjordnett AS"),
                        job_data_free, (GDestroyNotify) g_ptr_array_unref, NULL, job_done_cb, f);
  wait_done (f);
  g_assert_error (f->error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/db-job/result-on-caller", test_result_on_caller);
  ADD ("/db-job/cancelled", test_cancelled);
  ADD ("/db-job/cancelled-before", test_cancelled_before);
  ADD ("/db-job/error", test_error);
  ADD ("/db-job/open-error", test_open_error);
  /* Last: the read-only paths last for the process. */
  ADD ("/db-job/read-only", test_read_only);
#undef ADD

  return g_test_run ();
}
