/* ssa-gmime-lib.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens GMime on first use, and initialises it once: see ssa-gmime-lib.h.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ssa-lazy-lib.h"
#define SSA_GMIME_LOADER
#include "ssa-gmime-lib.h"

/* SSA_GMIME_SONAME: the file name meson found in the library it built against. */

static SsaGmimeFunctions table;

const SsaGmimeFunctions *ssa_gmime_functions = &table;

static const SsaLazySymbol symbols[] = {
#define SSA_GMIME_SYMBOL(name) { #name, G_STRUCT_OFFSET (SsaGmimeFunctions, name) },
  SSA_GMIME_FUNCTIONS (SSA_GMIME_SYMBOL)
#undef SSA_GMIME_SYMBOL
};

/* GMime wants g_mime_init () once before anything else. */
static void
init_gmime (void)
{
  table.g_mime_init ();
}

static SsaLazyLib lib = SSA_LAZY_LIB_INIT (SSA_GMIME_SONAME, NULL, symbols, &table, init_gmime);

/**
 * ssa_gmime_lib_load:
 * @error: a #GError, %G_IO_ERROR_NOT_FOUND when GMime cannot be loaded
 *
 * Loads and initialises GMime the first time it is called, from any thread; later calls
 * say the same.
 *
 * Returns: whether GMime's functions can be called
 */
gboolean
ssa_gmime_lib_load (GError **error)
{
  const char *why = NULL;

  if (ssa_lazy_lib_load (&lib, &why))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("E-mail drafts are built by the library GMime, which could not be loaded "
                 "(%s). Install it (on Debian the package libgmime-3.0-0) and try again."),
               why);
  return FALSE;
}
