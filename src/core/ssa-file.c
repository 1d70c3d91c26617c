/* ssa-file.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ssa-file.h"

/**
 * ssa_file_replace_contents:
 * @path: the destination
 * @contents: the bytes
 * @length: their length, or -1 for a nul-terminated string
 * @error: a #GError
 *
 * Writes @contents to a temporary file beside @path, flushes it to disk and renames it
 * over @path. On failure @path is unchanged and no temporary file remains.
 */
gboolean
ssa_file_replace_contents (const char  *path,
                           const char  *contents,
                           gssize       length,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  if (!g_file_set_contents_full (path, contents, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0666, &local_error))
    {
      g_set_error (error, G_FILE_ERROR, local_error->code,
                   _("Could not write “%s”: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_file_make_temp_path:
 * @path: the destination
 * @error: a #GError
 *
 * Creates an empty temporary file in @path's folder for a writer that needs a file name
 * (libxlsxwriter, cairo). Commit it with ssa_file_commit_temp() or remove it with
 * ssa_file_discard_temp().
 *
 * Returns: (transfer full): the temporary file's path
 */
char *
ssa_file_make_temp_path (const char  *path,
                         GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *template = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temp = g_build_filename (dir, template, NULL);
  int fd;

  fd = g_mkstemp (temp);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create a file in “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }
  g_close (fd, NULL);
  return g_steal_pointer (&temp);
}

/**
 * ssa_file_commit_temp:
 * @temp_path: a complete temporary file from ssa_file_make_temp_path()
 * @path: the destination
 * @error: a #GError
 *
 * Renames @temp_path over @path. On failure the temporary file is removed.
 */
gboolean
ssa_file_commit_temp (const char  *temp_path,
                      const char  *path,
                      GError     **error)
{
  if (g_chmod (temp_path, 0644) != 0 || g_rename (temp_path, path) != 0)
    {
      int saved_errno = errno;

      ssa_file_discard_temp (temp_path);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

void
ssa_file_discard_temp (const char *temp_path)
{
  if (temp_path != NULL)
    g_unlink (temp_path);
}
