/* ssa-offer-mail.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ssa-db-offers.h"
#include "ssa-db.h"
#include "ssa-document.h"
#include "ssa-inventory.h"
#include "ssa-offer.h"

G_BEGIN_DECLS

/* The e-mail that carries a stored offer to its customer: the same message for the window
 * (through the desktop's e-mail portal, or as a draft file) and for `ssa-desk-cli offer
 * export --eml`. No GTK: the window hands the message to the portal itself. */

#define SSA_MAIL_TYPE_PDF  "application/pdf"
#define SSA_MAIL_TYPE_XLSX "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

typedef struct
{
  char *filename;       /* the name the customer sees: "SSA-tilbud 2026-0001.pdf" */
  char *content_type;   /* SSA_MAIL_TYPE_PDF or SSA_MAIL_TYPE_XLSX */
  char *path;           /* the written document */
} SsaMailAttachment;

typedef struct
{
  char      *number;        /* the offer's number, "2026-0001-R2" */
  char      *to_name;       /* the customer's contact, else the customer; nullable */
  char      *to_address;    /* the customer's e-mail; NULL when the customer has none */
  char      *from_name;     /* the reseller; nullable */
  char      *from_address;  /* the reseller's e-mail; nullable */
  char      *subject;
  char      *body;
  GPtrArray *attachments;   /* SsaMailAttachment: the PDF, then the workbook if asked */
} SsaOfferMail;

gboolean      ssa_stored_offer_load_documents (SsaDb               *db,
                                               const SsaDbOffer    *stored,
                                               const char          *lang,
                                               SsaOffer           **out_offer,
                                               SsaInventory       **out_inventory,
                                               SsaDocumentInfo    **out_info,
                                               gboolean            *out_current_seller,
                                               GError             **error);

SsaOfferMail *ssa_offer_mail_new              (SsaDb               *db,
                                               const SsaDbOffer    *stored,
                                               const char          *lang,
                                               gboolean             with_workbook,
                                               const char          *folder,
                                               GError             **error);
void          ssa_offer_mail_free             (SsaOfferMail        *self);
GBytes       *ssa_offer_mail_to_mime          (const SsaOfferMail  *self,
                                               GError             **error);
gboolean      ssa_offer_mail_write_eml        (const SsaOfferMail  *self,
                                               const char          *path,
                                               GError             **error);
const char  **ssa_offer_mail_get_attachment_paths (const SsaOfferMail *self);
char         *ssa_offer_mail_dup_folder       (const char          *number);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaOfferMail, ssa_offer_mail_free)

G_END_DECLS
