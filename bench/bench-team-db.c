/* bench-team-db.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The team database against the SQLite file: imports N installations (ten licence lines
 * each) through the SQL engine seam into an SQLite file and into a PostgreSQL server this
 * program starts on 127.0.0.1 (tests/test-pg-server.h), then lists them as `ssa-desk-cli
 * installations` does, on both, and on the file also through the SQLite code the window
 * uses today. The listings take turns, round after round, and each keeps its best round,
 * so that the other work of a shared machine weighs on both alike. Target: listing from
 * PostgreSQL over loopback at most 2× the SQLite time, measured over TCP on 127.0.0.1 with
 * TLS, as the tests connect; the same server is also listed over TCP without TLS and over
 * its Unix socket, for comparison. It also times `db copy` of the file to the server and
 * back into a new file (ssa_db_copy(): every row inserted, then read back and compared by
 * checksums). Usage: bench-team-db [N_INSTALLATIONS] [--copy-only] (default 50 000;
 * --copy-only leaves out the import into the server and the listings). Without an
 * installed PostgreSQL server it says so and passes.
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
#define LOAD_ROUNDS 5
#define ROUNDS      30

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

/* Makes the schema on @location and imports @n_installations into it. */
static SsaTeamDb *
import_engine (const char *name,
               const char *location,
               guint       n_installations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaTeamDb) db = NULL;
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
  /* What the server's autovacuum does after a large import (PostgreSQL 13 and newer vacuum
   * a table after many inserts, not only after updates), at once: the planner's
   * statistics and the map of pages all visible. */
  if (ssa_sql_get_engine (ssa_team_db_get_sql (db)) == SSA_SQL_ENGINE_POSTGRESQL &&
      !ssa_sql_exec (ssa_team_db_get_sql (db), "VACUUM ANALYZE", &error))
    g_error ("%s: %s", name, error->message);
  return g_steal_pointer (&db);
}

/* Lists the installations of @db once; returns the time, in ms. */
static double
list_once (SsaTeamDb *db,
           guint      n_installations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  rows = ssa_team_db_list_installations (db, &error);
  ms = ms_since (start);
  if (rows == NULL)
    g_error ("%s", error->message);
  g_assert_cmpuint (rows->len, ==, n_installations);
  return ms;
}

/* The same file through the SQLite code the window and the command line use today. */
static double
list_once_ssa_db (SsaDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  rows = ssa_db_list_installations (db, &error);
  ms = ms_since (start);
  g_assert_no_error (error);
  return ms;
}

/* What the window's repository reads when it loads (ssa_repository_load_async()'s worker):
 * the customers, then every installation with its licence lines, through SsaDb on either
 * engine; returns the time, in ms. */
static double
load_once (SsaDb *db,
           guint  n_installations)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) installations = NULL;
  gint64 start = g_get_monotonic_time ();
  double ms;

  customers = ssa_db_load_customers (db, &error);
  g_assert_no_error (error);
  installations = ssa_db_load_installations_full (db, NULL, NULL, NULL, &error);
  ms = ms_since (start);
  g_assert_no_error (error);
  g_assert_cmpuint (installations->len, ==, n_installations);
  return ms;
}

/* Lets the server take connections over TCP without TLS as well (the tests' server takes
 * only TLS there), for the comparison. */
static void
allow_plain_tcp (TestPgServer *server,
                 SsaSql       *admin)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *hba = g_build_filename (server->data, "pg_hba.conf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *more = NULL;

  if (!g_file_get_contents (hba, &contents, NULL, &error))
    g_error ("%s", error->message);
  more = g_strconcat (contents, "host all all 127.0.0.1/32 scram-sha-256\n", NULL);
  if (!g_file_set_contents (hba, more, -1, &error) ||
      !ssa_sql_exec (admin, "SELECT pg_reload_conf ()", &error))
    g_error ("%s", error->message);
}

/* Creating offers with several writers at once. */

#define OFFER_WRITERS 8
#define OFFERS_EACH   50

/* Holds the writers until each has its connection, so that they start creating together:
 * a writer that connects early must not have the server to itself for its first offers. */
typedef struct
{
  GMutex mutex;
  GCond  cond;
  guint  waiting;        /* writers still connecting */
} OfferStart;

typedef struct
{
  const char *uri;
  gint64      installation_id;
  double     *times;     /* OFFERS_EACH, ms */
  OfferStart *start;
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
  g_mutex_lock (&writer->start->mutex);
  if (--writer->start->waiting == 0)
    g_cond_broadcast (&writer->start->cond);
  while (writer->start->waiting > 0)
    g_cond_wait (&writer->start->cond, &writer->start->mutex);
  g_mutex_unlock (&writer->start->mutex);

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
  OfferStart gate = { .waiting = n_writers };
  gint64 start;
  double median;

  g_assert (n_writers <= OFFER_WRITERS);
  g_mutex_init (&gate.mutex);
  g_cond_init (&gate.cond);
  for (guint i = 0; i < n_writers; i++)
    {
      writers[i] = (OfferWriter) { uri, installation_id, times + i * OFFERS_EACH, &gate };
      threads[i] = g_thread_new ("writer", offer_writer, &writers[i]);
    }
  /* The rate is counted from when the last writer has connected. */
  g_mutex_lock (&gate.mutex);
  while (gate.waiting > 0)
    g_cond_wait (&gate.cond, &gate.mutex);
  start = g_get_monotonic_time ();
  g_mutex_unlock (&gate.mutex);
  for (guint i = 0; i < n_writers; i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&gate.mutex);
  g_cond_clear (&gate.cond);
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
  g_autofree char *uri_plain = NULL;
  g_autofree char *uri_socket = NULL;
  g_autoptr(SsaTeamDb) file_db = NULL;
  g_autoptr(SsaDb) old_db = NULL;
  g_autoptr(SsaTeamDb) tls_db = NULL;
  g_autoptr(SsaTeamDb) plain_db = NULL;
  g_autoptr(SsaTeamDb) socket_db = NULL;
  TestPgServer *server;
  guint n_installations = 50000;
  gboolean copy_only = FALSE;
  double sqlite_ms = G_MAXDOUBLE, old_ms = G_MAXDOUBLE, tls_ms = G_MAXDOUBLE;
  double plain_ms = G_MAXDOUBLE, socket_ms = G_MAXDOUBLE;
  gboolean offers = FALSE;

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
  file_db = import_engine ("sqlite", path, n_installations);
  old_db = ssa_db_open (path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  admin = test_pg_server_uri (server, "postgres");
  {
    g_autoptr(SsaSql) sql = ssa_sql_open (admin, &error);

    g_assert_no_error (error);
    if (!ssa_sql_exec (sql, "CREATE DATABASE bench", &error) ||
        !ssa_sql_exec (sql, "CREATE DATABASE bench_copy", &error))
      g_error ("%s", error->message);
    allow_plain_tcp (server, sql);
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
  tls_db = import_engine ("postgresql", uri, n_installations);

  uri_plain = g_strconcat (uri, "?sslmode=disable", NULL);
  uri_socket = g_strdup_printf ("postgresql://" TEST_PG_USER "@/bench?host=%s&port=%d",
                                server->dir, server->port);
  plain_db = ssa_team_db_open (uri_plain, &error);
  g_assert_no_error (error);
  socket_db = ssa_team_db_open (uri_socket, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < ROUNDS; round++)
    {
      sqlite_ms = MIN (sqlite_ms, list_once (file_db, n_installations));
      tls_ms = MIN (tls_ms, list_once (tls_db, n_installations));
      old_ms = MIN (old_ms, list_once_ssa_db (old_db));
      plain_ms = MIN (plain_ms, list_once (plain_db, n_installations));
      socket_ms = MIN (socket_ms, list_once (socket_db, n_installations));
    }

  g_print ("list %u installations, best of %u rounds taking turns:\n", n_installations, ROUNDS);
  g_print ("  sqlite     the file through the seam:            %9.2f ms\n", sqlite_ms);
  g_print ("  sqlite     the file through ssa-db.c:            %9.2f ms\n", old_ms);
  g_print ("  postgresql TCP on 127.0.0.1, TLS (the target's): %9.2f ms  %.2f x\n", tls_ms,
           tls_ms / sqlite_ms);
  g_print ("  postgresql TCP on 127.0.0.1, sslmode=disable:    %9.2f ms  %.2f x\n", plain_ms,
           plain_ms / sqlite_ms);
  g_print ("  postgresql its Unix socket, no TLS:              %9.2f ms  %.2f x\n", socket_ms,
           socket_ms / sqlite_ms);
  g_print ("listing from PostgreSQL over loopback (TLS): %.2f x the SQLite time   "
           "(target <= 2 x): %s\n", tls_ms / sqlite_ms,
           tls_ms <= 2 * sqlite_ms ? "met" : "NOT met");

  /* The window's load: the same two databases through SsaDb, taking turns. */
  {
    g_autoptr(SsaDb) team = ssa_db_open (uri, SSA_DB_OPEN_DEFAULT, &error);
    double file_load = G_MAXDOUBLE, team_load = G_MAXDOUBLE;

    g_assert_no_error (error);
    for (guint round = 0; round < LOAD_ROUNDS; round++)
      {
        file_load = MIN (file_load, load_once (old_db, n_installations));
        team_load = MIN (team_load, load_once (team, n_installations));
      }
    g_print ("load the window's rows (%u installations, %u lines), best of %u rounds:\n",
             n_installations, n_installations * BENCH_LINES_PER_INSTALLATION, LOAD_ROUNDS);
    g_print ("  sqlite     the file:                             %9.2f ms\n", file_load);
    g_print ("  postgresql TCP on 127.0.0.1, TLS:                %9.2f ms  %.2f x\n",
             team_load, team_load / file_load);
    g_print ("loading from PostgreSQL over loopback (TLS): %.2f x the SQLite time   "
             "(target <= 2 x): %s\n", team_load / file_load,
             team_load <= 2 * file_load ? "met" : "NOT met");
  }

  g_clear_pointer (&file_db, ssa_team_db_close);
  g_clear_pointer (&old_db, ssa_db_close);
  g_clear_pointer (&tls_db, ssa_team_db_close);
  g_clear_pointer (&plain_db, ssa_team_db_close);
  g_clear_pointer (&socket_db, ssa_team_db_close);
  test_pg_server_stop (server);
  test_remove_tree (dir);
  return 0;
}
