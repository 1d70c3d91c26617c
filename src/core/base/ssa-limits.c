/* ssa-limits.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-error.h"
#include "ssa-limits.h"

/**
 * ssa_limits_date_is_within:
 * @date: a valid date
 *
 * Returns: whether @date is from %SSA_LIMIT_MIN_DATE_TEXT to %SSA_LIMIT_MAX_DATE_TEXT
 */
gboolean
ssa_limits_date_is_within (const GDate *date)
{
  GDateYear year;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  year = g_date_get_year (date);
  return year >= SSA_LIMIT_MIN_YEAR && year <= SSA_LIMIT_MAX_YEAR;
}

/**
 * ssa_limits_dates_text:
 *
 * Returns: (transfer full): the sentence that states the limit of dates, for messages
 */
char *
ssa_limits_dates_text (void)
{
  /* Translators: the limit of dates; %s are 1900-01-01 and 9999-12-31. */
  return g_strdup_printf (_("SSA Desk takes dates from %s to %s"),
                          SSA_LIMIT_MIN_DATE_TEXT, SSA_LIMIT_MAX_DATE_TEXT);
}

/**
 * ssa_limits_check_date:
 * @date: a valid date
 * @what: what the date is, for the message ("the offer's end")
 * @error: a #GError
 *
 * Refuses a date outside the limit with %SSA_ERROR_INVALID, naming @what and the limit.
 */
gboolean
ssa_limits_check_date (const GDate *date,
                       const char  *what,
                       GError     **error)
{
  g_autofree char *limit = NULL;

  g_return_val_if_fail (what != NULL, FALSE);

  if (ssa_limits_date_is_within (date))
    return TRUE;

  limit = ssa_limits_dates_text ();
  g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
               /* Translators: "the offer's end would be in the year 10000: SSA Desk takes
                * dates from 1900-01-01 to 9999-12-31". */
               _("%s would be in the year %u: %s"), what, g_date_get_year (date), limit);
  return FALSE;
}

/**
 * ssa_limits_lines_text:
 * @n_lines: how many licence lines there are
 *
 * Returns: (transfer full): why @n_lines are too many, for messages
 */
char *
ssa_limits_lines_text (guint64 n_lines)
{
  return g_strdup_printf (_("%llu licence lines are more than the %d that SSA Desk takes for "
                            "one installation: split the installation"),
                          (unsigned long long) n_lines, SSA_LIMIT_MAX_LICENCE_LINES);
}

/**
 * ssa_limits_check_lines:
 * @n_lines: how many licence lines an installation would have
 * @what: (nullable): the file or installation, for the message
 * @error: a #GError
 *
 * Refuses more than %SSA_LIMIT_MAX_LICENCE_LINES lines with %SSA_ERROR_TOO_LARGE.
 */
gboolean
ssa_limits_check_lines (guint64      n_lines,
                        const char  *what,
                        GError     **error)
{
  g_autofree char *text = NULL;

  if (n_lines <= SSA_LIMIT_MAX_LICENCE_LINES)
    return TRUE;

  text = ssa_limits_lines_text (n_lines);
  if (what != NULL)
    g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE, "%s: %s", what, text);
  else
    g_set_error_literal (error, SSA_ERROR, SSA_ERROR_TOO_LARGE, text);
  return FALSE;
}
