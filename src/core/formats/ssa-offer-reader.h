/* ssa-offer-reader.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ssa-offer.h"

G_BEGIN_DECLS

SsaOffer *ssa_offer_new_from_json (const char  *data,
                                   gsize        len,
                                   GError     **error);

G_END_DECLS
