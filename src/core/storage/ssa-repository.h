/* ssa-repository.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ssa-customer.h"
#include "ssa-customer-import.h"
#include "ssa-db.h"
#include "ssa-db-job.h"
#include "ssa-installation.h"
#include "ssa-licence.h"

G_BEGIN_DECLS

#define SSA_TYPE_REPOSITORY (ssa_repository_get_type ())

G_DECLARE_FINAL_TYPE (SsaRepository, ssa_repository, SSA, REPOSITORY, GObject)

SsaRepository   *ssa_repository_new                  (const char        *path);
const char      *ssa_repository_get_path             (SsaRepository     *self);
gboolean         ssa_repository_get_loaded           (SsaRepository     *self);
double           ssa_repository_get_load_progress    (SsaRepository     *self);
SsaDb           *ssa_repository_get_db               (SsaRepository     *self);
gboolean         ssa_repository_get_read_only        (SsaRepository     *self);
const char      *ssa_repository_get_read_only_reason (SsaRepository     *self);
void             ssa_repository_set_read_only        (SsaRepository     *self,
                                                      const char        *reason);
void             ssa_repository_close                (SsaRepository     *self);
gboolean         ssa_repository_is_writing           (SsaRepository     *self);

void             ssa_repository_load_async           (SsaRepository     *self,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
gboolean         ssa_repository_load_finish          (SsaRepository     *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);

GListModel      *ssa_repository_get_customers        (SsaRepository     *self);
GListModel      *ssa_repository_get_installations    (SsaRepository     *self);
GListModel      *ssa_repository_get_licences         (SsaRepository     *self,
                                                      SsaInstallation   *installation);
SsaCustomer     *ssa_repository_find_customer        (SsaRepository     *self,
                                                      gint64             id);
SsaInstallation *ssa_repository_find_installation    (SsaRepository     *self,
                                                      gint64             id);

void             ssa_repository_begin_edit           (SsaRepository     *self,
                                                      GObject           *object);
gboolean         ssa_repository_end_edit             (SsaRepository     *self,
                                                      GObject           *object,
                                                      GError           **error);

/* The window's writes: run in a worker thread on a connection of their own, applied to the
 * models on the main thread, one at a time in the order asked (docs/architecture.md,
 * "Storage"). */
void             ssa_repository_end_edit_async       (SsaRepository     *self,
                                                      GObject           *object,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
gboolean         ssa_repository_end_edit_finish      (SsaRepository     *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);
void             ssa_repository_add_customer_async   (SsaRepository     *self,
                                                      SsaCustomer       *customer,
                                                      GCancellable      *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer           user_data);
gboolean         ssa_repository_add_customer_finish  (SsaRepository     *self,
                                                      GAsyncResult      *result,
                                                      GError           **error);
void             ssa_repository_add_installation_async (SsaRepository   *self,
                                                        SsaInstallation *installation,
                                                        GCancellable    *cancellable,
                                                        GAsyncReadyCallback callback,
                                                        gpointer         user_data);
gboolean         ssa_repository_add_installation_finish (SsaRepository  *self,
                                                         GAsyncResult   *result,
                                                         GError        **error);
void     ssa_repository_remove_installation_async  (SsaRepository       *self,
                                                    SsaInstallation     *installation,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean ssa_repository_remove_installation_finish (SsaRepository       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void     ssa_repository_remove_customer_with_installations_async
                                                   (SsaRepository       *self,
                                                    SsaCustomer         *customer,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean ssa_repository_remove_customer_with_installations_finish
                                                   (SsaRepository       *self,
                                                    GAsyncResult        *result,
                                                    GPtrArray          **out_installations,
                                                    GError             **error);
void     ssa_repository_import_inventories_async   (SsaRepository       *self,
                                                    SsaInventory       **inventories,
                                                    const char         **names,
                                                    guint                n_inventories,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean ssa_repository_import_inventories_finish  (SsaRepository       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void     ssa_repository_refresh_installation_async (SsaRepository       *self,
                                                    SsaInstallation     *installation,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean ssa_repository_refresh_installation_finish (SsaRepository      *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);
void     ssa_repository_apply_remote_change_async  (SsaRepository       *self,
                                                    const char          *table,
                                                    gint64               id,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean ssa_repository_apply_remote_change_finish (SsaRepository       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void     ssa_repository_apply_values_async         (SsaRepository       *self,
                                                    GObject             *object,
                                                    GObject             *values,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean ssa_repository_apply_values_finish        (SsaRepository       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
gboolean ssa_repository_contains                   (SsaRepository       *self,
                                                    GObject             *object);
void     ssa_repository_add_licence_async          (SsaRepository       *self,
                                                    SsaInstallation     *installation,
                                                    SsaLicence          *licence,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean ssa_repository_add_licence_finish         (SsaRepository       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void     ssa_repository_remove_licence_async       (SsaRepository       *self,
                                                    SsaInstallation     *installation,
                                                    SsaLicence          *licence,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean ssa_repository_remove_licence_finish      (SsaRepository       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);
void     ssa_repository_set_archived_async         (SsaRepository       *self,
                                                    GObject             *object,
                                                    gboolean             archived,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean ssa_repository_set_archived_finish        (SsaRepository       *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

gboolean         ssa_repository_add_customer         (SsaRepository     *self,
                                                      SsaCustomer       *customer,
                                                      GError           **error);
gboolean         ssa_repository_remove_customer      (SsaRepository     *self,
                                                      SsaCustomer       *customer,
                                                      GError           **error);
gboolean ssa_repository_remove_customer_with_installations (SsaRepository  *self,
                                                            SsaCustomer    *customer,
                                                            GPtrArray     **out_installations,
                                                            GError        **error);
gboolean         ssa_repository_add_installation     (SsaRepository     *self,
                                                      SsaInstallation   *installation,
                                                      GError           **error);
gboolean         ssa_repository_remove_installation  (SsaRepository     *self,
                                                      SsaInstallation   *installation,
                                                      GError           **error);
gboolean         ssa_repository_add_licence          (SsaRepository     *self,
                                                      SsaInstallation   *installation,
                                                      SsaLicence        *licence,
                                                      GError           **error);
gboolean         ssa_repository_remove_licence       (SsaRepository     *self,
                                                      SsaInstallation   *installation,
                                                      SsaLicence        *licence,
                                                      GError           **error);
gboolean         ssa_repository_hide_installation    (SsaRepository     *self,
                                                      SsaInstallation   *installation,
                                                      GError           **error);
gboolean ssa_repository_check_offer_count        (SsaRepository    *self,
                                                   GObject          *object,
                                                   guint             n_offers,
                                                   GError          **error);
gboolean ssa_repository_hide_installation_counted (SsaRepository    *self,
                                                   SsaInstallation  *installation,
                                                   GError          **error);
gboolean ssa_repository_hide_customer_counted     (SsaRepository    *self,
                                                   SsaCustomer      *customer,
                                                   GPtrArray       **out_installations,
                                                   GError          **error);
void             ssa_repository_unhide_installation  (SsaRepository     *self,
                                                      SsaInstallation   *installation);
gboolean         ssa_repository_hide_customer        (SsaRepository     *self,
                                                      SsaCustomer       *customer,
                                                      GPtrArray        **out_installations,
                                                      GError           **error);
void             ssa_repository_unhide_customer      (SsaRepository     *self,
                                                      SsaCustomer       *customer,
                                                      GPtrArray         *installations);
gboolean         ssa_repository_hide_licence         (SsaRepository     *self,
                                                      SsaInstallation   *installation,
                                                      SsaLicence        *licence,
                                                      guint             *out_position,
                                                      GError           **error);
void             ssa_repository_unhide_licence       (SsaRepository     *self,
                                                      SsaInstallation   *installation,
                                                      SsaLicence        *licence,
                                                      guint              position);
gboolean         ssa_repository_set_archived         (SsaRepository     *self,
                                                      GObject           *object,
                                                      gboolean           archived,
                                                      GError           **error);
gboolean         ssa_repository_apply_values         (SsaRepository     *self,
                                                      GObject           *object,
                                                      GObject           *values,
                                                      GError           **error);
gboolean         ssa_repository_import_inventories   (SsaRepository     *self,
                                                      SsaInventory     **inventories,
                                                      const char       **names,
                                                      guint              n_inventories,
                                                      GError           **error);
gboolean         ssa_repository_import_customers     (SsaRepository     *self,
                                                      GPtrArray         *rows,
                                                      SsaCustomerImportCounts *counts,
                                                      GError           **error);
void             ssa_repository_import_customers_async (SsaRepository       *self,
                                                        GPtrArray           *rows,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean         ssa_repository_import_customers_finish (SsaRepository            *self,
                                                         GAsyncResult             *result,
                                                         SsaCustomerImportCounts  *counts,
                                                         GError                  **error);
void             ssa_repository_write_async          (SsaRepository       *self,
                                                      SsaDbJobFunc         func,
                                                      gpointer             data,
                                                      GDestroyNotify       data_free,
                                                      SsaInstallation     *refresh,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         ssa_repository_write_finish         (SsaRepository       *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
gboolean         ssa_repository_replace_licences     (SsaRepository     *self,
                                                      SsaInstallation   *installation,
                                                      GArray            *lines,
                                                      gboolean           append,
                                                      GError           **error);
gboolean         ssa_repository_refresh_installation (SsaRepository     *self,
                                                      SsaInstallation   *installation,
                                                      GError           **error);

G_END_DECLS
