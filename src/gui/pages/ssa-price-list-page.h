/* ssa-price-list-page.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-page.h"
#include "ssa-repository.h"

G_BEGIN_DECLS

#define SSA_TYPE_PRICE_LIST_PAGE (ssa_price_list_page_get_type ())

G_DECLARE_FINAL_TYPE (SsaPriceListPage, ssa_price_list_page, SSA, PRICE_LIST_PAGE, SsaPage)

GtkWidget     *ssa_price_list_page_new            (void);
SsaRepository *ssa_price_list_page_get_repository (SsaPriceListPage *self);
void           ssa_price_list_page_set_repository (SsaPriceListPage *self,
                                                   SsaRepository    *repository);
void           ssa_price_list_page_reload         (SsaPriceListPage *self);
void           ssa_price_list_page_refresh        (SsaPriceListPage *self);

G_END_DECLS
