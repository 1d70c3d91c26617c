/* fuzz-pbx-reading.c: what a PBX answers to mod_cmd_login.xml (XML)
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fuzz-offer-util.h"

#include "ssa-licence-import.h"
#include "ssa-pbx-reading.h"

/* `read-pbx` and the window's *Read PBX…* read the PBX's answer with libxml2, show it, and
 * match its licences with the installation's articles (used against owned, the true-up).
 * An answer that is read has named licences whose counts are within the limits, a rental
 * time that is none (-1) or positive, and text that is valid UTF-8; used against owned and
 * the true-up computed from it against an installation and the sample price list name
 * articles of the list and propose from 1 to the most a licence line may hold. */

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
  g_autoptr(SsaPbxReading) reading = NULL;
  g_autoptr(SsaInventory) inventory = ssa_inventory_new ();
  g_autoptr(GArray) usage = NULL;
  g_autoptr(GArray) true_up = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  SsaInventoryLine line = { (char *) "02-00039-002", 20, { 0, }, { 0, }, FALSE, 0, NULL };

  reading = ssa_pbx_reading_new_from_data ((const char *) data, size, "fuzz.xml", &error);
  if (reading == NULL)
    {
      fuzz_check (error != NULL && error->message[0] != '\0');
      return 0;
    }

  fuzz_check (reading->licences->len > 0);
  for (guint i = 0; i < reading->licences->len; i++)
    {
      const SsaPbxLicence *licence = &g_array_index (reading->licences, SsaPbxLicence, i);

      fuzz_check (licence->name != NULL && licence->name[0] != '\0' &&
                  strlen (licence->name) <= 64 && g_utf8_validate (licence->name, -1, NULL));
      fuzz_check (licence->count >= 0 && licence->count <= SSA_LIMIT_MAX_QUANTITY);
      fuzz_check (licence->used >= 0 && licence->used <= SSA_LIMIT_MAX_QUANTITY);
    }
  fuzz_check (reading->rental_seconds >= -1 && reading->rental_seconds <= G_MAXINT32);
  fuzz_check (reading->firmware == NULL || g_utf8_validate (reading->firmware, -1, NULL));
  text = ssa_pbx_reading_to_text (reading);
  fuzz_check (text != NULL && g_utf8_validate (text, -1, NULL));

  g_date_clear (&line.added_on, 1);
  g_date_clear (&line.covered_until, 1);
  ssa_inventory_add_line (inventory, &line);
  usage = ssa_licence_usage_compute (reading, inventory, price_list, NULL);
  fuzz_check (usage != NULL && usage->len == reading->licences->len);
  for (guint i = 0; i < usage->len; i++)
    {
      const SsaLicenceUsage *entry = &g_array_index (usage, SsaLicenceUsage, i);

      fuzz_check (entry->code == NULL || ssa_price_list_lookup (price_list, entry->code) != NULL);
      fuzz_check (entry->owned >= 0 && entry->used >= 0);
    }
  true_up = ssa_licence_usage_true_up (usage);
  fuzz_check (true_up != NULL);
  for (guint i = 0; i < true_up->len; i++)
    {
      const SsaTrueUpItem *item = &g_array_index (true_up, SsaTrueUpItem, i);

      fuzz_check (ssa_price_list_lookup (price_list, item->code) != NULL);
      fuzz_check (item->quantity >= 1 && item->quantity <= SSA_LIMIT_MAX_QUANTITY);
    }
  return 0;
}
