/* ssa-offer-xlsx.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ssa-document.h"

G_BEGIN_DECLS

/* The offer as an Excel workbook (libxlsxwriter) whose sheet "Tilbud" recomputes the offer
 * by the rules of docs/rules.md in Excel or LibreOffice. The cells the workbook defines
 * names for (SSA_SscPrice, SSA_Total, …) are listed in docs/documents.md. */

gboolean ssa_offer_xlsx_write_output (const SsaOffer        *offer,
                                      const SsaInventory    *inventory,
                                      const SsaDocumentInfo *info,
                                      SsaOutput             *output,
                                      GError               **error);
gboolean ssa_offer_xlsx_write        (const SsaOffer        *offer,
                                      const SsaInventory    *inventory,
                                      const SsaDocumentInfo *info,
                                      const char            *path,
                                      GError               **error);

G_END_DECLS
