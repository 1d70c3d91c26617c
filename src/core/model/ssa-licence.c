/* ssa-licence.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gi18n.h>

#include "ssa-error.h"
#include "ssa-licence.h"
#include "ssa-object-private.h"

/* One licence line of an installation, as the window lists and edits it: the GObject twin of
 * SsaInventoryLine. Its dates are GDate values that are absent when unset (g_date_clear);
 * as properties they are G_TYPE_DATE boxes, NULL when absent. */

struct _SsaLicence
{
  GObject   parent_instance;

  gint64    id;
  gint64    version;   /* of its row when read; 0: not read from a database */
  char     *code;
  char     *name;
  gboolean  has_kind;
  SsaKind   kind;
  gint64    quantity;
  GDate     added_on;
  GDate     covered_until;
};

G_DEFINE_FINAL_TYPE (SsaLicence, ssa_licence, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_NAME,
  PROP_HAS_KIND,
  PROP_KIND,
  PROP_QUANTITY,
  PROP_ADDED_ON,
  PROP_COVERED_UNTIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (SsaLicence  *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  if (ssa_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_date (SsaLicence  *self,
          GDate       *field,
          const GDate *value,
          guint        prop_id)
{
  if (ssa_set_date (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
ssa_licence_finalize (GObject *object)
{
  SsaLicence *self = (SsaLicence *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->name, g_free);

  G_OBJECT_CLASS (ssa_licence_parent_class)->finalize (object);
}

static void
ssa_licence_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  SsaLicence *self = SSA_LICENCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_HAS_KIND:
      g_value_set_boolean (value, self->has_kind);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_QUANTITY:
      g_value_set_int64 (value, self->quantity);
      break;

    case PROP_ADDED_ON:
      g_value_set_boxed (value, ssa_get_date (&self->added_on));
      break;

    case PROP_COVERED_UNTIL:
      g_value_set_boxed (value, ssa_get_date (&self->covered_until));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_licence_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  SsaLicence *self = SSA_LICENCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      ssa_licence_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CODE:
      ssa_licence_set_code (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      ssa_licence_set_name (self, g_value_get_string (value));
      break;

    case PROP_HAS_KIND:
      ssa_licence_set_has_kind (self, g_value_get_boolean (value));
      break;

    case PROP_KIND:
      ssa_licence_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_QUANTITY:
      ssa_licence_set_quantity (self, g_value_get_int64 (value));
      break;

    case PROP_ADDED_ON:
      ssa_licence_set_added_on (self, g_value_get_boxed (value));
      break;

    case PROP_COVERED_UNTIL:
      ssa_licence_set_covered_until (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_licence_class_init (SsaLicenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ssa_licence_finalize;
  object_class->get_property = ssa_licence_get_property;
  object_class->set_property = ssa_licence_set_property;

  /* The database row, 0 while the line is not saved. */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The line's own name, for a product that is not in the price list; nullable. */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether the line says its own kind; kind means nothing while this is FALSE. */
  properties[PROP_HAS_KIND] =
    g_param_spec_boolean ("has-kind", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       SSA_TYPE_KIND,
                       SSA_KIND_SWITCHBOARD,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_QUANTITY] =
    g_param_spec_int64 ("quantity", NULL, NULL,
                        1, SSA_INVENTORY_MAX_QUANTITY, 1,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The day these licences were bought; NULL when absent. */
  properties[PROP_ADDED_ON] =
    g_param_spec_boxed ("added-on", NULL, NULL,
                        G_TYPE_DATE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The last day the SSA covers this line, when it differs from the installation's
   * ssa-expiry; NULL when absent. */
  properties[PROP_COVERED_UNTIL] =
    g_param_spec_boxed ("covered-until", NULL, NULL,
                        G_TYPE_DATE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_licence_init (SsaLicence *self)
{
  self->kind = SSA_KIND_SWITCHBOARD;
  self->quantity = 1;
  g_date_clear (&self->added_on, 1);
  g_date_clear (&self->covered_until, 1);
}

/**
 * ssa_licence_validate_quantity:
 * @quantity: a number of licences the user typed
 * @error: return location for an error
 *
 * Checks that @quantity is a licence line's quantity (1 to %SSA_INVENTORY_MAX_QUANTITY),
 * before it is given to ssa_licence_set_quantity(), which refuses other values as a
 * programming error.
 *
 * Returns: %TRUE when it is; otherwise %FALSE with @error set to %SSA_ERROR_INVALID and a
 *   message for the user.
 */
gboolean
ssa_licence_validate_quantity (gint64   quantity,
                               GError **error)
{
  g_autofree char *text = NULL;

  if (quantity >= 1 && quantity <= SSA_INVENTORY_MAX_QUANTITY)
    return TRUE;

  text = g_strdup_printf ("%" G_GINT64_FORMAT, quantity);
  g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
               /* Translators: %s is the number the user entered. */
               _("The quantity %s is not possible: enter a whole number from 1 to 1 000 000."),
               text);
  return FALSE;
}

SsaLicence *
ssa_licence_new (void)
{
  return g_object_new (SSA_TYPE_LICENCE, NULL);
}

/**
 * ssa_licence_new_from_inventory_line:
 * @line: a licence line of an inventory, with a valid quantity
 *
 * Returns: (transfer full): a new, unsaved (id 0) licence with @line's values; it keeps no
 *   pointer into @line.
 */
SsaLicence *
ssa_licence_new_from_inventory_line (const SsaInventoryLine *line)
{
  SsaLicence *self;

  g_return_val_if_fail (line != NULL, NULL);
  g_return_val_if_fail (ssa_licence_validate_quantity (line->quantity, NULL), NULL);
  g_return_val_if_fail ((guint)line->kind < SSA_N_KINDS, NULL);

  self = g_object_new (SSA_TYPE_LICENCE, NULL);
  self->code = g_strdup (line->code);
  self->name = g_strdup (line->name);
  self->has_kind = !!line->has_kind;
  self->kind = line->kind;
  self->quantity = line->quantity;
  set_date (self, &self->added_on, &line->added_on, PROP_ADDED_ON);
  set_date (self, &self->covered_until, &line->covered_until, PROP_COVERED_UNTIL);

  return self;
}

/**
 * ssa_licence_to_inventory_line:
 * @self: a licence
 * @out: (out caller-allocates): the line to fill in
 *
 * Fills in every field of @out with @self's values. Whatever @out held before is overwritten,
 * not freed. The strings are copies that the caller owns: free `out->code` and `out->name`
 * with g_free() once done (after ssa_inventory_add_line(), which copies them).
 */
void
ssa_licence_to_inventory_line (SsaLicence       *self,
                               SsaInventoryLine *out)
{
  g_return_if_fail (SSA_IS_LICENCE (self));
  g_return_if_fail (out != NULL);

  *out = (SsaInventoryLine) {
    .code = g_strdup (self->code),
    .quantity = self->quantity,
    .added_on = self->added_on,
    .covered_until = self->covered_until,
    .has_kind = self->has_kind,
    .kind = self->kind,
    .name = g_strdup (self->name),
  };
}

gint64
ssa_licence_get_id (SsaLicence *self)
{
  g_return_val_if_fail (SSA_IS_LICENCE (self), 0);

  return self->id;
}

void
ssa_licence_set_id (SsaLicence *self,
                    gint64      id)
{
  g_return_if_fail (SSA_IS_LICENCE (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
ssa_licence_get_code (SsaLicence *self)
{
  g_return_val_if_fail (SSA_IS_LICENCE (self), NULL);

  return self->code;
}

void
ssa_licence_set_code (SsaLicence *self,
                      const char *code)
{
  g_return_if_fail (SSA_IS_LICENCE (self));

  set_string (self, &self->code, code, PROP_CODE);
}

const char *
ssa_licence_get_name (SsaLicence *self)
{
  g_return_val_if_fail (SSA_IS_LICENCE (self), NULL);

  return self->name;
}

void
ssa_licence_set_name (SsaLicence *self,
                      const char *name)
{
  g_return_if_fail (SSA_IS_LICENCE (self));

  set_string (self, &self->name, name, PROP_NAME);
}

gboolean
ssa_licence_get_has_kind (SsaLicence *self)
{
  g_return_val_if_fail (SSA_IS_LICENCE (self), FALSE);

  return self->has_kind;
}

void
ssa_licence_set_has_kind (SsaLicence *self,
                          gboolean    has_kind)
{
  g_return_if_fail (SSA_IS_LICENCE (self));

  has_kind = !!has_kind;
  if (self->has_kind == has_kind)
    return;

  self->has_kind = has_kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_KIND]);
}

SsaKind
ssa_licence_get_kind (SsaLicence *self)
{
  g_return_val_if_fail (SSA_IS_LICENCE (self), SSA_KIND_SWITCHBOARD);

  return self->kind;
}

/* Setting the kind leaves has-kind alone, so that a line converts back to exactly the
 * inventory line it came from. */
void
ssa_licence_set_kind (SsaLicence *self,
                      SsaKind     kind)
{
  g_return_if_fail (SSA_IS_LICENCE (self));
  g_return_if_fail ((guint)kind < SSA_N_KINDS);

  if (self->kind == kind)
    return;

  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

gint64
ssa_licence_get_quantity (SsaLicence *self)
{
  g_return_val_if_fail (SSA_IS_LICENCE (self), 1);

  return self->quantity;
}

/* @quantity must be from 1 to SSA_INVENTORY_MAX_QUANTITY: check what the user typed with
 * ssa_licence_validate_quantity() first. */
void
ssa_licence_set_quantity (SsaLicence *self,
                          gint64      quantity)
{
  g_return_if_fail (SSA_IS_LICENCE (self));
  g_return_if_fail (ssa_licence_validate_quantity (quantity, NULL));

  if (self->quantity == quantity)
    return;

  self->quantity = quantity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUANTITY]);
}

/**
 * ssa_licence_get_added_on:
 * @self: a licence
 *
 * Returns: (transfer none) (nullable): the day these licences were bought, or %NULL when the
 *   line does not say; valid until the date changes.
 */
const GDate *
ssa_licence_get_added_on (SsaLicence *self)
{
  g_return_val_if_fail (SSA_IS_LICENCE (self), NULL);

  return ssa_get_date (&self->added_on);
}

/**
 * ssa_licence_set_added_on:
 * @self: a licence
 * @added_on: (nullable): a day, or %NULL or a cleared GDate for none
 */
void
ssa_licence_set_added_on (SsaLicence  *self,
                          const GDate *added_on)
{
  g_return_if_fail (SSA_IS_LICENCE (self));

  set_date (self, &self->added_on, added_on, PROP_ADDED_ON);
}

/**
 * ssa_licence_get_covered_until:
 * @self: a licence
 *
 * Returns: (transfer none) (nullable): the line's own coverage end, or %NULL when the line
 *   does not say; valid until the date changes.
 */
const GDate *
ssa_licence_get_covered_until (SsaLicence *self)
{
  g_return_val_if_fail (SSA_IS_LICENCE (self), NULL);

  return ssa_get_date (&self->covered_until);
}

/**
 * ssa_licence_set_covered_until:
 * @self: a licence
 * @covered_until: (nullable): a day, or %NULL or a cleared GDate for none
 */
void
ssa_licence_set_covered_until (SsaLicence  *self,
                               const GDate *covered_until)
{
  g_return_if_fail (SSA_IS_LICENCE (self));

  set_date (self, &self->covered_until, covered_until, PROP_COVERED_UNTIL);
}

/**
 * ssa_licence_get_version:
 *
 * Returns: the version of the row this was read at (counted up by each change of it in the
 *   database), which a save is based on; 0 when it was not read from a database
 */
gint64
ssa_licence_get_version (SsaLicence *self)
{
  g_return_val_if_fail (SSA_IS_LICENCE (self), 0);

  return self->version;
}

/* Not a property: a new version is no change of the values, and writes nothing. */
void
ssa_licence_set_version (SsaLicence *self,
                          gint64     version)
{
  g_return_if_fail (SSA_IS_LICENCE (self));
  g_return_if_fail (version >= 0);

  self->version = version;
}
