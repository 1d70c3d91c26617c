/* bench-limits.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cost of the largest installation SSA Desk takes (ssa-limits.h: 10 000 licence lines),
 * through the command line, each run a whole process of its own so that its time and peak
 * memory (maximum resident set) are the whole process's:
 *
 *   - quote, quote --json, offer create, offer create --json --xlsx --pdf, offer export;
 *   - each at a quarter, half and all of the limit, so that a cost that grows faster than
 *     the lines shows as a ratio above 2 from one size to the next.
 *
 * Targets (issue 11): a 10 000-line quote in at most 0.5 s and 100 MB. Times are the best of
 * several runs. Usage:
 *
 *   bench-limits [--runs N] [--cli PATH] [--strict]
 *
 * With --strict the exit status is 1 when a target is missed.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "ssa-limits.h"
#include "ssa-samples.h"
#include "bench-util.h"

#define TARGET_SECONDS 0.5
#define TARGET_MIB     100.0

typedef struct
{
  double   seconds;   /* best wall time */
  double   peak_mib;  /* the largest peak resident set of the runs */
  gboolean ok;
} Measure;

/* The covered products of the sample price list, cycled through. */
static const char * const codes[] = {
  "02-00039-002", "02-00039-101", "02-00039-301", "02-00039-311", "02-00039-401",
  "02-00039-501", "02-00040-001", "02-00040-002", "02-00040-003", "02-00040-004",
};

static char *
make_installation (guint n_lines,
                   guint serial)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out,
                          "{\"format\": \"ssa-desk-installation/1\",\n"
                          " \"customer\": {\"name\": \"Stor Kunde AS\", \"org_no\": "
                          "\"988077917\"},\n"
                          " \"name\": \"Hovedkontor %u\", \"serial\": \"IP811-BENCH-%u\",\n"
                          " \"deployment\": \"appliance\", \"firmware\": \"16r1\",\n"
                          " \"ssa_expiry\": \"2026-12-31\",\n \"licenses\": [\n",
                          n_lines, serial);
  for (guint i = 0; i < n_lines; i++)
    {
      if (i % 50 == 49)
        g_string_append_printf (out, "  {\"code\": \"90-00%03u-001\", \"quantity\": %u, "
                                "\"kind\": \"third_party\", \"name\": \"Tredjepart %u\"}",
                                i % 1000, 1 + i % 7, i);
      else if (i % 10 == 3)
        /* Some lines added later, with a back-payment of their own. */
        g_string_append_printf (out, "  {\"code\": \"%s\", \"quantity\": %u, "
                                "\"added_on\": \"2026-03-15\", \"covered_until\": "
                                "\"2026-06-30\"}",
                                codes[i % G_N_ELEMENTS (codes)], 1 + (i * 7) % 250);
      else
        g_string_append_printf (out, "  {\"code\": \"%s\", \"quantity\": %u}",
                                codes[i % G_N_ELEMENTS (codes)], 1 + (i * 7) % 250);
      g_string_append (out, i + 1 < n_lines ? ",\n" : "\n");
    }
  g_string_append (out, " ]}\n");
  return g_string_free (out, FALSE);
}

static void
measure (char    **argv,
         guint     runs,
         Measure  *m)
{
  m->seconds = G_MAXDOUBLE;
  m->peak_mib = 0;
  m->ok = TRUE;
  for (guint i = 0; i < runs; i++)
    {
      double seconds, peak;

      if (!bench_run_process (argv, &seconds, &peak))
        {
          m->ok = FALSE;
          return;
        }
      m->seconds = MIN (m->seconds, seconds);
      m->peak_mib = MAX (m->peak_mib, peak);
    }
}

static char *
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  if (!g_file_set_contents (path, data, length, NULL))
    g_error ("could not write %s", path);
  return g_steal_pointer (&path);
}

/* The measures of one size: the commands, and what each printed row says. */
enum
{
  QUOTE,
  QUOTE_JSON,
  CREATE,
  CREATE_DOCUMENTS,
  EXPORT_DOCUMENTS,
  N_MEASURES
};

static const char * const measure_names[N_MEASURES] = {
  "quote", "quote --json", "offer create", "offer create --json --xlsx --pdf",
  "offer export --json --xlsx --pdf",
};

/* Stores an installation of @n_lines in @db and measures every command on it. The number
 * of the offer to export is the first one `offer create` stored in this database. */
static gboolean
measure_size (const char *cli,
              const char *dir,
              const char *price_list,
              guint       n_lines,
              guint       runs,
              Measure     measures[N_MEASURES])
{
  g_autofree char *name = g_strdup_printf ("installation-%u.json", n_lines);
  g_autofree char *json = make_installation (n_lines, n_lines);
  g_autofree char *installation = write_file (dir, name, json, -1);
  g_autofree char *db_name = g_strdup_printf ("desk-%u.db", n_lines);
  g_autofree char *db = g_build_filename (dir, db_name, NULL);
  g_autofree char *out_json = g_build_filename (dir, "offer.json", NULL);
  g_autofree char *out_xlsx = g_build_filename (dir, "offer.xlsx", NULL);
  g_autofree char *out_pdf = g_build_filename (dir, "offer.pdf", NULL);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autofree char *number = g_strdup_printf ("%d-0001", g_date_time_get_year (today));
  char *import[] = { (char *) cli, "--db", db, "import", installation, NULL };
  char *quote[] = { (char *) cli, "quote", "--price-list", (char *) price_list,
                    "--installation", installation, "--today", "2026-11-28", NULL };
  char *quote_json[] = { (char *) cli, "quote", "--price-list", (char *) price_list,
                         "--installation", installation, "--today", "2026-11-28",
                         "--json", out_json, NULL };
  char *create[] = { (char *) cli, "--db", db, "offer", "create", "--installation", "1",
                     "--today", "2026-11-28", NULL };
  char *create_documents[] = { (char *) cli, "--db", db, "offer", "create", "--installation",
                               "1", "--today", "2026-11-28", "--json", out_json, "--xlsx",
                               out_xlsx, "--pdf", out_pdf, NULL };
  char *export_documents[] = { (char *) cli, "--db", db, "offer", "export", number, "--json",
                               out_json, "--xlsx", out_xlsx, "--pdf", out_pdf, NULL };
  char **commands[N_MEASURES] = { quote, quote_json, create, create_documents,
                                  export_documents };
  double seconds, peak;

  if (!bench_run_process (import, &seconds, &peak))
    {
      g_printerr ("bench-limits: could not import %u lines into %s\n", n_lines, db);
      return FALSE;
    }
  for (guint i = 0; i < N_MEASURES; i++)
    measure (commands[i], runs, &measures[i]);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  static const guint sizes[] = {
    SSA_LIMIT_MAX_LICENCE_LINES / 4, SSA_LIMIT_MAX_LICENCE_LINES / 2,
    SSA_LIMIT_MAX_LICENCE_LINES,
  };
  int runs = 3;
  char *cli_option = NULL;
  gboolean strict = FALSE;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measure (the best counts)", "N" },
    { "cli", 0, 0, G_OPTION_ARG_FILENAME, &cli_option, "The ssa-desk-cli to run", "PATH" },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict, "Exit 1 when a target is missed", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) price_list_bytes = ssa_samples_get_price_list_bytes ();
  g_autofree char *cli = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *price_list = NULL;
  Measure measures[G_N_ELEMENTS (sizes)][N_MEASURES];
  const Measure *quote;
  gboolean time_met, memory_met;
  gsize length;
  const char *data;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-limits: %s\n", error->message);
      return 2;
    }
  cli = g_strdup (cli_option != NULL ? cli_option : SSA_DESK_CLI);
  runs = MAX (runs, 1);

  dir = g_dir_make_tmp ("bench-limits-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("bench-limits: %s\n", error->message);
      return 1;
    }
  data = g_bytes_get_data (price_list_bytes, &length);
  price_list = write_file (dir, "price-list.json", data, (gssize) length);

  g_print ("Licence lines at the limit: %d; each row is a whole ssa-desk-cli process, the best "
           "of %d runs\n", SSA_LIMIT_MAX_LICENCE_LINES, runs);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    if (!measure_size (cli, dir, price_list, sizes[s], (guint) runs, measures[s]))
      {
        bench_remove_tree (dir);
        return 1;
      }

  g_print ("  %-34s", "");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    g_print ("  %11u lines", sizes[s]);
  g_print ("   growth\n");
  for (guint i = 0; i < N_MEASURES; i++)
    {
      const Measure *first = &measures[0][i];
      const Measure *last = &measures[G_N_ELEMENTS (sizes) - 1][i];

      g_print ("  %-34s", measure_names[i]);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          const Measure *m = &measures[s][i];

          if (m->ok)
            g_print ("  %5.0f ms %5.1f MiB", m->seconds * 1000, m->peak_mib);
          else
            g_print ("  %17s", "failed");
        }
      /* Four times the lines: about four times the time when the cost is linear. */
      if (first->ok && last->ok)
        g_print ("   x%.1f\n", last->seconds / first->seconds);
      else
        g_print ("\n");
    }

  quote = &measures[G_N_ELEMENTS (sizes) - 1][QUOTE];
  time_met = quote->ok && quote->seconds <= TARGET_SECONDS;
  memory_met = quote->ok && quote->peak_mib <= TARGET_MIB;
  g_print ("\n  target: a %d-line quote in at most %.1f s: %s\n", SSA_LIMIT_MAX_LICENCE_LINES,
           TARGET_SECONDS, time_met ? "met" : "MISSED");
  g_print ("  target: a %d-line quote in at most %.0f MB: %s\n", SSA_LIMIT_MAX_LICENCE_LINES,
           TARGET_MIB, memory_met ? "met" : "MISSED");

  bench_remove_tree (dir);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint i = 0; i < N_MEASURES; i++)
      if (!measures[s][i].ok)
        return 1;
  return strict && !(time_met && memory_met) ? 1 : 0;
}
