/* ssa-window-messages.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-gui-util.h"
#include "ssa-window-private.h"

/* SsaWindow's messages: one toast at a time (ssa_window_add_toast ()), a dialog for what
 * does not fit in a toast, the banner under the header bar and the database's banner. */

/* The room a toast's title has: AdwToastOverlay makes a toast 450 pixels wide (less in a
 * narrow window), and the close button, the padding and the toast's own button take their
 * share. A title that does not fit is cut off. */
#define TOAST_WIDTH 450
#define TOAST_CHROME 80

static int
text_width (GtkWidget  *widget,
            const char *text,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
  int width = 0;

  if (bold)
    {
      g_autoptr(PangoAttrList) attributes = pango_attr_list_new ();

      pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attributes);
    }
  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* Whether @message, with a button labelled @button_label (or none), fits in a toast. */
static gboolean
fits_in_toast (SsaWindow  *self,
               const char *message,
               const char *button_label)
{
  int room = TOAST_WIDTH;
  int window_width = gtk_widget_get_width (GTK_WIDGET (self->toast_overlay));

  if (strchr (message, '\n') != NULL)
    return FALSE;
  if (window_width > 0)
    room = MIN (room, window_width);
  room -= TOAST_CHROME;
  if (button_label != NULL)
    {
      g_autofree char *plain = g_strdup (button_label);

      /* The mnemonic's underscore takes no room. */
      g_strdelimit (plain, "_", ' ');
      room -= text_width (GTK_WIDGET (self), plain, FALSE) + 32;
    }
  return text_width (GTK_WIDGET (self), message, TRUE) <= room;
}

/* @toast leaves the screen, whichever way (its timeout, its close button, its own button,
 * withdrawn, or replaced). Whenever the screen may be left without a toast, a deletion whose
 * toast made way for another is offered again: once the main loop has settled, so that a
 * toast replacing this one now is not replaced in turn (see show_parked_toast()). */
void
current_toast_dismissed_cb (SsaWindow *self,
                            AdwToast  *toast)
{
  if (self->current_toast != toast)
    return;
  g_object_remove_weak_pointer (G_OBJECT (toast), (gpointer *) &self->current_toast);
  self->current_toast = NULL;
  offer_parked_later (self);
}

/* libadwaita 1.2 crashes when a toast is dismissed while it is still sliding in (its show
 * animation, 500 ms at most): a toast stays at least this long before another replaces it,
 * and until a frame was painted after its animation's end. The animation ends in the first
 * frame whose time is TOAST_SHOW_MS past the frame time it started at, which is no later
 * than the toast was added; on a busy machine that frame can come well after
 * TOAST_GUARD_MS, and a toast dismissed before it crashed the window under load. */
#define TOAST_GUARD_MS 600
#define TOAST_SHOW_MS 500
#define TOAST_RECHECK_MS 50

void
after_paint_cb (SsaWindow     *self,
                GdkFrameClock *clock)
{
  self->last_frame_time = gdk_frame_clock_get_frame_time (clock);
  if (self->check_queued)
    start_check (self);
}

/* How long the toast on screen must stay yet, in milliseconds: 0 once it may go. */
static guint
toast_guard_left (SsaWindow *self)
{
  gint64 shown_for;

  if (self->current_toast == NULL)
    return 0;
  shown_for = (g_get_monotonic_time () - self->current_toast_since) / 1000;
  if (shown_for < TOAST_GUARD_MS)
    return (guint) (TOAST_GUARD_MS - shown_for);
  /* A window that is not drawn runs no animation: libadwaita skips it to its end. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->after_paint_handler == 0)
    return 0;
  if (self->last_frame_time >= self->current_toast_since + TOAST_SHOW_MS * 1000)
    return 0;
  return TOAST_RECHECK_MS;
}

/* The toast on screen ended by itself (its timeout, its close button or its own button). */
static void
current_toast_ended_cb (SsaWindow *self,
                        AdwToast  *toast)
{
  current_toast_dismissed_cb (self, toast);
}

/* Dismisses a toast that makes way for another. A deletion's toast that goes this way does
 * not make the deletion final: it waits, parked, to be offered again. */
static void
dismiss_superseded (SsaWindow *self,
                    AdwToast  *toast)
{
  park_deletion_toast (self, toast);
  adw_toast_dismiss (toast);
}

static void
replace_toast (SsaWindow *self,
               AdwToast  *toast)
{
  if (self->current_toast != NULL)
    {
      AdwToast *old = self->current_toast;

      current_toast_dismissed_cb (self, old);
      dismiss_superseded (self, old);
    }
  self->current_toast = toast;
  self->current_toast_since = g_get_monotonic_time ();
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->current_toast);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (current_toast_ended_cb), self,
                           G_CONNECT_SWAPPED);
  ssa_gui_add_toast (self->toast_overlay, toast);
}

static gboolean
show_pending_toast_cb (gpointer data)
{
  SsaWindow *self = data;
  guint left = toast_guard_left (self);

  self->pending_toast_source = 0;
  if (left > 0)
    {
      self->pending_toast_source = g_timeout_add (left, show_pending_toast_cb, self);
      return G_SOURCE_REMOVE;
    }
  replace_toast (self, g_steal_pointer (&self->pending_toast));
  return G_SOURCE_REMOVE;
}

/* A toast that was never shown: dismissed, so that whoever waits for its end hears of it. */
void
drop_pending_toast (SsaWindow *self)
{
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->pending_toast);

  g_clear_handle_id (&self->pending_toast_source, g_source_remove);
  if (toast != NULL)
    dismiss_superseded (self, toast);
}

/**
 * ssa_window_add_toast:
 * @self: the window
 * @toast: (transfer full): the toast
 *
 * Shows @toast in place of the toast on screen, which is dismissed. AdwToastOverlay would
 * otherwise queue one of them, and a toast of high priority (the Undo of a deletion)
 * pushes the one on screen back into the queue, so that it came back after the user had
 * read it, or dismissed the newer one. A toast that has left the screen never returns. A
 * toast that arrives while the one on screen is still sliding in waits for it, and gives
 * way to a newer one unseen.
 */
void
ssa_window_add_toast (SsaWindow *self,
                      AdwToast  *toast)
{
  guint guard_left;

  g_return_if_fail (SSA_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* A newer toast replaces one still waiting, which is never shown. */
  if (self->pending_toast != NULL)
    {
      g_autoptr(AdwToast) dropped = g_steal_pointer (&self->pending_toast);

      self->pending_toast = toast;
      dismiss_superseded (self, dropped);
      return;
    }

  guard_left = toast_guard_left (self);
  if (guard_left > 0)
    {
      self->pending_toast = toast;
      self->pending_toast_source = g_timeout_add (guard_left, show_pending_toast_cb, self);
      return;
    }
  replace_toast (self, toast);
}

/* Shows @toast (transfer full) now, in place of the one on screen or waiting: with one toast
 * at a time, that is what ssa_window_add_toast() does. */
void
add_toast_first (SsaWindow *self,
                 AdwToast  *toast)
{
  ssa_window_add_toast (self, toast);
}

static gboolean
dismiss_withdrawn_cb (gpointer data)
{
  SsaWindow *self = data;
  g_autoptr(AdwToast) toast = NULL;
  guint left = toast_guard_left (self);

  self->withdraw_source = 0;
  if (left > 0 && self->withdrawn_toast == self->current_toast)
    {
      self->withdraw_source = g_timeout_add (left, dismiss_withdrawn_cb, self);
      return G_SOURCE_REMOVE;
    }
  toast = g_steal_pointer (&self->withdrawn_toast);
  /* Unless another toast has replaced it meanwhile. */
  if (toast != NULL && toast == self->current_toast)
    {
      current_toast_dismissed_cb (self, toast);
      adw_toast_dismiss (toast);
    }
  return G_SOURCE_REMOVE;
}

/* Takes @toast away: dropped unseen if it waits, dismissed if on screen (once it has slid
 * in, see TOAST_GUARD_MS). Whoever withdraws a deletion's toast has already parked the
 * deletion or settled it. */
void
withdraw_toast (SsaWindow *self,
                AdwToast  *toast)
{
  guint left;

  if (toast == self->pending_toast)
    {
      g_autoptr(AdwToast) dropped = g_steal_pointer (&self->pending_toast);

      g_clear_handle_id (&self->pending_toast_source, g_source_remove);
      adw_toast_dismiss (dropped);
      return;
    }
  if (toast != self->current_toast)
    return;

  left = toast_guard_left (self);
  if (left == 0)
    {
      current_toast_dismissed_cb (self, toast);
      adw_toast_dismiss (toast);
      return;
    }
  g_clear_handle_id (&self->withdraw_source, g_source_remove);
  g_set_object (&self->withdrawn_toast, toast);
  self->withdraw_source = g_timeout_add (left, dismiss_withdrawn_cb, self);
}

static void
message_response_cb (SsaWindow        *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  const char *action = g_object_get_data (G_OBJECT (dialog), "ssa-fix-action");

  if (g_strcmp0 (response, "fix") == 0 && action != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
}

/* The label of the button that leads to @action, the way forward from an error. */
static const char *
fix_label (const char *action)
{
  if (g_strcmp0 (action, "win.preferences") == 0)
    return _("Open _Preferences");
  return NULL;
}

/* A message too long for a toast: a dialog with the whole text, and the way forward. */
static void
show_message_dialog (SsaWindow  *self,
                     const char *message,
                     const char *fix_action)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, message));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_close_response (dialog, "close");
  adw_message_dialog_set_default_response (dialog, "close");
  if (fix_label (fix_action) != NULL)
    {
      adw_message_dialog_add_response (dialog, "fix", fix_label (fix_action));
      adw_message_dialog_set_response_appearance (dialog, "fix", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "fix");
      g_object_set_data_full (G_OBJECT (dialog), "ssa-fix-action", g_strdup (fix_action),
                              g_free);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (message_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Tells the user @message: in a toast when it fits there, with a button for @fix_action
 * (an action of the window, or %NULL); in a dialog when it does not. */
void
show_message (SsaWindow  *self,
              const char *message,
              const char *fix_action)
{
  const char *button_label = fix_label (fix_action);
  AdwToast *toast;

  if (!fits_in_toast (self, message, button_label))
    {
      show_message_dialog (self, message, fix_action);
      return;
    }

  toast = adw_toast_new (message);
  /* Errors say what to do next, and need time to be read. */
  adw_toast_set_timeout (toast, strlen (message) > 60 ? 10 : 5);
  if (button_label != NULL)
    {
      adw_toast_set_button_label (toast, button_label);
      adw_toast_set_action_name (toast, fix_action);
    }
  ssa_window_add_toast (self, toast);
}

void
show_toast (SsaWindow  *self,
            const char *message)
{
  show_message (self, message, NULL);
}

void
show_banner (SsaWindow  *self,
             const char *message)
{
  gtk_label_set_label (self->banner_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

/* The database banner stays while the database is read-only (a read-only file, --read-only,
 * or damage found at start-up), and offers a restore when it is damaged. */
void
update_database_banner (SsaWindow *self)
{
  gboolean read_only = ssa_repository_get_read_only (self->repository);
  const char *reason = ssa_repository_get_read_only_reason (self->repository);
  g_autofree char *shown = NULL;

  /* A damage report names what is damaged and goes on with SQLite's own lines: it is the
   * tooltip of a short sentence. */
  if (read_only && self->damaged)
    shown = g_strdup (_("The database is damaged. Editing is off so that nothing more is "
                        "written into it: restore it from a backup."));
  else if (read_only && reason != NULL)
    shown = g_strndup (reason, strcspn (reason, "\n"));
  gtk_label_set_label (self->db_banner_label, shown != NULL ? shown : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->db_banner_label),
                               read_only && reason != NULL && g_strcmp0 (shown, reason) != 0
                               ? reason : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->db_banner_button), self->damaged);
  /* A team database that cannot be reached: tried again by itself, or now. */
  gtk_widget_set_visible (GTK_WIDGET (self->db_banner_retry), self->offline);
  gtk_revealer_set_reveal_child (self->db_banner_revealer, read_only);
}

void
write_failed_cb (SsaWindow     *self,
                 GError        *error,
                 SsaRepository *repository)
{
  g_autofree char *message = g_strdup_printf (_("The change was not saved: %s"), error->message);

  /* The server cannot be reached: the banner says so, and the window goes read-only. */
  team_check_unreachable (self, error);
  show_toast (self, message);
}
