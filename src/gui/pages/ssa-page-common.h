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
