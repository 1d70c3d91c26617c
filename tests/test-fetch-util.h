/* test-fetch-util.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "test-util.h"

/* What the fetch tests share: waiting for an asynchronous call on the main context (where
 * the test's servers run too). test-util.h, included here, removes a temporary folder. */

static inline void
test_store_result_cb (GObject      *source_object,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  GAsyncResult **result = user_data;

  *result = g_object_ref (res);
}

/* Iterates the main context until test_store_result_cb () has stored the result. */
static inline GAsyncResult *
test_wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}
