/* fuzz-org-no.c: Norwegian organisation numbers
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fuzz-common.h"

#include "ssa-org-no.h"

/* A valid number is nine digits whose check digit matches; formatted for a document it
 * becomes "988 077 917" (with " MVA" when VAT registered), and without the spaces it is
 * the same valid number again. Formatting never fails, and text that is UTF-8 stays
 * UTF-8. */

FUZZ_DEFINE_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_autofree char *plain = ssa_org_no_format (text, FALSE);
  g_autofree char *vat = ssa_org_no_format (text, TRUE);

  fuzz_check (plain != NULL && vat != NULL);
  if (g_utf8_validate (text, -1, NULL))
    fuzz_check (g_utf8_validate (plain, -1, NULL) && g_utf8_validate (vat, -1, NULL));

  if (ssa_org_no_is_valid (text))
    {
      g_auto(GStrv) groups = g_strsplit (plain, " ", -1);
      g_autofree char *joined = g_strjoinv ("", groups);
      g_autofree char *expected_vat = g_strconcat (plain, " MVA", NULL);

      fuzz_check (strlen (text) == 9);
      for (guint i = 0; i < 9; i++)
        fuzz_check (g_ascii_isdigit (text[i]));
      fuzz_check (g_strv_length (groups) == 3);
      fuzz_check (g_str_equal (joined, text));
      fuzz_check (ssa_org_no_is_valid (joined));
      fuzz_check (g_str_equal (vat, expected_vat));
    }

  return 0;
}
