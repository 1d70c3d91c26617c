/* ssa-xlsx-lib.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libxlsxwriter, opened the first time a workbook is written rather than linked: most
 * starts of the window write none, and linked, libxlsxwriter (with OpenSSL's libcrypto, as
 * Debian builds it) took 3 to 5 ms of every start (docs/window.md, "Start-up"). The file
 * that writes workbooks includes this header instead of <xlsxwriter.h>; its libxlsxwriter
 * names then call through the table ssa_xlsx_lib_load() fills. Call ssa_xlsx_lib_load()
 * before the first of them.
 */

#pragma once

#include <glib.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

/* Every libxlsxwriter function SSA Desk calls. A call to one not listed here fails to link. */
#define SSA_XLSX_FUNCTIONS(F) \
  F (format_set_align) \
  F (format_set_bg_color) \
  F (format_set_bold) \
  F (format_set_border) \
  F (format_set_border_color) \
  F (format_set_bottom) \
  F (format_set_bottom_color) \
  F (format_set_font_color) \
  F (format_set_font_size) \
  F (format_set_italic) \
  F (format_set_num_format) \
  F (format_set_text_wrap) \
  F (format_set_top) \
  F (format_set_unlocked) \
  F (lxw_rowcol_to_cell_abs) \
  F (lxw_rowcol_to_range_abs) \
  F (lxw_strerror) \
  F (workbook_add_format) \
  F (workbook_add_worksheet) \
  F (workbook_close) \
  F (workbook_define_name) \
  F (workbook_new) \
  F (workbook_set_properties) \
  F (workbook_validate_sheet_name) \
  F (worksheet_activate) \
  F (worksheet_fit_to_pages) \
  F (worksheet_freeze_panes) \
  F (worksheet_insert_image_buffer_opt) \
  F (worksheet_merge_range) \
  F (worksheet_print_area) \
  F (worksheet_protect) \
  F (worksheet_repeat_rows) \
  F (worksheet_set_column) \
  F (worksheet_set_column_opt) \
  F (worksheet_set_footer) \
  F (worksheet_set_header) \
  F (worksheet_set_landscape) \
  F (worksheet_set_paper) \
  F (worksheet_set_row) \
  F (worksheet_write_blank) \
  F (worksheet_write_datetime) \
  F (worksheet_write_formula_num) \
  F (worksheet_write_number) \
  F (worksheet_write_string)

typedef struct
{
#define SSA_XLSX_MEMBER(name) __typeof__ (name) *name;
  SSA_XLSX_FUNCTIONS (SSA_XLSX_MEMBER)
#undef SSA_XLSX_MEMBER
} SsaXlsxFunctions;

/* Its functions are NULL until libxlsxwriter is loaded; read it through the names below. */
extern const SsaXlsxFunctions *ssa_xlsx_functions;

gboolean ssa_xlsx_lib_load (GError **error);

/* ssa-xlsx-lib.c, which fills the table, names the functions themselves. */
#ifndef SSA_XLSX_LOADER
#define format_set_align                  (ssa_xlsx_functions->format_set_align)
#define format_set_bg_color               (ssa_xlsx_functions->format_set_bg_color)
#define format_set_bold                   (ssa_xlsx_functions->format_set_bold)
#define format_set_border                 (ssa_xlsx_functions->format_set_border)
#define format_set_border_color           (ssa_xlsx_functions->format_set_border_color)
#define format_set_bottom                 (ssa_xlsx_functions->format_set_bottom)
#define format_set_bottom_color           (ssa_xlsx_functions->format_set_bottom_color)
#define format_set_font_color             (ssa_xlsx_functions->format_set_font_color)
#define format_set_font_size              (ssa_xlsx_functions->format_set_font_size)
#define format_set_italic                 (ssa_xlsx_functions->format_set_italic)
#define format_set_num_format             (ssa_xlsx_functions->format_set_num_format)
#define format_set_text_wrap              (ssa_xlsx_functions->format_set_text_wrap)
#define format_set_top                    (ssa_xlsx_functions->format_set_top)
#define format_set_unlocked               (ssa_xlsx_functions->format_set_unlocked)
#define lxw_rowcol_to_cell_abs            (ssa_xlsx_functions->lxw_rowcol_to_cell_abs)
#define lxw_rowcol_to_range_abs           (ssa_xlsx_functions->lxw_rowcol_to_range_abs)
#define lxw_strerror                      (ssa_xlsx_functions->lxw_strerror)
#define workbook_add_format               (ssa_xlsx_functions->workbook_add_format)
#define workbook_add_worksheet            (ssa_xlsx_functions->workbook_add_worksheet)
#define workbook_close                    (ssa_xlsx_functions->workbook_close)
#define workbook_define_name              (ssa_xlsx_functions->workbook_define_name)
#define workbook_new                      (ssa_xlsx_functions->workbook_new)
#define workbook_set_properties           (ssa_xlsx_functions->workbook_set_properties)
#define workbook_validate_sheet_name      (ssa_xlsx_functions->workbook_validate_sheet_name)
#define worksheet_activate                (ssa_xlsx_functions->worksheet_activate)
#define worksheet_fit_to_pages            (ssa_xlsx_functions->worksheet_fit_to_pages)
#define worksheet_freeze_panes            (ssa_xlsx_functions->worksheet_freeze_panes)
#define worksheet_insert_image_buffer_opt \
  (ssa_xlsx_functions->worksheet_insert_image_buffer_opt)
#define worksheet_merge_range             (ssa_xlsx_functions->worksheet_merge_range)
#define worksheet_print_area              (ssa_xlsx_functions->worksheet_print_area)
#define worksheet_protect                 (ssa_xlsx_functions->worksheet_protect)
#define worksheet_repeat_rows             (ssa_xlsx_functions->worksheet_repeat_rows)
#define worksheet_set_column              (ssa_xlsx_functions->worksheet_set_column)
#define worksheet_set_column_opt          (ssa_xlsx_functions->worksheet_set_column_opt)
#define worksheet_set_footer              (ssa_xlsx_functions->worksheet_set_footer)
#define worksheet_set_header              (ssa_xlsx_functions->worksheet_set_header)
#define worksheet_set_landscape           (ssa_xlsx_functions->worksheet_set_landscape)
#define worksheet_set_paper               (ssa_xlsx_functions->worksheet_set_paper)
#define worksheet_set_row                 (ssa_xlsx_functions->worksheet_set_row)
#define worksheet_write_blank             (ssa_xlsx_functions->worksheet_write_blank)
#define worksheet_write_datetime          (ssa_xlsx_functions->worksheet_write_datetime)
#define worksheet_write_formula_num       (ssa_xlsx_functions->worksheet_write_formula_num)
#define worksheet_write_number            (ssa_xlsx_functions->worksheet_write_number)
#define worksheet_write_string            (ssa_xlsx_functions->worksheet_write_string)
#endif

G_END_DECLS
