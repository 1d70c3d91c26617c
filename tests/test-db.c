/* test-db.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "ssa-backup.h"
#include "ssa-date.h"
#include "ssa-db-inventory.h"
#include "ssa-db-licences.h"
#include "ssa-db-offers.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-error.h"
#include "ssa-limits.h"
#include "ssa-offer-reader.h"
#include "ssa-pbx.h"
#include "ssa-samples.h"

#include "test-util.h"

/* The database on real SQLite files in a temporary folder: migrations, each table's rows,
 * price lists, offers (numbers, revisions, status, snapshots, acceptance), the profile and
 * the online backup. */

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

  f->dir = g_dir_make_tmp ("test-db-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ssa-desk.db", NULL);
  if (data == NULL)
    {
      f->db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->db, ssa_db_close);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A second, raw connection to look at what is stored. */
static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 10000);
  return handle;
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *handle = raw_open (path);
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return value;
}

static char *
raw_text (const char *path,
          const char *sql)
{
  sqlite3 *handle = raw_open (path);
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return value;
}

static int
raw_exec (const char *path,
          const char *sql)
{
  sqlite3 *handle = raw_open (path);
  int rc = sqlite3_exec (handle, sql, NULL, NULL, NULL);

  sqlite3_close (handle);
  return rc;
}

static SsaInventory *
sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  SsaInventory *inventory = ssa_samples_load_installation (name, &error);

  g_assert_no_error (error);
  return inventory;
}

static gint64
import_sample (Fixture    *f,
               const char *name)
{
  g_autoptr(SsaInventory) inventory = sample (name);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  ssa_db_import_inventories (f->db, &inventory, &name, 1, &id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Migrations. */

static void
assert_fresh_schema (const char *path)
{
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, SSA_DB_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (path, "PRAGMA application_id"), ==, SSA_DB_APPLICATION_ID);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM price_lists WHERE is_current = 1"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM profile"), ==, 1);
  g_assert_cmpint (raw_int (path, "SELECT default_validity_days FROM profile"), ==, 30);
  {
    g_autofree char *mode = raw_text (path, "PRAGMA journal_mode");

    g_assert_cmpstr (mode, ==, "wal");
  }
  {
    g_autofree char *id = raw_text (path, "SELECT list_id FROM price_lists WHERE is_current");

    g_assert_cmpstr (id, ==, "sample-2026-11");
  }
}

static void
test_migrate_new (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nested = g_build_filename (f->dir, "a", "b", "new.db", NULL);
  g_autoptr(SsaDb) db = NULL;

  /* The folder is created on first use. */
  db = ssa_db_open (nested, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ssa_db_get_schema_version (db), ==, SSA_DB_SCHEMA_VERSION);
  assert_fresh_schema (nested);
  g_clear_pointer (&db, ssa_db_close);

  /* Opening again changes nothing. */
  db = ssa_db_open (nested, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (nested, "SELECT count(*) FROM price_lists"), ==, 1);
}

/* A user who reports a problem runs with G_MESSAGES_DEBUG=ssa-db: opening, migrating and
 * waiting for another connection's lock say so in the database's own log domain. */
static void
test_debug_log (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;

  g_test_expect_message ("ssa-db", G_LOG_LEVEL_DEBUG, "Migrating *ssa-desk.db from schema version 0 to *");
  g_test_expect_message ("ssa-db", G_LOG_LEVEL_DEBUG, "Opened *ssa-desk.db (schema version *)");
  db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_test_assert_expected_messages ();
}

static gpointer
release_lock_later (gpointer data)
{
  sqlite3 *handle = data;

  g_usleep (300 * 1000);
  g_assert_cmpint (sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  return NULL;
}

/* Another connection holds the write lock for a moment: the write waits for it (and logs
 * that it waits), then goes through. */
static void
test_busy_wait (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();
  sqlite3 *handle = raw_open (f->path);
  GThread *thread;
  gint64 start;

  g_assert_cmpint (sqlite3_exec (handle, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  thread = g_thread_new ("release", release_lock_later, handle);

  ssa_customer_set_name (customer, "Ventende AS");
  g_test_expect_message ("ssa-db", G_LOG_LEVEL_DEBUG, "*locked by another connection; waiting*");
  start = g_get_monotonic_time ();
  g_assert_true (ssa_db_insert_customer (f->db, customer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 200 * 1000);
  g_test_assert_expected_messages ();

  g_thread_join (thread);
  sqlite3_close (handle);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM customers WHERE name = 'Ventende AS'"),
                   ==, 1);
}

/* Another connection keeps the write lock past the busy timeout: the write gives up with
 * SSA_DB_ERROR_BUSY and its sentence, after logging that it waited and gave up. The rows'
 * statements run on the SQL engine seam; SsaDb's busy handling and messages are its own. */
static void
test_busy_gives_up (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();
  g_autofree char *display = g_filename_display_name (f->path);
  g_autofree char *expected = NULL;
  sqlite3 *handle = raw_open (f->path);
  gint64 start;

  g_assert_cmpint (sqlite3_exec (handle, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  ssa_customer_set_name (customer, "Låst AS");
  g_test_expect_message ("ssa-db", G_LOG_LEVEL_DEBUG, "*locked by another connection; waiting*");
  g_test_expect_message ("ssa-db", G_LOG_LEVEL_DEBUG, "*still locked*giving up*");
  start = g_get_monotonic_time ();
  g_assert_false (ssa_db_insert_customer (f->db, customer, &error));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (SSA_DB_BUSY_TIMEOUT_MS - 500) * 1000);
  g_test_assert_expected_messages ();
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_BUSY);
  expected = g_strdup_printf ("The database %s is busy: another program kept it locked for "
                              "more than %d seconds. Try again in a moment.",
                              display, SSA_DB_BUSY_TIMEOUT_MS / 1000);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_cmpint (ssa_customer_get_id (customer), ==, 0);

  /* Once the lock is gone, the same cached statement goes through. */
  g_assert_cmpint (sqlite3_exec (handle, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  g_clear_error (&error);
  g_assert_true (ssa_db_insert_customer (f->db, customer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM customers WHERE name = 'Låst AS'"),
                   ==, 1);
}

/* A rule of the database that the row code has no sentence of its own for (here a trigger's
 * refusal) fails with SSA_DB_ERROR_CONSTRAINT and SsaDb's sentence, not SQLite's words; a
 * second customer with the same organisation number gets its own sentence. */
static void
test_refusal_messages (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaCustomer) first = ssa_customer_new ();
  g_autoptr(SsaCustomer) second = ssa_customer_new ();
  g_autofree char *display = g_filename_display_name (f->path);
  g_autofree char *expected = NULL;

  ssa_customer_set_name (first, "Første AS");
  ssa_customer_set_org_no (first, "988077917");
  g_assert_true (ssa_db_insert_customer (f->db, first, &error));
  g_assert_no_error (error);

  ssa_customer_set_name (second, "Andre AS");
  ssa_customer_set_org_no (second, "988077917");
  g_assert_false (ssa_db_insert_customer (f->db, second, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==,
                   "Another customer already has the organisation number 988077917.");
  g_clear_error (&error);

  g_assert_cmpint (raw_exec (f->path, "CREATE TRIGGER no_renaming BEFORE UPDATE OF name ON "
                                      "customers BEGIN SELECT RAISE (ABORT, 'no renaming'); "
                                      "END"), ==, SQLITE_OK);
  ssa_customer_set_name (first, "Omdøpt AS");
  g_assert_false (ssa_db_update_customer (f->db, first, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  expected = g_strdup_printf ("The database %s refused the change: it breaks a rule of the "
                              "database. Nothing was changed.", display);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (strstr (error->message, "no renaming"));
}

static gpointer
load_customers_thread (gpointer data)
{
  SsaDb *db = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = ssa_db_load_customers (db, &error);

  g_assert_no_error (error);
  return NULL;
}

/* Statements that start on the main thread are counted (and logged), also now that they
 * are prepared and run through the SQL engine seam; a worker thread's are not. */
static void
test_main_thread_statements (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  guint before = ssa_db_get_main_thread_statements ();

  customers = ssa_db_load_customers (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), >, before);

  before = ssa_db_get_main_thread_statements ();
  g_thread_join (g_thread_new ("load", load_customers_thread, f->db));
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, before);
}

/* Version 1's tables, without its user_version. */
#define SCHEMA_1_SQL \
  "CREATE TABLE customers ( id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '', " \
  "org_no TEXT, address TEXT, contact TEXT, email TEXT, notes TEXT, created_at TEXT NOT " \
  "NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), updated_at TEXT NOT NULL " \
  "DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));" \
  "CREATE UNIQUE INDEX customers_org_no ON customers (org_no) WHERE org_no IS NOT NULL;" \
  "CREATE INDEX customers_name ON customers (name);" \
  "CREATE TABLE installations ( id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES " \
  "customers (id) ON DELETE RESTRICT, name TEXT, serial TEXT, deployment TEXT NOT NULL " \
  "DEFAULT 'appliance' CHECK (deployment IN ('appliance', 'saas', 'rental')), firmware " \
  "TEXT, ssa_expiry TEXT CHECK (ssa_expiry IS NULL OR (length(ssa_expiry) = 10 AND " \
  "date(ssa_expiry) = ssa_expiry)), notes TEXT, created_at TEXT NOT NULL DEFAULT " \
  "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), updated_at TEXT NOT NULL DEFAULT " \
  "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));" \
  "CREATE INDEX installations_customer ON installations (customer_id);" \
  "CREATE INDEX installations_renewals ON installations (deployment, ssa_expiry, " \
  "customer_id, name) WHERE ssa_expiry IS NOT NULL;" \
  "CREATE UNIQUE INDEX installations_serial ON installations (serial) WHERE serial IS " \
  "NOT NULL;" \
  "CREATE TABLE licences ( id INTEGER PRIMARY KEY, installation_id INTEGER NOT NULL " \
  "REFERENCES installations (id) ON DELETE CASCADE, position INTEGER NOT NULL, code TEXT " \
  "NOT NULL CHECK (length(code) BETWEEN 1 AND 64), quantity INTEGER NOT NULL CHECK " \
  "(quantity BETWEEN 1 AND 1000000), added_on TEXT CHECK (added_on IS NULL OR " \
  "(length(added_on) = 10 AND date(added_on) = added_on)), covered_until TEXT CHECK " \
  "(covered_until IS NULL OR (length(covered_until) = 10 AND date(covered_until) = " \
  "covered_until)), kind TEXT CHECK (kind IS NULL OR kind IN ('switchboard', 'port', " \
  "'mobility', 'gsm', 'voicemail', 'standby', 'softphone', 'app', 'third_party', " \
  "'hardware', 'service')), name TEXT);" \
  "CREATE INDEX licences_installation ON licences (installation_id, position);" \
  "CREATE TABLE price_lists ( id INTEGER PRIMARY KEY, list_id TEXT NOT NULL, document " \
  "TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64), source_url " \
  "TEXT, fetched_at TEXT, etag TEXT, last_modified TEXT, imported_at TEXT NOT NULL " \
  "DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), is_current INTEGER NOT NULL DEFAULT " \
  "0 CHECK (is_current IN (0, 1)));" \
  "CREATE UNIQUE INDEX price_lists_current ON price_lists (is_current) WHERE is_current " \
  "= 1;" \
  "CREATE TRIGGER price_lists_immutable BEFORE UPDATE OF list_id, document, sha256 ON " \
  "price_lists BEGIN SELECT RAISE (ABORT, 'a stored price list never changes'); END;" \
  "CREATE TABLE offers ( id INTEGER PRIMARY KEY, year INTEGER NOT NULL CHECK (year " \
  "BETWEEN 1 AND 9999), seq INTEGER NOT NULL CHECK (seq >= 1), revision INTEGER NOT NULL " \
  "DEFAULT 1 CHECK (revision >= 1), number TEXT NOT NULL UNIQUE, installation_id INTEGER " \
  "NOT NULL REFERENCES installations (id) ON DELETE RESTRICT, price_list_id INTEGER NOT " \
  "NULL REFERENCES price_lists (id) ON DELETE RESTRICT, status TEXT NOT NULL DEFAULT " \
  "'draft' CHECK (status IN ('draft', 'sent', 'accepted', 'declined')), created TEXT NOT " \
  "NULL CHECK (created IS NULL OR (length(created) = 10 AND date(created) = created)), " \
  "valid_until TEXT NOT NULL CHECK (valid_until IS NULL OR (length(valid_until) = 10 AND " \
  "date(valid_until) = valid_until)), period_start TEXT NOT NULL CHECK (period_start IS " \
  "NULL OR (length(period_start) = 10 AND date(period_start) = period_start)), " \
  "period_end TEXT NOT NULL CHECK (period_end IS NULL OR (length(period_end) = 10 AND " \
  "date(period_end) = period_end)), currency TEXT NOT NULL, total INTEGER NOT NULL CHECK " \
  "(total >= 0), request TEXT NOT NULL, inventory TEXT NOT NULL, snapshot TEXT NOT NULL, " \
  "paid_licences TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL DEFAULT " \
  "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), status_changed_at TEXT, UNIQUE (year, seq, " \
  "revision));" \
  "CREATE INDEX offers_installation ON offers (installation_id);" \
  "CREATE TRIGGER offers_immutable BEFORE UPDATE OF year, seq, revision, number, " \
  "installation_id, price_list_id, created, valid_until, period_start, period_end, " \
  "currency, total, request, inventory, snapshot, paid_licences ON offers BEGIN SELECT " \
  "RAISE (ABORT, 'an offer never changes: make a revision'); END;" \
  "CREATE TRIGGER offers_kept BEFORE DELETE ON offers BEGIN SELECT RAISE (ABORT, 'offers " \
  "are never deleted'); END;" \
  "CREATE TABLE profile ( id INTEGER PRIMARY KEY CHECK (id = 1), company_name TEXT, " \
  "org_no TEXT, vat_registered INTEGER NOT NULL DEFAULT 0 CHECK (vat_registered IN (0, " \
  "1)), foretaksregisteret INTEGER NOT NULL DEFAULT 0 CHECK (foretaksregisteret IN (0, " \
  "1)), address TEXT, phone TEXT, email TEXT, logo BLOB, logo_mime_type TEXT, " \
  "payment_terms TEXT, default_validity_days INTEGER NOT NULL DEFAULT 30 CHECK " \
  "(default_validity_days BETWEEN 1 AND 365), default_labour_rate INTEGER CHECK " \
  "(default_labour_rate IS NULL OR default_labour_rate >= 0), updated_at TEXT NOT NULL " \
  "DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));" \
  "INSERT INTO profile (id) VALUES (1);" \
  "PRAGMA application_id = 1397965124;"

/* Version 2: version 1 with the seller of each offer kept with it. */
#define SCHEMA_2_SQL \
  SCHEMA_1_SQL \
  "ALTER TABLE offers ADD COLUMN seller TEXT;" \
  "ALTER TABLE offers ADD COLUMN seller_logo BLOB;" \
  "DROP TRIGGER offers_immutable;" \
  "CREATE TRIGGER offers_immutable BEFORE UPDATE OF year, seq, revision, number," \
  "  installation_id, price_list_id, created, valid_until, period_start, period_end," \
  "  currency, total, request, inventory, snapshot, paid_licences, seller, seller_logo" \
  "  ON offers" \
  "  BEGIN SELECT RAISE (ABORT, 'an offer never changes: make a revision'); END;"

/* Version 3: version 2 with customers and installations that can be archived. */
#define SCHEMA_3_SQL \
  SCHEMA_2_SQL \
  "ALTER TABLE customers ADD COLUMN archived INTEGER NOT NULL DEFAULT 0" \
  "  CHECK (archived IN (0, 1));" \
  "ALTER TABLE installations ADD COLUMN archived INTEGER NOT NULL DEFAULT 0" \
  "  CHECK (archived IN (0, 1));" \
  "DROP INDEX installations_renewals;" \
  "CREATE INDEX installations_renewals ON installations (deployment, ssa_expiry, customer_id," \
  "  name) WHERE ssa_expiry IS NOT NULL AND archived = 0;"

/* Version 4: version 3 with the register's states and the offers' history. */
#define SCHEMA_4_SQL \
  SCHEMA_3_SQL \
  "CREATE TABLE offers_register (" \
  "  id              INTEGER PRIMARY KEY," \
  "  year            INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999)," \
  "  seq             INTEGER NOT NULL CHECK (seq >= 1)," \
  "  revision        INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)," \
  "  number          TEXT NOT NULL UNIQUE," \
  "  installation_id INTEGER NOT NULL REFERENCES installations (id) ON DELETE RESTRICT," \
  "  price_list_id   INTEGER NOT NULL REFERENCES price_lists (id) ON DELETE RESTRICT," \
  "  status          TEXT NOT NULL DEFAULT 'draft'" \
  "                  CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'superseded'," \
  "                                    'revised'))," \
  "  created         TEXT NOT NULL " "CHECK (created IS NULL OR (length(created) = 10 AND date(created) = created))" "," \
  "  valid_until     TEXT NOT NULL " "CHECK (valid_until IS NULL OR (length(valid_until) = 10 AND date(valid_until) = valid_until))" "," \
  "  period_start    TEXT NOT NULL " "CHECK (period_start IS NULL OR (length(period_start) = 10 AND date(period_start) = period_start))" "," \
  "  period_end      TEXT NOT NULL " "CHECK (period_end IS NULL OR (length(period_end) = 10 AND date(period_end) = period_end))" "," \
  "  currency        TEXT NOT NULL," \
  "  total           INTEGER NOT NULL CHECK (total >= 0)," \
  "  request         TEXT NOT NULL," \
  "  inventory       TEXT NOT NULL," \
  "  snapshot        TEXT NOT NULL," \
  "  paid_licences   TEXT NOT NULL DEFAULT '[]'," \
  "  created_at      TEXT NOT NULL DEFAULT " "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))" "," \
  "  status_changed_at TEXT," \
  "  seller          TEXT," \
  "  seller_logo     BLOB," \
  "  UNIQUE (year, seq, revision)" \
  ");" \
  "INSERT INTO offers_register (id, year, seq, revision, number, installation_id," \
  "  price_list_id, status, created, valid_until, period_start, period_end, currency, total," \
  "  request, inventory, snapshot, paid_licences, created_at, status_changed_at, seller," \
  "  seller_logo)" \
  "  SELECT id, year, seq, revision, number, installation_id, price_list_id, status, created," \
  "  valid_until, period_start, period_end, currency, total, request, inventory, snapshot," \
  "  paid_licences, created_at, status_changed_at, seller, seller_logo FROM offers;" \
  "DROP TABLE offers;" \
  "ALTER TABLE offers_register RENAME TO offers;" \
  "CREATE INDEX offers_installation ON offers (installation_id);" \
  "CREATE TRIGGER offers_immutable BEFORE UPDATE OF year, seq, revision, number," \
  "  installation_id, price_list_id, created, valid_until, period_start, period_end," \
  "  currency, total, request, inventory, snapshot, paid_licences, seller, seller_logo" \
  "  ON offers" \
  "  BEGIN SELECT RAISE (ABORT, 'an offer never changes: make a revision'); END;" \
  "CREATE TRIGGER offers_kept BEFORE DELETE ON offers" \
  "  BEGIN SELECT RAISE (ABORT, 'offers are never deleted'); END;" \
  "CREATE TABLE offer_status_changes (" \
  "  id          INTEGER PRIMARY KEY," \
  "  offer_id    INTEGER NOT NULL REFERENCES offers (id) ON DELETE RESTRICT," \
  "  status      TEXT NOT NULL" \
  "              CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'superseded'," \
  "                                'revised'))," \
  "  changed_at  TEXT NOT NULL," \
  "  user_name   TEXT," \
  "  caused_by   TEXT" \
  ");" \
  "CREATE INDEX offer_status_changes_offer ON offer_status_changes (offer_id, id);" \
  "CREATE TRIGGER offer_status_changes_kept BEFORE UPDATE ON offer_status_changes" \
  "  BEGIN SELECT RAISE (ABORT, 'the history of an offer never changes'); END;" \
  "CREATE TRIGGER offer_status_changes_not_deleted BEFORE DELETE ON offer_status_changes" \
  "  BEGIN SELECT RAISE (ABORT, 'the history of an offer never changes'); END;" \
  "INSERT INTO offer_status_changes (offer_id, status, changed_at)" \
  "  SELECT id, 'draft', created_at FROM offers ORDER BY id;" \
  "INSERT INTO offer_status_changes (offer_id, status, changed_at)" \
  "  SELECT id, status, coalesce(status_changed_at, created_at) FROM offers" \
  "  WHERE status != 'draft' ORDER BY id;"

/* Version 5: version 4 with the alternatives of an offer. */
#define SCHEMA_5_SQL \
  SCHEMA_4_SQL \
  "ALTER TABLE offers ADD COLUMN alternatives TEXT;" \
  "ALTER TABLE offers ADD COLUMN accepted_alternative INTEGER" \
  "  CHECK (accepted_alternative IS NULL OR accepted_alternative >= 1);" \
  "ALTER TABLE offer_status_changes ADD COLUMN alternative INTEGER" \
  "  CHECK (alternative IS NULL OR alternative >= 1);" \
  "DROP TRIGGER offers_immutable;" \
  "CREATE TRIGGER offers_immutable BEFORE UPDATE OF year, seq, revision, number," \
  "  installation_id, price_list_id, created, valid_until, period_start, period_end," \
  "  currency, total, request, inventory, snapshot, paid_licences, seller, seller_logo," \
  "  alternatives" \
  "  ON offers" \
  "  BEGIN SELECT RAISE (ABORT, 'an offer never changes: make a revision'); END;"

#define SCHEMA_6_SQL \
  SCHEMA_5_SQL \
  "CREATE TABLE licence_type_map (" \
  "  type        TEXT PRIMARY KEY CHECK (length(type) BETWEEN 1 AND 64)," \
  "  code        TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64)," \
  "  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))" \
  ");" \
  "ALTER TABLE installations ADD COLUMN admin_url TEXT" \
  "  CHECK (admin_url IS NULL OR admin_url LIKE 'https://%');" \
  "ALTER TABLE installations ADD COLUMN pbx_fingerprint TEXT" \
  "  CHECK (pbx_fingerprint IS NULL OR (length(pbx_fingerprint) = 64" \
  "         AND pbx_fingerprint NOT GLOB '*[^0-9a-f]*'));" \
  "CREATE TABLE pbx_readings (" \
  "  installation_id INTEGER PRIMARY KEY REFERENCES installations (id) ON DELETE CASCADE," \
  "  read_at         TEXT NOT NULL," \
  "  firmware        TEXT," \
  "  rental_seconds  INTEGER CHECK (rental_seconds IS NULL OR rental_seconds >= 0)" \
  ");" \
  "CREATE TABLE pbx_reading_licences (" \
  "  installation_id INTEGER NOT NULL" \
  "                  REFERENCES pbx_readings (installation_id) ON DELETE CASCADE," \
  "  name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64)," \
  "  count           INTEGER NOT NULL CHECK (count BETWEEN 0 AND 1000000)," \
  "  used            INTEGER NOT NULL CHECK (used BETWEEN 0 AND 1000000)," \
  "  PRIMARY KEY (installation_id, name)" \
  ");"

/* Version 7: version 6 with the customers' VAT registration. */
#define SCHEMA_7_SQL \
  SCHEMA_6_SQL \
  "ALTER TABLE customers ADD COLUMN vat_registered INTEGER" \
  "  CHECK (vat_registered IS NULL OR vat_registered IN (0, 1));"

#define SCHEMA_8_SQL \
  SCHEMA_7_SQL \
  "ALTER TABLE customers ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);" \
  "ALTER TABLE customers ADD COLUMN created_by TEXT;" \
  "ALTER TABLE customers ADD COLUMN changed_by TEXT;" \
  "ALTER TABLE installations ADD COLUMN version INTEGER NOT NULL DEFAULT 1" \
  "  CHECK (version >= 1);" \
  "ALTER TABLE installations ADD COLUMN created_by TEXT;" \
  "ALTER TABLE installations ADD COLUMN changed_by TEXT;" \
  "ALTER TABLE licences ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);" \
  "ALTER TABLE licences ADD COLUMN created_by TEXT;" \
  "ALTER TABLE licences ADD COLUMN changed_by TEXT;" \
  "ALTER TABLE licences ADD COLUMN updated_at TEXT;" \
  "ALTER TABLE profile ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);" \
  "ALTER TABLE profile ADD COLUMN changed_by TEXT;" \
  "CREATE TABLE audit_log (" \
  "  id       INTEGER PRIMARY KEY," \
  "  at       TEXT NOT NULL," \
  "  who      TEXT," \
  "  action   TEXT NOT NULL CHECK (action IN ('status', 'delete', 'archive', 'unarchive'))," \
  "  subject  TEXT NOT NULL" \
  "           CHECK (subject IN ('customer', 'installation', 'licence', 'offer'))," \
  "  row_id   INTEGER NOT NULL," \
  "  label    TEXT," \
  "  details  TEXT" \
  ");" \
  "CREATE TRIGGER audit_log_kept BEFORE UPDATE ON audit_log" \
  "  BEGIN SELECT RAISE (ABORT, 'the audit log never changes'); END;" \
  "CREATE TRIGGER audit_log_not_deleted BEFORE DELETE ON audit_log" \
  "  BEGIN SELECT RAISE (ABORT, 'the audit log never changes'); END;"

/* Databases as earlier versions of SSA Desk left them: index N is the complete SQL of
 * schema version N as released (version 0: an SQLite file without tables). A migration
 * added later appends the schema it migrates from here. */
static const char * const earlier_schemas[] = {
  "CREATE TABLE scratch (x); DROP TABLE scratch; PRAGMA user_version = 0;",
  SCHEMA_1_SQL " PRAGMA user_version = 1;",
  SCHEMA_2_SQL " PRAGMA user_version = 2;",
  SCHEMA_3_SQL " PRAGMA user_version = 3;",
  SCHEMA_4_SQL " PRAGMA user_version = 4;",
  SCHEMA_5_SQL " PRAGMA user_version = 5;",
  SCHEMA_6_SQL " PRAGMA user_version = 6;",
  SCHEMA_7_SQL " PRAGMA user_version = 7;",
  SCHEMA_8_SQL " PRAGMA user_version = 8;",
  /* Version 9 (notifications) changed nothing on a file. */
  SCHEMA_8_SQL " PRAGMA user_version = 9;",
};

/* Returns: (transfer full): the complete SQL of schema version @version as released */
static char *
earlier_schema (guint version)
{
  G_STATIC_ASSERT (G_N_ELEMENTS (earlier_schemas) == SSA_DB_SCHEMA_VERSION);

  g_assert_cmpuint (version, <, G_N_ELEMENTS (earlier_schemas));
  return g_strdup (earlier_schemas[version]);
}

/* A database that held data (version 1 or more) was backed up, as it was, before it was
 * migrated; a new one (version 0) was not. */
static void
assert_migration_backup (const char *path,
                         guint       version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = ssa_backup_list (path, &error);
  SsaBackupInfo *info;

  g_assert_no_error (error);
  if (version == 0)
    {
      g_assert_cmpuint (backups->len, ==, 0);
      return;
    }

  g_assert_cmpuint (backups->len, ==, 1);
  info = g_ptr_array_index (backups, 0);
  g_assert_cmpstr (ssa_backup_info_get_reason (info), ==, SSA_BACKUP_REASON_MIGRATION);
  g_assert_cmpint (raw_int (ssa_backup_info_get_path (info), "PRAGMA user_version"), ==,
                   version);
  g_assert_true (ssa_backup_verify (ssa_backup_info_get_path (info), &error));
  g_assert_no_error (error);
}

/* Version 1 stored the bundled sample price list as current, as migration 1 does. */
static void
store_sample_price_list_raw (const char *path)
{
  g_autoptr(GBytes) bytes = ssa_samples_get_price_list_bytes ();
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  sqlite3 *handle = raw_open (path);
  sqlite3_stmt *stmt = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "INSERT INTO price_lists (list_id, document, sha256, "
                                       "is_current) VALUES ('sample-2026-11', ?, ?, 1)", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, data, (int) length, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
}

/* A database as version 1 left it: its schema, the sample price list and, when
 * @with_offer, offer 2026-0001 as version 1 stored it (without seller, and a request
 * without a language). */
static void
make_v1_database (const char *path,
                  gboolean    with_offer)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, earlier_schemas[1], NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  store_sample_price_list_raw (path);
  if (with_offer)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SsaInventory) inventory = sample ("renewal-in-time.json");
      g_autoptr(GBytes) bytes = ssa_samples_get_price_list_bytes ();
      g_autoptr(SsaPriceList) price_list = NULL;
      g_autoptr(SsaOffer) offer = NULL;
      g_autofree char *snapshot = NULL;
      g_autofree char *inventory_json = NULL;
      g_autofree char *sql = NULL;
      char *quoted_snapshot;
      char *quoted_inventory;
      SsaOfferRequest request;
      gsize length;
      const char *data = g_bytes_get_data (bytes, &length);

      price_list = ssa_price_list_new_from_data (data, length, "sample", &error);
      g_assert_no_error (error);
      ssa_offer_request_init (&request);
      request.today = test_date ("2026-11-28");
      offer = ssa_offer_compute (price_list, inventory, &request, &error);
      g_assert_no_error (error);
      snapshot = ssa_offer_to_json (offer);
      inventory_json = ssa_inventory_to_json (inventory);
      quoted_snapshot = sqlite3_mprintf ("%Q", snapshot);
      quoted_inventory = sqlite3_mprintf ("%Q", inventory_json);
      sql = g_strdup_printf ("INSERT INTO customers (id, name) VALUES (1, 'Kunde');"
                             "INSERT INTO installations (id, customer_id, name) "
                             "VALUES (1, 1, 'Bergen');"
                             "INSERT INTO offers (year, seq, revision, number, installation_id, "
                             "price_list_id, created, valid_until, period_start, period_end, "
                             "currency, total, request, inventory, snapshot) VALUES (2026, 1, "
                             "1, '2026-0001', 1, 1, '2026-11-28', '2026-12-28', '2027-01-01', "
                             "'2027-12-31', 'NOK', 100, "
                             "'{\"today\":\"2026-11-28\",\"billing\":\"once\","
                             "\"discount_percent\":\"0\"}', %s, %s);",
                             quoted_inventory, quoted_snapshot);
      sqlite3_free (quoted_snapshot);
      sqlite3_free (quoted_inventory);
      g_assert_cmpint (raw_exec (path, sql), ==, SQLITE_OK);
    }
}

static void
test_migrate_earlier (Fixture       *f,
                      gconstpointer  data)
{
  for (guint version = 0; version < SSA_DB_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("v%u.db", version);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(SsaDb) db = NULL;
      g_autofree char *schema = earlier_schema (version);
      sqlite3 *handle = NULL;

      g_test_message ("migrating from version %u", version);
      g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (handle, schema, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (handle);
      if (version >= 1)
        store_sample_price_list_raw (path);
      g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, version);

      db = ssa_db_open (path, SSA_DB_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      assert_fresh_schema (path);
      g_assert_true (ssa_db_check_integrity (db, &error));
      g_assert_no_error (error);
      assert_migration_backup (path, version);
    }
}

/* A file of version 9 with installations, their lines and a PBX reading: read as it is
 * (read-only, not migrated) it counts the lines and lists the reading's licences in
 * SQLite's order; migrated to SSA_DB_SCHEMA_COUNTS, each installation keeps its number of
 * lines, the triggers keep it from then on, and the reading keeps the PBX's order in
 * position. */
static void
test_migrate_v9_counts (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const order[] = { "Voicemail", "Port", "Conference" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, earlier_schemas[9], NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  store_sample_price_list_raw (f->path);
  g_assert_cmpint (raw_exec (f->path,
                             "INSERT INTO customers (id, name) VALUES (1, 'Kunde');"
                             "INSERT INTO installations (id, customer_id, name) VALUES"
                             "  (1, 1, 'Bergen'), (2, 1, 'Oslo'), (3, NULL, 'Tromsø');"
                             "INSERT INTO licences (installation_id, position, code, quantity)"
                             "  VALUES (1, 0, 'IPVA-UC', 1), (1, 1, 'IPVA-UC', 2),"
                             "  (1, 2, 'IPVA-UC', 3), (2, 0, 'IPVA-UC', 4);"
                             "INSERT INTO pbx_readings (installation_id, read_at)"
                             "  VALUES (1, '2026-11-28T10:00:00Z');"
                             "INSERT INTO pbx_reading_licences (installation_id, name, count, used)"
                             "  VALUES (1, 'Voicemail', 5, 2), (1, 'Port', 20, 14),"
                             "  (1, 'Conference', 1, 0);"), ==, SQLITE_OK);

  for (guint pass = 0; pass < 2; pass++)
    {
      /* Pass 0 reads version 9 as it is; pass 1 migrates. */
      db = ssa_db_open (f->path, pass == 0 ? SSA_DB_OPEN_READ_ONLY : SSA_DB_OPEN_DEFAULT,
                        &error);
      g_assert_no_error (error);
      g_assert_cmpint (ssa_db_get_schema_version (db), ==, pass == 0 ? 9 : SSA_DB_SCHEMA_VERSION);
      rows = ssa_db_list_installations (db, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, ==, 3);
      g_assert_cmpuint (g_array_index (rows, SsaDbInstallationRow, 0).n_licences, ==, 3);
      g_assert_cmpuint (g_array_index (rows, SsaDbInstallationRow, 1).n_licences, ==, 1);
      g_assert_cmpuint (g_array_index (rows, SsaDbInstallationRow, 2).n_licences, ==, 0);
      reading = ssa_db_load_pbx_reading (db, 1, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (reading->licences->len, ==, G_N_ELEMENTS (order));
      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        g_assert_cmpstr (g_array_index (reading->licences, SsaPbxLicence, i).name, ==, order[i]);
      g_clear_pointer (&reading, ssa_pbx_reading_free);
      g_clear_pointer (&rows, g_array_unref);
      if (pass == 0)
        g_clear_pointer (&db, ssa_db_close);
    }

  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, SSA_DB_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "SELECT line_count FROM installations WHERE id = 1"), ==, 3);
  g_assert_cmpint (raw_int (f->path, "SELECT line_count FROM installations WHERE id = 2"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT line_count FROM installations WHERE id = 3"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT position FROM pbx_reading_licences "
                                     "WHERE name = 'Conference'"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT position FROM pbx_reading_licences "
                                     "WHERE name = 'Voicemail'"), ==, 0);
  /* From now on the triggers count, whoever writes. */
  g_assert_cmpint (raw_exec (f->path, "INSERT INTO licences (installation_id, position, code, "
                                      "quantity) VALUES (3, 0, 'IPVA-UC', 1);"
                                      "DELETE FROM licences WHERE installation_id = 2;"
                                      "UPDATE licences SET installation_id = 3 WHERE "
                                      "installation_id = 1 AND position = 0;"), ==, SQLITE_OK);
  g_assert_cmpint (raw_int (f->path, "SELECT line_count FROM installations WHERE id = 1"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT line_count FROM installations WHERE id = 2"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT line_count FROM installations WHERE id = 3"), ==, 2);
  g_assert_cmpint (raw_exec (f->path, "UPDATE installations SET line_count = -1 WHERE id = 1"),
                   !=, SQLITE_OK);
}

/* An offer of version 1 is read as it is, read-only without migrating, and after the
 * migration to version 2: it has no seller and its documents are in Bokmål; the new columns
 * are as immutable as the others. */
static void
test_migrate_v1_offers (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaDbOffer) offer = NULL;
  SsaOfferRequest request;

  make_v1_database (f->path, TRUE);

  db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ssa_db_get_schema_version (db), ==, 1);
  offer = ssa_db_load_offer (db, "2026-0001", &error);
  g_assert_no_error (error);
  g_assert_null (offer->seller);
  g_assert_true (ssa_db_offer_get_request (offer, &request, &error));
  g_assert_cmpint (request.lang, ==, SSA_LANG_NB);
  g_clear_pointer (&offer, ssa_db_offer_free);
  g_clear_pointer (&db, ssa_db_close);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, 1);

  db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, SSA_DB_SCHEMA_VERSION);
  offer = ssa_db_load_offer (db, "2026-0001", &error);
  g_assert_no_error (error);
  g_assert_null (offer->seller);
  g_assert_nonnull (offer->snapshot);

  g_assert_cmpint (raw_exec (f->path, "UPDATE offers SET seller = '{}'"), !=, SQLITE_OK);
  g_assert_cmpint (raw_exec (f->path, "UPDATE offers SET seller_logo = x'00'"), !=, SQLITE_OK);
  g_assert_cmpint (raw_exec (f->path, "UPDATE offers SET snapshot = '{}'"), !=, SQLITE_OK);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM offers WHERE seller IS NULL"), ==, 1);

  /* The register's history starts with the offer's creation, by a user not known. */
  g_assert_cmpuint (offer->history->len, ==, 1);
  g_assert_cmpint (((SsaDbOfferStatusChange *) g_ptr_array_index (offer->history, 0))->status,
                   ==, SSA_OFFER_STATUS_DRAFT);
  g_assert_null (((SsaDbOfferStatusChange *) g_ptr_array_index (offer->history, 0))->user);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM offer_status_changes"), ==, 1);
  /* The rebuilt table keeps its rules: an offer is never deleted. */
  g_assert_cmpint (raw_exec (f->path, "DELETE FROM offers"), !=, SQLITE_OK);
}

static char *
file_digest (const char *path,
             gint64     *out_mtime)
{
  g_autofree char *contents = NULL;
  gsize length;
  GStatBuf st;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  *out_mtime = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
assert_untouched_refusal (const char *path,
                          GQuark      domain,
                          int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gint64 mtime_before, mtime_after;
  SsaDb *db;

  before = file_digest (path, &mtime_before);
  g_usleep (20000);

  db = ssa_db_open (path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, domain, code);
  g_assert_nonnull (strstr (error->message, "ssa-desk.db"));
  g_test_message ("%s", error->message);

  after = file_digest (path, &mtime_after);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (mtime_before, ==, mtime_after);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_migrate_newer_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("CREATE TABLE future (x); INSERT INTO future VALUES "
                                          "(1); PRAGMA user_version = %d;",
                                          SSA_DB_SCHEMA_VERSION + 1);
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);

  assert_untouched_refusal (f->path, SSA_DB_ERROR, SSA_DB_ERROR_NEWER);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, SSA_DB_SCHEMA_VERSION + 1);
}

static void
test_migrate_foreign_refused (Fixture       *f,
                              gconstpointer  data)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE notes (text)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (handle);
  assert_untouched_refusal (f->path, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE);

  g_unlink (f->path);
  g_assert_true (g_file_set_contents (f->path, "this is not a database, just text\n", -1, NULL));
  assert_untouched_refusal (f->path, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE);
}

/* Customers. */

static void
test_customers (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();
  g_autoptr(SsaCustomer) twin = ssa_customer_new ();
  g_autoptr(SsaCustomer) loaded = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(SsaInstallation) installation = ssa_installation_new ();

  ssa_customer_set_name (customer, "Fjordkraft Eiendom AS");
  ssa_customer_set_org_no (customer, "988077917");
  ssa_customer_set_email (customer, "kari@example.no");
  ssa_customer_set_notes (customer, "Ring før kl. 10");
  g_assert_true (ssa_db_insert_customer (f->db, customer, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ssa_customer_get_id (customer), >, 0);

  loaded = ssa_db_load_customer (f->db, ssa_customer_get_id (customer), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ssa_customer_get_name (loaded), ==, "Fjordkraft Eiendom AS");
  g_assert_cmpstr (ssa_customer_get_org_no (loaded), ==, "988077917");
  g_assert_cmpstr (ssa_customer_get_email (loaded), ==, "kari@example.no");
  g_assert_cmpstr (ssa_customer_get_notes (loaded), ==, "Ring før kl. 10");
  g_assert_null (ssa_customer_get_address (loaded));
  g_clear_object (&loaded);

  ssa_customer_set_address (customer, "Strandkaien 2, 5013 Bergen");
  ssa_customer_set_email (customer, "");
  g_assert_true (ssa_db_update_customer (f->db, customer, &error));
  g_assert_no_error (error);
  loaded = ssa_db_load_customer (f->db, ssa_customer_get_id (customer), &error);
  g_assert_cmpstr (ssa_customer_get_address (loaded), ==, "Strandkaien 2, 5013 Bergen");
  g_assert_null (ssa_customer_get_email (loaded));

  /* Organisation numbers are unique. */
  ssa_customer_set_name (twin, "Someone else");
  ssa_customer_set_org_no (twin, "988077917");
  g_assert_false (ssa_db_insert_customer (f->db, twin, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "988077917"));
  g_clear_error (&error);
  ssa_customer_set_org_no (twin, NULL);
  g_assert_true (ssa_db_insert_customer (f->db, twin, &error));
  g_assert_no_error (error);

  all = ssa_db_load_customers (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);

  /* A customer with installations stays. */
  ssa_installation_set_customer_id (installation, ssa_customer_get_id (customer));
  g_assert_true (ssa_db_insert_installation (f->db, installation, &error));
  g_assert_no_error (error);
  g_assert_false (ssa_db_delete_customer (f->db, ssa_customer_get_id (customer), &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  /* Said in words, without SQLite's English ("FOREIGN KEY constraint failed"). */
  g_assert_nonnull (strstr (error->message, "still has installations"));
  g_assert_null (strstr (error->message, "FOREIGN KEY"));
  g_assert_null (strstr (error->message, "constraint"));
  g_clear_error (&error);

  g_assert_true (ssa_db_delete_customer (f->db, ssa_customer_get_id (twin), &error));
  g_assert_no_error (error);
  g_assert_false (ssa_db_delete_customer (f->db, ssa_customer_get_id (twin), &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
}

/* Installations and licence lines. */

static SsaLicence *
licence_new (const char *code,
             gint64      quantity)
{
  SsaLicence *licence = ssa_licence_new ();

  ssa_licence_set_code (licence, code);
  ssa_licence_set_quantity (licence, quantity);
  return licence;
}

/* Inserts "Hovedkontor Bergen" (serial IP811-1) with @ports (20, added 2027-03-15) and the
 * third-party @samwin; returns its id. */
static gint64
insert_bergen (Fixture         *f,
               SsaInstallation *installation,
               SsaLicence      *ports,
               SsaLicence      *samwin)
{
  g_autoptr(GError) error = NULL;
  GDate expiry = test_date ("2026-12-31");
  GDate added = test_date ("2027-03-15");
  gint64 id;

  ssa_installation_set_name (installation, "Hovedkontor Bergen");
  ssa_installation_set_serial (installation, "IP811-1");
  ssa_installation_set_firmware (installation, "14r2 sr3");
  ssa_installation_set_ssa_expiry (installation, &expiry);
  ssa_installation_set_notes (installation, "Nøkkel i resepsjonen");
  ssa_licence_set_added_on (ports, &added);
  ssa_licence_set_has_kind (samwin, TRUE);
  ssa_licence_set_kind (samwin, SSA_KIND_THIRD_PARTY);
  ssa_licence_set_name (samwin, "SamWin");
  ssa_installation_add_licence (installation, ports);
  ssa_installation_add_licence (installation, samwin);

  g_assert_true (ssa_db_insert_installation (f->db, installation, &error));
  g_assert_no_error (error);
  id = ssa_installation_get_id (installation);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (ssa_licence_get_id (ports), >, 0);
  g_assert_cmpint (ssa_licence_get_id (samwin), >, ssa_licence_get_id (ports));
  return id;
}

static void
test_installations (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInstallation) installation = ssa_installation_new ();
  g_autoptr(SsaInstallation) loaded = NULL;
  g_autoptr(SsaLicence) ports = licence_new ("02-00039-002", 20);
  g_autoptr(SsaLicence) samwin = licence_new ("90-00000-001", 1);
  g_autoptr(SsaLicence) first = NULL;
  gint64 id = insert_bergen (f, installation, ports, samwin);

  loaded = ssa_db_load_installation (f->db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ssa_installation_get_name (loaded), ==, "Hovedkontor Bergen");
  g_assert_cmpstr (ssa_installation_get_notes (loaded), ==, "Nøkkel i resepsjonen");
  test_assert_date (ssa_installation_get_ssa_expiry (loaded), "2026-12-31");
  g_assert_cmpint (ssa_installation_get_customer_id (loaded), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_installation_get_licences (loaded)), ==, 2);
  first = g_list_model_get_item (ssa_installation_get_licences (loaded), 0);
  g_assert_cmpstr (ssa_licence_get_code (first), ==, "02-00039-002");
  test_assert_date (ssa_licence_get_added_on (first), "2027-03-15");
}

/* Update the row, and a line. */
static void
test_installations_update (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInstallation) installation = ssa_installation_new ();
  g_autoptr(SsaInstallation) loaded = NULL;
  g_autoptr(SsaLicence) ports = licence_new ("02-00039-002", 20);
  g_autoptr(SsaLicence) samwin = licence_new ("90-00000-001", 1);
  g_autoptr(SsaLicence) extra = licence_new ("02-00039-101", 5);
  g_autoptr(SsaLicence) first = NULL;
  gint64 id = insert_bergen (f, installation, ports, samwin);

  ssa_installation_set_deployment (installation, SSA_DEPLOYMENT_RENTAL);
  ssa_installation_set_ssa_expiry (installation, NULL);
  g_assert_true (ssa_db_update_installation (f->db, installation, &error));
  g_assert_no_error (error);
  ssa_licence_set_quantity (ports, 25);
  g_assert_true (ssa_db_update_licence (f->db, ports, &error));
  g_assert_no_error (error);
  g_assert_true (ssa_db_insert_licence (f->db, id, extra, &error));
  g_assert_no_error (error);

  loaded = ssa_db_load_installation (f->db, id, &error);
  g_assert_cmpint (ssa_installation_get_deployment (loaded), ==, SSA_DEPLOYMENT_RENTAL);
  g_assert_null (ssa_installation_get_ssa_expiry (loaded));
  g_assert_cmpuint (g_list_model_get_n_items (ssa_installation_get_licences (loaded)), ==, 3);
  first = g_list_model_get_item (ssa_installation_get_licences (loaded), 0);
  g_assert_cmpint (ssa_licence_get_quantity (first), ==, 25);
  g_clear_object (&first);
  first = g_list_model_get_item (ssa_installation_get_licences (loaded), 2);
  g_assert_cmpstr (ssa_licence_get_code (first), ==, "02-00039-101");
  g_clear_object (&loaded);

  g_assert_true (ssa_db_delete_licence (f->db, ssa_licence_get_id (samwin), &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM licences"), ==, 2);
}

/* Serial numbers are unique. */
static void
test_installations_serial_unique (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInstallation) installation = ssa_installation_new ();
  g_autoptr(SsaInstallation) other = ssa_installation_new ();
  g_autoptr(SsaLicence) ports = licence_new ("02-00039-002", 20);
  g_autoptr(SsaLicence) samwin = licence_new ("90-00000-001", 1);

  insert_bergen (f, installation, ports, samwin);
  ssa_installation_set_serial (other, "IP811-1");
  g_assert_false (ssa_db_insert_installation (f->db, other, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "IP811-1"));
  g_clear_error (&error);
  g_assert_cmpint (ssa_installation_get_id (other), ==, 0);
  ssa_installation_set_serial (other, "");
  g_assert_true (ssa_db_insert_installation (f->db, other, &error));
  g_assert_no_error (error);
}

/* Loading them all keeps the lines as compact structs until asked for: made into
 * licences, they are the lines one installation loaded alone has, field by field. */
static void
test_installations_load_all (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInstallation) installation = ssa_installation_new ();
  g_autoptr(SsaInstallation) other = ssa_installation_new ();
  g_autoptr(SsaInstallation) loaded = NULL;
  g_autoptr(SsaLicence) ports = licence_new ("02-00039-002", 20);
  g_autoptr(SsaLicence) samwin = licence_new ("90-00000-001", 1);
  g_autoptr(GPtrArray) all = NULL;
  gint64 id = insert_bergen (f, installation, ports, samwin);

  g_assert_true (ssa_db_insert_installation (f->db, other, &error));
  g_assert_no_error (error);
  all = ssa_db_load_installations (f->db, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      GListModel *licences = ssa_installation_get_licences (g_ptr_array_index (all, i));

      g_assert_cmpuint (g_list_model_get_n_items (licences), ==, i == 0 ? 2 : 0);
    }

  /* Loading them all keeps the lines as compact structs until asked for: made into
   * licences, they are the lines one installation loaded alone has, field by field. */
  loaded = ssa_db_load_installation (f->db, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SsaLicence) a =
        g_list_model_get_item (ssa_installation_get_licences (g_ptr_array_index (all, 0)), i);
      g_autoptr(SsaLicence) b =
        g_list_model_get_item (ssa_installation_get_licences (loaded), i);

      g_assert_cmpint (ssa_licence_get_id (a), ==, ssa_licence_get_id (b));
      g_assert_cmpint (ssa_licence_get_id (a), >, 0);
      g_assert_cmpstr (ssa_licence_get_code (a), ==, ssa_licence_get_code (b));
      g_assert_cmpstr (ssa_licence_get_name (a), ==, ssa_licence_get_name (b));
      g_assert_cmpint (ssa_licence_get_quantity (a), ==, ssa_licence_get_quantity (b));
      g_assert_cmpint (ssa_licence_get_has_kind (a), ==, ssa_licence_get_has_kind (b));
      g_assert_cmpint (ssa_licence_get_kind (a), ==, ssa_licence_get_kind (b));
      g_assert_true ((ssa_licence_get_added_on (a) == NULL) ==
                     (ssa_licence_get_added_on (b) == NULL));
      if (ssa_licence_get_added_on (a) != NULL)
        g_assert_cmpint (g_date_compare (ssa_licence_get_added_on (a),
                                         ssa_licence_get_added_on (b)), ==, 0);
      g_assert_true ((ssa_licence_get_covered_until (a) == NULL) ==
                     (ssa_licence_get_covered_until (b) == NULL));
      if (ssa_licence_get_covered_until (a) != NULL)
        g_assert_cmpint (g_date_compare (ssa_licence_get_covered_until (a),
                                         ssa_licence_get_covered_until (b)), ==, 0);
    }
}

/* Deleting takes the lines along. */
static void
test_installations_delete (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInstallation) installation = ssa_installation_new ();
  g_autoptr(SsaLicence) ports = licence_new ("02-00039-002", 20);
  g_autoptr(SsaLicence) samwin = licence_new ("90-00000-001", 1);
  gint64 id = insert_bergen (f, installation, ports, samwin);

  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM licences"), ==, 2);
  g_assert_true (ssa_db_delete_installation (f->db, id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM licences"), ==, 0);
  g_assert_null (ssa_db_load_installation (f->db, id, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
}

static void
test_import_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) a = sample ("renewal-in-time.json");
  g_autoptr(SsaInventory) b = sample ("lapsed.json");
  g_autoptr(SsaInventory) again = sample ("renewal-in-time.json");
  g_autoptr(SsaInventory) by_name = sample ("lapsed.json");
  g_autoptr(SsaInventory) exported = NULL;
  g_autofree char *json_in = NULL;
  g_autofree char *json_out = NULL;
  SsaInventory *both[2];
  const char *names[] = { "a.json", "b.json" };
  gint64 ids[2] = { 0, };

  both[0] = a;
  both[1] = b;
  g_assert_true (ssa_db_import_inventories (f->db, both, names, 2, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ids[1], >, ids[0]);

  /* Exported, it is the file it came from. */
  exported = ssa_db_load_inventory (f->db, ids[0], NULL, &error);
  g_assert_no_error (error);
  json_in = ssa_inventory_to_json (a);
  json_out = ssa_inventory_to_json (exported);
  g_assert_cmpstr (json_in, ==, json_out);

  /* The same customer is found by organisation number; a serial already stored refuses
   * every file of the import. */
  g_free (again->serial);
  again->serial = g_strdup ("another appliance");
  g_free (again->customer.address);
  again->customer.address = g_strdup ("Somewhere else 1");
  both[0] = again;
  both[1] = b;
  g_assert_false (ssa_db_import_inventories (f->db, both, names, 2, ids, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "b.json"));
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM installations"), ==, 2);

  g_assert_true (ssa_db_import_inventories (f->db, &again, names, 1, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM customers"), ==, 2);
  {
    /* The stored customer keeps its address. */
    g_autofree char *address = raw_text (f->path, "SELECT address FROM customers WHERE "
                                                  "org_no = '914527309'");

    g_assert_cmpstr (address, ==, "Strandkaien 2, 5013 Bergen");
  }

  /* Without organisation number, the customer is found by name. */
  g_clear_pointer (&by_name->customer.org_no, g_free);
  g_clear_pointer (&by_name->serial, g_free);
  g_assert_true (ssa_db_import_inventories (f->db, &by_name, names, 1, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM installations"), ==, 4);
}

static void
test_lists (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  GDate today = test_date ("2026-11-28");

  import_sample (f, "renewal-in-time.json");  /* 2026-12-31 */
  import_sample (f, "lapsed.json");           /* 2026-06-30 */
  import_sample (f, "co-terming.json");       /* 2027-12-31 */
  import_sample (f, "saas.json");             /* SaaS: never listed */

  rows = ssa_db_list_installations (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpuint (g_array_index (rows, SsaDbInstallationRow, 0).n_licences, ==, 7);
  g_clear_pointer (&rows, g_array_unref);

  rows = ssa_db_list_renewals (f->db, &today, 90, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  test_assert_date (&g_array_index (rows, SsaDbInstallationRow, 0).ssa_expiry, "2026-06-30");
  test_assert_date (&g_array_index (rows, SsaDbInstallationRow, 1).ssa_expiry, "2026-12-31");
  g_assert_cmpstr (g_array_index (rows, SsaDbInstallationRow, 0).customer_name, ==,
                   "Nidaros Bygg og Anlegg AS");
  g_clear_pointer (&rows, g_array_unref);

  rows = ssa_db_list_renewals (f->db, &today, 0, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_clear_pointer (&rows, g_array_unref);
  rows = ssa_db_list_renewals (f->db, &today, 400, &error);
  g_assert_cmpuint (rows->len, ==, 3);
}

/* Archive: archived installations, and those of an archived customer, are no renewals; an
 * installation with offers cannot be deleted, and the refusal is in words. */
static void
test_archive (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(SsaInstallation) installation = NULL;
  g_autoptr(SsaCustomer) customer = NULL;
  g_autoptr(SsaDbOffer) offer = NULL;
  GDate today = test_date ("2026-11-28");
  SsaOfferRequest request;
  gint64 lapsed = import_sample (f, "lapsed.json");
  gint64 in_time = import_sample (f, "renewal-in-time.json");
  gint64 customer_id;
  guint n_offers = 99;

  rows = ssa_db_list_renewals (f->db, &today, 90, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_array_unref);

  g_assert_true (ssa_db_set_installation_archived (f->db, lapsed, TRUE, &error));
  g_assert_no_error (error);
  installation = ssa_db_load_installation (f->db, lapsed, &error);
  g_assert_true (ssa_installation_get_archived (installation));
  rows = ssa_db_list_renewals (f->db, &today, 90, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpint (g_array_index (rows, SsaDbInstallationRow, 0).id, ==, in_time);
  g_clear_pointer (&rows, g_array_unref);

  /* An archived customer takes its installations out too, whatever their own flag. */
  g_clear_object (&installation);
  installation = ssa_db_load_installation (f->db, in_time, &error);
  customer_id = ssa_installation_get_customer_id (installation);
  g_assert_true (ssa_db_set_customer_archived (f->db, customer_id, TRUE, &error));
  customer = ssa_db_load_customer (f->db, customer_id, &error);
  g_assert_true (ssa_customer_get_archived (customer));
  rows = ssa_db_list_renewals (f->db, &today, 90, &error);
  g_assert_cmpuint (rows->len, ==, 0);
  g_clear_pointer (&rows, g_array_unref);
  g_assert_true (ssa_db_set_customer_archived (f->db, customer_id, FALSE, &error));
  g_assert_true (ssa_db_set_installation_archived (f->db, lapsed, FALSE, &error));
  rows = ssa_db_list_renewals (f->db, &today, 90, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_clear_pointer (&rows, g_array_unref);

  g_assert_false (ssa_db_set_installation_archived (f->db, 999, TRUE, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Offers are counted per installation and per customer. */
  g_assert_true (ssa_db_count_offers (f->db, in_time, 0, &n_offers, &error));
  g_assert_cmpuint (n_offers, ==, 0);
  ssa_offer_request_init (&request);
  request.today = today;
  offer = ssa_db_create_offer (f->db, in_time, &request, &today, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_db_count_offers (f->db, in_time, 0, &n_offers, &error));
  g_assert_cmpuint (n_offers, ==, 1);
  g_assert_true (ssa_db_count_offers (f->db, 0, customer_id, &n_offers, &error));
  g_assert_cmpuint (n_offers, ==, 1);

  /* SQLite's own words never reach the user. */
  g_assert_false (ssa_db_delete_customer (f->db, customer_id, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_assert_null (strstr (error->message, "FOREIGN KEY"));
  g_clear_error (&error);
  g_assert_false (ssa_db_delete_installation (f->db, in_time, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_assert_null (strstr (error->message, "FOREIGN KEY"));
}

/* Price lists. */

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, 2);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoin (to, parts[0], parts[1], NULL);
}

/* The bundled price list with another id and, optionally, one more change. */
static char *
sample_price_list_with (const char *id,
                        const char *from,
                        const char *to)
{
  g_autoptr(GBytes) bytes = ssa_samples_get_price_list_bytes ();
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *quoted = g_strdup_printf ("\"%s\"", id);
  g_autofree char *renamed = replace_once (text, "\"sample-2026-11\"", quoted);

  if (from == NULL)
    return g_steal_pointer (&renamed);
  return replace_once (renamed, from, to);
}

static void
test_price_lists (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sample_bytes = ssa_samples_get_price_list_bytes ();
  g_autofree char *newer = sample_price_list_with ("2026-12", NULL, NULL);
  g_autoptr(SsaDbPriceListInfo) info = NULL;
  g_autoptr(SsaPriceList) current = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  g_autofree char *document = NULL;
  const SsaDbPriceListSource source = { "https://example.no/list.json", "2026-12-01T10:00:00Z",
                                        "\"abc\"", "Tue, 01 Dec 2026 09:00:00 GMT" };
  gboolean was_new = TRUE;

  /* The bundled list is stored already. */
  g_assert_true (ssa_db_store_price_list (f->db, g_bytes_get_data (sample_bytes, NULL),
                                          g_bytes_get_size (sample_bytes), "sample", NULL,
                                          &info, &was_new, &error));
  g_assert_no_error (error);
  g_assert_false (was_new);
  g_assert_true (info->is_current);
  g_clear_pointer (&info, ssa_db_price_list_info_free);

  g_assert_true (ssa_db_store_price_list (f->db, newer, strlen (newer), "newer", &source,
                                          &info, &was_new, &error));
  g_assert_no_error (error);
  g_assert_true (was_new);
  g_assert_cmpstr (info->list_id, ==, "2026-12");
  g_assert_cmpstr (info->etag, ==, "\"abc\"");
  g_assert_cmpstr (info->source_url, ==, "https://example.no/list.json");
  g_assert_cmpuint (strlen (info->sha256), ==, 64);
  document = ssa_db_dup_price_list_document (f->db, info->row_id, &error);
  g_assert_cmpstr (document, ==, newer);
  g_clear_pointer (&info, ssa_db_price_list_info_free);

  current = ssa_db_load_current_price_list (f->db, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (current->id, ==, "2026-12");
  g_clear_pointer (&info, ssa_db_price_list_info_free);
  g_clear_pointer (&current, ssa_price_list_unref);

  /* A rejected list never replaces the current one. */
  g_assert_false (ssa_db_store_price_list (f->db, "{\"format\":\"ssa-desk-pricelist/1\"}", 33,
                                           "broken.json", NULL, NULL, NULL, &error));
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "broken.json"));
  g_clear_error (&error);
  current = ssa_db_load_current_price_list (f->db, NULL, &error);
  g_assert_cmpstr (current->id, ==, "2026-12");
  g_clear_pointer (&current, ssa_price_list_unref);

  /* The same bytes again are not stored twice, but become current. */
  g_assert_true (ssa_db_store_price_list (f->db, g_bytes_get_data (sample_bytes, NULL),
                                          g_bytes_get_size (sample_bytes), "sample", NULL,
                                          NULL, &was_new, &error));
  g_assert_false (was_new);
  current = ssa_db_load_current_price_list (f->db, NULL, &error);
  g_assert_cmpstr (current->id, ==, "sample-2026-11");

  lists = ssa_db_list_price_lists (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lists->len, ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM price_lists WHERE is_current"), ==, 1);

  /* A stored document never changes. */
  g_assert_cmpint (raw_exec (f->path, "UPDATE price_lists SET document = '{}'"), !=, SQLITE_OK);
}

/* An id names one price list: other bytes under a stored id are refused, nothing is
 * stored and the current list stays; the same bytes again are no new list. */
static void
test_price_list_same_id (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sample_bytes = ssa_samples_get_price_list_bytes ();
  g_autofree char *first = sample_price_list_with ("2026-12", NULL, NULL);
  g_autofree char *changed = sample_price_list_with ("2026-12", "\"PBX-Port14\"",
                                                     "\"PBX-Port14 (changed)\"");
  g_autofree char *reformatted = g_strconcat (first, "\n", NULL);
  g_autofree char *renamed = sample_price_list_with ("2027-01", "\"PBX-Port14\"",
                                                     "\"PBX-Port14 (changed)\"");
  g_autoptr(SsaDbPriceListInfo) info = NULL;
  g_autoptr(SsaPriceList) current = NULL;
  gboolean was_new = FALSE;

  g_assert_true (ssa_db_store_price_list (f->db, first, strlen (first), "first.json", NULL,
                                          NULL, &was_new, &error));
  g_assert_no_error (error);
  g_assert_true (was_new);
  /* The bundled list is current again, so that "unchanged" is not the list just refused. */
  g_assert_true (ssa_db_store_price_list (f->db, g_bytes_get_data (sample_bytes, NULL),
                                          g_bytes_get_size (sample_bytes), "sample", NULL,
                                          NULL, &was_new, &error));
  g_assert_no_error (error);
  g_assert_false (was_new);

  /* Other content under the id: refused, naming the file, the id and what to do. */
  g_assert_false (ssa_db_store_price_list (f->db, changed, strlen (changed), "changed.json",
                                           NULL, NULL, NULL, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_assert_true (g_str_has_prefix (error->message, "changed.json: "));
  g_assert_nonnull (strstr (error->message, "“2026-12”"));
  g_assert_nonnull (strstr (error->message, "differs"));
  g_assert_nonnull (strstr (error->message, "new id"));
  g_clear_error (&error);

  /* Even a difference of one byte that JSON does not see: an id names the bytes stored. */
  g_assert_false (ssa_db_store_price_list (f->db, reformatted, strlen (reformatted),
                                           "reformatted.json", NULL, NULL, NULL, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_clear_error (&error);

  /* Nothing was stored, and the current list is the one it was. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM price_lists"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM price_lists WHERE list_id = '2026-12' "
                                     "AND document LIKE '%(changed)%'"), ==, 0);
  current = ssa_db_load_current_price_list (f->db, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (current->id, ==, "sample-2026-11");
  g_clear_pointer (&info, ssa_db_price_list_info_free);
  g_clear_pointer (&current, ssa_price_list_unref);

  /* The same bytes again are fine: stored once, and current. */
  g_assert_true (ssa_db_store_price_list (f->db, first, strlen (first), "first.json", NULL,
                                          &info, &was_new, &error));
  g_assert_no_error (error);
  g_assert_false (was_new);
  g_assert_cmpstr (info->list_id, ==, "2026-12");
  g_clear_pointer (&info, ssa_db_price_list_info_free);

  /* The changed list under a new id is stored. */
  g_assert_true (ssa_db_store_price_list (f->db, renamed, strlen (renamed), "renamed.json", NULL,
                                          &info, &was_new, &error));
  g_assert_no_error (error);
  g_assert_true (was_new);
  g_assert_cmpstr (info->list_id, ==, "2027-01");
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM price_lists"), ==, 3);
}

/* A stored request goes through the JSON guard: a key given twice makes it unreadable
 * (damaged), rather than read as its last value. */
static void
test_offer_request_duplicate_key (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SsaDbOffer offer = { .number = (char *) "2026-0001" };
  SsaOfferRequest request;

  offer.request = (char *) "{ \"billing\": \"annual\", \"months\": 24 }";
  g_assert_true (ssa_db_offer_get_request (&offer, &request, &error));
  g_assert_no_error (error);
  g_assert_cmpint (request.end_kind, ==, SSA_OFFER_END_MONTHS);
  g_assert_cmpint (request.months, ==, 24);

  offer.request = (char *) "{ \"billing\": \"annual\", \"months\": 24, \"m\\u006fnths\": 6 }";
  g_assert_false (ssa_db_offer_get_request (&offer, &request, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "2026-0001"));
}

/* Offers. */

static SsaDbOffer *
create_offer_valid_for (Fixture     *f,
                        gint64       installation_id,
                        const char  *created,
                        const char  *today,
                        guint        validity_days)
{
  g_autoptr(GError) error = NULL;
  SsaOfferRequest request;
  GDate day = test_date (created);
  SsaDbOffer *offer;

  ssa_offer_request_init (&request);
  request.today = test_date (today);
  offer = ssa_db_create_offer (f->db, installation_id, &request, &day, validity_days, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_nonnull (offer);
  return offer;
}

/* An offer valid for the profile's default. */
static SsaDbOffer *
create_offer (Fixture     *f,
              gint64       installation_id,
              const char  *created,
              const char  *today)
{
  return create_offer_valid_for (f, installation_id, created, today, 0);
}

/* Imports the sample once more as another appliance of the same customer (found by its
 * organisation number): the same lines, another serial number. */
static gint64
import_sample_again (Fixture    *f,
                     const char *name,
                     const char *serial)
{
  g_autoptr(SsaInventory) inventory = sample (name);
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_free (inventory->serial);
  inventory->serial = g_strdup (serial);
  ssa_db_import_inventories (f->db, &inventory, &name, 1, &id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
count_where (Fixture    *f,
             const char *table,
             const char *column,
             gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s = %" G_GINT64_FORMAT,
                                          table, column, id);

  return raw_int (f->path, sql);
}

static gint64
customer_of (Fixture *f,
             gint64   installation_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT customer_id FROM installations WHERE id = %"
                                          G_GINT64_FORMAT, installation_id);

  return raw_int (f->path, sql);
}

/* Five installations of three customers: Bergen and Trondheim twice, Kristiansand once. */
typedef struct
{
  gint64 bergen;
  gint64 bergen_too;
  gint64 trondheim;
  gint64 trondheim_too;
  gint64 kristiansand;
  gint64 bergen_customer;
  gint64 trondheim_customer;
} FiveInstallations;

static void
import_five (Fixture           *f,
             FiveInstallations *five)
{
  gint64 bergen = import_sample (f, "renewal-in-time.json");
  gint64 bergen_too = import_sample_again (f, "renewal-in-time.json", "IP811-BERGEN-2");
  gint64 trondheim = import_sample (f, "lapsed.json");
  gint64 trondheim_too = import_sample_again (f, "lapsed.json", "IP811-TRONDHEIM-2");
  gint64 kristiansand = import_sample (f, "co-terming.json");
  gint64 bergen_customer = customer_of (f, bergen);
  gint64 trondheim_customer = customer_of (f, trondheim);

  g_assert_cmpint (customer_of (f, bergen_too), ==, bergen_customer);
  g_assert_cmpint (customer_of (f, trondheim_too), ==, trondheim_customer);
  g_assert_cmpint (count_where (f, "licences", "installation_id", bergen), ==, 7);
  g_assert_cmpint (count_where (f, "licences", "installation_id", bergen_too), ==, 7);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM licences"), ==, 7 + 7 + 4 + 4 + 7);
  *five = (FiveInstallations) { bergen, bergen_too, trondheim, trondheim_too, kristiansand,
                                bergen_customer, trondheim_customer };
}

/* The customer goes with both its installations and all their lines, in one call. */
static void
delete_bergen_customer (Fixture                 *f,
                        const FiveInstallations *five)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) deleted = NULL;
  g_autoptr(SsaCustomer) gone = NULL;
  gint64 bergen = five->bergen;
  gint64 bergen_too = five->bergen_too;
  gint64 bergen_customer = five->bergen_customer;

  g_assert_true (ssa_db_delete_customer_with_installations (f->db, bergen_customer, &deleted,
                                                            &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deleted->len, ==, 2);
  g_assert_cmpint (g_array_index (deleted, gint64, 0), ==, bergen);
  g_assert_cmpint (g_array_index (deleted, gint64, 1), ==, bergen_too);
  g_assert_cmpint (count_where (f, "customers", "id", bergen_customer), ==, 0);
  g_assert_cmpint (count_where (f, "installations", "customer_id", bergen_customer), ==, 0);
  g_assert_cmpint (count_where (f, "installations", "id", bergen), ==, 0);
  g_assert_cmpint (count_where (f, "installations", "id", bergen_too), ==, 0);
  g_assert_cmpint (count_where (f, "licences", "installation_id", bergen), ==, 0);
  g_assert_cmpint (count_where (f, "licences", "installation_id", bergen_too), ==, 0);
  gone = ssa_db_load_customer (f->db, bergen_customer, &error);
  g_assert_null (gone);
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* Nothing of the other customers went. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM installations"), ==, 3);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM licences"), ==, 4 + 4 + 7);
}

/* One installation with offers keeps the customer and all its installations: the one
 * with offers comes last, so the one before it was deleted and has to be rolled back,
 * lines and all. The refusal says what deleting that installation alone says. */
static void
refuse_trondheim_customer (Fixture                 *f,
                           const FiveInstallations *five)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) deleted = NULL;
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autofree char *expected = NULL;
  gint64 trondheim = five->trondheim;
  gint64 trondheim_too = five->trondheim_too;
  gint64 trondheim_customer = five->trondheim_customer;

  offer = create_offer (f, trondheim_too, "2026-11-28", "2026-11-28");
  g_assert_false (ssa_db_delete_installation (f->db, trondheim_too, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  expected = g_strdup (error->message);
  g_clear_error (&error);

  g_assert_false (ssa_db_delete_customer_with_installations (f->db, trondheim_customer,
                                                             &deleted, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, expected);
  g_clear_error (&error);
  g_assert_null (deleted);
  g_assert_cmpint (count_where (f, "customers", "id", trondheim_customer), ==, 1);
  g_assert_cmpint (count_where (f, "installations", "customer_id", trondheim_customer), ==, 2);
  g_assert_cmpint (count_where (f, "licences", "installation_id", trondheim), ==, 4);
  g_assert_cmpint (count_where (f, "licences", "installation_id", trondheim_too), ==, 4);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM installations"), ==, 3);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM licences"), ==, 4 + 4 + 7);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM offers"), ==, 1);
}

static void
test_delete_customer_with_installations (Fixture       *f,
                                         gconstpointer  data)
{
  FiveInstallations five;

  import_five (f, &five);
  delete_bergen_customer (f, &five);
}

static void
test_delete_customer_refused_with_offers (Fixture       *f,
                                          gconstpointer  data)
{
  FiveInstallations five;

  import_five (f, &five);
  delete_bergen_customer (f, &five);
  refuse_trondheim_customer (f, &five);
}

/* No transaction is left open after a refusal: the connection writes on. */
static void
test_delete_customer_writes_on (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FiveInstallations five;
  gint64 kristiansand;

  import_five (f, &five);
  delete_bergen_customer (f, &five);
  refuse_trondheim_customer (f, &five);
  kristiansand = five.kristiansand;
  g_assert_true (ssa_db_delete_customer_with_installations (f->db,
                                                            customer_of (f, kristiansand),
                                                            NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM installations"), ==, 2);
}

/* A customer that is not there. */
static void
test_delete_customer_not_there (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  FiveInstallations five;
  gint64 bergen_customer;

  import_five (f, &five);
  delete_bergen_customer (f, &five);
  bergen_customer = five.bergen_customer;
  g_assert_false (ssa_db_delete_customer_with_installations (f->db, bergen_customer, NULL,
                                                             &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
}

static void
test_offer_numbers (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = import_sample (f, "renewal-in-time.json");
  g_autoptr(SsaDbOffer) first = create_offer (f, id, "2026-11-28", "2026-11-28");
  g_autoptr(SsaDbOffer) second = create_offer (f, id, "2026-11-29", "2026-11-28");
  g_autoptr(SsaDbOffer) next_year = create_offer (f, id, "2027-01-02", "2026-11-28");
  g_autoptr(SsaDbOffer) third = create_offer (f, id, "2026-12-31", "2026-11-28");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (first->number, ==, "2026-0001");
  g_assert_cmpstr (second->number, ==, "2026-0002");
  g_assert_cmpstr (next_year->number, ==, "2027-0001");
  g_assert_cmpstr (third->number, ==, "2026-0003");
  g_assert_cmpint (first->status, ==, SSA_OFFER_STATUS_DRAFT);
  test_assert_date (&first->created, "2026-11-28");
  test_assert_date (&first->valid_until, "2026-12-28");
  test_assert_date (&first->period_start, "2027-01-01");
  test_assert_date (&first->period_end, "2027-12-31");
  g_assert_cmpint (first->total, ==, 311479);
  g_assert_cmpstr (first->currency, ==, "NOK");
  g_assert_cmpstr (first->price_list_id, ==, "sample-2026-11");
  g_assert_cmpstr (first->installation_name, ==, "Hovedkontor Bergen");

  all = ssa_db_list_offers (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpstr (((SsaDbOffer *) g_ptr_array_index (all, 3))->number, ==, "2027-0001");
  g_assert_null (((SsaDbOffer *) g_ptr_array_index (all, 0))->snapshot);

  /* A refused offer takes no number. */
  {
    gint64 saas = import_sample (f, "saas.json");
    SsaOfferRequest request;
    GDate day = test_date ("2026-11-28");

    ssa_offer_request_init (&request);
    g_assert_null (ssa_db_create_offer (f->db, saas, &request, &day, 0, NULL, &error));
    g_assert_error (error, SSA_ERROR, SSA_ERROR_REFUSED);
    g_clear_error (&error);
    g_assert_null (ssa_db_create_offer (f->db, 9999, &request, &day, 0, NULL, &error));
    g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  {
    g_autoptr(SsaDbOffer) fourth = create_offer (f, id, "2026-12-31", "2026-11-28");

    g_assert_cmpstr (fourth->number, ==, "2026-0004");
  }

  /* Offers are never deleted, and never change but for their status. */
  g_assert_cmpint (raw_exec (f->path, "DELETE FROM offers WHERE number = '2026-0001'"), !=,
                   SQLITE_OK);
  g_assert_cmpint (raw_exec (f->path, "UPDATE offers SET total = 1"), !=, SQLITE_OK);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM offers"), ==, 5);
}

static void
test_offer_snapshot_immutable (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = import_sample (f, "renewal-in-time.json");
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autoptr(SsaDbOffer) later = NULL;
  g_autoptr(SsaOffer) computed = NULL;
  g_autoptr(SsaOffer) read_back = NULL;
  g_autoptr(SsaInstallation) installation = NULL;
  g_autoptr(SsaLicence) licence = NULL;
  g_autofree char *computed_json = NULL;
  g_autofree char *again = NULL;
  g_autofree char *dearer = sample_price_list_with ("2026-11-dearer",
                                                    "\"ssc_price\": \"11.50\"",
                                                    "\"ssc_price\": \"99.00\"");
  SsaOfferRequest request;
  GDate day = test_date ("2026-11-28");

  ssa_offer_request_init (&request);
  request.today = day;
  offer = ssa_db_create_offer (f->db, id, &request, &day, 0, &computed, &error);
  g_assert_no_error (error);
  computed_json = ssa_offer_to_json (computed);
  g_assert_cmpstr (offer->snapshot, ==, computed_json);

  /* The snapshot reads back as the same offer. */
  read_back = ssa_offer_new_from_json (offer->snapshot, strlen (offer->snapshot), &error);
  g_assert_no_error (error);
  again = ssa_offer_to_json (read_back);
  g_assert_cmpstr (again, ==, offer->snapshot);
  g_assert_cmpint (read_back->totals.subtotal, ==, computed->totals.subtotal);
  for (guint i = 0; i < computed->lines->len; i++)
    g_assert_cmpuint (g_array_index (read_back->lines, SsaOfferLine, i).inventory_index, ==,
                      g_array_index (computed->lines, SsaOfferLine, i).inventory_index);

  /* A new price list and a changed inventory change nothing stored. */
  g_assert_true (ssa_db_store_price_list (f->db, dearer, strlen (dearer), "dearer", NULL, NULL,
                                          NULL, &error));
  g_assert_no_error (error);
  installation = ssa_db_load_installation (f->db, id, &error);
  licence = g_list_model_get_item (ssa_installation_get_licences (installation), 0);
  ssa_licence_set_quantity (licence, 500);
  g_assert_true (ssa_db_update_licence (f->db, licence, &error));
  g_assert_no_error (error);

  later = ssa_db_load_offer (f->db, offer->number, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (later->snapshot, ==, offer->snapshot);
  g_assert_cmpint (later->total, ==, offer->total);
  g_assert_cmpstr (later->price_list_id, ==, "sample-2026-11");

  /* Not even SQL changes it. */
  g_assert_cmpint (raw_exec (f->path, "UPDATE offers SET snapshot = '{}'"), !=, SQLITE_OK);
  g_clear_pointer (&later, ssa_db_offer_free);
  later = ssa_db_load_offer (f->db, offer->number, &error);
  g_assert_cmpstr (later->snapshot, ==, offer->snapshot);

  /* A revision is computed anew. */
  {
    g_autoptr(SsaDbOffer) revision = ssa_db_revise_offer (f->db, offer->number, &request, &day,
                                                          0, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (revision->number, ==, "2026-0001-R2");
    g_assert_cmpint (revision->total, >, offer->total);
    g_assert_cmpstr (revision->price_list_id, ==, "2026-11-dearer");
  }
}

static void
assert_status_refused (Fixture        *f,
                       const char     *number,
                       SsaOfferStatus  status,
                       const char     *today,
                       const char     *expected)
{
  g_autoptr(GError) error = NULL;
  GDate day = test_date (today);

  g_assert_false (ssa_db_set_offer_status (f->db, number, status, &day, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
}

static void
set_status (Fixture        *f,
            const char     *number,
            SsaOfferStatus  status,
            const char     *today)
{
  g_autoptr(GError) error = NULL;
  GDate day = test_date (today);

  g_assert_true (ssa_db_set_offer_status (f->db, number, status, &day, &error));
  g_assert_no_error (error);
}

static SsaOfferStatus
stored_status (Fixture    *f,
               const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDbOffer) offer = ssa_db_load_offer (f->db, number, &error);

  g_assert_no_error (error);
  return offer->status;
}

/* Bergen's PBX as read: 23 ports used where 20 are owned, 2 of 5 voicemails. */
static void
store_true_up_reading (Fixture *f,
                       gint64   installation_id)
{
  static const char reading_xml[] =
    "<info><lic name=\"Port\" count=\"20\" used=\"23\"/>"
    "<lic name=\"Voicemail\" count=\"5\" used=\"2\"/>"
    "<info version=\"14r2 sr3\"/></info>";
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;

  reading = ssa_pbx_reading_new_from_data (reading_xml, strlen (reading_xml), "reading",
                                           &error);
  g_assert_no_error (error);
  g_assert_true (ssa_db_store_pbx_reading (f->db, installation_id, reading, &error));
  g_assert_no_error (error);
}

/* An offer for @installation_id made on 2026-11-28 asking for the true-up (or not), with
 * @alternative (NULL: none), marked as sent. */
static SsaDbOffer *
create_sent_offer (Fixture    *f,
                   gint64      installation_id,
                   gboolean    true_up,
                   const char *alternative)
{
  g_autoptr(GError) error = NULL;
  SsaOfferRequest request;
  GDate day = test_date ("2026-11-28");
  SsaDbOffer *offer;

  ssa_offer_request_init (&request);
  request.today = day;
  request.true_up = true_up;
  if (alternative != NULL)
    {
      g_assert_true (ssa_offer_alternative_parse (alternative, &request.alternatives[0],
                                                  &error));
      g_assert_no_error (error);
      request.n_alternatives = 1;
    }
  offer = ssa_db_create_offer (f->db, installation_id, &request, &day, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (offer);
  set_status (f, offer->number, SSA_OFFER_STATUS_SENT, "2026-11-28");
  return offer;
}

/* Accepting an offer with a true-up adds the licences it sells to the installation, in the
 * transaction that extends the SSA (docs/rules.md, "True-up"): a new line of the 3 missing
 * ports beside the 20 owned, bought on the day of acceptance and covered to the offer's end,
 * with the price list's kind and name. A second acceptance is refused and adds nothing; an
 * offer without a true-up adds no line; an accepted alternative covers them to its end. */
static void
test_offer_accept_true_up (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autoptr(SsaDbOffer) plain = NULL;
  g_autoptr(SsaDbOffer) with_alternative = NULL;
  g_autofree char *end = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *name = NULL;
  g_autofree char *expiry = NULL;
  GDate accepted_on = test_date ("2026-11-30");
  gint64 bergen = import_sample (f, "renewal-in-time.json");
  gint64 other = import_sample_again (f, "renewal-in-time.json", "IP811-00-90-33-41-0A-99");
  gint64 third = import_sample_again (f, "renewal-in-time.json", "IP811-00-90-33-41-0A-98");
  gint64 n_lines = raw_int (f->path, "SELECT count(*) FROM licences WHERE installation_id = 1");

  g_assert_cmpint (bergen, ==, 1);
  store_true_up_reading (f, bergen);
  store_true_up_reading (f, other);
  store_true_up_reading (f, third);

  offer = create_sent_offer (f, bergen, TRUE, NULL);
  end = ssa_date_to_iso (&offer->period_end);
  set_status (f, offer->number, SSA_OFFER_STATUS_ACCEPTED, "2026-11-30");

  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM licences WHERE installation_id = 1"),
                   ==, n_lines + 1);
  /* The owned ports are left as they were; the new line comes last. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM licences WHERE installation_id = 1 "
                                     "AND code = '02-00039-002' AND quantity = 20 "
                                     "AND added_on IS NULL"), ==, 1);
  sql = g_strdup_printf ("SELECT count(*) FROM licences WHERE installation_id = 1 "
                         "AND code = '02-00039-002' AND quantity = 3 "
                         "AND added_on = '2026-11-30' AND covered_until = '%s' "
                         "AND kind = 'port' AND position = (SELECT max(position) "
                         "FROM licences WHERE installation_id = 1)", end);
  g_assert_cmpint (raw_int (f->path, sql), ==, 1);
  name = raw_text (f->path, "SELECT name FROM licences WHERE installation_id = 1 "
                            "AND quantity = 3 AND added_on IS NOT NULL");
  g_assert_cmpstr (name, ==, "PBX-Port14");
  expiry = raw_text (f->path, "SELECT ssa_expiry FROM installations WHERE id = 1");
  g_assert_cmpstr (expiry, ==, end);

  /* As the window and the offer calculator read it: 3 more ports, covered to the end. */
  {
    g_autoptr(SsaInventory) inventory = ssa_db_load_inventory (f->db, bergen, NULL,
                                                                  &error);
    const SsaInventoryLine *last;

    g_assert_no_error (error);
    last = &g_array_index (inventory->lines, SsaInventoryLine, inventory->lines->len - 1);
    g_assert_cmpstr (last->code, ==, "02-00039-002");
    g_assert_cmpint (last->quantity, ==, 3);
    g_assert_cmpint (g_date_compare (&last->added_on, &accepted_on), ==, 0);
    g_assert_cmpint (g_date_compare (&last->covered_until, &offer->period_end), ==, 0);

    /* The reading finds nothing missing now: a new offer would propose no true-up. */
    {
      g_autoptr(SsaPriceList) price_list = ssa_db_load_current_price_list (f->db, NULL,
                                                                           &error);
      g_autoptr(GArray) missing = NULL;

      g_assert_no_error (error);
      missing = ssa_db_load_true_up (f->db, bergen, inventory, price_list, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (missing->len, ==, 0);
    }
  }

  /* Accepting again is refused, and adds nothing. */
  g_assert_false (ssa_db_set_offer_status (f->db, offer->number, SSA_OFFER_STATUS_ACCEPTED,
                                           &accepted_on, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM licences WHERE installation_id = 1"),
                   ==, n_lines + 1);

  /* Without a true-up, accepting adds no line, though the PBX uses more than is owned. */
  plain = create_sent_offer (f, other, FALSE, NULL);
  set_status (f, plain->number, SSA_OFFER_STATUS_ACCEPTED, "2026-11-30");
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM licences WHERE installation_id = %"
                         G_GINT64_FORMAT, other);
  g_assert_cmpint (raw_int (f->path, sql), ==, n_lines);

  /* The alternative accepted: the new ports are covered to its end. */
  with_alternative = create_sent_offer (f, third, TRUE, "end=2029-12-31");
  g_assert_true (ssa_db_accept_offer (f->db, with_alternative->number, 2, &accepted_on,
                                      &error));
  g_assert_no_error (error);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM licences WHERE installation_id = %"
                         G_GINT64_FORMAT " AND quantity = 3 AND added_on IS NOT NULL "
                         "AND covered_until = '2029-12-31'", third);
  g_assert_cmpint (raw_int (f->path, sql), ==, 1);
}

static void
test_offer_status (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = import_sample (f, "renewal-in-time.json");
  g_autoptr(SsaDbOffer) offer = create_offer (f, id, "2026-11-28", "2026-11-28");

  assert_status_refused (f, "2026-0001", SSA_OFFER_STATUS_ACCEPTED, "2026-11-28", "draft");
  assert_status_refused (f, "2026-0001", SSA_OFFER_STATUS_DECLINED, "2026-11-28", "draft");
  assert_status_refused (f, "2026-0001", SSA_OFFER_STATUS_DRAFT, "2026-11-28", "sent");
  assert_status_refused (f, "2026-0001", SSA_OFFER_STATUS_EXPIRED, "2026-11-28", "sent");
  set_status (f, "2026-0001", SSA_OFFER_STATUS_SENT, "2026-11-28");
  assert_status_refused (f, "2026-0001", SSA_OFFER_STATUS_SENT, "2026-11-28", "already");
  g_assert_cmpint (stored_status (f, "2026-0001"), ==, SSA_OFFER_STATUS_SENT);
}

/* Expired: shown so once past its validity, and no longer accepted. */
static void
test_offer_status_expired (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = import_sample (f, "renewal-in-time.json");
  g_autoptr(SsaDbOffer) offer = create_offer (f, id, "2026-11-28", "2026-11-28");
  GDate day = test_date ("2026-11-30");
  GDate late = test_date ("2026-12-29");

  set_status (f, "2026-0001", SSA_OFFER_STATUS_SENT, "2026-11-28");
  g_clear_pointer (&offer, ssa_db_offer_free);
  offer = ssa_db_load_offer (f->db, "2026-0001", &error);
  g_assert_cmpint (ssa_db_offer_get_shown_status (offer, &day), ==, SSA_OFFER_STATUS_SENT);
  g_assert_cmpint (ssa_db_offer_get_shown_status (offer, &late), ==, SSA_OFFER_STATUS_EXPIRED);
  assert_status_refused (f, "2026-0001", SSA_OFFER_STATUS_ACCEPTED, "2026-12-29", "expired");
}

/* Declined is final; declining an expired offer is allowed. */
static void
test_offer_status_declined (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = import_sample (f, "renewal-in-time.json");
  g_autoptr(SsaDbOffer) offer = create_offer (f, id, "2026-11-28", "2026-11-28");
  g_autoptr(SsaDbOffer) declined = create_offer (f, id, "2026-11-28", "2026-11-28");
  GDate late = test_date ("2026-12-29");

  set_status (f, "2026-0002", SSA_OFFER_STATUS_SENT, "2026-11-28");
  set_status (f, "2026-0002", SSA_OFFER_STATUS_DECLINED, "2027-06-01");
  g_assert_cmpint (ssa_db_offer_get_shown_status (declined, &late), ==, SSA_OFFER_STATUS_EXPIRED);
  g_clear_pointer (&declined, ssa_db_offer_free);
  declined = ssa_db_load_offer (f->db, "2026-0002", &error);
  g_assert_cmpint (ssa_db_offer_get_shown_status (declined, &late), ==, SSA_OFFER_STATUS_DECLINED);
  assert_status_refused (f, "2026-0002", SSA_OFFER_STATUS_SENT, "2026-11-28", "final");
}

/* A sent offer is changed by revisions, which keep its number: R2 and R3 of 2026-0001, with
 * @request. */
static void
revise_twice (Fixture         *f,
              SsaOfferRequest *request)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDbOffer) r2 = NULL;
  g_autoptr(SsaDbOffer) r3 = NULL;
  GDate day = test_date ("2026-11-30");

  ssa_offer_request_init (request);
  request->today = test_date ("2026-11-28");
  request->discount_percent = 1000;
  r2 = ssa_db_revise_offer (f->db, "2026-0001", request, &day, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r2->number, ==, "2026-0001-R2");
  g_assert_cmpint (r2->revision, ==, 2);
  g_assert_cmpint (r2->status, ==, SSA_OFFER_STATUS_DRAFT);
  /* The revised offer gives way to its revision: it is `revised`, and so is R2 by R3. */
  g_assert_cmpint (stored_status (f, "2026-0001"), ==, SSA_OFFER_STATUS_REVISED);
  assert_status_refused (f, "2026-0001", SSA_OFFER_STATUS_ACCEPTED, "2026-11-30", "revised");
  r3 = ssa_db_revise_offer (f->db, "2026-0001-r2", request, &day, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r3->number, ==, "2026-0001-R3");
  g_assert_cmpint (stored_status (f, "2026-0001"), ==, SSA_OFFER_STATUS_REVISED);
  g_assert_cmpint (stored_status (f, "2026-0001-R2"), ==, SSA_OFFER_STATUS_REVISED);
  g_assert_cmpint (stored_status (f, "2026-0001-R3"), ==, SSA_OFFER_STATUS_DRAFT);
  {
    SsaOfferRequest stored;

    g_assert_true (ssa_db_offer_get_request (r3, &stored, &error));
    g_assert_cmpint (stored.discount_percent, ==, 1000);
    test_assert_date (&stored.today, "2026-11-28");
    g_assert_cmpint (stored.end_kind, ==, SSA_OFFER_END_DEFAULT);
  }
}

static void
test_offer_status_revisions (Fixture       *f,
                             gconstpointer  data)
{
  gint64 id = import_sample (f, "renewal-in-time.json");
  g_autoptr(SsaDbOffer) offer = create_offer (f, id, "2026-11-28", "2026-11-28");
  SsaOfferRequest request;

  set_status (f, "2026-0001", SSA_OFFER_STATUS_SENT, "2026-11-28");
  revise_twice (f, &request);
}

/* One revision of a number is accepted at most: an accepted revision stays accepted
 * when it is revised again, and the new revision cannot be accepted too. */
static void
test_offer_status_one_accepted (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = import_sample (f, "renewal-in-time.json");
  g_autoptr(SsaDbOffer) offer = create_offer (f, id, "2026-11-28", "2026-11-28");
  SsaOfferRequest request;
  GDate day = test_date ("2026-11-30");

  set_status (f, "2026-0001", SSA_OFFER_STATUS_SENT, "2026-11-28");
  revise_twice (f, &request);
  assert_status_refused (f, "2026-0001-R2", SSA_OFFER_STATUS_SENT, "2026-11-30", "final");
  set_status (f, "2026-0001-R3", SSA_OFFER_STATUS_SENT, "2026-11-30");
  set_status (f, "2026-0001-R3", SSA_OFFER_STATUS_ACCEPTED, "2026-11-30");
  {
    g_autoptr(SsaDbOffer) r4 = ssa_db_revise_offer (f->db, "2026-0001", &request, &day, 0,
                                                    NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (r4->number, ==, "2026-0001-R4");
  }
  g_assert_cmpint (stored_status (f, "2026-0001-R3"), ==, SSA_OFFER_STATUS_ACCEPTED);
  set_status (f, "2026-0001-R4", SSA_OFFER_STATUS_SENT, "2026-11-30");
  assert_status_refused (f, "2026-0001-R4", SSA_OFFER_STATUS_ACCEPTED, "2026-11-30",
                         "2026-0001-R3");
  assert_status_refused (f, "2026-0001-R3", SSA_OFFER_STATUS_DECLINED, "2026-11-30", "final");
}

static void
test_offer_status_not_found (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GDate day = test_date ("2026-11-30");

  import_sample (f, "renewal-in-time.json");
  g_assert_false (ssa_db_set_offer_status (f->db, "2026-0099", SSA_OFFER_STATUS_SENT, &day,
                                           &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
}

/* Asserts the history of @number: its statuses in order, each by this user (or, for
 * @migrated changes, by nobody known), at a time between @since and now; "superseded" and
 * "revised" say which offer did it. */
static void
assert_history (Fixture           *f,
                const char        *number,
                GDateTime         *since,
                const char        *expected,
                const char        *caused_by)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDbOffer) offer = ssa_db_load_offer (f->db, number, &error);
  g_autoptr(GString) statuses = g_string_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_no_error (error);
  for (guint i = 0; i < offer->history->len; i++)
    {
      const SsaDbOfferStatusChange *change = g_ptr_array_index (offer->history, i);

      g_string_append_printf (statuses, "%s%s", i > 0 ? "," : "",
                              ssa_offer_status_to_string (change->status));
      g_assert_cmpstr (change->user, ==, ssa_db_get_user_name (f->db));
      /* Stored to the second: compared to the second. */
      g_assert_cmpint (g_date_time_to_unix (change->changed_at), >=,
                       g_date_time_to_unix (since));
      g_assert_cmpint (g_date_time_to_unix (change->changed_at), <=,
                       g_date_time_to_unix (now));
      if (change->status == SSA_OFFER_STATUS_SUPERSEDED ||
          change->status == SSA_OFFER_STATUS_REVISED)
        g_assert_cmpstr (change->caused_by, ==, caused_by);
      else
        g_assert_null (change->caused_by);
    }
  g_assert_cmpstr (statuses->str, ==, expected);
}

/* The register's state machine on a real file: accepting one offer supersedes the
 * installation's other open offers (drafts and sent ones) and no one else's; revising
 * marks the open revisions `revised`; each change is kept with its time and user, and the
 * history is never changed; the open offers by installation are what the renewal batch
 * skips. */

/* Three offers for Bergen and one for Trondheim, made after @since. */
typedef struct
{
  GDateTime  *since;
  gint64      bergen;
  gint64      trondheim;
  SsaDbOffer *o1;
  SsaDbOffer *o2;
  SsaDbOffer *o3;
  SsaDbOffer *o4;
} Register;

static void
register_clear (Register *r)
{
  g_clear_pointer (&r->since, g_date_time_unref);
  g_clear_pointer (&r->o1, ssa_db_offer_free);
  g_clear_pointer (&r->o2, ssa_db_offer_free);
  g_clear_pointer (&r->o3, ssa_db_offer_free);
  g_clear_pointer (&r->o4, ssa_db_offer_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Register, register_clear)

static void
register_set_up (Fixture  *f,
                 Register *r)
{
  r->since = g_date_time_new_now_utc ();
  r->bergen = import_sample (f, "renewal-in-time.json");
  r->trondheim = import_sample (f, "lapsed.json");
  r->o1 = create_offer (f, r->bergen, "2026-11-28", "2026-11-28");
  r->o2 = create_offer (f, r->bergen, "2026-11-28", "2026-11-28");
  r->o3 = create_offer (f, r->bergen, "2026-11-28", "2026-11-28");
  r->o4 = create_offer (f, r->trondheim, "2026-11-28", "2026-11-28");
}

/* Bergen's first two offers sent, and the second accepted. */
static void
register_accept_o2 (Fixture  *f,
                    Register *r)
{
  set_status (f, r->o1->number, SSA_OFFER_STATUS_SENT, "2026-11-28");
  set_status (f, r->o2->number, SSA_OFFER_STATUS_SENT, "2026-11-28");
  set_status (f, r->o2->number, SSA_OFFER_STATUS_ACCEPTED, "2026-11-30");
}

/* Trondheim's offer revised; returns the revision. */
static SsaDbOffer *
register_revise_o4 (Fixture  *f,
                    Register *r)
{
  g_autoptr(GError) error = NULL;
  SsaOfferRequest request;
  GDate day = test_date ("2026-11-30");
  SsaDbOffer *r2;

  ssa_offer_request_init (&request);
  request.today = test_date ("2026-11-30");
  r2 = ssa_db_revise_offer (f->db, r->o4->number, &request, &day, 0, NULL, &error);
  g_assert_no_error (error);
  return r2;
}

/* A new offer's history is its creation; the open offers by installation are the newest
 * of each. */
static void
test_offer_register (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Register) r = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) open = NULL;
  GDate day = test_date ("2026-11-30");
  GDate late = test_date ("2027-02-01");
  SsaDbOffer *o1, *o3;
  SsaDbOffer *found;
  GDateTime *since;
  gint64 bergen;

  register_set_up (f, &r);
  o1 = r.o1;
  o3 = r.o3;
  since = r.since;
  bergen = r.bergen;
  g_assert_cmpuint (o1->history->len, ==, 1);
  assert_history (f, o1->number, since, "draft", NULL);

  /* Open offers by installation: the newest of each. */
  open = ssa_db_list_open_offers (f->db, &day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (open), ==, 2);
  found = g_hash_table_lookup (open, &bergen);
  g_assert_cmpstr (found != NULL ? found->number : NULL, ==, o3->number);
  g_clear_pointer (&open, g_hash_table_unref);
  /* …and none once their validity has ended. */
  open = ssa_db_list_open_offers (f->db, &late, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (open), ==, 0);
  g_clear_pointer (&open, g_hash_table_unref);
}

/* What applies, and in words why not. */
static void
test_offer_register_can_set_status (Fixture       *f,
                                    gconstpointer  data)
{
  g_auto(Register) r = { 0, };
  g_autofree char *why = NULL;
  GDate day = test_date ("2026-11-30");
  SsaDbOffer *o1, *o2, *o3;

  register_set_up (f, &r);
  o1 = r.o1;
  o2 = r.o2;
  o3 = r.o3;
  set_status (f, o1->number, SSA_OFFER_STATUS_SENT, "2026-11-28");
  set_status (f, o2->number, SSA_OFFER_STATUS_SENT, "2026-11-28");

  g_assert_false (ssa_db_offer_can_set_status (o3, SSA_OFFER_STATUS_ACCEPTED, &day, &why));
  g_assert_nonnull (strstr (why, "mark it as sent"));
  g_clear_pointer (&why, g_free);
  g_assert_true (ssa_db_offer_can_set_status (o3, SSA_OFFER_STATUS_SENT, &day, &why));
  g_assert_null (why);
}

static void
test_offer_register_accept_supersedes (Fixture       *f,
                                       gconstpointer  data)
{
  g_auto(Register) r = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  SsaDbOffer *o1, *o2, *o3, *o4;
  GDateTime *since;

  register_set_up (f, &r);
  o1 = r.o1;
  o2 = r.o2;
  o3 = r.o3;
  o4 = r.o4;
  since = r.since;
  register_accept_o2 (f, &r);
  g_assert_cmpint (stored_status (f, o1->number), ==, SSA_OFFER_STATUS_SUPERSEDED);
  g_assert_cmpint (stored_status (f, o2->number), ==, SSA_OFFER_STATUS_ACCEPTED);
  g_assert_cmpint (stored_status (f, o3->number), ==, SSA_OFFER_STATUS_SUPERSEDED);
  g_assert_cmpint (stored_status (f, o4->number), ==, SSA_OFFER_STATUS_DRAFT);
  inventory = ssa_db_load_inventory (f->db, r.bergen, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_date_compare (&inventory->ssa_expiry, &o2->period_end), ==, 0);

  assert_history (f, o1->number, since, "draft,sent,superseded", o2->number);
  assert_history (f, o2->number, since, "draft,sent,accepted", NULL);
  assert_history (f, o3->number, since, "draft,superseded", o2->number);
  assert_history (f, o4->number, since, "draft", NULL);
}

/* Superseded is final, said in words that name no command. */
static void
test_offer_register_superseded_final (Fixture       *f,
                                      gconstpointer  data)
{
  g_auto(Register) r = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *why = NULL;
  GDate day = test_date ("2026-11-30");
  SsaDbOffer *o1, *o3;

  register_set_up (f, &r);
  o1 = r.o1;
  o3 = r.o3;
  register_accept_o2 (f, &r);
  assert_status_refused (f, o1->number, SSA_OFFER_STATUS_ACCEPTED, "2026-11-30", "superseded");
  assert_status_refused (f, o3->number, SSA_OFFER_STATUS_SENT, "2026-11-30", "final");
  {
    g_autoptr(SsaDbOffer) loaded = ssa_db_load_offer (f->db, o1->number, &error);
    SsaOfferStatus statuses[] = { SSA_OFFER_STATUS_SENT, SSA_OFFER_STATUS_ACCEPTED,
                                  SSA_OFFER_STATUS_DECLINED };

    for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
      {
        g_assert_false (ssa_db_offer_can_set_status (loaded, statuses[i], &day, &why));
        g_assert_null (strstr (why, "ssa-desk-cli"));
        g_assert_null (strstr (why, "offer revise"));
        g_clear_pointer (&why, g_free);
      }
  }
}

/* Revising an open offer marks it revised; the revision is the installation's open one. */
static void
test_offer_register_revise (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(Register) r = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDbOffer) r2 = NULL;
  g_autoptr(GHashTable) open = NULL;
  GDate day = test_date ("2026-11-30");
  SsaDbOffer *o4;
  SsaDbOffer *found;
  GDateTime *since;
  gint64 trondheim;

  register_set_up (f, &r);
  o4 = r.o4;
  since = r.since;
  trondheim = r.trondheim;
  register_accept_o2 (f, &r);
  r2 = register_revise_o4 (f, &r);
  g_assert_cmpint (stored_status (f, o4->number), ==, SSA_OFFER_STATUS_REVISED);
  assert_history (f, o4->number, since, "draft,revised", r2->number);
  assert_history (f, r2->number, since, "draft", NULL);
  open = ssa_db_list_open_offers (f->db, &day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (open), ==, 1);
  found = g_hash_table_lookup (open, &trondheim);
  g_assert_cmpstr (found != NULL ? found->number : NULL, ==, r2->number);
}

/* The list carries the history, and the file keeps one row a change, never changed. */
static void
test_offer_register_history_kept (Fixture       *f,
                                  gconstpointer  data)
{
  g_auto(Register) r = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDbOffer) r2 = NULL;
  g_autoptr(GPtrArray) listed = NULL;

  register_set_up (f, &r);
  register_accept_o2 (f, &r);
  r2 = register_revise_o4 (f, &r);
  listed = ssa_db_list_offers (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 5);
  g_assert_cmpuint (((SsaDbOffer *) g_ptr_array_index (listed, 0))->history->len, ==, 3);

  /* On the file: one row a change (5 drafts, 2 sent, 1 accepted, 2 superseded, 1 revised),
   * and the record is never changed. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM offer_status_changes"), ==,
                   5 + 2 + 1 + 2 + 1);
  g_assert_cmpint (raw_exec (f->path, "UPDATE offer_status_changes SET status = 'sent'"), !=,
                   SQLITE_OK);
  g_assert_cmpint (raw_exec (f->path, "DELETE FROM offer_status_changes"), !=, SQLITE_OK);
  g_assert_cmpint (raw_exec (f->path, "UPDATE offers SET status = 'expired'"), !=, SQLITE_OK);
}

/* A co-term offer stored: its request keeps "co_term", so a revision tops up again, and it
 * equals the offer stored with the expiry as its end date. */
static void
test_offer_co_term_stored (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = import_sample (f, "co-terming.json");
  g_autoptr(SsaDbOffer) co_term = NULL;
  g_autoptr(SsaDbOffer) end = NULL;
  g_autoptr(SsaDbOffer) revision = NULL;
  g_autoptr(SsaOffer) a = NULL;
  g_autoptr(SsaOffer) b = NULL;
  g_autofree char *a_json = NULL;
  g_autofree char *b_json = NULL;
  SsaOfferRequest request;
  SsaOfferRequest stored;
  GDate day = test_date ("2027-04-01");

  ssa_offer_request_init (&request);
  request.today = day;
  request.end_kind = SSA_OFFER_END_CO_TERM;
  co_term = ssa_db_create_offer (f->db, id, &request, &day, 0, &a, &error);
  g_assert_no_error (error);
  request.end_kind = SSA_OFFER_END_DATE;
  request.end = test_date ("2027-12-31");
  end = ssa_db_create_offer (f->db, id, &request, &day, 0, &b, &error);
  g_assert_no_error (error);

  a_json = ssa_offer_to_json (a);
  b_json = ssa_offer_to_json (b);
  g_assert_cmpstr (a_json, ==, b_json);
  g_assert_cmpint (co_term->total, ==, end->total);
  test_assert_date (&co_term->period_end, "2027-12-31");

  g_assert_true (ssa_db_offer_get_request (co_term, &stored, &error));
  g_assert_cmpint (stored.end_kind, ==, SSA_OFFER_END_CO_TERM);
  revision = ssa_db_revise_offer (f->db, co_term->number, &stored, &day, 0, NULL, &error);
  g_assert_no_error (error);
  test_assert_date (&revision->period_end, "2027-12-31");
  g_assert_cmpint (revision->total, ==, co_term->total);
}

/* A stored request of another shape (a damaged or edited database) is refused in words,
 * never read half or complained about by json-glib. Found by fuzzing (fuzz-offer-request):
 * members of the wrong type reached json-glib's getters, which print a critical, and 1.5
 * or 4294967297 months were read as 1. */
static void
test_offer_request_damaged (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const damaged[] = {
    "{\"months\": []}",
    "{\"months\": 1.5}",
    "{\"months\": 4294967297}",
    "{\"months\": \"12\"}",
    "{\"start\": []}",
    "{\"today\": {}}",
    "{\"end\": 20261231}",
    "{\"billing\": []}",
    "{\"billing\": 3}",
    "{\"billing\": null}",
    "{\"discount_percent\": {}}",
    "{\"lang\": []}",
    "{\"lang\": \"de\"}",
    "[]",
    "",
    "{}{\"months\": 12}",
    "{\"months\": 12 /* a comment */}",
  };
  gint64 id = import_sample (f, "renewal-in-time.json");
  g_autoptr(SsaDbOffer) created = create_offer (f, id, "2026-11-28", "2026-11-28");
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autoptr(GError) error = NULL;
  SsaOfferRequest request;

  offer = ssa_db_load_offer (f->db, created->number, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_db_offer_get_request (offer, &request, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_free (offer->request);
      offer->request = g_strdup (damaged[i]);
      g_assert_false (ssa_db_offer_get_request (offer, &request, &error));
      g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE);
      g_assert_nonnull (strstr (error->message, offer->number));
      g_clear_error (&error);
    }

  /* The shapes that SSA Desk writes still read. */
  g_free (offer->request);
  offer->request = g_strdup ("{\"months\": 24, \"billing\": \"quarterly\", "
                             "\"discount_percent\": \"5.00\"}");
  g_assert_true (ssa_db_offer_get_request (offer, &request, &error));
  g_assert_no_error (error);
  g_assert_cmpint (request.end_kind, ==, SSA_OFFER_END_MONTHS);
  g_assert_cmpint (request.months, ==, 24);
  g_assert_cmpint (request.billing, ==, SSA_BILLING_QUARTERLY);
  g_assert_cmpint (request.discount_percent, ==, 500);
}

static SsaLicence *
licence_at (SsaInstallation *installation,
            guint            position)
{
  return g_list_model_get_item (ssa_installation_get_licences (installation), position);
}

static void
test_offer_accept_lapsed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = import_sample (f, "lapsed.json");
  g_autoptr(SsaDbOffer) offer = create_offer (f, id, "2026-11-28", "2026-11-28");
  g_autoptr(SsaDbOffer) next = NULL;
  g_autoptr(SsaInstallation) installation = NULL;
  g_autofree char *snapshot = g_strdup (offer->snapshot);
  GListModel *licences;

  test_assert_date (&offer->period_end, "2027-11-27");
  set_status (f, offer->number, SSA_OFFER_STATUS_SENT, "2026-11-28");
  set_status (f, offer->number, SSA_OFFER_STATUS_ACCEPTED, "2026-12-01");

  installation = ssa_db_load_installation (f->db, id, &error);
  g_assert_no_error (error);
  test_assert_date (ssa_installation_get_ssa_expiry (installation), "2027-11-27");
  licences = ssa_installation_get_licences (installation);
  for (guint i = 0; i < g_list_model_get_n_items (licences); i++)
    {
      g_autoptr(SsaLicence) licence = licence_at (installation, i);

      g_assert_null (ssa_licence_get_covered_until (licence));
    }

  /* The offer itself did not change; the next one starts where it ended. */
  g_clear_pointer (&offer, ssa_db_offer_free);
  offer = ssa_db_load_offer (f->db, "2026-0001", &error);
  g_assert_cmpstr (offer->snapshot, ==, snapshot);
  next = create_offer (f, id, "2026-12-01", "2026-12-01");
  test_assert_date (&next->period_start, "2027-11-28");
  g_assert_null (strstr (next->snapshot, "\"segment\" : \"backpay\""));
}

/* An offer with alternatives is accepted as one of them: its end becomes the SSA's, what
 * was chosen is kept with the offer and in its history, and a revision keeps them. */
static void
test_offer_accept_alternative (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = import_sample (f, "lapsed.json");
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autoptr(SsaDbOffer) revision = NULL;
  g_autoptr(SsaDbOffer) accepted = NULL;
  g_autoptr(SsaOffer) computed = NULL;
  g_autoptr(SsaInstallation) installation = NULL;
  SsaOfferRequest request;
  SsaOfferRequest stored;
  GDate day = test_date ("2026-11-28");
  const SsaDbOfferStatusChange *last;

  ssa_offer_request_init (&request);
  request.today = day;
  g_assert_true (ssa_offer_alternative_parse ("months=36,billing=quarterly",
                                              &request.alternatives[0], NULL));
  g_assert_true (ssa_offer_alternative_parse ("end=2029-12-31", &request.alternatives[1], NULL));
  request.n_alternatives = 2;
  offer = ssa_db_create_offer (f->db, id, &request, &day, 0, &computed, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offer->n_alternatives, ==, 3);
  g_assert_cmpuint (ssa_offer_get_n_alternatives (computed), ==, 3);
  g_assert_nonnull (strstr (offer->snapshot, "\"alternatives\""));
  g_assert_true (ssa_db_offer_get_request (offer, &stored, &error));
  g_assert_cmpuint (stored.n_alternatives, ==, 2);
  g_assert_cmpint (stored.alternatives[0].months, ==, 36);
  test_assert_date (&stored.alternatives[1].end, "2029-12-31");

  set_status (f, offer->number, SSA_OFFER_STATUS_SENT, "2026-11-28");

  /* Without a choice, and with one the offer does not have: refused, nothing changed. */
  g_assert_false (ssa_db_set_offer_status (f->db, offer->number, SSA_OFFER_STATUS_ACCEPTED,
                                           &day, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "choose"));
  g_clear_error (&error);
  g_assert_false (ssa_db_accept_offer (f->db, offer->number, 4, &day, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "4"));
  g_clear_error (&error);
  g_assert_cmpint (stored_status (f, offer->number), ==, SSA_OFFER_STATUS_SENT);

  /* The revision asks the same alternatives again. */
  revision = ssa_db_revise_offer (f->db, offer->number, &stored, &day, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revision->n_alternatives, ==, 3);
  set_status (f, revision->number, SSA_OFFER_STATUS_SENT, "2026-11-28");

  g_assert_true (ssa_db_accept_offer (f->db, revision->number, 2, &day, &error));
  g_assert_no_error (error);
  installation = ssa_db_load_installation (f->db, id, &error);
  g_assert_no_error (error);
  /* Alternative 2: 36 months from 2026-11-28. */
  test_assert_date (&ssa_offer_get_alternative (computed, 2)->end, "2029-11-27");
  test_assert_date (ssa_installation_get_ssa_expiry (installation), "2029-11-27");

  accepted = ssa_db_load_offer (f->db, revision->number, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (accepted->accepted_alternative, ==, 2);
  last = g_ptr_array_index (accepted->history, accepted->history->len - 1);
  g_assert_cmpint (last->status, ==, SSA_OFFER_STATUS_ACCEPTED);
  g_assert_cmpuint (last->alternative, ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT accepted_alternative FROM offers "
                                     "WHERE number = '2026-0001-R2'"), ==, 2);
}

static void
test_offer_accept_coterming (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = import_sample (f, "co-terming.json");
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autoptr(SsaInventory) before = NULL;
  g_autoptr(SsaInventory) after = NULL;
  SsaOfferRequest request;
  GDate day = test_date ("2026-11-28");

  before = ssa_db_load_inventory (f->db, id, NULL, &error);
  g_assert_no_error (error);

  /* Six months only, ending before the installation's SSA (2027-12-31). */
  ssa_offer_request_init (&request);
  request.today = day;
  request.end_kind = SSA_OFFER_END_DATE;
  request.end = test_date ("2027-06-30");
  offer = ssa_db_create_offer (f->db, id, &request, &day, 0, NULL, &error);
  g_assert_no_error (error);
  set_status (f, offer->number, SSA_OFFER_STATUS_SENT, "2026-11-28");
  set_status (f, offer->number, SSA_OFFER_STATUS_ACCEPTED, "2026-11-28");

  after = ssa_db_load_inventory (f->db, id, NULL, &error);
  g_assert_no_error (error);
  test_assert_date (&after->ssa_expiry, "2027-06-30");
  g_assert_cmpuint (after->lines->len, ==, before->lines->len);
  for (guint i = 0; i < after->lines->len; i++)
    {
      const SsaInventoryLine *b = &g_array_index (before->lines, SsaInventoryLine, i);
      const SsaInventoryLine *a = &g_array_index (after->lines, SsaInventoryLine, i);
      g_autofree char *label = g_strdup_printf ("line %u (%s)", i, b->code);

      g_test_message ("%s", label);
      if (ssa_date_is_set (&b->added_on))
        /* Paid for (mobility from 2027-01-01, the new ports from 2027-03-15): covered until
         * the offer's end, kept in covered_until since added_on would end it earlier. */
        test_assert_date (&a->covered_until, "2027-06-30");
      else if (g_str_has_prefix (b->code, "01-"))
        /* Hardware: not the SSA's business. */
        g_assert_false (ssa_date_is_set (&a->covered_until));
      else
        /* Covered lines the offer did not pay for keep their coverage, 2027-12-31. */
        test_assert_date (&a->covered_until, "2027-12-31");
      if (ssa_date_is_set (&b->added_on))
        {
          g_autofree char *added_on = ssa_date_to_iso (&b->added_on);

          test_assert_date (&a->added_on, added_on);
        }
      else
        g_assert_false (ssa_date_is_set (&a->added_on));
      g_assert_cmpint (a->quantity, ==, b->quantity);
    }
}

/* The profile. */

static void
test_profile (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaProfile) profile = ssa_db_load_profile (f->db, &error);
  g_autoptr(SsaProfile) loaded = NULL;
  static const guchar png[] = { 0x89, 'P', 'N', 'G', 0, 1, 2, 3 };

  g_assert_no_error (error);
  g_assert_cmpint (profile->default_validity_days, ==, 30);
  g_assert_null (profile->company_name);
  g_assert_false (profile->has_default_labour_rate);

  profile->company_name = g_strdup ("Nordlys Telekom AS");
  profile->org_no = g_strdup ("988077917");
  profile->vat_registered = TRUE;
  profile->foretaksregisteret = TRUE;
  profile->phone = g_strdup ("+47 22 00 00 00");
  profile->payment_terms = g_strdup ("14 dager netto");
  profile->default_validity_days = 14;
  profile->has_default_labour_rate = TRUE;
  profile->default_labour_rate = 115000;
  profile->logo = g_bytes_new_static (png, sizeof png);
  profile->logo_mime_type = g_strdup ("image/png");
  g_assert_true (ssa_db_save_profile (f->db, profile, &error));
  g_assert_no_error (error);

  loaded = ssa_db_load_profile (f->db, &error);
  g_assert_cmpstr (loaded->company_name, ==, "Nordlys Telekom AS");
  g_assert_true (loaded->vat_registered && loaded->foretaksregisteret);
  g_assert_cmpint (loaded->default_labour_rate, ==, 115000);
  g_assert_cmpint (loaded->default_validity_days, ==, 14);
  g_assert_true (g_bytes_equal (loaded->logo, profile->logo));
  g_assert_cmpstr (loaded->logo_mime_type, ==, "image/png");
  g_clear_pointer (&loaded, ssa_profile_free);

  /* Offers are valid for the profile's days. */
  {
    gint64 id = import_sample (f, "renewal-in-time.json");
    g_autoptr(SsaDbOffer) offer = create_offer (f, id, "2026-11-28", "2026-11-28");

    test_assert_date (&offer->valid_until, "2026-12-12");
  }

  g_free (profile->org_no);
  profile->org_no = g_strdup ("123456789");
  profile->default_validity_days = 0;
  g_assert_false (ssa_db_save_profile (f->db, profile, &error));
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "org_no"));
  g_assert_nonnull (strstr (error->message, "default_validity_days"));
  g_clear_error (&error);
  loaded = ssa_db_load_profile (f->db, &error);
  g_assert_cmpstr (loaded->org_no, ==, "988077917");
}

/* Validity: the days the builder chose, or the profile's default for 0. The profile's
 * default is set to 21 days so that neither 30 (the schema's default) nor a chosen
 * validity can pass for it. */

static void
set_profile_validity (Fixture *f,
                      int      days)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaProfile) profile = ssa_db_load_profile (f->db, &error);

  g_assert_no_error (error);
  profile->default_validity_days = days;
  g_assert_true (ssa_db_save_profile (f->db, profile, &error));
  g_assert_no_error (error);
}

/* Asserts that @number is stored valid for @days from its date: as this connection reads
 * it, and as a second connection reads the file. */
static void
assert_valid_for (Fixture    *f,
                  const char *number,
                  int         days)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDbOffer) offer = ssa_db_load_offer (f->db, number, &error);
  g_autofree char *sql = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *expected = NULL;
  GDate until;

  g_assert_no_error (error);
  ssa_date_add_days (&offer->created, days, &until);
  expected = ssa_date_to_iso (&until);
  test_assert_date (&offer->valid_until, expected);
  g_assert_cmpint (g_date_days_between (&offer->created, &offer->valid_until), ==, days);

  sql = g_strdup_printf ("SELECT valid_until FROM offers WHERE number = '%s'", number);
  stored = raw_text (f->path, sql);
  g_assert_cmpstr (stored, ==, expected);
}

static void
test_offer_validity_chosen (Fixture       *f,
                            gconstpointer  data)
{
  gint64 id = import_sample (f, "renewal-in-time.json");
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autoptr(SsaDbOffer) longest = NULL;

  set_profile_validity (f, 21);
  offer = create_offer_valid_for (f, id, "2026-11-28", "2026-11-28", 45);
  test_assert_date (&offer->created, "2026-11-28");
  test_assert_date (&offer->valid_until, "2027-01-12");
  assert_valid_for (f, offer->number, 45);

  /* The longest the builder offers is stored too. */
  longest = create_offer_valid_for (f, id, "2026-11-28", "2026-11-28", 365);
  test_assert_date (&longest->valid_until, "2027-11-28");
  assert_valid_for (f, longest->number, 365);
}

static void
test_offer_validity_default (Fixture       *f,
                             gconstpointer  data)
{
  gint64 id = import_sample (f, "renewal-in-time.json");
  g_autoptr(SsaDbOffer) offer = NULL;

  set_profile_validity (f, 21);
  offer = create_offer_valid_for (f, id, "2026-11-28", "2026-11-28", 0);
  test_assert_date (&offer->valid_until, "2026-12-19");
  assert_valid_for (f, offer->number, 21);
}

static void
test_offer_validity_revise (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = import_sample (f, "renewal-in-time.json");
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autoptr(SsaDbOffer) r2 = NULL;
  g_autoptr(SsaDbOffer) r3 = NULL;
  SsaOfferRequest request;
  GDate day = test_date ("2026-12-01");

  set_profile_validity (f, 21);
  offer = create_offer_valid_for (f, id, "2026-11-28", "2026-11-28", 45);

  /* A revision is valid for its own days from its own date... */
  ssa_offer_request_init (&request);
  request.today = test_date ("2026-11-28");
  r2 = ssa_db_revise_offer (f->db, offer->number, &request, &day, 60, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r2->number, ==, "2026-0001-R2");
  test_assert_date (&r2->valid_until, "2027-01-30");
  assert_valid_for (f, r2->number, 60);

  /* ...or for the profile's default, not the revised offer's days. */
  r3 = ssa_db_revise_offer (f->db, r2->number, &request, &day, 0, NULL, &error);
  g_assert_no_error (error);
  assert_valid_for (f, r3->number, 21);

  /* The revised offers keep theirs. */
  assert_valid_for (f, offer->number, 45);
  assert_valid_for (f, r2->number, 60);
}

static void
test_offer_validity_refused (Fixture       *f,
                             gconstpointer  data)
{
  static const guint refused[] = { SSA_PROFILE_MAX_VALIDITY_DAYS + 1, 3650, G_MAXUINT };
  gint64 id = import_sample (f, "renewal-in-time.json");
  g_autoptr(SsaDbOffer) offer = create_offer_valid_for (f, id, "2026-11-28", "2026-11-28", 45);
  SsaOfferRequest request;
  GDate day = test_date ("2026-11-28");

  ssa_offer_request_init (&request);
  request.today = day;
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SsaOffer) computed = NULL;
      g_autofree char *days = g_strdup_printf ("%u", refused[i]);

      g_assert_null (ssa_db_create_offer (f->db, id, &request, &day, refused[i], &computed,
                                          &error));
      g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, days));
      g_assert_null (computed);
      g_clear_error (&error);

      g_assert_null (ssa_db_revise_offer (f->db, offer->number, &request, &day, refused[i],
                                          &computed, &error));
      g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
      g_assert_null (computed);
    }

  /* Nothing stored, and no number taken: the next offer is the second. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM offers"), ==, 1);
  {
    g_autoptr(SsaDbOffer) next = create_offer (f, id, "2026-11-28", "2026-11-28");

    g_assert_cmpstr (next->number, ==, "2026-0002");
  }
}

/* Limits: at most SSA_LIMIT_MAX_LICENCE_LINES per installation however they come (an
 * installation file, a CSV list replacing or appended, one line from the window), refused
 * before anything is stored; an offer whose period would end after 9999-12-31 is refused
 * in words, not by the schema's CHECK. */

static SsaInventory *
inventory_of_n_lines (guint n_lines)
{
  SsaInventory *inventory = sample ("renewal-in-time.json");
  SsaInventoryLine line = { 0, };

  g_date_clear (&line.added_on, 1);
  g_date_clear (&line.covered_until, 1);
  line.code = (char *) "02-00039-002";
  line.quantity = 1;
  g_array_set_size (inventory->lines, 0);
  for (guint i = 0; i < n_lines; i++)
    ssa_inventory_add_line (inventory, &line);
  return inventory;
}

static void
test_limits_lines (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) too_many = inventory_of_n_lines (SSA_LIMIT_MAX_LICENCE_LINES + 1);
  g_autoptr(SsaInventory) at_limit = inventory_of_n_lines (SSA_LIMIT_MAX_LICENCE_LINES);
  g_autoptr(SsaInventory) one_line = inventory_of_n_lines (1);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(SsaLicence) one_more = licence_new ("02-00039-101", 1);
  const char *name = "big.json";
  gint64 id = 0;

  g_assert_false (ssa_db_import_inventories (f->db, &too_many, &name, 1, &id, &error));
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "10001 licence lines"));
  g_assert_nonnull (strstr (error->message, "10000"));
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM installations"), ==, 0);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM licences"), ==, 0);

  /* At the limit: stored; then not one more line, whichever way it comes. */
  g_assert_true (ssa_db_import_inventories (f->db, &at_limit, &name, 1, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_where (f, "licences", "installation_id", id), ==,
                   SSA_LIMIT_MAX_LICENCE_LINES);

  g_assert_false (ssa_db_insert_licence (f->db, id, one_more, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "10001 licence lines"));
  g_clear_error (&error);
  g_assert_cmpint (ssa_licence_get_id (one_more), ==, 0);

  ids = ssa_db_replace_licences (f->db, id, too_many->lines, FALSE, &error);
  g_assert_null (ids);
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_clear_error (&error);
  ids = ssa_db_replace_licences (f->db, id, one_line->lines, TRUE, &error);
  g_assert_null (ids);
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_cmpint (count_where (f, "licences", "installation_id", id), ==,
                   SSA_LIMIT_MAX_LICENCE_LINES);

  /* Replacing the lines with as many is fine. */
  ids = ssa_db_replace_licences (f->db, id, at_limit->lines, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, SSA_LIMIT_MAX_LICENCE_LINES);
}

static void
test_limits_period (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaOffer) computed = NULL;
  gint64 id = import_sample (f, "renewal-in-time.json");
  SsaOfferRequest request;
  GDate day = test_date ("2026-11-28");

  ssa_offer_request_init (&request);
  request.today = test_date ("9999-12-31");
  g_assert_null (ssa_db_create_offer (f->db, id, &request, &day, 0, &computed, &error));
  g_assert_error (error, SSA_ERROR, SSA_ERROR_REQUEST);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (error->message, ==,
                   "period: the end of the offer’s period would be in the year 10000: SSA "
                   "Desk takes dates from 1900-01-01 to 9999-12-31");
  g_assert_null (computed);
  g_clear_error (&error);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM offers"), ==, 0);

  /* The last day itself is a period of one day. */
  request.end_kind = SSA_OFFER_END_DATE;
  request.end = test_date ("9999-12-31");
  {
    g_autoptr(SsaDbOffer) offer = ssa_db_create_offer (f->db, id, &request, &day, 0, NULL,
                                                       &error);

    g_assert_no_error (error);
    test_assert_date (&offer->period_end, "9999-12-31");
  }
}

/* The seller and the language are stored with each offer, as the profile stood then. */
static void
test_offer_seller (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaProfile) profile = ssa_db_load_profile (f->db, &error);
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autoptr(SsaDbOffer) later = NULL;
  g_autoptr(GBytes) logo = NULL;
  static const guchar png[] = { 0x89, 'P', 'N', 'G', 0, 1, 2, 3 };
  gint64 id = import_sample (f, "renewal-in-time.json");
  SsaOfferRequest request;
  SsaOfferRequest stored_request;
  GDate day = test_date ("2026-11-28");

  profile->company_name = g_strdup ("Nordlys Telekom AS");
  profile->org_no = g_strdup ("988077917");
  profile->vat_registered = TRUE;
  profile->address = g_strdup ("Storgata 1\n0155 Oslo");
  profile->payment_terms = g_strdup ("14 dager netto");
  profile->logo = g_bytes_new_static (png, sizeof png);
  profile->logo_mime_type = g_strdup ("image/png");
  g_assert_true (ssa_db_save_profile (f->db, profile, &error));
  g_assert_no_error (error);

  ssa_offer_request_init (&request);
  request.today = day;
  request.lang = SSA_LANG_EN;
  offer = ssa_db_create_offer (f->db, id, &request, &day, 0, NULL, &error);
  g_assert_no_error (error);

  /* The profile changes, and its logo goes: the stored offer keeps what it had. */
  g_free (profile->company_name);
  profile->company_name = g_strdup ("Nytt Navn AS");
  g_clear_pointer (&profile->logo, g_bytes_unref);
  g_assert_true (ssa_db_save_profile (f->db, profile, &error));
  g_assert_no_error (error);

  later = ssa_db_load_offer (f->db, offer->number, &error);
  g_assert_no_error (error);
  g_assert_nonnull (later->seller);
  g_assert_cmpstr (later->seller->company_name, ==, "Nordlys Telekom AS");
  g_assert_cmpstr (later->seller->org_no, ==, "988077917");
  g_assert_true (later->seller->vat_registered);
  g_assert_false (later->seller->foretaksregisteret);
  g_assert_cmpstr (later->seller->address, ==, "Storgata 1\n0155 Oslo");
  g_assert_cmpstr (later->seller->payment_terms, ==, "14 dager netto");
  g_assert_null (later->seller->phone);
  logo = g_bytes_new_static (png, sizeof png);
  g_assert_true (g_bytes_equal (later->seller->logo, logo));
  g_assert_cmpstr (later->seller->logo_mime_type, ==, "image/png");
  g_assert_true (ssa_db_offer_get_request (later, &stored_request, &error));
  g_assert_cmpint (stored_request.lang, ==, SSA_LANG_EN);

  /* Lists leave it out; SQL cannot change it. */
  {
    g_autoptr(GPtrArray) offers = ssa_db_list_offers (f->db, &error);

    g_assert_no_error (error);
    g_assert_null (((SsaDbOffer *) g_ptr_array_index (offers, 0))->seller);
  }
  g_assert_cmpint (raw_exec (f->path, "UPDATE offers SET seller = NULL"), !=, SQLITE_OK);
  g_assert_cmpint (raw_exec (f->path, "UPDATE offers SET seller_logo = NULL"), !=, SQLITE_OK);
  g_assert_cmpint (raw_int (f->path, "SELECT length(seller_logo) FROM offers"), ==, sizeof png);
}

/* Backup while another connection writes. */

typedef struct
{
  char         *path;
  volatile gint stop;
  guint         n_written;
} Writer;

static gpointer
writer_thread (gpointer data)
{
  Writer *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (writer->path, SSA_DB_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  while (!g_atomic_int_get (&writer->stop))
    {
      g_autoptr(SsaInventory) inventory = sample ("lapsed.json");
      g_autofree char *serial = g_strdup_printf ("serial-%u", writer->n_written);
      gint64 id;

      g_free (inventory->serial);
      inventory->serial = g_steal_pointer (&serial);
      g_assert_true (ssa_db_import_inventories (db, &inventory, NULL, 1, &id, &error));
      g_assert_no_error (error);
      writer->n_written++;
    }
  return NULL;
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  Writer writer = { f->path, 0, 0 };
  g_autoptr(SsaInventory) lapsed = sample ("lapsed.json");
  gint64 lines_per = lapsed->lines->len;
  GThread *thread;
  gint64 previous = -1;

  thread = g_thread_new ("writer", writer_thread, &writer);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *copy = g_build_filename (f->dir, "backup.db", NULL);
      g_autoptr(SsaDb) db = NULL;
      gint64 n;

      g_usleep (20000);
      g_assert_true (ssa_db_backup (f->db, copy, &error));
      g_assert_no_error (error);

      db = ssa_db_open (copy, SSA_DB_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_assert_true (ssa_db_check_integrity (db, &error));
      g_assert_no_error (error);
      n = raw_int (copy, "SELECT count(*) FROM installations");
      /* Each installation is whole: all of its lines came with it. */
      g_assert_cmpint (raw_int (copy, "SELECT count(*) FROM licences"), ==, lines_per * n);
      g_assert_cmpint (n, >=, previous);
      previous = n;
    }
  g_atomic_int_set (&writer.stop, 1);
  g_thread_join (thread);
  g_test_message ("%u installations written during the backups", writer.n_written);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (ssa_db_backup (f->db, f->path, &error));
    g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  }
  {
    /* No temporary file is left behind. */
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, "."));
  }
}

/* Versions and who (schema 8). */

/* Two connections on one file, as two users of a shared database: A reads, B saves, A's
 * save based on what it read is refused naming B; A saves again based on the current
 * version (the window's Overwrite), which succeeds; the versions count up. */
static void
test_versions_conflict (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) b = NULL;
  g_autoptr(SsaCustomer) created = ssa_customer_new ();
  g_autoptr(SsaCustomer) mine = NULL;
  g_autoptr(SsaCustomer) theirs = NULL;
  g_autoptr(SsaCustomer) now = NULL;
  g_autofree char *created_by = NULL;
  g_autofree char *changed_by = NULL;

  ssa_db_set_user_name (f->db, "Anne Andersen");
  b = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  ssa_db_set_user_name (b, "Bjørn Berg");

  ssa_customer_set_name (created, "Fjord AS");
  g_assert_true (ssa_db_insert_customer (f->db, created, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ssa_customer_get_version (created), ==, 1);

  mine = ssa_db_load_customer (f->db, ssa_customer_get_id (created), &error);
  theirs = ssa_db_load_customer (b, ssa_customer_get_id (created), &error);
  g_assert_no_error (error);
  g_assert_cmpint (ssa_customer_get_version (mine), ==, 1);

  ssa_customer_set_contact (theirs, "Bjørn");
  g_assert_true (ssa_db_update_customer (b, theirs, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ssa_customer_get_version (theirs), ==, 2);

  ssa_customer_set_contact (mine, "Anne");
  g_assert_false (ssa_db_update_customer (f->db, mine, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Bjørn Berg changed this customer at "));
  g_assert_nonnull (strstr (error->message, "save again to overwrite"));
  g_assert_cmpint (ssa_customer_get_version (mine), ==, 1);
  g_clear_error (&error);
  /* Nothing of A's was written. */
  now = ssa_db_load_customer (f->db, ssa_customer_get_id (created), &error);
  g_assert_cmpstr (ssa_customer_get_contact (now), ==, "Bjørn");
  g_assert_cmpint (ssa_customer_get_version (now), ==, 2);

  /* Overwrite: based on the current version. */
  ssa_customer_set_version (mine, ssa_customer_get_version (now));
  g_assert_true (ssa_db_update_customer (f->db, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ssa_customer_get_version (mine), ==, 3);
  g_clear_object (&now);
  now = ssa_db_load_customer (b, ssa_customer_get_id (created), &error);
  g_assert_cmpstr (ssa_customer_get_contact (now), ==, "Anne");
  g_assert_cmpint (ssa_customer_get_version (now), ==, 3);

  created_by = raw_text (f->path, "SELECT created_by FROM customers");
  changed_by = raw_text (f->path, "SELECT changed_by FROM customers");
  g_assert_cmpstr (created_by, ==, "Anne Andersen");
  g_assert_cmpstr (changed_by, ==, "Anne Andersen");

  /* B's copy is now the old one: refused in turn, naming A. */
  ssa_customer_set_notes (theirs, "B again");
  g_assert_false (ssa_db_update_customer (b, theirs, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Anne Andersen changed this customer"));
  g_clear_error (&error);

  /* A row that is gone is not found, not a conflict. */
  g_assert_true (ssa_db_delete_customer (b, ssa_customer_get_id (created), &error));
  g_assert_no_error (error);
  g_assert_false (ssa_db_update_customer (f->db, mine, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
}

/* Who a connection records: its own name, else the process's default, else the user's. */
static void
test_versions_who (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *system = g_strdup (ssa_db_get_user_name (f->db));
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();
  g_autofree char *created_by = NULL;

  g_assert_nonnull (system);
  g_assert_cmpstr (system, !=, "");
  if (g_strcmp0 (g_get_real_name (), "Unknown") != 0 && *g_get_real_name () != '\0')
    g_assert_cmpstr (system, ==, g_get_real_name ());
  else
    g_assert_cmpstr (system, ==, g_get_user_name ());

  ssa_db_set_default_user_name ("  Team Kari  ");
  g_assert_cmpstr (ssa_db_get_user_name (f->db), ==, "Team Kari");
  ssa_db_set_user_name (f->db, "Anne");
  g_assert_cmpstr (ssa_db_get_user_name (f->db), ==, "Anne");
  ssa_db_set_user_name (f->db, "");
  g_assert_cmpstr (ssa_db_get_user_name (f->db), ==, "Team Kari");
  ssa_customer_set_name (customer, "Hvem AS");
  g_assert_true (ssa_db_insert_customer (f->db, customer, &error));
  g_assert_no_error (error);
  created_by = raw_text (f->path, "SELECT created_by FROM customers");
  g_assert_cmpstr (created_by, ==, "Team Kari");
  ssa_db_set_default_user_name ("");
  g_assert_cmpstr (ssa_db_get_user_name (f->db), ==, system);
}

/* Installations, licence lines and the profile follow the same rule. */
static void
test_versions_other_rows (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) b = NULL;
  gint64 id = import_sample (f, "renewal-in-time.json");
  g_autoptr(SsaInstallation) mine = NULL;
  g_autoptr(SsaInstallation) theirs = NULL;
  g_autoptr(SsaLicence) my_line = NULL;
  g_autoptr(SsaLicence) their_line = NULL;
  g_autoptr(SsaProfile) my_profile = NULL;
  g_autoptr(SsaProfile) their_profile = NULL;
  g_autofree char *line_by = NULL;
  gint64 line_id = raw_int (f->path, "SELECT min(id) FROM licences");

  ssa_db_set_user_name (f->db, "Anne Andersen");
  b = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  ssa_db_set_user_name (b, "Bjørn Berg");

  mine = ssa_db_load_installation (f->db, id, &error);
  theirs = ssa_db_load_installation (b, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ssa_installation_get_version (mine), ==, 1);
  ssa_installation_set_notes (theirs, "theirs");
  g_assert_true (ssa_db_update_installation (b, theirs, &error));
  g_assert_no_error (error);
  ssa_installation_set_notes (mine, "mine");
  g_assert_false (ssa_db_update_installation (f->db, mine, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Bjørn Berg changed this installation"));
  g_clear_error (&error);
  ssa_installation_set_version (mine, 2);
  g_assert_true (ssa_db_update_installation (f->db, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (ssa_installation_get_version (mine), ==, 3);

  my_line = ssa_db_load_licence (f->db, line_id, &error);
  their_line = ssa_db_load_licence (b, line_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ssa_licence_get_version (my_line), ==, 1);
  ssa_licence_set_quantity (their_line, 7);
  g_assert_true (ssa_db_update_licence (b, their_line, &error));
  g_assert_no_error (error);
  ssa_licence_set_quantity (my_line, 9);
  g_assert_false (ssa_db_update_licence (f->db, my_line, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Bjørn Berg changed this licence line"));
  g_clear_error (&error);
  line_by = raw_text (f->path, "SELECT changed_by FROM licences WHERE id = "
                               "(SELECT min(id) FROM licences)");
  g_assert_cmpstr (line_by, ==, "Bjørn Berg");
  g_assert_cmpint (raw_int (f->path, "SELECT quantity FROM licences WHERE id = "
                                     "(SELECT min(id) FROM licences)"), ==, 7);

  my_profile = ssa_db_load_profile (f->db, &error);
  their_profile = ssa_db_load_profile (b, &error);
  g_assert_no_error (error);
  g_assert_cmpint (my_profile->version, ==, 1);
  their_profile->company_name = g_strdup ("Bjørns AS");
  g_assert_true (ssa_db_save_profile (b, their_profile, &error));
  g_assert_no_error (error);
  my_profile->company_name = g_strdup ("Annes AS");
  g_assert_false (ssa_db_save_profile (f->db, my_profile, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Bjørn Berg changed the profile"));
  g_clear_error (&error);
  my_profile->version = 2;
  g_assert_true (ssa_db_save_profile (f->db, my_profile, &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (f->path, "SELECT version FROM profile"), ==, 3);
}

/* Changes of offers' status, deletions and archiving are in the audit log, with who. */
static void
test_audit_log (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();
  gint64 id = import_sample (f, "renewal-in-time.json");
  gint64 other = import_sample_again (f, "renewal-in-time.json", "0090334455AA");
  g_autoptr(SsaDbOffer) offer = create_offer (f, id, "2026-11-28", "2026-11-28");
  g_autofree char *line_query = g_strdup_printf ("SELECT min(id) FROM licences WHERE "
                                                 "installation_id = %lld", (long long) other);
  gint64 line_id = raw_int (f->path, line_query);
  g_autofree char *line_details = g_strdup_printf ("{\"installation\":%lld}", (long long) other);
  g_autofree char *status_by = NULL;
  const SsaAuditEntry *entry;

  ssa_db_set_user_name (f->db, "Anne Andersen");
  set_status (f, "2026-0001", SSA_OFFER_STATUS_SENT, "2026-11-28");
  status_by = raw_text (f->path, "SELECT user_name FROM offer_status_changes "
                                 "ORDER BY id DESC LIMIT 1");
  g_assert_cmpstr (status_by, ==, "Anne Andersen");
  ssa_db_set_user_name (f->db, "Bjørn Berg");
  g_assert_true (ssa_db_delete_licence (f->db, line_id, &error));
  g_assert_no_error (error);
  g_assert_true (ssa_db_set_installation_archived (f->db, id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (ssa_db_delete_installation (f->db, other, &error));
  g_assert_no_error (error);
  ssa_customer_set_name (customer, "Kortvarig AS");
  g_assert_true (ssa_db_insert_customer (f->db, customer, &error));
  g_assert_true (ssa_db_delete_customer (f->db, ssa_customer_get_id (customer), &error));
  g_assert_no_error (error);
  /* A refused deletion leaves no row. */
  g_assert_false (ssa_db_delete_installation (f->db, id, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  entries = ssa_db_list_audit (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 5);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->action, ==, "status");
  g_assert_cmpstr (entry->subject, ==, "offer");
  g_assert_cmpstr (entry->label, ==, "2026-0001");
  g_assert_cmpstr (entry->who, ==, "Anne Andersen");
  g_assert_cmpstr (entry->details, ==, "{\"status\":\"sent\"}");
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->action, ==, "delete");
  g_assert_cmpstr (entry->subject, ==, "licence");
  g_assert_cmpint (entry->row_id, ==, line_id);
  g_assert_cmpstr (entry->who, ==, "Bjørn Berg");
  g_assert_cmpstr (entry->details, ==, line_details);
  entry = g_ptr_array_index (entries, 2);
  g_assert_cmpstr (entry->action, ==, "archive");
  g_assert_cmpstr (entry->subject, ==, "installation");
  g_assert_cmpint (entry->row_id, ==, id);
  entry = g_ptr_array_index (entries, 3);
  g_assert_cmpstr (entry->action, ==, "delete");
  g_assert_cmpstr (entry->subject, ==, "installation");
  g_assert_cmpint (entry->row_id, ==, other);
  entry = g_ptr_array_index (entries, 4);
  g_assert_cmpstr (entry->action, ==, "delete");
  g_assert_cmpstr (entry->subject, ==, "customer");
  g_assert_cmpstr (entry->label, ==, "Kortvarig AS");
  g_assert_cmpstr (entry->who, ==, "Bjørn Berg");

  /* The log is a record. */
  g_assert_cmpint (raw_exec (f->path, "DELETE FROM audit_log"), !=, SQLITE_OK);
  g_assert_cmpint (raw_exec (f->path, "UPDATE audit_log SET who = 'x'"), !=, SQLITE_OK);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/db/migrate/new", test_migrate_new, "no db");
  ADD ("/db/migrate/earlier", test_migrate_earlier, "no db");
  ADD ("/db/migrate/v1-offers", test_migrate_v1_offers, "no db");
  ADD ("/db/migrate/v9-counts", test_migrate_v9_counts, "no db");
  ADD ("/db/migrate/newer-refused", test_migrate_newer_refused, "no db");
  ADD ("/db/migrate/foreign-refused", test_migrate_foreign_refused, "no db");
  ADD ("/db/debug-log", test_debug_log, "no db");
  ADD ("/db/busy-wait", test_busy_wait, NULL);
  ADD ("/db/busy-gives-up", test_busy_gives_up, NULL);
  ADD ("/db/refusal-messages", test_refusal_messages, NULL);
  ADD ("/db/main-thread-statements", test_main_thread_statements, NULL);
  ADD ("/db/customers", test_customers, NULL);
  ADD ("/db/installations/insert-load", test_installations, NULL);
  ADD ("/db/installations/update", test_installations_update, NULL);
  ADD ("/db/installations/serial-unique", test_installations_serial_unique, NULL);
  ADD ("/db/installations/load-all", test_installations_load_all, NULL);
  ADD ("/db/installations/delete", test_installations_delete, NULL);
  ADD ("/db/import-export", test_import_export, NULL);
  ADD ("/db/lists", test_lists, NULL);
  ADD ("/db/archive", test_archive, NULL);
  ADD ("/db/price-lists", test_price_lists, NULL);
  ADD ("/db/price-lists/same-id-other-content", test_price_list_same_id, NULL);
  ADD ("/db/delete-customer-with-installations/deleted", test_delete_customer_with_installations,
       NULL);
  ADD ("/db/delete-customer-with-installations/refused-with-offers",
       test_delete_customer_refused_with_offers, NULL);
  ADD ("/db/delete-customer-with-installations/writes-on", test_delete_customer_writes_on, NULL);
  ADD ("/db/delete-customer-with-installations/not-there", test_delete_customer_not_there, NULL);
  ADD ("/db/offers/numbers", test_offer_numbers, NULL);
  ADD ("/db/offers/snapshot-immutable", test_offer_snapshot_immutable, NULL);
  ADD ("/db/offers/status/sent", test_offer_status, NULL);
  ADD ("/db/offers/status/accept-true-up", test_offer_accept_true_up, NULL);
  ADD ("/db/offers/status/expired", test_offer_status_expired, NULL);
  ADD ("/db/offers/status/declined", test_offer_status_declined, NULL);
  ADD ("/db/offers/status/revisions", test_offer_status_revisions, NULL);
  ADD ("/db/offers/status/one-accepted", test_offer_status_one_accepted, NULL);
  ADD ("/db/offers/status/not-found", test_offer_status_not_found, NULL);
  ADD ("/db/offers/register/open", test_offer_register, NULL);
  ADD ("/db/offers/register/can-set-status", test_offer_register_can_set_status, NULL);
  ADD ("/db/offers/register/accept-supersedes", test_offer_register_accept_supersedes, NULL);
  ADD ("/db/offers/register/superseded-final", test_offer_register_superseded_final, NULL);
  ADD ("/db/offers/register/revise", test_offer_register_revise, NULL);
  ADD ("/db/offers/register/history-kept", test_offer_register_history_kept, NULL);
  ADD ("/db/offers/co-term-stored", test_offer_co_term_stored, NULL);
  ADD ("/db/offers/request-duplicate-key", test_offer_request_duplicate_key, NULL);
  ADD ("/db/offers/request-damaged", test_offer_request_damaged, NULL);
  ADD ("/db/offers/accept-lapsed", test_offer_accept_lapsed, NULL);
  ADD ("/db/offers/accept-coterming", test_offer_accept_coterming, NULL);
  ADD ("/db/offers/accept-alternative", test_offer_accept_alternative, NULL);
  ADD ("/db/offers/validity/chosen", test_offer_validity_chosen, NULL);
  ADD ("/db/offers/validity/default", test_offer_validity_default, NULL);
  ADD ("/db/offers/validity/revise", test_offer_validity_revise, NULL);
  ADD ("/db/offers/validity/refused", test_offer_validity_refused, NULL);
  ADD ("/db/profile", test_profile, NULL);
  ADD ("/db/offers/seller", test_offer_seller, NULL);
  ADD ("/db/limits/lines", test_limits_lines, NULL);
  ADD ("/db/limits/period", test_limits_period, NULL);
  ADD ("/db/backup", test_backup, NULL);
  ADD ("/db/versions/conflict", test_versions_conflict, NULL);
  ADD ("/db/versions/other-rows", test_versions_other_rows, NULL);
  ADD ("/db/versions/who", test_versions_who, NULL);
  ADD ("/db/audit", test_audit_log, NULL);

#undef ADD

  return g_test_run ();
}
