/* ssa-wrap-box.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SSA_TYPE_WRAP_BOX (ssa_wrap_box_get_type ())

G_DECLARE_FINAL_TYPE (SsaWrapBox, ssa_wrap_box, SSA, WRAP_BOX, GtkWidget)

GtkWidget *ssa_wrap_box_new             (void);
int        ssa_wrap_box_get_spacing     (SsaWrapBox *self);
void       ssa_wrap_box_set_spacing     (SsaWrapBox *self,
                                         int         spacing);
int        ssa_wrap_box_get_row_spacing (SsaWrapBox *self);
void       ssa_wrap_box_set_row_spacing (SsaWrapBox *self,
                                         int         row_spacing);

G_END_DECLS
