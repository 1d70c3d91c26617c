/* ssa-customer-import.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ssa-db.h"
#include "ssa-inventory.h"

G_BEGIN_DECLS

/* Customer lists exported from accounting systems (CSV): see docs/importing.md, "Customers". */

typedef enum
{
  SSA_CUSTOMER_FIELD_UNKNOWN = 0,  /* a header nobody has mapped yet */
  SSA_CUSTOMER_FIELD_IGNORE,       /* mapped to be left out */
  SSA_CUSTOMER_FIELD_NAME,
  SSA_CUSTOMER_FIELD_ORG_NO,
  SSA_CUSTOMER_FIELD_ADDRESS,
  SSA_CUSTOMER_FIELD_POSTCODE,
  SSA_CUSTOMER_FIELD_CITY,
  SSA_CUSTOMER_FIELD_EMAIL,
  SSA_CUSTOMER_FIELD_CONTACT,
  SSA_CUSTOMER_FIELD_VAT,          /* registered for VAT: ja/nei, yes/no */
  SSA_CUSTOMER_N_FIELDS
} SsaCustomerField;

typedef enum
{
  SSA_CUSTOMER_IMPORT_CREATED,
  SSA_CUSTOMER_IMPORT_UPDATED,
  SSA_CUSTOMER_IMPORT_UNCHANGED
} SsaCustomerImportAction;

/* One customer of the file. Empty cells are %NULL: they keep what is stored. */
typedef struct
{
  guint                    line;      /* the line of the file (from 1) */
  SsaCustomerInfo          info;      /* org_no as its nine digits; address as
                                       * "street, postcode city" */
  SsaCustomerImportAction  action;    /* set by ssa_customer_import_plan() */
  gint64                   id;        /* the stored customer it updates, or 0 */
} SsaCustomerImportRow;

typedef struct
{
  guint created;
  guint updated;
  guint unchanged;
} SsaCustomerImportCounts;

typedef struct _SsaCustomerCsv SsaCustomerCsv;

const char     *ssa_customer_field_to_string   (SsaCustomerField   field);
gboolean        ssa_customer_field_from_string (const char        *text,
                                                SsaCustomerField  *out);
const char     *ssa_customer_field_label       (SsaCustomerField   field);

SsaCustomerCsv *ssa_customer_csv_read          (const char        *data,
                                                gsize              length,
                                                const char        *what,
                                                GError           **error);
SsaCustomerCsv *ssa_customer_csv_read_file     (const char        *path,
                                                GError           **error);
void            ssa_customer_csv_free          (SsaCustomerCsv    *csv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaCustomerCsv, ssa_customer_csv_free)

const char     *ssa_customer_csv_get_what      (SsaCustomerCsv    *csv);
guint           ssa_customer_csv_get_n_columns (SsaCustomerCsv    *csv);
const char     *ssa_customer_csv_get_header    (SsaCustomerCsv    *csv,
                                                guint              column);
SsaCustomerField ssa_customer_csv_get_field    (SsaCustomerCsv    *csv,
                                                guint              column);
gboolean        ssa_customer_csv_map           (SsaCustomerCsv    *csv,
                                                const char        *header,
                                                SsaCustomerField   field,
                                                GError           **error);
void            ssa_customer_csv_set_field     (SsaCustomerCsv    *csv,
                                                guint              column,
                                                SsaCustomerField   field);
char          **ssa_customer_csv_get_unknown   (SsaCustomerCsv    *csv);
GPtrArray      *ssa_customer_csv_get_rows      (SsaCustomerCsv    *csv,
                                                GError           **error);

void            ssa_customer_import_row_free   (SsaCustomerImportRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaCustomerImportRow, ssa_customer_import_row_free)

gboolean        ssa_customer_import_plan       (SsaDb                    *db,
                                                GPtrArray                *rows,
                                                SsaCustomerImportCounts  *counts,
                                                GError                  **error);
gboolean        ssa_customer_import_store      (SsaDb                    *db,
                                                GPtrArray                *rows,
                                                SsaCustomerImportCounts  *counts,
                                                GError                  **error);

G_END_DECLS
