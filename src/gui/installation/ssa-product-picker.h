/* ssa-product-picker.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ssa-product.h"

G_BEGIN_DECLS

#define SSA_TYPE_PRODUCT_PICKER (ssa_product_picker_get_type ())

G_DECLARE_FINAL_TYPE (SsaProductPicker, ssa_product_picker, SSA, PRODUCT_PICKER, GtkPopover)

GtkWidget  *ssa_product_picker_new          (void);
GListModel *ssa_product_picker_get_products (SsaProductPicker *self);
void        ssa_product_picker_set_products (SsaProductPicker *self,
                                             GListModel       *products);
void        ssa_product_picker_set_search   (SsaProductPicker *self,
                                             const char       *text);
GListModel *ssa_product_picker_get_shown    (SsaProductPicker *self);
void        ssa_product_picker_pick         (SsaProductPicker *self,
                                             guint             position);

G_END_DECLS
