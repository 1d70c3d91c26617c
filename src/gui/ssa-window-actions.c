/* ssa-window-actions.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-customer-editor.h"
#include "ssa-db.h"
#include "ssa-db-job.h"
#include "ssa-db-offers.h"
#include "ssa-db-inventory.h"
#include "ssa-gui-util.h"
#include "ssa-installation-editor.h"
#include "ssa-offer-builder.h"
#include "ssa-page-common.h"
#include "ssa-preferences.h"
#include "ssa-window-private.h"

/* SsaWindow's actions (win.*), their handlers and their shortcuts: customers and
 * installations (new, edit, delete), opening what the pages link to, the views, search,
 * the offer's shortcuts, the preferences, and Undo and Redo. The actions of importing,
 * loading and restoring have their handlers in the files of those subjects; the table
 * of all of them is _ssa_window_class_actions_init () at the end. */

static void ask_response_cb (SsaWindow        *self,
                             const char       *response,
                             AdwMessageDialog *dialog);

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_or_redo (SSA_WINDOW (widget), TRUE, 0);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  undo_or_redo (SSA_WINDOW (widget), FALSE, 0);
}

/* A deletion toast's Undo: that deletion, wherever it is in the history. */
static void
undo_item_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  guint serial = g_variant_get_uint32 (parameter);

  if (serial != 0)
    undo_or_redo (SSA_WINDOW (widget), TRUE, serial);
}

/* Customers and installations. */

static void
customer_saved_cb (SsaWindow         *self,
                   SsaCustomer       *customer,
                   SsaCustomerEditor *editor)
{
  /* The editor stored it (a new one added); its name may sort it elsewhere. */
  update_main_page (self);
  ssa_sidebar_resort (self->sidebar);
  ssa_sidebar_select (self->sidebar, G_OBJECT (customer));
}

static void
new_customer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  SsaCustomerEditor *editor = ssa_customer_editor_new (GTK_WINDOW (self), self->repository,
                                                        NULL);

  g_signal_connect_object (editor, "saved", G_CALLBACK (customer_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  SsaCustomerEditor *editor;

  if (self->shown_customer == NULL)
    return;
  editor = ssa_customer_editor_new (GTK_WINDOW (self), self->repository, self->shown_customer);
  g_signal_connect_object (editor, "saved", G_CALLBACK (customer_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Asks what to do with what cannot or should not go at once: @object (the shown customer or
 * installation) with its @heading and @body; @action is "archive" (what has offers cannot
 * be deleted) or "delete" (a customer with its installations). */
static void
ask_about (SsaWindow  *self,
           GObject    *object,
           const char *heading,
           const char *body,
           const char *action)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  if (g_str_equal (action, "archive"))
    {
      adw_message_dialog_add_response (dialog, "archive", _("_Archive"));
      adw_message_dialog_set_response_appearance (dialog, "archive",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "archive");
    }
  else
    {
      adw_message_dialog_add_response (dialog, "delete", _("_Delete"));
      adw_message_dialog_set_response_appearance (dialog, "delete",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "cancel");
    }
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "ssa-object", g_object_ref (object),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (ask_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ask_response_cb (SsaWindow        *self,
                 const char       *response,
                 AdwMessageDialog *dialog)
{
  GObject *object = g_object_get_data (G_OBJECT (dialog), "ssa-object");

  if (g_str_equal (response, "archive"))
    set_archived (self, object, TRUE);
  else if (g_str_equal (response, "delete") && SSA_IS_CUSTOMER (object))
    delete_with_undo (self, undo_entry_new (self, UNDO_DELETE_CUSTOMER, object));
}

/* Counting the offers of what is to be deleted, in a worker. */
typedef void (*CountedFunc) (SsaWindow *self,
                             GObject   *object,
                             guint      n_offers);

typedef struct
{
  gint64 installation_id;
  gint64 customer_id;
} CountJob;

typedef struct
{
  SsaWindow  *self;
  GObject    *object;
  CountedFunc func;
} CountWait;

static gpointer
count_work (SsaDb         *db,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  CountJob *job = data;
  guint *n = g_new0 (guint, 1);

  if (!ssa_db_count_offers (db, job->installation_id, job->customer_id, n, error))
    {
      g_free (n);
      return NULL;
    }
  return n;
}

static void
counted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CountWait *wait = user_data;
  g_autoptr(SsaWindow) self = wait->self;
  g_autoptr(GObject) object = wait->object;
  CountedFunc func = wait->func;
  g_autoptr(GError) error = NULL;
  g_autofree guint *n = ssa_db_job_finish (result, &error);

  g_free (wait);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (n == NULL)
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  /* Gone meanwhile (deleted, or the database loaded again). */
  if (self->repository == NULL || !ssa_repository_contains (self->repository, object))
    return;
  func (self, object, *n);
}

/* Counts the offers of the installation @installation_id, or the customer @customer_id's
 * installations, in a worker, then calls @func with @object. */
static void
count_offers_async (SsaWindow  *self,
                    GObject    *object,
                    gint64      installation_id,
                    gint64      customer_id,
                    CountedFunc func)
{
  CountJob *job = g_new0 (CountJob, 1);
  CountWait *wait = g_new0 (CountWait, 1);

  job->installation_id = installation_id;
  job->customer_id = customer_id;
  wait->self = g_object_ref (self);
  wait->object = g_object_ref (object);
  wait->func = func;
  ssa_db_job_run_async (ssa_repository_get_path (self->repository), count_work, job, g_free,
                        g_free, self->cancellable, counted_cb, wait);
}

/* Deleting a customer: one whose installations have offers cannot go (offers are kept for
 * good) and is offered the archive; one with installations goes with them, after asking;
 * one without goes at once. Either deletion can be undone from its toast. */
static void
delete_customer_counted (SsaWindow *self,
                         GObject   *object,
                         guint      n_offers)
{
  GListModel *installations = ssa_repository_get_installations (self->repository);
  SsaCustomer *customer = SSA_CUSTOMER (object);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *what = NULL;
  guint n_installations = 0;
  guint n_lines = 0;

  if (n_offers > 0)
    {
      /* Translators: %s is a customer's name. */
      heading = g_strdup_printf (_("“%s” Cannot Be Deleted"), ssa_customer_get_name (customer));
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Its installations have %u offer, which is kept "
                                           "for good with the installation it was made for. "
                                           "Archive the customer instead: it leaves the list "
                                           "and the renewals, and keeps its installations "
                                           "and offers.",
                                           "Its installations have %u offers, which are kept "
                                           "for good with the installations they were made "
                                           "for. Archive the customer instead: it leaves the "
                                           "list and the renewals, and keeps its "
                                           "installations and offers.", n_offers),
                              n_offers);
      ask_about (self, G_OBJECT (customer), heading, body, "archive");
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (installations); i++)
    {
      g_autoptr(SsaInstallation) installation = g_list_model_get_item (installations, i);

      if (ssa_installation_get_customer_id (installation) != ssa_customer_get_id (customer))
        continue;
      n_installations++;
      n_lines += g_list_model_get_n_items (ssa_installation_get_licences (installation));
    }
  if (n_installations == 0)
    {
      delete_with_undo (self, undo_entry_new (self, UNDO_DELETE_CUSTOMER, customer));
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: %s is a customer's name. */
                                          "Delete “%s” and Its Installation?",
                                          "Delete “%s” and Its %u Installations?",
                                          n_installations),
                             ssa_customer_get_name (customer), n_installations);
  if (n_installations == 1)
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Its installation and its %u licence line go with it.",
                                         "Its installation and its %u licence lines go with it.",
                                         n_lines),
                            n_lines);
  else
    what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Its installations and their %u licence line go with "
                                         "it.",
                                         "Its installations and their %u licence lines go with "
                                         "it.", n_lines),
                            n_lines);
  body = g_strconcat (what, " ",
                      _("You can undo this until the message at the bottom of the window "
                        "closes."), NULL);
  ask_about (self, G_OBJECT (customer), heading, body, "delete");
}

static void
delete_customer_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);

  if (self->shown_customer == NULL)
    return;
  count_offers_async (self, G_OBJECT (self->shown_customer), 0,
                      ssa_customer_get_id (self->shown_customer), delete_customer_counted);
}

static void
installation_saved_cb (SsaWindow             *self,
                       SsaInstallation       *installation,
                       SsaInstallationEditor *editor)
{
  /* The editor stored it (a new one added). */
  update_main_page (self);
  ssa_sidebar_resort (self->sidebar);
  ssa_sidebar_select (self->sidebar, G_OBJECT (installation));
}

static void
new_installation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  SsaInstallationEditor *editor;
  gint64 customer_id = 0;

  if (self->shown_customer != NULL)
    customer_id = ssa_customer_get_id (self->shown_customer);
  else if (self->shown_installation != NULL)
    customer_id = ssa_installation_get_customer_id (self->shown_installation);

  editor = ssa_installation_editor_new (GTK_WINDOW (self), self->repository, NULL,
                                        customer_id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (installation_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_installation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  SsaInstallationEditor *editor;

  if (self->shown_installation == NULL)
    return;
  editor = ssa_installation_editor_new (GTK_WINDOW (self), self->repository,
                                        self->shown_installation, 0);
  g_signal_connect_object (editor, "saved", G_CALLBACK (installation_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Deleting an installation: one with offers cannot go (offers are kept for good) and is
 * offered the archive; one without goes at once, and can be undone from its toast. */
static void
delete_installation_counted (SsaWindow *self,
                             GObject   *object,
                             guint      n_offers)
{
  SsaInstallation *installation = SSA_INSTALLATION (object);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  const char *name;

  if (n_offers == 0)
    {
      delete_with_undo (self, undo_entry_new (self, UNDO_DELETE_INSTALLATION, installation));
      return;
    }

  name = ssa_installation_get_name (installation);
  /* Translators: %s is an installation's name. */
  heading = g_strdup_printf (_("“%s” Cannot Be Deleted"),
                             name != NULL ? name : _("Unnamed installation"));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "It has %u offer, which is kept for good with the "
                                       "installation it was made for. Archive the "
                                       "installation instead: it leaves the list and the "
                                       "renewals, and keeps its licence lines and offers.",
                                       "It has %u offers, which are kept for good with the "
                                       "installation they were made for. Archive the "
                                       "installation instead: it leaves the list and the "
                                       "renewals, and keeps its licence lines and offers.",
                                       n_offers),
                          n_offers);
  ask_about (self, G_OBJECT (installation), heading, body, "archive");
}

/* Its offers are counted in a worker first. */
static void
delete_installation_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);

  if (self->shown_installation == NULL)
    return;
  count_offers_async (self, G_OBJECT (self->shown_installation),
                      ssa_installation_get_id (self->shown_installation), 0,
                      delete_installation_counted);
}

/* Opening things for the pages. */

static gboolean
open_installation (SsaWindow *self,
                   gint64     id)
{
  SsaInstallation *installation;

  if (self->repository == NULL || !ssa_repository_get_loaded (self->repository))
    return FALSE;
  installation = ssa_repository_find_installation (self->repository, id);
  if (installation == NULL || !ssa_sidebar_select (self->sidebar, G_OBJECT (installation)))
    {
      show_toast (self, _("The installation is no longer in the database."));
      return FALSE;
    }
  adw_view_stack_set_visible_child_name (self->view_stack, "inventory");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  return TRUE;
}

static void
open_installation_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  open_installation (SSA_WINDOW (widget), g_variant_get_int64 (parameter));
}

static gpointer
load_offer_job (SsaDb         *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return ssa_db_load_offer (db, data, error);
}

static void
offer_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SsaWindow) self = user_data;
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autoptr(GError) error = NULL;
  SsaOfferRequest request;

  offer = ssa_db_job_finish (result, &error);
  if (offer == NULL)
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  if (!ssa_db_offer_get_request (offer, &request, &error))
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      return;
    }
  if (!open_installation (self, offer->installation_id))
    return;

  /* The stored terms, computed again against today's inventory and price list: saving
   * makes the offer's next revision. */
  ssa_offer_builder_set_request (get_builder (self), &request);
  ssa_offer_builder_set_revising (get_builder (self), offer->number);
  if (adw_flap_get_folded (get_flap (self)))
    adw_flap_set_reveal_flap (get_flap (self), TRUE);
}

static void
open_offer_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);

  if (self->db_path == NULL)
    return;
  ssa_db_job_run_async (self->db_path, load_offer_job,
                        g_variant_dup_string (parameter, NULL), g_free,
                        (GDestroyNotify) ssa_db_offer_free, self->cancellable,
                        offer_loaded_cb, g_object_ref (self));
}

static void
show_offer_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "offers");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  ensure_page (self, "offers");
  ssa_offers_page_select (self->offers_page, g_variant_get_string (parameter, NULL));
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  ssa_gui_open_file (widget, file);
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  show_toast (SSA_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_error_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  const char *message = NULL;
  const char *fix_action = NULL;

  g_variant_get (parameter, "(&s&s)", &message, &fix_action);
  show_message (SSA_WINDOW (widget), message, *fix_action != '\0' ? fix_action : NULL);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) == NULL)
    return;
  adw_view_stack_set_visible_child_name (self->view_stack, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_leaflet_navigate (SSA_WINDOW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  ssa_sidebar_focus_search (self->sidebar);
}

/* Ctrl+F must reach the search wherever the focus is: as a class binding it runs only
 * when the focused widget lets the key bubble up, and a selectable label or a text field
 * took it first. A controller in the capture phase sees the key before them. */
void
add_capture_shortcuts (SsaWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (controller),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                      gtk_named_action_new ("win.search")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
toggle_offer_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);

  if (self->installation_view != NULL)
    adw_flap_set_reveal_flap (get_flap (self), !adw_flap_get_reveal_flap (get_flap (self)));
}

/* Ctrl+S, Ctrl+P and Ctrl+E act on the offer wherever the focus is in the window. */
static gboolean
offer_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  SsaWindow *self = SSA_WINDOW (widget);

  if (self->shown_installation == NULL)
    return FALSE;
  return gtk_widget_activate_action (GTK_WIDGET (get_builder (self)),
                                     g_variant_get_string (args, NULL), NULL);
}

static void
dismiss_banner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  show_banner (SSA_WINDOW (widget), NULL);
}

static void
profile_changed_cb (SsaWindow      *self,
                    SsaPreferences *preferences)
{
  load_profile (self);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SsaWindow *self = SSA_WINDOW (widget);
  SsaPreferences *preferences = ssa_preferences_new (GTK_WINDOW (self), self->db_path);

  ssa_preferences_set_read_only (preferences, ssa_repository_get_read_only (self->repository));

  g_signal_connect_object (preferences, "profile-changed", G_CALLBACK (profile_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
add_offer_shortcut (GtkWidgetClass *widget_class,
                    guint           keyval,
                    const char     *action)
{
  gtk_widget_class_add_binding (widget_class, keyval, GDK_CONTROL_MASK, offer_shortcut_cb,
                                "s", action);
}

/* The window's actions and their shortcuts, for ssa_window_class_init (). */
void
_ssa_window_class_actions_init (SsaWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *views[] = { "inventory", "renewals", "offers", "price-list" };

  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-error", "(ss)", show_error_action);
  gtk_widget_class_install_action (widget_class, "win.open-installation", "x",
                                   open_installation_action);
  gtk_widget_class_install_action (widget_class, "win.open-offer", "s", open_offer_action);
  gtk_widget_class_install_action (widget_class, "win.show-offer", "s", show_offer_action);
  gtk_widget_class_install_action (widget_class, "win.open-file", "s", open_file_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.new-customer", NULL, new_customer_action);
  gtk_widget_class_install_action (widget_class, "win.edit-customer", NULL, edit_customer_action);
  gtk_widget_class_install_action (widget_class, "win.delete-customer", NULL,
                                   delete_customer_action);
  gtk_widget_class_install_action (widget_class, "win.new-installation", NULL,
                                   new_installation_action);
  gtk_widget_class_install_action (widget_class, "win.edit-installation", NULL,
                                   edit_installation_action);
  gtk_widget_class_install_action (widget_class, "win.delete-installation", NULL,
                                   delete_installation_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.undo-item", "u", undo_item_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-archived",
                                            "show-archived");
  gtk_widget_class_install_property_action (widget_class, "win.installation-archived",
                                            "installation-archived");
  gtk_widget_class_install_property_action (widget_class, "win.customer-archived",
                                            "customer-archived");
  gtk_widget_class_install_action (widget_class, "win.load-samples", NULL, load_samples_action);
  gtk_widget_class_install_action (widget_class, "win.import-installation", NULL,
                                   import_installation_action);
  gtk_widget_class_install_action (widget_class, "win.import-customers", "s",
                                   import_customers_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-offer", NULL, toggle_offer_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL,
                                   dismiss_banner_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", NULL,
                                   restore_backup_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-installation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.new-customer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.import-installation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-offer", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.redo", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-view", "s", views[i]);
  add_offer_shortcut (widget_class, GDK_KEY_s, "offer.save");
  add_offer_shortcut (widget_class, GDK_KEY_p, "offer.print");
  add_offer_shortcut (widget_class, GDK_KEY_e, "offer.export-xlsx");
}
