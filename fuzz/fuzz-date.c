/* fuzz-date.c: dates as the files and the command line write them
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fuzz-common.h"

#include "ssa-csv.h"
#include "ssa-date.h"

/* ssa_date_parse () reads YYYY-MM-DD strictly, so a date it accepts is written back as the
 * very same text. ssa_csv_parse_date () also reads DD.MM.YYYY; whatever it accepts is
 * written and read back as the same day, in both forms. */

FUZZ_DEFINE_INITIALIZE

static void
check_round_trip (const GDate *date)
{
  g_autofree char *iso = ssa_date_to_iso (date);
  g_autofree char *nb = ssa_date_format (date, SSA_LANG_NB);
  GDate again;

  fuzz_check (ssa_date_parse (iso, &again, NULL));
  fuzz_check (g_date_compare (date, &again) == 0);
  fuzz_check (ssa_csv_parse_date (nb, &again));
  fuzz_check (g_date_compare (date, &again) == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_autoptr(GError) error = NULL;
  GDate date;

  if (ssa_date_parse (text, &date, &error))
    {
      g_autofree char *iso = ssa_date_to_iso (&date);

      fuzz_check (error == NULL);
      fuzz_check (g_str_equal (iso, text));
      check_round_trip (&date);
    }
  else
    fuzz_check (error != NULL);

  if (ssa_csv_parse_date (text, &date))
    check_round_trip (&date);

  return 0;
}
