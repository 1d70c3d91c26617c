/* ssa-preferences.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SSA_TYPE_PREFERENCES (ssa_preferences_get_type ())

G_DECLARE_FINAL_TYPE (SsaPreferences, ssa_preferences, SSA, PREFERENCES, AdwPreferencesWindow)

SsaPreferences *ssa_preferences_new                 (GtkWindow      *parent,
                                                     const char     *db_path);
gboolean        ssa_preferences_get_loaded          (SsaPreferences *self);
void            ssa_preferences_set_read_only       (SsaPreferences *self,
                                                     gboolean        read_only);

G_END_DECLS
