/* test-diff.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib.h>

#include "ssa-enums.h"
#include "ssa-price-change.h"
#include "ssa-price-list-diff.h"

/* What changed between two price lists: the plain result and the list model of rows. */

static const char old_document[] =
  "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"2026-06\", \"currency\": \"NOK\",\n"
  "  \"ssc_price\": \"11.00\",\n"
  "  \"products\": [\n"
  "  { \"code\": \"A-1\", \"name\": \"Port 13\", \"kind\": \"port\", \"list_price\": \"400.00\",\n"
  "    \"ssc_per_year\": \"6.00\" },\n"
  "  { \"code\": \"A-2\", \"name\": \"Port 14\", \"kind\": \"port\", \"list_price\": \"450.00\",\n"
  "    \"ssc_per_year\": \"6.75\" },\n"
  "  { \"code\": \"A-3\", \"name\": \"Voicemail\", \"kind\": \"voicemail\",\n"
  "    \"list_price\": \"120.00\", \"ssc_per_year\": \"1.80\" },\n"
  "  { \"code\": \"A-4\", \"name\": \"Switchboard\", \"kind\": \"switchboard\",\n"
  "    \"list_price\": \"300.00\", \"ssc_per_year\": \"4.50\" },\n"
  "  { \"code\": \"A-5\", \"name\": \"Unchanged\", \"kind\": \"app\", \"list_price\": \"10.00\",\n"
  "    \"ssc_per_year\": \"0.15\" }\n"
  "  ] }\n";

/* A-1 removed; A-2 list price up; A-3 SSC per year up; A-4 kind and name changed; A-5 the
 * same; A-6 added; one SSC costs more. */
static const char new_document[] =
  "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"2026-12\", \"currency\": \"NOK\",\n"
  "  \"ssc_price\": \"11.50\",\n"
  "  \"products\": [\n"
  "  { \"code\": \"A-6\", \"name\": \"Port 15\", \"kind\": \"port\", \"list_price\": \"500.00\",\n"
  "    \"ssc_per_year\": \"7.50\" },\n"
  "  { \"code\": \"A-2\", \"name\": \"Port 14\", \"kind\": \"port\", \"list_price\": \"470.00\",\n"
  "    \"ssc_per_year\": \"6.75\" },\n"
  "  { \"code\": \"A-3\", \"name\": \"Voicemail\", \"kind\": \"voicemail\",\n"
  "    \"list_price\": \"120.00\", \"ssc_per_year\": \"2.00\" },\n"
  "  { \"code\": \"A-4\", \"name\": \"Operator\", \"kind\": \"app\",\n"
  "    \"list_price\": \"300.00\", \"ssc_per_year\": \"4.50\" },\n"
  "  { \"code\": \"A-5\", \"name\": \"Unchanged\", \"kind\": \"app\", \"list_price\": \"10.00\",\n"
  "    \"ssc_per_year\": \"0.15\" }\n"
  "  ] }\n";

static SsaPriceList *
parse (const char *document)
{
  g_autoptr(GError) error = NULL;
  SsaPriceList *list;

  list = ssa_price_list_new_from_data (document, strlen (document), "test", &error);
  g_assert_no_error (error);
  return list;
}

static void
assert_change (const SsaPriceListDiff *diff,
               guint                   index,
               SsaPriceChangeKind      kind,
               const char             *code,
               gint64                  old_value,
               gint64                  new_value)
{
  const SsaPriceListChange *change;

  g_assert_cmpuint (index, <, diff->changes->len);
  change = &g_array_index (diff->changes, SsaPriceListChange, index);
  g_assert_cmpint (change->kind, ==, kind);
  g_assert_cmpstr (change->code, ==, code);
  g_assert_cmpint (change->old_value, ==, old_value);
  g_assert_cmpint (change->new_value, ==, new_value);
}

static void
test_same (void)
{
  g_autoptr(SsaPriceList) a = parse (old_document);
  g_autoptr(SsaPriceList) b = parse (old_document);
  g_autoptr(SsaPriceListDiff) diff = ssa_price_list_diff_new (a, b);
  g_autoptr(GListModel) model = ssa_price_list_diff_list_changes (diff, SSA_LANG_EN);

  g_assert_cmpuint (diff->changes->len, ==, 0);
  g_assert_cmpuint (diff->n_added, ==, 0);
  g_assert_cmpuint (diff->n_removed, ==, 0);
  g_assert_cmpuint (diff->n_changed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_true (g_list_model_get_item_type (model) == SSA_TYPE_PRICE_CHANGE);
}

static void
test_changes (void)
{
  g_autoptr(SsaPriceList) a = parse (old_document);
  g_autoptr(SsaPriceList) b = parse (new_document);
  g_autoptr(SsaPriceListDiff) diff = ssa_price_list_diff_new (a, b);
  const SsaPriceListChange *name_change;

  g_assert_cmpstr (diff->old_id, ==, "2026-06");
  g_assert_cmpstr (diff->new_id, ==, "2026-12");
  g_assert_cmpuint (diff->n_added, ==, 1);
  g_assert_cmpuint (diff->n_removed, ==, 1);
  g_assert_cmpuint (diff->n_changed, ==, 3);
  g_assert_cmpuint (diff->changes->len, ==, 7);

  /* The SSC price, then the new list in its order, then what was removed. */
  assert_change (diff, 0, SSA_PRICE_CHANGE_SSC_PRICE, NULL, 1100, 1150);
  assert_change (diff, 1, SSA_PRICE_CHANGE_ADDED, "A-6", 0, 50000);
  assert_change (diff, 2, SSA_PRICE_CHANGE_LIST_PRICE, "A-2", 45000, 47000);
  assert_change (diff, 3, SSA_PRICE_CHANGE_SSC_PER_YEAR, "A-3", 180, 200);
  assert_change (diff, 4, SSA_PRICE_CHANGE_KIND, "A-4", SSA_KIND_SWITCHBOARD, SSA_KIND_APP);
  assert_change (diff, 5, SSA_PRICE_CHANGE_NAME, "A-4", 0, 0);
  assert_change (diff, 6, SSA_PRICE_CHANGE_REMOVED, "A-1", 40000, 0);

  name_change = &g_array_index (diff->changes, SsaPriceListChange, 5);
  g_assert_cmpstr (name_change->old_text, ==, "Switchboard");
  g_assert_cmpstr (name_change->new_text, ==, "Operator");
  g_assert_cmpstr (name_change->name, ==, "Operator");
  g_assert_cmpstr (g_array_index (diff->changes, SsaPriceListChange, 6).name, ==, "Port 13");
}

/* Without ssc_per_year the rules derive it from the list price: a new list price changes
 * both, and the diff says so. */
static void
test_derived_ssc (void)
{
  const char *old_text =
    "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"x\", \"currency\": \"NOK\","
    "  \"ssc_price\": \"10\", \"products\": ["
    "    { \"code\": \"D\", \"name\": \"d\", \"kind\": \"port\", \"list_price\": \"100\" } ] }";
  const char *new_text =
    "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"y\", \"currency\": \"NOK\","
    "  \"ssc_price\": \"10\", \"products\": ["
    "    { \"code\": \"D\", \"name\": \"d\", \"kind\": \"port\", \"list_price\": \"200\" } ] }";
  g_autoptr(SsaPriceList) a = parse (old_text);
  g_autoptr(SsaPriceList) b = parse (new_text);
  g_autoptr(SsaPriceListDiff) diff = ssa_price_list_diff_new (a, b);

  g_assert_cmpuint (diff->changes->len, ==, 2);
  g_assert_cmpuint (diff->n_changed, ==, 1);
  assert_change (diff, 0, SSA_PRICE_CHANGE_LIST_PRICE, "D", 10000, 20000);
  assert_change (diff, 1, SSA_PRICE_CHANGE_SSC_PER_YEAR, "D",
                 ssa_price_list_lookup (a, "D")->ssc_per_year,
                 ssa_price_list_lookup (b, "D")->ssc_per_year);
  g_assert_cmpint (ssa_price_list_lookup (a, "D")->ssc_per_year, <,
                   ssa_price_list_lookup (b, "D")->ssc_per_year);
}

static void
test_model (void)
{
  g_autoptr(SsaPriceList) a = parse (old_document);
  g_autoptr(SsaPriceList) b = parse (new_document);
  g_autoptr(SsaPriceListDiff) diff = ssa_price_list_diff_new (a, b);
  g_autoptr(GListModel) model = ssa_price_list_diff_list_changes (diff, SSA_LANG_EN);
  struct {
    SsaPriceChangeKind kind;
    const char *code;
    const char *label;
    gboolean has_old;
    gboolean has_new;
    const char *old_text;
    const char *new_text;
  } expected[] = {
    { SSA_PRICE_CHANGE_SSC_PRICE, NULL, "Price of 1 SSC", TRUE, TRUE, "NOK 11.00", "NOK 11.50" },
    { SSA_PRICE_CHANGE_ADDED, "A-6", "Added", FALSE, TRUE, "", "NOK 500.00" },
    { SSA_PRICE_CHANGE_LIST_PRICE, "A-2", "List price", TRUE, TRUE, "NOK 450.00", "NOK 470.00" },
    { SSA_PRICE_CHANGE_SSC_PER_YEAR, "A-3", "SSC per year", TRUE, TRUE, "1.80 SSC", "2.00 SSC" },
    { SSA_PRICE_CHANGE_KIND, "A-4", "Kind", TRUE, TRUE, "Switchboard", "App" },
    { SSA_PRICE_CHANGE_NAME, "A-4", "Name", TRUE, TRUE, "Switchboard", "Operator" },
    { SSA_PRICE_CHANGE_REMOVED, "A-1", "Removed", TRUE, FALSE, "NOK 400.00", "" },
  };

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(SsaPriceChange) change = g_list_model_get_item (model, i);
      g_autofree char *code = NULL;
      g_autofree char *label = NULL;
      g_autofree char *old_text = NULL;
      g_autofree char *new_text = NULL;
      SsaPriceChangeKind kind;
      gboolean has_old;
      gboolean has_new;
      gint64 old_value;
      gint64 new_value;

      /* Through properties, as GtkExpressions read them. */
      g_object_get (change, "kind", &kind, "code", &code, "label", &label, "has-old", &has_old,
                    "has-new", &has_new, "old-text", &old_text, "new-text", &new_text,
                    "old-value", &old_value, "new-value", &new_value, NULL);
      g_assert_cmpint (kind, ==, expected[i].kind);
      g_assert_cmpstr (code, ==, expected[i].code);
      g_assert_cmpstr (label, ==, expected[i].label);
      g_assert_cmpint (has_old, ==, expected[i].has_old);
      g_assert_cmpint (has_new, ==, expected[i].has_new);
      g_assert_cmpstr (old_text, ==, expected[i].old_text);
      g_assert_cmpstr (new_text, ==, expected[i].new_text);
      g_assert_cmpint (old_value, ==, ssa_price_change_get_old_value (change));
      g_assert_cmpint (new_value, ==, ssa_price_change_get_new_value (change));
      g_assert_cmpstr (ssa_price_change_get_code (change), ==, expected[i].code);
    }
}

static void
test_model_bokmal (void)
{
  g_autoptr(SsaPriceList) a = parse (old_document);
  g_autoptr(SsaPriceList) b = parse (new_document);
  g_autoptr(SsaPriceListDiff) diff = ssa_price_list_diff_new (a, b);
  g_autoptr(GListModel) model = ssa_price_list_diff_list_changes (diff, SSA_LANG_NB);
  g_autoptr(SsaPriceChange) price = g_list_model_get_item (model, 2);
  g_autoptr(SsaPriceChange) ssc = g_list_model_get_item (model, 3);

  /* Norwegian amounts: decimal comma, "kr" after the number. */
  g_assert_cmpstr (ssa_price_change_get_old_text (price), ==, "450,00 kr");
  g_assert_cmpstr (ssa_price_change_get_new_text (price), ==, "470,00 kr");
  g_assert_cmpstr (ssa_price_change_get_old_text (ssc), ==, "1,80 SSC");
}

static void
test_enum_type (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (SSA_TYPE_PRICE_CHANGE_KIND);

  g_assert_cmpstr (g_enum_get_value (klass, SSA_PRICE_CHANGE_SSC_PER_YEAR)->value_nick, ==,
                   "ssc-per-year");
  g_assert_cmpuint (klass->n_values, ==, 7);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/same", test_same);
  g_test_add_func ("/diff/changes", test_changes);
  g_test_add_func ("/diff/derived-ssc", test_derived_ssc);
  g_test_add_func ("/diff/model", test_model);
  g_test_add_func ("/diff/model-bokmal", test_model_bokmal);
  g_test_add_func ("/diff/enum-type", test_enum_type);

  return g_test_run ();
}
