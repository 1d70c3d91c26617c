/* ssa-document-details.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-documents"

#include "config.h"

#include <string.h>

#include "ssa-customer.h"
#include "ssa-date.h"
#include "ssa-db-inventory.h"
#include "ssa-db-offers.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-decimal.h"
#include "ssa-document-details.h"
#include "ssa-installation.h"
#include "ssa-profile.h"
#include "ssa-refresh.h"

/* One function gathers what a customer document shows beyond the offer, so that the
 * window's Print, Save as PDF and Export to Excel, the renewal batch and the command line
 * print the same seller, customer and references:
 *
 *   seller        the offer's stored seller (the profile as it stood when the offer was
 *                 stored), else the profile as it is now: also for an offer stored with
 *                 the first run's empty profile, which names no seller;
 *   customer      the installation's customer from the database, in full (org. no.,
 *                 address, contact, e-mail). A stored offer keeps the customer it was made
 *                 for; only what its snapshot lacks is filled in;
 *   references    "Vår ref." is the user (the preferences' name, else the account's
 *                 full name), "Deres ref." the
 *                 customer's contact;
 *   price list    a name a customer can read ("innovaphone, 01.11.2026"), never its id;
 *   number, date and validity of a stored offer. */

static gboolean
is_empty (const char *text)
{
  return text == NULL || text[0] == '\0';
}

static void
fill_missing (char       **field,
              const char  *value)
{
  if (is_empty (*field) && !is_empty (value))
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

/* The installation's customer as the database has it now. */
static gboolean
load_customer (SsaDb             *db,
               gint64             installation_id,
               gboolean           replace,
               SsaCustomerInfo   *info,
               GError           **error)
{
  g_autoptr(SsaInstallation) installation = NULL;
  g_autoptr(SsaCustomer) customer = NULL;
  gint64 customer_id;

  installation = ssa_db_load_installation (db, installation_id, error);
  if (installation == NULL)
    return FALSE;
  customer_id = ssa_installation_get_customer_id (installation);
  if (customer_id <= 0)
    return TRUE;
  customer = ssa_db_load_customer (db, customer_id, error);
  if (customer == NULL)
    return FALSE;

  if (replace)
    {
      ssa_customer_to_info (customer, info);
      return TRUE;
    }
  fill_missing (&info->name, ssa_customer_get_name (customer));
  fill_missing (&info->org_no, ssa_customer_get_org_no (customer));
  fill_missing (&info->address, ssa_customer_get_address (customer));
  fill_missing (&info->contact, ssa_customer_get_contact (customer));
  fill_missing (&info->email, ssa_customer_get_email (customer));
  return TRUE;
}

/* The price list a stored offer was computed with, from the database. */
static SsaPriceList *
load_price_list (SsaDb            *db,
                 const SsaDbOffer *stored,
                 GError          **error)
{
  g_autofree char *document = NULL;

  if (stored->price_list_row <= 0)
    return NULL;
  document = ssa_db_dup_price_list_document (db, stored->price_list_row, error);
  if (document == NULL)
    return NULL;
  return ssa_price_list_new_from_data (document, strlen (document), stored->price_list_id,
                                       error);
}

/* profile_to_reseller:
 * @self: a profile
 * @out: (out caller-allocates): an empty reseller profile (all fields %NULL), as in a new
 *   SsaDocumentInfo
 *
 * Fills in what the offer documents print about the reseller with copies of @self's values.
 * The logo is used when it is a PNG image, the only kind the documents draw.
 */
static void
profile_to_reseller (const SsaProfile   *self,
                     SsaResellerProfile *out)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (out != NULL);

  out->company_name = g_strdup (self->company_name);
  out->org_no = g_strdup (self->org_no);
  out->vat_registered = self->vat_registered;
  out->in_foretaksregisteret = self->foretaksregisteret;
  out->address = g_strdup (self->address);
  out->phone = g_strdup (self->phone);
  out->email = g_strdup (self->email);
  if (self->logo != NULL && g_strcmp0 (self->logo_mime_type, "image/png") == 0)
    out->logo_png = g_bytes_ref (self->logo);
  out->payment_terms = g_strdup (self->payment_terms);
}


/**
 * ssa_document_info_set_from_offer:
 * @info: the details an offer's documents show
 * @offer: the offer as stored
 *
 * Gives @info what the offer's documents show of it: its number (the base number: the
 * documents add "-R2" from the revision), revision, date and validity.
 */
void
ssa_document_info_set_from_offer (SsaDocumentInfo  *info,
                                  const SsaDbOffer *offer)
{
  int validity = 0;

  g_return_if_fail (offer != NULL);
  g_return_if_fail (info != NULL);

  g_free (info->offer_number);
  info->offer_number = g_strdup_printf ("%04d-%04d", offer->year, offer->seq);
  info->revision = (guint) MAX (offer->revision, 1);
  info->created = offer->created;
  if (ssa_date_is_set (&offer->created) && ssa_date_is_set (&offer->valid_until))
    validity = g_date_days_between (&offer->created, &offer->valid_until);
  info->validity_days = validity > 0 ? (guint) validity : SSA_DOCUMENT_DEFAULT_VALIDITY_DAYS;
}


/**
 * ssa_document_details_load:
 * @db: the database
 * @installation_id: the installation the offer is for, or 0 when it has none
 * @stored: (nullable): the offer as stored, for its number, date, validity and seller;
 *   %NULL for an offer not saved yet
 * @price_list: (nullable): the price list the offer was computed with; %NULL: the stored
 *   offer's, read from the database
 * @inventory: the installation's values the documents are written from: its customer is
 *   completed from the database
 * @info: the document's details, filled in
 * @error: a #GError
 *
 * Gathers everything a document shows beyond the offer itself, the same for every path
 * that writes one (the window, the renewal batch, the command line).
 *
 * Returns: whether the details could be read
 */
gboolean
ssa_document_details_load (SsaDb              *db,
                           gint64              installation_id,
                           const SsaDbOffer   *stored,
                           const SsaPriceList *price_list,
                           SsaInventory       *inventory,
                           SsaDocumentInfo    *info,
                           GError            **error)
{
  g_autoptr(SsaPriceList) stored_list = NULL;
  SsaResellerProfile *reseller = &info->reseller;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (inventory != NULL, FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  /* The seller: as stored with the offer, else the profile as it is now. */
  g_clear_pointer (&reseller->company_name, g_free);
  g_clear_pointer (&reseller->org_no, g_free);
  g_clear_pointer (&reseller->address, g_free);
  g_clear_pointer (&reseller->phone, g_free);
  g_clear_pointer (&reseller->email, g_free);
  g_clear_pointer (&reseller->logo_path, g_free);
  g_clear_pointer (&reseller->logo_png, g_bytes_unref);
  g_clear_pointer (&reseller->payment_terms, g_free);
  /* A seller stored without a company name is the first run's empty profile: the profile
   * as it is now, filled in since, is what the user asked for. */
  if (stored != NULL && stored->seller != NULL && !is_empty (stored->seller->company_name))
    profile_to_reseller (stored->seller, reseller);
  else
    {
      g_autoptr(SsaProfile) profile = ssa_db_load_profile (db, error);

      if (profile == NULL)
        return FALSE;
      profile_to_reseller (profile, reseller);
    }

  if (stored != NULL)
    ssa_document_info_set_from_offer (info, stored);

  if (installation_id > 0 &&
      !load_customer (db, installation_id, stored == NULL, &inventory->customer, error))
    return FALSE;

  if (price_list == NULL && stored != NULL)
    {
      g_autoptr(GError) list_error = NULL;

      /* Only the name depends on it: a list that cannot be read leaves the generic one. */
      stored_list = load_price_list (db, stored, &list_error);
      price_list = stored_list;
    }
  if (price_list != NULL)
    {
      g_free (info->price_list_name);
      info->price_list_name = ssa_document_price_list_name (price_list, info->lang);
    }

  if (info->our_reference == NULL)
    info->our_reference = ssa_document_dup_user_name ();
  return TRUE;
}

/**
 * ssa_document_price_list_name:
 * @price_list: a price list
 * @lang: the document's language
 *
 * Returns: (transfer full): the list as a customer reads it: "innovaphone, 01.11.2026"
 *   (its publication date), or "innovaphone" when it has none; never its id.
 */
char *
ssa_document_price_list_name (const SsaPriceList *price_list,
                              SsaLang             lang)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (price_list != NULL, NULL);

  if (!ssa_date_is_set (&price_list->published))
    return g_strdup ("innovaphone");
  date = ssa_date_format (&price_list->published, lang);
  return g_strdup_printf ("innovaphone, %s", date);
}

/**
 * ssa_document_dup_user_name:
 *
 * Returns: (transfer full) (nullable): the user as "Vår ref." names them: the name set
 *   in the preferences (the setting "our-reference"), else the account's full name, else
 *   its login name.
 */
char *
ssa_document_dup_user_name (void)
{
  g_autoptr(GSettings) settings = ssa_refresh_dup_settings ();
  g_autoptr(GSettingsSchema) schema = NULL;
  const char *name = g_get_real_name ();

  /* The name the user gave in the preferences, where the settings have one. */
  if (settings != NULL)
    g_object_get (settings, "settings-schema", &schema, NULL);
  if (schema != NULL && g_settings_schema_has_key (schema, "our-reference"))
    {
      g_autofree char *chosen = g_settings_get_string (settings, "our-reference");

      g_strstrip (chosen);
      if (chosen[0] != '\0')
        return g_steal_pointer (&chosen);
    }

  /* GLib says "Unknown" when the account has no full name. */
  if (is_empty (name) || g_str_equal (name, "Unknown"))
    name = g_get_user_name ();
  return is_empty (name) ? NULL : g_strdup (name);
}

/**
 * ssa_document_instalments:
 * @offer: an offer
 * @out: (out caller-allocates): its invoices
 *
 * The invoices of an offer's billing plan, by the rule of docs/rules.md ("Invoices of an
 * instalment plan"): one invoice per started billing interval of the period (12 months
 * annually, 3 quarterly, 1 monthly; one invoice for the plan "once"), the first on the
 * period's start; the total including VAT is split into equal whole øre, and the øre left
 * over by the division are on the first invoice.
 */
void
ssa_document_instalments (const SsaOffer *offer,
                          SsaInstalments *out)
{
  int months = 0;

  g_return_if_fail (offer != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  g_date_clear (&out->first_date, 1);
  out->first_date = offer->start;
  switch (offer->billing)
    {
    case SSA_BILLING_ANNUAL: out->interval_months = 12; break;
    case SSA_BILLING_QUARTERLY: out->interval_months = 3; break;
    case SSA_BILLING_MONTHLY: out->interval_months = 1; break;
    case SSA_BILLING_ONCE:
    case SSA_N_BILLINGS:
    default: out->interval_months = 0; break;
    }
  if (ssa_date_is_set (&offer->start) && ssa_date_is_set (&offer->end) &&
      g_date_compare (&offer->start, &offer->end) <= 0)
    months = ssa_date_months (&offer->start, &offer->end);

  if (out->interval_months == 0 || months <= 0)
    {
      out->interval_months = 0;
      out->n_invoices = 1;
    }
  else
    out->n_invoices = (guint) ((months + (int) out->interval_months - 1) /
                               (int) out->interval_months);

  out->amount = offer->totals.total / (gint64) out->n_invoices;
  out->first_amount = offer->totals.total - out->amount * (gint64) (out->n_invoices - 1);
}

/**
 * ssa_document_instalments_text:
 * @offer: an offer
 * @lang: the document's language
 *
 * Returns: (transfer full) (nullable): "4 fakturaer à 1 234,56 kr, første 01.01.2027",
 *   or %NULL when the offer is invoiced once.
 */
char *
ssa_document_instalments_text (const SsaOffer *offer,
                               SsaLang         lang)
{
  SsaInstalments plan;
  g_autofree char *amount = NULL;
  g_autofree char *date = NULL;

  ssa_document_instalments (offer, &plan);
  if (plan.n_invoices <= 1)
    return NULL;

  amount = ssa_money_format (plan.amount, offer->currency, lang);
  date = ssa_date_format (&plan.first_date, lang);
  if (plan.first_amount == plan.amount)
    return ssa_doc_string_printf (lang, SSA_DOC_INSTALMENTS_EQUAL, plan.n_invoices, amount,
                                  date);
  {
    g_autofree char *first = ssa_money_format (plan.first_amount, offer->currency, lang);

    return ssa_doc_string_printf (lang, SSA_DOC_INSTALMENTS_FIRST, plan.n_invoices, first,
                                  date, plan.n_invoices - 1, amount);
  }
}
