/* ssa-xlsx-lib.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens libxlsxwriter on first use: see ssa-xlsx-lib.h.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ssa-lazy-lib.h"
#define SSA_XLSX_LOADER
#include "ssa-xlsx-lib.h"

/* SSA_XLSXWRITER_SONAME: the file name meson found in the library it built against. */

const SsaXlsxFunctions *ssa_xlsx_functions;

static SsaXlsxFunctions table;
static char *load_error;  /* why it could not be loaded, for every later caller */

static const SsaLazySymbol symbols[] = {
#define SSA_XLSX_SYMBOL(name) { #name, G_STRUCT_OFFSET (SsaXlsxFunctions, name) },
  SSA_XLSX_FUNCTIONS (SSA_XLSX_SYMBOL)
#undef SSA_XLSX_SYMBOL
};

static gpointer
load_once (gpointer data)
{
  if (!ssa_lazy_lib_open (SSA_XLSXWRITER_SONAME, symbols, G_N_ELEMENTS (symbols), &table,
                          &load_error))
    return NULL;
  ssa_xlsx_functions = &table;
  return &table;
}

/**
 * ssa_xlsx_lib_load:
 * @error: a #GError, %G_IO_ERROR_NOT_FOUND when libxlsxwriter cannot be loaded
 *
 * Loads libxlsxwriter the first time it is called, from any thread; later calls say the
 * same.
 *
 * Returns: whether libxlsxwriter's functions can be called
 */
gboolean
ssa_xlsx_lib_load (GError **error)
{
  static GOnce once = G_ONCE_INIT;

  if (g_once (&once, load_once, NULL) != NULL)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("Workbooks are written by the library libxlsxwriter, which could not be "
                 "loaded (%s). Install it (on Debian the package libxlsxwriter4) and try "
                 "again."),
               load_error);
  return FALSE;
}
