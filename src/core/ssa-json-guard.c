/* ssa-json-guard.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ssa-date.h"
#include "ssa-decimal.h"
#include "ssa-error.h"
#include "ssa-json-guard.h"
#include "ssa-json-guard-private.h"

/* Price lists come from the network: a hostile one must not exhaust memory or the stack.
 * json-glib parses recursively and reads whatever it is given, so the size and the depth
 * are checked first, by a linear scan that needs no stack. */
static gboolean
check_document (const char  *data,
                gsize        length,
                const char  *what,
                GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  if (length > SSA_JSON_MAX_BYTES)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE,
                   _("%s: JSON document larger than %d MiB"),
                   what, SSA_JSON_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s: not valid UTF-8 text"), what);
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            {
              /* json-glib would cut the string at an escaped NUL, hiding it from the
               * checks for control characters: refuse it here. */
              if (length - i > 5 && memcmp (data + i + 1, "u0000", 5) == 0)
                {
                  g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                               _("%s: text contains a NUL character (\\u0000)"), what);
                  return FALSE;
                }
              i++;
            }
          else if (c == '"')
            {
              in_string = FALSE;
            }
        }
      else if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > SSA_JSON_MAX_DEPTH)
            {
              g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE,
                           _("%s: JSON nested deeper than %d levels"),
                           what, SSA_JSON_MAX_DEPTH);
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        {
          depth--;
        }
    }

  return TRUE;
}

JsonNode *
ssa_json_guard_parse (const char  *data,
                      gsize        length,
                      const char  *what,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (what != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_document (data, length, what, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize) length,
                                   &local_error))
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s: not valid JSON: %s"), what, local_error->message);
      return NULL;
    }

  root = json_parser_steal_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s: the document must be a JSON object"), what);
      return NULL;
    }

  return g_steal_pointer (&root);
}

/* Reads at most SSA_JSON_MAX_BYTES + 1 bytes, so that neither a huge file nor an endless
 * one (a pipe, a device) is read into memory: the size reported by stat () can be wrong or
 * change while the file is read. The data is NUL-terminated. */
gboolean
ssa_json_guard_load_file (const char  *path,
                          char       **out_data,
                          gsize       *out_length,
                          GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *buffer = NULL;
  gsize allocated = 0;
  gsize length = 0;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (out_data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("%s: cannot open: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size > SSA_JSON_MAX_BYTES)
    {
      g_close (fd, NULL);
      g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE,
                   _("%s: file larger than %d MiB"),
                   display, SSA_JSON_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }

  for (;;)
    {
      gssize n_read;

      if (length == allocated)
        {
          if (allocated > SSA_JSON_MAX_BYTES)
            break;
          allocated = MIN (MAX (allocated * 2, 64 * 1024), (gsize) SSA_JSON_MAX_BYTES + 1);
          buffer = g_realloc (buffer, allocated + 1);
        }

      n_read = read (fd, buffer + length, allocated - length);
      if (n_read < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;

          g_close (fd, NULL);
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("%s: cannot read: %s"), display, g_strerror (saved_errno));
          return FALSE;
        }
      if (n_read == 0)
        break;
      length += (gsize) n_read;
    }

  g_close (fd, NULL);

  if (length > SSA_JSON_MAX_BYTES)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE,
                   _("%s: file larger than %d MiB"),
                   display, SSA_JSON_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }

  if (buffer == NULL)
    buffer = g_malloc (1);
  buffer[length] = '\0';

  *out_data = g_steal_pointer (&buffer);
  if (out_length != NULL)
    *out_length = length;

  return TRUE;
}

/* Problems */

void
ssa_json_problems_init (SsaJsonProblems *problems,
                        const char      *what)
{
  problems->what = what;
  problems->lines = g_ptr_array_new_with_free_func (g_free);
  problems->n_problems = 0;
}

void
ssa_json_problems_clear (SsaJsonProblems *problems)
{
  g_clear_pointer (&problems->lines, g_ptr_array_unref);
  problems->n_problems = 0;
}

static void
problems_add_valist (SsaJsonProblems *problems,
                     const char      *context,
                     const char      *field,
                     const char      *format,
                     va_list          args)
  G_GNUC_PRINTF (4, 0);

static void
problems_add_valist (SsaJsonProblems *problems,
                     const char      *context,
                     const char      *field,
                     const char      *format,
                     va_list          args)
{
  g_autofree char *message = NULL;
  GString *line;

  problems->n_problems++;
  if (problems->lines->len >= SSA_JSON_MAX_PROBLEMS)
    return;

  message = g_strdup_vprintf (format, args);

  line = g_string_new (problems->what);
  if (context != NULL)
    g_string_append_printf (line, ": %s", context);
  if (field != NULL)
    g_string_append_printf (line, ": %s", field);
  g_string_append_printf (line, ": %s", message);

  g_ptr_array_add (problems->lines, g_string_free (line, FALSE));
}

void
ssa_json_problems_add (SsaJsonProblems *problems,
                       const char      *context,
                       const char      *field,
                       const char      *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  problems_add_valist (problems, context, field, format, args);
  va_end (args);
}

/* Returns TRUE when no problem was found; else sets @error to all of them, one a line. */
gboolean
ssa_json_problems_propagate (SsaJsonProblems  *problems,
                             GError          **error)
{
  g_autoptr(GString) text = NULL;

  if (problems->n_problems == 0)
    return TRUE;

  text = g_string_new (NULL);
  for (guint i = 0; i < problems->lines->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (problems->lines, i));
    }

  if (problems->n_problems > problems->lines->len)
    {
      guint more = problems->n_problems - problems->lines->len;

      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              ngettext ("%s: … and %u more problem",
                                        "%s: … and %u more problems", more),
                              problems->what, more);
    }

  g_set_error_literal (error, SSA_ERROR, SSA_ERROR_INVALID, text->str);
  return FALSE;
}

/* Checks that the document's "format" member is exactly @format. A document of another
 * format would only produce a list of confusing problems, so this is checked first, alone. */
gboolean
ssa_json_check_format (JsonObject  *object,
                       const char  *format,
                       const char  *what,
                       GError     **error)
{
  JsonNode *node = json_object_get_member (object, "format");

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_STRING &&
      g_strcmp0 (json_node_get_string (node), format) == 0)
    return TRUE;

  g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
               _("%s: format: must be “%s”"), what, format);
  return FALSE;
}

/* Text fields are UTF-8 without C0 or C1 control characters (not even tabs or newlines:
 * every text field of the formats is a single line). */
gboolean
ssa_json_text_is_clean (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return FALSE;
    }

  return TRUE;
}

/* "products[3] (02-00039-002)" when the item has a usable @key_member, else "products[3]".
 * Indexes count from 0, like JSON paths. */
char *
ssa_json_item_context (const char *array_name,
                       guint       index,
                       JsonNode   *item,
                       const char *key_member)
{
  if (item != NULL && JSON_NODE_HOLDS_OBJECT (item))
    {
      JsonNode *key = json_object_get_member (json_node_get_object (item), key_member);

      if (key != NULL && JSON_NODE_HOLDS_VALUE (key) &&
          json_node_get_value_type (key) == G_TYPE_STRING)
        {
          const char *text = json_node_get_string (key);

          if (text[0] != '\0' && g_utf8_validate (text, -1, NULL) &&
              g_utf8_strlen (text, -1) <= SSA_JSON_CODE_MAX_CHARS &&
              ssa_json_text_is_clean (text))
            return g_strdup_printf ("%s[%u] (%s)", array_name, index, text);
        }
    }

  return g_strdup_printf ("%s[%u]", array_name, index);
}

/* Scoped getters. Each returns TRUE when the member is present and valid; else FALSE,
 * having reported a problem when the member is invalid, or missing but required. A JSON
 * null counts as absent. */

void
ssa_json_scope_problem (const SsaJsonScope *scope,
                        const char         *member,
                        const char         *format,
                        ...)
{
  g_autofree char *field = NULL;
  va_list args;

  if (member != NULL && scope->prefix != NULL)
    field = g_strdup_printf ("%s.%s", scope->prefix, member);
  else if (member != NULL)
    field = g_strdup (member);
  else
    field = g_strdup (scope->prefix);

  va_start (args, format);
  problems_add_valist (scope->problems, scope->context, field, format, args);
  va_end (args);
}

JsonNode *
ssa_json_scope_get_node (const SsaJsonScope *scope,
                         const char         *member,
                         SsaJsonFlags        flags)
{
  JsonNode *node = json_object_get_member (scope->object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (flags & SSA_JSON_REQUIRED)
        ssa_json_scope_problem (scope, member, _("is missing"));
      return NULL;
    }

  return node;
}

JsonObject *
ssa_json_scope_get_object (const SsaJsonScope *scope,
                           const char         *member,
                           SsaJsonFlags        flags)
{
  JsonNode *node = ssa_json_scope_get_node (scope, member, flags);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      ssa_json_scope_problem (scope, member, _("must be an object"));
      return NULL;
    }

  return json_node_get_object (node);
}

JsonArray *
ssa_json_scope_get_array (const SsaJsonScope *scope,
                          const char         *member,
                          SsaJsonFlags        flags)
{
  JsonNode *node = ssa_json_scope_get_node (scope, member, flags);

  if (node == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      ssa_json_scope_problem (scope, member, _("must be an array"));
      return NULL;
    }

  return json_node_get_array (node);
}

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
ssa_json_scope_get_text (const SsaJsonScope  *scope,
                         const char          *member,
                         SsaJsonFlags         flags,
                         guint                max_chars,
                         char               **out)
{
  JsonNode *node = ssa_json_scope_get_node (scope, member, flags);
  const char *text;

  if (node == NULL)
    return FALSE;

  if (!node_holds (node, G_TYPE_STRING))
    {
      ssa_json_scope_problem (scope, member, _("must be a string"));
      return FALSE;
    }

  text = json_node_get_string (node);

  /* The document is valid UTF-8, but a \uD800 escape without its pair is not. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      ssa_json_scope_problem (scope, member, _("must be valid UTF-8 text"));
      return FALSE;
    }
  if (!ssa_json_text_is_clean (text))
    {
      ssa_json_scope_problem (scope, member, _("must not contain control characters"));
      return FALSE;
    }
  if ((flags & SSA_JSON_NON_EMPTY) && text[0] == '\0')
    {
      ssa_json_scope_problem (scope, member, _("must not be empty"));
      return FALSE;
    }
  if (max_chars > 0 && g_utf8_strlen (text, -1) > max_chars)
    {
      ssa_json_scope_problem (scope, member,
                              ngettext ("must be at most %u character long",
                                        "must be at most %u characters long", max_chars),
                              max_chars);
      return FALSE;
    }

  *out = g_strdup (text);
  return TRUE;
}

gboolean
ssa_json_scope_get_decimal (const SsaJsonScope *scope,
                            const char         *member,
                            SsaJsonFlags        flags,
                            gint64             *out)
{
  JsonNode *node = ssa_json_scope_get_node (scope, member, flags);
  g_autoptr(GError) local_error = NULL;

  if (node == NULL)
    return FALSE;

  if (!ssa_decimal_from_json (node, out, &local_error))
    {
      ssa_json_scope_problem (scope, member, "%s", local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
ssa_json_scope_get_percent (const SsaJsonScope *scope,
                            const char         *member,
                            SsaJsonFlags        flags,
                            gint64             *out)
{
  gint64 value;

  if (!ssa_json_scope_get_decimal (scope, member, flags, &value))
    return FALSE;

  if (value > 100 * 100)
    {
      ssa_json_scope_problem (scope, member, _("must be a percentage from 0 to 100"));
      return FALSE;
    }

  *out = value;
  return TRUE;
}

/* JSON integers only: 3.0 and "3" are refused. */
gboolean
ssa_json_scope_get_int (const SsaJsonScope *scope,
                        const char         *member,
                        SsaJsonFlags        flags,
                        gint64              min,
                        gint64              max,
                        const char         *range_message,
                        gint64             *out)
{
  JsonNode *node = ssa_json_scope_get_node (scope, member, flags);
  gint64 value;

  if (node == NULL)
    return FALSE;

  if (!node_holds (node, G_TYPE_INT64))
    {
      ssa_json_scope_problem (scope, member, "%s", range_message);
      return FALSE;
    }

  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      ssa_json_scope_problem (scope, member, "%s", range_message);
      return FALSE;
    }

  *out = value;
  return TRUE;
}

gboolean
ssa_json_scope_get_date (const SsaJsonScope *scope,
                         const char         *member,
                         SsaJsonFlags        flags,
                         GDate              *out)
{
  JsonNode *node = ssa_json_scope_get_node (scope, member, flags);
  g_autoptr(GError) local_error = NULL;

  if (node == NULL)
    return FALSE;

  if (!node_holds (node, G_TYPE_STRING))
    {
      ssa_json_scope_problem (scope, member, _("must be a date such as “2026-12-31”"));
      return FALSE;
    }

  if (!ssa_date_parse (json_node_get_string (node), out, &local_error))
    {
      ssa_json_scope_problem (scope, member, "%s", local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
ssa_json_scope_get_kind (const SsaJsonScope *scope,
                         const char         *member,
                         SsaJsonFlags        flags,
                         SsaKind            *out)
{
  JsonNode *node = ssa_json_scope_get_node (scope, member, flags);

  if (node == NULL)
    return FALSE;

  if (!node_holds (node, G_TYPE_STRING) ||
      !ssa_kind_from_string (json_node_get_string (node), out))
    {
      g_autoptr(GString) kinds = g_string_new (NULL);

      for (int k = 0; k < SSA_N_KINDS; k++)
        {
          if (k > 0)
            g_string_append (kinds, ", ");
          g_string_append (kinds, ssa_kind_to_string ((SsaKind) k));
        }

      ssa_json_scope_problem (scope, member, _("must be one of %s"), kinds->str);
      return FALSE;
    }

  return TRUE;
}
