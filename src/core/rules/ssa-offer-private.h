/* ssa-offer-private.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (SSA_CORE_COMPILATION)
#error "Only the files of src/core may include this header."
#endif

#include "ssa-offer.h"

G_BEGIN_DECLS

/* For the core's own offer builders (the calculator and the JSON reader): an offer with no
 * lines, warnings or dates, whose strings live in its string chunk. */
SsaOffer *ssa_offer_new_empty (void);

G_END_DECLS
