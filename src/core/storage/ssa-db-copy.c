/* ssa-db-copy.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-sql"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ssa-db.h"
#include "ssa-db-copy.h"
#include "ssa-samples.h"
#include "ssa-sql.h"
#include "ssa-team-db.h"

/* Copying a database between engines, on the SQL engine seam (ssa-sql.h).
 *
 * The source is read in one read transaction (a consistent snapshot); the target is written
 * in one transaction: init's rows (the profile's empty row, the bundled sample price list)
 * are removed, every table's rows are inserted in foreign-key order with their ids (several
 * rows per INSERT), PostgreSQL's identity sequences are set past the largest id, and every
 * table is read back inside the transaction and compared with the source by its number of
 * rows and a SHA-256 over its rows in key order, each column rendered canonically. Only
 * then is it committed; any difference rolls everything back.
 *
 * The triggers that keep offers, their history and price lists unchanged fire on UPDATE and
 * DELETE only: inserting rows passes them, and the only rows deleted are init's (a price
 * list no offer refers to, and the profile), which no trigger guards. The triggers that
 * count an installation's licence lines (installations.line_count) do fire as the lines
 * are inserted: that column is inserted as 0 and left to them, and the read back compares
 * what they counted with the source's. */

typedef struct
{
  const char *name;
  const char *page_key;    /* a whole-number key to read the table by pages; NULL: at once */
  const char *order;       /* the key order; text compared byte by byte on both engines */
  const char *order_pg;
  gboolean    identity;    /* an id PostgreSQL generates: its sequence is set after */
  const char *counted;     /* a column the target's triggers count: inserted as 0 */
} TableSpec;

/* Every table of the schema, in foreign-key order (a table after those it refers to). */
static const TableSpec table_specs[] = {
  { "customers", "id", "id", "id", TRUE },
  { "installations", "id", "id", "id", TRUE, "line_count" },
  { "licences", "id", "id", "id", TRUE },
  { "price_lists", "id", "id", "id", TRUE },
  { "offers", "id", "id", "id", TRUE },
  { "offer_status_changes", "id", "id", "id", TRUE },
  { "profile", "id", "id", "id", FALSE },
  { "licence_type_map", NULL, "type", "type COLLATE \"C\"", FALSE },
  { "pbx_readings", "installation_id", "installation_id", "installation_id", FALSE },
  { "pbx_reading_licences", NULL, "installation_id, name",
    "installation_id, name COLLATE \"C\"", FALSE },
  { "audit_log", "id", "id", "id", TRUE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (table_specs) <= SSA_DB_COPY_MAX_TABLES);

#define PAGE_ROWS 5000
#define BATCH_BYTES (4 * 1024 * 1024)
#define MAX_BATCH_SIZES 9   /* batches of 1, 2, 4 … 256 rows */

typedef enum
{
  KIND_INT,
  KIND_TEXT,
  KIND_BLOB,
} Kind;

typedef struct
{
  char *name;
  Kind  kind;
} Column;

typedef struct
{
  gboolean is_null;
  gint64   number;
  GBytes  *bytes;   /* text (without its NUL) or a blob */
} Value;

typedef struct
{
  const TableSpec *spec;
  GPtrArray       *columns;   /* Column */
  char            *select;    /* SELECT … FROM … for the source's engine */
  guint            max_batch; /* a power of two */
  SsaSqlStmt      *inserts[MAX_BATCH_SIZES];
  GArray          *batch;     /* Value, columns × rows */
  guint            batch_rows;
  gsize            batch_bytes;
  GChecksum       *checksum;
  gint64           rows;
} Table;

typedef struct
{
  GChecksum *checksum;
  gint64     rows;
} Verify;

typedef struct
{
  const char *from_display;
  const char *to_display;
  SsaSql     *source;
  SsaSql     *target;
  Table       tables[G_N_ELEMENTS (table_specs)];
  Verify     *verifying;  /* while the target is read back */
} Copy;

static void
column_free (Column *column)
{
  g_free (column->name);
  g_free (column);
}

static void
value_clear (Value *value)
{
  g_clear_pointer (&value->bytes, g_bytes_unref);
}

static void
table_clear (Table *table)
{
  g_clear_pointer (&table->columns, g_ptr_array_unref);
  g_clear_pointer (&table->select, g_free);
  for (guint i = 0; i < MAX_BATCH_SIZES; i++)
    g_clear_pointer (&table->inserts[i], ssa_sql_stmt_free);
  g_clear_pointer (&table->batch, g_array_unref);
  g_clear_pointer (&table->checksum, g_checksum_free);
}

static const char *
order_for (SsaSql          *sql,
           const TableSpec *spec)
{
  return ssa_sql_get_engine (sql) == SSA_SQL_ENGINE_POSTGRESQL ? spec->order_pg : spec->order;
}

/* The tables and columns, from the database's own catalogue */

static gboolean
list_tables (SsaSql      *sql,
             GPtrArray  **out_names,
             GError     **error)
{
  g_autoptr(SsaSqlStmt) stmt = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  SsaSqlStep step;

  if (ssa_sql_get_engine (sql) == SSA_SQL_ENGINE_POSTGRESQL)
    stmt = ssa_sql_prepare (sql, "SELECT tablename FROM pg_catalog.pg_tables "
                            "WHERE schemaname = current_schema() AND tablename <> 'ssa_schema'",
                            error);
  else
    stmt = ssa_sql_prepare (sql, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", error);
  if (stmt == NULL)
    return FALSE;
  while ((step = ssa_sql_step (stmt, error)) == SSA_SQL_STEP_ROW)
    g_ptr_array_add (names, ssa_sql_column_dup_text (stmt, 0));
  if (step == SSA_SQL_STEP_ERROR)
    return FALSE;
  *out_names = g_steal_pointer (&names);
  return TRUE;
}

static gboolean
list_columns (SsaSql      *sql,
              const char  *table,
              GPtrArray  **out_columns,
              GError     **error)
{
  g_autoptr(SsaSqlStmt) stmt = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  gboolean pg = ssa_sql_get_engine (sql) == SSA_SQL_ENGINE_POSTGRESQL;
  SsaSqlStep step;

  if (pg)
    stmt = ssa_sql_prepare (sql, "SELECT column_name, data_type FROM information_schema.columns "
                            "WHERE table_schema = current_schema() AND table_name = ? "
                            "ORDER BY ordinal_position", error);
  else
    stmt = ssa_sql_prepare (sql, "SELECT name, upper(type) FROM pragma_table_info(?) "
                            "ORDER BY cid", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_text (stmt, 1, table);
  while ((step = ssa_sql_step (stmt, error)) == SSA_SQL_STEP_ROW)
    {
      Column *column = g_new0 (Column, 1);
      const char *type = ssa_sql_column_text (stmt, 1);

      column->name = ssa_sql_column_dup_text (stmt, 0);
      if (pg)
        {
          if (g_str_equal (type, "bigint") || g_str_equal (type, "integer") ||
              g_str_equal (type, "smallint"))
            column->kind = KIND_INT;
          else if (g_str_equal (type, "bytea"))
            column->kind = KIND_BLOB;
          else if (g_str_equal (type, "text"))
            column->kind = KIND_TEXT;
          else
            {
              g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NOT_SSA_DESK,
                           _("The column %s.%s of the database %s has the type “%s”, which "
                             "SSA Desk never makes: it cannot be copied."),
                           table, column->name, ssa_sql_get_display_name (sql), type);
              column_free (column);
              return FALSE;
            }
        }
      else
        column->kind = strstr (type, "INT") != NULL ? KIND_INT
                       : strstr (type, "BLOB") != NULL ? KIND_BLOB : KIND_TEXT;
      g_ptr_array_add (columns, column);
    }
  if (step == SSA_SQL_STEP_ERROR)
    return FALSE;
  *out_columns = g_steal_pointer (&columns);
  return TRUE;
}

static gboolean
is_known_table (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_specs); i++)
    if (g_str_equal (table_specs[i].name, name))
      return TRUE;
  return FALSE;
}

/* Both databases hold exactly the tables this program copies, with the same columns of the
 * same kinds: a table or column this list does not know would otherwise be left behind. */
static gboolean
check_schemas (Copy    *copy,
               GError **error)
{
  SsaSql *both[] = { copy->source, copy->target };

  for (guint d = 0; d < G_N_ELEMENTS (both); d++)
    {
      g_autoptr(GPtrArray) names = NULL;

      if (!list_tables (both[d], &names, error))
        return FALSE;
      for (guint i = 0; i < names->len; i++)
        if (!is_known_table (g_ptr_array_index (names, i)))
          {
            g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NOT_SSA_DESK,
                         _("The database %s holds the table %s, which this version of SSA "
                           "Desk does not know how to copy: nothing was copied."),
                         ssa_sql_get_display_name (both[d]),
                         (const char *) g_ptr_array_index (names, i));
            return FALSE;
          }
    }

  for (guint t = 0; t < G_N_ELEMENTS (table_specs); t++)
    {
      Table *table = &copy->tables[t];
      g_autoptr(GPtrArray) target_columns = NULL;
      g_autoptr(GString) select = g_string_new ("SELECT ");
      guint n;

      table->spec = &table_specs[t];
      if (!list_columns (copy->source, table->spec->name, &table->columns, error) ||
          !list_columns (copy->target, table->spec->name, &target_columns, error))
        return FALSE;
      if (table->columns->len == 0 || table->columns->len != target_columns->len)
        goto differ;
      for (guint i = 0; i < table->columns->len; i++)
        {
          Column *column = g_ptr_array_index (table->columns, i);
          gboolean found = FALSE;

          for (guint j = 0; j < target_columns->len; j++)
            {
              Column *other = g_ptr_array_index (target_columns, j);

              if (g_str_equal (column->name, other->name))
                {
                  found = column->kind == other->kind;
                  break;
                }
            }
          if (!found)
            goto differ;
          g_string_append_printf (select, "%s%s", i > 0 ? ", " : "", column->name);
        }
      g_string_append_printf (select, " FROM %s", table->spec->name);
      table->select = g_string_free (g_steal_pointer (&select), FALSE);

      n = MAX (1, MIN (256, 2000 / table->columns->len));
      table->max_batch = 1;
      while (table->max_batch * 2 <= n)
        table->max_batch *= 2;
      table->batch = g_array_new (FALSE, TRUE, sizeof (Value));
      g_array_set_clear_func (table->batch, (GDestroyNotify) value_clear);
      table->checksum = g_checksum_new (G_CHECKSUM_SHA256);
      continue;

differ:
      g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NOT_SSA_DESK,
                   _("The table %s has other columns in %s than in %s, though both have "
                     "schema version %d: nothing was copied."),
                   table->spec->name, copy->from_display, copy->to_display,
                   SSA_DB_SCHEMA_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* Reading rows: values and their canonical form */

/* One row's columns from @stmt into @values (appended), refusing a whole-number column of
 * an SQLite file that holds something else (SQLite lets any column hold any value). */
static gboolean
read_row (SsaSql      *sql,
          Table       *table,
          SsaSqlStmt  *stmt,
          GArray      *values,
          GError     **error)
{
  gboolean sqlite = ssa_sql_get_engine (sql) == SSA_SQL_ENGINE_SQLITE;

  for (guint i = 0; i < table->columns->len; i++)
    {
      Column *column = g_ptr_array_index (table->columns, i);
      Value value = { FALSE, 0, NULL };

      if (ssa_sql_column_is_null (stmt, i))
        value.is_null = TRUE;
      else if (column->kind == KIND_INT)
        {
          value.number = ssa_sql_column_int64 (stmt, i);
          if (sqlite)
            {
              char text[32];

              g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, value.number);
              if (g_strcmp0 (text, ssa_sql_column_text (stmt, i)) != 0)
                {
                  g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_CONSTRAINT,
                               _("The column %s.%s of the database %s holds “%s”, which is "
                                 "not a whole number: nothing was copied. Correct the row "
                                 "first."), table->spec->name, column->name,
                               ssa_sql_get_display_name (sql), ssa_sql_column_text (stmt, i));
                  return FALSE;
                }
            }
        }
      else if (column->kind == KIND_BLOB)
        {
          value.bytes = ssa_sql_column_blob (stmt, i);
          if (value.bytes == NULL)
            value.bytes = g_bytes_new (NULL, 0);
        }
      else if (sqlite)
        {
          gsize length;
          const char *data;

          /* SQLite may keep bytes in a text column: taken whole, and refused when they
           * hold a NUL, which no text of the server can (invalid UTF-8 the server refuses
           * itself). */
          value.bytes = ssa_sql_column_blob (stmt, i);
          if (value.bytes == NULL)
            value.bytes = g_bytes_new (NULL, 0);
          data = g_bytes_get_data (value.bytes, &length);
          if (length > 0 && memchr (data, '\0', length) != NULL)
            {
              g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_CONSTRAINT,
                           _("The column %s.%s of the database %s holds bytes that are not "
                             "text: nothing was copied. Correct the row first."),
                           table->spec->name, column->name, ssa_sql_get_display_name (sql));
              g_bytes_unref (value.bytes);
              return FALSE;
            }
        }
      else
        {
          const char *text = ssa_sql_column_text (stmt, i);

          value.bytes = g_bytes_new (text, strlen (text));
        }
      g_array_append_val (values, value);
    }
  return TRUE;
}

/* The canonical form of a row: each column as N; (NULL), I<number>; (whole number),
 * T<length>:<bytes>; (text) or B<hex>; (blob), then a newline. */
static void
checksum_row (GChecksum *checksum,
              Table     *table,
              GArray    *values)
{
  static const char hex_digits[] = "0123456789abcdef";

  for (guint i = 0; i < values->len; i++)
    {
      const Value *value = &g_array_index (values, Value, i);
      Kind kind = ((Column *) g_ptr_array_index (table->columns, i))->kind;
      char head[40];

      if (value->is_null)
        g_checksum_update (checksum, (const guchar *) "N;", 2);
      else if (kind == KIND_INT)
        {
          g_snprintf (head, sizeof head, "I%" G_GINT64_FORMAT ";", value->number);
          g_checksum_update (checksum, (const guchar *) head, strlen (head));
        }
      else
        {
          gsize length;
          const guchar *data = g_bytes_get_data (value->bytes, &length);

          if (kind == KIND_TEXT)
            {
              g_snprintf (head, sizeof head, "T%" G_GSIZE_FORMAT ":", length);
              g_checksum_update (checksum, (const guchar *) head, strlen (head));
              g_checksum_update (checksum, data, length);
            }
          else
            {
              guchar hex[512];
              gsize n = 0;

              g_checksum_update (checksum, (const guchar *) "B", 1);
              for (gsize j = 0; j < length; j++)
                {
                  hex[n++] = hex_digits[data[j] >> 4];
                  hex[n++] = hex_digits[data[j] & 0xf];
                  if (n == sizeof hex)
                    {
                      g_checksum_update (checksum, hex, n);
                      n = 0;
                    }
                }
              g_checksum_update (checksum, hex, n);
            }
          g_checksum_update (checksum, (const guchar *) ";", 1);
        }
    }
  g_checksum_update (checksum, (const guchar *) "\n", 1);
}

typedef gboolean (*RowFunc) (Copy     *copy,
                             Table    *table,
                             GArray   *values,
                             GError  **error);

/* Reads every row of @table from @sql in key order, by pages of PAGE_ROWS when the table
 * has a whole-number key, and hands each to @func. */
static gboolean
read_table (Copy     *copy,
            SsaSql   *sql,
            Table    *table,
            RowFunc   func,
            GError  **error)
{
  g_autoptr(SsaSqlStmt) first = NULL;
  g_autoptr(SsaSqlStmt) next = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (Value));
  g_autofree char *first_text = NULL;
  g_autofree char *next_text = NULL;
  gint64 after = 0;
  gboolean more = TRUE, started = FALSE;

  g_array_set_clear_func (values, (GDestroyNotify) value_clear);
  if (table->spec->page_key != NULL)
    {
      /* The first page, then each after the last key read (keys may be any whole number). */
      first_text = g_strdup_printf ("%s ORDER BY %s LIMIT %d", table->select,
                                    order_for (sql, table->spec), PAGE_ROWS);
      next_text = g_strdup_printf ("%s WHERE %s > ? ORDER BY %s LIMIT %d", table->select,
                                   table->spec->page_key, order_for (sql, table->spec),
                                   PAGE_ROWS);
      next = ssa_sql_prepare (sql, next_text, error);
      if (next == NULL)
        return FALSE;
    }
  else
    first_text = g_strdup_printf ("%s ORDER BY %s", table->select, order_for (sql, table->spec));
  first = ssa_sql_prepare (sql, first_text, error);
  if (first == NULL)
    return FALSE;

  while (more)
    {
      SsaSqlStmt *stmt = started ? next : first;
      SsaSqlStep step;
      guint n = 0;

      if (started)
        {
          ssa_sql_reset (stmt);
          ssa_sql_bind_int64 (stmt, 1, after);
        }
      started = TRUE;
      while ((step = ssa_sql_step (stmt, error)) == SSA_SQL_STEP_ROW)
        {
          g_array_set_size (values, 0);
          if (!read_row (sql, table, stmt, values, error))
            return FALSE;
          for (guint i = 0; i < table->columns->len && table->spec->page_key != NULL; i++)
            if (g_str_equal (((Column *) g_ptr_array_index (table->columns, i))->name,
                             table->spec->page_key))
              after = g_array_index (values, Value, i).number;
          if (!func (copy, table, values, error))
            return FALSE;
          n++;
        }
      if (step == SSA_SQL_STEP_ERROR)
        return FALSE;
      more = table->spec->page_key != NULL && n == PAGE_ROWS;
    }
  return TRUE;
}

/* Writing rows */

static SsaSqlStmt *
get_insert (Copy     *copy,
            Table    *table,
            guint     rows,
            GError  **error)
{
  guint slot = g_bit_nth_lsf (rows, -1);
  g_autoptr(GString) text = NULL;

  g_assert (rows == (1u << slot) && slot < MAX_BATCH_SIZES);
  if (table->inserts[slot] != NULL)
    {
      ssa_sql_reset (table->inserts[slot]);
      return table->inserts[slot];
    }

  text = g_string_new (NULL);
  g_string_append_printf (text, "INSERT INTO %s (", table->spec->name);
  for (guint i = 0; i < table->columns->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                            ((Column *) g_ptr_array_index (table->columns, i))->name);
  g_string_append (text, ") VALUES ");
  for (guint r = 0; r < rows; r++)
    {
      g_string_append (text, r > 0 ? ", (" : "(");
      for (guint i = 0; i < table->columns->len; i++)
        g_string_append (text, i > 0 ? ", ?" : "?");
      g_string_append_c (text, ')');
    }
  table->inserts[slot] = ssa_sql_prepare (copy->target, text->str, error);
  return table->inserts[slot];
}

static gboolean
flush_batch (Copy     *copy,
             Table    *table,
             GError  **error)
{
  guint done = 0, n_columns = table->columns->len;

  while (done < table->batch_rows)
    {
      guint rows = 1;
      SsaSqlStmt *stmt;
      int index = 1;

      while (rows * 2 <= table->batch_rows - done)
        rows *= 2;
      stmt = get_insert (copy, table, rows, error);
      if (stmt == NULL)
        return FALSE;
      for (guint r = done; r < done + rows; r++)
        for (guint i = 0; i < n_columns; i++, index++)
          {
            Value *value = &g_array_index (table->batch, Value, r * n_columns + i);
            Column *column = g_ptr_array_index (table->columns, i);
            gsize length = 0;
            gconstpointer data;

            if (value->is_null)
              {
                ssa_sql_bind_null (stmt, index);
                continue;
              }
            if (column->kind == KIND_INT)
              {
                ssa_sql_bind_int64 (stmt, index, value->number);
                continue;
              }
            data = g_bytes_get_data (value->bytes, &length);
            if (column->kind == KIND_BLOB)
              ssa_sql_bind_blob (stmt, index, data != NULL ? data : "", length);
            else
              ssa_sql_bind_text_len (stmt, index, data != NULL ? data : "", length);
          }
      if (!ssa_sql_step_done (stmt, error))
        return FALSE;
      done += rows;
    }

  g_array_set_size (table->batch, 0);
  table->batch_rows = 0;
  table->batch_bytes = 0;
  return TRUE;
}

static gboolean
copy_row (Copy     *copy,
          Table    *table,
          GArray   *values,
          GError  **error)
{
  checksum_row (table->checksum, table, values);
  table->rows++;

  for (guint i = 0; i < values->len; i++)
    {
      Value value = g_array_index (values, Value, i);

      /* Counted by the target's triggers as the rows that are counted are copied: copied
       * as it is, it would be counted twice. */
      if (table->spec->counted != NULL &&
          g_str_equal (((Column *) g_ptr_array_index (table->columns, i))->name,
                       table->spec->counted))
        value = (Value) { FALSE, 0, NULL };

      if (value.bytes != NULL)
        {
          table->batch_bytes += g_bytes_get_size (value.bytes);
          g_bytes_ref (value.bytes);
        }
      g_array_append_val (table->batch, value);
    }
  table->batch_rows++;
  if (table->batch_rows == table->max_batch || table->batch_bytes >= BATCH_BYTES)
    return flush_batch (copy, table, error);
  return TRUE;
}

static gboolean
verify_row (Copy     *copy,
            Table    *table,
            GArray   *values,
            GError  **error)
{
  checksum_row (copy->verifying->checksum, table, values);
  copy->verifying->rows++;
  return TRUE;
}

/* The target: opened, of this schema version, and without user data */

static gboolean
count_rows (SsaSql      *sql,
            const char  *text,
            gint64      *out_count,
            GError     **error)
{
  g_autoptr(SsaSqlStmt) stmt = ssa_sql_prepare (sql, text, error);

  if (stmt == NULL || ssa_sql_step (stmt, error) != SSA_SQL_STEP_ROW)
    return FALSE;
  *out_count = ssa_sql_column_int64 (stmt, 0);
  return TRUE;
}

/* Refuses a target that holds anything beyond what `db init` puts there: the profile's
 * empty row and the bundled sample price list. */
static gboolean
check_target_empty (Copy    *copy,
                    GError **error)
{
  g_autoptr(GBytes) sample = ssa_samples_get_price_list_bytes ();
  g_autofree char *sample_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, sample);
  g_autofree char *price_lists = NULL;
  g_autoptr(GString) held = g_string_new (NULL);
  struct { const char *query; } checks[] = {
    { "SELECT count(*) FROM customers" },
    { "SELECT count(*) FROM installations" },
    { "SELECT count(*) FROM licences" },
    { NULL },     /* price lists other than the sample, below */
    { "SELECT count(*) FROM offers" },
    { "SELECT count(*) FROM offer_status_changes" },
    { "SELECT count(*) FROM profile WHERE company_name IS NOT NULL OR org_no IS NOT NULL "
      "OR vat_registered <> 0 OR foretaksregisteret <> 0 OR address IS NOT NULL "
      "OR phone IS NOT NULL OR email IS NOT NULL OR logo IS NOT NULL "
      "OR logo_mime_type IS NOT NULL OR payment_terms IS NOT NULL "
      "OR default_validity_days <> 30 OR default_labour_rate IS NOT NULL" },
    { "SELECT count(*) FROM licence_type_map" },
    { "SELECT count(*) FROM pbx_readings" },
    { "SELECT count(*) FROM pbx_reading_licences" },
    { "SELECT count(*) FROM audit_log" },
  };

  price_lists = g_strdup_printf ("SELECT count(*) FROM price_lists WHERE sha256 <> '%s'",
                                 sample_sha256);
  checks[3].query = price_lists;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      gint64 n;

      if (!count_rows (copy->target, checks[i].query, &n, error))
        return FALSE;
      if (n == 0)
        continue;
      if (held->len > 0)
        g_string_append (held, ", ");
      switch (i)
        {
        case 0:
          g_string_append_printf (held, g_dngettext (GETTEXT_PACKAGE,
                                                     "%lld customer",
                                                     "%lld customers", n), (long long) n);
          break;
        case 1:
          g_string_append_printf (held, g_dngettext (GETTEXT_PACKAGE,
                                                     "%lld installation",
                                                     "%lld installations", n), (long long) n);
          break;
        case 2:
          g_string_append_printf (held, g_dngettext (GETTEXT_PACKAGE,
                                                     "%lld licence line",
                                                     "%lld licence lines", n), (long long) n);
          break;
        case 3:
          g_string_append_printf (held, g_dngettext (GETTEXT_PACKAGE,
                                                     "%lld stored price list",
                                                     "%lld stored price lists", n), (long long) n);
          break;
        case 4:
          g_string_append_printf (held, g_dngettext (GETTEXT_PACKAGE,
                                                     "%lld offer",
                                                     "%lld offers", n), (long long) n);
          break;
        case 5:
          g_string_append_printf (held, g_dngettext (GETTEXT_PACKAGE,
                                                     "%lld change of an offer’s status",
                                                     "%lld changes of offers’ status", n), (long long) n);
          break;
        case 6:
          g_string_append (held, _("a filled-in profile"));
          break;
        case 7:
          g_string_append_printf (held, g_dngettext (GETTEXT_PACKAGE,
                                                     "%lld licence type mapping",
                                                     "%lld licence type mappings", n), (long long) n);
          break;
        case 8:
          g_string_append_printf (held, g_dngettext (GETTEXT_PACKAGE,
                                                     "%lld PBX reading",
                                                     "%lld PBX readings", n), (long long) n);
          break;
        case 9:
          g_string_append_printf (held, g_dngettext (GETTEXT_PACKAGE,
                                                     "%lld licence of a PBX reading",
                                                     "%lld licences of PBX readings", n), (long long) n);
          break;
        default:
          g_string_append_printf (held, g_dngettext (GETTEXT_PACKAGE,
                                                     "%lld entry of the audit log",
                                                     "%lld entries of the audit log", n), (long long) n);
          break;
        }
    }

  if (held->len > 0)
    {
      g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_REFUSED,
                   _("The database %s already holds data (%s), and copying would mix two "
                     "databases: nothing was changed. Copy into a new, empty database (one "
                     "that “ssa-desk-cli db init” made), or a file that does not exist yet."),
                   copy->to_display, held->str);
      return FALSE;
    }
  return TRUE;
}

/* Opens the source: a server at this schema version, or a file, which is brought to this
 * version first as the window would (with a backup before a migration). A missing file is
 * refused, not made. */
static SsaTeamDb *
open_source (const char  *from,
             const char  *display,
             GError     **error)
{
  if (!ssa_sql_is_uri (from))
    {
      g_autoptr(SsaDb) db = NULL;

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NOT_FOUND,
                       _("The database %s to copy from does not exist: nothing was done. "
                         "Check the path given with --from."), display);
          return NULL;
        }
      db = ssa_db_open (from, SSA_DB_OPEN_DEFAULT, error);
      if (db == NULL)
        return NULL;
    }
  return ssa_team_db_open (from, error);
}

/* Opens the target, made with this schema version when it is new: a file that does not
 * exist yet is created as the window creates it, a server database without tables is
 * initialised as `db init` does. One of an older version is refused (run `db init`); so is
 * one of a newer version. */
static SsaTeamDb *
open_target (const char  *to,
             const char  *display,
             GError     **error)
{
  gint64 version = 0;

  if (ssa_sql_is_uri (to) || g_file_test (to, G_FILE_TEST_IS_REGULAR))
    {
      g_autoptr(SsaSql) sql = ssa_sql_open (to, error);

      if (sql == NULL || !ssa_sql_read_schema_version (sql, &version, error))
        return NULL;
    }
  if (version > SSA_DB_SCHEMA_VERSION)
    {
      g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NEWER,
                   _("The database %s was written by a newer version of SSA Desk (schema "
                     "version %lld; this version knows up to %d). It was not "
                     "changed: update SSA Desk to use it."),
                   display, (long long) version, SSA_DB_SCHEMA_VERSION);
      return NULL;
    }
  if (version > 0 && version < SSA_DB_SCHEMA_VERSION)
    {
      g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NOT_INITIALISED,
                   _("The database %s has the tables of an older version of SSA Desk (schema "
                     "version %lld): nothing was copied into it. Run “ssa-desk-cli db init” "
                     "with it first."), display, (long long) version);
      return NULL;
    }
  if (version == 0 && !ssa_team_db_init (to, NULL, error))
    return NULL;
  return ssa_team_db_open (to, error);
}

static gboolean
same_database (const char *from,
               const char *to)
{
  GStatBuf a, b;

  if (ssa_sql_is_uri (from) != ssa_sql_is_uri (to))
    return FALSE;
  if (ssa_sql_is_uri (from))
    {
      g_autofree char *x = ssa_team_db_describe (from);
      g_autofree char *y = ssa_team_db_describe (to);

      return g_str_equal (x, y);
    }
  if (g_stat (from, &a) != 0 || g_stat (to, &b) != 0)
    return FALSE;
  return a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static gboolean
lock_target (Copy    *copy,
             GError **error)
{
  g_autoptr(GString) text = g_string_new ("LOCK TABLE ");

  /* Other clients may read, but not write, until the copy is committed or rolled back. */
  for (guint i = 0; i < G_N_ELEMENTS (table_specs); i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "", table_specs[i].name);
  g_string_append (text, " IN EXCLUSIVE MODE");
  return ssa_sql_exec (copy->target, text->str, error);
}

static gboolean
set_sequences (Copy    *copy,
               GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (table_specs); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(SsaSqlStmt) stmt = NULL;

      if (!table_specs[i].identity)
        continue;
      /* The next id the server generates is one past the largest copied. */
      text = g_strdup_printf ("SELECT setval(pg_get_serial_sequence('%s', 'id'), "
                              "coalesce((SELECT max(id) FROM %s), 0) + 1, false)",
                              table_specs[i].name, table_specs[i].name);
      stmt = ssa_sql_prepare (copy->target, text, error);
      if (stmt == NULL || ssa_sql_step (stmt, error) != SSA_SQL_STEP_ROW)
        return FALSE;
    }
  return TRUE;
}

static void
prefix_table_error (GError     **error,
                    const char  *table,
                    const char  *to_display)
{
  g_prefix_error (error, _("Copying the table %s into %s failed, and nothing was changed "
                           "there: "), table, to_display);
}

/**
 * ssa_db_copy:
 * @from: the database to copy: an SQLite file or a libpq URI
 * @to: the database to copy into: a file (made when it does not exist) or a libpq URI (of
 *   a database that is empty or that `db init` made)
 * @out_stats: (out caller-allocates) (optional): the rows copied, per table
 * @error: a #GError
 *
 * Copies every row of @from into @to, keeping ids, in one transaction on @to that is
 * committed only after every table was read back and found equal to @from (count and
 * SHA-256). @to must hold nothing beyond what `db init` puts there; @from is only read (a
 * file of an older schema version is first migrated as the window would). A URI that
 * holds a password is refused.
 */
gboolean
ssa_db_copy (const char      *from,
             const char      *to,
             SsaDbCopyStats  *out_stats,
             GError         **error)
{
  g_autoptr(SsaTeamDb) source_db = NULL;
  g_autoptr(SsaTeamDb) target_db = NULL;
  g_autofree char *from_display = NULL;
  g_autofree char *to_display = NULL;
  Copy copy = { NULL, };
  gboolean source_open = FALSE, ok = FALSE;

  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  from_display = ssa_team_db_describe (from);
  to_display = ssa_team_db_describe (to);
  copy.from_display = from_display;
  copy.to_display = to_display;

  if (ssa_team_db_uri_has_password (from) || ssa_team_db_uri_has_password (to))
    {
      g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_REFUSED,
                   _("The URI holds a password, and a command line can be read by every "
                     "user of the machine. Remove it from the URI and put it in ~/.pgpass "
                     "(or PGPASSWORD, or a service file); nothing was done."));
      return FALSE;
    }
  if (same_database (from, to))
    {
      g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_REFUSED,
                   _("%s is the database to copy from and to: nothing was done. Name "
                     "another database with --to."), from_display);
      return FALSE;
    }

  source_db = open_source (from, from_display, error);
  if (source_db == NULL)
    return FALSE;
  target_db = open_target (to, to_display, error);
  if (target_db == NULL)
    return FALSE;
  copy.source = ssa_team_db_get_sql (source_db);
  copy.target = ssa_team_db_get_sql (target_db);

  /* The source: one read transaction, a snapshot that stays consistent while it is read. */
  if (!ssa_sql_exec (copy.source,
                     ssa_sql_get_engine (copy.source) == SSA_SQL_ENGINE_POSTGRESQL
                     ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN", error))
    goto out;
  source_open = TRUE;

  if (!ssa_sql_begin (copy.target, error))
    goto out;
  if ((ssa_sql_get_engine (copy.target) == SSA_SQL_ENGINE_POSTGRESQL &&
       !lock_target (&copy, error)) ||
      !check_schemas (&copy, error) ||
      !check_target_empty (&copy, error))
    goto rollback;

  /* What init put there gives way to the source's: no offer refers to the sample list. */
  if (!ssa_sql_exec (copy.target, "DELETE FROM profile", error) ||
      !ssa_sql_exec (copy.target, "DELETE FROM price_lists", error))
    goto rollback;

  for (guint i = 0; i < G_N_ELEMENTS (table_specs); i++)
    {
      Table *table = &copy.tables[i];

      g_debug ("Copying %s", table->spec->name);
      if (!read_table (&copy, copy.source, table, copy_row, error) ||
          !flush_batch (&copy, table, error))
        {
          prefix_table_error (error, table->spec->name, to_display);
          goto rollback;
        }
    }

  if (ssa_sql_get_engine (copy.target) == SSA_SQL_ENGINE_POSTGRESQL &&
      !set_sequences (&copy, error))
    goto rollback;

  /* Read back what the target now holds, inside the transaction, and compare. */
  for (guint i = 0; i < G_N_ELEMENTS (table_specs); i++)
    {
      Table *table = &copy.tables[i];
      Verify verify = { g_checksum_new (G_CHECKSUM_SHA256), 0 };
      gboolean read, equal;

      copy.verifying = &verify;
      read = read_table (&copy, copy.target, table, verify_row, error);
      copy.verifying = NULL;
      equal = read && verify.rows == table->rows &&
              g_str_equal (g_checksum_get_string (verify.checksum),
                           g_checksum_get_string (table->checksum));
      g_checksum_free (verify.checksum);
      if (!read)
        {
          prefix_table_error (error, table->spec->name, to_display);
          goto rollback;
        }
      if (!equal)
        {
          g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_FAILED,
                       _("The table %s read back from %s differs from %s (%lld rows there, "
                         "%lld copied): the copy was rolled back and nothing was changed."),
                       table->spec->name, to_display, from_display, (long long) verify.rows,
                       (long long) table->rows);
          goto rollback;
        }
    }

  if (!ssa_sql_commit (copy.target, error))
    goto out;

  if (out_stats != NULL)
    {
      memset (out_stats, 0, sizeof *out_stats);
      for (guint i = 0; i < G_N_ELEMENTS (table_specs); i++)
        {
          out_stats->tables[i].name = table_specs[i].name;
          out_stats->tables[i].rows = copy.tables[i].rows;
          out_stats->total_rows += copy.tables[i].rows;
        }
      out_stats->n_tables = G_N_ELEMENTS (table_specs);
    }
  ok = TRUE;
  goto out;

rollback:
  ssa_sql_rollback (copy.target);
out:
  if (source_open)
    ssa_sql_exec (copy.source, "ROLLBACK", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (table_specs); i++)
    table_clear (&copy.tables[i]);
  return ok;
}
