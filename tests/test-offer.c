/* test-offer.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ssa-date.h"
#include "ssa-decimal.h"
#include "ssa-error.h"
#include "ssa-inventory.h"
#include "ssa-licence-import.h"
#include "ssa-offer.h"
#include "ssa-offer-reader.h"
#include "ssa-price-list.h"

#include "test-util.h"

/* The offer calculator against docs/rules.md: the three worked examples to the hundredth,
 * then each rule on its own. Every expected figure below is worked out by hand from the
 * rules, not taken from the code. */

/* The price list of the worked examples: 11.50 NOK per SSC, 15 %, back-payment x2, VAT
 * 25 %, billing discounts annual 2, quarterly 1, monthly 0. */
#define EXAMPLE_PRODUCTS \
  "{ \"code\": \"02-00039-002\", \"name\": \"PBX-Port14\", \"kind\": \"port\"," \
  "  \"list_price\": \"450.00\", \"ssc_per_year\": \"6.75\" }," \
  "{ \"code\": \"02-00039-101\", \"name\": \"PBX-Voicemail14\", \"kind\": \"voicemail\"," \
  "  \"list_price\": \"120.00\" }," \
  "{ \"code\": \"90-00000-001\", \"name\": \"SamWin switchboard\", \"kind\": \"third_party\"," \
  "  \"list_price\": \"8900.00\" }," \
  "{ \"code\": \"01-00013-001\", \"name\": \"IP0013 analog adapter\", \"kind\": \"hardware\"," \
  "  \"list_price\": \"2350.00\" }," \
  "{ \"code\": \"80-00000-001\", \"name\": \"Installasjon, per time\", \"kind\": \"service\"," \
  "  \"list_price\": \"1350.00\" }"

#define EXAMPLE_BILLING "{ \"annual\": \"2\", \"quarterly\": \"1\", \"monthly\": \"0\" }"

#define EXAMPLE_SSA \
  "{ \"annual_rate_percent\": \"15\", \"backpay_multiplier\": \"2\"," \
  "  \"support_window_years\": 3, \"unsupported_through_major\": 6 }"

#define EXAMPLE_VERSIONS \
  "{ \"version\": \"13r3\", \"released\": \"2021-03-22\" }," \
  "{ \"version\": \"14r2\", \"released\": \"2024-05-15\" }," \
  "{ \"version\": \"16r1\", \"released\": \"2026-06-15\" }"

/* 20 ports and 5 voicemail, as in the worked examples. */
#define EXAMPLE_LINES \
  "{ \"code\": \"02-00039-002\", \"quantity\": 20 }," \
  "{ \"code\": \"02-00039-101\", \"quantity\": 5 }"

#define SUPPORTED_FIRMWARE "16r1 sr1"

typedef struct
{
  const char *ssc_price;   /* NULL: "11.50" */
  const char *billing;     /* NULL: EXAMPLE_BILLING */
  const char *ssa;         /* NULL: EXAMPLE_SSA */
  const char *versions;    /* NULL: EXAMPLE_VERSIONS */
  const char *products;    /* NULL: EXAMPLE_PRODUCTS */
} PriceListSpec;

static SsaPriceList *
price_list_new (const PriceListSpec *spec)
{
  static const PriceListSpec defaults = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  SsaPriceList *price_list;

  if (spec == NULL)
    spec = &defaults;

  json = g_strdup_printf ("{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"worked-examples\","
                          "  \"currency\": \"NOK\", \"ssc_price\": \"%s\", \"vat_percent\": \"25\","
                          "  \"ssa\": %s, \"billing_discount_percent\": %s,"
                          "  \"versions\": [ %s ], \"products\": [ %s ] }",
                          spec->ssc_price != NULL ? spec->ssc_price : "11.50",
                          spec->ssa != NULL ? spec->ssa : EXAMPLE_SSA,
                          spec->billing != NULL ? spec->billing : EXAMPLE_BILLING,
                          spec->versions != NULL ? spec->versions : EXAMPLE_VERSIONS,
                          spec->products != NULL ? spec->products : EXAMPLE_PRODUCTS);
  price_list = ssa_price_list_new_from_data (json, strlen (json), "prices.json", &error);
  if (price_list == NULL)
    g_error ("test data: %s", error->message);
  return price_list;
}

/* @firmware and @expiry may be %NULL: absent. */
static SsaInventory *
inventory_new (const char *deployment,
               const char *firmware,
               const char *expiry,
               const char *licenses)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  SsaInventory *inventory;

  g_string_append_printf (json,
                          "{ \"format\": \"ssa-desk-installation/1\","
                          "  \"customer\": { \"name\": \"Test AS\", \"org_no\": \"988077917\" },"
                          "  \"name\": \"Test\", \"deployment\": \"%s\",", deployment);
  if (firmware != NULL)
    g_string_append_printf (json, " \"firmware\": \"%s\",", firmware);
  if (expiry != NULL)
    g_string_append_printf (json, " \"ssa_expiry\": \"%s\",", expiry);
  g_string_append_printf (json, " \"licenses\": [ %s ] }", licenses);

  inventory = ssa_inventory_new_from_data (json->str, json->len, "installation.json", &error);
  if (inventory == NULL)
    g_error ("test data: %s", error->message);
  return inventory;
}

static SsaInventory *
appliance_new (const char *expiry,
               const char *licenses)
{
  return inventory_new ("appliance", SUPPORTED_FIRMWARE, expiry, licenses);
}

/* A request for @today; @start, @end may be %NULL (default); @months > 0 asks for that
 * many months instead of an end date. */
static SsaOfferRequest
request_new (const char *today,
             const char *start,
             const char *end,
             int         months)
{
  SsaOfferRequest request;

  ssa_offer_request_init (&request);
  if (today != NULL)
    request.today = test_date (today);
  if (start != NULL)
    request.start = test_date (start);
  if (end != NULL)
    {
      request.end_kind = SSA_OFFER_END_DATE;
      request.end = test_date (end);
    }
  else if (months > 0)
    {
      request.end_kind = SSA_OFFER_END_MONTHS;
      request.months = months;
    }
  return request;
}

static SsaOffer *
compute_ok (const SsaPriceList    *price_list,
            const SsaInventory    *inventory,
            const SsaOfferRequest *request)
{
  g_autoptr(GError) error = NULL;
  SsaOffer *offer = ssa_offer_compute (price_list, inventory, request, &error);

  g_assert_no_error (error);
  g_assert_nonnull (offer);
  return offer;
}

/* Computes an offer that must be refused with @code; returns the message (or NULL). */
static char *
compute_refused (const SsaPriceList    *price_list,
                 const SsaInventory    *inventory,
                 const SsaOfferRequest *request,
                 SsaError               code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaOffer) offer = ssa_offer_compute (price_list, inventory, request, &error);

  g_assert_null (offer);
  g_assert_error (error, SSA_ERROR, (int) code);
  if (error == NULL)
    return NULL;
  g_assert_cmpstr (error->message, !=, "");
  return g_strdup (error->message);
}

#define assert_decimal(value, expected) \
  G_STMT_START { \
    g_autofree char *text_ = ssa_decimal_to_string (value); \
    g_assert_cmpstr (text_, ==, (expected)); \
  } G_STMT_END

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *h_ = (haystack); \
    if (h_ == NULL || strstr (h_, (needle)) == NULL) \
      { \
        /* A TAP message cannot span lines. */ \
        g_autofree char *flat_ = g_strdelimit (g_strdup (h_ != NULL ? h_ : "(null)"), \
                                               "\n", '|'); \
        g_test_fail_printf ("“%s” does not contain “%s”", flat_, (needle)); \
      } \
  } G_STMT_END

static void
assert_optional_date (const GDate *d,
                      const char  *expected)
{
  if (expected == NULL)
    {
      g_assert_false (ssa_date_is_set (d));
    }
  else
    {
      g_autofree char *iso = NULL;

      g_assert_true (ssa_date_is_set (d));
      if (!ssa_date_is_set (d))
        return;
      iso = ssa_date_to_iso (d);
      g_assert_cmpstr (iso, ==, expected);
    }
}

static void
assert_n_lines (const SsaOffer *offer,
                guint           n)
{
  g_assert_cmpuint (offer->lines->len, ==, n);
}

/* Checks line @i; @start and @end are NULL for covered and excluded lines. */
static void
assert_line (const SsaOffer *offer,
             guint           i,
             const char     *code,
             SsaSegment      segment,
             const char     *start,
             const char     *end,
             int             months,
             const char     *ssc,
             const char     *amount)
{
  const SsaOfferLine *line;

  if (i >= offer->lines->len)
    {
      g_test_fail_printf ("line %u of %u does not exist", i, offer->lines->len);
      return;
    }
  line = &g_array_index (offer->lines, SsaOfferLine, i);

  g_test_message ("line %u: %s %s", i, line->code, ssa_segment_to_string (line->segment));
  g_assert_cmpstr (line->code, ==, code);
  g_assert_cmpstr (ssa_segment_to_string (line->segment), ==, ssa_segment_to_string (segment));
  assert_optional_date (&line->start, start);
  assert_optional_date (&line->end, end);
  g_assert_cmpint (line->months, ==, months);
  assert_decimal (line->ssc, ssc);
  assert_decimal (line->amount, amount);
}

typedef struct
{
  const char *ssc;
  const char *regular;
  const char *backpay;
  const char *billing_discount;
  const char *discount;
  const char *labour;
  const char *net;
  const char *vat;
  const char *total;
} Totals;

static void
assert_totals (const SsaOffer *offer,
               const Totals   *expected)
{
  const SsaOfferTotals *t = &offer->totals;

  assert_decimal (t->ssc, expected->ssc);
  assert_decimal (t->regular, expected->regular);
  assert_decimal (t->backpay, expected->backpay);
  assert_decimal (t->billing_discount, expected->billing_discount);
  assert_decimal (t->discount, expected->discount);
  assert_decimal (t->labour, expected->labour);
  assert_decimal (t->net, expected->net);
  assert_decimal (t->vat, expected->vat);
  assert_decimal (t->total, expected->total);
  /* subtotal = regular + backpay - billing_discount + licences (a true-up's) */
  g_assert_cmpint (t->subtotal, ==,
                   t->regular + t->backpay - t->billing_discount + t->licences);
}

static void
assert_period (const SsaOffer *offer,
               const char     *today,
               const char     *start,
               const char     *end)
{
  assert_optional_date (&offer->today, today);
  assert_optional_date (&offer->start, start);
  assert_optional_date (&offer->end, end);
}

static const SsaOfferLine *
line_at (const SsaOffer *offer,
         guint           i)
{
  g_assert_cmpuint (i, <, offer->lines->len);
  if (i >= offer->lines->len)
    return NULL;
  return &g_array_index (offer->lines, SsaOfferLine, i);
}

/* JSON helpers that fail the test (rather than emit criticals) on a missing member or a
 * member of the wrong type. */

static JsonNode *
member_value (JsonObject *object,
              const char *name,
              GType       type)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    {
      g_test_fail_printf ("JSON member “%s” is missing or not a %s", name, g_type_name (type));
      return NULL;
    }
  return node;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = member_value (object, name, G_TYPE_STRING);

  return node != NULL ? json_node_get_string (node) : NULL;
}

static gint64
member_int (JsonObject *object,
            const char *name)
{
  JsonNode *node = member_value (object, name, G_TYPE_INT64);

  return node != NULL ? json_node_get_int (node) : G_MININT64;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_test_fail_printf ("JSON member “%s” is missing or not an object", name);
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_test_fail_printf ("JSON member “%s” is missing or not an array", name);
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonNode *
offer_json (const SsaOffer *offer)
{
  g_autofree char *text = ssa_offer_to_json (offer);
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_nonnull (text);
  if (text == NULL)
    return NULL;
  root = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (root);
  if (root != NULL && !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_test_fail_printf ("the offer JSON is not an object");
      g_clear_pointer (&root, json_node_unref);
    }
  return root;
}

typedef struct
{
  const char *code;
  const char *name;
  const char *kind;
  gint64      quantity;
  const char *segment;
  const char *start;      /* NULL: the member must be absent */
  const char *end;
  gint64      months;
  const char *ssc;
  const char *amount;
} JsonLine;

static void
assert_json_line (JsonArray      *lines,
                  guint           i,
                  const JsonLine *expected)
{
  JsonObject *line;
  JsonNode *node;

  if (lines == NULL || i >= json_array_get_length (lines))
    {
      g_test_fail_printf ("JSON line %u does not exist", i);
      return;
    }
  node = json_array_get_element (lines, i);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_test_fail_printf ("JSON line %u is not an object", i);
      return;
    }
  line = json_node_get_object (node);

  g_test_message ("JSON line %u", i);
  g_assert_cmpstr (member_string (line, "code"), ==, expected->code);
  g_assert_cmpstr (member_string (line, "name"), ==, expected->name);
  g_assert_cmpstr (member_string (line, "kind"), ==, expected->kind);
  g_assert_cmpint (member_int (line, "quantity"), ==, expected->quantity);
  g_assert_cmpstr (member_string (line, "segment"), ==, expected->segment);
  if (expected->start != NULL)
    {
      g_assert_cmpstr (member_string (line, "start"), ==, expected->start);
      g_assert_cmpstr (member_string (line, "end"), ==, expected->end);
    }
  else
    {
      g_assert_false (json_object_has_member (line, "start"));
      g_assert_false (json_object_has_member (line, "end"));
    }
  g_assert_cmpint (member_int (line, "months"), ==, expected->months);
  g_assert_cmpstr (member_string (line, "ssc"), ==, expected->ssc);
  g_assert_cmpstr (member_string (line, "amount"), ==, expected->amount);
}

static void
assert_json_totals (JsonObject   *root,
                    const Totals *expected)
{
  JsonObject *totals = member_object (root, "totals");

  if (totals == NULL)
    return;
  g_assert_cmpstr (member_string (totals, "ssc"), ==, expected->ssc);
  g_assert_cmpstr (member_string (totals, "regular"), ==, expected->regular);
  g_assert_cmpstr (member_string (totals, "backpay"), ==, expected->backpay);
  g_assert_cmpstr (member_string (totals, "billing_discount"), ==, expected->billing_discount);
  g_assert_cmpstr (member_string (totals, "discount"), ==, expected->discount);
  g_assert_cmpstr (member_string (totals, "labour"), ==, expected->labour);
  g_assert_cmpstr (member_string (totals, "net"), ==, expected->net);
  g_assert_cmpstr (member_string (totals, "vat"), ==, expected->vat);
  g_assert_cmpstr (member_string (totals, "total"), ==, expected->total);
}

static void
assert_json_head (JsonObject *root,
                  const char *today,
                  const char *start,
                  const char *end,
                  const char *billing)
{
  JsonObject *period = member_object (root, "period");

  g_assert_cmpstr (member_string (root, "format"), ==, "ssa-desk-offer/1");
  g_assert_cmpstr (member_string (root, "price_list"), ==, "worked-examples");
  g_assert_cmpstr (member_string (root, "currency"), ==, "NOK");
  g_assert_cmpstr (member_string (root, "today"), ==, today);
  g_assert_cmpstr (member_string (period, "start"), ==, start);
  g_assert_cmpstr (member_string (period, "end"), ==, end);
  g_assert_cmpstr (member_string (root, "billing"), ==, billing);
}

/* Returns the warning codes of the JSON document, comma-separated, in order. */
static char *
json_warning_codes (JsonObject *root)
{
  JsonArray *warnings = member_array (root, "warnings");
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; warnings != NULL && i < json_array_get_length (warnings); i++)
    {
      JsonNode *node = json_array_get_element (warnings, i);
      JsonObject *warning;
      const char *message;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_test_fail_printf ("warnings[%u] is not an object", i);
          continue;
        }
      warning = json_node_get_object (node);
      message = member_string (warning, "message");
      g_assert_nonnull (message);
      if (message != NULL)
        g_assert_cmpstr (message, !=, "");
      if (codes->len > 0)
        g_string_append_c (codes, ',');
      g_string_append (codes, member_string (warning, "code"));
    }
  return g_strdup (codes->str);
}

/* ---- The worked examples ---------------------------------------------------------- */

static const Totals example_1_totals = {
  "142.85", "1642.78", "0.00", "0.00", "0.00", "0.00", "1642.78", "410.70", "2053.48",
};

static void
check_example_1 (const SsaOffer *offer)
{
  assert_period (offer, "2026-11-28", "2027-01-01", "2027-12-31");
  g_assert_cmpint (offer->billing, ==, SSA_BILLING_ONCE);
  assert_n_lines (offer, 2);
  /* Ports: 20 * 6.75 = 135.00 SSC → 1 552.50 NOK. */
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "135.00", "1552.50");
  /* Voicemail: 1.57 SSC per year derived; 5 * 1.57 = 7.85 SSC → 90.275 → 90.28 NOK. */
  assert_line (offer, 1, "02-00039-101", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "7.85", "90.28");
  if (offer->lines->len == 2)
    {
      assert_decimal (line_at (offer, 0)->ssc_per_year, "6.75");
      assert_decimal (line_at (offer, 1)->ssc_per_year, "1.57");
      g_assert_cmpstr (line_at (offer, 1)->name, ==, "PBX-Voicemail14");
      g_assert_cmpint (line_at (offer, 1)->kind, ==, SSA_KIND_VOICEMAIL);
      g_assert_cmpint (line_at (offer, 1)->quantity, ==, 5);
    }
  /* Regular 1 642.78, VAT 410.695 → 410.70, total 2 053.48. */
  assert_totals (offer, &example_1_totals);
  g_assert_cmpuint (offer->warnings->len, ==, 0);
}

/* 1. Renewal in time: expiry 2026-12-31, today 2026-11-28, 12 months. */
static void
test_example_1 (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-12-31", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 12);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  if (offer != NULL)
    check_example_1 (offer);
}

/* The same with every part of the period spelt out, and with every part defaulted. */
static void
test_example_1_variants (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-12-31", EXAMPLE_LINES);
  SsaOfferRequest requests[] = {
    request_new ("2026-11-28", "2027-01-01", "2027-12-31", 0),
    request_new ("2026-11-28", "2027-01-01", NULL, 12),
    request_new ("2026-11-28", "2027-01-01", NULL, 0),
    request_new ("2026-11-28", NULL, "2027-12-31", 0),
    request_new ("2026-11-28", NULL, NULL, 0),
  };

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(SsaOffer) offer = NULL;

      g_test_message ("request %u", i);
      offer = compute_ok (price_list, inventory, &requests[i]);
      if (offer != NULL)
        check_example_1 (offer);
    }
}

static void
test_example_1_json (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-12-31", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 12);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *codes = NULL;
  JsonObject *object;
  JsonArray *lines;
  static const JsonLine ports = {
    "02-00039-002", "PBX-Port14", "port", 20, "regular", "2027-01-01", "2027-12-31", 12,
    "135.00", "1552.50",
  };
  static const JsonLine voicemail = {
    "02-00039-101", "PBX-Voicemail14", "voicemail", 5, "regular", "2027-01-01", "2027-12-31",
    12, "7.85", "90.28",
  };

  if (offer == NULL)
    return;
  root = offer_json (offer);
  if (root == NULL)
    return;
  object = json_node_get_object (root);

  assert_json_head (object, "2026-11-28", "2027-01-01", "2027-12-31", "once");
  lines = member_array (object, "lines");
  g_assert_cmpuint (lines != NULL ? json_array_get_length (lines) : 0, ==, 2);
  assert_json_line (lines, 0, &ports);
  assert_json_line (lines, 1, &voicemail);
  assert_json_totals (object, &example_1_totals);
  codes = json_warning_codes (object);
  g_assert_cmpstr (codes, ==, "");
}

static const Totals example_2_totals = {
  "261.89", "1642.78", "1368.96", "0.00", "0.00", "0.00", "3011.74", "752.94", "3764.68",
};

static void
check_example_2 (const SsaOffer *offer)
{
  assert_period (offer, "2026-11-28", "2026-11-28", "2027-11-27");
  assert_n_lines (offer, 4);
  /* Back-payment [2026-07-01, 2026-11-27], 5 months: ports round (20*6.75*5*2/12) = 112.50
   * SSC → 1 293.75 NOK; voicemail round (5*1.57*5*2/12) = 6.54 SSC → 75.21 NOK. */
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_BACKPAY, "2026-07-01", "2026-11-27", 5,
               "112.50", "1293.75");
  assert_line (offer, 1, "02-00039-002", SSA_SEGMENT_REGULAR, "2026-11-28", "2027-11-27", 12,
               "135.00", "1552.50");
  assert_line (offer, 2, "02-00039-101", SSA_SEGMENT_BACKPAY, "2026-07-01", "2026-11-27", 5,
               "6.54", "75.21");
  assert_line (offer, 3, "02-00039-101", SSA_SEGMENT_REGULAR, "2026-11-28", "2027-11-27", 12,
               "7.85", "90.28");
  /* Net 3 011.74, VAT 752.935 → 752.94, total 3 764.68. */
  assert_totals (offer, &example_2_totals);
  g_assert_true (ssa_offer_has_warning (offer, SSA_WARNING_BACKPAY));
  g_assert_cmpuint (offer->warnings->len, ==, 1);
}

/* 2. Lapsed: expiry 2026-06-30, today 2026-11-28, 12 months from today. */
static void
test_example_2 (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-06-30", EXAMPLE_LINES);
  SsaOfferRequest requests[] = {
    request_new ("2026-11-28", NULL, NULL, 0),
    request_new ("2026-11-28", NULL, NULL, 12),
    request_new ("2026-11-28", "2026-11-28", NULL, 12),
    request_new ("2026-11-28", "2026-11-28", "2027-11-27", 0),
    request_new ("2026-11-28", NULL, "2027-11-27", 0),
  };

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(SsaOffer) offer = NULL;

      g_test_message ("request %u", i);
      offer = compute_ok (price_list, inventory, &requests[i]);
      if (offer != NULL)
        check_example_2 (offer);
    }
}

static void
test_example_2_json (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-06-30", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *codes = NULL;
  JsonObject *object;
  JsonArray *lines;
  static const JsonLine expected[] = {
    { "02-00039-002", "PBX-Port14", "port", 20, "backpay", "2026-07-01", "2026-11-27", 5,
      "112.50", "1293.75" },
    { "02-00039-002", "PBX-Port14", "port", 20, "regular", "2026-11-28", "2027-11-27", 12,
      "135.00", "1552.50" },
    { "02-00039-101", "PBX-Voicemail14", "voicemail", 5, "backpay", "2026-07-01",
      "2026-11-27", 5, "6.54", "75.21" },
    { "02-00039-101", "PBX-Voicemail14", "voicemail", 5, "regular", "2026-11-28",
      "2027-11-27", 12, "7.85", "90.28" },
  };

  if (offer == NULL)
    return;
  root = offer_json (offer);
  if (root == NULL)
    return;
  object = json_node_get_object (root);

  assert_json_head (object, "2026-11-28", "2026-11-28", "2027-11-27", "once");
  lines = member_array (object, "lines");
  g_assert_cmpuint (lines != NULL ? json_array_get_length (lines) : 0, ==,
                    G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_json_line (lines, i, &expected[i]);
  assert_json_totals (object, &example_2_totals);
  codes = json_warning_codes (object);
  g_assert_cmpstr (codes, ==, "backpay");
}

/* Worked example 3: the old lines (20 ports, 5 voicemail) are covered until 2027-12-31; 10
 * more ports added on 2027-03-15 have coverage end 2027-03-14. */
#define EXAMPLE_3_LINES \
  EXAMPLE_LINES "," \
  "{ \"code\": \"02-00039-002\", \"quantity\": 10, \"added_on\": \"2027-03-15\" }"

static const Totals example_3_totals = {
  "56.25", "646.88", "0.00", "0.00", "0.00", "0.00", "646.88", "161.72", "808.60",
};

static void
check_example_3 (const SsaOffer *offer)
{
  assert_period (offer, "2027-03-10", "2027-03-15", "2027-12-31");
  assert_n_lines (offer, 3);
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_COVERED, NULL, NULL, 0, "0.00", "0.00");
  assert_line (offer, 1, "02-00039-101", SSA_SEGMENT_COVERED, NULL, NULL, 0, "0.00", "0.00");
  /* Regular [2027-03-15, 2027-12-31] = 10 months: round (10*6.75*10/12) = 56.25 SSC →
   * 646.875 → 646.88 NOK. */
  assert_line (offer, 2, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-03-15", "2027-12-31", 10,
               "56.25", "646.88");
  if (offer->lines->len == 3)
    g_assert_cmpint (line_at (offer, 2)->quantity, ==, 10);
  assert_totals (offer, &example_3_totals);
  g_assert_cmpuint (offer->warnings->len, ==, 0);
}

/* 3. Co-terming: start 2027-03-15, end 2027-12-31, today 2027-03-10. */
static void
test_example_3 (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2027-12-31", EXAMPLE_3_LINES);
  SsaOfferRequest requests[] = {
    request_new ("2027-03-10", "2027-03-15", "2027-12-31", 0),
    /* The default start is the day after the earliest coverage end, 2027-03-15. */
    request_new ("2027-03-10", NULL, "2027-12-31", 0),
  };

  for (guint i = 0; i < G_N_ELEMENTS (requests); i++)
    {
      g_autoptr(SsaOffer) offer = NULL;

      g_test_message ("request %u", i);
      offer = compute_ok (price_list, inventory, &requests[i]);
      if (offer != NULL)
        check_example_3 (offer);
    }
}

static void
test_example_3_json (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2027-12-31", EXAMPLE_3_LINES);
  SsaOfferRequest request = request_new ("2027-03-10", "2027-03-15", "2027-12-31", 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *codes = NULL;
  JsonObject *object;
  JsonArray *lines;
  static const JsonLine expected[] = {
    { "02-00039-002", "PBX-Port14", "port", 20, "covered", NULL, NULL, 0, "0.00", "0.00" },
    { "02-00039-101", "PBX-Voicemail14", "voicemail", 5, "covered", NULL, NULL, 0, "0.00",
      "0.00" },
    { "02-00039-002", "PBX-Port14", "port", 10, "regular", "2027-03-15", "2027-12-31", 10,
      "56.25", "646.88" },
  };

  if (offer == NULL)
    return;
  root = offer_json (offer);
  if (root == NULL)
    return;
  object = json_node_get_object (root);

  assert_json_head (object, "2027-03-10", "2027-03-15", "2027-12-31", "once");
  lines = member_array (object, "lines");
  g_assert_cmpuint (lines != NULL ? json_array_get_length (lines) : 0, ==,
                    G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_json_line (lines, i, &expected[i]);
  assert_json_totals (object, &example_3_totals);
  codes = json_warning_codes (object);
  g_assert_cmpstr (codes, ==, "");
}

/* ---- Co-terming ---------------------------------------------------------------- */

/* A co-term request: the end is the installation's SSA expiry. */
static SsaOfferRequest
co_term_request (const char *today)
{
  SsaOfferRequest request = request_new (today, NULL, NULL, 0);

  request.end_kind = SSA_OFFER_END_CO_TERM;
  return request;
}

/* Worked example 3 asked as a top-up: the same offer as with its end date. */
static void
test_co_term_example_3 (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2027-12-31", EXAMPLE_3_LINES);
  SsaOfferRequest request = co_term_request ("2027-03-10");
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  check_example_3 (offer);
}

/* Co-terming agrees exactly, line by line and in every total, with --end set to the
 * expiry, for several days, plans, discounts and licence histories (a line bought in the
 * past, one bought later, one whose own coverage lapsed while the SSA runs). */
static void
test_co_term_equals_end (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  static const char * const licences[] = {
    EXAMPLE_3_LINES,
    EXAMPLE_LINES ", { \"code\": \"02-00039-101\", \"quantity\": 3, \"added_on\": \"2027-01-20\" }",
    EXAMPLE_LINES ", { \"code\": \"02-00039-002\", \"quantity\": 4, \"covered_until\": \"2027-02-14\" },"
    "{ \"code\": \"90-00000-001\", \"quantity\": 1 }",
  };
  static const char * const days[] = { "2027-01-01", "2027-03-10", "2027-03-15", "2027-06-30",
                                       "2027-12-31" };
  guint n_compared = 0;

  for (guint l = 0; l < G_N_ELEMENTS (licences); l++)
    for (guint d = 0; d < G_N_ELEMENTS (days); d++)
      for (SsaBilling billing = 0; billing < SSA_N_BILLINGS; billing++)
        {
          g_autoptr(SsaInventory) inventory = appliance_new ("2027-12-31", licences[l]);
          SsaOfferRequest co_term = co_term_request (days[d]);
          SsaOfferRequest end = request_new (days[d], NULL, "2027-12-31", 0);
          g_autoptr(SsaOffer) a = NULL;
          g_autoptr(SsaOffer) b = NULL;
          g_autofree char *a_json = NULL;
          g_autofree char *b_json = NULL;

          g_test_message ("licences %u, today %s, billing %d", l, days[d], billing);
          co_term.billing = end.billing = billing;
          co_term.discount_percent = end.discount_percent = 750 * (gint64) billing;
          a = ssa_offer_compute (price_list, inventory, &co_term, NULL);
          b = ssa_offer_compute (price_list, inventory, &end, NULL);
          g_assert_true ((a == NULL) == (b == NULL));
          if (a == NULL)
            continue;
          a_json = ssa_offer_to_json (a);
          b_json = ssa_offer_to_json (b);
          g_assert_cmpstr (a_json, ==, b_json);
          g_assert_cmpint (g_date_compare (&a->end, &inventory->ssa_expiry), ==, 0);
          n_compared++;
        }
  /* Every case but those with all lines covered computes an offer. */
  g_assert_cmpuint (n_compared, >=, 3 * 4 * SSA_N_BILLINGS);
}

/* The JSON members of one computation, as written (docs/formats.md): the offer's own with
 * @n 1, else those of alternatives[@n - 2]. */
static char *
computation_json (const char *json,
                  guint       n,
                  const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  if (n > 1)
    object = json_array_get_object_element (json_object_get_array_member (object,
                                                                          "alternatives"),
                                            n - 2);
  return json_to_string (json_object_get_member (object, member), TRUE);
}

/* Each alternative is the offer its terms make alone: the same period, lines and totals,
 * none summed with another; the JSON reads back with them, and without them as before. */

static const char * const alternative_days[] = { "2027-01-01", "2027-03-15", "2027-06-30" };

/* The co-terming example with 3 more voicemail licences added 2027-01-20, offered on @day
 * with a 5 % discount and three alternatives; sets @out_inventory and @out_request. */
static SsaOffer *
compute_with_alternatives (const SsaPriceList  *price_list,
                           const char          *day,
                           SsaInventory       **out_inventory,
                           SsaOfferRequest     *out_request)
{
  static const char * const specs[] = { "months=36,billing=quarterly", "end=2027-12-31",
                                        "co-term,billing=annual" };
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2027-12-31",
                   EXAMPLE_LINES ", { \"code\": \"02-00039-101\", \"quantity\": 3, "
                   "\"added_on\": \"2027-01-20\" }");
  SsaOfferRequest request = request_new (day, NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(GError) error = NULL;

      request.discount_percent = 500;
      for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
        {
          g_assert_true (ssa_offer_alternative_parse (specs[i],
                                                      &request.alternatives[i], &error));
          g_assert_no_error (error);
        }
      request.n_alternatives = G_N_ELEMENTS (specs);

      offer = ssa_offer_compute (price_list, inventory, &request, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ssa_offer_get_n_alternatives (offer), ==, 4);
  *out_inventory = g_steal_pointer (&inventory);
  *out_request = request;
  return g_steal_pointer (&offer);
}

static void
test_alternatives_equal_separate_offers (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);

  for (guint d = 0; d < G_N_ELEMENTS (alternative_days); d++)
    {
      g_autoptr(SsaInventory) inventory = NULL;
      SsaOfferRequest request;
      g_autoptr(SsaOffer) offer = compute_with_alternatives (price_list, alternative_days[d],
                                                             &inventory, &request);
      g_autoptr(GError) error = NULL;
      g_autofree char *json = ssa_offer_to_json (offer);

      for (guint n = 1; n <= 4; n++)
        {
          SsaOfferRequest alone;
          g_autoptr(SsaOffer) separate = NULL;
          g_autofree char *separate_json = NULL;
          const SsaOffer *alternative = ssa_offer_get_alternative (offer, n);
          static const char * const members[] = { "period", "billing", "lines", "totals",
                                                  "terms" };

          if (n == 1)
            alone = request;
          else
            ssa_offer_alternative_apply (&request, &request.alternatives[n - 2], &alone);
          alone.n_alternatives = 0;
          separate = ssa_offer_compute (price_list, inventory, &alone, &error);
          g_assert_no_error (error);
          g_assert_cmpint (alternative->totals.total, ==, separate->totals.total);
          g_assert_cmpint (alternative->totals.net, ==, separate->totals.net);
          g_assert_cmpint (g_date_compare (&alternative->end, &separate->end), ==, 0);
          separate_json = ssa_offer_to_json (separate);
          for (guint m = 0; m < G_N_ELEMENTS (members); m++)
            {
              g_autofree char *a = computation_json (json, n, members[m]);
              g_autofree char *b = computation_json (separate_json, 1, members[m]);

              g_assert_cmpstr (a, ==, b);
            }
        }
      /* Alternatives differ: 36 months cost more than 12, and none adds another's. */
      g_assert_cmpint (ssa_offer_get_alternative (offer, 2)->totals.total, >,
                       offer->totals.total);
      g_assert_cmpint (g_date_compare (&ssa_offer_get_alternative (offer, 3)->end,
                                       &inventory->ssa_expiry), ==, 0);
    }
}

static void
test_alternatives_read_back (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);

  for (guint d = 0; d < G_N_ELEMENTS (alternative_days); d++)
    {
      g_autoptr(SsaInventory) inventory = NULL;
      SsaOfferRequest request;
      g_autoptr(SsaOffer) offer = compute_with_alternatives (price_list, alternative_days[d],
                                                             &inventory, &request);
      g_autoptr(SsaOffer) read_back = NULL;
      g_autoptr(SsaOffer) copy = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *json = ssa_offer_to_json (offer);
      g_autofree char *json_again = NULL;
      g_autofree char *copy_json = NULL;

      read_back = ssa_offer_new_from_json (json, strlen (json), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ssa_offer_get_n_alternatives (read_back), ==, 4);
      json_again = ssa_offer_to_json (read_back);
      g_assert_cmpstr (json_again, ==, json);
      copy = ssa_offer_copy (offer);
      copy_json = ssa_offer_to_json (copy);
      g_assert_cmpstr (copy_json, ==, json);
    }
}

/* An offer without alternatives is written as before (no "alternatives" member) and such a
 * document reads back with none. */
static void
test_alternatives_old_form (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2027-12-31", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2027-03-15", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = ssa_offer_compute (price_list, inventory, &request, NULL);
  g_autoptr(SsaOffer) read_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = ssa_offer_to_json (offer);

  g_assert_null (strstr (json, "alternatives"));
  read_back = ssa_offer_new_from_json (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ssa_offer_get_n_alternatives (read_back), ==, 1);
  g_assert_true (ssa_offer_get_alternative (read_back, 1) == read_back);
}

/* A SPEC is refused naming its bad part. */
static void
test_alternatives_bad_spec (void)
{
  static const struct
  {
    const char *spec;
    const char *named;
  } cases[] = {
    { "weeks=3", "weeks=3" },
    { "months=0", "months=0" },
    { "months=121", "months=121" },
    { "end=2029-02-30", "end=2029-02-30" },
    { "billing=weekly", "billing=weekly" },
    { "months=12,end=2029-01-01", "give one of them" },
    { "billing=annual,billing=once", "billing" },
    { "co-term=yes", "co-term=yes" },
    { "", "give at least one" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      SsaOfferAlternative alternative;

      g_test_message ("%s", cases[i].spec);
      g_assert_false (ssa_offer_alternative_parse (cases[i].spec, &alternative, &error));
      g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].named));
    }
}

/* Only the new lines are charged: the lines covered to the expiry show as covered. */
static void
test_co_term_charges_only_new_lines (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2027-12-31",
                   EXAMPLE_LINES ", { \"code\": \"02-00039-101\", \"quantity\": 3, "
                   "\"added_on\": \"2027-01-20\" }");
  SsaOfferRequest request = co_term_request ("2027-03-10");
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  /* The new voicemail was bought 2027-01-20, so it is lapsed from then to 2027-03-09
   * (2 started months: back-payment round (3*1.57*2*2/12) = 1.57 SSC) and regular from
   * today to the expiry, [2027-03-10, 2027-12-31], 10 started months:
   * round (3*1.57*10/12) = 3.93 SSC (3.925), 45.20 NOK (45.195). */
  assert_period (offer, "2027-03-10", "2027-03-10", "2027-12-31");
  assert_n_lines (offer, 4);
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_COVERED, NULL, NULL, 0, "0.00", "0.00");
  assert_line (offer, 1, "02-00039-101", SSA_SEGMENT_COVERED, NULL, NULL, 0, "0.00", "0.00");
  assert_line (offer, 2, "02-00039-101", SSA_SEGMENT_BACKPAY, "2027-01-20", "2027-03-09", 2,
               "1.57", "18.06");
  assert_line (offer, 3, "02-00039-101", SSA_SEGMENT_REGULAR, "2027-03-10", "2027-12-31", 10,
               "3.93", "45.20");
}

/* Refused in words: the SSA has ended, there is none, or nothing is left to top up. */
static void
test_co_term_refused (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) ended = appliance_new ("2027-02-28", EXAMPLE_3_LINES);
  g_autoptr(SsaInventory) all_covered = appliance_new ("2027-12-31", EXAMPLE_LINES);
  g_autoptr(SsaInventory) no_expiry =
    appliance_new (NULL, "{ \"code\": \"02-00039-002\", \"quantity\": 2, "
                         "\"added_on\": \"2027-03-15\" }");
  SsaOfferRequest request = co_term_request ("2027-03-10");
  g_autofree char *m1 = compute_refused (price_list, ended, &request, SSA_ERROR_REQUEST);
  g_autofree char *m2 = compute_refused (price_list, all_covered, &request, SSA_ERROR_REQUEST);
  g_autofree char *m3 = compute_refused (price_list, no_expiry, &request, SSA_ERROR_REQUEST);

  g_assert_true (g_str_has_prefix (m1, "co-term: the SSA ended on 2027-02-28"));
  g_assert_nonnull (strstr (m1, "renewal offer"));
  g_assert_true (g_str_has_prefix (m2, "co-term: every licence is covered to the SSA end "
                                       "2027-12-31"));
  g_assert_true (g_str_has_prefix (m3, "co-term: the installation has no SSA expiry"));
}

/* The builder's default: a top-up while the SSA runs and some line is not covered to it. */
static void
test_co_term_wanted (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) topped = appliance_new ("2027-12-31", EXAMPLE_3_LINES);
  g_autoptr(SsaInventory) covered = appliance_new ("2027-12-31", EXAMPLE_LINES);
  g_autoptr(SsaInventory) excluded_only =
    appliance_new ("2027-12-31", EXAMPLE_LINES ", { \"code\": \"90-00000-001\", "
                                 "\"quantity\": 1, \"added_on\": \"2027-03-15\" }");
  g_autoptr(SsaInventory) rental = inventory_new ("rental", SUPPORTED_FIRMWARE, "2027-12-31",
                                                  EXAMPLE_3_LINES);
  GDate today = test_date ("2027-03-10");
  GDate last_day = test_date ("2027-12-31");
  GDate after = test_date ("2028-01-01");

  g_assert_true (ssa_offer_wants_co_term (price_list, topped, &today));
  g_assert_true (ssa_offer_wants_co_term (price_list, topped, &last_day));
  g_assert_false (ssa_offer_wants_co_term (price_list, topped, &after));
  g_assert_false (ssa_offer_wants_co_term (price_list, covered, &today));
  g_assert_false (ssa_offer_wants_co_term (price_list, excluded_only, &today));
  g_assert_false (ssa_offer_wants_co_term (price_list, rental, &today));
}

/* Excluded lines in JSON: no start or end, zero months and amounts. */
static void
test_excluded_json (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-12-31",
                   "{ \"code\": \"90-00000-001\", \"quantity\": 1 },"
                   "{ \"code\": \"99-00000-042\", \"quantity\": 3, \"kind\": \"third_party\","
                   "  \"name\": \"Havnevakt alarmintegrasjon\" }");
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  g_autoptr(JsonNode) root = NULL;
  JsonArray *lines;
  static const JsonLine expected[] = {
    { "90-00000-001", "SamWin switchboard", "third_party", 1, "excluded", NULL, NULL, 0,
      "0.00", "0.00" },
    { "99-00000-042", "Havnevakt alarmintegrasjon", "third_party", 3, "excluded", NULL, NULL,
      0, "0.00", "0.00" },
  };
  static const Totals zero = {
    "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00", "0.00",
  };

  if (offer == NULL)
    return;
  root = offer_json (offer);
  if (root == NULL)
    return;
  lines = member_array (json_node_get_object (root), "lines");
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_json_line (lines, i, &expected[i]);
  assert_json_totals (json_node_get_object (root), &zero);
}

/* ---- Start and end ----------------------------------------------------------------- */

/* The default start is the day after the earliest coverage end among the covered lines
 * (not the third-party ones), when that is later than today. */
static void
test_default_start_earliest_covered (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2027-06-30",
                   "{ \"code\": \"90-00000-001\", \"quantity\": 1,"
                   "  \"covered_until\": \"2026-12-31\" },"
                   "{ \"code\": \"02-00039-002\", \"quantity\": 20,"
                   "  \"covered_until\": \"2027-03-31\" },"
                   "{ \"code\": \"02-00039-101\", \"quantity\": 5 }");
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  if (offer == NULL)
    return;
  assert_period (offer, "2026-11-28", "2027-04-01", "2028-03-31");
  assert_n_lines (offer, 3);
  assert_line (offer, 0, "90-00000-001", SSA_SEGMENT_EXCLUDED, NULL, NULL, 0, "0.00", "0.00");
  assert_line (offer, 1, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-04-01", "2028-03-31", 12,
               "135.00", "1552.50");
  /* [2027-07-01, 2028-03-31] is 9 months: round (5*1.57*9/12) = round (5.8875) = 5.89 SSC;
   * 5.89 * 11.50 = 67.735 → 67.74. */
  assert_line (offer, 2, "02-00039-101", SSA_SEGMENT_REGULAR, "2027-07-01", "2028-03-31", 9,
               "5.89", "67.74");
}

/* Today when there is no covered line, and today when the SSA lapsed. */
static void
test_default_start_today (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) third_party =
    inventory_new ("appliance", SUPPORTED_FIRMWARE, NULL,
                   "{ \"code\": \"90-00000-001\", \"quantity\": 1 }");
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, third_party, &request);

  if (offer == NULL)
    return;
  assert_period (offer, "2026-11-28", "2026-11-28", "2027-11-27");
  assert_n_lines (offer, 1);
  assert_line (offer, 0, "90-00000-001", SSA_SEGMENT_EXCLUDED, NULL, NULL, 0, "0.00", "0.00");
  g_assert_cmpint (offer->totals.total, ==, 0);
}

/* Without a given today, today is the local date. */
static void
test_default_today (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    inventory_new ("appliance", SUPPORTED_FIRMWARE, NULL,
                   "{ \"code\": \"90-00000-001\", \"quantity\": 1 }");
  SsaOfferRequest request = request_new (NULL, NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = NULL;
  GDate before;
  GDate after;
  GDate end;

  ssa_date_today (&before);
  offer = compute_ok (price_list, inventory, &request);
  ssa_date_today (&after);
  if (offer == NULL)
    return;

  g_assert_true (ssa_date_is_set (&offer->today));
  g_assert_cmpint (g_date_compare (&offer->today, &before), >=, 0);
  g_assert_cmpint (g_date_compare (&offer->today, &after), <=, 0);
  g_assert_cmpint (g_date_compare (&offer->start, &offer->today), ==, 0);
  ssa_date_add_months (&offer->start, 12, &end);
  g_date_subtract_days (&end, 1);
  g_assert_cmpint (g_date_compare (&offer->end, &end), ==, 0);
}

/* --months counts from the requested start, not from the effective start s'. */
static void
test_months_from_requested_start (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-08-31", "{ \"code\": \"02-00039-002\", \"quantity\": 20 }");
  SsaOfferRequest request = request_new ("2026-11-28", "2026-09-01", NULL, 12);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  if (offer == NULL)
    return;
  /* 12 months from 2026-09-01 end on 2027-08-31; s' is today. */
  assert_period (offer, "2026-11-28", "2026-11-28", "2027-08-31");
  assert_n_lines (offer, 2);
  /* [2026-09-01, 2026-11-27] is 3 months: round (20*6.75*3*2/12) = 67.50 SSC → 776.25. */
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_BACKPAY, "2026-09-01", "2026-11-27", 3,
               "67.50", "776.25");
  /* [2026-11-28, 2027-08-31] is 10 months: 20*6.75*10/12 = 112.50 SSC → 1 293.75. */
  assert_line (offer, 1, "02-00039-002", SSA_SEGMENT_REGULAR, "2026-11-28", "2027-08-31", 10,
               "112.50", "1293.75");
}

/* The default end (12 months) counts from the requested start as well. */
static void
test_default_end_from_requested_start (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-08-31", "{ \"code\": \"02-00039-002\", \"quantity\": 20 }");
  SsaOfferRequest request = request_new ("2026-11-28", "2026-09-01", NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  if (offer == NULL)
    return;
  assert_period (offer, "2026-11-28", "2026-11-28", "2027-08-31");
}

/* A requested start after today with a lapsed SSA: the back-payment runs up to s' - 1 and
 * so includes the uncovered days between today and the start. */
static void
test_future_start_lapsed (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-06-30", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", "2027-01-01", NULL, 12);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  static const Totals totals = {
    "285.70", "1642.78", "1642.78", "0.00", "0.00", "0.00", "3285.56", "821.39", "4106.95",
  };

  if (offer == NULL)
    return;
  assert_period (offer, "2026-11-28", "2027-01-01", "2027-12-31");
  assert_n_lines (offer, 4);
  /* [2026-07-01, 2026-12-31] is 6 months: 20*6.75*6*2/12 = 135.00 SSC; voicemail
   * 5*1.57*6*2/12 = 7.85 SSC. */
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_BACKPAY, "2026-07-01", "2026-12-31", 6,
               "135.00", "1552.50");
  assert_line (offer, 1, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "135.00", "1552.50");
  assert_line (offer, 2, "02-00039-101", SSA_SEGMENT_BACKPAY, "2026-07-01", "2026-12-31", 6,
               "7.85", "90.28");
  assert_line (offer, 3, "02-00039-101", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "7.85", "90.28");
  assert_totals (offer, &totals);
  g_assert_true (ssa_offer_has_warning (offer, SSA_WARNING_BACKPAY));
}

/* ---- Segments ---------------------------------------------------------------------- */

/* A back-payment of a single day is one started month. */
static void
test_backpay_one_day (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-11-26", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  if (offer == NULL)
    return;
  assert_period (offer, "2026-11-28", "2026-11-28", "2027-11-27");
  assert_n_lines (offer, 4);
  /* round (20*6.75*1*2/12) = 22.50 SSC → 258.75; round (5*1.57*2/12) = round (1.3083) =
   * 1.31 SSC → 15.065 → 15.07. */
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_BACKPAY, "2026-11-27", "2026-11-27", 1,
               "22.50", "258.75");
  assert_line (offer, 1, "02-00039-002", SSA_SEGMENT_REGULAR, "2026-11-28", "2027-11-27", 12,
               "135.00", "1552.50");
  assert_line (offer, 2, "02-00039-101", SSA_SEGMENT_BACKPAY, "2026-11-27", "2026-11-27", 1,
               "1.31", "15.07");
  assert_line (offer, 3, "02-00039-101", SSA_SEGMENT_REGULAR, "2026-11-28", "2027-11-27", 12,
               "7.85", "90.28");
}

/* An SSA that ended in 1900 makes a back-payment of more than a thousand months; the
 * offer's document (a stored offer's snapshot) must read back all the same. Found by
 * fuzz-installation: the reader allowed at most 1440 months a line, so such an offer was
 * stored and could then not be shown or exported. */
static void
test_long_backpay_reads_back (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("1900-12-31", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  g_autoptr(SsaOffer) read_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;

  if (offer == NULL)
    return;
  /* [1901-01-01, 2026-11-27] is 1511 months: 20*6.75*1511*2/12 = 33997.50 SSC →
   * 390 971.25 NOK. */
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_BACKPAY, "1901-01-01", "2026-11-27", 1511,
               "33997.50", "390971.25");

  json = ssa_offer_to_json (offer);
  read_back = ssa_offer_new_from_json (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_nonnull (read_back);
  g_assert_cmpint (line_at (read_back, 0)->months, ==, 1511);
  json_again = ssa_offer_to_json (read_back);
  g_assert_cmpstr (json_again, ==, json);
}

/* A document whose totals cannot be added up in 64 bits is refused in words. Found by
 * fuzzing (fuzz/corpus/offer/totals-overflow): the reader added them regardless, a signed
 * overflow. */
static void
test_totals_overflow_refused (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-06-30", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SsaOffer) read_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *totals;

  if (offer == NULL)
    return;
  root = offer_json (offer);
  totals = member_object (json_node_get_object (root), "totals");
  json_object_set_string_member (totals, "regular", "92233720368547758.07");
  json_object_set_string_member (totals, "backpay", "92233720368547758.07");
  json = json_to_string (root, FALSE);

  read_back = ssa_offer_new_from_json (json, strlen (json), &error);
  g_assert_null (read_back);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  assert_contains (error->message, "totals.backpay: is too large to add to the regular amount");
}

/* Covered through yesterday: no back-payment, no warning. */
static void
test_no_backpay_when_covered_through_yesterday (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-11-27", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  if (offer == NULL)
    return;
  assert_period (offer, "2026-11-28", "2026-11-28", "2027-11-27");
  assert_n_lines (offer, 2);
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_REGULAR, "2026-11-28", "2027-11-27", 12,
               "135.00", "1552.50");
  assert_line (offer, 1, "02-00039-101", SSA_SEGMENT_REGULAR, "2026-11-28", "2027-11-27", 12,
               "7.85", "90.28");
  assert_decimal (offer->totals.backpay, "0.00");
  g_assert_false (ssa_offer_has_warning (offer, SSA_WARNING_BACKPAY));
}

/* Already covered when c >= e; one day short of e is a one-month regular segment. */
static void
test_covered_lines (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-12-31",
                   "{ \"code\": \"02-00039-002\", \"quantity\": 20,"
                   "  \"covered_until\": \"2027-06-30\" },"
                   "{ \"code\": \"02-00039-002\", \"quantity\": 20,"
                   "  \"covered_until\": \"2027-12-31\" },"
                   "{ \"code\": \"02-00039-002\", \"quantity\": 20,"
                   "  \"covered_until\": \"2027-06-29\" },"
                   "{ \"code\": \"02-00039-101\", \"quantity\": 5 }");
  SsaOfferRequest request = request_new ("2026-11-28", "2027-01-01", "2027-06-30", 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  static const Totals totals = {
    "15.18", "174.58", "0.00", "0.00", "0.00", "0.00", "174.58", "43.65", "218.23",
  };

  if (offer == NULL)
    return;
  assert_period (offer, "2026-11-28", "2027-01-01", "2027-06-30");
  assert_n_lines (offer, 4);
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_COVERED, NULL, NULL, 0, "0.00", "0.00");
  assert_line (offer, 1, "02-00039-002", SSA_SEGMENT_COVERED, NULL, NULL, 0, "0.00", "0.00");
  /* [2027-06-30, 2027-06-30]: round (20*6.75/12) = 11.25 SSC → 129.375 → 129.38. */
  assert_line (offer, 2, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-06-30", "2027-06-30", 1,
               "11.25", "129.38");
  /* 6 months: round (5*1.57*6/12) = round (3.925) = 3.93 SSC → 45.195 → 45.20. */
  assert_line (offer, 3, "02-00039-101", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-06-30", 6,
               "3.93", "45.20");
  /* VAT 43.645 → 43.65. */
  assert_totals (offer, &totals);
}

/* The coverage end is covered_until, else added_on - 1 day, else ssa_expiry. */
static void
test_coverage_end_precedence (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-12-31",
                   "{ \"code\": \"02-00039-002\", \"quantity\": 1, \"added_on\": \"2027-03-15\","
                   "  \"covered_until\": \"2027-06-30\" },"
                   "{ \"code\": \"02-00039-002\", \"quantity\": 1, \"added_on\": \"2027-03-15\" },"
                   "{ \"code\": \"02-00039-002\", \"quantity\": 1 }");
  SsaOfferRequest request = request_new ("2026-11-28", "2027-01-01", "2027-12-31", 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  static const Totals totals = {
    "15.76", "181.25", "0.00", "0.00", "0.00", "0.00", "181.25", "45.31", "226.56",
  };

  if (offer == NULL)
    return;
  assert_n_lines (offer, 3);
  /* 6 months: round (6.75*6/12) = round (3.375) = 3.38 SSC → 38.87. */
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-07-01", "2027-12-31", 6,
               "3.38", "38.87");
  /* 10 months: round (6.75*10/12) = round (5.625) = 5.63 SSC → 64.745 → 64.75. */
  assert_line (offer, 1, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-03-15", "2027-12-31", 10,
               "5.63", "64.75");
  /* 12 months: 6.75 SSC → 77.625 → 77.63. */
  assert_line (offer, 2, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "6.75", "77.63");
  /* VAT 45.3125 → 45.31. */
  assert_totals (offer, &totals);
}

/* A line bought in the past outside the agreement (added_on, no covered_until) owes the
 * days since it was added, even though the installation's SSA runs on. */
static void
test_added_on_in_the_past (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-12-31",
                   "{ \"code\": \"02-00039-002\", \"quantity\": 20 },"
                   "{ \"code\": \"02-00039-002\", \"quantity\": 12,"
                   "  \"added_on\": \"2026-09-15\" }");
  SsaOfferRequest request = request_new ("2026-11-28", "2027-01-01", NULL, 12);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  if (offer == NULL)
    return;
  assert_n_lines (offer, 3);
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "135.00", "1552.50");
  /* [2026-09-15, 2026-12-31] is 4 months: 12*6.75*4*2/12 = 54.00 SSC → 621.00. */
  assert_line (offer, 1, "02-00039-002", SSA_SEGMENT_BACKPAY, "2026-09-15", "2026-12-31", 4,
               "54.00", "621.00");
  assert_line (offer, 2, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "81.00", "931.50");
}

/* ---- Excluded lines and line errors ------------------------------------------------ */

static void
test_excluded_lines (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-12-31",
                   "{ \"code\": \"90-00000-001\", \"quantity\": 1 },"
                   "{ \"code\": \"90-00000-001\", \"quantity\": 2, \"kind\": \"third_party\","
                   "  \"name\": \"SamWin (as the customer calls it)\" },"
                   "{ \"code\": \"99-00000-042\", \"quantity\": 1, \"kind\": \"third_party\","
                   "  \"name\": \"Havnevakt alarmintegrasjon\" },"
                   "{ \"code\": \"01-00013-001\", \"quantity\": 4 },"
                   "{ \"code\": \"80-00000-001\", \"quantity\": 8 },"
                   "{ \"code\": \"02-00039-002\", \"quantity\": 20 }");
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  static const struct
  {
    const char *name;
    SsaKind     kind;
    gint64      quantity;
  } expected[] = {
    { "SamWin switchboard", SSA_KIND_THIRD_PARTY, 1 },
    /* In the price list: the list's name and kind win over the line's. */
    { "SamWin switchboard", SSA_KIND_THIRD_PARTY, 2 },
    /* Not in the price list: listed with the line's own name. */
    { "Havnevakt alarmintegrasjon", SSA_KIND_THIRD_PARTY, 1 },
    { "IP0013 analog adapter", SSA_KIND_HARDWARE, 4 },
    { "Installasjon, per time", SSA_KIND_SERVICE, 8 },
  };

  if (offer == NULL)
    return;
  assert_period (offer, "2026-11-28", "2027-01-01", "2027-12-31");
  assert_n_lines (offer, 6);
  assert_line (offer, 0, "90-00000-001", SSA_SEGMENT_EXCLUDED, NULL, NULL, 0, "0.00", "0.00");
  assert_line (offer, 1, "90-00000-001", SSA_SEGMENT_EXCLUDED, NULL, NULL, 0, "0.00", "0.00");
  assert_line (offer, 2, "99-00000-042", SSA_SEGMENT_EXCLUDED, NULL, NULL, 0, "0.00", "0.00");
  assert_line (offer, 3, "01-00013-001", SSA_SEGMENT_EXCLUDED, NULL, NULL, 0, "0.00", "0.00");
  assert_line (offer, 4, "80-00000-001", SSA_SEGMENT_EXCLUDED, NULL, NULL, 0, "0.00", "0.00");
  assert_line (offer, 5, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "135.00", "1552.50");
  for (guint i = 0; i < G_N_ELEMENTS (expected) && i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = line_at (offer, i);

      g_assert_cmpstr (line->name, ==, expected[i].name);
      g_assert_cmpint (line->kind, ==, expected[i].kind);
      g_assert_cmpint (line->quantity, ==, expected[i].quantity);
    }
  assert_decimal (offer->totals.regular, "1552.50");
  assert_decimal (offer->totals.ssc, "135.00");
}

/* The price list's kind wins: a line that calls a listed port "third_party" is priced. */
static void
test_price_list_kind_wins (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-12-31",
                   "{ \"code\": \"02-00039-002\", \"quantity\": 20, \"kind\": \"third_party\","
                   "  \"name\": \"Not really third party\" }");
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  if (offer == NULL)
    return;
  assert_n_lines (offer, 1);
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "135.00", "1552.50");
  if (offer->lines->len == 1)
    {
      g_assert_cmpstr (line_at (offer, 0)->name, ==, "PBX-Port14");
      g_assert_cmpint (line_at (offer, 0)->kind, ==, SSA_KIND_PORT);
    }
}

/* Excluded lines need no coverage end. */
static void
test_excluded_without_coverage_end (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    inventory_new ("appliance", SUPPORTED_FIRMWARE, NULL,
                   "{ \"code\": \"90-00000-001\", \"quantity\": 1 },"
                   "{ \"code\": \"01-00013-001\", \"quantity\": 1 },"
                   "{ \"code\": \"02-00039-002\", \"quantity\": 1,"
                   "  \"covered_until\": \"2026-12-31\" }");
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  if (offer == NULL)
    return;
  assert_n_lines (offer, 3);
  assert_line (offer, 2, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "6.75", "77.63");
}

static guint
count_lines (const char *message)
{
  g_auto(GStrv) lines = g_strsplit (message, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      n++;
  return n;
}

/* A code not in the price list is an error naming licenses[i] and the code, unless the
 * line says kind third_party (another kind does not do). */
static void
test_error_not_in_price_list (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) no_kind =
    appliance_new ("2026-12-31",
                   EXAMPLE_LINES ","
                   "{ \"code\": \"99-99999-999\", \"quantity\": 1 }");
  g_autoptr(SsaInventory) hardware =
    appliance_new ("2026-12-31",
                   "{ \"code\": \"99-99999-998\", \"quantity\": 1, \"kind\": \"hardware\","
                   "  \"name\": \"Some box\" }");
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autofree char *message = compute_refused (price_list, no_kind, &request, SSA_ERROR_INVALID);
  g_autofree char *message2 = compute_refused (price_list, hardware, &request,
                                               SSA_ERROR_INVALID);

  assert_contains (message, "licenses[2]");
  assert_contains (message, "99-99999-999");
  if (message != NULL)
    g_assert_cmpuint (count_lines (message), ==, 1);
  assert_contains (message2, "licenses[0]");
  assert_contains (message2, "99-99999-998");
}

/* A covered line without any coverage end is an error naming the line. */
static void
test_error_no_coverage_end (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    inventory_new ("appliance", SUPPORTED_FIRMWARE, NULL,
                   "{ \"code\": \"90-00000-001\", \"quantity\": 1 },"
                   "{ \"code\": \"02-00039-002\", \"quantity\": 20 }");
  SsaOfferRequest request = request_new ("2026-11-28", "2027-01-01", NULL, 12);
  g_autofree char *message = compute_refused (price_list, inventory, &request,
                                              SSA_ERROR_INVALID);

  assert_contains (message, "licenses[1]");
  assert_contains (message, "02-00039-002");
  if (message != NULL)
    g_assert_cmpuint (count_lines (message), ==, 1);
}

/* Every bad line is reported at once, one a line. */
static void
test_error_all_lines (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    inventory_new ("appliance", SUPPORTED_FIRMWARE, NULL,
                   "{ \"code\": \"02-00039-002\", \"quantity\": 20 },"
                   "{ \"code\": \"90-00000-001\", \"quantity\": 1 },"
                   "{ \"code\": \"99-99999-999\", \"quantity\": 1 },"
                   "{ \"code\": \"02-00039-101\", \"quantity\": 5 }");
  SsaOfferRequest request = request_new ("2026-11-28", "2027-01-01", NULL, 12);
  g_autofree char *message = compute_refused (price_list, inventory, &request,
                                              SSA_ERROR_INVALID);
  g_auto(GStrv) lines = message != NULL ? g_strsplit (message, "\n", -1) : NULL;

  if (lines == NULL)
    return;
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  if (g_strv_length (lines) != 3)
    return;
  assert_contains (lines[0], "licenses[0]");
  assert_contains (lines[1], "licenses[2]");
  assert_contains (lines[1], "99-99999-999");
  assert_contains (lines[2], "licenses[3]");
}

/* ---- Refusals ---------------------------------------------------------------------- */

static void
test_refused_deployment (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  static const char * const deployments[] = { "saas", "rental" };

  for (guint i = 0; i < G_N_ELEMENTS (deployments); i++)
    {
      g_autoptr(SsaInventory) inventory =
        inventory_new (deployments[i], SUPPORTED_FIRMWARE, "2026-12-31", EXAMPLE_LINES);
      SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
      g_autofree char *message = compute_refused (price_list, inventory, &request,
                                                  SSA_ERROR_REFUSED);

      g_test_message ("deployment %s", deployments[i]);
      assert_contains (message, "deployment");
    }
}

static void
test_refused_end_before_start (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-12-31", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", "2027-01-01", "2026-12-31", 0);
  g_autofree char *message = compute_refused (price_list, inventory, &request,
                                              SSA_ERROR_REQUEST);

  assert_contains (message, "end");
}

/* e < s': the period has already ended. */
static void
test_refused_period_ended (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2025-12-31", EXAMPLE_LINES);
  SsaOfferRequest past = request_new ("2026-11-28", "2026-01-01", "2026-06-30", 0);
  SsaOfferRequest yesterday = request_new ("2026-11-28", "2026-01-01", "2026-11-27", 0);
  SsaOfferRequest months = request_new ("2026-11-28", "2025-01-01", NULL, 12);
  g_autofree char *m1 = compute_refused (price_list, inventory, &past, SSA_ERROR_REQUEST);
  g_autofree char *m2 = compute_refused (price_list, inventory, &yesterday, SSA_ERROR_REQUEST);
  g_autofree char *m3 = compute_refused (price_list, inventory, &months, SSA_ERROR_REQUEST);

  assert_contains (m1, "end");
}

/* e = s' is a period of one day. */
static void
test_period_ends_today (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2025-12-31", "{ \"code\": \"02-00039-002\", \"quantity\": 20 }");
  SsaOfferRequest request = request_new ("2026-11-28", "2026-01-01", "2026-11-28", 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  if (offer == NULL)
    return;
  assert_period (offer, "2026-11-28", "2026-11-28", "2026-11-28");
  assert_n_lines (offer, 2);
  /* [2026-01-01, 2026-11-27] is 11 months: 20*6.75*11*2/12 = 247.50 SSC → 2 846.25. */
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_BACKPAY, "2026-01-01", "2026-11-27", 11,
               "247.50", "2846.25");
  /* One day, one month: 20*6.75/12 = 11.25 SSC → 129.38. */
  assert_line (offer, 1, "02-00039-002", SSA_SEGMENT_REGULAR, "2026-11-28", "2026-11-28", 1,
               "11.25", "129.38");
}

/* At most 120 months from s' to e. */
static void
test_period_120_months (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-12-31", "{ \"code\": \"02-00039-002\", \"quantity\": 20 }");
  SsaOfferRequest by_date = request_new ("2026-11-28", "2027-01-01", "2036-12-31", 0);
  SsaOfferRequest by_months = request_new ("2026-11-28", "2027-01-01", NULL, 120);
  SsaOfferRequest too_long = request_new ("2026-11-28", "2027-01-01", "2037-01-01", 0);
  SsaOfferRequest too_many = request_new ("2026-11-28", "2027-01-01", NULL, 121);
  g_autoptr(SsaOffer) offer1 = compute_ok (price_list, inventory, &by_date);
  g_autoptr(SsaOffer) offer2 = compute_ok (price_list, inventory, &by_months);
  g_autofree char *m1 = compute_refused (price_list, inventory, &too_long, SSA_ERROR_REQUEST);
  g_autofree char *m2 = compute_refused (price_list, inventory, &too_many, SSA_ERROR_REQUEST);

  /* 20 * 6.75 * 10 years = 1 350.00 SSC → 15 525.00. */
  if (offer1 != NULL)
    assert_line (offer1, 0, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-01-01", "2036-12-31",
                 120, "1350.00", "15525.00");
  if (offer2 != NULL)
    assert_line (offer2, 0, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-01-01", "2036-12-31",
                 120, "1350.00", "15525.00");
}

/* The limit is months (s', e): a requested start long past with an end date within ten
 * years of today is a valid offer. */
static void
test_period_long_past_start_end_date (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-10-31", "{ \"code\": \"02-00039-002\", \"quantity\": 20 }");
  SsaOfferRequest request = request_new ("2026-11-28", "2017-01-01", "2027-10-31", 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  if (offer == NULL)
    return;
  assert_period (offer, "2026-11-28", "2026-11-28", "2027-10-31");
  assert_n_lines (offer, 2);
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_BACKPAY, "2026-11-01", "2026-11-27", 1,
               "22.50", "258.75");
  assert_line (offer, 1, "02-00039-002", SSA_SEGMENT_REGULAR, "2026-11-28", "2027-10-31", 12,
               "135.00", "1552.50");
}

/* The same period given as N = 130 months from the requested start 2017-01-01 (ending
 * 2027-10-31): docs/rules.md limits months (s', e), which is 12, not N. */
static void
test_period_months_over_120_from_past_start (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-10-31", "{ \"code\": \"02-00039-002\", \"quantity\": 20 }");
  SsaOfferRequest request = request_new ("2026-11-28", "2017-01-01", NULL, 130);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);

  if (offer == NULL)
    return;
  assert_period (offer, "2026-11-28", "2026-11-28", "2027-10-31");
  assert_line (offer, 1, "02-00039-002", SSA_SEGMENT_REGULAR, "2026-11-28", "2027-10-31", 12,
               "135.00", "1552.50");
}

static void
test_refused_request (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-12-31", EXAMPLE_LINES);
  SsaOfferRequest request;
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  g_autofree char *m4 = NULL;
  g_autofree char *m5 = NULL;

  request = request_new ("2026-11-28", NULL, NULL, 0);
  request.discount_percent = 10001;
  m1 = compute_refused (price_list, inventory, &request, SSA_ERROR_REQUEST);
  assert_contains (m1, "discount");

  request = request_new ("2026-11-28", NULL, NULL, 0);
  request.discount_percent = -1;
  m2 = compute_refused (price_list, inventory, &request, SSA_ERROR_REQUEST);

  request = request_new ("2026-11-28", NULL, NULL, 0);
  request.end_kind = SSA_OFFER_END_MONTHS;
  request.months = 0;
  m3 = compute_refused (price_list, inventory, &request, SSA_ERROR_REQUEST);

  request = request_new ("2026-11-28", NULL, NULL, 0);
  request.has_labour = TRUE;
  request.labour_hours = -100;
  request.labour_rate = 100000;
  m4 = compute_refused (price_list, inventory, &request, SSA_ERROR_REQUEST);

  request = request_new ("2026-11-28", NULL, NULL, 0);
  request.has_labour = TRUE;
  request.labour_hours = 100;
  request.labour_rate = -1;
  m5 = compute_refused (price_list, inventory, &request, SSA_ERROR_REQUEST);
}

/* ---- Totals ------------------------------------------------------------------------ */

typedef struct
{
  SsaBilling  billing;
  const char *percent;
  Totals      totals;
} BillingCase;

/* Billing discounts on worked example 1: annual 2 %, quarterly 1 %, monthly and once 0. */
static void
test_billing_discounts (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-12-31", EXAMPLE_LINES);
  static const BillingCase cases[] = {
    /* round (1642.78 * 2 %) = round (32.8556) = 32.86; 1 609.92 * 25 % = 402.48. */
    { SSA_BILLING_ANNUAL, "2.00",
      { "142.85", "1642.78", "0.00", "32.86", "0.00", "0.00", "1609.92", "402.48", "2012.40" } },
    /* round (16.4278) = 16.43; VAT round (406.5875) = 406.59. */
    { SSA_BILLING_QUARTERLY, "1.00",
      { "142.85", "1642.78", "0.00", "16.43", "0.00", "0.00", "1626.35", "406.59", "2032.94" } },
    { SSA_BILLING_MONTHLY, "0.00",
      { "142.85", "1642.78", "0.00", "0.00", "0.00", "0.00", "1642.78", "410.70", "2053.48" } },
    { SSA_BILLING_ONCE, "0.00",
      { "142.85", "1642.78", "0.00", "0.00", "0.00", "0.00", "1642.78", "410.70", "2053.48" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
      g_autoptr(SsaOffer) offer = NULL;
      g_autoptr(JsonNode) root = NULL;

      g_test_message ("billing %s", ssa_billing_to_string (cases[i].billing));
      request.billing = cases[i].billing;
      offer = compute_ok (price_list, inventory, &request);
      if (offer == NULL)
        continue;
      g_assert_cmpint (offer->billing, ==, cases[i].billing);
      assert_decimal (offer->billing_discount_percent, cases[i].percent);
      assert_totals (offer, &cases[i].totals);
      root = offer_json (offer);
      if (root == NULL)
        continue;
      g_assert_cmpstr (member_string (json_node_get_object (root), "billing"), ==,
                       ssa_billing_to_string (cases[i].billing));
      assert_json_totals (json_node_get_object (root), &cases[i].totals);
    }
}

/* A plan missing from the price list's billing_discount_percent has 0 %. */
static void
test_billing_missing_plan (void)
{
  PriceListSpec spec = { .billing = "{ \"annual\": \"2\" }" };
  g_autoptr(SsaPriceList) price_list = price_list_new (&spec);
  PriceListSpec none = { .billing = "{}" };
  g_autoptr(SsaPriceList) price_list_none = price_list_new (&none);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-12-31", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) quarterly = NULL;
  g_autoptr(SsaOffer) annual = NULL;

  request.billing = SSA_BILLING_QUARTERLY;
  quarterly = compute_ok (price_list, inventory, &request);
  if (quarterly != NULL)
    assert_totals (quarterly, &example_1_totals);

  request.billing = SSA_BILLING_ANNUAL;
  annual = compute_ok (price_list_none, inventory, &request);
  if (annual != NULL)
    assert_totals (annual, &example_1_totals);
}

/* The billing discount applies to the regular amount only, not to the back-payment; the
 * reseller discount applies to the subtotal. */
static void
test_billing_regular_only (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-06-30", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(SsaOffer) discounted = NULL;
  /* Regular 1 642.78 → 32.86 off; subtotal 1 642.78 + 1 368.96 - 32.86 = 2 978.88;
   * VAT 744.72. */
  static const Totals totals = {
    "261.89", "1642.78", "1368.96", "32.86", "0.00", "0.00", "2978.88", "744.72", "3723.60",
  };
  /* 10 % of 2 978.88 = 297.888 → 297.89; net 2 680.99; VAT 670.2475 → 670.25. */
  static const Totals totals_discounted = {
    "261.89", "1642.78", "1368.96", "32.86", "297.89", "0.00", "2680.99", "670.25", "3351.24",
  };

  request.billing = SSA_BILLING_ANNUAL;
  offer = compute_ok (price_list, inventory, &request);
  if (offer != NULL)
    {
      assert_totals (offer, &totals);
      assert_decimal (offer->totals.subtotal, "2978.88");
    }

  request.discount_percent = 1000;
  discounted = compute_ok (price_list, inventory, &request);
  if (discounted != NULL)
    {
      assert_totals (discounted, &totals_discounted);
      assert_decimal (discounted->totals.subtotal, "2978.88");
    }
}

static void
test_discount_percent (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-12-31", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(SsaOffer) all = NULL;
  /* 12.5 % of 1 642.78 = 205.3475 → 205.35; net 1 437.43; VAT 359.3575 → 359.36. */
  static const Totals totals = {
    "142.85", "1642.78", "0.00", "0.00", "205.35", "0.00", "1437.43", "359.36", "1796.79",
  };
  static const Totals totals_all = {
    "142.85", "1642.78", "0.00", "0.00", "1642.78", "0.00", "0.00", "0.00", "0.00",
  };

  request.discount_percent = 1250;
  offer = compute_ok (price_list, inventory, &request);
  if (offer != NULL)
    assert_totals (offer, &totals);

  request.discount_percent = 10000;
  all = compute_ok (price_list, inventory, &request);
  if (all != NULL)
    assert_totals (all, &totals_all);
}

/* Labour is round (hours * rate), never discounted, and not part of the SSC. */
static void
test_labour_never_discounted (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-12-31", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(SsaOffer) all = NULL;
  g_autoptr(JsonNode) root = NULL;
  /* 10 % of 1 642.78 = 164.278 → 164.28; 2.5 h * 1 350.00 = 3 375.00;
   * net 1 642.78 - 164.28 + 3 375.00 = 4 853.50; VAT 1 213.375 → 1 213.38. */
  static const Totals totals = {
    "142.85", "1642.78", "0.00", "0.00", "164.28", "3375.00", "4853.50", "1213.38", "6066.88",
  };
  /* A discount of 100 % leaves the labour whole. */
  static const Totals totals_all = {
    "142.85", "1642.78", "0.00", "0.00", "1642.78", "3375.00", "3375.00", "843.75", "4218.75",
  };

  request.discount_percent = 1000;
  request.has_labour = TRUE;
  request.labour_hours = 250;
  request.labour_rate = 135000;
  offer = compute_ok (price_list, inventory, &request);
  if (offer != NULL)
    {
      assert_totals (offer, &totals);
      root = offer_json (offer);
      if (root != NULL)
        assert_json_totals (json_node_get_object (root), &totals);
    }

  request.discount_percent = 10000;
  all = compute_ok (price_list, inventory, &request);
  if (all != NULL)
    assert_totals (all, &totals_all);
}

/* Every covered line already covered: the offer is labour only. */
#define ALL_COVERED_LINES \
  "{ \"code\": \"02-00039-002\", \"quantity\": 20, \"covered_until\": \"2030-12-31\" }"

static SsaOffer *
labour_only (gint64 hours,
             gint64 rate)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2030-12-31", ALL_COVERED_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", "2026-11-28", NULL, 12);

  request.has_labour = TRUE;
  request.labour_hours = hours;
  request.labour_rate = rate;
  return compute_ok (price_list, inventory, &request);
}

static void
test_labour_rounding (void)
{
  g_autoptr(SsaOffer) offer = labour_only (133, 99999);
  g_autoptr(SsaOffer) half = labour_only (50, 1);
  /* 1.33 h * 999.99 = 1 329.9867 → 1 329.99; VAT 332.4975 → 332.50. */
  static const Totals totals = {
    "0.00", "0.00", "0.00", "0.00", "0.00", "1329.99", "1329.99", "332.50", "1662.49",
  };
  /* 0.5 h * 0.01 = 0.005 → 0.01; VAT 0.0025 → 0.00. */
  static const Totals totals_half = {
    "0.00", "0.00", "0.00", "0.00", "0.00", "0.01", "0.01", "0.00", "0.01",
  };

  if (offer != NULL)
    {
      assert_n_lines (offer, 1);
      assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_COVERED, NULL, NULL, 0, "0.00", "0.00");
      assert_totals (offer, &totals);
    }
  if (half != NULL)
    assert_totals (half, &totals_half);
}

/* VAT rounds half an øre up: 25 % of 0.02 is 0.005 → 0.01, of 0.06 is 0.015 → 0.02. */
static void
test_vat_half_ore (void)
{
  static const struct
  {
    gint64      rate;
    const char *vat;
    const char *total;
  } cases[] = {
    { 1, "0.00", "0.01" },      /* 0.0025 */
    { 2, "0.01", "0.03" },      /* 0.005 */
    { 3, "0.01", "0.04" },      /* 0.0075 */
    { 6, "0.02", "0.08" },      /* 0.015 */
    { 10, "0.03", "0.13" },     /* 0.025 */
    { 164278, "410.70", "2053.48" },  /* 410.695 */
    { 301174, "752.94", "3764.68" },  /* 752.935 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SsaOffer) offer = labour_only (100, cases[i].rate);

      if (offer == NULL)
        continue;
      assert_decimal (offer->totals.vat, cases[i].vat);
      assert_decimal (offer->totals.total, cases[i].total);
    }
}

/* ---- Overflow ---------------------------------------------------------------------- */

/* 1 NOK per SSC, so that SSC and amounts are equal. With 1 000 000 licences for 12
 * months the SSC (and amount) is 1 000 000 * ssc_per_year; the total is 1.25 times that,
 * so the largest SSC per year whose total fits in 2^63 - 1 hundredths is
 * floor ((2^63 - 1) / 1.25 / 1 000 000) hundredths = 73 786 976 294.83. */
#define BIG_PRODUCTS \
  "{ \"code\": \"BIG-FITS\", \"name\": \"Largest\", \"kind\": \"port\"," \
  "  \"list_price\": \"0\", \"ssc_per_year\": \"73786976294.83\" }," \
  "{ \"code\": \"BIG-TOTAL\", \"name\": \"Total too large\", \"kind\": \"port\"," \
  "  \"list_price\": \"0\", \"ssc_per_year\": \"73786976294.84\" }," \
  "{ \"code\": \"BIG-SSC\", \"name\": \"SSC too large\", \"kind\": \"port\"," \
  "  \"list_price\": \"0\", \"ssc_per_year\": \"92233720368.55\" }," \
  "{ \"code\": \"BIG-HALF\", \"name\": \"Half\", \"kind\": \"port\"," \
  "  \"list_price\": \"0\", \"ssc_per_year\": \"50000000000\" }," \
  "{ \"code\": \"02-00039-002\", \"name\": \"PBX-Port14\", \"kind\": \"port\"," \
  "  \"list_price\": \"450.00\", \"ssc_per_year\": \"6.75\" }"

static SsaPriceList *
big_price_list_new (const char *ssc_price)
{
  PriceListSpec spec = { .ssc_price = ssc_price, .products = BIG_PRODUCTS };

  return price_list_new (&spec);
}

static void
test_overflow_largest_fits (void)
{
  g_autoptr(SsaPriceList) price_list = big_price_list_new ("1");
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-12-31", "{ \"code\": \"BIG-FITS\", \"quantity\": 1000000 }");
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  /* 7 378 697 629 483 000 000 hundredths; VAT a quarter; total 9 223 372 036 853 750 000,
   * 1 025 807 hundredths below 2^63 - 1. */
  static const Totals totals = {
    "73786976294830000.00", "73786976294830000.00", "0.00", "0.00", "0.00", "0.00",
    "73786976294830000.00", "18446744073707500.00", "92233720368537500.00",
  };

  if (offer == NULL)
    return;
  assert_line (offer, 0, "BIG-FITS", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "73786976294830000.00", "73786976294830000.00");
  assert_totals (offer, &totals);
}

static void
assert_overflow (const SsaPriceList *price_list,
                 const SsaInventory *inventory,
                 const char         *expiry_label,
                 const char         *needle)
{
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autofree char *message = compute_refused (price_list, inventory, &request,
                                              SSA_ERROR_OVERFLOW);

  g_test_message ("%s", expiry_label);
  assert_contains (message, needle);
}

/* One hundredth of SSC per year more and the total does not fit. */
static void
test_overflow_total (void)
{
  g_autoptr(SsaPriceList) price_list = big_price_list_new ("1");
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-12-31", "{ \"code\": \"BIG-TOTAL\", \"quantity\": 1000000 }");
  /* Two lines that fit each, but not their sum. */
  g_autoptr(SsaInventory) two =
    appliance_new ("2026-12-31",
                   "{ \"code\": \"BIG-HALF\", \"quantity\": 1000000 },"
                   "{ \"code\": \"BIG-HALF\", \"quantity\": 1000000 }");

  assert_overflow (price_list, inventory, "VAT pushes the total over", "total");
  assert_overflow (price_list, two, "the sum of two lines", "total");
}

/* A segment whose SSC does not fit is an overflow naming the line. */
static void
test_overflow_segment_ssc (void)
{
  g_autoptr(SsaPriceList) price_list = big_price_list_new ("1");
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-12-31",
                   "{ \"code\": \"02-00039-002\", \"quantity\": 20 },"
                   "{ \"code\": \"BIG-SSC\", \"quantity\": 1000000 }");

  assert_overflow (price_list, inventory, "SSC", "licenses[1]");
  assert_overflow (price_list, inventory, "SSC", "BIG-SSC");
}

/* A segment whose SSC fits but whose amount does not (2 NOK per SSC). */
static void
test_overflow_segment_amount (void)
{
  g_autoptr(SsaPriceList) price_list = big_price_list_new ("2");
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-12-31", "{ \"code\": \"BIG-HALF\", \"quantity\": 1000000 }");

  assert_overflow (price_list, inventory, "amount", "licenses[0]");
  assert_overflow (price_list, inventory, "amount", "BIG-HALF");
}

/* The back-payment costs twice: its SSC does not fit where the regular one does. */
static void
test_overflow_backpay (void)
{
  g_autoptr(SsaPriceList) price_list = big_price_list_new ("1");
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2025-11-27",
                   "{ \"code\": \"02-00039-002\", \"quantity\": 1 },"
                   "{ \"code\": \"BIG-HALF\", \"quantity\": 1000000 }");

  assert_overflow (price_list, inventory, "back-payment", "licenses[1]");
}

/* ---- Warnings ---------------------------------------------------------------------- */

static SsaOffer *
offer_for_firmware (const SsaPriceList *price_list,
                    const char         *firmware,
                    const char         *today)
{
  g_autoptr(SsaInventory) inventory = inventory_new ("appliance", firmware, "2026-12-31",
                                                     EXAMPLE_LINES);
  SsaOfferRequest request = request_new (today, "2027-01-01", NULL, 12);

  return compute_ok (price_list, inventory, &request);
}

static char *
warning_codes (const SsaOffer *offer)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < offer->warnings->len; i++)
    {
      const SsaOfferWarning *warning = &g_array_index (offer->warnings, SsaOfferWarning, i);

      g_assert_nonnull (warning->message);
      if (warning->message != NULL)
        g_assert_cmpstr (warning->message, !=, "");
      if (codes->len > 0)
        g_string_append_c (codes, ',');
      g_string_append (codes, ssa_warning_code_to_string (warning->code));
    }
  return g_strdup (codes->str);
}

static void
test_warnings_none (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaOffer) offer = offer_for_firmware (price_list, "16r1 sr1", "2026-11-28");
  g_autoptr(SsaOffer) v14 = offer_for_firmware (price_list, "V14r2", "2026-11-28");

  if (offer != NULL)
    g_assert_cmpuint (offer->warnings->len, ==, 0);
  if (v14 != NULL)
    g_assert_cmpuint (v14->warnings->len, ==, 0);
}

/* Major version <= unsupported_through_major (6): unsupported since 2011-01-01. */
static void
test_warning_version_unsupported (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  static const char * const firmwares[] = { "6.00", "6", "V5", "4r2 sr1" };

  for (guint i = 0; i < G_N_ELEMENTS (firmwares); i++)
    {
      g_autoptr(SsaOffer) offer = offer_for_firmware (price_list, firmwares[i], "2026-11-28");

      g_test_message ("firmware %s", firmwares[i]);
      if (offer == NULL)
        continue;
      g_assert_true (ssa_offer_has_warning (offer, SSA_WARNING_VERSION_UNSUPPORTED));
      g_assert_false (ssa_offer_has_warning (offer, SSA_WARNING_BACKPAY));
      /* The offer is still made. */
      assert_decimal (offer->totals.total, "2053.48");
    }
}

/* Version 7 is not "6 and older". */
static void
test_warning_version_7_not_unsupported (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaOffer) offer = offer_for_firmware (price_list, "7.00", "2026-11-28");

  if (offer != NULL)
    g_assert_false (ssa_offer_has_warning (offer, SSA_WARNING_VERSION_UNSUPPORTED));
}

/* The limit comes from the price list's unsupported_through_major. */
static void
test_warning_unsupported_through_major (void)
{
  PriceListSpec spec = {
    .ssa = "{ \"unsupported_through_major\": 9 }",
    .versions = "{ \"version\": \"9\", \"released\": \"2026-01-01\" },"
                "{ \"version\": \"10\", \"released\": \"2026-01-01\" }",
  };
  g_autoptr(SsaPriceList) price_list = price_list_new (&spec);
  g_autoptr(SsaOffer) nine = offer_for_firmware (price_list, "9 hotfix 10", "2026-11-28");
  g_autoptr(SsaOffer) ten = offer_for_firmware (price_list, "10", "2026-11-28");

  if (nine != NULL)
    g_assert_true (ssa_offer_has_warning (nine, SSA_WARNING_VERSION_UNSUPPORTED));
  if (ten != NULL)
    g_assert_cmpuint (ten->warnings->len, ==, 0);
}

/* "6.00" is unsupported and, not being in the version table, of unknown support status as
 * well: each rule of docs/rules.md "Warnings" applies on its own (the sample firmware-6.json
 * expects both). */
static void
test_warning_unsupported_also_unknown (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaOffer) offer = offer_for_firmware (price_list, "6.00", "2026-11-28");

  if (offer == NULL)
    return;
  g_assert_true (ssa_offer_has_warning (offer, SSA_WARNING_VERSION_UNSUPPORTED));
  g_assert_true (ssa_offer_has_warning (offer, SSA_WARNING_VERSION_UNKNOWN));
}

/* Released before add_months (t, -12 * support_window_years): too old. */
static void
test_warning_version_too_old (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaOffer) offer = offer_for_firmware (price_list, "13r3 sr10", "2026-11-28");
  g_autofree char *codes = NULL;

  if (offer == NULL)
    return;
  codes = warning_codes (offer);
  g_assert_cmpstr (codes, ==, "version-too-old");
  assert_decimal (offer->totals.total, "2053.48");
}

/* The boundary: released on the limit day is not too old, the day before is. */
static void
test_warning_too_old_boundary (void)
{
  PriceListSpec spec = {
    .versions = "{ \"version\": \"15r1\", \"released\": \"2023-11-28\" },"
                "{ \"version\": \"15r2\", \"released\": \"2023-11-27\" },"
                "{ \"version\": \"15r3\", \"released\": \"2024-02-29\" }",
  };
  g_autoptr(SsaPriceList) price_list = price_list_new (&spec);
  g_autoptr(SsaOffer) on_limit = offer_for_firmware (price_list, "15r1 sr2", "2026-11-28");
  g_autoptr(SsaOffer) before = offer_for_firmware (price_list, "15r2", "2026-11-28");
  /* Today 2027-02-28: the limit add_months (2027-02-28, -36) is 2024-02-28. */
  g_autoptr(SsaOffer) leap = offer_for_firmware (price_list, "15r3", "2027-02-28");

  if (on_limit != NULL)
    g_assert_cmpuint (on_limit->warnings->len, ==, 0);
  if (before != NULL)
    g_assert_true (ssa_offer_has_warning (before, SSA_WARNING_VERSION_TOO_OLD));
  if (leap != NULL)
    g_assert_false (ssa_offer_has_warning (leap, SSA_WARNING_VERSION_TOO_OLD));
}

/* Not in the version table, not parseable, or not given: support status unknown. */
static void
test_warning_version_unknown (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  static const char * const firmwares[] = { "17r1", "14r1 hotfix 3", "13r2", "abc", "r2",
                                            NULL };

  for (guint i = 0; i < G_N_ELEMENTS (firmwares); i++)
    {
      g_autoptr(SsaInventory) inventory = inventory_new ("appliance", firmwares[i],
                                                         "2026-12-31", EXAMPLE_LINES);
      SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
      g_autoptr(SsaOffer) offer = NULL;
      g_autofree char *codes = NULL;

      g_test_message ("firmware %s", firmwares[i] != NULL ? firmwares[i] : "(none)");
      offer = compute_ok (price_list, inventory, &request);
      if (offer == NULL)
        continue;
      codes = warning_codes (offer);
      g_assert_cmpstr (codes, ==, "version-unknown");
      assert_decimal (offer->totals.total, "2053.48");
    }
}

static void
test_warning_backpay (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) lapsed = inventory_new ("appliance", "13r3 sr10", "2026-06-30",
                                                  EXAMPLE_LINES);
  g_autoptr(SsaInventory) in_time = appliance_new ("2026-12-31", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, lapsed, &request);
  g_autoptr(SsaOffer) none = compute_ok (price_list, in_time, &request);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *codes = NULL;
  g_autofree char *json_codes = NULL;

  if (offer != NULL)
    {
      codes = warning_codes (offer);
      /* The sample lapsed.json: version-too-old and backpay. */
      g_assert_true (ssa_offer_has_warning (offer, SSA_WARNING_BACKPAY));
      g_assert_true (ssa_offer_has_warning (offer, SSA_WARNING_VERSION_TOO_OLD));
      g_assert_cmpuint (offer->warnings->len, ==, 2);
      root = offer_json (offer);
      if (root != NULL)
        {
          json_codes = json_warning_codes (json_node_get_object (root));
          g_assert_cmpstr (json_codes, ==, codes);
        }
    }
  if (none != NULL)
    g_assert_false (ssa_offer_has_warning (none, SSA_WARNING_BACKPAY));
}

/* ---- Order and copies -------------------------------------------------------------- */

/* Lines come in inventory order, each line's back-payment before its regular segment. */
static void
test_line_order (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-06-30",
                   "{ \"code\": \"02-00039-002\", \"quantity\": 20 },"
                   "{ \"code\": \"90-00000-001\", \"quantity\": 1 },"
                   "{ \"code\": \"02-00039-101\", \"quantity\": 5 },"
                   "{ \"code\": \"01-00013-001\", \"quantity\": 1 },"
                   "{ \"code\": \"02-00039-002\", \"quantity\": 1,"
                   "  \"covered_until\": \"2027-12-31\" }");
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  static const guint indices[] = { 0, 0, 1, 2, 2, 3, 4 };

  if (offer == NULL)
    return;
  assert_n_lines (offer, 7);
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_BACKPAY, "2026-07-01", "2026-11-27", 5,
               "112.50", "1293.75");
  assert_line (offer, 1, "02-00039-002", SSA_SEGMENT_REGULAR, "2026-11-28", "2027-11-27", 12,
               "135.00", "1552.50");
  assert_line (offer, 2, "90-00000-001", SSA_SEGMENT_EXCLUDED, NULL, NULL, 0, "0.00", "0.00");
  assert_line (offer, 3, "02-00039-101", SSA_SEGMENT_BACKPAY, "2026-07-01", "2026-11-27", 5,
               "6.54", "75.21");
  assert_line (offer, 4, "02-00039-101", SSA_SEGMENT_REGULAR, "2026-11-28", "2027-11-27", 12,
               "7.85", "90.28");
  assert_line (offer, 5, "01-00013-001", SSA_SEGMENT_EXCLUDED, NULL, NULL, 0, "0.00", "0.00");
  assert_line (offer, 6, "02-00039-002", SSA_SEGMENT_COVERED, NULL, NULL, 0, "0.00", "0.00");
  for (guint i = 0; i < G_N_ELEMENTS (indices) && i < offer->lines->len; i++)
    g_assert_cmpuint (line_at (offer, i)->inventory_index, ==, indices[i]);
  assert_totals (offer, &example_2_totals);
}

/* ---- One line's rules, as the calculator and the inventory table read them --------- */

/* Resolves line @i of @inventory against @price_list and the installation's expiry. */
static SsaResolvedLine
resolve_at (const SsaPriceList *price_list,
            const SsaInventory *inventory,
            guint               i)
{
  SsaResolvedLine resolved = { 0 };

  g_date_clear (&resolved.coverage_end, 1);
  if (i >= inventory->lines->len)
    {
      g_test_fail_printf ("line %u of %u does not exist", i, inventory->lines->len);
      return resolved;
    }
  ssa_offer_resolve_line (price_list, &inventory->ssa_expiry,
                          &g_array_index (inventory->lines, SsaInventoryLine, i), &resolved);
  return resolved;
}

static void
assert_coverage_end (const SsaResolvedLine *resolved,
                     SsaCoverageEndSource   source,
                     const char            *end)
{
  g_assert_cmpint (resolved->coverage_end_source, ==, source);
  assert_optional_date (&resolved->coverage_end, end);
}

/* Checks what @resolved says of the product: @product_code NULL when the price list has none,
 * @kind -1 when the kind is unknown. */
static void
assert_resolved (const SsaResolvedLine *resolved,
                 const char            *product_code,
                 const char            *name,
                 int                    kind,
                 gboolean               refused)
{
  g_assert_cmpstr (resolved->product != NULL ? resolved->product->code : NULL, ==, product_code);
  g_assert_cmpstr (resolved->name, ==, name);
  g_assert_cmpint (resolved->has_kind, ==, kind >= 0);
  if (kind >= 0 && resolved->has_kind)
    g_assert_cmpint (resolved->kind, ==, kind);
  g_assert_cmpint (resolved->refused, ==, refused);
}

/* The coverage end is covered_until, else added_on - 1 day, else ssa_expiry, else none;
 * lines of kinds the SSA does not cover get one too. */
static void
test_resolve_coverage_end (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  static const char *lines =
    "{ \"code\": \"02-00039-002\", \"quantity\": 1, \"added_on\": \"2027-03-15\","
    "  \"covered_until\": \"2027-06-30\" },"
    "{ \"code\": \"02-00039-002\", \"quantity\": 1, \"added_on\": \"2027-03-01\" },"
    "{ \"code\": \"02-00039-002\", \"quantity\": 1 },"
    "{ \"code\": \"01-00013-001\", \"quantity\": 1, \"covered_until\": \"2027-01-31\" }";
  g_autoptr(SsaInventory) with_expiry = appliance_new ("2026-12-31", lines);
  g_autoptr(SsaInventory) without_expiry = appliance_new (NULL, lines);
  SsaResolvedLine resolved;

  resolved = resolve_at (price_list, with_expiry, 0);
  assert_coverage_end (&resolved, SSA_COVERAGE_END_COVERED_UNTIL, "2027-06-30");
  /* The day before 1 March 2027 is 28 February. */
  resolved = resolve_at (price_list, with_expiry, 1);
  assert_coverage_end (&resolved, SSA_COVERAGE_END_ADDED_ON, "2027-02-28");
  resolved = resolve_at (price_list, with_expiry, 2);
  assert_coverage_end (&resolved, SSA_COVERAGE_END_SSA_EXPIRY, "2026-12-31");
  resolved = resolve_at (price_list, with_expiry, 3);
  assert_coverage_end (&resolved, SSA_COVERAGE_END_COVERED_UNTIL, "2027-01-31");
  g_assert_false (ssa_kind_is_covered (resolved.kind));

  /* Without an SSA expiry, only the line's own dates give one. */
  resolved = resolve_at (price_list, without_expiry, 0);
  assert_coverage_end (&resolved, SSA_COVERAGE_END_COVERED_UNTIL, "2027-06-30");
  resolved = resolve_at (price_list, without_expiry, 1);
  assert_coverage_end (&resolved, SSA_COVERAGE_END_ADDED_ON, "2027-02-28");
  resolved = resolve_at (price_list, without_expiry, 2);
  assert_coverage_end (&resolved, SSA_COVERAGE_END_NONE, NULL);

  /* A NULL expiry is no expiry. */
  if (with_expiry->lines->len > 2)
    {
      ssa_offer_resolve_line (price_list, NULL,
                              &g_array_index (with_expiry->lines, SsaInventoryLine, 2),
                              &resolved);
      assert_coverage_end (&resolved, SSA_COVERAGE_END_NONE, NULL);
    }
}

/* A listed code takes the price list's product, name and kind, whatever the line says; an
 * unlisted line that calls itself third-party keeps its own name, else its code. */
static void
test_resolve_price_list_wins (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-12-31",
                   "{ \"code\": \"02-00039-002\", \"quantity\": 20, \"kind\": \"third_party\","
                   "  \"name\": \"Not really third party\" },"
                   "{ \"code\": \"99-00000-042\", \"quantity\": 1, \"kind\": \"third_party\","
                   "  \"name\": \"Havnevakt alarmintegrasjon\" },"
                   "{ \"code\": \"99-00000-043\", \"quantity\": 1, \"kind\": \"third_party\" }");
  SsaResolvedLine resolved;

  resolved = resolve_at (price_list, inventory, 0);
  g_assert_true (resolved.product == ssa_price_list_lookup (price_list, "02-00039-002"));
  assert_resolved (&resolved, "02-00039-002", "PBX-Port14", SSA_KIND_PORT, FALSE);
  resolved = resolve_at (price_list, inventory, 1);
  assert_resolved (&resolved, NULL, "Havnevakt alarmintegrasjon", SSA_KIND_THIRD_PARTY, FALSE);
  resolved = resolve_at (price_list, inventory, 2);
  assert_resolved (&resolved, NULL, "99-00000-043", SSA_KIND_THIRD_PARTY, FALSE);
}

/* A line missing from the price list is refused unless it says third_party; it keeps the
 * kind it says, if any. Without a price list, nothing is refused. */
static void
test_resolve_not_in_price_list (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory =
    appliance_new ("2026-12-31",
                   "{ \"code\": \"99-99999-999\", \"quantity\": 1 },"
                   "{ \"code\": \"99-99999-998\", \"quantity\": 1, \"kind\": \"hardware\","
                   "  \"name\": \"Some box\" }");
  SsaResolvedLine resolved;

  resolved = resolve_at (price_list, inventory, 0);
  assert_resolved (&resolved, NULL, "99-99999-999", -1, TRUE);
  /* The coverage end is still worked out: the table shows it. */
  assert_coverage_end (&resolved, SSA_COVERAGE_END_SSA_EXPIRY, "2026-12-31");
  resolved = resolve_at (price_list, inventory, 1);
  assert_resolved (&resolved, NULL, "Some box", SSA_KIND_HARDWARE, TRUE);

  resolved = resolve_at (NULL, inventory, 0);
  assert_resolved (&resolved, NULL, "99-99999-999", -1, FALSE);
  assert_coverage_end (&resolved, SSA_COVERAGE_END_SSA_EXPIRY, "2026-12-31");
}

/* A copy is equal and independent; computing does not change the inputs. */
static void
test_copy_and_purity (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-06-30", EXAMPLE_LINES);
  g_autofree char *inventory_before = ssa_inventory_to_json (inventory);
  g_autofree char *inventory_after = NULL;
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  g_autoptr(SsaOffer) again = compute_ok (price_list, inventory, &request);
  g_autoptr(SsaOffer) copy = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  g_autofree char *json_copy = NULL;

  if (offer == NULL || again == NULL)
    return;
  copy = ssa_offer_copy (offer);
  json = ssa_offer_to_json (offer);
  json_again = ssa_offer_to_json (again);
  g_clear_pointer (&offer, ssa_offer_free);
  json_copy = ssa_offer_to_json (copy);

  g_assert_cmpstr (json, ==, json_again);
  g_assert_cmpstr (json, ==, json_copy);
  inventory_after = ssa_inventory_to_json (inventory);
  g_assert_cmpstr (inventory_before, ==, inventory_after);
}

/* The offer reader refuses a key given twice, naming its path: a document that says two
 * totals, or two amounts for one line, is not read as the last. */
static void
test_json_duplicate_key (void)
{
  g_autoptr(SsaPriceList) price_list = price_list_new (NULL);
  g_autoptr(SsaInventory) inventory = appliance_new ("2026-06-30", EXAMPLE_LINES);
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 0);
  g_autoptr(SsaOffer) offer = compute_ok (price_list, inventory, &request);
  g_autoptr(SsaOffer) read_back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *two_totals = NULL;
  g_autofree char *two_amounts = NULL;

  if (offer == NULL)
    return;
  json = ssa_offer_to_json (offer);
  read_back = ssa_offer_new_from_json (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_nonnull (read_back);
  g_clear_pointer (&read_back, ssa_offer_free);

  two_totals = test_replace_once (json, "\"net\"", "\"net\": \"0.00\", \"n\\u0065t\"");
  read_back = ssa_offer_new_from_json (two_totals, strlen (two_totals), &error);
  g_assert_null (read_back);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_DUPLICATE_KEY);
  g_assert_true (g_str_has_prefix (error->message, "offer: totals.net: "));
  g_clear_error (&error);

  two_amounts = test_replace_once (json, "\"amount\"", "\"amount\": \"0.01\", \"amount\"");
  read_back = ssa_offer_new_from_json (two_amounts, strlen (two_amounts), &error);
  g_assert_null (read_back);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_DUPLICATE_KEY);
  g_assert_true (g_str_has_prefix (error->message, "offer: lines[0].amount: "));
}

/* True-up (docs/rules.md, "True-up"): a PBX reading that uses 23 ports where 20 are owned
 * makes a group of its own with 3 new ports at the list price and their SSA from the
 * offer's start; the SSA group is example 1 unchanged. Worked out by hand:
 * licences 3 x 450.00 = 1 350.00; their SSA 3 x 6.75 = 20.25 SSC x 11.50 = 232.875 → 232.88;
 * regular 1 642.78 + 232.88 = 1 875.66; subtotal 1 875.66 + 1 350.00 = 3 225.66;
 * VAT 806.415 → 806.42; total 4 032.08. */

#define TRUE_UP_PRODUCTS \
  "{ \"code\": \"02-00039-002\", \"name\": \"PBX-Port14\", \"kind\": \"port\"," \
  "  \"list_price\": \"450.00\", \"ssc_per_year\": \"6.75\"," \
  "  \"licence_types\": [ \"PBX-Port14\", \"Port14\" ] }," \
  "{ \"code\": \"02-00039-101\", \"name\": \"PBX-Voicemail14\", \"kind\": \"voicemail\"," \
  "  \"list_price\": \"120.00\", \"licence_types\": [ \"PBX-Voicemail14\" ] }," \
  "{ \"code\": \"90-00000-001\", \"name\": \"SamWin switchboard\", \"kind\": \"third_party\"," \
  "  \"list_price\": \"8900.00\" }"

static const char true_up_reading[] =
  "<info><lic name=\"Port\" count=\"20\" used=\"23\"/>"
  "<lic name=\"Voicemail\" count=\"5\" used=\"4\"/>"
  "<lic name=\"Unmapped\" count=\"1\" used=\"9\"/>"
  "<info version=\"14r2 sr3\"/></info>";

static void
test_true_up (void)
{
  const PriceListSpec spec = { .products = TRUE_UP_PRODUCTS };
  g_autoptr(SsaPriceList) price_list = price_list_new (&spec);
  g_autoptr(SsaInventory) inventory = inventory_new ("appliance", "14r2", "2026-12-31",
                                                     EXAMPLE_LINES);
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;
  g_autoptr(GArray) usage = NULL;
  g_autoptr(GArray) items = NULL;
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(SsaOffer) without = NULL;
  g_autoptr(SsaOffer) read_back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  SsaOfferRequest request = request_new ("2026-11-28", NULL, NULL, 12);
  const Totals totals = {
    "163.10", "1875.66", "0.00", "0.00", "0.00", "0.00", "3225.66", "806.42", "4032.08",
  };
  const SsaOfferLine *licence;

  reading = ssa_pbx_reading_new_from_data (true_up_reading, strlen (true_up_reading),
                                           "reading", &error);
  g_assert_no_error (error);
  usage = ssa_licence_usage_compute (reading, inventory, price_list, NULL);
  items = ssa_licence_usage_true_up (usage);
  /* Only the ports are missing: voicemail is under-used, the unknown type has no article. */
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpstr (g_array_index (items, SsaTrueUpItem, 0).code, ==, "02-00039-002");
  g_assert_cmpint (g_array_index (items, SsaTrueUpItem, 0).quantity, ==, 3);

  /* Opt-in: without it the offer is example 1, with no group of its own. */
  request.true_up_items = items;
  without = compute_ok (price_list, inventory, &request);
  check_example_1 (without);
  g_assert_false (ssa_offer_has_true_up (without));

  request.true_up = TRUE;
  offer = compute_ok (price_list, inventory, &request);
  g_assert_true (ssa_offer_has_true_up (offer));
  assert_n_lines (offer, 4);
  assert_line (offer, 0, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "135.00", "1552.50");
  assert_line (offer, 1, "02-00039-101", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "7.85", "90.28");
  assert_line (offer, 2, "02-00039-002", SSA_SEGMENT_LICENCE, NULL, NULL, 0, "0.00",
               "1350.00");
  assert_line (offer, 3, "02-00039-002", SSA_SEGMENT_REGULAR, "2027-01-01", "2027-12-31", 12,
               "20.25", "232.88");
  g_assert_cmpint (line_at (offer, 0)->group, ==, SSA_LINE_GROUP_SSA);
  g_assert_cmpint (line_at (offer, 1)->group, ==, SSA_LINE_GROUP_SSA);
  licence = line_at (offer, 2);
  g_assert_cmpint (licence->group, ==, SSA_LINE_GROUP_TRUE_UP);
  g_assert_cmpint (licence->quantity, ==, 3);
  assert_decimal (licence->unit_price, "450.00");
  g_assert_cmpuint (licence->inventory_index, ==, SSA_OFFER_NO_INVENTORY_LINE);
  g_assert_cmpint (line_at (offer, 3)->group, ==, SSA_LINE_GROUP_TRUE_UP);
  assert_totals (offer, &totals);
  assert_decimal (offer->totals.licences, "1350.00");
  assert_decimal (offer->group_totals[SSA_LINE_GROUP_SSA], "1642.78");
  assert_decimal (offer->group_totals[SSA_LINE_GROUP_TRUE_UP], "1582.88");

  /* Written with the group and read back the same; the SSA lines have no "group". */
  json = ssa_offer_to_json (offer);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  {
    JsonObject *root = json_node_get_object (json_parser_get_root (parser));
    JsonArray *lines = json_object_get_array_member (root, "lines");
    JsonObject *t = json_object_get_object_member (root, "totals");
    JsonObject *g = json_object_get_object_member (root, "group_totals");

    g_assert_false (json_object_has_member (json_array_get_object_element (lines, 0), "group"));
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 2),
                                                    "group"), ==, "true_up");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 2),
                                                    "segment"), ==, "licence");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (lines, 2),
                                                    "unit_price"), ==, "450.00");
    g_assert_cmpstr (json_object_get_string_member (t, "licences"), ==, "1350.00");
    g_assert_cmpstr (json_object_get_string_member (g, "ssa"), ==, "1642.78");
    g_assert_cmpstr (json_object_get_string_member (g, "true_up"), ==, "1582.88");
  }
  read_back = ssa_offer_new_from_json (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_nonnull (read_back);
  assert_totals (read_back, &totals);
  assert_decimal (read_back->group_totals[SSA_LINE_GROUP_TRUE_UP], "1582.88");
  g_assert_cmpint (line_at (read_back, 2)->group, ==, SSA_LINE_GROUP_TRUE_UP);
  g_assert_cmpuint (line_at (read_back, 1)->inventory_index, ==, 1);
  json_again = ssa_offer_to_json (read_back);
  g_assert_cmpstr (json_again, ==, json);

  /* An article the price list lacks is refused, naming it. */
  {
    g_autoptr(GArray) bad = ssa_true_up_items_new ();
    SsaTrueUpItem item = { g_strdup ("99-99999-999"), 2 };
    g_autofree char *message = NULL;

    g_array_append_val (bad, item);
    request.true_up_items = bad;
    message = compute_refused (price_list, inventory, &request, SSA_ERROR_INVALID);
    g_assert_nonnull (strstr (message, "true-up 99-99999-999"));
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* A failed check marks its test failed and the other tests still run. */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/offer/example/1-renewal-in-time", test_example_1);
  g_test_add_func ("/offer/example/1-variants", test_example_1_variants);
  g_test_add_func ("/offer/example/1-json", test_example_1_json);
  g_test_add_func ("/offer/example/2-lapsed", test_example_2);
  g_test_add_func ("/offer/example/2-json", test_example_2_json);
  g_test_add_func ("/offer/co-term/example-3", test_co_term_example_3);
  g_test_add_func ("/offer/co-term/equals-end", test_co_term_equals_end);
  g_test_add_func ("/offer/co-term/only-new-lines", test_co_term_charges_only_new_lines);
  g_test_add_func ("/offer/co-term/refused", test_co_term_refused);
  g_test_add_func ("/offer/co-term/wanted", test_co_term_wanted);
  g_test_add_func ("/offer/alternatives/equal-separate-offers",
                   test_alternatives_equal_separate_offers);
  g_test_add_func ("/offer/alternatives/read-back", test_alternatives_read_back);
  g_test_add_func ("/offer/alternatives/old-form", test_alternatives_old_form);
  g_test_add_func ("/offer/alternatives/bad-spec", test_alternatives_bad_spec);
  g_test_add_func ("/offer/example/3-co-terming", test_example_3);
  g_test_add_func ("/offer/example/3-json", test_example_3_json);

  g_test_add_func ("/offer/start/default-earliest-covered-line",
                   test_default_start_earliest_covered);
  g_test_add_func ("/offer/start/default-today", test_default_start_today);
  g_test_add_func ("/offer/start/default-today-local-date", test_default_today);
  g_test_add_func ("/offer/end/months-from-requested-start", test_months_from_requested_start);
  g_test_add_func ("/offer/end/default-from-requested-start",
                   test_default_end_from_requested_start);
  g_test_add_func ("/offer/start/future-start-lapsed", test_future_start_lapsed);

  g_test_add_func ("/offer/segment/backpay-one-day", test_backpay_one_day);
  g_test_add_func ("/offer/segment/no-backpay-covered-through-yesterday",
                   test_no_backpay_when_covered_through_yesterday);
  g_test_add_func ("/offer/segment/covered", test_covered_lines);
  g_test_add_func ("/offer/segment/coverage-end-precedence", test_coverage_end_precedence);
  g_test_add_func ("/offer/segment/added-on-in-the-past", test_added_on_in_the_past);

  g_test_add_func ("/offer/excluded/lines", test_excluded_lines);
  g_test_add_func ("/offer/excluded/json", test_excluded_json);
  g_test_add_func ("/offer/excluded/price-list-kind-wins", test_price_list_kind_wins);
  g_test_add_func ("/offer/excluded/no-coverage-end-needed",
                   test_excluded_without_coverage_end);
  g_test_add_func ("/offer/error/not-in-price-list", test_error_not_in_price_list);
  g_test_add_func ("/offer/error/no-coverage-end", test_error_no_coverage_end);
  g_test_add_func ("/offer/error/all-lines", test_error_all_lines);

  g_test_add_func ("/offer/refused/deployment", test_refused_deployment);
  g_test_add_func ("/offer/refused/end-before-start", test_refused_end_before_start);
  g_test_add_func ("/offer/refused/period-ended", test_refused_period_ended);
  g_test_add_func ("/offer/refused/request", test_refused_request);
  g_test_add_func ("/offer/period/ends-today", test_period_ends_today);
  g_test_add_func ("/offer/period/120-months", test_period_120_months);
  g_test_add_func ("/offer/period/long-past-start-end-date",
                   test_period_long_past_start_end_date);
  g_test_add_func ("/offer/period/months-over-120-from-past-start",
                   test_period_months_over_120_from_past_start);

  g_test_add_func ("/offer/totals/billing-discounts", test_billing_discounts);
  g_test_add_func ("/offer/totals/billing-missing-plan", test_billing_missing_plan);
  g_test_add_func ("/offer/totals/billing-regular-only", test_billing_regular_only);
  g_test_add_func ("/offer/totals/discount-percent", test_discount_percent);
  g_test_add_func ("/offer/totals/labour-never-discounted", test_labour_never_discounted);
  g_test_add_func ("/offer/totals/labour-rounding", test_labour_rounding);
  g_test_add_func ("/offer/totals/vat-half-ore", test_vat_half_ore);

  g_test_add_func ("/offer/overflow/largest-fits", test_overflow_largest_fits);
  g_test_add_func ("/offer/overflow/total", test_overflow_total);
  g_test_add_func ("/offer/overflow/segment-ssc", test_overflow_segment_ssc);
  g_test_add_func ("/offer/overflow/segment-amount", test_overflow_segment_amount);
  g_test_add_func ("/offer/overflow/backpay", test_overflow_backpay);

  g_test_add_func ("/offer/warnings/none", test_warnings_none);
  g_test_add_func ("/offer/warnings/version-unsupported", test_warning_version_unsupported);
  g_test_add_func ("/offer/warnings/version-7-supported", test_warning_version_7_not_unsupported);
  g_test_add_func ("/offer/warnings/unsupported-through-major",
                   test_warning_unsupported_through_major);
  g_test_add_func ("/offer/warnings/unsupported-also-unknown",
                   test_warning_unsupported_also_unknown);
  g_test_add_func ("/offer/warnings/version-too-old", test_warning_version_too_old);
  g_test_add_func ("/offer/warnings/too-old-boundary", test_warning_too_old_boundary);
  g_test_add_func ("/offer/warnings/version-unknown", test_warning_version_unknown);
  g_test_add_func ("/offer/warnings/backpay", test_warning_backpay);

  g_test_add_func ("/offer/order/inventory-order", test_line_order);
  g_test_add_func ("/offer/copy-and-purity", test_copy_and_purity);
  g_test_add_func ("/offer/json/duplicate-key", test_json_duplicate_key);
  g_test_add_func ("/offer/json/long-backpay-reads-back", test_long_backpay_reads_back);
  g_test_add_func ("/offer/json/totals-overflow-refused", test_totals_overflow_refused);

  g_test_add_func ("/offer/true-up", test_true_up);
  g_test_add_func ("/offer/resolve-line/coverage-end", test_resolve_coverage_end);
  g_test_add_func ("/offer/resolve-line/price-list-wins", test_resolve_price_list_wins);
  g_test_add_func ("/offer/resolve-line/not-in-price-list", test_resolve_not_in_price_list);

  return g_test_run ();
}
