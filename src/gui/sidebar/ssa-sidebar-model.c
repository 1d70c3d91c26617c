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
 * left out unless ssa_sidebar_model_set_show_archived() lets them in.
 *
 * A large database streams in (ssa-repository.c): customers in sorted order, a slice at a
 * time, each slice followed by its customers' installations. Such an append only adds rows
 * at the end, and the model then sorts only the new rows and appends them, instead of
 * sorting 75 000 rows again for every slice. Any other change, and an append while rows
 * are left out or of rows to leave out, rebuilds the list.
 *
 * An append changes the rows array in place, from ssa_sidebar_model_get_changed_from() on:
 * copying 75 000 rows (a reference each) for every slice of 600 made the slices' cost grow
 * with the rows listed, to some 15 ms each at the end of a 50 000-installation load. A
 * rebuild makes a new array, so that whoever kept the old one can compare. */

struct _SsaSidebarModel
{
  GObject     parent_instance;

  GListModel *customers;
  GListModel *installations;
  GPtrArray  *rows;          /* GObject*, a reference each */
  GHashTable *present;       /* gint64* (owned) -> SsaCustomer*: the customers in rows */
  guint       n_orphans;     /* the installations without a customer, at the end of rows */
  guint       stamp;         /* changes with every change of the rows */
  guint       changed_from;  /* the rows before it are as they were before the last change */
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
  g_autoptr(GHashTable) archived = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          NULL);
  GHashTable *present = self->present;
  GPtrArray *rows;
  guint n_customers = g_list_model_get_n_items (self->customers);
  guint n_installations = g_list_model_get_n_items (self->installations);


  for (guint i = 0; i < n_customers; i++)
    {
      g_autoptr(SsaCustomer) customer = g_list_model_get_item (self->customers, i);
      Entry entry = { G_OBJECT (customer), ssa_customer_get_sort_key (customer),
                      ssa_customer_get_id (customer) };

      if (ssa_customer_get_archived (customer) && !self->show_archived)
        {
          g_hash_table_add (archived, g_memdup2 (&entry.customer_id, sizeof (gint64)));
          continue;
        }
      g_array_append_val (customers, entry);
    }
  g_array_sort (customers, compare_entries);
  g_hash_table_remove_all (present);
  for (guint i = 0; i < customers->len; i++)
    {
      Entry *entry = &g_array_index (customers, Entry, i);

      g_hash_table_insert (present, g_memdup2 (&entry->customer_id, sizeof (gint64)),
                           entry->object);
    }

  for (guint i = 0; i < n_installations; i++)
    {
      g_autoptr(SsaInstallation) installation = g_list_model_get_item (self->installations, i);
      Entry entry = { G_OBJECT (installation), ssa_installation_get_sort_key (installation),
                      ssa_installation_get_customer_id (installation) };

      /* An archived customer's installations go with it. */
      if (!self->show_archived &&
          (ssa_installation_get_archived (installation) ||
           g_hash_table_contains (archived, &entry.customer_id)))
        continue;
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
  self->n_orphans = 0;
  for (guint i = 0; i < installations->len; i++)
    {
      Entry *entry = &g_array_index (installations, Entry, i);

      if (!g_hash_table_contains (present, &entry->customer_id))
        {
          g_ptr_array_add (rows, g_object_ref (entry->object));
          self->n_orphans++;
        }
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
  self->changed_from = 0;

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

/* The new items of an append, @first on, with their keys, sorted. */
static GArray *
new_entries (GListModel *source,
             guint       first)
{
  guint n = g_list_model_get_n_items (source);
  GArray *entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), n - first);

  for (guint i = first; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (source, i);
      Entry entry = { item, NULL, 0 };

      if (SSA_IS_CUSTOMER (item))
        {
          entry.key = ssa_customer_get_sort_key (SSA_CUSTOMER (item));
          entry.customer_id = ssa_customer_get_id (SSA_CUSTOMER (item));
        }
      else
        {
          entry.key = ssa_installation_get_sort_key (SSA_INSTALLATION (item));
          entry.customer_id = ssa_installation_get_customer_id (SSA_INSTALLATION (item));
        }
      /* The source keeps the item alive. */
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entries);
  return entries;
}

/* A customer's installations in append_installations(), NULL when it has none. */
static void
free_group (gpointer group)
{
  if (group != NULL)
    g_ptr_array_unref (group);
}

static const char *
row_key (GObject *row)
{
  return SSA_IS_CUSTOMER (row) ? ssa_customer_get_sort_key (SSA_CUSTOMER (row))
                               : ssa_installation_get_sort_key (SSA_INSTALLATION (row));
}

/* Customers appended that all sort after the last one listed (and no installation waits
 * for them among those without a customer): their rows go at the end. */
static gboolean
append_customers (SsaSidebarModel *self,
                  guint            first)
{
  g_autoptr(GArray) entries = new_entries (self->customers, first);
  guint old_len = self->rows->len;
  GObject *last = NULL;

  if (self->n_orphans > 0)
    return FALSE;
  for (guint i = old_len; i > 0 && last == NULL; i--)
    if (SSA_IS_CUSTOMER (g_ptr_array_index (self->rows, i - 1)))
      last = g_ptr_array_index (self->rows, i - 1);
  if (last != NULL &&
      strcmp (g_array_index (entries, Entry, 0).key, row_key (last)) <= 0)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      if (g_hash_table_contains (self->present, &entry->customer_id))
        return FALSE;
    }
  /* In place: the rows before stay as they are. */
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      g_hash_table_insert (self->present, g_memdup2 (&entry->customer_id, sizeof (gint64)),
                           entry->object);
      g_ptr_array_add (self->rows, g_object_ref (entry->object));
    }
  self->stamp++;
  self->changed_from = old_len;
  g_list_model_items_changed (G_LIST_MODEL (self), old_len, 0, entries->len);
  return TRUE;
}

/* Installations appended that belong to the customers at the end of the list that have no
 * installations yet, or to no customer listed (and sort after those already without one):
 * only those customers' rows and what follows them change. */
static gboolean
append_installations (SsaSidebarModel *self,
                      guint            first)
{
  g_autoptr(GArray) entries = new_entries (self->installations, first);
  g_autoptr(GHashTable) tail = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) tail_ids = NULL;
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) orphans = g_ptr_array_new ();
  g_autoptr(GPtrArray) tail_rows = NULL;
  GPtrArray *rows = self->rows;
  guint old_len = rows->len;
  guint start = old_len;
  guint n_tail;

  /* The customers at the end without installations. After installations without a
   * customer there are none. */
  if (self->n_orphans == 0)
    while (start > 0 && SSA_IS_CUSTOMER (g_ptr_array_index (rows, start - 1)))
      start--;
  n_tail = old_len - start;
  tail_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_tail);
  for (guint i = start; i < old_len; i++)
    {
      gint64 id = ssa_customer_get_id (g_ptr_array_index (rows, i));

      g_array_append_val (tail_ids, id);
    }
  for (guint i = 0; i < n_tail; i++)
    g_hash_table_insert (tail, &g_array_index (tail_ids, gint64, i), GUINT_TO_POINTER (i + 1));

  /* Each new installation (sorted) to its customer's group, or to those without one. */
  groups = g_ptr_array_new_full (n_tail, free_group);
  g_ptr_array_set_size (groups, n_tail);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (tail, &entry->customer_id));

      if (slot != 0)
        {
          if (g_ptr_array_index (groups, slot - 1) == NULL)
            g_ptr_array_index (groups, slot - 1) = g_ptr_array_new ();
          g_ptr_array_add (g_ptr_array_index (groups, slot - 1), entry->object);
        }
      else if (g_hash_table_contains (self->present, &entry->customer_id))
        return FALSE;
      else
        g_ptr_array_add (orphans, entry->object);
    }
  if (orphans->len > 0 && self->n_orphans > 0 &&
      strcmp (row_key (g_ptr_array_index (orphans, 0)),
              row_key (g_ptr_array_index (rows, old_len - 1))) < 0)
    return FALSE;

  /* The tail again, in place: each of its customers with its installations, then those
   * without. The tail's customers keep their references. */
  tail_rows = g_ptr_array_sized_new (n_tail);
  for (guint i = start; i < old_len; i++)
    g_ptr_array_add (tail_rows, g_ptr_array_index (rows, i));
  g_ptr_array_set_free_func (rows, NULL);
  g_ptr_array_set_size (rows, start);
  g_ptr_array_set_free_func (rows, g_object_unref);
  for (guint i = 0; i < n_tail; i++)
    {
      GPtrArray *group = g_ptr_array_index (groups, i);

      g_ptr_array_add (rows, g_ptr_array_index (tail_rows, i));
      for (guint j = 0; group != NULL && j < group->len; j++)
        g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (group, j)));
    }
  for (guint i = 0; i < orphans->len; i++)
    g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (orphans, i)));
  self->n_orphans += orphans->len;
  self->stamp++;
  self->changed_from = start;
  g_list_model_items_changed (G_LIST_MODEL (self), start, n_tail, n_tail + entries->len);
  return TRUE;
}

/* Whether an item appended to @source, @first on, is one the list leaves out: archived,
 * while the archived are not shown. */
static gboolean
appended_archived (SsaSidebarModel *self,
                   GListModel      *source,
                   guint            first)
{
  guint n = g_list_model_get_n_items (source);

  if (self->show_archived)
    return FALSE;
  for (guint i = first; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (source, i);

      if (SSA_IS_CUSTOMER (item) ? ssa_customer_get_archived (SSA_CUSTOMER (item))
                                 : ssa_installation_get_archived (SSA_INSTALLATION (item)))
        return TRUE;
    }
  return FALSE;
}

static void
source_changed_cb (SsaSidebarModel *self,
                   guint            position,
                   guint            removed,
                   guint            added,
                   GListModel      *source)
{
  /* An append to the end of a source, to rows already in step with the sources. */
  if (removed == 0 && added > 0 && position + added == g_list_model_get_n_items (source) &&
      self->rows->len + added == g_list_model_get_n_items (self->customers) +
                                 g_list_model_get_n_items (self->installations) &&
      !appended_archived (self, source, position))
    {
      if (source == self->customers ? append_customers (self, position)
                                    : append_installations (self, position))
        return;
    }
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
  g_clear_pointer (&self->present, g_hash_table_unref);

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
  self->present = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
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
 * ssa_sidebar_model_get_changed_from:
 *
 * Returns: the first row the last change touched: the rows before it are the same objects
 *   in the same array as before that change. 0 after a rebuild, which makes a new array.
 */
guint
ssa_sidebar_model_get_changed_from (SsaSidebarModel *self)
{
  g_return_val_if_fail (SSA_IS_SIDEBAR_MODEL (self), 0);

  return self->changed_from;
}

/**
 * ssa_sidebar_model_peek_rows:
 *
 * Returns: (transfer none) (element-type GObject): the rows, in order: each customer followed
 *   by its installations, then the installations without a customer. A rebuild replaces
 *   the array, an append (a streamed load) changes it in place from
 *   ssa_sidebar_model_get_changed_from() on; for the sidebar's filter, which walks them on
 *   every keystroke.
 */
GPtrArray *
ssa_sidebar_model_peek_rows (SsaSidebarModel *self)
{
  g_return_val_if_fail (SSA_IS_SIDEBAR_MODEL (self), NULL);

  return self->rows;
}
