/* test-team-db.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "ssa-error.h"
#include "ssa-profile.h"
#include "ssa-samples.h"
#include "ssa-sql.h"
#include "ssa-team-db.h"
#include "ssa-db-inventory.h"
#include "ssa-db-licences.h"
#include "ssa-db-offers.h"
#include "ssa-db-price-lists.h"

#include "test-cli-util.h"
#include "test-pg-server.h"
#include "test-util.h"

/* The storage on the SQL engine seam, the same tests on both engines: SSA_TEST_ENGINE=sqlite
 * runs them on SQLite files in a temporary folder, SSA_TEST_ENGINE=postgresql on a real
 * PostgreSQL server this program starts (test-pg-server.h), one new database per test. The
 * seam itself (parameters, values, transactions), the schema (`db init`, its rules), the
 * price lists, the command line with --db; and, on PostgreSQL, the failures a user meets:
 * a wrong password, a server that does not answer. */

static TestPgServer *server;   /* NULL on SQLite */
static char *run_dir;           /* the temporary folder of this run */
static guint n_databases;

typedef struct
{
  char *location;   /* the file or the URI */
} Fixture;

static gboolean
on_pg (void)
{
  return server != NULL;
}

/* A new, empty database on the engine of this run. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *name = g_strdup_printf ("ssa_test_%u", ++n_databases);

  if (on_pg ())
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *admin = test_pg_server_uri (server, "postgres");
      g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
      g_autoptr(SsaSql) sql = ssa_sql_open (admin, &error);

      g_assert_no_error (error);
      g_assert_true (ssa_sql_exec (sql, create, &error));
      g_assert_no_error (error);
      f->location = test_pg_server_uri (server, name);
    }
  else
    {
      g_autofree char *file = g_strconcat (name, ".db", NULL);

      f->location = g_build_filename (run_dir, file, NULL);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->location);
}

/* A raw connection to the fixture's database, for what the tests check behind the API. */
static SsaSql *
open_raw (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SsaSql *sql = ssa_sql_open (f->location, &error);

  g_assert_no_error (error);
  return sql;
}

static gint64
query_int (SsaSql     *sql,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaSqlStmt) stmt = ssa_sql_prepare (sql, text, &error);

  g_assert_no_error (error);
  g_assert_cmpint (ssa_sql_step (stmt, &error), ==, SSA_SQL_STEP_ROW);
  g_assert_no_error (error);
  return ssa_sql_column_int64 (stmt, 0);
}

static void
init_db (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 from = -1;

  g_assert_true (ssa_team_db_init (f->location, &from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, 0);
}

/* The sample price list with another id and, optionally, one text replaced. */
static char *
sample_price_list_with (const char *id,
                        const char *from,
                        const char *to)
{
  g_autoptr(GBytes) bytes = ssa_samples_get_price_list_bytes ();
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", id);
  g_autofree char *renamed = test_replace_once (text, "\"sample-2026-11\"", quoted);

  if (from == NULL)
    return g_steal_pointer (&renamed);
  return test_replace_once (renamed, from, to);
}

/* The seam */

static void
test_number_parameters (void)
{
  struct { const char *in, *out; int count; } cases[] = {
    { "SELECT 1", "SELECT 1", 0 },
    { "SELECT ?, ?", "SELECT $1, $2", 2 },
    { "SELECT ?2, ?1, ?", "SELECT $2, $1, $3", 3 },
    { "SELECT '?', \"a?\" , ? -- ?\n, ?", "SELECT '?', \"a?\" , $1 -- ?\n, $2", 2 },
    { "SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1 },
    { "DO $$ BEGIN PERFORM '?'; END $$; SELECT ?", "DO $$ BEGIN PERFORM '?'; END $$; SELECT $1",
      1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int count = -1;
      g_autofree char *out = ssa_sql_number_parameters (cases[i].in, &count);

      g_assert_cmpstr (out, ==, cases[i].out);
      g_assert_cmpint (count, ==, cases[i].count);
    }
}

/* Whole numbers at both ends, text with quotes and non-ASCII letters, NULL and bytes with
 * NUL in them come back as they went in; changes, the new row's id and RETURNING agree;
 * a rolled back transaction leaves nothing. */
static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaSql) sql = open_raw (f);
  g_autoptr(SsaSqlStmt) insert = NULL;
  g_autoptr(SsaSqlStmt) select = NULL;
  g_autoptr(GBytes) blob = NULL;
  static const guint8 bytes[] = { 0, 1, 2, 0xff, 0, '\\', 'x' };
  const char *text = "Blåbær AS 'quoted' \"too\" ?";
  gint64 id;

  g_assert_cmpstr (ssa_sql_get_dialect (sql), ==, on_pg () ? "postgresql" : "sqlite");
  g_assert_true (ssa_sql_exec (sql, on_pg ()
                               ? "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY "
                                 "PRIMARY KEY, n BIGINT, s TEXT, b BYTEA)"
                               : "CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER, s TEXT, "
                                 "b BLOB)", &error));
  g_assert_no_error (error);

  insert = ssa_sql_prepare (sql, "INSERT INTO t (n, s, b) VALUES (?, ?, ?)", &error);
  g_assert_no_error (error);
  ssa_sql_bind_int64 (insert, 1, G_MAXINT64);
  ssa_sql_bind_text (insert, 2, text);
  ssa_sql_bind_blob (insert, 3, bytes, sizeof bytes);
  g_assert_true (ssa_sql_step_done (insert, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ssa_sql_changes (sql), ==, 1);
  id = ssa_sql_last_insert_id (sql);
  g_assert_cmpint (id, ==, 1);

  ssa_sql_reset (insert);
  ssa_sql_bind_int64 (insert, 1, G_MININT64);
  ssa_sql_bind_null (insert, 2);
  ssa_sql_bind_null (insert, 3);
  g_assert_true (ssa_sql_step_done (insert, &error));
  g_assert_cmpint (ssa_sql_last_insert_id (sql), ==, 2);

  select = ssa_sql_prepare (sql, "SELECT n, s, b FROM t WHERE id = ?1 OR id = ?1 + 1 "
                            "ORDER BY id", &error);
  g_assert_no_error (error);
  ssa_sql_bind_int64 (select, 1, 1);
  g_assert_cmpint (ssa_sql_step (select, &error), ==, SSA_SQL_STEP_ROW);
  g_assert_cmpint (ssa_sql_column_count (select), ==, 3);
  g_assert_cmpint (ssa_sql_column_int64 (select, 0), ==, G_MAXINT64);
  g_assert_cmpstr (ssa_sql_column_text (select, 1), ==, text);
  blob = ssa_sql_column_blob (select, 2);
  g_assert_nonnull (blob);
  g_assert_cmpmem (g_bytes_get_data (blob, NULL), g_bytes_get_size (blob), bytes, sizeof bytes);
  g_assert_cmpint (ssa_sql_step (select, &error), ==, SSA_SQL_STEP_ROW);
  g_assert_cmpint (ssa_sql_column_int64 (select, 0), ==, G_MININT64);
  g_assert_true (ssa_sql_column_is_null (select, 1));
  g_assert_null (ssa_sql_column_text (select, 1));
  g_assert_null (ssa_sql_column_blob (select, 2));
  g_assert_cmpint (ssa_sql_step (select, &error), ==, SSA_SQL_STEP_DONE);
  g_assert_no_error (error);

  /* RETURNING, in a transaction that is rolled back. */
  g_assert_true (ssa_sql_begin (sql, &error));
  {
    g_autoptr(SsaSqlStmt) returning =
      ssa_sql_prepare (sql, "INSERT INTO t (n) VALUES (?) RETURNING id, n", &error);

    ssa_sql_bind_int64 (returning, 1, 7);
    g_assert_cmpint (ssa_sql_step (returning, &error), ==, SSA_SQL_STEP_ROW);
    g_assert_cmpint (ssa_sql_column_int64 (returning, 0), ==, 3);
    g_assert_cmpint (ssa_sql_column_int64 (returning, 1), ==, 7);
    g_assert_true (ssa_sql_step_done (returning, &error));
  }
  g_assert_cmpint (query_int (sql, "SELECT count(*) FROM t"), ==, 3);
  ssa_sql_rollback (sql);
  g_assert_cmpint (query_int (sql, "SELECT count(*) FROM t"), ==, 2);

  /* An UPDATE's changes, and a statement the engine refuses. */
  g_assert_true (ssa_sql_exec (sql, "UPDATE t SET s = 'x'", &error));
  g_assert_cmpint (ssa_sql_changes (sql), ==, 2);
  {
    /* SQLite finds the mistake when it prepares, PostgreSQL at the first step. */
    g_autoptr(SsaSqlStmt) wrong = ssa_sql_prepare (sql, "SELEKT 1", &error);

    if (wrong != NULL)
      g_assert_cmpint (ssa_sql_step (wrong, &error), ==, SSA_SQL_STEP_ERROR);
    g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "SELEKT"));
  }
}

/* Every kind of column both ways the PostgreSQL backend reads a result: in binary (whole
 * numbers of 2, 4 and 8 bytes at their extremes and negative, booleans, text, bytes with
 * zero bytes in them, NULLs) and, for a statement with a column it does not decode (a
 * numeric) or without a blob, in text; SQLite gives the same values. */
static void
test_column_types (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaSql) sql = open_raw (f);
  g_autoptr(SsaSqlStmt) insert = NULL;
  static const guint8 bytes[] = { 0, 0xfe, 0, 'a', 0 };
  static const struct
  {
    gint64      i2, i4, i8;
    gboolean    flag;
    const char *i8_text;
  } rows[] = {
    { -32768, G_MININT32, G_MININT64, TRUE, "-9223372036854775808" },
    { -1, -1, -1, FALSE, "-1" },
    { 32767, G_MAXINT32, G_MAXINT64, TRUE, "9223372036854775807" },
  };

  g_assert_true (ssa_sql_exec (sql, on_pg ()
                               ? "CREATE TABLE v (i2 SMALLINT, i4 INTEGER, i8 BIGINT, "
                                 "flag BOOLEAN, s TEXT, b BYTEA, d NUMERIC)"
                               : "CREATE TABLE v (i2 INTEGER, i4 INTEGER, i8 INTEGER, "
                                 "flag INTEGER, s TEXT, b BLOB, d NUMERIC)", &error));
  g_assert_no_error (error);
  insert = ssa_sql_prepare (sql, on_pg ()
                            ? "INSERT INTO v VALUES (?, ?, ?, ?::integer::boolean, ?, ?, ?)"
                            : "INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?)", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      ssa_sql_reset (insert);
      ssa_sql_bind_int64 (insert, 1, rows[i].i2);
      ssa_sql_bind_int64 (insert, 2, rows[i].i4);
      ssa_sql_bind_int64 (insert, 3, rows[i].i8);
      ssa_sql_bind_int64 (insert, 4, rows[i].flag);
      if (i == 1)
        {
          ssa_sql_bind_null (insert, 5);
          ssa_sql_bind_null (insert, 6);
          ssa_sql_bind_null (insert, 7);
        }
      else
        {
          ssa_sql_bind_text (insert, 5, "Ærlig talt, Ålesund");
          ssa_sql_bind_blob (insert, 6, bytes, sizeof bytes);
          ssa_sql_bind_text (insert, 7, "12.5");
        }
      g_assert_true (ssa_sql_step_done (insert, &error));
      g_assert_no_error (error);
    }

  /* Read in binary on PostgreSQL: numbers, booleans, text, bytes, a count. */
  {
    g_autoptr(SsaSqlStmt) select =
      ssa_sql_prepare (sql, "SELECT i2, i4, i8, flag, s, b, (SELECT count(*) FROM v) "
                       "FROM v ORDER BY i8", &error);

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autoptr(GBytes) blob = NULL;
        const char *i4_text;
        const char *i8_text;

        g_assert_cmpint (ssa_sql_step (select, &error), ==, SSA_SQL_STEP_ROW);
        g_assert_no_error (error);
        g_assert_cmpint (ssa_sql_column_int64 (select, 0), ==, rows[i].i2);
        g_assert_cmpint (ssa_sql_column_int64 (select, 1), ==, rows[i].i4);
        g_assert_cmpint (ssa_sql_column_int64 (select, 2), ==, rows[i].i8);
        g_assert_cmpint (ssa_sql_column_int64 (select, 3), ==, rows[i].flag);
        g_assert_cmpint (ssa_sql_column_int64 (select, 6), ==, 3);
        /* Numbers as text, each column's text still there after another's. */
        i8_text = ssa_sql_column_text (select, 2);
        i4_text = ssa_sql_column_text (select, 1);
        g_assert_cmpstr (i8_text, ==, rows[i].i8_text);
        g_assert_cmpint (g_ascii_strtoll (i4_text, NULL, 10), ==, rows[i].i4);
        g_assert_cmpstr (ssa_sql_column_text (select, 6), ==, "3");
        blob = ssa_sql_column_blob (select, 5);
        if (i == 1)
          {
            g_assert_true (ssa_sql_column_is_null (select, 4));
            g_assert_null (ssa_sql_column_text (select, 4));
            g_assert_null (blob);
          }
        else
          {
            g_assert_false (ssa_sql_column_is_null (select, 4));
            g_assert_cmpstr (ssa_sql_column_text (select, 4), ==, "Ærlig talt, Ålesund");
            g_assert_nonnull (blob);
            g_assert_cmpmem (g_bytes_get_data (blob, NULL), g_bytes_get_size (blob),
                             bytes, sizeof bytes);
          }
      }
    g_assert_cmpint (ssa_sql_step (select, &error), ==, SSA_SQL_STEP_DONE);
    g_assert_no_error (error);
  }

  /* With a numeric column the whole result comes in text on PostgreSQL: the same values. */
  {
    g_autoptr(SsaSqlStmt) select =
      ssa_sql_prepare (sql, "SELECT i8, d, b, i2 FROM v ORDER BY i8", &error);

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_autoptr(GBytes) blob = NULL;

        g_assert_cmpint (ssa_sql_step (select, &error), ==, SSA_SQL_STEP_ROW);
        g_assert_no_error (error);
        g_assert_cmpint (ssa_sql_column_int64 (select, 0), ==, rows[i].i8);
        g_assert_cmpstr (ssa_sql_column_text (select, 0), ==, rows[i].i8_text);
        g_assert_cmpint (ssa_sql_column_int64 (select, 3), ==, rows[i].i2);
        blob = ssa_sql_column_blob (select, 2);
        if (i == 1)
          {
            g_assert_null (ssa_sql_column_text (select, 1));
            g_assert_null (blob);
          }
        else
          {
            g_assert_cmpstr (ssa_sql_column_text (select, 1), ==, "12.5");
            g_assert_nonnull (blob);
            g_assert_cmpmem (g_bytes_get_data (blob, NULL), g_bytes_get_size (blob),
                             bytes, sizeof bytes);
          }
      }
    g_assert_cmpint (ssa_sql_step (select, &error), ==, SSA_SQL_STEP_DONE);
    g_assert_no_error (error);
  }

  /* Without a blob the result comes in text on PostgreSQL too (the server sends it for
   * less): the same numbers at their extremes, booleans and text. */
  {
    g_autoptr(SsaSqlStmt) select =
      ssa_sql_prepare (sql, "SELECT i2, i4, i8, flag, s FROM v ORDER BY i8", &error);

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      {
        g_assert_cmpint (ssa_sql_step (select, &error), ==, SSA_SQL_STEP_ROW);
        g_assert_no_error (error);
        g_assert_cmpint (ssa_sql_column_int64 (select, 0), ==, rows[i].i2);
        g_assert_cmpint (ssa_sql_column_int64 (select, 1), ==, rows[i].i4);
        g_assert_cmpint (ssa_sql_column_int64 (select, 2), ==, rows[i].i8);
        g_assert_cmpstr (ssa_sql_column_text (select, 2), ==, rows[i].i8_text);
        g_assert_cmpint (ssa_sql_column_int64 (select, 3), ==, rows[i].flag);
        if (i == 1)
          g_assert_null (ssa_sql_column_text (select, 4));
        else
          g_assert_cmpstr (ssa_sql_column_text (select, 4), ==, "Ærlig talt, Ålesund");
      }
    g_assert_cmpint (ssa_sql_step (select, &error), ==, SSA_SQL_STEP_DONE);
    g_assert_no_error (error);
  }
}

/* The schema */

/* `db init` makes the schema at this version with the bundled list current; again, it
 * changes nothing; a database opens only once it has the schema. */
static void
test_init (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaTeamDb) db = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(SsaPriceList) current = NULL;
  g_autoptr(SsaDbPriceListInfo) info = NULL;
  gint64 from = -1, version = -1;

  db = ssa_team_db_open (f->location, &error);
  g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NOT_INITIALISED);
  g_assert_nonnull (strstr (error->message, "db init"));
  g_assert_null (db);
  g_clear_error (&error);
  /* Opening made no file. */
  if (!on_pg ())
    g_assert_false (g_file_test (f->location, G_FILE_TEST_EXISTS));

  init_db (f);
  g_assert_true (ssa_team_db_init (f->location, &from, &error));
  g_assert_no_error (error);
  g_assert_cmpint (from, ==, SSA_DB_SCHEMA_VERSION);

  db = ssa_team_db_open (f->location, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ssa_team_db_get_dialect (db), ==, on_pg () ? "postgresql" : "sqlite");
  g_assert_true (ssa_team_db_get_schema_version (db, &version, &error));
  g_assert_cmpint (version, ==, SSA_DB_SCHEMA_VERSION);

  /* Its price list, through SsaDb as the window and the commands read it. */
  {
    g_autoptr(SsaDb) rows = ssa_db_open (f->location, SSA_DB_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    lists = ssa_db_list_price_lists (rows, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (lists->len, ==, 1);
    current = ssa_db_load_current_price_list (rows, &info, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpstr (current->id, ==, "sample-2026-11");
  g_assert_true (info->is_current);
  g_assert_cmpint (strlen (info->sha256), ==, 64);
  g_assert_nonnull (info->imported_at);
  g_assert_true (g_str_has_suffix (info->imported_at, "Z"));
  g_assert_cmpint (strlen (info->imported_at), ==, 20);
}

/* The schema's rules hold on both engines: a date that is no date, a stored list's
 * document changed, an offer deleted are refused by the database itself. */
static void
test_schema_rules (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaSql) sql = NULL;
  const char *refused[] = {
    "INSERT INTO installations (name, ssa_expiry) VALUES ('x', '2026-2-3')",
    "INSERT INTO installations (name, deployment) VALUES ('x', 'cloud')",
    "INSERT INTO installations (name, pbx_fingerprint) VALUES ('x', '"
      "ABCDEF0000000000000000000000000000000000000000000000000000000000')",
    "INSERT INTO licences (installation_id, position, code, quantity) VALUES (999, 1, 'A', 1)",
    "UPDATE price_lists SET document = '{}'",
    "UPDATE price_lists SET is_current = 0; "
      "INSERT INTO price_lists (list_id, document, sha256, is_current) VALUES ('a', '{}', "
      "'0000000000000000000000000000000000000000000000000000000000000000', 1); "
      "INSERT INTO price_lists (list_id, document, sha256, is_current) VALUES ('b', '{}', "
      "'1000000000000000000000000000000000000000000000000000000000000000', 1)",
  };

  /* Dates of the right shape that are no dates: SQLite's date() gives NULL for them, and
   * the CHECK of the SQLite schema (`date(c) = c`) lets a NULL comparison through, so only
   * PostgreSQL's ssa_valid_date() refuses them. The program checks dates before storing. */
  const char *refused_on_pg[] = {
    "INSERT INTO installations (name, ssa_expiry) VALUES ('x', '2026-02-32')",
    "INSERT INTO installations (name, ssa_expiry) VALUES ('x', '2026-13-01')",
    "INSERT INTO installations (name, ssa_expiry) VALUES ('x', '2027-02-29')",
  };

  init_db (f);
  sql = open_raw (f);
  g_assert_true (ssa_sql_exec (sql, "INSERT INTO installations (name, ssa_expiry) "
                               "VALUES ('ok', '2028-02-29')", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (refused) + (on_pg () ? G_N_ELEMENTS (refused_on_pg) : 0);
       i++)
    {
      const char *statement = i < G_N_ELEMENTS (refused) ? refused[i]
                                                          : refused_on_pg[i - G_N_ELEMENTS (refused)];

      g_assert_true (ssa_sql_begin (sql, &error));
      g_assert_false (ssa_sql_exec (sql, statement, &error));
      g_test_message ("%s: %s", statement, error != NULL ? error->message : "");
      g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_CONSTRAINT);
      g_clear_error (&error);
      ssa_sql_rollback (sql);
    }
  g_assert_cmpint (query_int (sql, "SELECT count(*) FROM installations"), ==, 1);
  g_assert_cmpint (query_int (sql, "SELECT count(*) FROM price_lists"), ==, 1);
  g_assert_cmpint (query_int (sql, "SELECT count(*) FROM profile"), ==, 1);
}

/* A database written by a newer SSA Desk is neither opened nor changed by `db init`. */
static void
test_newer (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaSql) sql = NULL;
  g_autoptr(SsaTeamDb) db = NULL;

  init_db (f);
  sql = open_raw (f);
  g_assert_true (ssa_sql_exec (sql, on_pg () ? "UPDATE ssa_schema SET version = 99"
                                             : "PRAGMA user_version = 99", &error));
  g_assert_no_error (error);

  db = ssa_team_db_open (f->location, &error);
  g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NEWER);
  g_assert_nonnull (strstr (error->message, "newer version of SSA Desk"));
  g_clear_error (&error);

  if (on_pg ())
    {
      g_assert_false (ssa_team_db_init (f->location, NULL, &error));
      g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NEWER);
      g_clear_error (&error);
    }
  else
    {
      /* The SQLite file is opened as the window opens it, with its own error. */
      g_assert_false (ssa_team_db_init (f->location, NULL, &error));
      g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NEWER);
      g_clear_error (&error);
    }
  g_assert_cmpint (query_int (sql, on_pg () ? "SELECT version FROM ssa_schema"
                                            : "PRAGMA user_version"), ==, 99);
}

/* A database that holds someone else's tables is not made an SSA Desk database. */
static void
test_not_ssa_desk (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaSql) sql = open_raw (f);

  g_assert_true (ssa_sql_exec (sql, "CREATE TABLE accounts (id INTEGER)", &error));
  g_assert_no_error (error);
  g_assert_false (ssa_team_db_init (f->location, NULL, &error));
  g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NOT_SSA_DESK);
  g_assert_nonnull (strstr (error->message, "not SSA Desk's"));
  g_clear_error (&error);
  g_assert_cmpint (query_int (sql, on_pg ()
                              ? "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                              : "SELECT count(*) FROM sqlite_schema"), ==, 1);
}

/* Price lists, through SsaDb on both engines */

static void
test_price_lists (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GBytes) sample_bytes = ssa_samples_get_price_list_bytes ();
  g_autofree char *newer = sample_price_list_with ("2026-12", NULL, NULL);
  g_autofree char *changed = sample_price_list_with ("2026-12", "\"PBX-Port14\"",
                                                     "\"PBX-Port14 (changed)\"");
  g_autoptr(SsaDbPriceListInfo) info = NULL;
  g_autoptr(SsaPriceList) current = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  const SsaDbPriceListSource source = { "https://example.no/list.json", "2026-12-01T10:00:00Z",
                                        "\"abc\"", "Tue, 01 Dec 2026 09:00:00 GMT" };
  gboolean was_new = TRUE;

  init_db (f);
  db = ssa_db_open (f->location, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* The bundled list is stored already. */
  g_assert_true (ssa_db_store_price_list (db, g_bytes_get_data (sample_bytes, NULL),
                                               g_bytes_get_size (sample_bytes), "sample", NULL,
                                               &info, &was_new, &error));
  g_assert_no_error (error);
  g_assert_false (was_new);
  g_assert_true (info->is_current);
  g_clear_pointer (&info, ssa_db_price_list_info_free);

  g_assert_true (ssa_db_store_price_list (db, newer, strlen (newer), "newer", &source,
                                               &info, &was_new, &error));
  g_assert_no_error (error);
  g_assert_true (was_new);
  g_assert_cmpstr (info->list_id, ==, "2026-12");
  g_assert_cmpstr (info->source_url, ==, source.source_url);
  g_assert_cmpstr (info->etag, ==, source.etag);
  g_assert_cmpstr (info->last_modified, ==, source.last_modified);
  g_assert_true (info->is_current);
  g_clear_pointer (&info, ssa_db_price_list_info_free);

  current = ssa_db_load_current_price_list (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (current->id, ==, "2026-12");
  g_clear_pointer (&current, ssa_price_list_unref);

  /* A broken list is refused and the current one stays. */
  g_assert_false (ssa_db_store_price_list (db, "{\"format\":\"ssa-desk-pricelist/1\"}", 33,
                                                "broken.json", NULL, NULL, NULL, &error));
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  g_clear_error (&error);

  /* Other bytes under a stored id: refused, naming the file and the id. */
  g_assert_false (ssa_db_store_price_list (db, changed, strlen (changed), "changed.json",
                                                NULL, NULL, NULL, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "changed.json"));
  g_assert_nonnull (strstr (error->message, "2026-12"));
  g_clear_error (&error);

  /* The same bytes again: no new list, but current again, keeping its source. */
  g_assert_true (ssa_db_store_price_list (db, g_bytes_get_data (sample_bytes, NULL),
                                               g_bytes_get_size (sample_bytes), "sample", NULL,
                                               NULL, &was_new, &error));
  g_assert_false (was_new);
  g_assert_true (ssa_db_store_price_list (db, newer, strlen (newer), "newer", NULL, &info,
                                               &was_new, &error));
  g_assert_no_error (error);
  g_assert_false (was_new);
  g_assert_cmpstr (info->etag, ==, source.etag);

  lists = ssa_db_list_price_lists (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lists->len, ==, 2);
  g_assert_cmpstr (((SsaDbPriceListInfo *) lists->pdata[0])->list_id, ==, "2026-12");
  g_assert_true (((SsaDbPriceListInfo *) lists->pdata[0])->is_current);
  g_assert_cmpstr (((SsaDbPriceListInfo *) lists->pdata[1])->list_id, ==, "sample-2026-11");
  g_assert_false (((SsaDbPriceListInfo *) lists->pdata[1])->is_current);
}

/* Installations */

/* The sample installations imported in one go, listed back with their customers and
 * licence counts, the customers made once each; one again is refused whole for its serial
 * number. */
static void
test_inventory (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaTeamDb) db = NULL;
  g_auto(GStrv) names = ssa_samples_list_installations ();
  g_autoptr(GPtrArray) inventories =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_inventory_free);
  g_autoptr(GArray) rows = NULL;
  g_autofree gint64 *ids = NULL;
  guint n = g_strv_length (names);
  SsaInventory *with_serial = NULL;
  const char *with_serial_name = NULL;
  gint64 again_id = 0;

  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    {
      SsaInventory *inventory = ssa_samples_load_installation (names[i], &error);

      g_assert_no_error (error);
      g_ptr_array_add (inventories, inventory);
      if (with_serial == NULL && inventory->serial != NULL && inventory->serial[0] != '\0')
        {
          with_serial = inventory;
          with_serial_name = names[i];
        }
    }
  g_assert_nonnull (with_serial);

  init_db (f);
  db = ssa_team_db_open (f->location, &error);
  g_assert_no_error (error);
  ids = g_new0 (gint64, n);
  g_assert_true (ssa_team_db_import_inventories (db, (SsaInventory **) inventories->pdata,
                                                 (const char **) names, n, ids, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (ids[i], ==, i + 1);

  rows = ssa_team_db_list_installations (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const SsaDbInstallationRow *row = &g_array_index (rows, SsaDbInstallationRow, i);
      const SsaInventory *inventory = g_ptr_array_index (inventories, i);

      g_assert_cmpint (row->id, ==, ids[i]);
      g_assert_cmpstr (row->name, ==, inventory->name);
      g_assert_cmpuint (row->n_licences, ==, inventory->lines->len);
      g_assert_cmpint (row->deployment, ==, inventory->deployment);
      g_assert_cmpint (ssa_date_is_set (&row->ssa_expiry), ==,
                       ssa_date_is_set (&inventory->ssa_expiry));
      if (ssa_date_is_set (&row->ssa_expiry))
        g_assert_cmpint (g_date_compare (&row->ssa_expiry, &inventory->ssa_expiry), ==, 0);
      if (inventory->customer.name != NULL && inventory->customer.name[0] != '\0')
        g_assert_cmpstr (row->customer_name, ==, inventory->customer.name);
    }
  g_clear_pointer (&rows, g_array_unref);

  {
    g_autoptr(GPtrArray) customers = ssa_team_db_load_customers (db, &error);
    g_autoptr(GHashTable) names_seen = g_hash_table_new (g_str_hash, g_str_equal);

    g_assert_no_error (error);
    g_assert_cmpuint (customers->len, >=, 1);
    for (guint i = 0; i < customers->len; i++)
      {
        SsaCustomer *customer = g_ptr_array_index (customers, i);

        g_assert_cmpint (ssa_customer_get_id (customer), ==, i + 1);
        g_assert_false (ssa_customer_get_archived (customer));
        /* Each org number once: imports found the customer instead of making another. */
        if (ssa_customer_get_org_no (customer) != NULL)
          g_assert_true (g_hash_table_add (names_seen,
                                           (gpointer) ssa_customer_get_org_no (customer)));
      }
  }

  /* The same serial again: refused whole, naming the file and the serial. */
  g_assert_false (ssa_team_db_import_inventories (db, &with_serial, &with_serial_name, 1,
                                                  &again_id, &error));
  g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, with_serial_name));
  g_assert_nonnull (strstr (error->message, with_serial->serial));
  g_clear_error (&error);
  rows = ssa_team_db_list_installations (db, &error);
  g_assert_cmpuint (rows->len, ==, n);
  g_clear_pointer (&rows, g_array_unref);

  /* Changed by another client: the first installation's row (on a server, its new version
   * lies after the others in the table) still lists first, and every installation of the
   * renamed customer with the new name (the names are read apart from the rows). */
  {
    SsaSql *sql = ssa_team_db_get_sql (db);
    gint64 customer_id;

    g_assert_true (ssa_sql_exec (sql, "UPDATE customers SET name = 'Nytt navn AS' WHERE id = 1",
                                 &error));
    g_assert_no_error (error);
    g_assert_true (ssa_sql_exec (sql, "UPDATE installations SET name = 'Flyttet', "
                                 "customer_id = 1 WHERE id = 1", &error));
    g_assert_no_error (error);
    rows = ssa_team_db_list_installations (db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, n);
    g_assert_cmpstr (g_array_index (rows, SsaDbInstallationRow, 0).name, ==, "Flyttet");
    for (guint i = 0; i < n; i++)
      {
        const SsaDbInstallationRow *row = &g_array_index (rows, SsaDbInstallationRow, i);

        g_assert_cmpint (row->id, ==, ids[i]);
        customer_id = row->customer_id;
        if (customer_id == 1)
          g_assert_cmpstr (row->customer_name, ==, "Nytt navn AS");
        else if (customer_id == 0)
          g_assert_null (row->customer_name);
        else
          g_assert_nonnull (row->customer_name);
      }
  }
}

/* An installation of @n_lines lines L000, L001, … with quantities 1, 2, … */
static SsaInventory *
inventory_with_lines (const char *serial,
                      guint       n_lines)
{
  SsaInventory *inventory = ssa_inventory_new ();

  inventory->name = g_strdup_printf ("Installasjon %s", serial);
  inventory->serial = g_strdup (serial);
  inventory->customer.name = g_strdup ("Linjer AS");
  for (guint i = 0; i < n_lines; i++)
    {
      g_autofree char *code = g_strdup_printf ("L%03u", i);
      SsaInventoryLine line = { NULL, };

      line.code = code;
      line.quantity = i + 1;
      g_date_clear (&line.added_on, 1);
      g_date_clear (&line.covered_until, 1);
      if (i % 7 == 3)
        {
          line.has_kind = TRUE;
          line.kind = SSA_KIND_PORT;
        }
      ssa_inventory_add_line (inventory, &line);
    }
  return inventory;
}

/* Lines go in by 50 per statement: 123 lines come back all, in their order, with their
 * values; a bad line in the third statement refuses the whole import, in words. */
static void
test_many_lines (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaTeamDb) db = NULL;
  g_autoptr(SsaInventory) many = inventory_with_lines ("IP811-MANY", 123);
  g_autoptr(SsaInventory) bad = inventory_with_lines ("IP811-BAD", 110);
  g_autoptr(SsaInventory) back = NULL;
  g_autoptr(GArray) rows = NULL;
  gint64 ids[2] = { 0, };

  init_db (f);
  db = ssa_team_db_open (f->location, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_team_db_import_inventories (db, &many, NULL, 1, ids, &error));
  g_assert_no_error (error);

  {
    g_autoptr(SsaDb) ssa_db = ssa_db_open (f->location, SSA_DB_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    back = ssa_db_load_inventory (ssa_db, ids[0], NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (back->lines->len, ==, 123);
  for (guint i = 0; i < 123; i++)
    {
      const SsaInventoryLine *line = &g_array_index (back->lines, SsaInventoryLine, i);
      g_autofree char *code = g_strdup_printf ("L%03u", i);

      g_assert_cmpstr (line->code, ==, code);
      g_assert_cmpint (line->quantity, ==, i + 1);
      g_assert_cmpint (line->has_kind, ==, i % 7 == 3);
      if (line->has_kind)
        g_assert_cmpint (line->kind, ==, SSA_KIND_PORT);
      g_assert_false (ssa_date_is_set (&line->added_on));
    }

  /* Line 105 (in the third INSERT) has no quantity the database takes. */
  g_array_index (bad->lines, SsaInventoryLine, 105).quantity = 0;
  g_assert_false (ssa_team_db_import_inventories (db, &bad, NULL, 1, &ids[1], &error));
  g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "quantity"));
  g_clear_error (&error);

  rows = ssa_team_db_list_installations (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (g_array_index (rows, SsaDbInstallationRow, 0).n_licences, ==, 123);
  {
    g_autoptr(SsaSql) sql = open_raw (f);

    g_assert_cmpint (query_int (sql, "SELECT count(*) FROM licences"), ==, 123);
    g_assert_cmpint (query_int (sql, "SELECT max(position) FROM licences"), ==, 122);
  }
}

/* Licence types */

/* The user's table: a type the price list does not know mapped, changed, listed by type,
 * removed; a known type, an unknown article and a missing type refused as on the file. */
static void
test_licence_types (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(GArray) rows = NULL;
  const SsaPriceListProduct *first, *second;
  const char *known_type = NULL;

  init_db (f);
  db = ssa_db_open (f->location, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  price_list = ssa_db_load_current_price_list (db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (price_list->products->len, >=, 2);
  first = g_ptr_array_index (price_list->products, 0);
  second = g_ptr_array_index (price_list->products, 1);
  for (guint i = 0; i < price_list->products->len && known_type == NULL; i++)
    {
      const SsaPriceListProduct *product = g_ptr_array_index (price_list->products, i);

      if (product->licence_types[0] != NULL)
        known_type = product->licence_types[0];
    }
  g_assert_nonnull (known_type);

  g_assert_true (ssa_db_map_licence_type (db, "Zeta-Lic", first->code, price_list, &error));
  g_assert_true (ssa_db_map_licence_type (db, "Alpha-Lic", first->code, price_list,
                                               &error));
  g_assert_true (ssa_db_map_licence_type (db, "Zeta-Lic", second->code, price_list,
                                               &error));
  g_assert_no_error (error);
  rows = ssa_db_list_licence_type_map (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (g_array_index (rows, SsaDbLicenceTypeMapping, 0).type, ==, "Alpha-Lic");
  g_assert_cmpstr (g_array_index (rows, SsaDbLicenceTypeMapping, 1).type, ==, "Zeta-Lic");
  g_assert_cmpstr (g_array_index (rows, SsaDbLicenceTypeMapping, 1).code, ==, second->code);
  g_clear_pointer (&rows, g_array_unref);

  g_assert_false (ssa_db_map_licence_type (db, known_type, first->code, price_list,
                                                &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (ssa_db_map_licence_type (db, "Other-Lic", "NO-SUCH-ARTICLE", price_list,
                                                &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_true (ssa_db_unmap_licence_type (db, "Zeta-Lic", &error));
  g_assert_no_error (error);
  g_assert_false (ssa_db_unmap_licence_type (db, "Zeta-Lic", &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  rows = ssa_db_list_licence_type_map (db, &error);
  g_assert_cmpuint (rows->len, ==, 1);
}

/* Creating an offer reads the price list, the installation and the profile before it
 * takes a number (on a team database in one round trip): what each read finds is what the
 * offer is made of, and what a read misses is refused with nothing stored and no number
 * taken, on both engines alike. */
static void
test_offer_reads (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaSql) raw = NULL;
  g_autoptr(SsaProfile) profile = ssa_profile_new ();
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autofree char *valid_until = NULL;
  SsaOfferRequest request;
  gint64 id = 0;
  GDate day;

  init_db (f);
  db = ssa_db_open (f->location, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  raw = open_raw (f);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 28, 11, 2026);
  ssa_offer_request_init (&request);
  request.today = day;

  /* No such installation. */
  g_assert_null (ssa_db_create_offer (db, 9999, &request, &day, 0, NULL, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "9999"));
  g_clear_error (&error);

  inventory = ssa_samples_load_installation ("renewal-in-time.json", &error);
  g_assert_no_error (error);
  g_assert_true (ssa_db_import_inventories (db, &inventory, NULL, 1, &id, &error));
  g_assert_no_error (error);

  /* No current price list. */
  g_assert_true (ssa_sql_exec (raw, "UPDATE price_lists SET is_current = 0", &error));
  g_assert_no_error (error);
  g_assert_null (ssa_db_create_offer (db, id, &request, &day, 0, NULL, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no current price list"));
  g_clear_error (&error);
  g_assert_cmpint (query_int (raw, "SELECT count(*) FROM offers"), ==, 0);
  g_assert_true (ssa_sql_exec (raw, "UPDATE price_lists SET is_current = 1", &error));
  g_assert_no_error (error);

  /* The profile as saved by another client just before: the seller kept with the offer,
   * and its default validity. */
  profile->company_name = g_strdup ("Nordlys Telefoni AS");
  profile->default_validity_days = 45;
  {
    g_autoptr(SsaDb) other = ssa_db_open (f->location, SSA_DB_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (ssa_db_save_profile (other, profile, &error));
    g_assert_no_error (error);
  }
  offer = ssa_db_create_offer (db, id, &request, &day, 0, NULL, &error);
  g_assert_no_error (error);
  /* The failed attempts took no number. */
  g_assert_cmpstr (offer->number, ==, "2026-0001");
  g_assert_cmpint (offer->installation_id, ==, id);
  g_assert_cmpstr (offer->installation_name, ==, inventory->name);
  g_assert_nonnull (offer->price_list_id);
  g_assert_nonnull (offer->seller);
  g_assert_cmpstr (offer->seller->company_name, ==, "Nordlys Telefoni AS");
  valid_until = ssa_date_to_iso (&offer->valid_until);
  g_assert_cmpstr (valid_until, ==, "2027-01-12");
  g_assert_cmpint (query_int (raw, "SELECT count(*) FROM offers"), ==, 1);
  g_assert_cmpint (query_int (raw, "SELECT count(*) FROM offer_status_changes"), ==, 1);
}

/* The command line */

/* `db init` and `price-list import` with --db, on either engine; on a team database the
 * commands not converted yet refuse in words. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *created = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *file = g_build_filename (run_dir, "newer-price-list.json", NULL);
  g_autofree char *newer = sample_price_list_with ("2026-12", NULL, NULL);
  g_autoptr(GError) error = NULL;

  if (g_getenv ("SSA_DESK_CLI") == NULL)
    {
      g_test_skip ("SSA_DESK_CLI is not set");
      return;
    }
  g_assert_true (g_file_set_contents (file, newer, -1, &error));

  g_assert_cmpint (test_cli_run (f->location, &out, &err, "db", "init", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  created = g_strdup_printf ("Created SSA Desk’s tables (schema version %d) in ",
                             SSA_DB_SCHEMA_VERSION);
  g_assert_true (g_str_has_prefix (out, created));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (test_cli_run (f->location, &out, &err, "db", "init", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "has this version’s tables already"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (test_cli_run (f->location, &out, &err, "price-list", "import", file, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Stored price list 2026-12; it is now the current price list.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The sample installations, imported and listed: the same output as the SQLite file
   * gives through the window's own storage code (ssa-db*.c). */
  {
    g_autofree char *samples = g_build_filename (g_getenv ("SSA_DESK_SOURCE_ROOT"), "data",
                                                 "sample-installations", NULL);
    g_autofree char *first = g_build_filename (samples, "lapsed.json", NULL);
    g_autofree char *second = g_build_filename (samples, "saas.json", NULL);
    g_autofree char *reference = g_build_filename (run_dir, "reference.db", NULL);
    g_autofree char *ref_out = NULL, *ref_err = NULL;

    /* The reference holds what the team database holds: the price list imported above. */
    g_assert_cmpint (test_cli_run (reference, &ref_out, &ref_err, "price-list", "import", file,
                              NULL), ==, 0);
    g_clear_pointer (&ref_out, g_free);
    g_clear_pointer (&ref_err, g_free);

    g_assert_cmpint (test_cli_run (f->location, &out, &err, "import", first, second, NULL), ==, 0);
    g_assert_cmpstr (err, ==, "");
    g_assert_cmpint (test_cli_run (reference, &ref_out, &ref_err, "import", first, second, NULL), ==,
                     0);
    g_assert_cmpstr (out, ==, ref_out);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&ref_out, g_free);
    g_clear_pointer (&ref_err, g_free);

    const char *lists[][6] = {
      { "installations", NULL },
      { "installations", "--json", NULL },
      { "customers", NULL },
      { "customers", "--json", NULL },
      { "renewals", "--today", "2026-11-28", "--within", "400", NULL },
      { "renewals", "--today", "2026-11-28", "--within", "400", "--json" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        const char **a = lists[i];

        g_assert_cmpint (test_cli_run (f->location, &out, &err, a[0], a[1], a[2], a[3], a[4], a[5],
                                  NULL), ==, 0);
        g_assert_cmpint (test_cli_run (reference, &ref_out, &ref_err, a[0], a[1], a[2], a[3], a[4],
                                  a[5], NULL), ==, 0);
        g_assert_cmpstr (err, ==, "");
        g_assert_cmpstr (out, ==, ref_out);
        g_assert_nonnull (strstr (out, i % 2 ? "\"name\"" : "\n"));
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
        g_clear_pointer (&ref_out, g_free);
        g_clear_pointer (&ref_err, g_free);
      }

    /* Archived and brought back: out of the renewals and in again, the same on both; a
     * missing id told in the same words but for the database's name. */
    {
      const char *steps[][4] = {
        { "archive", "--installation", "1", NULL },
        { "renewals", "--today", "2026-11-28", NULL },
        { "unarchive", "--installation", "1", NULL },
        { "archive", "--customer", "1", NULL },
        { "renewals", "--today", "2026-11-28", NULL },
        { "unarchive", "--customer", "1", NULL },
        { "renewals", "--today", "2026-11-28", NULL },
        { "archive", "--installation", "99", NULL },
      };

      g_autofree char *archived_out = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          int status = test_cli_run (f->location, &out, &err, steps[i][0], steps[i][1],
                                steps[i][2], NULL);

          g_assert_cmpint (test_cli_run (reference, &ref_out, &ref_err, steps[i][0], steps[i][1],
                                    steps[i][2], NULL), ==, status);
          g_assert_cmpint (status, ==, i == 7 ? 1 : 0);
          g_assert_cmpstr (out, ==, ref_out);
          if (i == 7)
            g_assert_nonnull (strstr (err, "--installation: There is no installation with "
                                           "id 99 in the database "));
          else
            g_assert_cmpstr (err, ==, ref_err);
          /* The archived installation is out of the renewals, and back after. */
          if (i == 1)
            archived_out = g_strdup (out);
          if (i == 6)
            g_assert_cmpstr (out, !=, archived_out);
          g_clear_pointer (&out, g_free);
          g_clear_pointer (&err, g_free);
          g_clear_pointer (&ref_out, g_free);
          g_clear_pointer (&ref_err, g_free);
        }
    }

    /* Each installation written back as a file: the same bytes from both engines, and an
     * id that is not there told the same way. */
    for (guint id = 1; id <= 3; id++)
      {
        g_autofree char *option = g_strdup_printf ("%u", id);
        int status = test_cli_run (f->location, &out, &err, "export", "--installation", option,
                              NULL);

        g_assert_cmpint (test_cli_run (reference, &ref_out, &ref_err, "export", "--installation",
                                  option, NULL), ==, status);
        g_assert_cmpint (status, ==, id <= 2 ? 0 : 1);
        g_assert_cmpstr (out, ==, ref_out);
        if (id <= 2)
          g_assert_nonnull (strstr (out, "ssa-desk-installation/1"));
        else
          g_assert_nonnull (strstr (err, "There is no installation with id 3"));
        g_clear_pointer (&out, g_free);
        g_clear_pointer (&err, g_free);
        g_clear_pointer (&ref_out, g_free);
        g_clear_pointer (&ref_err, g_free);
      }

    /* The licence types: the same answers, table and refusals on both engines. */
    {
      g_autoptr(SsaPriceList) sample = ssa_samples_load_price_list (NULL);
      const SsaPriceListProduct *product = g_ptr_array_index (sample->products, 0);
      const char *steps[][5] = {
        { "map-licence-type", "Custom-Lic", product->code, NULL },
        { "map-licence-type", "Custom-Lic", "NO-SUCH-ARTICLE", NULL },
        { "licence-types", NULL },
        { "licence-types", "--json", NULL },
        { "unmap-licence-type", "Custom-Lic", NULL },
        { "unmap-licence-type", "Custom-Lic", NULL },
      };

      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          int status = test_cli_run (f->location, &out, &err, steps[i][0], steps[i][1], steps[i][2],
                                NULL);

          g_assert_cmpint (test_cli_run (reference, &ref_out, &ref_err, steps[i][0], steps[i][1],
                                    steps[i][2], NULL), ==, status);
          g_assert_cmpint (status, ==, i == 1 || i == 5 ? 1 : 0);
          g_assert_cmpstr (out, ==, ref_out);
          g_assert_cmpstr (err, ==, ref_err);
          g_clear_pointer (&out, g_free);
          g_clear_pointer (&err, g_free);
          g_clear_pointer (&ref_out, g_free);
          g_clear_pointer (&ref_err, g_free);
        }
    }

    /* Offers through SsaDb on both engines: created (numbers from 0001 on each), listed,
     * the status rules (a draft is not accepted; the accepted one supersedes the other
     * open offer of its installation, which then cannot be sent), exported, and the
     * reminders that count them: the same output, in the same words. */
    {
      g_auto(GStrv) numbers = g_new0 (char *, 3);  /* two numbers, NULL-terminated */
      g_autofree char *json_path = g_build_filename (run_dir, "offer-pg.json", NULL);
      g_autofree char *json_ref_path = g_build_filename (run_dir, "offer-ref.json", NULL);
      const char *steps[][6] = {
        { "offers", NULL },
        { "offer", "revise", "@2", "--discount", "10", NULL },
        { "offer", "status", "@1", "accepted", NULL },
        { "offer", "status", "@1", "sent", NULL },
        { "offer", "status", "@1", "accepted", NULL },
        { "offer", "status", "@2", "sent", NULL },
        { "offer", "status", "@2", "maybe", NULL },
        { "offers", NULL },
        { "offers", "--json", NULL },
        { "offer", "export", "@1", "--json", "-", NULL },
        { "renewals", "--reminders", "--today", "2026-11-28", NULL },
      };
      const int expected[] = { 0, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0 };

      for (guint i = 0; i < 2; i++)
        {
          int status = test_cli_run (f->location, &out, &err, "offer", "create", "--installation",
                                "1", "--today", "2026-11-28", NULL);

          g_assert_cmpint (test_cli_run (reference, &ref_out, &ref_err, "offer", "create",
                                    "--installation", "1", "--today", "2026-11-28", NULL),
                           ==, status);
          g_assert_cmpint (status, ==, 0);
          g_assert_cmpstr (err, ==, ref_err);
          g_assert_cmpstr (out, ==, ref_out);
          numbers[i] = g_strstrip (g_steal_pointer (&out));
          g_assert_true (g_str_has_suffix (numbers[i], i == 0 ? "-0001" : "-0002"));
          g_clear_pointer (&err, g_free);
          g_clear_pointer (&ref_out, g_free);
          g_clear_pointer (&ref_err, g_free);
        }

      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          const char *args[6];
          int status;

          for (guint j = 0; j < 6; j++)
            args[j] = g_strcmp0 (steps[i][j], "@1") == 0 ? numbers[0]
                      : g_strcmp0 (steps[i][j], "@2") == 0 ? numbers[1] : steps[i][j];
          status = test_cli_run (f->location, &out, &err, args[0], args[1], args[2], args[3],
                            args[4], args[5], NULL);
          g_assert_cmpint (test_cli_run (reference, &ref_out, &ref_err, args[0], args[1], args[2],
                                    args[3], args[4], args[5], NULL), ==, status);
          g_assert_cmpint (status, ==, expected[i]);
          /* The history's times are the clock's, a second apart at most between the two. */
          {
            g_autoptr(GRegex) at = g_regex_new ("\"at\" : \"[-0-9T:]*Z\"", 0, 0, NULL);
            g_autofree char *masked = g_regex_replace_literal (at, out, -1, 0, "\"at\"", 0,
                                                               NULL);
            g_autofree char *ref_masked = g_regex_replace_literal (at, ref_out, -1, 0, "\"at\"",
                                                                   0, NULL);

            g_assert_cmpstr (masked, ==, ref_masked);
          }
          g_assert_cmpstr (err, ==, ref_err);
          if (i == 1)
            g_assert_true (g_str_has_suffix (out, "-R2\n"));
          if (i == 4)
            g_assert_nonnull (strstr (out, "is now superseded"));
          if (i == 9)
            g_assert_nonnull (strstr (out, "ssa-desk-offer/1"));
          g_clear_pointer (&out, g_free);
          g_clear_pointer (&err, g_free);
          g_clear_pointer (&ref_out, g_free);
          g_clear_pointer (&ref_err, g_free);
        }
    }

    /* Customers from an accounting system's file and updated from another, a licence file
     * read into an installation, and the lists after: the same on both engines (the
     * refusals' words name the database, so only their status and output are compared). */
    {
      const char *source = g_getenv ("SSA_DESK_SOURCE_ROOT");
      g_autofree char *customers = g_build_filename (source, "tests", "customers",
                                                     "nb-comma-utf8-bom.csv", NULL);
      g_autofree char *update = g_build_filename (source, "tests", "customers", "update.csv",
                                                  NULL);
      g_autofree char *licences = g_build_filename (source, "tests", "licences", "bergen.xml",
                                                    NULL);
      const char *steps[][6] = {
        { "import-customers", customers, NULL },
        { "import-customers", update, NULL },
        { "customers", "--json", NULL },
        { "import-licences", "--installation", "2", licences, NULL },
        { "export", "--installation", "2", NULL },
        { "installations", "--json", NULL },
      };

      for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
        {
          int status = test_cli_run (f->location, &out, &err, steps[i][0], steps[i][1],
                                steps[i][2], steps[i][3], steps[i][4], NULL);

          g_assert_cmpint (test_cli_run (reference, &ref_out, &ref_err, steps[i][0], steps[i][1],
                                    steps[i][2], steps[i][3], steps[i][4], NULL), ==, status);
          g_assert_cmpstr (out, ==, ref_out);
          if (status == 0)
            g_assert_cmpstr (err, ==, ref_err);
          if (i == 0)
            g_assert_cmpint (status, ==, 0);
          g_clear_pointer (&out, g_free);
          g_clear_pointer (&err, g_free);
          g_clear_pointer (&ref_out, g_free);
          g_clear_pointer (&ref_err, g_free);
        }
    }

    /* Again: refused for the serial, nothing stored, the same words on both engines but
     * for the database's name. */
    g_assert_cmpint (test_cli_run (f->location, &out, &err, "import", first, NULL), ==, 1);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, "already has the serial number"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    test_remove_tree (reference);
  }

  if (on_pg ())
    {
      /* What works only on an SQLite file refuses a team database in words. */
      g_assert_cmpint (test_cli_run (f->location, &out, &err, "backup", "x.db", NULL), ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_nonnull (strstr (err, "ssa-desk-cli backup: works only on an SQLite file, not "
                                     "on a team database"));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }
  else
    {
      g_assert_cmpint (test_cli_run (f->location, &out, &err, "installations", NULL), ==, 0);
    }
  g_unlink (file);
}

/* Failures on PostgreSQL */

/* A wrong password is told as such, through the API and the command line, and the
 * password is never in the message. */
static void
test_wrong_password (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = test_pg_server_uri (server, "postgres");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(SsaTeamDb) db = NULL;

  g_setenv ("PGPASSWORD", "not-the-password", TRUE);
  db = ssa_team_db_open (uri, &error);
  g_assert_null (db);
  g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_AUTHENTICATION);
  g_assert_nonnull (strstr (error->message, "refused the user name or password"));
  g_assert_null (strstr (error->message, "not-the-password"));
  g_clear_error (&error);

  if (g_getenv ("SSA_DESK_CLI") != NULL)
    {
      g_assert_cmpint (test_cli_run (uri, &out, &err, "db", "init", NULL), ==, 1);
      g_assert_nonnull (strstr (err, "ssa-desk-cli db init: The team database postgresql://"
                                     TEST_PG_USER "@127.0.0.1:"));
      g_assert_nonnull (strstr (err, "refused the user name or password"));
    }
  g_setenv ("PGPASSWORD", TEST_PG_PASSWORD, TRUE);

  /* No password at all. */
  g_unsetenv ("PGPASSWORD");
  db = ssa_team_db_open (uri, &error);
  g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_AUTHENTICATION);
  g_assert_nonnull (strstr (error->message, "~/.pgpass"));
  g_clear_error (&error);
  g_setenv ("PGPASSWORD", TEST_PG_PASSWORD, TRUE);
}

/* A password in the URI is refused before anything is done, and never printed; the
 * messages name the database without it. */
static void
test_password_in_uri (void)
{
  g_autofree char *uri = g_strdup_printf ("postgresql://" TEST_PG_USER ":" TEST_PG_PASSWORD
                                          "@127.0.0.1:%d/postgres", server->port);
  g_autofree char *described = ssa_team_db_describe (uri);
  g_autofree char *out = NULL, *err = NULL;

  g_assert_true (ssa_team_db_uri_has_password (uri));
  g_assert_false (ssa_team_db_uri_has_password ("postgresql://" TEST_PG_USER "@127.0.0.1/x"));
  g_assert_null (strstr (described, TEST_PG_PASSWORD));
  g_assert_true (g_str_has_prefix (described, "postgresql://" TEST_PG_USER "@127.0.0.1:"));

  if (g_getenv ("SSA_DESK_CLI") == NULL)
    return;
  g_assert_cmpint (test_cli_run (uri, &out, &err, "db", "init", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "the URI holds a password"));
  g_assert_null (strstr (err, TEST_PG_PASSWORD));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_cli_run ("/nonexistent.db", &out, &err, "db", "init", uri, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "ssa-desk-cli db init: the URI holds a password"));
}

/* Four clients running `db init` on one new database at once: the advisory lock lets one
 * create the schema; the others find it made, and it is there once, with one sample list. */
static void
test_concurrent_init (Fixture       *f,
                      gconstpointer  data)
{
  GPid pids[4];
  int outs[4];
  guint created = 0, found = 0;
  g_autoptr(SsaSql) sql = NULL;

  if (g_getenv ("SSA_DESK_CLI") == NULL)
    {
      g_test_skip ("SSA_DESK_CLI is not set");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
    {
      const char *argv[] = { g_getenv ("SSA_DESK_CLI"), "db", "init", f->location, NULL };
      g_autoptr(GError) error = NULL;

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL,
                                               G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pids[i],
                                               NULL, &outs[i], NULL, &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (pids); i++)
    {
      g_autoptr(GIOChannel) channel = g_io_channel_unix_new (outs[i]);
      g_autofree char *out = NULL;
      int status = 0;

      g_io_channel_set_close_on_unref (channel, TRUE);
      g_assert_cmpint (g_io_channel_read_to_end (channel, &out, NULL, NULL), ==,
                       G_IO_STATUS_NORMAL);
      g_assert_cmpint (waitpid (pids[i], &status, 0), ==, pids[i]);
      g_spawn_close_pid (pids[i]);
      g_assert_true (WIFEXITED (status));
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      if (g_str_has_prefix (out, "Created SSA Desk’s tables"))
        created++;
      else if (strstr (out, "has this version’s tables already") != NULL)
        found++;
    }
  g_assert_cmpuint (created, ==, 1);
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (pids) - 1);

  sql = open_raw (f);
  g_assert_cmpint (query_int (sql, "SELECT count(*) FROM price_lists"), ==, 1);
  g_assert_cmpint (query_int (sql, "SELECT version FROM ssa_schema"), ==, SSA_DB_SCHEMA_VERSION);
}

/* ssa_db_open() on a team database: refused in words before db init, opened after; what
 * is the SQLite file's refused or done the server's way; a lock another client holds past
 * the busy timeout is SSA_DB_ERROR_BUSY, a lost connection SSA_DB_ERROR_UNREACHABLE. */
static void
test_ssa_db_open (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaSql) other = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autofree char *backup = g_build_filename (run_dir, "team-backup.db", NULL);

  db = ssa_db_open (f->location, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "ssa-desk-cli db init"));
  g_clear_error (&error);

  init_db (f);
  db = ssa_db_open (f->location, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_db_is_team (db));
  g_assert_cmpint (ssa_db_get_schema_version (db), ==, SSA_DB_SCHEMA_VERSION);
  g_assert_true (ssa_db_check (db, SSA_DB_CHECK_FULL, &error));
  g_assert_no_error (error);
  g_assert_false (ssa_db_backup (db, backup, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "works only on an SQLite file"));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* Another client holds the table: busy after the timeout, and nothing broken after. */
  other = open_raw (f);
  g_assert_true (ssa_sql_exec (other, "BEGIN; LOCK TABLE customers IN ACCESS EXCLUSIVE MODE",
                               &error));
  g_assert_no_error (error);
  customers = ssa_db_load_customers (db, &error);
  g_assert_null (customers);
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "is busy"));
  g_clear_error (&error);
  g_assert_true (ssa_sql_exec (other, "ROLLBACK", &error));
  customers = ssa_db_load_customers (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 0);

  /* The server ends the connection (a restart, the network): said so. */
  g_assert_true (ssa_sql_exec (other, "SELECT pg_terminate_backend (pid) FROM pg_stat_activity "
                                      "WHERE datname = current_database () "
                                      "AND pid <> pg_backend_pid ()", &error));
  g_assert_no_error (error);
  g_clear_pointer (&customers, g_ptr_array_unref);
  customers = ssa_db_load_customers (db, &error);
  g_assert_null (customers);
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "try again when the server can be reached"));
}

/* A command run at once, not waited for: its pid and the pipe of its standard output. */
static GPid
spawn_cli (const char  *location,
           int         *out_fd,
           const char  *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  va_list args;
  GPid pid;

  g_ptr_array_add (argv, (char *) g_getenv ("SSA_DESK_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) location);
  g_ptr_array_add (argv, (char *) first);
  va_start (args, first);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv->pdata, NULL,
                                           G_SPAWN_DO_NOT_REAP_CHILD |
                                           G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, NULL,
                                           out_fd, NULL, &error));
  g_assert_no_error (error);
  return pid;
}

/* Waits for @pid; returns its exit status, or -1 when a signal ended it. */
static int
reap_cli (GPid    pid,
          int     out_fd,
          char  **out)
{
  g_autoptr(GIOChannel) channel = g_io_channel_unix_new (out_fd);
  int status = 0;

  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_to_end (channel, out, NULL, NULL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  if (WIFSIGNALED (status))
    return -1;
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

#define OFFER_CLIENTS 8
#define OFFER_ROUNDS  50

/* Eight clients creating offers at once, fifty rounds, one of them killed (SIGKILL) at a
 * random moment of each round: the numbers stored run from 0001 without a gap or a
 * duplicate, every number printed is stored, and the next one carries on. Then two
 * clients accepting two sent offers of one installation at the same moment, five times:
 * exactly one wins each time, the other is refused (its offer was superseded). */
static void
test_concurrent_offers (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GHashTable) printed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  g_autoptr(SsaSql) sql = NULL;
  g_autofree char *samples = NULL;
  g_autofree char *first = NULL, *second = NULL;
  g_autofree char *out = NULL, *err = NULL;
  guint n_killed = 0, n_survived = 0;
  gint64 n_stored;

  if (g_getenv ("SSA_DESK_CLI") == NULL)
    {
      g_test_skip ("SSA_DESK_CLI is not set");
      return;
    }
  samples = g_build_filename (g_getenv ("SSA_DESK_SOURCE_ROOT"), "data", "sample-installations",
                              NULL);
  first = g_build_filename (samples, "renewal-in-time.json", NULL);
  second = g_build_filename (samples, "lapsed.json", NULL);
  g_assert_cmpint (test_cli_run (f->location, &out, &err, "db", "init", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (test_cli_run (f->location, &out, &err, "import", first, second, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  for (guint round = 0; round < OFFER_ROUNDS; round++)
    {
      GPid pids[OFFER_CLIENTS];
      int outs[OFFER_CLIENTS];
      guint victim = g_rand_int_range (rand, 0, OFFER_CLIENTS);

      for (guint i = 0; i < OFFER_CLIENTS; i++)
        pids[i] = spawn_cli (f->location, &outs[i], "offer", "create", "--installation", "1",
                             "--today", "2026-11-28", NULL);
      g_usleep (g_rand_int_range (rand, 0, 80000));
      kill (pids[victim], SIGKILL);
      for (guint i = 0; i < OFFER_CLIENTS; i++)
        {
          g_autofree char *number = NULL;
          int status = reap_cli (pids[i], outs[i], &number);

          if (status < 0)
            {
              n_killed++;
              continue;
            }
          g_assert_cmpint (status, ==, 0);
          g_strstrip (number);
          g_assert_true (g_str_has_prefix (number, "20"));
          g_assert_false (g_hash_table_contains (printed, number));
          g_hash_table_add (printed, g_steal_pointer (&number));
          n_survived++;
        }
    }
  g_test_message ("%u clients finished, %u were killed", n_survived, n_killed);

  sql = open_raw (f);
  n_stored = query_int (sql, "SELECT count(*) FROM offers");
  g_assert_cmpint (n_stored, >=, n_survived);
  g_assert_cmpint (n_stored, <=, OFFER_CLIENTS * OFFER_ROUNDS);
  g_assert_cmpint (query_int (sql, "SELECT count(DISTINCT year * 100000 + seq) FROM offers"), ==,
                   n_stored);
  g_assert_cmpint (query_int (sql, "SELECT min(seq) FROM offers"), ==, 1);
  g_assert_cmpint (query_int (sql, "SELECT max(seq) FROM offers"), ==, n_stored);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, printed);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(SsaSqlStmt) stmt = ssa_sql_prepare (sql, "SELECT count(*) FROM offers "
                                                           "WHERE number = ?", &error);

        g_assert_no_error (error);
        ssa_sql_bind_text (stmt, 1, key);
        g_assert_cmpint (ssa_sql_step (stmt, &error), ==, SSA_SQL_STEP_ROW);
        g_assert_cmpint (ssa_sql_column_int64 (stmt, 0), ==, 1);
      }
  }
  g_assert_cmpint (test_cli_run (f->location, &out, &err, "offer", "create", "--installation", "1",
                            "--today", "2026-11-28", NULL), ==, 0);
  {
    g_autofree char *next = g_strdup_printf ("-%04d", (int) n_stored + 1);

    g_assert_true (g_str_has_suffix (g_strstrip (out), next));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Two acceptances of one installation's offers at once: one wins. */
  for (guint round = 0; round < 5; round++)
    {
      g_auto(GStrv) numbers = g_new0 (char *, 3);  /* two numbers, NULL-terminated */
      GPid pids[2];
      int outs[2];
      guint accepted = 0, refused = 0;

      for (guint i = 0; i < 2; i++)
        {
          g_assert_cmpint (test_cli_run (f->location, &numbers[i], &err, "offer", "create",
                                    "--installation", "2", "--today", "2026-11-28", NULL),
                           ==, 0);
          g_strstrip (numbers[i]);
          g_clear_pointer (&err, g_free);
          g_assert_cmpint (test_cli_run (f->location, &out, &err, "offer", "status", numbers[i],
                                    "sent", NULL), ==, 0);
          g_clear_pointer (&out, g_free);
          g_clear_pointer (&err, g_free);
        }
      for (guint i = 0; i < 2; i++)
        pids[i] = spawn_cli (f->location, &outs[i], "offer", "status", numbers[i], "accepted",
                             NULL);
      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *said = NULL;
          int status = reap_cli (pids[i], outs[i], &said);

          if (status == 0)
            accepted++;
          else if (status == 1)
            refused++;
        }
      g_assert_cmpuint (accepted, ==, 1);
      g_assert_cmpuint (refused, ==, 1);
    }
  g_assert_cmpint (query_int (sql, "SELECT count(*) FROM offers WHERE installation_id = 2 "
                                   "AND status = 'accepted'"), ==, 5);
}

/* A port nothing listens on: unreachable, said so, quickly. */
static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("postgresql://" TEST_PG_USER "@127.0.0.1:%d/postgres",
                                          test_pg_free_port ());
  g_autoptr(SsaTeamDb) db = ssa_team_db_open (uri, &error);

  g_assert_null (db);
  g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "Could not reach the team database"));
  g_clear_error (&error);

  g_assert_false (ssa_team_db_init (uri, NULL, &error));
  g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_UNREACHABLE);

  if (g_getenv ("SSA_DESK_CLI") != NULL)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (test_cli_run (uri, &out, &err, "installations", NULL), ==, 1);
      g_assert_cmpstr (out, ==, "");
      g_assert_true (g_str_has_prefix (err, "ssa-desk-cli installations: Could not reach the "
                                            "team database postgresql://" TEST_PG_USER
                                            "@127.0.0.1:"));
    }
}

/* The test server requires TLS and has a self-signed certificate. sslmode=verify-full
 * against another authority is refused as a TLS failure; against its own certificate it
 * connects; without TLS (sslmode=disable) the server refuses, said as TLS too. */
static void
test_tls (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = g_build_filename (run_dir, "other-ca.crt", NULL);
  g_autofree char *wrong = NULL, *right = NULL, *disabled = NULL;
  g_autoptr(SsaTeamDb) db = NULL;
  g_autoptr(SsaSql) sql = NULL;

  g_assert_true (g_file_set_contents (ca, test_ca_pem, -1, &error));
  wrong = g_strdup_printf ("postgresql://" TEST_PG_USER "@127.0.0.1:%d/postgres"
                           "?sslmode=verify-full&sslrootcert=%s", server->port, ca);
  right = g_strdup_printf ("postgresql://" TEST_PG_USER "@127.0.0.1:%d/postgres"
                           "?sslmode=verify-full&sslrootcert=%s", server->port, server->cert);
  disabled = g_strdup_printf ("postgresql://" TEST_PG_USER "@127.0.0.1:%d/postgres"
                              "?sslmode=disable", server->port);

  db = ssa_team_db_open (wrong, &error);
  g_assert_null (db);
  g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "encrypted (TLS) connection"));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  db = ssa_team_db_open (disabled, &error);
  g_assert_null (db);
  g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_TLS);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  sql = ssa_sql_open (right, &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (sql, "SELECT count(*) FROM pg_stat_ssl WHERE pid = "
                                   "pg_backend_pid() AND ssl"), ==, 1);
}

/* What is not converted yet refuses a team database in words, and makes no folder named
 * after the URI. */
/* ssa_db_open() takes a URI to a team database: a server that does not answer is said so
 * in words (SSA_DB_ERROR_UNREACHABLE), and no folder named after the URI is made. */
static void
test_db_open_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *folder = g_build_filename (cwd, "postgresql:", NULL);

  db = ssa_db_open ("postgresql://" TEST_PG_USER "@127.0.0.1:1/x", SSA_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_UNREACHABLE);
  g_assert_true (g_str_has_prefix (error->message, "Could not reach the team database "
                                   "postgresql://" TEST_PG_USER "@127.0.0.1:1/x"));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
}

/* Without libpq (SSA_DESK_LIBPQ names one that is not there) a team database is refused in
 * words that say what to install, and the SQLite file works as before: nothing links libpq,
 * it is opened on first use. */
static void
test_without_libpq (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ssa-no-libpq-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "team.db", NULL);
  g_autofree char *missing = g_build_filename (dir, "libpq.so.5", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_nonnull (dir);
  g_setenv ("SSA_DESK_LIBPQ", missing, TRUE);
  g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "init",
                                 "postgresql://" TEST_PG_USER "@127.0.0.1:1/x", NULL), !=, 0);
  g_assert_nonnull (strstr (err, "libpq"));
  g_assert_nonnull (strstr (err, "libpq5"));
  g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "init", file, NULL), ==, 0);
  g_assert_cmpint (test_cli_run (file, &out, &err, "customers", NULL), ==, 0);
  g_unsetenv ("SSA_DESK_LIBPQ");
  test_remove_tree (dir);
}

static void
add_engine_test (const char *name,
                 void      (*func) (Fixture *, gconstpointer))
{
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown);
}

int
main (int    argc,
      char **argv)
{
  const char *engine = g_getenv ("SSA_TEST_ENGINE");
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  run_dir = g_dir_make_tmp ("ssa-desk-team-db-XXXXXX", &error);
  g_assert_no_error (error);
  test_pg_isolate_env (run_dir);
  /* One name for who did what on both engines (else the server's user and the system's
   * differ), so that the commands' outputs compare. */
  g_setenv ("SSA_DESK_USER", "Kari Nordmann", TRUE);

  if (g_strcmp0 (engine, "postgresql") == 0)
    server = test_pg_server_start_or_exit (run_dir);
  else if (engine != NULL && g_strcmp0 (engine, "sqlite") != 0)
    g_error ("SSA_TEST_ENGINE is “%s”: sqlite or postgresql", engine);

  g_test_add_func ("/sql/number-parameters", test_number_parameters);
  g_test_add_func ("/team-db/db-open-unreachable", test_db_open_unreachable);
  g_test_add_func ("/team-db/without-libpq", test_without_libpq);
  add_engine_test ("/sql/values", test_values);
  add_engine_test ("/sql/column-types", test_column_types);
  add_engine_test ("/team-db/init", test_init);
  add_engine_test ("/team-db/schema-rules", test_schema_rules);
  add_engine_test ("/team-db/newer", test_newer);
  add_engine_test ("/team-db/not-ssa-desk", test_not_ssa_desk);
  add_engine_test ("/team-db/price-lists", test_price_lists);
  add_engine_test ("/team-db/inventory", test_inventory);
  add_engine_test ("/team-db/many-lines", test_many_lines);
  add_engine_test ("/team-db/licence-types", test_licence_types);
  add_engine_test ("/team-db/cli", test_cli);
  add_engine_test ("/team-db/offer-reads", test_offer_reads);
  if (on_pg ())
    {
      g_test_add_func ("/team-db/pg/wrong-password", test_wrong_password);
      g_test_add_func ("/team-db/pg/unreachable", test_unreachable);
      g_test_add_func ("/team-db/pg/password-in-uri", test_password_in_uri);
      add_engine_test ("/team-db/pg/concurrent-init", test_concurrent_init);
      add_engine_test ("/team-db/pg/concurrent-offers", test_concurrent_offers);
      add_engine_test ("/team-db/pg/ssa-db-open", test_ssa_db_open);
      g_test_add_func ("/team-db/pg/tls", test_tls);
    }

  status = g_test_run ();
  test_pg_server_stop (server);
  test_remove_tree (run_dir);
  g_free (run_dir);
  return status;
}
