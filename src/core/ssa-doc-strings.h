/* ssa-doc-strings.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ssa-decimal.h"
#include "ssa-kind.h"

G_BEGIN_DECLS

/* The text of the customer documents (the printed offer and the workbook), in the
 * document's own language rather than the process locale: a document in Bokmål comes out
 * in Bokmål under LC_ALL=C, on a system without an nb_NO locale, and next to a window that
 * runs in English. See docs/documents.md, "Language". */

typedef enum
{
  SSA_DOC_TITLE,
  SSA_DOC_SUBJECT,
  SSA_DOC_OFFER_NUMBER,
  SSA_DOC_DRAFT,
  SSA_DOC_REVISION,
  SSA_DOC_DATE,
  SSA_DOC_VALID_UNTIL,
  SSA_DOC_PRICE_LIST,
  SSA_DOC_RESELLER,
  SSA_DOC_CUSTOMER,
  SSA_DOC_ORG_NO,
  SSA_DOC_ADDRESS,
  SSA_DOC_CONTACT,
  SSA_DOC_EMAIL,
  SSA_DOC_PHONE,
  SSA_DOC_INSTALLATION,
  SSA_DOC_NAME,
  SSA_DOC_SERIAL,
  SSA_DOC_FIRMWARE,
  SSA_DOC_CURRENT_SSA_END,
  SSA_DOC_NO_SSA,
  SSA_DOC_PERIOD,
  SSA_DOC_PERIOD_FROM,
  SSA_DOC_PERIOD_TO,
  SSA_DOC_BILLING,
  SSA_DOC_BILLING_ONCE,
  SSA_DOC_BILLING_ANNUAL,
  SSA_DOC_BILLING_QUARTERLY,
  SSA_DOC_BILLING_MONTHLY,
  SSA_DOC_COL_ARTICLE,
  SSA_DOC_COL_PRODUCT,
  SSA_DOC_COL_QUANTITY,
  SSA_DOC_COL_FROM,
  SSA_DOC_COL_TO,
  SSA_DOC_COL_MONTHS,
  SSA_DOC_COL_SSC,
  SSA_DOC_COL_AMOUNT,
  SSA_DOC_COL_SEGMENT,
  SSA_DOC_COL_SSC_PER_YEAR,
  SSA_DOC_COL_KIND,
  SSA_DOC_COL_ADDED,
  SSA_DOC_COL_COVERED_UNTIL,
  SSA_DOC_COL_IN_SSA,
  SSA_DOC_COL_NOTE,
  SSA_DOC_YES,
  SSA_DOC_NO,
  SSA_DOC_SECTION_LINES,
  SSA_DOC_SECTION_COVERED,
  SSA_DOC_SECTION_EXCLUDED,
  SSA_DOC_NO_LINES,
  SSA_DOC_SEGMENT_REGULAR,
  SSA_DOC_SEGMENT_BACKPAY,
  SSA_DOC_SEGMENT_COVERED,
  SSA_DOC_SEGMENT_EXCLUDED,
  SSA_DOC_BACKPAY_MARK,
  SSA_DOC_BACKPAY_NOTE,
  SSA_DOC_COVERED_NOTE,
  SSA_DOC_COVERED_MARK,
  SSA_DOC_EXCLUDED_NOTE,
  SSA_DOC_EXCLUDED_MARK,
  SSA_DOC_TOTAL_SSC,
  SSA_DOC_TOTAL_REGULAR,
  SSA_DOC_TOTAL_BACKPAY,
  SSA_DOC_TOTAL_BILLING_DISCOUNT,
  SSA_DOC_TOTAL_SUBTOTAL,
  SSA_DOC_TOTAL_DISCOUNT,
  SSA_DOC_TOTAL_LABOUR,
  SSA_DOC_TOTAL_NET,
  SSA_DOC_TOTAL_VAT,
  SSA_DOC_TOTAL_TOTAL,
  SSA_DOC_PERCENT,
  SSA_DOC_HOURS,
  SSA_DOC_LABOUR_NOTE,
  SSA_DOC_WARNINGS,
  SSA_DOC_WARN_UNSUPPORTED,
  SSA_DOC_WARN_TOO_OLD,
  SSA_DOC_WARN_UNKNOWN,
  SSA_DOC_WARN_UNKNOWN_NONE,
  SSA_DOC_INCLUDES,
  SSA_DOC_INCLUDES_SOFTWARE,
  SSA_DOC_INCLUDES_MAJOR,
  SSA_DOC_EXCLUDES,
  SSA_DOC_EXCLUDES_LABOUR,
  SSA_DOC_EXCLUDES_THIRD_PARTY,
  SSA_DOC_PAYMENT_TERMS,
  SSA_DOC_PAYMENT_DEFAULT,
  SSA_DOC_PAGE,
  SSA_DOC_OFFER_FOOTER,
  SSA_DOC_SHEET_OFFER,
  SSA_DOC_SHEET_LICENCES,
  SSA_DOC_INPUTS,
  SSA_DOC_INPUT_SSC_PRICE,
  SSA_DOC_INPUT_MULTIPLIER,
  SSA_DOC_INPUT_VAT,
  SSA_DOC_INPUT_BILLING_DISCOUNT,
  SSA_DOC_INPUT_DISCOUNT,
  SSA_DOC_INPUT_LABOUR_HOURS,
  SSA_DOC_INPUT_LABOUR_RATE,
  SSA_DOC_INPUT_HINT,
  SSA_DOC_TOTALS,
  SSA_DOC_XLSX_BILLING_DISCOUNT,
  SSA_DOC_XLSX_DISCOUNT,
  SSA_DOC_XLSX_LABOUR,
  SSA_DOC_XLSX_VAT,
  SSA_DOC_XLSX_PAGE,
  SSA_DOC_KIND_SWITCHBOARD,
  SSA_DOC_KIND_PORT,
  SSA_DOC_KIND_MOBILITY,
  SSA_DOC_KIND_GSM,
  SSA_DOC_KIND_VOICEMAIL,
  SSA_DOC_KIND_STANDBY,
  SSA_DOC_KIND_SOFTPHONE,
  SSA_DOC_KIND_APP,
  SSA_DOC_KIND_THIRD_PARTY,
  SSA_DOC_KIND_HARDWARE,
  SSA_DOC_KIND_SERVICE,
  SSA_DOC_MAIL_SUBJECT,
  SSA_DOC_MAIL_BODY,
  SSA_DOC_MAIL_GREETING,
  SSA_DOC_MAIL_FILE,
  SSA_N_DOC_STRINGS
} SsaDocString;

/* The gettext context of every document string in po/nb.po. */
#define SSA_DOC_STRINGS_CONTEXT "offer document"

const char *ssa_doc_string               (SsaLang       lang,
                                          SsaDocString  id);
char       *ssa_doc_string_printf        (SsaLang       lang,
                                          SsaDocString  id,
                                          ...);
const char *ssa_doc_string_kind          (SsaLang       lang,
                                          SsaKind       kind);
const char *ssa_doc_string_english       (SsaDocString  id);
const char *ssa_doc_string_builtin       (SsaLang       lang,
                                          SsaDocString  id);
void        ssa_doc_strings_set_localedir (const char   *localedir);
char       *ssa_doc_strings_dup_catalogue_path (void);

G_END_DECLS
