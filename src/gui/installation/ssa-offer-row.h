/* ssa-offer-row.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ssa-offer.h"

G_BEGIN_DECLS

#define SSA_TYPE_OFFER_ROW (ssa_offer_row_get_type ())

G_DECLARE_FINAL_TYPE (SsaOfferRow, ssa_offer_row, SSA, OFFER_ROW, GObject)

SsaOfferRow *ssa_offer_row_new        (const SsaOffer     *offer,
                                       const SsaOfferLine *line);
gboolean     ssa_offer_row_update     (SsaOfferRow        *self,
                                       const SsaOffer     *offer,
                                       const SsaOfferLine *line);
const char  *ssa_offer_row_get_title  (SsaOfferRow        *self);
const char  *ssa_offer_row_get_detail (SsaOfferRow        *self);
const char  *ssa_offer_row_get_amount (SsaOfferRow        *self);
SsaSegment   ssa_offer_row_get_segment (SsaOfferRow       *self);
const char  *ssa_offer_row_get_heading (SsaOfferRow       *self);
const char  *ssa_offer_row_get_subtotal (SsaOfferRow      *self);

G_END_DECLS
