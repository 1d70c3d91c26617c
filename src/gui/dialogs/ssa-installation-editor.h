/* ssa-installation-editor.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-installation.h"
#include "ssa-repository.h"

G_BEGIN_DECLS

#define SSA_TYPE_INSTALLATION_EDITOR (ssa_installation_editor_get_type ())

G_DECLARE_FINAL_TYPE (SsaInstallationEditor, ssa_installation_editor,
                      SSA, INSTALLATION_EDITOR, AdwWindow)

SsaInstallationEditor *ssa_installation_editor_new              (GtkWindow             *parent,
                                                                 SsaRepository         *repository,
                                                                 SsaInstallation       *installation,
                                                                 gint64                 customer_id);
SsaInstallation       *ssa_installation_editor_get_installation (SsaInstallationEditor *self);
gboolean               ssa_installation_editor_is_valid         (SsaInstallationEditor *self);
void                   ssa_installation_editor_save_async       (SsaInstallationEditor  *self,
                                                                 GAsyncReadyCallback     callback,
                                                                 gpointer                user_data);
gboolean               ssa_installation_editor_save_finish      (SsaInstallationEditor  *self,
                                                                 GAsyncResult           *result,
                                                                 GError                **error);

G_END_DECLS
