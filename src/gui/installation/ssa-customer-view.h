/* ssa-customer-view.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-customer.h"

G_BEGIN_DECLS

#define SSA_TYPE_CUSTOMER_VIEW (ssa_customer_view_get_type ())

G_DECLARE_FINAL_TYPE (SsaCustomerView, ssa_customer_view, SSA, CUSTOMER_VIEW, AdwBin)

GtkWidget   *ssa_customer_view_new          (void);
SsaCustomer *ssa_customer_view_get_customer (SsaCustomerView *self);
void         ssa_customer_view_set_customer (SsaCustomerView *self,
                                             SsaCustomer     *customer);

G_END_DECLS
