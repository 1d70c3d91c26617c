/* ssa-version.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ssa-version.h"

static gboolean
read_number (const char **p,
             int         *out)
{
  gint64 value = 0;

  if (!g_ascii_isdigit (**p))
    return FALSE;
  for (; g_ascii_isdigit (**p); (*p)++)
    {
      value = value * 10 + (**p - '0');
      if (value > 9999)
        return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

/**
 * ssa_firmware_version_parse:
 * @text: a firmware version as innovaphone writes it
 * @out: (out): its major version and release
 *
 * Understands "13r2", "13r2sr14", "13r2 sr14", "V13r2", "14r1 hotfix 3", "12r1 dvl", "9",
 * "9 hotfix 10" and "6.00": the major version is the leading number, the release the
 * "rN" after it (1 where absent); a ".NN" after the major version and whatever follows
 * (service release, hotfix, build tags) do not matter for support decisions.
 *
 * Returns: %FALSE when @text does not start with a version number.
 */
gboolean
ssa_firmware_version_parse (const char         *text,
                            SsaFirmwareVersion *out)
{
  const char *p;
  int major;
  int release = 1;
  int ignored;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (p = text; g_ascii_isspace (*p); p++)
    ;
  if (*p == 'V' || *p == 'v')
    p++;

  if (!read_number (&p, &major))
    return FALSE;

  if (*p == '.')
    {
      p++;
      if (!read_number (&p, &ignored))
        return FALSE;
    }

  if ((*p == 'r' || *p == 'R') && g_ascii_isdigit (p[1]))
    {
      p++;
      if (!read_number (&p, &release) || release < 1)
        return FALSE;
    }

  /* What follows must be a separate word ("sr14", " hotfix 3", " dvl"), not more of the
   * number ("13x2", "13.2.1"). */
  if (*p != '\0' && !g_ascii_isspace (*p) && !g_ascii_isalpha (*p))
    return FALSE;

  out->major = major;
  out->release = release;
  return TRUE;
}
