/* ssa-customer-import-dialog.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-customer-import.h"
#include "ssa-repository.h"

G_BEGIN_DECLS

#define SSA_TYPE_CUSTOMER_IMPORT_DIALOG (ssa_customer_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SsaCustomerImportDialog, ssa_customer_import_dialog, SSA,
                      CUSTOMER_IMPORT_DIALOG, AdwWindow)

SsaCustomerImportDialog *ssa_customer_import_dialog_new     (GtkWindow               *parent,
                                                             SsaRepository           *repository,
                                                             SsaCustomerCsv          *csv);
void                     ssa_customer_import_dialog_get_counts (SsaCustomerImportDialog *self,
                                                             SsaCustomerImportCounts *counts);
const char              *ssa_customer_import_dialog_get_message (SsaCustomerImportDialog *self);
gboolean                 ssa_customer_import_dialog_set_field (SsaCustomerImportDialog *self,
                                                             const char              *header,
                                                             SsaCustomerField         field);
gboolean                 ssa_customer_import_dialog_is_busy (SsaCustomerImportDialog *self);
gboolean                 ssa_customer_import_dialog_import  (SsaCustomerImportDialog *self,
                                                             GError                 **error);

G_END_DECLS
