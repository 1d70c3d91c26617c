/* ssa-installation-editor.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-customer.h"
#include "ssa-gui-util.h"
#include "ssa-installation-editor.h"
#include "ssa-version.h"

/* A dialog for a new installation or an existing one: its customer, name, serial,
 * deployment, firmware and SSA expiry. As in the customer editor, nothing changes until
 * "Save" (which writes the installation's row once), fields that cannot be saved are marked
 * as you type, and
 * SsaInstallationEditor::saved tells the window. A firmware version SSA Desk cannot read
 * is allowed (the offer then warns that the support status is unknown), and says so. */

struct _SsaInstallationEditor
{
  AdwWindow        parent_instance;

  SsaInstallation *installation;     /* NULL: a new installation */
  SsaRepository   *repository;       /* stores the changes; lists the customers */
  GListModel      *customers;
  gint64           base_version;     /* the installation's version the fields were filled from */

  GtkButton       *save_button;
  AdwComboRow     *customer_row;
  AdwEntryRow     *name_row;
  AdwEntryRow     *serial_row;
  AdwComboRow     *deployment_row;
  GtkStringList   *deployment_labels;
  AdwEntryRow     *firmware_row;
  GtkLabel        *firmware_message;
  AdwEntryRow     *expiry_row;
  GtkLabel        *expiry_message;
  AdwEntryRow     *notes_row;
  GtkWidget       *save_message_group;
  GtkLabel        *save_message;
  GtkWidget       *conflict_box;  /* Reload and Overwrite, after someone else's change */
};

G_DEFINE_FINAL_TYPE (SsaInstallationEditor, ssa_installation_editor, ADW_TYPE_WINDOW)

static void reload_cb (SsaInstallationEditor *self);

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* A field's message: an error refuses the field; a warning only informs. */
static void
show_message (GtkLabel   *label,
              GtkWidget  *row,
              const char *message,
              gboolean    is_error)
{
  if (is_error)
    {
      ssa_gui_show_field_message (label, row, message);
      return;
    }
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (row, "warning");
  else
    gtk_widget_remove_css_class (row, "warning");
}

static gboolean
validate (SsaInstallationEditor *self)
{
  g_autofree char *name = ssa_gui_row_dup_text (self->name_row);
  g_autofree char *firmware = ssa_gui_row_dup_text (self->firmware_row);
  g_autofree char *expiry = ssa_gui_row_dup_text (self->expiry_row);
  g_autoptr(GError) error = NULL;
  SsaFirmwareVersion version;
  gboolean valid = name != NULL;
  GDate date;

  if (firmware != NULL && !ssa_firmware_version_parse (firmware, &version))
    show_message (self->firmware_message, GTK_WIDGET (self->firmware_row),
                  _("SSA Desk cannot read this version: offers will say that its support "
                    "status is unknown. Versions look like 14r2 or 13r3 sr12."), FALSE);
  else
    show_message (self->firmware_message, GTK_WIDGET (self->firmware_row), NULL, FALSE);

  if (expiry != NULL && !ssa_gui_parse_date (expiry, &date, &error))
    {
      show_message (self->expiry_message, GTK_WIDGET (self->expiry_row), error->message, TRUE);
      valid = FALSE;
    }
  else
    show_message (self->expiry_message, GTK_WIDGET (self->expiry_row), NULL, TRUE);

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid);
  return valid;
}

static void
changed_cb (SsaInstallationEditor *self)
{
  validate (self);
}

static void
cancel_cb (SsaInstallationEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SsaInstallationEditor *self = SSA_INSTALLATION_EDITOR (source);

  /* A refused save keeps the editor open, with what was typed and the reason. */
  if (ssa_installation_editor_save_finish (self, result, NULL))
    gtk_window_close (GTK_WINDOW (self));
}

static void
save_cb (SsaInstallationEditor *self)
{
  ssa_installation_editor_save_async (self, save_done_cb, NULL);
}

static void
select_customer (SsaInstallationEditor *self,
                 gint64                 customer_id)
{
  guint n = g_list_model_get_n_items (self->customers);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(SsaCustomer) customer = g_list_model_get_item (self->customers, i);

      if (ssa_customer_get_id (customer) == customer_id)
        {
          adw_combo_row_set_selected (self->customer_row, i);
          return;
        }
    }
}

static void
ssa_installation_editor_dispose (GObject *object)
{
  SsaInstallationEditor *self = (SsaInstallationEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_INSTALLATION_EDITOR);
  g_clear_object (&self->installation);
  g_clear_object (&self->repository);
  g_clear_object (&self->customers);

  G_OBJECT_CLASS (ssa_installation_editor_parent_class)->dispose (object);
}

static void
ssa_installation_editor_class_init (SsaInstallationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_installation_editor_dispose;

  /**
   * SsaInstallationEditor::saved:
   * @self: the editor
   * @installation: the installation stored with the values saved (a new one added)
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SSA_TYPE_INSTALLATION);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (SSA_TYPE_CUSTOMER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-installation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, customer_row);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, serial_row);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, deployment_row);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, deployment_labels);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, firmware_row);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, firmware_message);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, expiry_row);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, expiry_message);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, save_message_group);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, save_message);
  gtk_widget_class_bind_template_child (widget_class, SsaInstallationEditor, conflict_box);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, reload_cb);
}

static void
ssa_installation_editor_init (SsaInstallationEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ssa_gui_fix_mnemonic_names (GTK_WIDGET (self));

  for (guint i = SSA_DEPLOYMENT_APPLIANCE; i <= SSA_DEPLOYMENT_RENTAL; i++)
    gtk_string_list_append (self->deployment_labels, ssa_deployment_get_label (i));
}

/* The fields show the installation's values (its customer is chosen by the caller). */
static void
fill_fields (SsaInstallationEditor *self)
{
  SsaInstallation *installation = self->installation;
  const GDate *date = ssa_installation_get_ssa_expiry (installation);
  g_autofree char *expiry = ssa_gui_format_date_entry (date);

  /* A save is based on this version, whatever a colleague's change brings meanwhile
   * (the repository gives the installation their values and version as they come): a save over
   * their change is refused, naming them. */
  self->base_version = ssa_installation_get_version (installation);
  ssa_gui_row_set_text (self->name_row, ssa_installation_get_name (installation));
  ssa_gui_row_set_text (self->serial_row, ssa_installation_get_serial (installation));
  adw_combo_row_set_selected (self->deployment_row,
                              ssa_installation_get_deployment (installation));
  ssa_gui_row_set_text (self->firmware_row, ssa_installation_get_firmware (installation));
  ssa_gui_row_set_text (self->expiry_row, expiry);
  ssa_gui_row_set_text (self->notes_row, ssa_installation_get_notes (installation));
}

/* Reload, after a save refused because someone else changed the installation: the
 * repository gave the installation their values, which the fields now show instead of what
 * was typed. */
static void
reload_cb (SsaInstallationEditor *self)
{
  if (self->installation == NULL)
    return;
  fill_fields (self);
  select_customer (self, ssa_installation_get_customer_id (self->installation));
  gtk_widget_set_visible (self->save_message_group, FALSE);
  gtk_widget_set_visible (self->conflict_box, FALSE);
  validate (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
}

/**
 * ssa_installation_editor_new:
 * @parent: (nullable): the main window
 * @repository: the repository that stores the installation's changes, and whose customers
 *   are to choose from
 * @installation: (nullable): the installation to edit, or %NULL for a new one
 * @customer_id: a new installation's customer, or 0
 *
 * Returns: (transfer none): the dialog, modal for @parent; it destroys itself when closed
 */
SsaInstallationEditor *
ssa_installation_editor_new (GtkWindow       *parent,
                             SsaRepository   *repository,
                             SsaInstallation *installation,
                             gint64           customer_id)
{
  SsaInstallationEditor *self;

  g_return_val_if_fail (installation == NULL || SSA_IS_INSTALLATION (installation), NULL);
  g_return_val_if_fail (SSA_IS_REPOSITORY (repository), NULL);

  self = g_object_new (SSA_TYPE_INSTALLATION_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", installation != NULL ? _("Edit Installation")
                                                     : _("New Installation"),
                       NULL);
  self->repository = g_object_ref (repository);
  self->customers = g_object_ref (ssa_repository_get_customers (repository));
  adw_combo_row_set_model (self->customer_row, self->customers);

  if (installation != NULL)
    {
      self->installation = g_object_ref (installation);
      customer_id = ssa_installation_get_customer_id (installation);
      fill_fields (self);
    }
  select_customer (self, customer_id);
  validate (self);
  /* Typing goes into the first field, Enter saves (the rows activate the default, Save),
   * Escape cancels. Without this the focus went to Cancel, where Space closed the dialog. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
  return self;
}

/* Returns: (transfer none) (nullable): the installation edited; %NULL for a new one */
SsaInstallation *
ssa_installation_editor_get_installation (SsaInstallationEditor *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION_EDITOR (self), NULL);

  return self->installation;
}

gboolean
ssa_installation_editor_is_valid (SsaInstallationEditor *self)
{
  g_return_val_if_fail (SSA_IS_INSTALLATION_EDITOR (self), FALSE);

  return validate (self);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SsaInstallationEditor *self = g_task_get_source_object (task);
  SsaInstallation *installation = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean stored;

  if (g_async_result_is_tagged (result, ssa_repository_end_edit_async))
    stored = ssa_repository_end_edit_finish (SSA_REPOSITORY (source), result, &error);
  else
    stored = ssa_repository_add_installation_finish (SSA_REPOSITORY (source), result, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (!stored)
    {
      /* Someone else changed the installation since it was opened: Reload shows their
       * values, Overwrite (Save again) writes over them. */
      gtk_widget_set_visible (self->conflict_box,
                              g_error_matches (error, SSA_DB_ERROR, SSA_DB_ERROR_CONFLICT));
      /* Overwrite (Save again) is based on their version, which the repository gave the
       * installation back. */
      if (g_error_matches (error, SSA_DB_ERROR, SSA_DB_ERROR_CONFLICT))
        self->base_version = ssa_installation_get_version (installation);
      ssa_gui_show_save_refused (self->save_message_group, self->save_message, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  gtk_widget_set_visible (self->conflict_box, FALSE);
  gtk_widget_set_visible (self->save_message_group, FALSE);
  g_signal_emit (self, signals[SAVED], 0, installation);
  g_task_return_boolean (task, TRUE);
}

/**
 * ssa_installation_editor_save_async:
 * @self: the editor
 * @callback: called once the installation is stored or refused
 * @user_data: for @callback
 *
 * Puts the values into the installation and stores it, in a worker thread: a new
 * installation is added to the repository, an existing one written in one transaction.
 * Emits SsaInstallationEditor::saved when it was stored. When the fields are not valid, or
 * the database refuses the values (a serial that is taken, a read-only file), nothing is
 * stored, the editor shows why and keeps what was typed, and
 * ssa_installation_editor_save_finish() says why.
 */
void
ssa_installation_editor_save_async (SsaInstallationEditor *self,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SsaInstallation) installation = NULL;
  g_autofree char *name = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *firmware = NULL;
  g_autofree char *expiry = NULL;
  g_autofree char *notes = NULL;
  SsaCustomer *customer;
  GDate date;

  g_return_if_fail (SSA_IS_INSTALLATION_EDITOR (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ssa_installation_editor_save_async);

  if (!validate (self))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               _("Some fields cannot be saved as they are"));
      return;
    }

  name = ssa_gui_row_dup_text (self->name_row);
  serial = ssa_gui_row_dup_text (self->serial_row);
  firmware = ssa_gui_row_dup_text (self->firmware_row);
  expiry = ssa_gui_row_dup_text (self->expiry_row);
  notes = ssa_gui_row_dup_text (self->notes_row);
  g_date_clear (&date, 1);
  if (expiry != NULL)
    ssa_gui_parse_date (expiry, &date, NULL);
  customer = adw_combo_row_get_selected_item (self->customer_row);

  installation = self->installation != NULL ? g_object_ref (self->installation)
                                            : ssa_installation_new ();

  /* One write for the eight fields, as in the customer editor: a serial that is taken
   * leaves every field as it was stored. */
  if (self->installation != NULL)
    {
      ssa_repository_begin_edit (self->repository, G_OBJECT (installation));
      ssa_installation_set_version (installation, self->base_version);
    }
  ssa_installation_set_customer_id (installation,
                                    customer != NULL ? ssa_customer_get_id (customer) : 0);
  ssa_installation_set_customer_name (installation,
                                      customer != NULL ? ssa_customer_get_name (customer) : NULL);
  ssa_installation_set_name (installation, name);
  ssa_installation_set_serial (installation, serial);
  ssa_installation_set_deployment (installation, adw_combo_row_get_selected (self->deployment_row));
  ssa_installation_set_firmware (installation, firmware);
  ssa_installation_set_ssa_expiry (installation, expiry != NULL ? &date : NULL);
  ssa_installation_set_notes (installation, notes);
  g_task_set_task_data (task, g_object_ref (installation), g_object_unref);

  /* The write runs in a worker: Save waits for it. A refused edit gives the installation
   * its stored values back; the fields keep what was typed, to be corrected and saved
   * again. A new one is added once it has its values. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  if (self->installation != NULL)
    ssa_repository_end_edit_async (self->repository, G_OBJECT (installation), NULL, saved_cb,
                                   g_steal_pointer (&task));
  else
    ssa_repository_add_installation_async (self->repository, installation, NULL, saved_cb,
                                           g_steal_pointer (&task));
}

/**
 * ssa_installation_editor_save_finish:
 *
 * Returns: whether it saved; %FALSE with @error set when it did not
 */
gboolean
ssa_installation_editor_save_finish (SsaInstallationEditor  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
