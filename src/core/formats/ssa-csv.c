/* ssa-csv.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ssa-csv.h"
#include "ssa-date.h"
#include "ssa-error.h"
#include "ssa-inventory.h"
#include "ssa-json-guard.h"
#include "ssa-json-guard-private.h"
#include "ssa-limits.h"

/* Licence lists as resellers get them from spreadsheets. Norwegian Excel saves "CSV
 * (semikolonseparert)" in Windows-1252 with `;`, other programs UTF-8 (with or without a
 * byte order mark) with `,`; "Unicode text" is UTF-16. Every bad row is reported with the
 * physical line it starts on, and one bad row refuses the whole file. */

G_STATIC_ASSERT (SSA_CSV_MAX_BYTES == SSA_JSON_MAX_BYTES);

typedef enum
{
  COLUMN_CODE,
  COLUMN_QUANTITY,
  COLUMN_ADDED_ON,
  COLUMN_COVERED_UNTIL,
  COLUMN_NAME,
  COLUMN_KIND,
  N_COLUMNS
} Column;

/* Header names after normalisation (lower case; `_`, `-`, `.`, `:` and runs of spaces become
 * one space). Norwegian first, then English. */
static const char * const code_names[] = {
  "artikkelnummer", "artikkelnr", "artikkel nr", "artikkel", "art nr", "artnr", "varenummer",
  "varenr", "vare nr", "kode", "produktkode", "produktnummer", "lisenskode",
  "code", "product code", "article number", "item number", "item", "sku", "part number",
  NULL
};
static const char * const quantity_names[] = {
  "antall", "antall lisenser", "ant", "mengde", "stk", "antall stk",
  "quantity", "qty", "count", "number", "licences", "licenses", NULL
};
static const char * const added_on_names[] = {
  "lagt til", "kjøpt", "kjøpsdato", "kjøpt dato", "dato lagt til",
  "added on", "added", "purchased", "purchase date", "date added", NULL
};
static const char * const covered_until_names[] = {
  "dekket til", "dekket til og med", "dekket tom", "ssa til", "dekning til",
  "covered until", "covered to", "coverage end", NULL
};
static const char * const name_names[] = {
  "navn", "produktnavn", "beskrivelse", "produkt", "betegnelse",
  "name", "product name", "description", "product", NULL
};
static const char * const kind_names[] = {
  "type", "art", "kategori", "slag", "lisenstype",
  "kind", "category", NULL
};

static const char * const * const column_names[N_COLUMNS] = {
  code_names, quantity_names, added_on_names, covered_until_names, name_names, kind_names
};

void
ssa_csv_row_free (SsaCsvRow *row)
{
  if (row == NULL)
    return;

  g_ptr_array_unref (row->fields);
  g_free (row);
}

/**
 * ssa_csv_decode:
 * @data: the file's bytes
 * @length: their number
 * @what: the file's name for messages
 * @error: a #GError
 *
 * Decodes a CSV file to UTF-8: UTF-8 with or without a byte order mark, UTF-16 with its
 * byte order mark, or else Windows-1252 (what Norwegian Excel writes).
 *
 * Returns: (transfer full): the text, without a byte order mark
 */
char *
ssa_csv_decode (const char  *data,
                gsize        length,
                const char  *what,
                GError     **error)
{
  const char *from = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  if (length > SSA_CSV_MAX_BYTES)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE, _("%s: file larger than %d MiB"),
                   what, SSA_CSV_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  if (length >= 2 && (guchar) data[0] == 0xff && (guchar) data[1] == 0xfe)
    from = "UTF-16LE";
  else if (length >= 2 && (guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)
    from = "UTF-16BE";

  if (from != NULL)
    {
      gsize written = 0;

      text = g_convert (data + 2, length - 2, "UTF-8", from, NULL, &written, NULL);
      if (text == NULL || memchr (text, '\0', written) != NULL)
        goto unreadable;
    }
  else
    {
      if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        {
          data += 3;
          length -= 3;
          if (!g_utf8_validate_len (data, length, NULL))
            goto unreadable;
        }
      if (memchr (data, '\0', length) != NULL)
        goto unreadable;

      if (g_utf8_validate_len (data, length, NULL))
        text = g_strndup (data, length);
      else
        {
          text = g_convert (data, length, "UTF-8", "WINDOWS-1252", NULL, NULL, NULL);
          if (text == NULL)
            goto unreadable;
        }
    }

  return g_steal_pointer (&text);

unreadable:
  g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
               _("%s: not a text file in UTF-8, UTF-16 or Windows-1252: save it from the "
                 "spreadsheet as CSV"), what);
  return NULL;
}

/**
 * ssa_csv_detect_separator:
 * @text: a CSV file's text
 *
 * Returns: the separator used in the first line that is not empty: `;`, `,` or a tab,
 *   whichever occurs most outside quotes (`;` when none does, or on a tie with `;`)
 */
char
ssa_csv_detect_separator (const char *text)
{
  static const char candidates[] = { ';', ',', '\t' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0, };
  gboolean in_quotes = FALSE;
  gboolean seen_text = FALSE;
  char best = ';';
  guint best_count = 0;

  g_return_val_if_fail (text != NULL, ';');

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        in_quotes = !in_quotes;
      else if (!in_quotes && (*p == '\n' || *p == '\r'))
        {
          if (seen_text)
            break;
        }
      else if (!in_quotes)
        {
          for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
            if (*p == candidates[i])
              counts[i]++;
          if (*p != ' ')
            seen_text = TRUE;
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (counts[i] > best_count)
      {
        best = candidates[i];
        best_count = counts[i];
      }
  return best;
}

/**
 * ssa_csv_parse:
 * @text: a CSV file's text, UTF-8
 * @separator: the field separator
 * @what: the file's name for messages
 * @error: a #GError
 *
 * Splits @text into records by RFC 4180: fields in double quotes may hold separators,
 * line breaks and doubled quotes (`""` for `"`). Line breaks are LF, CRLF or CR; inside a
 * quoted field each becomes LF. Text after a closing quote is kept, as spreadsheets do.
 *
 * Returns: (transfer full) (element-type SsaCsvRow): the records, with the lines they start on
 */
GPtrArray *
ssa_csv_parse (const char  *text,
               char         separator,
               const char  *what,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_csv_row_free);
  g_autoptr(GString) field = g_string_new (NULL);
  SsaCsvRow *row = NULL;
  guint line = 1;
  guint quote_line = 0;
  gboolean in_quotes = FALSE;
  gboolean field_started = FALSE;
  const char *p = text;

  g_return_val_if_fail (text != NULL, NULL);

#define START_ROW() \
  G_STMT_START { \
    if (row == NULL) \
      { \
        row = g_new0 (SsaCsvRow, 1); \
        row->line = line; \
        row->fields = g_ptr_array_new_with_free_func (g_free); \
        g_ptr_array_add (rows, row); \
      } \
  } G_STMT_END
#define END_FIELD() \
  G_STMT_START { \
    START_ROW (); \
    g_ptr_array_add (row->fields, g_strndup (field->str, field->len)); \
    g_string_truncate (field, 0); \
    field_started = FALSE; \
  } G_STMT_END

  while (*p != '\0')
    {
      char c = *p;

      if (in_quotes)
        {
          if (c == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p += 2;
            }
          else if (c == '"')
            {
              in_quotes = FALSE;
              p++;
            }
          else if (c == '\r' || c == '\n')
            {
              g_string_append_c (field, '\n');
              p += (c == '\r' && p[1] == '\n') ? 2 : 1;
              line++;
            }
          else
            {
              g_string_append_c (field, c);
              p++;
            }
          continue;
        }

      if (c == '"' && !field_started)
        {
          START_ROW ();
          in_quotes = TRUE;
          field_started = TRUE;
          quote_line = line;
          p++;
        }
      else if (c == separator)
        {
          END_FIELD ();
          p++;
        }
      else if (c == '\r' || c == '\n')
        {
          if (row != NULL || field_started || field->len > 0)
            END_FIELD ();
          row = NULL;
          p += (c == '\r' && p[1] == '\n') ? 2 : 1;
          line++;
        }
      else
        {
          START_ROW ();
          g_string_append_c (field, c);
          field_started = TRUE;
          p++;
        }
    }

  if (in_quotes)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s: line %u: a field in quotes (\") is not closed"), what, quote_line);
      return NULL;
    }
  if (row != NULL || field_started || field->len > 0)
    END_FIELD ();

#undef START_ROW
#undef END_FIELD

  return g_steal_pointer (&rows);
}

/**
 * ssa_csv_parse_date:
 * @text: a date written YYYY-MM-DD, or DD.MM.YYYY as in Norway (D.M.YYYY too)
 * @out: (out): the date
 *
 * Returns: whether @text is a real calendar day in one of these forms, within the limit of
 *   dates (%SSA_LIMIT_MIN_YEAR to %SSA_LIMIT_MAX_YEAR)
 */
gboolean
ssa_csv_parse_date (const char *text,
                    GDate      *out)
{
  guint64 day, month, year;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (ssa_date_parse (text, out, NULL))
    return TRUE;

  parts = g_strsplit (text, ".", -1);
  if (g_strv_length (parts) != 3 ||
      strlen (parts[0]) < 1 || strlen (parts[0]) > 2 ||
      strlen (parts[1]) < 1 || strlen (parts[1]) > 2 || strlen (parts[2]) != 4 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, 31, &day, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &month, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, SSA_LIMIT_MIN_YEAR, SSA_LIMIT_MAX_YEAR, &year,
                                   NULL) ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* Lower case, with `_`, `-`, `.`, `:` and runs of white space as one space, trimmed. */
static char *
normalize_header (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = lower; *p != '\0'; p++)
    {
      if (*p == '_' || *p == '-' || *p == '.' || *p == ':' || g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (out, FALSE);
}

static int
header_column (const char *header)
{
  g_autofree char *name = normalize_header (header);

  for (int column = 0; column < N_COLUMNS; column++)
    if (g_strv_contains ((const char * const *) column_names[column], name))
      return column;
  return -1;
}

/* White space inside a name (a line break in a quoted field) becomes one space: the
 * installation file allows no control characters. */
static char *
clean_name (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c < 0x20 || (c >= 0x7f && c <= 0x9f))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* A whole number, allowing spaces (also no-break spaces) as thousands separators. */
static gboolean
parse_quantity (const char *text,
                gint64     *out)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gint64 value;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == 0xa0 || c == 0x202f)
        continue;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      g_string_append_c (digits, *p);
    }

  if (!g_ascii_string_to_signed (digits->str, 10, 1, SSA_INVENTORY_MAX_QUANTITY, &value, NULL))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_kind (const char *text,
            SsaKind    *out)
{
  g_autofree char *name = normalize_header (text);

  if (g_str_equal (name, "tredjepart") || g_str_equal (name, "third party"))
    *out = SSA_KIND_THIRD_PARTY;
  else if (g_str_equal (name, "maskinvare"))
    *out = SSA_KIND_HARDWARE;
  else if (g_str_equal (name, "tjeneste"))
    *out = SSA_KIND_SERVICE;
  else if (!ssa_kind_from_string (name, out))
    return FALSE;
  return TRUE;
}

/* Problems are collected as in the JSON readers; what they are about is the physical line a
 * row starts on, so that each reads "FILE: line 12: the problem". */
static char *
line_context (guint line)
{
  /* Translators: where a problem is in a CSV file, as in "FILE: line 12: the problem" */
  return g_strdup_printf (_("line %u"), line);
}

static const char *
field_at (const SsaCsvRow *row,
          const int       *columns,
          Column           column)
{
  int index = columns[column];

  if (index < 0 || (guint) index >= row->fields->len)
    return NULL;
  return g_ptr_array_index (row->fields, index);
}

/* Returns: (transfer full): the field's text without surrounding spaces, "" when absent */
static char *
field_text (const SsaCsvRow *row,
            const int       *columns,
            Column           column)
{
  const char *text = field_at (row, columns, column);

  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

static gboolean
row_is_empty (const SsaCsvRow *row)
{
  for (guint i = 0; i < row->fields->len; i++)
    {
      const char *field = g_ptr_array_index (row->fields, i);

      for (const char *p = field; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }
  return TRUE;
}

static void
line_clear (gpointer data)
{
  SsaInventoryLine *line = data;

  g_clear_pointer (&line->code, g_free);
  g_clear_pointer (&line->name, g_free);
}

static gboolean
read_header (const SsaCsvRow *header,
             int             *columns,
             SsaJsonProblems *problems)
{
  g_autofree char *at = line_context (header->line);
  gboolean ok = TRUE;

  for (int column = 0; column < N_COLUMNS; column++)
    columns[column] = -1;

  for (guint i = 0; i < header->fields->len; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (g_ptr_array_index (header->fields, i)));
      int column = header_column (name);

      if (column < 0)
        continue; /* other columns (prices, notes) are ignored */
      if (columns[column] >= 0)
        {
          ssa_json_problems_add (problems, at, NULL,
                                 _("the header has two columns for the same field (“%s”)"),
                                 name);
          ok = FALSE;
        }
      columns[column] = (int) i;
    }

  if (columns[COLUMN_CODE] < 0)
    {
      ssa_json_problems_add (problems, at, NULL,
                             _("the header has no column for the product code: name it "
                               "“artikkelnummer” or “code”"));
      ok = FALSE;
    }
  if (columns[COLUMN_QUANTITY] < 0)
    {
      ssa_json_problems_add (problems, at, NULL,
                             _("the header has no column for the quantity: name it “antall” "
                               "or “quantity”"));
      ok = FALSE;
    }
  return ok;
}

static void
read_row (const SsaCsvRow    *row,
          const int          *columns,
          const SsaPriceList *price_list,
          SsaJsonProblems    *problems,
          GArray             *lines)
{
  SsaInventoryLine line = { NULL, };
  g_autofree char *at = line_context (row->line);
  g_autofree char *code = field_text (row, columns, COLUMN_CODE);
  g_autofree char *quantity = field_text (row, columns, COLUMN_QUANTITY);
  g_autofree char *added_on = field_text (row, columns, COLUMN_ADDED_ON);
  g_autofree char *covered = field_text (row, columns, COLUMN_COVERED_UNTIL);
  g_autofree char *kind = field_text (row, columns, COLUMN_KIND);
  const char *name = field_at (row, columns, COLUMN_NAME);
  gboolean ok = TRUE;

  g_date_clear (&line.added_on, 1);
  g_date_clear (&line.covered_until, 1);

  if (code[0] == '\0')
    {
      ssa_json_problems_add (problems, at, NULL, _("code: missing"));
      ok = FALSE;
    }
  else if (g_utf8_strlen (code, -1) > SSA_JSON_CODE_MAX_CHARS || !ssa_json_text_is_clean (code))
    {
      ssa_json_problems_add (problems, at, NULL,
                             _("code: “%s” is not a product code (at most %d characters, no "
                               "line breaks)"),
                             code, SSA_JSON_CODE_MAX_CHARS);
      ok = FALSE;
    }

  if (quantity[0] == '\0')
    {
      ssa_json_problems_add (problems, at, NULL, _("quantity: missing"));
      ok = FALSE;
    }
  else if (!parse_quantity (quantity, &line.quantity))
    {
      ssa_json_problems_add (problems, at, NULL,
                             _("quantity: “%s” is not a whole number from 1 to 1 000 000"),
                             quantity);
      ok = FALSE;
    }

  if (added_on[0] != '\0' && !ssa_csv_parse_date (added_on, &line.added_on))
    {
      ssa_json_problems_add (problems, at, NULL,
                             _("added on: “%s” is not a date written DD.MM.YYYY or YYYY-MM-DD "
                               "from 01.01.1900 to 31.12.9999"),
                             added_on);
      ok = FALSE;
    }
  if (covered[0] != '\0' && !ssa_csv_parse_date (covered, &line.covered_until))
    {
      ssa_json_problems_add (problems, at, NULL,
                             _("covered until: “%s” is not a date written DD.MM.YYYY or "
                               "YYYY-MM-DD from 01.01.1900 to 31.12.9999"),
                             covered);
      ok = FALSE;
    }

  if (kind[0] != '\0')
    {
      if (parse_kind (kind, &line.kind))
        line.has_kind = TRUE;
      else
        {
          ssa_json_problems_add (problems, at, NULL,
                                 _("kind: “%s” is not a kind of product (such as port, app or "
                                   "third_party)"),
                                 kind);
          ok = FALSE;
        }
    }

  /* A code the price list does not know is only accepted for another vendor's product, as
   * in an installation file: the offer lists it as excluded under its own name. */
  if (ok && price_list != NULL && ssa_price_list_lookup (price_list, code) == NULL &&
      !(line.has_kind && line.kind == SSA_KIND_THIRD_PARTY))
    {
      ssa_json_problems_add (problems, at, NULL,
                             _("code: “%s” is not in price list %s; for another vendor’s "
                               "product give the kind third_party in a column “type” or "
                               "“kind”"),
                             code, price_list->id);
      ok = FALSE;
    }

  if (!ok)
    return;

  line.code = g_steal_pointer (&code);
  line.name = name != NULL ? clean_name (name) : NULL;
  g_array_append_val (lines, line);
}

/* Refuses a file with more licence lines than an installation may have before any line is
 * read: the rows after the header that are not empty. */
static gboolean
check_n_rows (GPtrArray   *rows,
              guint        first,
              const char  *what,
              GError     **error)
{
  guint64 n_lines = 0;

  for (guint i = first; i < rows->len; i++)
    if (!row_is_empty (g_ptr_array_index (rows, i)))
      n_lines++;
  return ssa_limits_check_lines (n_lines, what, error);
}

/**
 * ssa_csv_read_licences:
 * @data: the file's bytes
 * @length: their number
 * @what: the file's name for messages
 * @price_list: (nullable): the price list whose codes are accepted, or %NULL to accept any
 * @error: a #GError
 *
 * Reads a licence list: a header line naming the columns (Norwegian or English, any case:
 * `artikkelnummer;antall` or `code,quantity`, optionally `lagt til`/`added on`, `dekket
 * til`/`covered until`, `navn`/`name` and `type`/`kind`), then one licence line per row.
 * Empty rows are skipped. When any row is bad, nothing is returned and the error has one line
 * per problem (up to 50), each naming the file and the line.
 *
 * Returns: (transfer full) (element-type SsaInventoryLine): the licence lines, in file order
 */
GArray *
ssa_csv_read_licences (const char          *data,
                       gsize                length,
                       const char          *what,
                       const SsaPriceList  *price_list,
                       GError             **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) lines = NULL;
  SsaJsonProblems problems;
  int columns[N_COLUMNS];
  const SsaCsvRow *header = NULL;
  gboolean ok;
  guint i;

  g_return_val_if_fail (what != NULL, NULL);

  text = ssa_csv_decode (data, length, what, error);
  if (text == NULL)
    return NULL;
  rows = ssa_csv_parse (text, ssa_csv_detect_separator (text), what, error);
  if (rows == NULL)
    return NULL;

  for (i = 0; i < rows->len && header == NULL; i++)
    if (!row_is_empty (g_ptr_array_index (rows, i)))
      header = g_ptr_array_index (rows, i);

  if (header == NULL)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s: the file is empty: it needs a header line such as "
                     "“artikkelnummer;antall” and one line per licence"), what);
      return NULL;
    }

  if (!check_n_rows (rows, i, what, error))
    return NULL;

  lines = g_array_new (FALSE, TRUE, sizeof (SsaInventoryLine));
  g_array_set_clear_func (lines, line_clear);
  ssa_json_problems_init (&problems, what);

  if (read_header (header, columns, &problems))
    for (; i < rows->len; i++)
      {
        const SsaCsvRow *row = g_ptr_array_index (rows, i);

        if (!row_is_empty (row))
          read_row (row, columns, price_list, &problems, lines);
      }

  ok = ssa_json_problems_propagate (&problems, error);
  ssa_json_problems_clear (&problems);
  if (!ok)
    return NULL;

  if (lines->len == 0)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s: there are no licence lines below the header"), what);
      return NULL;
    }

  return g_steal_pointer (&lines);
}

/**
 * ssa_csv_read_licences_file:
 *
 * Like ssa_csv_read_licences(), for a file; messages name the file.
 */
GArray *
ssa_csv_read_licences_file (const char          *path,
                            const SsaPriceList  *price_list,
                            GError             **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!ssa_json_guard_load_file (path, &data, &length, error))
    return NULL;
  display = g_filename_display_name (path);
  return ssa_csv_read_licences (data, length, display, price_list, error);
}
