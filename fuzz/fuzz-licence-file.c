/* fuzz-licence-file.c: licence files (XML) from devices and my.innovaphone
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fuzz-offer-util.h"

#include "ssa-licence-import.h"

/* `import-licences` reads a licence file with libxml2 and plans the import against an
 * installation and the sample price list. A file that is read has amounts within the limits,
 * one entry per type, and a plan whose lines are all valid licence lines. */

static SsaPriceList *price_list;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init (*argv);
  price_list = fuzz_load_sample_price_list ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(SsaLicenceFile) file = NULL;
  g_autoptr(SsaLicenceImport) plan = NULL;
  g_autoptr(SsaInventory) inventory = ssa_inventory_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  SsaInventoryLine line = { (char *) "02-00039-002", 20, { 0, }, { 0, }, FALSE, 0, NULL };
  GDate today;

  file = ssa_licence_file_new_from_data ((const char *) data, size, "fuzz.xml", &error);
  if (file == NULL)
    {
      fuzz_check (error != NULL && error->message[0] != '\0');
      return 0;
    }

  fuzz_check (file->n_elements <= SSA_LIMIT_LICENCE_FILE_MAX_ELEMENTS);
  for (guint i = 0; i < file->amounts->len; i++)
    {
      const SsaLicenceAmount *amount = &g_array_index (file->amounts, SsaLicenceAmount, i);

      fuzz_check (amount->amount >= 0 && amount->amount <= SSA_LIMIT_MAX_QUANTITY);
      fuzz_check (amount->type[0] != '\0' && g_utf8_validate (amount->type, -1, NULL));
      fuzz_check (!g_hash_table_contains (seen, amount->type));
      g_hash_table_add (seen, amount->type);
    }

  g_date_clear (&line.added_on, 1);
  g_date_clear (&line.covered_until, 1);
  ssa_inventory_add_line (inventory, &line);
  g_date_set_dmy (&today, 6, 12, 2026);
  plan = ssa_licence_import_plan (inventory, file, price_list, NULL, &today, "fuzz.xml",
                                  &error);
  if (plan == NULL)
    {
      fuzz_check (error != NULL);
      return 0;
    }
  for (guint i = 0; i < plan->lines->len; i++)
    {
      const SsaInventoryLine *planned = &g_array_index (plan->lines, SsaInventoryLine, i);

      fuzz_check (planned->quantity >= SSA_LIMIT_MIN_QUANTITY &&
                  planned->quantity <= SSA_LIMIT_MAX_QUANTITY);
      fuzz_check (planned->code != NULL && planned->code[0] != '\0');
    }
  return 0;
}
