/* ssa-offer-item.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One row of the offers register: a stored offer as listed, with its status as shown
 * (a draft or sent offer past its validity shows as "expired"). Immutable: a reload makes
 * new rows. */

#define SSA_TYPE_OFFER_ITEM (ssa_offer_item_get_type ())

G_DECLARE_FINAL_TYPE (SsaOfferItem, ssa_offer_item, SSA, OFFER_ITEM, GObject)

SsaOfferItem *ssa_offer_item_new (const char  *number,
                                  gint64       installation_id,
                                  const char  *installation,
                                  const char  *customer,
                                  guint        created_key,
                                  const char  *created_text,
                                  guint        valid_until_key,
                                  const char  *valid_until_text,
                                  const char  *status,
                                  const char  *status_label,
                                  gint64       total,
                                  const char  *total_text);

const char *ssa_offer_item_get_number           (SsaOfferItem *self);
gint64      ssa_offer_item_get_installation_id  (SsaOfferItem *self);
const char *ssa_offer_item_get_installation     (SsaOfferItem *self);
const char *ssa_offer_item_get_customer         (SsaOfferItem *self);
guint       ssa_offer_item_get_created_key      (SsaOfferItem *self);
const char *ssa_offer_item_get_created_text     (SsaOfferItem *self);
guint       ssa_offer_item_get_valid_until_key  (SsaOfferItem *self);
const char *ssa_offer_item_get_valid_until_text (SsaOfferItem *self);
const char *ssa_offer_item_get_status           (SsaOfferItem *self);
const char *ssa_offer_item_get_status_label     (SsaOfferItem *self);
gint64      ssa_offer_item_get_total            (SsaOfferItem *self);
const char *ssa_offer_item_get_total_text       (SsaOfferItem *self);

G_END_DECLS
