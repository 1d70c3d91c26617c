/* ssa-welcome-page.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SSA_TYPE_WELCOME_PAGE (ssa_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (SsaWelcomePage, ssa_welcome_page, SSA, WELCOME_PAGE, AdwBin)

GtkWidget *ssa_welcome_page_new (GMenuModel *menu);

G_END_DECLS
