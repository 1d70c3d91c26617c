/* ssa-window-loading.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-backup.h"
#include "ssa-db.h"
#include "ssa-db-price-lists.h"
#include "ssa-db-offers.h"
#include "ssa-gui-util.h"
#include "ssa-offer-builder.h"
#include "ssa-page-common.h"
#include "ssa-product.h"
#include "ssa-refresh.h"
#include "ssa-restore-dialog.h"
#include "ssa-samples.h"
#include "ssa-window-private.h"

static void load_price_list (SsaWindow *self);

/* SsaWindow's loading: the database through the repository, then the current price list and
 * the reseller's profile in workers; the start-up check with the daily backup; restoring a
 * backup; the page shown when the database cannot be opened. */

/* What loading the current price list finds: the list, and whether it is older than the
 * refresh interval of the settings, so that the window fetches a new one in the
 * background. */
typedef struct
{
  SsaPriceList *price_list;
  char         *sha256;
  gboolean      refresh_due;
} PriceListLoad;

static void
price_list_load_free (PriceListLoad *load)
{
  g_clear_pointer (&load->price_list, ssa_price_list_unref);
  g_free (load->sha256);
  g_free (load);
}

static gpointer
load_price_list_job (SsaDb         *db,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(SsaDbPriceListInfo) info = NULL;
  /* The window's settings, handed over by the main thread. */
  GSettings *settings = data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  PriceListLoad *load;
  SsaPriceList *price_list;

  price_list = ssa_db_load_current_price_list (db, &info, error);
  if (price_list == NULL)
    return NULL;

  load = g_new0 (PriceListLoad, 1);
  load->price_list = price_list;
  load->sha256 = g_strdup (info->sha256);
  /* Without the schema (an uninstalled run without GSETTINGS_SCHEMA_DIR) there is no URL
   * to refresh from: the stored list simply stays current. */
  load->refresh_due = settings != NULL &&
                      ssa_refresh_check_settings (settings, info->source_url, info->fetched_at,
                                                  now, NULL) == SSA_REFRESH_DUE;
  return load;
}

/* @sha256 is that of the stored list's document, %NULL for the bundled sample. */
static void
set_price_list (SsaWindow    *self,
                SsaPriceList *price_list,
                const char   *sha256)
{
  g_autoptr(GPtrArray) products = NULL;

  if (self->price_list == price_list)
    return;
  /* Reading the same stored list again (when the window reloads) must not rebuild the
   * products and recompute the offer. A stored list never changes, and no two stored lists
   * have the same document SHA-256, while two may have the same list id (a distributor's
   * corrected list keeps its id). */
  if (self->price_list != NULL && sha256 != NULL &&
      g_strcmp0 (self->price_list_sha256, sha256) == 0)
    return;

  g_clear_pointer (&self->price_list, ssa_price_list_unref);
  self->price_list = ssa_price_list_ref (price_list);
  g_free (self->price_list_sha256);
  self->price_list_sha256 = g_strdup (sha256);

  products = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < price_list->products->len; i++)
    g_ptr_array_add (products,
                     ssa_product_new_from_price_list_product (g_ptr_array_index (price_list->products,
                                                                                 i)));
  g_list_store_splice (self->products, 0, g_list_model_get_n_items (G_LIST_MODEL (self->products)),
                       products->pdata, products->len);

  if (self->installation_view != NULL)
    {
      SsaInventoryView *inventory =
        ssa_installation_view_get_inventory_view (self->installation_view);

      ssa_inventory_view_set_price_list (inventory, price_list);
      ssa_offer_builder_set_price_list (get_builder (self), price_list);
    }
}

static void
price_list_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SsaWindow) self = user_data;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(GError) error = NULL;
  PriceListLoad *load;
  gboolean refresh_due = FALSE;

  load = ssa_db_job_finish (result, &error);
  if (load != NULL)
    {
      price_list = g_steal_pointer (&load->price_list);
      sha256 = g_steal_pointer (&load->sha256);
      refresh_due = load->refresh_due;
      price_list_load_free (load);
    }
  if (price_list == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Offers still work against the bundled sample list; saving them needs a stored one. */
      message = g_strdup_printf (_("%s Offers are computed with the sample price list "
                                   "until then."), error->message);
      show_banner (self, message);
      price_list = ssa_samples_load_price_list (NULL);
    }

  if (price_list != NULL)
    set_price_list (self, price_list, sha256);
  set_ready (self, TRUE);

  /* The current list is older than the refresh interval: fetch in the background. The
   * price list page shows the progress and tells the result in a toast. */
  if (refresh_due)
    ssa_price_list_page_refresh (SSA_PRICE_LIST_PAGE (ensure_page (self, "price-list")));
}

static void
load_price_list (SsaWindow *self)
{
  if (self->db_path == NULL)
    return;
  ssa_db_job_run_async (self->db_path, load_price_list_job,
                        self->settings != NULL ? g_object_ref (self->settings) : NULL,
                        g_object_unref, (GDestroyNotify) price_list_load_free, self->cancellable,
                        price_list_loaded_cb, g_object_ref (self));
}

/* The current price list read again (another client may have stored a new one). */
void
reload_price_list (SsaWindow *self)
{
  load_price_list (self);
}

static gpointer
load_profile_job (SsaDb         *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return ssa_db_load_profile (db, error);
}

/* The reseller's defaults for new offers: the profile's, which the command line shares;
 * the settings' labour rate where the profile has none. */
static void
apply_defaults (SsaWindow  *self,
                SsaProfile *profile)
{
  gboolean has_rate = profile->has_default_labour_rate;
  gint64 rate = profile->default_labour_rate;

  if (!has_rate && self->settings != NULL)
    {
      g_autofree char *text = g_settings_get_string (self->settings, "default-labour-rate");

      has_rate = ssa_gui_parse_decimal (text, &rate, NULL);
    }
  self->has_defaults = TRUE;
  self->validity_days = (guint) profile->default_validity_days;
  self->has_labour_rate = has_rate;
  self->labour_rate = rate;
  if (self->installation_view != NULL)
    ssa_offer_builder_set_defaults (get_builder (self), self->validity_days, has_rate, rate);
}

static void
profile_loaded_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SsaWindow) self = user_data;
  g_autoptr(SsaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;

  profile = ssa_db_job_finish (result, &error);
  if (profile == NULL)
    {
      /* Without a profile the defaults of the settings stay: nothing to tell. */
      return;
    }
  apply_defaults (self, profile);
}

void
load_profile (SsaWindow *self)
{
  if (self->db_path == NULL)
    return;
  ssa_db_job_run_async (self->db_path, load_profile_job, NULL, NULL,
                        (GDestroyNotify) ssa_profile_free, self->cancellable,
                        profile_loaded_cb, g_object_ref (self));
}

/* A refresh on the price list page made another list current, and the page has read it:
 * the window takes that one rather than reading it from the database again. */
void
price_list_changed_cb (SsaWindow        *self,
                       SsaPriceList     *price_list,
                       const char       *sha256,
                       SsaPriceListPage *page)
{
  /* The page could not read it back: reading it here tells the user why, in the banner,
   * and falls back to the sample list as at start-up. */
  if (price_list == NULL)
    {
      load_price_list (self);
      return;
    }
  set_price_list (self, price_list, sha256);
}

/* The start-up check and the daily backup, in a worker on a connection of its own. */

typedef struct
{
  gboolean  writable;       /* take the daily backup when it is due */
  char     *damage;         /* nullable: what the check found */
  char     *backup_problem; /* nullable: why the backup failed */
} StartCheck;

static void
start_check_free (StartCheck *check)
{
  g_free (check->damage);
  g_free (check->backup_problem);
  g_free (check);
}

static gpointer
start_check_job (SsaDb         *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  StartCheck *check = g_new0 (StartCheck, 1);
  g_autoptr(GError) local_error = NULL;
  gboolean taken = FALSE;

  check->writable = GPOINTER_TO_INT (data);
  if (!ssa_db_check (db, SSA_DB_CHECK_QUICK, &local_error))
    {
      if (!g_error_matches (local_error, SSA_DB_ERROR, SSA_DB_ERROR_DAMAGED) &&
          !g_error_matches (local_error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE))
        {
          start_check_free (check);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      check->damage = g_strdup (local_error->message);
      return check;
    }

  /* Only a sound, writable database is backed up: a copy of damage is no backup. */
  if (check->writable && !ssa_db_is_read_only (db) &&
      !ssa_backup_run_if_due (db, &taken, &local_error))
    check->backup_problem = g_strdup (local_error->message);
  return check;
}

static void
start_check_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(SsaWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  StartCheck *check;

  check = ssa_db_job_finish (result, &error);
  if (check == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The database could not be checked: %s"), error->message);
      show_toast (self, message);
      set_checked (self);
      return;
    }

  if (check->damage != NULL)
    {
      g_autofree char *reason =
        /* Translators: %s says what is damaged and what to do. */
        g_strdup_printf (_("%s Editing is off so that nothing more is written into it."),
                         check->damage);

      self->damaged = TRUE;
      ssa_repository_set_read_only (self->repository, reason);
      update_database_banner (self);
    }
  else if (check->backup_problem != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("Today’s backup of the database failed: %s"), check->backup_problem);

      show_toast (self, message);
    }
  start_check_free (check);
  set_checked (self);
}

/* Runs the start-up check now (a check waiting for a frame, queue_start_check (), no
 * longer waits). */
void
start_check (SsaWindow *self)
{
  gboolean writable = !ssa_repository_get_read_only (self->repository);

  self->check_queued = FALSE;
  self->checked = FALSE;
  ssa_db_job_run_async (ssa_repository_get_path (self->repository), start_check_job,
                        GINT_TO_POINTER (writable), NULL, (GDestroyNotify) start_check_free,
                        self->cancellable, start_check_done_cb, g_object_ref (self));
}

/* The start-up check reads the whole file and, on the day's first start, the backup copies
 * it: work that competed for the CPU with the window's first frames after a load (some
 * 14 ms later to the first map on two cores, docs/window.md "Start-up"). It waits for the
 * window's next painted frame (after_paint_cb ()), or for the window to be taken off the
 * screen (ssa_window_unmap ()); the window's first map paints one. */
static void
queue_start_check (SsaWindow *self)
{
  /* A hidden window is not about to be painted. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self)))
    {
      start_check (self);
      return;
    }
  self->check_queued = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Restoring a backup: the window closes its connection, a worker puts the backup in place
 * (keeping the current file aside), and the window loads the database again. */

typedef struct
{
  char *db_path;
  char *backup_path;
  char *aside_path;
} RestoreJob;

static void
restore_job_free (RestoreJob *job)
{
  g_free (job->db_path);
  g_free (job->backup_path);
  g_free (job->aside_path);
  g_free (job);
}

static void
restore_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RestoreJob *job = task_data;
  GError *error = NULL;

  if (!ssa_backup_restore (job->db_path, job->backup_path, &job->aside_path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  SsaWindow *self = SSA_WINDOW (object);
  RestoreJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      ssa_page_show_error (GTK_WIDGET (self), error);
    }
  else
    {
      g_autofree char *backup = g_filename_display_basename (job->backup_path);
      g_autofree char *aside = job->aside_path != NULL
                               ? g_filename_display_name (job->aside_path) : NULL;
      g_autofree char *message = NULL;

      if (aside != NULL)
        /* Translators: the first %s is a backup's file name, the second a file's path. */
        message = g_strdup_printf (_("Restored the backup %s. The file it replaced is kept "
                                     "among the backups as %s."), backup, aside);
      else
        message = g_strdup_printf (_("Restored the backup %s."), backup);
      show_toast (self, message);
      self->damaged = FALSE;
    }

  /* Whether it worked or not, the window reads the file that is there now. */
  self->restoring = FALSE;
  self->reload_pages = TRUE;
  start_loading (self);
}

static void
restore_chosen_cb (SsaWindow        *self,
                   const char       *backup_path,
                   SsaRestoreDialog *dialog)
{
  g_autoptr(GTask) task = NULL;
  RestoreJob *job = g_new0 (RestoreJob, 1);

  job->db_path = g_strdup (ssa_repository_get_path (self->repository));
  job->backup_path = g_strdup (backup_path);

  /* Nothing of the old file may stay in use: the selection, an undo, the connection. */
  clear_undo (self);
  ssa_sidebar_select (self->sidebar, NULL);
  self->restoring = TRUE;
  ssa_repository_close (self->repository);
  update_actions (self);
  set_ready (self, FALSE);
  /* The database is checked again once it is read. */
  self->checked = FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  gtk_stack_set_visible_child_name (self->content_stack, "loading");

  task = g_task_new (self, self->cancellable, restored_cb, NULL);
  g_task_set_source_tag (task, restore_chosen_cb);
  g_task_set_name (task, "[ssa-desk] restore backup");
  g_task_set_task_data (task, job, (GDestroyNotify) restore_job_free);
  g_task_run_in_thread (task, restore_thread);
}

void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  SsaRestoreDialog *dialog = ssa_restore_dialog_new (GTK_WINDOW (self),
                                                     ssa_repository_get_path (self->repository));

  g_signal_connect_object (dialog, "restore", G_CALLBACK (restore_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Shown when the database cannot be opened; built only then. */
static void
ensure_error_page (SsaWindow *self)
{
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *button;
  GtkWidget *buttons;

  if (self->error_page != NULL)
    return;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (_("SSA Desk"), NULL));
  gtk_box_append (GTK_BOX (box), header);

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, _("The Database Cannot Be Opened"));
  gtk_widget_set_vexpand (GTK_WIDGET (self->error_page), TRUE);
  buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  button = gtk_button_new_with_mnemonic (_("_Try Again"));
  gtk_widget_add_css_class (button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.reload");
  gtk_box_append (GTK_BOX (buttons), button);
  /* A file too damaged to open may still be restored from a backup. */
  button = gtk_button_new_with_mnemonic (_("_Restore from Backup…"));
  gtk_widget_add_css_class (button, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.restore-backup");
  gtk_box_append (GTK_BOX (buttons), button);
  ssa_gui_fix_mnemonic_names (buttons);
  adw_status_page_set_child (self->error_page, buttons);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_page));

  adw_bin_set_child (self->error_bin, box);
}

static void
repository_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(SsaWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ssa_repository_load_finish (SSA_REPOSITORY (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      ensure_error_page (self);
      adw_status_page_set_description (self->error_page, error->message);
      /* A team database's server that does not answer is tried again by itself. */
      team_load_failed (self, error);
      gtk_stack_set_visible_child_name (self->main_stack, "error");
      set_ready (self, TRUE);
      return;
    }

  g_free (self->db_path);
  self->db_path = ssa_page_dup_database_path (self->repository);
  if (self->installation_view != NULL)
    ssa_offer_builder_set_db_path (get_builder (self), self->db_path);

  if (self->renewals_page != NULL)
    ssa_renewals_page_set_repository (self->renewals_page, self->repository);
  if (self->offers_page != NULL)
    ssa_offers_page_set_repository (self->offers_page, self->repository);
  if (self->price_list_page != NULL)
    ssa_price_list_page_set_repository (self->price_list_page, self->repository);

  /* After a restore, the pages read the restored file. */
  if (self->reload_pages)
    {
      self->reload_pages = FALSE;
      if (self->renewals_page != NULL)
        ssa_renewals_page_reload (self->renewals_page);
      if (self->offers_page != NULL)
        ssa_offers_page_reload (self->offers_page);
      if (self->price_list_page != NULL)
        ssa_price_list_page_reload (self->price_list_page);
    }

  /* From "loading" at once: a crossfade from the spinner is a dozen frames that each draw
   * both pages into offscreen surfaces, right after a large load when the window has the
   * most to do. */
  {
    GtkStackTransitionType transition = gtk_stack_get_transition_type (self->content_stack);

    gtk_stack_set_transition_type (self->content_stack, GTK_STACK_TRANSITION_TYPE_NONE);
    show_nothing_picked (self);
    gtk_stack_set_transition_type (self->content_stack, transition);
  }
  update_main_page (self);
  update_actions (self);
  update_database_banner (self);

  load_price_list (self);
  load_profile (self);
  queue_start_check (self);
  team_start_listening (self);
}

void
start_loading (SsaWindow *self)
{
  /* The lists are read again: the history's objects are no longer the ones shown. */
  finish_all_deletions (self);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  update_undo_actions (self);
  set_ready (self, FALSE);
  /* The database is checked again once it is read. */
  self->checked = FALSE;
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  /* The page the content shows once the load is done is built now, behind "loading": the
   * content's stack measures all its pages, so that its text is shaped in the window's
   * first frame, while the worker reads, instead of in the first frame after a large load,
   * when the sidebar is still filling in (some 5 ms of text shaping). */
  if (adw_bin_get_child (self->none_bin) == NULL)
    show_nothing_picked (self);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  /* At construction only the page is shown: the window reads once it is mapped. */
  if (!self->load_on_map)
    read_database (self);
}

/* Reads the database in a worker; repository_loaded_cb () applies what it found. */
void
read_database (SsaWindow *self)
{
  self->load_on_map = FALSE;
  ssa_repository_load_async (self->repository, self->cancellable, repository_loaded_cb,
                             g_object_ref (self));
}

void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  start_loading (SSA_WINDOW (widget));
}
