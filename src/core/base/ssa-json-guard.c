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

/* Price lists come from the network: a hostile one must not exhaust memory or the stack,
 * nor say two things at once. json-glib parses recursively, reads whatever it is given, and
 * accepts more than JSON: comments, single quotes, hexadecimal and octal-looking numbers,
 * unknown escapes, raw control characters in strings and text after the document; and of a
 * key given twice in one object it silently keeps the last value. So every document is first
 * read by a strict scanner of RFC 8259 JSON that needs no recursion and takes linear time:
 * it checks the size, the depth and the grammar, and refuses a key given twice in the same
 * object (keys compared after their escapes are decoded: "a" and "\u0061" are one key). Only
 * a document that passes reaches json-glib. */

typedef enum
{
  EXPECT_VALUE,
  EXPECT_KEY,
  EXPECT_COLON,
  EXPECT_NEXT,
  EXPECT_END,
} ScanState;

/* An object's keys are kept on one stack for all open objects (key_text, each key decoded
 * and NUL-terminated, and key_offsets into it), so that the many small objects of a price
 * list cost no allocation each: a key is compared with its object's earlier keys one by one,
 * and only an object with more than SCAN_LINEAR_KEYS keys gets a hash table. */
#define SCAN_LINEAR_KEYS 16

typedef struct
{
  gboolean    is_object;
  guint       index;      /* in an array: the current element's index */
  guint       first_key;  /* in an object: its first key in key_offsets */
  guint       n_keys;     /* in an object: the keys seen so far; the last is the current */
  gsize       text_start; /* in an object: where its keys begin in key_text */
  GHashTable *keys;       /* in an object of many keys: the keys seen so far */
} ScanLevel;

typedef struct
{
  const char *data;
  gsize       length;
  gsize       pos;
  const char *what;
  GArray     *levels;      /* ScanLevel, the innermost last */
  GString    *key_text;    /* the keys of the open objects, each NUL-terminated */
  GArray     *key_offsets; /* gsize: where each key begins in key_text */
} Scanner;

static void
scan_level_clear (gpointer data)
{
  ScanLevel *level = data;

  g_clear_pointer (&level->keys, g_hash_table_unref);
}

static const char *
scan_level_key (const Scanner   *s,
                const ScanLevel *level,
                guint            i)
{
  return s->key_text->str + g_array_index (s->key_offsets, gsize, level->first_key + i);
}

static void
scan_position (const Scanner *s,
               gsize          offset,
               guint         *out_line,
               guint         *out_column)
{
  const char *line_start = s->data;
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    if (s->data[i] == '\n')
      {
        line++;
        line_start = s->data + i + 1;
      }

  *out_line = line;
  *out_column = (guint) g_utf8_strlen (line_start, s->data + offset - line_start) + 1;
}

static gboolean
scan_fail (const Scanner  *s,
           const char     *reason,
           GError        **error)
{
  guint line, column;

  scan_position (s, MIN (s->pos, s->length), &line, &column);
  g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
               /* Translators: the document, its line and column, and what is wrong there. */
               _("%s: not valid JSON: line %u, column %u: %s"), s->what, line, column, reason);
  return FALSE;
}

/* Refuses the character at the scanner's position, naming it. */
static gboolean
scan_fail_unexpected (const Scanner  *s,
                      GError        **error)
{
  char text[16] = { 0 };
  g_autofree char *reason = NULL;
  gunichar c;

  if (s->pos >= s->length)
    return scan_fail (s, _("the document ends too early"), error);
  if (s->data[s->pos] == '/')
    return scan_fail (s, _("comments are not part of JSON: remove the comment"), error);
  if (s->data[s->pos] == '\'')
    return scan_fail (s, _("text must be in double quotes"), error);

  /* A control or invisible character is named by its code, not written into the message. */
  c = g_utf8_get_char (s->data + s->pos);
  if (g_unichar_isgraph (c))
    g_unichar_to_utf8 (c, text);
  else
    g_snprintf (text, sizeof text, "U+%04X", c);
  reason = g_strdup_printf (_("unexpected “%s”"), text);
  return scan_fail (s, reason, error);
}

/* "products[3].article": the path of the current member of the innermost object, which is
 * @key. Keys that would be ambiguous in a path are written as JSON strings in brackets. */
static char *
scan_key_path (const Scanner *s,
               const char    *key)
{
  g_autoptr(GString) path = g_string_new (NULL);

  for (guint i = 0; i < s->levels->len; i++)
    {
      const ScanLevel *level = &g_array_index (s->levels, ScanLevel, i);
      const char *name;

      /* An array has no keys: asking one for its current key read before the stack. */
      if (!level->is_object)
        {
          g_string_append_printf (path, "[%u]", level->index);
          continue;
        }
      name = i + 1 == s->levels->len ? key : scan_level_key (s, level, level->n_keys - 1);

      if (name[0] != '\0' && ssa_json_text_is_clean (name) && strpbrk (name, ".[]\"\\") == NULL)
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, name);
          continue;
        }

      g_string_append (path, "[\"");
      for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c == '"' || c == '\\')
            g_string_append_printf (path, "\\%c", (char) c);
          else if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
            g_string_append_printf (path, "\\u%04x", c);
          else
            g_string_append_unichar (path, c);
        }
      g_string_append (path, "\"]");
    }

  return g_string_free (g_steal_pointer (&path), FALSE);
}

/* Reads the four hex digits at @p (there are at least four bytes). */
static gboolean
read_hex4 (const char *p,
           gunichar   *out)
{
  gunichar value = 0;

  for (int i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      value = value * 16 + (gunichar) digit;
    }

  *out = value;
  return TRUE;
}

/* Scans the string at the scanner's position (an opening quote) up to and past its closing
 * quote. With @decoded, appends its text, escapes decoded, for comparing keys: half a
 * surrogate pair is kept as its own code, so that it differs from every other key. */
static gboolean
scan_string (Scanner  *s,
             GString  *decoded,
             GError  **error)
{
  static const char escapes[] = "\"\\/bfnrt";
  static const char plain[] = "\"\\/\b\f\n\r\t";
  gsize i = s->pos + 1;

  for (;;)
    {
      gsize run = i;

      while (i < s->length && s->data[i] != '"' && s->data[i] != '\\' &&
             (guchar) s->data[i] >= 0x20)
        i++;
      if (decoded != NULL)
        g_string_append_len (decoded, s->data + run, (gssize) (i - run));

      /* Where the text opened is where to look. */
      if (i >= s->length)
        return scan_fail (s, _("the text in quotes is not closed"), error);
      if (s->data[i] == '"')
        break;
      if ((guchar) s->data[i] < 0x20)
        {
          s->pos = i;
          return scan_fail (s, _("a control character in text must be written as an escape "
                                 "such as \\n"), error);
        }

      /* A backslash. */
      if (i + 1 < s->length && s->data[i + 1] != '\0' &&
          strchr (escapes, s->data[i + 1]) != NULL)
        {
          if (decoded != NULL)
            g_string_append_c (decoded, plain[strchr (escapes, s->data[i + 1]) - escapes]);
          i += 2;
          continue;
        }
      if (i + 5 < s->length && s->data[i + 1] == 'u')
        {
          gunichar c;

          if (read_hex4 (s->data + i + 2, &c))
            {
              /* json-glib would cut the text at an escaped NUL, hiding it from the checks
               * for control characters: refuse it here. */
              if (c == 0)
                {
                  g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                               _("%s: text contains a NUL character (\\u0000)"), s->what);
                  return FALSE;
                }
              i += 6;
              if (c >= 0xd800 && c <= 0xdfff && i + 5 < s->length &&
                  s->data[i] == '\\' && s->data[i + 1] == 'u')
                {
                  gunichar low;

                  if (read_hex4 (s->data + i + 2, &low))
                    {
                      /* json-glib fails on half a pair followed by an escape that does not
                       * complete it, and leaks the text it read (found by fuzzing). Half
                       * a pair alone is left to the readers, which refuse it as not UTF-8. */
                      if (c > 0xdbff || low < 0xdc00 || low > 0xdfff)
                        {
                          s->pos = i - 6;
                          return scan_fail (s, _("half a surrogate pair: write the pair in "
                                                 "full, such as \\ud83d\\ude00"), error);
                        }
                      c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                      i += 6;
                    }
                }
              if (decoded != NULL)
                g_string_append_unichar (decoded, c);
              continue;
            }
        }

      s->pos = i;
      return scan_fail (s, _("not a JSON escape: use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, "
                             "\\t or \\u and four hex digits"), error);
    }

  s->pos = i + 1;
  return TRUE;
}

static gboolean
is_digit (const Scanner *s,
          gsize          i)
{
  return i < s->length && g_ascii_isdigit (s->data[i]);
}

/* A number exactly as JSON writes it: no "+", no leading zeros, no ".5" or "1.", no hex. */
static gboolean
scan_number (Scanner  *s,
             GError  **error)
{
  gsize i = s->pos;

  if (i < s->length && s->data[i] == '-')
    i++;
  if (i < s->length && s->data[i] == '0')
    i++;
  else if (is_digit (s, i))
    while (is_digit (s, i))
      i++;
  else
    goto bad;

  if (i < s->length && s->data[i] == '.')
    {
      i++;
      if (!is_digit (s, i))
        goto bad;
      while (is_digit (s, i))
        i++;
    }
  if (i < s->length && (s->data[i] == 'e' || s->data[i] == 'E'))
    {
      i++;
      if (i < s->length && (s->data[i] == '+' || s->data[i] == '-'))
        i++;
      if (!is_digit (s, i))
        goto bad;
      while (is_digit (s, i))
        i++;
    }
  if (i < s->length && s->data[i] != '\0' &&
      (g_ascii_isalnum (s->data[i]) || strchr (".+-", s->data[i]) != NULL))
    goto bad;

  s->pos = i;
  return TRUE;

bad:
  return scan_fail (s, _("not a JSON number (such as 12, -3, 1552.50 or 1e3)"), error);
}

static gboolean
scan_literal (Scanner  *s,
              GError  **error)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize n = strlen (literals[i]);

      if (s->length - s->pos >= n && memcmp (s->data + s->pos, literals[i], n) == 0 &&
          (s->pos + n == s->length || !g_ascii_isalnum (s->data[s->pos + n])))
        {
          s->pos += n;
          return TRUE;
        }
    }

  return scan_fail (s, _("not a JSON value: use an object, an array, text in double quotes, "
                         "a number, true, false or null"), error);
}

static gboolean
scan_push (Scanner   *s,
           gboolean   is_object,
           GError   **error)
{
  ScanLevel level = { is_object, 0, s->key_offsets->len, 0, s->key_text->len, NULL };

  if (s->levels->len >= SSA_JSON_MAX_DEPTH)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE,
                   _("%s: JSON nested deeper than %d levels"), s->what, SSA_JSON_MAX_DEPTH);
      return FALSE;
    }

  g_array_append_val (s->levels, level);
  s->pos++;
  return TRUE;
}

/* Records the key just read as the innermost object's current member, refusing it when the
 * object has it already. */
static gboolean
scan_key (Scanner  *s,
          GString  *key,
          GError  **error)
{
  ScanLevel *level = &g_array_index (s->levels, ScanLevel, s->levels->len - 1);
  gboolean duplicate = FALSE;
  gsize offset;

  if (level->keys != NULL)
    duplicate = g_hash_table_contains (level->keys, key->str);
  else
    for (guint i = 0; i < level->n_keys && !duplicate; i++)
      {
        const char *seen = scan_level_key (s, level, i);

        duplicate = seen[0] == key->str[0] && strcmp (seen, key->str) == 0;
      }

  if (duplicate)
    {
      g_autofree char *path = scan_key_path (s, key->str);
      guint line, column;

      scan_position (s, s->pos, &line, &column);
      g_set_error (error, SSA_ERROR, SSA_ERROR_DUPLICATE_KEY,
                   _("%s: %s: the key is given twice in the same object (again on line %u); "
                     "give each key only once"), s->what, path, line);
      return FALSE;
    }

  offset = s->key_text->len;
  g_string_append_len (s->key_text, key->str, (gssize) key->len + 1);
  g_array_append_val (s->key_offsets, offset);
  level->n_keys++;

  if (level->n_keys == SCAN_LINEAR_KEYS + 1)
    {
      level->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < level->n_keys; i++)
        g_hash_table_add (level->keys, g_strdup (scan_level_key (s, level, i)));
    }
  else if (level->keys != NULL)
    g_hash_table_add (level->keys, g_strndup (key->str, key->len));
  return TRUE;
}

static gboolean
scan_document (Scanner  *s,
               GError  **error)
{
  g_autoptr(GString) key = g_string_new (NULL);
  ScanState state = EXPECT_VALUE;
  gboolean may_close = FALSE;   /* right after "[" or "{": "]" or "}" may follow */

  for (;;)
    {
      ScanLevel *top;
      char c;

      while (s->pos < s->length &&
             (s->data[s->pos] == ' ' || s->data[s->pos] == '\n' ||
              s->data[s->pos] == '\r' || s->data[s->pos] == '\t'))
        s->pos++;

      if (s->pos >= s->length)
        return state == EXPECT_END || scan_fail_unexpected (s, error);

      c = s->data[s->pos];
      top = s->levels->len > 0 ? &g_array_index (s->levels, ScanLevel, s->levels->len - 1)
                               : NULL;

      switch (state)
        {
        case EXPECT_VALUE:
          if (c == '{' || c == '[')
            {
              if (!scan_push (s, c == '{', error))
                return FALSE;
              state = c == '{' ? EXPECT_KEY : EXPECT_VALUE;
              may_close = TRUE;
              continue;
            }
          if (c == ']' && may_close)
            goto close;
          if (c == ']' && top != NULL && !top->is_object)
            return scan_fail (s, _("nothing follows the comma: remove it"), error);

          if (c == '"' ? !scan_string (s, NULL, error) :
              c == '-' || c == '.' || c == '+' || g_ascii_isdigit (c) ? !scan_number (s, error) :
              g_ascii_isalpha (c) ? !scan_literal (s, error) :
              !scan_fail_unexpected (s, error))
            return FALSE;
          break;

        case EXPECT_KEY:
          if (c == '}' && may_close)
            goto close;
          if (c == '}')
            return scan_fail (s, _("nothing follows the comma: remove it"), error);
          if (c != '"')
            {
              if (c == '/' || c == '\'')
                return scan_fail_unexpected (s, error);
              return scan_fail (s, _("expected a key in double quotes"), error);
            }
          g_string_truncate (key, 0);
          if (!scan_string (s, key, error) || !scan_key (s, key, error))
            return FALSE;
          state = EXPECT_COLON;
          continue;

        case EXPECT_COLON:
          if (c != ':')
            return c == '/' ? scan_fail_unexpected (s, error)
                            : scan_fail (s, _("expected “:” after the key"), error);
          s->pos++;
          state = EXPECT_VALUE;
          may_close = FALSE;
          continue;

        case EXPECT_NEXT:
          if (c == ',')
            {
              if (!top->is_object)
                top->index++;
              s->pos++;
              state = top->is_object ? EXPECT_KEY : EXPECT_VALUE;
              may_close = FALSE;
              continue;
            }
          if ((c == '}' && top->is_object) || (c == ']' && !top->is_object))
            goto close;
          if (c == '/')
            return scan_fail_unexpected (s, error);
          return scan_fail (s, top->is_object ? _("expected “,” or “}”")
                                              : _("expected “,” or “]”"), error);

        case EXPECT_END:
        default:
          if (c == '/')
            return scan_fail_unexpected (s, error);
          return scan_fail (s, _("more text after the end of the document: remove it"), error);
        }

      /* A value was read. */
      state = s->levels->len > 0 ? EXPECT_NEXT : EXPECT_END;
      continue;

    close:
      s->pos++;
      /* The object's keys leave the stack with it. */
      g_string_truncate (s->key_text, top->text_start);
      g_array_set_size (s->key_offsets, top->first_key);
      g_array_set_size (s->levels, s->levels->len - 1);
      state = s->levels->len > 0 ? EXPECT_NEXT : EXPECT_END;
    }
}

/* How many bytes at the start of @data are ASCII, read a word at a time: most documents
 * are ASCII throughout, and g_utf8_validate_len() is slow on long text. */
static gsize
ascii_prefix (const char *data,
              gsize       length)
{
  const guint64 high_bits = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize i = 0;

  for (; i + sizeof (guint64) <= length; i += sizeof (guint64))
    {
      guint64 word;

      memcpy (&word, data + i, sizeof word);
      if (word & high_bits)
        break;
    }
  while (i < length && (guchar) data[i] < 0x80)
    i++;
  return i;
}

/* Whether @data is valid UTF-8, looking only at its non-ASCII runs: every byte of a
 * character written in more than one byte is above 0x7F, so the ASCII bytes between the runs
 * are whole characters, and a run starts at a character's first byte. Validating the whole
 * rest of a document from its first "ø" on cost some 18 instructions a byte. */
static gboolean
utf8_is_valid (const char *data,
               gsize       length)
{
  gsize i = 0;

  while (i < length)
    {
      gsize end;

      i += ascii_prefix (data + i, length - i);
      for (end = i; end < length && (guchar) data[end] >= 0x80; end++)
        ;
      if (end > i && !g_utf8_validate_len (data + i, end - i, NULL))
        return FALSE;
      i = end;
    }
  return TRUE;
}

static gboolean
check_document (const char  *data,
                gsize        length,
                const char  *what,
                GError     **error)
{
  g_autoptr(GArray) levels = NULL;
  g_autoptr(GString) key_text = NULL;
  g_autoptr(GArray) key_offsets = NULL;
  Scanner scanner;

  if (length > SSA_JSON_MAX_BYTES)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE,
                   _("%s: JSON document larger than %d MiB"),
                   what, SSA_JSON_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }

  if (!utf8_is_valid (data, length))
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s: not valid UTF-8 text"), what);
      return FALSE;
    }

  levels = g_array_sized_new (FALSE, FALSE, sizeof (ScanLevel), SSA_JSON_MAX_DEPTH);
  g_array_set_clear_func (levels, scan_level_clear);
  key_text = g_string_sized_new (256);
  key_offsets = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 64);
  scanner = (Scanner) { data, length, 0, what, levels, key_text, key_offsets };

  return scan_document (&scanner, error);
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
  g_autofree char *item_context = NULL;
  const char *context = scope->context;
  va_list args;

  if (context == NULL && scope->item_array != NULL)
    context = item_context = ssa_json_item_context (scope->item_array, scope->item_index,
                                                    scope->item, scope->item_key);
  if (member != NULL && scope->prefix != NULL)
    field = g_strdup_printf ("%s.%s", scope->prefix, member);
  else if (member != NULL)
    field = g_strdup (member);
  else
    field = g_strdup (scope->prefix);

  va_start (args, format);
  problems_add_valist (scope->problems, context, field, format, args);
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

/* Whether @text is printable ASCII only (no control characters), and then its length. */
static gboolean
is_plain_ascii (const char *text,
                gsize      *out_length)
{
  const guchar *p = (const guchar *) text;

  for (; *p != '\0'; p++)
    if (*p < 0x20 || *p >= 0x7f)
      return FALSE;
  *out_length = (gsize) (p - (const guchar *) text);
  return TRUE;
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
  gsize n_chars = 0;

  if (node == NULL)
    return FALSE;

  if (!node_holds (node, G_TYPE_STRING))
    {
      ssa_json_scope_problem (scope, member, _("must be a string"));
      return FALSE;
    }

  text = json_node_get_string (node);

  /* Most text is plain ASCII, checked in one pass; the rest gets the full checks. */
  if (!is_plain_ascii (text, &n_chars))
    {
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
      n_chars = max_chars > 0 ? (gsize) g_utf8_strlen (text, -1) : 0;
    }
  if ((flags & SSA_JSON_NON_EMPTY) && text[0] == '\0')
    {
      ssa_json_scope_problem (scope, member, _("must not be empty"));
      return FALSE;
    }
  if (max_chars > 0 && n_chars > max_chars)
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
