/* ssa-pbx-reading.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What a PBX says about its licences (docs/importing.md): the answer of
 * /PBX0/ADMIN/mod_cmd_login.xml read with libxml2, whoever fetched it (net/ssa-pbx.c over
 * HTTPS, or a test from a file). The licence import compares it with the inventory. */

/* The largest answer read, as for price lists. */
#define SSA_PBX_MAX_BYTES (16 * 1024 * 1024)

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaPbxReading, ssa_pbx_reading_free)

G_END_DECLS
