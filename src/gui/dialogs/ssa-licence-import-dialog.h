/* ssa-licence-import-dialog.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-installation.h"
#include "ssa-repository.h"

G_BEGIN_DECLS

void ssa_licence_import_dialog_present (GtkWidget       *parent,
                                        SsaRepository   *repository,
                                        SsaInstallation *installation,
                                        GFile           *file);

G_END_DECLS
