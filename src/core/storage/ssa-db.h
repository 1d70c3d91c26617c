/* ssa-db.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The reseller's database: one SQLite file shared by the window and ssa-desk-cli, possibly
 * open in several processes at once. See docs/database.md for the schema, the migrations
 * and the numbering of offers.
 *
 * This header is the connection and its errors; the tables are in one header by subject
 * (ssa-db-inventory.h, ssa-db-offers.h, ssa-db-price-lists.h, ssa-db-licences.h), and work
 * off the main thread goes through ssa-db-job.h. See docs/architecture.md, "Storage".
 *
 * An SsaDb is one connection. Use it from one thread at a time; open another SsaDb for
 * another thread (WAL lets readers and one writer work at once). Every function that changes
 * more than one row does so in one transaction; writers take the write lock at the start of
 * their transaction (BEGIN IMMEDIATE) and wait up to SSA_DB_BUSY_TIMEOUT_MS for it. */

#define SSA_DB_SCHEMA_VERSION     10
#define SSA_DB_APPLICATION_ID     0x53534144 /* "SSAD" */
#define SSA_DB_BUSY_TIMEOUT_MS    10000

#define SSA_DB_ERROR (ssa_db_error_quark ())

/**
 * SsaDbError:
 * @SSA_DB_ERROR_FAILED: SQLite failed for a reason not listed here
 * @SSA_DB_ERROR_NEWER: the database was written by a newer SSA Desk; it was not touched
 * @SSA_DB_ERROR_NOT_A_DATABASE: the file is not an SSA Desk database, or is damaged
 * @SSA_DB_ERROR_READ_ONLY: the file or its folder cannot be written
 * @SSA_DB_ERROR_FULL: the disk is full, or a write failed
 * @SSA_DB_ERROR_BUSY: another process held the database locked for too long
 * @SSA_DB_ERROR_NOT_FOUND: no row with that id or number
 * @SSA_DB_ERROR_CONSTRAINT: the change would break a rule of the schema (a second
 *   installation with the same serial, a customer that still has installations, …)
 * @SSA_DB_ERROR_REFUSED: the rules of offers refuse the change (a locked offer, a status
 *   change that is not allowed, a validity longer than the longest allowed)
 * @SSA_DB_ERROR_DAMAGED: SQLite's check found damage in the file (ssa_db_check()); restore
 *   it from a backup rather than write more into it
 * @SSA_DB_ERROR_CONFLICT: the row was changed by someone else since it was read; the
 *   message says who and when. Reload it, or save again based on its current version.
 * @SSA_DB_ERROR_UNREACHABLE: the team database's server cannot be reached (not running, the
 *   network, the connection lost): nothing was saved; try again when it answers
 *
 * Errors of the database. Messages are translated and say what to do next. A cancelled
 * load fails with G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  SSA_DB_ERROR_FAILED,
  SSA_DB_ERROR_NEWER,
  SSA_DB_ERROR_NOT_A_DATABASE,
  SSA_DB_ERROR_READ_ONLY,
  SSA_DB_ERROR_FULL,
  SSA_DB_ERROR_BUSY,
  SSA_DB_ERROR_NOT_FOUND,
  SSA_DB_ERROR_CONSTRAINT,
  SSA_DB_ERROR_REFUSED,
  SSA_DB_ERROR_DAMAGED,
  SSA_DB_ERROR_CONFLICT,
  SSA_DB_ERROR_UNREACHABLE,
} SsaDbError;

typedef enum
{
  SSA_DB_OPEN_DEFAULT   = 0,
  /* Open without writing anything: no file is created and no migration runs, so an older
   * schema stays as it is (only a backup or an integrity check is safe on it). */
  SSA_DB_OPEN_READ_ONLY = 1 << 0,
} SsaDbOpenFlags;

typedef struct _SsaDb SsaDb;

GQuark       ssa_db_error_quark          (void);

char        *ssa_db_get_default_path     (void);
SsaDb       *ssa_db_open                 (const char      *path,
                                          SsaDbOpenFlags   flags,
                                          GError         **error);
void         ssa_db_close                (SsaDb           *self);
const char  *ssa_db_get_path             (SsaDb           *self);
gboolean     ssa_db_is_team              (SsaDb           *self);
int          ssa_db_get_schema_version   (SsaDb           *self);

/* Who the rows' created_by/changed_by and the audit log name: the name set on the
 * connection, else the one set for the process, else the database user on a server or the
 * user's real name (their login name when it has none) on a file. */
void         ssa_db_set_user_name        (SsaDb           *self,
                                          const char      *name);
void         ssa_db_set_default_user_name (const char     *name);
const char  *ssa_db_get_user_name        (SsaDb           *self);
gboolean     ssa_db_backup               (SsaDb           *self,
                                          const char      *destination,
                                          GError         **error);
gboolean     ssa_db_check_integrity      (SsaDb           *self,
                                          GError         **error);

/* A database opened for reading only: the file or its folder cannot be written, or
 * SSA_DB_OPEN_READ_ONLY was asked. Reads work; every change fails with
 * SSA_DB_ERROR_READ_ONLY. */
gboolean     ssa_db_is_read_only         (SsaDb           *self);
const char  *ssa_db_get_read_only_reason (SsaDb           *self);
gboolean     ssa_db_check_writable       (SsaDb           *self,
                                          GError         **error);

/**
 * SsaDbCheck:
 * @SSA_DB_CHECK_QUICK: SQLite's quick_check: every page and record is readable and well
 *   formed (linear in the size of the file; what the window and writing commands run)
 * @SSA_DB_CHECK_FULL: SQLite's integrity_check: also that every index matches its table
 */
typedef enum
{
  SSA_DB_CHECK_QUICK,
  SSA_DB_CHECK_FULL,
} SsaDbCheck;

gboolean     ssa_db_check                (SsaDb           *self,
                                          SsaDbCheck       how,
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaDb, ssa_db_close)

/* The window runs no storage call on its main thread (docs/architecture.md, "Storage"):
 * this counts the statements that started there anyway, for tests. */
guint        ssa_db_get_main_thread_statements (void);

G_END_DECLS
