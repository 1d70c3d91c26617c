/* main.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "ssa-cli.h"
#include "ssa-cli-db.h"

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
  { "price-list", ssa_cli_price_list, N_("Store, fetch or compare price lists in the database") },
  { "import", ssa_cli_import, N_("Store installation files in the database") },
  { "export", ssa_cli_export, N_("Write a stored installation as an installation file") },
  { "installations", ssa_cli_installations, N_("List the stored installations") },
  { "archive", ssa_cli_archive, N_("Archive an installation or a customer (it keeps its offers)") },
  { "unarchive", ssa_cli_unarchive, N_("Bring an archived installation or customer back") },
  { "import-csv", ssa_cli_import_csv, N_("Store an installation’s licence list from a CSV file") },
  { "import-customers", ssa_cli_import_customers, N_("Store customers from an accounting system's CSV export") },
  { "customers", ssa_cli_customers, N_("List the stored customers") },
  { "customer", ssa_cli_customer, N_("Look a customer up in the company registry") },
  { "import-licences", ssa_cli_import_licences, N_("Store an installation’s licences from its device’s licence file") },
  { "read-pbx", ssa_cli_read_pbx, N_("Read licences used and installed from an installation’s PBX") },
  { "licence-types", ssa_cli_licence_types, N_("List the licence types and the article each is") },
  { "map-licence-type", ssa_cli_map_licence_type, N_("Tell which article a licence type is") },
  { "unmap-licence-type", ssa_cli_unmap_licence_type, N_("Remove a licence type from your table") },
  { "offer", ssa_cli_offer, N_("Create, send, accept, decline, revise or export a stored offer") },
  { "offers", ssa_cli_offers, N_("List the stored offers") },
  { "renewals", ssa_cli_renewals, N_("List installations whose SSA ends soon or has ended") },
  { "backup", ssa_cli_backup, N_("Copy the database safely into a file") },
  { "backups", ssa_cli_backups, N_("List the database's automatic backups") },
  { "restore", ssa_cli_restore, N_("Replace the database by one of its backups") },
  { "check", ssa_cli_check, N_("Check the database file for damage") },
  { "audit", ssa_cli_audit, N_("List who changed offers’ status, deleted or archived what, and when") },
  { "db", ssa_cli_team_db, N_("Create the tables of a database (a team’s PostgreSQL database or a file)") },
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

  /* A file size limit (ulimit -f) is then an ordinary write error, reported with the file's
   * name, instead of killing the process half-way through a file. */
  signal (SIGXFSZ, SIG_IGN);

  setlocale (LC_ALL, "");
  /* SSA_DESK_LOCALEDIR lets tests and uninstalled runs use the build tree's catalogues. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SSA_DESK_LOCALEDIR") != NULL
                                   ? g_getenv ("SSA_DESK_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("ssa-desk-cli");
  /* Who the database records as creating and changing rows: SSA_DESK_USER, else the
   * user's own name. */
  ssa_db_set_default_user_name (g_getenv ("SSA_DESK_USER"));

  /* The global --db FILE (or --db=FILE) comes before the command. */
  if (argc >= 2 && (g_str_equal (argv[1], "--db") || g_str_has_prefix (argv[1], "--db=")))
    {
      const char *path = argv[1] + strlen ("--db=");
      int used = 1;

      if (g_str_equal (argv[1], "--db"))
        {
          if (argc < 3 || argv[2][0] == '\0')
            {
              g_printerr (_("ssa-desk-cli: --db needs a FILE\n"));
              return SSA_CLI_USAGE;
            }
          path = argv[2];
          used = 2;
        }
      if (path[0] == '\0')
        {
          g_printerr (_("ssa-desk-cli: --db needs a FILE\n"));
          return SSA_CLI_USAGE;
        }
      ssa_cli_db_set_path (path);
      argv[used] = argv[0];
      argc -= used;
      argv += used;
    }

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
        if (!ssa_cli_team_check_supported (argc - 1, argv + 1))
          return SSA_CLI_REFUSED;
        return commands[i].run (argc - 1, argv + 1);
      }

  g_printerr (_("ssa-desk-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return SSA_CLI_USAGE;
}
