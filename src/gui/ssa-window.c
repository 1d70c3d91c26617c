/* ssa-window.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-application.h"
#include "ssa-customer-view.h"
#include "ssa-gui-util.h"
#include "ssa-installation-view.h"
#include "ssa-inventory-view.h"
#include "ssa-offer-builder.h"
#include "ssa-offers-page.h"
#include "ssa-page-common.h"
#include "ssa-price-list-page.h"
#include "ssa-product.h"
#include "ssa-renewals-page.h"
#include "ssa-sidebar.h"
#include "ssa-welcome-page.h"
#include "ssa-window.h"
#include "ssa-window-private.h"

/* The main window: customers and installations in a sidebar (an AdwLeaflet that folds at
 * narrow widths), and four views: the selected installation's inventory with the offer
 * builder beside it (an AdwFlap that folds too), renewals, the offers register and the
 * price list.
 *
 * The window shows at once; the repository loads the database in a worker thread and
 * fills the lists when it is done, and the current price list is read the same way. An
 * empty database gets a welcome page that loads the sample installations or imports
 * installation files. Every change to a customer, an installation or a licence is written
 * through by the repository; deletions can be undone from their toast.
 *
 * Once loaded, a worker runs SQLite's quick check and then, when the database passed and can
 * be written, the daily backup. A damaged database makes the window read-only (nothing more
 * is written into it) and offers to restore a backup; so does a read-only file.
 *
 * This file builds the window and shows what is selected; the other subjects have files of
 * their own, sharing ssa-window-private.h: ssa-window-actions.c, ssa-window-import.c,
 * ssa-window-loading.c, ssa-window-messages.c and ssa-window-undo.c. */

G_DEFINE_FINAL_TYPE (SsaWindow, ssa_window, ADW_TYPE_APPLICATION_WINDOW)

GParamSpec *ssa_window_properties[N_PROPS];

static void offer_saved_cb     (SsaWindow        *self,
                                const char       *number,
                                SsaOfferBuilder  *builder);

/* What is shown. */

void
set_ready (SsaWindow *self,
           gboolean   ready)
{
  if (self->ready == ready)
    return;
  self->ready = ready;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

void
update_main_page (SsaWindow *self)
{
  GListModel *installations;
  GListModel *customers;

  if (!ssa_repository_get_loaded (self->repository))
    return;

  installations = ssa_repository_get_installations (self->repository);
  customers = ssa_repository_get_customers (self->repository);
  if (g_list_model_get_n_items (installations) == 0 && g_list_model_get_n_items (customers) == 0)
    {
      if (adw_bin_get_child (self->welcome_bin) == NULL)
        {
          GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
          GMenu *menu = app != NULL ? gtk_application_get_menu_by_id (app, "primary-menu") : NULL;

          adw_bin_set_child (self->welcome_bin,
                             ssa_welcome_page_new (menu != NULL ? G_MENU_MODEL (menu) : NULL));
        }
      gtk_stack_set_visible_child_name (self->main_stack, "welcome");
    }
  else
    gtk_stack_set_visible_child_name (self->main_stack, "main");
}

/* What the content shows with nothing picked; made the first time it is needed. */
void
show_nothing_picked (SsaWindow *self)
{
  if (adw_bin_get_child (self->none_bin) == NULL)
    {
      GtkWidget *page = adw_status_page_new ();

      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "network-server-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("No Installation Selected"));
      adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                       _("Pick an installation in the list to see its licences "
                                         "and make an SSA offer"));
      adw_bin_set_child (self->none_bin, page);
    }
  gtk_stack_set_visible_child_name (self->content_stack, "none");
}

/* The installation's view (licences and offer builder), built the first time it is
 * needed, with what the window knows by then. */
static SsaInstallationView *
ensure_installation_view (SsaWindow *self)
{
  SsaInventoryView *inventory;
  SsaOfferBuilder *builder;
  AdwFlap *flap;

  if (self->installation_view != NULL)
    return self->installation_view;

  self->installation_view = SSA_INSTALLATION_VIEW (ssa_installation_view_new ());
  inventory = ssa_installation_view_get_inventory_view (self->installation_view);
  builder = ssa_installation_view_get_offer_builder (self->installation_view);
  flap = ssa_installation_view_get_flap (self->installation_view);

  ssa_inventory_view_set_repository (inventory, self->repository);
  ssa_offer_builder_set_read_only (builder, ssa_repository_get_read_only (self->repository));
  ssa_inventory_view_set_products (inventory, G_LIST_MODEL (self->products));
  if (self->price_list != NULL)
    {
      ssa_inventory_view_set_price_list (inventory, self->price_list);
      ssa_offer_builder_set_price_list (builder, self->price_list);
    }
  if (self->repository != NULL && ssa_repository_get_loaded (self->repository))
    ssa_offer_builder_set_db_path (builder, self->db_path);
  if (self->has_defaults)
    ssa_offer_builder_set_defaults (builder, self->validity_days, self->has_labour_rate,
                                    self->labour_rate);

  g_signal_connect_object (inventory, "licence-removed", G_CALLBACK (licence_removed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (builder, "offer-saved", G_CALLBACK (offer_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->offer_toggle, "active", flap, "reveal-flap",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  adw_bin_set_child (self->installation_bin, GTK_WIDGET (self->installation_view));
  return self->installation_view;
}

SsaOfferBuilder *
get_builder (SsaWindow *self)
{
  return ssa_installation_view_get_offer_builder (ensure_installation_view (self));
}

AdwFlap *
get_flap (SsaWindow *self)
{
  return ssa_installation_view_get_flap (ensure_installation_view (self));
}

/* The renewals, offers and price list pages, each built when its view is first shown. */
GtkWidget *
ensure_page (SsaWindow  *self,
             const char *name)
{
  gboolean loaded = self->repository != NULL && ssa_repository_get_loaded (self->repository);

  if (g_strcmp0 (name, "renewals") == 0)
    {
      if (self->renewals_page == NULL)
        {
          self->renewals_page = SSA_RENEWALS_PAGE (ssa_renewals_page_new ());
          if (loaded)
            ssa_renewals_page_set_repository (self->renewals_page, self->repository);
          adw_bin_set_child (self->renewals_bin, GTK_WIDGET (self->renewals_page));
        }
      return GTK_WIDGET (self->renewals_page);
    }
  if (g_strcmp0 (name, "offers") == 0)
    {
      if (self->offers_page == NULL)
        {
          self->offers_page = SSA_OFFERS_PAGE (ssa_offers_page_new ());
          if (loaded)
            ssa_offers_page_set_repository (self->offers_page, self->repository);
          adw_bin_set_child (self->offers_bin, GTK_WIDGET (self->offers_page));
        }
      return GTK_WIDGET (self->offers_page);
    }
  if (g_strcmp0 (name, "price-list") == 0)
    {
      if (self->price_list_page == NULL)
        {
          self->price_list_page = SSA_PRICE_LIST_PAGE (ssa_price_list_page_new ());
          if (loaded)
            ssa_price_list_page_set_repository (self->price_list_page, self->repository);
          g_signal_connect_object (self->price_list_page, "price-list-changed",
                                   G_CALLBACK (price_list_changed_cb), self,
                                   G_CONNECT_SWAPPED);
          adw_bin_set_child (self->price_list_bin, GTK_WIDGET (self->price_list_page));
        }
      return GTK_WIDGET (self->price_list_page);
    }
  return NULL;
}

void
update_actions (SsaWindow *self)
{
  gboolean loaded = self->repository != NULL && ssa_repository_get_loaded (self->repository);
  /* Every action that writes follows SsaRepository:read-only. */
  gboolean writable = loaded && !self->restoring &&
                      !ssa_repository_get_read_only (self->repository);
  gboolean installation = self->shown_installation != NULL;
  gboolean customer = self->shown_customer != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-customer", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-installation", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-installation", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-customers", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-samples", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", writable);
  /* Everything in the Add menu writes. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_menu_button), writable);
  /* A restore writes the database: not in a window asked to change nothing. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-backup",
                                 !self->open_read_only && !self->restoring);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-customer", customer && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-customer", customer && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit-installation",
                                 installation && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-installation",
                                 installation && writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-offer", installation);
  /* Shown whether or not the offer is folded away: an offer hidden with F9 in a wide
   * window comes back with it too. */
  gtk_widget_set_visible (GTK_WIDGET (self->offer_toggle),
                          installation && self->installation_view != NULL &&
                          g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack),
                                     "inventory") == 0);
}

static void
show_item (SsaWindow *self,
           GObject   *item)
{
  g_clear_object (&self->shown_installation);
  g_clear_object (&self->shown_customer);

  if (SSA_IS_INSTALLATION (item))
    {
      self->shown_installation = g_object_ref (SSA_INSTALLATION (item));
      ensure_installation_view (self);
      gtk_stack_set_visible_child_name (self->content_stack, "installation");
    }
  else if (SSA_IS_CUSTOMER (item))
    {
      self->shown_customer = g_object_ref (SSA_CUSTOMER (item));
      if (self->customer_view == NULL)
        {
          self->customer_view = SSA_CUSTOMER_VIEW (ssa_customer_view_new ());
          adw_bin_set_child (self->customer_bin, GTK_WIDGET (self->customer_view));
        }
      gtk_stack_set_visible_child_name (self->content_stack, "customer");
    }
  else if (ssa_repository_get_loaded (self->repository))
    show_nothing_picked (self);

  if (self->installation_view != NULL)
    ssa_installation_view_set_installation (self->installation_view, self->shown_installation);
  if (self->customer_view != NULL)
    ssa_customer_view_set_customer (self->customer_view, self->shown_customer);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTALLATION_ARCHIVED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ARCHIVED]);
}

static void
sidebar_selected_cb (SsaWindow  *self,
                     GParamSpec *pspec,
                     SsaSidebar *sidebar)
{
  GObject *item = ssa_sidebar_get_selected (sidebar);

  show_item (self, item);
  if (item != NULL)
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "inventory");
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
    }
}

static void
sidebar_activated_cb (SsaWindow  *self,
                      GObject    *item,
                      SsaSidebar *sidebar)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "inventory");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* The view switcher at the bottom appears when the title has no room for one: it is made
 * the first time the window is that narrow. */
static void
title_visible_cb (SsaWindow *self)
{
  if (self->switcher_bar != NULL ||
      !adw_view_switcher_title_get_title_visible (self->switcher_title))
    return;

  self->switcher_bar = ADW_VIEW_SWITCHER_BAR (adw_view_switcher_bar_new ());
  adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
  g_object_bind_property (self->switcher_title, "title-visible", self->switcher_bar, "reveal",
                          G_BINDING_SYNC_CREATE);
  gtk_box_append (self->content_box, GTK_WIDGET (self->switcher_bar));
}

static void
view_changed_cb (SsaWindow *self)
{
  ensure_page (self, adw_view_stack_get_visible_child_name (self->view_stack));
  update_actions (self);
}

static void
read_only_changed_cb (SsaWindow     *self,
                      GParamSpec    *pspec,
                      SsaRepository *repository)
{
  update_database_banner (self);
  update_actions (self);
  if (self->installation_view != NULL)
    ssa_offer_builder_set_read_only (get_builder (self), ssa_repository_get_read_only (repository));
}

static void
offer_saved_cb (SsaWindow       *self,
                const char      *number,
                SsaOfferBuilder *builder)
{
  /* Pages not built yet read the database when they are. */
  if (self->offers_page != NULL)
    ssa_offers_page_reload (self->offers_page);
  if (self->renewals_page != NULL)
    ssa_renewals_page_reload (self->renewals_page);
}

static void
installations_changed_cb (SsaWindow  *self,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GListModel *installations)
{
  /* The first installation ends the welcome; the renewals follow every change. */
  if (added > 0 && g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "welcome") == 0)
    update_main_page (self);
}

void
set_checked (SsaWindow *self)
{
  self->checked = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

/* Overrides. */

static gboolean
ssa_window_close_request (GtkWindow *window)
{
  SsaWindow *self = SSA_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  /* Work in flight has nobody to report to any more. Deletions still offering their Undo
   * are made final: an Undo is not kept past the window (docs/window.md). */
  g_cancellable_cancel (self->cancellable);
  if (self->repository != NULL && ssa_repository_get_loaded (self->repository))
    finish_all_deletions (self);

  return GTK_WINDOW_CLASS (ssa_window_parent_class)->close_request (window);
}

static void
create_menu_cb (GtkMenuButton *button,
                gpointer       user_data)
{
  GtkApplication *app;

  if (gtk_menu_button_get_menu_model (button) != NULL)
    return;
  app = gtk_window_get_application (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (button))));
  if (app != NULL)
    gtk_menu_button_set_menu_model (button,
                                    G_MENU_MODEL (gtk_application_get_menu_by_id (app, user_data)));
}

static void
ssa_window_constructed (GObject *object)
{
  SsaWindow *self = (SsaWindow *)object;

  G_OBJECT_CLASS (ssa_window_parent_class)->constructed (object);

  self->repository = ssa_repository_new (self->db_path);
  g_signal_connect_object (self->repository, "write-failed", G_CALLBACK (write_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->repository, "stored", G_CALLBACK (stored_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->repository, "notify::read-only",
                           G_CALLBACK (read_only_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->open_read_only)
    {
      ssa_db_job_set_read_only (ssa_repository_get_path (self->repository));
      ssa_repository_set_read_only (self->repository,
                                    _("The database is open read-only, as asked with "
                                      "--read-only: nothing can be changed. Start SSA Desk "
                                      "without --read-only to make changes."));
    }
  g_signal_connect_object (ssa_repository_get_installations (self->repository), "items-changed",
                           G_CALLBACK (installations_changed_cb), self, G_CONNECT_SWAPPED);
  ssa_sidebar_set_repository (self->sidebar, self->repository);

  /* The menus' popovers are built when first opened. */
  gtk_menu_button_set_create_popup_func (self->primary_menu_button, create_menu_cb,
                                         (gpointer) "primary-menu", NULL);
  gtk_menu_button_set_create_popup_func (self->add_menu_button, create_menu_cb,
                                         (gpointer) "add-menu", NULL);

  /* The content shows "loading" only while the database is being loaded or restored: its
   * spinner spins while it is on screen (after ssa_page_set_busy()'s delay), and stops when
   * the page gives way (a spinning spinner on a hidden page kept the frame clock ticking). */
  ssa_page_set_busy (self->loading_spinner, TRUE);

  /* The window starts on the "loading" page, not ready; the database is read in a worker
   * once the window is first mapped (ssa_window_map ()). Read from construction on, the
   * worker competed for the CPU with realising, laying out and mapping the window, and the
   * first window with 5 000 installations was mapped some 18 ms later on two cores, while
   * the time until 50 000 were listed was no shorter (docs/window.md, "Start-up"). */
  self->load_on_map = TRUE;
  start_loading (self);
}

static void
ssa_window_map (GtkWidget *widget)
{
  SsaWindow *self = SSA_WINDOW (widget);

  GTK_WIDGET_CLASS (ssa_window_parent_class)->map (widget);

  /* The "loading" page has been up since construction: only the read is left. */
  if (self->load_on_map)
    read_database (self);

  /* The window starts with the focus on the sidebar's list rather than on the first
   * focusable widget, the search entry, whose cursor would blink (and draw) for the first
   * ten seconds at rest; typing in the list searches all the same. */
  if (gtk_window_get_focus (GTK_WINDOW (self)) == NULL)
    ssa_sidebar_focus_list (self->sidebar);

  /* When frames are painted, for the toasts' guard (toast_guard_left ()): a passive
   * handler, which keeps no frame clock ticking. */
  if (gtk_widget_get_frame_clock (widget) != self->paint_clock)
    {
      if (self->paint_clock != NULL)
        g_clear_signal_handler (&self->after_paint_handler, self->paint_clock);
      self->after_paint_handler = 0;
      g_set_weak_pointer (&self->paint_clock, gtk_widget_get_frame_clock (widget));
      if (self->paint_clock != NULL)
        self->after_paint_handler = g_signal_connect_object (self->paint_clock, "after-paint",
                                                             G_CALLBACK (after_paint_cb), self,
                                                             G_CONNECT_SWAPPED);
    }
}

static void
ssa_window_unmap (GtkWidget *widget)
{
  SsaWindow *self = SSA_WINDOW (widget);

  GTK_WIDGET_CLASS (ssa_window_parent_class)->unmap (widget);

  /* A window off the screen paints no frame for the start-up check to wait for. */
  if (self->check_queued && !g_cancellable_is_cancelled (self->cancellable))
    start_check (self);
}

static void
ssa_window_dispose (GObject *object)
{
  SsaWindow *self = (SsaWindow *)object;

  g_cancellable_cancel (self->cancellable);
  team_stop (self);
  /* Deletions still offering their Undo are made final: the window closes (docs/window.md). */
  if (self->undo_stack != NULL && self->repository != NULL)
    finish_all_deletions (self);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  drop_pending_toast (self);
  g_clear_handle_id (&self->withdraw_source, g_source_remove);
  g_clear_handle_id (&self->offer_parked_source, g_source_remove);
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->after_paint_handler, self->paint_clock);
  g_clear_weak_pointer (&self->paint_clock);
  g_clear_object (&self->withdrawn_toast);
  if (self->current_toast != NULL)
    current_toast_dismissed_cb (self, self->current_toast);
  g_clear_object (&self->shown_installation);
  g_clear_object (&self->shown_customer);

  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_WINDOW);

  g_clear_object (&self->repository);
  g_clear_object (&self->products);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->price_list, ssa_price_list_unref);

  G_OBJECT_CLASS (ssa_window_parent_class)->dispose (object);
}

static void
ssa_window_finalize (GObject *object)
{
  SsaWindow *self = (SsaWindow *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->undo_writes, g_hash_table_unref);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->price_list_sha256, g_free);

  G_OBJECT_CLASS (ssa_window_parent_class)->finalize (object);
}

static void
ssa_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  SsaWindow *self = SSA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->open_read_only);
      break;

    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;

    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;

    case PROP_INSTALLATION_ARCHIVED:
      g_value_set_boolean (value, self->shown_installation != NULL &&
                                  ssa_installation_get_archived (self->shown_installation));
      break;

    case PROP_CUSTOMER_ARCHIVED:
      g_value_set_boolean (value, self->shown_customer != NULL &&
                                  ssa_customer_get_archived (self->shown_customer));
      break;

    case PROP_CHECKED:
      g_value_set_boolean (value, self->checked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  SsaWindow *self = SSA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;

    case PROP_SHOW_ARCHIVED:
      ssa_window_set_show_archived (self, g_value_get_boolean (value));
      break;

    case PROP_INSTALLATION_ARCHIVED:
      if (self->shown_installation != NULL &&
          ssa_installation_get_archived (self->shown_installation) != g_value_get_boolean (value))
        set_archived (self, G_OBJECT (self->shown_installation), g_value_get_boolean (value));
      break;

    case PROP_CUSTOMER_ARCHIVED:
      if (self->shown_customer != NULL &&
          ssa_customer_get_archived (self->shown_customer) != g_value_get_boolean (value))
        set_archived (self, G_OBJECT (self->shown_customer), g_value_get_boolean (value));
      break;

    case PROP_READ_ONLY:
      self->open_read_only = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_window_class_init (SsaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ssa_window_constructed;
  object_class->dispose = ssa_window_dispose;
  object_class->finalize = ssa_window_finalize;
  object_class->get_property = ssa_window_get_property;
  object_class->set_property = ssa_window_set_property;

  window_class->close_request = ssa_window_close_request;
  widget_class->map = ssa_window_map;
  widget_class->unmap = ssa_window_unmap;

  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /* Open the database read-only whatever its file allows (the --read-only option). */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Whether the sidebar lists archived customers and installations too. */
  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Whether the installation (customer) shown is archived; setting it archives it or brings
   * it back, as a step of the undo history. For the views' toggle buttons. */
  properties[PROP_INSTALLATION_ARCHIVED] =
    g_param_spec_boolean ("installation-archived", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CUSTOMER_ARCHIVED] =
    g_param_spec_boolean ("customer-archived", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* Whether the start-up check of the database (and the daily backup) is over. */
  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  _ssa_window_class_actions_init (klass);

  g_type_ensure (SSA_TYPE_SIDEBAR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, offer_toggle);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, db_banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, db_banner_label);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, db_banner_button);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, db_banner_retry);
  gtk_widget_class_install_action (widget_class, "win.team-retry", NULL, team_retry_action);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, customer_bin);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, none_bin);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, add_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, installation_bin);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, renewals_bin);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, offers_bin);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, price_list_bin);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, welcome_bin);
  gtk_widget_class_bind_template_child (widget_class, SsaWindow, error_bin);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_visible_cb);
}

static void
ssa_window_init (SsaWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->products = g_list_store_new (SSA_TYPE_PRODUCT);
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_entry_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_entry_free);
  self->undo_writes = g_hash_table_new (NULL, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  update_undo_actions (self);
  add_capture_shortcuts (self);
  ssa_gui_fix_mnemonic_names (GTK_WIDGET (self));

  /* The application's one instance; the window is not yet its application's while it is
   * built, so this finds the running application. */
  self->settings = ssa_application_get_settings_for_widget (GTK_WIDGET (self));
  if (self->settings != NULL)
    g_object_ref (self->settings);
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  update_actions (self);
}

/**
 * ssa_window_new:
 * @application: the application
 * @db_path: (nullable): the database to open, %NULL for the default one
 * @read_only: open the database read-only, whatever its file allows
 *
 * Returns: (transfer none): a new window; it starts loading at once
 */
SsaWindow *
ssa_window_new (SsaApplication *application,
                const char     *db_path,
                gboolean        read_only)
{
  return g_object_new (SSA_TYPE_WINDOW,
                       "application", application,
                       "db-path", db_path,
                       "read-only", read_only,
                       NULL);
}

/* Returns: (transfer none): the window's repository */
SsaRepository *
ssa_window_get_repository (SsaWindow *self)
{
  g_return_val_if_fail (SSA_IS_WINDOW (self), NULL);

  return self->repository;
}

/* Returns: (transfer none) (nullable): the current price list, once loaded */
SsaPriceList *
ssa_window_get_price_list (SsaWindow *self)
{
  g_return_val_if_fail (SSA_IS_WINDOW (self), NULL);

  return self->price_list;
}

/* Whether loading is over (the database and the price list, or their error). */
gboolean
ssa_window_get_ready (SsaWindow *self)
{
  g_return_val_if_fail (SSA_IS_WINDOW (self), FALSE);

  return self->ready;
}

/* Returns: "main", "welcome" or "error" */
const char *
ssa_window_get_page (SsaWindow *self)
{
  g_return_val_if_fail (SSA_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->main_stack);
}

GtkWidget *
ssa_window_get_sidebar (SsaWindow *self)
{
  g_return_val_if_fail (SSA_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->sidebar);
}

GtkWidget *
ssa_window_get_inventory_view (SsaWindow *self)
{
  g_return_val_if_fail (SSA_IS_WINDOW (self), NULL);

  return GTK_WIDGET (ssa_installation_view_get_inventory_view (ensure_installation_view (self)));
}

GtkWidget *
ssa_window_get_offer_builder (SsaWindow *self)
{
  g_return_val_if_fail (SSA_IS_WINDOW (self), NULL);

  return GTK_WIDGET (get_builder (self));
}

GtkWidget *
ssa_window_get_offers_page (SsaWindow *self)
{
  g_return_val_if_fail (SSA_IS_WINDOW (self), NULL);

  return ensure_page (self, "offers");
}

AdwViewStack *
ssa_window_get_view_stack (SsaWindow *self)
{
  g_return_val_if_fail (SSA_IS_WINDOW (self), NULL);

  return self->view_stack;
}

gboolean
ssa_window_get_show_archived (SsaWindow *self)
{
  g_return_val_if_fail (SSA_IS_WINDOW (self), FALSE);

  return self->show_archived;
}

/* Lists the archived customers and installations in the sidebar too, or not. */
void
ssa_window_set_show_archived (SsaWindow *self,
                              gboolean   show_archived)
{
  g_return_if_fail (SSA_IS_WINDOW (self));

  show_archived = !!show_archived;
  if (self->show_archived == show_archived)
    return;
  self->show_archived = show_archived;
  ssa_sidebar_set_show_archived (self->sidebar, show_archived);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ARCHIVED]);
}

/* Whether the start-up check of the database, and the daily backup after it, is over. */
gboolean
ssa_window_get_checked (SsaWindow *self)
{
  g_return_val_if_fail (SSA_IS_WINDOW (self), FALSE);

  return self->checked;
}

/* Whether the start-up check found the database damaged (and no restore followed). */
gboolean
ssa_window_get_damaged (SsaWindow *self)
{
  g_return_val_if_fail (SSA_IS_WINDOW (self), FALSE);

  return self->damaged;
}
