/* ssa-sidebar-row.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ssa-sidebar-row.h"

/* A sidebar row's text: a title over a smaller, dimmed detail line, each ellipsized on its
 * own. It is one widget that draws both lines, and its size comes from the font alone, as
 * a GtkInscription's does: a row given another customer by a search is drawn again, not
 * measured again. The list view keeps some 200 of these, and a search that shrinks or
 * grows the list builds or drops many at once, so a row is kept to one widget (two
 * GtkInscriptions in a box made three, and a keystroke's work a third more). For the same
 * reason it has no template: there are no children for one to hold, and building one for
 * every row would cost more than the row.
 *
 * Its accessible label is both lines. */

#define DETAIL_SCALE PANGO_SCALE_SMALL
#define DETAIL_ALPHA (0.60 * 65535)
#define MIN_CHARS    12
#define NAT_CHARS    28

struct _SsaSidebarRow
{
  GtkWidget    parent_instance;

  char        *title;
  char        *detail;
  gboolean     bold;
  PangoLayout *title_layout;   /* NULL until drawn, and when the text or font changes */
  PangoLayout *detail_layout;
  PangoFontDescription *font; /* the font measured, or NULL */
  int          char_width;     /* in Pango units */
  int          title_height;   /* in pixels */
  int          detail_height;
};

G_DEFINE_FINAL_TYPE (SsaSidebarRow, ssa_sidebar_row, GTK_TYPE_WIDGET)

static PangoAttrList *
title_attributes (gboolean bold)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  if (bold)
    pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  return attributes;
}

static PangoAttrList *
detail_attributes (void)
{
  PangoAttrList *attributes = pango_attr_list_new ();

  pango_attr_list_insert (attributes, pango_attr_scale_new (DETAIL_SCALE));
  pango_attr_list_insert (attributes, pango_attr_foreground_alpha_new ((guint16) DETAIL_ALPHA));
  return attributes;
}

static PangoLayout *
make_layout (SsaSidebarRow *self,
             const char    *text,
             PangoAttrList *attributes)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_attributes (layout, attributes);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_attr_list_unref (attributes);
  return layout;
}

static void
drop_layouts (SsaSidebarRow *self)
{
  g_clear_object (&self->title_layout);
  g_clear_object (&self->detail_layout);
}

static int
font_height (PangoFontMetrics *metrics)
{
  int height = pango_font_metrics_get_height (metrics);

  if (height == 0)
    height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  return PANGO_PIXELS_CEIL (height);
}

/* The sizes of the last font measured, which all rows share: pango_context_get_metrics()
 * shapes a sample text for the approximate character width each time it is called, and
 * asking it twice for every row built made the first frames with rows (a step of rows
 * each frame, ssa-recycling-selection.c) several ms longer. Rows are widgets: this is the
 * main thread's. */
static struct
{
  PangoFontDescription *font;
  PangoFontMap         *font_map;  /* not a reference: compared only */
  double                resolution;
  int                   char_width;
  int                   title_height;
  int                   detail_height;
} shared_metrics;

/* The font's sizes, once for each font the row is given. */
static void
ensure_metrics (SsaSidebarRow *self)
{
  PangoContext *context;
  const PangoFontDescription *context_font;
  PangoFontDescription *font;
  PangoFontMetrics *metrics;
  double resolution;

  if (self->font != NULL)
    return;

  context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  context_font = pango_context_get_font_description (context);
  resolution = pango_cairo_context_get_resolution (context);
  self->font = pango_font_description_copy (context_font);
  if (shared_metrics.font != NULL &&
      shared_metrics.font_map == pango_context_get_font_map (context) &&
      shared_metrics.resolution == resolution &&
      pango_font_description_equal (shared_metrics.font, context_font))
    {
      self->char_width = shared_metrics.char_width;
      self->title_height = shared_metrics.title_height;
      self->detail_height = shared_metrics.detail_height;
      return;
    }

  metrics = pango_context_get_metrics (context, NULL, NULL);
  self->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                          pango_font_metrics_get_approximate_digit_width (metrics));
  self->char_width = MAX (self->char_width, 1);
  self->title_height = font_height (metrics);
  pango_font_metrics_unref (metrics);

  font = pango_font_description_copy (context_font);
  pango_font_description_set_size (font, (int) (pango_font_description_get_size (font) *
                                                DETAIL_SCALE));
  metrics = pango_context_get_metrics (context, font, NULL);
  self->detail_height = font_height (metrics);
  pango_font_metrics_unref (metrics);
  pango_font_description_free (font);

  g_clear_pointer (&shared_metrics.font, pango_font_description_free);
  shared_metrics.font = pango_font_description_copy (context_font);
  shared_metrics.font_map = pango_context_get_font_map (context);
  shared_metrics.resolution = resolution;
  shared_metrics.char_width = self->char_width;
  shared_metrics.title_height = self->title_height;
  shared_metrics.detail_height = self->detail_height;
}

static void
ssa_sidebar_row_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  SsaSidebarRow *self = SSA_SIDEBAR_ROW (widget);

  /* From the font only, never from the text. */
  ensure_metrics (self);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = PANGO_PIXELS_CEIL (MIN_CHARS * self->char_width);
      *natural = PANGO_PIXELS_CEIL (NAT_CHARS * self->char_width);
    }
  else
    *minimum = *natural = self->title_height + self->detail_height;
}

static void
ssa_sidebar_row_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  SsaSidebarRow *self = SSA_SIDEBAR_ROW (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);

  ensure_metrics (self);
  if (self->title_layout == NULL)
    {
      self->title_layout = make_layout (self, self->title, title_attributes (self->bold));
      self->detail_layout = make_layout (self, self->detail, detail_attributes ());
    }
  pango_layout_set_width (self->title_layout, width * PANGO_SCALE);
  pango_layout_set_width (self->detail_layout, width * PANGO_SCALE);

  gtk_snapshot_render_layout (snapshot, style, 0, 0, self->title_layout);
  gtk_snapshot_render_layout (snapshot, style, 0, self->title_height, self->detail_layout);
}

static void
ssa_sidebar_row_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  SsaSidebarRow *self = SSA_SIDEBAR_ROW (widget);
  PangoContext *context;

  GTK_WIDGET_CLASS (ssa_sidebar_row_parent_class)->css_changed (widget, change);

  context = gtk_widget_get_pango_context (widget);
  /* A new font: the lines are laid out again, and the row measured again. Other changes
   * (hover, selection) only draw it again, in their colour. */
  if (self->font != NULL &&
      !pango_font_description_equal (self->font, pango_context_get_font_description (context)))
    {
      drop_layouts (self);
      g_clear_pointer (&self->font, pango_font_description_free);
      gtk_widget_queue_resize (widget);
    }
}

static void
ssa_sidebar_row_direction_changed (GtkWidget        *widget,
                                   GtkTextDirection  previous)
{
  GTK_WIDGET_CLASS (ssa_sidebar_row_parent_class)->direction_changed (widget, previous);

  drop_layouts (SSA_SIDEBAR_ROW (widget));
  gtk_widget_queue_draw (widget);
}

static void
ssa_sidebar_row_finalize (GObject *object)
{
  SsaSidebarRow *self = (SsaSidebarRow *)object;

  drop_layouts (self);
  g_clear_pointer (&self->font, pango_font_description_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, g_free);

  G_OBJECT_CLASS (ssa_sidebar_row_parent_class)->finalize (object);
}

static void
ssa_sidebar_row_class_init (SsaSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ssa_sidebar_row_finalize;

  widget_class->measure = ssa_sidebar_row_measure;
  widget_class->snapshot = ssa_sidebar_row_snapshot;
  widget_class->css_changed = ssa_sidebar_row_css_changed;
  widget_class->direction_changed = ssa_sidebar_row_direction_changed;

  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
ssa_sidebar_row_init (SsaSidebarRow *self)
{
  self->title = g_strdup ("");
  self->detail = g_strdup ("");
}

GtkWidget *
ssa_sidebar_row_new (void)
{
  return g_object_new (SSA_TYPE_SIDEBAR_ROW, NULL);
}

const char *
ssa_sidebar_row_get_title (SsaSidebarRow *self)
{
  g_return_val_if_fail (SSA_IS_SIDEBAR_ROW (self), NULL);

  return self->title;
}

const char *
ssa_sidebar_row_get_detail (SsaSidebarRow *self)
{
  g_return_val_if_fail (SSA_IS_SIDEBAR_ROW (self), NULL);

  return self->detail;
}

/**
 * ssa_sidebar_row_set:
 * @self: a row
 * @title: the first line
 * @detail: the second, smaller and dimmed
 * @bold: whether the first line is bold (a customer's)
 *
 * Shows other text. The row is drawn again; its size stays.
 */
void
ssa_sidebar_row_set (SsaSidebarRow *self,
                     const char    *title,
                     const char    *detail,
                     gboolean       bold)
{
  g_autofree char *label = NULL;

  g_return_if_fail (SSA_IS_SIDEBAR_ROW (self));

  title = title != NULL ? title : "";
  detail = detail != NULL ? detail : "";
  if (g_str_equal (self->title, title) && g_str_equal (self->detail, detail) &&
      self->bold == !!bold)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->detail);
  self->detail = g_strdup (detail);
  self->bold = !!bold;
  drop_layouts (self);

  label = g_strconcat (title, ", ", detail, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
