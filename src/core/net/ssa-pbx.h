/* ssa-pbx.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Reading a live PBX (docs/importing.md): GET /PBX0/ADMIN/mod_cmd_login.xml over HTTPS with
 * libsoup (Basic or Digest login), the device certificate trusted on first use and pinned by
 * its SHA-256 fingerprint, with the price list fetcher's timeout and size cap. */

#define SSA_PBX_PATH            "/PBX0/ADMIN/mod_cmd_login.xml"
#define SSA_PBX_DEFAULT_TIMEOUT 30                 /* seconds for the whole reading */
#define SSA_PBX_MAX_BYTES       (16 * 1024 * 1024) /* as for price lists */

#define SSA_PBX_ERROR (ssa_pbx_error_quark ())

typedef enum
{
  SSA_PBX_ERROR_INVALID_URL,
  SSA_PBX_ERROR_NETWORK,
  SSA_PBX_ERROR_TIMEOUT,
  SSA_PBX_ERROR_AUTH,
  SSA_PBX_ERROR_HTTP_STATUS,
  SSA_PBX_ERROR_TOO_LARGE,
  SSA_PBX_ERROR_NOT_XML,
  SSA_PBX_ERROR_CERTIFICATE_UNKNOWN,   /* first contact, and trust on first use not allowed */
  SSA_PBX_ERROR_CERTIFICATE_CHANGED,   /* the certificate is not the pinned one */
} SsaPbxError;

typedef struct
{
  char   *name;               /* "Port", "Voicemail", … */
  gint64  count;
  gint64  used;
} SsaPbxLicence;

typedef struct
{
  GArray    *licences;        /* SsaPbxLicence, in the answer's order */
  char      *firmware;        /* nullable */
  gint64     rental_seconds;  /* -1 when the PBX is not rented */
  char      *fingerprint;     /* nullable: SHA-256 of the certificate, 64 lower-case hex */
} SsaPbxReading;

GQuark         ssa_pbx_error_quark          (void);
SsaPbxReading *ssa_pbx_reading_new_from_data (const char     *data,
                                              gsize           length,
                                              const char     *what,
                                              GError        **error);
void           ssa_pbx_reading_free         (SsaPbxReading  *self);
void           ssa_pbx_licence_clear        (SsaPbxLicence  *licence);
char          *ssa_pbx_normalise_fingerprint (const char    *text);
char          *ssa_pbx_reading_to_text      (const SsaPbxReading *self);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaPbxReading, ssa_pbx_reading_free)

G_END_DECLS
