/* test-main-loop.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

/* What the GUI tests share: running the main loop for a while, or until something is
 * true. A timeout wakes the loop every 10 ms, so that a condition set by a thread or a
 * frame is seen even when nothing else happens. */

#define TEST_WAIT_SECONDS 60

typedef gboolean (*TestCondition) (gpointer data);

static inline gboolean
test_wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @condition holds, for TEST_WAIT_SECONDS at most.
 * Returns: whether it holds */
static inline gboolean
wait_for (TestCondition condition,
          gpointer      data)
{
  gint64 deadline = g_get_monotonic_time () + TEST_WAIT_SECONDS * G_USEC_PER_SEC;
  guint wake = g_timeout_add (10, test_wake_cb, NULL);
  gboolean met;

  while (!(met = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  return met;
}

/* Runs the main loop for @milliseconds. */
static inline void
spin (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * (G_USEC_PER_SEC / 1000);
  guint wake = g_timeout_add (10, test_wake_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}
