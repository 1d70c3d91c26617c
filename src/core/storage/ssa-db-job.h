/* ssa-db-job.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ssa-db.h"

G_BEGIN_DECLS

/* Database work off the main thread: a job runs in a worker thread on a connection of its
 * own, and its result (or its error) arrives on the calling thread's main context. The
 * window runs every storage call this way (docs/architecture.md, "Storage"). */

/**
 * SsaDbJobFunc:
 * @db: a connection opened for this job, in the worker thread
 * @data: the job's snapshot: plain values, never a live list model
 * @cancellable: (nullable): checked between steps of long jobs
 * @error: a #GError
 *
 * Returns: (nullable): the job's result, freed with the job's result free function when
 *   nobody takes it; %NULL with @error set for a failure
 */
typedef gpointer (*SsaDbJobFunc) (SsaDb         *db,
                                  gpointer       data,
                                  GCancellable  *cancellable,
                                  GError       **error);

void        ssa_db_job_run_async            (const char           *db_path,
                                             SsaDbJobFunc          func,
                                             gpointer              data,
                                             GDestroyNotify        data_free,
                                             GDestroyNotify        result_free,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
void        ssa_db_job_set_read_only        (const char           *db_path);
gpointer    ssa_db_job_finish               (GAsyncResult         *result,
                                             GError              **error);
gpointer    ssa_db_job_get_data             (GAsyncResult         *result);

G_END_DECLS
