/* ssa-offer-xlsx.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-documents"

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-document-details.h"
#include "ssa-offer-xlsx.h"
#include "ssa-org-no.h"
#include "ssa-xlsx-lib.h"

/* The workbook has two sheets.
 *
 * "Tilbud" (Offer): the lines table in columns A to J under a frozen header row, and beside
 * it, in columns L and M, the offer's details, the inputs (yellow cells) and the totals.
 * Every computed cell is a formula by docs/rules.md that carries the engine's value as its
 * cached result, so the workbook shows the right figures before any recalculation and
 * recomputes by the same rules when a quantity or an input changes:
 *
 *   months  =(YEAR(G)-YEAR(F))*12+MONTH(G)-MONTH(F)+IF(DAY(G)>=DAY(F),1,0)
 *   SSC     =ROUND(D*E*H/12,2)              regular
 *           =ROUND(D*E*H*multiplier/12,2)   back-payment
 *   amount  =ROUND(I*price,2)
 *   totals  SUM and SUMIF over the lines, then step 5 of docs/rules.md with ROUND once each;
 *           the billing discount and the discount are shown as negative amounts.
 *
 * An offer with a true-up (docs/documents.md) has its lines in two sections: the SSA's
 * lines with their subtotal (=SUM of their amounts), then a title row and the missing
 * licences (amount =ROUND(D*unit price,2), hidden code 3, summed into the licences total)
 * with their SSA and a subtotal of their own.
 *
 * "Lisenser" (Licences): the installation's inventory, excluded items included.
 *
 * Text from users, price lists and imports is only ever written with
 * worksheet_write_string(): a name such as "=HYPERLINK(…)" or "+47 22 00 00 00" is a string
 * cell, never a formula. */

#define COL_CODE     0
#define COL_PRODUCT  1
#define COL_SEGMENT  2
#define COL_QUANTITY 3
#define COL_PER_YEAR 4
#define COL_FROM     5
#define COL_TO       6
#define COL_MONTHS   7
#define COL_SSC      8
#define COL_AMOUNT   9
#define COL_SPACER   10
#define COL_LABEL    11
#define COL_VALUE    12
#define N_COLUMNS    13
#define COL_SEGMENT_CODE 13  /* hidden: 1 renewal, 2 back-payment, 3 new licence (true-up),
                              * 0 other; the totals sum
                              * by it, never by the segment's displayed text */

#define HEADER_ROW   3       /* the lines table's header on "Tilbud" */
#define MAX_TEXT     32767   /* Excel's limit of a cell's text */
#define MAX_WIDTH    60.0

#define COLOR_ACCENT      0x1F4E79
#define COLOR_MUTED       0x5C636E
#define COLOR_HEADER_FILL 0xEDF1F5
#define COLOR_INPUT_FILL  0xFFF2CC
#define COLOR_BORDER      0xB9C1CC
#define COLOR_NOTE        0x8A4500

typedef struct
{
  const SsaOffer        *offer;
  const SsaInventory    *inventory;
  const SsaDocumentInfo *info;
  SsaLang                lang;
  lxw_workbook          *workbook;
  lxw_worksheet         *sheet;
  lxw_error              status;      /* the first error of libxlsxwriter */
  char                  *too_large;   /* what does not fit in a workbook */
  double                 widths[N_COLUMNS];
  gboolean               local_names; /* an alternative's sheet: its names are its own */

  lxw_format            *title;
  lxw_format            *subtitle;
  lxw_format            *header;
  lxw_format            *header_right;
  lxw_format            *header_center;
  lxw_format            *panel_heading;
  lxw_format            *label;
  lxw_format            *bold;
  lxw_format            *note;
  lxw_format            *note_wrap;
  lxw_format            *date;
  lxw_format            *count;
  lxw_format            *ssc;
  lxw_format            *money;
  lxw_format            *money_bold;
  lxw_format            *money_total;
  lxw_format            *input_money;
  lxw_format            *input_number;
  lxw_format            *input_count;
} Writer;

static const char *
doc (Writer       *w,
     SsaDocString  id)
{
  return ssa_doc_string (w->lang, id);
}

static void
check (Writer    *w,
       lxw_error  error)
{
  if (error != LXW_NO_ERROR && w->status == LXW_NO_ERROR)
    w->status = error;
}

static void
track_width (Writer    *w,
             lxw_col_t  col,
             double     chars)
{
  if (col < N_COLUMNS)
    w->widths[col] = MAX (w->widths[col], MIN (chars, MAX_WIDTH));
}

/* Every text cell goes through here: a string cell, whatever the text looks like. */
static void
write_text (Writer      *w,
            lxw_row_t    row,
            lxw_col_t    col,
            const char  *text,
            lxw_format  *format,
            gboolean     fit)
{
  glong length;

  if (text == NULL || text[0] == '\0')
    return;
  length = g_utf8_strlen (text, -1);
  if (length > MAX_TEXT)
    {
      if (w->too_large == NULL)
        w->too_large = g_strdup_printf (_("a text of %ld characters does not fit in a "
                                          "spreadsheet cell (at most %d)"),
                                        length, MAX_TEXT);
      return;
    }
  check (w, worksheet_write_string (w->sheet, row, col, text, format));
  if (fit)
    track_width (w, col, length * 1.1 + 2);
}

static void
write_number (Writer     *w,
              lxw_row_t   row,
              lxw_col_t   col,
              double      value,
              lxw_format *format,
              double      chars)
{
  check (w, worksheet_write_number (w->sheet, row, col, value, format));
  track_width (w, col, chars);
}

static void
write_date (Writer      *w,
            lxw_row_t    row,
            lxw_col_t    col,
            const GDate *date,
            lxw_format  *format)
{
  lxw_datetime datetime = { 0 };

  if (!ssa_date_is_set (date))
    return;
  datetime.year = g_date_get_year (date);
  datetime.month = g_date_get_month (date);
  datetime.day = g_date_get_day (date);
  check (w, worksheet_write_datetime (w->sheet, row, col, &datetime, format));
  track_width (w, col, 12);
}

/* A formula with the engine's value as its cached result. */
static void
write_formula (Writer     *w,
               lxw_row_t   row,
               lxw_col_t   col,
               const char *formula,
               lxw_format *format,
               double      value,
               double      chars)
{
  /* -0.0 would be cached as "-0". */
  if (value == 0)
    value = 0;
  check (w, worksheet_write_formula_num (w->sheet, row, col, formula, format, value));
  track_width (w, col, chars);
}

static double
hundredths (gint64 value)
{
  return (double) value / 100.0;
}

/* The width in characters of an amount as Excel shows it, with the currency. */
static double
money_chars (gint64 value)
{
  guint64 units = (guint64) ABS (value) / 100;
  int digits = 1;

  while (units >= 10)
    {
      units /= 10;
      digits++;
    }
  /* Digits, thousands separators, the decimals and the currency. */
  return digits + (digits - 1) / 3 + 3 + 4;
}

/* Text for a header or footer, where "&" starts a code. */
static char *
header_text (const char *text,
             glong       max_chars)
{
  g_autofree char *cut = NULL;
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, -1) > max_chars)
    {
      const char *end = g_utf8_offset_to_pointer (text, max_chars - 1);

      cut = g_strdup_printf ("%.*s…", (int) (end - text), text);
      text = cut;
    }
  parts = g_strsplit (text, "&", -1);
  return g_strjoinv ("&&", parts);
}

static void
make_formats (Writer *w)
{
  const char *unit = ssa_document_currency_unit (w->offer, w->lang);
  g_autofree char *money = NULL;
  const char *date = w->lang == SSA_LANG_NB ? "dd.mm.yyyy" : "yyyy-mm-dd";

  /* Number formats are stored in Excel's own (en-US) notation; a Norwegian Excel or
   * LibreOffice shows #,##0.00 as "1 234,50". The unit follows the amount in Bokmål. */
  if (w->lang == SSA_LANG_NB)
    money = g_strdup_printf ("#,##0.00 \"%s\"", unit);
  else
    money = g_strdup_printf ("\"%s \"#,##0.00", unit);

  w->title = workbook_add_format (w->workbook);
  format_set_bold (w->title);
  format_set_font_size (w->title, 14);
  format_set_font_color (w->title, COLOR_ACCENT);

  w->subtitle = workbook_add_format (w->workbook);
  format_set_font_color (w->subtitle, COLOR_MUTED);

  w->header = workbook_add_format (w->workbook);
  format_set_bold (w->header);
  format_set_bg_color (w->header, COLOR_HEADER_FILL);
  format_set_bottom (w->header, LXW_BORDER_THIN);
  format_set_bottom_color (w->header, COLOR_BORDER);

  w->header_right = workbook_add_format (w->workbook);
  format_set_bold (w->header_right);
  format_set_bg_color (w->header_right, COLOR_HEADER_FILL);
  format_set_bottom (w->header_right, LXW_BORDER_THIN);
  format_set_bottom_color (w->header_right, COLOR_BORDER);
  format_set_align (w->header_right, LXW_ALIGN_RIGHT);

  w->header_center = workbook_add_format (w->workbook);
  format_set_bold (w->header_center);
  format_set_bg_color (w->header_center, COLOR_HEADER_FILL);
  format_set_bottom (w->header_center, LXW_BORDER_THIN);
  format_set_bottom_color (w->header_center, COLOR_BORDER);
  format_set_align (w->header_center, LXW_ALIGN_CENTER);

  w->panel_heading = workbook_add_format (w->workbook);
  format_set_bold (w->panel_heading);
  format_set_font_color (w->panel_heading, COLOR_ACCENT);
  format_set_bg_color (w->panel_heading, COLOR_HEADER_FILL);
  format_set_bottom (w->panel_heading, LXW_BORDER_THIN);
  format_set_bottom_color (w->panel_heading, COLOR_BORDER);

  w->label = workbook_add_format (w->workbook);
  format_set_font_color (w->label, COLOR_MUTED);

  w->bold = workbook_add_format (w->workbook);
  format_set_bold (w->bold);

  w->note = workbook_add_format (w->workbook);
  format_set_italic (w->note);
  format_set_font_color (w->note, COLOR_NOTE);

  w->note_wrap = workbook_add_format (w->workbook);
  format_set_italic (w->note_wrap);
  format_set_font_color (w->note_wrap, COLOR_NOTE);
  format_set_text_wrap (w->note_wrap);
  format_set_align (w->note_wrap, LXW_ALIGN_VERTICAL_TOP);

  w->date = workbook_add_format (w->workbook);
  format_set_num_format (w->date, date);
  format_set_align (w->date, LXW_ALIGN_CENTER);

  w->count = workbook_add_format (w->workbook);
  format_set_num_format (w->count, "#,##0");

  w->ssc = workbook_add_format (w->workbook);
  format_set_num_format (w->ssc, "#,##0.00");

  w->money = workbook_add_format (w->workbook);
  format_set_num_format (w->money, money);

  w->money_bold = workbook_add_format (w->workbook);
  format_set_num_format (w->money_bold, money);
  format_set_bold (w->money_bold);
  format_set_top (w->money_bold, LXW_BORDER_THIN);

  w->money_total = workbook_add_format (w->workbook);
  format_set_num_format (w->money_total, money);
  format_set_bold (w->money_total);
  format_set_font_color (w->money_total, COLOR_ACCENT);
  format_set_top (w->money_total, LXW_BORDER_MEDIUM);
  format_set_bottom (w->money_total, LXW_BORDER_DOUBLE);

  w->input_money = workbook_add_format (w->workbook);
  format_set_num_format (w->input_money, money);
  format_set_bg_color (w->input_money, COLOR_INPUT_FILL);
  format_set_border (w->input_money, LXW_BORDER_THIN);
  format_set_border_color (w->input_money, COLOR_BORDER);

  w->input_number = workbook_add_format (w->workbook);
  format_set_bg_color (w->input_number, COLOR_INPUT_FILL);
  format_set_border (w->input_number, LXW_BORDER_THIN);
  format_set_border_color (w->input_number, COLOR_BORDER);

  /* A quantity a customer may change: yellow like the inputs. */
  w->input_count = workbook_add_format (w->workbook);
  format_set_num_format (w->input_count, "#,##0");
  format_set_bg_color (w->input_count, COLOR_INPUT_FILL);
  format_set_border (w->input_count, LXW_BORDER_THIN);
  format_set_border_color (w->input_count, COLOR_BORDER);

  /* The cells a customer may change are the only unlocked ones of the protected sheet. */
  format_set_unlocked (w->input_money);
  format_set_unlocked (w->input_number);
  format_set_unlocked (w->input_count);
}

static void
set_widths (Writer *w,
            guint   n_columns)
{
  lxw_col_t col;

  for (col = 0; col < n_columns; col++)
    check (w, worksheet_set_column (w->sheet, col, col, MAX (w->widths[col], 4), NULL));
  memset (w->widths, 0, sizeof w->widths);
}

static void
set_print_setup (Writer     *w,
                 const char *offer_text,
                 gboolean    landscape)
{
  g_autofree char *company = header_text (w->info->reseller.company_name, 60);
  g_autofree char *title = header_text (doc (w, SSA_DOC_TITLE), 80);
  g_autofree char *offer = header_text (offer_text, 60);
  g_autofree char *header = g_strdup_printf ("&L%s&C%s&R%s", company, title, offer);
  g_autofree char *footer = g_strdup_printf ("&L%s&R%s", offer, doc (w, SSA_DOC_XLSX_PAGE));

  worksheet_set_paper (w->sheet, 9);   /* A4 */
  if (landscape)
    worksheet_set_landscape (w->sheet);
  worksheet_fit_to_pages (w->sheet, 1, 0);
  check (w, worksheet_set_header (w->sheet, header));
  check (w, worksheet_set_footer (w->sheet, footer));
}

static void
define_name (Writer     *w,
             const char *sheet_name,
             const char *name,
             lxw_row_t   row,
             lxw_col_t   col)
{
  char cell[LXW_MAX_CELL_NAME_LENGTH];
  g_autofree char *formula = NULL;

  lxw_rowcol_to_cell_abs (cell, row, col, 1, 1);
  formula = g_strdup_printf ("='%s'!%s", sheet_name, cell);
  if (w->local_names)
    {
      /* Each alternative's sheet has the same names, each local to its sheet. */
      g_autofree char *local = g_strdup_printf ("'%s'!%s", sheet_name, name);

      check (w, workbook_define_name (w->workbook, local, formula));
    }
  else
    check (w, workbook_define_name (w->workbook, name, formula));
}

typedef struct
{
  lxw_row_t price;
  lxw_row_t multiplier;
  lxw_row_t vat;
  lxw_row_t billing_discount;
  lxw_row_t discount;
  lxw_row_t hours;
  lxw_row_t rate;
} InputRows;

/* An address of several lines in one cell: "Storgata 10, 0155 Oslo". */
static char *
one_line (const char *text)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);

  if (text == NULL)
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      g_string_append_printf (joined, "%s%s", joined->len > 0 ? ", " : "", lines[i]);
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static lxw_row_t
write_panel_row (Writer      *w,
                 lxw_row_t    row,
                 const char  *label,
                 const char  *value)
{
  if (value == NULL || value[0] == '\0')
    return row;
  if (label[0] != '\0')
    write_text (w, row, COL_LABEL, label, w->label, TRUE);
  write_text (w, row, COL_VALUE, value, NULL, TRUE);
  return row + 1;
}

static lxw_row_t
write_details (Writer     *w,
               lxw_row_t   row,
               const char *offer_number)
{
  const SsaInventory *inventory = w->inventory;
  g_autofree char *org_no = NULL;
  GDate date;

  write_text (w, row, COL_LABEL, doc (w, SSA_DOC_OFFER_NUMBER), w->panel_heading, TRUE);
  write_text (w, row, COL_VALUE, offer_number, w->panel_heading, TRUE);
  row++;
  if (offer_number != NULL && w->info->revision > 1)
    {
      g_autofree char *revision = g_strdup_printf ("%u", w->info->revision);

      row = write_panel_row (w, row, doc (w, SSA_DOC_REVISION), revision);
    }
  ssa_document_info_get_created (w->info, w->offer, &date);
  write_text (w, row, COL_LABEL, doc (w, SSA_DOC_DATE), w->label, TRUE);
  write_date (w, row++, COL_VALUE, &date, w->date);
  ssa_document_info_get_valid_until (w->info, w->offer, &date);
  write_text (w, row, COL_LABEL, doc (w, SSA_DOC_VALID_UNTIL), w->label, TRUE);
  write_date (w, row++, COL_VALUE, &date, w->date);
  write_text (w, row, COL_LABEL, doc (w, SSA_DOC_ACCEPT_DEADLINE), w->label, TRUE);
  write_date (w, row++, COL_VALUE, &date, w->date);

  /* The seller as Norwegian business documents name it. */
  {
    const SsaResellerProfile *reseller = &w->info->reseller;
    g_autofree char *seller_org_no = ssa_document_format_org_no (reseller->org_no,
                                                                 reseller->vat_registered);
    g_autofree char *address = one_line (reseller->address);

    row = write_panel_row (w, row, doc (w, SSA_DOC_SELLER), reseller->company_name);
    row = write_panel_row (w, row, doc (w, SSA_DOC_ORG_NO), seller_org_no);
    if (reseller->in_foretaksregisteret)
      row = write_panel_row (w, row, "", "Foretaksregisteret");
    row = write_panel_row (w, row, doc (w, SSA_DOC_ADDRESS), address);
    row = write_panel_row (w, row, doc (w, SSA_DOC_PHONE), reseller->phone);
    row = write_panel_row (w, row, doc (w, SSA_DOC_EMAIL), reseller->email);
    row = write_panel_row (w, row, doc (w, SSA_DOC_OUR_REF), w->info->our_reference);
  }
  {
    const SsaCustomerInfo *customer = &inventory->customer;
    g_autofree char *address = one_line (customer->address);

    org_no = ssa_document_format_org_no (customer->org_no, FALSE);
    row = write_panel_row (w, row, doc (w, SSA_DOC_CUSTOMER), customer->name);
    row = write_panel_row (w, row, doc (w, SSA_DOC_ORG_NO), org_no);
    row = write_panel_row (w, row, doc (w, SSA_DOC_ADDRESS), address);
    row = write_panel_row (w, row, doc (w, SSA_DOC_YOUR_REF), customer->contact);
    row = write_panel_row (w, row, doc (w, SSA_DOC_EMAIL), customer->email);
  }
  row = write_panel_row (w, row, doc (w, SSA_DOC_INSTALLATION), inventory->name);
  row = write_panel_row (w, row, doc (w, SSA_DOC_SERIAL), inventory->serial);
  row = write_panel_row (w, row, doc (w, SSA_DOC_FIRMWARE), inventory->firmware);
  write_text (w, row, COL_LABEL, doc (w, SSA_DOC_CURRENT_SSA_END), w->label, TRUE);
  if (ssa_date_is_set (&inventory->ssa_expiry))
    write_date (w, row++, COL_VALUE, &inventory->ssa_expiry, w->date);
  else
    write_text (w, row++, COL_VALUE, doc (w, SSA_DOC_NO_SSA), NULL, TRUE);
  write_text (w, row, COL_LABEL, doc (w, SSA_DOC_PERIOD_FROM), w->label, TRUE);
  write_date (w, row++, COL_VALUE, &w->offer->start, w->date);
  write_text (w, row, COL_LABEL, doc (w, SSA_DOC_PERIOD_TO), w->label, TRUE);
  write_date (w, row++, COL_VALUE, &w->offer->end, w->date);
  row = write_panel_row (w, row, doc (w, SSA_DOC_PRICE_LIST),
                         ssa_document_info_get_price_list_name (w->info));
  row = write_panel_row (w, row, doc (w, SSA_DOC_BILLING),
                         ssa_document_billing_label (w->offer->billing, w->lang));
  {
    g_autofree char *plan = ssa_document_instalments_text (w->offer, w->lang);

    row = write_panel_row (w, row, doc (w, SSA_DOC_INSTALMENTS), plan);
  }
  return row;
}

static lxw_row_t
write_inputs (Writer      *w,
              lxw_row_t    row,
              const char  *sheet_name,
              InputRows   *rows)
{
  const SsaOffer *offer = w->offer;
  g_autofree char *price_label = NULL;

  price_label = ssa_doc_string_printf (w->lang, SSA_DOC_INPUT_SSC_PRICE,
                                       ssa_document_currency_unit (offer, w->lang));

  write_text (w, row, COL_LABEL, doc (w, SSA_DOC_INPUTS), w->panel_heading, TRUE);
  check (w, worksheet_write_blank (w->sheet, row++, COL_VALUE, w->panel_heading));

#define INPUT(field, label_id, label_text, value, format, name) G_STMT_START {                \
    rows->field = row;                                                                        \
    write_text (w, row, COL_LABEL, (label_text) != NULL ? (label_text) : doc (w, label_id),   \
                NULL, TRUE);                                                                  \
    write_number (w, row, COL_VALUE, (value), (format), 12);                                  \
    define_name (w, sheet_name, (name), row, COL_VALUE);                                      \
    row++;                                                                                    \
  } G_STMT_END

  INPUT (price, 0, price_label, hundredths (offer->ssc_price), w->input_money, "SSA_SscPrice");
  INPUT (multiplier, SSA_DOC_INPUT_MULTIPLIER, NULL, hundredths (offer->backpay_multiplier),
         w->input_number, "SSA_BackpayMultiplier");
  INPUT (vat, SSA_DOC_INPUT_VAT, NULL, hundredths (offer->vat_percent), w->input_number,
         "SSA_VatPercent");
  INPUT (billing_discount, SSA_DOC_INPUT_BILLING_DISCOUNT, NULL,
         hundredths (offer->billing_discount_percent), w->input_number,
         "SSA_BillingDiscountPercent");
  INPUT (discount, SSA_DOC_INPUT_DISCOUNT, NULL, hundredths (offer->discount_percent),
         w->input_number, "SSA_DiscountPercent");
  INPUT (hours, SSA_DOC_INPUT_LABOUR_HOURS, NULL,
         offer->has_labour ? hundredths (offer->labour_hours) : 0, w->input_number,
         "SSA_LabourHours");
  INPUT (rate, SSA_DOC_INPUT_LABOUR_RATE, NULL,
         offer->has_labour ? hundredths (offer->labour_rate) : 0, w->input_money,
         "SSA_LabourRate");
#undef INPUT

  return row;
}

static lxw_row_t
write_totals (Writer          *w,
              lxw_row_t        row,
              const char      *sheet_name,
              const InputRows *inputs,
              lxw_row_t        first,
              lxw_row_t        last)
{
  const SsaOfferTotals *t = &w->offer->totals;
  lxw_row_t r_regular, r_backpay, r_billing, r_subtotal, r_discount, r_labour, r_net, r_vat;
  lxw_row_t r_licences = 0;
  /* Excel's rows count from 1. */
  guint f = first + 1, l = last + 1;

  write_text (w, row, COL_LABEL, doc (w, SSA_DOC_TOTALS), w->panel_heading, TRUE);
  check (w, worksheet_write_blank (w->sheet, row++, COL_VALUE, w->panel_heading));

#define TOTAL(label, format, value, name, ...) G_STMT_START {                                  \
    g_autofree char *formula = g_strdup_printf (__VA_ARGS__);                                 \
    write_text (w, row, COL_LABEL, (label), NULL, TRUE);                                      \
    write_formula (w, row, COL_VALUE, formula, (format), (value), money_chars (t->total));    \
    define_name (w, sheet_name, (name), row, COL_VALUE);                                      \
    row++;                                                                                    \
  } G_STMT_END

  TOTAL (doc (w, SSA_DOC_TOTAL_SSC), w->ssc, hundredths (t->ssc), "SSA_TotalSsc",
         "=SUM(I%u:I%u)", f, l);
  r_regular = row;
  TOTAL (doc (w, SSA_DOC_TOTAL_REGULAR), w->money, hundredths (t->regular), "SSA_Regular",
         "=SUMIF(N%u:N%u,1,J%u:J%u)", f, l, f, l);
  r_backpay = row;
  TOTAL (doc (w, SSA_DOC_TOTAL_BACKPAY), w->money, hundredths (t->backpay), "SSA_Backpay",
         "=SUMIF(N%u:N%u,2,J%u:J%u)", f, l, f, l);
  r_billing = row;
  TOTAL (doc (w, SSA_DOC_XLSX_BILLING_DISCOUNT), w->money, -hundredths (t->billing_discount),
         "SSA_BillingDiscount", "=-ROUND(M%u*M%u/100,2)", r_regular + 1,
         inputs->billing_discount + 1);
  /* The new licences of a true-up: never billing-discounted, added after the discount. */
  if (ssa_offer_has_true_up (w->offer))
    {
      r_licences = row;
      TOTAL (doc (w, SSA_DOC_TOTAL_LICENCES), w->money, hundredths (t->licences),
             "SSA_Licences", "=SUMIF(N%u:N%u,3,J%u:J%u)", f, l, f, l);
    }
  r_subtotal = row;
  if (r_licences > 0)
    TOTAL (doc (w, SSA_DOC_TOTAL_SUBTOTAL), w->money_bold, hundredths (t->subtotal),
           "SSA_Subtotal", "=M%u+M%u+M%u+M%u", r_regular + 1, r_backpay + 1, r_billing + 1,
           r_licences + 1);
  else
    TOTAL (doc (w, SSA_DOC_TOTAL_SUBTOTAL), w->money_bold, hundredths (t->subtotal),
           "SSA_Subtotal", "=M%u+M%u+M%u", r_regular + 1, r_backpay + 1, r_billing + 1);
  r_discount = row;
  TOTAL (doc (w, SSA_DOC_XLSX_DISCOUNT), w->money, -hundredths (t->discount), "SSA_Discount",
         "=-ROUND(M%u*M%u/100,2)", r_subtotal + 1, inputs->discount + 1);
  r_labour = row;
  TOTAL (doc (w, SSA_DOC_XLSX_LABOUR), w->money, hundredths (t->labour), "SSA_Labour",
         "=ROUND(M%u*M%u,2)", inputs->hours + 1, inputs->rate + 1);
  r_net = row;
  TOTAL (doc (w, SSA_DOC_TOTAL_NET), w->money_bold, hundredths (t->net), "SSA_Net",
         "=M%u+M%u+M%u", r_subtotal + 1, r_discount + 1, r_labour + 1);
  r_vat = row;
  TOTAL (doc (w, SSA_DOC_XLSX_VAT), w->money, hundredths (t->vat), "SSA_Vat",
         "=ROUND(M%u*M%u/100,2)", r_net + 1, inputs->vat + 1);
  TOTAL (doc (w, SSA_DOC_TOTAL_TOTAL), w->money_total, hundredths (t->total), "SSA_Total",
         "=M%u+M%u", r_net + 1, r_vat + 1);
#undef TOTAL

  return row;
}

/* One note across the whole width of the sheet, wrapped, in a row tall enough for it: the
 * notes sit below the table and the panel, so that no line of the table grows taller. */
static void
write_note (Writer     *w,
            lxw_row_t   row,
            const char *text)
{
  double chars_per_line = 0;
  glong length = g_utf8_strlen (text, -1);
  guint lines;
  lxw_col_t col;

  if (length > MAX_TEXT)
    {
      write_text (w, row, COL_CODE, text, NULL, FALSE);   /* reports it */
      return;
    }
  for (col = 0; col < N_COLUMNS; col++)
    chars_per_line += MAX (w->widths[col], 4);
  lines = (guint) (length * 1.15 / MAX (chars_per_line, 20)) + 1;
  /* The text is written as a string by libxlsxwriter's merge, like every other text. */
  check (w, worksheet_merge_range (w->sheet, row, COL_CODE, row, COL_VALUE, text,
                                   w->note_wrap));
  check (w, worksheet_set_row (w->sheet, row, 15.0 * MIN (lines, 20), NULL));
}

static lxw_row_t
write_notes (Writer    *w,
             lxw_row_t  row)
{
  g_autofree char *backpay = ssa_document_backpay_note (w->offer, w->lang);
  gboolean heading = FALSE;
  guint i;

#define NOTE(text) G_STMT_START {                                                              \
    if (!heading)                                                                             \
      {                                                                                       \
        write_text (w, row++, COL_CODE, doc (w, SSA_DOC_WARNINGS), w->bold, FALSE);           \
        heading = TRUE;                                                                       \
      }                                                                                       \
    write_note (w, row++, (text));                                                            \
  } G_STMT_END

  if (backpay != NULL)
    NOTE (backpay);
  for (i = 0; i < w->offer->warnings->len; i++)
    {
      g_autofree char *text = ssa_document_warning_text (&g_array_index (w->offer->warnings,
                                                                         SsaOfferWarning, i),
                                                         w->inventory, w->lang);

      if (text != NULL)
        NOTE (text);
    }
  if (w->offer->has_labour)
    NOTE (doc (w, SSA_DOC_LABOUR_NOTE));
#undef NOTE

  return row;
}

static void
write_line (Writer             *w,
            lxw_row_t           row,
            const SsaOfferLine *line,
            const InputRows    *inputs)
{
  guint n = row + 1;

  write_text (w, row, COL_CODE, line->code, NULL, TRUE);
  write_text (w, row, COL_PRODUCT, line->name, NULL, TRUE);
  write_text (w, row, COL_SEGMENT, ssa_document_segment_label (line->segment, w->lang),
              NULL, TRUE);
  write_number (w, row, COL_QUANTITY, (double) line->quantity,
                line->segment == SSA_SEGMENT_REGULAR || line->segment == SSA_SEGMENT_BACKPAY ||
                line->segment == SSA_SEGMENT_LICENCE ? w->input_count : w->count, 8);
  check (w, worksheet_write_number (w->sheet, row, COL_SEGMENT_CODE,
                                    line->segment == SSA_SEGMENT_REGULAR ? 1
                                    : line->segment == SSA_SEGMENT_BACKPAY ? 2
                                    : line->segment == SSA_SEGMENT_LICENCE ? 3 : 0, NULL));
  if (line->segment == SSA_SEGMENT_LICENCE)
    {
      /* A new licence: its quantity times its list price; no SSC of its own. */
      char amount[80];
      g_autofree char *unit = ssa_decimal_to_string (line->unit_price);

      g_snprintf (amount, sizeof amount, "=ROUND(D%u*%s,2)", n, unit);
      write_formula (w, row, COL_AMOUNT, amount, w->money, hundredths (line->amount),
                     money_chars (line->amount));
      return;
    }
  if (line->segment != SSA_SEGMENT_EXCLUDED)
    write_number (w, row, COL_PER_YEAR, hundredths (line->ssc_per_year), w->ssc, 10);

  if (line->segment == SSA_SEGMENT_REGULAR || line->segment == SSA_SEGMENT_BACKPAY)
    {
      /* Buffers on the stack: a workbook of many lines writes three formulas a line. */
      char months[160], ssc[80], amount[64];

      write_date (w, row, COL_FROM, &line->start, w->date);
      write_date (w, row, COL_TO, &line->end, w->date);
      g_snprintf (months, sizeof months, "=(YEAR(G%u)-YEAR(F%u))*12+MONTH(G%u)-MONTH(F%u)"
                  "+IF(DAY(G%u)>=DAY(F%u),1,0)", n, n, n, n, n, n);
      if (line->segment == SSA_SEGMENT_BACKPAY)
        g_snprintf (ssc, sizeof ssc, "=ROUND(D%u*E%u*H%u*$M$%u/12,2)", n, n, n,
                    inputs->multiplier + 1);
      else
        g_snprintf (ssc, sizeof ssc, "=ROUND(D%u*E%u*H%u/12,2)", n, n, n);
      g_snprintf (amount, sizeof amount, "=ROUND(I%u*$M$%u,2)", n, inputs->price + 1);

      write_formula (w, row, COL_MONTHS, months, NULL, line->months, 6);
      write_formula (w, row, COL_SSC, ssc, w->ssc, hundredths (line->ssc), 10);
      write_formula (w, row, COL_AMOUNT, amount, w->money, hundredths (line->amount),
                     money_chars (line->amount));
    }
  else
    {
      /* Covered and excluded lines cost nothing in this offer. */
      write_number (w, row, COL_MONTHS, 0, NULL, 6);
      write_number (w, row, COL_SSC, 0, w->ssc, 10);
      write_number (w, row, COL_AMOUNT, 0, w->money, 10);
    }
}

/* A group's subtotal row in the lines table: the sum of its amounts, live. */
static void
write_group_subtotal (Writer       *w,
                      lxw_row_t     row,
                      SsaDocString  section,
                      SsaLineGroup  group,
                      lxw_row_t     first,
                      lxw_row_t     last)
{
  g_autofree char *label = ssa_doc_string_printf (w->lang, SSA_DOC_GROUP_SUBTOTAL,
                                                  doc (w, section));
  g_autofree char *formula = NULL;
  gint64 value = w->offer->group_totals[group];

  write_text (w, row, COL_PRODUCT, label, w->bold, FALSE);
  formula = last >= first ? g_strdup_printf ("=SUM(J%u:J%u)", first + 1, last + 1)
                          : g_strdup ("=0");
  write_formula (w, row, COL_AMOUNT, formula, w->money_bold, hundredths (value),
                 money_chars (value));
}

/* The lines of an offer with a true-up, in two sections (see the top of this file).
 * Returns: the last row of the lines' range (the true-up's last line) */
static lxw_row_t
write_grouped_lines (Writer          *w,
                     lxw_row_t        first,
                     const InputRows *inputs)
{
  const SsaOffer *offer = w->offer;
  lxw_row_t row = first;
  lxw_row_t group_first;

  for (guint i = 0; i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);

      if (line->group == SSA_LINE_GROUP_SSA)
        write_line (w, row++, line, inputs);
    }
  write_group_subtotal (w, row, SSA_DOC_SECTION_LINES, SSA_LINE_GROUP_SSA, first, row - 1);
  row++;
  write_text (w, row++, COL_CODE, doc (w, SSA_DOC_SECTION_TRUE_UP), w->bold, FALSE);
  group_first = row;
  for (guint i = 0; i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);

      if (line->group == SSA_LINE_GROUP_TRUE_UP)
        write_line (w, row++, line, inputs);
    }
  write_group_subtotal (w, row, SSA_DOC_SECTION_TRUE_UP, SSA_LINE_GROUP_TRUE_UP, group_first,
                        row - 1);
  return row;
}

/* The reseller's logo (PNG) over the top right of the sheet, at most 60 pixels high. */
static void
write_logo (Writer *w)
{
  const SsaResellerProfile *reseller = &w->info->reseller;
  g_autoptr(GBytes) bytes = NULL;
  lxw_image_options options = { 0 };
  const guchar *data;
  gsize size;
  double width, height, scale;

  if (reseller->logo_png != NULL)
    bytes = g_bytes_ref (reseller->logo_png);
  else if (reseller->logo_path != NULL)
    {
      g_autofree char *contents = NULL;

      if (!g_file_get_contents (reseller->logo_path, &contents, &size, NULL))
        return;   /* the PDF writer reports an unreadable logo */
      bytes = g_bytes_new_take (g_steal_pointer (&contents), size);
    }
  if (bytes == NULL)
    return;

  /* A PNG's size is in its IHDR chunk: bytes 16 to 23, big-endian. */
  data = g_bytes_get_data (bytes, &size);
  if (size < 24 || memcmp (data, "\211PNG\r\n\032\n", 8) != 0)
    return;
  width = (double) ((guint32) data[16] << 24 | (guint32) data[17] << 16 |
                    (guint32) data[18] << 8 | data[19]);
  height = (double) ((guint32) data[20] << 24 | (guint32) data[21] << 16 |
                     (guint32) data[22] << 8 | data[23]);
  if (width <= 0 || height <= 0)
    return;
  scale = MIN (1.0, MIN (60.0 / height, 220.0 / width));
  options.x_scale = scale;
  options.y_scale = scale;
  options.object_position = LXW_OBJECT_MOVE_DONT_SIZE;
  options.description = (char *) "Logo";
  check (w, worksheet_insert_image_buffer_opt (w->sheet, 0, COL_LABEL, data, size, &options));
}

static void
write_offer_sheet (Writer     *w,
                   const char *sheet_name,
                   const char *offer_number,
                   const char *offer_text)
{
  const SsaOffer *offer = w->offer;
  static const SsaDocString headers[] = {
    SSA_DOC_COL_ARTICLE, SSA_DOC_COL_PRODUCT, SSA_DOC_COL_SEGMENT, SSA_DOC_COL_QUANTITY,
    SSA_DOC_COL_SSC_PER_YEAR, SSA_DOC_COL_FROM, SSA_DOC_COL_TO, SSA_DOC_COL_MONTHS,
    SSA_DOC_COL_SSC, SSA_DOC_COL_AMOUNT,
  };
  InputRows inputs = { 0 };
  lxw_row_t first = HEADER_ROW + 1;
  lxw_row_t last = first + MAX (offer->lines->len, 1) - 1;
  lxw_row_t row;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  guint i;

  w->sheet = workbook_add_worksheet (w->workbook, sheet_name);
  if (w->sheet == NULL)
    {
      check (w, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return;
    }

  write_text (w, 0, COL_CODE, doc (w, SSA_DOC_TITLE), w->title, FALSE);
  if (w->inventory->customer.name != NULL)
    g_string_append (subtitle, w->inventory->customer.name);
  if (w->inventory->name != NULL)
    g_string_append_printf (subtitle, "%s%s", subtitle->len > 0 ? " – " : "",
                            w->inventory->name);
  write_text (w, 1, COL_CODE, subtitle->str, w->subtitle, FALSE);
  write_text (w, 2, COL_CODE, doc (w, SSA_DOC_INPUT_HINT), w->note, FALSE);

  for (i = 0; i < G_N_ELEMENTS (headers); i++)
    write_text (w, HEADER_ROW, i, doc (w, headers[i]),
                i == COL_FROM || i == COL_TO ? w->header_center
                : i >= COL_QUANTITY ? w->header_right : w->header,
                TRUE);

  /* The panel first: the lines' formulas refer to the input cells. */
  row = write_details (w, HEADER_ROW, offer_number);
  row = write_inputs (w, row + 1, sheet_name, &inputs);

  if (!ssa_offer_has_true_up (offer))
    for (i = 0; i < offer->lines->len; i++)
      write_line (w, first + i, &g_array_index (offer->lines, SsaOfferLine, i), &inputs);
  else
    last = write_grouped_lines (w, first, &inputs);

  row = write_totals (w, row + 1, sheet_name, &inputs, first, last);

  track_width (w, COL_SPACER, 2);
  track_width (w, COL_LABEL, 24);
  row = write_notes (w, MAX (row, last + 1) + 1);

  {
    char range[LXW_MAX_CELL_RANGE_LENGTH];
    g_autofree char *formula = NULL;

    lxw_rowcol_to_range_abs (range, first, COL_CODE, last, COL_AMOUNT);
    formula = g_strdup_printf ("='%s'!%s", sheet_name, range);
    if (w->local_names)
      {
        g_autofree char *local = g_strdup_printf ("'%s'!SSA_Lines", sheet_name);

        check (w, workbook_define_name (w->workbook, local, formula));
      }
    else
      check (w, workbook_define_name (w->workbook, "SSA_Lines", formula));
  }

  set_widths (w, N_COLUMNS);
  {
    lxw_row_col_options hidden = { .hidden = 1 };
    lxw_protection protection = { 0 };

    check (w, worksheet_set_column_opt (w->sheet, COL_SEGMENT_CODE, COL_SEGMENT_CODE, 4, NULL,
                                        &hidden));
    /* Only the yellow cells can be changed; without a password, so that a reseller can
     * still unprotect it. Columns and rows may be resized. */
    protection.format_columns = 1;
    protection.format_rows = 1;
    worksheet_protect (w->sheet, NULL, &protection);
  }
  write_logo (w);
  worksheet_freeze_panes (w->sheet, HEADER_ROW + 1, 0);
  check (w, worksheet_repeat_rows (w->sheet, HEADER_ROW, HEADER_ROW));
  /* Only the table and the panel are printed, not text running on to the right. */
  check (w, worksheet_print_area (w->sheet, 0, COL_CODE, row, COL_VALUE));
  set_print_setup (w, offer_text, TRUE);
  if (offer == w->offer && !w->local_names)
    worksheet_activate (w->sheet);
}

static void
write_licences_sheet (Writer     *w,
                      const char *sheet_name,
                      const char *offer_text)
{
  const SsaInventory *inventory = w->inventory;
  const SsaOffer *offer = w->offer;
  static const SsaDocString headers[] = {
    SSA_DOC_COL_ARTICLE, SSA_DOC_COL_PRODUCT, SSA_DOC_COL_KIND, SSA_DOC_COL_QUANTITY,
    SSA_DOC_COL_ADDED, SSA_DOC_COL_COVERED_UNTIL, SSA_DOC_COL_IN_SSA,
  };
  const lxw_row_t header_row = 4;
  g_autofree const SsaOfferLine **by_index = NULL;
  guint i;

  w->sheet = workbook_add_worksheet (w->workbook, sheet_name);
  if (w->sheet == NULL)
    {
      check (w, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return;
    }

  /* The offer's first line for each inventory line: the price list's name and kind. */
  by_index = g_new0 (const SsaOfferLine *, inventory->lines->len + 1);
  for (i = 0; i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);

      if (line->inventory_index < inventory->lines->len && by_index[line->inventory_index] == NULL)
        by_index[line->inventory_index] = line;
    }

  write_text (w, 0, 0, doc (w, SSA_DOC_SHEET_LICENCES), w->title, FALSE);
  write_text (w, 1, 0, doc (w, SSA_DOC_INSTALLATION), w->label, FALSE);
  write_text (w, 1, 1, inventory->name, NULL, TRUE);
  write_text (w, 2, 0, doc (w, SSA_DOC_CURRENT_SSA_END), w->label, FALSE);
  if (ssa_date_is_set (&inventory->ssa_expiry))
    write_date (w, 2, 1, &inventory->ssa_expiry, w->date);
  else
    write_text (w, 2, 1, doc (w, SSA_DOC_NO_SSA), NULL, TRUE);

  for (i = 0; i < G_N_ELEMENTS (headers); i++)
    write_text (w, header_row, i, doc (w, headers[i]),
                i == 3 ? w->header_right : i == 4 || i == 5 ? w->header_center : w->header,
                TRUE);

  for (i = 0; i < inventory->lines->len; i++)
    {
      const SsaInventoryLine *line = &g_array_index (inventory->lines, SsaInventoryLine, i);
      const SsaOfferLine *offer_line = by_index[i];
      lxw_row_t row = header_row + 1 + i;
      const char *name = offer_line != NULL ? offer_line->name : line->name;
      gboolean known_kind = offer_line != NULL || line->has_kind;
      SsaKind kind = offer_line != NULL ? offer_line->kind : line->kind;

      write_text (w, row, 0, line->code, NULL, TRUE);
      write_text (w, row, 1, name, NULL, TRUE);
      if (known_kind)
        write_text (w, row, 2, ssa_doc_string_kind (w->lang, kind), NULL, TRUE);
      write_number (w, row, 3, (double) line->quantity, w->count, 8);
      write_date (w, row, 4, &line->added_on, w->date);
      write_date (w, row, 5, &line->covered_until, w->date);
      if (known_kind)
        write_text (w, row, 6, doc (w, ssa_kind_is_covered (kind) ? SSA_DOC_YES : SSA_DOC_NO),
                    NULL, TRUE);
    }

  track_width (w, 0, 24);
  set_widths (w, G_N_ELEMENTS (headers));
  worksheet_freeze_panes (w->sheet, header_row + 1, 0);
  check (w, worksheet_repeat_rows (w->sheet, header_row, header_row));
  set_print_setup (w, offer_text, FALSE);
}

static const char *
sheet_name (Writer       *w,
            SsaDocString  id)
{
  const char *name = doc (w, id);

  /* A translation that Excel would refuse falls back to English. */
  if (workbook_validate_sheet_name (w->workbook, name) != LXW_NO_ERROR)
    return ssa_doc_string_english (id);
  return name;
}

static gboolean
write_workbook (Writer      *w,
                SsaOutput   *output,
                GError     **error)
{
  const char *path = ssa_output_get_display_name (output);
  const char *temp_path;
  g_autofree char *number = ssa_document_info_dup_number (w->info);
  g_autofree char *offer_text = NULL;
  g_autofree char *title = NULL;
  const char *company = w->info->reseller.company_name;
  lxw_doc_properties properties = { 0 };
  GDateTime *created_time;
  lxw_error error_code;
  int close_errno;
  const char *offer_sheet;
  const char *licences_sheet;
  GDate created;

  if (w->offer->lines->len + 64 >= LXW_ROW_MAX || w->inventory->lines->len + 64 >= LXW_ROW_MAX)
    {
      g_set_error (error, SSA_DOCUMENT_ERROR, SSA_DOCUMENT_ERROR_TOO_LARGE,
                   _("Could not write “%s”: the offer has more lines than a spreadsheet "
                     "can hold"), path);
      return FALSE;
    }

  temp_path = ssa_output_get_temp_path (output, error);
  if (temp_path == NULL)
    return FALSE;
  w->workbook = workbook_new (temp_path);
  if (w->workbook == NULL)
    {
      g_set_error (error, SSA_DOCUMENT_ERROR, SSA_DOCUMENT_ERROR_WRITE,
                   _("Could not write “%s”: the workbook could not be created"), path);
      return FALSE;
    }

  offer_text = number != NULL ? ssa_doc_string_printf (w->lang, SSA_DOC_OFFER_FOOTER, number)
                              : g_strdup (doc (w, SSA_DOC_DRAFT));
  title = number != NULL ? g_strdup_printf ("%s %s", doc (w, SSA_DOC_TITLE), number)
                         : g_strdup_printf ("%s (%s)", doc (w, SSA_DOC_TITLE),
                                            doc (w, SSA_DOC_DRAFT));
  ssa_document_info_get_created (w->info, w->offer, &created);
  created_time = g_date_time_new_utc (g_date_get_year (&created), g_date_get_month (&created),
                                      g_date_get_day (&created), 0, 0, 0);
  properties.title = title;
  properties.subject = (char *) doc (w, SSA_DOC_SUBJECT);
  properties.author = (char *) company;
  properties.company = (char *) company;
  properties.keywords = (char *) "SSA, innovaphone";
  properties.comments = (char *) "SSA Desk " PACKAGE_VERSION;
  properties.created = created_time != NULL ? (time_t) g_date_time_to_unix (created_time) : 0;
  g_clear_pointer (&created_time, g_date_time_unref);
  check (w, workbook_set_properties (w->workbook, &properties));

  make_formats (w);
  offer_sheet = sheet_name (w, SSA_DOC_SHEET_OFFER);
  licences_sheet = sheet_name (w, SSA_DOC_SHEET_LICENCES);
  if (ssa_offer_get_n_alternatives (w->offer) <= 1)
    write_offer_sheet (w, offer_sheet, number != NULL ? number : doc (w, SSA_DOC_DRAFT),
                       offer_text);
  else
    {
      /* A sheet per alternative (docs/documents.md), each a complete offer with its own
       * inputs and live formulas; the first is the one opened. */
      const SsaOffer *offer = w->offer;

      for (guint n = 1; n <= ssa_offer_get_n_alternatives (offer); n++)
        {
          g_autofree char *name = ssa_doc_string_printf (w->lang, SSA_DOC_ALTERNATIVE, n);

          if (workbook_validate_sheet_name (w->workbook, name) != LXW_NO_ERROR)
            {
              g_free (name);
              name = g_strdup_printf ("Alternative %u", n);
            }
          w->offer = ssa_offer_get_alternative (offer, n);
          w->local_names = TRUE;
          write_offer_sheet (w, name, number != NULL ? number : doc (w, SSA_DOC_DRAFT),
                             offer_text);
          if (n == 1 && w->sheet != NULL)
            worksheet_activate (w->sheet);
        }
      w->offer = offer;
      w->local_names = FALSE;
    }
  write_licences_sheet (w, licences_sheet, offer_text);

  /* The workbook is written to the file only now: its result says whether it was. */
  errno = 0;
  error_code = workbook_close (w->workbook);
  close_errno = errno;
  w->workbook = NULL;
  if (w->status == LXW_NO_ERROR)
    w->status = error_code;

  if (w->too_large != NULL)
    {
      g_set_error (error, SSA_DOCUMENT_ERROR, SSA_DOCUMENT_ERROR_TOO_LARGE,
                   _("Could not write “%s”: %s"), path, w->too_large);
      return FALSE;
    }
  /* A full disk or the file size limit in the output's words, naming the file. */
  if (w->status != LXW_NO_ERROR &&
      (close_errno == ENOSPC || close_errno == EFBIG || close_errno == EDQUOT))
    return ssa_output_fail (output, close_errno, error);
  if (w->status != LXW_NO_ERROR)
    {
      g_set_error (error, SSA_DOCUMENT_ERROR, SSA_DOCUMENT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, lxw_strerror (w->status));
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_offer_xlsx_write_output:
 * @offer: the offer
 * @inventory: the installation it was computed for
 * @info: (nullable): the reseller, number, date and language; %NULL for an unnumbered
 *   draft in Bokmål without a reseller
 * @output: where to write; the caller commits it with ssa_output_commit()
 * @error: a #GError
 *
 * Writes the workbook into @output's temporary file, for callers that commit several files
 * together. Every libxlsxwriter result is checked, the closing of the workbook too: a full
 * disk or a file size limit is an error. Most callers want ssa_offer_xlsx_write().
 *
 * Returns: whether the whole workbook was written
 */
gboolean
ssa_offer_xlsx_write_output (const SsaOffer        *offer,
                             const SsaInventory    *inventory,
                             const SsaDocumentInfo *info,
                             SsaOutput             *output,
                             GError               **error)
{
  g_autoptr(SsaDocumentInfo) default_info = NULL;
  Writer w = { 0 };
  locale_t base, c_numeric, previous;
  gboolean ok;

  g_return_val_if_fail (offer != NULL, FALSE);
  g_return_val_if_fail (inventory != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ssa_xlsx_lib_load (error))
    return FALSE;
  if (info == NULL)
    info = default_info = ssa_document_info_new ();

  w.offer = offer;
  w.inventory = inventory;
  w.info = info;
  w.lang = info->lang;

  /* libxlsxwriter (as Debian builds it) prints numbers with sprintf ("%.16G"), which
   * writes a decimal comma under a Norwegian LC_NUMERIC and so a broken workbook. Write
   * with the C locale's numbers on this thread only: uselocale() leaves other threads
   * and the other categories (messages) as they are. */
  base = duplocale (uselocale ((locale_t) 0));
  c_numeric = base != (locale_t) 0 ? newlocale (LC_NUMERIC_MASK, "C", base) : (locale_t) 0;
  if (c_numeric == (locale_t) 0 && base != (locale_t) 0)
    freelocale (base);
  previous = c_numeric != (locale_t) 0 ? uselocale (c_numeric) : (locale_t) 0;

  ok = write_workbook (&w, output, error);

  if (c_numeric != (locale_t) 0)
    {
      uselocale (previous);
      freelocale (c_numeric);
    }
  g_free (w.too_large);
  return ok;
}

/**
 * ssa_offer_xlsx_write:
 * @offer: the offer
 * @inventory: the installation it was computed for
 * @info: (nullable): the reseller, number, date and language; %NULL for an unnumbered
 *   draft in Bokmål without a reseller
 * @path: the .xlsx file to write, or "-" for standard output
 * @error: a #GError
 *
 * Writes the offer as a workbook with live formulas, through ssa_output_open(): to a
 * temporary file beside @path, renamed over @path once complete. On failure nothing is
 * left behind.
 *
 * Returns: whether the file was written
 */
gboolean
ssa_offer_xlsx_write (const SsaOffer        *offer,
                      const SsaInventory    *inventory,
                      const SsaDocumentInfo *info,
                      const char            *path,
                      GError               **error)
{
  return ssa_document_write (ssa_offer_xlsx_write_output, offer, inventory, info, path, error);
}
