/* ssa-sidebar-filter.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ssa-sidebar-model.h"

G_BEGIN_DECLS

#define SSA_TYPE_SIDEBAR_FILTER (ssa_sidebar_filter_get_type ())

G_DECLARE_FINAL_TYPE (SsaSidebarFilter, ssa_sidebar_filter, SSA, SIDEBAR_FILTER, GObject)

SsaSidebarFilter *ssa_sidebar_filter_new        (void);
SsaSidebarModel  *ssa_sidebar_filter_get_model  (SsaSidebarFilter *self);
void              ssa_sidebar_filter_set_model  (SsaSidebarFilter *self,
                                                 SsaSidebarModel  *model);
const char       *ssa_sidebar_filter_get_search (SsaSidebarFilter *self);
void              ssa_sidebar_filter_set_search (SsaSidebarFilter *self,
                                                 const char       *search);
void              ssa_sidebar_filter_refresh    (SsaSidebarFilter *self);

G_END_DECLS
