/* ssa-pdf-layout.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ssa-output.h"

G_BEGIN_DECLS

/* A layout engine for printed documents (cairo and pango), knowing nothing of what it
 * prints: a document is a list of blocks (text, images and filled rectangles at positions
 * inside the block) that the engine flows onto pages of any size, repeating a table's
 * header row on each page the table goes on to, and draws on any cairo context, in points
 * (1/72 inch). The document's content (the offer, ssa-offer-pdf.c) adds the blocks and
 * draws the running header and footer of each page. See docs/documents.md. */

/* ISO A4 in points. */
#define SSA_PDF_LAYOUT_A4_WIDTH  (210.0 / 25.4 * 72.0)
#define SSA_PDF_LAYOUT_A4_HEIGHT (297.0 / 25.4 * 72.0)

/* Font weights, as PangoWeight has them. */
#define SSA_PDF_WEIGHT_NORMAL 400
#define SSA_PDF_WEIGHT_BOLD   700

/* The most columns a table may have. */
#define SSA_PDF_LAYOUT_MAX_COLUMNS 8

typedef struct _SsaPdfLayout SsaPdfLayout;

/**
 * SsaPdfAlign:
 *
 * How text is aligned in its width (the values of PangoAlignment).
 */
typedef enum
{
  SSA_PDF_ALIGN_LEFT,
  SSA_PDF_ALIGN_CENTER,
  SSA_PDF_ALIGN_RIGHT,
} SsaPdfAlign;

/**
 * SsaPdfFont:
 * @size: in points
 * @weight: the font's weight, as PangoWeight has it: 400 normal, 700 bold
 *
 * One text style of a document; styles are indexes into the array of them.
 */
typedef struct
{
  double      size;
  int         weight;
} SsaPdfFont;

/**
 * SsaPdfPageFunc:
 * @layout: the layout
 * @cr: the page's cairo context
 * @page_nr: the page, from 0
 * @n_pages: the number of pages
 * @user_data: the data given with the function
 *
 * Draws what every page has beside its blocks: a running header, a footer.
 */
typedef void (*SsaPdfPageFunc) (SsaPdfLayout *layout,
                                cairo_t      *cr,
                                guint         page_nr,
                                guint         n_pages,
                                gpointer      user_data);

/**
 * SsaPdfLayoutConfig:
 *
 * The geometry and the styles of a document, copied by ssa_pdf_layout_new() (the
 * strings and the font array must outlive the layout).
 */
typedef struct
{
  const char       *font_family;         /* "DejaVu Sans, Sans" */
  const SsaPdfFont *fonts;
  guint             n_fonts;
  const char       *language;            /* "nb", "en": for line breaking */

  double            margin_x;            /* left and right */
  double            margin_top;
  double            margin_bottom;
  double            footer_height;       /* above the bottom margin */
  double            running_header_height; /* below the top margin, from page 2 on */
  double            min_content;         /* the least width and height of the body */

  guint32           mark_rgb;            /* the second line of a marked text */

  /* Tables */
  guint             table_style;
  guint             table_header_style;
  guint32           table_rgb;
  guint32           table_header_rgb;
  guint32           table_header_fill_rgb;
  guint32           table_rule_rgb;      /* under the header row */
  guint32           table_row_rule_rgb;  /* under each row */
  double            cell_pad_x;
  double            cell_pad_y;
} SsaPdfLayoutConfig;

/**
 * SsaPdfColumn:
 * @header: the header row's text
 * @right: whether the column's text is aligned right
 * @max_width: the widest the column may get, except the flexible one
 * @width: set by ssa_pdf_layout_add_table()
 */
typedef struct
{
  const char *header;
  gboolean    right;
  double      max_width;
  double      width;
} SsaPdfColumn;

/**
 * SsaPdfRow:
 * @cells: the text of each cell, or %NULL
 * @mark: a second line under the flexible column's text, in the mark style, or %NULL
 */
typedef struct
{
  char *cells[SSA_PDF_LAYOUT_MAX_COLUMNS];
  char *mark;
} SsaPdfRow;

SsaPdfRow    *ssa_pdf_row_new                   (void);
void          ssa_pdf_row_free                  (gpointer                  row);

SsaPdfLayout *ssa_pdf_layout_new                (const SsaPdfLayoutConfig *config);
void          ssa_pdf_layout_free               (SsaPdfLayout             *self);

void          ssa_pdf_layout_begin              (SsaPdfLayout             *self,
                                                 double                    width,
                                                 double                    height);
gboolean      ssa_pdf_layout_is_laid_out_for    (SsaPdfLayout             *self,
                                                 double                    width,
                                                 double                    height);
double        ssa_pdf_layout_get_width          (SsaPdfLayout             *self);
double        ssa_pdf_layout_get_height         (SsaPdfLayout             *self);
double        ssa_pdf_layout_get_content_width  (SsaPdfLayout             *self);
const SsaPdfLayoutConfig *
              ssa_pdf_layout_get_config         (SsaPdfLayout             *self);

double        ssa_pdf_layout_text_width         (SsaPdfLayout             *self,
                                                 guint                     style,
                                                 const char               *text);

guint         ssa_pdf_layout_add_block          (SsaPdfLayout             *self,
                                                 double                    space_before);
guint         ssa_pdf_layout_get_n_blocks       (SsaPdfLayout             *self);
double        ssa_pdf_layout_block_get_height   (SsaPdfLayout             *self,
                                                 guint                     block);
void          ssa_pdf_layout_block_set_height   (SsaPdfLayout             *self,
                                                 guint                     block,
                                                 double                    height);
void          ssa_pdf_layout_block_set_keep_with_next (SsaPdfLayout       *self,
                                                 guint                     block,
                                                 gboolean                  keep);
void          ssa_pdf_layout_block_add_rect     (SsaPdfLayout             *self,
                                                 guint                     block,
                                                 double                    x,
                                                 double                    y,
                                                 double                    width,
                                                 double                    height,
                                                 guint32                   rgb);
void          ssa_pdf_layout_block_insert_rect  (SsaPdfLayout             *self,
                                                 guint                     block,
                                                 guint                     position,
                                                 double                    x,
                                                 double                    y,
                                                 double                    width,
                                                 double                    height,
                                                 guint32                   rgb);
void          ssa_pdf_layout_block_add_image    (SsaPdfLayout             *self,
                                                 guint                     block,
                                                 cairo_surface_t          *image,
                                                 double                    x,
                                                 double                    y,
                                                 double                    width,
                                                 double                    height);
double        ssa_pdf_layout_block_add_text     (SsaPdfLayout             *self,
                                                 guint                     block,
                                                 guint                     style,
                                                 const char               *text,
                                                 double                    x,
                                                 double                    y,
                                                 double                    width,
                                                 SsaPdfAlign               align,
                                                 guint32                   rgb);
double        ssa_pdf_layout_block_add_marked_text (SsaPdfLayout          *self,
                                                 guint                     block,
                                                 guint                     style,
                                                 const char               *text,
                                                 const char               *mark,
                                                 double                    x,
                                                 double                    y,
                                                 double                    width,
                                                 SsaPdfAlign               align,
                                                 guint32                   rgb);
void          ssa_pdf_layout_add_table          (SsaPdfLayout             *self,
                                                 SsaPdfColumn             *columns,
                                                 guint                     n_columns,
                                                 guint                     flex,
                                                 GPtrArray                *rows);

guint         ssa_pdf_layout_paginate           (SsaPdfLayout             *self);
guint         ssa_pdf_layout_get_n_pages        (SsaPdfLayout             *self);
void          ssa_pdf_layout_set_page_func      (SsaPdfLayout             *self,
                                                 SsaPdfPageFunc            func,
                                                 gpointer                  user_data);
void          ssa_pdf_layout_render_page        (SsaPdfLayout             *self,
                                                 cairo_t                  *cr,
                                                 guint                     page_nr);
void          ssa_pdf_layout_draw_text          (SsaPdfLayout             *self,
                                                 cairo_t                  *cr,
                                                 guint                     style,
                                                 const char               *text,
                                                 double                    x,
                                                 double                    y,
                                                 double                    width,
                                                 SsaPdfAlign               align,
                                                 guint32                   rgb);
void          ssa_pdf_set_source_rgb            (cairo_t                  *cr,
                                                 guint32                   rgb);

/**
 * SsaPdfMetadata:
 *
 * What a PDF file says about itself; %NULL fields are left out.
 */
typedef struct
{
  const char *title;
  const char *subject;
  const char *author;
  const char *creator;
  const char *create_date;   /* ISO 8601 */
} SsaPdfMetadata;

/**
 * SsaPdfRenderFunc:
 *
 * Draws page @page_nr of a document on @cr, whose pages are @width × @height points.
 */
typedef void (*SsaPdfRenderFunc) (gpointer  document,
                                  cairo_t  *cr,
                                  guint     page_nr,
                                  double    width,
                                  double    height);

cairo_status_t ssa_pdf_write_pages              (SsaOutput                *output,
                                                 double                    width,
                                                 double                    height,
                                                 guint                     n_pages,
                                                 const SsaPdfMetadata     *metadata,
                                                 SsaPdfRenderFunc          render,
                                                 gpointer                  document,
                                                 GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaPdfLayout, ssa_pdf_layout_free)

G_END_DECLS
