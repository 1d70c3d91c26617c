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
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "ssa-date.h"
#include "ssa-org-no.h"
#include "ssa-document-details.h"
#include "ssa-offer-pdf.h"

/* The page renderer works in two steps, so that a print dialog can ask for the number of
 * pages before it draws any:
 *
 *   1. ssa_offer_pdf_paginate() lays the document out for a page size as a list of
 *      blocks (the letterhead, a heading, one table row, the totals, …), each a set of
 *      pango layouts, images and filled rectangles at positions inside the block, then
 *      flows the blocks onto pages. A table row that starts a page gets its table's header
 *      row above it; a block taller than a page is cut between two lines of text.
 *   2. ssa_offer_pdf_render_page() draws one page's pieces of blocks on any cairo context.
 *
 * Text is measured with a pango context of its own (72 dpi, so one unit is one point,
 * without hinting of metrics), so the pages break the same way on a PDF surface, on a
 * print context and on screen. Layouts are cached by style, width and text: the columns
 * of a long table repeat the same codes, dates and names many times. */

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
#define EPSILON                0.01

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

static const struct
{
  double      size;
  PangoWeight weight;
} style_fonts[N_STYLES] = {
  [STYLE_BODY] = { 9.0, PANGO_WEIGHT_NORMAL },
  [STYLE_BODY_BOLD] = { 9.0, PANGO_WEIGHT_BOLD },
  [STYLE_SMALL] = { 7.5, PANGO_WEIGHT_NORMAL },
  [STYLE_SMALL_BOLD] = { 7.5, PANGO_WEIGHT_BOLD },
  [STYLE_TABLE] = { 8.0, PANGO_WEIGHT_NORMAL },
  [STYLE_TABLE_HEADER] = { 7.5, PANGO_WEIGHT_BOLD },
  [STYLE_HEADING] = { 10.5, PANGO_WEIGHT_BOLD },
  [STYLE_TITLE] = { 17.0, PANGO_WEIGHT_BOLD },
  [STYLE_COMPANY] = { 13.0, PANGO_WEIGHT_BOLD },
  [STYLE_TOTAL] = { 10.5, PANGO_WEIGHT_BOLD },
};

typedef struct
{
  PangoLayout     *layout;    /* owned by the layout cache, or NULL for an image */
  cairo_surface_t *image;     /* the logo, borrowed */
  double           x;
  double           y;
  double           width;     /* images only */
  double           height;    /* images only */
  guint32          rgb;
} Item;

typedef struct
{
  double  x;
  double  y;
  double  width;
  double  height;
  guint32 rgb;
} Rect;

typedef struct
{
  double   height;
  double   space_before;      /* dropped at the top of a page */
  GArray  *items;             /* Item */
  GArray  *rects;             /* Rect */
  int      table;             /* the table this block is a row of, or -1 */
  gboolean is_header;         /* the table's header row */
  gboolean keep_with_next;    /* a heading: never the last block of a page */
} Block;

typedef struct
{
  guint  block;
  double from;                /* the part of the block on this page */
  double to;
  double y;                   /* where the part starts on the page */
} Piece;

typedef struct
{
  guint first_piece;
  guint n_pieces;
} Page;

typedef struct
{
  const char *header;
  gboolean    right;
  double      max_width;      /* the widest the column may get before the flexible one */
  double      width;
} Column;

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

  PangoFontMap         *font_map;
  PangoContext         *context;
  PangoFontDescription *fonts[N_STYLES];
  GHashTable           *layouts;       /* cache key → PangoLayout */

  double                width;         /* the page size the blocks were laid out for */
  double                height;
  GArray               *blocks;        /* Block */
  GArray               *table_headers; /* guint: the header block of each table */
  GArray               *pieces;        /* Piece */
  GArray               *pages;         /* Page */
};

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->items, g_array_unref);
  g_clear_pointer (&block->rects, g_array_unref);
}

static void
set_source_rgb (cairo_t *cr,
                guint32  rgb)
{
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* Layouts */

static PangoLayout *
get_layout (SsaOfferPdf    *self,
            Style           style,
            const char     *text,
            const char     *mark,
            double          width,
            PangoAlignment  align)
{
  g_autofree char *key = NULL;
  g_autofree char *valid = NULL;
  PangoLayout *layout;
  PangoAttrList *attrs;
  int pango_width = width > 0 ? pango_units_from_double (width) : -1;

  key = g_strdup_printf ("%d\037%d\037%d\037%s\037%s", style, pango_width,
                         pango_width > 0 ? (int) align : 0, text, mark != NULL ? mark : "");
  layout = g_hash_table_lookup (self->layouts, key);
  if (layout != NULL)
    return layout;

  layout = pango_layout_new (self->context);
  pango_layout_set_font_description (layout, self->fonts[style]);
  if (pango_width > 0)
    {
      pango_layout_set_width (layout, pango_width);
      /* Break between words, and inside a word only where one does not fit the width:
       * a long name wraps and is never cut. */
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment (layout, align);
    }

  attrs = pango_attr_list_new ();
  /* A hyphen added at a break inside an article number or a serial would change it. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));

  valid = g_utf8_make_valid (text, -1);
  if (mark != NULL)
    {
      g_autofree char *valid_mark = g_utf8_make_valid (mark, -1);
      g_autofree char *full = g_strconcat (valid, "\n", valid_mark, NULL);
      guint start = (guint) strlen (valid) + 1;
      PangoAttribute *attr;

      attr = pango_attr_style_new (PANGO_STYLE_ITALIC);
      attr->start_index = start;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_scale_new (0.92);
      attr->start_index = start;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_foreground_new (((COLOR_NOTE >> 16) & 0xff) * 257,
                                        ((COLOR_NOTE >> 8) & 0xff) * 257,
                                        (COLOR_NOTE & 0xff) * 257);
      attr->start_index = start;
      pango_attr_list_insert (attrs, attr);
      pango_layout_set_text (layout, full, -1);
    }
  else
    pango_layout_set_text (layout, valid, -1);

  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  g_hash_table_insert (self->layouts, g_steal_pointer (&key), layout);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = pango_units_to_double (logical.x + logical.width);
  if (height != NULL)
    *height = pango_units_to_double (logical.height);
}

static double
text_width (SsaOfferPdf *self,
            Style        style,
            const char  *text,
            const char  *mark)
{
  double width;

  layout_size (get_layout (self, style, text, mark, -1, PANGO_ALIGN_LEFT), &width, NULL);
  return width;
}

/* Blocks */

static guint
add_block (SsaOfferPdf *self,
           double       space_before)
{
  Block block = { 0 };

  block.items = g_array_new (FALSE, FALSE, sizeof (Item));
  block.rects = g_array_new (FALSE, FALSE, sizeof (Rect));
  block.table = -1;
  block.space_before = space_before;
  g_array_append_val (self->blocks, block);
  return self->blocks->len - 1;
}

static Block *
get_block (SsaOfferPdf *self,
           guint        index)
{
  return &g_array_index (self->blocks, Block, index);
}

static void
block_add_rect (Block   *block,
                double   x,
                double   y,
                double   width,
                double   height,
                guint32  rgb)
{
  Rect rect = { x, y, width, height, rgb };

  g_array_append_val (block->rects, rect);
  block->height = MAX (block->height, y + height);
}

static void
block_add_layout (Block       *block,
                  PangoLayout *layout,
                  double       x,
                  double       y,
                  guint32      rgb)
{
  Item item = { layout, NULL, x, y, 0, 0, rgb };
  double height;

  layout_size (layout, NULL, &height);
  g_array_append_val (block->items, item);
  block->height = MAX (block->height, y + height);
}

/* Adds @text (and @mark, a second line in the note style) wrapped to @width, aligned in
 * it. Returns its height. */
static double
block_add_marked_text (SsaOfferPdf    *self,
                       guint           index,
                       Style           style,
                       const char     *text,
                       const char     *mark,
                       double          x,
                       double          y,
                       double          width,
                       PangoAlignment  align,
                       guint32         rgb)
{
  PangoLayout *layout;
  double natural, height;
  gboolean one_line;

  if (text == NULL || text[0] == '\0')
    return 0;

  /* Text that fits its width is drawn from its unwrapped layout, placed by hand: one
   * layout serves every width it fits in. Several lines aligned otherwise than left need
   * the wrapped layout, which aligns each line. */
  layout = get_layout (self, style, text, mark, -1, PANGO_ALIGN_LEFT);
  layout_size (layout, &natural, &height);
  one_line = mark == NULL && strchr (text, '\n') == NULL;
  if (natural <= width + EPSILON && (one_line || align == PANGO_ALIGN_LEFT))
    {
      if (align == PANGO_ALIGN_RIGHT)
        x += width - natural;
      else if (align == PANGO_ALIGN_CENTER)
        x += (width - natural) / 2;
    }
  else
    {
      layout = get_layout (self, style, text, mark, width, align);
      layout_size (layout, NULL, &height);
    }

  block_add_layout (get_block (self, index), layout, x, y, rgb);
  return height;
}

static double
block_add_text (SsaOfferPdf    *self,
                guint           index,
                Style           style,
                const char     *text,
                double          x,
                double          y,
                double          width,
                PangoAlignment  align,
                guint32         rgb)
{
  return block_add_marked_text (self, index, style, text, NULL, x, y, width, align, rgb);
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
  block_add_text (self, index, style, "•", x, y, 10, PANGO_ALIGN_LEFT, rgb);
  return block_add_text (self, index, style, text, x + 10, y, width - 10, PANGO_ALIGN_LEFT, rgb);
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
                                     label_width - 6, PANGO_ALIGN_LEFT, COLOR_MUTED);
      value_height = block_add_text (self, index, STYLE_BODY, row->value, x + label_width, y,
                                     width - label_width,
                                     values_right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT,
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
  guint index = add_block (self, space_before);
  double width = self->width - 2 * MARGIN_X;
  double height;

  height = block_add_text (self, index, STYLE_HEADING, text, 0, 0, width, PANGO_ALIGN_LEFT,
                           COLOR_ACCENT);
  block_add_rect (get_block (self, index), 0, height + 2, width, 0.6, COLOR_RULE);
  get_block (self, index)->height += 5;
  get_block (self, index)->keep_with_next = TRUE;
  return index;
}

static void
add_paragraph (SsaOfferPdf *self,
               Style        style,
               const char  *text,
               double       space_before,
               guint32      rgb)
{
  guint index = add_block (self, space_before);

  block_add_text (self, index, style, text, 0, 0, self->width - 2 * MARGIN_X,
                  PANGO_ALIGN_LEFT, rgb);
}

/* Tables */

typedef struct
{
  char *cells[8];
  char *mark;                 /* a second line under the flexible column's text */
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (row->cells); i++)
    g_free (row->cells[i]);
  g_free (row->mark);
  g_free (row);
}

static double
add_cell (SsaOfferPdf *self,
          guint        index,
          Style        style,
          const char  *text,
          const char  *mark,
          double       x,
          double       width,
          gboolean     right,
          guint32      rgb)
{
  return block_add_marked_text (self, index, style, text, mark, x + CELL_PAD_X, CELL_PAD_Y,
                                width - 2 * CELL_PAD_X,
                                right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, rgb);
}

/* Gives every column but @flex the width of its widest cell (up to its maximum), and
 * @flex the rest. */
static void
size_columns (SsaOfferPdf *self,
              Column      *columns,
              guint        n_columns,
              guint        flex,
              GPtrArray   *rows)
{
  double total = self->width - 2 * MARGIN_X;
  double fixed = 0;
  guint c, r;

  for (c = 0; c < n_columns; c++)
    {
      double widest;

      if (c == flex)
        continue;
      widest = text_width (self, STYLE_TABLE_HEADER, columns[c].header, NULL);
      for (r = 0; r < rows->len; r++)
        {
          const Row *row = g_ptr_array_index (rows, r);

          if (row->cells[c] != NULL)
            {
              double cell = text_width (self, STYLE_TABLE, row->cells[c], NULL);

              widest = MAX (widest, cell);
            }
        }
      columns[c].width = MIN (widest + 2 * CELL_PAD_X + 1, columns[c].max_width);
      fixed += columns[c].width;
    }

  /* Keep the flexible column (the product's name, which wraps) readable; only when the
   * others take more than the rest are they narrowed, and their text wraps too. */
  if (total - fixed < MAX (90, total * 0.22))
    {
      double scale = (total - MAX (90, total * 0.22)) / fixed;

      fixed = 0;
      for (c = 0; c < n_columns; c++)
        if (c != flex)
          {
            columns[c].width *= scale;
            fixed += columns[c].width;
          }
    }
  columns[flex].width = total - fixed;
}

static void
add_table (SsaOfferPdf *self,
           Column      *columns,
           guint        n_columns,
           guint        flex,
           GPtrArray   *rows)
{
  int table = (int) self->table_headers->len;
  double width = self->width - 2 * MARGIN_X;
  guint index;
  double x, tallest;
  guint c, r;

  size_columns (self, columns, n_columns, flex, rows);

  index = add_block (self, 0);
  g_array_append_val (self->table_headers, index);
  tallest = 0;
  for (c = 0, x = 0; c < n_columns; x += columns[c].width, c++)
    {
      double cell = add_cell (self, index, STYLE_TABLE_HEADER, columns[c].header, NULL,
                              x, columns[c].width, columns[c].right, COLOR_MUTED);

      tallest = MAX (tallest, cell);
    }
  {
    Block *block = get_block (self, index);

    g_array_insert_val (block->rects, 0,
                        ((Rect) { 0, 0, width, tallest + 2 * CELL_PAD_Y, COLOR_HEADER_FILL }));
    block_add_rect (block, 0, tallest + 2 * CELL_PAD_Y, width, 0.8, COLOR_RULE);
    block->table = table;
    block->is_header = TRUE;
    block->keep_with_next = TRUE;
  }

  for (r = 0; r < rows->len; r++)
    {
      const Row *row = g_ptr_array_index (rows, r);
      Block *block;

      index = add_block (self, 0);
      tallest = 0;
      for (c = 0, x = 0; c < n_columns; x += columns[c].width, c++)
        {
          double cell = add_cell (self, index, STYLE_TABLE, row->cells[c],
                                  c == flex ? row->mark : NULL,
                                  x, columns[c].width, columns[c].right, COLOR_TEXT);

          tallest = MAX (tallest, cell);
        }
      block = get_block (self, index);
      block_add_rect (block, 0, tallest + 2 * CELL_PAD_Y, width, 0.4, COLOR_RULE_LIGHT);
      block->table = table;
    }
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
  double width = self->width - 2 * MARGIN_X;
  double left_height = 0, right_height;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *org_no = NULL;
  guint index = add_block (self, 0);
  Block *block;

  if (self->logo != NULL)
    {
      double w = cairo_image_surface_get_width (self->logo);
      double h = cairo_image_surface_get_height (self->logo);
      double scale = MIN (LOGO_MAX_WIDTH / w, LOGO_MAX_HEIGHT / h);
      Item item = { NULL, self->logo, 0, 0, w * scale, h * scale, 0 };

      block = get_block (self, index);
      g_array_append_val (block->items, item);
      block->height = MAX (block->height, item.height);
      left_height = item.height + 6;
    }
  left_height += block_add_text (self, index, STYLE_COMPANY, reseller->company_name, 0,
                                 left_height, width * 0.55, PANGO_ALIGN_LEFT, COLOR_ACCENT);

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
                                 width * 0.45, PANGO_ALIGN_RIGHT, COLOR_MUTED);

  block = get_block (self, index);
  block->height = MAX (left_height, right_height) + 8;
  block_add_rect (block, 0, block->height, width, 1.0, COLOR_ACCENT);
  block->height += 14;
}

static void
add_title_and_parties (SsaOfferPdf *self)
{
  const SsaCustomerInfo *customer = &self->inventory->customer;
  double width = self->width - 2 * MARGIN_X;
  double left_width = width * 0.52;
  double right_x = width * 0.56;
  double right_width = width - right_x;
  double y, left_height, right_height;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (KeyValue));
  g_autoptr(GString) lines = g_string_new (NULL);
  GDate date;
  guint index;

  index = add_block (self, 0);
  y = block_add_text (self, index, STYLE_TITLE, doc (self, SSA_DOC_TITLE), 0, 0, width,
                      PANGO_ALIGN_LEFT, COLOR_ACCENT);
  get_block (self, index)->height = y + 12;

  index = add_block (self, 0);
  y = block_add_text (self, index, STYLE_SMALL_BOLD, doc (self, SSA_DOC_CUSTOMER), 0, 0,
                      left_width, PANGO_ALIGN_LEFT, COLOR_MUTED) + 2;
  y += block_add_text (self, index, STYLE_BODY_BOLD, customer->name, 0, y, left_width,
                       PANGO_ALIGN_LEFT, COLOR_TEXT);
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
                                    PANGO_ALIGN_LEFT, COLOR_TEXT);

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

  get_block (self, index)->height = MAX (left_height, right_height) + 6;
}


static void
add_installation (SsaOfferPdf *self)
{
  const SsaInventory *inventory = self->inventory;
  double width = self->width - 2 * MARGIN_X;
  double column = (width - 24) / 2;
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (KeyValue));
  g_autofree char *start = ssa_date_format (&self->offer->start, self->lang);
  g_autofree char *end = ssa_date_format (&self->offer->end, self->lang);
  double left, right;
  guint index;

  add_heading (self, doc (self, SSA_DOC_INSTALLATION), 14);
  index = add_block (self, 0);

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

  get_block (self, index)->height = MAX (left, right);
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
  double width = self->width - 2 * MARGIN_X;
  guint index = add_block (self, 4);

  get_block (self, index)->height = block_add_text (self, index, STYLE_BODY_BOLD, text, 0, 0,
                                                    width, PANGO_ALIGN_RIGHT, COLOR_TEXT);
}

/* The true-up group (docs/documents.md): the missing licences at the list price and their
 * SSA, a section of its own with its note and subtotal. */
static void
add_true_up_table (SsaOfferPdf *self)
{
  const SsaOffer *offer = self->offer;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  Column columns[] = {
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
      Row *row;

      if (line->group != SSA_LINE_GROUP_TRUE_UP)
        continue;
      row = g_new0 (Row, 1);
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
  add_table (self, columns, G_N_ELEMENTS (columns), 1, rows);
  add_group_subtotal (self, SSA_DOC_SECTION_TRUE_UP, SSA_LINE_GROUP_TRUE_UP);
}

static void
add_lines_table (SsaOfferPdf *self)
{
  const SsaOffer *offer = self->offer;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  g_autofree char *factor = ssa_document_format_factor (offer->backpay_multiplier, self->lang);
  g_autofree char *note = NULL;
  Column columns[] = {
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
      Row *row;

      if ((line->segment != SSA_SEGMENT_REGULAR && line->segment != SSA_SEGMENT_BACKPAY) ||
          line->group != SSA_LINE_GROUP_SSA)
        continue;

      row = g_new0 (Row, 1);
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
  add_table (self, columns, G_N_ELEMENTS (columns), 1, rows);
  if (ssa_offer_has_true_up (offer))
    add_group_subtotal (self, SSA_DOC_SECTION_LINES, SSA_LINE_GROUP_SSA);

  note = ssa_document_backpay_note (offer, self->lang);
  if (note != NULL)
    {
      double width = self->width - 2 * MARGIN_X;
      guint index = add_block (self, 8);
      double height;
      Block *block;

      height = block_add_text (self, index, STYLE_SMALL, note, 10, 5, width - 16,
                               PANGO_ALIGN_LEFT, COLOR_NOTE);
      block = get_block (self, index);
      g_array_insert_val (block->rects, 0,
                          ((Rect) { 0, 0, width, height + 10, COLOR_NOTE_FILL }));
      g_array_insert_val (block->rects, 1, ((Rect) { 0, 0, 2.2, height + 10, COLOR_NOTE }));
      block->height = height + 10;
    }
  if (ssa_offer_has_true_up (offer))
    add_true_up_table (self);
}

static void
add_totals (SsaOfferPdf *self)
{
  const SsaOffer *offer = self->offer;
  const SsaOfferTotals *t = &offer->totals;
  double width = self->width - 2 * MARGIN_X;
  double box_width = MIN (width, 340);
  double x = width - box_width;
  double value_width = 112;
  double label_width = box_width - value_width;
  double y = 0, h, value_height;
  guint index = add_block (self, 12);
  g_autofree char *ssc = NULL;
  g_autofree char *ssc_text = NULL;

#define TOTAL_ROW(style, color, label, value) G_STMT_START {                                   \
    g_autofree char *value_text = (value);                                                    \
    h = block_add_text (self, index, style, label, x, y, label_width - 6, PANGO_ALIGN_LEFT,   \
                        color);                                                               \
    value_height = block_add_text (self, index, style, value_text, x + label_width, y,        \
                                   value_width, PANGO_ALIGN_RIGHT, color);                    \
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

      block_add_rect (get_block (self, index), x, y, box_width, 0.4, COLOR_RULE_LIGHT);
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

  block_add_rect (get_block (self, index), x, y, box_width, 0.6, COLOR_RULE);
  y += 4;
  TOTAL_ROW (STYLE_BODY_BOLD, COLOR_TEXT, doc (self, SSA_DOC_TOTAL_NET),
             format_money (self, t->net));
  {
    g_autofree char *percent = ssa_document_format_percent (offer->vat_percent, self->lang);
    g_autofree char *label = ssa_doc_string_printf (self->lang, SSA_DOC_TOTAL_VAT, percent);

    TOTAL_ROW (STYLE_BODY, COLOR_TEXT, label, format_money (self, t->vat));
  }
  block_add_rect (get_block (self, index), x, y, box_width, 1.2, COLOR_ACCENT);
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
                                 PANGO_ALIGN_RIGHT, COLOR_TEXT);
      }
  }
  if (offer->has_labour)
    block_add_text (self, index, STYLE_SMALL, doc (self, SSA_DOC_LABOUR_NOTE), x, y + 2,
                    box_width, PANGO_ALIGN_RIGHT, COLOR_MUTED);
}

static void
add_warnings (SsaOfferPdf *self)
{
  double width = self->width - 2 * MARGIN_X;
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
      index = add_block (self, 2);
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
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  Column columns[] = {
    { doc (self, SSA_DOC_COL_ARTICLE), FALSE, 92, 0 },
    { doc (self, SSA_DOC_COL_PRODUCT), FALSE, 0, 0 },
    { doc (self, SSA_DOC_COL_KIND), FALSE, 120, 0 },
    { doc (self, SSA_DOC_COL_QUANTITY), TRUE, 56, 0 },
  };
  guint i;

  for (i = 0; i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);
      Row *row;

      if (line->segment != segment)
        continue;
      row = g_new0 (Row, 1);
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
  get_block (self, self->blocks->len - 1)->height += 5;
  get_block (self, self->blocks->len - 1)->keep_with_next = TRUE;
  add_table (self, columns, G_N_ELEMENTS (columns), 1, rows);
}

static void
add_terms (SsaOfferPdf *self)
{
  const char *terms = self->info->reseller.payment_terms;
  double width = self->width - 2 * MARGIN_X;
  double column = (width - 24) / 2;
  double left, right, y;
  guint index;

  /* What the SSA includes and excludes, side by side. */
  index = add_block (self, 16);
  left = block_add_text (self, index, STYLE_HEADING, doc (self, SSA_DOC_INCLUDES), 0, 0,
                         column, PANGO_ALIGN_LEFT, COLOR_ACCENT);
  right = block_add_text (self, index, STYLE_HEADING, doc (self, SSA_DOC_EXCLUDES),
                          column + 24, 0, column, PANGO_ALIGN_LEFT, COLOR_ACCENT);
  y = MAX (left, right) + 2;
  block_add_rect (get_block (self, index), 0, y, column, 0.6, COLOR_RULE);
  block_add_rect (get_block (self, index), column + 24, y, column, 0.6, COLOR_RULE);
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
  get_block (self, index)->height = MAX (left, right);

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
  double width = self->width - 2 * MARGIN_X;
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

  index = add_block (self, 16);
  y = block_add_text (self, index, STYLE_HEADING, doc (self, SSA_DOC_ACCEPTANCE), 0, 0,
                      width, PANGO_ALIGN_LEFT, COLOR_ACCENT) + 2;
  block_add_rect (get_block (self, index), 0, y, width, 0.6, COLOR_RULE);
  y += 5;
  y += block_add_text (self, index, STYLE_BODY_BOLD, deadline_line, 0, y, width,
                       PANGO_ALIGN_LEFT, COLOR_TEXT) + 2;
  y += block_add_text (self, index, STYLE_BODY, how, 0, y, width, PANGO_ALIGN_LEFT,
                       COLOR_TEXT) + 4;
  if (customer->name != NULL && customer->name[0] != '\0')
    {
      g_autofree char *for_customer = ssa_doc_string_printf (self->lang,
                                                             SSA_DOC_ACCEPT_FOR_CUSTOMER,
                                                             customer->name);

      y += block_add_text (self, index, STYLE_BODY_BOLD, for_customer, 0, y, width,
                           PANGO_ALIGN_LEFT, COLOR_TEXT) + 4;
    }

  /* An offer with alternatives: a field for the one chosen, before the signature. */
  if (ssa_offer_get_n_alternatives (self->offer) > 1)
    {
      y += 22;
      block_add_rect (get_block (self, index), 0, y, column, 0.6, COLOR_TEXT);
      y += 2 + block_add_text (self, index, STYLE_SMALL, doc (self, SSA_DOC_ACCEPT_ALTERNATIVE),
                               0, y + 2, column, PANGO_ALIGN_LEFT, COLOR_MUTED);
    }

  /* Two rows of two fields: a line to write on, its label under it. */
  for (guint row = 0; row < 2; row++)
    {
      SsaDocString left = row == 0 ? SSA_DOC_ACCEPT_PLACE : SSA_DOC_ACCEPT_NAME;
      SsaDocString right = row == 0 ? SSA_DOC_DATE : SSA_DOC_ACCEPT_SIGNATURE;

      y += 22;
      block_add_rect (get_block (self, index), 0, y, column, 0.6, COLOR_TEXT);
      block_add_rect (get_block (self, index), column + 24, y, column, 0.6, COLOR_TEXT);
      h = block_add_text (self, index, STYLE_SMALL, doc (self, left), 0, y + 2, column,
                          PANGO_ALIGN_LEFT, COLOR_MUTED);
      h = MAX (h, block_add_text (self, index, STYLE_SMALL, doc (self, right), column + 24,
                                  y + 2, column, PANGO_ALIGN_LEFT, COLOR_MUTED));
      y += 2 + h;
    }
  get_block (self, index)->height = y;
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
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (row_free);
  Column columns[] = {
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
      Row *row = g_new0 (Row, 1);

      row->cells[0] = ssa_doc_string_printf (self->lang, SSA_DOC_ALTERNATIVE, n);
      row->cells[1] = g_strdup_printf ("%s – %s", start, end);
      row->cells[2] = g_strdup (ssa_document_billing_label (alternative->billing, self->lang));
      row->cells[3] = format_money (self, alternative->totals.net);
      row->cells[4] = format_money (self, alternative->totals.total);
      g_ptr_array_add (rows, row);
    }
  add_table (self, columns, G_N_ELEMENTS (columns), 1, rows);
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
  g_array_set_size (self->blocks, 0);
  g_array_set_size (self->table_headers, 0);

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

/* Pagination */

static double
body_top (guint page)
{
  return MARGIN_TOP + (page > 0 ? RUNNING_HEADER_HEIGHT : 0);
}

static double
body_bottom (SsaOfferPdf *self)
{
  return MAX (self->height - MARGIN_BOTTOM - FOOTER_HEIGHT, body_top (1) + MIN_CONTENT);
}

/* Whether no line of text or image of @block crosses @y. */
static gboolean
is_clean_cut (const Block *block,
              double       y)
{
  guint i;

  for (i = 0; i < block->items->len; i++)
    {
      const Item *item = &g_array_index (block->items, Item, i);
      PangoLayoutIter *iter;
      gboolean clean = TRUE;

      if (item->layout == NULL)
        {
          if (item->y < y - EPSILON && item->y + item->height > y + EPSILON)
            return FALSE;
          continue;
        }

      iter = pango_layout_get_iter (item->layout);
      do
        {
          int top, bottom;

          pango_layout_iter_get_line_yrange (iter, &top, &bottom);
          if (item->y + pango_units_to_double (top) < y - EPSILON &&
              item->y + pango_units_to_double (bottom) > y + EPSILON)
            clean = FALSE;
        }
      while (clean && pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      if (!clean)
        return FALSE;
    }
  return TRUE;
}

/* The lowest point in (@from, @limit] where @block may be cut, or @limit itself when no
 * line ends there (a single line taller than a page). */
static double
find_cut (const Block *block,
          double       from,
          double       limit)
{
  double best = -1;
  guint i;

  for (i = 0; i < block->items->len; i++)
    {
      const Item *item = &g_array_index (block->items, Item, i);
      PangoLayoutIter *iter;

      if (item->layout == NULL)
        continue;
      iter = pango_layout_get_iter (item->layout);
      do
        {
          int top, bottom;
          double y;

          pango_layout_iter_get_line_yrange (iter, &top, &bottom);
          y = item->y + pango_units_to_double (bottom);
          if (y > from + EPSILON && y <= limit + EPSILON && y > best &&
              is_clean_cut (block, y))
            best = y;
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }
  return best > from ? best : limit;
}

static void
paginate (SsaOfferPdf *self)
{
  double bottom = body_bottom (self);
  guint page = 0;
  guint on_page = 0;           /* pieces placed on the current page */
  double y = body_top (0);
  Page current = { 0, 0 };
  guint i;

  g_array_set_size (self->pieces, 0);
  g_array_set_size (self->pages, 0);

#define PLACE(block_index, piece_from, piece_to) G_STMT_START {                                \
    Piece piece = { (block_index), (piece_from), (piece_to), y };                             \
    g_array_append_val (self->pieces, piece);                                                 \
    y += (piece_to) - (piece_from);                                                           \
    on_page++;                                                                                \
  } G_STMT_END
#define NEW_PAGE() G_STMT_START {                                                              \
    current.n_pieces = self->pieces->len - current.first_piece;                               \
    g_array_append_val (self->pages, current);                                                \
    current.first_piece = self->pieces->len;                                                  \
    page++;                                                                                   \
    y = body_top (page);                                                                      \
    on_page = 0;                                                                              \
  } G_STMT_END

  for (i = 0; i < self->blocks->len; i++)
    {
      const Block *block = &g_array_index (self->blocks, Block, i);
      double need = block->height;
      double from = 0;
      guint j;

      /* A heading or a table header goes to the next page with what follows it. */
      for (j = i; j + 1 < self->blocks->len &&
                  g_array_index (self->blocks, Block, j).keep_with_next; j++)
        need += g_array_index (self->blocks, Block, j + 1).height;
      need = MIN (need, bottom - body_top (1));

      if (on_page > 0 && y + block->space_before + need > bottom + EPSILON)
        NEW_PAGE ();
      if (on_page > 0)
        y += block->space_before;

      /* A table that goes on over a page break gets its header row again. */
      if (on_page == 0 && page > 0 && block->table >= 0 && !block->is_header)
        {
          guint header = g_array_index (self->table_headers, guint, block->table);

          PLACE (header, 0, g_array_index (self->blocks, Block, header).height);
        }

      while (block->height - from > bottom - y + EPSILON)
        {
          /* Always make progress, even below a header taller than the page. */
          double room = MAX (bottom - y, (bottom - body_top (1)) / 4);
          double cut = find_cut (block, from, from + room);

          PLACE (i, from, cut);
          from = cut;
          NEW_PAGE ();
          if (block->table >= 0 && !block->is_header)
            {
              guint header = g_array_index (self->table_headers, guint, block->table);

              PLACE (header, 0, g_array_index (self->blocks, Block, header).height);
            }
        }
      PLACE (i, from, block->height);
    }
  current.n_pieces = self->pieces->len - current.first_piece;
  g_array_append_val (self->pages, current);

#undef PLACE
#undef NEW_PAGE
}

/* Drawing */

static void
draw_item_lines (cairo_t     *cr,
                 const Item  *item,
                 double       from,
                 double       to,
                 double       offset_y)
{
  PangoLayoutIter *iter = pango_layout_get_iter (item->layout);

  do
    {
      int top, bottom;
      double line_top, line_bottom;

      pango_layout_iter_get_line_yrange (iter, &top, &bottom);
      line_top = item->y + pango_units_to_double (top);
      line_bottom = item->y + pango_units_to_double (bottom);
      if (line_top >= from - EPSILON && line_bottom <= to + EPSILON)
        {
          PangoRectangle logical;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, MARGIN_X + item->x + pango_units_to_double (logical.x),
                         offset_y + item->y +
                         pango_units_to_double (pango_layout_iter_get_baseline (iter)));
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_piece (cairo_t     *cr,
            const Block *block,
            const Piece *piece)
{
  double offset_y = piece->y - piece->from;
  gboolean whole = piece->from <= EPSILON && piece->to >= block->height - EPSILON;
  guint i;

  for (i = 0; i < block->rects->len; i++)
    {
      const Rect *rect = &g_array_index (block->rects, Rect, i);
      double top = MAX (rect->y, piece->from);
      double bottom = MIN (rect->y + rect->height, piece->to);

      if (bottom <= top)
        continue;
      set_source_rgb (cr, rect->rgb);
      cairo_rectangle (cr, MARGIN_X + rect->x, offset_y + top, rect->width, bottom - top);
      cairo_fill (cr);
    }

  for (i = 0; i < block->items->len; i++)
    {
      const Item *item = &g_array_index (block->items, Item, i);

      if (item->layout == NULL)
        {
          if (!whole && (item->y < piece->from - EPSILON ||
                         item->y + item->height > piece->to + EPSILON))
            continue;
          cairo_save (cr);
          cairo_translate (cr, MARGIN_X + item->x, offset_y + item->y);
          cairo_scale (cr, item->width / cairo_image_surface_get_width (item->image),
                       item->height / cairo_image_surface_get_height (item->image));
          cairo_set_source_surface (cr, item->image, 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
          cairo_paint (cr);
          cairo_restore (cr);
          continue;
        }

      set_source_rgb (cr, item->rgb);
      if (whole)
        {
          cairo_move_to (cr, MARGIN_X + item->x, offset_y + item->y);
          pango_cairo_show_layout (cr, item->layout);
        }
      else
        draw_item_lines (cr, item, piece->from, piece->to, offset_y);
    }
}

static void
draw_text (SsaOfferPdf    *self,
           cairo_t        *cr,
           Style           style,
           const char     *text,
           double          x,
           double          y,
           double          width,
           PangoAlignment  align,
           guint32         rgb)
{
  PangoLayout *layout;

  if (text == NULL || text[0] == '\0')
    return;
  layout = get_layout (self, style, text, NULL, width, align);
  set_source_rgb (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_page_frame (SsaOfferPdf *self,
                 cairo_t     *cr,
                 guint        page_nr)
{
  double width = self->width - 2 * MARGIN_X;
  double footer_y = self->height - MARGIN_BOTTOM - FOOTER_HEIGHT + 8;
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
                 PANGO_ALIGN_LEFT, COLOR_ACCENT);
      draw_text (self, cr, STYLE_SMALL, title, MARGIN_X + width * 0.45, MARGIN_TOP,
                 width * 0.55, PANGO_ALIGN_RIGHT, COLOR_MUTED);
      set_source_rgb (cr, COLOR_RULE);
      cairo_rectangle (cr, MARGIN_X, MARGIN_TOP + 14, width, 0.6);
      cairo_fill (cr);
    }

  set_source_rgb (cr, COLOR_RULE);
  cairo_rectangle (cr, MARGIN_X, footer_y - 6, width, 0.6);
  cairo_fill (cr);

  page_text = ssa_doc_string_printf (self->lang, SSA_DOC_PAGE, page_nr + 1, self->pages->len);
  draw_text (self, cr, STYLE_SMALL, offer_text, MARGIN_X, footer_y, width * 0.3,
             PANGO_ALIGN_LEFT, COLOR_MUTED);
  if (company != NULL && company[0] != '\0')
    {
      g_autofree char *org_no = ssa_document_format_org_no (self->info->reseller.org_no,
                                                            self->info->reseller.vat_registered);
      g_autofree char *who = org_no != NULL
                             ? g_strdup_printf ("%s · %s %s", company,
                                                doc (self, SSA_DOC_ORG_NO), org_no)
                             : g_strdup (company);

      draw_text (self, cr, STYLE_SMALL, who, MARGIN_X + width * 0.2, footer_y, width * 0.6,
                 PANGO_ALIGN_CENTER, COLOR_MUTED);
    }
  draw_text (self, cr, STYLE_SMALL, page_text, MARGIN_X + width * 0.7, footer_y, width * 0.3,
             PANGO_ALIGN_RIGHT, COLOR_MUTED);
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
  cairo_font_options_t *options;
  guint i;

  g_return_val_if_fail (offer != NULL, NULL);
  g_return_val_if_fail (inventory != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (SsaOfferPdf, 1);
  self->offer = ssa_offer_copy (offer);
  self->inventory = ssa_inventory_copy (inventory);
  self->info = info != NULL ? ssa_document_info_copy (info) : ssa_document_info_new ();
  self->lang = self->info->lang;
  self->number = ssa_document_info_dup_number (self->info);
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->table_headers = g_array_new (FALSE, FALSE, sizeof (guint));
  self->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));

  if (!load_logo (self, error))
    return NULL;

  /* A font map of its own rather than the thread's default one: the fonts and patterns it
   * caches go with the renderer instead of staying for the life of the thread (or being
   * reported as leaks by LeakSanitizer), and the renderer shares no state with a GTK
   * window's text. */
  self->font_map = pango_cairo_font_map_new ();
  self->context = pango_font_map_create_context (self->font_map);
  pango_cairo_context_set_resolution (self->context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);
  pango_context_set_language (self->context,
                              pango_language_from_string (self->lang == SSA_LANG_NB ? "nb"
                                                                                    : "en"));
  for (i = 0; i < N_STYLES; i++)
    {
      self->fonts[i] = pango_font_description_from_string (FONT_FAMILY);
      pango_font_description_set_size (self->fonts[i],
                                       (int) (style_fonts[i].size * PANGO_SCALE));
      pango_font_description_set_weight (self->fonts[i], style_fonts[i].weight);
    }

  return g_steal_pointer (&self);
}

void
ssa_offer_pdf_free (SsaOfferPdf *self)
{
  guint i;

  if (self == NULL)
    return;
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->pieces, g_array_unref);
  g_clear_pointer (&self->table_headers, g_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  for (i = 0; i < N_STYLES; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
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

  width = MAX (width, 2 * MARGIN_X + MIN_CONTENT);
  if (self->pages->len > 0 && G_APPROX_VALUE (width, self->width, EPSILON) &&
      G_APPROX_VALUE (height, self->height, EPSILON))
    return self->pages->len;

  self->width = width;
  self->height = height;
  build_blocks (self);
  paginate (self);
  return self->pages->len;
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

  return self->pages->len;
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
  const Page *page;
  guint i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  ssa_offer_pdf_paginate (self, width, height);
  g_return_if_fail (page_nr < self->pages->len);

  page = &g_array_index (self->pages, Page, page_nr);
  cairo_save (cr);
  for (i = 0; i < page->n_pieces; i++)
    {
      const Piece *piece = &g_array_index (self->pieces, Piece, page->first_piece + i);

      draw_piece (cr, &g_array_index (self->blocks, Block, piece->block), piece);
    }
  draw_page_frame (self, cr, page_nr);
  cairo_restore (cr);
}

/* Where cairo's PDF stream goes: the output, and the first failure to write into it. */
typedef struct
{
  SsaOutput *output;
  GError    *error;
} PdfStream;

static cairo_status_t
write_stream_cb (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  PdfStream *stream = closure;

  if (stream->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!ssa_output_write (stream->output, data, length, &stream->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
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
  PdfStream stream = { output, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  GDate created;
  guint n_pages, i;

  g_return_val_if_fail (offer != NULL, FALSE);
  g_return_val_if_fail (inventory != NULL, FALSE);
  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self = ssa_offer_pdf_new (offer, inventory, info, error);
  if (self == NULL)
    return FALSE;

  n_pages = ssa_offer_pdf_paginate (self, SSA_OFFER_PDF_A4_WIDTH, SSA_OFFER_PDF_A4_HEIGHT);

  surface = cairo_pdf_surface_create_for_stream (write_stream_cb, &stream,
                                                 SSA_OFFER_PDF_A4_WIDTH, SSA_OFFER_PDF_A4_HEIGHT);
  title = self->number != NULL
          ? g_strdup_printf ("%s %s", doc (self, SSA_DOC_TITLE), self->number)
          : g_strdup_printf ("%s (%s)", doc (self, SSA_DOC_TITLE), doc (self, SSA_DOC_DRAFT));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  doc (self, SSA_DOC_SUBJECT));
  if (self->info->reseller.company_name != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                    self->info->reseller.company_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "SSA Desk " PACKAGE_VERSION);
  /* The document's own date rather than the clock: the same offer gives the same file. */
  ssa_document_info_get_created (self->info, offer, &created);
  created_iso = ssa_date_to_iso (&created);
  created_text = g_strconcat (created_iso, "T00:00:00", NULL);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created_text);

  cr = cairo_create (surface);
  for (i = 0; i < n_pages; i++)
    {
      ssa_offer_pdf_render_page (self, cr, i, SSA_OFFER_PDF_A4_WIDTH, SSA_OFFER_PDF_A4_HEIGHT);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* The output's own words for a failed write ("the disk is full"), else cairo's. */
  if (stream.error != NULL)
    {
      g_propagate_error (error, stream.error);
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
