/* ssa-price-list-item.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ssa-price-list-item.h"

struct _SsaPriceListItem
{
  GObject   parent_instance;

  gint64    row_id;
  char     *list_id;
  char     *imported_text;
  char     *source_text;
  gboolean  is_current;
};

G_DEFINE_FINAL_TYPE (SsaPriceListItem, ssa_price_list_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROW_ID,
  PROP_LIST_ID,
  PROP_IMPORTED_TEXT,
  PROP_SOURCE_TEXT,
  PROP_IS_CURRENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ssa_price_list_item_finalize (GObject *object)
{
  SsaPriceListItem *self = (SsaPriceListItem *)object;

  g_free (self->list_id);
  g_free (self->imported_text);
  g_free (self->source_text);

  G_OBJECT_CLASS (ssa_price_list_item_parent_class)->finalize (object);
}

static void
ssa_price_list_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  SsaPriceListItem *self = SSA_PRICE_LIST_ITEM (object);

  switch (prop_id)
    {
    case PROP_ROW_ID:
      g_value_set_int64 (value, self->row_id);
      break;

    case PROP_LIST_ID:
      g_value_set_string (value, self->list_id);
      break;

    case PROP_IMPORTED_TEXT:
      g_value_set_string (value, self->imported_text);
      break;

    case PROP_SOURCE_TEXT:
      g_value_set_string (value, self->source_text);
      break;

    case PROP_IS_CURRENT:
      g_value_set_boolean (value, self->is_current);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_price_list_item_class_init (SsaPriceListItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ssa_price_list_item_finalize;
  object_class->get_property = ssa_price_list_item_get_property;

  properties[PROP_ROW_ID] =
    g_param_spec_int64 ("row-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_LIST_ID] =
    g_param_spec_string ("list-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_IMPORTED_TEXT] =
    g_param_spec_string ("imported-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SOURCE_TEXT] =
    g_param_spec_string ("source-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_IS_CURRENT] =
    g_param_spec_boolean ("is-current", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_price_list_item_init (SsaPriceListItem *self)
{
}

SsaPriceListItem *
ssa_price_list_item_new (gint64       row_id,
                         const char  *list_id,
                         const char  *imported_text,
                         const char  *source_text,
                         gboolean     is_current)
{
  SsaPriceListItem *self = g_object_new (SSA_TYPE_PRICE_LIST_ITEM, NULL);

  self->row_id = row_id;
  self->list_id = g_strdup (list_id);
  self->imported_text = g_strdup (imported_text);
  self->source_text = g_strdup (source_text);
  self->is_current = is_current;

  return self;
}

gint64
ssa_price_list_item_get_row_id (SsaPriceListItem *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_LIST_ITEM (self), 0);

  return self->row_id;
}

const char *
ssa_price_list_item_get_list_id (SsaPriceListItem *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_LIST_ITEM (self), NULL);

  return self->list_id;
}

const char *
ssa_price_list_item_get_imported_text (SsaPriceListItem *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_LIST_ITEM (self), NULL);

  return self->imported_text;
}

const char *
ssa_price_list_item_get_source_text (SsaPriceListItem *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_LIST_ITEM (self), NULL);

  return self->source_text;
}

gboolean
ssa_price_list_item_get_is_current (SsaPriceListItem *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_LIST_ITEM (self), FALSE);

  return self->is_current;
}
