/* ssa-sql.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (SSA_CORE_COMPILATION)
#error "Only the files of src/core may include this header."
#endif

#include <glib.h>

#include "ssa-team-db.h"
#include "ssa-db-price-lists.h"

G_BEGIN_DECLS

/* The SQL engine seam: one small interface for running SQL on either engine, the local
 * SQLite file (ssa-sql-sqlite.c) or a team's PostgreSQL server (ssa-sql-pg.c, libpq).
 *
 * Statements are written once, with `?` parameters (or `?NNN` for a numbered one), and
 * bound from 1. The PostgreSQL backend turns them into `$1`…`$n` outside quoted text. Text
 * is UTF-8; whole numbers are 64-bit; blobs are bytes (BLOB in SQLite, BYTEA in PostgreSQL).
 * Errors are set in SSA_TEAM_DB_ERROR, with a sentence that names the database. */

typedef struct _SsaSql     SsaSql;
typedef struct _SsaSqlStmt SsaSqlStmt;

typedef enum
{
  SSA_SQL_ENGINE_SQLITE,
  SSA_SQL_ENGINE_POSTGRESQL,
} SsaSqlEngine;

/* What ssa_sql_step() returns. */
typedef enum
{
  SSA_SQL_STEP_ERROR,
  SSA_SQL_STEP_ROW,
  SSA_SQL_STEP_DONE,
} SsaSqlStep;

/* Which rule a statement refused with SSA_TEAM_DB_ERROR_CONSTRAINT broke. */
typedef enum
{
  SSA_SQL_CONSTRAINT_NONE,
  SSA_SQL_CONSTRAINT_UNIQUE,
  SSA_SQL_CONSTRAINT_FOREIGN_KEY,
  SSA_SQL_CONSTRAINT_CHECK,
  SSA_SQL_CONSTRAINT_NOT_NULL,
  SSA_SQL_CONSTRAINT_OTHER,     /* a trigger's refusal */
} SsaSqlConstraint;

/* The backend's table of functions; each engine fills one in. */
typedef struct
{
  SsaSqlEngine engine;
  const char  *dialect;          /* "sqlite", "postgresql" */

  void         (*close)          (SsaSql *sql);
  SsaSqlStmt  *(*prepare)        (SsaSql *sql, const char *text, GError **error);
  void         (*stmt_free)      (SsaSqlStmt *stmt);
  void         (*bind_int64)     (SsaSqlStmt *stmt, int index, gint64 value);
  void         (*bind_text)      (SsaSqlStmt *stmt, int index, const char *text, gssize length);
  void         (*bind_blob)      (SsaSqlStmt *stmt, int index, gconstpointer data, gsize length);
  void         (*bind_null)      (SsaSqlStmt *stmt, int index);
  SsaSqlStep   (*step)           (SsaSqlStmt *stmt, GError **error);
  void         (*reset)          (SsaSqlStmt *stmt);
  int          (*column_count)   (SsaSqlStmt *stmt);
  gboolean     (*column_is_null) (SsaSqlStmt *stmt, int column);
  gint64       (*column_int64)   (SsaSqlStmt *stmt, int column);
  const char  *(*column_text)    (SsaSqlStmt *stmt, int column);
  GBytes      *(*column_blob)    (SsaSqlStmt *stmt, int column);
  gboolean     (*exec)           (SsaSql *sql, const char *text, GError **error);
  gint64       (*changes)        (SsaSql *sql);
  gint64       (*last_insert_id) (SsaSql *sql);

  /* Optional; ssa-sql.c does without them for a backend that has none. */
  void         (*clear_bindings) (SsaSqlStmt *stmt);
  gsize        (*column_bytes)   (SsaSqlStmt *stmt, int column);
} SsaSqlBackend;

/* What every connection starts with; a backend's own struct begins with it. */
struct _SsaSql
{
  const SsaSqlBackend *backend;
  char                *display_name;  /* for messages: the file, or the URI without password */
  gboolean             in_transaction;
  SsaSqlConstraint     last_constraint; /* of the last failed statement */
  int                  last_code;     /* the engine's own code of the last failure: SQLite's
                                       * (extended) result code; 0 when the engine keeps none */
};

struct _SsaSqlStmt
{
  SsaSql *sql;
};

gboolean     ssa_sql_is_uri          (const char  *location);
SsaSql      *ssa_sql_open            (const char  *location,
                                      GError     **error);
SsaSql      *ssa_sql_open_sqlite     (const char  *path,
                                      GError     **error);
SsaSql      *ssa_sql_open_pg         (const char  *uri,
                                      GError     **error);
/* A connection on a handle the caller opened and keeps: closing it leaves @handle open.
 * Statements are prepared to be kept (SsaDb caches them). For ssa-db.c. */
struct sqlite3;
SsaSql      *ssa_sql_sqlite_wrap     (struct sqlite3 *handle,
                                      const char  *display_name);
void         ssa_sql_close           (SsaSql      *sql);
/* For LISTEN (ssa-db-listener.c): the libpq connection of a PostgreSQL one. */
struct pg_conn;
struct pg_conn *ssa_sql_pg_get_conn  (SsaSql      *sql);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaSql, ssa_sql_close)
/* BEGIN, @stmts and COMMIT in one round trip (ssa-sql-pg.c): a PostgreSQL connection only. */
gboolean     ssa_sql_pg_run_in_transaction (SsaSql      *sql,
                                            SsaSqlStmt **stmts,
                                            guint        n_stmts,
                                            GError     **error);
/* @stmts (reads) in one round trip, without a transaction of their own (ssa-sql-pg.c). */
gboolean     ssa_sql_pg_run_together (SsaSql      *sql,
                                      SsaSqlStmt **stmts,
                                      guint        n_stmts,
                                      GError     **error);

SsaSqlEngine ssa_sql_get_engine      (SsaSql      *sql);
const char  *ssa_sql_get_dialect     (SsaSql      *sql);
const char  *ssa_sql_get_display_name (SsaSql     *sql);

SsaSqlStmt  *ssa_sql_prepare         (SsaSql      *sql,
                                      const char  *text,
                                      GError     **error);
void         ssa_sql_stmt_free       (SsaSqlStmt  *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaSqlStmt, ssa_sql_stmt_free)

void         ssa_sql_bind_int64      (SsaSqlStmt  *stmt,
                                      int          index,
                                      gint64       value);
void         ssa_sql_bind_text       (SsaSqlStmt  *stmt,
                                      int          index,
                                      const char  *text);
void         ssa_sql_bind_text_len   (SsaSqlStmt  *stmt,
                                      int          index,
                                      const char  *text,
                                      gsize        length);
void         ssa_sql_bind_optional_text (SsaSqlStmt *stmt,
                                         int         index,
                                         const char *text);
void         ssa_sql_bind_blob       (SsaSqlStmt  *stmt,
                                      int          index,
                                      gconstpointer data,
                                      gsize        length);
void         ssa_sql_bind_null       (SsaSqlStmt  *stmt,
                                      int          index);
SsaSqlStep   ssa_sql_step            (SsaSqlStmt  *stmt,
                                      GError     **error);
gboolean     ssa_sql_step_done       (SsaSqlStmt  *stmt,
                                      GError     **error);
void         ssa_sql_reset           (SsaSqlStmt  *stmt);
void         ssa_sql_clear_bindings  (SsaSqlStmt  *stmt);
int          ssa_sql_column_count    (SsaSqlStmt  *stmt);
gboolean     ssa_sql_column_is_null  (SsaSqlStmt  *stmt,
                                      int          column);
gint64       ssa_sql_column_int64    (SsaSqlStmt  *stmt,
                                      int          column);
const char  *ssa_sql_column_text     (SsaSqlStmt  *stmt,
                                      int          column);
gsize        ssa_sql_column_text_length (SsaSqlStmt *stmt,
                                         int         column);
char        *ssa_sql_column_dup_text (SsaSqlStmt  *stmt,
                                      int          column);
GBytes      *ssa_sql_column_blob     (SsaSqlStmt  *stmt,
                                      int          column);

gboolean     ssa_sql_exec            (SsaSql      *sql,
                                      const char  *text,
                                      GError     **error);
gboolean     ssa_sql_begin           (SsaSql      *sql,
                                      GError     **error);
gboolean     ssa_sql_commit          (SsaSql      *sql,
                                      GError     **error);
void         ssa_sql_rollback        (SsaSql      *sql);
gint64       ssa_sql_changes         (SsaSql      *sql);
SsaSqlConstraint ssa_sql_get_last_constraint (SsaSql *sql);
gint64       ssa_sql_last_insert_id  (SsaSql      *sql);

/* For the PostgreSQL backend and its tests: `?` and `?NNN` as `$n`, outside quotes. */
char        *ssa_sql_number_parameters (const char *text,
                                        int        *out_count);

/* The schema on the seam (ssa-sql-schema.c). */
gboolean     ssa_sql_read_schema_version (SsaSql   *sql,
                                          gint64   *out_version,
                                          GError  **error);
gboolean     ssa_sql_migrate         (SsaSql      *sql,
                                      gint64      *out_from_version,
                                      GError     **error);

/* The connection of a database opened on the seam. */
SsaSql      *ssa_team_db_get_sql     (SsaTeamDb   *self);

/* Price lists on the seam (ssa-team-db.c): as ssa_db_store_checked_price_list_locked(),
 * inside a transaction the caller holds. */
gboolean     ssa_sql_store_checked_price_list_locked (SsaSql                     *sql,
                                                      const char                 *data,
                                                      gsize                       length,
                                                      const char                 *what,
                                                      const SsaPriceList         *price_list,
                                                      const char                 *sha256,
                                                      const SsaDbPriceListSource *source,
                                                      gint64                     *out_row_id,
                                                      gboolean                   *out_was_new,
                                                      GError                    **error);

G_END_DECLS
