/* ssa-enums.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ssa-enums.h"

/* Written by hand rather than by glib-mkenums so that the nicks are the strings of the file
 * formats. A new value in ssa-kind.h must be added here too: these assertions fail until it
 * is. */
G_STATIC_ASSERT (SSA_N_KINDS == 11);
G_STATIC_ASSERT (SSA_DEPLOYMENT_RENTAL == 2);
G_STATIC_ASSERT (SSA_N_BILLINGS == 4);

G_DEFINE_ENUM_TYPE (SsaKind, ssa_kind,
  G_DEFINE_ENUM_VALUE (SSA_KIND_SWITCHBOARD, "switchboard"),
  G_DEFINE_ENUM_VALUE (SSA_KIND_PORT, "port"),
  G_DEFINE_ENUM_VALUE (SSA_KIND_MOBILITY, "mobility"),
  G_DEFINE_ENUM_VALUE (SSA_KIND_GSM, "gsm"),
  G_DEFINE_ENUM_VALUE (SSA_KIND_VOICEMAIL, "voicemail"),
  G_DEFINE_ENUM_VALUE (SSA_KIND_STANDBY, "standby"),
  G_DEFINE_ENUM_VALUE (SSA_KIND_SOFTPHONE, "softphone"),
  G_DEFINE_ENUM_VALUE (SSA_KIND_APP, "app"),
  G_DEFINE_ENUM_VALUE (SSA_KIND_THIRD_PARTY, "third_party"),
  G_DEFINE_ENUM_VALUE (SSA_KIND_HARDWARE, "hardware"),
  G_DEFINE_ENUM_VALUE (SSA_KIND_SERVICE, "service"))

G_DEFINE_ENUM_TYPE (SsaDeployment, ssa_deployment,
  G_DEFINE_ENUM_VALUE (SSA_DEPLOYMENT_APPLIANCE, "appliance"),
  G_DEFINE_ENUM_VALUE (SSA_DEPLOYMENT_SAAS, "saas"),
  G_DEFINE_ENUM_VALUE (SSA_DEPLOYMENT_RENTAL, "rental"))

G_DEFINE_ENUM_TYPE (SsaBilling, ssa_billing,
  G_DEFINE_ENUM_VALUE (SSA_BILLING_ONCE, "once"),
  G_DEFINE_ENUM_VALUE (SSA_BILLING_ANNUAL, "annual"),
  G_DEFINE_ENUM_VALUE (SSA_BILLING_QUARTERLY, "quarterly"),
  G_DEFINE_ENUM_VALUE (SSA_BILLING_MONTHLY, "monthly"))
