/* ssa-reminders.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ssa-db-offers.h"
#include "ssa-db.h"

G_BEGIN_DECLS

/* What the renewal reminder counts (docs/window.md, "Reminders"), shared by the window's
 * notification and the command line's `renewals` and `offers --due`. */

/* The reminder window of SSAs ending soon, in days, unless the settings say otherwise. */
#define SSA_REMINDER_DEFAULT_DAYS 60
/* Offers whose acceptance deadline (akseptfrist) passes within this many days are due. */
#define SSA_REMINDER_OFFER_DAYS 3

gboolean   ssa_reminders_offer_is_due   (const SsaDbOffer  *offer,
                                         const GDate       *today);
GPtrArray *ssa_reminders_list_due_offers (SsaDb            *db,
                                         const GDate       *today,
                                         GError           **error);
gboolean   ssa_reminders_count          (SsaDb             *db,
                                         const GDate       *today,
                                         guint              within_days,
                                         guint             *out_renewals,
                                         guint             *out_offers,
                                         GError           **error);

G_END_DECLS
