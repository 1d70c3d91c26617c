/* main.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "ssa-cli.h"

typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "quote", ssa_cli_quote, N_("Compute an SSA offer from a price list and an installation file") },
  { "check-price-list", ssa_cli_check_price_list, N_("Check a price list and print a summary") },
  { "fetch-price-list", ssa_cli_fetch_price_list, N_("Download a price list") },
};

static void
print_usage (FILE *stream)
{
  guint i;

  fprintf (stream, "%s\n  ssa-desk-cli [--db FILE] %s\n\n%s\n",
           _("Usage:"), _("COMMAND [OPTION…]"), _("Commands:"));
  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-20s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Run “ssa-desk-cli COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  guint i;

  setlocale (LC_ALL, "");
  /* SSA_DESK_LOCALEDIR lets tests and uninstalled runs use the build tree's catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SSA_DESK_LOCALEDIR") != NULL
                                   ? g_getenv ("SSA_DESK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("ssa-desk-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return SSA_CLI_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return SSA_CLI_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("ssa-desk-cli %s\n", PACKAGE_VERSION);
      return SSA_CLI_OK;
    }

  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("ssa-desk-cli %s", commands[i].name);

        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr (_("ssa-desk-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return SSA_CLI_USAGE;
}
