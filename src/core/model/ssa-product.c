/* ssa-product.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ssa-product.h"
#include "ssa-object-private.h"

/* One product of a price list, as the window lists it. Amounts are hundredths: list-price of
 * the currency, ssc-per-year of an SSC. */

struct _SsaProduct
{
  GObject  parent_instance;

  char    *code;
  char    *name;
  SsaKind  kind;
  gint64   list_price;
  gint64   ssc_per_year;
};

G_DEFINE_FINAL_TYPE (SsaProduct, ssa_product, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_KIND,
  PROP_LIST_PRICE,
  PROP_SSC_PER_YEAR,
  PROP_COVERED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (SsaProduct  *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  if (ssa_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
ssa_product_finalize (GObject *object)
{
  SsaProduct *self = (SsaProduct *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (ssa_product_parent_class)->finalize (object);
}

static void
ssa_product_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SsaProduct *self = SSA_PRODUCT (object);

  switch (prop_id)
    {
    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_LIST_PRICE:
      g_value_set_int64 (value, self->list_price);
      break;

    case PROP_SSC_PER_YEAR:
      g_value_set_int64 (value, self->ssc_per_year);
      break;

    case PROP_COVERED:
      g_value_set_boolean (value, ssa_product_get_covered (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_product_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SsaProduct *self = SSA_PRODUCT (object);

  switch (prop_id)
    {
    case PROP_CODE:
      ssa_product_set_code (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      ssa_product_set_name (self, g_value_get_string (value));
      break;

    case PROP_KIND:
      ssa_product_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_LIST_PRICE:
      ssa_product_set_list_price (self, g_value_get_int64 (value));
      break;

    case PROP_SSC_PER_YEAR:
      ssa_product_set_ssc_per_year (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_product_class_init (SsaProductClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ssa_product_finalize;
  object_class->get_property = ssa_product_get_property;
  object_class->set_property = ssa_product_set_property;

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       SSA_TYPE_KIND,
                       SSA_KIND_SWITCHBOARD,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Hundredths of the price list's currency. */
  properties[PROP_LIST_PRICE] =
    g_param_spec_int64 ("list-price", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Hundredths of an SSC. */
  properties[PROP_SSC_PER_YEAR] =
    g_param_spec_int64 ("ssc-per-year", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether the SSA covers the product's kind; notified when a new kind changes it. */
  properties[PROP_COVERED] =
    g_param_spec_boolean ("covered", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_product_init (SsaProduct *self)
{
  self->kind = SSA_KIND_SWITCHBOARD;
}

SsaProduct *
ssa_product_new (void)
{
  return g_object_new (SSA_TYPE_PRODUCT, NULL);
}

/**
 * ssa_product_new_from_price_list_product:
 * @product: a product of a price list
 *
 * Returns: (transfer full): a new product with @product's code, name, kind, list price and
 *   SSC per year (given by the list or derived by the rules); it keeps no pointer to @product.
 */
SsaProduct *
ssa_product_new_from_price_list_product (const SsaPriceListProduct *product)
{
  g_return_val_if_fail (product != NULL, NULL);
  g_return_val_if_fail ((guint)product->kind < SSA_N_KINDS, NULL);
  g_return_val_if_fail (product->list_price >= 0, NULL);
  g_return_val_if_fail (product->ssc_per_year >= 0, NULL);

  return g_object_new (SSA_TYPE_PRODUCT,
                       "code", product->code,
                       "name", product->name,
                       "kind", product->kind,
                       "list-price", product->list_price,
                       "ssc-per-year", product->ssc_per_year,
                       NULL);
}

const char *
ssa_product_get_code (SsaProduct *self)
{
  g_return_val_if_fail (SSA_IS_PRODUCT (self), NULL);

  return self->code;
}

void
ssa_product_set_code (SsaProduct *self,
                      const char *code)
{
  g_return_if_fail (SSA_IS_PRODUCT (self));

  set_string (self, &self->code, code, PROP_CODE);
}

const char *
ssa_product_get_name (SsaProduct *self)
{
  g_return_val_if_fail (SSA_IS_PRODUCT (self), NULL);

  return self->name;
}

void
ssa_product_set_name (SsaProduct *self,
                      const char *name)
{
  g_return_if_fail (SSA_IS_PRODUCT (self));

  set_string (self, &self->name, name, PROP_NAME);
}

SsaKind
ssa_product_get_kind (SsaProduct *self)
{
  g_return_val_if_fail (SSA_IS_PRODUCT (self), SSA_KIND_SWITCHBOARD);

  return self->kind;
}

void
ssa_product_set_kind (SsaProduct *self,
                      SsaKind     kind)
{
  gboolean was_covered;

  g_return_if_fail (SSA_IS_PRODUCT (self));
  g_return_if_fail ((guint)kind < SSA_N_KINDS);

  if (self->kind == kind)
    return;

  was_covered = ssa_product_get_covered (self);
  self->kind = kind;

  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
  if (ssa_product_get_covered (self) != was_covered)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COVERED]);
  g_object_thaw_notify (G_OBJECT (self));
}

gint64
ssa_product_get_list_price (SsaProduct *self)
{
  g_return_val_if_fail (SSA_IS_PRODUCT (self), 0);

  return self->list_price;
}

void
ssa_product_set_list_price (SsaProduct *self,
                            gint64      list_price)
{
  g_return_if_fail (SSA_IS_PRODUCT (self));
  g_return_if_fail (list_price >= 0);

  if (self->list_price == list_price)
    return;

  self->list_price = list_price;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIST_PRICE]);
}

gint64
ssa_product_get_ssc_per_year (SsaProduct *self)
{
  g_return_val_if_fail (SSA_IS_PRODUCT (self), 0);

  return self->ssc_per_year;
}

void
ssa_product_set_ssc_per_year (SsaProduct *self,
                              gint64      ssc_per_year)
{
  g_return_if_fail (SSA_IS_PRODUCT (self));
  g_return_if_fail (ssc_per_year >= 0);

  if (self->ssc_per_year == ssc_per_year)
    return;

  self->ssc_per_year = ssc_per_year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SSC_PER_YEAR]);
}

gboolean
ssa_product_get_covered (SsaProduct *self)
{
  g_return_val_if_fail (SSA_IS_PRODUCT (self), FALSE);

  return ssa_kind_is_covered (self->kind);
}
