/* main.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ssa-desk program is a launcher: the window and every library it uses (libsoup, libpq,
 * libsecret, libxml2 with ICU, GMime, libxlsxwriter, libportal and theirs: some forty) live
 * in a module, ssa-desk-app.so, opened here with local binding. Linked into the program,
 * those libraries joined the process's global symbol scope, which the dynamic linker
 * searches for every symbol of every library loaded later, above all Mesa's OpenGL driver
 * and its LLVM that GDK loads while it opens the display: that cost the window a third of
 * a bare libadwaita window's start-up (docs/window.md, "Start-up"). The module's own
 * libraries are found in its local scope and the global scope stays the bare window's.
 *
 * The module is looked for beside the program first (the build tree, as build-aux/run.sh
 * runs it), then where it is installed.
 */

#include "config.h"

#include <stdio.h>
#include <gmodule.h>

#define MODULE_NAME "ssa-desk-app.so"

typedef int (*SsaDeskMain) (int argc, char **argv);

static char *
module_path (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

  if (self != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (self);
      char *beside = g_build_filename (dir, MODULE_NAME, NULL);

      if (g_file_test (beside, G_FILE_TEST_IS_REGULAR))
        return beside;
      g_free (beside);
    }
  return g_build_filename (SSA_DESK_MODULE_DIR, MODULE_NAME, NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = module_path ();
  GModule *module;
  SsaDeskMain entry = NULL;

  module = g_module_open (path, G_MODULE_BIND_LAZY | G_MODULE_BIND_LOCAL);
  if (module == NULL || !g_module_symbol (module, "ssa_desk_main", (gpointer *) &entry))
    {
      /* Before anything is translated: the catalogues are bound in the module. */
      fprintf (stderr, "ssa-desk: cannot load %s: %s. Reinstall SSA Desk.\n", path,
               g_module_error ());
      return 1;
    }
  /* Never closed: the window's classes live in it until the process ends. */
  g_module_make_resident (module);
  return entry (argc, argv);
}
