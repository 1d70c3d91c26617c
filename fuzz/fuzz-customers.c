/* fuzz-customers.c: customer lists from accounting systems (CSV)
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fuzz-common.h"

#include "ssa-customer-import.h"
#include "ssa-org-no.h"

/* `import-customers` reads a customer list, with every unknown column ignored (as
 * `--map HEADER=ignore` does). What it accepts must hold: every customer has a name, every
 * organisation number passes the check digit and comes once; and the customers, written
 * back as a CSV file with SSA Desk's own header, read back as the same customers. */

FUZZ_DEFINE_INITIALIZE

static void
append_cell (GString    *out,
             const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static GString *
write_back (GPtrArray *rows)
{
  GString *out = g_string_new ("name;org_no;address;email;contact\n");

  for (guint i = 0; i < rows->len; i++)
    {
      SsaCustomerImportRow *row = g_ptr_array_index (rows, i);

      append_cell (out, row->info.name);
      g_string_append_c (out, ';');
      append_cell (out, row->info.org_no);
      g_string_append_c (out, ';');
      append_cell (out, row->info.address);
      g_string_append_c (out, ';');
      append_cell (out, row->info.email);
      g_string_append_c (out, ';');
      append_cell (out, row->info.contact);
      g_string_append_c (out, '\n');
    }
  return out;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SsaCustomerCsv) csv = NULL;
  g_autoptr(SsaCustomerCsv) csv_again = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GHashTable) numbers = NULL;
  g_autoptr(GString) written = NULL;
  g_autoptr(GError) error = NULL;

  csv = ssa_customer_csv_read ((const char *) data, size, "fuzz.csv", &error);
  if (csv == NULL)
    {
      fuzz_check (error != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  for (guint i = 0; i < ssa_customer_csv_get_n_columns (csv); i++)
    if (ssa_customer_csv_get_field (csv, i) == SSA_CUSTOMER_FIELD_UNKNOWN)
      ssa_customer_csv_set_field (csv, i, SSA_CUSTOMER_FIELD_IGNORE);

  rows = ssa_customer_csv_get_rows (csv, &error);
  if (rows == NULL)
    {
      fuzz_check (error != NULL && g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  numbers = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < rows->len; i++)
    {
      SsaCustomerImportRow *row = g_ptr_array_index (rows, i);

      fuzz_check (row->info.name != NULL && *row->info.name != '\0');
      fuzz_check (g_utf8_validate (row->info.name, -1, NULL));
      if (row->info.org_no != NULL)
        {
          fuzz_check (ssa_org_no_is_valid (row->info.org_no));
          fuzz_check (g_hash_table_add (numbers, row->info.org_no));
        }
    }

  written = write_back (rows);
  csv_again = ssa_customer_csv_read (written->str, written->len, "written.csv", &error);
  if (csv_again != NULL)
    again = ssa_customer_csv_get_rows (csv_again, &error);
  if (again == NULL)
    {
      g_printerr ("Customers read from CSV do not read back: %s\n%s", error->message,
                  written->str);
      abort ();
    }
  fuzz_check (again->len == rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      SsaCustomerImportRow *a = g_ptr_array_index (rows, i);
      SsaCustomerImportRow *b = g_ptr_array_index (again, i);

      fuzz_check (g_strcmp0 (a->info.name, b->info.name) == 0);
      fuzz_check (g_strcmp0 (a->info.org_no, b->info.org_no) == 0);
      fuzz_check (g_strcmp0 (a->info.address, b->info.address) == 0);
      fuzz_check (g_strcmp0 (a->info.email, b->info.email) == 0);
      fuzz_check (g_strcmp0 (a->info.contact, b->info.contact) == 0);
    }
  return 0;
}
