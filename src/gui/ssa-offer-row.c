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

/* One line of a computed offer as the offer builder lists it: its texts, formatted once
 * when the offer is computed. Immutable. */

struct _SsaOfferRow
{
  GObject     parent_instance;

  char       *title;
  char       *detail;
  char       *amount;
  SsaSegment  segment;
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
ssa_offer_row_finalize (GObject *object)
{
  SsaOfferRow *self = (SsaOfferRow *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->amount, g_free);

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
      g_value_set_string (value, self->title);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    case PROP_AMOUNT:
      g_value_set_string (value, self->amount);
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
    default: g_return_val_if_reached ("");
    }
}

/**
 * ssa_offer_row_new:
 * @offer: a computed offer
 * @line: one of its lines
 *
 * Returns: (transfer full): the row; it keeps no pointer into @offer
 */
SsaOfferRow *
ssa_offer_row_new (const SsaOffer     *offer,
                   const SsaOfferLine *line)
{
  SsaOfferRow *self = g_object_new (SSA_TYPE_OFFER_ROW, NULL);
  g_autofree char *quantity = g_strdup_printf ("%" G_GINT64_FORMAT, line->quantity);

  /* Translators: an offer line's title: quantity × product name, e.g. "20 × PBX-Port14". */
  self->title = g_strdup_printf (_("%s × %s"), quantity, line->name);
  self->segment = line->segment;

  if (line->segment == SSA_SEGMENT_REGULAR || line->segment == SSA_SEGMENT_BACKPAY)
    {
      g_autofree char *start = ssa_page_format_date (&line->start);
      g_autofree char *end = ssa_page_format_date (&line->end);
      g_autofree char *ssc = ssa_gui_format_decimal (line->ssc);

      /* Translators: an offer line's details: its kind of segment, its period, the number
       * of months and the SSC, e.g. "SSA · 01.01.2027–31.12.2027 · 12 months · 135,00 SSC". */
      self->detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s · %s–%s · %d month · %s SSC",
                                                   "%s · %s–%s · %d months · %s SSC",
                                                   line->months),
                                      segment_label (line->segment), start, end,
                                      line->months, ssc);
    }
  else
    self->detail = g_strdup (segment_label (line->segment));

  self->amount = ssa_page_format_money (line->amount, offer->currency);
  return self;
}

const char *
ssa_offer_row_get_title (SsaOfferRow *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ROW (self), NULL);

  return self->title;
}

const char *
ssa_offer_row_get_detail (SsaOfferRow *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ROW (self), NULL);

  return self->detail;
}

const char *
ssa_offer_row_get_amount (SsaOfferRow *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ROW (self), NULL);

  return self->amount;
}

SsaSegment
ssa_offer_row_get_segment (SsaOfferRow *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_ROW (self), SSA_SEGMENT_REGULAR);

  return self->segment;
}
