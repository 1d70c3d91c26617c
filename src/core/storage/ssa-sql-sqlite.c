/* ssa-sql-sqlite.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-sql"

#include "config.h"

#include <string.h>
#include <sqlite3.h>
#include <glib/gi18n.h>

#include "ssa-db.h"
#include "ssa-sql.h"

/* The SQLite backend of the SQL engine seam: a file opened as ssa_db_open() opens it
 * (foreign keys on, the same busy timeout), or the handle SsaDb opened itself
 * (ssa_sql_sqlite_wrap()); statements as sqlite3_stmt. Its functions stay one call into
 * SQLite each: SsaDb's row code runs through them. */

typedef struct
{
  SsaSql        parent;
  sqlite3      *handle;
  gboolean      borrowed;       /* the caller closes the handle */
  unsigned int  prepare_flags;  /* SQLITE_PREPARE_PERSISTENT for SsaDb's cached statements */
} SqliteSql;

typedef struct
{
  SsaSqlStmt    parent;
  sqlite3_stmt *stmt;
} SqliteStmt;

#define HANDLE(sql) (((SqliteSql *) (sql))->handle)
#define STMT(s) (((SqliteStmt *) (s))->stmt)

static gboolean
set_error (SsaSql  *sql,
           int      rc,
           GError **error)
{
  const char *detail = HANDLE (sql) != NULL ? sqlite3_errmsg (HANDLE (sql)) : sqlite3_errstr (rc);

  sql->last_code = rc;
  sql->last_constraint = SSA_SQL_CONSTRAINT_NONE;
  if ((rc & 0xff) == SQLITE_CONSTRAINT && HANDLE (sql) != NULL)
    switch (sqlite3_extended_errcode (HANDLE (sql)))
      {
      case SQLITE_CONSTRAINT_UNIQUE:
      case SQLITE_CONSTRAINT_PRIMARYKEY:
        sql->last_constraint = SSA_SQL_CONSTRAINT_UNIQUE;
        break;
      case SQLITE_CONSTRAINT_FOREIGNKEY:
        sql->last_constraint = SSA_SQL_CONSTRAINT_FOREIGN_KEY;
        break;
      case SQLITE_CONSTRAINT_CHECK:
        sql->last_constraint = SSA_SQL_CONSTRAINT_CHECK;
        break;
      case SQLITE_CONSTRAINT_NOTNULL:
        sql->last_constraint = SSA_SQL_CONSTRAINT_NOT_NULL;
        break;
      default:
        sql->last_constraint = SSA_SQL_CONSTRAINT_OTHER;
        break;
      }
  if ((rc & 0xff) == SQLITE_CONSTRAINT)
    g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_CONSTRAINT,
                 _("The database %s refused the change: it breaks a rule of the database "
                   "(%s). Nothing was changed."), sql->display_name, detail);
  else
    g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_FAILED,
                 _("The database %s failed: %s"), sql->display_name, detail);
  return FALSE;
}

static void
sqlite_close (SsaSql *sql)
{
  if (!((SqliteSql *) sql)->borrowed)
    sqlite3_close_v2 (HANDLE (sql));
  g_free (sql->display_name);
  g_free (sql);
}

static SsaSqlStmt *
sqlite_prepare (SsaSql      *sql,
                const char  *text,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  SqliteStmt *self;
  int rc = sqlite3_prepare_v3 (HANDLE (sql), text, -1, ((SqliteSql *) sql)->prepare_flags,
                               &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_error (sql, rc, error);
      return NULL;
    }
  self = g_new0 (SqliteStmt, 1);
  self->parent.sql = sql;
  self->stmt = stmt;
  return &self->parent;
}

static void
sqlite_stmt_free (SsaSqlStmt *stmt)
{
  sqlite3_finalize (STMT (stmt));
  g_free (stmt);
}

static void
sqlite_bind_int64 (SsaSqlStmt *stmt,
                   int         index,
                   gint64      value)
{
  sqlite3_bind_int64 (STMT (stmt), index, value);
}

static void
sqlite_bind_text (SsaSqlStmt *stmt,
                  int         index,
                  const char *text,
                  gssize      length)
{
  sqlite3_bind_text64 (STMT (stmt), index, text, length < 0 ? (sqlite3_uint64) strlen (text)
                                                            : (sqlite3_uint64) length,
                       SQLITE_TRANSIENT, SQLITE_UTF8);
}

static void
sqlite_bind_blob (SsaSqlStmt    *stmt,
                  int            index,
                  gconstpointer  data,
                  gsize          length)
{
  sqlite3_bind_blob64 (STMT (stmt), index, data != NULL ? data : "", length, SQLITE_TRANSIENT);
}

static void
sqlite_bind_null (SsaSqlStmt *stmt,
                  int         index)
{
  sqlite3_bind_null (STMT (stmt), index);
}

static SsaSqlStep
sqlite_step (SsaSqlStmt  *stmt,
             GError     **error)
{
  int rc = sqlite3_step (STMT (stmt));

  if (rc == SQLITE_ROW)
    return SSA_SQL_STEP_ROW;
  if (rc == SQLITE_DONE)
    return SSA_SQL_STEP_DONE;
  set_error (stmt->sql, rc, error);
  sqlite3_reset (STMT (stmt));
  return SSA_SQL_STEP_ERROR;
}

static void
sqlite_reset (SsaSqlStmt *stmt)
{
  sqlite3_reset (STMT (stmt));
}

static void
sqlite_clear_bindings (SsaSqlStmt *stmt)
{
  sqlite3_clear_bindings (STMT (stmt));
}

static int
sqlite_column_count (SsaSqlStmt *stmt)
{
  return sqlite3_column_count (STMT (stmt));
}

static gboolean
sqlite_column_is_null (SsaSqlStmt *stmt,
                       int         column)
{
  return sqlite3_column_type (STMT (stmt), column) == SQLITE_NULL;
}

static gint64
sqlite_column_int64 (SsaSqlStmt *stmt,
                     int         column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

static const char *
sqlite_column_text (SsaSqlStmt *stmt,
                    int         column)
{
  return (const char *) sqlite3_column_text (STMT (stmt), column);
}

static GBytes *
sqlite_column_blob (SsaSqlStmt *stmt,
                    int         column)
{
  const void *data;
  int length;

  if (sqlite3_column_type (STMT (stmt), column) == SQLITE_NULL)
    return NULL;
  data = sqlite3_column_blob (STMT (stmt), column);
  length = sqlite3_column_bytes (STMT (stmt), column);
  return g_bytes_new (data, (gsize) length);
}

static gsize
sqlite_column_bytes (SsaSqlStmt *stmt,
                     int         column)
{
  return (gsize) sqlite3_column_bytes (STMT (stmt), column);
}

static gboolean
sqlite_exec (SsaSql      *sql,
             const char  *text,
             GError     **error)
{
  int rc = sqlite3_exec (HANDLE (sql), text, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_error (sql, rc, error);
  return TRUE;
}

static gint64
sqlite_changes (SsaSql *sql)
{
  return sqlite3_changes64 (HANDLE (sql));
}

static gint64
sqlite_last_insert_id (SsaSql *sql)
{
  return sqlite3_last_insert_rowid (HANDLE (sql));
}

static const SsaSqlBackend sqlite_backend = {
  .engine = SSA_SQL_ENGINE_SQLITE,
  .dialect = "sqlite",
  .close = sqlite_close,
  .prepare = sqlite_prepare,
  .stmt_free = sqlite_stmt_free,
  .bind_int64 = sqlite_bind_int64,
  .bind_text = sqlite_bind_text,
  .bind_blob = sqlite_bind_blob,
  .bind_null = sqlite_bind_null,
  .step = sqlite_step,
  .reset = sqlite_reset,
  .column_count = sqlite_column_count,
  .column_is_null = sqlite_column_is_null,
  .column_int64 = sqlite_column_int64,
  .column_text = sqlite_column_text,
  .column_blob = sqlite_column_blob,
  .exec = sqlite_exec,
  .changes = sqlite_changes,
  .last_insert_id = sqlite_last_insert_id,
  .clear_bindings = sqlite_clear_bindings,
  .column_bytes = sqlite_column_bytes,
};

/**
 * ssa_sql_sqlite_wrap:
 * @handle: an open connection; it stays the caller's, open after ssa_sql_close()
 * @display_name: the file, for messages
 *
 * Returns: (transfer full): the connection on @handle, whose statements are prepared to be
 *   kept (SQLITE_PREPARE_PERSISTENT)
 */
SsaSql *
ssa_sql_sqlite_wrap (sqlite3    *handle,
                     const char *display_name)
{
  SqliteSql *self = g_new0 (SqliteSql, 1);

  self->parent.backend = &sqlite_backend;
  self->parent.display_name = g_strdup (display_name);
  self->handle = handle;
  self->borrowed = TRUE;
  self->prepare_flags = SQLITE_PREPARE_PERSISTENT;
  return &self->parent;
}

/**
 * ssa_sql_open_sqlite:
 * @path: the database file; made when it does not exist
 * @error: a #GError
 *
 * Returns: (transfer full): the connection
 */
SsaSql *
ssa_sql_open_sqlite (const char  *path,
                     GError     **error)
{
  SqliteSql *self = g_new0 (SqliteSql, 1);
  int rc;

  self->parent.backend = &sqlite_backend;
  self->parent.display_name = g_filename_display_name (path);
  rc = sqlite3_open_v2 (path, &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_busy_timeout (self->handle, SSA_DB_BUSY_TIMEOUT_MS);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->handle, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (&self->parent, rc, error);
      sqlite_close (&self->parent);
      return NULL;
    }
  return &self->parent;
}
