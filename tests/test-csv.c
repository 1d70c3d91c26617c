/* test-csv.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "ssa-csv.h"
#include "ssa-date.h"
#include "ssa-error.h"
#include "ssa-inventory.h"
#include "ssa-limits.h"
#include "ssa-samples.h"

#include "test-util.h"

/* Licence lists from spreadsheets: encodings (UTF-8 with and without BOM, Windows-1252,
 * UTF-16), separators, RFC 4180 quoting with line breaks in fields, Norwegian and English
 * headers, dates, and bad rows reported by line with nothing imported. */

static SsaPriceList *price_list;

static GArray *
read_ok (const char *text,
         gssize      length)
{
  g_autoptr(GError) error = NULL;
  GArray *lines;

  lines = ssa_csv_read_licences (text, length < 0 ? strlen (text) : (gsize) length, "list.csv",
                                 price_list, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lines);
  return lines;
}

/* Asserts that @text is refused with exactly the problems @expected (one a line). */
static void
read_refused (const char *text,
              gssize      length,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  GArray *lines;

  lines = ssa_csv_read_licences (text, length < 0 ? strlen (text) : (gsize) length, "list.csv",
                                 price_list, &error);
  g_assert_null (lines);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_cmpstr (error->message, ==, expected);
}

static const SsaInventoryLine *
line_at (GArray *lines,
         guint   i)
{
  g_assert_cmpuint (i, <, lines->len);
  return &g_array_index (lines, SsaInventoryLine, i);
}

static void
test_norwegian_excel (void)
{
  /* Windows-1252, semicolons, CRLF, Norwegian headers and dates, a name with Ø. */
  static const char text[] =
    "Artikkelnummer;Antall;Lagt til;Dekket til;Beskrivelse;Type\r\n"
    "02-00039-002;20;;;PBX-Port14;\r\n"
    "02-00039-301;8;15.09.2026;31.12.2026;;\r\n"
    "99-00000-042;1;;;S\xd8R-tillegg \xe6\xf8\xe5;tredjepart\r\n";
  g_autoptr(GArray) lines = read_ok (text, -1);

  g_assert_cmpuint (lines->len, ==, 3);
  g_assert_cmpstr (line_at (lines, 0)->code, ==, "02-00039-002");
  g_assert_cmpint (line_at (lines, 0)->quantity, ==, 20);
  test_assert_date (&line_at (lines, 0)->added_on, NULL);
  test_assert_date (&line_at (lines, 1)->added_on, "2026-09-15");
  test_assert_date (&line_at (lines, 1)->covered_until, "2026-12-31");
  g_assert_cmpstr (line_at (lines, 2)->name, ==, "SØR-tillegg æøå");
  g_assert_true (line_at (lines, 2)->has_kind);
  g_assert_cmpint (line_at (lines, 2)->kind, ==, SSA_KIND_THIRD_PARTY);
}

static void
test_utf8_bom_commas (void)
{
  static const char text[] =
    "\xef\xbb\xbf" "code,quantity,added_on,Covered Until\n"
    "02-00039-002,\"1 000\",2027-03-15,\n"
    "\"02-00039-101\",5,,2027-12-31\n";
  g_autoptr(GArray) lines = read_ok (text, -1);

  g_assert_cmpuint (lines->len, ==, 2);
  g_assert_cmpstr (line_at (lines, 0)->code, ==, "02-00039-002");
  g_assert_cmpint (line_at (lines, 0)->quantity, ==, 1000);
  test_assert_date (&line_at (lines, 0)->added_on, "2027-03-15");
  test_assert_date (&line_at (lines, 1)->covered_until, "2027-12-31");
  g_assert_null (line_at (lines, 0)->name);
}

static void
test_utf16 (void)
{
  static const char utf8[] = "varenummer\tqty\tnavn\n90-00000-001\t2\tSamWin sentralbord Ø\n";
  g_autofree char *utf16 = NULL;
  g_autoptr(GString) data = g_string_new_len ("\xff\xfe", 2);
  g_autoptr(GArray) lines = NULL;
  gsize written = 0;

  utf16 = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &written, NULL);
  g_assert_nonnull (utf16);
  g_string_append_len (data, utf16, written);

  lines = read_ok (data->str, data->len);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpint (line_at (lines, 0)->quantity, ==, 2);
  g_assert_cmpstr (line_at (lines, 0)->name, ==, "SamWin sentralbord Ø");
}

static void
test_quoting (void)
{
  /* Quoted separators, doubled quotes, and line breaks inside quotes: the next record's
   * line number counts them. */
  static const char text[] =
    "kode;antall;navn\n"
    "90-00000-001;1;\"SamWin; \"\"Pro\"\"\n"
    "sentralbord\"\n"
    "\n"
    ";;\n"
    "02-00039-002;x;\"PBX\n"
    "porter\"\n";
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  SsaCsvRow *row;

  rows = ssa_csv_parse (text, ';', "list.csv", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpuint (row->line, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (row->fields, 2), ==, "SamWin; \"Pro\"\nsentralbord");
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpuint (row->line, ==, 5);
  row = g_ptr_array_index (rows, 3);
  g_assert_cmpuint (row->line, ==, 6);
  g_assert_cmpstr (g_ptr_array_index (row->fields, 2), ==, "PBX\nporter");

  /* The line break in a name becomes a space; the bad quantity is on line 6. */
  read_refused (text, -1,
                "list.csv: line 6: quantity: “x” is not a whole number from 1 to 1 000 000");

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = ssa_csv_parse ("a;b\n\"open;field\n1;2\n", ';', "list.csv", &error);
  g_assert_null (rows);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "list.csv: line 2: a field in quotes (\") is not closed");
}

static void
test_names_in_quotes (void)
{
  static const char text[] =
    "code;quantity;name;kind\r\n"
    "90-00000-777;1;\"Telenor\r\nAPI\";third_party\r\n";
  g_autoptr(GArray) lines = read_ok (text, -1);

  g_assert_cmpstr (line_at (lines, 0)->name, ==, "Telenor API");
}

static void
test_separator_detection (void)
{
  g_assert_cmpint (ssa_csv_detect_separator ("code,quantity\n1;2;3\n"), ==, ',');
  g_assert_cmpint (ssa_csv_detect_separator ("\n\nartikkelnummer;antall\n"), ==, ';');
  g_assert_cmpint (ssa_csv_detect_separator ("\"a;b\",c\n"), ==, ',');
  g_assert_cmpint (ssa_csv_detect_separator ("code\tquantity\n"), ==, '\t');
  g_assert_cmpint (ssa_csv_detect_separator ("code\n"), ==, ';');
}

static void
test_dates (void)
{
  GDate d;

  g_assert_true (ssa_csv_parse_date ("2027-03-15", &d));
  test_assert_date (&d, "2027-03-15");
  g_assert_true (ssa_csv_parse_date ("15.03.2027", &d));
  test_assert_date (&d, "2027-03-15");
  g_assert_true (ssa_csv_parse_date ("1.3.2027", &d));
  test_assert_date (&d, "2027-03-01");
  g_assert_false (ssa_csv_parse_date ("31.02.2027", &d));
  g_assert_false (ssa_csv_parse_date ("15/03/2027", &d));
  g_assert_false (ssa_csv_parse_date ("15.03.27", &d));
  g_assert_false (ssa_csv_parse_date ("2027-3-15", &d));
}

/* The limit of dates (ssa-limits.h), in both forms. */
static void
test_date_limits (void)
{
  GDate d;

  g_assert_true (ssa_csv_parse_date ("01.01.1900", &d));
  test_assert_date (&d, "1900-01-01");
  g_assert_true (ssa_csv_parse_date ("31.12.9999", &d));
  test_assert_date (&d, "9999-12-31");
  g_assert_true (ssa_csv_parse_date ("9999-12-31", &d));
  g_assert_false (ssa_csv_parse_date ("31.12.1899", &d));
  g_assert_false (ssa_csv_parse_date ("1899-12-31", &d));
  g_assert_false (ssa_csv_parse_date ("01.01.10000", &d));
  g_assert_false (ssa_csv_parse_date ("10000-01-01", &d));

  read_refused ("code;quantity;added on;covered until\n"
                "02-00039-002;1;31.12.1899;\n"
                "02-00039-002;1;;10000-01-01\n", -1,
                "list.csv: line 2: added on: “31.12.1899” is not a date written DD.MM.YYYY "
                "or YYYY-MM-DD from 01.01.1900 to 31.12.9999\n"
                "list.csv: line 3: covered until: “10000-01-01” is not a date written "
                "DD.MM.YYYY or YYYY-MM-DD from 01.01.1900 to 31.12.9999");
}

/* At most SSA_LIMIT_MAX_LICENCE_LINES lines, and quantities up to SSA_LIMIT_MAX_QUANTITY;
 * more lines are refused before any line is read (a bad line among them is not reported). */
static void
test_limits (void)
{
  g_autoptr(GString) text = g_string_new ("code;quantity\n02-00039-002;1000000\n");
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 1; i < SSA_LIMIT_MAX_LICENCE_LINES; i++)
    g_string_append (text, "02-00039-002;1\n\n");
  lines = read_ok (text->str, text->len);
  g_assert_cmpuint (lines->len, ==, SSA_LIMIT_MAX_LICENCE_LINES);
  g_assert_cmpint (line_at (lines, 0)->quantity, ==, SSA_LIMIT_MAX_QUANTITY);
  g_clear_pointer (&lines, g_array_unref);

  g_string_append (text, "02-00039-002;0\n");
  lines = ssa_csv_read_licences (text->str, text->len, "list.csv", price_list, &error);
  g_assert_null (lines);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "list.csv: 10001 licence lines are more than the 10000 that SSA Desk takes "
                   "for one installation: split the installation");

  read_refused ("code;quantity\n02-00039-002;1000001\n", -1,
                "list.csv: line 2: quantity: “1000001” is not a whole number from 1 to "
                "1 000 000");
}

static void
test_bad_row_in_middle (void)
{
  static const char text[] =
    "artikkelnummer;antall;lagt til\n"
    "02-00039-002;20;\n"
    "02-00039-101;5;\n"
    "02-00039-301;0;\n"
    "02-00039-401;1;31.02.2027\n"
    "02-00040-003;1;\n";

  read_refused (text, -1,
                "list.csv: line 4: quantity: “0” is not a whole number from 1 to 1 000 000\n"
                "list.csv: line 5: added on: “31.02.2027” is not a date written DD.MM.YYYY "
                "or YYYY-MM-DD from 01.01.1900 to 31.12.9999");
}

static void
test_unknown_codes (void)
{
  /* A code the price list does not know, with ø: refused, named correctly in UTF-8. */
  static const char cp1252[] = "artikkelnummer;antall\n02-00039-002;1\nL\xd8S-1;2\n";
  static const char third_party[] = "code,quantity,type\n99-1,2,third_party\n99-2,1,hardware\n";

  read_refused (cp1252, -1,
                "list.csv: line 3: code: “LØS-1” is not in price list sample-2026-11; for "
                "another vendor’s product give the kind third_party in a column “type” or "
                "“kind”");
  read_refused (third_party, -1,
                "list.csv: line 3: code: “99-2” is not in price list sample-2026-11; for "
                "another vendor’s product give the kind third_party in a column “type” or "
                "“kind”");

  /* Without a price list, any code is taken. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GArray) lines = ssa_csv_read_licences (cp1252, strlen (cp1252), "list.csv", NULL,
                                                     &error);

    g_assert_no_error (error);
    g_assert_cmpstr (line_at (lines, 1)->code, ==, "LØS-1");
  }
}

static void
test_headers (void)
{
  static const char synonyms[] = "Varenr.;Antall lisenser;SSA til\n02-00039-002;3;2027-12-31\n";
  g_autoptr(GArray) lines = read_ok (synonyms, -1);

  g_assert_cmpint (line_at (lines, 0)->quantity, ==, 3);
  test_assert_date (&line_at (lines, 0)->covered_until, "2027-12-31");

  read_refused ("navn;pris\nx;1\n", -1,
                "list.csv: line 1: the header has no column for the product code: name it "
                "“artikkelnummer” or “code”\n"
                "list.csv: line 1: the header has no column for the quantity: name it "
                "“antall” or “quantity”");
  read_refused ("code;kode;antall\n1;2;3\n", -1,
                "list.csv: line 1: the header has two columns for the same field (“kode”)");
  read_refused ("", 0,
                "list.csv: the file is empty: it needs a header line such as "
                "“artikkelnummer;antall” and one line per licence");
  read_refused ("\n;;\ncode;quantity\n\n", -1,
                "list.csv: there are no licence lines below the header");
}

static void
test_many_problems (void)
{
  g_autoptr(GString) text = g_string_new ("code;quantity\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = NULL;
  g_auto(GStrv) messages = NULL;

  for (guint i = 0; i < 60; i++)
    g_string_append (text, "02-00039-002;-1\n");
  lines = ssa_csv_read_licences (text->str, text->len, "list.csv", price_list, &error);
  g_assert_null (lines);
  messages = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (messages), ==, 51);
  g_assert_cmpstr (messages[0], ==,
                   "list.csv: line 2: quantity: “-1” is not a whole number from 1 to 1 000 000");
  g_assert_cmpstr (messages[49], ==,
                   "list.csv: line 51: quantity: “-1” is not a whole number from 1 to 1 000 000");
  g_assert_cmpstr (messages[50], ==, "list.csv: … and 10 more problems");
}

static void
test_not_text (void)
{
  static const char binary[] = "code;quantity\n\0\x01\x02";
  static const char undefined_cp1252[] = "code;quantity\n\x81;1\n";

  read_refused (binary, sizeof binary - 1,
                "list.csv: not a text file in UTF-8, UTF-16 or Windows-1252: save it from the "
                "spreadsheet as CSV");
  read_refused (undefined_cp1252, -1,
                "list.csv: not a text file in UTF-8, UTF-16 or Windows-1252: save it from the "
                "spreadsheet as CSV");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  price_list = ssa_samples_load_price_list (&error);
  g_assert_no_error (error);

  g_test_add_func ("/csv/norwegian-excel", test_norwegian_excel);
  g_test_add_func ("/csv/utf8-bom-commas", test_utf8_bom_commas);
  g_test_add_func ("/csv/utf16", test_utf16);
  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/names-in-quotes", test_names_in_quotes);
  g_test_add_func ("/csv/separator", test_separator_detection);
  g_test_add_func ("/csv/dates", test_dates);
  g_test_add_func ("/csv/date-limits", test_date_limits);
  g_test_add_func ("/csv/limits", test_limits);
  g_test_add_func ("/csv/bad-row-in-middle", test_bad_row_in_middle);
  g_test_add_func ("/csv/unknown-codes", test_unknown_codes);
  g_test_add_func ("/csv/headers", test_headers);
  g_test_add_func ("/csv/many-problems", test_many_problems);
  g_test_add_func ("/csv/not-text", test_not_text);

  status = g_test_run ();
  ssa_price_list_unref (price_list);
  return status;
}
