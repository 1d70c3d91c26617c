/* ssa-samples.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "ssa-core-resources.h"
#include "ssa-samples.h"

#define SAMPLES_PATH "/io/github/ssadesk/SsaDesk/samples/"

/* A static library's resource constructor is only linked in when something refers to its
 * object file: looking the resource up through its getter makes sure of that. */
static GResource *
samples_resource (void)
{
  return ssa_core_get_resource ();
}

/**
 * ssa_samples_get_price_list_bytes:
 *
 * Returns: (transfer full): the bundled sample price list's document
 */
GBytes *
ssa_samples_get_price_list_bytes (void)
{
  GBytes *bytes = g_resource_lookup_data (samples_resource (),
                                          SAMPLES_PATH "sample-price-list.json",
                                          G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert (bytes != NULL);
  return bytes;
}

SsaPriceList *
ssa_samples_load_price_list (GError **error)
{
  g_autoptr(GBytes) bytes = ssa_samples_get_price_list_bytes ();
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return ssa_price_list_new_from_data (data, length, "sample-price-list.json", error);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/**
 * ssa_samples_list_installations:
 *
 * Returns: (transfer full): the names of the sample installations, sorted
 */
char **
ssa_samples_list_installations (void)
{
  char **names = g_resource_enumerate_children (samples_resource (),
                                                SAMPLES_PATH "installations",
                                                G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

  g_assert (names != NULL);
  g_qsort_with_data (names, g_strv_length (names), sizeof (char *), compare_strings, NULL);
  return names;
}

SsaInventory *
ssa_samples_load_installation (const char  *name,
                               GError     **error)
{
  g_autofree char *path = g_strconcat (SAMPLES_PATH "installations/", name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  bytes = g_resource_lookup_data (samples_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return ssa_inventory_new_from_data (data, length, name, error);
}
