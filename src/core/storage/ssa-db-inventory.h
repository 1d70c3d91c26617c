/* ssa-db-inventory.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ssa-customer.h"
#include "ssa-db.h"
#include "ssa-installation.h"
#include "ssa-inventory.h"
#include "ssa-licence.h"

G_BEGIN_DECLS

/* The reseller's inventory in the database (ssa-db-inventory.c): customers, installations
 * and their licence lines, archiving, installation files and the command line's lists. */

/* Customers. */

SsaCustomer *ssa_db_load_customer        (SsaDb           *self,
                                          gint64           id,
                                          GError         **error);
GPtrArray   *ssa_db_load_customers       (SsaDb           *self,
                                          GError         **error);
gboolean     ssa_db_insert_customer      (SsaDb           *self,
                                          SsaCustomer     *customer,
                                          GError         **error);
gboolean     ssa_db_update_customer      (SsaDb           *self,
                                          SsaCustomer     *customer,
                                          GError         **error);
gboolean     ssa_db_delete_customer      (SsaDb           *self,
                                          gint64           id,
                                          GError         **error);
gboolean     ssa_db_delete_customer_with_installations (SsaDb     *self,
                                                        gint64     id,
                                                        GArray   **out_installation_ids,
                                                        GError   **error);

/* Installations and their licence lines. */

SsaInstallation *ssa_db_load_installation  (SsaDb           *self,
                                            gint64           id,
                                            GError         **error);
GPtrArray   *ssa_db_load_installations   (SsaDb           *self,
                                          GCancellable    *cancellable,
                                          GError         **error);
/* Called with the installations read so far (element-type SsaInstallation, by id). */
typedef void (*SsaDbInstallationsFunc) (GPtrArray *installations,
                                        gpointer   user_data);
GPtrArray   *ssa_db_load_installations_full (SsaDb                  *self,
                                             GCancellable           *cancellable,
                                             SsaDbInstallationsFunc  rows_read,
                                             gpointer                user_data,
                                             GError                **error);
gboolean     ssa_db_insert_installation  (SsaDb           *self,
                                          SsaInstallation *installation,
                                          GError         **error);
gboolean     ssa_db_update_installation  (SsaDb           *self,
                                          SsaInstallation *installation,
                                          GError         **error);
gboolean     ssa_db_delete_installation  (SsaDb           *self,
                                          gint64           id,
                                          GError         **error);
SsaLicence  *ssa_db_load_licence         (SsaDb           *self,
                                          gint64           id,
                                          GError         **error);
gboolean     ssa_db_insert_licence       (SsaDb           *self,
                                          gint64           installation_id,
                                          SsaLicence      *licence,
                                          GError         **error);
gboolean     ssa_db_update_licence       (SsaDb           *self,
                                          SsaLicence      *licence,
                                          GError         **error);
gboolean     ssa_db_delete_licence       (SsaDb           *self,
                                          gint64           id,
                                          GError         **error);
GArray      *ssa_db_replace_licences     (SsaDb           *self,
                                          gint64           installation_id,
                                          GArray          *lines,
                                          gboolean         append,
                                          GError         **error);

/* Archive: kept with its history, out of the renewals and the window's sidebar. */

gboolean     ssa_db_set_installation_archived (SsaDb     *self,
                                               gint64     id,
                                               gboolean   archived,
                                               GError   **error);
gboolean     ssa_db_set_customer_archived (SsaDb         *self,
                                           gint64         id,
                                           gboolean       archived,
                                           GError       **error);
gboolean     ssa_db_count_offers         (SsaDb           *self,
                                          gint64           installation_id,
                                          gint64           customer_id,
                                          guint           *out_count,
                                          GError         **error);

/* Installation files (ssa-desk-installation/1). */

SsaInventory *ssa_db_load_inventory      (SsaDb           *self,
                                          gint64           installation_id,
                                          GArray         **out_licence_ids,
                                          GError         **error);
gboolean     ssa_db_import_inventories   (SsaDb           *self,
                                          SsaInventory   **inventories,
                                          const char     **names,
                                          guint            n_inventories,
                                          gint64          *out_ids,
                                          GError         **error);

/* Lists for the command line: plain rows, without licence lines. */

typedef struct
{
  gint64        id;
  gint64        customer_id;    /* 0 when there is none */
  char         *customer_name;  /* nullable */
  char         *name;           /* nullable */
  char         *serial;         /* nullable */
  SsaDeployment deployment;
  char         *firmware;       /* nullable */
  GDate         ssa_expiry;     /* cleared when absent */
  guint         n_licences;
} SsaDbInstallationRow;

GArray      *ssa_db_list_installations   (SsaDb           *self,
                                          GError         **error);
GArray      *ssa_db_list_renewals        (SsaDb           *self,
                                          const GDate     *today,
                                          guint            within_days,
                                          GError         **error);


G_END_DECLS
