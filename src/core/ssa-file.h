/* ssa-file.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files are never written in place: a writer writes a temporary file in the same folder
 * and renames it over the destination only once it is complete, so a refusal, a crash or
 * a full disk leaves the destination as it was and no partial file behind. */

gboolean  ssa_file_replace_contents (const char  *path,
                                     const char  *contents,
                                     gssize       length,
                                     GError     **error);
char     *ssa_file_make_temp_path   (const char  *path,
                                     GError     **error);
gboolean  ssa_file_commit_temp      (const char  *temp_path,
                                     const char  *path,
                                     GError     **error);
void      ssa_file_discard_temp     (const char  *temp_path);

G_END_DECLS
