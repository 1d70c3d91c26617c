/* ssa-sidebar-model.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ssa-sidebar-model.h"

/* The sidebar's rows as one flat list: each customer (by name) followed by its
 * installations (by name), then the installations without a customer. Items are the
 * SsaCustomer and SsaInstallation objects themselves.
 *
 * The list is rebuilt whenever a customer or an installation is added or removed, and on
 * ssa_sidebar_model_resort() after a rename; only the stretch between the unchanged head
 * and tail is reported as changed, so that an added row does not redraw the list or lose
 * the selection.
 *
 * Archived customers and installations, and the installations of an archived customer, are
 * left out unless ssa_sidebar_model_set_show_archived() lets them in. */

struct _SsaSidebarModel
{
  GObject     parent_instance;

  GListModel *customers;
  GListModel *installations;
  GPtrArray  *rows;          /* GObject*, a reference each */
  guint       stamp;         /* changes with every rebuild */
  gboolean    show_archived;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SsaSidebarModel, ssa_sidebar_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

typedef struct
{
  GObject    *object;
  const char *key;     /* the object's sort key, borrowed */
  gint64      customer_id;
} Entry;

/* A name's sort key, kept on the object with the name it was made for: making the keys of
 * 20 000 rows takes some 30 ms, and the rows are sorted again with every added or renamed
 * one. */
typedef struct
{
  char *name;
  char *key;
} SortKey;

static void
sort_key_free (gpointer data)
{
  SortKey *sort_key = data;

  g_free (sort_key->name);
  g_free (sort_key->key);
  g_free (sort_key);
}

static const char *
collate_key (GObject    *object,
             const char *name)
{
  static GQuark quark;
  SortKey *sort_key;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("ssa-sidebar-sort-key");

  name = name != NULL ? name : "";
  sort_key = g_object_get_qdata (object, quark);
  if (sort_key == NULL || g_strcmp0 (sort_key->name, name) != 0)
    {
      g_autofree char *folded = g_utf8_casefold (name, -1);

      sort_key = g_new0 (SortKey, 1);
      sort_key->name = g_strdup (name);
      sort_key->key = g_utf8_collate_key (folded, -1);
      g_object_set_qdata_full (object, quark, sort_key, sort_key_free);
    }
  return sort_key->key;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;

  return strcmp (ea->key, eb->key);
}

static GPtrArray *
build_rows (SsaSidebarModel *self)
{
  g_autoptr(GArray) customers = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GArray) installations = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GHashTable) by_customer = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) present = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) archived = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          NULL);
  GPtrArray *rows;
  guint n_customers = g_list_model_get_n_items (self->customers);
  guint n_installations = g_list_model_get_n_items (self->installations);


  for (guint i = 0; i < n_customers; i++)
    {
      g_autoptr(SsaCustomer) customer = g_list_model_get_item (self->customers, i);
      Entry entry = { G_OBJECT (customer), NULL, ssa_customer_get_id (customer) };

      if (ssa_customer_get_archived (customer) && !self->show_archived)
        {
          g_hash_table_add (archived, g_memdup2 (&entry.customer_id, sizeof (gint64)));
          continue;
        }
      entry.key = collate_key (G_OBJECT (customer), ssa_customer_get_name (customer));
      g_array_append_val (customers, entry);
    }
  g_array_sort (customers, compare_entries);
  for (guint i = 0; i < customers->len; i++)
    {
      Entry *entry = &g_array_index (customers, Entry, i);

      g_hash_table_insert (present, &entry->customer_id, entry->object);
    }

  for (guint i = 0; i < n_installations; i++)
    {
      g_autoptr(SsaInstallation) installation = g_list_model_get_item (self->installations, i);
      Entry entry = { G_OBJECT (installation), NULL,
                      ssa_installation_get_customer_id (installation) };

      /* An archived customer's installations go with it. */
      if (!self->show_archived &&
          (ssa_installation_get_archived (installation) ||
           g_hash_table_contains (archived, &entry.customer_id)))
        continue;
      entry.key = collate_key (G_OBJECT (installation), ssa_installation_get_name (installation));
      g_array_append_val (installations, entry);
    }
  g_array_sort (installations, compare_entries);

  /* Group the sorted installations by customer; those whose customer is not loaded come
   * last. The entries' ids live as long as the arrays. */
  for (guint i = 0; i < installations->len; i++)
    {
      Entry *entry = &g_array_index (installations, Entry, i);
      GPtrArray *group;

      if (!g_hash_table_contains (present, &entry->customer_id))
        continue;
      group = g_hash_table_lookup (by_customer, &entry->customer_id);
      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (by_customer, &entry->customer_id, group);
        }
      g_ptr_array_add (group, entry->object);
    }

  rows = g_ptr_array_new_full (n_customers + n_installations, g_object_unref);
  for (guint i = 0; i < customers->len; i++)
    {
      Entry *entry = &g_array_index (customers, Entry, i);
      GPtrArray *group = g_hash_table_lookup (by_customer, &entry->customer_id);

      g_ptr_array_add (rows, g_object_ref (entry->object));
      if (group == NULL)
        continue;
      for (guint j = 0; j < group->len; j++)
        g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (group, j)));
      g_ptr_array_unref (group);
    }
  for (guint i = 0; i < installations->len; i++)
    {
      Entry *entry = &g_array_index (installations, Entry, i);

      if (!g_hash_table_contains (present, &entry->customer_id))
        g_ptr_array_add (rows, g_object_ref (entry->object));
    }

  return rows;
}

static void
rebuild (SsaSidebarModel *self)
{
  g_autoptr(GPtrArray) old = self->rows;
  GPtrArray *rows = build_rows (self);
  guint head = 0;
  guint tail = 0;

  self->rows = rows;
  self->stamp++;

  while (head < old->len && head < rows->len &&
         g_ptr_array_index (old, head) == g_ptr_array_index (rows, head))
    head++;
  while (tail < old->len - head && tail < rows->len - head &&
         g_ptr_array_index (old, old->len - 1 - tail) ==
         g_ptr_array_index (rows, rows->len - 1 - tail))
    tail++;

  if (old->len - head - tail > 0 || rows->len - head - tail > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), head,
                                old->len - head - tail, rows->len - head - tail);
}

static void
source_changed_cb (SsaSidebarModel *self,
                   guint            position,
                   guint            removed,
                   guint            added,
                   GListModel      *source)
{
  rebuild (self);
}

static GType
get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
get_n_items (GListModel *model)
{
  return SSA_SIDEBAR_MODEL (model)->rows->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  SsaSidebarModel *self = SSA_SIDEBAR_MODEL (model);

  if (position >= self->rows->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
ssa_sidebar_model_dispose (GObject *object)
{
  SsaSidebarModel *self = (SsaSidebarModel *)object;

  if (self->customers != NULL)
    g_signal_handlers_disconnect_by_data (self->customers, self);
  if (self->installations != NULL)
    g_signal_handlers_disconnect_by_data (self->installations, self);
  g_clear_object (&self->customers);
  g_clear_object (&self->installations);
  g_ptr_array_set_size (self->rows, 0);

  G_OBJECT_CLASS (ssa_sidebar_model_parent_class)->dispose (object);
}

static void
ssa_sidebar_model_finalize (GObject *object)
{
  SsaSidebarModel *self = (SsaSidebarModel *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (ssa_sidebar_model_parent_class)->finalize (object);
}

static void
ssa_sidebar_model_class_init (SsaSidebarModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ssa_sidebar_model_dispose;
  object_class->finalize = ssa_sidebar_model_finalize;
}

static void
ssa_sidebar_model_init (SsaSidebarModel *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * ssa_sidebar_model_new:
 * @customers: SsaCustomer, as the repository lists them
 * @installations: SsaInstallation, as the repository lists them
 *
 * Returns: (transfer full): the flat list that follows both
 */
SsaSidebarModel *
ssa_sidebar_model_new (GListModel *customers,
                       GListModel *installations)
{
  SsaSidebarModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (customers), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (installations), NULL);

  self = g_object_new (SSA_TYPE_SIDEBAR_MODEL, NULL);
  self->customers = g_object_ref (customers);
  self->installations = g_object_ref (installations);
  g_signal_connect_object (customers, "items-changed", G_CALLBACK (source_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (installations, "items-changed", G_CALLBACK (source_changed_cb), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);
  return self;
}

/* Returns: (transfer none): the customers the model follows */
GListModel *
ssa_sidebar_model_get_customers (SsaSidebarModel *self)
{
  g_return_val_if_fail (SSA_IS_SIDEBAR_MODEL (self), NULL);

  return self->customers;
}

/* Returns: (transfer none): the installations the model follows */
GListModel *
ssa_sidebar_model_get_installations (SsaSidebarModel *self)
{
  g_return_val_if_fail (SSA_IS_SIDEBAR_MODEL (self), NULL);

  return self->installations;
}

/* Sorts the rows again, after a name or an installation's customer changed. */
void
ssa_sidebar_model_resort (SsaSidebarModel *self)
{
  g_return_if_fail (SSA_IS_SIDEBAR_MODEL (self));

  rebuild (self);
}

gboolean
ssa_sidebar_model_get_show_archived (SsaSidebarModel *self)
{
  g_return_val_if_fail (SSA_IS_SIDEBAR_MODEL (self), FALSE);

  return self->show_archived;
}

/* Lets the archived rows in, or leaves them out. */
void
ssa_sidebar_model_set_show_archived (SsaSidebarModel *self,
                                     gboolean         show_archived)
{
  g_return_if_fail (SSA_IS_SIDEBAR_MODEL (self));

  show_archived = !!show_archived;
  if (self->show_archived == show_archived)
    return;
  self->show_archived = show_archived;
  rebuild (self);
}

/* A number that changes whenever the rows change: search keys cached against it. */
guint
ssa_sidebar_model_get_stamp (SsaSidebarModel *self)
{
  g_return_val_if_fail (SSA_IS_SIDEBAR_MODEL (self), 0);

  return self->stamp;
}

/**
 * ssa_sidebar_model_peek_rows:
 *
 * Returns: (transfer none) (element-type GObject): the rows, in order: each customer followed
 *   by its installations, then the installations without a customer. Valid until the
 *   model changes; for the sidebar's filter, which walks them on every keystroke.
 */
GPtrArray *
ssa_sidebar_model_peek_rows (SsaSidebarModel *self)
{
  g_return_val_if_fail (SSA_IS_SIDEBAR_MODEL (self), NULL);

  return self->rows;
}
