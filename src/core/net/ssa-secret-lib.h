/* ssa-secret-lib.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsecret, opened the first time the keyring is asked for a login rather than linked:
 * most starts ask it nothing, and linked, libsecret brought libgcrypt and libgpg-error into
 * every process at start-up (docs/window.md, "Start-up"). The file that talks to the keyring
 * includes this header instead of <libsecret/secret.h>; its secret names (the SecretService
 * type's get_type function and SECRET_ERROR's quark too) then call through the table
 * ssa_secret_lib_load() fills. Call ssa_secret_lib_load() before the first of them.
 */

#pragma once

#include <glib.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* Every libsecret function SSA Desk calls. A call to one not listed here fails to link. */
#define SSA_SECRET_FUNCTIONS(F) \
  F (secret_error_get_quark) \
  F (secret_item_get_attributes) \
  F (secret_item_get_locked) \
  F (secret_item_get_modified) \
  F (secret_item_get_secret) \
  F (secret_service_clear) \
  F (secret_service_clear_finish) \
  F (secret_service_get_type) \
  F (secret_service_open) \
  F (secret_service_open_finish) \
  F (secret_service_search) \
  F (secret_service_search_finish) \
  F (secret_service_store) \
  F (secret_service_store_finish) \
  F (secret_value_get_text) \
  F (secret_value_new) \
  F (secret_value_unref)

typedef struct
{
#define SSA_SECRET_MEMBER(name) __typeof__ (name) *name;
  SSA_SECRET_FUNCTIONS (SSA_SECRET_MEMBER)
#undef SSA_SECRET_MEMBER
} SsaSecretFunctions;

/* Its functions are NULL until libsecret is loaded; read it through the names below. */
extern const SsaSecretFunctions *ssa_secret_functions;

gboolean ssa_secret_lib_load (GError **error);

/* ssa-secret-lib.c, which fills the table, names the functions themselves. */
#ifndef SSA_SECRET_LOADER
#define secret_error_get_quark       (ssa_secret_functions->secret_error_get_quark)
#define secret_item_get_attributes   (ssa_secret_functions->secret_item_get_attributes)
#define secret_item_get_locked       (ssa_secret_functions->secret_item_get_locked)
#define secret_item_get_modified     (ssa_secret_functions->secret_item_get_modified)
#define secret_item_get_secret       (ssa_secret_functions->secret_item_get_secret)
#define secret_service_clear         (ssa_secret_functions->secret_service_clear)
#define secret_service_clear_finish  (ssa_secret_functions->secret_service_clear_finish)
#define secret_service_get_type      (ssa_secret_functions->secret_service_get_type)
#define secret_service_open          (ssa_secret_functions->secret_service_open)
#define secret_service_open_finish   (ssa_secret_functions->secret_service_open_finish)
#define secret_service_search        (ssa_secret_functions->secret_service_search)
#define secret_service_search_finish (ssa_secret_functions->secret_service_search_finish)
#define secret_service_store         (ssa_secret_functions->secret_service_store)
#define secret_service_store_finish  (ssa_secret_functions->secret_service_store_finish)
#define secret_value_get_text        (ssa_secret_functions->secret_value_get_text)
#define secret_value_new             (ssa_secret_functions->secret_value_new)
#define secret_value_unref           (ssa_secret_functions->secret_value_unref)

/* g_autoptr(SecretValue) calls the library's own secret_value_unref (libsecret's header
 * defines its cleanup before the name above is the table's): g_autoptr(SsaSecretValue)
 * calls the table's. */
typedef SecretValue SsaSecretValue;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaSecretValue, secret_value_unref)
#endif

G_END_DECLS
