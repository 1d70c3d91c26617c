/* test-fetch-nginx.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "ssa-fetcher.h"
#include "ssa-price-list-update.h"

#include "test-fetch-util.h"

/* One fetch from a real web server: nginx (Debian's nginx-light) on a free port of
 * 127.0.0.1, with its own configuration, pid file, logs and temporary folders in a
 * temporary folder, in the foreground as a single process (no master, no user switch), and
 * stopped at the end. nginx sends an ETag and a Last-Modified for a static file: the second
 * fetch must be answered 304, by the fetcher and through the glue that stores lists.
 * Without nginx the test is skipped. */

static const char price_list[] =
  "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"nginx-1\", \"currency\": \"NOK\",\n"
  "  \"ssc_price\": \"11.50\",\n"
  "  \"products\": [ { \"code\": \"02-00039-002\", \"name\": \"PBX-Port14\", \"kind\": \"port\",\n"
  "                  \"list_price\": \"450.00\", \"ssc_per_year\": \"6.75\" } ] }\n";

typedef struct
{
  char        *dir;
  char        *url;
  GSubprocess  *nginx;
  GAsyncResult *exited;   /* set when nginx has exited */
} Server;

static char *nginx_program;

static guint
free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);
  return port;
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static gboolean
port_answers (guint port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", (guint16) port, NULL,
                                                NULL);
  return connection != NULL;
}

static void
dump_error_log (Server *s)
{
  g_autofree char *path = g_build_filename (s->dir, "error.log", NULL);
  g_autofree char *log = NULL;

  if (g_file_get_contents (path, &log, NULL, NULL))
    g_test_message ("nginx error.log:\n%s", log);
}

/* Starts nginx on a port that was free a moment ago; another program may take it in
 * between, so a failed start is tried again on another port. */
static gboolean
server_start (Server *s)
{
  g_autoptr(GError) error = NULL;
  const char *subdirs[] = { "www", "tmp", "logs" };

  s->dir = g_dir_make_tmp ("ssa-nginx-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *path = g_build_filename (s->dir, subdirs[i], NULL);

      g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
    }
  write_file (s->dir, "www/prices.json", price_list);

  for (guint attempt = 0; attempt < 3; attempt++)
    {
      guint port = free_port ();
      g_autofree char *config = NULL;
      g_autofree char *config_path = g_build_filename (s->dir, "nginx.conf", NULL);
      g_autofree char *error_log = g_build_filename (s->dir, "error.log", NULL);
      gint64 deadline;

      config = g_strdup_printf (
        "daemon off;\n"
        "master_process off;\n"
        "worker_processes 1;\n"
        "pid %1$s/nginx.pid;\n"
        "error_log %1$s/error.log info;\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        "  access_log %1$s/logs/access.log;\n"
        "  client_body_temp_path %1$s/tmp/client;\n"
        "  proxy_temp_path %1$s/tmp/proxy;\n"
        "  fastcgi_temp_path %1$s/tmp/fastcgi;\n"
        "  uwsgi_temp_path %1$s/tmp/uwsgi;\n"
        "  scgi_temp_path %1$s/tmp/scgi;\n"
        "  types { application/json json; }\n"
        "  default_type application/octet-stream;\n"
        "  server {\n"
        "    listen 127.0.0.1:%2$u;\n"
        "    root %1$s/www;\n"
        "  }\n"
        "}\n", s->dir, port);
      write_file (s->dir, "nginx.conf", config);

      /* -e: the error log before the configuration is read, which would otherwise be the
       * system's /var/log/nginx/error.log. */
      s->nginx = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                   G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                   nginx_program, "-e", error_log, "-p", s->dir,
                                   "-c", config_path, NULL);
      g_assert_no_error (error);
      g_subprocess_wait_async (s->nginx, NULL, test_store_result_cb, &s->exited);

      deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
      while (g_get_monotonic_time () < deadline)
        {
          if (port_answers (port))
            {
              s->url = g_strdup_printf ("http://127.0.0.1:%u/prices.json", port);
              return TRUE;
            }
          /* GSubprocess learns of the child's exit on the main context. */
          while (g_main_context_iteration (NULL, FALSE))
            ;
          if (s->exited != NULL)
            break;
          g_usleep (50 * 1000);
        }

      dump_error_log (s);
      g_subprocess_force_exit (s->nginx);
      test_wait_for (&s->exited);
      g_clear_object (&s->exited);
      g_clear_object (&s->nginx);
    }
  return FALSE;
}

static void
server_stop (Server *s)
{
  if (s->nginx != NULL)
    {
      /* QUIT: a graceful stop. It is our own child, stopped by its id. */
      g_subprocess_send_signal (s->nginx, SIGQUIT);
      test_wait_for (&s->exited);
      g_clear_object (&s->exited);
      g_clear_object (&s->nginx);
    }
  test_remove_tree (s->dir);
  g_free (s->dir);
  g_free (s->url);
}

static void
test_nginx_304 (void)
{
  Server s = { NULL, };
  g_autoptr(SsaFetcher) fetcher = ssa_fetcher_new ();
  g_autoptr(SsaFetchResult) first = NULL;
  g_autoptr(SsaFetchResult) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, price_list, -1);

  if (!server_start (&s))
    {
      g_test_fail_printf ("nginx did not start on 127.0.0.1 (its error log is above)");
      server_stop (&s);
      return;
    }

  {
    g_autoptr(GAsyncResult) result = NULL;

    ssa_fetcher_fetch_async (fetcher, s.url, NULL, NULL, test_store_result_cb, &result);
    first = ssa_fetcher_fetch_finish (fetcher, test_wait_for (&result), &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (first->outcome, ==, SSA_FETCH_OUTCOME_NEW);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (first->sha256, ==, sha);
  g_assert_cmpstr (first->price_list->id, ==, "nginx-1");
  g_assert_nonnull (first->etag);
  g_assert_nonnull (first->last_modified);
  g_test_message ("nginx: ETag %s, Last-Modified %s", first->etag, first->last_modified);

  {
    g_autoptr(GAsyncResult) result = NULL;
    SsaFetchConditions conditions = {
      .etag = first->etag,
      .last_modified = first->last_modified,
      .sha256 = first->sha256,
    };

    ssa_fetcher_fetch_async (fetcher, s.url, &conditions, NULL, test_store_result_cb, &result);
    second = ssa_fetcher_fetch_finish (fetcher, test_wait_for (&result), &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (second->outcome, ==, SSA_FETCH_OUTCOME_NOT_MODIFIED);
  g_assert_cmpuint (second->status, ==, 304);

  /* Through the glue: stored first, then a 304 that stores nothing. */
  {
    g_autofree char *db_path = g_build_filename (s.dir, "ssa-desk.db", NULL);
    g_autoptr(SsaPriceListUpdate) stored = NULL;
    g_autoptr(SsaPriceListUpdate) unchanged = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GAsyncResult) result2 = NULL;

    ssa_price_list_update_async (fetcher, db_path, s.url, SSA_PRICE_LIST_UPDATE_SKIP_KEYRING,
                                 NULL, test_store_result_cb, &result);
    stored = ssa_price_list_update_finish (test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpint (stored->outcome, ==, SSA_PRICE_LIST_UPDATE_STORED);
    g_assert_cmpstr (stored->current->etag, ==, first->etag);

    ssa_price_list_update_async (fetcher, db_path, s.url, SSA_PRICE_LIST_UPDATE_SKIP_KEYRING,
                                 NULL, test_store_result_cb, &result2);
    unchanged = ssa_price_list_update_finish (test_wait_for (&result2), &error);
    g_assert_no_error (error);
    g_assert_cmpint (unchanged->outcome, ==, SSA_PRICE_LIST_UPDATE_NOT_MODIFIED);
    g_assert_cmpint (unchanged->current->row_id, ==, stored->current->row_id);
  }

  server_stop (&s);
}

int
main (int    argc,
      char **argv)
{
  int status;

  nginx_program = g_find_program_in_path ("nginx");
  if (nginx_program == NULL && g_file_test ("/usr/sbin/nginx", G_FILE_TEST_IS_EXECUTABLE))
    nginx_program = g_strdup ("/usr/sbin/nginx");
  if (nginx_program == NULL)
    {
      /* Skipped: 77 for a plain run, a TAP plan of no tests for meson's TAP protocol. */
      for (int i = 1; i < argc; i++)
        if (g_str_equal (argv[i], "--tap"))
          {
            printf ("1..0 # SKIP nginx is not installed (Debian package nginx-light)\n");
            return 0;
          }
      fprintf (stderr, "nginx is not installed (Debian package nginx-light): skipped\n");
      return 77;
    }

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fetch/nginx/304", test_nginx_304);
  status = g_test_run ();
  g_free (nginx_program);
  return status;
}
