/* ssa-paced-list.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SSA_TYPE_PACED_LIST (ssa_paced_list_get_type ())

G_DECLARE_FINAL_TYPE (SsaPacedList, ssa_paced_list, SSA, PACED_LIST, GObject)

SsaPacedList *ssa_paced_list_new        (GListModel   *model);
GListModel   *ssa_paced_list_get_model  (SsaPacedList *self);
void          ssa_paced_list_set_model  (SsaPacedList *self,
                                         GListModel   *model);
GtkWidget    *ssa_paced_list_get_widget (SsaPacedList *self);
void          ssa_paced_list_set_widget (SsaPacedList *self,
                                         GtkWidget    *widget);
void          ssa_paced_list_refresh    (SsaPacedList *self);
gboolean      ssa_paced_list_is_growing (SsaPacedList *self);

G_END_DECLS
