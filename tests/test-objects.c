/* test-objects.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "ssa-customer.h"
#include "ssa-enums.h"
#include "ssa-error.h"
#include "ssa-installation.h"
#include "ssa-licence.h"
#include "ssa-product.h"

/* Every notify an object emits, by property name. */
typedef struct
{
  GObject    *object;
  gulong      handler;
  GHashTable *counts;
  guint       total;
} NotifyLog;

static void
notify_log_cb (GObject    *object,
               GParamSpec *pspec,
               NotifyLog  *log)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, pspec->name));

  g_hash_table_insert (log->counts, (gpointer)pspec->name, GUINT_TO_POINTER (n + 1));
  log->total++;
}

static void
notify_log_start (NotifyLog *log,
                  gpointer   object)
{
  log->object = object;
  log->counts = g_hash_table_new (g_str_hash, g_str_equal);
  log->total = 0;
  log->handler = g_signal_connect (object, "notify", G_CALLBACK (notify_log_cb), log);
}

static guint
notify_log_get (NotifyLog  *log,
                const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, name));
}

static void
notify_log_stop (NotifyLog *log)
{
  g_clear_signal_handler (&log->handler, log->object);
  g_clear_pointer (&log->counts, g_hash_table_unref);
}

/* Asserts that exactly one notify was emitted since the last call, for @name. */
static void
assert_notified_once (NotifyLog  *log,
                      const char *name,
                      guint      *seen)
{
  g_assert_cmpuint (notify_log_get (log, name), ==, *seen + 1);
  g_assert_cmpuint (log->total, ==, *seen + 1);
  *seen += 1;
}

static void
assert_not_notified (NotifyLog *log,
                     guint      seen)
{
  g_assert_cmpuint (log->total, ==, seen);
}

/* Sets @name to @value through the property system (g_object_set_property, the GValue form
 * of g_object_set), reads it back, and checks that the change notified @name once and
 * nothing else, and that setting the same value again notifies nothing. */
static void
check_property (gpointer      object,
                const char   *name,
                const GValue *value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
  g_auto(GValue) read = G_VALUE_INIT;
  NotifyLog log;
  guint seen = 0;

  g_assert_nonnull (pspec);
  g_assert_true (G_VALUE_TYPE (value) == G_PARAM_SPEC_VALUE_TYPE (pspec));

  notify_log_start (&log, object);
  g_object_set_property (object, name, value);
  assert_notified_once (&log, name, &seen);
  g_value_init (&read, G_VALUE_TYPE (value));
  g_object_get_property (object, name, &read);
  g_assert_cmpint (g_param_values_cmp (pspec, value, &read), ==, 0);

  g_object_set_property (object, name, value);
  assert_not_notified (&log, seen);
  notify_log_stop (&log);
}

/* A text property goes to @value, then to "" and to NULL: three changes. */
static void
check_string_property (gpointer    object,
                       const char *name,
                       const char *value)
{
  const char *values[] = { value, "", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_auto(GValue) gvalue = G_VALUE_INIT;

      g_value_set_string (g_value_init (&gvalue, G_TYPE_STRING), values[i]);
      check_property (object, name, &gvalue);
    }
}

static void
check_int64_property (gpointer    object,
                      const char *name,
                      gint64      value)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_set_int64 (g_value_init (&gvalue, G_TYPE_INT64), value);
  check_property (object, name, &gvalue);
}

static void
check_boolean_property (gpointer    object,
                        const char *name,
                        gboolean    value)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_set_boolean (g_value_init (&gvalue, G_TYPE_BOOLEAN), value);
  check_property (object, name, &gvalue);
}

static void
check_enum_property (gpointer    object,
                     const char *name,
                     GType       type,
                     int         value)
{
  g_auto(GValue) gvalue = G_VALUE_INIT;

  g_value_set_enum (g_value_init (&gvalue, type), value);
  check_property (object, name, &gvalue);
}

static GDate
make_date (GDateYear  year,
           GDateMonth month,
           GDateDay   day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return date;
}

static GDate
no_date (void)
{
  GDate date;

  g_date_clear (&date, 1);
  return date;
}

static void
assert_dates_equal (const GDate *a,
                    const GDate *b)
{
  g_assert_cmpint (g_date_valid (a), ==, g_date_valid (b));
  if (g_date_valid (a))
    g_assert_cmpint (g_date_compare (a, b), ==, 0);
}

/* Dates are G_TYPE_DATE boxes: a copy is read back, NULL when absent; NULL and a cleared
 * GDate both clear the property. */
static void
check_date_property (gpointer    object,
                     const char *name,
                     GDate       value)
{
  GDate same = value;
  GDate cleared = no_date ();
  g_autoptr(GDate) read = NULL;
  NotifyLog log;
  guint seen = 0;

  g_assert_true (g_date_valid (&value));

  notify_log_start (&log, object);
  g_object_get (object, name, &read, NULL);
  g_assert_null (read);

  g_object_set (object, name, &value, NULL);
  assert_notified_once (&log, name, &seen);
  g_object_get (object, name, &read, NULL);
  g_assert_nonnull (read);
  assert_dates_equal (read, &value);
  g_clear_pointer (&read, g_date_free);

  g_object_set (object, name, &same, NULL);
  assert_not_notified (&log, seen);

  g_object_set (object, name, NULL, NULL);
  assert_notified_once (&log, name, &seen);
  g_object_get (object, name, &read, NULL);
  g_assert_null (read);

  g_object_set (object, name, &cleared, NULL);
  assert_not_notified (&log, seen);

  g_object_set (object, name, &value, NULL);
  assert_notified_once (&log, name, &seen);
  g_object_set (object, name, &cleared, NULL);
  assert_notified_once (&log, name, &seen);
  g_object_get (object, name, &read, NULL);
  g_assert_null (read);
  notify_log_stop (&log);
}

/* Enumerations */

static void
check_enum_nicks (GType              type,
                  const char * const *spec,
                  guint              n_values,
                  const char *(*to_string) (int value))
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);

  g_assert_cmpuint (klass->n_values, ==, n_values);
  for (guint i = 0; i < n_values; i++)
    {
      GEnumValue *value = g_enum_get_value (klass, i);

      g_assert_nonnull (value);
      g_assert_cmpstr (value->value_nick, ==, spec[i]);
      g_assert_cmpstr (value->value_nick, ==, to_string (i));
      g_assert_cmpint (g_enum_get_value_by_nick (klass, spec[i])->value, ==, i);
    }
}

static const char *
kind_to_string (int value)
{
  return ssa_kind_to_string (value);
}

static const char *
deployment_to_string (int value)
{
  return ssa_deployment_to_string (value);
}

static const char *
billing_to_string (int value)
{
  return ssa_billing_to_string (value);
}

static void
test_enum_nicks (void)
{
  /* The strings of docs/rules.md and docs/formats.md, in the order of ssa-kind.h. */
  static const char * const kinds[] = {
    "switchboard", "port", "mobility", "gsm", "voicemail", "standby", "softphone", "app",
    "third_party", "hardware", "service",
  };
  static const char * const deployments[] = { "appliance", "saas", "rental" };
  static const char * const billings[] = { "once", "annual", "quarterly", "monthly" };

  check_enum_nicks (SSA_TYPE_KIND, kinds, G_N_ELEMENTS (kinds), kind_to_string);
  check_enum_nicks (SSA_TYPE_DEPLOYMENT, deployments, G_N_ELEMENTS (deployments),
                    deployment_to_string);
  check_enum_nicks (SSA_TYPE_BILLING, billings, G_N_ELEMENTS (billings), billing_to_string);
  g_assert_cmpuint (G_N_ELEMENTS (kinds), ==, SSA_N_KINDS);
  g_assert_cmpuint (G_N_ELEMENTS (billings), ==, SSA_N_BILLINGS);
}

/* SsaProduct */

static void
test_product_properties (void)
{
  g_autoptr(SsaProduct) product = ssa_product_new ();

  g_assert_cmpint (ssa_product_get_kind (product), ==, SSA_KIND_SWITCHBOARD);
  g_assert_true (ssa_product_get_covered (product));

  check_string_property (product, "code", "02-00039-002");
  check_string_property (product, "name", "PBX-Port14");
  check_enum_property (product, "kind", SSA_TYPE_KIND, SSA_KIND_PORT);
  check_int64_property (product, "list-price", 45000);
  check_int64_property (product, "ssc-per-year", 675);
  check_int64_property (product, "list-price", G_MAXINT64);

  g_assert_cmpint (ssa_product_get_kind (product), ==, SSA_KIND_PORT);
  g_assert_cmpint (ssa_product_get_list_price (product), ==, G_MAXINT64);
  g_assert_cmpint (ssa_product_get_ssc_per_year (product), ==, 675);
}

static void
test_product_covered (void)
{
  g_autoptr(SsaProduct) product = ssa_product_new ();
  gboolean covered = FALSE;
  NotifyLog log;

  notify_log_start (&log, product);

  /* Covered to covered: only the kind changes. */
  ssa_product_set_kind (product, SSA_KIND_APP);
  g_assert_cmpuint (notify_log_get (&log, "kind"), ==, 1);
  g_assert_cmpuint (log.total, ==, 1);
  g_object_get (product, "covered", &covered, NULL);
  g_assert_true (covered);

  /* Covered to not covered. */
  ssa_product_set_kind (product, SSA_KIND_THIRD_PARTY);
  g_assert_cmpuint (notify_log_get (&log, "kind"), ==, 2);
  g_assert_cmpuint (notify_log_get (&log, "covered"), ==, 1);
  g_assert_cmpuint (log.total, ==, 3);
  g_object_get (product, "covered", &covered, NULL);
  g_assert_false (covered);

  /* Not covered to not covered, and the same kind again. */
  ssa_product_set_kind (product, SSA_KIND_HARDWARE);
  ssa_product_set_kind (product, SSA_KIND_HARDWARE);
  g_assert_cmpuint (notify_log_get (&log, "kind"), ==, 3);
  g_assert_cmpuint (log.total, ==, 4);
  g_assert_false (ssa_product_get_covered (product));

  /* Back to a covered kind. */
  ssa_product_set_kind (product, SSA_KIND_VOICEMAIL);
  g_assert_cmpuint (notify_log_get (&log, "covered"), ==, 2);
  g_assert_cmpuint (log.total, ==, 6);
  g_assert_true (ssa_product_get_covered (product));

  notify_log_stop (&log);

  for (guint kind = 0; kind < SSA_N_KINDS; kind++)
    {
      ssa_product_set_kind (product, kind);
      g_assert_cmpint (ssa_product_get_covered (product), ==, ssa_kind_is_covered (kind));
    }
}

static void
test_product_from_price_list (void)
{
  SsaPriceListProduct voicemail = {
    .code = (char *)"02-00039-101",
    .name = (char *)"PBX-Voicemail14",
    .kind = SSA_KIND_VOICEMAIL,
    .list_price = 12000,
    .has_ssc_per_year = FALSE,
    .ssc_per_year = 157,
  };
  SsaPriceListProduct samwin = {
    .code = (char *)"90-00000-001",
    .name = (char *)"SamWin switchboard",
    .kind = SSA_KIND_THIRD_PARTY,
    .list_price = 0,
  };
  g_autoptr(SsaProduct) product = ssa_product_new_from_price_list_product (&voicemail);
  g_autoptr(SsaProduct) other = ssa_product_new_from_price_list_product (&samwin);

  g_assert_cmpstr (ssa_product_get_code (product), ==, "02-00039-101");
  g_assert_true (ssa_product_get_code (product) != voicemail.code);
  g_assert_cmpstr (ssa_product_get_name (product), ==, "PBX-Voicemail14");
  g_assert_cmpint (ssa_product_get_kind (product), ==, SSA_KIND_VOICEMAIL);
  g_assert_cmpint (ssa_product_get_list_price (product), ==, 12000);
  g_assert_cmpint (ssa_product_get_ssc_per_year (product), ==, 157);
  g_assert_true (ssa_product_get_covered (product));

  g_assert_cmpstr (ssa_product_get_code (other), ==, "90-00000-001");
  g_assert_cmpint (ssa_product_get_kind (other), ==, SSA_KIND_THIRD_PARTY);
  g_assert_false (ssa_product_get_covered (other));
}

/* SsaLicence */

static void
test_licence_properties (void)
{
  g_autoptr(SsaLicence) licence = ssa_licence_new ();

  g_assert_cmpint (ssa_licence_get_id (licence), ==, 0);
  g_assert_cmpint (ssa_licence_get_quantity (licence), ==, 1);
  g_assert_false (ssa_licence_get_has_kind (licence));
  g_assert_null (ssa_licence_get_added_on (licence));
  g_assert_null (ssa_licence_get_covered_until (licence));

  check_int64_property (licence, "id", 42);
  check_string_property (licence, "code", "90-00000-001");
  check_string_property (licence, "name", "SamWin switchboard");
  check_boolean_property (licence, "has-kind", TRUE);
  check_enum_property (licence, "kind", SSA_TYPE_KIND, SSA_KIND_THIRD_PARTY);
  check_int64_property (licence, "quantity", 20);
  check_int64_property (licence, "quantity", SSA_INVENTORY_MAX_QUANTITY);
  check_date_property (licence, "added-on", make_date (2027, G_DATE_MARCH, 15));
  check_date_property (licence, "covered-until", make_date (2028, G_DATE_FEBRUARY, 29));
  check_boolean_property (licence, "has-kind", FALSE);

  /* Setting the kind leaves has-kind as it is. */
  g_assert_false (ssa_licence_get_has_kind (licence));
  g_assert_cmpint (ssa_licence_get_kind (licence), ==, SSA_KIND_THIRD_PARTY);
}

static void
test_licence_dates (void)
{
  g_autoptr(SsaLicence) licence = ssa_licence_new ();
  GDate added_on = make_date (2027, G_DATE_MARCH, 15);
  GDate later = make_date (2027, G_DATE_MARCH, 16);
  const GDate *read;

  ssa_licence_set_added_on (licence, &added_on);
  read = ssa_licence_get_added_on (licence);
  g_assert_nonnull (read);
  g_assert_true (read != &added_on);
  assert_dates_equal (read, &added_on);

  /* The licence keeps its own copy. */
  g_date_add_days (&added_on, 1);
  assert_dates_equal (&added_on, &later);
  g_assert_cmpint (g_date_compare (ssa_licence_get_added_on (licence), &later), <, 0);

  ssa_licence_set_added_on (licence, &later);
  assert_dates_equal (ssa_licence_get_added_on (licence), &later);
  g_assert_null (ssa_licence_get_covered_until (licence));

  ssa_licence_set_added_on (licence, NULL);
  g_assert_null (ssa_licence_get_added_on (licence));
}

static void
test_licence_quantity (void)
{
  static const gint64 bad[] = { 0, -1, SSA_INVENTORY_MAX_QUANTITY + 1, G_MININT64, G_MAXINT64 };
  static const gint64 good[] = { 1, 2, 999999, SSA_INVENTORY_MAX_QUANTITY };
  g_autoptr(SsaLicence) licence = ssa_licence_new ();
  NotifyLog log;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (ssa_licence_validate_quantity (good[i], NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (ssa_licence_validate_quantity (bad[i], &error));
      g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "1 000 000"));
    }

  ssa_licence_set_quantity (licence, 7);
  notify_log_start (&log, licence);

  /* Out of range is a programming error: refused, nothing changes, nothing is notified. */
  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*validate_quantity*");
  ssa_licence_set_quantity (licence, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("GLib-GObject", G_LOG_LEVEL_WARNING, "*out of range*quantity*");
  g_object_set (licence, "quantity", (gint64)SSA_INVENTORY_MAX_QUANTITY + 1, NULL);
  g_test_assert_expected_messages ();

  g_assert_cmpint (ssa_licence_get_quantity (licence), ==, 7);
  g_assert_cmpuint (log.total, ==, 0);
  notify_log_stop (&log);
}

static void
assert_line_matches (const SsaInventoryLine *line,
                     SsaLicence             *licence)
{
  g_assert_cmpstr (ssa_licence_get_code (licence), ==, line->code);
  g_assert_cmpstr (ssa_licence_get_name (licence), ==, line->name);
  g_assert_cmpint (ssa_licence_get_quantity (licence), ==, line->quantity);
  g_assert_cmpint (ssa_licence_get_has_kind (licence), ==, line->has_kind);
  g_assert_cmpint (ssa_licence_get_kind (licence), ==, line->kind);
  g_assert_cmpint (ssa_licence_get_added_on (licence) != NULL, ==, g_date_valid (&line->added_on));
  if (ssa_licence_get_added_on (licence) != NULL)
    assert_dates_equal (ssa_licence_get_added_on (licence), &line->added_on);
  g_assert_cmpint (ssa_licence_get_covered_until (licence) != NULL,
                   ==, g_date_valid (&line->covered_until));
  if (ssa_licence_get_covered_until (licence) != NULL)
    assert_dates_equal (ssa_licence_get_covered_until (licence), &line->covered_until);
}

static void
assert_lines_equal (const SsaInventoryLine *a,
                    const SsaInventoryLine *b)
{
  g_assert_cmpstr (a->code, ==, b->code);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpint (a->quantity, ==, b->quantity);
  g_assert_cmpint (a->has_kind, ==, b->has_kind);
  if (a->has_kind)
    g_assert_cmpint (a->kind, ==, b->kind);
  assert_dates_equal (&a->added_on, &b->added_on);
  assert_dates_equal (&a->covered_until, &b->covered_until);
}

static void
test_licence_inventory_line (void)
{
  SsaInventoryLine lines[] = {
    { .code = (char *)"02-00039-002", .quantity = 20 },
    { .code = (char *)"02-00039-002", .quantity = 10,
      .added_on = make_date (2027, G_DATE_MARCH, 15) },
    { .code = (char *)"90-00000-001", .quantity = 1, .has_kind = TRUE,
      .kind = SSA_KIND_THIRD_PARTY, .name = (char *)"SamWin switchboard",
      .covered_until = make_date (2026, G_DATE_JUNE, 30) },
    { .code = (char *)"02-00039-101", .quantity = SSA_INVENTORY_MAX_QUANTITY,
      .added_on = make_date (2025, G_DATE_JANUARY, 31),
      .covered_until = make_date (2027, G_DATE_DECEMBER, 31), .name = (char *)"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(SsaLicence) licence = ssa_licence_new_from_inventory_line (&lines[i]);
      SsaInventoryLine back;

      g_assert_cmpint (ssa_licence_get_id (licence), ==, 0);
      assert_line_matches (&lines[i], licence);
      g_assert_true (ssa_licence_get_code (licence) != lines[i].code);

      memset (&back, 0xaa, sizeof back);
      ssa_licence_to_inventory_line (licence, &back);
      assert_lines_equal (&lines[i], &back);
      g_assert_true (back.code != ssa_licence_get_code (licence));
      g_assert_true (back.name == NULL || back.name != ssa_licence_get_name (licence));
      g_free (back.code);
      g_free (back.name);
    }
}

/* SsaInstallation */

static void
test_installation_properties (void)
{
  g_autoptr(SsaInstallation) installation = ssa_installation_new ();
  g_autoptr(GListModel) licences = NULL;

  g_assert_cmpint (ssa_installation_get_deployment (installation), ==, SSA_DEPLOYMENT_APPLIANCE);
  g_assert_null (ssa_installation_get_ssa_expiry (installation));

  check_int64_property (installation, "id", 7);
  check_int64_property (installation, "customer-id", 3);
  check_string_property (installation, "customer-name", "Fjordkraft Eiendom AS");
  check_string_property (installation, "name", "Hovedkontor Bergen");
  check_string_property (installation, "serial", "IP811-00-90-33-12-34-56");
  check_enum_property (installation, "deployment", SSA_TYPE_DEPLOYMENT,
                       SSA_DEPLOYMENT_SAAS);
  check_enum_property (installation, "deployment", SSA_TYPE_DEPLOYMENT,
                       SSA_DEPLOYMENT_RENTAL);
  check_string_property (installation, "firmware", "14r2 sr3");
  check_date_property (installation, "ssa-expiry", make_date (2026, G_DATE_DECEMBER, 31));
  check_string_property (installation, "notes", "Nøkkel hos resepsjonen.\nRing først.");

  g_object_get (installation, "licences", &licences, NULL);
  g_assert_true (licences == ssa_installation_get_licences (installation));
  g_assert_true (g_list_model_get_item_type (licences) == SSA_TYPE_LICENCE);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_installation_licences (void)
{
  g_autoptr(SsaInstallation) installation = ssa_installation_new ();
  g_autoptr(SsaLicence) first = ssa_licence_new ();
  g_autoptr(SsaLicence) second = ssa_licence_new ();
  g_autoptr(SsaLicence) item = NULL;
  GListModel *licences = ssa_installation_get_licences (installation);
  guint changes = 0;

  g_signal_connect (licences, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (licences), ==, 0);

  ssa_installation_add_licence (installation, first);
  ssa_installation_add_licence (installation, second);
  g_assert_cmpuint (changes, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (licences), ==, 2);
  item = g_list_model_get_item (licences, 1);
  g_assert_true (item == second);
  g_clear_object (&item);

  ssa_installation_remove_licence (installation, 0);
  g_assert_cmpuint (changes, ==, 3);
  item = g_list_model_get_item (licences, 0);
  g_assert_true (item == second);

  g_test_expect_message (G_LOG_DOMAIN, G_LOG_LEVEL_CRITICAL, "*position*");
  ssa_installation_remove_licence (installation, 1);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (changes, ==, 3);

  g_assert_true (ssa_installation_get_licences (installation) == licences);
}

static SsaInventory *
make_inventory (void)
{
  SsaInventory *inventory = ssa_inventory_new ();
  SsaInventoryLine lines[] = {
    { .code = (char *)"02-00039-002", .quantity = 20 },
    { .code = (char *)"02-00039-002", .quantity = 10,
      .added_on = make_date (2027, G_DATE_MARCH, 15) },
    { .code = (char *)"90-00000-001", .quantity = 1, .has_kind = TRUE,
      .kind = SSA_KIND_THIRD_PARTY, .name = (char *)"SamWin switchboard" },
    { .code = (char *)"02-00039-101", .quantity = SSA_INVENTORY_MAX_QUANTITY,
      .added_on = make_date (2025, G_DATE_JANUARY, 31),
      .covered_until = make_date (2027, G_DATE_DECEMBER, 31) },
  };

  inventory->customer.name = g_strdup ("Fjordkraft Eiendom AS");
  inventory->name = g_strdup ("Hovedkontor Bergen");
  inventory->serial = g_strdup ("IP811-00-90-33-12-34-56");
  inventory->deployment = SSA_DEPLOYMENT_RENTAL;
  inventory->firmware = g_strdup ("14r2 sr3");
  inventory->ssa_expiry = make_date (2026, G_DATE_DECEMBER, 31);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    ssa_inventory_add_line (inventory, &lines[i]);

  return inventory;
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
  assert_dates_equal (&a->ssa_expiry, &b->ssa_expiry);
  g_assert_cmpuint (a->lines->len, ==, b->lines->len);
  for (guint i = 0; i < a->lines->len; i++)
    assert_lines_equal (&g_array_index (a->lines, SsaInventoryLine, i),
                        &g_array_index (b->lines, SsaInventoryLine, i));
}

static void
test_installation_round_trip (void)
{
  g_autoptr(SsaInventory) inventory = make_inventory ();
  g_autoptr(SsaInstallation) installation = ssa_installation_new_from_inventory (inventory);
  g_autoptr(SsaInventory) back = NULL;
  GListModel *licences = ssa_installation_get_licences (installation);
  GDate expiry = make_date (2026, G_DATE_DECEMBER, 31);

  g_assert_cmpint (ssa_installation_get_id (installation), ==, 0);
  g_assert_cmpint (ssa_installation_get_customer_id (installation), ==, 0);
  g_assert_cmpstr (ssa_installation_get_customer_name (installation), ==, "Fjordkraft Eiendom AS");
  g_assert_cmpstr (ssa_installation_get_name (installation), ==, "Hovedkontor Bergen");
  g_assert_cmpstr (ssa_installation_get_serial (installation), ==, "IP811-00-90-33-12-34-56");
  g_assert_cmpint (ssa_installation_get_deployment (installation), ==, SSA_DEPLOYMENT_RENTAL);
  g_assert_cmpstr (ssa_installation_get_firmware (installation), ==, "14r2 sr3");
  assert_dates_equal (ssa_installation_get_ssa_expiry (installation), &expiry);
  g_assert_null (ssa_installation_get_notes (installation));
  g_assert_cmpuint (g_list_model_get_n_items (licences), ==, inventory->lines->len);
  for (guint i = 0; i < inventory->lines->len; i++)
    {
      g_autoptr(SsaLicence) licence = g_list_model_get_item (licences, i);

      assert_line_matches (&g_array_index (inventory->lines, SsaInventoryLine, i), licence);
    }

  /* What an inventory cannot hold does not get in the way. */
  ssa_installation_set_id (installation, 12);
  ssa_installation_set_customer_id (installation, 4);
  ssa_installation_set_notes (installation, "Notes stay in the database.");

  back = ssa_installation_to_inventory (installation);
  assert_inventories_equal (inventory, back);
  g_assert_null (back->customer.org_no);
}

static void
test_installation_round_trip_empty (void)
{
  g_autoptr(SsaInventory) inventory = ssa_inventory_new ();
  g_autoptr(SsaInstallation) installation = ssa_installation_new_from_inventory (inventory);
  g_autoptr(SsaInventory) back = NULL;

  g_assert_null (ssa_installation_get_customer_name (installation));
  g_assert_null (ssa_installation_get_name (installation));
  g_assert_null (ssa_installation_get_serial (installation));
  g_assert_null (ssa_installation_get_firmware (installation));
  g_assert_null (ssa_installation_get_ssa_expiry (installation));
  g_assert_cmpuint (g_list_model_get_n_items (ssa_installation_get_licences (installation)), ==, 0);

  back = ssa_installation_to_inventory (installation);
  assert_inventories_equal (inventory, back);
  g_assert_false (g_date_valid (&back->ssa_expiry));
}

/* The whole document: customer and installation back to the same JSON. */
static void
test_installation_round_trip_customer (void)
{
  g_autoptr(SsaInventory) inventory = make_inventory ();
  g_autoptr(SsaInstallation) installation = NULL;
  g_autoptr(SsaCustomer) customer = NULL;
  g_autoptr(SsaInventory) back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_back = NULL;

  inventory->customer.org_no = g_strdup ("988077917");
  inventory->customer.address = g_strdup ("Strandkaien 2, 5013 Bergen");
  inventory->customer.contact = g_strdup ("Kari Nordmann");
  inventory->customer.email = g_strdup ("kari@example.no");

  installation = ssa_installation_new_from_inventory (inventory);
  customer = ssa_customer_new_from_info (&inventory->customer);
  g_assert_cmpint (ssa_customer_get_id (customer), ==, 0);
  g_assert_cmpstr (ssa_customer_get_name (customer), ==, "Fjordkraft Eiendom AS");
  g_assert_cmpstr (ssa_customer_get_org_no (customer), ==, "988077917");
  g_assert_true (ssa_customer_get_valid_org_no (customer));
  g_assert_cmpstr (ssa_customer_get_address (customer), ==, "Strandkaien 2, 5013 Bergen");
  g_assert_cmpstr (ssa_customer_get_contact (customer), ==, "Kari Nordmann");
  g_assert_cmpstr (ssa_customer_get_email (customer), ==, "kari@example.no");
  g_assert_null (ssa_customer_get_notes (customer));

  back = ssa_installation_to_inventory (installation);
  ssa_customer_to_info (customer, &back->customer);
  assert_inventories_equal (inventory, back);

  json = ssa_inventory_to_json (inventory);
  json_back = ssa_inventory_to_json (back);
  g_assert_cmpstr (json_back, ==, json);
}

/* SsaCustomer */

static void
test_customer_properties (void)
{
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();

  g_assert_true (ssa_customer_get_valid_org_no (customer));

  check_int64_property (customer, "id", 99);
  check_string_property (customer, "name", "Fjordkraft Eiendom AS");
  check_string_property (customer, "address", "Strandkaien 2\n5013 Bergen");
  check_string_property (customer, "contact", "Kari Nordmann");
  check_string_property (customer, "email", "kari@example.no");
  check_string_property (customer, "notes", "Faktura på e-post.");

  /* valid-org-no stays TRUE from the valid number to "" to NULL, so only org-no notifies. */
  check_string_property (customer, "org-no", "988077917");
}

static void
test_customer_valid_org_no (void)
{
  /* Each step: the new org-no, whether it is valid, and whether valid-org-no flips.
   * Check digits by hand, weights 3 2 7 6 5 4 3 2 on the first eight digits:
   *   988077917: 27+16+56+0+35+28+27+2 = 191, 191 % 11 = 4, 11 - 4 = 7: valid.
   *   988077918: the same sum wants 7, not 8: invalid.
   *   974760673: 27+14+28+42+30+0+18+14 = 173, 173 % 11 = 8, 11 - 8 = 3: valid.
   *   930000000: 27+6 = 33, 33 % 11 = 0, 11 - 0 = 11, which means 0: valid.
   *   400000000 to 400000009: 12, 12 % 11 = 1, 11 - 1 = 10: no check digit fits, invalid.
   *   123456785: 3+4+21+24+25+24+21+16 = 138, 138 % 11 = 6, 11 - 6 = 5: valid. */
  static const struct {
    const char *org_no;
    gboolean    valid;
    gboolean    flips;
  } steps[] = {
    { "988077917", TRUE, FALSE },
    { "988077918", FALSE, TRUE },
    { "12345", FALSE, FALSE },
    { "974760673", TRUE, TRUE },
    { "930000000", TRUE, FALSE },
    { "400000000", FALSE, TRUE },
    { "400000009", FALSE, FALSE },
    { "", TRUE, TRUE },
    { "98807791a", FALSE, TRUE },
    { NULL, TRUE, TRUE },
    { "123456785", TRUE, FALSE },
    { "9880779170", FALSE, TRUE },
  };
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();
  guint org_no_notifies = 0;
  guint valid_notifies = 0;
  NotifyLog log;

  notify_log_start (&log, customer);
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      gboolean valid = !steps[i].valid;

      g_test_message ("org-no %s", steps[i].org_no ? steps[i].org_no : "(null)");
      g_object_set (customer, "org-no", steps[i].org_no, NULL);
      org_no_notifies++;
      valid_notifies += steps[i].flips;

      g_object_get (customer, "valid-org-no", &valid, NULL);
      g_assert_cmpint (valid, ==, steps[i].valid);
      g_assert_cmpint (ssa_customer_get_valid_org_no (customer), ==, steps[i].valid);
      g_assert_cmpuint (notify_log_get (&log, "org-no"), ==, org_no_notifies);
      g_assert_cmpuint (notify_log_get (&log, "valid-org-no"), ==, valid_notifies);
      g_assert_cmpuint (log.total, ==, org_no_notifies + valid_notifies);

      /* The same number again changes nothing. */
      ssa_customer_set_org_no (customer, steps[i].org_no);
      g_assert_cmpuint (log.total, ==, org_no_notifies + valid_notifies);
    }
  notify_log_stop (&log);
}

static void
test_customer_info (void)
{
  SsaCustomerInfo empty = { NULL };
  g_autoptr(SsaCustomer) customer = ssa_customer_new_from_info (&empty);
  SsaCustomerInfo info = { NULL };

  g_assert_null (ssa_customer_get_name (customer));
  g_assert_null (ssa_customer_get_org_no (customer));
  g_assert_true (ssa_customer_get_valid_org_no (customer));

  /* to_info replaces, and frees, what the info held. */
  info.name = g_strdup ("Old name");
  info.email = g_strdup ("old@example.no");
  ssa_customer_set_name (customer, "Fjordkraft Eiendom AS");
  ssa_customer_set_org_no (customer, "988077918");
  g_assert_false (ssa_customer_get_valid_org_no (customer));
  ssa_customer_set_notes (customer, "Not in the file.");
  ssa_customer_to_info (customer, &info);
  g_assert_cmpstr (info.name, ==, "Fjordkraft Eiendom AS");
  g_assert_true (info.name != ssa_customer_get_name (customer));
  g_assert_cmpstr (info.org_no, ==, "988077918");
  g_assert_null (info.address);
  g_assert_null (info.contact);
  g_assert_null (info.email);

  g_free (info.name);
  g_free (info.org_no);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/objects/enums/nicks", test_enum_nicks);
  g_test_add_func ("/objects/product/properties", test_product_properties);
  g_test_add_func ("/objects/product/covered", test_product_covered);
  g_test_add_func ("/objects/product/from-price-list", test_product_from_price_list);
  g_test_add_func ("/objects/licence/properties", test_licence_properties);
  g_test_add_func ("/objects/licence/dates", test_licence_dates);
  g_test_add_func ("/objects/licence/quantity", test_licence_quantity);
  g_test_add_func ("/objects/licence/inventory-line", test_licence_inventory_line);
  g_test_add_func ("/objects/installation/properties", test_installation_properties);
  g_test_add_func ("/objects/installation/licences", test_installation_licences);
  g_test_add_func ("/objects/installation/round-trip", test_installation_round_trip);
  g_test_add_func ("/objects/installation/round-trip-empty", test_installation_round_trip_empty);
  g_test_add_func ("/objects/installation/round-trip-customer",
                   test_installation_round_trip_customer);
  g_test_add_func ("/objects/customer/properties", test_customer_properties);
  g_test_add_func ("/objects/customer/valid-org-no", test_customer_valid_org_no);
  g_test_add_func ("/objects/customer/info", test_customer_info);

  return g_test_run ();
}
