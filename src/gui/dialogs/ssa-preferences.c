/* ssa-preferences.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-application.h"
#include "ssa-backup.h"
#include "ssa-credentials.h"
#include "ssa-db-job.h"
#include "ssa-db-offers.h"
#include "ssa-db.h"
#include "ssa-fetcher.h"
#include "ssa-gui-util.h"
#include "ssa-org-no.h"
#include "ssa-page-common.h"
#include "ssa-preferences.h"
#include "ssa-profile.h"
#include "ssa-team-db.h"

/* The preferences: the reseller's profile (printed on every offer, kept in the database
 * that the command line shares), where the price list comes from and the login it needs
 * (kept in the keyring), how often it is fetched, the language of documents, and the
 * database: its file and how many backups are kept, or the team's database on a
 * PostgreSQL server (its address in the settings, its password in the keyring).
 *
 * As GNOME preferences do, changes apply at once: a profile that can be stored is saved a
 * moment after the last keystroke, in a worker thread; a field that cannot be stored is
 * marked with its reason and nothing is saved until it is fixed. */

#define SAVE_DELAY_MS 400

struct _SsaPreferences
{
  AdwPreferencesWindow  parent_instance;

  char                 *db_path;
  GSettings            *settings;
  GCancellable         *cancellable;
  SsaProfile           *profile;         /* as loaded, with the logo as chosen */
  guint                 save_source;
  gboolean              loading;
  gboolean              loaded;

  AdwEntryRow          *company_row;
  AdwEntryRow          *org_no_row;
  GtkLabel             *org_no_message;
  GtkSwitch            *vat_switch;
  GtkSwitch            *register_switch;
  AdwEntryRow          *address_row;
  AdwEntryRow          *phone_row;
  AdwEntryRow          *email_row;
  AdwEntryRow          *our_reference_row;
  AdwEntryRow          *display_name_row;
  GtkSwitch            *registry_switch;
  AdwActionRow         *logo_row;
  GtkButton            *logo_clear_button;
  AdwEntryRow          *terms_row;
  GtkSpinButton        *validity_spin;
  AdwEntryRow          *rate_row;
  GtkLabel             *rate_message;
  AdwEntryRow          *url_row;
  GtkLabel             *url_message;
  AdwComboRow          *login_row;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  AdwPasswordEntryRow  *token_row;
  GtkButton            *save_login_button;
  GtkSpinButton        *interval_spin;
  GtkSpinButton        *reminder_spin;
  AdwComboRow          *language_row;
  AdwPreferencesPage   *reseller_page;
  AdwActionRow         *db_row;
  GtkSpinButton        *keep_days_spin;
  GtkSpinButton        *keep_weeks_spin;
  GtkButton            *backup_button;
  AdwPreferencesGroup  *backups_group;
  GtkSwitch            *team_switch;
  AdwEntryRow          *team_uri_row;
  GtkLabel             *team_uri_message;
  AdwPasswordEntryRow  *team_password_row;
  GtkButton            *team_connect_button;
  GtkLabel             *team_status;
  gboolean              team_filling;
};

G_DEFINE_FINAL_TYPE (SsaPreferences, ssa_preferences, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROFILE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  LOGIN_NONE,
  LOGIN_BASIC,
  LOGIN_TOKEN,
};

static const char *languages[] = { "nb", "en" };

static void
toast (SsaPreferences *self,
       const char     *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* Backing up now: a backup taken by hand, in a worker, on a connection of its own. */

static gpointer
backup_job (SsaDb         *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  char *path = NULL;

  if (!ssa_backup_take (db, SSA_BACKUP_REASON_MANUAL, &path, error))
    return NULL;
  return path;
}

static void
backup_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SsaPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = ssa_db_job_finish (result, &error);
  g_autofree char *message = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_button), TRUE);
  if (path == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The database was not backed up: %s"), error->message);
    }
  else
    {
      g_autofree char *display = g_filename_display_name (path);

      message = g_strdup_printf (_("Backed up to %s"), display);
    }
  toast (self, message);
}

static void
backup_clicked_cb (SsaPreferences *self,
                   GtkButton      *button)
{
  if (self->db_path == NULL)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_button), FALSE);
  ssa_db_job_run_async (self->db_path, backup_job, NULL, NULL, g_free, self->cancellable,
                        backup_done_cb, g_object_ref (self));
}

/* The profile. */

/* Reads the rows into a new profile; marks the rows that cannot be stored. */
static SsaProfile *
read_profile (SsaPreferences *self)
{
  g_autoptr(SsaProfile) profile = ssa_profile_new ();
  g_autofree char *rate = NULL;
  g_autoptr(GError) error = NULL;
  gboolean valid = TRUE;

  profile->company_name = ssa_gui_row_dup_text (self->company_row);
  profile->org_no = ssa_gui_org_no_from_text (gtk_editable_get_text (GTK_EDITABLE (self->org_no_row)));
  profile->vat_registered = gtk_switch_get_active (self->vat_switch);
  profile->foretaksregisteret = gtk_switch_get_active (self->register_switch);
  profile->address = ssa_gui_row_dup_text (self->address_row);
  profile->phone = ssa_gui_row_dup_text (self->phone_row);
  profile->email = ssa_gui_row_dup_text (self->email_row);
  profile->payment_terms = ssa_gui_row_dup_text (self->terms_row);
  profile->default_validity_days = gtk_spin_button_get_value_as_int (self->validity_spin);
  if (self->profile != NULL && self->profile->logo != NULL)
    {
      profile->logo = g_bytes_ref (self->profile->logo);
      profile->logo_mime_type = g_strdup (self->profile->logo_mime_type);
    }

  if (profile->org_no != NULL && !ssa_org_no_is_valid (profile->org_no))
    {
      ssa_gui_show_field_message (self->org_no_message, GTK_WIDGET (self->org_no_row),
                    _("Not a valid organisation number: nine digits with the right check digit, "
                      "such as 988 077 917"));
      valid = FALSE;
    }
  else
    ssa_gui_show_field_message (self->org_no_message, GTK_WIDGET (self->org_no_row), NULL);

  rate = ssa_gui_row_dup_text (self->rate_row);
  if (rate != NULL && !ssa_gui_parse_decimal (rate, &profile->default_labour_rate, &error))
    {
      ssa_gui_show_field_message (self->rate_message, GTK_WIDGET (self->rate_row), error->message);
      valid = FALSE;
    }
  else
    {
      ssa_gui_show_field_message (self->rate_message, GTK_WIDGET (self->rate_row), NULL);
      profile->has_default_labour_rate = rate != NULL;
      /* An emptied rate means no default rate: the settings' one must not come back. */
      if (rate == NULL && !self->loading && self->settings != NULL)
        g_settings_set_string (self->settings, "default-labour-rate", "");
    }

  if (!valid || !ssa_profile_validate (profile, NULL))
    return NULL;
  return g_steal_pointer (&profile);
}

static gpointer
save_profile_job (SsaDb         *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  if (!ssa_db_save_profile (db, data, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
profile_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(SsaPreferences) self = user_data;
  g_autoptr(GError) error = NULL;

  if (ssa_db_job_finish (result, &error) == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The profile was not saved: %s"), error->message);
      toast (self, message);
      return;
    }
  g_signal_emit (self, signals[PROFILE_CHANGED], 0);
}

static void
save_profile_now (SsaPreferences *self)
{
  SsaProfile *profile;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->db_path == NULL || !self->loaded)
    return;

  profile = read_profile (self);
  if (profile == NULL)
    return;

  /* A save that the window's closing cancels would lose the last keystrokes: saves are
   * not cancelled. */
  ssa_db_job_run_async (self->db_path, save_profile_job, profile,
                        (GDestroyNotify) ssa_profile_free, NULL, NULL,
                        profile_saved_cb, g_object_ref (self));
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SsaPreferences *self = user_data;

  self->save_source = 0;
  save_profile_now (self);
  return G_SOURCE_REMOVE;
}

static void
profile_changed_cb (SsaPreferences *self)
{
  g_autoptr(SsaProfile) check = NULL;

  if (self->loading)
    return;

  /* Marks the fields at once; saves a moment later. */
  check = read_profile (self);
  g_clear_handle_id (&self->save_source, g_source_remove);
  if (check != NULL && self->loaded)
    self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
update_logo_row (SsaPreferences *self)
{
  gboolean has_logo = self->profile != NULL && self->profile->logo != NULL;
  g_autofree char *size = has_logo ? g_format_size (g_bytes_get_size (self->profile->logo))
                                   : NULL;
  g_autofree char *subtitle = NULL;

  if (has_logo)
    /* Translators: the reseller's logo in the preferences: its type and size. */
    subtitle = g_strdup_printf (_("%s image, %s"),
                                g_strcmp0 (self->profile->logo_mime_type, "image/png") == 0
                                ? "PNG" : self->profile->logo_mime_type, size);
  adw_action_row_set_subtitle (self->logo_row, has_logo ? subtitle : _("No logo"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->logo_clear_button), has_logo);
}

/* The hourly rate offers use when the profile has none: the settings' default (1250.00),
 * shown here as the value, so that Preferences shows the rate the offer builder uses. */
static char *
dup_settings_labour_rate (SsaPreferences *self)
{
  g_autofree char *text = NULL;
  gint64 rate;

  if (self->settings == NULL)
    return NULL;
  text = g_settings_get_string (self->settings, "default-labour-rate");
  if (!ssa_gui_parse_decimal (text, &rate, NULL))
    return NULL;
  return ssa_gui_format_decimal (rate);
}

static void
fill_profile (SsaPreferences *self)
{
  SsaProfile *profile = self->profile;
  g_autofree char *org_no = NULL;
  g_autofree char *rate = NULL;

  self->loading = TRUE;
  ssa_gui_row_set_text (self->company_row, profile->company_name);
  if (profile->org_no != NULL && ssa_org_no_is_valid (profile->org_no))
    org_no = ssa_org_no_format (profile->org_no, FALSE);
  ssa_gui_row_set_text (self->org_no_row, org_no != NULL ? org_no : profile->org_no);
  gtk_switch_set_active (self->vat_switch, profile->vat_registered);
  gtk_switch_set_active (self->register_switch, profile->foretaksregisteret);
  ssa_gui_row_set_text (self->address_row, profile->address);
  ssa_gui_row_set_text (self->phone_row, profile->phone);
  ssa_gui_row_set_text (self->email_row, profile->email);
  ssa_gui_row_set_text (self->terms_row, profile->payment_terms);
  gtk_spin_button_set_value (self->validity_spin, profile->default_validity_days);
  if (profile->has_default_labour_rate)
    rate = ssa_gui_format_decimal (profile->default_labour_rate);
  else
    rate = dup_settings_labour_rate (self);
  ssa_gui_row_set_text (self->rate_row, rate);
  update_logo_row (self);
  self->loading = FALSE;
}

static gpointer
load_profile_job (SsaDb         *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return ssa_db_load_profile (db, error);
}

static void
profile_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SsaPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  SsaProfile *profile;

  profile = ssa_db_job_finish (result, &error);
  if (profile == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The profile could not be read: %s"), error->message);
      toast (self, message);
      return;
    }

  g_clear_pointer (&self->profile, ssa_profile_free);
  self->profile = profile;
  fill_profile (self);
  self->loaded = TRUE;
}

static void
logo_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SsaPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (object), result, NULL, &error);
  if (bytes == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The logo could not be read: %s"), error->message);
      toast (self, message);
      return;
    }
  if (g_bytes_get_size (bytes) > SSA_PROFILE_MAX_LOGO_BYTES)
    {
      toast (self, _("The logo is larger than 2 MB: choose a smaller picture."));
      return;
    }
  /* An SVG logo is kept as the PNG the documents draw. */
  {
    g_autoptr(GBytes) png = ssa_gui_logo_to_png (bytes, &error);

    if (png == NULL)
      {
        toast (self, error->message);
        return;
      }
    g_bytes_unref (bytes);
    bytes = g_steal_pointer (&png);
  }
  if (g_bytes_get_size (bytes) > SSA_PROFILE_MAX_LOGO_BYTES)
    {
      toast (self, _("The logo is larger than 2 MB: choose a smaller picture."));
      return;
    }
  if (self->profile == NULL)
    return;

  g_clear_pointer (&self->profile->logo, g_bytes_unref);
  g_free (self->profile->logo_mime_type);
  self->profile->logo = g_steal_pointer (&bytes);
  self->profile->logo_mime_type = g_strdup ("image/png");
  update_logo_row (self);
  save_profile_now (self);
}

static void
logo_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  SsaPreferences  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      g_file_load_bytes_async (file, self->cancellable, logo_loaded_cb, g_object_ref (self));
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_logo_cb (SsaPreferences *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a Logo"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PNG or SVG pictures"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/svg+xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (logo_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
clear_logo_cb (SsaPreferences *self)
{
  if (self->profile == NULL)
    return;
  g_clear_pointer (&self->profile->logo, g_bytes_unref);
  g_clear_pointer (&self->profile->logo_mime_type, g_free);
  update_logo_row (self);
  save_profile_now (self);
}

/* The price list's address and login. */

static void
url_changed_cb (SsaPreferences *self)
{
  g_autofree char *url = ssa_gui_row_dup_text (self->url_row);
  g_autoptr(GError) error = NULL;

  if (self->settings == NULL)
    return;

  /* An empty address means the bundled sample list; anything else must be fetchable. */
  if (url != NULL && !ssa_fetcher_check_url (url, &error))
    {
      ssa_gui_show_field_message (self->url_message, GTK_WIDGET (self->url_row), error->message);
      return;
    }
  ssa_gui_show_field_message (self->url_message, GTK_WIDGET (self->url_row), NULL);
  g_settings_set_string (self->settings, "price-list-url", url != NULL ? url : "");
}

static void
update_login_rows (SsaPreferences *self)
{
  guint login = adw_combo_row_get_selected (self->login_row);

  gtk_widget_set_visible (GTK_WIDGET (self->user_row), login == LOGIN_BASIC);
  gtk_widget_set_visible (GTK_WIDGET (self->password_row), login == LOGIN_BASIC);
  gtk_widget_set_visible (GTK_WIDGET (self->token_row), login == LOGIN_TOKEN);
}

static void
login_changed_cb (SsaPreferences *self)
{
  update_login_rows (self);
}

static void
credentials_stored_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(SsaPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean cleared = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self), "ssa-clearing"));
  gboolean ok;

  ok = cleared ? ssa_credentials_clear_finish (result, &error)
               : ssa_credentials_store_finish (result, &error);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_login_button), TRUE);
  if (!ok)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }
  toast (self, cleared ? _("The login was removed from the keyring")
                       : _("The login was saved in the keyring"));
}

static void
save_login_cb (SsaPreferences *self)
{
  g_autofree char *url = ssa_gui_row_dup_text (self->url_row);
  g_autoptr(SsaCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;
  guint login = adw_combo_row_get_selected (self->login_row);

  if (url == NULL || !ssa_fetcher_check_url (url, NULL))
    {
      toast (self, _("Enter the price list’s address first: the login is kept for it."));
      return;
    }

  if (login == LOGIN_BASIC)
    credentials = ssa_credentials_new_basic (gtk_editable_get_text (GTK_EDITABLE (self->user_row)),
                                             gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  else if (login == LOGIN_TOKEN)
    credentials = ssa_credentials_new_bearer (gtk_editable_get_text (GTK_EDITABLE (self->token_row)));

  if (credentials != NULL && !ssa_credentials_validate (credentials, &error))
    {
      toast (self, error->message);
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_login_button), FALSE);
  g_object_set_data (G_OBJECT (self), "ssa-clearing", GINT_TO_POINTER (credentials == NULL));
  if (credentials == NULL)
    ssa_credentials_clear_async (url, self->cancellable, credentials_stored_cb,
                                 g_object_ref (self));
  else
    ssa_credentials_store_async (url, credentials, self->cancellable, credentials_stored_cb,
                                 g_object_ref (self));
}

static void
credentials_found_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SsaPreferences) self = user_data;
  g_autoptr(SsaCredentials) credentials = NULL;
  g_autoptr(GError) error = NULL;

  credentials = ssa_credentials_lookup_finish (result, &error);
  if (credentials == NULL)
    {
      /* No keyring (a session without one) or no login stored: the rows stay empty, and
       * saving a login says what is wrong. */
      return;
    }
  if (credentials->kind == SSA_CREDENTIALS_BASIC)
    {
      adw_combo_row_set_selected (self->login_row, LOGIN_BASIC);
      ssa_gui_row_set_text (self->user_row, credentials->user);
      ssa_gui_row_set_text (ADW_ENTRY_ROW (self->password_row), credentials->secret);
    }
  else
    {
      adw_combo_row_set_selected (self->login_row, LOGIN_TOKEN);
      ssa_gui_row_set_text (ADW_ENTRY_ROW (self->token_row), credentials->secret);
    }
}

/* The team database: its address (a libpq URI without password) in the settings, its
 * password in the keyring, and a connection tried in a worker thread. */

/* Returns: (transfer full) (nullable): the address typed, or NULL with the reason shown
 *   under it when it is not one to keep */
static char *
read_team_uri (SsaPreferences *self,
               gboolean        required)
{
  g_autofree char *uri = ssa_gui_row_dup_text (self->team_uri_row);
  const char *problem = NULL;

  if (uri == NULL)
    problem = required ? _("Enter the team database’s address first, such as "
                           "postgresql://ssadesk@db.example.no/ssadesk?sslmode=verify-full")
                       : NULL;
  else if (!ssa_team_db_is_uri (uri))
    problem = _("Not a PostgreSQL address: it starts with postgresql://, such as "
                "postgresql://ssadesk@db.example.no/ssadesk?sslmode=verify-full");
  else if (ssa_team_db_uri_has_password (uri))
    problem = _("The address holds a password. Remove it from the address (the part after "
                "the user name’s colon) and type it in Password below: it is kept in the "
                "keyring, not in the settings.");

  ssa_gui_show_field_message (self->team_uri_message, GTK_WIDGET (self->team_uri_row), problem);
  if (problem != NULL)
    return NULL;
  return g_steal_pointer (&uri);
}

static void
show_team_status (SsaPreferences *self,
                  const char     *message,
                  gboolean        failed)
{
  gtk_label_set_label (self->team_status, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->team_status), message != NULL);
  if (failed)
    gtk_widget_add_css_class (GTK_WIDGET (self->team_status), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->team_status), "error");
}

static void
team_uri_changed_cb (SsaPreferences *self)
{
  g_autofree char *uri = NULL;
  g_autofree char *typed = NULL;

  if (self->settings == NULL || self->team_filling)
    return;
  uri = read_team_uri (self, FALSE);
  typed = ssa_gui_row_dup_text (self->team_uri_row);
  /* Only an address that may be kept is kept: never one that holds a password. */
  if (uri != NULL || typed == NULL)
    g_settings_set_string (self->settings, "team-database-uri", uri != NULL ? uri : "");
}

static void
team_switch_cb (SsaPreferences *self)
{
  if (self->team_filling)
    return;
  show_team_status (self, gtk_switch_get_active (self->team_switch)
                          ? _("SSA Desk opens the team database when it starts again.")
                          : _("SSA Desk opens the database file on this computer when it "
                              "starts again."), FALSE);
}

static void
team_connect_job (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaTeamDb) db = ssa_team_db_open (task_data, &error);
  gint64 version = 0;

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!ssa_team_db_get_schema_version (db, &version, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_int (task, version);
}

static void
team_connected_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SsaPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gssize version = g_task_propagate_int (G_TASK (result), &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->team_connect_button), TRUE);
  if (error != NULL)
    {
      show_team_status (self, error->message, TRUE);
      toast (self, _("The team database could not be opened"));
      return;
    }
  message = g_strdup_printf (_("Connected to %s (schema version %d)."),
                             (const char *) g_task_get_task_data (G_TASK (result)),
                             (int) version);
  show_team_status (self, message, FALSE);
  toast (self, _("Connected to the team database"));
}

static void
team_password_stored_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(SsaPreferences) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  GTask *task;

  /* Without a keyring the password still serves this session, in memory. */
  if (!ssa_credentials_store_team_password_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast (self, error->message);
    }

  uri = read_team_uri (self, TRUE);
  if (uri == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->team_connect_button), TRUE);
      return;
    }
  show_team_status (self, _("Connecting…"), FALSE);
  task = g_task_new (NULL, self->cancellable, team_connected_cb, g_object_ref (self));
  g_task_set_name (task, "[ssa-desk] team database connect");
  g_task_set_task_data (task, g_steal_pointer (&uri), g_free);
  g_task_run_in_thread (task, team_connect_job);
  g_object_unref (task);
}

static void
team_connect_cb (SsaPreferences *self)
{
  g_autofree char *uri = read_team_uri (self, TRUE);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->team_password_row));

  if (uri == NULL)
    {
      show_team_status (self, NULL, FALSE);
      return;
    }
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "team-database-uri", uri);

  /* The password reaches libpq in this process's memory; an empty one leaves libpq's own
   * sources (PGPASSWORD, ~/.pgpass, a service file). */
  ssa_team_db_set_password (uri, password);
  gtk_widget_set_sensitive (GTK_WIDGET (self->team_connect_button), FALSE);
  ssa_credentials_store_team_password_async (uri, password, self->cancellable,
                                             team_password_stored_cb, g_object_ref (self));
}

static void
team_password_found_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(SsaPreferences) self = user_data;
  char *password = ssa_credentials_lookup_team_password_finish (result, NULL);

  if (password == NULL)
    return;
  if (*gtk_editable_get_text (GTK_EDITABLE (self->team_password_row)) == '\0')
    ssa_gui_row_set_text (ADW_ENTRY_ROW (self->team_password_row), password);
  ssa_credentials_wipe_string (password);
}

static void
fill_team (SsaPreferences *self)
{
  g_autofree char *uri = NULL;

  if (self->settings == NULL)
    return;
  self->team_filling = TRUE;
  uri = g_settings_get_string (self->settings, "team-database-uri");
  ssa_gui_row_set_text (self->team_uri_row, uri);
  g_settings_bind (self->settings, "use-team-database", self->team_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  self->team_filling = FALSE;
  if (*uri != '\0')
    ssa_credentials_lookup_team_password_async (uri, self->cancellable, team_password_found_cb,
                                                g_object_ref (self));
}

/* Settings. */

static gboolean
language_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *lang = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (lang, languages[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
language_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint i = g_value_get_uint (value);

  return g_variant_new_string (languages[i < G_N_ELEMENTS (languages) ? i : 0]);
}

static gboolean
ssa_preferences_close_request (GtkWindow *window)
{
  SsaPreferences *self = SSA_PREFERENCES (window);

  /* The last change is saved even when the window closes within the delay. */
  if (self->save_source != 0)
    save_profile_now (self);

  return GTK_WINDOW_CLASS (ssa_preferences_parent_class)->close_request (window);
}

static void
ssa_preferences_dispose (GObject *object)
{
  SsaPreferences *self = (SsaPreferences *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->save_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_PREFERENCES);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ssa_preferences_parent_class)->dispose (object);
}

static void
ssa_preferences_finalize (GObject *object)
{
  SsaPreferences *self = (SsaPreferences *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->profile, ssa_profile_free);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (ssa_preferences_parent_class)->finalize (object);
}

static void
ssa_preferences_class_init (SsaPreferencesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = ssa_preferences_dispose;
  object_class->finalize = ssa_preferences_finalize;
  window_class->close_request = ssa_preferences_close_request;

  /**
   * SsaPreferences::profile-changed:
   * @self: the preferences
   *
   * The reseller's profile was saved.
   */
  signals[PROFILE_CHANGED] =
    g_signal_new ("profile-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-preferences.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, company_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, reseller_page);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, db_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, keep_days_spin);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, keep_weeks_spin);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, backup_button);
  gtk_widget_class_bind_template_callback (widget_class, backup_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, org_no_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, org_no_message);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, vat_switch);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, register_switch);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, address_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, phone_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, email_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, our_reference_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, display_name_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, registry_switch);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, logo_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, logo_clear_button);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, terms_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, validity_spin);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, rate_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, rate_message);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, url_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, url_message);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, login_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, user_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, password_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, token_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, save_login_button);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, reminder_spin);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, language_row);
  gtk_widget_class_bind_template_callback (widget_class, profile_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_logo_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_logo_cb);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, login_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_login_cb);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, backups_group);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, team_switch);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, team_uri_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, team_uri_message);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, team_password_row);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, team_connect_button);
  gtk_widget_class_bind_template_child (widget_class, SsaPreferences, team_status);
  gtk_widget_class_bind_template_callback (widget_class, team_uri_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_switch_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_connect_cb);
}

static void
ssa_preferences_init (SsaPreferences *self)
{
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  ssa_gui_name_library_widgets (GTK_WIDGET (self));

  /* The application's: the window watches the keys set here. */
  self->settings = ssa_application_get_settings_for_widget (GTK_WIDGET (self));
  if (self->settings != NULL)
    g_object_ref (self->settings);
  if (self->settings != NULL)
    {
      g_autofree char *url = g_settings_get_string (self->settings, "price-list-url");

      ssa_gui_row_set_text (self->url_row, url);
      g_settings_bind (self->settings, "refresh-interval-days",
                       gtk_spin_button_get_adjustment (self->interval_spin), "value",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "reminder-days",
                       gtk_spin_button_get_adjustment (self->reminder_spin), "value",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "backup-keep-days",
                       gtk_spin_button_get_adjustment (self->keep_days_spin), "value",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "backup-keep-weeks",
                       gtk_spin_button_get_adjustment (self->keep_weeks_spin), "value",
                       G_SETTINGS_BIND_DEFAULT);
      /* "Vår ref." on offers: a setting of this user, not part of the shared profile. */
      g_settings_bind (self->settings, "our-reference", self->our_reference_row, "text",
                       G_SETTINGS_BIND_DEFAULT);
      /* Who the database records; the application watches the key. */
      g_settings_bind (self->settings, "display-name", self->display_name_row, "text",
                       G_SETTINGS_BIND_DEFAULT);
      /* Off until the user turns it on: the lookup sends the number out. */
      g_settings_bind (self->settings, "registry-lookup", self->registry_switch, "active",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind_with_mapping (self->settings, "document-language",
                                    self->language_row, "selected", G_SETTINGS_BIND_DEFAULT,
                                    language_get_mapping, language_set_mapping, NULL, NULL);

      if (url != NULL && *url != '\0')
        ssa_credentials_lookup_async (url, self->cancellable, credentials_found_cb,
                                      g_object_ref (self));
    }
  fill_team (self);
  update_login_rows (self);
  self->loading = FALSE;
}

/**
 * ssa_preferences_new:
 * @parent: (nullable): the main window
 * @db_path: (nullable): the database whose profile is edited
 *
 * Returns: (transfer none): the preferences window; it destroys itself when closed
 */
SsaPreferences *
ssa_preferences_new (GtkWindow  *parent,
                     const char *db_path)
{
  SsaPreferences *self = g_object_new (SSA_TYPE_PREFERENCES,
                                       "transient-for", parent,
                                       "modal", TRUE,
                                       NULL);

  self->db_path = g_strdup (db_path);
  {
    /* A team database is named without anything the URI might hold beyond its address;
     * its backups are the server's, not these. */
    gboolean team = db_path != NULL && ssa_team_db_is_uri (db_path);
    g_autofree char *shown = db_path == NULL ? NULL
                             : team ? ssa_team_db_describe (db_path)
                             : g_filename_display_name (db_path);

    adw_action_row_set_subtitle (self->db_row, shown != NULL ? shown : "");
    gtk_widget_set_visible (GTK_WIDGET (self->backups_group), !team);
  }
  if (db_path != NULL)
    ssa_db_job_run_async (db_path, load_profile_job, NULL, NULL,
                          (GDestroyNotify) ssa_profile_free, self->cancellable,
                          profile_loaded_cb, g_object_ref (self));
  return self;
}

/* Whether the profile has been read and is being edited. */
gboolean
ssa_preferences_get_loaded (SsaPreferences *self)
{
  g_return_val_if_fail (SSA_IS_PREFERENCES (self), FALSE);

  return self->loaded;
}

/**
 * ssa_preferences_set_read_only:
 * @self: the preferences
 * @read_only: whether the database is read-only (see SsaRepository:read-only)
 *
 * A read-only database keeps its profile as it is: the reseller's page cannot be edited.
 */
void
ssa_preferences_set_read_only (SsaPreferences *self,
                               gboolean        read_only)
{
  g_return_if_fail (SSA_IS_PREFERENCES (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->reseller_page), !read_only);
}
