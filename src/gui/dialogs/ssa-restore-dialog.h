/* ssa-restore-dialog.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SSA_TYPE_RESTORE_DIALOG (ssa_restore_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SsaRestoreDialog, ssa_restore_dialog, SSA, RESTORE_DIALOG, AdwWindow)

SsaRestoreDialog *ssa_restore_dialog_new        (GtkWindow        *parent,
                                                 const char       *db_path);
gboolean          ssa_restore_dialog_get_loaded (SsaRestoreDialog *self);
GListModel       *ssa_restore_dialog_get_backups (SsaRestoreDialog *self);

G_END_DECLS
