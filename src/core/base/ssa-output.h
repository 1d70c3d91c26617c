/* ssa-output.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one way SSA Desk writes a file the user asked for: documents, exports, JSON, backups.
 *
 * - "-" is standard output. Its bytes go out only at commit, so a failure writes nothing.
 * - A regular file is never written in place: a hidden temporary file beside it is written,
 *   every write checked, flushed to disk and renamed over the destination only once it is
 *   complete. A failure leaves the destination as it was and no temporary file behind. A
 *   symbolic link is followed: the file it leads to is replaced, the link stays.
 * - A FIFO or a character device (a pipe, /dev/null, a terminal) is written through, never
 *   replaced; its bytes too go out only at commit. A folder, a socket or a block device is
 *   refused.
 * - A path that leads (through links, "..", or as a hard link: the same device and inode)
 *   to a protected file is refused: the open database with its -wal, -shm and -journal
 *   files, or an input of the same command. */

#define SSA_OUTPUT_STDOUT "-"

#define SSA_OUTPUT_ERROR (ssa_output_error_quark ())

/**
 * SsaOutputError:
 * @SSA_OUTPUT_ERROR_PROTECTED: the path leads to the open database or an input
 * @SSA_OUTPUT_ERROR_NOT_A_FILE: the path is a folder, a socket or a block device
 * @SSA_OUTPUT_ERROR_NO_FOLDER: the folder does not exist or cannot be written
 * @SSA_OUTPUT_ERROR_FULL: the disk (or the user's quota) is full
 * @SSA_OUTPUT_ERROR_TOO_LARGE: the file size limit was reached
 * @SSA_OUTPUT_ERROR_FAILED: any other failure to write
 */
typedef enum
{
  SSA_OUTPUT_ERROR_PROTECTED,
  SSA_OUTPUT_ERROR_NOT_A_FILE,
  SSA_OUTPUT_ERROR_NO_FOLDER,
  SSA_OUTPUT_ERROR_FULL,
  SSA_OUTPUT_ERROR_TOO_LARGE,
  SSA_OUTPUT_ERROR_FAILED,
} SsaOutputError;

/**
 * SsaOutputProtect:
 * @SSA_OUTPUT_PROTECT_DATABASE: an open database, with its -wal, -shm and -journal files
 * @SSA_OUTPUT_PROTECT_INPUT: a file the running command reads
 */
typedef enum
{
  SSA_OUTPUT_PROTECT_DATABASE = 1 << 0,
  SSA_OUTPUT_PROTECT_INPUT    = 1 << 1,
} SsaOutputProtect;

typedef struct _SsaOutput SsaOutput;

GQuark      ssa_output_error_quark       (void);

void        ssa_output_protect           (const char        *path,
                                          SsaOutputProtect   what);
void        ssa_output_unprotect         (const char        *path,
                                          SsaOutputProtect   what);
gboolean    ssa_output_check             (const char        *path,
                                          GError           **error);
gboolean    ssa_output_is_stdout         (const char        *path);
gboolean    ssa_output_is_written_through (SsaOutput        *self);

SsaOutput  *ssa_output_open              (const char        *path,
                                          GError           **error);
const char *ssa_output_get_path          (SsaOutput         *self);
const char *ssa_output_get_display_name  (SsaOutput         *self);
const char *ssa_output_get_temp_path     (SsaOutput         *self,
                                          GError           **error);
gboolean    ssa_output_write             (SsaOutput         *self,
                                          const void        *data,
                                          gsize              len,
                                          GError           **error);
gboolean    ssa_output_fail              (SsaOutput         *self,
                                          int                saved_errno,
                                          GError           **error);
gboolean    ssa_output_commit            (SsaOutput         *self,
                                          GError           **error);
void        ssa_output_abort             (SsaOutput         *self);
void        ssa_output_free              (SsaOutput         *self);

gboolean    ssa_output_replace_contents  (const char        *path,
                                          const char        *data,
                                          gsize              len,
                                          GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaOutput, ssa_output_free)

G_END_DECLS
