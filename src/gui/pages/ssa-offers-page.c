/* ssa-offers-page.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-db-job.h"
#include "ssa-db-offers.h"
#include "ssa-db.h"
#include "ssa-gui-util.h"
#include "ssa-offer-item.h"
#include "ssa-offers-page.h"
#include "ssa-offer-send.h"
#include "ssa-page.h"
#include "ssa-page-common.h"
#include "ssa-wrap-box.h"

struct _SsaOffersPage
{
  SsaPage             parent_instance;

  char               *status_filter;    /* a status's string, or NULL for all */
  char               *select_number;    /* selected once the list has been loaded */

  GCancellable       *action_cancellable;
  GHashTable         *offers;           /* number -> SsaDbOffer, as last loaded */
  GDate               today;            /* the day they were loaded on */
  AdwMessageDialog   *confirm_dialog;   /* asking whether to accept, while it is shown */

  /* Template widgets */
  GtkDropDown        *status_dropdown;
  GtkLabel           *summary_label;
  GtkWidget          *sent_button;
  GtkWidget          *accepted_button;
  GtkWidget          *declined_button;
  GtkLabel           *history_label;
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

G_DEFINE_FINAL_TYPE (SsaOffersPage, ssa_offers_page, SSA_TYPE_PAGE)

enum {
  PROP_0,
  PROP_STATUS_FILTER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The dropdown's entries, in its order: NULL shows every offer. */
static const char * const filter_statuses[] = {
  NULL, "draft", "sent", "accepted", "declined", "superseded", "revised", "expired",
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
  GDate           period_end;     /* accepting: the SSA's new end */
  guint           n_superseded;   /* accepting: the other open offers it supersedes */
  guint           alternative;    /* accepting an offer with alternatives: the one chosen */
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

/* Returns: (transfer none) (nullable): the offer as last loaded */
static const SsaDbOffer *
find_offer (SsaOffersPage *self,
            const char    *number)
{
  if (self->offers == NULL || number == NULL)
    return NULL;
  return g_hash_table_lookup (self->offers, number);
}

/* The installation's other offers still waiting for an answer: those accepting @offer
 * supersedes. */
static guint
count_other_open (SsaOffersPage    *self,
                  const SsaDbOffer *offer)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, self->offers);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const SsaDbOffer *other = value;

      if (other->id != offer->id && other->installation_id == offer->installation_id &&
          (other->status == SSA_OFFER_STATUS_DRAFT || other->status == SSA_OFFER_STATUS_SENT))
        n++;
    }
  return n;
}

/* A status button is on only where its change applies to the selected offer; off, its
 * tooltip says why (the same words the database would refuse it with). */
static void
update_status_button (SsaOffersPage    *self,
                      GtkWidget        *button,
                      SsaOfferStatus    status,
                      const SsaDbOffer *offer,
                      gboolean          idle)
{
  const char *tooltip = g_object_get_data (G_OBJECT (button), "ssa-tooltip");
  g_autofree char *why = NULL;
  gboolean can = FALSE;

  if (offer == NULL)
    ;
  else if (!ssa_page_get_writable (SSA_PAGE (self)))
    why = g_strdup (_("The database is open read-only: statuses cannot be changed."));
  else if (ssa_db_offer_can_set_status (offer, status, &self->today, &why))
    can = idle;

  gtk_widget_set_sensitive (button, can);
  gtk_widget_set_tooltip_text (button, why != NULL ? why : tooltip);
}

/* The selected offer's history, one change a line. */
static void
update_history (SsaOffersPage    *self,
                const SsaDbOffer *offer)
{
  g_autoptr(GString) text = NULL;

  if (offer == NULL || offer->history == NULL || offer->history->len == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->history_label), FALSE);
      gtk_label_set_label (self->history_label, "");
      return;
    }

  text = g_string_new (NULL);
  /* Translators: the heading of an offer's history; %s is its number. */
  g_string_append_printf (text, _("History of %s"), offer->number);
  if (offer->n_alternatives > 1)
    {
      g_string_append_c (text, '\n');
      /* Translators: the register says that an offer has alternatives (docs/rules.md). */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "The offer has %u alternative to choose from",
                                                 "The offer has %u alternatives to choose from",
                                                 offer->n_alternatives),
                              offer->n_alternatives);
    }
  for (guint i = 0; i < offer->history->len; i++)
    {
      const SsaDbOfferStatusChange *change = g_ptr_array_index (offer->history, i);
      g_autoptr(GDateTime) local = g_date_time_to_local (change->changed_at);
      g_autofree char *time = g_date_time_format (local, "%H:%M");
      g_autofree char *date = NULL;
      g_autofree char *what = NULL;
      GDate day;

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, (GDateDay) g_date_time_get_day_of_month (local),
                      (GDateMonth) g_date_time_get_month (local),
                      (GDateYear) g_date_time_get_year (local));
      date = ssa_page_format_date (&day);

      if (change->status == SSA_OFFER_STATUS_SUPERSEDED && change->caused_by != NULL)
        /* Translators: in an offer's history; %s is the number of the accepted offer. */
        what = g_strdup_printf (_("Superseded: offer %s was accepted"), change->caused_by);
      else if (change->status == SSA_OFFER_STATUS_REVISED && change->caused_by != NULL)
        /* Translators: in an offer's history; %s is the revision's number. */
        what = g_strdup_printf (_("Revised as %s"), change->caused_by);
      else if (change->status == SSA_OFFER_STATUS_DRAFT)
        what = g_strdup (_("Created as a draft"));
      else if (change->status == SSA_OFFER_STATUS_ACCEPTED && change->alternative > 0)
        /* Translators: in an offer's history; %u is the alternative the customer chose. */
        what = g_strdup_printf (_("Accepted: alternative %u"), change->alternative);
      else
        what = g_strdup (ssa_offer_status_get_title (change->status));

      g_string_append_c (text, '\n');
      if (change->user != NULL)
        /* Translators: one line of an offer's history: date, time, what, and who. */
        g_string_append_printf (text, _("%s %s: %s, by %s"), date, time, what, change->user);
      else
        /* Translators: one line of an offer's history: date, time and what. */
        g_string_append_printf (text, _("%s %s: %s"), date, time, what);
    }
  gtk_label_set_label (self->history_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->history_label), TRUE);
}

static void
update_actions (SsaOffersPage *self)
{
  g_autoptr(SsaOfferItem) item = dup_selected_item (self);
  g_autofree char *path = ssa_page_dup_db_path (SSA_PAGE (self));
  gboolean idle = path != NULL && self->action_cancellable == NULL &&
                  ssa_page_get_writable (SSA_PAGE (self));
  const SsaDbOffer *offer = item != NULL ? find_offer (self, ssa_offer_item_get_number (item))
                                         : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offers.open", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offers.revise", item != NULL && idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offers.mark", item != NULL && idle);
  /* Sending reads only; an offer that is closed (accepted, declined, expired) is not sent. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offers.send",
                                 item != NULL && path != NULL &&
                                 (g_strcmp0 (ssa_offer_item_get_status (item), "draft") == 0 ||
                                  g_strcmp0 (ssa_offer_item_get_status (item), "sent") == 0));
  /* After the action: its state sets the buttons' sensitivity, which is narrowed here. */
  update_status_button (self, self->sent_button, SSA_OFFER_STATUS_SENT, offer, idle);
  update_status_button (self, self->accepted_button, SSA_OFFER_STATUS_ACCEPTED, offer, idle);
  update_status_button (self, self->declined_button, SSA_OFFER_STATUS_DECLINED, offer, idle);
  update_history (self, offer);
}

static void
ssa_offers_page_update_actions (SsaPage *page)
{
  update_actions (SSA_OFFERS_PAGE (page));
}

static void
update_view (SsaOffersPage *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *summary = NULL;

  ssa_page_show_list_or_empty (SSA_PAGE (self), G_LIST_MODEL (self->filter_model));

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
ssa_offers_page_load (SsaPage             *page,
                      const char          *db_path,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  ssa_db_job_run_async (db_path, load_offers_job, NULL, NULL,
                        (GDestroyNotify) offers_result_free, cancellable, callback, user_data);
}

static gpointer
ssa_offers_page_load_finish (SsaPage       *page,
                             GAsyncResult  *result,
                             GError       **error)
{
  return ssa_db_job_finish (result, error);
}

/* Without a database, or with a load that failed (the error page says why). */
static void
ssa_offers_page_clear (SsaPage *page)
{
  SsaOffersPage *self = SSA_OFFERS_PAGE (page);

  g_list_store_remove_all (self->store);
  update_view (self);
}

static void
ssa_offers_page_show (SsaPage  *page,
                      gpointer  loaded)
{
  SsaOffersPage *self = SSA_OFFERS_PAGE (page);
  g_autoptr(OffersResult) offers = loaded;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(SsaOfferItem) selected = NULL;
  g_autofree char *number = NULL;

  if (offers == NULL)
    {
      ssa_offers_page_clear (page);
      return;
    }

  /* Keep the selection across the reload, unless an action asked for another offer. */
  selected = dup_selected_item (self);
  if (self->select_number != NULL)
    number = g_steal_pointer (&self->select_number);
  else if (selected != NULL)
    number = g_strdup (ssa_offer_item_get_number (selected));

  /* Kept for the status buttons, the confirmation and the history. */
  g_clear_pointer (&self->offers, g_hash_table_unref);
  self->offers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) ssa_db_offer_free);
  self->today = offers->today;
  for (guint i = 0; i < offers->offers->len; i++)
    {
      SsaDbOffer *offer = g_ptr_array_index (offers->offers, i);

      g_hash_table_insert (self->offers, offer->number, offer);
    }
  g_ptr_array_set_free_func (offers->offers, NULL);

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

  ssa_page_reload (SSA_PAGE (self));
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
   * Like a revision made on the command line, it is valid for the profile's default. */
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

  if (data->status == SSA_OFFER_STATUS_ACCEPTED
      ? !ssa_db_accept_offer (db, data->number, data->alternative, NULL, error)
      : !ssa_db_set_offer_status (db, data->number, data->status, NULL, error))
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

/* The accepted offer's installation was read again (in the repository's queue). */
static void
refreshed_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(SsaOffersPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!ssa_repository_refresh_installation_finish (SSA_REPOSITORY (object), result, &error))
    ssa_page_show_error (GTK_WIDGET (self), error);
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
  SsaRepository *repository;

  if (number == NULL)
    return;

  switch (data->status)
    {
    case SSA_OFFER_STATUS_SENT:
      message = g_strdup_printf (_("Offer %s marked as sent"), number);
      break;

    case SSA_OFFER_STATUS_ACCEPTED:
      {
        g_autofree char *end = ssa_page_format_date (&data->period_end);

        if (data->n_superseded > 0)
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "Offer %s accepted: the SSA runs to %s, "
                                                  "and %u other open offer is superseded",
                                                  "Offer %s accepted: the SSA runs to %s, "
                                                  "and %u other open offers are superseded",
                                                  data->n_superseded),
                                     number, end, data->n_superseded);
        else
          message = g_strdup_printf (_("Offer %s accepted: the SSA runs to %s"), number, end);
      }
      break;

    case SSA_OFFER_STATUS_DECLINED:
    case SSA_OFFER_STATUS_DRAFT:
    case SSA_OFFER_STATUS_SUPERSEDED:
    case SSA_OFFER_STATUS_REVISED:
    case SSA_OFFER_STATUS_EXPIRED:
    default:
      message = g_strdup_printf (_("Offer %s marked as declined"), number);
      break;
    }
  ssa_page_show_message (GTK_WIDGET (self), message);

  /* Accepting extended the installation's SSA in the database: show it in the window. */
  repository = ssa_page_get_repository (SSA_PAGE (self));
  if (data->status == SSA_OFFER_STATUS_ACCEPTED && repository != NULL)
    {
      SsaInstallation *installation;

      installation = ssa_repository_find_installation (repository, data->installation_id);
      if (installation != NULL)
        ssa_repository_refresh_installation_async (repository, installation, NULL,
                                                   refreshed_cb, g_object_ref (self));
    }

  ssa_offers_page_reload (self);
}

static void
run_action (SsaOffersPage *self,
            SsaDbJobFunc   func,
            ActionData    *data,
            GAsyncReadyCallback callback)
{
  g_autofree char *path = ssa_page_dup_db_path (SSA_PAGE (self));

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
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SsaOffersPage    *self)
{
  ActionData *data = g_object_steal_data (G_OBJECT (dialog), "ssa-action");

  if (self->confirm_dialog == dialog)
    self->confirm_dialog = NULL;
  if (data == NULL)
    return;
  if (g_strcmp0 (response, "accept") == 0 && self->action_cancellable == NULL)
    {
      GtkCheckButton **choices = g_object_get_data (G_OBJECT (dialog), "ssa-choices");
      const SsaDbOffer *offer = find_offer (self, data->number);

      /* The alternative chosen, and the end it gives the SSA. */
      for (guint n = 1; choices != NULL && choices[n - 1] != NULL; n++)
        if (gtk_check_button_get_active (choices[n - 1]))
          {
            data->alternative = n;
            if (offer != NULL && n <= offer->n_alternatives)
              data->period_end = offer->alternative_end[n - 1];
          }
      run_action (self, set_status_job, data, set_status_cb);
    }
  else
    action_data_free (data);
}

static void
alternative_toggled_cb (GtkCheckButton   *button,
                        AdwMessageDialog *dialog)
{
  /* Accepting needs a choice. */
  if (gtk_check_button_get_active (button))
    adw_message_dialog_set_response_enabled (dialog, "accept", TRUE);
}

/* The offer's alternatives as a list of radio buttons under the question, none chosen:
 * "Accept" waits for a choice. */
static void
add_alternative_choices (SsaOffersPage    *self,
                         AdwMessageDialog *dialog,
                         const SsaDbOffer *offer)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkCheckButton **choices = g_new0 (GtkCheckButton *, offer->n_alternatives + 1);
  GtkCheckButton *group = NULL;

  for (guint n = 1; n <= offer->n_alternatives; n++)
    {
      g_autofree char *end = ssa_date_is_set (&offer->alternative_end[n - 1])
                             ? ssa_page_format_date (&offer->alternative_end[n - 1])
                             : g_strdup ("–");
      g_autofree char *total = ssa_money_format (offer->alternative_total[n - 1],
                                                 offer->currency, ssa_lang_from_locale ());
      /* Translators: a choice when accepting: "Alternative 2: SSA to 27.11.2029, 7 810,01 kr". */
      g_autofree char *label = g_strdup_printf (_("Alternative %u: SSA to %s, %s"), n, end,
                                                total);
      GtkWidget *button = gtk_check_button_new_with_label (label);

      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (button), group);
      else
        group = GTK_CHECK_BUTTON (button);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect_object (button, "toggled", G_CALLBACK (alternative_toggled_cb), dialog, 0);
      choices[n - 1] = GTK_CHECK_BUTTON (button);
      gtk_box_append (GTK_BOX (box), button);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Alternatives"), -1);
  g_object_set_data_full (G_OBJECT (dialog), "ssa-choices", choices, g_free);
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_set_response_enabled (dialog, "accept", FALSE);
}

/* Accepting changes the installation: the window asks first, and says what will change. */
static void
confirm_accept (SsaOffersPage *self,
                ActionData    *data,
                const char    *bought)
{
  const SsaDbOffer *offer = find_offer (self, data->number);
  g_autofree char *heading = NULL;
  g_autofree char *end = NULL;
  g_autofree char *body = NULL;
  g_autofree char *now = NULL;
  g_autofree char *installation_title = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (offer == NULL)
    {
      action_data_free (data);
      return;
    }

  data->period_end = offer->period_end;
  data->n_superseded = count_other_open (self, offer);
  installation_title = ssa_page_dup_installation_title (offer->installation_id,
                                                        offer->installation_name, NULL);
  end = ssa_page_format_date (&offer->period_end);
  if (ssa_page_get_repository (SSA_PAGE (self)) != NULL)
    {
      SsaInstallation *installation =
        ssa_repository_find_installation (ssa_page_get_repository (SSA_PAGE (self)),
                                          offer->installation_id);
      const GDate *expiry = installation != NULL
                            ? ssa_installation_get_ssa_expiry (installation) : NULL;

      if (expiry != NULL && ssa_date_is_set (expiry))
        now = ssa_page_format_date (expiry);
    }

  /* Translators: %s is the offer's number. */
  heading = g_strdup_printf (_("Accept Offer %s?"), data->number);
  if (offer->n_alternatives > 1)
    /* Translators: the offer has alternatives; %s is the installation. */
    body = g_strdup_printf (_("Choose the alternative the customer accepted. The SSA of %s "
                              "will run to the end of that alternative, and the licences it "
                              "pays for will be covered to that day."),
                            installation_title);
  else if (now != NULL)
    /* Translators: the installation, its SSA's end now, and its end after accepting. */
    body = g_strdup_printf (_("The SSA of %s will run to %s instead of %s, and the licences "
                              "this offer pays for will be covered to that day."),
                            installation_title, end, now);
  else
    body = g_strdup_printf (_("The SSA of %s will run to %s, and the licences this offer pays "
                              "for will be covered to that day."),
                            installation_title, end);
  if (data->n_superseded > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u other open offer for this "
                                                            "installation will be marked "
                                                            "superseded.",
                                                            "%u other open offers for this "
                                                            "installation will be marked "
                                                            "superseded.",
                                                            data->n_superseded),
                                               data->n_superseded);
      char *both = g_strconcat (body, " ", more, NULL);

      g_free (body);
      body = both;
    }
  if (bought != NULL && *bought != '\0')
    {
      /* Translators: %s lists the licences a true-up offer sells, "3 × IP port (02-00039-002)". */
      g_autofree char *more = g_strdup_printf (_("The licences it sells are added to the "
                                                 "installation, bought today: %s."), bought);
      char *both = g_strconcat (body, " ", more, NULL);

      g_free (body);
      body = both;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "accept", _("_Accept"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "accept", ADW_RESPONSE_SUGGESTED);
  if (offer->n_alternatives > 1)
    add_alternative_choices (self, dialog, offer);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ssa-action", data,
                          (GDestroyNotify) action_data_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  self->confirm_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Before asking whether to accept: the licences accepting adds to the installation (an
 * offer's true-up, docs/rules.md "True-up"), read in a worker, as a list for the question:
 * "3 × IP port (02-00039-002), 1 × Voicemail (02-00036-001)"; empty when it adds none. */
static gpointer
accept_preview_job (SsaDb         *db,
                    gpointer       user_data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  ActionData *data = user_data;
  g_autoptr(SsaDbOffer) offer = ssa_db_load_offer (db, data->number, error);

  if (offer == NULL)
    return NULL;
  return ssa_db_offer_dup_true_up_text (offer, error);
}

static void
accept_preview_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SsaOffersPage) self = user_data;
  const ActionData *read = ssa_db_job_get_data (result);
  g_autofree char *bought = finish_action (self, result);
  ActionData *data;

  if (bought == NULL)
    return;

  data = g_new0 (ActionData, 1);
  data->number = g_strdup (read->number);
  data->installation_id = read->installation_id;
  data->status = read->status;
  g_date_clear (&data->period_end, 1);
  confirm_accept (self, data, bought);
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
  g_date_clear (&data->period_end, 1);

  if (status == SSA_OFFER_STATUS_ACCEPTED)
    {
      const SsaDbOffer *offer = find_offer (self, data->number);
      g_autofree char *why = NULL;

      /* What cannot apply is said at once, without asking first. */
      if (offer != NULL && !ssa_db_offer_can_set_status (offer, status, &self->today, &why))
        {
          ssa_page_show_message (GTK_WIDGET (self), why);
          action_data_free (data);
          return;
        }
      run_action (self, accept_preview_job, data, accept_preview_cb);
      return;
    }
  run_action (self, set_status_job, data, set_status_cb);
}

/* "Send by E-mail…" (ssa-offer-send.c), and the toast's "Mark as Sent" after it, which
 * names its offer: the selection may have moved on while the user was in the mail program. */
static void
send_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SsaOffersPage *self = SSA_OFFERS_PAGE (widget);
  g_autoptr(SsaOfferItem) item = dup_selected_item (self);
  g_autofree char *path = ssa_page_dup_db_path (SSA_PAGE (self));

  if (item != NULL && path != NULL)
    ssa_offer_send_run (widget, path, ssa_offer_item_get_number (item),
                        g_strcmp0 (ssa_offer_item_get_status (item), "draft") == 0);
}

/* The log: the audit log of the database, newest first, in a window of its own beside the
 * register (not modal: the register stays usable). */

static gpointer
list_audit_job (SsaDb         *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return ssa_db_list_audit (db, error);
}

/* "7 Dec 2026 14:05 · Kari Nordmann", in local time. */
static char *
format_audit_when_who (const SsaAuditEntry *entry)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (entry->at, NULL);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M")
                                        : g_strdup (entry->at);

  if (entry->who == NULL)
    return g_steal_pointer (&when);
  /* Translators: when and who, in the register's log: "2026-12-07 14:05 · Kari Nordmann". */
  return g_strdup_printf (_("%s · %s"), when, entry->who);
}

static void
audit_listed_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkWidget) list = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = ssa_db_job_finish (result, &error);

  if (entries == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      /* Translators: in the register's log, when the log cannot be read. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The log could not be read"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      return;
    }
  if (entries->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Nothing yet: changes of an offer’s status, deletions "
                                       "and archiving are listed here"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  for (guint i = entries->len; i > 0; i--)
    {
      const SsaAuditEntry *entry = g_ptr_array_index (entries, i - 1);
      g_autofree char *what = ssa_audit_entry_describe (entry, TRUE);
      g_autofree char *when_who = format_audit_when_who (entry);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), what);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when_who);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  g_ptr_array_unref (entries);
}

static void
log_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SsaOffersPage *self = SSA_OFFERS_PAGE (widget);
  g_autofree char *path = ssa_page_dup_db_path (SSA_PAGE (self));
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *header;
  GtkWidget *scrolled;
  GtkWidget *clamp;
  GtkWidget *list;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (path == NULL)
    return;

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), _("Log"));
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 520);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_widget_set_name (window, "audit_log_window");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  clamp = adw_clamp_new ();
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  list = gtk_list_box_new ();
  gtk_widget_set_name (list, "audit_log_list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Changes of offers’ status, deletions and archiving, "
                                    "newest first"), -1);
  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (window), box);

  ssa_db_job_run_async (path, list_audit_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                        NULL, audit_listed_cb, g_object_ref (list));
  gtk_window_present (GTK_WINDOW (window));
}

static void
mark_sent_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SsaOffersPage *self = SSA_OFFERS_PAGE (widget);
  ActionData *data;

  if (self->action_cancellable != NULL || !ssa_page_get_writable (SSA_PAGE (self)))
    return;

  data = g_new0 (ActionData, 1);
  data->number = g_variant_dup_string (parameter, NULL);
  data->status = SSA_OFFER_STATUS_SENT;
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

/* Overrides */

static void
ssa_offers_page_dispose (GObject *object)
{
  SsaOffersPage *self = (SsaOffersPage *)object;

  if (self->confirm_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->confirm_dialog)));
  g_cancellable_cancel (self->action_cancellable);
  g_clear_object (&self->action_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_OFFERS_PAGE);

  G_OBJECT_CLASS (ssa_offers_page_parent_class)->dispose (object);
}

static void
ssa_offers_page_finalize (GObject *object)
{
  SsaOffersPage *self = (SsaOffersPage *)object;

  g_free (self->status_filter);
  g_free (self->select_number);
  g_clear_pointer (&self->offers, g_hash_table_unref);

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
  SsaPageClass *page_class = SSA_PAGE_CLASS (klass);

  object_class->dispose = ssa_offers_page_dispose;
  object_class->finalize = ssa_offers_page_finalize;
  object_class->get_property = ssa_offers_page_get_property;
  object_class->set_property = ssa_offers_page_set_property;

  page_class->load = ssa_offers_page_load;
  page_class->load_finish = ssa_offers_page_load_finish;
  page_class->show = ssa_offers_page_show;
  page_class->clear = ssa_offers_page_clear;
  page_class->update_actions = ssa_offers_page_update_actions;
  /* The window asks after each offer it saves: a hidden page loads once, when it is
   * shown. */
  page_class->defer_while_hidden = TRUE;

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
  gtk_widget_class_install_action (widget_class, "offers.send", NULL, send_action);
  gtk_widget_class_install_action (widget_class, "offers.log", NULL, log_action);
  gtk_widget_class_install_action (widget_class, "offers.mark-sent", "s", mark_sent_action);

  g_type_ensure (SSA_TYPE_OFFER_ITEM);
  g_type_ensure (SSA_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-offers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, sent_button);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, accepted_button);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, declined_button);
  gtk_widget_class_bind_template_child (widget_class, SsaOffersPage, history_label);
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

  ssa_date_today (&self->today);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The buttons' own tooltips, shown whenever their change applies. */
  g_object_set_data_full (G_OBJECT (self->sent_button), "ssa-tooltip",
                          g_strdup (gtk_widget_get_tooltip_text (self->sent_button)), g_free);
  g_object_set_data_full (G_OBJECT (self->accepted_button), "ssa-tooltip",
                          g_strdup (gtk_widget_get_tooltip_text (self->accepted_button)), g_free);
  g_object_set_data_full (G_OBJECT (self->declined_button), "ssa-tooltip",
                          g_strdup (gtk_widget_get_tooltip_text (self->declined_button)), g_free);
  ssa_gui_fix_mnemonic_names (GTK_WIDGET (self));
  ssa_gui_name_inner_button (GTK_WIDGET (self->status_dropdown), _("Status filter"));

  /* Number, status and total stay; the dates go first, then the names. */
  hide_first[0] = self->created_column;
  hide_first[1] = self->valid_until_column;
  hide_first[2] = self->installation_column;
  hide_first[3] = self->customer_column;
  ssa_gui_fit_columns (self->column_view, hide_first, G_N_ELEMENTS (hide_first));

  /* Offers are made elsewhere in the window (renewal drafts too) and validity runs out
   * overnight: SsaPage loads the page again when it is shown after being hidden. */
  ssa_page_bind_states (SSA_PAGE (self), self->stack, self->spinner, self->error_page,
                        G_LIST_MODEL (self->store));
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

  return ssa_page_get_repository (SSA_PAGE (self));
}

void
ssa_offers_page_set_repository (SsaOffersPage *self,
                                SsaRepository *repository)
{
  g_return_if_fail (SSA_IS_OFFERS_PAGE (self));

  ssa_page_set_repository (SSA_PAGE (self), repository);
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

  if (ssa_page_get_loading (SSA_PAGE (self)) || ssa_page_get_stale (SSA_PAGE (self)))
    {
      g_free (self->select_number);
      self->select_number = g_strdup (number);
      return;
    }
  select_number (self, number);
}
