/* ssa-customer.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ssa-customer.h"
#include "ssa-object-private.h"
#include "ssa-watch-private.h"
#include "ssa-org-no.h"

/* A reseller's customer, as the window lists and edits it. Every text is nullable. */

struct _SsaCustomer
{
  GObject  parent_instance;

  gint64   id;
  gint64   version;   /* of its row when read; 0: not read from a database */
  char    *name;
  char    *org_no;
  char    *address;
  char    *contact;
  char    *email;
  char    *notes;
  SsaVatStatus vat_status;
  gboolean archived;
  char    *sort_key;    /* made on first use; dropped when the name changes */
  SsaWatchFunc watch_func;  /* see ssa-watch-private.h */
  gpointer watch_data;
};

G_DEFINE_FINAL_TYPE (SsaCustomer, ssa_customer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ORG_NO,
  PROP_VALID_ORG_NO,
  PROP_ADDRESS,
  PROP_CONTACT,
  PROP_EMAIL,
  PROP_NOTES,
  PROP_VAT_STATUS,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (SsaCustomer  *self,
            char        **field,
            const char   *value,
            guint         prop_id)
{
  if (ssa_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
ssa_customer_finalize (GObject *object)
{
  SsaCustomer *self = (SsaCustomer *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->org_no, g_free);
  g_clear_pointer (&self->address, g_free);
  g_clear_pointer (&self->contact, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->notes, g_free);

  g_clear_pointer (&self->sort_key, g_free);

  G_OBJECT_CLASS (ssa_customer_parent_class)->finalize (object);
}

static void
ssa_customer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SsaCustomer *self = SSA_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ORG_NO:
      g_value_set_string (value, self->org_no);
      break;

    case PROP_VALID_ORG_NO:
      g_value_set_boolean (value, ssa_customer_get_valid_org_no (self));
      break;

    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;

    case PROP_CONTACT:
      g_value_set_string (value, self->contact);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_VAT_STATUS:
      g_value_set_int (value, self->vat_status);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_customer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SsaCustomer *self = SSA_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID:
      ssa_customer_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      ssa_customer_set_name (self, g_value_get_string (value));
      break;

    case PROP_ORG_NO:
      ssa_customer_set_org_no (self, g_value_get_string (value));
      break;

    case PROP_ADDRESS:
      ssa_customer_set_address (self, g_value_get_string (value));
      break;

    case PROP_CONTACT:
      ssa_customer_set_contact (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      ssa_customer_set_email (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      ssa_customer_set_notes (self, g_value_get_string (value));
      break;

    case PROP_VAT_STATUS:
      ssa_customer_set_vat_status (self, g_value_get_int (value));
      break;

    case PROP_ARCHIVED:
      ssa_customer_set_archived (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_customer_notify (GObject    *object,
                  GParamSpec *pspec)
{
  SsaCustomer *self = (SsaCustomer *) object;

  if (self->watch_func != NULL)
    self->watch_func (object, pspec, self->watch_data);
  if (G_OBJECT_CLASS (ssa_customer_parent_class)->notify != NULL)
    G_OBJECT_CLASS (ssa_customer_parent_class)->notify (object, pspec);
}

static void
ssa_customer_class_init (SsaCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->notify = ssa_customer_notify;
  object_class->finalize = ssa_customer_finalize;
  object_class->get_property = ssa_customer_get_property;
  object_class->set_property = ssa_customer_set_property;

  /* The database row, 0 while the customer is not saved. */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The Norwegian organisation number as typed; optional. */
  properties[PROP_ORG_NO] =
    g_param_spec_string ("org-no", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Whether org-no passes the check, or is empty; notified when a new org-no changes it. */
  properties[PROP_VALID_ORG_NO] =
    g_param_spec_boolean ("valid-org-no", NULL, NULL,
                          TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CONTACT] =
    g_param_spec_string ("contact", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* An SsaVatStatus: registered for VAT (MVA-registrert), not, or not known. */
  properties[PROP_VAT_STATUS] =
    g_param_spec_int ("vat-status", NULL, NULL,
                      SSA_VAT_UNKNOWN, SSA_VAT_NOT_REGISTERED, SSA_VAT_UNKNOWN,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Put away: kept with its history, but out of the sidebar and the renewals unless the
   * archived are shown. Stored by ssa_repository_set_archived(), not by a write-through. */
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_customer_init (SsaCustomer *self)
{
}

SsaCustomer *
ssa_customer_new (void)
{
  return g_object_new (SSA_TYPE_CUSTOMER, NULL);
}

/**
 * ssa_customer_new_from_info:
 * @info: the customer of an inventory
 *
 * Returns: (transfer full): a new, unsaved (id 0) customer with @info's values, no notes;
 *   it keeps no pointer into @info.
 */
SsaCustomer *
ssa_customer_new_from_info (const SsaCustomerInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return g_object_new (SSA_TYPE_CUSTOMER,
                       "name", info->name,
                       "org-no", info->org_no,
                       "address", info->address,
                       "contact", info->contact,
                       "email", info->email,
                       "vat-status", (int) info->vat,
                       NULL);
}

/**
 * ssa_customer_to_info:
 * @self: a customer
 * @info: an initialised customer info (zeroed, or filled in, as in an SsaInventory)
 *
 * Replaces the fields of @info with copies of @self's values, freeing what @info held, so
 * that `ssa_customer_to_info (customer, &inventory->customer)` completes an inventory made by
 * ssa_installation_to_inventory(). The id and notes have no place in it.
 */
void
ssa_customer_to_info (SsaCustomer     *self,
                      SsaCustomerInfo *info)
{
  g_return_if_fail (SSA_IS_CUSTOMER (self));
  g_return_if_fail (info != NULL);

  g_free (info->name);
  info->name = g_strdup (self->name);
  g_free (info->org_no);
  info->org_no = g_strdup (self->org_no);
  g_free (info->address);
  info->address = g_strdup (self->address);
  g_free (info->contact);
  info->contact = g_strdup (self->contact);
  g_free (info->email);
  info->email = g_strdup (self->email);
  info->vat = self->vat_status;
}

gint64
ssa_customer_get_id (SsaCustomer *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER (self), 0);

  return self->id;
}

void
ssa_customer_set_id (SsaCustomer *self,
                     gint64       id)
{
  g_return_if_fail (SSA_IS_CUSTOMER (self));
  g_return_if_fail (id >= 0);

  if (self->id == id)
    return;

  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
ssa_customer_get_name (SsaCustomer *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER (self), NULL);

  return self->name;
}

void
ssa_customer_set_name (SsaCustomer *self,
                       const char  *name)
{
  g_return_if_fail (SSA_IS_CUSTOMER (self));

  if (g_strcmp0 (self->name, name) != 0)
    g_clear_pointer (&self->sort_key, g_free);
  set_string (self, &self->name, name, PROP_NAME);
}

/**
 * ssa_customer_get_sort_key:
 * @self: a customer
 *
 * The key lists sort it by: its name, case-folded and collated for the locale; compare
 * keys with strcmp(). Kept until the name changes. Safe in a worker thread while @self is
 * shared with nobody.
 *
 * Returns: (transfer none): the key
 */
const char *
ssa_customer_get_sort_key (SsaCustomer *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER (self), NULL);

  if (self->sort_key == NULL)
    self->sort_key = ssa_make_sort_key (self->name);
  return self->sort_key;
}

const char *
ssa_customer_get_org_no (SsaCustomer *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER (self), NULL);

  return self->org_no;
}

void
ssa_customer_set_org_no (SsaCustomer *self,
                         const char  *org_no)
{
  gboolean was_valid;

  g_return_if_fail (SSA_IS_CUSTOMER (self));

  was_valid = ssa_customer_get_valid_org_no (self);

  g_object_freeze_notify (G_OBJECT (self));
  set_string (self, &self->org_no, org_no, PROP_ORG_NO);
  if (ssa_customer_get_valid_org_no (self) != was_valid)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID_ORG_NO]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * ssa_customer_get_valid_org_no:
 * @self: a customer
 *
 * Returns: whether the organisation number passes the Norwegian check; an empty or unset
 *   one counts as valid, since the number is optional.
 */
gboolean
ssa_customer_get_valid_org_no (SsaCustomer *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER (self), FALSE);

  return self->org_no == NULL || self->org_no[0] == '\0' || ssa_org_no_is_valid (self->org_no);
}

const char *
ssa_customer_get_address (SsaCustomer *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER (self), NULL);

  return self->address;
}

void
ssa_customer_set_address (SsaCustomer *self,
                          const char  *address)
{
  g_return_if_fail (SSA_IS_CUSTOMER (self));

  set_string (self, &self->address, address, PROP_ADDRESS);
}

const char *
ssa_customer_get_contact (SsaCustomer *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER (self), NULL);

  return self->contact;
}

void
ssa_customer_set_contact (SsaCustomer *self,
                          const char  *contact)
{
  g_return_if_fail (SSA_IS_CUSTOMER (self));

  set_string (self, &self->contact, contact, PROP_CONTACT);
}

const char *
ssa_customer_get_email (SsaCustomer *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER (self), NULL);

  return self->email;
}

void
ssa_customer_set_email (SsaCustomer *self,
                        const char  *email)
{
  g_return_if_fail (SSA_IS_CUSTOMER (self));

  set_string (self, &self->email, email, PROP_EMAIL);
}

const char *
ssa_customer_get_notes (SsaCustomer *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER (self), NULL);

  return self->notes;
}

void
ssa_customer_set_notes (SsaCustomer *self,
                        const char  *notes)
{
  g_return_if_fail (SSA_IS_CUSTOMER (self));

  set_string (self, &self->notes, notes, PROP_NOTES);
}

SsaVatStatus
ssa_customer_get_vat_status (SsaCustomer *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER (self), SSA_VAT_UNKNOWN);

  return self->vat_status;
}

void
ssa_customer_set_vat_status (SsaCustomer  *self,
                             SsaVatStatus  status)
{
  g_return_if_fail (SSA_IS_CUSTOMER (self));
  g_return_if_fail (status >= SSA_VAT_UNKNOWN && status <= SSA_VAT_NOT_REGISTERED);

  if (self->vat_status == status)
    return;
  self->vat_status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VAT_STATUS]);
}

/**
 * ssa_vat_status_to_string:
 * @status: a VAT status
 *
 * Returns: `yes`, `no` or `unknown`, as the command line and CSV files write it
 */
const char *
ssa_vat_status_to_string (SsaVatStatus status)
{
  switch (status)
    {
    case SSA_VAT_REGISTERED:
      return "yes";
    case SSA_VAT_NOT_REGISTERED:
      return "no";
    case SSA_VAT_UNKNOWN:
    default:
      return "unknown";
    }
}

/**
 * ssa_vat_status_from_text:
 * @text: a cell of a customer list
 * @out: (out): the status
 *
 * Reads a VAT registration as customer lists write it, in Bokmål or English and any case:
 * `ja`, `j`, `yes`, `y`, `true`, `1`, `x` or `MVA` for registered; `nei`, `n`, `no`,
 * `false` or `0` for not; `ukjent` or `unknown` for not known.
 *
 * Returns: %FALSE when @text is none of those
 */
gboolean
ssa_vat_status_from_text (const char   *text,
                          SsaVatStatus *out)
{
  static const char * const yes[] = { "ja", "j", "yes", "y", "true", "1", "x", "mva" };
  static const char * const no[] = { "nei", "n", "no", "false", "0" };
  static const char * const unknown[] = { "ukjent", "unknown" };
  g_autofree char *folded = NULL;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  folded = g_utf8_casefold (text, -1);
  g_strstrip (folded);
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_str_equal (folded, yes[i]))
      return (*out = SSA_VAT_REGISTERED, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_str_equal (folded, no[i]))
      return (*out = SSA_VAT_NOT_REGISTERED, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    if (g_str_equal (folded, unknown[i]))
      return (*out = SSA_VAT_UNKNOWN, TRUE);
  return FALSE;
}

gboolean
ssa_customer_get_archived (SsaCustomer *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER (self), FALSE);

  return self->archived;
}

void
ssa_customer_set_archived (SsaCustomer *self,
                           gboolean     archived)
{
  g_return_if_fail (SSA_IS_CUSTOMER (self));

  archived = !!archived;
  if (self->archived == archived)
    return;
  self->archived = archived;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

/* For the repository (ssa-watch-private.h): @func is called on every notify of @self,
 * before its handlers; %NULL stops it. */
void
ssa_customer_set_watch (SsaCustomer  *self,
                         SsaWatchFunc  func,
                         gpointer      user_data)
{
  g_return_if_fail (SSA_IS_CUSTOMER (self));

  self->watch_func = func;
  self->watch_data = func != NULL ? user_data : NULL;
}

gpointer
ssa_customer_get_watch_data (SsaCustomer *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER (self), NULL);

  return self->watch_data;
}

/**
 * ssa_customer_get_version:
 *
 * Returns: the version of the row this was read at (counted up by each change of it in the
 *   database), which a save is based on; 0 when it was not read from a database
 */
gint64
ssa_customer_get_version (SsaCustomer *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER (self), 0);

  return self->version;
}

/* Not a property: a new version is no change of the values, and writes nothing. */
void
ssa_customer_set_version (SsaCustomer *self,
                           gint64      version)
{
  g_return_if_fail (SSA_IS_CUSTOMER (self));
  g_return_if_fail (version >= 0);

  self->version = version;
}
