/* fuzz-decimal.c: money, SSC and percentages as the files write them
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fuzz-common.h"

#include <json-glib/json-glib.h>

#include "ssa-decimal.h"
#include "ssa-json-guard.h"

/* The input is read twice: as a decimal string (ssa_decimal_parse ()) and as a JSON value
 * (ssa_decimal_from_json (), which also takes JSON numbers). Whatever is accepted is an exact
 * number of hundredths that ssa_decimal_to_string () writes and both readers read back as
 * the same value; the formats for people must not fail on it either. */

FUZZ_DEFINE_INITIALIZE

static void
check_round_trip (gint64 value)
{
  g_autofree char *text = ssa_decimal_to_string (value);
  g_autofree char *nb = ssa_money_format (value, NULL, SSA_LANG_NB);
  g_autofree char *en = ssa_money_format (value, "EUR", SSA_LANG_EN);
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);
  gint64 again = -1;

  fuzz_check (value >= 0);
  fuzz_check (ssa_decimal_parse (text, &again, NULL));
  fuzz_check (again == value);
  again = -1;
  fuzz_check (ssa_decimal_from_json (node, &again, NULL));
  fuzz_check (again == value);
  fuzz_check (nb != NULL && en != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonNode *node;
  gint64 value;

  if (ssa_decimal_parse (text, &value, &error))
    {
      fuzz_check (error == NULL);
      check_round_trip (value);
    }
  else
    fuzz_check (error != NULL);
  g_clear_error (&error);

  /* As the value of a member of a JSON document, read as the readers read them (through
   * the guard): 12.5, 1e2, "12.50", or anything else that makes a document. */
  json = g_strconcat ("{\"value\": ", text, "}", NULL);
  root = ssa_json_guard_parse (json, strlen (json), "fuzz", NULL);
  node = root != NULL ? json_object_get_member (json_node_get_object (root), "value") : NULL;
  if (node != NULL)
    {
      if (ssa_decimal_from_json (node, &value, &error))
        {
          fuzz_check (error == NULL);
          check_round_trip (value);
        }
      else
        fuzz_check (error != NULL);
    }

  return 0;
}
