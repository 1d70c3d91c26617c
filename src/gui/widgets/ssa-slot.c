/* ssa-slot.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ssa-slot.h"

/* A place in a list, holding whichever item is shown there. A list view keeps a row's
 * widgets for as long as the row's item stays in the list; SsaRecyclingSelection lists
 * slots rather than items, so that when the items change wholesale (a search) the slots,
 * and with them the row widgets, stay, and only their "item" changes. */

struct _SsaSlot
{
  GObject  parent_instance;

  GObject *item;
};

G_DEFINE_FINAL_TYPE (SsaSlot, ssa_slot, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ssa_slot_dispose (GObject *object)
{
  SsaSlot *self = (SsaSlot *)object;

  g_clear_object (&self->item);

  G_OBJECT_CLASS (ssa_slot_parent_class)->dispose (object);
}

static void
ssa_slot_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SsaSlot *self = SSA_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_slot_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SsaSlot *self = SSA_SLOT (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      ssa_slot_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_slot_class_init (SsaSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ssa_slot_dispose;
  object_class->get_property = ssa_slot_get_property;
  object_class->set_property = ssa_slot_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL,
                         G_TYPE_OBJECT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_slot_init (SsaSlot *self)
{
}

SsaSlot *
ssa_slot_new (GObject *item)
{
  return g_object_new (SSA_TYPE_SLOT, "item", item, NULL);
}

/* Returns: (transfer none) (nullable): the item in the slot */
GObject *
ssa_slot_get_item (SsaSlot *self)
{
  g_return_val_if_fail (SSA_IS_SLOT (self), NULL);

  return self->item;
}

/**
 * ssa_slot_set_item:
 * @self: a slot
 * @item: (nullable): the item now in the slot
 *
 * The previous item is released only after "notify::item" has run, so that a handler can
 * still disconnect from it.
 */
void
ssa_slot_set_item (SsaSlot *self,
                   GObject *item)
{
  g_autoptr(GObject) old = NULL;

  g_return_if_fail (SSA_IS_SLOT (self));
  g_return_if_fail (item == NULL || G_IS_OBJECT (item));

  if (self->item == item)
    return;

  old = g_steal_pointer (&self->item);
  self->item = item != NULL ? g_object_ref (item) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
