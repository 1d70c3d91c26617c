/* ssa-backup.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-db"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ssa-backup.h"
#include "ssa-db-private.h"
#include "ssa-refresh.h"

/* The automatic backups: taking one (online backup API, verified before it counts), listing
 * them from their file names, the daily backup, rotation, and restoring one. */

struct _SsaBackupInfo
{
  GObject    parent_instance;

  char      *path;
  GDateTime *taken;
  char      *reason;
  goffset    size;
  gint64     modified;  /* µs: orders the backups of one second */
};

G_DEFINE_FINAL_TYPE (SsaBackupInfo, ssa_backup_info, G_TYPE_OBJECT)

/* Read-only, for lists that bind or sort by them (GtkPropertyExpression). */
enum
{
  PROP_0,
  PROP_PATH,
  PROP_TAKEN,
  PROP_REASON,
  PROP_REASON_LABEL,
  PROP_SIZE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "2026-12-06T182500Z-daily.db"; a second backup of the same second and reason gets ".2". */
#define NAME_PATTERN \
  "^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z-" \
  "(daily|migration|before-restore|manual)(\\.\\d+)?\\.db$"
#define STAMP_FORMAT "%Y-%m-%dT%H%M%SZ"
#define PENDING_PREFIX ".pending-"

static void
ssa_backup_info_finalize (GObject *object)
{
  SsaBackupInfo *self = SSA_BACKUP_INFO (object);

  g_free (self->path);
  g_clear_pointer (&self->taken, g_date_time_unref);
  g_free (self->reason);

  G_OBJECT_CLASS (ssa_backup_info_parent_class)->finalize (object);
}

static void
ssa_backup_info_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SsaBackupInfo *self = SSA_BACKUP_INFO (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_TAKEN:
      g_value_set_boxed (value, self->taken);
      break;

    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;

    case PROP_REASON_LABEL:
      g_value_set_string (value, ssa_backup_info_get_reason_label (self));
      break;

    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_backup_info_class_init (SsaBackupInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ssa_backup_info_finalize;
  object_class->get_property = ssa_backup_info_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TAKEN] =
    g_param_spec_boxed ("taken", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON_LABEL] =
    g_param_spec_string ("reason-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIZE] =
    g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_backup_info_init (SsaBackupInfo *self)
{
}

/* Returns: (transfer none): the backup file's full path */
const char *
ssa_backup_info_get_path (SsaBackupInfo *self)
{
  g_return_val_if_fail (SSA_IS_BACKUP_INFO (self), NULL);

  return self->path;
}

/* Returns: (transfer none): when the backup was taken, in UTC (from its file name) */
GDateTime *
ssa_backup_info_get_taken (SsaBackupInfo *self)
{
  g_return_val_if_fail (SSA_IS_BACKUP_INFO (self), NULL);

  return self->taken;
}

/* Returns: one of the SSA_BACKUP_REASON_* strings */
const char *
ssa_backup_info_get_reason (SsaBackupInfo *self)
{
  g_return_val_if_fail (SSA_IS_BACKUP_INFO (self), NULL);

  return self->reason;
}

/* Returns: the reason in words for a list, translated */
const char *
ssa_backup_info_get_reason_label (SsaBackupInfo *self)
{
  g_return_val_if_fail (SSA_IS_BACKUP_INFO (self), NULL);

  if (g_str_equal (self->reason, SSA_BACKUP_REASON_DAILY))
    return _("Daily");
  if (g_str_equal (self->reason, SSA_BACKUP_REASON_MIGRATION))
    return _("Before an upgrade");
  if (g_str_equal (self->reason, SSA_BACKUP_REASON_BEFORE_RESTORE))
    return _("Before a restore");
  return _("Taken by hand");
}

/* Returns: the size of the backup file in bytes */
goffset
ssa_backup_info_get_size (SsaBackupInfo *self)
{
  g_return_val_if_fail (SSA_IS_BACKUP_INFO (self), 0);

  return self->size;
}

static gboolean
is_reason (const char *reason)
{
  return g_strcmp0 (reason, SSA_BACKUP_REASON_DAILY) == 0 ||
         g_strcmp0 (reason, SSA_BACKUP_REASON_MIGRATION) == 0 ||
         g_strcmp0 (reason, SSA_BACKUP_REASON_BEFORE_RESTORE) == 0 ||
         g_strcmp0 (reason, SSA_BACKUP_REASON_MANUAL) == 0;
}

static GRegex *
get_name_regex (void)
{
  static gsize regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, (gsize) g_regex_new (NAME_PATTERN, G_REGEX_OPTIMIZE, 0, NULL));
  return (GRegex *) regex;
}

static int
match_int (GMatchInfo *match,
           int         group)
{
  g_autofree char *text = g_match_info_fetch (match, group);

  return (int) g_ascii_strtoll (text, NULL, 10);
}

/* Reads a backup's time and reason from its file name; FALSE for any other file. */
static gboolean
parse_name (const char  *name,
            GDateTime  **out_taken,
            char       **out_reason)
{
  g_autoptr(GMatchInfo) match = NULL;
  GDateTime *taken;

  if (!g_regex_match (get_name_regex (), name, 0, &match))
    return FALSE;

  taken = g_date_time_new_utc (match_int (match, 1), match_int (match, 2),
                               match_int (match, 3), match_int (match, 4),
                               match_int (match, 5), match_int (match, 6));
  if (taken == NULL)
    return FALSE;
  *out_taken = taken;
  *out_reason = g_match_info_fetch (match, 7);
  return TRUE;
}

/**
 * ssa_backup_dup_folder:
 * @db_path: the database file
 *
 * Returns: (transfer full): the folder of its backups, `DB_PATH-backups`
 */
char *
ssa_backup_dup_folder (const char *db_path)
{
  g_return_val_if_fail (db_path != NULL, NULL);

  return g_strconcat (db_path, "-backups", NULL);
}

/* A name for a new backup in @folder that no file has yet. */
static char *
new_backup_name (const char *folder,
                 const char *reason)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, STAMP_FORMAT);

  for (guint n = 1; ; n++)
    {
      g_autofree char *name = n == 1 ? g_strdup_printf ("%s-%s.db", stamp, reason)
                                     : g_strdup_printf ("%s-%s.%u.db", stamp, reason, n);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&name);
    }
}

/* Takes a backup of @db into its folder. @verify: whether it must pass the integrity check
 * to count (all but the copy of a database about to be replaced by a restore, which is
 * kept as it was, damaged or not). */
static gboolean
take_backup (SsaDb       *db,
             const char  *reason,
             gboolean     verify,
             char       **out_path,
             GError     **error)
{
  g_autofree char *folder = ssa_backup_dup_folder (ssa_db_get_path (db));
  g_autofree char *name = NULL;
  g_autofree char *pending_name = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GError) local_error = NULL;

  /* A team database has no file to copy beside it. */
  if (ssa_db_is_team (db))
    return ssa_db_backup (db, "-", error);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      display = g_filename_display_name (folder);
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY,
                   _("Could not create the backup folder %s: %s. Check that the database's "
                     "folder can be written."), display, g_strerror (saved_errno));
      return FALSE;
    }

  /* Written under a hidden name that no listing takes for a backup, checked, and only then
   * renamed to its own name. */
  name = new_backup_name (folder, reason);
  pending_name = g_strconcat (PENDING_PREFIX, name, NULL);
  pending = g_build_filename (folder, pending_name, NULL);
  path = g_build_filename (folder, name, NULL);
  display = g_filename_display_name (path);

  if (!ssa_db_backup (db, pending, error))
    return FALSE;

  if (verify && !ssa_backup_verify (pending, &local_error))
    {
      g_autofree char *db_display = g_filename_display_name (ssa_db_get_path (db));

      /* The copy has every page of the database as it is: the database is damaged too. */
      g_debug ("backup %s refused: %s", pending, local_error->message);
      g_unlink (pending);
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_DAMAGED,
                   _("The backup of %s failed SQLite's check and was deleted: the database "
                     "itself is probably damaged. Check it, and restore an earlier backup if "
                     "it is."), db_display);
      return FALSE;
    }

  if (g_rename (pending, path) != 0)
    {
      int saved_errno = errno;

      g_unlink (pending);
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FULL,
                   _("Could not write the backup %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return TRUE;
}

/**
 * ssa_backup_take:
 * @db: the database
 * @reason: one of the SSA_BACKUP_REASON_* strings
 * @out_path: (out) (optional) (transfer full): the backup file
 * @error: a #GError
 *
 * Copies @db with SQLite's online backup API into a new file of its backup folder
 * (ssa_backup_dup_folder()). The copy counts only once SQLite's integrity check found it
 * sound: one that fails is deleted and the call fails with SSA_DB_ERROR_DAMAGED. Nothing is
 * rotated: see ssa_backup_rotate().
 */
gboolean
ssa_backup_take (SsaDb       *db,
                 const char  *reason,
                 char       **out_path,
                 GError     **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (is_reason (reason), FALSE);

  return take_backup (db, reason, TRUE, out_path, error);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  SsaBackupInfo *info_a = *(SsaBackupInfo **) a;
  SsaBackupInfo *info_b = *(SsaBackupInfo **) b;
  int by_time = g_date_time_compare (info_b->taken, info_a->taken);

  if (by_time != 0)
    return by_time;
  if (info_a->modified != info_b->modified)
    return info_a->modified < info_b->modified ? 1 : -1;
  return g_strcmp0 (info_b->path, info_a->path);
}

/**
 * ssa_backup_list:
 * @db_path: the database file
 * @error: a #GError
 *
 * Lists the backups in the database's backup folder, newest first. Files whose names are
 * not those of backups are left out. No folder is no backups, not an error.
 *
 * Returns: (transfer full) (element-type SsaBackupInfo): the backups, or %NULL when the
 *   folder cannot be read
 */
GPtrArray *
ssa_backup_list (const char  *db_path,
                 GError     **error)
{
  g_autofree char *folder = NULL;
  g_autoptr(GPtrArray) backups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (db_path != NULL, NULL);

  folder = ssa_backup_dup_folder (db_path);
  dir = g_dir_open (folder, 0, &local_error);
  if (dir == NULL)
    {
      g_autofree char *display = NULL;

      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&backups);
      display = g_filename_display_name (folder);
      g_set_error (error, G_FILE_ERROR, local_error->code,
                   _("Could not read the backup folder %s: %s"), display,
                   local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(SsaBackupInfo) info = NULL;
      GDateTime *taken = NULL;
      char *reason = NULL;
      GStatBuf st;

      if (!parse_name (name, &taken, &reason))
        continue;

      info = g_object_new (SSA_TYPE_BACKUP_INFO, NULL);
      info->path = g_build_filename (folder, name, NULL);
      info->taken = taken;
      info->reason = reason;
      if (g_stat (info->path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      info->size = st.st_size;
      info->modified = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
      g_ptr_array_add (backups, g_steal_pointer (&info));
    }

  g_ptr_array_sort (backups, compare_newest_first);
  return g_steal_pointer (&backups);
}

/* The local calendar day of @time, as a Julian day number. */
static guint32
local_julian (GDateTime *time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local), g_date_time_get_year (local));
  return g_date_get_julian (&date);
}

/* The Monday that starts the week of the Julian day @julian (day 1 was a Monday). */
static guint32
monday_of (guint32 julian)
{
  return julian - (julian - 1) % 7;
}

/**
 * ssa_backup_is_due:
 * @db_path: the database file
 * @now: (nullable): the time to judge by; %NULL for now
 *
 * Returns: %TRUE when no backup, of any reason, was taken on the local calendar day of
 *   @now (or later)
 */
gboolean
ssa_backup_is_due (const char *db_path,
                   GDateTime  *now)
{
  g_autoptr(GDateTime) real_now = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  guint32 today;

  g_return_val_if_fail (db_path != NULL, FALSE);

  if (now == NULL)
    now = real_now = g_date_time_new_now_utc ();
  today = local_julian (now);

  /* A folder that cannot be read cannot take a backup either: taking one says why. */
  backups = ssa_backup_list (db_path, NULL);
  if (backups == NULL)
    return TRUE;
  for (guint i = 0; i < backups->len; i++)
    if (local_julian (ssa_backup_info_get_taken (g_ptr_array_index (backups, i))) >= today)
      return FALSE;
  return TRUE;
}

/**
 * ssa_backup_get_policy:
 * @out_keep_days: (out): the days of which the newest backup is kept
 * @out_keep_weeks: (out): the weeks of which the newest backup is kept
 *
 * Reads the backup-keep-days and backup-keep-weeks settings; their defaults when SSA Desk's
 * settings schema is not installed.
 */
void
ssa_backup_get_policy (guint *out_keep_days,
                       guint *out_keep_weeks)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  *out_keep_days = SSA_BACKUP_DEFAULT_KEEP_DAYS;
  *out_keep_weeks = SSA_BACKUP_DEFAULT_KEEP_WEEKS;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, SSA_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "backup-keep-days") ||
      !g_settings_schema_has_key (schema, "backup-keep-weeks"))
    return;

  settings = g_settings_new_full (schema, NULL, NULL);
  *out_keep_days = g_settings_get_uint (settings, "backup-keep-days");
  *out_keep_weeks = g_settings_get_uint (settings, "backup-keep-weeks");
}

/**
 * ssa_backup_run_if_due:
 * @db: the database
 * @out_taken: (out) (optional): whether a backup was taken
 * @error: a #GError
 *
 * Takes the daily backup when none was taken today (ssa_backup_is_due()) and then rotates
 * the backups by the settings (ssa_backup_get_policy()). A database opened read-only is
 * not backed up: nothing can have changed it through this connection.
 *
 * Returns: %FALSE when a backup was due and could not be taken
 */
gboolean
ssa_backup_run_if_due (SsaDb     *db,
                       gboolean  *out_taken,
                       GError   **error)
{
  guint keep_days, keep_weeks;

  g_return_val_if_fail (db != NULL, FALSE);

  if (out_taken != NULL)
    *out_taken = FALSE;
  /* A team database is backed up on its server, by its administrator. */
  if (ssa_db_is_team (db) || ssa_db_is_read_only (db) ||
      !ssa_backup_is_due (ssa_db_get_path (db), NULL))
    return TRUE;

  if (!ssa_backup_take (db, SSA_BACKUP_REASON_DAILY, NULL, error))
    return FALSE;
  if (out_taken != NULL)
    *out_taken = TRUE;

  ssa_backup_get_policy (&keep_days, &keep_weeks);
  ssa_backup_rotate (ssa_db_get_path (db), keep_days, keep_weeks);
  return TRUE;
}

/**
 * ssa_backup_rotate:
 * @db_path: the database file
 * @keep_days: how many days back (today included) the newest backup of each day is kept
 * @keep_weeks: how many Monday-to-Sunday weeks back (this week included) the newest backup
 *   of each week is kept
 *
 * Deletes the backups that no rule keeps, whatever their reason. The newest backup is
 * always kept, and so is one dated after today (a clock that was wrong).
 */
void
ssa_backup_rotate (const char *db_path,
                   guint       keep_days,
                   guint       keep_weeks)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  ssa_backup_rotate_at (db_path, keep_days, keep_weeks, now);
}

/* ssa_backup_rotate() as if it were @now: for tests. */
void
ssa_backup_rotate_at (const char *db_path,
                      guint       keep_days,
                      guint       keep_weeks,
                      GDateTime  *now)
{
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GHashTable) days_kept = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) weeks_kept = g_hash_table_new (NULL, NULL);
  guint32 today, this_monday;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (now != NULL);

  backups = ssa_backup_list (db_path, NULL);
  if (backups == NULL)
    return;

  today = local_julian (now);
  this_monday = monday_of (today);

  /* Newest first: the first backup met of a day or a week is its newest. */
  for (guint i = 0; i < backups->len; i++)
    {
      SsaBackupInfo *info = g_ptr_array_index (backups, i);
      guint32 day = local_julian (info->taken);
      guint32 monday = monday_of (day);
      gboolean keep = i == 0 || day > today;

      if (day <= today && today - day < keep_days &&
          !g_hash_table_contains (days_kept, GUINT_TO_POINTER (day)))
        {
          g_hash_table_add (days_kept, GUINT_TO_POINTER (day));
          keep = TRUE;
        }
      if (monday <= this_monday && (this_monday - monday) / 7 < keep_weeks &&
          !g_hash_table_contains (weeks_kept, GUINT_TO_POINTER (monday)))
        {
          g_hash_table_add (weeks_kept, GUINT_TO_POINTER (monday));
          keep = TRUE;
        }

      if (!keep)
        {
          /* With the log kept beside a copy of a database SQLite could not open. */
          g_autofree char *wal = g_strconcat (info->path, "-wal", NULL);

          g_unlink (info->path);
          g_unlink (wal);
        }
    }
}

/**
 * ssa_backup_verify:
 * @path: a backup file
 * @error: a #GError
 *
 * Checks that @path is a complete SSA Desk database that this version can read, with
 * SQLite's full integrity check. Nothing is written.
 *
 * Returns: %TRUE when it can be restored
 */
gboolean
ssa_backup_verify (const char  *path,
                   GError     **error)
{
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  display = g_filename_display_name (path);
  db = ssa_db_open (path, SSA_DB_OPEN_READ_ONLY, &local_error);
  if (db != NULL && ssa_db_get_schema_version (db) < 1)
    g_set_error (&local_error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE,
                 _("it holds no SSA Desk data"));
  else if (db != NULL)
    ssa_db_check (db, SSA_DB_CHECK_FULL, &local_error);

  if (local_error != NULL)
    {
      g_set_error (error, SSA_DB_ERROR,
                   local_error->domain == SSA_DB_ERROR ? local_error->code
                                                       : SSA_DB_ERROR_DAMAGED,
                   _("The backup %s cannot be used: %s"), display, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* Keeps the database at @db_path aside before a restore replaces it: a backup of it when
 * SQLite can read it, else a copy of its bytes (and of its write-ahead log). */
static gboolean
keep_aside (const char  *db_path,
            char       **out_path,
            GError     **error)
{
  g_autoptr(SsaDb) db = ssa_db_open (db_path, SSA_DB_OPEN_READ_ONLY, NULL);
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *wal = NULL;

  if (db != NULL && take_backup (db, SSA_BACKUP_REASON_BEFORE_RESTORE, FALSE, out_path, NULL))
    return TRUE;

  folder = ssa_backup_dup_folder (db_path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY,
                   _("Could not create the backup folder %s: %s. Check that the database's "
                     "folder can be written."), display, g_strerror (saved_errno));
      return FALSE;
    }
  name = new_backup_name (folder, SSA_BACKUP_REASON_BEFORE_RESTORE);
  path = g_build_filename (folder, name, NULL);
  source = g_file_new_for_path (db_path);
  destination = g_file_new_for_path (path);
  if (!g_file_copy (source, destination, G_FILE_COPY_NONE, NULL, NULL, NULL, &local_error))
    {
      g_autofree char *display = g_filename_display_name (db_path);

      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FULL,
                   _("Could not keep a copy of %s before the restore: %s. Nothing was "
                     "changed."), display, local_error->message);
      return FALSE;
    }

  wal = g_strconcat (db_path, "-wal", NULL);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autofree char *wal_copy = g_strconcat (path, "-wal", NULL);
      g_autoptr(GFile) wal_source = g_file_new_for_path (wal);
      g_autoptr(GFile) wal_destination = g_file_new_for_path (wal_copy);

      /* Best effort: the main file was kept; its log only completes it. */
      g_file_copy (wal_source, wal_destination, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL);
    }

  if (out_path != NULL)
    *out_path = g_steal_pointer (&path);
  return TRUE;
}

/* Copies the pages of @backup_path into the database at @db_path through SQLite, so that
 * its write-ahead log and other connections see one change. */
static int
restore_through_sqlite (const char *db_path,
                        const char *backup_path)
{
  sqlite3 *source = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup = NULL;
  int waited_ms = 0;
  int rc;

  rc = sqlite3_open_v2 (backup_path, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_open_v2 (db_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (dest, SSA_DB_BUSY_TIMEOUT_MS);
      backup = sqlite3_backup_init (dest, "main", source, "main");
      rc = backup != NULL ? SQLITE_OK : sqlite3_errcode (dest);
    }
  while (backup != NULL)
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waited_ms < SSA_DB_BUSY_TIMEOUT_MS)
        {
          sqlite3_sleep (50);
          waited_ms += 50;
          continue;
        }
      sqlite3_backup_finish (backup);
      backup = NULL;
    }

  sqlite3_close (source);
  sqlite3_close (dest);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Flushes the file at @path to the disk, so that a rename over the database never leaves
 * a file whose pages are still in memory only. */
static gboolean
sync_file (const char  *path,
           GError     **error)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       g_strerror (saved_errno));
  return FALSE;
}

/* Replaces the file at @db_path by a copy of @backup_path, renamed over it once complete;
 * the old file's write-ahead log and shared memory go first, so that they are never read
 * with the new file. */
static gboolean
restore_by_rename (const char  *db_path,
                   const char  *backup_path,
                   GError     **error)
{
  /* Not through SsaOutput: the database being restored is protected from every output of
   * this process, and rightly so; this is the one writer that may replace it. */
  g_autofree char *folder = g_path_get_dirname (db_path);
  g_autofree char *base = g_path_get_basename (db_path);
  g_autofree char *temp = g_strdup_printf ("%s/.%s.restore-XXXXXX", folder, base);
  g_autofree char *display = g_filename_display_name (db_path);
  g_autoptr(GFile) source = g_file_new_for_path (backup_path);
  g_autoptr(GFile) destination = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *suffixes[] = { "-wal", "-shm", "-journal" };
  int fd;

  fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FULL,
                   _("Could not restore %s: %s. Nothing was changed."), display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  destination = g_file_new_for_path (temp);
  if (!g_file_copy (source, destination, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL,
                    &local_error) ||
      !sync_file (temp, &local_error))
    {
      g_unlink (temp);
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FULL,
                   _("Could not restore %s: %s. Nothing was changed."), display,
                   local_error->message);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (db_path, suffixes[i], NULL);

      g_unlink (side);
    }
  if (g_rename (temp, db_path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp);
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FULL,
                   _("Could not restore %s: %s. Nothing was changed."), display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_backup_restore:
 * @db_path: the database file to restore
 * @backup_path: a backup of it
 * @out_aside_path: (out) (optional) (transfer full) (nullable): where the database as it
 *   was is kept, a "before-restore" backup; %NULL when there was no database
 * @error: a #GError
 *
 * Verifies @backup_path (ssa_backup_verify()), keeps the current database aside in its
 * backup folder (as it is, even damaged), then replaces the database's content by the
 * backup's: through SQLite's backup API when SQLite can still write the database, else by
 * renaming a complete copy over it. Close the window first: other programs that have the
 * database open may have to open it again.
 */
gboolean
ssa_backup_restore (const char  *db_path,
                    const char  *backup_path,
                    char       **out_aside_path,
                    GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *folder = NULL;
  g_autoptr(SsaDb) restored = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf db_stat, backup_stat;
  gboolean exists;

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (out_aside_path != NULL)
    *out_aside_path = NULL;
  display = g_filename_display_name (db_path);
  exists = g_stat (db_path, &db_stat) == 0;

  if (exists && g_stat (backup_path, &backup_stat) == 0 &&
      db_stat.st_dev == backup_stat.st_dev && db_stat.st_ino == backup_stat.st_ino)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
                   _("%s is the database itself: give one of its backups."), display);
      return FALSE;
    }

  if (!ssa_backup_verify (backup_path, error))
    return FALSE;

  folder = g_path_get_dirname (db_path);
  if ((exists && access (db_path, W_OK) != 0) || access (folder, W_OK) != 0)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY,
                   _("The database %s cannot be restored: it or its folder is read-only. "
                     "Nothing was changed; make them writable and try again."), display);
      return FALSE;
    }

  if (exists)
    {
      int rc;

      if (!keep_aside (db_path, out_aside_path, error))
        return FALSE;
      rc = restore_through_sqlite (db_path, backup_path);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        {
          g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_BUSY,
                       _("The database %s is busy: another program kept it locked. Close "
                         "SSA Desk's window and try again; nothing was changed."), display);
          return FALSE;
        }
      /* A file SQLite cannot write through any more (its first page is damaged, or it is
       * not a database) is replaced whole. */
      if (rc != SQLITE_OK && !restore_by_rename (db_path, backup_path, error))
        return FALSE;
    }
  else if (!restore_by_rename (db_path, backup_path, error))
    return FALSE;

  /* What was restored must read back as sound as the backup did. */
  restored = ssa_db_open (db_path, SSA_DB_OPEN_READ_ONLY, &local_error);
  if (restored == NULL || !ssa_db_check (restored, SSA_DB_CHECK_QUICK, &local_error))
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FAILED,
                   _("The restore of %s did not complete: %s"), display,
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
