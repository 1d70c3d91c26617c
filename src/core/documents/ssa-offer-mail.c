/* ssa-offer-mail.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-documents"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ssa-customer.h"
#include "ssa-date.h"
#include "ssa-gmime-lib.h"
#include "ssa-db-inventory.h"
#include "ssa-db-offers.h"
#include "ssa-db.h"
#include "ssa-installation.h"
#include "ssa-offer-mail.h"
#include "ssa-offer-files.h"

#include "ssa-document-details.h"
#include "ssa-offer-pdf.h"
#include "ssa-offer-reader.h"
#include "ssa-offer-xlsx.h"
#include "ssa-output.h"
#include "ssa-profile.h"

/* GMime 3.2 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMessage, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeMultipart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeTextPart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimePart, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeStream, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeDataWrapper, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GMimeContentType, g_object_unref)

/**
 * ssa_stored_offer_load_documents:
 * @db: the database
 * @stored: an offer as ssa_db_load_offer() gives it (with its snapshot and inventory)
 * @lang: (nullable): "nb" or "en" to write the documents in, else the offer's own language
 * @out_offer: (out): the offer as stored
 * @out_inventory: (out): the installation as it was
 * @out_info: (out): what its documents show beyond the offer
 * @out_current_seller: (out) (optional): set to %TRUE when the offer was stored before the
 *   seller was kept with offers (schema version 1), so that the documents show the profile
 *   as it is now: the caller says so
 * @error: a #GError
 *
 * What a stored offer's documents are written from, whatever writes them: the same content
 * as when it was created, whatever the price lists, installation and profile are now.
 * `offer export` and sending from the window both take it from here.
 *
 * Returns: whether all three were read
 */
gboolean
ssa_stored_offer_load_documents (SsaDb             *db,
                                 const SsaDbOffer  *stored,
                                 const char        *lang,
                                 SsaOffer         **out_offer,
                                 SsaInventory     **out_inventory,
                                 SsaDocumentInfo  **out_info,
                                 gboolean          *out_current_seller,
                                 GError           **error)
{
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaDocumentInfo) info = ssa_document_info_new ();
  SsaOfferRequest request;
  gboolean current_seller = FALSE;

  g_return_val_if_fail (stored != NULL && stored->snapshot != NULL, FALSE);

  offer = ssa_offer_new_from_json (stored->snapshot, strlen (stored->snapshot), error);
  if (offer == NULL)
    return FALSE;
  inventory = ssa_inventory_new_from_data (stored->inventory != NULL ? stored->inventory : "",
                                           stored->inventory != NULL
                                           ? strlen (stored->inventory) : 0,
                                           stored->number, error);
  if (inventory == NULL)
    return FALSE;
  if (!ssa_db_offer_get_request (stored, &request, error))
    return FALSE;

  info->lang = lang != NULL ? ssa_lang_from_string (lang) : request.lang;
  /* The same details as the window's and the renewal batch's documents
   * (ssa-document-details.h): the seller as stored with the offer, else the profile as it
   * is now. */
  if (!ssa_document_details_load (db, stored->installation_id, stored, NULL, inventory, info,
                                  error))
    return FALSE;
  current_seller = stored->seller == NULL;

  *out_offer = g_steal_pointer (&offer);
  *out_inventory = g_steal_pointer (&inventory);
  *out_info = g_steal_pointer (&info);
  if (out_current_seller != NULL)
    *out_current_seller = current_seller;
  return TRUE;
}

static void
attachment_free (gpointer data)
{
  SsaMailAttachment *attachment = data;

  g_free (attachment->filename);
  g_free (attachment->content_type);
  g_free (attachment->path);
  g_free (attachment);
}

void
ssa_offer_mail_free (SsaOfferMail *self)
{
  if (self == NULL)
    return;
  g_free (self->number);
  g_free (self->to_name);
  g_free (self->to_address);
  g_free (self->from_name);
  g_free (self->from_address);
  g_free (self->subject);
  g_free (self->body);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_free (self);
}

static char *
nonempty (const char *text)
{
  g_autofree char *stripped = text != NULL ? g_strstrip (g_strdup (text)) : NULL;

  return stripped != NULL && stripped[0] != '\0' ? g_steal_pointer (&stripped) : NULL;
}

/* The customer the offer goes to, as the database holds it now: the address to write to
 * is the one the user keeps up to date, not the one of the day the offer was made. An
 * installation or customer deleted since leaves the name the offer was stored with. */
static gboolean
find_recipient (SsaDb             *db,
                const SsaDbOffer  *stored,
                SsaOfferMail      *mail,
                GError           **error)
{
  g_autoptr(SsaInstallation) installation = NULL;
  g_autoptr(SsaCustomer) customer = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 customer_id;

  installation = ssa_db_load_installation (db, stored->installation_id, &local_error);
  if (installation == NULL)
    {
      if (!g_error_matches (local_error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      mail->to_name = nonempty (stored->customer_name);
      return TRUE;
    }

  customer_id = ssa_installation_get_customer_id (installation);
  if (customer_id > 0)
    {
      customer = ssa_db_load_customer (db, customer_id, &local_error);
      if (customer == NULL &&
          !g_error_matches (local_error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  if (customer != NULL)
    {
      mail->to_address = nonempty (ssa_customer_get_email (customer));
      mail->to_name = nonempty (ssa_customer_get_contact (customer));
      if (mail->to_name == NULL)
        mail->to_name = nonempty (ssa_customer_get_name (customer));
    }
  if (mail->to_name == NULL)
    mail->to_name = nonempty (stored->customer_name);
  return TRUE;
}

/* A file name from the user's data must not make folders. */
static char *
clean_file_name (const char *name)
{
  g_autoptr(GString) clean = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    g_string_append_c (clean, *p == '/' || *p == '\\' ? '-' : *p);
  return g_string_free (g_steal_pointer (&clean), FALSE);
}

static const char *
add_attachment (SsaOfferMail *mail,
                const char   *folder,
                const char   *stem,
                const char   *extension,
                const char   *content_type)
{
  SsaMailAttachment *attachment = g_new0 (SsaMailAttachment, 1);

  attachment->filename = g_strconcat (stem, ".", extension, NULL);
  attachment->content_type = g_strdup (content_type);
  attachment->path = g_build_filename (folder, attachment->filename, NULL);
  g_ptr_array_add (mail->attachments, attachment);
  return attachment->path;
}

/**
 * ssa_offer_mail_new:
 * @db: the database
 * @stored: an offer as ssa_db_load_offer() gives it
 * @lang: (nullable): "nb" or "en", else the offer's own language
 * @with_workbook: whether the workbook goes with the PDF
 * @folder: an existing folder to write the documents to
 * @error: a #GError
 *
 * Writes the offer's documents to @folder, from what is stored with it (as `offer export`
 * does), and words the message: to the customer's contact at the customer's e-mail, a
 * subject and a body in the documents' language naming the offer's number, its total and
 * its acceptance deadline (akseptfrist: the last day the offer is valid).
 *
 * Returns: (transfer full) (nullable): the message, or %NULL when a document could not be
 *   written
 */
SsaOfferMail *
ssa_offer_mail_new (SsaDb             *db,
                    const SsaDbOffer  *stored,
                    const char        *lang,
                    gboolean           with_workbook,
                    const char        *folder,
                    GError           **error)
{
  g_autoptr(SsaOfferMail) mail = g_new0 (SsaOfferMail, 1);
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaDocumentInfo) info = NULL;
  g_autofree char *total = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *file_stem = NULL;
  SsaOfferFilePaths files = { { NULL, } };
  g_autofree char *greeting = NULL;
  g_autofree char *text = NULL;
  g_autofree char *signature = NULL;
  const char *installation_name;
  GDate valid_until;
  SsaLang doc_lang;

  g_return_val_if_fail (stored != NULL, NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  if (!ssa_stored_offer_load_documents (db, stored, lang, &offer, &inventory, &info, NULL,
                                        error))
    return NULL;
  doc_lang = info->lang;

  mail->number = g_strdup (stored->number);
  mail->attachments = g_ptr_array_new_with_free_func (attachment_free);
  if (!find_recipient (db, stored, mail, error))
    return NULL;
  mail->from_name = nonempty (info->reseller.company_name);
  mail->from_address = nonempty (info->reseller.email);

  total = ssa_money_format (offer->totals.total, offer->currency, doc_lang);
  /* An offer with alternatives names each one's total, none summed with another:
   * "3 764,68 kr (Alternativ 1), 7 810,01 kr (Alternativ 2)". */
  if (ssa_offer_get_n_alternatives (offer) > 1)
    {
      GString *totals = g_string_new (NULL);

      for (guint n = 1; n <= ssa_offer_get_n_alternatives (offer); n++)
        {
          const SsaOffer *alternative = ssa_offer_get_alternative (offer, n);
          g_autofree char *amount = ssa_money_format (alternative->totals.total,
                                                      alternative->currency, doc_lang);
          g_autofree char *name = ssa_doc_string_printf (doc_lang, SSA_DOC_ALTERNATIVE, n);

          g_string_append_printf (totals, "%s%s (%s)", n > 1 ? ", " : "", amount, name);
        }
      g_free (total);
      total = g_string_free (totals, FALSE);
    }
  ssa_document_info_get_valid_until (info, offer, &valid_until);
  deadline = ssa_date_format (&valid_until, doc_lang);
  mail->subject = ssa_doc_string_printf (doc_lang, SSA_DOC_MAIL_SUBJECT, stored->number,
                                         total, deadline);

  installation_name = stored->installation_name != NULL && stored->installation_name[0] != '\0'
                      ? stored->installation_name
                      : (stored->customer_name != NULL ? stored->customer_name : "");
  signature = g_strdup (mail->from_name != NULL ? mail->from_name : "");
  if (mail->to_name != NULL)
    greeting = ssa_doc_string_printf (doc_lang, SSA_DOC_MAIL_GREETING, mail->to_name);
  else
    {
      /* "Hello," without a name: the greeting's format with the name and its space
       * taken out. */
      g_autofree char *with_name = ssa_doc_string_printf (doc_lang, SSA_DOC_MAIL_GREETING,
                                                          "\x01");
      g_auto(GStrv) parts = g_strsplit (with_name, " \x01", 2);

      greeting = g_strjoinv ("", parts);
    }
  text = ssa_doc_string_printf (doc_lang, SSA_DOC_MAIL_BODY, stored->number,
                                installation_name, total, deadline, signature);
  mail->body = g_strconcat (greeting, "\n\n", text, "\n", NULL);

  stem = ssa_doc_string_printf (doc_lang, SSA_DOC_MAIL_FILE, stored->number);
  file_stem = clean_file_name (stem);
  files.paths[SSA_OFFER_FILE_PDF] = add_attachment (mail, folder, file_stem, "pdf",
                                                    SSA_MAIL_TYPE_PDF);
  if (with_workbook)
    files.paths[SSA_OFFER_FILE_XLSX] = add_attachment (mail, folder, file_stem, "xlsx",
                                                       SSA_MAIL_TYPE_XLSX);
  /* All or nothing: a workbook that fails leaves no PDF behind either. */
  if (!ssa_offer_files_write (&files, NULL, offer, inventory, info, NULL, error))
    return NULL;

  return g_steal_pointer (&mail);
}

/**
 * ssa_offer_mail_get_attachment_paths:
 *
 * Returns: (transfer container): the attachments' paths, %NULL-terminated; free the array
 *   with g_free()
 */
const char **
ssa_offer_mail_get_attachment_paths (const SsaOfferMail *self)
{
  const char **paths = g_new0 (const char *, self->attachments->len + 1);

  for (guint i = 0; i < self->attachments->len; i++)
    paths[i] = ((SsaMailAttachment *) g_ptr_array_index (self->attachments, i))->path;
  return paths;
}

/**
 * ssa_offer_mail_dup_folder:
 * @number: the offer's number
 *
 * The folder the window writes a sent offer's documents to: they must outlive the call to
 * the e-mail portal, since the mail program reads them when the user sends the message.
 * Under the user's cache folder; a later send of the same offer replaces them.
 *
 * Returns: (transfer full): the folder's path, created; %NULL when it cannot be made
 */
char *
ssa_offer_mail_dup_folder (const char *number)
{
  g_autofree char *name = clean_file_name (number);
  g_autofree char *folder = g_build_filename (g_get_user_cache_dir (), "ssa-desk", "mail",
                                              name, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    return NULL;
  return g_steal_pointer (&folder);
}

static char *
message_id_domain (const char *address)
{
  const char *at = address != NULL ? strrchr (address, '@') : NULL;

  if (at != NULL && at[1] != '\0')
    return g_strdup (at + 1);
  return g_strdup ("ssa-desk.invalid");
}

/**
 * ssa_offer_mail_to_mime:
 * @self: a message
 * @error: a #GError
 *
 * The message as an unsent draft (RFC 5322, MIME built by GMime): To, From, Subject, Date,
 * a Message-Id, the header `X-Unsent: 1` that makes mail programs open it for editing and
 * sending, a text/plain body in UTF-8 and the documents as base64 attachments. Lines end
 * in CRLF.
 *
 * Returns: (transfer full) (nullable): the message's bytes
 */
GBytes *
ssa_offer_mail_to_mime (const SsaOfferMail  *self,
                        GError             **error)
{
  g_autoptr(GMimeMessage) message = NULL;
  g_autoptr(GMimeMultipart) mixed = NULL;
  g_autoptr(GMimeTextPart) text = NULL;
  g_autoptr(GMimeStream) body_stream = NULL;
  g_autoptr(GMimeDataWrapper) body_wrapper = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GMimeStream) stream = NULL;
  g_autofree char *domain = message_id_domain (self->from_address);
  g_autofree char *message_id = NULL;
  GMimeFormatOptions *options;
  GByteArray *array;

  g_return_val_if_fail (self != NULL, NULL);

  if (!ssa_gmime_lib_load (error))
    return NULL;
  message = g_mime_message_new (TRUE);
  if (self->to_address != NULL)
    g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_TO, self->to_name,
                                self->to_address);
  if (self->from_address != NULL)
    g_mime_message_add_mailbox (message, GMIME_ADDRESS_TYPE_FROM, self->from_name,
                                self->from_address);
  g_mime_message_set_subject (message, self->subject, "utf-8");
  g_mime_message_set_date (message, now);
  message_id = g_mime_utils_generate_message_id (domain);
  g_mime_message_set_message_id (message, message_id);
  g_mime_object_set_header (GMIME_OBJECT (message), "X-Unsent", "1", NULL);

  mixed = g_mime_multipart_new_with_subtype ("mixed");
  /* UTF-8 always: GMime would choose the narrowest charset that holds the text. */
  text = g_mime_text_part_new_with_subtype ("plain");
  body_stream = g_mime_stream_mem_new_with_buffer (self->body, strlen (self->body));
  body_wrapper = g_mime_data_wrapper_new_with_stream (body_stream,
                                                      GMIME_CONTENT_ENCODING_DEFAULT);
  g_mime_part_set_content (GMIME_PART (text), body_wrapper);
  g_mime_object_set_content_type_parameter (GMIME_OBJECT (text), "charset", "utf-8");
  g_mime_part_set_content_encoding (GMIME_PART (text), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  g_mime_multipart_add (mixed, GMIME_OBJECT (text));

  for (guint i = 0; i < self->attachments->len; i++)
    {
      const SsaMailAttachment *attachment = g_ptr_array_index (self->attachments, i);
      g_autoptr(GMimePart) part = NULL;
      g_autoptr(GMimeStream) content = NULL;
      g_autoptr(GMimeDataWrapper) wrapper = NULL;
      g_autoptr(GMimeContentType) type = NULL;
      g_autofree char *data = NULL;
      gsize length;

      if (!g_file_get_contents (attachment->path, &data, &length, error))
        return NULL;
      type = g_mime_content_type_parse (NULL, attachment->content_type);
      part = g_mime_part_new_with_type (g_mime_content_type_get_media_type (type),
                                        g_mime_content_type_get_media_subtype (type));
      g_mime_part_set_filename (part, attachment->filename);
      g_mime_object_set_disposition (GMIME_OBJECT (part), GMIME_DISPOSITION_ATTACHMENT);
      g_mime_part_set_content_encoding (part, GMIME_CONTENT_ENCODING_BASE64);
      content = g_mime_stream_mem_new_with_buffer (data, length);
      wrapper = g_mime_data_wrapper_new_with_stream (content, GMIME_CONTENT_ENCODING_DEFAULT);
      g_mime_part_set_content (part, wrapper);
      g_mime_multipart_add (mixed, GMIME_OBJECT (part));
    }
  g_mime_message_set_mime_part (message, GMIME_OBJECT (mixed));

  options = g_mime_format_options_new ();
  g_mime_format_options_set_newline_format (options, GMIME_NEWLINE_FORMAT_DOS);
  stream = g_mime_stream_mem_new ();
  if (g_mime_object_write_to_stream (GMIME_OBJECT (message), options, stream) < 0)
    {
      g_mime_format_options_free (options);
      g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_FAILED, "%s",
                   _("The e-mail message could not be put together."));
      return NULL;
    }
  g_mime_format_options_free (options);
  array = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (stream));
  return g_bytes_new (array->data, array->len);
}

/**
 * ssa_offer_mail_write_eml:
 * @self: a message
 * @path: the file, or "-" for standard output
 * @error: a #GError
 *
 * Writes the message as a draft (.eml) that a mail program opens ready to send, through
 * the safe writer: the file appears whole or not at all.
 *
 * Returns: whether it was written
 */
gboolean
ssa_offer_mail_write_eml (const SsaOfferMail  *self,
                          const char          *path,
                          GError             **error)
{
  g_autoptr(GBytes) bytes = ssa_offer_mail_to_mime (self, error);
  gsize length;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  return ssa_output_replace_contents (path, data, length, error);
}
