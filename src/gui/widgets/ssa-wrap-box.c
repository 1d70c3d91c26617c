/* ssa-wrap-box.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ssa-wrap-box.h"

/* A row of widgets that wraps onto more lines when it is narrower than they are, as a
 * toolbar above a table must in a 360 px window. Each child gets its natural width (no
 * more than a line), children that expand share what is left of their line, and the box
 * is as narrow as its widest child. GTK 4.8 has no such box (AdwWrapBox came with
 * libadwaita 1.7); GtkFlowBox wraps, but is a grid of cells with keyboard navigation of its
 * own, in which Tab stops at a cell instead of reaching the buttons in it.
 *
 * Children are added in a template with <child>, as to any widget; focus goes through them
 * in their order. */

struct _SsaWrapBox
{
  GtkWidget parent_instance;

  int       spacing;
  int       row_spacing;
};

G_DEFINE_FINAL_TYPE (SsaWrapBox, ssa_wrap_box, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SPACING,
  PROP_ROW_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The width @child takes on a line @width wide. */
static int
child_width (GtkWidget *child,
             int        width)
{
  int minimum;
  int natural;

  gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, &natural, NULL, NULL);
  return MAX (minimum, MIN (natural, width));
}

/* Lays the children out in lines @width wide: when @allocate, allocates them; returns the
 * height the lines take. */
static int
layout (SsaWrapBox *self,
        int         width,
        gboolean    allocate)
{
  GtkWidget *first = gtk_widget_get_first_child (GTK_WIDGET (self));
  int y = 0;

  while (first != NULL)
    {
      GtkWidget *end = first;
      GtkWidget *child;
      int used = 0;
      int height = 0;
      int n_expand = 0;
      int extra;
      int x = 0;

      /* The line: as many children as fit, and at least one. */
      for (; end != NULL; end = gtk_widget_get_next_sibling (end))
        {
          int w;

          if (!gtk_widget_should_layout (end))
            continue;
          w = child_width (end, width);
          if (used > 0 && used + self->spacing + w > width)
            break;
          used += (used > 0 ? self->spacing : 0) + w;
          n_expand += gtk_widget_compute_expand (end, GTK_ORIENTATION_HORIZONTAL);
        }

      for (child = first; child != end; child = gtk_widget_get_next_sibling (child))
        {
          int h;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width (child, width),
                              NULL, &h, NULL, NULL);
          height = MAX (height, h);
        }

      extra = MAX (width - used, 0);
      for (child = first; allocate && child != end; child = gtk_widget_get_next_sibling (child))
        {
          int w;

          if (!gtk_widget_should_layout (child))
            continue;
          w = child_width (child, width);
          if (n_expand > 0 && gtk_widget_compute_expand (child, GTK_ORIENTATION_HORIZONTAL))
            {
              int share = extra / n_expand;

              w += share;
              extra -= share;
              n_expand--;
            }
          if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
            gtk_widget_size_allocate (child, &(GtkAllocation) { width - x - w, y, w, height }, -1);
          else
            gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, w, height }, -1);
          x += w + self->spacing;
        }

      if (height > 0)
        y += (y > 0 ? self->row_spacing : 0) + height;
      first = end;
    }
  return y;
}

static GtkSizeRequestMode
ssa_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
ssa_wrap_box_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  SsaWrapBox *self = SSA_WRAP_BOX (widget);
  int min_width = 0;
  int nat_width = 0;
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min;
      int child_nat;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_min, &child_nat,
                          NULL, NULL);
      min_width = MAX (min_width, child_min);
      nat_width += child_nat + (n++ > 0 ? self->spacing : 0);
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = min_width;
      *natural = MAX (min_width, nat_width);
    }
  else
    {
      /* Without a width: the height on the widest line, and on the narrowest. */
      *minimum = layout (self, for_size >= 0 ? for_size : MAX (min_width, nat_width), FALSE);
      *natural = for_size >= 0 ? *minimum : layout (self, min_width, FALSE);
      *natural = MAX (*natural, *minimum);
    }
}

static void
ssa_wrap_box_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  layout (SSA_WRAP_BOX (widget), width, TRUE);
}

static void
ssa_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ssa_wrap_box_parent_class)->dispose (object);
}

static void
ssa_wrap_box_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  SsaWrapBox *self = SSA_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_ROW_SPACING:
      g_value_set_int (value, self->row_spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_wrap_box_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  SsaWrapBox *self = SSA_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      ssa_wrap_box_set_spacing (self, g_value_get_int (value));
      break;
    case PROP_ROW_SPACING:
      ssa_wrap_box_set_row_spacing (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_wrap_box_class_init (SsaWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_wrap_box_dispose;
  object_class->get_property = ssa_wrap_box_get_property;
  object_class->set_property = ssa_wrap_box_set_property;

  widget_class->get_request_mode = ssa_wrap_box_get_request_mode;
  widget_class->measure = ssa_wrap_box_measure;
  widget_class->size_allocate = ssa_wrap_box_size_allocate;

  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROW_SPACING] =
    g_param_spec_int ("row-spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wrapbox");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ssa_wrap_box_init (SsaWrapBox *self)
{
}

GtkWidget *
ssa_wrap_box_new (void)
{
  return g_object_new (SSA_TYPE_WRAP_BOX, NULL);
}

int
ssa_wrap_box_get_spacing (SsaWrapBox *self)
{
  g_return_val_if_fail (SSA_IS_WRAP_BOX (self), 0);

  return self->spacing;
}

/* The space between two children on a line. */
void
ssa_wrap_box_set_spacing (SsaWrapBox *self,
                          int         spacing)
{
  g_return_if_fail (SSA_IS_WRAP_BOX (self));
  g_return_if_fail (spacing >= 0);

  if (self->spacing == spacing)
    return;
  self->spacing = spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPACING]);
}

int
ssa_wrap_box_get_row_spacing (SsaWrapBox *self)
{
  g_return_val_if_fail (SSA_IS_WRAP_BOX (self), 0);

  return self->row_spacing;
}

/* The space between two lines. */
void
ssa_wrap_box_set_row_spacing (SsaWrapBox *self,
                              int         row_spacing)
{
  g_return_if_fail (SSA_IS_WRAP_BOX (self));
  g_return_if_fail (row_spacing >= 0);

  if (self->row_spacing == row_spacing)
    return;
  self->row_spacing = row_spacing;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW_SPACING]);
}
