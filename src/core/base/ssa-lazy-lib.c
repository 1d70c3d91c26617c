/* ssa-lazy-lib.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens a library on first use: see ssa-lazy-lib.h.
 */

#include "config.h"

#include <gmodule.h>

#include "ssa-lazy-lib.h"

/**
 * ssa_lazy_lib_open:
 * @file: the library's file name (its soname) or path
 * @symbols: (array length=n_symbols): the functions to find, each with its place in @table
 * @n_symbols: how many
 * @table: the table of function pointers to fill
 * @error_message: (out) (transfer full): why it could not be opened, for the caller's
 *   message
 *
 * Opens @file with local binding, so that its libraries stay out of the process's global
 * symbol scope (which the dynamic linker searches first for every library loaded after),
 * finds every function of @symbols and keeps the library loaded for good: what it returned
 * (connections, workbooks) may live until the process ends. All or nothing: with one
 * function missing, @table is left as it was.
 *
 * Returns: whether @table holds every function
 */
gboolean
ssa_lazy_lib_open (const char          *file,
                   const SsaLazySymbol *symbols,
                   gsize                n_symbols,
                   gpointer             table,
                   char               **error_message)
{
  g_autofree gpointer *found = g_new0 (gpointer, n_symbols);
  GModule *module;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (error_message != NULL && *error_message == NULL, FALSE);

  module = g_module_open (file, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      *error_message = g_strdup (g_module_error ());
      return FALSE;
    }
  for (gsize i = 0; i < n_symbols; i++)
    if (!g_module_symbol (module, symbols[i].name, &found[i]) || found[i] == NULL)
      {
        *error_message = g_strdup (g_module_error ());
        g_module_close (module);
        return FALSE;
      }
  for (gsize i = 0; i < n_symbols; i++)
    *(gpointer *) ((char *) table + symbols[i].offset) = found[i];
  g_module_make_resident (module);
  return TRUE;
}
