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

static SsaXlsxFunctions table;

const SsaXlsxFunctions *ssa_xlsx_functions = &table;

static const SsaLazySymbol symbols[] = {
#define SSA_XLSX_SYMBOL(name) { #name, G_STRUCT_OFFSET (SsaXlsxFunctions, name) },
  SSA_XLSX_FUNCTIONS (SSA_XLSX_SYMBOL)
#undef SSA_XLSX_SYMBOL
};

static SsaLazyLib lib = SSA_LAZY_LIB_INIT (SSA_XLSXWRITER_SONAME, NULL, symbols, &table, NULL);

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
  const char *why = NULL;

  if (ssa_lazy_lib_load (&lib, &why))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("Workbooks are written by the library libxlsxwriter, which could not be "
                 "loaded (%s). Install it (on Debian the package libxlsxwriter4) and try "
                 "again."),
               why);
  return FALSE;
}
