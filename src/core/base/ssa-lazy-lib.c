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

/* Opens @lib's file with local binding, so that its libraries stay out of the process's
 * global symbol scope (which the dynamic linker searches first for every library loaded
 * after), finds every function of its table and keeps the library loaded for good: what it
 * returned (connections, workbooks) may live until the process ends. All or nothing: with
 * one function missing, the table is left as it was. */
static gpointer
open_once (gpointer data)
{
  SsaLazyLib *lib = data;
  const char *file = lib->override_env != NULL ? g_getenv (lib->override_env) : NULL;
  g_autofree gpointer *found = g_new0 (gpointer, lib->n_symbols);
  GModule *module;

  if (file == NULL || *file == '\0')
    file = lib->file;
  module = g_module_open (file, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL)
    {
      lib->error_message = g_strdup (g_module_error ());
      return NULL;
    }
  for (gsize i = 0; i < lib->n_symbols; i++)
    if (!g_module_symbol (module, lib->symbols[i].name, &found[i]) || found[i] == NULL)
      {
        lib->error_message = g_strdup (g_module_error ());
        g_module_close (module);
        return NULL;
      }
  for (gsize i = 0; i < lib->n_symbols; i++)
    *(gpointer *) ((char *) lib->table + lib->symbols[i].offset) = found[i];
  g_module_make_resident (module);
  if (lib->opened != NULL)
    lib->opened ();
  return lib->table;
}

/**
 * ssa_lazy_lib_load:
 * @lib: the library
 * @error_message: (out) (transfer none): why it could not be opened, for the caller's
 *   message (the dynamic linker's words)
 *
 * Opens @lib the first time it is called, from any thread, and fills its table; later calls
 * say the same.
 *
 * Returns: whether the table holds every function
 */
gboolean
ssa_lazy_lib_load (SsaLazyLib  *lib,
                   const char **error_message)
{
  g_return_val_if_fail (lib != NULL, FALSE);
  g_return_val_if_fail (error_message != NULL, FALSE);

  if (g_once (&lib->once, open_once, lib) != NULL)
    return TRUE;
  *error_message = lib->error_message;
  return FALSE;
}
