/* ssa-db.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-db"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ssa-date.h"
#include "ssa-db-private.h"
#include "ssa-output.h"
#include "ssa-team-db.h"

/* Opening and closing the database, its errors, prepared statements, transactions and the
 * online backup. The tables are in ssa-db-schema.c, the rows in ssa-db-inventory.c,
 * ssa-db-price-list.c and ssa-db-offers.c. */

G_DEFINE_QUARK (ssa-db-error-quark, ssa_db_error)

/* How long a backup keeps retrying while other connections hold locks. */
#define BACKUP_RETRY_MS 50

static void count_main_thread_statement (SsaDb      *self,
                                         const char *sql);

static void
finalize_statement (gpointer data)
{
  ssa_sql_stmt_free (data);
}

/**
 * ssa_db_get_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/ssa-desk/ssa-desk.db`, the window's database
 */
char *
ssa_db_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "ssa-desk", "ssa-desk.db", NULL);
}

/* Whether @rc refuses a change because other rows refer to the row. SQLite reports a
 * refused ON DELETE RESTRICT as SQLITE_CONSTRAINT_TRIGGER, not as
 * SQLITE_CONSTRAINT_FOREIGNKEY: only its message tells them apart from our triggers. */
static gboolean
is_foreign_key_error (SsaDb *self,
                      int    rc)
{
  int extended;

  if ((rc & 0xff) != SQLITE_CONSTRAINT || self->handle == NULL)
    return FALSE;
  extended = sqlite3_extended_errcode (self->handle);
  return extended == SQLITE_CONSTRAINT_FOREIGNKEY ||
         (extended == SQLITE_CONSTRAINT_TRIGGER &&
          strstr (sqlite3_errmsg (self->handle), "FOREIGN KEY") != NULL);
}

/**
 * ssa_db_get_constraint:
 * @self: the connection
 *
 * Which rule of the database the last failed statement broke, in the seam's words, so that
 * the row code reads it the same on every engine. On SQLite, a refused ON DELETE RESTRICT
 * (a trigger's refusal that names a FOREIGN KEY) is %SSA_SQL_CONSTRAINT_FOREIGN_KEY too.
 *
 * Returns: the rule, or %SSA_SQL_CONSTRAINT_NONE when the failure was not a broken rule
 */
SsaSqlConstraint
ssa_db_get_constraint (SsaDb *self)
{
  int rc = self->sql->last_code;

  if (ssa_sql_get_engine (self->sql) != SSA_SQL_ENGINE_SQLITE)
    return ssa_sql_get_last_constraint (self->sql);
  if ((rc & 0xff) != SQLITE_CONSTRAINT)
    return SSA_SQL_CONSTRAINT_NONE;
  if (is_foreign_key_error (self, rc))
    return SSA_SQL_CONSTRAINT_FOREIGN_KEY;
  switch (sqlite3_extended_errcode (self->handle))
    {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return SSA_SQL_CONSTRAINT_UNIQUE;
    case SQLITE_CONSTRAINT_NOTNULL:
      return SSA_SQL_CONSTRAINT_NOT_NULL;
    case SQLITE_CONSTRAINT_CHECK:
      return SSA_SQL_CONSTRAINT_CHECK;
    default:
      return SSA_SQL_CONSTRAINT_OTHER;
    }
}

/* Whether @step failed because other rows still refer to the row it deletes. */
gboolean
ssa_db_failed_on_foreign_key (SsaDb      *self,
                              SsaSqlStep  step)
{
  return step == SSA_SQL_STEP_ERROR &&
         ssa_db_get_constraint (self) == SSA_SQL_CONSTRAINT_FOREIGN_KEY;
}

/* What a broken rule of the database means, for the user (@rc is an extended code). */
static const char *
constraint_reason (SsaDb *self,
                   int    rc)
{
  if (is_foreign_key_error (self, rc))
    return _("other records still belong to this one, such as the offers of an "
             "installation or the installations of a customer.");
  switch (self->handle != NULL ? sqlite3_extended_errcode (self->handle) : rc)
    {
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return _("other records still belong to this one, such as the offers of an "
               "installation or the installations of a customer.");
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return _("another record already has the same value.");
    case SQLITE_CONSTRAINT_NOTNULL:
      return _("a required value is missing.");
    case SQLITE_CONSTRAINT_CHECK:
      return _("a value is not one the database accepts.");
    default:
      return _("it breaks a rule of the database.");
    }
}

/**
 * ssa_db_set_error:
 * @self: the connection
 * @rc: an SQLite result code other than SQLITE_OK, SQLITE_ROW and SQLITE_DONE
 * @error: a #GError
 *
 * Sets @error to a message for the user that says what went wrong with which file and what
 * to do about it.
 *
 * Returns: %FALSE, so that callers can `return ssa_db_set_error (…)`
 */
gboolean
ssa_db_set_error (SsaDb   *self,
                  int      rc,
                  GError **error)
{
  const char *detail = self->handle != NULL ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_BUSY,
                   _("The database %s is busy: another program kept it locked for more than "
                     "%d seconds. Try again in a moment."),
                   self->display_name, SSA_DB_BUSY_TIMEOUT_MS / 1000);
      break;

    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY,
                   _("The database %s cannot be changed: the file or its folder is read-only. "
                     "Check their permissions; nothing was changed."),
                   self->display_name);
      break;

    case SQLITE_FULL:
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FULL,
                   _("The disk holding the database %s is full: nothing was changed. Free "
                     "some space and try again."),
                   self->display_name);
      break;

    case SQLITE_IOERR:
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FULL,
                   _("Could not write the database %s (%s): the disk may be full or failing. "
                     "Nothing was changed; free some space and try again."),
                   self->display_name, detail);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE,
                   _("%s is not an SSA Desk database or it is damaged (%s). Restore it from "
                     "a backup."),
                   self->display_name, detail);
      break;

    case SQLITE_CANTOPEN:
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY,
                   _("Could not open the database %s (%s): check that its folder exists and "
                     "can be written."),
                   self->display_name, detail);
      break;

    case SQLITE_CONSTRAINT:
      /* SQLite's own words ("FOREIGN KEY constraint failed") name tables and columns, in
       * English: the user reads what the rule means instead. */
      g_debug ("%s: %s", self->display_name, detail);
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT,
                   _("The database %s refused the change: %s Nothing was changed."),
                   self->display_name,
                   constraint_reason (self, rc));
      break;

    default:
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FAILED,
                   _("The database %s failed: %s"),
                   self->display_name, detail);
      break;
    }
  return FALSE;
}

/* What a rule the database refused a change by means, for the user, on an engine other
 * than SQLite: the same sentences as constraint_reason(). */
static const char *
seam_constraint_reason (SsaSqlConstraint constraint)
{
  switch (constraint)
    {
    case SSA_SQL_CONSTRAINT_FOREIGN_KEY:
      return _("other records still belong to this one, such as the offers of an "
               "installation or the installations of a customer.");
    case SSA_SQL_CONSTRAINT_UNIQUE:
      return _("another record already has the same value.");
    case SSA_SQL_CONSTRAINT_NOT_NULL:
      return _("a required value is missing.");
    case SSA_SQL_CONSTRAINT_CHECK:
      return _("a value is not one the database accepts.");
    case SSA_SQL_CONSTRAINT_NONE:
    case SSA_SQL_CONSTRAINT_OTHER:
    default:
      return _("it breaks a rule of the database.");
    }
}

static SsaDbError team_error_code (const GError *team_error);

/* Where the seam puts the message of a failure: nowhere for SQLite, whose failure
 * ssa_db_set_error() reads from the handle; SsaDb's own slot for another engine. */
static inline GError **
sql_error_slot (SsaDb *self)
{
  if (G_LIKELY (ssa_sql_get_engine (self->sql) == SSA_SQL_ENGINE_SQLITE))
    return NULL;
  g_clear_error (&self->sql_error);
  return &self->sql_error;
}

/**
 * ssa_db_set_step_error:
 * @self: the connection
 * @error: a #GError
 *
 * Sets @error, in SSA_DB_ERROR, to what the last statement that failed on the seam
 * (ssa_db_prepare(), ssa_db_step(), ssa_db_exec()) says: for SQLite, the message of
 * ssa_db_set_error() for its result code; for another engine, the seam's message under the
 * SSA_DB_ERROR code that means the same (SSA_TEAM_DB_ERROR_CONSTRAINT is
 * SSA_DB_ERROR_CONSTRAINT, and so on).
 *
 * Returns: %FALSE
 */
gboolean
ssa_db_set_step_error (SsaDb   *self,
                       GError **error)
{
  SsaDbError code;

  if (ssa_sql_get_engine (self->sql) == SSA_SQL_ENGINE_SQLITE)
    return ssa_db_set_error (self, self->sql->last_code, error);

  if (self->sql_error == NULL)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FAILED, _("The database %s failed: %s"),
                   self->display_name, "?");
      return FALSE;
    }
  if (g_error_matches (self->sql_error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_CONSTRAINT))
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT,
                   _("The database %s refused the change: %s Nothing was changed."),
                   self->display_name,
                   seam_constraint_reason (ssa_sql_get_last_constraint (self->sql)));
      return FALSE;
    }
  code = team_error_code (self->sql_error);
  g_set_error_literal (error, SSA_DB_ERROR, code, self->sql_error->message);
  return FALSE;
}

/* The SSA_DB_ERROR code that means what an error of the seam (SSA_TEAM_DB_ERROR) says. */
static SsaDbError
team_error_code (const GError *team_error)
{
  SsaDbError code = SSA_DB_ERROR_FAILED;

  if (team_error->domain == SSA_TEAM_DB_ERROR)
    switch ((SsaTeamDbError) team_error->code)
      {
      case SSA_TEAM_DB_ERROR_CONSTRAINT:
        code = SSA_DB_ERROR_CONSTRAINT;
        break;
      case SSA_TEAM_DB_ERROR_BUSY:
        code = SSA_DB_ERROR_BUSY;
        break;
      case SSA_TEAM_DB_ERROR_UNREACHABLE:
        code = SSA_DB_ERROR_UNREACHABLE;
        break;
      case SSA_TEAM_DB_ERROR_NEWER:
        code = SSA_DB_ERROR_NEWER;
        break;
      case SSA_TEAM_DB_ERROR_NOT_INITIALISED:
      case SSA_TEAM_DB_ERROR_NOT_SSA_DESK:
        code = SSA_DB_ERROR_NOT_A_DATABASE;
        break;
      case SSA_TEAM_DB_ERROR_REFUSED:
      case SSA_TEAM_DB_ERROR_NOT_SUPPORTED:
        code = SSA_DB_ERROR_REFUSED;
        break;
      case SSA_TEAM_DB_ERROR_NOT_FOUND:
        code = SSA_DB_ERROR_NOT_FOUND;
        break;
      case SSA_TEAM_DB_ERROR_FAILED:
      case SSA_TEAM_DB_ERROR_AUTHENTICATION:
      case SSA_TEAM_DB_ERROR_TLS:
      case SSA_TEAM_DB_ERROR_SERVER_TOO_OLD:
      default:
        code = SSA_DB_ERROR_FAILED;
        break;
      }
  return code;
}

void
ssa_db_stmt_release (SsaDbStmt *stmt)
{
  ssa_sql_reset (stmt);
  ssa_sql_clear_bindings (stmt);
}

/**
 * ssa_db_prepare:
 * @self: the connection
 * @sql: a statement; the same text finds the same prepared statement again
 * @error: a #GError
 *
 * Returns: (transfer none): the statement, ready to bind; release it with
 *   ssa_db_stmt_release() (g_autoptr(SsaDbStmt) does) before preparing the same text again
 */
SsaDbStmt *
ssa_db_prepare (SsaDb       *self,
                const char  *sql,
                GError     **error)
{
  SsaSqlStmt *stmt = g_hash_table_lookup (self->statements, sql);

  /* SQLite's trace counts the statements run on the main thread; another engine has none,
   * and each use of a statement starts here. */
  if (ssa_sql_get_engine (self->sql) != SSA_SQL_ENGINE_SQLITE)
    count_main_thread_statement (self, sql);

  if (stmt != NULL)
    return stmt;

  stmt = ssa_sql_prepare (self->sql, sql, sql_error_slot (self));
  if (stmt == NULL)
    {
      ssa_db_set_step_error (self, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/**
 * ssa_db_step:
 * @error: (nullable): a #GError; with %NULL, ssa_db_set_step_error() and
 *   ssa_db_get_constraint() still tell what failed, until the next statement fails
 *
 * Returns: SSA_SQL_STEP_ROW or SSA_SQL_STEP_DONE, or SSA_SQL_STEP_ERROR (0) with @error set
 */
SsaSqlStep
ssa_db_step (SsaDb      *self,
             SsaDbStmt  *stmt,
             GError    **error)
{
  SsaSqlStep step = ssa_sql_step (stmt, sql_error_slot (self));

  if (G_LIKELY (step != SSA_SQL_STEP_ERROR))
    return step;

  ssa_db_set_step_error (self, error);
  return SSA_SQL_STEP_ERROR;
}

/* Runs a statement that must return a row (an aggregate, a row known to exist). */
gboolean
ssa_db_step_row (SsaDb      *self,
                 SsaDbStmt  *stmt,
                 GError    **error)
{
  SsaSqlStep step = ssa_db_step (self, stmt, error);

  if (step == SSA_SQL_STEP_ROW)
    return TRUE;
  if (step == SSA_SQL_STEP_DONE)
    g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE,
                 _("The database %s is damaged: a row it must have is missing. Restore it "
                   "from a backup."), self->display_name);
  return FALSE;
}

/* Runs a statement that returns no rows. */
gboolean
ssa_db_step_done (SsaDb      *self,
                  SsaDbStmt  *stmt,
                  GError    **error)
{
  SsaSqlStep step = ssa_db_step (self, stmt, error);

  if (step == SSA_SQL_STEP_ERROR)
    return FALSE;
  g_assert (step == SSA_SQL_STEP_DONE);
  return TRUE;
}

gboolean
ssa_db_exec (SsaDb       *self,
             const char  *sql,
             GError     **error)
{
  if (ssa_sql_get_engine (self->sql) != SSA_SQL_ENGINE_SQLITE)
    count_main_thread_statement (self, sql);
  if (!ssa_sql_exec (self->sql, sql, sql_error_slot (self)))
    return ssa_db_set_step_error (self, error);
  return TRUE;
}

gint64
ssa_db_last_insert_id (SsaDb *self)
{
  return ssa_sql_last_insert_id (self->sql);
}

/**
 * ssa_db_is_read_only:
 * @self: the connection
 *
 * Returns: %TRUE when the database was opened for reading only: asked so, or because the
 *   file or its folder cannot be written. ssa_db_get_read_only_reason() says which.
 */
gboolean
ssa_db_is_read_only (SsaDb *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->read_only;
}

/**
 * ssa_db_get_read_only_reason:
 * @self: the connection
 *
 * Returns: (nullable): why the database cannot be changed, one translated sentence, or
 *   %NULL when it can
 */
const char *
ssa_db_get_read_only_reason (SsaDb *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->read_only ? self->read_only_reason : NULL;
}

/**
 * ssa_db_check_writable:
 * @self: the connection
 * @error: a #GError
 *
 * Fails with SSA_DB_ERROR_READ_ONLY, saying what is read-only and what to do, when the
 * database was opened for reading only. Every function that changes the database calls it
 * before it writes.
 */
gboolean
ssa_db_check_writable (SsaDb   *self,
                       GError **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (!self->read_only)
    return TRUE;

  if (self->read_only_reason == NULL)
    return ssa_db_set_error (self, SQLITE_READONLY, error);

  g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY,
               /* Translators: the second %s is a sentence that says what is read-only. */
               _("The database %s cannot be changed: %s Nothing was changed; make the file "
                 "and its folder writable (or copy the database somewhere writable and give "
                 "that file), then try again."),
               self->display_name, self->read_only_reason);
  return FALSE;
}

/**
 * ssa_db_transaction_begin:
 * @txn: an inactive transaction (SSA_DB_TRANSACTION_INIT)
 * @self: the connection
 * @error: a #GError
 *
 * Starts a write transaction. On SQLite, BEGIN IMMEDIATE takes the write lock at once
 * (waiting up to the busy timeout), so that what the transaction reads cannot change before
 * it writes; PostgreSQL has no such lock, and takes BEGIN.
 */
gboolean
ssa_db_transaction_begin (SsaDbTransaction  *txn,
                          SsaDb             *self,
                          GError           **error)
{
  g_assert (!txn->active);

  if (!ssa_db_check_writable (self, error))
    return FALSE;
  if (!ssa_db_exec (self, ssa_sql_get_engine (self->sql) == SSA_SQL_ENGINE_SQLITE
                          ? "BEGIN IMMEDIATE" : "BEGIN", error))
    return FALSE;

  txn->db = self;
  txn->active = TRUE;
  return TRUE;
}

/* A read transaction: what it reads is one state of the database, however long it takes. */
gboolean
ssa_db_transaction_begin_read (SsaDbTransaction  *txn,
                               SsaDb             *self,
                               GError           **error)
{
  g_assert (!txn->active);

  if (!ssa_db_exec (self, ssa_sql_get_engine (self->sql) == SSA_SQL_ENGINE_SQLITE
                          ? "BEGIN DEFERRED"
                          : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", error))
    return FALSE;

  txn->db = self;
  txn->active = TRUE;
  return TRUE;
}

gboolean
ssa_db_transaction_commit (SsaDbTransaction  *txn,
                           GError           **error)
{
  g_assert (txn->active);

  if (!ssa_db_exec (txn->db, "COMMIT", error))
    return FALSE; /* still active: the cleanup rolls back */

  txn->active = FALSE;
  return TRUE;
}

void
ssa_db_transaction_clear (SsaDbTransaction *txn)
{
  if (!txn->active)
    return;

  /* A failed ROLLBACK means the engine already rolled back (after a full disk, for
   * example). */
  ssa_sql_exec (txn->db->sql, "ROLLBACK", NULL);
  txn->active = FALSE;
}

void
ssa_db_bind_text (SsaDbStmt  *stmt,
                  int         index,
                  const char *text)
{
  ssa_sql_bind_optional_text (stmt, index, text);
}

/* Binds @text (NULL binds NULL) and frees it. */
void
ssa_db_bind_take_text (SsaDbStmt  *stmt,
                       int         index,
                       char       *text)
{
  ssa_sql_bind_text (stmt, index, text);
  g_free (text);
}

void
ssa_db_bind_date (SsaDbStmt   *stmt,
                  int          index,
                  const GDate *date)
{
  if (!ssa_date_is_set (date))
    ssa_sql_bind_null (stmt, index);
  else
    ssa_db_bind_take_text (stmt, index, ssa_date_to_iso (date));
}

/* Returns: (transfer full) (nullable): the column's text; NULL for SQL NULL */
char *
ssa_db_column_text (SsaDbStmt *stmt,
                    int        index)
{
  return g_strdup (ssa_sql_column_text (stmt, index));
}

/* Reads a YYYY-MM-DD column; SQL NULL (and, defensively, anything else) clears @out. */
void
ssa_db_column_date (SsaDbStmt *stmt,
                    int        index,
                    GDate     *out)
{
  const char *text = ssa_sql_column_text (stmt, index);

  g_date_clear (out, 1);
  if (text != NULL && !ssa_date_parse (text, out, NULL))
    g_date_clear (out, 1);
}

/* Returns: (transfer full): the current time in UTC, "2026-11-28T09:15:00Z" */
char *
ssa_db_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
query_int (SsaDb       *self,
           const char  *sql,
           gint64      *out,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK)
    return ssa_db_set_error (self, rc, error);
  return TRUE;
}

static SsaDb *
db_new (const char *path)
{
  SsaDb *self = g_new0 (SsaDb, 1);

  self->path = g_strdup (path);
  self->display_name = g_filename_display_name (path);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  return self;
}

/* Refuses, without writing anything, a file that is not a database of this application or
 * that a newer version of it wrote. */
static gboolean
check_database (SsaDb   *self,
                gint64  *out_version,
                GError **error)
{
  gint64 version = 0;
  gint64 application_id = 0;
  gint64 n_objects = 0;

  if (!query_int (self, "PRAGMA user_version", &version, error) ||
      !query_int (self, "PRAGMA application_id", &application_id, error))
    return FALSE;

  if (application_id != 0 && application_id != SSA_DB_APPLICATION_ID)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE,
                   _("%s is a database of another program, not of SSA Desk; it was not "
                     "changed. Give another file with --db."), self->display_name);
      return FALSE;
    }

  /* SSA Desk's versions count from 0; a negative one would index no migration. */
  if (version < 0)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE,
                   _("%s has an invalid schema version (%lld): it is not an SSA Desk "
                     "database, or it is damaged. It was not changed; give another file "
                     "with --db, or restore a backup."),
                   self->display_name, (long long) version);
      return FALSE;
    }

  if (version > SSA_DB_SCHEMA_VERSION)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NEWER,
                   _("The database %s was written by a newer version of SSA Desk (schema "
                     "version %lld; this version knows up to %d). It was not "
                     "changed: update SSA Desk to use it."),
                   self->display_name, (long long) version, SSA_DB_SCHEMA_VERSION);
      return FALSE;
    }

  if (version == 0)
    {
      if (!query_int (self, "SELECT count(*) FROM sqlite_schema", &n_objects, error))
        return FALSE;
      if (n_objects > 0)
        {
          g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE,
                       _("%s holds tables of another program, not of SSA Desk; it was not "
                         "changed. Give another file with --db."), self->display_name);
          return FALSE;
        }
    }

  *out_version = version;
  return TRUE;
}

/* Returns: (nullable): why a writer cannot change the database at @path (a sentence), or
 * NULL when it can, as far as the permissions tell. */
static char *
dup_read_only_reason (const char *path)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *display = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  if (access (path, W_OK) != 0)
    {
      display = g_filename_display_name (path);
      return g_strdup_printf (_("The file %s is read-only."), display);
    }
  if (access (folder, W_OK) != 0)
    {
      display = g_filename_display_name (folder);
      return g_strdup_printf (_("Its folder %s is read-only, and SQLite must write files "
                                "beside the database to change it."), display);
    }
  return NULL;
}


/* Waits for another connection's lock as sqlite3_busy_timeout() does (the same steps, up to
 * SSA_DB_BUSY_TIMEOUT_MS in all), and says so in the debug log: a user who reports that the
 * window or a command hung can see who waited for the database, and for how long. */
static int
busy_cb (gpointer data,
         int      count)
{
  static const int delays[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };
  SsaDb *self = data;
  int waited = 0;
  int delay;

  for (int i = 0; i < MIN (count, (int) G_N_ELEMENTS (delays)); i++)
    waited += delays[i];
  if (count > (int) G_N_ELEMENTS (delays))
    waited += (count - (int) G_N_ELEMENTS (delays)) * 100;
  delay = count < (int) G_N_ELEMENTS (delays) ? delays[count] : 100;
  if (waited + delay > SSA_DB_BUSY_TIMEOUT_MS)
    delay = SSA_DB_BUSY_TIMEOUT_MS - waited;
  if (delay <= 0)
    {
      g_debug ("%s: still locked by another connection after %d ms; giving up",
               self->display_name, waited);
      return 0;
    }
  if (count == 0)
    g_debug ("%s: locked by another connection; waiting up to %d ms", self->display_name,
             SSA_DB_BUSY_TIMEOUT_MS);
  sqlite3_sleep (delay);
  return 1;
}

/* The rule "no storage call on the main thread" (docs/architecture.md, "Storage"): every
 * statement that starts on the process's main thread, the one that runs the window, is
 * counted and logged, so that tests can check that the window's storage work ran in worker
 * threads (ssa-db-job.h). */
static gint main_thread_statements;

static gboolean
is_main_thread (void)
{
#ifdef __linux__
  /* On Linux the first thread's id is the process's. */
  return (pid_t) syscall (SYS_gettid) == getpid ();
#else
  return g_main_context_is_owner (g_main_context_default ());
#endif
}

static void
count_main_thread_statement (SsaDb      *self,
                             const char *sql)
{
  if (!is_main_thread ())
    return;
  g_atomic_int_inc (&main_thread_statements);
  g_debug ("%s: a statement ran on the main thread: %s", self->display_name, sql);
}

static int
trace_cb (unsigned int  type,
          void         *user_data,
          void         *p,
          void         *x)
{
  SsaDb *self = user_data;

  if (type == SQLITE_TRACE_STMT && is_main_thread ())
    {
      g_atomic_int_inc (&main_thread_statements);
      g_debug ("%s: a statement ran on the main thread: %s", self->display_name,
               sqlite3_sql (p));
    }
  return 0;
}

/**
 * ssa_db_get_main_thread_statements:
 *
 * For tests and debugging: how many SQL statements started on the process's main thread
 * (the thread that runs the window's main context), on any connection, since the process
 * started. Each one is also logged with g_debug() in the "ssa-db" domain.
 *
 * Returns: the count
 */
guint
ssa_db_get_main_thread_statements (void)
{
  return (guint) g_atomic_int_get (&main_thread_statements);
}

static gboolean
open_handle (SsaDb     *self,
             gboolean   read_only,
             gboolean   immutable,
             GError   **error)
{
  g_autofree char *uri = NULL;
  int open_flags;
  int rc;

  open_flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE |
               (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (immutable)
    {
      g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);

      uri = g_strdup_printf ("file:%s?immutable=1", escaped);
      open_flags |= SQLITE_OPEN_URI;
    }

  rc = sqlite3_open_v2 (uri != NULL ? uri : self->path, &self->handle, open_flags, NULL);
  if (rc != SQLITE_OK)
    return ssa_db_set_error (self, rc, error);

  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_handler (self->handle, busy_cb, self);
  sqlite3_trace_v2 (self->handle, SQLITE_TRACE_STMT, trace_cb, self);
  /* The rows' statements run on the seam, on this handle. */
  self->sql = ssa_sql_sqlite_wrap (self->handle, self->display_name);
  return TRUE;
}

/* Whether a read-only connection that failed to read the database with @error may read it
 * in SQLite's immutable mode: only when the failure is SQLite's need to write beside the
 * file, and no write-ahead log beside it holds changes the file lacks. */
static gboolean
can_read_immutable (SsaDb        *self,
                    const GError *error)
{
  g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
  GStatBuf st;

  if (g_error_matches (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE) ||
      g_error_matches (error, SSA_DB_ERROR, SSA_DB_ERROR_NEWER))
    return FALSE;
  return g_stat (wal, &st) != 0 || st.st_size == 0;
}

/* SQLite would create a database where nothing exists, open a regular file, and fail on
 * anything else with a message about the disk or the folder: say what the path is. */
static gboolean
check_path_is_file (SsaDb   *self,
                    GError **error)
{
  struct stat st;

  if (g_stat (self->path, &st) != 0 || S_ISREG (st.st_mode))
    return TRUE;

  if (S_ISDIR (st.st_mode))
    g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE,
                 _("%s is a folder, not a database file. Name a file with --db, such as "
                   "%s/ssa-desk.db; a new one is created there."),
                 self->display_name, self->display_name);
  else if (S_ISFIFO (st.st_mode))
    g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE,
                 _("%s is a named pipe (FIFO), not a database file; nothing was read from "
                   "or written to it. Name a regular file with --db."), self->display_name);
  else if (S_ISCHR (st.st_mode) || S_ISBLK (st.st_mode))
    g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE,
                 _("%s is a device, not a database file; nothing was read from or written "
                   "to it. Name a regular file with --db."), self->display_name);
  else
    g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE,
                 _("%s is not a regular file, so it cannot be a database; nothing was read "
                   "from or written to it. Name a regular file with --db."),
                 self->display_name);
  return FALSE;
}

/* Opens a team database on its PostgreSQL server: the same rows on the seam, without the
 * file's machinery (no PRAGMAs, WAL, migration backups, SQLite checks). Its schema must be
 * this program's: `db init` creates or migrates it (as one transaction under a lock that
 * every client takes), never an open, so that one client's open never migrates the
 * database under others. */
static SsaDb *
open_team (const char      *uri,
           SsaDbOpenFlags   flags,
           GError         **error)
{
  g_autoptr(SsaDb) self = g_new0 (SsaDb, 1);
  g_autoptr(GError) local_error = NULL;
  gint64 version = 0;

  self->path = g_strdup (uri);
  self->display_name = ssa_team_db_describe (uri);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->sql = ssa_sql_open_pg (uri, &local_error);
  if (self->sql == NULL || !ssa_sql_read_schema_version (self->sql, &version, &local_error))
    {
      g_set_error_literal (error, SSA_DB_ERROR, team_error_code (local_error),
                           local_error->message);
      return NULL;
    }
  if (version > SSA_DB_SCHEMA_VERSION)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NEWER,
                   _("The database %s was written by a newer version of SSA Desk (schema "
                     "version %lld; this version knows up to %d). It was not "
                     "changed: update SSA Desk to use it."),
                   self->display_name, (long long) version, SSA_DB_SCHEMA_VERSION);
      return NULL;
    }
  if (version < SSA_DB_SCHEMA_VERSION)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE,
                   _("The database %s does not have this version's tables yet: run "
                     "“ssa-desk-cli db init” with it first."), self->display_name);
      return NULL;
    }
  self->team_version = (int) version;

  if (flags & SSA_DB_OPEN_READ_ONLY)
    {
      self->read_only = TRUE;
      self->read_only_reason = g_strdup (_("It was opened for reading only."));
    }

  g_debug ("Opened the team database %s%s (schema version %d)", self->display_name,
           self->read_only ? " read-only" : "", self->team_version);
  return g_steal_pointer (&self);
}

/**
 * ssa_db_is_team:
 * @self: the connection
 *
 * Returns: whether @self is a team database on a PostgreSQL server (opened from a
 *   `postgresql://` URI) rather than an SQLite file
 */
gboolean
ssa_db_is_team (SsaDb *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->handle == NULL;
}

gboolean
ssa_db_refuse_on_team (SsaDb   *self,
                       GError **error)
{
  g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
               _("%s is a team database on a PostgreSQL server: this works only on an "
                 "SQLite file, not on a team database. The server's administrator backs it "
                 "up and checks it with PostgreSQL's own tools (pg_dump)."),
               self->display_name);
  return FALSE;
}

/**
 * ssa_db_open:
 * @path: (nullable): the database file, or %NULL for ssa_db_get_default_path()
 * @flags: how to open it
 * @error: a #GError
 *
 * Opens the database, creating it and its folder on first use, and brings its schema up to
 * date. A database with a newer schema, or a file that is not SSA Desk's, is refused
 * without any change to it.
 *
 * Returns: (transfer full): the connection; close it with ssa_db_close()
 */
SsaDb *
ssa_db_open (const char      *path,
             SsaDbOpenFlags   flags,
             GError         **error)
{
  g_autofree char *default_path = NULL;
  g_autoptr(SsaDb) self = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean read_only = (flags & SSA_DB_OPEN_READ_ONLY) != 0;
  gint64 version = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    path = default_path = ssa_db_get_default_path ();

  if (ssa_team_db_is_uri (path))
    return open_team (path, flags, error);

  self = db_new (path);

  if (!check_path_is_file (self, error))
    return NULL;

  if (read_only && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND,
                   _("There is no database %s."), self->display_name);
      return NULL;
    }

  if (!read_only)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      if (g_mkdir_with_parents (folder, 0700) != 0)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (folder);

          g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY,
                       _("Could not create the folder %s for the database: %s"),
                       display, g_strerror (saved_errno));
          return NULL;
        }
    }

  /* A file that exists but cannot be written, or whose folder cannot be written (SQLite
   * writes its journal beside it), is opened for reading only, so that lists and exports
   * still work; every change is then refused with a message that says why. */
  if (read_only)
    self->read_only_reason = g_strdup (_("It was opened for reading only."));
  else
    self->read_only_reason = dup_read_only_reason (path);
  read_only = read_only || self->read_only_reason != NULL;

  if (!open_handle (self, read_only, FALSE, error))
    return NULL;
  /* No document, export or backup of this process may replace the open database or the
   * files SQLite keeps beside it. */
  ssa_output_protect (path, SSA_OUTPUT_PROTECT_DATABASE);
  self->protected = TRUE;
  self->read_only = read_only || sqlite3_db_readonly (self->handle, "main") == 1;
  if (self->read_only && self->read_only_reason == NULL)
    self->read_only_reason = g_strdup (_("SQLite opened it for reading only."));

  if (!ssa_db_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (!check_database (self, &version, &local_error) && self->read_only &&
      can_read_immutable (self, local_error))
    {
      /* A database in WAL mode is read through a shared-memory file beside it, which a
       * read-only folder does not let SQLite create. With no write-ahead log beside the
       * file, the file alone is the whole database: read it as it is on disk. */
      g_clear_error (&local_error);
      g_clear_pointer (&self->statements, g_hash_table_unref);
      self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                finalize_statement);
      g_clear_pointer (&self->sql, ssa_sql_close);
      sqlite3_close (self->handle);
      self->handle = NULL;
      if (!open_handle (self, TRUE, TRUE, error) ||
          !ssa_db_exec (self, "PRAGMA foreign_keys = ON", error))
        return NULL;
      check_database (self, &version, &local_error);
    }

  if (local_error != NULL)
    {
      /* A database in WAL mode is read through a shared-memory file beside it: with neither
       * the file nor its folder writable, SQLite cannot even read it. */
      if (self->read_only && g_error_matches (local_error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY,
                       _("The database %s is read-only and its folder cannot be written "
                         "either, which SQLite needs even to read it. Check the permissions of "
                         "the file and its folder; nothing was changed."), self->display_name);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  /* A read-only open (a backup) takes an older schema as it is; a writer must bring it up
   * to date first, which a read-only file does not allow. */
  if (version < SSA_DB_SCHEMA_VERSION && self->read_only && !(flags & SSA_DB_OPEN_READ_ONLY))
    {
      ssa_db_check_writable (self, error);
      return NULL;
    }

  if (!self->read_only)
    {
      /* WAL lets the window read while the command line writes, and a write that fails
       * half-way (a full disk, a killed process) never touches the main file. FULL
       * synchronisation makes each commit durable: an offer number printed is kept. */
      if (!ssa_db_exec (self, "PRAGMA journal_mode = WAL", error) ||
          !ssa_db_exec (self, "PRAGMA synchronous = FULL", error))
        return NULL;

      if (version < SSA_DB_SCHEMA_VERSION && !ssa_db_migrate (self, error))
        return NULL;
    }

  g_debug ("Opened %s%s (schema version %d)", self->display_name,
           self->read_only ? " read-only" : "", ssa_db_get_schema_version (self));
  return g_steal_pointer (&self);
}

void
ssa_db_close (SsaDb *self)
{
  if (self == NULL)
    return;

  /* The statements first, then the seam's connection, which leaves the handle open. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->sql, ssa_sql_close);
  g_clear_error (&self->sql_error);
  if (self->handle != NULL)
    sqlite3_close (self->handle);
  if (self->protected)
    ssa_output_unprotect (self->path, SSA_OUTPUT_PROTECT_DATABASE);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self->read_only_reason);
  g_free (self);
}

/* Sets @error to "there is no @what with id @id" (what: "installation", "customer",
 * "licence line", translated) and returns FALSE, for the database module's files. */
gboolean
ssa_db_set_not_found (SsaDb       *self,
                      const char  *what,
                      gint64       id,
                      GError     **error)
{
  g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND,
               /* Translators: the first %s is "installation", "customer" or "licence line". */
               _("There is no %s with id %lld in the database %s."),
               what, (long long) id, self->display_name);
  return FALSE;
}

const char *
ssa_db_get_path (SsaDb *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

int
ssa_db_get_schema_version (SsaDb *self)
{
  g_autoptr(SsaSqlStmt) stmt = NULL;
  gint64 version = -1;

  g_return_val_if_fail (self != NULL, -1);

  /* The row code asks, to read an older schema as it is. A team database is at this
   * program's version (an older one is refused when opened): what was read then. */
  if (ssa_sql_get_engine (self->sql) != SSA_SQL_ENGINE_SQLITE)
    return self->team_version;
  stmt = ssa_sql_prepare (self->sql, "PRAGMA user_version", NULL);
  if (stmt != NULL && ssa_sql_step (stmt, NULL) == SSA_SQL_STEP_ROW)
    version = ssa_sql_column_int64 (stmt, 0);
  return (int) version;
}

/**
 * ssa_db_check_integrity:
 * @self: the connection
 * @error: a #GError
 *
 * Runs SQLite's integrity check and the check of foreign keys.
 *
 * Returns: %TRUE when both find nothing wrong
 */
gboolean
ssa_db_check_integrity (SsaDb   *self,
                        GError **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);

  /* The server keeps its own pages sound and enforces every foreign key: what is left to
   * check is that it answers. */
  if (ssa_db_is_team (self))
    return ssa_db_exec (self, "SELECT 1", error);

  rc = sqlite3_prepare_v2 (self->handle, "PRAGMA integrity_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s\n", line);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return ssa_db_set_error (self, rc, error);

  rc = sqlite3_prepare_v2 (self->handle, "PRAGMA foreign_key_check", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append_printf (problems, _("table %s, row %lld: refers to a "
                                          "missing row of %s\n"),
                              (const char *) sqlite3_column_text (stmt, 0),
                              (long long) sqlite3_column_int64 (stmt, 1),
                              (const char *) sqlite3_column_text (stmt, 2));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return ssa_db_set_error (self, rc, error);

  if (problems->len > 0)
    {
      g_string_truncate (problems, problems->len - 1);
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE,
                   _("The database %s is damaged:\n%s"), self->display_name, problems->str);
      return FALSE;
    }
  return TRUE;
}

/* Runs @sql, a check; returns whether it found nothing wrong. Each line it reports (SQLite
 * joins several into one row) goes to @lines when not NULL; a check that stops on a page
 * too damaged to read adds SQLite's message. Fails, with @error set, only when SQLite
 * failed for another reason than damage. */
static gboolean
run_check (SsaDb       *self,
           const char  *sql,
           GPtrArray   *lines,
           gboolean    *out_sound,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean sound = TRUE;
  int rc;

  rc = sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      g_auto(GStrv) split = g_strsplit (text != NULL ? text : "", "\n", -1);

      for (guint i = 0; split[i] != NULL; i++)
        {
          if (split[i][0] == '\0' || g_str_equal (split[i], "ok") ||
              g_str_has_prefix (split[i], "*** "))
            continue;
          sound = FALSE;
          if (lines != NULL)
            g_ptr_array_add (lines, g_strdup (split[i]));
        }
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    {
      /* A page so damaged that the check itself stops is damage too. */
      if ((rc & 0xff) != SQLITE_CORRUPT && (rc & 0xff) != SQLITE_NOTADB)
        return ssa_db_set_error (self, rc, error);
      sound = FALSE;
      if (lines != NULL)
        g_ptr_array_add (lines, g_strdup (sqlite3_errmsg (self->handle)));
    }
  *out_sound = sound;
  return TRUE;
}

/* Words for what is damaged: the tables whose own check fails (each with its indexes),
 * else what SQLite's report names. */
static char *
describe_damage (SsaDb     *self,
                 GPtrArray *lines)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->handle,
                          "SELECT name FROM sqlite_schema WHERE type = 'table' "
                          "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &stmt, NULL)
      == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      char *quoted = sqlite3_mprintf ("PRAGMA quick_check(%Q)", table);
      g_autofree char *sql = g_strdup (quoted);
      gboolean sound = TRUE;

      sqlite3_free (quoted);
      if (run_check (self, sql, NULL, &sound, NULL) && !sound)
        g_ptr_array_add (parts, g_strdup_printf (_("table %s"), table));
    }

  if (parts->len == 0)
    for (guint i = 0; i < lines->len; i++)
      {
        const char *line = g_ptr_array_index (lines, i);

        if (strstr (line, "never used") != NULL || strstr (line, "freelist") != NULL)
          {
            g_ptr_array_add (parts, g_strdup (_("the list of free pages")));
            break;
          }
      }
  if (parts->len == 0)
    g_ptr_array_add (parts, g_strdup (_("the file's structure")));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

/* The most lines of SQLite's own report a damage message quotes. */
#define CHECK_LINES_SHOWN 5

/**
 * ssa_db_check:
 * @self: the connection
 * @how: SQLite's quick check or its full integrity check
 * @error: a #GError
 *
 * Runs SQLite's check of the whole file. Damage fails with SSA_DB_ERROR_DAMAGED and a
 * message that names what is damaged (tables, indexes, the file's structure), says to
 * restore a backup, and quotes the first lines SQLite wrote.
 *
 * Returns: %TRUE when SQLite found nothing wrong
 */
gboolean
ssa_db_check (SsaDb       *self,
              SsaDbCheck   how,
              GError     **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *what = NULL;
  gboolean sound = TRUE;

  g_return_val_if_fail (self != NULL, FALSE);

  /* SQLite's checks of a file; a server checks its own pages (see
   * ssa_db_check_integrity()). */
  if (ssa_db_is_team (self))
    return ssa_db_exec (self, "SELECT 1", error);

  if (!run_check (self, how == SSA_DB_CHECK_QUICK ? "PRAGMA quick_check"
                                                   : "PRAGMA integrity_check",
                  lines, &sound, error))
    return FALSE;
  if (sound)
    return TRUE;

  what = describe_damage (self, lines);
  for (guint i = 0; i < lines->len && i < CHECK_LINES_SHOWN; i++)
    g_string_append_printf (report, "\n  %s", (const char *) g_ptr_array_index (lines, i));
  if (lines->len > CHECK_LINES_SHOWN)
    g_string_append_printf (report, "\n  %s",
                            /* Translators: after the first lines of SQLite's report. */
                            _("(and more)"));

  g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_DAMAGED,
               /* Translators: the second %s lists what is damaged ("table customers, table
                * licences"); the third is SQLite's own report, in English. */
               _("The database %s is damaged: %s. Do not change anything in it; restore it "
                 "from a backup. SQLite reported:%s"),
               self->display_name, what, report->str);
  return FALSE;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  if (g_stat (a, &sa) != 0 || g_stat (b, &sb) != 0)
    return FALSE;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static gboolean
backup_into (SsaDb       *self,
             sqlite3     *dest,
             GError     **error)
{
  sqlite3_backup *backup;
  int waited_ms = 0;
  int rc;

  backup = sqlite3_backup_init (dest, "main", self->handle, "main");
  if (backup == NULL)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FAILED,
                   _("Could not start the backup of %s: %s"),
                   self->display_name, sqlite3_errmsg (dest));
      return FALSE;
    }

  /* All pages in one step: the copy is read in one read transaction, so it is one
   * consistent state of the database even while other processes write (WAL readers do not
   * wait for writers). Locks held elsewhere only delay it. */
  do
    {
      rc = sqlite3_backup_step (backup, -1);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        {
          sqlite3_sleep (BACKUP_RETRY_MS);
          waited_ms += BACKUP_RETRY_MS;
        }
    }
  while ((rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) &&
         waited_ms < SSA_DB_BUSY_TIMEOUT_MS);
  sqlite3_backup_finish (backup);

  if (rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR)
        g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FULL,
                     _("Could not write the backup: the disk may be full (%s)."),
                     sqlite3_errstr (rc));
      else
        ssa_db_set_error (self, rc, error);
      return FALSE;
    }

  /* The copy is one self-contained file: no WAL beside it. */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FULL,
                   _("Could not write the backup: %s"), sqlite3_errmsg (dest));
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_db_backup:
 * @self: the connection
 * @destination: the backup file; it is replaced if it exists
 * @error: a #GError
 *
 * Copies the database with SQLite's online backup API into the temporary file of an output
 * of @destination (ssa_output_open()), then commits it: a consistent copy, made safely
 * while the window or other commands write, and never a partial file. @destination may be
 * "-" for standard output, but not the database itself.
 */
gboolean
ssa_db_backup (SsaDb       *self,
               const char  *destination,
               GError     **error)
{
  g_autoptr(SsaOutput) output = NULL;
  g_autofree char *display = NULL;
  const char *temp;
  sqlite3 *dest = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (destination != NULL, FALSE);

  if (ssa_db_is_team (self))
    return ssa_db_refuse_on_team (self, error);

  display = g_filename_display_name (destination);
  if (same_file (destination, self->path))
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
                   _("%s is the database itself: give the backup another file name."),
                   display);
      return FALSE;
    }

  output = ssa_output_open (destination, error);
  if (output == NULL)
    return FALSE;
  temp = ssa_output_get_temp_path (output, error);
  if (temp == NULL)
    return FALSE;

  rc = sqlite3_open_v2 (temp, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FAILED,
                   _("Could not create the backup %s: %s"), display, sqlite3_errstr (rc));
      sqlite3_close (dest);
      return FALSE;
    }

  ok = backup_into (self, dest, error);
  rc = sqlite3_close (dest);
  if (ok && rc != SQLITE_OK)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FULL,
                   _("Could not write the backup %s: %s"), display, sqlite3_errstr (rc));
      ok = FALSE;
    }

  if (!ok)
    {
      /* The output removes its temporary file; SQLite's journal beside it goes too. */
      g_autofree char *journal = g_strconcat (temp, "-journal", NULL);

      g_unlink (journal);
      return FALSE;
    }

  return ssa_output_commit (output, error);
}
