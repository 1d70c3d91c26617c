/* test-offer-lines.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <adwaita.h>

#include "ssa-installation.h"
#include "ssa-licence.h"
#include "ssa-offer-builder.h"
#include "ssa-offer-row.h"
#include "ssa-samples.h"
#include "test-main-loop.h"

/* The offer builder's lines, with the sample price list and an installation of 2 000
 * licence lines made from a sample: a change to one line updates that line's row only (no
 * row is added or removed, one row notifies its texts), a keystroke in a term that changes
 * no line touches no row, and the list view shows a few rows, not 2 000. */

typedef struct
{
  guint items_changed;
  guint rows_notified;
} Counts;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Counts     *counts)
{
  counts->items_changed++;
}

static void
row_notify_cb (SsaOfferRow *row,
               GParamSpec  *pspec,
               Counts      *counts)
{
  if (g_strcmp0 (pspec->name, "title") == 0)
    counts->rows_notified++;
}

static GtkWidget *
find_widget (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_entry_row (GtkWidget  *widget,
                const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_entry_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_rows (GtkWidget *list_view)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list_view); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += GTK_IS_WIDGET (row) && gtk_widget_get_first_child (row) != NULL;
  return n;
}

/* A sample whose lines all make offer lines, copied until it has 2 000. */
static SsaInstallation *
big_installation (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = ssa_samples_list_installations ();
  g_autoptr(SsaInventory) sample = NULL;
  g_autoptr(SsaInventory) inventory = ssa_inventory_new ();

  for (guint i = 0; names[i] != NULL && sample == NULL; i++)
    {
      g_autoptr(SsaInventory) candidate = ssa_samples_load_installation (names[i], &error);

      g_assert_no_error (error);
      if (candidate->lines->len > 0 && candidate->deployment == SSA_DEPLOYMENT_APPLIANCE)
        sample = g_steal_pointer (&candidate);
    }
  g_assert_nonnull (sample);
  inventory->name = g_strdup ("Big");
  inventory->customer.name = g_strdup (sample->customer.name);
  inventory->customer.org_no = g_strdup (sample->customer.org_no);
  inventory->serial = g_strdup (sample->serial);
  inventory->deployment = sample->deployment;
  inventory->firmware = g_strdup (sample->firmware);
  inventory->ssa_expiry = sample->ssa_expiry;
  for (guint i = 0; i < 2000; i++)
    ssa_inventory_add_line (inventory, &g_array_index (sample->lines, SsaInventoryLine,
                                                       i % sample->lines->len));
  return ssa_installation_new_from_inventory (inventory);
}

/* An offer builder for @installation, shown in @out_window, once its lines are in. */
static GtkWidget *
show_builder (SsaInstallation  *installation,
              GtkWidget       **out_window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) price_list = ssa_samples_load_price_list (&error);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *builder = ssa_offer_builder_new ();
  GListModel *lines;
  guint n_lines;

  g_assert_no_error (error);
  gtk_window_set_child (GTK_WINDOW (window), builder);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 900);
  gtk_window_present (GTK_WINDOW (window));
  ssa_offer_builder_set_price_list (SSA_OFFER_BUILDER (builder), price_list);
  ssa_offer_builder_set_installation (SSA_OFFER_BUILDER (builder), installation);
  g_assert_nonnull (ssa_offer_builder_get_offer (SSA_OFFER_BUILDER (builder)));
  lines = ssa_offer_builder_get_lines (SSA_OFFER_BUILDER (builder));
  n_lines = g_list_model_get_n_items (lines);
  g_assert_cmpuint (n_lines, >=, 2000);
  spin (1500);
  *out_window = window;
  return builder;
}

static void
connect_counts (GListModel *lines,
                Counts     *counts)
{
  g_signal_connect (lines, "items-changed", G_CALLBACK (items_changed_cb), counts);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(SsaOfferRow) row = g_list_model_get_item (lines, i);

      g_signal_connect (row, "notify", G_CALLBACK (row_notify_cb), counts);
    }
}

static void
disconnect_counts (GListModel *lines,
                   Counts     *counts)
{
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr(SsaOfferRow) row = g_list_model_get_item (lines, i);

      g_signal_handlers_disconnect_by_func (row, row_notify_cb, counts);
    }
  g_signal_handlers_disconnect_by_func (lines, items_changed_cb, counts);
}

/* Rows for what is on screen and around it, not for every line. */
static void
test_few_rows (void)
{
  g_autoptr(SsaInstallation) installation = big_installation ();
  GtkWidget *window;
  GtkWidget *builder = show_builder (installation, &window);
  GtkWidget *list_view;

  list_view = find_widget (builder, GTK_TYPE_LIST_VIEW);
  g_assert_nonnull (list_view);
  g_assert_cmpuint (count_rows (list_view), >, 0);
  g_assert_cmpuint (count_rows (list_view), <=, 256);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* One quantity: one row. */
static void
test_one_row (void)
{
  g_autoptr(SsaInstallation) installation = big_installation ();
  GtkWidget *window;
  GtkWidget *builder = show_builder (installation, &window);
  GListModel *lines = ssa_offer_builder_get_lines (SSA_OFFER_BUILDER (builder));
  g_autoptr(SsaLicence) changed = NULL;
  Counts counts = { 0, 0 };
  g_autofree char *title_before = NULL;

  connect_counts (lines, &counts);
  changed = g_list_model_get_item (ssa_installation_get_licences (installation), 7);
  {
    g_autoptr(SsaOfferRow) row = g_list_model_get_item (lines, 7);

    title_before = g_strdup (ssa_offer_row_get_title (row));
  }
  ssa_licence_set_quantity (changed, ssa_licence_get_quantity (changed) + 1);
  g_assert_cmpuint (counts.items_changed, ==, 0);
  g_assert_cmpuint (counts.rows_notified, ==, 1);
  {
    g_autoptr(SsaOfferRow) row = g_list_model_get_item (lines, 7);

    g_assert_cmpstr (ssa_offer_row_get_title (row), !=, title_before);
  }
  disconnect_counts (lines, &counts);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

/* A keystroke in the discount changes the totals, not a line. */
static void
test_keystroke (void)
{
  g_autoptr(SsaInstallation) installation = big_installation ();
  GtkWidget *window;
  GtkWidget *builder = show_builder (installation, &window);
  GListModel *lines = ssa_offer_builder_get_lines (SSA_OFFER_BUILDER (builder));
  GtkWidget *discount;
  Counts counts = { 0, 0 };
  int cursor = 0;

  connect_counts (lines, &counts);
  discount = find_entry_row (builder, "Discount (%)");
  g_assert_nonnull (discount);
  gtk_editable_insert_text (GTK_EDITABLE (discount), "5", 1, &cursor);
  g_assert_cmpuint (counts.items_changed, ==, 0);
  g_assert_cmpuint (counts.rows_notified, ==, 0);
  disconnect_counts (lines, &counts);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping\n");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/offer-lines/few-rows", test_few_rows);
  g_test_add_func ("/offer-lines/one-row", test_one_row);
  g_test_add_func ("/offer-lines/keystroke", test_keystroke);

  return g_test_run ();
}
