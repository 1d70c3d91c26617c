/* test-cli-db.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sqlite3.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "ssa-date.h"
#include "ssa-db.h"
#include "ssa-db-licences.h"
#include "ssa-pbx.h"

#include "test-cli-util.h"
#include "test-damage.h"
#include "test-util.h"

/* The commands on the app's database, run against the built ssa-desk-cli: a whole session
 * with the JSON shapes of docs/formats.md, exit statuses, a database from a newer version
 * left untouched, a read-only database and a full disk refused cleanly, several
 * processes creating offers at once while some are killed, without lost, duplicate or
 * missing numbers, `offer export` writing a stored offer's documents again (the same as
 * `offer create` wrote them, also from a read-only file, and after a failure to write them),
 * and the limits of ssa-limits.h. */

#define N_WAVES      10
#define PER_WAVE     6

typedef struct
{
  char *cli;
  char *samples;
  char *dir;        /* temporary; the database and inputs live here */
  char *db;
  char *data_home;  /* XDG_DATA_HOME for the commands */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->cli = test_cli_path ();
  g_assert_true (g_file_test (f->cli, G_FILE_TEST_IS_EXECUTABLE));
  f->samples = test_cli_source_path ("data", "sample-installations", NULL);

  f->dir = g_dir_make_tmp ("test-cli-db-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "desk.db", NULL);
  f->data_home = g_build_filename (f->dir, "data-home", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_chmod (f->dir, 0700);
  test_remove_tree (f->dir);
  g_free (f->cli);
  g_free (f->samples);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->data_home);
}

static char **
environment (const Fixture *f)
{
  char **envp = g_get_environ ();

  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", f->data_home, TRUE);
  /* Who the database records (the audit log, created_by and changed_by). */
  envp = g_environ_setenv (envp, "SSA_DESK_USER", "Kari Nordmann", TRUE);
  return envp;
}

/* "@S/name" is a sample installation, "@D/name" a file in the temporary folder, "@DB" the
 * database. */
static char *
expand (gconstpointer  fixture,
        const char    *arg)
{
  const Fixture *f = fixture;

  if (g_str_equal (arg, "@DB"))
    return g_strdup (f->db);
  if (g_str_equal (arg, "--db=@DB"))
    return g_strconcat ("--db=", f->db, NULL);
  if (g_str_has_prefix (arg, "@S/"))
    return g_build_filename (f->samples, arg + 3, NULL);
  if (g_str_has_prefix (arg, "@D/"))
    return g_build_filename (f->dir, arg + 3, NULL);
  return g_strdup (arg);
}

static GPtrArray *
build_argv (const Fixture      *f,
            const char * const *args)
{
  return test_cli_build_argv (f->cli, args, expand, f);
}

static void
run_full (const Fixture        *f,
          const char * const   *args,
          GSpawnChildSetupFunc  setup,
          gpointer              setup_data,
          TestCliRun           *run)
{
  g_autoptr(GPtrArray) argv = build_argv (f, args);
  g_auto(GStrv) envp = environment (f);
  g_autoptr(GError) error = NULL;

  /* The log keeps at most 40 lines of each output. */
  if (!test_cli_spawn (f->dir, argv, envp, setup, setup_data, 40, run, &error))
    {
      /* Only a command run as another user may fail to start (a build folder it cannot
       * enter): the caller skips. */
      g_assert_nonnull (setup);
      g_test_message ("could not run: %s", error->message);
      run->status = 125;
      run->out = g_strdup ("");
      run->err = g_strdup ("");
    }
}

#define RUN(f, run, ...) \
  G_STMT_START { \
    const char * const args_[] = { __VA_ARGS__, NULL }; \
    test_cli_run_clear (run); \
    run_full ((f), args_, NULL, NULL, (run)); \
  } G_STMT_END

/* Asserts a refusal: exit 1, nothing on stdout, every stderr line starting with @prefix
 * (when given) and one containing @needle. */
static void
assert_refused (const TestCliRun *run,
                const char       *needle)
{
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, needle));
}

static void
assert_usage (const TestCliRun *run)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpstr (run->err, !=, "");
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

static gint64
db_int (const char *path,
        const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return value;
}

static void
assert_integrity_ok (const char *path)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
}

static int
this_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now);
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  g_assert_true (json_object_has_member (object, name));
  return json_object_get_string_member (object, name);
}

/* A whole session, a step at a time: each case below repeats the steps before its own
 * (session_import (), session_create_offers (), session_accept ()) on a new database. */

/* The price list and three sample installations stored. */
static void
session_import (Fixture *f)
{
  g_auto(TestCliRun) run = { 0, };

  RUN (f, &run, "--db", "@DB", "price-list", "import", "@S/../sample-price-list.json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "already stored"));

  RUN (f, &run, "--db", "@DB", "import", "@S/renewal-in-time.json", "@S/lapsed.json",
       "@S/saas.json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "1\tHovedkontor Bergen\n"
                   "2\tKontor Trondheim\n"
                   "3\tinnovaphone Cloud (SaaS), Oslo\n");
}

/* Three offers: two for installation 1 (the third with its files) and one for 2. */
static void
session_create_offers (Fixture *f)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *second = g_strdup_printf ("%d-0002", this_year ());
  g_autofree char *first_line = g_strdup_printf ("%d-0001\n", this_year ());
  JsonObject *object;

  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today", "2026-11-28");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, first_line);

  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "2", "--today", "2026-11-28",
       "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (member_string (object, "format"), ==, "ssa-desk-offer/1");
  g_assert_cmpstr (member_string (object, "number"), ==, second);
  g_assert_cmpstr (member_string (json_object_get_object_member (object, "totals"), "total"), ==,
                   "3764.68");
  g_clear_pointer (&root, json_node_unref);

  /* The JSON file has the number too, stdout the number alone. (The workbook and the
   * printed offer are the documents' tests' business: the PDF's fonts are cached by
   * fontconfig for the process's life, which LeakSanitizer reports.) */
  {
    g_autofree char *third = g_strdup_printf ("%d-0003\n", this_year ());
    g_autofree char *json = NULL;
    g_autofree char *path = g_build_filename (f->dir, "offer.json", NULL);
    g_autofree char *xlsx_path = g_build_filename (f->dir, "offer.xlsx", NULL);

    RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today",
         "2026-11-28", "--json", "@D/offer.json", "--xlsx", "@D/offer.xlsx");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, third);
    g_assert_true (g_file_get_contents (path, &json, NULL, NULL));
    g_assert_nonnull (strstr (json, "\"number\" : \""));
    g_assert_true (g_file_test (xlsx_path, G_FILE_TEST_IS_REGULAR));
  }
}

/* The status rules on the first offer, revised as R2, which is sent and accepted. */
static void
session_accept (Fixture *f)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *first = g_strdup_printf ("%d-0001", this_year ());
  g_autofree char *revision = g_strdup_printf ("%d-0001-R2", this_year ());

  /* Status rules. */
  RUN (f, &run, "--db", "@DB", "offer", "status", first, "accepted");
  assert_refused (&run, "draft");
  RUN (f, &run, "--db", "@DB", "offer", "status", first, "sent");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "offer", "status", first, "sent");
  assert_refused (&run, "already");
  RUN (f, &run, "--db", "@DB", "offer", "status", first, "maybe");
  assert_refused (&run, "maybe");
  RUN (f, &run, "--db", "@DB", "offer", "revise", first, "--discount", "10",
       "--today", "2026-11-28");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (g_strstrip (run.out), ==, revision);
  RUN (f, &run, "--db", "@DB", "offer", "status", revision, "sent");
  RUN (f, &run, "--db", "@DB", "offer", "status", revision, "accepted");
  g_assert_cmpint (run.status, ==, 0);
  /* The confirmation names the offer it superseded (the third, a draft for installation 1). */
  {
    g_autofree char *expected = g_strdup_printf ("Offer %s is now accepted.\n"
                                                 "Offer %d-0003 is now superseded.\n",
                                                 revision, this_year ());

    g_assert_cmpstr (run.out, ==, expected);
  }
  RUN (f, &run, "--db", "@DB", "offer", "status", first, "accepted");
  assert_refused (&run, revision);
}

static void
test_session_installations (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *object;

  session_import (f);

  RUN (f, &run, "--db=@DB", "installations", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 1);
  g_assert_cmpstr (member_string (object, "name"), ==, "Hovedkontor Bergen");
  g_assert_cmpstr (member_string (object, "customer"), ==, "Bryggen Regnskap AS");
  g_assert_cmpstr (member_string (object, "deployment"), ==, "appliance");
  g_assert_cmpstr (member_string (object, "ssa_expiry"), ==, "2026-12-31");
  object = json_array_get_object_element (array, 2);
  g_assert_true (json_object_get_null_member (object, "ssa_expiry"));
  g_clear_pointer (&root, json_node_unref);

  /* A CSV licence list. */
  {
    g_autofree char *csv = g_build_filename (f->dir, "list.csv", NULL);

    g_assert_true (g_file_set_contents (csv, "Artikkelnummer;Antall\r\n02-00039-002;12\r\n"
                                        "02-00039-101;3\r\n", -1, NULL));
  }
  RUN (f, &run, "--db", "@DB", "import-csv", "--installation", "2", "@D/list.csv");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (db_int (f->db, "SELECT sum(quantity) FROM licences WHERE installation_id = 2"),
                   ==, 15);
}

static void
test_session_offers (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *first = g_strdup_printf ("%d-0001", this_year ());
  JsonArray *array;
  JsonObject *object;

  session_import (f);
  session_create_offers (f);

  /* SaaS: refused, no number taken. */
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "3");
  assert_refused (&run, "installation 3: deployment");
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "9");
  assert_refused (&run, "no installation with id 9");

  RUN (f, &run, "--db", "@DB", "offers", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpstr (member_string (object, "number"), ==, first);
  g_assert_cmpint (json_object_get_int_member (object, "installation"), ==, 1);
  g_assert_cmpstr (member_string (object, "status"), ==, "draft");
  g_assert_cmpstr (member_string (object, "total"), ==, "3114.79");
  g_assert_nonnull (member_string (object, "created"));
  g_assert_nonnull (member_string (object, "valid_until"));
  g_clear_pointer (&root, json_node_unref);

  /* Expired once past its validity. */
  RUN (f, &run, "--db", "@DB", "offers", "--json", "--today", "2999-01-01");
  root = parse_json (run.out);
  object = json_array_get_object_element (json_node_get_array (root), 0);
  g_assert_cmpstr (member_string (object, "status"), ==, "expired");
  g_clear_pointer (&root, json_node_unref);
}

static void
test_session_statuses (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *revision = g_strdup_printf ("%d-0001-R2", this_year ());
  JsonArray *array;
  JsonObject *object;

  session_import (f);
  session_create_offers (f);
  session_accept (f);

  /* The register: the first offer was revised as R2, the third (a draft for the same
   * installation) superseded when R2 was accepted; each change with its time and user. */
  RUN (f, &run, "--db", "@DB", "offers", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  {
    static const struct
    {
      guint       index;
      const char *status;
      const char *history;
    } expected[] = {
      { 0, "revised", "draft,sent,revised" },
      { 1, "accepted", "draft,sent,accepted" },
      { 2, "draft", "draft" },
      { 3, "superseded", "draft,superseded" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        JsonArray *history;
        g_autoptr(GString) statuses = g_string_new (NULL);

        object = json_array_get_object_element (array, expected[i].index);
        g_test_message ("offer %s", member_string (object, "number"));
        g_assert_cmpstr (member_string (object, "status"), ==, expected[i].status);
        history = json_object_get_array_member (object, "history");
        for (guint j = 0; j < json_array_get_length (history); j++)
          {
            JsonObject *change = json_array_get_object_element (history, j);
            g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (member_string (change, "at"),
                                                                    NULL);
            const char *status = member_string (change, "status");

            g_string_append_printf (statuses, "%s%s", j > 0 ? "," : "", status);
            g_assert_nonnull (at);
            /* SSA_DESK_USER, the environment's (environment ()). */
            g_assert_cmpstr (member_string (change, "user"), ==, "Kari Nordmann");
            if (g_str_equal (status, "revised") || g_str_equal (status, "superseded"))
              g_assert_cmpstr (member_string (change, "by"), ==, revision);
            else
              g_assert_true (json_object_get_null_member (change, "by"));
          }
        g_assert_cmpstr (statuses->str, ==, expected[i].history);
      }
  }
  g_clear_pointer (&root, json_node_unref);
}

static void
test_session_renewals (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonArray *array;
  JsonObject *object;

  session_import (f);
  session_create_offers (f);
  session_accept (f);

  /* Accepting extended the SSA. */
  RUN (f, &run, "--db", "@DB", "renewals", "--today", "2026-11-28", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  array = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  object = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (object, "id"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "days"), ==, -151);
  g_assert_cmpstr (member_string (object, "customer"), ==, "Nidaros Bygg og Anlegg AS");
  g_assert_cmpstr (member_string (object, "ssa_expiry"), ==, "2026-06-30");
  g_clear_pointer (&root, json_node_unref);
  RUN (f, &run, "--db", "@DB", "renewals", "--today", "2027-12-01", "--within", "30", "--json");
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  object = json_array_get_object_element (json_node_get_array (root), 1);
  g_assert_cmpstr (member_string (object, "ssa_expiry"), ==, "2027-12-31");
  g_assert_cmpint (json_object_get_int_member (object, "days"), ==, 30);
  g_clear_pointer (&root, json_node_unref);

  /* An archived installation leaves the renewals, and comes back when unarchived. */
  RUN (f, &run, "--db", "@DB", "archive", "--installation", "1");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "renewals", "--today", "2027-12-01", "--within", "30", "--json");
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 1);
  g_clear_pointer (&root, json_node_unref);
  RUN (f, &run, "--db", "@DB", "unarchive", "--installation", "1");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "renewals", "--today", "2027-12-01", "--within", "30", "--json");
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  g_clear_pointer (&root, json_node_unref);
  /* The audit log has the changes of status, and the archiving, with who. */
  RUN (f, &run, "--db", "@DB", "audit", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  {
    JsonArray *log = json_node_get_array (root);
    guint n = json_array_get_length (log);
    gboolean sent = FALSE, accepted = FALSE;

    g_assert_cmpuint (n, >=, 4);
    for (guint i = 0; i < n; i++)
      {
        JsonObject *entry = json_array_get_object_element (log, i);

        g_assert_cmpstr (member_string (entry, "who"), ==, "Kari Nordmann");
        if (g_str_equal (member_string (entry, "action"), "status"))
          {
            JsonObject *details = json_object_get_object_member (entry, "details");
            const char *status = json_object_get_string_member (details, "status");

            g_assert_cmpstr (member_string (entry, "subject"), ==, "offer");
            sent |= g_str_equal (status, "sent");
            accepted |= g_str_equal (status, "accepted");
          }
      }
    g_assert_true (sent);
    g_assert_true (accepted);
    object = json_array_get_object_element (log, n - 2);
    g_assert_cmpstr (member_string (object, "action"), ==, "archive");
    g_assert_cmpstr (member_string (object, "subject"), ==, "installation");
    g_assert_cmpint (json_object_get_int_member (object, "row_id"), ==, 1);
    object = json_array_get_object_element (log, n - 1);
    g_assert_cmpstr (member_string (object, "action"), ==, "unarchive");
  }
  g_clear_pointer (&root, json_node_unref);
  RUN (f, &run, "--db", "@DB", "audit");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "When (UTC)"));
  g_assert_nonnull (strstr (run.out, "Kari Nordmann"));
  g_assert_nonnull (strstr (run.out, "archived installation 1 “"));
  g_assert_nonnull (strstr (run.out, "brought back installation 1 “"));
  g_assert_nonnull (strstr (run.out, ": accepted\n"));
  RUN (f, &run, "--db", "@DB", "audit", "extra");
  assert_usage (&run);

  RUN (f, &run, "--db", "@DB", "archive", "--customer", "999");
  assert_refused (&run, "999");
  RUN (f, &run, "--db", "@DB", "archive", "--installation", "1", "--customer", "1");
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "unarchive");
  assert_usage (&run);
}

static void
test_session_export (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  session_import (f);
  session_create_offers (f);
  session_accept (f);

  /* Export, to stdout and to a file, reads back as an installation file. */
  RUN (f, &run, "--db", "@DB", "export", "--installation", "1");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  object = json_node_get_object (root);
  g_assert_cmpstr (member_string (object, "ssa_expiry"), ==, "2027-12-31");
  g_assert_cmpstr (member_string (json_object_get_object_member (object, "customer"), "org_no"),
                   ==, "914527309");
  g_clear_pointer (&root, json_node_unref);
  RUN (f, &run, "--db", "@DB", "export", "--installation", "2", "--out", "@D/exported.json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");

  /* Installations imported with the exported file: the serial is taken. */
  RUN (f, &run, "--db", "@DB", "import", "@D/exported.json");
  assert_refused (&run, "serial");

  RUN (f, &run, "--db", "@DB", "backup", "@D/copy.db");
  g_assert_cmpint (run.status, ==, 0);
  assert_integrity_ok (f->db);
  {
    g_autofree char *copy = g_build_filename (f->dir, "copy.db", NULL);

    assert_integrity_ok (copy);
    g_assert_cmpint (db_int (copy, "SELECT count(*) FROM offers"), ==, 4);
  }
}

static void
test_session_default_db (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };

  /* Without --db: the default database under XDG_DATA_HOME, made on first use. */
  RUN (f, &run, "installations", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
  {
    g_autofree char *path = g_build_filename (f->data_home, "ssa-desk", "ssa-desk.db", NULL);

    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}
}

/* A stored top-up: `offer create --co-term` stores the offer `--end` set to the expiry
 * would (the same lines and totals), and a lapsed SSA is refused in words naming the
 * option, with no number taken. */
static void
test_offer_co_term (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  JsonObject *ao;
  JsonObject *bo;

  RUN (f, &run, "--db", "@DB", "import", "@S/co-terming.json", "@S/lapsed.json");
  g_assert_cmpint (run.status, ==, 0);

  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--co-term",
       "--today", "2027-04-01", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  a = parse_json (run.out);
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--end", "2027-12-31",
       "--today", "2027-04-01", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  b = parse_json (run.out);
  ao = json_node_get_object (a);
  bo = json_node_get_object (b);
  /* Everything but the number is the same. */
  g_assert_cmpstr (member_string (ao, "number"), !=, member_string (bo, "number"));
  json_object_remove_member (ao, "number");
  json_object_remove_member (bo, "number");
  g_assert_true (json_node_equal (a, b));
  g_assert_cmpstr (member_string (json_object_get_object_member (ao, "period"), "end"), ==,
                   "2027-12-31");

  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "2", "--co-term",
       "--today", "2027-04-01");
  assert_refused (&run, "--co-term: the SSA ended on 2026-06-30");
  RUN (f, &run, "--db", "@DB", "offers", "--json");
  {
    g_autoptr(JsonNode) list = parse_json (run.out);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (list)), ==, 2);
  }
}

static void
test_exit_statuses (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *broken = g_build_filename (f->dir, "broken.json", NULL);

  g_assert_true (g_file_set_contents (broken, "{\"format\": \"ssa-desk-installation/1\"}", -1,
                                      NULL));

  RUN (f, &run, "--db");
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "offer");
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "offer", "create");
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--end", "2027-01-01",
       "--months", "3");
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "offer", "status", "2026-0001");
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "price-list", "bogus");
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "import");
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "installations", "--bogus");
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "export");
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "backup");
  assert_usage (&run);

  RUN (f, &run, "--db", "@DB", "export", "--installation", "abc");
  assert_refused (&run, "--installation: “abc”");
  RUN (f, &run, "--db", "@DB", "renewals", "--within", "-1");
  assert_refused (&run, "--within");
  RUN (f, &run, "--db", "@DB", "offers", "--today", "2026-02-30");
  assert_refused (&run, "--today");
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--discount", "150");
  assert_refused (&run, "--discount");

  /* All files of an import, or none. */
  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json", "@D/broken.json");
  assert_refused (&run, "broken.json");
  RUN (f, &run, "--db", "@DB", "installations", "--json");
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");

  RUN (f, &run, "--db", "@DB", "price-list", "import", "@D/broken.json");
  assert_refused (&run, "broken.json: format");
  RUN (f, &run, "--db", "@DB", "import-csv", "--installation", "7", "@D/broken.json");
  assert_refused (&run, "broken.json");
}

static char *
file_digest (const char *path,
             gint64     *out_mtime)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf st;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  *out_mtime = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_newer_refused (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *before = NULL;
  sqlite3 *handle = NULL;
  gint64 mtime_before;
  const char * const commands[][4] = {
    { "installations", NULL, },
    { "import", "@S/lapsed.json", NULL, },
    { "offers", NULL, },
    { "backup", "@D/copy.db", NULL, },
  };

  g_assert_cmpint (sqlite3_open (f->db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE t (x); PRAGMA user_version = 99;", NULL,
                                 NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
  before = file_digest (f->db, &mtime_before);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *args[8] = { "--db", "@DB", NULL, };
      g_autofree char *after = NULL;
      gint64 mtime_after;

      for (guint j = 0; commands[i][j] != NULL; j++)
        args[2 + j] = commands[i][j];
      test_cli_run_clear (&run);
      run_full (f, args, NULL, NULL, &run);
      assert_refused (&run, "newer version of SSA Desk");

      after = file_digest (f->db, &mtime_after);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpint (mtime_before, ==, mtime_after);
    }
}

/* A --db that names no regular file is refused in words, and left as it is. */
static void
test_not_a_file (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *folder = g_build_filename (f->dir, "folder.db", NULL);
  g_autofree char *fifo = g_build_filename (f->dir, "pipe.db", NULL);
  g_autofree char *wal = g_strconcat (fifo, "-wal", NULL);
  g_autoptr(GDir) dir = NULL;
  GStatBuf st;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  RUN (f, &run, "--db", "@D/folder.db", "installations");
  assert_refused (&run, "is a folder, not a database file");
  g_assert_nonnull (strstr (run.err, "Name a file with --db"));
  g_assert_null (strstr (run.err, "check that its folder exists"));
  RUN (f, &run, "--db", "@D/folder.db", "import", "@S/lapsed.json");
  assert_refused (&run, "is a folder");
  dir = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));

  /* A FIFO: the command neither blocks on it nor replaces it. */
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  RUN (f, &run, "--db", "@D/pipe.db", "installations");
  assert_refused (&run, "is a named pipe (FIFO)");
  RUN (f, &run, "--db", "@D/pipe.db", "import", "@S/lapsed.json");
  assert_refused (&run, "is a named pipe (FIFO)");
  g_assert_cmpint (g_lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* A device. */
  RUN (f, &run, "--db", "/dev/null", "installations");
  assert_refused (&run, "/dev/null is a device");
  g_assert_null (strstr (run.err, "disk"));
  g_assert_cmpint (g_lstat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));
}

/* A negative schema version is no SSA Desk version: refused in words, the file unchanged
 * (it used to reach the migrations and fail with an SQL syntax error). */
static void
test_negative_version (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *before = NULL;
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  sqlite3 *handle = NULL;
  gint64 mtime_before;
  const char * const commands[][4] = {
    { "installations", NULL, },
    { "import", "@S/lapsed.json", NULL, },
    { "backup", "@D/copy.db", NULL, },
  };

  g_assert_cmpint (sqlite3_open (f->db, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = -3;", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (handle);
  before = file_digest (f->db, &mtime_before);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *args[8] = { "--db", "@DB", NULL, };
      g_autofree char *after = NULL;
      gint64 mtime_after;

      for (guint j = 0; commands[i][j] != NULL; j++)
        args[2 + j] = commands[i][j];
      test_cli_run_clear (&run);
      run_full (f, args, NULL, NULL, &run);
      assert_refused (&run, "invalid schema version (-3)");
      g_assert_nonnull (strstr (run.err, "not an SSA Desk database"));
      g_assert_null (strstr (run.err, "syntax error"));

      after = file_digest (f->db, &mtime_after);
      g_assert_cmpstr (before, ==, after);
      g_assert_cmpint (mtime_before, ==, mtime_after);
      g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
    }
}

/* Strict inputs on the database's commands: a price list id names one content, a key is
 * given once, and a refused value names its option. */
static void
test_strict_inputs (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *sample_path = test_cli_source_path ("data", "sample-price-list.json", NULL);
  g_autofree char *sample = NULL;
  g_autofree char *first = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *first_path = g_build_filename (f->dir, "first.json", NULL);
  g_autofree char *changed_path = g_build_filename (f->dir, "changed.json", NULL);
  g_autofree char *dup_path = g_build_filename (f->dir, "dup.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *line;

  g_assert_true (g_file_get_contents (sample_path, &sample, NULL, NULL));
  first = test_replace_once (sample, "\"sample-2026-11\"", "\"2027-01\"");
  changed = test_replace_once (first, "\"PBX-Port14\"", "\"PBX-Port14 renamed\"");
  g_assert_true (g_file_set_contents (first_path, first, -1, NULL));
  g_assert_true (g_file_set_contents (changed_path, changed, -1, NULL));

  RUN (f, &run, "--db", "@DB", "price-list", "import", "@D/first.json");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "price-list", "import", "@D/changed.json");
  assert_refused (&run, "changed.json: a price list with the id “2027-01” is stored already");
  g_assert_nonnull (strstr (run.err, "differs"));
  g_assert_nonnull (strstr (run.err, "Give the new list a new id"));
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM price_lists"), ==, 2);
  RUN (f, &run, "--db", "@DB", "price-list", "import", "@D/first.json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "already stored"));

  /* An installation that gives a key twice is not stored. */
  g_assert_true (g_file_set_contents (dup_path,
                                      "{ \"format\": \"ssa-desk-installation/1\", "
                                      "\"deployment\": \"appliance\", \"licenses\": [ "
                                      "{ \"code\": \"02-00039-002\", \"quantity\": 20, "
                                      "\"quantity\": 2 } ] }", -1, NULL));
  RUN (f, &run, "--db", "@DB", "import", "@D/dup.json");
  assert_refused (&run, "licenses[0].quantity: the key is given twice");
  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "1\tKontor Trondheim\n");

  /* The current list is the first one, as it was: the offer uses its id and names. */
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1",
       "--today", "2026-11-28", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_cmpstr (member_string (json_node_get_object (root), "price_list"), ==, "2027-01");
  line = json_array_get_object_element (json_object_get_array_member (
                                          json_node_get_object (root), "lines"), 0);
  g_assert_cmpstr (member_string (line, "name"), ==, "PBX-Port14");

  /* Refused values name their options. */
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--months", "121");
  assert_refused (&run, "--months: “121” is not a whole number of months from 1 to 120");
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1",
       "--today", "2026-11-28", "--labour-hours", "1000000000", "--labour-rate", "1000000000");
  assert_refused (&run, "--labour-hours, --labour-rate: ");
  g_assert_null (strstr (run.err, "installation 1"));
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1",
       "--today", "2026-11-28", "--start", "2020-01-01", "--months", "3");
  assert_refused (&run, "--months: the period ended on 2020-03-31");
}

/* A read-only database: as root, the command runs as nobody, for whom the file (and its
 * folder) are read-only. */
static void
drop_privileges (gpointer data)
{
  if (geteuid () == 0)
    {
      if (setgroups (0, NULL) != 0 || setgid (65534) != 0 || setuid (65534) != 0)
        _exit (125);
    }
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *input = g_build_filename (f->dir, "lapsed.json", NULL);
  g_autofree char *sample = g_build_filename (f->samples, "lapsed.json", NULL);
  g_autofree char *contents = NULL;
  gint64 mtime_before, mtime_after;
  const char * const import_args[] = { "--db", "@DB", "import", "@D/lapsed.json", NULL };
  const char * const list_args[] = { "--db", "@DB", "installations", NULL };
  const char * const export_args[] = { "--db", "@DB", "export", "--installation", "1", NULL };
  const char * const check_args[] = { "--db", "@DB", "check", NULL };
  const char * const * const read_args[] = { list_args, export_args, check_args };
  const char * const read_needles[] = { "Hovedkontor Bergen", "Hovedkontor Bergen",
                                        "No damage found" };

  RUN (f, &run, "--db", "@DB", "import", "@S/renewal-in-time.json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (sample, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (input, contents, -1, NULL));

  g_assert_cmpint (g_chmod (input, 0644), ==, 0);
  g_assert_cmpint (g_chmod (f->db, 0444), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0555), ==, 0);
  before = file_digest (f->db, &mtime_before);

  test_cli_run_clear (&run);
  run_full (f, import_args, drop_privileges, NULL, &run);
  if (run.status == 125)
    {
      g_chmod (f->dir, 0700);
      g_test_skip ("could not run ssa-desk-cli as another user");
      return;
    }
  assert_refused (&run, "is read-only. Nothing was changed; make the file and its folder "
                        "writable");

  /* Reading works although SQLite cannot create its shared-memory file beside the
   * database, and says nothing about the database being read-only. */
  for (guint i = 0; i < G_N_ELEMENTS (read_args); i++)
    {
      test_cli_run_clear (&run);
      run_full (f, read_args[i], drop_privileges, NULL, &run);
      g_assert_cmpint (run.status, ==, 0);
      g_assert_cmpstr (run.err, ==, "");
      g_assert_nonnull (strstr (run.out, read_needles[i]));
    }

  g_assert_cmpint (g_chmod (f->dir, 0700), ==, 0);
  after = file_digest (f->db, &mtime_after);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (mtime_before, ==, mtime_after);
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM installations"), ==, 1);
}

/* A full disk: the file size limit stops writes a little past the database's size. */
static void
limit_file_size (gpointer data)
{
  struct rlimit limit;

  limit.rlim_cur = limit.rlim_max = GPOINTER_TO_SIZE (data);
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sample = g_build_filename (f->samples, "lapsed.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  RUN (f, &run, "--db", "@DB", "import", "@S/renewal-in-time.json");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1");
  g_assert_cmpint (run.status, ==, 0);

  /* 200 installations of 80 lines each: far more than the limit allows. */
  json_parser_load_from_file (parser, sample, &error);
  g_assert_no_error (error);
  g_ptr_array_add (args, g_strdup ("--db"));
  g_ptr_array_add (args, g_strdup ("@DB"));
  g_ptr_array_add (args, g_strdup ("import"));
  for (guint i = 0; i < 200; i++)
    {
      JsonObject *object = json_node_get_object (json_parser_get_root (parser));
      JsonArray *lines = json_object_get_array_member (object, "licenses");
      g_autofree char *name = g_strdup_printf ("big-%03u.json", i);
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_autofree char *serial = g_strdup_printf ("serial-%u", i);
      g_autofree char *text = NULL;

      json_object_set_string_member (object, "serial", serial);
      while (json_array_get_length (lines) < 80)
        json_array_add_element (lines, json_node_copy (json_array_get_element (lines, 0)));
      text = json_to_string (json_parser_get_root (parser), FALSE);
      g_assert_true (g_file_set_contents (path, text, -1, NULL));
      g_ptr_array_add (args, g_strdup_printf ("@D/%s", name));
    }
  g_ptr_array_add (args, NULL);

  g_assert_cmpint (g_stat (f->db, &st), ==, 0);
  test_cli_run_clear (&run);
  run_full (f, (const char * const *) args->pdata, limit_file_size,
            GSIZE_TO_POINTER ((gsize) st.st_size + 32 * 1024), &run);
  assert_refused (&run, "disk");

  /* As it was: one installation, one offer, intact. */
  assert_integrity_ok (f->db);
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM installations"), ==, 1);
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM licences"), ==, 7);
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM offers"), ==, 1);
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_suffix (g_strstrip (run.out), "-0002"));
}

/* No output replaces the database, whatever path leads to it; "-" is standard output for
 * every output option. */

static void
assert_database_intact (Fixture *f,
                        gint64   n_offers)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *header = NULL;

  g_assert_true (g_file_get_contents (f->db, &header, NULL, NULL));
  g_assert_true (g_str_has_prefix (header, "SQLite format 3"));
  assert_integrity_ok (f->db);
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM offers"), ==, n_offers);
  RUN (f, &run, "--db", "@DB", "installations");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Nidaros Bygg og Anlegg AS"));
}

static void
test_outputs_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *link_path = g_build_filename (f->dir, "link.xlsx", NULL);
  g_autofree char *hard_path = g_build_filename (f->dir, "hard.json", NULL);
  g_autofree char *sub = g_build_filename (f->dir, "sub", NULL);
  g_autofree char *first = g_strdup_printf ("%d-0001", this_year ());

  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1");
  g_assert_cmpint (run.status, ==, 0);
  assert_database_intact (f, 1);

  /* The database itself as a document: refused before the offer is stored. */
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--xlsx", "@DB");
  assert_refused (&run, "--xlsx: “");
  g_assert_nonnull (strstr (run.err, "is the database in use"));
  assert_database_intact (f, 1);

  /* Through a symbolic link, "..", a hard link, or its write-ahead log. */
  g_assert_cmpint (symlink (f->db, link_path), ==, 0);
  g_assert_cmpint (link (f->db, hard_path), ==, 0);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--pdf",
       "@D/link.xlsx");
  assert_refused (&run, "--pdf: “");
  g_assert_nonnull (strstr (run.err, "leads to the database"));
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--json",
       "@D/sub/../desk.db");
  assert_refused (&run, "leads to the database");
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--json",
       "@D/hard.json");
  assert_refused (&run, "leads to the database");
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--pdf",
       "@D/desk.db-wal");
  assert_refused (&run, "journal file of the database");
  RUN (f, &run, "--db", "@DB", "offer", "revise", first, "--pdf", "@DB");
  assert_refused (&run, "is the database in use");
  RUN (f, &run, "--db", "@DB", "export", "--installation", "1", "--out", "@D/link.xlsx");
  assert_refused (&run, "--out: “");
  RUN (f, &run, "--db", "@DB", "backup", "@D/hard.json");
  assert_refused (&run, "hard.json");
  RUN (f, &run, "--db", "@DB", "backup", "@D/sub");
  assert_refused (&run, "is a folder");

  /* Nothing stored, nothing replaced, no temporary file. */
  assert_database_intact (f, 1);
  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, "."));
  }
}

static void
test_outputs_stdout (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *dash = g_build_filename (f->dir, "-", NULL);
  g_autofree char *number = NULL;

  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json");
  g_assert_cmpint (run.status, ==, 0);

  /* The offer's JSON, with its number, is all of stdout. */
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_json (run.out);
  number = g_strdup (member_string (json_node_get_object (root), "number"));
  g_assert_true (g_str_has_suffix (number, "-0001"));

  /* The printed offer on stdout; its number then goes to stderr. */
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--pdf", "-");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "%PDF-"));
  g_assert_nonnull (strstr (run.err, "-0002"));

  /* Two outputs cannot share stdout: a malformed command line, nothing stored. */
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--json", "-",
       "--xlsx", "-");
  assert_usage (&run);
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM offers"), ==, 2);

  /* export --out - is stdout, not a file named "-". */
  RUN (f, &run, "--db", "@DB", "export", "--installation", "1", "--out", "-");
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&root, json_node_unref);
  root = parse_json (run.out);
  g_assert_cmpstr (member_string (json_node_get_object (root), "format"), ==,
                   "ssa-desk-installation/1");
  g_assert_false (g_file_test (dash, G_FILE_TEST_EXISTS));

  /* A backup on stdout is the database, whole. */
  RUN (f, &run, "--db", "@DB", "backup", "-");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "SQLite format 3"));
  g_assert_false (g_file_test (dash, G_FILE_TEST_EXISTS));
}

/* Several processes creating offers at once, some killed half-way. */

typedef struct
{
  GPid pid;
  int  out_fd;
  gboolean killed;
} Child;

static char *
read_all (int fd)
{
  GString *out = g_string_new (NULL);
  char buffer[256];
  gssize n;

  while ((n = read (fd, buffer, sizeof buffer)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (out, buffer, n);
  return g_string_free (out, FALSE);
}

/* Runs one wave of PER_WAVE processes creating offers at once, kills one or two at a random
 * moment, and checks each survivor printed a number never printed before (added to
 * @printed). */
static void
run_wave (Fixture    *f,
          GPtrArray  *argv,
          char      **envp,
          GRand      *rand,
          GHashTable *printed,
          guint      *n_survived,
          guint      *n_killed)
{
  Child children[PER_WAVE];

  for (guint i = 0; i < PER_WAVE; i++)
    {
      g_autoptr(GError) error = NULL;

      children[i].killed = FALSE;
      g_spawn_async_with_pipes (f->dir, (char **) argv->pdata, envp,
                                G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &children[i].pid,
                                NULL, &children[i].out_fd, NULL, &error);
      g_assert_no_error (error);
    }

  /* Kill one or two at a random moment of their run. */
  g_usleep (g_rand_int_range (rand, 0, 60000));
  for (guint k = g_rand_int_range (rand, 1, 3); k > 0; k--)
    {
      guint victim = g_rand_int_range (rand, 0, PER_WAVE);

      kill (children[victim].pid, SIGKILL);
      children[victim].killed = TRUE;
    }

  for (guint i = 0; i < PER_WAVE; i++)
    {
      g_autofree char *out = NULL;
      int wait_status = 0;

      while (waitpid (children[i].pid, &wait_status, 0) < 0 && errno == EINTR)
        ;
      out = read_all (children[i].out_fd);
      close (children[i].out_fd);
      g_spawn_close_pid (children[i].pid);

      if (WIFSIGNALED (wait_status))
        {
          (*n_killed)++;
          continue;
        }
      g_assert_true (WIFEXITED (wait_status));
      g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
      g_strstrip (out);
      g_assert_true (g_str_has_prefix (out, "20"));
      /* Never the same number twice. */
      g_assert_false (g_hash_table_contains (printed, out));
      g_hash_table_add (printed, g_steal_pointer (&out));
      (*n_survived)++;
    }
}

static void
test_concurrent_offers (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(GHashTable) printed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRand) rand = g_rand_new ();
  const char * const offer_args[] = { "--db", "@DB", "offer", "create", "--installation", "1",
                                      "--today", "2026-11-28", NULL };
  g_autoptr(GPtrArray) argv = NULL;
  g_auto(GStrv) envp = environment (f);
  guint n_killed = 0;
  guint n_survived = 0;
  gint64 n_stored;
  int year = this_year ();

  RUN (f, &run, "--db", "@DB", "import", "@S/renewal-in-time.json");
  g_assert_cmpint (run.status, ==, 0);
  argv = build_argv (f, offer_args);

  for (guint wave = 0; wave < N_WAVES; wave++)
    run_wave (f, argv, envp, rand, printed, &n_survived, &n_killed);
  g_test_message ("%u processes finished, %u were killed", n_survived, n_killed);

  assert_integrity_ok (f->db);
  n_stored = db_int (f->db, "SELECT count(*) FROM offers");
  g_assert_cmpint (n_stored, >=, n_survived);
  g_assert_cmpint (n_stored, <=, N_WAVES * PER_WAVE);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM offers WHERE year = %d", year);

    g_assert_cmpint (db_int (f->db, sql), ==, n_stored);
  }
  /* 0001 … N: no gap, no duplicate. */
  g_assert_cmpint (db_int (f->db, "SELECT count(DISTINCT seq) FROM offers"), ==, n_stored);
  g_assert_cmpint (db_int (f->db, "SELECT min(seq) FROM offers"), ==, 1);
  g_assert_cmpint (db_int (f->db, "SELECT max(seq) FROM offers"), ==, n_stored);

  /* Every number printed is stored. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, printed);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      {
        g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM offers WHERE number = '%s'",
                                                (const char *) key);

        g_assert_cmpint (db_int (f->db, sql), ==, 1);
      }
  }

  /* And the next process carries on from there. */
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today", "2026-11-28");
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autofree char *expected = g_strdup_printf ("%d-%04d", year, (int) n_stored + 1);

    g_assert_cmpstr (g_strstrip (run.out), ==, expected);
  }
}

/* A damaged page: `check` names the damage, writing commands refuse to write into it, and
 * `restore` brings back a backup. */
static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *kept = NULL;
  gint64 mtime_before, mtime_after;
  const char *checks[][3] = { { "check", NULL }, { "check", "--quick", NULL } };

  RUN (f, &run, "--db", "@DB", "import", "@S/renewal-in-time.json");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "check");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "No damage found"));
  RUN (f, &run, "--db", "@DB", "backups", "--take");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.err, "Backed up "));
  backup = g_strndup (strstr (run.err, " to ") + 4,
                      strlen (strstr (run.err, " to ") + 4) - strlen (".\n"));
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  test_damage_fill (f->db, 5000);
  test_damage_page (f->db);
  before = file_digest (f->db, &mtime_before);

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      const char *args[6] = { "--db", "@DB", checks[i][0], checks[i][1], NULL };

      test_cli_run_clear (&run);
      run_full (f, args, NULL, NULL, &run);
      assert_refused (&run, "is damaged: table licences.");
      g_assert_nonnull (strstr (run.err, "btreeInitPage"));
      g_assert_nonnull (strstr (run.err, "“ssa-desk-cli restore FILE” restores one"));
    }

  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json");
  assert_refused (&run, "is damaged: table licences.");
  g_assert_nonnull (strstr (run.err, "Nothing was changed."));
  RUN (f, &run, "--db", "@DB", "import-csv", "--installation", "1", "@S/lapsed.json");
  assert_refused (&run, "is damaged");
  after = file_digest (f->db, &mtime_after);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (mtime_before, ==, mtime_after);

  RUN (f, &run, "--db", "@DB", "restore", backup);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Restored "));
  kept = g_strdup (strstr (run.out, "is kept in ") + strlen ("is kept in "));
  *strstr (kept, ".\n") = '\0';
  g_assert_true (g_str_has_suffix (kept, "-before-restore.db"));
  g_assert_cmpint (test_damage_pragma (kept, "SELECT count(*) FROM installations"), ==, 1);

  RUN (f, &run, "--db", "@DB", "check");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "installations");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Hovedkontor Bergen"));
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM licences"), <, 100);
  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json");
  g_assert_cmpint (run.status, ==, 0);
}

static JsonArray *
list_backups (Fixture    *f,
              TestCliRun *run,
              JsonNode  **out_root)
{
  RUN (f, run, "--db", "@DB", "backups", "--json");
  g_assert_cmpint (run->status, ==, 0);
  *out_root = parse_json (run->out);
  return json_node_get_array (*out_root);
}

/* The daily backup taken by writing commands, the list, a backup by hand and a restore
 * round trip. */

/* Two installations imported: the first writing command of the day takes the daily
 * backup; the next does not. */
static void
backups_import_two (Fixture *f)
{
  g_auto(TestCliRun) run = { 0, };

  RUN (f, &run, "--db", "@DB", "import", "@S/renewal-in-time.json");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json");
  g_assert_cmpint (run.status, ==, 0);
}

/* Takes a backup by hand, with both installations; returns its path. */
static char *
backups_take_manual (Fixture *f)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  char *manual = NULL;
  JsonArray *backups;
  JsonObject *entry;

  RUN (f, &run, "--db", "@DB", "backups", "--take", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  backups = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (backups), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      entry = json_array_get_object_element (backups, i);
      if (g_str_equal (json_object_get_string_member (entry, "reason"), "manual"))
        manual = g_strdup (json_object_get_string_member (entry, "path"));
    }
  g_assert_nonnull (manual);
  g_assert_cmpint (db_int (manual, "SELECT count(*) FROM installations"), ==, 2);
  return manual;
}

static void
test_backups_daily (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GRegex) taken = g_regex_new ("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$", 0, 0,
                                         NULL);
  JsonArray *backups;
  JsonObject *entry;

  RUN (f, &run, "--db", "@DB", "backups");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "There are no backups"));

  backups_import_two (f);
  backups = list_backups (f, &run, &root);
  g_assert_cmpuint (json_array_get_length (backups), ==, 1);
  entry = json_array_get_object_element (backups, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "reason"), ==, "daily");
  g_assert_true (g_regex_match (taken, json_object_get_string_member (entry, "taken"), 0,
                                NULL));
  g_assert_true (g_file_test (json_object_get_string_member (entry, "path"),
                              G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (json_object_get_int_member (entry, "size"), >, 0);
}

static void
test_backups_by_hand (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *manual = NULL;

  backups_import_two (f);
  manual = backups_take_manual (f);
  g_assert_true (g_file_test (manual, G_FILE_TEST_IS_REGULAR));
}

/* Restored by its bare name, as the list shows it. */
static void
test_backups_restore (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *manual = NULL;
  g_autofree char *manual_name = NULL;
  JsonArray *backups;
  JsonObject *entry;

  backups_import_two (f);
  manual = backups_take_manual (f);
  RUN (f, &run, "--db", "@DB", "import", "@S/co-terming.json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM installations"), ==, 3);
  manual_name = g_path_get_basename (manual);
  RUN (f, &run, "--db", "@DB", "restore", manual_name);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM installations"), ==, 2);
  RUN (f, &run, "--db", "@DB", "installations", "--json");
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, 2);
  g_clear_pointer (&root, json_node_unref);

  RUN (f, &run, "--db", "@DB", "backups");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Daily"));
  g_assert_nonnull (strstr (run.out, "Taken by hand"));
  g_assert_nonnull (strstr (run.out, "Before a restore"));
  backups = list_backups (f, &run, &root);
  g_assert_cmpuint (json_array_get_length (backups), ==, 3);
  entry = json_array_get_object_element (backups, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "reason"), ==, "before-restore");
  g_assert_cmpint (db_int (json_object_get_string_member (entry, "path"),
                           "SELECT count(*) FROM installations"), ==, 3);
}

static void
test_backups_restore_refused (Fixture       *f,
                              gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };

  backups_import_two (f);
  RUN (f, &run, "--db", "@DB", "restore", "no-such-backup.db");
  assert_refused (&run, "there is no backup file no-such-backup.db");
  RUN (f, &run, "--db", "@DB", "restore");
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "restore", "@DB");
  assert_refused (&run, "is the database itself");
}

/* offer export: the documents of a stored offer written again. */

static void
db_exec (const char *path,
         const char *sql)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 10000);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
}

static char *
read_file (const Fixture *f,
           const char    *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* The text of a PDF as pdftotext reads it, or NULL when pdftotext is not installed. */
static char *
pdf_text (const Fixture *f,
          const char    *name)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  const char *argv[] = { pdftotext, "-enc", "UTF-8", "-layout", path, "-", NULL };
  char *out = NULL;
  int status = 0;

  if (pdftotext == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The workbooks' parts that differ, apart from their creation time (docProps/core.xml), as
 * Python's zipfile reads them: "" when the same; NULL when python3 is not installed. */
static char *
xlsx_differences (const Fixture *f,
                  const char    *a,
                  const char    *b)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *path_a = g_build_filename (f->dir, a, NULL);
  g_autofree char *path_b = g_build_filename (f->dir, b, NULL);
  static const char script[] =
    "import sys, zipfile\n"
    "a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])\n"
    "names = sorted(set(a.namelist()) | set(b.namelist()))\n"
    "assert 'xl/worksheets/sheet1.xml' in names\n"
    "for n in names:\n"
    "    if n != 'docProps/core.xml' and (n not in a.namelist() or n not in b.namelist()\n"
    "                                     or a.read(n) != b.read(n)):\n"
    "        print(n)\n";
  const char *argv[] = { python, "-c", script, path_a, path_b, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (python == NULL)
    return NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static void
assert_same_documents (const Fixture *f,
                       const char    *a,
                       const char    *b,
                       const char    *seller)
{
  g_autofree char *json_a = g_strconcat (a, ".json", NULL);
  g_autofree char *json_b = g_strconcat (b, ".json", NULL);
  g_autofree char *xlsx_a = g_strconcat (a, ".xlsx", NULL);
  g_autofree char *xlsx_b = g_strconcat (b, ".xlsx", NULL);
  g_autofree char *pdf_a = g_strconcat (a, ".pdf", NULL);
  g_autofree char *pdf_b = g_strconcat (b, ".pdf", NULL);
  g_autofree char *text_a = pdf_text (f, pdf_a);
  g_autofree char *text_b = pdf_text (f, pdf_b);
  g_autofree char *differences = xlsx_differences (f, xlsx_a, xlsx_b);
  g_autofree char *bytes_a = read_file (f, json_a);
  g_autofree char *bytes_b = read_file (f, json_b);

  g_assert_cmpstr (bytes_a, ==, bytes_b);
  if (differences != NULL)
    g_assert_cmpstr (differences, ==, "");
  else
    g_test_message ("python3 is not installed: the workbooks were not compared");
  if (text_a != NULL)
    {
      g_assert_cmpstr (text_a, ==, text_b);
      g_assert_nonnull (strstr (text_a, seller));
    }
  else
    g_test_message ("pdftotext is not installed: the PDFs were not compared");
}

/* The documents of `offer create` and of `offer export` later are the same, whatever
 * changed since (the profile, the installation, the current price list), in the offer's
 * language unless --lang says otherwise; an offer stored before the seller was kept shows
 * the profile as it is now, and says so. */
/* The members of computation @n of an offer's JSON (1: the offer's own, else
 * alternatives[n - 2]), written out again. */
static char *
alternative_member (JsonNode   *offer,
                    guint       n,
                    const char *member)
{
  JsonObject *object = json_node_get_object (offer);

  if (n > 1)
    object = json_array_get_object_element (json_object_get_array_member (object,
                                                                          "alternatives"),
                                            n - 2);
  return json_to_string (json_object_get_member (object, member), TRUE);
}

/* --alternative: each alternative is the offer its terms make alone (the same lines and
 * totals as an offer made with them), a bad SPEC is a usage error naming it, and accepting
 * takes the alternative, whose end becomes the installation's SSA end. */
/* --true-up: a stored PBX reading that uses 23 ports where 20 are owned makes a group of
 * its own, 3 new ports at the sample list's 450.00 and their SSA; the JSON, the text, the
 * PDF (pdftotext) and the workbook (openpyxl) show it as its own section with its
 * subtotal. Without the option the offer has no such group; quote (a file) refuses it. */
static void
test_offer_true_up (Fixture       *f,
                    gconstpointer  data)
{
  static const char reading_xml[] =
    "<info><lic name=\"Port\" count=\"20\" used=\"23\"/>"
    "<lic name=\"Voicemail\" count=\"5\" used=\"2\"/>"
    "<info version=\"14r2 sr3\"/></info>";
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) offer = NULL;
  g_autoptr(JsonNode) plain = NULL;
  g_autofree char *pdf = NULL;
  JsonObject *root;
  JsonArray *lines;
  JsonObject *licence = NULL;
  g_autofree char *reading_path = NULL;
  g_autofree char *number = NULL;
  g_autofree char *prices = test_cli_source_path ("data", "sample-price-list.json", NULL);

  RUN (f, &run, "--db", "@DB", "import", "@S/renewal-in-time.json");
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(SsaDb) db = ssa_db_open (f->db, SSA_DB_OPEN_DEFAULT, &error);
    g_autoptr(SsaPbxReading) reading = NULL;

    g_assert_no_error (error);
    reading = ssa_pbx_reading_new_from_data (reading_xml, strlen (reading_xml), "reading",
                                             &error);
    g_assert_no_error (error);
    g_assert_true (ssa_db_store_pbx_reading (db, 1, reading, &error));
    g_assert_no_error (error);
  }

  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today",
       "2026-11-28", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  plain = parse_json (run.out);
  g_assert_false (json_object_has_member (json_node_get_object (plain), "group_totals"));

  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today",
       "2026-11-28", "--true-up", "--json", "-", "--pdf", "@D/true-up.pdf", "--xlsx",
       "@D/true-up.xlsx", "--lang", "nb");
  g_assert_cmpint (run.status, ==, 0);
  offer = parse_json (run.out);
  root = json_node_get_object (offer);
  lines = json_object_get_array_member (root, "lines");
  for (guint i = 0; i < json_array_get_length (lines); i++)
    {
      JsonObject *line = json_array_get_object_element (lines, i);

      if (g_strcmp0 (member_string (line, "segment"), "licence") == 0)
        licence = line;
    }
  g_assert_nonnull (licence);
  g_assert_cmpstr (member_string (licence, "code"), ==, "02-00039-002");
  g_assert_cmpint (json_object_get_int_member (licence, "quantity"), ==, 3);
  g_assert_cmpstr (member_string (licence, "group"), ==, "true_up");
  g_assert_cmpstr (member_string (licence, "amount"), ==, "1350.00");
  g_assert_cmpstr (member_string (json_object_get_object_member (root, "totals"), "licences"),
                   ==, "1350.00");
  g_assert_true (json_object_has_member (json_object_get_object_member (root, "group_totals"),
                                         "true_up"));
  /* Stored with the request: a revision proposes the true-up again. */
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM offers WHERE request LIKE "
                                  "'%\"true_up\" : true%' OR request LIKE '%\"true_up\":true%'"),
                   ==, 1);

  pdf = pdf_text (f, "true-up.pdf");
  if (pdf != NULL)
    {
      g_assert_nonnull (strstr (pdf, "Manglende lisenser (etterkjøp)"));
      g_assert_nonnull (strstr (pdf, "Delsum, Manglende lisenser (etterkjøp)"));
      g_assert_nonnull (strstr (pdf, "Delsum, Lisenser i tilbudet"));
      g_assert_nonnull (strstr (pdf, "Ny lisens"));
    }

  {
    g_autofree char *path = g_build_filename (f->dir, "true-up.xlsx", NULL);
    static const char script[] =
      "import sys, openpyxl\n"
      "wb = openpyxl.load_workbook(sys.argv[1])\n"
      "ws = wb.worksheets[0]\n"
      "cells = [c for row in ws.iter_rows() for c in row if c.value is not None]\n"
      "texts = [str(c.value) for c in cells]\n"
      "assert 'Manglende lisenser (etterkjøp)' in texts, texts\n"
      "assert any(t.startswith('Delsum, Manglende') for t in texts)\n"
      "assert any(t.startswith('=ROUND(D') and t.endswith('*450.00,2)') for t in texts)\n"
      "assert any(t.startswith('=SUM(J') for t in texts)\n"
      "assert 'SSA_Licences' in wb.defined_names, list(wb.defined_names.keys())\n"
      "assert wb.defined_names['SSA_Subtotal'] is not None\n";
    const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
    g_autofree char *err = NULL;
    int status = 0;

    if (g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE))
      {
        g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, NULL, &err, &status, &error);
        g_assert_no_error (error);
        if (err != NULL && strstr (err, "No module named 'openpyxl'") != NULL)
          g_test_message ("openpyxl is not installed: the workbook was not read back");
        else if (!g_spawn_check_wait_status (status, NULL))
          g_error ("the workbook: %s", err);
      }
  }

  /* The same from files: quote with the PBX's answer saved; its text shows the groups. */
  reading_path = g_build_filename (f->dir, "reading.xml", NULL);
  g_file_set_contents (reading_path, reading_xml, -1, &error);
  g_assert_no_error (error);
  RUN (f, &run, "quote", "--price-list", prices, "--installation",
       "@S/renewal-in-time.json", "--today", "2026-11-28", "--true-up", "--pbx-reading",
       "@D/reading.xml");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Missing licences (true-up):"));
  g_assert_nonnull (strstr (run.out, "SSA of the licences owned:"));
  g_assert_nonnull (strstr (run.out, "new licence"));
  g_assert_nonnull (strstr (run.out, "Subtotal"));

  RUN (f, &run, "quote", "--price-list", prices, "--installation",
       "@S/renewal-in-time.json", "--true-up");
  assert_usage (&run);
  g_assert_nonnull (strstr (run.err, "--pbx-reading"));

  /* Accepting a true-up offer (made today, so that it is still valid) adds the
   * 3 ports as a line of their own, bought today and covered to the offer's end; accepting
   * it again is refused and adds nothing. */
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--true-up");
  g_assert_cmpint (run.status, ==, 0);
  number = g_strstrip (g_strdup (run.out));
  RUN (f, &run, "--db", "@DB", "offer", "status", number, "sent");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "offer", "status", number, "accepted");
  g_assert_cmpint (run.status, ==, 0);
  /* It says what it added, by name and code. */
  g_assert_nonnull (strstr (run.out, "Added to the installation's licences: 3 × "));
  g_assert_nonnull (strstr (run.out, "(02-00039-002)."));
  {
    g_autofree char *today = NULL;
    g_autofree char *sql = NULL;
    GDate day;

    ssa_date_today (&day);
    today = ssa_date_to_iso (&day);
    sql = g_strdup_printf ("SELECT count(*) FROM licences WHERE installation_id = 1 AND "
                           "code = '02-00039-002' AND quantity = 3 AND added_on = '%s' AND "
                           "covered_until = (SELECT period_end FROM offers WHERE "
                           "number = '%s')", today, number);
    g_assert_cmpint (db_int (f->db, sql), ==, 1);
  }
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM licences WHERE installation_id = 1"),
                   ==, 8);
  RUN (f, &run, "--db", "@DB", "offer", "status", number, "accepted");
  assert_refused (&run, "already");
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM licences WHERE installation_id = 1"),
                   ==, 8);
}


/* The lapsed sample stored, and an offer for it with the alternatives "months=36,
 * billing=quarterly" and "end=2029-12-31"; returns the offer's JSON and sets @out_number. */
static JsonNode *
create_alternatives_offer (Fixture  *f,
                           char    **out_number)
{
  g_auto(TestCliRun) run = { 0, };
  JsonNode *offer;

  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json");
  g_assert_cmpint (run.status, ==, 0);

  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today",
       "2026-11-28", "--alternative", "months=36,billing=quarterly", "--alternative",
       "end=2029-12-31", "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  offer = parse_json (run.out);
  *out_number = g_strdup (member_string (json_node_get_object (offer), "number"));
  return offer;
}

static void
test_offer_alternatives_bad_spec (Fixture       *f,
                                  gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };

  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json");
  g_assert_cmpint (run.status, ==, 0);

  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today",
       "2026-11-28", "--alternative", "weeks=3");
  assert_usage (&run);
  g_assert_nonnull (strstr (run.err, "weeks=3"));
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today",
       "2026-11-28", "--alternative", "months=12,billing=weekly");
  assert_usage (&run);
  g_assert_nonnull (strstr (run.err, "billing=weekly"));
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM offers"), ==, 0);
}

static void
test_offer_alternatives_each_alone (Fixture       *f,
                                    gconstpointer  data)
{
  static const char * const terms[][4] = {
    { "--months", "36", "--billing", "quarterly" },
    { "--end", "2029-12-31", NULL, NULL },
  };
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) offer = NULL;
  g_autofree char *number = NULL;

  offer = create_alternatives_offer (f, &number);
  for (guint n = 2; n <= 3; n++)
    {
      const char * const *t = terms[n - 2];
      g_autoptr(JsonNode) alone = NULL;
      static const char * const members[] = { "period", "billing", "lines", "totals" };

      if (t[2] != NULL)
        RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today",
             "2026-11-28", t[0], t[1], t[2], t[3], "--json", "-");
      else
        RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today",
             "2026-11-28", t[0], t[1], "--json", "-");
      g_assert_cmpint (run.status, ==, 0);
      alone = parse_json (run.out);
      g_assert_false (json_object_has_member (json_node_get_object (alone), "alternatives"));
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        {
          g_autofree char *a = alternative_member (offer, n, members[m]);
          g_autofree char *b = alternative_member (alone, 1, members[m]);

          g_assert_cmpstr (a, ==, b);
        }
    }
}

/* The PDF offers them side by side, with the instruction to choose one. */
static void
test_offer_alternatives_pdf (Fixture       *f,
                             gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) offer = NULL;
  g_autofree char *number = NULL;
  g_autofree char *pdf = NULL;

  offer = create_alternatives_offer (f, &number);
  RUN (f, &run, "--db", "@DB", "offer", "export", number, "--pdf", "@D/alternatives.pdf",
       "--lang", "nb");
  g_assert_cmpint (run.status, ==, 0);
  pdf = pdf_text (f, "alternatives.pdf");
  if (pdf != NULL)
    {
      g_assert_nonnull (strstr (pdf, "Alternativ 1"));
      g_assert_nonnull (strstr (pdf, "Alternativ 2"));
      g_assert_nonnull (strstr (pdf, "Alternativ 3"));
      g_assert_nonnull (strstr (pdf, "Velg ett av alternativene"));
    }
}

static void
test_offer_alternatives_accept (Fixture       *f,
                                gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) offer = NULL;
  g_autofree char *number = NULL;

  offer = create_alternatives_offer (f, &number);
  RUN (f, &run, "--db", "@DB", "offer", "status", number, "sent");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "offer", "status", number, "accepted");
  assert_usage (&run);
  g_assert_nonnull (strstr (run.err, "--alternative"));
  RUN (f, &run, "--db", "@DB", "offer", "status", number, "accepted", "--alternative", "4");
  assert_refused (&run, "no alternative 4");
  RUN (f, &run, "--db", "@DB", "offer", "status", number, "accepted", "--alternative", "3");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (db_int (f->db, "SELECT ssa_expiry = '2029-12-31' FROM installations "
                                  "WHERE id = 1"), ==, 1);
  g_assert_cmpint (db_int (f->db, "SELECT accepted_alternative FROM offers WHERE id = 1"), ==, 3);
}

/* The lapsed sample with an offer created in English with its three documents (created.*)
 * by a seller "Nordlys Telekom AS"; then the seller, the licences and the customer change in
 * the database. Returns the offer's number. */
static char *
create_offer_then_change (Fixture *f)
{
  g_auto(TestCliRun) run = { 0, };
  char *number = g_strdup_printf ("%d-0001", this_year ());

  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json");
  g_assert_cmpint (run.status, ==, 0);
  db_exec (f->db, "UPDATE profile SET company_name = 'Nordlys Telekom AS', "
                  "org_no = '988077917', vat_registered = 1, payment_terms = '14 dager netto'");
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today",
       "2026-11-28", "--lang", "en", "--json", "@D/created.json", "--xlsx", "@D/created.xlsx",
       "--pdf", "@D/created.pdf");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (g_strstrip (run.out), ==, number);

  db_exec (f->db, "UPDATE profile SET company_name = 'Nytt Navn AS';"
                  "UPDATE licences SET quantity = 999;"
                  "UPDATE customers SET name = 'Annen Kunde AS'");
  return number;
}

static void
test_offer_export (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *number = create_offer_then_change (f);

  RUN (f, &run, "--db", "@DB", "offer", "export", number, "--json", "@D/exported.json",
       "--xlsx", "@D/exported.xlsx", "--pdf", "@D/exported.pdf");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  assert_same_documents (f, "created", "exported", "Nordlys Telekom AS");
}

/* --json - prints the same bytes; --lang changes the language only. */
static void
test_offer_export_stdout_lang (Fixture       *f,
                               gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *number = create_offer_then_change (f);
  g_autofree char *text = NULL;
  g_autofree char *other = NULL;
  g_autofree char *json = NULL;

  RUN (f, &run, "--db", "@DB", "offer", "export", number, "--json", "-");
  g_assert_cmpint (run.status, ==, 0);
  json = read_file (f, "created.json");
  g_assert_cmpstr (run.out, ==, json);
  RUN (f, &run, "--db", "@DB", "offer", "export", number, "--pdf", "@D/nb.pdf", "--lang", "nb");
  g_assert_cmpint (run.status, ==, 0);
  text = pdf_text (f, "nb.pdf");
  other = pdf_text (f, "created.pdf");
  if (text != NULL)
    {
      g_assert_cmpstr (text, !=, other);
      g_assert_nonnull (strstr (text, "Nordlys Telekom AS"));
      g_assert_null (strstr (text, "Nytt Navn AS"));
      /* The same details as the window's documents (ssa_document_details_load()): the
       * customer as the offer was made for, in full, the references, the acceptance
       * block, and the price list's name, never its id. */
      g_assert_nonnull (strstr (text, "Nidaros Bygg og Anlegg AS"));
      g_assert_null (strstr (text, "Annen Kunde AS"));
      g_assert_nonnull (strstr (text, "Org.nr. 971 258 063"));
      g_assert_nonnull (strstr (text, "Org.nr. 988 077 917 MVA"));
      g_assert_nonnull (strstr (text, "Kjøpmannsgata 47"));
      g_assert_nonnull (strstr (text, "Vår ref."));
      g_assert_nonnull (strstr (text, "Deres ref."));
      g_assert_nonnull (strstr (text, "Akseptfrist"));
      g_assert_nonnull (strstr (text, "Akseptert for Nidaros Bygg og Anlegg AS"));
      g_assert_nonnull (strstr (text, "innovaphone, 01.11.2026"));
      g_assert_null (strstr (text, "sample-2026-11"));
    }
}

/* Malformed, and refused. */
static void
test_offer_export_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *number = create_offer_then_change (f);

  RUN (f, &run, "--db", "@DB", "offer", "export", number);
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "offer", "export", "--json", "-");
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "offer", "export", "1999-0001", "--json", "-");
  assert_refused (&run, "There is no offer 1999-0001");
  RUN (f, &run, "--db", "@DB", "offer", "export", number, "--pdf", "@D/x.pdf", "--lang", "de");
  assert_refused (&run, "--lang");
  g_assert_false (g_file_test (f->db, G_FILE_TEST_IS_DIR));
}

/* An offer as schema version 1 stored it, without its seller. */
static void
test_offer_export_without_seller (Fixture       *f,
                                  gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *number = create_offer_then_change (f);
  g_autofree char *text = NULL;

  db_exec (f->db, "DROP TRIGGER offers_immutable; UPDATE offers SET seller = NULL, "
                  "seller_logo = NULL");
  RUN (f, &run, "--db", "@DB", "offer", "export", number, "--pdf", "@D/old.pdf");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, "was stored before SSA Desk kept the seller"));
  text = pdf_text (f, "old.pdf");
  if (text != NULL)
    g_assert_nonnull (strstr (text, "Nytt Navn AS"));
}

/* Export reads: a database file that cannot be written (as another user than root) is
 * enough, and is left as it was. */
static void
test_offer_export_read_only (Fixture       *f,
                             gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *number = g_strdup_printf ("%d-0001", this_year ());
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *pdf = g_build_filename (out, "offer.pdf", NULL);
  gint64 mtime_before, mtime_after;
  const char * const export_args[] = { "--db", "@DB", "offer", "export", number, "--json",
                                       "@D/out/offer.json", "--pdf", "@D/out/offer.pdf", NULL };
  const char * const create_args[] = { "--db", "@DB", "offer", "create", "--installation", "1",
                                       NULL };

  RUN (f, &run, "--db", "@DB", "import", "@S/renewal-in-time.json");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today",
       "2026-11-28");
  g_assert_cmpint (run.status, ==, 0);

  /* The folder stays writable (SQLite keeps its shared memory beside the database); the
   * file does not. */
  g_assert_cmpint (g_mkdir (out, 0777), ==, 0);
  g_assert_cmpint (g_chmod (out, 0777), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (f->db, 0444), ==, 0);
  before = file_digest (f->db, &mtime_before);

  test_cli_run_clear (&run);
  run_full (f, export_args, drop_privileges, NULL, &run);
  if (run.status == 125)
    {
      g_test_skip ("could not run ssa-desk-cli as another user");
      return;
    }
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  /* A write is refused. */
  test_cli_run_clear (&run);
  run_full (f, create_args, drop_privileges, NULL, &run);
  assert_refused (&run, "read-only");

  after = file_digest (f->db, &mtime_after);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (mtime_before, ==, mtime_after);
}

/* The line of stderr after "Write them again with:", as a command line for the built CLI. */
static GPtrArray *
again_command (const Fixture *f,
               const char    *err)
{
  const char *marker = "Write them again with:\n  ";
  const char *start = strstr (err, marker);
  g_autofree char *line = NULL;
  g_auto(GStrv) words = NULL;
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (start);
  start += strlen (marker);
  line = g_strndup (start, strcspn (start, "\n"));
  g_test_message ("again: %s", line);
  g_assert_true (g_shell_parse_argv (line, NULL, &words, NULL));
  g_assert_cmpstr (words[0], ==, "ssa-desk-cli");
  g_ptr_array_add (argv, g_strdup (f->cli));
  for (guint i = 1; words[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (words[i]));
  g_ptr_array_add (argv, NULL);
  return argv;
}

/* Replaces the argument @old of @argv by @replacement; @old must be there. */
static void
replace_argument (GPtrArray  *argv,
                  const char *old,
                  const char *replacement)
{
  for (guint i = 0; i + 1 < argv->len; i++)
    if (g_str_equal (g_ptr_array_index (argv, i), old))
      {
        g_free (g_ptr_array_index (argv, i));
        argv->pdata[i] = g_strdup (replacement);
        return;
      }
  g_assert_not_reached ();
}

/* Stored first, documents after: when the documents cannot be written after the offer was
 * stored (here the PDF goes to /dev/full, a device whose every write fails as a full disk
 * does, which no check beforehand can tell), the offer stays stored, nothing else is
 * written (all files or none), and the message names the number and the command that
 * writes them again, which then does. */
static void
test_offer_documents_fail (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *number = g_strdup_printf ("%d-0001", this_year ());
  g_autofree char *revision = g_strdup_printf ("%d-0001-R2", this_year ());
  g_autofree char *later = g_build_filename (f->dir, "later", NULL);
  g_autofree char *json_path = g_build_filename (f->dir, "my offer.json", NULL);
  g_autofree char *pdf_path = g_build_filename (later, "offer.pdf", NULL);
  g_autofree char *expected = NULL;
  g_auto(GStrv) envp = environment (f);
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GError) error = NULL;

  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today",
       "2026-11-28", "--json", "@D/my offer.json", "--pdf", "/dev/full");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  expected = g_strdup_printf ("Offer %s was stored, but its files were not written.", number);
  g_assert_nonnull (strstr (run.err, expected));
  g_assert_nonnull (strstr (run.err, "offer export"));
  g_assert_false (g_file_test (json_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM offers"), ==, 1);

  g_assert_nonnull (strstr (run.err, "/dev/full"));

  /* The command it names writes them, to a file that has room. */
  argv = again_command (f, run.err);
  replace_argument (argv, "/dev/full", pdf_path);
  g_assert_cmpint (g_mkdir (later, 0700), ==, 0);
  test_cli_run_clear (&run);
  g_assert_true (test_cli_spawn ("/", argv, envp, NULL, NULL, 40, &run, &error));
  g_assert_no_error (error);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (json_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&argv, g_ptr_array_unref);

  /* The same for a revision. */
  test_remove_tree (later);
  RUN (f, &run, "--db", "@DB", "offer", "revise", number, "--pdf", "/dev/full");
  g_assert_cmpint (run.status, ==, 1);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("Offer %s was stored", revision);
  g_assert_nonnull (strstr (run.err, expected));
  argv = again_command (f, run.err);
  replace_argument (argv, "/dev/full", pdf_path);
  g_assert_nonnull (strstr (run.err, revision));
  g_assert_cmpint (g_mkdir (later, 0700), ==, 0);
  test_cli_run_clear (&run);
  g_assert_true (test_cli_spawn ("/", argv, envp, NULL, NULL, 40, &run, &error));
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (pdf_path, G_FILE_TEST_IS_REGULAR));
}

/* The limits, through the commands on the database: refused with the limit named, nothing
 * stored. */
static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(GString) json = g_string_new ("{ \"format\": \"ssa-desk-installation/1\", "
                                          "\"deployment\": \"appliance\", \"licenses\": [");
  g_autoptr(GString) csv = g_string_new ("code;quantity\n");
  g_autofree char *json_path = g_build_filename (f->dir, "big.json", NULL);
  g_autofree char *csv_path = g_build_filename (f->dir, "big.csv", NULL);
  gint64 n_lines;

  for (guint i = 0; i <= 10000; i++)
    {
      g_string_append_printf (json, "%s{ \"code\": \"02-00039-002\", \"quantity\": 1 }",
                              i > 0 ? "," : "");
      g_string_append (csv, "02-00039-002;1\n");
    }
  g_string_append (json, "] }\n");
  g_assert_true (g_file_set_contents (json_path, json->str, -1, NULL));
  g_assert_true (g_file_set_contents (csv_path, csv->str, -1, NULL));

  RUN (f, &run, "--db", "@DB", "import", "@D/big.json");
  assert_refused (&run, "10001 licence lines are more than the 10000");
  /* Refused before any work: the database is not even made. */
  g_assert_false (g_file_test (f->db, G_FILE_TEST_EXISTS));

  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json");
  g_assert_cmpint (run.status, ==, 0);
  n_lines = db_int (f->db, "SELECT count(*) FROM licences");
  g_assert_cmpint (n_lines, >, 0);
  RUN (f, &run, "--db", "@DB", "import-csv", "--installation", "1", "@D/big.csv");
  assert_refused (&run, "10001 licence lines");
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM licences"), ==, n_lines);

  /* The offer's period past the last day: in words, not SQLite's CHECK. */
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--today",
       "9999-12-31");
  assert_refused (&run, "would be in the year 10000: SSA Desk takes dates from 1900-01-01 to "
                        "9999-12-31");
  g_assert_null (strstr (run.err, "CHECK"));
  g_assert_null (strstr (run.err, "constraint"));
  RUN (f, &run, "--db", "@DB", "offer", "create", "--installation", "1", "--start",
       "1899-12-31");
  assert_refused (&run, "--start: “1899-12-31” is outside the limit");
  g_assert_cmpint (db_int (f->db, "SELECT count(*) FROM offers"), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli-db/session/installations", test_session_installations);
  ADD ("/cli-db/session/offers", test_session_offers);
  ADD ("/cli-db/session/statuses", test_session_statuses);
  ADD ("/cli-db/session/renewals", test_session_renewals);
  ADD ("/cli-db/session/export", test_session_export);
  ADD ("/cli-db/session/default-db", test_session_default_db);
  ADD ("/cli-db/exit-statuses", test_exit_statuses);
  ADD ("/cli-db/newer-refused", test_newer_refused);
  ADD ("/cli-db/not-a-file", test_not_a_file);
  ADD ("/cli-db/negative-version", test_negative_version);
  ADD ("/cli-db/strict-inputs", test_strict_inputs);
  ADD ("/cli-db/read-only", test_read_only);
  ADD ("/cli-db/damaged", test_damaged);
  ADD ("/cli-db/backups/daily", test_backups_daily);
  ADD ("/cli-db/backups/by-hand", test_backups_by_hand);
  ADD ("/cli-db/backups/restore", test_backups_restore);
  ADD ("/cli-db/backups/restore-refused", test_backups_restore_refused);
  ADD ("/cli-db/full-disk", test_full_disk);
  ADD ("/cli-db/outputs-refused", test_outputs_refused);
  ADD ("/cli-db/outputs-stdout", test_outputs_stdout);
  ADD ("/cli-db/concurrent-offers", test_concurrent_offers);
  ADD ("/cli-db/offer-export/same-documents", test_offer_export);
  ADD ("/cli-db/offer-export/stdout-and-lang", test_offer_export_stdout_lang);
  ADD ("/cli-db/offer-export/refused", test_offer_export_refused);
  ADD ("/cli-db/offer-export/without-seller", test_offer_export_without_seller);
  ADD ("/cli-db/offer-export/read-only", test_offer_export_read_only);
  ADD ("/cli-db/offer-export/after-failure", test_offer_documents_fail);
  ADD ("/cli-db/limits", test_limits);
  ADD ("/cli-db/offer-co-term", test_offer_co_term);
  ADD ("/cli-db/offer-true-up", test_offer_true_up);
  ADD ("/cli-db/offer-alternatives/bad-spec", test_offer_alternatives_bad_spec);
  ADD ("/cli-db/offer-alternatives/each-alone", test_offer_alternatives_each_alone);
  ADD ("/cli-db/offer-alternatives/pdf", test_offer_alternatives_pdf);
  ADD ("/cli-db/offer-alternatives/accept", test_offer_alternatives_accept);

#undef ADD

  return g_test_run ();
}
