/* ssa-document-details.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ssa-db-offers.h"
#include "ssa-db.h"
#include "ssa-document.h"
#include "ssa-inventory.h"
#include "ssa-offer.h"
#include "ssa-price-list.h"

G_BEGIN_DECLS

/* Everything a customer document shows beyond the offer's own figures, gathered in one
 * place for the window, the renewal batch and the command line: the seller, the customer
 * in full, the references and the price list's name. See docs/documents.md. */

gboolean  ssa_document_details_load      (SsaDb              *db,
                                          gint64              installation_id,
                                          const SsaDbOffer   *stored,
                                          const SsaPriceList *price_list,
                                          SsaInventory       *inventory,
                                          SsaDocumentInfo    *info,
                                          GError            **error);
void      ssa_document_info_set_from_offer (SsaDocumentInfo  *info,
                                            const SsaDbOffer *offer);
char     *ssa_document_price_list_name   (const SsaPriceList *price_list,
                                          SsaLang             lang);
char     *ssa_document_dup_user_name     (void);

/* An instalment plan (Auto-SSA): what is invoiced when. */
typedef struct
{
  guint  n_invoices;       /* 1 for one invoice */
  guint  interval_months;  /* 12, 3 or 1; 0 for one invoice */
  gint64 first_amount;     /* hundredths, VAT included: the remainder øre are on it */
  gint64 amount;           /* hundredths, every later invoice */
  GDate  first_date;       /* the period's start */
} SsaInstalments;

void      ssa_document_instalments       (const SsaOffer     *offer,
                                          SsaInstalments     *out);
char     *ssa_document_instalments_text  (const SsaOffer     *offer,
                                          SsaLang             lang);

G_END_DECLS
