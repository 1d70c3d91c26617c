/* test-repository.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <glib/gstdio.h>

#include "ssa-date.h"
#include "ssa-db-inventory.h"
#include "ssa-db-licences.h"
#include "ssa-db-offers.h"
#include "ssa-db.h"
#include "ssa-repository.h"
#include "ssa-samples.h"
#include "ssa-sql.h"
#include "test-engine.h"
#include "test-util.h"

/* The repository the window binds to: loading in a worker with one items-changed per
 * store, edits written through to SQLite at once (or once per grouped edit), refused edits
 * reverted and reported, and bulk changes with one items-changed.
 *
 * The same tests run on a team's PostgreSQL server with SSA_TEST_ENGINE=postgresql
 * (test-engine.h), but for those about the SQLite file itself (its locks, a file that is
 * not a database, a read-only file). */

typedef struct
{
  char          *dir;
  char          *path;
  SsaRepository *repository;
  GMainLoop     *loop;
  GError        *load_error;
  guint          customers_changed;
  guint          installations_changed;
  guint          last_added;
  guint          last_removed;
  GPtrArray     *failures;     /* GError* of write-failed */
} Fixture;

static SsaInventory *
sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  SsaInventory *inventory = ssa_samples_load_installation (name, &error);

  g_assert_no_error (error);
  return inventory;
}

static void
customers_changed_cb (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      Fixture    *f)
{
  f->customers_changed++;
}

static void
installations_changed_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          Fixture    *f)
{
  f->installations_changed++;
  f->last_added = added;
  f->last_removed = removed;
}

static void
write_failed_cb (SsaRepository *repository,
                 const GError  *error,
                 Fixture       *f)
{
  g_ptr_array_add (f->failures, g_error_copy (error));
}

static void
seed (Fixture *f)
{
  const char *names[] = { "renewal-in-time.json", "lapsed.json", "co-terming.json" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  SsaInventory *inventories[G_N_ELEMENTS (names)];
  gint64 ids[G_N_ELEMENTS (names)];

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    inventories[i] = sample (names[i]);
  g_assert_true (ssa_db_import_inventories (db, inventories, names, G_N_ELEMENTS (names), ids,
                                            &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    ssa_inventory_free (inventories[i]);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fixture *f = user_data;

  g_clear_error (&f->load_error);
  ssa_repository_load_finish (SSA_REPOSITORY (object), result, &f->load_error);
  g_main_loop_quit (f->loop);
}

/* Waits until every write asked is back: single changes are written in a worker. */
static void
drain (Fixture *f)
{
  while (ssa_repository_is_writing (f->repository))
    g_main_context_iteration (NULL, TRUE);
}

static void
load (Fixture      *f,
      GCancellable *cancellable)
{
  ssa_repository_load_async (f->repository, cancellable, load_cb, f);
  g_main_loop_run (f->loop);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("test-repository-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = test_engine_new_location (f->dir);
  f->loop = g_main_loop_new (NULL, FALSE);
  f->failures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  seed (f);

  f->repository = ssa_repository_new (f->path);
  g_signal_connect (ssa_repository_get_customers (f->repository), "items-changed",
                    G_CALLBACK (customers_changed_cb), f);
  g_signal_connect (ssa_repository_get_installations (f->repository), "items-changed",
                    G_CALLBACK (installations_changed_cb), f);
  g_signal_connect (f->repository, "write-failed", G_CALLBACK (write_failed_cb), f);

  if (data == NULL)
    {
      load (f, NULL);
      g_assert_no_error (f->load_error);
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->repository);
  g_clear_pointer (&f->loop, g_main_loop_unref);
  g_clear_error (&f->load_error);
  g_clear_pointer (&f->failures, g_ptr_array_unref);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static char *
raw_text (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaSql) handle = ssa_sql_open (f->path, &error);
  g_autoptr(SsaSqlStmt) stmt = NULL;
  char *value = NULL;

  g_assert_no_error (error);
  stmt = ssa_sql_prepare (handle, sql, &error);
  g_assert_no_error (error);
  if (ssa_sql_step (stmt, &error) == SSA_SQL_STEP_ROW)
    value = ssa_sql_column_dup_text (stmt, 0);
  g_assert_no_error (error);
  return value;
}

static SsaInstallation *
installation_at (Fixture *f,
                 guint    position)
{
  g_autoptr(SsaInstallation) installation =
    g_list_model_get_item (ssa_repository_get_installations (f->repository), position);

  /* The store keeps it alive. */
  return installation;
}

/* A licence line as the window edits it: handed out by the repository. */
static SsaLicence *
licence_at (Fixture         *f,
            SsaInstallation *installation,
            guint            position)
{
  GListModel *licences = ssa_repository_get_licences (f->repository, installation);
  g_autoptr(SsaLicence) licence = g_list_model_get_item (licences, position);

  g_assert_true (licences == ssa_installation_get_licences (installation));
  return licence;
}

static void
test_load (Fixture       *f,
           gconstpointer  data)
{
  GListModel *installations = ssa_repository_get_installations (f->repository);
  GListModel *customers = ssa_repository_get_customers (f->repository);
  g_autoptr(SsaInstallation) old = NULL;
  SsaInstallation *first;

  g_assert_true (ssa_repository_get_loaded (f->repository));
  g_assert_nonnull (ssa_repository_get_db (f->repository));
  g_assert_cmpuint (f->customers_changed, ==, 1);
  g_assert_cmpuint (f->installations_changed, ==, 1);
  g_assert_cmpuint (f->last_added, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (installations), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 3);

  first = installation_at (f, 0);
  g_assert_cmpstr (ssa_installation_get_name (first), ==, "Hovedkontor Bergen");
  g_assert_cmpstr (ssa_installation_get_customer_name (first), ==, "Bryggen Regnskap AS");
  g_assert_cmpuint (g_list_model_get_n_items (ssa_installation_get_licences (first)), ==, 7);
  g_assert_true (ssa_repository_find_installation (f->repository,
                                                   ssa_installation_get_id (first)) == first);
  g_assert_nonnull (ssa_repository_find_customer (f->repository,
                                                  ssa_installation_get_customer_id (first)));

  /* Loading again replaces everything, again with one items-changed, and the old objects
   * are no longer written through. */
  old = g_object_ref (first);
  load (f, NULL);
  g_assert_no_error (f->load_error);
  g_assert_cmpuint (f->installations_changed, ==, 2);
  g_assert_cmpuint (f->last_removed, ==, 3);
  g_assert_cmpuint (f->last_added, ==, 3);
  g_assert_cmpuint (f->customers_changed, ==, 2);
  {
    g_autofree char *name = NULL;

    g_assert_true (installation_at (f, 0) != old);
    ssa_installation_set_name (old, "Not written");
    name = raw_text (f, "SELECT name FROM installations WHERE id = 1");
    g_assert_cmpstr (name, ==, "Hovedkontor Bergen");
  }
}

static void
test_write_through (Fixture       *f,
                    gconstpointer  data)
{
  SsaInstallation *installation = installation_at (f, 1);
  SsaLicence *licence = licence_at (f, installation, 0);
  gint64 customer_id = ssa_installation_get_customer_id (installation);
  SsaCustomer *customer = ssa_repository_find_customer (f->repository, customer_id);
  SsaCustomer *other = ssa_repository_find_customer (f->repository, 1);
  g_autofree char *sql = NULL;
  g_autofree char *value = NULL;
  GDate expiry;

  ssa_licence_set_quantity (licence, 42);
  drain (f);
  sql = g_strdup_printf ("SELECT quantity FROM licences WHERE id = %" G_GINT64_FORMAT,
                         ssa_licence_get_id (licence));
  value = raw_text (f, sql);
  g_assert_cmpstr (value, ==, "42");
  g_clear_pointer (&value, g_free);

  g_date_clear (&expiry, 1);
  g_date_set_dmy (&expiry, 1, 2, 2028);
  ssa_installation_set_ssa_expiry (installation, &expiry);
  ssa_installation_set_name (installation, "Trondheim sentrum");
  drain (f);
  value = raw_text (f, "SELECT name || ' ' || ssa_expiry FROM installations WHERE id = 2");
  g_assert_cmpstr (value, ==, "Trondheim sentrum 2028-02-01");
  g_clear_pointer (&value, g_free);

  /* A customer's new name shows on its installations. */
  ssa_customer_set_name (customer, "Nidaros Bygg AS");
  drain (f);
  g_assert_cmpstr (ssa_installation_get_customer_name (installation), ==, "Nidaros Bygg AS");
  value = raw_text (f, "SELECT name FROM customers WHERE id = 2");
  g_assert_cmpstr (value, ==, "Nidaros Bygg AS");
  g_clear_pointer (&value, g_free);

  /* Moving an installation to another customer. */
  ssa_installation_set_customer_id (installation, ssa_customer_get_id (other));
  drain (f);
  g_assert_cmpstr (ssa_installation_get_customer_name (installation), ==, "Bryggen Regnskap AS");
  value = raw_text (f, "SELECT customer_id FROM installations WHERE id = 2");
  g_assert_cmpstr (value, ==, "1");
  g_clear_pointer (&value, g_free);

  g_assert_cmpuint (f->failures->len, ==, 0);
}

/* Versions (schema 8): the window's own writes queued one behind another are each based on
 * the version the one before wrote, so they never refuse each other; a change someone else
 * saved in between is refused as a conflict, puts their values and version on the object,
 * and the next change (the user's again) is written over theirs. */
static void
test_versions (Fixture       *f,
               gconstpointer  data)
{
  SsaInstallation *installation = installation_at (f, 1);
  SsaLicence *licence = licence_at (f, installation, 0);
  SsaCustomer *customer = ssa_repository_find_customer (f->repository, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) other = NULL;
  g_autoptr(SsaCustomer) theirs = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *value = NULL;
  const GError *failure;

  g_assert_cmpint (ssa_installation_get_version (installation), ==, 1);
  g_assert_cmpint (ssa_customer_get_version (customer), ==, 1);

  /* Three writes queued before the first is back. */
  ssa_licence_set_quantity (licence, 11);
  ssa_licence_set_quantity (licence, 12);
  ssa_licence_set_quantity (licence, 13);
  ssa_installation_set_name (installation, "Trondheim nord");
  ssa_installation_set_name (installation, "Trondheim sør");
  drain (f);
  g_assert_cmpuint (f->failures->len, ==, 0);
  sql = g_strdup_printf ("SELECT quantity || ' ' || version FROM licences WHERE id = %"
                         G_GINT64_FORMAT, ssa_licence_get_id (licence));
  value = raw_text (f, sql);
  g_assert_cmpstr (value, ==, "13 4");
  g_assert_cmpint (ssa_licence_get_version (licence), ==, 4);
  g_clear_pointer (&value, g_free);
  value = raw_text (f, "SELECT name || ' ' || version FROM installations WHERE id = 2");
  g_assert_cmpstr (value, ==, "Trondheim sør 3");
  g_assert_cmpint (ssa_installation_get_version (installation), ==, 3);
  g_clear_pointer (&value, g_free);

  /* Someone else's change, then one of the window's. */
  other = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  ssa_db_set_user_name (other, "Bjørn Berg");
  theirs = ssa_db_load_customer (other, 2, &error);
  g_assert_no_error (error);
  ssa_customer_set_notes (theirs, "Bjørns notat");
  g_assert_true (ssa_db_update_customer (other, theirs, &error));
  g_assert_no_error (error);

  ssa_customer_set_email (customer, "post@example.no");
  drain (f);
  g_assert_cmpuint (f->failures->len, ==, 1);
  failure = g_ptr_array_index (f->failures, 0);
  g_assert_error (failure, SSA_DB_ERROR, SSA_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (failure->message, "Bjørn Berg changed this customer"));
  g_assert_cmpstr (ssa_customer_get_notes (customer), ==, "Bjørns notat");
  g_assert_cmpint (ssa_customer_get_version (customer), ==, 2);

  ssa_customer_set_email (customer, "post@example.no");
  drain (f);
  g_assert_cmpuint (f->failures->len, ==, 1);
  value = raw_text (f, "SELECT email || ' ' || notes || ' ' || version FROM customers "
                       "WHERE id = 2");
  g_assert_cmpstr (value, ==, "post@example.no Bjørns notat 3");
}

static void
test_write_failed (Fixture       *f,
                   gconstpointer  data)
{
  SsaInstallation *a = installation_at (f, 0);
  SsaInstallation *b = installation_at (f, 1);
  SsaCustomer *customer = ssa_repository_find_customer (f->repository, 2);
  g_autofree char *serial = g_strdup (ssa_installation_get_serial (b));
  g_autofree char *stored = NULL;
  const GError *error;

  ssa_installation_set_serial (b, ssa_installation_get_serial (a));
  drain (f);
  g_assert_cmpuint (f->failures->len, ==, 1);
  error = g_ptr_array_index (f->failures, 0);
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_assert_cmpstr (ssa_installation_get_serial (b), ==, serial);
  stored = raw_text (f, "SELECT serial FROM installations WHERE id = 2");
  g_assert_cmpstr (stored, ==, serial);

  ssa_customer_set_org_no (customer, "914527309");  /* customer 1's */
  drain (f);
  g_assert_cmpuint (f->failures->len, ==, 2);
  g_assert_cmpstr (ssa_customer_get_org_no (customer), !=, "914527309");

  /* A refused change followed by a good one before the first is back (typed on): the
   * object keeps the newer value, which is what gets stored. */
  ssa_installation_set_serial (b, ssa_installation_get_serial (a));
  ssa_installation_set_serial (b, "00-90-33-55-55-02");
  g_assert_true (ssa_repository_is_writing (f->repository));
  drain (f);
  g_assert_false (ssa_repository_is_writing (f->repository));
  g_assert_cmpuint (f->failures->len, ==, 3);
  g_assert_cmpstr (ssa_installation_get_serial (b), ==, "00-90-33-55-55-02");
  g_clear_pointer (&stored, g_free);
  stored = raw_text (f, "SELECT serial FROM installations WHERE id = 2");
  g_assert_cmpstr (stored, ==, "00-90-33-55-55-02");
}

/* @fields as a string array, "" for none. */
static GStrv
fields_strv (const char * const *fields,
             guint               n_fields)
{
  GStrv strv = g_new0 (char *, n_fields + 1);

  for (guint i = 0; i < n_fields; i++)
    strv[i] = g_strdup (fields[i] != NULL ? fields[i] : "");
  return strv;
}

/* The stored fields of a customer or an installation, to compare an object with its row. */
static GStrv
fields_of (gpointer object)
{
  if (SSA_IS_CUSTOMER (object))
    {
      SsaCustomer *customer = object;
      const char *fields[] = {
        ssa_customer_get_name (customer),
        ssa_customer_get_org_no (customer),
        ssa_customer_get_address (customer),
        ssa_customer_get_contact (customer),
        ssa_customer_get_email (customer),
        ssa_customer_get_notes (customer),
      };

      return fields_strv (fields, G_N_ELEMENTS (fields));
    }
  else
    {
      SsaInstallation *installation = object;
      const GDate *date = ssa_installation_get_ssa_expiry (installation);
      g_autofree char *customer_id =
        g_strdup_printf ("%" G_GINT64_FORMAT, ssa_installation_get_customer_id (installation));
      g_autofree char *deployment =
        g_strdup_printf ("%d", ssa_installation_get_deployment (installation));
      g_autofree char *expiry = date != NULL && g_date_valid (date) ? ssa_date_to_iso (date)
                                                                  : NULL;
      const char *fields[] = {
        customer_id,
        ssa_installation_get_name (installation),
        ssa_installation_get_serial (installation),
        deployment,
        ssa_installation_get_firmware (installation),
        expiry,
        ssa_installation_get_notes (installation),
      };

      return fields_strv (fields, G_N_ELEMENTS (fields));
    }
}

/* The fields of row @id as @reader, another connection, sees them now. */
static GStrv
stored_fields (SsaDb  *reader,
               GType   type,
               gint64  id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) stored = NULL;

  if (type == SSA_TYPE_CUSTOMER)
    stored = G_OBJECT (ssa_db_load_customer (reader, id, &error));
  else
    stored = G_OBJECT (ssa_db_load_installation (reader, id, &error));
  g_assert_no_error (error);
  return fields_of (stored);
}

/* An editor's Save: six fields in one edit, stored only when it ends, in one write. */
static void
test_edit_grouped (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) reader = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  SsaCustomer *customer = ssa_repository_find_customer (f->repository, 2);
  SsaInstallation *installation = installation_at (f, 1);
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  g_auto(GStrv) stored = NULL;
  g_autofree char *old_name = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (customer);
  g_assert_cmpint (ssa_installation_get_customer_id (installation), ==, 2);
  before = stored_fields (reader, SSA_TYPE_CUSTOMER, 2);
  old_name = g_strdup (ssa_customer_get_name (customer));

  ssa_repository_begin_edit (f->repository, G_OBJECT (customer));
  ssa_customer_set_name (customer, "Nidaros Bygg AS");
  ssa_customer_set_org_no (customer, "988077917");
  ssa_customer_set_address (customer, "Kjøpmannsgata 1, 7013 Trondheim");
  ssa_customer_set_contact (customer, "Kari Nordmann");
  ssa_customer_set_email (customer, "kari@nidarosbygg.no");
  ssa_customer_set_notes (customer, "Ring før levering");
  after = fields_of (customer);
  for (guint i = 0; before[i] != NULL; i++)
    g_assert_cmpstr (after[i], !=, before[i]);

  /* The object has the new values; the row, and the installations that show the
   * customer's name, still have the stored ones. */
  stored = stored_fields (reader, SSA_TYPE_CUSTOMER, 2);
  g_assert_cmpstrv (stored, before);
  g_assert_cmpstr (ssa_installation_get_customer_name (installation), ==, old_name);

  g_assert_true (ssa_repository_end_edit (f->repository, G_OBJECT (customer), &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_strfreev);
  stored = stored_fields (reader, SSA_TYPE_CUSTOMER, 2);
  g_assert_cmpstrv (stored, after);
  g_assert_cmpstr (ssa_installation_get_customer_name (installation), ==, "Nidaros Bygg AS");
  g_assert_cmpuint (f->failures->len, ==, 0);

  /* Edits nest: only the outermost end writes. */
  ssa_repository_begin_edit (f->repository, G_OBJECT (customer));
  ssa_repository_begin_edit (f->repository, G_OBJECT (customer));
  ssa_customer_set_contact (customer, "Ola Nordmann");
  g_assert_true (ssa_repository_end_edit (f->repository, G_OBJECT (customer), &error));
  g_clear_pointer (&stored, g_strfreev);
  stored = stored_fields (reader, SSA_TYPE_CUSTOMER, 2);
  g_assert_cmpstr (stored[3], ==, "Kari Nordmann");
  g_assert_true (ssa_repository_end_edit (f->repository, G_OBJECT (customer), &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_strfreev);
  stored = stored_fields (reader, SSA_TYPE_CUSTOMER, 2);
  g_assert_cmpstr (stored[3], ==, "Ola Nordmann");

  /* With no edit open, a single change is written at once, in a worker. */
  ssa_customer_set_notes (customer, "Levering etter kl. 9");
  drain (f);
  g_clear_pointer (&stored, g_strfreev);
  stored = stored_fields (reader, SSA_TYPE_CUSTOMER, 2);
  g_assert_cmpstr (stored[5], ==, "Levering etter kl. 9");
  g_assert_cmpuint (f->failures->len, ==, 0);
}

/* A grouped write that the database refuses (a serial that is taken) stores nothing and
 * gives every field its stored value back, reporting the error once. */
static void
test_edit_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) reader = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
  SsaInstallation *a = installation_at (f, 0);
  SsaInstallation *b = installation_at (f, 1);
  SsaCustomer *other = ssa_repository_find_customer (f->repository, 1);
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) now = NULL;
  g_auto(GStrv) stored = NULL;
  g_autofree char *customer_name = NULL;
  const GError *reported;
  GDate expiry;

  g_assert_no_error (error);
  g_assert_cmpint (ssa_installation_get_customer_id (b), !=, ssa_customer_get_id (other));
  before = stored_fields (reader, SSA_TYPE_INSTALLATION, ssa_installation_get_id (b));
  customer_name = g_strdup (ssa_installation_get_customer_name (b));

  /* What the installation editor's Save does, with another installation's serial. */
  g_date_clear (&expiry, 1);
  g_date_set_dmy (&expiry, 1, 2, 2031);
  ssa_repository_begin_edit (f->repository, G_OBJECT (b));
  ssa_installation_set_customer_id (b, ssa_customer_get_id (other));
  ssa_installation_set_customer_name (b, ssa_customer_get_name (other));
  ssa_installation_set_name (b, "Trondheim sentrum");
  ssa_installation_set_serial (b, ssa_installation_get_serial (a));
  ssa_installation_set_deployment (b, SSA_DEPLOYMENT_RENTAL);
  ssa_installation_set_firmware (b, "14r2");
  ssa_installation_set_ssa_expiry (b, &expiry);
  ssa_installation_set_notes (b, "Flyttet til nytt bygg");
  now = fields_of (b);
  for (guint i = 0; before[i] != NULL; i++)
    g_assert_cmpstr (now[i], !=, before[i]);
  g_assert_cmpuint (f->failures->len, ==, 0);

  g_assert_false (ssa_repository_end_edit (f->repository, G_OBJECT (b), &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);

  /* Reported once, the way a refused single change is. */
  g_assert_cmpuint (f->failures->len, ==, 1);
  reported = g_ptr_array_index (f->failures, 0);
  g_assert_error (reported, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_assert_cmpstr (reported->message, ==, error->message);

  /* Every field is back, the customer's name too, and the row never changed. */
  g_clear_pointer (&now, g_strfreev);
  now = fields_of (b);
  g_assert_cmpstrv (now, before);
  g_assert_cmpstr (ssa_installation_get_customer_name (b), ==, customer_name);
  stored = stored_fields (reader, SSA_TYPE_INSTALLATION, ssa_installation_get_id (b));
  g_assert_cmpstrv (stored, before);

  /* Putting the values back wrote nothing, and was not refused again. */
  g_assert_cmpuint (f->failures->len, ==, 1);
}

static void
test_bulk_import (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SsaInventory *inventories[3];
  const char *names[] = { "a.json", "b.json", "c.json" };

  inventories[0] = sample ("saas.json");          /* a new customer */
  inventories[1] = sample ("firmware-6.json");    /* another new customer */
  inventories[2] = sample ("old-12r1.json");      /* and one more */
  g_assert_true (ssa_repository_import_inventories (f->repository, inventories, names, 3,
                                                    &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->installations_changed, ==, 2);
  g_assert_cmpuint (f->last_added, ==, 3);
  g_assert_cmpuint (f->customers_changed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_repository_get_installations (f->repository)),
                    ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_repository_get_customers (f->repository)),
                    ==, 6);
  g_assert_cmpstr (ssa_installation_get_customer_name (installation_at (f, 5)), ==,
                   "Tromsø Havnelogistikk AS");

  /* The same files again: refused whole, no change. */
  g_assert_false (ssa_repository_import_inventories (f->repository, inventories, names, 3,
                                                     &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_assert_cmpuint (f->installations_changed, ==, 2);

  for (guint i = 0; i < 3; i++)
    ssa_inventory_free (inventories[i]);

  /* Imported objects are written through too. */
  ssa_installation_set_notes (installation_at (f, 5), "Havna");
  drain (f);
  {
    g_autofree char *notes = raw_text (f, "SELECT notes FROM installations WHERE id = 6");

    g_assert_cmpstr (notes, ==, "Havna");
  }
}

static void
licences_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

static void
test_replace_licences (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (SsaInventoryLine));
  SsaInstallation *installation = installation_at (f, 0);
  GListModel *licences = ssa_installation_get_licences (installation);
  SsaInventoryLine line = { NULL, };
  g_autofree char *count = NULL;
  guint changed = 0;

  g_date_clear (&line.added_on, 1);
  g_date_clear (&line.covered_until, 1);
  for (guint i = 0; i < 4; i++)
    {
      line.code = (char *) "02-00039-002";
      line.quantity = i + 1;
      g_array_append_val (lines, line);
    }

  g_signal_connect (licences, "items-changed", G_CALLBACK (licences_changed_cb), &changed);
  g_assert_true (ssa_repository_replace_licences (f->repository, installation, lines, FALSE,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (licences), ==, 4);
  count = raw_text (f, "SELECT count(*) || ' ' || sum(quantity) FROM licences "
                       "WHERE installation_id = 1");
  g_assert_cmpstr (count, ==, "4 10");
  g_clear_pointer (&count, g_free);

  g_assert_true (ssa_repository_replace_licences (f->repository, installation, lines, TRUE,
                                                  &error));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (licences), ==, 8);

  /* New lines are written through. */
  ssa_licence_set_quantity (licence_at (f, installation, 7), 99);
  drain (f);
  count = raw_text (f, "SELECT sum(quantity) FROM licences WHERE installation_id = 1");
  g_assert_cmpstr (count, ==, "115");
  g_signal_handlers_disconnect_by_func (licences, licences_changed_cb, &changed);
}

static void
test_add_remove (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();
  g_autoptr(SsaInstallation) installation = ssa_installation_new ();
  g_autoptr(SsaLicence) licence = ssa_licence_new ();
  g_autofree char *value = NULL;

  ssa_customer_set_name (customer, "Lofoten Fisk AS");
  g_assert_true (ssa_repository_add_customer (f->repository, customer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_repository_get_customers (f->repository)), ==, 4);

  ssa_installation_set_name (installation, "Svolvær");
  ssa_installation_set_customer_id (installation, ssa_customer_get_id (customer));
  g_assert_true (ssa_repository_add_installation (f->repository, installation, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ssa_installation_get_customer_name (installation), ==, "Lofoten Fisk AS");

  ssa_licence_set_code (licence, "02-00039-002");
  ssa_licence_set_quantity (licence, 3);
  drain (f);
  g_assert_true (ssa_repository_add_licence (f->repository, installation, licence, &error));
  g_assert_no_error (error);
  ssa_licence_set_quantity (licence, 4);
  drain (f);
  value = raw_text (f, "SELECT quantity FROM licences WHERE installation_id = 4");
  g_assert_cmpstr (value, ==, "4");
  g_clear_pointer (&value, g_free);

  /* A customer with installations stays. */
  g_assert_false (ssa_repository_remove_customer (f->repository, customer, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_true (ssa_repository_remove_licence (f->repository, installation, licence, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_installation_get_licences (installation)), ==, 0);
  ssa_licence_set_quantity (licence, 5);   /* no longer written anywhere */
  drain (f);

  g_assert_true (ssa_repository_remove_installation (f->repository, installation, &error));
  g_assert_true (ssa_repository_remove_customer (f->repository, customer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_repository_get_installations (f->repository)),
                    ==, 3);
  g_assert_null (ssa_repository_find_installation (f->repository, 4));
  value = raw_text (f, "SELECT count(*) FROM licences WHERE installation_id = 4");
  g_assert_cmpstr (value, ==, "0");
  g_assert_cmpuint (f->failures->len, ==, 0);
}

/* The items of @model, in order, each with a reference. */
static GPtrArray *
items_of (GListModel *model)
{
  guint n = g_list_model_get_n_items (model);
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

static void
assert_items (GListModel *model,
              GPtrArray  *items)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, items->len);
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_assert_true (item == g_ptr_array_index (items, i));
    }
}

/* A second appliance for the first two customers (found by organisation number):
 * installations 4 (Bergen) and 5 (Trondheim), with their lines. Sets the two customers'
 * ids. */
static void
import_second_appliances (Fixture *f,
                          gint64  *out_bergen_id,
                          gint64  *out_trondheim_id)
{
  GListModel *customers = ssa_repository_get_customers (f->repository);
  GListModel *installations = ssa_repository_get_installations (f->repository);
  g_autoptr(GError) error = NULL;
  SsaInventory *copies[2];
  const char *names[] = { "bergen-2.json", "trondheim-2.json" };
  gint64 bergen_id;
  gint64 trondheim_id;

  copies[0] = sample ("renewal-in-time.json");
  copies[1] = sample ("lapsed.json");
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    {
      g_free (copies[i]->serial);
      copies[i]->serial = g_strdup (names[i]);
    }
  g_assert_true (ssa_repository_import_inventories (f->repository, copies, names,
                                                    G_N_ELEMENTS (copies), &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (copies); i++)
    ssa_inventory_free (copies[i]);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (installations), ==, 5);

  bergen_id = ssa_installation_get_customer_id (installation_at (f, 0));
  trondheim_id = ssa_installation_get_customer_id (installation_at (f, 1));
  g_assert_cmpint (ssa_installation_get_customer_id (installation_at (f, 3)), ==, bergen_id);
  g_assert_cmpint (ssa_installation_get_customer_id (installation_at (f, 4)), ==, trondheim_id);
  *out_bergen_id = bergen_id;
  *out_trondheim_id = trondheim_id;
}

static void
test_remove_customer_with_installations (Fixture       *f,
                                         gconstpointer  data)
{
  GListModel *customers = ssa_repository_get_customers (f->repository);
  GListModel *installations = ssa_repository_get_installations (f->repository);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(SsaCustomer) bergen = NULL;
  g_autofree char *value = NULL;
  gint64 bergen_id;
  gint64 trondheim_id;

  import_second_appliances (f, &bergen_id, &trondheim_id);
  /* The models' references may be the last ones. */
  bergen = g_object_ref (ssa_repository_find_customer (f->repository, bergen_id));

  /* The customer and both its installations leave the models in the one call; the removed
   * installations come back with their lines, for Undo. */
  f->customers_changed = 0;
  f->installations_changed = 0;
  g_assert_true (ssa_repository_remove_customer_with_installations (f->repository, bergen,
                                                                    &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed->len, ==, 2);
  g_assert_cmpint (ssa_installation_get_id (g_ptr_array_index (removed, 0)), ==, 1);
  g_assert_cmpint (ssa_installation_get_id (g_ptr_array_index (removed, 1)), ==, 4);
  for (guint i = 0; i < removed->len; i++)
    {
      SsaInstallation *installation = g_ptr_array_index (removed, i);

      g_assert_cmpuint (g_list_model_get_n_items (ssa_installation_get_licences (installation)),
                        ==, 7);
    }
  g_assert_cmpuint (f->customers_changed, ==, 1);
  g_assert_cmpuint (f->installations_changed, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (installations), ==, 3);
  g_assert_false (g_list_store_find (G_LIST_STORE (customers), bergen, NULL));
  for (guint i = 0; i < g_list_model_get_n_items (installations); i++)
    g_assert_cmpint (ssa_installation_get_customer_id (installation_at (f, i)), !=, bergen_id);
  g_assert_null (ssa_repository_find_customer (f->repository, bergen_id));
  g_assert_null (ssa_repository_find_installation (f->repository, 1));
  g_assert_null (ssa_repository_find_installation (f->repository, 4));
  value = raw_text (f, "SELECT count(*) FROM licences WHERE installation_id IN (1, 4)");
  g_assert_cmpstr (value, ==, "0");
  g_clear_pointer (&value, g_free);

  /* The removed objects are no longer written through: a write would fail, as their rows
   * are gone. */
  ssa_installation_set_name (g_ptr_array_index (removed, 0), "Not written");
  ssa_customer_set_notes (bergen, "Not written");
  drain (f);
  g_assert_cmpuint (f->failures->len, ==, 0);
}

/* An installation with offers keeps its customer and all the customer's installations,
 * in the database and in the models, which do not change at all. */
static void
test_remove_customer_kept_with_offers (Fixture       *f,
                                       gconstpointer  data)
{
  GListModel *customers = ssa_repository_get_customers (f->repository);
  GListModel *installations = ssa_repository_get_installations (f->repository);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) removed = NULL;
  g_autoptr(GPtrArray) customers_before = NULL;
  g_autoptr(GPtrArray) installations_before = NULL;
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autofree char *value = NULL;
  SsaCustomer *trondheim;
  SsaOfferRequest request;
  gint64 bergen_id;
  gint64 trondheim_id;
  GDate day;

  import_second_appliances (f, &bergen_id, &trondheim_id);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 28, 11, 2026);
  ssa_offer_request_init (&request);
  request.today = day;
  offer = ssa_db_create_offer (ssa_repository_get_db (f->repository), 5, &request, &day, 0,
                               NULL, &error);
  g_assert_no_error (error);
  trondheim = ssa_repository_find_customer (f->repository, trondheim_id);
  customers_before = items_of (customers);
  installations_before = items_of (installations);
  f->customers_changed = 0;
  f->installations_changed = 0;

  g_assert_false (ssa_repository_remove_customer_with_installations (f->repository, trondheim,
                                                                     &removed, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_null (removed);
  g_assert_cmpuint (f->customers_changed, ==, 0);
  g_assert_cmpuint (f->installations_changed, ==, 0);
  assert_items (customers, customers_before);
  assert_items (installations, installations_before);
  g_assert_true (ssa_repository_find_customer (f->repository, trondheim_id) == trondheim);
  g_assert_nonnull (ssa_repository_find_installation (f->repository, 2));
  g_assert_nonnull (ssa_repository_find_installation (f->repository, 5));
  value = raw_text (f, "SELECT count(*) FROM installations WHERE customer_id = 2");
  g_assert_cmpstr (value, ==, "2");
  g_clear_pointer (&value, g_free);
  value = raw_text (f, "SELECT count(*) FROM licences WHERE installation_id IN (2, 5)");
  g_assert_cmpstr (value, ==, "8");
  g_clear_pointer (&value, g_free);

  /* And they are still written through. */
  ssa_installation_set_notes (ssa_repository_find_installation (f->repository, 2), "Kept");
  drain (f);
  value = raw_text (f, "SELECT notes FROM installations WHERE id = 2");
  g_assert_cmpstr (value, ==, "Kept");
  g_assert_cmpuint (f->failures->len, ==, 0);
}

static void
test_refresh (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  SsaDb *db = ssa_repository_get_db (f->repository);
  SsaInstallation *installation = installation_at (f, 1);   /* lapsed */
  g_autoptr(SsaDbOffer) offer = NULL;
  SsaOfferRequest request;
  GDate day;
  guint changed = 0;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 28, 11, 2026);
  ssa_offer_request_init (&request);
  request.today = day;
  offer = ssa_db_create_offer (db, 2, &request, &day, 0, NULL, &error);
  g_assert_no_error (error);
  ssa_db_set_offer_status (db, offer->number, SSA_OFFER_STATUS_SENT, &day, &error);
  g_assert_no_error (error);
  ssa_db_set_offer_status (db, offer->number, SSA_OFFER_STATUS_ACCEPTED, &day, &error);
  g_assert_no_error (error);

  g_signal_connect (ssa_installation_get_licences (installation), "items-changed",
                    G_CALLBACK (licences_changed_cb), &changed);
  g_assert_true (ssa_repository_refresh_installation (f->repository, installation, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  {
    g_autofree char *expiry = ssa_date_to_iso (ssa_installation_get_ssa_expiry (installation));

    g_assert_cmpstr (expiry, ==, "2027-11-27");
  }
  g_signal_handlers_disconnect_by_func (ssa_installation_get_licences (installation),
                                        licences_changed_cb, &changed);
  g_assert_cmpuint (f->failures->len, ==, 0);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  load (f, cancellable);
  g_assert_error (f->load_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (ssa_repository_get_loaded (f->repository));
  g_assert_cmpuint (f->installations_changed, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_repository_get_installations (f->repository)),
                    ==, 0);
}

static void
test_load_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(SsaRepository) repository = NULL;
  g_autofree char *bogus = g_build_filename (f->dir, "bogus.db", NULL);

  g_assert_true (g_file_set_contents (bogus, "not a database at all, just some text\n", -1,
                                      NULL));
  repository = ssa_repository_new (bogus);
  ssa_repository_load_async (repository, NULL, load_cb, f);
  g_main_loop_run (f->loop);
  g_assert_error (f->load_error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE);
  g_assert_null (ssa_repository_get_db (repository));
}

/* Deferred deletion: hidden rows leave the models but stay in the database, and come back
 * as the same objects, with their ids and lines; only removing them deletes them. */
static void
test_hide_unhide (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *installations = ssa_repository_get_installations (f->repository);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  SsaInstallation *installation = ssa_repository_find_installation (f->repository, 1);
  guint n_lines;

  g_object_ref (installation);
  n_lines = g_list_model_get_n_items (ssa_installation_get_licences (installation));
  g_assert_true (ssa_repository_hide_installation (f->repository, installation, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (installations), ==, 2);
  g_assert_null (ssa_repository_find_installation (f->repository, 1));
  value = raw_text (f, "SELECT count(*) FROM licences WHERE installation_id = 1");
  g_assert_cmpint (atoi (value), ==, (int) n_lines);
  g_clear_pointer (&value, g_free);

  /* Hidden, it is no longer written through. */
  ssa_installation_set_notes (installation, "Not written");
  drain (f);
  value = raw_text (f, "SELECT notes FROM installations WHERE id = 1");
  g_assert_null (value);

  ssa_repository_unhide_installation (f->repository, installation);
  g_assert_cmpuint (g_list_model_get_n_items (installations), ==, 3);
  g_assert_true (ssa_repository_find_installation (f->repository, 1) == installation);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_installation_get_licences (installation)), ==,
                    n_lines);
  ssa_installation_set_notes (installation, "Written again");
  drain (f);
  value = raw_text (f, "SELECT notes FROM installations WHERE id = 1");
  g_assert_cmpstr (value, ==, "Written again");
  g_clear_pointer (&value, g_free);
  g_object_unref (installation);
}

/* A licence line goes back where it was. */
static void
test_hide_unhide_licence (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  SsaInstallation *installation = ssa_repository_find_installation (f->repository, 1);
  guint n_lines = g_list_model_get_n_items (ssa_installation_get_licences (installation));
  SsaLicence *licence;
  guint position = G_MAXUINT;

  licence = licence_at (f, installation, 1);
  g_object_ref (licence);
  g_assert_true (ssa_repository_hide_licence (f->repository, installation, licence, &position,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (position, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_installation_get_licences (installation)), ==,
                    n_lines - 1);
  ssa_repository_unhide_licence (f->repository, installation, licence, position);
  g_assert_true (licence_at (f, installation, 1) == licence);
  ssa_licence_set_quantity (licence, 77);
  drain (f);
  value = raw_text (f, "SELECT quantity FROM licences WHERE id = (SELECT id FROM licences "
                       "WHERE installation_id = 1 ORDER BY position LIMIT 1 OFFSET 1)");
  g_assert_cmpstr (value, ==, "77");
  g_clear_pointer (&value, g_free);
  g_object_unref (licence);
}

/* Removing what is hidden deletes it for good. */
static void
test_hide_unhide_remove (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  SsaInstallation *installation = ssa_repository_find_installation (f->repository, 1);

  g_object_ref (installation);
  g_assert_true (ssa_repository_hide_installation (f->repository, installation, &error));
  g_assert_true (ssa_repository_remove_installation (f->repository, installation, &error));
  g_assert_no_error (error);
  value = raw_text (f, "SELECT count(*) FROM licences WHERE installation_id = 1");
  g_assert_cmpstr (value, ==, "0");
  g_clear_pointer (&value, g_free);
  g_object_unref (installation);
}

/* A customer hides with its installations. */
static void
test_hide_unhide_customer (Fixture       *f,
                           gconstpointer  data)
{
  GListModel *customers = ssa_repository_get_customers (f->repository);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hidden = NULL;
  SsaInstallation *installation;
  SsaCustomer *customer;

  installation = ssa_repository_find_installation (f->repository, 2);
  customer = ssa_repository_find_customer (f->repository,
                                           ssa_installation_get_customer_id (installation));
  /* The models' references go with the rows: the caller keeps its own. */
  g_object_ref (customer);
  g_assert_true (ssa_repository_hide_customer (f->repository, customer, &hidden, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (hidden->len, >=, 1);
  g_assert_null (ssa_repository_find_installation (f->repository, 2));
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 2);
  ssa_repository_unhide_customer (f->repository, customer, hidden);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, 3);
  g_assert_true (ssa_repository_find_installation (f->repository, 2) == installation);
  g_object_unref (customer);
}

/* What has offers is not hidden: the refusal says why in words, and what to do. */
static void
test_hide_unhide_refused_with_offers (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDbOffer) offer = NULL;
  SsaInstallation *installation = ssa_repository_find_installation (f->repository, 2);
  SsaCustomer *customer = ssa_repository_find_customer (
    f->repository, ssa_installation_get_customer_id (installation));
  SsaOfferRequest request;
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 28, 11, 2026);
  ssa_offer_request_init (&request);
  request.today = day;
  offer = ssa_db_create_offer (ssa_repository_get_db (f->repository), 2, &request, &day, 0,
                               NULL, &error);
  g_assert_no_error (error);
  g_assert_false (ssa_repository_hide_installation (f->repository, installation, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Archive it instead"));
  g_assert_null (strstr (error->message, "FOREIGN KEY"));
  g_clear_error (&error);
  g_assert_false (ssa_repository_hide_customer (f->repository, customer, NULL, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (ssa_repository_find_installation (f->repository, 2) == installation);
  g_assert_cmpuint (f->failures->len, ==, 0);
}

typedef struct
{
  GObject *object;
  GObject *before;
  GObject *after;
  guint    count;
} Stored;

static void
stored_cb (SsaRepository *repository,
           GObject       *object,
           GObject       *before,
           GObject       *after,
           Stored        *stored)
{
  stored->count++;
  stored->object = object;
  g_set_object (&stored->before, before);
  g_set_object (&stored->after, after);
}

/* Archiving is stored on its own; an edit written is announced with the values before and
 * after it, which undo and redo it. */
static void
test_archive_and_stored (Fixture       *f,
                         gconstpointer  data)
{
  SsaInstallation *installation = ssa_repository_find_installation (f->repository, 3);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autoptr(SsaRepository) again = NULL;
  g_autoptr(GObject) before = NULL;
  Stored stored = { 0 };
  SsaLicence *licence;

  g_signal_connect (f->repository, "stored", G_CALLBACK (stored_cb), &stored);

  g_assert_true (ssa_repository_set_archived (f->repository, G_OBJECT (installation), TRUE,
                                              &error));
  g_assert_no_error (error);
  g_assert_true (ssa_installation_get_archived (installation));
  value = raw_text (f, "SELECT archived FROM installations WHERE id = 3");
  g_assert_cmpstr (value, ==, "1");
  g_clear_pointer (&value, g_free);
  /* Not an edit of the row's values. */
  g_assert_cmpuint (stored.count, ==, 0);

  /* Loaded again, it is still archived. */
  again = ssa_repository_new (f->path);
  ssa_repository_load_async (again, NULL, load_cb, f);
  g_main_loop_run (f->loop);
  g_assert_no_error (f->load_error);
  g_assert_true (ssa_installation_get_archived (ssa_repository_find_installation (again, 3)));
  g_assert_false (ssa_installation_get_archived (ssa_repository_find_installation (again, 1)));

  licence = licence_at (f, installation, 0);
  ssa_licence_set_quantity (licence, 41);
  drain (f);
  g_assert_cmpuint (stored.count, ==, 1);
  g_assert_true (stored.object == G_OBJECT (licence));
  g_assert_cmpuint (ssa_licence_get_quantity (SSA_LICENCE (stored.after)), ==, 41);
  g_assert_cmpuint (ssa_licence_get_quantity (SSA_LICENCE (stored.before)), !=, 41);

  /* Undo: the values before, written in one go (and announced like any write). */
  before = g_object_ref (stored.before);
  g_assert_true (ssa_repository_apply_values (f->repository, G_OBJECT (licence), before,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stored.count, ==, 2);
  g_assert_cmpuint (ssa_licence_get_quantity (licence), ==,
                    ssa_licence_get_quantity (SSA_LICENCE (before)));
  g_assert_cmpuint (ssa_licence_get_quantity (licence), !=, 41);
  value = raw_text (f, "SELECT quantity FROM licences WHERE installation_id = 3 "
                       "ORDER BY position LIMIT 1");
  g_assert_cmpint (atoi (value), ==, (int) ssa_licence_get_quantity (licence));
  g_clear_pointer (&value, g_free);

  g_assert_true (ssa_repository_set_archived (f->repository, G_OBJECT (installation), FALSE,
                                              &error));
  value = raw_text (f, "SELECT archived FROM installations WHERE id = 3");
  g_assert_cmpstr (value, ==, "0");
  g_clear_object (&stored.before);
  g_clear_object (&stored.after);
}

/* Read-only: asked for before the load (the window's --read-only), the file is opened
 * read-only and every write is refused before SQLite, with the reason given, and an edit of
 * a property is reverted. The file is not changed by a byte. */

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The window's writes run in a worker on a connection of their own: not one statement on
 * the main thread while customers and installations are added, edited (the Undo history's
 * "before" read too), refused, archived and deleted, and the models follow on the main
 * thread. Two writes asked back to back reach the file in that order, and a load asked
 * behind writes reads what they wrote. */
static void
test_async_off_main_thread (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();
  g_autoptr(SsaInstallation) installation = ssa_installation_new ();
  g_autoptr(SsaLicence) line = ssa_licence_new ();
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;
  GListModel *customers = ssa_repository_get_customers (f->repository);
  GListModel *installations = ssa_repository_get_installations (f->repository);
  guint n_customers = g_list_model_get_n_items (customers);
  guint n_installations = g_list_model_get_n_items (installations);
  SsaInstallation *a = installation_at (f, 0);
  SsaInstallation *b = installation_at (f, 1);
  g_autofree char *b_serial = g_strdup (ssa_installation_get_serial (b));
  GAsyncResult *second = NULL;
  Stored stored = { 0 };
  guint main_thread_before;

  g_signal_connect (f->repository, "stored", G_CALLBACK (stored_cb), &stored);
  main_thread_before = ssa_db_get_main_thread_statements ();

  /* Add a customer: nothing changes before the write is back. */
  ssa_customer_set_name (customer, "Nordlys Elektro AS");
  ssa_repository_add_customer_async (f->repository, customer, NULL, store_result_cb, &result);
  g_assert_cmpint (ssa_customer_get_id (customer), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, n_customers);
  g_assert_true (ssa_repository_add_customer_finish (f->repository, wait_result (&result),
                                                     &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (ssa_customer_get_id (customer), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, n_customers + 1);
  g_assert_true (ssa_repository_find_customer (f->repository, ssa_customer_get_id (customer)) ==
                 customer);
  sql = g_strdup_printf ("SELECT name FROM customers WHERE id = %" G_GINT64_FORMAT,
                         ssa_customer_get_id (customer));
  text = raw_text (f, sql);
  g_assert_cmpstr (text, ==, "Nordlys Elektro AS");

  /* Add an installation of it with a line: ids for both, the customer's name shown. */
  ssa_installation_set_name (installation, "Tromsø kontor");
  ssa_installation_set_serial (installation, "00-90-33-77-77-01");
  ssa_installation_set_customer_id (installation, ssa_customer_get_id (customer));
  ssa_licence_set_code (line, "IPVA");
  ssa_licence_set_quantity (line, 12);
  ssa_installation_add_licence (installation, line);
  ssa_repository_add_installation_async (f->repository, installation, NULL, store_result_cb,
                                         &result);
  g_assert_true (ssa_repository_add_installation_finish (f->repository, wait_result (&result),
                                                         &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (ssa_installation_get_id (installation), >, 0);
  g_assert_cmpint (ssa_licence_get_id (line), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (installations), ==, n_installations + 1);
  g_assert_cmpstr (ssa_installation_get_customer_name (installation), ==, "Nordlys Elektro AS");
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&text, g_free);
  sql = g_strdup_printf ("SELECT quantity FROM licences WHERE id = %" G_GINT64_FORMAT,
                         ssa_licence_get_id (line));
  text = raw_text (f, sql);
  g_assert_cmpstr (text, ==, "12");

  /* Rename the customer in an edit: written, announced for the Undo history with the
   * values before, and its installation shows the new name. */
  ssa_repository_begin_edit (f->repository, G_OBJECT (customer));
  ssa_customer_set_name (customer, "Nordlys Elektro Tromsø AS");
  ssa_repository_end_edit_async (f->repository, G_OBJECT (customer), NULL, store_result_cb,
                                 &result);
  g_assert_true (ssa_repository_end_edit_finish (f->repository, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (stored.count, ==, 1);
  g_assert_true (stored.object == G_OBJECT (customer));
  g_assert_cmpstr (ssa_customer_get_name (SSA_CUSTOMER (stored.before)), ==,
                   "Nordlys Elektro AS");
  g_assert_cmpstr (ssa_customer_get_name (SSA_CUSTOMER (stored.after)), ==,
                   "Nordlys Elektro Tromsø AS");
  g_assert_cmpstr (ssa_installation_get_customer_name (installation), ==,
                   "Nordlys Elektro Tromsø AS");
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&text, g_free);
  sql = g_strdup_printf ("SELECT name FROM customers WHERE id = %" G_GINT64_FORMAT,
                         ssa_customer_get_id (customer));
  text = raw_text (f, sql);
  g_assert_cmpstr (text, ==, "Nordlys Elektro Tromsø AS");

  /* Two edits asked back to back: the file has the second. */
  ssa_repository_begin_edit (f->repository, G_OBJECT (installation));
  ssa_installation_set_notes (installation, "first");
  ssa_repository_end_edit_async (f->repository, G_OBJECT (installation), NULL, store_result_cb,
                                 &result);
  ssa_repository_begin_edit (f->repository, G_OBJECT (installation));
  ssa_installation_set_notes (installation, "second");
  ssa_repository_end_edit_async (f->repository, G_OBJECT (installation), NULL, store_result_cb,
                                 &second);
  wait_result (&second);
  g_assert_nonnull (result);
  g_assert_true (ssa_repository_end_edit_finish (f->repository, result, &error));
  g_assert_true (ssa_repository_end_edit_finish (f->repository, second, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_clear_object (&second);
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&text, g_free);
  sql = g_strdup_printf ("SELECT notes FROM installations WHERE id = %" G_GINT64_FORMAT,
                         ssa_installation_get_id (installation));
  text = raw_text (f, sql);
  g_assert_cmpstr (text, ==, "second");

  /* Refused: another installation's serial. The caller gets the reason, write-failed is
   * emitted once, and the installation has its stored values back. */
  g_assert_cmpuint (f->failures->len, ==, 0);
  ssa_repository_begin_edit (f->repository, G_OBJECT (b));
  ssa_installation_set_serial (b, ssa_installation_get_serial (a));
  ssa_repository_end_edit_async (f->repository, G_OBJECT (b), NULL, store_result_cb, &result);
  g_assert_false (ssa_repository_end_edit_finish (f->repository, wait_result (&result), &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (f->failures->len, ==, 1);
  g_assert_cmpstr (ssa_installation_get_serial (b), ==, b_serial);

  /* A second customer with the organisation number of the first is refused the same way:
   * nothing is added. */
  {
    g_autoptr(SsaCustomer) twin = ssa_customer_new ();

    ssa_repository_begin_edit (f->repository, G_OBJECT (customer));
    ssa_customer_set_org_no (customer, "988077917");
    ssa_repository_end_edit_async (f->repository, G_OBJECT (customer), NULL, store_result_cb,
                                   &result);
    g_assert_true (ssa_repository_end_edit_finish (f->repository, wait_result (&result),
                                                   &error));
    g_assert_no_error (error);
    g_clear_object (&result);

    ssa_customer_set_name (twin, "Nordlys Tvilling AS");
    ssa_customer_set_org_no (twin, "988077917");
    ssa_repository_add_customer_async (f->repository, twin, NULL, store_result_cb, &result);
    g_assert_false (ssa_repository_add_customer_finish (f->repository, wait_result (&result),
                                                        &error));
    g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
    g_clear_error (&error);
    g_clear_object (&result);
    g_assert_cmpint (ssa_customer_get_id (twin), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (customers), ==, n_customers + 1);
  }

  /* Archive the installation: the flag is stored, then the object says so. */
  ssa_repository_set_archived_async (f->repository, G_OBJECT (installation), TRUE, NULL,
                                     store_result_cb, &result);
  g_assert_false (ssa_installation_get_archived (installation));
  g_assert_true (ssa_repository_set_archived_finish (f->repository, wait_result (&result),
                                                     &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (ssa_installation_get_archived (installation));
  g_clear_pointer (&sql, g_free);
  g_clear_pointer (&text, g_free);
  sql = g_strdup_printf ("SELECT archived FROM installations WHERE id = %" G_GINT64_FORMAT,
                         ssa_installation_get_id (installation));
  text = raw_text (f, sql);
  g_assert_cmpstr (text, ==, "1");

  /* Delete the line, then the customer with its installation, as the window makes a
   * deletion final; a load asked meanwhile waits for them and reads the file without them. */
  {
    g_autoptr(GPtrArray) removed = NULL;
    GAsyncResult *customer_result = NULL;
    gint64 installation_id = ssa_installation_get_id (installation);
    gint64 line_id = ssa_licence_get_id (line);

    ssa_repository_remove_licence_async (f->repository, installation, line, NULL,
                                         store_result_cb, &result);
    ssa_repository_remove_customer_with_installations_async (f->repository, customer, NULL,
                                                             store_result_cb,
                                                             &customer_result);
    ssa_repository_load_async (f->repository, NULL, load_cb, f);
    g_main_loop_run (f->loop);
    g_assert_no_error (f->load_error);
    /* The writes came back before the load did. */
    g_assert_nonnull (result);
    g_assert_nonnull (customer_result);
    g_assert_true (ssa_repository_remove_licence_finish (f->repository, result, &error));
    g_assert_no_error (error);
    g_assert_true (ssa_repository_remove_customer_with_installations_finish (f->repository,
                                                                             customer_result,
                                                                             &removed,
                                                                             &error));
    g_assert_no_error (error);
    g_clear_object (&result);
    g_clear_object (&customer_result);
    g_assert_cmpuint (removed->len, ==, 1);
    g_assert_true (g_ptr_array_index (removed, 0) == installation);

    g_assert_null (ssa_repository_find_customer (f->repository,
                                                 ssa_customer_get_id (customer)));
    g_assert_null (ssa_repository_find_installation (f->repository, installation_id));
    g_assert_cmpuint (g_list_model_get_n_items (customers), ==, n_customers);
    g_assert_cmpuint (g_list_model_get_n_items (installations), ==, n_installations);
    g_clear_pointer (&sql, g_free);
    g_clear_pointer (&text, g_free);
    sql = g_strdup_printf ("SELECT count(*) FROM licences WHERE id = %" G_GINT64_FORMAT,
                           line_id);
    text = raw_text (f, sql);
    g_assert_cmpstr (text, ==, "0");
  }

  /* Not one statement ran on the main thread. */
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);

  /* The count is live: a call that still runs on the calling thread is counted. */
  b = installation_at (f, 1);
  g_assert_true (ssa_repository_remove_installation (f->repository, b, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), >, main_thread_before);

  g_signal_handlers_disconnect_by_func (f->repository, stored_cb, &stored);
  g_clear_object (&stored.before);
  g_clear_object (&stored.after);
}

static gboolean
tick_cb (gpointer data)
{
  guint *ticks = data;

  (*ticks)++;
  return G_SOURCE_CONTINUE;
}

/* A caller's write job (ssa_repository_write_async ()): run in the write queue after the
 * writes asked before it, with the installation read again in the same worker; a customer
 * list stored with _import_customers_async (); and the offer count's refusal given for a
 * count made elsewhere. None of it starts a statement on the main thread. */
typedef struct
{
  gint64  installation_id;
  GArray *lines;
} ReplaceJob;

static gpointer
replace_work (SsaDb         *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ReplaceJob *job = data;
  g_autoptr(GArray) ids = ssa_db_replace_licences (db, job->installation_id, job->lines, FALSE,
                                                   error);

  return ids != NULL ? GINT_TO_POINTER (TRUE) : NULL;
}

static void
replace_job_free (ReplaceJob *job)
{
  g_array_unref (job->lines);
  g_free (job);
}

static void
test_write_job_and_customers_async (Fixture       *f,
                                    gconstpointer  data)
{
  static const char list[] = "navn;organisasjonsnummer\nFjellvind AS;\nNordlys Elektro AS;\n";
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaCustomerCsv) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *count = NULL;
  SsaInstallation *installation = installation_at (f, 0);
  GListModel *licences = ssa_installation_get_licences (installation);
  GListModel *customers = ssa_repository_get_customers (f->repository);
  guint n_customers = g_list_model_get_n_items (customers);
  SsaCustomerImportCounts counts = { 0, };
  SsaInventoryLine line = { NULL, };
  ReplaceJob *job = g_new0 (ReplaceJob, 1);
  guint main_thread_before;
  guint changed = 0;

  g_assert_cmpint (ssa_installation_get_id (installation), ==, 1);
  job->installation_id = 1;
  job->lines = g_array_new (FALSE, TRUE, sizeof (SsaInventoryLine));
  g_date_clear (&line.added_on, 1);
  g_date_clear (&line.covered_until, 1);
  line.code = (char *) "02-00039-002";
  line.quantity = 3;
  g_array_append_val (job->lines, line);
  line.quantity = 4;
  g_array_append_val (job->lines, line);

  main_thread_before = ssa_db_get_main_thread_statements ();
  g_signal_connect (licences, "items-changed", G_CALLBACK (licences_changed_cb), &changed);
  /* A line's quantity written through, then the lines replaced: in that order, so the
   * first write finds its line, and the models show the lines replaced. */
  ssa_licence_set_quantity (licence_at (f, installation, 0), 77);
  ssa_repository_write_async (f->repository, replace_work, job,
                              (GDestroyNotify) replace_job_free, installation, NULL,
                              store_result_cb, &result);
  g_assert_cmpuint (changed, ==, 0);
  g_assert_true (ssa_repository_write_finish (f->repository, wait_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (licences), ==, 2);
  g_assert_cmpuint (f->failures->len, ==, 0);
  g_signal_handlers_disconnect_by_func (licences, licences_changed_cb, &changed);

  /* A customer list: planned here (a test may read on the main thread), stored in the
   * queue. */
  csv = ssa_customer_csv_read (list, strlen (list), "kunder.csv", &error);
  g_assert_no_error (error);
  rows = ssa_customer_csv_get_rows (csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  g_assert_true (ssa_customer_import_plan (ssa_repository_get_db (f->repository), rows, &counts,
                                           &error));
  main_thread_before = ssa_db_get_main_thread_statements ();
  ssa_repository_import_customers_async (f->repository, rows, NULL, store_result_cb, &result);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, n_customers);
  g_assert_true (ssa_repository_import_customers_finish (f->repository, wait_result (&result),
                                                         &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.created, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, n_customers + 2);
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);

  count = raw_text (f, "SELECT count(*) || ' ' || sum(quantity) FROM licences "
                       "WHERE installation_id = 1");
  g_assert_cmpstr (count, ==, "2 7");

  /* The refusal for offers counted elsewhere, in the repository's words; none: allowed. */
  g_assert_true (ssa_repository_check_offer_count (f->repository, G_OBJECT (installation), 0,
                                                   &error));
  g_assert_false (ssa_repository_check_offer_count (f->repository, G_OBJECT (installation), 3,
                                                    &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "3 offers"));
  g_assert_nonnull (strstr (error->message, "Archive it instead"));
}

/* Another process holds the write lock: the edit waits for it in its worker while the main
 * loop goes on, and is written once the lock is let go. */
static void
test_async_waits_off_main_thread (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *text = NULL;
  SsaCustomer *customer = ssa_repository_find_customer (f->repository, 1);
  sqlite3 *other = NULL;
  guint ticks = 0;
  guint tick;
  gint64 until;

  g_assert_nonnull (customer);
  g_assert_cmpint (sqlite3_open_v2 (f->path, &other, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  ssa_repository_begin_edit (f->repository, G_OBJECT (customer));
  ssa_customer_set_name (customer, "Låst Kunde AS");
  ssa_repository_end_edit_async (f->repository, G_OBJECT (customer), NULL, store_result_cb,
                                 &result);

  /* Half a second of main loop: it runs (a 10 ms timeout fires) and the write waits. */
  tick = g_timeout_add (10, tick_cb, &ticks);
  until = g_get_monotonic_time () + 500 * 1000;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (result);
  g_assert_cmpuint (ticks, >=, 20);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_true (ssa_repository_end_edit_finish (f->repository, wait_result (&result), &error));
  g_assert_no_error (error);
  g_source_remove (tick);

  sql = g_strdup_printf ("SELECT name FROM customers WHERE id = %" G_GINT64_FORMAT,
                         ssa_customer_get_id (customer));
  text = raw_text (f, sql);
  g_assert_cmpstr (text, ==, "Låst Kunde AS");
}

static void
read_only_notified_cb (GObject    *object,
                       GParamSpec *pspec,
                       guint      *count)
{
  (*count)++;
}

static void
test_read_only_asked (Fixture       *f,
                      gconstpointer  data)
{
  const char *reason = "Opened read-only on purpose.";
  g_autofree char *before = test_file_digest (f->path);
  g_autofree char *after = NULL;
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *serial = NULL;
  SsaInstallation *installation;
  const GError *failure;
  guint notified = 0;

  g_signal_connect (f->repository, "notify::read-only", G_CALLBACK (read_only_notified_cb),
                    &notified);
  g_assert_false (ssa_repository_get_read_only (f->repository));
  ssa_repository_set_read_only (f->repository, reason);
  g_assert_true (ssa_repository_get_read_only (f->repository));
  g_assert_cmpuint (notified, ==, 1);

  load (f, NULL);
  g_assert_no_error (f->load_error);
  g_assert_true (ssa_repository_get_read_only (f->repository));
  g_assert_cmpstr (ssa_repository_get_read_only_reason (f->repository), ==, reason);
  /* The connection itself is read-only: SQLite would refuse a write that got that far. */
  g_assert_true (ssa_db_is_read_only (ssa_repository_get_db (f->repository)));
  g_assert_cmpuint (g_list_model_get_n_items (ssa_repository_get_installations (f->repository)),
                    ==, 3);

  ssa_customer_set_name (customer, "Nordlys AS");
  drain (f);
  g_assert_false (ssa_repository_add_customer (f->repository, customer, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==, reason);
  g_clear_error (&error);

  installation = installation_at (f, 0);
  g_assert_false (ssa_repository_remove_installation (f->repository, installation, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* A property set by a widget binding: refused, reported, and given its value back. */
  serial = g_strdup (ssa_installation_get_serial (installation));
  ssa_installation_set_serial (installation, "CHANGED-SERIAL");
  drain (f);
  g_assert_cmpuint (f->failures->len, ==, 1);
  failure = g_ptr_array_index (f->failures, 0);
  g_assert_error (failure, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY);
  g_assert_cmpstr (ssa_installation_get_serial (installation), ==, serial);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_repository_get_installations (f->repository)),
                    ==, 3);

  g_clear_object (&f->repository);
  after = test_file_digest (f->path);
  g_assert_cmpstr (after, ==, before);
}

/* Made read-only after loading (the window found the file damaged): writes stop, and
 * closing the connection for a restore ends it, so that the next load can write again. */
static void
test_read_only_later (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_signal_connect (f->repository, "notify::read-only", G_CALLBACK (read_only_notified_cb),
                    &notified);
  ssa_repository_set_read_only (f->repository, "Damaged.");
  g_assert_cmpuint (notified, ==, 1);
  /* The connection was opened for writing: the repository alone stops the writes. */
  g_assert_false (ssa_db_is_read_only (ssa_repository_get_db (f->repository)));
  ssa_customer_set_name (customer, "Nordlys AS");
  drain (f);
  g_assert_false (ssa_repository_add_customer (f->repository, customer, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY);
  g_clear_error (&error);

  ssa_repository_close (f->repository);
  g_assert_null (ssa_repository_get_db (f->repository));
  g_assert_false (ssa_repository_get_read_only (f->repository));
  g_assert_cmpuint (notified, ==, 2);
  load (f, NULL);
  g_assert_no_error (f->load_error);
  g_assert_false (ssa_repository_get_read_only (f->repository));
  g_assert_true (ssa_repository_add_customer (f->repository, customer, &error));
  g_assert_no_error (error);
}

/* A database file the user cannot write (run as nobody when the tests run as root, who may
 * write anything): the repository finds out by itself and says why. */
static void
read_only_file_child (const char *path)
{
  g_autoptr(SsaRepository) repository = ssa_repository_new (path);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();
  g_autoptr(GError) error = NULL;
  Fixture child = { .loop = loop };

  ssa_repository_load_async (repository, NULL, load_cb, &child);
  g_main_loop_run (loop);
  g_assert_no_error (child.load_error);
  g_assert_true (ssa_repository_get_read_only (repository));
  g_assert_nonnull (strstr (ssa_repository_get_read_only_reason (repository), "read-only"));
  g_assert_cmpuint (g_list_model_get_n_items (ssa_repository_get_installations (repository)),
                    ==, 3);
  ssa_customer_set_name (customer, "Nordlys AS");
  g_assert_false (ssa_repository_add_customer (repository, customer, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_READ_ONLY);
}

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *before = test_file_digest (f->path);
  g_autofree char *after = NULL;

  if (g_test_subprocess ())
    {
      const char *path = g_getenv ("SSA_TEST_READ_ONLY_DB");

      if (geteuid () == 0)
        {
          struct passwd *nobody = getpwnam ("nobody");

          g_assert_nonnull (nobody);
          g_assert_cmpint (setgid (nobody->pw_gid), ==, 0);
          g_assert_cmpint (setuid (nobody->pw_uid), ==, 0);
        }
      read_only_file_child (path);
      return;
    }

  /* The folder stays writable (SQLite keeps its shared-memory file there); the file is not. */
  g_assert_cmpint (g_chmod (f->dir, 0777), ==, 0);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_setenv ("SSA_TEST_READ_ONLY_DB", f->path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_unsetenv ("SSA_TEST_READ_ONLY_DB");
  after = test_file_digest (f->path);
  g_assert_cmpstr (after, ==, before);
}

static void
loaded_cb (SsaRepository *repository,
           GParamSpec    *pspec,
           guint         *n_rows_when_loaded)
{
  *n_rows_when_loaded =
    g_list_model_get_n_items (ssa_repository_get_customers (repository)) +
    g_list_model_get_n_items (ssa_repository_get_installations (repository));
}

/* While the rows stream in, the first installation listed has its licences asked for, as
 * a window showing it would. */
static void
early_installation_cb (GListModel       *installations,
                       guint             position,
                       guint             removed,
                       guint             added,
                       SsaInstallation **early)
{
  if (*early != NULL || added == 0)
    return;
  *early = g_list_model_get_item (installations, position);
  ssa_installation_get_licences (*early);
}

static int
compare_customer_keys (gconstpointer a,
                       gconstpointer b)
{
  return strcmp (ssa_customer_get_sort_key (*(SsaCustomer * const *) a),
                 ssa_customer_get_sort_key (*(SsaCustomer * const *) b));
}

/* A large database streams into empty models: the rows arrive in slices while the main
 * loop runs, customers in the sidebar's order each followed by its installations; "loaded"
 * and the load's callback come once all are in, with every row findable and every line
 * there. */

/* Stores 3000 installations of 1500 customers besides the three samples, with names that
 * sort the other way round from the ids, and loads them into the repository; sets the
 * installation listed first while they streamed in, and the rows there were on "loaded". */
static void
stream_3000 (Fixture          *f,
             SsaInstallation **out_early,
             guint            *out_n_rows_when_loaded)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_autofree SsaInventory **inventories = g_new0 (SsaInventory *, 3000);
  g_autofree gint64 *ids = g_new0 (gint64, 3000);
  GListModel *installations = ssa_repository_get_installations (f->repository);

  g_assert_no_error (error);
  for (guint i = 0; i < 3000; i++)
    {
      SsaInventory *inventory = ssa_inventory_new ();

      /* Names that sort the other way round from the ids. */
      inventory->customer.name = g_strdup_printf ("Kunde %04u AS", 1499 - i % 1500);
      inventory->name = g_strdup_printf ("Avdeling %04u", 2999 - i);
      inventory->serial = g_strdup_printf ("IP811-%08u", i);
      for (guint j = 0; j < 2; j++)
        {
          SsaInventoryLine line = { NULL, };

          line.code = (char *) (j == 0 ? "02-00039-002" : "02-00039-101");
          line.quantity = 1 + i % 40 + j;
          g_date_clear (&line.added_on, 1);
          g_date_clear (&line.covered_until, 1);
          ssa_inventory_add_line (inventory, &line);
        }
      inventories[i] = inventory;
    }
  g_assert_true (ssa_db_import_inventories (db, inventories, NULL, 3000, ids, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3000; i++)
    ssa_inventory_free (inventories[i]);
  g_clear_pointer (&db, ssa_db_close);

  g_signal_connect (f->repository, "notify::loaded", G_CALLBACK (loaded_cb),
                    out_n_rows_when_loaded);
  g_signal_connect (installations, "items-changed", G_CALLBACK (early_installation_cb),
                    out_early);
  load (f, NULL);
  g_assert_no_error (f->load_error);
  g_signal_handlers_disconnect_by_func (installations, early_installation_cb, out_early);
}

static void
test_stream (Fixture       *f,
             gconstpointer  data)
{
  GListModel *customers = ssa_repository_get_customers (f->repository);
  GListModel *installations = ssa_repository_get_installations (f->repository);
  guint n_rows_when_loaded = 0;
  g_autoptr(SsaInstallation) early = NULL;
  guint n_customers, n_installations;

  stream_3000 (f, &early, &n_rows_when_loaded);
  /* Its lines came in after it was shown, all of them, once. */
  g_assert_nonnull (early);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_installation_get_licences (early)), ==,
                    g_str_has_prefix (ssa_installation_get_name (early), "Avdeling ") ? 2 : 7);

  n_customers = g_list_model_get_n_items (customers);
  n_installations = g_list_model_get_n_items (installations);
  g_assert_cmpuint (n_customers, ==, 1500 + 3);
  g_assert_cmpuint (n_installations, ==, 3000 + 3);
  g_assert_true (ssa_repository_get_loaded (f->repository));
  g_assert_cmpuint (n_rows_when_loaded, ==, n_customers + n_installations);
  g_assert_cmpfloat (ssa_repository_get_load_progress (f->repository), ==, 1.0);
  /* In slices, not at once. */
  g_assert_cmpuint (f->customers_changed, >, 2);
  g_assert_cmpuint (f->installations_changed, >, 2);
}

/* The customers by name; the installations grouped by customer, in the same order. */
static void
test_stream_order (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) customers_sorted = g_ptr_array_new ();
  GListModel *customers = ssa_repository_get_customers (f->repository);
  GListModel *installations = ssa_repository_get_installations (f->repository);
  guint n_rows_when_loaded = 0;
  g_autoptr(SsaInstallation) early = NULL;
  guint n_customers, n_installations;
  gint64 last_customer = -1;

  stream_3000 (f, &early, &n_rows_when_loaded);
  n_customers = g_list_model_get_n_items (customers);
  n_installations = g_list_model_get_n_items (installations);
  for (guint i = 0; i < n_customers; i++)
    {
      g_autoptr(SsaCustomer) customer = g_list_model_get_item (customers, i);

      g_assert_true (ssa_repository_find_customer (f->repository,
                                                   ssa_customer_get_id (customer)) == customer);
      g_ptr_array_add (customers_sorted, customer);
    }
  for (guint i = 1; i < n_customers; i++)
    g_assert_cmpint (compare_customer_keys (&customers_sorted->pdata[i - 1],
                                            &customers_sorted->pdata[i]), <=, 0);
  for (guint i = 0; i < n_installations; i++)
    {
      g_autoptr(SsaInstallation) installation = g_list_model_get_item (installations, i);
      gint64 customer_id = ssa_installation_get_customer_id (installation);
      GListModel *licences = ssa_installation_get_licences (installation);
      guint expected_lines = g_str_has_prefix (ssa_installation_get_name (installation),
                                               "Avdeling ") ? 2 : 0;

      g_assert_true (ssa_repository_find_installation (f->repository,
                                                       ssa_installation_get_id (installation)) ==
                     installation);
      g_assert_nonnull (ssa_repository_find_customer (f->repository, customer_id));
      if (expected_lines > 0)
        g_assert_cmpuint (g_list_model_get_n_items (licences), ==, expected_lines);
      if (customer_id != last_customer)
        {
          /* A new group: its customer comes after the previous group's. */
          if (last_customer != -1)
            g_assert_cmpint (strcmp (ssa_customer_get_sort_key (
                                       ssa_repository_find_customer (f->repository,
                                                                     last_customer)),
                                     ssa_customer_get_sort_key (
                                       ssa_repository_find_customer (f->repository,
                                                                     customer_id))), <=, 0);
          last_customer = customer_id;
        }
    }
}

/* It is written through like any load. */
static void
test_stream_written_through (Fixture       *f,
                             gconstpointer  data)
{
  GListModel *installations = ssa_repository_get_installations (f->repository);
  guint n_rows_when_loaded = 0;
  g_autoptr(SsaInstallation) early = NULL;

  stream_3000 (f, &early, &n_rows_when_loaded);
  {
    g_autoptr(SsaInstallation) installation = g_list_model_get_item (installations, 10);
    g_autofree char *sql = g_strdup_printf ("SELECT name FROM installations WHERE id = %"
                                            G_GINT64_FORMAT,
                                            ssa_installation_get_id (installation));
    g_autofree char *name = NULL;

    ssa_installation_set_name (installation, "Renamed while streamed");
    drain (f);
    name = raw_text (f, sql);
    g_assert_cmpstr (name, ==, "Renamed while streamed");
  }
}

/* What another client changed, applied by id (a team database's notifications): a changed
 * installation keeps its object, a new customer and installation join the lists, a deleted
 * one leaves them, and an object with an edit open keeps what the user set. */
static void
remote_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (ssa_repository_apply_remote_change_finish (SSA_REPOSITORY (source), result,
                                                            &error));
  g_assert_no_error (error);
  g_main_loop_quit (f->loop);
}

static void
apply_remote (Fixture    *f,
              const char *table,
              gint64      id)
{
  ssa_repository_apply_remote_change_async (f->repository, table, id, remote_done_cb, f);
  g_main_loop_run (f->loop);
}

static void
test_remote_change (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) other = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  GListModel *installations = ssa_repository_get_installations (f->repository);
  GListModel *customers = ssa_repository_get_customers (f->repository);
  SsaInstallation *first = installation_at (f, 0);
  g_autoptr(SsaInstallation) copy = NULL;
  g_autoptr(SsaInstallation) added = ssa_installation_new ();
  g_autoptr(SsaCustomer) customer = ssa_customer_new ();
  guint n_installations = g_list_model_get_n_items (installations);
  guint n_customers = g_list_model_get_n_items (customers);
  gint64 first_id = ssa_installation_get_id (first);

  g_assert_no_error (error);

  /* Renamed elsewhere: the same object takes the new name. */
  copy = ssa_db_load_installation (other, first_id, &error);
  g_assert_no_error (error);
  ssa_installation_set_name (copy, "Renamed elsewhere");
  g_assert_true (ssa_db_update_installation (other, copy, &error));
  g_assert_no_error (error);
  apply_remote (f, "installations", first_id);
  g_assert_true (ssa_repository_find_installation (f->repository, first_id) == first);
  g_assert_cmpstr (ssa_installation_get_name (first), ==, "Renamed elsewhere");
  drain (f);
  g_assert_cmpuint (f->failures->len, ==, 0);
  /* It took the row's version too: an edit of what it shows now is no conflict. */
  ssa_repository_begin_edit (f->repository, G_OBJECT (first));
  ssa_installation_set_name (first, "Renamed here after that");
  g_assert_true (ssa_repository_end_edit (f->repository, G_OBJECT (first), &error));
  g_assert_no_error (error);
  drain (f);
  g_assert_cmpuint (f->failures->len, ==, 0);
  g_clear_object (&copy);
  copy = ssa_db_load_installation (other, first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ssa_installation_get_name (copy), ==, "Renamed here after that");

  /* With an edit open, what the user set stays. */
  ssa_repository_begin_edit (f->repository, G_OBJECT (first));
  ssa_installation_set_name (first, "Being typed");
  ssa_installation_set_name (copy, "Renamed again elsewhere");
  g_assert_true (ssa_db_update_installation (other, copy, &error));
  apply_remote (f, "installations", first_id);
  g_assert_cmpstr (ssa_installation_get_name (first), ==, "Being typed");
  /* The object kept the version the edit began from: saving it over the other client's
   * newer change is refused, naming them, not written over it (schema 8's rule). */
  g_assert_false (ssa_repository_end_edit (f->repository, G_OBJECT (first), &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, ssa_db_get_user_name (other)));
  g_clear_error (&error);
  drain (f);
  /* … and told as the window hears of a failed write, once. */
  g_assert_cmpuint (f->failures->len, ==, 1);
  g_assert_error ((GError *) g_ptr_array_index (f->failures, 0), SSA_DB_ERROR,
                  SSA_DB_ERROR_CONFLICT);
  g_ptr_array_set_size (f->failures, 0);

  /* Added elsewhere: they join the lists. */
  ssa_customer_set_name (customer, "Added elsewhere AS");
  g_assert_true (ssa_db_insert_customer (other, customer, &error));
  g_assert_no_error (error);
  apply_remote (f, "customers", ssa_customer_get_id (customer));
  g_assert_cmpuint (g_list_model_get_n_items (customers), ==, n_customers + 1);
  g_assert_nonnull (ssa_repository_find_customer (f->repository, ssa_customer_get_id (customer)));
  /* Renamed elsewhere, then here: the second rename is based on the first, no conflict. */
  {
    SsaCustomer *shown = ssa_repository_find_customer (f->repository,
                                                       ssa_customer_get_id (customer));
    g_autoptr(SsaCustomer) stored = NULL;

    ssa_customer_set_name (customer, "Renamed elsewhere AS");
    g_assert_true (ssa_db_update_customer (other, customer, &error));
    g_assert_no_error (error);
    apply_remote (f, "customers", ssa_customer_get_id (customer));
    g_assert_cmpstr (ssa_customer_get_name (shown), ==, "Renamed elsewhere AS");
    ssa_repository_begin_edit (f->repository, G_OBJECT (shown));
    ssa_customer_set_name (shown, "Renamed here after that AS");
    g_assert_true (ssa_repository_end_edit (f->repository, G_OBJECT (shown), &error));
    g_assert_no_error (error);
    drain (f);
    g_assert_cmpuint (f->failures->len, ==, 0);
    stored = ssa_db_load_customer (other, ssa_customer_get_id (customer), &error);
    g_assert_no_error (error);
    g_assert_cmpstr (ssa_customer_get_name (stored), ==, "Renamed here after that AS");
  }
  ssa_installation_set_name (added, "Installed elsewhere");
  ssa_installation_set_customer_id (added, ssa_customer_get_id (customer));
  g_assert_true (ssa_db_insert_installation (other, added, &error));
  g_assert_no_error (error);
  apply_remote (f, "installations", ssa_installation_get_id (added));
  g_assert_cmpuint (g_list_model_get_n_items (installations), ==, n_installations + 1);
  g_assert_cmpstr (ssa_installation_get_name (
                     ssa_repository_find_installation (f->repository,
                                                       ssa_installation_get_id (added))),
                   ==, "Installed elsewhere");

  /* Deleted elsewhere: it leaves them. */
  g_assert_true (ssa_db_delete_installation (other, ssa_installation_get_id (added), &error));
  g_assert_no_error (error);
  apply_remote (f, "installations", ssa_installation_get_id (added));
  g_assert_cmpuint (g_list_model_get_n_items (installations), ==, n_installations);
  g_assert_null (ssa_repository_find_installation (f->repository,
                                                   ssa_installation_get_id (added)));
  g_assert_cmpuint (f->failures->len, ==, 0);
}

/* A notification's read that ends after the user's save of the same object began (the
 * read was queued first): what it read is older than the save queued behind it, so the
 * object is read again after the save and keeps the saved values, instead of showing the
 * old ones until the save's own notification comes (if one does); each callback runs
 * once. */
static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GError) error = NULL;

  if (g_async_result_is_tagged (result, ssa_repository_apply_remote_change_async))
    g_assert_true (ssa_repository_apply_remote_change_finish (SSA_REPOSITORY (source), result,
                                                              &error));
  else
    g_assert_true (ssa_repository_end_edit_finish (SSA_REPOSITORY (source), result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (*pending, >, 0);
  (*pending)--;
}

static void
test_remote_change_before_save (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) other = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_autoptr(SsaCustomer) customer =
    g_list_model_get_item (ssa_repository_get_customers (f->repository), 0);
  SsaInstallation *installation = installation_at (f, 0);
  g_autoptr(SsaCustomer) stored_customer = NULL;
  g_autoptr(SsaInstallation) stored_installation = NULL;
  guint pending = 4;

  g_assert_no_error (error);
  g_assert_nonnull (customer);
  ssa_repository_apply_remote_change_async (f->repository, "customers",
                                            ssa_customer_get_id (customer), count_done_cb,
                                            &pending);
  ssa_repository_apply_remote_change_async (f->repository, "installations",
                                            ssa_installation_get_id (installation),
                                            count_done_cb, &pending);
  ssa_repository_begin_edit (f->repository, G_OBJECT (customer));
  ssa_customer_set_name (customer, "Saved after the read AS");
  ssa_repository_end_edit_async (f->repository, G_OBJECT (customer), NULL, count_done_cb,
                                 &pending);
  ssa_repository_begin_edit (f->repository, G_OBJECT (installation));
  ssa_installation_set_name (installation, "Saved after the read");
  ssa_repository_end_edit_async (f->repository, G_OBJECT (installation), NULL, count_done_cb,
                                 &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (ssa_customer_get_name (customer), ==, "Saved after the read AS");
  g_assert_cmpstr (ssa_installation_get_name (installation), ==, "Saved after the read");
  stored_customer = ssa_db_load_customer (other, ssa_customer_get_id (customer), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ssa_customer_get_name (stored_customer), ==, "Saved after the read AS");
  stored_installation = ssa_db_load_installation (other, ssa_installation_get_id (installation),
                                                  &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ssa_installation_get_name (stored_installation), ==, "Saved after the read");
  drain (f);
  g_assert_cmpuint (f->failures->len, ==, 0);
}

/* Each installation's stored number of licence lines (SSA_DB_SCHEMA_COUNTS): the number
 * of its lines after every change. */
static void
assert_line_counts (Fixture *f,
                    SsaDb   *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ssa_db_list_installations (db, &error);
  g_autofree char *wrong = NULL;

  g_assert_no_error (error);
  wrong = raw_text (f, "SELECT count(*) FROM installations i WHERE line_count <> "
                       "(SELECT count(*) FROM licences l WHERE l.installation_id = i.id)");
  g_assert_cmpstr (wrong, ==, "0");
  for (guint i = 0; i < rows->len; i++)
    {
      const SsaDbInstallationRow *row = &g_array_index (rows, SsaDbInstallationRow, i);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM licences WHERE "
                                              "installation_id = %" G_GINT64_FORMAT, row->id);
      g_autofree char *counted = raw_text (f, sql);

      g_assert_cmpuint (row->n_licences, ==, g_ascii_strtoull (counted, NULL, 10));
    }
}

static guint
listed_lines (SsaDb  *db,
              gint64  id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ssa_db_list_installations (db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, SsaDbInstallationRow, i).id == id)
      return g_array_index (rows, SsaDbInstallationRow, i).n_licences;
  g_assert_not_reached ();
}

/* The lines each installation keeps count of stay right through an import, a line added,
 * lines replaced, a line deleted, a line moved to another installation by another SQL
 * client, and an installation deleted with its lines; on both engines. */
static void
test_line_counts (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) lines = g_array_new (FALSE, TRUE, sizeof (SsaInventoryLine));
  g_autoptr(SsaLicence) licence = NULL;
  g_autoptr(SsaSql) other = NULL;
  g_autofree char *move = NULL;
  gint64 first, second, third;
  guint second_lines;

  g_assert_no_error (error);
  rows = ssa_db_list_installations (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  first = g_array_index (rows, SsaDbInstallationRow, 0).id;
  second = g_array_index (rows, SsaDbInstallationRow, 1).id;
  third = g_array_index (rows, SsaDbInstallationRow, 2).id;
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpuint (g_array_index (rows, SsaDbInstallationRow, i).n_licences, >, 0);
  assert_line_counts (f, db);

  for (guint i = 0; i < 4; i++)
    {
      SsaInventoryLine line = { (char *) "IPVA-UC", 1 + i, };

      g_date_clear (&line.added_on, 1);
      g_date_clear (&line.covered_until, 1);
      g_array_append_val (lines, line);
    }
  ids = ssa_db_replace_licences (db, first, lines, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed_lines (db, first), ==, 4);
  assert_line_counts (f, db);

  g_clear_pointer (&ids, g_array_unref);
  ids = ssa_db_replace_licences (db, first, lines, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed_lines (db, first), ==, 8);

  licence = ssa_licence_new ();
  ssa_licence_set_code (licence, "IPVA-UC");
  ssa_licence_set_quantity (licence, 2);
  g_assert_true (ssa_db_insert_licence (db, first, licence, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (listed_lines (db, first), ==, 9);

  g_assert_true (ssa_db_delete_licence (db, g_array_index (ids, gint64, 0), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (listed_lines (db, first), ==, 8);
  assert_line_counts (f, db);

  /* Another client moves a line: counted off one, onto the other. */
  second_lines = listed_lines (db, second);
  other = ssa_sql_open (f->path, &error);
  g_assert_no_error (error);
  move = g_strdup_printf ("UPDATE licences SET installation_id = %" G_GINT64_FORMAT
                          " WHERE id = %" G_GINT64_FORMAT, second,
                          g_array_index (ids, gint64, 1));
  g_assert_true (ssa_sql_exec (other, move, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (listed_lines (db, first), ==, 7);
  g_assert_cmpuint (listed_lines (db, second), ==, second_lines + 1);
  /* An update that moves nothing changes no count. */
  g_assert_true (ssa_sql_exec (other, "UPDATE licences SET quantity = quantity", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (listed_lines (db, first), ==, 7);
  assert_line_counts (f, db);

  g_assert_true (ssa_db_delete_installation (db, third, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (listed_lines (db, first), ==, 7);
  g_assert_cmpuint (listed_lines (db, second), ==, second_lines + 1);
  assert_line_counts (f, db);
}

/* A PBX reading's licences are read back in the PBX's order, not by name, on both engines
 * (SSA_DB_SCHEMA_COUNTS): a name the PBX gives twice is added up in the place where it came
 * first; a new reading replaces the old one with its own order. */
static void
test_pbx_reading_order (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const names[] = { "Voicemail", "Port", "Conference", "Port", "App" };
  static const char * const again[] = { "Port", "App", "Voicemail" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_autoptr(GArray) rows = NULL;
  gint64 id;

  g_assert_no_error (error);
  rows = ssa_db_list_installations (db, &error);
  g_assert_no_error (error);
  id = g_array_index (rows, SsaDbInstallationRow, 0).id;

  for (guint round = 0; round < 2; round++)
    {
      const char * const *stored = round == 0 ? names : again;
      guint n_stored = round == 0 ? G_N_ELEMENTS (names) : G_N_ELEMENTS (again);
      g_autoptr(SsaPbxReading) reading = g_new0 (SsaPbxReading, 1);
      g_autoptr(SsaPbxReading) back = NULL;

      reading->licences = g_array_new (FALSE, TRUE, sizeof (SsaPbxLicence));
      g_array_set_clear_func (reading->licences, (GDestroyNotify) ssa_pbx_licence_clear);
      reading->rental_seconds = -1;
      for (guint i = 0; i < n_stored; i++)
        {
          SsaPbxLicence licence = { g_strdup (stored[i]), 10 + i, i };

          g_array_append_val (reading->licences, licence);
        }
      g_assert_true (ssa_db_store_pbx_reading (db, id, reading, &error));
      g_assert_no_error (error);

      back = ssa_db_load_pbx_reading (db, id, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (back);
      if (round == 0)
        {
          static const char * const expected[] = { "Voicemail", "Port", "Conference", "App" };

          g_assert_cmpuint (back->licences->len, ==, G_N_ELEMENTS (expected));
          for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
            g_assert_cmpstr (g_array_index (back->licences, SsaPbxLicence, i).name, ==,
                             expected[i]);
          /* Port: 11 + 13 licences, 1 + 3 used. */
          g_assert_cmpint (g_array_index (back->licences, SsaPbxLicence, 1).count, ==, 24);
          g_assert_cmpint (g_array_index (back->licences, SsaPbxLicence, 1).used, ==, 4);
        }
      else
        {
          g_assert_cmpuint (back->licences->len, ==, G_N_ELEMENTS (again));
          for (guint i = 0; i < G_N_ELEMENTS (again); i++)
            g_assert_cmpstr (g_array_index (back->licences, SsaPbxLicence, i).name, ==,
                             again[i]);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  test_engine_start ();

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/repository/load", test_load, NULL);
  ADD ("/repository/write-through", test_write_through, NULL);
  ADD ("/repository/write-failed", test_write_failed, NULL);
  ADD ("/repository/versions", test_versions, NULL);
  ADD ("/repository/edit-grouped", test_edit_grouped, NULL);
  ADD ("/repository/edit-refused", test_edit_refused, NULL);
  ADD ("/repository/bulk-import", test_bulk_import, NULL);
  ADD ("/repository/replace-licences", test_replace_licences, NULL);
  ADD ("/repository/add-remove", test_add_remove, NULL);
  ADD ("/repository/remove-customer-with-installations/removed",
       test_remove_customer_with_installations, NULL);
  ADD ("/repository/remove-customer-with-installations/kept-with-offers",
       test_remove_customer_kept_with_offers, NULL);
  ADD ("/repository/refresh", test_refresh, NULL);
  ADD ("/repository/remote-change", test_remote_change, NULL);
  ADD ("/repository/remote-change-before-save", test_remote_change_before_save, NULL);
  ADD ("/repository/hide-unhide/installation", test_hide_unhide, NULL);
  ADD ("/repository/hide-unhide/licence", test_hide_unhide_licence, NULL);
  ADD ("/repository/hide-unhide/remove", test_hide_unhide_remove, NULL);
  ADD ("/repository/hide-unhide/customer", test_hide_unhide_customer, NULL);
  ADD ("/repository/hide-unhide/refused-with-offers", test_hide_unhide_refused_with_offers,
       NULL);
  ADD ("/repository/archive-and-stored", test_archive_and_stored, NULL);
  ADD ("/repository/async-off-main-thread", test_async_off_main_thread, NULL);
  if (!test_engine_is_pg ())  /* an SQLite lock */
    ADD ("/repository/async-waits-off-main-thread", test_async_waits_off_main_thread, NULL);
  ADD ("/repository/write-job-and-customers-async", test_write_job_and_customers_async, NULL);
  ADD ("/repository/cancel", test_cancel, "not loaded");
  ADD ("/repository/stream/slices", test_stream, "not loaded");
  ADD ("/repository/stream/order", test_stream_order, "not loaded");
  ADD ("/repository/stream/written-through", test_stream_written_through, "not loaded");
  if (!test_engine_is_pg ())  /* the SQLite file itself */
    {
      ADD ("/repository/load-error", test_load_error, "not loaded");
      ADD ("/repository/read-only-asked", test_read_only_asked, "not loaded");
      ADD ("/repository/read-only-file", test_read_only_file, "not loaded");
    }
  ADD ("/repository/read-only-later", test_read_only_later, NULL);
  ADD ("/repository/line-counts", test_line_counts, "not loaded");
  ADD ("/repository/pbx-reading-order", test_pbx_reading_order, "not loaded");

#undef ADD

  status = g_test_run ();
  test_engine_stop ();
  return status;
}
