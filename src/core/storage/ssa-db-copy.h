/* ssa-db-copy.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Copying a whole database from one engine to another (`ssa-desk-cli db copy`): an SQLite
 * file to a team's PostgreSQL server and back, or file to file, server to server. Every
 * table's rows keep their ids; the copy is one transaction on the target, verified by
 * counts and checksums before it is committed. See docs/database.md, "Copying between
 * engines". */

#define SSA_DB_COPY_MAX_TABLES 16

typedef struct
{
  const char *name;     /* the table's name (static) */
  gint64      rows;
} SsaDbCopyTableStats;

typedef struct
{
  SsaDbCopyTableStats tables[SSA_DB_COPY_MAX_TABLES];
  guint               n_tables;
  gint64              total_rows;
} SsaDbCopyStats;

gboolean ssa_db_copy (const char      *from,
                      const char      *to,
                      SsaDbCopyStats  *out_stats,
                      GError         **error);

G_END_DECLS
