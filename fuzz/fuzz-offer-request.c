/* fuzz-offer-request.c: the request a stored offer was computed from
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fuzz-common.h"

#include "ssa-date.h"
#include "ssa-db-offers.h"
#include "ssa-offer.h"

/* The database keeps, with each offer, the options it was computed with (a small JSON
 * object) so that a revision starts from them. A damaged or edited database can hold any
 * text there: ssa_db_offer_get_request () must refuse what it cannot read with an error,
 * and whatever it accepts must be a request the offer calculator takes as it is. */

FUZZ_DEFINE_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_autoptr(GError) error = NULL;
  SsaDbOffer offer = { 0, };
  SsaOfferRequest request;

  offer.number = (char *) "2026-0001";
  offer.request = text;

  if (!ssa_db_offer_get_request (&offer, &request, &error))
    {
      fuzz_check (error != NULL);
      return 0;
    }

  fuzz_check (error == NULL);
  fuzz_check (!ssa_date_is_set (&request.start) || g_date_valid (&request.start));
  if (request.end_kind == SSA_OFFER_END_DATE)
    fuzz_check (ssa_date_is_set (&request.end));
  if (request.end_kind == SSA_OFFER_END_MONTHS)
    fuzz_check (request.months >= 1 && request.months <= SSA_OFFER_MAX_REQUEST_MONTHS);
  fuzz_check (request.discount_percent >= 0 && request.labour_hours >= 0 &&
              request.labour_rate >= 0);
  return 0;
}
