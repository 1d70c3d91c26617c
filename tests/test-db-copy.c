/* test-db-copy.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "ssa-db.h"
#include "ssa-db-copy.h"
#include "ssa-db-licences.h"
#include "ssa-db-offers.h"
#include "ssa-pbx-reading.h"
#include "ssa-profile.h"
#include "ssa-samples.h"
#include "ssa-sql.h"
#include "ssa-team-db.h"

#include "test-cli-util.h"
#include "test-pg-server.h"
#include "test-util.h"

/* `ssa-desk-cli db copy`: an SQLite file filled through the program's own commands and
 * storage (customers, installations with licence lines, a stored price list, offers with
 * alternatives and an accepted one with its history, a licence type, a PBX reading, the
 * profile with its logo) copied to a real PostgreSQL server (test-pg-server.h) and back
 * into a new file; every table and the commands' outputs compared. Then the refusals, and
 * copies that fail half-way and leave the target as it was. */

static TestPgServer *server;
static char *run_dir;
static guint n_databases;

/* The tables, in the order ssa-db-copy.c copies them, with the key they are compared by. */
static const struct { const char *name, *order; } tables[] = {
  { "customers", "id" },
  { "installations", "id" },
  { "licences", "id" },
  { "price_lists", "id" },
  { "offers", "id" },
  { "offer_status_changes", "id" },
  { "profile", "id" },
  { "licence_type_map", "type" },
  { "pbx_readings", "installation_id" },
  { "pbx_reading_licences", "installation_id, name" },
  { "audit_log", "id" },
};

static int
this_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now);
}

/* A new database on the server, without tables. */
static char *
new_pg_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("ssa_copy_%u", ++n_databases);
  g_autofree char *admin = test_pg_server_uri (server, "postgres");
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autoptr(SsaSql) sql = ssa_sql_open (admin, &error);

  g_assert_no_error (error);
  g_assert_true (ssa_sql_exec (sql, create, &error));
  g_assert_no_error (error);
  return test_pg_server_uri (server, name);
}

static char *
new_file_path (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s-%u.db", name, ++n_databases);

  return g_build_filename (run_dir, file, NULL);
}

static SsaSql *
open_raw (const char *location)
{
  g_autoptr(GError) error = NULL;
  SsaSql *sql = ssa_sql_open (location, &error);

  g_assert_no_error (error);
  return sql;
}

static void
exec_raw (const char *location,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaSql) sql = open_raw (location);

  g_assert_true (ssa_sql_exec (sql, text, &error));
  g_assert_no_error (error);
}

static gint64
query_int (const char *location,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaSql) sql = open_raw (location);
  g_autoptr(SsaSqlStmt) stmt = ssa_sql_prepare (sql, text, &error);

  g_assert_no_error (error);
  g_assert_cmpint (ssa_sql_step (stmt, &error), ==, SSA_SQL_STEP_ROW);
  g_assert_no_error (error);
  return ssa_sql_column_int64 (stmt, 0);
}

/* The columns of @table in the SQLite file @file, with BLOB ones marked. */
static GPtrArray *
file_columns (const char *file,
              const char *table,
              GArray    **out_blob)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaSql) sql = open_raw (file);
  g_autoptr(SsaSqlStmt) stmt = ssa_sql_prepare (sql, "SELECT name, upper(type) FROM "
                                                "pragma_table_info(?) ORDER BY cid", &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  *out_blob = g_array_new (FALSE, FALSE, sizeof (gboolean));
  ssa_sql_bind_text (stmt, 1, table);
  while (ssa_sql_step (stmt, &error) == SSA_SQL_STEP_ROW)
    {
      gboolean blob = g_str_equal (ssa_sql_column_text (stmt, 1), "BLOB");

      g_ptr_array_add (names, ssa_sql_column_dup_text (stmt, 0));
      g_array_append_val (*out_blob, blob);
    }
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, >, 0);
  return names;
}

/* Every row of @table in @location, as text: the columns of the reference file @file in
 * its order, blobs in upper-case hex, NULL as NULL; rows by @order (bytes). */
static char *
dump_table (const char *location,
            const char *file,
            const char *table,
            const char *order)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) blob = NULL;
  g_autoptr(GPtrArray) names = file_columns (file, table, &blob);
  g_autoptr(SsaSql) sql = open_raw (location);
  g_autoptr(SsaSqlStmt) stmt = NULL;
  g_autoptr(GString) text = g_string_new ("SELECT ");
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean pg = ssa_sql_get_engine (sql) == SSA_SQL_ENGINE_POSTGRESQL;
  SsaSqlStep step;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (i > 0)
        g_string_append (text, ", ");
      if (g_array_index (blob, gboolean, i))
        g_string_append_printf (text, pg ? "upper(encode(%s, 'hex'))"
                                : "CASE WHEN %1$s IS NULL THEN NULL ELSE hex(%1$s) END",
                                name);
      else
        g_string_append (text, name);
    }
  g_string_append_printf (text, " FROM %s ORDER BY %s", table, order);
  if (pg && strstr (order, "type") != NULL)
    g_string_append (text, " COLLATE \"C\"");
  if (pg && g_str_equal (table, "pbx_reading_licences"))
    g_string_append (text, " COLLATE \"C\"");

  stmt = ssa_sql_prepare (sql, text->str, &error);
  g_assert_no_error (error);
  while ((step = ssa_sql_step (stmt, &error)) == SSA_SQL_STEP_ROW)
    {
      for (guint i = 0; i < names->len; i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                                ssa_sql_column_is_null (stmt, i) ? "NULL"
                                : ssa_sql_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  g_assert_no_error (error);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Runs a command that must succeed; its output. */
static char *
cli_ok (const char *first,
        ...)
{
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list args;
  int status;

  va_start (args, first);
  status = test_cli_run_v (NULL, &out, &err, first, args);
  va_end (args);
  if (status != 0)
    g_error ("%s failed: %s%s", first, out, err);
  return out;
}

static char *
sample_path (const char *name)
{
  return g_build_filename (g_getenv ("SSA_DESK_SOURCE_ROOT"), "data", "sample-installations",
                           name, NULL);
}

/* An SQLite file with some of everything, through the commands and the storage API. */
static char *
fill_source (void)
{
  g_autofree char *path = new_file_path ("source");
  g_autofree char *list_file = g_build_filename (run_dir, "price-list-2026-12.json", NULL);
  g_autofree char *first = NULL, *second = NULL, *third = NULL;
  g_autofree char *accepted = g_strdup_printf ("%d-0001", this_year ());
  g_autofree char *s1 = sample_path ("renewal-in-time.json");
  g_autofree char *s2 = sample_path ("lapsed.json");
  g_autofree char *s3 = sample_path ("saas.json");
  g_autoptr(GBytes) sample = ssa_samples_get_price_list_bytes ();
  g_autofree char *text = g_strndup (g_bytes_get_data (sample, NULL), g_bytes_get_size (sample));
  g_autofree char *renamed = test_replace_once (text, "\"sample-2026-11\"", "\"2026-12\"");
  g_autoptr(SsaPriceList) price_list = ssa_samples_load_price_list (NULL);
  const SsaPriceListProduct *product = g_ptr_array_index (price_list->products, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  g_assert_true (g_file_set_contents (list_file, renamed, -1, &error));
  g_free (cli_ok ("--db", path, "price-list", "import", list_file, NULL));
  g_free (cli_ok ("--db", path, "import", s1, s2, s3, NULL));
  g_free (cli_ok ("--db", path, "offer", "create", "--installation", "1", "--today",
                  "2026-11-28", NULL));
  g_free (cli_ok ("--db", path, "offer", "create", "--installation", "2", "--today",
                  "2026-11-28", "--alternative", "months=36,billing=quarterly",
                  "--alternative", "end=2029-12-31", NULL));
  /* A second offer for the first installation: superseded when the first is accepted. */
  g_free (cli_ok ("--db", path, "offer", "create", "--installation", "1", "--today",
                  "2026-11-28", NULL));
  g_free (cli_ok ("--db", path, "offer", "status", accepted, "sent", NULL));
  g_free (cli_ok ("--db", path, "offer", "status", accepted, "accepted", NULL));
  g_free (cli_ok ("--db", path, "map-licence-type", "Custom-Lic", product->code, NULL));
  g_free (cli_ok ("--db", path, "archive", "--installation", "3", NULL));

  {
    g_autoptr(SsaDb) db = ssa_db_open (path, SSA_DB_OPEN_DEFAULT, &error);
    g_autoptr(SsaProfile) profile = NULL;
    g_autoptr(SsaPbxReading) reading = g_new0 (SsaPbxReading, 1);
    /* A PNG's signature, then bytes a text column would not keep: NUL, 0xff, quotes. */
    static const guchar logo[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0,
                                   0xff, 0xfe, '\'', '"', '\\', 0, 0x80 };
    SsaPbxLicence licences[] = { { (char *) "Port", 20, 14 }, { (char *) "Voicemail", 5, 5 },
                                 { (char *) "Ämne", 1, 0 } };

    g_assert_no_error (error);
    profile = ssa_db_load_profile (db, &error);
    g_assert_no_error (error);
    g_free (profile->company_name);
    profile->company_name = g_strdup ("Nordlys Telekom AS");
    g_free (profile->payment_terms);
    profile->payment_terms = g_strdup ("14 dager netto");
    profile->logo = g_bytes_new (logo, sizeof logo);
    profile->logo_mime_type = g_strdup ("image/png");
    profile->has_default_labour_rate = TRUE;
    profile->default_labour_rate = 125050;
    g_assert_true (ssa_db_save_profile (db, profile, &error));
    g_assert_no_error (error);

    reading->licences = g_array_new (FALSE, FALSE, sizeof (SsaPbxLicence));
    g_array_append_vals (reading->licences, licences, G_N_ELEMENTS (licences));
    reading->firmware = g_strdup ("14r1 sr3");
    reading->rental_seconds = -1;
    g_assert_true (ssa_db_store_pbx_reading (db, 1, reading, &error));
    g_assert_no_error (error);
    /* The names belong to the static array above. */
    g_array_set_size (reading->licences, 0);
  }

  /* Offers made after the profile carry its logo. */
  g_free (cli_ok ("--db", path, "offer", "create", "--installation", "1", "--today",
                  "2026-11-28", NULL));
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM offer_status_changes"), >=, 6);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM offers "
                                    "WHERE seller_logo IS NOT NULL"), ==, 1);
  g_unlink (list_file);
  return g_steal_pointer (&path);
}

static void
assert_same_tables (const char *location,
                    const char *reference)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *a = dump_table (location, reference, tables[i].name, tables[i].order);
      g_autofree char *b = dump_table (reference, reference, tables[i].name, tables[i].order);

      if (g_strcmp0 (a, b) != 0)
        g_error ("%s differs between %s and %s:\n%s\n---\n%s", tables[i].name, location,
                 reference, a, b);
    }
}

/* Each installation's stored number of licence lines (line_count, kept by the target's
 * triggers as the lines were copied) is its number of lines: not counted twice. */
static void
assert_lines_counted (const char *location)
{
  g_assert_cmpint (query_int (location, "SELECT count(*) FROM licences"), >, 0);
  g_assert_cmpint (query_int (location, "SELECT sum(line_count) FROM installations"), ==,
                   query_int (location, "SELECT count(*) FROM licences"));
  g_assert_cmpint (query_int (location, "SELECT count(*) FROM installations i WHERE line_count "
                              "<> (SELECT count(*) FROM licences l WHERE l.installation_id = "
                              "i.id)"), ==, 0);
}

/* The same output of a command on both databases. */
static void
assert_same_output (const char *location,
                    const char *reference,
                    ...)
{
  g_autofree char *out = NULL, *err = NULL, *ref_out = NULL, *ref_err = NULL;
  const char *args[8] = { NULL, };
  const char *arg;
  guint n = 0;
  va_list ap;

  va_start (ap, reference);
  while ((arg = va_arg (ap, const char *)) != NULL && n < G_N_ELEMENTS (args) - 1)
    args[n++] = arg;
  va_end (ap);

  g_assert_cmpint (test_cli_run (NULL, &out, &err, "--db", location, args[0], args[1], args[2], args[3],
                            args[4], args[5], args[6], NULL), ==, 0);
  g_assert_cmpint (test_cli_run (NULL, &ref_out, &ref_err, "--db", reference, args[0], args[1], args[2],
                            args[3], args[4], args[5], args[6], NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpstr (out, ==, ref_out);
  g_assert_cmpuint (strlen (out), >, 2);
}

static void
test_round_trip (void)
{
  g_autofree char *source = fill_source ();
  g_autofree char *uri = new_pg_database ();
  g_autofree char *back = new_file_path ("back");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *expected_end = NULL;
  g_autofree char *offers_before = NULL;
  g_autofree char *described = ssa_team_db_describe (uri);
  gint64 rows = 0;

  /* File to server: one line per table, then the total. */
  g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", source, "--to", uri, NULL), ==,
                   0);
  g_assert_cmpstr (err, ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *count_query = g_strdup_printf ("SELECT count(*) FROM %s",
                                                      tables[i].name);
      g_autofree char *line = g_strdup_printf ("%-22s %" G_GINT64_FORMAT "\n", tables[i].name,
                                               query_int (source, count_query));

      g_assert_nonnull (strstr (out, line));
      rows += query_int (source, count_query);
    }
  expected_end = g_strdup_printf ("Copied %" G_GINT64_FORMAT " rows from %s to %s, verified.\n",
                                  rows, source, described);
  g_assert_true (g_str_has_suffix (out, expected_end));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  assert_same_tables (uri, source);
  assert_lines_counted (uri);
  assert_same_output (uri, source, "installations", "--json", NULL);
  assert_same_output (uri, source, "customers", "--json", NULL);
  assert_same_output (uri, source, "licence-types", "--json", NULL);
  assert_same_output (uri, source, "renewals", "--today", "2026-11-28", "--within", "900",
                      NULL);
  for (guint id = 1; id <= 3; id++)
    {
      g_autofree char *option = g_strdup_printf ("%u", id);

      assert_same_output (uri, source, "export", "--installation", option, NULL);
    }

  /* Server to a new file: the same again, and the commands the server does not have yet. */
  g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", uri, "--to", back, NULL), ==,
                   0);
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  assert_same_tables (back, source);
  assert_lines_counted (back);
  offers_before = cli_ok ("--db", source, "offers", "--json", NULL);
  assert_same_output (back, source, "offers", "--json", NULL);
  assert_same_output (back, source, "installations", "--json", NULL);
  assert_same_output (back, source, "customers", "--json", NULL);
  for (guint id = 1; id <= 3; id++)
    {
      g_autofree char *option = g_strdup_printf ("%u", id);

      assert_same_output (back, source, "export", "--installation", option, NULL);
    }
  {
    g_autofree char *number = g_strdup_printf ("%d-0002", this_year ());

    assert_same_output (back, source, "offer", "export", number, "--json", "-", NULL);
  }
  /* The new file is an SSA Desk database as the window makes them. */
  g_assert_cmpint (query_int (back, "SELECT application_id FROM pragma_application_id"), ==,
                   SSA_DB_APPLICATION_ID);
  g_assert_cmpint (query_int (back, "SELECT user_version FROM pragma_user_version"), ==,
                   SSA_DB_SCHEMA_VERSION);
  g_assert_cmpint (query_int (back, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), ==,
                   1);

  /* The source was only read. */
  {
    g_autofree char *offers_after = cli_ok ("--db", source, "offers", "--json", NULL);

    g_assert_cmpstr (offers_after, ==, offers_before);
  }

  /* The next offer number continues, and new rows get fresh ids on the server. */
  {
    g_autofree char *next = g_strdup_printf ("%d-0005\n", this_year ());
    g_autofree char *created = cli_ok ("--db", back, "offer", "create", "--installation", "2",
                                       "--today", "2026-11-28", NULL);

    g_assert_cmpstr (created, ==, next);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaSql) sql = open_raw (uri);
    const char *inserts[][2] = {
      { "customers", "INSERT INTO customers (name) VALUES ('Ny kunde') RETURNING id" },
      { "installations", "INSERT INTO installations (name) VALUES ('Ny') RETURNING id" },
      { "licences", "INSERT INTO licences (installation_id, position, code, quantity) "
                    "VALUES (1, 99, 'X', 1) RETURNING id" },
      { "offer_status_changes", "INSERT INTO offer_status_changes (offer_id, status, "
                                "changed_at) VALUES (1, 'sent', 'x') RETURNING id" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (inserts); i++)
      {
        g_autofree char *max = g_strdup_printf ("SELECT max(id) FROM %s", inserts[i][0]);
        gint64 before = query_int (uri, max);
        g_autoptr(SsaSqlStmt) stmt = ssa_sql_prepare (sql, inserts[i][1], &error);

        g_assert_no_error (error);
        g_assert_cmpint (ssa_sql_step (stmt, &error), ==, SSA_SQL_STEP_ROW);
        g_assert_no_error (error);
        g_assert_cmpint (ssa_sql_column_int64 (stmt, 0), ==, before + 1);
      }
  }

  /* Copying again into the server, which now holds data: refused in words, unchanged. */
  {
    g_autofree char *customers_before = dump_table (uri, source, "customers", "id");
    g_autofree char *customers_after = NULL;

    g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", source, "--to", uri, NULL),
                     ==, 1);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, "already holds data ("));
    g_assert_nonnull (strstr (err, " customers, "));
    g_assert_nonnull (strstr (err, "a filled-in profile"));
    g_assert_nonnull (strstr (err, "nothing was changed"));
    customers_after = dump_table (uri, source, "customers", "id");
    g_assert_cmpstr (customers_after, ==, customers_before);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  /* A file that holds data is refused as well. */
  g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", uri, "--to", source, NULL), ==,
                   1);
  g_assert_nonnull (strstr (err, "already holds data"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* File to file and server to server work the same way. */
  {
    g_autofree char *other = new_file_path ("file-to-file");
    g_autofree char *other_uri = new_pg_database ();

    g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", source, "--to", other, NULL),
                     ==, 0);
    assert_same_tables (other, source);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", other, "--to", other_uri,
                              NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", other_uri, "--to", uri,
                              NULL), ==, 1);
    g_assert_nonnull (strstr (err, "already holds data"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    {
      g_autofree char *third_uri = new_pg_database ();

      g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", other_uri, "--to",
                                third_uri, NULL), ==, 0);
      assert_same_tables (third_uri, source);
    }
  }
}

/* The target after a failed copy: as `db init` left it. */
static void
assert_target_untouched (const char *uri)
{
  g_autoptr(GBytes) sample = ssa_samples_get_price_list_bytes ();
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, sample);
  g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM price_lists WHERE "
                                            "sha256 = '%s'", sha256);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM %s", tables[i].name);

      g_assert_cmpint (query_int (uri, count), ==,
                       g_str_equal (tables[i].name, "price_lists") ||
                       g_str_equal (tables[i].name, "profile") ? 1 : 0);
    }
  g_assert_cmpint (query_int (uri, query), ==, 1);
  g_assert_cmpint (query_int (uri, "SELECT count(*) FROM profile WHERE company_name IS NULL "
                                   "AND logo IS NULL"), ==, 1);
}

/* A row the target refuses half-way (a rule only the target has): everything is rolled
 * back, and the message names the table. */
static void
test_fails_half_way (void)
{
  g_autofree char *source = fill_source ();
  g_autofree char *uri = new_pg_database ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "init", uri, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  exec_raw (uri, "ALTER TABLE offer_status_changes ADD CONSTRAINT test_no_accepted "
                 "CHECK (status <> 'accepted')");

  g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", source, "--to", uri, NULL), ==,
                   1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "Copying the table offer_status_changes into "));
  g_assert_nonnull (strstr (err, "nothing was changed there"));
  assert_target_untouched (uri);

  /* Rows changed on their way in (a trigger only the target has): the read-back differs,
   * and the copy is rolled back. */
  exec_raw (uri, "ALTER TABLE offer_status_changes DROP CONSTRAINT test_no_accepted");
  exec_raw (uri, "CREATE FUNCTION test_shout() RETURNS TRIGGER LANGUAGE plpgsql AS $$ "
                 "BEGIN NEW.name := upper(NEW.name); RETURN NEW; END $$;"
                 "CREATE TRIGGER test_shout BEFORE INSERT ON customers FOR EACH ROW "
                 "EXECUTE FUNCTION test_shout()");
  g_assert_false (ssa_db_copy (source, uri, NULL, &error));
  g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "The table customers read back from "));
  g_assert_nonnull (strstr (error->message, "rolled back"));
  assert_target_untouched (uri);
  exec_raw (uri, "DROP TRIGGER test_shout ON customers");

  /* Without them, the same target takes the copy. */
  g_clear_error (&error);
  g_assert_true (ssa_db_copy (source, uri, NULL, &error));
  g_assert_no_error (error);
  assert_same_tables (uri, source);
}

static void
test_refusals (void)
{
  g_autofree char *source = fill_source ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;

  /* A source that does not exist is not made. */
  {
    g_autofree char *missing = g_build_filename (run_dir, "missing.db", NULL);
    g_autofree char *uri = new_pg_database ();

    g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", missing, "--to", uri, NULL),
                     ==, 1);
    g_assert_nonnull (strstr (err, "to copy from does not exist"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    /* Nor is the target touched: the server database still has no tables. */
    g_assert_cmpint (query_int (uri, "SELECT count(*) FROM pg_catalog.pg_tables WHERE "
                                     "schemaname = current_schema()"), ==, 0);
  }

  /* Targets of another schema version, left as they were. */
  {
    g_autofree char *older = new_pg_database ();
    g_autofree char *newer = new_pg_database ();
    g_autofree char *newer_file = new_file_path ("newer");

    g_assert_true (ssa_team_db_init (older, NULL, &error));
    g_assert_true (ssa_team_db_init (newer, NULL, &error));
    g_assert_no_error (error);
    exec_raw (older, "UPDATE ssa_schema SET version = 5");
    exec_raw (newer, "UPDATE ssa_schema SET version = 99");

    g_assert_false (ssa_db_copy (source, older, NULL, &error));
    g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NOT_INITIALISED);
    g_assert_nonnull (strstr (error->message, "db init"));
    g_clear_error (&error);
    g_assert_cmpint (query_int (older, "SELECT version FROM ssa_schema"), ==, 5);
    g_assert_cmpint (query_int (older, "SELECT count(*) FROM customers"), ==, 0);

    g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", source, "--to", newer, NULL),
                     ==, 1);
    g_assert_nonnull (strstr (err, "written by a newer version of SSA Desk"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (query_int (newer, "SELECT version FROM ssa_schema"), ==, 99);
    g_assert_cmpint (query_int (newer, "SELECT count(*) FROM customers"), ==, 0);

    g_assert_true (ssa_team_db_init (newer_file, NULL, &error));
    g_assert_no_error (error);
    exec_raw (newer_file, "PRAGMA user_version = 99");
    g_assert_false (ssa_db_copy (source, newer_file, NULL, &error));
    g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NEWER);
    g_clear_error (&error);
    g_assert_cmpint (query_int (newer_file, "SELECT count(*) FROM customers"), ==, 0);

    /* A server source of an older version is refused too: run db init. */
    g_autofree char *from_older = new_file_path ("from-older");

    g_assert_false (ssa_db_copy (older, from_older, NULL, &error));
    g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NOT_INITIALISED);
    g_clear_error (&error);
  }

  /* A server that does not answer. */
  {
    g_autofree char *target = new_file_path ("unreachable");

    g_assert_false (ssa_db_copy (source, "postgresql://" TEST_PG_USER "@127.0.0.1:1/x", NULL,
                                 &error));
    g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_UNREACHABLE);
    g_clear_error (&error);
    g_assert_false (ssa_db_copy ("postgresql://" TEST_PG_USER "@127.0.0.1:1/x", target, NULL,
                                 &error));
    g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_UNREACHABLE);
    g_clear_error (&error);
    g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  }

  /* What SQLite lets a column hold but the server could not take: refused before anything
   * is written. */
  {
    g_autofree char *target = new_file_path ("odd-values");

    exec_raw (source, "UPDATE pbx_readings SET rental_seconds = 12.5");
    g_assert_false (ssa_db_copy (source, target, NULL, &error));
    g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_CONSTRAINT);
    g_assert_nonnull (strstr (error->message, "pbx_readings.rental_seconds"));
    g_assert_nonnull (strstr (error->message, "“12.5”, which is not a whole number"));
    g_clear_error (&error);
    exec_raw (source, "UPDATE pbx_readings SET rental_seconds = NULL");

    exec_raw (source, "UPDATE customers SET notes = X'410042' WHERE id = 1");
    g_assert_false (ssa_db_copy (source, target, NULL, &error));
    g_assert_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_CONSTRAINT);
    g_assert_nonnull (strstr (error->message, "customers.notes"));
    g_assert_nonnull (strstr (error->message, "holds bytes that are not text"));
    g_clear_error (&error);
    g_assert_cmpint (query_int (target, "SELECT count(*) FROM customers"), ==, 0);
    exec_raw (source, "UPDATE customers SET notes = NULL WHERE id = 1");
  }

  /* A password on the command line; the same database twice; the usage. */
  g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", source, "--to",
                            "postgresql://ssa:secret@127.0.0.1:1/x", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "The URI holds a password"));
  g_assert_null (strstr (err, "secret"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", source, "--to", source, NULL),
                   ==, 1);
  g_assert_nonnull (strstr (err, "is the database to copy from and to"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", source, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "both --from and --to are needed"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
}

/* A file of an older schema version is brought up to date first, as the window would,
 * with its backup; then copied. */
static void
test_older_source (void)
{
  g_autofree char *source = fill_source ();
  g_autofree char *backups = g_strconcat (source, "-backups", NULL);
  g_autofree char *uri = new_pg_database ();
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GDir) dir = NULL;

  /* Version 6: the customers without their VAT registration, no row without versions and
   * who, no audit log, no counted lines, no order of a PBX reading's licences. */
  test_remove_tree (backups);
  exec_raw (source, "DROP TRIGGER licences_counted_insert");
  exec_raw (source, "DROP TRIGGER licences_counted_delete");
  exec_raw (source, "DROP TRIGGER licences_counted_move");
  exec_raw (source, "ALTER TABLE installations DROP COLUMN line_count");
  exec_raw (source, "ALTER TABLE pbx_reading_licences DROP COLUMN position");
  exec_raw (source, "ALTER TABLE customers DROP COLUMN vat_registered");
  exec_raw (source, "DROP TABLE audit_log");
  for (guint i = 0; i < 3; i++)
    {
      const char *table = (const char *[]) { "customers", "installations", "licences" }[i];
      const char *columns[] = { "version", "created_by", "changed_by" };

      for (guint j = 0; j < G_N_ELEMENTS (columns); j++)
        {
          g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s DROP COLUMN %s", table,
                                                  columns[j]);

          exec_raw (source, sql);
        }
    }
  exec_raw (source, "ALTER TABLE licences DROP COLUMN updated_at");
  exec_raw (source, "ALTER TABLE profile DROP COLUMN version");
  exec_raw (source, "ALTER TABLE profile DROP COLUMN changed_by");
  exec_raw (source, "PRAGMA user_version = 6");

  g_assert_cmpint (test_cli_run (NULL, &out, &err, "db", "copy", "--from", source, "--to", uri, NULL), ==,
                   0);
  g_assert_nonnull (strstr (out, "verified."));
  g_assert_cmpint (query_int (source, "SELECT user_version FROM pragma_user_version"), ==,
                   SSA_DB_SCHEMA_VERSION);
  dir = g_dir_open (backups, 0, NULL);
  g_assert_nonnull (dir);
  {
    const char *name;
    gboolean migration = FALSE;

    while ((name = g_dir_read_name (dir)) != NULL)
      migration |= g_str_has_suffix (name, "migration.db");
    g_assert_true (migration);
  }
  assert_same_tables (uri, source);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("SSA_DESK_CLI") == NULL)
    {
      g_print ("1..0 # SKIP SSA_DESK_CLI is not set\n");
      return 0;
    }
  run_dir = g_dir_make_tmp ("ssa-desk-db-copy-XXXXXX", &error);
  g_assert_no_error (error);
  test_pg_isolate_env (run_dir);
  /* The backups a migration or the day's first write takes stay in the run's folder. */
  g_setenv ("XDG_DATA_HOME", run_dir, TRUE);
  server = test_pg_server_start_or_exit (run_dir);

  g_test_add_func ("/db-copy/round-trip", test_round_trip);
  g_test_add_func ("/db-copy/fails-half-way", test_fails_half_way);
  g_test_add_func ("/db-copy/refusals", test_refusals);
  g_test_add_func ("/db-copy/older-source", test_older_source);

  status = g_test_run ();
  test_pg_server_stop (server);
  test_remove_tree (run_dir);
  g_free (run_dir);
  return status;
}
