/* ssa-customer.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ssa-inventory.h"

G_BEGIN_DECLS

#define SSA_TYPE_CUSTOMER (ssa_customer_get_type ())

G_DECLARE_FINAL_TYPE (SsaCustomer, ssa_customer, SSA, CUSTOMER, GObject)

SsaCustomer *ssa_customer_new               (void);
SsaCustomer *ssa_customer_new_from_info     (const SsaCustomerInfo *info);
void         ssa_customer_to_info           (SsaCustomer           *self,
                                             SsaCustomerInfo       *info);

gint64       ssa_customer_get_id            (SsaCustomer           *self);
void         ssa_customer_set_id            (SsaCustomer           *self,
                                             gint64                 id);
const char  *ssa_customer_get_name          (SsaCustomer           *self);
const char  *ssa_customer_get_sort_key      (SsaCustomer           *self);
void         ssa_customer_set_name          (SsaCustomer           *self,
                                             const char            *name);
const char  *ssa_customer_get_org_no        (SsaCustomer           *self);
void         ssa_customer_set_org_no        (SsaCustomer           *self,
                                             const char            *org_no);
gboolean     ssa_customer_get_valid_org_no  (SsaCustomer           *self);
const char  *ssa_customer_get_address       (SsaCustomer           *self);
void         ssa_customer_set_address       (SsaCustomer           *self,
                                             const char            *address);
const char  *ssa_customer_get_contact       (SsaCustomer           *self);
void         ssa_customer_set_contact       (SsaCustomer           *self,
                                             const char            *contact);
const char  *ssa_customer_get_email         (SsaCustomer           *self);
void         ssa_customer_set_email         (SsaCustomer           *self,
                                             const char            *email);
const char  *ssa_customer_get_notes         (SsaCustomer           *self);
void         ssa_customer_set_notes         (SsaCustomer           *self,
                                             const char            *notes);
SsaVatStatus ssa_customer_get_vat_status    (SsaCustomer           *self);
void         ssa_customer_set_vat_status    (SsaCustomer           *self,
                                             SsaVatStatus           status);
gboolean     ssa_customer_get_archived      (SsaCustomer           *self);
void         ssa_customer_set_archived      (SsaCustomer           *self,
                                             gboolean               archived);

const char  *ssa_vat_status_to_string       (SsaVatStatus           status);
gboolean     ssa_vat_status_from_text       (const char            *text,
                                             SsaVatStatus          *out);

gint64 ssa_customer_get_version (SsaCustomer *self);
void   ssa_customer_set_version (SsaCustomer *self,
                                 gint64 version);

G_END_DECLS
