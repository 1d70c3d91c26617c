/* fuzz-installation.c: installation documents (ssa-desk-installation/1)
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fuzz-offer-util.h"

#include "ssa-installation.h"

/* An installation that is read is written back (ssa_inventory_to_json (), as `export`
 * does) as a document that reads back the same, also through the window's object
 * (SsaInstallation). Then the offer for it is computed against the bundled sample price
 * list on a fixed day, as `quote` would, and that offer's document must round-trip too. */

static SsaPriceList *price_list;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init (*argv);
  price_list = fuzz_load_sample_price_list ();
  return 0;
}

static SsaInventory *
read_back (const char *json)
{
  g_autoptr(GError) error = NULL;
  SsaInventory *inventory = ssa_inventory_new_from_data (json, strlen (json), "again", &error);

  if (inventory == NULL)
    {
      g_printerr ("The installation written does not read back: %s\n%s", error->message, json);
      abort ();
    }
  return inventory;
}

static void
check_round_trip (const SsaInventory *inventory)
{
  g_autofree char *json = ssa_inventory_to_json (inventory);
  g_autoptr(SsaInventory) again = read_back (json);
  g_autofree char *json_again = ssa_inventory_to_json (again);
  g_autoptr(SsaInstallation) installation = ssa_installation_new_from_inventory (inventory);
  g_autoptr(SsaInventory) from_object = ssa_installation_to_inventory (installation);
  g_autofree char *json_object = ssa_inventory_to_json (from_object);
  g_autoptr(SsaInventory) expected = ssa_inventory_copy (inventory);
  g_autofree char *json_expected = NULL;

  fuzz_check (g_str_equal (json, json_again));

  /* Of the customer, the installation object keeps only the name (the rest is the
   * customer's own record). */
  g_clear_pointer (&expected->customer.org_no, g_free);
  g_clear_pointer (&expected->customer.address, g_free);
  g_clear_pointer (&expected->customer.contact, g_free);
  g_clear_pointer (&expected->customer.email, g_free);
  json_expected = ssa_inventory_to_json (expected);
  fuzz_check (g_str_equal (json_expected, json_object));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(GError) error = NULL;
  SsaOfferRequest request;

  inventory = ssa_inventory_new_from_data ((const char *) data, size, "fuzz", &error);
  if (inventory == NULL)
    {
      fuzz_check (error != NULL);
      return 0;
    }
  fuzz_check (error == NULL);
  check_round_trip (inventory);

  fuzz_offer_request_init (&request);
  offer = ssa_offer_compute (price_list, inventory, &request, &error);
  if (offer == NULL)
    fuzz_check (error != NULL);
  else
    fuzz_check_offer_round_trip (offer);

  return 0;
}
