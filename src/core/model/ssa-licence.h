/* ssa-licence.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ssa-enums.h"
#include "ssa-inventory.h"

G_BEGIN_DECLS

#define SSA_TYPE_LICENCE (ssa_licence_get_type ())

G_DECLARE_FINAL_TYPE (SsaLicence, ssa_licence, SSA, LICENCE, GObject)

gboolean     ssa_licence_validate_quantity       (gint64                  quantity,
                                                  GError                **error);

SsaLicence  *ssa_licence_new                     (void);
SsaLicence  *ssa_licence_new_from_inventory_line (const SsaInventoryLine *line);
void         ssa_licence_to_inventory_line       (SsaLicence             *self,
                                                  SsaInventoryLine       *out);

gint64       ssa_licence_get_id                  (SsaLicence             *self);
void         ssa_licence_set_id                  (SsaLicence             *self,
                                                  gint64                  id);
const char  *ssa_licence_get_code                (SsaLicence             *self);
void         ssa_licence_set_code                (SsaLicence             *self,
                                                  const char             *code);
const char  *ssa_licence_get_name                (SsaLicence             *self);
void         ssa_licence_set_name                (SsaLicence             *self,
                                                  const char             *name);
gboolean     ssa_licence_get_has_kind            (SsaLicence             *self);
void         ssa_licence_set_has_kind            (SsaLicence             *self,
                                                  gboolean                has_kind);
SsaKind      ssa_licence_get_kind                (SsaLicence             *self);
void         ssa_licence_set_kind                (SsaLicence             *self,
                                                  SsaKind                 kind);
gint64       ssa_licence_get_quantity            (SsaLicence             *self);
void         ssa_licence_set_quantity            (SsaLicence             *self,
                                                  gint64                  quantity);
const GDate *ssa_licence_get_added_on            (SsaLicence             *self);
void         ssa_licence_set_added_on            (SsaLicence             *self,
                                                  const GDate            *added_on);
const GDate *ssa_licence_get_covered_until       (SsaLicence             *self);
void         ssa_licence_set_covered_until       (SsaLicence             *self,
                                                  const GDate            *covered_until);

gint64 ssa_licence_get_version (SsaLicence *self);
void   ssa_licence_set_version (SsaLicence *self,
                                gint64 version);

G_END_DECLS
