/* ssa-date.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-error.h"
#include "ssa-limits.h"

/* "10000-01-01": a date written like YYYY-MM-DD but with a year of five or more digits,
 * refused for its limit rather than its form. */
static gboolean
looks_beyond_year_9999 (const char *text)
{
  gsize n_digits = 0;

  while (g_ascii_isdigit (text[n_digits]))
    n_digits++;
  return n_digits > 4 && text[0] != '0' && strlen (text + n_digits) == 6 &&
         text[n_digits] == '-' && g_ascii_isdigit (text[n_digits + 1]) &&
         g_ascii_isdigit (text[n_digits + 2]) && text[n_digits + 3] == '-' &&
         g_ascii_isdigit (text[n_digits + 4]) && g_ascii_isdigit (text[n_digits + 5]);
}

/**
 * ssa_date_parse:
 * @text: a date written YYYY-MM-DD
 * @out: (out): the date
 * @error: a #GError
 *
 * Parses strictly: exactly ten characters, a real calendar day (2026-02-30 is refused)
 * within the limit of ssa-limits.h (1900-01-01 to 9999-12-31). A day outside it, also one
 * with a five-digit year ("10000-01-01"), is refused with a message that names the limit.
 */
gboolean
ssa_date_parse (const char  *text,
                GDate       *out,
                GError     **error)
{
  static const int digit_positions[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
  guint year, month, day;
  guint i;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (looks_beyond_year_9999 (text))
    goto outside;
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    goto invalid;
  for (i = 0; i < G_N_ELEMENTS (digit_positions); i++)
    if (!g_ascii_isdigit (text[digit_positions[i]]))
      goto invalid;

  year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + (text[3] - '0');
  month = (text[5] - '0') * 10 + (text[6] - '0');
  day = (text[8] - '0') * 10 + (text[9] - '0');

  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("“%s” is not a day of the calendar"), text);
      return FALSE;
    }

  if (year < SSA_LIMIT_MIN_YEAR || year > SSA_LIMIT_MAX_YEAR)
    goto outside;

  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
  return TRUE;

outside:
  {
    g_autofree char *limit = ssa_limits_dates_text ();

    g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                 /* Translators: the second %s is "SSA Desk takes dates from … to …". */
                 _("“%s” is outside the limit: %s"), text, limit);
    return FALSE;
  }

invalid:
  g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
               _("“%s” is not a date written YYYY-MM-DD"), text);
  return FALSE;
}

/**
 * ssa_date_to_iso:
 * @date: a valid date
 *
 * Returns: (transfer full): "2026-11-28"
 */
char *
ssa_date_to_iso (const GDate *date)
{
  g_return_val_if_fail (ssa_date_is_set (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          (guint) g_date_get_month (date),
                          (guint) g_date_get_day (date));
}

/**
 * ssa_date_format:
 * @date: a valid date
 * @lang: the language
 *
 * Returns: (transfer full): "28.11.2026" in Bokmål, "2026-11-28" in English.
 */
char *
ssa_date_format (const GDate *date,
                 SsaLang      lang)
{
  g_return_val_if_fail (ssa_date_is_set (date), NULL);

  if (lang == SSA_LANG_NB)
    return g_strdup_printf ("%02u.%02u.%04u",
                            (guint) g_date_get_day (date),
                            (guint) g_date_get_month (date),
                            g_date_get_year (date));
  return ssa_date_to_iso (date);
}

/**
 * ssa_date_today:
 * @out: (out): today's date in the local time zone
 */
void
ssa_date_today (GDate *out)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/**
 * ssa_date_months:
 * @a: the first day
 * @b: the last day, not before @a
 *
 * Counts the started months of [@a, @b] as docs/rules.md defines them:
 * 12 * (year(b) - year(a)) + (month(b) - month(a)) + (day(b) >= day(a) ? 1 : 0).
 */
int
ssa_date_months (const GDate *a,
                 const GDate *b)
{
  g_return_val_if_fail (ssa_date_is_set (a) && ssa_date_is_set (b), 0);

  return 12 * ((int) g_date_get_year (b) - (int) g_date_get_year (a)) +
         ((int) g_date_get_month (b) - (int) g_date_get_month (a)) +
         (g_date_get_day (b) >= g_date_get_day (a) ? 1 : 0);
}

/**
 * ssa_date_add_months:
 * @date: a date
 * @n_months: months to add, may be negative
 * @out: (out): the same day of month @n_months later, clamped to the last day of a
 *   shorter month (2027-01-31 + 1 month = 2027-02-28)
 */
void
ssa_date_add_months (const GDate *date,
                     int          n_months,
                     GDate       *out)
{
  int total;
  int year;
  int month;
  int day;
  int last;

  g_return_if_fail (ssa_date_is_set (date));

  total = (int) g_date_get_year (date) * 12 + ((int) g_date_get_month (date) - 1) + n_months;
  year = total / 12;
  month = total % 12 + 1;
  day = g_date_get_day (date);
  last = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
  if (day > last)
    day = last;

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

void
ssa_date_add_days (const GDate *date,
                   int          n_days,
                   GDate       *out)
{
  g_return_if_fail (ssa_date_is_set (date));

  *out = *date;
  if (n_days >= 0)
    g_date_add_days (out, (guint) n_days);
  else
    g_date_subtract_days (out, (guint) -n_days);
}

int
ssa_date_compare (const GDate *a,
                  const GDate *b)
{
  return g_date_compare (a, b);
}

/**
 * ssa_date_is_set:
 * @date: (nullable): a date
 *
 * Returns: whether @date holds a valid day; a cleared #GDate means "absent".
 */
gboolean
ssa_date_is_set (const GDate *date)
{
  return date != NULL && g_date_valid (date);
}
