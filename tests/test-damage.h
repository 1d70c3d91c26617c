/* test-damage.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <stdio.h>
#include <string.h>
#include <sqlite3.h>
#include <glib.h>

/* Damaged databases for the tests: a real database made large (thousands of licence lines
 * of installation 1, over many pages), then a page in the middle of the file overwritten as
 * a failing disk would. */

/* Adds @n_lines licence lines to installation 1 of the database at @path and leaves the
 * file whole (checkpointed, no write-ahead log) with no connection open. */
static inline void
test_damage_fill (const char *path,
                  guint       n_lines)
{
  sqlite3 *handle = NULL;
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u) "
    "INSERT INTO licences (installation_id, position, code, quantity) "
    "SELECT 1, 1000 + i, '02-00039-002', i FROM n", n_lines);

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 10000);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (handle), ==, SQLITE_OK);
}

static inline gint64
test_damage_pragma (const char *path,
                    const char *sql)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return value;
}

/* Overwrites the first half of the page three quarters into the file (a page of the licence
 * lines filled in by test_damage_fill()) with 0xff bytes. Returns the page's number. */
static inline gint64
test_damage_page (const char *path)
{
  gint64 page_size = test_damage_pragma (path, "PRAGMA page_size");
  gint64 n_pages = test_damage_pragma (path, "PRAGMA page_count");
  gint64 page = n_pages * 3 / 4;
  g_autofree char *junk = g_malloc (page_size / 2);
  FILE *file;

  g_assert_cmpint (n_pages, >=, 40);
  memset (junk, 0xff, page_size / 2);
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (page - 1) * page_size, SEEK_SET), ==, 0);
  g_assert_cmpint (fwrite (junk, 1, page_size / 2, file), ==, page_size / 2);
  g_assert_cmpint (fclose (file), ==, 0);
  return page;
}
