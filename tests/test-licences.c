/* test-licences.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "ssa-date.h"
#include "ssa-db-inventory.h"
#include "ssa-db-licences.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-error.h"
#include "ssa-licence-import.h"
#include "ssa-samples.h"

#include "test-cli-util.h"
#include "test-util.h"

/* Licences from where they live (docs/importing.md): licence types in the price list, the
 * user's table of types, and licence files imported into a real database file, every
 * import read back from the database. */

/* Port 02-00039-002: 20 from 2025 and 5 more; voicemail 3; a third-party line the device
 * does not know. */
static const char installation_json[] =
  "{\"format\":\"ssa-desk-installation/1\",\"deployment\":\"appliance\",\"name\":\"Bergen\","
  "%s"
  "\"ssa_expiry\":\"2027-01-31\",\"licenses\":["
  "{\"code\":\"02-00039-002\",\"quantity\":20,\"added_on\":\"2025-01-01\"},"
  "{\"code\":\"02-00039-002\",\"quantity\":5,\"added_on\":\"2026-02-01\"},"
  "{\"code\":\"02-00039-101\",\"quantity\":3},"
  "{\"code\":\"90-00000-001\",\"quantity\":1,\"kind\":\"third_party\",\"name\":\"SamWin\"}]}";

typedef struct
{
  char *dir;
  char *db_path;
  SsaDb *db;
  SsaPriceList *price_list;
  gint64 id;
} Fixture;

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "licences", name, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const char *serial = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autofree char *serial_member = NULL;
  g_autofree char *json = NULL;

  f->dir = g_dir_make_tmp ("test-licences-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "ssa-desk.db", NULL);
  f->db = ssa_db_open (f->db_path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->price_list = ssa_db_load_current_price_list (f->db, NULL, &error);
  g_assert_no_error (error);

  serial_member = serial != NULL ? g_strdup_printf ("\"serial\":\"%s\",", serial) : g_strdup ("");
  json = g_strdup_printf (installation_json, serial_member);
  inventory = ssa_inventory_new_from_data (json, strlen (json), "test", &error);
  g_assert_no_error (error);
  ssa_db_import_inventories (f->db, &inventory, NULL, 1, &f->id, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->price_list, ssa_price_list_unref);
  g_clear_pointer (&f->db, ssa_db_close);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

/* The installation's quantity of @code, read back from the database. */
static gint64
stored_quantity (Fixture    *f,
                 const char *code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = ssa_db_load_inventory (f->db, f->id, NULL, &error);
  gint64 sum = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < inventory->lines->len; i++)
    {
      const SsaInventoryLine *line = &g_array_index (inventory->lines, SsaInventoryLine, i);

      if (g_str_equal (line->code, code))
        sum += line->quantity;
    }
  return sum;
}

static char *
stored_json (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = ssa_db_load_inventory (f->db, f->id, NULL, &error);

  g_assert_no_error (error);
  return ssa_inventory_to_json (inventory);
}

/* Plans and stores an import of @name as the window and the command line do. */
static gboolean
import_file (Fixture     *f,
             const char  *name,
             GError     **error)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(SsaLicenceFile) file = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(GHashTable) user_map = NULL;
  g_autoptr(SsaLicenceImport) plan = NULL;
  GDate today;

  file = ssa_licence_file_new_from_file (path, error);
  if (file == NULL)
    return FALSE;
  inventory = ssa_db_load_inventory (f->db, f->id, NULL, error);
  g_assert_nonnull (inventory);
  user_map = ssa_db_load_licence_type_map (f->db, error);
  g_assert_nonnull (user_map);
  ssa_date_today (&today);
  plan = ssa_licence_import_plan (inventory, file, f->price_list, user_map, &today, name,
                                  error);
  if (plan == NULL)
    return FALSE;
  return ssa_db_store_licence_import (f->db, f->id, inventory->serial, plan->set_serial,
                                      plan->lines, error);
}

/* The price list's licence types. */

static void
test_price_list_types (void)
{
  g_autoptr(GBytes) bytes = ssa_samples_get_price_list_bytes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  const SsaPriceListProduct *product;

  list = ssa_price_list_new_from_data (data, length, "sample", &error);
  g_assert_no_error (error);

  product = ssa_price_list_lookup_licence_type (list, "Port14");
  g_assert_nonnull (product);
  g_assert_cmpstr (product->code, ==, "02-00039-002");
  g_assert_true (product->ssa_covered);
  product = ssa_price_list_lookup_licence_type (list, "PBX-Port14%1000");
  g_assert_nonnull (product);
  g_assert_cmpstr (product->code, ==, "02-00039-004");
  g_assert_null (ssa_price_list_lookup_licence_type (list, "PBX-Port13"));
  /* A product without licence types has an empty list. */
  product = ssa_price_list_lookup (list, "90-00000-001");
  g_assert_nonnull (product);
  g_assert_null (product->licence_types[0]);
}

static void
check_refused (const char *products,
               const char *expected)
{
  g_autofree char *document = g_strdup_printf (
    "{\"format\":\"ssa-desk-pricelist/1\",\"id\":\"t\",\"currency\":\"NOK\","
    "\"ssc_price\":\"10\",\"products\":[%s]}", products);
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = ssa_price_list_new_from_data (document, strlen (document),
                                                               "t.json", &error);

  g_assert_null (list);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
}

static void
test_price_list_types_refused (void)
{
  const char *old = "{\"format\":\"ssa-desk-pricelist/1\",\"id\":\"t\",\"currency\":\"NOK\","
                    "\"ssc_price\":\"10\",\"products\":[{\"code\":\"A\",\"name\":\"A\","
                    "\"kind\":\"hardware\",\"list_price\":\"1\"}]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = NULL;

  /* An old list, without the new members, stays valid; covered follows the kind. */
  list = ssa_price_list_new_from_data (old, strlen (old), "old.json", &error);
  g_assert_no_error (error);
  g_assert_false (((SsaPriceListProduct *) g_ptr_array_index (list->products, 0))->ssa_covered);

  check_refused ("{\"code\":\"A\",\"name\":\"A\",\"kind\":\"port\",\"list_price\":\"1\","
                 "\"licence_types\":[\"Port14\"]},"
                 "{\"code\":\"B\",\"name\":\"B\",\"kind\":\"port\",\"list_price\":\"1\","
                 "\"licence_types\":[\"Port14\"]}",
                 "products[1] (B): licence_types[0]");
  check_refused ("{\"code\":\"A\",\"name\":\"A\",\"kind\":\"port\",\"list_price\":\"1\","
                 "\"licence_types\":\"Port14\"}", "must be an array");
  check_refused ("{\"code\":\"A\",\"name\":\"A\",\"kind\":\"port\",\"list_price\":\"1\","
                 "\"licence_types\":[\"\"]}", "licence_types[0]");
  check_refused ("{\"code\":\"A\",\"name\":\"A\",\"kind\":\"port\",\"list_price\":\"1\","
                 "\"licence_types\":[14]}", "must be a string");
  check_refused ("{\"code\":\"A\",\"name\":\"A\",\"kind\":\"port\",\"list_price\":\"1\","
                 "\"ssa_covered\":\"yes\"}", "must be true or false");
}

/* innovaphone's support rule, from current_releases: in March 2025 the list 15r1, 14r2,
 * 14r1, 13r3, 12r3 meant 15r1, 14r2 and 13r3. */
static void
test_support_rule (void)
{
  static const char document[] =
    "{\"format\":\"ssa-desk-pricelist/1\",\"id\":\"t\",\"currency\":\"NOK\","
    "\"ssc_price\":\"10\",\"current_releases\":[\"14r1\",\"15r1\",\"13r3\",\"12r3\","
    "\"14r2\"],\"products\":[]}";
  static const char two_of_latest[] =
    "{\"format\":\"ssa-desk-pricelist/1\",\"id\":\"t\",\"currency\":\"NOK\","
    "\"ssc_price\":\"10\",\"current_releases\":[\"16r2\",\"16r1\",\"15r1\",\"14r2\","
    "\"13r3\"],\"products\":[]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) list = ssa_price_list_new_from_data (document, strlen (document),
                                                               "t.json", &error);
  g_autoptr(SsaPriceList) later = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_true (ssa_price_list_has_support_rule (list));
  g_assert_true (ssa_price_list_version_is_supported (list, 15, 1));
  g_assert_true (ssa_price_list_version_is_supported (list, 14, 2));
  g_assert_true (ssa_price_list_version_is_supported (list, 13, 3));
  g_assert_false (ssa_price_list_version_is_supported (list, 14, 1));
  g_assert_false (ssa_price_list_version_is_supported (list, 13, 2));
  g_assert_false (ssa_price_list_version_is_supported (list, 12, 3));
  /* Newer than every current release: came out after the list. */
  g_assert_true (ssa_price_list_version_is_supported (list, 15, 2));
  text = ssa_price_list_dup_supported_text (list);
  g_assert_cmpstr (text, ==, "15r1, 14r2, 13r3");

  later = ssa_price_list_new_from_data (two_of_latest, strlen (two_of_latest), "t.json", &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = ssa_price_list_dup_supported_text (later);
  g_assert_cmpstr (text, ==, "16r2, 16r1, 15r1, 14r2");
  g_assert_false (ssa_price_list_version_is_supported (later, 13, 3));

  check_refused ("], \"current_releases\": [\"fourteen\"], \"x\": [", "current_releases[0]");
  check_refused ("], \"current_releases\": [\"14r2\", \"14r2\"], \"x\": [", "twice");
}

/* The licence file reader. */

static void
test_file_sums (void)
{
  g_autofree char *path = fixture_path ("same-type.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaLicenceFile) file = ssa_licence_file_new_from_file (path, &error);
  const SsaLicenceAmount *amount;

  g_assert_no_error (error);
  g_assert_cmpstr (file->hardware_id, ==, "00-90-33-01-02-ab");
  g_assert_cmpuint (file->n_elements, ==, 4);
  g_assert_cmpuint (file->amounts->len, ==, 3);
  amount = &g_array_index (file->amounts, SsaLicenceAmount, 0);
  g_assert_cmpstr (amount->type, ==, "PBX-Port14");
  g_assert_cmpint (amount->amount, ==, 22);
  amount = &g_array_index (file->amounts, SsaLicenceAmount, 1);
  g_assert_cmpstr (amount->type, ==, "PBX-Mobility14");
  g_assert_cmpint (amount->amount, ==, 4);
}

static void
check_file_refused (const char *name,
                    const char *expected)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaLicenceFile) file = ssa_licence_file_new_from_file (path, &error);

  g_assert_null (file);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "Nothing was stored"));
}

static void
test_file_refused (void)
{
  check_file_refused ("malformed.xml", "not well-formed XML");
  check_file_refused ("non-integer.xml", "“2.5”");
  check_file_refused ("non-integer.xml", "line 4");
  check_file_refused ("two-devices.xml", "more than one device");
  check_file_refused ("doctype.xml", "DOCTYPE");
}

static void
test_file_too_large (void)
{
  g_autoptr(GString) big = g_string_new ("<licenses>");
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaLicenceFile) file = NULL;

  while (big->len <= SSA_LIMIT_LICENCE_FILE_MAX_BYTES)
    g_string_append (big, "<license amount='1' type='PBX-Port14'>x</license>\n");
  g_string_append (big, "</licenses>");
  file = ssa_licence_file_new_from_data (big->str, big->len, "big.xml", &error);
  g_assert_null (file);
  g_assert_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE);
}

/* Imports into a real database. */

static void
test_import_sets_quantities (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaInstallation) installation = NULL;
  g_autofree char *db_bytes = NULL;
  gsize db_length;
  GDate today;
  gboolean saw_new_port = FALSE;

  g_assert_true (import_file (f, "same-type.xml", &error));
  g_assert_no_error (error);

  /* Read back: the file's sums; the third-party line kept; voicemail, not in the file,
   * removed. */
  g_assert_cmpint (stored_quantity (f, "02-00039-002"), ==, 22);
  g_assert_cmpint (stored_quantity (f, "02-00039-301"), ==, 4);
  g_assert_cmpint (stored_quantity (f, "02-00040-001"), ==, 2);
  g_assert_cmpint (stored_quantity (f, "02-00039-101"), ==, 0);
  g_assert_cmpint (stored_quantity (f, "90-00000-001"), ==, 1);

  ssa_date_today (&today);
  inventory = ssa_db_load_inventory (f->db, f->id, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < inventory->lines->len; i++)
    {
      const SsaInventoryLine *line = &g_array_index (inventory->lines, SsaInventoryLine, i);

      if (g_str_equal (line->code, "02-00039-002"))
        {
          /* 20 from 2025 and 2 of the 5 from 2026: the last line gave way. */
          g_assert_true (g_date_valid (&line->added_on));
          g_assert_cmpint (g_date_get_year (&line->added_on), <, 2027);
          saw_new_port = saw_new_port || g_date_compare (&line->added_on, &today) == 0;
        }
      if (g_str_equal (line->code, "02-00039-301"))
        g_assert_cmpint (g_date_compare (&line->added_on, &today), ==, 0);
    }
  g_assert_false (saw_new_port);

  /* The serial was empty: it is the file's hardware id now. */
  installation = ssa_db_load_installation (f->db, f->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ssa_installation_get_serial (installation), ==, "00-90-33-01-02-ab");

  /* The signatures are nowhere in the database file. */
  g_clear_pointer (&f->db, ssa_db_close);
  g_file_get_contents (f->db_path, &db_bytes, &db_length, &error);
  g_assert_no_error (error);
  g_assert_null (memmem (db_bytes, db_length, "SIGNATURE", strlen ("SIGNATURE")));
  {
    g_autofree char *wal_path = g_strconcat (f->db_path, "-wal", NULL);
    g_autofree char *wal = NULL;
    gsize wal_length = 0;

    if (g_file_get_contents (wal_path, &wal, &wal_length, NULL))
      g_assert_null (memmem (wal, wal_length, "SIGNATURE", strlen ("SIGNATURE")));
  }
}

static void
test_import_more (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autofree char *path = fixture_path ("same-type.xml");
  g_autoptr(SsaLicenceFile) file = ssa_licence_file_new_from_file (path, &error);
  g_autoptr(SsaLicenceImport) plan = NULL;
  GDate today;

  g_assert_no_error (error);
  /* 30 ports on the device, 25 stored: 5 new ones dated today. */
  g_array_index (file->amounts, SsaLicenceAmount, 0).amount = 30;
  inventory = ssa_db_load_inventory (f->db, f->id, NULL, &error);
  g_assert_no_error (error);
  ssa_date_today (&today);
  plan = ssa_licence_import_plan (inventory, file, f->price_list, NULL, &today, "t", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->n_changed, ==, 1);
  g_assert_cmpuint (plan->n_added, ==, 2);
  g_assert_cmpuint (plan->n_removed, ==, 1);
  g_assert_true (ssa_db_store_licence_import (f->db, f->id, inventory->serial,
                                              plan->set_serial, plan->lines, &error));
  g_assert_no_error (error);
  g_clear_pointer (&inventory, ssa_inventory_free);

  inventory = ssa_db_load_inventory (f->db, f->id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored_quantity (f, "02-00039-002"), ==, 30);
  for (guint i = 0; i < inventory->lines->len; i++)
    {
      const SsaInventoryLine *line = &g_array_index (inventory->lines, SsaInventoryLine, i);

      if (g_str_equal (line->code, "02-00039-002") && line->quantity == 5 &&
          g_date_valid (&line->added_on) && g_date_compare (&line->added_on, &today) == 0)
        return;
    }
  g_assert_not_reached ();
}

static void
test_import_matching_serial (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInstallation) installation = NULL;

  g_assert_true (import_file (f, "same-type.xml", &error));
  g_assert_no_error (error);
  installation = ssa_db_load_installation (f->db, f->id, &error);
  g_assert_cmpstr (ssa_installation_get_serial (installation), ==, "IP811-00-90-33-01-02-AB");
  g_assert_cmpint (stored_quantity (f, "02-00039-002"), ==, 22);
}

static void
test_import_foreign_device (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = stored_json (f);
  g_autofree char *after = NULL;

  g_assert_false (import_file (f, "foreign-device.xml", &error));
  g_assert_error (error, SSA_ERROR, SSA_ERROR_REFUSED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "00-90-33-99-88-77"));
  g_assert_nonnull (strstr (error->message, "IP811-00-90-33-01-02-AB"));
  after = stored_json (f);
  g_assert_cmpstr (after, ==, before);
}

static void
test_import_bad_files_store_nothing (Fixture       *f,
                                     gconstpointer  data)
{
  const char *names[] = { "malformed.xml", "non-integer.xml", "two-devices.xml",
                          "doctype.xml", "unmapped.xml" };
  g_autofree char *before = stored_json (f);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_false (import_file (f, names[i], &error));
      g_assert_nonnull (error);
      after = stored_json (f);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_unmapped_then_mapped (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;

  g_assert_false (import_file (f, "unmapped.xml", &error));
  g_assert_error (error, SSA_ERROR, SSA_ERROR_REFUSED);
  g_test_message ("%s", error->message);
  /* Both unknown types are listed, none is dropped. */
  g_assert_nonnull (strstr (error->message, "Service(example-recorder)"));
  g_assert_nonnull (strstr (error->message, "PBX-Reporting13"));
  g_assert_nonnull (strstr (error->message, "map-licence-type"));
  g_clear_error (&error);

  /* A type the price list knows, and an article it does not have, are refused. */
  g_assert_false (ssa_db_map_licence_type (f->db, "PBX-Port14", "02-00040-002", f->price_list,
                                           &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_clear_error (&error);
  g_assert_false (ssa_db_map_licence_type (f->db, "PBX-Reporting13", "99-99999-999",
                                           f->price_list, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED);
  g_clear_error (&error);

  g_assert_true (ssa_db_map_licence_type (f->db, "PBX-Reporting13", "02-00040-002",
                                          f->price_list, &error));
  g_assert_true (ssa_db_map_licence_type (f->db, "Service(example-recorder)", "02-00040-005",
                                          f->price_list, &error));
  g_assert_no_error (error);
  rows = ssa_db_list_licence_type_map (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (g_array_index (rows, SsaDbLicenceTypeMapping, 0).type, ==, "PBX-Reporting13");

  g_assert_true (import_file (f, "unmapped.xml", &error));
  g_assert_no_error (error);
  g_assert_cmpint (stored_quantity (f, "02-00039-002"), ==, 8);
  g_assert_cmpint (stored_quantity (f, "02-00040-002"), ==, 3);
  g_assert_cmpint (stored_quantity (f, "02-00040-005"), ==, 1);

  g_assert_true (ssa_db_unmap_licence_type (f->db, "PBX-Reporting13", &error));
  g_assert_false (ssa_db_unmap_licence_type (f->db, "PBX-Reporting13", &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND);
}

/* The command line, against the same database file. */

static void
run_cli (Fixture     *f,
         TestCliRun  *run,
         const char  *first,
         ...)
{
  g_autofree char *cli = test_cli_path ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  va_list args;

  g_ptr_array_add (argv, g_strdup (cli));
  g_ptr_array_add (argv, g_strdup ("--db"));
  g_ptr_array_add (argv, g_strdup (f->db_path));
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, g_str_has_prefix (arg, "@") ? fixture_path (arg + 1) : g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (test_cli_spawn (f->dir, argv, NULL, NULL, NULL, 40, run, &error));
  g_assert_no_error (error);
}

static void
test_cli_import (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->id);
  g_autofree char *before = stored_json (f);
  g_autofree char *after = NULL;

  /* --dry-run prints the change and stores nothing. */
  run_cli (f, &run, "import-licences", "--installation", id, "--dry-run", "@same-type.xml",
           NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "25 → 22"));
  g_assert_nonnull (strstr (run.out, "removed  02-00039-101"));
  g_assert_nonnull (strstr (run.out, "added    02-00039-301"));
  g_assert_null (strstr (run.out, "SIGNATURE"));
  after = stored_json (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  /* Refusals: exit 1, a message naming the file, nothing stored. */
  run_cli (f, &run, "import-licences", "--installation", id, "@non-integer.xml", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "non-integer.xml"));
  run_cli (f, &run, "import-licences", "--installation", id, "@unmapped.xml", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "PBX-Reporting13"));
  after = stored_json (f);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  run_cli (f, &run, "import-licences", "--installation", id, "@same-type.xml", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Stored"));
  g_assert_cmpint (stored_quantity (f, "02-00039-002"), ==, 22);
  g_assert_cmpint (stored_quantity (f, "02-00039-301"), ==, 4);

  /* The table of licence types. */
  run_cli (f, &run, "map-licence-type", "PBX-Reporting13", "02-00040-002", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (f, &run, "map-licence-type", "PBX-Port14", "02-00040-002", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "02-00039-002"));
  run_cli (f, &run, "licence-types", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"type\" : \"PBX-Reporting13\""));
  g_assert_nonnull (strstr (run.out, "\"source\" : \"user\""));
  g_assert_nonnull (strstr (run.out, "\"type\" : \"PBX-Port14%500\""));
  run_cli (f, &run, "unmap-licence-type", "PBX-Reporting13", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_cli (f, &run, "unmap-licence-type", "PBX-Reporting13", NULL);
  g_assert_cmpint (run.status, ==, 1);
}

/* Without libxml2 (SSA_DESK_LIBXML2 naming one that is not there) a licence file is refused
 * in words that say what to install, and nothing is stored: libxml2 is opened on first use,
 * not linked. */
static void
test_cli_without_libxml2 (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->id);
  g_autofree char *missing = g_build_filename (f->dir, "libxml2.so.2", NULL);
  g_autofree char *before = stored_json (f);
  g_autofree char *after = NULL;

  g_setenv ("SSA_DESK_LIBXML2", missing, TRUE);
  run_cli (f, &run, "import-licences", "--installation", id, "@same-type.xml", NULL);
  g_unsetenv ("SSA_DESK_LIBXML2");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "same-type.xml"));
  g_assert_nonnull (strstr (run.err, "libxml2"));
  g_assert_nonnull (strstr (run.err, missing));
  g_assert_nonnull (strstr (run.err, "package libxml2"));
  after = stored_json (f);
  g_assert_cmpstr (after, ==, before);

  /* With it, the same file is stored. */
  run_cli (f, &run, "import-licences", "--installation", id, "@same-type.xml", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpint (stored_quantity (f, "02-00039-301"), ==, 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/licences/price-list/types", test_price_list_types);
  g_test_add_func ("/licences/price-list/types-refused", test_price_list_types_refused);
  g_test_add_func ("/licences/price-list/support-rule", test_support_rule);
  g_test_add_func ("/licences/file/sums", test_file_sums);
  g_test_add_func ("/licences/file/refused", test_file_refused);
  g_test_add_func ("/licences/file/too-large", test_file_too_large);
  g_test_add ("/licences/import/sets-quantities", Fixture, NULL, fixture_set_up,
              test_import_sets_quantities, fixture_tear_down);
  g_test_add ("/licences/import/more", Fixture, NULL, fixture_set_up,
              test_import_more, fixture_tear_down);
  g_test_add ("/licences/import/matching-serial", Fixture, "IP811-00-90-33-01-02-AB",
              fixture_set_up, test_import_matching_serial, fixture_tear_down);
  g_test_add ("/licences/import/foreign-device", Fixture, "IP811-00-90-33-01-02-AB",
              fixture_set_up, test_import_foreign_device, fixture_tear_down);
  g_test_add ("/licences/import/bad-files-store-nothing", Fixture, NULL, fixture_set_up,
              test_import_bad_files_store_nothing, fixture_tear_down);
  g_test_add ("/licences/import/unmapped-then-mapped", Fixture, NULL, fixture_set_up,
              test_unmapped_then_mapped, fixture_tear_down);
  g_test_add ("/licences/cli-without-libxml2", Fixture, NULL, fixture_set_up,
              test_cli_without_libxml2, fixture_tear_down);
  g_test_add ("/licences/cli", Fixture, NULL, fixture_set_up, test_cli_import,
              fixture_tear_down);

  return g_test_run ();
}
