/* ssa-db-inventory.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-db"

#include "config.h"

#include <stdlib.h>
#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-db-private.h"
#include "ssa-installation-private.h"
#include "ssa-limits.h"

/* Customers, installations and their licence lines: rows to GObjects and back, the
 * installation files, and the lists of the command line. */

#define CANCEL_CHECK_ROWS 4096

#define CUSTOMER_COLUMNS "id, name, org_no, address, contact, email, notes, archived"

/* The VAT registration, column 8 of a customer's row; a database older than
 * SSA_DB_SCHEMA_VAT, read as it is, has none (NULL: not known). */
#define CUSTOMER_QUERY(self, from) \
  (ssa_db_get_schema_version (self) >= SSA_DB_SCHEMA_AUDIT \
   ? "SELECT " CUSTOMER_COLUMNS ", vat_registered, version " from \
   : ssa_db_get_schema_version (self) >= SSA_DB_SCHEMA_VAT \
   ? "SELECT " CUSTOMER_COLUMNS ", vat_registered, 1 " from \
   : "SELECT " CUSTOMER_COLUMNS ", NULL, 1 " from)

#define INSTALLATION_COLUMNS \
  "i.id, i.customer_id, c.name, i.name, i.serial, i.deployment, i.firmware, i.ssa_expiry, " \
  "i.notes, i.archived"

/* The row's version, column 10 of an installation's row; 1 in a database older than
 * SSA_DB_SCHEMA_AUDIT, read as it is. */
#define INSTALLATION_QUERY(self, from) \
  (ssa_db_get_schema_version (self) >= SSA_DB_SCHEMA_AUDIT \
   ? "SELECT " INSTALLATION_COLUMNS ", i.version " from \
   : "SELECT " INSTALLATION_COLUMNS ", 1 " from)

#define LICENCE_COLUMNS "id, code, quantity, added_on, covered_until, kind, name"

static gboolean
changed_one_row (SsaDb       *self,
                 const char  *what,
                 gint64       id,
                 GError     **error)
{
  if (ssa_sql_changes (self->sql) == 1)
    return TRUE;
  return ssa_db_set_not_found (self, what, id, error);
}

static void
bind_id_or_null (SsaDbStmt *stmt,
                 int        index,
                 gint64     id)
{
  if (id > 0)
    ssa_sql_bind_int64 (stmt, index, id);
  else
    ssa_sql_bind_null (stmt, index);
}

static void
bind_now (SsaDbStmt *stmt,
          int        index)
{
  ssa_db_bind_take_text (stmt, index, ssa_db_now_iso ());
}

typedef void     (*SetVersion)      (gpointer object, gint64 version);
typedef gboolean (*ConstraintError) (SsaDb *self, gpointer object, GError **error);

/* Steps an "UPDATE … WHERE id = ? AND version = ? RETURNING version" of @table and gives
 * @object the row's new version. No row: the row changed since @object was read
 * (SSA_DB_ERROR_CONFLICT, who and when) or is gone (SSA_DB_ERROR_NOT_FOUND). A broken rule
 * is reported by @constraint_error. */
static gboolean
finish_versioned_update (SsaDb           *self,
                         SsaDbStmt       *stmt,
                         const char      *table,
                         const char      *what,
                         gint64           id,
                         SetVersion       set_version,
                         gpointer         object,
                         ConstraintError  constraint_error,
                         GError         **error)
{
  gint64 version;

  switch (ssa_db_step (self, stmt, NULL))
    {
    case SSA_SQL_STEP_ROW:
      version = ssa_sql_column_int64 (stmt, 0);
      /* RETURNING: the change is complete once its statement has run to the end. */
      if (ssa_db_step (self, stmt, NULL) != SSA_SQL_STEP_DONE)
        return constraint_error (self, object, error);
      set_version (object, version);
      return TRUE;
    case SSA_SQL_STEP_DONE:
      ssa_db_stmt_release (stmt);
      return ssa_db_set_conflict (self, table, what, id, error);
    case SSA_SQL_STEP_ERROR:
    default:
      return constraint_error (self, object, error);
    }
}

/* Adds the audit log's row for @action ("delete", "archive", "unarchive") of the row @id of
 * @table (@subject: "customer", "installation", "licence"), labelled with its name (a
 * licence line: its code), in the caller's transaction. A row that is not there is not
 * logged: the change that follows fails on it. */
static gboolean
audit_row (SsaDb       *self,
           const char  *action,
           const char  *subject,
           const char  *table,
           gint64       id,
           GError     **error)
{
  g_autofree char *sql = NULL;
  g_autofree char *label = NULL;
  g_autofree char *details = NULL;
  g_autoptr(SsaDbStmt) stmt = NULL;
  SsaSqlStep rc;

  if (g_str_equal (table, "licences"))
    sql = g_strdup ("SELECT code, installation_id FROM licences WHERE id = ?");
  else if (g_str_equal (table, "installations"))
    sql = g_strdup ("SELECT name, customer_id FROM installations WHERE id = ?");
  else
    sql = g_strdup_printf ("SELECT name, NULL FROM %s WHERE id = ?", table);
  stmt = ssa_db_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, id);
  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return FALSE;
  if (rc == SSA_SQL_STEP_DONE)
    return TRUE;
  label = ssa_db_column_text (stmt, 0);
  if (!ssa_sql_column_is_null (stmt, 1))
    details = g_strdup_printf (g_str_equal (table, "licences") ? "{\"installation\":%lld}"
                                                               : "{\"customer\":%lld}",
                               (long long) ssa_sql_column_int64 (stmt, 1));
  ssa_db_stmt_release (g_steal_pointer (&stmt));
  return ssa_db_audit (self, action, subject, id, label, details, error);
}

/* Deletes the row @id of @sql ("DELETE FROM … WHERE id = ?") in the caller's transaction,
 * with its row in the audit log (@subject of @table). One that other rows still refer to
 * is refused with @in_use as the message. */
static gboolean
delete_row (SsaDb       *self,
            const char  *sql,
            const char  *subject,
            const char  *table,
            gint64       id,
            const char  *what,
            const char  *in_use,
            GError     **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  if (!ssa_db_check_writable (self, error))
    return FALSE;
  if (!audit_row (self, "delete", subject, table, id, error))
    return FALSE;
  stmt = ssa_db_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, id);
  rc = ssa_db_step (self, stmt, NULL);
  if (ssa_db_failed_on_foreign_key (self, rc) && in_use != NULL)
    {
      g_set_error_literal (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT, in_use);
      return FALSE;
    }
  if (rc != SSA_SQL_STEP_DONE)
    return ssa_db_set_step_error (self, error);
  return changed_one_row (self, what, id, error);
}

/* Customers. */

static SsaCustomer *
customer_from_row (SsaDbStmt *stmt)
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
  if (!ssa_sql_column_is_null (stmt, 8))
    ssa_customer_set_vat_status (customer, ssa_sql_column_int64 (stmt, 8) != 0
                                           ? SSA_VAT_REGISTERED : SSA_VAT_NOT_REGISTERED);
  ssa_customer_set_version (customer, ssa_sql_column_int64 (stmt, 9));
  return customer;
}

static void
bind_customer (SsaDbStmt   *stmt,
               SsaCustomer *customer)
{
  const char *name = ssa_customer_get_name (customer);

  ssa_sql_bind_text (stmt, 1, name != NULL ? name : "");
  ssa_db_bind_text (stmt, 2, ssa_customer_get_org_no (customer));
  ssa_db_bind_text (stmt, 3, ssa_customer_get_address (customer));
  ssa_db_bind_text (stmt, 4, ssa_customer_get_contact (customer));
  ssa_db_bind_text (stmt, 5, ssa_customer_get_email (customer));
  ssa_db_bind_text (stmt, 6, ssa_customer_get_notes (customer));
  switch (ssa_customer_get_vat_status (customer))
    {
    case SSA_VAT_REGISTERED:
      ssa_sql_bind_int64 (stmt, 7, 1);
      break;
    case SSA_VAT_NOT_REGISTERED:
      ssa_sql_bind_int64 (stmt, 7, 0);
      break;
    case SSA_VAT_UNKNOWN:
    default:
      ssa_sql_bind_null (stmt, 7);
      break;
    }
}

/* The unique organisation number is the one rule of customers a user can break. */
static gboolean
customer_constraint_error (SsaDb        *self,
                           SsaCustomer  *customer,
                           GError      **error)
{
  if (ssa_db_get_constraint (self) == SSA_SQL_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT,
                   _("Another customer already has the organisation number %s."),
                   ssa_customer_get_org_no (customer));
      return FALSE;
    }
  return ssa_db_set_step_error (self, error);
}

/**
 * ssa_db_load_customer:
 *
 * Returns: (transfer full): the customer with that id
 */
SsaCustomer *
ssa_db_load_customer (SsaDb   *self,
                      gint64   id,
                      GError **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = ssa_db_prepare (self, CUSTOMER_QUERY (self, "FROM customers WHERE id = ?"),
                         error);
  if (stmt == NULL)
    return NULL;
  ssa_sql_bind_int64 (stmt, 1, id);
  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  if (rc == SSA_SQL_STEP_DONE)
    {
      ssa_db_set_not_found (self, _("customer"), id, error);
      return NULL;
    }
  return customer_from_row (stmt);
}

/**
 * ssa_db_load_customers:
 *
 * Returns: (transfer full) (element-type SsaCustomer): every customer, by id
 */
GPtrArray *
ssa_db_load_customers (SsaDb   *self,
                       GError **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autoptr(GPtrArray) customers = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = ssa_db_prepare (self, CUSTOMER_QUERY (self, "FROM customers ORDER BY id"),
                         error);
  if (stmt == NULL)
    return NULL;
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    g_ptr_array_add (customers, customer_from_row (stmt));
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&customers);
}

/**
 * ssa_db_insert_customer:
 * @self: the connection
 * @customer: an unsaved customer (id 0)
 * @error: a #GError
 *
 * Stores @customer and sets its id.
 */
gboolean
ssa_db_insert_customer (SsaDb        *self,
                        SsaCustomer  *customer,
                        GError      **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SSA_IS_CUSTOMER (customer), FALSE);
  g_return_val_if_fail (ssa_customer_get_id (customer) == 0, FALSE);

  if (!ssa_db_check_writable (self, error))
    return FALSE;
  stmt = ssa_db_prepare (self,
                         "INSERT INTO customers (name, org_no, address, contact, email, notes, "
                         "vat_registered, created_by, changed_by) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  bind_customer (stmt, customer);
  ssa_db_bind_text (stmt, 8, ssa_db_get_user_name (self));
  ssa_db_bind_text (stmt, 9, ssa_db_get_user_name (self));
  if (ssa_db_step (self, stmt, NULL) != SSA_SQL_STEP_DONE)
    return customer_constraint_error (self, customer, error);

  ssa_customer_set_id (customer, ssa_db_last_insert_id (self));
  ssa_customer_set_version (customer, 1);
  return TRUE;
}

/**
 * ssa_db_update_customer:
 * @self: the connection
 * @customer: a stored customer, with the version it was read at
 * @error: a #GError
 *
 * Writes @customer's values over its row, when the row is still at the version @customer
 * was read at (ssa_customer_get_version()), and gives @customer the row's new version.
 * When someone else changed the row since, nothing is written and the error is
 * %SSA_DB_ERROR_CONFLICT, naming who and when: to overwrite their change, read the current
 * version and save again. A customer of version 0 (not read from a database) is written
 * whatever the row's version.
 */
gboolean
ssa_db_update_customer (SsaDb        *self,
                        SsaCustomer  *customer,
                        GError      **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  gint64 id;
  gint64 version;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SSA_IS_CUSTOMER (customer), FALSE);

  id = ssa_customer_get_id (customer);
  version = ssa_customer_get_version (customer);
  if (!ssa_db_check_writable (self, error))
    return FALSE;
  stmt = ssa_db_prepare (self,
                         "UPDATE customers SET name = ?, org_no = ?, address = ?, contact = ?, "
                         "email = ?, notes = ?, vat_registered = ?, updated_at = ?, "
                         "changed_by = ?, version = version + 1 "
                         "WHERE id = ? AND (version = ? OR ? = 0) RETURNING version",
                         error);
  if (stmt == NULL)
    return FALSE;
  bind_customer (stmt, customer);
  bind_now (stmt, 8);
  ssa_db_bind_text (stmt, 9, ssa_db_get_user_name (self));
  ssa_sql_bind_int64 (stmt, 10, id);
  ssa_sql_bind_int64 (stmt, 11, version);
  ssa_sql_bind_int64 (stmt, 12, version);
  return finish_versioned_update (self, stmt, "customers", _("customer"), id,
                                  (SetVersion) ssa_customer_set_version, customer,
                                  (ConstraintError) customer_constraint_error, error);
}

/* Deletes the customer's row; one that installations still refer to is refused. Shared by
 * ssa_db_delete_customer() and ssa_db_delete_customer_with_installations(), so that both
 * refuse with the same message. */
static gboolean
delete_customer_row (SsaDb   *self,
                     gint64   id,
                     GError **error)
{
  g_autofree char *in_use = NULL;

  in_use = g_strdup_printf (_("Customer %lld still has installations: delete "
                              "or move them first."), (long long) id);
  return delete_row (self, "DELETE FROM customers WHERE id = ?", "customer", "customers", id,
                     _("customer"), in_use, error);
}

/**
 * ssa_db_delete_customer:
 *
 * Deletes a customer that has no installations; one that has is refused with
 * %SSA_DB_ERROR_CONSTRAINT.
 */
gboolean
ssa_db_delete_customer (SsaDb   *self,
                        gint64   id,
                        GError **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;

  g_return_val_if_fail (self != NULL, FALSE);

  /* The deletion and its row in the audit log: both or neither. */
  return ssa_db_transaction_begin (&txn, self, error) &&
         delete_customer_row (self, id, error) &&
         ssa_db_transaction_commit (&txn, error);
}

/* Licence lines. */

/* Reads the licence line whose LICENCE_COLUMNS begin at column @first into @line and
 * returns its id. The line's code and name point into the statement's row: they are valid
 * until the statement steps on or is reset, so a caller that keeps them copies them. A line
 * that says no kind (or one this version does not know) has has_kind FALSE and the first
 * kind, so that the whole line is defined. */
static gint64
line_from_row (SsaDbStmt        *stmt,
               int               first,
               SsaInventoryLine *line)
{
  const char *kind = ssa_sql_column_text (stmt, first + 5);

  line->code = (char *) ssa_sql_column_text (stmt, first + 1);
  line->quantity = ssa_sql_column_int64 (stmt, first + 2);
  ssa_db_column_date (stmt, first + 3, &line->added_on);
  ssa_db_column_date (stmt, first + 4, &line->covered_until);
  line->has_kind = kind != NULL && ssa_kind_from_string (kind, &line->kind);
  if (!line->has_kind)
    line->kind = SSA_KIND_SWITCHBOARD;
  line->name = (char *) ssa_sql_column_text (stmt, first + 6);
  return ssa_sql_column_int64 (stmt, first);
}

static SsaLicence *
licence_from_row (SsaDbStmt *stmt,
                  int        first)
{
  SsaInventoryLine line;
  gint64 id = line_from_row (stmt, first, &line);
  SsaLicence *licence;

  /* The schema's CHECKs keep the quantity in range, which this constructor requires. */
  licence = ssa_licence_new_from_inventory_line (&line);
  ssa_licence_set_id (licence, id);
  return licence;
}

static void
bind_line (SsaDbStmt              *stmt,
           int                     first,
           const SsaInventoryLine *line)
{
  ssa_sql_bind_text (stmt, first, line->code != NULL ? line->code : "");
  ssa_sql_bind_int64 (stmt, first + 1, line->quantity);
  ssa_db_bind_date (stmt, first + 2, &line->added_on);
  ssa_db_bind_date (stmt, first + 3, &line->covered_until);
  if (line->has_kind)
    ssa_sql_bind_text (stmt, first + 4, ssa_kind_to_string (line->kind));
  else
    ssa_sql_bind_null (stmt, first + 4);
  ssa_db_bind_text (stmt, first + 5, line->name);
}

static gboolean
licence_write_error (SsaDb             *self,
                     SsaSqlConstraint   constraint,
                     GError           **error)
{
  if (constraint == SSA_SQL_CONSTRAINT_CHECK || constraint == SSA_SQL_CONSTRAINT_NOT_NULL)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT,
                   _("The licence line was refused: its code must have 1 to 64 characters "
                     "and its quantity must be from 1 to 1 000 000."));
      return FALSE;
    }
  if (constraint == SSA_SQL_CONSTRAINT_FOREIGN_KEY)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND,
                   _("The installation of this licence line is not in the database %s."),
                   self->display_name);
      return FALSE;
    }
  return ssa_db_set_step_error (self, error);
}

/* Appends a line after the installation's last; returns its id, or 0 with @error set. */
static gint64
insert_line (SsaDb                  *self,
             gint64                  installation_id,
             const SsaInventoryLine *line,
             GError                **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  stmt = ssa_db_prepare (self,
                         "INSERT INTO licences (installation_id, position, code, quantity, "
                         "added_on, covered_until, kind, name, created_by, changed_by) "
                         "VALUES (?1, (SELECT "
                         "coalesce(max(position) + 1, 0) FROM licences WHERE installation_id "
                         "= ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)", error);
  if (stmt == NULL)
    return 0;
  ssa_sql_bind_int64 (stmt, 1, installation_id);
  bind_line (stmt, 2, line);
  ssa_db_bind_text (stmt, 8, ssa_db_get_user_name (self));
  rc = ssa_db_step (self, stmt, NULL);
  if (rc != SSA_SQL_STEP_DONE)
    {
      licence_write_error (self, ssa_db_get_constraint (self), error);
      return 0;
    }
  return ssa_db_last_insert_id (self);
}

/* Refuses, before anything is written, lines that would give the installation more than
 * SSA_LIMIT_MAX_LICENCE_LINES: @n_new, added to its stored lines when @keep_stored. */
static gboolean
check_line_limit (SsaDb    *self,
                  gint64    installation_id,
                  gboolean  keep_stored,
                  guint64   n_new,
                  GError  **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autofree char *text = NULL;
  guint64 n_stored = 0;

  if (keep_stored)
    {
      stmt = ssa_db_prepare (self, "SELECT count(*) FROM licences WHERE installation_id = ?",
                             error);
      if (stmt == NULL)
        return FALSE;
      ssa_sql_bind_int64 (stmt, 1, installation_id);
      if (!ssa_db_step_row (self, stmt, error))
        return FALSE;
      n_stored = (guint64) ssa_sql_column_int64 (stmt, 0);
    }

  if (n_stored + n_new <= SSA_LIMIT_MAX_LICENCE_LINES)
    return TRUE;

  text = ssa_limits_lines_text (n_stored + n_new);
  g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
               /* Translators: "installation 3: 10001 licence lines are more than …". */
               _("installation %lld: %s; nothing was stored"), (long long) installation_id,
               text);
  return FALSE;
}

SsaLicence *
ssa_db_load_licence (SsaDb   *self,
                     gint64   id,
                     GError **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  SsaLicence *licence;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = ssa_db_prepare (self,
                         ssa_db_get_schema_version (self) >= SSA_DB_SCHEMA_AUDIT
                         ? "SELECT " LICENCE_COLUMNS ", version FROM licences WHERE id = ?"
                         : "SELECT " LICENCE_COLUMNS ", 1 FROM licences WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  ssa_sql_bind_int64 (stmt, 1, id);
  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  if (rc == SSA_SQL_STEP_DONE)
    {
      ssa_db_set_not_found (self, _("licence line"), id, error);
      return NULL;
    }
  licence = licence_from_row (stmt, 0);
  ssa_licence_set_version (licence, ssa_sql_column_int64 (stmt, 7));
  return licence;
}

/**
 * ssa_db_insert_licence:
 * @self: the connection
 * @installation_id: the installation the line belongs to
 * @licence: an unsaved licence line (id 0)
 * @error: a #GError
 *
 * Stores @licence after the installation's last line and sets its id.
 */
gboolean
ssa_db_insert_licence (SsaDb       *self,
                       gint64       installation_id,
                       SsaLicence  *licence,
                       GError     **error)
{
  SsaInventoryLine line;
  gint64 id;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SSA_IS_LICENCE (licence), FALSE);
  g_return_val_if_fail (ssa_licence_get_id (licence) == 0, FALSE);

  if (!ssa_db_check_writable (self, error))
    return FALSE;
  if (!check_line_limit (self, installation_id, TRUE, 1, error))
    return FALSE;

  ssa_licence_to_inventory_line (licence, &line);
  id = insert_line (self, installation_id, &line, error);
  g_free (line.code);
  g_free (line.name);
  if (id == 0)
    return FALSE;

  ssa_licence_set_id (licence, id);
  ssa_licence_set_version (licence, 1);
  return TRUE;
}

static gboolean
licence_update_error (SsaDb       *self,
                      SsaLicence  *licence,
                      GError     **error)
{
  return licence_write_error (self, ssa_db_get_constraint (self), error);
}

/* Writes the line's values, based on the version it was read at (as
 * ssa_db_update_customer() does; a line of version 0 is written whatever its row's). */
gboolean
ssa_db_update_licence (SsaDb       *self,
                       SsaLicence  *licence,
                       GError     **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  SsaInventoryLine line;
  gint64 id;
  gint64 version;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SSA_IS_LICENCE (licence), FALSE);

  if (!ssa_db_check_writable (self, error))
    return FALSE;
  stmt = ssa_db_prepare (self,
                         "UPDATE licences SET code = ?, quantity = ?, added_on = ?, "
                         "covered_until = ?, kind = ?, name = ?, updated_at = ?, "
                         "changed_by = ?, version = version + 1 "
                         "WHERE id = ? AND (version = ? OR ? = 0) RETURNING version", error);
  if (stmt == NULL)
    return FALSE;

  id = ssa_licence_get_id (licence);
  version = ssa_licence_get_version (licence);
  ssa_licence_to_inventory_line (licence, &line);
  bind_line (stmt, 1, &line);
  g_free (line.code);
  g_free (line.name);
  bind_now (stmt, 7);
  ssa_db_bind_text (stmt, 8, ssa_db_get_user_name (self));
  ssa_sql_bind_int64 (stmt, 9, id);
  ssa_sql_bind_int64 (stmt, 10, version);
  ssa_sql_bind_int64 (stmt, 11, version);
  return finish_versioned_update (self, stmt, "licences", _("licence line"), id,
                                  (SetVersion) ssa_licence_set_version, licence,
                                  (ConstraintError) licence_update_error, error);
}

gboolean
ssa_db_delete_licence (SsaDb   *self,
                       gint64   id,
                       GError **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;

  g_return_val_if_fail (self != NULL, FALSE);

  /* The deletion and its row in the audit log: both or neither. */
  return ssa_db_transaction_begin (&txn, self, error) &&
         delete_row (self, "DELETE FROM licences WHERE id = ?", "licence", "licences", id,
                     _("licence line"), NULL, error) &&
         ssa_db_transaction_commit (&txn, error);
}

static gboolean
installation_exists (SsaDb   *self,
                     gint64   id,
                     GError **error)
{
  g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self, "SELECT 1 FROM installations WHERE id = ?",
                                              error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, id);
  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return FALSE;
  if (rc == SSA_SQL_STEP_DONE)
    return ssa_db_set_not_found (self, _("installation"), id, error);
  return TRUE;
}

/* ssa_db_replace_licences() without append, in a write transaction the caller holds. */
GArray *
ssa_db_replace_licences_locked (SsaDb   *self,
                                gint64   installation_id,
                                GArray  *lines,
                                GError **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;

  if (!installation_exists (self, installation_id, error))
    return NULL;
  if (!check_line_limit (self, installation_id, FALSE, lines->len, error))
    return NULL;

  stmt = ssa_db_prepare (self, "DELETE FROM licences WHERE installation_id = ?", error);
  if (stmt == NULL)
    return NULL;
  ssa_sql_bind_int64 (stmt, 1, installation_id);
  if (!ssa_db_step_done (self, stmt, error))
    return NULL;

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), lines->len);
  for (guint i = 0; i < lines->len; i++)
    {
      gint64 id = insert_line (self, installation_id,
                               &g_array_index (lines, SsaInventoryLine, i), error);

      if (id == 0)
        return NULL;
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

/**
 * ssa_db_replace_licences:
 * @self: the connection
 * @installation_id: an installation
 * @lines: (element-type SsaInventoryLine): the new lines, valid
 * @append: %TRUE to add them after the installation's lines, %FALSE to replace those
 * @error: a #GError
 *
 * Stores @lines for the installation in one transaction (a CSV import).
 *
 * Returns: (transfer full) (element-type gint64): the new lines' ids, in order
 */
GArray *
ssa_db_replace_licences (SsaDb       *self,
                         gint64       installation_id,
                         GArray      *lines,
                         gboolean     append,
                         GError     **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (lines != NULL, NULL);

  if (!ssa_db_transaction_begin (&txn, self, error))
    return NULL;
  if (!append)
    {
      ids = ssa_db_replace_licences_locked (self, installation_id, lines, error);
      if (ids == NULL || !ssa_db_transaction_commit (&txn, error))
        return NULL;
      return g_steal_pointer (&ids);
    }
  if (!installation_exists (self, installation_id, error))
    return NULL;
  if (!check_line_limit (self, installation_id, append, lines->len, error))
    return NULL;

  if (!append)
    {
      g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self,
                                                  "DELETE FROM licences WHERE installation_id = ?",
                                                  error);

      if (stmt == NULL)
        return NULL;
      ssa_sql_bind_int64 (stmt, 1, installation_id);
      if (!ssa_db_step_done (self, stmt, error))
        return NULL;
    }

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), lines->len);
  for (guint i = 0; i < lines->len; i++)
    {
      gint64 id = insert_line (self, installation_id,
                               &g_array_index (lines, SsaInventoryLine, i), error);

      if (id == 0)
        return NULL;
      g_array_append_val (ids, id);
    }

  if (!ssa_db_transaction_commit (&txn, error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* Installations. */

/* The deployment in column @index: an appliance when the column is NULL or names a
 * deployment this version does not know. */
static SsaDeployment
deployment_from_column (SsaDbStmt *stmt,
                        int        index)
{
  const char *text = ssa_sql_column_text (stmt, index);
  SsaDeployment deployment = SSA_DEPLOYMENT_APPLIANCE;

  if (text != NULL)
    ssa_deployment_from_string (text, &deployment);
  return deployment;
}

static SsaInstallation *
installation_from_row (SsaDbStmt *stmt)
{
  SsaInstallation *installation = ssa_installation_new ();
  GDate expiry;

  ssa_installation_set_id (installation, ssa_sql_column_int64 (stmt, 0));
  ssa_installation_set_customer_id (installation, ssa_sql_column_int64 (stmt, 1));
  ssa_installation_set_customer_name (installation, ssa_sql_column_text (stmt, 2));
  ssa_installation_set_name (installation, ssa_sql_column_text (stmt, 3));
  ssa_installation_set_serial (installation, ssa_sql_column_text (stmt, 4));
  ssa_installation_set_deployment (installation, deployment_from_column (stmt, 5));
  ssa_installation_set_firmware (installation, ssa_sql_column_text (stmt, 6));
  ssa_db_column_date (stmt, 7, &expiry);
  ssa_installation_set_ssa_expiry (installation, &expiry);
  ssa_installation_set_notes (installation, ssa_sql_column_text (stmt, 8));
  ssa_installation_set_archived (installation, ssa_sql_column_int64 (stmt, 9) != 0);
  ssa_installation_set_version (installation, ssa_sql_column_int64 (stmt, 10));
  return installation;
}

static void
bind_installation (SsaDbStmt       *stmt,
                   SsaInstallation *installation)
{
  bind_id_or_null (stmt, 1, ssa_installation_get_customer_id (installation));
  ssa_db_bind_text (stmt, 2, ssa_installation_get_name (installation));
  ssa_db_bind_text (stmt, 3, ssa_installation_get_serial (installation));
  ssa_sql_bind_text (stmt, 4,
                     ssa_deployment_to_string (ssa_installation_get_deployment (installation)));
  ssa_db_bind_text (stmt, 5, ssa_installation_get_firmware (installation));
  ssa_db_bind_date (stmt, 6, ssa_installation_get_ssa_expiry (installation));
  ssa_db_bind_text (stmt, 7, ssa_installation_get_notes (installation));
}

static gboolean
installation_write_error (SsaDb             *self,
                          SsaSqlConstraint   constraint,
                          const char        *serial,
                          GError           **error)
{
  if (constraint == SSA_SQL_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT,
                   _("Another installation already has the serial number “%s”."), serial);
      return FALSE;
    }
  if (constraint == SSA_SQL_CONSTRAINT_FOREIGN_KEY)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND,
                   _("The installation’s customer is not in the database %s."),
                   self->display_name);
      return FALSE;
    }
  return ssa_db_set_step_error (self, error);
}

static gboolean
load_licences_into (SsaDb            *self,
                    SsaInstallation  *installation,
                    GError          **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  stmt = ssa_db_prepare (self,
                         "SELECT " LICENCE_COLUMNS " FROM licences WHERE installation_id = ? "
                         "ORDER BY position, id", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, ssa_installation_get_id (installation));
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    {
      g_autoptr(SsaLicence) licence = licence_from_row (stmt, 0);

      ssa_installation_add_licence (installation, licence);
    }
  return rc != 0;
}

/**
 * ssa_db_load_installation:
 *
 * Returns: (transfer full): the installation with that id, its customer's name and its
 *   licence lines
 */
SsaInstallation *
ssa_db_load_installation (SsaDb   *self,
                          gint64   id,
                          GError **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autoptr(SsaInstallation) installation = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = ssa_db_prepare (self,
                         INSTALLATION_QUERY (self, "FROM installations i LEFT JOIN "
                                             "customers c ON c.id = i.customer_id WHERE i.id = ?"), error);
  if (stmt == NULL)
    return NULL;
  ssa_sql_bind_int64 (stmt, 1, id);
  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  if (rc == SSA_SQL_STEP_DONE)
    {
      ssa_db_set_not_found (self, _("installation"), id, error);
      return NULL;
    }
  installation = installation_from_row (stmt);
  if (!load_licences_into (self, installation, error))
    return NULL;
  return g_steal_pointer (&installation);
}

/* Loading everything, for the window: one thread steps through the licence lines in SQLite
 * while another builds their objects, and the first joins the second once the rows are read.
 * Rows travel in chunks that end where an installation's lines end, so that each
 * installation's lines are spliced into its store by one thread, in order. */

#define CHUNK_ROWS 4096

typedef struct
{
  gint64           installation_id;
  gint64           id;
  SsaInventoryLine line;      /* its code and name in the chunk's strings */
} LineRow;

typedef struct
{
  GArray       *rows;         /* LineRow */
  GStringChunk *strings;
} Chunk;

typedef struct
{
  GAsyncQueue      *queue;    /* Chunk*, then the end marker */
  GPtrArray        *installations;
} Builder;

/* Pushed once the last chunk is queued; each consumer puts it back for the next one. */
static Chunk end_of_chunks;

static Chunk *
chunk_new (void)
{
  Chunk *chunk = g_new0 (Chunk, 1);

  chunk->rows = g_array_sized_new (FALSE, FALSE, sizeof (LineRow), CHUNK_ROWS + 64);
  chunk->strings = g_string_chunk_new (16 * 1024);
  return chunk;
}

static void
chunk_free (Chunk *chunk)
{
  g_array_unref (chunk->rows);
  g_string_chunk_free (chunk->strings);
  g_free (chunk);
}

static int
compare_installation_id (gconstpointer key,
                         gconstpointer element)
{
  gint64 id = *(const gint64 *) key;
  gint64 other = ssa_installation_get_id (*(SsaInstallation * const *) element);

  return id < other ? -1 : id > other ? 1 : 0;
}

static SsaInstallation *
find_installation (GPtrArray *installations,
                   gint64     id)
{
  SsaInstallation **found = bsearch (&id, installations->pdata, installations->len,
                                     sizeof (gpointer), compare_installation_id);

  return found != NULL ? *found : NULL;
}

/* Interns the chunk's copy of a string: the chunk keeps one copy of each, so each is
 * looked up once a chunk. */
static const char *
intern (GHashTable *interned,
        const char *text)
{
  const char *result;

  if (text == NULL)
    return NULL;
  result = g_hash_table_lookup (interned, text);
  if (result == NULL)
    {
      result = g_intern_string (text);
      g_hash_table_insert (interned, (gpointer) text, (gpointer) result);
    }
  return result;
}

/* Hands each installation its lines as compact structs (ssa-installation.c makes objects
 * of those the window asks for): half a million objects would cost a hundred megabytes. */
static void
build_chunk (Builder *builder,
             Chunk   *chunk)
{
  g_autoptr(GHashTable) interned = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (SsaStoredLine));
  SsaInstallation *current = NULL;
  gint64 current_id = -1;

  for (guint i = 0; i < chunk->rows->len; i++)
    {
      const LineRow *row = &g_array_index (chunk->rows, LineRow, i);
      SsaStoredLine stored;

      if (row->installation_id != current_id)
        {
          if (current != NULL)
            ssa_installation_add_stored_lines (current, (SsaStoredLine *) pending->data,
                                               pending->len);
          g_array_set_size (pending, 0);
          current_id = row->installation_id;
          current = find_installation (builder->installations, current_id);
        }
      if (current == NULL)
        continue;

      /* The schema's CHECKs keep the quantity in range, as SsaLicence requires. */
      stored.id = row->id;
      stored.quantity = (gint32) row->line.quantity;
      stored.code = intern (interned, row->line.code);
      stored.name = intern (interned, row->line.name);
      stored.added_on = ssa_stored_date (&row->line.added_on);
      stored.covered_until = ssa_stored_date (&row->line.covered_until);
      stored.kind = (guint8) row->line.kind;
      stored.has_kind = row->line.has_kind != FALSE;
      g_array_append_val (pending, stored);
    }
  if (current != NULL)
    ssa_installation_add_stored_lines (current, (SsaStoredLine *) pending->data, pending->len);
}

static void
build_until_end (Builder *builder)
{
  Chunk *chunk;

  while ((chunk = g_async_queue_pop (builder->queue)) != &end_of_chunks)
    {
      build_chunk (builder, chunk);
      chunk_free (chunk);
    }
  g_async_queue_push (builder->queue, &end_of_chunks);
}

static gpointer
builder_thread (gpointer data)
{
  build_until_end (data);
  return NULL;
}

static void
read_line_row (SsaDbStmt *stmt,
               Chunk     *chunk)
{
  LineRow row;

  row.installation_id = ssa_sql_column_int64 (stmt, 0);
  row.id = line_from_row (stmt, 1, &row.line);
  /* The row's strings go with the next step: the chunk keeps copies. Few distinct codes
   * and names (a product's): each chunk keeps one copy of each. */
  row.line.code = g_string_chunk_insert_const (chunk->strings, row.line.code);
  if (row.line.name != NULL)
    row.line.name = g_string_chunk_insert_const (chunk->strings, row.line.name);
  g_array_append_val (chunk->rows, row);
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 guint          row,
                 GError       **error)
{
  return row % CANCEL_CHECK_ROWS == 0 && g_cancellable_set_error_if_cancelled (cancellable,
                                                                                 error);
}

/* Reads the licence lines into chunks for the builders; FALSE on error or cancellation. */
static gboolean
read_lines (SsaDb         *self,
            Builder       *builder,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  Chunk *chunk = NULL;
  gboolean ok = TRUE;
  guint row = 0;
  int rc;

  stmt = ssa_db_prepare (self,
                         "SELECT installation_id, " LICENCE_COLUMNS " FROM licences "
                         "ORDER BY installation_id, position, id", error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    {
      gint64 installation_id = ssa_sql_column_int64 (stmt, 0);

      if (check_cancelled (cancellable, ++row, error))
        {
          ok = FALSE;
          break;
        }

      /* A full chunk is handed over where the next installation's lines begin. */
      if (chunk != NULL && chunk->rows->len >= CHUNK_ROWS &&
          g_array_index (chunk->rows, LineRow, chunk->rows->len - 1).installation_id !=
          installation_id)
        g_async_queue_push (builder->queue, g_steal_pointer (&chunk));
      if (chunk == NULL)
        chunk = chunk_new ();
      read_line_row (stmt, chunk);
    }
  if (rc == SSA_SQL_STEP_ERROR)
    ok = FALSE;

  if (chunk != NULL)
    g_async_queue_push (builder->queue, g_steal_pointer (&chunk));
  return ok;
}

/**
 * ssa_db_load_installations:
 * @self: the connection
 * @cancellable: (nullable): a #GCancellable, checked every few thousand rows
 * @error: a #GError
 *
 * Loads every installation with its customer's name and its licence lines in one read
 * transaction. Meant for a worker thread: while it reads the licence lines, a second thread
 * builds their objects, and it helps once the rows are read. The objects are new and shared
 * with nobody until returned.
 *
 * Returns: (transfer full) (element-type SsaInstallation): the installations, by id
 */
GPtrArray *
ssa_db_load_installations (SsaDb             *self,
                           GCancellable      *cancellable,
                           GError           **error)
{
  return ssa_db_load_installations_full (self, cancellable, NULL, NULL, error);
}

/**
 * ssa_db_load_installations_full:
 * @self: the connection
 * @cancellable: (nullable): a #GCancellable
 * @rows_read: (nullable): called once the installations' rows are read, before their
 *   licence lines, with those installations (in this thread)
 * @user_data: for @rows_read
 * @error: a #GError
 *
 * ssa_db_load_installations(), telling @rows_read when the installations are there but
 * their lines are not: a window can list them meanwhile. The lines are added to the same
 * objects afterwards, through ssa_installation_add_stored_lines(), which is safe while the
 * main thread uses them.
 *
 * Returns: (transfer full) (element-type SsaInstallation): the installations, by id
 */
GPtrArray *
ssa_db_load_installations_full (SsaDb                   *self,
                                GCancellable            *cancellable,
                                SsaDbInstallationsFunc   rows_read,
                                gpointer                 user_data,
                                GError                 **error)
{
  /* First, so that it rolls back after the statement is released. */
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  g_autoptr(GPtrArray) installations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autoptr(GAsyncQueue) queue = NULL;
  Builder builder;
  GThread *thread;
  gboolean ok;
  guint row = 0;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  /* One read transaction, so that the lines match the installations. */
  if (!ssa_db_transaction_begin_read (&txn, self, error))
    return NULL;

  stmt = ssa_db_prepare (self,
                         INSTALLATION_QUERY (self, "FROM installations i LEFT JOIN "
                                             "customers c ON c.id = i.customer_id ORDER BY i.id"), error);
  if (stmt == NULL)
    return NULL;
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    {
      if (check_cancelled (cancellable, ++row, error))
        return NULL;
      g_ptr_array_add (installations, installation_from_row (stmt));
    }
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  ssa_db_stmt_release (g_steal_pointer (&stmt));
  if (rows_read != NULL)
    rows_read (installations, user_data);

  queue = g_async_queue_new_full ((GDestroyNotify) chunk_free);
  builder = (Builder) { queue, installations };
  thread = g_thread_new ("ssa-db-load", builder_thread, &builder);

  ok = read_lines (self, &builder, cancellable, error);
  g_async_queue_push (queue, &end_of_chunks);
  /* The rows are read: help build the rest, then wait for the other builder. */
  build_until_end (&builder);
  g_thread_join (thread);
  g_async_queue_pop (queue); /* the end marker, which the queue must not free */

  if (!ok || !ssa_db_transaction_commit (&txn, error))
    return NULL;
  return g_steal_pointer (&installations);
}

static gboolean
insert_installation_row (SsaDb            *self,
                         SsaInstallation  *installation,
                         GError          **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  stmt = ssa_db_prepare (self,
                         "INSERT INTO installations (customer_id, name, serial, deployment, "
                         "firmware, ssa_expiry, notes, created_by, changed_by) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  bind_installation (stmt, installation);
  ssa_db_bind_text (stmt, 8, ssa_db_get_user_name (self));
  ssa_db_bind_text (stmt, 9, ssa_db_get_user_name (self));
  rc = ssa_db_step (self, stmt, NULL);
  if (rc != SSA_SQL_STEP_DONE)
    return installation_write_error (self, ssa_db_get_constraint (self),
                                     ssa_installation_get_serial (installation),
                                     error);
  return TRUE;
}

/**
 * ssa_db_insert_installation:
 * @self: the connection
 * @installation: an unsaved installation (id 0) with unsaved licence lines
 * @error: a #GError
 *
 * Stores @installation and its licence lines in one transaction and sets their ids.
 */
gboolean
ssa_db_insert_installation (SsaDb            *self,
                            SsaInstallation  *installation,
                            GError          **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  g_autoptr(GArray) ids = NULL;
  GListModel *licences;
  guint n_licences;
  gint64 id;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SSA_IS_INSTALLATION (installation), FALSE);
  g_return_val_if_fail (ssa_installation_get_id (installation) == 0, FALSE);

  licences = ssa_installation_get_licences (installation);
  n_licences = g_list_model_get_n_items (licences);
  if (!ssa_limits_check_lines (n_licences, NULL, error))
    return FALSE;
  if (!ssa_db_transaction_begin (&txn, self, error))
    return FALSE;
  if (!insert_installation_row (self, installation, error))
    return FALSE;
  id = ssa_db_last_insert_id (self);

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_licences);
  for (guint i = 0; i < n_licences; i++)
    {
      g_autoptr(SsaLicence) licence = g_list_model_get_item (licences, i);
      SsaInventoryLine line;
      gint64 licence_id;

      ssa_licence_to_inventory_line (licence, &line);
      licence_id = insert_line (self, id, &line, error);
      g_free (line.code);
      g_free (line.name);
      if (licence_id == 0)
        return FALSE;
      g_array_append_val (ids, licence_id);
    }

  if (!ssa_db_transaction_commit (&txn, error))
    return FALSE;

  /* Only once stored for good. */
  ssa_installation_set_id (installation, id);
  ssa_installation_set_version (installation, 1);
  for (guint i = 0; i < n_licences; i++)
    {
      g_autoptr(SsaLicence) licence = g_list_model_get_item (licences, i);

      ssa_licence_set_id (licence, g_array_index (ids, gint64, i));
      ssa_licence_set_version (licence, 1);
    }
  return TRUE;
}

static gboolean
installation_update_error (SsaDb            *self,
                           SsaInstallation  *installation,
                           GError          **error)
{
  return installation_write_error (self, ssa_db_get_constraint (self),
                                   ssa_installation_get_serial (installation), error);
}

/* Writes the installation's own values, based on the version it was read at (as
 * ssa_db_update_customer() does); its licence lines are rows of their own. */
gboolean
ssa_db_update_installation (SsaDb            *self,
                            SsaInstallation  *installation,
                            GError          **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  gint64 id;
  gint64 version;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (SSA_IS_INSTALLATION (installation), FALSE);

  if (!ssa_db_check_writable (self, error))
    return FALSE;
  stmt = ssa_db_prepare (self,
                         "UPDATE installations SET customer_id = ?, name = ?, serial = ?, "
                         "deployment = ?, firmware = ?, ssa_expiry = ?, notes = ?, "
                         "updated_at = ?, changed_by = ?, version = version + 1 "
                         "WHERE id = ? AND (version = ? OR ? = 0) RETURNING version", error);
  if (stmt == NULL)
    return FALSE;

  id = ssa_installation_get_id (installation);
  version = ssa_installation_get_version (installation);
  bind_installation (stmt, installation);
  bind_now (stmt, 8);
  ssa_db_bind_text (stmt, 9, ssa_db_get_user_name (self));
  ssa_sql_bind_int64 (stmt, 10, id);
  ssa_sql_bind_int64 (stmt, 11, version);
  ssa_sql_bind_int64 (stmt, 12, version);
  return finish_versioned_update (self, stmt, "installations", _("installation"), id,
                                  (SetVersion) ssa_installation_set_version, installation,
                                  (ConstraintError) installation_update_error, error);
}

/* Deletes the installation's row, and with it its licence lines (the schema's ON DELETE
 * CASCADE); one that offers refer to is refused. Shared by ssa_db_delete_installation() and
 * ssa_db_delete_customer_with_installations(), so that both refuse with the same message. */
static gboolean
delete_installation_row (SsaDb   *self,
                         gint64   id,
                         GError **error)
{
  g_autofree char *in_use = NULL;

  in_use = g_strdup_printf (_("Installation %lld has offers, which are kept "
                              "for good: it cannot be deleted."), (long long) id);
  return delete_row (self, "DELETE FROM installations WHERE id = ?", "installation",
                     "installations", id, _("installation"), in_use, error);
}

/**
 * ssa_db_delete_installation:
 *
 * Deletes an installation and its licence lines. One that has offers is refused with
 * %SSA_DB_ERROR_CONSTRAINT: offers are kept for good.
 */
gboolean
ssa_db_delete_installation (SsaDb   *self,
                            gint64   id,
                            GError **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;

  g_return_val_if_fail (self != NULL, FALSE);

  /* The deletion and its row in the audit log: both or neither. */
  return ssa_db_transaction_begin (&txn, self, error) &&
         delete_installation_row (self, id, error) &&
         ssa_db_transaction_commit (&txn, error);
}

/**
 * ssa_db_delete_customer_with_installations:
 * @self: the connection
 * @id: a customer
 * @out_installation_ids: (out) (optional) (transfer full) (element-type gint64): the ids of
 *   the installations deleted with the customer, ascending
 * @error: a #GError
 *
 * Deletes a customer, its installations and their licence lines in one transaction: all of
 * them or, on any error, nothing. An installation that has offers is refused as
 * ssa_db_delete_installation() refuses it (%SSA_DB_ERROR_CONSTRAINT, with the same
 * message), and then the customer and all its installations stay. A customer that is not
 * in the database is %SSA_DB_ERROR_NOT_FOUND.
 */
gboolean
ssa_db_delete_customer_with_installations (SsaDb    *self,
                                           gint64    id,
                                           GArray  **out_installation_ids,
                                           GError  **error)
{
  /* First, so that it rolls back after the statement is released. */
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, FALSE);

  /* The write lock from the start: no installation can join the customer between the
   * SELECT and the DELETEs. */
  if (!ssa_db_transaction_begin (&txn, self, error))
    return FALSE;

  stmt = ssa_db_prepare (self, "SELECT id FROM installations WHERE customer_id = ? ORDER BY id",
                         error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, id);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    {
      gint64 installation_id = ssa_sql_column_int64 (stmt, 0);

      g_array_append_val (ids, installation_id);
    }
  if (rc == SSA_SQL_STEP_ERROR)
    return FALSE;
  ssa_db_stmt_release (g_steal_pointer (&stmt));

  /* The customer's row goes last: the schema keeps no installation without its customer.
   * A refusal on the way returns with the transaction open, and its cleanup rolls back
   * the installations deleted before it. */
  for (guint i = 0; i < ids->len; i++)
    if (!delete_installation_row (self, g_array_index (ids, gint64, i), error))
      return FALSE;
  if (!delete_customer_row (self, id, error))
    return FALSE;

  if (!ssa_db_transaction_commit (&txn, error))
    return FALSE;

  if (out_installation_ids != NULL)
    *out_installation_ids = g_steal_pointer (&ids);
  return TRUE;
}

/* Archive. */

/* Sets the archived flag of the row @id of @table. */
static gboolean
set_archived (SsaDb       *self,
              const char  *sql,
              const char  *subject,
              const char  *table,
              const char  *what,
              gint64       id,
              gboolean     archived,
              GError     **error)
{
  /* First, so that it rolls back after the statement is released. */
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  /* The flag and its row in the audit log: both or neither. The row's version stays: the
   * flag is no value an editor shows, and an open editor's save is not refused for it. */
  if (!ssa_db_transaction_begin (&txn, self, error) ||
      !audit_row (self, archived ? "archive" : "unarchive", subject, table, id, error))
    return FALSE;
  stmt = ssa_db_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, archived ? 1 : 0);
  bind_now (stmt, 2);
  ssa_sql_bind_int64 (stmt, 3, id);
  rc = ssa_db_step (self, stmt, NULL);
  if (rc != SSA_SQL_STEP_DONE)
    return ssa_db_set_step_error (self, error);
  return changed_one_row (self, what, id, error) && ssa_db_transaction_commit (&txn, error);
}

/**
 * ssa_db_set_installation_archived:
 * @self: the connection
 * @id: an installation
 * @archived: %TRUE to archive it, %FALSE to bring it back
 * @error: a #GError
 *
 * Archives an installation or brings it back. An archived installation keeps its licence
 * lines and offers; it is left out of the renewals (ssa_db_list_renewals()) and the window
 * hides it unless the archived are shown.
 */
gboolean
ssa_db_set_installation_archived (SsaDb    *self,
                                  gint64    id,
                                  gboolean  archived,
                                  GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return set_archived (self, "UPDATE installations SET archived = ?, updated_at = ? "
                       "WHERE id = ?", "installation", "installations", _("installation"), id,
                       archived, error);
}

/**
 * ssa_db_set_customer_archived:
 *
 * Archives a customer or brings it back, as ssa_db_set_installation_archived() does an
 * installation. The installations of an archived customer are left out of the renewals
 * too, whatever their own flag.
 */
gboolean
ssa_db_set_customer_archived (SsaDb    *self,
                              gint64    id,
                              gboolean  archived,
                              GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return set_archived (self, "UPDATE customers SET archived = ?, updated_at = ? WHERE id = ?",
                       "customer", "customers", _("customer"), id, archived, error);
}

/* Counts the rows of a "SELECT count(*) … WHERE … = ?" for @id. */
static gboolean
count_rows (SsaDb       *self,
            const char  *sql,
            gint64       id,
            guint       *out_count,
            GError     **error)
{
  g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, id);
  if (!ssa_db_step_row (self, stmt, error))
    return FALSE;
  *out_count = (guint) ssa_sql_column_int64 (stmt, 0);
  return TRUE;
}

/**
 * ssa_db_count_offers:
 * @self: the connection
 * @installation_id: an installation, or 0
 * @customer_id: a customer, or 0: counts the offers of all its installations
 * @out_count: (out): how many offers there are
 * @error: a #GError
 *
 * Counts the offers of an installation or of a customer's installations: offers are kept
 * for good, so what has offers cannot be deleted, only archived.
 */
gboolean
ssa_db_count_offers (SsaDb    *self,
                     gint64    installation_id,
                     gint64    customer_id,
                     guint    *out_count,
                     GError  **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  if (installation_id > 0)
    return count_rows (self, "SELECT count(*) FROM offers WHERE installation_id = ?",
                       installation_id, out_count, error);
  return count_rows (self, "SELECT count(*) FROM offers o JOIN installations i ON "
                     "i.id = o.installation_id WHERE i.customer_id = ?", customer_id,
                     out_count, error);
}

/* Installation files. */

SsaInventory *
ssa_db_read_inventory (SsaDb    *self,
                       gint64    installation_id,
                       GArray  **out_licence_ids,
                       GError  **error)
{
  g_autoptr(SsaDbStmt) head = NULL;
  g_autoptr(SsaDbStmt) lines = NULL;

  if (!ssa_db_prepare_inventory (self, installation_id, &head, &lines, error))
    return NULL;
  return ssa_db_read_inventory_rows (self, installation_id, head, lines, out_licence_ids,
                                     error);
}

/* The two statements that read an installation (@out_head: it and its customer;
 * @out_lines: its licence lines), bound, for ssa_db_read_inventory_rows(): apart, so that
 * they can run together with other reads (ssa_sql_pg_run_together()). */
gboolean
ssa_db_prepare_inventory (SsaDb      *self,
                          gint64      installation_id,
                          SsaDbStmt **out_head,
                          SsaDbStmt **out_lines,
                          GError    **error)
{
  g_autoptr(SsaDbStmt) head = NULL;
  g_autoptr(SsaDbStmt) lines = NULL;

  head = ssa_db_prepare (self,
                         "SELECT c.name, c.org_no, c.address, c.contact, c.email, i.name, "
                         "i.serial, i.deployment, i.firmware, i.ssa_expiry FROM installations i "
                         "LEFT JOIN customers c ON c.id = i.customer_id WHERE i.id = ?", error);
  if (head == NULL)
    return FALSE;
  ssa_sql_bind_int64 (head, 1, installation_id);
  lines = ssa_db_prepare (self,
                          "SELECT " LICENCE_COLUMNS " FROM licences WHERE installation_id = ? "
                          "ORDER BY position, id", error);
  if (lines == NULL)
    return FALSE;
  ssa_sql_bind_int64 (lines, 1, installation_id);
  *out_head = g_steal_pointer (&head);
  *out_lines = g_steal_pointer (&lines);
  return TRUE;
}

/* Steps @head and @lines of ssa_db_prepare_inventory() (run already or not) and returns
 * the installation, as ssa_db_read_inventory() does. */
SsaInventory *
ssa_db_read_inventory_rows (SsaDb      *self,
                            gint64      installation_id,
                            SsaDbStmt  *head,
                            SsaDbStmt  *lines,
                            GArray    **out_licence_ids,
                            GError    **error)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(GArray) ids = NULL;
  int rc;

  rc = ssa_db_step (self, head, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  if (rc == SSA_SQL_STEP_DONE)
    {
      ssa_db_set_not_found (self, _("installation"), installation_id, error);
      return NULL;
    }

  inventory = ssa_inventory_new ();
  inventory->customer.name = ssa_db_column_text (head, 0);
  if (inventory->customer.name != NULL && inventory->customer.name[0] == '\0')
    g_clear_pointer (&inventory->customer.name, g_free);
  inventory->customer.org_no = ssa_db_column_text (head, 1);
  inventory->customer.address = ssa_db_column_text (head, 2);
  inventory->customer.contact = ssa_db_column_text (head, 3);
  inventory->customer.email = ssa_db_column_text (head, 4);
  inventory->name = ssa_db_column_text (head, 5);
  inventory->serial = ssa_db_column_text (head, 6);
  inventory->deployment = deployment_from_column (head, 7);
  inventory->firmware = ssa_db_column_text (head, 8);
  ssa_db_column_date (head, 9, &inventory->ssa_expiry);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = ssa_db_step (self, lines, error)) == SSA_SQL_STEP_ROW)
    {
      SsaInventoryLine line;
      gint64 id = line_from_row (lines, 0, &line);

      /* It copies the line's strings out of the row. */
      ssa_inventory_add_line (inventory, &line);
      g_array_append_val (ids, id);
    }
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;

  if (out_licence_ids != NULL)
    *out_licence_ids = g_steal_pointer (&ids);
  return g_steal_pointer (&inventory);
}

/**
 * ssa_db_load_inventory:
 * @self: the connection
 * @installation_id: an installation
 * @out_licence_ids: (out) (optional) (transfer full) (element-type gint64): the ids of the
 *   licence lines, in the inventory's order
 * @error: a #GError
 *
 * Returns: (transfer full): the installation as the plain values of an installation file,
 *   with all of its customer's fields
 */
SsaInventory *
ssa_db_load_inventory (SsaDb    *self,
                       gint64    installation_id,
                       GArray  **out_licence_ids,
                       GError  **error)
{
  g_return_val_if_fail (self != NULL, NULL);

  return ssa_db_read_inventory (self, installation_id, out_licence_ids, error);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/* Finds the inventory's customer (by organisation number when it has one, else by exact
 * name) or creates it. Fields the stored customer lacks are filled in from the file;
 * those it has are kept. Returns the id, 0 when the file names no customer at all, -1 on
 * error. */
static gint64
find_or_create_customer (SsaDb                  *self,
                         const SsaCustomerInfo  *info,
                         GError                **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  gint64 id = 0;
  int rc;

  if (!has_text (info->name) && !has_text (info->org_no) && !has_text (info->address) &&
      !has_text (info->contact) && !has_text (info->email))
    return 0;

  if (has_text (info->org_no))
    {
      stmt = ssa_db_prepare (self, "SELECT id FROM customers WHERE org_no = ?", error);
      if (stmt == NULL)
        return -1;
      ssa_sql_bind_text (stmt, 1, info->org_no);
    }
  else if (has_text (info->name))
    {
      stmt = ssa_db_prepare (self,
                             "SELECT id FROM customers WHERE name = ? ORDER BY id LIMIT 1",
                             error);
      if (stmt == NULL)
        return -1;
      ssa_sql_bind_text (stmt, 1, info->name);
    }

  if (stmt != NULL)
    {
      rc = ssa_db_step (self, stmt, error);
      if (rc == SSA_SQL_STEP_ERROR)
        return -1;
      if (rc == SSA_SQL_STEP_ROW)
        id = ssa_sql_column_int64 (stmt, 0);
      ssa_db_stmt_release (g_steal_pointer (&stmt));
    }

  if (id > 0)
    {
      stmt = ssa_db_prepare (self,
                             "UPDATE customers SET name = CASE WHEN name = '' THEN "
                             "coalesce(?1, '') ELSE name END, address = coalesce(address, ?2), "
                             "contact = coalesce(contact, ?3), email = coalesce(email, ?4), "
                             "version = version + 1, changed_by = ?6, updated_at = ?7 "
                             /* Only a row that gains something is changed (a new version). */
                             /* The casts type the parameters for PostgreSQL, which
                              * cannot tell a parameter's type from IS NOT NULL alone. */
                             "WHERE id = ?5 AND ((name = '' AND CAST(?1 AS TEXT) IS NOT NULL) "
                             "OR (address IS NULL AND CAST(?2 AS TEXT) IS NOT NULL) "
                             "OR (contact IS NULL AND CAST(?3 AS TEXT) IS NOT NULL) "
                             "OR (email IS NULL AND CAST(?4 AS TEXT) IS NOT NULL))", error);
      if (stmt == NULL)
        return -1;
      ssa_db_bind_text (stmt, 1, info->name);
      ssa_db_bind_text (stmt, 2, info->address);
      ssa_db_bind_text (stmt, 3, info->contact);
      ssa_db_bind_text (stmt, 4, info->email);
      ssa_sql_bind_int64 (stmt, 5, id);
      ssa_db_bind_text (stmt, 6, ssa_db_get_user_name (self));
      bind_now (stmt, 7);
      return ssa_db_step_done (self, stmt, error) ? id : -1;
    }

  stmt = ssa_db_prepare (self,
                         "INSERT INTO customers (name, org_no, address, contact, email, "
                         "created_by, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return -1;
  ssa_db_bind_text (stmt, 6, ssa_db_get_user_name (self));
  ssa_db_bind_text (stmt, 7, ssa_db_get_user_name (self));
  ssa_sql_bind_text (stmt, 1, info->name != NULL ? info->name : "");
  ssa_db_bind_text (stmt, 2, info->org_no);
  ssa_db_bind_text (stmt, 3, info->address);
  ssa_db_bind_text (stmt, 4, info->contact);
  ssa_db_bind_text (stmt, 5, info->email);
  if (!ssa_db_step_done (self, stmt, error))
    return -1;
  return ssa_db_last_insert_id (self);
}

static gboolean
import_one (SsaDb               *self,
            const SsaInventory  *inventory,
            const char          *what,
            gint64              *out_id,
            GError             **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  gint64 customer_id;
  gint64 id;
  int rc;

  customer_id = find_or_create_customer (self, &inventory->customer, error);
  if (customer_id < 0)
    return FALSE;

  if (has_text (inventory->serial))
    {
      stmt = ssa_db_prepare (self, "SELECT id FROM installations WHERE serial = ?", error);
      if (stmt == NULL)
        return FALSE;
      ssa_sql_bind_text (stmt, 1, inventory->serial);
      rc = ssa_db_step (self, stmt, error);
      if (rc == SSA_SQL_STEP_ERROR)
        return FALSE;
      if (rc == SSA_SQL_STEP_ROW)
        {
          g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT,
                       _("%s: serial: installation %lld already has the serial "
                         "number “%s”; nothing was imported"),
                       what, (long long) ssa_sql_column_int64 (stmt, 0),
                       inventory->serial);
          return FALSE;
        }
      ssa_db_stmt_release (g_steal_pointer (&stmt));
    }

  stmt = ssa_db_prepare (self,
                         "INSERT INTO installations (customer_id, name, serial, deployment, "
                         "firmware, ssa_expiry, created_by, changed_by) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ssa_db_bind_text (stmt, 7, ssa_db_get_user_name (self));
  ssa_db_bind_text (stmt, 8, ssa_db_get_user_name (self));
  bind_id_or_null (stmt, 1, customer_id);
  ssa_db_bind_text (stmt, 2, inventory->name);
  ssa_db_bind_text (stmt, 3, inventory->serial);
  ssa_sql_bind_text (stmt, 4, ssa_deployment_to_string (inventory->deployment));
  ssa_db_bind_text (stmt, 5, inventory->firmware);
  ssa_db_bind_date (stmt, 6, &inventory->ssa_expiry);
  rc = ssa_db_step (self, stmt, NULL);
  if (rc != SSA_SQL_STEP_DONE)
    return installation_write_error (self, ssa_db_get_constraint (self), inventory->serial, error);
  id = ssa_db_last_insert_id (self);
  ssa_db_stmt_release (g_steal_pointer (&stmt));

  for (guint i = 0; i < inventory->lines->len; i++)
    if (insert_line (self, id, &g_array_index (inventory->lines, SsaInventoryLine, i),
                     error) == 0)
      return FALSE;

  *out_id = id;
  return TRUE;
}

/**
 * ssa_db_import_inventories:
 * @self: the connection
 * @inventories: (array length=n_inventories): installations read from files
 * @names: (array length=n_inventories) (nullable): their file names, for messages
 * @n_inventories: how many
 * @out_ids: (array length=n_inventories) (out caller-allocates): the new installations' ids
 * @error: a #GError
 *
 * Stores every installation with its licence lines in one transaction: all of them, or
 * none when one is refused (a serial number that is already in the database). Each finds
 * its customer by organisation number, or else by name, or creates it.
 */
gboolean
ssa_db_import_inventories (SsaDb         *self,
                           SsaInventory **inventories,
                           const char   **names,
                           guint          n_inventories,
                           gint64        *out_ids,
                           GError       **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (inventories != NULL || n_inventories == 0, FALSE);
  g_return_val_if_fail (out_ids != NULL || n_inventories == 0, FALSE);

  for (guint i = 0; i < n_inventories; i++)
    if (!ssa_limits_check_lines (inventories[i]->lines->len, names != NULL ? names[i] : NULL,
                                 error))
      return FALSE;
  if (!ssa_db_transaction_begin (&txn, self, error))
    return FALSE;

  for (guint i = 0; i < n_inventories; i++)
    {
      g_autofree char *fallback = NULL;
      const char *what = names != NULL ? names[i] : NULL;

      if (what == NULL)
        what = fallback = g_strdup_printf ("#%u", i + 1);
      if (!import_one (self, inventories[i], what, &out_ids[i], error))
        return FALSE;
    }

  return ssa_db_transaction_commit (&txn, error);
}

/* Lists. */

static void
installation_row_clear (gpointer data)
{
  SsaDbInstallationRow *row = data;

  g_clear_pointer (&row->customer_name, g_free);
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->serial, g_free);
  g_clear_pointer (&row->firmware, g_free);
}

static GArray *
list_rows (SsaDb        *self,
           SsaDbStmt    *stmt,
           gboolean      with_count,
           GError      **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (SsaDbInstallationRow));
  int rc;

  g_array_set_clear_func (rows, installation_row_clear);
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    {
      SsaDbInstallationRow row = { 0, };

      row.id = ssa_sql_column_int64 (stmt, 0);
      row.customer_id = ssa_sql_column_int64 (stmt, 1);
      row.customer_name = ssa_db_column_text (stmt, 2);
      row.name = ssa_db_column_text (stmt, 3);
      row.serial = ssa_db_column_text (stmt, 4);
      row.deployment = deployment_from_column (stmt, 5);
      row.firmware = ssa_db_column_text (stmt, 6);
      ssa_db_column_date (stmt, 7, &row.ssa_expiry);
      if (with_count)
        row.n_licences = (guint) ssa_sql_column_int64 (stmt, 8);
      g_array_append_val (rows, row);
    }
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * ssa_db_list_installations:
 *
 * Returns: (transfer full) (element-type SsaDbInstallationRow): every installation, by id,
 *   with its number of licence lines
 */
GArray *
ssa_db_list_installations (SsaDb   *self,
                           GError **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  /* Each installation keeps its number of lines (SSA_DB_SCHEMA_COUNTS); a file of an older
   * version, read as it is, counts them. */
  stmt = ssa_db_prepare (self,
                         ssa_db_get_schema_version (self) >= SSA_DB_SCHEMA_COUNTS
                         ? "SELECT i.id, i.customer_id, c.name, i.name, i.serial, i.deployment, "
                           "i.firmware, i.ssa_expiry, i.line_count FROM installations i "
                           "LEFT JOIN customers c ON c.id = i.customer_id ORDER BY i.id"
                         : "SELECT i.id, i.customer_id, c.name, i.name, i.serial, i.deployment, "
                           "i.firmware, i.ssa_expiry, (SELECT count(*) FROM licences l WHERE "
                           "l.installation_id = i.id) FROM installations i LEFT JOIN customers c "
                           "ON c.id = i.customer_id ORDER BY i.id", error);
  if (stmt == NULL)
    return NULL;
  return list_rows (self, stmt, TRUE, error);
}

/**
 * ssa_db_list_renewals:
 * @self: the connection
 * @today: (nullable): the day to count from, %NULL for the local date
 * @within_days: how far ahead to look
 * @error: a #GError
 *
 * Lists the appliance installations whose SSA ends within @within_days of @today or has
 * already ended, soonest first (by expiry, then customer, name and id: the order of the
 * index that answers the query). SaaS and rented installations have the SSA in their rent
 * and installations without an SSA expiry have nothing to renew: they are not listed, nor
 * are archived installations and the installations of archived customers. The
 * rows have no serial, firmware or number of licence lines.
 *
 * Returns: (transfer full) (element-type SsaDbInstallationRow): the installations
 */
GArray *
ssa_db_list_renewals (SsaDb        *self,
                      const GDate  *today,
                      guint         within_days,
                      GError      **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  GDate day;
  GDate limit;

  g_return_val_if_fail (self != NULL, NULL);

  if (ssa_date_is_set (today))
    day = *today;
  else
    ssa_date_today (&day);
  ssa_date_add_days (&day, (int) MIN (within_days, (guint) G_MAXINT / 2), &limit);
  if (!g_date_valid (&limit))
    g_date_set_dmy (&limit, 31, G_DATE_DECEMBER, 9999);

  stmt = ssa_db_prepare (self,
                         "SELECT i.id, i.customer_id, c.name, i.name, NULL, i.deployment, "
                         "NULL, i.ssa_expiry FROM installations i LEFT JOIN customers c "
                         "ON c.id = i.customer_id WHERE i.ssa_expiry IS NOT NULL AND "
                         "i.archived = 0 AND coalesce(c.archived, 0) = 0 AND "
                         "i.ssa_expiry <= ? AND i.deployment = 'appliance' "
                         "ORDER BY i.ssa_expiry, i.customer_id, i.name, i.id", error);
  if (stmt == NULL)
    return NULL;
  ssa_db_bind_date (stmt, 1, &limit);
  return list_rows (self, stmt, FALSE, error);
}

/* After an offer is accepted (docs/rules.md). */

static gboolean
id_in (GArray *ids,
       gint64  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/**
 * ssa_db_apply_acceptance:
 * @self: a connection inside a write transaction
 * @installation_id: the offer's installation
 * @end: the offer's end e
 * @paid_licence_ids: (element-type gint64): the licence lines the offer paid for
 * @bought: (element-type SsaInventoryLine) (nullable): the licences the offer sells (its
 *   true-up), added as new lines after the installation's last
 * @price_list: the price list the offer used, for the kinds of the lines
 * @error: a #GError
 *
 * The installation's ssa_expiry becomes @end; each paid line's coverage end becomes @end (its
 * covered_until is cleared, as it equals the new expiry, unless the line has an added_on, which
 * would otherwise end its coverage the day before). Covered lines the offer did not pay for
 * keep their coverage end: one that followed the old expiry gets it as covered_until. Then
 * the lines of @bought are added as they are (docs/rules.md, "True-up").
 */
gboolean
ssa_db_apply_acceptance (SsaDb               *self,
                         gint64               installation_id,
                         const GDate         *end,
                         GArray              *paid_licence_ids,
                         GArray              *bought,
                         const SsaPriceList  *price_list,
                         GError             **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autoptr(GArray) updates = NULL;
  GDate old_expiry;
  int rc;

  typedef struct
  {
    gint64 id;
    gboolean clear;
    GDate covered_until;
  } Update;

  stmt = ssa_db_prepare (self, "SELECT ssa_expiry FROM installations WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, installation_id);
  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return FALSE;
  if (rc == SSA_SQL_STEP_DONE)
    return ssa_db_set_not_found (self, _("installation"), installation_id, error);
  ssa_db_column_date (stmt, 0, &old_expiry);
  ssa_db_stmt_release (g_steal_pointer (&stmt));

  updates = g_array_new (FALSE, TRUE, sizeof (Update));
  stmt = ssa_db_prepare (self,
                         "SELECT id, code, added_on, covered_until, kind FROM licences "
                         "WHERE installation_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, installation_id);
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    {
      Update update = { ssa_sql_column_int64 (stmt, 0), FALSE, };
      const char *code = ssa_sql_column_text (stmt, 1);
      const char *kind_text = ssa_sql_column_text (stmt, 4);
      const SsaPriceListProduct *product = ssa_price_list_lookup (price_list, code);
      gboolean has_added_on = !ssa_sql_column_is_null (stmt, 2);
      gboolean has_covered_until = !ssa_sql_column_is_null (stmt, 3);
      SsaKind kind = SSA_KIND_THIRD_PARTY;

      if (product != NULL)
        kind = product->kind;
      else if (kind_text != NULL)
        ssa_kind_from_string (kind_text, &kind);

      if (id_in (paid_licence_ids, update.id))
        {
          update.clear = !has_added_on;
          update.covered_until = *end;
          g_array_append_val (updates, update);
        }
      else if (ssa_kind_is_covered (kind) && !has_added_on && !has_covered_until &&
               ssa_date_is_set (&old_expiry) && g_date_compare (&old_expiry, end) != 0)
        {
          update.covered_until = old_expiry;
          g_array_append_val (updates, update);
        }
    }
  if (rc == SSA_SQL_STEP_ERROR)
    return FALSE;
  ssa_db_stmt_release (g_steal_pointer (&stmt));

  stmt = ssa_db_prepare (self, "UPDATE licences SET covered_until = ?, version = version + 1, "
                         "changed_by = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < updates->len; i++)
    {
      const Update *update = &g_array_index (updates, Update, i);

      if (update->clear)
        ssa_sql_bind_null (stmt, 1);
      else
        ssa_db_bind_date (stmt, 1, &update->covered_until);
      ssa_db_bind_text (stmt, 2, ssa_db_get_user_name (self));
      bind_now (stmt, 3);
      ssa_sql_bind_int64 (stmt, 4, update->id);
      if (!ssa_db_step_done (self, stmt, error))
        return FALSE;
      ssa_sql_reset (stmt);
    }
  ssa_db_stmt_release (g_steal_pointer (&stmt));

  /* The true-up's licences, bought now: new lines, each with its own added_on, even for a
   * code the installation has already (its other lines keep their own dates). */
  if (bought != NULL && bought->len > 0 &&
      !check_line_limit (self, installation_id, TRUE, bought->len, error))
    return FALSE;
  for (guint i = 0; bought != NULL && i < bought->len; i++)
    if (insert_line (self, installation_id, &g_array_index (bought, SsaInventoryLine, i),
                     error) == 0)
      return FALSE;

  stmt = ssa_db_prepare (self,
                         "UPDATE installations SET ssa_expiry = ?, updated_at = ?, "
                         "version = version + 1, changed_by = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ssa_db_bind_date (stmt, 1, end);
  bind_now (stmt, 2);
  ssa_db_bind_text (stmt, 3, ssa_db_get_user_name (self));
  ssa_sql_bind_int64 (stmt, 4, installation_id);
  return ssa_db_step_done (self, stmt, error);
}
