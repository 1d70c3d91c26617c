/* ssa-fetcher.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ssa-credentials.h"
#include "ssa-json-guard.h"
#include "ssa-price-list.h"

G_BEGIN_DECLS

/* Fetches a distributor's price list over HTTPS with libsoup 3, on the thread-default main
 * context, and checks it completely before handing it out. See docs/fetching.md for the
 * behaviour, the limits and the messages. */

#define SSA_FETCHER_DEFAULT_TIMEOUT 30   /* seconds for the whole fetch */
#define SSA_FETCHER_MAX_REDIRECTS   5
#define SSA_FETCHER_MAX_BYTES       SSA_JSON_MAX_BYTES   /* 16 MiB, after decoding */

#define SSA_FETCH_ERROR (ssa_fetch_error_quark ())

/**
 * SsaFetchError:
 * @SSA_FETCH_ERROR_INVALID_URL: the address is not an http:// or https:// URL, or carries a
 *   user name or password
 * @SSA_FETCH_ERROR_INSECURE: plain http:// to a host other than this computer
 * @SSA_FETCH_ERROR_NETWORK: the server could not be reached, or the connection broke
 * @SSA_FETCH_ERROR_TLS: the secure connection failed or the certificate was refused
 * @SSA_FETCH_ERROR_TIMEOUT: the whole fetch took longer than the timeout
 * @SSA_FETCH_ERROR_HTTP_STATUS: the server answered with an error status
 * @SSA_FETCH_ERROR_AUTH: the server wants a login (401, 403), or refused the one sent
 * @SSA_FETCH_ERROR_TOO_MANY_REDIRECTS: more than %SSA_FETCHER_MAX_REDIRECTS redirects
 * @SSA_FETCH_ERROR_TOO_LARGE: the body is larger than %SSA_FETCHER_MAX_BYTES
 * @SSA_FETCH_ERROR_TRUNCATED: the body ended before its announced length
 * @SSA_FETCH_ERROR_NOT_JSON: the body is not a JSON document (a web page, say)
 * @SSA_FETCH_ERROR_INVALID_LIST: the body is JSON but not a valid price list
 *
 * Errors of the fetcher. Each message is one translated line that names the URL, says what
 * happened and what to do. Cancellation is reported as %G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  SSA_FETCH_ERROR_INVALID_URL,
  SSA_FETCH_ERROR_INSECURE,
  SSA_FETCH_ERROR_NETWORK,
  SSA_FETCH_ERROR_TLS,
  SSA_FETCH_ERROR_TIMEOUT,
  SSA_FETCH_ERROR_HTTP_STATUS,
  SSA_FETCH_ERROR_AUTH,
  SSA_FETCH_ERROR_TOO_MANY_REDIRECTS,
  SSA_FETCH_ERROR_TOO_LARGE,
  SSA_FETCH_ERROR_TRUNCATED,
  SSA_FETCH_ERROR_NOT_JSON,
  SSA_FETCH_ERROR_INVALID_LIST,
} SsaFetchError;

/**
 * SsaFetchConditions:
 * @etag: (nullable): the ETag of the list stored from this URL, sent as If-None-Match
 * @last_modified: (nullable): its Last-Modified, sent as If-Modified-Since
 * @sha256: (nullable): the SHA-256 of the current list's bytes, lower-case hex: a body with
 *   the same hash is reported as unchanged
 * @credentials: (nullable): the login to send (see ssa-credentials.h for when it is sent)
 *
 * What the fetcher knows about the list already held. Everything is borrowed for the
 * duration of the ssa_fetcher_fetch_async() call only; the fetcher copies what it needs.
 */
typedef struct
{
  const char           *etag;
  const char           *last_modified;
  const char           *sha256;
  const SsaCredentials *credentials;
} SsaFetchConditions;

typedef enum
{
  SSA_FETCH_OUTCOME_NEW,           /* a valid list whose bytes differ from the current one */
  SSA_FETCH_OUTCOME_NOT_MODIFIED,  /* the server answered 304 to the conditional request */
  SSA_FETCH_OUTCOME_SAME_CONTENT,  /* 200, but the bytes hash to the current list's SHA-256 */
} SsaFetchOutcome;

/**
 * SsaFetchResult:
 * @outcome: what came of the fetch
 * @url: the URL asked for
 * @final_url: the URL that answered, after redirects
 * @status: the HTTP status of the final answer (200 or 304)
 * @bytes: (nullable): the body as received after content decoding: set for
 *   %SSA_FETCH_OUTCOME_NEW and %SSA_FETCH_OUTCOME_SAME_CONTENT
 * @price_list: (nullable): the checked price list: set for %SSA_FETCH_OUTCOME_NEW only
 * @etag: (nullable): the answer's ETag
 * @last_modified: (nullable): the answer's Last-Modified
 * @sha256: (nullable): the SHA-256 of @bytes, lower-case hex
 */
typedef struct
{
  SsaFetchOutcome outcome;
  char           *url;
  char           *final_url;
  guint           status;
  GBytes         *bytes;
  SsaPriceList   *price_list;
  char           *etag;
  char           *last_modified;
  char           *sha256;
} SsaFetchResult;

#define SSA_TYPE_FETCH_RESULT (ssa_fetch_result_get_type ())

GType           ssa_fetch_result_get_type (void) G_GNUC_CONST;
SsaFetchResult *ssa_fetch_result_copy     (const SsaFetchResult *result);
void            ssa_fetch_result_free     (SsaFetchResult       *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaFetchResult, ssa_fetch_result_free)

#define SSA_TYPE_FETCHER (ssa_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (SsaFetcher, ssa_fetcher, SSA, FETCHER, GObject)

GQuark          ssa_fetch_error_quark        (void);

SsaFetcher     *ssa_fetcher_new              (void);
guint           ssa_fetcher_get_timeout      (SsaFetcher               *self);
void            ssa_fetcher_set_timeout      (SsaFetcher               *self,
                                              guint                     seconds);
GTlsDatabase   *ssa_fetcher_get_tls_database (SsaFetcher               *self);
void            ssa_fetcher_set_tls_database (SsaFetcher               *self,
                                              GTlsDatabase             *database);

void            ssa_fetcher_fetch_async      (SsaFetcher               *self,
                                              const char               *url,
                                              const SsaFetchConditions *conditions,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
SsaFetchResult *ssa_fetcher_fetch_finish     (SsaFetcher               *self,
                                              GAsyncResult             *result,
                                              GError                  **error);

gboolean        ssa_fetcher_check_url        (const char               *url,
                                              GError                  **error);
gboolean        ssa_fetcher_url_is_loopback  (const char               *url);

G_END_DECLS
