/* ssa-offer-row.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-gui-util.h"
#include "ssa-offer-row.h"
#include "ssa-page-common.h"

/* One line of a computed offer as the offer builder lists it. It keeps the line's values
 * and formats its texts only when they are asked for: the builder's list shows a few dozen
 * of thousands of lines, and a line that is never shown is never formatted. When the offer
 * is computed again, ssa_offer_row_update() gives a row its line anew, and the row notifies
 * its texts only when what it shows changed: a change to one line updates that row only. */

struct _SsaOfferRow
{
  GObject     parent_instance;

  /* The line's values, as shown. */
  gint64      quantity;
  char       *name;
  SsaSegment  segment;
  GDate       start;
  GDate       end;
  int         months;
  gint64      ssc;
  gint64      amount_value;
  char       *currency;
  gboolean    heads_group;    /* the first line of the true-up group, under its heading */
  gint64      group_total;    /* heads_group: the group's subtotal */

  /* Formatted when first asked for; NULL until then. */
  char       *title;
  char       *detail;
  char       *amount;
  char       *subtotal;
};

G_DEFINE_FINAL_TYPE (SsaOfferRow, ssa_offer_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DETAIL,
  PROP_AMOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_texts (SsaOfferRow *self)
{
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->amount, g_free);
  g_clear_pointer (&self->subtotal, g_free);
}

static void
ssa_offer_row_finalize (GObject *object)
{
  SsaOfferRow *self = (SsaOfferRow *)object;

  clear_texts (self);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (ssa_offer_row_parent_class)->finalize (object);
}

static void
ssa_offer_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SsaOfferRow *self = SSA_OFFER_ROW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, ssa_offer_row_get_title (self));
      break;

    case PROP_DETAIL:
      g_value_set_string (value, ssa_offer_row_get_detail (self));
      break;

    case PROP_AMOUNT:
      g_value_set_string (value, ssa_offer_row_get_amount (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_offer_row_class_init (SsaOfferRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ssa_offer_row_finalize;
  object_class->get_property = ssa_offer_row_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_AMOUNT] =
    g_param_spec_string ("amount", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_offer_row_init (SsaOfferRow *self)
{
  g_date_clear (&self->start, 1);
  g_date_clear (&self->end, 1);
}

static const char *
segment_label (SsaSegment segment)
{
  switch (segment)
    {
    case SSA_SEGMENT_REGULAR: return _("SSA");
    case SSA_SEGMENT_BACKPAY: return _("Back-payment (double price)");
    case SSA_SEGMENT_COVERED: return _("Already covered");
    case SSA_SEGMENT_EXCLUDED: return _("Not covered: the vendor’s own terms apply");
    case SSA_SEGMENT_LICENCE: return _("Missing licence: bought at the list price");
    default: g_return_val_if_reached ("");
    }
}

static gboolean
dates_equal (const GDate *a,
             const GDate *b)
{
  if (!g_date_valid (a) || !g_date_valid (b))
    return g_date_valid (a) == g_date_valid (b);
  return g_date_compare (a, b) == 0;
}

/* Whether @line of @offer is the first of the true-up group, which the builder's list shows
 * under the group's heading with its subtotal, as the documents do (docs/documents.md). */
static gboolean
heads_true_up (const SsaOffer     *offer,
               const SsaOfferLine *line)
{
  const SsaOfferLine *lines = (const SsaOfferLine *) offer->lines->data;
  gsize index = (gsize) (line - lines);

  if (line->group != SSA_LINE_GROUP_TRUE_UP)
    return FALSE;
  g_return_val_if_fail (line >= lines && index < offer->lines->len, FALSE);
  return index == 0 || lines[index - 1].group != SSA_LINE_GROUP_TRUE_UP;
}

/* Whether the row shows @line of @offer as it shows now. */
static gboolean
shows_line (SsaOfferRow        *self,
            const SsaOffer     *offer,
            const SsaOfferLine *line)
{
  const char *currency = offer->currency;
  gboolean heads = heads_true_up (offer, line);

  return self->heads_group == heads &&
         (!heads || self->group_total == offer->group_totals[line->group]) &&
         self->quantity == line->quantity &&
         self->segment == line->segment &&
         self->months == line->months &&
         self->ssc == line->ssc &&
         self->amount_value == line->amount &&
         dates_equal (&self->start, &line->start) &&
         dates_equal (&self->end, &line->end) &&
         g_strcmp0 (self->name, line->name) == 0 &&
         g_strcmp0 (self->currency, currency) == 0;
}

static void
set_line (SsaOfferRow        *self,
          const SsaOffer     *offer,
          const SsaOfferLine *line)
{
  const char *currency = offer->currency;

  self->heads_group = heads_true_up (offer, line);
  self->group_total = self->heads_group ? offer->group_totals[line->group] : 0;
  self->quantity = line->quantity;
  self->segment = line->segment;
  self->months = line->months;
  self->ssc = line->ssc;
  self->amount_value = line->amount;
  self->start = line->start;
  self->end = line->end;
  if (g_strcmp0 (self->name, line->name) != 0)
    {
      g_free (self->name);
      self->name = g_strdup (line->name);
    }
  if (g_strcmp0 (self->currency, currency) != 0)
    {
      g_free (self->currency);
      self->currency = g_strdup (currency);
    }
  clear_texts (self);
}

/**
 * ssa_offer_row_new:
 * @offer: a computed offer
 * @line: one of its lines (an element of @offer's lines)
 *
 * Returns: (transfer full): the row; it keeps no pointer into @offer
 */
SsaOfferRow *
ssa_offer_row_new (const SsaOffer     *offer,
                   const SsaOfferLine *line)
{
  SsaOfferRow *self = g_object_new (SSA_TYPE_OFFER_ROW, NULL);

  set_line (self, offer, line);
  return self;
}

/**
 * ssa_offer_row_update:
 * @self: a row
 * @offer: a computed offer
 * @line: the line of @offer the row is to show now
 *
 * Gives the row @line, and notifies its texts when they change; it keeps no pointer into
 * @offer.
 *
 * Returns: whether what the row shows changed
 */
gboolean
ssa_offer_row_update (SsaOfferRow        *self,
                      const SsaOffer     *offer,
                      const SsaOfferLine *line)
{
  g_return_val_if_fail (SSA_IS_OFFER_ROW (self), FALSE);

  if (shows_line (self, offer, line))
    return FALSE;

  set_line (self, offer, line);
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AMOUNT]);
  g_object_thaw_notify (G_OBJECT (self));
  return TRUE;
}

const char *
ssa_offer_row_get_title (SsaOfferRow *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ROW (self), NULL);

  if (self->title == NULL)
    {
      g_autofree char *quantity = g_strdup_printf ("%" G_GINT64_FORMAT, self->quantity);

      /* Translators: an offer line's title: quantity × product name, e.g. "20 × PBX-Port14". */
      self->title = g_strdup_printf (_("%s × %s"), quantity, self->name != NULL ? self->name : "");
    }
  return self->title;
}

const char *
ssa_offer_row_get_detail (SsaOfferRow *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ROW (self), NULL);

  if (self->detail != NULL)
    return self->detail;
  if (self->segment == SSA_SEGMENT_REGULAR || self->segment == SSA_SEGMENT_BACKPAY)
    {
      g_autofree char *start = ssa_page_format_date (&self->start);
      g_autofree char *end = ssa_page_format_date (&self->end);
      g_autofree char *ssc = ssa_gui_format_decimal (self->ssc);

      /* Translators: an offer line's details: its kind of segment, its period, the number
       * of months and the SSC, e.g. "SSA · 01.01.2027–31.12.2027 · 12 months · 135,00 SSC". */
      self->detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s · %s–%s · %d month · %s SSC",
                                                   "%s · %s–%s · %d months · %s SSC",
                                                   self->months),
                                      segment_label (self->segment), start, end,
                                      self->months, ssc);
    }
  else
    self->detail = g_strdup (segment_label (self->segment));
  return self->detail;
}

const char *
ssa_offer_row_get_amount (SsaOfferRow *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ROW (self), NULL);

  if (self->amount == NULL)
    self->amount = ssa_page_format_money (self->amount_value, self->currency);
  return self->amount;
}

SsaSegment
ssa_offer_row_get_segment (SsaOfferRow *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ROW (self), SSA_SEGMENT_REGULAR);

  return self->segment;
}

/**
 * ssa_offer_row_get_heading:
 * @self: a row
 *
 * Returns: (nullable): the title of the group of lines this row's line begins, shown above
 *   it: "Missing licences (true-up)" on the first line of an offer's true-up; %NULL on
 *   every other line
 */
const char *
ssa_offer_row_get_heading (SsaOfferRow *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ROW (self), NULL);

  /* The words of the command line's text; the documents use them too. */
  return self->heads_group ? _("Missing licences (true-up)") : NULL;
}

/**
 * ssa_offer_row_get_subtotal:
 * @self: a row
 *
 * Returns: (nullable): the subtotal of the group under ssa_offer_row_get_heading(), as
 *   money ("1 582,88 kr"); %NULL when the row has no heading
 */
const char *
ssa_offer_row_get_subtotal (SsaOfferRow *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ROW (self), NULL);

  if (!self->heads_group)
    return NULL;
  if (self->subtotal == NULL)
    self->subtotal = ssa_page_format_money (self->group_total, self->currency);
  return self->subtotal;
}
