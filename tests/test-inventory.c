/* test-inventory.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "ssa-date.h"
#include "ssa-error.h"
#include "ssa-inventory.h"
#include "ssa-json-guard.h"

#include "test-json-mutate.h"
#include "test-util.h"

#define WHAT "inst.json"

static const char valid_document[] =
  "{\n"
  "  \"format\": \"ssa-desk-installation/1\",\n"
  "  \"customer\": { \"name\": \"Fjordkraft Eiendom AS\", \"org_no\": \"988077917\",\n"
  "                \"address\": \"Strandkaien 2, 5013 Bergen\", \"contact\": \"Kari Nordmann\",\n"
  "                \"email\": \"kari@example.no\" },\n"
  "  \"name\": \"Hovedkontor Bergen\",\n"
  "  \"serial\": \"IP811-00-90-33-12-34-56\",\n"
  "  \"deployment\": \"appliance\",\n"
  "  \"firmware\": \"14r2 sr3\",\n"
  "  \"ssa_expiry\": \"2026-12-31\",\n"
  "  \"licenses\": [\n"
  "    { \"code\": \"02-00039-002\", \"quantity\": 20 },\n"
  "    { \"code\": \"02-00039-002\", \"quantity\": 10, \"added_on\": \"2027-03-15\" },\n"
  "    { \"code\": \"90-00000-001\", \"quantity\": 1, \"kind\": \"third_party\",\n"
  "      \"name\": \"SamWin switchboard\" },\n"
  "    { \"code\": \"02-00039-101\", \"quantity\": 5, \"covered_until\": \"2027-06-30\" }\n"
  "  ]\n"
  "}\n";

static const char minimal_document[] =
  "{ \"format\": \"ssa-desk-installation/1\", \"deployment\": \"appliance\", \"licenses\": [] }";

static SsaInventory *
parse (const char  *data,
       GError     **error)
{
  return ssa_inventory_new_from_data (data, strlen (data), WHAT, error);
}

static SsaInventory *
parse_mutated (const char  *target,
               const char  *member,
               const char  *value,
               GError     **error)
{
  g_autofree char *data = test_json_mutate (valid_document, target, member, value);

  return parse (data, error);
}

static const SsaInventoryLine *
line_at (const SsaInventory *inventory,
         guint               index)
{
  g_assert_cmpuint (index, <, inventory->lines->len);
  return &g_array_index (inventory->lines, SsaInventoryLine, index);
}

static gboolean
dates_equal (const GDate *a,
             const GDate *b)
{
  if (ssa_date_is_set (a) != ssa_date_is_set (b))
    return FALSE;
  return !ssa_date_is_set (a) || ssa_date_compare (a, b) == 0;
}

static void
assert_inventories_equal (const SsaInventory *a,
                          const SsaInventory *b)
{
  g_assert_cmpstr (a->customer.name, ==, b->customer.name);
  g_assert_cmpstr (a->customer.org_no, ==, b->customer.org_no);
  g_assert_cmpstr (a->customer.address, ==, b->customer.address);
  g_assert_cmpstr (a->customer.contact, ==, b->customer.contact);
  g_assert_cmpstr (a->customer.email, ==, b->customer.email);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->serial, ==, b->serial);
  g_assert_cmpint (a->deployment, ==, b->deployment);
  g_assert_cmpstr (a->firmware, ==, b->firmware);
  g_assert_true (dates_equal (&a->ssa_expiry, &b->ssa_expiry));
  g_assert_cmpuint (a->lines->len, ==, b->lines->len);

  for (guint i = 0; i < a->lines->len; i++)
    {
      const SsaInventoryLine *x = line_at (a, i);
      const SsaInventoryLine *y = line_at (b, i);

      g_assert_cmpstr (x->code, ==, y->code);
      g_assert_cmpint (x->quantity, ==, y->quantity);
      g_assert_true (dates_equal (&x->added_on, &y->added_on));
      g_assert_true (dates_equal (&x->covered_until, &y->covered_until));
      g_assert_cmpint (x->has_kind, ==, y->has_kind);
      if (x->has_kind)
        g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpstr (x->name, ==, y->name);
    }
}

/* Valid documents */

static void
test_valid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = parse (valid_document, &error);
  const SsaInventoryLine *line;

  g_assert_no_error (error);
  g_assert_nonnull (inventory);

  g_assert_cmpstr (inventory->customer.name, ==, "Fjordkraft Eiendom AS");
  g_assert_cmpstr (inventory->customer.org_no, ==, "988077917");
  g_assert_cmpstr (inventory->customer.address, ==, "Strandkaien 2, 5013 Bergen");
  g_assert_cmpstr (inventory->customer.contact, ==, "Kari Nordmann");
  g_assert_cmpstr (inventory->customer.email, ==, "kari@example.no");
  g_assert_cmpstr (inventory->name, ==, "Hovedkontor Bergen");
  g_assert_cmpstr (inventory->serial, ==, "IP811-00-90-33-12-34-56");
  g_assert_cmpint (inventory->deployment, ==, SSA_DEPLOYMENT_APPLIANCE);
  g_assert_cmpstr (inventory->firmware, ==, "14r2 sr3");
  test_assert_date (&inventory->ssa_expiry, "2026-12-31");
  g_assert_cmpuint (inventory->lines->len, ==, 4);

  line = line_at (inventory, 0);
  g_assert_cmpstr (line->code, ==, "02-00039-002");
  g_assert_cmpint (line->quantity, ==, 20);
  test_assert_date (&line->added_on, NULL);
  test_assert_date (&line->covered_until, NULL);
  g_assert_false (line->has_kind);
  g_assert_null (line->name);

  line = line_at (inventory, 1);
  g_assert_cmpstr (line->code, ==, "02-00039-002");
  g_assert_cmpint (line->quantity, ==, 10);
  test_assert_date (&line->added_on, "2027-03-15");

  line = line_at (inventory, 2);
  g_assert_cmpstr (line->code, ==, "90-00000-001");
  g_assert_true (line->has_kind);
  g_assert_cmpint (line->kind, ==, SSA_KIND_THIRD_PARTY);
  g_assert_cmpstr (line->name, ==, "SamWin switchboard");

  line = line_at (inventory, 3);
  g_assert_cmpint (line->quantity, ==, 5);
  test_assert_date (&line->covered_until, "2027-06-30");
}

static void
test_minimal (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = parse (minimal_document, &error);

  g_assert_no_error (error);
  g_assert_null (inventory->customer.name);
  g_assert_null (inventory->customer.org_no);
  g_assert_null (inventory->name);
  g_assert_null (inventory->serial);
  g_assert_null (inventory->firmware);
  g_assert_cmpint (inventory->deployment, ==, SSA_DEPLOYMENT_APPLIANCE);
  test_assert_date (&inventory->ssa_expiry, NULL);
  g_assert_cmpuint (inventory->lines->len, ==, 0);
}

static void
test_lenient (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data2 = NULL;
  g_autofree char *data3 = NULL;
  g_autofree char *data4 = NULL;

  /* null means absent; "" org_no is absent; firmware is not checked here; unknown fields
   * are ignored. */
  data = test_json_mutate (valid_document, NULL, "ssa_expiry", "null");
  data2 = test_json_mutate (data, NULL, "firmware", "\"banana\"");
  data3 = test_json_mutate (data2, "customer", "org_no", "\"\"");
  data4 = test_json_mutate (data3, "licenses/0", "serials", "[\"A\", \"B\"]");
  inventory = parse (data4, &error);
  g_assert_no_error (error);
  test_assert_date (&inventory->ssa_expiry, NULL);
  g_assert_cmpstr (inventory->firmware, ==, "banana");
  g_assert_null (inventory->customer.org_no);
  g_assert_cmpstr (inventory->customer.name, ==, "Fjordkraft Eiendom AS");
  g_clear_pointer (&inventory, ssa_inventory_free);

  inventory = parse_mutated (NULL, "customer", "null", &error);
  g_assert_no_error (error);
  g_assert_null (inventory->customer.name);
}

static void
test_deployments (void)
{
  static const struct { const char *text; SsaDeployment deployment; } cases[] = {
    { "\"appliance\"", SSA_DEPLOYMENT_APPLIANCE },
    { "\"saas\"", SSA_DEPLOYMENT_SAAS },
    { "\"rental\"", SSA_DEPLOYMENT_RENTAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SsaInventory) inventory = parse_mutated (NULL, "deployment", cases[i].text,
                                                         &error);

      g_assert_no_error (error);
      g_assert_cmpint (inventory->deployment, ==, cases[i].deployment);
    }
}

static void
test_quantity_limits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autofree char *data = NULL;
  g_autofree char *data2 = NULL;

  data = test_json_mutate (valid_document, "licenses/0", "quantity", "1");
  data2 = test_json_mutate (data, "licenses/1", "quantity", "1000000");
  inventory = parse (data2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (line_at (inventory, 0)->quantity, ==, 1);
  g_assert_cmpint (line_at (inventory, 1)->quantity, ==, SSA_INVENTORY_MAX_QUANTITY);
}

static void
test_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = NULL;

  /* Non-ASCII text is fine; only control characters are refused. */
  inventory = parse_mutated (NULL, "name", "\"Sjøfartsdirektoratet – Haugesund «Nord»\"",
                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (inventory->name, ==, "Sjøfartsdirektoratet – Haugesund «Nord»");
}

/* Refusals: one test per rule */

static const TestRefusal refusals[] = {
  { "format/missing", NULL, "format", NULL, WHAT ": format: " },
  { "format/other", NULL, "format", "\"ssa-desk-installation/2\"", WHAT ": format: " },
  { "format/price-list", NULL, "format", "\"ssa-desk-pricelist/1\"", WHAT ": format: " },
  { "deployment/missing", NULL, "deployment", NULL, WHAT ": deployment: " },
  { "deployment/unknown", NULL, "deployment", "\"cloud\"", WHAT ": deployment: " },
  { "deployment/upper-case", NULL, "deployment", "\"Appliance\"", WHAT ": deployment: " },
  { "deployment/number", NULL, "deployment", "1", WHAT ": deployment: " },
  { "licenses/missing", NULL, "licenses", NULL, WHAT ": licenses: " },
  { "licenses/not-array", NULL, "licenses", "{}", WHAT ": licenses: " },
  { "licenses/null", NULL, "licenses", "null", WHAT ": licenses: " },
  { "customer/not-object", NULL, "customer", "\"Fjordkraft Eiendom AS\"", WHAT ": customer: " },
  { "customer/name-number", "customer", "name", "42", WHAT ": customer.name: " },
  { "customer/name-control", "customer", "name", "\"Fjordkraft\\rEiendom\"",
    WHAT ": customer.name: " },
  { "customer/org-no-check-digit", "customer", "org_no", "\"988077918\"",
    WHAT ": customer.org_no: " },
  { "customer/org-no-short", "customer", "org_no", "\"98807791\"", WHAT ": customer.org_no: " },
  { "customer/org-no-letters", "customer", "org_no", "\"NO988077917\"",
    WHAT ": customer.org_no: " },
  { "customer/org-no-number", "customer", "org_no", "988077917", WHAT ": customer.org_no: " },
  { "customer/address-control", "customer", "address", "\"Strandkaien 2\\n5013 Bergen\"",
    WHAT ": customer.address: " },
  { "customer/contact-array", "customer", "contact", "[\"Kari\"]", WHAT ": customer.contact: " },
  { "customer/email-control", "customer", "email", "\"kari@example.no\\u009b\"",
    WHAT ": customer.email: " },
  { "name/number", NULL, "name", "1", WHAT ": name: " },
  { "name/control", NULL, "name", "\"Hovedkontor\\tBergen\"", WHAT ": name: " },
  { "serial/number", NULL, "serial", "811", WHAT ": serial: " },
  { "serial/control", NULL, "serial", "\"IP811\\u001b[0m\"", WHAT ": serial: " },
  { "firmware/number", NULL, "firmware", "14", WHAT ": firmware: " },
  { "firmware/control", NULL, "firmware", "\"14r2\\u0001\"", WHAT ": firmware: " },
  { "ssa-expiry/invalid-day", NULL, "ssa_expiry", "\"2026-02-29\"", WHAT ": ssa_expiry: " },
  { "ssa-expiry/format", NULL, "ssa_expiry", "\"31.12.2026\"", WHAT ": ssa_expiry: " },
  { "ssa-expiry/number", NULL, "ssa_expiry", "20261231", WHAT ": ssa_expiry: " },
  { "line/not-object", NULL, "licenses", "[\"02-00039-002\"]", WHAT ": licenses[0]: " },
  { "line/code-missing", "licenses/1", "code", NULL, WHAT ": licenses[1]: code: " },
  { "line/code-empty", "licenses/1", "code", "\"\"", WHAT ": licenses[1]: code: " },
  { "line/code-number", "licenses/1", "code", "39002", WHAT ": licenses[1]: code: " },
  { "line/code-too-long", "licenses/1", "code",
    "\"BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\"",
    WHAT ": licenses[1]: code: " },
  { "line/code-control", "licenses/1", "code", "\"02-00039-002\\u0085\"",
    WHAT ": licenses[1]: code: " },
  { "line/quantity-missing", "licenses/1", "quantity", NULL,
    WHAT ": licenses[1] (02-00039-002): quantity: " },
  { "line/quantity-zero", "licenses/1", "quantity", "0",
    WHAT ": licenses[1] (02-00039-002): quantity: " },
  { "line/quantity-negative", "licenses/1", "quantity", "-10",
    WHAT ": licenses[1] (02-00039-002): quantity: " },
  { "line/quantity-too-large", "licenses/1", "quantity", "1000001",
    WHAT ": licenses[1] (02-00039-002): quantity: " },
  { "line/quantity-beyond-64-bits", "licenses/1", "quantity", "18446744073709551617",
    WHAT ": licenses[1] (02-00039-002): quantity: " },
  { "line/quantity-float", "licenses/1", "quantity", "20.0",
    WHAT ": licenses[1] (02-00039-002): quantity: " },
  { "line/quantity-fraction", "licenses/1", "quantity", "2.5",
    WHAT ": licenses[1] (02-00039-002): quantity: " },
  { "line/quantity-exponent", "licenses/1", "quantity", "2e1",
    WHAT ": licenses[1] (02-00039-002): quantity: " },
  { "line/quantity-string", "licenses/1", "quantity", "\"20\"",
    WHAT ": licenses[1] (02-00039-002): quantity: " },
  { "line/quantity-bool", "licenses/1", "quantity", "true",
    WHAT ": licenses[1] (02-00039-002): quantity: " },
  { "line/added-on-invalid", "licenses/1", "added_on", "\"2027-02-29\"",
    WHAT ": licenses[1] (02-00039-002): added_on: " },
  { "line/added-on-format", "licenses/1", "added_on", "\"2027-3-15\"",
    WHAT ": licenses[1] (02-00039-002): added_on: " },
  { "line/added-on-number", "licenses/1", "added_on", "20270315",
    WHAT ": licenses[1] (02-00039-002): added_on: " },
  { "line/covered-until-invalid", "licenses/3", "covered_until", "\"2027-06-31\"",
    WHAT ": licenses[3] (02-00039-101): covered_until: " },
  { "line/covered-until-object", "licenses/3", "covered_until", "{}",
    WHAT ": licenses[3] (02-00039-101): covered_until: " },
  { "line/kind-unknown", "licenses/2", "kind", "\"add-on\"",
    WHAT ": licenses[2] (90-00000-001): kind: " },
  { "line/kind-number", "licenses/2", "kind", "8", WHAT ": licenses[2] (90-00000-001): kind: " },
  { "line/name-number", "licenses/2", "name", "1", WHAT ": licenses[2] (90-00000-001): name: " },
  { "line/name-control", "licenses/2", "name", "\"SamWin\\u0007\"",
    WHAT ": licenses[2] (90-00000-001): name: " },
};

static void
test_refusal (gconstpointer data)
{
  const TestRefusal *refusal = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = NULL;

  inventory = parse_mutated (refusal->target, refusal->member, refusal->value, &error);
  g_assert_null (inventory);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  test_assert_one_problem (error, refusal->expected);
}

static void
test_many_problems (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_auto(GStrv) lines = NULL;

  inventory = parse ("{ \"format\": \"ssa-desk-installation/1\", \"deployment\": \"cloud\","
                     "  \"customer\": { \"org_no\": \"123456789\" },"
                     "  \"licenses\": [ { \"code\": \"A\", \"quantity\": 0 },"
                     "                  { \"code\": \"B\", \"quantity\": \"2\","
                     "                    \"added_on\": \"2027-13-01\" } ] }", &error);
  g_assert_null (inventory);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  lines = g_strsplit (error->message, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (lines[0], WHAT ": customer.org_no: "));
  g_assert_true (g_str_has_prefix (lines[1], WHAT ": deployment: "));
  g_assert_true (g_str_has_prefix (lines[2], WHAT ": licenses[0] (A): quantity: "));
  g_assert_true (g_str_has_prefix (lines[3], WHAT ": licenses[1] (B): quantity: "));
  g_assert_true (g_str_has_prefix (lines[4], WHAT ": licenses[1] (B): added_on: "));
}

static void
test_guard (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autofree char *deep = test_json_nested (100000, TRUE);
  gsize length = SSA_JSON_MAX_BYTES + 1;
  g_autofree char *large = g_malloc (length + 1);
  g_autofree char *latin1 = g_strdup (valid_document);
  char *p;

  inventory = parse (deep, &error);
  g_assert_null (inventory);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, WHAT ": "));
  g_clear_error (&error);

  memset (large, ' ', length);
  large[length] = '\0';
  inventory = ssa_inventory_new_from_data (large, length, WHAT, &error);
  g_assert_null (inventory);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);
  g_clear_error (&error);

  p = strstr (latin1, "Kari Nordmann");
  g_assert_nonnull (p);
  p[1] = (char) 0xe5;
  inventory = parse (latin1, &error);
  g_assert_null (inventory);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, WHAT ": "));
  g_clear_error (&error);

  inventory = parse ("[]", &error);
  g_assert_null (inventory);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  g_clear_error (&error);

  inventory = parse ("{ \"format\": ", &error);
  g_assert_null (inventory);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
}

/* Values and their JSON */

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = parse (valid_document, &error);
  g_autoptr(SsaInventory) again = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  static const char *order[] = {
    "\"format\"", "\"ssa-desk-installation/1\"", "\"customer\"", "\"Fjordkraft Eiendom AS\"",
    "\"org_no\"", "\"address\"", "\"contact\"", "\"email\"", "\"Hovedkontor Bergen\"",
    "\"serial\"", "\"deployment\"", "\"appliance\"", "\"firmware\"", "\"ssa_expiry\"",
    "\"2026-12-31\"", "\"licenses\"", "\"code\"", "\"02-00039-002\"", "\"quantity\"", "20",
    "\"added_on\"", "\"2027-03-15\"", "\"kind\"", "\"third_party\"", "\"SamWin switchboard\"",
    "\"covered_until\"", "\"2027-06-30\"",
  };
  const char *from;

  g_assert_no_error (error);
  json = ssa_inventory_to_json (inventory);
  g_assert_true (g_str_has_prefix (json, "{\n  \"format\""));
  g_assert_true (g_str_has_suffix (json, "}\n"));

  /* The fields come in the order of the format's example. */
  from = json;
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *at = strstr (from, order[i]);

      if (at == NULL)
        g_error ("‘%s’ missing or out of order in:\n%s", order[i], json);
      from = at;
    }

  again = ssa_inventory_new_from_data (json, strlen (json), "round-trip.json", &error);
  g_assert_no_error (error);
  assert_inventories_equal (inventory, again);

  json_again = ssa_inventory_to_json (again);
  g_assert_cmpstr (json, ==, json_again);
}

static void
test_round_trip_built (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = ssa_inventory_new ();
  g_autoptr(SsaInventory) again = NULL;
  g_autofree char *json = NULL;
  SsaInventoryLine line = { NULL, };

  inventory->deployment = SSA_DEPLOYMENT_RENTAL;
  inventory->name = g_strdup ("Lager «Øst»");

  line.code = (char *) "02-00039-101";
  line.quantity = 1000000;
  g_date_clear (&line.added_on, 1);
  g_date_set_dmy (&line.covered_until, 29, G_DATE_FEBRUARY, 2028);
  ssa_inventory_add_line (inventory, &line);

  json = ssa_inventory_to_json (inventory);

  /* Absent fields are left out, not written as null or "". */
  g_assert_null (strstr (json, "customer"));
  g_assert_null (strstr (json, "serial"));
  g_assert_null (strstr (json, "firmware"));
  g_assert_null (strstr (json, "ssa_expiry"));
  g_assert_null (strstr (json, "added_on"));
  g_assert_null (strstr (json, "kind"));
  g_assert_null (strstr (json, "null"));
  g_assert_nonnull (strstr (json, "\"2028-02-29\""));
  g_assert_nonnull (strstr (json, "\"rental\""));

  again = ssa_inventory_new_from_data (json, strlen (json), "built.json", &error);
  g_assert_no_error (error);
  assert_inventories_equal (inventory, again);
}

static void
test_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = parse (valid_document, &error);
  g_autoptr(SsaInventory) reference = parse (valid_document, &error);
  SsaInventory *copy;
  SsaInventory *boxed;

  g_assert_no_error (error);
  g_assert_true (G_TYPE_IS_BOXED (SSA_TYPE_INVENTORY));

  /* A deep copy outlives its original. */
  copy = ssa_inventory_copy (inventory);
  g_clear_pointer (&inventory, ssa_inventory_free);
  assert_inventories_equal (copy, reference);

  boxed = g_boxed_copy (SSA_TYPE_INVENTORY, copy);
  g_assert_true (boxed != copy);
  g_assert_true (boxed->lines != copy->lines);
  g_assert_true (line_at (boxed, 0)->code != line_at (copy, 0)->code);
  ssa_inventory_free (copy);
  assert_inventories_equal (boxed, reference);
  g_boxed_free (SSA_TYPE_INVENTORY, boxed);

  ssa_inventory_free (NULL);
}

static void
test_add_line (void)
{
  g_autoptr(SsaInventory) inventory = ssa_inventory_new ();
  g_autofree char *code = g_strdup ("02-00039-002");
  g_autofree char *name = g_strdup ("PBX-Port14");
  SsaInventoryLine line = { NULL, };

  g_assert_cmpint (inventory->deployment, ==, SSA_DEPLOYMENT_APPLIANCE);
  test_assert_date (&inventory->ssa_expiry, NULL);
  g_assert_cmpuint (inventory->lines->len, ==, 0);

  line.code = code;
  line.name = name;
  line.quantity = 3;
  line.has_kind = TRUE;
  line.kind = SSA_KIND_PORT;
  g_date_set_dmy (&line.added_on, 15, G_DATE_MARCH, 2027);
  g_date_clear (&line.covered_until, 1);
  ssa_inventory_add_line (inventory, &line);

  /* The inventory keeps its own copies. */
  code[0] = 'X';
  name[0] = 'X';
  g_assert_cmpstr (line_at (inventory, 0)->code, ==, "02-00039-002");
  g_assert_cmpstr (line_at (inventory, 0)->name, ==, "PBX-Port14");
  g_assert_cmpint (line_at (inventory, 0)->quantity, ==, 3);
  g_assert_cmpint (line_at (inventory, 0)->kind, ==, SSA_KIND_PORT);
  test_assert_date (&line_at (inventory, 0)->added_on, "2027-03-15");
  test_assert_date (&line_at (inventory, 0)->covered_until, NULL);
}

static void
test_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autofree char *path = NULL;
  g_autofree char *bad = test_json_mutate (valid_document, "licenses/0", "quantity", "20.0");
  g_autofree char *bad_path = NULL;
  g_autofree char *expected = NULL;
  int fd;

  fd = g_file_open_tmp ("test-inventory-XXXXXX.json", &path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);
  fd = g_file_open_tmp ("test-inventory-XXXXXX.json", &bad_path, &error);
  g_assert_no_error (error);
  g_close (fd, NULL);

  g_file_set_contents (path, valid_document, -1, &error);
  g_assert_no_error (error);
  inventory = ssa_inventory_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inventory->lines->len, ==, 4);

  g_file_set_contents (bad_path, bad, -1, &error);
  g_assert_no_error (error);
  expected = g_strdup_printf ("%s: licenses[0] (02-00039-002): quantity: ", bad_path);
  g_assert_null (ssa_inventory_new_from_file (bad_path, &error));
  test_assert_one_problem (error, expected);
  g_clear_error (&error);

  /* Too large: refused from its size. */
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (ftruncate (fd, SSA_JSON_MAX_BYTES + 1), ==, 0);
  g_close (fd, NULL);
  g_assert_null (ssa_inventory_new_from_file (path, &error));
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_clear_error (&error);

  g_assert_null (ssa_inventory_new_from_file ("/nonexistent/inst.json", &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);

  g_unlink (path);
  g_unlink (bad_path);
}

static void
test_samples (void)
{
  const char *root = g_getenv ("SSA_DESK_SOURCE_ROOT");
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) dir_error = NULL;
  const char *name;
  guint n_files = 0;

  dir_path = g_build_filename (root != NULL ? root : SRCDIR "/..", "data",
                               "sample-installations", NULL);
  dir = g_dir_open (dir_path, 0, &dir_error);
  g_assert_no_error (dir_error);
  g_assert_nonnull (dir);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SsaInventory) inventory = NULL;
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      path = g_build_filename (dir_path, name, NULL);
      inventory = ssa_inventory_new_from_file (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (inventory);
      n_files++;
    }

  g_assert_cmpuint (n_files, >, 0);
}

/* A key given twice is refused, naming its path, also when one is written with escapes. */
static void
test_duplicate_key (void)
{
  static const struct
  {
    const char *old;
    const char *replacement;
    const char *expected;
  } cases[] = {
    { "\"deployment\": \"appliance\",", "\"deployment\": \"appliance\", \"deployment\": \"saas\",",
      WHAT ": deployment: the key is given twice in the same object (again on line 8)" },
    { "\"org_no\": \"988077917\",", "\"org_no\": \"988077917\", \"org_\\u006eo\": \"1\",",
      WHAT ": customer.org_no: the key is given twice" },
    { "\"quantity\": 10,", "\"quantity\": 10, \"quantity\": 1000,",
      WHAT ": licenses[1].quantity: the key is given twice" },
    { "\"licenses\": [", "\"licenses\": [], \"licenses\": [",
      WHAT ": licenses: the key is given twice" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *data = test_replace_once (valid_document, cases[i].old,
                                                 cases[i].replacement);
      g_autoptr(SsaInventory) inventory = parse (data, &error);

      g_assert_null (inventory);
      g_assert_error (error, SSA_ERROR, SSA_ERROR_DUPLICATE_KEY);
      if (!g_str_has_prefix (error->message, cases[i].expected))
        g_error ("“%s” does not start with “%s”", error->message, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/inventory/valid", test_valid);
  g_test_add_func ("/inventory/minimal", test_minimal);
  g_test_add_func ("/inventory/lenient", test_lenient);
  g_test_add_func ("/inventory/deployments", test_deployments);
  g_test_add_func ("/inventory/quantity-limits", test_quantity_limits);
  g_test_add_func ("/inventory/text", test_text);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/inventory/refuse/%s", refusals[i].path);

      g_test_add_data_func (path, &refusals[i], test_refusal);
    }

  g_test_add_func ("/inventory/many-problems", test_many_problems);
  g_test_add_func ("/inventory/guard", test_guard);
  g_test_add_func ("/inventory/round-trip", test_round_trip);
  g_test_add_func ("/inventory/round-trip-built", test_round_trip_built);
  g_test_add_func ("/inventory/copy", test_copy);
  g_test_add_func ("/inventory/add-line", test_add_line);
  g_test_add_func ("/inventory/file", test_file);
  g_test_add_func ("/inventory/duplicate-key", test_duplicate_key);
  g_test_add_func ("/inventory/samples", test_samples);

  return g_test_run ();
}
