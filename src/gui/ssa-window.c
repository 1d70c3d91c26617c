/* ssa-window.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-backup.h"
#include "ssa-customer-editor.h"
#include "ssa-customer-import-dialog.h"
#include "ssa-customer-view.h"
#include "ssa-db-inventory.h"
#include "ssa-db-job.h"
#include "ssa-db-offers.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-error.h"
#include "ssa-gui-util.h"
#include "ssa-installation-editor.h"
#include "ssa-installation-view.h"
#include "ssa-inventory-view.h"
#include "ssa-offer-builder.h"
#include "ssa-offers-page.h"
#include "ssa-org-no.h"
#include "ssa-page-common.h"
#include "ssa-preferences.h"
#include "ssa-price-list-page.h"
#include "ssa-product.h"
#include "ssa-refresh.h"
#include "ssa-renewals-page.h"
#include "ssa-restore-dialog.h"
#include "ssa-samples.h"
#include "ssa-sidebar.h"
#include "ssa-welcome-page.h"
#include "ssa-window.h"

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
 * is written into it) and offers to restore a backup; so does a read-only file. */

struct _SsaWindow
{
  AdwApplicationWindow  parent_instance;

  SsaRepository        *repository;
  char                 *db_path;
  SsaPriceList         *price_list;
  char                 *price_list_sha256; /* identifies price_list; NULL for the sample */
  GListStore           *products;
  GSettings            *settings;
  GCancellable         *cancellable;
  gboolean              ready;
  gboolean              load_started;
  gboolean              open_read_only;  /* --read-only */
  gboolean              damaged;         /* the start-up check failed */
  gboolean              checked;         /* the start-up check is over */
  gboolean              reload_pages;    /* the next load follows a restore */
  gboolean              restoring;       /* a backup is being put in place */
  SsaInstallation      *shown_installation;
  SsaCustomer          *shown_customer;

  /* The history of edits, deletions and archiving (UndoEntry), oldest first. */
  GPtrArray            *undo_stack;
  GPtrArray            *redo_stack;
  guint                 undo_serial;
  guint                 applying_undo;  /* > 0 while an Undo or Redo writes */
  gboolean              show_archived;

  /* The toast on screen, if any (a weak pointer): the next toast replaces it, once it
   * has been on screen for TOAST_GUARD_MS; until then the next one waits as pending. */
  AdwToast             *current_toast;
  gint64                current_toast_since;
  gint64                last_frame_time;      /* of the last frame painted, monotonic µs */
  gulong                after_paint_handler;
  GdkFrameClock        *paint_clock;          /* a weak pointer: the clock of that handler */
  AdwToast             *pending_toast;
  guint                 pending_toast_source;
  /* A toast withdrawn while still sliding in, dismissed once it has (a reference). */
  AdwToast             *withdrawn_toast;
  guint                 withdraw_source;
  guint                 offer_parked_source;  /* offers a parked deletion's Undo again */

  /* Defaults for new offers, for the builder once it exists. */
  guint                 validity_days;
  gboolean              has_labour_rate;
  gint64                labour_rate;
  gboolean              has_defaults;

  /* Built when first shown (start-up builds only what the first frame shows). */
  SsaInstallationView  *installation_view;
  SsaCustomerView      *customer_view;
  SsaRenewalsPage      *renewals_page;
  SsaOffersPage        *offers_page;
  SsaPriceListPage     *price_list_page;
  AdwStatusPage        *error_page;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwLeaflet           *leaflet;
  SsaSidebar           *sidebar;
  AdwViewStack         *view_stack;
  AdwViewSwitcherTitle *switcher_title;
  GtkBox               *content_box;
  AdwViewSwitcherBar   *switcher_bar;
  GtkToggleButton      *offer_toggle;
  GtkMenuButton        *add_menu_button;
  GtkMenuButton        *primary_menu_button;
  GtkRevealer          *banner_revealer;
  GtkLabel             *banner_label;
  GtkRevealer          *db_banner_revealer;
  GtkLabel             *db_banner_label;
  GtkButton            *db_banner_button;
  GtkStack             *content_stack;
  GtkSpinner           *loading_spinner;
  AdwBin               *customer_bin;
  AdwBin               *none_bin;
  AdwBin               *installation_bin;
  AdwBin               *renewals_bin;
  AdwBin               *offers_bin;
  AdwBin               *price_list_bin;
  AdwBin               *welcome_bin;
  AdwBin               *error_bin;
};

G_DEFINE_FINAL_TYPE (SsaWindow, ssa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DB_PATH,
  PROP_READ_ONLY,
  PROP_READY,
  PROP_SHOW_ARCHIVED,
  PROP_INSTALLATION_ARCHIVED,
  PROP_CUSTOMER_ARCHIVED,
  PROP_CHECKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_price_list (SsaWindow *self);
static void licence_removed_cb (SsaWindow        *self,
                                SsaLicence       *licence,
                                guint             position,
                                SsaInventoryView *view);
static void offer_saved_cb     (SsaWindow        *self,
                                const char       *number,
                                SsaOfferBuilder  *builder);
static void price_list_changed_cb (SsaWindow        *self,
                                   SsaPriceList     *price_list,
                                   const char       *sha256,
                                   SsaPriceListPage *page);
static void load_profile    (SsaWindow *self);
static void ask_response_cb (SsaWindow        *self,
                             const char       *response,
                             AdwMessageDialog *dialog);
static void set_archived    (SsaWindow *self,
                             GObject   *object,
                             gboolean   archived);
static void start_loading   (SsaWindow *self);

/* Messages. */

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

static void park_deletion_toast (SsaWindow *self,
                                 AdwToast  *toast);
static void offer_parked_later  (SsaWindow *self);

/* @toast leaves the screen, whichever way (its timeout, its close button, its own button,
 * withdrawn, or replaced). Whenever the screen may be left without a toast, a deletion whose
 * toast made way for another is offered again: once the main loop has settled, so that a
 * toast replacing this one now is not replaced in turn (see show_parked_toast()). */
static void
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

static void
after_paint_cb (SsaWindow     *self,
                GdkFrameClock *clock)
{
  self->last_frame_time = gdk_frame_clock_get_frame_time (clock);
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
static void
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
static void
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
static void
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
static void
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

static void
show_toast (SsaWindow  *self,
            const char *message)
{
  show_message (self, message, NULL);
}

static void
show_banner (SsaWindow  *self,
             const char *message)
{
  gtk_label_set_label (self->banner_label, message != NULL ? message : "");
  gtk_revealer_set_reveal_child (self->banner_revealer, message != NULL);
}

/* The database banner stays while the database is read-only (a read-only file, --read-only,
 * or damage found at start-up), and offers a restore when it is damaged. */
static void
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
  gtk_revealer_set_reveal_child (self->db_banner_revealer, read_only);
}

/* What is shown. */

static void
set_ready (SsaWindow *self,
           gboolean   ready)
{
  if (self->ready == ready)
    return;
  self->ready = ready;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
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
static void
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

static SsaOfferBuilder *
get_builder (SsaWindow *self)
{
  return ssa_installation_view_get_offer_builder (ensure_installation_view (self));
}

static AdwFlap *
get_flap (SsaWindow *self)
{
  return ssa_installation_view_get_flap (ensure_installation_view (self));
}

/* The renewals, offers and price list pages, each built when its view is first shown. */
static GtkWidget *
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

static void
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

/* Undo: one history for the edits, deletions and archiving of customers, installations and
 * licence lines, whichever way they were made. Ctrl+Z undoes the last, Ctrl+Shift+Z redoes
 * it; a deletion's toast undoes that deletion, whatever else happened since and whichever
 * toast shows. A deletion hides its rows and deletes them only when its toast goes (closed,
 * timed out, or the window closed): until then nothing is gone from the database, and its
 * Undo puts back the same objects, with their ids, lines and offers. */

typedef enum
{
  UNDO_DELETE_CUSTOMER,
  UNDO_DELETE_INSTALLATION,
  UNDO_DELETE_LICENCE,
  UNDO_EDIT,
  UNDO_ARCHIVE,
} UndoKind;

typedef struct
{
  guint            serial;
  UndoKind         kind;
  GObject         *object;         /* the customer, installation or licence line */
  SsaInstallation *owner;          /* a licence line's installation */
  GPtrArray       *installations;  /* a deleted customer's installations */
  guint            position;       /* a licence line's place among its installation's */
  GObject         *before;         /* an edit: the values before and after it */
  GObject         *after;
  gint64           edited_at;      /* monotonic time of the edit's last change */
  gboolean         archived;       /* an archiving: the flag it set */
  gboolean         pending;        /* a deletion hidden but not yet made final */
  gboolean         parked;         /* its toast made way for another toast */
  guint            generation;     /* counts the times the deletion was hidden */
  AdwToast        *toast;          /* a reference to the deletion's toast while it shows */
} UndoEntry;

static void show_deletion_toast (SsaWindow *self,
                                 UndoEntry *entry);

/* Edits of one row this close together are one step of the history (typing a quantity). */
#define UNDO_MERGE_USEC (2 * G_USEC_PER_SEC)

static void
undo_entry_free (UndoEntry *entry)
{
  g_clear_object (&entry->object);
  g_clear_object (&entry->owner);
  g_clear_pointer (&entry->installations, g_ptr_array_unref);
  g_clear_object (&entry->before);
  g_clear_object (&entry->after);
  g_clear_object (&entry->toast);
  g_free (entry);
}

static UndoEntry *
undo_entry_new (SsaWindow *self,
                UndoKind   kind,
                gpointer   object)
{
  UndoEntry *entry = g_new0 (UndoEntry, 1);

  entry->serial = ++self->undo_serial;
  entry->kind = kind;
  entry->object = g_object_ref (object);
  return entry;
}

static UndoEntry *
find_entry (GPtrArray *stack,
            guint      serial)
{
  for (guint i = 0; stack != NULL && i < stack->len; i++)
    {
      UndoEntry *entry = g_ptr_array_index (stack, i);

      if (entry->serial == serial)
        return entry;
    }
  return NULL;
}

static void
update_undo_actions (SsaWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", self->undo_stack->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", self->redo_stack->len > 0);
}

static const char *
entry_name (UndoEntry *entry)
{
  const char *name = NULL;

  if (SSA_IS_CUSTOMER (entry->object))
    name = ssa_customer_get_name (SSA_CUSTOMER (entry->object));
  else if (SSA_IS_INSTALLATION (entry->object))
    name = ssa_installation_get_name (SSA_INSTALLATION (entry->object));
  else if (SSA_IS_LICENCE (entry->object))
    name = ssa_licence_get_name (SSA_LICENCE (entry->object)) != NULL
             ? ssa_licence_get_name (SSA_LICENCE (entry->object))
             : ssa_licence_get_code (SSA_LICENCE (entry->object));
  return name != NULL && *name != '\0' ? name : _("Unnamed installation");
}

typedef struct
{
  GWeakRef   window;
  UndoEntry *entry;     /* out of the history: owned here */
} Deletion;

static void
deletion_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Deletion *deletion = user_data;
  UndoEntry *entry = deletion->entry;
  SsaRepository *repository = SSA_REPOSITORY (source);
  g_autoptr(SsaWindow) self = g_weak_ref_get (&deletion->window);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (entry->kind == UNDO_DELETE_CUSTOMER)
    ok = ssa_repository_remove_customer_with_installations_finish (repository, result, NULL,
                                                                   &error);
  else if (entry->kind == UNDO_DELETE_INSTALLATION)
    ok = ssa_repository_remove_installation_finish (repository, result, &error);
  else
    ok = ssa_repository_remove_licence_finish (repository, result, &error);

  /* A line whose installation was deleted meanwhile went with it. */
  if (!ok && g_error_matches (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND))
    ok = TRUE;
  if (!ok)
    {
      /* Nothing was deleted: the rows come back, and the user is told why (when the
       * window is still there to tell). */
      if (entry->kind == UNDO_DELETE_CUSTOMER)
        ssa_repository_unhide_customer (repository, SSA_CUSTOMER (entry->object),
                                        entry->installations);
      else if (entry->kind == UNDO_DELETE_INSTALLATION)
        ssa_repository_unhide_installation (repository, SSA_INSTALLATION (entry->object));
      else
        ssa_repository_unhide_licence (repository, entry->owner, SSA_LICENCE (entry->object),
                                       entry->position);
      if (self != NULL)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is what was to be deleted, the second %s why it was not. */
          message = g_strdup_printf (_("“%s” was not deleted: %s"), entry_name (entry),
                                     error->message);
          show_toast (self, message);
        }
    }

  g_weak_ref_clear (&deletion->window);
  undo_entry_free (entry);
  g_free (deletion);
}

/* Makes a pending deletion final: the rows go from the database, in a worker thread. */
static void
finish_deletion (SsaWindow *self,
                 UndoEntry *entry)
{
  Deletion *deletion;
  guint index;

  if (!entry->pending)
    return;
  entry->pending = FALSE;
  if (entry->kind != UNDO_DELETE_CUSTOMER && entry->kind != UNDO_DELETE_INSTALLATION &&
      entry->kind != UNDO_DELETE_LICENCE)
    return;

  /* Final: no longer in the history; the deletion keeps the entry until it is done. */
  if (!g_ptr_array_find (self->undo_stack, entry, &index))
    return;
  deletion = g_new0 (Deletion, 1);
  g_weak_ref_init (&deletion->window, self);
  deletion->entry = g_ptr_array_steal_index (self->undo_stack, index);
  update_undo_actions (self);

  if (entry->kind == UNDO_DELETE_CUSTOMER)
    ssa_repository_remove_customer_with_installations_async (self->repository,
                                                             SSA_CUSTOMER (entry->object),
                                                             NULL, deletion_done_cb, deletion);
  else if (entry->kind == UNDO_DELETE_INSTALLATION)
    ssa_repository_remove_installation_async (self->repository,
                                              SSA_INSTALLATION (entry->object), NULL,
                                              deletion_done_cb, deletion);
  else
    ssa_repository_remove_licence_async (self->repository, entry->owner,
                                         SSA_LICENCE (entry->object), NULL, deletion_done_cb,
                                         deletion);
}

/* Makes every pending deletion final: the window closes, or the lists are read again. */
static void
finish_all_deletions (SsaWindow *self)
{
  for (guint i = self->undo_stack->len; i > 0; i--)
    {
      UndoEntry *entry = g_ptr_array_index (self->undo_stack, i - 1);

      if (entry->pending)
        finish_deletion (self, entry);
    }
}

typedef struct
{
  SsaWindow *window;
  guint      serial;
  guint      generation;
} DismissedData;

/* The newest pending deletion whose toast made way for another toast, when no toast shows
 * any more: its Undo is offered again. */
static void
show_parked_toast (SsaWindow *self)
{
  UndoEntry *newest = NULL;

  if (self->current_toast != NULL || self->pending_toast != NULL)
    return;
  for (guint i = 0; i < self->undo_stack->len; i++)
    {
      UndoEntry *entry = g_ptr_array_index (self->undo_stack, i);

      if (entry->toast != NULL)
        return;
      if (entry->pending && entry->parked)
        newest = entry;
    }
  if (newest != NULL)
    show_deletion_toast (self, newest);
}

/* @toast makes way for another toast: if it offers the Undo of a deletion still pending,
 * the deletion waits (parked) instead of being made final by the toast's "dismissed". */
static void
park_deletion_toast (SsaWindow *self,
                     AdwToast  *toast)
{
  for (guint i = 0; self->undo_stack != NULL && i < self->undo_stack->len; i++)
    {
      UndoEntry *entry = g_ptr_array_index (self->undo_stack, i);

      if (entry->toast == toast && entry->pending)
        {
          entry->parked = TRUE;
          g_clear_object (&entry->toast);
          return;
        }
    }
}

static gboolean
offer_parked_cb (gpointer data)
{
  SsaWindow *self = data;

  self->offer_parked_source = 0;
  if (self->undo_stack != NULL)
    show_parked_toast (self);
  return G_SOURCE_REMOVE;
}

/* Once the toast that just ended has gone, a parked deletion's Undo comes back. */
static void
offer_parked_later (SsaWindow *self)
{
  /* Not once the window is being disposed (the history is gone). */
  if (self->offer_parked_source == 0 && self->undo_stack != NULL)
    self->offer_parked_source = g_idle_add_full (G_PRIORITY_DEFAULT, offer_parked_cb, self,
                                                 NULL);
}

static gboolean
toast_gone_cb (gpointer user_data)
{
  DismissedData *data = user_data;
  SsaWindow *self = data->window;
  UndoEntry *entry = self->undo_stack != NULL ? find_entry (self->undo_stack, data->serial)
                                              : NULL;

  /* Still pending, and hidden by the deletion whose toast went: now it is final. An Undo
   * (or an Undo and a Redo, which hides it again with a toast of its own) in between
   * leaves it. */
  if (entry != NULL && entry->pending && !entry->parked &&
      entry->generation == data->generation)
    finish_deletion (self, entry);
  if (self->undo_stack != NULL)
    show_parked_toast (self);

  g_object_unref (data->window);
  g_free (data);
  return G_SOURCE_REMOVE;
}

static void
toast_dismissed_cb (AdwToast  *toast,
                    SsaWindow *self)
{
  UndoEntry *entry = NULL;
  DismissedData *data;

  for (guint i = 0; self->undo_stack != NULL && i < self->undo_stack->len && entry == NULL; i++)
    if (((UndoEntry *) g_ptr_array_index (self->undo_stack, i))->toast == toast)
      entry = g_ptr_array_index (self->undo_stack, i);
  if (entry == NULL)
    return;

  g_clear_object (&entry->toast);
  /* The toast's button dismisses it as well as activating its Undo: the deletion is made
   * final after both, so that an Undo clicked is never too late. */
  data = g_new0 (DismissedData, 1);
  data->window = g_object_ref (self);
  data->serial = entry->serial;
  data->generation = entry->generation;
  /* At the default priority: an idle one waits behind every frame, and a busy window may
   * draw frames back to back. */
  g_idle_add_full (G_PRIORITY_DEFAULT, toast_gone_cb, data, NULL);
}

/* Shows the Undo of a deletion at once. The toasts shown before make way (libadwaita 1.2
 * shows one at a time, and a high-priority toast that pushes another back into the queue
 * can make it fail when that one comes back too soon): other messages go, and a deletion
 * still pending is parked, to be offered again once no newer deletion's toast shows. */
static void
show_deletion_toast (SsaWindow *self,
                     UndoEntry *entry)
{
  g_autofree char *message = NULL;
  g_autofree char *escaped = g_markup_escape_text (entry_name (entry), -1);
  AdwToast *toast;

  /* An earlier deletion still pending makes way, to be offered again later. */
  for (guint i = 0; i < self->undo_stack->len; i++)
    {
      UndoEntry *other = g_ptr_array_index (self->undo_stack, i);

      if (other != entry && other->toast != NULL && other->pending)
        {
          g_autoptr(AdwToast) old = g_steal_pointer (&other->toast);

          other->parked = TRUE;
          withdraw_toast (self, old);
        }
    }

  if (entry->kind == UNDO_DELETE_LICENCE)
    /* Translators: %s is the product of the licence line removed. */
    message = g_strdup_printf (_("Licence line “%s” removed"), escaped);
  else
    /* Translators: %s is a customer's or an installation's name. */
    message = g_strdup_printf (_("“%s” deleted"), escaped);

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* This deletion's Undo, whatever was done since. */
  adw_toast_set_action_name (toast, "win.undo-item");
  adw_toast_set_action_target_value (toast, g_variant_new_uint32 (entry->serial));
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  entry->parked = FALSE;
  g_clear_object (&entry->toast);
  entry->toast = g_object_ref (toast);
  add_toast_first (self, toast);
}

static void
dismiss_entry_toast (SsaWindow *self,
                     UndoEntry *entry)
{
  g_autoptr(AdwToast) toast = g_steal_pointer (&entry->toast);

  if (toast != NULL)
    withdraw_toast (self, toast);
}

/* Forgets the history without making anything final: the file is about to be replaced by a
 * backup. A deletion still pending never happened (if the restore fails, its rows come back
 * with the next load). */
static void
clear_undo (SsaWindow *self)
{
  for (guint i = 0; i < self->undo_stack->len; i++)
    {
      UndoEntry *entry = g_ptr_array_index (self->undo_stack, i);

      entry->pending = FALSE;
      dismiss_entry_toast (self, entry);
    }
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  update_undo_actions (self);
}

/* Adds a step to the history; what was undone can no longer be redone. */
static void
push_entry (SsaWindow *self,
            UndoEntry *entry)
{
  g_ptr_array_add (self->undo_stack, entry);
  g_ptr_array_set_size (self->redo_stack, 0);
  update_undo_actions (self);
}

/* Whether the entry's objects are still the repository's: a row deleted for good since
 * cannot be edited back. */
static gboolean
entry_is_live (SsaWindow *self,
               UndoEntry *entry)
{
  if (SSA_IS_CUSTOMER (entry->object))
    return ssa_repository_find_customer (self->repository,
                                         ssa_customer_get_id (SSA_CUSTOMER (entry->object))) ==
           SSA_CUSTOMER (entry->object);
  if (SSA_IS_INSTALLATION (entry->object))
    return ssa_repository_find_installation (self->repository,
                                             ssa_installation_get_id (SSA_INSTALLATION (entry->object))) ==
           SSA_INSTALLATION (entry->object);
  if (SSA_IS_LICENCE (entry->object))
    {
      g_autoptr(SsaLicence) stored =
        ssa_db_load_licence (ssa_repository_get_db (self->repository),
                             ssa_licence_get_id (SSA_LICENCE (entry->object)), NULL);

      return stored != NULL;
    }
  return TRUE;
}

/* An edit or archiving of a row that was deleted for good since. */
static gboolean
is_stale (SsaWindow *self,
          UndoEntry *entry)
{
  return (entry->kind == UNDO_EDIT || entry->kind == UNDO_ARCHIVE) &&
         !entry_is_live (self, entry);
}

/* Hides the entry's rows (a deletion, or its Redo). */
static gboolean
hide_entry (SsaWindow  *self,
            UndoEntry  *entry,
            GError    **error)
{
  switch (entry->kind)
    {
    case UNDO_DELETE_CUSTOMER:
      g_clear_pointer (&entry->installations, g_ptr_array_unref);
      if (!ssa_repository_hide_customer (self->repository, SSA_CUSTOMER (entry->object),
                                         &entry->installations, error))
        return FALSE;
      break;
    case UNDO_DELETE_INSTALLATION:
      if (!ssa_repository_hide_installation (self->repository, SSA_INSTALLATION (entry->object),
                                             error))
        return FALSE;
      break;
    case UNDO_DELETE_LICENCE:
      if (!ssa_repository_hide_licence (self->repository, entry->owner,
                                        SSA_LICENCE (entry->object), &entry->position, error))
        return FALSE;
      break;
    case UNDO_EDIT:
    case UNDO_ARCHIVE:
    default:
      g_assert_not_reached ();
    }
  entry->pending = TRUE;
  entry->generation++;
  return TRUE;
}

/* Applies the entry backwards (@undo) or forwards (a Redo). */
static gboolean
apply_entry (SsaWindow  *self,
             UndoEntry  *entry,
             gboolean    undo,
             GError    **error)
{
  gboolean ok = TRUE;

  self->applying_undo++;
  switch (entry->kind)
    {
    case UNDO_DELETE_CUSTOMER:
    case UNDO_DELETE_INSTALLATION:
    case UNDO_DELETE_LICENCE:
      if (!undo)
        {
          ok = hide_entry (self, entry, error);
          if (ok)
            show_deletion_toast (self, entry);
          break;
        }
      entry->pending = FALSE;
      entry->parked = FALSE;
      dismiss_entry_toast (self, entry);
      if (entry->kind == UNDO_DELETE_CUSTOMER)
        ssa_repository_unhide_customer (self->repository, SSA_CUSTOMER (entry->object),
                                        entry->installations);
      else if (entry->kind == UNDO_DELETE_INSTALLATION)
        ssa_repository_unhide_installation (self->repository, SSA_INSTALLATION (entry->object));
      else
        ssa_repository_unhide_licence (self->repository, entry->owner,
                                       SSA_LICENCE (entry->object), entry->position);
      break;

    case UNDO_EDIT:
      ok = ssa_repository_apply_values (self->repository, entry->object,
                                        undo ? entry->before : entry->after, error);
      break;

    case UNDO_ARCHIVE:
      ok = ssa_repository_set_archived (self->repository, entry->object,
                                        undo ? !entry->archived : entry->archived, error);
      break;

    default:
      g_assert_not_reached ();
    }
  self->applying_undo--;

  if (ok && entry->kind != UNDO_DELETE_LICENCE)
    {
      ssa_sidebar_resort (self->sidebar);
      if (entry->kind != UNDO_EDIT || undo)
        update_main_page (self);
    }
  return ok;
}

/* Moves the entry @serial (or the last one, for 0) from one stack to the other, undoing or
 * redoing it. */
static void
undo_or_redo (SsaWindow *self,
              gboolean   undo,
              guint      serial)
{
  GPtrArray *from = undo ? self->undo_stack : self->redo_stack;
  GPtrArray *to = undo ? self->redo_stack : self->undo_stack;
  g_autoptr(GError) error = NULL;
  UndoEntry *entry;
  guint index;

  /* Rows deleted for good since cannot be edited back: their steps are dropped. */
  while (serial == 0 && from->len > 0 && is_stale (self, g_ptr_array_index (from, from->len - 1)))
    g_ptr_array_remove_index (from, from->len - 1);

  entry = serial == 0 ? (from->len > 0 ? g_ptr_array_index (from, from->len - 1) : NULL)
                      : find_entry (from, serial);
  if (entry == NULL || !g_ptr_array_find (from, entry, &index))
    {
      update_undo_actions (self);
      return;
    }

  g_ptr_array_steal_index (from, index);
  if (!apply_entry (self, entry, undo, &error))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (undo ? _("Could not undo: %s") : _("Could not redo: %s"),
                                 error->message);
      show_toast (self, message);
      undo_entry_free (entry);
      update_undo_actions (self);
      return;
    }
  g_ptr_array_add (to, entry);
  update_undo_actions (self);
  /* A deletion that made way for this one is offered again. */
  show_parked_toast (self);

  /* Show what came back. */
  if (undo && (entry->kind == UNDO_DELETE_CUSTOMER || entry->kind == UNDO_DELETE_INSTALLATION))
    ssa_sidebar_select (self->sidebar, entry->object);
  else if (undo && entry->kind == UNDO_DELETE_LICENCE && self->shown_installation != entry->owner)
    ssa_sidebar_select (self->sidebar, G_OBJECT (entry->owner));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_or_redo (SSA_WINDOW (widget), TRUE, 0);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_or_redo (SSA_WINDOW (widget), FALSE, 0);
}

/* A deletion toast's Undo: that deletion, wherever it is in the history. */
static void
undo_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  guint serial = g_variant_get_uint32 (parameter);

  if (serial != 0)
    undo_or_redo (SSA_WINDOW (widget), TRUE, serial);
}

/* Hides the rows of a new deletion and offers its Undo. */
static void
delete_with_undo (SsaWindow *self,
                  UndoEntry *entry)
{
  g_autoptr(GError) error = NULL;

  self->applying_undo++;
  if (!hide_entry (self, entry, &error))
    {
      g_autofree char *message = NULL;

      self->applying_undo--;
      message = g_strdup_printf (_("“%s” was not deleted: %s"), entry_name (entry),
                                 error->message);
      show_toast (self, message);
      undo_entry_free (entry);
      return;
    }
  self->applying_undo--;
  push_entry (self, entry);
  show_deletion_toast (self, entry);
  update_main_page (self);
}

/* An edit written through: a step of the history, merged with the last one when it is a
 * change of the same row a moment ago. */
static void
stored_cb (SsaWindow     *self,
           GObject       *object,
           GObject       *before,
           GObject       *after,
           SsaRepository *repository)
{
  gint64 now = g_get_monotonic_time ();
  UndoEntry *last;
  UndoEntry *entry;

  if (self->applying_undo > 0)
    return;

  last = self->undo_stack->len > 0 ? g_ptr_array_index (self->undo_stack,
                                                        self->undo_stack->len - 1) : NULL;
  if (last != NULL && last->kind == UNDO_EDIT && last->object == object &&
      now - last->edited_at < UNDO_MERGE_USEC)
    {
      g_set_object (&last->after, after);
      last->edited_at = now;
      g_ptr_array_set_size (self->redo_stack, 0);
      update_undo_actions (self);
      return;
    }

  entry = undo_entry_new (self, UNDO_EDIT, object);
  entry->before = g_object_ref (before);
  entry->after = g_object_ref (after);
  entry->edited_at = now;
  push_entry (self, entry);
}

typedef struct
{
  SsaWindow *window;
  GObject   *object;
  gboolean   archived;
} Archiving;

static void
archived_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Archiving *archiving = user_data;
  SsaWindow *self = archiving->window;
  GObject *object = archiving->object;
  gboolean archived = archiving->archived;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  UndoEntry *entry;
  const char *name;

  if (!ssa_repository_set_archived_finish (SSA_REPOSITORY (source), result, &error))
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      goto out;
    }

  entry = undo_entry_new (self, UNDO_ARCHIVE, object);
  entry->archived = archived;
  name = entry_name (entry);
  push_entry (self, entry);
  ssa_sidebar_resort (self->sidebar);
  g_object_notify_by_pspec (G_OBJECT (self), properties[SSA_IS_CUSTOMER (object)
                                                        ? PROP_CUSTOMER_ARCHIVED
                                                        : PROP_INSTALLATION_ARCHIVED]);

  /* Short, so that it fits a toast (a longer message would open a dialog each time);
   * what archiving means is said by the dialog that offers it and in docs/window.md. */
  if (archived)
    /* Translators: %s is a customer's or an installation's name. */
    message = g_strdup_printf (self->show_archived ? _("“%s” archived")
                                                   : _("“%s” archived and hidden"), name);
  else
    /* Translators: %s is a customer's or an installation's name. */
    message = g_strdup_printf (_("“%s” is no longer archived"), name);
  show_toast (self, message);
  if (!archived || self->show_archived)
    ssa_sidebar_select (self->sidebar, object);

out:
  g_object_unref (archiving->window);
  g_object_unref (archiving->object);
  g_free (archiving);
}

/* Archives @object or brings it back, as a step of the history: stored in a worker thread,
 * the step and its toast once it is. */
static void
set_archived (SsaWindow *self,
              GObject   *object,
              gboolean   archived)
{
  Archiving *archiving = g_new0 (Archiving, 1);

  archiving->window = g_object_ref (self);
  archiving->object = g_object_ref (object);
  archiving->archived = archived;
  ssa_repository_set_archived_async (self->repository, object, archived, NULL, archived_cb,
                                     archiving);
}

/* Customers and installations. */

static void
customer_saved_cb (SsaWindow         *self,
                   SsaCustomer       *customer,
                   SsaCustomerEditor *editor)
{
  /* The editor stored it (a new one added); its name may sort it elsewhere. */
  update_main_page (self);
  ssa_sidebar_resort (self->sidebar);
  ssa_sidebar_select (self->sidebar, G_OBJECT (customer));
}

static void
new_customer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  SsaCustomerEditor *editor = ssa_customer_editor_new (GTK_WINDOW (self), self->repository,
                                                        NULL);

  g_signal_connect_object (editor, "saved", G_CALLBACK (customer_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  SsaCustomerEditor *editor;

  if (self->shown_customer == NULL)
    return;
  editor = ssa_customer_editor_new (GTK_WINDOW (self), self->repository, self->shown_customer);
  g_signal_connect_object (editor, "saved", G_CALLBACK (customer_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Asks what to do with what cannot or should not go at once: @object (the shown customer or
 * installation) with its @heading and @body; @action is "archive" (what has offers cannot
 * be deleted) or "delete" (a customer with its installations). */
static void
ask_about (SsaWindow  *self,
           GObject    *object,
           const char *heading,
           const char *body,
           const char *action)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (g_str_equal (action, "archive"))
    {
      adw_message_dialog_add_response (dialog, "archive", _("_Archive"));
      adw_message_dialog_set_response_appearance (dialog, "archive",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "archive");
    }
  else
    {
      adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
      adw_message_dialog_set_response_appearance (dialog, "delete",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ssa-object", g_object_ref (object),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (ask_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ask_response_cb (SsaWindow        *self,
                 const char       *response,
                 AdwMessageDialog *dialog)
{
  GObject *object = g_object_get_data (G_OBJECT (dialog), "ssa-object");

  if (g_str_equal (response, "archive"))
    set_archived (self, object, TRUE);
  else if (g_str_equal (response, "delete") && SSA_IS_CUSTOMER (object))
    delete_with_undo (self, undo_entry_new (self, UNDO_DELETE_CUSTOMER, object));
}

/* How many offers the installation @installation_id, or the customer @customer_id's
 * installations, have; G_MAXUINT when the database could not tell (and the user was). */
static guint
count_offers (SsaWindow *self,
              gint64     installation_id,
              gint64     customer_id)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  if (!ssa_db_count_offers (ssa_repository_get_db (self->repository), installation_id,
                            customer_id, &n, &error))
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return G_MAXUINT;
    }
  return n;
}

/* Deleting a customer: one whose installations have offers cannot go (offers are kept for
 * good) and is offered the archive; one with installations goes with them, after asking;
 * one without goes at once. Either deletion can be undone from its toast. */
static void
delete_customer_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  GListModel *installations = ssa_repository_get_installations (self->repository);
  SsaCustomer *customer = self->shown_customer;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *what = NULL;
  guint n_installations = 0;
  guint n_lines = 0;
  guint n_offers;

  if (customer == NULL)
    return;

  n_offers = count_offers (self, 0, ssa_customer_get_id (customer));
  if (n_offers == G_MAXUINT)
    return;
  if (n_offers > 0)
    {
      /* Translators: %s is a customer's name. */
      heading = g_strdup_printf (_("“%s” Cannot Be Deleted"), ssa_customer_get_name (customer));
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Its installations have %u offer, which is kept "
                                           "for good with the installation it was made for. "
                                           "Archive the customer instead: it leaves the list "
                                           "and the renewals, and keeps its installations "
                                           "and offers.",
                                           "Its installations have %u offers, which are kept "
                                           "for good with the installations they were made "
                                           "for. Archive the customer instead: it leaves the "
                                           "list and the renewals, and keeps its "
                                           "installations and offers.", n_offers),
                              n_offers);
      ask_about (self, G_OBJECT (customer), heading, body, "archive");
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (installations); i++)
    {
      g_autoptr(SsaInstallation) installation = g_list_model_get_item (installations, i);

      if (ssa_installation_get_customer_id (installation) != ssa_customer_get_id (customer))
        continue;
      n_installations++;
      n_lines += g_list_model_get_n_items (ssa_installation_get_licences (installation));
    }
  if (n_installations == 0)
    {
      delete_with_undo (self, undo_entry_new (self, UNDO_DELETE_CUSTOMER, customer));
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: %s is a customer's name. */
                                          "Delete “%s” and Its Installation?",
                                          "Delete “%s” and Its %u Installations?",
                                          n_installations),
                             ssa_customer_get_name (customer), n_installations);
  if (n_installations == 1)
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Its installation and its %u licence line go with it.",
                                         "Its installation and its %u licence lines go with it.",
                                         n_lines),
                            n_lines);
  else
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Its installations and their %u licence line go with "
                                         "it.",
                                         "Its installations and their %u licence lines go with "
                                         "it.", n_lines),
                            n_lines);
  body = g_strconcat (what, " ",
                      _("You can undo this until the message at the bottom of the window "
                        "closes."), NULL);
  ask_about (self, G_OBJECT (customer), heading, body, "delete");
}

static void
installation_saved_cb (SsaWindow             *self,
                       SsaInstallation       *installation,
                       SsaInstallationEditor *editor)
{
  /* The editor stored it (a new one added). */
  update_main_page (self);
  ssa_sidebar_resort (self->sidebar);
  ssa_sidebar_select (self->sidebar, G_OBJECT (installation));
}

static void
new_installation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  SsaInstallationEditor *editor;
  gint64 customer_id = 0;

  if (self->shown_customer != NULL)
    customer_id = ssa_customer_get_id (self->shown_customer);
  else if (self->shown_installation != NULL)
    customer_id = ssa_installation_get_customer_id (self->shown_installation);

  editor = ssa_installation_editor_new (GTK_WINDOW (self), self->repository, NULL,
                                        customer_id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (installation_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_installation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  SsaInstallationEditor *editor;

  if (self->shown_installation == NULL)
    return;
  editor = ssa_installation_editor_new (GTK_WINDOW (self), self->repository,
                                        self->shown_installation, 0);
  g_signal_connect_object (editor, "saved", G_CALLBACK (installation_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Deleting an installation: one with offers cannot go (offers are kept for good) and is
 * offered the archive; one without goes at once, and can be undone from its toast. */
static void
delete_installation_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  SsaInstallation *installation = self->shown_installation;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *name;
  guint n_offers;

  if (installation == NULL)
    return;

  n_offers = count_offers (self, ssa_installation_get_id (installation), 0);
  if (n_offers == G_MAXUINT)
    return;
  if (n_offers == 0)
    {
      delete_with_undo (self, undo_entry_new (self, UNDO_DELETE_INSTALLATION, installation));
      return;
    }

  name = ssa_installation_get_name (installation);
  /* Translators: %s is an installation's name. */
  heading = g_strdup_printf (_("“%s” Cannot Be Deleted"),
                             name != NULL ? name : _("Unnamed installation"));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "It has %u offer, which is kept for good with the "
                                       "installation it was made for. Archive the "
                                       "installation instead: it leaves the list and the "
                                       "renewals, and keeps its licence lines and offers.",
                                       "It has %u offers, which are kept for good with the "
                                       "installation they were made for. Archive the "
                                       "installation instead: it leaves the list and the "
                                       "renewals, and keeps its licence lines and offers.",
                                       n_offers),
                          n_offers);
  ask_about (self, G_OBJECT (installation), heading, body, "archive");
}

static void
licence_removed_cb (SsaWindow        *self,
                    SsaLicence       *licence,
                    guint             position,
                    SsaInventoryView *view)
{
  UndoEntry *entry = undo_entry_new (self, UNDO_DELETE_LICENCE, licence);

  /* The view hid the line already (ssa_repository_hide_licence()). */
  entry->owner = g_object_ref (ssa_inventory_view_get_installation (view));
  entry->position = position;
  entry->pending = TRUE;
  entry->generation = 1;
  push_entry (self, entry);
  show_deletion_toast (self, entry);
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
write_failed_cb (SsaWindow     *self,
                 GError        *error,
                 SsaRepository *repository)
{
  g_autofree char *message = g_strdup_printf (_("The change was not saved: %s"), error->message);

  show_toast (self, message);
}

/* Importing installations: files are read in a worker thread, then stored in one go. */

typedef struct
{
  GPtrArray *files;           /* GFile, or NULL for the bundled samples */
  GPtrArray *inventories;     /* SsaInventory, filled in by the worker */
  GPtrArray *names;           /* char*, the file names */
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_pointer (&job->files, g_ptr_array_unref);
  g_clear_pointer (&job->inventories, g_ptr_array_unref);
  g_clear_pointer (&job->names, g_ptr_array_unref);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(GString) problems = g_string_new (NULL);

  job->inventories = g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_inventory_free);
  job->names = g_ptr_array_new_with_free_func (g_free);

  if (job->files == NULL)
    {
      g_auto(GStrv) names = ssa_samples_list_installations ();

      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autoptr(GError) error = NULL;
          SsaInventory *inventory = ssa_samples_load_installation (names[i], &error);

          if (inventory == NULL)
            {
              g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n" : "",
                                      error->message);
              continue;
            }
          g_ptr_array_add (job->inventories, inventory);
          g_ptr_array_add (job->names, g_strdup (names[i]));
        }
    }
  else
    {
      for (guint i = 0; i < job->files->len; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *path = g_file_get_path (g_ptr_array_index (job->files, i));
          SsaInventory *inventory;

          if (g_task_return_error_if_cancelled (task))
            return;
          inventory = path != NULL ? ssa_inventory_new_from_file (path, &error) : NULL;
          if (inventory == NULL)
            {
              g_string_append_printf (problems, "%s%s", problems->len > 0 ? "\n" : "",
                                      error != NULL ? error->message : _("Not a local file"));
              continue;
            }
          g_ptr_array_add (job->inventories, inventory);
          g_ptr_array_add (job->names, g_path_get_basename (path));
        }
    }

  /* All or nothing, as the database stores them: a file that cannot be read stops the
   * import, with every problem named. */
  if (problems->len > 0)
    g_task_return_new_error (task, SSA_ERROR, SSA_ERROR_INVALID, "%s", problems->str);
  else
    g_task_return_boolean (task, TRUE);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SsaWindow *self = SSA_WINDOW (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GListModel *installations;
  guint before;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }

  installations = ssa_repository_get_installations (self->repository);
  before = g_list_model_get_n_items (installations);
  if (!ssa_repository_import_inventories (self->repository,
                                          (SsaInventory **) job->inventories->pdata,
                                          (const char **) job->names->pdata,
                                          job->inventories->len, &error))
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }

  update_main_page (self);
  if (g_list_model_get_n_items (installations) > before)
    {
      g_autoptr(GObject) first = g_list_model_get_item (installations, before);

      ssa_sidebar_select (self->sidebar, first);
    }

  if (job->files == NULL)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Loaded %u sample installation",
                                            "Loaded %u sample installations",
                                            job->inventories->len),
                               job->inventories->len);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %u installation",
                                            "Imported %u installations", job->inventories->len),
                               job->inventories->len);
  show_toast (self, message);
}

static void
import_async (SsaWindow *self,
              GPtrArray *files)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  job->files = files;
  task = g_task_new (self, self->cancellable, import_done_cb, NULL);
  g_task_set_source_tag (task, import_async);
  g_task_set_name (task, "[ssa-desk] import installations");
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

static void
load_samples_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  import_async (SSA_WINDOW (widget), NULL);
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    SsaWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = g_list_model_get_n_items (files);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (array, g_list_model_get_item (files, i));
      if (array->len > 0)
        import_async (self, array);
      else
        g_ptr_array_unref (array);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
import_installation_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Installations"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Installation files (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Import Customers…: a CSV file from an accounting system, previewed (and its unknown
 * columns chosen) in SsaCustomerImportDialog before anything is stored. */

static void
customers_imported_cb (SsaWindow  *self,
                       const char *message)
{
  update_main_page (self);
  show_toast (self, message);
}

static void
open_customer_list (SsaWindow *self,
                    GFile     *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  SsaCustomerCsv *csv;
  SsaCustomerImportDialog *dialog;

  if (self->repository == NULL || !ssa_repository_get_loaded (self->repository))
    return;
  if (path == NULL)
    {
      g_set_error (&error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s is not a local file: save it on this computer first"),
                   g_file_peek_path (file) != NULL ? g_file_peek_path (file) : "?");
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  csv = ssa_customer_csv_read_file (path, &error);
  if (csv == NULL)
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  dialog = ssa_customer_import_dialog_new (GTK_WINDOW (self), self->repository, csv);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (customers_imported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_customers_response_cb (GtkNativeDialog *chooser,
                              int              response,
                              SsaWindow       *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        open_customer_list (self, file);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

/* win.import-customers: with a path ("" for none), that file without asking (tests and the
 * command line of the window); with "", a file chooser. */
static void
import_customers_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  const char *path = parameter != NULL ? g_variant_get_string (parameter, NULL) : "";
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (*path != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);

      open_customer_list (self, file);
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Import Customers"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Customer lists (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_customers_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Opening things for the pages. */

static gboolean
open_installation (SsaWindow *self,
                   gint64     id)
{
  SsaInstallation *installation;

  if (self->repository == NULL || !ssa_repository_get_loaded (self->repository))
    return FALSE;
  installation = ssa_repository_find_installation (self->repository, id);
  if (installation == NULL || !ssa_sidebar_select (self->sidebar, G_OBJECT (installation)))
    {
      show_toast (self, _("The installation is no longer in the database."));
      return FALSE;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "inventory");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  return TRUE;
}

static void
open_installation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  open_installation (SSA_WINDOW (widget), g_variant_get_int64 (parameter));
}

static gpointer
load_offer_job (SsaDb         *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return ssa_db_load_offer (db, data, error);
}

static void
offer_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SsaWindow) self = user_data;
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autoptr(GError) error = NULL;
  SsaOfferRequest request;

  offer = ssa_db_job_finish (result, &error);
  if (offer == NULL)
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  if (!ssa_db_offer_get_request (offer, &request, &error))
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  if (!open_installation (self, offer->installation_id))
    return;

  /* The stored terms, computed again against today's inventory and price list: saving
   * makes the offer's next revision. */
  ssa_offer_builder_set_request (get_builder (self), &request);
  ssa_offer_builder_set_revising (get_builder (self), offer->number);
  if (adw_flap_get_folded (get_flap (self)))
    adw_flap_set_reveal_flap (get_flap (self), TRUE);
}

static void
open_offer_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);

  if (self->db_path == NULL)
    return;
  ssa_db_job_run_async (self->db_path, load_offer_job,
                        g_variant_dup_string (parameter, NULL), g_free,
                        (GDestroyNotify) ssa_db_offer_free, self->cancellable,
                        offer_loaded_cb, g_object_ref (self));
}

static void
show_offer_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "offers");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  ensure_page (self, "offers");
  ssa_offers_page_select (self->offers_page, g_variant_get_string (parameter, NULL));
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
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  ssa_gui_open_file (widget, file);
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  show_toast (SSA_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_error_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  const char *message = NULL;
  const char *fix_action = NULL;

  g_variant_get (parameter, "(&s&s)", &message, &fix_action);
  show_message (SSA_WINDOW (widget), message, *fix_action != '\0' ? fix_action : NULL);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_leaflet_navigate (SSA_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  ssa_sidebar_focus_search (self->sidebar);
}

/* Ctrl+F must reach the search wherever the focus is: as a class binding it runs only
 * when the focused widget lets the key bubble up, and a selectable label or a text field
 * took it first. A controller in the capture phase sees the key before them. */
static void
add_capture_shortcuts (SsaWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                      gtk_named_action_new ("win.search")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
toggle_offer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);

  if (self->installation_view != NULL)
    adw_flap_set_reveal_flap (get_flap (self), !adw_flap_get_reveal_flap (get_flap (self)));
}

/* Ctrl+S, Ctrl+P and Ctrl+E act on the offer wherever the focus is in the window. */
static gboolean
offer_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  SsaWindow *self = SSA_WINDOW (widget);

  if (self->shown_installation == NULL)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (get_builder (self)),
                                     g_variant_get_string (args, NULL), NULL);
}

static void
dismiss_banner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  show_banner (SSA_WINDOW (widget), NULL);
}

static void
profile_changed_cb (SsaWindow      *self,
                    SsaPreferences *preferences)
{
  load_profile (self);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  SsaPreferences *preferences = ssa_preferences_new (GTK_WINDOW (self), self->db_path);

  ssa_preferences_set_read_only (preferences, ssa_repository_get_read_only (self->repository));

  g_signal_connect_object (preferences, "profile-changed", G_CALLBACK (profile_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

/* Loading. */

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
  g_autoptr(GSettings) settings = ssa_refresh_dup_settings ();
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
  ssa_db_job_run_async (self->db_path, load_price_list_job, NULL, NULL,
                        (GDestroyNotify) price_list_load_free, self->cancellable,
                        price_list_loaded_cb, g_object_ref (self));
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

static void
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
static void
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
set_checked (SsaWindow *self)
{
  self->checked = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
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

static void
start_check (SsaWindow *self)
{
  gboolean writable = !ssa_repository_get_read_only (self->repository);

  self->checked = FALSE;
  ssa_db_job_run_async (ssa_repository_get_path (self->repository), start_check_job,
                        GINT_TO_POINTER (writable), NULL, (GDestroyNotify) start_check_free,
                        self->cancellable, start_check_done_cb, g_object_ref (self));
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
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  gtk_stack_set_visible_child_name (self->content_stack, "loading");

  task = g_task_new (self, self->cancellable, restored_cb, NULL);
  g_task_set_source_tag (task, restore_chosen_cb);
  g_task_set_name (task, "[ssa-desk] restore backup");
  g_task_set_task_data (task, job, (GDestroyNotify) restore_job_free);
  g_task_run_in_thread (task, restore_thread);
}

static void
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

  show_nothing_picked (self);
  update_main_page (self);
  update_actions (self);
  update_database_banner (self);

  load_price_list (self);
  load_profile (self);
  start_check (self);
}

static void
start_loading (SsaWindow *self)
{
  /* The lists are read again: the history's objects are no longer the ones shown. */
  finish_all_deletions (self);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  update_undo_actions (self);
  set_ready (self, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  ssa_repository_load_async (self->repository, self->cancellable, repository_loaded_cb,
                             g_object_ref (self));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  start_loading (SSA_WINDOW (widget));
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

  set_ready (self, FALSE);
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  /* The content shows "loading" only while the database is being loaded or restored: its
   * spinner spins whenever it is on screen, and stops when the page gives way (a spinning
   * spinner on a hidden page kept the frame clock ticking). */
  ssa_page_set_busy (self->loading_spinner, TRUE);
}

static void
ssa_window_map (GtkWidget *widget)
{
  SsaWindow *self = SSA_WINDOW (widget);

  GTK_WIDGET_CLASS (ssa_window_parent_class)->map (widget);

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

  /* The window shows first; the database is read in a worker thread while it does, and
   * the lists fill in when it is done. */
  if (!self->load_started)
    {
      self->load_started = TRUE;
      start_loading (self);
    }
}

static void
ssa_window_dispose (GObject *object)
{
  SsaWindow *self = (SsaWindow *)object;

  g_cancellable_cancel (self->cancellable);
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
add_offer_shortcut (GtkWidgetClass *widget_class,
                    guint           keyval,
                    const char     *action)
{
  gtk_widget_class_add_binding (widget_class, keyval, GDK_CONTROL_MASK, offer_shortcut_cb,
                                "s", action);
}

static void
ssa_window_class_init (SsaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const char *views[] = { "inventory", "renewals", "offers", "price-list" };

  object_class->constructed = ssa_window_constructed;
  object_class->dispose = ssa_window_dispose;
  object_class->finalize = ssa_window_finalize;
  object_class->get_property = ssa_window_get_property;
  object_class->set_property = ssa_window_set_property;

  window_class->close_request = ssa_window_close_request;
  widget_class->map = ssa_window_map;

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

  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-error", "(ss)", show_error_action);
  gtk_widget_class_install_action (widget_class, "win.open-installation", "x",
                                   open_installation_action);
  gtk_widget_class_install_action (widget_class, "win.open-offer", "s", open_offer_action);
  gtk_widget_class_install_action (widget_class, "win.show-offer", "s", show_offer_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.new-customer", NULL, new_customer_action);
  gtk_widget_class_install_action (widget_class, "win.edit-customer", NULL, edit_customer_action);
  gtk_widget_class_install_action (widget_class, "win.delete-customer", NULL,
                                   delete_customer_action);
  gtk_widget_class_install_action (widget_class, "win.new-installation", NULL,
                                   new_installation_action);
  gtk_widget_class_install_action (widget_class, "win.edit-installation", NULL,
                                   edit_installation_action);
  gtk_widget_class_install_action (widget_class, "win.delete-installation", NULL,
                                   delete_installation_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.undo-item", "u", undo_item_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-archived",
                                            "show-archived");
  gtk_widget_class_install_property_action (widget_class, "win.installation-archived",
                                            "installation-archived");
  gtk_widget_class_install_property_action (widget_class, "win.customer-archived",
                                            "customer-archived");
  gtk_widget_class_install_action (widget_class, "win.load-samples", NULL, load_samples_action);
  gtk_widget_class_install_action (widget_class, "win.import-installation", NULL,
                                   import_installation_action);
  gtk_widget_class_install_action (widget_class, "win.import-customers", "s",
                                   import_customers_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-offer", NULL, toggle_offer_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL,
                                   dismiss_banner_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   restore_backup_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-installation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-customer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.import-installation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-offer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-view", "s", views[i]);
  add_offer_shortcut (widget_class, GDK_KEY_s, "offer.save");
  add_offer_shortcut (widget_class, GDK_KEY_p, "offer.print");
  add_offer_shortcut (widget_class, GDK_KEY_e, "offer.export-xlsx");

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

  gtk_widget_init_template (GTK_WIDGET (self));
  update_undo_actions (self);
  add_capture_shortcuts (self);
  ssa_gui_fix_mnemonic_names (GTK_WIDGET (self));

  self->settings = ssa_refresh_dup_settings ();
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
