/* ssa-kind.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-kind.h"

static const char * const kind_names[SSA_N_KINDS] = {
  "switchboard", "port", "mobility", "gsm", "voicemail", "standby", "softphone", "app",
  "third_party", "hardware", "service",
};

static const char * const deployment_names[] = { "appliance", "saas", "rental" };

static const char * const billing_names[SSA_N_BILLINGS] = {
  "once", "annual", "quarterly", "monthly",
};

static gboolean
lookup (const char * const *names,
        guint               n_names,
        const char         *text,
        guint              *out)
{
  guint i;

  if (text == NULL)
    return FALSE;
  for (i = 0; i < n_names; i++)
    {
      if (g_str_equal (names[i], text))
        {
          *out = i;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
ssa_kind_from_string (const char *text,
                      SsaKind    *out)
{
  guint i;

  if (!lookup (kind_names, G_N_ELEMENTS (kind_names), text, &i))
    return FALSE;
  *out = (SsaKind) i;
  return TRUE;
}

const char *
ssa_kind_to_string (SsaKind kind)
{
  g_return_val_if_fail (kind < SSA_N_KINDS, NULL);
  return kind_names[kind];
}

/**
 * ssa_kind_get_label:
 * @kind: a kind
 *
 * Returns: the kind's name for people, translated.
 */
const char *
ssa_kind_get_label (SsaKind kind)
{
  switch (kind)
    {
    case SSA_KIND_SWITCHBOARD: return _("Switchboard");
    case SSA_KIND_PORT: return _("Port");
    case SSA_KIND_MOBILITY: return _("Mobility");
    case SSA_KIND_GSM: return _("GSM");
    case SSA_KIND_VOICEMAIL: return _("Voicemail");
    case SSA_KIND_STANDBY: return _("Standby");
    case SSA_KIND_SOFTPHONE: return _("Softphone");
    case SSA_KIND_APP: return _("App");
    case SSA_KIND_THIRD_PARTY: return _("Third party");
    case SSA_KIND_HARDWARE: return _("Hardware");
    case SSA_KIND_SERVICE: return _("Service");
    case SSA_N_KINDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ssa_kind_is_covered:
 * @kind: a kind
 *
 * Returns: whether the SSA covers licences of this kind (innovaphone's own licences, not
 *   third-party add-ons, hardware or services).
 */
gboolean
ssa_kind_is_covered (SsaKind kind)
{
  return kind <= SSA_KIND_APP;
}

gboolean
ssa_deployment_from_string (const char    *text,
                            SsaDeployment *out)
{
  guint i;

  if (!lookup (deployment_names, G_N_ELEMENTS (deployment_names), text, &i))
    return FALSE;
  *out = (SsaDeployment) i;
  return TRUE;
}

const char *
ssa_deployment_to_string (SsaDeployment deployment)
{
  g_return_val_if_fail (deployment <= SSA_DEPLOYMENT_RENTAL, NULL);
  return deployment_names[deployment];
}

const char *
ssa_deployment_get_label (SsaDeployment deployment)
{
  switch (deployment)
    {
    case SSA_DEPLOYMENT_APPLIANCE: return _("Appliance");
    case SSA_DEPLOYMENT_SAAS: return _("Cloud service (SaaS)");
    case SSA_DEPLOYMENT_RENTAL: return _("Rental");
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
ssa_billing_from_string (const char *text,
                         SsaBilling *out)
{
  guint i;

  if (!lookup (billing_names, G_N_ELEMENTS (billing_names), text, &i))
    return FALSE;
  *out = (SsaBilling) i;
  return TRUE;
}

const char *
ssa_billing_to_string (SsaBilling billing)
{
  g_return_val_if_fail (billing < SSA_N_BILLINGS, NULL);
  return billing_names[billing];
}

const char *
ssa_billing_get_label (SsaBilling billing)
{
  switch (billing)
    {
    case SSA_BILLING_ONCE: return _("Once");
    case SSA_BILLING_ANNUAL: return _("Annual (Auto-SSA)");
    case SSA_BILLING_QUARTERLY: return _("Quarterly (Auto-SSA)");
    case SSA_BILLING_MONTHLY: return _("Monthly (Auto-SSA)");
    case SSA_N_BILLINGS:
    default:
      g_return_val_if_reached (NULL);
    }
}
