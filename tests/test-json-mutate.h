/* test-json-mutate.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <json-glib/json-glib.h>

#include "ssa-error.h"

/* Helpers shared by the tests of the JSON readers: a valid document is changed in one
 * place, and the reader must refuse it with exactly one problem that names the field. */

typedef struct
{
  const char *path;      /* the test's path under the suite */
  const char *target;    /* the object to change: NULL for the root, "ssa", "products/1" */
  const char *member;
  const char *value;     /* JSON text, or NULL to remove the member */
  const char *expected;  /* the start of the (single-line) error message */
} TestRefusal;

/* Returns: (transfer full): @base with @member of the object at @target set to the JSON
 * @value, or removed when @value is NULL. Path components that are numbers index arrays. */
static inline char *
test_json_mutate (const char *base,
                  const char *target,
                  const char *member,
                  const char *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *node;

  json_parser_load_from_data (parser, base, -1, &error);
  g_assert_no_error (error);
  node = json_parser_get_root (parser);

  if (target != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (target, "/", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          if (g_ascii_isdigit (parts[i][0]))
            node = json_array_get_element (json_node_get_array (node),
                                           (guint) g_ascii_strtoull (parts[i], NULL, 10));
          else
            node = json_object_get_member (json_node_get_object (node), parts[i]);
          g_assert_nonnull (node);
        }
    }

  if (value == NULL)
    {
      json_object_remove_member (json_node_get_object (node), member);
    }
  else
    {
      JsonNode *replacement = json_from_string (value, &error);

      g_assert_no_error (error);
      if (replacement == NULL)
        replacement = json_node_new (JSON_NODE_NULL);
      json_object_set_member (json_node_get_object (node), member, replacement);
    }

  return json_to_string (json_parser_get_root (parser), TRUE);
}

/* The refusal is one problem: a single line starting with @expected. */
static inline void
test_assert_one_problem (const GError *error,
                         const char   *expected)
{
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, expected))
    g_error ("expected a message starting with ‘%s’, got ‘%s’", expected, error->message);
  if (strchr (error->message, '\n') != NULL)
    g_error ("expected one problem, got ‘%s’", error->message);
}

static inline guint
test_count_lines (const char *text)
{
  guint n = 1;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';

  return n;
}

/* A document nested @depth levels deep: [[[…]]] */
static inline char *
test_json_nested (guint    depth,
                  gboolean closed)
{
  GString *text = g_string_sized_new (2 * depth + 1);

  for (guint i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  if (closed)
    {
      for (guint i = 0; i < depth; i++)
        g_string_append_c (text, ']');
    }

  return g_string_free (text, FALSE);
}
