/* ssa-kind.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Product kinds: the first eight are covered by the SSA, the last three are not. */
typedef enum
{
  SSA_KIND_SWITCHBOARD,
  SSA_KIND_PORT,
  SSA_KIND_MOBILITY,
  SSA_KIND_GSM,
  SSA_KIND_VOICEMAIL,
  SSA_KIND_STANDBY,
  SSA_KIND_SOFTPHONE,
  SSA_KIND_APP,
  SSA_KIND_THIRD_PARTY,
  SSA_KIND_HARDWARE,
  SSA_KIND_SERVICE,
  SSA_N_KINDS
} SsaKind;

typedef enum
{
  SSA_DEPLOYMENT_APPLIANCE,
  SSA_DEPLOYMENT_SAAS,
  SSA_DEPLOYMENT_RENTAL,
} SsaDeployment;

typedef enum
{
  SSA_BILLING_ONCE,
  SSA_BILLING_ANNUAL,
  SSA_BILLING_QUARTERLY,
  SSA_BILLING_MONTHLY,
  SSA_N_BILLINGS
} SsaBilling;

gboolean    ssa_kind_from_string       (const char    *text,
                                        SsaKind       *out);
const char *ssa_kind_to_string         (SsaKind        kind);
const char *ssa_kind_get_label         (SsaKind        kind);
gboolean    ssa_kind_is_covered        (SsaKind        kind);

gboolean    ssa_deployment_from_string (const char    *text,
                                        SsaDeployment *out);
const char *ssa_deployment_to_string   (SsaDeployment  deployment);
const char *ssa_deployment_get_label   (SsaDeployment  deployment);

gboolean    ssa_billing_from_string    (const char    *text,
                                        SsaBilling    *out);
const char *ssa_billing_to_string      (SsaBilling     billing);
const char *ssa_billing_get_label      (SsaBilling     billing);

G_END_DECLS
