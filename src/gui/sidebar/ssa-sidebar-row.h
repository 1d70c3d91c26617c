/* ssa-sidebar-row.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SSA_TYPE_SIDEBAR_ROW (ssa_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (SsaSidebarRow, ssa_sidebar_row, SSA, SIDEBAR_ROW, GtkWidget)

GtkWidget  *ssa_sidebar_row_new        (void);
const char *ssa_sidebar_row_get_title  (SsaSidebarRow *self);
const char *ssa_sidebar_row_get_detail (SsaSidebarRow *self);
void        ssa_sidebar_row_set        (SsaSidebarRow *self,
                                        const char    *title,
                                        const char    *detail,
                                        gboolean       bold);

G_END_DECLS
