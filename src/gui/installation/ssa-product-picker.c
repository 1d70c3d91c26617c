/* ssa-product-picker.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-page-common.h"
#include "ssa-product-picker.h"

/* A popover that finds a product of the current price list by name or article number as
 * you type. Enter or a click picks the selected product: the picker emits
 * SsaProductPicker::product-picked and closes. */

struct _SsaProductPicker
{
  GtkPopover          parent_instance;

  GListModel         *products;

  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkFilterListModel *filter_model;
};

G_DEFINE_FINAL_TYPE (SsaProductPicker, ssa_product_picker, GTK_TYPE_POPOVER)

enum {
  PROP_0,
  PROP_PRODUCTS,
  N_PROPS
};

enum {
  PRODUCT_PICKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
product_detail_cb (gpointer    this,
                   SsaProduct *product)
{
  g_autofree char *price = NULL;

  if (product == NULL)
    return NULL;

  price = ssa_page_format_money (ssa_product_get_list_price (product), NULL);
  /* Translators: a product in the product picker: article number, kind, list price. */
  return g_strdup_printf (_("%s · %s · %s"),
                          ssa_product_get_code (product),
                          ssa_kind_get_label (ssa_product_get_kind (product)),
                          price);
}

static void
move_selection (SsaProductPicker *self,
                int               delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint position;

  if (n == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION)
    position = 0;
  else if (delta < 0)
    position = selected > 0 ? selected - 1 : 0;
  else
    position = MIN (selected + 1, n - 1);

  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static gboolean
search_key_pressed_cb (SsaProductPicker      *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return GDK_EVENT_STOP;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return GDK_EVENT_STOP;

    default:
      return GDK_EVENT_PROPAGATE;
    }
}

static void
search_activate_cb (SsaProductPicker *self,
                    GtkSearchEntry   *entry)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  if (selected != GTK_INVALID_LIST_POSITION)
    ssa_product_picker_pick (self, selected);
}

static void
stop_search_cb (SsaProductPicker *self,
                GtkSearchEntry   *entry)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
list_activate_cb (SsaProductPicker *self,
                  guint             position,
                  GtkListView      *list_view)
{
  ssa_product_picker_pick (self, position);
}

static void
ssa_product_picker_show (GtkWidget *widget)
{
  SsaProductPicker *self = SSA_PRODUCT_PICKER (widget);

  GTK_WIDGET_CLASS (ssa_product_picker_parent_class)->show (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
ssa_product_picker_dispose (GObject *object)
{
  SsaProductPicker *self = (SsaProductPicker *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_PRODUCT_PICKER);
  g_clear_object (&self->products);

  G_OBJECT_CLASS (ssa_product_picker_parent_class)->dispose (object);
}

static void
ssa_product_picker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SsaProductPicker *self = SSA_PRODUCT_PICKER (object);

  switch (prop_id)
    {
    case PROP_PRODUCTS:
      g_value_set_object (value, self->products);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_product_picker_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SsaProductPicker *self = SSA_PRODUCT_PICKER (object);

  switch (prop_id)
    {
    case PROP_PRODUCTS:
      ssa_product_picker_set_products (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_product_picker_class_init (SsaProductPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_product_picker_dispose;
  object_class->get_property = ssa_product_picker_get_property;
  object_class->set_property = ssa_product_picker_set_property;

  widget_class->show = ssa_product_picker_show;

  properties[PROP_PRODUCTS] =
    g_param_spec_object ("products", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SsaProductPicker::product-picked:
   * @self: the picker
   * @product: the product picked
   */
  signals[PRODUCT_PICKED] =
    g_signal_new ("product-picked",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SSA_TYPE_PRODUCT);

  g_type_ensure (SSA_TYPE_PRODUCT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-product-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaProductPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SsaProductPicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, SsaProductPicker, selection);
  gtk_widget_class_bind_template_child (widget_class, SsaProductPicker, filter_model);
  gtk_widget_class_bind_template_callback (widget_class, product_detail_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
}

static void
ssa_product_picker_init (SsaProductPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ssa_product_picker_new (void)
{
  return g_object_new (SSA_TYPE_PRODUCT_PICKER, NULL);
}

/**
 * ssa_product_picker_get_products:
 *
 * Returns: (transfer none) (nullable): the products to pick from, SsaProduct
 */
GListModel *
ssa_product_picker_get_products (SsaProductPicker *self)
{
  g_return_val_if_fail (SSA_IS_PRODUCT_PICKER (self), NULL);

  return self->products;
}

void
ssa_product_picker_set_products (SsaProductPicker *self,
                                 GListModel       *products)
{
  g_return_if_fail (SSA_IS_PRODUCT_PICKER (self));
  g_return_if_fail (products == NULL || G_IS_LIST_MODEL (products));

  if (g_set_object (&self->products, products))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCTS]);
}

void
ssa_product_picker_set_search (SsaProductPicker *self,
                               const char       *text)
{
  g_return_if_fail (SSA_IS_PRODUCT_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

/**
 * ssa_product_picker_get_shown:
 *
 * Returns: (transfer none): the products that match the search, as shown
 */
GListModel *
ssa_product_picker_get_shown (SsaProductPicker *self)
{
  g_return_val_if_fail (SSA_IS_PRODUCT_PICKER (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * ssa_product_picker_pick:
 * @self: a picker
 * @position: a position in ssa_product_picker_get_shown()
 *
 * Picks the product shown at @position, as a click on it does.
 */
void
ssa_product_picker_pick (SsaProductPicker *self,
                         guint             position)
{
  g_autoptr(SsaProduct) product = NULL;

  g_return_if_fail (SSA_IS_PRODUCT_PICKER (self));

  product = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (product == NULL)
    return;

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[PRODUCT_PICKED], 0, product);
}
