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
#include <sys/wait.h>
#include <sqlite3.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-cli-util.h"
#include "test-damage.h"
#include "test-util.h"

/* The commands on the app's database, run against the built ssa-desk-cli: a whole session
 * with the JSON shapes of formats-and-cli.md, exit statuses, a database from a newer version
 * left untouched, a read-only database and a full disk refused cleanly, and several
 * processes creating offers at once while some are killed, without lost, duplicate or
 * missing numbers. */

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

/* A whole session. */

static void
test_session (Fixture       *f,
              gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *first = g_strdup_printf ("%d-0001", this_year ());
  g_autofree char *second = g_strdup_printf ("%d-0002", this_year ());
  g_autofree char *revision = g_strdup_printf ("%d-0001-R2", this_year ());
  g_autofree char *first_line = g_strdup_printf ("%s\n", first);
  JsonArray *array;
  JsonObject *object;

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
  RUN (f, &run, "--db", "@DB", "offer", "status", first, "accepted");
  assert_refused (&run, revision);

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

  /* Without --db: the default database under XDG_DATA_HOME, made on first use. */
  RUN (f, &run, "installations", "--json");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (g_strstrip (run.out), ==, "[]");
  {
    g_autofree char *path = g_build_filename (f->data_home, "ssa-desk", "ssa-desk.db", NULL);

    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
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
              n_killed++;
              continue;
            }
          g_assert_true (WIFEXITED (wait_status));
          g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);
          g_strstrip (out);
          g_assert_true (g_str_has_prefix (out, "20"));
          /* Never the same number twice. */
          g_assert_false (g_hash_table_contains (printed, out));
          g_hash_table_add (printed, g_steal_pointer (&out));
          n_survived++;
        }
    }
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
static void
test_backups (Fixture       *f,
              gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GRegex) taken = g_regex_new ("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$", 0, 0,
                                         NULL);
  g_autofree char *manual = NULL;
  g_autofree char *manual_name = NULL;
  JsonArray *backups;
  JsonObject *entry;

  RUN (f, &run, "--db", "@DB", "backups");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "There are no backups"));

  /* The first writing command of the day takes the daily backup; the next does not. */
  RUN (f, &run, "--db", "@DB", "import", "@S/renewal-in-time.json");
  g_assert_cmpint (run.status, ==, 0);
  RUN (f, &run, "--db", "@DB", "import", "@S/lapsed.json");
  g_assert_cmpint (run.status, ==, 0);
  backups = list_backups (f, &run, &root);
  g_assert_cmpuint (json_array_get_length (backups), ==, 1);
  entry = json_array_get_object_element (backups, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "reason"), ==, "daily");
  g_assert_true (g_regex_match (taken, json_object_get_string_member (entry, "taken"), 0,
                                NULL));
  g_assert_true (g_file_test (json_object_get_string_member (entry, "path"),
                              G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (json_object_get_int_member (entry, "size"), >, 0);
  g_clear_pointer (&root, json_node_unref);

  /* One by hand, with both installations. */
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
  g_clear_pointer (&root, json_node_unref);

  /* Restored by its bare name, as the list shows it. */
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

  RUN (f, &run, "--db", "@DB", "restore", "no-such-backup.db");
  assert_refused (&run, "there is no backup file no-such-backup.db");
  RUN (f, &run, "--db", "@DB", "restore");
  assert_usage (&run);
  RUN (f, &run, "--db", "@DB", "restore", "@DB");
  assert_refused (&run, "is the database itself");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/cli-db/session", test_session);
  ADD ("/cli-db/exit-statuses", test_exit_statuses);
  ADD ("/cli-db/newer-refused", test_newer_refused);
  ADD ("/cli-db/read-only", test_read_only);
  ADD ("/cli-db/damaged", test_damaged);
  ADD ("/cli-db/backups", test_backups);
  ADD ("/cli-db/full-disk", test_full_disk);
  ADD ("/cli-db/concurrent-offers", test_concurrent_offers);

#undef ADD

  return g_test_run ();
}
