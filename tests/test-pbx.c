/* test-pbx.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ssa-db-inventory.h"
#include "ssa-db-licences.h"
#include "ssa-db.h"
#include "ssa-pbx.h"

#include "test-cli-util.h"
#include "test-fetch-certs.h"
#include "test-util.h"

/* Reading a live PBX against a real SoupServer on 127.0.0.1 with a self-signed certificate
 * and Digest auth, serving mod_cmd_login.xml bodies in the documented shape and the faults
 * a PBX or a wrong address gives: 401, 404, HTML, a hung and a trickling connection, a
 * changed certificate. Readings stored by the command line are read back from the
 * database. */

#define USER "admin"
#define PASSWORD "ip811-secret"

typedef struct
{
  SoupServer *server;
  char       *base;
  char       *fingerprint;   /* of the server's certificate */
  char       *body;          /* the recorded answer */
  gsize       body_length;
  GPtrArray  *paused;        /* messages held open */
  char       *dir;
  char       *db_path;
  char       *last_scheme;   /* the Authorization scheme of the last answered request */
} Fixture;

static char *
pem_fingerprint (const char *pem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_autoptr(GByteArray) der = NULL;

  g_assert_no_error (error);
  g_object_get (certificate, "certificate", &der, NULL);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}

static char *
digest_password_cb (SoupAuthDomain    *domain,
                    SoupServerMessage *msg,
                    const char        *username,
                    gpointer           user_data)
{
  if (g_strcmp0 (username, USER) != 0)
    return NULL;
  return soup_auth_domain_digest_encode_password (USER, "innovaphone", PASSWORD);
}

static gboolean
basic_password_cb (SoupAuthDomain    *domain,
                   SoupServerMessage *msg,
                   const char        *username,
                   const char        *password,
                   gpointer           user_data)
{
  return g_strcmp0 (username, USER) == 0 && g_strcmp0 (password, PASSWORD) == 0;
}

static void
login_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Fixture *f = user_data;
  const char *authorization = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization");

  g_free (f->last_scheme);
  f->last_scheme = authorization != NULL ? g_strndup (authorization, strcspn (authorization, " "))
                                         : NULL;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_COPY, f->body, f->body_length);
}

static void
html_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  static const char page[] = "<!DOCTYPE html><html><body><p>Router login</p></body></html>";

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, page, strlen (page));
}

static void
hang_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;

  /* Never answered: held until the fixture goes. */
  g_ptr_array_add (f->paused, g_object_ref (msg));
  soup_server_message_pause (msg);
}

static gboolean
trickle_cb (gpointer data)
{
  SoupServerMessage *msg = data;

  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                            " ", 1);
  soup_server_message_unpause (msg);
  return G_SOURCE_CONTINUE;
}

static void
trickle_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  Fixture *f = user_data;
  guint id;

  /* A byte every 200 ms, for ever: each read is quick, the whole never ends. */
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "text/xml", NULL);
  soup_message_body_append (soup_server_message_get_response_body (msg), SOUP_MEMORY_STATIC,
                            "<info>", 6);
  id = g_timeout_add_full (G_PRIORITY_DEFAULT, 200, trickle_cb, g_object_ref (msg),
                           g_object_unref);
  g_object_set_data_full (G_OBJECT (msg), "trickle", GUINT_TO_POINTER (id),
                          (GDestroyNotify) (void (*) (void)) g_source_remove);
  g_ptr_array_add (f->paused, g_object_ref (msg));
}

static void
start_server (Fixture    *f,
              const char *pem,
              const char *prefix)
{
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupAuthDomain) domain = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *login_path = g_strconcat (prefix, SSA_PBX_PATH, NULL);
  GSList *uris;

  certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  f->server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_listen (f->server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);

  domain = soup_auth_domain_digest_new ("realm", "innovaphone", NULL);
  soup_auth_domain_digest_set_auth_callback (domain, digest_password_cb, NULL, NULL);
  soup_auth_domain_add_path (domain, "/");
  soup_auth_domain_remove_path (domain, "/basic");
  soup_server_add_auth_domain (f->server, domain);
  g_clear_object (&domain);
  /* An older PBX asks for Basic. */
  domain = soup_auth_domain_basic_new ("realm", "innovaphone", NULL);
  soup_auth_domain_basic_set_auth_callback (domain, basic_password_cb, NULL, NULL);
  soup_auth_domain_add_path (domain, "/basic");
  soup_server_add_auth_domain (f->server, domain);
  soup_server_add_handler (f->server, "/basic" SSA_PBX_PATH, login_cb, f, NULL);

  soup_server_add_handler (f->server, "/ok" SSA_PBX_PATH, login_cb, f, NULL);
  soup_server_add_handler (f->server, "/html" SSA_PBX_PATH, html_cb, f, NULL);
  soup_server_add_handler (f->server, "/hang" SSA_PBX_PATH, hang_cb, f, NULL);
  soup_server_add_handler (f->server, "/trickle" SSA_PBX_PATH, trickle_handler, f, NULL);

  uris = soup_server_get_uris (f->server);
  f->base = g_strdup_printf ("https://127.0.0.1:%d%s", g_uri_get_port (uris->data), prefix);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  f->fingerprint = pem_fingerprint (pem);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "pbx", "mod_cmd_login-13r3.xml",
                                                 NULL);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &f->body, &f->body_length, &error);
  g_assert_no_error (error);
  f->paused = g_ptr_array_new_with_free_func (g_object_unref);
  f->dir = g_dir_make_tmp ("test-pbx-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "ssa-desk.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->server != NULL)
    soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  /* A trickling answer's timeout holds its message, whose data removes the timeout only
   * when the message goes: removed here, or it would go on writing to a message of a
   * server that is gone in the main loop of the cases that follow. */
  for (guint i = 0; i < f->paused->len; i++)
    g_object_set_data (g_ptr_array_index (f->paused, i), "trickle", NULL);
  g_clear_pointer (&f->paused, g_ptr_array_unref);
  g_free (f->base);
  g_free (f->fingerprint);
  g_free (f->body);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->last_scheme);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Reads @path of the test server; returns the reading or NULL with @error, and the
 * fingerprint the server showed. */
static SsaPbxReading *
read_pbx (Fixture     *f,
          const char  *prefix,
          const char  *password,
          const char  *pinned,
          const char  *accept,
          gboolean     trust_first_use,
          guint        timeout,
          char       **out_presented,
          GError     **error)
{
  g_autofree char *url = g_strdup_printf ("%s%s/", f->base, prefix);
  SsaPbxRequest request = { url, USER, password, pinned, accept, trust_first_use, timeout, NULL };
  GAsyncResult *result = NULL;
  SsaPbxReading *reading;

  ssa_pbx_read_async (&request, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reading = ssa_pbx_read_finish (result, error);
  if (out_presented != NULL)
    *out_presented = ssa_pbx_read_dup_fingerprint (result);
  g_object_unref (result);
  return reading;
}

static void
test_read_first_use (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;
  const SsaPbxLicence *licence;

  start_server (f, test_self_signed_pem, "");
  reading = read_pbx (f, "/ok", PASSWORD, NULL, NULL, TRUE, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reading->licences->len, ==, 4);
  licence = &g_array_index (reading->licences, SsaPbxLicence, 0);
  g_assert_cmpstr (licence->name, ==, "Port");
  g_assert_cmpint (licence->count, ==, 20);
  g_assert_cmpint (licence->used, ==, 17);
  licence = &g_array_index (reading->licences, SsaPbxLicence, 2);
  g_assert_cmpint (licence->used, >, licence->count);
  g_assert_cmpstr (reading->firmware, ==, "13r3 sr14 [13.7052]");
  g_assert_cmpint (reading->rental_seconds, ==, 5184000);
  g_assert_cmpstr (reading->fingerprint, ==, f->fingerprint);
  g_assert_cmpstr (f->last_scheme, ==, "Digest");
  g_clear_pointer (&reading, ssa_pbx_reading_free);

  /* Basic instead of Digest: answered the same way; a wrong password is refused. */
  reading = read_pbx (f, "/basic", PASSWORD, f->fingerprint, NULL, FALSE, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reading->licences->len, ==, 4);
  g_assert_cmpstr (f->last_scheme, ==, "Basic");
  g_clear_pointer (&reading, ssa_pbx_reading_free);
  reading = read_pbx (f, "/basic", "wrong", f->fingerprint, NULL, FALSE, 5, NULL, &error);
  g_assert_error (error, SSA_PBX_ERROR, SSA_PBX_ERROR_AUTH);
}

static void
test_certificate_pinned (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;
  g_autofree char *other = pem_fingerprint (test_good_pem);
  g_autofree char *presented = NULL;

  start_server (f, test_self_signed_pem, "");

  /* The pinned certificate: read. */
  reading = read_pbx (f, "/ok", PASSWORD, f->fingerprint, NULL, FALSE, 5, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reading, ssa_pbx_reading_free);

  /* Another certificate was pinned: refused in words, naming both fingerprints. */
  reading = read_pbx (f, "/ok", PASSWORD, other, NULL, TRUE, 5, &presented, &error);
  g_assert_null (reading);
  g_assert_error (error, SSA_PBX_ERROR, SSA_PBX_ERROR_CERTIFICATE_CHANGED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, f->fingerprint));
  g_assert_nonnull (strstr (error->message, other));
  g_assert_nonnull (strstr (error->message, "--accept-certificate"));
  g_assert_cmpstr (presented, ==, f->fingerprint);
  g_clear_error (&error);

  /* Accepted by the user: read. */
  reading = read_pbx (f, "/ok", PASSWORD, other, f->fingerprint, FALSE, 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reading->fingerprint, ==, f->fingerprint);
  g_clear_pointer (&reading, ssa_pbx_reading_free);

  /* Nothing pinned and no trust on first use (the window asks first): refused. */
  reading = read_pbx (f, "/ok", PASSWORD, NULL, NULL, FALSE, 5, NULL, &error);
  g_assert_error (error, SSA_PBX_ERROR, SSA_PBX_ERROR_CERTIFICATE_UNKNOWN);
}

typedef struct
{
  const char *prefix;
  const char *password;
  guint       timeout;
  int         code;
  const char *words;
} FaultCase;

static void
test_fault (Fixture       *f,
            gconstpointer  data)
{
  const FaultCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;
  gint64 begin;

  start_server (f, test_self_signed_pem, "");
  begin = g_get_monotonic_time ();
  reading = read_pbx (f, c->prefix, c->password, f->fingerprint, NULL, FALSE, c->timeout, NULL,
                      &error);
  g_assert_null (reading);
  g_test_message ("%s", error->message);
  g_assert_error (error, SSA_PBX_ERROR, c->code);
  g_assert_nonnull (strstr (error->message, c->words));
  /* Within the timeout (and a margin), never hanging. */
  g_assert_cmpint (g_get_monotonic_time () - begin, <, (c->timeout + 3) * G_USEC_PER_SEC);
}

static const FaultCase fault_cases[] = {
  { "/ok", "wrong", 5, SSA_PBX_ERROR_AUTH, "refused the login" },
  { "/ok", NULL, 5, SSA_PBX_ERROR_AUTH, "needs a login" },
  { "/missing", PASSWORD, 5, SSA_PBX_ERROR_HTTP_STATUS, "404" },
  { "/html", PASSWORD, 5, SSA_PBX_ERROR_NOT_XML, "HTML" },
  { "/hang", PASSWORD, 1, SSA_PBX_ERROR_TIMEOUT, "within 1 second" },
  { "/trickle", PASSWORD, 1, SSA_PBX_ERROR_TIMEOUT, "within 1 second" },
};

static void
test_answer_refused (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "pbx",
                                                 "mod_cmd_login-bad-count.xml", NULL);
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;
  gsize length;

  g_file_get_contents (path, &body, &length, &error);
  g_assert_no_error (error);
  reading = ssa_pbx_reading_new_from_data (body, length, "pbx", &error);
  g_assert_null (reading);
  g_assert_error (error, SSA_PBX_ERROR, SSA_PBX_ERROR_NOT_XML);
  g_assert_nonnull (strstr (error->message, "“twenty”"));
  g_clear_error (&error);

  reading = ssa_pbx_reading_new_from_data ("<info><lic", 10, "pbx", &error);
  g_assert_error (error, SSA_PBX_ERROR, SSA_PBX_ERROR_NOT_XML);
}

/* One licence name listed twice: one licence with both counts, as stored; counts that add
 * up past the limit are refused in words rather than by the database's CHECK. */
static void
test_answer_same_name_twice (void)
{
  static const char twice[] =
    "<info version=\"13r3\"><lic name=\"Port\" count=\"20\" used=\"7\"/>"
    "<lic name=\"Reg\" count=\"5\" used=\"5\"/>"
    "<lic name=\"Port\" count=\"4\" used=\"1\"/></info>";
  static const char too_many[] =
    "<info><lic name=\"Port\" count=\"1000000\" used=\"0\"/>"
    "<lic name=\"Port\" count=\"1\" used=\"0\"/></info>";
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;
  const SsaPbxLicence *port;

  reading = ssa_pbx_reading_new_from_data (twice, strlen (twice), "pbx", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reading->licences->len, ==, 2);
  port = &g_array_index (reading->licences, SsaPbxLicence, 0);
  g_assert_cmpstr (port->name, ==, "Port");
  g_assert_cmpint (port->count, ==, 24);
  g_assert_cmpint (port->used, ==, 8);
  g_clear_pointer (&reading, ssa_pbx_reading_free);

  reading = ssa_pbx_reading_new_from_data (too_many, strlen (too_many), "pbx", &error);
  g_assert_null (reading);
  g_assert_error (error, SSA_PBX_ERROR, SSA_PBX_ERROR_NOT_XML);
  g_assert_nonnull (strstr (error->message, "“Port”"));
  g_assert_nonnull (strstr (error->message, "1000000"));
}

/* The command line: the login from the environment, the reading stored and read back; a
 * changed certificate refused with nothing stored until accepted. */

static void
run_cli (Fixture     *f,
         TestCliRun  *run,
         const char  *password,
         const char  *first,
         ...)
{
  g_autofree char *cli = test_cli_path ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  va_list args;

  envp = g_environ_setenv (envp, "SSA_DESK_PBX_USER", USER, TRUE);
  envp = g_environ_setenv (envp, "SSA_DESK_PBX_PASSWORD", password, TRUE);
  g_ptr_array_add (argv, g_strdup (cli));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (f->db_path));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  /* The server answers on this process's main loop: the command runs beside it. */
  {
    g_autoptr(GSubprocessLauncher) launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
    g_autoptr(GSubprocess) process = NULL;
    GAsyncResult *result = NULL;

    g_subprocess_launcher_set_environ (launcher, envp);
    g_subprocess_launcher_set_cwd (launcher, f->dir);
    process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8_async (process, NULL, NULL, done_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    test_cli_run_clear (run);
    g_subprocess_communicate_utf8_finish (process, result, &run->out, &run->err, &error);
    g_object_unref (result);
    g_assert_no_error (error);
    run->status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process)
                                                        : -1;
    g_test_message ("exit %d", run->status);
    test_cli_log_output ("stdout", run->out, 40);
    test_cli_log_output ("stderr", run->err, 40);
  }
}

static gint64
make_installation (Fixture *f)
{
  static const char json[] = "{\"format\":\"ssa-desk-installation/1\",\"deployment\":\"appliance\","
                             "\"name\":\"Leie\",\"firmware\":\"14r2\",\"licenses\":["
                             "{\"code\":\"02-00039-002\",\"quantity\":15},"
                             "{\"code\":\"02-00040-001\",\"quantity\":3}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (f->db_path, SSA_DB_OPEN_DEFAULT, &error);
  g_autoptr(SsaInventory) inventory = ssa_inventory_new_from_data (json, strlen (json), "t",
                                                                   &error);
  gint64 id = 0;

  g_assert_no_error (error);
  ssa_db_import_inventories (db, &inventory, NULL, 1, &id, &error);
  g_assert_no_error (error);
  return id;
}

static SsaPbxReading *
stored_reading (Fixture *f,
                gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (f->db_path, SSA_DB_OPEN_READ_ONLY, &error);
  SsaPbxReading *reading;

  g_assert_no_error (error);
  reading = ssa_db_load_pbx_reading (db, id, NULL, &error);
  g_assert_no_error (error);
  return reading;
}

/* An installation and a PBX on 127.0.0.1 with a self-signed certificate; read-pbx --dry-run
 * with its address prints the reading and stores nothing (but the address). Returns the
 * installation's id and sets @out_id_text. */
static gint64
cli_dry_run (Fixture  *f,
             char    **out_id_text)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *url = NULL;
  g_autofree char *id_text = NULL;
  gint64 id = make_installation (f);

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  start_server (f, test_self_signed_pem, "/ok");
  url = g_strdup (f->base);   /* https://127.0.0.1:PORT/ok: the admin path goes after it */

  /* --dry-run: printed, nothing stored. */
  run_cli (f, &run, PASSWORD, "read-pbx", "--installation", id_text, "--url", url, "--dry-run",
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Port"));
  g_assert_nonnull (strstr (run.out, "OVER-USED"));
  /* Used against owned: the PBX's names matched with the inventory's articles. */
  g_assert_nonnull (strstr (run.out, "Port: 17 used of 15 owned (over-use: 2 missing)"));
  g_assert_nonnull (strstr (run.out, "Voicemail: 5 used of 0 owned (over-use: 5 missing)"));
  g_assert_nonnull (strstr (run.out, "App(innovaphone-working): 0 used of 3 owned (3 unused)"));
  g_assert_null (stored_reading (f, id));
  *out_id_text = g_steal_pointer (&id_text);
  return id;
}

/* read-pbx stores the reading, pinned to the certificate's fingerprint; returns it. */
static char *
cli_read_and_store (Fixture    *f,
                    gint64      id,
                    const char *id_text)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(SsaPbxReading) reading = NULL;

  run_cli (f, &run, PASSWORD, "read-pbx", "--installation", id_text, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, f->fingerprint));
  reading = stored_reading (f, id);
  g_assert_nonnull (reading);
  g_assert_cmpuint (reading->licences->len, ==, 4);
  g_assert_cmpstr (g_array_index (reading->licences, SsaPbxLicence, 0).name, ==, "Port");
  g_assert_cmpint (g_array_index (reading->licences, SsaPbxLicence, 0).used, ==, 17);
  g_assert_cmpint (reading->rental_seconds, ==, 5184000);
  g_assert_cmpstr (reading->firmware, ==, "13r3 sr14 [13.7052]");
  g_assert_cmpstr (reading->fingerprint, ==, f->fingerprint);
  g_clear_pointer (&reading, ssa_pbx_reading_free);
  return g_strdup (f->fingerprint);
}

/* --dry-run: printed, nothing stored. */
static void
test_cli_read_pbx (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *id_text = NULL;

  cli_dry_run (f, &id_text);
}

/* A wrong password: refused, nothing stored. */
static void
test_cli_wrong_password (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *id_text = NULL;
  gint64 id = cli_dry_run (f, &id_text);

  run_cli (f, &run, "wrong", "read-pbx", "--installation", id_text, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "refused the login"));
  g_assert_null (stored_reading (f, id));
}

static void
test_cli_stored (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *id_text = NULL;
  gint64 id = cli_dry_run (f, &id_text);
  g_autofree char *first = cli_read_and_store (f, id, id_text);
}

/* Without libsoup or without libxml2 (SSA_DESK_LIBSOUP, SSA_DESK_LIBXML2 naming one that is
 * not there) read-pbx fails in words that say what to install, and stores nothing: both are
 * opened on first use, not linked. */
static void
test_cli_without_libraries (Fixture       *f,
                            gconstpointer  data)
{
  static const struct { const char *variable, *file, *library, *package; } missing[] = {
    { "SSA_DESK_LIBSOUP", "libsoup-3.0.so.0", "libsoup", "libsoup-3.0-0" },
    { "SSA_DESK_LIBXML2", "libxml2.so.2", "libxml2", "package libxml2" },
  };
  g_autofree char *id_text = NULL;
  gint64 id = cli_dry_run (f, &id_text);

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_auto(TestCliRun) run = { 0, };
      g_autofree char *file = g_build_filename (f->dir, missing[i].file, NULL);

      g_setenv (missing[i].variable, file, TRUE);
      run_cli (f, &run, PASSWORD, "read-pbx", "--installation", id_text, NULL);
      g_unsetenv (missing[i].variable);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, missing[i].library));
      g_assert_nonnull (strstr (run.err, file));
      g_assert_nonnull (strstr (run.err, missing[i].package));
      g_assert_null (stored_reading (f, id));
    }
  g_free (cli_read_and_store (f, id, id_text));
}

/* Rental time left: the installation is a rental one now, and never offered an SSA. */
static void
test_cli_rental (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = NULL;
  gint64 id = cli_dry_run (f, &id_text);
  g_autofree char *first = cli_read_and_store (f, id, id_text);

  {
    g_autoptr(SsaDb) db = ssa_db_open (f->db_path, SSA_DB_OPEN_READ_ONLY, &error);
    g_autoptr(SsaInventory) inventory = NULL;

    g_assert_no_error (error);
    inventory = ssa_db_load_inventory (db, id, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (inventory->deployment, ==, SSA_DEPLOYMENT_RENTAL);
    g_assert_cmpstr (inventory->firmware, ==, "13r3 sr14 [13.7052]");
  }
  run_cli (f, &run, PASSWORD, "offer", "create", "--installation", id_text, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "rent"));
}

/* The PBX gets another certificate at the same address: refused until accepted. */
static void
test_cli_certificate_changed (Fixture       *f,
                              gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(SsaPbxReading) reading = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other_url = NULL;
  g_autofree char *id_text = NULL;
  gint64 id = cli_dry_run (f, &id_text);
  g_autofree char *first = cli_read_and_store (f, id, id_text);

  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  g_clear_pointer (&f->base, g_free);
  g_clear_pointer (&f->fingerprint, g_free);
  start_server (f, test_good_pem, "/ok");
  other_url = g_strdup (f->base);
  /* Same host, another port: set the address, which forgets the pin… so pin the old one
   * again through the address it had, as the same PBX would keep its address. */
  {
    g_autoptr(SsaDb) db = ssa_db_open (f->db_path, SSA_DB_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_true (ssa_db_set_pbx_admin_url (db, id, other_url, &error));
    reading = ssa_pbx_reading_new_from_data (f->body, f->body_length, "t", &error);
    g_assert_no_error (error);
    reading->fingerprint = g_strdup (first);
    g_assert_true (ssa_db_store_pbx_reading (db, id, reading, &error));
    g_clear_pointer (&reading, ssa_pbx_reading_free);
  }

  run_cli (f, &run, PASSWORD, "read-pbx", "--installation", id_text, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "has changed"));
  g_assert_nonnull (strstr (run.err, f->fingerprint));
  reading = stored_reading (f, id);
  g_assert_cmpstr (reading->fingerprint, ==, first);
  g_clear_pointer (&reading, ssa_pbx_reading_free);

  run_cli (f, &run, PASSWORD, "read-pbx", "--installation", id_text, "--accept-certificate",
           f->fingerprint, NULL);
  g_assert_cmpint (run.status, ==, 0);
  reading = stored_reading (f, id);
  g_assert_cmpstr (reading->fingerprint, ==, f->fingerprint);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pbx/read/first-use", Fixture, NULL, fixture_set_up, test_read_first_use,
              fixture_tear_down);
  g_test_add ("/pbx/read/certificate-pinned", Fixture, NULL, fixture_set_up,
              test_certificate_pinned, fixture_tear_down);
  for (guint i = 0; i < G_N_ELEMENTS (fault_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pbx/fault%s-%s", fault_cases[i].prefix,
                                               fault_cases[i].password != NULL
                                               ? fault_cases[i].password : "no-login");

      g_test_add (path, Fixture, &fault_cases[i], fixture_set_up, test_fault,
                  fixture_tear_down);
    }
  g_test_add_func ("/pbx/answer-refused", test_answer_refused);
  g_test_add_func ("/pbx/answer-same-name-twice", test_answer_same_name_twice);
  g_test_add ("/pbx/cli/dry-run", Fixture, NULL, fixture_set_up, test_cli_read_pbx,
              fixture_tear_down);
  g_test_add ("/pbx/cli/wrong-password", Fixture, NULL, fixture_set_up, test_cli_wrong_password,
              fixture_tear_down);
  g_test_add ("/pbx/cli/stored", Fixture, NULL, fixture_set_up, test_cli_stored,
              fixture_tear_down);
  g_test_add ("/pbx/cli/without-libraries", Fixture, NULL, fixture_set_up,
              test_cli_without_libraries, fixture_tear_down);
  g_test_add ("/pbx/cli/rental", Fixture, NULL, fixture_set_up, test_cli_rental,
              fixture_tear_down);
  g_test_add ("/pbx/cli/certificate-changed", Fixture, NULL, fixture_set_up,
              test_cli_certificate_changed, fixture_tear_down);

  return g_test_run ();
}
