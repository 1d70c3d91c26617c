/* ssa-page-common.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-db-job.h"
#include "ssa-decimal.h"
#include "ssa-repository.h"

G_BEGIN_DECLS

/* What the renewals, offers and price list pages share: database work in a worker thread
 * on a connection of its own, toasts, and the Norwegian formats of the window's tables. */

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
