/* a11y-driver.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <adwaita.h>
#include <gio/gunixinputstream.h>

#include "ssa-application.h"
#include "ssa-customer-editor.h"
#include "ssa-installation-editor.h"
#include "ssa-inventory-view.h"
#include "ssa-preferences.h"
#include "ssa-repository.h"
#include "ssa-restore-dialog.h"
#include "ssa-sidebar.h"
#include "ssa-slot.h"
#include "ssa-window.h"
#include "test-main-loop.h"

/* The window for a11y-check.py: the real application on a new database (SSA_DESK_DB, set
 * by the script), with its accessibility on the session bus (GTK_A11Y=atspi). It opens one
 * page, popover or dialog after the other, the way a user reaches them (the window's and
 * the application's actions, the menu buttons' popovers), and after each says on stdout
 * "state NAME" and waits for a line on stdin: the script walks the accessible tree in
 * between. The main loop runs while it waits, so that the tree can be asked about.
 * "done" on stdout ends it. Every wait is bounded; a step that cannot be reached exits
 * with status 1 and says why on stderr. */

#define STEP_SECONDS 120

typedef struct
{
  SsaApplication *app;
  SsaWindow      *window;
  gboolean        got_line;
  gboolean        eof;
  GDataInputStream *input;
} Driver;

static void
fail (const char *message)
{
  g_printerr ("a11y-driver: %s\n", message);
  exit (1);
}

static void
line_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Driver *driver = data;
  g_autofree char *line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source),
                                                                result, NULL, NULL);

  driver->eof = line == NULL;
  driver->got_line = TRUE;
}

static gboolean
line_arrived (gpointer data)
{
  return ((Driver *) data)->got_line;
}

/* Tells the script that @name is showing, and keeps the window alive until it answers. */
static void
announce (Driver     *driver,
          const char *name)
{
  gint64 deadline = g_get_monotonic_time () + STEP_SECONDS * G_USEC_PER_SEC;

  spin (400);
  printf ("state %s\n", name);
  fflush (stdout);
  driver->got_line = FALSE;
  g_data_input_stream_read_line_async (driver->input, G_PRIORITY_DEFAULT, NULL, line_cb, driver);
  while (!line_arrived (driver) && g_get_monotonic_time () < deadline)
    wait_for (line_arrived, driver);
  if (!driver->got_line)
    fail ("no answer from the script");
  if (driver->eof)
    fail ("the script closed its end");
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

typedef struct
{
  GType type;
} ToplevelWait;

static gboolean
toplevel_shown (gpointer data)
{
  return find_toplevel (((ToplevelWait *) data)->type) != NULL;
}

/* Waits for a window of @type, announces it, and closes it. */
static void
announce_dialog (Driver     *driver,
                 GType       type,
                 const char *name)
{
  ToplevelWait wait = { type };
  GtkWidget *dialog;

  if (!wait_for (toplevel_shown, &wait))
    {
      g_autofree char *message = g_strdup_printf ("no %s opened", g_type_name (type));

      fail (message);
    }
  dialog = find_toplevel (type);
  announce (driver, name);
  gtk_window_close (GTK_WINDOW (dialog));
  spin (200);
}

static gboolean
window_ready (gpointer data)
{
  Driver *driver = data;

  return ssa_window_get_ready (driver->window) &&
         gtk_widget_get_mapped (GTK_WIDGET (driver->window));
}

static gboolean
on_main_page (gpointer data)
{
  Driver *driver = data;
  SsaRepository *repository = ssa_window_get_repository (driver->window);

  return g_strcmp0 (ssa_window_get_page (driver->window), "main") == 0 &&
         g_list_model_get_n_items (ssa_repository_get_installations (repository)) > 0;
}

/* Selects the first sidebar row of @type (named @name, unless NULL), through the list's
 * selection as a click does. */
static void
select_row (Driver     *driver,
            GType       type,
            const char *name)
{
  SsaSidebar *sidebar = SSA_SIDEBAR (ssa_window_get_sidebar (driver->window));
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();
  GtkSelectionModel *selection;
  GListModel *shown = ssa_sidebar_get_shown (sidebar);

  collect (GTK_WIDGET (sidebar), GTK_TYPE_LIST_VIEW, lists);
  if (lists->len == 0)
    fail ("no list in the sidebar");
  selection = gtk_list_view_get_model (g_ptr_array_index (lists, 0));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (shown, i);

      g_autofree char *row_name = NULL;

      g_object_get (row, "name", &row_name, NULL);
      if (G_TYPE_CHECK_INSTANCE_TYPE (row, type) &&
          (name == NULL || g_strcmp0 (row_name, name) == 0))
        {
          gtk_selection_model_select_item (selection, i, TRUE);
          spin (300);
          return;
        }
    }
  fail ("no such row in the sidebar");
}

static void
show_view (Driver     *driver,
           const char *view)
{
  if (!gtk_widget_activate_action (GTK_WIDGET (driver->window), "win.show-view", "s", view))
    fail ("win.show-view failed");
  spin (800);
}

static void
announce_menu (Driver     *driver,
               GtkWidget  *root,
               const char *icon_name,
               const char *name)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (root, GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);

      if (g_strcmp0 (gtk_menu_button_get_icon_name (button), icon_name) == 0 &&
          gtk_widget_get_mapped (GTK_WIDGET (button)))
        {
          gtk_menu_button_popup (button);
          announce (driver, name);
          gtk_menu_button_popdown (button);
          spin (200);
          return;
        }
    }
  fail ("no such menu button");
}

/* Every page of the preferences, one after the other. */
static void
announce_preferences (Driver *driver)
{
  ToplevelWait wait = { SSA_TYPE_PREFERENCES };
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();
  GtkWidget *preferences;

  if (!g_action_group_has_action (G_ACTION_GROUP (driver->app), "preferences"))
    fail ("no app.preferences");
  g_action_group_activate_action (G_ACTION_GROUP (driver->app), "preferences", NULL);
  if (!wait_for (toplevel_shown, &wait))
    fail ("the preferences did not open");
  preferences = find_toplevel (SSA_TYPE_PREFERENCES);
  collect (preferences, ADW_TYPE_PREFERENCES_PAGE, pages);
  for (guint i = 0; i < pages->len; i++)
    {
      g_autofree char *name = g_strdup_printf ("preferences-%u", i + 1);

      adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (preferences),
                                               g_ptr_array_index (pages, i));
      announce (driver, name);
    }
  gtk_window_close (GTK_WINDOW (preferences));
  spin (200);
}

static void
offer_saved_cb (GtkWidget  *builder,
                const char *number,
                char      **saved)
{
  g_free (*saved);
  *saved = g_strdup (number);
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

/* Saves the installation's offer, as Ctrl+S does. Returns: (transfer full): its number */
static char *
save_offer (Driver *driver)
{
  GtkWidget *builder = ssa_window_get_offer_builder (driver->window);
  char *number = NULL;
  gulong handler = g_signal_connect (builder, "offer-saved", G_CALLBACK (offer_saved_cb),
                                     &number);

  if (!gtk_widget_activate_action (builder, "offer.save", NULL) || !wait_for (is_set, &number))
    fail ("the offer was not saved");
  g_signal_handler_disconnect (builder, handler);
  return number;
}

static void
run_steps (Driver *driver)
{
  g_autofree char *number = NULL;
  SsaInventoryView *view;

  announce (driver, "welcome");

  if (!gtk_widget_activate_action (GTK_WIDGET (driver->window), "win.load-samples", NULL) ||
      !wait_for (on_main_page, driver))
    fail ("the samples did not load");
  /* A sample whose offer can be saved: an SSA to renew, no line refused. */
  select_row (driver, SSA_TYPE_INSTALLATION, "Kontor Trondheim");
  announce (driver, "installation");
  number = save_offer (driver);
  announce (driver, "offer-saved");
  announce_menu (driver, GTK_WIDGET (driver->window), "open-menu-symbolic", "main-menu");
  announce_menu (driver, GTK_WIDGET (driver->window), "list-add-symbolic", "add-menu");

  view = SSA_INVENTORY_VIEW (ssa_window_get_inventory_view (driver->window));
  gtk_popover_popup (GTK_POPOVER (ssa_inventory_view_get_picker (view)));
  announce (driver, "product-picker");
  gtk_popover_popdown (GTK_POPOVER (ssa_inventory_view_get_picker (view)));
  spin (200);

  gtk_widget_activate_action (GTK_WIDGET (driver->window), "win.edit-installation", NULL);
  announce_dialog (driver, SSA_TYPE_INSTALLATION_EDITOR, "installation-editor");

  select_row (driver, SSA_TYPE_CUSTOMER, NULL);
  announce (driver, "customer");
  gtk_widget_activate_action (GTK_WIDGET (driver->window), "win.new-customer", NULL);
  announce_dialog (driver, SSA_TYPE_CUSTOMER_EDITOR, "customer-editor");

  show_view (driver, "renewals");
  announce (driver, "renewals");
  show_view (driver, "offers");
  announce (driver, "offers");
  /* The saved offer, in the register and then in the builder, being revised. */
  if (!gtk_widget_activate_action (GTK_WIDGET (driver->window), "win.show-offer", "s", number))
    fail ("win.show-offer failed");
  spin (500);
  announce (driver, "offer-selected");
  if (!gtk_widget_activate_action (GTK_WIDGET (driver->window), "win.open-offer", "s", number))
    fail ("win.open-offer failed");
  spin (800);
  announce (driver, "offer-revising");
  show_view (driver, "price-list");
  announce (driver, "price-list");
  show_view (driver, "inventory");

  announce_preferences (driver);

  if (!gtk_widget_activate_action (GTK_WIDGET (driver->window), "win.restore-backup", NULL))
    fail ("win.restore-backup failed");
  announce_dialog (driver, SSA_TYPE_RESTORE_DIALOG, "restore-dialog");

  g_action_group_activate_action (G_ACTION_GROUP (driver->app), "shortcuts", NULL);
  announce_dialog (driver, GTK_TYPE_SHORTCUTS_WINDOW, "shortcuts");
  g_action_group_activate_action (G_ACTION_GROUP (driver->app), "about", NULL);
  announce_dialog (driver, ADW_TYPE_ABOUT_WINDOW, "about");

  printf ("done\n");
  fflush (stdout);
}

static gboolean
run_cb (gpointer data)
{
  Driver *driver = data;
  GList *windows;

  driver->window = SSA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (driver->app)));
  gtk_window_set_default_size (GTK_WINDOW (driver->window), 1280, 800);
  if (!wait_for (window_ready, driver))
    fail ("the window did not become ready");

  run_steps (driver);

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (driver->app)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  return G_SOURCE_REMOVE;
}

static void
activated_cb (GApplication *app,
              Driver       *driver)
{
  g_idle_add (run_cb, driver);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GInputStream) stdin_stream = g_unix_input_stream_new (0, FALSE);
  char *app_argv[] = { (char *) "ssa-desk", NULL };
  Driver driver = { 0 };
  int status;

  setlocale (LC_ALL, "");
  if (g_getenv ("SSA_DESK_DB") == NULL)
    fail ("SSA_DESK_DB is not set");
  if (!gtk_init_check ())
    fail ("no display");
  adw_init ();

  driver.input = g_data_input_stream_new (stdin_stream);
  driver.app = ssa_application_new ();
  g_application_set_flags (G_APPLICATION (driver.app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (driver.app, "activate", G_CALLBACK (activated_cb), &driver);
  status = g_application_run (G_APPLICATION (driver.app), 1, app_argv);

  g_clear_object (&driver.app);
  g_clear_object (&driver.input);
  return status;
}
