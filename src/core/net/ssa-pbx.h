/* ssa-pbx.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ssa-pbx-reading.h"

G_BEGIN_DECLS

/* Reading a live PBX (docs/importing.md): GET /PBX0/ADMIN/mod_cmd_login.xml over HTTPS with
 * libsoup (Basic or Digest login), the device certificate trusted on first use and pinned by
 * its SHA-256 fingerprint, with the price list fetcher's timeout and size cap. */

#define SSA_PBX_PATH            "/PBX0/ADMIN/mod_cmd_login.xml"
#define SSA_PBX_DEFAULT_TIMEOUT 30                 /* seconds for the whole reading */

typedef struct
{
  const char *admin_url;      /* https://host[:port] */
  const char *user;
  const char *password;
  const char *pinned;         /* nullable: the fingerprint pinned for the installation */
  const char *accept;         /* nullable: a new fingerprint the user accepted now */
  gboolean    trust_first_use; /* accept an unknown certificate when nothing is pinned */
  guint       timeout;        /* seconds; 0: SSA_PBX_DEFAULT_TIMEOUT */
  GTlsDatabase *tls_database; /* nullable: the system's */
} SsaPbxRequest;

void           ssa_pbx_read_async           (const SsaPbxRequest *request,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
SsaPbxReading *ssa_pbx_read_finish          (GAsyncResult        *result,
                                             GError             **error);
char          *ssa_pbx_read_dup_fingerprint (GAsyncResult        *result);

G_END_DECLS
