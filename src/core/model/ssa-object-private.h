/* ssa-object-private.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (SSA_CORE_COMPILATION)
#error "Only the files of src/core may include this header."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* Setter helpers the core's GObjects share: each returns whether the value changed, so the
 * caller notifies only then (G_PARAM_EXPLICIT_NOTIFY). ssa_set_str() is g_set_str() of
 * GLib 2.76, which Debian 12 does not have. */

static inline gboolean
ssa_set_str (char       **field,
             const char  *value)
{
  char *copy;

  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*field);
  *field = copy;
  return TRUE;
}

/* NULL and a GDate that holds no valid day both mean "absent". */
static inline gboolean
ssa_set_date (GDate       *field,
              const GDate *value)
{
  gboolean was_set = g_date_valid (field);
  gboolean is_set = value != NULL && g_date_valid (value);

  if (was_set == is_set && (!is_set || g_date_compare (field, value) == 0))
    return FALSE;

  if (is_set)
    *field = *value;
  else
    g_date_clear (field, 1);
  return TRUE;
}

/* The key lists sort a name by: case-folded, collated for the locale. Making it is slow
 * (some 1.5 µs a name), so the objects keep it, and the loader makes it in its thread. */
static inline char *
ssa_make_sort_key (const char *name)
{
  g_autofree char *folded = g_utf8_casefold (name != NULL ? name : "", -1);

  return g_utf8_collate_key (folded, -1);
}

static inline const GDate *
ssa_get_date (const GDate *field)
{
  return g_date_valid (field) ? field : NULL;
}

G_END_DECLS
