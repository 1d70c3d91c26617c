/* ssa-installation-view.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-installation.h"
#include "ssa-inventory-view.h"
#include "ssa-offer-builder.h"

G_BEGIN_DECLS

#define SSA_TYPE_INSTALLATION_VIEW (ssa_installation_view_get_type ())

G_DECLARE_FINAL_TYPE (SsaInstallationView, ssa_installation_view, SSA, INSTALLATION_VIEW, AdwBin)

GtkWidget        *ssa_installation_view_new                (void);
SsaInstallation  *ssa_installation_view_get_installation   (SsaInstallationView *self);
void              ssa_installation_view_set_installation   (SsaInstallationView *self,
                                                            SsaInstallation     *installation);
SsaInventoryView *ssa_installation_view_get_inventory_view (SsaInstallationView *self);
SsaOfferBuilder  *ssa_installation_view_get_offer_builder  (SsaInstallationView *self);
AdwFlap          *ssa_installation_view_get_flap           (SsaInstallationView *self);

void              ssa_installation_view_import_licence_file (SsaInstallationView *self,
                                                             GFile               *file);

G_END_DECLS
