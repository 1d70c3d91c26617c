/* ssa-offers-page.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-page.h"
#include "ssa-repository.h"

G_BEGIN_DECLS

#define SSA_TYPE_OFFERS_PAGE (ssa_offers_page_get_type ())

G_DECLARE_FINAL_TYPE (SsaOffersPage, ssa_offers_page, SSA, OFFERS_PAGE, SsaPage)

GtkWidget     *ssa_offers_page_new               (void);
SsaRepository *ssa_offers_page_get_repository    (SsaOffersPage *self);
void           ssa_offers_page_set_repository    (SsaOffersPage *self,
                                                  SsaRepository *repository);
const char    *ssa_offers_page_get_status_filter (SsaOffersPage *self);
void           ssa_offers_page_set_status_filter (SsaOffersPage *self,
                                                  const char    *status);
void           ssa_offers_page_select            (SsaOffersPage *self,
                                                  const char    *number);
void           ssa_offers_page_reload            (SsaOffersPage *self);

G_END_DECLS
