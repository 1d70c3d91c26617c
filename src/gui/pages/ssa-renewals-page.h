/* ssa-renewals-page.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-page.h"
#include "ssa-repository.h"

G_BEGIN_DECLS

#define SSA_TYPE_RENEWALS_PAGE (ssa_renewals_page_get_type ())

G_DECLARE_FINAL_TYPE (SsaRenewalsPage, ssa_renewals_page, SSA, RENEWALS_PAGE, SsaPage)

GtkWidget     *ssa_renewals_page_new             (void);
SsaRepository *ssa_renewals_page_get_repository  (SsaRenewalsPage *self);
void           ssa_renewals_page_set_repository  (SsaRenewalsPage *self,
                                                  SsaRepository   *repository);
guint          ssa_renewals_page_get_within_days (SsaRenewalsPage *self);
void           ssa_renewals_page_set_within_days (SsaRenewalsPage *self,
                                                  guint            within_days);
void           ssa_renewals_page_reload          (SsaRenewalsPage *self);
void           ssa_renewals_page_create_offers   (SsaRenewalsPage *self,
                                                  GFile           *folder);

G_END_DECLS
