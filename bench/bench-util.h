/* bench-util.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>

/* What the benchmark programs share: removing the temporary folder each writes its
 * databases and documents into. A link is removed, never followed. */
static inline void
bench_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf buf;

  if (path == NULL || g_lstat (path, &buf) != 0)
    return;
  if (!S_ISDIR (buf.st_mode))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      bench_remove_tree (child);
    }
  g_rmdir (path);
}
