/* test-renewal-batch.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ssa-date.h"
#include "ssa-db.h"
#include "ssa-offer-status.h"
#include "ssa-db-offers.h"
#include "ssa-db-inventory.h"
#include "ssa-renewal-batch.h"
#include "ssa-samples.h"
#include "test-util.h"

/* The renewal batch on a real SQLite file holding the sample installations, on the
 * samples' day (2026-11-28): the offers it makes are read back from the register, their
 * PDFs with pdftotext, and the folder is listed for what was written or left behind. */

typedef struct
{
  char       *dir;
  char       *db_path;
  char       *folder;
  SsaDb      *db;
  GDate       today;
  GHashTable *ids;              /* sample file name → installation id (gint64*) */
} Fixture;

static gint64
sample_id (Fixture    *f,
           const char *sample)
{
  gint64 *id = g_hash_table_lookup (f->ids, sample);

  g_assert_nonnull (id);
  return *id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = ssa_samples_list_installations ();
  g_autoptr(GPtrArray) inventories =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_inventory_free);
  g_autofree gint64 *ids = NULL;
  g_autofree char *db_dir = NULL;
  guint n = g_strv_length (names);

  f->dir = g_dir_make_tmp ("test-renewal-batch-XXXXXX", &error);
  g_assert_no_error (error);
  db_dir = g_build_filename (f->dir, "db", NULL);
  g_assert_cmpint (g_mkdir (db_dir, 0700), ==, 0);
  f->db_path = g_build_filename (db_dir, "ssa-desk.db", NULL);
  f->folder = g_build_filename (f->dir, "offers", NULL);
  g_assert_cmpint (g_mkdir (f->folder, 0700), ==, 0);
  f->db = ssa_db_open (f->db_path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->today = test_date ("2026-11-28");
  f->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_assert_cmpuint (n, >=, 5);
  for (guint i = 0; i < n; i++)
    {
      SsaInventory *inventory = ssa_samples_load_installation (names[i], &error);

      g_assert_no_error (error);
      g_ptr_array_add (inventories, inventory);
    }
  ids = g_new0 (gint64, n);
  g_assert_true (ssa_db_import_inventories (f->db, (SsaInventory **) inventories->pdata,
                                            (const char **) names, n, ids, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (f->ids, g_strdup (names[i]), g_memdup2 (&ids[i], sizeof (gint64)));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->db, ssa_db_close);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->folder);
  g_hash_table_unref (f->ids);
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-layout", path, "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* The number of offers the register holds for an installation. */
static guint
count_offers (Fixture *f,
              gint64   installation_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offers = ssa_db_list_offers (f->db, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < offers->len; i++)
    if (((SsaDbOffer *) g_ptr_array_index (offers, i))->installation_id == installation_id)
      n++;
  return n;
}

/* The asynchronous run, waited for. */

typedef struct
{
  SsaRenewalBatch *batch;
  GError          *error;
  GArray          *progress;    /* guint: n_done of each report */
  guint            n_total;
  GThread         *thread;      /* where progress must arrive */
  gboolean         done;
} Run;

static void
progress_cb (guint    n_done,
             guint    n_total,
             gpointer user_data)
{
  Run *run = user_data;

  g_assert_true (g_thread_self () == run->thread);
  g_array_append_val (run->progress, n_done);
  run->n_total = n_total;
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Run *run = user_data;

  run->batch = ssa_renewal_batch_run_finish (result, &run->error);
  run->done = TRUE;
}

static SsaRenewalBatch *
run_batch (Fixture         *f,
           SsaRenewalBatch *batch,
           GCancellable    *cancellable,
           GArray         **out_progress)
{
  Run run = { 0 };

  run.progress = g_array_new (FALSE, FALSE, sizeof (guint));
  run.thread = g_thread_self ();
  ssa_renewal_batch_run_async (batch, f->db_path, cancellable, progress_cb, &run, run_cb,
                               &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (run.error);
  g_assert_nonnull (run.batch);
  /* Progress that was still on its way arrives, or is dropped: never after finish. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  if (out_progress != NULL)
    *out_progress = g_steal_pointer (&run.progress);
  else
    g_array_unref (run.progress);
  return run.batch;
}

static gboolean
has_bytes (const char *data,
           gsize       length,
           const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
check_made (Fixture                   *f,
            const SsaRenewalBatchItem *item,
            const char                *name,
            const char                *customer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDbOffer) stored = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_cmpint (item->status, ==, SSA_RENEWAL_BATCH_MADE);
  g_assert_no_error (item->error);
  g_assert_cmpstr (item->name, ==, name);
  g_assert_nonnull (item->number);
  g_assert_true (g_str_has_prefix (item->number, "2026-"));

  /* In the register, for this installation, made today. */
  stored = ssa_db_load_offer (f->db, item->number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->installation_id, ==, item->installation_id);
  g_assert_cmpint (stored->status, ==, SSA_OFFER_STATUS_DRAFT);
  g_assert_cmpint (g_date_compare (&stored->created, &f->today), ==, 0);

  /* "<number> <name>.pdf" and ".xlsx" in the folder. */
  stem = g_strdup_printf ("%s %s", item->number, name);
  pdf = g_strconcat (f->folder, G_DIR_SEPARATOR_S, stem, ".pdf", NULL);
  xlsx = g_strconcat (f->folder, G_DIR_SEPARATOR_S, stem, ".xlsx", NULL);
  g_assert_cmpstr (item->pdf_path, ==, pdf);
  g_assert_cmpstr (item->xlsx_path, ==, xlsx);

  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, item->number));
  g_assert_nonnull (strstr (text, customer));
  g_assert_nonnull (strstr (text, name));
  /* A workbook is a zip archive with its parts. */
  g_assert_true (g_file_get_contents (xlsx, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (memcmp (contents, "PK\003\004", 4) == 0);
  g_assert_true (has_bytes (contents, length, "xl/workbook.xml"));
}

/* A batch over five installations: three offers made and written, one skipped for the
 * offer it already has, one that cannot have an offer (a SaaS installation) reported on
 * its own while the others go on. Run again, it makes no duplicates. */
static void
test_batch_writes (Fixture       *f,
                   gconstpointer  data)
{
  static const struct
  {
    const char *sample;
    const char *name;
    const char *customer;
  } samples[] = {
    { "renewal-in-time.json", NULL, "Bryggen Regnskap AS" },
    { "lapsed.json", NULL, NULL },
    { "saas.json", NULL, NULL },
    { "firmware-6.json", NULL, NULL },
    { "co-terming.json", NULL, NULL },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaRenewalBatch) batch = NULL;
  g_autoptr(SsaRenewalBatch) again = NULL;
  g_autoptr(SsaDbOffer) open = NULL;
  g_autoptr(GArray) progress = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  SsaOfferRequest request;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }

  /* The lapsed installation already has an offer waiting for an answer. */
  ssa_offer_request_init (&request);
  request.today = f->today;
  open = ssa_db_create_offer (f->db, sample_id (f, "lapsed.json"), &request, &f->today, 0,
                              NULL, &error);
  g_assert_no_error (error);

  batch = ssa_renewal_batch_new (f->folder, &f->today, SSA_LANG_NB);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      gint64 id = sample_id (f, samples[i].sample);
      g_autoptr(SsaInventory) inventory = ssa_db_load_inventory (f->db, id, NULL, &error);

      g_assert_no_error (error);
      g_ptr_array_add (names, g_strdup (inventory->name));
      g_ptr_array_add (customers, g_strdup (inventory->customer.name));
      ssa_renewal_batch_add (batch, id, inventory->name);
    }
  g_assert_cmpuint (ssa_renewal_batch_get_n_items (batch), ==, 5);
  g_assert_cmpstr (customers->pdata[0], ==, samples[0].customer);

  batch = run_batch (f, g_steal_pointer (&batch), NULL, &progress);

  /* Progress after each installation, in order, on this thread. */
  g_assert_cmpuint (progress->len, ==, 5);
  for (guint i = 0; i < progress->len; i++)
    g_assert_cmpuint (g_array_index (progress, guint, i), ==, i + 1);

  g_assert_false (batch->cancelled);
  g_assert_cmpuint (batch->n_made, ==, 3);
  g_assert_cmpuint (batch->n_skipped, ==, 1);
  g_assert_cmpuint (batch->n_failed, ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      const SsaRenewalBatchItem *item = ssa_renewal_batch_get_item (batch, i);

      g_assert_cmpint (item->installation_id, ==, sample_id (f, samples[i].sample));
      if (g_str_equal (samples[i].sample, "lapsed.json"))
        {
          g_assert_cmpint (item->status, ==, SSA_RENEWAL_BATCH_SKIPPED);
          g_assert_null (item->number);
          g_assert_null (item->pdf_path);
          g_assert_no_error (item->error);
          g_assert_cmpuint (count_offers (f, item->installation_id), ==, 1);
        }
      else if (g_str_equal (samples[i].sample, "saas.json"))
        {
          g_assert_cmpint (item->status, ==, SSA_RENEWAL_BATCH_FAILED);
          g_assert_nonnull (item->error);
          g_test_message ("saas: %s", item->error->message);
          g_assert_nonnull (strstr (item->error->message, "saas"));
          g_assert_null (item->number);
          g_assert_null (item->pdf_path);
          g_assert_null (item->xlsx_path);
          g_assert_cmpuint (count_offers (f, item->installation_id), ==, 0);
        }
      else
        {
          check_made (f, item, names->pdata[i], customers->pdata[i]);
          g_assert_cmpuint (count_offers (f, item->installation_id), ==, 1);
        }
    }
  /* Two files for each offer made, and nothing else. */
  g_assert_cmpuint (count_entries (f->folder), ==, 6);

  /* Again: every installation has its open offer now; nothing is made or written. */
  again = ssa_renewal_batch_new (f->folder, &f->today, SSA_LANG_NB);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    ssa_renewal_batch_add (again, sample_id (f, samples[i].sample), names->pdata[i]);
  again = run_batch (f, g_steal_pointer (&again), NULL, NULL);
  g_assert_cmpuint (again->n_made, ==, 0);
  g_assert_cmpuint (again->n_skipped, ==, 4);
  g_assert_cmpuint (again->n_failed, ==, 1);
  g_assert_cmpuint (count_entries (f->folder), ==, 6);
  g_assert_cmpuint (count_offers (f, sample_id (f, "renewal-in-time.json")), ==, 1);
}

/* A folder that cannot be written into (a file in its place, or a folder that is not
 * there): each installation reports it, its offer stays in the register to be exported
 * again, and no file, whole or partial, is left anywhere. */
static void
test_unwritable_folder (Fixture       *f,
                        gconstpointer  data)
{
  const char *cases[] = { "a-file", "missing" };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SsaRenewalBatch) batch = NULL;
      g_autofree char *folder = g_build_filename (f->dir, cases[c], NULL);
      const char *samples[] = { c == 0 ? "renewal-in-time.json" : "firmware-6.json",
                                c == 0 ? "lapsed.json" : "co-terming.json" };
      guint before = count_entries (f->dir);

      if (c == 0)
        {
          g_assert_true (g_file_set_contents (folder, "not a folder", -1, &error));
          g_assert_no_error (error);
          before++;
        }

      batch = ssa_renewal_batch_new (folder, &f->today, SSA_LANG_EN);
      for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
        ssa_renewal_batch_add (batch, sample_id (f, samples[i]), samples[i]);
      batch = run_batch (f, g_steal_pointer (&batch), NULL, NULL);

      g_assert_false (batch->cancelled);
      g_assert_cmpuint (batch->n_failed, ==, 2);
      g_assert_cmpuint (batch->n_made, ==, 2);
      for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
        {
          const SsaRenewalBatchItem *item = ssa_renewal_batch_get_item (batch, i);
          g_autoptr(SsaDbOffer) stored = NULL;

          g_assert_cmpint (item->status, ==, SSA_RENEWAL_BATCH_FAILED);
          g_assert_nonnull (item->error);
          g_test_message ("%s: %s", samples[i], item->error->message);
          /* The message names the file it could not write. */
          g_assert_nonnull (strstr (item->error->message, cases[c]));
          g_assert_null (item->pdf_path);
          g_assert_null (item->xlsx_path);
          g_assert_nonnull (item->number);
          stored = ssa_db_load_offer (f->db, item->number, &error);
          g_assert_no_error (error);
          g_assert_cmpint (stored->installation_id, ==, sample_id (f, samples[i]));
        }

      /* Nothing new beside the database: no temporary file, no half document. */
      g_assert_cmpuint (count_entries (f->dir), ==, before);
      g_assert_cmpuint (count_entries (f->folder), ==, 0);
      if (c == 0)
        {
          g_autofree char *contents = NULL;

          g_assert_true (g_file_get_contents (folder, &contents, NULL, &error));
          g_assert_cmpstr (contents, ==, "not a folder");
        }
      else
        g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
    }
}

static void
cancel_cb (guint    n_done,
           guint    n_total,
           gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

/* Cancelled, the batch stops between two installations and says what it did: cancelled
 * before it starts, it makes nothing; cancelled after the first, it made just that one. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) before = g_cancellable_new ();
  g_autoptr(GCancellable) during = g_cancellable_new ();
  g_autoptr(SsaRenewalBatch) first = ssa_renewal_batch_new (f->folder, &f->today,
                                                            SSA_LANG_NB);
  g_autoptr(SsaRenewalBatch) second = ssa_renewal_batch_new (f->folder, &f->today,
                                                             SSA_LANG_NB);
  const char *samples[] = { "renewal-in-time.json", "lapsed.json", "firmware-6.json" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      ssa_renewal_batch_add (first, sample_id (f, samples[i]), samples[i]);
      ssa_renewal_batch_add (second, sample_id (f, samples[i]), samples[i]);
    }

  /* Cancelled before it starts: a result, not an error, with nothing done. */
  g_cancellable_cancel (before);
  first = run_batch (f, g_steal_pointer (&first), before, NULL);
  g_assert_true (first->cancelled);
  g_assert_cmpuint (first->n_made + first->n_skipped + first->n_failed, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_assert_cmpint (ssa_renewal_batch_get_item (first, i)->status, ==,
                       SSA_RENEWAL_BATCH_NOT_DONE);
      g_assert_cmpuint (count_offers (f, sample_id (f, samples[i])), ==, 0);
    }
  g_assert_cmpuint (count_entries (f->folder), ==, 0);

  /* Cancelled as the first installation is done (on the calling thread, so exactly then). */
  g_assert_true (ssa_renewal_batch_run (second, f->db, during, cancel_cb, during, &error));
  g_assert_no_error (error);
  g_assert_true (second->cancelled);
  g_assert_cmpuint (second->n_made, ==, 1);
  g_assert_cmpint (ssa_renewal_batch_get_item (second, 0)->status, ==,
                   SSA_RENEWAL_BATCH_MADE);
  g_assert_cmpint (ssa_renewal_batch_get_item (second, 1)->status, ==,
                   SSA_RENEWAL_BATCH_NOT_DONE);
  g_assert_cmpint (ssa_renewal_batch_get_item (second, 2)->status, ==,
                   SSA_RENEWAL_BATCH_NOT_DONE);
  g_assert_cmpuint (count_offers (f, sample_id (f, samples[0])), ==, 1);
  g_assert_cmpuint (count_offers (f, sample_id (f, samples[1])), ==, 0);
  g_assert_cmpuint (count_entries (f->folder), ==, 2);
}

/* A database that cannot be opened (a folder in its place) fails the whole batch, with the
 * reason. */
static void
test_no_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("test-renewal-batch-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "ssa-desk.db", NULL);
  GDate today = test_date ("2026-11-28");
  SsaRenewalBatch *batch = ssa_renewal_batch_new (dir, &today, SSA_LANG_NB);
  Run run = { 0 };

  g_assert_cmpint (g_mkdir (db_path, 0700), ==, 0);
  ssa_renewal_batch_add (batch, 1, "x");
  run.progress = g_array_new (FALSE, FALSE, sizeof (guint));
  run.thread = g_thread_self ();
  ssa_renewal_batch_run_async (batch, db_path, NULL, progress_cb, &run, run_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (run.batch);
  g_assert_nonnull (run.error);
  g_test_message ("%s", run.error->message);
  g_assert_cmpuint (run.progress->len, ==, 0);
  g_clear_error (&run.error);
  g_array_unref (run.progress);
  g_assert_cmpuint (count_entries (dir), ==, 1);
  g_assert_cmpuint (count_entries (db_path), ==, 0);
  test_remove_tree (dir);
}

/* The files' names: the number and the installation's name, without what file systems
 * refuse, and short enough for the extension. */
static void
test_file_stem (void)
{
  g_autofree char *plain = ssa_renewal_batch_file_stem ("2026-0001", "Kontor Bergen");
  g_autofree char *odd = ssa_renewal_batch_file_stem ("2026-0002", "A/B: \"x\"\t*?<>|\\ ");
  g_autofree char *name = g_strnfill (300, 'a');
  g_autofree char *long_stem = NULL;
  g_autofree char *utf8_name = NULL;
  g_autofree char *utf8_stem = NULL;
  GString *s = g_string_new (NULL);

  g_assert_cmpstr (plain, ==, "2026-0001 Kontor Bergen");
  g_assert_cmpstr (odd, ==, "2026-0002 A-B- -x- ------");
  long_stem = ssa_renewal_batch_file_stem ("2026-0003", name);
  g_assert_cmpuint (strlen (long_stem), ==, 200);
  for (guint i = 0; i < 150; i++)
    g_string_append (s, "ø");
  utf8_name = g_string_free (s, FALSE);
  utf8_stem = ssa_renewal_batch_file_stem ("2026-0004", utf8_name);
  g_assert_cmpuint (strlen (utf8_stem), <=, 200);
  g_assert_true (g_utf8_validate (utf8_stem, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/renewal-batch/writes", Fixture, NULL, fixture_set_up, test_batch_writes,
              fixture_tear_down);
  g_test_add ("/renewal-batch/unwritable-folder", Fixture, NULL, fixture_set_up,
              test_unwritable_folder, fixture_tear_down);
  g_test_add ("/renewal-batch/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add_func ("/renewal-batch/no-database", test_no_database);
  g_test_add_func ("/renewal-batch/file-stem", test_file_stem);

  return g_test_run ();
}
