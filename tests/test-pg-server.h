/* test-pg-server.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pwd.h>
#include <string.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "test-fetch-certs.h"
#include "test-util.h"

/* A real PostgreSQL server for the tests, started in a temporary folder (initdb, then
 * pg_ctl on a free port of 127.0.0.1 with its Unix socket in that folder) and stopped and
 * removed after. It requires TLS over TCP (hostssl only), with the self-signed certificate
 * for 127.0.0.1 of test-fetch-certs.h; test_pg_server_cert() is that certificate, for
 * sslrootcert. PostgreSQL refuses to run as root: as root (CI), the server alone runs as
 * `nobody` (runuser); the tests stay root and reach it over TCP with a password, as a team
 * member's laptop does. The server's superuser is "ssa" with TEST_PG_PASSWORD, and
 * scram-sha-256 for every connection. PG_BINDIR chooses the server's programs; otherwise
 * the newest /usr/lib/postgresql/N/bin. */

#define TEST_PG_PASSWORD "s3cret-for-tests"
#define TEST_PG_USER "ssa"

typedef struct
{
  char *dir;        /* the temporary folder */
  char *data;       /* its data folder */
  char *bindir;
  char *run_as;     /* NULL: the current user */
  char *cert;       /* the server's certificate (self-signed, for 127.0.0.1) */
  int   port;
} TestPgServer;

/* The server's process, for a test that aborts before it stops the server: an immediate
 * shutdown (SIGQUIT) from the abort, so that no server outlives its test. */
static volatile pid_t test_pg_postmaster;

static inline void
test_pg_on_abort (int sig)
{
  if (test_pg_postmaster > 0)
    kill (test_pg_postmaster, SIGQUIT);
  signal (sig, SIG_DFL);
  raise (sig);
}

/* Reads the server's pid from postmaster.pid and arms test_pg_on_abort(). */
static inline void
test_pg_watch (const char *data)
{
  g_autofree char *path = g_build_filename (data, "postmaster.pid", NULL);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  test_pg_postmaster = (pid_t) atoi (text);
  signal (SIGABRT, test_pg_on_abort);
  signal (SIGSEGV, test_pg_on_abort);
  signal (SIGTERM, test_pg_on_abort);
}

/* Returns: (nullable): the folder of initdb and pg_ctl, or NULL without a server */
static inline char *
test_pg_find_bindir (void)
{
  const char *env = g_getenv ("PG_BINDIR");
  g_autoptr(GDir) dir = NULL;
  const char *name;
  int best = 0;

  if (env != NULL)
    return g_strdup (env);
  dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *initdb = g_build_filename ("/usr/lib/postgresql", name, "bin", "initdb",
                                                  NULL);
      int version = atoi (name);

      if (version > best && g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE))
        best = version;
    }
  if (best == 0)
    return NULL;
  return g_strdup_printf ("/usr/lib/postgresql/%d/bin", best);
}

/* A port of 127.0.0.1 that nothing listens on now. */
static inline int
test_pg_free_port (void)
{
  struct sockaddr_in addr = { 0 };
  socklen_t length = sizeof addr;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  int port;

  g_assert_cmpint (fd, >=, 0);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &addr, &length), ==, 0);
  port = ntohs (addr.sin_port);
  close (fd);
  return port;
}

/* Runs @argv (as the server's user), in the server's folder; FALSE with @error and the
 * program's output on failure. */
static inline gboolean
test_pg_run (TestPgServer  *self,
             const char   **argv,
             GError       **error)
{
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (self->run_as != NULL)
    {
      g_ptr_array_add (full, (char *) "runuser");
      g_ptr_array_add (full, (char *) "-u");
      g_ptr_array_add (full, self->run_as);
      g_ptr_array_add (full, (char *) "--");
    }
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, (char *) argv[i]);
  g_ptr_array_add (full, NULL);

  if (!g_spawn_sync (self->dir, (char **) full->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_SPAWN_EXIT_ERROR, 1, "%s failed: %s%s", argv[0], out, err);
      return FALSE;
    }
  return TRUE;
}

/* Lets the server's user own @path. */
static inline void
test_pg_give (TestPgServer *self,
              const char   *path)
{
  struct passwd *pw;

  if (self->run_as == NULL)
    return;
  pw = getpwnam (self->run_as);
  g_assert_nonnull (pw);
  g_assert_cmpint (chown (path, pw->pw_uid, pw->pw_gid), ==, 0);
}

/* Starts the server of @self's folder on its port (pg_ctl start, waiting until it accepts
 * connections) and arms test_pg_on_abort(): at first, and again after
 * test_pg_server_halt() for a test of what a client does while the server is down. */
static inline gboolean
test_pg_server_run (TestPgServer  *self,
                    GError       **error)
{
  g_autofree char *pg_ctl = g_build_filename (self->bindir, "pg_ctl", NULL);
  g_autofree char *log = g_build_filename (self->dir, "server.log", NULL);
  g_autofree char *options =
    g_strdup_printf ("-c listen_addresses=127.0.0.1 -p %d -k %s -c fsync=off "
                     "-c full_page_writes=off -c lc_messages=C -c ssl=on "
                     "-c ssl_cert_file=%s/server.crt -c ssl_key_file=%s/server.key",
                     self->port, self->dir, self->dir, self->dir);
  const char *argv[] = { pg_ctl, "-D", self->data, "-l", log, "-w", "-t", "60", "-o",
                         options, "start", NULL };

  if (!test_pg_run (self, argv, error))
    return FALSE;
  test_pg_watch (self->data);
  return TRUE;
}

/* Stops the server as an administrator does (a fast shutdown: clients are told and
 * disconnected), keeping its folder for test_pg_server_run(). */
static inline gboolean
test_pg_server_halt (TestPgServer  *self,
                     GError       **error)
{
  g_autofree char *pg_ctl = g_build_filename (self->bindir, "pg_ctl", NULL);
  const char *argv[] = { pg_ctl, "-D", self->data, "-m", "fast", "-w", "stop", NULL };

  return test_pg_run (self, argv, error);
}

/**
 * test_pg_server_start:
 * @error: why there is no server: no PostgreSQL installed, or it failed to start
 *
 * Returns: (nullable): a running server; stop it with test_pg_server_stop()
 */
static inline TestPgServer *
test_pg_server_start (GError **error)
{
  g_autofree char *initdb = NULL;
  g_autofree char *pwfile = NULL;
  TestPgServer *self = g_new0 (TestPgServer, 1);

  self->bindir = test_pg_find_bindir ();
  if (self->bindir == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   "no PostgreSQL server is installed (/usr/lib/postgresql/N/bin/initdb); "
                   "build-aux/install-deps.sh installs it");
      g_free (self);
      return NULL;
    }
  if (geteuid () == 0)
    self->run_as = g_strdup ("nobody");

  /* The server's user must reach the folder: as root, in /tmp whatever TMPDIR says. */
  if (self->run_as != NULL)
    {
      self->dir = g_build_filename ("/tmp", "ssa-desk-pg-XXXXXX", NULL);
      if (g_mkdtemp_full (self->dir, 0700) == NULL)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                       "could not make a folder in /tmp: %s", g_strerror (errno));
          goto failed;
        }
    }
  else
    {
      self->dir = g_dir_make_tmp ("ssa-desk-pg-XXXXXX", error);
      if (self->dir == NULL)
        goto failed;
    }
  g_chmod (self->dir, 0700);
  test_pg_give (self, self->dir);
  self->data = g_build_filename (self->dir, "data", NULL);
  pwfile = g_build_filename (self->dir, "password", NULL);
  if (!g_file_set_contents (pwfile, TEST_PG_PASSWORD "\n", -1, error))
    goto failed;
  test_pg_give (self, pwfile);

  initdb = g_build_filename (self->bindir, "initdb", NULL);
  {
    g_autofree char *pwfile_arg = g_strdup_printf ("--pwfile=%s", pwfile);
    const char *argv[] = { initdb, "-D", self->data, "-U", TEST_PG_USER, pwfile_arg,
                           "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
                           "--no-sync", NULL };

    if (!test_pg_run (self, argv, error))
      goto failed;
  }

  /* TLS only over TCP, with a password everywhere. */
  {
    g_autofree char *hba = g_build_filename (self->data, "pg_hba.conf", NULL);
    g_autofree char *key = g_build_filename (self->dir, "server.key", NULL);
    const char *split = strstr (test_self_signed_pem, "-----BEGIN PRIVATE KEY-----");

    self->cert = g_build_filename (self->dir, "server.crt", NULL);
    if (!g_file_set_contents (hba, "local all all scram-sha-256\n"
                                   "hostssl all all 127.0.0.1/32 scram-sha-256\n", -1, error) ||
        !g_file_set_contents (self->cert, test_self_signed_pem, split - test_self_signed_pem,
                              error) ||
        !g_file_set_contents (key, split, -1, error))
      goto failed;
    g_chmod (key, 0600);
    g_chmod (self->cert, 0644);
    test_pg_give (self, hba);
    test_pg_give (self, key);
    test_pg_give (self, self->cert);
  }

  self->port = test_pg_free_port ();
  if (!test_pg_server_run (self, error))
    goto failed;
  return self;

failed:
  test_remove_tree (self->dir);
  g_free (self->dir);
  g_free (self->data);
  g_free (self->bindir);
  g_free (self->run_as);
  g_free (self->cert);
  g_free (self);
  return NULL;
}

/* Keeps the user's own libpq settings out of a test run: no ~/.pgpass, service file or
 * PGSSLMODE/PGHOST; the files libpq would look for are named in @dir, where there are none.
 * The tests then give only the password they set (PGPASSWORD). */
static inline void
test_pg_isolate_env (const char *dir)
{
  g_autofree char *passfile = g_build_filename (dir, "no-pgpass", NULL);

  g_setenv ("PGPASSFILE", passfile, TRUE);
  g_setenv ("PGSYSCONFDIR", dir, TRUE);
  g_setenv ("PGSERVICEFILE", passfile, TRUE);
  g_unsetenv ("PGSSLMODE");
  g_unsetenv ("PGHOST");
}

/**
 * test_pg_server_start_or_exit:
 * @dir: the run's temporary folder, removed when the process exits here
 *
 * For main() of a test on the server, after test_pg_isolate_env(): starts the server and
 * sets PGPASSWORD to its password. Without an installed server, prints the TAP skip line
 * and exits 0; an installed server that does not start fails the run (exit 1, saying why):
 * that is a broken setup, not a reason to skip.
 *
 * Returns: (transfer full): the running server; stop it with test_pg_server_stop()
 */
static inline TestPgServer *
test_pg_server_start_or_exit (const char *dir)
{
  g_autoptr(GError) error = NULL;
  TestPgServer *self = test_pg_server_start (&error);

  if (self == NULL)
    {
      gboolean none = g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

      if (none)
        g_print ("1..0 # SKIP no PostgreSQL server for the tests: %s\n", error->message);
      else
        g_printerr ("The PostgreSQL server for the tests did not start: %s\n",
                    error->message);
      test_remove_tree (dir);
      exit (none ? 0 : 1);
    }
  g_setenv ("PGPASSWORD", TEST_PG_PASSWORD, TRUE);
  return self;
}

/* The URI of database @dbname on @self, without the password (PGPASSWORD has it). */
static inline char *
test_pg_server_uri (TestPgServer *self,
                    const char   *dbname)
{
  return g_strdup_printf ("postgresql://" TEST_PG_USER "@127.0.0.1:%d/%s", self->port, dbname);
}

static inline void
test_pg_server_stop (TestPgServer *self)
{
  g_autofree char *pg_ctl = NULL;
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;
  pg_ctl = g_build_filename (self->bindir, "pg_ctl", NULL);
  {
    const char *argv[] = { pg_ctl, "-D", self->data, "-m", "immediate", "-w", "stop", NULL };

    if (!test_pg_run (self, argv, &error))
      g_printerr ("# stopping the test server: %s\n", error->message);
  }
  test_pg_postmaster = 0;
  test_remove_tree (self->dir);
  g_free (self->dir);
  g_free (self->data);
  g_free (self->bindir);
  g_free (self->run_as);
  g_free (self->cert);
  g_free (self);
}
