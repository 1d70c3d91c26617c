/* ssa-customer-editor.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-customer.h"
#include "ssa-repository.h"

G_BEGIN_DECLS

#define SSA_TYPE_CUSTOMER_EDITOR (ssa_customer_editor_get_type ())

G_DECLARE_FINAL_TYPE (SsaCustomerEditor, ssa_customer_editor, SSA, CUSTOMER_EDITOR, AdwWindow)

SsaCustomerEditor *ssa_customer_editor_new          (GtkWindow         *parent,
                                                     SsaRepository     *repository,
                                                     SsaCustomer       *customer);
SsaCustomer       *ssa_customer_editor_get_customer (SsaCustomerEditor *self);
gboolean           ssa_customer_editor_is_valid     (SsaCustomerEditor *self);
void               ssa_customer_editor_save_async   (SsaCustomerEditor  *self,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gboolean           ssa_customer_editor_save_finish  (SsaCustomerEditor  *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

G_END_DECLS
