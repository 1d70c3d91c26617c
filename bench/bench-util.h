/* bench-util.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <fcntl.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <glib.h>
#include <glib/gstdio.h>

/* What the benchmark programs share: the clock, running a command as a process of its own
 * for its time and peak memory, and removing the temporary folder each writes its
 * databases and documents into. */

static inline double
bench_now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* Runs @argv (stdout and stderr to /dev/null); returns its wall time and peak memory (the
 * process's maximum resident set), and whether it exited 0. */
static inline gboolean
bench_run_process (char   **argv,
                   double  *seconds,
                   double  *peak_mib)
{
  struct rusage usage;
  double start = bench_now ();
  int status;
  pid_t pid;

  pid = fork ();
  if (pid < 0)
    return FALSE;
  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);

      dup2 (null, STDOUT_FILENO);
      dup2 (null, STDERR_FILENO);
      execvp (argv[0], argv);
      _exit (127);
    }
  if (wait4 (pid, &status, 0, &usage) != pid)
    return FALSE;
  *seconds = bench_now () - start;
  *peak_mib = usage.ru_maxrss / 1024.0;
  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* A link is removed, never followed. */
static inline void
bench_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  GStatBuf buf;

  if (path == NULL || g_lstat (path, &buf) != 0)
    return;
  if (!S_ISDIR (buf.st_mode))
    {
      g_unlink (path);
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      bench_remove_tree (child);
    }
  g_rmdir (path);
}
