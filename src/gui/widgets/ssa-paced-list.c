/* ssa-paced-list.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "ssa-paced-list.h"
#include "ssa-slot.h"

/* A list model that passes its model's items on, but lists a new long list a step a frame,
 * for a list view that shows thousands of rows: the licence table and the offer's lines of
 * an installation with thousands of licence lines.
 *
 * GTK 4.8's list and column views make widgets for up to 200 rows around the visible ones,
 * whatever fits on screen, and measure every one of them: a new list of 2 000 licence lines
 * made 200 rows of seven cells at once, and held the window for a second. Listed through
 * this model, a list that grows by more than STEP items (a new installation picked, its
 * lines loaded) lists STEP more items a frame until WINDOW are listed, then the rest at once:
 * the rows beyond the window get no widgets. The first frame shows the first rows; the rest
 * come a frame at a time while the window stays responsive. Smaller changes (a line added,
 * removed, or changed) are passed on as they are, so the view keeps its place and its rows.
 *
 * Without a widget ("widget"), or before it is realized, everything is listed at once. The
 * growth runs from a tick callback that is removed as soon as everything is listed: a list
 * at rest costs no frame.
 *
 * A recycling list ("recycle") lists slots (SsaSlot) instead of the items themselves. GTK
 * 4.8 keeps a row's widgets only while its item stays in the model, so a new list (another
 * installation's lines) destroyed 200 rows of widgets and built new ones. When many items
 * are replaced, the slots listed there stay and are given their new items: the view keeps
 * its rows, whose cells show another item (the view's factories follow "item" of their
 * slot). A slot is made when the view first asks for it.
 *
 * A list that shrinks by many items at its end (a short installation after a long one)
 * empties the rows past its new end at once and removes them SHRINK_STEP a frame: GTK
 * destroying 200 rows in one go held the window for a tenth of a second. */

#define STEP        16
#define WINDOW      256
#define SHRINK_STEP 48

struct _SsaPacedList
{
  GObject     parent_instance;

  GListModel *model;
  gboolean    recycle;
  GPtrArray  *slots;               /* recycling: SsaSlot* of each item listed, NULL until asked */
  guint       n_listed;            /* the first items of the model, listed */
  guint       n_filled;            /* recycling: the slots before have their items; those
                                    * made after it may be waiting for theirs (empty) */
  guint       n_dropping;          /* recycling: the last slots listed are empty leftovers
                                    * of a longer list, removed a step a frame */
  guint       n_model;
  GtkWidget  *widget;              /* weak: paces the listing, or NULL */
  guint       tick_id;
  gint64      tick_after;          /* the frame before which the listing waits */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SsaPacedList, ssa_paced_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_RECYCLE,
  PROP_WIDGET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
get_item_type (GListModel *list)
{
  SsaPacedList *self = SSA_PACED_LIST (list);

  if (self->recycle)
    return SSA_TYPE_SLOT;
  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
get_n_items (GListModel *list)
{
  return SSA_PACED_LIST (list)->n_listed;
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  SsaPacedList *self = SSA_PACED_LIST (list);

  SsaSlot *slot;

  if (position >= self->n_listed)
    return NULL;
  if (!self->recycle)
    return g_list_model_get_item (self->model, position);

  slot = g_ptr_array_index (self->slots, position);
  if (slot == NULL && position >= self->n_listed - self->n_dropping)
    {
      slot = ssa_slot_new (NULL);
      g_ptr_array_index (self->slots, position) = slot;
    }
  else if (slot == NULL)
    {
      g_autoptr(GObject) item = g_list_model_get_item (self->model, position);

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

static void
stop_growth (SsaPacedList *self)
{
  if (self->tick_id != 0 && self->widget != NULL)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
}

/* Keeps the slots in step with the items listed: @removed slots at @position go, @added
 * empty ones come. */
static void
splice_slots (SsaPacedList *self,
              guint         position,
              guint         removed,
              guint         added)
{
  if (!self->recycle)
    return;
  if (removed > 0)
    g_ptr_array_remove_range (self->slots, position, removed);
  if (added > 0)
    {
      g_ptr_array_set_size (self->slots, self->slots->len + added);
      if (position + added < self->slots->len)
        memmove (self->slots->pdata + position + added, self->slots->pdata + position,
                 (self->slots->len - position - added) * sizeof (gpointer));
      memset (self->slots->pdata + position, 0, added * sizeof (gpointer));
    }
}

/* Lists the items up to @n_listed. */
static void
list_up_to (SsaPacedList *self,
            guint         n_listed)
{
  guint position = self->n_listed;

  if (n_listed <= position)
    return;
  splice_slots (self, position, 0, n_listed - position);
  if (self->n_filled == position)
    self->n_filled = n_listed;
  self->n_listed = n_listed;
  g_list_model_items_changed (G_LIST_MODEL (self), position, 0, n_listed - position);
}

/* Gives up to @n empty slots their items, from the first that waits; without a limit
 * (G_MAXUINT), all of them. */
static void
fill_slots (SsaPacedList *self,
            guint         n)
{
  guint filled = 0;

  while (self->n_filled < self->n_listed - self->n_dropping && filled < n)
    {
      SsaSlot *slot = g_ptr_array_index (self->slots, self->n_filled);

      if (slot != NULL && ssa_slot_get_item (slot) == NULL)
        {
          g_autoptr(GObject) item = g_list_model_get_item (self->model, self->n_filled);

          ssa_slot_set_item (slot, item);
          filled++;
        }
      self->n_filled++;
    }
}

/* Removes up to @n of the leftovers at the end that the view asked for (and so may have
 * rows), and any it never asked for with them: those have no rows and cost nothing. */
static void
drop_leftovers (SsaPacedList *self,
                guint         n)
{
  guint dropped = 0;
  guint asked = 0;

  while (dropped < self->n_dropping)
    {
      SsaSlot *slot = g_ptr_array_index (self->slots, self->n_listed - dropped - 1);

      if (slot != NULL && asked == n)
        break;
      if (slot != NULL)
        asked++;
      dropped++;
    }
  if (dropped == 0)
    return;
  splice_slots (self, self->n_listed - dropped, dropped, 0);
  self->n_listed -= dropped;
  self->n_dropping -= dropped;
  self->n_filled = MIN (self->n_filled, self->n_listed);
  g_list_model_items_changed (G_LIST_MODEL (self), self->n_listed, dropped, 0);
}

static gboolean
is_waiting (SsaPacedList *self)
{
  return self->n_dropping > 0 || self->n_listed < self->n_model ||
         (self->recycle && self->n_filled < self->n_listed);
}

/* One step a frame, before the frame's layout; not in the first frame after the change,
 * which shows the rows listed with it. The rows waiting for their items get them first. */
static gboolean
grow_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  SsaPacedList *self = data;

  if (gdk_frame_clock_get_frame_counter (clock) <= self->tick_after)
    return G_SOURCE_CONTINUE;
  if (self->n_dropping > 0)
    drop_leftovers (self, SHRINK_STEP);
  else if (self->recycle && self->n_filled < self->n_listed)
    fill_slots (self, STEP);
  else if (self->n_listed < WINDOW)
    list_up_to (self, MIN (self->n_model, self->n_listed + STEP));
  else
    list_up_to (self, self->n_model);
  if (is_waiting (self))
    return G_SOURCE_CONTINUE;

  self->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void
widget_gone_cb (gpointer  data,
                GObject  *where_the_widget_was)
{
  SsaPacedList *self = data;

  self->widget = NULL;
  self->tick_id = 0;
  list_up_to (self, self->n_model);
}

static void
schedule_growth (SsaPacedList *self)
{
  if (!is_waiting (self))
    stop_growth (self);
  else if (self->widget == NULL || !gtk_widget_get_realized (self->widget))
    {
      stop_growth (self);
      drop_leftovers (self, G_MAXUINT);
      if (self->recycle)
        fill_slots (self, G_MAXUINT);
      list_up_to (self, self->n_model);
    }
  else if (self->tick_id == 0)
    {
      GdkFrameClock *clock = gtk_widget_get_frame_clock (self->widget);

      self->tick_after = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) + 1 : 0;
      self->tick_id = gtk_widget_add_tick_callback (self->widget, grow_tick_cb, self, NULL);
    }
}

static void
model_items_changed_cb (SsaPacedList *self,
                        guint         position,
                        guint         removed,
                        guint         added,
                        GListModel   *model)
{
  guint listed;

  /* The leftovers of the last change go first: positions past them are the model's. */
  drop_leftovers (self, G_MAXUINT);
  listed = self->n_listed;
  self->n_model = g_list_model_get_n_items (model);

  /* A change past the items listed: they stay as they are. */
  if (position > listed || (position == listed && listed < self->n_model - added + removed))
    {
      schedule_growth (self);
      return;
    }

  if (self->recycle)
    {
      /* The slots listed in the stretch that changed are given its new items, as many as
       * fit: the rows keep their widgets. A stretch of many new items lists as many as were
       * listed there, or a step's worth when there were fewer, and the rest a frame at a
       * time. */
      gboolean paced = self->widget != NULL && gtk_widget_get_realized (self->widget);
      guint removed_listed = MIN (removed, listed - position);
      guint added_listed = added <= STEP || !paced ? added
                           : MAX (STEP, MIN (added, removed_listed));
      guint kept = MIN (removed_listed, added_listed);

      /* The first step's rows show their new items at once; the others are emptied, and
       * given theirs a step a frame (an empty row costs no text measurement). */
      self->n_filled = MIN (self->n_filled, position);
      for (guint i = position; i < position + kept; i++)
        {
          SsaSlot *slot = g_ptr_array_index (self->slots, i);
          g_autoptr(GObject) item = NULL;

          if (slot == NULL)
            continue;
          if (paced && i >= position + STEP)
            {
              ssa_slot_set_item (slot, NULL);
              continue;
            }
          item = g_list_model_get_item (model, i);
          ssa_slot_set_item (slot, item);
        }
      if (self->n_filled == position)
        self->n_filled = position + MIN (kept, STEP);

      if (added_listed < added)
        {
          /* Listed up to the end of what is listed of the stretch. */
          guint gone = listed - position - kept;

          splice_slots (self, position + kept, gone, added_listed - kept);
          self->n_listed = position + added_listed;
          if (gone > 0 || added_listed > kept)
            g_list_model_items_changed (G_LIST_MODEL (self), position + kept, gone,
                                        added_listed - kept);
          /* The frame that shows them comes first. */
          stop_growth (self);
        }
      else if (paced && added == kept && removed_listed - kept > SHRINK_STEP &&
               position + removed_listed == listed)
        {
          /* Many rows past the new end: emptied now, removed a step a frame. */
          for (guint i = position + kept; i < listed; i++)
            {
              SsaSlot *slot = g_ptr_array_index (self->slots, i);

              if (slot != NULL)
                ssa_slot_set_item (slot, NULL);
            }
          self->n_dropping = removed_listed - kept;
          stop_growth (self);
        }
      else
        {
          splice_slots (self, position + kept, removed_listed - kept, added - kept);
          self->n_listed = listed - removed_listed + added;
          if (removed_listed > kept || added > kept)
            g_list_model_items_changed (G_LIST_MODEL (self), position + kept,
                                        removed_listed - kept, added - kept);
        }
    }
  else if (added <= STEP || self->widget == NULL || !gtk_widget_get_realized (self->widget))
    {
      /* Passed on as it is: the items listed after the change stay listed. */
      guint removed_listed = MIN (removed, listed - position);

      self->n_listed = listed - removed_listed + added;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed_listed, added);
    }
  else
    {
      /* A new stretch of many items: a step of it now, the rest a frame at a time. */
      self->n_listed = position + STEP;
      g_list_model_items_changed (G_LIST_MODEL (self), position, listed - position, STEP);
      /* The frame that shows this step comes first. */
      stop_growth (self);
    }
  self->n_filled = MIN (self->n_filled, self->n_listed);
  schedule_growth (self);
}

static void
ssa_paced_list_dispose (GObject *object)
{
  SsaPacedList *self = SSA_PACED_LIST (object);

  ssa_paced_list_set_widget (self, NULL);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (ssa_paced_list_parent_class)->dispose (object);
}

static void
ssa_paced_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SsaPacedList *self = SSA_PACED_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_RECYCLE:
      g_value_set_boolean (value, self->recycle);
      break;

    case PROP_WIDGET:
      g_value_set_object (value, self->widget);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_paced_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SsaPacedList *self = SSA_PACED_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ssa_paced_list_set_model (self, g_value_get_object (value));
      break;

    case PROP_RECYCLE:
      self->recycle = g_value_get_boolean (value);
      break;

    case PROP_WIDGET:
      ssa_paced_list_set_widget (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_paced_list_class_init (SsaPacedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ssa_paced_list_dispose;
  object_class->get_property = ssa_paced_list_get_property;
  object_class->set_property = ssa_paced_list_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_RECYCLE] =
    g_param_spec_boolean ("recycle", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_WIDGET] =
    g_param_spec_object ("widget", NULL, NULL, GTK_TYPE_WIDGET,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
free_slot (gpointer slot)
{
  if (slot != NULL)
    g_object_unref (slot);
}

static void
ssa_paced_list_init (SsaPacedList *self)
{
  self->slots = g_ptr_array_new_with_free_func (free_slot);
}

/**
 * ssa_paced_list_new:
 * @model: (nullable): the model to list
 *
 * Returns: (transfer full): a new paced list
 */
SsaPacedList *
ssa_paced_list_new (GListModel *model)
{
  return g_object_new (SSA_TYPE_PACED_LIST, "model", model, NULL);
}

/**
 * ssa_paced_list_get_model:
 *
 * Returns: (transfer none) (nullable): the model listed
 */
GListModel *
ssa_paced_list_get_model (SsaPacedList *self)
{
  g_return_val_if_fail (SSA_IS_PACED_LIST (self), NULL);

  return self->model;
}

void
ssa_paced_list_set_model (SsaPacedList *self,
                          GListModel   *model)
{
  guint n;

  g_return_if_fail (SSA_IS_PACED_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (model_items_changed_cb),
                             self, G_CONNECT_SWAPPED);

  /* As a change of every item. */
  n = self->n_listed;
  self->n_listed = 0;
  self->n_filled = 0;
  self->n_dropping = 0;
  self->n_model = 0;
  stop_growth (self);
  splice_slots (self, 0, n, 0);
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);
  if (model != NULL)
    model_items_changed_cb (self, 0, 0, g_list_model_get_n_items (model), model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/**
 * ssa_paced_list_get_widget:
 *
 * Returns: (transfer none) (nullable): the widget whose frames pace the listing
 */
GtkWidget *
ssa_paced_list_get_widget (SsaPacedList *self)
{
  g_return_val_if_fail (SSA_IS_PACED_LIST (self), NULL);

  return self->widget;
}

/**
 * ssa_paced_list_set_widget:
 * @self: a paced list
 * @widget: (nullable): the widget that shows the list; without one, everything is listed
 *   at once
 */
void
ssa_paced_list_set_widget (SsaPacedList *self,
                           GtkWidget    *widget)
{
  g_return_if_fail (SSA_IS_PACED_LIST (self));
  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));

  if (self->widget == widget)
    return;

  stop_growth (self);
  if (self->widget != NULL)
    g_object_weak_unref (G_OBJECT (self->widget), widget_gone_cb, self);
  self->widget = widget;
  if (widget != NULL)
    g_object_weak_ref (G_OBJECT (widget), widget_gone_cb, self);
  schedule_growth (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WIDGET]);
}

/**
 * ssa_paced_list_refresh:
 * @self: a recycling paced list
 *
 * Has the rows shown again, for what they show of their items has changed (the licence
 * table's product names after another price list): every slot made notifies its item.
 */
void
ssa_paced_list_refresh (SsaPacedList *self)
{
  g_return_if_fail (SSA_IS_PACED_LIST (self));
  g_return_if_fail (self->recycle);

  for (guint i = 0; i < self->slots->len; i++)
    {
      SsaSlot *slot = g_ptr_array_index (self->slots, i);

      if (slot != NULL)
        g_object_notify (G_OBJECT (slot), "item");
    }
}

/**
 * ssa_paced_list_is_growing:
 *
 * Returns: whether the list is still pacing: items of the model still to be listed, rows
 *   waiting for their items, or leftovers still to be removed
 */
gboolean
ssa_paced_list_is_growing (SsaPacedList *self)
{
  g_return_val_if_fail (SSA_IS_PACED_LIST (self), FALSE);

  return is_waiting (self);
}
