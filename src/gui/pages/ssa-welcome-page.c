/* ssa-welcome-page.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "ssa-gui-util.h"
#include "ssa-welcome-page.h"

/* The first run: a database without installations. Its buttons are the window's actions
 * ("win.load-samples", "win.import-installation", "win.new-customer"). Built only when it
 * is shown, so that it costs the usual start-up nothing. */

struct _SsaWelcomePage
{
  AdwBin         parent_instance;

  GtkMenuButton *menu_button;
};

G_DEFINE_FINAL_TYPE (SsaWelcomePage, ssa_welcome_page, ADW_TYPE_BIN)

static void
ssa_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SSA_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (ssa_welcome_page_parent_class)->dispose (object);
}

static void
ssa_welcome_page_class_init (SsaWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_welcome_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaWelcomePage, menu_button);
}

static void
ssa_welcome_page_init (SsaWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ssa_gui_fix_mnemonic_names (GTK_WIDGET (self));
}

/**
 * ssa_welcome_page_new:
 * @menu: (nullable): the primary menu
 *
 * Returns: (transfer floating): the page
 */
GtkWidget *
ssa_welcome_page_new (GMenuModel *menu)
{
  SsaWelcomePage *self = g_object_new (SSA_TYPE_WELCOME_PAGE, NULL);

  gtk_menu_button_set_menu_model (self->menu_button, menu);
  return GTK_WIDGET (self);
}
