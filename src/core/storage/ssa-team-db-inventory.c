/* ssa-team-db-inventory.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-sql"

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-limits.h"
#include "ssa-sql.h"
#include "ssa-team-db.h"
#include "ssa-db-inventory.h"

/* Installations from files and the list of installations, on the SQL engine seam: what
 * ssa_db_import_inventories() and ssa_db_list_installations() do on the SQLite file, in the
 * same statements, for both engines. */

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
bind_date (SsaSqlStmt  *stmt,
           int          index,
           const GDate *date)
{
  g_autofree char *iso = ssa_date_is_set (date) ? ssa_date_to_iso (date) : NULL;

  ssa_sql_bind_text (stmt, index, iso);
}

static void
column_date (SsaSqlStmt *stmt,
             int         index,
             GDate      *out)
{
  const char *text = ssa_sql_column_text (stmt, index);

  g_date_clear (out, 1);
  if (text != NULL && !ssa_date_parse (text, out, NULL))
    g_date_clear (out, 1);
}

/* Finds the inventory's customer (by organisation number, else by exact name) or creates
 * it, filling in what the stored one lacks. Returns the id, 0 when the file names no
 * customer, -1 on error. Finding and filling in are one statement (an UPDATE of the row
 * found, RETURNING its id): one round trip to a server. On PostgreSQL the UPDATE locks the
 * customer found until the import commits, and two imports creating one customer meet at
 * its unique organisation number. */
static gint64
find_or_create_customer (SsaSql                 *sql,
                         const SsaCustomerInfo  *info,
                         GError                **error)
{
  g_autoptr(SsaSqlStmt) stmt = NULL;
  gint64 id = 0;
  SsaSqlStep step;

  if (!has_text (info->name) && !has_text (info->org_no) && !has_text (info->address) &&
      !has_text (info->contact) && !has_text (info->email))
    return 0;

  if (has_text (info->org_no) || has_text (info->name))
    {
      stmt = ssa_sql_prepare (sql,
                              has_text (info->org_no)
                              ? "UPDATE customers SET name = CASE WHEN name = '' THEN "
                                "coalesce(?1, '') ELSE name END, address = coalesce(address, ?2), "
                                "contact = coalesce(contact, ?3), email = coalesce(email, ?4) "
                                "WHERE id = (SELECT id FROM customers WHERE org_no = ?5) "
                                "RETURNING id"
                              : "UPDATE customers SET name = CASE WHEN name = '' THEN "
                                "coalesce(?1, '') ELSE name END, address = coalesce(address, ?2), "
                                "contact = coalesce(contact, ?3), email = coalesce(email, ?4) "
                                "WHERE id = (SELECT id FROM customers WHERE name = ?5 ORDER BY id "
                                "LIMIT 1) RETURNING id", error);
      if (stmt == NULL)
        return -1;
      ssa_sql_bind_optional_text (stmt, 1, info->name);
      ssa_sql_bind_optional_text (stmt, 2, info->address);
      ssa_sql_bind_optional_text (stmt, 3, info->contact);
      ssa_sql_bind_optional_text (stmt, 4, info->email);
      ssa_sql_bind_text (stmt, 5, has_text (info->org_no) ? info->org_no : info->name);
      step = ssa_sql_step (stmt, error);
      if (step == SSA_SQL_STEP_ERROR)
        return -1;
      if (step == SSA_SQL_STEP_ROW)
        {
          id = ssa_sql_column_int64 (stmt, 0);
          return ssa_sql_step_done (stmt, error) ? id : -1;
        }
      g_clear_pointer (&stmt, ssa_sql_stmt_free);
    }

  stmt = ssa_sql_prepare (sql,
                          "INSERT INTO customers (name, org_no, address, contact, email) "
                          "VALUES (?, ?, ?, ?, ?) RETURNING id", error);
  if (stmt == NULL)
    return -1;
  ssa_sql_bind_text (stmt, 1, info->name != NULL ? info->name : "");
  ssa_sql_bind_optional_text (stmt, 2, info->org_no);
  ssa_sql_bind_optional_text (stmt, 3, info->address);
  ssa_sql_bind_optional_text (stmt, 4, info->contact);
  ssa_sql_bind_optional_text (stmt, 5, info->email);
  if (ssa_sql_step (stmt, error) != SSA_SQL_STEP_ROW)
    return -1;
  id = ssa_sql_column_int64 (stmt, 0);
  return ssa_sql_step_done (stmt, error) ? id : -1;
}

/* Licence lines go in by up to this many per INSERT: one round trip to the server for an
 * installation of ten lines instead of ten. 8 parameters a line stay far below the engines'
 * limits (32 766 in SQLite, 65 535 in PostgreSQL). */
#define LINES_PER_INSERT 50

/* The INSERT of @n_lines lines with their positions given. */
static char *
insert_lines_text (guint n_lines)
{
  GString *text = g_string_new ("INSERT INTO licences (installation_id, position, code, "
                                "quantity, added_on, covered_until, kind, name) VALUES ");

  for (guint i = 0; i < n_lines; i++)
    g_string_append (text, i == 0 ? "(?, ?, ?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?, ?, ?)");
  return g_string_free (text, FALSE);
}

/* Inserts the lines of an installation just inserted, in their order: positions 0, 1, … */
static gboolean
insert_lines (SsaSql  *sql,
              gint64   installation_id,
              GArray  *lines,
              GError **error)
{
  for (guint first = 0; first < lines->len; first += LINES_PER_INSERT)
    {
      guint n = MIN (LINES_PER_INSERT, lines->len - first);
      g_autofree char *text = insert_lines_text (n);
      g_autoptr(SsaSqlStmt) stmt = NULL;
      g_autoptr(GError) local_error = NULL;

      stmt = ssa_sql_prepare (sql, text, error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          const SsaInventoryLine *line = &g_array_index (lines, SsaInventoryLine, first + i);
          int p = (int) i * 8;

          ssa_sql_bind_int64 (stmt, p + 1, installation_id);
          ssa_sql_bind_int64 (stmt, p + 2, first + i);
          ssa_sql_bind_text (stmt, p + 3, line->code != NULL ? line->code : "");
          ssa_sql_bind_int64 (stmt, p + 4, line->quantity);
          bind_date (stmt, p + 5, &line->added_on);
          bind_date (stmt, p + 6, &line->covered_until);
          ssa_sql_bind_text (stmt, p + 7, line->has_kind ? ssa_kind_to_string (line->kind)
                                                         : NULL);
          ssa_sql_bind_optional_text (stmt, p + 8, line->name);
        }
      if (ssa_sql_step_done (stmt, &local_error))
        continue;

      switch (ssa_sql_get_last_constraint (sql))
        {
        case SSA_SQL_CONSTRAINT_CHECK:
        case SSA_SQL_CONSTRAINT_NOT_NULL:
          g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_CONSTRAINT,
                       _("The licence line was refused: its code must have 1 to 64 characters "
                         "and its quantity must be from 1 to 1 000 000."));
          return FALSE;
        default:
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
serial_taken_error (const char  *what,
                    gint64       other_id,
                    const char  *serial,
                    GError     **error)
{
  g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_CONSTRAINT,
               _("%s: serial: installation %lld already has the serial "
                 "number “%s”; nothing was imported"),
               what, (long long) other_id, serial);
  return FALSE;
}

static gboolean
import_one (SsaSql              *sql,
            const SsaInventory  *inventory,
            const char          *what,
            gint64              *out_id,
            GError             **error)
{
  g_autoptr(SsaSqlStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 customer_id;
  gint64 id;

  customer_id = find_or_create_customer (sql, &inventory->customer, error);
  if (customer_id < 0)
    return FALSE;

  if (has_text (inventory->serial))
    {
      SsaSqlStep step;

      stmt = ssa_sql_prepare (sql, "SELECT id FROM installations WHERE serial = ?", error);
      if (stmt == NULL)
        return FALSE;
      ssa_sql_bind_text (stmt, 1, inventory->serial);
      step = ssa_sql_step (stmt, error);
      if (step == SSA_SQL_STEP_ERROR)
        return FALSE;
      if (step == SSA_SQL_STEP_ROW)
        return serial_taken_error (what, ssa_sql_column_int64 (stmt, 0), inventory->serial,
                                   error);
      g_clear_pointer (&stmt, ssa_sql_stmt_free);
    }

  stmt = ssa_sql_prepare (sql,
                          "INSERT INTO installations (customer_id, name, serial, deployment, "
                          "firmware, ssa_expiry) VALUES (?, ?, ?, ?, ?, ?) RETURNING id", error);
  if (stmt == NULL)
    return FALSE;
  if (customer_id > 0)
    ssa_sql_bind_int64 (stmt, 1, customer_id);
  else
    ssa_sql_bind_null (stmt, 1);
  ssa_sql_bind_optional_text (stmt, 2, inventory->name);
  ssa_sql_bind_optional_text (stmt, 3, inventory->serial);
  ssa_sql_bind_text (stmt, 4, ssa_deployment_to_string (inventory->deployment));
  ssa_sql_bind_optional_text (stmt, 5, inventory->firmware);
  bind_date (stmt, 6, &inventory->ssa_expiry);
  if (ssa_sql_step (stmt, &local_error) != SSA_SQL_STEP_ROW)
    {
      /* Another client stored the serial since it was looked up. */
      if (local_error != NULL && ssa_sql_get_last_constraint (sql) == SSA_SQL_CONSTRAINT_UNIQUE)
        {
          g_set_error (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_CONSTRAINT,
                       _("Another installation already has the serial number “%s”."),
                       inventory->serial);
          return FALSE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  id = ssa_sql_column_int64 (stmt, 0);
  if (!ssa_sql_step_done (stmt, error))
    return FALSE;

  if (!insert_lines (sql, id, inventory->lines, error))
    return FALSE;

  *out_id = id;
  return TRUE;
}

/**
 * ssa_team_db_import_inventories:
 *
 * As ssa_db_import_inventories(): every installation with its licence lines in one
 * transaction, all or none.
 */
gboolean
ssa_team_db_import_inventories (SsaTeamDb     *self,
                                SsaInventory **inventories,
                                const char   **names,
                                guint          n_inventories,
                                gint64        *out_ids,
                                GError       **error)
{
  SsaSql *sql;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (inventories != NULL || n_inventories == 0, FALSE);
  g_return_val_if_fail (out_ids != NULL || n_inventories == 0, FALSE);

  sql = ssa_team_db_get_sql (self);
  for (guint i = 0; i < n_inventories; i++)
    if (!ssa_limits_check_lines (inventories[i]->lines->len, names != NULL ? names[i] : NULL,
                                 error))
      return FALSE;
  if (!ssa_sql_begin (sql, error))
    return FALSE;

  for (guint i = 0; i < n_inventories; i++)
    {
      g_autofree char *fallback = NULL;
      const char *what = names != NULL ? names[i] : NULL;

      if (what == NULL)
        what = fallback = g_strdup_printf ("#%u", i + 1);
      if (!import_one (sql, inventories[i], what, &out_ids[i], error))
        {
          ssa_sql_rollback (sql);
          return FALSE;
        }
    }

  return ssa_sql_commit (sql, error);
}

/**
 * ssa_team_db_load_customers:
 *
 * As ssa_db_load_customers().
 *
 * Returns: (transfer full) (element-type SsaCustomer): every customer, by id
 */
GPtrArray *
ssa_team_db_load_customers (SsaTeamDb *self,
                            GError   **error)
{
  g_autoptr(SsaSqlStmt) stmt = NULL;
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  SsaSqlStep step;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = ssa_sql_prepare (ssa_team_db_get_sql (self),
                          "SELECT id, name, org_no, address, contact, email, notes, archived, "
                          "vat_registered FROM customers ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((step = ssa_sql_step (stmt, error)) == SSA_SQL_STEP_ROW)
    {
      SsaCustomer *customer = ssa_customer_new ();

      ssa_customer_set_id (customer, ssa_sql_column_int64 (stmt, 0));
      ssa_customer_set_name (customer, ssa_sql_column_text (stmt, 1));
      ssa_customer_set_org_no (customer, ssa_sql_column_text (stmt, 2));
      ssa_customer_set_address (customer, ssa_sql_column_text (stmt, 3));
      ssa_customer_set_contact (customer, ssa_sql_column_text (stmt, 4));
      ssa_customer_set_email (customer, ssa_sql_column_text (stmt, 5));
      ssa_customer_set_notes (customer, ssa_sql_column_text (stmt, 6));
      ssa_customer_set_archived (customer, ssa_sql_column_int64 (stmt, 7) != 0);
      /* NULL: not known (docs/database.md, schema version 7). */
      if (!ssa_sql_column_is_null (stmt, 8))
        ssa_customer_set_vat_status (customer, ssa_sql_column_int64 (stmt, 8) != 0
                                               ? SSA_VAT_REGISTERED : SSA_VAT_NOT_REGISTERED);
      g_ptr_array_add (customers, customer);
    }
  if (step == SSA_SQL_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&customers);
}

static void
installation_row_clear (gpointer data)
{
  SsaDbInstallationRow *row = data;

  g_clear_pointer (&row->customer_name, g_free);
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->serial, g_free);
  g_clear_pointer (&row->firmware, g_free);
}

/* Every customer's name, by id. */
static GHashTable *
customer_names (SsaSql  *sql,
                GError **error)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        g_free);
  g_autoptr(SsaSqlStmt) stmt = NULL;
  SsaSqlStep step;

  stmt = ssa_sql_prepare (sql, "SELECT id, name FROM customers", error);
  if (stmt == NULL)
    return NULL;
  while ((step = ssa_sql_step (stmt, error)) == SSA_SQL_STEP_ROW)
    {
      gint64 id = ssa_sql_column_int64 (stmt, 0);

      g_hash_table_insert (names, g_memdup2 (&id, sizeof id), ssa_sql_column_dup_text (stmt, 1));
    }
  if (step == SSA_SQL_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&names);
}

static int
compare_row_id (gconstpointer a,
                gconstpointer b)
{
  gint64 x = ((const SsaDbInstallationRow *) a)->id;
  gint64 y = ((const SsaDbInstallationRow *) b)->id;

  return x < y ? -1 : x > y;
}

static GArray *
list_rows (SsaSqlStmt  *stmt,
           GHashTable  *names,
           GError     **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (SsaDbInstallationRow));
  gboolean sorted = TRUE;
  SsaSqlStep step;

  g_array_set_clear_func (rows, installation_row_clear);
  while ((step = ssa_sql_step (stmt, error)) == SSA_SQL_STEP_ROW)
    {
      SsaDbInstallationRow row = { 0, };
      const char *deployment = ssa_sql_column_text (stmt, 4);

      row.id = ssa_sql_column_int64 (stmt, 0);
      row.customer_id = ssa_sql_column_int64 (stmt, 1);
      if (row.customer_id != 0)
        row.customer_name = g_strdup (g_hash_table_lookup (names, &row.customer_id));
      row.name = ssa_sql_column_dup_text (stmt, 2);
      row.serial = ssa_sql_column_dup_text (stmt, 3);
      row.deployment = SSA_DEPLOYMENT_APPLIANCE;
      if (deployment != NULL)
        ssa_deployment_from_string (deployment, &row.deployment);
      row.firmware = ssa_sql_column_dup_text (stmt, 5);
      column_date (stmt, 6, &row.ssa_expiry);
      row.n_licences = (guint) ssa_sql_column_int64 (stmt, 7);
      if (rows->len > 0 && g_array_index (rows, SsaDbInstallationRow, rows->len - 1).id > row.id)
        sorted = FALSE;
      g_array_append_val (rows, row);
    }
  if (step == SSA_SQL_STEP_ERROR)
    return NULL;
  if (!sorted)
    g_array_sort (rows, compare_row_id);
  return g_steal_pointer (&rows);
}

/**
 * ssa_team_db_list_installations:
 *
 * As ssa_db_list_installations().
 *
 * Returns: (transfer full) (element-type SsaDbInstallationRow): every installation, by id,
 *   with its number of licence lines
 */
GArray *
ssa_team_db_list_installations (SsaTeamDb *self,
                                GError   **error)
{
  g_autoptr(SsaSqlStmt) stmt = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GArray) rows = NULL;
  SsaSql *sql;

  g_return_val_if_fail (self != NULL, NULL);

  sql = ssa_team_db_get_sql (self);
  g_return_val_if_fail (!sql->in_transaction, NULL);

  /* The customers' names and the installations as of one moment: one read transaction. */
  if (!ssa_sql_exec (sql, ssa_sql_get_engine (sql) == SSA_SQL_ENGINE_SQLITE
                          ? "BEGIN DEFERRED"
                          : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", error))
    return NULL;
  sql->in_transaction = TRUE;

  /* A server's time goes into what it does for each of the 50 000 rows: each is sent as
   * the table has it, neither joined to its customer (2 000 names, read once and looked up
   * here) nor sorted (sorted here if it is not in order already). Each installation keeps
   * its number of lines (SSA_DB_SCHEMA_COUNTS, kept by triggers): nothing is counted at a
   * listing. A database opened here is always of this version. */
  names = customer_names (sql, error);
  if (names != NULL)
    stmt = ssa_sql_prepare (sql,
                            "SELECT id, customer_id, name, serial, deployment, firmware, "
                            "ssa_expiry, line_count FROM installations", error);
  if (stmt != NULL)
    {
      rows = list_rows (stmt, names, error);
      g_clear_pointer (&stmt, ssa_sql_stmt_free);
    }
  if (rows == NULL)
    {
      ssa_sql_rollback (sql);
      return NULL;
    }
  if (!ssa_sql_commit (sql, error))
    return NULL;
  return g_steal_pointer (&rows);
}
