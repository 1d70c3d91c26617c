/* ssa-page-common.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-db.h"
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

char       *ssa_page_dup_database_path      (SsaRepository        *repository);

void        ssa_page_show_message           (GtkWidget            *page,
                                             const char           *message);
void        ssa_page_show_toast             (GtkWidget            *page,
                                             AdwToast             *toast);
void        ssa_page_show_error             (GtkWidget            *page,
                                             const GError         *error);

char       *ssa_page_format_date            (const GDate          *date);
char       *ssa_page_format_money           (gint64                hundredths,
                                             const char           *currency);
SsaLang     ssa_page_get_document_lang      (GtkWidget            *widget);

G_END_DECLS
