/* ssa-cli-text.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-cli.h"
#include "ssa-date.h"

/* The offer as readable text for a terminal: what `quote` prints without `--json -`. */

static const char *
segment_label (SsaSegment segment)
{
  switch (segment)
    {
    case SSA_SEGMENT_REGULAR: return _("renewal");
    case SSA_SEGMENT_BACKPAY: return _("back-payment");
    case SSA_SEGMENT_COVERED: return _("already covered");
    case SSA_SEGMENT_EXCLUDED: return _("not covered");
    case SSA_SEGMENT_LICENCE: return _("new licence");
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
append_total (GString    *out,
              const char *label,
              gint64      value,
              const char *currency,
              SsaLang     lang)
{
  g_autofree char *money = ssa_money_format (value, currency, lang);

  g_string_append (out, "  ");
  ssa_cli_append_padded (out, label, 34, FALSE);
  ssa_cli_append_padded (out, money, 20, TRUE);
  g_string_append_c (out, '\n');
}

/* The lines of @group, or of every group with @all_groups, one a row. */
static void
append_lines (GString        *out,
              const SsaOffer *offer,
              gboolean        all_groups,
              SsaLineGroup    group,
              SsaLang         lang)
{
  for (guint i = 0; i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);
      g_autofree char *qty = g_strdup_printf ("%" G_GINT64_FORMAT, line->quantity);
      g_autofree char *from = ssa_date_is_set (&line->start) ? ssa_date_format (&line->start, lang) : g_strdup ("");
      g_autofree char *to = ssa_date_is_set (&line->end) ? ssa_date_format (&line->end, lang) : g_strdup ("");
      g_autofree char *months = g_strdup_printf ("%d", line->months);
      g_autofree char *ssc = ssa_decimal_format (line->ssc, lang);
      g_autofree char *amount = ssa_decimal_format (line->amount, lang);

      if (!all_groups && line->group != group)
        continue;
      ssa_cli_append_padded (out, line->code, 14, FALSE);
      g_string_append_c (out, ' ');
      ssa_cli_append_padded (out, line->name, 28, FALSE);
      ssa_cli_append_padded (out, qty, 8, TRUE);
      g_string_append (out, "  ");
      ssa_cli_append_padded (out, segment_label (line->segment), 16, FALSE);
      ssa_cli_append_padded (out, from, 11, FALSE);
      ssa_cli_append_padded (out, to, 11, FALSE);
      ssa_cli_append_padded (out, months, 5, TRUE);
      ssa_cli_append_padded (out, ssc, 12, TRUE);
      ssa_cli_append_padded (out, amount, 16, TRUE);
      g_string_append_c (out, '\n');
    }
}

char *
ssa_cli_offer_to_text (const SsaOffer     *offer,
                       const SsaInventory *inventory,
                       SsaLang             lang)
{
  GString *out = g_string_new (NULL);
  const SsaOfferTotals *t = &offer->totals;
  g_autofree char *start = ssa_date_format (&offer->start, lang);
  g_autofree char *end = ssa_date_format (&offer->end, lang);
  g_autofree char *today = ssa_date_format (&offer->today, lang);
  guint i;

  g_string_append_printf (out, _("SSA offer for %s"),
                          inventory->name != NULL ? inventory->name : _("(unnamed installation)"));
  if (inventory->customer.name != NULL)
    g_string_append_printf (out, " – %s", inventory->customer.name);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Period %s – %s, billing: %s, price list %s, computed %s\n\n"),
                          start, end, ssa_billing_get_label (offer->billing),
                          offer->price_list_id, today);

  ssa_cli_append_padded (out, _("Article"), 14, FALSE);
  g_string_append_c (out, ' ');
  ssa_cli_append_padded (out, _("Product"), 28, FALSE);
  ssa_cli_append_padded (out, _("Qty"), 8, TRUE);
  g_string_append (out, "  ");
  ssa_cli_append_padded (out, _("Segment"), 16, FALSE);
  ssa_cli_append_padded (out, _("From"), 11, FALSE);
  ssa_cli_append_padded (out, _("To"), 11, FALSE);
  ssa_cli_append_padded (out, _("Mon."), 5, TRUE);
  ssa_cli_append_padded (out, _("SSC"), 12, TRUE);
  ssa_cli_append_padded (out, _("Amount"), 16, TRUE);
  g_string_append_c (out, '\n');

  /* With a true-up, each group of lines under its title, with its subtotal. */
  if (!ssa_offer_has_true_up (offer))
    append_lines (out, offer, TRUE, SSA_LINE_GROUP_SSA, lang);
  else
    for (guint g = 0; g < SSA_N_LINE_GROUPS; g++)
      {
        g_string_append_printf (out, "%s%s:\n", g > 0 ? "\n" : "",
                                g == SSA_LINE_GROUP_TRUE_UP ? _("Missing licences (true-up)")
                                                            : _("SSA of the licences owned"));
        append_lines (out, offer, FALSE, g, lang);
        append_total (out, _("Subtotal"), offer->group_totals[g], offer->currency, lang);
      }

  g_string_append_c (out, '\n');
  {
    g_autofree char *ssc = ssa_decimal_format (t->ssc, lang);

    g_string_append (out, "  ");
    ssa_cli_append_padded (out, _("Software Service Credits (SSC)"), 34, FALSE);
    ssa_cli_append_padded (out, ssc, 20, TRUE);
    g_string_append_c (out, '\n');
  }
  append_total (out, _("Renewal"), t->regular, offer->currency, lang);
  append_total (out, _("Back-payment"), t->backpay, offer->currency, lang);
  if (ssa_offer_has_true_up (offer))
    append_total (out, _("Missing licences (true-up)"), t->licences, offer->currency, lang);
  if (t->billing_discount > 0)
    append_total (out, _("Billing discount"), -t->billing_discount, offer->currency, lang);
  if (t->discount > 0)
    append_total (out, _("Discount"), -t->discount, offer->currency, lang);
  if (offer->has_labour)
    append_total (out, _("Upgrade labour"), t->labour, offer->currency, lang);
  append_total (out, _("Total excl. VAT"), t->net, offer->currency, lang);
  {
    g_autofree char *rate = ssa_decimal_format (offer->vat_percent, lang);
    g_autofree char *label = NULL;

    /* Whole percentages read better without decimals: "25 %", not "25,00 %". */
    if (offer->vat_percent % 100 == 0)
      {
        g_free (rate);
        rate = g_strdup_printf ("%" G_GINT64_FORMAT, offer->vat_percent / 100);
      }
    label = g_strdup_printf (_("VAT %s %%"), rate);
    append_total (out, label, t->vat, offer->currency, lang);
  }
  append_total (out, _("Total incl. VAT"), t->total, offer->currency, lang);

  if (offer->warnings->len > 0)
    {
      g_string_append_printf (out, "\n%s\n", _("Warnings:"));
      for (i = 0; i < offer->warnings->len; i++)
        g_string_append_printf (out, "  • %s\n",
                                g_array_index (offer->warnings, SsaOfferWarning, i).message);
    }

  /* The alternatives side by side, one line each; --json holds their lines. */
  if (ssa_offer_get_n_alternatives (offer) > 1)
    {
      g_string_append_printf (out, "\n%s\n",
                              _("Alternatives (each a complete offer; the customer chooses "
                                "one):"));
      for (guint n = 1; n <= ssa_offer_get_n_alternatives (offer); n++)
        {
          const SsaOffer *alternative = ssa_offer_get_alternative (offer, n);
          g_autofree char *a_start = ssa_date_format (&alternative->start, lang);
          g_autofree char *a_end = ssa_date_format (&alternative->end, lang);
          g_autofree char *total = ssa_money_format (alternative->totals.total,
                                                     alternative->currency, lang);

          /* Translators: "  2. 01.12.2026 – 30.11.2029, quarterly: 7 810,01 kr incl. VAT". */
          g_string_append_printf (out, _("  %u. %s – %s, %s: %s incl. VAT\n"), n, a_start,
                                  a_end, ssa_billing_get_label (alternative->billing), total);
        }
    }

  return g_string_free (out, FALSE);
}
