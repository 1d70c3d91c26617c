/* fuzz-common.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

/* What every fuzz target shares: the same conditions for every run, and any GLib critical
 * or warning counted as a finding (a g_return_if_fail () that fires means a reader let
 * something through that the next function refuses). Each target is one file with
 * LLVMFuzzerTestOneInput; see docs/fuzzing.md. */

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* A critical or a warning is a finding: abort (), which libFuzzer catches and saves the
 * input for (GLib's own fatal messages end in a breakpoint trap, which it does not). */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

static inline void
fuzz_init (char **argv)
{
  /* GLib 2.74's slice allocator keeps freed blocks for reuse, out of sight of
   * AddressSanitizer and LeakSanitizer; G_SLICE=always-malloc hands every block to malloc.
   * GLib reads it once, before main (), so the target starts itself again with it set. */
  if (g_strcmp0 (g_getenv ("G_SLICE"), "always-malloc") != 0)
    {
      g_setenv ("G_SLICE", "always-malloc", TRUE);
      execv ("/proc/self/exe", argv);
      g_error ("Cannot start %s again with G_SLICE=always-malloc", argv[0]);
    }

  /* Messages in English, dates in UTC: nothing depends on the machine. No target reads the
   * clock: every date comes from the input. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* The LLVMFuzzerInitialize () of a target that needs nothing but fuzz_init (). */
#define FUZZ_DEFINE_INITIALIZE \
  int \
  LLVMFuzzerInitialize (int    *argc, \
                        char ***argv) \
  { \
    fuzz_init (*argv); \
    return 0; \
  }

/* The input as a string: a copy ending in NUL (an input with a NUL inside is cut there, as
 * a C string would be). */
static inline char *
fuzz_text (const uint8_t *data,
           size_t         size)
{
  char *text = g_malloc (size + 1);

  memcpy (text, data, size);
  text[size] = '\0';
  return text;
}

/* Stops the run with a finding: libFuzzer saves the input that got here. */
#define fuzz_check(expr) \
  G_STMT_START { \
    if (!(expr)) \
      { \
        g_printerr ("%s:%d: check failed: %s\n", __FILE__, __LINE__, #expr); \
        abort (); \
      } \
  } G_STMT_END
