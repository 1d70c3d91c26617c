/* test-refresh.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "ssa-refresh.h"

/* When the price list is fetched again in the background (ssa-refresh.h). */

#define URL "https://prices.example.no/ssa.json"
#define DAY (24 * 60 * 60)

static GDateTime *
now_utc (void)
{
  return g_date_time_new_utc (2026, 11, 28, 12, 0, 0);
}

static SsaRefreshState
check (const char *url,
       guint       interval_days,
       gint64      last_refresh,
       const char *source_url,
       const char *fetched_at,
       gint64     *out_due)
{
  g_autoptr(GDateTime) now = now_utc ();
  SsaRefreshInputs inputs = { url, interval_days, last_refresh, source_url, fetched_at };

  return ssa_refresh_check (&inputs, now, out_due);
}

static void
test_policy (void)
{
  g_autoptr(GDateTime) now = now_utc ();
  gint64 now_unix = g_date_time_to_unix (now);
  gint64 due = -1;

  /* No address: the bundled sample list stays current. */
  g_assert_cmpint (check (NULL, 7, 0, NULL, NULL, &due), ==, SSA_REFRESH_NOT_CONFIGURED);
  g_assert_cmpint (due, ==, 0);
  g_assert_cmpint (check ("", 7, now_unix, URL, "2026-11-27T12:00:00Z", NULL), ==,
                   SSA_REFRESH_NOT_CONFIGURED);

  /* The current list is the sample, an imported file or from another address: now. */
  g_assert_cmpint (check (URL, 7, 0, NULL, NULL, &due), ==, SSA_REFRESH_DUE);
  g_assert_cmpint (due, ==, now_unix);
  g_assert_cmpint (check (URL, 7, now_unix, "https://old.example.no/ssa.json",
                          "2026-11-28T11:00:00Z", NULL), ==, SSA_REFRESH_DUE);

  /* Fetched 3 days ago with a 7-day interval: due in 4 days. */
  g_assert_cmpint (check (URL, 7, 0, URL, "2026-11-25T12:00:00Z", &due), ==,
                   SSA_REFRESH_NOT_DUE);
  g_assert_cmpint (due, ==, now_unix + 4 * DAY);

  /* Exactly 7 days, and 8 days: due. A time without a zone is UTC. */
  g_assert_cmpint (check (URL, 7, 0, URL, "2026-11-21T12:00:00Z", NULL), ==, SSA_REFRESH_DUE);
  g_assert_cmpint (check (URL, 7, 0, URL, "2026-11-20T12:00:00", NULL), ==, SSA_REFRESH_DUE);
  g_assert_cmpint (check (URL, 7, 0, URL, "2026-11-21T13:00:00+01:00", NULL), ==,
                   SSA_REFRESH_DUE);

  /* A fetch answered "unchanged" stored nothing but set last-refresh: not due. */
  g_assert_cmpint (check (URL, 7, now_unix - DAY, URL, "2026-11-01T12:00:00Z", &due), ==,
                   SSA_REFRESH_NOT_DUE);
  g_assert_cmpint (due, ==, now_unix + 6 * DAY);

  /* A fetch in the future (the clock was put back), or an unreadable time: due. */
  g_assert_cmpint (check (URL, 7, 0, URL, "2026-12-24T12:00:00Z", NULL), ==, SSA_REFRESH_DUE);
  g_assert_cmpint (check (URL, 7, now_unix + DAY, URL, NULL, NULL), ==, SSA_REFRESH_DUE);
  g_assert_cmpint (check (URL, 7, 0, URL, "yesterday", NULL), ==, SSA_REFRESH_DUE);

  /* The interval counts. */
  g_assert_cmpint (check (URL, 1, 0, URL, "2026-11-27T11:59:59Z", NULL), ==, SSA_REFRESH_DUE);
  g_assert_cmpint (check (URL, 30, 0, URL, "2026-11-01T12:00:00Z", NULL), ==,
                   SSA_REFRESH_NOT_DUE);
}

static void
test_settings (void)
{
  g_autoptr(GSettings) settings = ssa_refresh_dup_settings ();
  g_autoptr(GDateTime) now = now_utc ();
  g_autofree char *url = NULL;

  /* meson sets GSETTINGS_SCHEMA_DIR to the compiled schema in the build tree. */
  g_assert_nonnull (settings);

  /* The memory backend starts from the defaults: no address. */
  g_assert_null (ssa_refresh_dup_configured_url ());
  g_assert_cmpint (ssa_refresh_check_settings (settings, NULL, NULL, now, NULL), ==,
                   SSA_REFRESH_NOT_CONFIGURED);

  g_settings_set_string (settings, "price-list-url", URL);
  url = ssa_refresh_dup_configured_url ();
  g_assert_cmpstr (url, ==, URL);
  g_assert_cmpint (ssa_refresh_check_settings (settings, URL, "2026-11-01T00:00:00Z", now, NULL),
                   ==, SSA_REFRESH_DUE);

  ssa_refresh_record (settings, now);
  g_assert_cmpint (g_settings_get_int64 (settings, "last-refresh"), ==,
                   g_date_time_to_unix (now));
  g_assert_cmpint (ssa_refresh_check_settings (settings, URL, "2026-11-01T00:00:00Z", now, NULL),
                   ==, SSA_REFRESH_NOT_DUE);

  g_settings_set_uint (settings, "refresh-interval-days", 1);
  {
    g_autoptr(GDateTime) later = g_date_time_add_days (now, 1);

    g_assert_cmpint (ssa_refresh_check_settings (settings, URL, NULL, later, NULL), ==,
                     SSA_REFRESH_DUE);
  }

  g_settings_reset (settings, "price-list-url");
  g_settings_reset (settings, "refresh-interval-days");
  g_settings_reset (settings, "last-refresh");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/refresh/policy", test_policy);
  g_test_add_func ("/refresh/settings", test_settings);

  return g_test_run ();
}
