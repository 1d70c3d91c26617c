/* fuzz-offer-util.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fuzz-common.h"

#include "ssa-offer.h"
#include "ssa-offer-reader.h"

/* What the targets of the JSON documents share: the bundled sample files (read once, from
 * the source tree), a fixed "today" for computing offers, and the round trip of an offer
 * document. */

#define FUZZ_TODAY_DAY   6
#define FUZZ_TODAY_MONTH G_DATE_DECEMBER
#define FUZZ_TODAY_YEAR  2026

/* Returns: (transfer full): a file of the source tree, which must be readable */
static inline char *
fuzz_load_source_file (const char *relative,
                       gsize      *length)
{
  g_autofree char *path = g_build_filename (FUZZ_SOURCE_ROOT, relative, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, length, &error))
    g_error ("%s", error->message);
  return contents;
}

/* Returns: (transfer full): the bundled sample price list */
static inline SsaPriceList *
fuzz_load_sample_price_list (void)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  SsaPriceList *price_list;

  data = fuzz_load_source_file ("data/sample-price-list.json", &length);
  price_list = ssa_price_list_new_from_data (data, length, "sample-price-list.json", NULL);
  fuzz_check (price_list != NULL);
  return price_list;
}

/* The request of `quote` without options, on a fixed day: the offer computed from the same
 * documents is the same on every run. */
static inline void
fuzz_offer_request_init (SsaOfferRequest *request)
{
  ssa_offer_request_init (request);
  g_date_set_dmy (&request->today, FUZZ_TODAY_DAY, FUZZ_TODAY_MONTH, FUZZ_TODAY_YEAR);
}

/* An offer document that was read is written back as a document that reads back as the
 * same offer: writing the second reading gives the same text as writing the first. */
static inline void
fuzz_check_offer_round_trip (const SsaOffer *offer)
{
  g_autofree char *json = ssa_offer_to_json (offer);
  g_autofree char *json_again = NULL;
  g_autoptr(SsaOffer) again = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_check (json != NULL);
  again = ssa_offer_new_from_json (json, strlen (json), &error);
  if (again == NULL)
    {
      g_printerr ("The offer written does not read back: %s\n%s", error->message, json);
      abort ();
    }
  json_again = ssa_offer_to_json (again);
  if (!g_str_equal (json, json_again))
    {
      g_printerr ("The offer reads back different:\n%s\n%s", json, json_again);
      abort ();
    }
}
