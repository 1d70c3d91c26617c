/* ssa-offer-pdf.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-documents"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-org-no.h"
#include "ssa-document-details.h"
#include "ssa-offer-pdf.h"
#include "ssa-pdf-layout.h"

/* The printed offer's content: what goes on its pages, in which styles and colours. The
 * layout engine (ssa-pdf-layout.c) measures, wraps and paginates it and draws the pages;
 * the offer adds its blocks (the letterhead, a heading, the tables of lines, the totals,
 * …) for each page size and draws the running header and footer of each page. */

#define FONT_FAMILY "DejaVu Sans, Sans"

#define MARGIN_X              48.0
#define MARGIN_TOP            42.0
#define MARGIN_BOTTOM         34.0
#define FOOTER_HEIGHT         26.0
#define RUNNING_HEADER_HEIGHT 30.0
#define CELL_PAD_X             4.0
#define CELL_PAD_Y             2.8
#define MIN_CONTENT            100.0
#define LOGO_MAX_WIDTH        170.0
#define LOGO_MAX_HEIGHT        52.0

#define COLOR_TEXT        0x1d1f23
#define COLOR_MUTED       0x5c636e
#define COLOR_ACCENT      0x1f4e79
#define COLOR_RULE        0xb9c1cc
#define COLOR_RULE_LIGHT  0xe1e5ea
#define COLOR_HEADER_FILL 0xedf1f5
#define COLOR_NOTE        0x8a4500
#define COLOR_NOTE_FILL   0xfcf5ea

typedef enum
{
  STYLE_BODY,
  STYLE_BODY_BOLD,
  STYLE_SMALL,
  STYLE_SMALL_BOLD,
  STYLE_TABLE,
  STYLE_TABLE_HEADER,
  STYLE_HEADING,
  STYLE_TITLE,
  STYLE_COMPANY,
  STYLE_TOTAL,
  N_STYLES
} Style;

static const SsaPdfFont style_fonts[N_STYLES] = {
  [STYLE_BODY] = { 9.0, SSA_PDF_WEIGHT_NORMAL },
  [STYLE_BODY_BOLD] = { 9.0, SSA_PDF_WEIGHT_BOLD },
  [STYLE_SMALL] = { 7.5, SSA_PDF_WEIGHT_NORMAL },
  [STYLE_SMALL_BOLD] = { 7.5, SSA_PDF_WEIGHT_BOLD },
  [STYLE_TABLE] = { 8.0, SSA_PDF_WEIGHT_NORMAL },
  [STYLE_TABLE_HEADER] = { 7.5, SSA_PDF_WEIGHT_BOLD },
  [STYLE_HEADING] = { 10.5, SSA_PDF_WEIGHT_BOLD },
  [STYLE_TITLE] = { 17.0, SSA_PDF_WEIGHT_BOLD },
  [STYLE_COMPANY] = { 13.0, SSA_PDF_WEIGHT_BOLD },
  [STYLE_TOTAL] = { 10.5, SSA_PDF_WEIGHT_BOLD },
};

struct _SsaOfferPdf
{
  SsaOffer             *offer;
  SsaInventory         *inventory;
  SsaDocumentInfo      *info;
  SsaLang               lang;
  char                 *number;        /* "2026-0001-R2", or NULL for a draft */
  cairo_surface_t      *logo;
  char                 *lines_heading; /* the heading of the lines of one alternative; NULL:
                                        * the offer has none */
  SsaPdfLayout         *layout;
};

/* Blocks, in the offer's terms */

static double
content_width (SsaOfferPdf *self)
{
  return ssa_pdf_layout_get_content_width (self->layout);
}

static guint
last_block (SsaOfferPdf *self)
{
  return ssa_pdf_layout_get_n_blocks (self->layout) - 1;
}

static void
block_grow (SsaOfferPdf *self,
            guint        index,
            double       by)
{
  ssa_pdf_layout_block_set_height (self->layout, index,
                                   ssa_pdf_layout_block_get_height (self->layout, index) + by);
}

static void
block_add_rect (SsaOfferPdf *self,
                guint        index,
                double       x,
                double       y,
                double       width,
                double       height,
                guint32      rgb)
{
  ssa_pdf_layout_block_add_rect (self->layout, index, x, y, width, height, rgb);
}

static double
block_add_text (SsaOfferPdf    *self,
                guint           index,
                Style           style,
                const char     *text,
                double          x,
                double          y,
                double          width,
                SsaPdfAlign     align,
                guint32         rgb)
{
  return ssa_pdf_layout_block_add_text (self->layout, index, style, text, x, y, width, align,
                                        rgb);
}


static double
block_add_bullet (SsaOfferPdf *self,
                  guint        index,
                  Style        style,
                  const char  *text,
                  double       x,
                  double       y,
                  double       width,
                  guint32      rgb)
{
  block_add_text (self, index, style, "•", x, y, 10, SSA_PDF_ALIGN_LEFT, rgb);
  return block_add_text (self, index, style, text, x + 10, y, width - 10, SSA_PDF_ALIGN_LEFT,
                         rgb);
}

typedef struct
{
  const char *label;
  char       *value;          /* owned */
} KeyValue;

static void
key_values_clear (GArray *rows)
{
  guint i;

  for (i = 0; i < rows->len; i++)
    g_free (g_array_index (rows, KeyValue, i).value);
  g_array_set_size (rows, 0);
}

static void
key_values_add (GArray     *rows,
                const char *label,
                char       *value)
{
  KeyValue row = { label, value };

  if (value == NULL || value[0] == '\0')
    {
      g_free (value);
      return;
    }
  g_array_append_val (rows, row);
}

/* Lays out label–value pairs in a column. Returns the height. */
static double
block_add_key_values (SsaOfferPdf *self,
                      guint        index,
                      GArray      *rows,
                      double       x,
                      double       y,
                      double       width,
                      double       label_width,
                      gboolean     values_right)
{
  double top = y;
  guint i;

  for (i = 0; i < rows->len; i++)
    {
      const KeyValue *row = &g_array_index (rows, KeyValue, i);
      double label_height, value_height;

      label_height = block_add_text (self, index, STYLE_SMALL, row->label, x, y + 1.2,
                                     label_width - 6, SSA_PDF_ALIGN_LEFT, COLOR_MUTED);
      value_height = block_add_text (self, index, STYLE_BODY, row->value, x + label_width, y,
                                     width - label_width,
                                     values_right ? SSA_PDF_ALIGN_RIGHT : SSA_PDF_ALIGN_LEFT,
                                     COLOR_TEXT);
      y += MAX (label_height + 1.2, value_height) + 2.5;
    }
  return y - top;
}

static guint
add_heading (SsaOfferPdf *self,
             const char  *text,
             double       space_before)
{
  guint index = ssa_pdf_layout_add_block (self->layout, space_before);
  double width = content_width (self);
  double height;

  height = block_add_text (self, index, STYLE_HEADING, text, 0, 0, width, SSA_PDF_ALIGN_LEFT,
                           COLOR_ACCENT);
  block_add_rect (self, index, 0, height + 2, width, 0.6, COLOR_RULE);
  block_grow (self, index, 5);
  ssa_pdf_layout_block_set_keep_with_next (self->layout, index, TRUE);
  return index;
}

static void
add_paragraph (SsaOfferPdf *self,
               Style        style,
               const char  *text,
               double       space_before,
               guint32      rgb)
{
  guint index = ssa_pdf_layout_add_block (self->layout, space_before);

  block_add_text (self, index, style, text, 0, 0, content_width (self),
                  SSA_PDF_ALIGN_LEFT, rgb);
}

/* Content */

static char *
format_count (gint64  count,
              SsaLang lang)
{
  g_autofree char *full = NULL;

  if (count < 0 || count > G_MAXINT64 / 100)
    return g_strdup_printf ("%" G_GINT64_FORMAT, count);
  full = ssa_decimal_format (count * 100, lang);
  full[strlen (full) - 3] = '\0';
  return g_steal_pointer (&full);
}

static char *
format_money (SsaOfferPdf *self,
              gint64       hundredths)
{
  return ssa_money_format (hundredths, self->offer->currency, self->lang);
}

static const char *
doc (SsaOfferPdf  *self,
     SsaDocString  id)
{
  return ssa_doc_string (self->lang, id);
}

static void
add_letterhead (SsaOfferPdf *self)
{
  const SsaResellerProfile *reseller = &self->info->reseller;
  double width = content_width (self);
  double left_height = 0, right_height;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *org_no = NULL;
  guint index = ssa_pdf_layout_add_block (self->layout, 0);
  double height;

  if (self->logo != NULL)
    {
      double w = cairo_image_surface_get_width (self->logo);
      double h = cairo_image_surface_get_height (self->logo);
      double scale = MIN (LOGO_MAX_WIDTH / w, LOGO_MAX_HEIGHT / h);

      ssa_pdf_layout_block_add_image (self->layout, index, self->logo, 0, 0, w * scale,
                                      h * scale);
      left_height = h * scale + 6;
    }
  left_height += block_add_text (self, index, STYLE_COMPANY, reseller->company_name, 0,
                                 left_height, width * 0.55, SSA_PDF_ALIGN_LEFT, COLOR_ACCENT);

  if (reseller->address != NULL && reseller->address[0] != '\0')
    g_string_append_printf (details, "%s\n", reseller->address);
  if (reseller->phone != NULL && reseller->phone[0] != '\0')
    g_string_append_printf (details, "%s: %s\n", doc (self, SSA_DOC_PHONE), reseller->phone);
  if (reseller->email != NULL && reseller->email[0] != '\0')
    g_string_append_printf (details, "%s: %s\n", doc (self, SSA_DOC_EMAIL), reseller->email);
  org_no = ssa_document_format_org_no (reseller->org_no, reseller->vat_registered);
  if (org_no != NULL)
    g_string_append_printf (details, "%s %s\n", doc (self, SSA_DOC_ORG_NO), org_no);
  /* The register's name, as Norwegian law has it printed, in every language. */
  if (reseller->in_foretaksregisteret)
    g_string_append (details, "Foretaksregisteret\n");
  if (details->len > 0)
    g_string_truncate (details, details->len - 1);

  right_height = block_add_text (self, index, STYLE_SMALL, details->str, width * 0.55, 0,
                                 width * 0.45, SSA_PDF_ALIGN_RIGHT, COLOR_MUTED);

  height = MAX (left_height, right_height) + 8;
  ssa_pdf_layout_block_set_height (self->layout, index, height);
  block_add_rect (self, index, 0, height, width, 1.0, COLOR_ACCENT);
  block_grow (self, index, 14);
}

static void
add_title_and_parties (SsaOfferPdf *self)
{
  const SsaCustomerInfo *customer = &self->inventory->customer;
  double width = content_width (self);
  double left_width = width * 0.52;
  double right_x = width * 0.56;
  double right_width = width - right_x;
  double y, left_height, right_height;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (KeyValue));
  g_autoptr(GString) lines = g_string_new (NULL);
  GDate date;
  guint index;

  index = ssa_pdf_layout_add_block (self->layout, 0);
  y = block_add_text (self, index, STYLE_TITLE, doc (self, SSA_DOC_TITLE), 0, 0, width,
                      SSA_PDF_ALIGN_LEFT, COLOR_ACCENT);
  ssa_pdf_layout_block_set_height (self->layout, index, y + 12);

  index = ssa_pdf_layout_add_block (self->layout, 0);
  y = block_add_text (self, index, STYLE_SMALL_BOLD, doc (self, SSA_DOC_CUSTOMER), 0, 0,
                      left_width, SSA_PDF_ALIGN_LEFT, COLOR_MUTED) + 2;
  y += block_add_text (self, index, STYLE_BODY_BOLD, customer->name, 0, y, left_width,
                       SSA_PDF_ALIGN_LEFT, COLOR_TEXT);
  {
    g_autofree char *org_no = ssa_document_format_org_no (customer->org_no, FALSE);

    if (org_no != NULL)
      g_string_append_printf (lines, "%s %s\n", doc (self, SSA_DOC_ORG_NO), org_no);
  }
  if (customer->address != NULL && customer->address[0] != '\0')
    g_string_append_printf (lines, "%s\n", customer->address);
  if (customer->contact != NULL && customer->contact[0] != '\0')
    g_string_append_printf (lines, "%s: %s\n", doc (self, SSA_DOC_CONTACT), customer->contact);
  if (customer->email != NULL && customer->email[0] != '\0')
    g_string_append_printf (lines, "%s: %s\n", doc (self, SSA_DOC_EMAIL), customer->email);
  if (lines->len > 0)
    g_string_truncate (lines, lines->len - 1);
  left_height = y + block_add_text (self, index, STYLE_BODY, lines->str, 0, y, left_width,
                                    SSA_PDF_ALIGN_LEFT, COLOR_TEXT);

  key_values_add (rows, doc (self, SSA_DOC_OFFER_NUMBER),
                  g_strdup (self->number != NULL ? self->number : doc (self, SSA_DOC_DRAFT)));
  if (self->number != NULL && self->info->revision > 1)
    key_values_add (rows, doc (self, SSA_DOC_REVISION),
                    g_strdup_printf ("%u", self->info->revision));
  ssa_document_info_get_created (self->info, self->offer, &date);
  key_values_add (rows, doc (self, SSA_DOC_DATE), ssa_date_format (&date, self->lang));
  ssa_document_info_get_valid_until (self->info, self->offer, &date);
  key_values_add (rows, doc (self, SSA_DOC_VALID_UNTIL), ssa_date_format (&date, self->lang));
  key_values_add (rows, doc (self, SSA_DOC_PRICE_LIST),
                  g_strdup (ssa_document_info_get_price_list_name (self->info)));
  if (self->info->our_reference != NULL && self->info->our_reference[0] != '\0')
    key_values_add (rows, doc (self, SSA_DOC_OUR_REF), g_strdup (self->info->our_reference));
  if (customer->contact != NULL && customer->contact[0] != '\0')
    key_values_add (rows, doc (self, SSA_DOC_YOUR_REF), g_strdup (customer->contact));
  right_height = block_add_key_values (self, index, rows, right_x, 0, right_width,
                                       right_width * 0.46, TRUE);
  key_values_clear (rows);

  ssa_pdf_layout_block_set_height (self->layout, index, MAX (left_height, right_height) + 6);
}


static void
add_installation (SsaOfferPdf *self)
{
  const SsaInventory *inventory = self->inventory;
  double width = content_width (self);
  double column = (width - 24) / 2;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (KeyValue));
  g_autofree char *start = ssa_date_format (&self->offer->start, self->lang);
  g_autofree char *end = ssa_date_format (&self->offer->end, self->lang);
  double left, right;
  guint index;

  add_heading (self, doc (self, SSA_DOC_INSTALLATION), 14);
  index = ssa_pdf_layout_add_block (self->layout, 0);

  key_values_add (rows, doc (self, SSA_DOC_NAME), g_strdup (inventory->name));
  key_values_add (rows, doc (self, SSA_DOC_SERIAL), g_strdup (inventory->serial));
  key_values_add (rows, doc (self, SSA_DOC_FIRMWARE), g_strdup (inventory->firmware));
  left = block_add_key_values (self, index, rows, 0, 0, column, column * 0.42, FALSE);
  key_values_clear (rows);

  key_values_add (rows, doc (self, SSA_DOC_CURRENT_SSA_END),
                  ssa_date_is_set (&inventory->ssa_expiry)
                  ? ssa_date_format (&inventory->ssa_expiry, self->lang)
                  : g_strdup (doc (self, SSA_DOC_NO_SSA)));
  key_values_add (rows, doc (self, SSA_DOC_PERIOD), g_strdup_printf ("%s – %s", start, end));
  key_values_add (rows, doc (self, SSA_DOC_BILLING),
                  g_strdup (ssa_document_billing_label (self->offer->billing, self->lang)));
  right = block_add_key_values (self, index, rows, column + 24, 0, column, column * 0.42, FALSE);
  key_values_clear (rows);

  ssa_pdf_layout_block_set_height (self->layout, index, MAX (left, right));
}

/* "Subtotal, <section>: 1 642,78 kr", right-aligned under a group's table. */
static void
add_group_subtotal (SsaOfferPdf  *self,
                    SsaDocString  section,
                    SsaLineGroup  group)
{
  g_autofree char *label = ssa_doc_string_printf (self->lang, SSA_DOC_GROUP_SUBTOTAL,
                                                  doc (self, section));
  g_autofree char *money = format_money (self, self->offer->group_totals[group]);
  g_autofree char *text = g_strdup_printf ("%s: %s", label, money);
  double width = content_width (self);
  guint index = ssa_pdf_layout_add_block (self->layout, 4);

  ssa_pdf_layout_block_set_height (self->layout, index,
                                   block_add_text (self, index, STYLE_BODY_BOLD, text, 0, 0,
                                                   width, SSA_PDF_ALIGN_RIGHT, COLOR_TEXT));
}

/* The true-up group (docs/documents.md): the missing licences at the list price and their
 * SSA, a section of its own with its note and subtotal. */
static void
add_true_up_table (SsaOfferPdf *self)
{
  const SsaOffer *offer = self->offer;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (ssa_pdf_row_free);
  SsaPdfColumn columns[] = {
    { doc (self, SSA_DOC_COL_ARTICLE), FALSE, 92, 0 },
    { doc (self, SSA_DOC_COL_PRODUCT), FALSE, 0, 0 },
    { doc (self, SSA_DOC_COL_QUANTITY), TRUE, 56, 0 },
    { doc (self, SSA_DOC_COL_FROM), FALSE, 62, 0 },
    { doc (self, SSA_DOC_COL_TO), FALSE, 62, 0 },
    { doc (self, SSA_DOC_COL_MONTHS), TRUE, 40, 0 },
    { doc (self, SSA_DOC_COL_SSC), TRUE, 80, 0 },
    { doc (self, SSA_DOC_COL_AMOUNT), TRUE, 100, 0 },
  };

  add_heading (self, doc (self, SSA_DOC_SECTION_TRUE_UP), 16);
  add_paragraph (self, STYLE_SMALL, doc (self, SSA_DOC_TRUE_UP_NOTE), 0, COLOR_MUTED);
  for (guint i = 0; i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);
      SsaPdfRow *row;

      if (line->group != SSA_LINE_GROUP_TRUE_UP)
        continue;
      row = g_new0 (SsaPdfRow, 1);
      row->cells[0] = g_strdup (line->code);
      row->cells[1] = g_strdup (line->name);
      row->cells[2] = format_count (line->quantity, self->lang);
      if (line->segment == SSA_SEGMENT_LICENCE)
        {
          g_autofree char *unit = format_money (self, line->unit_price);

          row->cells[3] = g_strdup ("");
          row->cells[4] = g_strdup ("");
          row->cells[5] = g_strdup ("");
          row->cells[6] = g_strdup ("");
          row->mark = g_strdup_printf ("%s, %s", doc (self, SSA_DOC_SEGMENT_LICENCE), unit);
        }
      else
        {
          row->cells[3] = ssa_date_format (&line->start, self->lang);
          row->cells[4] = ssa_date_format (&line->end, self->lang);
          row->cells[5] = g_strdup_printf ("%d", line->months);
          row->cells[6] = ssa_decimal_format (line->ssc, self->lang);
          row->mark = g_strdup (doc (self, SSA_DOC_SEGMENT_REGULAR));
        }
      row->cells[7] = format_money (self, line->amount);
      g_ptr_array_add (rows, row);
    }
  ssa_pdf_layout_add_table (self->layout, columns, G_N_ELEMENTS (columns), 1, rows);
  add_group_subtotal (self, SSA_DOC_SECTION_TRUE_UP, SSA_LINE_GROUP_TRUE_UP);
}

static void
add_lines_table (SsaOfferPdf *self)
{
  const SsaOffer *offer = self->offer;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (ssa_pdf_row_free);
  g_autofree char *factor = ssa_document_format_factor (offer->backpay_multiplier, self->lang);
  g_autofree char *note = NULL;
  SsaPdfColumn columns[] = {
    { doc (self, SSA_DOC_COL_ARTICLE), FALSE, 92, 0 },
    { doc (self, SSA_DOC_COL_PRODUCT), FALSE, 0, 0 },
    { doc (self, SSA_DOC_COL_QUANTITY), TRUE, 56, 0 },
    { doc (self, SSA_DOC_COL_FROM), FALSE, 62, 0 },
    { doc (self, SSA_DOC_COL_TO), FALSE, 62, 0 },
    { doc (self, SSA_DOC_COL_MONTHS), TRUE, 40, 0 },
    { doc (self, SSA_DOC_COL_SSC), TRUE, 80, 0 },
    { doc (self, SSA_DOC_COL_AMOUNT), TRUE, 100, 0 },
  };
  guint i;

  add_heading (self, self->lines_heading != NULL ? self->lines_heading
                                                 : doc (self, SSA_DOC_SECTION_LINES), 16);

  for (i = 0; i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);
      SsaPdfRow *row;

      if ((line->segment != SSA_SEGMENT_REGULAR && line->segment != SSA_SEGMENT_BACKPAY) ||
          line->group != SSA_LINE_GROUP_SSA)
        continue;

      row = ssa_pdf_row_new ();
      row->cells[0] = g_strdup (line->code);
      row->cells[1] = g_strdup (line->name);
      row->cells[2] = format_count (line->quantity, self->lang);
      row->cells[3] = ssa_date_format (&line->start, self->lang);
      row->cells[4] = ssa_date_format (&line->end, self->lang);
      row->cells[5] = g_strdup_printf ("%d", line->months);
      row->cells[6] = ssa_decimal_format (line->ssc, self->lang);
      row->cells[7] = format_money (self, line->amount);
      if (line->segment == SSA_SEGMENT_BACKPAY)
        row->mark = ssa_doc_string_printf (self->lang, SSA_DOC_BACKPAY_MARK, factor);
      g_ptr_array_add (rows, row);
    }

  if (rows->len == 0)
    {
      add_paragraph (self, STYLE_BODY, doc (self, SSA_DOC_NO_LINES), 0, COLOR_TEXT);
      if (ssa_offer_has_true_up (offer))
        add_true_up_table (self);
      return;
    }
  ssa_pdf_layout_add_table (self->layout, columns, G_N_ELEMENTS (columns), 1, rows);
  if (ssa_offer_has_true_up (offer))
    add_group_subtotal (self, SSA_DOC_SECTION_LINES, SSA_LINE_GROUP_SSA);

  note = ssa_document_backpay_note (offer, self->lang);
  if (note != NULL)
    {
      double width = content_width (self);
      guint index = ssa_pdf_layout_add_block (self->layout, 8);
      double height;

      height = block_add_text (self, index, STYLE_SMALL, note, 10, 5, width - 16,
                               SSA_PDF_ALIGN_LEFT, COLOR_NOTE);
      ssa_pdf_layout_block_insert_rect (self->layout, index, 0, 0, 0, width, height + 10,
                                        COLOR_NOTE_FILL);
      ssa_pdf_layout_block_insert_rect (self->layout, index, 1, 0, 0, 2.2, height + 10,
                                        COLOR_NOTE);
      ssa_pdf_layout_block_set_height (self->layout, index, height + 10);
    }
  if (ssa_offer_has_true_up (offer))
    add_true_up_table (self);
}

static void
add_totals (SsaOfferPdf *self)
{
  const SsaOffer *offer = self->offer;
  const SsaOfferTotals *t = &offer->totals;
  double width = content_width (self);
  double box_width = MIN (width, 340);
  double x = width - box_width;
  double value_width = 112;
  double label_width = box_width - value_width;
  double y = 0, h, value_height;
  guint index = ssa_pdf_layout_add_block (self->layout, 12);
  g_autofree char *ssc = NULL;
  g_autofree char *ssc_text = NULL;

#define TOTAL_ROW(style, color, label, value) G_STMT_START {                                   \
    g_autofree char *value_text = (value);                                                    \
    h = block_add_text (self, index, style, label, x, y, label_width - 6,                     \
                        SSA_PDF_ALIGN_LEFT, color);                                           \
    value_height = block_add_text (self, index, style, value_text, x + label_width, y,        \
                                   value_width, SSA_PDF_ALIGN_RIGHT, color);                  \
    h = MAX (h, value_height);                                                                \
    y += h + 3.5;                                                                             \
  } G_STMT_END

  ssc = ssa_decimal_format (t->ssc, self->lang);
  ssc_text = g_strdup_printf ("%s SSC", ssc);
  TOTAL_ROW (STYLE_BODY, COLOR_MUTED, doc (self, SSA_DOC_TOTAL_SSC), g_strdup (ssc_text));
  TOTAL_ROW (STYLE_BODY, COLOR_TEXT, doc (self, SSA_DOC_TOTAL_REGULAR),
             format_money (self, t->regular));
  /* No back-payment line when nothing is back-paid. */
  if (t->backpay != 0)
    TOTAL_ROW (STYLE_BODY, COLOR_TEXT, doc (self, SSA_DOC_TOTAL_BACKPAY),
               format_money (self, t->backpay));
  if (ssa_offer_has_true_up (offer))
    TOTAL_ROW (STYLE_BODY, COLOR_TEXT, doc (self, SSA_DOC_TOTAL_LICENCES),
               format_money (self, t->licences));
  if (offer->billing_discount_percent > 0 || t->billing_discount > 0)
    {
      g_autofree char *percent = ssa_document_format_percent (offer->billing_discount_percent,
                                                              self->lang);
      g_autofree char *label = ssa_doc_string_printf (self->lang, SSA_DOC_TOTAL_BILLING_DISCOUNT,
                                                percent);

      TOTAL_ROW (STYLE_BODY, COLOR_TEXT, label, format_money (self, -t->billing_discount));
    }
  if (offer->discount_percent > 0 || t->discount > 0)
    {
      g_autofree char *percent = ssa_document_format_percent (offer->discount_percent,
                                                              self->lang);
      g_autofree char *label = ssa_doc_string_printf (self->lang, SSA_DOC_TOTAL_DISCOUNT, percent);

      block_add_rect (self, index, x, y, box_width, 0.4, COLOR_RULE_LIGHT);
      y += 3;
      TOTAL_ROW (STYLE_BODY, COLOR_TEXT, doc (self, SSA_DOC_TOTAL_SUBTOTAL),
                 format_money (self, t->subtotal));
      TOTAL_ROW (STYLE_BODY, COLOR_TEXT, label, format_money (self, -t->discount));
    }
  if (offer->has_labour)
    {
      g_autofree char *hours_number = ssa_document_format_factor (offer->labour_hours,
                                                                  self->lang);
      g_autofree char *hours = ssa_doc_string_printf (self->lang, SSA_DOC_HOURS, hours_number);
      g_autofree char *rate = format_money (self, offer->labour_rate);
      g_autofree char *label = ssa_doc_string_printf (self->lang, SSA_DOC_TOTAL_LABOUR,
                                                      hours, rate);

      TOTAL_ROW (STYLE_BODY, COLOR_TEXT, label, format_money (self, t->labour));
    }

  block_add_rect (self, index, x, y, box_width, 0.6, COLOR_RULE);
  y += 4;
  TOTAL_ROW (STYLE_BODY_BOLD, COLOR_TEXT, doc (self, SSA_DOC_TOTAL_NET),
             format_money (self, t->net));
  {
    g_autofree char *percent = ssa_document_format_percent (offer->vat_percent, self->lang);
    g_autofree char *label = ssa_doc_string_printf (self->lang, SSA_DOC_TOTAL_VAT, percent);

    TOTAL_ROW (STYLE_BODY, COLOR_TEXT, label, format_money (self, t->vat));
  }
  block_add_rect (self, index, x, y, box_width, 1.2, COLOR_ACCENT);
  y += 5;
  TOTAL_ROW (STYLE_TOTAL, COLOR_ACCENT, doc (self, SSA_DOC_TOTAL_TOTAL),
             format_money (self, t->total));
#undef TOTAL_ROW

  {
    /* An instalment plan says what is invoiced when. */
    g_autofree char *plan = ssa_document_instalments_text (offer, self->lang);

    if (plan != NULL)
      {
        g_autofree char *text = g_strdup_printf ("%s: %s", doc (self, SSA_DOC_INSTALMENTS),
                                                 plan);

        y += 2 + block_add_text (self, index, STYLE_BODY, text, x, y + 2, box_width,
                                 SSA_PDF_ALIGN_RIGHT, COLOR_TEXT);
      }
  }
  if (offer->has_labour)
    block_add_text (self, index, STYLE_SMALL, doc (self, SSA_DOC_LABOUR_NOTE), x, y + 2,
                    box_width, SSA_PDF_ALIGN_RIGHT, COLOR_MUTED);
}

static void
add_warnings (SsaOfferPdf *self)
{
  double width = content_width (self);
  gboolean heading = FALSE;
  guint i;

  for (i = 0; i < self->offer->warnings->len; i++)
    {
      const SsaOfferWarning *warning = &g_array_index (self->offer->warnings,
                                                       SsaOfferWarning, i);
      g_autofree char *text = ssa_document_warning_text (warning, self->inventory, self->lang);
      guint index;

      if (text == NULL)
        continue;
      if (!heading)
        {
          add_heading (self, doc (self, SSA_DOC_WARNINGS), 16);
          heading = TRUE;
        }
      index = ssa_pdf_layout_add_block (self->layout, 2);
      block_add_bullet (self, index, STYLE_BODY, text, 0, 0, width, COLOR_TEXT);
    }
}

/* The covered or the excluded lines, each with its heading and note. */
static void
add_other_lines (SsaOfferPdf  *self,
                 SsaSegment    segment,
                 SsaDocString  heading,
                 SsaDocString  note)
{
  const SsaOffer *offer = self->offer;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (ssa_pdf_row_free);
  SsaPdfColumn columns[] = {
    { doc (self, SSA_DOC_COL_ARTICLE), FALSE, 92, 0 },
    { doc (self, SSA_DOC_COL_PRODUCT), FALSE, 0, 0 },
    { doc (self, SSA_DOC_COL_KIND), FALSE, 120, 0 },
    { doc (self, SSA_DOC_COL_QUANTITY), TRUE, 56, 0 },
  };
  guint i;

  for (i = 0; i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);
      SsaPdfRow *row;

      if (line->segment != segment)
        continue;
      row = ssa_pdf_row_new ();
      row->cells[0] = g_strdup (line->code);
      row->cells[1] = g_strdup (line->name);
      row->cells[2] = g_strdup (ssa_doc_string_kind (self->lang, line->kind));
      row->cells[3] = format_count (line->quantity, self->lang);
      g_ptr_array_add (rows, row);
    }
  if (rows->len == 0)
    return;

  add_heading (self, doc (self, heading), 16);
  add_paragraph (self, STYLE_SMALL, doc (self, note), 0, COLOR_MUTED);
  block_grow (self, last_block (self), 5);
  ssa_pdf_layout_block_set_keep_with_next (self->layout, last_block (self), TRUE);
  ssa_pdf_layout_add_table (self->layout, columns, G_N_ELEMENTS (columns), 1, rows);
}

static void
add_terms (SsaOfferPdf *self)
{
  const char *terms = self->info->reseller.payment_terms;
  double width = content_width (self);
  double column = (width - 24) / 2;
  double left, right, y;
  guint index;

  /* What the SSA includes and excludes, side by side. */
  index = ssa_pdf_layout_add_block (self->layout, 16);
  left = block_add_text (self, index, STYLE_HEADING, doc (self, SSA_DOC_INCLUDES), 0, 0,
                         column, SSA_PDF_ALIGN_LEFT, COLOR_ACCENT);
  right = block_add_text (self, index, STYLE_HEADING, doc (self, SSA_DOC_EXCLUDES),
                          column + 24, 0, column, SSA_PDF_ALIGN_LEFT, COLOR_ACCENT);
  y = MAX (left, right) + 2;
  block_add_rect (self, index, 0, y, column, 0.6, COLOR_RULE);
  block_add_rect (self, index, column + 24, y, column, 0.6, COLOR_RULE);
  y += 5;
  left = y + block_add_bullet (self, index, STYLE_BODY,
                               doc (self, SSA_DOC_INCLUDES_SOFTWARE), 0, y, column, COLOR_TEXT);
  left += 2 + block_add_bullet (self, index, STYLE_BODY, doc (self, SSA_DOC_INCLUDES_MAJOR),
                                0, left + 2, column, COLOR_TEXT);
  right = y + block_add_bullet (self, index, STYLE_BODY, doc (self, SSA_DOC_EXCLUDES_LABOUR),
                                column + 24, y, column, COLOR_TEXT);
  right += 2 + block_add_bullet (self, index, STYLE_BODY,
                                 doc (self, SSA_DOC_EXCLUDES_THIRD_PARTY),
                                 column + 24, right + 2, column, COLOR_TEXT);
  ssa_pdf_layout_block_set_height (self->layout, index, MAX (left, right));

  add_heading (self, doc (self, SSA_DOC_PAYMENT_TERMS), 16);
  add_paragraph (self, STYLE_BODY,
                 terms != NULL && terms[0] != '\0' ? terms : doc (self, SSA_DOC_PAYMENT_DEFAULT),
                 0, COLOR_TEXT);
}

/* The customer's acceptance: the deadline, how to accept, and the place, date, name and
 * signature to fill in, kept together on one page. */
static void
add_acceptance (SsaOfferPdf *self)
{
  const SsaResellerProfile *reseller = &self->info->reseller;
  const SsaCustomerInfo *customer = &self->inventory->customer;
  double width = content_width (self);
  double column = (width - 24) / 2;
  g_autofree char *deadline = NULL;
  g_autofree char *how = NULL;
  g_autofree char *deadline_line = NULL;
  double y, h;
  GDate date;
  guint index;

  ssa_document_info_get_valid_until (self->info, self->offer, &date);
  deadline = ssa_date_format (&date, self->lang);
  if (reseller->email != NULL && reseller->email[0] != '\0')
    how = ssa_doc_string_printf (self->lang, SSA_DOC_ACCEPT_HOW_EMAIL, reseller->email,
                                 deadline);
  else
    how = ssa_doc_string_printf (self->lang, SSA_DOC_ACCEPT_HOW, deadline);
  deadline_line = g_strdup_printf ("%s: %s", doc (self, SSA_DOC_ACCEPT_DEADLINE), deadline);

  index = ssa_pdf_layout_add_block (self->layout, 16);
  y = block_add_text (self, index, STYLE_HEADING, doc (self, SSA_DOC_ACCEPTANCE), 0, 0,
                      width, SSA_PDF_ALIGN_LEFT, COLOR_ACCENT) + 2;
  block_add_rect (self, index, 0, y, width, 0.6, COLOR_RULE);
  y += 5;
  y += block_add_text (self, index, STYLE_BODY_BOLD, deadline_line, 0, y, width,
                       SSA_PDF_ALIGN_LEFT, COLOR_TEXT) + 2;
  y += block_add_text (self, index, STYLE_BODY, how, 0, y, width, SSA_PDF_ALIGN_LEFT,
                       COLOR_TEXT) + 4;
  if (customer->name != NULL && customer->name[0] != '\0')
    {
      g_autofree char *for_customer = ssa_doc_string_printf (self->lang,
                                                             SSA_DOC_ACCEPT_FOR_CUSTOMER,
                                                             customer->name);

      y += block_add_text (self, index, STYLE_BODY_BOLD, for_customer, 0, y, width,
                           SSA_PDF_ALIGN_LEFT, COLOR_TEXT) + 4;
    }

  /* An offer with alternatives: a field for the one chosen, before the signature. */
  if (ssa_offer_get_n_alternatives (self->offer) > 1)
    {
      y += 22;
      block_add_rect (self, index, 0, y, column, 0.6, COLOR_TEXT);
      y += 2 + block_add_text (self, index, STYLE_SMALL, doc (self, SSA_DOC_ACCEPT_ALTERNATIVE),
                               0, y + 2, column, SSA_PDF_ALIGN_LEFT, COLOR_MUTED);
    }

  /* Two rows of two fields: a line to write on, its label under it. */
  for (guint row = 0; row < 2; row++)
    {
      SsaDocString left = row == 0 ? SSA_DOC_ACCEPT_PLACE : SSA_DOC_ACCEPT_NAME;
      SsaDocString right = row == 0 ? SSA_DOC_DATE : SSA_DOC_ACCEPT_SIGNATURE;

      y += 22;
      block_add_rect (self, index, 0, y, column, 0.6, COLOR_TEXT);
      block_add_rect (self, index, column + 24, y, column, 0.6, COLOR_TEXT);
      h = block_add_text (self, index, STYLE_SMALL, doc (self, left), 0, y + 2, column,
                          SSA_PDF_ALIGN_LEFT, COLOR_MUTED);
      h = MAX (h, block_add_text (self, index, STYLE_SMALL, doc (self, right), column + 24,
                                  y + 2, column, SSA_PDF_ALIGN_LEFT, COLOR_MUTED));
      y += 2 + h;
    }
  ssa_pdf_layout_block_set_height (self->layout, index, y);
}

/* The period and billing of one alternative, in a line: "01.12.2026 – 30.11.2029, One
 * invoice". */
static char *
alternative_terms (SsaOfferPdf    *self,
                   const SsaOffer *alternative)
{
  g_autofree char *start = ssa_date_format (&alternative->start, self->lang);
  g_autofree char *end = ssa_date_format (&alternative->end, self->lang);

  return g_strdup_printf ("%s – %s, %s", start, end,
                          ssa_document_billing_label (alternative->billing, self->lang));
}

/* An offer with alternatives (docs/documents.md): first the alternatives side by side, one
 * row each with its period, billing and totals, and the instruction to choose one; then
 * each alternative in full, its lines and totals as an offer without alternatives shows
 * them. One row per alternative keeps the comparison legible on A4 portrait whatever the
 * number of alternatives (at most four), where a column per alternative would squeeze the
 * dates and amounts. */
static void
add_alternatives (SsaOfferPdf *self)
{
  SsaOffer *offer = self->offer;
  guint n_alternatives = ssa_offer_get_n_alternatives (offer);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (ssa_pdf_row_free);
  SsaPdfColumn columns[] = {
    { doc (self, SSA_DOC_ALTERNATIVES), FALSE, 90, 0 },
    { doc (self, SSA_DOC_PERIOD), FALSE, 0, 0 },
    { doc (self, SSA_DOC_BILLING), FALSE, 130, 0 },
    { doc (self, SSA_DOC_TOTAL_NET), TRUE, 100, 0 },
    { doc (self, SSA_DOC_TOTAL_TOTAL), TRUE, 100, 0 },
  };

  add_heading (self, doc (self, SSA_DOC_ALTERNATIVES), 16);
  for (guint n = 1; n <= n_alternatives; n++)
    {
      const SsaOffer *alternative = ssa_offer_get_alternative (offer, n);
      g_autofree char *start = ssa_date_format (&alternative->start, self->lang);
      g_autofree char *end = ssa_date_format (&alternative->end, self->lang);
      SsaPdfRow *row = ssa_pdf_row_new ();

      row->cells[0] = ssa_doc_string_printf (self->lang, SSA_DOC_ALTERNATIVE, n);
      row->cells[1] = g_strdup_printf ("%s – %s", start, end);
      row->cells[2] = g_strdup (ssa_document_billing_label (alternative->billing, self->lang));
      row->cells[3] = format_money (self, alternative->totals.net);
      row->cells[4] = format_money (self, alternative->totals.total);
      g_ptr_array_add (rows, row);
    }
  ssa_pdf_layout_add_table (self->layout, columns, G_N_ELEMENTS (columns), 1, rows);
  add_paragraph (self, STYLE_BODY_BOLD, doc (self, SSA_DOC_ALTERNATIVES_CHOOSE), 6,
                 COLOR_TEXT);

  for (guint n = 1; n <= n_alternatives; n++)
    {
      g_autofree char *name = ssa_doc_string_printf (self->lang, SSA_DOC_ALTERNATIVE, n);
      g_autofree char *terms = alternative_terms (self, ssa_offer_get_alternative (offer, n));

      /* The sections of one offer, drawn from the alternative. */
      self->offer = (SsaOffer *) ssa_offer_get_alternative (offer, n);
      self->lines_heading = g_strdup_printf ("%s: %s", name, terms);
      add_lines_table (self);
      add_totals (self);
      g_clear_pointer (&self->lines_heading, g_free);
      self->offer = offer;
    }
}

static void
build_blocks (SsaOfferPdf *self)
{
  add_letterhead (self);
  add_title_and_parties (self);
  add_installation (self);
  if (ssa_offer_get_n_alternatives (self->offer) > 1)
    add_alternatives (self);
  else
    {
      add_lines_table (self);
      add_totals (self);
    }
  add_warnings (self);
  add_other_lines (self, SSA_SEGMENT_COVERED, SSA_DOC_SECTION_COVERED, SSA_DOC_COVERED_NOTE);
  add_other_lines (self, SSA_SEGMENT_EXCLUDED, SSA_DOC_SECTION_EXCLUDED,
                   SSA_DOC_EXCLUDED_NOTE);
  add_terms (self);
  add_acceptance (self);
}

/* The running header (from page 2 on) and the footer of every page. */

static void
draw_text (SsaOfferPdf    *self,
           cairo_t        *cr,
           Style           style,
           const char     *text,
           double          x,
           double          y,
           double          width,
           SsaPdfAlign     align,
           guint32         rgb)
{
  ssa_pdf_layout_draw_text (self->layout, cr, style, text, x, y, width, align, rgb);
}

static void
draw_page_frame (SsaPdfLayout *layout,
                 cairo_t      *cr,
                 guint         page_nr,
                 guint         n_pages,
                 gpointer      user_data)
{
  SsaOfferPdf *self = user_data;
  double width = content_width (self);
  double footer_y = ssa_pdf_layout_get_height (layout) - MARGIN_BOTTOM - FOOTER_HEIGHT + 8;
  const char *company = self->info->reseller.company_name;
  g_autofree char *page_text = NULL;
  g_autofree char *offer_text = NULL;

  if (self->number != NULL)
    offer_text = ssa_doc_string_printf (self->lang, SSA_DOC_OFFER_FOOTER, self->number);
  else
    offer_text = g_strdup (doc (self, SSA_DOC_DRAFT));

  if (page_nr > 0)
    {
      g_autofree char *title = g_strdup_printf ("%s · %s", doc (self, SSA_DOC_TITLE),
                                                offer_text);

      draw_text (self, cr, STYLE_SMALL_BOLD, company, MARGIN_X, MARGIN_TOP, width * 0.45,
                 SSA_PDF_ALIGN_LEFT, COLOR_ACCENT);
      draw_text (self, cr, STYLE_SMALL, title, MARGIN_X + width * 0.45, MARGIN_TOP,
                 width * 0.55, SSA_PDF_ALIGN_RIGHT, COLOR_MUTED);
      ssa_pdf_set_source_rgb (cr, COLOR_RULE);
      cairo_rectangle (cr, MARGIN_X, MARGIN_TOP + 14, width, 0.6);
      cairo_fill (cr);
    }

  ssa_pdf_set_source_rgb (cr, COLOR_RULE);
  cairo_rectangle (cr, MARGIN_X, footer_y - 6, width, 0.6);
  cairo_fill (cr);

  page_text = ssa_doc_string_printf (self->lang, SSA_DOC_PAGE, page_nr + 1, n_pages);
  draw_text (self, cr, STYLE_SMALL, offer_text, MARGIN_X, footer_y, width * 0.3,
             SSA_PDF_ALIGN_LEFT, COLOR_MUTED);
  if (company != NULL && company[0] != '\0')
    {
      g_autofree char *org_no = ssa_document_format_org_no (self->info->reseller.org_no,
                                                            self->info->reseller.vat_registered);
      g_autofree char *who = org_no != NULL
                             ? g_strdup_printf ("%s · %s %s", company,
                                                doc (self, SSA_DOC_ORG_NO), org_no)
                             : g_strdup (company);

      draw_text (self, cr, STYLE_SMALL, who, MARGIN_X + width * 0.2, footer_y, width * 0.6,
                 SSA_PDF_ALIGN_CENTER, COLOR_MUTED);
    }
  draw_text (self, cr, STYLE_SMALL, page_text, MARGIN_X + width * 0.7, footer_y, width * 0.3,
             SSA_PDF_ALIGN_RIGHT, COLOR_MUTED);
}

typedef struct
{
  const guint8 *data;
  gsize         remaining;
} PngReader;

static cairo_status_t
read_png_bytes (void          *closure,
                unsigned char *data,
                unsigned int   length)
{
  PngReader *reader = closure;

  if (length > reader->remaining)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, reader->data, length);
  reader->data += length;
  reader->remaining -= length;
  return CAIRO_STATUS_SUCCESS;
}

/* Reads the reseller's logo, from its bytes or its file. A logo that cannot be read is an
 * error rather than silently left out: the reseller expects it on every offer. */
static gboolean
load_logo (SsaOfferPdf  *self,
           GError      **error)
{
  const SsaResellerProfile *reseller = &self->info->reseller;
  cairo_surface_t *logo;
  cairo_status_t status;
  const char *what;

  if (reseller->logo_png != NULL)
    {
      PngReader reader;

      reader.data = g_bytes_get_data (reseller->logo_png, &reader.remaining);
      logo = cairo_image_surface_create_from_png_stream (read_png_bytes, &reader);
      what = _("the profile’s logo");
    }
  else if (reseller->logo_path != NULL && reseller->logo_path[0] != '\0')
    {
      logo = cairo_image_surface_create_from_png (reseller->logo_path);
      what = reseller->logo_path;
    }
  else
    return TRUE;

  status = cairo_surface_status (logo);
  if (status != CAIRO_STATUS_SUCCESS ||
      cairo_image_surface_get_width (logo) <= 0 || cairo_image_surface_get_height (logo) <= 0)
    {
      g_set_error (error, SSA_DOCUMENT_ERROR, SSA_DOCUMENT_ERROR_LOGO,
                   _("The logo “%s” could not be read as a PNG image: %s"), what,
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status)
                                                  : _("it is empty"));
      cairo_surface_destroy (logo);
      return FALSE;
    }

  self->logo = logo;
  return TRUE;
}

/* Public API */

/**
 * ssa_offer_pdf_new:
 * @offer: the offer
 * @inventory: the installation it was computed for
 * @info: (nullable): the reseller, number, date and language; %NULL for an unnumbered
 *   draft in Bokmål without a reseller
 * @error: a #GError
 *
 * Makes a renderer of the printed offer. It copies its arguments, so it can be used on
 * another thread than the caller's (one thread at a time) and outlives them.
 *
 * Returns: (transfer full): the renderer, or %NULL when the reseller's logo cannot be
 *   read (%SSA_DOCUMENT_ERROR_LOGO)
 */
SsaOfferPdf *
ssa_offer_pdf_new (const SsaOffer        *offer,
                   const SsaInventory    *inventory,
                   const SsaDocumentInfo *info,
                   GError               **error)
{
  g_autoptr(SsaOfferPdf) self = NULL;
  SsaPdfLayoutConfig config = {
    .font_family = FONT_FAMILY,
    .fonts = style_fonts,
    .n_fonts = N_STYLES,
    .margin_x = MARGIN_X,
    .margin_top = MARGIN_TOP,
    .margin_bottom = MARGIN_BOTTOM,
    .footer_height = FOOTER_HEIGHT,
    .running_header_height = RUNNING_HEADER_HEIGHT,
    .min_content = MIN_CONTENT,
    .mark_rgb = COLOR_NOTE,
    .table_style = STYLE_TABLE,
    .table_header_style = STYLE_TABLE_HEADER,
    .table_rgb = COLOR_TEXT,
    .table_header_rgb = COLOR_MUTED,
    .table_header_fill_rgb = COLOR_HEADER_FILL,
    .table_rule_rgb = COLOR_RULE,
    .table_row_rule_rgb = COLOR_RULE_LIGHT,
    .cell_pad_x = CELL_PAD_X,
    .cell_pad_y = CELL_PAD_Y,
  };

  g_return_val_if_fail (offer != NULL, NULL);
  g_return_val_if_fail (inventory != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (SsaOfferPdf, 1);
  self->offer = ssa_offer_copy (offer);
  self->inventory = ssa_inventory_copy (inventory);
  self->info = info != NULL ? ssa_document_info_copy (info) : ssa_document_info_new ();
  self->lang = self->info->lang;
  self->number = ssa_document_info_dup_number (self->info);

  if (!load_logo (self, error))
    return NULL;

  config.language = self->lang == SSA_LANG_NB ? "nb" : "en";
  self->layout = ssa_pdf_layout_new (&config);
  ssa_pdf_layout_set_page_func (self->layout, draw_page_frame, self);

  return g_steal_pointer (&self);
}

void
ssa_offer_pdf_free (SsaOfferPdf *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->layout, ssa_pdf_layout_free);
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->info, ssa_document_info_free);
  g_clear_pointer (&self->inventory, ssa_inventory_free);
  g_clear_pointer (&self->offer, ssa_offer_free);
  g_free (self);
}

/**
 * ssa_offer_pdf_paginate:
 * @self: a #SsaOfferPdf
 * @width: the page's width in points
 * @height: the page's height in points
 *
 * Lays the document out on pages of this size. Cheap when the size has not changed.
 *
 * Returns: the number of pages, at least 1
 */
guint
ssa_offer_pdf_paginate (SsaOfferPdf *self,
                        double       width,
                        double       height)
{
  g_return_val_if_fail (self != NULL, 0);

  if (ssa_pdf_layout_is_laid_out_for (self->layout, width, height))
    return ssa_pdf_layout_get_n_pages (self->layout);

  ssa_pdf_layout_begin (self->layout, width, height);
  build_blocks (self);
  return ssa_pdf_layout_paginate (self->layout);
}

/**
 * ssa_offer_pdf_get_n_pages:
 * @self: a #SsaOfferPdf
 *
 * Returns: the number of pages of the last pagination, 0 before the first
 */
guint
ssa_offer_pdf_get_n_pages (SsaOfferPdf *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return ssa_pdf_layout_get_n_pages (self->layout);
}

/**
 * ssa_offer_pdf_render_page:
 * @self: a #SsaOfferPdf
 * @cr: a cairo context whose user space is in points with the origin at the page's top
 *   left corner (a GtkPrintContext's with %GTK_UNIT_POINTS and the full page)
 * @page_nr: the page, from 0
 * @width: the page's width in points
 * @height: the page's height in points
 *
 * Draws one page; paginates first when the size differs from the last pagination.
 * The cairo context's state is left as it was.
 */
void
ssa_offer_pdf_render_page (SsaOfferPdf *self,
                           cairo_t     *cr,
                           guint        page_nr,
                           double       width,
                           double       height)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  ssa_offer_pdf_paginate (self, width, height);
  g_return_if_fail (page_nr < ssa_pdf_layout_get_n_pages (self->layout));

  ssa_pdf_layout_render_page (self->layout, cr, page_nr);
}

static void
render_page_cb (gpointer  document,
                cairo_t  *cr,
                guint     page_nr,
                double    width,
                double    height)
{
  ssa_offer_pdf_render_page (document, cr, page_nr, width, height);
}

/**
 * ssa_offer_pdf_write_output:
 * @offer: the offer
 * @inventory: the installation it was computed for
 * @info: (nullable): the reseller, number, date and language
 * @output: where to write; the caller commits it with ssa_output_commit()
 * @error: a #GError
 *
 * Writes the printed offer as an A4 PDF into @output, for callers that commit several
 * files together. Every write is checked: a full disk or a file size limit is an error,
 * never a truncated document. Most callers want ssa_offer_pdf_write().
 *
 * Returns: whether the whole document was written
 */
gboolean
ssa_offer_pdf_write_output (const SsaOffer        *offer,
                            const SsaInventory    *inventory,
                            const SsaDocumentInfo *info,
                            SsaOutput             *output,
                            GError               **error)
{
  g_autoptr(SsaOfferPdf) self = NULL;
  g_autofree char *title = NULL;
  g_autofree char *created_iso = NULL;
  g_autofree char *created_text = NULL;
  g_autoptr(GError) local_error = NULL;
  SsaPdfMetadata metadata = { NULL, };
  cairo_status_t status;
  GDate created;
  guint n_pages;

  g_return_val_if_fail (offer != NULL, FALSE);
  g_return_val_if_fail (inventory != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self = ssa_offer_pdf_new (offer, inventory, info, error);
  if (self == NULL)
    return FALSE;

  n_pages = ssa_offer_pdf_paginate (self, SSA_OFFER_PDF_A4_WIDTH, SSA_OFFER_PDF_A4_HEIGHT);

  title = self->number != NULL
          ? g_strdup_printf ("%s %s", doc (self, SSA_DOC_TITLE), self->number)
          : g_strdup_printf ("%s (%s)", doc (self, SSA_DOC_TITLE), doc (self, SSA_DOC_DRAFT));
  metadata.title = title;
  metadata.subject = doc (self, SSA_DOC_SUBJECT);
  metadata.author = self->info->reseller.company_name;
  metadata.creator = "SSA Desk " PACKAGE_VERSION;
  /* The document's own date rather than the clock: the same offer gives the same file. */
  ssa_document_info_get_created (self->info, offer, &created);
  created_iso = ssa_date_to_iso (&created);
  created_text = g_strconcat (created_iso, "T00:00:00", NULL);
  metadata.create_date = created_text;

  status = ssa_pdf_write_pages (output, SSA_OFFER_PDF_A4_WIDTH, SSA_OFFER_PDF_A4_HEIGHT,
                                n_pages, &metadata, render_page_cb, self, &local_error);

  /* The output's own words for a failed write ("the disk is full"), else cairo's. */
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, SSA_DOCUMENT_ERROR, SSA_DOCUMENT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), ssa_output_get_display_name (output),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_offer_pdf_write:
 * @offer: the offer
 * @inventory: the installation it was computed for
 * @info: (nullable): the reseller, number, date and language
 * @path: the PDF file to write, or "-" for standard output
 * @error: a #GError
 *
 * Writes the printed offer as an A4 PDF, without a display, through ssa_output_open():
 * to a temporary file beside @path, renamed over @path once complete. On failure nothing
 * is left behind.
 *
 * Returns: whether the file was written
 */
gboolean
ssa_offer_pdf_write (const SsaOffer        *offer,
                     const SsaInventory    *inventory,
                     const SsaDocumentInfo *info,
                     const char            *path,
                     GError               **error)
{
  return ssa_document_write (ssa_offer_pdf_write_output, offer, inventory, info, path, error);
}
