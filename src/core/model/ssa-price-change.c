/* ssa-price-change.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-enums.h"
#include "ssa-kind.h"
#include "ssa-price-change.h"

/* One row of "what changed" between two price lists, as the window lists it. Read-only:
 * the texts are formatted once, in the language asked for, and the raw values stay
 * available for sorting. */

struct _SsaPriceChange
{
  GObject             parent_instance;

  SsaPriceChangeKind  kind;
  char               *code;
  char               *name;
  gboolean            has_old;
  gboolean            has_new;
  gint64              old_value;
  gint64              new_value;
  char               *old_text;
  char               *new_text;
};

G_DEFINE_FINAL_TYPE (SsaPriceChange, ssa_price_change, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (SsaPriceChangeKind, ssa_price_change_kind,
  G_DEFINE_ENUM_VALUE (SSA_PRICE_CHANGE_SSC_PRICE, "ssc-price"),
  G_DEFINE_ENUM_VALUE (SSA_PRICE_CHANGE_ADDED, "added"),
  G_DEFINE_ENUM_VALUE (SSA_PRICE_CHANGE_REMOVED, "removed"),
  G_DEFINE_ENUM_VALUE (SSA_PRICE_CHANGE_LIST_PRICE, "list-price"),
  G_DEFINE_ENUM_VALUE (SSA_PRICE_CHANGE_SSC_PER_YEAR, "ssc-per-year"),
  G_DEFINE_ENUM_VALUE (SSA_PRICE_CHANGE_KIND, "kind"),
  G_DEFINE_ENUM_VALUE (SSA_PRICE_CHANGE_NAME, "name"))

enum {
  PROP_0,
  PROP_KIND,
  PROP_CODE,
  PROP_NAME,
  PROP_LABEL,
  PROP_HAS_OLD,
  PROP_HAS_NEW,
  PROP_OLD_VALUE,
  PROP_NEW_VALUE,
  PROP_OLD_TEXT,
  PROP_NEW_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_ssc (gint64  hundredths,
            SsaLang lang)
{
  g_autofree char *number = ssa_decimal_format (hundredths, lang);

  /* Translators: an amount of Software Service Credits, such as “6,75 SSC”. */
  return g_strdup_printf (_("%s SSC"), number);
}

static void
ssa_price_change_finalize (GObject *object)
{
  SsaPriceChange *self = (SsaPriceChange *) object;

  g_free (self->code);
  g_free (self->name);
  g_free (self->old_text);
  g_free (self->new_text);

  G_OBJECT_CLASS (ssa_price_change_parent_class)->finalize (object);
}

static void
ssa_price_change_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SsaPriceChange *self = SSA_PRICE_CHANGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_LABEL:
      g_value_set_string (value, ssa_price_change_kind_get_label (self->kind));
      break;

    case PROP_HAS_OLD:
      g_value_set_boolean (value, self->has_old);
      break;

    case PROP_HAS_NEW:
      g_value_set_boolean (value, self->has_new);
      break;

    case PROP_OLD_VALUE:
      g_value_set_int64 (value, self->old_value);
      break;

    case PROP_NEW_VALUE:
      g_value_set_int64 (value, self->new_value);
      break;

    case PROP_OLD_TEXT:
      g_value_set_string (value, self->old_text);
      break;

    case PROP_NEW_TEXT:
      g_value_set_string (value, self->new_text);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_price_change_class_init (SsaPriceChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ssa_price_change_finalize;
  object_class->get_property = ssa_price_change_get_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, SSA_TYPE_PRICE_CHANGE_KIND,
                       SSA_PRICE_CHANGE_SSC_PRICE, flags);
  properties[PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* What changed, in words: “Added”, “List price”, … */
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_HAS_OLD] = g_param_spec_boolean ("has-old", NULL, NULL, FALSE, flags);
  properties[PROP_HAS_NEW] = g_param_spec_boolean ("has-new", NULL, NULL, FALSE, flags);
  properties[PROP_OLD_VALUE] =
    g_param_spec_int64 ("old-value", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_NEW_VALUE] =
    g_param_spec_int64 ("new-value", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  /* The values as the window shows them: “450,00 kr”, “6,75 SSC”, a kind's label, a name;
   * empty when there is no old (added) or new (removed) value. */
  properties[PROP_OLD_TEXT] = g_param_spec_string ("old-text", NULL, NULL, NULL, flags);
  properties[PROP_NEW_TEXT] = g_param_spec_string ("new-text", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_price_change_init (SsaPriceChange *self)
{
}

/**
 * ssa_price_change_new:
 * @change: a change of an #SsaPriceListDiff
 * @old_currency: the older list's currency
 * @new_currency: the newer list's currency
 * @lang: the language of the texts
 *
 * Returns: (transfer full): a row for @change
 */
SsaPriceChange *
ssa_price_change_new (const SsaPriceListChange *change,
                      const char               *old_currency,
                      const char               *new_currency,
                      SsaLang                   lang)
{
  SsaPriceChange *self;

  g_return_val_if_fail (change != NULL, NULL);

  self = g_object_new (SSA_TYPE_PRICE_CHANGE, NULL);
  self->kind = change->kind;
  self->code = g_strdup (change->code);
  self->name = g_strdup (change->name);
  self->old_value = change->old_value;
  self->new_value = change->new_value;
  self->has_old = change->kind != SSA_PRICE_CHANGE_ADDED;
  self->has_new = change->kind != SSA_PRICE_CHANGE_REMOVED;

  switch (change->kind)
    {
    case SSA_PRICE_CHANGE_SSC_PRICE:
    case SSA_PRICE_CHANGE_LIST_PRICE:
      self->old_text = ssa_money_format (change->old_value, old_currency, lang);
      self->new_text = ssa_money_format (change->new_value, new_currency, lang);
      break;

    case SSA_PRICE_CHANGE_ADDED:
      self->old_text = g_strdup ("");
      self->new_text = ssa_money_format (change->new_value, new_currency, lang);
      break;

    case SSA_PRICE_CHANGE_REMOVED:
      self->old_text = ssa_money_format (change->old_value, old_currency, lang);
      self->new_text = g_strdup ("");
      break;

    case SSA_PRICE_CHANGE_SSC_PER_YEAR:
      self->old_text = format_ssc (change->old_value, lang);
      self->new_text = format_ssc (change->new_value, lang);
      break;

    case SSA_PRICE_CHANGE_KIND:
      self->old_text = g_strdup (ssa_kind_get_label ((SsaKind) change->old_value));
      self->new_text = g_strdup (ssa_kind_get_label ((SsaKind) change->new_value));
      break;

    case SSA_PRICE_CHANGE_NAME:
    default:
      self->old_text = g_strdup (change->old_text != NULL ? change->old_text : "");
      self->new_text = g_strdup (change->new_text != NULL ? change->new_text : "");
      break;
    }

  return self;
}

/**
 * ssa_price_change_kind_get_label:
 * @kind: a kind of change
 *
 * Returns: (transfer none): what changed, in words, translated
 */
const char *
ssa_price_change_kind_get_label (SsaPriceChangeKind kind)
{
  switch (kind)
    {
    case SSA_PRICE_CHANGE_SSC_PRICE:
      return _("Price of 1 SSC");
    case SSA_PRICE_CHANGE_ADDED:
      return _("Added");
    case SSA_PRICE_CHANGE_REMOVED:
      return _("Removed");
    case SSA_PRICE_CHANGE_LIST_PRICE:
      return _("List price");
    case SSA_PRICE_CHANGE_SSC_PER_YEAR:
      return _("SSC per year");
    case SSA_PRICE_CHANGE_KIND:
      return _("Kind");
    case SSA_PRICE_CHANGE_NAME:
      return _("Name");
    default:
      g_return_val_if_reached ("");
    }
}

SsaPriceChangeKind
ssa_price_change_get_kind (SsaPriceChange *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_CHANGE (self), SSA_PRICE_CHANGE_SSC_PRICE);
  return self->kind;
}

const char *
ssa_price_change_get_code (SsaPriceChange *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_CHANGE (self), NULL);
  return self->code;
}

const char *
ssa_price_change_get_name (SsaPriceChange *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_CHANGE (self), NULL);
  return self->name;
}

const char *
ssa_price_change_get_label (SsaPriceChange *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_CHANGE (self), NULL);
  return ssa_price_change_kind_get_label (self->kind);
}

gboolean
ssa_price_change_get_has_old (SsaPriceChange *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_CHANGE (self), FALSE);
  return self->has_old;
}

gboolean
ssa_price_change_get_has_new (SsaPriceChange *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_CHANGE (self), FALSE);
  return self->has_new;
}

gint64
ssa_price_change_get_old_value (SsaPriceChange *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_CHANGE (self), 0);
  return self->old_value;
}

gint64
ssa_price_change_get_new_value (SsaPriceChange *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_CHANGE (self), 0);
  return self->new_value;
}

const char *
ssa_price_change_get_old_text (SsaPriceChange *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_CHANGE (self), NULL);
  return self->old_text;
}

const char *
ssa_price_change_get_new_text (SsaPriceChange *self)
{
  g_return_val_if_fail (SSA_IS_PRICE_CHANGE (self), NULL);
  return self->new_text;
}
