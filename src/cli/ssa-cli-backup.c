/* ssa-cli-backup.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ssa-backup.h"
#include "ssa-cli.h"
#include "ssa-cli-db.h"
#include "ssa-db.h"

/* The safety of the database on the command line: how writing commands open it (refused
 * when read-only or damaged, with the daily backup taken first), `check`, `backups` and
 * `restore`. */

/* What to do about a damaged database: after a refused change (@refused), or after
 * `check`. */
static void
print_restore_hint (gboolean refused)
{
  if (refused)
    g_printerr ("%s\n", _("Nothing was changed. “ssa-desk-cli check” shows the whole report, "
                          "“ssa-desk-cli backups” lists the backups and “ssa-desk-cli "
                          "restore FILE” restores one (the damaged file is kept aside)."));
  else
    g_printerr ("%s\n", _("“ssa-desk-cli backups” lists the backups and “ssa-desk-cli restore "
                          "FILE” restores one (the damaged file is kept aside)."));
}

/* The database path of --db, or the window's database. */
static char *
dup_db_path (void)
{
  const char *path = ssa_cli_db_get_path ();

  return path != NULL ? g_strdup (path) : ssa_db_get_default_path ();
}

/**
 * ssa_cli_db_open_for_writing:
 * @command: the command's name for messages ("import", "offer create")
 *
 * Opens the database for a command that changes it. Refuses, with a message on stderr that
 * says why and what to do, a database that is read-only or that SQLite's quick check finds
 * damaged (nothing more is written into a damaged file). Then takes the daily backup when
 * it is due; a backup that fails is a warning, and the command goes on.
 *
 * Returns: (transfer full) (nullable): the database, or %NULL after a message
 */
SsaDb *
ssa_cli_db_open_for_writing (const char *command)
{
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GError) error = NULL;

  db = ssa_db_open (ssa_cli_db_get_path (), SSA_DB_OPEN_DEFAULT, &error);
  if (db == NULL || !ssa_db_check_writable (db, &error))
    {
      ssa_cli_db_print_error (command, error);
      return NULL;
    }

  if (!ssa_db_check (db, SSA_DB_CHECK_QUICK, &error))
    {
      ssa_cli_db_print_error (command, error);
      print_restore_hint (TRUE);
      return NULL;
    }

  if (!ssa_backup_run_if_due (db, NULL, &error))
    g_printerr (_("ssa-desk-cli %s: warning: the daily backup was not taken (%s); the "
                  "command goes on.\n"), command, error->message);
  return g_steal_pointer (&db);
}

/* check [--quick] */

int
ssa_cli_check (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  gboolean quick = FALSE;
  const GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick,
      N_("Run SQLite's quick check only (it does not compare indexes with their tables)"),
      NULL },
    { NULL }
  };

  context = ssa_cli_option_context_new (NULL,
                                        _("Checks the whole database file with SQLite's "
                                          "integrity check and says what is damaged. Exits "
                                          "with 0 when nothing is, 1 when something is. "
                                          "Nothing is written."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ssa_cli_parse (context, "check", &argc, &argv))
    return SSA_CLI_USAGE;
  if (argc > 1)
    {
      ssa_cli_usage_error ("check", _("unexpected argument “%s”"), argv[1]);
      return SSA_CLI_USAGE;
    }

  /* Read-only: a check never migrates or otherwise changes the database. */
  db = ssa_db_open (ssa_cli_db_get_path (), SSA_DB_OPEN_READ_ONLY, &error);
  if (db == NULL)
    {
      ssa_cli_db_print_error ("check", error);
      if (g_error_matches (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE))
        print_restore_hint (FALSE);
      return SSA_CLI_REFUSED;
    }

  if (!ssa_db_check (db, quick ? SSA_DB_CHECK_QUICK : SSA_DB_CHECK_FULL, &error))
    {
      ssa_cli_db_print_error ("check", error);
      print_restore_hint (FALSE);
      return SSA_CLI_REFUSED;
    }

  g_print (_("No damage found in %s.\n"), ssa_db_get_path (db));
  return SSA_CLI_OK;
}

/* backups [--json] */

static void
print_backups_json (GPtrArray *backups)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < backups->len; i++)
    {
      SsaBackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *taken = g_date_time_format (ssa_backup_info_get_taken (info),
                                                   "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *path = g_filename_display_name (ssa_backup_info_get_path (info));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "path");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "taken");
      json_builder_add_string_value (builder, taken);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, ssa_backup_info_get_reason (info));
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, ssa_backup_info_get_size (info));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

static void
print_backups_table (GPtrArray *backups)
{
  g_autoptr(GString) out = g_string_new (NULL);

  ssa_cli_append_padded (out, _("Taken"), 16, FALSE);
  g_string_append (out, "  ");
  ssa_cli_append_padded (out, _("Reason"), 18, FALSE);
  g_string_append (out, "  ");
  ssa_cli_append_padded (out, _("Size"), 10, TRUE);
  g_string_append_printf (out, "  %s\n", _("File"));

  for (guint i = 0; i < backups->len; i++)
    {
      SsaBackupInfo *info = g_ptr_array_index (backups, i);
      g_autoptr(GDateTime) local = g_date_time_to_local (ssa_backup_info_get_taken (info));
      g_autofree char *taken = g_date_time_format (local, "%Y-%m-%d %H:%M");
      g_autofree char *size = g_format_size (ssa_backup_info_get_size (info));
      g_autofree char *path = g_filename_display_name (ssa_backup_info_get_path (info));

      ssa_cli_append_padded (out, taken, 16, FALSE);
      g_string_append (out, "  ");
      ssa_cli_append_padded (out, ssa_backup_info_get_reason_label (info), 18, FALSE);
      g_string_append (out, "  ");
      ssa_cli_append_padded (out, size, 10, TRUE);
      g_string_append_printf (out, "  %s\n", path);
    }
  fputs (out->str, stdout);
}

/* backups --take: a backup by hand, of a database that is not changed (not migrated). */
static gboolean
take_manual_backup (const char *path)
{
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *taken = NULL;

  db = ssa_db_open (path, SSA_DB_OPEN_READ_ONLY, &error);
  if (db == NULL || !ssa_backup_take (db, SSA_BACKUP_REASON_MANUAL, &taken, &error))
    {
      ssa_cli_db_print_error ("backups", error);
      return FALSE;
    }
  g_printerr (_("Backed up %s to %s.\n"), ssa_db_get_path (db), taken);
  return TRUE;
}

int
ssa_cli_backups (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *path = dup_db_path ();
  gboolean json = FALSE;
  gboolean take = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { "take", 0, 0, G_OPTION_ARG_NONE, &take,
      N_("Take a backup now, checked, before listing them"), NULL },
    { NULL }
  };

  context = ssa_cli_option_context_new (NULL,
                                        _("Lists the database's backups, newest first: the "
                                          "daily ones, those taken before an upgrade or a "
                                          "restore, and those taken with --take."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!ssa_cli_parse (context, "backups", &argc, &argv))
    return SSA_CLI_USAGE;
  if (argc > 1)
    {
      ssa_cli_usage_error ("backups", _("unexpected argument “%s”"), argv[1]);
      return SSA_CLI_USAGE;
    }

  if (take && !take_manual_backup (path))
    return SSA_CLI_REFUSED;

  backups = ssa_backup_list (path, &error);
  if (backups == NULL)
    {
      ssa_cli_db_print_error ("backups", error);
      return SSA_CLI_REFUSED;
    }

  if (json)
    print_backups_json (backups);
  else if (backups->len == 0)
    {
      g_autofree char *folder = ssa_backup_dup_folder (path);
      g_autofree char *display = g_filename_display_name (folder);

      g_printerr (_("There are no backups in %s yet.\n"), display);
    }
  else
    print_backups_table (backups);
  return SSA_CLI_OK;
}

/* restore FILE */

int
ssa_cli_restore (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dup_db_path ();
  g_autofree char *backup = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *display_backup = NULL;

  context = ssa_cli_option_context_new (_("FILE"),
                                        _("Replaces the database by the backup FILE (a path, "
                                          "or a file name that “ssa-desk-cli backups” "
                                          "lists). The backup is checked first, and the "
                                          "database as it was is kept as a backup taken "
                                          "before the restore. Close SSA Desk's window "
                                          "first."));
  if (!ssa_cli_parse (context, "restore", &argc, &argv))
    return SSA_CLI_USAGE;
  if (argc != 2)
    {
      if (argc > 2)
        ssa_cli_usage_error ("restore", _("unexpected argument “%s”"), argv[2]);
      else
        ssa_cli_usage_error ("restore", _("missing the backup FILE"));
      return SSA_CLI_USAGE;
    }

  /* A bare name that is not a file here is one of the backups of the list. */
  backup = g_strdup (argv[1]);
  if (!g_file_test (backup, G_FILE_TEST_EXISTS) && strchr (backup, G_DIR_SEPARATOR) == NULL)
    {
      g_autofree char *folder = ssa_backup_dup_folder (path);
      g_autofree char *in_folder = g_build_filename (folder, argv[1], NULL);

      if (g_file_test (in_folder, G_FILE_TEST_EXISTS))
        {
          g_free (backup);
          backup = g_steal_pointer (&in_folder);
        }
    }
  if (!g_file_test (backup, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (argv[1]);

      g_printerr (_("ssa-desk-cli restore: there is no backup file %s: give a path, or a "
                    "name that “ssa-desk-cli backups” lists.\n"), display);
      return SSA_CLI_REFUSED;
    }

  if (!ssa_backup_restore (path, backup, &aside, &error))
    {
      ssa_cli_db_print_error ("restore", error);
      return SSA_CLI_REFUSED;
    }

  display_backup = g_filename_display_name (backup);
  g_print (_("Restored %s from %s.\n"), path, display_backup);
  if (aside != NULL)
    g_print (_("The database as it was is kept in %s.\n"), aside);
  return SSA_CLI_OK;
}
