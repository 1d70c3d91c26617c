/* ssa-application.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SSA_TYPE_APPLICATION (ssa_application_get_type ())

G_DECLARE_FINAL_TYPE (SsaApplication, ssa_application, SSA, APPLICATION, AdwApplication)

SsaApplication *ssa_application_new                     (void);
const char     *ssa_application_get_db_path             (SsaApplication *self);
void            ssa_application_set_db_path             (SsaApplication *self,
                                                         const char     *db_path);
GSettings      *ssa_application_get_settings            (SsaApplication *self);
GSettings      *ssa_application_get_settings_for_widget (GtkWidget      *widget);

G_END_DECLS
