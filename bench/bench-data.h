/* bench-data.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ssa-db-inventory.h"
#include "ssa-db.h"
#include "ssa-inventory.h"

/* The large databases the benchmarks share: installations of a reseller's customers with
 * ten licence lines each (bench-db, bench-rest). */

#define BENCH_LINES_PER_INSTALLATION 10

static const char * const bench_codes[BENCH_LINES_PER_INSTALLATION] = {
  "02-00039-002", "02-00039-101", "02-00039-301", "02-00039-401", "02-00040-003",
  "02-00039-201", "02-00040-001", "90-00000-001", "01-00811-001", "01-00222-001",
};

/* Installation @i of a database of @n_customers customers: SSAs ending over three years
 * from 2025, one in twenty a SaaS installation. */
static inline SsaInventory *
bench_make_inventory (guint i,
                      guint n_customers)
{
  SsaInventory *inventory = ssa_inventory_new ();
  GDate expiry;

  inventory->customer.name = g_strdup_printf ("Kunde %04u AS", i % n_customers);
  inventory->name = g_strdup_printf ("Installasjon %u", i);
  inventory->serial = g_strdup_printf ("IP811-%08u", i);
  inventory->firmware = g_strdup ("14r2 sr3");
  inventory->deployment = i % 20 == 0 ? SSA_DEPLOYMENT_SAAS : SSA_DEPLOYMENT_APPLIANCE;
  g_date_clear (&expiry, 1);
  g_date_set_dmy (&expiry, 1, 1, 2025);
  g_date_add_days (&expiry, (i * 7919) % (3 * 365));
  inventory->ssa_expiry = expiry;

  for (guint j = 0; j < BENCH_LINES_PER_INSTALLATION; j++)
    {
      SsaInventoryLine line = { NULL, };

      line.code = (char *) bench_codes[j];
      line.quantity = 1 + (i + j) % 40;
      g_date_clear (&line.added_on, 1);
      g_date_clear (&line.covered_until, 1);
      ssa_inventory_add_line (inventory, &line);
    }
  return inventory;
}

/* Imports @n_installations of bench_make_inventory() into @db, in transactions of
 * @batch installations. */
static inline void
bench_import (SsaDb *db,
              guint  n_installations,
              guint  n_customers,
              guint  batch)
{
  g_autofree SsaInventory **inventories = g_new0 (SsaInventory *, batch);
  g_autofree gint64 *ids = g_new0 (gint64, batch);

  for (guint first = 0; first < n_installations; first += batch)
    {
      guint n = MIN (batch, n_installations - first);
      g_autoptr(GError) error = NULL;

      for (guint k = 0; k < n; k++)
        inventories[k] = bench_make_inventory (first + k, n_customers);
      if (!ssa_db_import_inventories (db, inventories, NULL, n, ids, &error))
        g_error ("%s", error->message);
      for (guint k = 0; k < n; k++)
        ssa_inventory_free (inventories[k]);
    }
}
