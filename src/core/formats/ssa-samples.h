/* ssa-samples.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ssa-inventory.h"
#include "ssa-price-list.h"

G_BEGIN_DECLS

/* The bundled sample data, embedded in the binaries as a GResource. */

GBytes        *ssa_samples_get_price_list_bytes  (void);
SsaPriceList  *ssa_samples_load_price_list       (GError **error);
char         **ssa_samples_list_installations    (void);
SsaInventory  *ssa_samples_load_installation     (const char  *name,
                                                  GError     **error);

G_END_DECLS
