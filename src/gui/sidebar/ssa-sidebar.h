/* ssa-sidebar.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-repository.h"

G_BEGIN_DECLS

#define SSA_TYPE_SIDEBAR (ssa_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (SsaSidebar, ssa_sidebar, SSA, SIDEBAR, AdwBin)

GtkWidget     *ssa_sidebar_new            (void);
SsaRepository *ssa_sidebar_get_repository (SsaSidebar    *self);
void           ssa_sidebar_set_repository (SsaSidebar    *self,
                                           SsaRepository *repository);
GObject       *ssa_sidebar_get_selected   (SsaSidebar    *self);
gboolean       ssa_sidebar_select         (SsaSidebar    *self,
                                           GObject       *item);
void           ssa_sidebar_set_search     (SsaSidebar    *self,
                                           const char    *text);
void           ssa_sidebar_focus_search   (SsaSidebar    *self);
void           ssa_sidebar_focus_list     (SsaSidebar    *self);
GListModel    *ssa_sidebar_get_shown      (SsaSidebar    *self);
void           ssa_sidebar_resort         (SsaSidebar    *self);
void           ssa_sidebar_set_show_archived (SsaSidebar *self,
                                              gboolean    show_archived);

G_END_DECLS
