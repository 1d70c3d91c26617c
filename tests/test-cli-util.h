/* test-cli-util.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdarg.h>
#include <sys/wait.h>
#include <glib.h>

/* The harness of the tests that run the built ssa-desk-cli as a separate process (test-cli,
 * test-cli-db, test-pdf, test-db-copy, test-team-db): where the command and the source
 * tree's sample data are, the command's arguments with each test's placeholders expanded,
 * and one run's exit status and output, logged for the TAP output. */

typedef struct
{
  int   status;       /* the exit status; -1 when killed by a signal */
  char *out;
  char *err;
} TestCliRun;

static inline void
test_cli_run_clear (TestCliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TestCliRun, test_cli_run_clear)

/* The command line, built beside the tests; absolute, as a command may run in another
 * working directory. */
static inline char *
test_cli_path (void)
{
  g_autofree char *built = g_test_build_filename (G_TEST_BUILT, "..", "src", "cli",
                                                  "ssa-desk-cli", NULL);

  return g_canonicalize_filename (built, NULL);
}

/* A path in the source tree (SSA_DESK_SOURCE_ROOT, set by meson), from its parts up to NULL. */
static inline char *
test_cli_source_path (const char *first,
                      ...)
{
  const char *root = g_getenv ("SSA_DESK_SOURCE_ROOT");
  g_autofree char *fallback = g_build_filename (SRCDIR, "..", NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;
  va_list args;

  g_ptr_array_add (parts, (gpointer) (root != NULL ? root : fallback));
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

/* Expands a test's placeholder in @arg (such as "@S/name" for a sample installation);
 * returns a copy of @arg when it is none. */
typedef char *(*TestCliExpandFunc) (gconstpointer  fixture,
                                    const char    *arg);

/* The NULL-terminated argument vector that runs @cli with @args (NULL-terminated), each
 * expanded by @expand; logs the command as written, with its placeholders. */
static inline GPtrArray *
test_cli_build_argv (const char         *cli,
                     const char * const *args,
                     TestCliExpandFunc   expand,
                     gconstpointer       fixture)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) line = g_string_new (NULL);

  g_ptr_array_add (argv, g_strdup (cli));
  for (guint i = 0; args[i] != NULL; i++)
    {
      g_ptr_array_add (argv, expand (fixture, args[i]));
      g_string_append_printf (line, " %s", args[i]);
    }
  g_ptr_array_add (argv, NULL);
  g_test_message ("ssa-desk-cli%s", line->str);
  return argv;
}

/* Logs @text line by line, at most @max_lines of them (0: all): a TAP message cannot span
 * lines. */
static inline void
test_cli_log_output (const char *what,
                     const char *text,
                     guint       max_lines)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL && (max_lines == 0 || i < max_lines); i++)
    if (lines[i][0] != '\0')
      g_test_message ("%s: %s", what, lines[i]);
}

/* Runs @argv in @cwd with @envp and waits for it; fills @run (initialized, cleared first)
 * and logs the exit status and up to @max_lines lines (0: all) of each output. Returns
 * FALSE, with @error set and @run->status -1, when the command could not be started: each
 * test decides what that means. */
static inline gboolean
test_cli_spawn (const char           *cwd,
                GPtrArray            *argv,
                char                **envp,
                GSpawnChildSetupFunc  setup,
                gpointer              setup_data,
                guint                 max_lines,
                TestCliRun           *run,
                GError              **error)
{
  int wait_status = 0;

  test_cli_run_clear (run);
  run->status = -1;
  if (!g_spawn_sync (cwd, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, setup, setup_data,
                     &run->out, &run->err, &wait_status, error))
    return FALSE;

  if (WIFEXITED (wait_status))
    run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d", run->status);
  test_cli_log_output ("stdout", run->out, max_lines);
  test_cli_log_output ("stderr", run->err, max_lines);
  return TRUE;
}

/* Runs SSA_DESK_CLI (set by meson) with `--db @db` when @db is not NULL, then @first and
 * the arguments after it up to NULL; waits for it and returns its exit status (it must
 * exit, not be killed). *@out and *@err (each NULL or a run before this one's, freed here)
 * get its output; a failure's stderr is logged. */
static inline int
test_cli_run_v (const char  *db,
                char       **out,
                char       **err,
                const char  *first,
                va_list      args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *arg;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("SSA_DESK_CLI"));
  g_assert_nonnull (argv->pdata[0]);
  if (db != NULL)
    {
      g_ptr_array_add (argv, (char *) "--db");
      g_ptr_array_add (argv, (char *) db);
    }
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  g_clear_pointer (out, g_free);
  g_clear_pointer (err, g_free);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) != 0)
    test_cli_log_output ("stderr", *err, 20);
  return WEXITSTATUS (status);
}

/* test_cli_run_v() with the arguments after @err, up to NULL. */
static inline int
test_cli_run (const char  *db,
              char       **out,
              char       **err,
              ...)
{
  va_list args;
  const char *first;
  int status;

  va_start (args, err);
  first = va_arg (args, const char *);
  status = test_cli_run_v (db, out, err, first, args);
  va_end (args);
  return status;
}
