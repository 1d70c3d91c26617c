/* ssa-restore-dialog.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-backup.h"
#include "ssa-gui-util.h"
#include "ssa-page-common.h"
#include "ssa-restore-dialog.h"

/* Picking a backup to restore: the database's backups (ssa_backup_list(), read in a worker
 * thread), newest first, each with when it was taken, why and its size. Restore emits
 * "restore" with the chosen file and closes; the window does the restore, since it must
 * close its own connection first. A window of its own, not a message dialog: the list is
 * read while it shows, and the user may take time to choose. */

struct _SsaRestoreDialog
{
  AdwWindow      parent_instance;

  char          *db_path;
  GListStore    *backups;       /* SsaBackupInfo, newest first */
  GCancellable  *cancellable;
  gboolean       loaded;

  GtkStack      *stack;
  GtkSpinner    *spinner;
  AdwStatusPage *empty_page;
  GtkListBox    *list_box;
  GtkButton     *restore_button;
};

G_DEFINE_FINAL_TYPE (SsaRestoreDialog, ssa_restore_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

enum {
  RESTORE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  SsaBackupInfo *x = *(SsaBackupInfo **) a;
  SsaBackupInfo *y = *(SsaBackupInfo **) b;

  return g_date_time_compare (ssa_backup_info_get_taken (y), ssa_backup_info_get_taken (x));
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *backups = ssa_backup_list (task_data, &error);

  if (backups == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_ptr_array_sort (backups, compare_newest_first);
  g_task_return_pointer (task, backups, (GDestroyNotify) g_ptr_array_unref);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  SsaBackupInfo *info = item;
  g_autoptr(GDateTime) local = g_date_time_to_local (ssa_backup_info_get_taken (info));
  g_autofree char *title = g_date_time_format (local, "%d.%m.%Y %H:%M");
  g_autofree char *size = g_format_size (ssa_backup_info_get_size (info));
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check;

  /* Translators: a backup's reason ("Daily", "Before a schema update", …) and its size. */
  subtitle = g_strdup_printf (_("%s · %s"), ssa_backup_info_get_reason_label (info), size);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, ssa_backup_info_get_path (info));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("document-save-symbolic"));
  /* The chosen row shows a check mark: a boxed list barely shows its selection. */
  check = gtk_image_new_from_icon_name ("object-select-symbolic");
  gtk_widget_set_visible (check, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "ssa-check", check);
  return row;
}

static void
set_loaded (SsaRestoreDialog *self)
{
  ssa_page_set_busy (self->spinner, FALSE);
  self->loaded = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SsaRestoreDialog) self = user_data;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  backups = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (backups == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("The Backups Cannot Be Read"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_loaded (self);
      return;
    }

  g_list_store_splice (self->backups, 0, 0, backups->pdata, backups->len);
  gtk_stack_set_visible_child_name (self->stack, backups->len > 0 ? "list" : "empty");
  if (backups->len > 0)
    gtk_list_box_select_row (self->list_box, gtk_list_box_get_row_at_index (self->list_box, 0));
  set_loaded (self);
}

static void
row_selected_cb (SsaRestoreDialog *self,
                 GtkListBoxRow    *row,
                 GtkListBox       *list_box)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "restore.restore", row != NULL);
  for (GtkListBoxRow *each = gtk_list_box_get_row_at_index (list_box, 0); each != NULL;
       each = gtk_list_box_get_row_at_index (list_box, gtk_list_box_row_get_index (each) + 1))
    gtk_widget_set_visible (g_object_get_data (G_OBJECT (each), "ssa-check"), each == row);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  SsaRestoreDialog *self = SSA_RESTORE_DIALOG (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  g_autoptr(SsaBackupInfo) info = NULL;

  if (row == NULL)
    return;
  info = g_list_model_get_item (G_LIST_MODEL (self->backups), gtk_list_box_row_get_index (row));
  g_signal_emit (self, signals[RESTORE], 0, ssa_backup_info_get_path (info));
  gtk_window_close (GTK_WINDOW (self));
}

static void
ssa_restore_dialog_dispose (GObject *object)
{
  SsaRestoreDialog *self = (SsaRestoreDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_RESTORE_DIALOG);
  g_clear_object (&self->backups);

  G_OBJECT_CLASS (ssa_restore_dialog_parent_class)->dispose (object);
}

static void
ssa_restore_dialog_finalize (GObject *object)
{
  SsaRestoreDialog *self = (SsaRestoreDialog *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (ssa_restore_dialog_parent_class)->finalize (object);
}

static void
ssa_restore_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  SsaRestoreDialog *self = SSA_RESTORE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_restore_dialog_class_init (SsaRestoreDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_restore_dialog_dispose;
  object_class->finalize = ssa_restore_dialog_finalize;
  object_class->get_property = ssa_restore_dialog_get_property;

  /* Whether the list of backups has been read (or failed to be). */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SsaRestoreDialog::restore:
   * @self: the dialog
   * @path: the backup file the user picked
   *
   * Emitted when the user pressed Restore; the dialog then closes.
   */
  signals[RESTORE] =
    g_signal_new ("restore",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "restore.restore", NULL, restore_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-restore-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaRestoreDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SsaRestoreDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SsaRestoreDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SsaRestoreDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, SsaRestoreDialog, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
}

static void
ssa_restore_dialog_init (SsaRestoreDialog *self)
{
  self->cancellable = g_cancellable_new ();
  self->backups = g_list_store_new (SSA_TYPE_BACKUP_INFO);

  gtk_widget_init_template (GTK_WIDGET (self));
  ssa_gui_fix_mnemonic_names (GTK_WIDGET (self));

  gtk_list_box_bind_model (self->list_box, G_LIST_MODEL (self->backups), create_row_cb, NULL,
                           NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "restore.restore", FALSE);
  ssa_page_set_busy (self->spinner, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
}

/**
 * ssa_restore_dialog_new:
 * @parent: the main window
 * @db_path: the database whose backups are listed
 *
 * Returns: (transfer none): the dialog; it destroys itself when closed. It starts reading
 *   the list of backups at once.
 */
SsaRestoreDialog *
ssa_restore_dialog_new (GtkWindow  *parent,
                        const char *db_path)
{
  SsaRestoreDialog *self;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  self = g_object_new (SSA_TYPE_RESTORE_DIALOG, "transient-for", parent, NULL);
  self->db_path = g_strdup (db_path);

  task = g_task_new (NULL, self->cancellable, listed_cb, g_object_ref (self));
  g_task_set_source_tag (task, ssa_restore_dialog_new);
  g_task_set_name (task, "[ssa-desk] list backups");
  g_task_set_task_data (task, g_strdup (db_path), g_free);
  g_task_run_in_thread (task, list_thread);
  return self;
}

/* Whether the list of backups has been read (or failed to be). */
gboolean
ssa_restore_dialog_get_loaded (SsaRestoreDialog *self)
{
  g_return_val_if_fail (SSA_IS_RESTORE_DIALOG (self), FALSE);

  return self->loaded;
}

/* Returns: (transfer none): the backups listed, a GListModel of SsaBackupInfo, newest first */
GListModel *
ssa_restore_dialog_get_backups (SsaRestoreDialog *self)
{
  g_return_val_if_fail (SSA_IS_RESTORE_DIALOG (self), NULL);

  return G_LIST_MODEL (self->backups);
}
