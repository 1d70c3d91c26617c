/* ssa-installation.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "ssa-installation.h"
#include "ssa-installation-private.h"
#include "ssa-object-private.h"
#include "ssa-watch-private.h"

/* One customer installation with its licence lines, as the window lists and edits it: the
 * GObject twin of SsaInventory. The customer is a row of its own (SsaCustomer); the
 * installation refers to it by customer-id and carries its name for lists.
 *
 * A large reseller has half a million licence lines, of which the window shows those of
 * one installation at a time. Lines loaded from the database are therefore kept as
 * SsaStoredLine structs (their codes and names interned) until something asks for the
 * licences: only then are they made SsaLicence objects in a GListStore, which from then on
 * is the installation's one model of its lines. The loader may add stored lines in its
 * thread while the window already lists the installation (ssa-repository.c): stored_lock
 * guards the stored lines and the making of the store, and lines that come after the
 * store was made wait in late_lines for ssa_installation_flush_stored_lines() on the main
 * thread. */

static GMutex stored_lock;

struct _SsaInstallation
{
  GObject        parent_instance;

  gint64         id;
  gint64         version;   /* of its row when read; 0: not read from a database */
  gint64         customer_id;
  char          *customer_name;
  char          *name;
  char          *serial;
  SsaDeployment  deployment;
  const char    *firmware;     /* interned: a few versions among 50 000 installations */
  GDate          ssa_expiry;
  char          *notes;
  gboolean       archived;
  GListStore    *licences;     /* made on first use (licence_store()) */
  SsaStoredLine *stored_lines; /* until the licences are made (a GArray would round its
                                * size up to a power of two: 1 KiB for ten lines) */
  guint          n_stored_lines;
  SsaStoredLine *late_lines;   /* stored after the licences were made: for the main thread */
  guint          n_late_lines;
  char          *sort_key;     /* made on first use; dropped when the name changes */
  SsaWatchFunc   watch_func;   /* see ssa-watch-private.h */
  gpointer       watch_data;
};

G_DEFINE_FINAL_TYPE (SsaInstallation, ssa_installation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CUSTOMER_ID,
  PROP_CUSTOMER_NAME,
  PROP_NAME,
  PROP_SERIAL,
  PROP_DEPLOYMENT,
  PROP_FIRMWARE,
  PROP_SSA_EXPIRY,
  PROP_NOTES,
  PROP_ARCHIVED,
  PROP_LICENCES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (SsaInstallation  *self,
            char            **field,
            const char       *value,
            guint             prop_id)
{
  if (ssa_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_id (SsaInstallation *self,
        gint64          *field,
        gint64           value,
        guint            prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static SsaLicence *
licence_from_stored (const SsaStoredLine *stored)
{
  SsaInventoryLine line = { (char *) stored->code, stored->quantity, { 0, }, { 0, },
                            stored->has_kind, (SsaKind) stored->kind, (char *) stored->name };
  SsaLicence *licence;

  ssa_stored_date_to_gdate (stored->added_on, &line.added_on);
  ssa_stored_date_to_gdate (stored->covered_until, &line.covered_until);
  licence = ssa_licence_new_from_inventory_line (&line);

  ssa_licence_set_id (licence, stored->id);
  return licence;
}

/* The licence lines as a GListStore, made from the stored lines the first time. */
static GListStore *
licence_store (SsaInstallation *self)
{
  g_autofree SsaStoredLine *lines = NULL;
  guint n_lines;

  if (G_LIKELY (self->licences != NULL))
    return self->licences;

  g_mutex_lock (&stored_lock);
  lines = g_steal_pointer (&self->stored_lines);
  n_lines = self->n_stored_lines;
  self->n_stored_lines = 0;
  self->licences = g_list_store_new (SSA_TYPE_LICENCE);
  g_mutex_unlock (&stored_lock);

  if (lines != NULL)
    {
      g_autoptr(GPtrArray) licences = g_ptr_array_new_full (n_lines, g_object_unref);

      for (guint i = 0; i < n_lines; i++)
        g_ptr_array_add (licences, licence_from_stored (&lines[i]));
      g_list_store_splice (self->licences, 0, 0, licences->pdata, licences->len);
    }
  return self->licences;
}

static void
ssa_installation_dispose (GObject *object)
{
  SsaInstallation *self = (SsaInstallation *)object;

  g_clear_object (&self->licences);
  g_mutex_lock (&stored_lock);
  g_clear_pointer (&self->stored_lines, g_free);
  self->n_stored_lines = 0;
  g_clear_pointer (&self->late_lines, g_free);
  self->n_late_lines = 0;
  g_mutex_unlock (&stored_lock);

  G_OBJECT_CLASS (ssa_installation_parent_class)->dispose (object);
}

static void
ssa_installation_finalize (GObject *object)
{
  SsaInstallation *self = (SsaInstallation *)object;

  g_clear_pointer (&self->customer_name, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->serial, g_free);
  g_clear_pointer (&self->notes, g_free);

  g_clear_pointer (&self->sort_key, g_free);

  G_OBJECT_CLASS (ssa_installation_parent_class)->finalize (object);
}

static void
ssa_installation_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  SsaInstallation *self = SSA_INSTALLATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    case PROP_CUSTOMER_NAME:
      g_value_set_string (value, self->customer_name);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_SERIAL:
      g_value_set_string (value, self->serial);
      break;

    case PROP_DEPLOYMENT:
      g_value_set_enum (value, self->deployment);
      break;

    case PROP_FIRMWARE:
      g_value_set_string (value, self->firmware);
      break;

    case PROP_SSA_EXPIRY:
      g_value_set_boxed (value, ssa_installation_get_ssa_expiry (self));
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    case PROP_LICENCES:
      g_value_set_object (value, licence_store (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_installation_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SsaInstallation *self = SSA_INSTALLATION (object);

  switch (prop_id)
    {
    case PROP_ID:
      ssa_installation_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_CUSTOMER_ID:
      ssa_installation_set_customer_id (self, g_value_get_int64 (value));
      break;

    case PROP_CUSTOMER_NAME:
      ssa_installation_set_customer_name (self, g_value_get_string (value));
      break;

    case PROP_NAME:
      ssa_installation_set_name (self, g_value_get_string (value));
      break;

    case PROP_SERIAL:
      ssa_installation_set_serial (self, g_value_get_string (value));
      break;

    case PROP_DEPLOYMENT:
      ssa_installation_set_deployment (self, g_value_get_enum (value));
      break;

    case PROP_FIRMWARE:
      ssa_installation_set_firmware (self, g_value_get_string (value));
      break;

    case PROP_SSA_EXPIRY:
      ssa_installation_set_ssa_expiry (self, g_value_get_boxed (value));
      break;

    case PROP_NOTES:
      ssa_installation_set_notes (self, g_value_get_string (value));
      break;

    case PROP_ARCHIVED:
      ssa_installation_set_archived (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_installation_notify (GObject    *object,
                      GParamSpec *pspec)
{
  SsaInstallation *self = (SsaInstallation *) object;

  if (self->watch_func != NULL)
    self->watch_func (object, pspec, self->watch_data);
  if (G_OBJECT_CLASS (ssa_installation_parent_class)->notify != NULL)
    G_OBJECT_CLASS (ssa_installation_parent_class)->notify (object, pspec);
}

static void
ssa_installation_class_init (SsaInstallationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->notify = ssa_installation_notify;
  object_class->dispose = ssa_installation_dispose;
  object_class->finalize = ssa_installation_finalize;
  object_class->get_property = ssa_installation_get_property;
  object_class->set_property = ssa_installation_set_property;

  /* The database row, 0 while the installation is not saved. */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The customer's database row, 0 when there is none yet. */
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CUSTOMER_NAME] =
    g_param_spec_string ("customer-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SERIAL] =
    g_param_spec_string ("serial", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_DEPLOYMENT] =
    g_param_spec_enum ("deployment", NULL, NULL,
                       SSA_TYPE_DEPLOYMENT,
                       SSA_DEPLOYMENT_APPLIANCE,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The firmware version as written, e.g. "14r2 sr3". */
  properties[PROP_FIRMWARE] =
    g_param_spec_string ("firmware", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The last day the SSA is paid for; NULL when absent. */
  properties[PROP_SSA_EXPIRY] =
    g_param_spec_boxed ("ssa-expiry", NULL, NULL,
                        G_TYPE_DATE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* The SsaLicence lines; the model itself never changes, only its items. */
  properties[PROP_LICENCES] =
    g_param_spec_object ("licences", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* Put away: kept with its history, but out of the sidebar and the renewals unless the
   * archived are shown. Stored by ssa_repository_set_archived(), not by a write-through. */
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_installation_init (SsaInstallation *self)
{
  self->deployment = SSA_DEPLOYMENT_APPLIANCE;
  g_date_clear (&self->ssa_expiry, 1);
}

SsaInstallation *
ssa_installation_new (void)
{
  return g_object_new (SSA_TYPE_INSTALLATION, NULL);
}

/**
 * ssa_installation_new_from_inventory:
 * @inventory: an installation's plain values
 *
 * Makes an unsaved installation (id and customer-id 0, no notes) with @inventory's values and
 * a licence for each of its lines. Of the customer only the name is kept: make an
 * SsaCustomer with ssa_customer_new_from_info() for the rest.
 *
 * Returns: (transfer full): the installation; it keeps no pointer into @inventory.
 */
SsaInstallation *
ssa_installation_new_from_inventory (const SsaInventory *inventory)
{
  g_autoptr(SsaInstallation) self = NULL;
  g_autoptr(GPtrArray) licences = NULL;

  g_return_val_if_fail (inventory != NULL, NULL);
  g_return_val_if_fail (inventory->deployment <= SSA_DEPLOYMENT_RENTAL, NULL);
  g_return_val_if_fail (inventory->lines != NULL, NULL);

  licences = g_ptr_array_new_full (inventory->lines->len, g_object_unref);
  for (guint i = 0; i < inventory->lines->len; i++)
    {
      const SsaInventoryLine *line = &g_array_index (inventory->lines, SsaInventoryLine, i);
      SsaLicence *licence = ssa_licence_new_from_inventory_line (line);

      g_return_val_if_fail (licence != NULL, NULL);
      g_ptr_array_add (licences, licence);
    }

  self = g_object_new (SSA_TYPE_INSTALLATION,
                       "customer-name", inventory->customer.name,
                       "name", inventory->name,
                       "serial", inventory->serial,
                       "deployment", inventory->deployment,
                       "firmware", inventory->firmware,
                       NULL);
  ssa_installation_set_ssa_expiry (self, &inventory->ssa_expiry);
  g_list_store_splice (licence_store (self), 0, 0, licences->pdata, licences->len);

  return g_steal_pointer (&self);
}

/**
 * ssa_installation_to_inventory:
 * @self: an installation
 *
 * Makes the plain values of @self for the offer calculator and the installation file. The
 * customer's name is customer-name; the other customer fields are %NULL (fill them in with
 * ssa_customer_to_info()). The id, customer-id and notes have no place in an inventory.
 *
 * Returns: (transfer full): a new inventory, free it with ssa_inventory_free().
 */
SsaInventory *
ssa_installation_to_inventory (SsaInstallation *self)
{
  g_autoptr(SsaInventory) inventory = NULL;
  guint n_licences;

  g_return_val_if_fail (SSA_IS_INSTALLATION (self), NULL);

  inventory = ssa_inventory_new ();
  inventory->customer.name = g_strdup (self->customer_name);
  inventory->name = g_strdup (self->name);
  inventory->serial = g_strdup (self->serial);
  inventory->deployment = self->deployment;
  inventory->firmware = g_strdup (self->firmware);
  inventory->ssa_expiry = self->ssa_expiry;

  n_licences = g_list_model_get_n_items (G_LIST_MODEL (licence_store (self)));
  for (guint i = 0; i < n_licences; i++)
    {
      g_autoptr(SsaLicence) licence = g_list_model_get_item (G_LIST_MODEL (self->licences), i);
      SsaInventoryLine line;

      ssa_licence_to_inventory_line (licence, &line);
      ssa_inventory_add_line (inventory, &line);
      g_free (line.code);
      g_free (line.name);
    }

  return g_steal_pointer (&inventory);
}

gint64
ssa_installation_get_id (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), 0);

  return self->id;
}

void
ssa_installation_set_id (SsaInstallation *self,
                         gint64           id)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));
  g_return_if_fail (id >= 0);

  set_id (self, &self->id, id, PROP_ID);
}

gint64
ssa_installation_get_customer_id (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), 0);

  return self->customer_id;
}

void
ssa_installation_set_customer_id (SsaInstallation *self,
                                  gint64           customer_id)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));
  g_return_if_fail (customer_id >= 0);

  set_id (self, &self->customer_id, customer_id, PROP_CUSTOMER_ID);
}

const char *
ssa_installation_get_customer_name (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), NULL);

  return self->customer_name;
}

void
ssa_installation_set_customer_name (SsaInstallation *self,
                                    const char      *customer_name)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));

  set_string (self, &self->customer_name, customer_name, PROP_CUSTOMER_NAME);
}

const char *
ssa_installation_get_name (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), NULL);

  return self->name;
}

void
ssa_installation_set_name (SsaInstallation *self,
                           const char      *name)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));

  if (g_strcmp0 (self->name, name) != 0)
    g_clear_pointer (&self->sort_key, g_free);
  set_string (self, &self->name, name, PROP_NAME);
}

/**
 * ssa_installation_get_sort_key:
 * @self: a installation
 *
 * The key lists sort it by: its name, case-folded and collated for the locale; compare
 * keys with strcmp(). Kept until the name changes. Safe in a worker thread while @self is
 * shared with nobody.
 *
 * Returns: (transfer none): the key
 */
const char *
ssa_installation_get_sort_key (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), NULL);

  if (self->sort_key == NULL)
    self->sort_key = ssa_make_sort_key (self->name);
  return self->sort_key;
}

const char *
ssa_installation_get_serial (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), NULL);

  return self->serial;
}

void
ssa_installation_set_serial (SsaInstallation *self,
                             const char      *serial)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));

  set_string (self, &self->serial, serial, PROP_SERIAL);
}

SsaDeployment
ssa_installation_get_deployment (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), SSA_DEPLOYMENT_APPLIANCE);

  return self->deployment;
}

void
ssa_installation_set_deployment (SsaInstallation *self,
                                 SsaDeployment    deployment)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));
  g_return_if_fail (deployment <= SSA_DEPLOYMENT_RENTAL);

  if (self->deployment == deployment)
    return;

  self->deployment = deployment;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEPLOYMENT]);
}

const char *
ssa_installation_get_firmware (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), NULL);

  return self->firmware;
}

void
ssa_installation_set_firmware (SsaInstallation *self,
                               const char      *firmware)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));

  if (g_strcmp0 (self->firmware, firmware) == 0)
    return;
  self->firmware = g_intern_string (firmware);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRMWARE]);
}

/**
 * ssa_installation_get_ssa_expiry:
 * @self: an installation
 *
 * Returns: (transfer none) (nullable): the last day the SSA is paid for, or %NULL when
 *   there is none; valid until the date changes.
 */
const GDate *
ssa_installation_get_ssa_expiry (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), NULL);

  return ssa_get_date (&self->ssa_expiry);
}

/**
 * ssa_installation_set_ssa_expiry:
 * @self: an installation
 * @ssa_expiry: (nullable): a day, or %NULL or a cleared GDate for none
 */
void
ssa_installation_set_ssa_expiry (SsaInstallation *self,
                                 const GDate     *ssa_expiry)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));

  if (ssa_set_date (&self->ssa_expiry, ssa_expiry))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SSA_EXPIRY]);
}

const char *
ssa_installation_get_notes (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), NULL);

  return self->notes;
}

void
ssa_installation_set_notes (SsaInstallation *self,
                            const char      *notes)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));

  set_string (self, &self->notes, notes, PROP_NOTES);
}

/**
 * ssa_installation_get_licences:
 * @self: an installation
 *
 * Returns: (transfer none): the licence lines, a list of SsaLicence in inventory order. It is
 *   the same model for the installation's whole life; change it with
 *   ssa_installation_add_licence() and ssa_installation_remove_licence().
 */
GListModel *
ssa_installation_get_licences (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), NULL);

  return G_LIST_MODEL (licence_store (self));
}

/**
 * ssa_installation_add_licence:
 * @self: an installation
 * @licence: a licence line, not in another installation
 *
 * Appends @licence to the licence lines; @self takes a reference.
 */
void
ssa_installation_add_licence (SsaInstallation *self,
                              SsaLicence      *licence)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));
  g_return_if_fail (SSA_IS_LICENCE (licence));

  g_list_store_append (licence_store (self), licence);
}

void
ssa_installation_remove_licence (SsaInstallation *self,
                                 guint            position)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));
  g_return_if_fail (position < g_list_model_get_n_items (G_LIST_MODEL (licence_store (self))));

  g_list_store_remove (self->licences, position);
}

/* Puts @licence back at @position (or last, if there are fewer lines now), as an Undo of
 * ssa_installation_remove_licence() does. */
void
ssa_installation_insert_licence (SsaInstallation *self,
                                 guint            position,
                                 SsaLicence      *licence)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));
  g_return_if_fail (SSA_IS_LICENCE (licence));

  position = MIN (position, g_list_model_get_n_items (G_LIST_MODEL (licence_store (self))));
  g_list_store_insert (licence_store (self), position, licence);
}

gboolean
ssa_installation_get_archived (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), FALSE);

  return self->archived;
}

void
ssa_installation_set_archived (SsaInstallation *self,
                               gboolean         archived)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));

  archived = !!archived;
  if (self->archived == archived)
    return;
  self->archived = archived;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

static void
append_lines (SsaStoredLine       **array,
              guint                *n,
              const SsaStoredLine  *lines,
              guint                 n_lines)
{
  *array = g_renew (SsaStoredLine, *array, *n + n_lines);
  memcpy (*array + *n, lines, n_lines * sizeof *lines);
  *n += n_lines;
}

/**
 * ssa_installation_add_stored_lines: (skip)
 * @self: an installation
 * @lines: (array length=n_lines): lines as read from the database, @self's next ones
 * @n_lines: how many
 *
 * Appends lines as the database loader reads them, without making objects of them while
 * nobody has asked for the licences; their codes and names must be interned
 * (g_intern_string()). For the loader, in any thread: lines added after the licences were
 * asked for wait for ssa_installation_flush_stored_lines().
 */
void
ssa_installation_add_stored_lines (SsaInstallation     *self,
                                   const SsaStoredLine *lines,
                                   guint                n_lines)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));

  if (n_lines == 0)
    return;
  g_mutex_lock (&stored_lock);
  if (self->licences != NULL)
    append_lines (&self->late_lines, &self->n_late_lines, lines, n_lines);
  else
    append_lines (&self->stored_lines, &self->n_stored_lines, lines, n_lines);
  g_mutex_unlock (&stored_lock);
}

/**
 * ssa_installation_flush_stored_lines: (skip)
 * @self: an installation
 *
 * On the main thread, once the loader is done: appends to the licences the lines it added
 * after they were asked for.
 */
void
ssa_installation_flush_stored_lines (SsaInstallation *self)
{
  g_autofree SsaStoredLine *lines = NULL;
  guint n_lines;

  g_return_if_fail (SSA_IS_INSTALLATION (self));

  g_mutex_lock (&stored_lock);
  lines = g_steal_pointer (&self->late_lines);
  n_lines = self->n_late_lines;
  self->n_late_lines = 0;
  g_mutex_unlock (&stored_lock);

  if (lines != NULL)
    {
      g_autoptr(GPtrArray) licences = g_ptr_array_new_full (n_lines, g_object_unref);

      for (guint i = 0; i < n_lines; i++)
        g_ptr_array_add (licences, licence_from_stored (&lines[i]));
      g_list_store_splice (self->licences,
                           g_list_model_get_n_items (G_LIST_MODEL (self->licences)), 0,
                           licences->pdata, licences->len);
    }
}

/* For the repository (ssa-watch-private.h): @func is called on every notify of @self,
 * before its handlers; %NULL stops it. */
void
ssa_installation_set_watch (SsaInstallation *self,
                            SsaWatchFunc     func,
                            gpointer         user_data)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));

  self->watch_func = func;
  self->watch_data = func != NULL ? user_data : NULL;
}

gpointer
ssa_installation_get_watch_data (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), NULL);

  return self->watch_data;
}

/**
 * ssa_installation_get_version:
 *
 * Returns: the version of the row this was read at (counted up by each change of it in the
 *   database), which a save is based on; 0 when it was not read from a database
 */
gint64
ssa_installation_get_version (SsaInstallation *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION (self), 0);

  return self->version;
}

/* Not a property: a new version is no change of the values, and writes nothing. */
void
ssa_installation_set_version (SsaInstallation *self,
                               gint64          version)
{
  g_return_if_fail (SSA_IS_INSTALLATION (self));
  g_return_if_fail (version >= 0);

  self->version = version;
}
