/* test-send.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sending an offer and the renewal reminder, against stand-ins for the desktop's services
 * (tests/mock-desktop.py) on a private session bus (GTestDBus): the e-mail portal
 * (org.freedesktop.portal.Email) and GTK's notification server (org.gtk.Notifications).
 * The offers are made by the built ssa-desk-cli on a real SQLite file; the drafts it and the
 * window write are read back by Python's email package (tests/eml-check.py).
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sqlite3.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-cli-util.h"
#include <adwaita.h>

#include "ssa-date.h"
#include "ssa-decimal.h"
#include "ssa-offer-send.h"
#include "ssa-offers-page.h"
#include "ssa-preferences.h"
#include "ssa-refresh.h"
#include "ssa-repository.h"
#include "ssa-application.h"
#include "ssa-renewal-reminder.h"
#include "ssa-window.h"

#define TYPE_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static char *home;          /* HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME and Documents */
static char *documents;
static GTestDBus *kept_bus;

typedef struct
{
  char *dir;
  char *db;
  char *number;
  char *valid_until;        /* the offer's akseptfrist, ISO */
  char *total;              /* "4106.95" */
} Fixture;

/* Runs ssa-desk-cli on the fixture's database; "@D/" starts a path in its folder. */
static char *
expand (gconstpointer  fixture,
        const char    *arg)
{
  const Fixture *f = fixture;

  if (g_str_equal (arg, "@DB"))
    return g_strdup (f->db);
  if (g_str_has_prefix (arg, "@D/"))
    return g_build_filename (f->dir, arg + 3, NULL);
  if (g_str_has_prefix (arg, "@S/"))
    return test_cli_source_path ("data", "sample-installations", arg + 3, NULL);
  return g_strdup (arg);
}

#define RUN(f, run, ...) \
  run_cli ((f), (run), (const char *[]) { __VA_ARGS__, NULL })

static void
run_cli (Fixture     *f,
         TestCliRun  *run,
         const char **args)
{
  g_autofree char *cli = test_cli_path ();
  g_autoptr(GPtrArray) argv = test_cli_build_argv (cli, args, expand, f);
  g_autoptr(GError) error = NULL;

  test_cli_spawn (f->dir, argv, NULL, NULL, NULL, 40, run, &error);
  g_assert_no_error (error);
}

static void
db_exec (Fixture    *f,
         const char *sql)
{
  sqlite3 *handle = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->db, &handle), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 10000);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, &message), ==, SQLITE_OK);
  sqlite3_close (handle);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) offers = NULL;
  JsonObject *offer;

  f->dir = g_dir_make_tmp ("test-send-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "ssa.db", NULL);

  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json");
  g_assert_cmpint (run.status, ==, 0);
  db_exec (f, "UPDATE profile SET company_name = 'Nordlys Telekom AS', "
              "email = 'salg@nordlys.example', org_no = '988077917'");
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1");
  g_assert_cmpint (run.status, ==, 0);
  f->number = g_strdup (g_strstrip (run.out));

  RUN (f, &run, "--db", "@DB", "offers", "--json");
  g_assert_cmpint (run.status, ==, 0);
  offers = parse_json (run.out);
  offer = json_array_get_object_element (json_node_get_array (offers), 0);
  g_assert_cmpstr (json_object_get_string_member (offer, "number"), ==, f->number);
  f->valid_until = g_strdup (json_object_get_string_member (offer, "valid_until"));
  f->total = g_strdup (json_object_get_string_member (offer, "total"));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->number);
  g_free (f->valid_until);
  g_free (f->total);
}

/* What the message must name: the offer's total and akseptfrist as a Bokmål document
 * writes them. */
static char *
expected_total (Fixture *f)
{
  gint64 total;

  g_assert_true (ssa_decimal_parse (f->total, &total, NULL));
  return ssa_money_format (total, "NOK", SSA_LANG_NB);
}

static char *
expected_deadline (Fixture *f)
{
  GDate date;

  g_assert_true (ssa_date_parse (f->valid_until, &date, NULL));
  return ssa_date_format (&date, SSA_LANG_NB);
}

/* The mocks. */

typedef struct
{
  GSubprocess *process;
  char        *record;
} Mock;

static gboolean
name_has_owner (const char *name)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", name), G_VARIANT_TYPE ("(b)"),
                                       G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  g_assert_nonnull (reply);
  g_variant_get (reply, "(b)", &owned);
  return owned;
}

/* Starts the mock, or returns FALSE (and the test skips) without python3-dbus. */
static gboolean
mock_start (Mock       *mock,
            const char *mode,
            const char *dir)
{
  g_autofree char *script = test_cli_source_path ("tests", "mock-desktop.py", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;

  mock->record = g_build_filename (dir, "record.json", NULL);
  const char *python = g_getenv ("SSA_DESK_TEST_PYTHON");

  mock->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                    python != NULL ? python : "python3", script,
                                    mode, mock->record, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (mock->process));
  line = g_data_input_stream_read_line (out, NULL, NULL, NULL);
  if (g_strcmp0 (line, "ready") != 0)
    {
      g_subprocess_wait (mock->process, NULL, NULL);
      g_clear_object (&mock->process);
      g_clear_pointer (&mock->record, g_free);
      g_test_skip ("The mock desktop service did not start: python3-dbus missing?");
      return FALSE;
    }
  return TRUE;
}

static void
mock_stop (Mock       *mock,
           const char *name)
{
  if (mock->process != NULL)
    {
      g_subprocess_send_signal (mock->process, SIGTERM);
      g_subprocess_wait (mock->process, NULL, NULL);
      g_clear_object (&mock->process);
    }
  /* The bus lets the name go when it sees the process gone. */
  for (guint i = 0; i < 200 && name_has_owner (name); i++)
    g_usleep (10000);
  g_assert_false (name_has_owner (name));
  g_clear_pointer (&mock->record, g_free);
}

static JsonArray *
mock_calls (Mock *mock)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_true (g_file_get_contents (mock->record, &text, NULL, NULL));
  root = parse_json (text);
  return json_array_ref (json_node_get_array (root));
}

/* Waits for an async call to finish. */
static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* Sending */

static void
assert_attachment (JsonArray  *attachments,
                   guint       i,
                   const char *name,
                   const char *head)
{
  JsonObject *attachment = json_array_get_object_element (attachments, i);

  g_assert_cmpstr (json_object_get_string_member (attachment, "name"), ==, name);
  g_assert_cmpstr (json_object_get_string_member (attachment, "head"), ==, head);
  g_assert_cmpint (json_object_get_int_member (attachment, "size"), >, 1000);
}

static void
test_portal (Fixture       *f,
             gconstpointer  data)
{
  Mock mock = { 0, };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) draft = NULL;
  g_autoptr(JsonArray) calls = NULL;
  g_autofree char *total = expected_total (f);
  g_autofree char *deadline = expected_deadline (f);
  g_autofree char *pdf = g_strdup_printf ("SSA-tilbud %s.pdf", f->number);
  g_autofree char *xlsx = g_strdup_printf ("SSA-tilbud %s.xlsx", f->number);
  JsonObject *call;
  JsonArray *addresses;
  SsaOfferSendWay way = SSA_OFFER_SEND_DRAFT;
  const char *subject, *body;

  if (!mock_start (&mock, "portal", f->dir))
    return;

  ssa_offer_send_async (NULL, f->db, f->number, TRUE, NULL, store_result_cb, &result);
  g_assert_true (ssa_offer_send_finish (wait_result (&result), &way, &draft, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (way, ==, SSA_OFFER_SEND_PORTAL);
  g_assert_null (draft);

  /* Without the workbook: the PDF only. */
  ssa_offer_send_async (NULL, f->db, f->number, FALSE, NULL, store_result_cb, &result2);
  g_assert_true (ssa_offer_send_finish (wait_result (&result2), &way, NULL, NULL, &error));
  g_assert_no_error (error);

  calls = mock_calls (&mock);
  g_assert_cmpuint (json_array_get_length (calls), ==, 2);
  call = json_array_get_object_element (calls, 0);
  addresses = json_object_get_array_member (call, "addresses");
  g_assert_cmpuint (json_array_get_length (addresses), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (addresses, 0), ==, "ola.haugen@example.no");
  subject = json_object_get_string_member (call, "subject");
  body = json_object_get_string_member (call, "body");
  g_test_message ("subject: %s", subject);
  g_assert_true (g_str_has_prefix (subject, "Tilbud på SSA "));
  g_assert_nonnull (strstr (subject, f->number));
  g_assert_nonnull (strstr (subject, total));
  g_assert_nonnull (strstr (subject, deadline));
  g_assert_nonnull (strstr (body, "Hei Ola Haugen,"));
  g_assert_nonnull (strstr (body, f->number));
  g_assert_nonnull (strstr (body, total));
  g_assert_nonnull (strstr (body, deadline));
  g_assert_nonnull (strstr (body, "Nordlys Telekom AS"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (call, "attachments")),
                    ==, 2);
  assert_attachment (json_object_get_array_member (call, "attachments"), 0, pdf, "%PDF");
  assert_attachment (json_object_get_array_member (call, "attachments"), 1, xlsx, "PK\x03\x04");

  call = json_array_get_object_element (calls, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (call, "attachments")),
                    ==, 1);
  assert_attachment (json_object_get_array_member (call, "attachments"), 0, pdf, "%PDF");

  mock_stop (&mock, "org.freedesktop.portal.Desktop");
}

static JsonObject *
check_eml (Fixture    *f,
           const char *path,
           const char *folder)
{
  g_autofree char *script = test_cli_source_path ("tests", "eml-check.py", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_ptr_array_add (argv, (gpointer) "python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (gpointer) path);
  if (folder != NULL)
    g_ptr_array_add (argv, (gpointer) folder);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (f->dir, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL,
                               NULL, &run.out, &run.err, &run.status, &error));
  g_assert_no_error (error);
  if (run.err != NULL && run.err[0] != '\0')
    g_test_message ("eml-check: %s", run.err);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  return json_object_ref (json_node_get_object (root));
}

static void
assert_message (Fixture    *f,
                JsonObject *message,
                guint       n_attachments)
{
  g_autofree char *total = expected_total (f);
  g_autofree char *deadline = expected_deadline (f);
  JsonArray *to = json_object_get_array_member (message, "to");
  JsonArray *attachments = json_object_get_array_member (message, "attachments");
  const char *types[] = { "application/pdf", TYPE_XLSX };
  const char *heads[] = { "%PDF", "PK\x03\x04" };

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (message, "defects")),
                    ==, 0);
  g_assert_cmpuint (json_array_get_length (to), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (to, 0), ==, "ola.haugen@example.no");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (message,
                                                                                "to_names"),
                                                  0), ==, "Ola Haugen");
  g_assert_cmpstr (json_object_get_string_member (message, "x_unsent"), ==, "1");
  g_assert_cmpstr (json_object_get_string_member (message, "content_type"), ==,
                   "multipart/mixed");
  g_assert_nonnull (strstr (json_object_get_string_member (message, "subject"), f->number));
  g_assert_nonnull (strstr (json_object_get_string_member (message, "subject"), deadline));
  g_assert_nonnull (strstr (json_object_get_string_member (message, "body"), total));
  g_assert_nonnull (strstr (json_object_get_string_member (message, "body"), "Akseptfrist"));
  g_assert_cmpstr (json_object_get_string_member (message, "body_charset"), ==, "utf-8");
  g_assert_cmpuint (json_array_get_length (attachments), ==, n_attachments);
  for (guint i = 0; i < n_attachments; i++)
    {
      JsonObject *attachment = json_array_get_object_element (attachments, i);

      g_assert_cmpstr (json_object_get_string_member (attachment, "type"), ==, types[i]);
      g_assert_cmpstr (json_object_get_string_member (attachment, "head"), ==, heads[i]);
    }
}

/* No portal answers: the draft goes to Documents. */
static void
test_draft (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) draft = NULL;
  g_autoptr(JsonObject) message = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  SsaOfferSendWay way = SSA_OFFER_SEND_PORTAL;
  gboolean opened = FALSE;

  g_assert_false (name_has_owner ("org.freedesktop.portal.Desktop"));
  ssa_offer_send_async (NULL, f->db, f->number, TRUE, NULL, store_result_cb, &result);
  g_assert_true (ssa_offer_send_finish (wait_result (&result), &way, &draft, &opened, &error));
  g_assert_no_error (error);
  g_assert_cmpint (way, ==, SSA_OFFER_SEND_DRAFT);
  /* Opened with the default program for message/rfc822: the test's own. */
  g_assert_true (opened);
  g_assert_nonnull (draft);
  path = g_file_get_path (draft);
  expected = g_strdup_printf ("%s/SSA-tilbud %s.eml", documents, f->number);
  g_assert_cmpstr (path, ==, expected);

  message = check_eml (f, path, NULL);
  assert_message (f, message, 2);
  g_unlink (path);
}

/* offer export --eml: the same message, with the documents `offer export` writes. */
static void
test_cli_eml (Fixture       *f,
              gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonObject) message = NULL;
  g_autofree char *eml = g_build_filename (f->dir, "offer.eml", NULL);
  g_autofree char *attached = g_build_filename (f->dir, "attached", NULL);
  g_autofree char *attached_pdf = NULL;
  g_autofree char *exported_pdf = g_build_filename (f->dir, "exported.pdf", NULL);
  g_autofree char *text_attached = NULL;
  g_autofree char *text_exported = NULL;
  const char *pdftotext[] = { "pdftotext", "-layout", NULL, "-", NULL };

  RUN (f, &run, "--db", "@DB", "offer", "export", f->number, "--eml", "@D/offer.eml",
       "--attach-xlsx", "--pdf", "@D/exported.pdf");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (g_mkdir (attached, 0700), ==, 0);
  message = check_eml (f, eml, attached);
  assert_message (f, message, 2);

  /* The attached PDF is the exported one. */
  attached_pdf = g_strdup_printf ("%s/SSA-tilbud %s.pdf", attached, f->number);
  pdftotext[2] = attached_pdf;
  if (g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH |
                    G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &text_attached, NULL, NULL, NULL))
    {
      pdftotext[2] = exported_pdf;
      g_assert_true (g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH, NULL,
                                   NULL, &text_exported, NULL, NULL, NULL));
      g_assert_cmpstr (text_attached, ==, text_exported);
      g_assert_nonnull (strstr (text_attached, "Nordlys Telekom AS"));
    }
}

/* The PDF alone, to standard output. */
static void
test_cli_eml_pdf_only (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonObject) pdf_only = NULL;

  RUN (f, &run, "--db", "@DB", "offer", "export", f->number, "--eml", "@D/pdf-only.eml");
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *path = g_build_filename (f->dir, "pdf-only.eml", NULL);

    pdf_only = check_eml (f, path, NULL);
  }
  assert_message (f, pdf_only, 1);
}

/* Refused and malformed. */
static void
test_cli_eml_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };

  RUN (f, &run, "--db", "@DB", "offer", "export", f->number, "--attach-xlsx", "--pdf",
       "@D/x.pdf");
  g_assert_cmpint (run.status, ==, 2);
  RUN (f, &run, "--db", "@DB", "offer", "export", f->number, "--eml", "@DB");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
}

/* An offer with alternatives names each one's total, in the subject and the body. */
static void
test_cli_eml_alternatives (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonObject) alternatives = NULL;
  g_autofree char *number = NULL;
  g_autofree char *path = g_build_filename (f->dir, "alternatives.eml", NULL);
  const char *body;

  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--alternative",
       "months=36");
  g_assert_cmpint (run.status, ==, 0);
  number = g_strdup (g_strstrip (run.out));
  RUN (f, &run, "--db", "@DB", "offer", "export", number, "--eml", "@D/alternatives.eml");
  g_assert_cmpint (run.status, ==, 0);
  alternatives = check_eml (f, path, NULL);
  body = json_object_get_string_member (alternatives, "body");
  g_assert_nonnull (strstr (body, "(Alternativ 1), "));
  g_assert_nonnull (strstr (body, "(Alternativ 2)"));
  g_assert_nonnull (strstr (json_object_get_string_member (alternatives, "subject"),
                            "(Alternativ 2)"));
}

/* A customer without e-mail: the draft has no recipient, and the user is told. */
static void
test_cli_eml_no_recipient (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };

  db_exec (f, "UPDATE customers SET email = NULL");
  RUN (f, &run, "--db", "@DB", "offer", "export", f->number, "--eml", "@D/no-to.eml");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "no e-mail address"));
}

/* The window: the register's "Send by E-mail…", its question, and "Mark as Sent". */

static gboolean have_display;

static void
spin_until (gboolean (*done) (gpointer),
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

static gboolean
repository_loaded (gpointer data)
{
  return ssa_repository_get_loaded (data);
}

static gboolean
model_has_items (gpointer data)
{
  return g_list_model_get_n_items (data) > 0;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

static gboolean
mock_called (gpointer data)
{
  Mock *mock = data;
  g_autoptr(JsonArray) calls = mock_calls (mock);

  return json_array_get_length (calls) > 0;
}

typedef struct
{
  Fixture    *f;
  const char *status;
} StatusWait;

static gboolean
offer_has_status (gpointer data)
{
  StatusWait *wait = data;
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) offers = NULL;

  RUN (wait->f, &run, "--db", "@DB", "offers", "--json");
  offers = parse_json (run.out);
  return g_strcmp0 (json_object_get_string_member (
                      json_array_get_object_element (json_node_get_array (offers), 0),
                      "stored_status"), wait->status) == 0;
}

static void
test_offers_page (Fixture       *f,
                  gconstpointer  data)
{
  Mock mock = { 0, };
  g_autoptr(SsaRepository) repository = NULL;
  g_autoptr(JsonArray) calls = NULL;
  GtkWindow *window;
  GtkWidget *overlay, *page, *check;
  GtkSingleSelection *selection;
  AdwMessageDialog *dialog;
  StatusWait wait = { f, "sent" };
  JsonObject *call;

  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }
  if (!mock_start (&mock, "portal", f->dir))
    return;

  repository = ssa_repository_new (f->db);
  ssa_repository_load_async (repository, NULL, NULL, NULL);
  spin_until (repository_loaded, repository);

  window = GTK_WINDOW (gtk_window_new ());
  overlay = adw_toast_overlay_new ();
  page = ssa_offers_page_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  gtk_window_set_child (window, overlay);
  gtk_window_present (window);
  ssa_offers_page_set_repository (SSA_OFFERS_PAGE (page), repository);
  selection = GTK_SINGLE_SELECTION (gtk_widget_get_template_child (page, SSA_TYPE_OFFERS_PAGE,
                                                                   "selection"));
  spin_until (model_has_items, selection);
  gtk_single_selection_set_selected (selection, 0);

  /* The button's action asks first; the workbook is chosen in the question. */
  g_assert_true (gtk_widget_activate_action (page, "offers.send", NULL));
  spin_until (dialog_shown, NULL);
  dialog = find_dialog ();
  check = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  adw_message_dialog_response (dialog, "send");

  spin_until (mock_called, &mock);
  calls = mock_calls (&mock);
  g_assert_cmpuint (json_array_get_length (calls), ==, 1);
  call = json_array_get_object_element (calls, 0);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (call,
                                                                                "addresses"),
                                                  0), ==, "ola.haugen@example.no");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (call, "attachments")),
                    ==, 2);

  /* The toast's "Mark as Sent" names the offer it was sent for. */
  g_assert_true (offer_has_status (&(StatusWait) { f, "draft" }));
  g_assert_true (gtk_widget_activate_action (page, "offers.mark-sent", "s", f->number));
  spin_until (offer_has_status, &wait);

  gtk_window_destroy (window);
  mock_stop (&mock, "org.freedesktop.portal.Desktop");
}

/* The reminder window in Preferences is the setting the reminder reads. */
static void
test_preferences (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = ssa_refresh_dup_settings ();
  SsaPreferences *preferences;
  GtkSpinButton *spin;

  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }
  g_assert_nonnull (settings);
  g_assert_cmpuint (g_settings_get_uint (settings, "reminder-days"), ==, 60);

  preferences = ssa_preferences_new (NULL, f->db);
  spin = GTK_SPIN_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                         SSA_TYPE_PREFERENCES,
                                                         "reminder_spin"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 60);
  gtk_spin_button_set_value (spin, 30);
  g_assert_cmpuint (g_settings_get_uint (settings, "reminder-days"), ==, 30);
  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "reminder-days"), ==, 0);
  gtk_window_destroy (GTK_WINDOW (preferences));
  g_settings_reset (settings, "reminder-days");
}

/* Reminders */

/* The rows of `renewals --json` that end today or later, and of `offers --due --json`, as
 * the command line counts them on @today; `renewals --reminders --json` holds both. */
static void
cli_counts (Fixture    *f,
            const char *today,
            guint       within,
            guint      *n_renewals,
            guint      *n_offers)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *days = g_strdup_printf ("%u", within);
  g_autoptr(JsonNode) renewals = NULL;
  g_autoptr(JsonNode) due = NULL;
  g_autoptr(JsonNode) both = NULL;
  JsonArray *rows;

  RUN (f, &run, "--db", "@DB", "renewals", "--json", "--within", days, "--today", today);
  g_assert_cmpint (run.status, ==, 0);
  renewals = parse_json (run.out);
  rows = json_node_get_array (renewals);
  *n_renewals = 0;
  for (guint i = 0; i < json_array_get_length (rows); i++)
    if (json_object_get_int_member (json_array_get_object_element (rows, i), "days") >= 0)
      (*n_renewals)++;

  RUN (f, &run, "--db", "@DB", "offers", "--due", "--json", "--today", today);
  g_assert_cmpint (run.status, ==, 0);
  due = parse_json (run.out);
  *n_offers = json_array_get_length (json_node_get_array (due));

  /* Both lists in one: `renewals --reminders --json` says the same. */
  RUN (f, &run, "--db", "@DB", "renewals", "--reminders", "--json", "--within", days,
       "--today", today);
  g_assert_cmpint (run.status, ==, 0);
  both = parse_json (run.out);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (both), "within_days"), ==,
                   within);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (both),
                                                                         "renewals")),
                    ==, *n_renewals);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (both),
                                                                         "offers_due")),
                    ==, *n_offers);
}

/* offers --due on the edges of the three days, and renewals --json. */
static void
test_cli_due (Fixture       *f,
              gconstpointer  data)
{
  GDate valid_until, day;
  struct { int offset; guint due; } cases[] = { { -4, 0 }, { -3, 1 }, { 0, 1 }, { 1, 0 } };
  g_auto(TestCliRun) run = { 0, };

  g_assert_true (ssa_date_parse (f->valid_until, &valid_until, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *today = NULL;
      guint n_renewals, n_offers;

      day = valid_until;
      ssa_date_add_days (&valid_until, cases[i].offset, &day);
      today = ssa_date_to_iso (&day);
      cli_counts (f, today, 60, &n_renewals, &n_offers);
      g_test_message ("%s: %u due", today, n_offers);
      g_assert_cmpuint (n_offers, ==, cases[i].due);
    }

  /* A sent offer is due too; an accepted one is not. */
  {
    g_autofree char *today = NULL;
    guint n_renewals, n_offers;

    ssa_date_add_days (&valid_until, -1, &day);
    today = ssa_date_to_iso (&day);
    RUN (f, &run, "--db", "@DB", "offer", "status", f->number, "sent");
    g_assert_cmpint (run.status, ==, 0);
    cli_counts (f, today, 60, &n_renewals, &n_offers);
    g_assert_cmpuint (n_offers, ==, 1);
    RUN (f, &run, "--db", "@DB", "offers", "--due", "--today", today);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, f->number));
    RUN (f, &run, "--db", "@DB", "offer", "status", f->number, "accepted");
    g_assert_cmpint (run.status, ==, 0);
    cli_counts (f, today, 60, &n_renewals, &n_offers);
    g_assert_cmpuint (n_offers, ==, 0);
  }
}

static void
test_next_day (void)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) late = g_date_time_new (utc, 2026, 12, 6, 23, 59, 30);
  g_autoptr(GDateTime) early = g_date_time_new (utc, 2026, 12, 31, 0, 0, 0);

  g_assert_cmpuint (ssa_renewal_reminder_seconds_to_next_day (late), ==, 90);
  g_assert_cmpuint (ssa_renewal_reminder_seconds_to_next_day (early), ==, 24 * 3600 + 60);
}

static void
activate_cb (GApplication *application)
{
}

/* Today (@out_today): two days before the offer's akseptfrist; a second installation's
 * SSA ends 45 days later, within the 60 days; the lapsed one has ended and does not count.
 * The command line's counts (@out_renewals, @out_offers) are one of each. Returns an
 * application registered on the test's bus. */
static GApplication *
reminder_set_up (Fixture *f,
                 GDate   *out_today,
                 guint   *out_renewals,
                 guint   *out_offers)
{
  GApplication *app;
  g_autoptr(GError) error = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *expiry = NULL;
  g_autofree char *sql = NULL;
  GDate valid_until, today, ssa_end;
  guint cli_renewals = 0, cli_offers = 0;

  g_assert_true (ssa_date_parse (f->valid_until, &valid_until, NULL));
  ssa_date_add_days (&valid_until, -2, &today);
  ssa_date_add_days (&today, 45, &ssa_end);
  today_iso = ssa_date_to_iso (&today);
  expiry = ssa_date_to_iso (&ssa_end);
  {
    g_auto(TestCliRun) run = { 0, };

    RUN (f, &run, "--db", "@DB", "import", "@S/renewal-in-time.json");
    g_assert_cmpint (run.status, ==, 0);
  }
  sql = g_strdup_printf ("UPDATE installations SET ssa_expiry = '%s' WHERE id = 2", expiry);
  db_exec (f, sql);
  cli_counts (f, today_iso, 60, &cli_renewals, &cli_offers);
  g_assert_cmpuint (cli_renewals, ==, 1);
  g_assert_cmpuint (cli_offers, ==, 1);

  app = g_application_new ("io.github.ssadesk.SsaDesk.Test", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);
  *out_today = today;
  *out_renewals = cli_renewals;
  *out_offers = cli_offers;
  return app;
}

/* The notification server's calls, once it has @n of them (the calls are asynchronous). */
static JsonArray *
wait_for_calls (Mock *mock,
                guint n)
{
  JsonArray *calls = NULL;

  for (guint i = 0; i < 500; i++)
    {
      g_clear_pointer (&calls, json_array_unref);
      g_main_context_iteration (NULL, FALSE);
      calls = mock_calls (mock);
      if (json_array_get_length (calls) >= n)
        break;
      g_usleep (10000);
    }
  return calls;
}

/* No notification server on the bus: counted, nothing sent, and no warning (which would
 * end this test). */
static void
test_notification_no_server (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_renewals = 0, n_offers = 0, cli_renewals = 0, cli_offers = 0;
  GDate today;
  g_autoptr(GApplication) app = reminder_set_up (f, &today, &cli_renewals, &cli_offers);

  g_assert_false (name_has_owner ("org.gtk.Notifications"));
  {
    g_autoptr(GAsyncResult) quiet = NULL;

    ssa_renewal_reminder_check_async (app, f->db, &today, 60, NULL, store_result_cb, &quiet);
    g_assert_true (ssa_renewal_reminder_check_finish (wait_result (&quiet), &n_renewals,
                                                      &n_offers, &error));
    g_assert_cmpuint (n_renewals, ==, cli_renewals);
    g_assert_cmpuint (n_offers, ==, cli_offers);
  }
}

/* The notification, through GApplication's notification API to org.gtk.Notifications,
 * and withdrawn when nothing is due a year later. */
static void
test_notification (Fixture       *f,
                   gconstpointer  data)
{
  Mock mock = { 0, };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) result2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) calls = NULL;
  g_autofree char *renewals_text = NULL;
  g_autofree char *offers_text = NULL;
  GDate today, far;
  guint n_renewals = 0, n_offers = 0, cli_renewals = 0, cli_offers = 0;
  JsonObject *call, *notification;
  const char *body;
  g_autoptr(GApplication) app = reminder_set_up (f, &today, &cli_renewals, &cli_offers);

  if (!mock_start (&mock, "notifications", f->dir))
    return;

  ssa_renewal_reminder_check_async (app, f->db, &today, 60, NULL, store_result_cb, &result);
  g_assert_true (ssa_renewal_reminder_check_finish (wait_result (&result), &n_renewals,
                                                    &n_offers, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_renewals, ==, cli_renewals);
  g_assert_cmpuint (n_offers, ==, cli_offers);

  /* Nothing due a year later: the notification is withdrawn. */
  ssa_date_add_days (&today, 400, &far);
  ssa_renewal_reminder_check_async (app, f->db, &far, 60, NULL, store_result_cb, &result2);
  g_assert_true (ssa_renewal_reminder_check_finish (wait_result (&result2), &n_renewals,
                                                    &n_offers, &error));
  g_assert_cmpuint (n_renewals + n_offers, ==, 0);

  calls = wait_for_calls (&mock, 2);
  g_assert_cmpuint (json_array_get_length (calls), ==, 2);

  call = json_array_get_object_element (calls, 0);
  g_assert_cmpstr (json_object_get_string_member (call, "method"), ==, "AddNotification");
  g_assert_cmpstr (json_object_get_string_member (call, "app_id"), ==,
                   "io.github.ssadesk.SsaDesk.Test");
  g_assert_cmpstr (json_object_get_string_member (call, "id"), ==, SSA_RENEWAL_REMINDER_ID);
  notification = json_object_get_object_member (call, "notification");
  g_assert_cmpstr (json_object_get_string_member (notification, "title"), ==,
                   "SSA Renewals Due");
  body = json_object_get_string_member (notification, "body");
  g_test_message ("body: %s", body);
  renewals_text = g_strdup_printf ("%u SSA ends within 60 days.", cli_renewals);
  offers_text = g_strdup_printf ("The acceptance deadline of %u offer passes within 3 days.",
                                 cli_offers);
  g_assert_nonnull (strstr (body, renewals_text));
  g_assert_nonnull (strstr (body, offers_text));
  g_assert_cmpstr (json_object_get_string_member (notification, "default-action"), ==,
                   "app.show-view");
  g_assert_cmpstr (json_object_get_string_member (notification, "default-action-target"), ==,
                   "renewals");

  call = json_array_get_object_element (calls, 1);
  g_assert_cmpstr (json_object_get_string_member (call, "method"), ==, "RemoveNotification");
  g_assert_cmpstr (json_object_get_string_member (call, "id"), ==, SSA_RENEWAL_REMINDER_ID);

  mock_stop (&mock, "org.gtk.Notifications");
}

static gboolean
has_calls (gpointer data)
{
  g_autoptr(JsonArray) calls = mock_calls (data);

  return json_array_get_length (calls) > 0;
}

/* The fixture's installations' SSA ends in 59 days: inside the reminder's default 60. */
static void
end_ssa_in_59_days (Fixture *f)
{
  g_autofree char *expiry = NULL;
  g_autofree char *sql = NULL;
  GDate today, ssa_end;

  ssa_date_today (&today);
  ssa_date_add_days (&today, 59, &ssa_end);
  expiry = ssa_date_to_iso (&ssa_end);
  sql = g_strdup_printf ("UPDATE installations SET ssa_expiry = '%s'", expiry);
  db_exec (f, sql);
}

/* When the window starts: the reminder checks at once, with the setting's window (60 days
 * by default), counting from the real today. */
static void
test_on_start (Fixture       *f,
               gconstpointer  data)
{
  Mock mock = { 0, };
  g_autoptr(GApplication) app = NULL;
  g_autoptr(SsaRenewalReminder) reminder = NULL;
  g_autoptr(JsonArray) calls = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *notification;

  end_ssa_in_59_days (f);

  if (!mock_start (&mock, "notifications", f->dir))
    return;
  app = g_application_new ("io.github.ssadesk.SsaDesk.Test2", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_assert_true (g_application_register (app, NULL, &error));
  g_assert_no_error (error);

  reminder = ssa_renewal_reminder_new (app, f->db);
  spin_until (has_calls, &mock);
  calls = mock_calls (&mock);
  g_assert_cmpuint (json_array_get_length (calls), ==, 1);
  notification = json_object_get_object_member (json_array_get_object_element (calls, 0),
                                                "notification");
  g_test_message ("body: %s", json_object_get_string_member (notification, "body"));
  /* The offer's deadline is 30 days away: only the SSA is due. */
  g_assert_cmpstr (json_object_get_string_member (notification, "body"), ==,
                   "1 SSA ends within 60 days.");
  g_clear_pointer (&reminder, ssa_renewal_reminder_free);
  mock_stop (&mock, "org.gtk.Notifications");
}

/* The application's reminder waits for the window: its first check (which reads every
 * installation's SSA) starts once the window has read the database, painted it and run its
 * own start-up check, not while the window is being mapped (docs/window.md, "Start-up"); it
 * then notifies as before. */
typedef struct
{
  Mock      *mock;
  gboolean   checked;          /* the window's start-up check was over */
  guint      calls_at_checked; /* the notifications sent by then */
  gboolean   notified;
} AppRun;

static void
app_window_checked_cb (GObject    *window,
                       GParamSpec *pspec,
                       AppRun     *run)
{
  g_autoptr(JsonArray) calls = NULL;

  if (run->checked || !ssa_window_get_checked (SSA_WINDOW (window)))
    return;
  run->checked = TRUE;
  calls = mock_calls (run->mock);
  run->calls_at_checked = json_array_get_length (calls);
}

static gboolean
app_body_cb (gpointer data)
{
  GApplication *app = data;
  AppRun *run = g_object_get_data (G_OBJECT (app), "run");
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_assert_true (SSA_IS_WINDOW (window));
  if (ssa_window_get_checked (SSA_WINDOW (window)))
    app_window_checked_cb (G_OBJECT (window), NULL, run);
  else
    g_signal_connect (window, "notify::checked", G_CALLBACK (app_window_checked_cb), run);
  spin_until (has_calls, run->mock);
  run->notified = TRUE;
  g_signal_handlers_disconnect_by_func (window, app_window_checked_cb, run);
  gtk_window_destroy (window);
  return G_SOURCE_REMOVE;
}

static void
app_activated_cb (GApplication *app)
{
  g_idle_add (app_body_cb, app);
}

static void
test_after_window (Fixture       *f,
                   gconstpointer  data)
{
  Mock mock = { 0, };
  AppRun run = { &mock, FALSE, 0, FALSE };
  g_autoptr(GApplication) app = NULL;
  g_autoptr(JsonArray) calls = NULL;
  char *argv[] = { (char *) "ssa-desk", NULL };

  if (!have_display)
    {
      g_test_skip ("No display");
      return;
    }
  end_ssa_in_59_days (f);
  if (!mock_start (&mock, "notifications", f->dir))
    return;

  g_setenv ("SSA_DESK_DB", f->db, TRUE);
  app = G_APPLICATION (ssa_application_new ());
  g_application_set_flags (app, G_APPLICATION_NON_UNIQUE);
  g_object_set_data (G_OBJECT (app), "run", &run);
  g_signal_connect_after (app, "activate", G_CALLBACK (app_activated_cb), NULL);
  g_assert_cmpint (g_application_run (app, 1, argv), ==, 0);
  g_unsetenv ("SSA_DESK_DB");

  g_assert_true (run.notified);
  g_assert_true (run.checked);
  g_assert_cmpuint (run.calls_at_checked, ==, 0);
  calls = mock_calls (&mock);
  g_assert_cmpuint (json_array_get_length (calls), ==, 1);
  mock_stop (&mock, "org.gtk.Notifications");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTestDBus) bus = NULL;
  g_autofree char *config = NULL;
  g_autofree char *dirs = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *display = NULL;
  int status;

  /* A home of the test's own, with a Documents folder, set before GLib reads it. */
  home = g_dir_make_tmp ("test-send-home-XXXXXX", NULL);
  g_assert_nonnull (home);
  documents = g_build_filename (home, "Documents", NULL);
  config = g_build_filename (home, "config", NULL);
  cache = g_build_filename (home, "cache", NULL);
  g_mkdir (documents, 0700);
  g_mkdir (config, 0700);
  dirs = g_build_filename (config, "user-dirs.dirs", NULL);
  {
    g_autofree char *text = g_strdup_printf ("XDG_DOCUMENTS_DIR=\"%s\"\n", documents);

    g_assert_true (g_file_set_contents (dirs, text, -1, NULL));
  }
  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  /* The default mail program is the test's own, which does nothing (`true`): no real one
   * opens the drafts. */
  {
    g_autofree char *data_home = g_build_filename (home, "data", NULL);
    g_autofree char *apps = g_build_filename (data_home, "applications", NULL);
    g_autofree char *desktop = g_build_filename (apps, "ssa-test-mail.desktop", NULL);
    g_autofree char *mimeapps = g_build_filename (config, "mimeapps.list", NULL);

    g_mkdir_with_parents (apps, 0700);
    g_assert_true (g_file_set_contents (desktop,
                                        "[Desktop Entry]\nType=Application\nName=Test Mail\n"
                                        "Exec=true %u\nMimeType=message/rfc822;\n", -1, NULL));
    g_assert_true (g_file_set_contents (mimeapps,
                                        "[Default Applications]\n"
                                        "message/rfc822=ssa-test-mail.desktop\n", -1, NULL));
    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  }
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_init (&argc, &argv, NULL);

  /* A private session bus: the mocks own their names there only. */
  /* GTestDBus unsets DISPLAY (so that no X11 autolaunch finds a bus): keep it for GTK. */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  /* After the bus: GTK connects to the session bus as it starts. */
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();

  g_test_add ("/send/portal", Fixture, NULL, fixture_set_up, test_portal, fixture_tear_down);
  g_test_add ("/send/draft", Fixture, NULL, fixture_set_up, test_draft, fixture_tear_down);
  g_test_add ("/send/cli-eml", Fixture, NULL, fixture_set_up, test_cli_eml, fixture_tear_down);
  g_test_add ("/send/cli-eml/pdf-only", Fixture, NULL, fixture_set_up, test_cli_eml_pdf_only,
              fixture_tear_down);
  g_test_add ("/send/cli-eml/refused", Fixture, NULL, fixture_set_up, test_cli_eml_refused,
              fixture_tear_down);
  g_test_add ("/send/cli-eml/alternatives", Fixture, NULL, fixture_set_up,
              test_cli_eml_alternatives, fixture_tear_down);
  g_test_add ("/send/cli-eml/no-recipient", Fixture, NULL, fixture_set_up,
              test_cli_eml_no_recipient, fixture_tear_down);
  g_test_add ("/send/offers-page", Fixture, NULL, fixture_set_up, test_offers_page,
              fixture_tear_down);
  g_test_add ("/send/preferences", Fixture, NULL, fixture_set_up, test_preferences,
              fixture_tear_down);
  g_test_add ("/reminders/on-start", Fixture, NULL, fixture_set_up, test_on_start,
              fixture_tear_down);
  g_test_add ("/reminders/cli-due", Fixture, NULL, fixture_set_up, test_cli_due,
              fixture_tear_down);
  g_test_add_func ("/reminders/next-day", test_next_day);
  g_test_add ("/reminders/notification", Fixture, NULL, fixture_set_up, test_notification,
              fixture_tear_down);
  g_test_add ("/reminders/after-window", Fixture, NULL, fixture_set_up, test_after_window,
              fixture_tear_down);
  g_test_add ("/reminders/notification/no-server", Fixture, NULL, fixture_set_up,
              test_notification_no_server, fixture_tear_down);

  status = g_test_run ();
  /* GTK keeps its connection to the bus to the end, which g_test_dbus_down() would wait
   * for in vain: then GTestDBus's watcher process stops the daemon as the test exits (the
   * object stays reachable, for the leak check). */
  if (have_display)
    kept_bus = g_steal_pointer (&bus);
  else
    g_test_dbus_down (bus);
  remove_tree (home);
  return status;
}
