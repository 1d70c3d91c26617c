/* ssa-inventory-view.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-installation.h"
#include "ssa-price-list.h"
#include "ssa-repository.h"

G_BEGIN_DECLS

#define SSA_TYPE_INVENTORY_VIEW (ssa_inventory_view_get_type ())

G_DECLARE_FINAL_TYPE (SsaInventoryView, ssa_inventory_view, SSA, INVENTORY_VIEW, AdwBin)

GtkWidget       *ssa_inventory_view_new              (void);
SsaInstallation *ssa_inventory_view_get_installation (SsaInventoryView *self);
void             ssa_inventory_view_set_installation (SsaInventoryView *self,
                                                      SsaInstallation  *installation);
SsaPriceList    *ssa_inventory_view_get_price_list   (SsaInventoryView *self);
void             ssa_inventory_view_set_price_list   (SsaInventoryView *self,
                                                      SsaPriceList     *price_list);
SsaRepository   *ssa_inventory_view_get_repository   (SsaInventoryView *self);
void             ssa_inventory_view_set_repository   (SsaInventoryView *self,
                                                      SsaRepository    *repository);
GListModel      *ssa_inventory_view_get_products     (SsaInventoryView *self);
void             ssa_inventory_view_set_products     (SsaInventoryView *self,
                                                      GListModel       *products);
GtkColumnView   *ssa_inventory_view_get_column_view  (SsaInventoryView *self);
GtkWidget       *ssa_inventory_view_get_picker       (SsaInventoryView *self);

G_END_DECLS
