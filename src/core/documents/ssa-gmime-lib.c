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

const SsaGmimeFunctions *ssa_gmime_functions;

static SsaGmimeFunctions table;
static char *load_error;  /* why it could not be loaded, for every later caller */

static const SsaLazySymbol symbols[] = {
#define SSA_GMIME_SYMBOL(name) { #name, G_STRUCT_OFFSET (SsaGmimeFunctions, name) },
  SSA_GMIME_FUNCTIONS (SSA_GMIME_SYMBOL)
#undef SSA_GMIME_SYMBOL
};

static gpointer
load_once (gpointer data)
{
  if (!ssa_lazy_lib_open (SSA_GMIME_SONAME, symbols, G_N_ELEMENTS (symbols), &table,
                          &load_error))
    return NULL;
  table.g_mime_init ();
  ssa_gmime_functions = &table;
  return &table;
}

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
  static GOnce once = G_ONCE_INIT;

  if (g_once (&once, load_once, NULL) != NULL)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("E-mail drafts are built by the library GMime, which could not be loaded "
                 "(%s). Install it (on Debian the package libgmime-3.0-0) and try again."),
               load_error);
  return FALSE;
}
