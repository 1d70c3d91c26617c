/* bench-docs.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The documents' speed targets (issue 5), for an installation of 5 000 licence lines
 * quoted through the command line:
 *
 *   - the workbook (`quote --xlsx`) beside a bare libxlsxwriter program writing the same
 *     cells with the same formulas (target: within 1.5×), and beside LibreOffice converting
 *     the same table from CSV to xlsx (so at least 10× faster than LibreOffice);
 *   - the printed offer (`quote --pdf`, about a hundred A4 pages): target under 1 s.
 *
 * Each is run in a process of its own, so that its peak memory (the process's maximum
 * resident set) is its own; times are the best of several runs. Usage:
 *
 *   bench-docs [--lines N] [--runs N] [--cli PATH] [--no-libreoffice] [--strict]
 *
 * With --strict the exit status is 1 when a target is missed.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "ssa-date.h"
#include "ssa-offer-pdf.h"
#include "ssa-offer-xlsx.h"
#include "ssa-samples.h"
#include "bench-util.h"

typedef struct
{
  double seconds;             /* best wall time */
  double peak_mib;            /* the largest peak resident set of the runs */
  gboolean ok;
} Measure;

/* The covered products of the sample price list, cycled through. */
static const char * const codes[] = {
  "02-00039-002", "02-00039-101", "02-00039-301", "02-00039-311", "02-00039-401",
  "02-00039-501", "02-00040-001", "02-00040-002", "02-00040-003", "02-00040-004",
};

static char *
make_installation (guint n_lines)
{
  GString *out = g_string_new (NULL);
  guint i;

  g_string_append (out,
                   "{\"format\": \"ssa-desk-installation/1\",\n"
                   " \"customer\": {\"name\": \"Stor Kunde AS\", \"org_no\": \"988077917\"},\n"
                   " \"name\": \"Hovedkontor\", \"serial\": \"IP811-00-90-33-12-34-56\",\n"
                   " \"deployment\": \"appliance\", \"firmware\": \"16r1\",\n"
                   " \"ssa_expiry\": \"2026-12-31\",\n \"licenses\": [\n");
  for (i = 0; i < n_lines; i++)
    {
      if (i % 50 == 49)
        g_string_append_printf (out, "  {\"code\": \"90-00%03u-001\", \"quantity\": %u, "
                                "\"kind\": \"third_party\", \"name\": \"Tredjepart %u\"}",
                                i % 1000, 1 + i % 7, i);
      else
        g_string_append_printf (out, "  {\"code\": \"%s\", \"quantity\": %u}",
                                codes[i % G_N_ELEMENTS (codes)], 1 + (i * 7) % 250);
      g_string_append (out, i + 1 < n_lines ? ",\n" : "\n");
    }
  g_string_append (out, " ]}\n");
  return g_string_free (out, FALSE);
}

typedef double (*Work) (gpointer data);

/* Runs @work in a child process, which reports the time of the work itself. */
static gboolean
run_forked (Work      work,
            gpointer  data,
            double   *seconds,
            double   *peak_mib)
{
  struct rusage usage;
  int fds[2];
  int status;
  pid_t pid;

  if (pipe (fds) != 0)
    return FALSE;
  pid = fork ();
  if (pid < 0)
    return FALSE;
  if (pid == 0)
    {
      double elapsed = work (data);

      close (fds[0]);
      if (write (fds[1], &elapsed, sizeof elapsed) != sizeof elapsed)
        _exit (1);
      _exit (elapsed >= 0 ? 0 : 1);
    }
  close (fds[1]);
  if (read (fds[0], seconds, sizeof *seconds) != sizeof *seconds)
    *seconds = -1;
  close (fds[0]);
  if (wait4 (pid, &status, 0, &usage) != pid)
    return FALSE;
  *peak_mib = usage.ru_maxrss / 1024.0;
  return WIFEXITED (status) && WEXITSTATUS (status) == 0 && *seconds >= 0;
}

typedef gboolean (*Runner) (gpointer  data,
                            double   *seconds,
                            double   *peak_mib);

typedef struct
{
  Work     work;
  gpointer data;
} Forked;

static gboolean
run_process_cb (gpointer  data,
                double   *seconds,
                double   *peak_mib)
{
  return bench_run_process (data, seconds, peak_mib);
}

static gboolean
run_forked_cb (gpointer  data,
               double   *seconds,
               double   *peak_mib)
{
  Forked *forked = data;

  return run_forked (forked->work, forked->data, seconds, peak_mib);
}

/* The best time and the largest peak memory of @runs runs. */
static void
measure (Runner    runner,
         gpointer  data,
         guint     runs,
         Measure  *m)
{
  guint i;

  m->seconds = G_MAXDOUBLE;
  m->peak_mib = 0;
  m->ok = TRUE;
  for (i = 0; i < runs; i++)
    {
      double seconds, peak;

      if (!runner (data, &seconds, &peak))
        {
          m->ok = FALSE;
          return;
        }
      m->seconds = MIN (m->seconds, seconds);
      m->peak_mib = MAX (m->peak_mib, peak);
    }
}

static void
measure_process (char    **argv,
                 guint     runs,
                 Measure  *m)
{
  measure (run_process_cb, argv, runs, m);
}

static void
measure_forked (Work      work,
                gpointer  data,
                guint     runs,
                Measure  *m)
{
  Forked forked = { work, data };

  measure (run_forked_cb, &forked, runs, m);
}

/* In-process work */

typedef struct
{
  SsaOffer     *offer;
  SsaInventory *inventory;
  char         *dir;
  gboolean    (*write) (const SsaOffer *, const SsaInventory *, const SsaDocumentInfo *,
                        const char *, GError **);
  const char   *name;
} Context;

/* Writes the offer with the writer the context names (the in-process measures). */
static double
work_document (gpointer data)
{
  Context *c = data;
  g_autofree char *path = g_build_filename (c->dir, c->name, NULL);
  double start = bench_now ();

  if (!c->write (c->offer, c->inventory, NULL, path, NULL))
    return -1;
  return bench_now () - start;
}

/* The bare program: the same cells and formulas (the lines table, the totals' sums, the
 * licences sheet), with libxlsxwriter alone: no formats, no labels, no layout. The offer has
 * one line per inventory line here (no back-payment). */
static double
work_bare (gpointer data)
{
  Context *c = data;
  g_autofree char *path = g_build_filename (c->dir, "bare.xlsx", NULL);
  double start = bench_now ();
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, NULL);
  guint first = 5, last = first + c->offer->lines->len - 1;
  char formula[256];
  guint i;

  for (i = 0; i < c->offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (c->offer->lines, SsaOfferLine, i);
      lxw_row_t row = first - 1 + i;
      guint n = row + 1;

      worksheet_write_string (sheet, row, 0, line->code, NULL);
      worksheet_write_string (sheet, row, 1, line->name, NULL);
      worksheet_write_string (sheet, row, 2, ssa_segment_to_string (line->segment), NULL);
      worksheet_write_number (sheet, row, 3, line->quantity, NULL);
      worksheet_write_number (sheet, row, 4, line->ssc_per_year / 100.0, NULL);
      if (line->segment == SSA_SEGMENT_REGULAR || line->segment == SSA_SEGMENT_BACKPAY)
        {
          lxw_datetime from = { g_date_get_year (&line->start), g_date_get_month (&line->start),
                                g_date_get_day (&line->start), 0, 0, 0 };
          lxw_datetime to = { g_date_get_year (&line->end), g_date_get_month (&line->end),
                              g_date_get_day (&line->end), 0, 0, 0 };

          worksheet_write_datetime (sheet, row, 5, &from, NULL);
          worksheet_write_datetime (sheet, row, 6, &to, NULL);
          g_snprintf (formula, sizeof formula,
                      "=(YEAR(G%u)-YEAR(F%u))*12+MONTH(G%u)-MONTH(F%u)+IF(DAY(G%u)>=DAY(F%u),1,0)",
                      n, n, n, n, n, n);
          worksheet_write_formula_num (sheet, row, 7, formula, NULL, line->months);
          g_snprintf (formula, sizeof formula, "=ROUND(D%u*E%u*H%u/12,2)", n, n, n);
          worksheet_write_formula_num (sheet, row, 8, formula, NULL, line->ssc / 100.0);
          g_snprintf (formula, sizeof formula, "=ROUND(I%u*$M$20,2)", n);
          worksheet_write_formula_num (sheet, row, 9, formula, NULL, line->amount / 100.0);
        }
      else
        {
          worksheet_write_number (sheet, row, 7, 0, NULL);
          worksheet_write_number (sheet, row, 8, 0, NULL);
          worksheet_write_number (sheet, row, 9, 0, NULL);
        }
    }
  worksheet_write_number (sheet, 19, 12, c->offer->ssc_price / 100.0, NULL);
  /* The licences sheet's cells: the inventory. */
  {
    lxw_worksheet *licences = workbook_add_worksheet (workbook, NULL);

    for (i = 0; i < c->inventory->lines->len; i++)
      {
        const SsaInventoryLine *line = &g_array_index (c->inventory->lines, SsaInventoryLine, i);
        const SsaOfferLine *offer_line = &g_array_index (c->offer->lines, SsaOfferLine, i);

        worksheet_write_string (licences, 5 + i, 0, line->code, NULL);
        worksheet_write_string (licences, 5 + i, 1, offer_line->name, NULL);
        worksheet_write_string (licences, 5 + i, 2, ssa_kind_to_string (offer_line->kind), NULL);
        worksheet_write_number (licences, 5 + i, 3, line->quantity, NULL);
        worksheet_write_string (licences, 5 + i, 6,
                                ssa_kind_is_covered (offer_line->kind) ? "Ja" : "Nei", NULL);
      }
  }
  g_snprintf (formula, sizeof formula, "=SUM(I%u:I%u)", first, last);
  worksheet_write_formula_num (sheet, 29, 12, formula, NULL, c->offer->totals.ssc / 100.0);
  g_snprintf (formula, sizeof formula, "=SUMIF(C%u:C%u,\"regular\",J%u:J%u)", first, last,
              first, last);
  worksheet_write_formula_num (sheet, 30, 12, formula, NULL, c->offer->totals.regular / 100.0);
  if (workbook_close (workbook) != LXW_NO_ERROR)
    return -1;
  return bench_now () - start;
}

/* The same table as CSV, for LibreOffice to convert. */
static char *
write_csv (Context *c)
{
  g_autofree char *path = g_build_filename (c->dir, "table.csv", NULL);
  GString *out = g_string_new ("code,name,segment,quantity,ssc_per_year,from,to,months,ssc,"
                               "amount\n");
  guint i;

  for (i = 0; i < c->offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (c->offer->lines, SsaOfferLine, i);
      g_autofree char *from = ssa_date_is_set (&line->start) ? ssa_date_to_iso (&line->start)
                                                             : g_strdup ("");
      g_autofree char *to = ssa_date_is_set (&line->end) ? ssa_date_to_iso (&line->end)
                                                         : g_strdup ("");
      g_autofree char *per_year = ssa_decimal_to_string (line->ssc_per_year);
      g_autofree char *ssc = ssa_decimal_to_string (line->ssc);
      g_autofree char *amount = ssa_decimal_to_string (line->amount);

      g_string_append_printf (out, "%s,\"%s\",%s,%" G_GINT64_FORMAT ",%s,%s,%s,%d,%s,%s\n",
                              line->code, line->name, ssa_segment_to_string (line->segment),
                              line->quantity, per_year, from, to, line->months, ssc, amount);
    }
  if (!g_file_set_contents (path, out->str, out->len, NULL))
    g_error ("could not write %s", path);
  g_string_free (out, TRUE);
  return g_steal_pointer (&path);
}

static void
print_row (const char    *what,
           const Measure *m)
{
  if (m->ok)
    g_print ("  %-46s %8.0f ms   peak %6.1f MiB\n", what, m->seconds * 1000, m->peak_mib);
  else
    g_print ("  %-46s   failed\n", what);
}

static const char *
verdict (gboolean met)
{
  return met ? "met" : "MISSED";
}

int
main (int    argc,
      char **argv)
{
  int lines = 5000, runs = 3;
  char *cli_option = NULL;
  gboolean no_libreoffice = FALSE, strict = FALSE;
  const GOptionEntry entries[] = {
    { "lines", 0, 0, G_OPTION_ARG_INT, &lines, "Licence lines of the installation", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs of each measure (the best counts)", "N" },
    { "cli", 0, 0, G_OPTION_ARG_FILENAME, &cli_option, "The ssa-desk-cli to run", "PATH" },
    { "no-libreoffice", 0, 0, G_OPTION_ARG_NONE, &no_libreoffice, "Skip LibreOffice", NULL },
    { "strict", 0, 0, G_OPTION_ARG_NONE, &strict, "Exit 1 when a target is missed", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(GBytes) price_list_bytes = NULL;
  g_autofree char *cli = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *price_list_path = NULL;
  g_autofree char *installation_path = NULL;
  g_autofree char *installation = NULL;
  g_autofree char *xlsx_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *soffice = NULL;
  Measure cli_xlsx = { 0 }, cli_pdf = { 0 }, lib_xlsx = { 0 }, lib_pdf = { 0 };
  Measure bare = { 0 }, libreoffice = { 0 };
  SsaOfferRequest request;
  Context c = { 0 };
  guint n_pages = 0;
  gboolean all_met = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-docs: %s\n", error->message);
      return 2;
    }
  lines = CLAMP (lines, 1, 1000000);
  runs = CLAMP (runs, 1, 100);

  dir = g_dir_make_tmp ("ssa-bench-docs-XXXXXX", &error);
  g_assert_no_error (error);
  price_list_bytes = ssa_samples_get_price_list_bytes ();
  price_list_path = g_build_filename (dir, "price-list.json", NULL);
  installation_path = g_build_filename (dir, "installation.json", NULL);
  installation = make_installation (lines);
  g_assert_true (g_file_set_contents (price_list_path, g_bytes_get_data (price_list_bytes, NULL),
                                      g_bytes_get_size (price_list_bytes), NULL));
  g_assert_true (g_file_set_contents (installation_path, installation, -1, NULL));

  price_list = ssa_price_list_new_from_file (price_list_path, &error);
  g_assert_no_error (error);
  inventory = ssa_inventory_new_from_file (installation_path, &error);
  g_assert_no_error (error);
  ssa_offer_request_init (&request);
  ssa_date_parse ("2026-11-28", &request.today, NULL);
  offer = ssa_offer_compute (price_list, inventory, &request, &error);
  g_assert_no_error (error);
  c.offer = offer;
  c.inventory = inventory;
  c.dir = dir;

  {
    g_autoptr(SsaOfferPdf) pdf = ssa_offer_pdf_new (offer, inventory, NULL, NULL);

    n_pages = ssa_offer_pdf_paginate (pdf, SSA_OFFER_PDF_A4_WIDTH, SSA_OFFER_PDF_A4_HEIGHT);
  }

  g_print ("bench-docs: an installation of %d licence lines, an offer of %u lines "
           "(%u A4 pages), best of %d runs\n", lines, offer->lines->len, n_pages, runs);

  /* The command line built with this benchmark, unless --cli names another. */
  cli = g_strdup (cli_option != NULL ? cli_option : SSA_DESK_CLI);
  xlsx_path = g_build_filename (dir, "cli.xlsx", NULL);
  pdf_path = g_build_filename (dir, "cli.pdf", NULL);
  if (cli != NULL)
    {
      char *xlsx_argv[] = { cli, (char *) "quote", (char *) "--price-list", price_list_path,
                            (char *) "--installation", installation_path,
                            (char *) "--today", (char *) "2026-11-28",
                            (char *) "--xlsx", xlsx_path, NULL };
      char *pdf_argv[] = { cli, (char *) "quote", (char *) "--price-list", price_list_path,
                           (char *) "--installation", installation_path,
                           (char *) "--today", (char *) "2026-11-28",
                           (char *) "--pdf", pdf_path, NULL };

      measure_process (xlsx_argv, runs, &cli_xlsx);
      measure_process (pdf_argv, runs, &cli_pdf);
    }
  c.write = ssa_offer_xlsx_write;
  c.name = "inprocess.xlsx";
  measure_forked (work_document, &c, runs, &lib_xlsx);
  measure_forked (work_bare, &c, runs, &bare);
  c.write = ssa_offer_pdf_write;
  c.name = "inprocess.pdf";
  measure_forked (work_document, &c, runs, &lib_pdf);

  soffice = no_libreoffice ? NULL : g_find_program_in_path ("soffice");
  if (soffice != NULL)
    {
      g_autofree char *csv = write_csv (&c);
      g_autofree char *profile = g_build_filename (dir, "lo-profile", NULL);
      g_autofree char *profile_arg = g_strdup_printf ("-env:UserInstallation=file://%s", profile);
      g_autofree char *outdir = g_build_filename (dir, "lo", NULL);
      char *lo_argv[] = { soffice, profile_arg, (char *) "--headless", (char *) "--norestore",
                          (char *) "--convert-to", (char *) "xlsx", (char *) "--outdir", outdir,
                          csv, NULL };
      Measure warm_up;

      /* The first run creates the profile: time the later ones. */
      measure_process (lo_argv, 1, &warm_up);
      measure_process (lo_argv, runs, &libreoffice);
    }

  if (cli != NULL)
    print_row ("workbook: ssa-desk-cli quote --xlsx", &cli_xlsx);
  else
    g_print ("  (ssa-desk-cli not found: give --cli PATH)\n");
  print_row ("workbook: ssa_offer_xlsx_write()", &lib_xlsx);
  print_row ("workbook: bare libxlsxwriter, same cells", &bare);
  if (soffice != NULL)
    print_row ("workbook: LibreOffice, CSV to xlsx", &libreoffice);
  else
    g_print ("  %-46s   skipped\n", "workbook: LibreOffice, CSV to xlsx");
  if (cli != NULL)
    print_row ("printed offer: ssa-desk-cli quote --pdf", &cli_pdf);
  print_row ("printed offer: ssa_offer_pdf_write()", &lib_pdf);

  g_print ("targets:\n");
  if (cli_xlsx.ok && bare.ok && cli != NULL)
    {
      double ratio = cli_xlsx.seconds / bare.seconds;
      gboolean met = ratio <= 1.5;

      g_print ("  workbook within 1.5x the bare write: %.2fx (the writer alone %.2fx): %s\n",
               ratio, lib_xlsx.seconds / bare.seconds, verdict (met));
      all_met &= met;
    }
  if (cli_xlsx.ok && libreoffice.ok && soffice != NULL)
    {
      double ratio = libreoffice.seconds / cli_xlsx.seconds;
      gboolean met = ratio >= 10;

      g_print ("  workbook at least 10x faster than LibreOffice: %.1fx: %s\n", ratio,
               verdict (met));
      all_met &= met;
    }
  if (cli_pdf.ok && cli != NULL)
    {
      gboolean met = cli_pdf.seconds <= 1.0;

      g_print ("  printed offer (%u pages) under 1 s: %.2f s: %s\n", n_pages, cli_pdf.seconds,
               verdict (met));
      all_met &= met;
    }

  bench_remove_tree (dir);
  g_free (cli_option);
  return strict && !all_met ? 1 : 0;
}
