/* ssa-offer.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ssa-decimal.h"
#include "ssa-inventory.h"
#include "ssa-price-list.h"

G_BEGIN_DECLS

#define SSA_OFFER_FORMAT "ssa-desk-offer/1"
#define SSA_OFFER_MAX_MONTHS 120          /* months (s', e) of one offer */
#define SSA_OFFER_MAX_REQUEST_MONTHS 1200 /* a length N counted from a start long past */
#define SSA_OFFER_MAX_ALTERNATIVES 4      /* alternatives of one offer, the offer itself the
                                           * first (docs/rules.md, "Alternatives") */

typedef enum
{
  SSA_OFFER_END_DEFAULT,      /* 12 months from the start */
  SSA_OFFER_END_DATE,
  SSA_OFFER_END_MONTHS,
  SSA_OFFER_END_CO_TERM,      /* the installation's ssa_expiry: a top-up (docs/rules.md) */
} SsaOfferEndKind;

/* One more priced alternative of an offer: the terms it changes in the offer's request
 * (docs/rules.md, "Alternatives"); what it does not set is the request's. */
typedef struct
{
  gboolean        has_end;        /* end_kind, end and months replace the request's */
  SsaOfferEndKind end_kind;
  GDate           end;            /* with SSA_OFFER_END_DATE */
  int             months;         /* with SSA_OFFER_END_MONTHS */
  gboolean        has_billing;
  SsaBilling      billing;
} SsaOfferAlternative;

/* Licences the PBX uses beyond those owned, to be bought (docs/rules.md, "True-up"). */
typedef struct
{
  char       *code;               /* an article of the price list */
  gint64      quantity;           /* 1 to 1 000 000 */
} SsaTrueUpItem;

GArray      *ssa_true_up_items_new    (void);

typedef struct
{
  GDate           start;          /* cleared: the default start */
  SsaOfferEndKind end_kind;
  GDate           end;            /* with SSA_OFFER_END_DATE */
  int             months;         /* with SSA_OFFER_END_MONTHS, 1 to 1200 */
  GDate           today;          /* cleared: the local date */
  SsaBilling      billing;
  gint64          discount_percent; /* hundredths of a percent, 0 to 10000 */
  gboolean        has_labour;
  gint64          labour_hours;   /* hundredths of an hour */
  gint64          labour_rate;    /* hundredths of the currency per hour */
  SsaLang         lang;           /* the language of the offer's documents; not used by
                                   * the calculation, stored with the offer */
  gboolean        true_up;        /* propose the missing licences (stored with the offer) */
  GArray         *true_up_items;  /* SsaTrueUpItem, the caller's; NULL or empty: none */
  guint           n_alternatives; /* alternatives 2 and on; 0: the offer has none */
  SsaOfferAlternative alternatives[SSA_OFFER_MAX_ALTERNATIVES - 1];
} SsaOfferRequest;

typedef enum
{
  SSA_SEGMENT_REGULAR,
  SSA_SEGMENT_BACKPAY,
  SSA_SEGMENT_COVERED,
  SSA_SEGMENT_EXCLUDED,
  SSA_SEGMENT_LICENCE,        /* new licences bought: quantity × the list price */
} SsaSegment;

/* The sections of an offer's lines; each has its subtotal in the documents. */
typedef enum
{
  SSA_LINE_GROUP_SSA = 0,     /* the SSA of the installation's licences */
  SSA_LINE_GROUP_TRUE_UP,     /* missing licences (true-up) and their SSA */
  SSA_N_LINE_GROUPS
} SsaLineGroup;

typedef struct
{
  const char *code;           /* owned by the offer */
  const char *name;
  SsaKind    kind;
  gint64     quantity;
  SsaSegment segment;
  GDate      start;           /* regular and backpay only */
  GDate      end;
  int        months;
  gint64     ssc_per_year;    /* hundredths of SSC; 0 on excluded lines */
  gint64     ssc;             /* hundredths of SSC */
  gint64     amount;          /* hundredths of the currency */
  guint      inventory_index; /* the line of the inventory this row comes from;
                               * SSA_OFFER_NO_INVENTORY_LINE in the true-up group */
  SsaLineGroup group;
  gint64     unit_price;      /* licence lines: the list price of one */
} SsaOfferLine;

#define SSA_OFFER_NO_INVENTORY_LINE G_MAXUINT

typedef enum
{
  SSA_WARNING_VERSION_UNSUPPORTED,
  SSA_WARNING_VERSION_TOO_OLD,
  SSA_WARNING_VERSION_UNKNOWN,
  SSA_WARNING_BACKPAY,
} SsaWarningCode;

typedef struct
{
  SsaWarningCode code;
  char          *message;     /* translated in the locale the offer was computed in */
} SsaOfferWarning;

typedef struct
{
  gint64 ssc;
  gint64 regular;
  gint64 backpay;
  gint64 licences;            /* the true-up's new licences (never billing-discounted) */
  gint64 billing_discount;
  gint64 discount;
  gint64 labour;
  gint64 subtotal;
  gint64 net;
  gint64 vat;
  gint64 total;
} SsaOfferTotals;

typedef struct
{
  char           *price_list_id;
  char           *currency;
  GDate           today;
  GDate           start;      /* the effective start s' */
  GDate           end;
  SsaBilling      billing;
  /* The inputs of the computation, for documents that recompute it. */
  gint64          ssc_price;
  gint64          vat_percent;
  gint64          backpay_multiplier;
  gint64          billing_discount_percent;
  gint64          discount_percent;
  gboolean        has_labour;
  gint64          labour_hours;
  gint64          labour_rate;
  GArray         *lines;      /* SsaOfferLine */
  GArray         *warnings;   /* SsaOfferWarning */
  SsaOfferTotals  totals;
  gint64          group_totals[SSA_N_LINE_GROUPS]; /* the sum of each group's amounts */
  /* Alternatives 2 and on (SsaOffer, each a complete offer without alternatives of its
   * own); NULL or empty when the offer is its only alternative. */
  GPtrArray      *alternatives;
  /*< private >*/
  GStringChunk   *strings;    /* owns the lines' codes and names */
} SsaOffer;

/* Where a line's coverage end comes from, in the order docs/rules.md tries them. */
typedef enum
{
  SSA_COVERAGE_END_NONE,          /* none at all: an input error on a line of a covered kind */
  SSA_COVERAGE_END_COVERED_UNTIL, /* the line's covered_until */
  SSA_COVERAGE_END_ADDED_ON,      /* the day before the line's added_on */
  SSA_COVERAGE_END_SSA_EXPIRY,    /* the installation's ssa_expiry */
} SsaCoverageEndSource;

/* One licence line as the offer calculator sees it, whatever the rest of the offer. */
typedef struct
{
  const SsaPriceListProduct *product; /* NULL: the price list does not have the code */
  const char          *name;          /* the product's name, else the line's, else its code */
  gboolean             has_kind;      /* FALSE: no product, and the line says no kind */
  SsaKind              kind;          /* the product's kind, else the line's own */
  gboolean             refused;       /* no product, and the line is not third-party */
  SsaCoverageEndSource coverage_end_source;
  GDate                coverage_end;  /* cleared with SSA_COVERAGE_END_NONE */
} SsaResolvedLine;

#define SSA_TYPE_OFFER (ssa_offer_get_type ())

void         ssa_offer_request_init   (SsaOfferRequest       *request);
gboolean     ssa_offer_alternative_parse (const char         *spec,
                                          SsaOfferAlternative *out,
                                          GError            **error);
void         ssa_offer_alternative_apply (const SsaOfferRequest     *base,
                                          const SsaOfferAlternative *alternative,
                                          SsaOfferRequest           *out);
guint        ssa_offer_get_n_alternatives (const SsaOffer    *self);
const SsaOffer *ssa_offer_get_alternative (const SsaOffer     *self,
                                          guint               n);
void         ssa_offer_resolve_line   (const SsaPriceList    *price_list,
                                       const GDate           *ssa_expiry,
                                       const SsaInventoryLine *line,
                                       SsaResolvedLine       *out);

gboolean     ssa_offer_wants_co_term  (const SsaPriceList    *price_list,
                                       const SsaInventory    *inventory,
                                       const GDate           *today);

GType        ssa_offer_get_type       (void) G_GNUC_CONST;
SsaOffer    *ssa_offer_compute        (const SsaPriceList    *price_list,
                                       const SsaInventory    *inventory,
                                       const SsaOfferRequest *request,
                                       GError               **error);
SsaOffer    *ssa_offer_copy           (const SsaOffer        *self);
void         ssa_offer_free           (SsaOffer              *self);
gboolean     ssa_offer_has_true_up    (const SsaOffer        *self);
const char  *ssa_line_group_to_string (SsaLineGroup          group);
gboolean     ssa_offer_has_warning    (const SsaOffer        *self,
                                       SsaWarningCode         code);
const char  *ssa_warning_code_to_string (SsaWarningCode      code);
const char  *ssa_segment_to_string    (SsaSegment            segment);
char        *ssa_offer_to_json        (const SsaOffer        *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaOffer, ssa_offer_free)

G_END_DECLS
