/* ssa-price-list-item.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One stored price list in the price list page's history. Immutable: a reload makes new
 * rows. */

#define SSA_TYPE_PRICE_LIST_ITEM (ssa_price_list_item_get_type ())

G_DECLARE_FINAL_TYPE (SsaPriceListItem, ssa_price_list_item, SSA, PRICE_LIST_ITEM, GObject)

SsaPriceListItem *ssa_price_list_item_new (gint64       row_id,
                                           const char  *list_id,
                                           const char  *imported_text,
                                           const char  *source_text,
                                           gboolean     is_current);

gint64      ssa_price_list_item_get_row_id        (SsaPriceListItem *self);
const char *ssa_price_list_item_get_list_id       (SsaPriceListItem *self);
const char *ssa_price_list_item_get_imported_text (SsaPriceListItem *self);
const char *ssa_price_list_item_get_source_text   (SsaPriceListItem *self);
gboolean    ssa_price_list_item_get_is_current    (SsaPriceListItem *self);

G_END_DECLS
