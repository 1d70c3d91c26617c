/* ssa-limits.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The limits of what SSA Desk accepts, stated once: docs/limits.md says why each is where
 * it is. Every reader of outside input (installation files, CSV licence lists, dates on
 * the command line and in files, the window's edits through the core) refuses what is
 * beyond them before it does any other work, naming the limit, and stores nothing. */

/* Licence lines of one installation: far above any real exchange (a large one has a few
 * hundred), low enough that a whole offer is computed, stored and printed in well under a
 * second and 100 MB. */
#define SSA_LIMIT_MAX_LICENCE_LINES 10000

/* Customers in one imported customer list (CSV): a large reseller has a few thousand
 * customers; the file is also capped at SSA_CSV_MAX_BYTES (16 MiB). */
#define SSA_LIMIT_MAX_CUSTOMER_ROWS 50000

/* Quantity of one licence line. */
#define SSA_LIMIT_MIN_QUANTITY      1
#define SSA_LIMIT_MAX_QUANTITY      1000000

/* A licence file (XML) from a device or my.innovaphone: a few kilobytes for a large
 * exchange; the cap keeps a wrong file from being read into memory, and the element cap
 * bounds the work the import does. */
#define SSA_LIMIT_LICENCE_FILE_MAX_BYTES    (4 * 1024 * 1024)
#define SSA_LIMIT_LICENCE_FILE_MAX_ELEMENTS 20000

/* Every date read or computed: four-digit years, which the database's date() and the file
 * formats' YYYY-MM-DD can hold, and nothing before the telephone exchanges SSA Desk
 * knows. */
#define SSA_LIMIT_MIN_YEAR          1900
#define SSA_LIMIT_MAX_YEAR          9999
#define SSA_LIMIT_MIN_DATE_TEXT     "1900-01-01"
#define SSA_LIMIT_MAX_DATE_TEXT     "9999-12-31"

gboolean ssa_limits_date_is_within   (const GDate *date);
gboolean ssa_limits_check_date       (const GDate *date,
                                      const char  *what,
                                      GError     **error);
gboolean ssa_limits_check_lines      (guint64      n_lines,
                                      const char  *what,
                                      GError     **error);
char    *ssa_limits_dates_text       (void);
char    *ssa_limits_lines_text       (guint64      n_lines);

G_END_DECLS
