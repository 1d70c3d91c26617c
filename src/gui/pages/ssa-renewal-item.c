/* ssa-renewal-item.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ssa-renewal-item.h"

struct _SsaRenewalItem
{
  GObject   parent_instance;

  gint64    installation_id;
  char     *name;
  char     *customer;
  guint     expiry_key;
  char     *expiry_text;
  int       days;
  char     *days_text;
  gboolean  has_value;
  gint64    value;
  char     *value_text;
  char     *value_error;
  char     *open_offer;      /* the installation's open offer's number, or NULL */
  char     *open_offer_text; /* "2026-0003 (Sent)", or "" */
};

G_DEFINE_FINAL_TYPE (SsaRenewalItem, ssa_renewal_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INSTALLATION_ID,
  PROP_NAME,
  PROP_CUSTOMER,
  PROP_EXPIRY_KEY,
  PROP_EXPIRY_TEXT,
  PROP_DAYS,
  PROP_DAYS_TEXT,
  PROP_HAS_VALUE,
  PROP_VALUE,
  PROP_VALUE_TEXT,
  PROP_VALUE_ERROR,
  PROP_OPEN_OFFER,
  PROP_OPEN_OFFER_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ssa_renewal_item_finalize (GObject *object)
{
  SsaRenewalItem *self = (SsaRenewalItem *)object;

  g_free (self->name);
  g_free (self->customer);
  g_free (self->expiry_text);
  g_free (self->days_text);
  g_free (self->value_text);
  g_free (self->value_error);
  g_free (self->open_offer);
  g_free (self->open_offer_text);

  G_OBJECT_CLASS (ssa_renewal_item_parent_class)->finalize (object);
}

static void
ssa_renewal_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SsaRenewalItem *self = SSA_RENEWAL_ITEM (object);

  switch (prop_id)
    {
    case PROP_INSTALLATION_ID:
      g_value_set_int64 (value, self->installation_id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_CUSTOMER:
      g_value_set_string (value, self->customer);
      break;

    case PROP_EXPIRY_KEY:
      g_value_set_uint (value, self->expiry_key);
      break;

    case PROP_EXPIRY_TEXT:
      g_value_set_string (value, self->expiry_text);
      break;

    case PROP_DAYS:
      g_value_set_int (value, self->days);
      break;

    case PROP_DAYS_TEXT:
      g_value_set_string (value, self->days_text);
      break;

    case PROP_HAS_VALUE:
      g_value_set_boolean (value, self->has_value);
      break;

    case PROP_VALUE:
      g_value_set_int64 (value, self->value);
      break;

    case PROP_VALUE_TEXT:
      g_value_set_string (value, self->value_text);
      break;

    case PROP_VALUE_ERROR:
      g_value_set_string (value, self->value_error);
      break;

    case PROP_OPEN_OFFER:
      g_value_set_string (value, self->open_offer);
      break;

    case PROP_OPEN_OFFER_TEXT:
      g_value_set_string (value, self->open_offer_text != NULL ? self->open_offer_text : "");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_renewal_item_class_init (SsaRenewalItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ssa_renewal_item_finalize;
  object_class->get_property = ssa_renewal_item_get_property;

  properties[PROP_INSTALLATION_ID] =
    g_param_spec_int64 ("installation-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_CUSTOMER] =
    g_param_spec_string ("customer", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_EXPIRY_KEY] =
    g_param_spec_uint ("expiry-key", NULL, NULL, 0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_EXPIRY_TEXT] =
    g_param_spec_string ("expiry-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DAYS] =
    g_param_spec_int ("days", NULL, NULL, G_MININT, G_MAXINT, 0,
                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DAYS_TEXT] =
    g_param_spec_string ("days-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_HAS_VALUE] =
    g_param_spec_boolean ("has-value", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_VALUE] =
    g_param_spec_int64 ("value", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_VALUE_TEXT] =
    g_param_spec_string ("value-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_VALUE_ERROR] =
    g_param_spec_string ("value-error", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /* The installation's offer still waiting for an answer: the renewal batch skips it. */
  properties[PROP_OPEN_OFFER] =
    g_param_spec_string ("open-offer", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_OPEN_OFFER_TEXT] =
    g_param_spec_string ("open-offer-text", NULL, NULL, "",
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_renewal_item_init (SsaRenewalItem *self)
{
}

SsaRenewalItem *
ssa_renewal_item_new (gint64       installation_id,
                      const char  *name,
                      const char  *customer,
                      guint        expiry_key,
                      const char  *expiry_text,
                      int          days,
                      const char  *days_text,
                      gboolean     has_value,
                      gint64       value,
                      const char  *value_text,
                      const char  *value_error)
{
  SsaRenewalItem *self = g_object_new (SSA_TYPE_RENEWAL_ITEM, NULL);

  self->installation_id = installation_id;
  self->name = g_strdup (name);
  self->customer = g_strdup (customer);
  self->expiry_key = expiry_key;
  self->expiry_text = g_strdup (expiry_text);
  self->days = days;
  self->days_text = g_strdup (days_text);
  self->has_value = has_value;
  self->value = value;
  self->value_text = g_strdup (value_text);
  self->value_error = g_strdup (value_error);

  return self;
}

gint64
ssa_renewal_item_get_installation_id (SsaRenewalItem *self)
{
  g_return_val_if_fail (SSA_IS_RENEWAL_ITEM (self), 0);

  return self->installation_id;
}

const char *
ssa_renewal_item_get_name (SsaRenewalItem *self)
{
  g_return_val_if_fail (SSA_IS_RENEWAL_ITEM (self), NULL);

  return self->name;
}

const char *
ssa_renewal_item_get_customer (SsaRenewalItem *self)
{
  g_return_val_if_fail (SSA_IS_RENEWAL_ITEM (self), NULL);

  return self->customer;
}

guint
ssa_renewal_item_get_expiry_key (SsaRenewalItem *self)
{
  g_return_val_if_fail (SSA_IS_RENEWAL_ITEM (self), 0);

  return self->expiry_key;
}

const char *
ssa_renewal_item_get_expiry_text (SsaRenewalItem *self)
{
  g_return_val_if_fail (SSA_IS_RENEWAL_ITEM (self), NULL);

  return self->expiry_text;
}

int
ssa_renewal_item_get_days (SsaRenewalItem *self)
{
  g_return_val_if_fail (SSA_IS_RENEWAL_ITEM (self), 0);

  return self->days;
}

const char *
ssa_renewal_item_get_days_text (SsaRenewalItem *self)
{
  g_return_val_if_fail (SSA_IS_RENEWAL_ITEM (self), NULL);

  return self->days_text;
}

gboolean
ssa_renewal_item_get_has_value (SsaRenewalItem *self)
{
  g_return_val_if_fail (SSA_IS_RENEWAL_ITEM (self), FALSE);

  return self->has_value;
}

gint64
ssa_renewal_item_get_value (SsaRenewalItem *self)
{
  g_return_val_if_fail (SSA_IS_RENEWAL_ITEM (self), 0);

  return self->value;
}

const char *
ssa_renewal_item_get_value_text (SsaRenewalItem *self)
{
  g_return_val_if_fail (SSA_IS_RENEWAL_ITEM (self), NULL);

  return self->value_text;
}

const char *
ssa_renewal_item_get_value_error (SsaRenewalItem *self)
{
  g_return_val_if_fail (SSA_IS_RENEWAL_ITEM (self), NULL);

  return self->value_error;
}

/**
 * ssa_renewal_item_set_open_offer:
 * @number: (nullable): the number of the installation's open offer
 * @text: (nullable): how the page shows it, such as "2026-0003 (Sent)"
 *
 * Sets the open offer of a row while it is made, before it is shown.
 */
void
ssa_renewal_item_set_open_offer (SsaRenewalItem *self,
                                 const char     *number,
                                 const char     *text)
{
  g_return_if_fail (SSA_IS_RENEWAL_ITEM (self));

  g_free (self->open_offer);
  self->open_offer = g_strdup (number);
  g_free (self->open_offer_text);
  self->open_offer_text = g_strdup (text);
}

const char *
ssa_renewal_item_get_open_offer (SsaRenewalItem *self)
{
  g_return_val_if_fail (SSA_IS_RENEWAL_ITEM (self), NULL);

  return self->open_offer;
}
