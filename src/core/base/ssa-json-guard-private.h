/* ssa-json-guard-private.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (SSA_CORE_COMPILATION)
#error "Only the files of src/core may include this header."
#endif

#include <json-glib/json-glib.h>

#include "ssa-kind.h"

G_BEGIN_DECLS

/* What the readers of SSA Desk's JSON documents (price lists, installations) share: a
 * collector of problems, so that a refused document reports everything wrong with it at
 * once, and typed getters that check a member and report what is wrong with it, naming
 * the document, the item (e.g. "products[3] (02-00039-002)") and the field. The CSV
 * licence reader collects its problems the same way, the item being a line ("line 12"). */

#define SSA_JSON_MAX_PROBLEMS 50

/* Product codes, in price lists and licence lines: 1 to 64 characters. */
#define SSA_JSON_CODE_MAX_CHARS 64

typedef struct
{
  const char *what;           /* the document's name: a file name or URL */
  GPtrArray  *lines;          /* char*: at most SSA_JSON_MAX_PROBLEMS */
  guint       n_problems;     /* all problems, also those not kept */
} SsaJsonProblems;

typedef struct
{
  SsaJsonProblems *problems;
  JsonObject      *object;
  const char      *context;   /* nullable: the item, e.g. "products[3] (02-00039-002)" */
  const char      *prefix;    /* nullable: the object's path, e.g. "ssa" */
  /* Without a context: an item of a long array, whose context ssa_json_item_context()
   * makes only for a problem (most items have none, and the price list has thousands). */
  const char      *item_array;  /* nullable: the array's name, e.g. "products" */
  guint            item_index;
  JsonNode        *item;
  const char      *item_key;    /* the member that names the item, e.g. "code" */
} SsaJsonScope;

typedef enum
{
  SSA_JSON_OPTIONAL  = 0,
  SSA_JSON_REQUIRED  = 1 << 0,
  SSA_JSON_NON_EMPTY = 1 << 1,
} SsaJsonFlags;

void        ssa_json_problems_init      (SsaJsonProblems    *problems,
                                         const char         *what);
void        ssa_json_problems_clear     (SsaJsonProblems    *problems);
void        ssa_json_problems_add       (SsaJsonProblems    *problems,
                                         const char         *context,
                                         const char         *field,
                                         const char         *format,
                                         ...) G_GNUC_PRINTF (4, 5);
gboolean    ssa_json_problems_propagate (SsaJsonProblems    *problems,
                                         GError            **error);

gboolean    ssa_json_check_format       (JsonObject         *object,
                                         const char         *format,
                                         const char         *what,
                                         GError            **error);
gboolean    ssa_json_text_is_clean      (const char         *text);
char       *ssa_json_item_context       (const char         *array_name,
                                         guint               index,
                                         JsonNode           *item,
                                         const char         *key_member);

void        ssa_json_scope_problem      (const SsaJsonScope *scope,
                                         const char         *member,
                                         const char         *format,
                                         ...) G_GNUC_PRINTF (3, 4);
JsonNode   *ssa_json_scope_get_node     (const SsaJsonScope *scope,
                                         const char         *member,
                                         SsaJsonFlags        flags);
JsonObject *ssa_json_scope_get_object   (const SsaJsonScope *scope,
                                         const char         *member,
                                         SsaJsonFlags        flags);
JsonArray  *ssa_json_scope_get_array    (const SsaJsonScope *scope,
                                         const char         *member,
                                         SsaJsonFlags        flags);
gboolean    ssa_json_scope_get_text     (const SsaJsonScope *scope,
                                         const char         *member,
                                         SsaJsonFlags        flags,
                                         guint               max_chars,
                                         char              **out);
gboolean    ssa_json_scope_get_decimal  (const SsaJsonScope *scope,
                                         const char         *member,
                                         SsaJsonFlags        flags,
                                         gint64             *out);
gboolean    ssa_json_scope_get_percent  (const SsaJsonScope *scope,
                                         const char         *member,
                                         SsaJsonFlags        flags,
                                         gint64             *out);
gboolean    ssa_json_scope_get_int      (const SsaJsonScope *scope,
                                         const char         *member,
                                         SsaJsonFlags        flags,
                                         gint64              min,
                                         gint64              max,
                                         const char         *range_message,
                                         gint64             *out);
gboolean    ssa_json_scope_get_date     (const SsaJsonScope *scope,
                                         const char         *member,
                                         SsaJsonFlags        flags,
                                         GDate              *out);
gboolean    ssa_json_scope_get_kind     (const SsaJsonScope *scope,
                                         const char         *member,
                                         SsaJsonFlags        flags,
                                         SsaKind            *out);

G_END_DECLS
