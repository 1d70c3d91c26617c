/* bench-customers.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing a customer list of 5 000 customers (target under 1 s): a Windows-1252 file with
 * ";" as an accounting program exports it, read, checked and stored into a new database
 * (all created), then again (all unchanged) and with every e-mail address changed (all
 * updated); and `ssa-desk-cli import-customers` on it as a process of its own (open, daily
 * backup, read, store), with its peak memory. Best of 3 runs each.
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "ssa-customer-import.h"
#include "ssa-db.h"

#include "bench-util.h"

#define N_CUSTOMERS 5000
#define RUNS        3

/* The @n-th valid organisation number above 810 000 000. */
static void
org_no (guint n,
        char  out[10])
{
  static const int weights[] = { 3, 2, 7, 6, 5, 4, 3, 2 };

  for (guint base = 81000000 + n * 2; ; base++)
    {
      int sum = 0;
      int check;

      g_snprintf (out, 10, "%08u", base);
      for (int i = 0; i < 8; i++)
        sum += (out[i] - '0') * weights[i];
      check = 11 - sum % 11;
      if (check == 11)
        check = 0;
      if (check == 10)
        continue;
      out[8] = '0' + check;
      out[9] = '\0';
      return;
    }
}

static char *
make_list (const char *mail_domain,
           gsize      *length)
{
  g_autoptr(GString) text = g_string_new ("Navn;Organisasjonsnummer;Adresse;Postnummer;"
                                          "Poststed;E-post;Kontaktperson\r\n");
  char number[10];
  char *data;

  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      org_no (i, number);
      /* One in ten without a number, as private customers are. */
      g_string_append_printf (text, "\"Kunde %04u Ærlig, Sønn & Co AS\";%s;Storgata %u;%04u;"
                              "Tromsø;post%u@%s;Øystein %u\r\n", i,
                              i % 10 == 9 ? "" : number, i % 200 + 1, 1000 + i % 8000, i,
                              mail_domain, i);
    }
  data = g_convert (text->str, text->len, "WINDOWS-1252", "UTF-8", NULL, length, NULL);
  g_assert (data != NULL);
  return data;
}

static double
ms_since (double start)
{
  return (bench_now () - start) * 1000.0;
}

/* Reads @data and stores it; returns the milliseconds. */
static double
import (SsaDb      *db,
        const char *data,
        gsize       length,
        guint      *created,
        guint      *updated,
        guint      *unchanged)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaCustomerCsv) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  SsaCustomerImportCounts counts;
  double start = bench_now ();

  csv = ssa_customer_csv_read (data, length, "customers.csv", &error);
  if (csv != NULL)
    rows = ssa_customer_csv_get_rows (csv, &error);
  if (rows == NULL || !ssa_customer_import_store (db, rows, &counts, &error))
    g_error ("import: %s", error->message);
  *created = counts.created;
  *updated = counts.updated;
  *unchanged = counts.unchanged;
  return ms_since (start);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *list = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *file = NULL;
  gsize list_length = 0;
  gsize changed_length = 0;
  double best[3] = { G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE };
  double cli_best = G_MAXDOUBLE;
  double cli_peak = 0;
  guint c = 0, u = 0, n = 0;

  setlocale (LC_ALL, "");
  dir = g_dir_make_tmp ("bench-customers-XXXXXX", NULL);
  g_assert (dir != NULL);
  list = make_list ("kunde.example", &list_length);
  changed = make_list ("faktura.example", &changed_length);
  file = g_build_filename (dir, "customers.csv", NULL);
  g_assert (g_file_set_contents (file, list, list_length, NULL));

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/run%u.db", dir, run);
      g_autoptr(SsaDb) db = ssa_db_open (path, SSA_DB_OPEN_DEFAULT, &error);

      g_assert (db != NULL);
      double ms;

      /* (MIN () would run the import twice.) */
      ms = import (db, list, list_length, &c, &u, &n);
      g_assert (c == N_CUSTOMERS);
      best[0] = MIN (best[0], ms);
      ms = import (db, list, list_length, &c, &u, &n);
      g_assert (n == N_CUSTOMERS);
      best[1] = MIN (best[1], ms);
      ms = import (db, changed, changed_length, &c, &u, &n);
      g_assert (u == N_CUSTOMERS);
      best[2] = MIN (best[2], ms);
    }

  for (guint run = 0; run < RUNS; run++)
    {
      g_autofree char *path = g_strdup_printf ("%s/cli%u.db", dir, run);
      char *cli_argv[] = { (char *) SSA_DESK_CLI, (char *) "--db", path,
                           (char *) "import-customers", file, NULL };
      double seconds, peak;

      if (!bench_run_process (cli_argv, &seconds, &peak))
        g_error ("ssa-desk-cli import-customers failed");
      cli_best = MIN (cli_best, seconds * 1000.0);
      cli_peak = MAX (cli_peak, peak);
    }

  g_print ("import %u customers (Windows-1252, “;”), best of %u:\n", N_CUSTOMERS, RUNS);
  g_print ("  into a new database (all created): %8.2f ms   (target < 1000 ms)\n", best[0]);
  g_print ("  the same file again (all unchanged): %6.2f ms   (target < 1000 ms)\n", best[1]);
  g_print ("  every e-mail changed (all updated): %7.2f ms   (target < 1000 ms)\n", best[2]);
  g_print ("  ssa-desk-cli import-customers:      %7.2f ms   (target < 1000 ms), "
           "peak %.1f MiB\n", cli_best, cli_peak);

  bench_remove_tree (dir);
  return best[0] < 1000 && best[1] < 1000 && best[2] < 1000 && cli_best < 1000 ? 0 : 1;
}
