/* ssa-db-job.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ssa-db-job.h"

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
 * too, so that not even a schema update is written. Any thread, under the lock. */
static GHashTable *read_only_paths;
G_LOCK_DEFINE_STATIC (read_only_paths);

static gboolean
is_read_only_path (const char *db_path)
{
  gboolean read_only;

  G_LOCK (read_only_paths);
  read_only = read_only_paths != NULL && g_hash_table_contains (read_only_paths, db_path);
  G_UNLOCK (read_only_paths);
  return read_only;
}

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
  job->read_only = is_read_only_path (db_path);
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

  G_LOCK (read_only_paths);
  if (read_only_paths == NULL)
    read_only_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (read_only_paths, g_strdup (db_path));
  G_UNLOCK (read_only_paths);
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

