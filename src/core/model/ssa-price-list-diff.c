/* ssa-price-list-diff.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ssa-price-change.h"
#include "ssa-price-list-diff.h"

static void
change_clear (SsaPriceListChange *change)
{
  g_clear_pointer (&change->code, g_free);
  g_clear_pointer (&change->name, g_free);
  g_clear_pointer (&change->old_text, g_free);
  g_clear_pointer (&change->new_text, g_free);
}

static void
add_change (SsaPriceListDiff   *diff,
            SsaPriceChangeKind  kind,
            const char         *code,
            const char         *name,
            gint64              old_value,
            gint64              new_value)
{
  SsaPriceListChange change = {
    .kind = kind,
    .code = g_strdup (code),
    .name = g_strdup (name),
    .old_value = old_value,
    .new_value = new_value,
  };

  g_array_append_val (diff->changes, change);
}

/**
 * ssa_price_list_diff_new:
 * @old_list: the older price list
 * @new_list: the newer price list
 *
 * Compares two price lists. Products are matched by code.
 *
 * Returns: (transfer full): the changes from @old_list to @new_list
 */
SsaPriceListDiff *
ssa_price_list_diff_new (const SsaPriceList *old_list,
                         const SsaPriceList *new_list)
{
  SsaPriceListDiff *diff;
  guint i;

  g_return_val_if_fail (old_list != NULL, NULL);
  g_return_val_if_fail (new_list != NULL, NULL);

  diff = g_new0 (SsaPriceListDiff, 1);
  diff->old_id = g_strdup (old_list->id);
  diff->new_id = g_strdup (new_list->id);
  diff->old_currency = g_strdup (old_list->currency);
  diff->new_currency = g_strdup (new_list->currency);
  diff->changes = g_array_new (FALSE, TRUE, sizeof (SsaPriceListChange));
  g_array_set_clear_func (diff->changes, (GDestroyNotify) change_clear);

  if (old_list->ssc_price != new_list->ssc_price)
    add_change (diff, SSA_PRICE_CHANGE_SSC_PRICE, NULL, NULL, old_list->ssc_price,
                new_list->ssc_price);

  for (i = 0; i < new_list->products->len; i++)
    {
      const SsaPriceListProduct *product = g_ptr_array_index (new_list->products, i);
      const SsaPriceListProduct *old = ssa_price_list_lookup (old_list, product->code);
      guint n_before = diff->changes->len;

      if (old == NULL)
        {
          add_change (diff, SSA_PRICE_CHANGE_ADDED, product->code, product->name, 0,
                      product->list_price);
          diff->n_added++;
          continue;
        }

      if (old->list_price != product->list_price)
        add_change (diff, SSA_PRICE_CHANGE_LIST_PRICE, product->code, product->name,
                    old->list_price, product->list_price);
      if (old->ssc_per_year != product->ssc_per_year)
        add_change (diff, SSA_PRICE_CHANGE_SSC_PER_YEAR, product->code, product->name,
                    old->ssc_per_year, product->ssc_per_year);
      if (old->kind != product->kind)
        add_change (diff, SSA_PRICE_CHANGE_KIND, product->code, product->name, old->kind,
                    product->kind);
      if (g_strcmp0 (old->name, product->name) != 0)
        {
          SsaPriceListChange *change;

          add_change (diff, SSA_PRICE_CHANGE_NAME, product->code, product->name, 0, 0);
          change = &g_array_index (diff->changes, SsaPriceListChange, diff->changes->len - 1);
          change->old_text = g_strdup (old->name);
          change->new_text = g_strdup (product->name);
        }

      if (diff->changes->len > n_before)
        diff->n_changed++;
    }

  for (i = 0; i < old_list->products->len; i++)
    {
      const SsaPriceListProduct *old = g_ptr_array_index (old_list->products, i);

      if (ssa_price_list_lookup (new_list, old->code) == NULL)
        {
          add_change (diff, SSA_PRICE_CHANGE_REMOVED, old->code, old->name, old->list_price,
                      0);
          diff->n_removed++;
        }
    }

  return diff;
}

void
ssa_price_list_diff_free (SsaPriceListDiff *diff)
{
  if (diff == NULL)
    return;

  g_free (diff->old_id);
  g_free (diff->new_id);
  g_free (diff->old_currency);
  g_free (diff->new_currency);
  g_array_unref (diff->changes);
  g_free (diff);
}

/**
 * ssa_price_list_diff_list_changes:
 * @diff: the changes
 * @lang: the language of the texts (amounts, kinds)
 *
 * Returns: (transfer full): a #GListModel of #SsaPriceChange, one for each change, in the
 *   order of @diff
 */
GListModel *
ssa_price_list_diff_list_changes (const SsaPriceListDiff *diff,
                                  SsaLang                 lang)
{
  GListStore *store;
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (diff != NULL, NULL);

  store = g_list_store_new (SSA_TYPE_PRICE_CHANGE);
  items = g_ptr_array_new_full (diff->changes->len, g_object_unref);
  for (guint i = 0; i < diff->changes->len; i++)
    g_ptr_array_add (items, ssa_price_change_new (&g_array_index (diff->changes,
                                                                  SsaPriceListChange, i),
                                                  diff->old_currency, diff->new_currency,
                                                  lang));
  /* One splice: a bound view updates once. */
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (store);
}
