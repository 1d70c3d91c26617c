/* ssa-db-price-list.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-db"

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-db-private.h"

/* Stored price lists: each document as it was received (byte for byte), known by the
 * SHA-256 of its bytes, and one of them current. A price list is checked whole before it
 * is stored, so a refused one never replaces the current one. */

#define PRICE_LIST_COLUMNS \
  "id, list_id, sha256, source_url, fetched_at, etag, last_modified, imported_at, is_current"

void
ssa_db_price_list_info_free (SsaDbPriceListInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->list_id);
  g_free (info->sha256);
  g_free (info->source_url);
  g_free (info->fetched_at);
  g_free (info->etag);
  g_free (info->last_modified);
  g_free (info->imported_at);
  g_free (info);
}

static SsaDbPriceListInfo *
info_from_row (SsaDbStmt *stmt)
{
  SsaDbPriceListInfo *info = g_new0 (SsaDbPriceListInfo, 1);

  info->row_id = ssa_sql_column_int64 (stmt, 0);
  info->list_id = ssa_db_column_text (stmt, 1);
  info->sha256 = ssa_db_column_text (stmt, 2);
  info->source_url = ssa_db_column_text (stmt, 3);
  info->fetched_at = ssa_db_column_text (stmt, 4);
  info->etag = ssa_db_column_text (stmt, 5);
  info->last_modified = ssa_db_column_text (stmt, 6);
  info->imported_at = ssa_db_column_text (stmt, 7);
  info->is_current = (int) ssa_sql_column_int64 (stmt, 8) != 0;
  return info;
}

static SsaDbPriceListInfo *
load_info (SsaDb       *self,
           gint64       row_id,
           GError     **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  stmt = ssa_db_prepare (self, "SELECT " PRICE_LIST_COLUMNS " FROM price_lists WHERE id = ?",
                         error);
  if (stmt == NULL)
    return NULL;
  ssa_sql_bind_int64 (stmt, 1, row_id);
  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  if (rc == SSA_SQL_STEP_DONE)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND,
                   _("There is no stored price list %lld in the database %s."),
                   (long long) row_id, self->display_name);
      return NULL;
    }
  return info_from_row (stmt);
}

/* An id names one document: offers name the list they used by its id, so a second document
 * under a stored id (the same bytes are the same document) would make an id say two things.
 * The distributor gives a changed list a new id. */
static gboolean
check_id_is_free (SsaDb       *self,
                  const char  *list_id,
                  const char  *what,
                  GError     **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  stmt = ssa_db_prepare (self, "SELECT 1 FROM price_lists WHERE list_id = ? LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_text (stmt, 1, list_id);
  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return FALSE;
  if (rc == SSA_SQL_STEP_ROW)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
                   _("%s: a price list with the id “%s” is stored already, and its content "
                     "differs from this one. An id names one price list: nothing was stored "
                     "and the current price list is unchanged. Give the new list a new id."),
                   what, list_id);
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_db_store_checked_price_list_locked:
 * @self: the connection, in a write transaction the caller holds
 * @data: the document
 * @length: its length in bytes
 * @what: its name for messages: the file name or URL
 * @price_list: @data, checked whole (ssa_price_list_new_from_data() or the fetcher)
 * @sha256: the SHA-256 of @data, lower-case hex
 * @source: (nullable): where it came from, for a fetched list
 * @out_row_id: (out) (optional): the stored list's row
 * @out_was_new: (out) (optional): whether it was stored now, rather than found stored
 * @error: a #GError
 *
 * Stores a price list that was checked already and makes it the current list, without a
 * transaction of its own: the migration that stores the bundled list runs inside its own,
 * and SQLite transactions do not nest. A document with the same bytes as a stored one is not
 * stored again: that one becomes current (and takes @source's ETag and Last-Modified). A
 * document with other bytes under the id of a stored one is refused (%SSA_DB_ERROR_REFUSED).
 *
 * Returns: %TRUE when the list is stored and current; on failure the caller rolls back
 */
gboolean
ssa_db_store_checked_price_list_locked (SsaDb                       *self,
                                        const char                  *data,
                                        gsize                        length,
                                        const char                  *what,
                                        const SsaPriceList          *price_list,
                                        const char                  *sha256,
                                        const SsaDbPriceListSource  *source,
                                        gint64                      *out_row_id,
                                        gboolean                    *out_was_new,
                                        GError                     **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  const SsaDbPriceListSource no_source = { NULL, };
  gint64 row_id = 0;
  gboolean was_new;
  int rc;

  g_assert (self != NULL);
  g_assert (data != NULL);
  g_assert (what != NULL);
  g_assert (price_list != NULL);
  g_assert (sha256 != NULL);

  if (source == NULL)
    source = &no_source;

  /* On a team database two clients storing at once would both find no list with this
   * hash: the second waits for the first (a file lets one writer in at a time already). */
  if (ssa_db_is_team (self) &&
      !ssa_db_exec (self, "LOCK TABLE price_lists IN SHARE ROW EXCLUSIVE MODE", error))
    return FALSE;

  /* SQLite takes the document's length as an int. */
  if (length > G_MAXINT)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
                   _("%s: the price list is too large to store"), what);
      return FALSE;
    }

  stmt = ssa_db_prepare (self, "SELECT id FROM price_lists WHERE sha256 = ?", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_text (stmt, 1, sha256);
  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return FALSE;
  if (rc == SSA_SQL_STEP_ROW)
    row_id = ssa_sql_column_int64 (stmt, 0);
  ssa_db_stmt_release (g_steal_pointer (&stmt));
  was_new = row_id == 0;

  if (was_new && !check_id_is_free (self, price_list->id, what, error))
    return FALSE;

  stmt = ssa_db_prepare (self, "UPDATE price_lists SET is_current = 0 WHERE is_current = 1",
                         error);
  if (stmt == NULL || !ssa_db_step_done (self, stmt, error))
    return FALSE;
  ssa_db_stmt_release (g_steal_pointer (&stmt));

  if (was_new)
    {
      stmt = ssa_db_prepare (self,
                             "INSERT INTO price_lists (list_id, document, sha256, source_url, "
                             "fetched_at, etag, last_modified, is_current) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, 1)", error);
      if (stmt == NULL)
        return FALSE;
      ssa_sql_bind_text (stmt, 1, price_list->id);
      ssa_sql_bind_text_len (stmt, 2, data, length);
      ssa_sql_bind_text (stmt, 3, sha256);
      ssa_db_bind_text (stmt, 4, source->source_url);
      ssa_db_bind_text (stmt, 5, source->fetched_at);
      ssa_db_bind_text (stmt, 6, source->etag);
      ssa_db_bind_text (stmt, 7, source->last_modified);
      if (!ssa_db_step_done (self, stmt, error))
        return FALSE;
      row_id = ssa_db_last_insert_id (self);
    }
  else
    {
      stmt = ssa_db_prepare (self,
                             "UPDATE price_lists SET is_current = 1, "
                             "source_url = coalesce(?, source_url), "
                             "fetched_at = coalesce(?, fetched_at), etag = coalesce(?, etag), "
                             "last_modified = coalesce(?, last_modified) WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      ssa_db_bind_text (stmt, 1, source->source_url);
      ssa_db_bind_text (stmt, 2, source->fetched_at);
      ssa_db_bind_text (stmt, 3, source->etag);
      ssa_db_bind_text (stmt, 4, source->last_modified);
      ssa_sql_bind_int64 (stmt, 5, row_id);
      if (!ssa_db_step_done (self, stmt, error))
        return FALSE;
    }

  if (out_row_id != NULL)
    *out_row_id = row_id;
  if (out_was_new != NULL)
    *out_was_new = was_new;
  return TRUE;
}

/**
 * ssa_db_store_checked_price_list:
 * @self: the connection
 * @data: the document
 * @length: its length in bytes
 * @what: its name for messages: the file name or URL
 * @price_list: @data, checked whole (ssa_price_list_new_from_data() or the fetcher)
 * @sha256: the SHA-256 of @data, lower-case hex
 * @source: (nullable): where it came from, for a fetched list
 * @out_info: (out) (optional) (transfer full): the stored list
 * @out_was_new: (out) (optional): whether it was stored now, rather than found stored
 * @error: a #GError
 *
 * ssa_db_store_checked_price_list_locked() in a transaction of its own, for a caller that
 * checked and hashed the document already (the fetcher does both in its worker thread), so
 * that a large list is not parsed a second time.
 *
 * Returns: %TRUE when the list is stored and current; on failure nothing changed
 */
gboolean
ssa_db_store_checked_price_list (SsaDb                       *self,
                                 const char                  *data,
                                 gsize                        length,
                                 const char                  *what,
                                 const SsaPriceList          *price_list,
                                 const char                  *sha256,
                                 const SsaDbPriceListSource  *source,
                                 SsaDbPriceListInfo         **out_info,
                                 gboolean                    *out_was_new,
                                 GError                     **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  gint64 row_id = 0;
  gboolean was_new = FALSE;

  if (!ssa_db_transaction_begin (&txn, self, error))
    return FALSE;
  if (!ssa_db_store_checked_price_list_locked (self, data, length, what, price_list, sha256,
                                               source, &row_id, &was_new, error))
    return FALSE;
  if (!ssa_db_transaction_commit (&txn, error))
    return FALSE;

  if (out_info != NULL)
    {
      /* Stored and committed: a failure to read it back is not a failure to store. */
      *out_info = load_info (self, row_id, NULL);
      if (*out_info == NULL)
        {
          *out_info = g_new0 (SsaDbPriceListInfo, 1);
          (*out_info)->row_id = row_id;
          (*out_info)->list_id = g_strdup (price_list->id);
          (*out_info)->sha256 = g_strdup (sha256);
          (*out_info)->is_current = TRUE;
        }
    }
  if (out_was_new != NULL)
    *out_was_new = was_new;
  return TRUE;
}

/**
 * ssa_db_store_price_list:
 * @self: the connection
 * @data: the document
 * @length: its length in bytes
 * @what: its name for messages: the file name or URL
 * @source: (nullable): where it came from, for a fetched list
 * @out_info: (out) (optional) (transfer full): the stored list
 * @out_was_new: (out) (optional): whether it was stored now, rather than found stored
 * @error: a #GError
 *
 * Checks the price list whole (ssa_price_list_new_from_data()), then stores it and makes it
 * the current list in one transaction. A document with the same bytes as a stored one is
 * not stored again: that one becomes current (and takes @source's ETag and Last-Modified).
 * A document with other bytes under the id of a stored one is refused
 * (%SSA_DB_ERROR_REFUSED): an id names one price list.
 *
 * Returns: %TRUE when the list is stored and current; on failure nothing changed
 */
gboolean
ssa_db_store_price_list (SsaDb                       *self,
                         const char                  *data,
                         gsize                        length,
                         const char                  *what,
                         const SsaDbPriceListSource  *source,
                         SsaDbPriceListInfo         **out_info,
                         gboolean                    *out_was_new,
                         GError                     **error)
{
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autofree char *sha256 = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (what != NULL, FALSE);

  price_list = ssa_price_list_new_from_data (data, length, what, error);
  if (price_list == NULL)
    return FALSE;

  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  return ssa_db_store_checked_price_list (self, data, length, what, price_list, sha256, source,
                                          out_info, out_was_new, error);
}

/**
 * ssa_db_dup_price_list_document:
 *
 * Returns: (transfer full): the stored document of the price list row @row_id, as received
 */
char *
ssa_db_dup_price_list_document (SsaDb   *self,
                                gint64   row_id,
                                GError **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = ssa_db_prepare (self, "SELECT document FROM price_lists WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  ssa_sql_bind_int64 (stmt, 1, row_id);
  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  if (rc == SSA_SQL_STEP_DONE)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND,
                   _("There is no stored price list %lld in the database %s."),
                   (long long) row_id, self->display_name);
      return NULL;
    }
  return ssa_db_column_text (stmt, 0);
}

/**
 * ssa_db_load_current_price_list:
 * @self: the connection
 * @out_info: (out) (optional) (transfer full): the stored list's details
 * @error: a #GError
 *
 * Returns: (transfer full): the current price list
 */
SsaPriceList *
ssa_db_load_current_price_list (SsaDb               *self,
                                SsaDbPriceListInfo **out_info,
                                GError             **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = ssa_db_prepare_current_price_list (self, error);
  if (stmt == NULL)
    return NULL;
  return ssa_db_read_current_price_list (self, stmt, out_info, error);
}

/* The statement that reads the current price list, for ssa_db_read_current_price_list():
 * apart, so that it can run together with other reads (ssa_sql_pg_run_together()). */
SsaDbStmt *
ssa_db_prepare_current_price_list (SsaDb   *self,
                                   GError **error)
{
  return ssa_db_prepare (self,
                         "SELECT " PRICE_LIST_COLUMNS ", document FROM price_lists "
                         "WHERE is_current = 1", error);
}

/* Steps @stmt of ssa_db_prepare_current_price_list() (run already or not) and returns the
 * current price list, as ssa_db_load_current_price_list() does. */
SsaPriceList *
ssa_db_read_current_price_list (SsaDb               *self,
                                SsaDbStmt           *stmt,
                                SsaDbPriceListInfo **out_info,
                                GError             **error)
{
  g_autoptr(SsaDbPriceListInfo) info = NULL;
  g_autofree char *what = NULL;
  SsaPriceList *price_list;
  int rc;

  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  if (rc == SSA_SQL_STEP_DONE)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND,
                   _("The database %s has no current price list: import or fetch one "
                     "first."), self->display_name);
      return NULL;
    }

  info = info_from_row (stmt);
  /* Translators: the name of a stored price list in messages, e.g. "price list 2026-12". */
  what = g_strdup_printf (_("price list %s"), info->list_id);
  price_list = ssa_price_list_new_from_data (ssa_sql_column_text (stmt, 9),
                                             ssa_sql_column_text_length (stmt, 9), what, error);
  if (price_list == NULL)
    return NULL;

  if (out_info != NULL)
    *out_info = g_steal_pointer (&info);
  return price_list;
}

/**
 * ssa_db_list_price_lists:
 *
 * Returns: (transfer full) (element-type SsaDbPriceListInfo): the stored price lists, the
 *   most recently stored first
 */
GPtrArray *
ssa_db_list_price_lists (SsaDb   *self,
                         GError **error)
{
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = ssa_db_prepare (self, "SELECT " PRICE_LIST_COLUMNS " FROM price_lists ORDER BY id DESC",
                         error);
  if (stmt == NULL)
    return NULL;
  lists = g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_db_price_list_info_free);
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    g_ptr_array_add (lists, info_from_row (stmt));
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&lists);
}
