/* ssa-offer-files.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-documents"

#include "config.h"

#include <string.h>

#include "ssa-offer-files.h"
#include "ssa-offer-pdf.h"
#include "ssa-offer-xlsx.h"
#include "ssa-output.h"

/* The one place an offer's files are written from, whoever asks: the command line
 * (quote, offer create/revise/export), the window's Save PDF and Export to Excel, the
 * renewal batch and the e-mail's attachments. */

static const SsaDocumentWriteFunc writers[SSA_OFFER_N_FILES] = {
  [SSA_OFFER_FILE_JSON] = NULL,
  [SSA_OFFER_FILE_XLSX] = ssa_offer_xlsx_write_output,
  [SSA_OFFER_FILE_PDF] = ssa_offer_pdf_write_output,
};

static gboolean
fail (SsaOfferFile  file,
      SsaOfferFile *out_failed)
{
  if (out_failed != NULL)
    *out_failed = file;
  return FALSE;
}

/**
 * ssa_offer_files_write:
 * @files: where each file goes
 * @json: (nullable): the offer's JSON text; needed when the JSON is asked for
 * @offer: the offer
 * @inventory: the installation it was computed for
 * @info: (nullable): what the documents show beyond the offer (seller, customer, number,
 *   language); needed for the workbook and the printed offer
 * @out_failed: (out) (optional): which file failed, when one did
 * @error: a #GError
 *
 * Writes the files @files asks for through ssa_output_open() (docs/documents.md): each is
 * written completely, files to temporary files beside them, before any is committed, so a
 * failure leaves none of them. A commit can still fail (a FIFO or device is written only
 * then, and a file's last flush can find the disk full): those that fail most often go
 * first and standard output last, so that it gets nothing when a file fails; the files
 * committed before a failure stay.
 *
 * Returns: whether every file asked for was written
 */
gboolean
ssa_offer_files_write (const SsaOfferFilePaths  *files,
                       const char               *json,
                       const SsaOffer           *offer,
                       const SsaInventory       *inventory,
                       const SsaDocumentInfo    *info,
                       SsaOfferFile             *out_failed,
                       GError                  **error)
{
  SsaOutput *outputs[SSA_OFFER_N_FILES] = { NULL, };
  gboolean ok = TRUE;
  guint i;

  g_return_val_if_fail (files != NULL, FALSE);
  g_return_val_if_fail (files->paths[SSA_OFFER_FILE_JSON] == NULL || json != NULL, FALSE);
  g_return_val_if_fail (offer != NULL && inventory != NULL, FALSE);
  g_return_val_if_fail (info != NULL || (files->paths[SSA_OFFER_FILE_XLSX] == NULL &&
                                         files->paths[SSA_OFFER_FILE_PDF] == NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (i = 0; ok && i < SSA_OFFER_N_FILES; i++)
    {
      if (files->paths[i] == NULL)
        continue;
      outputs[i] = ssa_output_open (files->paths[i], error);
      if (outputs[i] == NULL)
        ok = FALSE;
      else if (writers[i] == NULL)
        ok = ssa_output_write (outputs[i], json, strlen (json), error);
      else
        ok = writers[i] (offer, inventory, info, outputs[i], error);
      if (!ok)
        fail (i, out_failed);
    }

  /* Written through first (a device, a pipe), then files, then standard output. */
  for (guint pass = 0; ok && pass < 3; pass++)
    for (i = 0; ok && i < SSA_OFFER_N_FILES; i++)
      {
        gboolean stdout_file;
        gboolean through;

        if (outputs[i] == NULL)
          continue;
        stdout_file = ssa_output_is_stdout (files->paths[i]);
        through = ssa_output_is_written_through (outputs[i]);
        if ((pass == 0 && through && !stdout_file) ||
            (pass == 1 && !through && !stdout_file) ||
            (pass == 2 && stdout_file))
          {
            ok = ssa_output_commit (outputs[i], error);
            if (!ok)
              fail (i, out_failed);
          }
      }

  for (i = 0; i < SSA_OFFER_N_FILES; i++)
    g_clear_pointer (&outputs[i], ssa_output_free);
  return ok;
}
