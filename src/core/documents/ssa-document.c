/* ssa-document.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-documents"

#include "config.h"

#include <string.h>

#include "ssa-date.h"
#include "ssa-document.h"
#include "ssa-org-no.h"

G_DEFINE_QUARK (ssa-document-error-quark, ssa_document_error)

G_DEFINE_BOXED_TYPE (SsaDocumentInfo, ssa_document_info,
                     ssa_document_info_copy, ssa_document_info_free)

static void
reseller_profile_copy (SsaResellerProfile       *dest,
                       const SsaResellerProfile *src)
{
  dest->company_name = g_strdup (src->company_name);
  dest->org_no = g_strdup (src->org_no);
  dest->vat_registered = src->vat_registered;
  dest->in_foretaksregisteret = src->in_foretaksregisteret;
  dest->address = g_strdup (src->address);
  dest->phone = g_strdup (src->phone);
  dest->email = g_strdup (src->email);
  dest->logo_path = g_strdup (src->logo_path);
  dest->logo_png = src->logo_png != NULL ? g_bytes_ref (src->logo_png) : NULL;
  dest->payment_terms = g_strdup (src->payment_terms);
}

static void
reseller_profile_clear (SsaResellerProfile *profile)
{
  g_clear_pointer (&profile->company_name, g_free);
  g_clear_pointer (&profile->org_no, g_free);
  g_clear_pointer (&profile->address, g_free);
  g_clear_pointer (&profile->phone, g_free);
  g_clear_pointer (&profile->email, g_free);
  g_clear_pointer (&profile->logo_path, g_free);
  g_clear_pointer (&profile->logo_png, g_bytes_unref);
  g_clear_pointer (&profile->payment_terms, g_free);
}

/**
 * ssa_document_info_new:
 *
 * Returns: (transfer full): an empty profile, no offer number (a draft), created on the
 *   offer's "today", valid for 30 days, in Bokmål.
 */
SsaDocumentInfo *
ssa_document_info_new (void)
{
  SsaDocumentInfo *self = g_new0 (SsaDocumentInfo, 1);

  g_date_clear (&self->created, 1);
  self->validity_days = SSA_DOCUMENT_DEFAULT_VALIDITY_DAYS;
  self->lang = SSA_LANG_NB;
  return self;
}

/**
 * ssa_document_info_new_sample:
 *
 * The invented reseller that `ssa-desk-cli quote` prints its documents for, having no
 * database with the user's own profile (the organisation number passes the mod-11 check,
 * the addresses are on example.no).
 *
 * Returns: (transfer full): a draft with the sample reseller's profile
 */
SsaDocumentInfo *
ssa_document_info_new_sample (void)
{
  SsaDocumentInfo *self = ssa_document_info_new ();

  self->reseller.company_name = g_strdup ("Nordlys Kommunikasjon AS");
  self->reseller.org_no = g_strdup ("923456783");
  self->reseller.vat_registered = TRUE;
  self->reseller.in_foretaksregisteret = TRUE;
  self->reseller.address = g_strdup ("Storgata 10\n0155 Oslo");
  self->reseller.phone = g_strdup ("+47 22 12 34 56");
  self->reseller.email = g_strdup ("salg@nordlys.example.no");
  self->our_reference = g_strdup ("Kari Nordmann");
  return self;
}

SsaDocumentInfo *
ssa_document_info_copy (const SsaDocumentInfo *self)
{
  SsaDocumentInfo *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (SsaDocumentInfo, 1);
  reseller_profile_copy (&copy->reseller, &self->reseller);
  copy->offer_number = g_strdup (self->offer_number);
  copy->revision = self->revision;
  copy->created = self->created;
  copy->validity_days = self->validity_days;
  copy->lang = self->lang;
  copy->our_reference = g_strdup (self->our_reference);
  copy->price_list_name = g_strdup (self->price_list_name);
  return copy;
}

void
ssa_document_info_free (SsaDocumentInfo *self)
{
  if (self == NULL)
    return;
  reseller_profile_clear (&self->reseller);
  g_free (self->offer_number);
  g_free (self->our_reference);
  g_free (self->price_list_name);
  g_free (self);
}

/**
 * ssa_document_info_dup_number:
 * @self: a #SsaDocumentInfo
 *
 * Returns: (transfer full) (nullable): the number as printed, "2026-0001" or
 *   "2026-0001-R2" for a revision, or %NULL for a draft.
 */
char *
ssa_document_info_dup_number (const SsaDocumentInfo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->offer_number == NULL || self->offer_number[0] == '\0')
    return NULL;
  if (self->revision <= 1)
    return g_strdup (self->offer_number);
  return g_strdup_printf ("%s-R%u", self->offer_number, self->revision);
}

/**
 * ssa_document_info_has_seller:
 * @self: a #SsaDocumentInfo
 *
 * Returns: whether the document names its seller: a document without the reseller's
 *   company name is a first-run document that the window warns about.
 */
gboolean
ssa_document_info_has_seller (const SsaDocumentInfo *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->reseller.company_name != NULL && self->reseller.company_name[0] != '\0';
}

/**
 * ssa_document_info_get_price_list_name:
 * @self: a #SsaDocumentInfo
 *
 * Returns: (transfer none): the price list as the customer reads it ("innovaphone,
 *   01.11.2026"), or the generic "innovaphone" when the document does not know its date;
 *   never the list's internal id.
 */
const char *
ssa_document_info_get_price_list_name (const SsaDocumentInfo *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->price_list_name != NULL && self->price_list_name[0] != '\0')
    return self->price_list_name;
  return "innovaphone";
}

/**
 * ssa_document_info_get_created:
 * @self: a #SsaDocumentInfo
 * @offer: the offer
 * @out: (out): the document's date: its own, else the day the offer was computed for
 */
void
ssa_document_info_get_created (const SsaDocumentInfo *self,
                               const SsaOffer        *offer,
                               GDate                 *out)
{
  g_return_if_fail (self != NULL && offer != NULL && out != NULL);

  *out = ssa_date_is_set (&self->created) ? self->created : offer->today;
}

/**
 * ssa_document_info_get_valid_until:
 * @self: a #SsaDocumentInfo
 * @offer: the offer
 * @out: (out): the last day the offer is valid: the date plus the validity days
 */
void
ssa_document_info_get_valid_until (const SsaDocumentInfo *self,
                                   const SsaOffer        *offer,
                                   GDate                 *out)
{
  GDate created;

  g_return_if_fail (self != NULL && offer != NULL && out != NULL);

  ssa_document_info_get_created (self, offer, &created);
  ssa_date_add_days (&created, (int) MIN (self->validity_days, 3660), out);
}

/**
 * ssa_document_write:
 * @write_output: the writer
 * @offer: the offer
 * @inventory: the installation it was computed for
 * @info: (nullable): the reseller, number, date and language
 * @path: the file to write, or "-" for standard output
 * @error: a #GError
 *
 * Runs @write_output on an output of @path (ssa_output_open()) and commits it once
 * complete. On failure @path is unchanged and nothing is left behind.
 *
 * Returns: whether the file was written
 */
gboolean
ssa_document_write (SsaDocumentWriteFunc   write_output,
                    const SsaOffer        *offer,
                    const SsaInventory    *inventory,
                    const SsaDocumentInfo *info,
                    const char            *path,
                    GError               **error)
{
  g_autoptr(SsaOutput) output = NULL;

  g_return_val_if_fail (write_output != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  output = ssa_output_open (path, error);
  return output != NULL &&
         write_output (offer, inventory, info, output, error) &&
         ssa_output_commit (output, error);
}

/* "25", "2,5", "12,25": a decimal without needless zeros. */
static char *
format_short_decimal (gint64  hundredths,
                      SsaLang lang)
{
  g_autofree char *full = ssa_decimal_format (hundredths, lang);
  gsize len = strlen (full);

  if (hundredths % 100 == 0)
    full[len - 3] = '\0';
  else if (hundredths % 10 == 0)
    full[len - 1] = '\0';
  return g_steal_pointer (&full);
}

/**
 * ssa_document_format_percent:
 * @hundredths: a percentage in hundredths of a percent
 * @lang: the language
 *
 * Returns: (transfer full): "25 %" in Bokmål, "25%" in English; "2,5 %" for 250.
 */
char *
ssa_document_format_percent (gint64  hundredths,
                             SsaLang lang)
{
  g_autofree char *number = format_short_decimal (hundredths, lang);

  return ssa_doc_string_printf (lang, SSA_DOC_PERCENT, number);
}

/**
 * ssa_document_format_factor:
 * @hundredths: a multiplier in hundredths
 * @lang: the language
 *
 * Returns: (transfer full): "2" for 200, "1,5" for 150 in Bokmål.
 */
char *
ssa_document_format_factor (gint64  hundredths,
                            SsaLang lang)
{
  return format_short_decimal (hundredths, lang);
}

/**
 * ssa_document_format_org_no:
 * @org_no: (nullable): an organisation number
 * @vat_registered: whether the company is registered for VAT
 *
 * Returns: (transfer full) (nullable): "988 077 917 MVA" (the marking Norwegian law asks
 *   for, in every language), or %NULL without a number.
 */
char *
ssa_document_format_org_no (const char *org_no,
                            gboolean    vat_registered)
{
  if (org_no == NULL || org_no[0] == '\0')
    return NULL;
  return ssa_org_no_format (org_no, vat_registered);
}

const char *
ssa_document_billing_label (SsaBilling billing,
                            SsaLang    lang)
{
  switch (billing)
    {
    case SSA_BILLING_ONCE: return ssa_doc_string (lang, SSA_DOC_BILLING_ONCE);
    case SSA_BILLING_ANNUAL: return ssa_doc_string (lang, SSA_DOC_BILLING_ANNUAL);
    case SSA_BILLING_QUARTERLY: return ssa_doc_string (lang, SSA_DOC_BILLING_QUARTERLY);
    case SSA_BILLING_MONTHLY: return ssa_doc_string (lang, SSA_DOC_BILLING_MONTHLY);
    case SSA_N_BILLINGS:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
ssa_document_segment_label (SsaSegment segment,
                            SsaLang    lang)
{
  switch (segment)
    {
    case SSA_SEGMENT_REGULAR: return ssa_doc_string (lang, SSA_DOC_SEGMENT_REGULAR);
    case SSA_SEGMENT_BACKPAY: return ssa_doc_string (lang, SSA_DOC_SEGMENT_BACKPAY);
    case SSA_SEGMENT_COVERED: return ssa_doc_string (lang, SSA_DOC_SEGMENT_COVERED);
    case SSA_SEGMENT_EXCLUDED: return ssa_doc_string (lang, SSA_DOC_SEGMENT_EXCLUDED);
    case SSA_SEGMENT_LICENCE: return ssa_doc_string (lang, SSA_DOC_SEGMENT_LICENCE);
    default:
      g_return_val_if_reached ("");
    }
}

/**
 * ssa_document_warning_text:
 * @warning: one of the offer's warnings
 * @inventory: the installation the offer is for
 * @lang: the document's language
 *
 * The offer's own warning messages are in the language the offer was computed in; a
 * document words them again in its own language from the warning's code.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for the back-payment warning,
 *   which ssa_document_backpay_note() words in more detail.
 */
char *
ssa_document_warning_text (const SsaOfferWarning *warning,
                           const SsaInventory    *inventory,
                           SsaLang                lang)
{
  const char *firmware = inventory->firmware;

  switch (warning->code)
    {
    case SSA_WARNING_VERSION_UNSUPPORTED:
      return ssa_doc_string_printf (lang, SSA_DOC_WARN_UNSUPPORTED,
                              firmware != NULL ? firmware : "");
    case SSA_WARNING_VERSION_TOO_OLD:
      return ssa_doc_string_printf (lang, SSA_DOC_WARN_TOO_OLD,
                              firmware != NULL ? firmware : "");
    case SSA_WARNING_VERSION_UNKNOWN:
      if (firmware == NULL || firmware[0] == '\0')
        return g_strdup (ssa_doc_string (lang, SSA_DOC_WARN_UNKNOWN_NONE));
      return ssa_doc_string_printf (lang, SSA_DOC_WARN_UNKNOWN, firmware);
    case SSA_WARNING_BACKPAY:
      return NULL;
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * ssa_document_backpay_note:
 * @offer: an offer
 * @lang: the document's language
 *
 * Returns: (transfer full) (nullable): why back-payment lines cost more, with the lapsed
 *   period and the multiplier, or %NULL when the offer has no back-payment.
 */
char *
ssa_document_backpay_note (const SsaOffer *offer,
                           SsaLang         lang)
{
  const SsaOfferLine *first = NULL;
  const SsaOfferLine *last = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *factor = NULL;
  guint i;

  for (i = 0; i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);

      if (line->segment != SSA_SEGMENT_BACKPAY)
        continue;
      if (first == NULL || g_date_compare (&line->start, &first->start) < 0)
        first = line;
      if (last == NULL || g_date_compare (&line->end, &last->end) > 0)
        last = line;
    }
  if (first == NULL)
    return NULL;

  from = ssa_date_format (&first->start, lang);
  to = ssa_date_format (&last->end, lang);
  factor = ssa_document_format_factor (offer->backpay_multiplier, lang);
  return ssa_doc_string_printf (lang, SSA_DOC_BACKPAY_NOTE, from, to, factor);
}

/**
 * ssa_document_currency_unit:
 * @offer: an offer
 * @lang: the document's language
 *
 * Returns: (transfer none): "kr" for NOK in Bokmål, else the currency code.
 */
const char *
ssa_document_currency_unit (const SsaOffer *offer,
                            SsaLang         lang)
{
  const char *currency = offer->currency != NULL ? offer->currency : "NOK";

  if (lang == SSA_LANG_NB && g_str_equal (currency, "NOK"))
    return "kr";
  return currency;
}
