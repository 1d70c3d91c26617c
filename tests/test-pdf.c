/* test-pdf.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <cairo.h>

#include "ssa-document-details.h"
#include "ssa-offer-files.h"
#include "ssa-offer-pdf.h"
#include "test-docs.h"

/* The printed offer, read back with poppler's pdftotext: the text a customer sees, in
 * Norwegian formats, on as many pages as it takes, with nothing cut. Page 1 of the lapsed
 * sample is kept in the build folder as test-pdf-lapsed.png for a look. */

static gboolean
have_poppler (void)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return FALSE;
    }
  return TRUE;
}

/* The text of a PDF: laid out as on the page, or in drawing order ("-raw"), where each
 * table cell's wrapped lines follow one another. */
static char *
pdf_text (const char *path,
          const char *mode,
          int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page > 0 ? page : 1);
  g_autofree char *last = g_strdup_printf ("%d", page > 0 ? page : 100000);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", mode, "-f", first, "-l", last,
                         path, "-", NULL };
  g_autofree char *err = NULL;
  int status;
  char *out = test_docs_run (argv, &status, &err);

  g_assert_cmpint (status, ==, 0);
  return out;
}

static int
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status, n = -1;
  guint i;

  out = test_docs_run (argv, &status, NULL);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Pages:"))
      n = atoi (lines[i] + strlen ("Pages:"));
  g_assert_cmpint (n, >, 0);
  return n;
}

static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      g_string_append_c (out, *text);
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the document:\n%s", needle, text);
}

static void
assert_lacks (const char *text,
              const char *needle)
{
  if (strstr (text, needle) != NULL)
    g_error ("“%s” should not be in the document:\n%s", needle, text);
}

static char *
write_pdf (const SsaOffer        *offer,
           const SsaInventory    *inventory,
           const SsaDocumentInfo *info,
           const char            *dir,
           const char            *name)
{
  return test_docs_write (ssa_offer_pdf_write, offer, inventory, info, dir, name);
}

/* What the printed lapsed sample says in Bokmål. */
static const char * const lapsed_bokmal_expected[] = {
    /* The reseller, with the markings Norwegian law asks for. */
    "Nordlys Kommunikasjon AS", "Org.nr. 923 456 783 MVA", "Foretaksregisteret",
    "Storgata 10", "0155 Oslo", "Telefon: +47 22 12 34 56", "E-post: salg@nordlys.example.no",
    /* The customer. */
    "Nidaros Bygg og Anlegg AS", "Org.nr. 971 258 063", "Kjøpmannsgata 47, 7013 Trondheim",
    "Kontaktperson: Ola Haugen", "ola.haugen@example.no",
    /* The offer. */
    "Tilbud på SSA (programvareavtale)", "Tilbudsnr.", "2026-0042-R2", "Revisjon",
    "Dato", "28.11.2026", "Tilbudet gjelder til", "28.12.2026", "Prisliste", "innovaphone",
    /* The references: ours (the user) and theirs (the customer's contact). */
    "Vår ref.", "Kari Nordmann", "Deres ref.",
    /* The acceptance block: the deadline, how, and the fields to fill in. */
    "Aksept", "Akseptfrist: 28.12.2026", "returnere denne siden til salg@nordlys.example.no",
    "Akseptert for Nidaros Bygg og Anlegg AS", "Sted", "Navn med blokkbokstaver", "Signatur",
    /* The installation and the period. */
    "Kontor Trondheim", "IP811-00-90-33-2F-91-C4", "13r3 sr10", "Nåværende SSA utløper",
    "30.06.2026", "28.11.2026 – 27.11.2027", "Én faktura",
    /* The lines, in Norwegian formats. */
    "Art.nr.", "Produkt", "Antall", "Fra", "Til", "Mnd.", "SSC", "Beløp",
    "02-00039-002", "PBX-Port14", "PBX-Voicemail14", "01.07.2026", "27.11.2026",
    "27.11.2027", "112,50", "1 293,75 kr", "1 552,50 kr", "6,54", "75,21 kr", "90,28 kr",
    "Etterbetaling, 2 × pris",
    "fra 01.07.2026 til 27.11.2026 betales med",
    /* Third-party items and hardware: not covered, the vendor's terms apply. */
    "Ikke omfattet av SSA", "SamWin switchboard", "Tredjepart",
    "IP0013 analog adapter (4 FXS)", "Maskinvare", "leverandørens egne vilkår gjelder",
    /* The totals. */
    "Software Service Credits (SSC)", "261,89 SSC", "Fornyelse", "1 642,78 kr",
    "Etterbetaling", "1 368,96 kr", "Sum eks. mva.", "3 011,74 kr", "Mva. 25 %",
    "752,94 kr", "Totalt inkl. mva.", "3 764,68 kr",
    /* The warnings, what the SSA includes, the terms and the pages. */
    "Merk", "Fastvareversjon 13r3 sr10 er eldre enn innovaphone gir støtte for",
    "oppgraderingsarbeid er ikke inkludert i SSA-en",
    "SSA-en omfatter", "SSA-en omfatter ikke", "Nyeste programvare",
    "En ny hovedversjon omtrent én gang i året", "Arbeid, som å utføre en oppgradering",
    "Betalingsbetingelser", "30 dager netto fra fakturadato.", "Side 1 av 2",
    "Side 2 av 2", "Tilbud 2026-0042-R2",
};

/* Writes the lapsed sample in Bokmål, kept in the build folder for a look; returns its
 * path. */
static char *
write_lapsed_bokmal (void)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = test_docs_sample_offer ("lapsed", "2026-11-28", &inventory);
  g_autoptr(SsaDocumentInfo) info = test_docs_numbered_info (SSA_LANG_NB);

  return write_pdf (offer, inventory, info, g_test_get_dir (G_TEST_BUILT), "test-pdf-lapsed.pdf");
}

static void
test_lapsed_bokmal (void)
{
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  guint i;

  if (!have_poppler ())
    return;

  path = write_lapsed_bokmal ();
  text = pdf_text (path, "-layout", 0);
  for (i = 0; i < G_N_ELEMENTS (lapsed_bokmal_expected); i++)
    assert_contains (text, lapsed_bokmal_expected[i]);
  /* Never the price list's internal id. */
  assert_lacks (text, "sample-2026-11");
  /* Neither English nor the ISO dates of the files. */
  assert_lacks (text, "Total incl. VAT");
  assert_lacks (text, "Page ");
  assert_lacks (text, "2026-11-28");
  assert_lacks (text, "NOK");
  g_assert_cmpint (pdf_pages (path), ==, 2);
}

/* Its first page as a picture, kept in the build folder for a look. */
static void
test_lapsed_bokmal_picture (void)
{
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *path = NULL;
  g_autofree char *png = NULL;
  g_autofree char *png_base = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1",
                         "-singlefile", NULL, NULL, NULL };
  int status;

  if (pdftoppm == NULL)
    {
      g_test_skip ("pdftoppm (poppler-utils) is not installed");
      return;
    }

  path = write_lapsed_bokmal ();
  png_base = g_build_filename (g_test_get_dir (G_TEST_BUILT), "test-pdf-lapsed", NULL);
  argv[9] = path;
  argv[10] = png_base;
  out = test_docs_run (argv, &status, NULL);
  g_assert_cmpint (status, ==, 0);
  png = g_strconcat (png_base, ".png", NULL);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  g_test_message ("page 1: %s", png);
}

static void
test_lapsed_english (void)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = test_docs_sample_offer ("lapsed", "2026-11-28", &inventory);
  g_autoptr(SsaDocumentInfo) info = test_docs_numbered_info (SSA_LANG_EN);
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  static const char * const expected[] = {
    "SSA offer (software service agreement)", "Offer no.", "2026-0042-R2",
    "This offer is valid until", "2026-12-28", "Org. no. 923 456 783 MVA",
    "Foretaksregisteret", "Back-payment at 2 × the price", "NOK 1,293.75", "NOK 3,764.68",
    "VAT 25%", "NOK 752.94", "Total incl. VAT", "Page 1 of 2", "Third party", "Hardware",
    "The SSA does not include", "Payment terms", "Our ref.", "Your ref.",
    "Deadline for acceptance: 2026-12-28", "Signature",
  };
  guint i;

  if (!have_poppler ())
    return;

  path = write_pdf (offer, inventory, info, g_test_get_dir (G_TEST_BUILT),
                    "test-pdf-lapsed-en.pdf");
  text = pdf_text (path, "-layout", 0);
  for (i = 0; i < G_N_ELEMENTS (expected); i++)
    assert_contains (text, expected[i]);
  assert_lacks (text, "Tilbud");
  assert_lacks (text, " kr");
}

static void
test_draft (void)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = test_docs_sample_offer ("renewal-in-time", "2026-11-28",
                                                      &inventory);
  g_autofree char *dir = test_docs_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;

  /* No profile, no number: an unnumbered draft in Bokmål, dated the offer's "today". */
  path = write_pdf (offer, inventory, NULL, dir, "draft.pdf");
  text = pdf_text (path, "-layout", 0);
  assert_contains (text, "Utkast");
  assert_contains (text, "28.11.2026");
  assert_contains (text, "28.12.2026");
  assert_contains (text, "3 114,79 kr");
  assert_contains (text, "622,96 kr");
  assert_contains (text, "Bryggen Regnskap AS");
  assert_lacks (text, "MVA");
  assert_lacks (text, "Foretaksregisteret");
  /* Nothing is back-paid: no back-payment line at all, not "Etterbetaling 0,00 kr". */
  g_assert_cmpint (offer->totals.backpay, ==, 0);
  assert_lacks (text, "Etterbetaling");
  /* One invoice: no instalment plan. */
  assert_lacks (text, "Fakturaplan");
  test_remove_tree (dir);
}

/* The instalment rule of docs/rules.md: one invoice per started interval, equal whole øre,
 * the øre left over on the first. */
static const struct {
  SsaBilling billing;
  guint      n;
  guint      interval;
} plans[] = {
  { SSA_BILLING_ONCE, 1, 0 },
  { SSA_BILLING_ANNUAL, 1, 12 },
  { SSA_BILLING_QUARTERLY, 4, 3 },
  { SSA_BILLING_MONTHLY, 12, 1 },
};

/* The price list and the lapsed sample. */
static void
load_lapsed (SsaPriceList **out_price_list,
             SsaInventory **out_inventory)
{
  g_autoptr(GError) error = NULL;

  *out_price_list = ssa_samples_load_price_list (&error);
  g_assert_no_error (error);
  *out_inventory = ssa_samples_load_installation ("lapsed.json", &error);
  g_assert_no_error (error);
}

/* One plan of @plans (its index in @data). */
static void
test_instalments (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = NULL;
  g_autofree char *text = NULL;
  SsaOfferRequest request;
  SsaInstalments plan;

  load_lapsed (&price_list, &inventory);
  ssa_offer_request_init (&request);
  request.today = test_date ("2026-11-28");
  request.billing = plans[i].billing;
  offer = ssa_offer_compute (price_list, inventory, &request, &error);
  g_assert_no_error (error);

  ssa_document_instalments (offer, &plan);
  g_assert_cmpuint (plan.n_invoices, ==, plans[i].n);
  g_assert_cmpuint (plan.interval_months, ==, plans[i].interval);
  /* Exact: the invoices add up to the total, to the øre. */
  g_assert_cmpint (plan.first_amount + plan.amount * (gint64) (plan.n_invoices - 1), ==,
                   offer->totals.total);
  g_assert_cmpint (plan.first_amount - plan.amount, >=, 0);
  g_assert_cmpint (plan.first_amount - plan.amount, <, (gint64) plan.n_invoices);
  g_assert_cmpint (g_date_compare (&plan.first_date, &offer->start), ==, 0);

  text = ssa_document_instalments_text (offer, SSA_LANG_NB);
  if (plan.n_invoices == 1)
    g_assert_null (text);
  else
    {
      g_autofree char *amount = ssa_money_format (plan.amount, "NOK", SSA_LANG_NB);
      g_autofree char *first = ssa_money_format (plan.first_amount, "NOK", SSA_LANG_NB);
      g_autofree char *expected = NULL;

      if (plan.first_amount == plan.amount)
        expected = g_strdup_printf ("%u fakturaer à %s, første 28.11.2026", plan.n_invoices,
                                    amount);
      else
        expected = g_strdup_printf ("%u fakturaer: første på %s den 28.11.2026, "
                                    "deretter %u à %s", plan.n_invoices, first,
                                    plan.n_invoices - 1, amount);
      g_assert_cmpstr (text, ==, expected);

      /* The printed offer says it under the totals. */
      if (plan.n_invoices == 4 && have_poppler ())
        {
          g_autofree char *dir = test_docs_make_dir ();
          g_autofree char *path = write_pdf (offer, inventory, NULL, dir, "plan.pdf");
          g_autofree char *pdf = pdf_text (path, "-raw", 0);
          g_autofree char *line = g_strdup_printf ("Fakturaplan: %s", expected);
          g_autofree char *squeezed_pdf = squeeze (pdf);
          g_autofree char *squeezed_line = squeeze (line);

          /* The line may wrap in the totals' column. */
          assert_contains (squeezed_pdf, squeezed_line);
          test_remove_tree (dir);
        }
    }
}

/* A total that does not divide: 100 003 øre in 4 invoices are 250,03 kr (the 3 øre left
 * over) and three of 250,00 kr. */
static void
test_instalments_remainder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = NULL;
  g_autofree char *text = NULL;
  SsaOfferRequest request;
  SsaInstalments plan;

  load_lapsed (&price_list, &inventory);
  ssa_offer_request_init (&request);
  request.today = test_date ("2026-11-28");
  request.billing = SSA_BILLING_QUARTERLY;
  offer = ssa_offer_compute (price_list, inventory, &request, &error);
  g_assert_no_error (error);
  offer->totals.total = 100003;
  ssa_document_instalments (offer, &plan);
  g_assert_cmpuint (plan.n_invoices, ==, 4);
  g_assert_cmpint (plan.amount, ==, 25000);
  g_assert_cmpint (plan.first_amount, ==, 25003);
  text = ssa_document_instalments_text (offer, SSA_LANG_NB);
  g_assert_cmpstr (text, ==, "4 fakturaer: første på 250,03 kr den 28.11.2026, deretter 3 à "
                             "250,00 kr");
  offer->totals.total = 100000;
  g_clear_pointer (&text, g_free);
  text = ssa_document_instalments_text (offer, SSA_LANG_NB);
  g_assert_cmpstr (text, ==, "4 fakturaer à 250,00 kr, første 28.11.2026");
  g_clear_pointer (&text, g_free);
  text = ssa_document_instalments_text (offer, SSA_LANG_EN);
  g_assert_cmpstr (text, ==, "4 invoices of NOK 250.00, the first on 2026-11-28");
}

static void
test_co_terming (void)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = test_docs_sample_offer ("co-terming", "2026-11-28", &inventory);
  g_autoptr(SsaDocumentInfo) info = test_docs_numbered_info (SSA_LANG_NB);
  g_autofree char *dir = test_docs_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  if (!have_poppler ())
    return;

  path = write_pdf (offer, inventory, info, dir, "co-terming.pdf");
  text = pdf_text (path, "-layout", 0);
  /* The already covered lines, and the new ports from their purchase. */
  assert_contains (text, "Lisenser som allerede er dekket");
  assert_contains (text, "dekket av gjeldende avtale for hele perioden");
  assert_contains (text, "15.03.2027");
  assert_contains (text, "646,88 kr");
  assert_contains (text, "1 243,30 kr");
  assert_contains (text, "Maskinvare");
  test_remove_tree (dir);
}

static void
test_discounts_and_labour (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) price_list = ssa_samples_load_price_list (&error);
  g_autoptr(SsaInventory) inventory = ssa_samples_load_installation ("lapsed.json", &error);
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(SsaDocumentInfo) info = test_docs_numbered_info (SSA_LANG_NB);
  g_autofree char *dir = test_docs_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *discount = NULL;
  g_autofree char *billing = NULL;
  g_autofree char *labour = NULL;
  g_autofree char *total = NULL;
  SsaOfferRequest request;

  g_assert_no_error (error);
  if (!have_poppler ())
    return;

  ssa_offer_request_init (&request);
  request.today = test_date ("2026-11-28");
  request.billing = SSA_BILLING_ANNUAL;
  request.discount_percent = 1050;
  request.has_labour = TRUE;
  request.labour_hours = 250;
  request.labour_rate = 95000;
  offer = ssa_offer_compute (price_list, inventory, &request, &error);
  g_assert_no_error (error);

  info->reseller.payment_terms = g_strdup ("14 dager netto. Kontonummer 1234.56.78903.");
  path = write_pdf (offer, inventory, info, dir, "discounts.pdf");
  text = pdf_text (path, "-layout", 0);

  billing = ssa_money_format (-offer->totals.billing_discount, "NOK", SSA_LANG_NB);
  discount = ssa_money_format (-offer->totals.discount, "NOK", SSA_LANG_NB);
  labour = ssa_money_format (offer->totals.labour, "NOK", SSA_LANG_NB);
  total = ssa_money_format (offer->totals.total, "NOK", SSA_LANG_NB);
  assert_contains (text, "Faktureringsrabatt (2 %)");
  assert_contains (text, billing);
  assert_contains (text, "Årlig (Auto-SSA)");
  assert_contains (text, "Delsum");
  assert_contains (text, "Rabatt (10,5 %)");
  assert_contains (text, discount);
  assert_contains (text, "Oppgraderingsarbeid (2,5 t à 950,00 kr)");
  assert_contains (text, labour);
  assert_contains (text, "2 375,00 kr");
  assert_contains (text, "Oppgraderingsarbeid er ikke en del av SSA-en");
  assert_contains (text, total);
  assert_contains (text, "14 dager netto. Kontonummer 1234.56.78903.");
  assert_lacks (text, "30 dager netto");
  test_remove_tree (dir);
}

/* An installation of @n_lines lines of a price list whose product 0 has a long name. */
static SsaOffer *
long_offer (guint          n_lines,
            const char    *long_name,
            SsaInventory **out_inventory)
{
  g_autoptr(GString) price_list_json = g_string_new (NULL);
  g_autoptr(GString) inventory_json = g_string_new (NULL);
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(GError) error = NULL;
  SsaOfferRequest request;
  SsaOffer *offer;
  guint i;

  g_string_append (price_list_json,
                   "{\"format\": \"ssa-desk-pricelist/1\", \"id\": \"long\", "
                   "\"currency\": \"NOK\", \"ssc_price\": \"11.50\", \"products\": [");
  for (i = 0; i < 10; i++)
    g_string_append_printf (price_list_json,
                            "%s{\"code\": \"02-10000-%03u\", \"name\": \"%s\", "
                            "\"kind\": \"port\", \"list_price\": \"%u.00\", "
                            "\"ssc_per_year\": \"%u.%02u\"}",
                            i > 0 ? ", " : "", i,
                            i == 0 ? long_name : (i % 2 ? "PBX-Port14" : "App(innovaphone-queues)"),
                            100 + i, 3 + i, (i * 37) % 100);
  g_string_append (price_list_json, "]}");
  price_list = ssa_price_list_new_from_data (price_list_json->str, price_list_json->len,
                                             "long", &error);
  g_assert_no_error (error);

  g_string_append (inventory_json,
                   "{\"format\": \"ssa-desk-installation/1\", \"deployment\": \"appliance\", "
                   "\"name\": \"Stort anlegg\", \"firmware\": \"16r1\", "
                   "\"ssa_expiry\": \"2026-06-30\", \"licenses\": [");
  for (i = 0; i < n_lines; i++)
    g_string_append_printf (inventory_json, "%s{\"code\": \"02-10000-%03u\", \"quantity\": %u}",
                            i > 0 ? ", " : "", i % 10, i + 1);
  g_string_append (inventory_json, "]}");
  inventory = ssa_inventory_new_from_data (inventory_json->str, inventory_json->len, "long",
                                           &error);
  g_assert_no_error (error);

  ssa_offer_request_init (&request);
  request.today = test_date ("2026-11-28");
  offer = ssa_offer_compute (price_list, inventory, &request, &error);
  g_assert_no_error (error);
  *out_inventory = g_steal_pointer (&inventory);
  return offer;
}

static void
test_long_table (void)
{
  g_autoptr(GString) name = g_string_new ("App(innovaphone-langt-navn)");
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(SsaDocumentInfo) info = test_docs_numbered_info (SSA_LANG_NB);
  g_autofree char *dir = test_docs_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *raw_squeezed = NULL;
  g_autofree char *name_squeezed = NULL;
  int n_pages, page, table_pages = 0;
  guint i;

  if (!have_poppler ())
    return;

  for (i = 1; i <= 40; i++)
    g_string_append_printf (name, " ord%02u", i);
  g_string_append (name, " SLUTTMERKE");
  offer = long_offer (150, name->str, &inventory);
  g_assert_cmpuint (offer->lines->len, ==, 300);

  path = write_pdf (offer, inventory, info, dir, "long.pdf");
  n_pages = pdf_pages (path);
  g_assert_cmpint (n_pages, >=, 4);

  for (page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_text (path, "-layout", page);
      g_autofree char *page_label = g_strdup_printf ("Side %d av %d", page, n_pages);

      assert_contains (text, page_label);
      if (strstr (text, "02-10000-") != NULL)
        {
          /* The table's header row is repeated on every page the table runs on, above
           * its first row. */
          const char *header = strstr (text, "Art.nr.");

          g_assert_nonnull (header);
          g_assert_nonnull (strstr (text, "Beløp"));
          g_assert_true (header < strstr (text, "02-10000-"));
          table_pages++;
        }
      if (page > 1)
        assert_contains (text, "Tilbud på SSA (programvareavtale)");
    }
  g_assert_cmpint (table_pages, >=, 3);

  /* The long name wraps and appears whole, every time (once per segment). */
  raw = pdf_text (path, "-raw", 0);
  raw_squeezed = squeeze (raw);
  name_squeezed = squeeze (name->str);
  g_assert_nonnull (strstr (raw_squeezed, name_squeezed));
  {
    const char *p = raw_squeezed;
    guint count = 0;

    while ((p = strstr (p, name_squeezed)) != NULL)
      {
        count++;
        p += strlen (name_squeezed);
      }
    g_assert_cmpuint (count, ==, 30);
  }
  test_remove_tree (dir);
}

static void
test_row_taller_than_page (void)
{
  g_autoptr(GString) name = g_string_new ("Enormt");
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = NULL;
  g_autofree char *dir = test_docs_make_dir ();
  g_autofree char *path = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *raw_squeezed = NULL;
  g_autofree char *name_squeezed = NULL;
  guint i;

  if (!have_poppler ())
    return;

  /* A name of about 12 000 characters: its row is cut between lines over several pages. */
  for (i = 1; i <= 1500; i++)
    g_string_append_printf (name, " navn%04u", i);
  offer = long_offer (1, name->str, &inventory);

  path = write_pdf (offer, inventory, NULL, dir, "tall.pdf");
  g_assert_cmpint (pdf_pages (path), >=, 4);
  raw = pdf_text (path, "-raw", 0);
  raw_squeezed = squeeze (raw);
  name_squeezed = squeeze (name->str);
  /* Every line of it is drawn once, on one page: none is lost or doubled at a cut. */
  g_assert_nonnull (strstr (raw_squeezed, "navn0001"));
  g_assert_nonnull (strstr (raw_squeezed, "navn1500"));
  for (i = 1; i <= 1500; i += 7)
    {
      g_autofree char *word = g_strdup_printf ("navn%04u", i);
      const char *p = raw;
      guint count = 0;

      while ((p = strstr (p, word)) != NULL)
        {
          p += strlen (word);
          count += !g_ascii_isdigit (*p);
        }
      /* Twice: the back-payment row and the regular row. */
      g_assert_cmpuint (count, ==, 2);
    }
  test_remove_tree (dir);
}

static char *
make_logo (const char *dir)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 240, 80);
  cairo_t *cr = cairo_create (surface);
  char *path = g_build_filename (dir, "logo.png", NULL);

  cairo_set_source_rgb (cr, 0.12, 0.3, 0.47);
  cairo_rectangle (cr, 0, 0, 80, 80);
  cairo_fill (cr);
  cairo_arc (cr, 160, 40, 36, 0, 2 * G_PI);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static int
count_images (const char *pdf)
{
  const char *argv[] = { "pdfimages", "-list", pdf, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  out = test_docs_run (argv, &status, NULL);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (out, "\n", -1);
  /* Two header lines, then one per image (and its soft mask). */
  return (int) g_strv_length (lines) - 3;
}

static void
test_logo (void)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = test_docs_sample_offer ("lapsed", "2026-11-28", &inventory);
  g_autoptr(SsaDocumentInfo) info = test_docs_numbered_info (SSA_LANG_NB);
  g_autofree char *dir = test_docs_make_dir ();
  g_autofree char *logo = make_logo (dir);
  g_autofree char *from_file = NULL;
  g_autofree char *from_bytes = NULL;
  g_autofree char *broken = g_build_filename (dir, "broken.png", NULL);
  g_autofree char *refused = g_build_filename (dir, "refused.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *pdfimages = g_find_program_in_path ("pdfimages");
  g_autoptr(GError) error = NULL;
  gsize length;

  if (!have_poppler ())
    return;

  info->reseller.logo_path = g_strdup (logo);
  from_file = write_pdf (offer, inventory, info, dir, "logo-file.pdf");

  g_assert_true (g_file_get_contents (logo, &contents, &length, &error));
  g_clear_pointer (&info->reseller.logo_path, g_free);
  info->reseller.logo_png = g_bytes_new (contents, length);
  from_bytes = write_pdf (offer, inventory, info, dir, "logo-bytes.pdf");

  if (pdfimages != NULL)
    {
      g_assert_cmpint (count_images (from_file), >=, 1);
      g_assert_cmpint (count_images (from_bytes), >=, 1);
    }

  /* A logo that is not a PNG is an error naming it, and nothing is written. */
  g_clear_pointer (&info->reseller.logo_png, g_bytes_unref);
  g_assert_true (g_file_set_contents (broken, "GIF89a not a PNG", -1, NULL));
  info->reseller.logo_path = g_strdup (broken);
  g_assert_false (ssa_offer_pdf_write (offer, inventory, info, refused, &error));
  g_assert_error (error, SSA_DOCUMENT_ERROR, SSA_DOCUMENT_ERROR_LOGO);
  g_assert_nonnull (strstr (error->message, "broken.png"));
  g_clear_error (&error);
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
  /* logo.png, broken.png, logo-file.pdf, logo-bytes.pdf, and no temporary file. */
  g_assert_cmpuint (test_docs_count_files (dir), ==, 4);

  g_free (info->reseller.logo_path);
  info->reseller.logo_path = g_build_filename (dir, "missing.png", NULL);
  g_assert_false (ssa_offer_pdf_write (offer, inventory, info, refused, &error));
  g_assert_error (error, SSA_DOCUMENT_ERROR, SSA_DOCUMENT_ERROR_LOGO);
  g_assert_cmpuint (test_docs_count_files (dir), ==, 4);
  test_remove_tree (dir);
}

static void
test_unwritable (void)
{
  test_docs_check_unwritable (ssa_offer_pdf_write);
}

/* The one writer of an offer's files (ssa-offer-files.h), as the window, the renewal batch,
 * the e-mail and the command line use it: all the files asked for, or none. A workbook
 * that cannot be written leaves no PDF behind, and says which file failed. */
static void
test_files_all_or_nothing (void)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = test_docs_sample_offer ("lapsed", "2026-11-28", &inventory);
  g_autoptr(SsaDocumentInfo) info = ssa_document_info_new_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_docs_make_dir ();
  g_autofree char *json = ssa_offer_to_json (offer);
  g_autofree char *pdf = g_build_filename (dir, "offer.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "offer.xlsx", NULL);
  g_autofree char *json_path = g_build_filename (dir, "offer.json", NULL);
  g_autofree char *bad = g_build_filename (dir, "no-such-folder", "offer.xlsx", NULL);
  g_autofree char *contents = NULL;
  SsaOfferFilePaths files = { { NULL, } };
  SsaOfferFile failed = SSA_OFFER_FILE_JSON;

  files.paths[SSA_OFFER_FILE_PDF] = pdf;
  files.paths[SSA_OFFER_FILE_XLSX] = bad;
  g_assert_false (ssa_offer_files_write (&files, NULL, offer, inventory, info, &failed, &error));
  g_assert_cmpint (failed, ==, SSA_OFFER_FILE_XLSX);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_assert_cmpuint (test_docs_count_files (dir), ==, 0);
  g_clear_error (&error);

  files.paths[SSA_OFFER_FILE_XLSX] = xlsx;
  files.paths[SSA_OFFER_FILE_JSON] = json_path;
  g_assert_true (ssa_offer_files_write (&files, json, offer, inventory, info, &failed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (test_docs_count_files (dir), ==, 3);
  g_assert_true (g_file_get_contents (json_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, json);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (xlsx, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK"));
  test_remove_tree (dir);
}

/* What the window's GtkPrintOperation does: paginate for the print context's page size
 * in begin-print, then draw each page on its cairo context, here scaled as for 144 dpi. */
static void
test_renderer (void)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = test_docs_sample_offer ("lapsed", "2026-11-28", &inventory);
  g_autoptr(SsaDocumentInfo) info = test_docs_numbered_info (SSA_LANG_NB);
  g_autoptr(SsaOfferPdf) pdf = NULL;
  g_autoptr(GError) error = NULL;
  const double letter_width = 612, letter_height = 792;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_matrix_t before, after;
  guint n_a4, n_letter, page;
  const guint8 *pixels;
  int stride, x, y;
  gboolean ink = FALSE;

  pdf = ssa_offer_pdf_new (offer, inventory, info, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ssa_offer_pdf_get_n_pages (pdf), ==, 0);

  n_a4 = ssa_offer_pdf_paginate (pdf, SSA_OFFER_PDF_A4_WIDTH, SSA_OFFER_PDF_A4_HEIGHT);
  g_assert_cmpuint (n_a4, ==, 2);
  /* The same size again is the same pagination. */
  g_assert_cmpuint (ssa_offer_pdf_paginate (pdf, SSA_OFFER_PDF_A4_WIDTH,
                                            SSA_OFFER_PDF_A4_HEIGHT), ==, n_a4);
  n_letter = ssa_offer_pdf_paginate (pdf, letter_width, letter_height);
  g_assert_cmpuint (n_letter, >=, 1);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) letter_width * 2,
                                        (int) letter_height * 2);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, 2, 2);
  cairo_get_matrix (cr, &before);
  for (page = 0; page < n_letter; page++)
    ssa_offer_pdf_render_page (pdf, cr, page, letter_width, letter_height);
  cairo_get_matrix (cr, &after);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  /* The context is left as it was given. */
  g_assert_cmpfloat (before.xx, ==, after.xx);
  g_assert_cmpfloat (before.x0, ==, after.x0);
  g_assert_cmpfloat (before.y0, ==, after.y0);
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (y = 0; y < 200 && !ink; y++)
    for (x = 0; x < (int) letter_width * 2 && !ink; x++)
      if ((*(const guint32 *) (pixels + y * stride + x * 4) & 0xffffff) != 0xffffff)
        ink = TRUE;
  g_assert_true (ink);
  cairo_surface_destroy (surface);

  /* Drawing at another size paginates again. */
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  ssa_offer_pdf_render_page (pdf, cr, 0, SSA_OFFER_PDF_A4_WIDTH, SSA_OFFER_PDF_A4_HEIGHT);
  g_assert_cmpuint (ssa_offer_pdf_get_n_pages (pdf), ==, n_a4);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Documents */

static void
test_strings_consistent (void)
{
  guint id;

  for (id = 0; id < SSA_N_DOC_STRINGS; id++)
    {
      const char *english = ssa_doc_string_builtin (SSA_LANG_EN, id);
      const char *bokmal = ssa_doc_string_builtin (SSA_LANG_NB, id);
      g_autofree char *want = NULL;
      g_autofree char *have = NULL;
      const char *p;
      GString *e = g_string_new (NULL), *b = g_string_new (NULL);

      g_assert_nonnull (english);
      g_assert_nonnull (bokmal);
      g_assert_cmpstr (english, !=, "");
      g_assert_cmpstr (bokmal, !=, "");
      g_assert_true (g_utf8_validate (bokmal, -1, NULL));
      /* The same printf directives, in the same order. */
      for (p = english; (p = strchr (p, '%')) != NULL; p += 2)
        g_string_append_c (e, p[1]);
      for (p = bokmal; (p = strchr (p, '%')) != NULL; p += 2)
        g_string_append_c (b, p[1]);
      want = g_string_free (e, FALSE);
      have = g_string_free (b, FALSE);
      g_assert_cmpstr (want, ==, have);
      g_assert_cmpstr (ssa_doc_string (SSA_LANG_EN, id), ==, english);
    }
  /* Whatever the catalogue holds, Bokmål is never English where it matters. */
  g_assert_cmpstr (ssa_doc_string (SSA_LANG_NB, SSA_DOC_TITLE), ==,
                   "Tilbud på SSA (programvareavtale)");
  g_assert_cmpstr (ssa_doc_string_kind (SSA_LANG_NB, SSA_KIND_THIRD_PARTY), ==, "Tredjepart");
}

/* A GNU .mo file of @n entries (msgid, msgstr pairs, sorted), without a hash table. */
static GBytes *
make_mo (const char * const *entries,
         guint               n)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint32 header[7] = { 0x950412de, 0, n, 28, 28 + 8 * n, 0, 28 + 16 * n };
  guint32 offset = 28 + 16 * n;
  guint i, pass;

  g_byte_array_append (data, (const guint8 *) header, sizeof header);
  for (pass = 0; pass < 2; pass++)
    for (i = 0; i < n; i++)
      {
        const char *text = entries[2 * i + pass];
        /* The strings follow the tables: originals first, then translations. */
        guint32 pair[2] = { (guint32) strlen (text), offset };

        g_byte_array_append (data, (const guint8 *) pair, sizeof pair);
        offset += pair[0] + 1;
      }
  for (pass = 0; pass < 2; pass++)
    for (i = 0; i < n; i++)
      g_byte_array_append (data, (const guint8 *) entries[2 * i + pass],
                           strlen (entries[2 * i + pass]) + 1);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static void
test_strings_catalogue (void)
{
  g_autofree char *dir = test_docs_make_dir ();
  g_autofree char *messages = g_build_filename (dir, "nb", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (messages, GETTEXT_PACKAGE ".mo", NULL);
  g_autofree char *title_key = g_strconcat (SSA_DOC_STRINGS_CONTEXT "\004",
                                            ssa_doc_string_english (SSA_DOC_TITLE), NULL);
  g_autofree char *page_key = g_strconcat (SSA_DOC_STRINGS_CONTEXT "\004",
                                           ssa_doc_string_english (SSA_DOC_PAGE), NULL);
  g_autofree char *path = NULL;
  const char *entries[] = {
    "", "Content-Type: text/plain; charset=UTF-8\n",
    title_key, "Tilbud (fra katalogen)",
    /* A translation whose directives differ from the msgid's is never used. */
    page_key, "Side %s",
  };
  g_autoptr(GBytes) bytes = make_mo (entries, G_N_ELEMENTS (entries) / 2);

  g_assert_cmpint (g_mkdir_with_parents (messages, 0755), ==, 0);
  g_assert_true (g_file_set_contents (mo, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL));

  ssa_doc_strings_set_localedir (dir);
  path = ssa_doc_strings_dup_catalogue_path ();
  g_assert_cmpstr (path, ==, mo);
  g_assert_cmpstr (ssa_doc_string (SSA_LANG_NB, SSA_DOC_TITLE), ==, "Tilbud (fra katalogen)");
  g_assert_cmpstr (ssa_doc_string (SSA_LANG_NB, SSA_DOC_PAGE), ==, "Side %u av %u");
  g_assert_cmpstr (ssa_doc_string (SSA_LANG_NB, SSA_DOC_DATE), ==, "Dato");
  g_assert_cmpstr (ssa_doc_string (SSA_LANG_EN, SSA_DOC_TITLE), ==,
                   "SSA offer (software service agreement)");

  /* A damaged catalogue is ignored. */
  g_assert_true (g_file_set_contents (mo, "\xde\x12\x04\x95garbage", 11, NULL));
  ssa_doc_strings_set_localedir (dir);
  g_assert_cmpstr (ssa_doc_string (SSA_LANG_NB, SSA_DOC_TITLE), ==,
                   "Tilbud på SSA (programvareavtale)");

  /* No catalogue at all: the built-in Bokmål. */
  g_unlink (mo);
  ssa_doc_strings_set_localedir (dir);
  g_assert_cmpstr (ssa_doc_string (SSA_LANG_NB, SSA_DOC_TITLE), ==,
                   "Tilbud på SSA (programvareavtale)");

  ssa_doc_strings_set_localedir (NULL);
  test_remove_tree (dir);
}

/* The document's language is its own: not the process locale's. */
static void
test_strings_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  g_assert_nonnull (setlocale (LC_ALL, "C"));
  g_assert_cmpstr (ssa_doc_string (SSA_LANG_NB, SSA_DOC_VALID_UNTIL), ==,
                   "Tilbudet gjelder til");
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  g_assert_cmpstr (ssa_doc_string (SSA_LANG_NB, SSA_DOC_PAGE), ==, "Side %u av %u");
  setlocale (LC_ALL, saved);
}

/* The command line */

typedef struct
{
  char *cli;
  char *price_list;
  char *samples;
  char *work;
} CliFixture;

static void
cli_setup (CliFixture    *f,
           gconstpointer  data)
{
  f->cli = test_cli_path ();
  f->price_list = test_cli_source_path ("data", "sample-price-list.json", NULL);
  f->samples = test_cli_source_path ("data", "sample-installations", NULL);
  f->work = test_docs_make_dir ();
}

static void
cli_teardown (CliFixture    *f,
              gconstpointer  data)
{
  test_remove_tree (f->work);
  g_free (f->work);
  g_free (f->samples);
  g_free (f->price_list);
  g_free (f->cli);
}

static char *
work_path (CliFixture *f,
           const char *name)
{
  return g_build_filename (f->work, name, NULL);
}

static char *
run_quote (CliFixture  *f,
           const char  *sample,
           int         *status,
           char       **err,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  const char *arg;
  va_list args;
  char *out;

  if (!g_file_test (f->cli, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("%s was not built", f->cli);

  g_ptr_array_add (argv, g_strdup (f->cli));
  g_ptr_array_add (argv, g_strdup ("quote"));
  g_ptr_array_add (argv, g_strdup ("--price-list"));
  g_ptr_array_add (argv, g_strdup (f->price_list));
  g_ptr_array_add (argv, g_strdup ("--installation"));
  g_ptr_array_add (argv, g_strconcat (f->samples, G_DIR_SEPARATOR_S, sample, ".json", NULL));
  g_ptr_array_add (argv, g_strdup ("--today"));
  g_ptr_array_add (argv, g_strdup ("2026-11-28"));
  va_start (args, err);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, arg[0] == '@' ? work_path (f, arg + 1) : g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  out = test_docs_run ((const char * const *) argv->pdata, status, err);
  return out;
}

static void
test_cli_outputs (CliFixture    *f,
                  gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *pdf = work_path (f, "offer.pdf");
  g_autofree char *text = NULL;
  int status;

  if (!have_poppler ())
    return;

  out = run_quote (f, "lapsed", &status, &err, "--json", "@offer.json", "--xlsx", "@offer.xlsx",
                   "--pdf", "@offer.pdf", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpuint (test_docs_count_files (f->work), ==, 3);

  /* Bokmål by default, whatever the locale; the sample reseller's unnumbered draft. */
  text = pdf_text (pdf, "-layout", 0);
  assert_contains (text, "Tilbud på SSA (programvareavtale)");
  assert_contains (text, "3 764,68 kr");
  assert_contains (text, "Utkast");
  assert_contains (text, "Nordlys Kommunikasjon AS");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_quote (f, "lapsed", &status, &err, "--pdf", "@offer.pdf", "--lang", "en",
                   "--json", "-", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "{"));
  text = pdf_text (pdf, "-layout", 0);
  assert_contains (text, "SSA offer (software service agreement)");
  assert_contains (text, "NOK 3,764.68");
}

static void
test_cli_failure_leaves_nothing (CliFixture    *f,
                                 gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  /* The PDF cannot be written: neither are the JSON and the workbook, which come first. */
  out = run_quote (f, "lapsed", &status, &err, "--json", "@offer.json", "--xlsx", "@offer.xlsx",
                   "--pdf", "@no-such-folder/offer.pdf", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "--pdf: "));
  g_assert_nonnull (strstr (err, "no-such-folder"));
  g_assert_cmpuint (test_docs_count_files (f->work), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Refused inputs write nothing either. */
  out = run_quote (f, "saas", &status, &err, "--xlsx", "@offer.xlsx", "--pdf", "@offer.pdf", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (test_docs_count_files (f->work), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_quote (f, "lapsed", &status, &err, "--pdf", "@offer.pdf", "--lang", "de", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "--lang"));
  g_assert_cmpuint (test_docs_count_files (f->work), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf/lapsed/bokmal", test_lapsed_bokmal);
  g_test_add_func ("/pdf/lapsed/bokmal-picture", test_lapsed_bokmal_picture);
  g_test_add_func ("/pdf/lapsed/english", test_lapsed_english);
  g_test_add_func ("/pdf/draft", test_draft);
  g_test_add_func ("/pdf/co-terming", test_co_terming);
  for (guint i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pdf/instalments/%s",
                                               ssa_billing_to_string (plans[i].billing));

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_instalments);
    }
  g_test_add_func ("/pdf/instalments/remainder", test_instalments_remainder);
  g_test_add_func ("/pdf/discounts-and-labour", test_discounts_and_labour);
  g_test_add_func ("/pdf/long-table", test_long_table);
  g_test_add_func ("/pdf/row-taller-than-page", test_row_taller_than_page);
  g_test_add_func ("/pdf/logo", test_logo);
  g_test_add_func ("/pdf/unwritable", test_unwritable);
  g_test_add_func ("/pdf/files-all-or-nothing", test_files_all_or_nothing);
  g_test_add_func ("/pdf/renderer", test_renderer);
  g_test_add_func ("/pdf/strings/consistent", test_strings_consistent);
  g_test_add_func ("/pdf/strings/catalogue", test_strings_catalogue);
  g_test_add_func ("/pdf/strings/locale", test_strings_locale);
  g_test_add ("/pdf/cli/outputs", CliFixture, NULL, cli_setup, test_cli_outputs, cli_teardown);
  g_test_add ("/pdf/cli/failure-leaves-nothing", CliFixture, NULL, cli_setup,
              test_cli_failure_leaves_nothing, cli_teardown);

  return g_test_run ();
}
