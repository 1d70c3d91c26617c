/* ssa-db-price-lists.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ssa-db.h"
#include "ssa-price-list.h"

G_BEGIN_DECLS

/* Price lists in the database (ssa-db-price-list.c): every list stored with where it came
 * from, one of them current. */

/* Price lists. */

typedef struct
{
  const char *source_url;       /* nullable: where it was fetched from */
  const char *fetched_at;       /* nullable: ISO 8601 time of the fetch */
  const char *etag;             /* nullable */
  const char *last_modified;    /* nullable */
} SsaDbPriceListSource;

typedef struct
{
  gint64    row_id;
  char     *list_id;            /* the document's "id" */
  char     *sha256;             /* of the document's bytes, lower-case hex */
  char     *source_url;         /* nullable */
  char     *fetched_at;         /* nullable */
  char     *etag;               /* nullable */
  char     *last_modified;      /* nullable */
  char     *imported_at;        /* ISO 8601 UTC time it was stored */
  gboolean  is_current;
} SsaDbPriceListInfo;

void         ssa_db_price_list_info_free (SsaDbPriceListInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaDbPriceListInfo, ssa_db_price_list_info_free)

gboolean     ssa_db_store_price_list     (SsaDb                      *self,
                                          const char                 *data,
                                          gsize                       length,
                                          const char                 *what,
                                          const SsaDbPriceListSource *source,
                                          SsaDbPriceListInfo        **out_info,
                                          gboolean                   *out_was_new,
                                          GError                    **error);
SsaPriceList *ssa_db_load_current_price_list (SsaDb               *self,
                                              SsaDbPriceListInfo **out_info,
                                              GError             **error);
char        *ssa_db_dup_price_list_document (SsaDb            *self,
                                             gint64            row_id,
                                             GError          **error);
GPtrArray   *ssa_db_list_price_lists     (SsaDb           *self,
                                          GError         **error);


G_END_DECLS
