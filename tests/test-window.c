/* test-window.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <adwaita.h>
#include <glib/gi18n.h>
#include <sqlite3.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ssa-application.h"
#include "ssa-backup.h"
#include "ssa-customer-editor.h"
#include "ssa-db-inventory.h"
#include "ssa-db-job.h"
#include "ssa-db-licences.h"
#include "ssa-db-offers.h"
#include "ssa-db-price-lists.h"
#include "ssa-installation-editor.h"
#include "ssa-installation-view.h"
#include "ssa-date.h"
#include "ssa-db.h"
#include "ssa-gui-util.h"
#include "ssa-inventory-view.h"
#include "ssa-offer-builder.h"
#include "ssa-error.h"
#include "ssa-document.h"
#include "ssa-document-details.h"
#include "ssa-offer-xlsx.h"
#include "ssa-offer-pdf.h"
#include "ssa-offer-item.h"
#include "ssa-page-common.h"
#include "ssa-preferences.h"
#include "ssa-price-list-page.h"
#include "ssa-product-picker.h"
#include "ssa-repository.h"
#include "ssa-restore-dialog.h"
#include "ssa-samples.h"
#include "ssa-sidebar.h"
#include "ssa-sidebar-filter.h"
#include "ssa-sidebar-row.h"
#include "ssa-slot.h"
#include "ssa-window.h"
#include "test-damage.h"
#include "test-fetch-certs.h"
#include "test-main-loop.h"
#include "test-screenshot.h"
#include "test-util.h"

/* The real application and window on a database in a temporary folder (SSA_DESK_DB),
 * driven through their actions and widgets as a user would: the first run's welcome page
 * and its sample data, the sidebar's search, a quantity changed in the inventory table and
 * the offer total that follows, an offer saved and found in the database and in the
 * offers register, customers added with the organisation number check, a deletion undone,
 * the shortcuts window, the offer's terms kept per installation, the layout at 1100×720,
 * 1280×800 and 360×700 (run again in Bokmål as test-window-nb) and the offer's toggle.
 * Screenshots of each view, in the light and the dark style, go to screenshots/ in the
 * build folder. */


/* An editor's Save: the write runs in a worker, the result comes back on the main loop. */
static void
save_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static gboolean
repository_idle (gpointer data)
{
  return !ssa_repository_is_writing (data);
}

/* Waits until every write the window asked of its repository is back. */
static void
wait_written (SsaWindow *window)
{
  g_assert_true (wait_for (repository_idle, ssa_window_get_repository (window)));
}

/* Activates the window's @action (an Undo or Redo) and waits for its write: no statement
 * on the main thread. */
static void
undo_redo_off_main_thread (SsaWindow  *window,
                           const char *action)
{
  guint main_thread_before = ssa_db_get_main_thread_statements ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  wait_written (window);
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
}

/* The save's statements all run in a worker: none on the main thread. */
static gboolean
save_customer_editor (SsaCustomerEditor  *editor,
                      GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  guint main_thread_before = ssa_db_get_main_thread_statements ();

  ssa_customer_editor_save_async (editor, save_result_cb, &result);
  g_assert_true (wait_for (have_result, &result));
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  return ssa_customer_editor_save_finish (editor, result, error);
}

static gboolean
save_installation_editor (SsaInstallationEditor  *editor,
                          GError                **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  guint main_thread_before = ssa_db_get_main_thread_statements ();

  ssa_installation_editor_save_async (editor, save_result_cb, &result);
  g_assert_true (wait_for (have_result, &result));
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  return ssa_installation_editor_save_finish (editor, result, error);
}

typedef struct
{
  char           *dir;
  char           *path;
  SsaApplication *app;
  SsaWindow      *window;
  char           *digest;   /* of the database file before the application started */
  char           *backup;   /* a backup taken before the application started */
  guint           backup_customers;  /* how many customers it holds */
} Fixture;

/* Fixture: a database, with or without the samples, and the application on it. */

static void
import_samples (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (path, SSA_DB_OPEN_DEFAULT, &error);
  g_auto(GStrv) names = ssa_samples_list_installations ();
  g_autoptr(GPtrArray) inventories = g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_inventory_free);
  g_autofree gint64 *ids = NULL;

  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    {
      SsaInventory *inventory = ssa_samples_load_installation (names[i], &error);

      g_assert_no_error (error);
      g_ptr_array_add (inventories, inventory);
    }
  ids = g_new0 (gint64, inventories->len);
  ssa_db_import_inventories (db, (SsaInventory **) inventories->pdata, (const char **) names,
                             inventories->len, ids, &error);
  g_assert_no_error (error);
}

static gboolean
window_ready (gpointer data)
{
  Fixture *f = data;

  return f->window != NULL && ssa_window_get_ready (f->window) &&
         gtk_widget_get_mapped (GTK_WIDGET (f->window));
}

static gboolean
app_released (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

typedef struct
{
  gboolean   samples;
  void     (*body) (Fixture *f);
  void     (*before) (Fixture *f);   /* nullable: runs before the application starts */
  gboolean   read_only;              /* starts the application with --read-only */
} TestCase;

/* Runs a test's body inside the running application, as the first thing after its window
 * opened; closing every window then ends g_application_run(). */
static gboolean
run_body_cb (gpointer data)
{
  Fixture *f = data;
  const TestCase *test = g_object_get_data (G_OBJECT (f->app), "test-case");
  GList *windows;

  f->window = SSA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_true (SSA_IS_WINDOW (f->window));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  g_assert_true (wait_for (window_ready, f));
  spin (200);

  test->body (f);

  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (f->app)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free (windows);
  f->window = NULL;
  return G_SOURCE_REMOVE;
}

static void
activated_cb (GApplication *app,
              Fixture      *f)
{
  g_idle_add (run_body_cb, f);
}

static void
run_test (Fixture       *f,
          gconstpointer  data)
{
  const TestCase *test = data;
  char *argv[] = { (char *) "ssa-desk", (char *) "--read-only", NULL };
  int status;

  if (test->samples)
    import_samples (f->path);
  if (test->before != NULL)
    test->before (f);

  g_setenv ("SSA_DESK_DB", f->path, TRUE);
  f->app = ssa_application_new ();
  /* Tests run beside each other: no single-instance handover on the session bus. */
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  g_object_set_data (G_OBJECT (f->app), "test-case", (gpointer) test);
  g_signal_connect_after (f->app, "activate", G_CALLBACK (activated_cb), f);

  status = g_application_run (G_APPLICATION (f->app), test->read_only ? 2 : 1, argv);
  g_assert_cmpint (status, ==, 0);

  g_assert_true (wait_for (app_released, f->app));
  g_clear_object (&f->app);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("ssa-desk-window-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "ssa-desk.db", NULL);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->digest);
  g_free (f->backup);
}

/* Finding things in the window. */

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect_widgets (root, type, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static GtkWidget *
find_status_page (GtkWidget  *root,
                  const char *title)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new ();

  collect_widgets (root, ADW_TYPE_STATUS_PAGE, pages);
  for (guint i = 0; i < pages->len; i++)
    if (g_strcmp0 (adw_status_page_get_title (g_ptr_array_index (pages, i)), title) == 0)
      return g_ptr_array_index (pages, i);
  return NULL;
}

/* The first row of @type (an AdwPreferencesRow subclass) titled @title. */
static gpointer
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_widgets (root, type, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title))
      return g_ptr_array_index (rows, i);
  g_error ("no %s “%s”", g_type_name (type), title);
  return NULL;
}

static GtkEditable *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  return GTK_EDITABLE (find_row (root, ADW_TYPE_ENTRY_ROW, title));
}

/* The widget an action row activates, such as the spin button beside its title. */
static GtkWidget *
find_action_row_widget (GtkWidget  *root,
                        const char *title)
{
  return adw_action_row_get_activatable_widget (find_row (root, ADW_TYPE_ACTION_ROW, title));
}

static guint
find_shown (SsaSidebar *sidebar,
            GType       type,
            const char *name)
{
  GListModel *shown = ssa_sidebar_get_shown (sidebar);
  guint n = g_list_model_get_n_items (shown);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (shown, i);
      g_autofree char *item_name = NULL;

      if (!G_TYPE_CHECK_INSTANCE_TYPE (item, type))
        continue;
      g_object_get (item, "name", &item_name, NULL);
      if (g_strcmp0 (item_name, name) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* Types @text into the sidebar's search and waits until the list shows its result. */
typedef struct
{
  SsaSidebar *sidebar;
  const char *text;
} Search;

static gboolean
searched (gpointer data)
{
  Search *search = data;
  SsaSidebarFilter *filter = SSA_SIDEBAR_FILTER (ssa_sidebar_get_shown (search->sidebar));

  return g_strcmp0 (ssa_sidebar_filter_get_search (filter), search->text) == 0;
}

static void
search_sidebar (SsaSidebar *sidebar,
                const char *text)
{
  Search search = { sidebar, text };

  ssa_sidebar_set_search (sidebar, text);
  g_assert_true (wait_for (searched, &search));
  spin (100);
}

/* Selects a sidebar row the way a click does: through the list's selection model. */
static GObject *
click_sidebar_row (SsaWindow  *window,
                   GType       type,
                   const char *name)
{
  SsaSidebar *sidebar = SSA_SIDEBAR (ssa_window_get_sidebar (window));
  GtkWidget *list_view = find_widget (GTK_WIDGET (sidebar), GTK_TYPE_LIST_VIEW);
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  guint position = find_shown (sidebar, type, name);
  g_autoptr(SsaSlot) slot = NULL;

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_selection_model_select_item (selection, position, TRUE);
  spin (100);
  /* The list's items are slots, each showing one row. */
  slot = g_list_model_get_item (G_LIST_MODEL (selection), position);
  g_assert_true (ssa_sidebar_get_selected (sidebar) == ssa_slot_get_item (slot));
  return ssa_sidebar_get_selected (sidebar);
}

static void
scroll_to_end (GtkWidget *widget)
{
  GtkWidget *scrolled = find_widget (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  g_assert_nonnull (scrolled);
  spin (200);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment));
}

static char *
expected_total (SsaWindow             *window,
                SsaInstallation       *installation,
                const SsaOfferRequest *request)
{
  g_autoptr(SsaInventory) inventory = ssa_installation_to_inventory (installation);
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(GError) error = NULL;

  offer = ssa_offer_compute (ssa_window_get_price_list (window), inventory, request, &error);
  g_assert_no_error (error);
  return ssa_money_format (offer->totals.total, offer->currency, ssa_lang_from_locale ());
}

/* Tests. */

static gboolean
on_main_page (gpointer data)
{
  Fixture *f = data;

  SsaRepository *repository = ssa_window_get_repository (f->window);

  return g_strcmp0 (ssa_window_get_page (f->window), "main") == 0 &&
         g_list_model_get_n_items (ssa_repository_get_installations (repository)) > 0;
}

static void
test_first_run (Fixture *f)
{
  SsaRepository *repository = ssa_window_get_repository (f->window);
  g_auto(GStrv) names = ssa_samples_list_installations ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GArray) rows = NULL;
  GtkWidget *status;
  GtkWidget *view;
  guint main_thread_before;

  /* An empty database: the welcome page, with its two ways in. */
  g_assert_cmpstr (ssa_window_get_page (f->window), ==, "welcome");
  status = find_status_page (GTK_WIDGET (f->window), "No Installations Yet");
  g_assert_nonnull (status);
  g_assert_true (gtk_widget_get_mapped (status));
  screenshot (GTK_WIDGET (f->window), "welcome");

  /* The first run asks for the reseller's details, printed as the seller on every offer:
   * a button that opens the preferences on the profile, enabled. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    gboolean found = FALSE;

    collect_widgets (status, GTK_TYPE_BUTTON, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)),
                     "win.preferences") == 0)
        {
          g_assert_true (gtk_widget_is_sensitive (g_ptr_array_index (buttons, i)));
          found = TRUE;
        }
    g_assert_true (found);
  }

  /* "Load Sample Data" imports the six samples through the database: the files are read
   * and stored in workers, with no statement on the main thread. */
  main_thread_before = ssa_db_get_main_thread_statements ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.load-samples", NULL));
  g_assert_true (wait_for (on_main_page, f));
  wait_written (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_repository_get_installations (repository)), ==,
                    g_strv_length (names));
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);

  db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  rows = ssa_db_list_installations (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, g_strv_length (names));

  /* The first sample is open, with its inventory. */
  view = ssa_window_get_inventory_view (f->window);
  g_assert_nonnull (ssa_inventory_view_get_installation (SSA_INVENTORY_VIEW (view)));
}

static void
test_sidebar_filter (Fixture *f)
{
  SsaSidebar *sidebar = SSA_SIDEBAR (ssa_window_get_sidebar (f->window));
  GListModel *shown = ssa_sidebar_get_shown (sidebar);
  guint all = g_list_model_get_n_items (shown);

  /* Six customers, six installations. */
  g_assert_cmpuint (all, ==, 12);

  /* By customer name: the customer and its installation. */
  search_sidebar (sidebar, "bryggen");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_cmpuint (find_shown (sidebar, SSA_TYPE_CUSTOMER, "Bryggen Regnskap AS"), ==, 0);

  /* By organisation number, typed in groups of three. */
  search_sidebar (sidebar, "994 613 820");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_cmpuint (find_shown (sidebar, SSA_TYPE_INSTALLATION, "Kristiansand og Arendal"), ==, 1);

  /* By installation name, case and accents folded: the customer shows above it. */
  search_sidebar (sidebar, "TERMINALBYGGET");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_cmpuint (find_shown (sidebar, SSA_TYPE_CUSTOMER, "Tromsø Havnelogistikk AS"), ==, 0);

  /* By serial. */
  search_sidebar (sidebar, "5b-13-e8");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);

  /* Several words narrow down: customer and installation together. */
  search_sidebar (sidebar, "nidaros trondheim");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);

  /* Nothing: "No Results" instead of the list. */
  search_sidebar (sidebar, "zzzz");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_assert_null (find_widget (GTK_WIDGET (sidebar), GTK_TYPE_LIST_VIEW));
  g_assert_nonnull (find_status_page (GTK_WIDGET (sidebar), "No Results"));
  screenshot (GTK_WIDGET (f->window), "sidebar-no-results");

  search_sidebar (sidebar, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, all);
  g_assert_nonnull (find_widget (GTK_WIDGET (sidebar), GTK_TYPE_LIST_VIEW));
  g_assert_null (find_status_page (GTK_WIDGET (sidebar), "No Results"));
}

/* The installation picked stays picked, and shown, while a search hides it. */
static void
test_sidebar_keeps_selection (Fixture *f)
{
  SsaSidebar *sidebar = SSA_SIDEBAR (ssa_window_get_sidebar (f->window));
  GtkWidget *list_view = find_widget (GTK_WIDGET (sidebar), GTK_TYPE_LIST_VIEW);
  GtkSelectionModel *selection = gtk_list_view_get_model (GTK_LIST_VIEW (list_view));
  GtkWidget *view = ssa_window_get_inventory_view (f->window);
  GObject *picked = click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Pakkeri Norheimsund");
  guint position;

  g_assert_true (ssa_inventory_view_get_installation (SSA_INVENTORY_VIEW (view)) ==
                 SSA_INSTALLATION (picked));

  search_sidebar (sidebar, "bryggen");
  g_assert_cmpuint (find_shown (sidebar, SSA_TYPE_INSTALLATION, "Pakkeri Norheimsund"), ==,
                    GTK_INVALID_LIST_POSITION);
  g_assert_true (ssa_sidebar_get_selected (sidebar) == picked);
  g_assert_true (ssa_inventory_view_get_installation (SSA_INVENTORY_VIEW (view)) ==
                 SSA_INSTALLATION (picked));
  /* No row of the search shows selected. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    g_assert_false (gtk_selection_model_is_selected (selection, i));

  search_sidebar (sidebar, "");
  position = find_shown (sidebar, SSA_TYPE_INSTALLATION, "Pakkeri Norheimsund");
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_true (gtk_selection_model_is_selected (selection, position));
}

static GPtrArray *
quantity_spins (SsaWindow *window)
{
  GtkWidget *view = ssa_window_get_inventory_view (window);
  GPtrArray *spins = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (ssa_inventory_view_get_column_view (SSA_INVENTORY_VIEW (view))),
                   GTK_TYPE_SPIN_BUTTON, spins);
  return spins;
}

typedef struct
{
  SsaOfferBuilder *builder;
  const char      *text;
} TotalWait;

static gboolean
total_is (gpointer data)
{
  TotalWait *wait = data;

  return g_strcmp0 (ssa_offer_builder_get_total_text (wait->builder), wait->text) == 0;
}

/* Bergen's installation clicked in the sidebar: its inventory and offer builder shown. */
static SsaInstallation *
open_bergen (Fixture *f)
{
  SsaOfferBuilder *builder = SSA_OFFER_BUILDER (ssa_window_get_offer_builder (f->window));
  SsaInstallation *installation;

  installation = SSA_INSTALLATION (click_sidebar_row (f->window, SSA_TYPE_INSTALLATION,
                                                      "Hovedkontor Bergen"));
  g_assert_true (ssa_offer_builder_get_installation (builder) == installation);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ssa_window_get_view_stack (f->window)),
                   ==, "inventory");
  return installation;
}

/* The builder's defaults: twelve months from the default start, billed once. */
static void
default_request (SsaOfferRequest *request)
{
  ssa_offer_request_init (request);
  request->end_kind = SSA_OFFER_END_MONTHS;
  request->months = 12;
}

/* A quantity typed into the first row's spin button (rows in inventory order), then Enter
 * (which updates the spin button): 37 of @licence, shown at once and written in a worker,
 * with no statement on the main thread. */
static void
type_37 (GPtrArray  *spins,
         SsaLicence *licence)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (g_ptr_array_index (spins, 0)));
  guint main_thread_before = ssa_db_get_main_thread_statements ();

  g_assert_cmpint (gtk_spin_button_get_value_as_int (g_ptr_array_index (spins, 0)), ==,
                   ssa_licence_get_quantity (licence));
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (spins, 0)), "37");
  gtk_spin_button_update (g_ptr_array_index (spins, 0));
  g_assert_cmpint (ssa_licence_get_quantity (licence), ==, 37);
  spin (100);
  g_assert_cmpint (ssa_licence_get_quantity (licence), ==, 37);
  wait_written (SSA_WINDOW (root));
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
}

static void
test_quantity_and_total (Fixture *f)
{
  SsaOfferBuilder *builder = SSA_OFFER_BUILDER (ssa_window_get_offer_builder (f->window));
  g_autoptr(GPtrArray) spins = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaInventory) stored = NULL;
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  SsaInstallation *installation;
  SsaLicence *licence;
  SsaOfferRequest request;
  TotalWait wait = { builder, NULL };

  installation = open_bergen (f);
  default_request (&request);
  before = expected_total (f->window, installation, &request);
  g_assert_cmpstr (ssa_offer_builder_get_total_text (builder), ==, before);
  screenshot (GTK_WIDGET (f->window), "main-window");

  /* A quantity typed into the first row's spin button (rows in inventory order). */
  spins = quantity_spins (f->window);
  g_assert_cmpuint (spins->len, >, 0);
  licence = g_list_model_get_item (ssa_installation_get_licences (installation), 0);
  g_object_unref (licence);
  type_37 (spins, licence);

  /* The total is the engine's at once. */
  expected = expected_total (f->window, installation, &request);
  g_assert_cmpstr (expected, !=, before);
  wait.text = expected;
  g_assert_true (wait_for (total_is, &wait));

  /* …and the quantity is in the database. */
  db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  stored = ssa_db_load_inventory (db, ssa_installation_get_id (installation), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (stored->lines, SsaInventoryLine, 0).quantity, ==, 37);
}

/* Out of range: refused in place, the quantity stays. */
static void
test_quantity_out_of_range (Fixture *f)
{
  g_autoptr(GPtrArray) spins = NULL;
  SsaInstallation *installation = open_bergen (f);
  SsaLicence *licence = g_list_model_get_item (ssa_installation_get_licences (installation), 0);

  g_object_unref (licence);
  spins = quantity_spins (f->window);
  g_assert_cmpuint (spins->len, >, 0);
  type_37 (spins, licence);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (spins, 0)), "0");
  g_assert_true (gtk_widget_has_css_class (g_ptr_array_index (spins, 0), "error"));
  gtk_spin_button_update (g_ptr_array_index (spins, 0));
  spin (100);
  g_assert_cmpint (ssa_licence_get_quantity (licence), ==, 37);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (spins, 0)), "37");
  g_assert_false (gtk_widget_has_css_class (g_ptr_array_index (spins, 0), "error"));
}

/* A discount typed: the total follows as you type; a bad one is marked on its row. */
static void
test_quantity_discount (Fixture *f)
{
  SsaOfferBuilder *builder = SSA_OFFER_BUILDER (ssa_window_get_offer_builder (f->window));
  g_autofree char *expected = NULL;
  SsaInstallation *installation = open_bergen (f);
  SsaOfferRequest request;
  GtkEditable *discount;
  TotalWait wait = { builder, NULL };

  default_request (&request);
  discount = find_entry_row (GTK_WIDGET (builder), "Discount (%)");
  gtk_editable_set_text (discount, "10,5");
  request.discount_percent = 1050;
  expected = expected_total (f->window, installation, &request);
  wait.text = expected;
  g_assert_true (wait_for (total_is, &wait));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (discount), "error"));

  gtk_editable_set_text (discount, "ten");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (discount), "error"));
  g_assert_nonnull (ssa_offer_builder_get_error_text (builder));
  g_assert_null (ssa_offer_builder_get_offer (builder));

  gtk_editable_set_text (discount, "");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (discount), "error"));
  g_assert_nonnull (ssa_offer_builder_get_offer (builder));
}

/* An installation whose SSA still runs with licences bought since gets a top-up to the
 * SSA's end by default: the builder's total is the engine's co-term offer, which is the
 * offer with that end date; switched off, the usual twelve months come back. One whose
 * licences are all covered shows no such switch. */
static void
test_co_term_default (Fixture *f)
{
  SsaOfferBuilder *builder = SSA_OFFER_BUILDER (ssa_window_get_offer_builder (f->window));
  SsaInstallation *installation;
  AdwActionRow *row;
  GtkSwitch *toggle;
  SsaOfferRequest request;
  g_autofree char *co_term = NULL;
  g_autofree char *end_date = NULL;
  g_autofree char *twelve = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  TotalWait wait = { builder, NULL };

  installation = SSA_INSTALLATION (click_sidebar_row (f->window, SSA_TYPE_INSTALLATION,
                                                      "Kristiansand og Arendal"));
  g_assert_true (ssa_offer_builder_get_installation (builder) == installation);
  inventory = ssa_installation_to_inventory (installation);
  if (!ssa_offer_wants_co_term (ssa_window_get_price_list (f->window), inventory, NULL))
    {
      g_test_skip ("the sample's SSA has ended by the clock of this machine");
      return;
    }

  row = ADW_ACTION_ROW (find_row (GTK_WIDGET (builder), ADW_TYPE_ACTION_ROW,
                                  "Top Up to the SSA End"));
  toggle = GTK_SWITCH (adw_action_row_get_activatable_widget (row));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (find_entry_row (GTK_WIDGET (builder),
                                                                        "End (instead of months)"))));

  ssa_offer_request_init (&request);
  request.end_kind = SSA_OFFER_END_CO_TERM;
  co_term = expected_total (f->window, installation, &request);
  request.end_kind = SSA_OFFER_END_DATE;
  request.end = inventory->ssa_expiry;
  end_date = expected_total (f->window, installation, &request);
  g_assert_cmpstr (co_term, ==, end_date);
  g_assert_cmpstr (ssa_offer_builder_get_total_text (builder), ==, co_term);
  g_assert_cmpint (g_date_compare (&ssa_offer_builder_get_offer (builder)->end,
                                   &inventory->ssa_expiry), ==, 0);

  gtk_switch_set_active (toggle, FALSE);
  request.end_kind = SSA_OFFER_END_MONTHS;
  request.months = 12;
  twelve = expected_total (f->window, installation, &request);
  wait.text = twelve;
  g_assert_true (wait_for (total_is, &wait));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (find_entry_row (GTK_WIDGET (builder),
                                                                       "End (instead of months)"))));

  /* All licences covered: no top-up offered. */
  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Hovedkontor Bergen");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row)));
}

static gboolean
offer_has_alternatives (gpointer data)
{
  const SsaOffer *offer = ssa_offer_builder_get_offer (data);

  return offer != NULL && ssa_offer_get_n_alternatives (offer) == 2;
}

/* "Add Alternative" adds a row of months, end and billing: the builder's offer gets an
 * alternative equal to the offer computed with its terms alone, its row shows its result,
 * and removing it leaves the offer without. */
static void
test_builder_alternatives (Fixture *f)
{
  SsaOfferBuilder *builder = SSA_OFFER_BUILDER (ssa_window_get_offer_builder (f->window));
  SsaInstallation *installation;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) alone = NULL;
  g_autoptr(GError) error = NULL;
  const SsaOffer *offer;
  SsaOfferRequest request;
  SsaOfferRequest alone_request;
  GtkWidget *button;
  GtkWidget *row;
  GtkWidget *remove;
  g_autofree char *alone_json = NULL;
  g_autofree char *alternative_json = NULL;

  installation = SSA_INSTALLATION (click_sidebar_row (f->window, SSA_TYPE_INSTALLATION,
                                                      "Kontor Trondheim"));
  g_assert_true (ssa_offer_builder_get_installation (builder) == installation);
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (builder),
                                                      SSA_TYPE_OFFER_BUILDER,
                                                      "add_alternative_button"));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (wait_for (offer_has_alternatives, builder));

  /* Alternative 2: 36 months, billed as the offer. */
  g_assert_true (ssa_offer_builder_get_request (builder, &request));
  g_assert_cmpuint (request.n_alternatives, ==, 1);
  g_assert_cmpint (request.alternatives[0].months, ==, 36);
  ssa_offer_alternative_apply (&request, &request.alternatives[0], &alone_request);
  inventory = ssa_installation_to_inventory (installation);
  alone = ssa_offer_compute (ssa_window_get_price_list (f->window), inventory, &alone_request,
                             &error);
  g_assert_no_error (error);
  offer = ssa_offer_builder_get_offer (builder);
  g_assert_cmpint (ssa_offer_get_alternative (offer, 2)->totals.total, ==, alone->totals.total);
  g_assert_cmpint (ssa_offer_get_alternative (offer, 2)->totals.total, !=, offer->totals.total);
  alone_json = ssa_offer_to_json (alone);
  {
    g_autoptr(SsaOffer) copy = ssa_offer_copy (ssa_offer_get_alternative (offer, 2));

    alternative_json = ssa_offer_to_json (copy);
  }
  g_assert_cmpstr (alternative_json, ==, alone_json);

  row = find_row (GTK_WIDGET (builder), ADW_TYPE_EXPANDER_ROW, "Alternative 2");
  g_assert_nonnull (row);
  {
    g_autofree char *total = ssa_money_format (alone->totals.total, alone->currency,
                                               ssa_lang_from_locale ());

    g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), total));
  }

  remove = g_object_get_data (G_OBJECT (row), "ssa-remove");
  g_assert_nonnull (remove);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (remove), ==, "Remove Alternative 2");
  g_signal_emit_by_name (remove, "clicked");
  spin (100);
  g_assert_cmpuint (ssa_offer_get_n_alternatives (ssa_offer_builder_get_offer (builder)), ==, 1);
  g_assert_true (ssa_offer_builder_get_request (builder, &request));
  g_assert_cmpuint (request.n_alternatives, ==, 0);
}

/* The terms typed for one installation stay with it: the next installation opens with the
 * profile's defaults, and the first one gets its own back. */
typedef struct
{
  const char *start;
  const char *end;
  int         months;
  guint       billing;
  const char *discount;
  const char *hours;
  const char *rate;
  int         validity_days;
} TermsShown;

static void
set_terms (SsaOfferBuilder  *builder,
           const TermsShown *terms)
{
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (builder), "Start"), terms->start);
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (builder), "End (instead of months)"),
                         terms->end);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_action_row_widget (GTK_WIDGET (builder),
                                                                      "Months")),
                             terms->months);
  adw_combo_row_set_selected (find_row (GTK_WIDGET (builder), ADW_TYPE_COMBO_ROW, "Billing"),
                              terms->billing);
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (builder), "Discount (%)"), terms->discount);
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (builder), "Labour Hours"), terms->hours);
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (builder), "Hourly Rate"), terms->rate);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find_action_row_widget (GTK_WIDGET (builder),
                                                                      "Valid for Days")),
                             terms->validity_days);
}

static void
assert_terms (SsaOfferBuilder  *builder,
              const TermsShown *terms)
{
  GtkWidget *months = find_action_row_widget (GTK_WIDGET (builder), "Months");

  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (GTK_WIDGET (builder), "Start")), ==,
                   terms->start);
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (GTK_WIDGET (builder),
                                                          "End (instead of months)")), ==,
                   terms->end);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (months)), ==,
                   terms->months);
  g_assert_cmpuint (adw_combo_row_get_selected (find_row (GTK_WIDGET (builder),
                                                          ADW_TYPE_COMBO_ROW, "Billing")), ==,
                    terms->billing);
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (GTK_WIDGET (builder), "Discount (%)")),
                   ==, terms->discount);
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (GTK_WIDGET (builder), "Labour Hours")),
                   ==, terms->hours);
  g_assert_cmpstr (gtk_editable_get_text (find_entry_row (GTK_WIDGET (builder), "Hourly Rate")),
                   ==, terms->rate);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
                     GTK_SPIN_BUTTON (find_action_row_widget (GTK_WIDGET (builder),
                                                              "Valid for Days"))), ==,
                   terms->validity_days);
}

static void
test_terms_per_installation (Fixture *f)
{
  SsaOfferBuilder *builder = SSA_OFFER_BUILDER (ssa_window_get_offer_builder (f->window));
  const TermsShown bergen = { "01.02.2027", "", 24, 1, "7,5", "3", "990", 45 };
  const TermsShown trondheim = { "", "30.06.2027", 12, 2, "2", "", "1 100", 14 };
  /* The profile's: 30 days' validity and its hourly rate. */
  TermsShown defaults = { "", "", 12, 0, "", "", NULL, 30 };
  g_autofree char *default_rate = NULL;
  g_autofree char *bergen_total = NULL;

  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Hovedkontor Bergen");
  default_rate = g_strdup (gtk_editable_get_text (find_entry_row (GTK_WIDGET (builder),
                                                                  "Hourly Rate")));
  defaults.rate = default_rate;
  assert_terms (builder, &defaults);
  set_terms (builder, &bergen);
  assert_terms (builder, &bergen);
  g_assert_nonnull (ssa_offer_builder_get_offer (builder));
  bergen_total = g_strdup (ssa_offer_builder_get_total_text (builder));

  /* Not seen before: the profile's defaults, not Bergen's terms. */
  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Kontor Trondheim");
  assert_terms (builder, &defaults);
  set_terms (builder, &trondheim);

  /* Back to Bergen: its terms, and the offer they make. */
  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Hovedkontor Bergen");
  assert_terms (builder, &bergen);
  g_assert_cmpstr (ssa_offer_builder_get_total_text (builder), ==, bergen_total);

  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Kontor Trondheim");
  assert_terms (builder, &trondheim);

  /* A customer in between leaves both as they were. */
  click_sidebar_row (f->window, SSA_TYPE_CUSTOMER, "Bryggen Regnskap AS");
  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Pakkeri Norheimsund");
  assert_terms (builder, &defaults);
  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Hovedkontor Bergen");
  assert_terms (builder, &bergen);
}

typedef struct
{
  char *number;
} SavedWait;

static void
offer_saved_cb (SsaOfferBuilder *builder,
                const char      *number,
                SavedWait       *wait)
{
  wait->number = g_strdup (number);
}

static gboolean
offer_was_saved (gpointer data)
{
  SavedWait *wait = data;

  return wait->number != NULL;
}

typedef struct
{
  SsaWindow  *window;
  const char *number;
} RegisterWait;

static gboolean
offer_in_register (gpointer data)
{
  RegisterWait *wait = data;
  GtkWidget *page = ssa_window_get_offers_page (wait->window);
  GtkWidget *column_view = find_widget (page, GTK_TYPE_COLUMN_VIEW);
  GListModel *model;

  if (column_view == NULL)
    return FALSE;
  model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view)));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SsaOfferItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (ssa_offer_item_get_number (item), wait->number) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
file_complete (gpointer data)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (data, &contents, &length, NULL) || length < 8)
    return FALSE;
  /* A PDF is whole once it ends with its trailer; a workbook is written whole or not at
   * all (written beside, then renamed). */
  if (g_str_has_prefix (contents, "%PDF"))
    return g_strstr_len (contents + length - MIN (length, 64), MIN (length, 64), "%%EOF") != NULL;
  return TRUE;
}

static void assert_toast (Fixture    *f,
                          const char *needle);

/* The text of a PDF (pdftotext -layout), or NULL without poppler-utils. */
static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (pdftotext == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static int
pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, NULL));
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Pages:"))
      return atoi (lines[i] + strlen ("Pages:"));
  return 0;
}

static void
assert_text_contains (const char *text,
                      const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the document:\n%s", needle, text);
}

/* Runs tests/xlsx-check.py cells on @path: each "+TEXT" in a cell, no "-TEXT" anywhere. */
static void
check_workbook_cells (const char         *path,
                      const char * const *needles)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "xlsx-check.py", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    return;
  g_ptr_array_add (argv, (char *) "/usr/bin/python3");
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, (char *) "cells");
  g_ptr_array_add (argv, (char *) path);
  for (guint i = 0; needles[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) needles[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xlsx-check.py cells failed:\n%s", err);
}

/* The documents the window writes carry the customer in full, the seller as the profile
 * has it, the references, the acceptance block, and never the price list's id; the printed
 * pages break as the saved PDF's do. */
static void
check_document_contents (const char *pdf,
                         const char *printed,
                         const char *xlsx)
{
  g_autofree char *text = pdf_text (pdf);
  g_autofree char *printed_text = pdf_text (printed);
  static const char * const expected[] = {
    /* The seller, with the markings of Norwegian business documents. */
    "Testforhandler AS", "Org.nr. 923 456 783 MVA", "Foretaksregisteret", "Verkstedgata 1",
    /* The customer in full, not only its name. */
    "Nidaros Bygg og Anlegg AS", "Org.nr. 971 258 063", "Kjøpmannsgata 47",
    "Ola Haugen", "ola.haugen@example.no",
    /* The references and the acceptance block. */
    "Vår ref.", "Kari Selger", "Deres ref.", "Aksept", "Akseptfrist", "Signatur", "Sted",
    "returnere denne siden til tilbud@testforhandler.example.no",
    "Akseptert for Nidaros Bygg og Anlegg AS", "Prisliste",
  };
  static const char * const cells[] = {
    "+Testforhandler AS", "+923 456 783 MVA", "+Foretaksregisteret", "+Verkstedgata 1",
    "+Nidaros Bygg og Anlegg AS", "+971 258 063", "+Kjøpmannsgata 47", "+Ola Haugen",
    "+ola.haugen@example.no", "+Kari Selger", "-sample-2026-11", NULL,
  };

  if (text == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      assert_text_contains (text, expected[i]);
      assert_text_contains (printed_text, expected[i]);
    }
  g_assert_null (strstr (text, "sample-2026-11"));
  g_assert_null (strstr (printed_text, "sample-2026-11"));
  /* Print and Save as PDF paginate alike. */
  g_assert_cmpint (pdf_pages (printed), ==, pdf_pages (pdf));
  check_workbook_cells (xlsx, cells);
}

/* The reseller's profile, as the preferences store it. */
static void
save_test_profile (Fixture *f)
{
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  profile = ssa_db_load_profile (db, &error);
  g_assert_no_error (error);
  g_free (profile->company_name);
  profile->company_name = g_strdup ("Testforhandler AS");
  g_free (profile->org_no);
  profile->org_no = g_strdup ("923456783");
  profile->vat_registered = TRUE;
  profile->foretaksregisteret = TRUE;
  g_free (profile->address);
  profile->address = g_strdup ("Verkstedgata 1\n7010 Trondheim");
  g_free (profile->email);
  profile->email = g_strdup ("tilbud@testforhandler.example.no");
  g_assert_true (ssa_db_save_profile (db, profile, &error));
  g_assert_no_error (error);
}

static void
check_documents (Fixture         *f,
                 SsaOfferBuilder *builder)
{
  g_autofree char *pdf = g_build_filename (f->dir, "offer.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "offer.xlsx", NULL);
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
  g_autoptr(GFile) xlsx_file = g_file_new_for_path (xlsx);
  g_autoptr(GFile) printed_file = g_file_new_for_path (printed);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ssadesk.SsaDesk");
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* The first run's empty profile: the document is written, and a toast (not a dialog)
   * offers to fill the profile in. */
  ssa_offer_builder_save_document (builder, SSA_OFFER_DOCUMENT_PDF, pdf_file);
  g_assert_true (wait_for (file_complete, pdf));
  assert_toast (f, "names no seller");
  g_assert_cmpint (g_unlink (pdf), ==, 0);
  /* The toast's animation ends before the next documents' toasts replace it. */
  spin (1000);

  save_test_profile (f);
  g_settings_set_string (settings, "our-reference", "Kari Selger");
  ssa_offer_builder_save_document (builder, SSA_OFFER_DOCUMENT_PDF, pdf_file);
  ssa_offer_builder_save_document (builder, SSA_OFFER_DOCUMENT_XLSX, xlsx_file);
  ssa_offer_builder_print_to_file (builder, printed_file);
  g_assert_true (wait_for (file_complete, pdf));
  g_assert_true (wait_for (file_complete, xlsx));
  g_assert_true (wait_for (file_complete, printed));
  check_document_contents (pdf, printed, xlsx);
  g_settings_reset (settings, "our-reference");

  g_assert_true (g_file_get_contents (xlsx, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "PK"));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (printed, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));

  /* Kept beside the screenshots, to look at. */
  {
    g_autofree char *dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL
                                             ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                             "screenshots", NULL);
    g_autofree char *copy = g_build_filename (dir, "printed-offer.pdf", NULL);

    g_mkdir_with_parents (dir, 0755);
    g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
  }
  spin (300);
}

/* A toast whose title holds @needle (or a dialog, when the message is too long for a
 * toast); other toasts are dismissed to make way, as the
 * overlay shows one at a time: one at a time, once its animation is over (libadwaita 1.2
 * does not take a toast dismissed while another one's animation runs, nor one dismissed
 * while it is still sliding in): a toast is dismissed once it has been seen for half a
 * second, as a user would. */
typedef struct
{
  SsaWindow  *window;
  const char *needle;
  gint64      next_dismiss;
  GtkWidget  *seen;          /* the toast waiting to be dismissed, and since when */
  gint64      seen_since;
} ToastWait;

static void
dismiss_toast (ToastWait *wait,
               GtkWidget *toast)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  gint64 now = g_get_monotonic_time ();

  if (toast != wait->seen)
    {
      wait->seen = toast;
      wait->seen_since = now;
      return;
    }
  if (now < wait->next_dismiss || now - wait->seen_since < G_USEC_PER_SEC / 2)
    return;
  wait->next_dismiss = now + G_USEC_PER_SEC;
  wait->seen = NULL;
  collect_widgets (toast, GTK_TYPE_BUTTON, buttons);
  for (guint j = 0; j < buttons->len; j++)
    if (g_strcmp0 (gtk_button_get_icon_name (g_ptr_array_index (buttons, j)),
                   "window-close-symbolic") == 0)
      g_signal_emit_by_name (g_ptr_array_index (buttons, j), "clicked");
}

/* A message too long for a toast is shown in a dialog with its whole text: closed here. */
static gboolean
message_dialog_shown (const char *needle)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window) &&
          strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (window)), needle) != NULL)
        {
          gtk_window_close (GTK_WINDOW (window));
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
toast_shown (gpointer data)
{
  ToastWait *wait = data;
  GType toast_type = g_type_from_name ("AdwToastWidget");
  g_autoptr(GPtrArray) toasts = g_ptr_array_new ();

  if (message_dialog_shown (wait->needle))
    return TRUE;
  if (toast_type == 0)
    return FALSE;
  collect_widgets (GTK_WIDGET (wait->window), toast_type, toasts);
  for (guint i = 0; i < toasts->len; i++)
    {
      GtkWidget *toast = g_ptr_array_index (toasts, i);
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      /* A toast dismissed can no longer be clicked while it slides away; its widget's
       * address may be taken by the next toast's, so the widget itself is no mark. */
      if (!gtk_widget_get_can_target (toast))
        continue;
      collect_widgets (toast, GTK_TYPE_LABEL, labels);
      for (guint j = 0; j < labels->len; j++)
        if (strstr (gtk_label_get_label (g_ptr_array_index (labels, j)), wait->needle) != NULL)
          return TRUE;
      dismiss_toast (wait, toast);
    }
  return FALSE;
}

static void
assert_toast (Fixture    *f,
              const char *needle)
{
  ToastWait wait = { f->window, needle, 0, NULL, 0 };

  g_assert_true (wait_for (toast_shown, &wait));
}

/* The window never writes a document over its own database, however the path leads there:
 * the save is refused with a toast that says why, and the database is as it was. */
static void
check_database_refused (Fixture         *f,
                        SsaOfferBuilder *builder)
{
  g_autofree char *link_path = g_build_filename (f->dir, "link.pdf", NULL);
  g_autofree char *wal_path = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GFile) db_file = g_file_new_for_path (f->path);
  g_autoptr(GFile) link_file = g_file_new_for_path (link_path);
  g_autoptr(GFile) wal_file = g_file_new_for_path (wal_path);
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *header = NULL;
  GStatBuf st;

  db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  before = ssa_db_list_offers (db, &error);
  g_assert_no_error (error);
  g_clear_pointer (&db, ssa_db_close);
  g_assert_cmpint (symlink (f->path, link_path), ==, 0);

  ssa_offer_builder_save_document (builder, SSA_OFFER_DOCUMENT_XLSX, db_file);
  assert_toast (f, "is the database in use");
  ssa_offer_builder_save_document (builder, SSA_OFFER_DOCUMENT_PDF, wal_file);
  assert_toast (f, "journal file of the database");
  ssa_offer_builder_print_to_file (builder, link_file);
  assert_toast (f, "leads to the database");

  g_assert_true (g_file_get_contents (f->path, &header, NULL, NULL));
  g_assert_true (g_str_has_prefix (header, "SQLite format 3"));
  g_assert_cmpint (g_lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  after = ssa_db_list_offers (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
}

static gboolean
builder_revising (gpointer data)
{
  return ssa_offer_builder_get_revising (data) != NULL;
}

static gboolean
child_revealed (gpointer data)
{
  return gtk_revealer_get_child_revealed (data);
}

/* The builder names the offer it revises, where the terms are. */
static void
assert_revising_shown (SsaOfferBuilder *builder,
                       const char      *number)
{
  GtkWidget *revealer = find_widget (GTK_WIDGET (builder), GTK_TYPE_REVEALER);
  g_autofree char *expected = g_strdup_printf ("Revising offer %s", number);
  GtkWidget *label;

  g_assert_cmpstr (ssa_offer_builder_get_revising (builder), ==, number);
  g_assert_nonnull (revealer);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_true (wait_for (child_revealed, revealer));
  label = find_widget (revealer, GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (label)), expected));
}

/* Trondheim's offer saved from the builder with a validity of 45 days, other than the
 * profile's (30 days), typed but not yet confirmed with Enter when the offer is saved: the
 * offer is valid for what the builder shows. Returns its number and sets @out_total. */
static char *
save_trondheim_offer (Fixture *f,
                      gint64  *out_total)
{
  SsaOfferBuilder *builder = SSA_OFFER_BUILDER (ssa_window_get_offer_builder (f->window));
  SavedWait saved = { NULL };
  GtkSpinButton *validity = NULL;
  gint64 total;

  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Kontor Trondheim");
  g_assert_nonnull (ssa_offer_builder_get_offer (builder));
  total = ssa_offer_builder_get_offer (builder)->totals.total;

  validity = GTK_SPIN_BUTTON (find_action_row_widget (GTK_WIDGET (builder), "Valid for Days"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (validity), ==, 30);
  gtk_editable_set_text (GTK_EDITABLE (validity), "45");
  screenshot (GTK_WIDGET (f->window), "offer-terms");
  scroll_to_end (GTK_WIDGET (builder));
  screenshot (GTK_WIDGET (f->window), "offer");

  g_signal_connect (builder, "offer-saved", G_CALLBACK (offer_saved_cb), &saved);
  /* Ctrl+S would do the same: the action the button runs. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (builder), "offer.save", NULL));
  g_assert_true (wait_for (offer_was_saved, &saved));
  g_signal_handlers_disconnect_by_func (builder, offer_saved_cb, &saved);
  g_assert_true (g_regex_match_simple ("^[0-9]{4}-0001$", saved.number, 0, 0));

  g_assert_cmpint (gtk_spin_button_get_value_as_int (validity), ==, 45);
  *out_total = total;
  return saved.number;
}

static void
test_save_offer (Fixture *f)
{
  SsaOfferBuilder *builder = SSA_OFFER_BUILDER (ssa_window_get_offer_builder (f->window));
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 total;
  g_autofree char *number = save_trondheim_offer (f, &total);
  gboolean found = FALSE;
  SavedWait saved = { number };

  /* In the database, with the total and the validity the window showed. */
  db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  offers = ssa_db_list_offers (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < offers->len; i++)
    {
      SsaDbOffer *offer = g_ptr_array_index (offers, i);

      if (g_str_equal (offer->number, saved.number))
        {
          GDate until;

          found = TRUE;
          g_assert_cmpint (offer->total, ==, total);
          g_assert_cmpint (offer->status, ==, SSA_OFFER_STATUS_DRAFT);
          ssa_date_add_days (&offer->created, 45, &until);
          g_assert_cmpint (g_date_compare (&offer->valid_until, &until), ==, 0);
        }
    }
  g_assert_true (found);

  /* The documents of the saved offer: PDF and workbook through their writers, and the
   * printed pages through GtkPrintOperation into a PDF. */
  check_documents (f, builder);
  check_database_refused (f, builder);
}

/* And in the offers register, where the toast's button leads. */
static void
test_save_offer_register (Fixture *f)
{
  RegisterWait in_register = { f->window, NULL };
  gint64 total;
  g_autofree char *number = save_trondheim_offer (f, &total);
  SavedWait saved = { number };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-offer", "s",
                                             saved.number));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ssa_window_get_view_stack (f->window)),
                   ==, "offers");
  in_register.number = saved.number;
  g_assert_true (wait_for (offer_in_register, &in_register));
  screenshot (GTK_WIDGET (f->window), "offers");
}

/* Opening it again from the register: its terms in the builder, as a revision; another
 * installation makes a new offer; back on this one, the revision again. */
static void
test_save_offer_reopen (Fixture *f)
{
  SsaOfferBuilder *builder = SSA_OFFER_BUILDER (ssa_window_get_offer_builder (f->window));
  gint64 total;
  g_autofree char *number = save_trondheim_offer (f, &total);
  SavedWait saved = { number };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.open-offer", "s",
                                             saved.number));
  g_assert_true (wait_for (builder_revising, builder));
  g_assert_cmpstr (ssa_offer_builder_get_revising (builder), ==, saved.number);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ssa_window_get_view_stack (f->window)),
                   ==, "inventory");
  assert_revising_shown (builder, saved.number);

  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Hovedkontor Bergen");
  g_assert_null (ssa_offer_builder_get_revising (builder));
  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Kontor Trondheim");
  assert_revising_shown (builder, saved.number);
}

/* Layout: what fits at the default size, at 1280×800, and at the narrowest. */

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
widget_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (data);
}

typedef struct
{
  GtkWidget *widget;
  int        width;
  int        height;
} SizeWait;

static gboolean
has_size (gpointer data)
{
  SizeWait *wait = data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (wait->widget));

  /* The size asked for is the surface's, with the window's frame (on X11 without a
   * compositor, its border); the application asks for its default size the same way. */
  return gdk_surface_get_width (surface) == wait->width &&
         gdk_surface_get_height (surface) == wait->height;
}

static void
resize_window (SsaWindow *window,
               int        width,
               int        height)
{
  SizeWait wait = { GTK_WIDGET (window), width, height };

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  if (!wait_for (has_size, &wait))
    g_error ("window is %d×%d, not %d×%d",
             gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))),
             gdk_surface_get_height (gtk_native_get_surface (GTK_NATIVE (window))),
             width, height);
  /* Folding and columns that hide settle over a few frames. */
  for (guint i = 0; i < 4; i++)
    wait_for_frame (GTK_WIDGET (window));
  spin (300);
}

static void
show_view (SsaWindow  *window,
           const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", name));
  spin (1000);
  for (guint i = 0; i < 3; i++)
    wait_for_frame (GTK_WIDGET (window));
}

/* A screenshot named for the language the test runs in. */
static void
screenshot_lang (GtkWidget  *widget,
                 const char *name)
{
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *full = NULL;

  full = g_strdup_printf ("%s%s%s", name, language != NULL && *language != '\0' ? "-" : "",
                          language != NULL ? language : "");
  screenshot (widget, full);
}

/* No text in @root is cut: every label shown gets at least its natural width, unless it
 * is a name that ellipsizes with the whole name in its tooltip. */
static void
assert_nothing_cut (GtkWidget  *root,
                    const char *where)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  g_assert_cmpuint (labels->len, >, 0);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);
      const char *text = gtk_label_get_text (label);
      graphene_rect_t bounds;
      int natural;
      int width;

      if (*text == '\0' || gtk_label_get_wrap (label))
        continue;
      /* The natural width counts the margins, border and padding, the bounds all but the
       * margins. */
      gtk_widget_measure (GTK_WIDGET (label), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                          NULL, NULL);
      g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (label), GTK_WIDGET (label), &bounds));
      width = (int) bounds.size.width + gtk_widget_get_margin_start (GTK_WIDGET (label)) +
              gtk_widget_get_margin_end (GTK_WIDGET (label));
      if (width >= natural)
        continue;
      if (gtk_label_get_ellipsize (label) != PANGO_ELLIPSIZE_NONE &&
          g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), text) == 0)
        continue;
      g_error ("%s: “%s” is cut: %d px of %d", where, text, width, natural);
    }
}

/* The table has every column in sight: no sideways scrolling. */
static void
assert_table_fits (GtkWidget  *root,
                   const char *where)
{
  GtkWidget *view = find_widget (root, GTK_TYPE_COLUMN_VIEW);
  GtkAdjustment *adjustment;

  g_assert_nonnull (view);
  adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));
  if (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 0.5)
    g_error ("%s: the table is %.0f px wide in %.0f px", where,
             gtk_adjustment_get_upper (adjustment), gtk_adjustment_get_page_size (adjustment));
  assert_nothing_cut (view, where);
}

static GtkWidget *
view_child (SsaWindow  *window,
            const char *name)
{
  return adw_view_stack_get_child_by_name (ssa_window_get_view_stack (window), name);
}

/* Closes the toasts shown, with their close buttons, so that screenshots show the window. */
static void
close_toasts (SsaWindow *window)
{
  GType toast_type = g_type_from_name ("AdwToastWidget");
  g_autoptr(GPtrArray) toasts = g_ptr_array_new ();

  if (toast_type == G_TYPE_INVALID)
    return;
  collect_widgets (GTK_WIDGET (window), toast_type, toasts);
  for (guint i = 0; i < toasts->len; i++)
    {
      g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

      collect_widgets (g_ptr_array_index (toasts, i), GTK_TYPE_BUTTON, buttons);
      g_assert_cmpuint (buttons->len, >, 0);
      gtk_widget_activate (g_ptr_array_index (buttons, buttons->len - 1));
    }
  spin (500);
}

static int
window_minimum_width (SsaWindow *window)
{
  int minimum;

  gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL,
                      NULL, NULL);
  return minimum;
}

/* The window starts with the focus on the sidebar's list, not in the search entry, whose
 * caret would blink (and draw twice a second) at rest; the list passes typing on to the
 * search (docs/window.md). */
static void
test_start_focus (Fixture *f)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (f->window));

  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_LIST_VIEW (focus) ||
                 gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_VIEW) != NULL);
  g_assert_null (gtk_widget_get_ancestor (focus, GTK_TYPE_SEARCH_ENTRY));
}

static void
test_views (Fixture *f)
{
  AdwViewStack *stack = ssa_window_get_view_stack (f->window);
  AdwLeaflet *leaflet;

  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Kristiansand og Arendal");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s",
                                             "price-list"));
  spin (1500);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "price-list");
  screenshot (GTK_WIDGET (f->window), "price-list");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s",
                                             "renewals"));
  spin (1500);
  screenshot (GTK_WIDGET (f->window), "renewals");

  /* The dark style: no colour of the window's own is hard-coded. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s",
                                             "inventory"));
  spin (500);
  screenshot (GTK_WIDGET (f->window), "main-window-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  /* 800×600: the offer becomes a flap over the licences, the sidebar stays (the window
   * goes down to 360 px, so the sidebar folds away only below about 600 px). */
  leaflet = ADW_LEAFLET (find_widget (GTK_WIDGET (f->window), ADW_TYPE_LEAFLET));
  resize_window (f->window, 800, 600);
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_flap_get_folded (ADW_FLAP (find_widget (GTK_WIDGET (f->window),
                                                             ADW_TYPE_FLAP))));
  screenshot (GTK_WIDGET (f->window), "narrow");

  /* 560×600: the sidebar folds away too. */
  resize_window (f->window, 560, 600);
  g_assert_true (adw_leaflet_get_folded (leaflet));
}

static void
test_layout (Fixture *f)
{
  static const char *views[] = { "inventory", "renewals", "offers", "price-list" };
  GtkWidget *builder = ssa_window_get_offer_builder (f->window);
  GtkWidget *inventory = ssa_window_get_inventory_view (f->window);
  SavedWait saved = { NULL };
  GtkWidget *dropdown;
  GtkWidget *focus;

  /* An offer, for the offers register to show. */
  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Hovedkontor Bergen");
  g_signal_connect (builder, "offer-saved", G_CALLBACK (offer_saved_cb), &saved);
  g_assert_true (gtk_widget_activate_action (builder, "offer.save", NULL));
  g_assert_true (wait_for (offer_was_saved, &saved));
  g_signal_handlers_disconnect_by_func (builder, offer_saved_cb, &saved);
  g_free (saved.number);
  close_toasts (f->window);

  /* The default size: the licences and the offer side by side. */
  resize_window (f->window, 1100, 720);
  g_assert_true (gtk_widget_get_mapped (builder));
  g_assert_true (gtk_widget_get_mapped (inventory));
  g_assert_cmpint (gtk_widget_get_width (builder), >, 0);
  screenshot_lang (GTK_WIDGET (f->window), "window-1100x720");

  /* 1280×800: no column cut in the licences, renewals and offers tables. */
  resize_window (f->window, 1280, 800);
  screenshot_lang (GTK_WIDGET (f->window), "window-1280x800");
  assert_table_fits (inventory, "licences");
  show_view (f->window, "renewals");
  screenshot_lang (GTK_WIDGET (f->window), "renewals-1280x800");
  assert_table_fits (view_child (f->window, "renewals"), "renewals");
  show_view (f->window, "offers");
  screenshot_lang (GTK_WIDGET (f->window), "offers-1280x800");
  assert_table_fits (view_child (f->window, "offers"), "offers");

  /* The toolbar that wraps does not trap the keyboard: Tab leaves its first widget. */
  dropdown = find_widget (view_child (f->window, "offers"), GTK_TYPE_DROP_DOWN);
  g_assert_true (gtk_widget_grab_focus (dropdown));
  g_signal_emit_by_name (gtk_widget_get_root (dropdown), "move-focus", GTK_DIR_TAB_FORWARD);
  focus = gtk_root_get_focus (gtk_widget_get_root (dropdown));
  g_assert_nonnull (focus);
  g_assert_false (gtk_widget_is_ancestor (focus, dropdown));
  gtk_root_set_focus (gtk_widget_get_root (dropdown), NULL);

  /* Every page fits 360 px, and shows its table whole (less important columns hidden). */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      show_view (f->window, views[i]);
      g_assert_cmpint (window_minimum_width (f->window), <=, 360);
    }
  resize_window (f->window, 360, 700);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-360x700", views[i]);

      show_view (f->window, views[i]);
      g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (find_widget (GTK_WIDGET (f->window),
                                                                        ADW_TYPE_LEAFLET))));
      screenshot_lang (GTK_WIDGET (f->window), name);
      if (i < 3)
        assert_table_fits (view_child (f->window, views[i]), name);
    }

  /* The offer over the licences, from the header bar's button. */
  show_view (f->window, "inventory");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.toggle-offer", NULL));
  g_assert_true (wait_for (widget_mapped, builder));
  screenshot_lang (GTK_WIDGET (f->window), "offer-360x700");
}

/* F9 the way GTK runs it: the window's shortcut for the key, activated. */
static void
press_f9 (SsaWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autoptr(GtkShortcutTrigger) f9 = gtk_keyval_trigger_new (GDK_KEY_F9, 0);
  gboolean pressed = FALSE;

  for (guint i = 0; !pressed && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; !pressed && j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (!gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), f9))
            continue;
          pressed = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                  GTK_WIDGET (window),
                                                  gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_assert_true (pressed);
}

static GtkToggleButton *
find_offer_toggle (SsaWindow *window)
{
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, toggles);
  for (guint i = 0; i < toggles->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (toggles, i)),
                   "Show the Offer (F9)") == 0)
      return g_ptr_array_index (toggles, i);
  return NULL;
}

/* The offer's toggle is in the header bar whenever an installation is shown, and F9 and
 * the button show and hide the offer in a wide window and in a narrow one. */
static void
test_offer_toggle (Fixture *f)
{
  GtkWidget *builder = ssa_window_get_offer_builder (f->window);
  GtkToggleButton *toggle;
  AdwFlap *flap;

  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Hovedkontor Bergen");
  resize_window (f->window, 1280, 800);
  flap = ADW_FLAP (gtk_widget_get_ancestor (builder, ADW_TYPE_FLAP));
  g_assert_false (adw_flap_get_folded (flap));
  toggle = find_offer_toggle (f->window);
  g_assert_nonnull (toggle);
  g_assert_true (gtk_toggle_button_get_active (toggle));
  g_assert_true (gtk_widget_get_mapped (builder));

  /* Hidden with F9 in a wide window: the button is still there to bring it back. */
  press_f9 (f->window);
  g_assert_true (wait_for (widget_unmapped, builder));
  g_assert_false (gtk_toggle_button_get_active (toggle));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (toggle)));
  g_assert_true (gtk_widget_activate (GTK_WIDGET (toggle)));
  g_assert_true (wait_for (widget_mapped, builder));
  g_assert_true (gtk_toggle_button_get_active (toggle));

  /* Narrow: the offer folds away over the licences; the first F9 shows it. */
  resize_window (f->window, 800, 600);
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (toggle)));
  g_assert_false (adw_flap_get_reveal_flap (flap));
  g_assert_false (gtk_toggle_button_get_active (toggle));
  press_f9 (f->window);
  g_assert_true (wait_for (widget_mapped, builder));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  g_assert_true (gtk_toggle_button_get_active (toggle));
  screenshot_lang (GTK_WIDGET (f->window), "offer-flap-800x600");
  press_f9 (f->window);
  g_assert_true (wait_for (widget_unmapped, builder));
  g_assert_false (gtk_toggle_button_get_active (toggle));

  /* The button is for the installation's view only. */
  show_view (f->window, "offers");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (toggle)));
}

static SsaCustomerEditor *
find_customer_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (SSA_IS_CUSTOMER_EDITOR (window) && gtk_widget_get_visible (window))
        return SSA_CUSTOMER_EDITOR (window);
    }
  return NULL;
}

static void
test_customer_editor (Fixture *f)
{
  SsaRepository *repository = ssa_window_get_repository (f->window);
  GListModel *customers = ssa_repository_get_customers (repository);
  guint before = g_list_model_get_n_items (customers);
  SsaCustomerEditor *editor;
  GtkEditable *org_no;
  SsaSidebar *sidebar;
  GObject *selected;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-customer", NULL));
  spin (300);
  editor = find_customer_editor ();
  g_assert_nonnull (editor);

  gtk_editable_set_text (find_entry_row (GTK_WIDGET (editor), "Name"), "Lofoten Sjømat AS");
  org_no = find_entry_row (GTK_WIDGET (editor), "Organisation Number");

  /* A wrong check digit: marked, with the reason, and Save stays off. */
  gtk_editable_set_text (org_no, "988 077 918");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (org_no), "error"));
  g_assert_false (ssa_customer_editor_is_valid (editor));
  screenshot (GTK_WIDGET (editor), "customer-editor-invalid");

  gtk_editable_set_text (org_no, "988 077 917");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (org_no), "error"));
  g_assert_true (ssa_customer_editor_is_valid (editor));
  g_assert_true (save_customer_editor (editor, NULL));
  gtk_window_close (GTK_WINDOW (editor));
  spin (200);

  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, before + 1);
  sidebar = SSA_SIDEBAR (ssa_window_get_sidebar (f->window));
  selected = ssa_sidebar_get_selected (sidebar);
  g_assert_true (SSA_IS_CUSTOMER (selected));
  g_assert_cmpstr (ssa_customer_get_org_no (SSA_CUSTOMER (selected)), ==, "988077917");
  g_assert_cmpint (ssa_customer_get_id (SSA_CUSTOMER (selected)), >, 0);
}

static void
test_delete_undo (Fixture *f)
{
  SsaRepository *repository = ssa_window_get_repository (f->window);
  GListModel *installations = ssa_repository_get_installations (repository);
  SsaSidebar *sidebar = SSA_SIDEBAR (ssa_window_get_sidebar (f->window));
  guint before = g_list_model_get_n_items (installations);
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GArray) rows = NULL;
  GListModel *licences;
  GObject *selected;
  guint n_licences;

  selected = click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Pakkeri Norheimsund");
  n_licences = g_list_model_get_n_items (ssa_installation_get_licences (SSA_INSTALLATION (selected)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-installation",
                                             NULL));
  /* Its offers are counted in a worker first. */
  for (guint i = 0; i < 500 && g_list_model_get_n_items (installations) != before - 1; i++)
    spin (10);
  g_assert_cmpuint (g_list_model_get_n_items (installations), ==, before - 1);
  g_assert_cmpuint (find_shown (sidebar, SSA_TYPE_INSTALLATION, "Pakkeri Norheimsund"), ==,
                    GTK_INVALID_LIST_POSITION);

  /* The toast's Undo puts it back, with its lines, under its customer. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
  spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (installations), ==, before);
  g_assert_cmpuint (find_shown (sidebar, SSA_TYPE_INSTALLATION, "Pakkeri Norheimsund"), !=,
                    GTK_INVALID_LIST_POSITION);
  selected = ssa_sidebar_get_selected (sidebar);
  g_assert_true (SSA_IS_INSTALLATION (selected));
  licences = ssa_installation_get_licences (SSA_INSTALLATION (selected));
  g_assert_cmpuint (g_list_model_get_n_items (licences), ==, n_licences);

  db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  rows = ssa_db_list_installations (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, before);
}

/* Undo through the toasts, as a user clicks them. */

/* The toast widget (AdwToastWidget, private to libadwaita) that @widget is in. */
static GtkWidget *
toast_widget_of (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget"))
      return widget;
  return NULL;
}

static gboolean
toast_says (GtkWidget  *toast_widget,
            const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (toast_widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (g_ptr_array_index (labels, i)), text) != NULL)
      return TRUE;
  return FALSE;
}

typedef struct
{
  SsaWindow  *window;
  const char *text;
  const char *icon;     /* the close button's icon, or NULL for the Undo button */
  GtkWidget  *button;
} ToastButton;

/* The Undo (or close) button of the toast on screen that mentions @text and can be clicked:
 * one dismissed a moment ago may still be sliding away. Of two for the same row (a
 * deletion undone, redone and offered again while the first toast still goes), the newer
 * one: its Undo has the higher target. */
static gboolean
toast_button_shown (gpointer data)
{
  ToastButton *find = data;
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GtkWidget *newest = NULL;
  guint32 best = 0;

  find->button = NULL;
  collect_widgets (GTK_WIDGET (find->window), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);
      GtkWidget *toast_widget = toast_widget_of (button);
      GVariant *target;
      guint32 serial;

      if (toast_widget == NULL || !gtk_widget_get_can_target (toast_widget) ||
          !toast_says (toast_widget, find->text) ||
          g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "_Undo") != 0)
        continue;
      target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
      serial = target != NULL ? g_variant_get_uint32 (target) : 1;
      if (serial >= best)
        {
          best = serial;
          newest = toast_widget;
          find->button = button;
        }
    }
  if (newest == NULL || find->icon == NULL)
    return find->button != NULL;

  find->button = NULL;
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (buttons, i);

      if (toast_widget_of (button) == newest &&
          g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (button)), find->icon) == 0)
        find->button = button;
    }
  return find->button != NULL;
}

static gboolean
toast_gone (gpointer data)
{
  GtkWidget *toast_widget = *(GtkWidget **) data;

  return toast_widget == NULL || !gtk_widget_get_can_target (toast_widget);
}

/* Whether a toast has slid all the way in: its bottom edge is the overlay's. */
static gboolean
toast_fully_in (gpointer data)
{
  GtkWidget *toast_widget = data;
  GtkWidget *overlay = gtk_widget_get_parent (toast_widget);
  graphene_rect_t bounds;

  if (overlay == NULL || !gtk_widget_compute_bounds (toast_widget, overlay, &bounds))
    return FALSE;
  return bounds.origin.y + bounds.size.height <= gtk_widget_get_height (overlay) + 0.5f;
}

/* Clicks a toast's button the way GTK does when the user clicks or presses it: at once,
 * while the toast may still slide in, or, with @when_in, once it is all in, as a person
 * would. libadwaita 1.2's toast overlay can crash when a toast is dismissed and another
 * added while its show animation runs under heavy load (its animation's "done" emission);
 * the round that tests a click during the slide keeps it, the others wait. */
static void
click_undo_toast_button_full (SsaWindow  *window,
                              const char *text,
                              const char *icon,
                              gboolean    when_in)
{
  ToastButton find = { window, text, icon, NULL };

  GtkWidget *toast_widget;

  g_assert_true (wait_for (toast_button_shown, &find));
  if (when_in)
    {
      g_assert_true (wait_for (toast_fully_in, toast_widget_of (find.button)));
      /* The button may belong to a newer toast by now. */
      g_assert_true (wait_for (toast_button_shown, &find));
    }
  g_assert_true (gtk_widget_is_sensitive (find.button));
  toast_widget = toast_widget_of (find.button);
  g_object_add_weak_pointer (G_OBJECT (toast_widget), (gpointer *) &toast_widget);
  g_assert_true (gtk_widget_activate (find.button));
  /* The toast goes once its button did its work (a button activated from the keyboard
   * clicks a moment later). */
  g_assert_true (wait_for (toast_gone, &toast_widget));
  if (toast_widget != NULL)
    g_object_remove_weak_pointer (G_OBJECT (toast_widget), (gpointer *) &toast_widget);
}

static void
click_undo_toast_button (SsaWindow  *window,
                         const char *text,
                         const char *icon)
{
  click_undo_toast_button_full (window, text, icon, TRUE);
}

typedef struct
{
  SsaWindow  *window;
  const char *name;
  gint64      id;
  GArray     *licence_ids;
} Shown;

static GArray *
licence_ids_of (SsaInstallation *installation)
{
  GListModel *licences = ssa_installation_get_licences (installation);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (licences); i++)
    {
      g_autoptr(SsaLicence) licence = g_list_model_get_item (licences, i);
      gint64 id = ssa_licence_get_id (licence);

      g_array_append_val (ids, id);
    }
  return ids;
}

static void
shown_init (Shown      *shown,
            SsaWindow  *window,
            const char *name)
{
  SsaInstallation *installation;

  shown->window = window;
  shown->name = name;
  installation = SSA_INSTALLATION (click_sidebar_row (window, SSA_TYPE_INSTALLATION, name));
  shown->id = ssa_installation_get_id (installation);
  shown->licence_ids = licence_ids_of (installation);
  g_assert_cmpuint (shown->licence_ids->len, >, 0);
}

static gboolean
is_listed (gpointer data)
{
  Shown *shown = data;
  SsaSidebar *sidebar = SSA_SIDEBAR (ssa_window_get_sidebar (shown->window));

  return find_shown (sidebar, SSA_TYPE_INSTALLATION, shown->name) != GTK_INVALID_LIST_POSITION;
}

static gboolean
is_unlisted (gpointer data)
{
  return !is_listed (data);
}

/* In the database, by another connection, as the command line would see it. */
static SsaInstallation *
load_stored (const char *path,
             gint64      id)
{
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GError) error = NULL;
  SsaInstallation *installation;

  db = ssa_db_open (path, SSA_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  installation = ssa_db_load_installation (db, id, &error);
  if (installation == NULL)
    g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
  return installation;
}

/* The installation is back, as the same row: same id, same lines, listed and stored. */
static void
assert_back (Fixture *f,
             Shown   *shown)
{
  SsaRepository *repository = ssa_window_get_repository (f->window);
  SsaInstallation *installation;
  g_autoptr(SsaInstallation) stored = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) stored_ids = NULL;

  g_assert_true (wait_for (is_listed, shown));
  installation = ssa_repository_find_installation (repository, shown->id);
  g_assert_nonnull (installation);
  g_assert_cmpstr (ssa_installation_get_name (installation), ==, shown->name);
  ids = licence_ids_of (installation);
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64),
                   shown->licence_ids->data, shown->licence_ids->len * sizeof (gint64));

  stored = load_stored (f->path, shown->id);
  g_assert_nonnull (stored);
  stored_ids = licence_ids_of (stored);
  g_assert_cmpmem (stored_ids->data, stored_ids->len * sizeof (gint64),
                   shown->licence_ids->data, shown->licence_ids->len * sizeof (gint64));
}

/* Hidden, not deleted: gone from the window, still in the database. */
static void
assert_hidden (Fixture *f,
               Shown   *shown)
{
  g_autoptr(SsaInstallation) stored = NULL;

  g_assert_true (wait_for (is_unlisted, shown));
  g_assert_null (ssa_repository_find_installation (ssa_window_get_repository (f->window),
                                                   shown->id));
  stored = load_stored (f->path, shown->id);
  g_assert_nonnull (stored);
}

static void
delete_shown (Fixture *f,
              Shown   *shown)
{
  guint main_thread_before;

  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, shown->name);
  /* Its offers are counted in a worker: nothing is read on the main thread. */
  main_thread_before = ssa_db_get_main_thread_statements ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-installation",
                                             NULL));
  g_assert_true (wait_for (is_unlisted, shown));
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  assert_hidden (f, shown);
}

static void
show_other_toast (Fixture *f,
                  guint    i)
{
  g_autofree char *message = g_strdup_printf ("Something else happened (%u)", i);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-toast", "s",
                                             message));
}

/* The bug this guards against: with another toast shown meanwhile, the deletion's Undo
 * failed in 4 of 6 tries, and the older toast came back after the click. Each round deletes,
 * shows other toasts, and clicks the real toast's Undo; odd rounds delete a second
 * installation on top, whose toast hides the first one's until it is undone. The test clicks
 * as soon as a toast shows, while it is still sliding in: a toast withdrawn then leaves a
 * moment later, and the parked deletion must be offered again all the same (under the
 * sanitizers, it was not). */
static void
test_undo_toast_button (Fixture *f)
{
  Shown pakkeri = { 0 };
  Shown trondheim = { 0 };

  shown_init (&pakkeri, f->window, "Pakkeri Norheimsund");
  shown_init (&trondheim, f->window, "Kontor Trondheim");

  for (guint i = 0; i < 10; i++)
    {
      g_test_message ("round %u", i);
      if (i % 2 == 0)
        {
          delete_shown (f, &pakkeri);
          show_other_toast (f, i);
          click_undo_toast_button_full (f->window, "Pakkeri Norheimsund", NULL, i > 0);
          assert_back (f, &pakkeri);
          continue;
        }

      show_other_toast (f, i);
      delete_shown (f, &pakkeri);
      show_other_toast (f, i);
      delete_shown (f, &trondheim);
      show_other_toast (f, i);

      /* The newest toast is on top: its Undo brings back its own deletion only. */
      click_undo_toast_button_full (f->window, "Kontor Trondheim", NULL, i > 1);
      assert_back (f, &trondheim);
      assert_hidden (f, &pakkeri);

      /* The first deletion's toast comes back, and its Undo still works. */
      click_undo_toast_button_full (f->window, "Pakkeri Norheimsund", NULL, TRUE);
      assert_back (f, &pakkeri);
    }

  g_array_unref (pakkeri.licence_ids);
  g_array_unref (trondheim.licence_ids);
}

static gboolean
is_deleted (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  Shown *shown = ((gpointer *) data)[1];
  g_autoptr(SsaInstallation) stored = load_stored (f->path, shown->id);

  return stored == NULL;
}

/* Ctrl+Z and Ctrl+Shift+Z walk one history of deletions and edits; a deletion is final when
 * its toast is closed, and when the window closes. */
static void
test_undo_history (Fixture *f)
{
  SsaRepository *repository = ssa_window_get_repository (f->window);
  Shown pakkeri = { 0 };
  Shown trondheim = { 0 };
  SsaInstallation *installation;
  g_autoptr(SsaLicence) licence = NULL;
  g_autoptr(SsaInstallation) stored = NULL;
  gpointer data[2] = { f, NULL };
  guint quantity;

  shown_init (&pakkeri, f->window, "Pakkeri Norheimsund");
  shown_init (&trondheim, f->window, "Kontor Trondheim");

  /* An edit of a licence line, written through, then a deletion. */
  installation = ssa_repository_find_installation (repository, pakkeri.id);
  licence = g_list_model_get_item (ssa_repository_get_licences (repository, installation), 0);
  quantity = ssa_licence_get_quantity (licence);
  ssa_licence_set_quantity (licence, quantity + 7);
  wait_written (f->window);
  stored = load_stored (f->path, pakkeri.id);
  {
    g_autoptr(SsaLicence) line = g_list_model_get_item (ssa_installation_get_licences (stored), 0);

    g_assert_cmpuint (ssa_licence_get_quantity (line), ==, quantity + 7);
  }
  g_clear_object (&stored);
  delete_shown (f, &pakkeri);

  /* Undo: the deletion first, then the edit, in the window and in the database; the
   * edit's at once in the window, written in a worker. */
  undo_redo_off_main_thread (f->window, "win.undo");
  assert_back (f, &pakkeri);
  {
    guint main_thread_before = ssa_db_get_main_thread_statements ();

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL));
    g_assert_cmpuint (ssa_licence_get_quantity (licence), ==, quantity);
    wait_written (f->window);
    g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  }
  stored = load_stored (f->path, pakkeri.id);
  {
    g_autoptr(SsaLicence) line = g_list_model_get_item (ssa_installation_get_licences (stored), 0);

    g_assert_cmpuint (ssa_licence_get_quantity (line), ==, quantity);
  }
  g_clear_object (&stored);

  /* Redo: the edit (at once in the window, written in a worker), then the deletion again,
   * asked while the edit is still being written. */
  {
    guint main_thread_before = ssa_db_get_main_thread_statements ();

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
    g_assert_cmpuint (ssa_licence_get_quantity (licence), ==, quantity + 7);
    /* The edit's Redo itself reads and writes nothing on the main thread. */
    g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  }
  /* The deletion's Redo counts the offers again in a worker: nothing on the main thread. */
  {
    guint main_thread_before = ssa_db_get_main_thread_statements ();

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.redo", NULL));
    g_assert_true (wait_for (is_unlisted, &pakkeri));
    wait_written (f->window);
    g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  }
  stored = load_stored (f->path, pakkeri.id);
  {
    g_autoptr(SsaLicence) line = g_list_model_get_item (ssa_installation_get_licences (stored), 0);

    g_assert_cmpuint (ssa_licence_get_quantity (line), ==, quantity + 7);
  }
  g_clear_object (&stored);
  assert_hidden (f, &pakkeri);

  /* Closing its toast makes the deletion final. */
  click_undo_toast_button (f->window, "Pakkeri Norheimsund", "window-close-symbolic");
  data[1] = &pakkeri;
  g_assert_true (wait_for (is_deleted, data));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.undo", NULL) &&
                  ssa_repository_find_installation (repository, pakkeri.id) != NULL);

  /* Closing the window makes a pending deletion final too (in a worker thread: the
   * application is held until it is written). */
  delete_shown (f, &trondheim);
  gtk_window_close (GTK_WINDOW (f->window));
  data[1] = &trondheim;
  g_assert_true (wait_for (is_deleted, data));

  g_array_unref (pakkeri.licence_ids);
  g_array_unref (trondheim.licence_ids);
}

typedef struct
{
  SsaInstallation *installation;
  guint            n;
} LineCount;

static gboolean
has_lines (gpointer data)
{
  LineCount *count = data;

  return g_list_model_get_n_items (ssa_installation_get_licences (count->installation)) ==
         count->n;
}

static guint
stored_lines (const char *path,
              gint64      id)
{
  g_autoptr(SsaInstallation) stored = load_stored (path, id);

  return g_list_model_get_n_items (ssa_installation_get_licences (stored));
}

/* A licence line removed with its row's button is hidden until its toast goes, and its
 * toast's Undo puts the same line back in its place. */
static void
test_licence_line_undo (Fixture *f)
{
  SsaInventoryView *view = SSA_INVENTORY_VIEW (ssa_window_get_inventory_view (f->window));
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  Shown pakkeri = { 0 };
  SsaInstallation *installation;
  GtkWidget *remove = NULL;
  g_autoptr(GArray) ids = NULL;
  LineCount count;

  shown_init (&pakkeri, f->window, "Pakkeri Norheimsund");
  installation = ssa_repository_find_installation (ssa_window_get_repository (f->window),
                                                   pakkeri.id);
  spin (200);
  collect_widgets (GTK_WIDGET (view), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len && remove == NULL; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)),
                   "Remove Licence Line") == 0)
      remove = g_ptr_array_index (buttons, i);
  g_assert_nonnull (remove);

  count.installation = installation;
  count.n = pakkeri.licence_ids->len - 1;
  g_assert_true (gtk_widget_activate (remove));
  g_assert_true (wait_for (has_lines, &count));
  g_assert_cmpuint (stored_lines (f->path, pakkeri.id), ==, pakkeri.licence_ids->len);

  click_undo_toast_button (f->window, "removed", NULL);
  count.n = pakkeri.licence_ids->len;
  g_assert_true (wait_for (has_lines, &count));
  ids = licence_ids_of (installation);
  g_assert_cmpmem (ids->data, ids->len * sizeof (gint64),
                   pakkeri.licence_ids->data, pakkeri.licence_ids->len * sizeof (gint64));

  /* Removed again, and its toast closed: gone for good. */
  spin (300);
  g_ptr_array_set_size (buttons, 0);
  remove = NULL;
  collect_widgets (GTK_WIDGET (view), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len && remove == NULL; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)),
                   "Remove Licence Line") == 0)
      remove = g_ptr_array_index (buttons, i);
  g_assert_nonnull (remove);
  count.n = pakkeri.licence_ids->len - 1;
  g_assert_true (gtk_widget_activate (remove));
  g_assert_true (wait_for (has_lines, &count));
  click_undo_toast_button (f->window, "removed", "window-close-symbolic");
  for (guint i = 0; i < 100 && stored_lines (f->path, pakkeri.id) != count.n; i++)
    spin (50);
  g_assert_cmpuint (stored_lines (f->path, pakkeri.id), ==, count.n);

  g_array_unref (pakkeri.licence_ids);
}

/* Archive: what has offers cannot be deleted; the window says so in words, and offers to
 * archive it instead. */

static void
before_archive (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(SsaDbOffer) offer = NULL;
  SsaOfferRequest request;
  GDate day;
  gint64 id = 0;

  g_assert_no_error (error);
  rows = ssa_db_list_installations (db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_array_index (rows, SsaDbInstallationRow, i).name,
                   "Pakkeri Norheimsund") == 0)
      id = g_array_index (rows, SsaDbInstallationRow, i).id;
  g_assert_cmpint (id, >, 0);

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 28, 11, 2026);
  ssa_offer_request_init (&request);
  request.today = day;
  offer = ssa_db_create_offer (db, id, &request, &day, 0, NULL, &error);
  g_assert_no_error (error);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
archive_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* Waits for the dialog, checks it speaks of @words, and answers it as a click on the
 * button of @response does. */
static void
answer_dialog (const char *words,
               const char *response,
               const char *shot)
{
  AdwMessageDialog *dialog;
  g_autofree char *text = NULL;

  g_assert_true (wait_for (archive_dialog_shown, NULL));
  dialog = find_message_dialog ();
  if (shot != NULL)
    screenshot (GTK_WIDGET (dialog), shot);
  text = g_strconcat (adw_message_dialog_get_heading (dialog), " ",
                      adw_message_dialog_get_body (dialog), NULL);
  if (strstr (text, words) == NULL)
    g_error ("the dialog does not say “%s”: %s", words, text);
  g_assert_null (strstr (text, "FOREIGN KEY"));
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
  spin (100);
}

static gboolean
renewals_list (const char *path,
               gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (path, SSA_DB_OPEN_READ_ONLY, &error);
  g_autoptr(GArray) rows = NULL;

  g_assert_no_error (error);
  rows = ssa_db_list_renewals (db, NULL, 100000, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, SsaDbInstallationRow, i).id == id)
      return TRUE;
  return FALSE;
}

/* The sidebar's row for @name says it is archived. */
static gboolean
archived_row_shown (SsaSidebar *sidebar,
                    const char *name)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  spin (100);
  collect_widgets (GTK_WIDGET (sidebar), SSA_TYPE_SIDEBAR_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (ssa_sidebar_row_get_title (g_ptr_array_index (rows, i)), name) == 0)
      return g_str_has_prefix (ssa_sidebar_row_get_detail (g_ptr_array_index (rows, i)),
                               "Archived · ");
  return FALSE;
}

static gboolean
customer_listed (gpointer data)
{
  return find_shown (data, SSA_TYPE_CUSTOMER, "Nidaros Bygg og Anlegg AS") !=
         GTK_INVALID_LIST_POSITION;
}

static gboolean
stored_unarchived (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  Shown *shown = ((gpointer *) data)[1];
  g_autoptr(SsaInstallation) stored = load_stored (f->path, shown->id);
  SsaInstallation *live = ssa_repository_find_installation (ssa_window_get_repository (f->window),
                                                            shown->id);

  /* In the file, and back on the main thread: the object says so, the Undo step is in. */
  return stored != NULL && !ssa_installation_get_archived (stored) &&
         live != NULL && !ssa_installation_get_archived (live);
}

static void
test_archive (Fixture *f)
{
  SsaSidebar *sidebar = SSA_SIDEBAR (ssa_window_get_sidebar (f->window));
  Shown pakkeri = { 0 };
  g_autoptr(SsaInstallation) stored = NULL;
  gpointer data[2] = { f, &pakkeri };
  GObject *customer;

  shown_init (&pakkeri, f->window, "Pakkeri Norheimsund");
  g_assert_true (renewals_list (f->path, pakkeri.id));

  /* Delete: refused in words, with the archive offered; Cancel changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-installation",
                                             NULL));
  answer_dialog ("1 offer", "cancel", "delete-refused-archive");
  g_assert_true (is_listed (&pakkeri));
  stored = load_stored (f->path, pakkeri.id);
  g_assert_false (ssa_installation_get_archived (stored));
  g_clear_object (&stored);

  /* Archive: out of the list and the renewals, its lines and offer kept. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-installation",
                                             NULL));
  answer_dialog ("Archive", "archive", NULL);
  g_assert_true (wait_for (is_unlisted, &pakkeri));
  stored = load_stored (f->path, pakkeri.id);
  g_assert_true (ssa_installation_get_archived (stored));
  g_assert_cmpuint (g_list_model_get_n_items (ssa_installation_get_licences (stored)), ==,
                    pakkeri.licence_ids->len);
  g_clear_object (&stored);
  g_assert_false (renewals_list (f->path, pakkeri.id));

  /* Show Archived (the main menu's toggle) lists it again; unarchiving it, with the view's
   * toggle button, brings it back to the renewals. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-archived", NULL));
  g_assert_true (ssa_window_get_show_archived (f->window));
  g_assert_true (wait_for (is_listed, &pakkeri));
  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Pakkeri Norheimsund");
  g_assert_true (archived_row_shown (sidebar, "Pakkeri Norheimsund"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.installation-archived",
                                             NULL));
  /* Stored in a worker thread. */
  g_assert_true (wait_for (stored_unarchived, data));
  g_assert_true (renewals_list (f->path, pakkeri.id));

  /* Archiving is a step of the undo history too, written in a worker. */
  undo_redo_off_main_thread (f->window, "win.undo");
  stored = load_stored (f->path, pakkeri.id);
  g_assert_true (ssa_installation_get_archived (stored));
  g_clear_object (&stored);
  undo_redo_off_main_thread (f->window, "win.redo");
  stored = load_stored (f->path, pakkeri.id);
  g_assert_false (ssa_installation_get_archived (stored));
  g_clear_object (&stored);

  /* Its customer cannot be deleted either. */
  customer = click_sidebar_row (f->window, SSA_TYPE_CUSTOMER, "Hardanger Fruktlager SA");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-customer",
                                             NULL));
  answer_dialog ("Cannot Be Deleted", "cancel", NULL);
  g_assert_true (ssa_sidebar_get_selected (sidebar) == customer);

  /* A customer without offers goes after saying what goes with it, and comes back. */
  customer = click_sidebar_row (f->window, SSA_TYPE_CUSTOMER, "Nidaros Bygg og Anlegg AS");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-customer",
                                             NULL));
  answer_dialog ("licence lines go with it", "delete", "delete-customer-confirm");
  g_assert_cmpuint (find_shown (sidebar, SSA_TYPE_CUSTOMER, "Nidaros Bygg og Anlegg AS"), ==,
                    GTK_INVALID_LIST_POSITION);
  click_undo_toast_button (f->window, "Nidaros Bygg og Anlegg AS", NULL);
  g_assert_true (wait_for (customer_listed, sidebar));
  g_assert_true (ssa_repository_find_customer (ssa_window_get_repository (f->window),
                                               ssa_customer_get_id (SSA_CUSTOMER (customer))) ==
                 SSA_CUSTOMER (customer));

  g_array_unref (pakkeri.licence_ids);
}

static void
test_product_picker (Fixture *f)
{
  SsaInventoryView *view = SSA_INVENTORY_VIEW (ssa_window_get_inventory_view (f->window));
  SsaProductPicker *picker = SSA_PRODUCT_PICKER (ssa_inventory_view_get_picker (view));
  SsaInstallation *installation;
  GListModel *licences;
  guint before;
  g_autoptr(SsaLicence) added = NULL;
  g_autoptr(SsaProduct) product = NULL;
  GListModel *shown;
  guint main_thread_before;

  installation = SSA_INSTALLATION (click_sidebar_row (f->window, SSA_TYPE_INSTALLATION,
                                                      "Kontor Trondheim"));
  licences = ssa_installation_get_licences (installation);
  before = g_list_model_get_n_items (licences);

  /* Mapped before it is searched and drawn: on a loaded machine the popover's surface can
   * take seconds to come up. */
  gtk_popover_popup (GTK_POPOVER (picker));
  g_assert_true (wait_for (test_is_drawable, picker));
  ssa_product_picker_set_search (picker, "voicemail");
  spin (100);
  shown = ssa_product_picker_get_shown (picker);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(SsaProduct) item = g_list_model_get_item (shown, i);
      g_autofree char *name = g_utf8_casefold (ssa_product_get_name (item), -1);

      g_assert_nonnull (strstr (name, "voicemail"));
    }
  screenshot (GTK_WIDGET (picker), "product-picker");

  /* The line is stored in a worker: none of its statements on the main thread. */
  product = g_list_model_get_item (shown, 0);
  main_thread_before = ssa_db_get_main_thread_statements ();
  ssa_product_picker_pick (picker, 0);
  wait_written (f->window);
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (licences), ==, before + 1);
  added = g_list_model_get_item (licences, before);
  g_assert_cmpstr (ssa_licence_get_code (added), ==, ssa_product_get_code (product));
  g_assert_cmpint (ssa_licence_get_id (added), >, 0);
  g_assert_nonnull (ssa_licence_get_added_on (added));
}

static SsaPreferences *
find_preferences (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (SSA_IS_PREFERENCES (window) && gtk_widget_get_visible (window))
        return SSA_PREFERENCES (window);
    }
  return NULL;
}

static gboolean
preferences_loaded (gpointer data)
{
  SsaPreferences *preferences = find_preferences ();

  return preferences != NULL && ssa_preferences_get_loaded (preferences);
}

typedef struct
{
  const char *path;
  const char *company;
} ProfileWait;

static gboolean
profile_saved (gpointer data)
{
  ProfileWait *wait = data;
  g_autoptr(SsaDb) db = ssa_db_open (wait->path, SSA_DB_OPEN_READ_ONLY, NULL);
  g_autoptr(SsaProfile) profile = db != NULL ? ssa_db_load_profile (db, NULL) : NULL;

  return profile != NULL && g_strcmp0 (profile->company_name, wait->company) == 0 &&
         g_strcmp0 (profile->org_no, "988077917") == 0;
}

static void
test_preferences (Fixture *f)
{
  SsaPreferences *preferences;
  GtkEditable *org_no;
  ProfileWait wait = { f->path, "Nordlys Kommunikasjon AS" };

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  g_assert_true (wait_for (preferences_loaded, NULL));
  preferences = find_preferences ();

  /* One settings instance: the application's, for the window and its dialogs alike. */
  g_assert_nonnull (ssa_application_get_settings (f->app));
  g_assert_true (ssa_application_get_settings (NULL) == ssa_application_get_settings (f->app));
  g_assert_true (ssa_application_get_settings_for_widget (GTK_WIDGET (preferences)) ==
                 ssa_application_get_settings (f->app));
  g_assert_true (ssa_application_get_settings_for_widget (GTK_WIDGET (f->window)) ==
                 ssa_application_get_settings (f->app));

  gtk_editable_set_text (find_entry_row (GTK_WIDGET (preferences), "Company Name"), wait.company);
  org_no = find_entry_row (GTK_WIDGET (preferences), "Organisation Number");
  gtk_editable_set_text (org_no, "123 456 789");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (org_no), "error"));
  spin (700);
  /* Not saved while a field is refused. */
  g_assert_false (profile_saved (&wait));
  screenshot (GTK_WIDGET (preferences), "preferences-invalid");

  gtk_editable_set_text (org_no, "988 077 917");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (org_no), "error"));
  g_assert_true (wait_for (profile_saved, &wait));
  screenshot (GTK_WIDGET (preferences), "preferences");

  /* The user's own name for "Vår ref.": a setting, which the documents print. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.ssadesk.SsaDesk");
    g_autofree char *chosen = NULL;
    g_autofree char *printed = NULL;

    gtk_editable_set_text (find_entry_row (GTK_WIDGET (preferences),
                                           "Your Name on Offers (“Our ref.”)"),
                           "Kari Selger");
    chosen = g_settings_get_string (settings, "our-reference");
    g_assert_cmpstr (chosen, ==, "Kari Selger");
    printed = ssa_document_dup_user_name ();
    g_assert_cmpstr (printed, ==, "Kari Selger");
    g_settings_reset (settings, "our-reference");
  }
  gtk_window_close (GTK_WINDOW (preferences));
}

static gboolean
shortcuts_shown (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (window) && gtk_widget_get_visible (window))
        return TRUE;
    }
  return FALSE;
}

static void
test_shortcuts_window (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Built on first use (not with every window at start-up), with Ctrl+? on app.shortcuts. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "shortcuts", NULL);
  g_assert_true (wait_for (shortcuts_shown, NULL));
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (window))
        {
          screenshot (window, "shortcuts");
          gtk_window_close (GTK_WINDOW (window));
        }
    }
}

/* Background refresh: with a price list URL configured and no refresh yet, the window
 * fetches the distributor's list as soon as it has loaded, without being asked, and the
 * new list becomes current in the database. Served by a SoupServer on 127.0.0.1. */

static SoupServer *refresh_server;
static char *refresh_document;

static void
serve_price_list_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     const char        *path,
                     GHashTable        *query,
                     gpointer           user_data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    refresh_document, strlen (refresh_document));
}

static void
before_background_refresh (Fixture *f)
{
  g_autoptr(GBytes) sample = ssa_samples_get_price_list_bytes ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ssadesk.SsaDesk");
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) document = g_string_new_len (g_bytes_get_data (sample, NULL),
                                                  g_bytes_get_size (sample));
  g_autoslist(GUri) uris = NULL;
  g_autofree char *url = NULL;

  g_assert_cmpuint (g_string_replace (document, "\"sample-2026-11\"", "\"distributor-2026-12\"",
                                      1), ==, 1);
  refresh_document = g_string_free (g_steal_pointer (&document), FALSE);

  refresh_server = soup_server_new (NULL, NULL);
  soup_server_add_handler (refresh_server, "/prices.json", serve_price_list_cb, NULL, NULL);
  soup_server_listen_local (refresh_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (refresh_server);
  url = g_strdup_printf ("http://127.0.0.1:%d/prices.json", g_uri_get_port (uris->data));

  g_settings_set_string (settings, "price-list-url", url);
  g_settings_set_int64 (settings, "last-refresh", 0);
}

static gboolean
distributor_list_is_current (gpointer data)
{
  Fixture *f = data;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaPriceList) list = NULL;

  /* Look at the database now and then, not on every turn of the main loop. */
  spin (100);
  db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, NULL);
  if (db == NULL)
    return FALSE;
  list = ssa_db_load_current_price_list (db, NULL, NULL);
  return list != NULL && g_strcmp0 (list->id, "distributor-2026-12") == 0;
}

static void
test_background_refresh (Fixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ssadesk.SsaDesk");

  /* Nobody pressed "Refresh Now": the start-up check found the list due. */
  g_assert_true (wait_for (distributor_list_is_current, f));
  /* The refresh is recorded, so the next start does not fetch again. */
  g_assert_cmpint (g_settings_get_int64 (settings, "last-refresh"), >, 0);
  /* The window computes offers with the new list, as the price list page announced it. */
  for (guint i = 0; i < 50 && g_strcmp0 (ssa_window_get_price_list (f->window)->id,
                                         "distributor-2026-12") != 0; i++)
    spin (100);
  g_assert_cmpstr (ssa_window_get_price_list (f->window)->id, ==, "distributor-2026-12");

  g_settings_reset (settings, "price-list-url");
  g_settings_reset (settings, "last-refresh");
  g_clear_object (&refresh_server);
  g_clear_pointer (&refresh_document, g_free);
}

/* Read-only: started with --read-only, the window says so in a banner that stays, and every
 * action that writes is off: the shortcuts and menus do nothing, the licence lines cannot be
 * edited, the offer cannot be saved. Not a byte of the file changes. */

static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (g_ptr_array_index (labels, i)), text) != NULL)
      return g_ptr_array_index (labels, i);
  return NULL;
}

/* Waits until a label containing @text is shown (a banner's revealer maps its child when
 * it starts to reveal it, a frame or so after being told to). */
typedef struct
{
  GtkWidget  *root;
  const char *text;
  GtkWidget  *found;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  wait->found = find_label_containing (wait->root, wait->text);
  return wait->found != NULL;
}

static GtkWidget *
wait_for_label (GtkWidget  *root,
                const char *text)
{
  LabelWait wait = { root, text, NULL };

  g_assert_true (wait_for (label_shown, &wait));
  return wait.found;
}

/* The first shown widget of @type with that tooltip. */
static GtkWidget *
find_tooltip (GtkWidget  *root,
              GType       type,
              const char *tooltip)
{
  g_autoptr(GPtrArray) widgets = g_ptr_array_new ();

  collect_widgets (root, type, widgets);
  for (guint i = 0; i < widgets->len; i++)
    if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (widgets, i)), tooltip) == 0)
      return g_ptr_array_index (widgets, i);
  g_error ("no %s with the tooltip “%s”", g_type_name (type), tooltip);
  return NULL;
}

/* The first shown button that activates @action. */
static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), action) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

static gboolean
revealer_shown (gpointer data)
{
  GtkWidget *widget = gtk_widget_get_ancestor (data, GTK_TYPE_REVEALER);

  return widget != NULL && gtk_revealer_get_child_revealed (GTK_REVEALER (widget));
}

static gboolean
revealer_hidden (gpointer data)
{
  GtkWidget *widget = gtk_widget_get_ancestor (data, GTK_TYPE_REVEALER);

  return widget != NULL && !gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) &&
         !gtk_revealer_get_child_revealed (GTK_REVEALER (widget));
}

static guint
count_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        count++;
    }
  return count;
}

static gpointer
job_read_only (SsaDb         *db,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return GINT_TO_POINTER (ssa_db_is_read_only (db) ? 2 : 1);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(int *) user_data = GPOINTER_TO_INT (ssa_db_job_finish (result, NULL));
}

static gboolean
is_set (gpointer data)
{
  return *(int *) data != 0;
}

static void
before_read_only (Fixture *f)
{
  f->digest = test_file_digest (f->path);
}

static void
test_read_only (Fixture *f)
{
  SsaRepository *repository = ssa_window_get_repository (f->window);
  GListModel *installations = ssa_repository_get_installations (repository);
  guint n_installations = g_list_model_get_n_items (installations);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  GtkWidget *banner;
  GtkWidget *inventory;
  GtkWidget *save;
  int job_result = 0;

  g_assert_true (ssa_repository_get_read_only (repository));
  g_assert_cmpuint (n_installations, >, 0);
  /* The pages' database jobs open the file read-only too. */
  ssa_db_job_run_async (f->path, job_read_only, NULL, NULL, NULL, NULL, job_done_cb,
                        &job_result);
  g_assert_true (wait_for (is_set, &job_result));
  g_assert_cmpint (job_result, ==, 2);

  banner = wait_for_label (GTK_WIDGET (f->window), "--read-only");
  g_assert_true (wait_for (revealer_shown, banner));
  screenshot (GTK_WIDGET (f->window), "read-only");

  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Kontor Trondheim");
  spin (200);
  inventory = ssa_window_get_inventory_view (f->window);
  collect_widgets (inventory, GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, >, 0);
  for (guint i = 0; i < spins->len; i++)
    g_assert_false (gtk_widget_is_sensitive (g_ptr_array_index (spins, i)));
  save = find_action_button (ssa_window_get_offer_builder (f->window), "offer.save");
  g_assert_nonnull (save);
  g_assert_false (gtk_widget_is_sensitive (save));

  /* The Add menu is off, and what the menus and shortcuts would run does nothing. */
  g_assert_false (gtk_widget_is_sensitive (find_tooltip (GTK_WIDGET (f->window),
                                                         GTK_TYPE_MENU_BUTTON,
                                                         "Add Customer or Installation")));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.delete-installation", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-customer", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-installation", NULL);
  g_assert_cmpuint (count_toplevels (SSA_TYPE_CUSTOMER_EDITOR), ==, 0);
  /* A restore would write the file. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.restore-backup", NULL);
  g_assert_cmpuint (count_toplevels (SSA_TYPE_RESTORE_DIALOG), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (installations), ==, n_installations);

  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  after = test_file_digest (f->path);
  g_assert_cmpstr (after, ==, f->digest);
}

/* A damaged database: one page of an index overwritten in a file of thousands of rows.
 * The window loads it (nothing it reads at start touches that page), then its background
 * check finds the damage: the banner says so, editing is off, and "Restore from Backup…"
 * lists the backups; restoring one puts it in place, keeps the damaged file aside, and the
 * window reloads with the backup's customers and can write again. */

static void
add_customers (SsaDb      *db,
               const char *prefix,
               guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SsaCustomer) customer = ssa_customer_new ();
      g_autofree char *name = g_strdup_printf ("%s %05u Kommunikasjon og Drift AS", prefix, i);
      g_autoptr(GError) error = NULL;

      ssa_customer_set_name (customer, name);
      g_assert_true (ssa_db_insert_customer (db, customer, &error));
      g_assert_no_error (error);
    }
}

static guint
count_customers (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (path, SSA_DB_OPEN_READ_ONLY, &error);
  g_autoptr(GPtrArray) customers = NULL;

  g_assert_no_error (error);
  customers = ssa_db_load_customers (db, &error);
  g_assert_no_error (error);
  return customers->len;
}

/* Overwrites the first bytes of the root page of the index customers_name with garbage. */
static void
damage_index_page (const char *path)
{
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 root = 0, page_size = 0;
  guchar garbage[64];
  FILE *file;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT rootpage FROM sqlite_schema WHERE name = "
                                       "'customers_name'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "PRAGMA page_size", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  page_size = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  g_assert_cmpint (root, >, 1);

  memset (garbage, 0xA5, sizeof garbage);
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (long) ((root - 1) * page_size), SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (garbage, 1, sizeof garbage, file), ==, sizeof garbage);
  g_assert_cmpint (fclose (file), ==, 0);
}

static void
before_damaged (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SsaDb *db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  add_customers (db, "Kunde", 3000);
  g_assert_true (ssa_backup_take (db, SSA_BACKUP_REASON_MANUAL, &f->backup, &error));
  g_assert_no_error (error);
  /* Rows added after the backup: a restore loses them. */
  add_customers (db, "Etterpå", 25);
  ssa_db_close (db);
  f->backup_customers = count_customers (f->backup);
  g_assert_cmpuint (count_customers (f->path), ==, f->backup_customers + 25);
  damage_index_page (f->path);
}

static gboolean
window_checked (gpointer data)
{
  Fixture *f = data;

  return ssa_window_get_checked (f->window);
}

static SsaRestoreDialog *
find_restore_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (SSA_IS_RESTORE_DIALOG (window) && gtk_widget_get_visible (window))
        return SSA_RESTORE_DIALOG (window);
    }
  return NULL;
}

static gboolean
restore_dialog_loaded (gpointer data)
{
  SsaRestoreDialog *dialog = find_restore_dialog ();

  return dialog != NULL && ssa_restore_dialog_get_loaded (dialog) &&
         gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

static gboolean
restored_and_checked (gpointer data)
{
  Fixture *f = data;
  SsaRepository *repository = ssa_window_get_repository (f->window);

  return ssa_window_get_ready (f->window) && ssa_window_get_checked (f->window) &&
         !ssa_window_get_damaged (f->window) &&
         g_list_model_get_n_items (ssa_repository_get_customers (repository)) ==
           f->backup_customers;
}

static void
test_damaged (Fixture *f)
{
  SsaRepository *repository = ssa_window_get_repository (f->window);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();
  g_autoptr(SsaBackupInfo) newest = NULL;
  SsaRestoreDialog *dialog;
  GtkWidget *banner;
  GtkWidget *restore;
  gboolean kept_aside = FALSE;

  g_assert_true (wait_for (window_checked, f));
  g_assert_true (ssa_window_get_damaged (f->window));
  g_assert_true (ssa_repository_get_read_only (repository));
  g_assert_cmpuint (g_list_model_get_n_items (ssa_repository_get_customers (repository)), ==,
                    f->backup_customers + 25);
  banner = wait_for_label (GTK_WIDGET (f->window), "damaged");
  g_assert_true (wait_for (revealer_shown, banner));
  restore = find_action_button (GTK_WIDGET (f->window), "win.restore-backup");
  g_assert_nonnull (restore);
  g_assert_true (gtk_widget_is_sensitive (restore));
  screenshot (GTK_WIDGET (f->window), "damaged");

  /* Nothing more is written into the damaged file. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-customer", NULL);
  g_assert_cmpuint (count_toplevels (SSA_TYPE_CUSTOMER_EDITOR), ==, 0);
  ssa_customer_set_name (customer, "Ikke lagret AS");
  g_assert_false (ssa_repository_add_customer (repository, customer, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* The banner's button opens the list of backups, newest first. */
  g_assert_true (gtk_widget_activate (restore));
  g_assert_true (wait_for (restore_dialog_loaded, NULL));
  dialog = find_restore_dialog ();
  g_assert_cmpuint (g_list_model_get_n_items (ssa_restore_dialog_get_backups (dialog)), >=, 1);
  newest = g_list_model_get_item (ssa_restore_dialog_get_backups (dialog), 0);
  g_assert_cmpstr (ssa_backup_info_get_path (newest), ==, f->backup);
  screenshot (GTK_WIDGET (dialog), "restore-dialog");
  g_assert_true (gtk_widget_activate (find_action_button (GTK_WIDGET (dialog),
                                                          "restore.restore")));

  /* Restored, loaded again, checked again: the backup's customers, and writable. */
  g_assert_true (wait_for (restored_and_checked, f));
  g_assert_false (ssa_repository_get_read_only (repository));
  g_assert_true (wait_for (revealer_hidden, banner));
  g_assert_cmpuint (count_customers (f->path), ==, f->backup_customers);
  g_assert_true (ssa_repository_add_customer (repository, customer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_customers (f->path), ==, f->backup_customers + 1);

  /* The damaged file is kept among the backups. */
  backups = ssa_backup_list (f->path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < backups->len; i++)
    kept_aside |= g_strcmp0 (ssa_backup_info_get_reason (g_ptr_array_index (backups, i)),
                             SSA_BACKUP_REASON_BEFORE_RESTORE) == 0;
  g_assert_true (kept_aside);
}

/* A database damaged where the window must read at start (the licence lines): it cannot be
 * loaded, and the page that says so offers the restore too, which brings the window back. */

static void
before_unreadable (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  SsaDb *db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_true (ssa_backup_take (db, SSA_BACKUP_REASON_DAILY, &f->backup, &error));
  g_assert_no_error (error);
  ssa_db_close (db);
  f->backup_customers = count_customers (f->backup);
  test_damage_fill (f->path, 4000);
  test_damage_page (f->path);
}

static gboolean
on_error_page (gpointer data)
{
  Fixture *f = data;

  return g_strcmp0 (ssa_window_get_page (f->window), "error") == 0;
}

static gboolean
restored_and_shown (gpointer data)
{
  Fixture *f = data;

  return restored_and_checked (f) && on_main_page (f);
}

static void
test_unreadable (Fixture *f)
{
  GtkWidget *restore;

  g_assert_true (wait_for (on_error_page, f));
  g_assert_nonnull (find_status_page (GTK_WIDGET (f->window), "The Database Cannot Be Opened"));
  restore = find_action_button (GTK_WIDGET (f->window), "win.restore-backup");
  g_assert_nonnull (restore);
  g_assert_true (gtk_widget_activate (restore));
  g_assert_true (wait_for (restore_dialog_loaded, NULL));
  g_assert_true (gtk_widget_activate (find_action_button (GTK_WIDGET (find_restore_dialog ()),
                                                          "restore.restore")));
  g_assert_true (wait_for (restored_and_shown, f));
  g_assert_false (ssa_repository_get_read_only (ssa_window_get_repository (f->window)));
  g_assert_cmpuint (g_list_model_get_n_items (
                      ssa_repository_get_installations (ssa_window_get_repository (f->window))),
                    >, 0);
}

/* Backups: the start-up check of a sound database is followed by the day's backup, verified
 * and listed; Preferences show the database file, keep the rotation in the settings, and
 * "Back Up Now" takes one more, in a worker. */

typedef struct
{
  const char *db_path;
  const char *reason;
  guint       count;
  GtkWidget  *button;   /* nullable: sensitive again once the result was told */
} BackupWait;

static guint
count_backups (const char *db_path,
               const char *reason)
{
  g_autoptr(GPtrArray) backups = ssa_backup_list (db_path, NULL);
  guint count = 0;

  for (guint i = 0; backups != NULL && i < backups->len; i++)
    if (g_strcmp0 (ssa_backup_info_get_reason (g_ptr_array_index (backups, i)), reason) == 0)
      count++;
  return count;
}

static gboolean
backups_counted (gpointer data)
{
  BackupWait *wait = data;

  return (wait->button == NULL || gtk_widget_get_sensitive (wait->button)) &&
         count_backups (wait->db_path, wait->reason) == wait->count;
}

/* Off the screen the window paints no frame, and its start-up check, which otherwise waits
 * for the first frame painted after a load (docs/window.md, "Start-up"), does not wait for
 * one: a hidden window still checks the file it read again. */
static gboolean
window_ready_hidden (gpointer data)
{
  Fixture *f = data;

  return ssa_window_get_ready (f->window);
}

static void
test_check_hidden_window (Fixture *f)
{
  g_assert_true (ssa_window_get_checked (f->window));
  gtk_widget_set_visible (GTK_WIDGET (f->window), FALSE);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.reload", NULL));
  g_assert_false (ssa_window_get_checked (f->window));
  g_assert_true (wait_for (window_ready_hidden, f));
  g_assert_true (wait_for (window_checked, f));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->window)));
  gtk_widget_set_visible (GTK_WIDGET (f->window), TRUE);
}

static void
test_backups (Fixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ssadesk.SsaDesk");
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;
  BackupWait manual = { f->path, SSA_BACKUP_REASON_MANUAL, 1, NULL };
  SsaPreferences *preferences;
  GtkWidget *days;
  GtkWidget *weeks;

  g_assert_true (wait_for (window_checked, f));
  g_assert_false (ssa_window_get_damaged (f->window));
  g_assert_false (ssa_repository_get_read_only (ssa_window_get_repository (f->window)));
  /* Taken by the start-up check, and sound: it restores the same customers. */
  g_assert_cmpuint (count_backups (f->path, SSA_BACKUP_REASON_DAILY), ==, 1);
  backups = ssa_backup_list (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_backup_verify (ssa_backup_info_get_path (g_ptr_array_index (backups, 0)),
                                    &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_customers (ssa_backup_info_get_path (g_ptr_array_index (backups, 0))),
                    ==, count_customers (f->path));

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  g_assert_true (wait_for (preferences_loaded, NULL));
  preferences = find_preferences ();
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "database");
  wait_for_label (GTK_WIDGET (preferences), f->path);

  days = find_action_row_widget (GTK_WIDGET (preferences), "Daily Backups for Days");
  weeks = find_action_row_widget (GTK_WIDGET (preferences), "Weekly Backups for Weeks");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (days)), ==, 7);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (weeks)), ==, 4);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (days), 10);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (weeks), 8);
  g_assert_cmpuint (g_settings_get_uint (settings, "backup-keep-days"), ==, 10);
  g_assert_cmpuint (g_settings_get_uint (settings, "backup-keep-weeks"), ==, 8);
  screenshot (GTK_WIDGET (preferences), "preferences-database");

  manual.button = find_action_row_widget (GTK_WIDGET (preferences), "Back Up Now");
  g_assert_true (gtk_widget_activate (manual.button));
  g_assert_true (wait_for (backups_counted, &manual));
  gtk_window_close (GTK_WINDOW (preferences));

  g_settings_reset (settings, "backup-keep-days");
  g_settings_reset (settings, "backup-keep-weeks");
}

/* Keyboard and messages: dialogs that take the keyboard at once, Ctrl+F from anywhere, one
 * toast at a time that never comes back, and long messages in a dialog with a way forward. */

/* The visible toplevel of @type, or NULL. */
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

/* The mapped toplevel of @type, or NULL. */
static GtkWidget *
find_mapped_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (window))
        return window;
    }
  return NULL;
}

static gboolean
toplevel_mapped (gpointer data)
{
  return find_mapped_toplevel ((GType) GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
toplevel_gone (gpointer data)
{
  return find_toplevel ((GType) GPOINTER_TO_SIZE (data)) == NULL;
}

static GtkWidget *
wait_for_toplevel (GType type)
{
  g_assert_true (wait_for (toplevel_mapped, GSIZE_TO_POINTER (type)));
  return find_mapped_toplevel (type);
}

/* The action that @widget's own shortcuts bind to @keyval with @modifiers, in @phase. */
static GtkShortcutAction *
find_shortcut_action (GtkWidget       *widget,
                      guint            keyval,
                      GdkModifierType  modifiers,
                      GtkPropagationPhase phase)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_get_action (shortcut);
        }
    }
  return NULL;
}

/* Presses @keyval in @widget's window as its shortcut controller would. */
static void
press_shortcut (GtkWidget           *widget,
                guint                keyval,
                GdkModifierType      modifiers,
                GtkPropagationPhase  phase)
{
  GtkShortcutAction *action = find_shortcut_action (widget, keyval, modifiers, phase);

  g_assert_nonnull (action);
  g_assert_true (gtk_shortcut_action_activate (action, GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                               NULL));
}

/* The buttons in a dialog's header bar say their mnemonic. */
static void
assert_mnemonics (GtkWidget *dialog)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (dialog, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *label = gtk_button_get_label (g_ptr_array_index (buttons, i));

      if (label == NULL)
        continue;
      g_assert_true (gtk_button_get_use_underline (g_ptr_array_index (buttons, i)));
      g_assert_nonnull (strchr (label, '_'));
    }
}

static void
test_dialog_keyboard (Fixture *f)
{
  SsaRepository *repository = ssa_window_get_repository (f->window);
  GListModel *customers = ssa_repository_get_customers (repository);
  guint before = g_list_model_get_n_items (customers);
  GtkWidget *editor;
  GtkWidget *focus;
  GtkEditable *name;
  SsaInstallation *installation;
  g_autofree char *old_name = NULL;

  /* New Customer: the focus is in Name, so typing goes there, and Enter saves. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.new-customer", NULL));
  editor = wait_for_toplevel (SSA_TYPE_CUSTOMER_EDITOR);
  assert_mnemonics (editor);
  name = find_entry_row (editor, "Name");
  focus = gtk_window_get_focus (GTK_WINDOW (editor));
  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_TEXT (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (name)));
  gtk_editable_set_text (GTK_EDITABLE (focus), "Fjordkraft Drift AS");
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "Fjordkraft Drift AS");
  /* Enter in a text field emits "activate", which activates the window's default: Save. */
  g_signal_emit_by_name (focus, "activate");
  g_assert_true (wait_for (toplevel_gone, GSIZE_TO_POINTER (SSA_TYPE_CUSTOMER_EDITOR)));
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, before + 1);

  /* Edit Installation: the focus is in Name too, and Escape cancels without saving. */
  installation = SSA_INSTALLATION (click_sidebar_row (f->window, SSA_TYPE_INSTALLATION,
                                                      "Kontor Trondheim"));
  old_name = g_strdup (ssa_installation_get_name (installation));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-installation",
                                             NULL));
  editor = wait_for_toplevel (SSA_TYPE_INSTALLATION_EDITOR);
  assert_mnemonics (editor);
  name = find_entry_row (editor, "Name");
  focus = gtk_window_get_focus (GTK_WINDOW (editor));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (name)));
  gtk_editable_set_text (GTK_EDITABLE (focus), "Not saved");
  press_shortcut (editor, GDK_KEY_Escape, 0, GTK_PHASE_BUBBLE);
  g_assert_true (wait_for (toplevel_gone, GSIZE_TO_POINTER (SSA_TYPE_INSTALLATION_EDITOR)));
  g_assert_cmpstr (ssa_installation_get_name (installation), ==, old_name);
}

/* A save the database refuses (a serial another installation has) keeps the editor open,
 * with what was typed and the reason in it; nothing is stored, and the installation keeps
 * its stored values. Correcting the field and saving again stores it. */
static void
test_editor_refused_save (Fixture *f)
{
  SsaRepository *repository = ssa_window_get_repository (f->window);
  SsaInstallation *trondheim;
  SsaInstallation *pakkeri;
  g_autofree char *old_serial = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInstallation) stored = NULL;
  GtkWidget *editor;
  GtkEditable *serial;
  GtkEditable *name;
  GtkWidget *reason;

  pakkeri = SSA_INSTALLATION (click_sidebar_row (f->window, SSA_TYPE_INSTALLATION,
                                                 "Pakkeri Norheimsund"));
  trondheim = SSA_INSTALLATION (click_sidebar_row (f->window, SSA_TYPE_INSTALLATION,
                                                   "Kontor Trondheim"));
  g_assert_nonnull (ssa_installation_get_serial (pakkeri));
  old_serial = g_strdup (ssa_installation_get_serial (trondheim));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.edit-installation",
                                             NULL));
  editor = wait_for_toplevel (SSA_TYPE_INSTALLATION_EDITOR);
  name = find_entry_row (editor, "Name");
  serial = find_entry_row (editor, "Serial Number");
  gtk_editable_set_text (name, "Kontor Trondheim sentrum");
  gtk_editable_set_text (serial, ssa_installation_get_serial (pakkeri));

  g_assert_false (save_installation_editor (SSA_INSTALLATION_EDITOR (editor), &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  /* Still open, with what was typed, and the reason shown in it. */
  g_assert_true (gtk_widget_get_visible (editor));
  g_assert_cmpstr (gtk_editable_get_text (name), ==, "Kontor Trondheim sentrum");
  g_assert_cmpstr (gtk_editable_get_text (serial), ==, ssa_installation_get_serial (pakkeri));
  reason = find_label_containing (editor, "Not saved:");
  g_assert_nonnull (reason);
  g_assert_true (gtk_widget_is_visible (reason));
  screenshot (editor, "installation-editor-refused");
  /* Nothing stored: the installation has its values, in the window and in the file. */
  g_assert_cmpstr (ssa_installation_get_serial (trondheim), ==, old_serial);
  g_assert_cmpstr (ssa_installation_get_name (trondheim), ==, "Kontor Trondheim");
  stored = load_stored (f->path, ssa_installation_get_id (trondheim));
  g_assert_cmpstr (ssa_installation_get_serial (stored), ==, old_serial);
  g_clear_object (&stored);

  /* Corrected, it saves, and the editor closes. */
  g_clear_error (&error);
  gtk_editable_set_text (serial, old_serial != NULL ? old_serial : "");
  g_assert_true (save_installation_editor (SSA_INSTALLATION_EDITOR (editor), &error));
  g_assert_no_error (error);
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_true (wait_for (toplevel_gone, GSIZE_TO_POINTER (SSA_TYPE_INSTALLATION_EDITOR)));
  g_assert_cmpstr (ssa_installation_get_name (trondheim), ==, "Kontor Trondheim sentrum");
  stored = load_stored (f->path, ssa_installation_get_id (trondheim));
  g_assert_cmpstr (ssa_installation_get_name (stored), ==, "Kontor Trondheim sentrum");
  g_assert_true (ssa_repository_find_installation (repository,
                                                   ssa_installation_get_id (trondheim)) ==
                 trondheim);
}

static void
test_search_shortcut (Fixture *f)
{
  SsaSidebar *sidebar = SSA_SIDEBAR (ssa_window_get_sidebar (f->window));
  GtkWidget *search = find_widget (GTK_WIDGET (sidebar), GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *view;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *focus;

  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Kontor Trondheim");
  spin (200);
  view = find_widget (GTK_WIDGET (f->window), SSA_TYPE_INSTALLATION_VIEW);
  g_assert_nonnull (view);

  /* The page's title and subtitle are text to read, not Tab stops. */
  collect_widgets (view, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_has_css_class (label, "title-2") ||
          gtk_widget_has_css_class (label, "dim-label"))
        g_assert_false (gtk_label_get_selectable (GTK_LABEL (label)));
    }

  /* Ctrl+F is seen before the focused widget (the capture phase), so nothing takes it. */
  gtk_widget_grab_focus (find_widget (view, GTK_TYPE_BUTTON));
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_false (focus != NULL && gtk_widget_is_ancestor (focus, search));
  press_shortcut (GTK_WIDGET (f->window), GDK_KEY_f, GDK_CONTROL_MASK, GTK_PHASE_CAPTURE);
  focus = gtk_window_get_focus (GTK_WINDOW (f->window));
  g_assert_nonnull (focus);
  g_assert_true (focus == search || gtk_widget_is_ancestor (focus, search));
}

/* The titles of the toasts the overlay holds now. */
static void
collect_toast_titles (GtkWidget *overlay,
                      GPtrArray *titles)
{
  GtkWidget *content = adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay));

  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new ();

      if (child == content)
        continue;
      collect_widgets (child, GTK_TYPE_LABEL, labels);
      for (guint i = 0; i < labels->len; i++)
        g_ptr_array_add (titles, (gpointer) gtk_label_get_label (g_ptr_array_index (labels, i)));
    }
}

/* Whether @widget shows a label reading @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (widget, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_label (g_ptr_array_index (labels, i)), text) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
overlay_shows (GtkWidget  *overlay,
               const char *title)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();

  collect_toast_titles (overlay, titles);
  for (guint i = 0; i < titles->len; i++)
    if (g_strcmp0 (g_ptr_array_index (titles, i), title) == 0)
      return TRUE;
  return FALSE;
}

typedef struct
{
  GtkWidget  *overlay;
  const char *title;
} OverlayWait;

static gboolean
overlay_toast_shown (gpointer data)
{
  OverlayWait *wait = data;

  return overlay_shows (wait->overlay, wait->title);
}

static gboolean
overlay_toast_gone (gpointer data)
{
  return !overlay_toast_shown (data);
}

/* Watches the overlay for @milliseconds: fails if a toast titled @title shows. */
static void
assert_toast_never_shows (GtkWidget  *overlay,
                          const char *title,
                          guint       milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * (G_USEC_PER_SEC / 1000);
  guint wake = g_timeout_add (10, test_wake_cb, NULL);

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_false (overlay_shows (overlay, title));
    }
  g_source_remove (wake);
}

/* Clicks the button labelled @label in the toast titled @title. */
static void
click_toast_button (GtkWidget  *overlay,
                    const char *title,
                    const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (overlay); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

      if (child == adw_toast_overlay_get_child (ADW_TOAST_OVERLAY (overlay)))
        continue;
      collect_widgets (child, GTK_TYPE_BUTTON, buttons);
      for (guint i = 0; i < buttons->len; i++)
        if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0 &&
            shows_label (child, title))
          {
            g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
            return;
          }
    }
  g_error ("no toast “%s” with a button “%s”", title, label);
}

static void
test_toasts_never_return (Fixture *f)
{
  GtkWidget *overlay = find_widget (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY);
  OverlayWait first = { overlay, "First message" };
  OverlayWait urgent = { overlay, "Urgent message" };
  OverlayWait third = { overlay, "Third message" };
  AdwToast *toast;

  g_assert_nonnull (overlay);
  /* A plain toast, then one of high priority with a button, as the Undo of a deletion:
   * libadwaita would put the first back into its queue and show it again afterwards. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-toast", "s",
                                             first.title));
  g_assert_true (wait_for (overlay_toast_shown, &first));
  toast = adw_toast_new (urgent.title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_button_label (toast, "_Again");
  adw_toast_set_action_name (toast, "win.show-toast");
  adw_toast_set_action_target_value (toast, g_variant_new_string (third.title));
  ssa_window_add_toast (f->window, toast);
  g_assert_true (wait_for (overlay_toast_shown, &urgent));
  g_assert_true (wait_for (overlay_toast_gone, &first));

  /* Its button, clicked: it goes, its action shows the third, and the first stays away. */
  click_toast_button (overlay, urgent.title, "_Again");
  g_assert_true (wait_for (overlay_toast_shown, &third));
  g_assert_true (wait_for (overlay_toast_gone, &urgent));
  assert_toast_never_shows (overlay, first.title, 1000);

  /* Dismissed with its close button: gone for good, through several later toasts. */
  click_toast_button (overlay, third.title, NULL);
  g_assert_true (wait_for (overlay_toast_gone, &third));
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *title = g_strdup_printf ("Later message %u", i);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-toast", "s",
                                                 title));
      spin (100);
      g_assert_false (overlay_shows (overlay, third.title));
      g_assert_false (overlay_shows (overlay, first.title));
    }
  assert_toast_never_shows (overlay, third.title, 500);
}

/* Clicks the dialog's button labelled @label, as the user does. */
static void
click_dialog_button (GtkWidget  *dialog,
                     const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (dialog, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      {
        g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
        return;
      }
  g_error ("no button “%s”", label);
}

/* The page has read its lists: "Refresh Now" is enabled from then on. */
static gboolean
price_list_page_ready (gpointer data)
{
  GListModel *history = G_LIST_MODEL (gtk_widget_get_template_child (data,
                                                                     SSA_TYPE_PRICE_LIST_PAGE,
                                                                     "history"));

  return g_list_model_get_n_items (history) > 0;
}

static void
test_long_message (Fixture *f)
{
  GtkWidget *overlay = find_widget (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY);
  OverlayWait fits = { overlay, "Saved" };
  const char *long_message =
    "The offer could not be saved: the disk is full. Free some space on the disk that holds "
    "your documents, or choose another folder, and save the offer again.";
  AdwMessageDialog *dialog;
  SsaPriceListPage *page;

  /* A short message is a toast. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-toast", "s",
                                             fits.title));
  g_assert_true (wait_for (overlay_toast_shown, &fits));
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* A long one is not cut off in a toast: a dialog has the whole text. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-toast", "s",
                                             long_message));
  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, long_message);
  g_assert_false (overlay_shows (overlay, long_message));
  g_assert_true (adw_message_dialog_has_response (dialog, "close"));
  g_assert_false (adw_message_dialog_has_response (dialog, "fix"));
  screenshot (GTK_WIDGET (dialog), "long-message");
  click_dialog_button (GTK_WIDGET (dialog), "_Close");
  g_assert_true (wait_for (toplevel_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));

  /* Refresh Now without an address: the way forward is a button that opens Preferences. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-view", "s",
                                             "price-list"));
  spin (200);
  page = SSA_PRICE_LIST_PAGE (find_widget (GTK_WIDGET (f->window), SSA_TYPE_PRICE_LIST_PAGE));
  g_assert_nonnull (page);
  /* "Refresh Now" is off until the page has read the database. */
  g_assert_true (wait_for (price_list_page_ready, page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "price-list.refresh", NULL));
  dialog = ADW_MESSAGE_DIALOG (wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "No price list address"));
  g_assert_true (adw_message_dialog_has_response (dialog, "fix"));
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "fix"), ==,
                   "Open _Preferences");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "fix");
  click_dialog_button (GTK_WIDGET (dialog), "Open _Preferences");
  g_assert_true (wait_for (preferences_loaded, NULL));
  gtk_window_close (GTK_WINDOW (find_preferences ()));
}

static gboolean
builder_has_offer (gpointer data)
{
  return ssa_offer_builder_get_offer (data) != NULL;
}

static gboolean
chooser_has_folder (gpointer data)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (data);

  return folder != NULL;
}

/* Where the save and print dialogs start: Documents, or home without one; never the
 * working directory. */
static char *
expected_documents_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_strdup (documents);
  return g_strdup (g_get_home_dir ());
}

static void
test_documents_folder (Fixture *f)
{
  SsaOfferBuilder *builder = SSA_OFFER_BUILDER (ssa_window_get_offer_builder (f->window));
  GtkWidget *overlay = find_widget (GTK_WIDGET (f->window), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *expected = expected_documents_folder ();
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *printed = g_build_filename (f->dir, "printed.pdf", NULL);
  g_autofree char *folder_name = g_path_get_basename (f->dir);
  g_autofree char *saved = g_strdup_printf ("Saved “printed.pdf” in %s", folder_name);
  g_autoptr(GFile) printed_file = g_file_new_for_path (printed);
  g_autoptr(GFile) current = NULL;
  g_autoptr(GFile) fallback = NULL;
  g_autofree char *current_path = NULL;
  OverlayWait wait = { overlay, saved };
  GtkWidget *dialog;

  g_assert_cmpstr (expected, !=, cwd);
  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Kontor Trondheim");
  g_assert_true (wait_for (builder_has_offer, builder));

  /* Save as PDF: the file chooser opens in the Documents folder. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (builder), "offer.save-pdf", NULL));
  dialog = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_true (wait_for (chooser_has_folder, dialog));
  current = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (dialog));
  current_path = g_file_get_path (current);
  g_assert_cmpstr (current_path, ==, expected);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_true (wait_for (toplevel_gone, GSIZE_TO_POINTER (GTK_TYPE_FILE_CHOOSER_DIALOG)));

  /* Printed to a file: the toast says where it went, not "sent to the printer". */
  ssa_offer_builder_print_to_file (builder, printed_file);
  g_assert_true (wait_for (overlay_toast_shown, &wait));
  g_assert_true (g_file_test (printed, G_FILE_TEST_IS_REGULAR));
  g_assert_false (overlay_shows (overlay, "The offer was sent to the printer"));

  /* Whichever it is, the folder exists. */
  fallback = ssa_gui_dup_documents_folder ();
  g_assert_true (g_file_query_file_type (fallback, G_FILE_QUERY_INFO_NONE, NULL) ==
                 G_FILE_TYPE_DIRECTORY);
}

/* The row titled @title's end label (its value), for an action row of the builder. */
static const char *
action_row_value (GtkWidget  *root,
                  const char *title)
{
  GtkWidget *row = find_row (root, ADW_TYPE_ACTION_ROW, title);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (row, GTK_TYPE_LABEL, labels);
  /* The title and subtitle first, the value last. */
  g_assert_cmpuint (labels->len, >, 0);
  return gtk_label_get_label (g_ptr_array_index (labels, labels->len - 1));
}

static void
test_offer_terms_display (Fixture *f)
{
  SsaOfferBuilder *builder = SSA_OFFER_BUILDER (ssa_window_get_offer_builder (f->window));
  GtkWidget *inventory = ssa_window_get_inventory_view (f->window);
  AdwComboRow *billing;
  GListModel *plans;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  const SsaOffer *offer;
  g_autofree char *expected = NULL;
  guint not_covered = 0;
  guint dashes = 0;

  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Kontor Trondheim");
  g_assert_true (wait_for (builder_has_offer, builder));

  /* The billing plans say their discount, and the row shows the whole plan chosen. */
  billing = find_row (GTK_WIDGET (builder), ADW_TYPE_COMBO_ROW, "Billing");
  plans = adw_combo_row_get_model (billing);
  g_assert_cmpuint (g_list_model_get_n_items (plans), ==, SSA_N_BILLINGS);
  g_assert_true (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (plans),
                                                               SSA_BILLING_QUARTERLY),
                                   "Quarterly (Auto-SSA, −1"));
  g_assert_true (g_str_has_suffix (gtk_string_list_get_string (GTK_STRING_LIST (plans),
                                                               SSA_BILLING_QUARTERLY), " %)"));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (plans), SSA_BILLING_MONTHLY), ==,
                   "Monthly (Auto-SSA)");
  adw_combo_row_set_selected (billing, SSA_BILLING_QUARTERLY);
  spin (100);
  g_assert_true (adw_combo_row_get_use_subtitle (billing));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (billing)), ==,
                   gtk_string_list_get_string (GTK_STRING_LIST (plans), SSA_BILLING_QUARTERLY));

  /* A discount is taken off with a minus sign, in the builder as on the PDF. */
  offer = ssa_offer_builder_get_offer (builder);
  g_assert_nonnull (offer);
  g_assert_cmpint (offer->totals.billing_discount, >, 0);
  expected = ssa_money_format (-offer->totals.billing_discount, offer->currency,
                               ssa_lang_from_locale ());
  g_assert_cmpstr (action_row_value (GTK_WIDGET (builder), "Auto-SSA Discount"), ==, expected);
  g_assert_true (strstr (expected, "−") != NULL || strstr (expected, "-") != NULL);
  screenshot (GTK_WIDGET (builder), "offer-terms-discount");

  /* Hardware (and third-party software) is not covered: a dash where a covered line has
   * its date. */
  collect_widgets (inventory, GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);
      const char *tooltip = gtk_widget_get_tooltip_text (label);
      const char *text = gtk_label_get_label (GTK_LABEL (label));

      /* The tag beside the product's name of a line the SSA does not cover. */
      if (gtk_widget_has_css_class (label, "tag") &&
          (g_strcmp0 (text, "Not covered") == 0 || g_strcmp0 (text, "Third party") == 0))
        not_covered++;
      if (g_strcmp0 (tooltip, "Not covered by the SSA") == 0)
        {
          g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "—");
          dashes++;
        }
    }
  g_assert_cmpuint (not_covered, >, 0);
  g_assert_cmpuint (dashes, ==, not_covered);

  /* A cloud service: refused in words, without the field's name or its code. */
  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "innovaphone Cloud (SaaS), Oslo");
  spin (200);
  g_assert_null (ssa_offer_builder_get_offer (builder));
  g_assert_cmpstr (ssa_offer_builder_get_error_text (builder), ==,
                   "A cloud service (SaaS) has the SSA included in its rent: no SSA offer is "
                   "made for it.");
}

typedef struct
{
  GtkEditable *row;
  const char  *text;
} RowWait;

static gboolean
row_reads (gpointer data)
{
  RowWait *wait = data;

  return g_strcmp0 (gtk_editable_get_text (wait->row), wait->text) == 0;
}

static void
test_preferences_rate (Fixture *f)
{
  SsaOfferBuilder *builder = SSA_OFFER_BUILDER (ssa_window_get_offer_builder (f->window));
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ssadesk.SsaDesk");
  g_autofree char *effective = ssa_gui_format_decimal (125000);
  SsaPreferences *preferences;
  GtkEditable *builder_rate;
  GtkEditable *preferences_rate;
  RowWait wait;

  /* With no rate in the profile, the builder takes the default rate... */
  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Kontor Trondheim");
  g_assert_true (wait_for (builder_has_offer, builder));
  builder_rate = find_entry_row (GTK_WIDGET (builder), "Hourly Rate");
  g_assert_cmpstr (gtk_editable_get_text (builder_rate), ==, effective);

  /* ...and Preferences shows that rate, not an empty field. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  g_assert_true (wait_for (preferences_loaded, NULL));
  preferences = find_preferences ();
  preferences_rate = find_entry_row (GTK_WIDGET (preferences), "Hourly Labour Rate");
  g_assert_cmpstr (gtk_editable_get_text (preferences_rate), ==, effective);

  /* Emptied there: no default rate, in the builder either. */
  gtk_editable_set_text (preferences_rate, "");
  wait = (RowWait) { builder_rate, "" };
  g_assert_true (wait_for (row_reads, &wait));
  gtk_window_close (GTK_WINDOW (preferences));
  g_settings_reset (settings, "default-labour-rate");
}

static void
test_about_icon (Fixture *f)
{
  GtkWidget *about;
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (f->window));
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (display);
  const char *icon;

  /* Run from the build folder, nothing installed: the icon comes from the resources. */
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  about = wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW);
  icon = adw_about_window_get_application_icon (ADW_ABOUT_WINDOW (about));
  g_assert_nonnull (icon);
  g_assert_true (gtk_icon_theme_has_icon (theme, icon));
  screenshot (about, "about");
  gtk_window_close (GTK_WINDOW (about));
}

static void
collect_overlay_accels (GtkWidget  *widget,
                        GHashTable *listed)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) accels = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      accels = g_strsplit (accelerator != NULL ? accelerator : "", " ", -1);
      for (guint i = 0; accels[i] != NULL; i++)
        {
          guint keyval;
          GdkModifierType modifiers;

          if (gtk_accelerator_parse (accels[i], &keyval, &modifiers))
            g_hash_table_add (listed, gtk_accelerator_name (keyval, modifiers));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_overlay_accels (child, listed);
}

/* Every key the window itself binds is in the shortcuts window. */
static void
test_shortcuts_complete (Fixture *f)
{
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (GTK_APPLICATION (f->app));
  GtkWidget *overlay;
  guint checked = 0;

  g_action_group_activate_action (G_ACTION_GROUP (f->app), "shortcuts", NULL);
  g_assert_true (wait_for (shortcuts_shown, NULL));
  overlay = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (overlay);
  collect_overlay_accels (overlay, listed);
  g_assert_cmpuint (g_hash_table_size (listed), >, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *name = NULL;

          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          /* SSA Desk's own keys: actions of the window or the application, and the
           * offer's keys (callbacks); not GtkWindow's (Space, Enter, the inspector…). */
          if (!GTK_IS_KEYVAL_TRIGGER (trigger) ||
              !(GTK_IS_CALLBACK_ACTION (action) ||
                (GTK_IS_NAMED_ACTION (action) &&
                 (g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                                    "win.") ||
                  g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                                    "app.")))))
            continue;
          name = gtk_accelerator_name (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                       gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          if (g_test_verbose ())
            g_printerr ("# window key %s\n", name);
          g_assert_true (g_hash_table_contains (listed, name));
          checked++;
        }
    }
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (f->app),
                                                                    actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint keyval;
          GdkModifierType modifiers;
          g_autofree char *name = NULL;

          g_assert_true (gtk_accelerator_parse (accels[j], &keyval, &modifiers));
          name = gtk_accelerator_name (keyval, modifiers);
          g_assert_true (g_hash_table_contains (listed, name));
          checked++;
        }
    }
  g_assert_cmpuint (checked, >=, 10);
  gtk_window_close (GTK_WINDOW (overlay));
}

/* An SVG logo becomes the PNG the documents draw: the printed offer and the workbook both
 * carry it. */
  static const char svg[] =
    "<svg xmlns='http://www.w3.org/2000/svg' width='300' height='100' viewBox='0 0 300 100'>"
    "<rect x='0' y='0' width='300' height='100' fill='#1f4e79'/>"
    "<circle cx='50' cy='50' r='40' fill='#ffcc00'/></svg>";

/* The SVG logo as the PNG the documents draw. */
static GBytes *
svg_logo_png (void)
{
  g_autoptr(GBytes) svg_bytes = g_bytes_new_static (svg, sizeof svg - 1);
  g_autoptr(GError) error = NULL;
  GBytes *png;

  png = ssa_gui_logo_to_png (svg_bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (png);
  return png;
}

static void
test_svg_logo (void)
{
  g_autoptr(GBytes) png = svg_logo_png ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GInputStream) stream = NULL;

  g_assert_cmpmem (g_bytes_get_data (png, NULL), 4, "\211PNG", 4);
  stream = g_memory_input_stream_new_from_bytes (png);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 208);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 624);
}

/* A PNG stays as it is; what is neither is refused in words. */
static void
test_svg_logo_png_or_refused (void)
{
  g_autoptr(GBytes) png = svg_logo_png ();
  g_autoptr(GBytes) text_bytes = g_bytes_new_static ("not a picture", 13);
  g_autoptr(GBytes) same = NULL;
  g_autoptr(GError) error = NULL;

  same = ssa_gui_logo_to_png (png, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (same, png));
  g_assert_null (ssa_gui_logo_to_png (text_bytes, &error));
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_svg_logo_documents (void)
{
  g_autoptr(GBytes) png = svg_logo_png ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) price_list = ssa_samples_load_price_list (&error);
  g_autoptr(SsaInventory) inventory = ssa_samples_load_installation ("lapsed.json", &error);
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(SsaDocumentInfo) info = ssa_document_info_new_sample ();
  g_autofree char *dir = g_dir_make_tmp ("ssa-svg-logo-XXXXXX", &error);
  g_autofree char *pdf = NULL;
  g_autofree char *xlsx = NULL;
  g_autofree char *list = NULL;
  g_autofree char *unzip_out = NULL;
  g_autofree char *pdfimages = g_find_program_in_path ("pdfimages");
  SsaOfferRequest request;
  int status = 0;

  g_assert_no_error (error);
  ssa_offer_request_init (&request);
  g_date_clear (&request.today, 1);
  g_date_set_dmy (&request.today, 28, 11, 2026);
  offer = ssa_offer_compute (price_list, inventory, &request, &error);
  g_assert_no_error (error);
  info->reseller.logo_png = g_bytes_ref (png);
  pdf = g_build_filename (dir, "logo.pdf", NULL);
  xlsx = g_build_filename (dir, "logo.xlsx", NULL);
  g_assert_true (ssa_offer_pdf_write (offer, inventory, info, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (ssa_offer_xlsx_write (offer, inventory, info, xlsx, &error));
  g_assert_no_error (error);

  if (pdfimages != NULL)
    {
      const char *argv[] = { "pdfimages", "-list", pdf, NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &list, NULL, &status, &error));
      g_assert_no_error (error);
      /* Two header lines, then the logo (and its soft mask). */
      g_assert_true (strstr (list, "image") != NULL);
    }
  {
    const char *argv[] = { "/usr/bin/python3", "-c",
                           "import sys, zipfile; "
                           "print([n for n in zipfile.ZipFile(sys.argv[1]).namelist() "
                           "if n.startswith('xl/media/')])", xlsx, NULL };

    if (g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE))
      {
        g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &unzip_out,
                                     NULL, &status, &error));
        g_assert_no_error (error);
        g_assert_nonnull (strstr (unzip_out, "xl/media/image1.png"));
      }
  }
  test_remove_tree (dir);
}

/* "Import Licence File…": a file for another device is refused in words with nothing
 * stored; a good file is previewed (Cancel stores nothing), then stored on Import, read back
 * from the database, and the window's licences follow. */

static gint64
stored_code_quantity (Fixture    *f,
                      gint64      id,
                      const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  g_autoptr(SsaInventory) stored = NULL;
  gint64 sum = 0;

  g_assert_no_error (error);
  stored = ssa_db_load_inventory (db, id, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stored->lines->len; i++)
    if (g_str_equal (g_array_index (stored->lines, SsaInventoryLine, i).code, code))
      sum += g_array_index (stored->lines, SsaInventoryLine, i).quantity;
  return sum;
}

static void
test_import_licence_file (Fixture *f)
{
  SsaInstallation *installation;
  SsaInstallationView *view;
  g_autofree char *good_path = g_test_build_filename (G_TEST_DIST, "licences", "bergen.xml",
                                                      NULL);
  g_autofree char *foreign_path = g_test_build_filename (G_TEST_DIST, "licences",
                                                         "foreign-device.xml", NULL);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autoptr(GFile) foreign = g_file_new_for_path (foreign_path);
  GListModel *licences;
  gboolean has_mobility = FALSE;
  guint main_thread_before;
  gint64 id;

  installation = SSA_INSTALLATION (click_sidebar_row (f->window, SSA_TYPE_INSTALLATION,
                                                      "Hovedkontor Bergen"));
  id = ssa_installation_get_id (installation);
  view = SSA_INSTALLATION_VIEW (gtk_widget_get_ancestor (
    GTK_WIDGET (ssa_window_get_inventory_view (f->window)), SSA_TYPE_INSTALLATION_VIEW));
  g_assert_nonnull (view);
  g_assert_cmpint (stored_code_quantity (f, id, "02-00039-002"), ==, 20);

  /* The file and the preview's data are read in a worker, and the import is stored (and the
   * installation read again) in the repository's write queue: no statement on the main
   * thread. */
  main_thread_before = ssa_db_get_main_thread_statements ();
  ssa_installation_view_import_licence_file (view, foreign);
  answer_dialog ("00-90-33-99-88-77", "close", NULL);
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  g_assert_cmpint (stored_code_quantity (f, id, "02-00039-002"), ==, 20);

  main_thread_before = ssa_db_get_main_thread_statements ();
  ssa_installation_view_import_licence_file (view, good);
  answer_dialog ("1 added, 2 removed, 2 changed", "cancel", "licence-import-preview");
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  g_assert_cmpint (stored_code_quantity (f, id, "02-00039-002"), ==, 20);
  g_assert_cmpint (stored_code_quantity (f, id, "02-00039-101"), ==, 5);

  main_thread_before = ssa_db_get_main_thread_statements ();
  ssa_installation_view_import_licence_file (view, good);
  answer_dialog ("1 added, 2 removed, 2 changed", "import", NULL);
  wait_written (f->window);
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  g_assert_cmpint (stored_code_quantity (f, id, "02-00039-002"), ==, 22);
  g_assert_cmpint (stored_code_quantity (f, id, "02-00039-101"), ==, 0);
  g_assert_cmpint (stored_code_quantity (f, id, "02-00039-301"), ==, 4);
  g_assert_cmpint (stored_code_quantity (f, id, "90-00000-011"), ==, 4);

  licences = ssa_installation_get_licences (installation);
  for (guint i = 0; i < g_list_model_get_n_items (licences); i++)
    {
      g_autoptr(SsaLicence) licence = g_list_model_get_item (licences, i);

      has_mobility = has_mobility || g_str_equal (ssa_licence_get_code (licence), "02-00039-301");
    }
  g_assert_true (has_mobility);
}

/* "Read from PBX…" against a real HTTPS server with Digest auth: the address and login
 * typed, the unknown certificate shown by its fingerprint and trusted, the reading
 * previewed and stored, read back from the database; the header then shows used against
 * owned and the rental time left. */

static char *
pbx_password_cb (SoupAuthDomain    *domain,
                 SoupServerMessage *msg,
                 const char        *username,
                 gpointer           user_data)
{
  return g_strcmp0 (username, "admin") == 0
         ? soup_auth_domain_digest_encode_password ("admin", "innovaphone", "pbx-secret")
         : NULL;
}

static void
pbx_login_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  const char *body = user_data;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/xml", SOUP_MEMORY_COPY, body, strlen (body));
}

static GtkLabel *
find_usage_label (SsaInstallationView *view)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (view), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (g_ptr_array_index (labels, i)), "PBX read") != NULL)
      return g_ptr_array_index (labels, i);
  return NULL;
}

typedef struct
{
  SsaInstallationView *view;
  const char          *text;
} UsageWait;

/* The usage line is read in a worker: whether it shows @text yet. */
static gboolean
usage_shows (gpointer data)
{
  UsageWait *wait = data;
  GtkLabel *usage = find_usage_label (wait->view);

  return usage != NULL && gtk_widget_get_visible (GTK_WIDGET (usage)) &&
         strstr (gtk_label_get_label (usage), wait->text) != NULL;
}

static gboolean
dialog_says (gpointer data)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  return dialog != NULL && strstr (adw_message_dialog_get_heading (dialog), data) != NULL;
}

static void
test_read_pbx (Fixture *f)
{
  g_autofree char *body_path = g_test_build_filename (G_TEST_DIST, "pbx",
                                                      "mod_cmd_login-13r3.xml", NULL);
  g_autofree char *body = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SoupAuthDomain) domain = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;
  SsaInstallation *installation;
  SsaInstallationView *view;
  AdwMessageDialog *dialog;
  GSList *uris;
  guint main_thread_before;

  g_file_get_contents (body_path, &body, NULL, &error);
  g_assert_no_error (error);
  certificate = g_tls_certificate_new_from_pem (test_self_signed_pem, -1, &error);
  g_assert_no_error (error);
  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_listen (server, address, SOUP_SERVER_LISTEN_HTTPS, &error);
  g_assert_no_error (error);
  domain = soup_auth_domain_digest_new ("realm", "innovaphone", NULL);
  soup_auth_domain_digest_set_auth_callback (domain, pbx_password_cb, NULL, NULL);
  soup_auth_domain_add_path (domain, "/");
  soup_server_add_auth_domain (server, domain);
  soup_server_add_handler (server, "/PBX0/ADMIN/mod_cmd_login.xml", pbx_login_cb, body, NULL);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  installation = SSA_INSTALLATION (click_sidebar_row (f->window, SSA_TYPE_INSTALLATION,
                                                      "Hovedkontor Bergen"));
  view = SSA_INSTALLATION_VIEW (gtk_widget_get_ancestor (
    GTK_WIDGET (ssa_window_get_inventory_view (f->window)), SSA_TYPE_INSTALLATION_VIEW));
  /* The dialog reads its settings and the preview's data in workers, and stores the
   * address and the reading (reading the installation again) in the repository's write
   * queue: no statement on the main thread. */
  main_thread_before = ssa_db_get_main_thread_statements ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "installation.read-pbx", NULL));

  g_assert_true (wait_for (dialog_says, (gpointer) "Read from PBX"));
  dialog = find_message_dialog ();
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Admin Address (https://…)"), url);
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Admin User"), "admin");
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW,
                                                 "Password")), "pbx-secret");
  adw_message_dialog_response (dialog, "read");
  gtk_window_close (GTK_WINDOW (dialog));

  /* First contact: the certificate is shown by its fingerprint, and trusted. */
  g_assert_true (wait_for (dialog_says, (gpointer) "Trust"));
  answer_dialog ("SHA-256", "trust", NULL);

  g_assert_true (wait_for (dialog_says, (gpointer) "Store the PBX Reading"));
  answer_dialog ("over-use", "store", "pbx-reading-preview");
  wait_written (f->window);
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);

  db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  reading = ssa_db_load_pbx_reading (db, ssa_installation_get_id (installation), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reading);
  g_assert_cmpuint (reading->licences->len, ==, 4);
  g_assert_cmpint (reading->rental_seconds, ==, 5184000);
  g_assert_nonnull (reading->fingerprint);
  g_assert_cmpint (ssa_installation_get_deployment (installation), ==, SSA_DEPLOYMENT_RENTAL);

  {
    UsageWait wait = { view, "Rental: 60 days left" };

    /* The usage line is read in a worker. */
    g_assert_true (wait_for (usage_shows, &wait));
  }
  soup_server_disconnect (server);
}

/* The used-against-owned line follows what is stored while the installation is shown: a PBX
 * reading stored (and the installation read again, as the dialog and the import do) shows
 * it, a licence file imported then changes the owned count, all without reselecting. The
 * offer builder then offers the missing licences as a true-up. */

static gboolean
true_up_offered (gpointer data)
{
  AdwActionRow *row = data;
  const char *subtitle = adw_action_row_get_subtitle (row);

  return gtk_widget_get_visible (GTK_WIDGET (row)) && subtitle != NULL &&
         strstr (subtitle, "2 × PBX-Mobility14") != NULL;
}

/* Scrolls the builder's lines to their end, where the true-up's group is. */
static void
scroll_lines_to_end (SsaOfferBuilder *builder)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GtkWidget *scroller;
  GtkAdjustment *adjustment;

  collect_widgets (GTK_WIDGET (builder), GTK_TYPE_LIST_VIEW, views);
  g_assert_cmpuint (views->len, ==, 1);
  scroller = gtk_widget_get_ancestor (g_ptr_array_index (views, 0), GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static gboolean
label_gone (gpointer data)
{
  return !label_shown (data);
}

static void
test_usage_refresh (Fixture *f)
{
  g_autofree char *body_path = g_test_build_filename (G_TEST_DIST, "pbx",
                                                      "mod_cmd_login-13r3.xml", NULL);
  g_autofree char *good_path = g_test_build_filename (G_TEST_DIST, "licences", "bergen.xml",
                                                      NULL);
  g_autoptr(GFile) good = g_file_new_for_path (good_path);
  g_autofree char *body = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;
  SsaRepository *repository = ssa_window_get_repository (f->window);
  SsaInstallation *installation;
  SsaInstallationView *view;
  GtkLabel *usage;

  installation = SSA_INSTALLATION (click_sidebar_row (f->window, SSA_TYPE_INSTALLATION,
                                                      "Hovedkontor Bergen"));
  view = SSA_INSTALLATION_VIEW (gtk_widget_get_ancestor (
    GTK_WIDGET (ssa_window_get_inventory_view (f->window)), SSA_TYPE_INSTALLATION_VIEW));
  g_assert_nonnull (view);
  usage = find_usage_label (view);
  g_assert_true (usage == NULL || !gtk_widget_get_visible (GTK_WIDGET (usage)));

  g_file_get_contents (body_path, &body, NULL, &error);
  g_assert_no_error (error);
  reading = ssa_pbx_reading_new_from_data (body, strlen (body), body_path, &error);
  g_assert_no_error (error);
  /* A PBX of version 14, whose Port licences are the price list's PBX-Port14. */
  g_free (reading->firmware);
  reading->firmware = g_strdup ("14r1 sr2");
  /* Owned, not rented: an appliance, which gets SSA offers. */
  reading->rental_seconds = -1;
  g_assert_true (ssa_db_store_pbx_reading (ssa_repository_get_db (repository),
                                           ssa_installation_get_id (installation), reading,
                                           &error));
  g_assert_no_error (error);
  g_assert_true (ssa_repository_refresh_installation (repository, installation, &error));
  g_assert_no_error (error);

  /* Shown as soon as it is read, with the installation still selected. */
  g_assert_true (ssa_installation_view_get_installation (view) == installation);
  {
    UsageWait wait = { view, "17 used of 20 owned (3 unused)" };

    g_assert_true (wait_for (usage_shows, &wait));
  }
  usage = find_usage_label (view);
  g_assert_nonnull (usage);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (usage)));
  g_assert_nonnull (strstr (gtk_label_get_label (usage), "17 used of 20 owned (3 unused)"));
  before = g_strdup (gtk_label_get_label (usage));

  /* The licence file makes 22 ports: the line says so as soon as the import is stored. */
  ssa_installation_view_import_licence_file (view, good);
  answer_dialog ("1 added, 2 removed, 2 changed", "import", NULL);
  wait_written (f->window);
  g_assert_cmpint (stored_code_quantity (f, ssa_installation_get_id (installation),
                                         "02-00039-002"), ==, 22);
  g_assert_true (ssa_installation_view_get_installation (view) == installation);
  {
    UsageWait wait = { view, "17 used of 22 owned (5 unused)" };

    g_assert_true (wait_for (usage_shows, &wait));
  }
  g_assert_cmpstr (gtk_label_get_label (usage), !=, before);
  g_assert_nonnull (strstr (gtk_label_get_label (usage), "17 used of 22 owned (5 unused)"));

  /* The builder offers the missing licences (6 Mobility used, 4 owned), off by default;
   * switched on, the offer has a true-up group with the 2 missing at the list price. The
   * builder reads them in a worker: none of its statements runs on the main thread. */
  {
    SsaOfferBuilder *builder = SSA_OFFER_BUILDER (ssa_window_get_offer_builder (f->window));
    AdwActionRow *row = ADW_ACTION_ROW (find_row (GTK_WIDGET (builder), ADW_TYPE_ACTION_ROW,
                                                  "Include Missing Licences"));
    guint main_thread_before = ssa_db_get_main_thread_statements ();
    GtkSwitch *toggle;
    const SsaOffer *offer;
    const SsaOfferLine *licence = NULL;
    gint64 licences = 0;

    g_assert_nonnull (row);
    g_assert_true (wait_for (true_up_offered, row));
    g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
    toggle = GTK_SWITCH (adw_action_row_get_activatable_widget (row));
    g_assert_false (gtk_switch_get_active (toggle));
    g_assert_nonnull (ssa_offer_builder_get_offer (builder));
    g_assert_false (ssa_offer_has_true_up (ssa_offer_builder_get_offer (builder)));

    gtk_switch_set_active (toggle, TRUE);
    offer = ssa_offer_builder_get_offer (builder);
    g_assert_nonnull (offer);
    g_assert_true (ssa_offer_has_true_up (offer));
    /* The import took the voicemail away: its 5 used are missing too. */
    for (guint i = 0; i < offer->lines->len; i++)
      {
        const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);

        if (line->segment != SSA_SEGMENT_LICENCE)
          continue;
        licences += line->amount;
        if (g_str_equal (line->code, "02-00039-301"))
          licence = line;
      }
    g_assert_nonnull (licence);
    g_assert_cmpstr (licence->code, ==, "02-00039-301");
    g_assert_cmpint (licence->quantity, ==, 2);
    g_assert_cmpint (licence->amount, ==, 2 * licence->unit_price);
    g_assert_cmpint (offer->totals.licences, ==, licences);

    /* The builder's own list shows the group under its heading, with its subtotal, as the
     * documents do; switched off, the heading is gone. */
    {
      g_autofree char *subtotal = ssa_page_format_money (
        offer->group_totals[SSA_LINE_GROUP_TRUE_UP], offer->currency);
      GtkWidget *heading;

      scroll_lines_to_end (builder);
      heading = wait_for_label (GTK_WIDGET (builder), "Missing licences (true-up)");
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (heading)), ==,
                       "Missing licences (true-up)");
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_next_sibling (heading))),
                       ==, subtotal);
      g_assert_cmpint (offer->group_totals[SSA_LINE_GROUP_TRUE_UP], >=, licences);
      /* The builder's pane scrolled to the heading, for the picture. */
      {
        GtkWidget *lines = gtk_widget_get_ancestor (heading, GTK_TYPE_SCROLLED_WINDOW);
        GtkWidget *pane = gtk_widget_get_ancestor (gtk_widget_get_parent (lines),
                                                   GTK_TYPE_SCROLLED_WINDOW);
        graphene_point_t point;

        g_assert_nonnull (pane);
        g_assert_true (gtk_widget_compute_point (lines, gtk_scrolled_window_get_child (
                                                   GTK_SCROLLED_WINDOW (pane)),
                                                 &GRAPHENE_POINT_INIT (0, 0), &point));
        gtk_adjustment_set_value (
          gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (pane)), point.y - 120);
        scroll_lines_to_end (builder);
        wait_for_frame (GTK_WIDGET (builder));
        scroll_lines_to_end (builder);
        screenshot (GTK_WIDGET (f->window), "offer-true-up");
      }

      gtk_switch_set_active (toggle, FALSE);
      g_assert_false (ssa_offer_has_true_up (ssa_offer_builder_get_offer (builder)));
      scroll_lines_to_end (builder);
      g_assert_true (wait_for (label_gone, &(LabelWait) { GTK_WIDGET (builder),
                                                           "Missing licences (true-up)",
                                                           NULL }));
    }
  }
}

/* "Licence Types…": a type added to the user's table is stored, a refused one says why in
 * the dialog, and removing it takes it out of the database again. */

static guint
stored_mappings (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  g_autoptr(GArray) rows = NULL;

  g_assert_no_error (error);
  rows = ssa_db_list_licence_type_map (db, &error);
  g_assert_no_error (error);
  return rows->len;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_widgets (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      const char *text = gtk_button_get_label (g_ptr_array_index (buttons, i));
      const char *tooltip = gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i));

      if (g_strcmp0 (text, label) == 0 || g_strcmp0 (tooltip, label) == 0)
        return g_ptr_array_index (buttons, i);
    }
  g_error ("no button “%s”", label);
  return NULL;
}

typedef struct
{
  GtkWidget  *dialog;
  const char *title;
  gboolean    listed;
} TypeListed;

/* The dialog lists @title (or no longer does, for !listed). */
static gboolean
type_listed (gpointer data)
{
  TypeListed *wait = data;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gboolean found = FALSE;

  collect_widgets (wait->dialog, ADW_TYPE_ACTION_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    found = found || g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)),
                                wait->title) == 0;
  return found == wait->listed;
}

static void
test_licence_types (Fixture *f)
{
  SsaInstallationView *view;
  AdwMessageDialog *dialog;
  TypeListed wait = { NULL, "PBX-Reporting13", TRUE };
  guint main_thread_before;

  /* The list is read in a worker, and a type added or removed is written in the
   * repository's write queue: no statement on the main thread. */
  main_thread_before = ssa_db_get_main_thread_statements ();
  click_sidebar_row (f->window, SSA_TYPE_INSTALLATION, "Hovedkontor Bergen");
  view = SSA_INSTALLATION_VIEW (gtk_widget_get_ancestor (
    GTK_WIDGET (ssa_window_get_inventory_view (f->window)), SSA_TYPE_INSTALLATION_VIEW));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "installation.licence-types",
                                             NULL));
  g_assert_true (wait_for (dialog_says, (gpointer) "Licence Types"));
  dialog = find_message_dialog ();

  /* A type the price list knows: refused in the dialog, nothing stored. */
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Licence Type"), "PBX-Port14");
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Article Number"), "02-00040-002");
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Add"), "clicked");
  wait_written (f->window);
  spin (50);
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  g_assert_cmpuint (stored_mappings (f), ==, 0);

  main_thread_before = ssa_db_get_main_thread_statements ();
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Licence Type"), "PBX-Reporting13");
  gtk_editable_set_text (find_entry_row (GTK_WIDGET (dialog), "Article Number"), "02-00040-002");
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Add"), "clicked");
  wait_written (f->window);
  wait.dialog = GTK_WIDGET (dialog);
  g_assert_true (wait_for (type_listed, &wait));
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  g_assert_cmpuint (stored_mappings (f), ==, 1);
  find_row (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "PBX-Reporting13");
  screenshot (GTK_WIDGET (dialog), "licence-types");

  main_thread_before = ssa_db_get_main_thread_statements ();
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "Remove PBX-Reporting13"), "clicked");
  wait_written (f->window);
  wait.listed = FALSE;
  g_assert_true (wait_for (type_listed, &wait));
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  g_assert_cmpuint (stored_mappings (f), ==, 0);
  adw_message_dialog_response (dialog, "close");
  gtk_window_close (GTK_WINDOW (dialog));
}

#define ADD_TEST(path, samples, body) \
  G_STMT_START { \
    static const TestCase test_case = { samples, body }; \
    g_test_add (path, Fixture, &test_case, setup, run_test, teardown); \
  } G_STMT_END

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  /* The catalogues built in the build tree: the Bokmål run (LANGUAGE=nb) reads them. */
  if (g_getenv ("SSA_DESK_LOCALEDIR") != NULL)
    {
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SSA_DESK_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  g_test_init (&argc, &argv, NULL);
  test_print_stack_on_crash ();

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the window tests\n");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/window/svg-logo", test_svg_logo);
  g_test_add_func ("/window/svg-logo/png-or-refused", test_svg_logo_png_or_refused);
  g_test_add_func ("/window/svg-logo/documents", test_svg_logo_documents);
  ADD_TEST ("/window/first-run", FALSE, test_first_run);
  ADD_TEST ("/window/sidebar-filter", TRUE, test_sidebar_filter);
  ADD_TEST ("/window/sidebar-keeps-selection", TRUE, test_sidebar_keeps_selection);
  ADD_TEST ("/window/quantity-and-total", TRUE, test_quantity_and_total);
  ADD_TEST ("/window/quantity-and-total/out-of-range", TRUE, test_quantity_out_of_range);
  ADD_TEST ("/window/quantity-and-total/discount", TRUE, test_quantity_discount);
  ADD_TEST ("/window/co-term-default", TRUE, test_co_term_default);
  ADD_TEST ("/window/builder-alternatives", TRUE, test_builder_alternatives);
  ADD_TEST ("/window/save-offer", TRUE, test_save_offer);
  ADD_TEST ("/window/save-offer/register", TRUE, test_save_offer_register);
  ADD_TEST ("/window/save-offer/reopen", TRUE, test_save_offer_reopen);
  ADD_TEST ("/window/terms-per-installation", TRUE, test_terms_per_installation);
  ADD_TEST ("/window/product-picker", TRUE, test_product_picker);
  ADD_TEST ("/window/customer-editor", TRUE, test_customer_editor);
  ADD_TEST ("/window/delete-undo", TRUE, test_delete_undo);
  ADD_TEST ("/window/undo-toast-button", TRUE, test_undo_toast_button);
  ADD_TEST ("/window/undo-history", TRUE, test_undo_history);
  ADD_TEST ("/window/licence-line-undo", TRUE, test_licence_line_undo);
  ADD_TEST ("/window/views", TRUE, test_views);
  ADD_TEST ("/window/layout", TRUE, test_layout);
  ADD_TEST ("/window/start-focus", TRUE, test_start_focus);
  ADD_TEST ("/window/offer-toggle", TRUE, test_offer_toggle);
  ADD_TEST ("/window/preferences", TRUE, test_preferences);
  ADD_TEST ("/window/shortcuts", TRUE, test_shortcuts_window);
  ADD_TEST ("/window/dialog-keyboard", TRUE, test_dialog_keyboard);
  ADD_TEST ("/window/editor-refused-save", TRUE, test_editor_refused_save);
  ADD_TEST ("/window/search-shortcut", TRUE, test_search_shortcut);
  ADD_TEST ("/window/toasts-never-return", TRUE, test_toasts_never_return);
  ADD_TEST ("/window/long-message", TRUE, test_long_message);
  ADD_TEST ("/window/documents-folder", TRUE, test_documents_folder);
  ADD_TEST ("/window/offer-terms-display", TRUE, test_offer_terms_display);
  ADD_TEST ("/window/preferences-rate", TRUE, test_preferences_rate);
  ADD_TEST ("/window/about-icon", TRUE, test_about_icon);
  ADD_TEST ("/window/shortcuts-complete", TRUE, test_shortcuts_complete);
  ADD_TEST ("/window/backups", TRUE, test_backups);
  ADD_TEST ("/window/check-hidden-window", TRUE, test_check_hidden_window);
  ADD_TEST ("/window/import-licence-file", TRUE, test_import_licence_file);
  ADD_TEST ("/window/read-pbx", TRUE, test_read_pbx);
  ADD_TEST ("/window/usage-refresh", TRUE, test_usage_refresh);
  ADD_TEST ("/window/licence-types", TRUE, test_licence_types);
  {
    static const TestCase background_refresh = {
      TRUE, test_background_refresh, before_background_refresh
    };

    g_test_add ("/window/background-refresh", Fixture, &background_refresh, setup, run_test,
                teardown);
  }
  {
    static const TestCase read_only = { TRUE, test_read_only, before_read_only, TRUE };

    g_test_add ("/window/read-only", Fixture, &read_only, setup, run_test, teardown);
  }
  {
    static const TestCase damaged = { TRUE, test_damaged, before_damaged, FALSE };

    g_test_add ("/window/damaged", Fixture, &damaged, setup, run_test, teardown);
  }
  {
    static const TestCase unreadable = { TRUE, test_unreadable, before_unreadable, FALSE };

    g_test_add ("/window/damaged-unreadable", Fixture, &unreadable, setup, run_test, teardown);
  }
  {
    static const TestCase archive = { TRUE, test_archive, before_archive, FALSE };

    g_test_add ("/window/archive", Fixture, &archive, setup, run_test, teardown);
  }

  return g_test_run ();
}
