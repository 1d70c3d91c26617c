/* ssa-renewal-batch.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ssa-db.h"
#include "ssa-doc-strings.h"

G_BEGIN_DECLS

/* The renewal batch: for a set of installations whose SSA ends soon, a renewal offer each
 * in the register, written as a PDF and a workbook into one folder. It runs in a worker
 * thread on a database connection of its own, reports its progress, stops between two
 * installations when cancelled and says what became of each installation. The window's
 * renewals page runs it (see docs/documents.md). */

/**
 * SsaRenewalBatchStatus:
 * @SSA_RENEWAL_BATCH_NOT_DONE: the batch was cancelled before the installation
 * @SSA_RENEWAL_BATCH_MADE: its offer was made and both files written
 * @SSA_RENEWAL_BATCH_SKIPPED: it has an offer still waiting for an answer: no second one
 * @SSA_RENEWAL_BATCH_FAILED: something failed (the item's error says what); when the offer
 *   was made before its files failed, it stays in the register (the item's number)
 */
typedef enum
{
  SSA_RENEWAL_BATCH_NOT_DONE,
  SSA_RENEWAL_BATCH_MADE,
  SSA_RENEWAL_BATCH_SKIPPED,
  SSA_RENEWAL_BATCH_FAILED,
} SsaRenewalBatchStatus;

/**
 * SsaRenewalBatchItem:
 * @installation_id: the installation
 * @name: its name, for the files' names and the messages
 * @status: what became of it
 * @number: (nullable): the offer made, or %NULL
 * @pdf_path: (nullable): the PDF written, or %NULL
 * @xlsx_path: (nullable): the workbook written, or %NULL
 * @error: (nullable): why it failed
 */
typedef struct
{
  gint64                 installation_id;
  char                  *name;
  SsaRenewalBatchStatus  status;
  char                  *number;
  char                  *pdf_path;
  char                  *xlsx_path;
  GError                *error;
} SsaRenewalBatchItem;

/**
 * SsaRenewalBatch:
 * @folder: where the files go
 * @today: the day the offers are made on
 * @lang: the documents' language, stored with each offer
 * @items: (element-type SsaRenewalBatchItem): the installations, in the order given
 * @cancelled: whether the batch was cancelled before its end
 * @n_made: the offers made (also those whose files failed)
 * @n_skipped: the installations skipped for their open offer
 * @n_failed: the installations that failed
 *
 * A batch: what to do, and once run, what was done.
 */
typedef struct
{
  char      *folder;
  GDate      today;
  SsaLang    lang;
  GArray    *items;
  gboolean   cancelled;
  guint      n_made;
  guint      n_skipped;
  guint      n_failed;
} SsaRenewalBatch;

/**
 * SsaRenewalBatchProgressFunc:
 * @n_done: the installations done
 * @n_total: all of them
 * @user_data: the data given with the function
 *
 * Called after each installation, on the main context the batch was started from.
 */
typedef void (*SsaRenewalBatchProgressFunc) (guint    n_done,
                                             guint    n_total,
                                             gpointer user_data);

SsaRenewalBatch *ssa_renewal_batch_new          (const char                  *folder,
                                                 const GDate                 *today,
                                                 SsaLang                      lang);
void             ssa_renewal_batch_free         (SsaRenewalBatch             *self);
void             ssa_renewal_batch_add          (SsaRenewalBatch             *self,
                                                 gint64                       installation_id,
                                                 const char                  *name);
guint            ssa_renewal_batch_get_n_items  (const SsaRenewalBatch       *self);
const SsaRenewalBatchItem *
                 ssa_renewal_batch_get_item     (const SsaRenewalBatch       *self,
                                                 guint                        index);
char            *ssa_renewal_batch_file_stem    (const char                  *number,
                                                 const char                  *name);

gboolean         ssa_renewal_batch_run          (SsaRenewalBatch             *self,
                                                 SsaDb                       *db,
                                                 GCancellable                *cancellable,
                                                 SsaRenewalBatchProgressFunc  progress,
                                                 gpointer                     progress_data,
                                                 GError                     **error);
void             ssa_renewal_batch_run_async    (SsaRenewalBatch             *self,
                                                 const char                  *db_path,
                                                 GCancellable                *cancellable,
                                                 SsaRenewalBatchProgressFunc  progress,
                                                 gpointer                     progress_data,
                                                 GAsyncReadyCallback          callback,
                                                 gpointer                     user_data);
SsaRenewalBatch *ssa_renewal_batch_run_finish   (GAsyncResult                *result,
                                                 GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaRenewalBatch, ssa_renewal_batch_free)

G_END_DECLS
