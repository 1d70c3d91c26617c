/* test-engine.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdlib.h>
#include <glib.h>

#include "ssa-team-db.h"
#include "test-pg-server.h"
#include "test-util.h"

/* The same storage tests on both engines, chosen by SSA_TEST_ENGINE: `sqlite` (or unset)
 * runs them on SQLite files, `postgresql` on a real PostgreSQL server started for the run
 * (test-pg-server.h), each test on a new database made by `db init`'s function. Without an
 * installed server the run says so and skips; an installed one that does not start fails
 * it. For the files of tests/: test_engine_start() in main() before g_test_run(),
 * test_engine_new_location() for each database, test_engine_stop() after. */

static TestPgServer *test_engine_server;
static char *test_engine_dir;
static guint test_engine_n_databases;

static inline gboolean
test_engine_is_pg (void)
{
  return test_engine_server != NULL;
}

/* Starts the engine of the run; on PostgreSQL without a server, prints the TAP skip line
 * and exits 0. */
static inline void
test_engine_start (void)
{
  const char *engine = g_getenv ("SSA_TEST_ENGINE");
  g_autoptr(GError) error = NULL;

  if (engine == NULL || g_str_equal (engine, "sqlite"))
    return;
  if (!g_str_equal (engine, "postgresql"))
    g_error ("SSA_TEST_ENGINE is “%s”: sqlite or postgresql", engine);

  test_engine_dir = g_dir_make_tmp ("ssa-desk-engine-XXXXXX", &error);
  g_assert_no_error (error);
  test_pg_isolate_env (test_engine_dir);
  test_engine_server = test_pg_server_start_or_exit (test_engine_dir);
}

/* Returns: (transfer full): a new database of this version's schema: on SQLite the file
 * ssa-desk.db in @dir (not made: ssa_db_open() makes it), on PostgreSQL a new database on
 * the server, initialised as `db init` does. */
static inline char *
test_engine_new_location (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *create = NULL;
  g_autofree char *psql = NULL;
  char *uri;
  int status = 0;

  if (!test_engine_is_pg ())
    return g_build_filename (dir, "ssa-desk.db", NULL);

  name = g_strdup_printf ("ssa_engine_%u_%u", (guint) getpid (), ++test_engine_n_databases);
  admin = test_pg_server_uri (test_engine_server, "postgres");
  create = g_strdup_printf ("CREATE DATABASE %s", name);
  psql = g_build_filename (test_engine_server->bindir, "psql", NULL);
  {
    const char *argv[] = { psql, "-q", "-X", "-v", "ON_ERROR_STOP=1", "-d", admin,
                           "-c", create, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                  NULL, &status, &error);
    g_assert_no_error (error);
    g_spawn_check_wait_status (status, &error);
    g_assert_no_error (error);
  }
  uri = test_pg_server_uri (test_engine_server, name);
  g_assert_true (ssa_team_db_init (uri, NULL, &error));
  g_assert_no_error (error);
  return uri;
}

static inline void
test_engine_stop (void)
{
  if (test_engine_server == NULL)
    return;
  test_pg_server_stop (test_engine_server);
  test_engine_server = NULL;
  test_remove_tree (test_engine_dir);
  g_clear_pointer (&test_engine_dir, g_free);
}
