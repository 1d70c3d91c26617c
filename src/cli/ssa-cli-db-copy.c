/* ssa-cli-db-copy.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-cli.h"
#include "ssa-cli-db.h"
#include "ssa-db-copy.h"
#include "ssa-team-db.h"

/* db copy --from A --to B: a whole database from one engine to the other
 * (ssa-db-copy.c). */

int
ssa_cli_team_db_copy (int    argc,
                      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from_display = NULL;
  g_autofree char *to_display = NULL;
  SsaDbCopyStats stats;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_FILENAME, &from,
      N_("The database to copy: an SQLite file or a postgresql:// URI"), N_("FILE|URI") },
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to,
      N_("The database to copy into: a new or empty one"), N_("FILE|URI") },
    { NULL }
  };

  context = ssa_cli_context_new (NULL,
                                 _("Copies everything from one database into another, keeping "
                                   "ids and offer numbers: an SQLite file to a team’s "
                                   "PostgreSQL server or back. The target must be new or hold "
                                   "only what “db init” puts there; the copy is one "
                                   "transaction, read back and compared before it is "
                                   "committed. Passwords come from ~/.pgpass, PGPASSWORD or a "
                                   "service file, never the command line."),
                                 entries);
  if (!ssa_cli_parse (context, "db copy", &argc, &argv))
    return SSA_CLI_USAGE;
  if (argc > 1)
    {
      ssa_cli_usage_error ("db copy", _("unexpected argument “%s”"), argv[1]);
      return SSA_CLI_USAGE;
    }
  if (from == NULL || to == NULL || from[0] == '\0' || to[0] == '\0')
    {
      ssa_cli_usage_error ("db copy", _("both --from and --to are needed"));
      return SSA_CLI_USAGE;
    }

  from_display = ssa_team_db_describe (from);
  to_display = ssa_team_db_describe (to);
  if (!ssa_db_copy (from, to, &stats, &error))
    {
      ssa_cli_db_print_error ("db copy", error);
      return SSA_CLI_REFUSED;
    }

  for (guint i = 0; i < stats.n_tables; i++)
    g_print ("%-22s %" G_GINT64_FORMAT "\n", stats.tables[i].name, stats.tables[i].rows);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Copied %lld row from %s to %s, verified.\n",
                        "Copied %lld rows from %s to %s, verified.\n", stats.total_rows),
           (long long) stats.total_rows, from_display, to_display);
  return SSA_CLI_OK;
}
