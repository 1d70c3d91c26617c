/* ssa-renewal-reminder.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The renewal reminder: a desktop notification, when the window starts and then once a
 * day while it runs, with the number of SSAs ending within the reminder window (the
 * "reminder-days" setting) and of offers whose acceptance deadline passes within three
 * days. Activating it opens the Renewals page ("app.show-view" with "renewals"). */

#define SSA_RENEWAL_REMINDER_ID "renewal-reminder"

typedef struct _SsaRenewalReminder SsaRenewalReminder;

SsaRenewalReminder *ssa_renewal_reminder_new    (GApplication       *application,
                                                 const char         *db_path);
void                ssa_renewal_reminder_free   (SsaRenewalReminder *self);

void                ssa_renewal_reminder_check_async  (GApplication        *application,
                                                       const char          *db_path,
                                                       const GDate         *today,
                                                       guint                within_days,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            ssa_renewal_reminder_check_finish (GAsyncResult        *result,
                                                       guint               *out_renewals,
                                                       guint               *out_offers,
                                                       GError             **error);
guint               ssa_renewal_reminder_seconds_to_next_day (GDateTime   *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaRenewalReminder, ssa_renewal_reminder_free)

G_END_DECLS
