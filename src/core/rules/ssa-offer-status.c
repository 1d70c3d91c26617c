/* ssa-offer-status.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-offer-status.h"

static const char * const status_names[] = {
  "draft", "sent", "accepted", "declined", "superseded", "revised", "expired",
};

G_STATIC_ASSERT (G_N_ELEMENTS (status_names) == SSA_OFFER_STATUS_EXPIRED + 1);

const char *
ssa_offer_status_to_string (SsaOfferStatus status)
{
  g_return_val_if_fail (status <= SSA_OFFER_STATUS_EXPIRED, NULL);

  return status_names[status];
}

gboolean
ssa_offer_status_from_string (const char     *text,
                              SsaOfferStatus *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (status_names); i++)
    if (g_str_equal (text, status_names[i]))
      {
        *out = (SsaOfferStatus) i;
        return TRUE;
      }
  return FALSE;
}

/* Returns: (transfer none): the status in the user's language */
const char *
ssa_offer_status_get_label (SsaOfferStatus status)
{
  switch (status)
    {
    case SSA_OFFER_STATUS_DRAFT: return C_("offer status", "draft");
    case SSA_OFFER_STATUS_SENT: return C_("offer status", "sent");
    case SSA_OFFER_STATUS_ACCEPTED: return C_("offer status", "accepted");
    case SSA_OFFER_STATUS_DECLINED: return C_("offer status", "declined");
    case SSA_OFFER_STATUS_SUPERSEDED: return C_("offer status", "superseded");
    case SSA_OFFER_STATUS_REVISED: return C_("offer status", "revised");
    case SSA_OFFER_STATUS_EXPIRED: return C_("offer status", "expired");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Returns: (transfer none): the status as a title in the user's language, "Draft", for
 * the offers register; ssa_offer_status_get_label() is the word inside a sentence */
const char *
ssa_offer_status_get_title (SsaOfferStatus status)
{
  switch (status)
    {
    case SSA_OFFER_STATUS_DRAFT: return C_("offer status title", "Draft");
    case SSA_OFFER_STATUS_SENT: return C_("offer status title", "Sent");
    case SSA_OFFER_STATUS_ACCEPTED: return C_("offer status title", "Accepted");
    case SSA_OFFER_STATUS_DECLINED: return C_("offer status title", "Declined");
    case SSA_OFFER_STATUS_SUPERSEDED: return C_("offer status title", "Superseded");
    case SSA_OFFER_STATUS_REVISED: return C_("offer status title", "Revised");
    case SSA_OFFER_STATUS_EXPIRED: return C_("offer status title", "Expired");
    default:
      g_return_val_if_reached (NULL);
    }
}

