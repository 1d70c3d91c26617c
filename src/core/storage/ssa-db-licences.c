/* ssa-db-licences.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-db"

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-db-private.h"
#include "ssa-licence-import.h"

/* Licences from where they live (docs/importing.md): the user's table of licence types the
 * price list does not know, and storing an imported licence file. */

void
ssa_db_licence_type_mapping_clear (SsaDbLicenceTypeMapping *mapping)
{
  g_clear_pointer (&mapping->type, g_free);
  g_clear_pointer (&mapping->code, g_free);
}

/**
 * ssa_db_list_licence_type_map:
 * @self: the connection
 * @error: a #GError
 *
 * Returns: (transfer full) (element-type SsaDbLicenceTypeMapping): the user's licence type
 *   table, sorted by type
 */
GArray *
ssa_db_list_licence_type_map (SsaDb   *self,
                              GError **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autoptr(GArray) rows = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  rows = g_array_new (FALSE, TRUE, sizeof (SsaDbLicenceTypeMapping));
  g_array_set_clear_func (rows, (GDestroyNotify) ssa_db_licence_type_mapping_clear);
  if (ssa_db_get_schema_version (self) < SSA_DB_SCHEMA_LICENCES)
    return g_steal_pointer (&rows);

  stmt = ssa_db_prepare (self, "SELECT type, code FROM licence_type_map ORDER BY type", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    {
      SsaDbLicenceTypeMapping row = {
        ssa_db_column_text (stmt, 0), ssa_db_column_text (stmt, 1)
      };

      g_array_append_val (rows, row);
    }
  if (rc != SSA_SQL_STEP_DONE)
    return NULL;
  return g_steal_pointer (&rows);
}

/**
 * ssa_db_load_licence_type_map:
 * @self: the connection
 * @error: a #GError
 *
 * Returns: (transfer full): the user's licence type table as type -> article code
 */
GHashTable *
ssa_db_load_licence_type_map (SsaDb   *self,
                              GError **error)
{
  g_autoptr(GArray) rows = ssa_db_list_licence_type_map (self, error);
  GHashTable *map;

  if (rows == NULL)
    return NULL;
  map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < rows->len; i++)
    {
      SsaDbLicenceTypeMapping *row = &g_array_index (rows, SsaDbLicenceTypeMapping, i);

      g_hash_table_insert (map, g_steal_pointer (&row->type), g_steal_pointer (&row->code));
    }
  return map;
}

static gboolean
is_type_text (const char *text)
{
  glong n_chars;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  n_chars = g_utf8_strlen (text, -1);
  if (n_chars < 1 || n_chars > 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * ssa_db_map_licence_type:
 * @self: the connection
 * @type: a licence type string the price list does not know
 * @code: the article it is, in @price_list
 * @price_list: the current price list
 * @error: a #GError
 *
 * Adds @type to the user's licence type table, or changes its article. A type the price
 * list knows already, or an article it does not have, is refused (%SSA_DB_ERROR_REFUSED).
 */
gboolean
ssa_db_map_licence_type (SsaDb              *self,
                         const char         *type,
                         const char         *code,
                         const SsaPriceList *price_list,
                         GError            **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  const SsaPriceListProduct *known;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (price_list != NULL, FALSE);

  if (!is_type_text (type))
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
                   _("A licence type is 1 to 64 characters without control characters."));
      return FALSE;
    }
  known = ssa_price_list_lookup_licence_type (price_list, type);
  if (known != NULL)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
                   _("The price list “%s” knows the licence type “%s” already: it is "
                     "article %s. Only types the price list does not know can be mapped."),
                   price_list->id, type, known->code);
      return FALSE;
    }
  if (code == NULL || ssa_price_list_lookup (price_list, code) == NULL)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
                   _("The price list “%s” has no article “%s”. Give an article number of "
                     "the current price list."), price_list->id, code != NULL ? code : "");
      return FALSE;
    }

  stmt = ssa_db_prepare (self,
                         "INSERT INTO licence_type_map (type, code) VALUES (?1, ?2) "
                         "ON CONFLICT (type) DO UPDATE SET code = ?2, updated_at = ?3",
                         error);
  if (stmt == NULL)
    return FALSE;
  ssa_db_bind_text (stmt, 1, type);
  ssa_db_bind_text (stmt, 2, code);
  ssa_db_bind_take_text (stmt, 3, ssa_db_now_iso ());
  return ssa_db_step_done (self, stmt, error);
}

/**
 * ssa_db_unmap_licence_type:
 * @self: the connection
 * @type: a licence type of the user's table
 * @error: a #GError
 *
 * Removes @type from the user's table; a type that is not there is %SSA_DB_ERROR_NOT_FOUND.
 */
gboolean
ssa_db_unmap_licence_type (SsaDb       *self,
                           const char  *type,
                           GError     **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (type != NULL, FALSE);

  stmt = ssa_db_prepare (self, "DELETE FROM licence_type_map WHERE type = ?", error);
  if (stmt == NULL)
    return FALSE;
  ssa_db_bind_text (stmt, 1, type);
  if (!ssa_db_step_done (self, stmt, error))
    return FALSE;
  if (ssa_sql_changes (self->sql) == 0)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND,
                   _("The licence type “%s” is not in the table of licence types."), type);
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_db_store_licence_import:
 * @self: the connection
 * @installation_id: the installation the licences were imported for
 * @expected_serial: (nullable): its serial when the import was planned
 * @set_serial: (nullable): the serial to give it (it had none)
 * @lines: (element-type SsaInventoryLine): its licence lines after the import
 * @error: a #GError
 *
 * Stores an import planned by ssa_licence_import_plan() in one transaction: the serial (when
 * it was empty) and the licence lines in place of the old ones. When the installation's
 * serial changed since the plan was made, nothing is stored (%SSA_DB_ERROR_REFUSED).
 */
gboolean
ssa_db_store_licence_import (SsaDb       *self,
                             gint64       installation_id,
                             const char  *expected_serial,
                             const char  *set_serial,
                             GArray      *lines,
                             GError     **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *serial = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (lines != NULL, FALSE);

  if (!ssa_db_transaction_begin (&txn, self, error))
    return FALSE;

  {
    g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self,
                                                "SELECT serial FROM installations WHERE id = ?",
                                                error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    ssa_sql_bind_int64 (stmt, 1, installation_id);
    rc = ssa_db_step (self, stmt, error);
    if (rc == SSA_SQL_STEP_ERROR)
      return FALSE;
    if (rc == SSA_SQL_STEP_DONE)
      {
        ssa_db_set_not_found (self, _("installation"), installation_id, error);
        return FALSE;
      }
    serial = ssa_db_column_text (stmt, 0);
  }

  if (g_strcmp0 (serial != NULL && serial[0] != '\0' ? serial : NULL,
                 expected_serial != NULL && expected_serial[0] != '\0' ? expected_serial : NULL) != 0)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
                   _("The installation's serial changed while the licences were being "
                     "imported. Nothing was stored: import the file again."));
      return FALSE;
    }

  if (set_serial != NULL)
    {
      g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self,
                                                  "UPDATE installations SET serial = ?, "
                                                  "updated_at = ? WHERE id = ?", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      ssa_db_bind_text (stmt, 1, set_serial);
      ssa_db_bind_take_text (stmt, 2, ssa_db_now_iso ());
      ssa_sql_bind_int64 (stmt, 3, installation_id);
      rc = ssa_db_step (self, stmt, NULL);
      if ((rc == SSA_SQL_STEP_ERROR && ssa_db_get_constraint (self) != SSA_SQL_CONSTRAINT_NONE))
        {
          g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT,
                       _("Another installation has the serial %s already: the licence file "
                         "belongs to that installation. Nothing was stored."), set_serial);
          return FALSE;
        }
      if (rc != SSA_SQL_STEP_DONE)
        return ssa_db_set_step_error (self, error);
    }

  /* ssa_db_replace_licences() joins this transaction: SQLite's BEGIN does not nest, so the
   * lines go in through the same statements here. */
  ids = ssa_db_replace_licences_locked (self, installation_id, lines, error);
  if (ids == NULL)
    return FALSE;

  return ssa_db_transaction_commit (&txn, error);
}

/* The live PBX. */

/**
 * ssa_db_get_pbx_settings:
 * @self: the connection
 * @installation_id: an installation
 * @out_admin_url: (out) (optional) (nullable): its admin URL
 * @out_fingerprint: (out) (optional) (nullable): the fingerprint pinned for its PBX
 * @error: a #GError
 */
gboolean
ssa_db_get_pbx_settings (SsaDb    *self,
                         gint64    installation_id,
                         char    **out_admin_url,
                         char    **out_fingerprint,
                         GError  **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  if (ssa_db_get_schema_version (self) < SSA_DB_SCHEMA_LICENCES)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY,
                   _("The database %s is of an older version and open read-only: it has no "
                     "PBX settings."), self->display_name);
      return FALSE;
    }
  stmt = ssa_db_prepare (self, "SELECT admin_url, pbx_fingerprint FROM installations "
                               "WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, installation_id);
  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return FALSE;
  if (rc == SSA_SQL_STEP_DONE)
    {
      ssa_db_set_not_found (self, _("installation"), installation_id, error);
      return FALSE;
    }
  if (out_admin_url != NULL)
    *out_admin_url = ssa_db_column_text (stmt, 0);
  if (out_fingerprint != NULL)
    *out_fingerprint = ssa_db_column_text (stmt, 1);
  return TRUE;
}

/**
 * ssa_db_set_pbx_admin_url:
 * @self: the connection
 * @installation_id: an installation
 * @admin_url: (nullable): https://HOST[:PORT], or %NULL to forget it
 * @error: a #GError
 *
 * Sets the installation's admin URL. A new address forgets the pinned fingerprint: another
 * PBX has another certificate.
 */
gboolean
ssa_db_set_pbx_admin_url (SsaDb       *self,
                          gint64       installation_id,
                          const char  *admin_url,
                          GError     **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  if (admin_url != NULL && !g_str_has_prefix (admin_url, "https://"))
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
                   _("“%s” is not a PBX admin address: give it as https://HOST or "
                     "https://HOST:PORT."), admin_url);
      return FALSE;
    }
  stmt = ssa_db_prepare (self, "UPDATE installations SET pbx_fingerprint = CASE WHEN "
                               "admin_url = ?1 OR (admin_url IS NULL AND ?1 IS NULL) "
                               "THEN pbx_fingerprint END, admin_url = ?1 "
                               "WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  ssa_db_bind_text (stmt, 1, admin_url);
  ssa_sql_bind_int64 (stmt, 2, installation_id);
  rc = ssa_db_step (self, stmt, NULL);
  if (rc != SSA_SQL_STEP_DONE)
    return ssa_db_set_step_error (self, error);
  if (ssa_sql_changes (self->sql) == 0)
    {
      ssa_db_set_not_found (self, _("installation"), installation_id, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_db_store_pbx_reading:
 * @self: the connection
 * @installation_id: an installation
 * @reading: what its PBX answered
 * @error: a #GError
 *
 * Stores @reading as the installation's last reading, its certificate's fingerprint as the
 * pinned one and its firmware as the installation's, in one transaction. A PBX with rental
 * time left makes the installation a `rental` one, which is never offered an SSA.
 */
gboolean
ssa_db_store_pbx_reading (SsaDb               *self,
                          gint64               installation_id,
                          const SsaPbxReading *reading,
                          GError             **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  g_autofree char *now = ssa_db_now_iso ();

  if (!ssa_db_transaction_begin (&txn, self, error))
    return FALSE;

  {
    g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self,
                                                "UPDATE installations SET pbx_fingerprint = "
                                                "coalesce(?1, pbx_fingerprint), firmware = "
                                                "coalesce(?2, firmware), deployment = CASE WHEN "
                                                "?4 > 0 THEN 'rental' ELSE deployment END "
                                                "WHERE id = ?3", error);

    if (stmt == NULL)
      return FALSE;
    ssa_db_bind_text (stmt, 1, reading->fingerprint);
    ssa_db_bind_text (stmt, 2, reading->firmware);
    ssa_sql_bind_int64 (stmt, 3, installation_id);
    /* A PBX with rental time left is rented: its SSA is in the rent, never offered. */
    ssa_sql_bind_int64 (stmt, 4, reading->rental_seconds);
    if (!ssa_db_step_done (self, stmt, error))
      return FALSE;
    if (ssa_sql_changes (self->sql) == 0)
      {
        ssa_db_set_not_found (self, _("installation"), installation_id, error);
        return FALSE;
      }
  }
  {
    g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self,
                                                "INSERT INTO pbx_readings "
                                                "(installation_id, read_at, firmware, "
                                                "rental_seconds) VALUES (?, ?, ?, ?) "
                                                "ON CONFLICT (installation_id) DO UPDATE "
                                                "SET read_at = excluded.read_at, "
                                                "firmware = excluded.firmware, "
                                                "rental_seconds = excluded.rental_seconds",
                                                error);

    if (stmt == NULL)
      return FALSE;
    ssa_sql_bind_int64 (stmt, 1, installation_id);
    ssa_db_bind_text (stmt, 2, now);
    ssa_db_bind_text (stmt, 3, reading->firmware);
    if (reading->rental_seconds >= 0)
      ssa_sql_bind_int64 (stmt, 4, reading->rental_seconds);
    else
      ssa_sql_bind_null (stmt, 4);
    if (!ssa_db_step_done (self, stmt, error))
      return FALSE;
  }
  {
    g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self, "DELETE FROM pbx_reading_licences "
                                                      "WHERE installation_id = ?", error);

    if (stmt == NULL)
      return FALSE;
    ssa_sql_bind_int64 (stmt, 1, installation_id);
    if (!ssa_db_step_done (self, stmt, error))
      return FALSE;
  }
  for (guint i = 0; i < reading->licences->len; i++)
    {
      const SsaPbxLicence *licence = &g_array_index (reading->licences, SsaPbxLicence, i);
      /* In the PBX's order (SSA_DB_SCHEMA_COUNTS): a name read twice keeps the place where
       * it came first. */
      gboolean ordered = ssa_db_get_schema_version (self) >= SSA_DB_SCHEMA_COUNTS;
      g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self,
                                                  ordered
                                                  ? "INSERT INTO pbx_reading_licences "
                                                    "(installation_id, name, count, used, "
                                                    "position) VALUES (?, ?, ?, ?, ?) "
                                                    "ON CONFLICT (installation_id, name) DO "
                                                    "UPDATE SET count = pbx_reading_licences."
                                                    "count + excluded.count, "
                                                    "used = pbx_reading_licences.used "
                                                    "+ excluded.used"
                                                  : "INSERT INTO pbx_reading_licences "
                                                    "(installation_id, name, count, used) "
                                                    "VALUES (?, ?, ?, ?) "
                                                    "ON CONFLICT (installation_id, name) DO "
                                                    "UPDATE SET count = pbx_reading_licences."
                                                    "count + excluded.count, "
                                                    "used = pbx_reading_licences.used "
                                                    "+ excluded.used", error);

      if (stmt == NULL)
        return FALSE;
      ssa_sql_bind_int64 (stmt, 1, installation_id);
      ssa_db_bind_text (stmt, 2, licence->name);
      ssa_sql_bind_int64 (stmt, 3, licence->count);
      ssa_sql_bind_int64 (stmt, 4, licence->used);
      if (ordered)
        ssa_sql_bind_int64 (stmt, 5, i);
      if (!ssa_db_step_done (self, stmt, error))
        return FALSE;
    }
  return ssa_db_transaction_commit (&txn, error);
}

/**
 * ssa_db_load_pbx_reading:
 * @self: the connection
 * @installation_id: an installation
 * @out_read_at: (out) (optional) (nullable): when it was read, ISO 8601 UTC
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the installation's last PBX reading; %NULL without
 *   @error when there is none
 */
SsaPbxReading *
ssa_db_load_pbx_reading (SsaDb    *self,
                         gint64    installation_id,
                         char    **out_read_at,
                         GError  **error)
{
  g_autoptr(SsaPbxReading) reading = NULL;
  int rc;

  if (ssa_db_get_schema_version (self) < SSA_DB_SCHEMA_LICENCES)
    return NULL;

  {
    g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self,
                                                "SELECT read_at, firmware, rental_seconds, "
                                                "(SELECT pbx_fingerprint FROM installations "
                                                "WHERE id = ?1) FROM pbx_readings WHERE "
                                                "installation_id = ?1", error);

    if (stmt == NULL)
      return NULL;
    ssa_sql_bind_int64 (stmt, 1, installation_id);
    rc = ssa_db_step (self, stmt, error);
    if (rc != SSA_SQL_STEP_ROW)
      return NULL;
    reading = g_new0 (SsaPbxReading, 1);
    reading->licences = g_array_new (FALSE, TRUE, sizeof (SsaPbxLicence));
    g_array_set_clear_func (reading->licences, (GDestroyNotify) ssa_pbx_licence_clear);
    if (out_read_at != NULL)
      *out_read_at = ssa_db_column_text (stmt, 0);
    reading->firmware = ssa_db_column_text (stmt, 1);
    reading->rental_seconds = ssa_sql_column_is_null (stmt, 2)
                              ? -1 : ssa_sql_column_int64 (stmt, 2);
    reading->fingerprint = ssa_db_column_text (stmt, 3);
  }
  {
    /* In the PBX's order, kept in position on both engines (SSA_DB_SCHEMA_COUNTS); a file
     * of an older version, read as it is, keeps it in SQLite's rowid (a team database is
     * always of this version). */
    g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self,
                                                ssa_db_get_schema_version (self)
                                                >= SSA_DB_SCHEMA_COUNTS
                                                ? "SELECT name, count, used FROM "
                                                  "pbx_reading_licences WHERE installation_id = ? "
                                                  "ORDER BY position, name"
                                                : "SELECT name, count, used FROM "
                                                  "pbx_reading_licences WHERE installation_id = ? "
                                                  "ORDER BY rowid", error);

    if (stmt == NULL)
      return NULL;
    ssa_sql_bind_int64 (stmt, 1, installation_id);
    while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
      {
        SsaPbxLicence licence = { ssa_db_column_text (stmt, 0), ssa_sql_column_int64 (stmt, 1),
                                  ssa_sql_column_int64 (stmt, 2) };

        g_array_append_val (reading->licences, licence);
      }
    if (rc != SSA_SQL_STEP_DONE)
      return NULL;
  }
  return g_steal_pointer (&reading);
}

/**
 * ssa_db_load_true_up:
 * @self: the connection
 * @installation_id: an installation
 * @inventory: its inventory
 * @price_list: the price list the offer is computed with
 * @error: a #GError
 *
 * The licences the installation's last PBX reading uses beyond those @inventory owns
 * (ssa_licence_usage_true_up()), matched through the price list's licence types and the
 * user's table: what an offer's true-up group proposes.
 *
 * Returns: (transfer full) (element-type SsaTrueUpItem): the missing licences, none
 *   without a reading; %NULL with @error set when the database could not be read
 */
GArray *
ssa_db_load_true_up (SsaDb              *self,
                     gint64              installation_id,
                     const SsaInventory *inventory,
                     const SsaPriceList *price_list,
                     GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;
  g_autoptr(GHashTable) user_map = NULL;
  g_autoptr(GArray) usage = NULL;

  g_return_val_if_fail (inventory != NULL, NULL);
  g_return_val_if_fail (price_list != NULL, NULL);

  reading = ssa_db_load_pbx_reading (self, installation_id, NULL, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (reading == NULL)
    return ssa_true_up_items_new ();
  user_map = ssa_db_load_licence_type_map (self, error);
  if (user_map == NULL)
    return NULL;
  usage = ssa_licence_usage_compute (reading, inventory, price_list, user_map);
  return ssa_licence_usage_true_up (usage);
}
