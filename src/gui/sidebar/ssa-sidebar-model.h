/* ssa-sidebar-model.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ssa-customer.h"
#include "ssa-installation.h"

G_BEGIN_DECLS

#define SSA_TYPE_SIDEBAR_MODEL (ssa_sidebar_model_get_type ())

G_DECLARE_FINAL_TYPE (SsaSidebarModel, ssa_sidebar_model, SSA, SIDEBAR_MODEL, GObject)

SsaSidebarModel *ssa_sidebar_model_new           (GListModel      *customers,
                                                  GListModel      *installations);
GListModel      *ssa_sidebar_model_get_customers (SsaSidebarModel *self);
GListModel      *ssa_sidebar_model_get_installations (SsaSidebarModel *self);
void             ssa_sidebar_model_resort        (SsaSidebarModel *self);
gboolean         ssa_sidebar_model_get_show_archived (SsaSidebarModel *self);
void             ssa_sidebar_model_set_show_archived (SsaSidebarModel *self,
                                                      gboolean         show_archived);
guint            ssa_sidebar_model_get_stamp     (SsaSidebarModel *self);
guint            ssa_sidebar_model_get_changed_from (SsaSidebarModel *self);
GPtrArray       *ssa_sidebar_model_peek_rows     (SsaSidebarModel *self);

G_END_DECLS
