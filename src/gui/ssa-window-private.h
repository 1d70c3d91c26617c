/* ssa-window-private.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* What the files of SsaWindow share: ssa-window.c and the ssa-window-*.c files, one for each
 * subject (docs/architecture.md lists them). The instance, the properties, and the internal
 * functions one part calls in another. Nothing outside the window includes it. */

#include <adwaita.h>

#include "ssa-customer-view.h"
#include "ssa-installation-view.h"
#include "ssa-inventory-view.h"
#include "ssa-offer-builder.h"
#include "ssa-offers-page.h"
#include "ssa-price-list-page.h"
#include "ssa-renewals-page.h"
#include "ssa-sidebar.h"
#include "ssa-window.h"

G_BEGIN_DECLS

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
  gboolean              open_read_only;  /* --read-only */
  gboolean              damaged;         /* the start-up check failed */
  gboolean              checked;         /* the start-up check is over */
  gboolean              check_queued;    /* it starts after the next frame is painted */
  gboolean              load_on_map;     /* the first read waits for the first map */
  gboolean              reload_pages;    /* the next load follows a restore */
  gboolean              restoring;       /* a backup is being put in place */

  /* A team database (ssa-window-team.c): the connection that LISTENs, and the state of a
   * server that cannot be reached. */
  struct _SsaDbListener *listener;
  GCancellable         *listener_cancellable;
  gboolean              offline;         /* read-only until the server answers again */
  guint                 retry_source;    /* the next try, a one-shot timeout, or 0 */
  guint                 retry_delay;     /* seconds before the next try: 2, 4, … 60 */
  gboolean              retrying;        /* a try is in a worker */
  guint                 pages_idle;      /* pages to read again, once, after notifications */
  gboolean              reload_offers;
  gboolean              reload_price_lists;
  SsaInstallation      *shown_installation;
  SsaCustomer          *shown_customer;

  /* The history of edits, deletions and archiving (UndoEntry), oldest first. */
  GPtrArray            *undo_stack;
  GPtrArray            *redo_stack;
  guint                 undo_serial;
  guint                 applying_undo;  /* > 0 while an Undo or Redo writes */
  GHashTable           *undo_writes;    /* GObject* -> its Undo or Redo writes in flight */
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
  GtkButton            *db_banner_retry;
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

/* The window's properties, installed by ssa_window_class_init (); every part notifies them
 * as properties[PROP_…], as a class's own file does. */
extern GParamSpec *ssa_window_properties[N_PROPS];
#define properties ssa_window_properties

/* A step of the undo history (ssa-window-undo.c). */
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

/* The functions one part calls in another, by the file that defines them. They keep the
 * short names they had as static functions of ssa-window.c; the linker sees them as
 * _ssa_window_NAME, so that they cannot clash with another class's. */
#define add_capture_shortcuts _ssa_window_add_capture_shortcuts
#define add_toast_first _ssa_window_add_toast_first
#define after_paint_cb _ssa_window_after_paint_cb
#define clear_undo _ssa_window_clear_undo
#define current_toast_dismissed_cb _ssa_window_current_toast_dismissed_cb
#define delete_with_undo _ssa_window_delete_with_undo
#define drop_pending_toast _ssa_window_drop_pending_toast
#define ensure_page _ssa_window_ensure_page
#define finish_all_deletions _ssa_window_finish_all_deletions
#define get_builder _ssa_window_get_builder
#define get_flap _ssa_window_get_flap
#define import_customers_action _ssa_window_import_customers_action
#define import_installation_action _ssa_window_import_installation_action
#define licence_removed_cb _ssa_window_licence_removed_cb
#define load_profile _ssa_window_load_profile
#define load_samples_action _ssa_window_load_samples_action
#define offer_parked_later _ssa_window_offer_parked_later
#define park_deletion_toast _ssa_window_park_deletion_toast
#define price_list_changed_cb _ssa_window_price_list_changed_cb
#define reload_action _ssa_window_reload_action
#define restore_backup_action _ssa_window_restore_backup_action
#define set_archived _ssa_window_set_archived
#define set_checked _ssa_window_set_checked
#define set_ready _ssa_window_set_ready
#define show_banner _ssa_window_show_banner
#define show_message _ssa_window_show_message
#define show_nothing_picked _ssa_window_show_nothing_picked
#define show_toast _ssa_window_show_toast
#define read_database _ssa_window_read_database
#define start_check _ssa_window_start_check
#define start_loading _ssa_window_start_loading
#define stored_cb _ssa_window_stored_cb
#define undo_entry_free _ssa_window_undo_entry_free
#define undo_entry_new _ssa_window_undo_entry_new
#define undo_or_redo _ssa_window_undo_or_redo
#define update_actions _ssa_window_update_actions
#define update_database_banner _ssa_window_update_database_banner
#define update_main_page _ssa_window_update_main_page
#define update_undo_actions _ssa_window_update_undo_actions
#define withdraw_toast _ssa_window_withdraw_toast
#define write_failed_cb _ssa_window_write_failed_cb

/* ssa-window.c */
void set_ready (SsaWindow *self,
                gboolean   ready);
void update_main_page (SsaWindow *self);
void show_nothing_picked (SsaWindow *self);
SsaOfferBuilder *get_builder (SsaWindow *self);
AdwFlap *get_flap (SsaWindow *self);
GtkWidget *ensure_page (SsaWindow  *self,
                        const char *name);
void update_actions (SsaWindow *self);
void set_checked (SsaWindow *self);

/* ssa-window-actions.c */
void add_capture_shortcuts (SsaWindow *self);
void _ssa_window_class_actions_init (SsaWindowClass *klass);

/* ssa-window-import.c */
void load_samples_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter);
void import_installation_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter);
void import_customers_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter);

/* ssa-window-loading.c */
void load_profile (SsaWindow *self);
void price_list_changed_cb (SsaWindow        *self,
                            SsaPriceList     *price_list,
                            const char       *sha256,
                            SsaPriceListPage *page);
void restore_backup_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter);
void start_loading (SsaWindow *self);
void start_check (SsaWindow *self);
void read_database (SsaWindow *self);
void reload_price_list (SsaWindow *self);
void reload_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter);

/* ssa-window-messages.c */
void current_toast_dismissed_cb (SsaWindow *self,
                                 AdwToast  *toast);
void after_paint_cb (SsaWindow     *self,
                     GdkFrameClock *clock);
void drop_pending_toast (SsaWindow *self);
void add_toast_first (SsaWindow *self,
                      AdwToast  *toast);
void withdraw_toast (SsaWindow *self,
                     AdwToast  *toast);
void show_message (SsaWindow  *self,
                   const char *message,
                   const char *fix_action);
void show_toast (SsaWindow  *self,
                 const char *message);
void show_banner (SsaWindow  *self,
                  const char *message);
void update_database_banner (SsaWindow *self);
void write_failed_cb (SsaWindow     *self,
                      GError        *error,
                      SsaRepository *repository);

/* ssa-window-team.c */
gboolean window_is_team (SsaWindow *self);
void team_start_listening (SsaWindow *self);
void team_stop (SsaWindow *self);
gboolean team_check_unreachable (SsaWindow    *self,
                                 const GError *error);
void team_load_failed (SsaWindow    *self,
                       const GError *error);
void team_retry_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter);

/* ssa-window-undo.c */
void undo_entry_free (UndoEntry *entry);
UndoEntry *undo_entry_new (SsaWindow *self,
                           UndoKind   kind,
                           gpointer   object);
void update_undo_actions (SsaWindow *self);
void finish_all_deletions (SsaWindow *self);
void park_deletion_toast (SsaWindow *self,
                          AdwToast  *toast);
void offer_parked_later (SsaWindow *self);
void clear_undo (SsaWindow *self);
void undo_or_redo (SsaWindow *self,
                   gboolean   undo,
                   guint      serial);
void delete_with_undo (SsaWindow *self,
                       UndoEntry *entry);
void stored_cb (SsaWindow     *self,
                GObject       *object,
                GObject       *before,
                GObject       *after,
                SsaRepository *repository);
void set_archived (SsaWindow *self,
                   GObject   *object,
                   gboolean   archived);
void licence_removed_cb (SsaWindow        *self,
                         SsaLicence       *licence,
                         guint             position,
                         SsaInventoryView *view);

G_END_DECLS
