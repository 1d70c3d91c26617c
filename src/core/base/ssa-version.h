/* ssa-version.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  int major;
  int release;
} SsaFirmwareVersion;

gboolean ssa_firmware_version_parse (const char         *text,
                                     SsaFirmwareVersion *out);

G_END_DECLS
