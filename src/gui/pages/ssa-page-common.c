/* ssa-page-common.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-db-job.h"
#include "ssa-db.h"
#include "ssa-gui-util.h"
#include "ssa-page-common.h"
#include "ssa-refresh.h"
#include "ssa-window.h"

/* Spinners.
 *
 * A spinning GtkSpinner keeps GTK 4.8's frame clock ticking, and every frame measures the
 * layout again, even when the spinner is on a page the user does not see: a window at rest
 * used 3 % of a core. A spinner here spins only while it is busy (work is running) and
 * mapped (on screen); a busy spinner that is shown later starts then. */

static void
spinner_update (GtkSpinner *spinner)
{
  gboolean busy = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spinner), "ssa-busy"));

  gtk_spinner_set_spinning (spinner, busy && gtk_widget_get_mapped (GTK_WIDGET (spinner)));
}

/**
 * ssa_page_set_busy:
 * @spinner: a spinner
 * @busy: whether the work it stands for is running
 *
 * Makes @spinner spin while @busy and shown on screen, and stop otherwise.
 */
void
ssa_page_set_busy (GtkSpinner *spinner,
                   gboolean    busy)
{
  g_return_if_fail (GTK_IS_SPINNER (spinner));

  if (g_object_get_data (G_OBJECT (spinner), "ssa-busy-watched") == NULL)
    {
      g_object_set_data (G_OBJECT (spinner), "ssa-busy-watched", GINT_TO_POINTER (TRUE));
      g_signal_connect (spinner, "map", G_CALLBACK (spinner_update), NULL);
      g_signal_connect (spinner, "unmap", G_CALLBACK (spinner_update), NULL);
    }
  g_object_set_data (G_OBJECT (spinner), "ssa-busy", GINT_TO_POINTER (busy));
  spinner_update (spinner);
}

/**
 * ssa_page_set_tooltip_text:
 * @widget: a widget
 * @text: (nullable): its tooltip
 *
 * Sets @widget's tooltip as gtk_widget_set_tooltip_text() does, without its cost in a
 * list's rows: GTK asks the display where the pointer is whenever a shown widget's tooltip
 * changes, a round trip to the X server for each row bound, even one not on screen. The
 * tooltip of a widget that is not mapped is set while it is hidden, and an unchanged one is
 * not set again.
 */
void
ssa_page_set_tooltip_text (GtkWidget  *widget,
                           const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (gtk_widget_get_tooltip_text (widget), text) == 0)
    return;
  if (!gtk_widget_get_mapped (widget) && gtk_widget_get_visible (widget))
    {
      gtk_widget_set_visible (widget, FALSE);
      gtk_widget_set_tooltip_text (widget, text);
      gtk_widget_set_visible (widget, TRUE);
    }
  else
    gtk_widget_set_tooltip_text (widget, text);
}

/**
 * ssa_page_load_async:
 * @page: the page that loads
 * @repository: (nullable): its repository
 * @cancellable: (inout) (nullable): the page's loading cancellable: the load in flight is
 *   cancelled, and the new one's is stored here
 * @stale: (inout): the page's stale flag (see ssa_page_reload_when_shown()): cleared when
 *   the load starts while the page is shown; a page that loads while hidden is loaded again
 *   when it is shown, as it is after any time hidden
 * @stack: the stack of the page's states, with a "loading" child
 * @spinner: the spinner in that child
 * @show_spinner: whether to show "loading" while the job runs (an empty page), rather than
 *   keeping the old contents until the new ones replace them
 * @func: the loading job
 * @result_free: frees its result
 * @callback: called on the main context with a reference to @page as its user data
 *
 * Starts a page's loading job again, in a worker thread.
 *
 * Returns: %FALSE when the repository has not been loaded yet: nothing started, and the
 *   page shows "loading" until the repository's "loaded" brings it back
 */
gboolean
ssa_page_load_async (GtkWidget            *page,
                     SsaRepository        *repository,
                     GCancellable        **cancellable,
                     gboolean             *stale,
                     GtkStack             *stack,
                     GtkSpinner           *spinner,
                     gboolean              show_spinner,
                     SsaDbJobFunc          func,
                     GDestroyNotify        result_free,
                     GAsyncReadyCallback   callback)
{
  g_autofree char *path = ssa_page_dup_database_path (repository);

  g_return_val_if_fail (GTK_IS_WIDGET (page), FALSE);
  g_return_val_if_fail (cancellable != NULL, FALSE);
  g_return_val_if_fail (stale != NULL, FALSE);

  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);

  if (path == NULL || show_spinner)
    {
      ssa_page_set_busy (spinner, TRUE);
      gtk_stack_set_visible_child_name (stack, "loading");
    }
  if (path == NULL)
    return FALSE;

  *stale = !gtk_widget_get_mapped (page);
  *cancellable = g_cancellable_new ();
  ssa_db_job_run_async (path, func, NULL, NULL, result_free, *cancellable, callback,
                        g_object_ref (page));
  return TRUE;
}

/**
 * ssa_page_load_finish:
 * @result: the result of the page's loading job
 * @cancellable: (inout): the page's loading cancellable, cleared when the load is over
 * @stack: the stack of the page's states, with an "error" child
 * @spinner: the spinner of its "loading" child
 * @error_page: its "error" child, which says why a load failed
 * @loaded: (out) (transfer full) (nullable): the job's result; %NULL when it failed
 *
 * Ends a page's load started with ssa_page_load_async(): unless it was cancelled, the
 * spinner stops, and a failure is shown on the error page. The caller shows a result.
 *
 * Returns: %FALSE when the load was cancelled: a newer load replaced it or the page is
 *   going away, and the page is to be left as it is
 */
gboolean
ssa_page_load_finish (GAsyncResult   *result,
                      GCancellable  **cancellable,
                      GtkStack       *stack,
                      GtkSpinner     *spinner,
                      AdwStatusPage  *error_page,
                      gpointer       *loaded)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (cancellable != NULL, FALSE);
  g_return_val_if_fail (loaded != NULL, FALSE);

  *loaded = ssa_db_job_finish (result, &error);
  /* A newer load replaced this one, and owns the cancellable now, or the page is going
   * away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  g_clear_object (cancellable);
  ssa_page_set_busy (spinner, FALSE);
  if (*loaded == NULL)
    {
      adw_status_page_set_description (error_page, error->message);
      gtk_stack_set_visible_child_name (stack, "error");
    }
  return TRUE;
}

/**
 * ssa_page_defer_load:
 * @page: a page about to load
 * @cancellable: (inout): the page's loading cancellable
 * @stale: (inout): the page's stale flag (see ssa_page_reload_when_shown())
 *
 * Puts a costly load off while @page is not shown: the load in flight, if any, is
 * cancelled and the page is marked stale, so that it loads once, when it is shown, however
 * many times it is asked to while hidden.
 *
 * Returns: whether the load was put off; %FALSE when the page is shown and loads now
 */
gboolean
ssa_page_defer_load (GtkWidget     *page,
                     GCancellable **cancellable,
                     gboolean      *stale)
{
  g_return_val_if_fail (GTK_IS_WIDGET (page), FALSE);
  g_return_val_if_fail (cancellable != NULL, FALSE);
  g_return_val_if_fail (stale != NULL, FALSE);

  if (gtk_widget_get_mapped (page))
    return FALSE;

  g_cancellable_cancel (*cancellable);
  g_clear_object (cancellable);
  *stale = TRUE;
  return TRUE;
}

typedef struct
{
  GCancellable **cancellable;
  gboolean      *stale;
  GCallback      reload;
} ShownWatch;

static void
page_map_cb (GtkWidget  *page,
             ShownWatch *watch)
{
  if (!*watch->stale)
    return;

  /* A load still running began moments ago (the page was being built, or was hidden only
   * briefly): it is recent enough. */
  if (*watch->cancellable != NULL)
    *watch->stale = FALSE;
  else
    ((void (*) (GtkWidget *)) watch->reload) (page);
}

static void
page_unmap_cb (GtkWidget  *page,
               ShownWatch *watch)
{
  *watch->stale = TRUE;
}

/**
 * ssa_page_reload_when_shown:
 * @page: a page
 * @cancellable: the page's loading cancellable, a field of @page
 * @stale: the page's stale flag, a field of @page: %TRUE until it has loaded
 * @reload: the page's reload function, called with @page
 *
 * Reloads @page when it is shown (mapped) while it is stale. Nothing tells a page what
 * changed while it was hidden (installations edited, offers made or accepted elsewhere in
 * the window, price lists stored by the command line, another day begun), so a page that
 * is hidden becomes stale, and a page that is shown again is brought up to date.
 */
void
ssa_page_reload_when_shown (GtkWidget     *page,
                            GCancellable **cancellable,
                            gboolean      *stale,
                            GCallback      reload)
{
  ShownWatch *watch;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (cancellable != NULL);
  g_return_if_fail (stale != NULL);
  g_return_if_fail (reload != NULL);

  /* The handlers are on @page itself: they go before the fields they point to. */
  watch = g_new0 (ShownWatch, 1);
  watch->cancellable = cancellable;
  watch->stale = stale;
  watch->reload = reload;
  g_signal_connect_data (page, "map", G_CALLBACK (page_map_cb), watch,
                         (GClosureNotify) G_CALLBACK (g_free), 0);
  g_signal_connect (page, "unmap", G_CALLBACK (page_unmap_cb), watch);
}

/**
 * ssa_page_show_list_or_empty:
 * @stack: the stack of a page's states, with "list" and "empty" children
 * @shown: the items the list shows
 *
 * Shows the list, or its empty state when @shown has no items, while @stack shows either
 * of them; a page that is loading or shows an error is left as it is.
 */
void
ssa_page_show_list_or_empty (GtkStack   *stack,
                             GListModel *shown)
{
  const char *visible;

  g_return_if_fail (GTK_IS_STACK (stack));
  g_return_if_fail (G_IS_LIST_MODEL (shown));

  visible = gtk_stack_get_visible_child_name (stack);
  if (g_strcmp0 (visible, "list") == 0 || g_strcmp0 (visible, "empty") == 0)
    gtk_stack_set_visible_child_name (stack,
                                      g_list_model_get_n_items (shown) > 0 ? "list" : "empty");
}

/**
 * ssa_page_dup_database_path:
 * @repository: (nullable): the window's repository
 *
 * Returns: (transfer full) (nullable): the file of the repository's database, which the
 *   pages' worker threads open connections of their own to; %NULL until it has been loaded
 *   (opened, created or migrated) once
 */
char *
ssa_page_dup_database_path (SsaRepository *repository)
{
  SsaDb *db;

  if (repository == NULL || !ssa_repository_get_loaded (repository))
    return NULL;
  db = ssa_repository_get_db (repository);
  return db != NULL ? g_strdup (ssa_db_get_path (db)) : NULL;
}

/* Whether the page may write: a repository that is not read-only (SsaRepository:read-only).
 * Pages connect to its notify::read-only to update their actions. */
gboolean
ssa_page_is_writable (SsaRepository *repository)
{
  return repository != NULL && !ssa_repository_get_read_only (repository);
}

/**
 * ssa_page_swap_repository:
 * @page: the page
 * @field: the page's repository field
 * @repository: (nullable): the new repository
 * @loaded_cb: (nullable): called, swapped, with @page when @repository has (re)loaded
 *
 * Replaces a page's repository, moving the page's handler to the new one.
 *
 * Returns: whether the repository changed
 */
gboolean
ssa_page_swap_repository (GtkWidget      *page,
                          SsaRepository **field,
                          SsaRepository  *repository,
                          GCallback       loaded_cb)
{
  g_return_val_if_fail (GTK_IS_WIDGET (page), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (*field == repository)
    return FALSE;

  if (*field != NULL)
    g_signal_handlers_disconnect_by_data (*field, page);
  g_set_object (field, repository);
  if (repository != NULL && loaded_cb != NULL)
    g_signal_connect_object (repository, "notify::loaded", loaded_cb, page, G_CONNECT_SWAPPED);
  return TRUE;
}

/* Shows @message through the window's "win.show-toast" action. */
void
ssa_page_show_message (GtkWidget  *page,
                       const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (message != NULL);

  gtk_widget_activate_action (page, "win.show-toast", "s", message);
}

/**
 * ssa_page_show_message_with_fix:
 * @page: the page that reports
 * @message: what went wrong and what to do
 * @fix_action: (nullable): the window's action that is the way forward, such as
 *   "win.preferences"
 *
 * Shows @message through the window's "win.show-error" action: in a toast with a button
 * for @fix_action when it fits, otherwise in a dialog with the whole text and that button.
 */
void
ssa_page_show_message_with_fix (GtkWidget  *page,
                                const char *message,
                                const char *fix_action)
{
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (message != NULL);

  gtk_widget_activate_action (page, "win.show-error", "(ss)", message,
                              fix_action != NULL ? fix_action : "");
}

/**
 * ssa_page_show_toast:
 * @page: the page that reports
 * @toast: (transfer full): the toast
 *
 * Shows a toast that has a button in the window's toast overlay. Without one (a page
 * outside the window) only its title reaches "win.show-toast".
 */
void
ssa_page_show_toast (GtkWidget *page,
                     AdwToast  *toast)
{
  GtkWidget *overlay;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (ADW_IS_TOAST (toast));

  /* Through the window, which shows one toast at a time: see ssa_window_add_toast(). */
  root = gtk_widget_get_root (page);
  if (SSA_IS_WINDOW (root))
    {
      ssa_window_add_toast (SSA_WINDOW (root), toast);
      return;
    }
  overlay = gtk_widget_get_ancestor (page, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      ssa_gui_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      return;
    }

  ssa_page_show_message (page, adw_toast_get_title (toast));
  g_object_unref (toast);
}

/* An error for the user: cancellation is the user's own doing and is not reported. */
void
ssa_page_show_error (GtkWidget    *page,
                     const GError *error)
{
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  ssa_page_show_message (page, error->message);
}

/* Returns: (transfer full): the date as the window shows it, "28.11.2026", or a dash */
char *
ssa_page_format_date (const GDate *date)
{
  if (!ssa_date_is_set (date))
    return g_strdup ("—");
  return ssa_date_format (date, ssa_lang_from_locale ());
}

/* Returns: (transfer full): "1 234,50 kr" */
char *
ssa_page_format_money (gint64      hundredths,
                       const char *currency)
{
  return ssa_money_format (hundredths, currency != NULL ? currency : "NOK",
                           ssa_lang_from_locale ());
}

/* A number that sorts like the date, for GtkNumericSorter: 0 (first) when absent. */
guint
ssa_page_date_sort_key (const GDate *date)
{
  return ssa_date_is_set (date) ? g_date_get_julian (date) : 0;
}

/* Returns: (transfer full): an ISO 8601 time in local time, "28.11.2026 14:05", or a dash */
char *
ssa_page_format_timestamp (const char *iso8601)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  GDate date;

  if (iso8601 == NULL || *iso8601 == '\0')
    return g_strdup ("—");

  utc = g_time_zone_new_utc ();
  time = g_date_time_new_from_iso8601 (iso8601, utc);
  if (time == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (time);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date,
                  (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  day = ssa_date_format (&date, ssa_lang_from_locale ());
  /* Translators: a day and a time of day, "28.11.2026 14:05". */
  return g_strdup_printf (_("%s %02d:%02d"), day, g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}

/* The language of exported offers, from the preferences; the window's own language when the
 * settings schema is not installed. */
SsaLang
ssa_page_get_document_lang (void)
{
  g_autoptr(GSettings) settings = ssa_refresh_dup_settings ();
  g_autofree char *lang = NULL;

  if (settings == NULL)
    return ssa_lang_from_locale ();
  lang = g_settings_get_string (settings, "document-language");
  return ssa_lang_from_string (lang);
}

/* Returns: (transfer full): what the window calls an installation in a list: its name, else
 * its serial number, else its number in the database */
char *
ssa_page_dup_installation_title (gint64      id,
                                 const char *name,
                                 const char *serial)
{
  g_autofree char *number = NULL;

  if (name != NULL && *name != '\0')
    return g_strdup (name);
  if (serial != NULL && *serial != '\0')
    return g_strdup (serial);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* Translators: an installation without name or serial, by its number in the database. */
  return g_strdup_printf (_("Installation %s"), number);
}
