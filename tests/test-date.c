/* test-date.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>

#include <glib.h>

#include "ssa-date.h"
#include "ssa-error.h"

#include "test-util.h"

/* Calendar dates of docs/rules.md: strict YYYY-MM-DD, months() counting started months, and
 * add_months() keeping the day of month clamped to shorter months. */

typedef struct
{
  const char *text;
  guint       year;
  guint       month;
  guint       day;
} ParsedDate;

static void
test_parse_accepted (void)
{
  static const ParsedDate cases[] = {
    { "2026-11-28", 2026, 11, 28 },
    { "2024-02-29", 2024, 2, 29 },      /* leap year */
    { "2000-02-29", 2000, 2, 29 },      /* divisible by 400 */
    { "2026-01-31", 2026, 1, 31 },
    { "2026-04-30", 2026, 4, 30 },
    { "2026-12-31", 2026, 12, 31 },
    { "1900-01-01", 1900, 1, 1 },       /* the first day SSA Desk takes */
    { "9999-12-31", 9999, 12, 31 },     /* the last */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate d;

      g_test_message ("parse “%s”", cases[i].text);
      g_date_clear (&d, 1);
      g_assert_true (ssa_date_parse (cases[i].text, &d, &error));
      g_assert_no_error (error);
      g_assert_true (ssa_date_is_set (&d));
      g_assert_cmpuint (g_date_get_year (&d), ==, cases[i].year);
      g_assert_cmpuint (g_date_get_month (&d), ==, cases[i].month);
      g_assert_cmpuint (g_date_get_day (&d), ==, cases[i].day);
    }
}

static void
test_parse_refused (void)
{
  static const char * const cases[] = {
    "2026-02-30",       /* not a day of the calendar */
    "2026-02-29",
    "2025-02-29",
    "1900-02-29",       /* divisible by 100, not by 400 */
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "2026-01-32",
    "0000-01-01",       /* there is no year 0 */
    "2026-1-01",        /* not YYYY-MM-DD */
    "2026-01-1",
    "26-01-01",
    "02026-01-01",
    "2026-01-01x",
    "2026-01-01 ",
    " 2026-01-01",
    "2026-01-01T00:00",
    "2026/01/01",
    "2026.01.01",
    "01.01.2026",
    "20260101",
    "2026-0a-01",
    "+026-01-01",
    "-026-01-01",
    "2026-+1-01",
    "",
    "today",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate d;

      g_test_message ("parse “%s”", cases[i]);
      g_date_clear (&d, 1);
      g_assert_false (ssa_date_parse (cases[i], &d, &error));
      g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
    }
}

/* The limit of dates (ssa-limits.h): refused with a message that names it, including a
 * five-digit year, which is not refused for its form. */
static void
test_parse_limits (void)
{
  static const char * const outside[] = { "1899-12-31", "0001-01-01", "1000-06-15",
                                          "10000-01-01", "12026-03-01" };
  GDate d;

  g_assert_true (ssa_date_parse ("1900-01-01", &d, NULL));
  g_assert_cmpuint (g_date_get_year (&d), ==, 1900);
  g_assert_true (ssa_date_parse ("9999-12-31", &d, NULL));
  g_assert_cmpuint (g_date_get_year (&d), ==, 9999);

  for (guint i = 0; i < G_N_ELEMENTS (outside); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = g_strdup_printf ("“%s” is outside the limit: SSA Desk takes "
                                                   "dates from 1900-01-01 to 9999-12-31",
                                                   outside[i]);

      g_assert_false (ssa_date_parse (outside[i], &d, &error));
      g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, expected);
    }
}

static void
test_to_iso (void)
{
  static const char * const cases[] = {
    "2026-11-28", "2027-01-01", "2024-02-29", "0001-01-01", "0999-09-09", "9999-12-31",
  };

  /* Made without ssa_date_parse(), which refuses years before 1900: the ISO form pads
   * any year to four digits. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint year, month, day;
      g_autofree char *iso = NULL;
      GDate d;

      g_assert_cmpint (sscanf (cases[i], "%4u-%2u-%2u", &year, &month, &day), ==, 3);
      g_date_clear (&d, 1);
      g_date_set_dmy (&d, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
      iso = ssa_date_to_iso (&d);
      g_assert_cmpstr (iso, ==, cases[i]);
    }
}

static void
test_format (void)
{
  GDate d = test_date ("2026-11-28");
  GDate e = test_date ("2027-02-01");
  g_autofree char *nb = ssa_date_format (&d, SSA_LANG_NB);
  g_autofree char *en = ssa_date_format (&d, SSA_LANG_EN);
  g_autofree char *nb2 = ssa_date_format (&e, SSA_LANG_NB);
  g_autofree char *en2 = ssa_date_format (&e, SSA_LANG_EN);

  g_assert_cmpstr (nb, ==, "28.11.2026");
  g_assert_cmpstr (en, ==, "2026-11-28");
  g_assert_cmpstr (nb2, ==, "01.02.2027");
  g_assert_cmpstr (en2, ==, "2027-02-01");
}

typedef struct
{
  const char *a;
  const char *b;
  int         months;
} MonthsCase;

static void
test_months (void)
{
  static const MonthsCase cases[] = {
    /* The four examples of docs/rules.md. */
    { "2027-01-01", "2027-12-31", 12 },
    { "2026-07-01", "2026-11-27", 5 },
    { "2027-01-15", "2028-01-15", 13 },
    { "2027-01-31", "2027-02-28", 1 },
    /* The worked examples' segments. */
    { "2026-11-28", "2027-11-27", 12 },
    { "2027-03-15", "2027-12-31", 10 },
    { "2026-01-01", "2026-11-27", 11 },
    /* One day is one started month. */
    { "2026-11-28", "2026-11-28", 1 },
    { "2024-02-29", "2024-02-29", 1 },
    { "2026-12-31", "2026-12-31", 1 },
    /* Month ends. */
    { "2026-01-31", "2026-02-28", 1 },
    { "2026-01-31", "2026-03-01", 2 },
    { "2026-01-31", "2026-03-30", 2 },
    { "2026-01-31", "2026-03-31", 3 },
    { "2026-01-30", "2026-02-28", 1 },
    { "2026-02-28", "2026-03-31", 2 },
    { "2026-03-31", "2026-04-30", 1 },
    { "2026-04-30", "2026-05-31", 2 },
    { "2026-12-01", "2026-12-31", 1 },
    { "2026-12-31", "2027-01-01", 1 },
    { "2026-12-31", "2027-01-30", 1 },
    { "2026-12-31", "2027-01-31", 2 },
    { "2026-12-15", "2027-01-14", 1 },
    { "2026-12-15", "2027-01-15", 2 },
    /* Leap days. */
    { "2024-02-29", "2025-02-28", 12 },
    { "2024-02-29", "2025-03-01", 13 },
    { "2024-02-28", "2024-02-29", 1 },
    { "2024-01-29", "2024-02-29", 2 },
    { "2024-01-30", "2024-02-29", 1 },
    { "2023-03-01", "2024-02-29", 12 },
    { "2024-03-01", "2025-02-28", 12 },
    { "2024-02-29", "2028-02-29", 49 },
    { "2024-02-29", "2028-02-28", 48 },
    /* Long periods. */
    { "2027-01-01", "2036-12-31", 120 },
    { "2027-01-01", "2037-01-01", 121 },
    { "2027-01-15", "2037-01-14", 120 },
    { "2000-01-01", "2099-12-31", 1200 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate a = test_date (cases[i].a);
      GDate b = test_date (cases[i].b);

      g_test_message ("months (%s, %s)", cases[i].a, cases[i].b);
      g_assert_cmpint (ssa_date_months (&a, &b), ==, cases[i].months);
    }
}

/* The definition of docs/rules.md, for every pair of days of 2023 to 2025 less than 40 days
 * apart: across every month end and the leap day of 2024. */
static void
test_months_formula (void)
{
  GDate first = test_date ("2023-01-01");
  GDate last = test_date ("2025-12-31");
  GDate a = first;

  while (g_date_compare (&a, &last) <= 0)
    {
      GDate b = a;

      for (int n = 0; n < 40; n++)
        {
          int expected = ((int) g_date_get_year (&b) - (int) g_date_get_year (&a)) * 12 +
                         (int) g_date_get_month (&b) - (int) g_date_get_month (&a) +
                         (g_date_get_day (&b) >= g_date_get_day (&a) ? 1 : 0);
          int months = ssa_date_months (&a, &b);

          if (months != expected)
            {
              g_autofree char *sa = ssa_date_to_iso (&a);
              g_autofree char *sb = ssa_date_to_iso (&b);

              g_test_fail_printf ("months (%s, %s) = %d, expected %d", sa, sb, months,
                                  expected);
              return;
            }
          /* Started months: never less than 1, and one more at most per 28 days. */
          g_assert_cmpint (months, >=, 1);
          g_assert_cmpint (months, <=, 3);
          g_date_add_days (&b, 1);
        }
      g_date_add_days (&a, 1);
    }
}

typedef struct
{
  const char *date;
  int         months;
  const char *expected;
} AddMonthsCase;

static void
test_add_months (void)
{
  static const AddMonthsCase cases[] = {
    /* Clamping to the last day of a shorter month. */
    { "2027-01-31", 1, "2027-02-28" },
    { "2024-01-31", 1, "2024-02-29" },
    { "2024-02-29", 12, "2025-02-28" },
    { "2024-02-29", 48, "2028-02-29" },
    { "2026-08-31", 1, "2026-09-30" },
    { "2026-03-31", 1, "2026-04-30" },
    { "2026-10-31", 4, "2027-02-28" },
    { "2027-01-30", 1, "2027-02-28" },
    { "2027-01-29", 1, "2027-02-28" },
    { "2027-01-28", 1, "2027-02-28" },
    /* The day of month is kept, not the clamped one of an intermediate month. */
    { "2027-01-31", 2, "2027-03-31" },
    /* Plain cases and the year boundary. */
    { "2027-01-01", 12, "2028-01-01" },
    { "2027-01-01", 0, "2027-01-01" },
    { "2026-12-15", 1, "2027-01-15" },
    { "2026-11-28", 2, "2027-01-28" },
    { "2026-12-31", 1, "2027-01-31" },
    { "2026-12-31", 120, "2036-12-31" },
    { "2027-03-15", 10, "2028-01-15" },
    /* Negative months. */
    { "2027-01-15", -1, "2026-12-15" },
    { "2027-03-31", -1, "2027-02-28" },
    { "2024-03-31", -1, "2024-02-29" },
    { "2024-02-29", -12, "2023-02-28" },
    { "2026-01-01", -1, "2025-12-01" },
    { "2026-01-31", -2, "2025-11-30" },
    { "2026-10-31", -12, "2025-10-31" },
    { "2026-11-28", -36, "2023-11-28" },
    { "2027-02-28", -36, "2024-02-28" },
    { "2027-05-31", -36, "2024-05-31" },
    { "2027-03-31", -37, "2024-02-29" },
    { "2026-01-15", -13, "2024-12-15" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate d = test_date (cases[i].date);
      GDate out;

      g_test_message ("add_months (%s, %d)", cases[i].date, cases[i].months);
      g_date_clear (&out, 1);
      ssa_date_add_months (&d, cases[i].months, &out);
      test_assert_date (&out, cases[i].expected);
      /* The input is left alone. */
      test_assert_date (&d, cases[i].date);
    }
}

/* "N months from s" ends on add_months (s, N) - 1 day: one year from 2027-01-01 is
 * [2027-01-01, 2027-12-31], 12 months by months(). */
static void
test_n_months_from (void)
{
  static const AddMonthsCase cases[] = {
    { "2027-01-01", 12, "2027-12-31" },
    { "2026-11-28", 12, "2027-11-27" },
    { "2027-01-31", 1, "2027-02-27" },
    { "2024-02-29", 12, "2025-02-27" },
    { "2027-01-15", 120, "2037-01-14" },
    { "2027-03-01", 1, "2027-03-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate s = test_date (cases[i].date);
      GDate next;
      GDate e;

      ssa_date_add_months (&s, cases[i].months, &next);
      ssa_date_add_days (&next, -1, &e);
      test_assert_date (&e, cases[i].expected);
      g_assert_cmpint (ssa_date_months (&s, &e), ==, cases[i].months);
    }
}

static void
test_add_days (void)
{
  GDate d = test_date ("2027-03-15");
  GDate out;

  ssa_date_add_days (&d, -1, &out);
  test_assert_date (&out, "2027-03-14");
  d = test_date ("2024-02-28");
  ssa_date_add_days (&d, 1, &out);
  test_assert_date (&out, "2024-02-29");
  d = test_date ("2026-12-31");
  ssa_date_add_days (&d, 1, &out);
  test_assert_date (&out, "2027-01-01");
  d = test_date ("2027-01-01");
  ssa_date_add_days (&d, -1, &out);
  test_assert_date (&out, "2026-12-31");
  ssa_date_add_days (&d, 0, &out);
  test_assert_date (&out, "2027-01-01");
  ssa_date_add_days (&d, 365, &out);
  test_assert_date (&out, "2028-01-01");
  ssa_date_add_days (&d, -366, &out);
  test_assert_date (&out, "2025-12-31");
}

static void
test_compare_and_set (void)
{
  GDate a = test_date ("2026-11-28");
  GDate b = test_date ("2026-11-29");
  GDate cleared;

  g_assert_cmpint (ssa_date_compare (&a, &b), <, 0);
  g_assert_cmpint (ssa_date_compare (&b, &a), >, 0);
  g_assert_cmpint (ssa_date_compare (&a, &a), ==, 0);

  g_date_clear (&cleared, 1);
  g_assert_false (ssa_date_is_set (&cleared));
  g_assert_false (ssa_date_is_set (NULL));
  g_assert_true (ssa_date_is_set (&a));
}

static void
test_today (void)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(GDateTime) after = NULL;
  GDate today;

  g_date_clear (&today, 1);
  ssa_date_today (&today);
  after = g_date_time_new_now_local ();

  g_assert_true (ssa_date_is_set (&today));
  /* Unless the test runs across midnight, today is the local date. */
  if (g_date_time_get_day_of_year (before) == g_date_time_get_day_of_year (after))
    {
      g_assert_cmpuint (g_date_get_year (&today), ==, g_date_time_get_year (after));
      g_assert_cmpuint (g_date_get_month (&today), ==, g_date_time_get_month (after));
      g_assert_cmpuint (g_date_get_day (&today), ==, g_date_time_get_day_of_month (after));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* A failed check marks its test failed and the other tests still run. */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/date/parse/accepted", test_parse_accepted);
  g_test_add_func ("/date/parse/refused", test_parse_refused);
  g_test_add_func ("/date/parse/limits", test_parse_limits);
  g_test_add_func ("/date/to-iso", test_to_iso);
  g_test_add_func ("/date/format", test_format);
  g_test_add_func ("/date/months/table", test_months);
  g_test_add_func ("/date/months/formula", test_months_formula);
  g_test_add_func ("/date/add-months", test_add_months);
  g_test_add_func ("/date/n-months-from", test_n_months_from);
  g_test_add_func ("/date/add-days", test_add_days);
  g_test_add_func ("/date/compare-and-set", test_compare_and_set);
  g_test_add_func ("/date/today", test_today);

  return g_test_run ();
}
