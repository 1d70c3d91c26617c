/* ssa-price-list-update.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-fetch"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ssa-credentials.h"
#include "ssa-db-private.h"
#include "ssa-price-list-update.h"

/* One update is a chain of steps, each finishing on the caller's main context:
 *
 *   read_current_in_thread ()   the current list's ETag, Last-Modified, SHA-256, source URL
 *   ssa_price_list_fetch_async ()        the login from the keyring (unless SKIP_KEYRING),
 *                                        then a fetch, conditional when the current list is
 *                                        from this URL
 *   store_in_thread ()                   only for a new, valid list
 *
 * A missing keyring is no reason to fail: most price lists need no login. It only matters
 * when the server then asks for one, and then its message is the one the user sees. */

typedef struct
{
  SsaFetcher              *fetcher;
  char                    *db_path;
  char                    *url;
  SsaPriceListUpdateFlags  flags;
  SsaDbPriceListInfo      *before;
  SsaFetchResult          *fetch;
} UpdateData;

typedef struct
{
  SsaFetcher     *fetcher;
  char           *url;
  char           *etag;
  char           *last_modified;
  char           *sha256;
  SsaCredentials *credentials;
  GError         *keyring_error;
} FetchData;

typedef struct
{
  SsaDbPriceListInfo *info;
  gboolean            was_new;
} StoreResult;

static void
update_data_free (UpdateData *data)
{
  g_clear_object (&data->fetcher);
  g_free (data->db_path);
  g_free (data->url);
  g_clear_pointer (&data->before, ssa_db_price_list_info_free);
  g_clear_pointer (&data->fetch, ssa_fetch_result_free);
  g_free (data);
}

static void
fetch_data_free (FetchData *data)
{
  g_clear_object (&data->fetcher);
  g_free (data->url);
  g_free (data->etag);
  g_free (data->last_modified);
  g_free (data->sha256);
  g_clear_pointer (&data->credentials, ssa_credentials_free);
  g_clear_error (&data->keyring_error);
  g_free (data);
}

static void
store_result_free (StoreResult *result)
{
  ssa_db_price_list_info_free (result->info);
  g_free (result);
}

static SsaDbPriceListInfo *
info_copy (const SsaDbPriceListInfo *info)
{
  SsaDbPriceListInfo *copy = g_new0 (SsaDbPriceListInfo, 1);

  copy->row_id = info->row_id;
  copy->list_id = g_strdup (info->list_id);
  copy->sha256 = g_strdup (info->sha256);
  copy->source_url = g_strdup (info->source_url);
  copy->fetched_at = g_strdup (info->fetched_at);
  copy->etag = g_strdup (info->etag);
  copy->last_modified = g_strdup (info->last_modified);
  copy->imported_at = g_strdup (info->imported_at);
  copy->is_current = info->is_current;
  return copy;
}

void
ssa_price_list_update_free (SsaPriceListUpdate *update)
{
  if (update == NULL)
    return;

  g_free (update->url);
  ssa_db_price_list_info_free (update->current);
  g_free (update);
}

static void
finish (GTask                     *task,
        SsaPriceListUpdateOutcome  outcome,
        SsaDbPriceListInfo        *current)
{
  UpdateData *data = g_task_get_task_data (task);
  SsaPriceListUpdate *update = g_new0 (SsaPriceListUpdate, 1);

  update->outcome = outcome;
  update->url = g_strdup (data->url);
  update->current = current;
  update->previous_row_id = data->before != NULL ? data->before->row_id : 0;
  g_task_return_pointer (task, update, (GDestroyNotify) ssa_price_list_update_free);
  g_object_unref (task);
}

static void
fail (GTask  *task,
      GError *error)
{
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Fetching with the login from the keyring: ssa_price_list_fetch_async () */

static void
fetch_done_cb (GObject      *source_object,
               GAsyncResult *res,
               gpointer      user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SsaFetchResult *result;

  result = ssa_fetcher_fetch_finish (SSA_FETCHER (source_object), res, &error);
  if (result == NULL)
    {
      /* A server that wants a login, and a keyring that could not be asked for one: the
       * keyring's message says what to do. */
      if (g_error_matches (error, SSA_FETCH_ERROR, SSA_FETCH_ERROR_AUTH) &&
          data->keyring_error != NULL)
        fail (task, g_steal_pointer (&data->keyring_error));
      else
        fail (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify) ssa_fetch_result_free);
  g_object_unref (task);
}

static void
fetch_start (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  SsaFetchConditions conditions = {
    .etag = data->etag,
    .last_modified = data->last_modified,
    .sha256 = data->sha256,
    .credentials = data->credentials,
  };

  ssa_fetcher_fetch_async (data->fetcher, data->url, &conditions, g_task_get_cancellable (task),
                           fetch_done_cb, task);
}

static void
fetch_credentials_cb (GObject      *source_object,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->credentials = ssa_credentials_lookup_finish (res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  /* Any other keyring failure only matters if the server wants a login (fetch_done_cb ()). */
  data->keyring_error = g_steal_pointer (&error);
  fetch_start (task);
}

/**
 * ssa_price_list_fetch_async:
 * @fetcher: the fetcher to use (its timeout applies)
 * @url: the price list URL
 * @conditions: (nullable): what is known of the list already held, for a conditional fetch;
 *   borrowed for the duration of this call only. Its @credentials must be %NULL: the login
 *   is the keyring's.
 * @flags: %SSA_PRICE_LIST_UPDATE_SKIP_KEYRING to fetch without asking the keyring
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context when done
 * @user_data: data for @callback
 *
 * Looks up the login stored for @url in the keyring, then fetches the price list with it
 * (or without one when the keyring holds none or cannot be asked). Nothing is stored.
 *
 * The error is the fetcher's (%SSA_FETCH_ERROR), except when the server wants a login the
 * keyring could not give: then it is the keyring's (%SSA_CREDENTIALS_ERROR), which says
 * what to do.
 */
void
ssa_price_list_fetch_async (SsaFetcher               *fetcher,
                            const char               *url,
                            const SsaFetchConditions *conditions,
                            SsaPriceListUpdateFlags   flags,
                            GCancellable             *cancellable,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  FetchData *data;
  GTask *task;

  g_return_if_fail (SSA_IS_FETCHER (fetcher));
  g_return_if_fail (url != NULL);
  g_return_if_fail (conditions == NULL || conditions->credentials == NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ssa_price_list_fetch_async);
  g_task_set_name (task, "[ssa-desk] fetch and store price list");
  /* The fetcher's answer is returned as it came, even after a late cancellation: an update
   * stores a list that was fetched whole (stored_cb ()). */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (FetchData, 1);
  data->fetcher = g_object_ref (fetcher);
  data->url = g_strdup (url);
  if (conditions != NULL)
    {
      data->etag = g_strdup (conditions->etag);
      data->last_modified = g_strdup (conditions->last_modified);
      data->sha256 = g_strdup (conditions->sha256);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  if (flags & SSA_PRICE_LIST_UPDATE_SKIP_KEYRING)
    fetch_start (task);
  else
    ssa_credentials_lookup_async (url, cancellable, fetch_credentials_cb, task);
}

/**
 * ssa_price_list_fetch_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): what the fetcher returned, or %NULL with @error set
 */
SsaFetchResult *
ssa_price_list_fetch_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ssa_price_list_fetch_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Step 3: store */

static void
store_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  UpdateData *data = task_data;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *fetched_at = g_date_time_format_iso8601 (now);
  SsaDbPriceListSource source = {
    .source_url = data->url,
    .fetched_at = fetched_at,
    .etag = data->fetch->etag,
    .last_modified = data->fetch->last_modified,
  };
  StoreResult *result;
  gsize length;
  const char *bytes = g_bytes_get_data (data->fetch->bytes, &length);

  db = ssa_db_open (data->db_path, SSA_DB_OPEN_DEFAULT, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The fetcher's worker thread checked the list whole and hashed its bytes: a list of up
   * to 16 MiB is not parsed again only to be stored. */
  g_assert (data->fetch->price_list != NULL);
  g_assert (data->fetch->sha256 != NULL);

  result = g_new0 (StoreResult, 1);
  if (!ssa_db_store_checked_price_list (db, bytes, length, data->url, data->fetch->price_list,
                                        data->fetch->sha256, &source, &result->info,
                                        &result->was_new, &error))
    {
      store_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) store_result_free);
}

static void
stored_cb (GObject      *source_object,
           GAsyncResult *res,
           gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  StoreResult *result;

  result = g_task_propagate_pointer (G_TASK (res), &error);
  if (result == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }

  finish (task, result->was_new ? SSA_PRICE_LIST_UPDATE_STORED : SSA_PRICE_LIST_UPDATE_RESTORED,
          g_steal_pointer (&result->info));
  store_result_free (result);
}

/* Step 2: fetch, with the login from the keyring */

static void
fetched_cb (GObject      *source_object,
            GAsyncResult *res,
            gpointer      user_data)
{
  GTask *task = user_data;
  UpdateData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) store_task = NULL;

  data->fetch = ssa_price_list_fetch_finish (res, &error);
  if (data->fetch == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }

  switch (data->fetch->outcome)
    {
    case SSA_FETCH_OUTCOME_NOT_MODIFIED:
      finish (task, SSA_PRICE_LIST_UPDATE_NOT_MODIFIED, info_copy (data->before));
      return;

    case SSA_FETCH_OUTCOME_SAME_CONTENT:
      finish (task, SSA_PRICE_LIST_UPDATE_SAME_CONTENT, info_copy (data->before));
      return;

    case SSA_FETCH_OUTCOME_NEW:
    default:
      break;
    }

  /* Past this point the list is stored whatever the caller's cancellable says: a store is
   * not interrupted half-way, and its result is reported as it is. */
  store_task = g_task_new (NULL, NULL, stored_cb, task);
  g_task_set_source_tag (store_task, store_in_thread);
  g_task_set_name (store_task, "[ssa-desk] store price list");
  g_task_set_task_data (store_task, data, NULL);
  g_task_run_in_thread (store_task, store_in_thread);
}

static void
start_fetch (GTask *task)
{
  UpdateData *data = g_task_get_task_data (task);
  SsaFetchConditions conditions = { NULL, };

  if (data->before != NULL)
    {
      /* An ETag or a date belongs to the URL that sent it. */
      if (g_strcmp0 (data->before->source_url, data->url) == 0)
        {
          conditions.etag = data->before->etag;
          conditions.last_modified = data->before->last_modified;
        }
      conditions.sha256 = data->before->sha256;
    }

  ssa_price_list_fetch_async (data->fetcher, data->url, &conditions, data->flags,
                              g_task_get_cancellable (task), fetched_cb, task);
}

/* Step 1: the current list */

static void
read_current_in_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  UpdateData *data = task_data;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GError) error = NULL;

  db = ssa_db_open (data->db_path, SSA_DB_OPEN_DEFAULT, &error);
  if (db != NULL)
    lists = ssa_db_list_price_lists (db, &error);
  if (lists == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < lists->len; i++)
    {
      SsaDbPriceListInfo *info = g_ptr_array_index (lists, i);

      if (info->is_current)
        {
          g_task_return_pointer (task, info_copy (info),
                                 (GDestroyNotify) ssa_db_price_list_info_free);
          return;
        }
    }
  g_task_return_pointer (task, NULL, NULL);
}

static void
read_current_cb (GObject      *source_object,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  GTask *task = user_data;
  UpdateData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->before = g_task_propagate_pointer (G_TASK (res), &error);
  if (error != NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }

  start_fetch (task);
}

/**
 * ssa_price_list_update_async:
 * @fetcher: the fetcher to use (its timeout applies)
 * @db_path: (nullable): the database file, or %NULL for the window's
 * @url: the price list URL
 * @flags: options
 * @cancellable: (nullable): a #GCancellable: it stops the update until the fetched list is
 *   being stored, not after
 * @callback: called on the thread-default main context when done
 * @user_data: data for @callback
 *
 * Fetches the price list at @url, with the login stored for it in the keyring, and stores
 * it as the current list when it is valid and differs from the current one. On failure the
 * database is unchanged and the error is the fetcher's (%SSA_FETCH_ERROR), the keyring's
 * (%SSA_CREDENTIALS_ERROR, when the server wants a login the keyring could not give), or the
 * database's (%SSA_DB_ERROR).
 */
void
ssa_price_list_update_async (SsaFetcher              *fetcher,
                             const char              *db_path,
                             const char              *url,
                             SsaPriceListUpdateFlags  flags,
                             GCancellable            *cancellable,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  g_autoptr(GTask) read_task = NULL;
  g_autoptr(GError) error = NULL;
  UpdateData *data;
  GTask *task;

  g_return_if_fail (SSA_IS_FETCHER (fetcher));
  g_return_if_fail (url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ssa_price_list_update_async);
  g_task_set_name (task, "[ssa-desk] update price list");
  /* A list stored after a late cancellation is reported as stored (stored_cb ()). */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (UpdateData, 1);
  data->fetcher = g_object_ref (fetcher);
  data->db_path = g_strdup (db_path);
  data->url = g_strdup (url);
  data->flags = flags;
  g_task_set_task_data (task, data, (GDestroyNotify) update_data_free);

  /* A bad address is refused before the database is even opened. */
  if (!ssa_fetcher_check_url (url, &error))
    {
      fail (task, g_steal_pointer (&error));
      return;
    }

  read_task = g_task_new (NULL, cancellable, read_current_cb, task);
  g_task_set_source_tag (read_task, read_current_in_thread);
  g_task_set_name (read_task, "[ssa-desk] read current price list");
  g_task_set_task_data (read_task, data, NULL);
  g_task_run_in_thread (read_task, read_current_in_thread);
}

/**
 * ssa_price_list_update_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): what came of the update, or %NULL with @error set
 */
SsaPriceListUpdate *
ssa_price_list_update_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ssa_price_list_update_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Comparing stored lists */

static SsaPriceList *
load_stored (SsaDb   *db,
             gint64   row_id,
             GError **error)
{
  g_autofree char *document = NULL;
  g_autofree char *what = NULL;

  document = ssa_db_dup_price_list_document (db, row_id, error);
  if (document == NULL)
    return NULL;

  /* Translators: names a price list of the database in messages; the number is its row. */
  what = g_strdup_printf (_("stored price list #%lld"), (long long) row_id);
  return ssa_price_list_new_from_data (document, strlen (document), what, error);
}

/**
 * ssa_price_list_diff_stored:
 * @db: the database
 * @old_row_id: the row of the older list
 * @new_row_id: the row of the newer list
 * @error: a #GError
 *
 * Returns: (transfer full): what changed from one stored list to the other
 */
SsaPriceListDiff *
ssa_price_list_diff_stored (SsaDb   *db,
                            gint64   old_row_id,
                            gint64   new_row_id,
                            GError **error)
{
  g_autoptr(SsaPriceList) old_list = NULL;
  g_autoptr(SsaPriceList) new_list = NULL;

  g_return_val_if_fail (db != NULL, NULL);

  old_list = load_stored (db, old_row_id, error);
  if (old_list == NULL)
    return NULL;
  new_list = load_stored (db, new_row_id, error);
  if (new_list == NULL)
    return NULL;
  return ssa_price_list_diff_new (old_list, new_list);
}

/**
 * ssa_price_list_find_previous:
 * @db: the database
 * @out_old_row_id: (out): the most recently stored list other than the current one
 * @out_new_row_id: (out): the current list
 * @error: a #GError
 *
 * Finds the two lists `price-list diff` compares by default.
 *
 * Returns: %FALSE when there is no current list or no other list to compare it with
 */
gboolean
ssa_price_list_find_previous (SsaDb   *db,
                              gint64  *out_old_row_id,
                              gint64  *out_new_row_id,
                              GError **error)
{
  g_autoptr(GPtrArray) lists = NULL;
  gint64 old_row = 0;
  gint64 new_row = 0;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (out_old_row_id != NULL && out_new_row_id != NULL, FALSE);

  lists = ssa_db_list_price_lists (db, error);
  if (lists == NULL)
    return FALSE;

  /* Most recently stored first. */
  for (guint i = 0; i < lists->len; i++)
    {
      SsaDbPriceListInfo *info = g_ptr_array_index (lists, i);

      if (info->is_current)
        new_row = info->row_id;
      else if (old_row == 0)
        old_row = info->row_id;
    }

  if (new_row == 0 || old_row == 0)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND,
                   _("The database %s holds only one price list: there is nothing to compare "
                     "it with yet."), ssa_db_get_path (db));
      return FALSE;
    }

  *out_old_row_id = old_row;
  *out_new_row_id = new_row;
  return TRUE;
}
