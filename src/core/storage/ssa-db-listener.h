/* ssa-db-listener.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What other clients change in a team database, as it happens: one more libpq connection
 * that LISTENs on the channel "ssa_desk" (the triggers of schema version 8 notify it), its
 * socket watched by the main context (no timer). An SQLite file has none. */

typedef struct _SsaDbListener SsaDbListener;

/**
 * SsaDbListenerFunc:
 * @table: the table changed: "customers", "installations", "licences", "offers" or
 *   "price_lists"
 * @id: the row's id
 * @installation_id: for a licence line or an offer, its installation; 0 otherwise
 * @op: "INSERT", "UPDATE" or "DELETE"
 * @user_data: the data given to ssa_db_listener_start()
 */
typedef void (*SsaDbListenerFunc) (const char *table,
                                   gint64      id,
                                   gint64      installation_id,
                                   const char *op,
                                   gpointer    user_data);

/**
 * SsaDbListenerLostFunc:
 * @error: why the connection ended
 * @user_data: the data given to ssa_db_listener_start()
 *
 * The connection was lost; the listener does nothing more (free it, and open another once
 * the server answers again).
 */
typedef void (*SsaDbListenerLostFunc) (const GError *error,
                                       gpointer      user_data);

void           ssa_db_listener_open_async  (const char          *uri,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
SsaDbListener *ssa_db_listener_open_finish (GAsyncResult        *result,
                                            GError             **error);
void           ssa_db_listener_start       (SsaDbListener       *self,
                                            SsaDbListenerFunc    changed,
                                            SsaDbListenerLostFunc lost,
                                            gpointer             user_data);
void           ssa_db_listener_free        (SsaDbListener       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaDbListener, ssa_db_listener_free)

G_END_DECLS
