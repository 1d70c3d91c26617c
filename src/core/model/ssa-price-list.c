/* ssa-price-list.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-decimal.h"
#include "ssa-error.h"
#include "ssa-json-guard.h"
#include "ssa-json-guard-private.h"
#include "ssa-price-list.h"
#include "ssa-version.h"

/* Defaults of docs/rules.md, in hundredths where they are decimals. */
#define DEFAULT_VAT_PERCENT               (25 * 100)
#define DEFAULT_ANNUAL_RATE_PERCENT       (15 * 100)
#define DEFAULT_BACKPAY_MULTIPLIER        (2 * 100)
#define DEFAULT_SUPPORT_WINDOW_YEARS      3
#define DEFAULT_UNSUPPORTED_THROUGH_MAJOR 6

/* Bounds the formats leave open: large enough for any real price list, small enough that
 * date arithmetic on them cannot overflow. */
#define MAX_SUPPORT_WINDOW_YEARS          100
#define MAX_UNSUPPORTED_THROUGH_MAJOR     999

G_DEFINE_BOXED_TYPE (SsaPriceList, ssa_price_list, ssa_price_list_ref, ssa_price_list_unref)

static void
product_free (gpointer data)
{
  SsaPriceListProduct *product = data;

  g_free (product->code);
  g_free (product->name);
  g_strfreev (product->licence_types);
  g_free (product);
}

static void
version_clear (gpointer data)
{
  SsaPriceListVersion *version = data;

  g_clear_pointer (&version->version, g_free);
}

static void
price_list_clear (gpointer data)
{
  SsaPriceList *self = data;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->currency, g_free);
  g_clear_pointer (&self->by_code, g_hash_table_unref);
  g_clear_pointer (&self->by_licence_type, g_hash_table_unref);
  g_clear_pointer (&self->products, g_ptr_array_unref);
  g_clear_pointer (&self->versions, g_array_unref);
  g_clear_pointer (&self->current_releases, g_array_unref);
}

static SsaPriceList *
price_list_new (void)
{
  SsaPriceList *self = g_atomic_rc_box_new0 (SsaPriceList);

  g_date_clear (&self->published, 1);
  self->vat_percent = DEFAULT_VAT_PERCENT;
  self->annual_rate_percent = DEFAULT_ANNUAL_RATE_PERCENT;
  self->backpay_multiplier = DEFAULT_BACKPAY_MULTIPLIER;
  self->support_window_years = DEFAULT_SUPPORT_WINDOW_YEARS;
  self->unsupported_through_major = DEFAULT_UNSUPPORTED_THROUGH_MAJOR;
  self->products = g_ptr_array_new_with_free_func (product_free);
  self->versions = g_array_new (FALSE, TRUE, sizeof (SsaPriceListVersion));
  g_array_set_clear_func (self->versions, version_clear);
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->by_licence_type = g_hash_table_new (g_str_hash, g_str_equal);

  return self;
}

static gboolean
is_currency_code (const char *text)
{
  for (guint i = 0; i < 3; i++)
    {
      if (!g_ascii_isupper (text[i]))
        return FALSE;
    }

  return text[3] == '\0';
}

static void
read_ssa_terms (SsaPriceList       *self,
                const SsaJsonScope *root)
{
  SsaJsonScope scope = { root->problems, NULL, NULL, "ssa" };
  gint64 value;

  scope.object = ssa_json_scope_get_object (root, "ssa", SSA_JSON_OPTIONAL);
  if (scope.object == NULL)
    return;

  ssa_json_scope_get_percent (&scope, "annual_rate_percent", SSA_JSON_OPTIONAL,
                              &self->annual_rate_percent);

  if (ssa_json_scope_get_decimal (&scope, "backpay_multiplier", SSA_JSON_OPTIONAL, &value))
    {
      if (value < 100)
        ssa_json_scope_problem (&scope, "backpay_multiplier", _("must be at least 1"));
      else
        self->backpay_multiplier = value;
    }

  if (ssa_json_scope_get_int (&scope, "support_window_years", SSA_JSON_OPTIONAL,
                              0, MAX_SUPPORT_WINDOW_YEARS,
                              _("must be a whole number from 0 to 100"), &value))
    self->support_window_years = (int) value;

  if (ssa_json_scope_get_int (&scope, "unsupported_through_major", SSA_JSON_OPTIONAL,
                              0, MAX_UNSUPPORTED_THROUGH_MAJOR,
                              _("must be a whole number from 0 to 999"), &value))
    self->unsupported_through_major = (int) value;
}

static void
read_billing_discounts (SsaPriceList       *self,
                        const SsaJsonScope *root)
{
  SsaJsonScope scope = { root->problems, NULL, NULL, "billing_discount_percent" };
  JsonObjectIter iter;
  const char *member;
  JsonNode *node;

  scope.object = ssa_json_scope_get_object (root, "billing_discount_percent",
                                            SSA_JSON_OPTIONAL);
  if (scope.object == NULL)
    return;

  json_object_iter_init (&iter, scope.object);
  while (json_object_iter_next (&iter, &member, &node))
    {
      SsaBilling billing;
      gint64 value;

      if (!ssa_billing_from_string (member, &billing))
        {
          ssa_json_scope_problem (&scope, member,
                                  _("unknown billing plan (expected annual, quarterly or "
                                    "monthly)"));
          continue;
        }

      if (!ssa_json_scope_get_percent (&scope, member, SSA_JSON_OPTIONAL, &value))
        continue;

      /* A single payment is never discounted: "once": "0" is harmless, anything else
       * would promise a discount the rules do not give. */
      if (billing == SSA_BILLING_ONCE && value != 0)
        {
          ssa_json_scope_problem (&scope, member,
                                  _("a single payment is never discounted: must be 0"));
          continue;
        }

      self->billing_discount_percent[billing] = value;
    }
}

static void
read_versions (SsaPriceList       *self,
               const SsaJsonScope *root)
{
  g_autoptr(GHashTable) seen = NULL;
  JsonArray *array;
  guint n_items;

  array = ssa_json_scope_get_array (root, "versions", SSA_JSON_OPTIONAL);
  if (array == NULL)
    return;

  /* "major.release" -> index + 1 of its first row */
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n_items = json_array_get_length (array);

  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *context = g_strdup_printf ("versions[%u]", i);
      SsaJsonScope scope = { root->problems, NULL, context, NULL };
      SsaPriceListVersion version = { NULL, 0, 0, { 0, } };
      SsaFirmwareVersion parsed;
      gboolean ok = TRUE;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          ssa_json_problems_add (root->problems, context, NULL, _("must be an object"));
          continue;
        }
      scope.object = json_node_get_object (item);

      g_date_clear (&version.released, 1);

      if (ssa_json_scope_get_text (&scope, "version", SSA_JSON_REQUIRED | SSA_JSON_NON_EMPTY,
                                   0, &version.version))
        {
          if (!ssa_firmware_version_parse (version.version, &parsed))
            {
              ssa_json_scope_problem (&scope, "version",
                                      _("must be a firmware version such as “14r2”"));
              ok = FALSE;
            }
          else
            {
              g_autofree char *key = g_strdup_printf ("%d.%d", parsed.major, parsed.release);
              guint first = GPOINTER_TO_UINT (g_hash_table_lookup (seen, key));

              version.major = parsed.major;
              version.release = parsed.release;

              if (first != 0)
                {
                  ssa_json_scope_problem (&scope, "version", _("duplicate of versions[%u]"),
                                          first - 1);
                  ok = FALSE;
                }
              else
                {
                  g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (i + 1));
                }
            }
        }
      else
        {
          ok = FALSE;
        }

      if (!ssa_json_scope_get_date (&scope, "released", SSA_JSON_REQUIRED, &version.released))
        ok = FALSE;

      if (ok)
        g_array_append_val (self->versions, version);
      else
        version_clear (&version);
    }
}

/* "current_releases": the firmware releases innovaphone currently ships (docs/formats.md),
 * from which the support rule picks the supported ones. */
static void
read_current_releases (SsaPriceList       *self,
                       const SsaJsonScope *root)
{
  JsonArray *array = ssa_json_scope_get_array (root, "current_releases", SSA_JSON_OPTIONAL);
  guint n_items;

  if (array == NULL)
    return;
  self->current_releases = g_array_new (FALSE, FALSE, sizeof (SsaFirmwareVersion));
  n_items = json_array_get_length (array);
  if (n_items == 0)
    ssa_json_scope_problem (root, "current_releases",
                            _("must name at least one release, such as “14r2”"));
  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *member = g_strdup_printf ("current_releases[%u]", i);
      SsaFirmwareVersion version;
      gboolean duplicate = FALSE;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING ||
          !ssa_firmware_version_parse (json_node_get_string (item), &version))
        {
          ssa_json_scope_problem (root, member, _("must be a firmware version such as “14r2”"));
          continue;
        }
      for (guint j = 0; j < self->current_releases->len; j++)
        {
          SsaFirmwareVersion *seen = &g_array_index (self->current_releases, SsaFirmwareVersion, j);

          duplicate = duplicate || (seen->major == version.major &&
                                    seen->release == version.release);
        }
      if (duplicate)
        {
          ssa_json_scope_problem (root, member, _("names a release twice"));
          continue;
        }
      g_array_append_val (self->current_releases, version);
    }
}

/* "licence_types": the licence type strings of licence files and PBXs that are this
 * product (docs/formats.md). Each is a non-empty code-sized string, unique in the whole
 * list (@seen: type -> index + 1 of its product), so that a type names one article. */
static gboolean
read_licence_types (SsaPriceListProduct *product,
                    const SsaJsonScope  *scope,
                    GHashTable          *seen,
                    guint                index)
{
  g_autoptr(GPtrArray) types = NULL;
  JsonArray *array;
  gboolean ok = TRUE;
  guint n_items;

  /* Most products list none: no array is made for them. */
  if (ssa_json_scope_get_node (scope, "licence_types", SSA_JSON_OPTIONAL) == NULL)
    {
      product->licence_types = g_new0 (char *, 1);
      return TRUE;
    }
  array = ssa_json_scope_get_array (scope, "licence_types", SSA_JSON_OPTIONAL);
  if (array == NULL)
    return FALSE;
  types = g_ptr_array_new_with_free_func (g_free);

  n_items = json_array_get_length (array);
  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *member = g_strdup_printf ("licence_types[%u]", i);
      const char *text;

      if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
        {
          ssa_json_scope_problem (scope, member, _("must be a string"));
          ok = FALSE;
          continue;
        }
      text = json_node_get_string (item);
      if (!g_utf8_validate (text, -1, NULL) || !ssa_json_text_is_clean (text) ||
          text[0] == '\0' || g_utf8_strlen (text, -1) > SSA_JSON_CODE_MAX_CHARS)
        {
          ssa_json_scope_problem (scope, member,
                                  _("must be a licence type of 1 to 64 characters without "
                                    "control characters"));
          ok = FALSE;
          continue;
        }
      if (g_hash_table_contains (seen, text))
        {
          ssa_json_scope_problem (scope, member,
                                  _("“%s” is already a licence type of products[%u]"), text,
                                  GPOINTER_TO_UINT (g_hash_table_lookup (seen, text)) - 1);
          ok = FALSE;
          continue;
        }
      g_hash_table_insert (seen, g_strdup (text), GUINT_TO_POINTER (index + 1));
      g_ptr_array_add (types, g_strdup (text));
    }

  g_ptr_array_add (types, NULL);
  product->licence_types = (char **) g_ptr_array_free (g_steal_pointer (&types), FALSE);
  return ok;
}

static gboolean
read_ssa_covered (SsaPriceListProduct *product,
                  const SsaJsonScope  *scope)
{
  JsonNode *node = ssa_json_scope_get_node (scope, "ssa_covered", SSA_JSON_OPTIONAL);

  product->ssa_covered = ssa_kind_is_covered (product->kind);
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      ssa_json_scope_problem (scope, "ssa_covered", _("must be true or false"));
      return FALSE;
    }
  product->ssa_covered = json_node_get_boolean (node);
  return TRUE;
}

/* SSC per year = round (list_price * annual_rate_percent / 100 / ssc_price); in hundredths
 * that is list_h * rate_h / (100 * price_h), computed exactly and rounded once. */
static gboolean
derive_ssc_per_year (const SsaPriceList *self,
                     gint64              list_price,
                     gint64             *out)
{
  gint64 factors[] = { list_price, self->annual_rate_percent };

  if (self->ssc_price > G_MAXINT64 / 100)
    return FALSE;

  return ssa_decimal_mul_div (factors, G_N_ELEMENTS (factors), 100 * self->ssc_price, out);
}

static void
read_products (SsaPriceList       *self,
               const SsaJsonScope *root,
               gboolean            can_derive)
{
  g_autoptr(GHashTable) first_index = NULL;
  g_autoptr(GHashTable) licence_types = NULL;
  JsonArray *array;
  guint n_items;

  array = ssa_json_scope_get_array (root, "products", SSA_JSON_REQUIRED);
  if (array == NULL)
    return;

  /* code -> index + 1 of its first product. The table owns copies of the codes: a
   * product that breaks a rule is freed before later products are checked against it. */
  first_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  licence_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n_items = json_array_get_length (array);

  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      SsaJsonScope scope = { root->problems, NULL, NULL, NULL, "products", i, item, "code" };
      SsaPriceListProduct *product;
      gboolean ok = TRUE;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_autofree char *context = ssa_json_item_context ("products", i, item, "code");

          ssa_json_problems_add (root->problems, context, NULL, _("must be an object"));
          continue;
        }
      scope.object = json_node_get_object (item);

      product = g_new0 (SsaPriceListProduct, 1);

      if (ssa_json_scope_get_text (&scope, "code", SSA_JSON_REQUIRED | SSA_JSON_NON_EMPTY,
                                   SSA_JSON_CODE_MAX_CHARS, &product->code))
        {
          guint first = GPOINTER_TO_UINT (g_hash_table_lookup (first_index, product->code));

          if (first != 0)
            {
              ssa_json_scope_problem (&scope, "code", _("duplicate of products[%u]"),
                                      first - 1);
              ok = FALSE;
            }
          else
            {
              g_hash_table_insert (first_index, g_strdup (product->code),
                                   GUINT_TO_POINTER (i + 1));
            }
        }
      else
        {
          ok = FALSE;
        }

      ok &= ssa_json_scope_get_text (&scope, "name", SSA_JSON_REQUIRED | SSA_JSON_NON_EMPTY,
                                     0, &product->name);
      ok &= ssa_json_scope_get_kind (&scope, "kind", SSA_JSON_REQUIRED, &product->kind);
      ok &= ssa_json_scope_get_decimal (&scope, "list_price", SSA_JSON_REQUIRED,
                                        &product->list_price);
      ok &= read_licence_types (product, &scope, licence_types, i);
      ok &= read_ssa_covered (product, &scope);

      if (ssa_json_scope_get_node (&scope, "ssc_per_year", SSA_JSON_OPTIONAL) != NULL)
        {
          product->has_ssc_per_year =
            ssa_json_scope_get_decimal (&scope, "ssc_per_year", SSA_JSON_OPTIONAL,
                                        &product->ssc_per_year);
          ok &= product->has_ssc_per_year;
        }
      else if (ok && can_derive &&
               !derive_ssc_per_year (self, product->list_price, &product->ssc_per_year))
        {
          ssa_json_scope_problem (&scope, "list_price",
                                  _("too large to derive the SSC per year from"));
          ok = FALSE;
        }

      if (ok)
        g_ptr_array_add (self->products, product);
      else
        product_free (product);
    }
}

/**
 * ssa_price_list_new_from_node:
 * @root_node: the document, as ssa_json_guard_parse() returns it: an object
 * @what: the document's name for errors: a file name or URL
 * @error: return location for an error
 *
 * Checks an `ssa-desk-pricelist/1` document that was parsed already, for a caller that
 * needs to tell a document that is not JSON from one that breaks a rule of the format (the
 * fetcher) without parsing it twice. A price list that breaks any rule is refused whole; the
 * error lists every problem found (up to a limit), one a line.
 *
 * Returns: (transfer full): the price list, or %NULL with @error set
 */
SsaPriceList *
ssa_price_list_new_from_node (JsonNode    *root_node,
                              const char  *what,
                              GError     **error)
{
  g_autoptr(SsaPriceList) self = NULL;
  SsaJsonProblems problems;
  SsaJsonScope root;
  gboolean can_derive;
  gboolean ok;

  g_return_val_if_fail (root_node != NULL && JSON_NODE_HOLDS_OBJECT (root_node), NULL);
  g_return_val_if_fail (what != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ssa_json_check_format (json_node_get_object (root_node), SSA_PRICE_LIST_FORMAT, what,
                              error))
    return NULL;

  self = price_list_new ();
  ssa_json_problems_init (&problems, what);
  root = (SsaJsonScope) { &problems, json_node_get_object (root_node), NULL, NULL };

  ssa_json_scope_get_text (&root, "id", SSA_JSON_REQUIRED | SSA_JSON_NON_EMPTY, 0, &self->id);

  if (!ssa_json_scope_get_date (&root, "published", SSA_JSON_OPTIONAL, &self->published))
    g_date_clear (&self->published, 1);

  if (ssa_json_scope_get_text (&root, "currency", SSA_JSON_REQUIRED, 0, &self->currency) &&
      !is_currency_code (self->currency))
    ssa_json_scope_problem (&root, "currency",
                            _("must be three upper-case letters such as “NOK”"));

  can_derive = ssa_json_scope_get_decimal (&root, "ssc_price", SSA_JSON_REQUIRED,
                                           &self->ssc_price);
  if (can_derive && self->ssc_price <= 0)
    {
      ssa_json_scope_problem (&root, "ssc_price", _("must be above 0"));
      can_derive = FALSE;
    }

  ssa_json_scope_get_percent (&root, "vat_percent", SSA_JSON_OPTIONAL, &self->vat_percent);

  read_ssa_terms (self, &root);
  read_billing_discounts (self, &root);
  read_versions (self, &root);
  read_current_releases (self, &root);

  /* The derived SSC per year depends on the annual rate: only derive it from a valid one. */
  can_derive = can_derive && problems.n_problems == 0;
  read_products (self, &root, can_derive);

  ok = ssa_json_problems_propagate (&problems, error);
  ssa_json_problems_clear (&problems);
  if (!ok)
    return NULL;

  for (guint i = 0; i < self->products->len; i++)
    {
      SsaPriceListProduct *product = g_ptr_array_index (self->products, i);

      g_hash_table_insert (self->by_code, product->code, product);
      for (guint j = 0; product->licence_types[j] != NULL; j++)
        g_hash_table_insert (self->by_licence_type, product->licence_types[j], product);
    }

  return g_steal_pointer (&self);
}

/**
 * ssa_price_list_new_from_data:
 * @data: the document
 * @length: its length in bytes
 * @what: the document's name for errors: a file name or URL
 * @error: return location for an error
 *
 * Parses and checks an `ssa-desk-pricelist/1` document. A price list that breaks any rule
 * is refused whole; the error lists every problem found (up to a limit), one a line.
 *
 * Returns: (transfer full): the price list, or %NULL with @error set
 */
SsaPriceList *
ssa_price_list_new_from_data (const char  *data,
                              gsize        length,
                              const char  *what,
                              GError     **error)
{
  g_autoptr(JsonNode) root_node = NULL;

  g_return_val_if_fail (what != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root_node = ssa_json_guard_parse (data, length, what, error);
  if (root_node == NULL)
    return NULL;

  return ssa_price_list_new_from_node (root_node, what, error);
}

/**
 * ssa_price_list_new_from_file:
 * @path: a file name
 * @error: return location for an error
 *
 * Like ssa_price_list_new_from_data(), for a file; errors name the file. Files larger
 * than %SSA_JSON_MAX_BYTES are refused without being read.
 *
 * Returns: (transfer full): the price list, or %NULL with @error set
 */
SsaPriceList *
ssa_price_list_new_from_file (const char  *path,
                              GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!ssa_json_guard_load_file (path, &data, &length, error))
    return NULL;

  display = g_filename_display_name (path);
  return ssa_price_list_new_from_data (data, length, display, error);
}

SsaPriceList *
ssa_price_list_ref (SsaPriceList *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

void
ssa_price_list_unref (SsaPriceList *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, price_list_clear);
}

/* Returns: (transfer none) (nullable): the product with @code */
const SsaPriceListProduct *
ssa_price_list_lookup (const SsaPriceList *self,
                       const char         *code)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  return g_hash_table_lookup (self->by_code, code);
}

/* Returns: (transfer none) (nullable): the product that lists @type in its licence_types */
const SsaPriceListProduct *
ssa_price_list_lookup_licence_type (const SsaPriceList *self,
                                    const char         *type)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);

  return g_hash_table_lookup (self->by_licence_type, type);
}

static int
compare_versions_descending (gconstpointer a,
                             gconstpointer b)
{
  const SsaFirmwareVersion *x = a;
  const SsaFirmwareVersion *y = b;

  if (x->major != y->major)
    return x->major > y->major ? -1 : 1;
  return x->release > y->release ? -1 : x->release < y->release ? 1 : 0;
}

/* The supported releases by innovaphone's rule: the 2 latest releases of the latest major
 * version and the latest release of each of the 3 latest major versions, newest first. */
static GArray *
supported_releases (const SsaPriceList *self)
{
  g_autoptr(GArray) sorted = NULL;
  GArray *supported = g_array_new (FALSE, FALSE, sizeof (SsaFirmwareVersion));
  int n_majors = 0;
  int last_major = -1;
  int taken_of_latest = 0;

  if (self->current_releases == NULL || self->current_releases->len == 0)
    return supported;
  sorted = g_array_copy (self->current_releases);
  g_array_sort (sorted, compare_versions_descending);
  for (guint i = 0; i < sorted->len; i++)
    {
      SsaFirmwareVersion *version = &g_array_index (sorted, SsaFirmwareVersion, i);

      if (version->major != last_major)
        {
          last_major = version->major;
          if (++n_majors > 3)
            break;
          g_array_append_val (supported, *version);
          if (n_majors == 1)
            taken_of_latest = 1;
        }
      else if (n_majors == 1 && taken_of_latest < 2)
        {
          g_array_append_val (supported, *version);
          taken_of_latest++;
        }
    }
  return supported;
}

/* Whether the price list carries current_releases, so that support follows innovaphone's
 * rule rather than the age of the release. */
gboolean
ssa_price_list_has_support_rule (const SsaPriceList *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->current_releases != NULL && self->current_releases->len > 0;
}

/* Returns: whether firmware @major r@release is supported by innovaphone's rule */
gboolean
ssa_price_list_version_is_supported (const SsaPriceList *self,
                                     int                 major,
                                     int                 release)
{
  g_autoptr(GArray) supported = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  supported = supported_releases (self);
  /* A release newer than every current one came out after the list: not refused. */
  if (supported->len > 0)
    {
      SsaFirmwareVersion *newest = &g_array_index (supported, SsaFirmwareVersion, 0);

      if (major > newest->major || (major == newest->major && release > newest->release))
        return TRUE;
    }
  for (guint i = 0; i < supported->len; i++)
    {
      SsaFirmwareVersion *version = &g_array_index (supported, SsaFirmwareVersion, i);

      if (version->major == major && version->release == release)
        return TRUE;
    }
  return FALSE;
}

/* Returns: (transfer full): the supported releases as people write them: "15r1, 14r2, 13r3" */
char *
ssa_price_list_dup_supported_text (const SsaPriceList *self)
{
  g_autoptr(GArray) supported = supported_releases (self);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < supported->len; i++)
    {
      SsaFirmwareVersion *version = &g_array_index (supported, SsaFirmwareVersion, i);

      g_string_append_printf (out, "%s%dr%d", i > 0 ? ", " : "", version->major, version->release);
    }
  return g_string_free (out, FALSE);
}

/* Returns: (transfer none) (nullable): the row of the version table for @major r@release */
const SsaPriceListVersion *
ssa_price_list_find_version (const SsaPriceList *self,
                             int                 major,
                             int                 release)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->versions->len; i++)
    {
      const SsaPriceListVersion *version =
        &g_array_index (self->versions, SsaPriceListVersion, i);

      if (version->major == major && version->release == release)
        return version;
    }

  return NULL;
}
