/* ssa-offer-builder-documents.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-db.h"
#include "ssa-document.h"
#include "ssa-document-details.h"
#include "ssa-error.h"
#include "ssa-gui-util.h"
#include "ssa-offer-files.h"
#include "ssa-offer-pdf.h"
#include "ssa-offer-xlsx.h"
#include "ssa-output.h"
#include "ssa-page-common.h"
#include "ssa-offer-builder-private.h"

/* SsaOfferBuilder's documents and saving: the workers that write an offer's PDF or workbook
 * over snapshots, the file choosers for them, printing through GtkPrintOperation, and Save,
 * which stores a numbered offer. */

typedef struct
{
  char            *db_path;
  SsaOffer        *offer;
  SsaInventory    *inventory;
  SsaOfferDocument document;
  GFile           *file;           /* NULL: only the document info is wanted (printing) */
  SsaDocumentInfo *info;           /* the offer's details; the worker adds the rest */
  gint64           installation_id;
  SsaPriceList    *price_list;     /* the list the offer was computed with */
  char            *saved_number;   /* the offer as saved, or NULL */
} DocumentJob;

static void
document_job_clear (gpointer data)
{
  DocumentJob *job = data;

  g_free (job->db_path);
  g_clear_pointer (&job->offer, ssa_offer_free);
  g_clear_pointer (&job->inventory, ssa_inventory_free);
  g_clear_object (&job->file);
  g_clear_pointer (&job->info, ssa_document_info_free);
  g_clear_pointer (&job->price_list, ssa_price_list_unref);
  g_free (job->saved_number);
}

/* Jobs are shared by a worker's task and, when printing, the print operation. */
static void
document_job_unref (DocumentJob *job)
{
  g_atomic_rc_box_release_full (job, document_job_clear);
}

/* Runs in a worker: gathers the seller, the customer in full and the references from the
 * database, as every path that writes a document does (ssa_document_details_load()). */
static gboolean
load_details (DocumentJob  *job,
              GError      **error)
{
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaDbOffer) saved = NULL;

  if (job->db_path == NULL)
    {
      if (job->price_list != NULL)
        job->info->price_list_name = ssa_document_price_list_name (job->price_list,
                                                                   job->info->lang);
      job->info->our_reference = ssa_document_dup_user_name ();
      return TRUE;
    }

  db = ssa_db_open (job->db_path, SSA_DB_OPEN_READ_ONLY, error);
  if (db == NULL)
    return FALSE;
  if (job->saved_number != NULL)
    {
      saved = ssa_db_load_offer (db, job->saved_number, error);
      if (saved == NULL)
        return FALSE;
    }
  return ssa_document_details_load (db, job->installation_id, saved, job->price_list,
                                    job->inventory, job->info, error);
}

static void
document_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  DocumentJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SsaOfferFilePaths files = { { NULL, } };
  gboolean ok;

  if (!load_details (job, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->file == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Through ssa_output_open(): a file that is the open database is refused in words. */
  path = g_file_get_path (job->file);
  if (path == NULL)
    {
      g_task_return_new_error (task, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NOT_A_FILE, "%s",
                               _("Choose a file on this computer."));
      return;
    }
  files.paths[job->document == SSA_OFFER_DOCUMENT_PDF ? SSA_OFFER_FILE_PDF
                                                      : SSA_OFFER_FILE_XLSX] = path;
  ok = ssa_offer_files_write (&files, NULL, job->offer, job->inventory, job->info, NULL, &error);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static DocumentJob *
document_job_new (SsaOfferBuilder *self)
{
  DocumentJob *job = g_atomic_rc_box_new0 (DocumentJob);

  job->db_path = g_strdup (self->db_path);
  job->offer = ssa_offer_copy (self->offer);
  job->inventory = ssa_inventory_copy (get_inventory (self));
  job->info = ssa_document_info_new ();
  job->info->lang = ssa_page_get_document_lang (GTK_WIDGET (self));
  job->info->validity_days = (guint) gtk_spin_button_get_value_as_int (self->validity_spin);
  job->installation_id = self->installation != NULL
                         ? ssa_installation_get_id (self->installation) : 0;
  job->price_list = self->price_list != NULL ? ssa_price_list_ref (self->price_list) : NULL;

  /* A document of the offer just saved carries its number, date, validity and seller. The
   * worker reads the stored offer again: the builder's copy lacks its seller. */
  if (self->saved != NULL)
    {
      ssa_document_info_set_from_offer (job->info, self->saved);
      job->saved_number = g_strdup (self->saved->number);
    }
  return job;
}

static char *
suggested_name (SsaOfferBuilder  *self,
                SsaOfferDocument  document)
{
  const char *extension = document == SSA_OFFER_DOCUMENT_PDF ? "pdf" : "xlsx";
  const char *name = self->installation != NULL
                     ? ssa_installation_get_customer_name (self->installation) : NULL;
  g_autofree char *base = NULL;
  g_autoptr(GString) clean = g_string_new (NULL);

  if (self->saved != NULL)
    /* Translators: the file name of a saved offer's document, without extension. */
    base = g_strdup_printf (_("SSA offer %s"), self->saved->number);
  else if (name != NULL)
    /* Translators: the file name of an unsaved offer's document, without extension. */
    base = g_strdup_printf (_("SSA offer %s"), name);
  else
    base = g_strdup (_("SSA offer"));

  /* A name from the user's data must not make folders. */
  for (const char *p = base; *p != '\0'; p++)
    g_string_append_c (clean, *p == '/' || *p == '\\' ? '-' : *p);
  g_string_append_printf (clean, ".%s", extension);
  return g_string_free (g_steal_pointer (&clean), FALSE);
}

/* Says where @file went, with a button that opens it. */
static void
show_saved_toast (SsaOfferBuilder *self,
                  GFile           *file)
{
  g_autofree char *message = ssa_gui_dup_saved_message (file);
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-file");
  adw_toast_set_action_target_value (toast, g_variant_new_take_string (g_file_get_uri (file)));
  ssa_page_show_toast (GTK_WIDGET (self), toast);
}

/* A document without the reseller's company name has no seller: said in a toast whose
 * button opens the profile in the preferences, never in a dialog in the way. The window
 * shows one toast at a time, so a saved document's toast says both.
 *
 * Returns: whether the document has no seller, and the toast was shown */
static gboolean
warn_missing_seller (SsaOfferBuilder       *self,
                     const SsaDocumentInfo *info,
                     gboolean               saved)
{
  AdwToast *toast;

  if (ssa_document_info_has_seller (info))
    return FALSE;
  toast = adw_toast_new (saved
                         ? _("Saved, but the offer names no seller: fill in your company in "
                             "the preferences")
                         : _("The offer names no seller: fill in your company in the "
                             "preferences"));
  adw_toast_set_button_label (toast, _("_Fill In"));
  adw_toast_set_action_name (toast, "win.preferences");
  adw_toast_set_timeout (toast, 10);
  ssa_page_show_toast (GTK_WIDGET (self), toast);
  return TRUE;
}

static void
document_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SsaOfferBuilder *self = SSA_OFFER_BUILDER (object);
  DocumentJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Cancelled: the window is closing, nobody is there to tell. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The offer could not be saved: %s"), error->message);
      ssa_page_show_message (GTK_WIDGET (self), message);
      return;
    }

  if (!warn_missing_seller (self, job->info, TRUE))
    show_saved_toast (self, job->file);
}

/**
 * ssa_offer_builder_save_document:
 * @self: a builder with an offer
 * @document: which document
 * @file: where to write it
 *
 * Writes the offer as shown to @file in a worker thread, and confirms it with a toast
 * whose button opens the file. The file appears whole or not at all.
 */
void
ssa_offer_builder_save_document (SsaOfferBuilder  *self,
                                 SsaOfferDocument  document,
                                 GFile            *file)
{
  g_autoptr(GTask) task = NULL;
  DocumentJob *job;

  g_return_if_fail (SSA_IS_OFFER_BUILDER (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->offer == NULL)
    return;

  job = document_job_new (self);
  job->document = document;
  job->file = g_object_ref (file);

  task = g_task_new (self, self->cancellable, document_saved_cb, NULL);
  g_task_set_source_tag (task, ssa_offer_builder_save_document);
  g_task_set_name (task, "[ssa-desk] save offer document");
  g_task_set_task_data (task, job, (GDestroyNotify) document_job_unref);
  g_task_run_in_thread (task, document_thread);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  SsaOfferBuilder *self = SSA_OFFER_BUILDER (user_data);
  SsaOfferDocument document = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser),
                                                                  "ssa-document"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      ssa_offer_builder_save_document (self, document, file);
    }
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_file (SsaOfferBuilder  *self,
             SsaOfferDocument  document)
{
  GtkNativeDialog *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = suggested_name (self, document);
  g_autoptr(GFile) folder = ssa_gui_dup_documents_folder ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (
    document == SSA_OFFER_DOCUMENT_PDF ? _("Save Offer as PDF") : _("Export Offer to Excel"),
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel")));

  if (document == SSA_OFFER_DOCUMENT_PDF)
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Excel workbooks"));
      gtk_file_filter_add_suffix (filter, "xlsx");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (chooser, TRUE);
  g_object_set_data (G_OBJECT (chooser), "ssa-document", GINT_TO_POINTER (document));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (chooser);
}

/* Printing: the same pages as the PDF, drawn on the printer's context. */

typedef struct
{
  DocumentJob *job;
  SsaOfferPdf *pdf;
  GFile       *file;   /* export the pages to this PDF instead of printing */
  SsaOutput   *output; /* the file's output: GTK writes its temporary file */
} PrintJob;

static void
print_job_free (PrintJob *print)
{
  g_clear_pointer (&print->pdf, ssa_offer_pdf_free);
  g_clear_pointer (&print->job, document_job_unref);
  g_clear_object (&print->file);
  g_clear_pointer (&print->output, ssa_output_free);
  g_free (print);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *print)
{
  g_autoptr(GError) error = NULL;
  guint n_pages;

  print->pdf = ssa_offer_pdf_new (print->job->offer, print->job->inventory, print->job->info,
                                  &error);
  if (print->pdf == NULL)
    {
      g_warning ("Cannot lay out the offer: %s", error->message);
      gtk_print_operation_cancel (operation);
      return;
    }
  n_pages = ssa_offer_pdf_paginate (print->pdf, gtk_print_context_get_width (context),
                                    gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) n_pages);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *print)
{
  if (print->pdf == NULL)
    return;
  ssa_offer_pdf_render_page (print->pdf, gtk_print_context_get_cairo_context (context),
                             (guint) page_nr,
                             gtk_print_context_get_width (context),
                             gtk_print_context_get_height (context));
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               SsaOfferBuilder         *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      gtk_print_operation_get_error (operation, &error);
      message = g_strdup_printf (_("The offer could not be printed: %s"),
                                 error != NULL ? error->message : _("unknown error"));
      ssa_page_show_message (GTK_WIDGET (self), message);
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      PrintJob *print = g_object_get_data (G_OBJECT (operation), "ssa-print-job");
      GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
      const char *output_uri = NULL;
      g_autoptr(GError) error = NULL;

      /* "Print to File" in the dialog leaves the file's address in the settings; a
       * printer does not. */
      if (settings != NULL)
        output_uri = gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI);

      /* The PDF GTK wrote into the output's temporary file is complete: into place. */
      if (print != NULL && print->output != NULL && !ssa_output_commit (print->output, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The offer could not be saved: %s"),
                                                      error->message);

          ssa_page_show_message (GTK_WIDGET (self), message);
        }
      else if (print != NULL && print->file != NULL)
        show_saved_toast (self, print->file);
      else if (output_uri != NULL)
        {
          g_autoptr(GFile) file = g_file_new_for_uri (output_uri);

          show_saved_toast (self, file);
        }
      else
        ssa_page_show_message (GTK_WIDGET (self), _("The offer was sent to the printer"));
    }
}

/* "Print to File" in the print dialog proposes the offer's name in the Documents folder;
 * GTK would take the working directory when the user has no Documents folder. */
static void
set_print_to_file_defaults (SsaOfferBuilder   *self,
                            GtkPrintOperation *operation)
{
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  g_autoptr(GFile) folder = ssa_gui_dup_documents_folder ();
  g_autofree char *path = g_file_get_path (folder);
  g_autofree char *name = suggested_name (self, SSA_OFFER_DOCUMENT_PDF);
  char *extension = g_strrstr (name, ".pdf");

  if (extension != NULL)
    *extension = '\0';
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_DIR, path);
  gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_BASENAME, name);
  gtk_print_operation_set_print_settings (operation, settings);
}

static void
print_info_ready_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  SsaOfferBuilder *self = SSA_OFFER_BUILDER (object);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PrintJob *print;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The offer could not be printed: %s"), error->message);
      ssa_page_show_message (GTK_WIDGET (self), message);
      return;
    }

  print = g_new0 (PrintJob, 1);
  print->job = g_atomic_rc_box_acquire (g_task_get_task_data (G_TASK (result)));
  warn_missing_seller (self, print->job->info, FALSE);
  print->file = g_object_get_data (G_OBJECT (result), "ssa-export-file");
  if (print->file != NULL)
    g_object_ref (print->file);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, _("SSA offer"));
  /* The pages of Save as PDF: A4, the whole sheet, the renderer's own margins. Printed on
   * the printable area only, the same offer broke onto a second page. */
  {
    g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
    g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

    gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
    gtk_print_operation_set_default_page_setup (operation, setup);
  }
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), print);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), print);
  g_signal_connect_object (operation, "done", G_CALLBACK (print_done_cb), self, 0);
  g_object_set_data_full (G_OBJECT (operation), "ssa-print-job", print,
                          (GDestroyNotify) print_job_free);

  /* GTK writes the PDF by name: into the temporary file of an output, committed when the
   * operation is done, so that the database or a pipe is never replaced. */
  if (print->file != NULL)
    {
      g_autofree char *path = g_file_get_path (print->file);
      const char *temp_path = NULL;

      if (path == NULL)
        g_set_error_literal (&error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NOT_A_FILE,
                             _("Choose a file on this computer."));
      else
        print->output = ssa_output_open (path, &error);
      if (print->output != NULL)
        temp_path = ssa_output_get_temp_path (print->output, &error);
      if (temp_path == NULL)
        {
          g_autofree char *message = g_strdup_printf (_("The offer could not be saved: %s"),
                                                      error->message);

          ssa_page_show_message (GTK_WIDGET (self), message);
          return;
        }
      gtk_print_operation_set_export_filename (operation, temp_path);
    }
  else
    set_print_to_file_defaults (self, operation);

  if (gtk_print_operation_run (operation,
                               print->file != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                   : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *message = g_strdup_printf (_("The offer could not be printed: %s"),
                                                  error->message);
      ssa_page_show_message (GTK_WIDGET (self), message);
    }
}

/* Saving the offer. */

typedef struct
{
  gint64           installation_id;
  SsaOfferRequest  request;
  guint            validity_days;  /* the validity the builder shows */
  char            *revise;         /* the number of the offer to revise, or NULL */
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  g_free (job->revise);
  g_free (job);
}

/* Runs in a worker, through ssa_db_job_run_async(): stores a new offer, or the next
 * revision of the one being revised. */
static gpointer
save_offer_job (SsaDb         *db,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  SaveJob *job = data;

  if (job->revise != NULL)
    return ssa_db_revise_offer (db, job->revise, &job->request, NULL, job->validity_days,
                                NULL, error);
  return ssa_db_create_offer (db, job->installation_id, &job->request, NULL,
                              job->validity_days, NULL, error);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SsaOfferBuilder) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  SsaDbOffer *stored;
  AdwToast *toast;

  update_actions (self);

  stored = ssa_db_job_finish (result, &error);
  if (stored == NULL)
    {
      /* Cancelled: the window is closing, nobody is there to tell. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      message = g_strdup_printf (_("The offer was not saved: %s"), error->message);
      ssa_page_show_message (GTK_WIDGET (self), message);
      return;
    }

  g_clear_pointer (&self->saved, ssa_db_offer_free);
  self->saved = stored;

  /* Translators: %s is the new offer's number, e.g. "2026-0001". */
  message = g_strdup_printf (_("Offer %s saved"), stored->number);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Show"));
  adw_toast_set_action_name (toast, "win.show-offer");
  adw_toast_set_action_target_value (toast, g_variant_new_string (stored->number));
  ssa_page_show_toast (GTK_WIDGET (self), toast);

  g_signal_emit (self, signals[OFFER_SAVED], 0, stored->number);
}

void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SsaOfferBuilder *self = SSA_OFFER_BUILDER (widget);
  SaveJob *job;

  if (self->offer == NULL || self->installation == NULL || self->db_path == NULL)
    return;

  job = g_new0 (SaveJob, 1);
  job->installation_id = ssa_installation_get_id (self->installation);
  job->request = self->request;
  /* The worker reads the missing licences again from the database it stores into. */
  job->request.true_up_items = NULL;
  /* The documents' language is stored with the offer, for "offer export". */
  job->request.lang = ssa_page_get_document_lang (GTK_WIDGET (self));
  /* The offer is valid for the days shown, even when they were typed without Enter. */
  gtk_spin_button_update (self->validity_spin);
  job->validity_days = (guint) gtk_spin_button_get_value_as_int (self->validity_spin);
  job->revise = g_strdup (self->revising);

  /* One save at a time: a double click makes one offer. */
  gtk_widget_action_set_enabled (widget, "offer.save", FALSE);

  ssa_db_job_run_async (self->db_path, save_offer_job, job, (GDestroyNotify) save_job_free,
                        (GDestroyNotify) ssa_db_offer_free, self->cancellable, saved_cb,
                        g_object_ref (self));
}

/* Prints the offer as shown, through the print dialog, or into @file (a PDF) without one. */
static void
start_print (SsaOfferBuilder *self,
             GFile           *file)
{
  g_autoptr(GTask) task = NULL;

  if (self->offer == NULL)
    return;

  /* The reseller's profile is read in a worker first; the pages are drawn on the main
   * thread, as GtkPrintOperation asks for them. */
  task = g_task_new (self, self->cancellable, print_info_ready_cb, NULL);
  g_task_set_source_tag (task, start_print);
  g_task_set_name (task, "[ssa-desk] print offer");
  g_task_set_task_data (task, document_job_new (self), (GDestroyNotify) document_job_unref);
  if (file != NULL)
    g_object_set_data_full (G_OBJECT (task), "ssa-export-file", g_object_ref (file),
                            g_object_unref);
  g_task_run_in_thread (task, document_thread);
}

void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start_print (SSA_OFFER_BUILDER (widget), NULL);
}

void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SsaOfferBuilder *self = SSA_OFFER_BUILDER (widget);

  if (self->offer != NULL)
    choose_file (self, SSA_OFFER_DOCUMENT_PDF);
}

void
export_xlsx_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  SsaOfferBuilder *self = SSA_OFFER_BUILDER (widget);

  if (self->offer != NULL)
    choose_file (self, SSA_OFFER_DOCUMENT_XLSX);
}

/**
 * ssa_offer_builder_print_to_file:
 * @self: a builder with an offer
 * @file: a PDF file to write
 *
 * Prints the offer as "Print" does, through GtkPrintOperation and the same pages, but into
 * @file instead of to a printer. A toast says when it is done.
 */
void
ssa_offer_builder_print_to_file (SsaOfferBuilder *self,
                                 GFile           *file)
{
  g_return_if_fail (SSA_IS_OFFER_BUILDER (self));
  g_return_if_fail (G_IS_FILE (file));

  start_print (self, file);
}
