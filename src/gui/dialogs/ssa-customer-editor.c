/* ssa-customer-editor.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-application.h"
#include "ssa-customer-editor.h"
#include "ssa-gui-util.h"
#include "ssa-org-no.h"
#include "ssa-registry.h"

/* A dialog for a new customer or an existing one. Nothing changes until "Save": then the
 * values go into the customer in one go, inside an edit of the repository it was given
 * (ssa_repository_begin_edit()) so that they are written in one transaction, and
 * SsaCustomerEditor::saved tells the window, which stores a new customer. A field that
 * cannot be saved is marked as you type, with the reason under it, and Save stays off.
 *
 * When the user has turned on the company registry lookup (Preferences, the GSettings key
 * registry-lookup), a valid organisation number typed in is looked up (only the number is
 * sent) and a row under it offers to fill in the name, the address and the VAT registration
 * (shown in that row, and stored with the customer from the VAT row). Offline, or with the
 * lookup off, the editor works as without it. */

struct _SsaCustomerEditor
{
  AdwWindow    parent_instance;

  SsaCustomer   *customer;     /* NULL: a new customer */
  SsaRepository *repository;   /* writes an existing customer's changes, or NULL */
  gint64         base_version; /* the customer's version the fields were filled from */

  GtkButton   *save_button;
  AdwEntryRow *name_row;
  AdwEntryRow *org_no_row;
  GtkLabel    *org_no_message;
  AdwEntryRow *address_row;
  AdwEntryRow *contact_row;
  AdwEntryRow *email_row;
  GtkLabel    *email_message;
  AdwEntryRow *notes_row;
  AdwComboRow *vat_row;       /* positions are SsaVatStatus values */
  GtkWidget   *save_message_group;
  GtkLabel    *save_message;
  GtkWidget   *conflict_box;   /* Reload and Overwrite, after someone else's change */
  AdwActionRow *registry_row;
  GtkSpinner  *registry_spinner;
  GtkButton   *registry_fill_button;

  GCancellable    *lookup_cancellable;
  char            *looked_up;     /* the number last looked up, or the stored one */
  SsaRegistryUnit *unit;          /* the registry's answer for looked_up */
};

G_DEFINE_FINAL_TYPE (SsaCustomerEditor, ssa_customer_editor, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
validate (SsaCustomerEditor *self)
{
  g_autofree char *name = ssa_gui_row_dup_text (self->name_row);
  const char *org_no_text = gtk_editable_get_text (GTK_EDITABLE (self->org_no_row));
  g_autofree char *org_no = ssa_gui_org_no_from_text (org_no_text);
  g_autofree char *email = ssa_gui_row_dup_text (self->email_row);
  gboolean valid = TRUE;

  /* A name is needed, but an empty one is not an error while the dialog is new. */
  valid &= name != NULL;

  if (org_no != NULL && !ssa_org_no_is_valid (org_no))
    {
      ssa_gui_show_field_message (self->org_no_message, GTK_WIDGET (self->org_no_row),
                    _("Not a valid organisation number: nine digits with the right check digit, "
                      "such as 988 077 917"));
      valid = FALSE;
    }
  else
    ssa_gui_show_field_message (self->org_no_message, GTK_WIDGET (self->org_no_row), NULL);

  if (email != NULL && (strchr (email, '@') == NULL || strchr (email, ' ') != NULL))
    {
      ssa_gui_show_field_message (self->email_message, GTK_WIDGET (self->email_row),
                    _("Not an e-mail address, such as post@example.no"));
      valid = FALSE;
    }
  else
    ssa_gui_show_field_message (self->email_message, GTK_WIDGET (self->email_row), NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), valid);
  return valid;
}

static gboolean
lookup_enabled (SsaCustomerEditor *self)
{
  GSettings *settings = ssa_application_get_settings_for_widget (GTK_WIDGET (self));
  g_autoptr(GSettingsSchema) schema = NULL;

  if (settings == NULL)
    return FALSE;
  g_object_get (settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, "registry-lookup") &&
         g_settings_get_boolean (settings, "registry-lookup");
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SsaCustomerEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaRegistryUnit) unit = ssa_registry_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->registry_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->registry_spinner), FALSE);
  if (unit == NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->registry_row),
                                     _("Not found in the company registry"));
      adw_action_row_set_subtitle (self->registry_row, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->registry_fill_button), FALSE);
      return;
    }

  {
    g_autofree char *subtitle =
      g_strdup_printf ("%s%s%s", unit->address != NULL ? unit->address : "",
                       unit->address != NULL ? " · " : "",
                       unit->vat_registered ? _("Registered for VAT")
                                            : _("Not registered for VAT"));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->registry_row), unit->name);
    adw_action_row_set_subtitle (self->registry_row, subtitle);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->registry_fill_button), TRUE);
  ssa_registry_unit_free (self->unit);
  self->unit = g_steal_pointer (&unit);
}

/* Looks a valid number up once it is typed in full; a number changed while its lookup runs
 * cancels that lookup. */
static void
maybe_look_up (SsaCustomerEditor *self)
{
  g_autofree char *org_no =
    ssa_gui_org_no_from_text (gtk_editable_get_text (GTK_EDITABLE (self->org_no_row)));

  if (g_strcmp0 (org_no, self->looked_up) == 0)
    return;
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_pointer (&self->unit, ssa_registry_unit_free);
  gtk_widget_set_visible (GTK_WIDGET (self->registry_row), FALSE);
  g_free (self->looked_up);
  self->looked_up = g_strdup (org_no);
  if (org_no == NULL || !ssa_org_no_is_valid (org_no) || !lookup_enabled (self))
    return;

  self->lookup_cancellable = g_cancellable_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->registry_row),
                                 _("Looking up in the company registry…"));
  adw_action_row_set_subtitle (self->registry_row, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->registry_fill_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->registry_spinner), TRUE);
  gtk_spinner_start (self->registry_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->registry_row), TRUE);
  ssa_registry_lookup_async (org_no, self->lookup_cancellable, lookup_cb, g_object_ref (self));
}

static void
registry_fill_cb (SsaCustomerEditor *self)
{
  if (self->unit == NULL)
    return;
  ssa_gui_row_set_text (self->name_row, self->unit->name);
  if (self->unit->address != NULL)
    ssa_gui_row_set_text (self->address_row, self->unit->address);
  adw_combo_row_set_selected (self->vat_row, self->unit->vat_registered
                                             ? SSA_VAT_REGISTERED : SSA_VAT_NOT_REGISTERED);
  gtk_widget_set_visible (GTK_WIDGET (self->registry_row), FALSE);
}

static void
changed_cb (SsaCustomerEditor *self)
{
  validate (self);
  maybe_look_up (self);
}

static void
cancel_cb (SsaCustomerEditor *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* The fields show the customer's values. */
static void
fill_fields (SsaCustomerEditor *self)
{
  SsaCustomer *customer = self->customer;
  g_autofree char *org_no = NULL;

  /* A save is based on this version, whatever a colleague's change brings meanwhile
   * (the repository gives the customer their values and version as they come): a save over
   * their change is refused, naming them. */
  self->base_version = ssa_customer_get_version (customer);
  /* The stored number is not looked up again: only one the user types. */
  g_free (self->looked_up);
  self->looked_up = g_strdup (ssa_customer_get_org_no (customer));
  ssa_gui_row_set_text (self->name_row, ssa_customer_get_name (customer));
  /* "Valid" includes none: only a number is formatted. */
  if (ssa_customer_get_org_no (customer) != NULL && ssa_customer_get_valid_org_no (customer))
    org_no = ssa_org_no_format (ssa_customer_get_org_no (customer), FALSE);
  ssa_gui_row_set_text (self->org_no_row,
                        org_no != NULL ? org_no : ssa_customer_get_org_no (customer));
  ssa_gui_row_set_text (self->address_row, ssa_customer_get_address (customer));
  ssa_gui_row_set_text (self->contact_row, ssa_customer_get_contact (customer));
  ssa_gui_row_set_text (self->email_row, ssa_customer_get_email (customer));
  ssa_gui_row_set_text (self->notes_row, ssa_customer_get_notes (customer));
  adw_combo_row_set_selected (self->vat_row, ssa_customer_get_vat_status (customer));
}

/* Reload, after a save refused because someone else changed the customer: the repository
 * gave the customer their values, which the fields now show instead of what was typed. */
static void
reload_cb (SsaCustomerEditor *self)
{
  if (self->customer == NULL)
    return;
  fill_fields (self);
  gtk_widget_set_visible (self->save_message_group, FALSE);
  gtk_widget_set_visible (self->conflict_box, FALSE);
  validate (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SsaCustomerEditor *self = SSA_CUSTOMER_EDITOR (source);

  /* A refused save keeps the editor open, with what was typed and the reason. */
  if (ssa_customer_editor_save_finish (self, result, NULL))
    gtk_window_close (GTK_WINDOW (self));
}

static void
save_cb (SsaCustomerEditor *self)
{
  ssa_customer_editor_save_async (self, save_done_cb, NULL);
}

static void
ssa_customer_editor_dispose (GObject *object)
{
  SsaCustomerEditor *self = (SsaCustomerEditor *)object;

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_pointer (&self->looked_up, g_free);
  g_clear_pointer (&self->unit, ssa_registry_unit_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_CUSTOMER_EDITOR);
  g_clear_object (&self->customer);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (ssa_customer_editor_parent_class)->dispose (object);
}

static void
ssa_customer_editor_class_init (SsaCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_customer_editor_dispose;

  /**
   * SsaCustomerEditor::saved:
   * @self: the editor
   * @customer: the customer stored with the values saved (a new one added)
   */
  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, SSA_TYPE_CUSTOMER);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, org_no_row);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, org_no_message);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, email_message);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, notes_row);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, vat_row);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, save_message_group);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, save_message);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, conflict_box);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, registry_row);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, registry_spinner);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerEditor, registry_fill_button);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, registry_fill_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, reload_cb);
}

static void
ssa_customer_editor_init (SsaCustomerEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ssa_gui_fix_mnemonic_names (GTK_WIDGET (self));
}

/**
 * ssa_customer_editor_new:
 * @parent: (nullable): the main window
 * @repository: (nullable): the repository that stores the customer's changes
 * @customer: (nullable): the customer to edit, or %NULL for a new one
 *
 * Returns: (transfer none): the dialog, modal for @parent; it destroys itself when closed
 */
SsaCustomerEditor *
ssa_customer_editor_new (GtkWindow     *parent,
                         SsaRepository *repository,
                         SsaCustomer   *customer)
{
  SsaCustomerEditor *self;

  g_return_val_if_fail (repository == NULL || SSA_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (customer == NULL || SSA_IS_CUSTOMER (customer), NULL);

  self = g_object_new (SSA_TYPE_CUSTOMER_EDITOR,
                       "transient-for", parent,
                       "modal", TRUE,
                       "title", customer != NULL ? _("Edit Customer") : _("New Customer"),
                       NULL);
  g_set_object (&self->repository, repository);
  if (customer != NULL)
    {
      self->customer = g_object_ref (customer);
      fill_fields (self);
    }
  validate (self);
  /* Typing goes into the first field, Enter saves (the rows activate the default, Save),
   * Escape cancels. Without this the focus went to Cancel, where Space closed the dialog. */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
  return self;
}

/* Returns: (transfer none) (nullable): the customer edited; %NULL for a new one */
SsaCustomer *
ssa_customer_editor_get_customer (SsaCustomerEditor *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER_EDITOR (self), NULL);

  return self->customer;
}

gboolean
ssa_customer_editor_is_valid (SsaCustomerEditor *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER_EDITOR (self), FALSE);

  return validate (self);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SsaCustomerEditor *self = g_task_get_source_object (task);
  SsaCustomer *customer = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean stored;

  if (g_async_result_is_tagged (result, ssa_repository_end_edit_async))
    stored = ssa_repository_end_edit_finish (SSA_REPOSITORY (source), result, &error);
  else
    stored = ssa_repository_add_customer_finish (SSA_REPOSITORY (source), result, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), TRUE);
  if (!stored)
    {
      /* Someone else changed the customer since it was opened: the fields keep what was
       * typed; Reload shows their values, Overwrite (Save again) writes over them, as the
       * customer is now at their version. */
      gtk_widget_set_visible (self->conflict_box,
                              g_error_matches (error, SSA_DB_ERROR, SSA_DB_ERROR_CONFLICT));
      /* Overwrite (Save again) is based on their version, which the repository gave the
       * customer back. */
      if (g_error_matches (error, SSA_DB_ERROR, SSA_DB_ERROR_CONFLICT))
        self->base_version = ssa_customer_get_version (customer);
      ssa_gui_show_save_refused (self->save_message_group, self->save_message, error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  gtk_widget_set_visible (self->conflict_box, FALSE);
  gtk_widget_set_visible (self->save_message_group, FALSE);
  g_signal_emit (self, signals[SAVED], 0, customer);
  g_task_return_boolean (task, TRUE);
}

/**
 * ssa_customer_editor_save_async:
 * @self: the editor
 * @callback: called once the customer is stored or refused
 * @user_data: for @callback
 *
 * Puts the values into the customer and stores it, in a worker thread: a new customer is
 * added to the repository, an existing one written in one transaction. Emits
 * SsaCustomerEditor::saved when it was stored. When the fields are not valid, or the
 * database refuses the values (an organisation number that is taken, a read-only file),
 * nothing is stored, the editor shows why and keeps what was typed, and
 * ssa_customer_editor_save_finish() says why.
 */
void
ssa_customer_editor_save_async (SsaCustomerEditor   *self,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(SsaCustomer) customer = NULL;
  g_autofree char *name = NULL;
  g_autofree char *org_no = NULL;
  g_autofree char *address = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *email = NULL;
  g_autofree char *notes = NULL;

  g_return_if_fail (SSA_IS_CUSTOMER_EDITOR (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, ssa_customer_editor_save_async);

  if (!validate (self))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                               _("Some fields cannot be saved as they are"));
      return;
    }

  name = ssa_gui_row_dup_text (self->name_row);
  org_no = ssa_gui_org_no_from_text (gtk_editable_get_text (GTK_EDITABLE (self->org_no_row)));
  address = ssa_gui_row_dup_text (self->address_row);
  contact = ssa_gui_row_dup_text (self->contact_row);
  email = ssa_gui_row_dup_text (self->email_row);
  notes = ssa_gui_row_dup_text (self->notes_row);

  customer = self->customer != NULL ? g_object_ref (self->customer) : ssa_customer_new ();
  g_task_set_task_data (task, g_object_ref (customer), g_object_unref);

  /* The repository would write the row once per field: one edit makes the save one
   * transaction, stored or refused whole. */
  if (self->repository != NULL && self->customer != NULL)
    {
      ssa_repository_begin_edit (self->repository, G_OBJECT (customer));
      ssa_customer_set_version (customer, self->base_version);
    }
  ssa_customer_set_name (customer, name);
  ssa_customer_set_org_no (customer, org_no);
  ssa_customer_set_address (customer, address);
  ssa_customer_set_contact (customer, contact);
  ssa_customer_set_email (customer, email);
  ssa_customer_set_notes (customer, notes);
  ssa_customer_set_vat_status (customer, MIN (adw_combo_row_get_selected (self->vat_row),
                                              SSA_VAT_NOT_REGISTERED));

  if (self->repository == NULL)
    {
      gtk_widget_set_visible (self->save_message_group, FALSE);
      g_signal_emit (self, signals[SAVED], 0, customer);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The write runs in a worker: Save waits for it. A refused edit gives the customer its
   * stored values back; the fields keep what was typed, to be corrected and saved again. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);
  if (self->customer != NULL)
    ssa_repository_end_edit_async (self->repository, G_OBJECT (customer), NULL, saved_cb,
                                   g_steal_pointer (&task));
  else
    ssa_repository_add_customer_async (self->repository, customer, NULL, saved_cb,
                                       g_steal_pointer (&task));
}

/**
 * ssa_customer_editor_save_finish:
 *
 * Returns: whether it saved; %FALSE with @error set when it did not
 */
gboolean
ssa_customer_editor_save_finish (SsaCustomerEditor  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
