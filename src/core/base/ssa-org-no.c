/* ssa-org-no.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "ssa-org-no.h"

/**
 * ssa_org_no_is_valid:
 * @text: an organisation number
 *
 * Checks a Norwegian organisation number: nine digits, the last a modulus 11 check
 * digit with the weights 3 2 7 6 5 4 3 2 (a remainder that would need check digit 10
 * never occurs in a real number).
 */
gboolean
ssa_org_no_is_valid (const char *text)
{
  static const int weights[] = { 3, 2, 7, 6, 5, 4, 3, 2 };
  int sum = 0;
  int check;
  int i;

  if (text == NULL || strlen (text) != 9)
    return FALSE;
  for (i = 0; i < 9; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  for (i = 0; i < 8; i++)
    sum += (text[i] - '0') * weights[i];

  check = 11 - sum % 11;
  if (check == 11)
    check = 0;
  if (check == 10)
    return FALSE;

  return check == text[8] - '0';
}

/**
 * ssa_org_no_format:
 * @text: an organisation number of nine digits
 * @vat_registered: whether "MVA" follows
 *
 * Returns: (transfer full): "988 077 917" or "988 077 917 MVA"; other text unchanged (nine
 *   bytes that are not nine digits too: cutting them in threes could split a character).
 */
char *
ssa_org_no_format (const char *text,
                   gboolean    vat_registered)
{
  g_return_val_if_fail (text != NULL, NULL);

  if (strlen (text) != 9)
    return g_strdup (text);
  for (int i = 0; i < 9; i++)
    if (!g_ascii_isdigit (text[i]))
      return g_strdup (text);

  return g_strdup_printf ("%.3s %.3s %.3s%s", text, text + 3, text + 6,
                          vat_registered ? " MVA" : "");
}
