/* ssa-soup-lib.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup 3, opened the first time SSA Desk talks HTTP (fetching a price list, reading a
 * PBX, asking the company registry) rather than linked: most starts do none of these, and
 * linked, libsoup brought GSSAPI with Kerberos, libpsl with libidn2, brotli and nghttp2 into
 * every process at start-up (docs/window.md, "Start-up"). The files that call libsoup
 * include this header instead of <libsoup/soup.h>; its soup names (SoupSession's get_type
 * function too, which SOUP_SESSION () calls) then call through the table ssa_soup_lib_load()
 * fills. Call ssa_soup_lib_load() at each way in to libsoup that does not start from a
 * session already made.
 */

#pragma once

#include <glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Every libsoup function SSA Desk calls. A call to one not listed here fails to link. */
#define SSA_SOUP_FUNCTIONS(F) \
  F (soup_auth_authenticate) \
  F (soup_auth_manager_get_type) \
  F (soup_message_get_reason_phrase) \
  F (soup_message_get_request_headers) \
  F (soup_message_get_response_headers) \
  F (soup_message_get_status) \
  F (soup_message_get_tls_peer_certificate) \
  F (soup_message_headers_get_content_length) \
  F (soup_message_headers_get_content_type) \
  F (soup_message_headers_get_encoding) \
  F (soup_message_headers_get_one) \
  F (soup_message_headers_replace) \
  F (soup_message_new) \
  F (soup_message_new_from_uri) \
  F (soup_message_set_flags) \
  F (soup_session_get_async_result_message) \
  F (soup_session_get_type) \
  F (soup_session_new_with_options) \
  F (soup_session_remove_feature_by_type) \
  F (soup_session_send_and_read_async) \
  F (soup_session_send_and_read_finish) \
  F (soup_session_send_async) \
  F (soup_session_send_finish) \
  F (soup_session_set_tls_database) \
  F (soup_status_get_phrase)

typedef struct
{
#define SSA_SOUP_MEMBER(name) __typeof__ (name) *name;
  SSA_SOUP_FUNCTIONS (SSA_SOUP_MEMBER)
#undef SSA_SOUP_MEMBER
} SsaSoupFunctions;

/* Its functions are NULL until libsoup is loaded; read it through the names below. */
extern const SsaSoupFunctions *ssa_soup_functions;

gboolean ssa_soup_lib_load (GError **error);

/* ssa-soup-lib.c, which fills the table, names the functions themselves. */
#ifndef SSA_SOUP_LOADER
#define soup_auth_authenticate             (ssa_soup_functions->soup_auth_authenticate)
#define soup_auth_manager_get_type         (ssa_soup_functions->soup_auth_manager_get_type)
#define soup_message_get_reason_phrase     (ssa_soup_functions->soup_message_get_reason_phrase)
#define soup_message_get_request_headers   (ssa_soup_functions->soup_message_get_request_headers)
#define soup_message_get_response_headers \
  (ssa_soup_functions->soup_message_get_response_headers)
#define soup_message_get_status            (ssa_soup_functions->soup_message_get_status)
#define soup_message_get_tls_peer_certificate \
  (ssa_soup_functions->soup_message_get_tls_peer_certificate)
#define soup_message_headers_get_content_length \
  (ssa_soup_functions->soup_message_headers_get_content_length)
#define soup_message_headers_get_content_type \
  (ssa_soup_functions->soup_message_headers_get_content_type)
#define soup_message_headers_get_encoding \
  (ssa_soup_functions->soup_message_headers_get_encoding)
#define soup_message_headers_get_one       (ssa_soup_functions->soup_message_headers_get_one)
#define soup_message_headers_replace       (ssa_soup_functions->soup_message_headers_replace)
#define soup_message_new                   (ssa_soup_functions->soup_message_new)
#define soup_message_new_from_uri          (ssa_soup_functions->soup_message_new_from_uri)
#define soup_message_set_flags             (ssa_soup_functions->soup_message_set_flags)
#define soup_session_get_async_result_message \
  (ssa_soup_functions->soup_session_get_async_result_message)
#define soup_session_get_type              (ssa_soup_functions->soup_session_get_type)
#define soup_session_new_with_options      (ssa_soup_functions->soup_session_new_with_options)
#define soup_session_remove_feature_by_type \
  (ssa_soup_functions->soup_session_remove_feature_by_type)
#define soup_session_send_and_read_async   (ssa_soup_functions->soup_session_send_and_read_async)
#define soup_session_send_and_read_finish \
  (ssa_soup_functions->soup_session_send_and_read_finish)
#define soup_session_send_async            (ssa_soup_functions->soup_session_send_async)
#define soup_session_send_finish           (ssa_soup_functions->soup_session_send_finish)
#define soup_session_set_tls_database      (ssa_soup_functions->soup_session_set_tls_database)
#define soup_status_get_phrase             (ssa_soup_functions->soup_status_get_phrase)

/* The casts G_DECLARE_*_TYPE made in libsoup's headers call the library's own get_type
 * functions: these call the table's. */
#undef SOUP_SESSION
#define SOUP_SESSION(ptr) \
  G_TYPE_CHECK_INSTANCE_CAST ((ptr), soup_session_get_type (), SoupSession)

/* libsoup's SOUP_METHOD_GET reads a variable of the library; the method's name itself does
 * as well (a message interns the method it is given). */
#undef SOUP_METHOD_GET
#define SOUP_METHOD_GET "GET"
#endif

G_END_DECLS
