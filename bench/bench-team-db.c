/* bench-team-db.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The team database against the SQLite file: imports N installations (ten licence lines
 * each) through the SQL engine seam into an SQLite file and into a PostgreSQL server this
 * program starts on 127.0.0.1 (tests/test-pg-server.h), then lists them as `ssa-desk-cli
 * installations` does, best of five, on both, and on the file also through the SQLite code
 * the window uses today. Target: listing from PostgreSQL over loopback at most 2× the
 * SQLite time. It also times `db copy` of the file to the server and back into a new file
 * (ssa_db_copy(): every row inserted, then read back and compared by checksums).
 * Usage: bench-team-db [N_INSTALLATIONS] [--copy-only] (default 50 000; --copy-only
 * leaves out the import into the server and the listing from it). Without an installed
 * PostgreSQL server it says so and passes.
 *
 * `--offers` times creating offers through SsaDb on the server instead, with 8 writers at
 * once (threads, each with its own connection) and with one: the median and the 95th
 * percentile of ssa_db_create_offer(), whose number is taken under the year's lock.
 * Target: a median of at most 20 ms with 8 writers.
 */

#include "config.h"

#include <string.h>

#include "ssa-db-copy.h"
#include "ssa-db-inventory.h"
#include "ssa-db-offers.h"
#include "ssa-samples.h"
#include "ssa-sql.h"
#include "ssa-team-db.h"
#include "bench-data.h"
#include "test-pg-server.h"

#define N_CUSTOMERS 2000
#define BATCH       1000
#define RUNS        5

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
import (SsaTeamDb *db,
        guint      n_installations)
{
  g_autofree SsaInventory **inventories = g_new0 (SsaInventory *, BATCH);
  g_autofree gint64 *ids = g_new0 (gint64, BATCH);

  for (guint first = 0; first < n_installations; first += BATCH)
    {
      guint n = MIN (BATCH, n_installations - first);
      g_autoptr(GError) error = NULL;

      for (guint k = 0; k < n; k++)
        inventories[k] = bench_make_inventory (first + k, N_CUSTOMERS);
      if (!ssa_team_db_import_inventories (db, inventories, NULL, n, ids, &error))
        g_error ("%s", error->message);
      for (guint k = 0; k < n; k++)
        ssa_inventory_free (inventories[k]);
    }
}

/* Imports and lists on @location; returns the best time to list, in ms. */
static double
run_engine (const char *name,
            const char *location,
            guint       n_installations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaTeamDb) db = NULL;
  double best = G_MAXDOUBLE;
  gint64 start;

  if (!ssa_team_db_init (location, NULL, &error))
    g_error ("%s: %s", name, error->message);
  db = ssa_team_db_open (location, &error);
  if (db == NULL)
    g_error ("%s: %s", name, error->message);

  start = g_get_monotonic_time ();
  import (db, n_installations);
  g_print ("%-10s import %u installations, %u licence lines: %9.0f ms\n", name,
           n_installations, n_installations * BENCH_LINES_PER_INSTALLATION, ms_since (start));
  /* What the server's autovacuum does after a large import, at once: the planner's
   * statistics. */
  if (ssa_sql_get_engine (ssa_team_db_get_sql (db)) == SSA_SQL_ENGINE_POSTGRESQL &&
      !ssa_sql_exec (ssa_team_db_get_sql (db), "ANALYZE", &error))
    g_error ("%s: %s", name, error->message);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GArray) rows = NULL;

      start = g_get_monotonic_time ();
      rows = ssa_team_db_list_installations (db, &error);
      if (rows == NULL)
        g_error ("%s: %s", name, error->message);
      g_assert_cmpuint (rows->len, ==, n_installations);
      best = MIN (best, ms_since (start));
    }
  g_print ("%-10s list the installations (seam):          %9.2f ms\n", name, best);
  return best;
}

/* Creating offers with several writers at once. */

#define OFFER_WRITERS 8
#define OFFERS_EACH   50

typedef struct
{
  const char *uri;
  gint64      installation_id;
  double     *times;     /* OFFERS_EACH, ms */
} OfferWriter;

static gpointer
offer_writer (gpointer data)
{
  OfferWriter *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (writer->uri, SSA_DB_OPEN_DEFAULT, &error);
  SsaOfferRequest request;
  GDate day;

  if (db == NULL)
    g_error ("%s", error->message);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 28, 11, 2026);
  ssa_offer_request_init (&request);
  request.today = day;
  for (guint i = 0; i < OFFERS_EACH; i++)
    {
      gint64 start = g_get_monotonic_time ();
      SsaDbOffer *offer = ssa_db_create_offer (db, writer->installation_id, &request, &day, 0,
                                               NULL, &error);

      if (offer == NULL)
        g_error ("%s", error->message);
      writer->times[i] = ms_since (start);
      ssa_db_offer_free (offer);
    }
  return NULL;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Runs @n_writers writers of OFFERS_EACH offers each at once; prints the median and the
 * 95th percentile of one offer's creation, and returns the median. */
static double
time_offer_writers (const char *uri,
                    gint64      installation_id,
                    guint       n_writers)
{
  g_autofree double *times = g_new0 (double, n_writers * OFFERS_EACH);
  OfferWriter writers[OFFER_WRITERS];
  GThread *threads[OFFER_WRITERS];
  guint n = n_writers * OFFERS_EACH;
  gint64 start = g_get_monotonic_time ();
  double median;

  g_assert (n_writers <= OFFER_WRITERS);
  for (guint i = 0; i < n_writers; i++)
    {
      writers[i] = (OfferWriter) { uri, installation_id, times + i * OFFERS_EACH };
      threads[i] = g_thread_new ("writer", offer_writer, &writers[i]);
    }
  for (guint i = 0; i < n_writers; i++)
    g_thread_join (threads[i]);
  qsort (times, n, sizeof (double), compare_double);
  median = (times[(n - 1) / 2] + times[n / 2]) / 2;
  g_print ("%-10s offer create, %u writer%s x %u: median %6.2f ms, 95th percentile %6.2f ms, "
           "%.0f offers/s\n", "postgresql", n_writers, n_writers == 1 ? " " : "s", OFFERS_EACH,
           median, times[(n * 95) / 100], n / (ms_since (start) / 1000.0));
  return median;
}

static void
bench_offers (TestPgServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *admin = test_pg_server_uri (server, "postgres");
  g_autofree char *uri = test_pg_server_uri (server, "bench_offers");
  double median;

  {
    g_autoptr(SsaSql) sql = ssa_sql_open (admin, &error);

    if (sql == NULL || !ssa_sql_exec (sql, "CREATE DATABASE bench_offers", &error))
      g_error ("%s", error->message);
  }
  if (!ssa_team_db_init (uri, NULL, &error))
    g_error ("%s", error->message);
  {
    g_autoptr(SsaDb) db = ssa_db_open (uri, SSA_DB_OPEN_DEFAULT, &error);
    SsaInventory *inventory = ssa_samples_load_installation ("renewal-in-time.json", &error);
    gint64 id = 0;

    if (db == NULL || inventory == NULL ||
        !ssa_db_import_inventories (db, &inventory, NULL, 1, &id, &error))
      g_error ("%s", error->message);
    ssa_inventory_free (inventory);

    time_offer_writers (uri, id, 1);
    median = time_offer_writers (uri, id, OFFER_WRITERS);
  }
  g_print ("offer create with %d writers at once: median %.2f ms   (target <= 20 ms)\n",
           OFFER_WRITERS, median);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *uri = NULL;
  TestPgServer *server;
  guint n_installations = 50000;
  gboolean copy_only = FALSE;
  gboolean offers = FALSE;
  double sqlite_ms, pg_ms, best = G_MAXDOUBLE;

  for (int i = 1; i < argc; i++)
    if (strcmp (argv[i], "--copy-only") == 0)
      copy_only = TRUE;
    else if (strcmp (argv[i], "--offers") == 0)
      offers = TRUE;
    else
      n_installations = (guint) g_ascii_strtoull (argv[i], NULL, 10);

  server = test_pg_server_start (&error);
  if (server == NULL)
    {
      g_print ("no PostgreSQL server to measure: %s\n", error->message);
      return 0;
    }
  g_setenv ("PGPASSWORD", TEST_PG_PASSWORD, TRUE);
  if (offers)
    {
      bench_offers (server);
      test_pg_server_stop (server);
      return 0;
    }

  dir = g_dir_make_tmp ("bench-team-db-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "ssa-desk.db", NULL);
  sqlite_ms = run_engine ("sqlite", path, n_installations);

  /* The same file through the SQLite code the window and the command line use today. */
  {
    g_autoptr(SsaDb) db = ssa_db_open (path, SSA_DB_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    for (guint run = 0; run < RUNS; run++)
      {
        g_autoptr(GArray) rows = NULL;
        gint64 start = g_get_monotonic_time ();

        rows = ssa_db_list_installations (db, &error);
        g_assert_no_error (error);
        best = MIN (best, ms_since (start));
      }
    g_print ("%-10s list the installations (ssa-db.c):      %9.2f ms\n", "sqlite", best);
  }

  admin = test_pg_server_uri (server, "postgres");
  {
    g_autoptr(SsaSql) sql = ssa_sql_open (admin, &error);

    g_assert_no_error (error);
    if (!ssa_sql_exec (sql, "CREATE DATABASE bench", &error) ||
        !ssa_sql_exec (sql, "CREATE DATABASE bench_copy", &error))
      g_error ("%s", error->message);
  }

  /* db copy: the file to an empty server database (made by the copy), then back. */
  {
    g_autofree char *copy_uri = test_pg_server_uri (server, "bench_copy");
    g_autofree char *back = g_build_filename (dir, "back.db", NULL);
    SsaDbCopyStats stats;
    gint64 start = g_get_monotonic_time ();

    if (!ssa_db_copy (path, copy_uri, &stats, &error))
      g_error ("%s", error->message);
    g_print ("%-10s db copy file -> server, %" G_GINT64_FORMAT " rows:   %9.0f ms\n", "copy",
             stats.total_rows, ms_since (start));
    start = g_get_monotonic_time ();
    if (!ssa_db_copy (copy_uri, back, &stats, &error))
      g_error ("%s", error->message);
    g_print ("%-10s db copy server -> file, %" G_GINT64_FORMAT " rows:   %9.0f ms\n", "copy",
             stats.total_rows, ms_since (start));
  }
  if (copy_only)
    {
      test_pg_server_stop (server);
      test_remove_tree (dir);
      return 0;
    }

  uri = test_pg_server_uri (server, "bench");
  pg_ms = run_engine ("postgresql", uri, n_installations);

  g_print ("listing from PostgreSQL over loopback (TLS): %.2f x the SQLite time   "
           "(target <= 2 x)\n", pg_ms / sqlite_ms);

  test_pg_server_stop (server);
  test_remove_tree (dir);
  return 0;
}
