/* test-window-team.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <adwaita.h>
#include <gio/gunixinputstream.h>

#include "ssa-application.h"
#include "ssa-customer-editor.h"
#include "ssa-db-inventory.h"
#include "ssa-db-price-lists.h"
#include "ssa-price-list.h"
#include "ssa-db.h"
#include "ssa-installation-editor.h"
#include "ssa-preferences.h"
#include "ssa-repository.h"
#include "ssa-samples.h"
#include "ssa-sidebar.h"
#include "ssa-sidebar-row.h"
#include "ssa-sql.h"
#include "ssa-team-db.h"
#include "ssa-window.h"
#include "test-main-loop.h"
#include "test-pg-server.h"
#include "test-util.h"

/* The window on a team database: a real PostgreSQL server (tests/test-pg-server.h) and the
 * real application on the virtual display.
 *
 * - Preferences keep the address in GSettings and never a password: an address with one is
 *   refused in words; Connect tries the server in a worker with the password typed (in
 *   memory: PGPASSWORD is unset meanwhile) and says what the server answered.
 * - The window opened on the team database (use-team-database) lists the server's
 *   installations; a change another connection commits shows in the window's model within
 *   2 s (LISTEN/NOTIFY); the server stopped, the window keeps its lists read-only with the
 *   banner; started again, the banner goes and editing comes back.
 * - Two windows in two processes (this test and a second process of it, as another user)
 *   on one server: a customer saved in either shows in the other's sidebar within 2 s of
 *   its Save, and a save over the other's newer change is refused naming the other's
 *   user, with Reload and Overwrite, either way. */

static TestPgServer *server;
static char         *run_dir;
static guint         n_databases;

/* A new database on the server, with SSA Desk's schema when @init. */
static char *
new_database (gboolean init)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *admin = test_pg_server_uri (server, "postgres");
  g_autofree char *name = g_strdup_printf ("ssa_window_%u", ++n_databases);
  g_autofree char *create = g_strdup_printf ("CREATE DATABASE %s", name);
  g_autoptr(SsaSql) sql = ssa_sql_open (admin, &error);
  char *uri;

  g_assert_no_error (error);
  g_assert_true (ssa_sql_exec (sql, create, &error));
  g_assert_no_error (error);
  uri = test_pg_server_uri (server, name);
  if (init)
    {
      g_assert_true (ssa_team_db_init (uri, NULL, &error));
      g_assert_no_error (error);
    }
  return uri;
}

/* Stops or starts again the tests' server, for what the window does meanwhile. */
static void
pg_ctl (const char *what)
{
  g_autoptr(GError) error = NULL;
  gboolean done;

  if (g_str_equal (what, "stop"))
    done = test_pg_server_halt (server, &error);
  else
    done = test_pg_server_run (server, &error);
  g_assert_no_error (error);
  g_assert_true (done);
}

/* Widgets. */

static GtkWidget *
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GtkWidget *found = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (widget), type,
                                                                name));

  g_assert_nonnull (found);
  return found;
}

static gboolean
status_settled (gpointer data)
{
  GtkLabel *label = data;

  return gtk_widget_get_visible (GTK_WIDGET (label)) &&
         !g_str_equal (gtk_label_get_label (label), "Connecting…");
}

static void
click_connect (SsaPreferences *preferences)
{
  GtkLabel *status = GTK_LABEL (child (preferences, SSA_TYPE_PREFERENCES, "team_status"));

  gtk_label_set_label (status, "");
  gtk_widget_set_visible (GTK_WIDGET (status), FALSE);
  g_signal_emit_by_name (child (preferences, SSA_TYPE_PREFERENCES, "team_connect_button"),
                         "clicked");
  g_assert_true (wait_for (status_settled, status));
}

static void
assert_no_setting_holds (GSettings  *settings,
                         const char *secret)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_assert_null (strstr (text, secret));
    }
}

static void
test_preferences (void)
{
  g_autofree char *uri = new_database (TRUE);
  g_autofree char *empty = new_database (FALSE);
  g_autofree char *with_password =
    g_strdup_printf ("postgresql://" TEST_PG_USER ":" TEST_PG_PASSWORD "@127.0.0.1:%d/x",
                     server->port);
  g_autofree char *file = g_build_filename (run_dir, "prefs.db", NULL);
  GSettings *settings = ssa_application_get_settings (NULL);
  SsaPreferences *preferences;
  AdwEntryRow *uri_row;
  GtkLabel *message;
  GtkLabel *status;

  g_assert_nonnull (settings);
  g_settings_reset (settings, "team-database-uri");
  g_settings_reset (settings, "use-team-database");
  preferences = ssa_preferences_new (NULL, file);
  gtk_window_present (GTK_WINDOW (preferences));
  uri_row = ADW_ENTRY_ROW (child (preferences, SSA_TYPE_PREFERENCES, "team_uri_row"));
  message = GTK_LABEL (child (preferences, SSA_TYPE_PREFERENCES, "team_uri_message"));
  status = GTK_LABEL (child (preferences, SSA_TYPE_PREFERENCES, "team_status"));

  /* A password in the address is refused, in words, and not kept. */
  gtk_editable_set_text (GTK_EDITABLE (uri_row), with_password);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "password"));
  {
    g_autofree char *kept = g_settings_get_string (settings, "team-database-uri");

    g_assert_cmpstr (kept, ==, "");
  }
  assert_no_setting_holds (settings, TEST_PG_PASSWORD);

  /* Not a PostgreSQL address. */
  gtk_editable_set_text (GTK_EDITABLE (uri_row), "/home/me/ssa-desk.db");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "postgresql://"));

  /* A good one is kept. */
  gtk_editable_set_text (GTK_EDITABLE (uri_row), uri);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (message)));
  {
    g_autofree char *kept = g_settings_get_string (settings, "team-database-uri");

    g_assert_cmpstr (kept, ==, uri);
  }
  gtk_switch_set_active (GTK_SWITCH (child (preferences, SSA_TYPE_PREFERENCES, "team_switch")),
                         TRUE);
  g_assert_true (g_settings_get_boolean (settings, "use-team-database"));

  /* Without a password anywhere: the server's refusal, in words. */
  g_unsetenv ("PGPASSWORD");
  click_connect (preferences);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (status), "password"));

  /* The password typed reaches libpq in memory (PGPASSWORD is not set). */
  gtk_editable_set_text (GTK_EDITABLE (child (preferences, SSA_TYPE_PREFERENCES,
                                              "team_password_row")), TEST_PG_PASSWORD);
  click_connect (preferences);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (status), "Connected to"));
  assert_no_setting_holds (settings, TEST_PG_PASSWORD);

  /* A database without SSA Desk's tables: run db init. */
  gtk_editable_set_text (GTK_EDITABLE (uri_row), empty);
  click_connect (preferences);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (status), "db init"));

  /* A port nothing listens on. */
  {
    g_autofree char *nowhere = g_strdup_printf ("postgresql://" TEST_PG_USER
                                                "@127.0.0.1:%d/x?connect_timeout=3",
                                                test_pg_free_port ());

    gtk_editable_set_text (GTK_EDITABLE (uri_row), nowhere);
    click_connect (preferences);
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "error"));
    g_assert_nonnull (strstr (gtk_label_get_label (status), "Could not reach"));
  }

  gtk_window_destroy (GTK_WINDOW (preferences));
  ssa_team_db_set_password (uri, NULL);
  ssa_team_db_set_password (empty, NULL);
  g_setenv ("PGPASSWORD", TEST_PG_PASSWORD, TRUE);
  g_settings_reset (settings, "team-database-uri");
  g_settings_reset (settings, "use-team-database");
  spin (100);
}

/* The window. */

typedef struct _Fixture Fixture;
struct _Fixture
{
  SsaApplication *app;
  SsaWindow      *window;
  char           *uri;
  const char     *display_name;  /* who the window's writes record; NULL: the default */
  guint           n_samples;
  gboolean        started;
  void          (*body) (Fixture *f);
};

static gboolean
window_ready (gpointer data)
{
  Fixture *f = data;

  if (f->window == NULL)
    f->window = SSA_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  return f->window != NULL && ssa_window_get_ready (f->window) &&
         gtk_widget_get_mapped (GTK_WIDGET (f->window));
}

static gboolean
repository_idle (gpointer data)
{
  return !ssa_repository_is_writing (data);
}

typedef struct
{
  SsaInstallation *installation;
  const char      *name;
} NameWait;

static gboolean
named (gpointer data)
{
  NameWait *wait = data;

  return g_strcmp0 (ssa_installation_get_name (wait->installation), wait->name) == 0;
}

typedef struct
{
  SsaRepository *repository;
  gint64         id;
} FindWait;

static gboolean
customer_found (gpointer data)
{
  FindWait *wait = data;

  return ssa_repository_find_customer (wait->repository, wait->id) != NULL;
}

static void
save_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_labels (c, labels);
}

static GtkWidget *
find_label_containing (GtkWidget  *root,
                       const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (root, labels);
  for (guint i = 0; i < labels->len; i++)
    if (strstr (gtk_label_get_label (g_ptr_array_index (labels, i)), text) != NULL &&
        gtk_widget_is_visible (g_ptr_array_index (labels, i)))
      return g_ptr_array_index (labels, i);
  return NULL;
}

/* Runs the main loop until @condition holds, for @seconds at most. */
static gboolean
wait_within (TestCondition condition,
             gpointer      data,
             double        seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (seconds * G_USEC_PER_SEC);
  guint wake = g_timeout_add (10, test_wake_cb, NULL);
  gboolean met;

  while (!(met = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  return met;
}

static gboolean
price_list_is (gpointer data)
{
  Fixture *f = data;
  SsaPriceList *price_list = ssa_window_get_price_list (f->window);

  return price_list != NULL && g_strcmp0 (price_list->id, "team-2026-12") == 0;
}

static gboolean
offline_shown (gpointer data)
{
  Fixture *f = data;
  SsaRepository *repository = ssa_window_get_repository (f->window);
  GtkRevealer *revealer = GTK_REVEALER (child (f->window, SSA_TYPE_WINDOW, "db_banner_revealer"));

  return ssa_repository_get_read_only (repository) && gtk_revealer_get_reveal_child (revealer);
}

static gboolean
online_again (gpointer data)
{
  Fixture *f = data;
  SsaRepository *repository = ssa_window_get_repository (f->window);
  GtkRevealer *revealer = GTK_REVEALER (child (f->window, SSA_TYPE_WINDOW, "db_banner_revealer"));

  return !ssa_repository_get_read_only (repository) &&
         !gtk_revealer_get_reveal_child (revealer) && ssa_repository_get_loaded (repository) &&
         ssa_window_get_ready (f->window);
}

static void
window_body (Fixture *f)
{
  SsaRepository *repository = ssa_window_get_repository (f->window);
  GListModel *installations = ssa_repository_get_installations (repository);
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInstallation) first = NULL;
  g_autoptr(SsaDb) other = NULL;
  g_autoptr(SsaInstallation) copy = NULL;
  g_autoptr(SsaCustomer) customer = NULL;
  SsaInstallationEditor *editor;
  gint64 started;

  /* The window is on the server, with the server's installations. */
  g_assert_cmpstr (ssa_repository_get_path (repository), ==, f->uri);
  g_assert_cmpuint (g_list_model_get_n_items (installations), ==, f->n_samples);
  g_assert_false (ssa_repository_get_read_only (repository));
  spin (500);  /* the listener connects */

  /* Another client renames an installation: the same object shows the new name within
   * 2 s, so that a selection of it stays. */
  first = g_list_model_get_item (installations, 0);
  other = ssa_db_open (f->uri, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  copy = ssa_db_load_installation (other, ssa_installation_get_id (first), &error);
  g_assert_no_error (error);
  ssa_installation_set_name (copy, "Renamed by a colleague");
  started = g_get_monotonic_time ();
  g_assert_true (ssa_db_update_installation (other, copy, &error));
  g_assert_no_error (error);
  g_assert_true (wait_within (named, &(NameWait) { first, "Renamed by a colleague" }, 2.0));
  g_test_message ("a rename showed in the other window after %.0f ms",
                  (g_get_monotonic_time () - started) / 1000.0);
  g_assert_true (ssa_repository_find_installation (repository, ssa_installation_get_id (first))
                 == first);

  /* A new customer joins the list. */
  customer = ssa_customer_new ();
  ssa_customer_set_name (customer, "Kunde fra kollega AS");
  g_assert_true (ssa_db_insert_customer (other, customer, &error));
  g_assert_no_error (error);
  g_assert_true (wait_within (customer_found,
                              &(FindWait) { repository, ssa_customer_get_id (customer) }, 2.0));
  /* A colleague stores a new price list: it becomes the window's current one. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                   "sample-price-list.json", NULL);
    g_autofree char *text = NULL;
    g_autofree char *changed = NULL;
    g_autoptr(GString) edited = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &text, &length, &error));
    edited = g_string_new (text);
    g_assert_cmpuint (g_string_replace (edited, "\"sample-2026-11\"", "\"team-2026-12\"", 1),
                      ==, 1);
    g_assert_false (price_list_is (f));
    g_assert_true (ssa_db_store_price_list (other, edited->str, edited->len, "team.json", NULL,
                                            NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (wait_within (price_list_is, f, 2.0));
  }
  g_clear_pointer (&other, ssa_db_close);

  /* An editor open as the server stops. */
  editor = ssa_installation_editor_new (GTK_WINDOW (f->window), repository, first, 0);
  gtk_window_present (GTK_WINDOW (editor));
  spin (200);

  /* The server stops: the banner, read-only, and what was loaded stays. */
  pg_ctl ("stop");
  g_assert_true (wait_within (offline_shown, f, 10.0));
  g_assert_cmpuint (g_list_model_get_n_items (installations), ==, f->n_samples);
  {
    GtkLabel *label = GTK_LABEL (child (f->window, SSA_TYPE_WINDOW, "db_banner_label"));
    GtkWidget *retry = child (f->window, SSA_TYPE_WINDOW, "db_banner_retry");

    g_assert_nonnull (strstr (gtk_label_get_label (label), "cannot be reached"));
    g_assert_true (gtk_widget_get_visible (retry));
  }
  g_assert_false (gtk_widget_get_sensitive (child (f->window, SSA_TYPE_WINDOW,
                                                   "add_menu_button")));
  {
    /* A write asked meanwhile is refused, in words; nothing is lost in the model. */
    g_autoptr(SsaCustomer) refused = ssa_customer_new ();

    ssa_customer_set_name (refused, "Skal ikke lagres");
    g_assert_false (ssa_repository_add_customer (repository, refused, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  {
    /* The editor's save is refused with the reason; the editor stays with what was typed. */
    g_autoptr(GAsyncResult) result = NULL;
    GtkEditable *name = NULL;

    /* The first entry row of the editor is Name. */
    for (GtkWidget *w = GTK_WIDGET (editor); w != NULL; )
      {
        if (ADW_IS_ENTRY_ROW (w) &&
            g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), "Name") == 0)
          {
            name = GTK_EDITABLE (w);
            break;
          }
        /* depth-first walk */
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
              w = w == GTK_WIDGET (editor) ? NULL : gtk_widget_get_parent (w);
            if (w != NULL)
              w = w == GTK_WIDGET (editor) ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_nonnull (name);
    gtk_editable_set_text (name, "Typed while offline");
    ssa_installation_editor_save_async (editor, save_result_cb, &result);
    g_assert_true (wait_for (have_result, &result));
    g_assert_false (ssa_installation_editor_save_finish (editor, result, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
    g_assert_cmpstr (gtk_editable_get_text (name), ==, "Typed while offline");
    g_assert_nonnull (find_label_containing (GTK_WIDGET (editor), "Not saved:"));
    gtk_window_destroy (GTK_WINDOW (editor));
  }

  /* Started again: the banner goes, editing comes back (tries after 2, 4, 8 s). */
  pg_ctl ("start");
  g_assert_true (wait_within (online_again, f, 30.0));
  g_assert_true (gtk_widget_get_sensitive (child (f->window, SSA_TYPE_WINDOW, "add_menu_button")));
  repository = ssa_window_get_repository (f->window);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_repository_get_installations (repository)), ==,
                    f->n_samples);
  g_assert_true (wait_for (repository_idle, repository));
}

static gboolean
run_body_cb (gpointer data)
{
  Fixture *f = data;
  GList *windows;

  g_assert_true (wait_for (window_ready, f));
  spin (200);
  f->body (f);
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
  if (!f->started)
    g_idle_add (run_body_cb, f);
  f->started = TRUE;
}

static gboolean
app_released (gpointer data)
{
  return G_OBJECT (data)->ref_count == 1;
}

/* A new database on the server with the sample installations. */
static void
fill_database (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = ssa_samples_list_installations ();
  g_autoptr(GPtrArray) inventories =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_inventory_free);
  g_autofree gint64 *ids = NULL;
  g_autoptr(SsaDb) db = NULL;

  f->uri = new_database (TRUE);
  db = ssa_db_open (f->uri, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_ptr_array_add (inventories, ssa_samples_load_installation (names[i], &error));
      g_assert_no_error (error);
    }
  ids = g_new0 (gint64, inventories->len);
  g_assert_true (ssa_db_import_inventories (db, (SsaInventory **) inventories->pdata,
                                            (const char **) names, inventories->len, ids,
                                            &error));
  g_assert_no_error (error);
  f->n_samples = inventories->len;
}

/* Runs the application as the user set it in Preferences (SSA_DESK_DB would win), with
 * @body as the first thing once its window is ready. */
static void
run_app (Fixture *f)
{
  char *argv[] = { (char *) "ssa-desk", NULL };
  GSettings *settings;

  g_unsetenv ("SSA_DESK_DB");
  f->app = ssa_application_new ();
  g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
  settings = ssa_application_get_settings (f->app);
  g_settings_set_string (settings, "team-database-uri", f->uri);
  g_settings_set_boolean (settings, "use-team-database", TRUE);
  if (f->display_name != NULL)
    g_settings_set_string (settings, "display-name", f->display_name);
  g_signal_connect_after (f->app, "activate", G_CALLBACK (activated_cb), f);
  g_assert_cmpint (g_application_run (G_APPLICATION (f->app), 1, argv), ==, 0);
  g_assert_true (wait_for (app_released, f->app));
  g_settings_reset (settings, "team-database-uri");
  g_settings_reset (settings, "use-team-database");
  g_settings_reset (settings, "display-name");
  g_clear_object (&f->app);
  g_free (f->uri);
}

static void
test_window (void)
{
  Fixture fixture = { 0 };

  fill_database (&fixture);
  fixture.body = window_body;
  run_app (&fixture);
}

static gboolean
loaded_after_start (gpointer data)
{
  Fixture *f = data;
  SsaRepository *repository = ssa_window_get_repository (f->window);

  return ssa_repository_get_loaded (repository) && ssa_window_get_ready (f->window) &&
         g_list_model_get_n_items (ssa_repository_get_installations (repository)) ==
         f->n_samples;
}

static void
offline_start_body (Fixture *f)
{
  GtkStack *stack = GTK_STACK (child (f->window, SSA_TYPE_WINDOW, "main_stack"));

  /* No server: the page says why (and tries again by itself). */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_nonnull (find_label_containing (GTK_WIDGET (f->window), "Could not reach"));
  pg_ctl ("start");
  g_assert_true (wait_within (loaded_after_start, f, 30.0));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "main");
  g_assert_false (ssa_repository_get_read_only (ssa_window_get_repository (f->window)));
}

/* The window started while the server is down loads by itself once it is up. */
static void
test_offline_start (void)
{
  Fixture fixture = { 0 };

  fill_database (&fixture);
  pg_ctl ("stop");
  fixture.body = offline_start_body;
  run_app (&fixture);
}

/* Two windows, in two processes, on one server: this test (window A, as Kari) and a second
 * process of this same program (window B, as Ola), started with SSA_TEST_PEER_URI set.
 * The parent tells the peer what to do, a command a line on the peer's standard input; the
 * peer does it through its window's actions and widgets and answers a line on its
 * standard output: what its window shows, and times on the system's monotonic clock (the
 * same in both processes) of a Save clicked or a row shown, so that the parent measures
 * how long a change took from one window to the other, either way. The peer ends when
 * told, or when its input ends (the parent failed), and is killed when the parent dies. */

#define PARENT_NAME "Kari Nordmann"
#define PEER_NAME   "Ola Kollega"

/* Lines read from a stream as the main loop runs. */
typedef struct
{
  GDataInputStream *in;
  GQueue            lines;
  gboolean          eof;
} Lines;

static void
lines_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Lines *lines = user_data;
  g_autoptr(GError) error = NULL;
  char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                          NULL, &error);

  if (line == NULL)
    {
      if (error != NULL)
        g_printerr ("# reading the other process: %s\n", error->message);
      lines->eof = TRUE;
      return;
    }
  g_queue_push_tail (&lines->lines, line);
  g_data_input_stream_read_line_async (lines->in, G_PRIORITY_DEFAULT, NULL, lines_read_cb,
                                       lines);
}

static void
lines_init (Lines        *lines,
            GInputStream *stream)
{
  lines->in = g_data_input_stream_new (stream);
  g_queue_init (&lines->lines);
  lines->eof = FALSE;
  g_data_input_stream_read_line_async (lines->in, G_PRIORITY_DEFAULT, NULL, lines_read_cb,
                                       lines);
}

static gboolean
lines_ready (gpointer data)
{
  Lines *lines = data;

  return lines->eof || !g_queue_is_empty (&lines->lines);
}

static gboolean
lines_ended (gpointer data)
{
  return ((Lines *) data)->eof;
}

/* The next line, waiting for it for @seconds at most; NULL once the stream ended. */
static char *
lines_next (Lines  *lines,
            double  seconds)
{
  g_assert_true (wait_within (lines_ready, lines, seconds));
  return g_queue_pop_head (&lines->lines);
}

/* After the stream ended (no read is pending). */
static void
lines_clear (Lines *lines)
{
  g_assert_true (lines->eof);
  g_queue_clear_full (&lines->lines, g_free);
  g_clear_object (&lines->in);
}

static void
collect_type (GtkWidget *widget,
              GType      type,
              GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_type (c, type, found);
}

/* The entry row titled @title in @root. */
static GtkEditable *
entry_row (GtkWidget  *root,
           const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_type (root, ADW_TYPE_ENTRY_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_str_equal (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title))
      return GTK_EDITABLE (g_ptr_array_index (rows, i));
  g_error ("no entry row “%s”", title);
  return NULL;
}

/* The customer editor on screen, if any. */
static SsaCustomerEditor *
shown_customer_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (SSA_IS_CUSTOMER_EDITOR (window) && gtk_widget_get_mapped (window))
        return SSA_CUSTOMER_EDITOR (window);
    }
  return NULL;
}

static gboolean
customer_editor_shown (gpointer data)
{
  return shown_customer_editor () != NULL;
}

static gboolean
customer_editor_gone (gpointer data)
{
  return shown_customer_editor () == NULL;
}

/* The customer named @name in the sidebar's list (its model) and on screen (a mapped row
 * of the list: collect_type() finds mapped widgets only). */
typedef struct
{
  SsaWindow  *window;
  const char *name;
} Listed;

static SsaCustomer *
listed_customer (SsaWindow  *window,
                 const char *name)
{
  GListModel *shown = ssa_sidebar_get_shown (SSA_SIDEBAR (ssa_window_get_sidebar (window)));

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (shown, i);

      if (SSA_IS_CUSTOMER (item) &&
          g_strcmp0 (ssa_customer_get_name (SSA_CUSTOMER (item)), name) == 0)
        return SSA_CUSTOMER (item);
    }
  return NULL;
}

static gboolean
customer_row_shown (gpointer data)
{
  Listed *listed = data;
  GtkWidget *sidebar = ssa_window_get_sidebar (listed->window);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  if (listed_customer (listed->window, listed->name) == NULL)
    return FALSE;
  collect_type (sidebar, SSA_TYPE_SIDEBAR_ROW, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (ssa_sidebar_row_get_title (g_ptr_array_index (rows, i)), listed->name) == 0)
      return TRUE;
  return FALSE;
}

/* Selects the customer named @name in the sidebar as a click does (through the list's
 * selection model) and opens its editor with the window's Edit action. */
static SsaCustomerEditor *
edit_listed_customer (SsaWindow  *window,
                      const char *name)
{
  SsaSidebar *sidebar = SSA_SIDEBAR (ssa_window_get_sidebar (window));
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GtkSelectionModel *selection;
  GListModel *shown = ssa_sidebar_get_shown (sidebar);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (shown, i);

      if (SSA_IS_CUSTOMER (item) &&
          g_strcmp0 (ssa_customer_get_name (SSA_CUSTOMER (item)), name) == 0)
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  collect_type (GTK_WIDGET (sidebar), GTK_TYPE_LIST_VIEW, views);
  g_assert_cmpuint (views->len, >, 0);
  selection = gtk_list_view_get_model (g_ptr_array_index (views, 0));
  gtk_selection_model_select_item (selection, position, TRUE);
  g_assert_true (SSA_IS_CUSTOMER (ssa_sidebar_get_selected (sidebar)));
  g_assert_cmpstr (ssa_customer_get_name (SSA_CUSTOMER (ssa_sidebar_get_selected (sidebar))),
                   ==, name);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.edit-customer", NULL));
  g_assert_true (wait_for (customer_editor_shown, NULL));
  return shown_customer_editor ();
}

static void
click (gpointer    widget,
       GType       type,
       const char *name)
{
  GtkWidget *button = child (widget, type, name);

  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Clicks the button labelled @label (its mnemonic text) in @root. */
static void
click_labelled (GtkWidget  *root,
                const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_type (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      {
        g_assert_true (gtk_widget_get_sensitive (g_ptr_array_index (buttons, i)));
        g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
        return;
      }
  g_error ("no button “%s” on screen", label);
}

static gboolean
labelled_shown (GtkWidget  *root,
                const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_type (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
customer_named (gpointer data)
{
  Listed *listed = data;

  return listed_customer (listed->window, listed->name) != NULL;
}

static gboolean
save_refused (gpointer data)
{
  return gtk_widget_get_visible (child (data, SSA_TYPE_CUSTOMER_EDITOR, "save_message_group"));
}

static gboolean
saved_or_refused (gpointer data)
{
  return customer_editor_gone (NULL) || save_refused (data);
}

/* Saves the customer editor on screen with its Save button; the time Save was clicked
 * (the time a change shows elsewhere is measured from there: its own save's round trip
 * counts against the 2 s too). */
static gint64
save_editor (SsaCustomerEditor *editor)
{
  gint64 clicked = g_get_monotonic_time ();

  click (editor, SSA_TYPE_CUSTOMER_EDITOR, "save_button");
  /* The editor closes itself once the customer is stored. */
  g_assert_true (wait_for (saved_or_refused, editor));
  if (!customer_editor_gone (NULL))
    g_error ("the save was refused: %s",
             gtk_label_get_label (GTK_LABEL (child (editor, SSA_TYPE_CUSTOMER_EDITOR,
                                                    "save_message"))));
  return clicked;
}

/* Adds a customer named @name through @window: New customer, the name typed, Save; the
 * time Save was clicked. */
static gint64
new_customer_in (SsaWindow  *window,
                 const char *name)
{
  SsaCustomerEditor *editor;
  gint64 saved;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-customer", NULL));
  g_assert_true (wait_for (customer_editor_shown, NULL));
  editor = shown_customer_editor ();
  gtk_editable_set_text (entry_row (GTK_WIDGET (editor), "Name"), name);
  saved = save_editor (editor);
  g_assert_true (wait_for (customer_named, &(Listed) { window, name }));
  return saved;
}

/* The peer: window B. */

typedef struct
{
  Fixture *f;
  Lines    input;
} Peer;

/* Where the peer answers: its standard output as it was started, while its own
 * standard output goes to standard error, so that nothing a library prints there (debug
 * messages with G_MESSAGES_DEBUG) is taken for an answer. */
static FILE *peer_answers;

static void
peer_say (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static void
peer_say (const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (peer_answers, format, args);
  va_end (args);
  fputc ('\n', peer_answers);
  fflush (peer_answers);
}

static void
peer_body (Fixture *f)
{
  Peer peer = { f };
  g_autoptr(GInputStream) stdin_stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  gboolean quit = FALSE;

  lines_init (&peer.input, stdin_stream);
  peer_say ("ready");
  while (!quit)
    {
      g_autofree char *line = lines_next (&peer.input, 600);
      g_auto(GStrv) words = NULL;

      if (line == NULL)
        break;  /* the parent is gone */
      words = g_strsplit (line, "\t", -1);
      if (g_str_equal (words[0], "new-customer"))
        {
          gint64 saved = new_customer_in (f->window, words[1]);
          SsaCustomer *customer = listed_customer (f->window, words[1]);

          peer_say ("saved\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT, saved,
                    ssa_customer_get_id (customer));
        }
      else if (g_str_equal (words[0], "edit-customer"))
        {
          /* Once the customer named @words[1] is in this window (A's change may be on its
           * way): chosen in the sidebar, Edit, another name typed, Save. */
          SsaCustomerEditor *editor;
          gint64 saved;

          g_assert_true (wait_within (customer_named, &(Listed) { f->window, words[1] }, 120));
          editor = edit_listed_customer (f->window, words[1]);

          gtk_editable_set_text (entry_row (GTK_WIDGET (editor), "Name"), words[2]);
          saved = save_editor (editor);
          peer_say ("saved\t%" G_GINT64_FORMAT, saved);
        }
      else if (g_str_equal (words[0], "watch-customer"))
        {
          /* Waits for a customer that A adds: "watching" first, then "shown", the time
           * its row showed in this window's sidebar, and its id. */
          Listed listed = { f->window, words[1] };
          SsaSidebar *sidebar = SSA_SIDEBAR (ssa_window_get_sidebar (f->window));
          gint64 shown;

          ssa_sidebar_set_search (sidebar, words[1]);
          g_assert_false (customer_row_shown (&listed));
          peer_say ("watching");
          g_assert_true (wait_within (customer_row_shown, &listed, 120));
          shown = g_get_monotonic_time ();
          peer_say ("shown\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT, shown,
                    ssa_customer_get_id (listed_customer (f->window, words[1])));
          ssa_sidebar_set_search (sidebar, "");
        }
      else if (g_str_equal (words[0], "open-customer"))
        {
          /* The customer chosen in the sidebar, Edit, another name typed; the editor stays
           * open (A changes the customer meanwhile). */
          SsaCustomerEditor *editor = edit_listed_customer (f->window, words[1]);

          gtk_editable_set_text (entry_row (GTK_WIDGET (editor), "Name"), words[2]);
          peer_say ("opened");
        }
      else if (g_str_equal (words[0], "save-open"))
        {
          /* Once A's change (the name @words[1]) shows here, Save in the editor left open:
           * "refused", whether Reload and Overwrite show, the name the field keeps and the
           * editor's message. */
          SsaCustomerEditor *editor = shown_customer_editor ();
          GtkLabel *message;

          g_assert_nonnull (editor);
          g_assert_true (wait_within (customer_named, &(Listed) { f->window, words[1] }, 120));
          click (editor, SSA_TYPE_CUSTOMER_EDITOR, "save_button");
          g_assert_true (wait_for (save_refused, editor));
          message = GTK_LABEL (child (editor, SSA_TYPE_CUSTOMER_EDITOR, "save_message"));
          g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (message)));
          peer_say ("refused\t%d\t%s\t%s",
                    gtk_widget_get_mapped (child (editor, SSA_TYPE_CUSTOMER_EDITOR,
                                                  "conflict_box")),
                    gtk_editable_get_text (entry_row (GTK_WIDGET (editor), "Name")),
                    gtk_label_get_label (message));
          gtk_window_close (GTK_WINDOW (editor));
          g_assert_true (wait_for (customer_editor_gone, NULL));
        }
      else if (g_str_equal (words[0], "quit"))
        quit = TRUE;
      else
        g_error ("the peer does not know “%s”", line);
    }
  /* The parent closes its end after quit: no read is pending once it ended. */
  g_assert_true (wait_for (lines_ended, &peer.input));
  lines_clear (&peer.input);
}

/* The parent: window A. */

/* In the peer, before it runs: killed when the parent dies (a failed test aborts). */
static void
peer_child_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static GSubprocess *
start_peer (const char *uri)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", &error);
  GSubprocess *peer;

  g_assert_no_error (error);
  g_subprocess_launcher_setenv (launcher, "SSA_TEST_PEER_URI", uri, TRUE);
  g_subprocess_launcher_set_child_setup (launcher, peer_child_setup, NULL, NULL);
  peer = g_subprocess_launcher_spawn (launcher, &error, self_path, NULL);
  g_assert_no_error (error);
  return peer;
}

static void
peer_send (GSubprocess *peer,
           const char  *format,
           ...) G_GNUC_PRINTF (2, 3);

static void
peer_send (GSubprocess *peer,
           const char  *format,
           ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  g_test_message ("to the second window: %s", line);
  g_assert_true (g_output_stream_printf (g_subprocess_get_stdin_pipe (peer), NULL, NULL, &error,
                                         "%s\n", line));
  g_assert_no_error (error);
}

/* The peer's answer to the last command, which starts with @expected, split at tabs. */
static char **
peer_answer (Lines      *answers,
             const char *expected)
{
  g_autofree char *line = lines_next (answers, 120);
  char **words;

  if (line == NULL)
    g_error ("the second window's process ended without answering");
  g_test_message ("from the second window: %s", line);
  words = g_strsplit (line, "\t", -1);
  g_assert_cmpstr (words[0], ==, expected);
  return words;
}

static gboolean
peer_exited (gpointer data)
{
  return GPOINTER_TO_INT (g_object_get_data (data, "exited"));
}

static void
peer_wait_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_object_set_data (source, "exited", GINT_TO_POINTER (TRUE));
}

typedef struct
{
  SsaCustomer *customer;
  const char  *name;
} CustomerNameWait;

static gboolean
customer_is_named (gpointer data)
{
  CustomerNameWait *wait = data;

  return g_strcmp0 (ssa_customer_get_name (wait->customer), wait->name) == 0;
}

static void
two_windows_body (Fixture *f)
{
  g_autoptr(GSubprocess) peer = start_peer (f->uri);
  SsaSidebar *sidebar = SSA_SIDEBAR (ssa_window_get_sidebar (f->window));
  Lines answers;
  g_autofree char *ready = NULL;
  g_auto(GStrv) created = NULL;
  g_auto(GStrv) edited = NULL;
  Listed listed = { f->window, "Kunde fra Ola AS" };
  SsaCustomerEditor *editor;
  SsaCustomer *customer;
  GtkLabel *message;
  gint64 shown_at;
  double delay;

  lines_init (&answers, g_subprocess_get_stdout_pipe (peer));
  /* The peer's window loads the same database: under the sanitizer that takes a while. */
  ready = lines_next (&answers, 120);
  g_assert_cmpstr (ready, ==, "ready");

  /* (a) A customer saved in window B shows in window A's list and on its screen: the
   * search keeps the list short, so that its row is one the list shows. */
  ssa_sidebar_set_search (sidebar, "Kunde fra");
  g_assert_false (customer_row_shown (&listed));
  peer_send (peer, "new-customer\t%s", listed.name);
  g_assert_true (wait_within (customer_row_shown, &listed, 120));
  shown_at = g_get_monotonic_time ();
  created = peer_answer (&answers, "saved");
  delay = (shown_at - g_ascii_strtoll (created[1], NULL, 10)) / 1000.0;
  g_test_message ("a customer saved in window B showed in window A after %.0f ms", delay);
  g_assert_cmpfloat (delay, <=, 2000);
  customer = listed_customer (f->window, listed.name);
  g_assert_cmpint (ssa_customer_get_id (customer), ==, g_ascii_strtoll (created[2], NULL, 10));

  /* (b) Both windows edit that customer: B saves first; A's save is refused, naming B's
   * user, with Reload and Overwrite, and A's editor keeps what was typed. */
  editor = edit_listed_customer (f->window, listed.name);
  gtk_editable_set_text (entry_row (GTK_WIDGET (editor), "Name"), "Kunde endret av Kari AS");
  peer_send (peer, "edit-customer\t%s\tKunde endret av Ola AS", listed.name);
  edited = peer_answer (&answers, "saved");
  g_assert_true (wait_within (customer_is_named,
                              &(CustomerNameWait) { customer, "Kunde endret av Ola AS" },
                              120));
  shown_at = g_get_monotonic_time ();
  delay = (shown_at - g_ascii_strtoll (edited[1], NULL, 10)) / 1000.0;
  g_test_message ("a change saved in window B showed in window A after %.0f ms", delay);
  g_assert_cmpfloat (delay, <=, 2000);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (gtk_editable_get_text (entry_row (GTK_WIDGET (editor), "Name")), ==,
                   "Kunde endret av Kari AS");

  click (editor, SSA_TYPE_CUSTOMER_EDITOR, "save_button");
  g_assert_true (wait_for (save_refused, editor));
  message = GTK_LABEL (child (editor, SSA_TYPE_CUSTOMER_EDITOR, "save_message"));
  g_test_message ("window A's editor says: %s", gtk_label_get_label (message));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (message)));
  g_assert_nonnull (strstr (gtk_label_get_label (message), PEER_NAME " changed this customer"));
  g_assert_true (gtk_widget_get_mapped (child (editor, SSA_TYPE_CUSTOMER_EDITOR,
                                               "conflict_box")));
  g_assert_true (labelled_shown (GTK_WIDGET (editor), "_Reload"));
  g_assert_true (labelled_shown (GTK_WIDGET (editor), "_Overwrite"));
  g_assert_cmpstr (gtk_editable_get_text (entry_row (GTK_WIDGET (editor), "Name")), ==,
                   "Kunde endret av Kari AS");
  g_assert_cmpstr (ssa_customer_get_name (customer), ==, "Kunde endret av Ola AS");
  /* Reload shows B's change in A's editor. */
  click_labelled (GTK_WIDGET (editor), "_Reload");
  g_assert_cmpstr (gtk_editable_get_text (entry_row (GTK_WIDGET (editor), "Name")), ==,
                   "Kunde endret av Ola AS");
  g_assert_false (gtk_widget_get_visible (child (editor, SSA_TYPE_CUSTOMER_EDITOR,
                                                 "conflict_box")));
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_true (wait_for (customer_editor_gone, NULL));

  /* (c) The other way: a customer saved in window A shows in window B's list and on its
   * screen within 2 s of A's Save. */
  {
    const char *name = "Kunde fra Kari AS";
    g_autofree char *watching = NULL;
    g_auto(GStrv) shown = NULL;
    g_auto(GStrv) opened = NULL;
    g_auto(GStrv) refused = NULL;
    g_auto(GStrv) after = NULL;
    gint64 saved;

    peer_send (peer, "watch-customer\t%s", name);
    watching = lines_next (&answers, 120);
    g_assert_cmpstr (watching, ==, "watching");
    saved = new_customer_in (f->window, name);
    shown = peer_answer (&answers, "shown");
    delay = (g_ascii_strtoll (shown[1], NULL, 10) - saved) / 1000.0;
    g_test_message ("a customer saved in window A showed in window B after %.0f ms", delay);
    g_assert_cmpfloat (delay, <=, 2000);
    g_assert_cmpint (g_ascii_strtoll (shown[2], NULL, 10), ==,
                     ssa_customer_get_id (listed_customer (f->window, name)));

    /* (d) B's editor is open on it as A saves a change: B's save over A's newer change is
     * refused, naming A's user, with Reload and Overwrite; B's editor keeps what was typed
     * and A's change stays. */
    peer_send (peer, "open-customer\t%s\tKunde endret i B AS", name);
    opened = peer_answer (&answers, "opened");
    customer = listed_customer (f->window, name);
    editor = edit_listed_customer (f->window, name);
    gtk_editable_set_text (entry_row (GTK_WIDGET (editor), "Name"), "Kunde endret i A AS");
    save_editor (editor);
    g_assert_cmpstr (ssa_customer_get_name (customer), ==, "Kunde endret i A AS");
    peer_send (peer, "save-open\tKunde endret i A AS");
    refused = peer_answer (&answers, "refused");
    g_test_message ("window B's editor says: %s", refused[3]);
    g_assert_cmpstr (refused[1], ==, "1");
    g_assert_cmpstr (refused[2], ==, "Kunde endret i B AS");
    g_assert_nonnull (strstr (refused[3], PARENT_NAME " changed this customer"));
    g_assert_cmpstr (ssa_customer_get_name (customer), ==, "Kunde endret i A AS");

    /* (e) No conflict where there is none: A changes the customer again; once B's window
     * shows that, B's edit opened after it is stored (not refused) and shows in A. */
    ssa_sidebar_set_search (sidebar, "Kunde endret i");
    editor = edit_listed_customer (f->window, "Kunde endret i A AS");
    gtk_editable_set_text (entry_row (GTK_WIDGET (editor), "Name"), "Kunde endret i A igjen AS");
    save_editor (editor);
    peer_send (peer, "edit-customer\tKunde endret i A igjen AS\tKunde endret i B etterpå AS");
    after = peer_answer (&answers, "saved");
    g_assert_true (wait_within (customer_is_named,
                                &(CustomerNameWait) { customer, "Kunde endret i B etterpå AS" },
                                120));
    delay = (g_get_monotonic_time () - g_ascii_strtoll (after[1], NULL, 10)) / 1000.0;
    g_test_message ("a later change saved in window B showed in window A after %.0f ms", delay);
    g_assert_cmpfloat (delay, <=, 2000);
  }

  /* B ends cleanly (under the sanitizer, without a leak). */
  peer_send (peer, "quit");
  g_assert_true (g_output_stream_close (g_subprocess_get_stdin_pipe (peer), NULL, NULL));
  g_subprocess_wait_async (peer, NULL, peer_wait_cb, NULL);
  g_assert_true (wait_for (peer_exited, peer));
  g_assert_true (wait_for (lines_ended, &answers));
  lines_clear (&answers);
  g_assert_true (g_subprocess_get_if_exited (peer));
  g_assert_cmpint (g_subprocess_get_exit_status (peer), ==, 0);
  ssa_sidebar_set_search (sidebar, "");
}

static void
test_two_windows (void)
{
  Fixture fixture = { 0 };

  fill_database (&fixture);
  fixture.display_name = PARENT_NAME;
  fixture.body = two_windows_body;
  run_app (&fixture);
}

/* The second window's process: the same database, as another user. */
static int
run_peer (const char *uri)
{
  Fixture fixture = { 0 };

  peer_answers = fdopen (dup (STDOUT_FILENO), "w");
  g_assert_nonnull (peer_answers);
  g_assert_cmpint (dup2 (STDERR_FILENO, STDOUT_FILENO), ==, STDOUT_FILENO);
  if (!gtk_init_check ())
    {
      fclose (peer_answers);
      return 1;
    }
  adw_init ();
  fixture.uri = g_strdup (uri);
  fixture.display_name = PEER_NAME;
  fixture.body = peer_body;
  run_app (&fixture);
  fclose (peer_answers);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  const char *peer_uri = g_getenv ("SSA_TEST_PEER_URI");
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  if (peer_uri != NULL)
    return run_peer (peer_uri);
  g_test_init (&argc, &argv, NULL);
  test_print_stack_on_crash ();
  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the team window tests\n");
      return 77;
    }
  adw_init ();

  run_dir = g_dir_make_tmp ("ssa-window-team-XXXXXX", &error);
  g_assert_no_error (error);
  test_pg_isolate_env (run_dir);
  server = test_pg_server_start_or_exit (run_dir);

  g_test_add_func ("/window-team/preferences", test_preferences);
  g_test_add_func ("/window-team/window", test_window);
  g_test_add_func ("/window-team/offline-start", test_offline_start);
  g_test_add_func ("/window-team/two-windows", test_two_windows);

  status = g_test_run ();
  test_pg_server_stop (server);
  test_remove_tree (run_dir);
  g_free (run_dir);
  return status;
}
