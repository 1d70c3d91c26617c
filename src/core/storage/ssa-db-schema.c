/* ssa-db-schema.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-db"

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-backup.h"
#include "ssa-db-private.h"
#include "ssa-samples.h"

/* The schema, as a list of migrations. Migration N brings a database from user_version N-1
 * to N; they run in order, each in the same transaction as the new user_version, so that a
 * database is always at exactly one version. A released migration never changes: a change
 * of the schema is a new migration appended here (and SSA_DB_SCHEMA_VERSION raised), with a
 * test that migrates a database of every earlier version. */

typedef struct
{
  const char *sql;
  gboolean  (*after) (SsaDb *self, GError **error);
} Migration;

/* Dates are YYYY-MM-DD text (they sort and compare as dates); times are ISO 8601 UTC text;
 * money is INTEGER hundredths. The CHECKs repeat the rules of the file formats so that no
 * program can store what SSA Desk could not read back. */
#define DATE_CHECK(column) \
  "CHECK (" column " IS NULL OR (length(" column ") = 10 AND date(" column ") = " column "))"
#define KINDS "'switchboard', 'port', 'mobility', 'gsm', 'voicemail', 'standby', " \
              "'softphone', 'app', 'third_party', 'hardware', 'service'"
#define NOW "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"

static const char migration_1_sql[] =
  "CREATE TABLE customers ("
  "  id          INTEGER PRIMARY KEY,"
  "  name        TEXT NOT NULL DEFAULT '',"
  "  org_no      TEXT,"
  "  address     TEXT,"
  "  contact     TEXT,"
  "  email       TEXT,"
  "  notes       TEXT,"
  "  created_at  TEXT NOT NULL DEFAULT " NOW ","
  "  updated_at  TEXT NOT NULL DEFAULT " NOW
  ");"
  "CREATE UNIQUE INDEX customers_org_no ON customers (org_no) WHERE org_no IS NOT NULL;"
  "CREATE INDEX customers_name ON customers (name);"

  "CREATE TABLE installations ("
  "  id          INTEGER PRIMARY KEY,"
  "  customer_id INTEGER REFERENCES customers (id) ON DELETE RESTRICT,"
  "  name        TEXT,"
  "  serial      TEXT,"
  "  deployment  TEXT NOT NULL DEFAULT 'appliance'"
  "              CHECK (deployment IN ('appliance', 'saas', 'rental')),"
  "  firmware    TEXT,"
  "  ssa_expiry  TEXT " DATE_CHECK ("ssa_expiry") ","
  "  notes       TEXT,"
  "  created_at  TEXT NOT NULL DEFAULT " NOW ","
  "  updated_at  TEXT NOT NULL DEFAULT " NOW
  ");"
  "CREATE INDEX installations_customer ON installations (customer_id);"
  /* Covers the renewals query (ssa_db_list_renewals()): no table lookups, no sorting. */
  "CREATE INDEX installations_renewals ON installations (deployment, ssa_expiry, customer_id,"
  "  name) WHERE ssa_expiry IS NOT NULL;"
  "CREATE UNIQUE INDEX installations_serial ON installations (serial) WHERE serial IS NOT NULL;"

  "CREATE TABLE licences ("
  "  id              INTEGER PRIMARY KEY,"
  "  installation_id INTEGER NOT NULL REFERENCES installations (id) ON DELETE CASCADE,"
  "  position        INTEGER NOT NULL,"
  "  code            TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),"
  "  quantity        INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000000),"
  "  added_on        TEXT " DATE_CHECK ("added_on") ","
  "  covered_until   TEXT " DATE_CHECK ("covered_until") ","
  "  kind            TEXT CHECK (kind IS NULL OR kind IN (" KINDS ")),"
  "  name            TEXT"
  ");"
  "CREATE INDEX licences_installation ON licences (installation_id, position);"

  "CREATE TABLE price_lists ("
  "  id            INTEGER PRIMARY KEY,"
  "  list_id       TEXT NOT NULL,"
  "  document      TEXT NOT NULL,"
  "  sha256        TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),"
  "  source_url    TEXT,"
  "  fetched_at    TEXT,"
  "  etag          TEXT,"
  "  last_modified TEXT,"
  "  imported_at   TEXT NOT NULL DEFAULT " NOW ","
  "  is_current    INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1))"
  ");"
  "CREATE UNIQUE INDEX price_lists_current ON price_lists (is_current) WHERE is_current = 1;"
  /* A stored price list is what offers were computed from: it never changes. */
  "CREATE TRIGGER price_lists_immutable BEFORE UPDATE OF list_id, document, sha256"
  "  ON price_lists BEGIN SELECT RAISE (ABORT, 'a stored price list never changes'); END;"

  "CREATE TABLE offers ("
  "  id              INTEGER PRIMARY KEY,"
  "  year            INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999),"
  "  seq             INTEGER NOT NULL CHECK (seq >= 1),"
  "  revision        INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),"
  "  number          TEXT NOT NULL UNIQUE,"
  "  installation_id INTEGER NOT NULL REFERENCES installations (id) ON DELETE RESTRICT,"
  "  price_list_id   INTEGER NOT NULL REFERENCES price_lists (id) ON DELETE RESTRICT,"
  "  status          TEXT NOT NULL DEFAULT 'draft'"
  "                  CHECK (status IN ('draft', 'sent', 'accepted', 'declined')),"
  "  created         TEXT NOT NULL " DATE_CHECK ("created") ","
  "  valid_until     TEXT NOT NULL " DATE_CHECK ("valid_until") ","
  "  period_start    TEXT NOT NULL " DATE_CHECK ("period_start") ","
  "  period_end      TEXT NOT NULL " DATE_CHECK ("period_end") ","
  "  currency        TEXT NOT NULL,"
  "  total           INTEGER NOT NULL CHECK (total >= 0),"
  "  request         TEXT NOT NULL,"
  "  inventory       TEXT NOT NULL,"
  "  snapshot        TEXT NOT NULL,"
  "  paid_licences   TEXT NOT NULL DEFAULT '[]',"
  "  created_at      TEXT NOT NULL DEFAULT " NOW ","
  "  status_changed_at TEXT,"
  "  UNIQUE (year, seq, revision)"
  ");"
  "CREATE INDEX offers_installation ON offers (installation_id);"
  /* What an offer was computed from and what it says never changes; only its status does.
   * Offers are never deleted, so that their numbers have no gaps. */
  "CREATE TRIGGER offers_immutable BEFORE UPDATE OF year, seq, revision, number,"
  "  installation_id, price_list_id, created, valid_until, period_start, period_end,"
  "  currency, total, request, inventory, snapshot, paid_licences ON offers"
  "  BEGIN SELECT RAISE (ABORT, 'an offer never changes: make a revision'); END;"
  "CREATE TRIGGER offers_kept BEFORE DELETE ON offers"
  "  BEGIN SELECT RAISE (ABORT, 'offers are never deleted'); END;"

  "CREATE TABLE profile ("
  "  id                    INTEGER PRIMARY KEY CHECK (id = 1),"
  "  company_name          TEXT,"
  "  org_no                TEXT,"
  "  vat_registered        INTEGER NOT NULL DEFAULT 0 CHECK (vat_registered IN (0, 1)),"
  "  foretaksregisteret    INTEGER NOT NULL DEFAULT 0 CHECK (foretaksregisteret IN (0, 1)),"
  "  address               TEXT,"
  "  phone                 TEXT,"
  "  email                 TEXT,"
  "  logo                  BLOB,"
  "  logo_mime_type        TEXT,"
  "  payment_terms         TEXT,"
  "  default_validity_days INTEGER NOT NULL DEFAULT 30"
  "                        CHECK (default_validity_days BETWEEN 1 AND 365),"
  "  default_labour_rate   INTEGER CHECK (default_labour_rate IS NULL OR default_labour_rate >= 0),"
  "  updated_at            TEXT NOT NULL DEFAULT " NOW
  ");"
  "INSERT INTO profile (id) VALUES (1);"

  "PRAGMA application_id = 1397965124;"; /* SSA_DB_APPLICATION_ID */

G_STATIC_ASSERT (SSA_DB_APPLICATION_ID == 1397965124);

/* Version 2: everything an offer's documents show is kept with the offer, so that
 * `offer export` writes them again as they were. The offer's lines, totals and terms are in
 * its snapshot, the customer and installation in its inventory, the language in its
 * request; what was missing is the reseller as the profile stood then (seller: its printed
 * fields as JSON; seller_logo: the logo's bytes, with its type in the JSON). Offers stored
 * before keep NULL here. The new columns are as immutable as the others: the trigger is
 * made again with them. */
static const char migration_2_sql[] =
  "ALTER TABLE offers ADD COLUMN seller TEXT;"
  "ALTER TABLE offers ADD COLUMN seller_logo BLOB;"
  "DROP TRIGGER offers_immutable;"
  "CREATE TRIGGER offers_immutable BEFORE UPDATE OF year, seq, revision, number,"
  "  installation_id, price_list_id, created, valid_until, period_start, period_end,"
  "  currency, total, request, inventory, snapshot, paid_licences, seller, seller_logo"
  "  ON offers"
  "  BEGIN SELECT RAISE (ABORT, 'an offer never changes: make a revision'); END;";

/* Version 3: archive. An installation or a customer that has offers cannot be deleted (the
 * offers are kept for good), so it can be archived instead: kept with its history, but out
 * of the renewals and, unless the window shows the archived, out of its sidebar. The
 * renewals index leaves the archived out, so that the renewals query stays answered by the
 * index alone. */
static const char migration_3_sql[] =
  "ALTER TABLE customers ADD COLUMN archived INTEGER NOT NULL DEFAULT 0"
  "  CHECK (archived IN (0, 1));"
  "ALTER TABLE installations ADD COLUMN archived INTEGER NOT NULL DEFAULT 0"
  "  CHECK (archived IN (0, 1));"
  "DROP INDEX installations_renewals;"
  "CREATE INDEX installations_renewals ON installations (deployment, ssa_expiry, customer_id,"
  "  name) WHERE ssa_expiry IS NOT NULL AND archived = 0;";

/* The register's states (SSA_DB_SCHEMA_REGISTER): an offer may also be `superseded` (another
 * offer of its installation was accepted) or `revised` (a revision of it was made), and every
 * change of status is kept with its time and user in offer_status_changes. SQLite cannot
 * change a CHECK in place, so the offers table is made again with the same columns, rows,
 * index and triggers (dropping a table runs no DELETE trigger). The history starts with
 * what the offers say: each offer's creation as `draft` and, when it has moved on, its
 * status at status_changed_at; the user of those is not known (NULL). This migration
 * stands on its own: it only needs the offers of version 2, whatever its number. */
static const char migration_register_sql[] =
  "CREATE TABLE offers_register ("
  "  id              INTEGER PRIMARY KEY,"
  "  year            INTEGER NOT NULL CHECK (year BETWEEN 1 AND 9999),"
  "  seq             INTEGER NOT NULL CHECK (seq >= 1),"
  "  revision        INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),"
  "  number          TEXT NOT NULL UNIQUE,"
  "  installation_id INTEGER NOT NULL REFERENCES installations (id) ON DELETE RESTRICT,"
  "  price_list_id   INTEGER NOT NULL REFERENCES price_lists (id) ON DELETE RESTRICT,"
  "  status          TEXT NOT NULL DEFAULT 'draft'"
  "                  CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'superseded',"
  "                                    'revised')),"
  "  created         TEXT NOT NULL " DATE_CHECK ("created") ","
  "  valid_until     TEXT NOT NULL " DATE_CHECK ("valid_until") ","
  "  period_start    TEXT NOT NULL " DATE_CHECK ("period_start") ","
  "  period_end      TEXT NOT NULL " DATE_CHECK ("period_end") ","
  "  currency        TEXT NOT NULL,"
  "  total           INTEGER NOT NULL CHECK (total >= 0),"
  "  request         TEXT NOT NULL,"
  "  inventory       TEXT NOT NULL,"
  "  snapshot        TEXT NOT NULL,"
  "  paid_licences   TEXT NOT NULL DEFAULT '[]',"
  "  created_at      TEXT NOT NULL DEFAULT " NOW ","
  "  status_changed_at TEXT,"
  "  seller          TEXT,"
  "  seller_logo     BLOB,"
  "  UNIQUE (year, seq, revision)"
  ");"
  "INSERT INTO offers_register (id, year, seq, revision, number, installation_id,"
  "  price_list_id, status, created, valid_until, period_start, period_end, currency, total,"
  "  request, inventory, snapshot, paid_licences, created_at, status_changed_at, seller,"
  "  seller_logo)"
  "  SELECT id, year, seq, revision, number, installation_id, price_list_id, status, created,"
  "  valid_until, period_start, period_end, currency, total, request, inventory, snapshot,"
  "  paid_licences, created_at, status_changed_at, seller, seller_logo FROM offers;"
  "DROP TABLE offers;"
  "ALTER TABLE offers_register RENAME TO offers;"
  "CREATE INDEX offers_installation ON offers (installation_id);"
  "CREATE TRIGGER offers_immutable BEFORE UPDATE OF year, seq, revision, number,"
  "  installation_id, price_list_id, created, valid_until, period_start, period_end,"
  "  currency, total, request, inventory, snapshot, paid_licences, seller, seller_logo"
  "  ON offers"
  "  BEGIN SELECT RAISE (ABORT, 'an offer never changes: make a revision'); END;"
  "CREATE TRIGGER offers_kept BEFORE DELETE ON offers"
  "  BEGIN SELECT RAISE (ABORT, 'offers are never deleted'); END;"

  "CREATE TABLE offer_status_changes ("
  "  id          INTEGER PRIMARY KEY,"
  "  offer_id    INTEGER NOT NULL REFERENCES offers (id) ON DELETE RESTRICT,"
  "  status      TEXT NOT NULL"
  "              CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'superseded',"
  "                                'revised')),"
  "  changed_at  TEXT NOT NULL,"
  "  user_name   TEXT,"
  "  caused_by   TEXT"   /* the number of the offer whose acceptance or revision did it */
  ");"
  "CREATE INDEX offer_status_changes_offer ON offer_status_changes (offer_id, id);"
  /* The history is a record: it is added to, never changed. */
  "CREATE TRIGGER offer_status_changes_kept BEFORE UPDATE ON offer_status_changes"
  "  BEGIN SELECT RAISE (ABORT, 'the history of an offer never changes'); END;"
  "CREATE TRIGGER offer_status_changes_not_deleted BEFORE DELETE ON offer_status_changes"
  "  BEGIN SELECT RAISE (ABORT, 'the history of an offer never changes'); END;"
  "INSERT INTO offer_status_changes (offer_id, status, changed_at)"
  "  SELECT id, 'draft', created_at FROM offers ORDER BY id;"
  "INSERT INTO offer_status_changes (offer_id, status, changed_at)"
  "  SELECT id, status, coalesce(status_changed_at, created_at) FROM offers"
  "  WHERE status != 'draft' ORDER BY id;";

/* Version 5, the alternatives of an offer (docs/rules.md, "Alternatives"): an offer's
 * alternatives 2 and on, each with its period end and the licences it pays for, as JSON
 * (NULL: the offer has none); which one was accepted; and, in the history, the alternative
 * an acceptance chose. The immutable columns gain the alternatives. This migration stands on
 * its own: it only needs the register (SSA_DB_SCHEMA_REGISTER), whatever its number. */
static const char migration_alternatives_sql[] =
  "ALTER TABLE offers ADD COLUMN alternatives TEXT;"
  "ALTER TABLE offers ADD COLUMN accepted_alternative INTEGER"
  "  CHECK (accepted_alternative IS NULL OR accepted_alternative >= 1);"
  "ALTER TABLE offer_status_changes ADD COLUMN alternative INTEGER"
  "  CHECK (alternative IS NULL OR alternative >= 1);"
  "DROP TRIGGER offers_immutable;"
  "CREATE TRIGGER offers_immutable BEFORE UPDATE OF year, seq, revision, number,"
  "  installation_id, price_list_id, created, valid_until, period_start, period_end,"
  "  currency, total, request, inventory, snapshot, paid_licences, seller, seller_logo,"
  "  alternatives"
  "  ON offers"
  "  BEGIN SELECT RAISE (ABORT, 'an offer never changes: make a revision'); END;";

/* Licences from where they live (SSA_DB_SCHEMA_LICENCES): the user's table of licence types
 * the price list does not know, each installation's admin URL and the SHA-256 fingerprint
 * of its PBX's certificate (trusted on first use), and the last reading of its PBX: per
 * licence name the count and the number used, the firmware and the rental time left. This
 * migration stands on its own (it needs only the installations of version 1), so that it
 * can take another number if another migration lands first. */
static const char migration_licences_sql[] =
  "CREATE TABLE licence_type_map ("
  "  type        TEXT PRIMARY KEY CHECK (length(type) BETWEEN 1 AND 64),"
  "  code        TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),"
  "  updated_at  TEXT NOT NULL DEFAULT " NOW
  ");"
  "ALTER TABLE installations ADD COLUMN admin_url TEXT"
  "  CHECK (admin_url IS NULL OR admin_url LIKE 'https://%');"
  "ALTER TABLE installations ADD COLUMN pbx_fingerprint TEXT"
  "  CHECK (pbx_fingerprint IS NULL OR (length(pbx_fingerprint) = 64"
  "         AND pbx_fingerprint NOT GLOB '*[^0-9a-f]*'));"
  "CREATE TABLE pbx_readings ("
  "  installation_id INTEGER PRIMARY KEY REFERENCES installations (id) ON DELETE CASCADE,"
  "  read_at         TEXT NOT NULL,"
  "  firmware        TEXT,"
  "  rental_seconds  INTEGER CHECK (rental_seconds IS NULL OR rental_seconds >= 0)"
  ");"
  "CREATE TABLE pbx_reading_licences ("
  "  installation_id INTEGER NOT NULL"
  "                  REFERENCES pbx_readings (installation_id) ON DELETE CASCADE,"
  "  name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 64),"
  "  count           INTEGER NOT NULL CHECK (count BETWEEN 0 AND 1000000),"
  "  used            INTEGER NOT NULL CHECK (used BETWEEN 0 AND 1000000),"
  "  PRIMARY KEY (installation_id, name)"
  ");";

/* The customer's VAT registration (SSA_DB_SCHEMA_VAT): 1 registered in the VAT register,
 * 0 not, NULL not known (every customer stored before). This migration stands on its own (it
 * needs only the customers of version 1), so that it can take another number if another
 * migration lands first. */
static const char migration_vat_sql[] =
  "ALTER TABLE customers ADD COLUMN vat_registered INTEGER"
  "  CHECK (vat_registered IS NULL OR vat_registered IN (0, 1));";

/* Who changed what (SSA_DB_SCHEMA_AUDIT): every editable row (customers, installations,
 * licence lines, the profile) carries a version, counted up by each change, so that a save
 * based on an older version is refused instead of overwriting someone else's change; and
 * who created it and who changed it last (NULL for rows from before). The audit log keeps
 * the offers' changes of status, deletions and archiving, with who and when; like the
 * offers' history it is added to, never changed. This migration stands on its own (it
 * needs only the tables of version 1), so that it can take another number at merge. */
static const char migration_audit_sql[] =
  "ALTER TABLE customers ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);"
  "ALTER TABLE customers ADD COLUMN created_by TEXT;"
  "ALTER TABLE customers ADD COLUMN changed_by TEXT;"
  "ALTER TABLE installations ADD COLUMN version INTEGER NOT NULL DEFAULT 1"
  "  CHECK (version >= 1);"
  "ALTER TABLE installations ADD COLUMN created_by TEXT;"
  "ALTER TABLE installations ADD COLUMN changed_by TEXT;"
  "ALTER TABLE licences ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);"
  "ALTER TABLE licences ADD COLUMN created_by TEXT;"
  "ALTER TABLE licences ADD COLUMN changed_by TEXT;"
  "ALTER TABLE licences ADD COLUMN updated_at TEXT;"
  "ALTER TABLE profile ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);"
  "ALTER TABLE profile ADD COLUMN changed_by TEXT;"
  "CREATE TABLE audit_log ("
  "  id       INTEGER PRIMARY KEY,"
  "  at       TEXT NOT NULL,"
  "  who      TEXT,"
  "  action   TEXT NOT NULL CHECK (action IN ('status', 'delete', 'archive', 'unarchive')),"
  "  subject  TEXT NOT NULL"
  "           CHECK (subject IN ('customer', 'installation', 'licence', 'offer')),"
  "  row_id   INTEGER NOT NULL,"
  "  label    TEXT,"     /* the offer's number, or the name of what was deleted */
  "  details  TEXT"      /* JSON: the new status, what else went with a deletion, … */
  ");"
  "CREATE TRIGGER audit_log_kept BEFORE UPDATE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log never changes'); END;"
  "CREATE TRIGGER audit_log_not_deleted BEFORE DELETE ON audit_log"
  "  BEGIN SELECT RAISE (ABORT, 'the audit log never changes'); END;";

/* A team database tells its clients what changed (SSA_DB_SCHEMA_NOTIFY): triggers on the
 * server only (ssa-sql-schema-pg.c). An SQLite file has one user at a time and nothing to
 * tell; its migration of that number changes nothing, so that the versions stay alike on
 * both engines. It stands on its own and can take another number at merge time. */
static const char migration_notify_sql[] = "";

/* Counts kept, order kept (SSA_DB_SCHEMA_COUNTS). Each installation keeps its number of
 * licence lines (line_count), so that listing the installations reads it instead of
 * counting every line again: triggers on licences keep it, whichever program inserts,
 * deletes or moves a line (the window, the command line, an import, `db copy`, another SQL
 * tool), and the migration counts the lines there are. A PBX reading's licences keep the
 * PBX's order (position, from 0), which a team database has no other way to know: the
 * lines there are get the order they were listed in (their rowid). This migration stands on
 * its own (it needs only the tables of versions 1 and SSA_DB_SCHEMA_LICENCES), so that it
 * can take another number at merge. */
static const char migration_counts_sql[] =
  "ALTER TABLE installations ADD COLUMN line_count INTEGER NOT NULL DEFAULT 0"
  "  CHECK (line_count >= 0);"
  "UPDATE installations SET line_count ="
  "  (SELECT count(*) FROM licences l WHERE l.installation_id = installations.id);"
  "CREATE TRIGGER licences_counted_insert AFTER INSERT ON licences BEGIN"
  "  UPDATE installations SET line_count = line_count + 1 WHERE id = NEW.installation_id;"
  "END;"
  "CREATE TRIGGER licences_counted_delete AFTER DELETE ON licences BEGIN"
  "  UPDATE installations SET line_count = line_count - 1 WHERE id = OLD.installation_id;"
  "END;"
  "CREATE TRIGGER licences_counted_move AFTER UPDATE OF installation_id ON licences"
  "  WHEN NEW.installation_id IS NOT OLD.installation_id BEGIN"
  "  UPDATE installations SET line_count = line_count - 1 WHERE id = OLD.installation_id;"
  "  UPDATE installations SET line_count = line_count + 1 WHERE id = NEW.installation_id;"
  "END;"
  "ALTER TABLE pbx_reading_licences ADD COLUMN position INTEGER NOT NULL DEFAULT 0"
  "  CHECK (position >= 0);"
  "UPDATE pbx_reading_licences SET position ="
  "  (SELECT count(*) FROM pbx_reading_licences p"
  "   WHERE p.installation_id = pbx_reading_licences.installation_id"
  "   AND p.rowid < pbx_reading_licences.rowid);";

/* A new database holds the bundled sample price list as its current list, so that offers
 * can be computed before the distributor's list is fetched. */
static gboolean
store_sample_price_list (SsaDb   *self,
                         GError **error)
{
  g_autoptr(GBytes) bytes = ssa_samples_get_price_list_bytes ();
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autofree char *sha256 = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  price_list = ssa_price_list_new_from_data (data, length, "sample-price-list.json", error);
  if (price_list == NULL)
    return FALSE;

  /* Stored like any other list, but inside the migration's transaction. */
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  return ssa_db_store_checked_price_list_locked (self, data, length, "sample-price-list.json",
                                                 price_list, sha256, NULL, NULL, NULL, error);
}

static const Migration migrations[] = {
  { migration_1_sql, store_sample_price_list },
  { migration_2_sql, NULL },
  { migration_3_sql, NULL },
  { migration_register_sql, NULL },   /* SSA_DB_SCHEMA_REGISTER */
  { migration_alternatives_sql, NULL }, /* SSA_DB_SCHEMA_ALTERNATIVES */
  { migration_licences_sql, NULL },   /* SSA_DB_SCHEMA_LICENCES */
  { migration_vat_sql, NULL },        /* SSA_DB_SCHEMA_VAT */
  { migration_audit_sql, NULL },      /* SSA_DB_SCHEMA_AUDIT */
  { migration_notify_sql, NULL },     /* SSA_DB_SCHEMA_NOTIFY */
  { migration_counts_sql, NULL },     /* SSA_DB_SCHEMA_COUNTS */
};

G_STATIC_ASSERT (SSA_DB_SCHEMA_REGISTER == 4);
G_STATIC_ASSERT (SSA_DB_SCHEMA_ALTERNATIVES == 5);
G_STATIC_ASSERT (SSA_DB_SCHEMA_LICENCES == 6);
G_STATIC_ASSERT (SSA_DB_SCHEMA_VAT == 7);
G_STATIC_ASSERT (SSA_DB_SCHEMA_AUDIT == 8);
G_STATIC_ASSERT (SSA_DB_SCHEMA_NOTIFY == 9);
G_STATIC_ASSERT (SSA_DB_SCHEMA_COUNTS == 10);

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SSA_DB_SCHEMA_VERSION);

static gboolean
read_version (SsaDb   *self,
              gint64  *out,
              GError **error)
{
  g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self, "PRAGMA user_version", error);

  if (stmt == NULL || !ssa_db_step_row (self, stmt, error))
    return FALSE;
  *out = ssa_sql_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * ssa_db_backup_before_migration:
 * @self: the connection, before its migration
 * @from_version: the schema version of the database
 * @to_version: the version the migration brings it to
 * @error: a #GError
 *
 * Takes a verified "migration" backup when a database that holds data (version 1 or more)
 * is about to be migrated to a higher version. A new database (version 0) has nothing to
 * keep. When the backup fails, the migration must not run.
 */
gboolean
ssa_db_backup_before_migration (SsaDb   *self,
                                gint64   from_version,
                                gint64   to_version,
                                GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (from_version < 1 || from_version >= to_version)
    return TRUE;

  if (!ssa_backup_take (self, SSA_BACKUP_REASON_MIGRATION, NULL, &local_error))
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
                   _("The database %s was not upgraded to this version of SSA Desk, as the "
                     "backup taken before each upgrade failed: %s"),
                   self->display_name, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_db_migrate:
 * @self: a writable connection to a database at a version below SSA_DB_SCHEMA_VERSION
 * @error: a #GError
 *
 * Runs the missing migrations in one write transaction. Another process may have migrated
 * the database since it was opened: the version is read again once the write lock is held.
 */
gboolean
ssa_db_migrate (SsaDb   *self,
                GError **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  gint64 version = 0;

  /* The backup is taken before the write lock: it reads the database as it is, while other
   * processes keep working. Two processes migrating at once may both take one. */
  if (!read_version (self, &version, error) ||
      !ssa_db_backup_before_migration (self, version, SSA_DB_SCHEMA_VERSION, error))
    return FALSE;

  if (!ssa_db_transaction_begin (&txn, self, error))
    return FALSE;
  if (!read_version (self, &version, error))
    return FALSE;

  if (version > SSA_DB_SCHEMA_VERSION)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NEWER,
                   _("The database %s was written by a newer version of SSA Desk. It was not "
                     "changed: update SSA Desk to use it."), self->display_name);
      return FALSE;
    }

  g_debug ("Migrating %s from schema version %" G_GINT64_FORMAT " to %d",
           self->display_name, version, SSA_DB_SCHEMA_VERSION);
  for (; version < SSA_DB_SCHEMA_VERSION; version++)
    {
      const Migration *migration = &migrations[version];
      g_autofree char *set_version = NULL;

      if (!ssa_db_exec (self, migration->sql, error))
        return FALSE;
      if (migration->after != NULL && !migration->after (self, error))
        return FALSE;

      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);
      if (!ssa_db_exec (self, set_version, error))
        return FALSE;
    }

  return ssa_db_transaction_commit (&txn, error);
}
