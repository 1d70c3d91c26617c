/* ssa-sql.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-sql"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ssa-sql.h"

/* The SQL engine seam: what does not depend on the engine, and the dispatch to the
 * backend's functions. */

/**
 * ssa_sql_is_uri:
 * @location: (nullable): what --db gave
 *
 * Returns: whether @location is a libpq connection URI (postgresql:// or postgres://)
 *   rather than the path of an SQLite file
 */
gboolean
ssa_sql_is_uri (const char *location)
{
  return location != NULL &&
         (g_ascii_strncasecmp (location, "postgresql://", strlen ("postgresql://")) == 0 ||
          g_ascii_strncasecmp (location, "postgres://", strlen ("postgres://")) == 0);
}

/**
 * ssa_sql_open:
 * @location: a libpq connection URI, or the path of an SQLite file
 * @error: a #GError
 *
 * Returns: (transfer full): the connection, on the engine @location names
 */
SsaSql *
ssa_sql_open (const char  *location,
              GError     **error)
{
  g_return_val_if_fail (location != NULL, NULL);

  if (ssa_sql_is_uri (location))
    return ssa_sql_open_pg (location, error);
  return ssa_sql_open_sqlite (location, error);
}

void
ssa_sql_close (SsaSql *sql)
{
  if (sql == NULL)
    return;
  if (sql->in_transaction)
    ssa_sql_rollback (sql);
  sql->backend->close (sql);
}

SsaSqlEngine
ssa_sql_get_engine (SsaSql *sql)
{
  return sql->backend->engine;
}

const char *
ssa_sql_get_dialect (SsaSql *sql)
{
  return sql->backend->dialect;
}

const char *
ssa_sql_get_display_name (SsaSql *sql)
{
  return sql->display_name;
}

/**
 * ssa_sql_prepare:
 * @sql: the connection
 * @text: one statement, with `?` or `?NNN` parameters
 * @error: a #GError
 *
 * Returns: (transfer full): the statement; free it with ssa_sql_stmt_free()
 */
SsaSqlStmt *
ssa_sql_prepare (SsaSql      *sql,
                 const char  *text,
                 GError     **error)
{
  return sql->backend->prepare (sql, text, error);
}

void
ssa_sql_stmt_free (SsaSqlStmt *stmt)
{
  if (stmt != NULL)
    stmt->sql->backend->stmt_free (stmt);
}

void
ssa_sql_bind_int64 (SsaSqlStmt *stmt,
                    int         index,
                    gint64      value)
{
  stmt->sql->backend->bind_int64 (stmt, index, value);
}

/* Binds @text (NULL binds NULL). */
void
ssa_sql_bind_text (SsaSqlStmt *stmt,
                   int         index,
                   const char *text)
{
  if (text == NULL)
    stmt->sql->backend->bind_null (stmt, index);
  else
    stmt->sql->backend->bind_text (stmt, index, text, -1);
}

void
ssa_sql_bind_text_len (SsaSqlStmt *stmt,
                       int         index,
                       const char *text,
                       gsize       length)
{
  g_return_if_fail (length <= G_MAXSSIZE);
  stmt->sql->backend->bind_text (stmt, index, text, (gssize) length);
}

/* Binds @text, or NULL when it is NULL or empty, as the SQLite file's functions do. */
void
ssa_sql_bind_optional_text (SsaSqlStmt *stmt,
                            int         index,
                            const char *text)
{
  ssa_sql_bind_text (stmt, index, text != NULL && text[0] != '\0' ? text : NULL);
}

void
ssa_sql_bind_blob (SsaSqlStmt    *stmt,
                   int            index,
                   gconstpointer  data,
                   gsize          length)
{
  stmt->sql->backend->bind_blob (stmt, index, data, length);
}

void
ssa_sql_bind_null (SsaSqlStmt *stmt,
                   int         index)
{
  stmt->sql->backend->bind_null (stmt, index);
}

SsaSqlStep
ssa_sql_step (SsaSqlStmt  *stmt,
              GError     **error)
{
  return stmt->sql->backend->step (stmt, error);
}

/* Runs a statement that returns no rows (or whose rows are not wanted). */
gboolean
ssa_sql_step_done (SsaSqlStmt  *stmt,
                   GError     **error)
{
  SsaSqlStep step;

  while ((step = ssa_sql_step (stmt, error)) == SSA_SQL_STEP_ROW)
    ;
  return step == SSA_SQL_STEP_DONE;
}

/* Makes the statement ready to run again, with the same bindings. */
void
ssa_sql_reset (SsaSqlStmt *stmt)
{
  stmt->sql->backend->reset (stmt);
}

/* Binds NULL to every parameter, for a statement that is kept to run again. */
void
ssa_sql_clear_bindings (SsaSqlStmt *stmt)
{
  if (stmt->sql->backend->clear_bindings != NULL)
    stmt->sql->backend->clear_bindings (stmt);
}

int
ssa_sql_column_count (SsaSqlStmt *stmt)
{
  return stmt->sql->backend->column_count (stmt);
}

gboolean
ssa_sql_column_is_null (SsaSqlStmt *stmt,
                        int         column)
{
  return stmt->sql->backend->column_is_null (stmt, column);
}

gint64
ssa_sql_column_int64 (SsaSqlStmt *stmt,
                      int         column)
{
  return stmt->sql->backend->column_int64 (stmt, column);
}

/* Returns: (nullable) (transfer none): the text, valid until the next step; NULL for NULL */
const char *
ssa_sql_column_text (SsaSqlStmt *stmt,
                     int         column)
{
  return stmt->sql->backend->column_text (stmt, column);
}

/* The length in bytes of a text column, which may hold NUL bytes on SQLite. */
gsize
ssa_sql_column_text_length (SsaSqlStmt *stmt,
                            int         column)
{
  const char *text;

  if (stmt->sql->backend->column_bytes != NULL)
    return stmt->sql->backend->column_bytes (stmt, column);
  text = ssa_sql_column_text (stmt, column);
  return text != NULL ? strlen (text) : 0;
}

char *
ssa_sql_column_dup_text (SsaSqlStmt *stmt,
                         int         column)
{
  return g_strdup (ssa_sql_column_text (stmt, column));
}

/* Returns: (nullable) (transfer full): the bytes; NULL for NULL */
GBytes *
ssa_sql_column_blob (SsaSqlStmt *stmt,
                     int         column)
{
  return stmt->sql->backend->column_blob (stmt, column);
}

/* Runs @text, which may hold several statements without parameters. */
gboolean
ssa_sql_exec (SsaSql      *sql,
              const char  *text,
              GError     **error)
{
  return sql->backend->exec (sql, text, error);
}

/* A write transaction: SQLite takes the write lock at once (BEGIN IMMEDIATE); PostgreSQL
 * locks the rows a statement changes, or that the caller locks with SELECT … FOR UPDATE. */
gboolean
ssa_sql_begin (SsaSql  *sql,
               GError **error)
{
  g_return_val_if_fail (!sql->in_transaction, FALSE);

  if (!ssa_sql_exec (sql, sql->backend->engine == SSA_SQL_ENGINE_SQLITE
                          ? "BEGIN IMMEDIATE" : "BEGIN", error))
    return FALSE;
  sql->in_transaction = TRUE;
  return TRUE;
}

gboolean
ssa_sql_commit (SsaSql  *sql,
                GError **error)
{
  g_return_val_if_fail (sql->in_transaction, FALSE);

  if (!ssa_sql_exec (sql, "COMMIT", error))
    {
      ssa_sql_rollback (sql);
      return FALSE;
    }
  sql->in_transaction = FALSE;
  return TRUE;
}

/* Rolls back the open transaction, if any; a failed ROLLBACK means it is rolled back. */
void
ssa_sql_rollback (SsaSql *sql)
{
  if (!sql->in_transaction)
    return;
  sql->in_transaction = FALSE;
  sql->backend->exec (sql, "ROLLBACK", NULL);
}

/* The number of rows the last INSERT, UPDATE or DELETE changed. */
gint64
ssa_sql_changes (SsaSql *sql)
{
  return sql->backend->changes (sql);
}

/* Which rule the last statement refused with SSA_TEAM_DB_ERROR_CONSTRAINT broke. */
SsaSqlConstraint
ssa_sql_get_last_constraint (SsaSql *sql)
{
  return sql->last_constraint;
}

/* The id of the row the last INSERT added (a table with an id column). */
gint64
ssa_sql_last_insert_id (SsaSql *sql)
{
  return sql->backend->last_insert_id (sql);
}

/**
 * ssa_sql_number_parameters:
 * @text: a statement with `?` and `?NNN` parameters
 * @out_count: (out): the highest parameter number
 *
 * Returns: (transfer full): @text with each parameter as `$n` (a bare `?` takes the number
 *   after the highest one so far, as in SQLite); quoted text, quoted names, comments and
 *   dollar-quoted bodies are left as they are
 */
char *
ssa_sql_number_parameters (const char *text,
                           int        *out_count)
{
  GString *out = g_string_sized_new (strlen (text) + 16);
  int highest = 0;
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '\'' || *p == '"')
        {
          char quote = *p;

          g_string_append_c (out, *p++);
          while (*p != '\0')
            {
              g_string_append_c (out, *p);
              if (*p++ == quote)
                {
                  if (*p == quote) /* a doubled quote is one character */
                    g_string_append_c (out, *p++);
                  else
                    break;
                }
            }
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            g_string_append_c (out, *p++);
        }
      else if (p[0] == '$' && p[1] == '$')
        {
          const char *end = strstr (p + 2, "$$");

          end = end != NULL ? end + 2 : p + strlen (p);
          g_string_append_len (out, p, end - p);
          p = end;
        }
      else if (*p == '?')
        {
          int number;

          p++;
          if (g_ascii_isdigit (*p))
            {
              number = 0;
              while (g_ascii_isdigit (*p) && number < 100000)
                number = number * 10 + (*p++ - '0');
            }
          else
            number = highest + 1;
          highest = MAX (highest, number);
          g_string_append_printf (out, "$%d", number);
        }
      else
        g_string_append_c (out, *p++);
    }

  if (out_count != NULL)
    *out_count = highest;
  return g_string_free (out, FALSE);
}
