/* ssa-page-common.c
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
#include "ssa-gui-util.h"
#include "ssa-page-common.h"
#include "ssa-window.h"

/* Spinners.
 *
 * A spinning GtkSpinner keeps GTK 4.8's frame clock ticking, and every frame measures the
 * layout again, even when the spinner is on a page the user does not see: a window at rest
 * used 3 % of a core. A spinner here spins only while it is busy (work is running) and
 * mapped (on screen); a busy spinner that is shown later starts then.
 *
 * It starts only once the work has been on screen for SPINNER_DELAY_MS, as GNOME's lists do:
 * work that ends sooner (most loads) shows no spinner flashing by, and draws no frames for
 * it. That also keeps librsvg out of the process (some 6.5 MB resident): the spinner's icon
 * is the one icon the window shows that the theme has only as SVG. */

#define SPINNER_DELAY_MS 400

static gboolean
spinner_start_cb (gpointer data)
{
  GtkSpinner *spinner = data;

  g_object_set_data (G_OBJECT (spinner), "ssa-busy-delay", NULL);
  gtk_spinner_set_spinning (spinner, TRUE);
  return G_SOURCE_REMOVE;
}

static void
spinner_update (GtkSpinner *spinner)
{
  gboolean busy = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (spinner), "ssa-busy"));
  guint delay = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spinner), "ssa-busy-delay"));

  if (busy && gtk_widget_get_mapped (GTK_WIDGET (spinner)))
    {
      if (delay == 0 && !gtk_spinner_get_spinning (spinner))
        {
          delay = g_timeout_add_full (G_PRIORITY_DEFAULT, SPINNER_DELAY_MS, spinner_start_cb,
                                      g_object_ref (spinner), g_object_unref);
          g_source_set_name_by_id (delay, "[ssa-desk] spinner delay");
          g_object_set_data (G_OBJECT (spinner), "ssa-busy-delay", GUINT_TO_POINTER (delay));
        }
      return;
    }
  if (delay != 0)
    {
      g_source_remove (delay);
      g_object_set_data (G_OBJECT (spinner), "ssa-busy-delay", NULL);
    }
  gtk_spinner_set_spinning (spinner, FALSE);
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

/* The language of exported offers, from the preferences of @widget's application; the
 * window's own language when the settings schema is not installed. */
SsaLang
ssa_page_get_document_lang (GtkWidget *widget)
{
  GSettings *settings = ssa_application_get_settings_for_widget (widget);
  g_autofree char *lang = NULL;

  if (settings == NULL)
    return ssa_lang_from_locale ();
  lang = g_settings_get_string (settings, "document-language");
  return ssa_lang_from_string (lang);
}
