/* ssa-offer-status.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where an offer stands in the register (docs/rules.md): stored as the names of
 * ssa_offer_status_to_string(), shown with ssa_offer_status_get_label() and _get_title(). */

typedef enum
{
  SSA_OFFER_STATUS_DRAFT,
  SSA_OFFER_STATUS_SENT,
  SSA_OFFER_STATUS_ACCEPTED,
  SSA_OFFER_STATUS_DECLINED,
  SSA_OFFER_STATUS_SUPERSEDED, /* another offer of its installation was accepted */
  SSA_OFFER_STATUS_REVISED,   /* a revision of it was made while it was open */
  SSA_OFFER_STATUS_EXPIRED,   /* never stored: a draft or sent offer past its validity */
} SsaOfferStatus;

const char  *ssa_offer_status_to_string  (SsaOfferStatus   status);
gboolean     ssa_offer_status_from_string (const char     *text,
                                           SsaOfferStatus *out);
const char  *ssa_offer_status_get_label  (SsaOfferStatus   status);
const char  *ssa_offer_status_get_title  (SsaOfferStatus   status);


G_END_DECLS
