/* ssa-team-db.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-sql"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ssa-db.h"
#include "ssa-db-price-lists.h"
#include "ssa-sql.h"
#include "ssa-team-db.h"

/* The storage on the SQL engine seam: a database opened from a libpq URI (a team's server)
 * or an SQLite file, its schema (`db init`) and the storing of a checked price list that
 * the migrations use, written once for both engines. */

G_DEFINE_QUARK (ssa-team-db-error-quark, ssa_team_db_error)

struct _SsaTeamDb
{
  SsaSql *sql;
};

/**
 * ssa_team_db_is_uri:
 * @location: (nullable): what --db gave
 *
 * Returns: whether @location names a team database (a postgresql:// or postgres:// URI)
 */
gboolean
ssa_team_db_is_uri (const char *location)
{
  return ssa_sql_is_uri (location);
}

/**
 * ssa_team_db_init:
 * @location: a libpq URI or the path of an SQLite file
 * @out_from_version: (out) (optional): the schema version the database had (0: new)
 * @error: a #GError
 *
 * Creates SSA Desk's schema in the database, or brings an older one up to date; a database
 * at this version is left as it is. An SQLite file is opened as the window opens it
 * (ssa_db_open(), which takes a backup before it migrates).
 */
gboolean
ssa_team_db_init (const char  *location,
                  gint64      *out_from_version,
                  GError     **error)
{
  g_autoptr(SsaSql) sql = NULL;

  g_return_val_if_fail (location != NULL, FALSE);

  if (!ssa_sql_is_uri (location))
    {
      g_autoptr(SsaDb) db = NULL;
      gint64 version = 0;

      /* Only an existing regular file is read first: ssa_db_open() says what is wrong with
       * anything else (a folder, a FIFO) without opening it. */
      if (g_file_test (location, G_FILE_TEST_IS_REGULAR))
        {
          sql = ssa_sql_open_sqlite (location, error);
          if (sql == NULL || !ssa_sql_read_schema_version (sql, &version, error))
            return FALSE;
          g_clear_pointer (&sql, ssa_sql_close);
        }
      db = ssa_db_open (location, SSA_DB_OPEN_DEFAULT, error);
      if (db == NULL)
        return FALSE;
      if (out_from_version != NULL)
        *out_from_version = version;
      return TRUE;
    }

  sql = ssa_sql_open_pg (location, error);
  return sql != NULL && ssa_sql_migrate (sql, out_from_version, error);
}

/**
 * ssa_team_db_open:
 * @location: a libpq URI or the path of an SQLite file
 * @error: a #GError
 *
 * Opens a database whose schema is this program's: one without it, or with an older one,
 * is refused (SSA_TEAM_DB_ERROR_NOT_INITIALISED: run `ssa-desk-cli db init`), one with a
 * newer one too (SSA_TEAM_DB_ERROR_NEWER). Nothing is changed by opening.
 *
 * Returns: (transfer full): the database
 */
SsaTeamDb *
ssa_team_db_open (const char  *location,
                  GError     **error)
{
  g_autoptr(SsaSql) sql = NULL;
  SsaTeamDb *self;
  gint64 version = 0;

  g_return_val_if_fail (location != NULL, NULL);

  /* Opening makes no file: a missing one has no schema yet. */
  if (!ssa_sql_is_uri (location) && !g_file_test (location, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (location);

      g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NOT_INITIALISED,
                   _("The database %s does not have this version's tables yet: run "
                     "“ssa-desk-cli db init” with it first."), display);
      return NULL;
    }

  sql = ssa_sql_open (location, error);
  if (sql == NULL || !ssa_sql_read_schema_version (sql, &version, error))
    return NULL;
  if (version > SSA_DB_SCHEMA_VERSION)
    {
      g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NEWER,
                   _("The database %s was written by a newer version of SSA Desk (schema "
                     "version %lld; this version knows up to %d). It was not "
                     "changed: update SSA Desk to use it."),
                   ssa_sql_get_display_name (sql), (long long) version,
                   SSA_DB_SCHEMA_VERSION);
      return NULL;
    }
  if (version < SSA_DB_SCHEMA_VERSION)
    {
      g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NOT_INITIALISED,
                   _("The database %s does not have this version's tables yet: run "
                     "“ssa-desk-cli db init” with it first."),
                   ssa_sql_get_display_name (sql));
      return NULL;
    }

  self = g_new0 (SsaTeamDb, 1);
  self->sql = g_steal_pointer (&sql);
  return self;
}

void
ssa_team_db_close (SsaTeamDb *self)
{
  if (self == NULL)
    return;
  ssa_sql_close (self->sql);
  g_free (self);
}

SsaSql *
ssa_team_db_get_sql (SsaTeamDb *self)
{
  return self->sql;
}

/* Returns: "sqlite" or "postgresql" */
const char *
ssa_team_db_get_dialect (SsaTeamDb *self)
{
  return ssa_sql_get_dialect (self->sql);
}

gboolean
ssa_team_db_get_schema_version (SsaTeamDb *self,
                                gint64    *out_version,
                                GError   **error)
{
  return ssa_sql_read_schema_version (self->sql, out_version, error);
}

/* Price lists */

/* An id names one document (see ssa-db-price-list.c). */
static gboolean
check_id_is_free (SsaSql      *sql,
                  const char  *list_id,
                  const char  *what,
                  GError     **error)
{
  g_autoptr(SsaSqlStmt) stmt = NULL;
  SsaSqlStep step;

  stmt = ssa_sql_prepare (sql, "SELECT 1 FROM price_lists WHERE list_id = ? LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_text (stmt, 1, list_id);
  step = ssa_sql_step (stmt, error);
  if (step == SSA_SQL_STEP_ERROR)
    return FALSE;
  if (step == SSA_SQL_STEP_ROW)
    {
      g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_REFUSED,
                   _("%s: a price list with the id “%s” is stored already, and its content "
                     "differs from this one. An id names one price list: nothing was stored "
                     "and the current price list is unchanged. Give the new list a new id."),
                   what, list_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_sql_store_checked_price_list_locked:
 *
 * ssa_db_store_checked_price_list_locked() on the seam: stores a checked price list and
 * makes it current, inside the caller's transaction. On PostgreSQL the current list's row
 * is locked first, so that two clients storing lists at once take turns.
 */
gboolean
ssa_sql_store_checked_price_list_locked (SsaSql                     *sql,
                                         const char                 *data,
                                         gsize                       length,
                                         const char                 *what,
                                         const SsaPriceList         *price_list,
                                         const char                 *sha256,
                                         const SsaDbPriceListSource *source,
                                         gint64                     *out_row_id,
                                         gboolean                   *out_was_new,
                                         GError                    **error)
{
  g_autoptr(SsaSqlStmt) stmt = NULL;
  const SsaDbPriceListSource no_source = { NULL, };
  gint64 row_id = 0;
  gboolean was_new;
  SsaSqlStep step;

  g_assert (sql != NULL && data != NULL && what != NULL && price_list != NULL && sha256 != NULL);

  if (source == NULL)
    source = &no_source;

  if (length > G_MAXINT)
    {
      g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_REFUSED,
                   _("%s: the price list is too large to store"), what);
      return FALSE;
    }

  if (ssa_sql_get_engine (sql) == SSA_SQL_ENGINE_POSTGRESQL)
    {
      /* Two stores at once would both find no list with this hash: the second waits. */
      stmt = ssa_sql_prepare (sql, "LOCK TABLE price_lists IN SHARE ROW EXCLUSIVE MODE", error);
      if (stmt == NULL || !ssa_sql_step_done (stmt, error))
        return FALSE;
      g_clear_pointer (&stmt, ssa_sql_stmt_free);
    }

  stmt = ssa_sql_prepare (sql, "SELECT id FROM price_lists WHERE sha256 = ?", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_text (stmt, 1, sha256);
  step = ssa_sql_step (stmt, error);
  if (step == SSA_SQL_STEP_ERROR)
    return FALSE;
  if (step == SSA_SQL_STEP_ROW)
    row_id = ssa_sql_column_int64 (stmt, 0);
  g_clear_pointer (&stmt, ssa_sql_stmt_free);
  was_new = row_id == 0;

  if (was_new && !check_id_is_free (sql, price_list->id, what, error))
    return FALSE;

  stmt = ssa_sql_prepare (sql, "UPDATE price_lists SET is_current = 0 WHERE is_current = 1",
                          error);
  if (stmt == NULL || !ssa_sql_step_done (stmt, error))
    return FALSE;
  g_clear_pointer (&stmt, ssa_sql_stmt_free);

  if (was_new)
    {
      stmt = ssa_sql_prepare (sql,
                              "INSERT INTO price_lists (list_id, document, sha256, source_url, "
                              "fetched_at, etag, last_modified, is_current) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, 1) RETURNING id", error);
      if (stmt == NULL)
        return FALSE;
      ssa_sql_bind_text (stmt, 1, price_list->id);
      ssa_sql_bind_text_len (stmt, 2, data, length);
      ssa_sql_bind_text (stmt, 3, sha256);
      ssa_sql_bind_optional_text (stmt, 4, source->source_url);
      ssa_sql_bind_optional_text (stmt, 5, source->fetched_at);
      ssa_sql_bind_optional_text (stmt, 6, source->etag);
      ssa_sql_bind_optional_text (stmt, 7, source->last_modified);
      if (ssa_sql_step (stmt, error) != SSA_SQL_STEP_ROW)
        return FALSE;
      row_id = ssa_sql_column_int64 (stmt, 0);
      if (!ssa_sql_step_done (stmt, error))
        return FALSE;
    }
  else
    {
      stmt = ssa_sql_prepare (sql,
                              "UPDATE price_lists SET is_current = 1, "
                              "source_url = coalesce(?, source_url), "
                              "fetched_at = coalesce(?, fetched_at), etag = coalesce(?, etag), "
                              "last_modified = coalesce(?, last_modified) WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      ssa_sql_bind_optional_text (stmt, 1, source->source_url);
      ssa_sql_bind_optional_text (stmt, 2, source->fetched_at);
      ssa_sql_bind_optional_text (stmt, 3, source->etag);
      ssa_sql_bind_optional_text (stmt, 4, source->last_modified);
      ssa_sql_bind_int64 (stmt, 5, row_id);
      if (!ssa_sql_step_done (stmt, error))
        return FALSE;
    }

  if (out_row_id != NULL)
    *out_row_id = row_id;
  if (out_was_new != NULL)
    *out_was_new = was_new;
  return TRUE;
}
