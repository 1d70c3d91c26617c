/* test-credentials.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <libsoup/soup.h>

#include "ssa-credentials.h"
#include "ssa-db.h"
#include "ssa-price-list-update.h"

#include "test-fetch-util.h"

/* Logins in the keyring, on a private session bus (a dbus-daemon of the test's own, with no
 * service files, so that nothing is started on demand and the user's own keyring is never
 * touched): first with no Secret Service on it (the error must say so),
 * then with a gnome-keyring-daemon started for the test with a new, unlocked login keyring
 * in a temporary home. Without gnome-keyring-daemon those tests skip and say why. */

static const char list_a[] =
  "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"2026-06\", \"currency\": \"NOK\",\n"
  "  \"ssc_price\": \"11.00\", \"products\": [] }\n";

static GSubprocess *test_bus;
static GDBusConnection *test_bus_connection;
static char        *test_bus_dir;
static GSubprocess *keyring_daemon;
static char        *keyring_home;
static gboolean     keyring_failed;

static SsaCredentials *
lookup (const char  *url,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ssa_credentials_lookup_async (url, NULL, test_store_result_cb, &result);
  return ssa_credentials_lookup_finish (test_wait_for (&result), error);
}

static gboolean
store (const char            *url,
       const SsaCredentials  *credentials,
       GError               **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ssa_credentials_store_async (url, credentials, NULL, test_store_result_cb, &result);
  return ssa_credentials_store_finish (test_wait_for (&result), error);
}

static gboolean
clear (const char  *url,
       GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ssa_credentials_clear_async (url, NULL, test_store_result_cb, &result);
  return ssa_credentials_clear_finish (test_wait_for (&result), error);
}

/* GTestDBus would do, but it forks a watcher process whose exit LeakSanitizer reports. */
static void
ensure_bus (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *address = NULL;

  if (test_bus != NULL)
    return;

  test_bus_dir = g_dir_make_tmp ("ssa-bus-XXXXXX", &error);
  g_assert_no_error (error);
  config_path = g_build_filename (test_bus_dir, "session.conf", NULL);
  config = g_strdup_printf ("<busconfig>\n"
                            "  <type>session</type>\n"
                            "  <listen>unix:dir=%s</listen>\n"
                            "  <auth>EXTERNAL</auth>\n"
                            "  <policy context=\"default\">\n"
                            "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                            "    <allow eavesdrop=\"true\"/>\n"
                            "    <allow own=\"*\"/>\n"
                            "  </policy>\n"
                            "</busconfig>\n", test_bus_dir);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  test_bus = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "dbus-daemon",
                               "--nofork", "--print-address=1", "--config-file", config_path,
                               NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (test_bus));
  address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", g_strstrip (address), TRUE);

  /* The shared connection would end the process when the bus goes away at the end. */
  test_bus_connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  g_dbus_connection_set_exit_on_close (test_bus_connection, FALSE);
}

static void
stop_bus (void)
{
  if (test_bus == NULL)
    return;
  g_clear_object (&test_bus_connection);
  g_subprocess_send_signal (test_bus, SIGTERM);
  g_subprocess_wait (test_bus, NULL, NULL);
  g_clear_object (&test_bus);
}

/* Values */

static void
test_values (void)
{
  g_autoptr(SsaCredentials) bearer = ssa_credentials_new_bearer ("abc.DEF-123_~+/=");
  g_autoptr(SsaCredentials) basic = ssa_credentials_new_basic ("Aladdin", "open sesame");
  g_autoptr(SsaCredentials) copy = ssa_credentials_copy (basic);
  g_autofree char *bearer_header = ssa_credentials_dup_authorization (bearer);
  g_autofree char *basic_header = ssa_credentials_dup_authorization (basic);
  const struct { const char *user; const char *secret; gboolean bearer; } refused[] = {
    { NULL, "", TRUE },
    { NULL, "two words", TRUE },
    { NULL, "line\r\nX-Injected: 1", TRUE },
    { NULL, "tøken", TRUE },
    { "", "password", FALSE },
    { "user:name", "password", FALSE },
    { "user", "pass\nword", FALSE },
  };

  g_assert_cmpstr (bearer_header, ==, "Bearer abc.DEF-123_~+/=");
  /* RFC 7617's example. */
  g_assert_cmpstr (basic_header, ==, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  g_assert_cmpint (copy->kind, ==, SSA_CREDENTIALS_BASIC);
  g_assert_cmpstr (copy->user, ==, "Aladdin");
  g_assert_cmpstr (copy->secret, ==, "open sesame");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(SsaCredentials) credentials = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *header = NULL;

      credentials = refused[i].bearer ? ssa_credentials_new_bearer (refused[i].secret)
                                      : ssa_credentials_new_basic (refused[i].user,
                                                                   refused[i].secret);
      g_assert_false (ssa_credentials_validate (credentials, &error));
      g_assert_error (error, SSA_CREDENTIALS_ERROR, SSA_CREDENTIALS_ERROR_INVALID);
      header = ssa_credentials_dup_authorization (credentials);
      g_assert_null (header);
    }
}

/* No keyring */

static void
assert_no_keyring (const GError *error,
                   const char   *url)
{
  g_test_message ("%s", error->message);
  g_assert_error (error, SSA_CREDENTIALS_ERROR, SSA_CREDENTIALS_ERROR_NO_KEYRING);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_nonnull (strstr (error->message, "no keyring service"));
  g_assert_nonnull (strstr (error->message, "try again"));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_no_session_bus (void)
{
  const char *url = "https://prices.example.no/list.json";
  g_autofree char *tmp = g_dir_make_tmp ("ssa-no-bus-XXXXXX", NULL);
  g_autofree char *socket_path = g_build_filename (tmp, "bus", NULL);
  g_autofree char *address = g_strconcat ("unix:path=", socket_path, NULL);
  g_autofree char *saved = g_strdup (g_getenv ("DBUS_SESSION_BUS_ADDRESS"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaCredentials) found = NULL;

  /* Runs before the private bus is up: a session bus address where nothing listens. */
  g_assert_null (test_bus);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  found = lookup (url, &error);
  g_assert_null (found);
  assert_no_keyring (error, url);

  if (saved != NULL)
    g_setenv ("DBUS_SESSION_BUS_ADDRESS", saved, TRUE);
  else
    g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  g_rmdir (tmp);
}

static void
test_no_secret_service (void)
{
  const char *url = "https://prices.example.no/list.json";
  g_autoptr(SsaCredentials) bearer = ssa_credentials_new_bearer ("token");

  ensure_bus ();
  if (keyring_daemon != NULL)
    {
      g_test_skip ("the keyring is running already");
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaCredentials) found = lookup (url, &error);

    g_assert_null (found);
    assert_no_keyring (error, url);
    g_assert_nonnull (strstr (error->message, "cannot be read"));
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (store (url, bearer, &error));
    assert_no_keyring (error, url);
    g_assert_nonnull (strstr (error->message, "cannot be saved"));
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (clear (url, &error));
    assert_no_keyring (error, url);
    g_assert_nonnull (strstr (error->message, "cannot be removed"));
  }
}

/* A server that wants a login, for the update glue */

typedef struct
{
  SoupServer *server;
  char       *url;
  char       *tmpdir;
  char       *db_path;
} LoginServer;

static void
auth_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *authorization =
    soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                  "Authorization");

  if (g_strcmp0 (authorization, "Bearer from-the-keyring") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, list_a,
                                    strlen (list_a));
}

static void
login_server_start (LoginServer *s)
{
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  GSList *uris;

  s->server = soup_server_new (NULL, NULL);
  soup_server_listen (s->server, address, 0, &error);
  g_assert_no_error (error);
  soup_server_add_handler (s->server, "/auth", auth_cb, NULL, NULL);
  uris = soup_server_get_uris (s->server);
  s->url = g_strdup_printf ("http://127.0.0.1:%d/auth", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  s->tmpdir = g_dir_make_tmp ("ssa-credentials-XXXXXX", &error);
  g_assert_no_error (error);
  s->db_path = g_build_filename (s->tmpdir, "ssa-desk.db", NULL);
  db = ssa_db_open (s->db_path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
}

static void
login_server_stop (LoginServer *s)
{
  soup_server_disconnect (s->server);
  g_clear_object (&s->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_remove_tree (s->tmpdir);
  g_free (s->tmpdir);
  g_free (s->db_path);
  g_free (s->url);
}

static SsaPriceListUpdate *
update (LoginServer  *s,
        GError      **error)
{
  g_autoptr(SsaFetcher) fetcher = ssa_fetcher_new ();
  g_autoptr(GAsyncResult) result = NULL;

  ssa_price_list_update_async (fetcher, s->db_path, s->url, SSA_PRICE_LIST_UPDATE_FLAGS_NONE,
                               NULL, test_store_result_cb, &result);
  return ssa_price_list_update_finish (test_wait_for (&result), error);
}

static void
test_update_without_keyring (void)
{
  LoginServer s = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceListUpdate) updated = NULL;

  ensure_bus ();
  if (keyring_daemon != NULL)
    {
      g_test_skip ("the keyring is running already");
      return;
    }

  /* The server wants a login and there is no keyring to hold one: that is the message. */
  login_server_start (&s);
  updated = update (&s, &error);
  g_assert_null (updated);
  assert_no_keyring (error, s.url);
  login_server_stop (&s);
}

/* A real keyring */

static gboolean
secrets_owned (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* A home of the keyring's own, with its XDG folders, in keyring_home. */
static void
make_keyring_home (void)
{
  g_autoptr(GError) error = NULL;
  const char *dirs[] = { "data", "config", "cache", "runtime" };

  keyring_home = g_dir_make_tmp ("ssa-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_build_filename (keyring_home, dirs[i], NULL);

      g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
    }
}

/* Runs programs in keyring_home, without a display. */
static GSubprocessLauncher *
keyring_launcher (void)
{
  GSubprocessLauncher *launcher;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_setenv (launcher, "HOME", keyring_home, TRUE);
  {
    g_autofree char *data = g_build_filename (keyring_home, "data", NULL);
    g_autofree char *config = g_build_filename (keyring_home, "config", NULL);
    g_autofree char *cache = g_build_filename (keyring_home, "cache", NULL);
    g_autofree char *runtime = g_build_filename (keyring_home, "runtime", NULL);

    g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
    g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", config, TRUE);
    g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);
    g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  }
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  return launcher;
}

static gboolean
start_keyring (void)
{
  g_autofree char *program = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) password = NULL;
  gint64 deadline;

  if (keyring_daemon != NULL)
    return TRUE;
  if (keyring_failed)
    {
      g_test_skip ("gnome-keyring-daemon could not be started (see the first keyring test)");
      return FALSE;
    }

  program = g_find_program_in_path ("gnome-keyring-daemon");
  if (program == NULL)
    {
      keyring_failed = TRUE;
      g_test_skip ("gnome-keyring-daemon is not installed (package gnome-keyring): the "
                   "keyring itself is not tested, only the error without one");
      return FALSE;
    }

  ensure_bus ();
  make_keyring_home ();
  launcher = keyring_launcher ();

  /* --unlock reads the password of the login keyring from stdin and creates the keyring,
   * unlocked, as the default collection. */
  keyring_daemon = g_subprocess_launcher_spawn (launcher, &error, program, "--foreground",
                                                "--components=secrets", "--unlock", NULL);
  if (keyring_daemon == NULL)
    {
      keyring_failed = TRUE;
      g_test_skip_printf ("gnome-keyring-daemon could not be started: %s", error->message);
      return FALSE;
    }
  password = g_bytes_new_static ("test-password", 13);
  g_output_stream_write_bytes (g_subprocess_get_stdin_pipe (keyring_daemon), password, NULL,
                               NULL);
  g_output_stream_close (g_subprocess_get_stdin_pipe (keyring_daemon), NULL, NULL);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (!secrets_owned (bus))
    {
      if (g_get_monotonic_time () > deadline)
        {
          keyring_failed = TRUE;
          g_test_skip ("gnome-keyring-daemon did not offer the Secret Service within 15 s "
                       "on the test's session bus: the keyring itself is not tested");
          return FALSE;
        }
      g_usleep (50 * 1000);
    }
  return TRUE;
}

static void
stop_keyring (void)
{
  if (keyring_daemon != NULL)
    {
      g_subprocess_send_signal (keyring_daemon, SIGTERM);
      g_subprocess_wait (keyring_daemon, NULL, NULL);
      g_clear_object (&keyring_daemon);
    }
  if (keyring_home != NULL)
    {
      test_remove_tree (keyring_home);
      g_clear_pointer (&keyring_home, g_free);
    }
}

static void
test_keyring (void)
{
  const char *url = "https://prices.example.no/list.json";
  const char *other_url = "https://prices.example.no/other.json";
  g_autoptr(SsaCredentials) bearer = ssa_credentials_new_bearer ("sekrit");
  g_autoptr(SsaCredentials) basic = ssa_credentials_new_basic ("reseller", "pass word æ");

  if (!start_keyring ())
    return;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaCredentials) found = lookup (url, &error);

    /* Nothing stored yet: no login, and no error. */
    g_assert_no_error (error);
    g_assert_null (found);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaCredentials) found = NULL;

    g_assert_true (store (url, bearer, &error));
    g_assert_no_error (error);
    found = lookup (url, &error);
    g_assert_no_error (error);
    g_assert_nonnull (found);
    g_assert_cmpint (found->kind, ==, SSA_CREDENTIALS_BEARER);
    g_assert_null (found->user);
    g_assert_cmpstr (found->secret, ==, "sekrit");
  }
  {
    /* Storing again replaces: one login per URL. */
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaCredentials) found = NULL;
    g_autoptr(SsaCredentials) other = NULL;

    g_assert_true (store (url, basic, &error));
    g_assert_true (store (other_url, bearer, &error));
    g_assert_no_error (error);
    found = lookup (url, &error);
    g_assert_no_error (error);
    g_assert_cmpint (found->kind, ==, SSA_CREDENTIALS_BASIC);
    g_assert_cmpstr (found->user, ==, "reseller");
    g_assert_cmpstr (found->secret, ==, "pass word æ");
    other = lookup (other_url, &error);
    g_assert_no_error (error);
    g_assert_cmpint (other->kind, ==, SSA_CREDENTIALS_BEARER);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaCredentials) found = NULL;
    g_autoptr(SsaCredentials) other = NULL;

    g_assert_true (clear (url, &error));
    g_assert_no_error (error);
    found = lookup (url, &error);
    g_assert_no_error (error);
    g_assert_null (found);
    /* Removing what is not there succeeds. */
    g_assert_true (clear (url, &error));
    g_assert_no_error (error);
    other = lookup (other_url, &error);
    g_assert_nonnull (other);
    g_assert_true (clear (other_url, &error));
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaCredentials) bad = ssa_credentials_new_bearer ("two words");

    g_assert_false (store (url, bad, &error));
    g_assert_error (error, SSA_CREDENTIALS_ERROR, SSA_CREDENTIALS_ERROR_INVALID);
  }
}

static void
test_update_with_keyring (void)
{
  LoginServer s = { NULL, };
  g_autoptr(SsaCredentials) token = ssa_credentials_new_bearer ("from-the-keyring");
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceListUpdate) updated = NULL;

  if (!start_keyring ())
    return;

  /* The login stored for the URL goes with the request (http:// is allowed to this
   * computer only), and the list is stored. */
  login_server_start (&s);
  g_assert_true (store (s.url, token, &error));
  g_assert_no_error (error);
  updated = update (&s, &error);
  g_assert_no_error (error);
  g_assert_cmpint (updated->outcome, ==, SSA_PRICE_LIST_UPDATE_STORED);
  g_assert_cmpstr (updated->current->list_id, ==, "2026-06");
  g_assert_true (clear (s.url, &error));
  login_server_stop (&s);
}


/* A team database's password: kept under the URI's host, port, database and user (what
 * else the URI says does not matter), read back, replaced, removed. */
static void
test_team_password (void)
{
  const char *uri = "postgresql://ssadesk@db.example.no:5433/team?sslmode=verify-full";
  const char *same = "postgresql://ssadesk@db.example.no:5433/team?sslmode=require";
  const char *other = "postgresql://someone@db.example.no:5433/team";
  static const SecretSchema schema = {
    "io.github.ssadesk.SsaDesk.TeamDatabase", SECRET_SCHEMA_NONE,
    { { "host", SECRET_SCHEMA_ATTRIBUTE_STRING }, { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING }, { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 } },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  g_autofree char *display = ssa_credentials_describe_team_uri (uri);

  g_assert_cmpstr (display, ==, "ssadesk@db.example.no:5433/team");
  if (!start_keyring ())
    return;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *found = NULL;
    g_autofree char *direct = NULL;

    ssa_credentials_store_team_password_async (uri, "pass word æ", NULL,
                                               test_store_result_cb, &result);
    g_assert_true (ssa_credentials_store_team_password_finish (test_wait_for (&result),
                                                               &error));
    g_assert_no_error (error);
    g_clear_object (&result);

    /* The keyring itself has it under the four attributes. */
    /* (Asynchronously: the synchronous lookup leaks its private main context's D-Bus
     * call data, which the sanitizer run reports.) */
    secret_password_lookup (&schema, NULL, test_store_result_cb, &result, "host",
                            "db.example.no", "port", "5433", "dbname", "team", "user",
                            "ssadesk", NULL);
    direct = secret_password_lookup_finish (test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_clear_object (&result);
    g_assert_cmpstr (direct, ==, "pass word æ");

    ssa_credentials_lookup_team_password_async (same, NULL, test_store_result_cb, &result);
    found = ssa_credentials_lookup_team_password_finish (test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (found, ==, "pass word æ");
    g_clear_object (&result);
    g_clear_pointer (&found, g_free);

    ssa_credentials_lookup_team_password_async (other, NULL, test_store_result_cb, &result);
    found = ssa_credentials_lookup_team_password_finish (test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_null (found);
    g_clear_object (&result);

    /* An empty password removes the kept one. */
    ssa_credentials_store_team_password_async (uri, "", NULL, test_store_result_cb, &result);
    g_assert_true (ssa_credentials_store_team_password_finish (test_wait_for (&result),
                                                               &error));
    g_clear_object (&result);
    ssa_credentials_lookup_team_password_async (uri, NULL, test_store_result_cb, &result);
    found = ssa_credentials_lookup_team_password_finish (test_wait_for (&result), &error);
    g_assert_no_error (error);
    g_assert_null (found);
  }
}

/* Without libsecret (SSA_DESK_LIBSECRET names one that is not there) the keyring is
 * reported missing, in words that say what to install, even with the keyring running: in a
 * process of its own, as libsecret is opened once per process. */
static void
test_without_libsecret (void)
{
  const char *url = "https://prices.example.no/list.json";
  g_autoptr(SsaCredentials) bearer = ssa_credentials_new_bearer ("token");

  if (g_test_subprocess ())
    {
      g_autoptr(GError) lookup_error = NULL;
      g_autoptr(GError) store_error = NULL;
      g_autoptr(GError) clear_error = NULL;

      g_assert_null (lookup (url, &lookup_error));
      g_assert_false (store (url, bearer, &store_error));
      g_assert_false (clear (url, &clear_error));
      g_test_message ("%s", lookup_error->message);
      g_assert_nonnull (strstr (lookup_error->message, "cannot be read"));
      g_assert_nonnull (strstr (store_error->message, "cannot be saved"));
      g_assert_nonnull (strstr (clear_error->message, "cannot be removed"));
      const GError *all[] = { lookup_error, store_error, clear_error };

      for (guint i = 0; i < G_N_ELEMENTS (all); i++)
        {
          const GError *e = all[i];

          g_assert_error (e, SSA_CREDENTIALS_ERROR, SSA_CREDENTIALS_ERROR_NO_KEYRING);
          g_assert_nonnull (strstr (e->message, url));
          g_assert_nonnull (strstr (e->message, "libsecret"));
          g_assert_nonnull (strstr (e->message, g_getenv ("SSA_DESK_LIBSECRET")));
          g_assert_nonnull (strstr (e->message, "libsecret-1-0"));
          g_assert_null (strchr (e->message, '\n'));
        }
      return;
    }

  /* The keyring of the tests before, when gnome-keyring-daemon could be started. */
  ensure_bus ();
  g_setenv ("SSA_DESK_LIBSECRET", "/nonexistent/libsecret-1.so.0", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("SSA_DESK_LIBSECRET");
  g_test_trap_assert_passed ();

  /* With libsecret the same keyring answers. */
  if (keyring_daemon != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SsaCredentials) found = NULL;

      g_assert_true (store (url, bearer, &error));
      g_assert_no_error (error);
      found = lookup (url, &error);
      g_assert_no_error (error);
      g_assert_nonnull (found);
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/values", test_values);
  /* In this order: without a bus, on a bus without a keyring, then with one. */
  g_test_add_func ("/credentials/no-session-bus", test_no_session_bus);
  g_test_add_func ("/credentials/no-secret-service", test_no_secret_service);
  g_test_add_func ("/credentials/update-without-keyring", test_update_without_keyring);
  g_test_add_func ("/credentials/keyring", test_keyring);
  g_test_add_func ("/credentials/team-password", test_team_password);
  g_test_add_func ("/credentials/update-with-keyring", test_update_with_keyring);
  g_test_add_func ("/credentials/without-libsecret", test_without_libsecret);

  status = g_test_run ();

  /* Whatever libsecret may still hold of the private bus goes before the bus does. */
  secret_service_disconnect ();
  while (g_main_context_iteration (NULL, FALSE))
    ;
  stop_keyring ();
  stop_bus ();
  if (test_bus_dir != NULL)
    {
      test_remove_tree (test_bus_dir);
      g_free (test_bus_dir);
    }
  return status;
}
