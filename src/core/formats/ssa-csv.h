/* ssa-csv.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ssa-price-list.h"

G_BEGIN_DECLS

/* Licence lists from spreadsheets (CSV): see docs/database.md, "CSV licence lists", for the
 * encodings, separators, quoting and header names accepted. */

#define SSA_CSV_MAX_BYTES (16 * 1024 * 1024)

/* One record of a CSV file. */
typedef struct
{
  guint      line;    /* the physical line (from 1) where the record starts */
  GPtrArray *fields;  /* char*, UTF-8, as written (quotes removed) */
} SsaCsvRow;

void       ssa_csv_row_free       (SsaCsvRow   *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaCsvRow, ssa_csv_row_free)

char      *ssa_csv_decode         (const char  *data,
                                   gsize        length,
                                   const char  *what,
                                   GError     **error);
char       ssa_csv_detect_separator (const char *text);
GPtrArray *ssa_csv_parse          (const char  *text,
                                   char         separator,
                                   const char  *what,
                                   GError     **error);
gboolean   ssa_csv_parse_date     (const char  *text,
                                   GDate       *out);
GArray    *ssa_csv_read_licences  (const char         *data,
                                   gsize               length,
                                   const char         *what,
                                   const SsaPriceList *price_list,
                                   GError            **error);
GArray    *ssa_csv_read_licences_file (const char         *path,
                                       const SsaPriceList *price_list,
                                       GError            **error);

G_END_DECLS
