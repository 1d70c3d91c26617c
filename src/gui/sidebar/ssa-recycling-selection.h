/* ssa-recycling-selection.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SSA_TYPE_RECYCLING_SELECTION (ssa_recycling_selection_get_type ())

G_DECLARE_FINAL_TYPE (SsaRecyclingSelection, ssa_recycling_selection, SSA, RECYCLING_SELECTION,
                      GObject)

SsaRecyclingSelection *ssa_recycling_selection_new               (GListModel            *model);
GListModel            *ssa_recycling_selection_get_model         (SsaRecyclingSelection *self);
void                   ssa_recycling_selection_set_model         (SsaRecyclingSelection *self,
                                                                  GListModel            *model);
GObject               *ssa_recycling_selection_get_selected_item (SsaRecyclingSelection *self);
void                   ssa_recycling_selection_set_selected_item (SsaRecyclingSelection *self,
                                                                  GObject               *item);
guint                  ssa_recycling_selection_get_selected      (SsaRecyclingSelection *self);
void                   ssa_recycling_selection_list_all          (SsaRecyclingSelection *self);
void                   ssa_recycling_selection_set_frozen        (SsaRecyclingSelection *self,
                                                                  gboolean               frozen);
GtkWidget             *ssa_recycling_selection_get_widget        (SsaRecyclingSelection *self);
void                   ssa_recycling_selection_set_widget        (SsaRecyclingSelection *self,
                                                                  GtkWidget             *widget);

G_END_DECLS
