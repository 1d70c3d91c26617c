/* ssa-db-listener.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <json-glib/json-glib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "ssa-pq.h"
#include "ssa-db-listener.h"
#include "ssa-sql.h"
#include "ssa-team-db.h"

/* The connection is opened in a worker (connecting may wait for the network), then its
 * socket is watched on the main context with g_unix_fd_add(): the main loop wakes only when
 * the server sends something. Each notification is JSON ({"table": …, "id": …, "op": …,
 * "installation_id": …}), sent by the triggers of ssa-sql-schema-pg.c when a transaction
 * commits. */

struct _SsaDbListener
{
  SsaSql               *sql;
  PGconn               *conn;
  GSource              *source;   /* while watched */
  SsaDbListenerFunc     changed;
  SsaDbListenerLostFunc lost;
  gpointer              user_data;
};

/* A network that goes without a word (a cable pulled, a laptop's Wi-Fi) leaves the socket
 * open: the kernel's keepalive probes (no wake-up of this process) close it after about a
 * minute of silence (30 s idle, then 3 probes 10 s apart), and the listener says it is lost.
 * libpq turns keepalives on for TCP, with the system's two hours before the first probe. */
static void
set_keepalive (int fd)
{
  int on = 1, idle = 30, interval = 10, count = 3;
  struct sockaddr_storage address;
  socklen_t length = sizeof address;

  if (fd < 0 || getsockname (fd, (struct sockaddr *) &address, &length) != 0 ||
      (address.ss_family != AF_INET && address.ss_family != AF_INET6))
    return;
  setsockopt (fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
#ifdef TCP_KEEPIDLE
  setsockopt (fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
  setsockopt (fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof interval);
  setsockopt (fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
#endif
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  SsaDbListener *self;
  SsaSql *sql;

  if (!ssa_team_db_is_uri (task_data))
    {
      g_task_return_new_error (task, SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_NOT_SUPPORTED,
                               _("Only a team database tells of changes as they happen."));
      return;
    }
  sql = ssa_sql_open_pg (task_data, &error);
  if (sql == NULL || !ssa_sql_exec (sql, "LISTEN ssa_desk", &error))
    {
      if (sql != NULL)
        ssa_sql_close (sql);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  self = g_new0 (SsaDbListener, 1);
  self->sql = sql;
  self->conn = ssa_sql_pg_get_conn (sql);
  set_keepalive (PQsocket (self->conn));
  g_task_return_pointer (task, self, (GDestroyNotify) ssa_db_listener_free);
}

/**
 * ssa_db_listener_open_async:
 * @uri: a team database's libpq URI
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context
 * @user_data: for @callback
 *
 * Connects to @uri in a worker thread and LISTENs for the changes other clients make.
 */
void
ssa_db_listener_open_async (const char          *uri,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (uri != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ssa_db_listener_open_async);
  g_task_set_name (task, "[ssa-desk] listen");
  g_task_set_task_data (task, g_strdup (uri), g_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * ssa_db_listener_open_finish:
 * @result: the #GAsyncResult
 * @error: a #GError: the server's answer in words, as ssa_team_db_open() gives it
 *
 * Returns: (transfer full) (nullable): the listener, not yet watched
 */
SsaDbListener *
ssa_db_listener_open_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
dispatch (SsaDbListener *self,
          const char    *payload)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;
  const char *table;
  const char *op;

  if (!json_parser_load_from_data (parser, payload, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_debug ("Ignoring a notification that is not a JSON object: %s", payload);
      return;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  table = json_object_get_string_member_with_default (object, "table", NULL);
  op = json_object_get_string_member_with_default (object, "op", "UPDATE");
  if (table == NULL || !json_object_has_member (object, "id"))
    return;
  self->changed (table, json_object_get_int_member (object, "id"),
                 json_object_get_int_member_with_default (object, "installation_id", 0),
                 op, self->user_data);
}

static void
drain (SsaDbListener *self)
{
  PGnotify *notify;

  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      if (self->changed != NULL && notify->extra != NULL)
        dispatch (self, notify->extra);
      PQfreemem (notify);
    }
}

static gboolean
readable_cb (int          fd,
             GIOCondition condition,
             gpointer     user_data)
{
  SsaDbListener *self = user_data;

  if (!PQconsumeInput (self->conn) || PQstatus (self->conn) == CONNECTION_BAD)
    {
      g_autofree char *detail = g_strstrip (g_strdup (PQerrorMessage (self->conn)));
      g_autoptr(GError) error =
        g_error_new (SSA_TEAM_DB_ERROR, SSA_TEAM_DB_ERROR_UNREACHABLE,
                     _("The connection to the team database %s was lost (%s)."),
                     ssa_sql_get_display_name (self->sql), detail);

      g_clear_pointer (&self->source, g_source_unref);
      if (self->lost != NULL)
        self->lost (error, self->user_data);
      return G_SOURCE_REMOVE;
    }
  drain (self);
  return G_SOURCE_CONTINUE;
}

/**
 * ssa_db_listener_start:
 * @self: a listener
 * @changed: called on the main context for each change another client committed
 * @lost: (nullable): called once when the connection is lost
 * @user_data: for both
 *
 * Watches the connection's socket on the thread-default main context.
 */
void
ssa_db_listener_start (SsaDbListener         *self,
                       SsaDbListenerFunc      changed,
                       SsaDbListenerLostFunc  lost,
                       gpointer               user_data)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->source == NULL);

  self->changed = changed;
  self->lost = lost;
  self->user_data = user_data;
  self->source = g_unix_fd_source_new (PQsocket (self->conn), G_IO_IN | G_IO_ERR | G_IO_HUP);
  g_source_set_callback (self->source, G_SOURCE_FUNC (readable_cb), self, NULL);
  g_source_set_name (self->source, "[ssa-desk] team database notifications");
  g_source_attach (self->source, g_main_context_get_thread_default ());
  /* What arrived with LISTEN's answer. */
  drain (self);
}

void
ssa_db_listener_free (SsaDbListener *self)
{
  if (self == NULL)
    return;
  if (self->source != NULL)
    {
      g_source_destroy (self->source);
      g_source_unref (self->source);
    }
  ssa_sql_close (self->sql);
  g_free (self);
}
