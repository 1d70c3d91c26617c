/* ssa-watch-private.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (SSA_CORE_COMPILATION)
#error "Only the files of src/core may include this header."
#endif

#include "ssa-customer.h"
#include "ssa-installation.h"

G_BEGIN_DECLS

/* The repository writes a customer or installation through whenever one of its properties
 * changes. A "notify" handler on each of 75 000 objects cost some 200 bytes each (handler
 * and closure); instead each object holds one watcher, called from its class's notify, as a
 * handler connected first would be. */
typedef void (*SsaWatchFunc) (GObject    *object,
                              GParamSpec *pspec,
                              gpointer    user_data);

void     ssa_customer_set_watch          (SsaCustomer     *self,
                                          SsaWatchFunc     func,
                                          gpointer         user_data);
gpointer ssa_customer_get_watch_data     (SsaCustomer     *self);
void     ssa_installation_set_watch      (SsaInstallation *self,
                                          SsaWatchFunc     func,
                                          gpointer         user_data);
gpointer ssa_installation_get_watch_data (SsaInstallation *self);

G_END_DECLS
