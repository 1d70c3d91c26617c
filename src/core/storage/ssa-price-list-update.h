/* ssa-price-list-update.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-fetcher.h"
#include "ssa-price-list-diff.h"

G_BEGIN_DECLS

/* Fetch, then store: the glue between the fetcher, the keyring and the database that the
 * window's refresh and `ssa-desk-cli price-list fetch` share. The first half alone, fetching
 * with the login from the keyring (ssa_price_list_fetch_async ()), also serves
 * `ssa-desk-cli fetch-price-list`, which stores nothing. A list is stored (and becomes
 * current) only when it is valid and its bytes differ from the current list's; any failure
 * leaves the database as it was. The database is used from worker threads, each with its
 * own connection to the file (see ssa-db.h), so the main loop never waits for SQLite or for
 * the check of a large list. */

typedef enum
{
  SSA_PRICE_LIST_UPDATE_FLAGS_NONE   = 0,
  /* Do not look up a login in the keyring (tests, and callers that pass none). */
  SSA_PRICE_LIST_UPDATE_SKIP_KEYRING = 1 << 0,
} SsaPriceListUpdateFlags;

/**
 * SsaPriceListUpdateOutcome:
 * @SSA_PRICE_LIST_UPDATE_STORED: a list not stored before: stored, and now current
 * @SSA_PRICE_LIST_UPDATE_RESTORED: the same bytes as a list stored earlier (not the current
 *   one): that list is current again
 * @SSA_PRICE_LIST_UPDATE_NOT_MODIFIED: the server answered 304; nothing stored
 * @SSA_PRICE_LIST_UPDATE_SAME_CONTENT: the bytes equal the current list's; nothing stored
 */
typedef enum
{
  SSA_PRICE_LIST_UPDATE_STORED,
  SSA_PRICE_LIST_UPDATE_RESTORED,
  SSA_PRICE_LIST_UPDATE_NOT_MODIFIED,
  SSA_PRICE_LIST_UPDATE_SAME_CONTENT,
} SsaPriceListUpdateOutcome;

/**
 * SsaPriceListUpdate:
 * @outcome: what came of it
 * @url: the URL fetched
 * @current: the current list after the update
 * @previous_row_id: the row of the list that was current before, 0 when there was none;
 *   equal to @current's row when nothing changed
 */
typedef struct
{
  SsaPriceListUpdateOutcome  outcome;
  char                      *url;
  SsaDbPriceListInfo        *current;
  gint64                     previous_row_id;
} SsaPriceListUpdate;

void                ssa_price_list_update_free   (SsaPriceListUpdate       *update);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaPriceListUpdate, ssa_price_list_update_free)

void                ssa_price_list_update_async  (SsaFetcher               *fetcher,
                                                  const char               *db_path,
                                                  const char               *url,
                                                  SsaPriceListUpdateFlags   flags,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
SsaPriceListUpdate *ssa_price_list_update_finish (GAsyncResult             *result,
                                                  GError                  **error);

void                ssa_price_list_fetch_async   (SsaFetcher               *fetcher,
                                                  const char               *url,
                                                  const SsaFetchConditions *conditions,
                                                  SsaPriceListUpdateFlags   flags,
                                                  GCancellable             *cancellable,
                                                  GAsyncReadyCallback       callback,
                                                  gpointer                  user_data);
SsaFetchResult     *ssa_price_list_fetch_finish  (GAsyncResult             *result,
                                                  GError                  **error);

SsaPriceListDiff   *ssa_price_list_diff_stored   (SsaDb                    *db,
                                                  gint64                    old_row_id,
                                                  gint64                    new_row_id,
                                                  GError                  **error);
gboolean            ssa_price_list_find_previous (SsaDb                    *db,
                                                  gint64                   *out_old_row_id,
                                                  gint64                   *out_new_row_id,
                                                  GError                  **error);

G_END_DECLS
