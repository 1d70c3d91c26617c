/* test-price-list.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ssa-date.h"
#include "ssa-error.h"
#include "ssa-json-guard.h"
#include "ssa-price-list.h"

#include "test-json-mutate.h"
#include "test-util.h"

#define WHAT "prices.json"

static const char valid_document[] =
  "{\n"
  "  \"format\": \"ssa-desk-pricelist/1\",\n"
  "  \"id\": \"2026-12\",\n"
  "  \"published\": \"2026-12-01\",\n"
  "  \"currency\": \"NOK\",\n"
  "  \"ssc_price\": \"11.50\",\n"
  "  \"vat_percent\": \"25\",\n"
  "  \"ssa\": {\n"
  "    \"annual_rate_percent\": \"15\",\n"
  "    \"backpay_multiplier\": \"2\",\n"
  "    \"support_window_years\": 3,\n"
  "    \"unsupported_through_major\": 6\n"
  "  },\n"
  "  \"billing_discount_percent\": {\n"
  "    \"annual\": \"2\", \"quarterly\": \"1\", \"monthly\": \"0\"\n"
  "  },\n"
  "  \"versions\": [\n"
  "    { \"version\": \"14r2\", \"released\": \"2024-05-15\" },\n"
  "    { \"version\": \"14r1\", \"released\": \"2023-11-02\" },\n"
  "    { \"version\": \"13r3\", \"released\": \"2022-06-20\" }\n"
  "  ],\n"
  "  \"products\": [\n"
  "    { \"code\": \"02-00039-002\", \"name\": \"PBX-Port14\", \"kind\": \"port\",\n"
  "      \"list_price\": \"450.00\", \"ssc_per_year\": \"6.75\" },\n"
  "    { \"code\": \"02-00039-101\", \"name\": \"PBX-Voicemail14\", \"kind\": \"voicemail\",\n"
  "      \"list_price\": \"120.00\" },\n"
  "    { \"code\": \"90-00000-001\", \"name\": \"SamWin switchboard\", \"kind\": \"third_party\",\n"
  "      \"list_price\": \"0\" }\n"
  "  ]\n"
  "}\n";

static const char minimal_document[] =
  "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"min\", \"currency\": \"EUR\","
  "  \"ssc_price\": \"1\", \"products\": [] }";

static SsaPriceList *
parse (const char  *data,
       GError     **error)
{
  return ssa_price_list_new_from_data (data, strlen (data), WHAT, error);
}

static SsaPriceList *
parse_mutated (const char  *target,
               const char  *member,
               const char  *value,
               GError     **error)
{
  g_autofree char *data = test_json_mutate (valid_document, target, member, value);

  return parse (data, error);
}

/* Valid documents */

static void
test_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = parse (valid_document, &error);
  const SsaPriceListProduct *product;
  const SsaPriceListVersion *version;

  g_assert_no_error (error);
  g_assert_nonnull (list);

  g_assert_cmpstr (list->id, ==, "2026-12");
  test_assert_date (&list->published, "2026-12-01");
  g_assert_cmpstr (list->currency, ==, "NOK");
  g_assert_cmpint (list->ssc_price, ==, 1150);
  g_assert_cmpint (list->vat_percent, ==, 2500);
  g_assert_cmpint (list->annual_rate_percent, ==, 1500);
  g_assert_cmpint (list->backpay_multiplier, ==, 200);
  g_assert_cmpint (list->support_window_years, ==, 3);
  g_assert_cmpint (list->unsupported_through_major, ==, 6);
  g_assert_cmpint (list->billing_discount_percent[SSA_BILLING_ONCE], ==, 0);
  g_assert_cmpint (list->billing_discount_percent[SSA_BILLING_ANNUAL], ==, 200);
  g_assert_cmpint (list->billing_discount_percent[SSA_BILLING_QUARTERLY], ==, 100);
  g_assert_cmpint (list->billing_discount_percent[SSA_BILLING_MONTHLY], ==, 0);

  g_assert_cmpuint (list->versions->len, ==, 3);
  version = ssa_price_list_find_version (list, 14, 2);
  g_assert_nonnull (version);
  g_assert_cmpstr (version->version, ==, "14r2");
  test_assert_date (&version->released, "2024-05-15");
  version = ssa_price_list_find_version (list, 13, 3);
  g_assert_nonnull (version);
  test_assert_date (&version->released, "2022-06-20");
  g_assert_null (ssa_price_list_find_version (list, 13, 2));

  g_assert_cmpuint (list->products->len, ==, 3);
  product = ssa_price_list_lookup (list, "02-00039-002");
  g_assert_nonnull (product);
  g_assert_true (product == g_ptr_array_index (list->products, 0));
  g_assert_cmpstr (product->name, ==, "PBX-Port14");
  g_assert_cmpint (product->kind, ==, SSA_KIND_PORT);
  g_assert_cmpint (product->list_price, ==, 45000);
  g_assert_true (product->has_ssc_per_year);
  g_assert_cmpint (product->ssc_per_year, ==, 675);

  /* 120.00 * 15 / 100 / 11.50 = 1.5652… → 1.57 */
  product = ssa_price_list_lookup (list, "02-00039-101");
  g_assert_nonnull (product);
  g_assert_cmpint (product->kind, ==, SSA_KIND_VOICEMAIL);
  g_assert_false (product->has_ssc_per_year);
  g_assert_cmpint (product->ssc_per_year, ==, 157);

  product = ssa_price_list_lookup (list, "90-00000-001");
  g_assert_nonnull (product);
  g_assert_cmpint (product->kind, ==, SSA_KIND_THIRD_PARTY);
  g_assert_cmpint (product->ssc_per_year, ==, 0);

  g_assert_null (ssa_price_list_lookup (list, "02-00039-999"));
}

static void
test_defaults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = parse (minimal_document, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (list->id, ==, "min");
  g_assert_false (ssa_date_is_set (&list->published));
  g_assert_cmpstr (list->currency, ==, "EUR");
  g_assert_cmpint (list->ssc_price, ==, 100);
  g_assert_cmpint (list->vat_percent, ==, 2500);
  g_assert_cmpint (list->annual_rate_percent, ==, 1500);
  g_assert_cmpint (list->backpay_multiplier, ==, 200);
  g_assert_cmpint (list->support_window_years, ==, 3);
  g_assert_cmpint (list->unsupported_through_major, ==, 6);
  for (guint i = 0; i < SSA_N_BILLINGS; i++)
    g_assert_cmpint (list->billing_discount_percent[i], ==, 0);
  g_assert_cmpuint (list->versions->len, ==, 0);
  g_assert_cmpuint (list->products->len, ==, 0);
  g_assert_null (ssa_price_list_lookup (list, "02-00039-002"));
  g_assert_null (ssa_price_list_find_version (list, 14, 2));
}

static void
test_missing_billing_plan (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;

  list = parse_mutated (NULL, "billing_discount_percent", "{ \"annual\": \"2.5\" }", &error);
  g_assert_no_error (error);
  g_assert_cmpint (list->billing_discount_percent[SSA_BILLING_ANNUAL], ==, 250);
  g_assert_cmpint (list->billing_discount_percent[SSA_BILLING_QUARTERLY], ==, 0);
  g_assert_cmpint (list->billing_discount_percent[SSA_BILLING_MONTHLY], ==, 0);
}

static void
test_once_zero (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;

  list = parse_mutated ("billing_discount_percent", "once", "\"0.00\"", &error);
  g_assert_no_error (error);
  g_assert_cmpint (list->billing_discount_percent[SSA_BILLING_ONCE], ==, 0);
}

static void
test_json_numbers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data2 = NULL;

  /* 11.5 as a JSON number is 11.50; 120 is 120.00 */
  data = test_json_mutate (valid_document, NULL, "ssc_price", "11.5");
  data2 = test_json_mutate (data, "products/1", "list_price", "120");
  list = parse (data2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (list->ssc_price, ==, 1150);
  g_assert_cmpint (ssa_price_list_lookup (list, "02-00039-101")->list_price, ==, 12000);
  g_assert_cmpint (ssa_price_list_lookup (list, "02-00039-101")->ssc_per_year, ==, 157);
  g_clear_pointer (&list, ssa_price_list_unref);

  list = parse_mutated ("products/0", "ssc_per_year", "6.75", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ssa_price_list_lookup (list, "02-00039-002")->ssc_per_year, ==, 675);
  g_clear_pointer (&list, ssa_price_list_unref);

  list = parse_mutated (NULL, "ssc_price", "11.505", &error);
  g_assert_null (list);
  test_assert_one_problem (error, WHAT ": ssc_price: ");
}

static void
test_derived_rounding (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;

  /* 1.15 * 15 / 100 / 11.50 = 0.015 exactly: half up is 0.02 */
  list = parse_mutated ("products/1", "list_price", "\"1.15\"", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ssa_price_list_lookup (list, "02-00039-101")->ssc_per_year, ==, 2);
  g_clear_pointer (&list, ssa_price_list_unref);

  /* 1.14 → 0.01487 → 0.01 */
  list = parse_mutated ("products/1", "list_price", "\"1.14\"", &error);
  g_assert_no_error (error);
  g_assert_cmpint (ssa_price_list_lookup (list, "02-00039-101")->ssc_per_year, ==, 1);
}

static void
test_derived_overflow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data2 = NULL;

  /* 92233720368547758.07 * 15 / 100 / 0.01 SSC does not fit in 64 bits */
  data = test_json_mutate (valid_document, NULL, "ssc_price", "\"0.01\"");
  data2 = test_json_mutate (data, "products/1", "list_price", "\"92233720368547758.07\"");
  list = parse (data2, &error);
  g_assert_null (list);
  test_assert_one_problem (error, WHAT ": products[1] (02-00039-101): list_price: ");
}

static void
test_code_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;
  g_autofree char *code = g_strnfill (64, 'A');
  g_autofree char *value = g_strdup_printf ("\"%s\"", code);

  list = parse_mutated ("products/1", "code", value, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ssa_price_list_lookup (list, code));
  g_clear_pointer (&list, ssa_price_list_unref);

  /* 64 characters, not bytes */
  g_clear_pointer (&value, g_free);
  {
    g_autoptr(GString) wide = g_string_new ("\"");

    for (guint i = 0; i < 64; i++)
      g_string_append (wide, "Ø");
    g_string_append_c (wide, '"');
    value = g_string_free (g_steal_pointer (&wide), FALSE);
  }
  list = parse_mutated ("products/1", "code", value, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->products->len, ==, 3);
}

static void
test_unknown_fields_and_nulls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data2 = NULL;
  g_autofree char *data3 = NULL;

  data = test_json_mutate (valid_document, NULL, "distributor", "{ \"name\": \"x\" }");
  data2 = test_json_mutate (data, "products/0", "ean", "7071234567890");
  data3 = test_json_mutate (data2, NULL, "published", "null");
  list = parse (data3, &error);
  g_assert_no_error (error);
  g_assert_false (ssa_date_is_set (&list->published));
  g_assert_cmpuint (list->products->len, ==, 3);
}

static void
test_boxed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = parse (valid_document, &error);
  SsaPriceList *copy;

  g_assert_no_error (error);
  g_assert_true (G_TYPE_IS_BOXED (SSA_TYPE_PRICE_LIST));

  /* Boxed copies share the immutable list. */
  copy = g_boxed_copy (SSA_TYPE_PRICE_LIST, list);
  g_assert_true (copy == list);
  g_boxed_free (SSA_TYPE_PRICE_LIST, copy);

  copy = ssa_price_list_ref (list);
  g_clear_pointer (&list, ssa_price_list_unref);
  g_assert_cmpstr (copy->id, ==, "2026-12");
  ssa_price_list_unref (copy);
}

static void
test_many_problems (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;
  g_autoptr(GString) data = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;

  /* Three problems in one document are all reported, in document order. */
  list = parse ("{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"\", \"currency\": \"nok\","
                "  \"ssc_price\": \"11.50\", \"products\": ["
                "    { \"code\": \"A\", \"name\": \"a\", \"kind\": \"port\","
                "      \"list_price\": \"x\" }"
                "] }", &error);
  g_assert_null (list);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], WHAT ": id: "));
  g_assert_true (g_str_has_prefix (lines[1], WHAT ": currency: "));
  g_assert_true (g_str_has_prefix (lines[2], WHAT ": products[0] (A): list_price: "));
  g_clear_error (&error);
  g_clear_pointer (&lines, g_strfreev);

  /* A flood of problems is cut off after 50, with a count of the rest. */
  g_string_append (data, "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"x\", "
                         "\"currency\": \"NOK\", \"ssc_price\": \"1\", \"products\": [");
  for (guint i = 0; i < 60; i++)
    g_string_append_printf (data, "%s{ \"code\": \"P%u\", \"name\": \"p\", \"kind\": \"port\", "
                                  "\"list_price\": \"-1\" }", i > 0 ? "," : "", i);
  g_string_append (data, "] }");
  list = parse (data->str, &error);
  g_assert_null (list);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 51);
  g_assert_true (g_str_has_prefix (lines[0], WHAT ": products[0] (P0): list_price: "));
  g_assert_true (g_str_has_prefix (lines[49], WHAT ": products[49] (P49): list_price: "));
  g_assert_true (g_str_has_prefix (lines[50], WHAT ": "));
  g_assert_nonnull (strstr (lines[50], "10"));
}

/* Refusals: one test per rule */

static const TestRefusal refusals[] = {
  { "format/missing", NULL, "format", NULL, WHAT ": format: " },
  { "format/other", NULL, "format", "\"ssa-desk-pricelist/2\"", WHAT ": format: " },
  { "format/installation", NULL, "format", "\"ssa-desk-installation/1\"", WHAT ": format: " },
  { "format/number", NULL, "format", "1", WHAT ": format: " },
  { "id/missing", NULL, "id", NULL, WHAT ": id: " },
  { "id/empty", NULL, "id", "\"\"", WHAT ": id: " },
  { "id/number", NULL, "id", "202612", WHAT ": id: " },
  { "id/null", NULL, "id", "null", WHAT ": id: " },
  { "id/control", NULL, "id", "\"2026\\u000712\"", WHAT ": id: " },
  { "published/invalid", NULL, "published", "\"2026-02-30\"", WHAT ": published: " },
  { "published/number", NULL, "published", "20261201", WHAT ": published: " },
  { "currency/missing", NULL, "currency", NULL, WHAT ": currency: " },
  { "currency/lower-case", NULL, "currency", "\"nok\"", WHAT ": currency: " },
  { "currency/two-letters", NULL, "currency", "\"NO\"", WHAT ": currency: " },
  { "currency/four-letters", NULL, "currency", "\"NOKK\"", WHAT ": currency: " },
  { "currency/non-ascii", NULL, "currency", "\"NØK\"", WHAT ": currency: " },
  { "currency/digits", NULL, "currency", "\"578\"", WHAT ": currency: " },
  { "currency/number", NULL, "currency", "578", WHAT ": currency: " },
  { "ssc-price/missing", NULL, "ssc_price", NULL, WHAT ": ssc_price: " },
  { "ssc-price/zero", NULL, "ssc_price", "\"0.00\"", WHAT ": ssc_price: " },
  { "ssc-price/negative", NULL, "ssc_price", "\"-11.50\"", WHAT ": ssc_price: " },
  { "ssc-price/negative-number", NULL, "ssc_price", "-11.5", WHAT ": ssc_price: " },
  { "ssc-price/three-decimals", NULL, "ssc_price", "\"11.505\"", WHAT ": ssc_price: " },
  { "ssc-price/three-decimals-number", NULL, "ssc_price", "11.505", WHAT ": ssc_price: " },
  { "ssc-price/comma", NULL, "ssc_price", "\"11,50\"", WHAT ": ssc_price: " },
  { "ssc-price/space", NULL, "ssc_price", "\" 11.50\"", WHAT ": ssc_price: " },
  { "ssc-price/exponent", NULL, "ssc_price", "\"1e3\"", WHAT ": ssc_price: " },
  { "ssc-price/bool", NULL, "ssc_price", "true", WHAT ": ssc_price: " },
  { "ssc-price/object", NULL, "ssc_price", "{}", WHAT ": ssc_price: " },
  { "ssc-price/overflow", NULL, "ssc_price", "\"92233720368547758.08\"", WHAT ": ssc_price: " },
  { "vat/over-100", NULL, "vat_percent", "\"100.01\"", WHAT ": vat_percent: " },
  { "vat/negative", NULL, "vat_percent", "\"-25\"", WHAT ": vat_percent: " },
  { "vat/array", NULL, "vat_percent", "[25]", WHAT ": vat_percent: " },
  { "ssa/not-object", NULL, "ssa", "[]", WHAT ": ssa: " },
  { "annual-rate/over-100", "ssa", "annual_rate_percent", "\"101\"",
    WHAT ": ssa.annual_rate_percent: " },
  { "annual-rate/invalid", "ssa", "annual_rate_percent", "\"15%\"",
    WHAT ": ssa.annual_rate_percent: " },
  { "backpay/below-1", "ssa", "backpay_multiplier", "\"0.99\"", WHAT ": ssa.backpay_multiplier: " },
  { "backpay/zero", "ssa", "backpay_multiplier", "0", WHAT ": ssa.backpay_multiplier: " },
  { "backpay/invalid", "ssa", "backpay_multiplier", "\"two\"", WHAT ": ssa.backpay_multiplier: " },
  { "support-window/float", "ssa", "support_window_years", "3.0",
    WHAT ": ssa.support_window_years: " },
  { "support-window/string", "ssa", "support_window_years", "\"3\"",
    WHAT ": ssa.support_window_years: " },
  { "support-window/negative", "ssa", "support_window_years", "-1",
    WHAT ": ssa.support_window_years: " },
  { "support-window/huge", "ssa", "support_window_years", "1000000",
    WHAT ": ssa.support_window_years: " },
  { "unsupported-major/float", "ssa", "unsupported_through_major", "6.0",
    WHAT ": ssa.unsupported_through_major: " },
  { "unsupported-major/string", "ssa", "unsupported_through_major", "\"6\"",
    WHAT ": ssa.unsupported_through_major: " },
  { "unsupported-major/negative", "ssa", "unsupported_through_major", "-6",
    WHAT ": ssa.unsupported_through_major: " },
  { "billing/not-object", NULL, "billing_discount_percent", "\"2\"",
    WHAT ": billing_discount_percent: " },
  { "billing/unknown-plan", "billing_discount_percent", "weekly", "\"1\"",
    WHAT ": billing_discount_percent.weekly: " },
  { "billing/once-discounted", "billing_discount_percent", "once", "\"1\"",
    WHAT ": billing_discount_percent.once: " },
  { "billing/over-100", "billing_discount_percent", "annual", "\"150\"",
    WHAT ": billing_discount_percent.annual: " },
  { "billing/invalid", "billing_discount_percent", "quarterly", "\"1,5\"",
    WHAT ": billing_discount_percent.quarterly: " },
  { "versions/not-array", NULL, "versions", "{}", WHAT ": versions: " },
  { "versions/item-not-object", NULL, "versions", "[\"14r2\"]", WHAT ": versions[0]: " },
  { "versions/version-missing", "versions/1", "version", NULL, WHAT ": versions[1]: version: " },
  { "versions/version-unparseable", "versions/1", "version", "\"fourteen\"",
    WHAT ": versions[1]: version: " },
  { "versions/version-number", "versions/1", "version", "14", WHAT ": versions[1]: version: " },
  { "versions/duplicate", "versions/2", "version", "\"V14r2 sr3\"",
    WHAT ": versions[2]: version: duplicate of versions[0]" },
  { "versions/released-missing", "versions/1", "released", NULL,
    WHAT ": versions[1]: released: " },
  { "versions/released-invalid", "versions/1", "released", "\"2023-11-31\"",
    WHAT ": versions[1]: released: " },
  { "versions/released-format", "versions/1", "released", "\"02.11.2023\"",
    WHAT ": versions[1]: released: " },
  { "products/missing", NULL, "products", NULL, WHAT ": products: " },
  { "products/not-array", NULL, "products", "{}", WHAT ": products: " },
  { "products/item-not-object", NULL, "products", "[\"02-00039-002\"]", WHAT ": products[0]: " },
  { "code/missing", "products/1", "code", NULL, WHAT ": products[1]: code: " },
  { "code/empty", "products/1", "code", "\"\"", WHAT ": products[1]: code: " },
  { "code/number", "products/1", "code", "39101", WHAT ": products[1]: code: " },
  { "code/too-long", "products/1", "code",
    "\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"",
    WHAT ": products[1]: code: " },
  { "code/control", "products/1", "code", "\"02-00039\\t101\"", WHAT ": products[1]: code: " },
  { "code/duplicate", "products/2", "code", "\"02-00039-002\"",
    WHAT ": products[2] (02-00039-002): code: duplicate of products[0]" },
  { "name/missing", "products/1", "name", NULL, WHAT ": products[1] (02-00039-101): name: " },
  { "name/empty", "products/1", "name", "\"\"", WHAT ": products[1] (02-00039-101): name: " },
  { "name/number", "products/1", "name", "14", WHAT ": products[1] (02-00039-101): name: " },
  { "name/newline", "products/1", "name", "\"PBX-\\nVoicemail14\"",
    WHAT ": products[1] (02-00039-101): name: " },
  { "name/delete", "products/1", "name", "\"PBX-\\u007fVoicemail14\"",
    WHAT ": products[1] (02-00039-101): name: " },
  { "name/c1-control", "products/1", "name", "\"PBX-\\u0085Voicemail14\"",
    WHAT ": products[1] (02-00039-101): name: " },
  { "kind/missing", "products/1", "kind", NULL, WHAT ": products[1] (02-00039-101): kind: " },
  { "kind/unknown", "products/1", "kind", "\"phone\"",
    WHAT ": products[1] (02-00039-101): kind: " },
  { "kind/upper-case", "products/1", "kind", "\"VOICEMAIL\"",
    WHAT ": products[1] (02-00039-101): kind: " },
  { "kind/number", "products/1", "kind", "4", WHAT ": products[1] (02-00039-101): kind: " },
  { "list-price/missing", "products/1", "list_price", NULL,
    WHAT ": products[1] (02-00039-101): list_price: " },
  { "list-price/three-decimals", "products/1", "list_price", "\"120.001\"",
    WHAT ": products[1] (02-00039-101): list_price: " },
  { "list-price/three-decimals-number", "products/1", "list_price", "120.005",
    WHAT ": products[1] (02-00039-101): list_price: " },
  { "list-price/negative", "products/1", "list_price", "\"-120.00\"",
    WHAT ": products[1] (02-00039-101): list_price: " },
  { "list-price/negative-number", "products/1", "list_price", "-120",
    WHAT ": products[1] (02-00039-101): list_price: " },
  { "list-price/currency", "products/1", "list_price", "\"120.00 NOK\"",
    WHAT ": products[1] (02-00039-101): list_price: " },
  { "list-price/overflow", "products/1", "list_price", "\"92233720368547758.08\"",
    WHAT ": products[1] (02-00039-101): list_price: " },
  { "list-price/bool", "products/1", "list_price", "false",
    WHAT ": products[1] (02-00039-101): list_price: " },
  { "ssc-per-year/invalid", "products/0", "ssc_per_year", "\"6.755\"",
    WHAT ": products[0] (02-00039-002): ssc_per_year: " },
  { "ssc-per-year/negative", "products/0", "ssc_per_year", "-6.75",
    WHAT ": products[0] (02-00039-002): ssc_per_year: " },
  { "ssc-per-year/array", "products/0", "ssc_per_year", "[]",
    WHAT ": products[0] (02-00039-002): ssc_per_year: " },
};

static void
test_refusal (gconstpointer data)
{
  const TestRefusal *refusal = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;

  list = parse_mutated (refusal->target, refusal->member, refusal->value, &error);
  g_assert_null (list);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  test_assert_one_problem (error, refusal->expected);
}

/* The guard: size, depth, encoding */

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;
  gsize length = SSA_JSON_MAX_BYTES + 1;
  g_autofree char *data = g_malloc (length + 1);
  gint64 start;

  /* Not even JSON: the size alone refuses it, before any parsing. */
  memset (data, '[', length);
  data[length] = '\0';
  start = g_get_monotonic_time ();
  list = ssa_price_list_new_from_data (data, length, WHAT, &error);
  g_assert_null (list);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, WHAT ": "));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_largest_accepted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;
  gsize length = SSA_JSON_MAX_BYTES;
  gsize used = strlen (minimal_document);
  g_autofree char *data = g_malloc (length + 1);

  /* Exactly the limit is accepted: the minimal document padded with spaces. */
  memcpy (data, minimal_document, used);
  memset (data + used, ' ', length - used);
  data[length] = '\0';
  list = ssa_price_list_new_from_data (data, length, WHAT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
}

static void
test_deep_nesting (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;
  g_autofree char *open = test_json_nested (100000, FALSE);
  g_autofree char *closed = test_json_nested (100000, TRUE);
  gint64 start = g_get_monotonic_time ();

  list = parse (open, &error);
  g_assert_null (list);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, WHAT ": "));
  g_clear_error (&error);

  list = parse (closed, &error);
  g_assert_null (list);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);

  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_depth_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;

  /* An object holding 63 levels of arrays: 64 levels, accepted. */
  g_string_append (data, "{ \"a\": ");
  for (guint i = 0; i < SSA_JSON_MAX_DEPTH - 1; i++)
    g_string_append_c (data, '[');
  for (guint i = 0; i < SSA_JSON_MAX_DEPTH - 1; i++)
    g_string_append_c (data, ']');
  g_string_append (data, " }");
  node = ssa_json_guard_parse (data->str, data->len, WHAT, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  g_clear_pointer (&node, json_node_unref);

  /* One more is refused. */
  g_string_insert (data, 7, "[");
  g_string_insert (data, data->len - 2, "]");
  node = ssa_json_guard_parse (data->str, data->len, WHAT, &error);
  g_assert_null (node);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "64"));
  g_clear_error (&error);

  /* Brackets inside strings, escaped quotes included, are text, not nesting. */
  g_string_assign (data, "{ \"a\": \"\\\"");
  for (guint i = 0; i < 1000; i++)
    g_string_append (data, "[{");
  g_string_append (data, "\\\\\" }");
  node = ssa_json_guard_parse (data->str, data->len, WHAT, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;
  g_autofree char *data = test_json_mutate (valid_document, "products/1", "name",
                                            "\"PBX-Voicemail14\"");
  char *p = strstr (data, "Voicemail14");

  /* Latin-1 "ø" where UTF-8 is required. */
  g_assert_nonnull (p);
  p[0] = (char) 0xf8;
  list = parse (data, &error);
  g_assert_null (list);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, WHAT ": "));
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);

  /* The same after valid non-ASCII text earlier in the document: each run is checked. */
  {
    g_autofree char *named = test_json_mutate (valid_document, "products/0", "name",
                                               "\"Lisens for \u00f8vrige porter\"");
    g_autoptr(GString) text = g_string_new (named);
    char *q;

    /* The escape written out as UTF-8 ("ø"), then a Latin-1 byte further on. */
    g_string_replace (text, "\\u00f8", "\xc3\xb8", 1);
    q = strstr (text->str, "Voicemail14");
    g_assert_nonnull (q);
    g_assert_nonnull (strstr (text->str, "\xc3\xb8vrige"));
    g_assert_true (strstr (text->str, "\xc3\xb8vrige") < q);
    q[0] = (char) 0xf8;
    list = parse (text->str, &error);
    g_assert_null (list);
    g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "UTF-8"));
    g_clear_error (&error);
  }

  /* A NUL byte inside the given length. */
  list = ssa_price_list_new_from_data (minimal_document, sizeof minimal_document, WHAT, &error);
  g_assert_null (list);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
}

static char *
replace_text (const char *text,
              const char *old,
              const char *replacement)
{
  g_auto(GStrv) parts = g_strsplit (text, old, 2);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strjoin (replacement, parts[0], parts[1], NULL);
}

/* Escapes that json-glib's own writer cannot produce, written into the text directly. */
static void
test_escapes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;
  g_autofree char *nul = replace_text (valid_document, "PBX-Voicemail14",
                                       "PBX-\\u0000Voicemail14");
  g_autofree char *surrogate = replace_text (valid_document, "PBX-Voicemail14",
                                             "PBX-\\ud800Voicemail14");
  g_autofree char *raw_tab = replace_text (valid_document, "PBX-Voicemail14",
                                           "PBX-\tVoicemail14");

  /* json-glib would cut the text at the NUL, hiding it: the guard refuses it. */
  list = parse (nul, &error);
  g_assert_null (list);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, WHAT ": "));
  g_clear_error (&error);

  /* Half a surrogate pair is not UTF-8. */
  list = parse (surrogate, &error);
  g_assert_null (list);
  test_assert_one_problem (error, WHAT ": products[1] (02-00039-101): name: ");
  g_clear_error (&error);

  /* A raw control character is not JSON either. */
  list = parse (raw_tab, &error);
  g_assert_null (list);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, WHAT ": "));
}

static void
test_not_json (void)
{
  static const char *documents[] = {
    "",
    "   ",
    "{ \"format\": \"ssa-desk-pricelist/1\", }",
    "{ \"format\": \"ssa-desk-pricelist/1\" } {",
    "<html></html>",
    "[ { \"format\": \"ssa-desk-pricelist/1\" } ]",
    "\"ssa-desk-pricelist/1\"",
    "null",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SsaPriceList) list = parse (documents[i], &error);

      g_assert_null (list);
      g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, WHAT ": "));
    }
}

/* Duplicate keys and strict JSON */

/* A key given twice is refused, naming its path and the line of the second. */
static void
test_duplicate_keys (void)
{
  static const struct
  {
    const char *old;
    const char *replacement;
    const char *path;
    const char *line;
  } cases[] = {
    /* At the root. */
    { "\"currency\": \"NOK\",", "\"currency\": \"NOK\", \"currency\": \"EUR\",",
      WHAT ": currency: ", "line 5" },
    /* In a nested object. */
    { "\"backpay_multiplier\": \"2\",", "\"backpay_multiplier\": \"2\", \"backpay_multiplier\": "
      "\"1\",", WHAT ": ssa.backpay_multiplier: ", "line 10" },
    /* In an object in an array. */
    { "\"list_price\": \"120.00\" }", "\"list_price\": \"120.00\",\n \"list_price\": \"1.20\" }",
      WHAT ": products[1].list_price: ", "line 27" },
    /* Written with escapes: "\u0063ode" is "code", and "\u00e9" is "é". */
    { "\"name\": \"SamWin switchboard\",", "\"name\": \"SamWin switchboard\", \"\\u006eame\": "
      "\"Other\",", WHAT ": products[2].name: ", "line 27" },
    { "\"vat_percent\": \"25\",", "\"vat_percent\": \"25\", \"caf\u00e9\": 1, \"caf\\u00e9\": 2,",
      WHAT ": café: ", "line 7" },
    /* A character outside the BMP, raw and as a surrogate pair. */
    { "\"vat_percent\": \"25\",", "\"vat_percent\": \"25\", \"\xf0\x9f\x98\x80\": 1, "
      "\"\\ud83d\\ude00\": 2,", WHAT ": \xf0\x9f\x98\x80: ", "line 7" },
    /* A key that would be ambiguous in a path is quoted. */
    { "\"published\": \"2026-12-01\",", "\"published\": \"2026-12-01\", \"a.b\": 1, \"a.b\": 2,",
      WHAT ": [\"a.b\"]: ", "line 4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SsaPriceList) list = NULL;
      g_autofree char *data = replace_text (valid_document, cases[i].old, cases[i].replacement);

      list = parse (data, &error);
      g_assert_null (list);
      g_assert_error (error, SSA_ERROR, SSA_ERROR_DUPLICATE_KEY);
      if (!g_str_has_prefix (error->message, cases[i].path))
        g_error ("“%s” does not start with “%s”", error->message, cases[i].path);
      g_assert_nonnull (strstr (error->message, "twice"));
      if (strstr (error->message, cases[i].line) == NULL)
        g_error ("“%s” does not name %s", error->message, cases[i].line);
    }
}

/* A key given twice in an object inside arrays, with no object around them: the path is
 * made of indexes alone until the object (the fuzzer found the guard reading an array's
 * "current key" from before its key stack when it named such a path). */
static void
test_duplicate_key_under_arrays (void)
{
  static const struct { const char *document; const char *path; } cases[] = {
    { "[{\"a\": 1, \"a\": 2}]", "doc: [0].a: " },
    { "[[[1, {\"b\": {\"c\": 1, \"c\": 2}}]]]", "doc: [0][0][1].b.c: " },
    { "{\"x\": [[{\"y\": 1, \"y\": 2}]]}", "doc: x[0][0].y: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = ssa_json_guard_parse (cases[i].document,
                                                       strlen (cases[i].document), "doc",
                                                       &error);

      g_assert_null (node);
      g_assert_error (error, SSA_ERROR, SSA_ERROR_DUPLICATE_KEY);
      if (!g_str_has_prefix (error->message, cases[i].path))
        g_error ("“%s” does not start with “%s”", error->message, cases[i].path);
    }
}

/* The same key in different objects, and keys that differ only after decoding, are fine. */
static void
test_keys_not_duplicate (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  static const char document[] =
    "{ \"a\": { \"x\": 1, \"y\": 2 }, \"b\": { \"x\": 1, \"y\": 2 }, \"c\": [ { \"x\": 1 }, "
    "{ \"x\": 2 } ], \"\\u0061b\": 1, \"A\": 1, \"a \": 1, \"\\\"a\\\"\": 1, \"\\u00e9\": 1, "
    "\"e\\u0301\": 1, \"\": 1 }";

  node = ssa_json_guard_parse (document, strlen (document), WHAT, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
}

/* The guard keeps the keys of all open objects on one stack and gives an object of many
 * keys a hash table: a key repeated after a nested object has closed, in an object of more
 * than sixteen keys, or deep inside, is found in each case, and named by its full path. */
static void
test_duplicate_keys_nested (void)
{
  static const struct
  {
    const char *document;
    const char *path;
  } cases[] = {
    { "{ \"a\": { \"x\": { \"y\": 1 } }, \"b\": [ { \"x\": 1 } ], \"a\": 2 }", "a" },
    { "{ \"a\": { \"x\": 1, \"y\": { \"z\": 1 }, \"x\": 2 } }", "a.x" },
    { "{ \"k0\": 0, \"k1\": 1, \"k2\": 2, \"k3\": 3, \"k4\": 4, \"k5\": 5, \"k6\": 6, "
      "\"k7\": 7, \"k8\": 8, \"k9\": 9, \"k10\": 10, \"k11\": 11, \"k12\": 12, \"k13\": 13, "
      "\"k14\": 14, \"k15\": 15, \"k16\": { \"q\": [ { \"r\": 1, \"r\": 2 } ] } }",
      "k16.q[0].r" },
    { "{ \"k0\": 0, \"k1\": 1, \"k2\": 2, \"k3\": 3, \"k4\": 4, \"k5\": 5, \"k6\": 6, "
      "\"k7\": 7, \"k8\": 8, \"k9\": 9, \"k10\": 10, \"k11\": 11, \"k12\": 12, \"k13\": 13, "
      "\"k14\": 14, \"k15\": 15, \"k16\": { \"k3\": 1 }, \"k17\": 17, \"k3\": 1 }", "k3" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *prefix = g_strdup_printf ("%s: %s: ", WHAT, cases[i].path);

      node = ssa_json_guard_parse (cases[i].document, strlen (cases[i].document), WHAT, &error);
      g_assert_null (node);
      g_assert_error (error, SSA_ERROR, SSA_ERROR_DUPLICATE_KEY);
      if (!g_str_has_prefix (error->message, prefix))
        g_error ("“%s” does not start with “%s”", error->message, prefix);
    }
}

/* What json-glib accepts beyond JSON is refused, with the line and column. */
static void
test_not_strict_json (void)
{
  static const struct
  {
    const char *document;
    const char *expected;
  } cases[] = {
    { "{ \"a\": 1, }", "line 1, column 11: nothing follows the comma" },
    { "{ \"a\": [1, 2,] }", "line 1, column 14: nothing follows the comma" },
    { "{ 'a': 1 }", "line 1, column 3: text must be in double quotes" },
    { "{ \"a\": 'x' }", "line 1, column 8: text must be in double quotes" },
    { "{ \"a\": /* c */ 1 }", "line 1, column 8: comments are not part of JSON" },
    { "{ \"a\": 1 }\n// c\n", "line 2, column 1: comments are not part of JSON" },
    { "{ \"a\": 0x10 }", "column 8: not a JSON number" },
    { "{ \"a\": 01 }", "column 8: not a JSON number" },
    { "{ \"a\": .5 }", "column 8: not a JSON number" },
    { "{ \"a\": 1. }", "column 8: not a JSON number" },
    { "{ \"a\": +1 }", "column 8: not a JSON number" },
    { "{ \"a\": - 1 }", "column 8: not a JSON number" },
    { "{ \"a\": 1e }", "column 8: not a JSON number" },
    { "{ \"a\": \"x\\qy\" }", "column 10: not a JSON escape" },
    { "{ \"a\": \"x\\u12\" }", "column 10: not a JSON escape" },
    /* json-glib leaks on these (found by fuzzing: fuzz/corpus/price-list/broken-surrogate-pair). */
    { "{ \"a\": \"x\\ud800\\u0041\" }", "column 10: half a surrogate pair" },
    { "{ \"a\": \"x\\udc00\\udc00\" }", "column 10: half a surrogate pair" },
    { "{ \"a\": \"x\\ud800\\ud800\" }", "column 10: half a surrogate pair" },
    { "{ \"a\": \"x\ty\" }", "column 10: a control character" },
    { "{ \"a\": 1 } { \"b\": 2 }", "column 12: more text after the end" },
    { "{ \"a\": 1 } x", "column 12: more text after the end" },
    { "{ \"a\": tru }", "column 8: not a JSON value" },
    { "{ \"a\": True }", "column 8: not a JSON value" },
    { "{ \"a\": NaN }", "column 8: not a JSON value" },
    { "{ \"a\" 1 }", "column 7: expected “:”" },
    { "{ a: 1 }", "column 3: expected a key" },
    { "{ \"a\": 1 \"b\": 2 }", "column 10: expected “,” or “}”" },
    { "{ \"a\": [1 2] }", "column 11: expected “,” or “]”" },
    { "{ \"a\": \"x", "column 8: the text in quotes is not closed" },
    { "{ \"a\": 1", "column 9: the document ends too early" },
    /* Columns count characters, not bytes: "æøå" is three. */
    { "{\n  \"b\": \"\xc3\xa6\xc3\xb8\xc3\xa5\", \"a\": @ }",
      "line 2, column 20: unexpected “@”" },
    { "{ \"a\": \x01 }", "column 8: unexpected “U+0001”" },
    { "{ \"a\": \xc2\xa0 }", "column 8: unexpected “U+00A0”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = ssa_json_guard_parse (cases[i].document,
                                                       strlen (cases[i].document), WHAT,
                                                       &error);

      g_assert_null (node);
      g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, WHAT ": not valid JSON: "));
      if (strstr (error->message, cases[i].expected) == NULL)
        g_error ("%s: “%s” does not contain “%s”", cases[i].document, error->message,
                 cases[i].expected);
    }
}

/* Every JSON form is still read: numbers, literals, escapes, empty containers, whitespace. */
static void
test_strict_json_accepted (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  static const char document[] =
    " \t\r\n{ \"n\": [0, -0, 12, -3.25, 1e3, 1E+2, 2.5e-3, -0.0], \"t\": true, \"f\": false,"
    " \"z\": null, \"s\": \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e6 \\ud83d\\ude00 æ\","
    " \"e\": {}, \"l\": [], \"deep\": [[{}], {\"a\": [ ]}] } \n";
  JsonObject *object;

  node = ssa_json_guard_parse (document, strlen (document), WHAT, &error);
  g_assert_no_error (error);
  object = json_node_get_object (node);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "n")), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (object, "s"), ==,
                   "\" \\ / \b \f \n \r \t \xc3\xa6 \xf0\x9f\x98\x80 \xc3\xa6");
}

/* The check is linear: many keys, in one object and in many, are read in little time. */
static void
test_duplicate_check_linear (void)
{
  g_autoptr(GString) data = g_string_new ("{ \"wide\": {");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gint64 start;

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (data, "%s\"k%u\": %u", i > 0 ? ", " : "", i, i);
  g_string_append (data, " }, \"many\": [");
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (data, "%s{ \"code\": \"%u\", \"name\": \"n\" }", i > 0 ? ", " : "", i);
  g_string_append (data, "] }");

  node = ssa_json_guard_parse (data->str, data->len, WHAT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (node);
  g_clear_pointer (&node, json_node_unref);

  /* The last key of the wide object repeats the first: the guard reads all 200 000 keys
   * of one object and refuses the document before json-glib sees it. Comparing each key
   * with every earlier one would take some 2 × 10¹⁰ comparisons; the hash tables take
   * milliseconds (well under the bound even with sanitizers). */
  g_string_insert (data, strlen ("{ \"wide\": {"), "\"k199999\": 0, ");
  start = g_get_monotonic_time ();
  node = ssa_json_guard_parse (data->str, data->len, WHAT, &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_assert_null (node);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_DUPLICATE_KEY);
  g_assert_true (g_str_has_prefix (error->message, WHAT ": wide.k199999: "));
}

/* Files */

static char *
write_temp_file (const char *contents,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = NULL;
  int fd = g_file_open_tmp ("test-price-list-XXXXXX.json", &path, &error);

  g_assert_no_error (error);
  g_close (fd, NULL);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);

  return path;
}

static void
test_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;
  g_autofree char *path = write_temp_file (valid_document, -1);
  g_autofree char *bad = test_json_mutate (valid_document, NULL, "currency", "\"kr\"");
  g_autofree char *bad_path = write_temp_file (bad, -1);
  g_autofree char *expected = NULL;

  list = ssa_price_list_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (list->id, ==, "2026-12");

  /* Errors name the file. */
  expected = g_strdup_printf ("%s: currency: ", bad_path);
  g_assert_null (ssa_price_list_new_from_file (bad_path, &error));
  test_assert_one_problem (error, expected);
  g_clear_error (&error);

  g_assert_null (ssa_price_list_new_from_file ("/nonexistent/prices.json", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_true (g_str_has_prefix (error->message, "/nonexistent/prices.json: "));

  g_unlink (path);
  g_unlink (bad_path);
}

static void
test_file_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_temp_file ("{}", -1);
  g_autofree char *data = NULL;
  gint64 start;
  int fd;

  /* A sparse file of 1 GiB: refused from its size, without reading it. */
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 1024 * 1024 * 1024), ==, 0);
  g_close (fd, NULL);

  start = g_get_monotonic_time ();
  g_assert_null (ssa_price_list_new_from_file (path, &error));
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  g_clear_error (&error);

  /* One byte over the limit. */
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (ftruncate (fd, SSA_JSON_MAX_BYTES + 1), ==, 0);
  g_close (fd, NULL);
  g_assert_false (ssa_json_guard_load_file (path, &data, NULL, &error));
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);
  g_assert_null (data);
  g_clear_error (&error);

  g_unlink (path);
}

static void
test_file_endless (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  /* A file whose size says nothing: read up to the limit, then refused. */
  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero");
      return;
    }

  g_assert_false (ssa_json_guard_load_file ("/dev/zero", &data, &length, &error));
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "/dev/zero: "));
}

static void
test_load_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_temp_file ("{\"a\":1}", -1);
  g_autofree char *empty_path = write_temp_file ("", 0);
  g_autofree char *data = NULL;
  gsize length = 0;

  g_assert_true (ssa_json_guard_load_file (path, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 7);
  g_assert_cmpstr (data, ==, "{\"a\":1}");
  g_clear_pointer (&data, g_free);

  g_assert_true (ssa_json_guard_load_file (empty_path, &data, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 0);
  g_assert_cmpstr (data, ==, "");

  g_unlink (path);
  g_unlink (empty_path);
}

static void
test_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;
  const char *root = g_getenv ("SSA_DESK_SOURCE_ROOT");
  g_autofree char *path = NULL;

  path = g_build_filename (root != NULL ? root : SRCDIR "/..", "data",
                           "sample-price-list.json", NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  list = ssa_price_list_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (list);
  g_assert_cmpuint (list->products->len, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/price-list/valid", test_valid);
  g_test_add_func ("/price-list/defaults", test_defaults);
  g_test_add_func ("/price-list/missing-billing-plan", test_missing_billing_plan);
  g_test_add_func ("/price-list/once-zero", test_once_zero);
  g_test_add_func ("/price-list/json-numbers", test_json_numbers);
  g_test_add_func ("/price-list/derived-rounding", test_derived_rounding);
  g_test_add_func ("/price-list/derived-overflow", test_derived_overflow);
  g_test_add_func ("/price-list/code-limits", test_code_limits);
  g_test_add_func ("/price-list/unknown-fields-and-nulls", test_unknown_fields_and_nulls);
  g_test_add_func ("/price-list/boxed", test_boxed);
  g_test_add_func ("/price-list/many-problems", test_many_problems);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/price-list/refuse/%s", refusals[i].path);

      g_test_add_data_func (path, &refusals[i], test_refusal);
    }

  g_test_add_func ("/price-list/guard/too-large", test_too_large);
  g_test_add_func ("/price-list/guard/largest-accepted", test_largest_accepted);
  g_test_add_func ("/price-list/guard/deep-nesting", test_deep_nesting);
  g_test_add_func ("/price-list/guard/depth-limit", test_depth_limit);
  g_test_add_func ("/price-list/guard/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/price-list/guard/escapes", test_escapes);
  g_test_add_func ("/price-list/guard/not-json", test_not_json);
  g_test_add_func ("/price-list/guard/duplicate-keys", test_duplicate_keys);
  g_test_add_func ("/price-list/guard/duplicate-key-under-arrays",
                   test_duplicate_key_under_arrays);
  g_test_add_func ("/price-list/guard/keys-not-duplicate", test_keys_not_duplicate);
  g_test_add_func ("/price-list/guard/duplicate-keys-nested", test_duplicate_keys_nested);
  g_test_add_func ("/price-list/guard/not-strict-json", test_not_strict_json);
  g_test_add_func ("/price-list/guard/strict-json-accepted", test_strict_json_accepted);
  g_test_add_func ("/price-list/guard/duplicate-check-linear", test_duplicate_check_linear);
  g_test_add_func ("/price-list/file/valid", test_file);
  g_test_add_func ("/price-list/file/too-large", test_file_too_large);
  g_test_add_func ("/price-list/file/endless", test_file_endless);
  g_test_add_func ("/price-list/file/load", test_load_file);
  g_test_add_func ("/price-list/sample", test_sample);

  return g_test_run ();
}
