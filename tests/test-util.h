/* test-util.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "ssa-date.h"

/* Helpers every test may share: removing a temporary folder, writing dates in the tests as
 * ISO text, changing a document in one place, and a file's digest. */

/* Removes @path and, when it is a folder, everything in it. A symbolic link is removed
 * itself, never followed: a link to a folder outside the test's temporary folder leaves
 * that folder alone. @path may be %NULL (a fixture that failed before making its folder);
 * a path that does not exist is ignored. */
static inline void
test_remove_tree (const char *path)
{
  GStatBuf st;

  if (path == NULL || g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

/* The date @iso (YYYY-MM-DD). A date the test wrote wrong is a bug in the test: it stops
 * the test with g_error () even where g_test_set_nonfatal_assertions () is in effect. */
static inline GDate
test_date (const char *iso)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);
  if (!ssa_date_parse (iso, &date, &error))
    g_error ("test data: %s", error->message);
  return date;
}

/* Asserts that @date is not set when @iso is %NULL, and otherwise that it is set and is the
 * day @iso (YYYY-MM-DD). */
static inline void
test_assert_date (const GDate *date,
                  const char  *iso)
{
  g_autofree char *text = NULL;

  if (iso == NULL)
    {
      g_assert_false (ssa_date_is_set (date));
      return;
    }

  g_assert_true (ssa_date_is_set (date));
  text = ssa_date_to_iso (date);
  g_assert_cmpstr (text, ==, iso);
}

/* Returns: (transfer full): @text with the first @old replaced by @replacement. @old must
 * occur in @text: a test whose document lacks it is a bug in the test. */
static inline char *
test_replace_once (const char *text,
                   const char *old,
                   const char *replacement)
{
  g_auto(GStrv) parts = g_strsplit (text, old, 2);

  if (g_strv_length (parts) != 2)
    g_error ("test data: “%s” does not occur", old);
  return g_strjoin (replacement, parts[0], parts[1], NULL);
}

/* A reader at the other end of a FIFO, for a thread: opens @path (which waits for a
 * writer), reads to the end into @received, closes. */
typedef struct
{
  const char *path;
  GString    *received;
} TestFifoReader;

static inline gpointer
test_fifo_reader_thread (gpointer data)
{
  TestFifoReader *reader = data;
  char buffer[4096];
  int fd = open (reader->path, O_RDONLY | O_CLOEXEC);
  gssize n;

  g_assert_cmpint (fd, >=, 0);
  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (reader->received, buffer, n);
  close (fd);
  return NULL;
}

/* Returns: (transfer full): the SHA-256 of the file's bytes, to tell that nothing wrote it */
static inline char *
test_file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}
