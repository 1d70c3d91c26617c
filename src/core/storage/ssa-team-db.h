/* ssa-team-db.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ssa-db.h"
#include "ssa-db-price-lists.h"
#include "ssa-inventory.h"
#include "ssa-price-list.h"

G_BEGIN_DECLS

/* A team's shared database on a PostgreSQL server, reached by a libpq connection URI
 * (postgresql://user@host:port/dbname?sslmode=verify-full). The password comes from libpq's
 * own sources (PGPASSWORD, ~/.pgpass, a service file), never from the command line.
 *
 * The storage written on the SQL engine seam (src/core/storage/ssa-sql.h) is opened here
 * from either a libpq URI or an SQLite file: the same functions run on both engines. Here:
 * the schema (`db init`), opening for `db copy`, and importing and listing installations
 * and customers for the seam's tests and benchmark; the rows themselves are SsaDb's, which
 * runs on both engines (ssa_db_open() takes a URI). */

#define SSA_TEAM_DB_ERROR (ssa_team_db_error_quark ())

/* The oldest PostgreSQL server the schema runs on (PQserverVersion()'s form: 13.0). */
#define SSA_TEAM_DB_MIN_SERVER_VERSION 130000

/**
 * SsaTeamDbError:
 * @SSA_TEAM_DB_ERROR_FAILED: the server or the file failed for a reason not listed here
 * @SSA_TEAM_DB_ERROR_UNREACHABLE: no server answered at that address
 * @SSA_TEAM_DB_ERROR_AUTHENTICATION: the server refused the user or the password
 * @SSA_TEAM_DB_ERROR_TLS: the encrypted connection failed (certificate, sslmode)
 * @SSA_TEAM_DB_ERROR_SERVER_TOO_OLD: the server's version is below
 *   SSA_TEAM_DB_MIN_SERVER_VERSION
 * @SSA_TEAM_DB_ERROR_NEWER: the schema was written by a newer SSA Desk; nothing was changed
 * @SSA_TEAM_DB_ERROR_NOT_INITIALISED: the database has no SSA Desk schema (run `db init`)
 *   or an older one
 * @SSA_TEAM_DB_ERROR_NOT_SSA_DESK: the database holds tables that are not SSA Desk's
 * @SSA_TEAM_DB_ERROR_CONSTRAINT: the change would break a rule of the schema
 * @SSA_TEAM_DB_ERROR_REFUSED: the change was refused (a price list under a stored id)
 * @SSA_TEAM_DB_ERROR_NOT_SUPPORTED: that command does not work on a team database yet
 * @SSA_TEAM_DB_ERROR_NOT_FOUND: no row with that id
 * @SSA_TEAM_DB_ERROR_BUSY: another client held a lock for longer than
 *   SSA_DB_BUSY_TIMEOUT_MS (lock_timeout), or the server ended the transaction on a deadlock
 */
typedef enum
{
  SSA_TEAM_DB_ERROR_FAILED,
  SSA_TEAM_DB_ERROR_UNREACHABLE,
  SSA_TEAM_DB_ERROR_AUTHENTICATION,
  SSA_TEAM_DB_ERROR_TLS,
  SSA_TEAM_DB_ERROR_SERVER_TOO_OLD,
  SSA_TEAM_DB_ERROR_NEWER,
  SSA_TEAM_DB_ERROR_NOT_INITIALISED,
  SSA_TEAM_DB_ERROR_NOT_SSA_DESK,
  SSA_TEAM_DB_ERROR_CONSTRAINT,
  SSA_TEAM_DB_ERROR_REFUSED,
  SSA_TEAM_DB_ERROR_NOT_SUPPORTED,
  SSA_TEAM_DB_ERROR_NOT_FOUND,
  SSA_TEAM_DB_ERROR_BUSY,
} SsaTeamDbError;

GQuark       ssa_team_db_error_quark     (void);

typedef struct _SsaTeamDb SsaTeamDb;

gboolean     ssa_team_db_is_uri          (const char  *location);
char        *ssa_team_db_describe        (const char  *location);
gboolean     ssa_team_db_uri_has_password (const char *location);
void         ssa_team_db_set_password    (const char  *uri,
                                          const char  *password);
gboolean     ssa_team_db_init            (const char  *location,
                                          gint64      *out_from_version,
                                          GError     **error);
SsaTeamDb   *ssa_team_db_open            (const char  *location,
                                          GError     **error);
void         ssa_team_db_close           (SsaTeamDb   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaTeamDb, ssa_team_db_close)

const char  *ssa_team_db_get_dialect     (SsaTeamDb   *self);
gboolean     ssa_team_db_get_schema_version (SsaTeamDb *self,
                                             gint64    *out_version,
                                             GError   **error);

/* Installations from files, the list of installations and the customers, as
 * ssa_db_import_inventories(), ssa_db_list_installations() and ssa_db_load_customers() do
 * (for the tests and the benchmark of the seam; the command line and the window use SsaDb
 * on both engines). */
gboolean     ssa_team_db_import_inventories (SsaTeamDb     *self,
                                             SsaInventory **inventories,
                                             const char   **names,
                                             guint          n_inventories,
                                             gint64        *out_ids,
                                             GError       **error);
GArray      *ssa_team_db_list_installations (SsaTeamDb     *self,
                                             GError       **error);
GPtrArray   *ssa_team_db_load_customers     (SsaTeamDb     *self,
                                             GError       **error);

G_END_DECLS
