/* ssa-desk-main.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's entry point, in the module that main.c opens: see there for why.
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <glib/gi18n.h>
#include <gmodule.h>

#include "ssa-application.h"

G_MODULE_EXPORT int ssa_desk_main (int    argc,
                                   char **argv);

int
ssa_desk_main (int    argc,
               char **argv)
{
  g_autoptr(SsaApplication) app = NULL;
  const char *localedir;

  /* A file size limit (ulimit -f) is then an ordinary write error, reported with the file's
   * name, instead of killing the process half-way through a file. */
  signal (SIGXFSZ, SIG_IGN);

  setlocale (LC_ALL, "");
  /* SSA_DESK_LOCALEDIR lets tests and uninstalled runs use the build tree's catalogues. */
  localedir = g_getenv ("SSA_DESK_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = ssa_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
