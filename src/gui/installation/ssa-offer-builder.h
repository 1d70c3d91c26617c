/* ssa-offer-builder.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-installation.h"
#include "ssa-offer.h"
#include "ssa-price-list.h"

G_BEGIN_DECLS

#define SSA_TYPE_OFFER_BUILDER (ssa_offer_builder_get_type ())

G_DECLARE_FINAL_TYPE (SsaOfferBuilder, ssa_offer_builder, SSA, OFFER_BUILDER, AdwBin)

typedef enum
{
  SSA_OFFER_DOCUMENT_PDF,
  SSA_OFFER_DOCUMENT_XLSX,
} SsaOfferDocument;

GtkWidget       *ssa_offer_builder_new              (void);
SsaInstallation *ssa_offer_builder_get_installation (SsaOfferBuilder       *self);
void             ssa_offer_builder_set_installation (SsaOfferBuilder       *self,
                                                     SsaInstallation       *installation);
SsaPriceList    *ssa_offer_builder_get_price_list   (SsaOfferBuilder       *self);
void             ssa_offer_builder_set_price_list   (SsaOfferBuilder       *self,
                                                     SsaPriceList          *price_list);
const char      *ssa_offer_builder_get_db_path      (SsaOfferBuilder       *self);
void             ssa_offer_builder_set_read_only    (SsaOfferBuilder       *self,
                                                     gboolean               read_only);
void             ssa_offer_builder_set_db_path      (SsaOfferBuilder       *self,
                                                     const char            *db_path);
void             ssa_offer_builder_set_defaults     (SsaOfferBuilder       *self,
                                                     guint                  validity_days,
                                                     gboolean               has_labour_rate,
                                                     gint64                 labour_rate);
gboolean         ssa_offer_builder_get_request      (SsaOfferBuilder       *self,
                                                     SsaOfferRequest       *out);
void             ssa_offer_builder_set_request      (SsaOfferBuilder       *self,
                                                     const SsaOfferRequest *request);
const char      *ssa_offer_builder_get_revising     (SsaOfferBuilder       *self);
void             ssa_offer_builder_set_revising     (SsaOfferBuilder       *self,
                                                     const char            *number);
const SsaOffer  *ssa_offer_builder_get_offer        (SsaOfferBuilder       *self);
const char      *ssa_offer_builder_get_total_text   (SsaOfferBuilder       *self);
const char      *ssa_offer_builder_get_error_text   (SsaOfferBuilder       *self);
GListModel      *ssa_offer_builder_get_lines        (SsaOfferBuilder       *self);
void             ssa_offer_builder_save_document    (SsaOfferBuilder       *self,
                                                     SsaOfferDocument       document,
                                                     GFile                 *file);
void             ssa_offer_builder_print_to_file    (SsaOfferBuilder       *self,
                                                     GFile                 *file);

G_END_DECLS
