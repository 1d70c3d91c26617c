/* ssa-application.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "ssa-application.h"
#include "ssa-credentials.h"
#include "ssa-db.h"
#include "ssa-gui-util.h"
#include "ssa-refresh.h"
#include "ssa-renewal-reminder.h"
#include "ssa-team-db.h"
#include "ssa-window.h"

/* The icon in the resources (ui/ssa-desk.gresource.xml). */
#define RESOURCE_ICON "io.github.ssadesk.SsaDesk"

struct _SsaApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  gboolean        read_only;
  SsaRenewalReminder *reminder;  /* started with the first window */
  GSettings      *settings;       /* the one instance of the GUI; NULL without the schema */
  gboolean        settings_opened;
  gboolean        team_checked;   /* the team database setting was read (at the first window) */
};

G_DEFINE_FINAL_TYPE (SsaApplication, ssa_application, ADW_TYPE_APPLICATION)

static GtkWindow *
get_or_create_window (SsaApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (ssa_window_new (self, self->db_path, self->read_only));
  return window;
}

static void
quit_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  SsaApplication *self = user_data;
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing the windows lets each save its state and cancel its work first. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  SsaApplication *self = user_data;
  static const char *developers[] = { "The SSA Desk authors", NULL };
  GtkWidget *about;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GdkDisplay *display = window != NULL ? gtk_widget_get_display (GTK_WIDGET (window))
                                        : gdk_display_get_default ();
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (display);
  /* Installed, the icon has the application's ID (".Devel" too); from the build folder only
   * the resources' copy under the release ID is there. */
  const char *icon = gtk_icon_theme_has_icon (theme, APPLICATION_ID) ? APPLICATION_ID
                                                                     : RESOURCE_ICON;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "application-name", _("SSA Desk"),
                        "application-icon", icon,
                        "developer-name", _("The SSA Desk authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Keep your customers’ innovaphone installations and "
                                      "licences, and make exact Software Service Agreement "
                                      "offers."),
                        "website", "https://github.com/ssadesk/ssa-desk",
                        "issue-url", "https://github.com/ssadesk/ssa-desk/issues",
                        "copyright", _("Copyright 2026 The SSA Desk authors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one a line, as
                         * "Name <e-mail>"; they are shown in the About window. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  ssa_gui_name_library_widgets (about);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  SsaApplication *self = user_data;
  GtkWindow *window = get_or_create_window (self);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
}

static void
shortcuts_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  SsaApplication *self = user_data;
  GtkWindow *window = get_or_create_window (self);

  /* The shortcuts window is built the first time it is asked for, not with every main
   * window: start-up has better things to do (see ui/ssa-desk.gresource.xml). */
  if (GTK_IS_APPLICATION_WINDOW (window) &&
      gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/ssadesk/SsaDesk/help-overlay.ui");
      GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

      ssa_gui_name_library_widgets (GTK_WIDGET (overlay));
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (window),
                                               GTK_SHORTCUTS_WINDOW (overlay));
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

/* "app.show-view" with a page's name: what the renewal reminder's notification opens. */
static void
show_view_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  SsaApplication *self = user_data;
  GtkWindow *window = get_or_create_window (self);

  gtk_window_present (window);
  gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-view", parameter);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_cb },
  { "show-view", show_view_cb, "s" },
  { "about", about_cb },
  { "preferences", preferences_cb },
  { "shortcuts", shortcuts_cb },
};

static int
ssa_application_handle_local_options (GApplication *application,
                                      GVariantDict *options)
{
  SsaApplication *self = SSA_APPLICATION (application);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("ssa-desk %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    ssa_application_set_db_path (self, db);
  if (g_variant_dict_contains (options, "read-only"))
    self->read_only = TRUE;

  /* A window on another database than the default one, or read-only, is a program of its
   * own: it must not hand its command line to an instance that has the default database
   * open for writing. */
  if (self->db_path != NULL || self->read_only)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (ssa_application_parent_class)->handle_local_options (application,
                                                                                   options);
}

static void
ssa_application_startup (GApplication *application)
{
  SsaApplication *self = SSA_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (ssa_application_parent_class)->startup (application);

#ifdef __GLIBC__
  /* Arrays of 75 000 rows are made and dropped while a large database streams in. glibc
   * raises its mmap threshold to the largest block freed, after which such arrays come
   * from the heap and leave holes it cannot give back (some 10 MB with 50 000
   * installations); a fixed threshold keeps them mapped and returned whole. */
  mallopt (M_MMAP_THRESHOLD, 256 * 1024);
#endif

  /* SSA_DESK_DB points tests and scripts at a database of their own. */
  if (self->db_path == NULL && g_getenv ("SSA_DESK_DB") != NULL)
    ssa_application_set_db_path (self, g_getenv ("SSA_DESK_DB"));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts",
                                         shortcuts_accels);
}

static void ssa_application_activate (GApplication *application);

static void
team_password_found_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(SsaApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = ssa_credentials_lookup_team_password_finish (result, &error);

  /* Without a keyring, or without a password kept, libpq's own sources serve. */
  if (error != NULL)
    g_message ("%s", error->message);
  if (password != NULL)
    ssa_team_db_set_password (self->db_path, password);
  ssa_credentials_wipe_string (password);
  ssa_application_activate (G_APPLICATION (self));
  g_application_release (G_APPLICATION (self));
}

/* The team database, when the settings say so and neither --db nor SSA_DESK_DB named
 * another: read once, before the first window. Switching takes a new start (see
 * docs/window.md). Returns whether the window waits for the keyring. */
static gboolean
choose_team_database (SsaApplication *self)
{
  GSettings *settings;
  g_autofree char *uri = NULL;

  if (self->team_checked)
    return FALSE;
  self->team_checked = TRUE;
  settings = ssa_application_get_settings (self);
  if (self->db_path != NULL || settings == NULL ||
      !g_settings_get_boolean (settings, "use-team-database"))
    return FALSE;
  uri = g_settings_get_string (settings, "team-database-uri");
  if (!ssa_team_db_is_uri (uri) || ssa_team_db_uri_has_password (uri))
    {
      g_message ("use-team-database is on, but team-database-uri is not a PostgreSQL URI "
                 "without a password: opening the database file");
      return FALSE;
    }
  ssa_application_set_db_path (self, uri);
  g_application_hold (G_APPLICATION (self));
  ssa_credentials_lookup_team_password_async (uri, NULL, team_password_found_cb,
                                              g_object_ref (self));
  return TRUE;
}

/* The renewal reminder, on start and once a day while the window runs. */
static void
start_reminder (SsaApplication *self)
{
  g_autofree char *path = NULL;

  if (self->reminder != NULL)
    return;
  path = self->db_path != NULL ? g_strdup (self->db_path) : ssa_db_get_default_path ();
  self->reminder = ssa_renewal_reminder_new (G_APPLICATION (self), path);
}

static void
window_checked_cb (SsaWindow      *window,
                   GParamSpec     *pspec,
                   SsaApplication *self)
{
  if (!ssa_window_get_checked (window))
    return;
  g_signal_handlers_disconnect_by_func (window, window_checked_cb, self);
  start_reminder (self);
}

static void
ssa_application_activate (GApplication *application)
{
  SsaApplication *self = SSA_APPLICATION (application);
  GtkWindow *window;

  if (choose_team_database (self))
    return;
  window = get_or_create_window (self);
  gtk_window_present (window);

  /* The reminder's first check reads every installation's SSA: it waits until the window
   * has read the database and painted it, and its own start-up check has run, instead of
   * competing with the window's first map for the CPU (docs/window.md, "Start-up"). */
  if (self->reminder != NULL)
    return;
  if (ssa_window_get_checked (SSA_WINDOW (window)))
    start_reminder (self);
  else
    g_signal_connect_object (window, "notify::checked", G_CALLBACK (window_checked_cb), self,
                             0);
}

static void
ssa_application_shutdown (GApplication *application)
{
  SsaApplication *self = SSA_APPLICATION (application);

  g_clear_pointer (&self->reminder, ssa_renewal_reminder_free);
  G_APPLICATION_CLASS (ssa_application_parent_class)->shutdown (application);
}

static void
ssa_application_finalize (GObject *object)
{
  SsaApplication *self = (SsaApplication *)object;

  g_clear_pointer (&self->db_path, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ssa_application_parent_class)->finalize (object);
}

static void
ssa_application_class_init (SsaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = ssa_application_finalize;

  app_class->handle_local_options = ssa_application_handle_local_options;
  app_class->startup = ssa_application_startup;
  app_class->activate = ssa_application_activate;
  app_class->shutdown = ssa_application_shutdown;
}

static void
ssa_application_init (SsaApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database FILE instead of the default one"), N_("FILE") },
    { "read-only", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Open the database read-only: look, print and export, but change nothing"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the version and exit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

SsaApplication *
ssa_application_new (void)
{
  return g_object_new (SSA_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       /* The same resources serve the release and the .Devel ID. */
                       "resource-base-path", "/io/github/ssadesk/SsaDesk",
                       NULL);
}

const char *
ssa_application_get_db_path (SsaApplication *self)
{
  g_return_val_if_fail (SSA_IS_APPLICATION (self), NULL);

  return self->db_path;
}

void
ssa_application_set_db_path (SsaApplication *self,
                             const char     *db_path)
{
  g_return_if_fail (SSA_IS_APPLICATION (self));

  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
}

/**
 * ssa_application_get_settings:
 * @self: (nullable): the application, or %NULL for the running one
 *
 * The settings (io.github.ssadesk.SsaDesk) of the window: one instance for the whole
 * application, opened the first time it is asked for, which every part of the GUI reads,
 * writes and watches. The command line and src/core open their own.
 *
 * Without an #SsaApplication (@self %NULL and the default application is not one: a test
 * that builds widgets on their own) a process-wide instance stands in for it, opened once
 * and kept until the process ends.
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when the schema is not
 *   installed (an uninstalled run without GSETTINGS_SCHEMA_DIR)
 */
static void
display_name_changed_cb (GSettings  *settings,
                         const char *key,
                         gpointer    user_data)
{
  g_autofree char *name = g_settings_get_string (settings, "display-name");

  ssa_db_set_default_user_name (name);
}

/* Who the database records is the `display-name` setting, as it changes (empty: the
 * database user, or the user's own name): set for every connection of the process, the
 * workers' too. */
static GSettings *
watch_display_name (GSettings *settings)
{
  if (settings == NULL)
    return NULL;
  g_signal_connect (settings, "changed::display-name", G_CALLBACK (display_name_changed_cb),
                    NULL);
  display_name_changed_cb (settings, "display-name", NULL);
  return settings;
}

GSettings *
ssa_application_get_settings (SsaApplication *self)
{
  static GSettings *fallback;
  static gboolean fallback_opened;
  GApplication *running;

  g_return_val_if_fail (self == NULL || SSA_IS_APPLICATION (self), NULL);

  if (self == NULL)
    {
      running = g_application_get_default ();
      if (SSA_IS_APPLICATION (running))
        self = SSA_APPLICATION (running);
    }
  if (self != NULL)
    {
      if (!self->settings_opened)
        {
          self->settings = watch_display_name (ssa_refresh_dup_settings ());
          self->settings_opened = TRUE;
        }
      return self->settings;
    }

  if (!fallback_opened)
    {
      fallback = watch_display_name (ssa_refresh_dup_settings ());
      fallback_opened = TRUE;
    }
  return fallback;
}

/**
 * ssa_application_get_settings_for_widget:
 * @widget: a widget of the GUI
 *
 * The settings of @widget's application: that of its window (gtk_widget_get_root()), else
 * the running application, else the process-wide instance; see
 * ssa_application_get_settings().
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL without the schema
 */
GSettings *
ssa_application_get_settings_for_widget (GtkWidget *widget)
{
  GtkRoot *root;
  GtkApplication *application = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    application = gtk_window_get_application (GTK_WINDOW (root));
  return ssa_application_get_settings (SSA_IS_APPLICATION (application)
                                       ? SSA_APPLICATION (application) : NULL);
}
