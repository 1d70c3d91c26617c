/* ssa-reminders.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ssa-date.h"
#include "ssa-db-inventory.h"
#include "ssa-db-offers.h"
#include "ssa-db.h"
#include "ssa-reminders.h"

/**
 * ssa_reminders_offer_is_due:
 * @offer: a stored offer
 * @today: the day to judge by
 *
 * Returns: whether @offer is still open (a draft or sent, not expired) and its acceptance
 *   deadline, the last day it is valid, is today or within %SSA_REMINDER_OFFER_DAYS days
 */
gboolean
ssa_reminders_offer_is_due (const SsaDbOffer *offer,
                            const GDate      *today)
{
  SsaOfferStatus shown;
  int days;

  g_return_val_if_fail (offer != NULL && today != NULL, FALSE);

  shown = ssa_db_offer_get_shown_status (offer, today);
  if (shown != SSA_OFFER_STATUS_DRAFT && shown != SSA_OFFER_STATUS_SENT)
    return FALSE;
  if (!ssa_date_is_set (&offer->valid_until))
    return FALSE;
  days = g_date_days_between (today, &offer->valid_until);
  return days >= 0 && days <= SSA_REMINDER_OFFER_DAYS;
}

/**
 * ssa_reminders_list_due_offers:
 * @db: the database
 * @today: the day to judge by
 * @error: a #GError
 *
 * Returns: (transfer container) (element-type SsaDbOffer): the open offers whose
 *   acceptance deadline passes within %SSA_REMINDER_OFFER_DAYS days, by number as
 *   ssa_db_list_offers() lists them
 */
GPtrArray *
ssa_reminders_list_due_offers (SsaDb        *db,
                               const GDate  *today,
                               GError      **error)
{
  g_autoptr(GPtrArray) offers = ssa_db_list_offers (db, error);
  GPtrArray *due;

  if (offers == NULL)
    return NULL;
  due = g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_db_offer_free);
  for (guint i = 0; i < offers->len; i++)
    if (ssa_reminders_offer_is_due (g_ptr_array_index (offers, i), today))
      g_ptr_array_add (due, g_ptr_array_steal_index (offers, i--));
  return due;
}

/**
 * ssa_reminders_count:
 * @db: the database
 * @today: the day to judge by
 * @within_days: the reminder window
 * @out_renewals: (out): the installations whose SSA ends today or within @within_days days
 *   (those already ended are left out: they were counted while they were ending)
 * @out_offers: (out): the offers of ssa_reminders_list_due_offers()
 * @error: a #GError
 *
 * Returns: whether the database could be read
 */
gboolean
ssa_reminders_count (SsaDb        *db,
                     const GDate  *today,
                     guint         within_days,
                     guint        *out_renewals,
                     guint        *out_offers,
                     GError      **error)
{
  g_autoptr(GArray) rows = ssa_db_list_renewals (db, today, within_days, error);
  g_autoptr(GPtrArray) due = NULL;
  guint n = 0;

  if (rows == NULL)
    return FALSE;
  due = ssa_reminders_list_due_offers (db, today, error);
  if (due == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const SsaDbInstallationRow *row = &g_array_index (rows, SsaDbInstallationRow, i);

      if (g_date_days_between (today, &row->ssa_expiry) >= 0)
        n++;
    }
  *out_renewals = n;
  *out_offers = due->len;
  return TRUE;
}
