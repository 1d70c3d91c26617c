/* test-pdf-layout.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ssa-pdf-layout.h"
#include "test-util.h"

/* The PDF layout engine on its own, with a document of the test's making: real PDF files
 * written through the safe writer and read back with poppler's pdftotext (its text, and
 * with -bbox the box of every word on the page). */

#define MARGIN_X      40.0
#define MARGIN_TOP    40.0
#define MARGIN_BOTTOM 30.0
#define FOOTER        20.0
#define RUNNING       24.0

enum { BODY, BOLD, N_STYLES };

static const SsaPdfFont fonts[N_STYLES] = {
  [BODY] = { 9.0, SSA_PDF_WEIGHT_NORMAL },
  [BOLD] = { 9.0, SSA_PDF_WEIGHT_BOLD },
};

static SsaPdfLayout *
make_layout (void)
{
  SsaPdfLayoutConfig config = {
    .font_family = "DejaVu Sans, Sans",
    .fonts = fonts,
    .n_fonts = N_STYLES,
    .language = "en",
    .margin_x = MARGIN_X,
    .margin_top = MARGIN_TOP,
    .margin_bottom = MARGIN_BOTTOM,
    .footer_height = FOOTER,
    .running_header_height = RUNNING,
    .min_content = 100,
    .mark_rgb = 0x8a4500,
    .table_style = BODY,
    .table_header_style = BOLD,
    .table_rgb = 0x000000,
    .table_header_rgb = 0x333333,
    .table_header_fill_rgb = 0xeeeeee,
    .table_rule_rgb = 0x999999,
    .table_row_rule_rgb = 0xdddddd,
    .cell_pad_x = 4,
    .cell_pad_y = 3,
  };

  return ssa_pdf_layout_new (&config);
}

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

static char *
run (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* One page's text, laid out as on the page. */
static char *
page_text (const char *path,
           int         page)
{
  g_autofree char *nr = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-layout", "-f", nr, "-l", nr, path,
                         "-", NULL };

  return run (argv);
}

static int
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = run (argv);
  const char *line = strstr (out, "Pages:");

  g_assert_nonnull (line);
  return atoi (line + strlen ("Pages:"));
}

static void
render_cb (gpointer  document,
           cairo_t  *cr,
           guint     page_nr,
           double    width,
           double    height)
{
  ssa_pdf_layout_render_page (document, cr, page_nr);
}

/* The footer: "Folio N/M" at the bottom of every page. */
static void
page_cb (SsaPdfLayout *layout,
         cairo_t      *cr,
         guint         page_nr,
         guint         n_pages,
         gpointer      user_data)
{
  g_autofree char *text = g_strdup_printf ("Folio %u/%u", page_nr + 1, n_pages);

  ssa_pdf_layout_draw_text (layout, cr, BODY, text, MARGIN_X,
                            ssa_pdf_layout_get_height (layout) - MARGIN_BOTTOM - FOOTER + 6,
                            ssa_pdf_layout_get_content_width (layout), SSA_PDF_ALIGN_RIGHT,
                            0x000000);
}

/* Writes the layout's pages as a PDF in @dir; returns its path. */
static char *
write_pdf (SsaPdfLayout *layout,
           const char   *dir,
           const char   *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(SsaOutput) output = ssa_output_open (path, &error);
  SsaPdfMetadata metadata = { "Layout test", NULL, NULL, "test-pdf-layout", NULL };
  cairo_status_t status;

  g_assert_no_error (error);
  status = ssa_pdf_write_pages (output, ssa_pdf_layout_get_width (layout),
                                ssa_pdf_layout_get_height (layout),
                                ssa_pdf_layout_get_n_pages (layout), &metadata, render_cb,
                                layout, &error);
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, CAIRO_STATUS_SUCCESS);
  g_assert_true (ssa_output_commit (output, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A table longer than a page goes on over as many pages as it takes, its header row at the
 * top of each, every row once and in order, the footer on every page. */
static void
test_table_paginates (void)
{
  g_autoptr(SsaPdfLayout) layout = make_layout ();
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (ssa_pdf_row_free);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  SsaPdfColumn columns[] = {
    { "Code", FALSE, 80, 0 },
    { "Description", FALSE, 0, 0 },
    { "Amount", TRUE, 90, 0 },
  };
  const guint n_rows = 160;
  guint block, n_pages, next_row = 0;
  int page;

  if (!have_poppler ())
    return;

  ssa_pdf_layout_begin (layout, SSA_PDF_LAYOUT_A4_WIDTH, SSA_PDF_LAYOUT_A4_HEIGHT);
  ssa_pdf_layout_set_page_func (layout, page_cb, NULL);
  block = ssa_pdf_layout_add_block (layout, 0);
  ssa_pdf_layout_block_add_text (layout, block, BOLD, "Inventory", 0, 0,
                                 ssa_pdf_layout_get_content_width (layout),
                                 SSA_PDF_ALIGN_LEFT, 0x000000);
  for (guint i = 0; i < n_rows; i++)
    {
      SsaPdfRow *row = ssa_pdf_row_new ();

      row->cells[0] = g_strdup_printf ("R%04u", i + 1);
      row->cells[1] = g_strdup_printf ("Item number %u", i + 1);
      row->cells[2] = g_strdup_printf ("%u.00", (i + 1) * 3);
      g_ptr_array_add (rows, row);
    }
  ssa_pdf_layout_add_table (layout, columns, G_N_ELEMENTS (columns), 1, rows);
  /* The fixed columns get their widest cell's width, the flexible one the rest. */
  g_assert_cmpfloat (columns[0].width, <, 80);
  g_assert_cmpfloat_with_epsilon (columns[0].width + columns[1].width + columns[2].width,
                                  ssa_pdf_layout_get_content_width (layout), 0.01);
  /* The heading, the header row and a block per row. */
  g_assert_cmpuint (ssa_pdf_layout_get_n_blocks (layout), ==, 2 + n_rows);

  n_pages = ssa_pdf_layout_paginate (layout);
  g_assert_cmpuint (n_pages, >=, 3);
  g_assert_cmpuint (ssa_pdf_layout_get_n_pages (layout), ==, n_pages);
  g_assert_true (ssa_pdf_layout_is_laid_out_for (layout, SSA_PDF_LAYOUT_A4_WIDTH,
                                                 SSA_PDF_LAYOUT_A4_HEIGHT));
  g_assert_false (ssa_pdf_layout_is_laid_out_for (layout, SSA_PDF_LAYOUT_A4_HEIGHT,
                                                  SSA_PDF_LAYOUT_A4_WIDTH));

  dir = g_dir_make_tmp ("test-pdf-layout-XXXXXX", NULL);
  g_assert_nonnull (dir);
  path = write_pdf (layout, dir, "table.pdf");
  g_assert_cmpint (pdf_pages (path), ==, (int) n_pages);

  for (page = 1; page <= (int) n_pages; page++)
    {
      g_autofree char *text = page_text (path, page);
      g_autofree char *folio = g_strdup_printf ("Folio %d/%u", page, n_pages);
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      gboolean seen_header = FALSE;
      guint rows_here = 0;

      g_test_message ("page %d:\n%s", page, text);
      /* The header row once on every page, above the page's first row. */
      g_assert_cmpuint (count (text, "Description"), ==, 1);
      g_assert_cmpuint (count (text, "Inventory"), ==, page == 1 ? 1 : 0);
      g_assert_cmpuint (count (text, folio), ==, 1);

      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autofree char *code = NULL;
          g_autofree char *item = NULL;
          g_autofree char *amount = NULL;

          if (strstr (lines[l], "Description") != NULL)
            {
              g_assert_false (seen_header);
              g_assert_cmpuint (rows_here, ==, 0);
              g_assert_nonnull (strstr (lines[l], "Code"));
              g_assert_nonnull (strstr (lines[l], "Amount"));
              seen_header = TRUE;
              continue;
            }
          if (strstr (lines[l], "R0") == NULL)
            continue;
          /* Each row whole on one line, in order, with its own cells. */
          next_row++;
          code = g_strdup_printf ("R%04u", next_row);
          item = g_strdup_printf ("Item number %u ", next_row);
          amount = g_strdup_printf ("%u.00", next_row * 3);
          g_assert_nonnull (strstr (lines[l], code));
          g_assert_nonnull (strstr (lines[l], item));
          g_assert_true (g_str_has_suffix (g_strchomp (lines[l]), amount));
          rows_here++;
        }
      g_assert_true (seen_header);
      g_assert_cmpuint (rows_here, >, 10);
    }
  g_assert_cmpuint (next_row, ==, n_rows);

  test_remove_tree (dir);
}

typedef struct
{
  char   *text;
  double  x_min;
  double  y_min;
  double  x_max;
} Word;

static void
word_free (gpointer data)
{
  Word *word = data;

  g_free (word->text);
  g_free (word);
}

static double
attribute (const char *tag,
           const char *name)
{
  g_autofree char *key = g_strdup_printf (" %s=\"", name);
  const char *p = strstr (tag, key);

  g_assert_nonnull (p);
  return g_ascii_strtod (p + strlen (key), NULL);
}

/* The words of a PDF's first page with their boxes, from pdftotext -bbox. */
static GPtrArray *
page_words (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-bbox", "-f", "1", "-l", "1", path,
                         "-", NULL };
  g_autofree char *out = run (argv);
  GPtrArray *words = g_ptr_array_new_with_free_func (word_free);

  for (const char *p = strstr (out, "<word "); p != NULL; p = strstr (p + 1, "<word "))
    {
      const char *close = strchr (p, '>');
      const char *end = strstr (p, "</word>");
      g_autofree char *tag = g_strndup (p, close - p);
      Word *word = g_new0 (Word, 1);

      word->text = g_strndup (close + 1, end - close - 1);
      word->x_min = attribute (tag, "xMin");
      word->y_min = attribute (tag, "yMin");
      word->x_max = attribute (tag, "xMax");
      g_ptr_array_add (words, word);
    }
  return words;
}

/* Text wraps inside its column's width, between words, and inside a word only when the
 * word alone is wider than the column; text that fits stays on one line, aligned right
 * when asked. */
static void
test_text_wraps (void)
{
  static const char *sentence = "alpha bravo charlie delta echo foxtrot golf hotel india "
                                "juliett kilo lima mike november oscar papa";
  static const char *long_word = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  g_autoptr(SsaPdfLayout) layout = make_layout ();
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GHashTable) lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) sentence_back = g_string_new (NULL);
  g_autoptr(GString) long_back = g_string_new (NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const double column_x = 200, column_width = 110;
  const double word_x = 0, word_width = 70;
  double one_line, wrapped, natural;
  gboolean right_seen = FALSE;
  guint block;

  if (!have_poppler ())
    return;

  ssa_pdf_layout_begin (layout, SSA_PDF_LAYOUT_A4_WIDTH, SSA_PDF_LAYOUT_A4_HEIGHT);
  block = ssa_pdf_layout_add_block (layout, 0);
  one_line = ssa_pdf_layout_block_add_text (layout, block, BODY, "Total", 0, 300, 200,
                                            SSA_PDF_ALIGN_RIGHT, 0x000000);
  natural = ssa_pdf_layout_text_width (layout, BODY, sentence);
  g_assert_cmpfloat (natural, >, 3 * column_width);
  wrapped = ssa_pdf_layout_block_add_text (layout, block, BODY, sentence, column_x, 0,
                                           column_width, SSA_PDF_ALIGN_LEFT, 0x000000);
  /* Several lines: at least as many as the natural width needs. */
  g_assert_cmpfloat (wrapped, >=, 3.5 * one_line);
  ssa_pdf_layout_block_add_text (layout, block, BODY, long_word, word_x, 0, word_width,
                                 SSA_PDF_ALIGN_LEFT, 0x000000);
  g_assert_cmpuint (ssa_pdf_layout_paginate (layout), ==, 1);

  dir = g_dir_make_tmp ("test-pdf-layout-XXXXXX", NULL);
  g_assert_nonnull (dir);
  path = write_pdf (layout, dir, "wrap.pdf");
  g_assert_cmpint (pdf_pages (path), ==, 1);

  words = page_words (path);
  for (guint i = 0; i < words->len; i++)
    {
      const Word *word = g_ptr_array_index (words, i);

      g_test_message ("%s: %.1f–%.1f at %.1f", word->text, word->x_min, word->x_max,
                      word->y_min);
      if (g_ascii_islower (word->text[0]))
        {
          /* Inside the column, which starts at the margin plus its x. */
          g_assert_cmpfloat (word->x_min, >=, MARGIN_X + column_x - 0.5);
          g_assert_cmpfloat (word->x_max, <=, MARGIN_X + column_x + column_width + 0.5);
          g_hash_table_add (lines, g_strdup_printf ("%.0f", word->y_min));
          g_string_append_printf (sentence_back, "%s%s", sentence_back->len > 0 ? " " : "",
                                  word->text);
        }
      else if (g_strcmp0 (word->text, "Total") == 0)
        {
          /* Aligned right in its width. */
          g_assert_cmpfloat (word->x_max, <=, MARGIN_X + 200 + 0.5);
          g_assert_cmpfloat (word->x_max, >=, MARGIN_X + 200 - 2);
          right_seen = TRUE;
        }
      else
        {
          /* The long word's pieces, inside their narrow column. */
          g_assert_cmpfloat (word->x_min, >=, MARGIN_X + word_x - 0.5);
          g_assert_cmpfloat (word->x_max, <=, MARGIN_X + word_x + word_width + 0.5);
          g_string_append (long_back, word->text);
        }
    }
  /* Every word back, whole and in order, over several lines. */
  g_assert_cmpstr (sentence_back->str, ==, sentence);
  g_assert_cmpuint (g_hash_table_size (lines), >=, 4);
  /* The long word broken inside, without a hyphen added. */
  g_assert_cmpstr (long_back->str, ==, long_word);
  g_assert_true (right_seen);

  test_remove_tree (dir);
}

/* A single block taller than a page is cut between two lines of its text, none lost. */
static void
test_tall_block_cut (void)
{
  g_autoptr(SsaPdfLayout) layout = make_layout ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint block, n_pages, next = 1;
  double height;

  if (!have_poppler ())
    return;

  for (guint i = 1; i <= 120; i++)
    g_string_append_printf (text, "%sLine %03u of the tall block", i > 1 ? "\n" : "", i);
  ssa_pdf_layout_begin (layout, SSA_PDF_LAYOUT_A4_WIDTH, SSA_PDF_LAYOUT_A4_HEIGHT);
  block = ssa_pdf_layout_add_block (layout, 0);
  height = ssa_pdf_layout_block_add_text (layout, block, BODY, text->str, 0, 0,
                                          ssa_pdf_layout_get_content_width (layout),
                                          SSA_PDF_ALIGN_LEFT, 0x000000);
  g_assert_cmpfloat (height, >, SSA_PDF_LAYOUT_A4_HEIGHT);
  n_pages = ssa_pdf_layout_paginate (layout);
  g_assert_cmpuint (n_pages, >=, 2);

  dir = g_dir_make_tmp ("test-pdf-layout-XXXXXX", NULL);
  g_assert_nonnull (dir);
  path = write_pdf (layout, dir, "tall.pdf");
  g_assert_cmpint (pdf_pages (path), ==, (int) n_pages);
  for (int page = 1; page <= (int) n_pages; page++)
    {
      g_autofree char *page_str = page_text (path, page);
      g_auto(GStrv) lines = g_strsplit (page_str, "\n", -1);

      for (guint l = 0; lines[l] != NULL; l++)
        {
          g_autofree char *expected = NULL;

          if (strstr (lines[l], "Line ") == NULL)
            continue;
          expected = g_strdup_printf ("Line %03u of the tall block", next++);
          g_assert_cmpstr (g_strstrip (lines[l]), ==, expected);
        }
    }
  g_assert_cmpuint (next, ==, 121);

  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pdf-layout/table-paginates", test_table_paginates);
  g_test_add_func ("/pdf-layout/text-wraps", test_text_wraps);
  g_test_add_func ("/pdf-layout/tall-block-cut", test_tall_block_cut);

  return g_test_run ();
}
