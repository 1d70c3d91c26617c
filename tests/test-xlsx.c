/* test-xlsx.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <json-glib/json-glib.h>

#include "ssa-offer-xlsx.h"
#include "test-docs.h"

/* The workbook, read back with openpyxl (tests/xlsx-check.py) for its formulas, formats and
 * strings, and recomputed by LibreOffice headless (tests/lo-recalc.sh): for generated
 * offers every value LibreOffice computes equals the engine's to the øre. The LibreOffice
 * test is its own meson test ("xlsx-libreoffice"); it exits 77 (skipped) when soffice is
 * not installed. */

#define PYTHON "/usr/bin/python3"

static gboolean
have_python (void)
{
  const char *argv[] = { PYTHON, "-c", "import openpyxl", NULL };
  g_autofree char *out = NULL;
  int status;

  if (!g_file_test (PYTHON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip (PYTHON " is not installed");
      return FALSE;
    }
  out = test_docs_run (argv, &status, NULL);
  if (status != 0)
    {
      g_test_skip ("openpyxl is not installed for " PYTHON);
      return FALSE;
    }
  return TRUE;
}

static void
run_checker (const char * const *args)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "xlsx-check.py", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  const char * const *arg;

  g_ptr_array_add (argv, (gpointer) PYTHON);
  g_ptr_array_add (argv, script);
  for (arg = args; *arg != NULL; arg++)
    g_ptr_array_add (argv, (gpointer) *arg);
  g_ptr_array_add (argv, NULL);

  out = test_docs_run ((const char * const *) argv->pdata, &status, &err);
  if (out[0] != '\0')
    g_test_message ("%s", out);
  if (status != 0)
    g_error ("xlsx-check.py %s failed:\n%s", args[0], err);
}

static const char *
segment_name (SsaSegment segment)
{
  return ssa_segment_to_string (segment);
}

/* What xlsx-check.py static expects of a workbook, in parts: the sheets, formats and the
 * offer's header; */
static void
add_header_expected (JsonBuilder           *builder,
                     const SsaOffer        *offer,
                     const SsaDocumentInfo *info)
{
  g_autofree char *number = ssa_document_info_dup_number (info);
  g_autofree char *offer_text = NULL;
  g_autofree char *created = NULL;
  gboolean nb = info->lang == SSA_LANG_NB;
  GDate date;

  if (number != NULL)
    offer_text = g_strdup_printf (nb ? "Tilbud %s" : "Offer %s", number);
  else
    offer_text = g_strdup (nb ? "Utkast" : "Draft");
  ssa_document_info_get_created (info, offer, &date);
  created = ssa_date_to_iso (&date);

  json_builder_set_member_name (builder, "sheets");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, nb ? "Tilbud" : "Offer");
  json_builder_add_string_value (builder, nb ? "Lisenser" : "Licences");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "money_format");
  json_builder_add_string_value (builder, nb ? "#,##0.00 \"kr\"" : "\"NOK \"#,##0.00");
  json_builder_set_member_name (builder, "date_format");
  json_builder_add_string_value (builder, nb ? "dd.mm.yyyy" : "yyyy-mm-dd");
  json_builder_set_member_name (builder, "company");
  json_builder_add_string_value (builder, info->reseller.company_name);
  json_builder_set_member_name (builder, "offer_text");
  json_builder_add_string_value (builder, offer_text);
  json_builder_set_member_name (builder, "offer_text_title");
  json_builder_add_string_value (builder, number != NULL ? number : offer_text);
  json_builder_set_member_name (builder, "created");
  json_builder_add_string_value (builder, created);
}

/* the lines and the licence table; */
static void
add_lines_expected (JsonBuilder        *builder,
                    const SsaOffer     *offer,
                    const SsaInventory *inventory,
                    gboolean            nb)
{
  guint i;

  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (i = 0; i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, line->code);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, line->name);
      json_builder_set_member_name (builder, "segment");
      json_builder_add_string_value (builder, segment_name (line->segment));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "inventory");
  json_builder_begin_array (builder);
  for (i = 0; i < inventory->lines->len; i++)
    {
      const SsaInventoryLine *line = &g_array_index (inventory->lines, SsaInventoryLine, i);
      const SsaOfferLine *first = NULL;
      guint j;

      for (j = 0; j < offer->lines->len && first == NULL; j++)
        if (g_array_index (offer->lines, SsaOfferLine, j).inventory_index == i)
          first = &g_array_index (offer->lines, SsaOfferLine, j);
      g_assert_nonnull (first);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, line->code);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, first->name);
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_int_value (builder, line->quantity);
      json_builder_set_member_name (builder, "covered");
      json_builder_add_string_value (builder, ssa_kind_is_covered (first->kind)
                                              ? (nb ? "Ja" : "Yes") : (nb ? "Nei" : "No"));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* the seller and the customer, as the panel shows them, and what is never shown. */
static void
add_panel_expected (JsonBuilder           *builder,
                    const SsaOffer        *offer,
                    const SsaInventory    *inventory,
                    const SsaDocumentInfo *info)
{
  guint i;

  json_builder_set_member_name (builder, "panel");
  json_builder_begin_array (builder);
  {
    const char *values[] = {
      info->reseller.company_name, info->reseller.email, info->our_reference,
      inventory->customer.name, inventory->customer.contact, inventory->customer.email,
    };
    g_autofree char *seller_org_no = ssa_document_format_org_no (info->reseller.org_no,
                                                                 info->reseller.vat_registered);
    g_autofree char *customer_org_no = ssa_document_format_org_no (inventory->customer.org_no,
                                                                   FALSE);

    for (i = 0; i < G_N_ELEMENTS (values); i++)
      if (values[i] != NULL)
        json_builder_add_string_value (builder, values[i]);
    if (seller_org_no != NULL)
      json_builder_add_string_value (builder, seller_org_no);
    if (customer_org_no != NULL)
      json_builder_add_string_value (builder, customer_org_no);
    if (info->reseller.in_foretaksregisteret)
      json_builder_add_string_value (builder, "Foretaksregisteret");
  }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "never_shown");
  json_builder_begin_array (builder);
  /* The sample list's id (the formula-injection test names its products like its list). */
  if (offer->price_list_id != NULL && g_str_has_prefix (offer->price_list_id, "sample-"))
    json_builder_add_string_value (builder, offer->price_list_id);
  json_builder_end_array (builder);
}

static char *
write_expectations (const SsaOffer        *offer,
                    const SsaInventory    *inventory,
                    const SsaDocumentInfo *info,
                    const char            *dir,
                    const char * const    *strings,    /* sheet, cell, text triples */
                    const char * const    *never_in_formulas)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  char *path = g_build_filename (dir, "expect.json", NULL);
  guint i;

  json_builder_begin_object (builder);
  add_header_expected (builder, offer, info);

  json_builder_set_member_name (builder, "inputs");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "SSA_SscPrice");
  json_builder_add_double_value (builder, offer->ssc_price / 100.0);
  json_builder_set_member_name (builder, "SSA_VatPercent");
  json_builder_add_double_value (builder, offer->vat_percent / 100.0);
  json_builder_set_member_name (builder, "SSA_BackpayMultiplier");
  json_builder_add_double_value (builder, offer->backpay_multiplier / 100.0);
  json_builder_end_object (builder);

  add_lines_expected (builder, offer, inventory, info->lang == SSA_LANG_NB);

  json_builder_set_member_name (builder, "strings");
  json_builder_begin_array (builder);
  for (i = 0; strings != NULL && strings[i] != NULL; i += 3)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, atoi (strings[i]));
      json_builder_add_string_value (builder, strings[i + 1]);
      json_builder_add_string_value (builder, strings[i + 2]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);

  add_panel_expected (builder, offer, inventory, info);

  json_builder_set_member_name (builder, "never_in_formulas");
  json_builder_begin_array (builder);
  for (i = 0; never_in_formulas != NULL && never_in_formulas[i] != NULL; i++)
    json_builder_add_string_value (builder, never_in_formulas[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json = json_to_string (root, TRUE);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));
  return path;
}

static char *
write_xlsx (const SsaOffer        *offer,
            const SsaInventory    *inventory,
            const SsaDocumentInfo *info,
            const char            *dir,
            const char            *name)
{
  return test_docs_write (ssa_offer_xlsx_write, offer, inventory, info, dir, name);
}

static void
check_sample (const char *sample,
              SsaLang     lang,
              const char *artifact)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = test_docs_sample_offer (sample, "2026-11-28", &inventory);
  g_autoptr(SsaDocumentInfo) info = test_docs_numbered_info (lang);
  g_autofree char *dir = test_docs_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *expect = NULL;
  const char *strings[] = {
    "0", "A1", lang == SSA_LANG_NB ? "Tilbud på SSA (programvareavtale)"
                                   : "SSA offer (software service agreement)",
    "0", "B5", g_array_index (offer->lines, SsaOfferLine, 0).name,
    NULL,
  };

  if (!have_python ())
    return;

  path = write_xlsx (offer, inventory, info,
                     artifact != NULL ? g_test_get_dir (G_TEST_BUILT) : dir,
                     artifact != NULL ? artifact : "offer.xlsx");
  expect = write_expectations (offer, inventory, info, dir, strings, NULL);
  run_checker ((const char *[]) { "static", path, expect, NULL });
  test_remove_tree (dir);
}

static void
test_lapsed (void)
{
  check_sample ("lapsed", SSA_LANG_NB, "test-xlsx-lapsed.xlsx");
}

static void
test_english (void)
{
  check_sample ("lapsed", SSA_LANG_EN, NULL);
}

static void
test_co_terming (void)
{
  check_sample ("co-terming", SSA_LANG_NB, NULL);
}

static void
test_old_firmware (void)
{
  check_sample ("old-12r1", SSA_LANG_NB, NULL);
}

/* An offer with alternatives: a sheet per alternative, each a complete offer with live
 * formulas and names of its own, its totals the engine's. */

/* The lapsed sample, its name a formula, with a 10 % discount and two alternatives. */
static SsaOffer *
compute_alternatives (SsaInventory **out_inventory)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) price_list = ssa_samples_load_price_list (&error);
  g_autoptr(SsaInventory) inventory = NULL;
  SsaOfferRequest request;
  SsaOffer *offer;

  g_assert_no_error (error);
  inventory = ssa_samples_load_installation ("lapsed.json", &error);
  g_assert_no_error (error);
  /* User text that looks like a formula stays text on every sheet. */
  g_free (inventory->name);
  inventory->name = g_strdup ("=HYPERLINK(\"http://x\",\"y\")");
  ssa_offer_request_init (&request);
  request.today = test_date ("2026-11-28");
  request.discount_percent = 1000;
  g_assert_true (ssa_offer_alternative_parse ("months=36,billing=quarterly",
                                              &request.alternatives[0], NULL));
  g_assert_true (ssa_offer_alternative_parse ("end=2029-12-31", &request.alternatives[1], NULL));
  request.n_alternatives = 2;
  offer = ssa_offer_compute (price_list, inventory, &request, &error);
  g_assert_no_error (error);
  *out_inventory = g_steal_pointer (&inventory);
  return offer;
}

/* What xlsx-check.py alternatives expects of the workbook of @offer: the sheets, the
 * formula-like text kept as text, and each alternative's priced lines and totals. */
static char *
write_alternatives_expectations (const SsaOffer     *offer,
                                 const SsaInventory *inventory,
                                 const char         *dir)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  char *expect;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sheets");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "Alternativ 1");
  json_builder_add_string_value (builder, "Alternativ 2");
  json_builder_add_string_value (builder, "Alternativ 3");
  json_builder_add_string_value (builder, "Lisenser");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "texts");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, inventory->name);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "alternatives");
  json_builder_begin_array (builder);
  for (guint n = 1; n <= ssa_offer_get_n_alternatives (offer); n++)
    {
      const SsaOffer *alternative = ssa_offer_get_alternative (offer, n);
      const SsaOfferTotals *t = &alternative->totals;

      json_builder_begin_object (builder);
      /* The lines priced by formulas: the regular and back-paid ones. */
      json_builder_set_member_name (builder, "priced");
      json_builder_begin_array (builder);
      for (guint i = 0; i < alternative->lines->len; i++)
        {
          SsaSegment segment = g_array_index (alternative->lines, SsaOfferLine, i).segment;

          if (segment == SSA_SEGMENT_REGULAR || segment == SSA_SEGMENT_BACKPAY)
            json_builder_add_int_value (builder, i);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "totals");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "SSA_Net");
      json_builder_add_int_value (builder, t->net);
      json_builder_set_member_name (builder, "SSA_Vat");
      json_builder_add_int_value (builder, t->vat);
      json_builder_set_member_name (builder, "SSA_Total");
      json_builder_add_int_value (builder, t->total);
      json_builder_set_member_name (builder, "SSA_Discount");
      json_builder_add_int_value (builder, -t->discount);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, TRUE);
  expect = g_build_filename (dir, "alternatives.json", NULL);
  g_assert_true (g_file_set_contents (expect, json, -1, NULL));
  return expect;
}

static void
test_alternatives (void)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(SsaDocumentInfo) info = test_docs_numbered_info (SSA_LANG_NB);
  g_autofree char *dir = test_docs_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *expect = NULL;

  if (!have_python ())
    return;

  offer = compute_alternatives (&inventory);
  path = write_xlsx (offer, inventory, info, dir, "alternatives.xlsx");
  expect = write_alternatives_expectations (offer, inventory, dir);

  /* The alternatives differ, so that a sheet showing another's totals is caught. */
  g_assert_cmpint (ssa_offer_get_alternative (offer, 2)->totals.total, !=, offer->totals.total);
  run_checker ((const char *[]) { "alternatives", path, expect, NULL });
  test_remove_tree (dir);
}

/* Text from users, price lists and imports that a spreadsheet would take for a formula. */
static const char * const nasty[] = {
  "=HYPERLINK(\"http://x\",\"y\")",
  "+47 22 00 00 00",
  "-1",
  "@SUM(A1)",
  "\t=1+2",
  "\r=3+4",
  "=cmd|' /C calc'!A0",
};

/* A price list whose product name is a formula. */
static SsaPriceList *
nasty_price_list (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) price_list_json = g_string_new (NULL);
  g_autofree char *pl_name = NULL;
  SsaPriceList *price_list;

  pl_name = g_strescape (nasty[0], NULL);
  g_string_printf (price_list_json,
                   "{\"format\": \"ssa-desk-pricelist/1\", \"id\": \"@SUM(A1)\", "
                   "\"currency\": \"NOK\", \"ssc_price\": \"11.50\", \"products\": ["
                   "{\"code\": \"+47\", \"name\": \"%s\", \"kind\": \"port\", "
                   "\"list_price\": \"450.00\", \"ssc_per_year\": \"6.75\"}]}", pl_name);
  price_list = ssa_price_list_new_from_data (price_list_json->str, price_list_json->len, "nasty",
                                             &error);
  g_assert_no_error (error);
  return price_list;
}

/* An installation whose every text is a formula, with the price list's port and every
 * nasty text as a third-party item. */
static SsaInventory *
nasty_inventory (void)
{
  SsaInventory *inventory = ssa_inventory_new ();
  SsaInventoryLine line = { 0 };
  guint i;

  inventory->customer.name = g_strdup (nasty[1]);
  inventory->customer.org_no = g_strdup ("-1");
  inventory->name = g_strdup (nasty[2]);
  inventory->serial = g_strdup (nasty[3]);
  inventory->firmware = g_strdup (nasty[4]);
  inventory->ssa_expiry = test_date ("2026-06-30");
  g_date_clear (&line.added_on, 1);
  g_date_clear (&line.covered_until, 1);
  line.code = (char *) "+47";
  line.quantity = 3;
  ssa_inventory_add_line (inventory, &line);
  for (i = 0; i < G_N_ELEMENTS (nasty); i++)
    {
      g_autofree char *code = g_strdup_printf ("=A%u", i);

      line.code = code;
      line.quantity = 1;
      line.has_kind = TRUE;
      line.kind = SSA_KIND_THIRD_PARTY;
      line.name = (char *) nasty[i];
      ssa_inventory_add_line (inventory, &line);
    }
  return inventory;
}

/* The cells that must be strings: (sheet, cell, text) triples, NULL-terminated. Lines 5 and 6
 * (back-payment, regular) are the port; 7… the third-party items. */
static GPtrArray *
nasty_strings (void)
{
  GPtrArray *strings = g_ptr_array_new_with_free_func (g_free);
  guint i;

  g_ptr_array_add (strings, g_strdup ("0"));
  g_ptr_array_add (strings, g_strdup ("A5"));
  g_ptr_array_add (strings, g_strdup ("+47"));
  g_ptr_array_add (strings, g_strdup ("0"));
  g_ptr_array_add (strings, g_strdup ("B5"));
  g_ptr_array_add (strings, g_strdup (nasty[0]));
  for (i = 0; i < G_N_ELEMENTS (nasty); i++)
    {
      /* XML turns a carriage return into a newline: the text must still be a string. */
      if (nasty[i][0] == '\r')
        continue;
      g_ptr_array_add (strings, g_strdup ("0"));
      g_ptr_array_add (strings, g_strdup_printf ("B%u", 7 + i));
      g_ptr_array_add (strings, g_strdup (nasty[i]));
      g_ptr_array_add (strings, g_strdup ("0"));
      g_ptr_array_add (strings, g_strdup_printf ("A%u", 7 + i));
      g_ptr_array_add (strings, g_strdup_printf ("=A%u", i));
      g_ptr_array_add (strings, g_strdup ("1"));
      g_ptr_array_add (strings, g_strdup_printf ("B%u", 7 + i));
      g_ptr_array_add (strings, g_strdup (nasty[i]));
    }
  g_ptr_array_add (strings, NULL);
  return strings;
}

static void
test_injection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(SsaDocumentInfo) info = test_docs_numbered_info (SSA_LANG_NB);
  g_autofree char *dir = test_docs_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *expect = NULL;
  SsaOfferRequest request;
  g_autoptr(GPtrArray) strings = NULL;
  const char *never[] = { "HYPERLINK", "cmd|", "SUM(A1)", "1+2", "3+4", NULL };

  if (!have_python ())
    return;

  price_list = nasty_price_list ();
  inventory = nasty_inventory ();
  ssa_offer_request_init (&request);
  request.today = test_date ("2026-11-28");
  offer = ssa_offer_compute (price_list, inventory, &request, &error);
  g_assert_no_error (error);

  g_free (info->reseller.company_name);
  info->reseller.company_name = g_strdup ("=EVIL()&Co");

  path = write_xlsx (offer, inventory, info, dir, "nasty.xlsx");

  strings = nasty_strings ();
  expect = write_expectations (offer, inventory, info, dir,
                               (const char * const *) strings->pdata, never);
  run_checker ((const char *[]) { "static", path, expect, NULL });
  test_remove_tree (dir);
}

static void
test_unwritable (void)
{
  test_docs_check_unwritable (ssa_offer_xlsx_write);
}

/* Under a Norwegian LC_NUMERIC, printf writes "90,28": the workbook must still hold
 * "90.28". A nb_NO locale is compiled into a temporary folder when the system has none. */
static void
test_norwegian_numbers (void)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = test_docs_sample_offer ("lapsed", "2026-11-28", &inventory);
  g_autofree char *dir = test_docs_make_dir ();
  g_autofree char *locales = g_build_filename (dir, "locales", NULL);
  g_autofree char *compiled = g_build_filename (locales, "nb_NO.UTF-8", NULL);
  g_autofree char *path = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *saved_locpath = g_strdup (g_getenv ("LOCPATH"));
  locale_t norwegian, previous;

  if (!have_python ())
    return;

  norwegian = newlocale (LC_ALL_MASK, "nb_NO.UTF-8", (locale_t) 0);
  if (norwegian == (locale_t) 0)
    {
      const char *argv[] = { "localedef", "-i", "nb_NO", "-f", "UTF-8", compiled, NULL };
      g_autofree char *localedef = g_find_program_in_path ("localedef");
      g_autofree char *out = NULL;
      int status = -1;

      g_mkdir_with_parents (locales, 0755);
      if (localedef != NULL)
        out = test_docs_run (argv, &status, NULL);
      if (status == 0)
        {
          g_setenv ("LOCPATH", locales, TRUE);
          norwegian = newlocale (LC_ALL_MASK, "nb_NO.UTF-8", (locale_t) 0);
        }
    }
  if (norwegian == (locale_t) 0)
    {
      g_test_skip ("no nb_NO locale, and none could be compiled");
      test_remove_tree (dir);
      return;
    }

  previous = uselocale (norwegian);
  printed = g_strdup_printf ("%.2f", 90.28);
  path = write_xlsx (offer, inventory, NULL, dir, "norwegian.xlsx");
  uselocale (previous);
  freelocale (norwegian);
  if (saved_locpath != NULL)
    g_setenv ("LOCPATH", saved_locpath, TRUE);
  else
    g_unsetenv ("LOCPATH");

  /* The locale was in force, and the workbook does not show it. */
  g_assert_cmpstr (printed, ==, "90,28");
  run_checker ((const char *[]) { "numbers", path, NULL });
  test_remove_tree (dir);
}

/* Generated offers for LibreOffice */

typedef struct
{
  SsaOffer     *offer;
  SsaInventory *inventory;
  SsaOffer     *modified;       /* the offer after a user's change, or NULL */
  guint         changed_line;   /* the inventory line whose quantity changes */
  gint64        new_quantity;
  gint64        new_price;
} Generated;

static void
generated_clear (Generated *g)
{
  g_clear_pointer (&g->offer, ssa_offer_free);
  g_clear_pointer (&g->inventory, ssa_inventory_free);
  g_clear_pointer (&g->modified, ssa_offer_free);
}

static const char *
random_date (GRand *rand,
             int    from_days,
             int    to_days,
             char   buffer[11])
{
  GDate date = test_date ("2026-11-28");

  ssa_date_add_days (&date, g_rand_int_range (rand, from_days, to_days), &date);
  g_snprintf (buffer, 11, "%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
              g_date_get_day (&date));
  return buffer;
}

static char *
price_list_json (GRand  *rand,
                 gint64  ssc_price)
{
  static const char * const kinds[] = { "port", "voicemail", "mobility", "gsm", "app",
                                        "switchboard", "standby", "softphone" };
  static const gint64 vats[] = { 2500, 2500, 2500, 1500, 1200, 1250 };
  static const gint64 multipliers[] = { 200, 200, 150, 300, 225 };
  GString *json = g_string_new (NULL);
  g_autofree char *price = ssa_decimal_to_string (ssc_price);
  g_autofree char *vat =
    ssa_decimal_to_string (vats[g_rand_int_range (rand, 0, G_N_ELEMENTS (vats))]);
  g_autofree char *mult =
    ssa_decimal_to_string (multipliers[g_rand_int_range (rand, 0, G_N_ELEMENTS (multipliers))]);
  g_autofree char *annual = ssa_decimal_to_string (g_rand_int_range (rand, 100, 500));
  g_autofree char *quarterly = ssa_decimal_to_string (g_rand_int_range (rand, 50, 300));
  g_autofree char *monthly = ssa_decimal_to_string (g_rand_int_range (rand, 0, 150));
  guint i;

  g_string_append_printf (json,
                          "{\"format\": \"ssa-desk-pricelist/1\", \"id\": \"gen\", "
                          "\"currency\": \"NOK\", \"ssc_price\": \"%s\", \"vat_percent\": \"%s\", "
                          "\"ssa\": {\"backpay_multiplier\": \"%s\"}, "
                          "\"billing_discount_percent\": {\"annual\": \"%s\", "
                          "\"quarterly\": \"%s\", \"monthly\": \"%s\"}, \"products\": [",
                          price, vat, mult, annual, quarterly, monthly);
  for (i = 0; i < 8; i++)
    {
      g_autofree char *ssc = ssa_decimal_to_string (g_rand_int_range (rand, 25, 12000));

      g_string_append_printf (json, "{\"code\": \"02-20000-%03u\", \"name\": \"Produkt %u\", "
                              "\"kind\": \"%s\", \"list_price\": \"100.00\", "
                              "\"ssc_per_year\": \"%s\"}, ",
                              i, i, kinds[i], ssc);
    }
  g_string_append (json, "{\"code\": \"90-20000-001\", \"name\": \"Tredjepart\", "
                         "\"kind\": \"third_party\", \"list_price\": \"10.00\"}, "
                         "{\"code\": \"01-20000-001\", \"name\": \"Telefon\", "
                         "\"kind\": \"hardware\", \"list_price\": \"10.00\"}]}");
  return g_string_free (json, FALSE);
}

static char *
inventory_json (GRand  *rand,
                guint   changed_line,
                gint64  new_quantity,
                guint  *out_n_lines)
{
  GString *json = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, 14);
  char date[11];
  guint i;

  g_string_append_printf (json,
                          "{\"format\": \"ssa-desk-installation/1\", "
                          "\"deployment\": \"appliance\", "
                          "\"name\": \"Generert\", \"firmware\": \"16r1\", "
                          "\"ssa_expiry\": \"%s\", \"licenses\": [",
                          /* lapsed up to two years ago, or paid up to a year ahead */
                          random_date (rand, -700, 365, date));
  for (i = 0; i < n; i++)
    {
      guint product = g_rand_int_range (rand, 0, 10);
      gint64 quantity = g_rand_boolean (rand) ? g_rand_int_range (rand, 1, 40)
                                              : g_rand_int_range (rand, 1, 3000);
      const char *code = product < 8 ? NULL : product == 8 ? "90-20000-001" : "01-20000-001";

      if (i == changed_line && new_quantity > 0)
        quantity = new_quantity;
      g_string_append_printf (json, "%s{\"code\": \"", i > 0 ? ", " : "");
      if (code != NULL)
        g_string_append (json, code);
      else
        g_string_append_printf (json, "02-20000-%03u", product);
      g_string_append_printf (json, "\", \"quantity\": %" G_GINT64_FORMAT, quantity);
      switch (g_rand_int_range (rand, 0, 6))
        {
        case 0:   /* bought later: co-terming */
          g_string_append_printf (json, ", \"added_on\": \"%s\"",
                                  random_date (rand, -300, 300, date));
          break;
        case 1:
          g_string_append_printf (json, ", \"covered_until\": \"%s\"",
                                  random_date (rand, -400, 500, date));
          break;
        default:
          break;
        }
      g_string_append (json, "}");
    }
  g_string_append (json, "]}");
  *out_n_lines = n;
  return g_string_free (json, FALSE);
}

/* One random offer that the engine accepts, and the same offer after a user changed the
 * quantity of its first line and the SSC price in the workbook. */
static void
generate (GRand     *rand,
          gboolean   with_change,
          Generated *g)
{
  for (;;)
    {
      guint32 seed = g_rand_int (rand);
      g_autoptr(GRand) r = g_rand_new_with_seed (seed);
      g_autoptr(GRand) r2 = g_rand_new_with_seed (seed);
      /* Prices in steps of 5 øre: half an øre is a common remainder of ssc × price. */
      gint64 price = 5 * g_rand_int_range (r, 140, 330);
      g_autofree char *pl = price_list_json (r, price);
      g_autofree char *inv = NULL;
      g_autoptr(SsaPriceList) price_list = NULL;
      g_autoptr(SsaInventory) inventory = NULL;
      g_autoptr(GError) error = NULL;
      SsaOfferRequest request;
      guint n_lines;
      char date[11];

      inv = inventory_json (r, G_MAXUINT, 0, &n_lines);
      price_list = ssa_price_list_new_from_data (pl, strlen (pl), "generated", &error);
      g_assert_no_error (error);
      inventory = ssa_inventory_new_from_data (inv, strlen (inv), "generated", &error);
      g_assert_no_error (error);

      ssa_offer_request_init (&request);
      request.today = test_date ("2026-11-28");
      if (g_rand_int_range (r, 0, 3) == 0)
        request.start = test_date (random_date (r, -30, 200, date));
      if (g_rand_boolean (r))
        {
          request.end_kind = SSA_OFFER_END_MONTHS;
          request.months = g_rand_int_range (r, 1, 37);
        }
      request.billing = (SsaBilling) g_rand_int_range (r, 0, SSA_N_BILLINGS);
      if (g_rand_boolean (r))
        request.discount_percent = g_rand_int_range (r, 1, 3000);
      if (g_rand_int_range (r, 0, 3) == 0)
        {
          request.has_labour = TRUE;
          request.labour_hours = 25 * g_rand_int_range (r, 1, 40);
          request.labour_rate = g_rand_int_range (r, 50000, 160000);
        }

      g->offer = ssa_offer_compute (price_list, inventory, &request, &error);
      if (g->offer == NULL)
        continue;
      g->inventory = g_steal_pointer (&inventory);

      if (with_change)
        {
          g_autofree char *pl2 = NULL;
          g_autofree char *inv2 = NULL;
          g_autoptr(SsaPriceList) price_list2 = NULL;
          g_autoptr(SsaInventory) inventory2 = NULL;
          guint n2;

          /* The same draws again, with the changed values. */
          g->changed_line = 0;
          g->new_quantity = g_array_index (g->inventory->lines, SsaInventoryLine, 0).quantity + 7;
          g->new_price = price + 35;
          (void) g_rand_int_range (r2, 140, 330);
          pl2 = price_list_json (r2, g->new_price);
          inv2 = inventory_json (r2, 0, g->new_quantity, &n2);
          price_list2 = ssa_price_list_new_from_data (pl2, strlen (pl2), "generated", &error);
          g_assert_no_error (error);
          inventory2 = ssa_inventory_new_from_data (inv2, strlen (inv2), "generated", &error);
          g_assert_no_error (error);
          g->modified = ssa_offer_compute (price_list2, inventory2, &request, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (g->modified->lines->len, ==, g->offer->lines->len);
        }
      return;
    }
}

/* Counts the values the engine rounded from exactly half an øre (or half a hundredth of
 * an SSC): the cases where a spreadsheet's binary arithmetic is most likely to differ. */
static guint
count_half_boundaries (const SsaOffer *offer)
{
  const SsaOfferTotals *t = &offer->totals;
  guint n = 0;
  guint i;

  for (i = 0; i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);
      __int128 ssc;

      if (line->segment != SSA_SEGMENT_REGULAR && line->segment != SSA_SEGMENT_BACKPAY)
        continue;
      n += (line->ssc * offer->ssc_price) % 100 == 50;
      ssc = (__int128) line->quantity * line->ssc_per_year * line->months;
      if (line->segment == SSA_SEGMENT_BACKPAY)
        n += (ssc * offer->backpay_multiplier) % 1200 == 600;
      else
        n += ssc % 12 == 6;
    }
  n += ((__int128) t->net * offer->vat_percent) % 10000 == 5000;
  n += ((__int128) t->subtotal * offer->discount_percent) % 10000 == 5000;
  n += ((__int128) t->regular * offer->billing_discount_percent) % 10000 == 5000;
  return n;
}

static void
add_expected (JsonBuilder    *builder,
              const char     *file,
              const SsaOffer *offer)
{
  const SsaOfferTotals *t = &offer->totals;
  const struct { const char *name; gint64 value; } totals[] = {
    { "SSA_TotalSsc", t->ssc }, { "SSA_Regular", t->regular }, { "SSA_Backpay", t->backpay },
    { "SSA_BillingDiscount", -t->billing_discount }, { "SSA_Subtotal", t->subtotal },
    { "SSA_Discount", -t->discount }, { "SSA_Labour", t->labour }, { "SSA_Net", t->net },
    { "SSA_Vat", t->vat }, { "SSA_Total", t->total },
  };
  guint i;

  json_builder_set_member_name (builder, "file");
  json_builder_add_string_value (builder, file);
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (i = 0; i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "months");
      json_builder_add_int_value (builder, line->months);
      json_builder_set_member_name (builder, "ssc");
      json_builder_add_int_value (builder, line->ssc);
      json_builder_set_member_name (builder, "amount");
      json_builder_add_int_value (builder, line->amount);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "totals");
  json_builder_begin_object (builder);
  for (i = 0; i < G_N_ELEMENTS (totals); i++)
    {
      json_builder_set_member_name (builder, totals[i].name);
      json_builder_add_int_value (builder, totals[i].value);
    }
  json_builder_end_object (builder);
}

/* The manifest's entry for the copy of @path that xlsx-check.py modify writes to @changed,
 * with @g's new quantity and SSC price, and what the engine computes for them. */
static void
add_modified (JsonBuilder     *builder,
              const char      *changed,
              const char      *path,
              const Generated *g)
{
  guint j;

  json_builder_begin_object (builder);
  add_expected (builder, changed, g->modified);
  json_builder_set_member_name (builder, "modify");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "source");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "quantity");
  json_builder_add_int_value (builder, g->new_quantity);
  json_builder_set_member_name (builder, "ssc_price");
  json_builder_add_double_value (builder, g->new_price / 100.0);
  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (j = 0; j < g->offer->lines->len; j++)
    if (g_array_index (g->offer->lines, SsaOfferLine, j).inventory_index ==
        g->changed_line)
      json_builder_add_int_value (builder, j);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* How many workbooks exercise each rule. */
typedef struct
{
  guint n_backpay, n_co_terming, n_billing, n_discount, n_labour;
  guint n_boundaries, n_workbooks;
} Coverage;

static void
coverage_add (Coverage        *c,
              const Generated *g)
{
  guint j;

  c->n_backpay += g->offer->totals.backpay > 0;
  c->n_billing += g->offer->totals.billing_discount > 0;
  c->n_discount += g->offer->totals.discount > 0;
  c->n_labour += g->offer->has_labour;
  c->n_boundaries += count_half_boundaries (g->offer);
  for (j = 0; j < g->inventory->lines->len; j++)
    if (g_date_valid (&g_array_index (g->inventory->lines, SsaInventoryLine, j).added_on))
      {
        c->n_co_terming++;
        break;
      }
}

/* Writes the workbook of @g as offer-@i.xlsx in @dir, and the manifest's entries for it
 * and, when @g has one, its modified copy. */
static void
add_workbook (JsonBuilder     *builder,
              GPtrArray       *files,
              const char      *dir,
              guint            i,
              const Generated *g,
              Coverage        *c)
{
  g_autofree char *name = g_strdup_printf ("offer-%02u.xlsx", i);
  g_autoptr(SsaDocumentInfo) info = test_docs_numbered_info (SSA_LANG_NB);
  g_autofree char *path = write_xlsx (g->offer, g->inventory, info, dir, name);

  json_builder_begin_object (builder);
  add_expected (builder, path, g->offer);
  json_builder_end_object (builder);
  g_ptr_array_add (files, g_strdup (path));
  c->n_workbooks++;

  if (g->modified != NULL)
    {
      g_autofree char *changed = g_strdup_printf ("%s/offer-%02u-changed.xlsx", dir, i);

      add_modified (builder, changed, path, g);
      g_ptr_array_add (files, g_steal_pointer (&changed));
      c->n_workbooks++;
    }

  coverage_add (c, g);
}

/* LibreOffice headless recomputes @files into @outdir (tests/lo-recalc.sh). */
static void
recalculate (const char *script,
             const char *outdir,
             GPtrArray  *files)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) "sh");
  g_ptr_array_add (argv, (gpointer) script);
  g_ptr_array_add (argv, (gpointer) outdir);
  for (guint i = 0; i < files->len; i++)
    g_ptr_array_add (argv, g_ptr_array_index (files, i));
  g_ptr_array_add (argv, NULL);
  out = test_docs_run ((const char * const *) argv->pdata, &status, &err);
  if (status != 0)
    g_error ("lo-recalc.sh failed (%d):\n%s\n%s", status, out, err);
}

static void
test_libreoffice (void)
{
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "lo-recalc.sh", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *outdir = NULL;
  g_autofree char *manifest = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261128);
  static const struct { const char *sample; const char *today; } samples[] = {
    { "renewal-in-time", "2026-11-28" }, { "lapsed", "2026-11-28" },
    { "co-terming", "2026-11-28" }, { "co-terming", "2027-03-10" },
    { "old-12r1", "2026-11-28" }, { "firmware-6", "2026-11-28" },
  };
  Coverage c = { 0 };
  guint i;

  if (soffice == NULL)
    {
      g_printerr ("soffice (LibreOffice) is not installed: skipped\n");
      exit (77);
    }
  if (!have_python ())
    exit (77);

  dir = test_docs_make_dir ();
  outdir = g_build_filename (dir, "recalculated", NULL);
  manifest = g_build_filename (dir, "manifest.json", NULL);
  json_builder_begin_array (builder);

  /* The worked examples of the sample installations, then generated offers. */
  for (i = 0; i < G_N_ELEMENTS (samples) + 24; i++)
    {
      Generated g = { 0 };

      if (i < G_N_ELEMENTS (samples))
        g.offer = test_docs_sample_offer (samples[i].sample, samples[i].today, &g.inventory);
      else
        generate (rand, i < G_N_ELEMENTS (samples) + 8, &g);
      add_workbook (builder, files, dir, i, &g, &c);
      generated_clear (&g);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, TRUE);
  g_assert_true (g_file_set_contents (manifest, json, -1, NULL));

  g_test_message ("%u workbooks: %u with back-payment, %u co-terming, %u billing discounts, "
                  "%u discounts, %u with labour, %u half-øre boundaries",
                  c.n_workbooks, c.n_backpay, c.n_co_terming, c.n_billing, c.n_discount,
                  c.n_labour, c.n_boundaries);
  g_assert_cmpuint (c.n_workbooks, >=, 20);
  g_assert_cmpuint (c.n_backpay, >=, 5);
  g_assert_cmpuint (c.n_co_terming, >=, 5);
  g_assert_cmpuint (c.n_billing, >=, 5);
  g_assert_cmpuint (c.n_discount, >=, 5);
  g_assert_cmpuint (c.n_labour, >=, 3);
  g_assert_cmpuint (c.n_boundaries, >=, 20);

  /* A user changes quantities and the SSC price; LibreOffice recomputes everything. */
  run_checker ((const char *[]) { "modify", manifest, NULL });
  recalculate (script, outdir, files);
  run_checker ((const char *[]) { "recalc", manifest, outdir, NULL });
  test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* The helper scripts beside this file, also when run by hand. */
  g_setenv ("G_TEST_SRCDIR", SRCDIR, FALSE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/xlsx/lapsed", test_lapsed);
  g_test_add_func ("/xlsx/english", test_english);
  g_test_add_func ("/xlsx/co-terming", test_co_terming);
  g_test_add_func ("/xlsx/old-firmware", test_old_firmware);
  g_test_add_func ("/xlsx/injection", test_injection);
  g_test_add_func ("/xlsx/alternatives", test_alternatives);
  g_test_add_func ("/xlsx/unwritable", test_unwritable);
  g_test_add_func ("/xlsx/norwegian-numbers", test_norwegian_numbers);
  g_test_add_func ("/xlsx-libreoffice/recalculate", test_libreoffice);

  return g_test_run ();
}
