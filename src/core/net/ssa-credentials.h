/* ssa-credentials.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The login some distributors want before they hand out their price list: a bearer token,
 * or a user name and password (HTTP Basic). It is kept in the desktop keyring through
 * libsecret (the Secret Service), one per price list URL, and never in the database or in
 * GSettings. The fetcher sends it only over https:// (or to this computer, for tests and
 * SSH tunnels), and only to the origin of the URL it was stored for: never to another
 * server a redirect points to. */

#define SSA_CREDENTIALS_ERROR (ssa_credentials_error_quark ())

/**
 * SsaCredentialsError:
 * @SSA_CREDENTIALS_ERROR_NO_KEYRING: no Secret Service is running (no session bus, or
 *   nothing owns or can start org.freedesktop.secrets), or libsecret cannot be loaded
 * @SSA_CREDENTIALS_ERROR_LOCKED: the keyring stayed locked
 * @SSA_CREDENTIALS_ERROR_INVALID: the token, user name or password cannot be sent in an
 *   HTTP header (empty, a colon in the user name, control characters, …)
 * @SSA_CREDENTIALS_ERROR_FAILED: the keyring refused for another reason
 *
 * Errors of the credentials store; messages are translated, name the URL and say what to
 * do. Cancellation is reported as %G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  SSA_CREDENTIALS_ERROR_NO_KEYRING,
  SSA_CREDENTIALS_ERROR_LOCKED,
  SSA_CREDENTIALS_ERROR_INVALID,
  SSA_CREDENTIALS_ERROR_FAILED,
} SsaCredentialsError;

typedef enum
{
  SSA_CREDENTIALS_BEARER,  /* Authorization: Bearer TOKEN */
  SSA_CREDENTIALS_BASIC,   /* Authorization: Basic base64(USER:PASSWORD) */
} SsaCredentialsKind;

/**
 * SsaCredentials:
 * @kind: bearer token or user and password
 * @user: (nullable): the user name, for %SSA_CREDENTIALS_BASIC only
 * @secret: the token or the password
 *
 * A login. ssa_credentials_free() overwrites the secret before it frees it.
 */
typedef struct
{
  SsaCredentialsKind kind;
  char              *user;
  char              *secret;
} SsaCredentials;

#define SSA_TYPE_CREDENTIALS (ssa_credentials_get_type ())

GType           ssa_credentials_get_type          (void) G_GNUC_CONST;
GQuark          ssa_credentials_error_quark       (void);

SsaCredentials *ssa_credentials_new_bearer        (const char            *token);
SsaCredentials *ssa_credentials_new_basic         (const char            *user,
                                                   const char            *password);
SsaCredentials *ssa_credentials_copy              (const SsaCredentials  *credentials);
void            ssa_credentials_free              (SsaCredentials        *credentials);
gboolean        ssa_credentials_validate          (const SsaCredentials  *credentials,
                                                   GError               **error);
char           *ssa_credentials_dup_authorization (const SsaCredentials  *credentials);

void            ssa_credentials_store_async       (const char            *url,
                                                   const SsaCredentials  *credentials,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
gboolean        ssa_credentials_store_finish      (GAsyncResult          *result,
                                                   GError               **error);
void            ssa_credentials_lookup_async      (const char            *url,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
SsaCredentials *ssa_credentials_lookup_finish     (GAsyncResult          *result,
                                                   GError               **error);
void            ssa_credentials_clear_async       (const char            *url,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
gboolean        ssa_credentials_clear_finish      (GAsyncResult          *result,
                                                   GError               **error);

/* The password of a team database (a libpq URI without password). */
char           *ssa_credentials_describe_team_uri (const char            *uri);
void            ssa_credentials_store_team_password_async  (const char          *uri,
                                                            const char          *password,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean        ssa_credentials_store_team_password_finish (GAsyncResult        *result,
                                                            GError             **error);
void            ssa_credentials_lookup_team_password_async (const char          *uri,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
char           *ssa_credentials_lookup_team_password_finish (GAsyncResult       *result,
                                                             GError            **error);
void            ssa_credentials_wipe_string       (char                  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaCredentials, ssa_credentials_free)

G_END_DECLS
