/* ssa-offer-send.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * SsaOfferSendWay:
 * @SSA_OFFER_SEND_PORTAL: the desktop's e-mail portal opened a new message in the mail
 *   program
 * @SSA_OFFER_SEND_DRAFT: no portal answered (or it failed): a draft (.eml) was written to
 *   the Documents folder, and opened with the default mail program when there is one
 */
typedef enum
{
  SSA_OFFER_SEND_PORTAL,
  SSA_OFFER_SEND_DRAFT,
} SsaOfferSendWay;

void      ssa_offer_send_async  (GtkWidget            *parent,
                                 const char           *db_path,
                                 const char           *number,
                                 gboolean              with_workbook,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean  ssa_offer_send_finish (GAsyncResult         *result,
                                 SsaOfferSendWay      *out_way,
                                 GFile               **out_draft,
                                 gboolean             *out_opened,
                                 GError              **error);

void      ssa_offer_send_run    (GtkWidget            *page,
                                 const char           *db_path,
                                 const char           *number,
                                 gboolean              offer_mark_sent);

G_END_DECLS
