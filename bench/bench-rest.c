/* bench-rest.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window at rest and while it loads, on an X display (run under xvfb-run; without a
 * display the benchmark says so and ends). The real window is started, each time in a
 * process of its own, on an empty database and on databases of 5 000 and 50 000
 * installations with ten licence lines each; a bare libadwaita window (the one
 * bench-bare-window shows) is started the same way in the same run and is each figure's
 * floor:
 *
 *  - idle CPU: the process's CPU time (all threads, getrusage) over 10 s of doing nothing,
 *    once everything is loaded and 3 s have passed. Target: the bare window's + 10 ms.
 *  - memory: VmRSS and VmHWM (/proc/self/status) after those 3 s. Targets: at most 1.25
 *    times the bare window's VmRSS with 5 000 installations, 180 MB with 50 000. Beside
 *    them, whether librsvg was loaded (an SVG icon drawn: some 6.5 MB alone).
 *  - the longest main-loop stall from the end of the window's first frame until every row
 *    is in the sidebar (and half a second after): the largest gap between two dispatches
 *    of a high-priority 1 ms timer. Target: 16 ms with 50 000 installations.
 *  - time to interactive: from launching the process until the sidebar's search entry is
 *    mapped and sensitive and the sidebar lists rows. Target: 600 ms with 50 000. The bare
 *    window's floor is its first map. Also printed: until every row is listed.
 *
 * Each figure is the median of BENCH_REST_RUNS runs (default 3), the programs interleaved.
 * The windows draw with GTK's cairo renderer unless GSK_RENDERER says otherwise: under Xvfb
 * OpenGL is llvmpipe on the CPU, whose memory and frames would be measured instead of the
 * window's.
 * `bench-rest 5000` (or 0, 50000) measures one database only.
 */

#include "config.h"

#include <locale.h>
#include <time.h>
#include <malloc.h>
#include <adwaita.h>

#include "ssa-application.h"
#include "ssa-db.h"
#include "ssa-sidebar.h"
#include "bench-data.h"
#include "bench-util.h"

#define IDLE_SETTLE_S         3
#define IDLE_MEASURE_S        10
#define TAIL_MS               500
#define IDLE_CPU_TARGET_MS    10.0
#define RSS_RATIO_5000        1.25
#define RSS_TARGET_50000_MB   180.0
#define STALL_TARGET_MS       16.0
#define INTERACTIVE_TARGET_MS 600.0

/* The child: one window, measured from within its own process. */

typedef struct
{
  gboolean   bare;
  gint64     t0;            /* when the parent launched us, g_get_monotonic_time() */
  guint      expect_rows;   /* customers + installations the sidebar lists when loaded */
  GtkApplication *app;
  GtkWindow *window;
  SsaSidebar *sidebar;
  GtkWidget *search_entry;
  gint64     t_map;
  gint64     t_interactive;
  gint64     t_complete;
  gint64     last_tick;
  gint64     last_tick_cpu; /* the main thread's CPU time then, in µs */
  gint64     longest_gap;
  gint64     t_first_paint;
  gint64     t_frame_start;
  gint64     t_layout_start;
  gint64     t_paint_start;
  double     frame_ms;
  double     layout_ms;
  double     paint_ms;
  guint      tick_id;
  GPtrArray *spinners;      /* the window's GtkSpinners, borrowed */
  gboolean   spinner_shown;
  struct rusage idle_start;
} Child;

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static double
rusage_ms (const struct rusage *usage)
{
  return usage->ru_utime.tv_sec * 1e3 + usage->ru_utime.tv_usec / 1e3 +
         usage->ru_stime.tv_sec * 1e3 + usage->ru_stime.tv_usec / 1e3;
}

/* A "VmRSS:" or "VmHWM:" figure of /proc/self/status, in kB. */
static guint64
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

static gboolean
idle_done_cb (gpointer user_data)
{
  Child *child = user_data;
  struct rusage now;

  getrusage (RUSAGE_SELF, &now);
  g_print ("idle_cpu_ms %.3f\n", rusage_ms (&now) - rusage_ms (&child->idle_start));
  g_application_quit (G_APPLICATION (child->app));
  return G_SOURCE_REMOVE;
}

static gboolean
settled_cb (gpointer user_data)
{
  Child *child = user_data;
  g_autofree char *maps = NULL;

  g_print ("rss_kb %" G_GUINT64_FORMAT "\n", status_kb ("VmRSS:"));
  /* Whether an SVG icon was drawn: librsvg alone is some 6.5 MB resident. */
  if (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL))
    g_print ("rsvg_mapped %d\n", strstr (maps, "librsvg") != NULL);
  g_print ("hwm_kb %" G_GUINT64_FORMAT "\n", status_kb ("VmHWM:"));
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  {
    /* What of it is the heap: in use, and freed but kept by malloc. */
    struct mallinfo2 info = mallinfo2 ();

    g_print ("heap_used_kb %zu\n", (info.uordblks + info.hblkhd) / 1024);
    g_print ("heap_free_kb %zu\n", info.fordblks / 1024);
  }
#endif
  getrusage (RUSAGE_SELF, &child->idle_start);
  g_timeout_add_seconds (IDLE_MEASURE_S, idle_done_cb, child);
  return G_SOURCE_REMOVE;
}

static gboolean
is_interactive (Child *child)
{
  SsaRepository *repository;

  if (child->bare)
    return TRUE;
  if (child->sidebar == NULL)
    {
      child->sidebar = (SsaSidebar *) find_widget (GTK_WIDGET (child->window), SSA_TYPE_SIDEBAR);
      if (child->sidebar == NULL)
        return FALSE;
      child->search_entry = find_widget (GTK_WIDGET (child->sidebar), GTK_TYPE_SEARCH_ENTRY);
    }
  repository = ssa_sidebar_get_repository (child->sidebar);
  return gtk_widget_get_mapped (child->search_entry) &&
         gtk_widget_is_sensitive (child->search_entry) &&
         (g_list_model_get_n_items (ssa_sidebar_get_shown (child->sidebar)) > 0 ||
          (child->expect_rows == 0 && repository != NULL &&
           ssa_repository_get_loaded (repository)));
}

static gboolean
is_complete (Child *child)
{
  SsaRepository *repository;

  if (child->bare)
    return TRUE;
  repository = ssa_sidebar_get_repository (child->sidebar);
  return repository != NULL && ssa_repository_get_loaded (repository) &&
         g_list_model_get_n_items (ssa_sidebar_get_shown (child->sidebar)) == child->expect_rows;
}

/* The calling thread's CPU time, in µs. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_GINT64_CONSTANT (1000000) + ts.tv_nsec / 1000;
}

/* Every millisecond while the window loads, at high priority: the gap since the last call
 * is how long the main loop was busy with something else. */
static gboolean
tick_cb (gpointer user_data)
{
  Child *child = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 now_cpu = thread_cpu_us ();

  child->longest_gap = MAX (child->longest_gap, now - child->last_tick);
  /* BENCH_REST_TRACE=1 names each stall: when it ended, how much of it the main thread
   * worked (the rest it waited for a CPU), and what the last frame took. */
  if (now - child->last_tick > STALL_TARGET_MS * 1000 && g_getenv ("BENCH_REST_TRACE") != NULL)
    g_printerr ("stall %6.1f ms (main thread on a CPU %5.1f ms) ending %7.1f ms after the "
                "first frame; last frame %5.1f ms (layout %5.1f, paint %5.1f), %u rows listed\n",
                (now - child->last_tick) / 1e3, (now_cpu - child->last_tick_cpu) / 1e3,
                (now - child->t_first_paint) / 1e3,
                child->frame_ms, child->layout_ms, child->paint_ms,
                child->sidebar != NULL ?
                g_list_model_get_n_items (ssa_sidebar_get_shown (child->sidebar)) : 0);
  child->last_tick = now;
  child->last_tick_cpu = now_cpu;

  for (guint i = 0; child->spinners != NULL && i < child->spinners->len; i++)
    {
      GtkWidget *spinner = g_ptr_array_index (child->spinners, i);

      if (gtk_spinner_get_spinning (GTK_SPINNER (spinner)) && gtk_widget_get_mapped (spinner))
        child->spinner_shown = TRUE;
    }

  if (child->t_interactive == 0 && is_interactive (child))
    child->t_interactive = now;
  if (child->t_interactive != 0 && child->t_complete == 0 && is_complete (child))
    child->t_complete = now;
  if (child->t_complete != 0 && now - child->t_complete >= TAIL_MS * 1000)
    {
      g_print ("map_ms %.3f\n", (child->t_map - child->t0) / 1e3);
      g_print ("interactive_ms %.3f\n", (child->t_interactive - child->t0) / 1e3);
      g_print ("complete_ms %.3f\n", (child->t_complete - child->t0) / 1e3);
      g_print ("stall_ms %.3f\n", child->longest_gap / 1e3);
      g_print ("spinner_shown %d\n", child->spinner_shown);
      g_timeout_add_seconds (IDLE_SETTLE_S, settled_cb, child);
      child->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* The first frame (styles, fonts, the first layout) is start-up, timed as such: stalls
 * are counted from the end of its painting. */
static void
frame_update_cb (GdkFrameClock *clock,
                 Child         *child)
{
  child->t_frame_start = g_get_monotonic_time ();
}

static void
frame_layout_cb (GdkFrameClock *clock,
                 Child         *child)
{
  child->t_layout_start = g_get_monotonic_time ();
}

static void
frame_paint_cb (GdkFrameClock *clock,
                Child         *child)
{
  gint64 now = g_get_monotonic_time ();

  child->t_paint_start = now;
  child->layout_ms = (now - child->t_layout_start) / 1e3;
}

static void
frame_after_paint_cb (GdkFrameClock *clock,
                      Child         *child)
{
  gint64 now = g_get_monotonic_time ();

  child->paint_ms = (now - child->t_paint_start) / 1e3;
  child->frame_ms = (now - child->t_frame_start) / 1e3;
}

static void
first_paint_cb (GdkFrameClock *clock,
                Child         *child)
{
  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, child);
  if (g_getenv ("BENCH_REST_TRACE") != NULL)
    {
      g_signal_connect (clock, "update", G_CALLBACK (frame_update_cb), child);
      g_signal_connect (clock, "layout", G_CALLBACK (frame_layout_cb), child);
      g_signal_connect (clock, "paint", G_CALLBACK (frame_paint_cb), child);
      g_signal_connect_after (clock, "after-paint", G_CALLBACK (frame_after_paint_cb), child);
    }
  child->last_tick = child->t_first_paint = g_get_monotonic_time ();
  child->last_tick_cpu = thread_cpu_us ();
  child->tick_id = g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, child, NULL);
}

/* Every spinner of the window, to see whether one spins on screen while the window loads
 * (it shows only after a while, ssa_page_set_busy()). */
static void
find_spinners (GtkWidget *widget,
               Child     *child)
{
  if (GTK_IS_SPINNER (widget))
    g_ptr_array_add (child->spinners, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    find_spinners (c, child);
}

static void
map_cb (GtkWidget *window,
        Child     *child)
{
  if (child->t_map != 0)
    return;
  child->t_map = g_get_monotonic_time ();
  child->spinners = g_ptr_array_new ();
  find_spinners (window, child);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_paint_cb), child);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 Child          *child)
{
  if (child->window != NULL)
    return;
  child->window = window;
  g_signal_connect (window, "map", G_CALLBACK (map_cb), child);
}

static void
bare_activate_cb (GApplication *app,
                  gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

/* bench-rest child bare|desk T0 EXPECT_ROWS [DB] */
static int
run_child (int    argc,
           char **argv)
{
  Child child = { 0, };
  g_autoptr(GApplication) app = NULL;
  char *app_argv[] = { argv[0], (char *) "--db", argc > 5 ? argv[5] : NULL, NULL };

  child.bare = g_str_equal (argv[2], "bare");
  child.t0 = g_ascii_strtoll (argv[3], NULL, 10);
  child.expect_rows = (guint) g_ascii_strtoull (argv[4], NULL, 10);

  if (child.bare)
    {
      app = G_APPLICATION (adw_application_new ("io.github.ssadesk.BenchBareWindow",
                                                G_APPLICATION_NON_UNIQUE));
      g_signal_connect (app, "activate", G_CALLBACK (bare_activate_cb), NULL);
    }
  else
    app = G_APPLICATION (ssa_application_new ());
  child.app = GTK_APPLICATION (app);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), &child);
  return g_application_run (app, child.bare ? 1 : 3, app_argv);
}

/* The parent: databases, runs, medians, the table. */

typedef struct
{
  double map_ms;
  double interactive_ms;
  double complete_ms;
  double stall_ms;
  double rss_mb;
  double hwm_mb;
  double idle_cpu_ms;
  double heap_used_mb;
  double heap_free_mb;
  double rsvg_mapped;   /* 1 when librsvg was loaded */
  double spinner_shown; /* 1 when a spinner spun while the window loaded */
} Figures;

#define N_FIGURES (sizeof (Figures) / sizeof (double))

static gboolean
run_one (const char *self_path,
         const char *db_path,
         guint       expect_rows,
         Figures    *out)
{
  g_autofree char *t0 = NULL;
  g_autofree char *rows = g_strdup_printf ("%u", expect_rows);
  g_autofree char *stdout_text = NULL;
  g_autofree char *stderr_text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { self_path, "child", db_path != NULL ? "desk" : "bare", NULL, rows,
                         db_path, NULL };
  int status;

  t0 = g_strdup_printf ("%" G_GINT64_FORMAT, g_get_monotonic_time ());
  argv[3] = t0;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text,
                     &stderr_text, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("bench-rest: %s: %s\n%s", db_path != NULL ? db_path : "bare window",
                  error->message, stderr_text != NULL ? stderr_text : "");
      return FALSE;
    }
  /* The trace of each stall (BENCH_REST_TRACE=1), and whatever else the window said. */
  if (stderr_text != NULL && *stderr_text != '\0')
    g_printerr ("-- %s:\n%s", db_path != NULL ? db_path : "bare window", stderr_text);

  memset (out, 0, sizeof *out);
  lines = g_strsplit (stdout_text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (lines[i], " ", 2);
      double value;

      if (pair[0] == NULL || pair[1] == NULL)
        continue;
      value = g_ascii_strtod (pair[1], NULL);
      if (g_str_equal (pair[0], "map_ms"))
        out->map_ms = value;
      else if (g_str_equal (pair[0], "interactive_ms"))
        out->interactive_ms = value;
      else if (g_str_equal (pair[0], "complete_ms"))
        out->complete_ms = value;
      else if (g_str_equal (pair[0], "stall_ms"))
        out->stall_ms = value;
      else if (g_str_equal (pair[0], "rss_kb"))
        out->rss_mb = value / 1024.0;
      else if (g_str_equal (pair[0], "hwm_kb"))
        out->hwm_mb = value / 1024.0;
      else if (g_str_equal (pair[0], "idle_cpu_ms"))
        out->idle_cpu_ms = value;
      else if (g_str_equal (pair[0], "heap_used_kb"))
        out->heap_used_mb = value / 1024.0;
      else if (g_str_equal (pair[0], "heap_free_kb"))
        out->heap_free_mb = value / 1024.0;
      else if (g_str_equal (pair[0], "rsvg_mapped"))
        out->rsvg_mapped = value;
      else if (g_str_equal (pair[0], "spinner_shown"))
        out->spinner_shown = value;
    }
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The median of each figure over @n runs. */
static Figures
median_figures (Figures *runs,
                guint    n)
{
  Figures result;
  double *fields = (double *) &result;

  for (guint f = 0; f < N_FIGURES; f++)
    {
      g_autofree double *values = g_new (double, n);

      for (guint r = 0; r < n; r++)
        values[r] = ((double *) &runs[r])[f];
      qsort (values, n, sizeof (double), compare_doubles);
      fields[f] = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
  return result;
}

static const char *
verdict (gboolean ok,
         gboolean *all_ok)
{
  *all_ok &= ok;
  return ok ? "ok" : "OVER TARGET";
}

typedef struct
{
  guint        n_installations;
  guint        n_customers;
  char        *path;
  Figures      median;
} Scenario;

static char *
make_database (const char *dir,
               guint       n_installations,
               guint       n_customers)
{
  g_autofree char *name = g_strdup_printf ("rest-%u.db", n_installations);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  SsaDb *db = ssa_db_open (path, SSA_DB_OPEN_DEFAULT, &error);

  if (db == NULL)
    g_error ("%s", error->message);
  bench_import (db, n_installations, n_customers, 1000);
  ssa_db_close (db);
  return path;
}

static void
print_cpu_model (void)
{
  g_autofree char *cpuinfo = NULL;
  const char *model = NULL;
  g_autofree char *name = NULL;

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL))
    model = strstr (cpuinfo, "model name");
  if (model != NULL && (model = strchr (model, ':')) != NULL)
    name = g_strndup (model + 2, strcspn (model + 2, "\n"));
  g_print ("(machine: %u CPUs, %s; renderer %s)\n", g_get_num_processors (),
           name != NULL ? name : "unknown CPU", g_getenv ("GSK_RENDERER"));
}

int
main (int    argc,
      char **argv)
{
  static const guint sizes[] = { 0, 5000, 50000 };
  Scenario scenarios[G_N_ELEMENTS (sizes)] = { { 0, } };
  g_autofree char *dir = NULL;
  g_autofree char *self_path = NULL;
  g_autofree Figures *bare_runs = NULL;
  g_autofree Figures *runs = NULL;
  Figures bare;
  guint n_runs = 3;
  gint64 start;
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");
  if (argc >= 5 && g_str_equal (argv[1], "child"))
    return run_child (argc, argv);

  if (!gtk_init_check ())
    {
      g_print ("bench-rest: no display: run it under xvfb-run to measure the window\n");
      return 0;
    }

  /* The windows read the settings schema of the build tree and write no settings. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", GSETTINGS_SCHEMA_DIR, FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (g_getenv ("BENCH_REST_RUNS") != NULL)
    n_runs = MAX (1, (guint) g_ascii_strtoull (g_getenv ("BENCH_REST_RUNS"), NULL, 10));
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  print_cpu_model ();
  dir = g_dir_make_tmp ("ssa-desk-bench-rest-XXXXXX", NULL);
  start = g_get_monotonic_time ();
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      scenarios[s].n_installations = sizes[s];
      /* Two installations a customer, as bench-gui's start-up database has them. */
      scenarios[s].n_customers = MAX (1, sizes[s] / 2);
      if (argc < 2 || (guint) g_ascii_strtoull (argv[1], NULL, 10) == sizes[s])
        scenarios[s].path = make_database (dir, sizes[s], scenarios[s].n_customers);
    }
  g_print ("(databases written in %.1f s; %u run(s) each, medians)\n\n",
           (g_get_monotonic_time () - start) / 1e6, n_runs);

  bare_runs = g_new0 (Figures, n_runs);
  runs = g_new0 (Figures, n_runs * G_N_ELEMENTS (sizes));
  for (guint r = 0; r < n_runs; r++)
    {
      if (!run_one (self_path, NULL, 0, &bare_runs[r]))
        return 1;
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          guint expect = sizes[s] == 0 ? 0 : sizes[s] + scenarios[s].n_customers;

          if (scenarios[s].path != NULL &&
              !run_one (self_path, scenarios[s].path, expect, &runs[s * n_runs + r]))
            return 1;
        }
    }
  bare = median_figures (bare_runs, n_runs);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    scenarios[s].median = median_figures (&runs[s * n_runs], n_runs);

  g_print ("%-34s %10s %10s   %s\n", "", "ssa-desk", "bare", "target");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      const Figures *f = &scenarios[s].median;
      gboolean rss_ok = TRUE;
      g_autofree char *rss_target = NULL;

      if (scenarios[s].path == NULL)
        continue;
      g_print ("%u installations (%u licence lines, %u customers)\n",
               sizes[s], sizes[s] * BENCH_LINES_PER_INSTALLATION,
               sizes[s] == 0 ? 0 : scenarios[s].n_customers);
      g_print ("  %-32s %7.1f ms %7.1f ms   ≤ bare + %.0f ms  %s\n", "idle CPU over 10 s",
               f->idle_cpu_ms, bare.idle_cpu_ms, IDLE_CPU_TARGET_MS,
               verdict (f->idle_cpu_ms <= bare.idle_cpu_ms + IDLE_CPU_TARGET_MS, &ok));
      if (sizes[s] == 5000)
        {
          rss_target = g_strdup_printf ("≤ %.2f × bare (%.0f MB)", RSS_RATIO_5000,
                                        RSS_RATIO_5000 * bare.rss_mb);
          rss_ok = f->rss_mb <= RSS_RATIO_5000 * bare.rss_mb;
        }
      else if (sizes[s] == 50000)
        {
          rss_target = g_strdup_printf ("≤ %.0f MB", RSS_TARGET_50000_MB);
          rss_ok = f->rss_mb <= RSS_TARGET_50000_MB;
        }
      if (rss_target != NULL)
        g_print ("  %-32s %7.1f MB %7.1f MB   %s  %s\n", "VmRSS after 3 s idle", f->rss_mb,
                 bare.rss_mb, rss_target, verdict (rss_ok, &ok));
      else
        g_print ("  %-32s %7.1f MB %7.1f MB   (no target)\n", "VmRSS after 3 s idle",
                 f->rss_mb, bare.rss_mb);
      g_print ("  %-32s %7.1f MB %7.1f MB\n", "VmHWM (peak)", f->hwm_mb, bare.hwm_mb);
      g_print ("  %-32s %7.1f MB %7.1f MB\n", "  of it malloc'd, in use", f->heap_used_mb,
               bare.heap_used_mb);
      g_print ("  %-32s %7.1f MB %7.1f MB\n", "  freed, kept by malloc", f->heap_free_mb,
               bare.heap_free_mb);
      /* In how many runs: whether the spinner shows depends on how long the load takes. */
      {
        guint n_rsvg = 0, n_spinner = 0, n_bare_rsvg = 0;

        for (guint r = 0; r < n_runs; r++)
          {
            n_rsvg += runs[s * n_runs + r].rsvg_mapped > 0.5;
            n_spinner += runs[s * n_runs + r].spinner_shown > 0.5;
            n_bare_rsvg += bare_runs[r].rsvg_mapped > 0.5;
          }
        g_print ("  %-32s %4u of %u %4u of %u runs\n", "  librsvg loaded (SVG drawn)", n_rsvg,
                 n_runs, n_bare_rsvg, n_runs);
        g_print ("  %-32s %4u of %u runs\n", "  a spinner shown while loading", n_spinner,
                 n_runs);
      }
      if (sizes[s] == 50000)
        {
          g_print ("  %-32s %7.1f ms %7.1f ms   ≤ %.0f ms  %s\n", "longest main-loop stall",
                   f->stall_ms, bare.stall_ms, STALL_TARGET_MS,
                   verdict (f->stall_ms <= STALL_TARGET_MS, &ok));
          g_print ("  %-32s %7.1f ms %7.1f ms   ≤ %.0f ms  %s\n", "time to interactive",
                   f->interactive_ms, bare.map_ms, INTERACTIVE_TARGET_MS,
                   verdict (f->interactive_ms <= INTERACTIVE_TARGET_MS, &ok));
        }
      else
        {
          g_print ("  %-32s %7.1f ms %7.1f ms\n", "longest main-loop stall", f->stall_ms,
                   bare.stall_ms);
          g_print ("  %-32s %7.1f ms %7.1f ms\n", "time to interactive", f->interactive_ms,
                   bare.map_ms);
        }
      g_print ("  %-32s %7.1f ms\n", "time until every row is listed", f->complete_ms);
    }
  g_print ("(bare: the bare libadwaita window; its time to interactive is its first map)\n");

  bench_remove_tree (dir);
  return ok ? 0 : 1;
}
