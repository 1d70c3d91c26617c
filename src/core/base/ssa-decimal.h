/* ssa-decimal.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Money, SSC and percentages are exact decimals with two decimals, held as signed
 * 64-bit counts of hundredths: "1552.50" is 155250, "15" (percent) is 1500. */
#define SSA_HUNDREDTHS_MAX G_MAXINT64

typedef enum
{
  SSA_LANG_NB,
  SSA_LANG_EN,
} SsaLang;

gboolean ssa_decimal_parse          (const char  *text,
                                     gint64      *out_hundredths,
                                     GError     **error);
gboolean ssa_decimal_from_json      (JsonNode    *node,
                                     gint64      *out_hundredths,
                                     GError     **error);
char    *ssa_decimal_to_string      (gint64       hundredths);
gboolean ssa_decimal_mul_div        (const gint64 *factors,
                                     guint         n_factors,
                                     gint64        divisor,
                                     gint64       *out);
gboolean ssa_decimal_add            (gint64       a,
                                     gint64       b,
                                     gint64      *out);
char    *ssa_decimal_format         (gint64       hundredths,
                                     SsaLang      lang);
char    *ssa_money_format           (gint64       hundredths,
                                     const char  *currency,
                                     SsaLang      lang);
SsaLang  ssa_lang_from_string       (const char  *text);
SsaLang  ssa_lang_from_locale       (void);
const char *ssa_lang_to_string      (SsaLang      lang);

G_END_DECLS
