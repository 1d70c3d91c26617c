/* test-backup.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "ssa-backup.h"
#include "ssa-db.h"
#include "ssa-db-private.h"
#include "ssa-samples.h"

#include "test-damage.h"
#include "test-util.h"

/* The safety of the database on real SQLite files in a temporary folder: read-only
 * connections, SQLite's checks on a file with a damaged page, and the automatic backups
 * (taken and verified, listed, due once a day, rotated by days and weeks, restored with the
 * current file kept aside, taken before a migration). */

typedef struct
{
  char  *dir;
  char  *path;
  char  *folder;  /* the backups */
  SsaDb *db;
} Fixture;

static gint64
import_sample (SsaDb      *db,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = ssa_samples_load_installation (name, &error);
  gint64 id = 0;

  g_assert_no_error (error);
  ssa_db_import_inventories (db, &inventory, &name, 1, &id, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-backup-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ssa-desk.db", NULL);
  f->folder = ssa_backup_dup_folder (f->path);
  f->db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  import_sample (f->db, "lapsed.json");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->db, ssa_db_close);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->folder);
}

static gint64
count_installations (const char *path)
{
  return test_damage_pragma (path, "SELECT count(*) FROM installations");
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in the backup folder, sorted, hidden ones included. */
static char *
folder_names (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Read-only connections. */

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GArray) rows = NULL;

  g_assert_false (ssa_db_is_read_only (f->db));
  g_assert_null (ssa_db_get_read_only_reason (f->db));
  g_assert_true (ssa_db_check_writable (f->db, &error));
  g_assert_no_error (error);

  db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_db_is_read_only (db));
  g_assert_nonnull (ssa_db_get_read_only_reason (db));
  g_assert_false (ssa_db_check_writable (db, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, ssa_db_get_read_only_reason (db)));
  g_clear_error (&error);

  /* Reads work, writes are refused with the same error. */
  rows = ssa_db_list_installations (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_false (ssa_db_delete_installation (db, 1, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY);
  g_assert_cmpint (count_installations (f->path), ==, 1);
}

/* SQLite's checks. */

static void
test_check_damaged (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  gint64 page;

  g_assert_true (ssa_db_check (f->db, SSA_DB_CHECK_QUICK, &error));
  g_assert_no_error (error);
  g_assert_true (ssa_db_check (f->db, SSA_DB_CHECK_FULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&f->db, ssa_db_close);

  test_damage_fill (f->path, 5000);
  page = test_damage_page (f->path);
  g_test_message ("overwrote page %" G_GINT64_FORMAT, page);

  db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (SsaDbCheck how = SSA_DB_CHECK_QUICK; how <= SSA_DB_CHECK_FULL; how++)
    {
      g_autofree char *page_text = g_strdup_printf ("Page %" G_GINT64_FORMAT, page);

      g_assert_false (ssa_db_check (db, how, &error));
      g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_DAMAGED);
      g_test_message ("%s", error->message);
      /* In words: which table; then SQLite's own lines. */
      g_assert_nonnull (strstr (error->message, "is damaged: table licences."));
      g_assert_null (strstr (error->message, "table customers"));
      g_assert_nonnull (strstr (error->message, "restore it from a backup"));
      g_assert_nonnull (strstr (error->message, page_text));
      g_clear_error (&error);
    }
}

/* Taking, listing and verifying. */

static void
test_take (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *base = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GRegex) pattern = NULL;
  SsaBackupInfo *info;
  GStatBuf st;

  backups = ssa_backup_list (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 0);
  g_clear_pointer (&backups, g_ptr_array_unref);

  g_assert_true (ssa_backup_take (f->db, SSA_BACKUP_REASON_MANUAL, &first, &error));
  g_assert_no_error (error);
  import_sample (f->db, "co-terming.json");
  g_assert_true (ssa_backup_take (f->db, SSA_BACKUP_REASON_DAILY, &second, &error));
  g_assert_no_error (error);

  /* Beside the database, named by time and reason, and nothing else left there. */
  g_assert_true (g_str_has_prefix (first, f->folder));
  base = g_path_get_basename (first);
  pattern = g_regex_new ("^\\d{4}-\\d{2}-\\d{2}T\\d{6}Z-manual\\.db$", 0, 0, NULL);
  g_assert_true (g_regex_match (pattern, base, 0, NULL));
  names = folder_names (f->folder);
  g_assert_cmpint (names[0], !=, '.');
  g_assert_null (strstr (names, " ."));
  g_assert_cmpint (count_installations (first), ==, 1);
  g_assert_cmpint (count_installations (second), ==, 2);
  g_assert_true (ssa_backup_verify (first, &error));
  g_assert_no_error (error);

  backups = ssa_backup_list (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 2);
  /* Newest first, also within one second. */
  g_assert_cmpstr (ssa_backup_info_get_path (g_ptr_array_index (backups, 0)), ==, second);
  info = g_ptr_array_index (backups, 1);
  g_assert_cmpstr (ssa_backup_info_get_path (info), ==, first);
  g_assert_cmpstr (ssa_backup_info_get_reason (info), ==, SSA_BACKUP_REASON_MANUAL);
  g_assert_cmpstr (ssa_backup_info_get_reason_label (info), ==, "Taken by hand");
  {
    g_autofree char *reason = NULL;
    g_autofree char *label = NULL;
    g_autoptr(GDateTime) when = NULL;
    gint64 size = 0;

    g_object_get (info, "reason", &reason, "reason-label", &label, "taken", &when,
                  "size", &size, NULL);
    g_assert_cmpstr (reason, ==, "manual");
    g_assert_cmpstr (label, ==, "Taken by hand");
    g_assert_true (g_date_time_equal (when, ssa_backup_info_get_taken (info)));
    g_assert_cmpint (size, ==, ssa_backup_info_get_size (info));
  }
  g_assert_cmpint (g_stat (first, &st), ==, 0);
  g_assert_cmpint (ssa_backup_info_get_size (info), ==, st.st_size);
  g_assert_cmpint (g_date_time_difference (ssa_backup_info_get_taken (info), before), >,
                   -G_TIME_SPAN_SECOND);
  g_assert_cmpint (g_date_time_difference (ssa_backup_info_get_taken (info), before), <,
                   60 * G_TIME_SPAN_SECOND);
}

static void
test_verify_refuses (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_build_filename (f->dir, "notes.db", NULL);
  g_autofree char *copy = NULL;

  g_assert_true (g_file_set_contents (text, "not a database at all, but long enough to be "
                                      "read as one by a careless program", -1, NULL));
  g_assert_false (ssa_backup_verify (text, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "cannot be used"));
  g_clear_error (&error);

  /* A backup with a damaged page. */
  g_clear_pointer (&f->db, ssa_db_close);
  test_damage_fill (f->path, 5000);
  f->db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_backup_take (f->db, SSA_BACKUP_REASON_MANUAL, &copy, &error));
  g_assert_no_error (error);
  test_damage_page (copy);
  g_assert_false (ssa_backup_verify (copy, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "table licences"));
}

/* A damaged database makes a damaged copy: it is deleted and never counts. */
static void
test_take_damaged (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *path = NULL;
  g_autofree char *names = NULL;
  gboolean taken = TRUE;

  g_clear_pointer (&f->db, ssa_db_close);
  test_damage_fill (f->path, 5000);
  test_damage_page (f->path);
  f->db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  g_assert_false (ssa_backup_take (f->db, SSA_BACKUP_REASON_MANUAL, &path, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "failed SQLite's check and was deleted"));
  g_assert_null (path);
  g_clear_error (&error);

  g_assert_false (ssa_backup_run_if_due (f->db, &taken, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_DAMAGED);
  g_assert_false (taken);

  names = folder_names (f->folder);
  g_assert_cmpstr (names, ==, "");
  backups = ssa_backup_list (f->path, NULL);
  g_assert_cmpuint (backups->len, ==, 0);
}

/* The daily backup. */

static void
test_due (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(SsaDb) reader = NULL;
  gboolean taken = FALSE;

  /* A read-only connection never takes one. */
  reader = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_backup_run_if_due (reader, &taken, &error));
  g_assert_no_error (error);
  g_assert_false (taken);

  g_assert_true (ssa_backup_is_due (f->path, NULL));
  g_assert_true (ssa_backup_run_if_due (f->db, &taken, &error));
  g_assert_no_error (error);
  g_assert_true (taken);
  g_assert_false (ssa_backup_is_due (f->path, NULL));
  g_assert_true (ssa_backup_is_due (f->path, tomorrow));

  /* At most one a day. */
  g_assert_true (ssa_backup_run_if_due (f->db, &taken, &error));
  g_assert_no_error (error);
  g_assert_false (taken);
  backups = ssa_backup_list (f->path, &error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (ssa_backup_info_get_reason (g_ptr_array_index (backups, 0)), ==,
                   SSA_BACKUP_REASON_DAILY);
}

/* Rotation, on files named for the days they stand for. */

static void
make_backup_file (const char *folder,
                  int         year,
                  int         month,
                  int         day,
                  int         hour,
                  const char *reason)
{
  g_autofree char *name = g_strdup_printf ("%04d-%02d-%02dT%02d0000Z-%s.db", year, month, day,
                                           hour, reason);
  g_autofree char *path = g_build_filename (folder, name, NULL);

  g_assert_true (g_file_set_contents (path, name, -1, NULL));
}

static void
test_rotate (Fixture       *f,
             gconstpointer  data)
{
  /* Wednesday 9 December 2026, 21:00 UTC (the tests run in UTC): this week began on Monday
   * the 7th. */
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 9, 21, 0, 0);
  g_autofree char *names = NULL;
  g_autofree char *notes = g_build_filename (f->folder, "notes.txt", NULL);
  GDate date;

  g_assert_cmpint (g_mkdir (f->folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (notes, "mine", -1, NULL));

  /* Two backups a day for 60 days back, a migration backup early today and one before a
   * restore early on the 5th. */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 9, G_DATE_DECEMBER, 2026);
  for (guint i = 0; i < 60; i++)
    {
      make_backup_file (f->folder, g_date_get_year (&date), g_date_get_month (&date),
                        g_date_get_day (&date), 6, "daily");
      make_backup_file (f->folder, g_date_get_year (&date), g_date_get_month (&date),
                        g_date_get_day (&date), 20, "daily");
      g_date_subtract_days (&date, 1);
    }
  make_backup_file (f->folder, 2026, 12, 9, 3, "migration");
  make_backup_file (f->folder, 2026, 12, 5, 1, "before-restore");

  ssa_backup_rotate_at (f->path, 7, 4, now);

  /* The newest of each of the 7 days from the 3rd to the 9th, and the newest of each of
   * the 4 weeks that began on Mondays 16 November to 7 December (those of this week and
   * the last are already kept as the newest of their days). Other files are left alone. */
  names = folder_names (f->folder);
  g_assert_cmpstr (names, ==,
                   "2026-11-22T200000Z-daily.db "
                   "2026-11-29T200000Z-daily.db "
                   "2026-12-03T200000Z-daily.db "
                   "2026-12-04T200000Z-daily.db "
                   "2026-12-05T200000Z-daily.db "
                   "2026-12-06T200000Z-daily.db "
                   "2026-12-07T200000Z-daily.db "
                   "2026-12-08T200000Z-daily.db "
                   "2026-12-09T200000Z-daily.db "
                   "notes.txt");

  /* Rotating again changes nothing; a day later, the 3rd is one day too old. */
  ssa_backup_rotate_at (f->path, 7, 4, now);
  g_clear_pointer (&names, g_free);
  names = folder_names (f->folder);
  g_assert_nonnull (strstr (names, "2026-12-03T200000Z"));
  {
    g_autoptr(GDateTime) next_day = g_date_time_add_days (now, 1);

    ssa_backup_rotate_at (f->path, 7, 4, next_day);
    g_clear_pointer (&names, g_free);
    names = folder_names (f->folder);
    g_assert_null (strstr (names, "2026-12-03T200000Z"));
    g_assert_nonnull (strstr (names, "2026-12-04T200000Z"));
    g_assert_nonnull (strstr (names, "2026-11-22T200000Z"));
  }
}

static void
test_rotate_keeps_newest (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 9, 21, 0, 0);
  g_autofree char *names = NULL;

  /* Backups older than every rule: the newest of them stays. */
  g_assert_cmpint (g_mkdir (f->folder, 0700), ==, 0);
  make_backup_file (f->folder, 2026, 6, 1, 10, "daily");
  make_backup_file (f->folder, 2026, 6, 2, 10, "migration");
  make_backup_file (f->folder, 2026, 6, 2, 9, "daily");
  ssa_backup_rotate_at (f->path, 7, 4, now);
  names = folder_names (f->folder);
  g_assert_cmpstr (names, ==, "2026-06-02T100000Z-migration.db");

  /* A backup dated after today (a clock that was wrong) is kept; with no days and no weeks
   * to keep, it is the only one left. */
  make_backup_file (f->folder, 2026, 12, 9, 8, "daily");
  make_backup_file (f->folder, 2026, 12, 9, 7, "daily");
  make_backup_file (f->folder, 2027, 1, 1, 7, "manual");
  ssa_backup_rotate_at (f->path, 0, 0, now);
  g_clear_pointer (&names, g_free);
  names = folder_names (f->folder);
  g_assert_cmpstr (names, ==, "2027-01-01T070000Z-manual.db");
}

/* Restoring. */

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(SsaDb) other = NULL;

  g_assert_true (ssa_backup_take (f->db, SSA_BACKUP_REASON_MANUAL, &backup, &error));
  g_assert_no_error (error);
  import_sample (f->db, "co-terming.json");
  import_sample (f->db, "firmware-6.json");
  /* The last changes are in the write-ahead log, which another connection holds open. */
  other = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_installations (f->path), ==, 3);

  g_assert_true (ssa_backup_restore (f->path, backup, &aside, &error));
  g_assert_no_error (error);

  /* The database is the backup, seen by a new connection and by those open before. */
  g_assert_cmpint (count_installations (f->path), ==, 1);
  rows = ssa_db_list_installations (other, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (ssa_db_check (other, SSA_DB_CHECK_FULL, &error));
  g_assert_no_error (error);

  /* What it was is kept aside, whole, as a backup before the restore. */
  g_assert_nonnull (aside);
  g_assert_true (g_str_has_prefix (aside, f->folder));
  g_assert_true (g_str_has_suffix (aside, "-before-restore.db"));
  g_assert_cmpint (count_installations (aside), ==, 3);
  backups = ssa_backup_list (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (backups->len, ==, 2);

  /* The database itself is not a backup of itself. */
  g_assert_false (ssa_backup_restore (f->path, f->path, NULL, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
}

static void
test_restore_damaged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(SsaDb) db = NULL;

  g_assert_true (ssa_backup_take (f->db, SSA_BACKUP_REASON_DAILY, &backup, &error));
  g_assert_no_error (error);
  g_clear_pointer (&f->db, ssa_db_close);
  test_damage_fill (f->path, 5000);
  test_damage_page (f->path);

  g_assert_true (ssa_backup_restore (f->path, backup, &aside, &error));
  g_assert_no_error (error);

  db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_db_check (db, SSA_DB_CHECK_FULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_damage_pragma (f->path, "SELECT count(*) FROM licences"), <, 100);

  /* The damaged file is kept as it was, damage and all. */
  g_assert_nonnull (aside);
  g_assert_cmpint (test_damage_pragma (aside, "PRAGMA page_count"), >=, 40);
  g_assert_false (ssa_backup_verify (aside, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_DAMAGED);
}

static void
test_restore_refuses_bad_backup (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *names_before = NULL;
  g_autofree char *names_after = NULL;

  g_clear_pointer (&f->db, ssa_db_close);
  test_damage_fill (f->path, 5000);
  f->db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_backup_take (f->db, SSA_BACKUP_REASON_DAILY, &backup, &error));
  g_assert_no_error (error);
  import_sample (f->db, "co-terming.json");
  test_damage_page (backup);
  names_before = folder_names (f->folder);

  g_assert_false (ssa_backup_restore (f->path, backup, &aside, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_DAMAGED);
  g_assert_null (aside);

  /* Nothing changed: no copy aside, the database as it was. */
  names_after = folder_names (f->folder);
  g_assert_cmpstr (names_before, ==, names_after);
  g_assert_cmpint (count_installations (f->path), ==, 2);
}

/* A file SQLite cannot read at all, with a stale write-ahead log beside it: it is copied
 * aside byte for byte and replaced whole, and the old log is never read with the new file. */
static void
test_restore_not_a_database (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *aside_wal = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *junk = g_strnfill (8192, 'x');
  g_autofree char *kept = NULL;
  g_autofree char *kept_wal = NULL;
  g_autoptr(SsaDb) db = NULL;
  gsize length = 0;

  g_assert_true (ssa_backup_take (f->db, SSA_BACKUP_REASON_DAILY, &backup, &error));
  g_assert_no_error (error);
  g_clear_pointer (&f->db, ssa_db_close);
  g_assert_true (g_file_set_contents (f->path, junk, -1, NULL));
  g_assert_true (g_file_set_contents (wal, "a stale log", -1, NULL));
  db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  g_assert_true (ssa_backup_restore (f->path, backup, &aside, &error));
  g_assert_no_error (error);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_db_check (db, SSA_DB_CHECK_FULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_installations (f->path), ==, 1);

  g_assert_true (g_file_get_contents (aside, &kept, &length, NULL));
  g_assert_cmpstr (kept, ==, junk);
  aside_wal = g_strconcat (aside, "-wal", NULL);
  g_assert_true (g_file_get_contents (aside_wal, &kept_wal, NULL, NULL));
  g_assert_cmpstr (kept_wal, ==, "a stale log");
}

/* The backup before a migration. */

static void
test_migration_hook (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autofree char *blocker = NULL;

  /* A new database (version 0) has nothing to keep; nor has a database already at the
   * version. */
  g_assert_true (ssa_db_backup_before_migration (f->db, 0, 1, &error));
  g_assert_no_error (error);
  g_assert_true (ssa_db_backup_before_migration (f->db, 2, 2, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (f->folder, G_FILE_TEST_EXISTS));

  /* From a version with data to a higher one: a verified backup first. */
  g_assert_true (ssa_db_backup_before_migration (f->db, 1, 2, &error));
  g_assert_no_error (error);
  backups = ssa_backup_list (f->path, &error);
  g_assert_cmpuint (backups->len, ==, 1);
  g_assert_cmpstr (ssa_backup_info_get_reason (g_ptr_array_index (backups, 0)), ==,
                   SSA_BACKUP_REASON_MIGRATION);
  g_assert_cmpint (count_installations (ssa_backup_info_get_path (g_ptr_array_index (backups,
                                                                                      0))),
                   ==, 1);

  /* When it cannot be taken, the migration must not run. */
  test_remove_tree (f->folder);
  blocker = g_strdup (f->folder);
  g_assert_true (g_file_set_contents (blocker, "a file where the folder would be", -1, NULL));
  g_assert_false (ssa_db_backup_before_migration (f->db, 1, 2, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "was not upgraded"));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/backup/read-only", test_read_only);
  ADD ("/backup/check-damaged", test_check_damaged);
  ADD ("/backup/take", test_take);
  ADD ("/backup/verify-refuses", test_verify_refuses);
  ADD ("/backup/take-damaged", test_take_damaged);
  ADD ("/backup/due", test_due);
  ADD ("/backup/rotate", test_rotate);
  ADD ("/backup/rotate-keeps-newest", test_rotate_keeps_newest);
  ADD ("/backup/restore", test_restore);
  ADD ("/backup/restore-damaged", test_restore_damaged);
  ADD ("/backup/restore-not-a-database", test_restore_not_a_database);
  ADD ("/backup/restore-refuses-bad-backup", test_restore_refuses_bad_backup);
  ADD ("/backup/migration-hook", test_migration_hook);

  return g_test_run ();
}
