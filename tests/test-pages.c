/* test-pages.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "ssa-application.h"
#include "ssa-date.h"
#include "ssa-db-inventory.h"
#include "ssa-db-licences.h"
#include "ssa-db-offers.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-offer-item.h"
#include "ssa-offers-page.h"
#include "ssa-pbx.h"
#include "ssa-page.h"
#include "ssa-price-list-item.h"
#include "ssa-price-list-page.h"
#include "ssa-product.h"
#include "ssa-renewal-item.h"
#include "ssa-renewals-page.h"
#include "ssa-repository.h"
#include "ssa-refresh.h"
#include "ssa-samples.h"
#include "test-fetch-util.h"
#include "test-main-loop.h"

/* The renewals, offers and price list pages, each in a plain window over a real database
 * in a temporary folder: the sample installations (their dates moved so that today is the
 * samples' 2026-11-28) and a few offers. The pages' results are compared with the database
 * and the offer engine; the window's actions ("win.show-toast", "win.open-offer", …) are
 * recorded. Screenshots (page-*.png) are saved in tests/screenshots/ of the build folder. */

#define SAMPLES_TODAY_JULIAN_DMY 28, G_DATE_NOVEMBER, 2026

typedef struct
{
  char          *dir;
  char          *path;
  SsaDb         *db;
  SsaRepository *repository;
  GDate          today;
  GHashTable    *ids;           /* sample name → installation id (gint64*) */
  GtkWindow     *window;
  GPtrArray     *calls;         /* "action:parameter" of the window's actions */
  char          *expired_number;
  char          *draft_number;
  char          *sent_number;
} Fixture;

/* The window's actions, recorded. */

/* The repository's queue is empty: what it was asked is written or read. */
static gboolean
repository_idle (gpointer data)
{
  return !ssa_repository_is_writing (data);
}

static void
record_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  Fixture *f = user_data;
  g_autofree char *value = NULL;

  if (g_variant_is_of_type (parameter, G_VARIANT_TYPE_STRING))
    value = g_variant_dup_string (parameter, NULL);
  else
    value = g_variant_print (parameter, FALSE);
  g_ptr_array_add (f->calls, g_strdup_printf ("%s:%s", g_action_get_name (G_ACTION (action)),
                                              value));
  if (g_test_verbose ())
    g_printerr ("# %s: %s\n", g_action_get_name (G_ACTION (action)), value);
}

static gboolean
has_call_prefix (Fixture    *f,
                 const char *prefix)
{
  for (guint i = 0; i < f->calls->len; i++)
    if (g_str_has_prefix (g_ptr_array_index (f->calls, i), prefix))
      return TRUE;
  return FALSE;
}

typedef struct
{
  Fixture    *f;
  const char *prefix;
} CallWait;

static gboolean
call_made (gpointer data)
{
  CallWait *wait = data;

  return has_call_prefix (wait->f, wait->prefix);
}

static const char *
wait_for_call (Fixture    *f,
               const char *prefix)
{
  CallWait wait = { f, prefix };

  g_assert_true (wait_for (call_made, &wait));
  for (guint i = f->calls->len; i > 0; i--)
    if (g_str_has_prefix (g_ptr_array_index (f->calls, i - 1), prefix))
      return g_ptr_array_index (f->calls, i - 1);
  g_assert_not_reached ();
}

/* The fixture: a database with the samples and offers, a loaded repository, a window. */

static void
shift_date (GDate *date,
            int    days)
{
  if (ssa_date_is_set (date))
    ssa_date_add_days (date, days, date);
}

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

static SsaDbOffer *
create_offer (Fixture     *f,
              const char  *sample,
              const GDate *created)
{
  g_autoptr(GError) error = NULL;
  gint64 *id = g_hash_table_lookup (f->ids, sample);
  SsaOfferRequest request;
  SsaDbOffer *offer;

  g_assert_nonnull (id);
  ssa_offer_request_init (&request);
  request.today = *created;
  offer = ssa_db_create_offer (f->db, *id, &request, created, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (offer);
  return offer;
}

/* The sample installations, their dates moved from the samples' 2026-11-28 to today. */
static void
import_samples (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = ssa_samples_list_installations ();
  g_autoptr(GPtrArray) inventories = g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_inventory_free);
  g_autofree gint64 *ids = NULL;
  GDate samples_today;
  int shift;
  guint n;

  /* The samples describe 2026-11-28: move their dates to today. */
  ssa_date_today (&f->today);
  g_date_clear (&samples_today, 1);
  g_date_set_dmy (&samples_today, SAMPLES_TODAY_JULIAN_DMY);
  shift = g_date_days_between (&samples_today, &f->today);

  n = g_strv_length (names);
  g_assert_cmpuint (n, >=, 5);
  for (guint i = 0; i < n; i++)
    {
      SsaInventory *inventory = ssa_samples_load_installation (names[i], &error);

      g_assert_no_error (error);
      shift_date (&inventory->ssa_expiry, shift);
      for (guint j = 0; j < inventory->lines->len; j++)
        {
          SsaInventoryLine *line = &g_array_index (inventory->lines, SsaInventoryLine, j);

          shift_date (&line->added_on, shift);
          shift_date (&line->covered_until, shift);
        }
      g_ptr_array_add (inventories, inventory);
    }
  ids = g_new0 (gint64, n);
  g_assert_true (ssa_db_import_inventories (f->db, (SsaInventory **) inventories->pdata,
                                            (const char **) names, n, ids, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert (f->ids, g_strdup (names[i]), g_memdup2 (&ids[i], sizeof (gint64)));
}

/* Offers: one made 60 days ago (its validity has ended), a draft and a sent one. */
static void
create_offers (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDbOffer) expired = NULL;
  g_autoptr(SsaDbOffer) draft = NULL;
  g_autoptr(SsaDbOffer) sent = NULL;
  GDate long_ago;

  ssa_date_add_days (&f->today, -60, &long_ago);
  expired = create_offer (f, "renewal-in-time.json", &long_ago);
  draft = create_offer (f, "lapsed.json", &f->today);
  sent = create_offer (f, "firmware-6.json", &f->today);
  g_assert_true (ssa_db_set_offer_status (f->db, sent->number, SSA_OFFER_STATUS_SENT, NULL,
                                          &error));
  g_assert_no_error (error);
  f->expired_number = g_strdup (expired->number);
  f->draft_number = g_strdup (draft->number);
  f->sent_number = g_strdup (sent->number);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  static const GActionEntry entries[] = {
    { "show-toast", record_cb, "s" },
    { "show-error", record_cb, "(ss)" },
    { "open-offer", record_cb, "s" },
    { "open-installation", record_cb, "x" },
  };

  f->dir = g_dir_make_tmp ("test-pages-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "ssa-desk.db", NULL);
  f->db = ssa_db_open (f->path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  f->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  f->calls = g_ptr_array_new_with_free_func (g_free);

  import_samples (f);
  create_offers (f);

  f->repository = ssa_repository_new (f->path);
  ssa_repository_load_async (f->repository, NULL, load_cb, NULL);
  g_assert_true (wait_for (repository_loaded, f->repository));

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 640);
  /* A header bar, so that the screenshots look like the application. */
  gtk_window_set_titlebar (f->window, adw_header_bar_new ());
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), f);
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  /* Let the pages' workers finish before their database goes. */
  spin (200);
  g_clear_object (&f->repository);
  g_clear_pointer (&f->db, ssa_db_close);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_hash_table_unref (f->ids);
  g_ptr_array_unref (f->calls);
  g_free (f->expired_number);
  g_free (f->draft_number);
  g_free (f->sent_number);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
show_page (Fixture    *f,
           GtkWidget  *page,
           const char *title)
{
  gtk_window_set_title (f->window, title);
  gtk_window_set_child (f->window, page);
  gtk_window_present (f->window);
  g_assert_true (wait_for (widget_mapped, page));
}

/* The window must be usable at 800×600: the page fits in its width. */
static void
check_fits_small_window (GtkWidget *page)
{
  int minimum = 0;

  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width: %d", minimum);
  g_assert_cmpint (minimum, <=, 800);
}

/* Saves what the window shows as a PNG in the build folder. */
static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "screenshots", file, NULL);
  g_autofree char *folder = g_path_get_dirname (path);
  int width = gtk_widget_get_width (GTK_WIDGET (f->window));
  int height = gtk_widget_get_height (GTK_WIDGET (f->window));
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));

  /* Let the tables lay out their rows and draw once more. */
  spin (500);
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* The window draws itself and its children as for a frame. */
  GTK_WIDGET_GET_CLASS (f->window)->snapshot (GTK_WIDGET (f->window), snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/* Renewals */

typedef struct
{
  GListModel *model;
  guint       n_items;
} CountWait;

static gboolean
model_has_count (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n_items;
}

static gboolean
page_idle (gpointer data)
{
  gboolean busy;

  g_object_get (data, "busy", &busy, NULL);
  return !busy;
}

static char *
expected_value_text (Fixture            *f,
                     const SsaPriceList *price_list,
                     gint64              installation_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = ssa_db_load_inventory (f->db, installation_id, NULL,
                                                             &error);
  g_autoptr(SsaOffer) offer = NULL;
  SsaOfferRequest request;

  g_assert_no_error (error);
  ssa_offer_request_init (&request);
  request.today = f->today;
  offer = ssa_offer_compute (price_list, inventory, &request, &error);
  g_assert_no_error (error);
  return ssa_money_format (offer->totals.total, price_list->currency, ssa_lang_from_locale ());
}

static guint
count_files (const char *folder,
             const char *suffix)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, suffix))
      n++;
  return n;
}

static gboolean
contains_bytes (const char *haystack,
                gsize       length,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* The batch's printed offer has what every document path gives: the customer, the
 * references, the acceptance block, and the price list's name, never its id. */
static void
check_pdf_text (const char *path,
                const char *customer)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  const char *expected[] = { "Vår ref.", "Aksept", "Akseptfrist", "Signatur", "Prisliste",
                             "innovaphone", customer };
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (pdftotext == NULL)
    return;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &text, NULL, &status, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (expected[i] != NULL && strstr (text, expected[i]) == NULL)
      g_error ("“%s” is not in %s:\n%s", expected[i], path, text);
  g_assert_null (strstr (text, "sample-2026-11"));
}

static void
check_documents (const char *folder,
                 const char *number,
                 const char *customer)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  gboolean pdf = FALSE;
  gboolean xlsx = FALSE;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      if (!g_str_has_prefix (name, number) || name[strlen (number)] != ' ')
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_no_error (error);
      if (g_str_has_suffix (name, ".pdf"))
        {
          g_assert_cmpuint (length, >, 4);
          g_assert_cmpmem (contents, 4, "%PDF", 4);
          check_pdf_text (path, customer);
          pdf = TRUE;
        }
      else if (g_str_has_suffix (name, ".xlsx"))
        {
          /* A zip archive; its members' names are stored as they are. */
          g_assert_cmpuint (length, >, 4);
          g_assert_cmpmem (contents, 4, "PK\003\004", 4);
          g_assert_true (contains_bytes (contents, length, "xl/workbook.xml"));
          xlsx = TRUE;
        }
    }
  g_assert_true (pdf);
  g_assert_true (xlsx);
}

static GtkWidget *
find_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
chooser_shown (gpointer data)
{
  return find_chooser () != NULL;
}

typedef struct
{
  GListModel *model;
  guint       n_selected;
} SelectionWait;

static gboolean
selection_has (gpointer data)
{
  SelectionWait *wait = data;
  g_autoptr(GtkBitset) selected =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (wait->model));

  return gtk_bitset_get_size (selected) == wait->n_selected;
}

static gboolean
first_two_have_open_offers (gpointer data)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SsaRenewalItem) item = g_list_model_get_item (data, i);

      if (item == NULL || ssa_renewal_item_get_open_offer (item) == NULL)
        return FALSE;
    }
  return TRUE;
}

/* The renewals page in the window over the fixture's repository, once its rows are in:
 * the database's renewals within 90 days (@out_rows) and the open offers by installation
 * (@out_open). */
static GtkWidget *
show_renewals (Fixture     *f,
               GListModel **out_model,
               GArray     **out_rows,
               GHashTable **out_open)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) open = NULL;
  GtkWidget *page = ssa_renewals_page_new ();
  GListModel *model;
  CountWait wait;

  show_page (f, page, "Renewals – SSA Desk");
  ssa_renewals_page_set_repository (SSA_RENEWALS_PAGE (page), f->repository);
  model = G_LIST_MODEL (gtk_widget_get_template_child (page, SSA_TYPE_RENEWALS_PAGE,
                                                       "selection"));

  /* The rows are the database's renewals within 90 days, soonest first. */
  rows = ssa_db_list_renewals (f->db, &f->today, 90, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  open = ssa_db_list_open_offers (f->db, &f->today, &error);
  g_assert_no_error (error);
  wait.model = model;
  wait.n_items = rows->len;
  g_assert_true (wait_for (model_has_count, &wait));
  *out_model = model;
  *out_rows = g_steal_pointer (&rows);
  *out_open = g_steal_pointer (&open);
  return page;
}

/* Selects the first and the second row, as a reseller would with Ctrl+click; one of the
 * two has an open offer already, which the batch skips. Adds their ids to @selected_ids. */
static void
select_first_two (GListModel *model,
                  GArray     *rows,
                  GHashTable *open,
                  GHashTable *selected_ids)
{
  guint n_skipped = 0;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 0, TRUE);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (model), 1, FALSE);
  for (guint i = 0; i < 2; i++)
    {
      gint64 id = g_array_index (rows, SsaDbInstallationRow, i).id;

      g_hash_table_add (selected_ids, g_memdup2 (&id, sizeof id));
      if (g_hash_table_contains (open, &id))
        n_skipped++;
    }
  /* One of the two has an open offer already, which the batch skips. */
  g_assert_cmpuint (n_skipped, ==, 1);
}

/* "Create Renewal Offers…" asks for a folder; answers @folder as the user would, and
 * returns the toast the batch shows. */
static const char *
create_renewal_offers (Fixture   *f,
                       GtkWidget *page,
                       GFile     *folder)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *chooser;

  g_assert_true (gtk_widget_activate_action (page, "renewals.create-offers", NULL));
  g_assert_true (wait_for (chooser_shown, NULL));
  chooser = find_chooser ();
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder,
                                                      &error));
  g_assert_no_error (error);
  spin (300);
  g_assert_true (gtk_widget_activate (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser),
                                                                          GTK_RESPONSE_ACCEPT)));
  g_assert_true (wait_for (page_idle, page));

  return wait_for_call (f, "show-toast:Created");
}

/* When today is the samples' own day, the values are those of their README. */
static void
assert_readme_values (Fixture    *f,
                      GListModel *model)
{
  GDate samples_today;

  g_date_clear (&samples_today, 1);
  g_date_set_dmy (&samples_today, SAMPLES_TODAY_JULIAN_DMY);
  if (g_date_compare (&samples_today, &f->today) == 0)
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(SsaRenewalItem) item = g_list_model_get_item (model, i);

        if (g_strcmp0 (ssa_renewal_item_get_name (item), "Kontor Trondheim") == 0)
          g_assert_cmpint (ssa_renewal_item_get_value (item), ==, 376468);
        else if (g_strcmp0 (ssa_renewal_item_get_name (item), "Hovedkontor Bergen") == 0)
          g_assert_cmpint (ssa_renewal_item_get_value (item), ==, 311479);
      }
}

/* The rows, their values, days and open offers. */
static void
test_renewals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) open = NULL;
  GListModel *model;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  guint n_ended = 0;
  guint n_within_30 = 0;
  guint n_open = 0;

  show_renewals (f, &model, &rows, &open);
  price_list = ssa_db_load_current_price_list (f->db, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < rows->len; i++)
    {
      const SsaDbInstallationRow *row = &g_array_index (rows, SsaDbInstallationRow, i);
      g_autoptr(SsaRenewalItem) item = g_list_model_get_item (model, i);
      g_autofree char *value = expected_value_text (f, price_list, row->id);
      g_autofree char *expiry = ssa_date_format (&row->ssa_expiry, ssa_lang_from_locale ());
      int days = g_date_days_between (&f->today, &row->ssa_expiry);

      g_assert_cmpint (ssa_renewal_item_get_installation_id (item), ==, row->id);
      g_assert_cmpstr (ssa_renewal_item_get_name (item), ==, row->name);
      g_assert_cmpstr (ssa_renewal_item_get_customer (item), ==, row->customer_name);
      g_assert_cmpstr (ssa_renewal_item_get_expiry_text (item), ==, expiry);
      g_assert_cmpint (ssa_renewal_item_get_days (item), ==, days);
      g_assert_true (ssa_renewal_item_get_has_value (item));
      g_assert_cmpstr (ssa_renewal_item_get_value_text (item), ==, value);
      /* Its open offer, if any, as the register has it. */
      {
        const SsaDbOffer *open_offer = g_hash_table_lookup (open, &row->id);

        g_assert_cmpstr (ssa_renewal_item_get_open_offer (item), ==,
                         open_offer != NULL ? open_offer->number : NULL);
        if (open_offer != NULL)
          n_open++;
      }
      if (days < 0)
        {
          g_autofree char *text = g_strdup_printf ("Ended %d days ago", -days);

          g_assert_cmpstr (ssa_renewal_item_get_days_text (item), ==, text);
          n_ended++;
        }
      else
        {
          g_autofree char *text = g_strdup_printf ("%d days left", days);

          g_assert_cmpstr (ssa_renewal_item_get_days_text (item), ==, text);
        }
      if (days <= 30)
        n_within_30++;
    }
  /* The lapsed sample and 12r1 have ended; the others end in 33 and 64 days. */
  g_assert_cmpuint (n_ended, ==, 2);
  g_assert_cmpuint (n_within_30, ==, 2);
  /* The fixture's draft and sent offers are open (the third has expired). */
  g_assert_cmpuint (n_open, ==, 2);

  assert_readme_values (f, model);
}

/* The 30-day window keeps the ended ones. */
static void
test_renewals_within (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) open = NULL;
  GListModel *model;
  GtkWidget *page = show_renewals (f, &model, &rows, &open);
  guint n_within_30 = 0;

  for (guint i = 0; i < rows->len; i++)
    if (g_date_days_between (&f->today,
                             &g_array_index (rows, SsaDbInstallationRow, i).ssa_expiry) <= 30)
      n_within_30++;
  ssa_renewals_page_set_within_days (SSA_RENEWALS_PAGE (page), 30);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_within_30);
  ssa_renewals_page_set_within_days (SSA_RENEWALS_PAGE (page), 60);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  ssa_renewals_page_set_within_days (SSA_RENEWALS_PAGE (page), 90);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, rows->len);
}

/* Activating a row opens its installation. */
static void
test_renewals_activate (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) open = NULL;
  GListModel *model;
  GtkWidget *page = show_renewals (f, &model, &rows, &open);

  g_signal_emit_by_name (gtk_widget_get_template_child (page, SSA_TYPE_RENEWALS_PAGE,
                                                        "column_view"), "activate", 0);
  {
    g_autofree char *expected = g_strdup_printf ("open-installation:%" G_GINT64_FORMAT,
                                                 g_array_index (rows, SsaDbInstallationRow, 0).id);

    g_assert_true (has_call_prefix (f, expected));
  }
}

/* The batch makes one new numbered draft, for the selected installation without an open
 * offer, with its files. */
static void
test_renewals_create_offers (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) open = NULL;
  GListModel *model;
  GtkWidget *page = show_renewals (f, &model, &rows, &open);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GHashTable) selected_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                              g_free, NULL);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *folder_path = NULL;
  const char *toast;

  select_first_two (model, rows, open, selected_ids);
  check_fits_small_window (page);
  save_screenshot (f, "page-renewals");

  before = ssa_db_list_offers (f->db, &error);
  g_assert_no_error (error);

  folder_path = g_build_filename (f->dir, "renewals", NULL);
  g_assert_cmpint (g_mkdir (folder_path, 0755), ==, 0);
  folder = g_file_new_for_path (folder_path);

  toast = create_renewal_offers (f, page, folder);
  g_assert_cmpstr (toast, ==,
                   "show-toast:Created 1 renewal offer; 1 skipped: it already has an open offer");
  g_assert_cmpuint (count_files (folder_path, ".pdf"), ==, 1);
  g_assert_cmpuint (count_files (folder_path, ".xlsx"), ==, 1);

  /* One new numbered draft, for the selected installation without an open offer, with its
   * files. */
  after = ssa_db_list_offers (f->db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  for (guint i = before->len; i < after->len; i++)
    {
      const SsaDbOffer *offer = g_ptr_array_index (after, i);

      g_assert_true (g_hash_table_contains (selected_ids, &offer->installation_id));
      g_assert_false (g_hash_table_contains (open, &offer->installation_id));
      g_assert_cmpint (offer->status, ==, SSA_OFFER_STATUS_DRAFT);
      g_assert_cmpint (offer->revision, ==, 1);
      g_assert_true (g_regex_match_simple ("^[0-9]{4}-[0-9]{4}$", offer->number, 0, 0));
      check_documents (folder_path, offer->number, offer->customer_name);
    }
}

/* Run again, the batch makes no duplicates: both now have an open offer, and the page
 * shows it for each. */
static void
test_renewals_create_offers_again (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) open = NULL;
  GListModel *model;
  GtkWidget *page = show_renewals (f, &model, &rows, &open);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GHashTable) selected_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                              g_free, NULL);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *folder_path = NULL;
  g_autofree char *expected_toast = NULL;
  const char *toast;

  select_first_two (model, rows, open, selected_ids);
  folder_path = g_build_filename (f->dir, "renewals", NULL);
  g_assert_cmpint (g_mkdir (folder_path, 0755), ==, 0);
  folder = g_file_new_for_path (folder_path);
  create_renewal_offers (f, page, folder);
  after = ssa_db_list_offers (f->db, &error);
  g_assert_no_error (error);

  g_ptr_array_set_size (f->calls, 0);
  {
    g_autoptr(GPtrArray) again = NULL;

    g_assert_true (wait_for (selection_has, &(SelectionWait) { model, 2 }));
  toast = create_renewal_offers (f, page, folder);
    expected_toast = g_strdup ("show-toast:Created 0 renewal offers; 2 skipped: they already "
                               "have an open offer");
    g_assert_cmpstr (toast, ==, expected_toast);
    again = ssa_db_list_offers (f->db, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->len, ==, after->len);
    /* Reloaded after the batch: both selected rows name their open offer. */
    g_assert_true (wait_for (first_two_have_open_offers, model));
  }
}

/* A hidden page asked to reload waits until it is shown. The first renewal's SSA is
 * extended meanwhile, past the 90 days. */
static void
test_renewals_hidden_reload (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) open = NULL;
  GListModel *model;
  GtkWidget *page = show_renewals (f, &model, &rows, &open);
  g_autoptr(GError) error = NULL;
  CountWait wait = { model, 0 };

  {
    g_autoptr(SsaInstallation) installation = NULL;
    GDate extended;

    gtk_widget_set_visible (page, FALSE);
    installation = ssa_db_load_installation (f->db, g_array_index (rows, SsaDbInstallationRow,
                                                                   0).id, &error);
    g_assert_no_error (error);
    ssa_date_add_days (&f->today, 365, &extended);
    ssa_installation_set_ssa_expiry (installation, &extended);
    g_assert_true (ssa_db_update_installation (f->db, installation, &error));
    g_assert_no_error (error);

    ssa_renewals_page_reload (SSA_RENEWALS_PAGE (page));
    spin (300);
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, rows->len);

    gtk_widget_set_visible (page, TRUE);
    wait.n_items = rows->len - 1;
    g_assert_true (wait_for (model_has_count, &wait));
  }
}

/* The batch stops at Cancel: what it made is consistent with what it reports. */
static void
test_renewals_cancel (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page = ssa_renewals_page_new ();
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *folder_path = NULL;
  GListModel *model;
  CountWait wait;
  GtkWidget *cancel;
  const char *toast;
  guint n_made;

  show_page (f, page, "Renewals – SSA Desk");
  ssa_renewals_page_set_repository (SSA_RENEWALS_PAGE (page), f->repository);
  model = G_LIST_MODEL (gtk_widget_get_template_child (page, SSA_TYPE_RENEWALS_PAGE,
                                                       "selection"));
  wait.model = model;
  wait.n_items = 4;
  g_assert_true (wait_for (model_has_count, &wait));
  gtk_selection_model_select_all (GTK_SELECTION_MODEL (model));

  before = ssa_db_list_offers (f->db, &error);
  g_assert_no_error (error);

  folder_path = g_build_filename (f->dir, "cancelled", NULL);
  g_assert_cmpint (g_mkdir (folder_path, 0755), ==, 0);
  folder = g_file_new_for_path (folder_path);
  ssa_renewals_page_create_offers (SSA_RENEWALS_PAGE (page), folder);

  cancel = GTK_WIDGET (gtk_widget_get_template_child (page, SSA_TYPE_RENEWALS_PAGE,
                                                      "cancel_button"));
  g_assert_true (gtk_widget_get_sensitive (cancel));
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_true (wait_for (page_idle, page));

  after = ssa_db_list_offers (f->db, &error);
  g_assert_no_error (error);
  n_made = after->len - before->len;
  g_assert_cmpuint (count_files (folder_path, ".pdf"), ==, n_made);
  g_assert_cmpuint (count_files (folder_path, ".xlsx"), ==, n_made);

  toast = wait_for_call (f, "show-toast:");
  if (n_made == 0)
    g_assert_cmpstr (toast, ==, "show-toast:Cancelled: no renewal offer was made");
  else if (n_made < 4)
    g_assert_true (g_str_has_prefix (toast, "show-toast:Cancelled after"));
  else
    /* The worker finished before it saw the cancel. */
    g_assert_cmpstr (toast, ==, "show-toast:Created 4 renewal offers");
}

/* Offers */

static guint
find_number (GListModel *model,
             const char *number)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(SsaOfferItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (ssa_offer_item_get_number (item), number) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static gboolean
find_label (GtkWidget   *widget,
            const char  *text,
            const char  *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0 &&
          gtk_widget_has_css_class (child, css_class))
        return TRUE;
      if (find_label (child, text, css_class))
        return TRUE;
    }
  return FALSE;
}

static void
select_offer (GtkSingleSelection *selection,
              const char         *number)
{
  guint position = find_number (G_LIST_MODEL (selection), number);

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (selection, position);
}

static GtkWidget *
status_button (GtkWidget  *page,
               const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (page, SSA_TYPE_OFFERS_PAGE, name));
}

static void
assert_history_shows (GtkWidget  *page,
                      const char *text)
{
  GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (page, SSA_TYPE_OFFERS_PAGE,
                                                                "history_label"));

  g_assert_true (gtk_widget_get_visible (label));
  g_test_message ("history: %s", gtk_label_get_label (GTK_LABEL (label)));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), text));
}

/* Returns: (transfer none) (nullable): the message dialog shown, if any */
static gboolean
message_dialog_shown (gpointer data)
{
  AdwMessageDialog **found = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        {
          *found = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

/* Returns: (nullable): the message dialog shown, once it is: accepting reads the offer in a
 * worker before it asks */
static AdwMessageDialog *
find_message_dialog (void)
{
  AdwMessageDialog *found = NULL;

  wait_for (message_dialog_shown, &found);
  return found;
}

typedef struct
{
  GListModel *model;
  const char *number;
  const char *status;
} StatusWait;

static gboolean
item_has_status (gpointer data)
{
  StatusWait *wait = data;
  guint position = find_number (wait->model, wait->number);
  g_autoptr(SsaOfferItem) item = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return FALSE;
  item = g_list_model_get_item (wait->model, position);
  return g_strcmp0 (ssa_offer_item_get_status (item), wait->status) == 0;
}

/* The offers page in the window over the fixture's repository, once it lists the three
 * offers. */
static GtkWidget *
show_offers (Fixture             *f,
             GtkSingleSelection **out_selection,
             GListModel         **out_model)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page = ssa_offers_page_new ();
  g_autoptr(GPtrArray) offers = NULL;
  GtkSingleSelection *selection;
  GListModel *model;
  CountWait wait;

  show_page (f, page, "Offers – SSA Desk");
  ssa_offers_page_set_repository (SSA_OFFERS_PAGE (page), f->repository);
  selection = GTK_SINGLE_SELECTION (gtk_widget_get_template_child (page, SSA_TYPE_OFFERS_PAGE,
                                                                   "selection"));
  model = G_LIST_MODEL (selection);

  offers = ssa_db_list_offers (f->db, &error);
  g_assert_no_error (error);
  wait.model = model;
  wait.n_items = offers->len;
  g_assert_true (wait_for (model_has_count, &wait));
  g_assert_cmpuint (offers->len, ==, 3);
  *out_selection = selection;
  *out_model = model;
  return page;
}

/* The draft offer marked as sent, its buttons then those of a sent offer. Returns it as
 * stored. */
static SsaDbOffer *
mark_draft_sent (Fixture            *f,
                 GtkWidget          *page,
                 GtkSingleSelection *selection)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  GListModel *model = G_LIST_MODEL (selection);
  SsaDbOffer *stored;
  const char *toast;

  g_ptr_array_set_size (f->calls, 0);
  select_offer (selection, f->draft_number);
  g_assert_true (gtk_widget_activate_action (page, "offers.mark", "s", "sent"));
  toast = wait_for_call (f, "show-toast:");
  expected = g_strdup_printf ("show-toast:Offer %s marked as sent", f->draft_number);
  g_assert_cmpstr (toast, ==, expected);
  stored = ssa_db_load_offer (f->db, f->draft_number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->status, ==, SSA_OFFER_STATUS_SENT);

  /* The register reads the offers again in a worker: once it lists the offer as sent
   * (however long that takes under the sanitizers), its buttons are those of a sent offer. */
  g_assert_true (wait_for (item_has_status, &(StatusWait) { model, f->draft_number, "sent" }));
  spin (200);
  g_ptr_array_set_size (f->calls, 0);
  select_offer (selection, f->draft_number);
  g_assert_false (gtk_widget_get_sensitive (status_button (page, "sent_button")));
  g_assert_true (gtk_widget_get_sensitive (status_button (page, "accepted_button")));
  g_assert_true (gtk_widget_get_sensitive (status_button (page, "declined_button")));
  return stored;
}

/* Every offer with its shown status and total; the expired one is shown as such,
 * capitalised, in the error style. */
static void
test_offers (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  GtkSingleSelection *selection;
  GListModel *model;
  GtkWidget *page = show_offers (f, &selection, &model);

  offers = ssa_db_list_offers (f->db, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < offers->len; i++)
    {
      const SsaDbOffer *offer = g_ptr_array_index (offers, i);
      guint position = find_number (model, offer->number);
      g_autoptr(SsaOfferItem) item = NULL;
      g_autofree char *total = ssa_money_format (offer->total, offer->currency,
                                                 ssa_lang_from_locale ());
      g_autofree char *valid_until = ssa_date_format (&offer->valid_until,
                                                      ssa_lang_from_locale ());
      SsaOfferStatus shown = ssa_db_offer_get_shown_status (offer, &f->today);

      g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
      item = g_list_model_get_item (model, position);
      g_assert_cmpstr (ssa_offer_item_get_status (item), ==, ssa_offer_status_to_string (shown));
      g_assert_cmpstr (ssa_offer_item_get_status_label (item), ==,
                       ssa_offer_status_get_title (shown));
      g_assert_true (g_unichar_isupper (g_utf8_get_char (ssa_offer_item_get_status_label (item))));
      g_assert_cmpstr (ssa_offer_item_get_total_text (item), ==, total);
      g_assert_cmpstr (ssa_offer_item_get_valid_until_text (item), ==, valid_until);
      g_assert_cmpstr (ssa_offer_item_get_customer (item), ==, offer->customer_name);
    }
  {
    g_autoptr(SsaOfferItem) item = g_list_model_get_item (model, find_number (model,
                                                                               f->expired_number));

    g_assert_cmpstr (ssa_offer_item_get_status (item), ==, "expired");
    /* Capitalised, as a register's column shows a status. */
    g_assert_cmpstr (ssa_offer_item_get_status_label (item), ==, "Expired");
  }

  spin (300);
  g_assert_true (find_label (page, "Expired", "error"));
  select_offer (selection, f->sent_number);
  check_fits_small_window (page);
  save_screenshot (f, "page-offers");
}

/* Filter by status, from the dropdown and from the property. */
static void
test_offers_filter (Fixture       *f,
                    gconstpointer  data)
{
  GtkSingleSelection *selection;
  GListModel *model;
  GtkWidget *page = show_offers (f, &selection, &model);
  GtkDropDown *dropdown;

  dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (page, SSA_TYPE_OFFERS_PAGE,
                                                           "status_dropdown"));
  gtk_drop_down_set_selected (dropdown, 7);
  g_assert_cmpstr (ssa_offers_page_get_status_filter (SSA_OFFERS_PAGE (page)), ==, "expired");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  ssa_offers_page_set_status_filter (SSA_OFFERS_PAGE (page), "draft");
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  ssa_offers_page_set_status_filter (SSA_OFFERS_PAGE (page), "sent");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  ssa_offers_page_set_status_filter (SSA_OFFERS_PAGE (page), "accepted");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  ssa_offers_page_set_status_filter (SSA_OFFERS_PAGE (page), NULL);
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
}

static void
test_offers_open (Fixture       *f,
                  gconstpointer  data)
{
  GtkSingleSelection *selection;
  GListModel *model;
  GtkWidget *page = show_offers (f, &selection, &model);
  g_autofree char *expected = NULL;

  select_offer (selection, f->sent_number);
  g_assert_true (gtk_widget_activate_action (page, "offers.open", NULL));
  expected = g_strdup_printf ("open-offer:%s", f->sent_number);
  g_assert_true (has_call_prefix (f, expected));
}

/* Revise the expired offer: a -R2 draft. */
static void
test_offers_revise (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkSingleSelection *selection;
  GListModel *model;
  GtkWidget *page = show_offers (f, &selection, &model);
  g_autoptr(SsaDbOffer) revision = NULL;
  g_autofree char *revision_number = NULL;
  g_autofree char *expected = NULL;
  CountWait wait = { model, 0 };
  const char *toast;

  select_offer (selection, f->expired_number);
  g_assert_true (gtk_widget_activate_action (page, "offers.revise", NULL));
  toast = wait_for_call (f, "show-toast:Revision");
  revision_number = g_strdup_printf ("%s-R2", f->expired_number);
  expected = g_strdup_printf ("show-toast:Revision %s created", revision_number);
  g_assert_cmpstr (toast, ==, expected);
  revision = ssa_db_load_offer (f->db, revision_number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (revision->revision, ==, 2);
  g_assert_cmpint (revision->status, ==, SSA_OFFER_STATUS_DRAFT);
  wait.n_items = 4;
  g_assert_true (wait_for (model_has_count, &wait));
  /* The revised draft gives way to its revision. */
  {
    g_autoptr(SsaOfferItem) item = g_list_model_get_item (model,
                                                          find_number (model,
                                                                       f->expired_number));

    g_assert_cmpstr (ssa_offer_item_get_status (item), ==, "revised");
    g_assert_cmpstr (ssa_offer_item_get_status_label (item), ==, "Revised");
  }
  {
    SsaOfferItem *item = gtk_single_selection_get_selected_item (selection);

    g_assert_nonnull (item);
    g_assert_cmpstr (ssa_offer_item_get_number (item), ==, revision_number);
  }
}

/* A draft cannot be accepted: the button is off and says why; asked anyway, the refusal
 * is explained and nothing changes. */
static void
test_offers_draft_not_accepted (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkSingleSelection *selection;
  GListModel *model;
  GtkWidget *page = show_offers (f, &selection, &model);
  g_autoptr(SsaDbOffer) stored = NULL;
  const char *toast;

  select_offer (selection, f->draft_number);
  g_assert_true (gtk_widget_get_sensitive (status_button (page, "sent_button")));
  g_assert_false (gtk_widget_get_sensitive (status_button (page, "accepted_button")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (status_button (page, "accepted_button")),
                            "mark it as sent"));
  g_assert_false (gtk_widget_get_sensitive (status_button (page, "declined_button")));
  /* Its history: created as a draft, by this user. */
  assert_history_shows (page, "Created as a draft");
  assert_history_shows (page, ssa_db_get_user_name (f->db));
  g_ptr_array_set_size (f->calls, 0);
  select_offer (selection, f->draft_number);
  g_assert_true (gtk_widget_activate_action (page, "offers.mark", "s", "accepted"));
  toast = wait_for_call (f, "show-toast:");
  g_assert_nonnull (strstr (toast, "draft"));
  g_assert_nonnull (strstr (toast, f->draft_number));
  stored = ssa_db_load_offer (f->db, f->draft_number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->status, ==, SSA_OFFER_STATUS_DRAFT);
}

/* Sent: the register lists it so, with the buttons of a sent offer. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_first_row (gpointer data)
{
  return ADW_IS_ACTION_ROW (gtk_widget_get_first_child (data));
}

static void
test_offers_mark_sent (Fixture       *f,
                       gconstpointer  data)
{
  GtkSingleSelection *selection;
  GListModel *model;
  GtkWidget *page = show_offers (f, &selection, &model);
  g_autoptr(SsaDbOffer) stored = mark_draft_sent (f, page, selection);
  g_autofree char *title = g_strdup_printf ("offer %s: %s", f->draft_number,
                                            ssa_offer_status_get_label (SSA_OFFER_STATUS_SENT));
  GtkWidget *log_window = NULL;
  GtkWidget *list = NULL;
  AdwActionRow *row;

  /* The register's log shows the change, who made it and when, newest first. */
  g_assert_true (gtk_widget_activate_action (page, "offers.log", NULL));
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

        if (g_strcmp0 (gtk_widget_get_name (window), "audit_log_window") == 0)
          log_window = window;
      }
  }
  g_assert_nonnull (log_window);
  list = find_named (log_window, "audit_log_list");
  g_assert_nonnull (list);
  g_assert_true (wait_for (has_first_row, list));
  row = ADW_ACTION_ROW (gtk_widget_get_first_child (list));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), ssa_db_get_user_name (f->db)));
  gtk_window_destroy (GTK_WINDOW (log_window));
}

/* Accepting asks first and says what will change; cancelled, nothing changes. */
static void
test_offers_accept_cancelled (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkSingleSelection *selection;
  GListModel *model;
  GtkWidget *page = show_offers (f, &selection, &model);
  g_autoptr(SsaDbOffer) stored = NULL;
  g_autoptr(SsaDbOffer) other = NULL;

  /* Another open offer for the same installation, which accepting will supersede. */
  other = create_offer (f, "lapsed.json", &f->today);
  stored = mark_draft_sent (f, page, selection);
  g_assert_true (gtk_widget_activate_action (page, "offers.mark", "s", "accepted"));
  {
    g_autofree char *end = ssa_date_format (&stored->period_end, ssa_lang_from_locale ());
    AdwMessageDialog *dialog = find_message_dialog ();

    g_assert_nonnull (dialog);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), end));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 other open offer"));
    g_assert_null (strstr (adw_message_dialog_get_body (dialog), "ssa-desk-cli"));
    /* Without a true-up, accepting adds no licences, and the question says none. */
    g_assert_null (strstr (adw_message_dialog_get_body (dialog), "licences it sells"));
    /* As its buttons do: respond, then close. */
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_close (GTK_WINDOW (dialog));
    spin (200);
    g_clear_pointer (&stored, ssa_db_offer_free);
    stored = ssa_db_load_offer (f->db, f->draft_number, &error);
    g_assert_no_error (error);
    g_assert_cmpint (stored->status, ==, SSA_OFFER_STATUS_SENT);
  }
}

/* Accepted: the other open offer for the installation is superseded, shown so, every
 * status button off and saying why, its history naming the accepted offer; the
 * installation's SSA is extended in the repository too. */
static void
test_offers_accept_supersedes (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkSingleSelection *selection;
  GListModel *model;
  GtkWidget *page = show_offers (f, &selection, &model);
  g_autoptr(SsaDbOffer) stored = NULL;
  g_autoptr(SsaDbOffer) other = NULL;
  const char *toast;

  other = create_offer (f, "lapsed.json", &f->today);
  stored = mark_draft_sent (f, page, selection);
  g_assert_true (gtk_widget_activate_action (page, "offers.mark", "s", "accepted"));
  {
    AdwMessageDialog *dialog = find_message_dialog ();

    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "accept");
    gtk_window_close (GTK_WINDOW (dialog));
  }
  toast = wait_for_call (f, "show-toast:");
  g_assert_true (g_str_has_prefix (toast, "show-toast:Offer"));
  g_assert_nonnull (strstr (toast, "accepted"));
  g_assert_nonnull (strstr (toast, "superseded"));
  g_clear_pointer (&stored, ssa_db_offer_free);
  stored = ssa_db_load_offer (f->db, other->number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->status, ==, SSA_OFFER_STATUS_SUPERSEDED);
  g_clear_pointer (&stored, ssa_db_offer_free);
  stored = ssa_db_load_offer (f->db, f->draft_number, &error);
  g_assert_no_error (error);

  /* The superseded offer: shown so, every status button off and saying why, its history
   * naming the accepted offer. */
  g_assert_true (wait_for (item_has_status, &(StatusWait) { model, other->number, "superseded" }));
  select_offer (selection, other->number);
  g_assert_false (gtk_widget_get_sensitive (status_button (page, "sent_button")));
  g_assert_false (gtk_widget_get_sensitive (status_button (page, "accepted_button")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (status_button (page, "accepted_button")),
                            "superseded"));
  {
    g_autofree char *line = g_strdup_printf ("Superseded: offer %s was accepted",
                                             f->draft_number);

    assert_history_shows (page, line);
  }
  {
    SsaInstallation *installation = ssa_repository_find_installation (f->repository,
                                                                      stored->installation_id);

    g_assert_nonnull (installation);
    /* Read again in the repository's queue, in a worker. */
    g_assert_true (wait_for (repository_idle, f->repository));
    g_assert_cmpint (g_date_compare (ssa_installation_get_ssa_expiry (installation),
                                     &stored->period_end), ==, 0);
  }
}

/* An offer with alternatives: the register says so, and accepting lists them with a
 * choice; "Accept" waits for it, and the chosen alternative's end becomes the SSA's. */
static void
test_offers_alternatives (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkSingleSelection *selection;
  GListModel *model;
  GtkWidget *page = show_offers (f, &selection, &model);
  const char *toast;
  gint64 *id = g_hash_table_lookup (f->ids, "renewal-in-time.json");
  g_autoptr(SsaDbOffer) alternatives = NULL;
  g_autoptr(SsaDbOffer) accepted = NULL;
  SsaOfferRequest request;
  AdwMessageDialog *dialog;
  GtkWidget *child;
  GtkWidget *second;
  SsaInstallation *installation;
  guint n_choices = 0;

  g_assert_nonnull (id);
  ssa_offer_request_init (&request);
  request.today = f->today;
  g_assert_true (ssa_offer_alternative_parse ("months=36,billing=quarterly",
                                              &request.alternatives[0], NULL));
  request.n_alternatives = 1;
  alternatives = ssa_db_create_offer (f->db, *id, &request, &f->today, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_db_set_offer_status (f->db, alternatives->number, SSA_OFFER_STATUS_SENT,
                                          &f->today, &error));
  g_assert_no_error (error);
  ssa_offers_page_reload (SSA_OFFERS_PAGE (page));
  g_assert_true (wait_for (item_has_status,
                           &(StatusWait) { model, alternatives->number, "sent" }));
  select_offer (selection, alternatives->number);
  spin (200);
  assert_history_shows (page, "2 alternatives");

  g_ptr_array_set_size (f->calls, 0);
  g_assert_true (gtk_widget_activate_action (page, "offers.mark", "s", "accepted"));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "accept"));
  child = adw_message_dialog_get_extra_child (dialog);
  g_assert_nonnull (child);
  second = NULL;
  for (GtkWidget *button = gtk_widget_get_first_child (child); button != NULL;
       button = gtk_widget_get_next_sibling (button))
    {
      g_assert_true (GTK_IS_CHECK_BUTTON (button));
      g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (button)));
      if (++n_choices == 2)
        second = button;
    }
  g_assert_cmpuint (n_choices, ==, 2);
  g_assert_nonnull (strstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (second)),
                            "Alternative 2"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (second), TRUE);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "accept"));
  adw_message_dialog_response (dialog, "accept");
  gtk_window_close (GTK_WINDOW (dialog));
  toast = wait_for_call (f, "show-toast:");
  g_assert_nonnull (strstr (toast, "accepted"));

  accepted = ssa_db_load_offer (f->db, alternatives->number, &error);
  g_assert_no_error (error);
  g_assert_cmpint (accepted->status, ==, SSA_OFFER_STATUS_ACCEPTED);
  g_assert_cmpuint (accepted->accepted_alternative, ==, 2);
  g_assert_cmpint (g_date_compare (&accepted->alternative_end[1], &accepted->period_end), >, 0);
  installation = ssa_repository_find_installation (f->repository, *id);
  g_assert_nonnull (installation);
  g_assert_true (wait_for (item_has_status,
                           &(StatusWait) { model, alternatives->number, "accepted" }));
  g_assert_true (wait_for (repository_idle, f->repository));
  g_assert_cmpint (g_date_compare (ssa_installation_get_ssa_expiry (installation),
                                   &accepted->alternative_end[1]), ==, 0);
  select_offer (selection, alternatives->number);
  spin (200);
  assert_history_shows (page, "Accepted: alternative 2");
}

/* An offer with a true-up accepted in the register: the installation as the window shows it
 * gets the missing ports as a new line of its own once the acceptance is stored, bought
 * today and covered to the offer's end (docs/rules.md, "True-up"). */
static void
test_offers_accept_true_up (Fixture       *f,
                            gconstpointer  data)
{
  static const char reading_xml[] =
    "<info><lic name=\"Port\" count=\"20\" used=\"23\"/>"
    "<info version=\"14r2 sr3\"/></info>";
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autoptr(SsaLicence) last = NULL;
  GtkSingleSelection *selection;
  GListModel *model;
  GtkWidget *page = show_offers (f, &selection, &model);
  gint64 *id = g_hash_table_lookup (f->ids, "renewal-in-time.json");
  SsaInstallation *installation;
  GListModel *licences;
  guint n_before;
  SsaOfferRequest request;
  AdwMessageDialog *dialog;
  const char *toast;

  g_assert_nonnull (id);
  installation = ssa_repository_find_installation (f->repository, *id);
  g_assert_nonnull (installation);
  licences = ssa_installation_get_licences (installation);
  n_before = g_list_model_get_n_items (licences);

  reading = ssa_pbx_reading_new_from_data (reading_xml, strlen (reading_xml), "reading",
                                           &error);
  g_assert_no_error (error);
  g_assert_true (ssa_db_store_pbx_reading (f->db, *id, reading, &error));
  g_assert_no_error (error);
  ssa_offer_request_init (&request);
  request.today = f->today;
  request.true_up = TRUE;
  offer = ssa_db_create_offer (f->db, *id, &request, &f->today, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_db_set_offer_status (f->db, offer->number, SSA_OFFER_STATUS_SENT,
                                          &f->today, &error));
  g_assert_no_error (error);
  ssa_offers_page_reload (SSA_OFFERS_PAGE (page));
  g_assert_true (wait_for (item_has_status, &(StatusWait) { model, offer->number, "sent" }));
  select_offer (selection, offer->number);
  spin (200);

  g_ptr_array_set_size (f->calls, 0);
  g_assert_true (gtk_widget_activate_action (page, "offers.mark", "s", "accepted"));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  /* The question says what accepting adds: the 3 missing ports, by name and code. */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "The licences it sells are "
                            "added to the installation, bought today: 3 × "));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "(02-00039-002)."));
  adw_message_dialog_response (dialog, "accept");
  gtk_window_close (GTK_WINDOW (dialog));
  toast = wait_for_call (f, "show-toast:");
  g_assert_nonnull (strstr (toast, "accepted"));

  /* Read again in the repository's queue: the new line is the installation's last. */
  g_assert_true (wait_for (repository_idle, f->repository));
  g_assert_cmpuint (g_list_model_get_n_items (licences), ==, n_before + 1);
  last = g_list_model_get_item (licences, n_before);
  g_assert_cmpstr (ssa_licence_get_code (last), ==, "02-00039-002");
  g_assert_cmpint (ssa_licence_get_quantity (last), ==, 3);
  g_assert_cmpint (g_date_compare (ssa_licence_get_added_on (last), &f->today), ==, 0);
  g_assert_cmpint (g_date_compare (ssa_licence_get_covered_until (last), &offer->period_end),
                   ==, 0);
  g_assert_cmpint (g_date_compare (ssa_installation_get_ssa_expiry (installation),
                                   &offer->period_end), ==, 0);
}

/* Price list */

static guint
count_matches (const SsaPriceList *price_list,
               const char         *search)
{
  g_autofree char *needle = g_utf8_casefold (search, -1);
  guint n = 0;

  for (guint i = 0; i < price_list->products->len; i++)
    {
      const SsaPriceListProduct *product = g_ptr_array_index (price_list->products, i);
      g_autofree char *code = g_utf8_casefold (product->code, -1);
      g_autofree char *name = g_utf8_casefold (product->name, -1);

      if (strstr (code, needle) != NULL || strstr (name, needle) != NULL)
        n++;
    }
  return n;
}

/* Returns: (transfer full): the sample list as a distributor's next list: another id, one
 * price changed, one product gone */
static char *
dup_next_price_list (void)
{
  g_autoptr(GBytes) bytes = ssa_samples_get_price_list_bytes ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *products;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_true (json_parser_load_from_data (parser, data, (gssize) length, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (root, "id", "2026-12");
  json_object_set_string_member (root, "published", "2026-12-01");
  products = json_object_get_array_member (root, "products");
  json_object_set_string_member (json_array_get_object_element (products, 0), "list_price",
                                 "999.00");
  json_array_remove_element (products, json_array_get_length (products) - 1);
  return json_to_string (json_parser_get_root (parser), TRUE);
}

static const char *
label_text (GtkWidget  *page,
            const char *name)
{
  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (page,
                                                                        SSA_TYPE_PRICE_LIST_PAGE,
                                                                        name)));
}

static gboolean
changes_shown (gpointer data)
{
  GtkWidget *page = data;
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (page, SSA_TYPE_PRICE_LIST_PAGE,
                                                              "changes_stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "list") == 0;
}

/* The price list page in the window over the fixture's repository, once it lists the
 * current list's products: the new database's current list, the bundled sample. */
static GtkWidget *
show_price_list (Fixture     *f,
                 GListModel **out_products,
                 GListModel **out_history)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page = ssa_price_list_page_new ();
  g_autoptr(SsaPriceList) sample = ssa_samples_load_price_list (&error);
  GListModel *products;
  GListModel *history;
  CountWait wait;

  g_assert_no_error (error);
  show_page (f, page, "Price List – SSA Desk");
  ssa_price_list_page_set_repository (SSA_PRICE_LIST_PAGE (page), f->repository);
  products = G_LIST_MODEL (gtk_widget_get_template_child (page, SSA_TYPE_PRICE_LIST_PAGE,
                                                          "products_filter_model"));
  history = G_LIST_MODEL (gtk_widget_get_template_child (page, SSA_TYPE_PRICE_LIST_PAGE,
                                                         "history"));
  wait.model = products;
  wait.n_items = sample->products->len;
  g_assert_true (wait_for (model_has_count, &wait));
  *out_products = products;
  *out_history = history;
  return page;
}

/* A distributor's list stored since: the page shows it. */
static void
store_next_list (Fixture    *f,
                 GtkWidget  *page,
                 GListModel *products,
                 GListModel *history)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) next = NULL;
  g_autoptr(SsaDbPriceListInfo) info = NULL;
  g_autofree char *document = NULL;
  CountWait wait;
  SsaDbPriceListSource source = {
    "https://prices.example.no/innovaphone.json", "2026-12-01T06:00:00Z", NULL, NULL,
  };
  gboolean was_new = FALSE;

  document = dup_next_price_list ();
  g_assert_true (ssa_db_store_price_list (f->db, document, strlen (document), "next list",
                                          &source, &info, &was_new, &error));
  g_assert_no_error (error);
  g_assert_true (was_new);
  next = ssa_db_load_current_price_list (f->db, NULL, &error);
  g_assert_no_error (error);

  ssa_price_list_page_reload (SSA_PRICE_LIST_PAGE (page));
  wait.model = history;
  wait.n_items = 2;
  g_assert_true (wait_for (model_has_count, &wait));
  wait.model = products;
  wait.n_items = next->products->len;
  g_assert_true (wait_for (model_has_count, &wait));
  g_assert_cmpstr (label_text (page, "id_label"), ==, "2026-12");
  g_assert_cmpstr (label_text (page, "source_label"), ==, source.source_url);
}

static void
test_price_list (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *products;
  GListModel *history;
  GtkWidget *page = show_price_list (f, &products, &history);
  g_autoptr(SsaPriceList) sample = ssa_samples_load_price_list (&error);

  g_assert_cmpstr (label_text (page, "id_label"), ==, sample->id);
  g_assert_cmpstr (label_text (page, "source_label"), ==, "Bundled sample");
  g_assert_cmpstr (label_text (page, "fetched_label"), ==, "—");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
}

/* The search filters the product model by code or name, as typed. */
static void
test_price_list_search (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GListModel *products;
  GListModel *history;
  GtkWidget *page = show_price_list (f, &products, &history);
  g_autoptr(SsaPriceList) sample = ssa_samples_load_price_list (&error);
  GtkEditable *search = GTK_EDITABLE (gtk_widget_get_template_child (
    page, SSA_TYPE_PRICE_LIST_PAGE, "search_entry"));

  gtk_editable_set_text (search, "port");
  g_assert_cmpuint (count_matches (sample, "port"), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (products), ==, count_matches (sample, "port"));
  gtk_editable_set_text (search, "02-00039");
  g_assert_cmpuint (g_list_model_get_n_items (products), ==, count_matches (sample, "02-00039"));
  gtk_editable_set_text (search, "no such product");
  g_assert_cmpuint (g_list_model_get_n_items (products), ==, 0);
  gtk_editable_set_text (search, "");
  g_assert_cmpuint (g_list_model_get_n_items (products), ==, sample->products->len);
}

/* "Refresh Now" without an address says where to set one, and offers to go there. */
static void
test_price_list_no_address (Fixture       *f,
                            gconstpointer  data)
{
  GListModel *products;
  GListModel *history;
  GtkWidget *page = show_price_list (f, &products, &history);
  const char *toast;

  g_assert_true (gtk_widget_activate_action (page, "price-list.refresh", NULL));
  toast = wait_for_call (f, "show-error:");
  g_assert_true (g_str_has_prefix (toast, "show-error:('No price list address is set"));
  g_assert_true (g_str_has_suffix (toast, "'win.preferences')"));
}

static void
test_price_list_next (Fixture       *f,
                      gconstpointer  data)
{
  GListModel *products;
  GListModel *history;
  GtkWidget *page = show_price_list (f, &products, &history);
  GtkEditable *search = GTK_EDITABLE (gtk_widget_get_template_child (
    page, SSA_TYPE_PRICE_LIST_PAGE, "search_entry"));

  store_next_list (f, page, products, history);
  gtk_editable_set_text (search, "port");
  check_fits_small_window (page);
  save_screenshot (f, "page-price-list");
}

/* What changed from the sample to the distributor's list. */
static void
test_price_list_changes (Fixture       *f,
                         gconstpointer  data)
{
  GListModel *products;
  GListModel *history;
  GtkWidget *page = show_price_list (f, &products, &history);
  GtkStack *sections = GTK_STACK (gtk_widget_get_template_child (page, SSA_TYPE_PRICE_LIST_PAGE,
                                                                 "sections"));

  store_next_list (f, page, products, history);
  gtk_stack_set_visible_child_name (sections, "history");
  g_assert_true (wait_for (changes_shown, page));
  {
    GListModel *changes = G_LIST_MODEL (gtk_widget_get_template_child (page,
                                                                       SSA_TYPE_PRICE_LIST_PAGE,
                                                                       "changes_sort_model"));

    /* The first product's price, and the product removed. */
    g_assert_cmpuint (g_list_model_get_n_items (changes), >=, 2);
    g_assert_true (g_str_has_prefix (label_text (page, "changes_label"),
                                     "What changed from "));
  }
  save_screenshot (f, "page-price-list-history");
}

/* "Refresh Now" against a distributor on 127.0.0.1: a new list, then the same again. */

static void
serve_list_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  const char *document = user_data;

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_COPY, document,
                                    strlen (document));
}

static gboolean
page_not_refreshing (gpointer data)
{
  gboolean refreshing;

  g_object_get (data, "refreshing", &refreshing, NULL);
  return !refreshing;
}

/* Keeps the id of each list "price-list-changed" announces. */
static void
price_list_changed_cb (SsaPriceListPage *page,
                       SsaPriceList     *price_list,
                       const char       *sha256,
                       GPtrArray        *changes)
{
  g_assert_nonnull (price_list);
  g_assert_cmpuint (strlen (sha256), ==, 64);
  g_ptr_array_add (changes, g_strdup (price_list->id));
}

static void
test_price_list_refresh (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page = ssa_price_list_page_new ();
  g_autoptr(GSettings) settings = ssa_refresh_dup_settings ();
  g_autoptr(SoupServer) server = NULL;
  g_autofree char *document = dup_next_price_list ();
  g_autofree char *url = NULL;
  g_autoptr(SsaPriceList) sample = ssa_samples_load_price_list (&error);
  g_autoptr(SsaPriceList) current = NULL;
  g_autoptr(SsaDbPriceListInfo) info = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_free);
  gulong changed_handler;
  GSList *uris;
  GListModel *history;
  CountWait wait;
  const char *toast;

  g_assert_no_error (error);
  /* meson sets GSETTINGS_SCHEMA_DIR to the compiled schema in the build tree. */
  g_assert_nonnull (settings);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/prices.json", serve_list_cb, document, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  url = g_strdup_printf ("http://127.0.0.1:%d/prices.json", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_settings_set_string (settings, "price-list-url", url);

  show_page (f, page, "Price List – SSA Desk");
  changed_handler = g_signal_connect (page, "price-list-changed",
                                      G_CALLBACK (price_list_changed_cb), changes);
  ssa_price_list_page_set_repository (SSA_PRICE_LIST_PAGE (page), f->repository);
  history = G_LIST_MODEL (gtk_widget_get_template_child (page, SSA_TYPE_PRICE_LIST_PAGE,
                                                         "history"));
  wait.model = history;
  wait.n_items = 1;
  g_assert_true (wait_for (model_has_count, &wait));
  g_assert_cmpstr (label_text (page, "id_label"), ==, sample->id);

  /* A new list: stored, current, and shown. */
  g_assert_true (gtk_widget_activate_action (page, "price-list.refresh", NULL));
  toast = wait_for_call (f, "show-toast:");
  g_assert_cmpstr (toast, ==, "show-toast:New price list 2026-12 is now current");
  g_assert_true (page_not_refreshing (page));
  current = ssa_db_load_current_price_list (f->db, &info, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (current->id, ==, "2026-12");
  g_assert_cmpstr (info->source_url, ==, url);
  wait.n_items = 2;
  g_assert_true (wait_for (model_has_count, &wait));
  g_assert_cmpstr (label_text (page, "id_label"), ==, "2026-12");
  g_assert_cmpstr (label_text (page, "source_label"), ==, url);
  /* Loading the page announced nothing; the stored list is announced once it is shown. */
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (changes, 0), ==, "2026-12");

  /* The same bytes again: nothing stored. */
  g_ptr_array_set_size (f->calls, 0);
  g_assert_true (gtk_widget_activate_action (page, "price-list.refresh", NULL));
  g_assert_false (page_not_refreshing (page));
  toast = wait_for_call (f, "show-toast:");
  g_assert_cmpstr (toast, ==, "show-toast:Price list 2026-12 is unchanged");
  g_assert_true (wait_for (page_not_refreshing, page));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  g_assert_cmpint (g_settings_get_int64 (settings, "last-refresh"), >, 0);
  /* An unchanged list is not announced, not even late: the window keeps its products. */
  spin (200);
  g_assert_cmpuint (changes->len, ==, 1);
  g_signal_handler_disconnect (page, changed_handler);

  g_settings_reset (settings, "price-list-url");
  g_settings_reset (settings, "last-refresh");
}

/* Load failures and staleness, which SsaPage keeps for the three pages. */

static void
exec_sql (Fixture    *f,
          const char *sql)
{
  sqlite3 *handle = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &handle, SQLITE_OPEN_READWRITE, NULL), ==,
                   SQLITE_OK);
  sqlite3_busy_timeout (handle, 5000);
  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (handle);
}

typedef struct
{
  SsaPage          *page;
  SsaPageLoadState  state;
} StateWait;

static gboolean
page_in_state (gpointer data)
{
  StateWait *wait = data;

  return !ssa_page_get_loading (wait->page) &&
         ssa_page_get_load_state (wait->page) == wait->state;
}

/* Each page says on its error page why it could not load, and a page that was hidden is
 * loaded again when it is shown: the database was repaired meanwhile. */
static void
test_load_failure (Fixture       *f,
                   gconstpointer  data)
{
  static const struct
  {
    const char *title;
    GType     (*get_type) (void);
    const char *table;       /* what the page's load reads */
    const char *stack;       /* the template child of the page's states */
    gboolean    defers;      /* a hidden page waits until it is shown */
  } cases[] = {
    { "Renewals", ssa_renewals_page_get_type, "offers", "stack", TRUE },
    { "Offers", ssa_offers_page_get_type, "offers", "stack", TRUE },
    { "Price List", ssa_price_list_page_get_type, "price_lists", "products_stack", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GType type = cases[i].get_type ();
      GtkWidget *page = g_object_ref_sink (g_object_new (type, NULL));
      GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (page, type, cases[i].stack));
      GtkSpinner *spinner = GTK_SPINNER (gtk_widget_get_template_child (page, type,
                                                                        "spinner"));
      AdwStatusPage *error_page =
        ADW_STATUS_PAGE (gtk_widget_get_template_child (page, type, "error_page"));
      StateWait wait = { SSA_PAGE (page), SSA_PAGE_LOADED };
      g_autofree char *hide = g_strdup_printf ("ALTER TABLE %s RENAME TO %s_hidden",
                                               cases[i].table, cases[i].table);
      g_autofree char *repair = g_strdup_printf ("ALTER TABLE %s_hidden RENAME TO %s",
                                                 cases[i].table, cases[i].table);
      const char *description;

      g_test_message ("%s page", cases[i].title);
      /* Not shown yet: it has not loaded. */
      g_assert_cmpint (ssa_page_get_load_state (SSA_PAGE (page)), ==, SSA_PAGE_LOADING);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "loading");
      g_assert_true (ssa_page_get_stale (SSA_PAGE (page)));

      show_page (f, page, cases[i].title);
      g_object_set (page, "repository", f->repository, NULL);
      g_assert_true (wait_for (page_in_state, &wait));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
      g_assert_false (gtk_spinner_get_spinning (spinner));

      /* The table the page reads is gone: the error page says what SQLite said. */
      exec_sql (f, hide);
      ssa_page_reload (SSA_PAGE (page));
      g_assert_true (ssa_page_get_loading (SSA_PAGE (page)));
      wait.state = SSA_PAGE_FAILED;
      g_assert_true (wait_for (page_in_state, &wait));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
      description = adw_status_page_get_description (error_page);
      g_test_message ("error page: %s", description);
      g_assert_nonnull (description);
      g_assert_nonnull (strstr (description, cases[i].table));
      g_assert_false (gtk_spinner_get_spinning (spinner));

      /* Hidden, the page is stale; the table comes back meanwhile. */
      gtk_widget_set_visible (page, FALSE);
      g_assert_true (ssa_page_get_stale (SSA_PAGE (page)));
      exec_sql (f, repair);
      ssa_page_reload (SSA_PAGE (page));
      if (cases[i].defers)
        {
          /* Asked while hidden, it waits. */
          g_assert_false (ssa_page_get_loading (SSA_PAGE (page)));
          spin (200);
          g_assert_cmpint (ssa_page_get_load_state (SSA_PAGE (page)), ==, SSA_PAGE_FAILED);
        }
      else
        {
          /* It loads while hidden, and stays stale: it loads again when shown. */
          wait.state = SSA_PAGE_LOADED;
          g_assert_true (wait_for (page_in_state, &wait));
          g_assert_true (ssa_page_get_stale (SSA_PAGE (page)));
        }

      /* Shown again, it loads at once. */
      gtk_widget_set_visible (page, TRUE);
      g_assert_true (ssa_page_get_loading (SSA_PAGE (page)));
      g_assert_false (ssa_page_get_stale (SSA_PAGE (page)));
      wait.state = SSA_PAGE_LOADED;
      g_assert_true (wait_for (page_in_state, &wait));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
      g_assert_false (gtk_spinner_get_spinning (spinner));

      /* Shown and not stale, it does not load again by itself. */
      spin (200);
      g_assert_false (ssa_page_get_loading (SSA_PAGE (page)));

      gtk_window_set_child (f->window, NULL);
      g_object_unref (page);
    }
}

/* Without an application, the pages share one process-wide settings instance, which is
 * the one they read: the price list address set in it is the one "Refresh Now" fetches. */
static void
test_settings_fallback (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *page = ssa_price_list_page_new ();
  GSettings *settings = ssa_application_get_settings (NULL);
  gboolean refreshing = FALSE;

  g_assert_null (g_application_get_default ());
  g_assert_nonnull (settings);
  g_assert_true (ssa_application_get_settings (NULL) == settings);
  g_assert_true (ssa_application_get_settings_for_widget (page) == settings);
  show_page (f, page, "Price List – SSA Desk");
  g_assert_true (ssa_application_get_settings_for_widget (page) == settings);

  ssa_price_list_page_set_repository (SSA_PRICE_LIST_PAGE (page), f->repository);
  /* Nothing listens on port 9: the fetch fails, after it started from that address. */
  g_settings_set_string (settings, "price-list-url", "http://127.0.0.1:9/prices.json");
  ssa_price_list_page_refresh (SSA_PRICE_LIST_PAGE (page));
  g_object_get (page, "refreshing", &refreshing, NULL);
  g_assert_true (refreshing);
  wait_for_call (f, "show-toast:");
  g_assert_false (has_call_prefix (f, "show-error:"));
  g_settings_reset (settings, "price-list-url");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping\n");
      return 77;
    }
  adw_init ();

  g_test_add ("/pages/renewals", Fixture, NULL, fixture_set_up, test_renewals,
              fixture_tear_down);
  g_test_add ("/pages/renewals/within", Fixture, NULL, fixture_set_up, test_renewals_within,
              fixture_tear_down);
  g_test_add ("/pages/renewals/activate", Fixture, NULL, fixture_set_up,
              test_renewals_activate, fixture_tear_down);
  g_test_add ("/pages/renewals/create-offers", Fixture, NULL, fixture_set_up,
              test_renewals_create_offers, fixture_tear_down);
  g_test_add ("/pages/renewals/create-offers-again", Fixture, NULL, fixture_set_up,
              test_renewals_create_offers_again, fixture_tear_down);
  g_test_add ("/pages/renewals/hidden-reload", Fixture, NULL, fixture_set_up,
              test_renewals_hidden_reload, fixture_tear_down);
  g_test_add ("/pages/renewals/cancel", Fixture, NULL, fixture_set_up, test_renewals_cancel,
              fixture_tear_down);
  g_test_add ("/pages/offers", Fixture, NULL, fixture_set_up, test_offers, fixture_tear_down);
  g_test_add ("/pages/offers/filter", Fixture, NULL, fixture_set_up, test_offers_filter,
              fixture_tear_down);
  g_test_add ("/pages/offers/open", Fixture, NULL, fixture_set_up, test_offers_open,
              fixture_tear_down);
  g_test_add ("/pages/offers/revise", Fixture, NULL, fixture_set_up, test_offers_revise,
              fixture_tear_down);
  g_test_add ("/pages/offers/draft-not-accepted", Fixture, NULL, fixture_set_up,
              test_offers_draft_not_accepted, fixture_tear_down);
  g_test_add ("/pages/offers/mark-sent", Fixture, NULL, fixture_set_up, test_offers_mark_sent,
              fixture_tear_down);
  g_test_add ("/pages/offers/accept-cancelled", Fixture, NULL, fixture_set_up,
              test_offers_accept_cancelled, fixture_tear_down);
  g_test_add ("/pages/offers/accept-supersedes", Fixture, NULL, fixture_set_up,
              test_offers_accept_supersedes, fixture_tear_down);
  g_test_add ("/pages/offers/alternatives", Fixture, NULL, fixture_set_up,
              test_offers_alternatives, fixture_tear_down);
  g_test_add ("/pages/offers/accept-true-up", Fixture, NULL, fixture_set_up,
              test_offers_accept_true_up, fixture_tear_down);
  g_test_add ("/pages/price-list", Fixture, NULL, fixture_set_up, test_price_list,
              fixture_tear_down);
  g_test_add ("/pages/price-list/search", Fixture, NULL, fixture_set_up,
              test_price_list_search, fixture_tear_down);
  g_test_add ("/pages/price-list/no-address", Fixture, NULL, fixture_set_up,
              test_price_list_no_address, fixture_tear_down);
  g_test_add ("/pages/price-list/next", Fixture, NULL, fixture_set_up, test_price_list_next,
              fixture_tear_down);
  g_test_add ("/pages/price-list/changes", Fixture, NULL, fixture_set_up,
              test_price_list_changes, fixture_tear_down);
  g_test_add ("/pages/price-list/refresh", Fixture, NULL, fixture_set_up,
              test_price_list_refresh, fixture_tear_down);
  g_test_add ("/pages/load-failure", Fixture, NULL, fixture_set_up, test_load_failure,
              fixture_tear_down);
  g_test_add ("/pages/settings-fallback", Fixture, NULL, fixture_set_up,
              test_settings_fallback, fixture_tear_down);

  return g_test_run ();
}
