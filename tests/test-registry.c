/* test-registry.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <libsoup/soup.h>

#include "ssa-error.h"
#include "ssa-registry.h"

/* The company registry lookup against a real SoupServer on 127.0.0.1 (in its own thread)
 * that answers in Enhetsregisteret's JSON shape, and with the faults: 404, HTML, a body that
 * is not the registry's JSON, and a server that never answers. Also `customer lookup`. */

#define UNIT_OK        "923609016"
#define UNIT_POSTAL    "914778271"
#define UNIT_MISSING   "971526920"
#define UNIT_HTML      "982463718"
#define UNIT_NOT_JSON  "889640782"
#define UNIT_HUNG      "810305282"

static const char unit_ok[] =
  "{\"organisasjonsnummer\":\"923609016\",\"navn\":\"EQUINOR ASA\","
  "\"organisasjonsform\":{\"kode\":\"ASA\",\"beskrivelse\":\"Allmennaksjeselskap\"},"
  "\"forretningsadresse\":{\"land\":\"Norge\",\"landkode\":\"NO\",\"postnummer\":\"4035\","
  "\"poststed\":\"STAVANGER\",\"adresse\":[\"Forusbeen 50\"],\"kommune\":\"STAVANGER\"},"
  "\"registrertIMvaregisteret\":true,\"naeringskode1\":{\"kode\":\"06.100\"}}";

static const char unit_postal[] =
  "{\"organisasjonsnummer\":\"914778271\",\"navn\":\"Foreningen Ærlig Øl\","
  "\"organisasjonsform\":{\"kode\":\"FLI\"},"
  "\"postadresse\":{\"postnummer\":\"0150\",\"poststed\":\"OSLO\","
  "\"adresse\":[\"c/o Hansen\",\"Postboks 12\"]},"
  "\"registrertIMvaregisteret\":false}";

static guint requests;
static GMutex requests_lock;
static char *last_path;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *number = strrchr (path, '/') + 1;

  g_mutex_lock (&requests_lock);
  requests++;
  g_free (last_path);
  last_path = g_strdup (path);
  g_mutex_unlock (&requests_lock);

  if (g_str_equal (number, UNIT_OK))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, unit_ok,
                                      strlen (unit_ok));
  else if (g_str_equal (number, UNIT_POSTAL))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                      unit_postal, strlen (unit_postal));
  else if (g_str_equal (number, UNIT_HTML))
    soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                      "<html><body>Vedlikehold</body></html>", 37);
  else if (g_str_equal (number, UNIT_NOT_JSON))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                      "[1, 2, 3]", 9);
  else if (g_str_equal (number, UNIT_HUNG))
    {
      soup_server_message_pause (msg);
      return;
    }
  else
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static GMainContext *server_context;
static GMainLoop *server_loop;

static gpointer
server_thread (gpointer data)
{
  /* The server's connections attach to the thread-default context of the thread that
   * accepts them: this one, so that the server answers while the test blocks. */
  g_main_context_push_thread_default (server_context);
  g_main_loop_run (server_loop);
  g_main_context_pop_thread_default (server_context);
  return NULL;
}

static char *
start_server (void)
{
  g_autoptr(GError) error = NULL;
  SoupServer *server;
  GSList *uris;
  char *base;

  server_context = g_main_context_new ();
  server_loop = g_main_loop_new (server_context, FALSE);
  g_main_context_push_thread_default (server_context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/enheter", handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  g_main_context_pop_thread_default (server_context);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d/enheter", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_thread_unref (g_thread_new ("server", server_thread, NULL));
  return base;
}

typedef struct
{
  SsaRegistryUnit *unit;
  GError          *error;
  gboolean         done;
} Result;

static void
on_lookup (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Result *result = user_data;

  result->unit = ssa_registry_lookup_finish (res, &result->error);
  result->done = TRUE;
}

static void
lookup (const char   *org_no,
        GCancellable *cancellable,
        Result       *result)
{
  memset (result, 0, sizeof *result);
  ssa_registry_lookup_async (org_no, cancellable, on_lookup, result);
  while (!result->done)
    g_main_context_iteration (NULL, TRUE);
  if (result->error != NULL)
    g_test_message ("%s", result->error->message);
}

static guint
n_requests (void)
{
  guint n;

  g_mutex_lock (&requests_lock);
  n = requests;
  g_mutex_unlock (&requests_lock);
  return n;
}

static void
test_found (void)
{
  Result r;
  guint before;

  ssa_registry_clear_cache ();
  before = n_requests ();
  lookup (UNIT_OK, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.unit->name, ==, "EQUINOR ASA");
  g_assert_cmpstr (r.unit->org_form, ==, "ASA");
  g_assert_cmpstr (r.unit->address, ==, "Forusbeen 50, 4035 STAVANGER");
  g_assert_true (r.unit->vat_registered);
  g_assert_cmpuint (n_requests (), ==, before + 1);
  /* Only the number goes out, in the path. */
  g_mutex_lock (&requests_lock);
  g_assert_cmpstr (last_path, ==, "/enheter/" UNIT_OK);
  g_mutex_unlock (&requests_lock);
  ssa_registry_unit_free (r.unit);

  /* The second lookup is answered from the session's cache. */
  lookup (UNIT_OK, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.unit->name, ==, "EQUINOR ASA");
  g_assert_cmpuint (n_requests (), ==, before + 1);
  ssa_registry_unit_free (r.unit);

  lookup (UNIT_POSTAL, NULL, &r);
  g_assert_no_error (r.error);
  g_assert_cmpstr (r.unit->name, ==, "Foreningen Ærlig Øl");
  g_assert_cmpstr (r.unit->address, ==, "c/o Hansen, Postboks 12, 0150 OSLO");
  g_assert_false (r.unit->vat_registered);
  ssa_registry_unit_free (r.unit);
}

static void
assert_refused (const char *org_no,
                const char *expected)
{
  Result r;

  lookup (org_no, NULL, &r);
  g_assert_null (r.unit);
  g_assert_error (r.error, SSA_ERROR, SSA_ERROR_INVALID);
  g_assert_nonnull (strstr (r.error->message, expected));
  g_error_free (r.error);
}

static void
test_faults (void)
{
  assert_refused (UNIT_MISSING, "has no unit with organisation number " UNIT_MISSING);
  assert_refused (UNIT_HTML, "did not answer with the company registry's JSON");
  assert_refused (UNIT_NOT_JSON, "did not answer with the company registry's JSON");
  assert_refused ("123456789", "is not a valid organisation number");
}

static gboolean
cancel_soon (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r;

  g_timeout_add (200, cancel_soon, cancellable);
  lookup (UNIT_HUNG, cancellable, &r);
  g_assert_null (r.unit);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_error_free (r.error);
}

static void
test_hung (void)
{
  g_autoptr(GTimer) timer = g_timer_new ();

  assert_refused (UNIT_HUNG, "did not answer within 10 seconds");
  g_assert_cmpfloat (g_timer_elapsed (timer, NULL), <, SSA_REGISTRY_TIMEOUT + 5);
}

static char *
run_cli (int   *status,
         char **err,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (char *) g_getenv ("SSA_DESK_CLI"));
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, err, status, &error));
  g_assert_no_error (error);
  g_test_message ("%s%s", out, *err);
  return out;
}

static void
test_cli (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;
  guint before = n_requests ();

  if (g_getenv ("SSA_DESK_CLI") == NULL)
    {
      g_test_skip ("SSA_DESK_CLI is not set");
      return;
    }

  /* Without --online nothing is sent. */
  out = run_cli (&status, &err, "customer", "lookup", "923 609 016", NULL);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "add --online"));
  g_assert_cmpuint (n_requests (), ==, before);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli (&status, &err, "customer", "lookup", "--online", "923 609 016", NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "EQUINOR ASA\nOrg. no. 923 609 016 MVA\nOrganisational form: ASA\n"
                   "Forusbeen 50, 4035 STAVANGER\nRegistered for VAT\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli (&status, &err, "customer", "lookup", "--online", "--json", UNIT_POSTAL, NULL);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (out, "\"vat_registered\" : false"));
  g_assert_nonnull (strstr (out, "\"address\" : \"c/o Hansen, Postboks 12, 0150 OSLO\""));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  out = run_cli (&status, &err, "customer", "lookup", "--online", UNIT_HTML, NULL);
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "did not answer with the company registry's JSON"));
  g_assert_cmpstr (out, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Without libsoup (opened on first use, not linked): refused in words that say what to
   * install, and nothing is sent. */
  before = n_requests ();
  g_setenv ("SSA_DESK_LIBSOUP", "/nonexistent/libsoup-3.0.so.0", TRUE);
  out = run_cli (&status, &err, "customer", "lookup", "--online", "923 609 016", NULL);
  g_unsetenv ("SSA_DESK_LIBSOUP");
  g_assert_false (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (err, "/nonexistent/libsoup-3.0.so.0"));
  g_assert_nonnull (strstr (err, "libsoup-3.0-0"));
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (n_requests (), ==, before);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *base = NULL;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  base = start_server ();
  /* Before the tests start threads of their own (the server's thread only runs its loop). */
  g_setenv ("SSA_DESK_REGISTRY_URL", base, TRUE);

  g_test_add_func ("/registry/found", test_found);
  g_test_add_func ("/registry/faults", test_faults);
  g_test_add_func ("/registry/cancel", test_cancel);
  g_test_add_func ("/registry/hung", test_hung);
  g_test_add_func ("/registry/cli", test_cli);

  return g_test_run ();
}
