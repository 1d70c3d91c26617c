/* test-screenshot.h: a widget drawn by its own renderer into a PNG, for the GUI tests
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "test-main-loop.h"

static inline void
test_after_paint_cb (GdkFrameClock *clock,
                     gboolean      *painted)
{
  *painted = TRUE;
}

static inline gboolean
test_is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* Whether @data, a widget, is mapped with a size: what a snapshot needs. */
static inline gboolean
test_is_drawable (gpointer data)
{
  GtkWidget *widget = data;

  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0;
}

/* Runs the main loop until @widget's frame clock has painted a frame. */
static inline void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (test_after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  g_assert_true (wait_for (test_is_true, &painted));
  g_signal_handler_disconnect (clock, handler);
}

/* Draws @widget with its own renderer into screenshots/NAME.png in the build folder
 * (G_TEST_BUILDDIR). Drawn right after a frame was painted: every widget then has its
 * allocation. A slow run (sanitizers on a loaded machine) may not have mapped a popover or
 * dialog yet, or still be laying out after a resize: it waits for the widget to be mapped,
 * then for the next frame. */
static inline void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer;

  g_assert_true (wait_for (test_is_drawable, widget));
  spin (300);
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      wait_for_frame (widget);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  dir = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL ? g_getenv ("G_TEST_BUILDDIR")
                                                               : ".",
                          "screenshots", NULL);
  g_mkdir_with_parents (dir, 0755);
  file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
  g_test_message ("screenshot %s", file);
}
