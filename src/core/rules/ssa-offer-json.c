/* ssa-offer-json.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ssa-date.h"
#include "ssa-offer.h"

/* The `ssa-desk-offer/1` writer. Besides the fields of docs/formats.md it writes the
 * inputs of the computation (prices and percentages, and each line's SSC per year), which
 * readers may ignore, so that a stored snapshot can be shown and exported again without
 * the price list it came from. */

static void
add_decimal (JsonBuilder *builder,
             const char  *name,
             gint64       value)
{
  g_autofree char *text = ssa_decimal_to_string (value);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          const GDate *date)
{
  g_autofree char *text = ssa_date_to_iso (date);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_line (JsonBuilder        *builder,
          const SsaOfferLine *line)
{
  json_builder_begin_object (builder);
  add_string (builder, "code", line->code);
  add_string (builder, "name", line->name);
  add_string (builder, "kind", ssa_kind_to_string (line->kind));
  add_int (builder, "quantity", line->quantity);
  add_string (builder, "segment", ssa_segment_to_string (line->segment));
  if (line->segment == SSA_SEGMENT_REGULAR || line->segment == SSA_SEGMENT_BACKPAY)
    {
      add_date (builder, "start", &line->start);
      add_date (builder, "end", &line->end);
    }
  add_int (builder, "months", line->months);
  add_decimal (builder, "ssc", line->ssc);
  add_decimal (builder, "amount", line->amount);
  add_decimal (builder, "ssc_per_year", line->ssc_per_year);
  /* Only on lines outside the SSA group, so that other offers are written as before. */
  if (line->group != SSA_LINE_GROUP_SSA)
    add_string (builder, "group", ssa_line_group_to_string (line->group));
  if (line->segment == SSA_SEGMENT_LICENCE)
    add_decimal (builder, "unit_price", line->unit_price);
  json_builder_end_object (builder);
}

/* The members of one computation: the offer's own, and each alternative's. */
static void
add_computation (JsonBuilder    *builder,
                 const SsaOffer *self)
{
  const SsaOfferTotals *t = &self->totals;
  guint i;

  json_builder_set_member_name (builder, "period");
  json_builder_begin_object (builder);
  add_date (builder, "start", &self->start);
  add_date (builder, "end", &self->end);
  json_builder_end_object (builder);

  add_string (builder, "billing", ssa_billing_to_string (self->billing));

  json_builder_set_member_name (builder, "lines");
  json_builder_begin_array (builder);
  for (i = 0; i < self->lines->len; i++)
    add_line (builder, &g_array_index (self->lines, SsaOfferLine, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "totals");
  json_builder_begin_object (builder);
  add_decimal (builder, "ssc", t->ssc);
  add_decimal (builder, "regular", t->regular);
  add_decimal (builder, "backpay", t->backpay);
  if (ssa_offer_has_true_up (self))
    add_decimal (builder, "licences", t->licences);
  add_decimal (builder, "billing_discount", t->billing_discount);
  add_decimal (builder, "discount", t->discount);
  add_decimal (builder, "labour", t->labour);
  add_decimal (builder, "net", t->net);
  add_decimal (builder, "vat", t->vat);
  add_decimal (builder, "total", t->total);
  json_builder_end_object (builder);

  /* Each group's subtotal, when the offer has more than the SSA's own. */
  if (ssa_offer_has_true_up (self))
    {
      json_builder_set_member_name (builder, "group_totals");
      json_builder_begin_object (builder);
      for (guint g = 0; g < SSA_N_LINE_GROUPS; g++)
        add_decimal (builder, ssa_line_group_to_string (g), self->group_totals[g]);
      json_builder_end_object (builder);
    }

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (i = 0; i < self->warnings->len; i++)
    {
      const SsaOfferWarning *w = &g_array_index (self->warnings, SsaOfferWarning, i);

      json_builder_begin_object (builder);
      add_string (builder, "code", ssa_warning_code_to_string (w->code));
      add_string (builder, "message", w->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  /* The inputs of the computation, for documents that recompute it. */
  json_builder_set_member_name (builder, "terms");
  json_builder_begin_object (builder);
  add_decimal (builder, "ssc_price", self->ssc_price);
  add_decimal (builder, "vat_percent", self->vat_percent);
  add_decimal (builder, "backpay_multiplier", self->backpay_multiplier);
  add_decimal (builder, "billing_discount_percent", self->billing_discount_percent);
  add_decimal (builder, "discount_percent", self->discount_percent);
  if (self->has_labour)
    {
      add_decimal (builder, "labour_hours", self->labour_hours);
      add_decimal (builder, "labour_rate", self->labour_rate);
    }
  json_builder_end_object (builder);

}

/**
 * ssa_offer_to_json:
 * @self: an offer
 *
 * Returns: (transfer full): the offer as an `ssa-desk-offer/1` document, pretty-printed,
 *   ending with a newline.
 */
char *
ssa_offer_to_json (const SsaOffer *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  guint i;

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);
  add_string (builder, "format", SSA_OFFER_FORMAT);
  add_string (builder, "price_list", self->price_list_id);
  add_string (builder, "currency", self->currency);
  add_date (builder, "today", &self->today);

  add_computation (builder, self);

  /* Alternatives 2 and on, each a complete computation; only when there are any, so that
   * an offer without alternatives is written as before. */
  if (self->alternatives != NULL && self->alternatives->len > 0)
    {
      json_builder_set_member_name (builder, "alternatives");
      json_builder_begin_array (builder);
      for (i = 0; i < self->alternatives->len; i++)
        {
          json_builder_begin_object (builder);
          add_computation (builder, g_ptr_array_index (self->alternatives, i));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);

  return g_strconcat (text, "\n", NULL);
}
