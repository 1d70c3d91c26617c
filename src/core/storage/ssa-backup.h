/* ssa-backup.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ssa-db.h"

G_BEGIN_DECLS

/* Automatic backups of the database, kept in a folder beside it: for `…/ssa-desk.db` it is
 * `…/ssa-desk.db-backups/`, one file per backup, named after the time it was taken (UTC)
 * and why: `2026-12-06T182500Z-daily.db`. Each is a complete SQLite file made with the
 * online backup API, and it counts only once SQLite's integrity check passed on it.
 * docs/database.md describes when they are taken and how they are rotated. */

#define SSA_BACKUP_REASON_DAILY          "daily"
#define SSA_BACKUP_REASON_MIGRATION      "migration"
#define SSA_BACKUP_REASON_BEFORE_RESTORE "before-restore"
#define SSA_BACKUP_REASON_MANUAL         "manual"

#define SSA_BACKUP_DEFAULT_KEEP_DAYS  7
#define SSA_BACKUP_DEFAULT_KEEP_WEEKS 4

#define SSA_TYPE_BACKUP_INFO (ssa_backup_info_get_type ())
G_DECLARE_FINAL_TYPE (SsaBackupInfo, ssa_backup_info, SSA, BACKUP_INFO, GObject)

const char  *ssa_backup_info_get_path          (SsaBackupInfo  *self);
GDateTime   *ssa_backup_info_get_taken         (SsaBackupInfo  *self);
const char  *ssa_backup_info_get_reason        (SsaBackupInfo  *self);
const char  *ssa_backup_info_get_reason_label  (SsaBackupInfo  *self);
goffset      ssa_backup_info_get_size          (SsaBackupInfo  *self);

char        *ssa_backup_dup_folder             (const char     *db_path);
gboolean     ssa_backup_take                   (SsaDb          *db,
                                                const char     *reason,
                                                char          **out_path,
                                                GError        **error);
GPtrArray   *ssa_backup_list                   (const char     *db_path,
                                                GError        **error);
gboolean     ssa_backup_is_due                 (const char     *db_path,
                                                GDateTime      *now);
gboolean     ssa_backup_run_if_due             (SsaDb          *db,
                                                gboolean       *out_taken,
                                                GError        **error);
void         ssa_backup_get_policy             (guint          *out_keep_days,
                                                guint          *out_keep_weeks);
void         ssa_backup_rotate                 (const char     *db_path,
                                                guint           keep_days,
                                                guint           keep_weeks);
void         ssa_backup_rotate_at              (const char     *db_path,
                                                guint           keep_days,
                                                guint           keep_weeks,
                                                GDateTime      *now);
gboolean     ssa_backup_verify                 (const char     *path,
                                                GError        **error);
gboolean     ssa_backup_restore                (const char     *db_path,
                                                const char     *backup_path,
                                                char          **out_aside_path,
                                                GError        **error);

G_END_DECLS
