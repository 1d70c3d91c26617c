/* ssa-soup-lib.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens libsoup on first use: see ssa-soup-lib.h.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ssa-lazy-lib.h"
#define SSA_SOUP_LOADER
#include "ssa-soup-lib.h"

/* SSA_SOUP_SONAME: the file name meson found in the library it built against. */

static SsaSoupFunctions table;

const SsaSoupFunctions *ssa_soup_functions = &table;

static const SsaLazySymbol symbols[] = {
#define SSA_SOUP_SYMBOL(name) { #name, G_STRUCT_OFFSET (SsaSoupFunctions, name) },
  SSA_SOUP_FUNCTIONS (SSA_SOUP_SYMBOL)
#undef SSA_SOUP_SYMBOL
};

/* SSA_DESK_LIBSOUP names another libsoup: one installed outside the linker's path, or (in
 * the tests) one that is not there. */
static SsaLazyLib lib = SSA_LAZY_LIB_INIT (SSA_SOUP_SONAME, "SSA_DESK_LIBSOUP", symbols, &table,
                                           NULL);

/**
 * ssa_soup_lib_load:
 * @error: a #GError, %G_IO_ERROR_NOT_FOUND when libsoup cannot be loaded
 *
 * Loads libsoup the first time it is called, from any thread; later calls say the same.
 *
 * Returns: whether libsoup's functions can be called
 */
gboolean
ssa_soup_lib_load (GError **error)
{
  const char *why = NULL;

  if (ssa_lazy_lib_load (&lib, &why))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("Fetching price lists, reading a PBX and looking up the company registry need "
                 "the HTTP library libsoup, which could not be loaded (%s). Install it (on "
                 "Debian the package libsoup-3.0-0) and try again."),
               why);
  return FALSE;
}
