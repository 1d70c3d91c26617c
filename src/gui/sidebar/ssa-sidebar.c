/* ssa-sidebar.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-org-no.h"
#include "ssa-page-common.h"
#include "ssa-recycling-selection.h"
#include "ssa-sidebar.h"
#include "ssa-sidebar-filter.h"
#include "ssa-sidebar-model.h"
#include "ssa-sidebar-row.h"
#include "ssa-slot.h"

/* Customers and their installations, filtered as you type. The rows are a flat list
 * (SsaSidebarModel); those that match the search are SsaSidebarFilter, so that filtering
 * 10 000 customers is one pass over an array. The list view shows them through an
 * SsaRecyclingSelection, so that a keystroke that swaps thousands of rows gives the
 * existing row widgets other rows to show instead of building new ones; a row is one
 * widget (SsaSidebarRow) whose size does not depend on its text, so that a row given
 * another customer is only drawn again, not measured.
 *
 * "selected" is the customer or installation picked. It stays picked while a search hides
 * it (the window keeps showing it) and is dropped only when it is deleted. */

struct _SsaSidebar
{
  AdwBin              parent_instance;

  SsaRepository      *repository;
  SsaSidebarModel    *model;

  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  SsaRecyclingSelection *selection;
  SsaSidebarFilter   *filter;
  gboolean            show_archived;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  GtkProgressBar     *load_progress;
};

G_DEFINE_FINAL_TYPE (SsaSidebar, ssa_sidebar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_SELECTED,
  N_PROPS
};

enum {
  ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Rows: an SsaSidebarRow each, the name over a dimmed detail line. Its size does not depend
 * on its text, so a row given another customer (a search) is only drawn again, not
 * measured. */

static char *
customer_detail (SsaCustomer *customer)
{
  const char *org_no = ssa_customer_get_org_no (customer);

  if (org_no == NULL || *org_no == '\0')
    return g_strdup (_("No organisation number"));
  if (ssa_org_no_is_valid (org_no))
    return ssa_org_no_format (org_no, FALSE);
  return g_strdup (org_no);
}

static char *
installation_detail (SsaInstallation *installation)
{
  const GDate *expiry = ssa_installation_get_ssa_expiry (installation);
  const char *serial = ssa_installation_get_serial (installation);
  g_autofree char *status = NULL;

  if (ssa_installation_get_deployment (installation) != SSA_DEPLOYMENT_APPLIANCE)
    status = g_strdup (ssa_deployment_get_label (ssa_installation_get_deployment (installation)));
  else if (expiry != NULL)
    {
      g_autofree char *date = ssa_page_format_date (expiry);

      /* Translators: in the sidebar, the last day the installation's SSA is paid for. */
      status = g_strdup_printf (_("SSA until %s"), date);
    }
  else
    status = g_strdup (_("No SSA"));

  if (serial != NULL && *serial != '\0')
    /* Translators: an installation's serial and SSA status in the sidebar. */
    return g_strdup_printf (_("%s · %s"), serial, status);
  return g_steal_pointer (&status);
}

/* An archived row (listed with Show Archived) says so first. */
static char *
mark_archived (char     *detail,
               gboolean  archived)
{
  char *marked;

  if (!archived)
    return detail;
  /* Translators: the detail line of an archived customer or installation in the sidebar. */
  marked = g_strdup_printf (_("Archived · %s"), detail);
  g_free (detail);
  return marked;
}

static void
update_row (GtkWidget *row,
            GObject   *object)
{
  g_autofree char *detail = NULL;

  if (SSA_IS_CUSTOMER (object))
    {
      detail = mark_archived (customer_detail (SSA_CUSTOMER (object)),
                              ssa_customer_get_archived (SSA_CUSTOMER (object)));
      ssa_sidebar_row_set (SSA_SIDEBAR_ROW (row), ssa_customer_get_name (SSA_CUSTOMER (object)),
                           detail, TRUE);
    }
  else
    {
      const char *name = ssa_installation_get_name (SSA_INSTALLATION (object));

      detail = mark_archived (installation_detail (SSA_INSTALLATION (object)),
                              ssa_installation_get_archived (SSA_INSTALLATION (object)));
      ssa_sidebar_row_set (SSA_SIDEBAR_ROW (row), name != NULL ? name : _("Unnamed installation"),
                           detail, FALSE);
    }
}

static void
row_changed_cb (GObject    *object,
                GParamSpec *pspec,
                GtkWidget  *row)
{
  update_row (row, object);
}

/* A row shows its slot's item, and follows the item's changes (a rename) until the slot
 * is given another. */
static void
show_item (GtkWidget *row,
           GObject   *old,
           GObject   *item)
{
  if (old != NULL)
    g_signal_handlers_disconnect_by_func (old, row_changed_cb, row);
  if (item == NULL)
    return;

  /* Installations are indented under their customer. */
  gtk_widget_set_margin_start (row, SSA_IS_CUSTOMER (item) ? 6 : 24);
  update_row (row, item);
  g_signal_connect_object (item, "notify", G_CALLBACK (row_changed_cb), row, 0);
}

static void
slot_item_cb (SsaSlot    *slot,
              GParamSpec *pspec,
              GtkWidget  *row)
{
  GObject *old = g_object_get_data (G_OBJECT (row), "ssa-sidebar-item");

  /* The slot still holds the old item while it tells of the new one. */
  g_object_set_data (G_OBJECT (row), "ssa-sidebar-item", ssa_slot_get_item (slot));
  show_item (row, old, ssa_slot_get_item (slot));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          SsaSidebar               *self)
{
  GtkWidget *row = ssa_sidebar_row_new ();

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_end (row, 6);
  gtk_list_item_set_child (item, row);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         SsaSidebar               *self)
{
  SsaSlot *slot = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);

  g_object_set_data (G_OBJECT (row), "ssa-sidebar-item", ssa_slot_get_item (slot));
  show_item (row, NULL, ssa_slot_get_item (slot));
  g_signal_connect_object (slot, "notify::item", G_CALLBACK (slot_item_cb), row, 0);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           SsaSidebar               *self)
{
  SsaSlot *slot = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);

  if (slot == NULL)
    return;
  g_signal_handlers_disconnect_by_func (slot, slot_item_cb, row);
  show_item (row, g_object_get_data (G_OBJECT (row), "ssa-sidebar-item"), NULL);
  g_object_set_data (G_OBJECT (row), "ssa-sidebar-item", NULL);
}

/* Selection. */

static void
selection_changed_cb (SsaSidebar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
list_activate_cb (SsaSidebar  *self,
                  guint        position,
                  GtkListView *list_view)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->filter), position);

  if (item != NULL)
    g_signal_emit (self, signals[ACTIVATED], 0, item);
}

/* A large database streams in (ssa-repository.c): the bar shows how much is listed until
 * all is in. */
static void
update_progress (SsaSidebar *self)
{
  double progress = self->repository != NULL ?
                    ssa_repository_get_load_progress (self->repository) : 0.0;
  gboolean streaming = self->repository != NULL &&
                       !ssa_repository_get_loaded (self->repository) && progress > 0.0;

  gtk_progress_bar_set_fraction (self->load_progress, progress);
  gtk_widget_set_visible (GTK_WIDGET (self->load_progress), streaming);
}

static void
update_stack (SsaSidebar *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean loading = self->repository == NULL || !ssa_repository_get_loaded (self->repository);

  /* Until the database is read, the list stays blank rather than saying it is empty. */
  if (loading || g_list_model_get_n_items (G_LIST_MODEL (self->filter)) > 0)
    {
      ssa_recycling_selection_set_frozen (self->selection, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  /* The list is hidden: it keeps its rows for the next search that finds something. */
  ssa_recycling_selection_set_frozen (self->selection, TRUE);

  if (*search != '\0')
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Results"));
      adw_status_page_set_description (self->empty_page,
                                       _("Try another name, organisation number or serial"));
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "system-users-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Customers"));
      adw_status_page_set_description (self->empty_page, NULL);
    }
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
shown_changed_cb (SsaSidebar *self)
{
  update_stack (self);
}

/* A selected row that is deleted is no longer selected; one a search hides still is. */
static void
rows_changed_cb (SsaSidebar *self)
{
  GObject *selected = ssa_sidebar_get_selected (self);
  GPtrArray *rows = ssa_sidebar_model_peek_rows (self->model);

  if (selected != NULL && !g_ptr_array_find (rows, selected, NULL))
    ssa_recycling_selection_set_selected_item (self->selection, NULL);
}

static void
search_changed_cb (SsaSidebar     *self,
                   GtkSearchEntry *entry)
{
  /* The list follows the search once it is known whether anything is found: rows for a
   * search that finds nothing would only be thrown away. */
  ssa_recycling_selection_set_frozen (self->selection, TRUE);
  ssa_sidebar_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
  update_stack (self);
}

static void
search_activate_cb (SsaSidebar     *self,
                    GtkSearchEntry *entry)
{
  GListModel *shown = G_LIST_MODEL (self->filter);
  guint n = g_list_model_get_n_items (shown);
  g_autoptr(GObject) item = NULL;

  /* Enter opens the first match: the first installation if there is one, so that it opens
   * an inventory. */
  for (guint i = 0; i < n && item == NULL; i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (shown, i);

      if (SSA_IS_INSTALLATION (candidate))
        item = g_steal_pointer (&candidate);
    }
  if (item == NULL && n > 0)
    item = g_list_model_get_item (shown, 0);
  if (item == NULL)
    return;

  ssa_recycling_selection_set_selected_item (self->selection, item);
  g_signal_emit (self, signals[ACTIVATED], 0, item);
}

static void
stop_search_cb (SsaSidebar     *self,
                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
ssa_sidebar_dispose (GObject *object)
{
  SsaSidebar *self = (SsaSidebar *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_SIDEBAR);
  g_clear_object (&self->model);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (ssa_sidebar_parent_class)->dispose (object);
}

static void
ssa_sidebar_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SsaSidebar *self = SSA_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;

    case PROP_SELECTED:
      g_value_set_object (value, ssa_sidebar_get_selected (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_sidebar_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SsaSidebar *self = SSA_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      ssa_sidebar_set_repository (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_sidebar_class_init (SsaSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_sidebar_dispose;
  object_class->get_property = ssa_sidebar_get_property;
  object_class->set_property = ssa_sidebar_set_property;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL,
                         SSA_TYPE_REPOSITORY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SsaSidebar::activated:
   * @self: the sidebar
   * @item: the customer or installation activated (clicked, or Enter)
   */
  signals[ACTIVATED] =
    g_signal_new ("activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  g_type_ensure (SSA_TYPE_RECYCLING_SELECTION);
  g_type_ensure (SSA_TYPE_SIDEBAR_FILTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, selection);
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, filter);
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, load_progress);
  gtk_widget_class_bind_template_callback (widget_class, setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, shown_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
}

static void
ssa_sidebar_init (SsaSidebar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A list that grows by thousands of rows gains its row widgets a few each frame. */
  ssa_recycling_selection_set_widget (self->selection, GTK_WIDGET (self->list_view));
  /* Typing while the list has the focus searches, as in GNOME's lists. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
  update_stack (self);
}

GtkWidget *
ssa_sidebar_new (void)
{
  return g_object_new (SSA_TYPE_SIDEBAR, NULL);
}

/* Returns: (transfer none) (nullable): the repository listed */
SsaRepository *
ssa_sidebar_get_repository (SsaSidebar *self)
{
  g_return_val_if_fail (SSA_IS_SIDEBAR (self), NULL);

  return self->repository;
}

void
ssa_sidebar_set_repository (SsaSidebar    *self,
                            SsaRepository *repository)
{
  g_return_if_fail (SSA_IS_SIDEBAR (self));
  g_return_if_fail (repository == NULL || SSA_IS_REPOSITORY (repository));

  if (!g_set_object (&self->repository, repository))
    return;

  ssa_recycling_selection_set_selected_item (self->selection, NULL);
  g_clear_object (&self->model);
  if (repository != NULL)
    {
      self->model = ssa_sidebar_model_new (ssa_repository_get_customers (repository),
                                           ssa_repository_get_installations (repository));
      ssa_sidebar_model_set_show_archived (self->model, self->show_archived);
      g_signal_connect_object (repository, "notify::loaded", G_CALLBACK (update_stack), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (repository, "notify::loaded", G_CALLBACK (update_progress), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (repository, "notify::load-progress",
                               G_CALLBACK (update_progress), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->model, "items-changed", G_CALLBACK (rows_changed_cb), self,
                               G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }
  ssa_sidebar_filter_set_model (self->filter, self->model);

  update_stack (self);
  update_progress (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

/**
 * ssa_sidebar_get_selected:
 *
 * Returns: (transfer none) (nullable): the SsaCustomer or SsaInstallation selected
 */
GObject *
ssa_sidebar_get_selected (SsaSidebar *self)
{
  g_return_val_if_fail (SSA_IS_SIDEBAR (self), NULL);

  return ssa_recycling_selection_get_selected_item (self->selection);
}

static guint
find_shown (SsaSidebar *self,
            GObject    *item)
{
  GListModel *shown = G_LIST_MODEL (self->filter);
  guint n = g_list_model_get_n_items (shown);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) candidate = g_list_model_get_item (shown, i);

      if (candidate == item)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/**
 * ssa_sidebar_select:
 * @self: a sidebar
 * @item: (nullable): a customer or installation of the repository, or %NULL for none
 *
 * Selects @item and scrolls to it; the search is cleared when it hides @item.
 *
 * Returns: whether @item is listed
 */
gboolean
ssa_sidebar_select (SsaSidebar *self,
                    GObject    *item)
{
  guint position;

  g_return_val_if_fail (SSA_IS_SIDEBAR (self), FALSE);

  if (item == NULL)
    {
      ssa_recycling_selection_set_selected_item (self->selection, NULL);
      return TRUE;
    }

  position = find_shown (self, item);
  if (position == GTK_INVALID_LIST_POSITION &&
      *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      position = find_shown (self, item);
    }
  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;

  ssa_recycling_selection_set_selected_item (self->selection, item);
  /* The list may still be listing its rows a step at a time. */
  ssa_recycling_selection_list_all (self->selection);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  return TRUE;
}

void
ssa_sidebar_set_search (SsaSidebar *self,
                        const char *text)
{
  g_return_if_fail (SSA_IS_SIDEBAR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
}

void
ssa_sidebar_focus_search (SsaSidebar *self)
{
  g_return_if_fail (SSA_IS_SIDEBAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * ssa_sidebar_focus_list:
 * @self: a sidebar
 *
 * Puts the keyboard focus on the list, where the window starts: typing there goes to the
 * search (the list is the search entry's key capture widget), and no text cursor blinks
 * while the window waits for the user (a blinking cursor draws a frame twice a second).
 */
void
ssa_sidebar_focus_list (SsaSidebar *self)
{
  g_return_if_fail (SSA_IS_SIDEBAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/**
 * ssa_sidebar_get_shown:
 *
 * Returns: (transfer none): the rows shown, SsaCustomer and SsaInstallation
 */
GListModel *
ssa_sidebar_get_shown (SsaSidebar *self)
{
  g_return_val_if_fail (SSA_IS_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->filter);
}

/* Sorts the rows again after a rename. */
void
ssa_sidebar_resort (SsaSidebar *self)
{
  GObject *selected;

  g_return_if_fail (SSA_IS_SIDEBAR (self));

  if (self->model == NULL)
    return;

  selected = ssa_sidebar_get_selected (self);
  if (selected != NULL)
    g_object_ref (selected);
  ssa_sidebar_model_resort (self->model);
  /* A rename that keeps the order changes no row: the search still looks again. */
  ssa_sidebar_filter_refresh (self->filter);
  if (selected != NULL)
    {
      ssa_sidebar_select (self, selected);
      g_object_unref (selected);
    }
}

/* Lists the archived customers and installations too, or leaves them out; the selection
 * stays when its row does. */
void
ssa_sidebar_set_show_archived (SsaSidebar *self,
                               gboolean    show_archived)
{
  g_return_if_fail (SSA_IS_SIDEBAR (self));

  self->show_archived = !!show_archived;
  if (self->model == NULL)
    return;
  ssa_sidebar_model_set_show_archived (self->model, self->show_archived);
  ssa_sidebar_resort (self);
}
