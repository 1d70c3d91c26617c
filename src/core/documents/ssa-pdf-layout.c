/* ssa-pdf-layout.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-documents"

#include "config.h"

#include <string.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "ssa-pdf-layout.h"

G_STATIC_ASSERT ((int) SSA_PDF_ALIGN_LEFT == (int) PANGO_ALIGN_LEFT);
G_STATIC_ASSERT ((int) SSA_PDF_ALIGN_CENTER == (int) PANGO_ALIGN_CENTER);
G_STATIC_ASSERT ((int) SSA_PDF_ALIGN_RIGHT == (int) PANGO_ALIGN_RIGHT);
G_STATIC_ASSERT (SSA_PDF_WEIGHT_NORMAL == PANGO_WEIGHT_NORMAL);
G_STATIC_ASSERT (SSA_PDF_WEIGHT_BOLD == PANGO_WEIGHT_BOLD);

/* The engine works in two steps, so that a print dialog can ask for the number of pages
 * before it draws any:
 *
 *   1. The document begins a layout for a page size (ssa_pdf_layout_begin()) and adds its
 *      blocks (a letterhead, a heading, one table row, …), each a set of pango layouts,
 *      images and filled rectangles at positions inside the block; ssa_pdf_layout_paginate()
 *      then flows the blocks onto pages. A table row that starts a page gets its table's
 *      header row above it; a block taller than a page is cut between two lines of text.
 *   2. ssa_pdf_layout_render_page() draws one page's pieces of blocks on any cairo context,
 *      then the page function's running header and footer.
 *
 * Text is measured with a pango context of its own (72 dpi, so one unit is one point,
 * without hinting of metrics), so the pages break the same way on a PDF surface, on a
 * print context and on screen. Layouts are cached by style, width and text: the columns
 * of a long table repeat the same codes, dates and names many times. */

#define EPSILON 0.01

typedef struct
{
  PangoLayout     *layout;    /* owned by the layout cache, or NULL for an image */
  cairo_surface_t *image;     /* borrowed: it outlives the layout */
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

struct _SsaPdfLayout
{
  SsaPdfLayoutConfig     config;

  PangoFontMap          *font_map;
  PangoContext          *context;
  PangoFontDescription **fonts;         /* by style */
  GHashTable            *layouts;       /* cache key → PangoLayout */

  SsaPdfPageFunc         page_func;
  gpointer               page_data;

  double                 width;         /* the page size the blocks were laid out for */
  double                 height;
  GArray                *blocks;        /* Block */
  GArray                *table_headers; /* guint: the header block of each table */
  GArray                *pieces;        /* Piece */
  GArray                *pages;         /* Page */
};

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->items, g_array_unref);
  g_clear_pointer (&block->rects, g_array_unref);
}

/**
 * ssa_pdf_set_source_rgb:
 * @cr: a cairo context
 * @rgb: a colour as 0xRRGGBB
 */
void
ssa_pdf_set_source_rgb (cairo_t *cr,
                        guint32  rgb)
{
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xff) / 255.0,
                        ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* Rows */

/**
 * ssa_pdf_row_new:
 *
 * Returns: (transfer full): an empty table row, for ssa_pdf_layout_add_table()
 */
SsaPdfRow *
ssa_pdf_row_new (void)
{
  return g_new0 (SsaPdfRow, 1);
}

/**
 * ssa_pdf_row_free:
 * @row: (nullable): a #SsaPdfRow, with its strings
 */
void
ssa_pdf_row_free (gpointer data)
{
  SsaPdfRow *row = data;
  guint i;

  if (row == NULL)
    return;
  for (i = 0; i < G_N_ELEMENTS (row->cells); i++)
    g_free (row->cells[i]);
  g_free (row->mark);
  g_free (row);
}

/* Layouts */

static PangoLayout *
get_layout (SsaPdfLayout   *self,
            guint           style,
            const char     *text,
            const char     *mark,
            double          width,
            SsaPdfAlign     align)
{
  g_autofree char *key = NULL;
  g_autofree char *valid = NULL;
  PangoLayout *layout;
  PangoAttrList *attrs;
  int pango_width = width > 0 ? pango_units_from_double (width) : -1;

  key = g_strdup_printf ("%u\037%d\037%d\037%s\037%s", style, pango_width,
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
      pango_layout_set_alignment (layout, (PangoAlignment) align);
    }

  attrs = pango_attr_list_new ();
  /* A hyphen added at a break inside an article number or a serial would change it. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));

  valid = g_utf8_make_valid (text, -1);
  if (mark != NULL)
    {
      g_autofree char *valid_mark = g_utf8_make_valid (mark, -1);
      g_autofree char *full = g_strconcat (valid, "\n", valid_mark, NULL);
      guint32 rgb = self->config.mark_rgb;
      guint start = (guint) strlen (valid) + 1;
      PangoAttribute *attr;

      attr = pango_attr_style_new (PANGO_STYLE_ITALIC);
      attr->start_index = start;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_scale_new (0.92);
      attr->start_index = start;
      pango_attr_list_insert (attrs, attr);
      attr = pango_attr_foreground_new (((rgb >> 16) & 0xff) * 257,
                                        ((rgb >> 8) & 0xff) * 257,
                                        (rgb & 0xff) * 257);
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

/**
 * ssa_pdf_layout_text_width:
 * @self: a #SsaPdfLayout
 * @style: the text style
 * @text: the text
 *
 * Returns: the width of @text on one line (or of its widest line), in points
 */
double
ssa_pdf_layout_text_width (SsaPdfLayout *self,
                           guint         style,
                           const char   *text)
{
  double width;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (style < self->config.n_fonts, 0);

  layout_size (get_layout (self, style, text, NULL, -1, SSA_PDF_ALIGN_LEFT), &width, NULL);
  return width;
}

/* Blocks */

/**
 * ssa_pdf_layout_add_block:
 * @self: a #SsaPdfLayout
 * @space_before: the space above it, dropped at the top of a page
 *
 * Adds an empty block after the others.
 *
 * Returns: the block's index
 */
guint
ssa_pdf_layout_add_block (SsaPdfLayout *self,
                          double        space_before)
{
  Block block = { 0 };

  g_return_val_if_fail (self != NULL, 0);

  block.items = g_array_new (FALSE, FALSE, sizeof (Item));
  block.rects = g_array_new (FALSE, FALSE, sizeof (Rect));
  block.table = -1;
  block.space_before = space_before;
  g_array_append_val (self->blocks, block);
  return self->blocks->len - 1;
}

static Block *
get_block (SsaPdfLayout *self,
           guint         index)
{
  g_return_val_if_fail (index < self->blocks->len, NULL);

  return &g_array_index (self->blocks, Block, index);
}

guint
ssa_pdf_layout_get_n_blocks (SsaPdfLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->blocks->len;
}

/**
 * ssa_pdf_layout_block_get_height:
 *
 * Returns: the block's height: the bottom of its lowest piece, or what was set
 */
double
ssa_pdf_layout_block_get_height (SsaPdfLayout *self,
                                 guint         block)
{
  return get_block (self, block)->height;
}

void
ssa_pdf_layout_block_set_height (SsaPdfLayout *self,
                                 guint         block,
                                 double        height)
{
  get_block (self, block)->height = height;
}

/**
 * ssa_pdf_layout_block_set_keep_with_next:
 *
 * Keeps the block on the same page as the next one (a heading, a table's header).
 */
void
ssa_pdf_layout_block_set_keep_with_next (SsaPdfLayout *self,
                                         guint         block,
                                         gboolean      keep)
{
  get_block (self, block)->keep_with_next = keep;
}

/**
 * ssa_pdf_layout_block_insert_rect:
 * @position: where among the block's rectangles: the earlier are drawn first, under the
 *   later ones
 *
 * Adds a filled rectangle to a block, which grows to hold it.
 */
void
ssa_pdf_layout_block_insert_rect (SsaPdfLayout *self,
                                  guint         block,
                                  guint         position,
                                  double        x,
                                  double        y,
                                  double        width,
                                  double        height,
                                  guint32       rgb)
{
  Block *b = get_block (self, block);
  Rect rect = { x, y, width, height, rgb };

  g_array_insert_val (b->rects, MIN (position, b->rects->len), rect);
  b->height = MAX (b->height, y + height);
}

void
ssa_pdf_layout_block_add_rect (SsaPdfLayout *self,
                               guint         block,
                               double        x,
                               double        y,
                               double        width,
                               double        height,
                               guint32       rgb)
{
  ssa_pdf_layout_block_insert_rect (self, block, G_MAXUINT, x, y, width, height, rgb);
}

/**
 * ssa_pdf_layout_block_add_image:
 * @image: (transfer none): an image surface that outlives the layout
 *
 * Adds an image scaled to @width × @height. An image is never cut between two pages.
 */
void
ssa_pdf_layout_block_add_image (SsaPdfLayout    *self,
                                guint            block,
                                cairo_surface_t *image,
                                double           x,
                                double           y,
                                double           width,
                                double           height)
{
  Block *b = get_block (self, block);
  Item item = { NULL, image, x, y, width, height, 0 };

  g_array_append_val (b->items, item);
  b->height = MAX (b->height, y + height);
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

/**
 * ssa_pdf_layout_block_add_marked_text:
 * @text: (nullable): the text; %NULL or empty adds nothing
 * @mark: (nullable): a second line in the mark style (italic, smaller, the mark colour)
 * @width: the width to wrap @text to, and to align it in
 *
 * Adds @text (and @mark) wrapped to @width, aligned in it.
 *
 * Returns: its height
 */
double
ssa_pdf_layout_block_add_marked_text (SsaPdfLayout   *self,
                                      guint           index,
                                      guint           style,
                                      const char     *text,
                                      const char     *mark,
                                      double          x,
                                      double          y,
                                      double          width,
                                      SsaPdfAlign     align,
                                      guint32         rgb)
{
  PangoLayout *layout;
  double natural, height;
  gboolean one_line;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (style < self->config.n_fonts, 0);

  if (text == NULL || text[0] == '\0')
    return 0;

  /* Text that fits its width is drawn from its unwrapped layout, placed by hand: one
   * layout serves every width it fits in. Several lines aligned otherwise than left need
   * the wrapped layout, which aligns each line. */
  layout = get_layout (self, style, text, mark, -1, SSA_PDF_ALIGN_LEFT);
  layout_size (layout, &natural, &height);
  one_line = mark == NULL && strchr (text, '\n') == NULL;
  if (natural <= width + EPSILON && (one_line || align == SSA_PDF_ALIGN_LEFT))
    {
      if (align == SSA_PDF_ALIGN_RIGHT)
        x += width - natural;
      else if (align == SSA_PDF_ALIGN_CENTER)
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

/**
 * ssa_pdf_layout_block_add_text:
 *
 * Adds @text wrapped to @width, aligned in it.
 *
 * Returns: its height
 */
double
ssa_pdf_layout_block_add_text (SsaPdfLayout   *self,
                               guint           index,
                               guint           style,
                               const char     *text,
                               double          x,
                               double          y,
                               double          width,
                               SsaPdfAlign     align,
                               guint32         rgb)
{
  return ssa_pdf_layout_block_add_marked_text (self, index, style, text, NULL, x, y, width,
                                               align, rgb);
}

/* Tables */

static double
add_cell (SsaPdfLayout *self,
          guint         index,
          guint         style,
          const char   *text,
          const char   *mark,
          double        x,
          double        width,
          gboolean      right,
          guint32       rgb)
{
  return ssa_pdf_layout_block_add_marked_text (self, index, style, text, mark,
                                               x + self->config.cell_pad_x,
                                               self->config.cell_pad_y,
                                               width - 2 * self->config.cell_pad_x,
                                               right ? SSA_PDF_ALIGN_RIGHT : SSA_PDF_ALIGN_LEFT,
                                               rgb);
}

/* Gives every column but @flex the width of its widest cell (up to its maximum), and
 * @flex the rest. */
static void
size_columns (SsaPdfLayout *self,
              SsaPdfColumn *columns,
              guint         n_columns,
              guint         flex,
              GPtrArray    *rows)
{
  double total = ssa_pdf_layout_get_content_width (self);
  double pad_x = self->config.cell_pad_x;
  double fixed = 0;
  guint c, r;

  for (c = 0; c < n_columns; c++)
    {
      double widest;

      if (c == flex)
        continue;
      widest = ssa_pdf_layout_text_width (self, self->config.table_header_style,
                                          columns[c].header);
      for (r = 0; r < rows->len; r++)
        {
          const SsaPdfRow *row = g_ptr_array_index (rows, r);

          if (row->cells[c] != NULL)
            {
              double cell = ssa_pdf_layout_text_width (self, self->config.table_style,
                                                       row->cells[c]);

              widest = MAX (widest, cell);
            }
        }
      columns[c].width = MIN (widest + 2 * pad_x + 1, columns[c].max_width);
      fixed += columns[c].width;
    }

  /* Keep the flexible column (a product's name, which wraps) readable; only when the
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

/**
 * ssa_pdf_layout_add_table:
 * @columns: (array length=n_columns): the columns; their widths are set
 * @n_columns: at most %SSA_PDF_LAYOUT_MAX_COLUMNS
 * @flex: the column that takes the width the others leave (it wraps, and holds the marks)
 * @rows: (element-type SsaPdfRow): the rows
 *
 * Adds a table: a header row, kept with the first row and repeated on each page the table
 * goes on to, then a block per row.
 */
void
ssa_pdf_layout_add_table (SsaPdfLayout *self,
                          SsaPdfColumn *columns,
                          guint         n_columns,
                          guint         flex,
                          GPtrArray    *rows)
{
  const SsaPdfLayoutConfig *config;
  int table;
  double width, pad_y;
  guint index;
  double x, tallest;
  guint c, r;

  g_return_if_fail (self != NULL);
  g_return_if_fail (n_columns > 0 && n_columns <= SSA_PDF_LAYOUT_MAX_COLUMNS);
  g_return_if_fail (flex < n_columns);

  config = &self->config;
  table = (int) self->table_headers->len;
  width = ssa_pdf_layout_get_content_width (self);
  pad_y = config->cell_pad_y;
  size_columns (self, columns, n_columns, flex, rows);

  index = ssa_pdf_layout_add_block (self, 0);
  g_array_append_val (self->table_headers, index);
  tallest = 0;
  for (c = 0, x = 0; c < n_columns; x += columns[c].width, c++)
    {
      double cell = add_cell (self, index, config->table_header_style, columns[c].header, NULL,
                              x, columns[c].width, columns[c].right, config->table_header_rgb);

      tallest = MAX (tallest, cell);
    }
  {
    Block *block;

    ssa_pdf_layout_block_insert_rect (self, index, 0, 0, 0, width, tallest + 2 * pad_y,
                                      config->table_header_fill_rgb);
    ssa_pdf_layout_block_add_rect (self, index, 0, tallest + 2 * pad_y, width, 0.8,
                                   config->table_rule_rgb);
    block = get_block (self, index);
    block->table = table;
    block->is_header = TRUE;
    block->keep_with_next = TRUE;
  }

  for (r = 0; r < rows->len; r++)
    {
      const SsaPdfRow *row = g_ptr_array_index (rows, r);

      index = ssa_pdf_layout_add_block (self, 0);
      tallest = 0;
      for (c = 0, x = 0; c < n_columns; x += columns[c].width, c++)
        {
          double cell = add_cell (self, index, config->table_style, row->cells[c],
                                  c == flex ? row->mark : NULL,
                                  x, columns[c].width, columns[c].right, config->table_rgb);

          tallest = MAX (tallest, cell);
        }
      ssa_pdf_layout_block_add_rect (self, index, 0, tallest + 2 * pad_y, width, 0.4,
                                     config->table_row_rule_rgb);
      get_block (self, index)->table = table;
    }
}

/* Pagination */

static double
body_top (SsaPdfLayout *self,
          guint         page)
{
  return self->config.margin_top + (page > 0 ? self->config.running_header_height : 0);
}

static double
body_bottom (SsaPdfLayout *self)
{
  return MAX (self->height - self->config.margin_bottom - self->config.footer_height,
              body_top (self, 1) + self->config.min_content);
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

/**
 * ssa_pdf_layout_paginate:
 * @self: a #SsaPdfLayout
 *
 * Flows the blocks added since ssa_pdf_layout_begin() onto pages.
 *
 * Returns: the number of pages, at least 1
 */
guint
ssa_pdf_layout_paginate (SsaPdfLayout *self)
{
  double bottom;
  guint page = 0;
  guint on_page = 0;           /* pieces placed on the current page */
  double y;
  Page current = { 0, 0 };
  guint i;

  g_return_val_if_fail (self != NULL, 0);

  bottom = body_bottom (self);
  y = body_top (self, 0);
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
    y = body_top (self, page);                                                                \
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
      need = MIN (need, bottom - body_top (self, 1));

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
          double room = MAX (bottom - y, (bottom - body_top (self, 1)) / 4);
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

  return self->pages->len;
}

/* Drawing */

static void
draw_item_lines (cairo_t     *cr,
                 double       margin_x,
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
          cairo_move_to (cr, margin_x + item->x + pango_units_to_double (logical.x),
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
            double       margin_x,
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
      ssa_pdf_set_source_rgb (cr, rect->rgb);
      cairo_rectangle (cr, margin_x + rect->x, offset_y + top, rect->width, bottom - top);
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
          cairo_translate (cr, margin_x + item->x, offset_y + item->y);
          cairo_scale (cr, item->width / cairo_image_surface_get_width (item->image),
                       item->height / cairo_image_surface_get_height (item->image));
          cairo_set_source_surface (cr, item->image, 0, 0);
          cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
          cairo_paint (cr);
          cairo_restore (cr);
          continue;
        }

      ssa_pdf_set_source_rgb (cr, item->rgb);
      if (whole)
        {
          cairo_move_to (cr, margin_x + item->x, offset_y + item->y);
          pango_cairo_show_layout (cr, item->layout);
        }
      else
        draw_item_lines (cr, margin_x, item, piece->from, piece->to, offset_y);
    }
}

/**
 * ssa_pdf_layout_draw_text:
 * @x: from the page's left edge (not the margin)
 * @y: from the page's top edge
 *
 * Draws @text wrapped to @width straight on a page, for a page function's header and
 * footer.
 */
void
ssa_pdf_layout_draw_text (SsaPdfLayout   *self,
                          cairo_t        *cr,
                          guint           style,
                          const char     *text,
                          double          x,
                          double          y,
                          double          width,
                          SsaPdfAlign     align,
                          guint32         rgb)
{
  PangoLayout *layout;

  g_return_if_fail (self != NULL);
  g_return_if_fail (style < self->config.n_fonts);

  if (text == NULL || text[0] == '\0')
    return;
  layout = get_layout (self, style, text, NULL, width, align);
  ssa_pdf_set_source_rgb (cr, rgb);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Public API */

/**
 * ssa_pdf_layout_new:
 * @config: the document's geometry and styles
 *
 * Makes an empty layout with a pango font map and context of its own: the fonts and
 * patterns it caches go with it instead of staying for the life of the thread (or being
 * reported as leaks by LeakSanitizer), and it shares no state with a GTK window's text.
 * One thread at a time may use it.
 *
 * Returns: (transfer full): the layout
 */
SsaPdfLayout *
ssa_pdf_layout_new (const SsaPdfLayoutConfig *config)
{
  SsaPdfLayout *self;
  cairo_font_options_t *options;
  guint i;

  g_return_val_if_fail (config != NULL, NULL);
  g_return_val_if_fail (config->n_fonts > 0, NULL);
  g_return_val_if_fail (config->table_style < config->n_fonts, NULL);
  g_return_val_if_fail (config->table_header_style < config->n_fonts, NULL);

  self = g_new0 (SsaPdfLayout, 1);
  self->config = *config;
  self->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->table_headers = g_array_new (FALSE, FALSE, sizeof (guint));
  self->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  self->pages = g_array_new (FALSE, FALSE, sizeof (Page));

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
                              pango_language_from_string (config->language != NULL
                                                          ? config->language : "en"));
  self->fonts = g_new0 (PangoFontDescription *, config->n_fonts);
  for (i = 0; i < config->n_fonts; i++)
    {
      self->fonts[i] = pango_font_description_from_string (config->font_family);
      pango_font_description_set_size (self->fonts[i],
                                       (int) (config->fonts[i].size * PANGO_SCALE));
      pango_font_description_set_weight (self->fonts[i], (PangoWeight) config->fonts[i].weight);
    }

  return self;
}

void
ssa_pdf_layout_free (SsaPdfLayout *self)
{
  guint i;

  if (self == NULL)
    return;
  g_clear_pointer (&self->pages, g_array_unref);
  g_clear_pointer (&self->pieces, g_array_unref);
  g_clear_pointer (&self->table_headers, g_array_unref);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->layouts, g_hash_table_unref);
  for (i = 0; i < self->config.n_fonts; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_free (self->fonts);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_free (self);
}

/**
 * ssa_pdf_layout_begin:
 * @self: a #SsaPdfLayout
 * @width: the page's width in points; at least the margins and the least content
 * @height: the page's height in points
 *
 * Drops the blocks and pages of the last layout and starts a new one for this page size.
 */
void
ssa_pdf_layout_begin (SsaPdfLayout *self,
                      double        width,
                      double        height)
{
  g_return_if_fail (self != NULL);

  self->width = MAX (width, 2 * self->config.margin_x + self->config.min_content);
  self->height = height;
  g_array_set_size (self->blocks, 0);
  g_array_set_size (self->table_headers, 0);
  g_array_set_size (self->pieces, 0);
  g_array_set_size (self->pages, 0);
}

/**
 * ssa_pdf_layout_is_laid_out_for:
 *
 * Returns: whether the layout has pages of this size (as ssa_pdf_layout_begin() widens
 *   it), so that there is nothing to do again
 */
gboolean
ssa_pdf_layout_is_laid_out_for (SsaPdfLayout *self,
                                double        width,
                                double        height)
{
  g_return_val_if_fail (self != NULL, FALSE);

  width = MAX (width, 2 * self->config.margin_x + self->config.min_content);
  return self->pages->len > 0 && G_APPROX_VALUE (width, self->width, EPSILON) &&
         G_APPROX_VALUE (height, self->height, EPSILON);
}

double
ssa_pdf_layout_get_width (SsaPdfLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->width;
}

double
ssa_pdf_layout_get_height (SsaPdfLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->height;
}

/**
 * ssa_pdf_layout_get_content_width:
 *
 * Returns: the width between the margins, where blocks go (their x is from the left
 *   margin)
 */
double
ssa_pdf_layout_get_content_width (SsaPdfLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->width - 2 * self->config.margin_x;
}

const SsaPdfLayoutConfig *
ssa_pdf_layout_get_config (SsaPdfLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->config;
}

/**
 * ssa_pdf_layout_get_n_pages:
 *
 * Returns: the number of pages of the last pagination, 0 before the first
 */
guint
ssa_pdf_layout_get_n_pages (SsaPdfLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->pages->len;
}

/**
 * ssa_pdf_layout_set_page_func:
 * @func: (nullable): draws each page's header and footer, after its blocks
 */
void
ssa_pdf_layout_set_page_func (SsaPdfLayout   *self,
                              SsaPdfPageFunc  func,
                              gpointer        user_data)
{
  g_return_if_fail (self != NULL);

  self->page_func = func;
  self->page_data = user_data;
}

/**
 * ssa_pdf_layout_render_page:
 * @self: a paginated #SsaPdfLayout
 * @cr: a cairo context whose user space is in points with the origin at the page's top
 *   left corner
 * @page_nr: the page, from 0
 *
 * Draws one page: its pieces of blocks, then the page function's header and footer. The
 * cairo context's state is left as it was.
 */
void
ssa_pdf_layout_render_page (SsaPdfLayout *self,
                            cairo_t      *cr,
                            guint         page_nr)
{
  const Page *page;
  guint i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page_nr < self->pages->len);

  page = &g_array_index (self->pages, Page, page_nr);
  cairo_save (cr);
  for (i = 0; i < page->n_pieces; i++)
    {
      const Piece *piece = &g_array_index (self->pieces, Piece, page->first_piece + i);

      draw_piece (cr, self->config.margin_x,
                  &g_array_index (self->blocks, Block, piece->block), piece);
    }
  if (self->page_func != NULL)
    self->page_func (self, cr, page_nr, self->pages->len, self->page_data);
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
 * ssa_pdf_write_pages:
 * @output: where to write; the caller commits it with ssa_output_commit()
 * @width: the pages' width in points
 * @height: the pages' height in points
 * @n_pages: the number of pages
 * @metadata: (nullable): the document's title, author, …
 * @render: draws one page
 * @document: for @render
 * @error: a #GError, set when writing into @output failed
 *
 * Writes a PDF of @n_pages pages drawn by @render into @output. Every write is checked: a
 * full disk or a file size limit is an error, never a truncated document.
 *
 * Returns: %CAIRO_STATUS_SUCCESS, or why the document could not be made: with @error set
 *   when the output failed (its own words: "the disk is full"), without when cairo did
 */
cairo_status_t
ssa_pdf_write_pages (SsaOutput             *output,
                     double                 width,
                     double                 height,
                     guint                  n_pages,
                     const SsaPdfMetadata  *metadata,
                     SsaPdfRenderFunc       render,
                     gpointer               document,
                     GError               **error)
{
  PdfStream stream = { output, NULL };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint i;

  g_return_val_if_fail (output != NULL, CAIRO_STATUS_NULL_POINTER);
  g_return_val_if_fail (render != NULL, CAIRO_STATUS_NULL_POINTER);
  g_return_val_if_fail (error == NULL || *error == NULL, CAIRO_STATUS_NULL_POINTER);

  surface = cairo_pdf_surface_create_for_stream (write_stream_cb, &stream, width, height);
  if (metadata != NULL)
    {
      if (metadata->title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, metadata->title);
      if (metadata->subject != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                        metadata->subject);
      if (metadata->author != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, metadata->author);
      if (metadata->creator != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                        metadata->creator);
      if (metadata->create_date != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                        metadata->create_date);
    }

  cr = cairo_create (surface);
  for (i = 0; i < n_pages; i++)
    {
      render (document, cr, i, width, height);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (stream.error != NULL)
    {
      g_propagate_error (error, stream.error);
      return status != CAIRO_STATUS_SUCCESS ? status : CAIRO_STATUS_WRITE_ERROR;
    }
  return status;
}
