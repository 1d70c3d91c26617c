/* ssa-enums.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ssa-kind.h"

G_BEGIN_DECLS

/* GEnum types for the enumerations of ssa-kind.h, so that they can be object properties and
 * GtkExpression values. Each value's nick is its string in the file formats ("third_party",
 * "saas", "quarterly"), the same as ssa_kind_to_string() and friends return. The counting
 * sentinels (SSA_N_KINDS, SSA_N_BILLINGS) are not values of the types. */

#define SSA_TYPE_KIND       (ssa_kind_get_type ())
#define SSA_TYPE_DEPLOYMENT (ssa_deployment_get_type ())
#define SSA_TYPE_BILLING    (ssa_billing_get_type ())

GType ssa_kind_get_type       (void) G_GNUC_CONST;
GType ssa_deployment_get_type (void) G_GNUC_CONST;
GType ssa_billing_get_type    (void) G_GNUC_CONST;

G_END_DECLS
