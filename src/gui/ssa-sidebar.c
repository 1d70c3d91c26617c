/* ssa-sidebar.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-org-no.h"
#include "ssa-page-common.h"
#include "ssa-sidebar.h"
#include "ssa-sidebar-filter.h"
#include "ssa-sidebar-model.h"

/* Customers and their installations, filtered as you type. The rows are a flat list
 * (SsaSidebarModel) under a GtkFilterListModel with the sidebar's own filter
 * (SsaSidebarFilter), so that filtering 10 000 customers is one pass and no widgets but
 * the visible rows. "selected" is the customer or installation picked. */

struct _SsaSidebar
{
  AdwBin              parent_instance;

  SsaRepository      *repository;
  SsaSidebarModel    *model;

  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkFilterListModel *filter_model;
  SsaSidebarFilter   *filter;
  GtkStack           *stack;
  AdwBin             *empty_bin;
  AdwStatusPage      *empty_page;     /* made when first needed */
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

/* Rows: one label each, the name over a dimmed detail line. A filter change can replace
 * every visible row's widgets at once (GtkListView recycles only rows that stay), so a row
 * is kept to a single widget: typing in the search stays within a frame with 10 000
 * customers. */

static char *
customer_markup (SsaCustomer *customer)
{
  const char *org_no = ssa_customer_get_org_no (customer);
  g_autofree char *detail = NULL;

  if (org_no == NULL || *org_no == '\0')
    detail = g_strdup (_("No organisation number"));
  else if (ssa_org_no_is_valid (org_no))
    detail = ssa_org_no_format (org_no, FALSE);
  else
    detail = g_strdup (org_no);

  return g_markup_printf_escaped ("<b>%s</b>\n<small><span alpha=\"60%%\">%s</span></small>",
                                  ssa_customer_get_name (customer) != NULL
                                  ? ssa_customer_get_name (customer) : "", detail);
}

static char *
installation_markup (SsaInstallation *installation)
{
  const GDate *expiry = ssa_installation_get_ssa_expiry (installation);
  const char *serial = ssa_installation_get_serial (installation);
  const char *name = ssa_installation_get_name (installation);
  g_autofree char *status = NULL;
  g_autofree char *detail = NULL;

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
    detail = g_strdup_printf (_("%s · %s"), serial, status);
  else
    detail = g_steal_pointer (&status);

  return g_markup_printf_escaped ("%s\n<small><span alpha=\"60%%\">%s</span></small>",
                                  name != NULL ? name : _("Unnamed installation"), detail);
}

static void
update_row (GtkWidget *label,
            GObject   *object)
{
  g_autofree char *markup = NULL;

  if (SSA_IS_CUSTOMER (object))
    markup = customer_markup (SSA_CUSTOMER (object));
  else
    markup = installation_markup (SSA_INSTALLATION (object));
  gtk_label_set_markup (GTK_LABEL (label), markup);
}

static void
row_changed_cb (GObject    *object,
                GParamSpec *pspec,
                GtkWidget  *label)
{
  update_row (label, object);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          SsaSidebar               *self)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  /* Long names do not widen the sidebar: they are ellipsized, with the rest in the view. */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         SsaSidebar               *self)
{
  GObject *object = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  /* Installations are indented under their customer. */
  gtk_widget_set_margin_start (label, SSA_IS_CUSTOMER (object) ? 6 : 24);
  update_row (label, object);
  g_signal_connect_object (object, "notify", G_CALLBACK (row_changed_cb), label, 0);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           SsaSidebar               *self)
{
  GObject *object = gtk_list_item_get_item (item);

  if (object != NULL)
    g_signal_handlers_disconnect_by_func (object, row_changed_cb, gtk_list_item_get_child (item));
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
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    g_signal_emit (self, signals[ACTIVATED], 0, item);
}

static void
update_stack (SsaSidebar *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean loading = self->repository == NULL || !ssa_repository_get_loaded (self->repository);

  /* Until the database is read, the list stays blank rather than saying it is empty. */
  if (loading || g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "list");
      return;
    }

  if (self->empty_page == NULL)
    {
      self->empty_page = ADW_STATUS_PAGE (adw_status_page_new ());
      gtk_widget_add_css_class (GTK_WIDGET (self->empty_page), "compact");
      adw_bin_set_child (self->empty_bin, GTK_WIDGET (self->empty_page));
    }

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

static void
search_changed_cb (SsaSidebar     *self,
                   GtkSearchEntry *entry)
{
  ssa_sidebar_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
search_activate_cb (SsaSidebar     *self,
                    GtkSearchEntry *entry)
{
  /* Enter opens the first match. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0)
    {
      g_autoptr(GObject) item = NULL;
      guint position = 0;

      /* The first installation if there is one, so that Enter opens an inventory. */
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->selection)); i++)
        {
          g_autoptr(GObject) candidate = g_list_model_get_item (G_LIST_MODEL (self->selection), i);

          if (SSA_IS_INSTALLATION (candidate))
            {
              position = i;
              break;
            }
        }
      gtk_single_selection_set_selected (self->selection, position);
      item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
      g_signal_emit (self, signals[ACTIVATED], 0, item);
    }
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

  g_type_ensure (SSA_TYPE_SIDEBAR_FILTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, selection);
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, filter_model);
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, filter);
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, stack);
  gtk_widget_class_bind_template_child (widget_class, SsaSidebar, empty_bin);
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

  gtk_filter_list_model_set_model (self->filter_model, NULL);
  g_clear_object (&self->model);
  if (repository != NULL)
    {
      self->model = ssa_sidebar_model_new (ssa_repository_get_customers (repository),
                                           ssa_repository_get_installations (repository));
      g_signal_connect_object (repository, "notify::loaded", G_CALLBACK (update_stack), self,
                               G_CONNECT_SWAPPED);
    }
  /* The filter hears of new rows before the filter model asks it about them. */
  ssa_sidebar_filter_set_model (self->filter, self->model);
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (self->model));

  update_stack (self);
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

  return gtk_single_selection_get_selected_item (self->selection);
}

static guint
find_shown (SsaSidebar *self,
            GObject    *item)
{
  GListModel *shown = G_LIST_MODEL (self->selection);
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
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
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

  gtk_single_selection_set_selected (self->selection, position);
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
 * ssa_sidebar_get_shown:
 *
 * Returns: (transfer none): the rows shown, SsaCustomer and SsaInstallation
 */
GListModel *
ssa_sidebar_get_shown (SsaSidebar *self)
{
  g_return_val_if_fail (SSA_IS_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->selection);
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
  if (selected != NULL)
    {
      ssa_sidebar_select (self, selected);
      g_object_unref (selected);
    }
}
