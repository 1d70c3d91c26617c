/* ssa-document.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ssa-decimal.h"
#include "ssa-doc-strings.h"
#include "ssa-inventory.h"
#include "ssa-offer.h"
#include "ssa-output.h"

G_BEGIN_DECLS

/* What a customer document (the printed offer, the workbook) shows beyond the offer itself:
 * who offers it, its number, its date and validity, and its language. A plain struct of
 * owned values, so that a snapshot can be handed to a worker thread. */

#define SSA_DOCUMENT_ERROR (ssa_document_error_quark ())

/**
 * SsaDocumentError:
 * @SSA_DOCUMENT_ERROR_LOGO: the reseller's logo could not be read as a PNG image
 * @SSA_DOCUMENT_ERROR_WRITE: the document could not be written
 * @SSA_DOCUMENT_ERROR_TOO_LARGE: the offer does not fit in the document format
 */
typedef enum
{
  SSA_DOCUMENT_ERROR_LOGO,
  SSA_DOCUMENT_ERROR_WRITE,
  SSA_DOCUMENT_ERROR_TOO_LARGE,
} SsaDocumentError;

#define SSA_DOCUMENT_DEFAULT_VALIDITY_DAYS 30

/* The reseller's profile, as the database stores it. Every string is nullable. */
typedef struct
{
  char     *company_name;
  char     *org_no;                /* nine digits; printed "988 077 917 MVA" */
  gboolean  vat_registered;        /* "MVA" after the organisation number */
  gboolean  in_foretaksregisteret; /* "Foretaksregisteret" is printed */
  char     *address;               /* may hold newlines */
  char     *phone;
  char     *email;
  char     *logo_path;             /* a PNG file */
  GBytes   *logo_png;              /* a PNG image's bytes: used instead of logo_path */
  char     *payment_terms;         /* NULL: the document's standard text */
} SsaResellerProfile;

typedef struct
{
  SsaResellerProfile reseller;
  char     *offer_number;          /* "2026-0001"; NULL: an unnumbered draft */
  guint     revision;              /* 0 or 1: the original; 2 and up print "-R2", … */
  GDate     created;               /* cleared: the offer's "today" */
  guint     validity_days;         /* "valid until" is created + this many days */
  SsaLang   lang;
  char     *our_reference;         /* "Vår ref.": the reseller's person; NULL: none printed */
  char     *price_list_name;       /* the price list as a customer reads it; NULL: a generic
                                    * name (never the list's internal id) */
} SsaDocumentInfo;

/**
 * SsaDocumentWriteFunc:
 * @offer: the offer
 * @inventory: the installation it was computed for
 * @info: (nullable): the reseller, number, date and language
 * @output: where to write; the caller commits it
 * @error: a #GError
 *
 * A document writer that writes into an output the caller commits, so that several files
 * are committed together: ssa_offer_pdf_write_output(), ssa_offer_xlsx_write_output().
 */
typedef gboolean (*SsaDocumentWriteFunc) (const SsaOffer        *offer,
                                          const SsaInventory    *inventory,
                                          const SsaDocumentInfo *info,
                                          SsaOutput             *output,
                                          GError               **error);

#define SSA_TYPE_DOCUMENT_INFO (ssa_document_info_get_type ())

GQuark           ssa_document_error_quark          (void);
GType            ssa_document_info_get_type        (void) G_GNUC_CONST;
SsaDocumentInfo *ssa_document_info_new             (void);
SsaDocumentInfo *ssa_document_info_new_sample      (void);
SsaDocumentInfo *ssa_document_info_copy            (const SsaDocumentInfo *self);
void             ssa_document_info_free            (SsaDocumentInfo       *self);
char            *ssa_document_info_dup_number      (const SsaDocumentInfo *self);
gboolean         ssa_document_info_has_seller      (const SsaDocumentInfo *self);
const char      *ssa_document_info_get_price_list_name (const SsaDocumentInfo *self);
void             ssa_document_info_get_created     (const SsaDocumentInfo *self,
                                                    const SsaOffer        *offer,
                                                    GDate                 *out);
void             ssa_document_info_get_valid_until (const SsaDocumentInfo *self,
                                                    const SsaOffer        *offer,
                                                    GDate                 *out);

gboolean         ssa_document_write                (SsaDocumentWriteFunc   write_output,
                                                    const SsaOffer        *offer,
                                                    const SsaInventory    *inventory,
                                                    const SsaDocumentInfo *info,
                                                    const char            *path,
                                                    GError               **error);

/* Shared by the writers: how a document words and formats the offer's values. */
char            *ssa_document_format_percent       (gint64                 hundredths,
                                                    SsaLang                lang);
char            *ssa_document_format_factor        (gint64                 hundredths,
                                                    SsaLang                lang);
char            *ssa_document_format_org_no        (const char            *org_no,
                                                    gboolean               vat_registered);
const char      *ssa_document_billing_label        (SsaBilling             billing,
                                                    SsaLang                lang);
const char      *ssa_document_segment_label        (SsaSegment             segment,
                                                    SsaLang                lang);
char            *ssa_document_warning_text         (const SsaOfferWarning *warning,
                                                    const SsaInventory    *inventory,
                                                    SsaLang                lang);
char            *ssa_document_backpay_note         (const SsaOffer        *offer,
                                                    SsaLang                lang);
const char      *ssa_document_currency_unit        (const SsaOffer        *offer,
                                                    SsaLang                lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaDocumentInfo, ssa_document_info_free)

G_END_DECLS
