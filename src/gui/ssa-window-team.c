/* ssa-window-team.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-db-listener.h"
#include "ssa-db.h"
#include "ssa-team-db.h"
#include "ssa-window-private.h"

/* SsaWindow on a team database (docs/window.md, "A team database"):
 *
 * - Live: one more connection LISTENs for what other clients commit; each notification
 *   reads that one customer or installation again (ssa_repository_apply_remote_change_async()),
 *   so that the selection and open edits stay.
 * - Offline: when the server cannot be reached (the listener's connection lost, a write
 *   refused as unreachable), the window keeps what it loaded, read-only, with the banner
 *   and its Retry button, and tries again after 2, 4, 8 … 60 seconds: one-shot timeouts,
 *   none while connected. When the server answers, the banner goes, editing comes back and
 *   the lists are read again. */

#define RETRY_FIRST_S 2
#define RETRY_MAX_S   60

static void schedule_retry (SsaWindow *self);

gboolean
window_is_team (SsaWindow *self)
{
  return self->repository != NULL &&
         ssa_team_db_is_uri (ssa_repository_get_path (self->repository));
}

static const char *
offline_reason (void)
{
  return _("The team database cannot be reached: showing what was loaded, read-only. "
           "Reconnecting…");
}

static void
go_offline (SsaWindow    *self,
            const GError *error)
{
  g_debug ("Team database offline: %s", error != NULL ? error->message : "");
  g_clear_pointer (&self->listener, ssa_db_listener_free);
  if (!self->offline)
    {
      self->offline = TRUE;
      self->retry_delay = RETRY_FIRST_S;
      /* Another reason to be read-only (--read-only) stays: the banner says that one. */
      if (!ssa_repository_get_read_only (self->repository))
        ssa_repository_set_read_only (self->repository, offline_reason ());
      update_actions (self);
      update_database_banner (self);
    }
  schedule_retry (self);
}

/**
 * team_check_unreachable:
 * @self: the window
 * @error: an error of a database call
 *
 * Returns: whether @error says the team database cannot be reached: the window is then
 *   offline (what was loaded stays, read-only) and tries again by itself
 */
gboolean
team_check_unreachable (SsaWindow    *self,
                        const GError *error)
{
  if (!window_is_team (self) ||
      !(g_error_matches (error, SSA_DB_ERROR, SSA_DB_ERROR_UNREACHABLE) ||
        g_error_matches (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_UNREACHABLE)))
    return FALSE;
  go_offline (self, error);
  return TRUE;
}

/* The first load failed because the server does not answer: the error page says so, and
 * the window tries again as it does when offline. */
void
team_load_failed (SsaWindow    *self,
                  const GError *error)
{
  if (!window_is_team (self) ||
      !(g_error_matches (error, SSA_DB_ERROR, SSA_DB_ERROR_UNREACHABLE) ||
        g_error_matches (error, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_UNREACHABLE)))
    return;
  if (!self->offline)
    {
      self->offline = TRUE;
      self->retry_delay = RETRY_FIRST_S;
    }
  schedule_retry (self);
}

static void
back_online (SsaWindow *self)
{
  self->offline = FALSE;
  self->retry_delay = 0;
  g_clear_handle_id (&self->retry_source, g_source_remove);
  /* The main thread's connection went with the server: closing it ends the offline
   * read-only state (not one asked for with --read-only), and the load opens a new one and
   * reads what others changed meanwhile (and the listener is opened again). */
  ssa_repository_close (self->repository);
  update_actions (self);
  update_database_banner (self);
  start_loading (self);
}

static gpointer
ping_job (SsaDb         *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  /* Opening the connection was the test. */
  return GINT_TO_POINTER (TRUE);
}

static void
ping_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SsaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  self->retrying = FALSE;
  if (ssa_db_job_finish (result, &error) == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || !self->offline)
        return;
      g_debug ("Team database still unreachable: %s", error->message);
      self->retry_delay = MIN (self->retry_delay * 2, RETRY_MAX_S);
      schedule_retry (self);
      return;
    }
  if (self->offline)
    back_online (self);
}

static void
try_now (SsaWindow *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (self->retrying || !self->offline)
    return;
  self->retrying = TRUE;
  ssa_db_job_run_async (ssa_repository_get_path (self->repository), ping_job, NULL, NULL,
                        NULL, self->cancellable, ping_done_cb, g_object_ref (self));
}

static gboolean
retry_timeout_cb (gpointer user_data)
{
  SsaWindow *self = user_data;

  self->retry_source = 0;
  try_now (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (SsaWindow *self)
{
  if (self->retry_source != 0 || self->retrying)
    return;
  if (self->retry_delay == 0)
    self->retry_delay = RETRY_FIRST_S;
  self->retry_source = g_timeout_add_seconds (self->retry_delay, retry_timeout_cb, self);
  g_source_set_name_by_id (self->retry_source, "[ssa-desk] team database retry");
}

void
team_retry_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);

  if (!self->offline)
    return;
  /* Asked by hand: now, and from 2 s again after that. */
  self->retry_delay = RETRY_FIRST_S;
  try_now (self);
}

/* Notifications. */

static void
remote_change_done_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(SsaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ssa_repository_apply_remote_change_finish (SSA_REPOSITORY (object), result, &error))
    {
      if (!team_check_unreachable (self, error))
        g_debug ("A change of another client was not read: %s", error->message);
    }
}

/* The offers register and the price lists are read whole: once for a burst of
 * notifications (a one-shot idle, not a timer). */
static gboolean
reload_pages_cb (gpointer user_data)
{
  SsaWindow *self = user_data;

  self->pages_idle = 0;
  if (self->reload_offers && self->offers_page != NULL)
    ssa_offers_page_reload (self->offers_page);
  if (self->reload_price_lists)
    {
      reload_price_list (self);
      if (self->price_list_page != NULL)
        ssa_price_list_page_reload (self->price_list_page);
    }
  self->reload_offers = FALSE;
  self->reload_price_lists = FALSE;
  return G_SOURCE_REMOVE;
}

static void
reload_pages_soon (SsaWindow *self,
                   gboolean   offers,
                   gboolean   price_lists)
{
  self->reload_offers |= offers;
  self->reload_price_lists |= price_lists;
  if (self->pages_idle == 0)
    self->pages_idle = g_idle_add_full (G_PRIORITY_LOW, reload_pages_cb, self, NULL);
}

static void
changed_cb (const char *table,
            gint64      id,
            gint64      installation_id,
            const char *op,
            gpointer    user_data)
{
  SsaWindow *self = user_data;

  g_debug ("Team database: %s %s %" G_GINT64_FORMAT, op, table, id);
  if (!ssa_repository_get_loaded (self->repository))
    return;
  if (g_str_equal (table, "customers") || g_str_equal (table, "installations"))
    ssa_repository_apply_remote_change_async (self->repository, table, id,
                                              remote_change_done_cb, g_object_ref (self));
  else if ((g_str_equal (table, "licences") || g_str_equal (table, "offers")) &&
           installation_id > 0)
    ssa_repository_apply_remote_change_async (self->repository, "installations",
                                              installation_id, remote_change_done_cb,
                                              g_object_ref (self));
  if (g_str_equal (table, "offers") || g_str_equal (table, "price_lists"))
    reload_pages_soon (self, g_str_equal (table, "offers"), g_str_equal (table, "price_lists"));
}

static void
lost_cb (const GError *error,
         gpointer      user_data)
{
  SsaWindow *self = user_data;

  /* Called from the listener's own watch, which has let go of its source: freeing the
   * listener here is safe, and the watch returns G_SOURCE_REMOVE without touching it. */
  go_offline (self, error);
}

static void
listener_opened_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SsaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SsaDbListener *listener = ssa_db_listener_open_finish (result, &error);

  if (listener == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (!team_check_unreachable (self, error))
        g_message ("The window does not follow other clients' changes: %s", error->message);
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      ssa_db_listener_free (listener);
      return;
    }
  g_clear_pointer (&self->listener, ssa_db_listener_free);
  self->listener = listener;
  ssa_db_listener_start (listener, changed_cb, lost_cb, self);
}

/* Once the repository is loaded from a team database. */
void
team_start_listening (SsaWindow *self)
{
  if (!window_is_team (self))
    return;
  g_clear_pointer (&self->listener, ssa_db_listener_free);
  if (self->listener_cancellable != NULL)
    g_cancellable_cancel (self->listener_cancellable);
  g_clear_object (&self->listener_cancellable);
  self->listener_cancellable = g_cancellable_new ();
  ssa_db_listener_open_async (ssa_repository_get_path (self->repository),
                              self->listener_cancellable, listener_opened_cb,
                              g_object_ref (self));
}

void
team_stop (SsaWindow *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->pages_idle, g_source_remove);
  if (self->listener_cancellable != NULL)
    g_cancellable_cancel (self->listener_cancellable);
  g_clear_object (&self->listener_cancellable);
  g_clear_pointer (&self->listener, ssa_db_listener_free);
}
