/* ssa-org-no.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean ssa_org_no_is_valid (const char *text);
char    *ssa_org_no_format   (const char *text,
                              gboolean    vat_registered);

G_END_DECLS
