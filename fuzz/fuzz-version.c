/* fuzz-version.c: firmware versions as installations give them
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fuzz-common.h"

#include "ssa-version.h"

/* A version that is read has a major version and a release in the range the reader allows,
 * and written plainly ("13r2") it reads back the same, also with a service release after
 * it. */

FUZZ_DEFINE_INITIALIZE

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  SsaFirmwareVersion version = { -1, -1 };

  if (ssa_firmware_version_parse (text, &version))
    {
      g_autofree char *plain = g_strdup_printf ("%dr%d", version.major, version.release);
      g_autofree char *with_sr = g_strdup_printf ("V%dr%d sr14", version.major,
                                                  version.release);
      SsaFirmwareVersion again = { -1, -1 };

      fuzz_check (version.major >= 0 && version.major <= 9999);
      fuzz_check (version.release >= 1 && version.release <= 9999);
      fuzz_check (ssa_firmware_version_parse (plain, &again));
      fuzz_check (again.major == version.major && again.release == version.release);
      fuzz_check (ssa_firmware_version_parse (with_sr, &again));
      fuzz_check (again.major == version.major && again.release == version.release);
    }
  else
    fuzz_check (version.major == -1 && version.release == -1);

  return 0;
}
