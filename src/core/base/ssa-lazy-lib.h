/* ssa-lazy-lib.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library opened the first time it is needed instead of linked, for the ones most starts
 * never use and that cost start-up time to load (docs/window.md, "Start-up"): libpq
 * (ssa-pq.h) and libxlsxwriter (ssa-xlsx-lib.h). Each keeps a table of the functions it
 * calls, typed from the library's own header; ssa_lazy_lib_open() fills it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One function of a table: its name in the library, and where the table keeps it. */
typedef struct
{
  const char *name;
  gsize       offset;
} SsaLazySymbol;

gboolean ssa_lazy_lib_open (const char          *file,
                            const SsaLazySymbol *symbols,
                            gsize                n_symbols,
                            gpointer             table,
                            char               **error_message);

G_END_DECLS
