/* ssa-customer-import-dialog.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-customer-import-dialog.h"
#include "ssa-db-job.h"
#include "ssa-error.h"
#include "ssa-gui-util.h"
#include "ssa-org-no.h"

/* The preview of a customer list (Import Customers…): first a choice for every column the
 * file names in a way SSA Desk does not know, then what the import would do, customer by
 * customer: created, updated or unchanged, counted against the database as it is now (in a
 * worker). Nothing is stored until Import, which stores the whole file in one transaction,
 * in the repository's write queue; a file
 * that cannot be imported (a number given twice, a bad number, a column not chosen) says
 * why and keeps Import off. SsaCustomerImportDialog::imported tells the window. */

/* The customers listed one by one; a longer file shows the first ones and a count. */
#define MAX_LISTED 200

struct _SsaCustomerImportDialog
{
  AdwWindow parent_instance;

  SsaRepository  *repository;
  SsaCustomerCsv *csv;
  GPtrArray      *rows;       /* SsaCustomerImportRow, NULL while the file is refused or
                               * being counted */
  GCancellable   *planning;   /* the count against the database running, if any */
  gboolean        importing;
  SsaCustomerImportCounts counts;
  GPtrArray      *combos;     /* AdwComboRow per unknown column, in column order */
  GArray         *columns;    /* guint: the column of each combo */
  char           *message;

  GtkButton      *import_button;
  AdwPreferencesGroup *mapping_group;
  GtkLabel       *summary_label;
  AdwPreferencesGroup *rows_group;
  GtkListBox     *rows_list;
};

G_DEFINE_FINAL_TYPE (SsaCustomerImportDialog, ssa_customer_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The fields a column can be given, in the order of the combo rows (0: not chosen yet). */
static const SsaCustomerField choices[] = {
  SSA_CUSTOMER_FIELD_UNKNOWN,
  SSA_CUSTOMER_FIELD_IGNORE,
  SSA_CUSTOMER_FIELD_NAME,
  SSA_CUSTOMER_FIELD_ORG_NO,
  SSA_CUSTOMER_FIELD_ADDRESS,
  SSA_CUSTOMER_FIELD_POSTCODE,
  SSA_CUSTOMER_FIELD_CITY,
  SSA_CUSTOMER_FIELD_EMAIL,
  SSA_CUSTOMER_FIELD_CONTACT,
  SSA_CUSTOMER_FIELD_VAT,
};

static const char *
action_label (SsaCustomerImportAction action)
{
  switch (action)
    {
    case SSA_CUSTOMER_IMPORT_CREATED:
      return C_("customer import", "New");
    case SSA_CUSTOMER_IMPORT_UPDATED:
      return C_("customer import", "Updated");
    case SSA_CUSTOMER_IMPORT_UNCHANGED:
    default:
      return C_("customer import", "Unchanged");
    }
}

static void
clear_list (SsaCustomerImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows_list))) != NULL)
    gtk_list_box_remove (self->rows_list, child);
}

static void
show_refusal (SsaCustomerImportDialog *self,
              const char              *message)
{
  g_free (self->message);
  self->message = g_strdup (message);
  gtk_label_set_text (self->summary_label, message);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->rows_group), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
}

static void show_plan (SsaCustomerImportDialog *self,
                       GPtrArray               *rows,
                       SsaCustomerImportCounts *counts,
                       const GError            *error);

/* Counting the rows against the database, in a worker. */
typedef struct
{
  GPtrArray              *rows;
  SsaCustomerImportCounts counts;
} PlanJob;

static void
plan_job_free (PlanJob *job)
{
  g_ptr_array_unref (job->rows);
  g_free (job);
}

static gpointer
plan_work (SsaDb         *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  PlanJob *job = data;

  if (!ssa_customer_import_plan (db, job->rows, &job->counts, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

static void
planned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(SsaCustomerImportDialog) self = user_data;
  PlanJob *job = ssa_db_job_get_data (result);
  g_autoptr(GError) error = NULL;

  ssa_db_job_finish (result, &error);
  /* Asked again meanwhile (another column chosen), or the dialog closed. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->repository == NULL)
    return;
  g_clear_object (&self->planning);
  show_plan (self, job->rows, &job->counts, error);
}

/* Reads the rows again with the columns as chosen, and counts them against the database in
 * a worker. */
static void
update_preview (SsaCustomerImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  PlanJob *job;

  for (guint i = 0; i < self->combos->len; i++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->combos, i));

      ssa_customer_csv_set_field (self->csv, g_array_index (self->columns, guint, i),
                                  choices[MIN (selected, G_N_ELEMENTS (choices) - 1)]);
    }

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  if (self->planning != NULL)
    g_cancellable_cancel (self->planning);
  g_clear_object (&self->planning);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  rows = ssa_customer_csv_get_rows (self->csv, &error);
  if (rows == NULL)
    {
      show_plan (self, NULL, NULL, error);
      return;
    }

  job = g_new0 (PlanJob, 1);
  job->rows = g_steal_pointer (&rows);
  self->planning = g_cancellable_new ();
  ssa_db_job_run_async (ssa_repository_get_path (self->repository), plan_work, job,
                        (GDestroyNotify) plan_job_free, NULL, self->planning, planned_cb,
                        g_object_ref (self));
}

/* Shows what the import would do with @rows as counted, or why the file is refused. */
static void
show_plan (SsaCustomerImportDialog *self,
           GPtrArray               *rows,
           SsaCustomerImportCounts *counts,
           const GError            *error)
{
  g_autofree char *summary = NULL;
  guint listed = 0;

  clear_list (self);
  if (error == NULL)
    {
      self->rows = g_ptr_array_ref (rows);
      self->counts = *counts;
    }
  if (self->rows == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s\nNothing will be stored: correct the file, or choose "
                                   "what each column holds."), error->message);
      show_refusal (self, message);
      return;
    }

  summary = g_strdup_printf (_("%s: %u new, %u updated, %u unchanged. Nothing is stored "
                               "until you choose Import."),
                             ssa_customer_csv_get_what (self->csv), self->counts.created,
                             self->counts.updated, self->counts.unchanged);
  g_free (self->message);
  self->message = g_strdup (summary);
  gtk_label_set_text (self->summary_label, summary);
  gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");

  for (guint i = 0; i < self->rows->len && listed < MAX_LISTED; i++)
    {
      SsaCustomerImportRow *row = g_ptr_array_index (self->rows, i);
      GtkWidget *item = adw_action_row_new ();
      GtkWidget *badge = gtk_label_new (action_label (row->action));
      g_autoptr(GString) subtitle = g_string_new (NULL);

      g_string_append_printf (subtitle, _("Line %u"), row->line);
      if (row->info.org_no != NULL)
        {
          g_autofree char *formatted = ssa_org_no_format (row->info.org_no, FALSE);

          g_string_append_printf (subtitle, " · %s %s", _("Org. no."), formatted);
        }
      if (row->info.address != NULL)
        g_string_append_printf (subtitle, " · %s", row->info.address);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), row->info.name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (item), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (item), subtitle->str);
      gtk_widget_add_css_class (badge, row->action == SSA_CUSTOMER_IMPORT_UNCHANGED
                                       ? "dim-label" : "accent");
      adw_action_row_add_suffix (ADW_ACTION_ROW (item), badge);
      gtk_list_box_append (self->rows_list, item);
      listed++;
    }
  if (self->rows->len > listed)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more"), self->rows->len - listed);
      GtkWidget *item = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (item), more);
      gtk_list_box_append (self->rows_list, item);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->rows_group), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button),
                            self->counts.created + self->counts.updated > 0 &&
                            !self->importing &&
                            !ssa_repository_get_read_only (self->repository));
}

static void
combo_changed_cb (SsaCustomerImportDialog *self)
{
  update_preview (self);
}

static void
import_cb (SsaCustomerImportDialog *self)
{
  /* A refusal is shown in the dialog. */
  ssa_customer_import_dialog_import (self, NULL);
}

static void
ssa_customer_import_dialog_dispose (GObject *object)
{
  SsaCustomerImportDialog *self = SSA_CUSTOMER_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_CUSTOMER_IMPORT_DIALOG);
  if (self->planning != NULL)
    g_cancellable_cancel (self->planning);
  g_clear_object (&self->planning);
  g_clear_object (&self->repository);
  g_clear_pointer (&self->csv, ssa_customer_csv_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->combos, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (ssa_customer_import_dialog_parent_class)->dispose (object);
}

static void
ssa_customer_import_dialog_class_init (SsaCustomerImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_customer_import_dialog_dispose;

  /**
   * SsaCustomerImportDialog::imported:
   * @self: the dialog
   * @message: what was stored, for a toast
   */
  signals[IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-customer-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerImportDialog, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerImportDialog, rows_group);
  gtk_widget_class_bind_template_child (widget_class, SsaCustomerImportDialog, rows_list);
  gtk_widget_class_bind_template_callback (widget_class, import_cb);
}

static void
ssa_customer_import_dialog_init (SsaCustomerImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->combos = g_ptr_array_new ();
  self->columns = g_array_new (FALSE, FALSE, sizeof (guint));
}

/**
 * ssa_customer_import_dialog_new:
 * @parent: (nullable): the main window
 * @repository: the loaded repository the customers go into
 * @csv: (transfer full): the file as read
 *
 * Returns: (transfer none): the dialog, modal for @parent; it destroys itself when closed
 */
SsaCustomerImportDialog *
ssa_customer_import_dialog_new (GtkWindow      *parent,
                                SsaRepository  *repository,
                                SsaCustomerCsv *csv)
{
  SsaCustomerImportDialog *self;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_return_val_if_fail (SSA_IS_REPOSITORY (repository), NULL);
  g_return_val_if_fail (csv != NULL, NULL);

  self = g_object_new (SSA_TYPE_CUSTOMER_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->repository = g_object_ref (repository);
  self->csv = csv;

  gtk_string_list_append (labels, _("Choose…"));
  for (guint i = 1; i < G_N_ELEMENTS (choices); i++)
    gtk_string_list_append (labels, ssa_customer_field_label (choices[i]));

  for (guint column = 0; column < ssa_customer_csv_get_n_columns (csv); column++)
    {
      GtkWidget *combo;
      const char *header = ssa_customer_csv_get_header (csv, column);

      if (ssa_customer_csv_get_field (csv, column) != SSA_CUSTOMER_FIELD_UNKNOWN)
        continue;
      combo = adw_combo_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), header);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (combo), FALSE);
      adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (labels));
      gtk_accessible_update_property (GTK_ACCESSIBLE (combo), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      header, -1);
      g_signal_connect_swapped (combo, "notify::selected", G_CALLBACK (combo_changed_cb), self);
      adw_preferences_group_add (self->mapping_group, combo);
      g_ptr_array_add (self->combos, combo);
      g_array_append_val (self->columns, column);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_group), self->combos->len > 0);
  update_preview (self);
  return self;
}

/**
 * ssa_customer_import_dialog_set_field:
 * @self: the dialog
 * @header: an unknown column's header
 * @field: what it holds
 *
 * Chooses @field for @header as the user does in its row (for tests).
 *
 * Returns: whether the file has such an unknown column
 */
gboolean
ssa_customer_import_dialog_set_field (SsaCustomerImportDialog *self,
                                      const char              *header,
                                      SsaCustomerField         field)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER_IMPORT_DIALOG (self), FALSE);

  for (guint i = 0; i < self->combos->len; i++)
    {
      guint column = g_array_index (self->columns, guint, i);

      if (g_str_equal (ssa_customer_csv_get_header (self->csv, column), header))
        for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
          if (choices[c] == field)
            {
              adw_combo_row_set_selected (g_ptr_array_index (self->combos, i), c);
              return TRUE;
            }
    }
  return FALSE;
}

/* The counts of the preview (all 0 while the file is refused). */
void
ssa_customer_import_dialog_get_counts (SsaCustomerImportDialog *self,
                                       SsaCustomerImportCounts *counts)
{
  SsaCustomerImportCounts zero = { 0, };

  g_return_if_fail (SSA_IS_CUSTOMER_IMPORT_DIALOG (self));

  *counts = self->rows != NULL ? self->counts : zero;
}

/* What the dialog says: the summary, or why the file is refused. */
const char *
ssa_customer_import_dialog_get_message (SsaCustomerImportDialog *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER_IMPORT_DIALOG (self), NULL);

  return self->message;
}

/* Whether the dialog is still counting the file against the database or storing it. */
gboolean
ssa_customer_import_dialog_is_busy (SsaCustomerImportDialog *self)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER_IMPORT_DIALOG (self), FALSE);

  return self->planning != NULL || self->importing;
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SsaCustomerImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  SsaCustomerImportCounts counts = { 0, };

  self->importing = FALSE;
  if (!ssa_repository_import_customers_finish (SSA_REPOSITORY (source), result, &counts,
                                               &error))
    {
      g_autofree char *refusal = g_strdup_printf (_("%s\nNothing was stored."),
                                                  error->message);

      /* The dialog closed meanwhile: nothing to show it in. */
      if (self->repository == NULL)
        return;
      gtk_widget_set_sensitive (GTK_WIDGET (self->mapping_group), TRUE);
      show_refusal (self, refusal);
      return;
    }

  self->counts = counts;
  message = g_strdup_printf (_("Customers imported: %u new, %u updated, %u unchanged"),
                             counts.created, counts.updated, counts.unchanged);
  g_signal_emit (self, signals[IMPORTED], 0, message);
  if (self->repository != NULL)
    gtk_window_close (GTK_WINDOW (self));
}

/**
 * ssa_customer_import_dialog_import:
 *
 * Stores the file as previewed, in one transaction in the repository's write queue; once
 * it is stored the dialog emits ::imported and closes. A refusal is shown in the dialog and
 * stores nothing.
 *
 * Returns: %FALSE with @error set when the file is refused (or not counted yet) and
 *   nothing is asked; %TRUE when the store is asked
 */
gboolean
ssa_customer_import_dialog_import (SsaCustomerImportDialog  *self,
                                   GError                  **error)
{
  g_return_val_if_fail (SSA_IS_CUSTOMER_IMPORT_DIALOG (self), FALSE);

  if (self->importing)
    return TRUE;
  if (self->rows == NULL)
    {
      if (self->planning != NULL)
        g_set_error_literal (error, SSA_ERROR, SSA_ERROR_INVALID,
                             _("The list is still being compared with the database: try "
                               "again in a moment."));
      else
        g_set_error_literal (error, SSA_ERROR, SSA_ERROR_INVALID, self->message);
      return FALSE;
    }

  self->importing = TRUE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mapping_group), FALSE);
  ssa_repository_import_customers_async (self->repository, self->rows, NULL, imported_cb,
                                         g_object_ref (self));
  return TRUE;
}
