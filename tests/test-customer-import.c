/* test-customer-import.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "ssa-customer-import.h"
#include "ssa-db-inventory.h"
#include "ssa-db.h"
#include "ssa-error.h"
#include "ssa-limits.h"

#include "test-util.h"

/* Customer lists from accounting systems, read from real files in both encodings and both
 * separators into a real SQLite file, which is read back after every import; the refusals
 * store nothing. The command line (import-customers, customers) is run as a process. */

typedef struct
{
  char  *dir;
  char  *path;
  SsaDb *db;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-customer-import-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ssa-desk.db", NULL);
  f->db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->db, ssa_db_close);
  test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static char *
fixture_path (const char *name)
{
  return g_build_filename (SRCDIR, "customers", name, NULL);
}

static GPtrArray *
read_rows (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (name);
  g_autoptr(SsaCustomerCsv) csv = ssa_customer_csv_read_file (path, &error);
  GPtrArray *rows;

  g_assert_no_error (error);
  rows = ssa_customer_csv_get_rows (csv, &error);
  g_assert_no_error (error);
  return rows;
}

static void
import_ok (Fixture    *f,
           const char *name,
           guint       created,
           guint       updated,
           guint       unchanged)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = read_rows (name);
  SsaCustomerImportCounts counts;

  g_assert_true (ssa_customer_import_store (f->db, rows, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.created, ==, created);
  g_assert_cmpuint (counts.updated, ==, updated);
  g_assert_cmpuint (counts.unchanged, ==, unchanged);
}

static SsaCustomer *
find_customer (GPtrArray  *customers,
               const char *name)
{
  for (guint i = 0; i < customers->len; i++)
    if (g_strcmp0 (ssa_customer_get_name (g_ptr_array_index (customers, i)), name) == 0)
      return g_ptr_array_index (customers, i);
  return NULL;
}

/* The three customers of the fixtures, as the database holds them. */
static void
assert_fixture_customers (SsaDb *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = ssa_db_load_customers (db, &error);
  SsaCustomer *c;

  g_assert_no_error (error);
  g_assert_cmpuint (customers->len, ==, 3);

  c = find_customer (customers, "Fjordkraft Ærlig AS");
  g_assert_nonnull (c);
  g_assert_cmpstr (ssa_customer_get_org_no (c), ==, "988077917");
  g_assert_cmpstr (ssa_customer_get_address (c), ==, "Strandkaien 2, 5013 Bergen");
  g_assert_cmpstr (ssa_customer_get_email (c), ==, "post@fjord.example");
  g_assert_cmpstr (ssa_customer_get_contact (c), ==, "Øystein Løvø");

  c = find_customer (customers, "Bakeriet på hjørnet");
  g_assert_nonnull (c);
  g_assert_null (ssa_customer_get_org_no (c));
  g_assert_cmpstr (ssa_customer_get_address (c), ==, "Kirkegata 5, 2. etg., 0153 Oslo");
  g_assert_null (ssa_customer_get_email (c));

  c = find_customer (customers, "Hansen \"Elektro\" AS");
  g_assert_nonnull (c);
  g_assert_cmpstr (ssa_customer_get_org_no (c), ==, "974760673");
  g_assert_cmpstr (ssa_customer_get_contact (c), ==, "Kari Hansen");
}

static void
test_encodings (Fixture       *f,
                gconstpointer  data)
{
  const char *name = data;

  import_ok (f, name, 3, 0, 0);
  assert_fixture_customers (f->db);
  /* The same file again changes nothing. */
  import_ok (f, name, 0, 0, 3);
  assert_fixture_customers (f->db);
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  SsaCustomerImportCounts counts;
  SsaCustomer *c;

  import_ok (f, "nb-semicolon-cp1252.csv", 3, 0, 0);

  /* The preview stores nothing. */
  rows = read_rows ("update.csv");
  g_assert_true (ssa_customer_import_plan (f->db, rows, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.created, ==, 1);
  g_assert_cmpuint (counts.updated, ==, 1);
  g_assert_cmpuint (counts.unchanged, ==, 1);
  g_assert_cmpint (((SsaCustomerImportRow *) g_ptr_array_index (rows, 0))->action, ==,
                   SSA_CUSTOMER_IMPORT_UPDATED);
  assert_fixture_customers (f->db);

  import_ok (f, "update.csv", 1, 1, 1);
  customers = ssa_db_load_customers (f->db, &error);
  g_assert_cmpuint (customers->len, ==, 4);
  c = find_customer (customers, "Fjordkraft Ærlig AS");
  g_assert_cmpstr (ssa_customer_get_email (c), ==, "faktura@fjord.example");
  /* "988077917 MVA" is the same number. */
  g_assert_cmpstr (ssa_customer_get_org_no (c), ==, "988077917");
  c = find_customer (customers, "Ny Kunde AS");
  g_assert_nonnull (c);
  g_assert_cmpstr (ssa_customer_get_email (c), ==, "ny@kunde.example");
  /* An empty cell keeps what is stored: the bakery is not in the file and stays. */
  g_assert_nonnull (find_customer (customers, "Bakeriet på hjørnet"));
}

/* Refusals: the message names the file and what to do; the database is untouched. */
static void
assert_refused (Fixture    *f,
                const char *name,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path (name);
  g_autoptr(SsaCustomerCsv) csv = ssa_customer_csv_read_file (path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) customers = NULL;

  if (csv != NULL)
    rows = ssa_customer_csv_get_rows (csv, &error);
  g_assert_null (rows);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, expected));

  customers = ssa_db_load_customers (f->db, NULL);
  g_assert_cmpuint (customers->len, ==, 3);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  import_ok (f, "nb-comma-utf8-bom.csv", 3, 0, 0);

  assert_refused (f, "unknown-header.csv", "unknown columns “Kundenr”, “Foretaksnr”");
  assert_refused (f, "duplicate.csv", "lines 2 and 4 both give organisation number 988077917");
  assert_refused (f, "broken-quoting.csv", "line 2");
  assert_refused (f, "bad-org-no.csv", "line 2: “988077918” is not a valid organisation number");
  assert_refused (f, "binary.csv", "not a text file");
  assert_fixture_customers (f->db);
}

static void
test_map (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("unknown-header.csv");
  g_autoptr(SsaCustomerCsv) csv = ssa_customer_csv_read_file (path, &error);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_auto(GStrv) unknown = NULL;
  SsaCustomerImportCounts counts;

  g_assert_no_error (error);
  unknown = ssa_customer_csv_get_unknown (csv);
  g_assert_cmpuint (g_strv_length (unknown), ==, 2);
  g_assert_false (ssa_customer_csv_map (csv, "Kundenummer", SSA_CUSTOMER_FIELD_IGNORE,
                                        &error));
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (ssa_customer_csv_map (csv, "kundenr", SSA_CUSTOMER_FIELD_IGNORE, &error));
  g_assert_true (ssa_customer_csv_map (csv, " FORETAKSNR ", SSA_CUSTOMER_FIELD_ORG_NO, &error));
  rows = ssa_customer_csv_get_rows (csv, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_customer_import_store (f->db, rows, &counts, &error));
  g_assert_no_error (error);
  customers = ssa_db_load_customers (f->db, &error);
  g_assert_cmpuint (customers->len, ==, 1);
  g_assert_cmpstr (ssa_customer_get_org_no (g_ptr_array_index (customers, 0)), ==,
                   "988077917");
}

/* A row that the database refuses in the middle of the file rolls the whole file back: a
 * trigger (added through a second connection) refuses the third customer. */
static void
test_all_or_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = read_rows ("update.csv");
  g_autoptr(GPtrArray) customers = NULL;
  SsaCustomerImportCounts counts;
  sqlite3 *raw = NULL;

  import_ok (f, "nb-semicolon-cp1252.csv", 3, 0, 0);
  g_assert_cmpint (sqlite3_open (f->path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "CREATE TRIGGER refuse BEFORE INSERT ON customers "
                                 "WHEN NEW.name = 'Ny Kunde AS' BEGIN "
                                 "SELECT RAISE(ABORT, 'refused by the test'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);

  g_assert_false (ssa_customer_import_store (f->db, rows, &counts, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "line 4"));
  /* The update of line 2 came first, and is rolled back with the rest. */
  assert_fixture_customers (f->db);
  customers = ssa_db_load_customers (f->db, &error);
  g_assert_null (find_customer (customers, "Ny Kunde AS"));
}

static void
test_limits (void)
{
  g_autoptr(GString) text = g_string_new ("navn\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaCustomerCsv) csv = NULL;

  for (guint i = 0; i <= SSA_LIMIT_MAX_CUSTOMER_ROWS; i++)
    g_string_append_printf (text, "K%u\n", i);
  csv = ssa_customer_csv_read (text->str, text->len, "big.csv", &error);
  g_assert_null (csv);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "more than 50000 customers"));
}

/* The command line. */

static char *
run_cli (const char  *db,
         int         *status,
         char       **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("SSA_DESK_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, err, status, &error));
  g_assert_no_error (error);
  g_test_message ("%s%s", out, *err);
  return out;
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *good = fixture_path ("en-semicolon-cp1252.csv");
  g_autofree char *dup = fixture_path ("duplicate.csv");
  g_autofree char *unknown = fixture_path ("unknown-header.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  char *out, *err;
  int status;

  if (g_getenv ("SSA_DESK_CLI") == NULL)
    {
      g_test_skip ("SSA_DESK_CLI is not set");
      return;
    }
  g_clear_pointer (&f->db, ssa_db_close);

  out = run_cli (f->path, &status, &err, "import-customers", "--dry-run", good, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "line 2  create    Fjordkraft Ærlig AS (988077917)"));
  g_assert_nonnull (strstr (out, "Would create 3, update 0, leave 0 unchanged"));
  g_free (out), g_free (err);
  f->db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  customers = ssa_db_load_customers (f->db, &error);
  g_assert_cmpuint (customers->len, ==, 0);
  g_clear_pointer (&customers, g_ptr_array_unref);
  g_clear_pointer (&f->db, ssa_db_close);

  out = run_cli (f->path, &status, &err, "import-customers", good, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Created 3, updated 0, left 0 unchanged."));
  g_free (out), g_free (err);

  out = run_cli (f->path, &status, &err, "import-customers", dup, NULL);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "lines 2 and 4 both give organisation number 988077917"));
  g_free (out), g_free (err);

  out = run_cli (f->path, &status, &err, "import-customers", unknown, NULL);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "--map"));
  g_free (out), g_free (err);

  out = run_cli (f->path, &status, &err, "import-customers", "--map", "Kundenr=ignore",
                 "--map", "Foretaksnr=org_no", unknown, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Created 0, updated 0, left 1 unchanged."));
  g_free (out), g_free (err);

  f->db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  assert_fixture_customers (f->db);
  g_clear_pointer (&f->db, ssa_db_close);

  out = run_cli (f->path, &status, &err, "customers", "--json", NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  {
    JsonArray *array = json_node_get_array (json_parser_get_root (parser));
    JsonObject *first = json_array_get_object_element (array, 0);

    g_assert_cmpuint (json_array_get_length (array), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Fjordkraft Ærlig AS");
    g_assert_cmpstr (json_object_get_string_member (first, "org_no"), ==, "988077917");
    g_assert_cmpstr (json_object_get_string_member (first, "address"), ==,
                     "Strandkaien 2, 5013 Bergen");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first,
                                                                         "installations")),
                      ==, 0);
  }
  g_free (out), g_free (err);

  out = run_cli (f->path, &status, &err, "customers", NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Fjordkraft Ærlig AS  Org. no. 988 077 917"));
  g_assert_nonnull (strstr (out, "Strandkaien 2, 5013 Bergen"));
  g_free (out), g_free (err);
}

/* The VAT registration column (mva / vat_registered): ja/nei and yes/no stored, an empty
 * cell keeping what is stored, a value that is neither refused with the line; the command
 * line's customers --json gives it as true, false or null. */
static SsaVatStatus
stored_vat (Fixture    *f,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = ssa_db_load_customers (f->db, &error);
  SsaCustomer *c;

  g_assert_no_error (error);
  c = find_customer (customers, name);
  g_assert_nonnull (c);
  return ssa_customer_get_vat_status (c);
}

static void
test_vat (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  char *out, *err;
  int status;

  import_ok (f, "vat.csv", 3, 0, 0);
  g_assert_cmpint (stored_vat (f, "Fjordkraft Ærlig AS"), ==, SSA_VAT_REGISTERED);
  g_assert_cmpint (stored_vat (f, "Hansen Elektro AS"), ==, SSA_VAT_NOT_REGISTERED);
  g_assert_cmpint (stored_vat (f, "Bakeriet på hjørnet"), ==, SSA_VAT_UNKNOWN);
  import_ok (f, "vat.csv", 0, 0, 3);

  /* Empty keeps "ja"; "yes" changes Hansen. */
  import_ok (f, "vat-update.csv", 0, 1, 1);
  g_assert_cmpint (stored_vat (f, "Fjordkraft Ærlig AS"), ==, SSA_VAT_REGISTERED);
  g_assert_cmpint (stored_vat (f, "Hansen Elektro AS"), ==, SSA_VAT_REGISTERED);

  {
    g_autofree char *path = fixture_path ("vat-bad.csv");
    g_autoptr(SsaCustomerCsv) csv = ssa_customer_csv_read_file (path, &error);
    g_autoptr(GPtrArray) rows = NULL;

    g_assert_no_error (error);
    rows = ssa_customer_csv_get_rows (csv, &error);
    g_assert_null (rows);
    g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "vat-bad.csv, line 2: “kanskje” is not a VAT "
                                              "registration"));
    g_clear_error (&error);
  }

  if (g_getenv ("SSA_DESK_CLI") == NULL)
    return;
  g_clear_pointer (&f->db, ssa_db_close);
  out = run_cli (f->path, &status, &err, "customers", "--json", NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  {
    JsonArray *array = json_node_get_array (json_parser_get_root (parser));

    g_assert_cmpuint (json_array_get_length (array), ==, 3);
    for (guint i = 0; i < 3; i++)
      {
        JsonObject *c = json_array_get_object_element (array, i);
        const char *name = json_object_get_string_member (c, "name");
        JsonNode *vat = json_object_get_member (c, "vat_registered");

        g_assert_nonnull (vat);
        if (g_str_equal (name, "Bakeriet på hjørnet"))
          g_assert_true (JSON_NODE_HOLDS_NULL (vat));
        else
          g_assert_true (json_node_get_boolean (vat));
      }
  }
  g_free (out), g_free (err);
  out = run_cli (f->path, &status, &err, "customers", NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "Org. no. 988 077 917 MVA"));
  g_free (out), g_free (err);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/customer-import/nb-semicolon-cp1252", Fixture, "nb-semicolon-cp1252.csv",
              fixture_set_up, test_encodings, fixture_tear_down);
  g_test_add ("/customer-import/nb-comma-utf8-bom", Fixture, "nb-comma-utf8-bom.csv",
              fixture_set_up, test_encodings, fixture_tear_down);
  g_test_add ("/customer-import/en-comma-utf8", Fixture, "en-comma-utf8.csv",
              fixture_set_up, test_encodings, fixture_tear_down);
  g_test_add ("/customer-import/en-semicolon-cp1252", Fixture, "en-semicolon-cp1252.csv",
              fixture_set_up, test_encodings, fixture_tear_down);
  g_test_add ("/customer-import/update", Fixture, NULL,
              fixture_set_up, test_update, fixture_tear_down);
  g_test_add ("/customer-import/refused", Fixture, NULL,
              fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/customer-import/map", Fixture, NULL,
              fixture_set_up, test_map, fixture_tear_down);
  g_test_add ("/customer-import/all-or-nothing", Fixture, NULL,
              fixture_set_up, test_all_or_nothing, fixture_tear_down);
  g_test_add_func ("/customer-import/limits", test_limits);
  g_test_add ("/customer-import/vat", Fixture, NULL, fixture_set_up, test_vat,
              fixture_tear_down);
  g_test_add ("/customer-import/cli", Fixture, NULL,
              fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}
