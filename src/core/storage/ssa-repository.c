/* ssa-repository.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-repository"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <glib/gi18n.h>

#include "ssa-db-inventory.h"
#include "ssa-db-job.h"
#include "ssa-db.h"
#include "ssa-installation-private.h"
#include "ssa-repository.h"
#include "ssa-watch-private.h"

/* The database as list models for the window: customers and installations as GListStores of
 * SsaCustomer and SsaInstallation, each installation with its GListStore of SsaLicence.
 *
 * Loading reads everything in a worker thread over a connection of its own and builds new
 * objects there (nothing the main thread can see yet), then splices each store once on the
 * main thread: one items-changed per store, however many rows.
 *
 * A large database (more than STREAM_MIN_ROWS customers and installations) loaded into
 * empty stores is streamed instead: splicing 75 000 rows at once, and sorting them into
 * the sidebar, held the main loop for some 200 ms. The worker sorts the rows as the sidebar
 * lists them (customers by name, each followed by its installations by name, then those
 * without a customer) and makes their sort keys; the main thread then appends a slice of
 * customers with their installations at a time, a few milliseconds each between frames,
 * so that the window stays responsive and the sidebar fills in order. Once every row is
 * listed and the lines are read, the lines read for installations whose licences were
 * asked for meanwhile join them, and the loader lets go of its objects, also a part a
 * dispatch (at once, 125 000 references and 50 000 locks held the main loop some 6 ms).
 * "load-progress" says how far it is; "loaded" and the load's callback come once
 * everything is in.
 *
 * Edits are written through at once. Setting a property of a loaded customer or installation
 * (directly, or through a binding from a widget) writes its row, in a worker thread through
 * the write queue below (the object shows the new value at once): the repository watches
 * their notifications (ssa-watch-private.h). Licence lines are many (500 000 for a large reseller) and a handler on
 * each would double the time to load: the lines of an installation are watched from the
 * moment ssa_repository_get_licences() hands them out, which is how the window must get the
 * lines it lets the user edit. When the database refuses (a duplicate serial or organisation
 * number, a read-only file, a full disk), the object gets its stored values back and
 * "write-failed" is emitted with the error for the window to show. A dialog that sets
 * several properties at once (the customer and installation editors) wraps them in
 * ssa_repository_begin_edit() and _end_edit(): in between, a notify only marks the object,
 * and ending the edit writes the row once, so that a save is one fsynced transaction and is
 * stored or refused whole. Adding and removing rows goes through the ssa_repository_add_…()
 * and _remove_…() calls; bulk changes (an import) store everything in one transaction and
 * splice once.
 *
 * Every write the window asks goes through the _async() calls and the write-through on
 * notify, which write in a worker thread, one at a time in the order asked (see "Writes
 * off the main thread" below); the synchronous calls remain for tests, and would not wait
 * for the queue. */

struct _SsaRepository
{
  GObject     parent_instance;

  char       *path;
  SsaDb      *db;             /* the main thread's connection, once loaded */
  GListStore *customers;
  GListStore *installations;
  GHashTable *customers_by_id;      /* gint64* -> SsaCustomer*, borrowed from the store */
  GHashTable *installations_by_id;  /* gint64* -> SsaInstallation* */
  GHashTable *watched_licences;     /* SsaInstallation* whose lines are watched */
  GHashTable *edits;          /* GObject* (a reference) -> Edit*, the edits still open */
  guint       reverting;      /* > 0 while the repository itself sets properties */
  GObject    *notifying;      /* the object whose notify is being handled, if any */
  GObject    *refused;        /* weak: its notify is restarted by a refusal's revert() */
  gboolean    loaded;
  gboolean    open_read_only; /* asked for: the next load opens the file read-only */
  gboolean    read_only;      /* every write is refused */
  char       *read_only_reason;
  double      load_progress;  /* 0 to 1 while streaming a load in */
  guint       stream_source;  /* the idle that streams a load in, or 0 */
  GTask      *stream_inner;   /* the load being streamed in: its LoadData */
  GTask      *stream_outer;   /* and the caller's task, returned when all is in */
  GQueue      ops;            /* Op*: writes waiting for a worker, oldest first */
  gboolean    op_running;     /* one write is in a worker */
  gboolean    holding;        /* the application is held until the writes are in */
  GPtrArray  *waiting_loads;  /* GTask*: loads asked while writes were queued */
};

G_DEFINE_FINAL_TYPE (SsaRepository, ssa_repository, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_LOADED,
  PROP_CUSTOMERS,
  PROP_INSTALLATIONS,
  PROP_READ_ONLY,
  PROP_LOAD_PROGRESS,
  N_PROPS
};

enum {
  WRITE_FAILED,
  STORED,
  REFRESHED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char      *path;
  gboolean   read_only;
  SsaDb     *db;
  GPtrArray *customers;
  GThread   *customers_thread; /* reads the customers while this thread reads the rest */
  GError    *customers_error;
  GPtrArray *installations;
  /* Streaming: the rows in the sidebar's order, and how far they are spliced. */
  GPtrArray *sorted;          /* the installations in the sidebar's order, borrowed */
  guint     *group_end;       /* per customer: the end of its installations in sorted */
  guint      next_customer;
  guint      next_installation;
  guint      next_flush;      /* installations whose late lines have joined them */
  gboolean   started;         /* the main thread streams the rows in */
  gboolean   rows_done;       /* every row is spliced */
  gboolean   worker_done;     /* and the lines are in too */
} LoadData;

/* Smaller databases are spliced at once: a few milliseconds. */
#define STREAM_MIN_ROWS   4000
/* Rows spliced a step while streaming, and the main thread's time a dispatch. */
#define STREAM_STEP_ROWS  600
#define STREAM_BUDGET_US  2000

/* An edit opened by ssa_repository_begin_edit(): the object's row is written when it ends. */
typedef struct
{
  guint    depth;       /* begin_edit calls not yet ended */
  gboolean dirty;       /* a stored property changed */
  gboolean relinked;    /* a customer's name or an installation's customer changed */
} Edit;

static void object_notify_cb (GObject       *object,
                              GParamSpec    *pspec,
                              SsaRepository *self);

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->db, ssa_db_close);
  g_assert (data->customers_thread == NULL);
  g_clear_pointer (&data->customers, g_ptr_array_unref);
  g_clear_error (&data->customers_error);
  g_clear_pointer (&data->installations, g_ptr_array_unref);
  g_clear_pointer (&data->sorted, g_ptr_array_unref);
  g_free (data->group_end);
  g_free (data);
}

static int
compare_customers (gconstpointer a,
                   gconstpointer b)
{
  SsaCustomer *ca = *(SsaCustomer * const *) a;
  SsaCustomer *cb = *(SsaCustomer * const *) b;
  int result = strcmp (ssa_customer_get_sort_key (ca), ssa_customer_get_sort_key (cb));
  gint64 ia = ssa_customer_get_id (ca);
  gint64 ib = ssa_customer_get_id (cb);

  return result != 0 ? result : (ia > ib) - (ia < ib);
}

typedef struct
{
  SsaInstallation *installation;
  guint            group;       /* its customer's place in the sorted customers, or past */
} SortedInstallation;

static int
compare_installations (gconstpointer a,
                       gconstpointer b)
{
  const SortedInstallation *sa = a;
  const SortedInstallation *sb = b;
  int result;
  gint64 ia, ib;

  if (sa->group != sb->group)
    return sa->group < sb->group ? -1 : 1;
  result = strcmp (ssa_installation_get_sort_key (sa->installation),
                   ssa_installation_get_sort_key (sb->installation));
  if (result != 0)
    return result;
  ia = ssa_installation_get_id (sa->installation);
  ib = ssa_installation_get_id (sb->installation);
  return (ia > ib) - (ia < ib);
}

/* Puts the loaded rows in the sidebar's order for streaming (see the top of the file). */
static void
sort_for_stream (LoadData  *data,
                 GPtrArray *installations)
{
  g_autoptr(GHashTable) group_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *ids = NULL;
  g_autofree SortedInstallation *sorted = NULL;
  guint n_customers = data->customers->len;
  guint n_installations = installations->len;
  guint group = 0;

  /* The loader finds installations by id in its array: sort a copy, which borrows them from
   * it (a reference each would be 50 000 more to drop on the main thread). */
  data->sorted = g_ptr_array_copy (installations, NULL, NULL);
  g_ptr_array_set_free_func (data->sorted, NULL);
  g_ptr_array_sort (data->customers, compare_customers);
  ids = g_new (gint64, n_customers);
  for (guint i = 0; i < n_customers; i++)
    {
      ids[i] = ssa_customer_get_id (g_ptr_array_index (data->customers, i));
      g_hash_table_insert (group_of, &ids[i], GUINT_TO_POINTER (i + 1));
    }

  sorted = g_new (SortedInstallation, n_installations);
  for (guint i = 0; i < n_installations; i++)
    {
      SsaInstallation *installation = g_ptr_array_index (data->sorted, i);
      gint64 customer_id = ssa_installation_get_customer_id (installation);
      guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (group_of, &customer_id));

      sorted[i].installation = installation;
      sorted[i].group = slot != 0 ? slot - 1 : G_MAXUINT;
    }
  qsort (sorted, n_installations, sizeof *sorted, compare_installations);

  /* The array owns its objects: reorder the pointers without a reference changing hands. */
  data->group_end = g_new (guint, n_customers);
  for (guint i = 0; i < n_installations; i++)
    {
      data->sorted->pdata[i] = sorted[i].installation;
      while (group < n_customers && sorted[i].group > group)
        data->group_end[group++] = i;
    }
  while (group < n_customers)
    data->group_end[group++] = n_installations;
}

static void
watch (SsaRepository *self,
       gpointer       object)
{
  /* Customers and installations are many: a watcher each instead of a handler. */
  if (SSA_IS_CUSTOMER (object))
    ssa_customer_set_watch (object, (SsaWatchFunc) object_notify_cb, self);
  else if (SSA_IS_INSTALLATION (object))
    ssa_installation_set_watch (object, (SsaWatchFunc) object_notify_cb, self);
  else
    g_signal_connect (object, "notify", G_CALLBACK (object_notify_cb), self);
}

static void
unwatch (SsaRepository *self,
         gpointer       object)
{
  if (SSA_IS_CUSTOMER (object))
    {
      if (ssa_customer_get_watch_data (object) == self)
        ssa_customer_set_watch (object, NULL, NULL);
    }
  else if (SSA_IS_INSTALLATION (object))
    {
      if (ssa_installation_get_watch_data (object) == self)
        ssa_installation_set_watch (object, NULL, NULL);
    }
  else
    g_signal_handlers_disconnect_by_func (object, object_notify_cb, self);
}

static void
watch_licences (SsaRepository   *self,
                SsaInstallation *installation)
{
  GListModel *licences = ssa_installation_get_licences (installation);
  guint n = g_list_model_get_n_items (licences);

  if (!g_hash_table_add (self->watched_licences, installation))
    return;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SsaLicence) licence = g_list_model_get_item (licences, i);

      watch (self, licence);
    }
}

static void
unwatch_installation (SsaRepository   *self,
                      SsaInstallation *installation)
{
  unwatch (self, installation);

  if (g_hash_table_remove (self->watched_licences, installation))
    {
      GListModel *licences = ssa_installation_get_licences (installation);
      guint n = g_list_model_get_n_items (licences);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(SsaLicence) licence = g_list_model_get_item (licences, i);

          unwatch (self, licence);
        }
    }
}

static void
unwatch_all (SsaRepository *self)
{
  guint n;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->customers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SsaCustomer) customer = g_list_model_get_item (G_LIST_MODEL (self->customers), i);

      unwatch (self, customer);
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->installations));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SsaInstallation) installation =
        g_list_model_get_item (G_LIST_MODEL (self->installations), i);

      unwatch_installation (self, installation);
    }
  g_hash_table_remove_all (self->watched_licences);
}

static gboolean
is_watched (SsaRepository *self,
            gpointer       object)
{
  if (SSA_IS_CUSTOMER (object))
    return ssa_customer_get_watch_data (object) == self;
  if (SSA_IS_INSTALLATION (object))
    return ssa_installation_get_watch_data (object) == self;
  return g_signal_handler_find (object, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                object_notify_cb, self) != 0;
}

static gint64 *
id_key (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

static gboolean
check_loaded (SsaRepository  *self,
              GError        **error)
{
  if (self->db != NULL)
    return TRUE;

  g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FAILED,
               _("The database is not open yet."));
  return FALSE;
}

/* Refuses a write before it reaches SQLite: a read-only repository (a read-only file, a
 * damaged one, or --read-only) never writes, whatever the file would allow. */
static gboolean
check_writable (SsaRepository  *self,
                GError        **error)
{
  if (!check_loaded (self, error))
    return FALSE;
  if (!self->read_only)
    return TRUE;

  g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY, "%s", self->read_only_reason);
  return FALSE;
}

static void
set_read_only (SsaRepository *self,
               const char    *reason)
{
  gboolean read_only = reason != NULL;

  g_free (self->read_only_reason);
  self->read_only_reason = g_strdup (reason);
  if (self->read_only == read_only)
    return;
  self->read_only = read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/* The installation's licence lines as a store: ssa-installation.c keeps them in one. */
static GListStore *
licence_store (SsaInstallation *installation)
{
  return G_LIST_STORE (ssa_installation_get_licences (installation));
}

/* Gives @installation the name of the customer its customer-id names. */
static void
sync_customer_name (SsaRepository   *self,
                    SsaInstallation *installation)
{
  gint64 customer_id = ssa_installation_get_customer_id (installation);
  SsaCustomer *customer = g_hash_table_lookup (self->customers_by_id, &customer_id);

  ssa_installation_set_customer_name (installation,
                                      customer != NULL ? ssa_customer_get_name (customer) : NULL);
}

static void
copy_licence (SsaLicence *to,
              SsaLicence *from)
{
  ssa_licence_set_code (to, ssa_licence_get_code (from));
  ssa_licence_set_name (to, ssa_licence_get_name (from));
  ssa_licence_set_has_kind (to, ssa_licence_get_has_kind (from));
  ssa_licence_set_kind (to, ssa_licence_get_kind (from));
  ssa_licence_set_quantity (to, ssa_licence_get_quantity (from));
  ssa_licence_set_added_on (to, ssa_licence_get_added_on (from));
  ssa_licence_set_covered_until (to, ssa_licence_get_covered_until (from));
}

static void
copy_installation (SsaInstallation *to,
                   SsaInstallation *from)
{
  ssa_installation_set_customer_id (to, ssa_installation_get_customer_id (from));
  ssa_installation_set_customer_name (to, ssa_installation_get_customer_name (from));
  ssa_installation_set_name (to, ssa_installation_get_name (from));
  ssa_installation_set_serial (to, ssa_installation_get_serial (from));
  ssa_installation_set_deployment (to, ssa_installation_get_deployment (from));
  ssa_installation_set_firmware (to, ssa_installation_get_firmware (from));
  ssa_installation_set_ssa_expiry (to, ssa_installation_get_ssa_expiry (from));
  ssa_installation_set_notes (to, ssa_installation_get_notes (from));
}

static void
copy_customer (SsaCustomer *to,
               SsaCustomer *from)
{
  ssa_customer_set_name (to, ssa_customer_get_name (from));
  ssa_customer_set_org_no (to, ssa_customer_get_org_no (from));
  ssa_customer_set_address (to, ssa_customer_get_address (from));
  ssa_customer_set_contact (to, ssa_customer_get_contact (from));
  ssa_customer_set_email (to, ssa_customer_get_email (from));
  ssa_customer_set_notes (to, ssa_customer_get_notes (from));
  ssa_customer_set_vat_status (to, ssa_customer_get_vat_status (from));
}

/* The version of @object's row it was read or last written at (0: not known). */
static gint64
get_version (GObject *object)
{
  if (SSA_IS_LICENCE (object))
    return ssa_licence_get_version (SSA_LICENCE (object));
  if (SSA_IS_INSTALLATION (object))
    return ssa_installation_get_version (SSA_INSTALLATION (object));
  return ssa_customer_get_version (SSA_CUSTOMER (object));
}

static void
set_version (GObject *object,
             gint64   version)
{
  if (SSA_IS_LICENCE (object))
    ssa_licence_set_version (SSA_LICENCE (object), version);
  else if (SSA_IS_INSTALLATION (object))
    ssa_installation_set_version (SSA_INSTALLATION (object), version);
  else
    ssa_customer_set_version (SSA_CUSTOMER (object), version);
}

/* Gives @object its stored values back after a refused write, and the version they are
 * at: a refusal because someone else changed the row (SSA_DB_ERROR_CONFLICT) shows their
 * values, and saving again is based on their version, so it overwrites their change. */
static void
revert (SsaRepository *self,
        GObject       *object)
{
  self->reverting++;

  if (SSA_IS_LICENCE (object))
    {
      g_autoptr(SsaLicence) stored = ssa_db_load_licence (self->db,
                                                          ssa_licence_get_id (SSA_LICENCE (object)),
                                                          NULL);

      if (stored != NULL)
        {
          copy_licence (SSA_LICENCE (object), stored);
          set_version (object, get_version (G_OBJECT (stored)));
        }
    }
  else if (SSA_IS_INSTALLATION (object))
    {
      g_autoptr(SsaInstallation) stored =
        ssa_db_load_installation (self->db, ssa_installation_get_id (SSA_INSTALLATION (object)),
                                  NULL);

      if (stored != NULL)
        {
          copy_installation (SSA_INSTALLATION (object), stored);
          set_version (object, get_version (G_OBJECT (stored)));
        }
    }
  else if (SSA_IS_CUSTOMER (object))
    {
      g_autoptr(SsaCustomer) stored =
        ssa_db_load_customer (self->db, ssa_customer_get_id (SSA_CUSTOMER (object)), NULL);

      if (stored != NULL)
        {
          copy_customer (SSA_CUSTOMER (object), stored);
          set_version (object, get_version (G_OBJECT (stored)));
        }
    }

  self->reverting--;
}

static void
rename_customer_everywhere (SsaRepository *self,
                            SsaCustomer   *customer)
{
  gint64 id = ssa_customer_get_id (customer);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->installations));

  self->reverting++;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SsaInstallation) installation =
        g_list_model_get_item (G_LIST_MODEL (self->installations), i);

      if (ssa_installation_get_customer_id (installation) == id)
        ssa_installation_set_customer_name (installation, ssa_customer_get_name (customer));
    }
  self->reverting--;
}

/* Whether the property @name of @object is a column of the object's row. */
static gboolean
is_stored (GObject    *object,
           const char *name)
{
  /* Archiving is stored by ssa_repository_set_archived(), on its own. */
  if (g_str_equal (name, "id") || g_str_equal (name, "archived"))
    return FALSE;
  /* The customer's name is the customer's row; the licence lines are rows of their own. */
  if (SSA_IS_INSTALLATION (object))
    return !g_str_equal (name, "customer-name") && !g_str_equal (name, "licences");
  /* It follows from the organisation number. */
  if (SSA_IS_CUSTOMER (object))
    return !g_str_equal (name, "valid-org-no");
  return TRUE;
}

/* Whether a change of @name, once stored, shows on other objects too: a customer's name on
 * its installations, or an installation's customer's name on the installation. */
static gboolean
is_link (GObject    *object,
         const char *name)
{
  return (SSA_IS_CUSTOMER (object) && g_str_equal (name, "name")) ||
         (SSA_IS_INSTALLATION (object) && g_str_equal (name, "customer-id"));
}

/* A detached copy of @object's stored values (not its id, nor an installation's lines),
 * for SsaRepository::stored and ssa_repository_apply_values(). */
static GObject *
copy_values (GObject *object)
{
  if (SSA_IS_LICENCE (object))
    {
      SsaLicence *copy = ssa_licence_new ();

      copy_licence (copy, SSA_LICENCE (object));
      return G_OBJECT (copy);
    }
  if (SSA_IS_INSTALLATION (object))
    {
      SsaInstallation *copy = ssa_installation_new ();

      copy_installation (copy, SSA_INSTALLATION (object));
      return G_OBJECT (copy);
    }
  {
    SsaCustomer *copy = ssa_customer_new ();

    copy_customer (copy, SSA_CUSTOMER (object));
    return G_OBJECT (copy);
  }
}

/* The values of @object's row as stored, for SsaRepository::stored; NULL when it is not
 * there. */
static GObject *
load_stored (SsaRepository *self,
             GObject       *object)
{
  g_autoptr(GObject) stored = NULL;

  if (SSA_IS_LICENCE (object))
    stored = G_OBJECT (ssa_db_load_licence (self->db, ssa_licence_get_id (SSA_LICENCE (object)),
                                            NULL));
  else if (SSA_IS_INSTALLATION (object))
    stored = G_OBJECT (ssa_db_load_installation (self->db,
                                                 ssa_installation_get_id (SSA_INSTALLATION (object)),
                                                 NULL));
  else
    stored = G_OBJECT (ssa_db_load_customer (self->db,
                                             ssa_customer_get_id (SSA_CUSTOMER (object)), NULL));
  /* Without its lines and id, like the copy of the new values. */
  return stored != NULL ? copy_values (stored) : NULL;
}

/* Writes @object's row in one statement, hence one transaction. When the database refuses,
 * @object gets its stored values back and "write-failed" is emitted with the error, which
 * is also returned. @relinked: a change that shows on other objects (is_link()) is in it. */
static gboolean
store (SsaRepository  *self,
       GObject        *object,
       gboolean        relinked,
       GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GObject) before = NULL;
  gboolean ok;

  if (!check_writable (self, &local_error))
    {
      revert (self, object);
      /* "notify" does not recurse: what revert() changed is notified again once this
       * handler returns, and finds the object equal to its row, with nothing to refuse. */
      if (self->notifying == object)
        g_set_weak_pointer (&self->refused, object);
      g_signal_emit (self, signals[WRITE_FAILED], 0, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* What the row held, for an Undo: read only when someone keeps an undo history. */
  if (g_signal_has_handler_pending (self, signals[STORED], 0, FALSE))
    before = load_stored (self, object);

  if (SSA_IS_LICENCE (object))
    ok = ssa_db_update_licence (self->db, SSA_LICENCE (object), &local_error);
  else if (SSA_IS_INSTALLATION (object))
    ok = ssa_db_update_installation (self->db, SSA_INSTALLATION (object), &local_error);
  else
    ok = ssa_db_update_customer (self->db, SSA_CUSTOMER (object), &local_error);

  if (!ok)
    {
      revert (self, object);
      g_signal_emit (self, signals[WRITE_FAILED], 0, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (relinked && SSA_IS_INSTALLATION (object))
    {
      self->reverting++;
      sync_customer_name (self, SSA_INSTALLATION (object));
      self->reverting--;
    }
  else if (relinked && SSA_IS_CUSTOMER (object))
    rename_customer_everywhere (self, SSA_CUSTOMER (object));

  if (before != NULL)
    {
      g_autoptr(GObject) after = copy_values (object);

      g_signal_emit (self, signals[STORED], 0, object, before, after);
    }
  return TRUE;
}

static void store_async (SsaRepository *self,
                         GObject       *object,
                         gboolean       relinked,
                         GTask         *task);

static void
object_notify_cb (GObject       *object,
                  GParamSpec    *pspec,
                  SsaRepository *self)
{
  Edit *edit;

  if (self->refused == object)
    {
      g_clear_weak_pointer (&self->refused);
      return;
    }
  if (self->reverting > 0 || self->db == NULL || !is_stored (object, pspec->name))
    return;

  /* In an open edit the row is written once, when the edit ends. */
  edit = g_hash_table_lookup (self->edits, object);
  if (edit != NULL)
    {
      edit->dirty = TRUE;
      edit->relinked |= is_link (object, pspec->name);
      return;
    }

  /* Written in a worker, after the writes already queued; a refusal puts the stored values
   * back and reaches the window through "write-failed". */
  {
    g_autoptr(GTask) task = g_task_new (self, NULL, NULL, NULL);

    g_task_set_source_tag (task, object_notify_cb);
    store_async (self, object, is_link (object, pspec->name), task);
  }
}

static gboolean rows_ready_cb (gpointer user_data);

typedef struct
{
  GPtrArray *installations;
  guint      first;
  guint      end;
} KeyRange;

static gpointer
make_installation_keys (gpointer user_data)
{
  KeyRange *range = user_data;

  for (guint i = range->first; i < range->end; i++)
    ssa_installation_get_sort_key (g_ptr_array_index (range->installations, i));
  return NULL;
}

/* In the loader's thread, once the installations' rows are read and before their lines:
 * what the main thread needs to list them. A large database is handed to the main thread
 * now, to stream into the window while the lines are read. */
/* The customers on a connection of their own, beside the installations' rows: on two
 * cores that takes their 100 ms or so (25 000 customers) off the time until the sidebar
 * lists rows. They were read outside the installations' transaction before too. */
static gpointer
read_customers_thread (gpointer user_data)
{
  LoadData *data = user_data;
  g_autoptr(SsaDb) db = NULL;

  db = ssa_db_open (data->path,
                    data->read_only ? SSA_DB_OPEN_READ_ONLY : SSA_DB_OPEN_DEFAULT,
                    &data->customers_error);
  if (db != NULL)
    data->customers = ssa_db_load_customers (db, &data->customers_error);
  return NULL;
}

/* Waits for the customers; FALSE when they could not be read (customers_error says why). */
static gboolean
join_customers (LoadData *data)
{
  if (data->customers_thread != NULL)
    g_thread_join (g_steal_pointer (&data->customers_thread));
  return data->customers != NULL;
}

static void
rows_read_cb (GPtrArray *installations,
              gpointer   user_data)
{
  GTask *task = user_data;
  LoadData *data = g_task_get_task_data (task);
  gpointer self = g_task_get_source_object (task);

  /* Without the customers nothing is listed: the load fails with their error. */
  if (!join_customers (data))
    return;

  /* Watching here spares the main thread 75 000 calls, and making the lists' sort keys
   * here some 100 ms; no property of these objects changes before the main thread has
   * them. */
  for (guint i = 0; i < data->customers->len; i++)
    watch (self, g_ptr_array_index (data->customers, i));
  for (guint i = 0; i < installations->len; i++)
    watch (self, g_ptr_array_index (installations, i));
  if (data->customers->len + installations->len <= STREAM_MIN_ROWS)
    {
      for (guint i = 0; i < data->customers->len; i++)
        ssa_customer_get_sort_key (g_ptr_array_index (data->customers, i));
      make_installation_keys (&(KeyRange) { installations, 0, installations->len });
      return;
    }

  /* The keys are the costly part (a few µs each in a Norwegian locale): a second thread
   * makes half of the installations', while the lines are not being read yet. */
  {
    KeyRange half = { installations, installations->len / 2, installations->len };
    GThread *helper = g_thread_new ("ssa-sort-keys", make_installation_keys, &half);

    for (guint i = 0; i < data->customers->len; i++)
      ssa_customer_get_sort_key (g_ptr_array_index (data->customers, i));
    make_installation_keys (&(KeyRange) { installations, 0, installations->len / 2 });
    g_thread_join (helper);
  }

  sort_for_stream (data, installations);
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, rows_ready_cb,
                              g_object_ref (task), g_object_unref);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  GError *error = NULL;

  data->db = ssa_db_open (data->path,
                          data->read_only ? SSA_DB_OPEN_READ_ONLY : SSA_DB_OPEN_DEFAULT, &error);
  if (data->db == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Started once this connection has opened the file (and brought its schema up to
   * date), so that the second one only reads. */
  data->customers_thread = g_thread_new ("ssa-load-customers", read_customers_thread, data);
  data->installations = ssa_db_load_installations_full (data->db, cancellable, rows_read_cb,
                                                        task, &error);
  if (!join_customers (data))
    {
      g_clear_error (&error);
      g_task_return_error (task, g_steal_pointer (&data->customers_error));
      return;
    }
  if (data->installations == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
set_load_progress (SsaRepository *self,
                   double         progress)
{
  if (self->load_progress == progress)
    return;
  self->load_progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOAD_PROGRESS]);
}

static void
set_loaded (SsaRepository *self)
{
#ifdef __GLIBC__
  /* The loader's buffers were freed in its threads' malloc arenas, which keep the pages:
   * give them back (some megabytes with 500 000 licence lines). */
  malloc_trim (0);
#endif
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
}

/* Appends the next slice of a streamed load: customers with their installations, and at
 * the end those without a customer. TRUE while more is left. */
static gboolean
stream_step (SsaRepository *self,
             LoadData      *data)
{
  guint first_customer = data->next_customer;
  guint first_installation = data->next_installation;
  guint end_customer = first_customer;
  guint end_installation = first_installation;
  guint n_old;

  if (first_customer < data->customers->len)
    {
      /* Whole groups, about STREAM_STEP_ROWS rows. */
      while (end_customer < data->customers->len &&
             (end_customer - first_customer) + (end_installation - first_installation) <
             STREAM_STEP_ROWS)
        end_installation = data->group_end[end_customer++];
    }
  else
    end_installation = data->sorted->len;

  for (guint i = first_customer; i < end_customer; i++)
    {
      SsaCustomer *customer = g_ptr_array_index (data->customers, i);

      g_hash_table_insert (self->customers_by_id, id_key (ssa_customer_get_id (customer)),
                           customer);
    }
  for (guint i = first_installation; i < end_installation; i++)
    {
      SsaInstallation *installation = g_ptr_array_index (data->sorted, i);

      g_hash_table_insert (self->installations_by_id,
                           id_key (ssa_installation_get_id (installation)), installation);
    }

  if (end_customer > first_customer)
    {
      n_old = g_list_model_get_n_items (G_LIST_MODEL (self->customers));
      g_list_store_splice (self->customers, n_old, 0, data->customers->pdata + first_customer,
                           end_customer - first_customer);
    }
  if (end_installation > first_installation)
    {
      n_old = g_list_model_get_n_items (G_LIST_MODEL (self->installations));
      g_list_store_splice (self->installations, n_old, 0,
                           data->sorted->pdata + first_installation,
                           end_installation - first_installation);
    }
  data->next_customer = end_customer;
  data->next_installation = end_installation;

  set_load_progress (self, (double) (end_customer + end_installation) /
                           MAX (1, data->customers->len + data->sorted->len));
  return end_customer < data->customers->len ||
         end_installation < data->sorted->len;
}

/* Once every row is listed and the lines are read too. */
static void
stream_done (SsaRepository *self)
{
  g_autoptr(GTask) inner = g_steal_pointer (&self->stream_inner);
  g_autoptr(GTask) outer = g_steal_pointer (&self->stream_outer);

  set_load_progress (self, 1.0);
  set_loaded (self);
  g_task_return_boolean (outer, TRUE);
}

/* Drops up to @n of the references at the end of @array. */
static guint
release_some (GPtrArray *array,
              guint      n)
{
  n = MIN (n, array->len);
  g_ptr_array_set_size (array, array->len - n);
  return n;
}

/* Once every row is spliced and the worker is done: the lines it added to installations
 * whose licences were asked for meanwhile join them, then the loader's references to the
 * objects (which the stores keep) go, until @deadline. TRUE while more is left. */
static gboolean
finish_step (LoadData *data,
             gint64    deadline)
{
  while (data->next_flush < data->installations->len)
    {
      ssa_installation_flush_stored_lines (g_ptr_array_index (data->installations,
                                                              data->next_flush++));
      if (data->next_flush % 1024 == 0 && g_get_monotonic_time () >= deadline)
        return TRUE;
    }
  while (release_some (data->installations, 1024) + release_some (data->customers, 1024) > 0)
    if (g_get_monotonic_time () >= deadline)
      return TRUE;
  return FALSE;
}

static gboolean
stream_cb (gpointer user_data)
{
  SsaRepository *self = user_data;
  LoadData *data = g_task_get_task_data (self->stream_inner);
  gint64 deadline = g_get_monotonic_time () + STREAM_BUDGET_US;

  while (!data->rows_done)
    {
      data->rows_done = !stream_step (self, data);
      if (!data->rows_done && g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }
  /* The worker's load_done_cb() comes back for the rest. */
  if (!data->worker_done)
    {
      self->stream_source = 0;
      return G_SOURCE_REMOVE;
    }
  if (finish_step (data, deadline))
    return G_SOURCE_CONTINUE;
  self->stream_source = 0;
  stream_done (self);
  return G_SOURCE_REMOVE;
}

/* Splices what is left of a streamed load at once: before another load replaces it. */
static void
stream_finish_now (SsaRepository *self)
{
  LoadData *data;

  if (self->stream_inner == NULL)
    return;
  data = g_task_get_task_data (self->stream_inner);
  g_clear_handle_id (&self->stream_source, g_source_remove);
  while (!data->rows_done)
    data->rows_done = !stream_step (self, data);
  if (data->worker_done)
    {
      finish_step (data, G_MAXINT64);
      stream_done (self);
    }
}

/* What every load does first: forget the old rows. */
static void
prepare_rows (SsaRepository *self)
{
  stream_finish_now (self);
  unwatch_all (self);
  g_hash_table_remove_all (self->customers_by_id);
  g_hash_table_remove_all (self->installations_by_id);
}

/* And, once the loader is done with it, take its connection. */
static void
take_db (SsaRepository *self,
         LoadData      *data)
{
  if (self->db == NULL)
    {
      self->db = g_steal_pointer (&data->db);
      if (!self->open_read_only && ssa_db_is_read_only (self->db))
        {
          g_autofree char *reason =
            /* Translators: %s is a sentence that says what is read-only. */
            g_strdup_printf (_("The database cannot be changed: %s Editing is off; make the "
                               "file and its folder writable, then open SSA Desk again."),
                             ssa_db_get_read_only_reason (self->db));

          set_read_only (self, reason);
        }
    }
}

static void
apply_load (SsaRepository *self,
            LoadData      *data)
{
  guint n_old;

  prepare_rows (self);
  take_db (self, data);

  for (guint i = 0; i < data->customers->len; i++)
    {
      SsaCustomer *customer = g_ptr_array_index (data->customers, i);

      g_hash_table_insert (self->customers_by_id, id_key (ssa_customer_get_id (customer)),
                           customer);
    }
  for (guint i = 0; i < data->installations->len; i++)
    {
      SsaInstallation *installation = g_ptr_array_index (data->installations, i);

      g_hash_table_insert (self->installations_by_id,
                           id_key (ssa_installation_get_id (installation)), installation);
    }

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->customers));
  g_list_store_splice (self->customers, 0, n_old, data->customers->pdata, data->customers->len);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->installations));
  g_list_store_splice (self->installations, 0, n_old,
                       data->installations->pdata, data->installations->len);

  set_loaded (self);
}

/* On the main thread, when the loader has read a large database's rows (rows_read_cb()):
 * into empty models, they stream in now; otherwise they wait to replace the models at
 * once when all is read. */
static gboolean
rows_ready_cb (gpointer user_data)
{
  GTask *task = user_data;
  LoadData *data = g_task_get_task_data (task);
  SsaRepository *self = g_task_get_source_object (task);

  if (self->stream_inner != NULL ||
      g_list_model_get_n_items (G_LIST_MODEL (self->customers)) > 0 ||
      g_list_model_get_n_items (G_LIST_MODEL (self->installations)) > 0)
    return G_SOURCE_REMOVE;

  prepare_rows (self);
  set_load_progress (self, 0.0);
  self->stream_inner = g_object_ref (task);
  data->started = TRUE;
  /* The first slice at once: the sidebar lists rows from now on. */
  if (stream_step (self, data))
    self->stream_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, stream_cb, self, NULL);
  else
    data->rows_done = TRUE;
  return G_SOURCE_REMOVE;
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SsaRepository *self = SSA_REPOSITORY (object);
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;
  LoadData *data;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Rows that streamed in stay; the load is not done. */
      if (self->stream_inner == G_TASK (result))
        {
          g_clear_handle_id (&self->stream_source, g_source_remove);
          g_clear_object (&self->stream_inner);
        }
      g_task_return_error (outer, error);
      return;
    }

  data = g_task_get_task_data (G_TASK (result));
  if (data->started && self->stream_inner == G_TASK (result))
    {
      /* The rows are streaming in: the lines are read too now. They join their
       * installations once the rows are in (stream_cb ()). */
      take_db (self, data);
      data->worker_done = TRUE;
      self->stream_outer = g_steal_pointer (&outer);
      if (self->stream_source == 0)
        self->stream_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, stream_cb, self, NULL);
      return;
    }

  apply_load (self, data);
  g_task_return_boolean (outer, TRUE);
}

static void
ssa_repository_dispose (GObject *object)
{
  SsaRepository *self = (SsaRepository *)object;

  if (self->stream_inner != NULL)
    stream_finish_now (self);
  if (self->customers != NULL && self->installations != NULL)
    unwatch_all (self);
  g_clear_weak_pointer (&self->refused);
  g_clear_pointer (&self->customers_by_id, g_hash_table_unref);
  g_clear_pointer (&self->installations_by_id, g_hash_table_unref);
  g_clear_pointer (&self->watched_licences, g_hash_table_unref);
  g_clear_pointer (&self->edits, g_hash_table_unref);
  g_clear_object (&self->customers);
  g_clear_object (&self->installations);

  G_OBJECT_CLASS (ssa_repository_parent_class)->dispose (object);
}

static void
ssa_repository_finalize (GObject *object)
{
  SsaRepository *self = (SsaRepository *)object;

  g_clear_pointer (&self->waiting_loads, g_ptr_array_unref);
  g_clear_pointer (&self->db, ssa_db_close);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);

  G_OBJECT_CLASS (ssa_repository_parent_class)->finalize (object);
}

static void
ssa_repository_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  SsaRepository *self = SSA_REPOSITORY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_LOAD_PROGRESS:
      g_value_set_double (value, self->load_progress);
      break;

    case PROP_CUSTOMERS:
      g_value_set_object (value, self->customers);
      break;

    case PROP_INSTALLATIONS:
      g_value_set_object (value, self->installations);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_repository_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  SsaRepository *self = SSA_REPOSITORY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_free (self->path);
      self->path = g_value_dup_string (value);
      if (self->path == NULL)
        self->path = ssa_db_get_default_path ();
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_repository_class_init (SsaRepositoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ssa_repository_dispose;
  object_class->finalize = ssa_repository_finalize;
  object_class->get_property = ssa_repository_get_property;
  object_class->set_property = ssa_repository_set_property;

  /* The database file; NULL at construction means the window's default database. */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* A GListModel of SsaCustomer, by id (a large database streamed in at start is by name,
   * see the top of ssa-repository.c). The model itself never changes. */
  properties[PROP_CUSTOMERS] =
    g_param_spec_object ("customers", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* A GListModel of SsaInstallation, by id (or streamed in as the sidebar lists them). The
   * model itself never changes. */
  properties[PROP_INSTALLATIONS] =
    g_param_spec_object ("installations", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /* Whether every write is refused (see ssa_repository_set_read_only()); the window binds
   * its editing actions to it. */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* How much of a large database is in the models while it streams in (see the top of
   * ssa-repository.c), from 0 to 1; 1 once loaded. */
  properties[PROP_LOAD_PROGRESS] =
    g_param_spec_double ("load-progress", NULL, NULL,
                         0.0, 1.0, 0.0,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SsaRepository::write-failed:
   * @self: the repository
   * @error: why the database refused an edit
   *
   * Emitted when an edit of a property, or of several grouped by
   * ssa_repository_begin_edit(), could not be written; the object has its stored values
   * again.
   */
  signals[WRITE_FAILED] =
    g_signal_new ("write-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);

  /**
   * SsaRepository::stored:
   * @self: the repository
   * @object: the customer, installation or licence line whose row was written
   * @before: a detached copy of the values the row held before (of the same type)
   * @after: a detached copy of the values written
   *
   * Emitted after an edit was written (a single change, or an edit ended), for an undo
   * history: ssa_repository_apply_values() with @before undoes it. It is emitted for the
   * write ssa_repository_apply_values() makes too: a caller applying an Undo ignores it.
   */
  signals[STORED] =
    g_signal_new ("stored",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_OBJECT, G_TYPE_OBJECT, G_TYPE_OBJECT);

  /**
   * SsaRepository::refreshed:
   * @self: the repository
   * @installation: the installation read again
   *
   * Emitted by ssa_repository_refresh_installation() once the installation and its lines
   * hold what the database holds, after a change made through the database (a licence
   * import, a PBX reading, an accepted offer): views that show what the database adds to
   * it (the PBX's used against owned) read it again.
   */
  signals[REFRESHED] =
    g_signal_new ("refreshed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, SSA_TYPE_INSTALLATION);
}

static void
ssa_repository_init (SsaRepository *self)
{
  self->customers = g_list_store_new (SSA_TYPE_CUSTOMER);
  self->installations = g_list_store_new (SSA_TYPE_INSTALLATION);
  self->customers_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->installations_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->watched_licences = g_hash_table_new (NULL, NULL);
  self->edits = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
}

/**
 * ssa_repository_new:
 * @path: (nullable): the database file, %NULL for the window's default database
 *
 * Makes an empty repository; nothing is read before ssa_repository_load_async().
 *
 * Returns: (transfer full): the repository
 */
SsaRepository *
ssa_repository_new (const char *path)
{
  return g_object_new (SSA_TYPE_REPOSITORY, "path", path, NULL);
}

const char *
ssa_repository_get_path (SsaRepository *self)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), NULL);

  return self->path;
}

gboolean
ssa_repository_get_loaded (SsaRepository *self)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);

  return self->loaded;
}

/* How much of a large database is in the models while it streams in, 0 to 1. */
double
ssa_repository_get_load_progress (SsaRepository *self)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), 0.0);

  return self->load_progress;
}

/**
 * ssa_repository_get_db:
 * @self: a repository
 *
 * Returns: (transfer none) (nullable): the main thread's connection, for what the models do
 *   not cover (offers, price lists, the profile); %NULL before the first load. After
 *   changing installations through it, call ssa_repository_refresh_installation().
 */
SsaDb *
ssa_repository_get_db (SsaRepository *self)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), NULL);

  return self->db;
}

/**
 * ssa_repository_load_async:
 * @self: a repository
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context when done
 * @user_data: for @callback
 *
 * Opens the database (creating or migrating it if need be) and loads every customer,
 * installation and licence line in a worker thread, then replaces the models' contents
 * with one items-changed each (a large database into empty models: streamed in slices, see
 * the top of the file; the callback comes once all is in). Loading again reloads everything.
 */
void
ssa_repository_load_async (SsaRepository       *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  LoadData *data;

  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, ssa_repository_load_async);
  g_task_set_name (outer, "[ssa-desk] load repository");

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (self->path);
  data->read_only = self->open_read_only;
  inner = g_task_new (self, cancellable, load_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, load_thread);
  g_task_set_name (inner, "[ssa-desk] read database");
  g_task_set_task_data (inner, data, (GDestroyNotify) load_data_free);

  /* Writes still queued go first, so that the load reads what they wrote. */
  if (self->op_running || !g_queue_is_empty (&self->ops))
    {
      if (self->waiting_loads == NULL)
        self->waiting_loads = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (self->waiting_loads, g_steal_pointer (&inner));
      return;
    }
  g_task_run_in_thread (inner, load_thread);
}

gboolean
ssa_repository_load_finish (SsaRepository  *self,
                            GAsyncResult   *result,
                            GError        **error)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ssa_repository_load_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ssa_repository_get_customers:
 *
 * Returns: (transfer none): the customers, a GListModel of SsaCustomer
 */
GListModel *
ssa_repository_get_customers (SsaRepository *self)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), NULL);

  return G_LIST_MODEL (self->customers);
}

/**
 * ssa_repository_get_installations:
 *
 * Returns: (transfer none): the installations, a GListModel of SsaInstallation; each has
 *   its licence lines (ssa_installation_get_licences())
 */
GListModel *
ssa_repository_get_installations (SsaRepository *self)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), NULL);

  return G_LIST_MODEL (self->installations);
}

/**
 * ssa_repository_get_licences:
 * @self: a loaded repository
 * @installation: one of its installations
 *
 * Hands out the installation's licence lines for editing: from now on, setting a property
 * of one of them writes it through, like the installations' own properties. The window
 * must show the lines it lets the user edit through this model, not through
 * ssa_installation_get_licences() (the same model, but its lines may not be watched yet).
 *
 * Returns: (transfer none): the installation's licence lines, a GListModel of SsaLicence
 */
GListModel *
ssa_repository_get_licences (SsaRepository   *self,
                             SsaInstallation *installation)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (SSA_IS_INSTALLATION (installation), NULL);

  watch_licences (self, installation);
  return ssa_installation_get_licences (installation);
}

/* Returns: (transfer none) (nullable): the loaded customer with that id */
SsaCustomer *
ssa_repository_find_customer (SsaRepository *self,
                              gint64         id)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), NULL);

  return g_hash_table_lookup (self->customers_by_id, &id);
}

/* Returns: (transfer none) (nullable): the loaded installation with that id */
SsaInstallation *
ssa_repository_find_installation (SsaRepository *self,
                                  gint64         id)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), NULL);

  return g_hash_table_lookup (self->installations_by_id, &id);
}

/**
 * ssa_repository_begin_edit:
 * @self: a repository
 * @object: an #SsaCustomer, #SsaInstallation or #SsaLicence
 *
 * Groups the changes to @object that follow, up to ssa_repository_end_edit(), into one
 * write: until then, setting a property of @object changes the object (and what shows it)
 * but not its row. Use it where several properties change together, such as an editor's
 * Save, so that they are stored in one transaction and refused whole. A single change
 * needs no edit: it is written at once.
 *
 * Edits of one object may nest; the row is written when the outermost one ends. An object
 * the repository does not watch (a new one, not added yet) may be edited too: nothing is
 * written for it.
 */
void
ssa_repository_begin_edit (SsaRepository *self,
                           GObject       *object)
{
  Edit *edit;

  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (SSA_IS_CUSTOMER (object) || SSA_IS_INSTALLATION (object) ||
                    SSA_IS_LICENCE (object));

  edit = g_hash_table_lookup (self->edits, object);
  if (edit == NULL)
    {
      edit = g_new0 (Edit, 1);
      g_hash_table_insert (self->edits, g_object_ref (object), edit);
    }
  edit->depth++;
}

/**
 * ssa_repository_end_edit:
 * @self: a repository
 * @object: an object with an edit open (ssa_repository_begin_edit())
 * @error: (nullable): a #GError
 *
 * Ends the edit of @object. When it was the outermost one and a stored property of @object
 * changed, writes the object's row once, in one transaction. A row that went while the edit
 * was open (removed, or replaced by a load) is not written.
 *
 * When the database refuses the write (a serial or organisation number that is taken, a
 * read-only file, a full disk), @object gets all its stored values back, as after a refused
 * single change, and SsaRepository::write-failed is emitted with the error, for the window
 * to show. The same error is set in @error: a caller that leaves telling the user to the
 * window's handler of that signal passes %NULL.
 *
 * Returns: %FALSE if the database refused the write
 */
gboolean
ssa_repository_end_edit (SsaRepository  *self,
                         GObject        *object,
                         GError        **error)
{
  g_autoptr(GObject) held = NULL;
  Edit *edit;
  gboolean dirty;
  gboolean relinked;

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (object), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  edit = g_hash_table_lookup (self->edits, object);
  g_return_val_if_fail (edit != NULL, FALSE);

  if (--edit->depth > 0)
    return TRUE;

  dirty = edit->dirty;
  relinked = edit->relinked;
  /* The table's reference may be the last one; the write needs the object. */
  held = g_object_ref (object);
  g_hash_table_remove (self->edits, object);

  if (!dirty || self->db == NULL || !is_watched (self, object))
    return TRUE;
  return store (self, object, relinked, error);
}

/* Writes off the main thread.
 *
 * The _async() calls run their SQL in a worker thread, on a connection of its own
 * (ssa_db_job_run_async()), so that the window never waits for SQLite: a write may wait up
 * to SSA_DB_BUSY_TIMEOUT_MS for another process's lock. The worker works on a detached
 * copy of the object (the live one belongs to the main thread and to what shows it), and
 * everything the models need is applied on the main thread when the write is back. Writes
 * run one at a time, in the order they were asked, so that an edit and the removal that
 * follows reach the file in that order. */

typedef struct _Op Op;
typedef void (*OpDoneFunc) (Op           *op,
                            const GError *error);

struct _Op
{
  SsaRepository *self;          /* a reference, until the write is back */
  GTask         *task;          /* the caller's */
  SsaDbJobFunc   work;          /* in the worker: reads and writes op's copies */
  OpDoneFunc     done;          /* on the main thread: applies the write, returns the task */
  GObject       *object;        /* the live object: main thread only (its type for the
                                 * worker) */
  GObject       *snapshot;      /* the worker's copy, with the object's id */
  GObject       *before;        /* the row before the write, for an Undo (worker) */
  GObject       *stored;        /* the row after a refused write (worker) */
  GError        *refusal;       /* refused before SQLite: the worker only reads the row */
  GObject       *owner;         /* a licence line's installation */
  gint64         id;            /* the row to delete */
  GArray        *ids;           /* the installations deleted with a customer (worker) */
  gboolean       want_before;
  gboolean       relinked;
  gboolean       archived;      /* the flag to store */
  GPtrArray     *inventories;   /* SsaInventory* to import, and their file names */
  GPtrArray     *names;
  GPtrArray     *installations; /* read back in the worker: SsaInstallation*, */
  GPtrArray     *customers;     /* and their customers (SsaCustomer*) */
  GPtrArray     *rows;          /* SsaCustomerImportRow* of a customer list */
  SsaDbJobFunc   job;           /* a caller's write (ssa_repository_write_async()) */
  gpointer       job_data;
  GDestroyNotify job_data_free;
  SsaCustomerImportCounts counts;
  gboolean       remote_customer; /* a change another client made: a customer's row */
  gboolean       gone;          /* the row read again is no longer there */
};

static void
op_free (Op *op)
{
  g_clear_object (&op->task);
  g_clear_object (&op->object);
  g_clear_object (&op->snapshot);
  g_clear_object (&op->before);
  g_clear_object (&op->stored);
  g_clear_error (&op->refusal);
  g_clear_object (&op->owner);
  g_clear_pointer (&op->ids, g_array_unref);
  g_clear_pointer (&op->inventories, g_ptr_array_unref);
  g_clear_pointer (&op->names, g_ptr_array_unref);
  g_clear_pointer (&op->installations, g_ptr_array_unref);
  g_clear_pointer (&op->customers, g_ptr_array_unref);
  g_clear_pointer (&op->rows, g_ptr_array_unref);
  if (op->job_data_free != NULL)
    g_clear_pointer (&op->job_data, op->job_data_free);
  g_clear_object (&op->self);
  g_free (op);
}

static Op *
op_new (SsaRepository *self,
        GTask         *task,
        GObject       *object,
        SsaDbJobFunc   work,
        OpDoneFunc     done)
{
  Op *op = g_new0 (Op, 1);

  op->self = g_object_ref (self);
  op->task = g_object_ref (task);
  op->object = object != NULL ? g_object_ref (object) : NULL;
  op->work = work;
  op->done = done;
  return op;
}

static void run_next_op (SsaRepository *self);

static void
op_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Op *op = user_data;
  g_autoptr(SsaRepository) self = g_object_ref (op->self);
  g_autoptr(GError) error = NULL;

  ssa_db_job_finish (result, &error);
  op->done (op, error);
  op_free (op);

  self->op_running = FALSE;
  run_next_op (self);
}

static void load_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable);

static void
run_next_op (SsaRepository *self)
{
  GApplication *application = g_application_get_default ();
  Op *op;

  if (self->op_running)
    return;
  op = g_queue_pop_head (&self->ops);
  if (op == NULL)
    {
      /* All written: a load asked meanwhile reads what they wrote, and the application
       * may quit. */
      if (self->waiting_loads != NULL)
        {
          g_autoptr(GPtrArray) loads = g_steal_pointer (&self->waiting_loads);

          for (guint i = 0; i < loads->len; i++)
            g_task_run_in_thread (g_ptr_array_index (loads, i), load_thread);
        }
      if (self->holding)
        {
          self->holding = FALSE;
          if (application != NULL)
            g_application_release (application);
        }
      return;
    }

  /* A write asked is a write done: quitting waits for it (a deletion made final as the
   * window closes). */
  if (!self->holding && application != NULL)
    {
      self->holding = TRUE;
      g_application_hold (application);
    }
  self->op_running = TRUE;
  /* The job's result is always NULL: what the write gives back is in the op. */
  ssa_db_job_run_async (self->path, op->work, op, NULL, NULL, NULL, op_job_done_cb, op);
}

static void
queue_op (SsaRepository *self,
          Op            *op)
{
  g_queue_push_tail (&self->ops, op);
  run_next_op (self);
}

/**
 * ssa_repository_is_writing:
 * @self: a repository
 *
 * Whether writes asked of @self are still queued or running in a worker thread: a single
 * property change, an edit's end, an add, a removal, archiving, an Undo or an import.
 *
 * Returns: %TRUE until the last write asked is back on the main thread
 */
gboolean
ssa_repository_is_writing (SsaRepository *self)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);

  return self->op_running || !g_queue_is_empty (&self->ops);
}

/* A detached copy of @object's values with its id: what a worker writes. */
static GObject *
copy_row (GObject *object)
{
  GObject *copy = copy_values (object);

  if (SSA_IS_LICENCE (object))
    ssa_licence_set_id (SSA_LICENCE (copy), ssa_licence_get_id (SSA_LICENCE (object)));
  else if (SSA_IS_INSTALLATION (object))
    ssa_installation_set_id (SSA_INSTALLATION (copy),
                             ssa_installation_get_id (SSA_INSTALLATION (object)));
  else
    ssa_customer_set_id (SSA_CUSTOMER (copy), ssa_customer_get_id (SSA_CUSTOMER (object)));
  /* The version the write is based on. */
  set_version (copy, get_version (object));
  return copy;
}

/* In the worker: the values of @row's row as stored, with their version but without id;
 * NULL when it is gone. */
static GObject *
read_row (SsaDb   *db,
          GObject *row)
{
  g_autoptr(GObject) stored = NULL;

  if (SSA_IS_LICENCE (row))
    stored = G_OBJECT (ssa_db_load_licence (db, ssa_licence_get_id (SSA_LICENCE (row)), NULL));
  else if (SSA_IS_INSTALLATION (row))
    stored = G_OBJECT (ssa_db_load_installation (db,
                                                 ssa_installation_get_id (SSA_INSTALLATION (row)),
                                                 NULL));
  else
    stored = G_OBJECT (ssa_db_load_customer (db, ssa_customer_get_id (SSA_CUSTOMER (row)), NULL));
  if (stored == NULL)
    return NULL;
  {
    GObject *copy = copy_values (stored);

    set_version (copy, get_version (stored));
    return copy;
  }
}

/* Gives @object the values a worker read back after a refused write. */
static void
revert_to (SsaRepository *self,
           GObject       *object,
           GObject       *stored)
{
  if (stored == NULL)
    return;

  self->reverting++;
  set_version (object, get_version (stored));
  if (SSA_IS_LICENCE (object))
    copy_licence (SSA_LICENCE (object), SSA_LICENCE (stored));
  else if (SSA_IS_INSTALLATION (object))
    copy_installation (SSA_INSTALLATION (object), SSA_INSTALLATION (stored));
  else
    copy_customer (SSA_CUSTOMER (object), SSA_CUSTOMER (stored));
  self->reverting--;
}

static gpointer
store_work (SsaDb         *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Op *op = data;
  gboolean ok;

  if (op->refusal != NULL)
    {
      op->stored = read_row (db, op->snapshot);
      g_propagate_error (error, g_error_copy (op->refusal));
      return NULL;
    }

  if (op->want_before)
    op->before = read_row (db, op->snapshot);

  if (SSA_IS_LICENCE (op->snapshot))
    ok = ssa_db_update_licence (db, SSA_LICENCE (op->snapshot), error);
  else if (SSA_IS_INSTALLATION (op->snapshot))
    ok = ssa_db_update_installation (db, SSA_INSTALLATION (op->snapshot), error);
  else
    ok = ssa_db_update_customer (db, SSA_CUSTOMER (op->snapshot), error);

  if (!ok)
    op->stored = read_row (db, op->snapshot);
  return NULL;
}

/* Whether a write of @object is still queued after the one running: it holds values newer
 * than a refused one's, and puts the stored ones back itself if it is refused too. */
static gboolean
is_queued (SsaRepository *self,
           GObject       *object)
{
  for (GList *l = self->ops.head; l != NULL; l = l->next)
    {
      Op *queued = l->data;

      if (queued->object == object && queued->work == store_work)
        return TRUE;
    }
  return FALSE;
}

static void
store_done (Op           *op,
            const GError *error)
{
  SsaRepository *self = op->self;

  if (error != NULL)
    {
      if (!is_queued (self, op->object))
        revert_to (self, op->object, op->stored);
      g_signal_emit (self, signals[WRITE_FAILED], 0, error);
      g_task_return_error (op->task, g_error_copy (error));
      return;
    }

  /* The row's new version: the next write of the object, and those already queued, are
   * based on it (they were snapshotted before this one was written). */
  set_version (op->object, get_version (op->snapshot));
  for (GList *l = self->ops.head; l != NULL; l = l->next)
    {
      Op *queued = l->data;

      if (queued->object == op->object && queued->work == store_work &&
          queued->snapshot != NULL)
        set_version (queued->snapshot, get_version (op->snapshot));
    }

  if (op->relinked && SSA_IS_INSTALLATION (op->object))
    {
      self->reverting++;
      sync_customer_name (self, SSA_INSTALLATION (op->object));
      self->reverting--;
    }
  else if (op->relinked && SSA_IS_CUSTOMER (op->object))
    rename_customer_everywhere (self, SSA_CUSTOMER (op->object));

  if (op->before != NULL)
    {
      g_autoptr(GObject) after = copy_values (op->snapshot);

      g_signal_emit (self, signals[STORED], 0, op->object, op->before, after);
    }
  g_task_return_boolean (op->task, TRUE);
}

/* store(), in a worker: returns @task when the row is written or refused. */
static void
store_async (SsaRepository *self,
             GObject       *object,
             gboolean       relinked,
             GTask         *task)
{
  Op *op = op_new (self, task, object, store_work, store_done);

  check_writable (self, &op->refusal);
  op->snapshot = copy_row (object);
  op->relinked = relinked;
  /* What the row held, for an Undo: read only when someone keeps an undo history. */
  op->want_before = g_signal_has_handler_pending (self, signals[STORED], 0, FALSE);
  queue_op (self, op);
}

/**
 * ssa_repository_end_edit_async:
 * @self: a repository
 * @object: an object with an edit open (ssa_repository_begin_edit())
 * @cancellable: (nullable): not used: a write that started is finished
 * @callback: called on the calling thread's main context once the row is written
 * @user_data: for @callback
 *
 * ssa_repository_end_edit() with the write in a worker thread: @object shows its new values
 * at once; when the database refuses them, @object gets its stored values back and
 * SsaRepository::write-failed is emitted before @callback runs.
 */
void
ssa_repository_end_edit_async (SsaRepository       *self,
                               GObject             *object,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GObject) held = NULL;
  g_autoptr(GTask) task = NULL;
  Edit *edit;
  gboolean dirty;
  gboolean relinked;

  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (G_IS_OBJECT (object));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ssa_repository_end_edit_async);

  edit = g_hash_table_lookup (self->edits, object);
  g_return_if_fail (edit != NULL);

  if (--edit->depth > 0)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  dirty = edit->dirty;
  relinked = edit->relinked;
  held = g_object_ref (object);
  g_hash_table_remove (self->edits, object);

  if (!dirty || self->db == NULL || !is_watched (self, object))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  store_async (self, object, relinked, task);
}

/**
 * ssa_repository_end_edit_finish:
 *
 * Returns: %FALSE with @error set if the database refused the write
 */
gboolean
ssa_repository_end_edit_finish (SsaRepository  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ssa_repository_end_edit_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gpointer
add_work (SsaDb         *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Op *op = data;

  if (SSA_IS_CUSTOMER (op->snapshot))
    ssa_db_insert_customer (db, SSA_CUSTOMER (op->snapshot), error);
  else
    ssa_db_insert_installation (db, SSA_INSTALLATION (op->snapshot), error);
  return NULL;
}

static void
add_done (Op           *op,
          const GError *error)
{
  SsaRepository *self = op->self;

  if (error != NULL)
    {
      g_task_return_error (op->task, g_error_copy (error));
      return;
    }

  if (SSA_IS_CUSTOMER (op->object))
    {
      SsaCustomer *customer = SSA_CUSTOMER (op->object);

      ssa_customer_set_id (customer, ssa_customer_get_id (SSA_CUSTOMER (op->snapshot)));
      set_version (op->object, get_version (op->snapshot));
      g_hash_table_insert (self->customers_by_id, id_key (ssa_customer_get_id (customer)),
                           customer);
      watch (self, customer);
      g_list_store_append (self->customers, customer);
    }
  else
    {
      SsaInstallation *installation = SSA_INSTALLATION (op->object);
      GListModel *lines = ssa_installation_get_licences (installation);
      GListModel *stored_lines = ssa_installation_get_licences (SSA_INSTALLATION (op->snapshot));

      ssa_installation_set_id (installation,
                               ssa_installation_get_id (SSA_INSTALLATION (op->snapshot)));
      set_version (op->object, get_version (op->snapshot));
      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          g_autoptr(SsaLicence) licence = g_list_model_get_item (lines, i);
          g_autoptr(SsaLicence) stored = g_list_model_get_item (stored_lines, i);

          ssa_licence_set_id (licence, ssa_licence_get_id (stored));
          ssa_licence_set_version (licence, ssa_licence_get_version (stored));
        }
      sync_customer_name (self, installation);
      g_hash_table_insert (self->installations_by_id,
                           id_key (ssa_installation_get_id (installation)), installation);
      watch (self, installation);
      watch_licences (self, installation);
      g_list_store_append (self->installations, installation);
    }
  g_task_return_boolean (op->task, TRUE);
}

static void
add_async (SsaRepository       *self,
           GObject             *object,
           gpointer             source_tag,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  g_autoptr(GError) error = NULL;
  Op *op;

  g_task_set_source_tag (task, source_tag);
  if (!check_writable (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = op_new (self, task, object, add_work, add_done);
  op->snapshot = copy_values (object);
  if (SSA_IS_INSTALLATION (object))
    {
      /* The lines too: the worker stores them with the installation. */
      GListModel *lines = ssa_installation_get_licences (SSA_INSTALLATION (object));

      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          g_autoptr(SsaLicence) licence = g_list_model_get_item (lines, i);
          g_autoptr(SsaLicence) copy = ssa_licence_new ();

          copy_licence (copy, licence);
          ssa_installation_add_licence (SSA_INSTALLATION (op->snapshot), copy);
        }
    }
  queue_op (self, op);
}

/**
 * ssa_repository_add_customer_async:
 * @self: a loaded repository
 * @customer: a new customer (id 0), left alone until @callback runs
 * @cancellable: (nullable): not used: a write that started is finished
 * @callback: called on the calling thread's main context once it is stored
 * @user_data: for @callback
 *
 * ssa_repository_add_customer() with the write in a worker thread: once stored, @customer
 * has its id and is appended to the customers, before @callback runs.
 */
void
ssa_repository_add_customer_async (SsaRepository       *self,
                                   SsaCustomer         *customer,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (SSA_IS_CUSTOMER (customer));

  add_async (self, G_OBJECT (customer), ssa_repository_add_customer_async, callback, user_data);
}

gboolean
ssa_repository_add_customer_finish (SsaRepository  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_repository_add_customer_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ssa_repository_add_installation_async:
 * @self: a loaded repository
 * @installation: a new installation (id 0) with new licence lines, left alone until
 *   @callback runs; its customer-id names a stored customer or is 0
 * @cancellable: (nullable): not used: a write that started is finished
 * @callback: called on the calling thread's main context once it is stored
 * @user_data: for @callback
 *
 * ssa_repository_add_installation() with the write in a worker thread: once stored,
 * @installation and its lines have their ids and it is appended, before @callback runs.
 */
void
ssa_repository_add_installation_async (SsaRepository       *self,
                                       SsaInstallation     *installation,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (SSA_IS_INSTALLATION (installation));

  add_async (self, G_OBJECT (installation), ssa_repository_add_installation_async, callback,
             user_data);
}

gboolean
ssa_repository_add_installation_finish (SsaRepository  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_repository_add_installation_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ssa_repository_add_customer:
 * @self: a loaded repository
 * @customer: a new customer (id 0)
 * @error: a #GError
 *
 * Stores @customer and appends it to the customers.
 */
gboolean
ssa_repository_add_customer (SsaRepository  *self,
                             SsaCustomer    *customer,
                             GError        **error)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_CUSTOMER (customer), FALSE);

  if (!check_writable (self, error) || !ssa_db_insert_customer (self->db, customer, error))
    return FALSE;

  g_hash_table_insert (self->customers_by_id, id_key (ssa_customer_get_id (customer)), customer);
  watch (self, customer);
  g_list_store_append (self->customers, customer);
  return TRUE;
}

/* Drops a deleted row from its id table and its list. */
static void
forget_row (GHashTable *by_id,
            GListStore *store,
            gint64      id,
            gpointer    item)
{
  guint position;

  g_hash_table_remove (by_id, &id);
  if (g_list_store_find (store, item, &position))
    g_list_store_remove (store, position);
}

/* Deletes a customer without installations (others are refused). */
gboolean
ssa_repository_remove_customer (SsaRepository  *self,
                                SsaCustomer    *customer,
                                GError        **error)
{
  gint64 id;

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_CUSTOMER (customer), FALSE);

  id = ssa_customer_get_id (customer);
  if (!check_writable (self, error) || !ssa_db_delete_customer (self->db, id, error))
    return FALSE;

  unwatch (self, customer);
  forget_row (self->customers_by_id, self->customers, id, customer);
  return TRUE;
}

/**
 * ssa_repository_remove_customer_with_installations:
 * @self: a loaded repository
 * @customer: one of its customers
 * @out_installations: (out) (optional) (transfer container) (element-type SsaInstallation):
 *   the installations removed with @customer, by id, with their licence lines; an Undo
 *   adds them back (with their ids cleared) after adding the customer back
 * @error: a #GError
 *
 * Deletes @customer, its installations and their licence lines in one transaction (see
 * ssa_db_delete_customer_with_installations()), then drops the installations and the
 * customer from the models. When the database refuses (one of the installations has
 * offers, which are kept for good), nothing is deleted and the models stay as they were.
 */
gboolean
ssa_repository_remove_customer_with_installations (SsaRepository  *self,
                                                   SsaCustomer    *customer,
                                                   GPtrArray     **out_installations,
                                                   GError        **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  gint64 id;

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_CUSTOMER (customer), FALSE);

  id = ssa_customer_get_id (customer);
  if (!check_writable (self, error) ||
      !ssa_db_delete_customer_with_installations (self->db, id, &ids, error))
    return FALSE;

  /* The models follow what the database deleted. An installation another process added to
   * the customer since the load went too, but was never in them. */
  removed = g_ptr_array_new_full (ids->len, g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 installation_id = g_array_index (ids, gint64, i);
      SsaInstallation *installation = g_hash_table_lookup (self->installations_by_id,
                                                           &installation_id);

      if (installation == NULL)
        continue;
      /* The store's reference may be the last one. */
      g_ptr_array_add (removed, g_object_ref (installation));
      unwatch_installation (self, installation);
      forget_row (self->installations_by_id, self->installations, installation_id,
                  installation);
    }

  unwatch (self, customer);
  forget_row (self->customers_by_id, self->customers, id, customer);

  if (out_installations != NULL)
    *out_installations = g_steal_pointer (&removed);
  return TRUE;
}

static gpointer
remove_work (SsaDb         *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Op *op = data;

  /* The object's type only: its values belong to the main thread. */
  if (SSA_IS_LICENCE (op->object))
    ssa_db_delete_licence (db, op->id, error);
  else if (SSA_IS_INSTALLATION (op->object))
    ssa_db_delete_installation (db, op->id, error);
  else
    ssa_db_delete_customer_with_installations (db, op->id, &op->ids, error);
  return NULL;
}

static void
remove_done (Op           *op,
             const GError *error)
{
  SsaRepository *self = op->self;

  if (error != NULL)
    {
      g_task_return_error (op->task, g_error_copy (error));
      return;
    }

  if (SSA_IS_LICENCE (op->object))
    {
      guint position;

      unwatch (self, op->object);
      if (g_list_store_find (licence_store (SSA_INSTALLATION (op->owner)), op->object,
                             &position))
        ssa_installation_remove_licence (SSA_INSTALLATION (op->owner), position);
      g_task_return_boolean (op->task, TRUE);
    }
  else if (SSA_IS_INSTALLATION (op->object))
    {
      unwatch_installation (self, SSA_INSTALLATION (op->object));
      forget_row (self->installations_by_id, self->installations, op->id, op->object);
      g_task_return_boolean (op->task, TRUE);
    }
  else
    {
      g_autoptr(GPtrArray) removed = g_ptr_array_new_full (op->ids->len, g_object_unref);

      /* The models follow what the database deleted, as in the synchronous call. */
      for (guint i = 0; i < op->ids->len; i++)
        {
          gint64 installation_id = g_array_index (op->ids, gint64, i);
          SsaInstallation *installation = g_hash_table_lookup (self->installations_by_id,
                                                               &installation_id);

          if (installation == NULL)
            continue;
          g_ptr_array_add (removed, g_object_ref (installation));
          unwatch_installation (self, installation);
          forget_row (self->installations_by_id, self->installations, installation_id,
                      installation);
        }
      unwatch (self, op->object);
      forget_row (self->customers_by_id, self->customers, op->id, op->object);
      g_task_return_pointer (op->task, g_steal_pointer (&removed),
                             (GDestroyNotify) g_ptr_array_unref);
    }
}

static void
remove_async (SsaRepository       *self,
              GObject             *object,
              GObject             *owner,
              gpointer             source_tag,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  g_autoptr(GError) error = NULL;
  Op *op;

  g_task_set_source_tag (task, source_tag);
  if (!check_writable (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = op_new (self, task, object, remove_work, remove_done);
  if (owner != NULL)
    {
      op->owner = g_object_ref (owner);
      op->id = ssa_licence_get_id (SSA_LICENCE (object));
    }
  else if (SSA_IS_INSTALLATION (object))
    op->id = ssa_installation_get_id (SSA_INSTALLATION (object));
  else
    op->id = ssa_customer_get_id (SSA_CUSTOMER (object));
  queue_op (self, op);
}

/**
 * ssa_repository_remove_installation_async:
 * @self: a loaded repository
 * @installation: one of its installations (possibly hidden)
 * @cancellable: (nullable): not used: a write that started is finished
 * @callback: called on the calling thread's main context once it is deleted or refused
 * @user_data: for @callback
 *
 * ssa_repository_remove_installation() with the delete in a worker thread.
 */
void
ssa_repository_remove_installation_async (SsaRepository       *self,
                                          SsaInstallation     *installation,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (SSA_IS_INSTALLATION (installation));

  remove_async (self, G_OBJECT (installation), NULL, ssa_repository_remove_installation_async,
                callback, user_data);
}

gboolean
ssa_repository_remove_installation_finish (SsaRepository  *self,
                                           GAsyncResult   *result,
                                           GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_repository_remove_installation_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ssa_repository_remove_customer_with_installations_async:
 * @self: a loaded repository
 * @customer: one of its customers (possibly hidden)
 * @cancellable: (nullable): not used: a write that started is finished
 * @callback: called on the calling thread's main context once it is deleted or refused
 * @user_data: for @callback
 *
 * ssa_repository_remove_customer_with_installations() with the delete in a worker thread.
 */
void
ssa_repository_remove_customer_with_installations_async (SsaRepository       *self,
                                                         SsaCustomer         *customer,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data)
{
  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (SSA_IS_CUSTOMER (customer));

  remove_async (self, G_OBJECT (customer), NULL,
                ssa_repository_remove_customer_with_installations_async, callback, user_data);
}

/**
 * ssa_repository_remove_customer_with_installations_finish:
 * @out_installations: (out) (optional) (transfer container) (element-type SsaInstallation):
 *   the installations removed with the customer
 *
 * Returns: %FALSE with @error set when the database refused (nothing was deleted)
 */
gboolean
ssa_repository_remove_customer_with_installations_finish (SsaRepository  *self,
                                                          GAsyncResult   *result,
                                                          GPtrArray     **out_installations,
                                                          GError        **error)
{
  g_autoptr(GPtrArray) removed = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_repository_remove_customer_with_installations_async, FALSE);

  removed = g_task_propagate_pointer (G_TASK (result), error);
  if (removed == NULL)
    return FALSE;
  if (out_installations != NULL)
    *out_installations = g_steal_pointer (&removed);
  return TRUE;
}

/**
 * ssa_repository_remove_licence_async:
 * @self: a loaded repository
 * @installation: the installation of @licence
 * @licence: one of its lines (possibly hidden)
 * @cancellable: (nullable): not used: a write that started is finished
 * @callback: called on the calling thread's main context once it is deleted or refused
 * @user_data: for @callback
 *
 * ssa_repository_remove_licence() with the delete in a worker thread.
 */
void
ssa_repository_remove_licence_async (SsaRepository       *self,
                                     SsaInstallation     *installation,
                                     SsaLicence          *licence,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (SSA_IS_INSTALLATION (installation));
  g_return_if_fail (SSA_IS_LICENCE (licence));

  remove_async (self, G_OBJECT (licence), G_OBJECT (installation),
                ssa_repository_remove_licence_async, callback, user_data);
}

gboolean
ssa_repository_remove_licence_finish (SsaRepository  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_repository_remove_licence_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ssa_repository_add_installation:
 * @self: a loaded repository
 * @installation: a new installation (id 0) with new licence lines; its customer-id names a
 *   stored customer or is 0
 * @error: a #GError
 *
 * Stores @installation with its lines in one transaction and appends it.
 */
gboolean
ssa_repository_add_installation (SsaRepository    *self,
                                 SsaInstallation  *installation,
                                 GError          **error)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_INSTALLATION (installation), FALSE);

  if (!check_writable (self, error) ||
      !ssa_db_insert_installation (self->db, installation, error))
    return FALSE;

  sync_customer_name (self, installation);
  g_hash_table_insert (self->installations_by_id,
                       id_key (ssa_installation_get_id (installation)), installation);
  watch (self, installation);
  watch_licences (self, installation);
  g_list_store_append (self->installations, installation);
  return TRUE;
}

/* Deletes an installation and its lines; one with offers is refused. */
gboolean
ssa_repository_remove_installation (SsaRepository    *self,
                                    SsaInstallation  *installation,
                                    GError          **error)
{
  gint64 id;

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_INSTALLATION (installation), FALSE);

  id = ssa_installation_get_id (installation);
  if (!check_writable (self, error) || !ssa_db_delete_installation (self->db, id, error))
    return FALSE;

  unwatch_installation (self, installation);
  forget_row (self->installations_by_id, self->installations, id, installation);
  return TRUE;
}

/* Stores @licence (id 0) after the installation's last line and appends it there. */
gboolean
ssa_repository_add_licence (SsaRepository    *self,
                            SsaInstallation  *installation,
                            SsaLicence       *licence,
                            GError          **error)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_INSTALLATION (installation), FALSE);
  g_return_val_if_fail (SSA_IS_LICENCE (licence), FALSE);

  if (!check_writable (self, error) ||
      !ssa_db_insert_licence (self->db, ssa_installation_get_id (installation), licence, error))
    return FALSE;

  ssa_installation_add_licence (installation, licence);
  if (g_hash_table_contains (self->watched_licences, installation))
    watch (self, licence);
  else
    watch_licences (self, installation);
  return TRUE;
}

static gpointer
add_licence_work (SsaDb         *db,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Op *op = data;

  ssa_db_insert_licence (db, op->id, SSA_LICENCE (op->snapshot), error);
  return NULL;
}

static void
add_licence_done (Op           *op,
                  const GError *error)
{
  SsaRepository *self = op->self;
  SsaInstallation *installation = SSA_INSTALLATION (op->owner);
  SsaLicence *licence = SSA_LICENCE (op->object);

  if (error != NULL)
    {
      g_task_return_error (op->task, g_error_copy (error));
      return;
    }

  ssa_licence_set_id (licence, ssa_licence_get_id (SSA_LICENCE (op->snapshot)));
  ssa_licence_set_version (licence, ssa_licence_get_version (SSA_LICENCE (op->snapshot)));
  ssa_installation_add_licence (installation, licence);
  if (g_hash_table_contains (self->watched_licences, installation))
    watch (self, licence);
  else
    watch_licences (self, installation);
  g_task_return_boolean (op->task, TRUE);
}

/**
 * ssa_repository_add_licence_async:
 * @self: a loaded repository
 * @installation: a stored installation
 * @licence: a new line (id 0), left alone until @callback runs
 * @cancellable: (nullable): not used: a write that started is finished
 * @callback: called on the calling thread's main context once it is stored
 * @user_data: for @callback
 *
 * ssa_repository_add_licence() with the write in a worker thread, after the writes already
 * queued: once stored, @licence has its id and is appended to @installation's lines, before
 * @callback runs.
 */
void
ssa_repository_add_licence_async (SsaRepository       *self,
                                  SsaInstallation     *installation,
                                  SsaLicence          *licence,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Op *op;

  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (SSA_IS_INSTALLATION (installation));
  g_return_if_fail (SSA_IS_LICENCE (licence));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ssa_repository_add_licence_async);
  if (!check_writable (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = op_new (self, task, G_OBJECT (licence), add_licence_work, add_licence_done);
  op->owner = g_object_ref (G_OBJECT (installation));
  op->id = ssa_installation_get_id (installation);
  op->snapshot = copy_values (G_OBJECT (licence));
  queue_op (self, op);
}

gboolean
ssa_repository_add_licence_finish (SsaRepository  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_repository_add_licence_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
ssa_repository_remove_licence (SsaRepository    *self,
                               SsaInstallation  *installation,
                               SsaLicence       *licence,
                               GError          **error)
{
  guint position;

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_INSTALLATION (installation), FALSE);
  g_return_val_if_fail (SSA_IS_LICENCE (licence), FALSE);

  if (!check_writable (self, error) ||
      !ssa_db_delete_licence (self->db, ssa_licence_get_id (licence), error))
    return FALSE;

  unwatch (self, licence);
  if (g_list_store_find (licence_store (installation), licence, &position))
    ssa_installation_remove_licence (installation, position);
  return TRUE;
}

/**
 * ssa_repository_import_inventories:
 * @self: a loaded repository
 * @inventories: (array length=n_inventories): installations read from files
 * @names: (array length=n_inventories) (nullable): their file names, for messages
 * @n_inventories: how many
 * @error: a #GError
 *
 * Stores every installation in one transaction (all or none, see
 * ssa_db_import_inventories()) and appends them with one items-changed; new customers are
 * appended to the customers with one items-changed too.
 */
gboolean
ssa_repository_import_inventories (SsaRepository  *self,
                                   SsaInventory  **inventories,
                                   const char    **names,
                                   guint           n_inventories,
                                   GError        **error)
{
  g_autofree gint64 *ids = NULL;
  g_autoptr(GPtrArray) new_installations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) new_customers = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);

  if (!check_writable (self, error))
    return FALSE;

  ids = g_new0 (gint64, MAX (n_inventories, 1));
  if (!ssa_db_import_inventories (self->db, inventories, names, n_inventories, ids, error))
    return FALSE;

  for (guint i = 0; i < n_inventories; i++)
    {
      g_autoptr(GError) local_error = NULL;
      SsaInstallation *installation = ssa_db_load_installation (self->db, ids[i], &local_error);
      gint64 customer_id;

      if (installation == NULL)
        {
          /* Stored, but not read back: the next load shows it. */
          g_warning ("Could not read back installation %" G_GINT64_FORMAT ": %s",
                     ids[i], local_error->message);
          continue;
        }
      g_ptr_array_add (new_installations, installation);

      customer_id = ssa_installation_get_customer_id (installation);
      if (customer_id > 0 && !g_hash_table_contains (self->customers_by_id, &customer_id))
        {
          SsaCustomer *customer = ssa_db_load_customer (self->db, customer_id, NULL);

          if (customer != NULL)
            {
              g_hash_table_insert (self->customers_by_id, id_key (customer_id), customer);
              watch (self, customer);
              g_ptr_array_add (new_customers, customer);
            }
        }
    }

  for (guint i = 0; i < new_installations->len; i++)
    {
      SsaInstallation *installation = g_ptr_array_index (new_installations, i);

      g_hash_table_insert (self->installations_by_id,
                           id_key (ssa_installation_get_id (installation)), installation);
      watch (self, installation);
    }

  if (new_customers->len > 0)
    g_list_store_splice (self->customers,
                         g_list_model_get_n_items (G_LIST_MODEL (self->customers)), 0,
                         new_customers->pdata, new_customers->len);
  if (new_installations->len > 0)
    g_list_store_splice (self->installations,
                         g_list_model_get_n_items (G_LIST_MODEL (self->installations)), 0,
                         new_installations->pdata, new_installations->len);
  return TRUE;
}

static gpointer
import_work (SsaDb         *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Op *op = data;
  g_autofree gint64 *ids = g_new0 (gint64, MAX (op->inventories->len, 1));

  if (!ssa_db_import_inventories (db, (SsaInventory **) op->inventories->pdata,
                                  (const char **) op->names->pdata, op->inventories->len, ids,
                                  error))
    return NULL;

  /* Read back as objects here, as a load does: the main thread only adds them. */
  op->installations = g_ptr_array_new_with_free_func (g_object_unref);
  op->customers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < op->inventories->len; i++)
    {
      g_autoptr(GError) local_error = NULL;
      SsaInstallation *installation = ssa_db_load_installation (db, ids[i], &local_error);
      gint64 customer_id;
      SsaCustomer *customer;

      if (installation == NULL)
        {
          /* Stored, but not read back: the next load shows it. */
          g_warning ("Could not read back installation %" G_GINT64_FORMAT ": %s",
                     ids[i], local_error->message);
          continue;
        }
      g_ptr_array_add (op->installations, installation);
      customer_id = ssa_installation_get_customer_id (installation);
      if (customer_id > 0 && (customer = ssa_db_load_customer (db, customer_id, NULL)) != NULL)
        g_ptr_array_add (op->customers, customer);
    }
  return NULL;
}

static void
import_done (Op           *op,
             const GError *error)
{
  SsaRepository *self = op->self;
  g_autoptr(GPtrArray) new_customers = g_ptr_array_new ();

  if (error != NULL)
    {
      g_task_return_error (op->task, g_error_copy (error));
      return;
    }

  for (guint i = 0; i < op->customers->len; i++)
    {
      SsaCustomer *customer = g_ptr_array_index (op->customers, i);
      gint64 customer_id = ssa_customer_get_id (customer);

      if (g_hash_table_contains (self->customers_by_id, &customer_id))
        continue;
      g_hash_table_insert (self->customers_by_id, id_key (customer_id), customer);
      watch (self, customer);
      g_ptr_array_add (new_customers, customer);
    }
  for (guint i = 0; i < op->installations->len; i++)
    {
      SsaInstallation *installation = g_ptr_array_index (op->installations, i);

      g_hash_table_insert (self->installations_by_id,
                           id_key (ssa_installation_get_id (installation)), installation);
      watch (self, installation);
    }

  if (new_customers->len > 0)
    g_list_store_splice (self->customers,
                         g_list_model_get_n_items (G_LIST_MODEL (self->customers)), 0,
                         new_customers->pdata, new_customers->len);
  if (op->installations->len > 0)
    g_list_store_splice (self->installations,
                         g_list_model_get_n_items (G_LIST_MODEL (self->installations)), 0,
                         op->installations->pdata, op->installations->len);
  g_task_return_boolean (op->task, TRUE);
}

/**
 * ssa_repository_import_inventories_async:
 * @self: a loaded repository
 * @inventories: (array length=n_inventories): the installations to store (copied)
 * @names: (array length=n_inventories): the files they were read from, for messages
 * @n_inventories: how many
 * @cancellable: (nullable): not used: a write that started is finished
 * @callback: called on the calling thread's main context once they are stored or refused
 * @user_data: for @callback
 *
 * ssa_repository_import_inventories() in a worker thread, after the writes already queued:
 * the installations, and the customers that are new, are read back there and appended to
 * the models, each store spliced once, before @callback runs.
 */
void
ssa_repository_import_inventories_async (SsaRepository        *self,
                                         SsaInventory        **inventories,
                                         const char          **names,
                                         guint                 n_inventories,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Op *op;

  g_return_if_fail (SSA_IS_REPOSITORY (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ssa_repository_import_inventories_async);
  if (!check_writable (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = op_new (self, task, NULL, import_work, import_done);
  op->inventories = g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_inventory_free);
  op->names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_inventories; i++)
    {
      g_ptr_array_add (op->inventories, ssa_inventory_copy (inventories[i]));
      g_ptr_array_add (op->names, g_strdup (names[i]));
    }
  queue_op (self, op);
}

gboolean
ssa_repository_import_inventories_finish (SsaRepository  *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_repository_import_inventories_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ssa_repository_import_customers:
 * @self: a loaded repository
 * @rows: (element-type SsaCustomerImportRow): checked rows of a customer list
 * @counts: (out): how many were created, updated and left unchanged
 * @error: a #GError
 *
 * Stores the customer list in one transaction (ssa_customer_import_store()), then gives the
 * models the new customers and the updated ones their stored values, without writing them
 * again.
 */
gboolean
ssa_repository_import_customers (SsaRepository            *self,
                                 GPtrArray                *rows,
                                 SsaCustomerImportCounts  *counts,
                                 GError                  **error)
{
  g_autoptr(GPtrArray) new_customers = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);

  if (!check_writable (self, error) ||
      !ssa_customer_import_store (self->db, rows, counts, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      SsaCustomerImportRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(SsaCustomer) stored = NULL;
      SsaCustomer *shown;

      if (row->action == SSA_CUSTOMER_IMPORT_UNCHANGED)
        continue;
      stored = ssa_db_load_customer (self->db, row->id, &local_error);
      if (stored == NULL)
        {
          /* Stored, but not read back: the next load shows it. */
          g_warning ("Could not read back customer %" G_GINT64_FORMAT ": %s", row->id,
                     local_error->message);
          continue;
        }
      shown = g_hash_table_lookup (self->customers_by_id, &row->id);
      if (shown == NULL)
        {
          g_hash_table_insert (self->customers_by_id, id_key (row->id), stored);
          watch (self, stored);
          g_ptr_array_add (new_customers, g_steal_pointer (&stored));
        }
      else
        {
          gboolean renamed = g_strcmp0 (ssa_customer_get_name (shown),
                                        ssa_customer_get_name (stored)) != 0;

          unwatch (self, shown);
          copy_customer (shown, stored);
          watch (self, shown);
          if (renamed)
            rename_customer_everywhere (self, shown);
        }
    }

  if (new_customers->len > 0)
    g_list_store_splice (self->customers,
                         g_list_model_get_n_items (G_LIST_MODEL (self->customers)), 0,
                         new_customers->pdata, new_customers->len);
  return TRUE;
}

static gpointer
import_customers_work (SsaDb         *db,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  Op *op = data;

  if (!ssa_customer_import_store (db, op->rows, &op->counts, error))
    return NULL;

  /* Read back here: the main thread only puts them in the models. */
  op->customers = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < op->rows->len; i++)
    {
      SsaCustomerImportRow *row = g_ptr_array_index (op->rows, i);
      g_autoptr(GError) local_error = NULL;
      SsaCustomer *stored;

      if (row->action == SSA_CUSTOMER_IMPORT_UNCHANGED)
        continue;
      stored = ssa_db_load_customer (db, row->id, &local_error);
      if (stored == NULL)
        {
          /* Stored, but not read back: the next load shows it. */
          g_warning ("Could not read back customer %" G_GINT64_FORMAT ": %s", row->id,
                     local_error->message);
          continue;
        }
      g_ptr_array_add (op->customers, stored);
    }
  return NULL;
}

static void
import_customers_done (Op           *op,
                       const GError *error)
{
  SsaRepository *self = op->self;
  g_autoptr(GPtrArray) new_customers = g_ptr_array_new ();

  if (error != NULL)
    {
      g_task_return_error (op->task, g_error_copy (error));
      return;
    }

  for (guint i = 0; i < op->customers->len; i++)
    {
      SsaCustomer *stored = g_ptr_array_index (op->customers, i);
      gint64 id = ssa_customer_get_id (stored);
      SsaCustomer *shown = g_hash_table_lookup (self->customers_by_id, &id);

      if (shown == NULL)
        {
          g_hash_table_insert (self->customers_by_id, id_key (id), stored);
          watch (self, stored);
          g_ptr_array_add (new_customers, stored);
        }
      else
        {
          gboolean renamed = g_strcmp0 (ssa_customer_get_name (shown),
                                        ssa_customer_get_name (stored)) != 0;

          unwatch (self, shown);
          copy_customer (shown, stored);
          watch (self, shown);
          if (renamed)
            rename_customer_everywhere (self, shown);
        }
    }

  if (new_customers->len > 0)
    g_list_store_splice (self->customers,
                         g_list_model_get_n_items (G_LIST_MODEL (self->customers)), 0,
                         new_customers->pdata, new_customers->len);
  g_task_return_pointer (op->task, g_memdup2 (&op->counts, sizeof op->counts), g_free);
}

/**
 * ssa_repository_import_customers_async:
 * @self: a loaded repository
 * @rows: (element-type SsaCustomerImportRow): checked rows of a customer list (a reference
 *   is kept; the worker sets their action and id, so the caller leaves them alone until
 *   @callback)
 * @cancellable: (nullable): not used: a write that started is finished
 * @callback: called on the calling thread's main context once they are stored or refused
 * @user_data: for @callback
 *
 * ssa_repository_import_customers() in a worker thread, after the writes already queued:
 * the customers are read back there, and the models get the new ones and the updated
 * ones' values before @callback runs.
 */
void
ssa_repository_import_customers_async (SsaRepository       *self,
                                       GPtrArray           *rows,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Op *op;

  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (rows != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ssa_repository_import_customers_async);
  if (!check_writable (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = op_new (self, task, NULL, import_customers_work, import_customers_done);
  op->rows = g_ptr_array_ref (rows);
  queue_op (self, op);
}

/**
 * ssa_repository_import_customers_finish:
 * @self: a repository
 * @result: the result
 * @counts: (out) (optional): how many were created, updated and left unchanged
 * @error: a #GError
 *
 * Returns: whether the list was stored (nothing is, when refused)
 */
gboolean
ssa_repository_import_customers_finish (SsaRepository            *self,
                                        GAsyncResult             *result,
                                        SsaCustomerImportCounts  *counts,
                                        GError                  **error)
{
  g_autofree SsaCustomerImportCounts *stored = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_repository_import_customers_async, FALSE);

  stored = g_task_propagate_pointer (G_TASK (result), error);
  if (stored == NULL)
    return FALSE;
  if (counts != NULL)
    *counts = *stored;
  return TRUE;
}

/* Puts @licences in place of the installation's lines with one items-changed. */
static void
splice_licences (SsaRepository   *self,
                 SsaInstallation *installation,
                 guint            position,
                 GPtrArray       *licences)
{
  GListStore *store = licence_store (installation);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

  if (g_hash_table_contains (self->watched_licences, installation))
    {
      for (guint i = position; i < n; i++)
        {
          g_autoptr(SsaLicence) old = g_list_model_get_item (G_LIST_MODEL (store), i);

          unwatch (self, old);
        }
      for (guint i = 0; i < licences->len; i++)
        watch (self, g_ptr_array_index (licences, i));
    }

  g_list_store_splice (store, position, n - position, licences->pdata, licences->len);
}

/**
 * ssa_repository_replace_licences:
 * @self: a loaded repository
 * @installation: a loaded installation
 * @lines: (element-type SsaInventoryLine): valid licence lines (a CSV import)
 * @append: %TRUE to add them after the installation's lines, %FALSE to replace those
 * @error: a #GError
 *
 * Stores the lines in one transaction and changes the installation's licences with one
 * items-changed.
 */
gboolean
ssa_repository_replace_licences (SsaRepository    *self,
                                 SsaInstallation  *installation,
                                 GArray           *lines,
                                 gboolean          append,
                                 GError          **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) licences = NULL;
  guint n_old;

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_INSTALLATION (installation), FALSE);
  g_return_val_if_fail (lines != NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  ids = ssa_db_replace_licences (self->db, ssa_installation_get_id (installation), lines,
                                 append, error);
  if (ids == NULL)
    return FALSE;

  licences = g_ptr_array_new_full (lines->len, g_object_unref);
  for (guint i = 0; i < lines->len; i++)
    {
      SsaLicence *licence =
        ssa_licence_new_from_inventory_line (&g_array_index (lines, SsaInventoryLine, i));

      ssa_licence_set_id (licence, g_array_index (ids, gint64, i));
      g_ptr_array_add (licences, licence);
    }

  n_old = g_list_model_get_n_items (ssa_installation_get_licences (installation));
  splice_licences (self, installation, append ? n_old : 0, licences);
  return TRUE;
}

/**
 * ssa_repository_refresh_installation:
 * @self: a loaded repository
 * @installation: a loaded installation
 * @error: a #GError
 *
 * Reads the installation and its licence lines again, after a change made through the
 * database (an accepted offer, a licence import, a PBX reading), without writing anything
 * back, and emits SsaRepository::refreshed.
 */
gboolean
ssa_repository_refresh_installation (SsaRepository    *self,
                                     SsaInstallation  *installation,
                                     GError          **error)
{
  g_autoptr(SsaInstallation) stored = NULL;
  g_autoptr(GPtrArray) licences = NULL;
  GListModel *stored_licences;
  guint n;

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_INSTALLATION (installation), FALSE);

  if (!check_loaded (self, error))
    return FALSE;
  stored = ssa_db_load_installation (self->db, ssa_installation_get_id (installation), error);
  if (stored == NULL)
    return FALSE;

  self->reverting++;
  copy_installation (installation, stored);
  self->reverting--;

  stored_licences = ssa_installation_get_licences (stored);
  n = g_list_model_get_n_items (stored_licences);
  licences = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (licences, g_list_model_get_item (stored_licences, i));
  splice_licences (self, installation, 0, licences);
  g_signal_emit (self, signals[REFRESHED], 0, installation);
  return TRUE;
}

static gpointer
refresh_work (SsaDb         *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Op *op = data;

  /* A new object with its lines, read here as a load does. */
  op->stored = G_OBJECT (ssa_db_load_installation (db, op->id, error));
  return NULL;
}

/* The installation read again in the worker (op->stored) takes its place. */
static void
apply_refreshed (Op *op)
{
  SsaRepository *self = op->self;
  SsaInstallation *installation = SSA_INSTALLATION (op->object);
  g_autoptr(GPtrArray) licences = NULL;
  GListModel *stored_licences;
  guint n;

  self->reverting++;
  copy_installation (installation, SSA_INSTALLATION (op->stored));
  set_version (op->object, get_version (op->stored));
  self->reverting--;

  stored_licences = ssa_installation_get_licences (SSA_INSTALLATION (op->stored));
  n = g_list_model_get_n_items (stored_licences);
  licences = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (licences, g_list_model_get_item (stored_licences, i));
  splice_licences (self, installation, 0, licences);
  g_signal_emit (self, signals[REFRESHED], 0, installation);
}

static void
refresh_done (Op           *op,
              const GError *error)
{
  if (error != NULL)
    {
      g_task_return_error (op->task, g_error_copy (error));
      return;
    }
  apply_refreshed (op);
  g_task_return_boolean (op->task, TRUE);
}

static gpointer
write_work (SsaDb         *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Op *op = data;

  if (op->job (db, op->job_data, NULL, error) == NULL)
    return NULL;
  /* Written: the installation is read again here, as a refresh does. */
  if (op->id > 0)
    op->stored = G_OBJECT (ssa_db_load_installation (db, op->id, error));
  return NULL;
}

static void
write_done (Op           *op,
            const GError *error)
{
  if (error != NULL)
    {
      g_task_return_error (op->task, g_error_copy (error));
      return;
    }
  if (op->object != NULL)
    apply_refreshed (op);
  g_task_return_boolean (op->task, TRUE);
}

/**
 * ssa_repository_write_async:
 * @self: a loaded repository, not read-only
 * @func: the write, run in a worker on a connection of its own: returns any non-%NULL
 *   pointer (not freed) when it wrote, %NULL with its error set when it did not
 * @data: (transfer full): @func's data: plain values
 * @data_free: (nullable): frees @data once the write is back
 * @refresh: (nullable): an installation the write changes, read again after it in the
 *   same worker, as ssa_repository_refresh_installation_async() does
 * @cancellable: (nullable): not used: a write that started is finished
 * @callback: called on the calling thread's main context once it is written or refused
 * @user_data: for @callback
 *
 * Runs a write made through the database (a licence file, a PBX reading, a licence type
 * mapped) in the write queue, after the writes already asked, so that it overtakes none;
 * @refresh, if given, shows what it wrote (SsaRepository::refreshed) before @callback.
 */
void
ssa_repository_write_async (SsaRepository       *self,
                            SsaDbJobFunc         func,
                            gpointer             data,
                            GDestroyNotify       data_free,
                            SsaInstallation     *refresh,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Op *op;

  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (refresh == NULL || SSA_IS_INSTALLATION (refresh));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ssa_repository_write_async);
  if (!check_writable (self, &error))
    {
      if (data_free != NULL)
        data_free (data);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = op_new (self, task, G_OBJECT (refresh), write_work, write_done);
  op->job = func;
  op->job_data = data;
  op->job_data_free = data_free;
  op->id = refresh != NULL ? ssa_installation_get_id (refresh) : 0;
  queue_op (self, op);
}

gboolean
ssa_repository_write_finish (SsaRepository  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_repository_write_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Changes other clients made (a team database's notifications): the row with that id is
 * read again in the write queue (after the writes asked before it) and takes the place of
 * the one in the models, joins them when it is new, or leaves them when it went. An object
 * with an edit open (ssa_repository_begin_edit()) keeps what the user typed: its editor's
 * save writes it. One with a write queued behind the read (a save that began while the
 * row was read) is read again after that write: what was read is older. */

static gpointer
remote_work (SsaDb         *db,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Op *op = data;
  g_autoptr(GError) local_error = NULL;

  if (op->remote_customer)
    op->stored = G_OBJECT (ssa_db_load_customer (db, op->id, &local_error));
  else
    {
      op->stored = G_OBJECT (ssa_db_load_installation (db, op->id, &local_error));
      if (op->stored != NULL)
        {
          gint64 customer_id = ssa_installation_get_customer_id (SSA_INSTALLATION (op->stored));
          SsaCustomer *customer;

          op->customers = g_ptr_array_new_with_free_func (g_object_unref);
          if (customer_id > 0 &&
              (customer = ssa_db_load_customer (db, customer_id, NULL)) != NULL)
            g_ptr_array_add (op->customers, customer);
        }
    }
  if (op->stored == NULL)
    {
      if (!g_error_matches (local_error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        op->gone = TRUE;
    }
  return NULL;
}

static void
add_remote_customer (SsaRepository *self,
                     SsaCustomer   *customer)
{
  gint64 id = ssa_customer_get_id (customer);

  if (g_hash_table_contains (self->customers_by_id, &id))
    return;
  g_hash_table_insert (self->customers_by_id, id_key (id), customer);
  watch (self, customer);
  g_list_store_append (self->customers, customer);
}

static void
remote_done (Op           *op,
             const GError *error)
{
  SsaRepository *self = op->self;
  GHashTable *by_id = op->remote_customer ? self->customers_by_id : self->installations_by_id;
  GObject *existing = NULL;

  if (error != NULL)
    {
      g_task_return_error (op->task, g_error_copy (error));
      return;
    }
  if (!self->loaded)
    {
      g_task_return_boolean (op->task, TRUE);
      return;
    }

  existing = g_hash_table_lookup (by_id, &op->id);
  if (existing != NULL && is_queued (self, existing))
    {
      /* A save of it began while the row was read, and what was read is older: read it
       * again after that write, which stores its values or, refused, puts the stored ones
       * back. The task is returned by that read. */
      Op *again = op_new (self, op->task, NULL, remote_work, remote_done);

      again->id = op->id;
      again->remote_customer = op->remote_customer;
      queue_op (self, again);
      return;
    }
  if (op->gone)
    {
      if (existing != NULL && !g_hash_table_contains (self->edits, existing))
        {
          g_autoptr(GObject) keep = g_object_ref (existing);

          if (op->remote_customer)
            {
              unwatch (self, keep);
              forget_row (self->customers_by_id, self->customers, op->id, keep);
            }
          else
            {
              unwatch_installation (self, SSA_INSTALLATION (keep));
              forget_row (self->installations_by_id, self->installations, op->id, keep);
            }
        }
    }
  else if (op->remote_customer)
    {
      if (existing == NULL)
        add_remote_customer (self, SSA_CUSTOMER (op->stored));
      else if (!g_hash_table_contains (self->edits, existing))
        {
          self->reverting++;
          copy_customer (SSA_CUSTOMER (existing), SSA_CUSTOMER (op->stored));
          set_version (existing, get_version (op->stored));
          self->reverting--;
          rename_customer_everywhere (self, SSA_CUSTOMER (existing));
        }
    }
  else
    {
      for (guint i = 0; op->customers != NULL && i < op->customers->len; i++)
        add_remote_customer (self, g_ptr_array_index (op->customers, i));
      if (existing == NULL)
        {
          SsaInstallation *installation = SSA_INSTALLATION (op->stored);

          g_hash_table_insert (self->installations_by_id, id_key (op->id), installation);
          watch (self, installation);
          g_list_store_append (self->installations, installation);
        }
      else if (!g_hash_table_contains (self->edits, existing))
        {
          op->object = g_object_ref (existing);
          apply_refreshed (op);
        }
    }
  g_task_return_boolean (op->task, TRUE);
}

/**
 * ssa_repository_apply_remote_change_async:
 * @self: a loaded repository
 * @table: the table another client changed: "customers", "installations", "licences" or
 *   "offers" (the last two name their installation in @id)
 * @id: the customer's or installation's id
 * @callback: (nullable): called once the models show it
 * @user_data: for @callback
 *
 * Shows a change another client made to a team database (its notification): reads that
 * one customer or installation (with its licence lines) again, in the write queue, and
 * updates, adds or removes it in the models. The selection stays (the objects are the same),
 * and an object being edited keeps the user's values.
 */
void
ssa_repository_apply_remote_change_async (SsaRepository       *self,
                                          const char          *table,
                                          gint64               id,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Op *op;

  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (table != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ssa_repository_apply_remote_change_async);
  if (!check_loaded (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  op = op_new (self, task, NULL, remote_work, remote_done);
  op->id = id;
  op->remote_customer = g_str_equal (table, "customers");
  queue_op (self, op);
}

gboolean
ssa_repository_apply_remote_change_finish (SsaRepository  *self,
                                           GAsyncResult   *result,
                                           GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_repository_apply_remote_change_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ssa_repository_refresh_installation_async:
 * @self: a loaded repository
 * @installation: a loaded installation
 * @cancellable: (nullable): not used
 * @callback: called on the calling thread's main context once it is read again
 * @user_data: for @callback
 *
 * ssa_repository_refresh_installation() with the read in a worker thread, in the write
 * queue (so that it reads what the writes asked before it wrote): the installation and its
 * lines change, and SsaRepository::refreshed is emitted, before @callback runs.
 */
void
ssa_repository_refresh_installation_async (SsaRepository       *self,
                                           SsaInstallation     *installation,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Op *op;

  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (SSA_IS_INSTALLATION (installation));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ssa_repository_refresh_installation_async);
  if (!check_loaded (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = op_new (self, task, G_OBJECT (installation), refresh_work, refresh_done);
  op->id = ssa_installation_get_id (installation);
  queue_op (self, op);
}

gboolean
ssa_repository_refresh_installation_finish (SsaRepository  *self,
                                            GAsyncResult   *result,
                                            GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_repository_refresh_installation_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ssa_repository_apply_values:
 * @self: a loaded repository
 * @object: a loaded customer, installation or licence line
 * @values: a detached object of the same type (SsaRepository::stored's @before or @after)
 * @error: a #GError
 *
 * Gives @object the stored values of @values (not its id, nor an installation's lines) and
 * writes its row once, as an editor's Save does: the Undo and Redo of an edit.
 *
 * Returns: %FALSE if the database refused the write (@object keeps its stored values)
 */
gboolean
ssa_repository_apply_values (SsaRepository  *self,
                             GObject        *object,
                             GObject        *values,
                             GError        **error)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (G_TYPE_FROM_INSTANCE (object) == G_TYPE_FROM_INSTANCE (values), FALSE);

  ssa_repository_begin_edit (self, object);
  if (SSA_IS_LICENCE (object))
    copy_licence (SSA_LICENCE (object), SSA_LICENCE (values));
  else if (SSA_IS_INSTALLATION (object))
    copy_installation (SSA_INSTALLATION (object), SSA_INSTALLATION (values));
  else
    copy_customer (SSA_CUSTOMER (object), SSA_CUSTOMER (values));
  return ssa_repository_end_edit (self, object, error);
}

/**
 * ssa_repository_apply_values_async:
 * @self: a repository
 * @object: a loaded object
 * @values: a detached object of the same type with the values to give it (SsaRepository::stored)
 * @cancellable: (nullable): not used: a write that started is finished
 * @callback: called on the calling thread's main context once the row is written or refused
 * @user_data: for @callback
 *
 * ssa_repository_apply_values() with the write in a worker thread, after the writes already
 * queued (an Undo or Redo of an edit): @object shows @values at once; when the database
 * refuses them, it gets its stored values back and SsaRepository::write-failed is emitted
 * before @callback runs.
 */
void
ssa_repository_apply_values_async (SsaRepository       *self,
                                   GObject             *object,
                                   GObject             *values,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (G_TYPE_FROM_INSTANCE (object) == G_TYPE_FROM_INSTANCE (values));

  ssa_repository_begin_edit (self, object);
  if (SSA_IS_LICENCE (object))
    copy_licence (SSA_LICENCE (object), SSA_LICENCE (values));
  else if (SSA_IS_INSTALLATION (object))
    copy_installation (SSA_INSTALLATION (object), SSA_INSTALLATION (values));
  else
    copy_customer (SSA_CUSTOMER (object), SSA_CUSTOMER (values));
  ssa_repository_end_edit_async (self, object, cancellable, callback, user_data);
}

/**
 * ssa_repository_apply_values_finish:
 *
 * Returns: %FALSE with @error set if the database refused the write
 */
gboolean
ssa_repository_apply_values_finish (SsaRepository  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return ssa_repository_end_edit_finish (self, result, error);
}

/**
 * ssa_repository_contains:
 * @self: a repository
 * @object: a customer, an installation or a licence line
 *
 * Whether @object is one of the repository's loaded objects, written through: not a row
 * deleted (or hidden) since, nor an object of an earlier load. Reads nothing.
 */
gboolean
ssa_repository_contains (SsaRepository *self,
                         GObject       *object)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);

  return is_watched (self, object);
}

/* Deferred deletion: the window hides a row at once and deletes it only when its Undo is no
 * longer offered. A hidden row leaves the models and is no longer written through, but its
 * row, its licence lines and its links stay in the database until the deletion is made
 * final with ssa_repository_remove_…(); unhiding it puts the same object, with the same id,
 * back. */

/* Refuses the deletion of what has @n_offers offers, in words. */
static gboolean
refuse_offers (gint64        installation_id,
               const char   *name,
               guint         n_offers,
               GError      **error)
{
  if (n_offers == 0)
    return TRUE;

  if (installation_id > 0)
    g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT,
                 /* Translators: %s is an installation's name. */
                 g_dngettext (GETTEXT_PACKAGE,
                              "“%s” has %u offer, which is kept for good: the installation "
                              "cannot be deleted. Archive it instead.",
                              "“%s” has %u offers, which are kept for good: the installation "
                              "cannot be deleted. Archive it instead.", n_offers),
                 name, n_offers);
  else
    g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT,
                 /* Translators: %s is a customer's name. */
                 g_dngettext (GETTEXT_PACKAGE,
                              "The installations of “%s” have %u offer, which is kept for "
                              "good: the customer cannot be deleted. Archive it instead.",
                              "The installations of “%s” have %u offers, which are kept for "
                              "good: the customer cannot be deleted. Archive it instead.",
                              n_offers),
                 name, n_offers);
  return FALSE;
}

/* Refuses the deletion of what has offers, in words, before anything is hidden. */
static gboolean
check_no_offers (SsaRepository *self,
                 gint64         installation_id,
                 gint64         customer_id,
                 const char    *name,
                 GError       **error)
{
  guint n_offers = 0;

  if (!ssa_db_count_offers (self->db, installation_id, customer_id, &n_offers, error))
    return FALSE;
  return refuse_offers (installation_id, name, n_offers, error);
}

/**
 * ssa_repository_check_offer_count:
 * @self: a repository
 * @object: the #SsaInstallation or #SsaCustomer to be deleted
 * @n_offers: its offers (a customer's: its installations'), counted off the main thread
 * @error: a #GError
 *
 * The refusal ssa_repository_hide_installation() and ssa_repository_hide_customer() give
 * when there are offers (%SSA_DB_ERROR_CONSTRAINT, saying to archive instead), for a caller
 * that counted them in a worker and hides with the _counted variants: reads nothing.
 *
 * Returns: %TRUE when @n_offers is 0
 */
gboolean
ssa_repository_check_offer_count (SsaRepository  *self,
                                  GObject        *object,
                                  guint           n_offers,
                                  GError        **error)
{
  const char *name;

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);

  if (SSA_IS_INSTALLATION (object))
    {
      name = ssa_installation_get_name (SSA_INSTALLATION (object));
      return refuse_offers (ssa_installation_get_id (SSA_INSTALLATION (object)),
                            name != NULL ? name : _("Unnamed installation"), n_offers, error);
    }
  g_return_val_if_fail (SSA_IS_CUSTOMER (object), FALSE);
  return refuse_offers (0, ssa_customer_get_name (SSA_CUSTOMER (object)), n_offers, error);
}

static void
hide_installation_row (SsaRepository   *self,
                       SsaInstallation *installation)
{
  unwatch_installation (self, installation);
  forget_row (self->installations_by_id, self->installations,
              ssa_installation_get_id (installation), installation);
}

static void
show_installation_row (SsaRepository   *self,
                       SsaInstallation *installation)
{
  g_hash_table_insert (self->installations_by_id,
                       id_key (ssa_installation_get_id (installation)), installation);
  watch (self, installation);
  watch_licences (self, installation);
  sync_customer_name (self, installation);
  g_list_store_append (self->installations, installation);
}

/**
 * ssa_repository_hide_installation:
 * @self: a loaded repository
 * @installation: one of its installations
 * @error: a #GError
 *
 * Takes @installation out of the models without deleting it: the first step of a deletion
 * that can be undone (ssa_repository_unhide_installation()) until it is made final
 * (ssa_repository_remove_installation()). One that has offers is refused
 * (%SSA_DB_ERROR_CONSTRAINT, saying to archive it instead) and stays.
 */
gboolean
ssa_repository_hide_installation (SsaRepository    *self,
                                  SsaInstallation  *installation,
                                  GError          **error)
{
  const char *name;

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_INSTALLATION (installation), FALSE);

  name = ssa_installation_get_name (installation);
  if (!check_writable (self, error) ||
      !check_no_offers (self, ssa_installation_get_id (installation), 0,
                        name != NULL ? name : _("Unnamed installation"), error))
    return FALSE;

  hide_installation_row (self, installation);
  return TRUE;
}

/**
 * ssa_repository_hide_installation_counted:
 * @self: a loaded repository
 * @installation: a loaded installation
 * @error: a #GError
 *
 * ssa_repository_hide_installation() for a caller that has just counted the installation's
 * offers (none) off the main thread, as the window's Delete does: reads nothing.
 */
gboolean
ssa_repository_hide_installation_counted (SsaRepository    *self,
                                          SsaInstallation  *installation,
                                          GError          **error)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_INSTALLATION (installation), FALSE);

  if (!check_writable (self, error))
    return FALSE;
  hide_installation_row (self, installation);
  return TRUE;
}

/* Puts back an installation hidden by ssa_repository_hide_installation(). */
void
ssa_repository_unhide_installation (SsaRepository   *self,
                                    SsaInstallation *installation)
{
  gint64 id;

  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (SSA_IS_INSTALLATION (installation));

  id = ssa_installation_get_id (installation);
  if (!g_hash_table_contains (self->installations_by_id, &id))
    show_installation_row (self, installation);
}

/* ssa_repository_hide_customer(), reading the offer count unless the caller @counted. */
static gboolean
hide_customer (SsaRepository  *self,
               SsaCustomer    *customer,
               gboolean        counted,
               GPtrArray     **out_installations,
               GError        **error)
{
  g_autoptr(GPtrArray) hidden = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 id;
  guint n;

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_CUSTOMER (customer), FALSE);

  id = ssa_customer_get_id (customer);
  if (!check_writable (self, error) ||
      (!counted && !check_no_offers (self, 0, id, ssa_customer_get_name (customer), error)))
    return FALSE;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->installations));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SsaInstallation) installation =
        g_list_model_get_item (G_LIST_MODEL (self->installations), i);

      if (ssa_installation_get_customer_id (installation) == id)
        g_ptr_array_add (hidden, g_steal_pointer (&installation));
    }
  for (guint i = 0; i < hidden->len; i++)
    hide_installation_row (self, g_ptr_array_index (hidden, i));
  unwatch (self, customer);
  forget_row (self->customers_by_id, self->customers, id, customer);

  if (out_installations != NULL)
    *out_installations = g_steal_pointer (&hidden);
  return TRUE;
}

/**
 * ssa_repository_hide_customer:
 * @self: a loaded repository
 * @customer: one of its customers
 * @out_installations: (out) (optional) (transfer container) (element-type SsaInstallation):
 *   the installations hidden with it, for ssa_repository_unhide_customer()
 * @error: a #GError
 *
 * Takes @customer and its installations out of the models without deleting them, as
 * ssa_repository_hide_installation() does; the deletion is made final with
 * ssa_repository_remove_customer_with_installations(). A customer whose installations have
 * offers is refused (%SSA_DB_ERROR_CONSTRAINT) and stays.
 */
gboolean
ssa_repository_hide_customer (SsaRepository  *self,
                              SsaCustomer    *customer,
                              GPtrArray     **out_installations,
                              GError        **error)
{
  return hide_customer (self, customer, FALSE, out_installations, error);
}

/**
 * ssa_repository_hide_customer_counted:
 *
 * ssa_repository_hide_customer() for a caller that has just counted the offers of the
 * customer's installations (none) off the main thread, as the window's Delete does: reads
 * nothing.
 */
gboolean
ssa_repository_hide_customer_counted (SsaRepository  *self,
                                      SsaCustomer    *customer,
                                      GPtrArray     **out_installations,
                                      GError        **error)
{
  return hide_customer (self, customer, TRUE, out_installations, error);
}

/* Puts back a customer hidden by ssa_repository_hide_customer(), with @installations. */
void
ssa_repository_unhide_customer (SsaRepository *self,
                                SsaCustomer   *customer,
                                GPtrArray     *installations)
{
  gint64 id;

  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (SSA_IS_CUSTOMER (customer));

  id = ssa_customer_get_id (customer);
  if (!g_hash_table_contains (self->customers_by_id, &id))
    {
      g_hash_table_insert (self->customers_by_id, id_key (id), customer);
      watch (self, customer);
      g_list_store_append (self->customers, customer);
    }
  for (guint i = 0; installations != NULL && i < installations->len; i++)
    ssa_repository_unhide_installation (self, g_ptr_array_index (installations, i));
}

/**
 * ssa_repository_hide_licence:
 * @self: a loaded repository
 * @installation: a loaded installation
 * @licence: one of its lines
 * @out_position: (out): where the line was, for ssa_repository_unhide_licence()
 * @error: a #GError
 *
 * Takes @licence out of the installation's lines without deleting it; the deletion is made
 * final with ssa_repository_remove_licence().
 */
gboolean
ssa_repository_hide_licence (SsaRepository    *self,
                             SsaInstallation  *installation,
                             SsaLicence       *licence,
                             guint            *out_position,
                             GError          **error)
{
  guint position;

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_INSTALLATION (installation), FALSE);
  g_return_val_if_fail (SSA_IS_LICENCE (licence), FALSE);
  g_return_val_if_fail (out_position != NULL, FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (!g_list_store_find (licence_store (installation), licence, &position))
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND,
                   _("The licence line is no longer in the installation."));
      return FALSE;
    }

  unwatch (self, licence);
  ssa_installation_remove_licence (installation, position);
  *out_position = position;
  return TRUE;
}

void
ssa_repository_unhide_licence (SsaRepository   *self,
                               SsaInstallation *installation,
                               SsaLicence      *licence,
                               guint            position)
{
  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (SSA_IS_INSTALLATION (installation));
  g_return_if_fail (SSA_IS_LICENCE (licence));

  if (g_list_store_find (licence_store (installation), licence, NULL))
    return;
  ssa_installation_insert_licence (installation, position, licence);
  if (g_hash_table_contains (self->watched_licences, installation))
    watch (self, licence);
}

/**
 * ssa_repository_set_archived:
 * @self: a loaded repository
 * @object: a loaded #SsaCustomer or #SsaInstallation
 * @archived: %TRUE to archive it, %FALSE to bring it back
 * @error: a #GError
 *
 * Archives @object or brings it back: stores the flag, then sets the object's "archived"
 * property. Nothing else changes: an archived installation keeps its lines and offers.
 */
gboolean
ssa_repository_set_archived (SsaRepository  *self,
                             GObject        *object,
                             gboolean        archived,
                             GError        **error)
{
  gboolean ok;

  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);
  g_return_val_if_fail (SSA_IS_CUSTOMER (object) || SSA_IS_INSTALLATION (object), FALSE);

  if (!check_writable (self, error))
    return FALSE;
  if (SSA_IS_INSTALLATION (object))
    ok = ssa_db_set_installation_archived (self->db,
                                           ssa_installation_get_id (SSA_INSTALLATION (object)),
                                           archived, error);
  else
    ok = ssa_db_set_customer_archived (self->db, ssa_customer_get_id (SSA_CUSTOMER (object)),
                                       archived, error);
  if (!ok)
    return FALSE;

  self->reverting++;
  g_object_set (object, "archived", archived, NULL);
  self->reverting--;
  return TRUE;
}

static gpointer
archive_work (SsaDb         *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Op *op = data;

  if (SSA_IS_INSTALLATION (op->object))
    ssa_db_set_installation_archived (db, op->id, op->archived, error);
  else
    ssa_db_set_customer_archived (db, op->id, op->archived, error);
  return NULL;
}

static void
archive_done (Op           *op,
              const GError *error)
{
  if (error != NULL)
    {
      g_task_return_error (op->task, g_error_copy (error));
      return;
    }

  op->self->reverting++;
  g_object_set (op->object, "archived", op->archived, NULL);
  op->self->reverting--;
  g_task_return_boolean (op->task, TRUE);
}

/**
 * ssa_repository_set_archived_async:
 * @self: a loaded repository
 * @object: a loaded #SsaCustomer or #SsaInstallation
 * @archived: %TRUE to archive it, %FALSE to bring it back
 * @cancellable: (nullable): not used: a write that started is finished
 * @callback: called on the calling thread's main context once it is stored or refused
 * @user_data: for @callback
 *
 * ssa_repository_set_archived() with the write in a worker thread: the object's "archived"
 * property changes once the flag is stored, before @callback runs.
 */
void
ssa_repository_set_archived_async (SsaRepository       *self,
                                   GObject             *object,
                                   gboolean             archived,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Op *op;

  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (SSA_IS_CUSTOMER (object) || SSA_IS_INSTALLATION (object));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ssa_repository_set_archived_async);
  if (!check_writable (self, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  op = op_new (self, task, object, archive_work, archive_done);
  op->id = SSA_IS_INSTALLATION (object) ? ssa_installation_get_id (SSA_INSTALLATION (object))
                                        : ssa_customer_get_id (SSA_CUSTOMER (object));
  op->archived = archived;
  queue_op (self, op);
}

gboolean
ssa_repository_set_archived_finish (SsaRepository  *self,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_repository_set_archived_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
ssa_repository_get_read_only (SsaRepository *self)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), FALSE);

  return self->read_only;
}

/* Returns: (nullable): why the repository is read-only, for the user; %NULL when it is not */
const char *
ssa_repository_get_read_only_reason (SsaRepository *self)
{
  g_return_val_if_fail (SSA_IS_REPOSITORY (self), NULL);

  return self->read_only_reason;
}

/**
 * ssa_repository_set_read_only:
 * @self: a repository
 * @reason: why, for the user: a sentence that says what happened and what to do
 *
 * Makes the repository refuse every write from now on, with @reason as the message, and
 * notifies "read-only". Before the first load, the database is also opened read-only (the
 * window's --read-only); after it, the connection stays as it is but nothing is written
 * through it (a database found damaged). Only ssa_repository_close() and a new load end a
 * read-only state that was not asked for before the first load.
 */
void
ssa_repository_set_read_only (SsaRepository *self,
                              const char    *reason)
{
  g_return_if_fail (SSA_IS_REPOSITORY (self));
  g_return_if_fail (reason != NULL);

  if (self->db == NULL && !self->loaded)
    {
      self->open_read_only = TRUE;
      /* The writes' workers, which only read back stored values now, open it read-only
       * too. */
      ssa_db_job_set_read_only (self->path);
    }
  set_read_only (self, reason);
}

/**
 * ssa_repository_close:
 * @self: a repository
 *
 * Closes the main thread's connection, so that the file can be replaced (a restore from a
 * backup); the models keep their rows until the next ssa_repository_load_async(), which
 * opens the file again. Writes fail in between. A read-only state comes back with the next
 * load only when it was asked for before the first load or the file still is read-only.
 */
void
ssa_repository_close (SsaRepository *self)
{
  g_return_if_fail (SSA_IS_REPOSITORY (self));

  g_clear_pointer (&self->db, ssa_db_close);
  if (!self->open_read_only)
    set_read_only (self, NULL);
}
