/* ssa-renewals-page.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-db-inventory.h"
#include "ssa-db-job.h"
#include "ssa-db-offers.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-page.h"
#include "ssa-page-common.h"
#include "ssa-renewal-batch.h"
#include "ssa-renewal-item.h"
#include "ssa-gui-util.h"
#include "ssa-renewals-page.h"
#include "ssa-wrap-box.h"

/* The renewals page lists every installation whose SSA has ended or ends within 90 days
 * once, and filters by the chosen window in the view: switching between 30, 60 and 90 days
 * needs no database work. */
#define MAX_WITHIN_DAYS 90

struct _SsaRenewalsPage
{
  SsaPage             parent_instance;

  guint               within_days;

  GCancellable       *batch_cancellable;
  GtkFileChooserNative *chooser;
  GArray             *chosen;           /* BatchEntry: the selection when the chooser opened */
  char               *last_folder;      /* the folder of the last batch, for "Open Folder" */

  /* Template widgets */
  GtkToggleButton    *within_30_button;
  GtkToggleButton    *within_60_button;
  GtkToggleButton    *within_90_button;
  GtkLabel           *summary_label;
  GtkButton          *create_button;
  GtkRevealer        *progress_revealer;
  GtkProgressBar     *progress_bar;
  GtkButton          *cancel_button;
  GtkRevealer        *problems_revealer;
  GtkLabel           *problems_label;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *empty_page;
  AdwStatusPage      *error_page;
  GtkColumnView      *column_view;
  GtkColumnViewColumn *customer_column;
  GtkColumnViewColumn *days_column;
  GtkColumnViewColumn *value_column;
  GtkColumnViewColumn *open_offer_column;
  GtkMultiSelection  *selection;
  GtkFilterListModel *filter_model;
  GListStore         *store;
  GtkBoolFilter      *within_filter;
};

G_DEFINE_FINAL_TYPE (SsaRenewalsPage, ssa_renewals_page, SSA_TYPE_PAGE)

enum {
  PROP_0,
  PROP_WITHIN_DAYS,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The snapshot of one selected installation, for the batch. */
typedef struct
{
  gint64  id;
  char   *name;
} BatchEntry;

/* The result of the loading job: plain values made in the worker. */
typedef struct
{
  GArray    *rows;                /* SsaDbInstallationRow */
  GArray    *totals;              /* gint64, by row; -1 when there is no value */
  GPtrArray *problems;            /* char*, by row: why there is no value, or NULL */
  GHashTable *open_offers;        /* installation id -> SsaDbOffer: its open offer */
  char      *currency;
  GDate      today;
} RenewalsResult;

static void
batch_entry_clear (gpointer data)
{
  BatchEntry *entry = data;

  g_free (entry->name);
}

static void
renewals_result_free (RenewalsResult *result)
{
  g_clear_pointer (&result->rows, g_array_unref);
  g_clear_pointer (&result->totals, g_array_unref);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->open_offers, g_hash_table_unref);
  g_free (result->currency);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenewalsResult, renewals_result_free)

/* Closures of the template. */

gboolean ssa_renewals_page_is_within (gpointer item,
                                      int      days,
                                      guint    within_days);
char   **ssa_renewals_page_days_css_classes (gpointer item,
                                             int      days);

gboolean
ssa_renewals_page_is_within (gpointer item,
                             int      days,
                             guint    within_days)
{
  /* Ended SSAs (negative days) are always listed. */
  return days <= (int) within_days;
}

char **
ssa_renewals_page_days_css_classes (gpointer item,
                                    int      days)
{
  const char *classes[3] = { "numeric", NULL, NULL };

  if (days < 0)
    classes[1] = "error";
  else if (days <= 30)
    classes[1] = "warning";
  return g_strdupv ((char **) classes);
}

/* Returns: (transfer full): "12 days left", "Ends today", "Ended 3 days ago" */
static char *
format_days (int days)
{
  if (days > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day left", "%d days left",
                                         (gulong) days), days);
  if (days == 0)
    return g_strdup (_("Ends today"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Ended %d day ago", "Ended %d days ago",
                                       (gulong) -days), -days);
}

static gboolean
is_busy (SsaRenewalsPage *self)
{
  return self->batch_cancellable != NULL || self->chooser != NULL;
}

static void
update_actions (SsaRenewalsPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autofree char *path = ssa_page_dup_db_path (SSA_PAGE (self));

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "renewals.create-offers",
                                 path != NULL && !is_busy (self) &&
                                 ssa_page_get_writable (SSA_PAGE (self)) &&
                                 !gtk_bitset_is_empty (selected));
}

static void
ssa_renewals_page_update_actions (SsaPage *page)
{
  update_actions (SSA_RENEWALS_PAGE (page));
}

static void
update_view (SsaRenewalsPage *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autoptr(GtkBitset) selected = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  guint n_selected;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  n_selected = (guint) gtk_bitset_get_size (selected);

  ssa_page_show_list_or_empty (SSA_PAGE (self), G_LIST_MODEL (self->filter_model));

  if (n_selected > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u installation selected",
                                            "%u of %u installations selected", n_shown),
                               n_selected, n_shown);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u installation",
                                            "%u installations", n_shown), n_shown);
  gtk_label_set_label (self->summary_label, summary);

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "No SSA has ended or ends within the next %u day.",
                                              "No SSA has ended or ends within the next %u days.",
                                              self->within_days),
                                 self->within_days);
  adw_status_page_set_description (self->empty_page, description);

  update_actions (self);
}

/* Loading: the renewals and the value of each one's default offer, in a worker. */

static gpointer
load_renewals_job (SsaDb         *db,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(RenewalsResult) result = g_new0 (RenewalsResult, 1);
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(GError) price_list_error = NULL;
  SsaOfferRequest request;

  ssa_date_today (&result->today);
  result->rows = ssa_db_list_renewals (db, &result->today, MAX_WITHIN_DAYS, error);
  if (result->rows == NULL)
    return NULL;
  /* Each installation's offer still waiting for an answer: shown, and skipped by the batch. */
  result->open_offers = ssa_db_list_open_offers (db, &result->today, error);
  if (result->open_offers == NULL)
    return NULL;

  result->totals = g_array_sized_new (FALSE, FALSE, sizeof (gint64), result->rows->len);
  result->problems = g_ptr_array_new_full (result->rows->len, g_free);

  /* Without a current price list the rows are still worth showing, without values. */
  price_list = ssa_db_load_current_price_list (db, NULL, &price_list_error);
  if (price_list != NULL)
    result->currency = g_strdup (price_list->currency);

  /* The engine's default offer: 12 months from the default start, billed once. */
  ssa_offer_request_init (&request);
  request.today = result->today;

  for (guint i = 0; i < result->rows->len; i++)
    {
      const SsaDbInstallationRow *row = &g_array_index (result->rows, SsaDbInstallationRow, i);
      g_autoptr(SsaInventory) inventory = NULL;
      g_autoptr(SsaOffer) offer = NULL;
      g_autoptr(GError) local_error = NULL;
      gint64 total = -1;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (price_list == NULL)
        {
          g_array_append_val (result->totals, total);
          g_ptr_array_add (result->problems, g_strdup (price_list_error->message));
          continue;
        }

      inventory = ssa_db_load_inventory (db, row->id, NULL, &local_error);
      if (inventory != NULL)
        offer = ssa_offer_compute (price_list, inventory, &request, &local_error);
      if (offer != NULL)
        total = offer->totals.total;

      g_array_append_val (result->totals, total);
      g_ptr_array_add (result->problems,
                       local_error != NULL ? g_strdup (local_error->message) : NULL);
    }

  return g_steal_pointer (&result);
}

static void
ssa_renewals_page_load (SsaPage             *page,
                        const char          *db_path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  ssa_db_job_run_async (db_path, load_renewals_job, NULL, NULL,
                        (GDestroyNotify) renewals_result_free, cancellable, callback,
                        user_data);
}

static gpointer
ssa_renewals_page_load_finish (SsaPage       *page,
                               GAsyncResult  *result,
                               GError       **error)
{
  return ssa_db_job_finish (result, error);
}

/* Without a database, or with a load that failed (the error page says why). */
static void
ssa_renewals_page_clear (SsaPage *page)
{
  SsaRenewalsPage *self = SSA_RENEWALS_PAGE (page);

  g_list_store_remove_all (self->store);
  update_view (self);
}

static void
ssa_renewals_page_show (SsaPage  *page,
                        gpointer  loaded)
{
  SsaRenewalsPage *self = SSA_RENEWALS_PAGE (page);
  SsaRepository *repository = ssa_page_get_repository (page);
  g_autoptr(RenewalsResult) renewals = loaded;
  g_autoptr(GPtrArray) items = NULL;

  if (renewals == NULL)
    {
      ssa_renewals_page_clear (page);
      return;
    }

  items = g_ptr_array_new_full (renewals->rows->len, g_object_unref);
  for (guint i = 0; i < renewals->rows->len; i++)
    {
      const SsaDbInstallationRow *row = &g_array_index (renewals->rows, SsaDbInstallationRow, i);
      gint64 total = g_array_index (renewals->totals, gint64, i);
      const char *problem = g_ptr_array_index (renewals->problems, i);
      g_autofree char *title = ssa_page_dup_installation_title (row->id, row->name, row->serial);
      g_autofree char *expiry = ssa_page_format_date (&row->ssa_expiry);
      g_autofree char *days_text = NULL;
      g_autofree char *value_text = NULL;
      int days = g_date_days_between (&renewals->today, &row->ssa_expiry);
      const SsaDbOffer *open = g_hash_table_lookup (renewals->open_offers, &row->id);
      SsaRenewalItem *item;

      /* An installation the window is deleting (hidden until its Undo is no longer
       * offered) is still in the database, but no longer the user's. */
      if (repository != NULL && ssa_repository_get_loaded (repository) &&
          ssa_repository_find_installation (repository, row->id) == NULL)
        continue;

      days_text = format_days (days);
      if (total >= 0)
        value_text = ssa_page_format_money (total, renewals->currency);
      else
        value_text = g_strdup ("—");

      item = ssa_renewal_item_new (row->id, title,
                                   row->customer_name != NULL ? row->customer_name : "",
                                   ssa_page_date_sort_key (&row->ssa_expiry), expiry,
                                   days, days_text, total >= 0, MAX (total, -1),
                                   value_text, problem);
      if (open != NULL)
        {
          /* Translators: the open offer of an installation on the renewals page: its number
           * and its status, "2026-0003 (Sent)". */
          g_autofree char *text = g_strdup_printf (_("%s (%s)"), open->number,
                                                   ssa_offer_status_get_title (open->status));

          ssa_renewal_item_set_open_offer (item, open->number, text);
        }
      g_ptr_array_add (items, item);
    }

  /* One splice, so that the view updates once. */
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);
  gtk_stack_set_visible_child_name (self->stack, "list");
  update_view (self);
}

/**
 * ssa_renewals_page_reload:
 *
 * Reads the page's lists anew from the database, in a worker thread; a page that is not
 * shown does so once it is shown.
 */
void
ssa_renewals_page_reload (SsaRenewalsPage *self)
{
  g_return_if_fail (SSA_IS_RENEWALS_PAGE (self));

  ssa_page_reload (SSA_PAGE (self));
}

/* The batch: a renewal offer, its PDF and its workbook for each selected installation. */

static void
batch_progress_cb (guint    n_done,
                   guint    n_total,
                   gpointer user_data)
{
  SsaRenewalsPage *self = user_data;
  g_autofree char *text = NULL;

  if (self->batch_cancellable == NULL)
    return;

  /* Translators: progress of the renewals batch, "2 of 5". */
  text = g_strdup_printf (_("%u of %u"), n_done, n_total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) n_done / MAX (n_total, 1));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
open_folder_cb (SsaRenewalsPage *self)
{
  g_autoptr(GFile) folder = NULL;

  if (self->last_folder == NULL)
    return;

  folder = g_file_new_for_path (self->last_folder);
  ssa_gui_open_file (GTK_WIDGET (self), folder);
}

static void
set_busy (SsaRenewalsPage *self,
          GCancellable    *cancellable)
{
  if (cancellable != NULL)
    g_set_object (&self->batch_cancellable, cancellable);
  else
    g_clear_object (&self->batch_cancellable);

  gtk_revealer_set_reveal_child (self->progress_revealer, cancellable != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), cancellable != NULL);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
batch_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SsaRenewalsPage) self = user_data;
  g_autoptr(SsaRenewalBatch) batch = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gboolean has_files = FALSE;
  AdwToast *toast;
  guint n_made;

  batch = ssa_renewal_batch_run_finish (result, &error);
  /* The window closed while the batch ran: the offers made are in the register. */
  if (self->stack == NULL)
    return;
  set_busy (self, NULL);

  if (batch == NULL)
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }

  n_made = batch->n_made;
  g_free (self->last_folder);
  self->last_folder = g_strdup (batch->folder);
  for (guint i = 0; i < ssa_renewal_batch_get_n_items (batch); i++)
    {
      const SsaRenewalBatchItem *item = ssa_renewal_batch_get_item (batch, i);

      if (item->error != NULL)
        /* Translators: one line of the renewals batch's problems: an installation's name,
         * then what went wrong. */
        g_ptr_array_add (problems, g_strdup_printf (_("%s: %s"), item->name,
                                                    item->error->message));
      if (item->pdf_path != NULL)
        has_files = TRUE;
    }

  if (batch->cancelled && n_made == 0)
    title = g_strdup (_("Cancelled: no renewal offer was made"));
  else if (batch->cancelled)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Cancelled after %u renewal offer",
                                          "Cancelled after %u renewal offers", n_made),
                             n_made);
  else if (problems->len > 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Created %u of %u renewal offer, with problems",
                                          "Created %u of %u renewal offers, with problems",
                                          batch->items->len),
                             n_made, batch->items->len);
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Created %u renewal offer",
                                          "Created %u renewal offers", n_made),
                             n_made);

  /* Skipped installations are counted, with the reason, in the same toast. */
  if (batch->n_skipped > 0)
    {
      g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u skipped: it already has an "
                                                               "open offer",
                                                               "%u skipped: they already have "
                                                               "an open offer",
                                                               batch->n_skipped),
                                                  batch->n_skipped);
      /* Translators: the renewals batch's result, then what it skipped and why. */
      char *both = g_strdup_printf (_("%s; %s"), title, skipped);

      g_free (title);
      title = both;
    }

  /* The skipped installations are named in the list's Open Offer column; the toast says
   * how many and why. */
  if (problems->len > 0)
    {
      g_autofree char *lines = NULL;

      g_ptr_array_add (problems, NULL);
      lines = g_strjoinv ("\n", (char **) problems->pdata);
      gtk_label_set_label (self->problems_label, lines);
      gtk_revealer_set_reveal_child (self->problems_revealer, TRUE);
    }

  toast = adw_toast_new (title);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  if (has_files)
    {
      adw_toast_set_button_label (toast, _("_Open Folder"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_folder_cb), self,
                               G_CONNECT_SWAPPED);
    }
  ssa_page_show_toast (GTK_WIDGET (self), toast);

  /* New drafts change no installation: the register lists them when it is shown. */
  ssa_renewals_page_reload (self);
}

static void
start_batch (SsaRenewalsPage *self,
             GFile           *folder)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = ssa_page_dup_db_path (SSA_PAGE (self));
  g_autofree char *folder_path = NULL;
  SsaRenewalBatch *batch;
  GDate today;

  if (path == NULL || self->chosen == NULL || self->chosen->len == 0)
    return;

  folder_path = g_file_get_path (folder);
  if (folder_path == NULL)
    {
      ssa_page_show_message (GTK_WIDGET (self),
                             _("Choose a folder on this computer for the renewal offers."));
      return;
    }
  ssa_date_today (&today);
  batch = ssa_renewal_batch_new (folder_path, &today, ssa_page_get_document_lang (GTK_WIDGET (self)));
  for (guint i = 0; i < self->chosen->len; i++)
    {
      const BatchEntry *entry = &g_array_index (self->chosen, BatchEntry, i);

      ssa_renewal_batch_add (batch, entry->id, entry->name);
    }
  g_clear_pointer (&self->chosen, g_array_unref);

  gtk_revealer_set_reveal_child (self->problems_revealer, FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  set_busy (self, cancellable);

  /* The progress goes to the page until batch_cb, which holds a reference to it. */
  ssa_renewal_batch_run_async (batch, path, cancellable, batch_progress_cb, self, batch_cb,
                               g_object_ref (self));
}

static void
chooser_response_cb (SsaRenewalsPage      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      /* Nothing selected in the folder shown: that folder is the choice. */
      if (folder == NULL)
        folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_clear_object (&self->chooser);

  if (folder != NULL)
    start_batch (self, folder);
  g_clear_pointer (&self->chosen, g_array_unref);
  update_actions (self);
}

/* Returns: (transfer full): the selected installations, in the order shown */
static GArray *
dup_selected_entries (SsaRenewalsPage *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GArray *entries;
  guint position;

  entries = g_array_new (FALSE, TRUE, sizeof (BatchEntry));
  g_array_set_clear_func (entries, batch_entry_clear);

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(SsaRenewalItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                              position);
      BatchEntry entry;

      entry.id = ssa_renewal_item_get_installation_id (item);
      entry.name = g_strdup (ssa_renewal_item_get_name (item));
      g_array_append_val (entries, entry);
    }
  return entries;
}

static void
create_offers_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SsaRenewalsPage *self = SSA_RENEWALS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GArray) entries = NULL;
  g_autofree char *title = NULL;

  if (is_busy (self))
    return;

  entries = dup_selected_entries (self);
  if (entries->len == 0)
    return;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Choose a Folder for %u Renewal Offer",
                                        "Choose a Folder for %u Renewal Offers",
                                        entries->len),
                           entries->len);
  self->chosen = g_steal_pointer (&entries);
  self->chooser = gtk_file_chooser_native_new (title,
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                               _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Callbacks */

static void
within_toggled_cb (SsaRenewalsPage *self,
                   GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->within_30_button)
    ssa_renewals_page_set_within_days (self, 30);
  else if (button == self->within_60_button)
    ssa_renewals_page_set_within_days (self, 60);
  else
    ssa_renewals_page_set_within_days (self, 90);
}

static void
cancel_clicked_cb (SsaRenewalsPage *self)
{
  g_cancellable_cancel (self->batch_cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

static void
dismiss_problems_cb (SsaRenewalsPage *self)
{
  gtk_revealer_set_reveal_child (self->problems_revealer, FALSE);
}

static void
column_view_activate_cb (SsaRenewalsPage *self,
                         guint            position)
{
  g_autoptr(SsaRenewalItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                          position);

  if (item == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-installation", "x",
                              ssa_renewal_item_get_installation_id (item));
}

static void
selection_changed_cb (SsaRenewalsPage *self)
{
  update_view (self);
}

/* Overrides */

static void
ssa_renewals_page_dispose (GObject *object)
{
  SsaRenewalsPage *self = (SsaRenewalsPage *)object;

  g_cancellable_cancel (self->batch_cancellable);
  g_clear_object (&self->batch_cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_RENEWALS_PAGE);

  G_OBJECT_CLASS (ssa_renewals_page_parent_class)->dispose (object);
}

static void
ssa_renewals_page_finalize (GObject *object)
{
  SsaRenewalsPage *self = (SsaRenewalsPage *)object;

  g_clear_pointer (&self->chosen, g_array_unref);
  g_free (self->last_folder);

  G_OBJECT_CLASS (ssa_renewals_page_parent_class)->finalize (object);
}

static void
ssa_renewals_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SsaRenewalsPage *self = SSA_RENEWALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_WITHIN_DAYS:
      g_value_set_uint (value, self->within_days);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->batch_cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_renewals_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SsaRenewalsPage *self = SSA_RENEWALS_PAGE (object);

  switch (prop_id)
    {
    case PROP_WITHIN_DAYS:
      ssa_renewals_page_set_within_days (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_renewals_page_class_init (SsaRenewalsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SsaPageClass *page_class = SSA_PAGE_CLASS (klass);

  object_class->dispose = ssa_renewals_page_dispose;
  object_class->finalize = ssa_renewals_page_finalize;
  object_class->get_property = ssa_renewals_page_get_property;
  object_class->set_property = ssa_renewals_page_set_property;

  page_class->load = ssa_renewals_page_load;
  page_class->load_finish = ssa_renewals_page_load_finish;
  page_class->show = ssa_renewals_page_show;
  page_class->clear = ssa_renewals_page_clear;
  page_class->update_actions = ssa_renewals_page_update_actions;
  /* A load computes an offer for every renewal: a hidden page, which the window asks after
   * each offer it saves, loads once, when it is shown. */
  page_class->defer_while_hidden = TRUE;

  /**
   * SsaRenewalsPage:within-days:
   *
   * Installations whose SSA ends within this many days are listed, with those whose SSA
   * has ended: 30, 60 or 90.
   */
  properties[PROP_WITHIN_DAYS] =
    g_param_spec_uint ("within-days", NULL, NULL,
                       1, MAX_WITHIN_DAYS, MAX_WITHIN_DAYS,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /**
   * SsaRenewalsPage:busy:
   *
   * Whether renewal offers are being made.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "renewals.create-offers", NULL,
                                   create_offers_action);

  g_type_ensure (SSA_TYPE_RENEWAL_ITEM);

  g_type_ensure (SSA_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-renewals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, within_30_button);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, within_60_button);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, within_90_button);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, create_button);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, problems_revealer);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, problems_label);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, customer_column);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, days_column);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, value_column);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, open_offer_column);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, store);
  gtk_widget_class_bind_template_child (widget_class, SsaRenewalsPage, within_filter);
  gtk_widget_class_bind_template_callback (widget_class, within_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, dismiss_problems_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, ssa_renewals_page_is_within);
  gtk_widget_class_bind_template_callback (widget_class, ssa_renewals_page_days_css_classes);
}

static void
ssa_renewals_page_init (SsaRenewalsPage *self)
{
  GtkColumnViewColumn *hide_first[4];

  self->within_days = MAX_WITHIN_DAYS;

  gtk_widget_init_template (GTK_WIDGET (self));
  ssa_gui_fix_mnemonic_names (GTK_WIDGET (self));

  /* The installation and the day its SSA ends stay; the days left (the same date
   * counted), the customer and the value go first. */
  hide_first[0] = self->open_offer_column;
  hide_first[1] = self->days_column;
  hide_first[2] = self->customer_column;
  hide_first[3] = self->value_column;
  ssa_gui_fit_columns (self->column_view, hide_first, G_N_ELEMENTS (hide_first));

  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  /* Days left change overnight, and installations change in the window while the page is
   * hidden: SsaPage loads the page again when it is shown after being hidden. */
  ssa_page_bind_states (SSA_PAGE (self), self->stack, self->spinner, self->error_page,
                        G_LIST_MODEL (self->store));
  update_view (self);
}

GtkWidget *
ssa_renewals_page_new (void)
{
  return g_object_new (SSA_TYPE_RENEWALS_PAGE, NULL);
}

/**
 * ssa_renewals_page_get_repository:
 *
 * Returns: (transfer none) (nullable): the repository shown, if any
 */
SsaRepository *
ssa_renewals_page_get_repository (SsaRenewalsPage *self)
{
  g_return_val_if_fail (SSA_IS_RENEWALS_PAGE (self), NULL);

  return ssa_page_get_repository (SSA_PAGE (self));
}

void
ssa_renewals_page_set_repository (SsaRenewalsPage *self,
                                  SsaRepository   *repository)
{
  g_return_if_fail (SSA_IS_RENEWALS_PAGE (self));

  ssa_page_set_repository (SSA_PAGE (self), repository);
}

guint
ssa_renewals_page_get_within_days (SsaRenewalsPage *self)
{
  g_return_val_if_fail (SSA_IS_RENEWALS_PAGE (self), 0);

  return self->within_days;
}

void
ssa_renewals_page_set_within_days (SsaRenewalsPage *self,
                                   guint            within_days)
{
  GtkToggleButton *button;

  g_return_if_fail (SSA_IS_RENEWALS_PAGE (self));
  g_return_if_fail (within_days > 0 && within_days <= MAX_WITHIN_DAYS);

  if (self->within_days == within_days)
    return;

  self->within_days = within_days;
  if (within_days <= 30)
    button = self->within_30_button;
  else if (within_days <= 60)
    button = self->within_60_button;
  else
    button = self->within_90_button;
  if (within_days % 30 == 0)
    gtk_toggle_button_set_active (button, TRUE);

  /* The filter's expression reads the property, but filters do not watch expressions. */
  gtk_filter_changed (GTK_FILTER (self->within_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITHIN_DAYS]);
}

/**
 * ssa_renewals_page_create_offers:
 * @folder: the folder for the documents
 *
 * Makes a renewal offer for each selected installation, with its PDF and workbook in
 * @folder, as "Create Renewal Offers…" does once a folder has been chosen. The work runs in
 * a worker thread; the page shows its progress and reports the result in a toast.
 */
void
ssa_renewals_page_create_offers (SsaRenewalsPage *self,
                                 GFile           *folder)
{
  g_return_if_fail (SSA_IS_RENEWALS_PAGE (self));
  g_return_if_fail (G_IS_FILE (folder));

  if (is_busy (self))
    return;

  g_clear_pointer (&self->chosen, g_array_unref);
  self->chosen = dup_selected_entries (self);
  start_batch (self, folder);
  g_clear_pointer (&self->chosen, g_array_unref);
}
