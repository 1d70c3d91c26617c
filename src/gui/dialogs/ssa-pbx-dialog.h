/* ssa-pbx-dialog.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-installation.h"
#include "ssa-repository.h"

G_BEGIN_DECLS

void ssa_pbx_dialog_present (GtkWidget       *parent,
                             SsaRepository   *repository,
                             SsaInstallation *installation,
                             GObject         *owner,
                             void           (*stored) (GObject *owner));

G_END_DECLS
