/* ssa-cli-fetch.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-cli.h"

int
ssa_cli_fetch_price_list (int    argc,
                          char **argv)
{
  ssa_cli_usage_error ("fetch-price-list",
                       _("fetching price lists is not available yet in this version of "
                         "SSA Desk"));
  return SSA_CLI_USAGE;
}
