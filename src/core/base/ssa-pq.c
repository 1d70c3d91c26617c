/* ssa-pq.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens libpq on first use: see ssa-pq.h.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ssa-lazy-lib.h"
#define SSA_PQ_LOADER
#include "ssa-pq.h"

/* The soname every libpq since PostgreSQL 8.2 has. */
#define LIBPQ_SONAME "libpq.so.5"

static SsaPqFunctions table;

const SsaPqFunctions *ssa_pq_functions = &table;

static const SsaLazySymbol symbols[] = {
#define SSA_PQ_SYMBOL(name) { #name, G_STRUCT_OFFSET (SsaPqFunctions, name) },
  SSA_PQ_FUNCTIONS (SSA_PQ_SYMBOL)
#undef SSA_PQ_SYMBOL
};

/* SSA_DESK_LIBPQ names another libpq: one installed outside the linker's path, or (in the
 * tests) one that is not there. */
static SsaLazyLib lib = SSA_LAZY_LIB_INIT (LIBPQ_SONAME, "SSA_DESK_LIBPQ", symbols, &table,
                                           NULL);

/**
 * ssa_pq_load:
 * @error: a #GError, %G_IO_ERROR_NOT_FOUND when libpq cannot be loaded
 *
 * Loads libpq the first time it is called, from any thread; later calls say the same.
 *
 * Returns: whether libpq's functions can be called
 */
gboolean
ssa_pq_load (GError **error)
{
  const char *why = NULL;

  if (ssa_lazy_lib_load (&lib, &why))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("A team database needs PostgreSQL's client library, libpq, which could not "
                 "be loaded (%s). Install it (on Debian the package libpq5) and try again."),
               why);
  return FALSE;
}
