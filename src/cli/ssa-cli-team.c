/* ssa-cli-team.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-cli.h"
#include "ssa-cli-db.h"
#include "ssa-team-db.h"
#include "ssa-db-price-lists.h"

/* The team database on the command line: `db init`, and the commands that work only on an
 * SQLite file, which refuse a postgresql:// URI in --db in words. Every other command runs
 * on SsaDb, which opens either engine. */

/* What works only on an SQLite file: its backups, their list, restoring one, and SQLite's
 * check of the file. */
static const char * const file_only[] = {
  "backup", "backups", "restore", "check",
};

/* Refuses a URI that holds a password: a command line is seen by every user of the
 * machine (ps, /proc) and kept in shell histories. */
static gboolean
check_no_password (const char *command,
                   const char *location)
{
  if (!ssa_team_db_uri_has_password (location))
    return TRUE;
  g_printerr (_("ssa-desk-cli %s: the URI holds a password, and a command line can be read "
                "by every user of the machine. Remove it from the URI and put it in "
                "~/.pgpass (or PGPASSWORD, or a service file); nothing was done.\n"), command);
  return FALSE;
}

/**
 * ssa_cli_team_check_supported:
 * @argc: the arguments from the command's name on
 * @argv: the command's name, then its arguments
 *
 * Returns: %TRUE when --db is not a team database, or the command works on one; otherwise
 *   prints why it does not, on stderr
 */
gboolean
ssa_cli_team_check_supported (int    argc,
                              char **argv)
{
  if (!ssa_team_db_is_uri (ssa_cli_db_get_path ()))
    return TRUE;
  if (!check_no_password (argv[0], ssa_cli_db_get_path ()))
    return FALSE;
  if (!g_strv_contains ((const char * const *) file_only, argv[0]))
    return TRUE;
  /* --help works whatever the database. */
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
      return TRUE;

  g_printerr (_("ssa-desk-cli %s: works only on an SQLite file, not on a team database "
                "(PostgreSQL): the server's administrator backs it up and checks it with "
                "PostgreSQL's own tools (pg_dump). Use --db FILE for this command.\n"),
              argv[0]);
  return FALSE;
}

/* db init [URI|FILE] */

static int
db_init (int    argc,
         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  g_autofree char *display = NULL;
  const char *location;
  gint64 from = 0;

  context = ssa_cli_context_new (_("[URI|FILE]"),
                         _("Creates SSA Desk's tables in a database, or brings older ones up "
                           "to this version: a team's PostgreSQL database given as a "
                           "postgresql:// URI (the password comes from ~/.pgpass, PGPASSWORD "
                           "or a service file, never the command line), or an SQLite file. "
                           "Without an argument, the database of --db, or the window's."),
                         NULL);
  if (!ssa_cli_parse (context, "db init", &argc, &argv))
    return SSA_CLI_USAGE;
  if (argc > 2)
    {
      ssa_cli_usage_error ("db init", _("unexpected argument “%s”"), argv[2]);
      return SSA_CLI_USAGE;
    }

  if (argc == 2)
    location = argv[1];
  else if (ssa_cli_db_get_path () != NULL)
    location = ssa_cli_db_get_path ();
  else
    location = default_path = ssa_db_get_default_path ();

  if (!check_no_password ("db init", location))
    return SSA_CLI_REFUSED;
  display = ssa_team_db_describe (location);
  if (!ssa_team_db_init (location, &from, &error))
    {
      ssa_cli_db_print_error ("db init", error);
      return SSA_CLI_REFUSED;
    }

  if (from == 0)
    g_print (_("Created SSA Desk’s tables (schema version %d) in %s.\n"),
             SSA_DB_SCHEMA_VERSION, display);
  else if (from < SSA_DB_SCHEMA_VERSION)
    g_print (_("Brought %s from schema version %d to %d.\n"), display, (int) from,
             SSA_DB_SCHEMA_VERSION);
  else
    g_print (_("%s has this version’s tables already (schema version %d); nothing was "
               "changed.\n"), display, SSA_DB_SCHEMA_VERSION);
  return SSA_CLI_OK;
}

int
ssa_cli_team_db (int    argc,
                 char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "init"))
    return db_init (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "copy"))
    return ssa_cli_team_db_copy (argc - 1, argv + 1);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n  ssa-desk-cli [--db FILE|URI] db init %s\n"
               "  ssa-desk-cli db copy --from %s --to %s\n", _("Usage:"),
               _("[URI|FILE]"), _("FILE|URI"), _("FILE|URI"));
      return SSA_CLI_OK;
    }
  if (argc < 2)
    ssa_cli_usage_error ("db", _("missing the subcommand: one of %s"), "init, copy");
  else
    ssa_cli_usage_error ("db", _("unknown subcommand “%s”: use one of %s"), argv[1],
                         "init, copy");
  return SSA_CLI_USAGE;
}
