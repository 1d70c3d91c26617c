/* ssa-price-list-diff.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ssa-decimal.h"
#include "ssa-price-list.h"

G_BEGIN_DECLS

/* What changed from one price list to the next: products added and removed, list prices,
 * SSC per year, kinds and names of the products in both, and the price of one SSC. */

/**
 * SsaPriceChangeKind:
 * @SSA_PRICE_CHANGE_SSC_PRICE: the price of one SSC changed (the whole list)
 * @SSA_PRICE_CHANGE_ADDED: a product is new; the new value is its list price
 * @SSA_PRICE_CHANGE_REMOVED: a product is gone; the old value is its list price
 * @SSA_PRICE_CHANGE_LIST_PRICE: a product's list price changed
 * @SSA_PRICE_CHANGE_SSC_PER_YEAR: a product's SSC per year changed (as given, or as the
 *   rules derive it from the list price)
 * @SSA_PRICE_CHANGE_KIND: a product's kind changed; the values are #SsaKind values
 * @SSA_PRICE_CHANGE_NAME: a product's name changed; see the texts
 */
typedef enum
{
  SSA_PRICE_CHANGE_SSC_PRICE,
  SSA_PRICE_CHANGE_ADDED,
  SSA_PRICE_CHANGE_REMOVED,
  SSA_PRICE_CHANGE_LIST_PRICE,
  SSA_PRICE_CHANGE_SSC_PER_YEAR,
  SSA_PRICE_CHANGE_KIND,
  SSA_PRICE_CHANGE_NAME,
} SsaPriceChangeKind;

/**
 * SsaPriceListChange:
 * @kind: what changed
 * @code: (nullable): the product code; %NULL for %SSA_PRICE_CHANGE_SSC_PRICE
 * @name: (nullable): the product's name in the newer list (the older for a removed one)
 * @old_value: hundredths of the old list's currency (prices), of an SSC (SSC per year), or
 *   an #SsaKind; 0 for an added product
 * @new_value: the same for the newer list; 0 for a removed product
 * @old_text: (nullable): the old name, for %SSA_PRICE_CHANGE_NAME
 * @new_text: (nullable): the new name, for %SSA_PRICE_CHANGE_NAME
 */
typedef struct
{
  SsaPriceChangeKind kind;
  char              *code;
  char              *name;
  gint64             old_value;
  gint64             new_value;
  char              *old_text;
  char              *new_text;
} SsaPriceListChange;

/**
 * SsaPriceListDiff:
 * @old_id: the older list's id
 * @new_id: the newer list's id
 * @old_currency: the older list's currency
 * @new_currency: the newer list's currency
 * @changes: (element-type SsaPriceListChange): the changes: the price of one SSC first,
 *   then the products of the newer list in its order (added ones, or each change of a
 *   product in both: list price, SSC per year, kind, name), then the removed products in
 *   the older list's order
 * @n_added: products only in the newer list
 * @n_removed: products only in the older list
 * @n_changed: products in both lists with at least one change
 */
typedef struct
{
  char   *old_id;
  char   *new_id;
  char   *old_currency;
  char   *new_currency;
  GArray *changes;
  guint   n_added;
  guint   n_removed;
  guint   n_changed;
} SsaPriceListDiff;

SsaPriceListDiff *ssa_price_list_diff_new          (const SsaPriceList     *old_list,
                                                    const SsaPriceList     *new_list);
void              ssa_price_list_diff_free         (SsaPriceListDiff       *diff);
GListModel       *ssa_price_list_diff_list_changes (const SsaPriceListDiff *diff,
                                                    SsaLang                 lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaPriceListDiff, ssa_price_list_diff_free)

G_END_DECLS
