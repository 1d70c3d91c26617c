/* ssa-page-common.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-db.h"
#include "ssa-decimal.h"
#include "ssa-repository.h"

G_BEGIN_DECLS

/* What the renewals, offers and price list pages share: database work in a worker thread
 * on a connection of its own, toasts, and the Norwegian formats of the window's tables. */

/**
 * SsaDbJobFunc:
 * @db: a connection opened for this job, in the worker thread
 * @data: the job's snapshot: plain values, never a live list model
 * @cancellable: (nullable): checked between steps of long jobs
 * @error: a #GError
 *
 * Returns: (nullable): the job's result, freed with the job's result free function when
 *   nobody takes it; %NULL with @error set for a failure
 */
typedef gpointer (*SsaDbJobFunc) (SsaDb         *db,
                                  gpointer       data,
                                  GCancellable  *cancellable,
                                  GError       **error);

void        ssa_db_job_run_async            (const char           *db_path,
                                             SsaDbJobFunc          func,
                                             gpointer              data,
                                             GDestroyNotify        data_free,
                                             GDestroyNotify        result_free,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
void        ssa_db_job_set_read_only        (const char           *db_path);
gpointer    ssa_db_job_finish               (GAsyncResult         *result,
                                             GError              **error);
gpointer    ssa_db_job_get_data             (GAsyncResult         *result);
void        ssa_page_set_busy               (GtkSpinner           *spinner,
                                             gboolean              busy);
void        ssa_page_set_tooltip_text       (GtkWidget            *widget,
                                             const char           *text);
gboolean    ssa_page_load_async             (GtkWidget            *page,
                                             SsaRepository        *repository,
                                             GCancellable        **cancellable,
                                             gboolean             *stale,
                                             GtkStack             *stack,
                                             GtkSpinner           *spinner,
                                             gboolean              show_spinner,
                                             SsaDbJobFunc          func,
                                             GDestroyNotify        result_free,
                                             GAsyncReadyCallback   callback);
gboolean    ssa_page_load_finish            (GAsyncResult         *result,
                                             GCancellable        **cancellable,
                                             GtkStack             *stack,
                                             GtkSpinner           *spinner,
                                             AdwStatusPage        *error_page,
                                             gpointer             *loaded);
gboolean    ssa_page_defer_load             (GtkWidget            *page,
                                             GCancellable        **cancellable,
                                             gboolean             *stale);
void        ssa_page_reload_when_shown      (GtkWidget            *page,
                                             GCancellable        **cancellable,
                                             gboolean             *stale,
                                             GCallback             reload);
void        ssa_page_show_list_or_empty     (GtkStack             *stack,
                                             GListModel           *shown);

char       *ssa_page_dup_database_path      (SsaRepository        *repository);
gboolean    ssa_page_is_writable            (SsaRepository        *repository);
gboolean    ssa_page_swap_repository        (GtkWidget            *page,
                                             SsaRepository       **field,
                                             SsaRepository        *repository,
                                             GCallback             loaded_cb);

void        ssa_page_show_message           (GtkWidget            *page,
                                             const char           *message);
void        ssa_page_show_message_with_fix  (GtkWidget            *page,
                                             const char           *message,
                                             const char           *fix_action);
void        ssa_page_show_toast             (GtkWidget            *page,
                                             AdwToast             *toast);
void        ssa_page_show_error             (GtkWidget            *page,
                                             const GError         *error);

char       *ssa_page_format_date            (const GDate          *date);
char       *ssa_page_format_money           (gint64                hundredths,
                                             const char           *currency);
guint       ssa_page_date_sort_key          (const GDate          *date);
char       *ssa_page_format_timestamp       (const char           *iso8601);
SsaLang     ssa_page_get_document_lang      (void);
char       *ssa_page_dup_installation_title (gint64                id,
                                             const char           *name,
                                             const char           *serial);

G_END_DECLS
