/* ssa-fetcher.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-fetch"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include "ssa-error.h"
#include "ssa-fetcher.h"
#include "ssa-json-guard.h"
#include "ssa-soup-lib.h"

/* One fetch is a chain of callbacks on the thread-default main context:
 *
 *   send_request () → send_cb () ─ redirect ─→ send_request () (at most 5 times)
 *                              ├─ 304 ─→ done: not modified
 *                              └─ 200 ─→ read_cb () … → EOF → check_in_thread () → done
 *
 * Redirects are followed by hand (SOUP_MESSAGE_NO_REDIRECT) so that every hop is checked
 * against the same rules as the first address (https://, or http:// to this computer) and
 * credentials go only to the origin they were stored for. The timeout covers the whole fetch:
 * a deadline on the main context cancels an internal GCancellable, which the caller's
 * cancellable cancels too. Checking the document (SHA-256, JSON, every rule of the format)
 * may take a moment on a 16 MiB list, so it runs in a worker thread over the bytes alone. */

#define READ_CHUNK (64 * 1024)

struct _SsaFetcher
{
  GObject       parent_instance;

  SoupSession  *session;
  GTlsDatabase *tls_database;
  guint         timeout;
};

G_DEFINE_FINAL_TYPE (SsaFetcher, ssa_fetcher, G_TYPE_OBJECT)

G_DEFINE_QUARK (ssa-fetch-error-quark, ssa_fetch_error)

G_DEFINE_BOXED_TYPE (SsaFetchResult, ssa_fetch_result, ssa_fetch_result_copy,
                     ssa_fetch_result_free)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_TLS_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char                *url;            /* as the caller gave it: every message names it */
  GUri                *first_uri;      /* the origin credentials belong to */
  GUri                *uri;            /* the address of the current hop */
  char                *etag;
  char                *last_modified;
  char                *sha256;
  char                *authorization;  /* the Authorization header value, or NULL */
  gboolean             sent_credentials;
  guint                n_redirects;
  guint                timeout;

  GCancellable        *cancellable;    /* internal: cancelled by the deadline or the caller */
  GCancellable        *caller_cancellable;
  gulong               caller_handler;
  GSource             *deadline;
  gboolean             timed_out;

  SoupMessage         *msg;
  GTlsCertificateFlags tls_errors;
  GInputStream        *stream;
  GByteArray          *body;
  GBytes              *bytes;          /* the body, once complete */
  goffset              content_length; /* -1 when not announced, or when encoded */
  guint8              *buffer;
} FetchData;

typedef struct
{
  GBytes *bytes;
  char   *url;
  char   *current_sha256;
  char   *content_type;
} CheckData;

typedef struct
{
  char         *sha256;
  SsaPriceList *price_list;  /* NULL when the hash matched the current list */
} CheckResult;

static void send_request (GTask *task);

/* Results */

SsaFetchResult *
ssa_fetch_result_copy (const SsaFetchResult *result)
{
  SsaFetchResult *copy;

  g_return_val_if_fail (result != NULL, NULL);

  copy = g_new0 (SsaFetchResult, 1);
  copy->outcome = result->outcome;
  copy->url = g_strdup (result->url);
  copy->final_url = g_strdup (result->final_url);
  copy->status = result->status;
  copy->bytes = result->bytes != NULL ? g_bytes_ref (result->bytes) : NULL;
  copy->price_list = result->price_list != NULL ? ssa_price_list_ref (result->price_list) : NULL;
  copy->etag = g_strdup (result->etag);
  copy->last_modified = g_strdup (result->last_modified);
  copy->sha256 = g_strdup (result->sha256);
  return copy;
}

void
ssa_fetch_result_free (SsaFetchResult *result)
{
  if (result == NULL)
    return;

  g_free (result->url);
  g_free (result->final_url);
  g_clear_pointer (&result->bytes, g_bytes_unref);
  g_clear_pointer (&result->price_list, ssa_price_list_unref);
  g_free (result->etag);
  g_free (result->last_modified);
  g_free (result->sha256);
  g_free (result);
}

/* Helpers */

static void
stop_deadline (FetchData *data)
{
  if (data->deadline != NULL)
    {
      g_source_destroy (data->deadline);
      g_clear_pointer (&data->deadline, g_source_unref);
    }
}

static void
fetch_data_free (FetchData *data)
{
  stop_deadline (data);
  if (data->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (data->caller_cancellable, data->caller_handler);
      g_object_unref (data->caller_cancellable);
    }
  g_clear_object (&data->cancellable);
  g_clear_object (&data->stream);
  if (data->msg != NULL)
    g_signal_handlers_disconnect_by_data (data->msg, data);
  g_clear_object (&data->msg);
  g_clear_pointer (&data->body, g_byte_array_unref);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data->buffer);
  g_free (data->url);
  g_clear_pointer (&data->first_uri, g_uri_unref);
  g_clear_pointer (&data->uri, g_uri_unref);
  g_free (data->etag);
  g_free (data->last_modified);
  g_free (data->sha256);
  if (data->authorization != NULL)
    {
      /* Do not leave the login lying around in freed memory. */
      memset (data->authorization, 0, strlen (data->authorization));
      g_free (data->authorization);
    }
  g_free (data);
}

static void
check_data_free (CheckData *data)
{
  g_bytes_unref (data->bytes);
  g_free (data->url);
  g_free (data->current_sha256);
  g_free (data->content_type);
  g_free (data);
}

static void
check_result_free (CheckResult *result)
{
  g_free (result->sha256);
  g_clear_pointer (&result->price_list, ssa_price_list_unref);
  g_free (result);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_ascii_strcasecmp (host, "localhost.") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static int
uri_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  if (port > 0)
    return port;
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         uri_port (a) == uri_port (b);
}

typedef enum
{
  URI_OK,
  URI_NOT_HTTP,
  URI_USERINFO,
  URI_INSECURE,
} UriVerdict;

static UriVerdict
judge_uri (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);

  if (scheme == NULL || host == NULL || host[0] == '\0')
    return URI_NOT_HTTP;
  if (g_uri_get_userinfo (uri) != NULL)
    return URI_USERINFO;
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return URI_OK;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    return host_is_loopback (host) ? URI_OK : URI_INSECURE;
  return URI_NOT_HTTP;
}

static GUri *
parse_url (const char  *url,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (url != NULL && url[0] != '\0')
    uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);

  switch (uri != NULL ? judge_uri (uri) : URI_NOT_HTTP)
    {
    case URI_OK:
      return g_steal_pointer (&uri);

    case URI_NOT_HTTP:
      if (uri == NULL)
        g_set_error (error, SSA_FETCH_ERROR, SSA_FETCH_ERROR_INVALID_URL,
                     _("“%s” is not a web address. Enter the full address of the price list, "
                       "starting with https://."), url != NULL ? url : "");
      else
        g_set_error (error, SSA_FETCH_ERROR, SSA_FETCH_ERROR_INVALID_URL,
                     _("“%s” is not an address SSA Desk can fetch a price list from: use an "
                       "https:// address."), url);
      return NULL;

    case URI_USERINFO:
      g_set_error (error, SSA_FETCH_ERROR, SSA_FETCH_ERROR_INVALID_URL,
                   _("The address “%s” contains a user name or password. Remove it from the "
                     "address and store the login for the address in the keyring instead."),
                   url);
      return NULL;

    case URI_INSECURE:
      g_set_error (error, SSA_FETCH_ERROR, SSA_FETCH_ERROR_INSECURE,
                   _("%s uses plain http://, which SSA Desk accepts only for this computer "
                     "(localhost). Use the https:// address of the price list."), url);
      return NULL;

    default:
      g_assert_not_reached ();
    }
}

/**
 * ssa_fetcher_check_url:
 * @url: an address typed by the user
 * @error: return location for an error in %SSA_FETCH_ERROR
 *
 * Checks that @url is one the fetcher accepts: https://, or http:// to a loopback host
 * (127.0.0.0/8, ::1, localhost), without a user name or password in it. The preferences
 * call this before saving an address.
 */
gboolean
ssa_fetcher_check_url (const char  *url,
                       GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  uri = parse_url (url, error);
  return uri != NULL;
}

/**
 * ssa_fetcher_url_is_loopback:
 * @url: an address
 *
 * Returns: whether @url parses and names this computer (127.0.0.0/8, ::1, localhost)
 */
gboolean
ssa_fetcher_url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  if (url == NULL)
    return FALSE;
  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, NULL);
  return uri != NULL && host_is_loopback (g_uri_get_host (uri));
}

static const char *
status_phrase (guint status)
{
  const char *phrase = soup_status_get_phrase (status);

  return phrase != NULL ? phrase : "";
}

static char *
describe_certificate_errors (GTlsCertificateFlags flags)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();

  /* GLib reports at least one flag for a refused certificate, but not necessarily all. */
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    g_ptr_array_add (reasons, (gpointer) _("its certificate has expired (or this computer’s "
                                           "clock is wrong)"));
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    g_ptr_array_add (reasons, (gpointer) _("its certificate is not valid yet (or this "
                                           "computer’s clock is wrong)"));
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    g_ptr_array_add (reasons, (gpointer) _("its certificate is not signed by an authority "
                                           "this computer trusts"));
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    g_ptr_array_add (reasons, (gpointer) _("its certificate is made out to a different server "
                                           "name"));
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    g_ptr_array_add (reasons, (gpointer) _("its certificate has been revoked"));
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    g_ptr_array_add (reasons, (gpointer) _("its certificate uses an insecure algorithm"));
  if (reasons->len == 0)
    g_ptr_array_add (reasons, (gpointer) _("its certificate could not be verified"));
  g_ptr_array_add (reasons, NULL);

  /* Translators: separates the reasons a server's certificate was refused. */
  return g_strjoinv (_("; "), (char **) reasons->pdata);
}

/* The connection closed before the whole body came: @code is TRUNCATED once the body
 * was being read, NETWORK before. */
static GError *
broke_off_error (FetchData     *data,
                 SsaFetchError  code)
{
  return g_error_new (SSA_FETCH_ERROR, code,
                      _("The download from %s broke off before the end. Try again later; if "
                        "it keeps happening, contact the distributor."), data->url);
}

/* Turns an error of libsoup, GIO or GnuTLS during the exchange into one message. */
static GError *
transport_error (FetchData    *data,
                 const GError *error)
{
  const char *url = data->url;

  /* The deadline cancels the whole fetch; the session's own I/O timeout (set to the same
   * number of seconds) reports TIMED_OUT. Either way the server took too long. */
  if ((g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && data->timed_out) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_TIMEOUT,
                        ngettext ("%s did not deliver the price list within %u second. Check "
                                  "the network connection and try again later; a slow server "
                                  "needs a longer timeout.",
                                  "%s did not deliver the price list within %u seconds. Check "
                                  "the network connection and try again later; a slow server "
                                  "needs a longer timeout.", data->timeout),
                        url, data->timeout);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) ||
      data->tls_errors != 0)
    {
      g_autofree char *reasons = describe_certificate_errors (data->tls_errors);

      return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_TLS,
                          _("The secure connection to %s was refused: %s. SSA Desk fetches "
                            "price lists only over verified connections: ask the distributor "
                            "to fix the server’s certificate."), url, reasons);
    }

  if (error->domain == G_TLS_ERROR)
    return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_TLS,
                        _("The secure connection to %s failed (%s). Check that the address is "
                          "right and try again later."), url, error->message);

  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_NETWORK,
                        _("The server name of %s could not be found. Check the address and "
                          "the network connection."), url);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_NETWORK,
                        _("The server of %s refused the connection. Check the address, or try "
                          "again later."), url);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE))
    return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_NETWORK,
                        _("The server of %s cannot be reached. Check the network "
                          "connection."), url);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    return broke_off_error (data, data->body != NULL ? SSA_FETCH_ERROR_TRUNCATED
                                                     : SSA_FETCH_ERROR_NETWORK);

  return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_NETWORK,
                      _("Could not fetch the price list from %s (%s). Check the network "
                        "connection and the address, and try again."), url, error->message);
}

static GError *
status_error (FetchData *data,
              guint      status)
{
  const char *url = data->url;
  const char *phrase = status_phrase (status);

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_FORBIDDEN)
    {
      if (data->sent_credentials)
        return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_AUTH,
                            _("%s refused the stored login (the server answered %u %s). Check "
                              "the token, or the user name and password, stored for this "
                              "address."), url, status, phrase);
      if (status == SOUP_STATUS_UNAUTHORIZED)
        return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_AUTH,
                            _("%s needs a login (the server answered %u %s). Store the token, "
                              "or the user name and password, for this address."),
                            url, status, phrase);
      return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_AUTH,
                          _("%s refused access (the server answered %u %s). If the "
                            "distributor gave you a login, store it for this address; "
                            "otherwise ask the distributor."), url, status, phrase);
    }

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_HTTP_STATUS,
                        _("There is no price list at %s (the server answered %u %s). Check "
                          "the address of the price list."), url, status, phrase);

  if (status == 429 /* Too Many Requests */ || SOUP_STATUS_IS_SERVER_ERROR (status))
    return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_HTTP_STATUS,
                        _("The server of %s could not deliver the price list (it answered %u "
                          "%s). Try again later; if it keeps happening, contact the "
                          "distributor."), url, status, phrase);

  return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_HTTP_STATUS,
                      _("Could not fetch the price list from %s: the server answered %u %s. "
                        "Check the address, or contact the distributor."), url, status, phrase);
}

static GError *
too_large_error (FetchData *data)
{
  return g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_TOO_LARGE,
                      _("The document at %s is larger than %d MiB, more than a price list can "
                        "be. Check the address; if it is right, contact the distributor."),
                      data->url, SSA_FETCHER_MAX_BYTES / (1024 * 1024));
}

static void
fail (GTask  *task,
      GError *error)
{
  FetchData *data = g_task_get_task_data (task);

  /* Whatever is still in flight is abandoned: the internal cancellable stops it. */
  g_cancellable_cancel (data->cancellable);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static SsaFetchResult *
result_new (FetchData       *data,
            SsaFetchOutcome  outcome)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  SsaFetchResult *result = g_new0 (SsaFetchResult, 1);

  result->outcome = outcome;
  result->url = g_strdup (data->url);
  result->final_url = g_uri_to_string (data->uri);
  result->status = soup_message_get_status (data->msg);
  result->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  result->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  return result;
}

/* The check in the worker thread */

static gboolean
content_type_is_html (const char *content_type)
{
  return content_type != NULL &&
         (g_ascii_strncasecmp (content_type, "text/html", 9) == 0 ||
          g_ascii_strncasecmp (content_type, "application/xhtml", 17) == 0);
}

static void
check_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CheckData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  CheckResult *result;
  gsize length;
  const char *bytes = g_bytes_get_data (data->bytes, &length);

  result = g_new0 (CheckResult, 1);
  result->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data->bytes);

  if (data->current_sha256 != NULL &&
      g_ascii_strcasecmp (result->sha256, data->current_sha256) == 0)
    {
      g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
      return;
    }

  /* Tell "not JSON at all" (a web page, a file of another kind) from "JSON that breaks a
   * rule": only the second has a useful detail for the distributor. The body is parsed once
   * for both: a document the guard refuses as too long or nested too deep, or for a key
   * given twice, is reported with the guard's detail, like a broken rule. */
  root = ssa_json_guard_parse (bytes != NULL ? bytes : "", length, data->url, &error);
  if (root == NULL && !g_error_matches (error, SSA_ERROR, SSA_ERROR_TOO_LARGE) &&
      !g_error_matches (error, SSA_ERROR, SSA_ERROR_DUPLICATE_KEY))
    {
      check_result_free (result);
      if (content_type_is_html (data->content_type))
        g_task_return_new_error (task, SSA_FETCH_ERROR, SSA_FETCH_ERROR_NOT_JSON,
                                 _("%s sent a web page, not a price list. Check the "
                                   "address; if the distributor needs a login, store it "
                                   "for this address."), data->url);
      else
        g_task_return_new_error (task, SSA_FETCH_ERROR, SSA_FETCH_ERROR_NOT_JSON,
                                 _("What %s sent is not a price list: it is not a JSON "
                                   "document. Check the address of the price list."),
                                 data->url);
      return;
    }

  if (root != NULL)
    price_list = ssa_price_list_new_from_node (root, data->url, &error);
  if (price_list == NULL)
    {
      g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
      g_autofree char *prefix = g_strdup_printf ("%s: ", data->url);
      const char *first = lines[0];
      guint n_more = 0;
      g_autofree char *problem = NULL;

      check_result_free (result);

      /* The price list's errors name the URL on each line; the message names it once
       * and keeps to one line: the first problem and how many follow. */
      if (g_str_has_prefix (first, prefix))
        first += strlen (prefix);
      for (guint i = 1; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          n_more++;

      if (n_more > 0)
        problem = g_strdup_printf (ngettext ("%s (and %u more problem)",
                                             "%s (and %u more problems)", n_more),
                                   first, n_more);
      else
        problem = g_strdup (first);

      g_task_return_new_error (task, SSA_FETCH_ERROR, SSA_FETCH_ERROR_INVALID_LIST,
                               _("The price list at %s breaks the rules of the format: "
                                 "%s. Ask the distributor to correct it."),
                               data->url, problem);
      return;
    }

  result->price_list = g_steal_pointer (&price_list);
  g_task_return_pointer (task, result, (GDestroyNotify) check_result_free);
}

static void
check_cb (GObject      *source_object,
          GAsyncResult *res,
          gpointer      user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CheckResult *check;
  SsaFetchResult *result;

  check = g_task_propagate_pointer (G_TASK (res), &error);
  if (check == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }

  result = result_new (data, check->price_list != NULL ? SSA_FETCH_OUTCOME_NEW
                                                       : SSA_FETCH_OUTCOME_SAME_CONTENT);
  result->bytes = g_bytes_ref (data->bytes);
  result->sha256 = g_steal_pointer (&check->sha256);
  result->price_list = g_steal_pointer (&check->price_list);
  check_result_free (check);

  g_task_return_pointer (task, result, (GDestroyNotify) ssa_fetch_result_free);
  g_object_unref (task);
}

static void
start_check (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  g_autoptr(GTask) check_task = NULL;
  CheckData *check;

  data->bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data->body));

  check = g_new0 (CheckData, 1);
  check->bytes = g_bytes_ref (data->bytes);
  check->url = g_strdup (data->url);
  check->current_sha256 = g_strdup (data->sha256);
  check->content_type = g_strdup (soup_message_headers_get_content_type (headers, NULL));

  /* No cancellable: the check is short and cannot be interrupted; a cancellation while it
   * runs is reported when it returns, by the outer task. */
  check_task = g_task_new (NULL, NULL, check_cb, task);
  g_task_set_source_tag (check_task, start_check);
  g_task_set_name (check_task, "[ssa-desk] check price list");
  g_task_set_task_data (check_task, check, (GDestroyNotify) check_data_free);
  g_task_run_in_thread (check_task, check_in_thread);
}

/* Reading the body */

static void
read_cb (GObject      *source_object,
         GAsyncResult *res,
         gpointer      user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (source_object), res, &error);
  if (n_read < 0)
    {
      fail (task, transport_error (data, error));
      return;
    }

  if (n_read == 0)
    {
      stop_deadline (data);
      if (data->content_length >= 0 && (goffset) data->body->len < data->content_length)
        {
          fail (task, broke_off_error (data, SSA_FETCH_ERROR_TRUNCATED));
          return;
        }
      g_clear_object (&data->stream);
      start_check (task);
      return;
    }

  g_byte_array_append (data->body, data->buffer, (guint) n_read);
  if (data->body->len > SSA_FETCHER_MAX_BYTES)
    {
      /* Stop at the first byte over the cap: the rest is never read. */
      fail (task, too_large_error (data));
      return;
    }

  /* Never ask for more than one byte past the cap. */
  g_input_stream_read_async (data->stream, data->buffer,
                             MIN (READ_CHUNK, SSA_FETCHER_MAX_BYTES + 1 - data->body->len),
                             G_PRIORITY_DEFAULT, data->cancellable, read_cb, task);
}

static void
start_reading (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);

  data->content_length = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    {
      goffset length = soup_message_headers_get_content_length (headers);

      if (length > SSA_FETCHER_MAX_BYTES)
        {
          /* Refused before reading a byte of the body. With a Content-Encoding this is
           * the compressed size: a download that large is refused all the same. */
          fail (task, too_large_error (data));
          return;
        }
      /* The announced length counts the encoded bytes: compare it only when the body is
       * not encoded (libsoup reports a short body itself, but say it in our words). */
      if (soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
        data->content_length = length;
    }

  data->body = g_byte_array_sized_new (data->content_length > 0 ? (guint) data->content_length
                                                                : READ_CHUNK);
  data->buffer = g_malloc (READ_CHUNK);
  g_input_stream_read_async (data->stream, data->buffer, READ_CHUNK, G_PRIORITY_DEFAULT,
                             data->cancellable, read_cb, task);
}

/* Requests, answers and redirects */

static gboolean
is_followed_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

static void
follow_redirect (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GUri) target = NULL;
  g_autofree char *target_text = NULL;

  if (location != NULL)
    target = g_uri_parse_relative (data->uri, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL)
    {
      fail (task, g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_HTTP_STATUS,
                               _("%s answered with a redirect (%u %s) but no valid new "
                                 "address. Contact the distributor."),
                               data->url, soup_message_get_status (data->msg),
                               status_phrase (soup_message_get_status (data->msg))));
      return;
    }

  if (++data->n_redirects > SSA_FETCHER_MAX_REDIRECTS)
    {
      fail (task, g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_TOO_MANY_REDIRECTS,
                               ngettext ("%s redirects more than %d time (a redirect loop?). "
                                         "Check the address, or contact the distributor.",
                                         "%s redirects more than %d times (a redirect loop?). "
                                         "Check the address, or contact the distributor.",
                                         SSA_FETCHER_MAX_REDIRECTS),
                               data->url, SSA_FETCHER_MAX_REDIRECTS));
      return;
    }

  target_text = g_uri_to_string (target);
  switch (judge_uri (target))
    {
    case URI_OK:
      break;

    case URI_INSECURE:
      fail (task, g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_INSECURE,
                               _("%s redirects to %s, which uses plain http://; SSA Desk "
                                 "fetches price lists only over https://. Ask the distributor "
                                 "for the https:// address."), data->url, target_text));
      return;

    case URI_NOT_HTTP:
    case URI_USERINFO:
    default:
      fail (task, g_error_new (SSA_FETCH_ERROR, SSA_FETCH_ERROR_INVALID_URL,
                               _("%s redirects to %s, which is not an address SSA Desk can "
                                 "fetch from. Contact the distributor."),
                               data->url, target_text));
      return;
    }

  g_clear_pointer (&data->uri, g_uri_unref);
  data->uri = g_steal_pointer (&target);
  /* The answer's body is dropped unread: closing a stream that is not at its end makes
   * libsoup drop the connection rather than read the rest. */
  g_clear_object (&data->stream);
  send_request (task);
}

static void
send_cb (GObject      *source_object,
         GAsyncResult *res,
         gpointer      user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  const char *etag;
  guint status;

  data->stream = soup_session_send_finish (SOUP_SESSION (source_object), res, &error);
  if (data->stream == NULL)
    {
      fail (task, transport_error (data, error));
      return;
    }

  status = soup_message_get_status (data->msg);
  etag = soup_message_headers_get_one (soup_message_get_response_headers (data->msg), "ETag");
  g_debug ("GET %s: %u %s (ETag %s; asked with %s)", data->url, status,
           status_phrase (status), etag != NULL ? etag : "none",
           data->etag != NULL ? data->etag : "no ETag");
  if (is_followed_redirect (status))
    {
      follow_redirect (task);
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED && (data->etag != NULL || data->last_modified != NULL))
    {
      g_debug ("%s has not changed since the list stored (304)", data->url);
      stop_deadline (data);
      g_clear_object (&data->stream);
      g_task_return_pointer (task, result_new (data, SSA_FETCH_OUTCOME_NOT_MODIFIED),
                             (GDestroyNotify) ssa_fetch_result_free);
      g_object_unref (task);
      return;
    }

  if (status != SOUP_STATUS_OK && status != SOUP_STATUS_NON_AUTHORITATIVE)
    {
      fail (task, status_error (data, status));
      return;
    }

  start_reading (task);
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  FetchData *data = user_data;

  /* Never accept: only remember why, to explain it. */
  data->tls_errors = errors;
  return FALSE;
}

static void
send_request (GTask *task)
{
  SsaFetcher *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  if (data->msg != NULL)
    g_signal_handlers_disconnect_by_data (data->msg, data);
  g_clear_object (&data->msg);
  data->tls_errors = 0;

  data->msg = soup_message_new_from_uri (SOUP_METHOD_GET, data->uri);
  soup_message_set_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (data->msg);
  soup_message_headers_replace (headers, "Accept", "application/json, */*;q=0.1");
  if (data->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", data->etag);
  if (data->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", data->last_modified);

  /* The login goes only to the origin it was stored for, never to another server a
   * redirect points to, and only over https:// or to this computer (judge_uri ()). */
  data->sent_credentials = data->authorization != NULL && same_origin (data->first_uri,
                                                                       data->uri);
  if (data->sent_credentials)
    soup_message_headers_replace (headers, "Authorization", data->authorization);

  g_signal_connect (data->msg, "accept-certificate", G_CALLBACK (accept_certificate_cb), data);
  soup_session_send_async (self->session, data->msg, G_PRIORITY_DEFAULT, data->cancellable,
                           send_cb, task);
}

static gboolean
deadline_cb (gpointer user_data)
{
  FetchData *data = user_data;

  data->timed_out = TRUE;
  g_clear_pointer (&data->deadline, g_source_unref);
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_REMOVE;
}

static void
caller_cancelled_cb (GCancellable *caller_cancellable,
                     GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/* GObject */

static void
ssa_fetcher_dispose (GObject *object)
{
  SsaFetcher *self = (SsaFetcher *) object;

  g_clear_object (&self->session);
  g_clear_object (&self->tls_database);

  G_OBJECT_CLASS (ssa_fetcher_parent_class)->dispose (object);
}

static void
ssa_fetcher_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SsaFetcher *self = SSA_FETCHER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;

    case PROP_TLS_DATABASE:
      g_value_set_object (value, self->tls_database);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_fetcher_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SsaFetcher *self = SSA_FETCHER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      ssa_fetcher_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_TLS_DATABASE:
      ssa_fetcher_set_tls_database (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_fetcher_class_init (SsaFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ssa_fetcher_dispose;
  object_class->get_property = ssa_fetcher_get_property;
  object_class->set_property = ssa_fetcher_set_property;

  /**
   * SsaFetcher:timeout:
   *
   * Seconds the whole fetch may take, redirects and body included.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, G_MAXUINT / 1000, SSA_FETCHER_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * SsaFetcher:tls-database:
   *
   * The certificate authorities to trust; %NULL for the system's.
   */
  properties[PROP_TLS_DATABASE] =
    g_param_spec_object ("tls-database", NULL, NULL,
                         G_TYPE_TLS_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_fetcher_init (SsaFetcher *self)
{
  self->timeout = SSA_FETCHER_DEFAULT_TIMEOUT;
}

/* The HTTP session is made at the first fetch, not with the fetcher: libsoup is opened on
 * first use (ssa-soup-lib.h), and a page that keeps a fetcher should not open it before the
 * user fetches anything. */
static gboolean
ensure_session (SsaFetcher  *self,
                GError     **error)
{
  if (self->session != NULL)
    return TRUE;
  if (!ssa_soup_lib_load (error))
    return FALSE;

  /* The trailing space makes libsoup append its own name and version. */
  self->session = soup_session_new_with_options ("user-agent", "ssa-desk/" PACKAGE_VERSION " ",
                                                 "timeout", self->timeout,
                                                 NULL);
  /* The fetcher sends the login itself, preemptively and only where it may (send_request ());
   * without the auth manager a 401 comes back to it as an answer. */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_AUTH_MANAGER);
  /* Without one set, the session trusts the system's certificate authorities. */
  if (self->tls_database != NULL)
    soup_session_set_tls_database (self->session, self->tls_database);
  return TRUE;
}

/* Public API */

/**
 * ssa_fetcher_new:
 *
 * Creates a fetcher with its own HTTP session, bound to the thread-default main context:
 * use it from that thread only.
 *
 * Returns: (transfer full): a new fetcher
 */
SsaFetcher *
ssa_fetcher_new (void)
{
  return g_object_new (SSA_TYPE_FETCHER, NULL);
}

guint
ssa_fetcher_get_timeout (SsaFetcher *self)
{
  g_return_val_if_fail (SSA_IS_FETCHER (self), 0);

  return self->timeout;
}

/**
 * ssa_fetcher_set_timeout:
 * @self: a fetcher
 * @seconds: how long a whole fetch may take, at least 1
 *
 * Sets the timeout of fetches started from now on (default 30 s).
 */
void
ssa_fetcher_set_timeout (SsaFetcher *self,
                         guint       seconds)
{
  g_return_if_fail (SSA_IS_FETCHER (self));
  g_return_if_fail (seconds >= 1 && seconds <= G_MAXUINT / 1000);

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  if (self->session != NULL)
    g_object_set (self->session, "timeout", seconds, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/**
 * ssa_fetcher_get_tls_database:
 *
 * Returns: (transfer none) (nullable): the certificate authorities set with
 *   ssa_fetcher_set_tls_database(), or %NULL for the system's
 */
GTlsDatabase *
ssa_fetcher_get_tls_database (SsaFetcher *self)
{
  g_return_val_if_fail (SSA_IS_FETCHER (self), NULL);

  return self->tls_database;
}

/**
 * ssa_fetcher_set_tls_database:
 * @self: a fetcher
 * @database: (nullable): the certificate authorities to trust, or %NULL for the system's
 *
 * Trusts other certificate authorities than the system's: an organisation's own, or a
 * test's. Certificates are always verified.
 */
void
ssa_fetcher_set_tls_database (SsaFetcher   *self,
                              GTlsDatabase *database)
{
  g_return_if_fail (SSA_IS_FETCHER (self));
  g_return_if_fail (database == NULL || G_IS_TLS_DATABASE (database));

  if (!g_set_object (&self->tls_database, database))
    return;

  /* Without a session yet, ensure_session () gives it the database. */
  if (self->session == NULL)
    ;
  else if (database != NULL)
    {
      soup_session_set_tls_database (self->session, database);
    }
  else
    {
      g_autoptr(GTlsDatabase) system = NULL;

      system = g_tls_backend_get_default_database (g_tls_backend_get_default ());
      soup_session_set_tls_database (self->session, system);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TLS_DATABASE]);
}

/**
 * ssa_fetcher_fetch_async:
 * @self: a fetcher
 * @url: the address of the price list: https://, or http:// to this computer
 * @conditions: (nullable): what is known of the list already held, and the login to send
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context when the fetch is done
 * @user_data: data for @callback
 *
 * Fetches the price list at @url: a conditional request when @conditions give an ETag or a
 * Last-Modified, at most %SSA_FETCHER_MAX_REDIRECTS redirects, at most
 * %SSA_FETCHER_MAX_BYTES of body after decoding, all within the fetcher's timeout. A body
 * whose SHA-256 is @conditions->sha256 is reported unchanged; any other is checked against
 * every rule of `ssa-desk-pricelist/1` before it is reported new. Nothing is stored.
 */
void
ssa_fetcher_fetch_async (SsaFetcher               *self,
                         const char               *url,
                         const SsaFetchConditions *conditions,
                         GCancellable             *cancellable,
                         GAsyncReadyCallback       callback,
                         gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  FetchData *data;
  GUri *uri;

  g_return_if_fail (SSA_IS_FETCHER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ssa_fetcher_fetch_async);
  g_task_set_name (task, "[ssa-desk] fetch price list");

  uri = parse_url (url, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!ensure_session (self, &error))
    {
      g_uri_unref (uri);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (FetchData, 1);
  data->url = g_strdup (url);
  data->first_uri = uri;
  data->uri = g_uri_ref (uri);
  data->timeout = self->timeout;
  data->cancellable = g_cancellable_new ();
  if (conditions != NULL)
    {
      data->etag = g_strdup (conditions->etag);
      data->last_modified = g_strdup (conditions->last_modified);
      data->sha256 = g_strdup (conditions->sha256);
      if (conditions->credentials != NULL)
        data->authorization = ssa_credentials_dup_authorization (conditions->credentials);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_handler = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (caller_cancelled_cb),
                                                    g_object_ref (data->cancellable),
                                                    g_object_unref);
    }

  data->deadline = g_timeout_source_new_seconds (data->timeout);
  g_source_set_callback (data->deadline, deadline_cb, data, NULL);
  g_source_set_static_name (data->deadline, "[ssa-desk] fetch deadline");
  g_source_attach (data->deadline, g_main_context_get_thread_default ());

  /* The chain of callbacks owns the task from here on. */
  send_request (g_steal_pointer (&task));
}

/**
 * ssa_fetcher_fetch_finish:
 * @self: a fetcher
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error in %SSA_FETCH_ERROR, %G_IO_ERROR_CANCELLED, or
 *   %G_IO_ERROR_NOT_FOUND when libsoup cannot be loaded (ssa-soup-lib.h)
 *
 * Returns: (transfer full): the result, or %NULL with @error set
 */
SsaFetchResult *
ssa_fetcher_fetch_finish (SsaFetcher    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (SSA_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ssa_fetcher_fetch_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
