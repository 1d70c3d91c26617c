/* ssa-offer.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-error.h"
#include "ssa-limits.h"
#include "ssa-offer-private.h"
#include "ssa-version.h"

/* The offer calculator of docs/rules.md: a pure function of a price list, an inventory and
 * a request. Every amount is an integer of hundredths; every product is formed exactly in
 * 128 bits by ssa_decimal_mul_div() and rounded once, half up. */

G_DEFINE_BOXED_TYPE (SsaOffer, ssa_offer, ssa_offer_copy, ssa_offer_free)

/* One inventory line ready to price: its resolved values, with the code and name copied
 * into the offer. */
typedef struct
{
  const char *code;
  const char *name;
  SsaKind     kind;
  gint64      ssc_per_year;
  GDate       coverage_end;   /* covered kinds only */
} PricedLine;

static void
offer_warning_clear (gpointer data)
{
  SsaOfferWarning *warning = data;

  g_clear_pointer (&warning->message, g_free);
}

SsaOffer *
ssa_offer_new_empty (void)
{
  SsaOffer *self = g_new0 (SsaOffer, 1);

  g_date_clear (&self->today, 1);
  g_date_clear (&self->start, 1);
  g_date_clear (&self->end, 1);
  self->lines = g_array_new (FALSE, TRUE, sizeof (SsaOfferLine));
  /* An inventory names few distinct products many times: the offer keeps one copy of
   * each code and name, which also spares 100 000-line quotes 400 000 allocations. */
  self->strings = g_string_chunk_new (4096);
  self->warnings = g_array_new (FALSE, TRUE, sizeof (SsaOfferWarning));
  g_array_set_clear_func (self->warnings, offer_warning_clear);
  return self;
}

static char *
line_label (guint       index,
            const char *code)
{
  return g_strdup_printf ("licenses[%u] (%s)", index, code);
}

static void
add_warning (SsaOffer       *self,
             SsaWarningCode  code,
             char           *message)
{
  SsaOfferWarning warning = { code, message };

  g_array_append_val (self->warnings, warning);
}

static void
add_version_warnings (SsaOffer           *self,
                      const SsaPriceList *price_list,
                      const SsaInventory *inventory)
{
  SsaLang lang = ssa_lang_from_locale ();
  const char *firmware = inventory->firmware;
  SsaFirmwareVersion version;
  const SsaPriceListVersion *entry;
  GDate limit;

  if (firmware == NULL || !ssa_firmware_version_parse (firmware, &version))
    {
      add_warning (self, SSA_WARNING_VERSION_UNKNOWN,
                   firmware == NULL
                   ? g_strdup (_("The firmware version is not known: support status unknown."))
                   : g_strdup_printf (_("Firmware “%s” is not a version SSA Desk can read: "
                                        "support status unknown."), firmware));
      return;
    }

  /* Each rule of docs/rules.md is applied on its own: version 6 is unsupported, and it is
   * also missing from a current price list's version table. */
  if (version.major <= price_list->unsupported_through_major)
    add_warning (self, SSA_WARNING_VERSION_UNSUPPORTED,
                 g_strdup_printf (_("Firmware %s is unsupported: version %d and older have "
                                    "had no support since 1 January 2011. An upgrade is "
                                    "recommended; upgrade labour is not included in the "
                                    "SSA."),
                                  firmware, price_list->unsupported_through_major));

  /* innovaphone's rule, from the releases the price list says are current: it replaces
   * the age of the release when the list carries them (docs/rules.md). */
  if (ssa_price_list_has_support_rule (price_list))
    {
      if (version.major > price_list->unsupported_through_major &&
          !ssa_price_list_version_is_supported (price_list, version.major, version.release))
        {
          g_autofree char *supported = ssa_price_list_dup_supported_text (price_list);

          add_warning (self, SSA_WARNING_VERSION_TOO_OLD,
                       g_strdup_printf (_("Firmware %s is not a supported version: innovaphone "
                                          "supports the 2 latest releases of the latest "
                                          "version and the latest release of the 3 latest "
                                          "versions, now %s. An upgrade is recommended; "
                                          "upgrade labour is not included in the SSA."),
                                        firmware, supported));
        }
      return;
    }

  entry = ssa_price_list_find_version (price_list, version.major, version.release);
  if (entry == NULL)
    {
      add_warning (self, SSA_WARNING_VERSION_UNKNOWN,
                   g_strdup_printf (_("Firmware %s is not in the price list’s version table: "
                                      "support status unknown."), firmware));
      return;
    }

  ssa_date_add_months (&self->today, -12 * price_list->support_window_years, &limit);
  if (g_date_compare (&entry->released, &limit) < 0)
    {
      g_autofree char *released = ssa_date_format (&entry->released, lang);

      add_warning (self, SSA_WARNING_VERSION_TOO_OLD,
                   g_strdup_printf (_("Firmware %s was released on %s, more than %d years "
                                      "ago: unsupported version. An upgrade is recommended; "
                                      "upgrade labour is not included in the SSA."),
                                    firmware, released, price_list->support_window_years));
    }
}

static void
add_backpay_warning (SsaOffer *self)
{
  SsaLang lang = ssa_lang_from_locale ();
  const SsaOfferLine *first = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *factor = NULL;
  guint i;

  for (i = 0; i < self->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (self->lines, SsaOfferLine, i);

      if (line->segment == SSA_SEGMENT_BACKPAY &&
          (first == NULL || g_date_compare (&line->start, &first->start) < 0))
        first = line;
    }
  if (first == NULL)
    return;

  from = ssa_date_format (&first->start, lang);
  to = ssa_date_format (&first->end, lang);
  factor = ssa_decimal_format (self->backpay_multiplier, lang);
  /* Drop ",00" / ".00" from a whole multiplier: "2 times", not "2,00 times". */
  if (self->backpay_multiplier % 100 == 0)
    {
      g_free (factor);
      factor = g_strdup_printf ("%" G_GINT64_FORMAT, self->backpay_multiplier / 100);
    }

  add_warning (self, SSA_WARNING_BACKPAY,
               g_strdup_printf (_("The SSA has lapsed: the unpaid period from %s to %s must "
                                  "be paid back at %s times the regular price before the "
                                  "installation may be upgraded again."),
                                from, to, factor));
}

/* Copies @text into the offer's string chunk once per distinct pointer: lines of the same
 * product share their price list's strings, so a pointer lookup finds them again. */
static const char *
intern (SsaOffer   *self,
        GHashTable *interned,
        const char *text)
{
  const char *copy = g_hash_table_lookup (interned, text);

  if (copy == NULL)
    {
      copy = g_string_chunk_insert_const (self->strings, text);
      g_hash_table_insert (interned, (gpointer) text, (gpointer) copy);
    }
  return copy;
}

static gboolean
resolve_lines (SsaOffer           *self,
               const SsaPriceList *price_list,
               const SsaInventory *inventory,
               PricedLine         *priced,
               GError            **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GHashTable) interned = g_hash_table_new (NULL, NULL);
  guint i;

  for (i = 0; i < inventory->lines->len; i++)
    {
      const SsaInventoryLine *line = &g_array_index (inventory->lines, SsaInventoryLine, i);
      PricedLine *r = &priced[i];
      SsaResolvedLine resolved;
      g_autofree char *label = NULL;

      g_date_clear (&r->coverage_end, 1);

      if (line->quantity < 1 || line->quantity > SSA_INVENTORY_MAX_QUANTITY)
        {
          label = line_label (i, line->code);
          g_string_append_printf (problems,
                                  _("%s: quantity: must be a whole number from 1 to "
                                    "1 000 000\n"), label);
          continue;
        }

      ssa_offer_resolve_line (price_list, &inventory->ssa_expiry, line, &resolved);
      if (resolved.refused)
        {
          label = line_label (i, line->code);
          g_string_append_printf (problems,
                                  _("%s: code: not in price list %s (mark third-party items "
                                    "with \"kind\": \"third_party\")\n"),
                                  label, price_list->id);
          continue;
        }

      g_assert (resolved.has_kind);
      r->kind = resolved.kind;
      if (resolved.product != NULL)
        {
          r->code = intern (self, interned, resolved.product->code);
          r->name = intern (self, interned, resolved.product->name);
          r->ssc_per_year = resolved.product->ssc_per_year;
        }
      else
        {
          r->code = g_string_chunk_insert_const (self->strings, line->code);
          r->name = g_string_chunk_insert_const (self->strings, resolved.name);
          r->ssc_per_year = 0;
        }

      if (!ssa_kind_is_covered (r->kind))
        continue;

      if (resolved.coverage_end_source != SSA_COVERAGE_END_NONE)
        r->coverage_end = resolved.coverage_end;
      else
        {
          label = line_label (i, line->code);
          g_string_append_printf (problems,
                                  _("%s: no coverage end: give the installation’s ssa_expiry "
                                    "or the line’s covered_until or added_on\n"), label);
        }
    }

  if (problems->len > 0)
    {
      g_string_truncate (problems, problems->len - 1);
      g_set_error_literal (error, SSA_ERROR, SSA_ERROR_INVALID, problems->str);
      return FALSE;
    }
  return TRUE;
}

/* Computes one segment's SSC and amount; FALSE on overflow. */
static gboolean
segment_price (const SsaPriceList *price_list,
               gint64              quantity,
               gint64              ssc_per_year,
               int                 months,
               gint64              multiplier,
               gint64             *out_ssc,
               gint64             *out_amount)
{
  /* quantity * ssc_per_year[h] * months * multiplier[h] / (12 * 100) is in hundredths. */
  const gint64 factors[] = { quantity, ssc_per_year, months, multiplier };
  gint64 amount_factors[2];

  if (!ssa_decimal_mul_div (factors, G_N_ELEMENTS (factors), 12 * 100, out_ssc))
    return FALSE;

  amount_factors[0] = *out_ssc;
  amount_factors[1] = price_list->ssc_price;
  return ssa_decimal_mul_div (amount_factors, 2, 100, out_amount);
}

static gboolean
percent_of (gint64  value,
            gint64  percent,
            gint64 *out)
{
  const gint64 factors[] = { value, percent };

  /* value[h] * percent[h] / (100 * 100) */
  return ssa_decimal_mul_div (factors, 2, 100 * 100, out);
}

/* Sums the lines into @t; with @with_labour, adds the labour. Returns FALSE when a total
 * does not fit. */
static gboolean
sum_totals (const SsaOffer *self,
            gboolean        with_labour,
            SsaOfferTotals *t)
{
  gboolean ok = TRUE;
  guint i;

  memset (t, 0, sizeof *t);

  for (i = 0; i < self->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (self->lines, SsaOfferLine, i);

      ok &= ssa_decimal_add (t->ssc, line->ssc, &t->ssc);
      if (line->segment == SSA_SEGMENT_REGULAR)
        ok &= ssa_decimal_add (t->regular, line->amount, &t->regular);
      else if (line->segment == SSA_SEGMENT_BACKPAY)
        ok &= ssa_decimal_add (t->backpay, line->amount, &t->backpay);
      else if (line->segment == SSA_SEGMENT_LICENCE)
        ok &= ssa_decimal_add (t->licences, line->amount, &t->licences);
    }

  ok = ok && percent_of (t->regular, self->billing_discount_percent, &t->billing_discount);
  ok = ok && ssa_decimal_add (t->regular, t->backpay, &t->subtotal);
  if (ok)
    t->subtotal -= t->billing_discount;
  ok = ok && ssa_decimal_add (t->subtotal, t->licences, &t->subtotal);
  ok = ok && percent_of (t->subtotal, self->discount_percent, &t->discount);
  if (ok && with_labour)
    {
      const gint64 factors[] = { self->labour_hours, self->labour_rate };

      ok = ssa_decimal_mul_div (factors, 2, 100, &t->labour);
    }
  ok = ok && ssa_decimal_add (t->subtotal - t->discount, t->labour, &t->net);
  ok = ok && percent_of (t->net, self->vat_percent, &t->vat);
  ok = ok && ssa_decimal_add (t->net, t->vat, &t->total);
  return ok;
}

/* The sum of each group's amounts, for the documents' subtotals. */
static gboolean
sum_groups (SsaOffer *self)
{
  gboolean ok = TRUE;

  memset (self->group_totals, 0, sizeof self->group_totals);
  for (guint i = 0; i < self->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (self->lines, SsaOfferLine, i);

      ok &= ssa_decimal_add (self->group_totals[line->group], line->amount,
                             &self->group_totals[line->group]);
    }
  return ok;
}

static gboolean
compute_totals (SsaOffer *self,
                GError  **error)
{
  SsaOfferTotals without_labour;

  if (sum_totals (self, self->has_labour, &self->totals) && sum_groups (self))
    return TRUE;

  /* Too large only with the labour: the request's hours and rate are to blame, not the
   * installation. */
  if (self->has_labour && sum_totals (self, FALSE, &without_labour))
    {
      g_set_error_literal (error, SSA_ERROR, SSA_ERROR_REQUEST,
                           _("labour: the hours times the rate make a total too large to "
                             "compute; check the hours and the rate"));
      return FALSE;
    }

  g_set_error_literal (error, SSA_ERROR, SSA_ERROR_OVERFLOW,
                       _("totals: the offer’s total is too large to compute"));
  return FALSE;
}

/* The request's field that set the period's end, for messages: the end date, the number
 * of months, or (12 months by default) the start. */
static const char *
period_field (const SsaOfferRequest *request)
{
  switch (request->end_kind)
    {
    case SSA_OFFER_END_DATE:
      return "end";
    case SSA_OFFER_END_MONTHS:
      return "months";
    case SSA_OFFER_END_CO_TERM:
      return "co-term";
    case SSA_OFFER_END_DEFAULT:
    default:
      return "start";
    }
}

static void
append_line (SsaOffer               *self,
             const PricedLine       *r,
             const SsaInventoryLine *line,
             guint                   index,
             SsaSegment              segment)
{
  SsaOfferLine out = { 0 };

  out.code = r->code;
  out.name = r->name;
  out.kind = r->kind;
  out.quantity = line->quantity;
  out.segment = segment;
  out.ssc_per_year = r->ssc_per_year;
  out.inventory_index = index;
  out.group = index == SSA_OFFER_NO_INVENTORY_LINE ? SSA_LINE_GROUP_TRUE_UP
                                                   : SSA_LINE_GROUP_SSA;
  g_date_clear (&out.start, 1);
  g_date_clear (&out.end, 1);
  g_array_append_val (self->lines, out);
}

static gboolean
append_priced_line (SsaOffer               *self,
                    const SsaPriceList     *price_list,
                    const PricedLine       *r,
                    const SsaInventoryLine *line,
                    guint                   index,
                    SsaSegment              segment,
                    const GDate            *start,
                    const GDate            *end,
                    GError                **error)
{
  SsaOfferLine *out;
  gint64 multiplier = segment == SSA_SEGMENT_BACKPAY ? self->backpay_multiplier : 100;

  append_line (self, r, line, index, segment);
  out = &g_array_index (self->lines, SsaOfferLine, self->lines->len - 1);
  out->start = *start;
  out->end = *end;
  out->months = ssa_date_months (start, end);

  if (!segment_price (price_list, line->quantity, r->ssc_per_year, out->months, multiplier,
                      &out->ssc, &out->amount))
    {
      g_autofree char *label = index == SSA_OFFER_NO_INVENTORY_LINE
                               ? g_strdup_printf (_("true-up %s"), line->code)
                               : line_label (index, line->code);

      g_set_error (error, SSA_ERROR, SSA_ERROR_OVERFLOW,
                   _("%s: the amount is too large to compute"), label);
      return FALSE;
    }
  return TRUE;
}

/* The true-up group (docs/rules.md, "True-up"): each missing licence as a new licence at
 * the price list's list price and, for a kind the SSA covers, its SSA from the effective
 * start s' to the end e at the regular price; bought now, it has no lapsed days. */
static gboolean
append_true_up (SsaOffer               *self,
                const SsaPriceList     *price_list,
                const SsaOfferRequest  *request,
                GError                **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint i = 0; i < request->true_up_items->len; i++)
    {
      const SsaTrueUpItem *item = &g_array_index (request->true_up_items, SsaTrueUpItem, i);
      const SsaPriceListProduct *product = ssa_price_list_lookup (price_list, item->code);
      SsaInventoryLine line = { 0 };
      PricedLine r = { 0 };
      SsaOfferLine *out;
      gint64 factors[2];

      if (product == NULL)
        {
          g_string_append_printf (problems, _("true-up %s: code: not in price list %s\n"),
                                  item->code, price_list->id);
          continue;
        }
      if (item->quantity < 1 || item->quantity > SSA_INVENTORY_MAX_QUANTITY)
        {
          g_string_append_printf (problems, _("true-up %s: quantity: must be a whole number "
                                              "from 1 to 1 000 000\n"), item->code);
          continue;
        }
      r.code = g_string_chunk_insert_const (self->strings, product->code);
      r.name = g_string_chunk_insert_const (self->strings, product->name);
      r.kind = product->kind;
      r.ssc_per_year = ssa_kind_is_covered (product->kind) ? product->ssc_per_year : 0;
      line.code = (char *) product->code;
      line.quantity = item->quantity;

      append_line (self, &r, &line, SSA_OFFER_NO_INVENTORY_LINE, SSA_SEGMENT_LICENCE);
      out = &g_array_index (self->lines, SsaOfferLine, self->lines->len - 1);
      out->ssc_per_year = 0;
      out->unit_price = product->list_price;
      factors[0] = item->quantity;
      factors[1] = product->list_price;
      if (!ssa_decimal_mul_div (factors, 2, 1, &out->amount))
        {
          g_set_error (error, SSA_ERROR, SSA_ERROR_OVERFLOW,
                       _("%s: the amount is too large to compute"), item->code);
          return FALSE;
        }
      if (ssa_kind_is_covered (product->kind) &&
          !append_priced_line (self, price_list, &r, &line, SSA_OFFER_NO_INVENTORY_LINE,
                               SSA_SEGMENT_REGULAR, &self->start, &self->end, error))
        return FALSE;
    }

  if (problems->len > 0)
    {
      g_string_truncate (problems, problems->len - 1);
      g_set_error_literal (error, SSA_ERROR, SSA_ERROR_INVALID, problems->str);
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_offer_request_init:
 * @request: (out caller-allocates): a request
 *
 * Sets the defaults: start and today unset, 12 months, billed once, no discount or labour,
 * documents in Bokmål.
 */
void
ssa_offer_request_init (SsaOfferRequest *request)
{
  memset (request, 0, sizeof *request);
  g_date_clear (&request->start, 1);
  g_date_clear (&request->end, 1);
  g_date_clear (&request->today, 1);
  request->end_kind = SSA_OFFER_END_DEFAULT;
  request->billing = SSA_BILLING_ONCE;
  request->lang = SSA_LANG_NB;
}

/**
 * ssa_offer_resolve_line:
 * @price_list: (nullable): the price list; without one, no line has a product and none is
 *   refused
 * @ssa_expiry: (nullable): the installation's SSA expiry, %NULL or cleared when it has none
 * @line: a licence line of that installation
 * @out: (out caller-allocates): what the offer calculator makes of @line
 *
 * Applies the rules of one licence line (docs/rules.md, "Licence line"): the price list's
 * name and kind win over the line's; a code the price list does not have is refused unless
 * the line says it is third-party; the coverage end is the line's covered_until, else the
 * day before its added_on, else @ssa_expiry. The coverage end is worked out for every line,
 * though only lines of covered kinds need one. ssa_offer_compute() and the inventory table
 * both read a line through this function, so the two cannot disagree.
 *
 * @out borrows its product and name from @price_list and @line; its kind means something
 * only when `has_kind` is set.
 */
void
ssa_offer_resolve_line (const SsaPriceList     *price_list,
                        const GDate            *ssa_expiry,
                        const SsaInventoryLine *line,
                        SsaResolvedLine        *out)
{
  g_return_if_fail (line != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  g_date_clear (&out->coverage_end, 1);

  if (price_list != NULL && line->code != NULL)
    out->product = ssa_price_list_lookup (price_list, line->code);

  if (out->product != NULL)
    {
      out->name = out->product->name;
      out->has_kind = TRUE;
      out->kind = out->product->kind;
    }
  else
    {
      out->name = line->name != NULL ? line->name : line->code;
      out->has_kind = line->has_kind;
      if (line->has_kind)
        out->kind = line->kind;
      /* A line that calls itself third-party is listed as excluded, not refused. */
      out->refused = price_list != NULL &&
                     !(line->has_kind && line->kind == SSA_KIND_THIRD_PARTY);
    }

  if (ssa_date_is_set (&line->covered_until))
    {
      out->coverage_end_source = SSA_COVERAGE_END_COVERED_UNTIL;
      out->coverage_end = line->covered_until;
    }
  else if (ssa_date_is_set (&line->added_on))
    {
      /* Bought later: not under the agreement until the next offer. */
      out->coverage_end_source = SSA_COVERAGE_END_ADDED_ON;
      ssa_date_add_days (&line->added_on, -1, &out->coverage_end);
    }
  else if (ssa_date_is_set (ssa_expiry))
    {
      out->coverage_end_source = SSA_COVERAGE_END_SSA_EXPIRY;
      out->coverage_end = *ssa_expiry;
    }
  else
    out->coverage_end_source = SSA_COVERAGE_END_NONE;
}

/**
 * ssa_offer_wants_co_term:
 * @price_list: (nullable): the price list, for the lines' kinds
 * @inventory: the installation
 * @today: (nullable): the day to judge by, %NULL or cleared for the local date
 *
 * Whether an offer for @inventory should be a co-terming top-up by default: its SSA still
 * runs (its ssa_expiry is @today or later) and some licence line of a covered kind is not
 * covered to that expiry (licences bought while the SSA runs). docs/rules.md, "Co-terming".
 */
gboolean
ssa_offer_wants_co_term (const SsaPriceList *price_list,
                         const SsaInventory *inventory,
                         const GDate        *today)
{
  GDate day;

  g_return_val_if_fail (inventory != NULL, FALSE);

  if (inventory->deployment != SSA_DEPLOYMENT_APPLIANCE ||
      !ssa_date_is_set (&inventory->ssa_expiry))
    return FALSE;
  if (today != NULL && ssa_date_is_set (today))
    day = *today;
  else
    ssa_date_today (&day);
  if (g_date_compare (&inventory->ssa_expiry, &day) < 0)
    return FALSE;

  for (guint i = 0; i < inventory->lines->len; i++)
    {
      const SsaInventoryLine *line = &g_array_index (inventory->lines, SsaInventoryLine, i);
      SsaResolvedLine resolved;

      ssa_offer_resolve_line (price_list, &inventory->ssa_expiry, line, &resolved);
      if (resolved.has_kind && ssa_kind_is_covered (resolved.kind) &&
          resolved.coverage_end_source != SSA_COVERAGE_END_NONE &&
          g_date_compare (&resolved.coverage_end, &inventory->ssa_expiry) < 0)
        return TRUE;
    }
  return FALSE;
}

/* A date of the period outside the limit of dates, as a refusal of the request: checked
 * before anything is computed from the period, as one reaching past the last day SSA Desk
 * takes (--today 9999-12-31) could be neither written nor stored. */
static gboolean
check_period_date (const GDate *date,
                   const char  *what,
                   GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (ssa_limits_check_date (date, what, &local_error))
    return TRUE;
  g_set_error_literal (error, SSA_ERROR, SSA_ERROR_REQUEST, local_error->message);
  return FALSE;
}

/* Computes one SSA offer by docs/rules.md, without alternatives. Refuses (%SSA_ERROR_INVALID naming each bad
 * licence line, %SSA_ERROR_REFUSED for the deployment, %SSA_ERROR_REQUEST for the period or
 * the terms, %SSA_ERROR_OVERFLOW
 * naming the line or the totals) rather than returning a partial offer. */
static SsaOffer *
compute_one (const SsaPriceList    *price_list,
             const SsaInventory    *inventory,
             const SsaOfferRequest *request,
             GError               **error)
{
  g_autoptr(SsaOffer) self = NULL;
  g_autofree PricedLine *priced = NULL;
  GDate start;
  GDate end;
  GDate day_before_start;
  SsaLang lang = ssa_lang_from_locale ();
  guint i;

  g_return_val_if_fail (price_list != NULL, NULL);
  g_return_val_if_fail (inventory != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->billing < SSA_N_BILLINGS, NULL);

  if (request->discount_percent < 0 || request->discount_percent > 100 * 100)
    {
      g_set_error_literal (error, SSA_ERROR, SSA_ERROR_REQUEST,
                           _("discount: must be a percentage from 0 to 100"));
      return NULL;
    }
  if (request->has_labour && (request->labour_hours < 0 || request->labour_rate < 0))
    {
      g_set_error_literal (error, SSA_ERROR, SSA_ERROR_REQUEST,
                           _("labour: hours and rate must not be negative"));
      return NULL;
    }
  /* N months count from the requested start, which may lie long past: only the offer's
   * own period, months (s', e), is limited to ten years (checked below). */
  if (request->end_kind == SSA_OFFER_END_MONTHS &&
      (request->months < 1 || request->months > SSA_OFFER_MAX_REQUEST_MONTHS))
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_REQUEST,
                   _("months: must be a whole number from 1 to %d"),
                   SSA_OFFER_MAX_REQUEST_MONTHS);
      return NULL;
    }

  if (inventory->deployment != SSA_DEPLOYMENT_APPLIANCE)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_REFUSED,
                   _("deployment: a %s installation has the SSA included in its rent; no "
                     "SSA offer is made for it"),
                   ssa_deployment_to_string (inventory->deployment));
      return NULL;
    }

  self = ssa_offer_new_empty ();
  priced = g_new0 (PricedLine, MAX (inventory->lines->len, 1));
  if (!resolve_lines (self, price_list, inventory, priced, error))
    return NULL;

  self->price_list_id = g_strdup (price_list->id);
  self->currency = g_strdup (price_list->currency);
  self->billing = request->billing;
  self->ssc_price = price_list->ssc_price;
  self->vat_percent = price_list->vat_percent;
  self->backpay_multiplier = price_list->backpay_multiplier;
  self->billing_discount_percent = price_list->billing_discount_percent[request->billing];
  self->discount_percent = request->discount_percent;
  self->has_labour = request->has_labour;
  self->labour_hours = request->has_labour ? request->labour_hours : 0;
  self->labour_rate = request->has_labour ? request->labour_rate : 0;

  if (ssa_date_is_set (&request->today))
    self->today = request->today;
  else
    ssa_date_today (&self->today);

  /* The requested start s, by default the later of today and the day after the earliest
   * coverage end among the covered lines. */
  if (ssa_date_is_set (&request->start))
    start = request->start;
  else
    {
      const GDate *earliest = NULL;

      for (i = 0; i < inventory->lines->len; i++)
        if (ssa_date_is_set (&priced[i].coverage_end) &&
            (earliest == NULL || g_date_compare (&priced[i].coverage_end, earliest) < 0))
          earliest = &priced[i].coverage_end;

      start = self->today;
      if (earliest != NULL)
        {
          GDate next;

          ssa_date_add_days (earliest, 1, &next);
          if (g_date_compare (&next, &start) > 0)
            start = next;
        }
    }

  /* The end counts N months from the requested start s, not from s'. */
  switch (request->end_kind)
    {
    case SSA_OFFER_END_DATE:
      end = request->end;
      break;
    case SSA_OFFER_END_CO_TERM:
      /* A top-up runs to the end of the SSA that still runs: exactly the offer with that
       * end date, refused in words when there is none to run to. */
      if (!ssa_date_is_set (&inventory->ssa_expiry))
        {
          g_set_error_literal (error, SSA_ERROR, SSA_ERROR_REQUEST,
                               _("co-term: the installation has no SSA expiry to top up to: "
                                 "give its SSA expiry, or make an offer with an end date"));
          return NULL;
        }
      if (g_date_compare (&inventory->ssa_expiry, &self->today) < 0)
        {
          g_autofree char *x = ssa_date_format (&inventory->ssa_expiry, lang);

          g_set_error (error, SSA_ERROR, SSA_ERROR_REQUEST,
                       _("co-term: the SSA ended on %s, so there is no running SSA to top up "
                         "to: make a renewal offer instead, which back-pays the lapsed "
                         "period"), x);
          return NULL;
        }
      end = inventory->ssa_expiry;
      break;
    case SSA_OFFER_END_MONTHS:
    case SSA_OFFER_END_DEFAULT:
    default:
      {
        GDate next;

        ssa_date_add_months (&start, request->end_kind == SSA_OFFER_END_MONTHS
                                     ? request->months : 12, &next);
        ssa_date_add_days (&next, -1, &end);
      }
      break;
    }

  if (!check_period_date (&start, _("period: the start of the offer’s period"), error) ||
      !check_period_date (&end, _("period: the end of the offer’s period"), error))
    return NULL;

  if (request->end_kind == SSA_OFFER_END_CO_TERM && !ssa_date_is_set (&request->start) &&
      g_date_compare (&end, &start) < 0)
    {
      g_autofree char *e = ssa_date_format (&end, lang);

      g_set_error (error, SSA_ERROR, SSA_ERROR_REQUEST,
                   _("co-term: every licence is covered to the SSA end %s: there is nothing "
                     "to top up"), e);
      return NULL;
    }
  if (g_date_compare (&end, &start) < 0)
    {
      g_autofree char *e = ssa_date_format (&end, lang);
      g_autofree char *s = ssa_date_format (&start, lang);

      g_set_error (error, SSA_ERROR, SSA_ERROR_REQUEST,
                   _("%s: the end %s is before the start %s"), period_field (request), e, s);
      return NULL;
    }

  /* The effective start s': the regular price is never given for days already past. */
  self->start = g_date_compare (&start, &self->today) > 0 ? start : self->today;
  self->end = end;

  if (g_date_compare (&end, &self->start) < 0)
    {
      g_autofree char *e = ssa_date_format (&end, lang);
      g_autofree char *t = ssa_date_format (&self->today, lang);

      g_set_error (error, SSA_ERROR, SSA_ERROR_REQUEST,
                   _("%s: the period ended on %s, before today (%s)"),
                   period_field (request), e, t);
      return NULL;
    }
  if (ssa_date_months (&self->start, &end) > SSA_OFFER_MAX_MONTHS)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_REQUEST,
                   _("%s: one offer covers at most %d months (ten years)"),
                   period_field (request), SSA_OFFER_MAX_MONTHS);
      return NULL;
    }

  ssa_date_add_days (&self->start, -1, &day_before_start);

  for (i = 0; i < inventory->lines->len; i++)
    {
      const SsaInventoryLine *line = &g_array_index (inventory->lines, SsaInventoryLine, i);
      const PricedLine *r = &priced[i];
      GDate first_uncovered;
      const GDate *regular_start;

      if (!ssa_kind_is_covered (r->kind))
        {
          append_line (self, r, line, i, SSA_SEGMENT_EXCLUDED);
          continue;
        }

      ssa_date_add_days (&r->coverage_end, 1, &first_uncovered);

      if (g_date_compare (&first_uncovered, &day_before_start) <= 0 &&
          !append_priced_line (self, price_list, r, line, i, SSA_SEGMENT_BACKPAY,
                               &first_uncovered, &day_before_start, error))
        return NULL;

      regular_start = g_date_compare (&first_uncovered, &self->start) > 0
                      ? &first_uncovered : &self->start;
      if (g_date_compare (regular_start, &end) <= 0)
        {
          if (!append_priced_line (self, price_list, r, line, i, SSA_SEGMENT_REGULAR,
                                   regular_start, &end, error))
            return NULL;
        }
      else
        append_line (self, r, line, i, SSA_SEGMENT_COVERED);
    }

  if (request->true_up && request->true_up_items != NULL &&
      !append_true_up (self, price_list, request, error))
    return NULL;

  if (!compute_totals (self, error))
    return NULL;

  add_version_warnings (self, price_list, inventory);
  add_backpay_warning (self);

  return g_steal_pointer (&self);
}

/**
 * ssa_offer_compute:
 * @price_list: the price list
 * @inventory: the installation
 * @request: the period and terms, with the alternatives to price besides
 * @error: a #GError
 *
 * Computes the offer (docs/rules.md) and each of the request's alternatives as a complete
 * offer of its own: the request with the alternative's terms in place of its own
 * (ssa_offer_alternative_apply()). A refused alternative refuses the whole offer, its
 * message starting with "alternative N: ".
 *
 * Returns: (transfer full): the offer
 */
SsaOffer *
ssa_offer_compute (const SsaPriceList    *price_list,
                   const SsaInventory    *inventory,
                   const SsaOfferRequest *request,
                   GError               **error)
{
  g_autoptr(SsaOffer) self = NULL;

  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (request->n_alternatives < SSA_OFFER_MAX_ALTERNATIVES, NULL);

  self = compute_one (price_list, inventory, request, error);
  if (self == NULL || request->n_alternatives == 0)
    return g_steal_pointer (&self);

  self->alternatives = g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_offer_free);
  for (guint i = 0; i < request->n_alternatives; i++)
    {
      SsaOfferRequest alternative;
      SsaOffer *offer;

      ssa_offer_alternative_apply (request, &request->alternatives[i], &alternative);
      offer = compute_one (price_list, inventory, &alternative, error);
      if (offer == NULL)
        {
          /* Translators: the prefix of a refused alternative's message; the first
           * alternative is the offer itself. */
          g_prefix_error (error, _("alternative %u: "), i + 2);
          return NULL;
        }
      g_ptr_array_add (self->alternatives, offer);
    }
  return g_steal_pointer (&self);
}

/**
 * ssa_offer_get_n_alternatives:
 *
 * Returns: how many alternatives the offer has, itself the first: 1 when it has none
 *   besides
 */
guint
ssa_offer_get_n_alternatives (const SsaOffer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return 1 + (self->alternatives != NULL ? self->alternatives->len : 0);
}

/**
 * ssa_offer_get_alternative:
 * @n: the alternative, from 1 (the offer itself) to ssa_offer_get_n_alternatives()
 *
 * Returns: (transfer none): alternative @n
 */
const SsaOffer *
ssa_offer_get_alternative (const SsaOffer *self,
                           guint           n)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n >= 1 && n <= ssa_offer_get_n_alternatives (self), NULL);

  return n == 1 ? self : g_ptr_array_index (self->alternatives, n - 2);
}

/**
 * ssa_offer_alternative_apply:
 * @base: the offer's request
 * @alternative: one of its alternatives
 * @out: (out caller-allocates): the request of that alternative: @base with the
 *   alternative's end and billing where it sets them, and no alternatives of its own
 */
void
ssa_offer_alternative_apply (const SsaOfferRequest     *base,
                             const SsaOfferAlternative *alternative,
                             SsaOfferRequest           *out)
{
  *out = *base;
  out->n_alternatives = 0;
  memset (out->alternatives, 0, sizeof out->alternatives);
  if (alternative->has_end)
    {
      out->end_kind = alternative->end_kind;
      out->end = alternative->end;
      out->months = alternative->months;
    }
  if (alternative->has_billing)
    out->billing = alternative->billing;
}

/**
 * ssa_offer_alternative_parse:
 * @spec: terms separated by commas: `months=N`, `end=DATE`, `co-term` and `billing=PLAN`
 * @out: (out caller-allocates): the alternative
 * @error: a #GError
 *
 * Reads an alternative as the command line gives it ("months=36,billing=quarterly").
 *
 * Returns: %FALSE with %SSA_ERROR_INVALID naming the bad part when @spec is refused
 */
gboolean
ssa_offer_alternative_parse (const char          *spec,
                             SsaOfferAlternative *out,
                             GError             **error)
{
  g_auto(GStrv) parts = NULL;
  gboolean has_months = FALSE, has_date = FALSE, has_co_term = FALSE;

  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  g_date_clear (&out->end, 1);

  parts = g_strsplit (spec, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      const char *value = strchr (part, '=');
      g_autofree char *key = value != NULL ? g_strndup (part, value - part) : g_strdup (part);
      gboolean repeated = FALSE;

      if (value != NULL)
        value++;

      if (g_str_equal (key, "months") && value != NULL)
        {
          guint64 months = 0;

          repeated = has_months;
          if (!g_ascii_string_to_unsigned (value, 10, 1, SSA_OFFER_MAX_MONTHS, &months, NULL))
            {
              g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                           _("“%s”: the months must be a whole number from 1 to %d"),
                           part, SSA_OFFER_MAX_MONTHS);
              return FALSE;
            }
          has_months = TRUE;
          out->end_kind = SSA_OFFER_END_MONTHS;
          out->months = (int) months;
        }
      else if (g_str_equal (key, "end") && value != NULL)
        {
          repeated = has_date;
          if (!ssa_date_parse (value, &out->end, NULL))
            {
              g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                           _("“%s”: the end must be a date as YYYY-MM-DD"), part);
              return FALSE;
            }
          has_date = TRUE;
          out->end_kind = SSA_OFFER_END_DATE;
        }
      else if (g_str_equal (key, "co-term") && value == NULL)
        {
          repeated = has_co_term;
          has_co_term = TRUE;
          out->end_kind = SSA_OFFER_END_CO_TERM;
        }
      else if (g_str_equal (key, "billing") && value != NULL)
        {
          repeated = out->has_billing;
          if (!ssa_billing_from_string (value, &out->billing))
            {
              g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                           _("“%s”: the billing plan must be once, annual, quarterly or "
                             "monthly"), part);
              return FALSE;
            }
          out->has_billing = TRUE;
        }
      else
        {
          g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                       _("“%s” is not a term of an alternative: use months=N, end=DATE, "
                         "co-term or billing=PLAN, separated by commas"), part);
          return FALSE;
        }

      if (repeated)
        {
          g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                       _("“%s” is given twice"), key);
          return FALSE;
        }
    }

  if (has_months + has_date + has_co_term > 1)
    {
      g_set_error_literal (error, SSA_ERROR, SSA_ERROR_INVALID,
                           _("months, end and co-term each set the end: give one of them"));
      return FALSE;
    }
  out->has_end = has_months || has_date || has_co_term;
  if (!out->has_end && !out->has_billing)
    {
      g_set_error_literal (error, SSA_ERROR, SSA_ERROR_INVALID,
                           _("an alternative changes the months, end, co-term or billing: "
                             "give at least one"));
      return FALSE;
    }
  return TRUE;
}

SsaOffer *
ssa_offer_copy (const SsaOffer *self)
{
  SsaOffer *copy;
  guint i;

  g_return_val_if_fail (self != NULL, NULL);

  copy = ssa_offer_new_empty ();
  {
    GArray *lines = copy->lines;
    GArray *warnings = copy->warnings;
    GStringChunk *strings = copy->strings;

    *copy = *self;
    copy->lines = lines;
    copy->warnings = warnings;
    copy->strings = strings;
  }
  copy->alternatives = NULL;
  if (self->alternatives != NULL)
    {
      copy->alternatives = g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_offer_free);
      for (i = 0; i < self->alternatives->len; i++)
        g_ptr_array_add (copy->alternatives,
                         ssa_offer_copy (g_ptr_array_index (self->alternatives, i)));
    }
  copy->price_list_id = g_strdup (self->price_list_id);
  copy->currency = g_strdup (self->currency);

  for (i = 0; i < self->lines->len; i++)
    {
      SsaOfferLine line = g_array_index (self->lines, SsaOfferLine, i);

      line.code = g_string_chunk_insert_const (copy->strings, line.code);
      line.name = g_string_chunk_insert_const (copy->strings, line.name);
      g_array_append_val (copy->lines, line);
    }
  for (i = 0; i < self->warnings->len; i++)
    {
      SsaOfferWarning warning = g_array_index (self->warnings, SsaOfferWarning, i);

      warning.message = g_strdup (warning.message);
      g_array_append_val (copy->warnings, warning);
    }
  return copy;
}

void
ssa_offer_free (SsaOffer *self)
{
  if (self == NULL)
    return;

  g_free (self->price_list_id);
  g_free (self->currency);
  g_array_unref (self->lines);
  g_array_unref (self->warnings);
  g_clear_pointer (&self->alternatives, g_ptr_array_unref);
  g_string_chunk_free (self->strings);
  g_free (self);
}

static void
true_up_item_clear (gpointer data)
{
  SsaTrueUpItem *item = data;

  g_clear_pointer (&item->code, g_free);
}

/**
 * ssa_true_up_items_new:
 *
 * Returns: (transfer full): an empty array of #SsaTrueUpItem that frees their codes
 */
GArray *
ssa_true_up_items_new (void)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (SsaTrueUpItem));

  g_array_set_clear_func (items, true_up_item_clear);
  return items;
}

/* Returns: whether the offer has a true-up group (missing licences) */
gboolean
ssa_offer_has_true_up (const SsaOffer *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->lines->len; i++)
    if (g_array_index (self->lines, SsaOfferLine, i).group == SSA_LINE_GROUP_TRUE_UP)
      return TRUE;
  return FALSE;
}

const char *
ssa_line_group_to_string (SsaLineGroup group)
{
  switch (group)
    {
    case SSA_LINE_GROUP_SSA: return "ssa";
    case SSA_LINE_GROUP_TRUE_UP: return "true_up";
    case SSA_N_LINE_GROUPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
ssa_offer_has_warning (const SsaOffer *self,
                       SsaWarningCode  code)
{
  guint i;

  for (i = 0; i < self->warnings->len; i++)
    if (g_array_index (self->warnings, SsaOfferWarning, i).code == code)
      return TRUE;
  return FALSE;
}

const char *
ssa_warning_code_to_string (SsaWarningCode code)
{
  switch (code)
    {
    case SSA_WARNING_VERSION_UNSUPPORTED: return "version-unsupported";
    case SSA_WARNING_VERSION_TOO_OLD: return "version-too-old";
    case SSA_WARNING_VERSION_UNKNOWN: return "version-unknown";
    case SSA_WARNING_BACKPAY: return "backpay";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
ssa_segment_to_string (SsaSegment segment)
{
  switch (segment)
    {
    case SSA_SEGMENT_REGULAR: return "regular";
    case SSA_SEGMENT_BACKPAY: return "backpay";
    case SSA_SEGMENT_COVERED: return "covered";
    case SSA_SEGMENT_EXCLUDED: return "excluded";
    case SSA_SEGMENT_LICENCE: return "licence";
    default:
      g_return_val_if_reached (NULL);
    }
}
