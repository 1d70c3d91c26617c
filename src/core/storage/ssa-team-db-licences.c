/* ssa-team-db-licences.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-sql"

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-sql.h"
#include "ssa-team-db.h"
#include "ssa-db-licences.h"

/* The user's table of licence types on the SQL engine seam: what
 * ssa_db_list_licence_type_map(), ssa_db_map_licence_type() and ssa_db_unmap_licence_type()
 * do on the SQLite file, with the same rules and words, for both engines. Refusals of the
 * values are SSA_DB_ERROR_REFUSED and SSA_DB_ERROR_NOT_FOUND as there. */

/**
 * ssa_team_db_list_licence_type_map:
 *
 * Returns: (transfer full) (element-type SsaDbLicenceTypeMapping): the user's licence type
 *   table, sorted by type
 */
GArray *
ssa_team_db_list_licence_type_map (SsaTeamDb *self,
                                   GError   **error)
{
  g_autoptr(SsaSqlStmt) stmt = NULL;
  g_autoptr(GArray) rows = NULL;
  SsaSqlStep step;

  g_return_val_if_fail (self != NULL, NULL);

  /* The same order on both engines: by the bytes of the type, not by a collation. */
  stmt = ssa_sql_prepare (ssa_team_db_get_sql (self),
                          ssa_sql_get_engine (ssa_team_db_get_sql (self)) ==
                          SSA_SQL_ENGINE_POSTGRESQL
                          ? "SELECT type, code FROM licence_type_map ORDER BY type COLLATE \"C\""
                          : "SELECT type, code FROM licence_type_map ORDER BY type", error);
  if (stmt == NULL)
    return NULL;
  rows = g_array_new (FALSE, TRUE, sizeof (SsaDbLicenceTypeMapping));
  g_array_set_clear_func (rows, (GDestroyNotify) ssa_db_licence_type_mapping_clear);
  while ((step = ssa_sql_step (stmt, error)) == SSA_SQL_STEP_ROW)
    {
      SsaDbLicenceTypeMapping row = {
        ssa_sql_column_dup_text (stmt, 0), ssa_sql_column_dup_text (stmt, 1)
      };

      g_array_append_val (rows, row);
    }
  if (step == SSA_SQL_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&rows);
}

static gboolean
is_type_text (const char *text)
{
  glong n_chars;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  n_chars = g_utf8_strlen (text, -1);
  if (n_chars < 1 || n_chars > 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * ssa_team_db_map_licence_type:
 *
 * As ssa_db_map_licence_type(): adds @type to the user's table, or changes its article.
 */
gboolean
ssa_team_db_map_licence_type (SsaTeamDb          *self,
                              const char         *type,
                              const char         *code,
                              const SsaPriceList *price_list,
                              GError            **error)
{
  g_autoptr(SsaSqlStmt) stmt = NULL;
  const SsaPriceListProduct *known;
  SsaSql *sql;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (price_list != NULL, FALSE);

  if (!is_type_text (type))
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
                   _("A licence type is 1 to 64 characters without control characters."));
      return FALSE;
    }
  known = ssa_price_list_lookup_licence_type (price_list, type);
  if (known != NULL)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
                   _("The price list “%s” knows the licence type “%s” already: it is "
                     "article %s. Only types the price list does not know can be mapped."),
                   price_list->id, type, known->code);
      return FALSE;
    }
  if (code == NULL || ssa_price_list_lookup (price_list, code) == NULL)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
                   _("The price list “%s” has no article “%s”. Give an article number of "
                     "the current price list."), price_list->id, code != NULL ? code : "");
      return FALSE;
    }

  sql = ssa_team_db_get_sql (self);
  stmt = ssa_sql_prepare (sql,
                          ssa_sql_get_engine (sql) == SSA_SQL_ENGINE_POSTGRESQL
                          ? "INSERT INTO licence_type_map (type, code) VALUES (?1, ?2) "
                            "ON CONFLICT (type) DO UPDATE SET code = ?2, updated_at = "
                            "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
                          : "INSERT INTO licence_type_map (type, code) VALUES (?1, ?2) "
                            "ON CONFLICT (type) DO UPDATE SET code = ?2, updated_at = "
                            "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_text (stmt, 1, type);
  ssa_sql_bind_text (stmt, 2, code);
  return ssa_sql_step_done (stmt, error);
}

/**
 * ssa_team_db_unmap_licence_type:
 *
 * As ssa_db_unmap_licence_type(): a type that is not in the table is
 * %SSA_DB_ERROR_NOT_FOUND.
 */
gboolean
ssa_team_db_unmap_licence_type (SsaTeamDb   *self,
                                const char  *type,
                                GError     **error)
{
  g_autoptr(SsaSqlStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  stmt = ssa_sql_prepare (ssa_team_db_get_sql (self),
                          "DELETE FROM licence_type_map WHERE type = ?", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_text (stmt, 1, type);
  if (!ssa_sql_step_done (stmt, error))
    return FALSE;
  if (ssa_sql_changes (ssa_team_db_get_sql (self)) == 0)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND,
                   _("The licence type “%s” is not in the table of licence types."), type);
      return FALSE;
    }
  return TRUE;
}
