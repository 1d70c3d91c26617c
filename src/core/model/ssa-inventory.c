/* ssa-inventory.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-error.h"
#include "ssa-inventory.h"
#include "ssa-json-guard.h"
#include "ssa-json-guard-private.h"
#include "ssa-limits.h"
#include "ssa-org-no.h"

G_DEFINE_BOXED_TYPE (SsaInventory, ssa_inventory, ssa_inventory_copy, ssa_inventory_free)

static void
line_clear (gpointer data)
{
  SsaInventoryLine *line = data;

  g_clear_pointer (&line->code, g_free);
  g_clear_pointer (&line->name, g_free);
}

static void
line_copy (const SsaInventoryLine *src,
           SsaInventoryLine       *dest)
{
  *dest = *src;
  dest->code = g_strdup (src->code);
  dest->name = g_strdup (src->name);
}

static void
customer_clear (SsaCustomerInfo *customer)
{
  g_clear_pointer (&customer->name, g_free);
  g_clear_pointer (&customer->org_no, g_free);
  g_clear_pointer (&customer->address, g_free);
  g_clear_pointer (&customer->contact, g_free);
  g_clear_pointer (&customer->email, g_free);
}

/**
 * ssa_inventory_new:
 *
 * Returns: (transfer full): an empty appliance installation without SSA expiry
 */
SsaInventory *
ssa_inventory_new (void)
{
  SsaInventory *self = g_new0 (SsaInventory, 1);

  self->deployment = SSA_DEPLOYMENT_APPLIANCE;
  g_date_clear (&self->ssa_expiry, 1);
  self->lines = g_array_new (FALSE, TRUE, sizeof (SsaInventoryLine));
  g_array_set_clear_func (self->lines, line_clear);

  return self;
}

/* Returns: (transfer full): a deep copy of @self */
SsaInventory *
ssa_inventory_copy (const SsaInventory *self)
{
  SsaInventory *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = ssa_inventory_new ();
  copy->customer.name = g_strdup (self->customer.name);
  copy->customer.org_no = g_strdup (self->customer.org_no);
  copy->customer.address = g_strdup (self->customer.address);
  copy->customer.contact = g_strdup (self->customer.contact);
  copy->customer.email = g_strdup (self->customer.email);
  copy->customer.vat = self->customer.vat;
  copy->name = g_strdup (self->name);
  copy->serial = g_strdup (self->serial);
  copy->deployment = self->deployment;
  copy->firmware = g_strdup (self->firmware);
  copy->ssa_expiry = self->ssa_expiry;

  for (guint i = 0; i < self->lines->len; i++)
    ssa_inventory_add_line (copy, &g_array_index (self->lines, SsaInventoryLine, i));

  return copy;
}

void
ssa_inventory_free (SsaInventory *self)
{
  if (self == NULL)
    return;

  customer_clear (&self->customer);
  g_free (self->name);
  g_free (self->serial);
  g_free (self->firmware);
  g_array_unref (self->lines);
  g_free (self);
}

/* Appends a copy of @line: @self does not keep a reference to it or its strings. */
void
ssa_inventory_add_line (SsaInventory           *self,
                        const SsaInventoryLine *line)
{
  SsaInventoryLine copy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (line != NULL);

  line_copy (line, &copy);
  g_array_append_val (self->lines, copy);
}

/* Optional text that is empty counts as absent: exporters write "" for an empty entry. */
static void
read_optional_text (const SsaJsonScope  *scope,
                    const char          *member,
                    char               **out)
{
  char *text = NULL;

  if (ssa_json_scope_get_text (scope, member, SSA_JSON_OPTIONAL, 0, &text) && text[0] == '\0')
    g_clear_pointer (&text, g_free);

  *out = text;
}

static void
read_customer (SsaInventory       *self,
               const SsaJsonScope *root)
{
  SsaJsonScope scope = { root->problems, NULL, NULL, "customer" };

  scope.object = ssa_json_scope_get_object (root, "customer", SSA_JSON_OPTIONAL);
  if (scope.object == NULL)
    return;

  read_optional_text (&scope, "name", &self->customer.name);
  read_optional_text (&scope, "org_no", &self->customer.org_no);
  if (self->customer.org_no != NULL && !ssa_org_no_is_valid (self->customer.org_no))
    ssa_json_scope_problem (&scope, "org_no",
                            _("must be a Norwegian organisation number of 9 digits "
                              "such as “988077917”"));
  read_optional_text (&scope, "address", &self->customer.address);
  read_optional_text (&scope, "contact", &self->customer.contact);
  read_optional_text (&scope, "email", &self->customer.email);
}

static void
read_deployment (SsaInventory       *self,
                 const SsaJsonScope *root)
{
  JsonNode *node = ssa_json_scope_get_node (root, "deployment", SSA_JSON_REQUIRED);

  if (node == NULL)
    return;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      !ssa_deployment_from_string (json_node_get_string (node), &self->deployment))
    ssa_json_scope_problem (root, "deployment", _("must be one of appliance, saas, rental"));
}

static void
read_lines (SsaInventory       *self,
            const SsaJsonScope *root)
{
  JsonArray *array = ssa_json_scope_get_array (root, "licenses", SSA_JSON_REQUIRED);
  guint n_items;

  if (array == NULL)
    return;

  n_items = json_array_get_length (array);
  for (guint i = 0; i < n_items; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autofree char *context = ssa_json_item_context ("licenses", i, item, "code");
      SsaJsonScope scope = { root->problems, NULL, context, NULL };
      SsaInventoryLine line = { NULL, };

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          ssa_json_problems_add (root->problems, context, NULL, _("must be an object"));
          continue;
        }
      scope.object = json_node_get_object (item);

      g_date_clear (&line.added_on, 1);
      g_date_clear (&line.covered_until, 1);

      ssa_json_scope_get_text (&scope, "code", SSA_JSON_REQUIRED | SSA_JSON_NON_EMPTY,
                               SSA_JSON_CODE_MAX_CHARS, &line.code);
      ssa_json_scope_get_int (&scope, "quantity", SSA_JSON_REQUIRED,
                              SSA_LIMIT_MIN_QUANTITY, SSA_LIMIT_MAX_QUANTITY,
                              _("must be a whole number from 1 to 1 000 000"),
                              &line.quantity);
      if (!ssa_json_scope_get_date (&scope, "added_on", SSA_JSON_OPTIONAL, &line.added_on))
        g_date_clear (&line.added_on, 1);
      if (!ssa_json_scope_get_date (&scope, "covered_until", SSA_JSON_OPTIONAL,
                                    &line.covered_until))
        g_date_clear (&line.covered_until, 1);
      line.has_kind = ssa_json_scope_get_kind (&scope, "kind", SSA_JSON_OPTIONAL, &line.kind);
      read_optional_text (&scope, "name", &line.name);

      /* Appended even when invalid: the document is refused whole if anything is wrong,
       * and the array owns the strings either way. */
      g_array_append_val (self->lines, line);
    }
}

/* Refuses more licence lines than an installation may have before any line is read. */
static gboolean
check_n_lines (JsonObject  *root,
               const char  *what,
               GError     **error)
{
  JsonNode *node = json_object_get_member (root, "licenses");

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return TRUE;
  return ssa_limits_check_lines (json_array_get_length (json_node_get_array (node)), what, error);
}

/**
 * ssa_inventory_new_from_data:
 * @data: the document
 * @length: its length in bytes
 * @what: the document's name for errors: a file name
 * @error: return location for an error
 *
 * Parses and checks an `ssa-desk-installation/1` document. The firmware version is not
 * checked: an unknown one is a warning of the offer, not an error. The error lists every
 * problem found (up to a limit), one a line.
 *
 * Returns: (transfer full): the inventory, or %NULL with @error set
 */
SsaInventory *
ssa_inventory_new_from_data (const char  *data,
                             gsize        length,
                             const char  *what,
                             GError     **error)
{
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(SsaInventory) self = NULL;
  SsaJsonProblems problems;
  SsaJsonScope root;
  gboolean ok;

  g_return_val_if_fail (what != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root_node = ssa_json_guard_parse (data, length, what, error);
  if (root_node == NULL)
    return NULL;

  if (!ssa_json_check_format (json_node_get_object (root_node), SSA_INSTALLATION_FORMAT,
                              what, error))
    return NULL;

  if (!check_n_lines (json_node_get_object (root_node), what, error))
    return NULL;

  self = ssa_inventory_new ();
  ssa_json_problems_init (&problems, what);
  root = (SsaJsonScope) { &problems, json_node_get_object (root_node), NULL, NULL };

  read_customer (self, &root);
  read_optional_text (&root, "name", &self->name);
  read_optional_text (&root, "serial", &self->serial);
  read_deployment (self, &root);
  read_optional_text (&root, "firmware", &self->firmware);
  if (!ssa_json_scope_get_date (&root, "ssa_expiry", SSA_JSON_OPTIONAL, &self->ssa_expiry))
    g_date_clear (&self->ssa_expiry, 1);
  read_lines (self, &root);

  ok = ssa_json_problems_propagate (&problems, error);
  ssa_json_problems_clear (&problems);
  if (!ok)
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ssa_inventory_new_from_file:
 * @path: a file name
 * @error: return location for an error
 *
 * Like ssa_inventory_new_from_data(), for a file; errors name the file.
 *
 * Returns: (transfer full): the inventory, or %NULL with @error set
 */
SsaInventory *
ssa_inventory_new_from_file (const char  *path,
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
  return ssa_inventory_new_from_data (data, length, display, error);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

static void
add_text (JsonBuilder *builder,
          const char  *member,
          const char  *text)
{
  if (!has_text (text))
    return;

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

static void
add_date (JsonBuilder *builder,
          const char  *member,
          const GDate *date)
{
  g_autofree char *iso = NULL;

  if (!ssa_date_is_set (date))
    return;

  iso = ssa_date_to_iso (date);
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, iso);
}

/**
 * ssa_inventory_to_json:
 * @self: an inventory
 *
 * Writes @self as an `ssa-desk-installation/1` document, pretty-printed with the fields in
 * the order of the format's example. Absent (%NULL or empty) fields are left out, so that
 * ssa_inventory_new_from_data() reads back an equal inventory.
 *
 * Returns: (transfer full): the document, ending with a newline
 */
char *
ssa_inventory_to_json (const SsaInventory *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  const SsaCustomerInfo *customer;
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  customer = &self->customer;
  builder = json_builder_new_immutable ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, SSA_INSTALLATION_FORMAT);

  if (has_text (customer->name) || has_text (customer->org_no) ||
      has_text (customer->address) || has_text (customer->contact) ||
      has_text (customer->email))
    {
      json_builder_set_member_name (builder, "customer");
      json_builder_begin_object (builder);
      add_text (builder, "name", customer->name);
      add_text (builder, "org_no", customer->org_no);
      add_text (builder, "address", customer->address);
      add_text (builder, "contact", customer->contact);
      add_text (builder, "email", customer->email);
      json_builder_end_object (builder);
    }

  add_text (builder, "name", self->name);
  add_text (builder, "serial", self->serial);
  json_builder_set_member_name (builder, "deployment");
  json_builder_add_string_value (builder, ssa_deployment_to_string (self->deployment));
  add_text (builder, "firmware", self->firmware);
  add_date (builder, "ssa_expiry", &self->ssa_expiry);

  json_builder_set_member_name (builder, "licenses");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->lines->len; i++)
    {
      const SsaInventoryLine *line = &g_array_index (self->lines, SsaInventoryLine, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "code");
      json_builder_add_string_value (builder, line->code != NULL ? line->code : "");
      json_builder_set_member_name (builder, "quantity");
      json_builder_add_int_value (builder, line->quantity);
      add_date (builder, "added_on", &line->added_on);
      add_date (builder, "covered_until", &line->covered_until);
      if (line->has_kind)
        {
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, ssa_kind_to_string (line->kind));
        }
      add_text (builder, "name", line->name);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_indent_char (generator, ' ');
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  return g_strconcat (text, "\n", NULL);
}
