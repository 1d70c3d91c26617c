/* test-main-loop.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include <execinfo.h>
#include <signal.h>
#include <unistd.h>

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

#ifndef __SANITIZE_ADDRESS__
static void
test_crash_cb (int signum)
{
  static const char message[] = "Bail out! Crashed (signal); the stack, innermost first:\n";
  void *frames[64];
  int n = backtrace (frames, G_N_ELEMENTS (frames));

  if (write (STDERR_FILENO, message, sizeof message - 1) < 0)
    _exit (1);
  backtrace_symbols_fd (frames, n, STDERR_FILENO);
  signal (signum, SIG_DFL);
  raise (signum);
}
#endif

/* A crash that happens once in many runs (seen only on loaded machines) leaves its stack in
 * the test log: the functions the libraries export by name, the rest as library + offset
 * (`addr2line -e LIB OFFSET` with the debug symbols). Under AddressSanitizer its own report
 * does this, better. */
static inline void
test_print_stack_on_crash (void)
{
#ifndef __SANITIZE_ADDRESS__
  void *frame[1];

  /* The first backtrace() loads libgcc's unwinder, which a signal handler must not do. */
  backtrace (frame, 1);
  signal (SIGSEGV, test_crash_cb);
  signal (SIGBUS, test_crash_cb);
#endif
}
