/* ssa-window.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-application.h"
#include "ssa-price-list.h"
#include "ssa-repository.h"

G_BEGIN_DECLS

#define SSA_TYPE_WINDOW (ssa_window_get_type ())

G_DECLARE_FINAL_TYPE (SsaWindow, ssa_window, SSA, WINDOW, AdwApplicationWindow)

SsaWindow     *ssa_window_new              (SsaApplication *application,
                                            const char     *db_path,
                                            gboolean        read_only);
SsaRepository *ssa_window_get_repository   (SsaWindow      *self);
SsaPriceList  *ssa_window_get_price_list   (SsaWindow      *self);
gboolean       ssa_window_get_ready        (SsaWindow      *self);
gboolean       ssa_window_get_checked      (SsaWindow      *self);
gboolean       ssa_window_get_damaged      (SsaWindow      *self);
const char    *ssa_window_get_page         (SsaWindow      *self);
void           ssa_window_add_toast        (SsaWindow      *self,
                                            AdwToast       *toast);
GtkWidget     *ssa_window_get_sidebar      (SsaWindow      *self);
GtkWidget     *ssa_window_get_inventory_view (SsaWindow    *self);
GtkWidget     *ssa_window_get_offer_builder (SsaWindow     *self);
GtkWidget     *ssa_window_get_offers_page  (SsaWindow      *self);
AdwViewStack  *ssa_window_get_view_stack   (SsaWindow      *self);
gboolean       ssa_window_get_show_archived (SsaWindow     *self);
void           ssa_window_set_show_archived (SsaWindow     *self,
                                             gboolean       show_archived);

G_END_DECLS
