/* ssa-installation-private.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (SSA_CORE_COMPILATION)
#error "Only the files of src/core may include this header."
#endif

#include "ssa-installation.h"
#include "ssa-limits.h"

G_BEGIN_DECLS

/* A licence line as the database loader hands it over: what SsaLicence holds, in a struct
 * of 40 bytes instead of an object, its strings interned. */
typedef struct
{
  gint64      id;
  const char *code;           /* interned */
  const char *name;           /* interned, nullable */
  gint32      quantity;       /* 1 to 1 000 000 (the schema's CHECK) */
  guint32     added_on;       /* a Julian day (g_date_get_julian()), 0 when absent */
  guint32     covered_until;  /* a Julian day, 0 when absent */
  guint8      kind;           /* SsaKind */
  guint8      has_kind;
} SsaStoredLine;

G_STATIC_ASSERT (SSA_LIMIT_MAX_QUANTITY <= G_MAXINT32);

/* A GDate as an SsaStoredLine keeps it, and back. */
static inline guint32
ssa_stored_date (const GDate *date)
{
  return g_date_valid (date) ? g_date_get_julian (date) : 0;
}

static inline void
ssa_stored_date_to_gdate (guint32  julian,
                          GDate   *out)
{
  g_date_clear (out, 1);
  if (julian != 0)
    g_date_set_julian (out, julian);
}

void ssa_installation_add_stored_lines   (SsaInstallation     *self,
                                          const SsaStoredLine *lines,
                                          guint                n_lines);
void ssa_installation_flush_stored_lines (SsaInstallation     *self);

G_END_DECLS
