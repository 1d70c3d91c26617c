/* ssa-lazy-lib.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library opened the first time it is needed instead of linked, for the ones most starts
 * never use and that cost start-up time to load (docs/window.md, "Start-up"): libpq
 * (ssa-pq.h), libxlsxwriter (ssa-xlsx-lib.h), GMime (ssa-gmime-lib.h), libsoup
 * (ssa-soup-lib.h), libsecret (ssa-secret-lib.h) and libxml2 (ssa-xml-lib.h). Each keeps a table of the functions it calls, typed from the library's
 * own header, which ssa_lazy_lib_load() fills.
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

/* A library opened on first use: fill in the first six fields, and leave the rest to
 * SSA_LAZY_LIB_INIT's zeros. */
typedef struct
{
  const char          *file;           /* its soname */
  const char          *override_env;   /* NULL, or a variable that names another file */
  const SsaLazySymbol *symbols;
  gsize                n_symbols;
  gpointer             table;          /* the table of function pointers to fill */
  void               (*opened) (void); /* NULL, or run once the table is filled */
  /* < private > */
  GOnce                once;
  char                *error_message;
} SsaLazyLib;

#define SSA_LAZY_LIB_INIT(file, override_env, symbols, table, opened) \
  { file, override_env, symbols, G_N_ELEMENTS (symbols), table, opened, G_ONCE_INIT, NULL }

gboolean ssa_lazy_lib_load (SsaLazyLib  *lib,
                            const char **error_message);

G_END_DECLS
