/* ssa-offer-reader.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-error.h"
#include "ssa-json-guard.h"
#include "ssa-json-guard-private.h"
#include "ssa-offer-private.h"
#include "ssa-offer-reader.h"

/* Reads back what ssa_offer_to_json() writes, so that a stored offer (the database keeps
 * each offer's document as its snapshot) can be shown and exported again without the price
 * list and inventory it was computed from. The inputs of the computation come from the
 * document's "terms"; each line's inventory_index is restored from the order of the lines
 * (a line's back-payment comes right before its regular segment). */

static gboolean
segment_from_string (const char *text,
                     SsaSegment *out)
{
  static const SsaSegment segments[] = {
    SSA_SEGMENT_REGULAR, SSA_SEGMENT_BACKPAY, SSA_SEGMENT_COVERED, SSA_SEGMENT_EXCLUDED,
    SSA_SEGMENT_LICENCE
  };

  for (guint i = 0; i < G_N_ELEMENTS (segments); i++)
    if (g_strcmp0 (text, ssa_segment_to_string (segments[i])) == 0)
      {
        *out = segments[i];
        return TRUE;
      }
  return FALSE;
}

static gboolean
warning_from_string (const char     *text,
                     SsaWarningCode *out)
{
  static const SsaWarningCode codes[] = {
    SSA_WARNING_VERSION_UNSUPPORTED, SSA_WARNING_VERSION_TOO_OLD,
    SSA_WARNING_VERSION_UNKNOWN, SSA_WARNING_BACKPAY
  };

  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_strcmp0 (text, ssa_warning_code_to_string (codes[i])) == 0)
      {
        *out = codes[i];
        return TRUE;
      }
  return FALSE;
}

static void
read_line (SsaOffer           *self,
           const SsaJsonScope *scope,
           guint              *inventory_index)
{
  SsaOfferLine line = { NULL, };
  g_autofree char *code = NULL;
  g_autofree char *name = NULL;
  g_autofree char *segment = NULL;
  g_autofree char *group = NULL;
  gint64 months = 0;

  g_date_clear (&line.start, 1);
  g_date_clear (&line.end, 1);

  ssa_json_scope_get_text (scope, "code", SSA_JSON_REQUIRED | SSA_JSON_NON_EMPTY, 0, &code);
  ssa_json_scope_get_text (scope, "name", SSA_JSON_REQUIRED, 0, &name);
  ssa_json_scope_get_kind (scope, "kind", SSA_JSON_REQUIRED, &line.kind);
  ssa_json_scope_get_int (scope, "quantity", SSA_JSON_REQUIRED, 1, SSA_INVENTORY_MAX_QUANTITY,
                          _("must be a whole number from 1 to 1 000 000"), &line.quantity);
  if (ssa_json_scope_get_text (scope, "segment", SSA_JSON_REQUIRED, 0, &segment) &&
      !segment_from_string (segment, &line.segment))
    ssa_json_scope_problem (scope, "segment",
                            _("must be one of regular, backpay, covered, excluded, "
                              "licence"));
  if (line.segment == SSA_SEGMENT_REGULAR || line.segment == SSA_SEGMENT_BACKPAY)
    {
      ssa_json_scope_get_date (scope, "start", SSA_JSON_REQUIRED, &line.start);
      ssa_json_scope_get_date (scope, "end", SSA_JSON_REQUIRED, &line.end);
    }
  /* A back-payment can reach far beyond SSA_OFFER_MAX_MONTHS, back to an SSA that ended
   * long ago: any number of months between two days of the calendar is read back. */
  ssa_json_scope_get_int (scope, "months", SSA_JSON_REQUIRED, 0, 12 * 10000,
                          _("must be a whole number of months"), &months);
  line.months = (int) months;
  ssa_json_scope_get_decimal (scope, "ssc", SSA_JSON_REQUIRED, &line.ssc);
  ssa_json_scope_get_decimal (scope, "amount", SSA_JSON_REQUIRED, &line.amount);
  ssa_json_scope_get_decimal (scope, "ssc_per_year", SSA_JSON_OPTIONAL, &line.ssc_per_year);
  /* Offers written before line groups have none: every line is the SSA's. */
  if (ssa_json_scope_get_text (scope, "group", SSA_JSON_OPTIONAL, 0, &group) && group != NULL)
    {
      if (g_str_equal (group, ssa_line_group_to_string (SSA_LINE_GROUP_TRUE_UP)))
        line.group = SSA_LINE_GROUP_TRUE_UP;
      else if (!g_str_equal (group, ssa_line_group_to_string (SSA_LINE_GROUP_SSA)))
        ssa_json_scope_problem (scope, "group", _("must be one of ssa, true_up"));
    }
  if (line.segment == SSA_SEGMENT_LICENCE)
    ssa_json_scope_get_decimal (scope, "unit_price", SSA_JSON_OPTIONAL, &line.unit_price);

  line.code = g_string_chunk_insert_const (self->strings, code != NULL ? code : "");
  line.name = g_string_chunk_insert_const (self->strings, name != NULL ? name : "");

  /* A line of the true-up group comes from no inventory line. A regular segment right
   * after the back-payment of the same line is that line's. */
  if (line.group == SSA_LINE_GROUP_TRUE_UP)
    {
      line.inventory_index = SSA_OFFER_NO_INVENTORY_LINE;
      self->group_totals[line.group] += line.amount;
      g_array_append_val (self->lines, line);
      return;
    }
  self->group_totals[line.group] += line.amount;
  if (self->lines->len > 0)
    {
      const SsaOfferLine *previous = &g_array_index (self->lines, SsaOfferLine,
                                                     self->lines->len - 1);

      if (!(line.segment == SSA_SEGMENT_REGULAR && previous->segment == SSA_SEGMENT_BACKPAY &&
            g_str_equal (previous->code, line.code) && previous->quantity == line.quantity))
        (*inventory_index)++;
    }
  line.inventory_index = *inventory_index;

  g_array_append_val (self->lines, line);
}

/* The path of @member in the computation at @path (NULL: the document's own). */
static char *
member_path (const char *path,
             const char *member)
{
  return path != NULL ? g_strconcat (path, ".", member, NULL) : g_strdup (member);
}

static void
read_totals (SsaOffer           *self,
             const SsaJsonScope *root,
             const char         *path)
{
  g_autofree char *prefix = member_path (path, "totals");
  SsaJsonScope scope = { root->problems, NULL, NULL, prefix };
  SsaOfferTotals *t = &self->totals;

  scope.object = ssa_json_scope_get_object (root, "totals", SSA_JSON_REQUIRED);
  if (scope.object == NULL)
    return;

  ssa_json_scope_get_decimal (&scope, "ssc", SSA_JSON_REQUIRED, &t->ssc);
  ssa_json_scope_get_decimal (&scope, "regular", SSA_JSON_REQUIRED, &t->regular);
  ssa_json_scope_get_decimal (&scope, "backpay", SSA_JSON_REQUIRED, &t->backpay);
  ssa_json_scope_get_decimal (&scope, "licences", SSA_JSON_OPTIONAL, &t->licences);
  ssa_json_scope_get_decimal (&scope, "billing_discount", SSA_JSON_REQUIRED,
                              &t->billing_discount);
  ssa_json_scope_get_decimal (&scope, "discount", SSA_JSON_REQUIRED, &t->discount);
  ssa_json_scope_get_decimal (&scope, "labour", SSA_JSON_REQUIRED, &t->labour);
  ssa_json_scope_get_decimal (&scope, "net", SSA_JSON_REQUIRED, &t->net);
  ssa_json_scope_get_decimal (&scope, "vat", SSA_JSON_REQUIRED, &t->vat);
  ssa_json_scope_get_decimal (&scope, "total", SSA_JSON_REQUIRED, &t->total);

  /* Not written: it follows from the others (docs/rules.md, computation step 5). A damaged
   * document can hold amounts too large to add up (none is negative: the difference can
   * not overflow). */
  if (!ssa_decimal_add (t->regular, t->backpay, &t->subtotal) ||
      !ssa_decimal_add (t->subtotal - t->billing_discount, t->licences, &t->subtotal))
    ssa_json_scope_problem (&scope, "backpay", _("is too large to add to the regular amount"));
}

static void
read_terms (SsaOffer           *self,
            const SsaJsonScope *root,
            const char         *path)
{
  g_autofree char *prefix = member_path (path, "terms");
  SsaJsonScope scope = { root->problems, NULL, NULL, prefix };

  scope.object = ssa_json_scope_get_object (root, "terms", SSA_JSON_REQUIRED);
  if (scope.object == NULL)
    return;

  ssa_json_scope_get_decimal (&scope, "ssc_price", SSA_JSON_REQUIRED, &self->ssc_price);
  ssa_json_scope_get_decimal (&scope, "vat_percent", SSA_JSON_REQUIRED, &self->vat_percent);
  ssa_json_scope_get_decimal (&scope, "backpay_multiplier", SSA_JSON_REQUIRED,
                              &self->backpay_multiplier);
  ssa_json_scope_get_decimal (&scope, "billing_discount_percent", SSA_JSON_REQUIRED,
                              &self->billing_discount_percent);
  ssa_json_scope_get_decimal (&scope, "discount_percent", SSA_JSON_REQUIRED,
                              &self->discount_percent);
  self->has_labour = ssa_json_scope_get_decimal (&scope, "labour_hours", SSA_JSON_OPTIONAL,
                                                 &self->labour_hours);
  if (self->has_labour)
    ssa_json_scope_get_decimal (&scope, "labour_rate", SSA_JSON_REQUIRED, &self->labour_rate);
}

static void
read_warnings (SsaOffer           *self,
               const SsaJsonScope *root,
               const char         *path)
{
  JsonArray *array = ssa_json_scope_get_array (root, "warnings", SSA_JSON_OPTIONAL);
  g_autofree char *name = member_path (path, "warnings");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *context = ssa_json_item_context (name, i, item, "code");
      SsaJsonScope scope = { root->problems, NULL, context, NULL };
      g_autofree char *code = NULL;
      SsaOfferWarning warning = { 0, NULL };

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          ssa_json_problems_add (root->problems, context, NULL, _("must be an object"));
          continue;
        }
      scope.object = json_node_get_object (item);
      if (ssa_json_scope_get_text (&scope, "code", SSA_JSON_REQUIRED, 0, &code) &&
          !warning_from_string (code, &warning.code))
        ssa_json_scope_problem (&scope, "code", _("is not a warning of SSA Desk"));
      ssa_json_scope_get_text (&scope, "message", SSA_JSON_REQUIRED, 0, &warning.message);
      g_array_append_val (self->warnings, warning);
    }
}

/* The members of one computation (docs/formats.md): the document's own, at @path NULL,
 * and each alternative's, at "alternatives[N]". */
static void
read_computation (SsaOffer           *self,
                  const SsaJsonScope *root,
                  const char         *path)
{
  g_autofree char *period_path = member_path (path, "period");
  g_autofree char *lines_path = member_path (path, "lines");
  SsaJsonScope period = { root->problems, NULL, root->context, period_path };
  g_autofree char *billing = NULL;
  JsonArray *lines;
  guint inventory_index = 0;

  period.object = ssa_json_scope_get_object (root, "period", SSA_JSON_REQUIRED);
  if (period.object != NULL)
    {
      ssa_json_scope_get_date (&period, "start", SSA_JSON_REQUIRED, &self->start);
      ssa_json_scope_get_date (&period, "end", SSA_JSON_REQUIRED, &self->end);
    }

  if (ssa_json_scope_get_text (root, "billing", SSA_JSON_REQUIRED, 0, &billing) &&
      !ssa_billing_from_string (billing, &self->billing))
    ssa_json_scope_problem (root, "billing", _("must be one of once, annual, quarterly, monthly"));

  lines = ssa_json_scope_get_array (root, "lines", SSA_JSON_REQUIRED);
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonNode *item = json_array_get_element (lines, i);
      g_autofree char *context = ssa_json_item_context (lines_path, i, item, "code");
      SsaJsonScope scope = { root->problems, NULL, context, NULL };

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          ssa_json_problems_add (root->problems, context, NULL, _("must be an object"));
          continue;
        }
      scope.object = json_node_get_object (item);
      read_line (self, &scope, &inventory_index);
    }

  read_totals (self, root, path);
  read_warnings (self, root, path);
  read_terms (self, root, path);
}

/**
 * ssa_offer_new_from_json:
 * @data: an `ssa-desk-offer/1` document as ssa_offer_to_json() writes it
 * @len: its length in bytes
 * @error: a #GError
 *
 * Reads an offer back. The document must have the "terms" that ssa_offer_to_json() adds;
 * each line's ssc_per_year is 0 where the document has none.
 *
 * Returns: (transfer full): the offer, or %NULL with @error set (%SSA_ERROR_INVALID naming
 *   every problem)
 */
SsaOffer *
ssa_offer_new_from_json (const char  *data,
                         gsize        len,
                         GError     **error)
{
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(SsaOffer) self = NULL;
  /* Translators: the name of an offer document in error messages. */
  const char *what = _("offer");
  SsaJsonProblems problems;
  SsaJsonScope root;
  JsonArray *alternatives;
  gboolean ok;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root_node = ssa_json_guard_parse (data, len, what, error);
  if (root_node == NULL)
    return NULL;
  if (!ssa_json_check_format (json_node_get_object (root_node), SSA_OFFER_FORMAT, what, error))
    return NULL;

  self = ssa_offer_new_empty ();
  ssa_json_problems_init (&problems, what);
  root = (SsaJsonScope) { &problems, json_node_get_object (root_node), NULL, NULL };

  ssa_json_scope_get_text (&root, "price_list", SSA_JSON_REQUIRED | SSA_JSON_NON_EMPTY, 0,
                           &self->price_list_id);
  ssa_json_scope_get_text (&root, "currency", SSA_JSON_REQUIRED | SSA_JSON_NON_EMPTY, 0,
                           &self->currency);
  ssa_json_scope_get_date (&root, "today", SSA_JSON_REQUIRED, &self->today);

  read_computation (self, &root, NULL);

  alternatives = ssa_json_scope_get_array (&root, "alternatives", SSA_JSON_OPTIONAL);
  if (alternatives != NULL && json_array_get_length (alternatives) >= SSA_OFFER_MAX_ALTERNATIVES)
    ssa_json_scope_problem (&root, "alternatives", _("must hold at most %d alternatives"),
                            SSA_OFFER_MAX_ALTERNATIVES - 1);
  else if (alternatives != NULL && json_array_get_length (alternatives) > 0)
    {
      self->alternatives = g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_offer_free);
      for (guint i = 0; i < json_array_get_length (alternatives); i++)
        {
          JsonNode *item = json_array_get_element (alternatives, i);
          g_autofree char *path = g_strdup_printf ("alternatives[%u]", i);
          SsaJsonScope scope = { &problems, NULL, NULL, NULL };
          SsaOffer *alternative;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            {
              ssa_json_problems_add (&problems, path, NULL, _("must be an object"));
              continue;
            }
          scope.object = json_node_get_object (item);
          alternative = ssa_offer_new_empty ();
          alternative->price_list_id = g_strdup (self->price_list_id);
          alternative->currency = g_strdup (self->currency);
          alternative->today = self->today;
          read_computation (alternative, &scope, path);
          g_ptr_array_add (self->alternatives, alternative);
        }
    }

  ok = ssa_json_problems_propagate (&problems, error);
  ssa_json_problems_clear (&problems);
  if (!ok)
    return NULL;

  return g_steal_pointer (&self);
}
