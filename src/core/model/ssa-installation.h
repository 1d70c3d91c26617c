/* ssa-installation.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ssa-enums.h"
#include "ssa-inventory.h"
#include "ssa-licence.h"

G_BEGIN_DECLS

#define SSA_TYPE_INSTALLATION (ssa_installation_get_type ())

G_DECLARE_FINAL_TYPE (SsaInstallation, ssa_installation, SSA, INSTALLATION, GObject)

SsaInstallation *ssa_installation_new                (void);
SsaInstallation *ssa_installation_new_from_inventory (const SsaInventory *inventory);
SsaInventory    *ssa_installation_to_inventory       (SsaInstallation    *self);

gint64           ssa_installation_get_id             (SsaInstallation    *self);
void             ssa_installation_set_id             (SsaInstallation    *self,
                                                      gint64              id);
gint64           ssa_installation_get_customer_id    (SsaInstallation    *self);
void             ssa_installation_set_customer_id    (SsaInstallation    *self,
                                                      gint64              customer_id);
const char      *ssa_installation_get_customer_name  (SsaInstallation    *self);
void             ssa_installation_set_customer_name  (SsaInstallation    *self,
                                                      const char         *customer_name);
const char      *ssa_installation_get_name           (SsaInstallation    *self);
const char      *ssa_installation_get_sort_key       (SsaInstallation    *self);
void             ssa_installation_set_name           (SsaInstallation    *self,
                                                      const char         *name);
const char      *ssa_installation_get_serial         (SsaInstallation    *self);
void             ssa_installation_set_serial         (SsaInstallation    *self,
                                                      const char         *serial);
SsaDeployment    ssa_installation_get_deployment     (SsaInstallation    *self);
void             ssa_installation_set_deployment     (SsaInstallation    *self,
                                                      SsaDeployment       deployment);
const char      *ssa_installation_get_firmware       (SsaInstallation    *self);
void             ssa_installation_set_firmware       (SsaInstallation    *self,
                                                      const char         *firmware);
const GDate     *ssa_installation_get_ssa_expiry     (SsaInstallation    *self);
void             ssa_installation_set_ssa_expiry     (SsaInstallation    *self,
                                                      const GDate        *ssa_expiry);
const char      *ssa_installation_get_notes          (SsaInstallation    *self);
void             ssa_installation_set_notes          (SsaInstallation    *self,
                                                      const char         *notes);
gboolean         ssa_installation_get_archived       (SsaInstallation    *self);
void             ssa_installation_set_archived       (SsaInstallation    *self,
                                                      gboolean            archived);

GListModel      *ssa_installation_get_licences       (SsaInstallation    *self);
void             ssa_installation_add_licence        (SsaInstallation    *self,
                                                      SsaLicence         *licence);
void             ssa_installation_remove_licence     (SsaInstallation    *self,
                                                      guint               position);
void             ssa_installation_insert_licence     (SsaInstallation    *self,
                                                      guint               position,
                                                      SsaLicence         *licence);

gint64 ssa_installation_get_version (SsaInstallation *self);
void   ssa_installation_set_version (SsaInstallation *self,
                                     gint64 version);

G_END_DECLS
