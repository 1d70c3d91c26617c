/* ssa-licence-types-dialog.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-db-job.h"
#include "ssa-db-licences.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-licence-types-dialog.h"

/* "Licence Types…": the user's table of licence types the price list does not know
 * (docs/importing.md), the window's side of `licence-types`, `map-licence-type` and
 * `unmap-licence-type`. The list is read in a worker, and a type added or removed is
 * written in the repository's write queue. */

typedef struct
{
  SsaRepository *repository;
  GtkListBox    *list;
  GtkEditable   *type_entry;
  GtkEditable   *code_entry;
  GtkLabel      *error_label;
  gboolean       gone;          /* the dialog was destroyed */
  GCancellable  *listing;       /* the list being read, if any */
} TypesData;

static void
types_data_free (TypesData *data)
{
  g_clear_object (&data->repository);
  g_clear_object (&data->listing);
  g_free (data);
}

static void fill_list (TypesData *data);

static void
show_error (TypesData    *data,
            const GError *error)
{
  gtk_label_set_label (data->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (data->error_label), error != NULL);
}

/* A type added or removed, written in the repository's write queue. */
typedef struct
{
  char *type;
  char *code;       /* NULL: the type is removed */
} MapJob;

static void
map_job_free (MapJob *job)
{
  g_free (job->type);
  g_free (job->code);
  g_free (job);
}

static gpointer
map_work (SsaDb         *db,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  MapJob *job = data;
  g_autoptr(SsaPriceList) price_list = NULL;

  if (job->code == NULL)
    return ssa_db_unmap_licence_type (db, job->type, error) ? GINT_TO_POINTER (TRUE) : NULL;
  price_list = ssa_db_load_current_price_list (db, NULL, error);
  if (price_list == NULL ||
      !ssa_db_map_licence_type (db, job->type, job->code, price_list, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

typedef struct
{
  GtkWidget *dialog;
  gboolean   added;
} MapWait;

static void
mapped_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  MapWait *wait = user_data;
  g_autoptr(GtkWidget) dialog = wait->dialog;
  TypesData *data = g_object_get_data (G_OBJECT (dialog), "types-data");
  g_autoptr(GError) error = NULL;
  gboolean added = wait->added;

  g_free (wait);
  if (!ssa_repository_write_finish (SSA_REPOSITORY (source), result, &error) && data != NULL &&
      !data->gone)
    show_error (data, error);
  if (data == NULL || data->gone)
    return;
  if (error == NULL)
    {
      show_error (data, NULL);
      if (added)
        {
          gtk_editable_set_text (data->type_entry, "");
          gtk_editable_set_text (data->code_entry, "");
        }
    }
  fill_list (data);
}

static void
map_async (TypesData  *data,
           GtkWidget  *widget,
           const char *type,
           const char *code)
{
  MapJob *job = g_new0 (MapJob, 1);
  MapWait *wait = g_new0 (MapWait, 1);

  job->type = g_strdup (type);
  job->code = g_strdup (code);
  wait->dialog = g_object_ref (GTK_WIDGET (gtk_widget_get_root (widget)));
  wait->added = code != NULL;
  ssa_repository_write_async (data->repository, map_work, job, (GDestroyNotify) map_job_free,
                              NULL, NULL, mapped_cb, wait);
}

static void
remove_clicked_cb (GtkButton *button,
                   TypesData *data)
{
  const char *type = g_object_get_data (G_OBJECT (button), "licence-type");

  map_async (data, GTK_WIDGET (button), type, NULL);
}

static gpointer
list_work (SsaDb         *db,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return ssa_db_list_licence_type_map (db, error);
}

static void show_list (TypesData *data,
                       GArray    *rows);

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GtkWidget) dialog = user_data;
  TypesData *data = g_object_get_data (G_OBJECT (dialog), "types-data");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ssa_db_job_finish (result, &error);

  /* Read again meanwhile, or the dialog went. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || data == NULL || data->gone)
    return;
  g_clear_object (&data->listing);
  if (rows == NULL)
    {
      show_error (data, error);
      return;
    }
  show_list (data, rows);
}

/* Reads the list in a worker, then shows it. */
static void
fill_list (TypesData *data)
{
  GtkWidget *dialog = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (data->list)));

  if (data->listing != NULL)
    g_cancellable_cancel (data->listing);
  g_clear_object (&data->listing);
  data->listing = g_cancellable_new ();
  ssa_db_job_run_async (ssa_repository_get_path (data->repository), list_work, NULL, NULL,
                        (GDestroyNotify) g_array_unref, data->listing, listed_cb,
                        g_object_ref (dialog));
}

static void
show_list (TypesData *data,
           GArray    *rows)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (data->list))) != NULL)
    gtk_list_box_remove (data->list, child);

  if (rows->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No licence types of your own yet"));
      gtk_list_box_append (data->list, row);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const SsaDbLicenceTypeMapping *mapping = &g_array_index (rows, SsaDbLicenceTypeMapping, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *label = g_strdup_printf (_("Remove %s"), mapping->type);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mapping->type);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), mapping->code);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      label, -1);
      g_object_set_data_full (G_OBJECT (button), "licence-type", g_strdup (mapping->type),
                              g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), data);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (data->list, row);
    }
}

static void
add_clicked_cb (GtkButton *button,
                TypesData *data)
{
  map_async (data, GTK_WIDGET (button), gtk_editable_get_text (data->type_entry),
             gtk_editable_get_text (data->code_entry));
}

static void
destroyed_cb (GtkWidget *dialog,
              TypesData *data)
{
  data->gone = TRUE;
  if (data->listing != NULL)
    g_cancellable_cancel (data->listing);
}

/**
 * ssa_licence_types_dialog_present:
 * @parent: a widget of the window
 * @repository: the window's repository
 *
 * Shows the dialog; its list is read in a worker.
 */
void
ssa_licence_types_dialog_present (GtkWidget     *parent,
                                  SsaRepository *repository)
{
  TypesData *data = g_new0 (TypesData, 1);
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *add_list = gtk_list_box_new ();
  GtkWidget *type_row = adw_entry_row_new ();
  GtkWidget *code_row = adw_entry_row_new ();
  GtkWidget *add_button = gtk_button_new_with_mnemonic (_("_Add"));
  GtkWidget *error_label = gtk_label_new (NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  data->repository = g_object_ref (repository);
  data->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (data->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (data->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Your licence types"), -1);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (data->list));

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (add_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (add_list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (type_row), _("Licence Type"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (code_row), _("Article Number"));
  gtk_list_box_append (GTK_LIST_BOX (add_list), type_row);
  gtk_list_box_append (GTK_LIST_BOX (add_list), code_row);
  data->type_entry = GTK_EDITABLE (type_row);
  data->code_entry = GTK_EDITABLE (code_row);
  gtk_widget_set_halign (add_button, GTK_ALIGN_END);
  g_signal_connect (add_button, "clicked", G_CALLBACK (add_clicked_cb), data);

  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  data->error_label = GTK_LABEL (error_label);

  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), add_list);
  gtk_box_append (GTK_BOX (box), add_button);
  gtk_box_append (GTK_BOX (box), error_label);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (parent)),
                                                       _("Licence Types"),
                                                       _("Licence types that licence files and "
                                                         "PBXs name but the price list does not "
                                                         "know, and the article each is.")));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  g_object_set_data_full (G_OBJECT (dialog), "types-data", data,
                          (GDestroyNotify) types_data_free);
  g_signal_connect (dialog, "destroy", G_CALLBACK (destroyed_cb), data);
  fill_list (data);
  gtk_window_present (GTK_WINDOW (dialog));
}
