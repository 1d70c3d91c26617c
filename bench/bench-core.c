/* bench-core.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The foundation's speed targets: quoting an installation of 100 000 licence lines (target
 * under 50 ms), and parsing and validating a 10 000-product price list beside json-glib's
 * bare parse of the same document (target within 1.5×), and importing a licence file of
 * 2 000 lines into an installation of a real database (target ≤ 100 ms: read, plan and
 * store). Prints the best of several runs.
 */

#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ssa-date.h"
#include "ssa-db-inventory.h"
#include "ssa-db-licences.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-licence-import.h"
#include "ssa-offer.h"
#include "ssa-samples.h"

#define RUNS 7
/* The parse ratio is the best run of each: more runs, as other work on the machine skews
 * single runs. */
#define PRICE_LIST_RUNS 15

static const char * const kinds[] = {
  "port", "voicemail", "mobility", "gsm", "app", "softphone", "standby", "switchboard",
  "third_party", "hardware",
};

static char *
make_price_list (guint n_products)
{
  GString *out = g_string_new (NULL);
  guint i;

  g_string_append (out,
                   "{\n  \"format\": \"ssa-desk-pricelist/1\",\n  \"id\": \"bench\",\n"
                   "  \"published\": \"2026-11-01\",\n  \"currency\": \"NOK\",\n"
                   "  \"ssc_price\": \"11.50\",\n  \"vat_percent\": \"25\",\n"
                   "  \"ssa\": { \"annual_rate_percent\": \"15\", \"backpay_multiplier\": \"2\","
                   " \"support_window_years\": 3, \"unsupported_through_major\": 6 },\n"
                   "  \"billing_discount_percent\": { \"annual\": \"2\", \"quarterly\": \"1\","
                   " \"monthly\": \"0\" },\n"
                   "  \"versions\": [ { \"version\": \"14r2\", \"released\": \"2024-05-15\" } ],\n"
                   "  \"products\": [\n");
  for (i = 0; i < n_products; i++)
    {
      g_string_append_printf (out,
                              "    { \"code\": \"%02u-%05u-%03u\", \"name\": \"Product %u with a "
                              "realistic name\", \"kind\": \"%s\", \"list_price\": \"%u.%02u\"",
                              i % 100, i, i % 1000, i, kinds[i % G_N_ELEMENTS (kinds)],
                              100 + i % 5000, i % 100);
      if (i % 2 == 0)
        g_string_append_printf (out, ", \"ssc_per_year\": \"%u.%02u\"", 1 + i % 40, i % 100);
      g_string_append (out, i + 1 < n_products ? " },\n" : " }\n");
    }
  g_string_append (out, "  ]\n}\n");
  return g_string_free (out, FALSE);
}

static double
best_of (double *samples,
         guint   n)
{
  double best = samples[0];
  guint i;

  for (i = 1; i < n; i++)
    best = MIN (best, samples[i]);
  return best;
}

static void
bench_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) price_list = ssa_samples_load_price_list (&error);
  g_autoptr(SsaInventory) inventory = ssa_inventory_new ();
  SsaOfferRequest request;
  double samples[RUNS];
  guint n_covered = 0;
  guint i;

  g_assert_no_error (error);

  for (i = 0; i < price_list->products->len; i++)
    if (ssa_kind_is_covered (((SsaPriceListProduct *) g_ptr_array_index (price_list->products, i))->kind))
      n_covered++;

  inventory->deployment = SSA_DEPLOYMENT_APPLIANCE;
  inventory->firmware = g_strdup ("14r2 sr3");
  ssa_date_parse ("2026-06-30", &inventory->ssa_expiry, NULL);

  for (i = 0; i < 100000; i++)
    {
      const SsaPriceListProduct *product =
        g_ptr_array_index (price_list->products, i % price_list->products->len);
      SsaInventoryLine line = { 0 };

      line.code = product->code;
      line.quantity = 1 + i % 250;
      g_date_clear (&line.added_on, 1);
      g_date_clear (&line.covered_until, 1);
      /* A tenth of the lines were bought mid-term, as co-terming offers have them. */
      if (i % 10 == 0)
        ssa_date_parse ("2026-09-15", &line.added_on, NULL);
      ssa_inventory_add_line (inventory, &line);
    }

  ssa_offer_request_init (&request);
  ssa_date_parse ("2026-11-28", &request.today, NULL);
  request.billing = SSA_BILLING_ANNUAL;
  request.discount_percent = 500;

  for (i = 0; i < RUNS; i++)
    {
      gint64 begin = g_get_monotonic_time ();
      g_autoptr(SsaOffer) offer = ssa_offer_compute (price_list, inventory, &request, &error);

      samples[i] = (g_get_monotonic_time () - begin) / 1000.0;
      g_assert_no_error (error);
      g_assert_nonnull (offer);
    }

  g_print ("quote, 100 000 licence lines:            %8.2f ms   (target < 50 ms)\n",
           best_of (samples, RUNS));
}

static void
bench_price_list (void)
{
  g_autofree char *text = make_price_list (10000);
  gsize length = strlen (text);
  double bare[PRICE_LIST_RUNS];
  double full[PRICE_LIST_RUNS];
  double ratio;
  guint i;

  for (i = 0; i < PRICE_LIST_RUNS; i++)
    {
      JsonParser *parser = json_parser_new_immutable ();
      g_autoptr(GError) error = NULL;
      g_autoptr(SsaPriceList) list = NULL;
      gint64 begin = g_get_monotonic_time ();

      /* The bare parse builds json-glib's tree and frees it again, as the reader does. */
      json_parser_load_from_data (parser, text, length, &error);
      g_object_unref (parser);
      bare[i] = (g_get_monotonic_time () - begin) / 1000.0;
      g_assert_no_error (error);

      begin = g_get_monotonic_time ();
      list = ssa_price_list_new_from_data (text, length, "bench.json", &error);
      full[i] = (g_get_monotonic_time () - begin) / 1000.0;
      g_assert_no_error (error);
      g_assert_cmpuint (list->products->len, ==, 10000);
    }

  ratio = best_of (full, PRICE_LIST_RUNS) / best_of (bare, PRICE_LIST_RUNS);
  g_print ("price list, 10 000 products (%.1f MiB):\n", length / (1024.0 * 1024.0));
  g_print ("  json-glib bare parse:                   %8.2f ms\n",
           best_of (bare, PRICE_LIST_RUNS));
  g_print ("  SSA Desk parse and validate:            %8.2f ms   (%.2fx, target <= 1.5x)\n",
           best_of (full, PRICE_LIST_RUNS), ratio);
}

static void
bench_licence_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-licences-XXXXXX", &error);
  g_autofree char *db_path = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(GPtrArray) types = g_ptr_array_new ();
  g_autoptr(GString) xml = g_string_new ("<?xml version='1.0'?>\n<licenses>\n");
  g_autoptr(SsaInventory) start = ssa_inventory_new ();
  double samples[RUNS];
  GDate today;
  gint64 id;

  g_assert_no_error (error);
  db_path = g_build_filename (dir, "bench.db", NULL);
  db = ssa_db_open (db_path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  price_list = ssa_db_load_current_price_list (db, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < price_list->products->len; i++)
    {
      const SsaPriceListProduct *product = g_ptr_array_index (price_list->products, i);

      for (guint j = 0; product->licence_types[j] != NULL; j++)
        g_ptr_array_add (types, product->licence_types[j]);
    }
  /* 2 000 lines: every type bought many times, as an old exchange's file has them. */
  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (xml, "  <license amount='%u' type='%s' mac='00-90-33-01-02-ab' "
                            "var='PBX0'>%064x</license>\n", 1 + i % 7,
                            (const char *) g_ptr_array_index (types, i % types->len), i);
  g_string_append (xml, "</licenses>\n");

  start->deployment = SSA_DEPLOYMENT_APPLIANCE;
  for (guint i = 0; i < 200; i++)
    {
      const SsaPriceListProduct *product =
        g_ptr_array_index (price_list->products, i % price_list->products->len);
      SsaInventoryLine line = { 0 };

      line.code = product->code;
      line.quantity = 1 + i % 20;
      g_date_clear (&line.added_on, 1);
      g_date_clear (&line.covered_until, 1);
      ssa_inventory_add_line (start, &line);
    }
  ssa_date_parse ("2026-12-06", &today, NULL);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(SsaLicenceFile) file = NULL;
      g_autoptr(SsaInventory) inventory = NULL;
      g_autoptr(GHashTable) user_map = NULL;
      g_autoptr(SsaLicenceImport) plan = NULL;
      gint64 begin;

      /* Each run imports into an installation as it was before any import. */
      ssa_db_import_inventories (db, &start, NULL, 1, &id, &error);
      g_assert_no_error (error);

      begin = g_get_monotonic_time ();
      file = ssa_licence_file_new_from_data (xml->str, xml->len, "bench.xml", &error);
      g_assert_no_error (error);
      inventory = ssa_db_load_inventory (db, id, NULL, &error);
      g_assert_no_error (error);
      user_map = ssa_db_load_licence_type_map (db, &error);
      g_assert_no_error (error);
      plan = ssa_licence_import_plan (inventory, file, price_list, user_map, &today,
                                      "bench.xml", &error);
      g_assert_no_error (error);
      ssa_db_store_licence_import (db, id, inventory->serial, plan->set_serial, plan->lines,
                                   &error);
      g_assert_no_error (error);
      samples[run] = (g_get_monotonic_time () - begin) / 1000.0;
      g_assert_cmpuint (file->n_elements, ==, 2000);
      /* The serial it was given is free for the next run. */
      ssa_db_delete_installation (db, id, &error);
      g_assert_no_error (error);
    }

  g_print ("licence file import, 2 000 lines:        %8.2f ms   (target <= 100 ms)\n",
           best_of (samples, RUNS));

  g_clear_pointer (&db, ssa_db_close);
  for (const char *suffix = ""; suffix != NULL;
       suffix = g_str_equal (suffix, "") ? "-wal" : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *path = g_strconcat (db_path, suffix, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  /* `bench-core quote` or `bench-core price-list` runs one part, for profiling. */
  if (argc < 2 || g_str_equal (argv[1], "quote"))
    bench_quote ();
  if (argc < 2 || g_str_equal (argv[1], "price-list"))
    bench_price_list ();
  if (argc < 2 || g_str_equal (argv[1], "licence-import"))
    bench_licence_import ();
  return 0;
}
