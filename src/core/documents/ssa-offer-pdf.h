/* ssa-offer-pdf.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ssa-document.h"

G_BEGIN_DECLS

/* The printed offer: one renderer that lays the offer out on pages of any size with the
 * layout engine (ssa-pdf-layout.h) and draws any page on any cairo context, in points
 * (1/72 inch). The command
 * line draws it on a cairo PDF surface (ssa_offer_pdf_write()); the window's
 * GtkPrintOperation draws the same pages on the print context (see docs/documents.md). */

/* ISO A4 in points. */
#define SSA_OFFER_PDF_A4_WIDTH  (210.0 / 25.4 * 72.0)
#define SSA_OFFER_PDF_A4_HEIGHT (297.0 / 25.4 * 72.0)

typedef struct _SsaOfferPdf SsaOfferPdf;

SsaOfferPdf *ssa_offer_pdf_new          (const SsaOffer        *offer,
                                         const SsaInventory    *inventory,
                                         const SsaDocumentInfo *info,
                                         GError               **error);
void         ssa_offer_pdf_free         (SsaOfferPdf           *self);
guint        ssa_offer_pdf_paginate     (SsaOfferPdf           *self,
                                         double                 width,
                                         double                 height);
guint        ssa_offer_pdf_get_n_pages  (SsaOfferPdf           *self);
void         ssa_offer_pdf_render_page  (SsaOfferPdf           *self,
                                         cairo_t               *cr,
                                         guint                  page_nr,
                                         double                 width,
                                         double                 height);
gboolean     ssa_offer_pdf_write_output (const SsaOffer        *offer,
                                         const SsaInventory    *inventory,
                                         const SsaDocumentInfo *info,
                                         SsaOutput             *output,
                                         GError               **error);
gboolean     ssa_offer_pdf_write        (const SsaOffer        *offer,
                                         const SsaInventory    *inventory,
                                         const SsaDocumentInfo *info,
                                         const char            *path,
                                         GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaOfferPdf, ssa_offer_pdf_free)

G_END_DECLS
