/* ssa-pbx.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-fetch"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ssa-limits.h"
#include "ssa-pbx.h"
#include "ssa-soup-lib.h"
#include "ssa-xml-lib.h"

#define READ_CHUNK (64 * 1024)

/* Fetching */

typedef struct
{
  SoupSession      *session;
  SoupMessage      *msg;
  GInputStream     *stream;
  GCancellable     *cancellable;   /* ours: the deadline and the caller cancel it */
  GSource          *deadline;
  gulong            caller_handler;
  GCancellable     *caller;
  GByteArray       *body;
  guint8           *buffer;
  char             *url;
  char             *user;
  char             *password;
  char             *pinned;
  char             *accept;
  char             *presented;     /* the fingerprint of the certificate shown */
  gboolean          trust_first_use;
  gboolean          refused_certificate;
  gboolean          timed_out;
  gboolean          tried_login;
  guint             timeout;
} ReadData;

static void
read_data_free (ReadData *data)
{
  if (data->deadline != NULL)
    {
      g_source_destroy (data->deadline);
      g_source_unref (data->deadline);
    }
  if (data->caller != NULL && data->caller_handler != 0)
    g_cancellable_disconnect (data->caller, data->caller_handler);
  g_clear_object (&data->caller);
  if (data->msg != NULL)
    g_signal_handlers_disconnect_by_data (data->msg, data);
  g_clear_object (&data->msg);
  g_clear_object (&data->stream);
  g_clear_object (&data->session);
  g_clear_object (&data->cancellable);
  if (data->body != NULL)
    g_byte_array_unref (data->body);
  g_free (data->buffer);
  g_free (data->url);
  g_free (data->user);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data->pinned);
  g_free (data->accept);
  g_free (data->presented);
  g_free (data);
}

static char *
certificate_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
}

/* Whether the certificate with @fingerprint may be used: the pinned one, the one the user
 * accepted now, or any on first contact when that is allowed. */
static gboolean
certificate_trusted (ReadData   *data,
                     const char *fingerprint)
{
  if (fingerprint == NULL)
    return FALSE;
  if (data->pinned != NULL && g_str_equal (data->pinned, fingerprint))
    return TRUE;
  if (data->accept != NULL && g_str_equal (data->accept, fingerprint))
    return TRUE;
  return data->pinned == NULL && data->accept == NULL && data->trust_first_use;
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  ReadData *data = user_data;

  g_free (data->presented);
  data->presented = certificate_fingerprint (certificate);
  data->refused_certificate = !certificate_trusted (data, data->presented);
  return !data->refused_certificate;
}

static gboolean
authenticate_cb (SoupMessage *msg,
                 SoupAuth    *auth,
                 gboolean     retrying,
                 gpointer     user_data)
{
  ReadData *data = user_data;

  /* One try with the stored login: a second request for it means it was refused. */
  if (retrying || data->user == NULL || data->password == NULL)
    return FALSE;
  data->tried_login = TRUE;
  soup_auth_authenticate (auth, data->user, data->password);
  return TRUE;
}

static GError *
certificate_error (ReadData *data)
{
  if (data->pinned != NULL)
    return g_error_new (SSA_PBX_ERROR, SSA_PBX_ERROR_CERTIFICATE_CHANGED,
                        _("The certificate of %s has changed: its SHA-256 fingerprint is %s, "
                          "but %s was trusted for this installation. Nothing was read. If the "
                          "PBX got a new certificate, check the new fingerprint on the PBX and "
                          "accept it (ssa-desk-cli read-pbx --accept-certificate %s)."),
                        data->url, data->presented != NULL ? data->presented : "?",
                        data->pinned, data->presented != NULL ? data->presented : "SHA256");
  return g_error_new (SSA_PBX_ERROR, SSA_PBX_ERROR_CERTIFICATE_UNKNOWN,
                      _("%s shows a certificate that is not yet trusted for this installation "
                        "(SHA-256 fingerprint %s). Check it on the PBX and accept it to go on."),
                      data->url, data->presented != NULL ? data->presented : "?");
}

static GError *
transport_error (ReadData     *data,
                 const GError *error)
{
  if ((g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && data->timed_out) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (SSA_PBX_ERROR, SSA_PBX_ERROR_TIMEOUT,
                        ngettext ("%s did not answer within %u second. Check that the PBX is "
                                  "on and reachable from here, and try again.",
                                  "%s did not answer within %u seconds. Check that the PBX is "
                                  "on and reachable from here, and try again.", data->timeout),
                        data->url, data->timeout);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);
  if (data->refused_certificate)
    return certificate_error (data);
  return g_error_new (SSA_PBX_ERROR, SSA_PBX_ERROR_NETWORK,
                      _("Could not reach %s (%s). Check the admin address and the network, "
                        "and try again."), data->url, error->message);
}

static void
fail (GTask  *task,
      GError *error)
{
  ReadData *data = g_task_get_task_data (task);

  g_cancellable_cancel (data->cancellable);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
read_cb (GObject      *source_object,
         GAsyncResult *res,
         gpointer      user_data)
{
  GTask *task = user_data;
  ReadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (source_object), res, &error);
  if (n_read < 0)
    {
      fail (task, transport_error (data, error));
      return;
    }
  if (n_read > 0)
    {
      g_byte_array_append (data->body, data->buffer, (guint) n_read);
      if (data->body->len > SSA_PBX_MAX_BYTES)
        {
          fail (task, g_error_new (SSA_PBX_ERROR, SSA_PBX_ERROR_TOO_LARGE,
                                   _("%s answered with more than %d MiB, more than the PBX's "
                                     "answer can be. Check the admin address."), data->url,
                                   SSA_PBX_MAX_BYTES / (1024 * 1024)));
          return;
        }
      g_input_stream_read_async (data->stream, data->buffer,
                                 MIN (READ_CHUNK, SSA_PBX_MAX_BYTES + 1 - data->body->len),
                                 G_PRIORITY_DEFAULT, data->cancellable, read_cb, task);
      return;
    }

  reading = ssa_pbx_reading_new_from_data ((const char *) data->body->data, data->body->len,
                                           data->url, &error);
  if (reading == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  reading->fingerprint = g_strdup (data->presented);
  g_task_return_pointer (task, g_steal_pointer (&reading), (GDestroyNotify) ssa_pbx_reading_free);
  g_object_unref (task);
}

static void
send_cb (GObject      *source_object,
         GAsyncResult *res,
         gpointer      user_data)
{
  GTask *task = user_data;
  ReadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GTlsCertificate *peer;
  const char *type;
  guint status;

  data->stream = soup_session_send_finish (SOUP_SESSION (source_object), res, &error);
  if (data->stream == NULL)
    {
      fail (task, transport_error (data, error));
      return;
    }

  /* A certificate that a public authority signed raises no accept-certificate: it is
   * pinned all the same. */
  peer = soup_message_get_tls_peer_certificate (data->msg);
  if (peer != NULL)
    {
      g_free (data->presented);
      data->presented = certificate_fingerprint (peer);
    }
  if (!certificate_trusted (data, data->presented))
    {
      fail (task, certificate_error (data));
      return;
    }

  status = soup_message_get_status (data->msg);
  g_debug ("GET %s: %u", data->url, status);
  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      fail (task, g_error_new (SSA_PBX_ERROR, SSA_PBX_ERROR_AUTH,
                               data->tried_login
                               ? _("%s refused the login (it answered %u). Check the PBX's "
                                   "admin user name and password stored for it.")
                               : _("%s needs a login (it answered %u). Store the PBX's admin "
                                   "user name and password for it."),
                               data->url, status));
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      fail (task, g_error_new (SSA_PBX_ERROR, SSA_PBX_ERROR_HTTP_STATUS,
                               _("%s answered %u %s instead of the licences. Check that the "
                                 "admin address is the PBX's and that it runs an innovaphone "
                                 "PBX."), data->url, status,
                               soup_message_get_reason_phrase (data->msg) != NULL
                               ? soup_message_get_reason_phrase (data->msg) : ""));
      return;
    }
  type = soup_message_headers_get_content_type (soup_message_get_response_headers (data->msg),
                                                NULL);
  if (type != NULL && g_str_equal (type, "text/html"))
    {
      fail (task, g_error_new (SSA_PBX_ERROR, SSA_PBX_ERROR_NOT_XML,
                               _("%s answered with a web page (HTML) instead of the PBX’s XML. "
                                 "Check that the admin address is the PBX’s. Nothing was "
                                 "stored."), data->url));
      return;
    }

  data->body = g_byte_array_new ();
  data->buffer = g_malloc (READ_CHUNK);
  g_input_stream_read_async (data->stream, data->buffer, READ_CHUNK, G_PRIORITY_DEFAULT,
                             data->cancellable, read_cb, task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  ReadData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller,
                     GCancellable *ours)
{
  g_cancellable_cancel (ours);
}

/**
 * ssa_pbx_read_async:
 * @request: the PBX, its login and the certificate trusted for it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the reading is done
 * @user_data: for @callback
 *
 * Reads %SSA_PBX_PATH from the PBX at @request's admin URL: HTTPS only, the login answered
 * to the PBX's Basic or Digest challenge (libsoup's SoupAuth), the certificate checked
 * against the pinned fingerprint (never a silent "ignore TLS errors"), everything within the
 * timeout and at most %SSA_PBX_MAX_BYTES of answer.
 */
void
ssa_pbx_read_async (const SsaPbxRequest *request,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) uri = NULL;

  g_task_set_source_tag (task, ssa_pbx_read_async);
  g_task_set_name (task, "[ssa-desk] read PBX");
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  data->timeout = request->timeout > 0 ? request->timeout : SSA_PBX_DEFAULT_TIMEOUT;
  data->url = g_strdup (request->admin_url != NULL ? request->admin_url : "");
  data->user = g_strdup (request->user);
  data->password = g_strdup (request->password);
  data->pinned = request->pinned != NULL ? ssa_pbx_normalise_fingerprint (request->pinned) : NULL;
  data->accept = request->accept != NULL ? ssa_pbx_normalise_fingerprint (request->accept) : NULL;
  data->trust_first_use = request->trust_first_use;
  data->cancellable = g_cancellable_new ();

  base = g_uri_parse (data->url, SOUP_HTTP_URI_FLAGS, NULL);
  if (base == NULL || g_strcmp0 (g_uri_get_scheme (base), "https") != 0 ||
      g_uri_get_host (base) == NULL || g_uri_get_userinfo (base) != NULL)
    {
      g_task_return_new_error (task, SSA_PBX_ERROR, SSA_PBX_ERROR_INVALID_URL,
                               _("“%s” is not a PBX admin address: give it as https://HOST or "
                                 "https://HOST:PORT (the login is kept in the keyring, not in "
                                 "the address)."), data->url);
      g_object_unref (task);
      return;
    }
  /* The admin path goes after the address's own path (a PBX behind a reverse proxy may sit
   * under one); a query or fragment of the address is dropped. */
  {
    const char *path = g_uri_get_path (base);
    g_autofree char *trimmed = g_strdup (path != NULL ? path : "");
    g_autofree char *full = NULL;

    while (g_str_has_suffix (trimmed, "/"))
      trimmed[strlen (trimmed) - 1] = '\0';
    full = g_strconcat (trimmed, SSA_PBX_PATH, NULL);
    uri = g_uri_build (G_URI_FLAGS_NONE, "https", NULL, g_uri_get_host (base),
                       g_uri_get_port (base), full, NULL, NULL);
  }

  /* Both libraries before the PBX is asked: its answer is XML. */
  {
    GError *error = NULL;

    if (!ssa_soup_lib_load (&error) || !ssa_xml_lib_load (&error))
      {
        g_task_return_error (task, error);
        g_object_unref (task);
        return;
      }
  }

  if (cancellable != NULL)
    {
      data->caller = g_object_ref (cancellable);
      data->caller_handler = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (caller_cancelled_cb),
                                                    g_object_ref (data->cancellable),
                                                    g_object_unref);
    }

  data->session = soup_session_new_with_options ("user-agent", "ssa-desk/" PACKAGE_VERSION " ",
                                                 "timeout", data->timeout,
                                                 "idle-timeout", data->timeout, NULL);
  if (request->tls_database != NULL)
    soup_session_set_tls_database (data->session, request->tls_database);
  data->msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  soup_message_set_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);
  soup_message_headers_replace (soup_message_get_request_headers (data->msg), "Accept",
                                "text/xml, application/xml;q=0.9, */*;q=0.1");
  g_signal_connect (data->msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), data);
  g_signal_connect (data->msg, "authenticate", G_CALLBACK (authenticate_cb), data);

  data->deadline = g_timeout_source_new_seconds (data->timeout);
  g_source_set_callback (data->deadline, deadline_cb, data, NULL);
  g_source_attach (data->deadline, g_main_context_get_thread_default ());

  soup_session_send_async (data->session, data->msg, G_PRIORITY_DEFAULT, data->cancellable,
                           send_cb, task);
}

/**
 * ssa_pbx_read_finish:
 * @result: the result given to the callback
 * @error: a #GError
 *
 * Returns: (transfer full): the reading, or %NULL with @error set
 */
SsaPbxReading *
ssa_pbx_read_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ssa_pbx_read_dup_fingerprint:
 * @result: the result given to the callback
 *
 * Returns: (transfer full) (nullable): the SHA-256 fingerprint of the certificate the PBX
 *   showed, also when the reading failed (to ask the user whether to trust it)
 */
char *
ssa_pbx_read_dup_fingerprint (GAsyncResult *result)
{
  ReadData *data = g_task_get_task_data (G_TASK (result));

  return data != NULL ? g_strdup (data->presented) : NULL;
}
