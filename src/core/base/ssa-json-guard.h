/* ssa-json-guard.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SSA_JSON_MAX_BYTES (16 * 1024 * 1024)
#define SSA_JSON_MAX_DEPTH 64

/* Parses @data as one JSON object after checking, without recursion, that it is at most
 * SSA_JSON_MAX_BYTES long and nested at most SSA_JSON_MAX_DEPTH deep. The error names
 * @what (a file name or URL). Returns: (transfer full): the root node, an object. */
JsonNode *ssa_json_guard_parse      (const char  *data,
                                     gsize        length,
                                     const char  *what,
                                     GError     **error);
gboolean  ssa_json_guard_load_file  (const char  *path,
                                     char       **out_data,
                                     gsize       *out_length,
                                     GError     **error);

G_END_DECLS
