/* test-fetch.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-fetcher.h"
#include "ssa-price-list-update.h"

#include "test-fetch-certs.h"
#include "test-fetch-util.h"

/* The fetcher and the fetch-then-store glue against servers on 127.0.0.1 (and nothing
 * else): a SoupServer for well-formed answers, and a tiny raw HTTP server on a
 * GSocketService for the answers no proper server gives (a body shorter than its
 * Content-Length, a trickle, an announced 17 MiB body, an endless chunked body). Both run
 * on the test's main context and the fetcher's asynchronous API drives them; the database
 * glue works in threads, each with its own connection to a real SQLite file.
 *
 * Every failure is checked twice: the fetcher's error and its message (one line that names
 * the URL, says what happened and what to do), then the same fetch through
 * ssa_price_list_update_async() against a database, whose current list must stay the
 * same. */

#define ETAG_A  "\"list-a-1\""
#define DATE_A  "Mon, 01 Jun 2026 08:00:00 GMT"

static const char list_a[] =
  "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"2026-06\", \"published\": \"2026-06-01\",\n"
  "  \"currency\": \"NOK\", \"ssc_price\": \"11.00\",\n"
  "  \"products\": [\n"
  "    { \"code\": \"02-00039-001\", \"name\": \"PBX-Port13\", \"kind\": \"port\",\n"
  "      \"list_price\": \"400.00\", \"ssc_per_year\": \"6.00\" },\n"
  "    { \"code\": \"02-00039-002\", \"name\": \"PBX-Port14\", \"kind\": \"port\",\n"
  "      \"list_price\": \"450.00\", \"ssc_per_year\": \"6.75\" }\n"
  "  ] }\n";

static const char list_b[] =
  "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"2026-12\", \"published\": \"2026-12-01\",\n"
  "  \"currency\": \"NOK\", \"ssc_price\": \"11.50\",\n"
  "  \"products\": [\n"
  "    { \"code\": \"02-00039-002\", \"name\": \"PBX-Port14\", \"kind\": \"port\",\n"
  "      \"list_price\": \"470.00\", \"ssc_per_year\": \"6.75\" },\n"
  "    { \"code\": \"02-00039-003\", \"name\": \"PBX-Port15\", \"kind\": \"port\",\n"
  "      \"list_price\": \"500.00\", \"ssc_per_year\": \"7.50\" }\n"
  "  ] }\n";

/* List A with an SSC price of 0: JSON that breaks a rule. */
static const char list_invalid[] =
  "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"2026-06\", \"currency\": \"NOK\",\n"
  "  \"ssc_price\": \"0\", \"products\": [] }\n";

/* A list whose products[1] gives its list price twice: json-glib alone would keep one. */
static const char list_duplicate_key[] =
  "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"2026-07\", \"currency\": \"NOK\",\n"
  "  \"ssc_price\": \"11.00\", \"products\": [\n"
  "    { \"code\": \"02-00039-001\", \"name\": \"PBX-Port13\", \"kind\": \"port\",\n"
  "      \"list_price\": \"400.00\" },\n"
  "    { \"code\": \"02-00039-002\", \"name\": \"PBX-Port14\", \"kind\": \"port\",\n"
  "      \"list_price\": \"450.00\", \"list_price\": \"4.50\" } ] }\n";

/* List A's id with other content: a cheaper PBX-Port14. */
static const char list_a_changed[] =
  "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"2026-06\", \"published\": \"2026-06-01\",\n"
  "  \"currency\": \"NOK\", \"ssc_price\": \"11.00\",\n"
  "  \"products\": [\n"
  "    { \"code\": \"02-00039-001\", \"name\": \"PBX-Port13\", \"kind\": \"port\",\n"
  "      \"list_price\": \"400.00\", \"ssc_per_year\": \"6.00\" },\n"
  "    { \"code\": \"02-00039-002\", \"name\": \"PBX-Port14\", \"kind\": \"port\",\n"
  "      \"list_price\": \"45.00\", \"ssc_per_year\": \"6.75\" }\n"
  "  ] }\n";

typedef struct
{
  SoupServer     *server;
  char           *base;            /* http://127.0.0.1:PORT */
  guint           port;
  SoupServer     *tls_server;
  char           *tls_base;        /* https://127.0.0.1:PORT */

  GSocketService *raw;
  char           *raw_base;
  GCancellable   *raw_cancellable;
  GPtrArray      *raw_connections;
  guint           raw_pending;     /* asynchronous operations of the raw server in flight */
  gsize           endless_sent;

  gboolean        echo_saw_authorization;
  char           *gzip_accept_encoding;

  char           *tmpdir;
  char           *db_path;
  SsaFetcher     *fetcher;
} Fixture;

/* The SoupServer */

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, strlen (body));
}

static const char *
request_header (SoupServerMessage *msg,
                const char        *name)
{
  return soup_message_headers_get_one (soup_server_message_get_request_headers (msg), name);
}

static void
list_a_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *if_none_match = request_header (msg, "If-None-Match");
  const char *if_modified_since = request_header (msg, "If-Modified-Since");
  gboolean with_etag = g_str_equal (path, "/list-a");

  /* /list-a has both validators, /list-a-dated only a date, /list-a-plain none. */
  if (with_etag)
    soup_message_headers_replace (headers, "ETag", ETAG_A);
  if (!g_str_equal (path, "/list-a-plain"))
    soup_message_headers_replace (headers, "Last-Modified", DATE_A);

  if ((with_etag && g_strcmp0 (if_none_match, ETAG_A) == 0) ||
      (!g_str_equal (path, "/list-a-plain") && if_none_match == NULL &&
       g_strcmp0 (if_modified_since, DATE_A) == 0))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  respond (msg, SOUP_STATUS_OK, "application/json", list_a);
}

static void
simple_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Fixture *f = user_data;

  if (g_str_equal (path, "/list-b"))
    respond (msg, SOUP_STATUS_OK, "application/json; charset=utf-8", list_b);
  else if (g_str_equal (path, "/404"))
    respond (msg, SOUP_STATUS_NOT_FOUND, "text/html", "<html><body>Not here</body></html>");
  else if (g_str_equal (path, "/500"))
    respond (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/plain", "oops");
  else if (g_str_equal (path, "/html"))
    respond (msg, SOUP_STATUS_OK, "text/html", "<!DOCTYPE html><html><body>Log in</body></html>");
  else if (g_str_equal (path, "/text"))
    respond (msg, SOUP_STATUS_OK, "text/plain", "This is not a price list.\n");
  else if (g_str_equal (path, "/invalid"))
    respond (msg, SOUP_STATUS_OK, "application/json", list_invalid);
  else if (g_str_equal (path, "/duplicate-key"))
    respond (msg, SOUP_STATUS_OK, "application/json", list_duplicate_key);
  else if (g_str_equal (path, "/changed-a"))
    respond (msg, SOUP_STATUS_OK, "application/json", list_a_changed);
  else if (g_str_equal (path, "/loop"))
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/loop");
  else if (g_str_equal (path, "/to-remote-http"))
    /* Refused before any connection: no address other than loopback is ever contacted. */
    soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "http://example.invalid/list");
  else if (g_str_equal (path, "/to-other-origin"))
    {
      g_autofree char *target = g_strdup_printf ("http://localhost:%u/echo-auth", f->port);

      soup_server_message_set_redirect (msg, SOUP_STATUS_TEMPORARY_REDIRECT, target);
    }
  else if (g_str_equal (path, "/echo-auth"))
    {
      f->echo_saw_authorization = request_header (msg, "Authorization") != NULL;
      respond (msg, SOUP_STATUS_OK, "application/json", list_a);
    }
  else
    respond (msg, SOUP_STATUS_NOT_FOUND, NULL, NULL);
}

/* /hop/N redirects to /hop/N-1; /hop/0 is list A. */
static void
hop_cb (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  guint64 n = 0;

  if (!g_ascii_string_to_unsigned (path + strlen ("/hop/"), 10, 0, 100, &n, NULL))
    respond (msg, SOUP_STATUS_NOT_FOUND, NULL, NULL);
  else if (n == 0)
    respond (msg, SOUP_STATUS_OK, "application/json", list_a);
  else
    {
      g_autofree char *target = g_strdup_printf ("/hop/%u", (guint) n - 1);

      soup_server_message_set_redirect (msg, n % 2 ? SOUP_STATUS_MOVED_PERMANENTLY
                                                    : SOUP_STATUS_SEE_OTHER, target);
    }
}

static GBytes *
gzip_bytes (const char *text,
            gsize       length)
{
  g_autoptr(GConverter) compressor = NULL;
  g_autoptr(GOutputStream) memory = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  compressor = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9));
  memory = g_memory_output_stream_new_resizable ();
  stream = g_converter_output_stream_new (memory, compressor);
  g_output_stream_write_all (stream, text, length, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
gzip_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *f = user_data;
  g_autoptr(GBytes) body = NULL;

  if (g_str_equal (path, "/gzip-bomb"))
    {
      /* 17 MiB of JSON whitespace, about 17 KiB compressed: only a count of the decoded
       * bytes stops it. */
      gsize length = 17 * 1024 * 1024;
      g_autofree char *spaces = g_malloc (length);

      memset (spaces, ' ', length);
      body = gzip_bytes (spaces, length);
    }
  else
    {
      body = gzip_bytes (list_b, strlen (list_b));
    }

  g_free (f->gzip_accept_encoding);
  f->gzip_accept_encoding = g_strdup (request_header (msg, "Accept-Encoding"));
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Encoding", "gzip");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
auth_cb (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  const char *authorization = request_header (msg, "Authorization");
  const char *pair = "reseller:pass word æ";
  g_autofree char *basic = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *expected = NULL;

  if (g_str_equal (path, "/auth-bearer"))
    expected = g_strdup ("Bearer sekrit-token.1");
  else
    expected = g_strconcat ("Basic ", basic, NULL);

  if (g_strcmp0 (authorization, expected) != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "WWW-Authenticate", "Bearer realm=\"prices\"");
      respond (msg, SOUP_STATUS_UNAUTHORIZED, "text/plain", "no");
      return;
    }
  respond (msg, SOUP_STATUS_OK, "application/json", list_a);
}

static SoupServer *
start_soup_server (Fixture          *f,
                   GTlsCertificate  *certificate,
                   char            **out_base,
                   guint            *out_port)
{
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GError) error = NULL;
  SoupServer *server;
  GSList *uris;

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_listen (server, address, certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0,
                      &error);
  g_assert_no_error (error);

  soup_server_add_handler (server, NULL, simple_cb, f, NULL);
  soup_server_add_handler (server, "/list-a", list_a_cb, f, NULL);
  soup_server_add_handler (server, "/list-a-dated", list_a_cb, f, NULL);
  soup_server_add_handler (server, "/list-a-plain", list_a_cb, f, NULL);
  soup_server_add_handler (server, "/hop", hop_cb, f, NULL);
  soup_server_add_handler (server, "/gzip", gzip_cb, f, NULL);
  soup_server_add_handler (server, "/gzip-bomb", gzip_cb, f, NULL);
  soup_server_add_handler (server, "/auth-bearer", auth_cb, f, NULL);
  soup_server_add_handler (server, "/auth-basic", auth_cb, f, NULL);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *out_port = (guint) g_uri_get_port (uris->data);
  *out_base = g_strdup_printf ("%s://127.0.0.1:%u", certificate != NULL ? "https" : "http",
                               *out_port);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return server;
}

static void
start_tls_server (Fixture    *f,
                  const char *pem)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  certificate = g_tls_certificate_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  f->tls_server = start_soup_server (f, certificate, &f->tls_base, &port);
}

static void
trust_test_ca (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "ca.pem", NULL);
  g_autoptr(GTlsDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, test_ca_pem, -1, &error);
  g_assert_no_error (error);
  database = g_tls_file_database_new (path, &error);
  g_assert_no_error (error);
  ssa_fetcher_set_tls_database (f->fetcher, database);
}

/* The raw server */

typedef struct
{
  Fixture           *fixture;
  GSocketConnection *connection;
  GByteArray        *request;
  guint8             buffer[4096];
  char              *head;       /* what is written first */
  char              *chunk;      /* the endless body's chunk */
  gsize              sent;
  gsize              trickled;
  guint              timer;
  gboolean           closed;
} RawConnection;

static void raw_write (RawConnection *conn, const char *data, gsize length);

static void
raw_connection_free (RawConnection *conn)
{
  if (conn->timer != 0)
    g_source_remove (conn->timer);
  g_clear_object (&conn->connection);
  g_byte_array_unref (conn->request);
  g_free (conn->head);
  g_free (conn->chunk);
  g_free (conn);
}

static void
raw_close (RawConnection *conn)
{
  if (conn->closed)
    return;
  conn->closed = TRUE;
  if (conn->timer != 0)
    {
      g_source_remove (conn->timer);
      conn->timer = 0;
    }
  g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
}

static void
raw_closed_after_write_cb (GObject      *source_object,
                           GAsyncResult *res,
                           gpointer      user_data)
{
  RawConnection *conn = user_data;

  conn->fixture->raw_pending--;
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source_object), res, NULL, NULL);
  raw_close (conn);
}

static void
raw_endless_cb (GObject      *source_object,
                GAsyncResult *res,
                gpointer      user_data)
{
  RawConnection *conn = user_data;
  gsize written = 0;

  conn->fixture->raw_pending--;
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source_object), res, &written, NULL))
    return;
  conn->fixture->endless_sent += written;
  conn->sent += written;
  /* A safety stop: a client that never stops reading fails the test, not the machine. */
  if (conn->sent > 4 * (gsize) SSA_FETCHER_MAX_BYTES || conn->closed)
    return;
  conn->fixture->raw_pending++;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (conn->connection)),
                                   conn->chunk, strlen (conn->chunk), G_PRIORITY_DEFAULT,
                                   conn->fixture->raw_cancellable, raw_endless_cb, conn);
}

static void
raw_ignore_write_cb (GObject      *source_object,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  RawConnection *conn = user_data;

  conn->fixture->raw_pending--;
  g_output_stream_write_all_finish (G_OUTPUT_STREAM (source_object), res, NULL, NULL);
}

static void
raw_write (RawConnection *conn,
           const char    *data,
           gsize          length)
{
  conn->fixture->raw_pending++;
  g_output_stream_write_all_async (g_io_stream_get_output_stream (G_IO_STREAM (conn->connection)),
                                   data, length, G_PRIORITY_DEFAULT,
                                   conn->fixture->raw_cancellable, raw_ignore_write_cb, conn);
}

static gboolean
raw_trickle_cb (gpointer user_data)
{
  RawConnection *conn = user_data;

  /* One byte of list A every 200 ms: slower than any timeout of the tests. */
  if (conn->closed || conn->trickled >= strlen (list_a))
    {
      conn->timer = 0;
      return G_SOURCE_REMOVE;
    }
  raw_write (conn, list_a + conn->trickled, 1);
  conn->trickled++;
  return G_SOURCE_CONTINUE;
}

static void
raw_respond (RawConnection *conn,
             const char    *path)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (conn->connection));

  if (g_str_equal (path, "/short"))
    {
      /* Announces 1000 bytes, sends 100, closes. */
      conn->head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                    "Content-Length: 1000\r\nConnection: close\r\n\r\n%.100s",
                                    list_a);
      conn->fixture->raw_pending++;
      g_output_stream_write_all_async (out, conn->head, strlen (conn->head), G_PRIORITY_DEFAULT,
                                       conn->fixture->raw_cancellable,
                                       raw_closed_after_write_cb, conn);
    }
  else if (g_str_equal (path, "/trickle"))
    {
      conn->head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                    "Content-Length: %zu\r\n\r\n", strlen (list_a));
      raw_write (conn, conn->head, strlen (conn->head));
      conn->timer = g_timeout_add (200, raw_trickle_cb, conn);
    }
  else if (g_str_equal (path, "/huge"))
    {
      /* Announces 17 MiB and then sends nothing: only an early refusal ends this quickly. */
      conn->head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                    "Content-Length: %d\r\n\r\n", 17 * 1024 * 1024);
      raw_write (conn, conn->head, strlen (conn->head));
    }
  else if (g_str_equal (path, "/endless"))
    {
      GString *chunk = g_string_new (NULL);

      /* Chunks of 64 KiB of JSON whitespace, for ever. */
      g_string_append_printf (chunk, "%x\r\n", 64 * 1024);
      for (guint i = 0; i < 64 * 1024; i++)
        g_string_append_c (chunk, ' ');
      g_string_append (chunk, "\r\n");
      conn->chunk = g_string_free (chunk, FALSE);
      conn->head = g_strdup ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             "Transfer-Encoding: chunked\r\n\r\n");
      /* One write at a time on a stream: raw_endless_cb () writes the chunks after this. */
      conn->fixture->raw_pending++;
      g_output_stream_write_all_async (out, conn->head, strlen (conn->head), G_PRIORITY_DEFAULT,
                                       conn->fixture->raw_cancellable, raw_endless_cb, conn);
    }
  else
    {
      conn->head = g_strdup ("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n"
                             "Connection: close\r\n\r\n");
      conn->fixture->raw_pending++;
      g_output_stream_write_all_async (out, conn->head, strlen (conn->head), G_PRIORITY_DEFAULT,
                                       conn->fixture->raw_cancellable,
                                       raw_closed_after_write_cb, conn);
    }
}

static void
raw_read_cb (GObject      *source_object,
             GAsyncResult *res,
             gpointer      user_data)
{
  RawConnection *conn = user_data;
  gssize n_read;
  const char *end;

  conn->fixture->raw_pending--;
  n_read = g_input_stream_read_finish (G_INPUT_STREAM (source_object), res, NULL);
  if (n_read <= 0)
    return;

  g_byte_array_append (conn->request, conn->buffer, (guint) n_read);
  g_byte_array_append (conn->request, (const guint8 *) "", 1);
  end = strstr ((const char *) conn->request->data, "\r\n\r\n");
  g_byte_array_set_size (conn->request, conn->request->len - 1);

  if (end == NULL)
    {
      conn->fixture->raw_pending++;
      g_input_stream_read_async (G_INPUT_STREAM (source_object), conn->buffer,
                                 sizeof conn->buffer, G_PRIORITY_DEFAULT,
                                 conn->fixture->raw_cancellable, raw_read_cb, conn);
      return;
    }

  {
    g_auto(GStrv) words = NULL;
    g_autofree char *line = NULL;
    const char *request = (const char *) conn->request->data;

    line = g_strndup (request, strcspn (request, "\r\n"));
    words = g_strsplit (line, " ", 3);
    raw_respond (conn, words[0] != NULL && words[1] != NULL ? words[1] : "/");
  }
}

static gboolean
raw_incoming_cb (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source_object,
                 gpointer           user_data)
{
  Fixture *f = user_data;
  RawConnection *conn = g_new0 (RawConnection, 1);

  conn->fixture = f;
  conn->connection = g_object_ref (connection);
  conn->request = g_byte_array_new ();
  g_ptr_array_add (f->raw_connections, conn);

  f->raw_pending++;
  g_input_stream_read_async (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                             conn->buffer, sizeof conn->buffer, G_PRIORITY_DEFAULT,
                             f->raw_cancellable, raw_read_cb, conn);
  return TRUE;
}

static void
start_raw_server (Fixture *f)
{
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  f->raw = g_socket_service_new ();
  f->raw_cancellable = g_cancellable_new ();
  f->raw_connections = g_ptr_array_new_with_free_func ((GDestroyNotify) raw_connection_free);
  g_socket_listener_add_address (G_SOCKET_LISTENER (f->raw), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &effective, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  f->raw_base = g_strdup_printf ("http://127.0.0.1:%u", port);
  g_signal_connect (f->raw, "incoming", G_CALLBACK (raw_incoming_cb), f);
  g_socket_service_start (f->raw);
}

static void
stop_raw_server (Fixture *f)
{
  g_socket_service_stop (f->raw);
  g_socket_listener_close (G_SOCKET_LISTENER (f->raw));
  g_cancellable_cancel (f->raw_cancellable);
  for (guint i = 0; i < f->raw_connections->len; i++)
    raw_close (g_ptr_array_index (f->raw_connections, i));
  /* Let every operation in flight call back before its connection is freed. */
  while (f->raw_pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_clear_pointer (&f->raw_connections, g_ptr_array_unref);
  g_clear_object (&f->raw);
  g_clear_object (&f->raw_cancellable);
  g_clear_pointer (&f->raw_base, g_free);
}

/* Fixture */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;

  f->tmpdir = g_dir_make_tmp ("ssa-fetch-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->tmpdir, "ssa-desk.db", NULL);
  /* A new database has the bundled sample list as its current list. */
  db = ssa_db_open (f->db_path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  f->server = start_soup_server (f, NULL, &f->base, &f->port);
  start_raw_server (f);
  f->fetcher = ssa_fetcher_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->fetcher);
  stop_raw_server (f);
  soup_server_disconnect (f->server);
  g_clear_object (&f->server);
  if (f->tls_server != NULL)
    soup_server_disconnect (f->tls_server);
  g_clear_object (&f->tls_server);
  /* Closed connections and finished tasks may still have callbacks queued. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_free (f->base);
  g_free (f->tls_base);
  g_free (f->gzip_accept_encoding);
  test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_free (f->db_path);
}

/* Helpers */

static SsaFetchResult *
fetch (Fixture                  *f,
       const char               *url,
       const SsaFetchConditions *conditions,
       GError                  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ssa_fetcher_fetch_async (f->fetcher, url, conditions, NULL, test_store_result_cb, &result);
  return ssa_fetcher_fetch_finish (f->fetcher, test_wait_for (&result), error);
}

static SsaPriceListUpdate *
update (Fixture     *f,
        const char  *url,
        GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ssa_price_list_update_async (f->fetcher, f->db_path, url, SSA_PRICE_LIST_UPDATE_SKIP_KEYRING,
                               NULL, test_store_result_cb, &result);
  return ssa_price_list_update_finish (test_wait_for (&result), error);
}

static char *
url_for (Fixture    *f,
         const char *path)
{
  if (g_str_has_prefix (path, "raw:"))
    return g_strconcat (f->raw_base, path + 4, NULL);
  if (g_str_has_prefix (path, "tls:"))
    return g_strconcat (f->tls_base, path + 4, NULL);
  return g_strconcat (f->base, path, NULL);
}

/* The current list of the database, and how many lists it holds. */
typedef struct
{
  gint64  row_id;
  char   *sha256;
  guint   n_lists;
} DbState;

static void
db_state_read (Fixture *f,
               DbState *state)
{
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GError) error = NULL;

  db = ssa_db_open (f->db_path, SSA_DB_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  lists = ssa_db_list_price_lists (db, &error);
  g_assert_no_error (error);

  state->n_lists = lists->len;
  state->row_id = 0;
  state->sha256 = NULL;
  for (guint i = 0; i < lists->len; i++)
    {
      SsaDbPriceListInfo *info = g_ptr_array_index (lists, i);

      if (info->is_current)
        {
          g_assert_cmpint (state->row_id, ==, 0);
          state->row_id = info->row_id;
          state->sha256 = g_strdup (info->sha256);
        }
    }
  g_assert_cmpint (state->row_id, !=, 0);
}

static void
assert_db_unchanged (Fixture       *f,
                     const DbState *before)
{
  DbState after;

  db_state_read (f, &after);
  g_assert_cmpint (after.row_id, ==, before->row_id);
  g_assert_cmpstr (after.sha256, ==, before->sha256);
  g_assert_cmpuint (after.n_lists, ==, before->n_lists);
  g_free (after.sha256);
}

static char *
sha256_of (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

/* One line that names the URL, what happened and what to do. */
static void
assert_message (const GError *error,
                const char   *url,
                const char   *what,
                const char   *advice)
{
  g_test_message ("message: %s", error->message);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_nonnull (strstr (error->message, what));
  g_assert_nonnull (strstr (error->message, advice));
}

/* Failures: the fetcher's error, then the database untouched by the glue */

typedef struct
{
  const char *test_path;
  const char *path;          /* on the SoupServer; "raw:…" the raw server; "tls:…" HTTPS */
  const char *tls_pem;       /* the HTTPS server's certificate */
  gboolean    trust_ca;
  guint       timeout;       /* 0: the default */
  int         code;
  const char *what;
  const char *advice;
} FailureCase;

static const FailureCase failure_cases[] = {
  { "/fetch/fail/404", "/404", NULL, FALSE, 0, SSA_FETCH_ERROR_HTTP_STATUS,
    "answered 404 Not Found", "Check the address" },
  { "/fetch/fail/500", "/500", NULL, FALSE, 0, SSA_FETCH_ERROR_HTTP_STATUS,
    "answered 500 Internal Server Error", "Try again later" },
  { "/fetch/fail/redirect-loop", "/loop", NULL, FALSE, 0, SSA_FETCH_ERROR_TOO_MANY_REDIRECTS,
    "redirects more than 5 times", "Check the address" },
  { "/fetch/fail/six-redirects", "/hop/6", NULL, FALSE, 0, SSA_FETCH_ERROR_TOO_MANY_REDIRECTS,
    "redirects more than 5 times", "contact the distributor" },
  { "/fetch/fail/redirect-to-plain-http", "/to-remote-http", NULL, FALSE, 0,
    SSA_FETCH_ERROR_INSECURE, "http://example.invalid/list, which uses plain http://",
    "Ask the distributor" },
  { "/fetch/fail/short-body", "raw:/short", NULL, FALSE, 0, SSA_FETCH_ERROR_TRUNCATED,
    "broke off before the end", "Try again later" },
  { "/fetch/fail/trickle", "raw:/trickle", NULL, FALSE, 1, SSA_FETCH_ERROR_TIMEOUT,
    "within 1 second", "try again later" },
  { "/fetch/fail/announced-too-large", "raw:/huge", NULL, FALSE, 0, SSA_FETCH_ERROR_TOO_LARGE,
    "larger than 16 MiB", "Check the address" },
  { "/fetch/fail/chunked-too-large", "raw:/endless", NULL, FALSE, 0, SSA_FETCH_ERROR_TOO_LARGE,
    "larger than 16 MiB", "contact the distributor" },
  { "/fetch/fail/gzip-too-large", "/gzip-bomb", NULL, FALSE, 0, SSA_FETCH_ERROR_TOO_LARGE,
    "larger than 16 MiB", "Check the address" },
  { "/fetch/fail/web-page", "/html", NULL, FALSE, 0, SSA_FETCH_ERROR_NOT_JSON,
    "sent a web page", "Check the address" },
  { "/fetch/fail/not-json", "/text", NULL, FALSE, 0, SSA_FETCH_ERROR_NOT_JSON,
    "not a JSON document", "Check the address" },
  { "/fetch/fail/broken-rule", "/invalid", NULL, FALSE, 0, SSA_FETCH_ERROR_INVALID_LIST,
    "breaks the rules of the format: ssc_price: ", "Ask the distributor to correct it" },
  { "/fetch/fail/duplicate-key", "/duplicate-key", NULL, FALSE, 0, SSA_FETCH_ERROR_INVALID_LIST,
    "breaks the rules of the format: products[1].list_price: the key is given twice",
    "Ask the distributor to correct it" },
  { "/fetch/fail/needs-login", "/auth-bearer", NULL, FALSE, 0, SSA_FETCH_ERROR_AUTH,
    "needs a login (the server answered 401 Unauthorized)", "Store the token" },
  { "/fetch/fail/tls-unknown-authority", "tls:/list-a", test_self_signed_pem, FALSE, 0,
    SSA_FETCH_ERROR_TLS, "not signed by an authority this computer trusts",
    "ask the distributor" },
  { "/fetch/fail/tls-expired", "tls:/list-a", test_expired_pem, TRUE, 0, SSA_FETCH_ERROR_TLS,
    "its certificate has expired", "ask the distributor" },
  { "/fetch/fail/tls-wrong-host", "tls:/list-a", test_otherhost_pem, TRUE, 0,
    SSA_FETCH_ERROR_TLS, "made out to a different server name", "ask the distributor" },
};

static void
test_failure (Fixture       *f,
              gconstpointer  data)
{
  const FailureCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaFetchResult) result = NULL;
  g_autoptr(SsaPriceListUpdate) updated = NULL;
  g_autofree char *url = NULL;
  DbState before;
  gint64 start;

  if (c->tls_pem != NULL)
    start_tls_server (f, c->tls_pem);
  if (c->trust_ca)
    trust_test_ca (f);
  if (c->timeout != 0)
    ssa_fetcher_set_timeout (f->fetcher, c->timeout);
  url = url_for (f, c->path);

  start = g_get_monotonic_time ();
  f->endless_sent = 0;
  result = fetch (f, url, NULL, &error);
  g_assert_error (error, SSA_FETCH_ERROR, c->code);
  g_assert_null (result);
  assert_message (error, url, c->what, c->advice);
  /* Nothing waits for the 30 s default timeout: the trickle is cut at its 1 s, an announced
   * 17 MiB is refused at the headers. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
  g_clear_error (&error);
  if (g_str_equal (c->path, "raw:/endless"))
    {
      /* Reading stopped at the cap: what was sent beyond it sat in socket buffers. */
      g_test_message ("the endless server sent %zu bytes", f->endless_sent);
      g_assert_cmpuint (f->endless_sent, <, 2 * (gsize) SSA_FETCHER_MAX_BYTES);
    }

  db_state_read (f, &before);
  updated = update (f, url, &error);
  g_assert_error (error, SSA_FETCH_ERROR, c->code);
  g_assert_null (updated);
  assert_db_unchanged (f, &before);
  g_free (before.sha256);

}

static void
test_refused_connection (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new_from_string ("127.0.0.1", 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaFetchResult) result = NULL;
  g_autofree char *url = NULL;

  /* A port that was free a moment ago, and closed now. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_socket_bind (socket, address, TRUE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/list",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  result = fetch (f, url, NULL, &error);
  g_assert_error (error, SSA_FETCH_ERROR, SSA_FETCH_ERROR_NETWORK);
  assert_message (error, url, "refused the connection", "Check the address");
}

/* Addresses */

static void
test_urls (void)
{
  const char *accepted[] = {
    "https://prices.example.no/ssa.json", "http://127.0.0.1:8080/list",
    "http://127.3.2.1/list", "http://[::1]:8080/list", "http://localhost/list",
    "HTTP://LOCALHOST:1/list",
  };
  const struct { const char *url; int code; } refused[] = {
    { "", SSA_FETCH_ERROR_INVALID_URL },
    { "prices.example.no/ssa.json", SSA_FETCH_ERROR_INVALID_URL },
    { "ftp://prices.example.no/ssa.json", SSA_FETCH_ERROR_INVALID_URL },
    { "file:///etc/passwd", SSA_FETCH_ERROR_INVALID_URL },
    { "https://user:secret@prices.example.no/ssa.json", SSA_FETCH_ERROR_INVALID_URL },
    { "http://prices.example.no/ssa.json", SSA_FETCH_ERROR_INSECURE },
    { "http://192.168.1.10/ssa.json", SSA_FETCH_ERROR_INSECURE },
    { "http://localhost.example.no/ssa.json", SSA_FETCH_ERROR_INSECURE },
    { "http://[::2]/ssa.json", SSA_FETCH_ERROR_INSECURE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (ssa_fetcher_check_url (accepted[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (ssa_fetcher_check_url (refused[i].url, &error));
      g_assert_error (error, SSA_FETCH_ERROR, refused[i].code);
      g_assert_null (strchr (error->message, '\n'));
      g_test_message ("%s", error->message);
    }

  g_assert_true (ssa_fetcher_url_is_loopback ("http://127.0.0.1/"));
  g_assert_true (ssa_fetcher_url_is_loopback ("https://[::1]/"));
  g_assert_false (ssa_fetcher_url_is_loopback ("https://prices.example.no/"));
}

/* Successes */

static void
test_ok (Fixture       *f,
         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaFetchResult) result = NULL;
  g_autofree char *url = url_for (f, "/list-a");
  g_autofree char *sha = sha256_of (list_a);

  result = fetch (f, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, SSA_FETCH_OUTCOME_NEW);
  g_assert_cmpuint (result->status, ==, 200);
  g_assert_cmpstr (result->url, ==, url);
  g_assert_cmpstr (result->final_url, ==, url);
  g_assert_cmpstr (result->etag, ==, ETAG_A);
  g_assert_cmpstr (result->last_modified, ==, DATE_A);
  g_assert_cmpstr (result->sha256, ==, sha);
  g_assert_cmpmem (g_bytes_get_data (result->bytes, NULL), g_bytes_get_size (result->bytes),
                   list_a, strlen (list_a));
  g_assert_nonnull (result->price_list);
  g_assert_cmpstr (result->price_list->id, ==, "2026-06");
  g_assert_cmpuint (result->price_list->products->len, ==, 2);
}

static void
test_not_modified (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaFetchResult) by_etag = NULL;
  g_autoptr(SsaFetchResult) by_date = NULL;
  g_autoptr(SsaFetchResult) stale = NULL;
  g_autofree char *url = url_for (f, "/list-a");
  g_autofree char *dated_url = url_for (f, "/list-a-dated");
  SsaFetchConditions etag = { .etag = ETAG_A, .last_modified = DATE_A };
  SsaFetchConditions date = { .last_modified = DATE_A };
  SsaFetchConditions old_etag = { .etag = "\"list-a-0\"" };

  by_etag = fetch (f, url, &etag, &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_etag->outcome, ==, SSA_FETCH_OUTCOME_NOT_MODIFIED);
  g_assert_cmpuint (by_etag->status, ==, 304);
  g_assert_null (by_etag->bytes);
  g_assert_null (by_etag->price_list);

  by_date = fetch (f, dated_url, &date, &error);
  g_assert_no_error (error);
  g_assert_cmpint (by_date->outcome, ==, SSA_FETCH_OUTCOME_NOT_MODIFIED);

  stale = fetch (f, url, &old_etag, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stale->outcome, ==, SSA_FETCH_OUTCOME_NEW);
}

static void
test_same_content (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaFetchResult) result = NULL;
  g_autofree char *url = url_for (f, "/list-a-plain");
  g_autofree char *sha = sha256_of (list_a);
  g_autofree char *upper = g_ascii_strup (sha, -1);
  SsaFetchConditions conditions = { .sha256 = upper };

  result = fetch (f, url, &conditions, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, SSA_FETCH_OUTCOME_SAME_CONTENT);
  g_assert_cmpstr (result->sha256, ==, sha);
  g_assert_null (result->price_list);
  g_assert_nonnull (result->bytes);
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaFetchResult) result = NULL;
  g_autofree char *url = url_for (f, "/hop/5");
  g_autofree char *last = url_for (f, "/hop/0");

  result = fetch (f, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, SSA_FETCH_OUTCOME_NEW);
  g_assert_cmpstr (result->url, ==, url);
  g_assert_cmpstr (result->final_url, ==, last);
}

static void
test_gzip (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaFetchResult) result = NULL;
  g_autofree char *url = url_for (f, "/gzip");
  g_autofree char *sha = sha256_of (list_b);

  result = fetch (f, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->gzip_accept_encoding);
  g_assert_nonnull (strstr (f->gzip_accept_encoding, "gzip"));
  g_assert_cmpint (result->outcome, ==, SSA_FETCH_OUTCOME_NEW);
  /* The decoded bytes are the list, and their hash is what is compared and stored. */
  g_assert_cmpmem (g_bytes_get_data (result->bytes, NULL), g_bytes_get_size (result->bytes),
                   list_b, strlen (list_b));
  g_assert_cmpstr (result->sha256, ==, sha);
  g_assert_cmpstr (result->price_list->id, ==, "2026-12");
}

static void
test_credentials (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(SsaCredentials) bearer = ssa_credentials_new_bearer ("sekrit-token.1");
  g_autoptr(SsaCredentials) wrong = ssa_credentials_new_bearer ("sekrit-token.2");
  g_autoptr(SsaCredentials) basic = ssa_credentials_new_basic ("reseller", "pass word æ");
  g_autofree char *bearer_url = url_for (f, "/auth-bearer");
  g_autofree char *basic_url = url_for (f, "/auth-basic");
  g_autofree char *redirect_url = url_for (f, "/to-other-origin");
  SsaFetchConditions with_bearer = { .credentials = bearer };
  SsaFetchConditions with_wrong = { .credentials = wrong };
  SsaFetchConditions with_basic = { .credentials = basic };

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaFetchResult) result = fetch (f, bearer_url, &with_bearer, &error);

    g_assert_no_error (error);
    g_assert_cmpint (result->outcome, ==, SSA_FETCH_OUTCOME_NEW);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaFetchResult) result = fetch (f, basic_url, &with_basic, &error);

    g_assert_no_error (error);
    g_assert_cmpint (result->outcome, ==, SSA_FETCH_OUTCOME_NEW);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaFetchResult) result = fetch (f, bearer_url, &with_wrong, &error);

    g_assert_error (error, SSA_FETCH_ERROR, SSA_FETCH_ERROR_AUTH);
    assert_message (error, bearer_url, "refused the stored login", "Check the token");
  }
  {
    /* A redirect to another origin (localhost is not 127.0.0.1) gets no login. */
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaFetchResult) result = NULL;

    f->echo_saw_authorization = TRUE;
    result = fetch (f, redirect_url, &with_bearer, &error);
    g_assert_no_error (error);
    g_assert_cmpint (result->outcome, ==, SSA_FETCH_OUTCOME_NEW);
    g_assert_false (f->echo_saw_authorization);
  }
}

static void
test_tls_trusted (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaFetchResult) result = NULL;
  g_autoptr(SsaCredentials) bearer = ssa_credentials_new_bearer ("sekrit-token.1");
  g_autofree char *url = NULL;
  SsaFetchConditions conditions = { .credentials = bearer };

  start_tls_server (f, test_good_pem);
  trust_test_ca (f);
  url = url_for (f, "tls:/auth-bearer");

  result = fetch (f, url, &conditions, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result->outcome, ==, SSA_FETCH_OUTCOME_NEW);
  g_assert_true (g_str_has_prefix (result->final_url, "https://127.0.0.1:"));
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaFetchResult) fetched = NULL;
  g_autofree char *url = url_for (f, "raw:/trickle");

  ssa_fetcher_fetch_async (f->fetcher, url, NULL, cancellable, test_store_result_cb, &result);
  /* Let a few bytes arrive, then cancel. */
  for (guint i = 0; i < 50 && result == NULL; i++)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  fetched = ssa_fetcher_fetch_finish (f->fetcher, test_wait_for (&result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (fetched);
}

/* The glue: what is stored */

/* A new list: stored and current. Returns its row. */
static gint64
store_list_a (Fixture *f)
{
  g_autofree char *url_a = url_for (f, "/list-a");
  g_autofree char *sha_a = sha256_of (list_a);
  gint64 sample_row;
  gint64 row_a;
  DbState state;

  db_state_read (f, &state);
  sample_row = state.row_id;
  g_free (state.sha256);

  /* A new list: stored and current. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaPriceListUpdate) updated = update (f, url_a, &error);

    g_assert_no_error (error);
    g_assert_cmpint (updated->outcome, ==, SSA_PRICE_LIST_UPDATE_STORED);
    g_assert_cmpint (updated->previous_row_id, ==, sample_row);
    g_assert_cmpstr (updated->current->list_id, ==, "2026-06");
    g_assert_cmpstr (updated->current->sha256, ==, sha_a);
    g_assert_cmpstr (updated->current->source_url, ==, url_a);
    g_assert_cmpstr (updated->current->etag, ==, ETAG_A);
    g_assert_cmpstr (updated->current->last_modified, ==, DATE_A);
    g_assert_nonnull (updated->current->fetched_at);
    g_assert_true (updated->current->is_current);
    row_a = updated->current->row_id;
  }
  return row_a;
}

/* Another list replaces it; the first stays in the history. Returns its row. */
static gint64
store_list_b (Fixture *f,
              gint64   row_a)
{
  g_autofree char *url_b = url_for (f, "/list-b");
  gint64 row_b;
  DbState state;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaPriceListUpdate) updated = update (f, url_b, &error);

    g_assert_no_error (error);
    g_assert_cmpint (updated->outcome, ==, SSA_PRICE_LIST_UPDATE_STORED);
    g_assert_cmpint (updated->previous_row_id, ==, row_a);
    g_assert_cmpstr (updated->current->list_id, ==, "2026-12");
    row_b = updated->current->row_id;
  }
  db_state_read (f, &state);
  g_assert_cmpint (state.row_id, ==, row_b);
  g_assert_cmpuint (state.n_lists, ==, 3);
  g_free (state.sha256);
  return row_b;
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  store_list_a (f);
}

/* Again: the stored ETag makes it a 304, and nothing is stored; the same bytes from an
 * address without validators are unchanged by the hash. */
static void
test_update_unchanged (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *url_a = url_for (f, "/list-a");
  g_autofree char *url_a_plain = url_for (f, "/list-a-plain");
  gint64 row_a = store_list_a (f);
  DbState state;

  db_state_read (f, &state);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaPriceListUpdate) updated = update (f, url_a, &error);

    g_assert_no_error (error);
    g_assert_cmpint (updated->outcome, ==, SSA_PRICE_LIST_UPDATE_NOT_MODIFIED);
    g_assert_cmpint (updated->current->row_id, ==, row_a);
    g_assert_cmpint (updated->previous_row_id, ==, row_a);
  }
  assert_db_unchanged (f, &state);

  /* The same bytes from an address without validators: unchanged by the hash. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaPriceListUpdate) updated = update (f, url_a_plain, &error);

    g_assert_no_error (error);
    g_assert_cmpint (updated->outcome, ==, SSA_PRICE_LIST_UPDATE_SAME_CONTENT);
    g_assert_cmpint (updated->current->row_id, ==, row_a);
  }
  assert_db_unchanged (f, &state);
  g_free (state.sha256);
}

static void
test_update_replaced (Fixture       *f,
                      gconstpointer  data)
{
  store_list_b (f, store_list_a (f));
}

/* What changed from A to B, as the window shows it. */
static void
test_update_diff (Fixture       *f,
                  gconstpointer  data)
{
  gint64 row_a = store_list_a (f);
  gint64 row_b = store_list_b (f, row_a);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaDb) db = ssa_db_open (f->db_path, SSA_DB_OPEN_READ_ONLY, &error);
    g_autoptr(SsaPriceListDiff) diff = NULL;
    gint64 old_row = 0;
    gint64 new_row = 0;

    g_assert_no_error (error);
    g_assert_true (ssa_price_list_find_previous (db, &old_row, &new_row, &error));
    g_assert_cmpint (old_row, ==, row_a);
    g_assert_cmpint (new_row, ==, row_b);
    diff = ssa_price_list_diff_stored (db, old_row, new_row, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (diff->n_added, ==, 1);
    g_assert_cmpuint (diff->n_removed, ==, 1);
    g_assert_cmpuint (diff->n_changed, ==, 1);
  }
}

/* List A once more, from an address without validators: the stored A is current again,
 * not stored twice. */
static void
test_update_restored (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *url_a_plain = url_for (f, "/list-a-plain");
  gint64 row_a = store_list_a (f);
  gint64 row_b = store_list_b (f, row_a);
  DbState state;

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaPriceListUpdate) updated = update (f, url_a_plain, &error);

    g_assert_no_error (error);
    g_assert_cmpint (updated->outcome, ==, SSA_PRICE_LIST_UPDATE_RESTORED);
    g_assert_cmpint (updated->current->row_id, ==, row_a);
    g_assert_cmpint (updated->previous_row_id, ==, row_b);
  }
  db_state_read (f, &state);
  g_assert_cmpint (state.row_id, ==, row_a);
  g_assert_cmpuint (state.n_lists, ==, 3);
  g_free (state.sha256);
}

static void
test_update_conditions_per_url (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *url_a = url_for (f, "/list-a");
  g_autofree char *url_a_dated = url_for (f, "/list-a-dated");
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceListUpdate) first = NULL;
  g_autoptr(SsaPriceListUpdate) second = NULL;

  first = update (f, url_a, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->outcome, ==, SSA_PRICE_LIST_UPDATE_STORED);

  /* The stored date belongs to /list-a: /list-a-dated gets no If-Modified-Since, answers
   * 200, and the hash finds the same bytes. */
  second = update (f, url_a_dated, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->outcome, ==, SSA_PRICE_LIST_UPDATE_SAME_CONTENT);
}

static void
test_update_bad_url (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceListUpdate) updated = NULL;
  DbState before;

  db_state_read (f, &before);
  updated = update (f, "http://prices.example.no/list.json", &error);
  g_assert_error (error, SSA_FETCH_ERROR, SSA_FETCH_ERROR_INSECURE);
  assert_message (error, "http://prices.example.no/list.json", "plain http://",
                  "Use the https:// address");
  assert_db_unchanged (f, &before);
  g_free (before.sha256);
}

/* The command line, as a separate process */

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_free (run->out);
  g_free (run->err);
}

static gboolean
run_cli (Fixture     *f,
         CliRun      *run,
         const char  *first,
         ...)
{
  const char *cli = g_getenv ("SSA_DESK_CLI");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bus = g_build_filename (f->tmpdir, "no-bus", NULL);
  g_autofree char *bus_address = g_strconcat ("unix:path=", bus, NULL);
  va_list ap;

  if (cli == NULL || !g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("SSA_DESK_CLI does not name the built ssa-desk-cli");
      return FALSE;
    }

  g_ptr_array_add (args, (gpointer) cli);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* No keyring: a session bus that does not exist, and no display to start one from. */
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", bus_address, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", f->tmpdir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);

  /* The servers live on this main context: keep it running while the command works. */
  g_subprocess_communicate_utf8_async (process, NULL, NULL, test_store_result_cb, &result);
  g_subprocess_communicate_utf8_finish (process, test_wait_for (&result), &run->out, &run->err,
                                        &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
  return TRUE;
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;
  return n;
}

static void
test_cli_fetch_price_list (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *url = url_for (f, "/list-a");
  g_autofree char *bad_url = url_for (f, "/invalid");
  g_autofree char *out = g_build_filename (f->tmpdir, "prices.json", NULL);
  g_autofree char *bad_out = g_build_filename (f->tmpdir, "bad.json", NULL);
  g_autofree char *contents = NULL;
  CliRun run = { 0, };

  if (!run_cli (f, &run, "fetch-price-list", url, "--out", out, "--timeout", "5", NULL))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "price list 2026-06 is valid"));
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, list_a);
  cli_run_clear (&run);

  run_cli (f, &run, "fetch-price-list", bad_url, "--out", bad_out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, bad_url));
  g_assert_false (g_file_test (bad_out, G_FILE_TEST_EXISTS));
  cli_run_clear (&run);

  run_cli (f, &run, "fetch-price-list", url, "--timeout", "soon", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "--timeout"));
  cli_run_clear (&run);

  run_cli (f, &run, "fetch-price-list", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_run_clear (&run);
}

static void
test_cli_price_list_fetch (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *url = url_for (f, "/list-a");
  g_autofree char *url_b = url_for (f, "/list-b");
  g_autofree char *bad_url = url_for (f, "/404");
  CliRun run = { 0, };
  DbState before;

  if (!run_cli (f, &run, "--db", f->db_path, "price-list", "fetch", "--help", NULL))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--timeout"));
  cli_run_clear (&run);

  run_cli (f, &run, "--db", f->db_path, "price-list", "fetch", url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "New price list 2026-06 stored as #"));
  cli_run_clear (&run);

  run_cli (f, &run, "--db", f->db_path, "price-list", "fetch", url, "--timeout", "5", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "304 Not Modified"));
  cli_run_clear (&run);

  run_cli (f, &run, "--db", f->db_path, "price-list", "fetch", url_b, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "New price list 2026-12 stored as #"));
  cli_run_clear (&run);

  /* What changed from A to B: by default the previous list against the current one. */
  run_cli (f, &run, "--db", f->db_path, "price-list", "diff", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "2026-06 (#2) → 2026-12 (#3): 1 product added, 1 removed, "
                                     "1 changed\n"));
  g_assert_nonnull (strstr (run.out, "  Price of 1 SSC: NOK 11.00 → NOK 11.50\n"));
  g_assert_nonnull (strstr (run.out, "  Added: 02-00039-003 PBX-Port15: NOK 500.00\n"));
  g_assert_nonnull (strstr (run.out, "  List price: 02-00039-002 PBX-Port14: NOK 450.00 → "
                                     "NOK 470.00\n"));
  g_assert_nonnull (strstr (run.out, "  Removed: 02-00039-001 PBX-Port13: NOK 400.00\n"));
  cli_run_clear (&run);

  run_cli (f, &run, "--db", f->db_path, "price-list", "diff", "2026-12", "#2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "2026-12 (#3) → 2026-06 (#2): 1 product added, 1 removed"));
  cli_run_clear (&run);

  run_cli (f, &run, "--db", f->db_path, "price-list", "diff", "2026-12", "2099-01", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "2099-01"));
  cli_run_clear (&run);

  run_cli (f, &run, "--db", f->db_path, "price-list", "diff", "2026-12", NULL);
  g_assert_cmpint (run.status, ==, 2);
  cli_run_clear (&run);

  db_state_read (f, &before);
  run_cli (f, &run, "--db", f->db_path, "price-list", "fetch", bad_url, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, bad_url));
  assert_db_unchanged (f, &before);
  g_free (before.sha256);
  cli_run_clear (&run);

  /* No URL given and none configured (GSETTINGS_BACKEND=memory): one line, exit 1. */
  run_cli (f, &run, "--db", f->db_path, "price-list", "fetch", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "No price list address is configured"));
  cli_run_clear (&run);
}

/* Without libsoup (SSA_DESK_LIBSOUP names one that is not there) fetching a price list fails
 * in one line that says what to install, the database is left as it was, and the command
 * line's other commands work: nothing links libsoup, it is opened on first use. */
static void
test_cli_without_libsoup (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *url = url_for (f, "/list-a");
  g_autofree char *missing = g_build_filename (f->tmpdir, "libsoup-3.0.so.0", NULL);
  CliRun run = { 0, };
  DbState before;

  db_state_read (f, &before);
  g_setenv ("SSA_DESK_LIBSOUP", missing, TRUE);
  if (!run_cli (f, &run, "--db", f->db_path, "price-list", "fetch", url, NULL))
    {
      g_unsetenv ("SSA_DESK_LIBSOUP");
      g_free (before.sha256);
      return;
    }
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "libsoup"));
  g_assert_nonnull (strstr (run.err, missing));
  g_assert_nonnull (strstr (run.err, "libsoup-3.0-0"));
  assert_db_unchanged (f, &before);
  cli_run_clear (&run);

  /* What does not talk HTTP works as before. */
  run_cli (f, &run, "--db", f->db_path, "customers", NULL);
  g_assert_cmpint (run.status, ==, 0);
  cli_run_clear (&run);
  g_unsetenv ("SSA_DESK_LIBSOUP");

  /* With libsoup the same command stores the list. */
  run_cli (f, &run, "--db", f->db_path, "price-list", "fetch", url, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "New price list 2026-06 stored as #"));
  cli_run_clear (&run);
  g_free (before.sha256);
}

/* A fetched list under the id of a stored one with other content is refused: nothing is
 * stored and the current list stays, by the window's update and by the command line. */
static void
test_update_same_id_other_content (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *url_a = url_for (f, "/list-a");
  g_autofree char *url_changed = url_for (f, "/changed-a");
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceListUpdate) updated = NULL;
  CliRun run = { 0, };
  DbState state;

  updated = update (f, url_a, &error);
  g_assert_no_error (error);
  g_assert_cmpint (updated->outcome, ==, SSA_PRICE_LIST_UPDATE_STORED);
  g_clear_pointer (&updated, ssa_price_list_update_free);

  db_state_read (f, &state);
  updated = update (f, url_changed, &error);
  g_assert_null (updated);
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, url_changed));
  g_assert_nonnull (strstr (error->message, "“2026-06”"));
  g_assert_nonnull (strstr (error->message, "differs"));
  assert_db_unchanged (f, &state);

  if (run_cli (f, &run, "--db", f->db_path, "price-list", "fetch", url_changed, NULL))
    {
      g_assert_cmpint (run.status, ==, 1);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, "“2026-06” is stored already"));
      g_assert_nonnull (strstr (run.err, "Give the new list a new id"));
      assert_db_unchanged (f, &state);
      cli_run_clear (&run);
    }
  g_free (state.sha256);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fetch/urls", test_urls);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/fetch/ok", test_ok);
  ADD ("/fetch/not-modified", test_not_modified);
  ADD ("/fetch/same-content", test_same_content);
  ADD ("/fetch/redirects", test_redirects);
  ADD ("/fetch/gzip", test_gzip);
  ADD ("/fetch/credentials", test_credentials);
  ADD ("/fetch/tls-trusted", test_tls_trusted);
  ADD ("/fetch/cancel", test_cancel);
  ADD ("/fetch/fail/refused-connection", test_refused_connection);
  for (guint i = 0; i < G_N_ELEMENTS (failure_cases); i++)
    g_test_add (failure_cases[i].test_path, Fixture, &failure_cases[i], fixture_set_up,
                test_failure, fixture_tear_down);
  ADD ("/update/store-and-history/stored", test_update);
  ADD ("/update/store-and-history/unchanged", test_update_unchanged);
  ADD ("/update/store-and-history/replaced", test_update_replaced);
  ADD ("/update/store-and-history/diff", test_update_diff);
  ADD ("/update/store-and-history/restored", test_update_restored);
  ADD ("/update/conditions-per-url", test_update_conditions_per_url);
  ADD ("/update/same-id-other-content", test_update_same_id_other_content);
  ADD ("/update/bad-url", test_update_bad_url);
  ADD ("/cli/fetch-price-list", test_cli_fetch_price_list);
  ADD ("/cli/price-list-fetch", test_cli_price_list_fetch);
  ADD ("/cli/without-libsoup", test_cli_without_libsoup);

#undef ADD

  return g_test_run ();
}
