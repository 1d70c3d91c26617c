/* ssa-date.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ssa-decimal.h"

G_BEGIN_DECLS

/* Calendar days without time. GDate values are used by value and are always valid
 * once parsed; an unset GDate (g_date_clear) means "absent". */

gboolean ssa_date_parse         (const char  *text,
                                 GDate       *out,
                                 GError     **error);
char    *ssa_date_to_iso        (const GDate *date);
char    *ssa_date_format        (const GDate *date,
                                 SsaLang      lang);
void     ssa_date_today         (GDate       *out);
int      ssa_date_months        (const GDate *a,
                                 const GDate *b);
void     ssa_date_add_months    (const GDate *date,
                                 int          n_months,
                                 GDate       *out);
void     ssa_date_add_days      (const GDate *date,
                                 int          n_days,
                                 GDate       *out);
int      ssa_date_compare       (const GDate *a,
                                 const GDate *b);
gboolean ssa_date_is_set        (const GDate *date);

G_END_DECLS
