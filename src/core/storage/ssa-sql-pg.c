/* ssa-sql-pg.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-sql"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ssa-pq.h"
#include "ssa-sql.h"

/* The PostgreSQL backend of the SQL engine seam, on libpq. A statement's `?` parameters
 * become `$1`…`$n`; each text is prepared once per connection (PQprepare()), its result
 * columns described once (PQdescribePrepared()), and run with PQexecPrepared() at its first
 * step (parameters as text, blobs as binary BYTEA); its rows are read from the whole result
 * one step at a time. A statement with a BYTEA column, whose other columns are all whole
 * numbers, booleans or text, gets its result in binary: blobs arrive as their bytes instead
 * of hex to unescape, numbers as 2, 4 or 8 big-endian bytes, text as it is. Any other
 * statement gets its result in text, as libpq has one format per result: the server sends
 * text for less than binary (each binary value costs it a buffer of its own), and for
 * 50 000 installations or 500 000 licence lines that is more than the digits cost to
 * parse here. The password is libpq's business: PGPASSWORD, ~/.pgpass or a service file, as
 * for every libpq client. */

/* How long to wait for a server that does not answer, unless the URI says otherwise. */
#define CONNECT_TIMEOUT_SECONDS "10"

/* The type oids of PostgreSQL's catalog (pg_type.dat) that binary results decode; they are
 * fixed across versions. */
#define BOOL_OID    16
#define BYTEA_OID   17
#define NAME_OID    19
#define INT8_OID    20
#define INT2_OID    21
#define INT4_OID    23
#define TEXT_OID    25
#define OID_OID     26
#define BPCHAR_OID  1042
#define VARCHAR_OID 1043

/* A statement text prepared on the connection. */
typedef struct
{
  char *name;             /* on the server */
  int   n_fields;         /* result columns */
  Oid  *types;            /* n_fields */
  int   result_format;    /* 1 (binary) for a blob when every column decodes */
} PgPrepared;

typedef struct
{
  SsaSql      parent;
  PGconn     *conn;
  gint64      changes;
  GHashTable *prepared;   /* statement text ($n) -> PgPrepared */
  guint       n_prepared;
} PgSql;

typedef struct
{
  SsaSqlStmt parent;
  char      *text;        /* with $n parameters */
  int        n_params;
  char     **values;      /* n_params; NULL for NULL */
  int       *lengths;
  int       *formats;     /* 1 for a blob */
  const PgPrepared *prepared; /* after the first step; the connection's */
  PGresult  *result;      /* after the first step */
  int        row;
  char     (*numbers)[24]; /* per column: a binary number as text, for column_text */
} PgStmt;

#define CONN(sql) (((PgSql *) (sql))->conn)

/* The URI without its password, for messages: "user@host:port/dbname". */
char *
ssa_team_db_describe (const char *location)
{
  PQconninfoOption *options;
  const char *user = NULL, *host = NULL, *port = NULL, *dbname = NULL, *service = NULL;
  GString *out;

  if (!ssa_sql_is_uri (location))
    return g_filename_display_name (location);
  if (!ssa_pq_load (NULL))
    return g_strdup (_("(a PostgreSQL URI, unread without libpq)"));

  options = PQconninfoParse (location, NULL);
  if (options == NULL)
    return g_strdup (_("(a malformed PostgreSQL URI)"));
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (o->val == NULL || o->val[0] == '\0')
        continue;
      if (g_str_equal (o->keyword, "user"))
        user = o->val;
      else if (g_str_equal (o->keyword, "host"))
        host = o->val;
      else if (g_str_equal (o->keyword, "port"))
        port = o->val;
      else if (g_str_equal (o->keyword, "dbname"))
        dbname = o->val;
      else if (g_str_equal (o->keyword, "service"))
        service = o->val;
    }

  out = g_string_new ("postgresql://");
  if (user != NULL)
    g_string_append_printf (out, "%s@", user);
  if (host != NULL && host[0] != '/')
    g_string_append (out, host);
  if (port != NULL)
    g_string_append_printf (out, ":%s", port);
  g_string_append_c (out, '/');
  if (dbname != NULL)
    g_string_append (out, dbname);
  if (service != NULL)
    g_string_append_printf (out, "?service=%s", service);
  else if (host != NULL && host[0] == '/')
    g_string_append_printf (out, "?host=%s", host);
  PQconninfoFree (options);
  return g_string_free (out, FALSE);
}

/**
 * ssa_team_db_uri_has_password:
 * @location: (nullable): what --db gave
 *
 * Returns: whether @location is a libpq URI or connection string that holds a password,
 *   which a command line must not: every user of the machine can read it
 */
gboolean
ssa_team_db_uri_has_password (const char *location)
{
  PQconninfoOption *options;
  gboolean found = FALSE;

  if (!ssa_sql_is_uri (location) || !ssa_pq_load (NULL))
    return FALSE;
  options = PQconninfoParse (location, NULL);
  if (options == NULL)
    return FALSE;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "password") && o->val != NULL && o->val[0] != '\0')
      found = TRUE;
  PQconninfoFree (options);
  return found;
}

/* Whether the URI names a server on this machine (a Unix socket or a loopback address):
 * the only ones reached without TLS unless the URI or PGSSLMODE says otherwise. */
static gboolean
needs_tls_default (const char *location)
{
  PQconninfoOption *options = PQconninfoParse (location, NULL);
  gboolean has_sslmode = FALSE, remote = FALSE;
  const char *hosts = NULL, *hostaddr = NULL;

  if (options == NULL)
    return FALSE;  /* PQconnectdbParams() says what is wrong */
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    {
      if (o->val == NULL || o->val[0] == '\0')
        continue;
      if (g_str_equal (o->keyword, "sslmode") || g_str_equal (o->keyword, "service"))
        has_sslmode = TRUE; /* a service file says it itself */
      else if (g_str_equal (o->keyword, "host"))
        hosts = o->val;
      else if (g_str_equal (o->keyword, "hostaddr"))
        hostaddr = o->val;
    }
  if (hosts == NULL)
    hosts = g_getenv ("PGHOST");
  if (hosts != NULL)
    {
      g_auto(GStrv) list = g_strsplit (hosts, ",", -1);

      for (guint i = 0; list[i] != NULL; i++)
        if (list[i][0] != '/' && list[i][0] != '@' && list[i][0] != '\0' &&
            !g_str_equal (list[i], "localhost") && !g_str_has_prefix (list[i], "127.") &&
            !g_str_equal (list[i], "::1") && !g_str_equal (list[i], "[::1]"))
          remote = TRUE;
    }
  if (hostaddr != NULL && !g_str_has_prefix (hostaddr, "127.") && !g_str_equal (hostaddr, "::1"))
    remote = TRUE;
  PQconninfoFree (options);
  return remote && !has_sslmode && g_getenv ("PGSSLMODE") == NULL;
}

static void
set_authentication_error (const char  *display,
                          const char  *detail,
                          GError     **error)
{
  g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_AUTHENTICATION,
               _("The team database %s refused the user name or password (%s). Check the "
                 "user in the URI and the password in ~/.pgpass, PGPASSWORD or the service "
                 "file, and that the server's pg_hba.conf lets that user in."),
               display, detail);
}

/* Sets @error from a failed connection: which of the failures the user can act on. */
static void
set_connect_error (const char  *display,
                   PGconn      *conn,
                   GError     **error)
{
  const char *raw = conn != NULL ? PQerrorMessage (conn) : "";
  g_autofree char *detail = g_strstrip (g_strdup (raw));

  g_debug ("%s: %s", display, detail);
  if (conn != NULL && PQconnectionNeedsPassword (conn))
    g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_AUTHENTICATION,
                 _("The team database %s wants a password and none was found. Put it in "
                   "~/.pgpass (or PGPASSWORD, or a service file) as for any PostgreSQL "
                   "client, never on the command line."), display);
  /* With sslmode=prefer libpq tries without TLS after a refusal over TLS: a wrong password
   * then reads "password authentication failed … no encryption", and is the password. */
  else if (strstr (detail, "authentication failed") != NULL ||
           strstr (detail, "no password supplied") != NULL ||
           (strstr (detail, "role \"") != NULL && strstr (detail, "does not exist") != NULL))
    set_authentication_error (display, detail, error);
  else if (strstr (detail, "no encryption") != NULL)
    g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_TLS,
                 _("The team database %s accepts only encrypted (TLS) connections (%s). "
                   "Remove sslmode=disable from the URI, or use sslmode=verify-full with "
                   "the server's certificate authority in sslrootcert."), display, detail);
  else if (strstr (detail, "no pg_hba.conf entry") != NULL)
    set_authentication_error (display, detail, error);
  else if (strstr (detail, "SSL") != NULL || strstr (detail, "certificate") != NULL ||
           strstr (detail, "sslmode") != NULL || strstr (detail, "GSSAPI") != NULL)
    g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_TLS,
                 _("Could not make an encrypted (TLS) connection to the team database %s "
                   "(%s). Check the server's certificate and the sslmode and sslrootcert in "
                   "the URI."), display, detail);
  else if (strstr (detail, "Connection refused") != NULL ||
           strstr (detail, "could not connect") != NULL ||
           strstr (detail, "timeout expired") != NULL ||
           strstr (detail, "could not translate host name") != NULL ||
           strstr (detail, "No such file or directory") != NULL ||
           strstr (detail, "unreachable") != NULL ||
           strstr (detail, "the database system is") != NULL)
    g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_UNREACHABLE,
                 _("Could not reach the team database %s (%s). Check the host and port in the "
                   "URI, that the server runs, and the network; nothing was changed."),
                 display, detail);
  else
    g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_FAILED,
                 _("Could not connect to the team database %s: %s"), display, detail);
}

/* Sets @error from a failed statement. */
static gboolean
set_result_error (SsaSql    *sql,
                  PGresult  *result,
                  GError   **error)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *message = result != NULL ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY)
                                       : NULL;
  g_autofree char *detail = g_strstrip (g_strdup (message != NULL ? message
                                                                  : PQerrorMessage (CONN (sql))));

  sql->last_constraint = SSA_SQL_CONSTRAINT_NONE;
  if (g_strcmp0 (state, "23505") == 0)
    sql->last_constraint = SSA_SQL_CONSTRAINT_UNIQUE;
  else if (g_strcmp0 (state, "23503") == 0)
    sql->last_constraint = SSA_SQL_CONSTRAINT_FOREIGN_KEY;
  else if (g_strcmp0 (state, "23514") == 0)
    sql->last_constraint = SSA_SQL_CONSTRAINT_CHECK;
  else if (g_strcmp0 (state, "23502") == 0)
    sql->last_constraint = SSA_SQL_CONSTRAINT_NOT_NULL;
  else if (state != NULL && (g_str_has_prefix (state, "23") || g_str_equal (state, "P0001")))
    sql->last_constraint = SSA_SQL_CONSTRAINT_OTHER;

  if (PQstatus (CONN (sql)) == CONNECTION_BAD || (state != NULL && g_str_has_prefix (state, "08")))
    g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_UNREACHABLE,
                 _("The connection to the team database %s was lost (%s). What was being saved "
                   "was not saved; try again when the server can be reached."),
                 sql->display_name, detail);
  /* A lock another client held past lock_timeout, a statement timeout, a deadlock or a
   * serialisation failure: the SQLite file's "busy", try again in a moment. */
  else if (state != NULL && (g_str_equal (state, "55P03") || g_str_equal (state, "57014") ||
                             g_str_equal (state, "40P01") || g_str_equal (state, "40001")))
    g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_BUSY,
                 _("The team database %s is busy: another user kept what this needs locked "
                   "for more than %d seconds (%s). Nothing was changed; try again in a "
                   "moment."), sql->display_name, SSA_DB_BUSY_TIMEOUT_MS / 1000, detail);
  else if (state != NULL && (g_str_has_prefix (state, "23") || g_str_equal (state, "P0001")))
    g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_CONSTRAINT,
                 _("The database %s refused the change: it breaks a rule of the database "
                   "(%s). Nothing was changed."), sql->display_name, detail);
  else
    g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_FAILED,
                 _("The database %s failed: %s"), sql->display_name, detail);
  return FALSE;
}

static void
pg_prepared_free (gpointer data)
{
  PgPrepared *prepared = data;

  g_free (prepared->name);
  g_free (prepared->types);
  g_free (prepared);
}

static gboolean
decodes_in_binary (Oid type)
{
  switch (type)
    {
    case BOOL_OID:
    case BYTEA_OID:
    case NAME_OID:
    case INT8_OID:
    case INT2_OID:
    case INT4_OID:
    case TEXT_OID:
    case OID_OID:
    case BPCHAR_OID:
    case VARCHAR_OID:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
pg_close (SsaSql *sql)
{
  g_clear_pointer (&((PgSql *) sql)->prepared, g_hash_table_unref);
  PQfinish (CONN (sql));
  g_free (sql->display_name);
  g_free (sql);
}

static SsaSqlStmt *
pg_prepare (SsaSql      *sql,
            const char  *text,
            GError     **error)
{
  PgStmt *self = g_new0 (PgStmt, 1);

  self->parent.sql = sql;
  self->text = ssa_sql_number_parameters (text, &self->n_params);
  self->values = g_new0 (char *, self->n_params + 1);
  self->lengths = g_new0 (int, self->n_params + 1);
  self->formats = g_new0 (int, self->n_params + 1);
  self->row = -1;
  return &self->parent;
}

static void
pg_reset (SsaSqlStmt *stmt)
{
  PgStmt *self = (PgStmt *) stmt;

  g_clear_pointer (&self->result, PQclear);
  self->row = -1;
}

static void
pg_stmt_free (SsaSqlStmt *stmt)
{
  PgStmt *self = (PgStmt *) stmt;

  pg_reset (stmt);
  for (int i = 0; i < self->n_params; i++)
    g_free (self->values[i]);
  g_free (self->values);
  g_free (self->lengths);
  g_free (self->formats);
  g_free (self->numbers);
  g_free (self->text);
  g_free (self);
}

static void
set_param (PgStmt *self,
           int     index,
           char   *value,
           int     length,
           int     format)
{
  g_return_if_fail (index >= 1 && index <= self->n_params);

  g_free (self->values[index - 1]);
  self->values[index - 1] = value;
  self->lengths[index - 1] = length;
  self->formats[index - 1] = format;
}

static void
pg_bind_int64 (SsaSqlStmt *stmt,
               int         index,
               gint64      value)
{
  set_param ((PgStmt *) stmt, index, g_strdup_printf ("%" G_GINT64_FORMAT, value), 0, 0);
}

static void
pg_bind_text (SsaSqlStmt *stmt,
              int         index,
              const char *text,
              gssize      length)
{
  set_param ((PgStmt *) stmt, index, length < 0 ? g_strdup (text) : g_strndup (text, length),
             0, 0);
}

static void
pg_bind_blob (SsaSqlStmt    *stmt,
              int            index,
              gconstpointer  data,
              gsize          length)
{
  g_return_if_fail (length <= G_MAXINT);
  set_param ((PgStmt *) stmt, index, length > 0 ? g_memdup2 (data, length) : g_malloc (1),
             (int) length, 1);
}

static void
pg_bind_null (SsaSqlStmt *stmt,
              int         index)
{
  set_param ((PgStmt *) stmt, index, NULL, 0, 0);
}

/* Prepares @text on the connection and learns its result columns; the connection keeps it. */
static const PgPrepared *
prepare_on_server (PgSql       *sql,
                   const char  *text,
                   int          n_params,
                   GError     **error)
{
  g_autofree char *name = g_strdup_printf ("ssa_%u", sql->n_prepared + 1);
  PGresult *result = PQprepare (sql->conn, name, text, n_params, NULL);
  PgPrepared *prepared;
  gboolean all_decode = TRUE, has_blob = FALSE;

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_debug ("%s: could not prepare: %s", sql->parent.display_name, text);
      set_result_error (&sql->parent, result, error);
      PQclear (result);
      return NULL;
    }
  PQclear (result);
  sql->n_prepared++;

  result = PQdescribePrepared (sql->conn, name);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      set_result_error (&sql->parent, result, error);
      PQclear (result);
      return NULL;
    }
  prepared = g_new0 (PgPrepared, 1);
  prepared->name = g_steal_pointer (&name);
  prepared->n_fields = PQnfields (result);
  prepared->types = g_new0 (Oid, MAX (prepared->n_fields, 1));
  for (int i = 0; i < prepared->n_fields; i++)
    {
      prepared->types[i] = PQftype (result, i);
      all_decode = all_decode && decodes_in_binary (prepared->types[i]);
      has_blob = has_blob || prepared->types[i] == BYTEA_OID;
    }
  prepared->result_format = all_decode && has_blob ? 1 : 0;
  PQclear (result);
  g_hash_table_insert (sql->prepared, g_strdup (text), prepared);
  return prepared;
}

static SsaSqlStep
pg_step (SsaSqlStmt  *stmt,
         GError     **error)
{
  PgStmt *self = (PgStmt *) stmt;
  PgSql *sql = (PgSql *) stmt->sql;

  if (self->result == NULL)
    {
      ExecStatusType status;
      const char *tuples;

      /* Each text is parsed, planned and described once per connection, then only run: an
       * import runs the same few statements thousands of times. */
      if (self->prepared == NULL)
        {
          self->prepared = g_hash_table_lookup (sql->prepared, self->text);
          if (self->prepared == NULL)
            {
              self->prepared = prepare_on_server (sql, self->text, self->n_params, error);
              if (self->prepared == NULL)
                return SSA_SQL_STEP_ERROR;
            }
        }
      self->result = PQexecPrepared (sql->conn, self->prepared->name, self->n_params,
                                     (const char * const *) self->values, self->lengths,
                                     self->formats, self->prepared->result_format);
      status = PQresultStatus (self->result);
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        {
          set_result_error (stmt->sql, self->result, error);
          pg_reset (stmt);
          return SSA_SQL_STEP_ERROR;
        }
      tuples = PQcmdTuples (self->result);
      if (tuples != NULL && tuples[0] != '\0')
        sql->changes = g_ascii_strtoll (tuples, NULL, 10);
      self->row = -1;
    }

  self->row++;
  if (self->row < PQntuples (self->result))
    return SSA_SQL_STEP_ROW;
  return SSA_SQL_STEP_DONE;
}

static int
pg_column_count (SsaSqlStmt *stmt)
{
  PgStmt *self = (PgStmt *) stmt;

  return self->result != NULL ? PQnfields (self->result) : 0;
}

static gboolean
pg_column_is_null (SsaSqlStmt *stmt,
                   int         column)
{
  PgStmt *self = (PgStmt *) stmt;

  return PQgetisnull (self->result, self->row, column);
}

static gboolean
is_binary (PgStmt *self)
{
  return self->prepared != NULL && self->prepared->result_format == 1;
}

static guint64
read_be (const char *value,
         int         n_bytes)
{
  const guchar *bytes = (const guchar *) value;
  guint64 out = 0;

  for (int i = 0; i < n_bytes; i++)
    out = (out << 8) | bytes[i];
  return out;
}

/* A whole number, boolean or oid column of a binary result; FALSE for another type. */
static gboolean
binary_number (PgStmt *self,
               int     column,
               gint64 *out)
{
  const char *value = PQgetvalue (self->result, self->row, column);
  int length = PQgetlength (self->result, self->row, column);

  switch (self->prepared->types[column])
    {
    case INT8_OID:
      g_return_val_if_fail (length == 8, FALSE);
      *out = (gint64) read_be (value, 8);
      return TRUE;
    case INT4_OID:
      g_return_val_if_fail (length == 4, FALSE);
      *out = (gint32) (guint32) read_be (value, 4);
      return TRUE;
    case INT2_OID:
      g_return_val_if_fail (length == 2, FALSE);
      *out = (gint16) (guint16) read_be (value, 2);
      return TRUE;
    case OID_OID:
      g_return_val_if_fail (length == 4, FALSE);
      *out = (guint32) read_be (value, 4);
      return TRUE;
    case BOOL_OID:
      g_return_val_if_fail (length == 1, FALSE);
      *out = value[0] != 0;
      return TRUE;
    default:
      return FALSE;
    }
}

static gint64
pg_column_int64 (SsaSqlStmt *stmt,
                 int         column)
{
  PgStmt *self = (PgStmt *) stmt;
  const char *value;
  gint64 number;

  if (PQgetisnull (self->result, self->row, column))
    return 0;
  if (is_binary (self) && binary_number (self, column, &number))
    return number;
  value = PQgetvalue (self->result, self->row, column);
  if (g_str_equal (value, "t"))   /* a boolean */
    return 1;
  return g_ascii_strtoll (value, NULL, 10);
}

/* Text as the text format has it, for every column; a binary result's text and bytea are
 * their bytes (libpq ends every value with a zero byte), numbers are written in the
 * statement's own buffer of the column: valid until the next step, as with SQLite. */
static const char *
pg_column_text (SsaSqlStmt *stmt,
                int         column)
{
  PgStmt *self = (PgStmt *) stmt;
  gint64 number;

  if (PQgetisnull (self->result, self->row, column))
    return NULL;
  if (is_binary (self))
    {
      if (self->prepared->types[column] == BOOL_OID)
        return PQgetvalue (self->result, self->row, column)[0] != 0 ? "t" : "f";
      if (binary_number (self, column, &number))
        {
          if (self->numbers == NULL)
            self->numbers = g_malloc_n (self->prepared->n_fields, sizeof *self->numbers);
          g_snprintf (self->numbers[column], sizeof self->numbers[column],
                      "%" G_GINT64_FORMAT, number);
          return self->numbers[column];
        }
    }
  return PQgetvalue (self->result, self->row, column);
}

static GBytes *
pg_column_blob (SsaSqlStmt *stmt,
                int         column)
{
  PgStmt *self = (PgStmt *) stmt;
  unsigned char *data;
  size_t length = 0;
  GBytes *bytes;

  if (PQgetisnull (self->result, self->row, column))
    return NULL;
  if (is_binary (self))
    return g_bytes_new (PQgetvalue (self->result, self->row, column),
                        PQgetlength (self->result, self->row, column));
  data = PQunescapeBytea ((const unsigned char *) PQgetvalue (self->result, self->row, column),
                          &length);
  if (data == NULL)
    return NULL;
  bytes = g_bytes_new (data, length);
  PQfreemem (data);
  return bytes;
}

static gboolean
pg_exec (SsaSql      *sql,
         const char  *text,
         GError     **error)
{
  PGresult *result = PQexec (CONN (sql), text);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ||
                status == PGRES_EMPTY_QUERY;

  if (!ok)
    set_result_error (sql, result, error);
  else if (PQcmdTuples (result)[0] != '\0')
    ((PgSql *) sql)->changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  PQclear (result);
  return ok;
}

static gint64
pg_changes (SsaSql *sql)
{
  return ((PgSql *) sql)->changes;
}

static gint64
pg_last_insert_id (SsaSql *sql)
{
  PGresult *result = PQexec (CONN (sql), "SELECT lastval()");
  gint64 id = 0;

  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) == 1)
    id = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  return id;
}

static const SsaSqlBackend pg_backend = {
  .engine = SSA_SQL_ENGINE_POSTGRESQL,
  .dialect = "postgresql",
  .close = pg_close,
  .prepare = pg_prepare,
  .stmt_free = pg_stmt_free,
  .bind_int64 = pg_bind_int64,
  .bind_text = pg_bind_text,
  .bind_blob = pg_bind_blob,
  .bind_null = pg_bind_null,
  .step = pg_step,
  .reset = pg_reset,
  .column_count = pg_column_count,
  .column_is_null = pg_column_is_null,
  .column_int64 = pg_column_int64,
  .column_text = pg_column_text,
  .column_blob = pg_column_blob,
  .exec = pg_exec,
  .changes = pg_changes,
  .last_insert_id = pg_last_insert_id,
};

/* Passwords the window took from the keyring, in this process's memory only: keyed by
 * ssa_team_db_describe() of the URI (user, host, port, database), so that every connection
 * the window's workers open to that database gets it. */
G_LOCK_DEFINE_STATIC (passwords);
static GHashTable *passwords;

static void
wipe_free (gpointer data)
{
  char *text = data;

  if (text != NULL)
    {
      volatile char *p = text;

      while (*p != '\0')
        *p++ = '\0';
    }
  g_free (text);
}

/**
 * ssa_team_db_set_password:
 * @uri: a team database's libpq URI, without a password
 * @password: (nullable): its password, or %NULL to forget it
 *
 * Gives connections to @uri's server, database and user opened from now on in this process
 * @password, in memory (PQconnectdbParams()' "password"): never on a command line or in the
 * environment. Without one, libpq's own sources (PGPASSWORD, ~/.pgpass, a service file)
 * are used as for every libpq client.
 */
void
ssa_team_db_set_password (const char *uri,
                          const char *password)
{
  g_autofree char *key = NULL;

  g_return_if_fail (uri != NULL);

  key = ssa_team_db_describe (uri);
  G_LOCK (passwords);
  if (passwords == NULL)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, wipe_free);
  if (password != NULL && *password != '\0')
    g_hash_table_replace (passwords, g_steal_pointer (&key), g_strdup (password));
  else
    g_hash_table_remove (passwords, key);
  G_UNLOCK (passwords);
}

/**
 * ssa_sql_open_pg:
 * @uri: a libpq connection URI (or any libpq connection string)
 * @error: a #GError
 *
 * Connects, with TLS required for a server that is not on this machine (unless the URI,
 * a service file or PGSSLMODE chooses), and refuses a server older than
 * SSA_TEAM_DB_MIN_SERVER_VERSION.
 *
 * Returns: (transfer full): the connection
 */
SsaSql *
ssa_sql_open_pg (const char  *uri,
                 GError     **error)
{
  const char *keywords[6];
  const char *values[6];
  PgSql *self;
  int n = 0;
  int version;
  g_autofree char *key = NULL;
  char *password = NULL;
  GError *load_error = NULL;

  if (!ssa_pq_load (&load_error))
    {
      g_set_error_literal (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_FAILED,
                           load_error->message);
      g_error_free (load_error);
      return NULL;
    }
  key = ssa_team_db_describe (uri);
  G_LOCK (passwords);
  if (passwords != NULL && g_hash_table_lookup (passwords, key) != NULL)
    password = g_strdup (g_hash_table_lookup (passwords, key));
  G_UNLOCK (passwords);

  keywords[n] = "connect_timeout";
  values[n++] = CONNECT_TIMEOUT_SECONDS;
  if (needs_tls_default (uri))
    {
      keywords[n] = "sslmode";
      values[n++] = "require";
    }
  keywords[n] = "fallback_application_name";
  values[n++] = "ssa-desk";
  if (password != NULL)
    {
      keywords[n] = "password";
      values[n++] = password;
    }
  /* Last, so that what the URI says overrides the defaults before it. */
  keywords[n] = "dbname";
  values[n++] = uri;
  keywords[n] = NULL;
  values[n] = NULL;

  self = g_new0 (PgSql, 1);
  self->prepared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, pg_prepared_free);
  self->parent.backend = &pg_backend;
  self->parent.display_name = ssa_team_db_describe (uri);
  self->conn = PQconnectdbParams (keywords, values, 1);
  wipe_free (password);

  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      set_connect_error (self->parent.display_name, self->conn, error);
      pg_close (&self->parent);
      return NULL;
    }

  version = PQserverVersion (self->conn);
  if (version < SSA_TEAM_DB_MIN_SERVER_VERSION)
    {
      g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_SERVER_TOO_OLD,
                   _("The team database %s runs PostgreSQL %d.%d; SSA Desk needs version %d "
                     "or newer. Upgrade the server; nothing was changed."),
                   self->parent.display_name, version / 10000, version % 10000,
                   SSA_TEAM_DB_MIN_SERVER_VERSION / 10000);
      pg_close (&self->parent);
      return NULL;
    }

  if (PQsetClientEncoding (self->conn, "UTF8") != 0 ||
      !pg_exec (&self->parent, "SET TIME ZONE 'UTC'; "
                "SET lock_timeout = " G_STRINGIFY (SSA_DB_BUSY_TIMEOUT_MS), error))
    {
      if (error != NULL && *error == NULL)
        set_connect_error (self->parent.display_name, self->conn, error);
      pg_close (&self->parent);
      return NULL;
    }
  return &self->parent;
}

/* Reads one query's result of a pipeline into @stmt (NULL for BEGIN and COMMIT): TRUE when
 * it ran; else sets @error, unless an earlier query of the pipeline already failed. */
static gboolean
take_pipeline_result (PgSql       *sql,
                      PgStmt      *stmt,
                      GError     **error)
{
  PGresult *result = PQgetResult (sql->conn);
  ExecStatusType status = result != NULL ? PQresultStatus (result) : PGRES_FATAL_ERROR;
  const char *tuples;

  /* Each query's results end with a NULL. */
  if (result != NULL)
    {
      PGresult *extra;

      while ((extra = PQgetResult (sql->conn)) != NULL)
        PQclear (extra);
    }
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      /* A query after the one that failed is skipped: the first failure says what. */
      if (status != PGRES_PIPELINE_ABORTED && error != NULL && *error == NULL)
        set_result_error (&sql->parent, result, error);
      PQclear (result);
      return FALSE;
    }
  tuples = PQcmdTuples (result);
  if (tuples != NULL && tuples[0] != '\0')
    sql->changes = g_ascii_strtoll (tuples, NULL, 10);
  if (stmt == NULL)
    {
      PQclear (result);
      return TRUE;
    }
  g_clear_pointer (&stmt->result, PQclear);
  stmt->result = result;
  stmt->row = -1;
  return TRUE;
}

/* Sends @stmts, between BEGIN and COMMIT when @in_transaction, in pipeline mode with one
 * Sync, and reads each one's result into it: one round trip, however many statements. */
static gboolean
run_pipeline (PgSql       *self,
              SsaSqlStmt **stmts,
              guint        n_stmts,
              gboolean     in_transaction,
              GError     **error)
{
  SsaSql *sql = &self->parent;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;
  PGresult *result;

  g_return_val_if_fail (!sql->in_transaction &&
                        PQtransactionStatus (self->conn) == PQTRANS_IDLE, FALSE);

  /* Each text prepared (and described) first: that needs its own answer, once per
   * connection. */
  for (guint i = 0; i < n_stmts; i++)
    {
      PgStmt *stmt = (PgStmt *) stmts[i];

      g_return_val_if_fail (stmts[i]->sql == sql, FALSE);
      pg_reset (stmts[i]);
      if (stmt->prepared == NULL)
        {
          stmt->prepared = g_hash_table_lookup (self->prepared, stmt->text);
          if (stmt->prepared == NULL)
            {
              stmt->prepared = prepare_on_server (self, stmt->text, stmt->n_params, error);
              if (stmt->prepared == NULL)
                return FALSE;
            }
        }
    }

  if (!PQenterPipelineMode (self->conn))
    {
      set_result_error (sql, NULL, error);
      return FALSE;
    }
  if (in_transaction)
    ok = PQsendQueryParams (self->conn, "BEGIN", 0, NULL, NULL, NULL, NULL, 0) == 1;
  for (guint i = 0; ok && i < n_stmts; i++)
    {
      PgStmt *stmt = (PgStmt *) stmts[i];

      ok = PQsendQueryPrepared (self->conn, stmt->prepared->name, stmt->n_params,
                                (const char * const *) stmt->values, stmt->lengths,
                                stmt->formats, stmt->prepared->result_format) == 1;
    }
  if (in_transaction)
    ok = ok && PQsendQueryParams (self->conn, "COMMIT", 0, NULL, NULL, NULL, NULL, 0) == 1;
  ok = ok && PQpipelineSync (self->conn) == 1;
  if (!ok)
    {
      /* Nothing could be sent (a lost connection): libpq says why. */
      set_result_error (sql, NULL, &local_error);
    }
  else
    {
      if (in_transaction)
        ok = take_pipeline_result (self, NULL, &local_error);
      for (guint i = 0; i < n_stmts; i++)
        ok = take_pipeline_result (self, (PgStmt *) stmts[i], &local_error) && ok;
      if (in_transaction)
        ok = take_pipeline_result (self, NULL, &local_error) && ok;
      /* The Sync's own result ends the pipeline. */
      result = PQgetResult (self->conn);
      if (result == NULL || PQresultStatus (result) != PGRES_PIPELINE_SYNC)
        {
          ok = FALSE;
          if (local_error == NULL)
            set_result_error (sql, result, &local_error);
        }
      PQclear (result);
    }
  if (!PQexitPipelineMode (self->conn))
    {
      ok = FALSE;
      if (local_error == NULL)
        set_result_error (sql, NULL, &local_error);
    }
  if (!ok)
    {
      for (guint i = 0; i < n_stmts; i++)
        pg_reset (stmts[i]);
      /* A statement failed: the transaction waits for its ROLLBACK. */
      if (PQtransactionStatus (self->conn) == PQTRANS_INERROR ||
          PQtransactionStatus (self->conn) == PQTRANS_INTRANS)
        PQclear (PQexec (self->conn, "ROLLBACK"));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_sql_pg_run_in_transaction:
 * @sql: a PostgreSQL connection, not in a transaction
 * @stmts: (array length=n_stmts): statements of @sql, bound
 * @n_stmts: how many
 * @error: a #GError
 *
 * Runs BEGIN, @stmts in their order and COMMIT as one transaction, sent together and
 * answered together (libpq's pipeline mode): one round trip to the server, however many
 * statements. The server runs each statement after the one before it has finished (a lock
 * one takes is held when the next starts, and each sees what the ones before it did and
 * what others committed before it started, as usual in READ COMMITTED), but the client
 * does not wait between them: a lock taken in the transaction is held for the server's
 * work only. Afterwards the rows of each statement are read with ssa_sql_step() and the
 * ssa_sql_column_*() functions as after its first step (ssa_sql_step() returns its first
 * row, or SSA_SQL_STEP_DONE), until it is reset.
 *
 * Returns: %TRUE when all ran and the transaction committed; on failure it is rolled back,
 *   nothing is kept, and @error says what failed first
 */
gboolean
ssa_sql_pg_run_in_transaction (SsaSql      *sql,
                               SsaSqlStmt **stmts,
                               guint        n_stmts,
                               GError     **error)
{
  g_return_val_if_fail (sql != NULL && sql->backend == &pg_backend, FALSE);

  return run_pipeline ((PgSql *) sql, stmts, n_stmts, TRUE, error);
}

/**
 * ssa_sql_pg_run_together:
 * @sql: a PostgreSQL connection, not in a transaction
 * @stmts: (array length=n_stmts): statements of @sql, bound: reads
 * @n_stmts: how many
 * @error: a #GError
 *
 * Runs @stmts in their order, sent together and answered together (libpq's pipeline mode,
 * as ssa_sql_pg_run_in_transaction() does, without BEGIN and COMMIT): one round trip for
 * reads that do not depend on each other's rows. They run in one implicit transaction;
 * each statement sees what others committed before it started. Their rows are then read
 * as after ssa_sql_pg_run_in_transaction().
 *
 * Returns: %TRUE when all ran; else @error says what failed first
 */
gboolean
ssa_sql_pg_run_together (SsaSql      *sql,
                         SsaSqlStmt **stmts,
                         guint        n_stmts,
                         GError     **error)
{
  g_return_val_if_fail (sql != NULL && sql->backend == &pg_backend, FALSE);

  return run_pipeline ((PgSql *) sql, stmts, n_stmts, FALSE, error);
}

/* The libpq connection under @sql (a PostgreSQL one), for what the seam does not cover:
 * LISTEN and its notifications (ssa-db-listener.c). */
PGconn *
ssa_sql_pg_get_conn (SsaSql *sql)
{
  g_return_val_if_fail (sql != NULL && sql->backend == &pg_backend, NULL);

  return CONN (sql);
}
