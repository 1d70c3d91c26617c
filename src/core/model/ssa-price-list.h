/* ssa-price-list.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "ssa-kind.h"

G_BEGIN_DECLS

#define SSA_PRICE_LIST_FORMAT "ssa-desk-pricelist/1"

typedef struct
{
  char   *code;
  char   *name;
  SsaKind kind;
  gint64  list_price;        /* hundredths of the currency */
  gboolean has_ssc_per_year; /* the list gives ssc_per_year itself */
  gint64  ssc_per_year;      /* hundredths of SSC: given, or derived by the rules */
  char  **licence_types;     /* NULL-terminated, possibly empty: licence type strings */
  gboolean ssa_covered;      /* given as "ssa_covered", or the kind's rule */
} SsaPriceListProduct;

typedef struct
{
  char *version;             /* as written, e.g. "14r2" */
  int   major;
  int   release;
  GDate released;
} SsaPriceListVersion;

typedef struct
{
  char      *id;
  GDate      published;                          /* cleared when absent */
  char      *currency;                           /* "NOK" */
  gint64     ssc_price;                          /* hundredths of currency per SSC, > 0 */
  gint64     vat_percent;                        /* hundredths of a percent */
  gint64     annual_rate_percent;                /* hundredths of a percent */
  gint64     backpay_multiplier;                 /* hundredths, >= 100 */
  int        support_window_years;
  int        unsupported_through_major;
  gint64     billing_discount_percent[SSA_N_BILLINGS]; /* [SSA_BILLING_ONCE] is always 0 */
  GPtrArray *products;                           /* SsaPriceListProduct*, in file order */
  GArray    *versions;                           /* SsaPriceListVersion, in file order */
  GArray    *current_releases;                   /* SsaFirmwareVersion, NULL when absent */
  /*< private >*/
  GHashTable *by_code;
  GHashTable *by_licence_type;                   /* type -> SsaPriceListProduct* */
} SsaPriceList;

#define SSA_TYPE_PRICE_LIST (ssa_price_list_get_type ())

GType                      ssa_price_list_get_type      (void) G_GNUC_CONST;
SsaPriceList              *ssa_price_list_new_from_data (const char         *data,
                                                         gsize               length,
                                                         const char         *what,
                                                         GError            **error);
SsaPriceList              *ssa_price_list_new_from_node (JsonNode           *root_node,
                                                         const char         *what,
                                                         GError            **error);
SsaPriceList              *ssa_price_list_new_from_file (const char         *path,
                                                         GError            **error);
SsaPriceList              *ssa_price_list_ref           (SsaPriceList       *self);
void                       ssa_price_list_unref         (SsaPriceList       *self);
const SsaPriceListProduct *ssa_price_list_lookup        (const SsaPriceList *self,
                                                         const char         *code);
const SsaPriceListProduct *ssa_price_list_lookup_licence_type (const SsaPriceList *self,
                                                               const char         *type);
gboolean                   ssa_price_list_has_support_rule (const SsaPriceList *self);
gboolean                   ssa_price_list_version_is_supported (const SsaPriceList *self,
                                                                int                 major,
                                                                int                 release);
char                      *ssa_price_list_dup_supported_text (const SsaPriceList *self);
const SsaPriceListVersion *ssa_price_list_find_version  (const SsaPriceList *self,
                                                         int                 major,
                                                         int                 release);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaPriceList, ssa_price_list_unref)

G_END_DECLS
