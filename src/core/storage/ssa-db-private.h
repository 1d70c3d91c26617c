/* ssa-db-private.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (SSA_CORE_COMPILATION)
#error "Only the files of src/core may include this header."
#endif

#include <sqlite3.h>

#include "ssa-db-inventory.h"
#include "ssa-db-licences.h"
#include "ssa-db-offers.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-sql.h"

G_BEGIN_DECLS

/* The schema version that added the register's states and the offers' history
 * (offer_status_changes): older databases, read as they are, have neither. */
#define SSA_DB_SCHEMA_REGISTER 4

/* The schema version that added the alternatives of an offer and which one was accepted;
 * older databases, read as they are, have none. */
#define SSA_DB_SCHEMA_ALTERNATIVES 5

/* The schema version that added licence type mappings, the admin URL and pinned
 * certificate of a PBX, and its last reading; older databases, read as they are, have none. */
#define SSA_DB_SCHEMA_LICENCES 6

/* The schema version that added the customers' VAT registration; older databases, read as
 * they are, have none (not known). */
#define SSA_DB_SCHEMA_VAT 7

/* The schema version that added the rows' versions, who created and changed them, and the
 * audit log; older databases, read as they are, have none (version 1, no one known). */
#define SSA_DB_SCHEMA_AUDIT 8

/* The schema version that made a team database notify its clients of changes (triggers on
 * the server only; nothing on a file). */
#define SSA_DB_SCHEMA_NOTIFY 9

/* The schema version that keeps each installation's number of licence lines with it
 * (installations.line_count, kept by triggers on licences) and a PBX reading's licences in
 * the PBX's order (pbx_reading_licences.position); older databases, read as they are, count
 * the lines and list a reading's licences by rowid. */
#define SSA_DB_SCHEMA_COUNTS 10

/* What the files of the database module (ssa-db*.c) share: the connection, a cache of
 * prepared statements, transactions that roll back unless committed, and conversions
 * between the database's values and SSA Desk's (dates as YYYY-MM-DD text, absent text as
 * NULL).
 *
 * The rows' statements run on the SQL engine seam (ssa-sql.h): @sql is the connection they
 * use. For a file it wraps @handle, which SsaDb opened itself and keeps for what only
 * SQLite has (opening, PRAGMAs, migrations, checks, the backup API, the busy handler and
 * the trace of statements run on the main thread). */

struct _SsaDb
{
  sqlite3    *handle;
  SsaSql     *sql;            /* the seam's connection: on @handle for a file */
  GError     *sql_error;      /* the last failure of an engine other than SQLite */
  char       *path;
  char       *display_name;   /* the path for messages */
  GHashTable *statements;     /* SQL text -> SsaSqlStmt*, prepared once */
  gboolean    read_only;
  char       *read_only_reason; /* a sentence for the user; NULL when writable */
  gboolean    protected;      /* ssa_output_protect() was called for path */
  char       *user_name;      /* ssa_db_set_user_name(); NULL: the default */
  char       *engine_user;    /* the server's or the system's user, read once */
  char       *default_user;   /* the process's default as last read (it may change) */
  int         team_version;   /* a team database's schema version, read when opened */
};

/* A cached statement of the seam that is reset (and its bindings cleared) when it goes out
 * of scope: `g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self, "SELECT …", error);`. Bind
 * and read it with ssa_sql_bind_*() and ssa_sql_column_*(). */
typedef SsaSqlStmt SsaDbStmt;

void      ssa_db_stmt_release   (SsaDbStmt    *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaDbStmt, ssa_db_stmt_release)

SsaDbStmt *ssa_db_prepare       (SsaDb        *self,
                                 const char   *sql,
                                 GError      **error);
SsaSqlStep ssa_db_step          (SsaDb        *self,
                                 SsaDbStmt    *stmt,
                                 GError      **error);
gboolean  ssa_db_step_row       (SsaDb        *self,
                                 SsaDbStmt    *stmt,
                                 GError      **error);
gboolean  ssa_db_step_done      (SsaDb        *self,
                                 SsaDbStmt    *stmt,
                                 GError      **error);
gboolean  ssa_db_exec           (SsaDb        *self,
                                 const char   *sql,
                                 GError      **error);
gboolean  ssa_db_set_error      (SsaDb        *self,
                                 int           rc,
                                 GError      **error);
gboolean  ssa_db_set_step_error (SsaDb        *self,
                                 GError      **error);
SsaSqlConstraint ssa_db_get_constraint (SsaDb *self);
gboolean  ssa_db_failed_on_foreign_key (SsaDb      *self,
                                        SsaSqlStep  step);
gint64    ssa_db_last_insert_id (SsaDb        *self);

/* A transaction that rolls back when it goes out of scope without ssa_db_transaction_commit():
 * `g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;` */
typedef struct
{
  SsaDb   *db;
  gboolean active;
} SsaDbTransaction;

#define SSA_DB_TRANSACTION_INIT { NULL, FALSE }

gboolean  ssa_db_transaction_begin  (SsaDbTransaction *txn,
                                     SsaDb            *self,
                                     GError          **error);
gboolean  ssa_db_transaction_begin_read (SsaDbTransaction *txn,
                                         SsaDb            *self,
                                         GError          **error);
gboolean  ssa_db_transaction_commit (SsaDbTransaction *txn,
                                     GError          **error);
void      ssa_db_transaction_clear  (SsaDbTransaction *txn);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SsaDbTransaction, ssa_db_transaction_clear)

/* Values. */
void      ssa_db_bind_text      (SsaDbStmt    *stmt,
                                 int           index,
                                 const char   *text);
void      ssa_db_bind_take_text (SsaDbStmt    *stmt,
                                 int           index,
                                 char         *text);
void      ssa_db_bind_date      (SsaDbStmt    *stmt,
                                 int           index,
                                 const GDate  *date);
char     *ssa_db_column_text    (SsaDbStmt    *stmt,
                                 int           index);
void      ssa_db_column_date    (SsaDbStmt    *stmt,
                                 int           index,
                                 GDate        *out);
char     *ssa_db_now_iso        (void);

/* Versions and the audit log (SSA_DB_SCHEMA_AUDIT). */
gboolean  ssa_db_set_conflict   (SsaDb        *self,
                                 const char   *table,
                                 const char   *what,
                                 gint64        id,
                                 GError      **error);
gboolean  ssa_db_audit          (SsaDb        *self,
                                 const char   *action,
                                 const char   *subject,
                                 gint64        row_id,
                                 const char   *label,
                                 const char   *details,
                                 GError      **error);

/* Shared between the customers/installations file and the offers file. */
gboolean  ssa_db_apply_acceptance (SsaDb        *self,
                                   gint64        installation_id,
                                   const GDate  *end,
                                   GArray       *paid_licence_ids,
                                   GArray       *bought,
                                   const SsaPriceList *price_list,
                                   GError      **error);
GArray       *ssa_db_replace_licences_locked (SsaDb   *self,
                                             gint64   installation_id,
                                             GArray  *lines,
                                             GError **error);
SsaInventory *ssa_db_read_inventory (SsaDb     *self,
                                     gint64     installation_id,
                                     GArray   **out_licence_ids,
                                     GError   **error);
/* The reads of creating an offer, each as a statement prepared and bound, then its rows
 * read, so that on a team database they can run in one round trip
 * (ssa_sql_pg_run_together()); ssa_db_read_inventory(), ssa_db_load_current_price_list()
 * and ssa_db_load_profile() are the two halves called one after the other. */
gboolean      ssa_db_prepare_inventory   (SsaDb       *self,
                                          gint64       installation_id,
                                          SsaDbStmt  **out_head,
                                          SsaDbStmt  **out_lines,
                                          GError     **error);
SsaInventory *ssa_db_read_inventory_rows (SsaDb       *self,
                                          gint64       installation_id,
                                          SsaDbStmt   *head,
                                          SsaDbStmt   *lines,
                                          GArray     **out_licence_ids,
                                          GError     **error);
SsaDbStmt    *ssa_db_prepare_current_price_list (SsaDb               *self,
                                                 GError             **error);
SsaPriceList *ssa_db_read_current_price_list    (SsaDb               *self,
                                                 SsaDbStmt           *stmt,
                                                 SsaDbPriceListInfo **out_info,
                                                 GError             **error);
SsaDbStmt    *ssa_db_prepare_profile     (SsaDb       *self,
                                          GError     **error);
SsaProfile   *ssa_db_read_profile        (SsaDb       *self,
                                          SsaDbStmt   *stmt,
                                          GError     **error);

/* Storing a price list that was checked (and hashed) already: by the fetcher's worker
 * thread, or by the migration that stores the bundled list. The _locked variant runs in a
 * write transaction the caller holds. */
gboolean  ssa_db_store_checked_price_list        (SsaDb                       *self,
                                                  const char                  *data,
                                                  gsize                        length,
                                                  const char                  *what,
                                                  const SsaPriceList          *price_list,
                                                  const char                  *sha256,
                                                  const SsaDbPriceListSource  *source,
                                                  SsaDbPriceListInfo         **out_info,
                                                  gboolean                    *out_was_new,
                                                  GError                     **error);
gboolean  ssa_db_store_checked_price_list_locked (SsaDb                       *self,
                                                  const char                  *data,
                                                  gsize                        length,
                                                  const char                  *what,
                                                  const SsaPriceList          *price_list,
                                                  const char                  *sha256,
                                                  const SsaDbPriceListSource  *source,
                                                  gint64                      *out_row_id,
                                                  gboolean                    *out_was_new,
                                                  GError                     **error);

/* Migrations: ssa-db-schema.c. A migration from a version of 1 or more to a higher one
 * takes a "migration" backup first (ssa-backup.c): ssa_db_backup_before_migration() is
 * that hook, apart so that tests can run it without a migration to run. */
gboolean  ssa_db_migrate        (SsaDb        *self,
                                 GError      **error);
gboolean  ssa_db_backup_before_migration (SsaDb   *self,
                                          gint64   from_version,
                                          gint64   to_version,
                                          GError **error);

/* A team database (PostgreSQL) has no file: what works only on an SQLite file (backups,
 * SQLite's checks) refuses it with SSA_DB_ERROR_REFUSED, saying so. */
gboolean ssa_db_refuse_on_team (SsaDb       *self,
                                GError     **error);

gboolean ssa_db_set_not_found (SsaDb       *self,
                               const char  *what,
                               gint64       id,
                               GError     **error);

G_END_DECLS
