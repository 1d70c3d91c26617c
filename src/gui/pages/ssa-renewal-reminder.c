/* ssa-renewal-reminder.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-application.h"
#include "ssa-date.h"
#include "ssa-db-job.h"
#include "ssa-db.h"
#include "ssa-page-common.h"
#include "ssa-reminders.h"
#include "ssa-renewal-reminder.h"

struct _SsaRenewalReminder
{
  GApplication *application;   /* not owned: the application owns the reminder */
  char         *db_path;
  GSettings    *settings;      /* nullable: without the schema, the default window */
  GCancellable *cancellable;
  guint         timer;         /* one-shot: the next day's check */
};

typedef struct
{
  GApplication *application;
  GDate         today;
  guint         within_days;
  guint         n_renewals;
  guint         n_offers;
} CheckData;

typedef struct
{
  GDate  today;
  guint  within_days;
} CountData;

static gboolean
name_answers (GDBusConnection *bus,
              const char      *method,
              const char      *name)
{
  g_autoptr(GVariant) reply = NULL;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", method,
                                       name != NULL ? g_variant_new ("(s)", name) : NULL,
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
  if (reply == NULL)
    return FALSE;
  if (name != NULL)
    {
      gboolean owned = FALSE;

      g_variant_get (reply, "(b)", &owned);
      return owned;
    }
  else
    {
      g_autofree const char **names = NULL;

      g_variant_get (reply, "(^a&s)", &names);
      return names != NULL && g_strv_contains (names, "org.freedesktop.Notifications");
    }
}

/* Whether a notification reaches anyone: outside a sandbox GLib sends to GTK's server
 * (org.gtk.Notifications, the shell) or else to org.freedesktop.Notifications, and warns
 * when neither is there (a bare session, a test's bus). In a sandbox the portal carries
 * it. Runs in the worker: the calls to the bus wait for its answer. */
static gboolean
notification_server_answers (void)
{
  g_autoptr(GDBusConnection) bus = NULL;

  if (g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS))
    return TRUE;
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return FALSE;
  return name_answers (bus, "NameHasOwner", "org.gtk.Notifications") ||
         name_answers (bus, "NameHasOwner", "org.freedesktop.Notifications") ||
         name_answers (bus, "ListActivatableNames", NULL);
}

static gpointer
count_job (SsaDb         *db,
           gpointer       user_data,
           GCancellable  *cancellable,
           GError       **error)
{
  CountData *data = user_data;
  guint *counts = g_new0 (guint, 3);

  if (!ssa_reminders_count (db, &data->today, data->within_days, &counts[0], &counts[1],
                            error))
    {
      g_free (counts);
      return NULL;
    }
  counts[2] = notification_server_answers ();
  return counts;
}

/* The notification's text: what is due, in two sentences at most. */
static char *
dup_body (guint n_renewals,
          guint n_offers,
          guint within_days)
{
  g_autoptr(GString) body = g_string_new (NULL);

  if (n_renewals > 0)
    g_string_append_printf (body,
                            /* Translators: the first %u is a number of SSAs, the second a
                             * number of days. */
                            ngettext ("%u SSA ends within %u days.",
                                      "%u SSAs end within %u days.", n_renewals),
                            n_renewals, within_days);
  if (n_offers > 0)
    {
      if (body->len > 0)
        g_string_append_c (body, ' ');
      g_string_append_printf (body,
                              ngettext ("The acceptance deadline of %u offer passes within "
                                        "3 days.",
                                        "The acceptance deadline of %u offers passes within "
                                        "3 days.", n_offers),
                              n_offers);
    }
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static void
counted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CheckData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree guint *counts = ssa_db_job_finish (result, &error);

  if (counts == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->n_renewals = counts[0];
  data->n_offers = counts[1];

  /* Nobody to show it: counted, but not sent. */
  if (!counts[2])
    g_debug ("No notification server: %u SSAs and %u offers due, not shown",
             data->n_renewals, data->n_offers);
  /* Nothing due: no notification, and none left standing from an earlier day. */
  else if (data->n_renewals == 0 && data->n_offers == 0)
    g_application_withdraw_notification (data->application, SSA_RENEWAL_REMINDER_ID);
  else
    {
      g_autoptr(GNotification) notification = g_notification_new (_("SSA Renewals Due"));
      g_autofree char *body = dup_body (data->n_renewals, data->n_offers, data->within_days);

      g_notification_set_body (notification, body);
      g_notification_set_default_action_and_target (notification, "app.show-view", "s",
                                                     "renewals");
      g_application_send_notification (data->application, SSA_RENEWAL_REMINDER_ID,
                                       notification);
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * ssa_renewal_reminder_check_async:
 * @application: the registered application that sends the notification
 * @db_path: the database
 * @today: (nullable): the day to count from; %NULL for the local date
 * @within_days: the reminder window
 * @cancellable: (nullable): a #GCancellable
 * @callback: called once counted and notified
 * @user_data: for @callback
 *
 * Counts in a worker what is due (ssa_reminders_count()) and, when anything is, sends the
 * reminder's notification ("renewal-reminder", replacing an earlier one); when nothing is,
 * withdraws it.
 */
void
ssa_renewal_reminder_check_async (GApplication        *application,
                                  const char          *db_path,
                                  const GDate         *today,
                                  guint                within_days,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;
  CheckData *data;
  CountData *count;

  g_return_if_fail (G_IS_APPLICATION (application));
  g_return_if_fail (db_path != NULL);

  data = g_new0 (CheckData, 1);
  data->application = application;
  data->within_days = within_days;
  if (today != NULL)
    data->today = *today;
  else
    ssa_date_today (&data->today);
  task = g_task_new (application, cancellable, callback, user_data);
  g_task_set_source_tag (task, ssa_renewal_reminder_check_async);
  g_task_set_name (task, "[ssa-desk] renewal reminder");
  g_task_set_task_data (task, data, g_free);

  count = g_new0 (CountData, 1);
  count->today = data->today;
  count->within_days = within_days;
  ssa_db_job_run_async (db_path, count_job, count, g_free, g_free, cancellable, counted_cb,
                        task);
}

/**
 * ssa_renewal_reminder_check_finish:
 * @result: the result
 * @out_renewals: (out) (optional): the SSAs ending within the window
 * @out_offers: (out) (optional): the offers whose acceptance deadline passes within 3 days
 * @error: a #GError
 *
 * Returns: whether the database could be read
 */
gboolean
ssa_renewal_reminder_check_finish (GAsyncResult  *result,
                                   guint         *out_renewals,
                                   guint         *out_offers,
                                   GError       **error)
{
  CheckData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (out_renewals != NULL)
    *out_renewals = data->n_renewals;
  if (out_offers != NULL)
    *out_offers = data->n_offers;
  return TRUE;
}

/**
 * ssa_renewal_reminder_seconds_to_next_day:
 * @now: the local time
 *
 * Returns: the seconds from @now to a minute past the next local midnight: when the next
 *   day's check runs
 */
guint
ssa_renewal_reminder_seconds_to_next_day (GDateTime *now)
{
  g_autoptr(GDateTime) midnight = g_date_time_new (g_date_time_get_timezone (now),
                                                   g_date_time_get_year (now),
                                                   g_date_time_get_month (now),
                                                   g_date_time_get_day_of_month (now),
                                                   0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_full (midnight, 0, 0, 1, 0, 1, 0);
  GTimeSpan span = g_date_time_difference (next, now);

  return (guint) MAX (span / G_TIME_SPAN_SECOND, 1);
}

static void check (SsaRenewalReminder *self);

static gboolean
timer_cb (gpointer user_data)
{
  SsaRenewalReminder *self = user_data;

  self->timer = 0;
  check (self);
  return G_SOURCE_REMOVE;
}

/* One timer for the next day, not a polling one: the machine sleeps in between. */
static void
arm (SsaRenewalReminder *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_clear_handle_id (&self->timer, g_source_remove);
  self->timer = g_timeout_add_seconds (ssa_renewal_reminder_seconds_to_next_day (now),
                                       timer_cb, self);
}

static void
checked_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!ssa_renewal_reminder_check_finish (result, NULL, NULL, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* The window says what is wrong with the database; a reminder has nothing to add. */
    g_debug ("No renewal reminder: %s", error->message);
}

static void
check (SsaRenewalReminder *self)
{
  guint days = self->settings != NULL ? g_settings_get_uint (self->settings, "reminder-days")
                                      : SSA_REMINDER_DEFAULT_DAYS;

  arm (self);
  /* 0 days: the user turned the reminders off. */
  if (days == 0)
    {
      g_application_withdraw_notification (self->application, SSA_RENEWAL_REMINDER_ID);
      return;
    }
  ssa_renewal_reminder_check_async (self->application, self->db_path, NULL, days,
                                    self->cancellable, checked_cb, NULL);
}

/**
 * ssa_renewal_reminder_new:
 * @application: the application, which owns the reminder
 * @db_path: the window's database
 *
 * Starts the reminder: a check now, then one a day.
 *
 * Returns: (transfer full): the reminder; free it before @application goes
 */
SsaRenewalReminder *
ssa_renewal_reminder_new (GApplication *application,
                          const char   *db_path)
{
  SsaRenewalReminder *self = g_new0 (SsaRenewalReminder, 1);

  self->application = application;
  self->db_path = g_strdup (db_path);
  self->settings = ssa_application_get_settings (SSA_IS_APPLICATION (application)
                                                 ? SSA_APPLICATION (application) : NULL);
  if (self->settings != NULL)
    g_object_ref (self->settings);
  if (self->settings != NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;

      /* An installed schema older than the program has no such key. */
      g_object_get (self->settings, "settings-schema", &schema, NULL);
      if (!g_settings_schema_has_key (schema, "reminder-days"))
        g_clear_object (&self->settings);
    }
  self->cancellable = g_cancellable_new ();
  check (self);
  return self;
}

void
ssa_renewal_reminder_free (SsaRenewalReminder *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->timer, g_source_remove);
  g_clear_object (&self->settings);
  g_free (self->db_path);
  g_free (self);
}
