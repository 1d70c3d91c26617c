/* ssa-customer-import.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Customer lists from accounting systems. Norwegian accounting programs export their
 * customer register as CSV: ";" (Excel's Norwegian "CSV (semikolonseparert)") or ",", in
 * UTF-8 (with or without a byte order mark) or Windows-1252, with headers in Bokmål or
 * English. The reading of bytes and records is ssa-csv.c's (RFC 4180); this file gives the
 * columns their meaning, checks every row and stores the whole file in one transaction. */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ssa-csv.h"
#include "ssa-customer-import.h"
#include "ssa-db-private.h"
#include "ssa-error.h"
#include "ssa-limits.h"
#include "ssa-org-no.h"

struct _SsaCustomerCsv
{
  char      *what;
  GPtrArray *headers;  /* char* as written */
  GArray    *fields;   /* SsaCustomerField per column */
  GPtrArray *records;  /* SsaCsvRow, the header excluded */
};

static const char *const field_names[SSA_CUSTOMER_N_FIELDS] = {
  NULL, "ignore", "name", "org_no", "address", "postcode", "city", "email", "contact",
  "vat_registered",
};

/* Header names as accounting programs write them, compared without case, spaces, "-", "_"
 * and "." (so "E-post", "Org. nr." and "org_no" are found). */
static const struct
{
  const char       *key;
  SsaCustomerField  field;
} header_names[] = {
  { "navn", SSA_CUSTOMER_FIELD_NAME },
  { "name", SSA_CUSTOMER_FIELD_NAME },
  { "kundenavn", SSA_CUSTOMER_FIELD_NAME },
  { "organisasjonsnummer", SSA_CUSTOMER_FIELD_ORG_NO },
  { "orgnr", SSA_CUSTOMER_FIELD_ORG_NO },
  { "orgno", SSA_CUSTOMER_FIELD_ORG_NO },
  { "adresse", SSA_CUSTOMER_FIELD_ADDRESS },
  { "address", SSA_CUSTOMER_FIELD_ADDRESS },
  { "postnummer", SSA_CUSTOMER_FIELD_POSTCODE },
  { "postnr", SSA_CUSTOMER_FIELD_POSTCODE },
  { "postcode", SSA_CUSTOMER_FIELD_POSTCODE },
  { "poststed", SSA_CUSTOMER_FIELD_CITY },
  { "city", SSA_CUSTOMER_FIELD_CITY },
  { "epost", SSA_CUSTOMER_FIELD_EMAIL },
  { "email", SSA_CUSTOMER_FIELD_EMAIL },
  { "kontaktperson", SSA_CUSTOMER_FIELD_CONTACT },
  { "contact", SSA_CUSTOMER_FIELD_CONTACT },
  { "mva", SSA_CUSTOMER_FIELD_VAT },
  { "mvaregistrert", SSA_CUSTOMER_FIELD_VAT },
  { "vat", SSA_CUSTOMER_FIELD_VAT },
  { "vatregistered", SSA_CUSTOMER_FIELD_VAT },
};

const char *
ssa_customer_field_to_string (SsaCustomerField field)
{
  g_return_val_if_fail (field < SSA_CUSTOMER_N_FIELDS, NULL);
  return field_names[field];
}

/* The header's key: lower case, without spaces, "-", "_" and ".". */
static char *
header_key (const char *header)
{
  g_autofree char *lower = g_utf8_strdown (header, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p++)
    if (!g_ascii_isspace (*p) && *p != '-' && *p != '_' && *p != '.')
      g_string_append_c (key, *p);
  return g_string_free (key, FALSE);
}

static SsaCustomerField
field_of_header (const char *header)
{
  g_autofree char *key = header_key (header);

  for (guint i = 0; i < G_N_ELEMENTS (header_names); i++)
    if (g_str_equal (key, header_names[i].key))
      return header_names[i].field;
  return SSA_CUSTOMER_FIELD_UNKNOWN;
}

/**
 * ssa_customer_field_from_string:
 * @text: a field's name (`name`, `org_no`, `address`, `postcode`, `city`, `email`,
 *   `contact`, `vat_registered`, `ignore`) or any header name that names one
 * @out: the field
 *
 * Returns: whether @text names a field
 */
gboolean
ssa_customer_field_from_string (const char       *text,
                                SsaCustomerField *out)
{
  g_autofree char *key = NULL;
  SsaCustomerField field;

  g_return_val_if_fail (text != NULL, FALSE);

  key = header_key (text);
  if (g_str_equal (key, "ignore"))
    field = SSA_CUSTOMER_FIELD_IGNORE;
  else
    field = field_of_header (text);
  if (field == SSA_CUSTOMER_FIELD_UNKNOWN)
    return FALSE;
  *out = field;
  return TRUE;
}

/**
 * ssa_customer_field_label:
 *
 * Returns: the field's name for people, translated
 */
const char *
ssa_customer_field_label (SsaCustomerField field)
{
  switch (field)
    {
    case SSA_CUSTOMER_FIELD_UNKNOWN:
    case SSA_CUSTOMER_FIELD_IGNORE:
      return _("Ignore");
    case SSA_CUSTOMER_FIELD_NAME:
      return _("Name");
    case SSA_CUSTOMER_FIELD_ORG_NO:
      return _("Organisation number");
    case SSA_CUSTOMER_FIELD_ADDRESS:
      return _("Address");
    case SSA_CUSTOMER_FIELD_POSTCODE:
      return _("Postcode");
    case SSA_CUSTOMER_FIELD_CITY:
      return _("City");
    case SSA_CUSTOMER_FIELD_EMAIL:
      return _("Email");
    case SSA_CUSTOMER_FIELD_CONTACT:
      return _("Contact");
    case SSA_CUSTOMER_FIELD_VAT:
      return _("VAT registration");
    case SSA_CUSTOMER_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

void
ssa_customer_csv_free (SsaCustomerCsv *csv)
{
  if (csv == NULL)
    return;
  g_free (csv->what);
  g_ptr_array_unref (csv->headers);
  g_array_unref (csv->fields);
  g_ptr_array_unref (csv->records);
  g_free (csv);
}

static gboolean
row_is_empty (SsaCsvRow *row)
{
  for (guint i = 0; i < row->fields->len; i++)
    {
      const char *cell = g_ptr_array_index (row->fields, i);

      for (const char *p = cell; *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
    }
  return TRUE;
}

/**
 * ssa_customer_csv_read:
 * @data: the file's bytes
 * @length: their number
 * @what: the file's name for messages
 * @error: a #GError
 *
 * Reads a customer list: decodes it, splits it into records, and gives each column of the
 * header (the first line that is not empty) its field. Unknown headers are kept as
 * %SSA_CUSTOMER_FIELD_UNKNOWN for ssa_customer_csv_map(); rows are checked by
 * ssa_customer_csv_get_rows().
 *
 * Returns: (transfer full): the list, or %NULL with @error set
 */
SsaCustomerCsv *
ssa_customer_csv_read (const char  *data,
                       gsize        length,
                       const char  *what,
                       GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(SsaCustomerCsv) csv = NULL;
  SsaCsvRow *header = NULL;
  guint first = 0;

  g_return_val_if_fail (what != NULL, NULL);

  text = ssa_csv_decode (data, length, what, error);
  if (text == NULL)
    return NULL;
  records = ssa_csv_parse (text, ssa_csv_detect_separator (text), what, error);
  if (records == NULL)
    return NULL;

  while (first < records->len && row_is_empty (g_ptr_array_index (records, first)))
    first++;
  if (first == records->len)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s: the file is empty: export the customer list with its header line "
                     "(for example navn;organisasjonsnummer;adresse)"), what);
      return NULL;
    }
  header = g_ptr_array_index (records, first);

  csv = g_new0 (SsaCustomerCsv, 1);
  csv->what = g_strdup (what);
  csv->headers = g_ptr_array_new_with_free_func (g_free);
  csv->fields = g_array_new (FALSE, TRUE, sizeof (SsaCustomerField));
  csv->records = g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_csv_row_free);

  for (guint i = 0; i < header->fields->len; i++)
    {
      const char *name = g_ptr_array_index (header->fields, i);
      g_autofree char *stripped = g_strstrip (g_strdup (name));
      SsaCustomerField field = field_of_header (stripped);

      /* A header cell left empty (a trailing separator) names no column. */
      if (*stripped == '\0')
        field = SSA_CUSTOMER_FIELD_IGNORE;
      for (guint j = 0; j < i && field > SSA_CUSTOMER_FIELD_IGNORE; j++)
        if (g_array_index (csv->fields, SsaCustomerField, j) == field)
          {
            g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                         _("%s, line %u: the columns “%s” and “%s” both give the %s: remove "
                           "one of them from the file"),
                         what, header->line, (char *) g_ptr_array_index (csv->headers, j),
                         stripped, ssa_customer_field_label (field));
            return NULL;
          }
      g_ptr_array_add (csv->headers, g_steal_pointer (&stripped));
      g_array_append_val (csv->fields, field);
    }

  for (guint i = first + 1; i < records->len; i++)
    {
      SsaCsvRow *row = g_ptr_array_index (records, i);

      if (row_is_empty (row))
        continue;
      if (csv->records->len >= SSA_LIMIT_MAX_CUSTOMER_ROWS)
        {
          g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE,
                       _("%s: more than %u customers: split the file and import each part"),
                       what, (guint) SSA_LIMIT_MAX_CUSTOMER_ROWS);
          return NULL;
        }
      g_ptr_array_add (csv->records, row);
      records->pdata[i] = NULL;
    }

  return g_steal_pointer (&csv);
}

/**
 * ssa_customer_csv_read_file:
 *
 * ssa_customer_csv_read() on a file, refused before reading when larger than
 * %SSA_CSV_MAX_BYTES.
 */
SsaCustomerCsv *
ssa_customer_csv_read_file (const char  *path,
                            GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = NULL;
  gsize length = 0;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);

  display = g_filename_display_name (path);
  if (g_stat (path, &st) == 0 && st.st_size > SSA_CSV_MAX_BYTES)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE, _("%s: file larger than %d MiB"),
                   display, SSA_CSV_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  return ssa_customer_csv_read (data, length, display, error);
}

const char *
ssa_customer_csv_get_what (SsaCustomerCsv *csv)
{
  return csv->what;
}

guint
ssa_customer_csv_get_n_columns (SsaCustomerCsv *csv)
{
  return csv->headers->len;
}

const char *
ssa_customer_csv_get_header (SsaCustomerCsv *csv,
                             guint           column)
{
  g_return_val_if_fail (column < csv->headers->len, NULL);
  return g_ptr_array_index (csv->headers, column);
}

SsaCustomerField
ssa_customer_csv_get_field (SsaCustomerCsv *csv,
                            guint           column)
{
  g_return_val_if_fail (column < csv->fields->len, SSA_CUSTOMER_FIELD_UNKNOWN);
  return g_array_index (csv->fields, SsaCustomerField, column);
}

void
ssa_customer_csv_set_field (SsaCustomerCsv   *csv,
                            guint             column,
                            SsaCustomerField  field)
{
  g_return_if_fail (column < csv->fields->len);
  g_return_if_fail (field < SSA_CUSTOMER_N_FIELDS);
  g_array_index (csv->fields, SsaCustomerField, column) = field;
}

/**
 * ssa_customer_csv_map:
 * @csv: the list
 * @header: a header of the file, compared without case and surrounding spaces
 * @field: the field its column gives
 * @error: a #GError
 *
 * Returns: whether the file has that header
 */
gboolean
ssa_customer_csv_map (SsaCustomerCsv   *csv,
                      const char       *header,
                      SsaCustomerField  field,
                      GError          **error)
{
  g_autofree char *wanted = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (header != NULL, FALSE);

  wanted = g_utf8_casefold (header, -1);
  g_strstrip (wanted);
  for (guint i = 0; i < csv->headers->len; i++)
    {
      g_autofree char *have = g_utf8_casefold (g_ptr_array_index (csv->headers, i), -1);

      if (g_str_equal (have, wanted))
        {
          ssa_customer_csv_set_field (csv, i, field);
          found = TRUE;
        }
    }
  if (!found)
    g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                 _("%s: there is no column “%s”: give a header of the file's first line"),
                 csv->what, header);
  return found;
}

/**
 * ssa_customer_csv_get_unknown:
 *
 * Returns: (transfer full): the headers that no field is known or mapped for, in order
 */
char **
ssa_customer_csv_get_unknown (SsaCustomerCsv *csv)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < csv->fields->len; i++)
    if (g_array_index (csv->fields, SsaCustomerField, i) == SSA_CUSTOMER_FIELD_UNKNOWN)
      g_strv_builder_add (builder, g_ptr_array_index (csv->headers, i));
  return g_strv_builder_end (builder);
}

void
ssa_customer_import_row_free (SsaCustomerImportRow *row)
{
  if (row == NULL)
    return;
  g_free (row->info.name);
  g_free (row->info.org_no);
  g_free (row->info.address);
  g_free (row->info.contact);
  g_free (row->info.email);
  g_free (row);
}

/* The digits of an organisation number as accounting programs write it: "988 077 917",
 * "988.077.917", "988077917 MVA", "NO988077917MVA". NULL when @text holds anything else. */
static char *
org_no_digits (const char *text)
{
  g_autofree char *upper = g_ascii_strup (text, -1);
  GString *digits = g_string_new (NULL);
  char *p = g_strstrip (upper);
  gsize len = strlen (p);

  if (g_str_has_prefix (p, "NO"))
    p += 2, len -= 2;
  if (len >= 3 && g_str_has_suffix (p, "MVA"))
    p[len - 3] = '\0';
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ' && *p != '.' && *p != '-')
        {
          g_string_free (digits, TRUE);
          return NULL;
        }
    }
  return g_string_free (digits, FALSE);
}

/* A cell's text without surrounding white space; NULL when that is empty. */
static char *
cell_text (SsaCsvRow *row,
           gint       column)
{
  char *text;

  if (column < 0 || (guint) column >= row->fields->len)
    return NULL;
  text = g_strstrip (g_strdup (g_ptr_array_index (row->fields, column)));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/**
 * ssa_customer_csv_get_rows:
 * @csv: the list, every header known or mapped
 * @error: a #GError
 *
 * Checks every row: each has a name, each organisation number passes the check digit, and
 * no organisation number (or, for rows without one, no name) comes twice. The first
 * problem refuses the whole file.
 *
 * Returns: (transfer full) (element-type SsaCustomerImportRow): the customers, in order
 */
GPtrArray *
ssa_customer_csv_get_rows (SsaCustomerCsv  *csv,
                           GError         **error)
{
  g_autoptr(GPtrArray) rows =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_customer_import_row_free);
  g_autoptr(GHashTable) seen_org_no = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) unknown = ssa_customer_csv_get_unknown (csv);
  gint columns[SSA_CUSTOMER_N_FIELDS];

  if (unknown[0] != NULL)
    {
      g_autofree char *list = g_strjoinv ("”, “", unknown);

      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s: unknown columns “%s”: map each to a field (name, org_no, address, "
                     "postcode, city, email, contact, vat_registered) or to ignore"),
                   csv->what, list);
      return NULL;
    }

  for (guint f = 0; f < SSA_CUSTOMER_N_FIELDS; f++)
    columns[f] = -1;
  for (guint i = 0; i < csv->fields->len; i++)
    {
      SsaCustomerField field = g_array_index (csv->fields, SsaCustomerField, i);

      if (field > SSA_CUSTOMER_FIELD_IGNORE && columns[field] < 0)
        columns[field] = i;
    }
  if (columns[SSA_CUSTOMER_FIELD_NAME] < 0)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s: no column gives the customer's name: the header needs “navn” or "
                     "“name”, or map a column to name"), csv->what);
      return NULL;
    }

  for (guint r = 0; r < csv->records->len; r++)
    {
      SsaCsvRow *record = g_ptr_array_index (csv->records, r);
      g_autoptr(SsaCustomerImportRow) row = g_new0 (SsaCustomerImportRow, 1);
      g_autofree char *org_no = cell_text (record, columns[SSA_CUSTOMER_FIELD_ORG_NO]);
      g_autofree char *street = cell_text (record, columns[SSA_CUSTOMER_FIELD_ADDRESS]);
      g_autofree char *postcode = cell_text (record, columns[SSA_CUSTOMER_FIELD_POSTCODE]);
      g_autofree char *city = cell_text (record, columns[SSA_CUSTOMER_FIELD_CITY]);
      g_autofree char *vat = cell_text (record, columns[SSA_CUSTOMER_FIELD_VAT]);
      SsaCustomerImportRow *earlier;

      row->line = record->line;
      row->info.name = cell_text (record, columns[SSA_CUSTOMER_FIELD_NAME]);
      row->info.email = cell_text (record, columns[SSA_CUSTOMER_FIELD_EMAIL]);
      row->info.contact = cell_text (record, columns[SSA_CUSTOMER_FIELD_CONTACT]);

      if (row->info.name == NULL)
        {
          g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                       _("%s, line %u: the customer has no name: fill it in or remove the "
                         "line"), csv->what, row->line);
          return NULL;
        }
      if (org_no != NULL)
        {
          row->info.org_no = org_no_digits (org_no);
          if (row->info.org_no == NULL || !ssa_org_no_is_valid (row->info.org_no))
            {
              g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                           _("%s, line %u: “%s” is not a valid organisation number (nine "
                             "digits with a correct check digit): correct it or leave it "
                             "empty"), csv->what, row->line, org_no);
              return NULL;
            }
        }

      /* An empty cell, or "ukjent", keeps what is stored. */
      if (vat != NULL && !ssa_vat_status_from_text (vat, &row->info.vat))
        {
          g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                       _("%s, line %u: “%s” is not a VAT registration: write ja or nei "
                         "(yes or no), or leave it empty"), csv->what, row->line, vat);
          return NULL;
        }

      if (street != NULL || postcode != NULL || city != NULL)
        {
          g_autofree char *place = g_strjoin (" ", postcode != NULL ? postcode : "",
                                              city != NULL ? city : "", NULL);

          g_strstrip (place);
          if (street != NULL && *place != '\0')
            row->info.address = g_strconcat (street, ", ", place, NULL);
          else
            row->info.address = g_strdup (street != NULL ? street : place);
        }

      if (row->info.org_no != NULL)
        earlier = g_hash_table_lookup (seen_org_no, row->info.org_no);
      else
        earlier = g_hash_table_lookup (seen_name, row->info.name);
      if (earlier != NULL)
        {
          if (row->info.org_no != NULL)
            g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                         _("%s: lines %u and %u both give organisation number %s: keep "
                           "one of them, nothing was imported"),
                         csv->what, earlier->line, row->line, row->info.org_no);
          else
            g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                         _("%s: lines %u and %u both give the customer “%s” without an "
                           "organisation number: keep one of them, nothing was imported"),
                         csv->what, earlier->line, row->line, row->info.name);
          return NULL;
        }
      if (row->info.org_no != NULL)
        g_hash_table_insert (seen_org_no, row->info.org_no, row);
      else
        g_hash_table_insert (seen_name, row->info.name, row);
      g_ptr_array_add (rows, g_steal_pointer (&row));
    }

  return g_steal_pointer (&rows);
}

/* Whether the imported value would change the stored one (an empty cell keeps it). */
static gboolean
differs (const char *imported,
         const char *stored)
{
  return imported != NULL && g_strcmp0 (imported, stored) != 0;
}

static gboolean
plan (SsaDb                    *db,
      GPtrArray                *rows,
      GPtrArray               **out_customers,
      SsaCustomerImportCounts  *counts,
      GError                  **error)
{
  g_autoptr(GPtrArray) customers = ssa_db_load_customers (db, error);
  g_autoptr(GHashTable) by_org_no = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  SsaCustomerImportCounts zero = { 0, };

  if (customers == NULL)
    return FALSE;
  for (guint i = 0; i < customers->len; i++)
    {
      SsaCustomer *customer = g_ptr_array_index (customers, i);
      const char *org_no = ssa_customer_get_org_no (customer);

      if (org_no != NULL && *org_no != '\0')
        g_hash_table_insert (by_org_no, (char *) org_no, customer);
      else if (!g_hash_table_contains (by_name, ssa_customer_get_name (customer)))
        g_hash_table_insert (by_name, (char *) ssa_customer_get_name (customer), customer);
    }

  *counts = zero;
  for (guint i = 0; i < rows->len; i++)
    {
      SsaCustomerImportRow *row = g_ptr_array_index (rows, i);
      SsaCustomer *stored;

      if (row->info.org_no != NULL)
        stored = g_hash_table_lookup (by_org_no, row->info.org_no);
      else
        stored = g_hash_table_lookup (by_name, row->info.name);

      if (stored == NULL)
        {
          row->action = SSA_CUSTOMER_IMPORT_CREATED;
          row->id = 0;
          counts->created++;
        }
      else
        {
          row->id = ssa_customer_get_id (stored);
          if (differs (row->info.name, ssa_customer_get_name (stored)) ||
              differs (row->info.address, ssa_customer_get_address (stored)) ||
              differs (row->info.contact, ssa_customer_get_contact (stored)) ||
              differs (row->info.email, ssa_customer_get_email (stored)) ||
              (row->info.vat != SSA_VAT_UNKNOWN &&
               row->info.vat != ssa_customer_get_vat_status (stored)))
            {
              row->action = SSA_CUSTOMER_IMPORT_UPDATED;
              counts->updated++;
            }
          else
            {
              row->action = SSA_CUSTOMER_IMPORT_UNCHANGED;
              counts->unchanged++;
            }
        }
    }

  if (out_customers != NULL)
    *out_customers = g_steal_pointer (&customers);
  return TRUE;
}

/**
 * ssa_customer_import_plan:
 * @db: the database
 * @rows: (element-type SsaCustomerImportRow): from ssa_customer_csv_get_rows()
 * @counts: (out): how many would be created, updated and left unchanged
 * @error: a #GError
 *
 * Sets each row's action against the stored customers, storing nothing: a row with an
 * organisation number matches the customer with that number; one without matches a
 * customer without a number that has exactly its name (the first by id).
 */
gboolean
ssa_customer_import_plan (SsaDb                    *db,
                          GPtrArray                *rows,
                          SsaCustomerImportCounts  *counts,
                          GError                  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  return plan (db, rows, NULL, counts, error);
}

/**
 * ssa_customer_import_store:
 *
 * Plans as ssa_customer_import_plan() and stores the created and updated customers in one
 * transaction: on any error nothing is stored.
 */
gboolean
ssa_customer_import_store (SsaDb                    *db,
                           GPtrArray                *rows,
                           SsaCustomerImportCounts  *counts,
                           GError                  **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  if (!ssa_db_check_writable (db, error) || !ssa_db_transaction_begin (&txn, db, error))
    return FALSE;
  if (!plan (db, rows, &customers, counts, error))
    return FALSE;
  for (guint i = 0; i < customers->len; i++)
    {
      SsaCustomer *customer = g_ptr_array_index (customers, i);
      gint64 *key = g_new (gint64, 1);

      *key = ssa_customer_get_id (customer);
      g_hash_table_insert (by_id, key, customer);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      SsaCustomerImportRow *row = g_ptr_array_index (rows, i);
      gboolean ok = TRUE;

      if (row->action == SSA_CUSTOMER_IMPORT_CREATED)
        {
          g_autoptr(SsaCustomer) customer = ssa_customer_new_from_info (&row->info);

          ok = ssa_db_insert_customer (db, customer, error);
          row->id = ssa_customer_get_id (customer);
        }
      else if (row->action == SSA_CUSTOMER_IMPORT_UPDATED)
        {
          SsaCustomer *customer = g_hash_table_lookup (by_id, &row->id);

          if (row->info.name != NULL)
            ssa_customer_set_name (customer, row->info.name);
          if (row->info.address != NULL)
            ssa_customer_set_address (customer, row->info.address);
          if (row->info.contact != NULL)
            ssa_customer_set_contact (customer, row->info.contact);
          if (row->info.email != NULL)
            ssa_customer_set_email (customer, row->info.email);
          if (row->info.vat != SSA_VAT_UNKNOWN)
            ssa_customer_set_vat_status (customer, row->info.vat);
          ok = ssa_db_update_customer (db, customer, error);
        }
      if (!ok)
        {
          g_prefix_error (error, _("line %u: "), row->line);
          return FALSE;
        }
    }

  return ssa_db_transaction_commit (&txn, error);
}
