/* ssa-renewal-item.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One row of the renewals page: an installation whose SSA ends soon or has ended, with the
 * total of its default renewal offer. Immutable: a reload makes new rows. */

#define SSA_TYPE_RENEWAL_ITEM (ssa_renewal_item_get_type ())

G_DECLARE_FINAL_TYPE (SsaRenewalItem, ssa_renewal_item, SSA, RENEWAL_ITEM, GObject)

SsaRenewalItem *ssa_renewal_item_new (gint64       installation_id,
                                      const char  *name,
                                      const char  *customer,
                                      guint        expiry_key,
                                      const char  *expiry_text,
                                      int          days,
                                      const char  *days_text,
                                      gboolean     has_value,
                                      gint64       value,
                                      const char  *value_text,
                                      const char  *value_error);

gint64      ssa_renewal_item_get_installation_id (SsaRenewalItem *self);
const char *ssa_renewal_item_get_name            (SsaRenewalItem *self);
const char *ssa_renewal_item_get_customer        (SsaRenewalItem *self);
guint       ssa_renewal_item_get_expiry_key      (SsaRenewalItem *self);
const char *ssa_renewal_item_get_expiry_text     (SsaRenewalItem *self);
int         ssa_renewal_item_get_days            (SsaRenewalItem *self);
const char *ssa_renewal_item_get_days_text       (SsaRenewalItem *self);
gboolean    ssa_renewal_item_get_has_value       (SsaRenewalItem *self);
gint64      ssa_renewal_item_get_value           (SsaRenewalItem *self);
const char *ssa_renewal_item_get_value_text      (SsaRenewalItem *self);
const char *ssa_renewal_item_get_value_error     (SsaRenewalItem *self);
void        ssa_renewal_item_set_open_offer      (SsaRenewalItem *self,
                                                  const char     *number,
                                                  const char     *text);
const char *ssa_renewal_item_get_open_offer      (SsaRenewalItem *self);

G_END_DECLS
