/* fuzz-offer.c: offer documents (ssa-desk-offer/1), as stored offers keep them
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fuzz-offer-util.h"

/* ssa_offer_new_from_json () reads the snapshot of a stored offer back (the database keeps
 * each offer's document). An offer it reads is written and read back the same. */

FUZZ_DEFINE_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(GError) error = NULL;

  offer = ssa_offer_new_from_json ((const char *) data, size, &error);
  if (offer == NULL)
    {
      fuzz_check (error != NULL);
      return 0;
    }

  fuzz_check (error == NULL);
  fuzz_check_offer_round_trip (offer);
  return 0;
}
