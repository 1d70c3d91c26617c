/* ssa-offer-send.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <libportal/portal.h>
#include <libportal-gtk4/portal-gtk4.h>

#include "ssa-db-job.h"
#include "ssa-db-offers.h"
#include "ssa-db.h"
#include "ssa-gui-util.h"
#include "ssa-offer-mail.h"
#include "ssa-offer-send.h"
#include "ssa-page-common.h"

/* "Send by E-mail…": the stored offer's documents are written from what is stored with it
 * (ssa-offer-mail.h, as `offer export` writes them), then handed to the desktop's e-mail
 * portal (org.freedesktop.portal.Email), which opens a new message in the user's mail
 * program. Where no portal answers, the same message is written as a draft (.eml) to the
 * Documents folder and opened with the default mail program. */

#define PORTAL_BUS_NAME    "org.freedesktop.portal.Desktop"
#define PORTAL_OBJECT_PATH "/org/freedesktop/portal/desktop"
#define PORTAL_EMAIL       "org.freedesktop.portal.Email"
/* How long a portal may take to say it is there (it may be started on demand). */
#define PORTAL_TIMEOUT_MS  10000

typedef struct
{
  char            *number;
  gboolean         with_workbook;
  GtkWidget       *parent;       /* nullable */
  SsaOfferMail    *mail;
  SsaOfferSendWay  way;
  GFile           *draft;
  gboolean         opened;
} SendJob;

static void
send_job_free (gpointer data)
{
  SendJob *job = data;

  g_free (job->number);
  g_clear_object (&job->parent);
  g_clear_pointer (&job->mail, ssa_offer_mail_free);
  g_clear_object (&job->draft);
  g_free (job);
}

typedef struct
{
  char     *number;
  gboolean  with_workbook;
} MailData;

static void
mail_data_free (gpointer data)
{
  MailData *mail = data;

  g_free (mail->number);
  g_free (mail);
}

/* Runs in a worker: the documents and the message. */
static gpointer
build_mail_job (SsaDb         *db,
                gpointer       user_data,
                GCancellable  *cancellable,
                GError       **error)
{
  MailData *data = user_data;
  g_autoptr(SsaDbOffer) stored = ssa_db_load_offer (db, data->number, error);
  g_autofree char *folder = NULL;

  if (stored == NULL)
    return NULL;
  folder = ssa_offer_mail_dup_folder (stored->number);
  if (folder == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The folder for the e-mail’s documents could not be made in %s."),
                   g_get_user_cache_dir ());
      return NULL;
    }
  return ssa_offer_mail_new (db, stored, NULL, data->with_workbook, folder, error);
}

static void
draft_launched_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SendJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* No mail program for .eml files is no failure: the draft is there to open. */
  job->opened = g_app_info_launch_default_for_uri_finish (result, &error);
  if (!job->opened)
    g_debug ("The draft was not opened: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* No portal: the message as a draft in the Documents folder, opened with the default mail
 * program. */
static void
write_draft (GTask *task)
{
  SendJob *job = g_task_get_task_data (task);
  const SsaMailAttachment *pdf = g_ptr_array_index (job->mail->attachments, 0);
  g_autoptr(GFile) folder = ssa_gui_dup_documents_folder ();
  g_autofree char *stem = g_strndup (pdf->filename, strlen (pdf->filename) - strlen (".pdf"));
  g_autofree char *name = g_strconcat (stem, ".eml", NULL);
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GAppLaunchContext) context = NULL;
  g_autoptr(GError) error = NULL;

  job->way = SSA_OFFER_SEND_DRAFT;
  job->draft = g_file_get_child (folder, name);
  path = g_file_get_path (job->draft);
  if (!ssa_offer_mail_write_eml (job->mail, path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  uri = g_file_get_uri (job->draft);
  if (job->parent != NULL)
    context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
                                      gtk_widget_get_display (job->parent)));
  g_app_info_launch_default_for_uri_async (uri, context, g_task_get_cancellable (task),
                                           draft_launched_cb, task);
}

static void
composed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (xdp_portal_compose_email_finish (XDP_PORTAL (object), result, &error))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  /* The user closed the portal's dialog: nothing more to do. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  g_debug ("The e-mail portal failed: %s", error->message);
  write_draft (task);
}

static void
compose (GTask *task)
{
  SendJob *job = g_task_get_task_data (task);
  g_autoptr(XdpPortal) portal = xdp_portal_new ();
  g_autoptr(XdpParent) parent = NULL;
  g_autofree const char **attachments = ssa_offer_mail_get_attachment_paths (job->mail);
  const char *addresses[] = { job->mail->to_address, NULL };
  GtkRoot *root = job->parent != NULL ? gtk_widget_get_root (job->parent) : NULL;

  job->way = SSA_OFFER_SEND_PORTAL;
  if (GTK_IS_WINDOW (root) && gtk_widget_get_realized (GTK_WIDGET (root)))
    parent = xdp_parent_new_gtk (GTK_WINDOW (root));
  xdp_portal_compose_email (portal, parent,
                            job->mail->to_address != NULL ? addresses : NULL, NULL, NULL,
                            job->mail->subject, job->mail->body, attachments,
                            XDP_EMAIL_FLAG_NONE, g_task_get_cancellable (task),
                            composed_cb, task);
}

/* libportal 0.6 asks for the portal's version without checking the answer: ask first, so
 * that a desktop without the portal gets the draft instead. */
static void
portal_version_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result,
                                                             &error);

  if (reply == NULL)
    {
      g_debug ("No e-mail portal: %s", error->message);
      write_draft (task);
      return;
    }
  compose (task);
}

static void
bus_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = g_bus_get_finish (result, &error);

  if (bus == NULL)
    {
      g_debug ("No session bus: %s", error->message);
      write_draft (task);
      return;
    }
  g_dbus_connection_call (bus, PORTAL_BUS_NAME, PORTAL_OBJECT_PATH,
                          "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", PORTAL_EMAIL, "version"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, PORTAL_TIMEOUT_MS,
                          g_task_get_cancellable (task), portal_version_cb, task);
}

static void
mail_built_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GTask *task = user_data;
  SendJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  job->mail = ssa_db_job_finish (result, &error);
  if (job->mail == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  g_bus_get (G_BUS_TYPE_SESSION, g_task_get_cancellable (task), bus_cb, task);
}

/**
 * ssa_offer_send_async:
 * @parent: (nullable): a widget of the window the portal's dialog belongs to
 * @db_path: the database
 * @number: the stored offer's number
 * @with_workbook: whether the workbook goes with the PDF
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the message is with the mail program, or written as a draft
 * @user_data: for @callback
 *
 * Writes the offer's documents and opens a new message to the customer with them attached:
 * through the e-mail portal, else as a draft in the Documents folder.
 */
void
ssa_offer_send_async (GtkWidget           *parent,
                      const char          *db_path,
                      const char          *number,
                      gboolean             with_workbook,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  SendJob *job;
  MailData *data;

  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (db_path != NULL && number != NULL);

  job = g_new0 (SendJob, 1);
  job->number = g_strdup (number);
  job->with_workbook = with_workbook;
  job->parent = parent != NULL ? g_object_ref (parent) : NULL;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, ssa_offer_send_async);
  g_task_set_name (task, "[ssa-desk] send offer");
  g_task_set_task_data (task, job, send_job_free);

  data = g_new0 (MailData, 1);
  data->number = g_strdup (number);
  data->with_workbook = with_workbook;
  ssa_db_job_run_async (db_path, build_mail_job, data, mail_data_free,
                        (GDestroyNotify) ssa_offer_mail_free, cancellable, mail_built_cb,
                        task);
}

/**
 * ssa_offer_send_finish:
 * @result: the result
 * @out_way: (out) (optional): how the message went to the mail program
 * @out_draft: (out) (optional) (transfer full): the draft written, for
 *   %SSA_OFFER_SEND_DRAFT
 * @out_opened: (out) (optional): whether a mail program opened the draft
 * @error: a #GError; %G_IO_ERROR_CANCELLED when the user closed the portal's dialog
 *
 * Returns: whether the message reached the mail program or a draft
 */
gboolean
ssa_offer_send_finish (GAsyncResult     *result,
                       SsaOfferSendWay  *out_way,
                       GFile           **out_draft,
                       gboolean         *out_opened,
                       GError          **error)
{
  SendJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (out_way != NULL)
    *out_way = job->way;
  if (out_draft != NULL)
    *out_draft = job->draft != NULL ? g_object_ref (job->draft) : NULL;
  if (out_opened != NULL)
    *out_opened = job->opened;
  return TRUE;
}

/* The window: a question, the sending, then the offer to mark it as sent. */

static void
mark_sent_clicked_cb (AdwToast  *toast,
                      GtkWidget *page)
{
  const char *number = g_object_get_data (G_OBJECT (toast), "ssa-number");

  gtk_widget_activate_action (page, "offers.mark-sent", "s", number);
}

typedef struct
{
  GtkWidget *page;
  gboolean   offer_mark_sent;
} SentData;

static void
sent_data_free (SentData *sent)
{
  g_object_unref (sent->page);
  g_free (sent);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SentData, sent_data_free)

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SentData) sent = user_data;
  GtkWidget *page = sent->page;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) draft = NULL;
  g_autofree char *message = NULL;
  SendJob *job = g_task_get_task_data (G_TASK (result));
  g_autofree char *number = g_strdup (job->number);
  SsaOfferSendWay way;
  gboolean opened = FALSE;
  AdwToast *toast;

  if (!ssa_offer_send_finish (result, &way, &draft, &opened, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          gtk_widget_get_root (page) == NULL)
        return;
      message = g_strdup_printf (_("The offer could not be sent: %s"), error->message);
      ssa_page_show_message (page, message);
      return;
    }
  if (gtk_widget_get_root (page) == NULL)
    return;

  if (way == SSA_OFFER_SEND_PORTAL)
    /* Translators: %s is the offer's number. */
    message = g_strdup_printf (_("Offer %s is in a new message in your mail program"), number);
  else if (opened)
    {
      g_autofree char *saved = ssa_gui_dup_saved_message (draft);

      /* Translators: %s says where the draft was saved: "Saved “…” in Documents". */
      message = g_strdup_printf (_("%s and opened in your mail program"), saved);
    }
  else
    {
      g_autofree char *saved = ssa_gui_dup_saved_message (draft);

      /* Translators: %s says where the draft was saved: "Saved “…” in Documents". */
      message = g_strdup_printf (_("%s: open it with your mail program to send it"), saved);
    }

  toast = adw_toast_new (message);
  /* A draft: the user sends the message in the mail program, which may take a while, so
   * the toast stays until it is answered or replaced. An offer sent before stays sent. */
  if (sent->offer_mark_sent)
    {
      adw_toast_set_timeout (toast, 0);
      adw_toast_set_button_label (toast, _("Mark as _Sent"));
      g_object_set_data_full (G_OBJECT (toast), "ssa-number", g_strdup (number), g_free);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (mark_sent_clicked_cb), page,
                               0);
    }
  ssa_page_show_toast (page, toast);
}

typedef struct
{
  GtkWidget      *page;
  char           *db_path;
  char           *number;
  gboolean        offer_mark_sent;
  GtkCheckButton *workbook;
} AskData;

static void
ask_data_free (gpointer  data,
               GClosure *closure)
{
  AskData *ask = data;

  g_object_unref (ask->page);
  g_free (ask->db_path);
  g_free (ask->number);
  g_free (ask);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 AskData          *ask)
{
  SentData *sent;

  if (!g_str_equal (response, "send"))
    return;
  sent = g_new0 (SentData, 1);
  sent->page = g_object_ref (ask->page);
  sent->offer_mark_sent = ask->offer_mark_sent;
  ssa_offer_send_async (ask->page, ask->db_path, ask->number,
                        gtk_check_button_get_active (ask->workbook), NULL, sent_cb, sent);
}

/**
 * ssa_offer_send_run:
 * @page: the page that asks (the offers register)
 * @db_path: the database
 * @number: the stored offer's number
 * @offer_mark_sent: whether the toast after sending offers to mark the offer as sent (a
 *   draft; an offer sent before is sent again)
 *
 * Asks whether the workbook goes with the PDF, sends the offer, and offers in a toast to
 * mark it as sent ("offers.mark-sent" on @page, with the number).
 */
void
ssa_offer_send_run (GtkWidget  *page,
                    const char *db_path,
                    const char *number,
                    gboolean    offer_mark_sent)
{
  GtkRoot *root = gtk_widget_get_root (page);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  AskData *ask;

  g_return_if_fail (GTK_IS_WIDGET (page));

  /* Translators: %s is the offer's number. */
  heading = g_strdup_printf (_("Send Offer %s by E-mail?"), number);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                       : NULL, heading, NULL));
  adw_message_dialog_set_body (dialog,
                               _("Your mail program opens a new message to the customer’s "
                                 "e-mail address with the offer as a PDF attached, for you to "
                                 "check and send."));
  ask = g_new0 (AskData, 1);
  ask->page = g_object_ref (page);
  ask->db_path = g_strdup (db_path);
  ask->number = g_strdup (number);
  ask->offer_mark_sent = offer_mark_sent;
  ask->workbook = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
                                      _("Attach the _workbook (Excel) too")));
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (ask->workbook));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "send", _("_Send"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "send");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (ask_response_cb), ask,
                         ask_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
