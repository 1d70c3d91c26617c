/* ssa-offers-page.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-db.h"
#include "ssa-gui-util.h"
#include "ssa-offer-item.h"
#include "ssa-offers-page.h"
#include "ssa-page-common.h"
#include "ssa-wrap-box.h"

struct _SsaOffersPage
{
  AdwBin              parent_instance;

  SsaRepository      *repository;
  char               *status_filter;    /* a status's string, or NULL for all */
  char               *select_number;    /* selected once the list has been loaded */

  GCancellable       *load_cancellable;
  gboolean            stale;            /* to be loaded when it is next shown */
  GCancellable       *action_cancellable;

  /* Template widgets */
  GtkDropDown        *status_dropdown;
  GtkLabel           *summary_label;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *customer_column;
  GtkColumnViewColumn *installation_column;
  GtkColumnViewColumn *created_column;
  GtkColumnViewColumn *valid_until_column;
  GtkSingleSelection *selection;
  GtkFilterListModel *filter_model;
  GListStore         *store;
};

G_DEFINE_FINAL_TYPE (SsaOffersPage, ssa_offers_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_STATUS_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The dropdown's entries, in its order: NULL shows every offer. */
static const char * const filter_statuses[] = {
  NULL, "draft", "sent", "accepted", "declined", "expired",
};

typedef struct
{
  GPtrArray *offers;              /* SsaDbOffer* */
  GDate      today;
} OffersResult;

typedef struct
{
  char           *number;
  gint64          installation_id;
  SsaOfferStatus  status;         /* for a status change */
} ActionData;

static void
offers_result_free (OffersResult *result)
{
  g_clear_pointer (&result->offers, g_ptr_array_unref);
  g_free (result);
}

static void
action_data_free (ActionData *data)
{
  g_free (data->number);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OffersResult, offers_result_free)

/* Closures of the template. */

char **ssa_offers_page_status_css_classes (gpointer    item,
                                           const char *status);

char **
ssa_offers_page_status_css_classes (gpointer    item,
                                    const char *status)
{
  const char *classes[2] = { NULL, NULL };

  /* An expired offer stands out: its prices no longer hold. */
  if (g_strcmp0 (status, "expired") == 0)
    classes[0] = "error";
  else if (g_strcmp0 (status, "accepted") == 0)
    classes[0] = "success";
  else if (g_strcmp0 (status, "sent") == 0)
    classes[0] = "accent";
  else
    classes[0] = "dim-label";
  return g_strdupv ((char **) classes);
}

static SsaOfferItem *
dup_selected_item (SsaOffersPage *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  return item != NULL ? g_object_ref (item) : NULL;
}

static void
update_actions (SsaOffersPage *self)
{
  g_autoptr(SsaOfferItem) item = dup_selected_item (self);
  g_autofree char *path = ssa_page_dup_database_path (self->repository);
  gboolean idle = path != NULL && self->action_cancellable == NULL &&
                  ssa_page_is_writable (self->repository);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offers.open", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offers.revise", item != NULL && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offers.mark", item != NULL && idle);
}

static void
update_view (SsaOffersPage *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *summary = NULL;

  ssa_page_show_list_or_empty (self->stack, G_LIST_MODEL (self->filter_model));

  if (n_shown == n_all)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u offer", "%u offers", n_all),
                               n_all);
  else
    /* Translators: offers shown by the status filter, of all offers. */
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u offer",
                                            "%u of %u offers", n_all),
                               n_shown, n_all);
  gtk_label_set_label (self->summary_label, summary);

  if (n_all == 0)
    adw_status_page_set_description (self->empty_page,
                                     _("Offers made for installations are listed here."));
  else
    adw_status_page_set_description (self->empty_page,
                                     _("No offer has this status."));

  update_actions (self);
}

static void
select_number (SsaOffersPage *self,
               const char    *number)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SsaOfferItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (ssa_offer_item_get_number (item), number) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
}

/* Loading, in a worker. */

static gpointer
load_offers_job (SsaDb         *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(OffersResult) result = g_new0 (OffersResult, 1);

  ssa_date_today (&result->today);
  result->offers = ssa_db_list_offers (db, error);
  if (result->offers == NULL)
    return NULL;
  return g_steal_pointer (&result);
}

static SsaOfferItem *
new_item (const SsaDbOffer *offer,
          const GDate      *today)
{
  SsaOfferStatus shown = ssa_db_offer_get_shown_status (offer, today);
  g_autofree char *created = ssa_page_format_date (&offer->created);
  g_autofree char *valid_until = ssa_page_format_date (&offer->valid_until);
  g_autofree char *total = ssa_page_format_money (offer->total, offer->currency);
  g_autofree char *installation = ssa_page_dup_installation_title (offer->installation_id,
                                                                   offer->installation_name,
                                                                   NULL);

  return ssa_offer_item_new (offer->number, offer->installation_id, installation,
                             offer->customer_name != NULL ? offer->customer_name : "",
                             ssa_page_date_sort_key (&offer->created), created,
                             ssa_page_date_sort_key (&offer->valid_until), valid_until,
                             ssa_offer_status_to_string (shown),
                             ssa_offer_status_get_title (shown),
                             offer->total, total);
}

static void
load_offers_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(SsaOffersPage) self = user_data;
  g_autoptr(OffersResult) offers = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(SsaOfferItem) selected = NULL;
  g_autofree char *number = NULL;

  if (!ssa_page_load_finish (result, &self->load_cancellable, self->stack, self->spinner,
                             self->error_page, (gpointer *) &offers))
    return;
  if (offers == NULL)
    {
      g_list_store_remove_all (self->store);
      update_view (self);
      return;
    }

  /* Keep the selection across the reload, unless an action asked for another offer. */
  selected = dup_selected_item (self);
  if (self->select_number != NULL)
    number = g_steal_pointer (&self->select_number);
  else if (selected != NULL)
    number = g_strdup (ssa_offer_item_get_number (selected));

  /* The newest offer first: that is the one a reseller looks for. */
  items = g_ptr_array_new_full (offers->offers->len, g_object_unref);
  for (guint i = offers->offers->len; i > 0; i--)
    g_ptr_array_add (items, new_item (g_ptr_array_index (offers->offers, i - 1),
                                      &offers->today));

  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->stack, "list");
  if (number != NULL)
    select_number (self, number);
  update_view (self);
}

/**
 * ssa_offers_page_reload:
 *
 * Reads the page's lists anew from the database, in a worker thread; a page that is not
 * shown does so once it is shown.
 */
void
ssa_offers_page_reload (SsaOffersPage *self)
{
  g_return_if_fail (SSA_IS_OFFERS_PAGE (self));

  /* The window asks after each offer it saves: a hidden page loads once, when it is shown. */
  if (ssa_page_defer_load (GTK_WIDGET (self), &self->load_cancellable, &self->stale))
    return;

  if (!ssa_page_load_async (GTK_WIDGET (self), self->repository, &self->load_cancellable,
                            &self->stale, self->stack, self->spinner,
                            g_list_model_get_n_items (G_LIST_MODEL (self->store)) == 0,
                            load_offers_job, (GDestroyNotify) offers_result_free,
                            load_offers_cb))
    {
      g_list_store_remove_all (self->store);
      update_view (self);
    }
}

/* Revising and status changes, in a worker: a writer may wait for another process. */

static gpointer
revise_job (SsaDb         *db,
            gpointer       user_data,
            GCancellable  *cancellable,
            GError       **error)
{
  ActionData *data = user_data;
  g_autoptr(SsaDbOffer) original = NULL;
  g_autoptr(SsaDbOffer) revision = NULL;
  SsaOfferRequest request;

  original = ssa_db_load_offer (db, data->number, error);
  if (original == NULL || !ssa_db_offer_get_request (original, &request, error))
    return NULL;

  /* The same terms, asked again today: a revision is made when the first no longer fits.
   * Like "offer revise" of the command line, it is valid for the profile's default. */
  g_date_clear (&request.today, 1);
  revision = ssa_db_revise_offer (db, data->number, &request, NULL, 0, NULL, error);
  if (revision == NULL)
    return NULL;
  return g_strdup (revision->number);
}

static gpointer
set_status_job (SsaDb         *db,
                gpointer       user_data,
                GCancellable  *cancellable,
                GError       **error)
{
  ActionData *data = user_data;

  if (!ssa_db_set_offer_status (db, data->number, data->status, NULL, error))
    return NULL;
  return g_strdup (data->number);
}

/* Returns: (transfer full) (nullable): the action's result: %NULL when it failed (the
 * error has been shown: a refused change says why and what to do instead) or when the page
 * has gone */
static char *
finish_action (SsaOffersPage *self,
               GAsyncResult  *result)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = ssa_db_job_finish (result, &error);

  if (self->stack == NULL)
    return NULL;

  g_clear_object (&self->action_cancellable);
  update_actions (self);
  if (value == NULL)
    ssa_page_show_error (GTK_WIDGET (self), error);
  return g_steal_pointer (&value);
}

static void
revise_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SsaOffersPage) self = user_data;
  g_autofree char *number = finish_action (self, result);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (number == NULL)
    return;

  /* Translators: %s is the new revision's number, "2026-0001-R2". */
  title = g_strdup_printf (_("Revision %s created"), number);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-offer");
  adw_toast_set_action_target_value (toast, g_variant_new_string (number));
  ssa_page_show_toast (GTK_WIDGET (self), toast);

  g_free (self->select_number);
  self->select_number = g_steal_pointer (&number);
  ssa_offers_page_reload (self);
}

static void
set_status_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SsaOffersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ActionData *data = ssa_db_job_get_data (result);
  g_autofree char *number = finish_action (self, result);
  g_autofree char *message = NULL;

  if (number == NULL)
    return;

  switch (data->status)
    {
    case SSA_OFFER_STATUS_SENT:
      message = g_strdup_printf (_("Offer %s marked as sent"), number);
      break;

    case SSA_OFFER_STATUS_ACCEPTED:
      message = g_strdup_printf (_("Offer %s accepted: the installation’s SSA is extended"),
                                 number);
      break;

    case SSA_OFFER_STATUS_DECLINED:
    case SSA_OFFER_STATUS_DRAFT:
    case SSA_OFFER_STATUS_EXPIRED:
    default:
      message = g_strdup_printf (_("Offer %s marked as declined"), number);
      break;
    }
  ssa_page_show_message (GTK_WIDGET (self), message);

  /* Accepting extended the installation's SSA in the database: show it in the window. */
  if (data->status == SSA_OFFER_STATUS_ACCEPTED && self->repository != NULL)
    {
      SsaInstallation *installation;

      installation = ssa_repository_find_installation (self->repository,
                                                       data->installation_id);
      if (installation != NULL &&
          !ssa_repository_refresh_installation (self->repository, installation, &error))
        ssa_page_show_error (GTK_WIDGET (self), error);
    }

  ssa_offers_page_reload (self);
}

static void
run_action (SsaOffersPage *self,
            SsaDbJobFunc   func,
            ActionData    *data,
            GAsyncReadyCallback callback)
{
  g_autofree char *path = ssa_page_dup_database_path (self->repository);

  if (path == NULL)
    {
      action_data_free (data);
      return;
    }

  self->action_cancellable = g_cancellable_new ();
  update_actions (self);
  ssa_db_job_run_async (path, func, data, (GDestroyNotify) action_data_free, g_free,
                        self->action_cancellable, callback, g_object_ref (self));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SsaOffersPage *self = SSA_OFFERS_PAGE (widget);
  g_autoptr(SsaOfferItem) item = dup_selected_item (self);

  if (item != NULL)
    gtk_widget_activate_action (widget, "win.open-offer", "s",
                                ssa_offer_item_get_number (item));
}

static void
revise_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SsaOffersPage *self = SSA_OFFERS_PAGE (widget);
  g_autoptr(SsaOfferItem) item = dup_selected_item (self);
  ActionData *data;

  if (item == NULL || self->action_cancellable != NULL)
    return;

  data = g_new0 (ActionData, 1);
  data->number = g_strdup (ssa_offer_item_get_number (item));
  run_action (self, revise_job, data, revise_cb);
}

static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SsaOffersPage *self = SSA_OFFERS_PAGE (widget);
  g_autoptr(SsaOfferItem) item = dup_selected_item (self);
  SsaOfferStatus status;
  ActionData *data;

  if (item == NULL || self->action_cancellable != NULL)
    return;
  if (!ssa_offer_status_from_string (g_variant_get_string (parameter, NULL), &status))
    g_return_if_reached ();

  data = g_new0 (ActionData, 1);
  data->number = g_strdup (ssa_offer_item_get_number (item));
  data->installation_id = ssa_offer_item_get_installation_id (item);
  data->status = status;
  run_action (self, set_status_job, data, set_status_cb);
}

/* Callbacks */

static void
status_selected_cb (SsaOffersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  if (selected < G_N_ELEMENTS (filter_statuses))
    ssa_offers_page_set_status_filter (self, filter_statuses[selected]);
}

static void
selection_changed_cb (SsaOffersPage *self)
{
  update_actions (self);
}

static void
filter_items_changed_cb (SsaOffersPage *self)
{
  update_view (self);
}

static void
column_view_activate_cb (SsaOffersPage *self,
                         guint          position)
{
  g_autoptr(SsaOfferItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                        position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-offer", "s",
                                ssa_offer_item_get_number (item));
}

static void
repository_loaded_cb (SsaOffersPage *self)
{
  ssa_offers_page_reload (self);
}

/* Overrides */

static void
ssa_offers_page_dispose (GObject *object)
{
  SsaOffersPage *self = (SsaOffersPage *)object;

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->action_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->action_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_OFFERS_PAGE);
  ssa_page_swap_repository (GTK_WIDGET (self), &self->repository, NULL, NULL);

  G_OBJECT_CLASS (ssa_offers_page_parent_class)->dispose (object);
}

static void
ssa_offers_page_finalize (GObject *object)
{
  SsaOffersPage *self = (SsaOffersPage *)object;

  g_free (self->status_filter);
  g_free (self->select_number);

  G_OBJECT_CLASS (ssa_offers_page_parent_class)->finalize (object);
}

static void
ssa_offers_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  SsaOffersPage *self = SSA_OFFERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;

    case PROP_STATUS_FILTER:
      g_value_set_string (value, self->status_filter);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_offers_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SsaOffersPage *self = SSA_OFFERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      ssa_offers_page_set_repository (self, g_value_get_object (value));
      break;

    case PROP_STATUS_FILTER:
      ssa_offers_page_set_status_filter (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_offers_page_class_init (SsaOffersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_offers_page_dispose;
  object_class->finalize = ssa_offers_page_finalize;
  object_class->get_property = ssa_offers_page_get_property;
  object_class->set_property = ssa_offers_page_set_property;

  /**
   * SsaOffersPage:repository:
   *
   * The window's data, %NULL while it loads.
   */
  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL,
                         SSA_TYPE_REPOSITORY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SsaOffersPage:status-filter:
   *
   * The status of the offers shown ("draft", "sent", "accepted", "declined" or
   * "expired", as shown rather than as stored), or %NULL for all.
   */
  properties[PROP_STATUS_FILTER] =
    g_param_spec_string ("status-filter", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "offers.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "offers.revise", NULL, revise_action);
  gtk_widget_class_install_action (widget_class, "offers.mark", "s", mark_action);

  g_type_ensure (SSA_TYPE_OFFER_ITEM);
  g_type_ensure (SSA_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-offers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, customer_column);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, installation_column);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, created_column);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, valid_until_column);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, selection);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, store);
  gtk_widget_class_bind_template_callback (widget_class, status_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, ssa_offers_page_status_css_classes);
}

static void
ssa_offers_page_init (SsaOffersPage *self)
{
  GtkColumnViewColumn *hide_first[4];

  self->stale = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  ssa_gui_fix_mnemonic_names (GTK_WIDGET (self));
  ssa_gui_name_inner_button (GTK_WIDGET (self->status_dropdown), _("Status filter"));

  /* Number, status and total stay; the dates go first, then the names. */
  hide_first[0] = self->created_column;
  hide_first[1] = self->valid_until_column;
  hide_first[2] = self->installation_column;
  hide_first[3] = self->customer_column;
  ssa_gui_fit_columns (self->column_view, hide_first, G_N_ELEMENTS (hide_first));

  /* Offers are made elsewhere in the window (renewal drafts too) and validity runs out
   * overnight. */
  ssa_page_reload_when_shown (GTK_WIDGET (self), &self->load_cancellable, &self->stale,
                              G_CALLBACK (ssa_offers_page_reload));

  ssa_page_set_busy (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  update_view (self);
}

GtkWidget *
ssa_offers_page_new (void)
{
  return g_object_new (SSA_TYPE_OFFERS_PAGE, NULL);
}

/**
 * ssa_offers_page_get_repository:
 *
 * Returns: (transfer none) (nullable): the repository shown, if any
 */
SsaRepository *
ssa_offers_page_get_repository (SsaOffersPage *self)
{
  g_return_val_if_fail (SSA_IS_OFFERS_PAGE (self), NULL);

  return self->repository;
}

void
ssa_offers_page_set_repository (SsaOffersPage *self,
                                SsaRepository *repository)
{
  g_return_if_fail (SSA_IS_OFFERS_PAGE (self));
  g_return_if_fail (repository == NULL || SSA_IS_REPOSITORY (repository));

  if (!ssa_page_swap_repository (GTK_WIDGET (self), &self->repository, repository,
                                 G_CALLBACK (repository_loaded_cb)))
    return;
  /* A read-only database (or one found damaged) takes the page's writing actions away. */
  if (repository != NULL)
    g_signal_connect_object (repository, "notify::read-only", G_CALLBACK (update_actions), self,
                             G_CONNECT_SWAPPED);
  update_actions (self);

  ssa_offers_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

const char *
ssa_offers_page_get_status_filter (SsaOffersPage *self)
{
  g_return_val_if_fail (SSA_IS_OFFERS_PAGE (self), NULL);

  return self->status_filter;
}

void
ssa_offers_page_set_status_filter (SsaOffersPage *self,
                                   const char    *status)
{
  SsaOfferStatus parsed;

  g_return_if_fail (SSA_IS_OFFERS_PAGE (self));
  g_return_if_fail (status == NULL || ssa_offer_status_from_string (status, &parsed));

  if (status != NULL && *status == '\0')
    status = NULL;
  if (g_strcmp0 (self->status_filter, status) == 0)
    return;

  g_free (self->status_filter);
  self->status_filter = g_strdup (status);

  for (guint i = 0; i < G_N_ELEMENTS (filter_statuses); i++)
    if (g_strcmp0 (filter_statuses[i], status) == 0)
      gtk_drop_down_set_selected (self->status_dropdown, i);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_FILTER]);
}

/**
 * ssa_offers_page_select:
 * @number: an offer's number
 *
 * Selects the offer when it is listed, or once the list has been loaded: a page that is
 * loading, or has yet to load (it loads when it is shown), selects it then.
 */
void
ssa_offers_page_select (SsaOffersPage *self,
                        const char    *number)
{
  g_return_if_fail (SSA_IS_OFFERS_PAGE (self));
  g_return_if_fail (number != NULL);

  if (self->load_cancellable != NULL || self->stale)
    {
      g_free (self->select_number);
      self->select_number = g_strdup (number);
      return;
    }
  select_number (self, number);
}
