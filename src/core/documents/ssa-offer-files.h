/* ssa-offer-files.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ssa-document.h"

G_BEGIN_DECLS

/**
 * SsaOfferFile:
 * @SSA_OFFER_FILE_JSON: the offer's JSON
 * @SSA_OFFER_FILE_XLSX: the workbook
 * @SSA_OFFER_FILE_PDF: the printed offer
 *
 * The files an offer is written as, in the order they are written.
 */
typedef enum
{
  SSA_OFFER_FILE_JSON,
  SSA_OFFER_FILE_XLSX,
  SSA_OFFER_FILE_PDF,
  SSA_OFFER_N_FILES,
} SsaOfferFile;

/**
 * SsaOfferFilePaths:
 * @paths: where each file goes, indexed by #SsaOfferFile: a path, "-" for standard output,
 *   or %NULL for a file not asked for
 */
typedef struct
{
  const char *paths[SSA_OFFER_N_FILES];
} SsaOfferFilePaths;

gboolean ssa_offer_files_write (const SsaOfferFilePaths  *files,
                                const char               *json,
                                const SsaOffer           *offer,
                                const SsaInventory       *inventory,
                                const SsaDocumentInfo    *info,
                                SsaOfferFile             *out_failed,
                                GError                  **error);

G_END_DECLS
