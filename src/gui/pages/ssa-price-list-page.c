/* ssa-price-list-page.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-application.h"
#include "ssa-date.h"
#include "ssa-db-job.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-enums.h"
#include "ssa-fetcher.h"
#include "ssa-gui-util.h"
#include "ssa-page.h"
#include "ssa-page-common.h"
#include "ssa-price-change.h"
#include "ssa-price-list-diff.h"
#include "ssa-price-list-item.h"
#include "ssa-price-list-page.h"
#include "ssa-price-list-update.h"
#include "ssa-product.h"
#include "ssa-refresh.h"
#include "ssa-samples.h"
#include "ssa-wrap-box.h"

struct _SsaPriceListPage
{
  SsaPage             parent_instance;

  SsaFetcher         *fetcher;
  char               *currency;         /* of the current list: list prices are shown in it */
  char               *list_id;          /* of the current list, or NULL */
  gboolean            announce_change;  /* a refresh made another list current: the next
                                         * load emits "price-list-changed" */

  GCancellable       *refresh_cancellable;
  GCancellable       *diff_cancellable;

  /* Template widgets */
  GtkLabel           *id_label;
  GtkLabel           *published_label;
  GtkLabel           *source_label;
  GtkLabel           *fetched_label;
  GtkSpinner         *refresh_spinner;
  GtkButton          *cancel_button;
  GtkButton          *refresh_button;
  GtkStack           *sections;
  GtkSearchEntry     *search_entry;
  GtkStack           *products_stack;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_page;
  GtkColumnView      *products_view;
  GtkColumnViewColumn *price_column;
  GtkFilterListModel *products_filter_model;
  GListStore         *products;
  GtkColumnView      *history_view;
  GtkSingleSelection *history_selection;
  GListStore         *history;
  GtkLabel           *changes_label;
  GtkStack           *changes_stack;
  AdwStatusPage      *changes_status;
  GtkSortListModel   *changes_sort_model;
};

G_DEFINE_FINAL_TYPE (SsaPriceListPage, ssa_price_list_page, SSA_TYPE_PAGE)

enum {
  PROP_0,
  PROP_REFRESHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PRICE_LIST_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the loading job reads: plain values. */
typedef struct
{
  SsaPriceList       *price_list;     /* NULL when there is no current list */
  SsaDbPriceListInfo *info;
  char               *problem;        /* why there is no current list */
  GPtrArray          *lists;          /* SsaDbPriceListInfo*, the most recently stored first */
  char               *sample_sha256;
} LoadResult;

typedef struct
{
  gint64 old_row_id;
  gint64 new_row_id;
} DiffData;

static void
load_result_free (LoadResult *result)
{
  g_clear_pointer (&result->price_list, ssa_price_list_unref);
  g_clear_pointer (&result->info, ssa_db_price_list_info_free);
  g_free (result->problem);
  g_clear_pointer (&result->lists, g_ptr_array_unref);
  g_free (result->sample_sha256);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadResult, load_result_free)

/* Closures of the template. */

char  *ssa_price_list_page_kind_label       (gpointer item,
                                             SsaKind  kind);
char **ssa_price_list_page_kind_css_classes (gpointer item,
                                             gboolean covered);
char  *ssa_price_list_page_format_decimal   (gpointer item,
                                             gint64   hundredths);

char *
ssa_price_list_page_kind_label (gpointer item,
                                SsaKind  kind)
{
  return g_strdup (ssa_kind_get_label (kind));
}

char **
ssa_price_list_page_kind_css_classes (gpointer item,
                                      gboolean covered)
{
  const char *classes[2] = { NULL, NULL };

  /* Products outside the SSA are set back: they never appear in an offer's amounts. */
  if (!covered)
    classes[0] = "dim-label";
  return g_strdupv ((char **) classes);
}

char *
ssa_price_list_page_format_decimal (gpointer item,
                                    gint64   hundredths)
{
  return ssa_decimal_format (hundredths, ssa_lang_from_locale ());
}

/* The list price column is made here rather than in the template: its cells need the
 * current list's currency. */

static void
price_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (list_item, label);
}

static void
price_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               SsaPriceListPage         *self)
{
  SsaProduct *product = gtk_list_item_get_item (list_item);
  g_autofree char *text = ssa_page_format_money (ssa_product_get_list_price (product),
                                                 self->currency);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (list_item)), text);
}

static char *
dup_source_text (const SsaDbPriceListInfo *info,
                 const char               *sample_sha256)
{
  if (info->source_url != NULL && *info->source_url != '\0')
    return g_strdup (info->source_url);
  if (g_strcmp0 (info->sha256, sample_sha256) == 0)
    return g_strdup (_("Bundled sample"));
  return g_strdup (_("Imported file"));
}

static void
update_actions (SsaPriceListPage *self)
{
  g_autofree char *path = ssa_page_dup_db_path (SSA_PAGE (self));
  gboolean refreshing = self->refresh_cancellable != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "price-list.refresh",
                                 path != NULL && !refreshing &&
                                 ssa_page_get_writable (SSA_PAGE (self)));
  gtk_widget_set_visible (GTK_WIDGET (self->refresh_spinner), refreshing);
  ssa_page_set_busy (self->refresh_spinner, refreshing);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), refreshing);
}

static void
ssa_price_list_page_update_actions (SsaPage *page)
{
  update_actions (SSA_PRICE_LIST_PAGE (page));
}

/* Loading, in a worker. */

static gpointer
load_job (SsaDb         *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(LoadResult) result = g_new0 (LoadResult, 1);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) sample = ssa_samples_get_price_list_bytes ();

  result->lists = ssa_db_list_price_lists (db, error);
  if (result->lists == NULL)
    return NULL;

  /* A database without a current list is shown as such, with its history. */
  result->price_list = ssa_db_load_current_price_list (db, &result->info, &local_error);
  if (result->price_list == NULL)
    result->problem = g_strdup (local_error->message);

  result->sample_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, sample);
  return g_steal_pointer (&result);
}

static void
show_header (SsaPriceListPage   *self,
             const SsaPriceList *price_list,
             const SsaDbPriceListInfo *info,
             const char         *sample_sha256)
{
  g_autofree char *published = NULL;
  g_autofree char *source = NULL;
  g_autofree char *fetched = NULL;

  if (price_list == NULL)
    {
      gtk_label_set_label (self->id_label, "—");
      gtk_label_set_label (self->published_label, "—");
      gtk_label_set_label (self->source_label, "—");
      gtk_label_set_label (self->fetched_label, "—");
      return;
    }

  published = ssa_page_format_date (&price_list->published);
  source = dup_source_text (info, sample_sha256);
  fetched = ssa_page_format_timestamp (info->fetched_at);

  gtk_label_set_label (self->id_label, price_list->id);
  gtk_label_set_label (self->published_label, published);
  gtk_label_set_label (self->source_label, source);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_label), source);
  gtk_label_set_label (self->fetched_label, fetched);
}

static void
ssa_price_list_page_load (SsaPage             *page,
                          const char          *db_path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  ssa_db_job_run_async (db_path, load_job, NULL, NULL, (GDestroyNotify) load_result_free,
                        cancellable, callback, user_data);
}

static gpointer
ssa_price_list_page_load_finish (SsaPage       *page,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return ssa_db_job_finish (result, error);
}

static void
ssa_price_list_page_show (SsaPage  *page,
                          gpointer  result)
{
  SsaPriceListPage *self = SSA_PRICE_LIST_PAGE (page);
  g_autoptr(LoadResult) loaded = result;
  g_autoptr(GPtrArray) products = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  gint64 current_row_id = 0;

  if (loaded == NULL)
    {
      show_header (self, NULL, NULL, NULL);
      /* The list did change: without it in hand, the handlers read it themselves. */
      if (self->announce_change)
        {
          self->announce_change = FALSE;
          g_signal_emit (self, signals[PRICE_LIST_CHANGED], 0, NULL, NULL);
        }
      return;
    }

  show_header (self, loaded->price_list, loaded->info, loaded->sample_sha256);
  g_free (self->currency);
  self->currency = loaded->price_list != NULL ? g_strdup (loaded->price_list->currency) : NULL;
  g_free (self->list_id);
  self->list_id = loaded->price_list != NULL ? g_strdup (loaded->price_list->id) : NULL;

  products = g_ptr_array_new_with_free_func (g_object_unref);
  if (loaded->price_list != NULL)
    for (guint i = 0; i < loaded->price_list->products->len; i++)
      g_ptr_array_add (products,
                       ssa_product_new_from_price_list_product (g_ptr_array_index (loaded->price_list->products, i)));
  g_list_store_splice (self->products, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->products)),
                       products->pdata, products->len);

  lists = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < loaded->lists->len; i++)
    {
      const SsaDbPriceListInfo *info = g_ptr_array_index (loaded->lists, i);
      g_autofree char *imported = ssa_page_format_timestamp (info->imported_at);
      g_autofree char *source = dup_source_text (info, loaded->sample_sha256);

      if (info->is_current)
        current_row_id = info->row_id;
      g_ptr_array_add (lists, ssa_price_list_item_new (info->row_id, info->list_id, imported,
                                                       source, info->is_current));
    }
  g_list_store_splice (self->history, 0, g_list_model_get_n_items (G_LIST_MODEL (self->history)),
                       lists->pdata, lists->len);
  /* What changed with the current list is what a reseller wants to know after a refresh. */
  if (current_row_id != 0)
    {
      GListModel *shown = G_LIST_MODEL (self->history_selection);

      for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
        {
          g_autoptr(SsaPriceListItem) item = g_list_model_get_item (shown, i);

          if (ssa_price_list_item_get_row_id (item) == current_row_id)
            gtk_single_selection_set_selected (self->history_selection, i);
        }
    }

  if (loaded->price_list == NULL)
    ssa_page_show_problem (page, loaded->problem);
  else
    {
      gtk_stack_set_visible_child_name (self->products_stack, "list");
      ssa_page_show_list_or_empty (page, G_LIST_MODEL (self->products_filter_model));
    }
  update_actions (self);

  /* Emitted last, with the page already showing the new list. A load that replaced the
   * one the refresh started (the cancelled one above) reads the same current list, so it
   * is the one that tells. */
  if (self->announce_change)
    {
      self->announce_change = FALSE;
      g_signal_emit (self, signals[PRICE_LIST_CHANGED], 0, loaded->price_list,
                     loaded->price_list != NULL ? loaded->info->sha256 : NULL);
    }
}

/**
 * ssa_price_list_page_reload:
 *
 * Reads the page's lists anew from the database, in a worker thread.
 */
void
ssa_price_list_page_reload (SsaPriceListPage *self)
{
  g_return_if_fail (SSA_IS_PRICE_LIST_PAGE (self));

  ssa_page_reload (SSA_PAGE (self));
}

static void
ssa_price_list_page_clear (SsaPage *page)
{
  SsaPriceListPage *self = SSA_PRICE_LIST_PAGE (page);

  g_list_store_remove_all (self->products);
  g_list_store_remove_all (self->history);
  update_actions (self);
}

/* What changed: a stored list against the one stored before it. */

static gpointer
diff_job (SsaDb         *db,
          gpointer       user_data,
          GCancellable  *cancellable,
          GError       **error)
{
  DiffData *data = user_data;

  return ssa_price_list_diff_stored (db, data->old_row_id, data->new_row_id, error);
}

static void
diff_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SsaPriceListPage) self = user_data;
  g_autoptr(SsaPriceListDiff) diff = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) changes = NULL;
  g_autofree char *title = NULL;
  g_autofree char *counts = NULL;

  diff = ssa_db_job_finish (result, &error);
  if (diff == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->diff_cancellable);
      gtk_sort_list_model_set_model (self->changes_sort_model, NULL);
      adw_status_page_set_title (self->changes_status, _("Changes Could Not Be Compared"));
      adw_status_page_set_description (self->changes_status, error->message);
      gtk_stack_set_visible_child_name (self->changes_stack, "none");
      return;
    }
  g_clear_object (&self->diff_cancellable);

  /* Translators: "What changed from sample-2026-11 to 2026-12". */
  title = g_strdup_printf (_("What changed from %s to %s"), diff->old_id, diff->new_id);
  /* Translators: the three counts of products: added, removed, changed. */
  counts = g_strdup_printf (_("%u added, %u removed, %u changed"),
                            diff->n_added, diff->n_removed, diff->n_changed);
  {
    g_autofree char *heading = g_strdup_printf ("%s: %s", title, counts);

    gtk_label_set_label (self->changes_label, heading);
  }

  changes = ssa_price_list_diff_list_changes (diff, ssa_lang_from_locale ());
  gtk_sort_list_model_set_model (self->changes_sort_model, changes);
  if (g_list_model_get_n_items (changes) == 0)
    {
      adw_status_page_set_title (self->changes_status, _("Nothing Changed"));
      adw_status_page_set_description (self->changes_status,
                                       _("Both lists have the same products and prices."));
      gtk_stack_set_visible_child_name (self->changes_stack, "none");
    }
  else
    gtk_stack_set_visible_child_name (self->changes_stack, "list");
}

static void
show_changes (SsaPriceListPage *self)
{
  g_autofree char *path = ssa_page_dup_db_path (SSA_PAGE (self));
  SsaPriceListItem *item = gtk_single_selection_get_selected_item (self->history_selection);
  GListModel *model = G_LIST_MODEL (self->history);
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(SsaPriceListItem) previous = NULL;
  DiffData *data;

  g_cancellable_cancel (self->diff_cancellable);
  g_clear_object (&self->diff_cancellable);
  gtk_sort_list_model_set_model (self->changes_sort_model, NULL);

  if (item == NULL || path == NULL)
    {
      gtk_label_set_label (self->changes_label, "");
      adw_status_page_set_title (self->changes_status, _("No Price List Chosen"));
      adw_status_page_set_description (self->changes_status,
                                       _("Choose a stored price list to see what changed with it."));
      gtk_stack_set_visible_child_name (self->changes_stack, "none");
      return;
    }

  /* The store holds the lists as stored, the most recent first: the predecessor is the
   * next older row, whatever order the view sorts them in. */
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(SsaPriceListItem) candidate = g_list_model_get_item (model, i);

      if (ssa_price_list_item_get_row_id (candidate) < ssa_price_list_item_get_row_id (item) &&
          (previous == NULL ||
           ssa_price_list_item_get_row_id (candidate) > ssa_price_list_item_get_row_id (previous)))
        g_set_object (&previous, candidate);
    }

  if (previous == NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Price list %s"),
                                                  ssa_price_list_item_get_list_id (item));

      gtk_label_set_label (self->changes_label, heading);
      adw_status_page_set_title (self->changes_status, _("The First Stored Price List"));
      adw_status_page_set_description (self->changes_status,
                                       _("There is no earlier price list to compare it with."));
      gtk_stack_set_visible_child_name (self->changes_stack, "none");
      return;
    }

  data = g_new0 (DiffData, 1);
  data->old_row_id = ssa_price_list_item_get_row_id (previous);
  data->new_row_id = ssa_price_list_item_get_row_id (item);
  self->diff_cancellable = g_cancellable_new ();
  ssa_db_job_run_async (path, diff_job, data, g_free,
                        (GDestroyNotify) ssa_price_list_diff_free, self->diff_cancellable,
                        diff_cb, g_object_ref (self));
}

/* Refreshing: fetch, and store a new list, with the cancellable of the Cancel button. */

static void
set_refreshing (SsaPriceListPage *self,
                GCancellable     *cancellable)
{
  if (cancellable != NULL)
    g_set_object (&self->refresh_cancellable, cancellable);
  else
    g_clear_object (&self->refresh_cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), cancellable != NULL);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFRESHING]);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SsaPriceListPage) self = user_data;
  g_autoptr(SsaPriceListUpdate) update = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  update = ssa_price_list_update_finish (result, &error);
  /* The window closed while fetching. */
  if (self->sections == NULL)
    return;
  set_refreshing (self, NULL);

  if (update == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        ssa_page_show_message (GTK_WIDGET (self), _("Price list refresh cancelled"));
      else
        ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }

  /* A fetch that worked counts for the refresh interval, whether or not anything changed. */
  {
    GSettings *settings = ssa_application_get_settings_for_widget (GTK_WIDGET (self));
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    if (settings != NULL)
      ssa_refresh_record (settings, now);
  }

  switch (update->outcome)
    {
    case SSA_PRICE_LIST_UPDATE_STORED:
      /* Translators: %s is the new price list's id, "2026-12". */
      message = g_strdup_printf (_("New price list %s is now current"), update->current->list_id);
      break;

    case SSA_PRICE_LIST_UPDATE_RESTORED:
      message = g_strdup_printf (_("Price list %s is current again"), update->current->list_id);
      break;

    case SSA_PRICE_LIST_UPDATE_NOT_MODIFIED:
    case SSA_PRICE_LIST_UPDATE_SAME_CONTENT:
    default:
      message = g_strdup_printf (_("Price list %s is unchanged"), update->current->list_id);
      break;
    }
  ssa_page_show_message (GTK_WIDGET (self), message);

  /* Only a list that became current is read again, and announced once it has been. */
  if (update->outcome == SSA_PRICE_LIST_UPDATE_STORED ||
      update->outcome == SSA_PRICE_LIST_UPDATE_RESTORED)
    {
      self->announce_change = TRUE;
      ssa_price_list_page_reload (self);
    }
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SsaPriceListPage *self = SSA_PRICE_LIST_PAGE (widget);
  g_autofree char *path = ssa_page_dup_db_path (SSA_PAGE (self));
  GSettings *settings;
  g_autofree char *url = NULL;
  g_autoptr(GCancellable) cancellable = NULL;

  if (path == NULL || self->refresh_cancellable != NULL)
    return;

  settings = ssa_application_get_settings_for_widget (widget);
  if (settings != NULL)
    url = g_settings_get_string (settings, "price-list-url");
  if (url == NULL || *url == '\0')
    {
      ssa_page_show_message_with_fix (SSA_PAGE (self),
                                      _("No price list address is set: add the distributor’s "
                                        "address in Preferences"),
                                      "win.preferences");
      return;
    }

  if (self->fetcher == NULL)
    self->fetcher = ssa_fetcher_new ();

  cancellable = g_cancellable_new ();
  set_refreshing (self, cancellable);
  ssa_price_list_update_async (self->fetcher, path, url, SSA_PRICE_LIST_UPDATE_FLAGS_NONE,
                               cancellable, refresh_cb, g_object_ref (self));
}

/* Callbacks */

static void
cancel_clicked_cb (SsaPriceListPage *self)
{
  g_cancellable_cancel (self->refresh_cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
}

static void
products_changed_cb (SsaPriceListPage *self)
{
  ssa_page_show_list_or_empty (SSA_PAGE (self), G_LIST_MODEL (self->products_filter_model));
}

static void
history_selected_cb (SsaPriceListPage *self)
{
  show_changes (self);
}

/* Overrides */

static void
ssa_price_list_page_dispose (GObject *object)
{
  SsaPriceListPage *self = (SsaPriceListPage *)object;

  g_cancellable_cancel (self->refresh_cancellable);
  g_cancellable_cancel (self->diff_cancellable);
  g_clear_object (&self->refresh_cancellable);
  g_clear_object (&self->diff_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_PRICE_LIST_PAGE);
  g_clear_object (&self->fetcher);

  G_OBJECT_CLASS (ssa_price_list_page_parent_class)->dispose (object);
}

static void
ssa_price_list_page_finalize (GObject *object)
{
  SsaPriceListPage *self = (SsaPriceListPage *)object;

  g_free (self->currency);
  g_free (self->list_id);

  G_OBJECT_CLASS (ssa_price_list_page_parent_class)->finalize (object);
}

static void
ssa_price_list_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SsaPriceListPage *self = SSA_PRICE_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_REFRESHING:
      g_value_set_boolean (value, self->refresh_cancellable != NULL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_price_list_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  switch (prop_id)
    {
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_price_list_page_class_init (SsaPriceListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  SsaPageClass *page_class = SSA_PAGE_CLASS (klass);

  object_class->dispose = ssa_price_list_page_dispose;
  object_class->finalize = ssa_price_list_page_finalize;
  object_class->get_property = ssa_price_list_page_get_property;
  object_class->set_property = ssa_price_list_page_set_property;

  page_class->load = ssa_price_list_page_load;
  page_class->load_finish = ssa_price_list_page_load_finish;
  page_class->show = ssa_price_list_page_show;
  page_class->clear = ssa_price_list_page_clear;
  page_class->update_actions = ssa_price_list_page_update_actions;
  /* The window's background refresh and the command line store lists too. The page loads
   * whenever it is asked, hidden or not: a refresh announces the list it made current
   * once the page has read it back. */
  page_class->defer_while_hidden = FALSE;

  /**
   * SsaPriceListPage:refreshing:
   *
   * Whether the price list is being fetched.
   */
  properties[PROP_REFRESHING] =
    g_param_spec_boolean ("refreshing", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SsaPriceListPage::price-list-changed:
   * @self: the page
   * @price_list: (nullable): the list that is current now, or %NULL when the page could not
   *   read it back (its error page says why)
   * @sha256: (nullable): the SHA-256 of that list's stored document, which identifies it;
   *   %NULL with @price_list
   *
   * Emitted when a refresh made another list current, by storing a new one or by finding
   * the bytes of an earlier one again, once the page has read it back from the database
   * and shows it. A failed, cancelled or unchanged refresh does not emit it, so the window
   * takes @price_list as it is instead of reading the list again after every refresh.
   */
  signals[PRICE_LIST_CHANGED] =
    g_signal_new ("price-list-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  SSA_TYPE_PRICE_LIST | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_install_action (widget_class, "price-list.refresh", NULL, refresh_action);

  g_type_ensure (SSA_TYPE_PRODUCT);
  g_type_ensure (SSA_TYPE_WRAP_BOX);
  g_type_ensure (SSA_TYPE_PRICE_LIST_ITEM);
  g_type_ensure (SSA_TYPE_PRICE_CHANGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-price-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, id_label);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, published_label);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, source_label);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, fetched_label);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, refresh_spinner);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, refresh_button);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, sections);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, products_stack);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, products_view);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, price_column);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, products_filter_model);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, products);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, history_view);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, history_selection);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, history);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, changes_label);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, changes_stack);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, changes_status);
  gtk_widget_class_bind_template_child (widget_class, SsaPriceListPage, changes_sort_model);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, products_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, history_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, ssa_price_list_page_kind_label);
  gtk_widget_class_bind_template_callback (widget_class, ssa_price_list_page_kind_css_classes);
  gtk_widget_class_bind_template_callback (widget_class, ssa_price_list_page_format_decimal);
}

static void
ssa_price_list_page_init (SsaPriceListPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  ssa_gui_fix_mnemonic_names (GTK_WIDGET (self));

  /* Typing anywhere on the page searches the products. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));

  g_signal_connect (factory, "setup", G_CALLBACK (price_setup_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (price_bind_cb), self, 0);
  gtk_column_view_column_set_factory (self->price_column, factory);

  ssa_page_bind_states (SSA_PAGE (self), self->products_stack, self->spinner, self->error_page,
                        G_LIST_MODEL (self->products));
  show_header (self, NULL, NULL, NULL);
  show_changes (self);
  update_actions (self);
}

GtkWidget *
ssa_price_list_page_new (void)
{
  return g_object_new (SSA_TYPE_PRICE_LIST_PAGE, NULL);
}

/**
 * ssa_price_list_page_get_repository:
 *
 * Returns: (transfer none) (nullable): the repository shown, if any
 */
SsaRepository *
ssa_price_list_page_get_repository (SsaPriceListPage *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_LIST_PAGE (self), NULL);

  return ssa_page_get_repository (SSA_PAGE (self));
}

void
ssa_price_list_page_set_repository (SsaPriceListPage *self,
                                    SsaRepository    *repository)
{
  g_return_if_fail (SSA_IS_PRICE_LIST_PAGE (self));

  ssa_page_set_repository (SSA_PAGE (self), repository);
}

/**
 * ssa_price_list_page_refresh:
 * @self: a price list page
 *
 * Fetches the configured price list now, as "Refresh Now" does, with the page's progress
 * and a toast for the result. The window calls it at start-up when the current list is
 * older than the refresh interval; it does nothing while a refresh runs, before the
 * page has its database, or when the database is read-only.
 */
void
ssa_price_list_page_refresh (SsaPriceListPage *self)
{
  g_return_if_fail (SSA_IS_PRICE_LIST_PAGE (self));

  if (!ssa_page_get_writable (SSA_PAGE (self)))
    return;
  refresh_action (GTK_WIDGET (self), "price-list.refresh", NULL);
}
