/* ssa-db-licences.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ssa-db.h"
#include "ssa-pbx-reading.h"
#include "ssa-inventory.h"
#include "ssa-price-list.h"

G_BEGIN_DECLS

/* Licences read from where they live (ssa-db-licences.c): the mapping of a PBX's licence
 * types to price list codes, imported licence lines and a PBX's settings and last reading. */

/* Licences from where they live (ssa-db-licences.c, docs/importing.md). */

typedef struct
{
  char *type;
  char *code;
} SsaDbLicenceTypeMapping;

void         ssa_db_licence_type_mapping_clear (SsaDbLicenceTypeMapping *mapping);
GArray      *ssa_db_list_licence_type_map (SsaDb              *self,
                                           GError            **error);
GHashTable  *ssa_db_load_licence_type_map (SsaDb              *self,
                                           GError            **error);
gboolean     ssa_db_map_licence_type     (SsaDb              *self,
                                          const char         *type,
                                          const char         *code,
                                          const SsaPriceList *price_list,
                                          GError            **error);
gboolean     ssa_db_unmap_licence_type   (SsaDb              *self,
                                          const char         *type,
                                          GError            **error);
gboolean     ssa_db_store_licence_import (SsaDb              *self,
                                          gint64              installation_id,
                                          const char         *expected_serial,
                                          const char         *set_serial,
                                          GArray             *lines,
                                          GError            **error);

gboolean     ssa_db_get_pbx_settings     (SsaDb              *self,
                                          gint64              installation_id,
                                          char              **out_admin_url,
                                          char              **out_fingerprint,
                                          GError            **error);
gboolean     ssa_db_set_pbx_admin_url    (SsaDb              *self,
                                          gint64              installation_id,
                                          const char         *admin_url,
                                          GError            **error);
gboolean     ssa_db_store_pbx_reading    (SsaDb              *self,
                                          gint64              installation_id,
                                          const SsaPbxReading *reading,
                                          GError            **error);
GArray      *ssa_db_load_true_up         (SsaDb              *self,
                                          gint64              installation_id,
                                          const SsaInventory *inventory,
                                          const SsaPriceList *price_list,
                                          GError            **error);
SsaPbxReading *ssa_db_load_pbx_reading   (SsaDb              *self,
                                          gint64              installation_id,
                                          char              **out_read_at,
                                          GError            **error);


G_END_DECLS
