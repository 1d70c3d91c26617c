/* test-customers-gui.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <libsoup/soup.h>

#include "ssa-customer-editor.h"
#include "ssa-customer-import-dialog.h"
#include "ssa-db-inventory.h"
#include "ssa-db.h"
#include "ssa-refresh.h"
#include "ssa-registry.h"
#include "ssa-repository.h"

#include "test-main-loop.h"
#include "test-screenshot.h"
#include "test-util.h"

/* The window's parts for customers on the virtual display: the preview of a customer list
 * (Import Customers…) with an unknown column chosen, stored into a real SQLite file and read
 * back; a refused file that stores nothing; and the customer editor's registry lookup
 * against a SoupServer on 127.0.0.1, off until the setting is on. A screenshot of the
 * preview goes to screenshots/ in the build folder. */

typedef struct
{
  char          *dir;
  char          *path;
  SsaRepository *repository;
} Fixture;

static gboolean
repository_loaded (gpointer data)
{
  return ssa_repository_get_loaded (data);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ssa_repository_load_finish (SSA_REPOSITORY (object), result, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("test-customers-gui-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "ssa-desk.db", NULL);
  f->repository = ssa_repository_new (f->path);
  ssa_repository_load_async (f->repository, NULL, load_cb, NULL);
  g_assert_true (wait_for (repository_loaded, f->repository));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->repository);
  test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

static gpointer
find_row (GtkWidget  *root,
          GType       type,
          const char *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect (root, type, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static GtkButton *
find_button (GtkWidget  *root,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (root, GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return g_ptr_array_index (buttons, i);
  return NULL;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static char *
fixture_path (const char *name)
{
  return g_build_filename (SRCDIR, "customers", name, NULL);
}

static gboolean
dialog_idle (gpointer data)
{
  return !ssa_customer_import_dialog_is_busy (data);
}

static gboolean
have_message (gpointer data)
{
  return *(char **) data != NULL;
}

static void
imported_cb (SsaCustomerImportDialog *dialog,
             const char              *message,
             char                   **out)
{
  *out = g_strdup (message);
}

static void
test_preview (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("unknown-header.csv");
  g_autofree char *good = fixture_path ("nb-semicolon-cp1252.csv");
  g_autofree char *message = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(SsaDb) db = NULL;
  SsaCustomerImportDialog *dialog;
  SsaCustomerImportCounts counts;
  AdwComboRow *combo;
  guint main_thread_before;

  /* Three customers first, through the same dialog: the file is counted against the
   * database in a worker and stored in the repository's write queue, with no statement on
   * the main thread. */
  main_thread_before = ssa_db_get_main_thread_statements ();
  dialog = ssa_customer_import_dialog_new (NULL, f->repository,
                                           ssa_customer_csv_read_file (good, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_for (is_mapped, dialog));
  g_assert_true (wait_for (dialog_idle, dialog));
  ssa_customer_import_dialog_get_counts (dialog, &counts);
  g_assert_cmpuint (counts.created, ==, 3);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &message);
  screenshot (GTK_WIDGET (dialog), "customer-import-preview");
  g_test_message ("%s", ssa_customer_import_dialog_get_message (dialog));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (find_button (GTK_WIDGET (dialog),
                                                                    "_Import"))));
  g_signal_emit_by_name (find_button (GTK_WIDGET (dialog), "_Import"), "clicked");
  g_assert_true (wait_for (have_message, &message));
  g_assert_cmpuint (ssa_db_get_main_thread_statements (), ==, main_thread_before);
  g_assert_cmpstr (message, ==, "Customers imported: 3 new, 0 updated, 0 unchanged");
  g_clear_pointer (&message, g_free);
  g_assert_cmpuint (g_list_model_get_n_items (ssa_repository_get_customers (f->repository)),
                    ==, 3);

  /* A file with unknown columns: refused until each is chosen. */
  dialog = ssa_customer_import_dialog_new (NULL, f->repository,
                                           ssa_customer_csv_read_file (path, &error));
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_for (is_mapped, dialog));
  g_assert_true (wait_for (dialog_idle, dialog));
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &message);
  g_assert_nonnull (strstr (ssa_customer_import_dialog_get_message (dialog),
                            "unknown columns “Kundenr”, “Foretaksnr”"));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (find_button (GTK_WIDGET (dialog),
                                                                     "_Import"))));
  combo = find_row (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Kundenr");
  g_assert_nonnull (combo);
  adw_combo_row_set_selected (combo, 1);   /* Ignore */
  g_assert_true (ssa_customer_import_dialog_set_field (dialog, "Foretaksnr",
                                                       SSA_CUSTOMER_FIELD_ORG_NO));
  g_assert_true (wait_for (dialog_idle, dialog));
  ssa_customer_import_dialog_get_counts (dialog, &counts);
  g_assert_cmpuint (counts.created, ==, 0);
  g_assert_cmpuint (counts.unchanged, ==, 1);
  screenshot (GTK_WIDGET (dialog), "customer-import-mapping");
  /* Nothing to store: Import stays off, and the database is as it was. */
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (find_button (GTK_WIDGET (dialog),
                                                                     "_Import"))));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* A file that names one number twice: refused whole. */
  g_free (path);
  path = fixture_path ("duplicate.csv");
  dialog = ssa_customer_import_dialog_new (NULL, f->repository,
                                           ssa_customer_csv_read_file (path, &error));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (wait_for (dialog_idle, dialog));
  g_assert_nonnull (strstr (ssa_customer_import_dialog_get_message (dialog),
                            "lines 2 and 4 both give organisation number 988077917"));
  g_assert_false (ssa_customer_import_dialog_import (dialog, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  gtk_window_destroy (GTK_WINDOW (dialog));

  db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  customers = ssa_db_load_customers (db, &error);
  g_assert_cmpuint (customers->len, ==, 3);
  g_assert_cmpstr (ssa_customer_get_name (g_ptr_array_index (customers, 0)), ==,
                   "Fjordkraft Ærlig AS");
  g_assert_cmpstr (ssa_customer_get_address (g_ptr_array_index (customers, 0)), ==,
                   "Strandkaien 2, 5013 Bergen");
}

/* The registry on 127.0.0.1, in a thread of its own. */

static const char unit_json[] =
  "{\"organisasjonsnummer\":\"923609016\",\"navn\":\"EQUINOR ASA\","
  "\"organisasjonsform\":{\"kode\":\"ASA\"},"
  "\"forretningsadresse\":{\"postnummer\":\"4035\",\"poststed\":\"STAVANGER\","
  "\"adresse\":[\"Forusbeen 50\"]},\"registrertIMvaregisteret\":true}";

static guint n_requests;

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  g_atomic_int_inc (&n_requests);
  if (g_str_has_suffix (path, "/923609016"))
    {
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        unit_json, strlen (unit_json));
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static gpointer
server_thread (gpointer data)
{
  GMainContext *context = data;
  GMainLoop *loop = g_main_loop_new (context, FALSE);

  g_main_context_push_thread_default (context);
  g_main_loop_run (loop);
  return NULL;
}

static char *
start_server (void)
{
  g_autoptr(GError) error = NULL;
  GMainContext *context = g_main_context_new ();
  SoupServer *server;
  GSList *uris;
  char *base;

  g_main_context_push_thread_default (context);
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/enheter", handler, NULL, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  g_main_context_pop_thread_default (context);
  uris = soup_server_get_uris (server);
  base = g_strdup_printf ("http://127.0.0.1:%d/enheter", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_thread_unref (g_thread_new ("server", server_thread, context));
  return base;
}

static gboolean
row_titled (gpointer data)
{
  return find_row (data, ADW_TYPE_ACTION_ROW, "EQUINOR ASA") != NULL &&
         gtk_widget_get_visible (find_row (data, ADW_TYPE_ACTION_ROW, "EQUINOR ASA"));
}


static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
have_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* Saves as the dialog's Save does: in a worker, the result back on the main loop. */
static gboolean
save_editor (SsaCustomerEditor  *editor,
             GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  ssa_customer_editor_save_async (editor, saved_cb, &result);
  g_assert_true (wait_for (have_result, &result));
  return ssa_customer_editor_save_finish (editor, result, error);
}

static void
test_lookup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GSettings) settings = ssa_refresh_dup_settings ();
  SsaCustomerEditor *editor;
  GtkEditable *org_no;
  AdwActionRow *row;

  g_assert_nonnull (settings);
  ssa_registry_clear_cache ();

  /* Off by default: typing a valid number sends nothing. */
  g_assert_false (g_settings_get_boolean (settings, "registry-lookup"));
  editor = ssa_customer_editor_new (NULL, NULL, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (wait_for (is_mapped, editor));
  org_no = GTK_EDITABLE (find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW,
                                   "Organisation Number"));
  gtk_editable_set_text (org_no, "923 609 016");
  spin (500);
  g_assert_cmpuint (g_atomic_int_get (&n_requests), ==, 0);
  gtk_window_destroy (GTK_WINDOW (editor));

  g_settings_set_boolean (settings, "registry-lookup", TRUE);
  editor = ssa_customer_editor_new (NULL, NULL, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (wait_for (is_mapped, editor));
  org_no = GTK_EDITABLE (find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW,
                                   "Organisation Number"));
  gtk_editable_set_text (org_no, "923 609 016");
  g_assert_true (wait_for (row_titled, editor));
  g_assert_cmpuint (g_atomic_int_get (&n_requests), ==, 1);
  row = find_row (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW, "EQUINOR ASA");
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==,
                   "Forusbeen 50, 4035 STAVANGER · Registered for VAT");
  screenshot (GTK_WIDGET (editor), "customer-editor-registry");
  g_signal_emit_by_name (find_button (GTK_WIDGET (editor), "_Fill In"), "clicked");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor),
                                                                   ADW_TYPE_ENTRY_ROW,
                                                                   "Name"))), ==,
                   "EQUINOR ASA");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor),
                                                                   ADW_TYPE_ENTRY_ROW,
                                                                   "Address"))), ==,
                   "Forusbeen 50, 4035 STAVANGER");
  g_assert_cmpuint (adw_combo_row_get_selected (find_row (GTK_WIDGET (editor),
                                                          ADW_TYPE_COMBO_ROW,
                                                          "VAT Registration")),
                    ==, SSA_VAT_REGISTERED);

  /* A number the registry does not know: said in the row; the editor still saves. */
  gtk_editable_set_text (org_no, "914778271");
  spin (1000);
  row = find_row (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW,
                  "Not found in the company registry");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "914778271"));
  g_assert_true (ssa_customer_editor_is_valid (editor));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* Stored: the VAT registration the registry gave is saved with the customer, read back
   * from the database file. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SsaDb) db = NULL;
    g_autoptr(GPtrArray) customers = NULL;
    SsaCustomer *stored = NULL;
    gint64 id;

    editor = ssa_customer_editor_new (NULL, f->repository, NULL);
    gtk_window_present (GTK_WINDOW (editor));
    g_assert_true (wait_for (is_mapped, editor));
    org_no = GTK_EDITABLE (find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW,
                                     "Organisation Number"));
    gtk_editable_set_text (org_no, "923609016");
    g_assert_true (wait_for (row_titled, editor));
    g_signal_emit_by_name (find_button (GTK_WIDGET (editor), "_Fill In"), "clicked");
    g_assert_true (save_editor (editor, &error));
    g_assert_no_error (error);
    gtk_window_destroy (GTK_WINDOW (editor));

    db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    customers = ssa_db_load_customers (db, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < customers->len; i++)
      if (g_strcmp0 (ssa_customer_get_org_no (g_ptr_array_index (customers, i)),
                     "923609016") == 0)
        stored = g_ptr_array_index (customers, i);
    g_assert_nonnull (stored);
    g_assert_cmpstr (ssa_customer_get_name (stored), ==, "EQUINOR ASA");
    g_assert_cmpint (ssa_customer_get_vat_status (stored), ==, SSA_VAT_REGISTERED);
    id = ssa_customer_get_id (stored);

    /* Set by hand to "not registered" in the editor of the stored customer: stored too. */
    editor = ssa_customer_editor_new (NULL, f->repository,
                                      ssa_repository_find_customer (f->repository, id));
    gtk_window_present (GTK_WINDOW (editor));
    g_assert_true (wait_for (is_mapped, editor));
    g_assert_cmpuint (adw_combo_row_get_selected (find_row (GTK_WIDGET (editor),
                                                            ADW_TYPE_COMBO_ROW,
                                                            "VAT Registration")),
                      ==, SSA_VAT_REGISTERED);
    adw_combo_row_set_selected (find_row (GTK_WIDGET (editor), ADW_TYPE_COMBO_ROW,
                                          "VAT Registration"), SSA_VAT_NOT_REGISTERED);
    g_assert_true (save_editor (editor, &error));
    g_assert_no_error (error);
    gtk_window_destroy (GTK_WINDOW (editor));
    g_clear_pointer (&customers, g_ptr_array_unref);
    g_clear_pointer (&db, ssa_db_close);
    db = ssa_db_open (f->path, SSA_DB_OPEN_READ_ONLY, &error);
    g_assert_no_error (error);
    stored = ssa_db_load_customer (db, id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ssa_customer_get_vat_status (stored), ==, SSA_VAT_NOT_REGISTERED);
    g_object_unref (stored);
  }
  g_settings_set_boolean (settings, "registry-lookup", FALSE);
}

static gboolean
is_visible (gpointer data)
{
  return gtk_widget_get_visible (data);
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Someone else saves the customer while it is open in the editor: the editor's save is
 * refused naming them, keeps what was typed and offers Reload and Overwrite in the editor;
 * Overwrite saves over their change, Reload shows theirs. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) other = NULL;
  g_autoptr(SsaCustomer) theirs = NULL;
  g_autoptr(SsaCustomer) stored = NULL;
  SsaCustomerEditor *editor;
  GtkEditable *contact;
  GtkButton *reload;
  GtkButton *overwrite;
  GtkWidget *message;
  GtkWidget *group;
  gint64 id;

  ssa_db_set_default_user_name ("Anne Andersen");
  /* A new customer, added through the editor as the window does. */
  editor = ssa_customer_editor_new (NULL, f->repository, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (wait_for (is_mapped, editor));
  gtk_editable_set_text (GTK_EDITABLE (find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW,
                                                 "Name")), "Fjord AS");
  g_assert_true (save_editor (editor, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (editor));
  {
    g_autoptr(SsaCustomer) added =
      g_list_model_get_item (ssa_repository_get_customers (f->repository), 0);

    g_assert_cmpstr (ssa_customer_get_name (added), ==, "Fjord AS");
    g_assert_cmpint (ssa_customer_get_version (added), ==, 1);
    id = ssa_customer_get_id (added);
  }

  /* Opened; first saved once by its user, which must not conflict with itself. */
  editor = ssa_customer_editor_new (NULL, f->repository,
                                    ssa_repository_find_customer (f->repository, id));
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (wait_for (is_mapped, editor));
  contact = GTK_EDITABLE (find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW,
                                    "Contact Person"));
  gtk_editable_set_text (contact, "Anne");
  g_assert_true (save_editor (editor, &error));
  g_assert_no_error (error);

  /* Bjørn changes it on another connection (another program on the same file). */
  other = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  ssa_db_set_user_name (other, "Bjørn Berg");
  theirs = ssa_db_load_customer (other, id, &error);
  g_assert_no_error (error);
  ssa_customer_set_contact (theirs, "Bjørn");
  g_assert_true (ssa_db_update_customer (other, theirs, &error));
  g_assert_no_error (error);

  gtk_editable_set_text (contact, "Anne Andersen");
  g_assert_false (save_editor (editor, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (gtk_editable_get_text (contact), ==, "Anne Andersen");
  message = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                       SSA_TYPE_CUSTOMER_EDITOR,
                                                       "save_message"));
  group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                     SSA_TYPE_CUSTOMER_EDITOR,
                                                     "save_message_group"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)),
                            "Bjørn Berg changed this customer at "));
  reload = find_button (GTK_WIDGET (editor), "_Reload");
  overwrite = find_button (GTK_WIDGET (editor), "_Overwrite");
  g_assert_nonnull (reload);
  g_assert_nonnull (overwrite);
  g_assert_true (wait_for (is_visible, GTK_WIDGET (overwrite)));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (reload)));

  /* Overwrite: saved over theirs, based on their version; the editor closes as after a
   * save. */
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_signal_emit_by_name (overwrite, "clicked");
  g_assert_true (wait_for (is_gone, &editor));
  {
    g_autoptr(SsaCustomer) now = ssa_db_load_customer (other, id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (ssa_customer_get_contact (now), ==, "Anne Andersen");
    /* Created 1, Anne 2, Bjørn 3, Anne's overwrite 4. */
    g_assert_cmpint (ssa_customer_get_version (now), ==, 4);
  }

  /* Bjørn again while it is open once more; this time Reload shows his values in place of
   * what was typed. */
  editor = ssa_customer_editor_new (NULL, f->repository,
                                    ssa_repository_find_customer (f->repository, id));
  gtk_window_present (GTK_WINDOW (editor));
  g_assert_true (wait_for (is_mapped, editor));
  contact = GTK_EDITABLE (find_row (GTK_WIDGET (editor), ADW_TYPE_ENTRY_ROW,
                                    "Contact Person"));
  group = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                     SSA_TYPE_CUSTOMER_EDITOR,
                                                     "save_message_group"));
  reload = find_button (GTK_WIDGET (editor), "_Reload");
  g_clear_object (&theirs);
  theirs = ssa_db_load_customer (other, id, &error);
  ssa_customer_set_contact (theirs, "Bjørn igjen");
  g_assert_true (ssa_db_update_customer (other, theirs, &error));
  g_assert_no_error (error);
  gtk_editable_set_text (contact, "Anne A.");
  g_assert_false (save_editor (editor, &error));
  g_assert_error (error, SSA_DB_ERROR, SSA_DB_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_cmpstr (gtk_editable_get_text (contact), ==, "Anne A.");
  g_signal_emit_by_name (reload, "clicked");
  g_assert_cmpstr (gtk_editable_get_text (contact), ==, "Bjørn igjen");
  g_assert_false (gtk_widget_get_visible (group));
  stored = ssa_db_load_customer (other, id, &error);
  g_assert_cmpstr (ssa_customer_get_contact (stored), ==, "Bjørn igjen");
  gtk_window_destroy (GTK_WINDOW (editor));
  ssa_db_set_default_user_name (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *base = NULL;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  base = start_server ();
  g_setenv ("SSA_DESK_REGISTRY_URL", base, TRUE);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping\n");
      return 77;
    }
  adw_init ();

  g_test_add ("/customers-gui/preview", Fixture, NULL, fixture_set_up, test_preview,
              fixture_tear_down);
  g_test_add ("/customers-gui/lookup", Fixture, NULL, fixture_set_up, test_lookup,
              fixture_tear_down);
  g_test_add ("/customers-gui/conflict", Fixture, NULL, fixture_set_up, test_conflict,
              fixture_tear_down);
  return g_test_run ();
}
