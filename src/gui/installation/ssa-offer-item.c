/* ssa-offer-item.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ssa-offer-item.h"

struct _SsaOfferItem
{
  GObject   parent_instance;

  char     *number;
  gint64    installation_id;
  char     *installation;
  char     *customer;
  guint     created_key;
  char     *created_text;
  guint     valid_until_key;
  char     *valid_until_text;
  char     *status;
  char     *status_label;
  gint64    total;
  char     *total_text;
};

G_DEFINE_FINAL_TYPE (SsaOfferItem, ssa_offer_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_INSTALLATION_ID,
  PROP_INSTALLATION,
  PROP_CUSTOMER,
  PROP_CREATED_KEY,
  PROP_CREATED_TEXT,
  PROP_VALID_UNTIL_KEY,
  PROP_VALID_UNTIL_TEXT,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  PROP_TOTAL,
  PROP_TOTAL_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ssa_offer_item_finalize (GObject *object)
{
  SsaOfferItem *self = (SsaOfferItem *)object;

  g_free (self->number);
  g_free (self->installation);
  g_free (self->customer);
  g_free (self->created_text);
  g_free (self->valid_until_text);
  g_free (self->status);
  g_free (self->status_label);
  g_free (self->total_text);

  G_OBJECT_CLASS (ssa_offer_item_parent_class)->finalize (object);
}

static void
ssa_offer_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SsaOfferItem *self = SSA_OFFER_ITEM (object);

  switch (prop_id)
    {
    case PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;

    case PROP_INSTALLATION_ID:
      g_value_set_int64 (value, self->installation_id);
      break;

    case PROP_INSTALLATION:
      g_value_set_string (value, self->installation);
      break;

    case PROP_CUSTOMER:
      g_value_set_string (value, self->customer);
      break;

    case PROP_CREATED_KEY:
      g_value_set_uint (value, self->created_key);
      break;

    case PROP_CREATED_TEXT:
      g_value_set_string (value, self->created_text);
      break;

    case PROP_VALID_UNTIL_KEY:
      g_value_set_uint (value, self->valid_until_key);
      break;

    case PROP_VALID_UNTIL_TEXT:
      g_value_set_string (value, self->valid_until_text);
      break;

    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;

    case PROP_STATUS_LABEL:
      g_value_set_string (value, self->status_label);
      break;

    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;

    case PROP_TOTAL_TEXT:
      g_value_set_string (value, self->total_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_offer_item_class_init (SsaOfferItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ssa_offer_item_finalize;
  object_class->get_property = ssa_offer_item_get_property;

  properties[PROP_NUMBER] =
    g_param_spec_string ("number", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_INSTALLATION_ID] =
    g_param_spec_int64 ("installation-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_INSTALLATION] =
    g_param_spec_string ("installation", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CUSTOMER] =
    g_param_spec_string ("customer", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CREATED_KEY] =
    g_param_spec_uint ("created-key", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CREATED_TEXT] =
    g_param_spec_string ("created-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_VALID_UNTIL_KEY] =
    g_param_spec_uint ("valid-until-key", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_VALID_UNTIL_TEXT] =
    g_param_spec_string ("valid-until-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATUS_LABEL] =
    g_param_spec_string ("status-label", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOTAL_TEXT] =
    g_param_spec_string ("total-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_offer_item_init (SsaOfferItem *self)
{
}

SsaOfferItem *
ssa_offer_item_new (const char  *number,
                    gint64       installation_id,
                    const char  *installation,
                    const char  *customer,
                    guint        created_key,
                    const char  *created_text,
                    guint        valid_until_key,
                    const char  *valid_until_text,
                    const char  *status,
                    const char  *status_label,
                    gint64       total,
                    const char  *total_text)
{
  SsaOfferItem *self = g_object_new (SSA_TYPE_OFFER_ITEM, NULL);

  self->number = g_strdup (number);
  self->installation_id = installation_id;
  self->installation = g_strdup (installation);
  self->customer = g_strdup (customer);
  self->created_key = created_key;
  self->created_text = g_strdup (created_text);
  self->valid_until_key = valid_until_key;
  self->valid_until_text = g_strdup (valid_until_text);
  self->status = g_strdup (status);
  self->status_label = g_strdup (status_label);
  self->total = total;
  self->total_text = g_strdup (total_text);

  return self;
}

const char *
ssa_offer_item_get_number (SsaOfferItem *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ITEM (self), NULL);

  return self->number;
}

gint64
ssa_offer_item_get_installation_id (SsaOfferItem *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ITEM (self), 0);

  return self->installation_id;
}

const char *
ssa_offer_item_get_installation (SsaOfferItem *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ITEM (self), NULL);

  return self->installation;
}

const char *
ssa_offer_item_get_customer (SsaOfferItem *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ITEM (self), NULL);

  return self->customer;
}

guint
ssa_offer_item_get_created_key (SsaOfferItem *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ITEM (self), 0);

  return self->created_key;
}

const char *
ssa_offer_item_get_created_text (SsaOfferItem *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ITEM (self), NULL);

  return self->created_text;
}

guint
ssa_offer_item_get_valid_until_key (SsaOfferItem *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ITEM (self), 0);

  return self->valid_until_key;
}

const char *
ssa_offer_item_get_valid_until_text (SsaOfferItem *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ITEM (self), NULL);

  return self->valid_until_text;
}

const char *
ssa_offer_item_get_status (SsaOfferItem *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ITEM (self), NULL);

  return self->status;
}

const char *
ssa_offer_item_get_status_label (SsaOfferItem *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ITEM (self), NULL);

  return self->status_label;
}

gint64
ssa_offer_item_get_total (SsaOfferItem *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ITEM (self), 0);

  return self->total;
}

const char *
ssa_offer_item_get_total_text (SsaOfferItem *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ITEM (self), NULL);

  return self->total_text;
}
