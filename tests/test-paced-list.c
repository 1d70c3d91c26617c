/* test-paced-list.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <adwaita.h>

#include "ssa-paced-list.h"
#include "ssa-slot.h"
#include "test-main-loop.h"

/* SsaPacedList, the model between the licence table or the offer's lines and their list
 * views: through random changes, with and without slots, on its own and under a real
 * GtkListView on the virtual display. A "mirror" array changes only the way the model's
 * items-changed signals say; after each change it must hold the model's items, so a wrong
 * position or count in a signal fails the test. */

typedef struct
{
  GListModel *model;
  GPtrArray  *items;            /* a reference each */
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

typedef struct
{
  GListStore   *store;
  SsaPacedList *paced;
  guint         next_id;
} Fixture;

static void
store_splice (Fixture *f,
              guint    position,
              guint    removed,
              guint    added)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < added; i++)
    {
      g_autofree char *text = g_strdup_printf ("Line %u", f->next_id++);

      g_ptr_array_add (items, gtk_string_object_new (text));
    }
  g_list_store_splice (f->store, position, removed, items->pdata, added);
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  f->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  f->next_id = 1;
  f->paced = g_object_new (SSA_TYPE_PACED_LIST, "recycle", GPOINTER_TO_INT (data),
                           "model", f->store, NULL);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_object (&f->paced);
  g_clear_object (&f->store);
}

/* The item the paced list shows at @i: its own, or its slot's (NULL: waiting). */
static GObject *
shown_item (Fixture *f,
            Mirror  *mirror,
            guint    i)
{
  GObject *listed = g_ptr_array_index (mirror->items, i);

  return SSA_IS_SLOT (listed) ? ssa_slot_get_item (SSA_SLOT (listed)) : listed;
}

/* What is listed is the model's first items, in order; a list still pacing may list fewer,
 * show some slots empty (waiting) or list empty leftovers past the model's end. */
static void
assert_listed (Fixture  *f,
               Mirror   *mirror,
               gboolean  settled)
{
  guint n_model = g_list_model_get_n_items (G_LIST_MODEL (f->store));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->paced));

  g_assert_cmpuint (mirror->items->len, ==, n);
  if (settled)
    {
      g_assert_false (ssa_paced_list_is_growing (f->paced));
      g_assert_cmpuint (n, ==, n_model);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) again = g_list_model_get_item (G_LIST_MODEL (f->paced), i);
      GObject *item = shown_item (f, mirror, i);

      g_assert_true (again == g_ptr_array_index (mirror->items, i));
      if (i >= n_model)
        {
          g_assert_false (settled);
          g_assert_null (item);
        }
      else if (item != NULL || settled)
        {
          g_autoptr(GObject) expected = g_list_model_get_item (G_LIST_MODEL (f->store), i);

          g_assert_true (item == expected);
        }
    }
}

/* Without a widget everything is listed at once, whatever the changes. */
static void
test_random (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(Mirror) mirror = mirror_new (G_LIST_MODEL (f->paced));

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->paced)) ==
                 (GPOINTER_TO_INT (data) ? SSA_TYPE_SLOT : GTK_TYPE_STRING_OBJECT));
  for (guint round = 0; round < 300; round++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
      guint position = n > 0 ? g_test_rand_int_range (0, n + 1) : 0;
      guint removed = g_test_rand_int_range (0, n - position + 1);
      guint added = g_test_rand_bit () ? g_test_rand_int_range (0, 8)
                                       : g_test_rand_int_range (0, 400);

      store_splice (f, position, removed, added);
      assert_listed (f, mirror, TRUE);
    }
}

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

  gtk_label_set_text (label, item != NULL ? gtk_string_object_get_string (GTK_STRING_OBJECT (item))
                                          : "");
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
         Fixture                  *f)
{
  GObject *listed = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);

  if (!SSA_IS_SLOT (listed))
    {
      gtk_label_set_text (GTK_LABEL (label),
                          gtk_string_object_get_string (GTK_STRING_OBJECT (listed)));
      return;
    }
  row_item_cb (SSA_SLOT (listed), NULL, GTK_LABEL (label));
  g_signal_connect_object (listed, "notify::item", G_CALLBACK (row_item_cb), label, 0);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           Fixture                  *f)
{
  GObject *listed = gtk_list_item_get_item (item);

  if (SSA_IS_SLOT (listed))
    g_signal_handlers_disconnect_by_func (listed, row_item_cb, gtk_list_item_get_child (item));
}

static gboolean
settled (gpointer data)
{
  Fixture *f = data;

  return !ssa_paced_list_is_growing (f->paced) &&
         g_list_model_get_n_items (G_LIST_MODEL (f->paced)) ==
         g_list_model_get_n_items (G_LIST_MODEL (f->store));
}

/* Under a list view: a long list comes a step a frame, a recycling list keeps its rows
 * when its items are replaced, a list that shrinks a lot sheds its rows a step a frame, and
 * a settled list has nothing left ticking. */

/* The paced list under a list view in a window, and the rows the view made. */
typedef struct
{
  Mirror    *mirror;
  Rows       rows;
  GtkWidget *window;
  GtkWidget *list_view;
  guint      setups;   /* the rows made for the first 2 000 lines */
} Shown;

static void
show_list_view (Fixture *f,
                Shown   *shown)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list_view;

  shown->mirror = mirror_new (G_LIST_MODEL (f->paced));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), &shown->rows);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), f);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), f);
  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (f->paced)))),
                                 g_object_ref (factory));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_view);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 300, 600);
  ssa_paced_list_set_widget (f->paced, list_view);
  g_assert_true (ssa_paced_list_get_widget (f->paced) == list_view);
  gtk_window_present (GTK_WINDOW (window));
  spin (200);
  shown->window = window;
  shown->list_view = list_view;
}

/* 2 000 lines come a step at a time: the first ones at once, the rest in frames. */
static void
fill_2000 (Fixture *f,
           Shown   *shown)
{
  Mirror *mirror = shown->mirror;
  guint setups;
  guint n;

  store_splice (f, 0, 0, 2000);
  n = g_list_model_get_n_items (G_LIST_MODEL (f->paced));
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, 100);
  g_assert_true (ssa_paced_list_is_growing (f->paced));
  assert_listed (f, mirror, FALSE);
  g_assert_true (wait_for (settled, f));
  assert_listed (f, mirror, TRUE);
  spin (100);
  setups = shown->rows.setups;
  g_assert_cmpuint (setups, >, 10);
  /* No more rows than the list view keeps around what it shows. */
  g_assert_cmpuint (setups, <=, 256);
  shown->setups = setups;
}

/* Down to 10: leftovers for a few frames, then 10. */
static void
shrink_to_10 (Fixture *f,
              Shown   *shown)
{
  Mirror *mirror = shown->mirror;

  store_splice (f, 0, 2000, 10);
  assert_listed (f, mirror, FALSE);
  g_assert_true (wait_for (settled, f));
  assert_listed (f, mirror, TRUE);
}

/* The window goes: the list forgets its widget, and lists what it did. */
static void
close_list_view (Fixture *f,
                 Shown   *shown)
{
  Mirror *mirror = shown->mirror;
  GtkWidget *window = shown->window;

  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  g_assert_null (ssa_paced_list_get_widget (f->paced));
  assert_listed (f, mirror, TRUE);
  mirror_free (shown->mirror);
}

static void
test_list_view (Fixture       *f,
                gconstpointer  data)
{
  Shown shown = { 0 };

  show_list_view (f, &shown);
  fill_2000 (f, &shown);
  close_list_view (f, &shown);
}

/* Every line replaced by another. */
static void
test_list_view_replaced (Fixture       *f,
                         gconstpointer  data)
{
  gboolean recycle = GPOINTER_TO_INT (data);
  Shown shown = { 0 };
  Mirror *mirror;
  GtkWidget *list_view;
  guint setups;

  show_list_view (f, &shown);
  fill_2000 (f, &shown);
  mirror = shown.mirror;
  list_view = shown.list_view;
  setups = shown.setups;
  store_splice (f, 0, 2000, 2000);
  assert_listed (f, mirror, FALSE);
  g_assert_true (wait_for (settled, f));
  spin (100);
  assert_listed (f, mirror, TRUE);
  if (recycle)
    {
      /* The rows stay, and show the new lines. */
      g_assert_cmpuint (shown.rows.setups, ==, setups);
      for (GtkWidget *row = gtk_widget_get_first_child (list_view); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          GtkWidget *label = gtk_widget_get_first_child (row);

          if (GTK_IS_LABEL (label) && gtk_widget_get_mapped (label))
            g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), !=, "");
        }
    }
  close_list_view (f, &shown);
}

static void
test_list_view_shrunk (Fixture       *f,
                       gconstpointer  data)
{
  Shown shown = { 0 };

  show_list_view (f, &shown);
  fill_2000 (f, &shown);
  shrink_to_10 (f, &shown);
  close_list_view (f, &shown);
}

/* Changes while it paces: what is listed still matches. */
static void
test_list_view_changes (Fixture       *f,
                        gconstpointer  data)
{
  gboolean recycle = GPOINTER_TO_INT (data);
  Shown shown = { 0 };
  Mirror *mirror;

  show_list_view (f, &shown);
  fill_2000 (f, &shown);
  shrink_to_10 (f, &shown);
  mirror = shown.mirror;
  store_splice (f, 0, 10, 3000);
  store_splice (f, 2, 1, 1);
  store_splice (f, 0, 3000, 5);
  assert_listed (f, mirror, FALSE);
  store_splice (f, 0, 5, 1500);
  store_splice (f, 40, 1000, 0);
  store_splice (f, 0, 0, 20);
  assert_listed (f, mirror, FALSE);
  g_assert_true (wait_for (settled, f));
  assert_listed (f, mirror, TRUE);

  /* Shown again (the price list changed): every row, the same lines. */
  if (recycle)
    {
      ssa_paced_list_refresh (f->paced);
      assert_listed (f, mirror, TRUE);
    }
  close_list_view (f, &shown);
}

/* Settled, nothing ticks: the frame clock stops (after the scroll bars have faded). */
static void
test_list_view_idle (Fixture       *f,
                     gconstpointer  data)
{
  Shown shown = { 0 };
  GtkWidget *list_view;

  show_list_view (f, &shown);
  fill_2000 (f, &shown);
  list_view = shown.list_view;
  spin (1500);
  {
    GdkFrameClock *clock = gtk_widget_get_frame_clock (list_view);
    gint64 deadline = g_get_monotonic_time () + TEST_WAIT_SECONDS * G_USEC_PER_SEC;
    gint64 frame;

    /* On a loaded machine (the sanitizers' run) the list may still be settling after 1.5 s:
     * the clock must come to rest, 300 ms without a frame, within the tests' deadline. */
    do
      {
        frame = gdk_frame_clock_get_frame_counter (clock);
        spin (300);
      }
    while (gdk_frame_clock_get_frame_counter (clock) != frame &&
           g_get_monotonic_time () < deadline);
    g_assert_cmpint (gdk_frame_clock_get_frame_counter (clock), ==, frame);
  }
  close_list_view (f, &shown);
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

  g_test_add ("/paced-list/random", Fixture, GINT_TO_POINTER (FALSE), set_up, test_random,
              tear_down);
  g_test_add ("/paced-list/recycling/random", Fixture, GINT_TO_POINTER (TRUE), set_up,
              test_random, tear_down);
  for (int recycle = FALSE; recycle <= TRUE; recycle++)
    {
      static const struct
      {
        const char       *name;
        GTestFixtureFunc  func;
      } cases[] = {
        { "grow", (GTestFixtureFunc) test_list_view },
        { "replaced", (GTestFixtureFunc) test_list_view_replaced },
        { "shrunk", (GTestFixtureFunc) test_list_view_shrunk },
        { "changes", (GTestFixtureFunc) test_list_view_changes },
        { "idle", (GTestFixtureFunc) test_list_view_idle },
      };

      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autofree char *path = g_strdup_printf ("/paced-list/%slist-view/%s",
                                                   recycle ? "recycling/" : "",
                                                   cases[i].name);

          g_test_add_vtable (path, sizeof (Fixture), GINT_TO_POINTER (recycle),
                             (GTestFixtureFunc) set_up, cases[i].func,
                             (GTestFixtureFunc) tear_down);
        }
    }

  return g_test_run ();
}
