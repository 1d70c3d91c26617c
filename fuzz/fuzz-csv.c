/* fuzz-csv.c: licence lists from spreadsheets (CSV)
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fuzz-offer-util.h"

#include "ssa-csv.h"
#include "ssa-date.h"

/* `import-csv` reads a licence list against the current price list and stores its lines;
 * `export` then writes them in an installation document. So the lines of a list that is
 * read must make an installation document that reads back with the same lines. The list
 * is read against the bundled sample price list, and without one (any code accepted). */

static SsaPriceList *price_list;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init (*argv);
  price_list = fuzz_load_sample_price_list ();
  return 0;
}

static void
check_same_line (const SsaInventoryLine *a,
                 const SsaInventoryLine *b)
{
  fuzz_check (g_str_equal (a->code, b->code));
  fuzz_check (a->quantity == b->quantity);
  fuzz_check (ssa_date_is_set (&a->added_on) == ssa_date_is_set (&b->added_on));
  fuzz_check (!ssa_date_is_set (&a->added_on) || g_date_compare (&a->added_on, &b->added_on) == 0);
  fuzz_check (ssa_date_is_set (&a->covered_until) == ssa_date_is_set (&b->covered_until));
  fuzz_check (!ssa_date_is_set (&a->covered_until) ||
              g_date_compare (&a->covered_until, &b->covered_until) == 0);
  fuzz_check (a->has_kind == b->has_kind);
  fuzz_check (!a->has_kind || a->kind == b->kind);
  fuzz_check (g_strcmp0 (a->name, b->name) == 0);
}

static void
check_exported (GArray *lines)
{
  g_autoptr(SsaInventory) inventory = ssa_inventory_new ();
  g_autoptr(SsaInventory) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  for (guint i = 0; i < lines->len; i++)
    ssa_inventory_add_line (inventory, &g_array_index (lines, SsaInventoryLine, i));
  json = ssa_inventory_to_json (inventory);

  again = ssa_inventory_new_from_data (json, strlen (json), "exported", &error);
  if (again == NULL)
    {
      g_printerr ("Lines read from CSV make an installation that does not read back: %s\n%s",
                  error->message, json);
      abort ();
    }
  fuzz_check (again->lines->len == lines->len);
  for (guint i = 0; i < lines->len; i++)
    check_same_line (&g_array_index (lines, SsaInventoryLine, i),
                     &g_array_index (again->lines, SsaInventoryLine, i));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const SsaPriceList *lists[] = { price_list, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(GArray) lines = NULL;
      g_autoptr(GError) error = NULL;

      lines = ssa_csv_read_licences ((const char *) data, size, "fuzz.csv", lists[i], &error);
      if (lines == NULL)
        {
          fuzz_check (error != NULL);
          continue;
        }
      fuzz_check (error == NULL);
      fuzz_check (lines->len > 0);
      check_exported (lines);
    }

  return 0;
}
