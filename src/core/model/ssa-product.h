/* ssa-product.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ssa-enums.h"
#include "ssa-price-list.h"

G_BEGIN_DECLS

#define SSA_TYPE_PRODUCT (ssa_product_get_type ())

G_DECLARE_FINAL_TYPE (SsaProduct, ssa_product, SSA, PRODUCT, GObject)

SsaProduct *ssa_product_new                         (void);
SsaProduct *ssa_product_new_from_price_list_product (const SsaPriceListProduct *product);

const char *ssa_product_get_code                    (SsaProduct  *self);
void        ssa_product_set_code                    (SsaProduct  *self,
                                                     const char  *code);
const char *ssa_product_get_name                    (SsaProduct  *self);
void        ssa_product_set_name                    (SsaProduct  *self,
                                                     const char  *name);
SsaKind     ssa_product_get_kind                    (SsaProduct  *self);
void        ssa_product_set_kind                    (SsaProduct  *self,
                                                     SsaKind      kind);
gint64      ssa_product_get_list_price              (SsaProduct  *self);
void        ssa_product_set_list_price              (SsaProduct  *self,
                                                     gint64       list_price);
gint64      ssa_product_get_ssc_per_year            (SsaProduct  *self);
void        ssa_product_set_ssc_per_year            (SsaProduct  *self,
                                                     gint64       ssc_per_year);
gboolean    ssa_product_get_covered                 (SsaProduct  *self);

G_END_DECLS
