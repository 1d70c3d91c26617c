/* ssa-recycling-selection.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ssa-recycling-selection.h"
#include "ssa-slot.h"

/* A single selection over a model, for list views whose items change wholesale, as the
 * sidebar's rows do with every keystroke of a search.
 *
 * GTK 4.8's list views keep up to 200 row widgets around the visible rows, and keep a
 * row's widgets only while its item stays in the model: a search that swaps the rows
 * destroys 200 rows and builds 200 new ones, some 70 ms with 10 000 customers. This model
 * lists slots (SsaSlot) instead of the items themselves. When a change of the underlying
 * model replaces at least RECYCLE_MIN items by at least as many others, the slots in that
 * stretch stay and are given their new items: the list view keeps its widgets and its rows
 * only show another item. Smaller changes (a customer added, a row moved by a rename) are
 * passed on as they are, so the list keeps its place the way GTK keeps it.
 *
 * A slot is made when the list first asks for it, so that a change touches only the slots
 * of rows that have widgets, not the thousands of positions around them.
 *
 * Given the widget that shows it ("widget"), the model lists a list that grows from a few
 * rows to many (a search deleted again) GROW_STEP rows a frame until GROW_WINDOW are:
 * building a row's widgets takes some 0.2 ms, and 200 at once would hold up the frame
 * that shows the first of them. Meanwhile it lists the first items of the underlying
 * model only; the rows beyond the window need no widgets and come all at once. Without a
 * widget, or before it is realized, everything is listed at once.
 *
 * A frozen selection keeps listing what it listed, whatever its model does, and lists the
 * model again when it is thawed, reusing its slots: for a list its owner hides, as the
 * sidebar hides its list behind "No Results". A search that finds nothing then costs no
 * rows, and the one after it gets the rows back.
 *
 * The selection is an item, not a position: it stays with the item when a search moves
 * it, hides it or brings it back. Whoever owns the model clears it when the item is gone
 * for good. */

#define RECYCLE_MIN 16
#define GROW_STEP   24
#define GROW_WINDOW 256

struct _SsaRecyclingSelection
{
  GObject     parent_instance;

  GListModel *model;
  GPtrArray  *slots;               /* SsaSlot* for each item listed, NULL until asked */
  guint       n_model;             /* items in the model: as many are listed, or more */
  GtkWidget  *widget;              /* weak: paces the listing, or NULL */
  guint       tick_id;
  gint64      tick_after;          /* the frame before which the listing waits */
  gboolean    frozen;
  gboolean    stale;               /* the model changed while frozen */
  GPtrArray  *spare;               /* SsaSlot* no longer listed, for later use */
  GObject    *selected;            /* an item of the model, or NULL */
};

static void list_model_iface_init      (GListModelInterface        *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SsaRecyclingSelection, ssa_recycling_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      selection_model_iface_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SELECTED_ITEM,
  PROP_WIDGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_slot (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

/* Whether the item at @position is @item, without making a slot for it. */
static gboolean
item_is (SsaRecyclingSelection *self,
         guint                  position,
         GObject               *item)
{
  SsaSlot *slot = g_ptr_array_index (self->slots, position);
  g_autoptr(GObject) listed = NULL;

  if (slot != NULL)
    return ssa_slot_get_item (slot) == item;
  listed = g_list_model_get_item (self->model, position);
  return listed == item;
}

static guint
find_item (SsaRecyclingSelection *self,
           GObject               *item)
{
  /* The rows on screen have slots: most often the item is one of them. */
  for (guint i = 0; i < self->slots->len; i++)
    {
      SsaSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL && ssa_slot_get_item (slot) == item)
        return i;
    }
  for (guint i = 0; i < self->slots->len; i++)
    if (g_ptr_array_index (self->slots, i) == NULL && item_is (self, i, item))
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* Replaces the slots at @position: @removed go, @added places come, without slots yet.
 * The slots removed go spare once the list views have let go of them. */
static void
splice_slots (SsaRecyclingSelection *self,
              guint                  position,
              guint                  removed,
              guint                  added)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  guint tail;

  for (guint i = 0; i < removed; i++)
    {
      SsaSlot *slot = g_ptr_array_index (self->slots, position + i);

      if (slot != NULL)
        g_ptr_array_add (gone, slot);
    }

  /* The removed slots' references move to @gone. */
  g_ptr_array_set_free_func (self->slots, NULL);
  g_ptr_array_remove_range (self->slots, position, removed);
  tail = self->slots->len - position;
  g_ptr_array_set_size (self->slots, self->slots->len + added);
  g_ptr_array_set_free_func (self->slots, clear_slot);
  if (added > 0)
    {
      memmove (self->slots->pdata + position + added, self->slots->pdata + position,
               tail * sizeof (gpointer));
      memset (self->slots->pdata + position, 0, added * sizeof (gpointer));
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);

  for (guint i = 0; i < gone->len; i++)
    {
      SsaSlot *slot = g_ptr_array_index (gone, i);

      ssa_slot_set_item (slot, NULL);
      g_ptr_array_add (self->spare, slot);
    }
}

/* How many of the model's items to list, with @listed listed now. */
static guint
next_listed (SsaRecyclingSelection *self,
             guint                  listed)
{
  if (listed >= GROW_WINDOW || self->widget == NULL || !gtk_widget_get_realized (self->widget))
    return self->n_model;
  return MIN (self->n_model, listed + GROW_STEP);
}

/* Lists the model's items from @position on as the first @n_listed - @position of them:
 * the slots there that stay show their new items, the rest are removed or added. */
static void
relist (SsaRecyclingSelection *self,
        guint                  position,
        guint                  n_listed)
{
  guint removed = self->slots->len - position;
  guint added = n_listed - position;
  guint kept = MIN (removed, added);

  for (guint i = position; i < position + kept; i++)
    {
      SsaSlot *slot = g_ptr_array_index (self->slots, i);
      g_autoptr(GObject) item = NULL;

      if (slot == NULL)
        continue;
      item = g_list_model_get_item (self->model, i);
      ssa_slot_set_item (slot, item);
    }

  if (removed > kept || added > kept)
    splice_slots (self, position + kept, removed - kept, added - kept);

  /* Where the selected item was or now is in that stretch, its rows change state. */
  if (kept > 0 && self->selected != NULL)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, kept);
}

static void
stop_growth (SsaRecyclingSelection *self)
{
  if (self->tick_id != 0 && self->widget != NULL)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
}

/* One step a frame, before the frame's layout; not in the first frame after the change,
 * which shows the rows listed with it. */
static gboolean
grow_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  SsaRecyclingSelection *self = data;
  guint listed = self->slots->len;

  if (gdk_frame_clock_get_frame_counter (clock) <= self->tick_after)
    return G_SOURCE_CONTINUE;
  if (listed < self->n_model)
    splice_slots (self, listed, 0, next_listed (self, listed) - listed);
  if (self->slots->len < self->n_model)
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* The widget is gone with its tick callbacks: what is left is listed at once. */
static void
widget_gone_cb (gpointer  data,
                GObject  *where_the_widget_was)
{
  SsaRecyclingSelection *self = data;

  self->widget = NULL;
  self->tick_id = 0;
  ssa_recycling_selection_list_all (self);
}

static void
schedule_growth (SsaRecyclingSelection *self)
{
  if (self->slots->len >= self->n_model)
    stop_growth (self);
  else if (self->widget == NULL)
    splice_slots (self, self->slots->len, 0, self->n_model - self->slots->len);
  else if (self->tick_id == 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (self->widget);

      self->tick_after = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) + 1 : 0;
      self->tick_id = gtk_widget_add_tick_callback (self->widget, grow_tick_cb, self, NULL);
    }
}

static void
model_items_changed_cb (SsaRecyclingSelection *self,
                        guint                  position,
                        guint                  removed,
                        guint                  added,
                        GListModel            *model)
{
  guint listed = self->slots->len;
  gboolean all_listed = listed == self->n_model;

  self->n_model = g_list_model_get_n_items (model);
  if (self->frozen)
    {
      self->stale = TRUE;
      return;
    }

  /* A change past the items listed so far: they stay as they are. */
  if (position > listed || (position == listed && !all_listed))
    {
      schedule_growth (self);
      return;
    }

  /* A small change within the items listed (a customer added, a row moved) is passed on
   * as it is: the list keeps its place and its rows the way GTK keeps them. */
  if (position + removed <= listed && MIN (removed, added) < RECYCLE_MIN &&
      added - MIN (removed, added) <= GROW_STEP)
    {
      splice_slots (self, position, removed, added);
      schedule_growth (self);
      return;
    }

  /* Anything bigger is a new list from @position on: the slots there are reused, and as
   * many items are listed as were, or a step's worth when there were fewer. */
  relist (self, position, MAX (position, MIN (self->n_model,
                                              MAX (listed, next_listed (self, 0)))));
  schedule_growth (self);
}

static GType
get_item_type (GListModel *model)
{
  return SSA_TYPE_SLOT;
}

static guint
get_n_items (GListModel *model)
{
  return SSA_RECYCLING_SELECTION (model)->slots->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SsaRecyclingSelection *self = SSA_RECYCLING_SELECTION (model);
  SsaSlot *slot;

  if (position >= self->slots->len)
    return NULL;

  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, position);

      if (self->spare->len > 0)
        {
          slot = g_ptr_array_steal_index_fast (self->spare, self->spare->len - 1);
          ssa_slot_set_item (slot, item);
        }
      else
        slot = ssa_slot_new (item);
      g_ptr_array_index (self->slots, position) = slot;
    }
  return g_object_ref (slot);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static gboolean
is_selected (GtkSelectionModel *model,
             guint              position)
{
  SsaRecyclingSelection *self = SSA_RECYCLING_SELECTION (model);

  return self->selected != NULL && position < self->slots->len &&
         item_is (self, position, self->selected);
}

static GtkBitset *
get_selection_in_range (GtkSelectionModel *model,
                        guint              position,
                        guint              n_items)
{
  GtkBitset *result = gtk_bitset_new_empty ();

  for (guint i = position; i - position < n_items; i++)
    if (is_selected (model, i))
      {
        gtk_bitset_add (result, i);
        break;
      }
  return result;
}

static gboolean
select_item (GtkSelectionModel *model,
             guint              position,
             gboolean           unselect_rest)
{
  SsaRecyclingSelection *self = SSA_RECYCLING_SELECTION (model);
  g_autoptr(GObject) item = NULL;

  if (position >= self->slots->len)
    return FALSE;
  item = g_list_model_get_item (self->model, position);
  ssa_recycling_selection_set_selected_item (self, item);
  return TRUE;
}

static gboolean
unselect_item (GtkSelectionModel *model,
               guint              position)
{
  SsaRecyclingSelection *self = SSA_RECYCLING_SELECTION (model);

  if (is_selected (model, position))
    ssa_recycling_selection_set_selected_item (self, NULL);
  return TRUE;
}

static gboolean
unselect_all (GtkSelectionModel *model)
{
  ssa_recycling_selection_set_selected_item (SSA_RECYCLING_SELECTION (model), NULL);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = is_selected;
  iface->get_selection_in_range = get_selection_in_range;
  iface->select_item = select_item;
  iface->unselect_item = unselect_item;
  iface->unselect_all = unselect_all;
}

static void
ssa_recycling_selection_dispose (GObject *object)
{
  SsaRecyclingSelection *self = (SsaRecyclingSelection *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->selected);
  stop_growth (self);
  if (self->widget != NULL)
    g_object_weak_unref (G_OBJECT (self->widget), widget_gone_cb, self);
  self->widget = NULL;
  g_ptr_array_set_size (self->slots, 0);
  g_ptr_array_set_size (self->spare, 0);

  G_OBJECT_CLASS (ssa_recycling_selection_parent_class)->dispose (object);
}

static void
ssa_recycling_selection_finalize (GObject *object)
{
  SsaRecyclingSelection *self = (SsaRecyclingSelection *)object;

  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->spare, g_ptr_array_unref);

  G_OBJECT_CLASS (ssa_recycling_selection_parent_class)->finalize (object);
}

static void
ssa_recycling_selection_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  SsaRecyclingSelection *self = SSA_RECYCLING_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_SELECTED_ITEM:
      g_value_set_object (value, self->selected);
      break;

    case PROP_WIDGET:
      g_value_set_object (value, self->widget);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_recycling_selection_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  SsaRecyclingSelection *self = SSA_RECYCLING_SELECTION (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ssa_recycling_selection_set_model (self, g_value_get_object (value));
      break;

    case PROP_SELECTED_ITEM:
      ssa_recycling_selection_set_selected_item (self, g_value_get_object (value));
      break;

    case PROP_WIDGET:
      ssa_recycling_selection_set_widget (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_recycling_selection_class_init (SsaRecyclingSelectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ssa_recycling_selection_dispose;
  object_class->finalize = ssa_recycling_selection_finalize;
  object_class->get_property = ssa_recycling_selection_get_property;
  object_class->set_property = ssa_recycling_selection_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SELECTED_ITEM] =
    g_param_spec_object ("selected-item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WIDGET] =
    g_param_spec_object ("widget", NULL, NULL,
                         GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_recycling_selection_init (SsaRecyclingSelection *self)
{
  self->slots = g_ptr_array_new_with_free_func (clear_slot);
  self->spare = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * ssa_recycling_selection_new:
 * @model: (nullable) (transfer none): the items to list
 *
 * Returns: (transfer full): a selection listing an SsaSlot for each item of @model
 */
SsaRecyclingSelection *
ssa_recycling_selection_new (GListModel *model)
{
  g_return_val_if_fail (model == NULL || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (SSA_TYPE_RECYCLING_SELECTION, "model", model, NULL);
}

/* Returns: (transfer none) (nullable): the items listed */
GListModel *
ssa_recycling_selection_get_model (SsaRecyclingSelection *self)
{
  g_return_val_if_fail (SSA_IS_RECYCLING_SELECTION (self), NULL);

  return self->model;
}

void
ssa_recycling_selection_set_model (SsaRecyclingSelection *self,
                                   GListModel            *model)
{
  g_return_if_fail (SSA_IS_RECYCLING_SELECTION (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb), self,
                             G_CONNECT_SWAPPED);

  self->n_model = model != NULL ? g_list_model_get_n_items (model) : 0;
  splice_slots (self, 0, self->slots->len, next_listed (self, 0));
  schedule_growth (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/* Returns: (transfer none) (nullable): the item selected, shown or not */
GObject *
ssa_recycling_selection_get_selected_item (SsaRecyclingSelection *self)
{
  g_return_val_if_fail (SSA_IS_RECYCLING_SELECTION (self), NULL);

  return self->selected;
}

static void
item_selection_changed (SsaRecyclingSelection *self,
                        GObject               *item)
{
  guint position;

  if (item == NULL)
    return;
  position = find_item (self, item);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_selection_model_selection_changed (GTK_SELECTION_MODEL (self), position, 1);
}

/**
 * ssa_recycling_selection_set_selected_item:
 * @self: a selection
 * @item: (nullable): an item of the model to select, or %NULL for none
 *
 * Selects @item wherever it is listed, now or later.
 */
void
ssa_recycling_selection_set_selected_item (SsaRecyclingSelection *self,
                                           GObject               *item)
{
  g_autoptr(GObject) old = NULL;

  g_return_if_fail (SSA_IS_RECYCLING_SELECTION (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  if (self->selected == item)
    return;

  old = g_steal_pointer (&self->selected);
  self->selected = item != NULL ? g_object_ref (item) : NULL;
  item_selection_changed (self, old);
  item_selection_changed (self, item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ITEM]);
}

/* Returns: the position of the selected item, or GTK_INVALID_LIST_POSITION when none is
 *   selected or the selected one is not listed */
guint
ssa_recycling_selection_get_selected (SsaRecyclingSelection *self)
{
  g_return_val_if_fail (SSA_IS_RECYCLING_SELECTION (self), GTK_INVALID_LIST_POSITION);

  return self->selected != NULL ? find_item (self, self->selected) : GTK_INVALID_LIST_POSITION;
}

/**
 * ssa_recycling_selection_list_all:
 * @self: a selection
 *
 * Lists all the model's items now, rather than a step at a time: before scrolling to an
 * item that may not be listed yet.
 */
void
ssa_recycling_selection_list_all (SsaRecyclingSelection *self)
{
  g_return_if_fail (SSA_IS_RECYCLING_SELECTION (self));

  if (self->frozen)
    return;
  if (self->slots->len < self->n_model)
    splice_slots (self, self->slots->len, 0, self->n_model - self->slots->len);
  schedule_growth (self);
}

/* Returns: (transfer none) (nullable): the widget whose frames pace the listing */
GtkWidget *
ssa_recycling_selection_get_widget (SsaRecyclingSelection *self)
{
  g_return_val_if_fail (SSA_IS_RECYCLING_SELECTION (self), NULL);

  return self->widget;
}

/**
 * ssa_recycling_selection_set_widget:
 * @self: a selection
 * @widget: (nullable) (transfer none): the list view showing @self, or %NULL
 *
 * Sets the widget whose frames pace the listing of a list that grows by many rows. The
 * selection does not keep @widget alive.
 */
void
ssa_recycling_selection_set_widget (SsaRecyclingSelection *self,
                                    GtkWidget             *widget)
{
  g_return_if_fail (SSA_IS_RECYCLING_SELECTION (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  if (self->widget == widget)
    return;

  /* What was left to list is listed now; the new widget paces what comes next. */
  stop_growth (self);
  if (self->widget != NULL)
    g_object_weak_unref (G_OBJECT (self->widget), widget_gone_cb, self);
  self->widget = NULL;
  ssa_recycling_selection_list_all (self);
  self->widget = widget;
  if (widget != NULL)
    g_object_weak_ref (G_OBJECT (widget), widget_gone_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDGET]);
}

/**
 * ssa_recycling_selection_set_frozen:
 * @self: a selection
 * @frozen: whether to stop following the model
 *
 * Freezes the selection for as long as its list is hidden: it keeps listing what it
 * listed. Thawed, it lists the model again, giving its rows new items where the model
 * changed.
 */
void
ssa_recycling_selection_set_frozen (SsaRecyclingSelection *self,
                                    gboolean               frozen)
{
  g_return_if_fail (SSA_IS_RECYCLING_SELECTION (self));

  frozen = !!frozen;
  if (self->frozen == frozen)
    return;

  self->frozen = frozen;
  if (frozen)
    {
      stop_growth (self);
      return;
    }

  if (self->stale)
    {
      guint listed = self->slots->len;

      self->stale = FALSE;
      relist (self, 0, MIN (self->n_model, MAX (listed, next_listed (self, 0))));
    }
  schedule_growth (self);
}
