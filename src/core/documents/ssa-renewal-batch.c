/* ssa-renewal-batch.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-documents"

#include "config.h"

#include <string.h>

#include "ssa-date.h"
#include "ssa-document.h"
#include "ssa-document-details.h"
#include "ssa-offer-files.h"
#include "ssa-renewal-batch.h"
#include "ssa-db-inventory.h"

static void
item_clear (gpointer data)
{
  SsaRenewalBatchItem *item = data;

  g_free (item->name);
  g_free (item->number);
  g_free (item->pdf_path);
  g_free (item->xlsx_path);
  g_clear_error (&item->error);
}

/**
 * ssa_renewal_batch_new:
 * @folder: the folder for the files
 * @today: the day the offers are made on
 * @lang: the documents' language
 *
 * Returns: (transfer full): an empty batch; add its installations with
 *   ssa_renewal_batch_add()
 */
SsaRenewalBatch *
ssa_renewal_batch_new (const char  *folder,
                       const GDate *today,
                       SsaLang      lang)
{
  SsaRenewalBatch *self;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_new0 (SsaRenewalBatch, 1);
  self->folder = g_strdup (folder);
  self->today = *today;
  self->lang = lang;
  self->items = g_array_new (FALSE, TRUE, sizeof (SsaRenewalBatchItem));
  g_array_set_clear_func (self->items, item_clear);
  return self;
}

void
ssa_renewal_batch_free (SsaRenewalBatch *self)
{
  if (self == NULL)
    return;
  g_free (self->folder);
  g_clear_pointer (&self->items, g_array_unref);
  g_free (self);
}

/**
 * ssa_renewal_batch_add:
 * @installation_id: an installation
 * @name: its name, for its files' names
 *
 * Adds an installation to a batch not yet run.
 */
void
ssa_renewal_batch_add (SsaRenewalBatch *self,
                       gint64           installation_id,
                       const char      *name)
{
  SsaRenewalBatchItem item = { 0 };

  g_return_if_fail (self != NULL);

  item.installation_id = installation_id;
  item.name = g_strdup (name != NULL ? name : "");
  g_array_append_val (self->items, item);
}

guint
ssa_renewal_batch_get_n_items (const SsaRenewalBatch *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

/**
 * ssa_renewal_batch_get_item:
 *
 * Returns: (transfer none): the installation at @index, and what became of it
 */
const SsaRenewalBatchItem *
ssa_renewal_batch_get_item (const SsaRenewalBatch *self,
                            guint                  index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return &g_array_index (self->items, SsaRenewalBatchItem, index);
}

/**
 * ssa_renewal_batch_file_stem:
 * @number: an offer's number
 * @name: its installation's name
 *
 * Returns: (transfer full): the name of the offer's files without their extension: the
 *   number and the name, without characters that file systems or file managers refuse,
 *   and short enough for NAME_MAX with room for the extension
 */
char *
ssa_renewal_batch_file_stem (const char *number,
                             const char *name)
{
  g_autofree char *stem = g_strdup_printf ("%s %s", number, name);

  g_strdelimit (stem, "/\\:*?\"<>|", '-');
  for (char *p = stem; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  g_strstrip (stem);
  /* Keep clear of NAME_MAX with room for the extension. */
  if (strlen (stem) > 200)
    {
      const char *end = stem + 200;

      while (end > stem && !g_utf8_validate (stem, end - stem, NULL))
        end--;
      stem[end - stem] = '\0';
    }
  return g_steal_pointer (&stem);
}

static gboolean
write_documents (SsaRenewalBatch         *self,
                 SsaRenewalBatchItem     *item,
                 const SsaOffer          *offer,
                 const SsaInventory      *inventory,
                 const SsaDocumentInfo   *info,
                 GError                 **error)
{
  g_autofree char *stem = ssa_renewal_batch_file_stem (item->number, item->name);
  g_autofree char *pdf_name = g_strconcat (stem, ".pdf", NULL);
  g_autofree char *xlsx_name = g_strconcat (stem, ".xlsx", NULL);
  g_autofree char *pdf_path = g_build_filename (self->folder, pdf_name, NULL);
  g_autofree char *xlsx_path = g_build_filename (self->folder, xlsx_name, NULL);
  SsaOfferFilePaths paths = { { NULL, } };

  /* Both or neither: a workbook that fails leaves no PDF behind. */
  paths.paths[SSA_OFFER_FILE_PDF] = pdf_path;
  paths.paths[SSA_OFFER_FILE_XLSX] = xlsx_path;
  if (!ssa_offer_files_write (&paths, NULL, offer, inventory, info, NULL, error))
    return FALSE;
  item->pdf_path = g_steal_pointer (&pdf_path);
  item->xlsx_path = g_steal_pointer (&xlsx_path);
  return TRUE;
}

/**
 * ssa_renewal_batch_run:
 * @self: a batch not yet run
 * @db: the database, on the calling thread
 * @cancellable: (nullable): stops the batch between two installations
 * @progress: (nullable): called after each installation, on the calling thread
 * @progress_data: for @progress
 * @error: a #GError
 *
 * Makes a renewal offer for each installation of the batch that has no offer waiting for
 * an answer, with its PDF and workbook in the batch's folder (both or neither), named by
 * ssa_renewal_batch_file_stem(). The offers get the profile's default validity and the
 * document details the window and the command line use. An installation that fails is
 * reported in its item and the batch goes on; an offer whose files fail stays in the
 * register, where it can be exported again.
 *
 * Returns: %FALSE only when the batch could not start (the open offers could not be read);
 *   the installations' own failures are in their items
 */
gboolean
ssa_renewal_batch_run (SsaRenewalBatch              *self,
                       SsaDb                        *db,
                       GCancellable                 *cancellable,
                       SsaRenewalBatchProgressFunc   progress,
                       gpointer                      progress_data,
                       GError                      **error)
{
  g_autoptr(GHashTable) open_offers = NULL;
  SsaOfferRequest request;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ssa_offer_request_init (&request);
  request.today = self->today;
  request.lang = self->lang;   /* stored with each offer, for "offer export" */

  /* An installation whose offer still waits for an answer gets no second one: read now,
   * not when the list was loaded, so that a batch run twice makes no duplicates. */
  open_offers = ssa_db_list_open_offers (db, &self->today, error);
  if (open_offers == NULL)
    return FALSE;

  for (guint i = 0; i < self->items->len; i++)
    {
      SsaRenewalBatchItem *item = &g_array_index (self->items, SsaRenewalBatchItem, i);
      g_autoptr(SsaInventory) inventory = NULL;
      g_autoptr(SsaDbOffer) stored = NULL;
      g_autoptr(SsaOffer) offer = NULL;
      g_autoptr(SsaDocumentInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        {
          self->cancelled = TRUE;
          break;
        }

      if (g_hash_table_contains (open_offers, &item->installation_id))
        {
          item->status = SSA_RENEWAL_BATCH_SKIPPED;
          self->n_skipped++;
        }
      else
        {
          /* A batch has no validity of its own: its offers get the profile's default. */
          inventory = ssa_db_load_inventory (db, item->installation_id, NULL, &local_error);
          if (inventory != NULL)
            stored = ssa_db_create_offer (db, item->installation_id, &request, &self->today,
                                          0, &offer, &local_error);
          if (stored != NULL)
            {
              item->number = g_strdup (stored->number);
              self->n_made++;
              info = ssa_document_info_new ();
              info->lang = self->lang;
              /* The details are the window's and the command line's. */
              if (ssa_document_details_load (db, item->installation_id, stored, NULL,
                                             inventory, info, &local_error))
                write_documents (self, item, offer, inventory, info, &local_error);
            }

          if (local_error != NULL)
            {
              item->status = SSA_RENEWAL_BATCH_FAILED;
              item->error = g_steal_pointer (&local_error);
              self->n_failed++;
            }
          else
            item->status = SSA_RENEWAL_BATCH_MADE;
        }

      if (progress != NULL)
        progress (i + 1, self->items->len, progress_data);
    }

  return TRUE;
}

/* The asynchronous run. Progress goes back to the caller's main context through a shared
 * state that outlives the worker; once the batch is finished, progress that arrives late
 * is dropped, so that the caller's data is never used after it went. */

typedef struct
{
  SsaRenewalBatchProgressFunc  func;
  gpointer                     data;
  GMainContext                *context;
  gint                         finished;   /* atomic */
} ProgressState;

typedef struct
{
  ProgressState *state;                    /* atomic reference counted */
  guint          n_done;
  guint          n_total;
} ProgressReport;

typedef struct
{
  SsaRenewalBatch *batch;
  char            *db_path;
  GCancellable    *cancellable;            /* stops between installations */
  ProgressState   *state;
} RunData;

static void
progress_state_clear (ProgressState *state)
{
  g_main_context_unref (state->context);
}

static void
progress_report_free (ProgressReport *report)
{
  g_atomic_rc_box_release_full (report->state, (GDestroyNotify) progress_state_clear);
  g_free (report);
}

static gboolean
progress_report_cb (gpointer user_data)
{
  ProgressReport *report = user_data;

  if (!g_atomic_int_get (&report->state->finished))
    report->state->func (report->n_done, report->n_total, report->state->data);
  return G_SOURCE_REMOVE;
}

static void
worker_progress_cb (guint    n_done,
                    guint    n_total,
                    gpointer user_data)
{
  ProgressState *state = user_data;
  ProgressReport *report = g_new0 (ProgressReport, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  report->state = g_atomic_rc_box_acquire (state);
  report->n_done = n_done;
  report->n_total = n_total;
  /* Always through a source of the caller's context, never g_main_context_invoke(): that
   * runs the function right here, in the worker, whenever the context is not running. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_report_cb, report,
                         (GDestroyNotify) progress_report_free);
  g_source_set_static_name (source, "[ssa-desk] renewal batch progress");
  g_source_attach (source, state->context);
}

static void
run_data_free (RunData *data)
{
  ssa_renewal_batch_free (data->batch);
  g_free (data->db_path);
  g_clear_object (&data->cancellable);
  if (data->state != NULL)
    g_atomic_rc_box_release_full (data->state, (GDestroyNotify) progress_state_clear);
  g_free (data);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GError) error = NULL;

  /* SQLite connections belong to one thread at a time: the batch opens its own, which WAL
   * makes cheap next to the window's. */
  db = ssa_db_open (data->db_path, SSA_DB_OPEN_DEFAULT, &error);
  if (db == NULL ||
      !ssa_renewal_batch_run (data->batch, db, data->cancellable,
                              data->state->func != NULL ? worker_progress_cb : NULL,
                              data->state,
                              &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&data->batch),
                         (GDestroyNotify) ssa_renewal_batch_free);
}

/**
 * ssa_renewal_batch_run_async:
 * @self: (transfer full): a batch not yet run
 * @db_path: the database file
 * @cancellable: (nullable): stops the batch between two installations; a cancelled batch
 *   still finishes with what it did (#SsaRenewalBatch:cancelled), not with an error
 * @progress: (nullable): called after each installation on the calling thread's main
 *   context, until ssa_renewal_batch_run_finish() is called
 * @progress_data: for @progress; it must stay valid until ssa_renewal_batch_run_finish()
 * @callback: called on the calling thread's main context
 * @user_data: for @callback
 *
 * Runs ssa_renewal_batch_run() in a worker thread on a database connection of its own.
 */
void
ssa_renewal_batch_run_async (SsaRenewalBatch              *self,
                             const char                   *db_path,
                             GCancellable                 *cancellable,
                             SsaRenewalBatchProgressFunc   progress,
                             gpointer                      progress_data,
                             GAsyncReadyCallback           callback,
                             gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (self != NULL);
  g_return_if_fail (db_path != NULL);

  data = g_new0 (RunData, 1);
  data->batch = self;
  data->db_path = g_strdup (db_path);
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  data->state = g_atomic_rc_box_new0 (ProgressState);
  data->state->func = progress;
  data->state->data = progress_data;
  data->state->context = g_main_context_ref_thread_default ();

  /* The task itself gets no cancellable: a cancelled batch still reports the offers it made
   * before it stopped. */
  task = g_task_new (NULL, NULL, callback, user_data);
  g_task_set_source_tag (task, ssa_renewal_batch_run_async);
  g_task_set_name (task, "[ssa-desk] renewal batch");
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

/**
 * ssa_renewal_batch_run_finish:
 *
 * Returns: (transfer full): the batch with what became of each installation, or %NULL
 *   when it could not run (the database could not be opened or read)
 */
SsaRenewalBatch *
ssa_renewal_batch_run_finish (GAsyncResult  *result,
                              GError       **error)
{
  RunData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_renewal_batch_run_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  g_atomic_int_set (&data->state->finished, TRUE);
  return g_task_propagate_pointer (G_TASK (result), error);
}
