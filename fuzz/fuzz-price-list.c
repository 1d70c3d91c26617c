/* fuzz-price-list.c: price lists (ssa-desk-pricelist/1), as files and as fetched
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fuzz-offer-util.h"

#include "ssa-price-list-diff.h"

/* A price list comes from a file or from a distributor's server. One that is read must be
 * whole: every product found under its code, every version under its number. It is then
 * compared with the bundled sample list (as an update is), and an offer is computed
 * against it for a bundled sample installation on a fixed day, as `quote` would; that
 * offer's document must round-trip. (Price lists are stored as they came, so there is no
 * writer to round-trip through.) */

static SsaPriceList *sample_list;
static SsaInventory *installations[2];

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  static const char * const installation_files[] = {
    "data/sample-installations/lapsed.json",
    "data/sample-installations/co-terming.json",
  };
  gsize length = 0;

  fuzz_init (*argv);
  sample_list = fuzz_load_sample_price_list ();

  for (guint i = 0; i < G_N_ELEMENTS (installation_files); i++)
    {
      g_autofree char *json = fuzz_load_source_file (installation_files[i], &length);

      installations[i] = ssa_inventory_new_from_data (json, length, installation_files[i],
                                                      NULL);
      fuzz_check (installations[i] != NULL);
    }
  return 0;
}

static void
check_whole (const SsaPriceList *list)
{
  fuzz_check (list->id != NULL && list->currency != NULL);
  fuzz_check (list->ssc_price > 0);
  fuzz_check (list->billing_discount_percent[SSA_BILLING_ONCE] == 0);

  for (guint i = 0; i < list->products->len; i++)
    {
      const SsaPriceListProduct *product = g_ptr_array_index (list->products, i);

      fuzz_check (product->code != NULL && product->name != NULL);
      fuzz_check (ssa_price_list_lookup (list, product->code) == product);
      fuzz_check (product->list_price >= 0 && product->ssc_per_year >= 0);
    }

  for (guint i = 0; i < list->versions->len; i++)
    {
      const SsaPriceListVersion *version = &g_array_index (list->versions,
                                                           SsaPriceListVersion, i);
      const SsaPriceListVersion *found = ssa_price_list_find_version (list, version->major,
                                                                      version->release);

      fuzz_check (found != NULL);
      fuzz_check (found->major == version->major && found->release == version->release);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SsaPriceList) list = NULL;
  g_autoptr(SsaPriceListDiff) diff = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autoptr(GError) error = NULL;

  list = ssa_price_list_new_from_data ((const char *) data, size, "fuzz", &error);
  if (list == NULL)
    {
      fuzz_check (error != NULL);
      return 0;
    }
  fuzz_check (error == NULL);
  check_whole (list);

  diff = ssa_price_list_diff_new (sample_list, list);
  changes = ssa_price_list_diff_list_changes (diff, SSA_LANG_NB);
  fuzz_check (changes != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (installations); i++)
    {
      g_autoptr(SsaOffer) offer = NULL;
      g_autoptr(GError) offer_error = NULL;
      SsaOfferRequest request;

      fuzz_offer_request_init (&request);
      offer = ssa_offer_compute (list, installations[i], &request, &offer_error);
      if (offer == NULL)
        fuzz_check (offer_error != NULL);
      else
        fuzz_check_offer_round_trip (offer);
    }

  return 0;
}
