/* ssa-registry.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The Norwegian company registry (Brønnøysundregistrene's Enhetsregisteret): see
 * docs/importing.md, "Company registry". Only the organisation number is sent. */

#define SSA_REGISTRY_DEFAULT_URL  "https://data.brreg.no/enhetsregisteret/api/enheter/"
#define SSA_REGISTRY_TIMEOUT      10           /* seconds for the whole lookup */
#define SSA_REGISTRY_MAX_BYTES    (256 * 1024) /* a unit is about 2 KiB */

typedef struct
{
  char     *org_no;          /* the nine digits */
  char     *name;
  char     *org_form;        /* "AS", "ENK", …; nullable */
  char     *address;         /* "street, postcode city" (lines joined by ", "); nullable */
  gboolean  vat_registered;  /* in the VAT register (Merverdiavgiftsregisteret) */
} SsaRegistryUnit;

void             ssa_registry_unit_free   (SsaRegistryUnit *unit);
SsaRegistryUnit *ssa_registry_unit_copy   (const SsaRegistryUnit *unit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaRegistryUnit, ssa_registry_unit_free)

char            *ssa_registry_get_base_url (void);
SsaRegistryUnit *ssa_registry_parse        (const char           *data,
                                            gsize                 length,
                                            const char           *org_no,
                                            const char           *what,
                                            GError              **error);
void             ssa_registry_lookup_async (const char           *org_no,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
SsaRegistryUnit *ssa_registry_lookup_finish (GAsyncResult        *result,
                                             GError             **error);
void             ssa_registry_clear_cache  (void);

G_END_DECLS
