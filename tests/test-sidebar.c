/* test-sidebar.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <adwaita.h>

#include "ssa-customer.h"
#include "ssa-installation.h"
#include "ssa-recycling-selection.h"
#include "ssa-sidebar-filter.h"
#include "ssa-sidebar-model.h"
#include "ssa-sidebar-row.h"
#include "ssa-slot.h"
#include "test-main-loop.h"

/* The sidebar's models, on their own: the search (SsaSidebarFilter) against a plain
 * reference implementation of its rules, and the selection that keeps the list view's rows
 * (SsaRecyclingSelection) against its model, through random changes, with a real
 * GtkListView on the virtual display.
 *
 * Every model is followed by a "mirror": an array that only ever changes the way the
 * model's items-changed signals say. After each change the mirror must equal the model's
 * items, so a wrong position or count in a signal fails the test. */


/* A mirror of a list model, kept by its items-changed signals only. */

typedef struct
{
  GListModel *model;
  GPtrArray  *items;            /* a reference each */
  guint       changes;
  guint       changed_items;    /* removed + added, over all changes */
} Mirror;

static void
mirror_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Mirror     *mirror)
{
  g_assert_cmpuint (position + removed, <=, mirror->items->len);
  g_ptr_array_remove_range (mirror->items, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (mirror->items, position + i, g_list_model_get_item (model, position + i));
  g_assert_cmpuint (mirror->items->len, ==, g_list_model_get_n_items (model));
  mirror->changes++;
  mirror->changed_items += removed + added;
}

static Mirror *
mirror_new (GListModel *model)
{
  Mirror *mirror = g_new0 (Mirror, 1);
  guint n = g_list_model_get_n_items (model);

  mirror->model = g_object_ref (model);
  mirror->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (mirror->items, g_list_model_get_item (model, i));
  g_signal_connect (model, "items-changed", G_CALLBACK (mirror_changed_cb), mirror);
  return mirror;
}

static void
mirror_free (Mirror *mirror)
{
  g_signal_handlers_disconnect_by_data (mirror->model, mirror);
  g_object_unref (mirror->model);
  g_ptr_array_unref (mirror->items);
  g_free (mirror);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Mirror, mirror_free)

/* The mirror holds exactly the model's items, in order. */
static void
assert_mirror (Mirror *mirror)
{
  guint n = g_list_model_get_n_items (mirror->model);

  g_assert_cmpuint (mirror->items->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (mirror->model, i);

      g_assert_true (g_ptr_array_index (mirror->items, i) == item);
    }
}

/* Test data. */

static const char *first_words[] = { "Fjord", "Nordlys", "Vestland", "Bryggen", "Havne", "Agder" };
static const char *second_words[] = { "Bygg", "Regnskap", "Data", "Rør", "Sjømat" };
static const char *towns[] = { "Bergen", "Oslo", "Tromsø", "Bodø" };

static SsaCustomer *
make_customer (gint64      id,
               const char *name,
               const char *org_no)
{
  SsaCustomer *customer = ssa_customer_new ();

  ssa_customer_set_id (customer, id);
  ssa_customer_set_name (customer, name);
  ssa_customer_set_org_no (customer, org_no);
  return customer;
}

static SsaInstallation *
make_installation (gint64      id,
                   gint64      customer_id,
                   const char *name,
                   const char *serial)
{
  SsaInstallation *installation = ssa_installation_new ();

  ssa_installation_set_id (installation, id);
  ssa_installation_set_customer_id (installation, customer_id);
  ssa_installation_set_name (installation, name);
  ssa_installation_set_serial (installation, serial);
  return installation;
}

/* @n customers with two installations each, and one installation without a customer. */
static void
fill_stores (GListStore *customers,
             GListStore *installations,
             guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s %03u AS",
                                               first_words[i % G_N_ELEMENTS (first_words)],
                                               second_words[(i / 6) % G_N_ELEMENTS (second_words)],
                                               i);
      g_autofree char *org_no = g_strdup_printf ("98%07u", i * 37);
      g_autoptr(SsaCustomer) customer = make_customer (i + 1, name, org_no);

      g_list_store_append (customers, customer);
      for (guint j = 0; j < 2; j++)
        {
          g_autofree char *site = g_strdup_printf ("Kontor %s %u",
                                                   towns[(i + j) % G_N_ELEMENTS (towns)], j);
          g_autofree char *serial = g_strdup_printf ("00-90-33-%02X-%02X-%02X", i / 256,
                                                     i % 256, j);
          g_autoptr(SsaInstallation) installation =
            make_installation (1000 + 2 * i + j, i + 1, site, serial);

          g_list_store_append (installations, installation);
        }
    }
  {
    g_autoptr(SsaInstallation) orphan = make_installation (99999, 424242, "Lager Café",
                                                           "00-90-33-FF-FF-FF");

    g_list_store_append (installations, orphan);
  }
}

/* The search's rules, written the plain way: every word of the search, case folded, in the
 * row's text or, for an installation, in its customer's. Accents are dropped ("café" is
 * found by "cafe", "Tromsø" by "tromso") and æ is spelt "ae". */

static const struct { const char *letter; const char *spelt; } spelt_letters[] = {
  { "æ", "ae" }, { "ø", "o" }, { "œ", "oe" }, { "ð", "d" }, { "đ", "d" }, { "ł", "l" },
  { "þ", "th" }, { "ı", "i" },
};

static char *
fold (const char *text)
{
  g_autofree char *lower = g_utf8_casefold (text != NULL ? text : "", -1);
  g_autofree char *normal = g_utf8_normalize (lower, -1, G_NORMALIZE_ALL);
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = normal; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_ismark (g_utf8_get_char (p)))
      g_string_append_unichar (out, g_utf8_get_char (p));
  for (guint i = 0; i < G_N_ELEMENTS (spelt_letters); i++)
    g_string_replace (out, spelt_letters[i].letter, spelt_letters[i].spelt, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
digits (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static char *
row_text (GObject *row)
{
  g_autofree char *name = NULL;
  g_autofree char *more = NULL;

  if (SSA_IS_CUSTOMER (row))
    {
      name = fold (ssa_customer_get_name (SSA_CUSTOMER (row)));
      more = digits (ssa_customer_get_org_no (SSA_CUSTOMER (row)));
      return g_strconcat (name, "\n", more, NULL);
    }
  else
    {
      g_autofree char *serial = fold (ssa_installation_get_serial (SSA_INSTALLATION (row)));

      name = fold (ssa_installation_get_name (SSA_INSTALLATION (row)));
      more = digits (ssa_installation_get_serial (SSA_INSTALLATION (row)));
      return g_strconcat (name, "\n", serial, "\n", more, NULL);
    }
}

static gboolean
text_matches (char       **words,
              const char  *text,
              const char  *other)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (strstr (text, words[i]) == NULL && (other == NULL || strstr (other, words[i]) == NULL))
      return FALSE;
  return TRUE;
}

/* Returns: (transfer none) (nullable): the customer of the model with @id */
static SsaCustomer *
find_customer (SsaSidebarModel *model,
               gint64           id)
{
  GListModel *customers = ssa_sidebar_model_get_customers (model);

  for (guint i = 0; i < g_list_model_get_n_items (customers); i++)
    {
      g_autoptr(SsaCustomer) customer = g_list_model_get_item (customers, i);

      if (ssa_customer_get_id (customer) == id)
        return customer;
    }
  return NULL;
}

/* The rows of @model that @search shows, in the model's order. */
static GPtrArray *
reference_rows (SsaSidebarModel *model,
                const char      *search)
{
  GListModel *rows = G_LIST_MODEL (model);
  guint n = g_list_model_get_n_items (rows);
  g_autofree char *folded = fold (search);
  g_auto(GStrv) split = g_strsplit_set (folded, " \t", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; split[i] != NULL; i++)
    if (split[i][0] != '\0')
      g_strv_builder_add (builder, split[i]);
  words = g_strv_builder_end (builder);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);
      g_autofree char *text = row_text (row);
      gboolean shown;

      if (words[0] == NULL)
        shown = TRUE;
      else if (SSA_IS_CUSTOMER (row))
        {
          gint64 id = ssa_customer_get_id (SSA_CUSTOMER (row));

          /* A customer shows when it matches or one of its installations does. */
          shown = text_matches (words, text, NULL);
          for (guint j = i + 1; j < n && !shown; j++)
            {
              g_autoptr(GObject) next = g_list_model_get_item (rows, j);
              g_autofree char *next_text = NULL;

              if (!SSA_IS_INSTALLATION (next) ||
                  ssa_installation_get_customer_id (SSA_INSTALLATION (next)) != id)
                break;
              next_text = row_text (next);
              shown = text_matches (words, next_text, text);
            }
        }
      else
        {
          SsaCustomer *customer =
            find_customer (model, ssa_installation_get_customer_id (SSA_INSTALLATION (row)));
          g_autofree char *customer_text = customer != NULL ? row_text (G_OBJECT (customer)) : NULL;

          /* An installation shows when it matches, or its customer does. */
          shown = text_matches (words, text, customer_text) ||
                  (customer_text != NULL && text_matches (words, customer_text, NULL));
        }
      if (shown)
        g_ptr_array_add (result, g_steal_pointer (&row));
    }
  return result;
}

static void
assert_rows (GListModel *shown,
             GPtrArray  *expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (shown, i);

      g_assert_true (row == g_ptr_array_index (expected, i));
    }
}

/* The search. */

typedef struct
{
  GListStore       *customers;
  GListStore       *installations;
  SsaSidebarModel  *model;
  SsaSidebarFilter *filter;
} Search;

static void
search_set_up (Search        *s,
               gconstpointer  data)
{
  s->customers = g_list_store_new (SSA_TYPE_CUSTOMER);
  s->installations = g_list_store_new (SSA_TYPE_INSTALLATION);
  fill_stores (s->customers, s->installations, GPOINTER_TO_UINT (data));
  s->model = ssa_sidebar_model_new (G_LIST_MODEL (s->customers), G_LIST_MODEL (s->installations));
  s->filter = ssa_sidebar_filter_new ();
  ssa_sidebar_filter_set_model (s->filter, s->model);
}

static void
search_tear_down (Search        *s,
                  gconstpointer  data)
{
  g_clear_object (&s->filter);
  g_clear_object (&s->model);
  g_clear_object (&s->installations);
  g_clear_object (&s->customers);
}

static void
search_and_check (Search     *s,
                  Mirror     *mirror,
                  const char *search)
{
  g_autoptr(GPtrArray) expected = reference_rows (s->model, search);

  ssa_sidebar_filter_set_search (s->filter, search);
  g_assert_cmpstr (ssa_sidebar_filter_get_search (s->filter), ==, search);
  assert_rows (G_LIST_MODEL (s->filter), expected);
  assert_mirror (mirror);
}

/* Every customer comes before its installations, and the orphan comes last. */
static void
test_model_order (Search        *s,
                  gconstpointer  data)
{
  GListModel *rows = G_LIST_MODEL (s->model);
  guint n = g_list_model_get_n_items (rows);
  gint64 customer = 0;
  g_autoptr(GObject) last = NULL;

  g_assert_cmpuint (n, ==, 200 + 400 + 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);

      if (SSA_IS_CUSTOMER (row))
        customer = ssa_customer_get_id (SSA_CUSTOMER (row));
      else if (i < n - 1)
        g_assert_cmpint (ssa_installation_get_customer_id (SSA_INSTALLATION (row)), ==, customer);
    }
  last = g_list_model_get_item (rows, n - 1);
  g_assert_cmpstr (ssa_installation_get_name (SSA_INSTALLATION (last)), ==, "Lager Café");
}

static int
compare_by_sort_key (gconstpointer a,
                     gconstpointer b)
{
  GObject *oa = *(GObject * const *) a;
  GObject *ob = *(GObject * const *) b;

  return strcmp (SSA_IS_CUSTOMER (oa) ? ssa_customer_get_sort_key (SSA_CUSTOMER (oa))
                                      : ssa_installation_get_sort_key (SSA_INSTALLATION (oa)),
                 SSA_IS_CUSTOMER (ob) ? ssa_customer_get_sort_key (SSA_CUSTOMER (ob))
                                      : ssa_installation_get_sort_key (SSA_INSTALLATION (ob)));
}

/* The model and its filter are what a model built afresh on the same stores lists, and
 * the mirrors of their items-changed hold the same. */
static void
assert_as_rebuilt (GListStore       *customers,
                   GListStore       *installations,
                   SsaSidebarModel  *model,
                   SsaSidebarFilter *filter,
                   Mirror           *model_mirror,
                   Mirror           *filter_mirror)
{
  g_autoptr(SsaSidebarModel) fresh =
    ssa_sidebar_model_new (G_LIST_MODEL (customers), G_LIST_MODEL (installations));
  GPtrArray *expected = ssa_sidebar_model_peek_rows (fresh);

  assert_rows (G_LIST_MODEL (model), expected);
  assert_mirror (model_mirror);
  assert_rows (G_LIST_MODEL (filter), expected);
  assert_mirror (filter_mirror);
}

/* A large database streams in as the repository sends it (ssa-repository.c): sorted
 * customers a slice at a time, each slice followed by its customers' installations, those
 * without a customer last. The model appends such slices without sorting everything again,
 * and reports only the rows at the end as changed; a slice that does not sort after the
 * rows listed (a customer added meanwhile) is sorted in with the rest. */

/* The stores the repository fills, the sidebar's model and filter over them, and the 300
 * customers and their installations to stream in. */
typedef struct
{
  GListStore       *all_customers;
  GListStore       *all_installations;
  GListStore       *customers;
  GListStore       *installations;
  SsaSidebarModel  *model;
  SsaSidebarFilter *filter;
  Mirror           *model_mirror;
  Mirror           *filter_mirror;
} Stream;

static void
stream_clear (Stream *s)
{
  g_clear_pointer (&s->model_mirror, mirror_free);
  g_clear_pointer (&s->filter_mirror, mirror_free);
  g_clear_object (&s->filter);
  g_clear_object (&s->model);
  g_clear_object (&s->customers);
  g_clear_object (&s->installations);
  g_clear_object (&s->all_customers);
  g_clear_object (&s->all_installations);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Stream, stream_clear)

static void
stream_set_up (Stream *s)
{
  s->all_customers = g_list_store_new (SSA_TYPE_CUSTOMER);
  s->all_installations = g_list_store_new (SSA_TYPE_INSTALLATION);
  s->customers = g_list_store_new (SSA_TYPE_CUSTOMER);
  s->installations = g_list_store_new (SSA_TYPE_INSTALLATION);
  s->filter = ssa_sidebar_filter_new ();
  fill_stores (s->all_customers, s->all_installations, 300);
  s->model = ssa_sidebar_model_new (G_LIST_MODEL (s->customers),
                                    G_LIST_MODEL (s->installations));
  ssa_sidebar_filter_set_model (s->filter, s->model);
  s->model_mirror = mirror_new (G_LIST_MODEL (s->model));
  s->filter_mirror = mirror_new (G_LIST_MODEL (s->filter));
}

/* With a search typed, the filter lists what a filter made afresh with that search lists. */
static void
stream_assert_as_rebuilt (Stream *s)
{
  const char *search = ssa_sidebar_filter_get_search (s->filter);
  g_autoptr(SsaSidebarModel) fresh_model = NULL;
  g_autoptr(SsaSidebarFilter) fresh = NULL;
  GPtrArray *expected;
  guint n;

  if (search == NULL || *search == '\0')
    {
      assert_as_rebuilt (s->customers, s->installations, s->model, s->filter, s->model_mirror,
                         s->filter_mirror);
      return;
    }

  fresh_model = ssa_sidebar_model_new (G_LIST_MODEL (s->customers),
                                       G_LIST_MODEL (s->installations));
  expected = ssa_sidebar_model_peek_rows (fresh_model);
  assert_rows (G_LIST_MODEL (s->model), expected);
  assert_mirror (s->model_mirror);

  fresh = ssa_sidebar_filter_new ();
  ssa_sidebar_filter_set_model (fresh, fresh_model);
  ssa_sidebar_filter_set_search (fresh, search);
  n = g_list_model_get_n_items (G_LIST_MODEL (fresh));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (s->filter)), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) want = g_list_model_get_item (G_LIST_MODEL (fresh), i);
      g_autoptr(GObject) got = g_list_model_get_item (G_LIST_MODEL (s->filter), i);

      g_assert_true (want == got);
    }
  assert_mirror (s->filter_mirror);
}

/* Every customer streamed in, sorted, in slices, each followed by its installations. */
static void
stream_slices (Stream *s)
{
  GListStore *all_customers = s->all_customers;
  GListStore *all_installations = s->all_installations;
  GListStore *customers = s->customers;
  GListStore *installations = s->installations;
  Mirror *model_mirror = s->model_mirror;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_customers, n_installations, next = 0;

  n_customers = g_list_model_get_n_items (G_LIST_MODEL (all_customers));
  n_installations = g_list_model_get_n_items (G_LIST_MODEL (all_installations));
  for (guint i = 0; i < n_customers; i++)
    g_ptr_array_add (sorted, g_list_model_get_item (G_LIST_MODEL (all_customers), i));
  g_ptr_array_sort (sorted, compare_by_sort_key);

  for (guint slice = 0; next < sorted->len; slice++)
    {
      guint end = MIN (sorted->len, next + 7 + slice % 5);
      g_autoptr(GPtrArray) group = g_ptr_array_new_with_free_func (g_object_unref);
      guint changed_before = model_mirror->changed_items;

      for (guint i = next; i < end; i++)
        {
          gint64 id = ssa_customer_get_id (g_ptr_array_index (sorted, i));

          /* Now and then a customer without installations. */
          if (i % 10 == 3)
            continue;

          for (guint j = 0; j < n_installations; j++)
            {
              g_autoptr(SsaInstallation) installation =
                g_list_model_get_item (G_LIST_MODEL (all_installations), j);

              if (ssa_installation_get_customer_id (installation) == id)
                g_ptr_array_add (group, g_steal_pointer (&installation));
            }
        }
      g_ptr_array_sort (group, compare_by_sort_key);
      g_list_store_splice (customers, g_list_model_get_n_items (G_LIST_MODEL (customers)), 0,
                           sorted->pdata + next, end - next);
      g_list_store_splice (installations,
                           g_list_model_get_n_items (G_LIST_MODEL (installations)), 0,
                           group->pdata, group->len);
      /* Only the new rows changed: the customers appended, then taken out again and put
       * back each with its installations (with those of the slice before that have none). */
      g_assert_cmpuint (model_mirror->changed_items - changed_before, >=,
                        3 * (end - next) + group->len);
      g_assert_cmpuint (model_mirror->changed_items - changed_before, <=,
                        3 * (end - next) + group->len + 2 * 12);
      /* Appended in place: the rows before the slice stay as they were. */
      if (next > 0)
        g_assert_cmpuint (ssa_sidebar_model_get_changed_from (s->model), >, 0);
      stream_assert_as_rebuilt (s);
      next = end;
    }
}

/* The installation without a customer comes last. */
static void
stream_orphan (Stream *s)
{
  GListStore *installations = s->installations;
  guint n_installations = g_list_model_get_n_items (G_LIST_MODEL (s->all_installations));
  g_autoptr(GPtrArray) orphans = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint j = 0; j < n_installations; j++)
    {
      g_autoptr(SsaInstallation) installation =
      g_list_model_get_item (G_LIST_MODEL (s->all_installations), j);

      if (ssa_installation_get_customer_id (installation) == 424242)
        g_ptr_array_add (orphans, g_steal_pointer (&installation));
    }
  g_assert_cmpuint (orphans->len, ==, 1);
  g_list_store_splice (installations, g_list_model_get_n_items (G_LIST_MODEL (installations)),
                       0, orphans->pdata, orphans->len);
  stream_assert_as_rebuilt (s);
}

static void
test_model_appends (void)
{
  g_auto(Stream) s = { 0, };

  stream_set_up (&s);
  stream_slices (&s);
}

static void
test_model_appends_orphan_last (void)
{
  g_auto(Stream) s = { 0, };

  stream_set_up (&s);
  stream_slices (&s);
  stream_orphan (&s);
}

/* A customer that sorts first: sorted in, not appended. */
static void
test_model_appends_sorts_first (void)
{
  g_auto(Stream) s = { 0, };
  g_autoptr(SsaCustomer) early = make_customer (5000, "Aaa Først AS", "987654321");

  stream_set_up (&s);
  stream_slices (&s);
  stream_orphan (&s);
  g_list_store_append (s.customers, early);
  stream_assert_as_rebuilt (&s);
  g_assert_true (g_ptr_array_index (ssa_sidebar_model_peek_rows (s.model), 0) ==
                 (gpointer) early);
}

/* And the orphan's customer arriving takes it in. */
static void
test_model_appends_orphan_customer (void)
{
  g_auto(Stream) s = { 0, };
    g_autoptr(SsaCustomer) found = make_customer (424242, "Zz Funnet AS", "912345678");

  stream_set_up (&s);
  stream_slices (&s);
  stream_orphan (&s);
  g_list_store_append (s.customers, found);
  stream_assert_as_rebuilt (&s);
}

/* Streamed in while a search is typed: the filter looks only at the rows appended, and
 * lists what a filter made afresh with the same search lists. */
static void
test_model_appends_searched (void)
{
  static const char *searches[] = { "bergen", "fjord data", "oslo 1", "cafe", "zzz" };

  for (guint k = 0; k < G_N_ELEMENTS (searches); k++)
    {
      g_auto(Stream) s = { 0, };
      guint n;

      stream_set_up (&s);
      ssa_sidebar_filter_set_search (s.filter, searches[k]);
      g_clear_pointer (&s.filter_mirror, mirror_free);
      s.filter_mirror = mirror_new (G_LIST_MODEL (s.filter));
      stream_slices (&s);
      stream_orphan (&s);

      /* And the search cleared lists every row. */
      ssa_sidebar_filter_set_search (s.filter, "");
      n = g_list_model_get_n_items (G_LIST_MODEL (s.model));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (s.filter)), ==, n);
      assert_mirror (s.filter_mirror);
    }
}

/* Searches typed on and deleted again, and searches of every kind. */
static void
test_search (Search        *s,
             gconstpointer  data)
{
  g_autoptr(Mirror) mirror = mirror_new (G_LIST_MODEL (s->filter));
  static const char *typed = "nordlys data 01";
  static const char *searches[] = {
    "bergen",                    /* installation names: their customers show too */
    "regnskap bodø",             /* customer and installation words together */
    "980 000 037",               /* organisation numbers, typed in groups */
    "00-90-33-00-0a",            /* serials, case folded */
    "00903300",                  /* serial digits run together */
    "cafe",                      /* "Café", an installation without a customer */
    "TROMSØ",                    /* Norwegian letters, case folded */
    "tromso",                    /* ... and typed without their marks */
    "zzzz",                      /* nothing */
    "  fjord   bygg  ",          /* spaces around and between words */
    "",
  };

  assert_mirror (mirror);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (s->filter)), ==, 601);

  for (guint n = 1; n <= strlen (typed); n++)
    {
      g_autofree char *search = g_strndup (typed, n);

      search_and_check (s, mirror, search);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (s->filter)), >, 0);
  for (guint n = strlen (typed); n-- > 0;)
    {
      g_autofree char *search = g_strndup (typed, n);

      search_and_check (s, mirror, search);
    }

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      search_and_check (s, mirror, searches[i]);
      if (g_str_equal (searches[i], "zzzz"))
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (s->filter)), ==, 0);
      else
        g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (s->filter)), >, 0);
    }
}

/* Names typed as on an English keyboard find the Norwegian and Swedish letters, while the
 * sidebar keeps sorting them the way the locale does (in Bokmål, Æ, Ø and Å after Z). */
static void
test_search_folding (void)
{
  static const char *names[] = {
    "Åsen Data AS", "Tromsø Havn AS", "Zeta Regnskap AS", "Ærøy Bygg AS", "Østby Rør AS",
    "Göteborg Fisk AB", "Berg Café AS",
  };
  static const struct { const char *search; const char *finds; } finds[] = {
    { "tromso", "Tromsø Havn AS" },
    { "TROMSO", "Tromsø Havn AS" },
    { "Tromsø", "Tromsø Havn AS" },
    { "aeroy", "Ærøy Bygg AS" },
    { "ÆRØY", "Ærøy Bygg AS" },
    { "ae", "Ærøy Bygg AS" },
    { "ostby ror", "Østby Rør AS" },
    { "goteborg", "Göteborg Fisk AB" },
    { "asen", "Åsen Data AS" },
    { "berg cafe", "Berg Café AS" },
  };
  static const char *bokmal_order[] = {
    "Berg Café AS", "Göteborg Fisk AB", "Tromsø Havn AS", "Zeta Regnskap AS", "Ærøy Bygg AS",
    "Østby Rør AS", "Åsen Data AS",
  };
  g_autofree char *collate = g_strdup (setlocale (LC_COLLATE, NULL));
  gboolean bokmal = setlocale (LC_COLLATE, "nb_NO.UTF-8") != NULL;
  g_autoptr(GListStore) customers = g_list_store_new (SSA_TYPE_CUSTOMER);
  g_autoptr(GListStore) installations = g_list_store_new (SSA_TYPE_INSTALLATION);
  g_autoptr(SsaSidebarModel) model = NULL;
  g_autoptr(SsaSidebarFilter) filter = ssa_sidebar_filter_new ();

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(SsaCustomer) customer = make_customer (i + 1, names[i], NULL);

      g_list_store_append (customers, customer);
    }
  model = ssa_sidebar_model_new (G_LIST_MODEL (customers), G_LIST_MODEL (installations));
  ssa_sidebar_filter_set_model (filter, model);

  for (guint i = 0; i < G_N_ELEMENTS (finds); i++)
    {
      g_autoptr(SsaCustomer) found = NULL;

      ssa_sidebar_filter_set_search (filter, finds[i].search);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filter)), ==, 1);
      found = g_list_model_get_item (G_LIST_MODEL (filter), 0);
      g_assert_cmpstr (ssa_customer_get_name (found), ==, finds[i].finds);
    }
  /* "o" finds ø and ö as well as o; "zzz" nothing. */
  ssa_sidebar_filter_set_search (filter, "o");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filter)), ==, 4);
  ssa_sidebar_filter_set_search (filter, "zzz");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filter)), ==, 0);
  ssa_sidebar_filter_set_search (filter, "");

  if (!bokmal)
    {
      g_test_skip ("No nb_NO.UTF-8 locale: the Bokmål sort order is not checked");
      return;
    }
  /* The order with the whole list shown, after all those searches, is the Bokmål one. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (filter)), ==,
                    G_N_ELEMENTS (bokmal_order));
  for (guint i = 0; i < G_N_ELEMENTS (bokmal_order); i++)
    {
      g_autoptr(SsaCustomer) row = g_list_model_get_item (G_LIST_MODEL (filter), i);

      g_assert_cmpstr (ssa_customer_get_name (row), ==, bokmal_order[i]);
    }
  setlocale (LC_COLLATE, collate);
}

/* Rows added, removed and renamed while a search is on. */
static void
test_search_rows_change (Search        *s,
                         gconstpointer  data)
{
  g_autoptr(Mirror) mirror = mirror_new (G_LIST_MODEL (s->filter));
  g_autoptr(SsaCustomer) added = make_customer (5000, "Nordlys Nyhavna AS", "912345678");
  g_autoptr(SsaInstallation) site = make_installation (6000, 5000, "Kontor Bodø 9", "AA-BB");
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(SsaCustomer) first = NULL;

  search_and_check (s, mirror, "nordlys");

  /* A matching customer, then an installation under it. */
  g_list_store_append (s->customers, added);
  expected = reference_rows (s->model, "nordlys");
  assert_rows (G_LIST_MODEL (s->filter), expected);
  assert_mirror (mirror);
  g_list_store_append (s->installations, site);
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = reference_rows (s->model, "nordlys");
  assert_rows (G_LIST_MODEL (s->filter), expected);
  g_assert_true (g_ptr_array_find (expected, site, NULL));
  assert_mirror (mirror);

  /* The first customer shown is removed. */
  first = g_list_model_get_item (G_LIST_MODEL (s->filter), 0);
  {
    guint position;

    g_assert_true (g_list_store_find (s->customers, first, &position));
    g_list_store_remove (s->customers, position);
  }
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = reference_rows (s->model, "nordlys");
  assert_rows (G_LIST_MODEL (s->filter), expected);
  g_assert_false (g_ptr_array_find (expected, first, NULL));
  assert_mirror (mirror);

  /* A rename that no longer matches, put in order again. */
  ssa_customer_set_name (added, "Sørhavna AS");
  ssa_sidebar_model_resort (s->model);
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = reference_rows (s->model, "nordlys");
  assert_rows (G_LIST_MODEL (s->filter), expected);
  g_assert_false (g_ptr_array_find (expected, added, NULL));
  /* Its installation is in Bodø, not Nordlys: it goes with it. */
  g_assert_false (g_ptr_array_find (expected, site, NULL));
  assert_mirror (mirror);

  search_and_check (s, mirror, "");
  search_and_check (s, mirror, "sørhavna");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (s->filter)), ==, 2);

  /* A rename that keeps the order: the search looks at the new name. */
  ssa_installation_set_name (site, "Kontor Sørhavna");
  ssa_sidebar_model_resort (s->model);
  ssa_sidebar_filter_refresh (s->filter);
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = reference_rows (s->model, "sørhavna");
  assert_rows (G_LIST_MODEL (s->filter), expected);
  assert_mirror (mirror);
  ssa_customer_set_name (added, "Sørvest AS");
  ssa_sidebar_model_resort (s->model);
  ssa_sidebar_filter_refresh (s->filter);
  g_clear_pointer (&expected, g_ptr_array_unref);
  expected = reference_rows (s->model, "sørhavna");
  assert_rows (G_LIST_MODEL (s->filter), expected);
  /* The installation still matches; its customer shows above it. */
  g_assert_cmpuint (expected->len, ==, 2);
  assert_mirror (mirror);
}

/* The recycling selection, without a list view. */

typedef struct
{
  GListStore            *store;
  SsaRecyclingSelection *selection;
  guint                  next_id;
} Recycling;

static SsaCustomer *
numbered_item (Recycling *r)
{
  g_autofree char *name = g_strdup_printf ("Row %u", r->next_id);

  return make_customer (r->next_id++, name, NULL);
}

static void
store_splice (Recycling *r,
              guint      position,
              guint      removed,
              guint      added)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, numbered_item (r));
  g_list_store_splice (r->store, position, removed, items->pdata, added);
}

static void
recycling_set_up (Recycling     *r,
                  gconstpointer  data)
{
  r->store = g_list_store_new (SSA_TYPE_CUSTOMER);
  r->next_id = 1;
  store_splice (r, 0, 0, GPOINTER_TO_UINT (data));
  r->selection = ssa_recycling_selection_new (G_LIST_MODEL (r->store));
}

static void
recycling_tear_down (Recycling     *r,
                     gconstpointer  data)
{
  g_clear_object (&r->selection);
  g_clear_object (&r->store);
}

/* Slots listed, each showing the model's item at its place; as many as the model has
 * unless @listed_fewer allows fewer (a list still growing). */
static gpointer
copy_ref (gconstpointer object,
          gpointer      data)
{
  return g_object_ref ((gpointer) object);
}

static void
assert_slots (Recycling *r,
              Mirror    *slots,
              gboolean   listed_fewer)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (r->selection));

  assert_mirror (slots);
  if (listed_fewer)
    g_assert_cmpuint (n, <=, g_list_model_get_n_items (G_LIST_MODEL (r->store)));
  else
    g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (r->store)));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (r->selection)) == SSA_TYPE_SLOT);
  for (guint i = 0; i < n; i++)
    {
      SsaSlot *slot = g_ptr_array_index (slots->items, i);
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (r->store), i);

      g_assert_true (ssa_slot_get_item (slot) == item);
    }
}

/* Random changes of every size: the slots always show the model's items, and a change
 * that replaces many items by many others keeps the slots that were there. */
static void
test_recycling_random (Recycling     *r,
                       gconstpointer  data)
{
  g_autoptr(Mirror) slots = mirror_new (G_LIST_MODEL (r->selection));

  assert_slots (r, slots, FALSE);
  for (guint round = 0; round < 300; round++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (r->store));
      guint position = n > 0 ? g_test_rand_int_range (0, n + 1) : 0;
      guint removed = g_test_rand_int_range (0, n - position + 1);
      guint added = g_test_rand_bit () ? g_test_rand_int_range (0, 8)
                                       : g_test_rand_int_range (0, 400);

      store_splice (r, position, removed, added);
      assert_slots (r, slots, FALSE);
    }
}

static void
test_recycling_keeps_slots (Recycling     *r,
                            gconstpointer  data)
{
  g_autoptr(Mirror) slots = mirror_new (G_LIST_MODEL (r->selection));
  g_autoptr(GPtrArray) before = g_ptr_array_copy (slots->items, copy_ref, NULL);
  guint changes = slots->changes;

  g_ptr_array_set_free_func (before, g_object_unref);

  /* All 1000 replaced by 600 others: the first 600 slots stay, 400 go. */
  store_splice (r, 0, 1000, 600);
  assert_slots (r, slots, FALSE);
  g_assert_cmpuint (slots->changes, ==, changes + 1);
  for (guint i = 0; i < 600; i++)
    g_assert_true (g_ptr_array_index (slots->items, i) == g_ptr_array_index (before, i));

  /* A small change is passed on as it is: one new slot at its place. */
  changes = slots->changes;
  store_splice (r, 10, 0, 1);
  assert_slots (r, slots, FALSE);
  g_assert_cmpuint (slots->changes, ==, changes + 1);
  g_assert_true (g_ptr_array_index (slots->items, 11) == g_ptr_array_index (before, 10));
  /* Its slot is new to the list: made, or one of the 400 let go before. */
  for (guint i = 0; i < 600; i++)
    g_assert_true (g_ptr_array_index (slots->items, 10) != g_ptr_array_index (before, i));
}

/* The selection is an item: it follows the item, survives a search that hides it, and
 * shows again when the item is back. */
static void
test_recycling_selection (Recycling     *r,
                          gconstpointer  data)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (r->selection);
  g_autoptr(Mirror) slots = mirror_new (G_LIST_MODEL (r->selection));
  g_autoptr(GObject) picked = g_list_model_get_item (G_LIST_MODEL (r->store), 5);
  g_autoptr(GtkBitset) selected = NULL;

  g_assert_true (gtk_selection_model_select_item (model, 5, TRUE));
  g_assert_true (ssa_recycling_selection_get_selected_item (r->selection) == picked);
  g_assert_true (gtk_selection_model_is_selected (model, 5));
  g_assert_false (gtk_selection_model_is_selected (model, 4));
  g_assert_cmpuint (ssa_recycling_selection_get_selected (r->selection), ==, 5);

  /* The items before it go, and 40 others come: it moves down, still selected. */
  g_list_store_splice (r->store, 0, 5, NULL, 0);
  assert_slots (r, slots, FALSE);
  g_assert_cmpuint (ssa_recycling_selection_get_selected (r->selection), ==, 0);
  store_splice (r, 0, 0, 40);
  assert_slots (r, slots, FALSE);
  g_assert_cmpuint (ssa_recycling_selection_get_selected (r->selection), ==, 40);
  {
    guint position = ssa_recycling_selection_get_selected (r->selection);
    g_autoptr(SsaSlot) slot = g_list_model_get_item (G_LIST_MODEL (r->selection), position);

    g_assert_true (ssa_slot_get_item (slot) == picked);
    g_assert_true (gtk_selection_model_is_selected (model, position));
    selected = gtk_selection_model_get_selection (model);
    g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
    g_assert_cmpuint (gtk_bitset_get_minimum (selected), ==, position);
  }

  /* A search hides it: nothing shows selected, but it stays the selection. */
  {
    guint position;

    g_assert_true (g_list_store_find (r->store, picked, &position));
    g_list_store_remove (r->store, position);
  }
  assert_slots (r, slots, FALSE);
  g_assert_true (ssa_recycling_selection_get_selected_item (r->selection) == picked);
  g_assert_cmpuint (ssa_recycling_selection_get_selected (r->selection), ==,
                    GTK_INVALID_LIST_POSITION);
  g_clear_pointer (&selected, gtk_bitset_unref);
  selected = gtk_selection_model_get_selection (model);
  g_assert_true (gtk_bitset_is_empty (selected));

  /* Back at the top, in a change big enough to reuse the slots: selected there. */
  {
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(SsaSlot) first_slot = g_list_model_get_item (G_LIST_MODEL (r->selection), 0);

    g_ptr_array_add (items, g_object_ref (picked));
    for (guint i = 0; i < 99; i++)
      g_ptr_array_add (items, numbered_item (r));
    g_list_store_splice (r->store, 0, 100, items->pdata, items->len);
    assert_slots (r, slots, FALSE);
    g_assert_true (g_ptr_array_index (slots->items, 0) == first_slot);
  }
  g_assert_true (gtk_selection_model_is_selected (model, 0));
  g_assert_cmpuint (ssa_recycling_selection_get_selected (r->selection), ==, 0);

  /* Unselected through the model, as Ctrl+click does. */
  g_assert_true (gtk_selection_model_unselect_item (model, 0));
  g_assert_null (ssa_recycling_selection_get_selected_item (r->selection));
  g_assert_false (gtk_selection_model_is_selected (model, 0));
}

/* Frozen, the selection keeps what it listed; thawed, it lists the model again, keeping its
 * slots. */
static void
test_recycling_frozen (Recycling     *r,
                       gconstpointer  data)
{
  g_autoptr(Mirror) slots = mirror_new (G_LIST_MODEL (r->selection));
  g_autoptr(GPtrArray) before = g_ptr_array_copy (slots->items, copy_ref, NULL);
  g_autoptr(GObject) first = g_list_model_get_item (G_LIST_MODEL (r->store), 0);
  guint changes;

  g_ptr_array_set_free_func (before, g_object_unref);

  ssa_recycling_selection_set_frozen (r->selection, TRUE);
  changes = slots->changes;
  g_list_store_remove_all (r->store);
  g_assert_cmpuint (slots->changes, ==, changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (r->selection)), ==, 300);
  {
    g_autoptr(SsaSlot) slot = g_list_model_get_item (G_LIST_MODEL (r->selection), 0);

    g_assert_true (ssa_slot_get_item (slot) == first);
  }
  store_splice (r, 0, 0, 500);

  ssa_recycling_selection_set_frozen (r->selection, FALSE);
  assert_slots (r, slots, FALSE);
  for (guint i = 0; i < 300; i++)
    g_assert_true (g_ptr_array_index (slots->items, i) == g_ptr_array_index (before, i));

  /* Thawed with nothing changed: no change at all. */
  ssa_recycling_selection_set_frozen (r->selection, TRUE);
  changes = slots->changes;
  ssa_recycling_selection_set_frozen (r->selection, FALSE);
  g_assert_cmpuint (slots->changes, ==, changes);
}

/* The recycling selection under a real GtkListView on the virtual display. */

typedef struct
{
  guint setups;
} Rows;

static void
row_item_cb (SsaSlot    *slot,
             GParamSpec *pspec,
             GtkLabel   *label)
{
  GObject *item = ssa_slot_get_item (slot);

  gtk_label_set_text (label, item != NULL ? ssa_customer_get_name (SSA_CUSTOMER (item)) : "");
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          Rows                     *rows)
{
  rows->setups++;
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         Rows                     *rows)
{
  SsaSlot *slot = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  row_item_cb (slot, NULL, GTK_LABEL (label));
  g_signal_connect_object (slot, "notify::item", G_CALLBACK (row_item_cb), label, 0);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           Rows                     *rows)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), row_item_cb,
                                        gtk_list_item_get_child (item));
}

/* The label of the row widget showing position @position, or NULL when it has none. */
static const char *
row_label (GtkWidget *list_view,
           guint      position,
           Recycling *r)
{
  g_autoptr(SsaSlot) slot = g_list_model_get_item (G_LIST_MODEL (r->selection), position);
  const char *name = ssa_customer_get_name (SSA_CUSTOMER (ssa_slot_get_item (slot)));

  for (GtkWidget *row = gtk_widget_get_first_child (list_view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *label = gtk_widget_get_first_child (row);

      if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), name) == 0)
        return gtk_label_get_text (GTK_LABEL (label));
    }
  return NULL;
}

static void
test_recycling_list_view (Recycling     *r,
                          gconstpointer  data)
{
  g_autoptr(Mirror) slots = mirror_new (G_LIST_MODEL (r->selection));
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  Rows rows = { 0 };
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *list_view;
  guint setups;
  guint n;
  gint64 deadline;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), &rows);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), &rows);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), &rows);
  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (r->selection)),
                                 g_object_ref (factory));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_view);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 600);
  ssa_recycling_selection_set_widget (r->selection, list_view);
  g_assert_true (ssa_recycling_selection_get_widget (r->selection) == list_view);
  gtk_window_present (GTK_WINDOW (window));
  spin (300);
  setups = rows.setups;
  g_assert_cmpuint (setups, >, 10);
  g_assert_nonnull (row_label (list_view, 0, r));

  /* Every item replaced: the rows stay and show the new items. */
  store_splice (r, 0, 2000, 2000);
  spin (100);
  assert_slots (r, slots, FALSE);
  g_assert_cmpuint (rows.setups, ==, setups);
  g_assert_nonnull (row_label (list_view, 0, r));
  g_assert_nonnull (row_label (list_view, 5, r));

  /* Down to 10 and up to 2000 again: the rows come back a step a frame. */
  store_splice (r, 0, 2000, 10);
  spin (100);
  assert_slots (r, slots, FALSE);
  store_splice (r, 0, 10, 2000);
  n = g_list_model_get_n_items (G_LIST_MODEL (r->selection));
  g_assert_cmpuint (n, <, 2000);
  g_assert_cmpuint (n, >=, 10);
  assert_slots (r, slots, TRUE);
  deadline = g_get_monotonic_time () + TEST_WAIT_SECONDS * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (G_LIST_MODEL (r->selection)) < 2000 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  assert_slots (r, slots, FALSE);
  g_assert_nonnull (row_label (list_view, 0, r));
  /* No more rows than the list view keeps around what it shows. */
  g_assert_cmpuint (rows.setups, <=, setups + 256);

  /* Changes while it grows: what is listed still matches. */
  store_splice (r, 0, 2000, 5);
  store_splice (r, 0, 5, 3000);
  store_splice (r, 2, 1, 1);
  store_splice (r, 40, 2500, 0);
  assert_slots (r, slots, TRUE);
  ssa_recycling_selection_list_all (r->selection);
  assert_slots (r, slots, FALSE);

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  g_assert_null (ssa_recycling_selection_get_widget (r->selection));
}

/* A sidebar row: its size comes from the font, not the text, and it draws both lines. */

/* How many pixels of @widget differ from its background (the top left corner). */
static guint
drawn_pixels (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  guint count = 0;

  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 1, 1, 1, 1 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  for (int i = 0; i < width * height; i++)
    count += memcmp (pixels + 4 * i, pixels, 4) != 0;
  return count;
}

static void
test_row (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row = ssa_sidebar_row_new ();
  int width, height, long_width, long_height, empty_pixels, text_pixels;

  gtk_window_set_child (GTK_WINDOW (window), row);
  gtk_window_present (GTK_WINDOW (window));
  spin (200);
  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  empty_pixels = drawn_pixels (row);
  g_assert_cmpint (empty_pixels, ==, 0);

  ssa_sidebar_row_set (SSA_SIDEBAR_ROW (row), "Nordlys Regnskap og Rådgivning med et svært langt "
                       "navn som ikke får plass AS", "988 077 917", TRUE);
  g_assert_cmpstr (ssa_sidebar_row_get_title (SSA_SIDEBAR_ROW (row)), ==,
                   "Nordlys Regnskap og Rådgivning med et svært langt navn som ikke får plass AS");
  g_assert_cmpstr (ssa_sidebar_row_get_detail (SSA_SIDEBAR_ROW (row)), ==, "988 077 917");
  spin (100);
  gtk_widget_measure (row, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &long_width, NULL, NULL);
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, -1, NULL, &long_height, NULL, NULL);
  g_assert_cmpint (long_width, ==, width);
  g_assert_cmpint (long_height, ==, height);
  /* The long title is ellipsized within the row: drawn, and no wider. */
  g_assert_cmpint (gtk_widget_get_width (row), <=, width);
  text_pixels = drawn_pixels (row);
  g_assert_cmpint (text_pixels, >, 100);

  /* The detail line is drawn below the title. */
  ssa_sidebar_row_set (SSA_SIDEBAR_ROW (row), "Nordlys", "", FALSE);
  spin (100);
  g_assert_cmpint (drawn_pixels (row), <, text_pixels);
  g_assert_cmpint (drawn_pixels (row), >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
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

  g_test_add_func ("/sidebar/row", test_row);
  g_test_add_func ("/sidebar/model/appends", test_model_appends);
  g_test_add_func ("/sidebar/model/appends/orphan-last", test_model_appends_orphan_last);
  g_test_add_func ("/sidebar/model/appends/sorts-first", test_model_appends_sorts_first);
  g_test_add_func ("/sidebar/model/appends/searched", test_model_appends_searched);
  g_test_add_func ("/sidebar/model/appends/orphan-customer",
                   test_model_appends_orphan_customer);
  g_test_add ("/sidebar/model/order", Search, GUINT_TO_POINTER (200), search_set_up,
              test_model_order, search_tear_down);
  g_test_add ("/sidebar/search", Search, GUINT_TO_POINTER (200), search_set_up, test_search,
              search_tear_down);
  g_test_add_func ("/sidebar/search/folding", test_search_folding);
  g_test_add ("/sidebar/search/rows-change", Search, GUINT_TO_POINTER (200), search_set_up,
              test_search_rows_change, search_tear_down);
  g_test_add ("/sidebar/recycling/random", Recycling, GUINT_TO_POINTER (50), recycling_set_up,
              test_recycling_random, recycling_tear_down);
  g_test_add ("/sidebar/recycling/keeps-slots", Recycling, GUINT_TO_POINTER (1000),
              recycling_set_up, test_recycling_keeps_slots, recycling_tear_down);
  g_test_add ("/sidebar/recycling/selection", Recycling, GUINT_TO_POINTER (200),
              recycling_set_up, test_recycling_selection, recycling_tear_down);
  g_test_add ("/sidebar/recycling/frozen", Recycling, GUINT_TO_POINTER (300), recycling_set_up,
              test_recycling_frozen, recycling_tear_down);
  g_test_add ("/sidebar/recycling/list-view", Recycling, GUINT_TO_POINTER (2000),
              recycling_set_up, test_recycling_list_view, recycling_tear_down);

  return g_test_run ();
}
