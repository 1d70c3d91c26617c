/* ssa-price-change.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ssa-decimal.h"
#include "ssa-price-list-diff.h"

G_BEGIN_DECLS

#define SSA_TYPE_PRICE_CHANGE_KIND (ssa_price_change_kind_get_type ())
#define SSA_TYPE_PRICE_CHANGE      (ssa_price_change_get_type ())

GType ssa_price_change_kind_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (SsaPriceChange, ssa_price_change, SSA, PRICE_CHANGE, GObject)

SsaPriceChange     *ssa_price_change_new           (const SsaPriceListChange *change,
                                                    const char               *old_currency,
                                                    const char               *new_currency,
                                                    SsaLang                   lang);

SsaPriceChangeKind  ssa_price_change_get_kind      (SsaPriceChange *self);
const char         *ssa_price_change_get_code      (SsaPriceChange *self);
const char         *ssa_price_change_get_name      (SsaPriceChange *self);
const char         *ssa_price_change_get_label     (SsaPriceChange *self);
gboolean            ssa_price_change_get_has_old   (SsaPriceChange *self);
gboolean            ssa_price_change_get_has_new   (SsaPriceChange *self);
gint64              ssa_price_change_get_old_value (SsaPriceChange *self);
gint64              ssa_price_change_get_new_value (SsaPriceChange *self);
const char         *ssa_price_change_get_old_text  (SsaPriceChange *self);
const char         *ssa_price_change_get_new_text  (SsaPriceChange *self);

const char         *ssa_price_change_kind_get_label (SsaPriceChangeKind kind);

G_END_DECLS
