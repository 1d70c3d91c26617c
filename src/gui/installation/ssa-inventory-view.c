/* ssa-inventory-view.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-gui-util.h"
#include "ssa-inventory-view.h"
#include "ssa-offer.h"
#include "ssa-paced-list.h"
#include "ssa-page-common.h"
#include "ssa-product-picker.h"
#include "ssa-slot.h"

/* The licence lines of one installation as a sortable table. Quantities are edited in
 * place; the other values of a line come from the price list or the installation file.
 * Lines the SSA does not cover (third-party products) carry a tag, and so do lines whose
 * product the current price list does not know: the offer refuses those. */

struct _SsaInventoryView
{
  AdwBin               parent_instance;

  SsaInstallation     *installation;
  SsaRepository       *repository;
  SsaPriceList        *price_list;
  GListModel          *products;

  GtkColumnView       *column_view;
  GtkSortListModel    *sort_model;
  SsaPacedList        *paced_list;
  GtkColumnViewColumn *code_column;
  GtkColumnViewColumn *product_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *added_on_column;
  GtkColumnViewColumn *covered_until_column;
  GtkMenuButton       *add_button;
  SsaProductPicker    *picker;
  GtkStack            *stack;
  gboolean             rebinding;
};

G_DEFINE_FINAL_TYPE (SsaInventoryView, ssa_inventory_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_INSTALLATION,
  PROP_PRICE_LIST,
  PROP_PRODUCTS,
  N_PROPS
};

enum {
  LICENCE_ADDED,
  LICENCE_CHANGED,
  LICENCE_REMOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* What the table shows of a line is what the offer calculator makes of it: the product's
 * name and kind, whether the offer refuses the line, and its coverage end. */
static void
resolve_licence (SsaInventoryView *self,
                 SsaLicence       *licence,
                 SsaResolvedLine  *out)
{
  const GDate *added_on = ssa_licence_get_added_on (licence);
  const GDate *covered_until = ssa_licence_get_covered_until (licence);
  /* The licence's values lent as a line: nothing is copied, so sorting stays cheap. */
  SsaInventoryLine line = {
    .code = (char *) ssa_licence_get_code (licence),
    .quantity = ssa_licence_get_quantity (licence),
    .has_kind = ssa_licence_get_has_kind (licence),
    .kind = ssa_licence_get_kind (licence),
    .name = (char *) ssa_licence_get_name (licence),
  };

  g_date_clear (&line.added_on, 1);
  g_date_clear (&line.covered_until, 1);
  if (added_on != NULL)
    line.added_on = *added_on;
  if (covered_until != NULL)
    line.covered_until = *covered_until;
  ssa_offer_resolve_line (self->price_list,
                          self->installation != NULL
                          ? ssa_installation_get_ssa_expiry (self->installation) : NULL,
                          &line, out);
}

static void
refresh_rows (SsaInventoryView *self)
{
  GListModel *licences = NULL;

  /* Lines handed out by the repository are written through when edited. */
  if (self->installation != NULL && self->repository != NULL)
    licences = ssa_repository_get_licences (self->repository, self->installation);
  else if (self->installation != NULL)
    licences = ssa_installation_get_licences (self->installation);

  /* The product, kind and coverage columns depend on the price list and the installation:
   * the same lines are shown again. Other lines take over the rows there are (see
   * ssa-paced-list.c), rather than destroying them and building new ones. */
  if (gtk_sort_list_model_get_model (self->sort_model) == licences)
    ssa_paced_list_refresh (self->paced_list);
  else
    gtk_sort_list_model_set_model (self->sort_model, licences);
}

/* A read-only database (see SsaRepository:read-only) shows its lines without letting them
 * be edited. */
static void
bind_editable (SsaInventoryView *self,
               GtkWidget        *widget)
{
  if (self->repository != NULL)
    g_object_bind_property (self->repository, "read-only", widget, "sensitive",
                            G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

static void
update_add_button (SsaInventoryView *self)
{
  gboolean read_only = self->repository != NULL &&
                       ssa_repository_get_read_only (self->repository);

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button),
                            self->installation != NULL && !read_only);
}

static void
update_stack (SsaInventoryView *self)
{
  GListModel *licences = G_LIST_MODEL (self->sort_model);

  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (licences) > 0 ? "table" : "empty");
}

/* Sorters of the computed columns. */

static int
compare_product_cb (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  SsaInventoryView *self = user_data;
  SsaResolvedLine line_a, line_b;

  resolve_licence (self, (SsaLicence *)a, &line_a);
  resolve_licence (self, (SsaLicence *)b, &line_b);
  return g_utf8_collate (line_a.name, line_b.name);
}

static int
compare_kind_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  SsaInventoryView *self = user_data;
  SsaResolvedLine line_a, line_b;
  int rank_a, rank_b;

  resolve_licence (self, (SsaLicence *)a, &line_a);
  resolve_licence (self, (SsaLicence *)b, &line_b);
  /* Lines of unknown kind sort last. */
  rank_a = line_a.has_kind ? (int)line_a.kind : SSA_N_KINDS;
  rank_b = line_b.has_kind ? (int)line_b.kind : SSA_N_KINDS;

  return rank_a < rank_b ? -1 : rank_a > rank_b;
}

static int
compare_dates (const GDate *a,
               const GDate *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return g_date_compare (a, b);
}

static int
compare_added_on_cb (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  return compare_dates (ssa_licence_get_added_on ((SsaLicence *)a),
                        ssa_licence_get_added_on ((SsaLicence *)b));
}

static int
compare_covered_until_cb (gconstpointer a,
                          gconstpointer b,
                          gpointer      user_data)
{
  SsaInventoryView *self = user_data;
  SsaResolvedLine line_a, line_b;

  resolve_licence (self, (SsaLicence *)a, &line_a);
  resolve_licence (self, (SsaLicence *)b, &line_b);
  return compare_dates (ssa_date_is_set (&line_a.coverage_end) ? &line_a.coverage_end : NULL,
                        ssa_date_is_set (&line_b.coverage_end) ? &line_b.coverage_end : NULL);
}

/* Cells.
 *
 * The table's items are slots (SsaSlot, see ssa-paced-list.c): when the table shows another
 * list (another installation, another order), a row keeps its widgets and its slot is given
 * another line, which its cells then show. */

static SsaLicence *
item_licence (GtkListItem *item)
{
  SsaSlot *slot = gtk_list_item_get_item (item);

  return slot != NULL ? SSA_LICENCE (ssa_slot_get_item (slot)) : NULL;
}

/* A row waiting for its line (see ssa-paced-list.c) shows nothing and offers nothing to
 * edit, for a frame or two: its cell is left empty and hidden. Returns whether @item waits. */
static gboolean
show_waiting (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);
  gboolean waiting = item_licence (item) == NULL;

  gtk_widget_set_visible (child, !waiting);
  return waiting;
}

/* A slot's line changed: the cell is bound again, as its factory binds it. */
static void
slot_item_changed_cb (SsaSlot     *slot,
                      GParamSpec  *pspec,
                      GtkListItem *item)
{
  GtkListItemFactory *factory = g_object_get_data (G_OBJECT (item), "ssa-factory");
  SsaInventoryView *self = g_object_get_data (G_OBJECT (factory), "ssa-inventory-view");

  self->rebinding = TRUE;
  g_signal_emit_by_name (factory, "unbind", item);
  g_signal_emit_by_name (factory, "bind", item);
  self->rebinding = FALSE;
}

static void
watch_slot_cb (GtkListItemFactory *factory,
               GtkListItem        *item,
               SsaInventoryView   *self)
{
  if (self->rebinding)
    return;
  g_object_set_data (G_OBJECT (item), "ssa-factory", factory);
  g_signal_connect (gtk_list_item_get_item (item), "notify::item",
                    G_CALLBACK (slot_item_changed_cb), item);
}

static void
unwatch_slot_cb (GtkListItemFactory *factory,
                 GtkListItem        *item,
                 SsaInventoryView   *self)
{
  if (self->rebinding)
    return;
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), slot_item_changed_cb,
                                        item);
}

/* Every column's cells follow their slot. */
static void
watch_slots (SsaInventoryView *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  guint n = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkListItemFactory *factory = gtk_column_view_column_get_factory (column);

      g_object_set_data (G_OBJECT (factory), "ssa-inventory-view", self);
      g_signal_connect_object (factory, "bind", G_CALLBACK (watch_slot_cb), self,
                               G_CONNECT_AFTER);
      g_signal_connect_object (factory, "unbind", G_CALLBACK (unwatch_slot_cb), self, 0);
    }
}

/* Only names ellipsize: article numbers, kinds and dates are shown whole, and the table
 * hides its less important columns when they do not fit (ssa_gui_fit_columns()). */
static GtkWidget *
make_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  return label;
}

static void
label_setup_cb (SsaInventoryView *self,
                GtkListItem      *item,
                GtkSignalListItemFactory *factory)
{
  gtk_list_item_set_child (item, make_label ());
}

static void
code_bind_cb (SsaInventoryView *self,
              GtkListItem      *item,
              GtkSignalListItemFactory *factory)
{
  SsaLicence *licence = item_licence (item);

  if (show_waiting (item))
    return;
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       ssa_licence_get_code (licence));
}

static GtkWidget *
make_tag (const char *text,
          const char *style,
          const char *tooltip)
{
  GtkWidget *tag = gtk_label_new (text);

  gtk_widget_add_css_class (tag, "tag");
  gtk_widget_add_css_class (tag, "caption");
  if (style != NULL)
    gtk_widget_add_css_class (tag, style);
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  /* Hidden until a line needs it. */
  gtk_widget_set_visible (tag, FALSE);
  gtk_widget_set_tooltip_text (tag, tooltip);
  return tag;
}

static void
product_setup_cb (SsaInventoryView *self,
                  GtkListItem      *item,
                  GtkSignalListItemFactory *factory)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = make_label ();

  gtk_widget_set_hexpand (label, TRUE);
  /* The name stays readable beside its tags; other columns hide instead. */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box),
                  make_tag (NULL, NULL,
                            _("Not covered by the SSA: the product’s own vendor’s terms apply")));
  gtk_box_append (GTK_BOX (box),
                  make_tag (_("Not in price list"), "warning",
                            _("The current price list does not have this article number: "
                              "no offer can be made until the line is removed or the price "
                              "list has it")));
  gtk_list_item_set_child (item, box);
}

static void
product_bind_cb (SsaInventoryView *self,
                 GtkListItem      *item,
                 GtkSignalListItemFactory *factory)
{
  SsaLicence *licence = item_licence (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *third_party = gtk_widget_get_next_sibling (label);
  GtkWidget *missing = gtk_widget_get_next_sibling (third_party);
  SsaResolvedLine line;

  if (show_waiting (item))
    return;
  resolve_licence (self, licence, &line);
  gtk_label_set_label (GTK_LABEL (label), line.name);
  ssa_page_set_tooltip_text (label, line.name);
  if (line.has_kind && !ssa_kind_is_covered (line.kind))
    {
      /* Third-party software is what resellers ask about; hardware and services are
       * simply not covered. */
      gtk_label_set_label (GTK_LABEL (third_party),
                           line.kind == SSA_KIND_THIRD_PARTY ? _("Third party") : _("Not covered"));
      gtk_widget_set_visible (third_party, TRUE);
    }
  else
    gtk_widget_set_visible (third_party, FALSE);
  gtk_widget_set_visible (missing, line.refused);
}

static void
kind_bind_cb (SsaInventoryView *self,
              GtkListItem      *item,
              GtkSignalListItemFactory *factory)
{
  SsaLicence *licence = item_licence (item);
  SsaResolvedLine line;

  if (show_waiting (item))
    return;
  resolve_licence (self, licence, &line);
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       line.has_kind ? ssa_kind_get_label (line.kind) : "—");
}

static void
quantity_text_changed_cb (GtkSpinButton *spin,
                          gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  gboolean valid = TRUE;
  guint64 value = 0;

  /* Refused while typed: anything but a whole number from 1 to 1 000 000. The spin button
   * keeps the last valid value (update policy "if valid"). */
  if (!g_ascii_string_to_unsigned (text, 10, 1, SSA_INVENTORY_MAX_QUANTITY, &value, NULL))
    valid = FALSE;
  ssa_gui_set_invalid (GTK_WIDGET (spin), valid == FALSE);
  if (!valid)
    {
      g_autoptr(GError) error = NULL;
      gint64 typed = 0;

      if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &typed, NULL))
        typed = 0;
      ssa_licence_validate_quantity (typed, &error);
      ssa_page_set_tooltip_text (GTK_WIDGET (spin), error->message);
    }
  else
    ssa_page_set_tooltip_text (GTK_WIDGET (spin), NULL);
}

static void
quantity_value_changed_cb (GtkSpinButton *spin,
                           GtkListItem   *item)
{
  SsaInventoryView *self = g_object_get_data (G_OBJECT (spin), "ssa-inventory-view");
  SsaLicence *licence = item_licence (item);
  gint64 quantity = (gint64) gtk_spin_button_get_value_as_int (spin);

  if (licence == NULL || quantity == ssa_licence_get_quantity (licence))
    return;
  if (!ssa_licence_validate_quantity (quantity, NULL))
    return;

  ssa_licence_set_quantity (licence, quantity);
  g_signal_emit (self, signals[LICENCE_CHANGED], 0, licence);
}

/* The line's product name as a screen reader tells the rows apart, or its article number
 * when it has none. */
static const char *
line_product (SsaInventoryView *self,
              SsaLicence       *licence)
{
  SsaResolvedLine line;
  const char *code = ssa_licence_get_code (licence);

  resolve_licence (self, licence, &line);
  if (line.name != NULL && line.name[0] != '\0')
    return line.name;
  return code != NULL ? code : "";
}

static void
quantity_setup_cb (SsaInventoryView *self,
                   GtkListItem      *item,
                   GtkSignalListItemFactory *factory)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (1, SSA_INVENTORY_MAX_QUANTITY, 1);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  gtk_widget_set_halign (spin, GTK_ALIGN_START);
  g_object_set_data (G_OBJECT (spin), "ssa-inventory-view", self);
  g_signal_connect (spin, "changed", G_CALLBACK (quantity_text_changed_cb), NULL);
  g_signal_connect (spin, "value-changed", G_CALLBACK (quantity_value_changed_cb), item);
  bind_editable (self, spin);
  gtk_list_item_set_child (item, spin);
}

static void
quantity_bind_cb (SsaInventoryView *self,
                  GtkListItem      *item,
                  GtkSignalListItemFactory *factory)
{
  SsaLicence *licence = item_licence (item);
  GtkWidget *spin = gtk_list_item_get_child (item);
  g_autofree char *name = NULL;
  GBinding *binding;

  if (show_waiting (item))
    return;
  name = g_strdup_printf (_("Quantity of %s"), line_product (self, licence));

  /* Named with its product: a screen reader's list of spin buttons is not ten times
   * "Quantity". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), (double) ssa_licence_get_quantity (licence));
  /* Changes from elsewhere (an undo, another view) show at once. */
  binding = g_object_bind_property (licence, "quantity", spin, "value", G_BINDING_DEFAULT);
  g_object_set_data (G_OBJECT (item), "ssa-binding", binding);
}

static void
quantity_unbind_cb (SsaInventoryView *self,
                    GtkListItem      *item,
                    GtkSignalListItemFactory *factory)
{
  GBinding *binding = g_object_steal_data (G_OBJECT (item), "ssa-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

static void
added_on_bind_cb (SsaInventoryView *self,
                  GtkListItem      *item,
                  GtkSignalListItemFactory *factory)
{
  SsaLicence *licence = item_licence (item);
  g_autofree char *text = NULL;

  if (show_waiting (item))
    return;
  text = ssa_page_format_date (ssa_licence_get_added_on (licence));
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
covered_until_bind_cb (SsaInventoryView *self,
                       GtkListItem      *item,
                       GtkSignalListItemFactory *factory)
{
  SsaLicence *licence = item_licence (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;
  SsaResolvedLine line;

  if (show_waiting (item))
    return;
  resolve_licence (self, licence, &line);
  /* Hardware and services are not covered by the SSA: no date, whatever the line says. */
  if (line.has_kind && !ssa_kind_is_covered (line.kind))
    {
      gtk_label_set_label (GTK_LABEL (label), "—");
      gtk_widget_add_css_class (label, "dim-label");
      ssa_page_set_tooltip_text (label, _("Not covered by the SSA"));
      return;
    }
  if (line.coverage_end_source != SSA_COVERAGE_END_NONE)
    text = ssa_page_format_date (&line.coverage_end);
  gtk_label_set_label (GTK_LABEL (label), text != NULL ? text : "—");

  /* A date that comes from the installation's expiry rather than the line is dimmed, and
   * so is the dash of a line that has none. */
  if (line.coverage_end_source == SSA_COVERAGE_END_SSA_EXPIRY ||
      line.coverage_end_source == SSA_COVERAGE_END_NONE)
    {
      gtk_widget_add_css_class (label, "dim-label");
      ssa_page_set_tooltip_text (label, _("The installation’s SSA expiry"));
    }
  else
    {
      gtk_widget_remove_css_class (label, "dim-label");
      ssa_page_set_tooltip_text (label,
                                 line.coverage_end_source == SSA_COVERAGE_END_COVERED_UNTIL
                                 ? _("Covered until this day")
                                 : _("Bought later: covered from the next offer"));
    }
}

static void
remove_clicked_cb (GtkButton   *button,
                   GtkListItem *item)
{
  SsaInventoryView *self = g_object_get_data (G_OBJECT (button), "ssa-inventory-view");
  SsaLicence *licence = item_licence (item);
  GListModel *licences;
  guint n;

  if (licence == NULL || self->installation == NULL)
    return;

  licences = ssa_installation_get_licences (self->installation);
  n = g_list_model_get_n_items (licences);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SsaLicence) other = g_list_model_get_item (licences, i);

      if (other == licence)
        {
          g_autoptr(SsaLicence) removed = g_object_ref (licence);
          g_autoptr(GError) error = NULL;

          /* Hidden, not deleted: the window deletes it once its Undo is no longer offered. */
          if (self->repository != NULL)
            {
              if (!ssa_repository_hide_licence (self->repository, self->installation, licence,
                                                &i, &error))
                {
                  ssa_page_show_error (GTK_WIDGET (self), error);
                  return;
                }
            }
          else
            ssa_installation_remove_licence (self->installation, i);
          g_signal_emit (self, signals[LICENCE_REMOVED], 0, removed, i);
          break;
        }
    }
}

static void
remove_setup_cb (SsaInventoryView *self,
                 GtkListItem      *item,
                 GtkSignalListItemFactory *factory)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (button, "flat");
  ssa_page_set_tooltip_text (button, _("Remove Licence Line"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Licence Line"), -1);
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "ssa-inventory-view", self);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), item);
  bind_editable (self, button);
  gtk_list_item_set_child (item, button);
}

static void
remove_bind_cb (SsaInventoryView         *self,
                GtkListItem              *item,
                GtkSignalListItemFactory *factory)
{
  g_autofree char *name = NULL;

  if (show_waiting (item))
    return;
  name = g_strdup_printf (_("Remove %s"), line_product (self, item_licence (item)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
licence_added_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GPtrArray) pair = user_data;    /* the view and the line */
  SsaInventoryView *self = g_ptr_array_index (pair, 0);
  SsaLicence *licence = g_ptr_array_index (pair, 1);
  g_autoptr(GError) error = NULL;

  if (!ssa_repository_add_licence_finish (SSA_REPOSITORY (source), result, &error))
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  g_signal_emit (self, signals[LICENCE_ADDED], 0, licence);
}

static void
product_picked_cb (SsaInventoryView *self,
                   SsaProduct       *product,
                   SsaProductPicker *picker)
{
  g_autoptr(SsaLicence) licence = NULL;
  GDate today;

  if (self->installation == NULL)
    return;

  /* A licence added now was bought today: it is not under the agreement yet, so the next
   * offer co-terms it from today (see "Licence line" in the rules). */
  ssa_date_today (&today);
  licence = ssa_licence_new ();
  ssa_licence_set_code (licence, ssa_product_get_code (product));
  ssa_licence_set_name (licence, ssa_product_get_name (product));
  ssa_licence_set_quantity (licence, 1);
  ssa_licence_set_added_on (licence, &today);
  /* Written in a worker: the line shows, and its Undo is offered, once it is stored. */
  if (self->repository != NULL)
    {
      GPtrArray *pair = g_ptr_array_new_with_free_func (g_object_unref);

      g_ptr_array_add (pair, g_object_ref (self));
      g_ptr_array_add (pair, g_object_ref (licence));
      ssa_repository_add_licence_async (self->repository, self->installation, licence, NULL,
                                        licence_added_cb, pair);
      return;
    }

  ssa_installation_add_licence (self->installation, licence);
  g_signal_emit (self, signals[LICENCE_ADDED], 0, licence);
}

static void
licences_changed_cb (SsaInventoryView *self,
                     guint             position,
                     guint             removed,
                     guint             added,
                     GListModel       *model)
{
  update_stack (self);
}

static void
ssa_inventory_view_dispose (GObject *object)
{
  SsaInventoryView *self = (SsaInventoryView *)object;

  if (self->installation != NULL)
    g_signal_handlers_disconnect_by_data (self->installation, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_INVENTORY_VIEW);
  g_clear_object (&self->installation);
  g_clear_object (&self->repository);
  g_clear_object (&self->products);
  g_clear_pointer (&self->price_list, ssa_price_list_unref);

  G_OBJECT_CLASS (ssa_inventory_view_parent_class)->dispose (object);
}

static void
ssa_inventory_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SsaInventoryView *self = SSA_INVENTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_INSTALLATION:
      g_value_set_object (value, self->installation);
      break;

    case PROP_PRICE_LIST:
      g_value_set_boxed (value, self->price_list);
      break;

    case PROP_PRODUCTS:
      g_value_set_object (value, self->products);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_inventory_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  SsaInventoryView *self = SSA_INVENTORY_VIEW (object);

  switch (prop_id)
    {
    case PROP_INSTALLATION:
      ssa_inventory_view_set_installation (self, g_value_get_object (value));
      break;

    case PROP_PRICE_LIST:
      ssa_inventory_view_set_price_list (self, g_value_get_boxed (value));
      break;

    case PROP_PRODUCTS:
      ssa_inventory_view_set_products (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_inventory_view_class_init (SsaInventoryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_inventory_view_dispose;
  object_class->get_property = ssa_inventory_view_get_property;
  object_class->set_property = ssa_inventory_view_set_property;

  properties[PROP_INSTALLATION] =
    g_param_spec_object ("installation", NULL, NULL,
                         SSA_TYPE_INSTALLATION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PRICE_LIST] =
    g_param_spec_boxed ("price-list", NULL, NULL,
                        SSA_TYPE_PRICE_LIST,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PRODUCTS] =
    g_param_spec_object ("products", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SsaInventoryView::licence-added:
   * @self: the view
   * @licence: the line the user added, already in the installation
   */
  signals[LICENCE_ADDED] =
    g_signal_new ("licence-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SSA_TYPE_LICENCE);
  /**
   * SsaInventoryView::licence-changed:
   * @self: the view
   * @licence: the line whose quantity the user changed
   */
  signals[LICENCE_CHANGED] =
    g_signal_new ("licence-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SSA_TYPE_LICENCE);
  /**
   * SsaInventoryView::licence-removed:
   * @self: the view
   * @licence: the line the user removed, no longer in the installation
   * @position: where it was in the installation's lines
   */
  signals[LICENCE_REMOVED] =
    g_signal_new ("licence-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, SSA_TYPE_LICENCE, G_TYPE_UINT);

  g_type_ensure (SSA_TYPE_LICENCE);
  g_type_ensure (SSA_TYPE_PACED_LIST);
  g_type_ensure (SSA_TYPE_PRODUCT_PICKER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-inventory-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaInventoryView, column_view);
  gtk_widget_class_bind_template_child (widget_class, SsaInventoryView, sort_model);
  gtk_widget_class_bind_template_child (widget_class, SsaInventoryView, paced_list);
  gtk_widget_class_bind_template_child (widget_class, SsaInventoryView, code_column);
  gtk_widget_class_bind_template_child (widget_class, SsaInventoryView, product_column);
  gtk_widget_class_bind_template_child (widget_class, SsaInventoryView, kind_column);
  gtk_widget_class_bind_template_child (widget_class, SsaInventoryView, added_on_column);
  gtk_widget_class_bind_template_child (widget_class, SsaInventoryView, covered_until_column);
  gtk_widget_class_bind_template_child (widget_class, SsaInventoryView, add_button);
  gtk_widget_class_bind_template_child (widget_class, SsaInventoryView, picker);
  gtk_widget_class_bind_template_child (widget_class, SsaInventoryView, stack);
  gtk_widget_class_bind_template_callback (widget_class, label_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, code_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, product_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, product_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, quantity_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, quantity_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, quantity_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, added_on_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, covered_until_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, product_picked_cb);
}

static void
ssa_inventory_view_init (SsaInventoryView *self)
{
  GtkColumnViewColumn *hide_first[4];

  gtk_widget_init_template (GTK_WIDGET (self));
  ssa_gui_fix_mnemonic_names (GTK_WIDGET (self));
  ssa_paced_list_set_widget (self->paced_list, GTK_WIDGET (self->column_view));
  watch_slots (self);

  /* Product, quantity and the remove button stay; the dates and the kind go first. */
  hide_first[0] = self->added_on_column;
  hide_first[1] = self->kind_column;
  hide_first[2] = self->covered_until_column;
  hide_first[3] = self->code_column;
  ssa_gui_fit_columns (self->column_view, hide_first, G_N_ELEMENTS (hide_first));

  gtk_column_view_column_set_sorter (self->product_column,
    GTK_SORTER (gtk_custom_sorter_new (compare_product_cb, self, NULL)));
  gtk_column_view_column_set_sorter (self->kind_column,
    GTK_SORTER (gtk_custom_sorter_new (compare_kind_cb, self, NULL)));
  gtk_column_view_column_set_sorter (self->added_on_column,
    GTK_SORTER (gtk_custom_sorter_new (compare_added_on_cb, self, NULL)));
  gtk_column_view_column_set_sorter (self->covered_until_column,
    GTK_SORTER (gtk_custom_sorter_new (compare_covered_until_cb, self, NULL)));

  g_signal_connect_object (self->sort_model, "items-changed",
                           G_CALLBACK (licences_changed_cb), self, G_CONNECT_SWAPPED);
  update_stack (self);
}

GtkWidget *
ssa_inventory_view_new (void)
{
  return g_object_new (SSA_TYPE_INVENTORY_VIEW, NULL);
}

/**
 * ssa_inventory_view_get_installation:
 *
 * Returns: (transfer none) (nullable): the installation shown
 */
SsaInstallation *
ssa_inventory_view_get_installation (SsaInventoryView *self)
{
  g_return_val_if_fail (SSA_IS_INVENTORY_VIEW (self), NULL);

  return self->installation;
}

static void
installation_expiry_cb (SsaInventoryView *self,
                        GParamSpec       *pspec,
                        SsaInstallation  *installation)
{
  refresh_rows (self);
}

void
ssa_inventory_view_set_installation (SsaInventoryView *self,
                                     SsaInstallation  *installation)
{
  g_return_if_fail (SSA_IS_INVENTORY_VIEW (self));
  g_return_if_fail (installation == NULL || SSA_IS_INSTALLATION (installation));

  if (self->installation == installation)
    return;

  if (self->installation != NULL)
    g_signal_handlers_disconnect_by_data (self->installation, self);
  g_set_object (&self->installation, installation);
  if (installation != NULL)
    g_signal_connect_object (installation, "notify::ssa-expiry",
                             G_CALLBACK (installation_expiry_cb), self, G_CONNECT_SWAPPED);

  update_add_button (self);
  refresh_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTALLATION]);
}

/**
 * ssa_inventory_view_get_price_list:
 *
 * Returns: (transfer none) (nullable): the price list the lines are shown against
 */
SsaPriceList *
ssa_inventory_view_get_price_list (SsaInventoryView *self)
{
  g_return_val_if_fail (SSA_IS_INVENTORY_VIEW (self), NULL);

  return self->price_list;
}

void
ssa_inventory_view_set_price_list (SsaInventoryView *self,
                                   SsaPriceList     *price_list)
{
  g_return_if_fail (SSA_IS_INVENTORY_VIEW (self));

  if (self->price_list == price_list)
    return;

  g_clear_pointer (&self->price_list, ssa_price_list_unref);
  if (price_list != NULL)
    self->price_list = ssa_price_list_ref (price_list);

  refresh_rows (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRICE_LIST]);
}

/**
 * ssa_inventory_view_get_repository:
 *
 * Returns: (transfer none) (nullable): the repository lines are added and removed through
 */
SsaRepository *
ssa_inventory_view_get_repository (SsaInventoryView *self)
{
  g_return_val_if_fail (SSA_IS_INVENTORY_VIEW (self), NULL);

  return self->repository;
}

/**
 * ssa_inventory_view_set_repository:
 * @self: a view
 * @repository: (nullable): the repository that stores the installation shown; without one,
 *   added and removed lines change the installation object only
 */
void
ssa_inventory_view_set_repository (SsaInventoryView *self,
                                   SsaRepository    *repository)
{
  g_return_if_fail (SSA_IS_INVENTORY_VIEW (self));
  g_return_if_fail (repository == NULL || SSA_IS_REPOSITORY (repository));

  if (self->repository == repository)
    return;
  if (self->repository != NULL)
    g_signal_handlers_disconnect_by_func (self->repository, update_add_button, self);
  g_set_object (&self->repository, repository);
  if (repository != NULL)
    g_signal_connect_object (repository, "notify::read-only", G_CALLBACK (update_add_button),
                             self, G_CONNECT_SWAPPED);
  update_add_button (self);
  refresh_rows (self);
}

/**
 * ssa_inventory_view_get_products:
 *
 * Returns: (transfer none) (nullable): the products the "Add licence" picker offers
 */
GListModel *
ssa_inventory_view_get_products (SsaInventoryView *self)
{
  g_return_val_if_fail (SSA_IS_INVENTORY_VIEW (self), NULL);

  return self->products;
}

void
ssa_inventory_view_set_products (SsaInventoryView *self,
                                 GListModel       *products)
{
  g_return_if_fail (SSA_IS_INVENTORY_VIEW (self));
  g_return_if_fail (products == NULL || G_IS_LIST_MODEL (products));

  if (g_set_object (&self->products, products))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRODUCTS]);
}

/**
 * ssa_inventory_view_get_column_view:
 *
 * Returns: (transfer none): the table
 */
GtkColumnView *
ssa_inventory_view_get_column_view (SsaInventoryView *self)
{
  g_return_val_if_fail (SSA_IS_INVENTORY_VIEW (self), NULL);

  return self->column_view;
}

/**
 * ssa_inventory_view_get_picker:
 *
 * Returns: (transfer none): the product picker of the "Add licence" button
 */
GtkWidget *
ssa_inventory_view_get_picker (SsaInventoryView *self)
{
  g_return_val_if_fail (SSA_IS_INVENTORY_VIEW (self), NULL);

  return GTK_WIDGET (self->picker);
}
