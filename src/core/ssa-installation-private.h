/* ssa-installation-private.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ssa-installation.h"

G_BEGIN_DECLS

/* A licence line as the database loader hands it over: what SsaLicence holds, in a struct
 * of 56 bytes instead of an object, its strings interned. */
typedef struct
{
  gint64      id;
  gint64      quantity;
  const char *code;           /* interned */
  const char *name;           /* interned, nullable */
  GDate       added_on;       /* cleared when absent */
  GDate       covered_until;  /* cleared when absent */
  SsaKind     kind;
  gboolean    has_kind;
} SsaStoredLine;

void ssa_installation_add_stored_lines (SsaInstallation     *self,
                                        const SsaStoredLine *lines,
                                        guint                n_lines);

G_END_DECLS
