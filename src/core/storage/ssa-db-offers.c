/* ssa-db-offers.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-db"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ssa-date.h"
#include "ssa-db-private.h"
#include "ssa-limits.h"
#include "ssa-json-guard.h"
#include "ssa-offer-reader.h"

/* Stored offers: numbered YYYY-NNNN without gaps, revised as YYYY-NNNN-R2, …, with their
 * status draft → sent → accepted or declined. The number is taken in the write transaction
 * that stores the offer: BEGIN IMMEDIATE holds the database's write lock from before the
 * highest number of the year is read until the new one is committed, so two processes
 * never read the same highest number, and a process killed half-way commits nothing (the
 * UNIQUE (year, seq, revision) constraint backs this up). Offers are never deleted. */

#define OFFER_COLUMNS \
  "o.id, o.number, o.year, o.seq, o.revision, o.installation_id, i.name, c.name, o.status, " \
  "o.created, o.valid_until, o.period_start, o.period_end, o.price_list_id, p.list_id, " \
  "o.currency, o.total"

/* What ssa_db_load_offer() reads beyond the list's columns; a database of schema version 1
 * (opened read-only, not migrated) has no seller. */
#define OFFER_FULL_COLUMNS ", o.request, o.snapshot, o.inventory, o.seller, o.seller_logo"
#define OFFER_FULL_COLUMNS_V1 ", o.request, o.snapshot, o.inventory, NULL, NULL"

#define OFFER_FROM \
  " FROM offers o LEFT JOIN installations i ON i.id = o.installation_id " \
  "LEFT JOIN customers c ON c.id = i.customer_id LEFT JOIN price_lists p ON p.id = o.price_list_id"

static void
status_change_free (gpointer data)
{
  SsaDbOfferStatusChange *change = data;

  g_clear_pointer (&change->changed_at, g_date_time_unref);
  g_free (change->user);
  g_free (change->caused_by);
  g_free (change);
}

void
ssa_db_offer_free (SsaDbOffer *offer)
{
  if (offer == NULL)
    return;

  g_clear_pointer (&offer->history, g_ptr_array_unref);
  g_free (offer->number);
  g_free (offer->installation_name);
  g_free (offer->customer_name);
  g_free (offer->price_list_id);
  g_free (offer->currency);
  g_free (offer->request);
  g_free (offer->snapshot);
  g_free (offer->inventory);
  g_clear_pointer (&offer->seller, ssa_profile_free);
  g_free (offer);
}

static gboolean
is_past (const GDate *valid_until,
         const GDate *today)
{
  GDate day;

  if (ssa_date_is_set (today))
    day = *today;
  else
    ssa_date_today (&day);
  return ssa_date_is_set (valid_until) && g_date_compare (&day, valid_until) > 0;
}

/**
 * ssa_db_offer_get_shown_status:
 * @offer: a stored offer
 * @today: (nullable): the day to judge by, %NULL for the local date
 *
 * Returns: the status to show: %SSA_OFFER_STATUS_EXPIRED for a draft or sent offer whose
 *   validity ended before @today, else the stored status
 */
SsaOfferStatus
ssa_db_offer_get_shown_status (const SsaDbOffer *offer,
                               const GDate      *today)
{
  g_return_val_if_fail (offer != NULL, SSA_OFFER_STATUS_DRAFT);

  if ((offer->status == SSA_OFFER_STATUS_DRAFT || offer->status == SSA_OFFER_STATUS_SENT) &&
      is_past (&offer->valid_until, today))
    return SSA_OFFER_STATUS_EXPIRED;
  return offer->status;
}

/**
 * ssa_db_offer_is_open:
 * @offer: a stored offer
 * @today: (nullable): the day to judge by, %NULL for the local date
 *
 * Returns: whether the offer still waits for the customer's answer: a draft or sent offer
 *   whose validity has not ended
 */
gboolean
ssa_db_offer_is_open (const SsaDbOffer *offer,
                      const GDate      *today)
{
  g_return_val_if_fail (offer != NULL, FALSE);

  return (offer->status == SSA_OFFER_STATUS_DRAFT || offer->status == SSA_OFFER_STATUS_SENT) &&
         !is_past (&offer->valid_until, today);
}

/**
 * ssa_db_offer_can_set_status:
 * @offer: a stored offer
 * @status: %SSA_OFFER_STATUS_SENT, %SSA_OFFER_STATUS_ACCEPTED or %SSA_OFFER_STATUS_DECLINED
 * @today: (nullable): the day to judge the validity by, %NULL for the local date
 * @why: (out) (optional) (transfer full): when the change cannot apply, why, and what to do
 *   instead, in words for the window and the command line alike
 *
 * The register's state machine: a draft is sent; a sent offer is accepted or declined;
 * accepted, declined, superseded and revised are final; an offer whose validity has ended
 * is neither sent nor accepted (declining it is still a useful record).
 * ssa_db_set_offer_status() refuses exactly what this refuses.
 *
 * Returns: whether @offer may be moved to @status
 */
gboolean
ssa_db_offer_can_set_status (const SsaDbOffer  *offer,
                             SsaOfferStatus     status,
                             const GDate       *today,
                             char             **why)
{
  const char *from;
  const char *cause = NULL;
  char *reason = NULL;

  g_return_val_if_fail (offer != NULL, FALSE);

  from = ssa_offer_status_get_label (offer->status);
  /* The offer that superseded or revised this one, when its history is known. */
  if (offer->history != NULL && offer->history->len > 0)
    cause = ((SsaDbOfferStatusChange *) g_ptr_array_index (offer->history,
                                                           offer->history->len - 1))->caused_by;
  if (status != SSA_OFFER_STATUS_SENT && status != SSA_OFFER_STATUS_ACCEPTED &&
      status != SSA_OFFER_STATUS_DECLINED)
    reason = g_strdup (_("An offer’s status can only be set to sent, accepted or declined."));
  else if (offer->status == status)
    reason = g_strdup_printf (_("Offer %s is already %s."), offer->number, from);
  else if (offer->status == SSA_OFFER_STATUS_SUPERSEDED && cause != NULL)
    reason = g_strdup_printf (_("Offer %s was superseded when offer %s for the same "
                                "installation was accepted: its status is final."),
                              offer->number, cause);
  else if (offer->status == SSA_OFFER_STATUS_SUPERSEDED)
    reason = g_strdup_printf (_("Offer %s was superseded when another offer for its "
                                "installation was accepted: its status is final."),
                              offer->number);
  else if (offer->status == SSA_OFFER_STATUS_REVISED && cause != NULL)
    reason = g_strdup_printf (_("Offer %s was revised as %s: its status is final. Use the "
                                "revision instead."), offer->number, cause);
  else if (offer->status == SSA_OFFER_STATUS_REVISED)
    reason = g_strdup_printf (_("Offer %s was revised: its status is final. Use its latest "
                                "revision instead."), offer->number);
  else if (offer->status == SSA_OFFER_STATUS_ACCEPTED ||
           offer->status == SSA_OFFER_STATUS_DECLINED)
    reason = g_strdup_printf (_("Offer %s is %s, which is final: revise it for a new offer."),
                              offer->number, from);
  else if (offer->status == SSA_OFFER_STATUS_DRAFT && status != SSA_OFFER_STATUS_SENT)
    reason = g_strdup_printf (_("Offer %s is a draft: mark it as sent before it is accepted or "
                                "declined."), offer->number);
  /* Prices hold until the offer's validity ends; declining an expired offer is still a
   * useful record. */
  else if (status != SSA_OFFER_STATUS_DECLINED && is_past (&offer->valid_until, today))
    {
      g_autofree char *until = ssa_date_to_iso (&offer->valid_until);

      reason = g_strdup_printf (_("Offer %s expired on %s: revise it to offer it again."),
                                offer->number, until);
    }

  if (why != NULL)
    *why = reason;
  else
    g_free (reason);
  return reason == NULL;
}

/* The seller as stored with an offer: the profile's printed fields. The validity and labour
 * rate are the builder's defaults, not printed, and left out. */
static char *
seller_to_json (const SsaProfile *profile)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const struct { const char *name; const char *value; } texts[] = {
    { "company_name", profile->company_name },
    { "org_no", profile->org_no },
    { "address", profile->address },
    { "phone", profile->phone },
    { "email", profile->email },
    { "payment_terms", profile->payment_terms },
    { "logo_mime_type", profile->logo != NULL ? profile->logo_mime_type : NULL },
  };

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].value != NULL)
      {
        json_builder_set_member_name (builder, texts[i].name);
        json_builder_add_string_value (builder, texts[i].value);
      }
  json_builder_set_member_name (builder, "vat_registered");
  json_builder_add_boolean_value (builder, profile->vat_registered);
  json_builder_set_member_name (builder, "foretaksregisteret");
  json_builder_add_boolean_value (builder, profile->foretaksregisteret);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  return g_strdup (json_object_get_string_member_with_default (object, name, NULL));
}

/* Returns: (transfer full) (nullable): the stored seller, %NULL when there is none (an
 * offer of schema version 1) or it cannot be read */
static SsaProfile *
seller_from_row (SsaDbStmt *stmt,
                 int        json_column,
                 int        logo_column)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SsaProfile) seller = NULL;
  const char *json = ssa_sql_column_text (stmt, json_column);
  JsonObject *object;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  object = json_node_get_object (json_parser_get_root (parser));

  seller = ssa_profile_new ();
  seller->company_name = dup_member (object, "company_name");
  seller->org_no = dup_member (object, "org_no");
  seller->address = dup_member (object, "address");
  seller->phone = dup_member (object, "phone");
  seller->email = dup_member (object, "email");
  seller->payment_terms = dup_member (object, "payment_terms");
  seller->vat_registered = json_object_get_boolean_member_with_default (object,
                                                                        "vat_registered",
                                                                        FALSE);
  seller->foretaksregisteret = json_object_get_boolean_member_with_default (object,
                                                                            "foretaksregisteret",
                                                                            FALSE);
  if (!ssa_sql_column_is_null (stmt, logo_column))
    {
      seller->logo = ssa_sql_column_blob (stmt, logo_column);
      seller->logo_mime_type = dup_member (object, "logo_mime_type");
    }
  return g_steal_pointer (&seller);
}

static SsaDbOffer *
offer_from_row (SsaDbStmt *stmt,
                gboolean   full)
{
  SsaDbOffer *offer = g_new0 (SsaDbOffer, 1);
  const char *status = ssa_sql_column_text (stmt, 8);

  offer->history = g_ptr_array_new_with_free_func (status_change_free);
  offer->n_alternatives = 1;
  offer->id = ssa_sql_column_int64 (stmt, 0);
  offer->number = ssa_db_column_text (stmt, 1);
  offer->year = (int) ssa_sql_column_int64 (stmt, 2);
  offer->seq = (int) ssa_sql_column_int64 (stmt, 3);
  offer->revision = (int) ssa_sql_column_int64 (stmt, 4);
  offer->installation_id = ssa_sql_column_int64 (stmt, 5);
  offer->installation_name = ssa_db_column_text (stmt, 6);
  offer->customer_name = ssa_db_column_text (stmt, 7);
  if (!ssa_offer_status_from_string (status, &offer->status) ||
      offer->status == SSA_OFFER_STATUS_EXPIRED)
    offer->status = SSA_OFFER_STATUS_DRAFT;
  ssa_db_column_date (stmt, 9, &offer->created);
  ssa_db_column_date (stmt, 10, &offer->valid_until);
  ssa_db_column_date (stmt, 11, &offer->period_start);
  ssa_db_column_date (stmt, 12, &offer->period_end);
  offer->price_list_row = ssa_sql_column_int64 (stmt, 13);
  offer->price_list_id = ssa_db_column_text (stmt, 14);
  offer->currency = ssa_db_column_text (stmt, 15);
  offer->total = ssa_sql_column_int64 (stmt, 16);
  for (guint i = 0; i < SSA_OFFER_MAX_ALTERNATIVES; i++)
    g_date_clear (&offer->alternative_end[i], 1);
  offer->alternative_end[0] = offer->period_end;
  offer->alternative_total[0] = offer->total;
  if (full)
    {
      offer->request = ssa_db_column_text (stmt, 17);
      offer->snapshot = ssa_db_column_text (stmt, 18);
      offer->inventory = ssa_db_column_text (stmt, 19);
      offer->seller = seller_from_row (stmt, 20, 21);
    }
  return offer;
}

/* The request as JSON: what was asked, not what was computed (that is the snapshot), so
 * that a revision can ask the same again. An unset start or today is left out: a revision
 * computes them anew. */

static void
add_decimal_member (JsonBuilder *builder,
                    const char  *name,
                    gint64       value)
{
  g_autofree char *text = ssa_decimal_to_string (value);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
add_date_member (JsonBuilder *builder,
                 const char  *name,
                 const GDate *date)
{
  g_autofree char *text = NULL;

  if (!ssa_date_is_set (date))
    return;
  text = ssa_date_to_iso (date);
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static char *
request_to_json (const SsaOfferRequest *request)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_date_member (builder, "start", &request->start);
  if (request->end_kind == SSA_OFFER_END_DATE)
    add_date_member (builder, "end", &request->end);
  else if (request->end_kind == SSA_OFFER_END_MONTHS)
    {
      json_builder_set_member_name (builder, "months");
      json_builder_add_int_value (builder, request->months);
    }
  else if (request->end_kind == SSA_OFFER_END_CO_TERM)
    {
      /* A revision tops up to the SSA expiry as it is then. */
      json_builder_set_member_name (builder, "co_term");
      json_builder_add_boolean_value (builder, TRUE);
    }
  add_date_member (builder, "today", &request->today);
  json_builder_set_member_name (builder, "billing");
  json_builder_add_string_value (builder, ssa_billing_to_string (request->billing));
  add_decimal_member (builder, "discount_percent", request->discount_percent);
  if (request->has_labour)
    {
      add_decimal_member (builder, "labour_hours", request->labour_hours);
      add_decimal_member (builder, "labour_rate", request->labour_rate);
    }
  json_builder_set_member_name (builder, "lang");
  json_builder_add_string_value (builder, ssa_lang_to_string (request->lang));
  /* A revision proposes the licences missing as the PBX's last reading then says. */
  if (request->true_up)
    {
      json_builder_set_member_name (builder, "true_up");
      json_builder_add_boolean_value (builder, TRUE);
    }
  if (request->n_alternatives > 0)
    {
      json_builder_set_member_name (builder, "alternatives");
      json_builder_begin_array (builder);
      for (guint i = 0; i < request->n_alternatives; i++)
        {
          const SsaOfferAlternative *alternative = &request->alternatives[i];

          json_builder_begin_object (builder);
          if (alternative->has_end && alternative->end_kind == SSA_OFFER_END_DATE)
            add_date_member (builder, "end", &alternative->end);
          else if (alternative->has_end && alternative->end_kind == SSA_OFFER_END_MONTHS)
            {
              json_builder_set_member_name (builder, "months");
              json_builder_add_int_value (builder, alternative->months);
            }
          else if (alternative->has_end && alternative->end_kind == SSA_OFFER_END_CO_TERM)
            {
              json_builder_set_member_name (builder, "co_term");
              json_builder_add_boolean_value (builder, TRUE);
            }
          if (alternative->has_billing)
            {
              json_builder_set_member_name (builder, "billing");
              json_builder_add_string_value (builder,
                                             ssa_billing_to_string (alternative->billing));
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

/* The stored request is SSA Desk's own JSON, but a damaged or edited database can hold
 * anything there: a member of another type is refused, never handed to json-glib's getters
 * (which complain about arrays and objects, and read 1.5 or 4294967297 months as 1). */
static JsonNode *
get_request_value (JsonObject *object,
                   const char *member,
                   GType       type)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != type)
    return NULL;
  return node;
}

static gboolean
read_request_date (JsonObject  *object,
                   const char  *member,
                   GDate       *out)
{
  JsonNode *node;

  g_date_clear (out, 1);
  if (!json_object_has_member (object, member))
    return TRUE;
  node = get_request_value (object, member, G_TYPE_STRING);
  return node != NULL && ssa_date_parse (json_node_get_string (node), out, NULL);
}

static gboolean
read_request_months (JsonObject *object,
                     int        *out)
{
  JsonNode *node = get_request_value (object, "months", G_TYPE_INT64);
  gint64 months;

  *out = 0;
  if (node == NULL)
    return FALSE;
  months = json_node_get_int (node);
  if (months < 1 || months > SSA_OFFER_MAX_MONTHS)
    return FALSE;
  *out = (int) months;
  return TRUE;
}

/* Offers stored before the language was kept have none: Bokmål, the documents' default. */
static gboolean
read_request_lang (JsonObject *object,
                   SsaLang    *out)
{
  JsonNode *node;
  const char *lang;

  *out = SSA_LANG_NB;
  if (!json_object_has_member (object, "lang"))
    return TRUE;
  node = get_request_value (object, "lang", G_TYPE_STRING);
  if (node == NULL)
    return FALSE;
  lang = json_node_get_string (node);
  if (!g_str_equal (lang, "nb") && !g_str_equal (lang, "en"))
    return FALSE;
  *out = ssa_lang_from_string (lang);
  return TRUE;
}

static gboolean
read_request_billing (JsonObject *object,
                      SsaBilling *out)
{
  JsonNode *node;

  *out = SSA_BILLING_ONCE;
  if (!json_object_has_member (object, "billing"))
    return TRUE;
  node = get_request_value (object, "billing", G_TYPE_STRING);
  return node != NULL && ssa_billing_from_string (json_node_get_string (node), out);
}

static gboolean
read_request_decimal (JsonObject  *object,
                      const char  *member,
                      gint64      *out)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = 0;
  return node == NULL || ssa_decimal_from_json (node, out, NULL);
}

/* Requests stored before alternatives have none. */
static gboolean
read_request_alternatives (JsonObject      *object,
                           SsaOfferRequest *out)
{
  JsonNode *node = json_object_get_member (object, "alternatives");
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) > G_N_ELEMENTS (out->alternatives))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      SsaOfferAlternative *alternative = &out->alternatives[i];
      JsonObject *member;
      gboolean ok = TRUE;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        return FALSE;
      member = json_node_get_object (item);
      memset (alternative, 0, sizeof *alternative);
      g_date_clear (&alternative->end, 1);
      if (json_object_has_member (member, "end"))
        {
          alternative->has_end = TRUE;
          alternative->end_kind = SSA_OFFER_END_DATE;
          ok &= read_request_date (member, "end", &alternative->end) &&
                ssa_date_is_set (&alternative->end);
        }
      else if (json_object_has_member (member, "months"))
        {
          alternative->has_end = TRUE;
          alternative->end_kind = SSA_OFFER_END_MONTHS;
          ok &= read_request_months (member, &alternative->months);
        }
      else if (json_object_has_member (member, "co_term"))
        {
          JsonNode *value = get_request_value (member, "co_term", G_TYPE_BOOLEAN);

          alternative->has_end = TRUE;
          alternative->end_kind = SSA_OFFER_END_CO_TERM;
          ok &= value != NULL && json_node_get_boolean (value);
        }
      if (json_object_has_member (member, "billing"))
        {
          alternative->has_billing = TRUE;
          ok &= read_request_billing (member, &alternative->billing);
        }
      if (!ok || (!alternative->has_end && !alternative->has_billing))
        return FALSE;
      out->n_alternatives++;
    }
  return TRUE;
}

/**
 * ssa_db_offer_get_request:
 * @offer: a stored offer, loaded whole (ssa_db_load_offer())
 * @out: (out caller-allocates): the request it was computed from
 * @error: a #GError
 */
gboolean
ssa_db_offer_get_request (const SsaDbOffer  *offer,
                          SsaOfferRequest   *out,
                          GError           **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  gboolean ok = TRUE;

  g_return_val_if_fail (offer != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  ssa_offer_request_init (out);

  /* Through the guard like every other JSON SSA Desk reads: a request that gives a key
   * twice says two things and is refused as damaged, not read as its last value. */
  if (offer->request != NULL)
    root = ssa_json_guard_parse (offer->request, strlen (offer->request), offer->number, NULL);
  if (root == NULL)
    goto invalid;

  object = json_node_get_object (root);
  ok &= read_request_date (object, "start", &out->start);
  ok &= read_request_date (object, "today", &out->today);
  if (json_object_has_member (object, "end"))
    {
      out->end_kind = SSA_OFFER_END_DATE;
      ok &= read_request_date (object, "end", &out->end) && ssa_date_is_set (&out->end);
    }
  else if (json_object_has_member (object, "months"))
    {
      out->end_kind = SSA_OFFER_END_MONTHS;
      ok &= read_request_months (object, &out->months);
    }
  else if (json_object_has_member (object, "co_term"))
    {
      JsonNode *node = get_request_value (object, "co_term", G_TYPE_BOOLEAN);

      ok &= node != NULL && json_node_get_boolean (node);
      out->end_kind = SSA_OFFER_END_CO_TERM;
    }
  ok &= read_request_lang (object, &out->lang);
  ok &= read_request_billing (object, &out->billing);
  ok &= read_request_decimal (object, "discount_percent", &out->discount_percent);
  if (json_object_has_member (object, "labour_hours"))
    {
      out->has_labour = TRUE;
      ok &= read_request_decimal (object, "labour_hours", &out->labour_hours);
      ok &= read_request_decimal (object, "labour_rate", &out->labour_rate);
    }
  if (json_object_has_member (object, "true_up"))
    {
      JsonNode *node = get_request_value (object, "true_up", G_TYPE_BOOLEAN);

      ok &= node != NULL;
      out->true_up = node != NULL && json_node_get_boolean (node);
    }
  if (json_object_has_member (object, "alternatives"))
    ok &= read_request_alternatives (object, out);
  if (ok)
    return TRUE;

invalid:
  g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_A_DATABASE,
               _("The stored request of offer %s cannot be read: the database may be damaged."),
               offer->number);
  return FALSE;
}

static char *
ids_to_json (GArray *ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static GArray *
ids_from_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return ids;

  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 id = json_array_get_int_element (array, i);

      g_array_append_val (ids, id);
    }
  return ids;
}

static char *
format_number (int year,
               int seq,
               int revision)
{
  if (revision <= 1)
    return g_strdup_printf ("%04d-%04d", year, seq);
  return g_strdup_printf ("%04d-%04d-R%d", year, seq, revision);
}

static gboolean
query_next (SsaDb       *self,
            const char  *sql,
            int          year,
            int          seq,
            int         *out,
            GError     **error)
{
  g_autoptr(SsaDbStmt) stmt = ssa_db_prepare (self, sql, error);
  gint64 value;

  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, year);
  if (seq > 0)
    ssa_sql_bind_int64 (stmt, 2, seq);
  if (!ssa_db_step_row (self, stmt, error))
    return FALSE;
  value = ssa_sql_column_int64 (stmt, 0);
  if (value > G_MAXINT)
    {
      /* The numbers ran out: what SQLite's full disk says (ssa_db_set_error()). */
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_FULL,
                   _("The disk holding the database %s is full: nothing was changed. Free "
                     "some space and try again."),
                   self->display_name);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

/* Whether the offers have their seller: schema version 2 on. A database of version 1 is
 * only ever read as it is (opened read-only, as for a backup or an export). */
static gboolean
has_seller (SsaDb *self)
{
  return ssa_db_get_schema_version (self) >= 2;
}

/* Whether the database has the register's states and history (SSA_DB_SCHEMA_REGISTER on).
 * An older database is only ever read as it is. */
static gboolean
has_register (SsaDb *self)
{
  return ssa_db_get_schema_version (self) >= SSA_DB_SCHEMA_REGISTER;
}

/* Whether the database keeps the alternatives of offers (SSA_DB_SCHEMA_ALTERNATIVES on). */
static gboolean
has_alternatives (SsaDb *self)
{
  return ssa_db_get_schema_version (self) >= SSA_DB_SCHEMA_ALTERNATIVES;
}

/* The end and total of each alternative from the second on, for the window's choice. */
static guint
read_alternative_summary (SsaDbOffer *offer,
                          const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *array;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return 0;
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array) && i + 1 < SSA_OFFER_MAX_ALTERNATIVES; i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode *total;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      object = json_node_get_object (item);
      read_request_date (object, "end", &offer->alternative_end[i + 1]);
      total = json_object_get_member (object, "total");
      if (total == NULL || !ssa_decimal_from_json (total, &offer->alternative_total[i + 1], NULL))
        offer->alternative_total[i + 1] = 0;
    }
  return json_array_get_length (array);
}

/* Sets how many alternatives @offer has, from its stored @json, and which was accepted. */
static void
set_alternatives (SsaDbOffer *offer,
                  const char *json,
                  int         accepted)
{
  /* The alternatives are counted here, not by the engine's JSON functions, which differ
   * between SQLite and PostgreSQL. */
  guint n = read_alternative_summary (offer, json);

  offer->n_alternatives = 1 + MIN (n, SSA_OFFER_MAX_ALTERNATIVES - 1);
  offer->accepted_alternative = (guint) MAX (accepted, 0);
}

/* Adds a change of status to @offer's history, as a row of offer_status_changes reads. */
static void
add_history (SsaDbOffer  *offer,
             const char  *status,
             const char  *at,
             const char  *user,
             const char  *caused_by,
             int          alternative)
{
  SsaDbOfferStatusChange *change = g_new0 (SsaDbOfferStatusChange, 1);

  if (!ssa_offer_status_from_string (status, &change->status))
    change->status = SSA_OFFER_STATUS_DRAFT;
  change->changed_at = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  if (change->changed_at == NULL)
    change->changed_at = g_date_time_new_from_unix_utc (0);
  change->user = g_strdup (user);
  change->caused_by = g_strdup (caused_by);
  change->alternative = (guint) MAX (alternative, 0);
  g_ptr_array_add (offer->history, change);
}

/* Reads how many alternatives the offers in @by_id have and which was accepted. */
static gboolean
load_alternatives (SsaDb       *self,
                   GHashTable  *by_id,
                   gint64       offer_id,
                   GError     **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  stmt = ssa_db_prepare (self,
                         offer_id > 0
                         ? "SELECT id, accepted_alternative, alternatives FROM offers "
                           "WHERE id = ?"
                         : "SELECT id, accepted_alternative, alternatives FROM offers "
                           "WHERE alternatives IS NOT NULL "
                           "OR accepted_alternative IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  if (offer_id > 0)
    ssa_sql_bind_int64 (stmt, 1, offer_id);
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    {
      gint64 id = ssa_sql_column_int64 (stmt, 0);
      SsaDbOffer *offer = g_hash_table_lookup (by_id, &id);

      if (offer == NULL)
        continue;
      set_alternatives (offer, ssa_sql_column_text (stmt, 2),
                        (int) ssa_sql_column_int64 (stmt, 1));
    }
  return rc != 0;
}

/* Reads the history of the offers in @by_id (offer id -> SsaDbOffer), or of every offer
 * when @offer_id is 0, into their history arrays, oldest first. */
static gboolean
load_history (SsaDb       *self,
              GHashTable  *by_id,
              gint64       offer_id,
              GError     **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  if (!has_register (self))
    return TRUE;

  if (has_alternatives (self) && !load_alternatives (self, by_id, offer_id, error))
    return FALSE;

  stmt = ssa_db_prepare (self,
                         !has_alternatives (self)
                         ? (offer_id > 0
                            ? "SELECT offer_id, status, changed_at, user_name, caused_by, NULL "
                              "FROM offer_status_changes WHERE offer_id = ? ORDER BY id"
                            : "SELECT offer_id, status, changed_at, user_name, caused_by, NULL "
                              "FROM offer_status_changes ORDER BY offer_id, id")
                         : offer_id > 0
                         ? "SELECT offer_id, status, changed_at, user_name, caused_by, "
                           "alternative FROM offer_status_changes WHERE offer_id = ? ORDER BY id"
                         : "SELECT offer_id, status, changed_at, user_name, caused_by, "
                           "alternative FROM offer_status_changes ORDER BY offer_id, id", error);
  if (stmt == NULL)
    return FALSE;
  if (offer_id > 0)
    ssa_sql_bind_int64 (stmt, 1, offer_id);
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    {
      gint64 id = ssa_sql_column_int64 (stmt, 0);
      SsaDbOffer *offer = g_hash_table_lookup (by_id, &id);

      if (offer == NULL)
        continue;
      add_history (offer, ssa_sql_column_text (stmt, 1), ssa_sql_column_text (stmt, 2),
                   ssa_sql_column_text (stmt, 3), ssa_sql_column_text (stmt, 4),
                   (int) ssa_sql_column_int64 (stmt, 5));
    }
  return rc != 0;
}

static gboolean
load_offer_history (SsaDb       *self,
                    SsaDbOffer  *offer,
                    GError     **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_hash_table_insert (by_id, &offer->id, offer);
  return load_history (self, by_id, offer->id, error);
}

/* Records a change of status of the offer @offer_id, now, by the user running SSA Desk. */
static gboolean
record_status_change_full (SsaDb           *self,
                           gint64           offer_id,
                           SsaOfferStatus   status,
                           const char      *caused_by,
                           guint            alternative,
                           GError         **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;

  if (!has_register (self))
    return TRUE;
  stmt = ssa_db_prepare (self,
                         has_alternatives (self)
                         ? "INSERT INTO offer_status_changes (offer_id, status, changed_at, "
                           "user_name, caused_by, alternative) VALUES (?, ?, ?, ?, ?, ?)"
                         : "INSERT INTO offer_status_changes (offer_id, status, changed_at, "
                           "user_name, caused_by) VALUES (?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, offer_id);
  ssa_sql_bind_text (stmt, 2, ssa_offer_status_to_string (status));
  ssa_db_bind_take_text (stmt, 3, ssa_db_now_iso ());
  ssa_db_bind_text (stmt, 4, ssa_db_get_user_name (self));
  ssa_db_bind_text (stmt, 5, caused_by);
  if (has_alternatives (self))
    {
      if (alternative > 0)
        ssa_sql_bind_int64 (stmt, 6, (int) alternative);
      else
        ssa_sql_bind_null (stmt, 6);
    }
  if (!ssa_db_step_done (self, stmt, error))
    return FALSE;
  ssa_db_stmt_release (g_steal_pointer (&stmt));

  /* A change of status (not the offer's creation) goes into the audit log too, in the
   * same transaction, labelled with the offer's number. */
  if (status != SSA_OFFER_STATUS_DRAFT &&
      ssa_db_get_schema_version (self) >= SSA_DB_SCHEMA_AUDIT)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *number = NULL;
      g_autofree char *details = NULL;

      stmt = ssa_db_prepare (self, "SELECT number FROM offers WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      ssa_sql_bind_int64 (stmt, 1, offer_id);
      if (!ssa_db_step_row (self, stmt, error))
        return FALSE;
      number = ssa_db_column_text (stmt, 0);
      ssa_db_stmt_release (g_steal_pointer (&stmt));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, ssa_offer_status_to_string (status));
      if (caused_by != NULL)
        {
          json_builder_set_member_name (builder, "caused_by");
          json_builder_add_string_value (builder, caused_by);
        }
      if (alternative > 0)
        {
          json_builder_set_member_name (builder, "alternative");
          json_builder_add_int_value (builder, alternative);
        }
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      details = json_to_string (root, FALSE);
      if (!ssa_db_audit (self, "status", "offer", offer_id, number, details, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
record_status_change (SsaDb           *self,
                      gint64           offer_id,
                      SsaOfferStatus   status,
                      const char      *caused_by,
                      GError         **error)
{
  return record_status_change_full (self, offer_id, status, caused_by, 0, error);
}

/* Sets the stored status of the offer @offer_id and records the change. */
static gboolean
change_status_full (SsaDb           *self,
                    gint64           offer_id,
                    SsaOfferStatus   status,
                    const char      *caused_by,
                    guint            alternative,
                    GError         **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;

  stmt = ssa_db_prepare (self,
                         "UPDATE offers SET status = ?, status_changed_at = ? WHERE id = ?",
                         error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_text (stmt, 1, ssa_offer_status_to_string (status));
  ssa_db_bind_take_text (stmt, 2, ssa_db_now_iso ());
  ssa_sql_bind_int64 (stmt, 3, offer_id);
  if (!ssa_db_step_done (self, stmt, error))
    return FALSE;
  ssa_db_stmt_release (g_steal_pointer (&stmt));

  /* The alternative accepted, kept with the offer (docs/database.md). */
  if (alternative > 0)
    {
      stmt = ssa_db_prepare (self, "UPDATE offers SET accepted_alternative = ? WHERE id = ?",
                             error);
      if (stmt == NULL)
        return FALSE;
      ssa_sql_bind_int64 (stmt, 1, (int) alternative);
      ssa_sql_bind_int64 (stmt, 2, offer_id);
      if (!ssa_db_step_done (self, stmt, error))
        return FALSE;
    }
  return record_status_change_full (self, offer_id, status, caused_by, alternative, error);
}

static gboolean
change_status (SsaDb           *self,
               gint64           offer_id,
               SsaOfferStatus   status,
               const char      *caused_by,
               GError         **error)
{
  return change_status_full (self, offer_id, status, caused_by, 0, error);
}

/* Moves every open (draft or sent) offer that @sql selects, with @a and @b bound and
 * @except left out, to @status, caused by @cause. */
/* The key of the advisory lock that numbers a year's offers on a team database ("SSA"). */
#define OFFER_NUMBER_LOCK 0x55A

/* On a team database, waits for the lock on the numbers of @year's offers, held until the
 * transaction ends: the next number is then max + 1 as this transaction sees it, and no
 * other client takes it before this one commits or rolls back. No sequence: a rollback
 * leaves no gap. On a file, BEGIN IMMEDIATE already lets one writer in at a time. */
static gboolean
lock_offer_numbers (SsaDb   *self,
                    int      year,
                    GError **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;

  if (!ssa_db_is_team (self))
    return TRUE;
  stmt = ssa_db_prepare (self, "SELECT pg_advisory_xact_lock (?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, OFFER_NUMBER_LOCK);
  ssa_sql_bind_int64 (stmt, 2, year);
  return ssa_db_step (self, stmt, error) != SSA_SQL_STEP_ERROR;
}

/* On a team database, locks the installation of the offer @number until the transaction
 * ends, before its status is read: two clients changing the status of that installation's
 * offers take turns, and the second reads what the first committed (an offer it
 * superseded is no longer open), so that two offers of one installation are never both
 * accepted. FOR NO KEY UPDATE leaves the offers that refer to it free to be inserted. */
static gboolean
lock_installation_of (SsaDb       *self,
                      const char  *number,
                      GError     **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;

  if (!ssa_db_is_team (self))
    return TRUE;
  stmt = ssa_db_prepare (self, "SELECT id FROM installations WHERE id = "
                               "(SELECT installation_id FROM offers WHERE number = ?) "
                               "FOR NO KEY UPDATE", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_text (stmt, 1, number);
  return ssa_db_step (self, stmt, error) != SSA_SQL_STEP_ERROR;
}

static gboolean
close_open_offers (SsaDb           *self,
                   const char      *sql,
                   gint64           a,
                   gint64           b,
                   gint64           except,
                   SsaOfferStatus   status,
                   const char      *cause,
                   GError         **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  stmt = ssa_db_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, a);
  ssa_sql_bind_int64 (stmt, 2, b);
  ssa_sql_bind_int64 (stmt, 3, except);
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    {
      gint64 id = ssa_sql_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc == SSA_SQL_STEP_ERROR)
    return FALSE;
  ssa_db_stmt_release (g_steal_pointer (&stmt));

  for (guint i = 0; i < ids->len; i++)
    if (!change_status (self, g_array_index (ids, gint64, i), status, cause, error))
      return FALSE;
  return TRUE;
}

static SsaDbOffer *
load_offer_by_id (SsaDb   *self,
                  gint64   id,
                  GError **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autoptr(SsaDbOffer) offer = NULL;

  stmt = ssa_db_prepare (self,
                         has_seller (self)
                         ? "SELECT " OFFER_COLUMNS OFFER_FULL_COLUMNS OFFER_FROM " WHERE o.id = ?"
                         : "SELECT " OFFER_COLUMNS OFFER_FULL_COLUMNS_V1 OFFER_FROM
                           " WHERE o.id = ?", error);
  if (stmt == NULL)
    return NULL;
  ssa_sql_bind_int64 (stmt, 1, id);
  if (!ssa_db_step_row (self, stmt, error))
    return NULL;
  offer = offer_from_row (stmt, TRUE);
  if (!load_offer_history (self, offer, error))
    return NULL;
  return g_steal_pointer (&offer);
}

/* Refuses, before anything is stored, a validity longer than the builder offers: a
 * caller's mistake must not become an offer valid for years. */
static gboolean
check_validity_days (guint    validity_days,
                     GError **error)
{
  if (validity_days <= SSA_PROFILE_MAX_VALIDITY_DAYS)
    return TRUE;

  g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED,
               _("An offer cannot be valid for %u days: choose from 1 to %d days."),
               validity_days, SSA_PROFILE_MAX_VALIDITY_DAYS);
  return FALSE;
}

/* Computes and stores an offer inside the caller's write transaction: a new number when
 * @seq is 0, else the next revision of @year-@seq; valid for @validity_days (already
 * checked), or the profile's default when it is 0. */
/* The stored licences whose regular lines @offer pays for (@licence_ids: each inventory
 * line's licence). */
static GArray *
paid_licences (const SsaOffer *offer,
               GArray         *licence_ids)
{
  GArray *paid = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < offer->lines->len; i++)
    {
      const SsaOfferLine *line = &g_array_index (offer->lines, SsaOfferLine, i);

      if (line->segment == SSA_SEGMENT_REGULAR && line->inventory_index < licence_ids->len)
        g_array_append_val (paid, g_array_index (licence_ids, gint64, line->inventory_index));
    }
  return paid;
}

/* What accepting each alternative from the second on applies (docs/database.md): its end
 * and the licences it pays for, as [{"end": "YYYY-MM-DD", "paid": [ids]}]; NULL when the
 * offer has no alternatives. */
static char *
alternatives_to_json (const SsaOffer *offer,
                      GArray         *licence_ids)
{
  GString *json;

  if (ssa_offer_get_n_alternatives (offer) <= 1)
    return NULL;
  json = g_string_new ("[");
  for (guint n = 2; n <= ssa_offer_get_n_alternatives (offer); n++)
    {
      const SsaOffer *alternative = ssa_offer_get_alternative (offer, n);
      g_autoptr(GArray) paid = paid_licences (alternative, licence_ids);
      g_autofree char *end = ssa_date_to_iso (&alternative->end);
      g_autofree char *ids = ids_to_json (paid);
      g_autofree char *total = ssa_decimal_to_string (alternative->totals.total);

      g_string_append_printf (json, "%s{\"end\":\"%s\",\"total\":\"%s\",\"paid\":%s}",
                              n > 2 ? "," : "", end, total, ids);
    }
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* The values of an offer's row that do not depend on its number: installation, price
 * list, created, valid until, period, currency, total, request, inventory, snapshot, paid
 * licences, seller, seller's logo and alternatives. */
typedef struct
{
  gint64          installation_id;
  gint64          price_list_row;
  const GDate    *created;
  const GDate    *valid_until;
  const SsaOffer *offer;
  const char     *request_json;
  const char     *inventory_json;
  const char     *snapshot;
  const char     *paid_json;
  const char     *seller_json;
  GBytes         *logo;
  const char     *alternatives_json;
} OfferRow;

/* Binds @row's values, from parameter @first on. */
static void
bind_offer_values (SsaDbStmt      *stmt,
                   int             first,
                   const OfferRow *row)
{
  ssa_sql_bind_int64 (stmt, first, row->installation_id);
  ssa_sql_bind_int64 (stmt, first + 1, row->price_list_row);
  ssa_db_bind_date (stmt, first + 2, row->created);
  ssa_db_bind_date (stmt, first + 3, row->valid_until);
  ssa_db_bind_date (stmt, first + 4, &row->offer->start);
  ssa_db_bind_date (stmt, first + 5, &row->offer->end);
  ssa_sql_bind_text (stmt, first + 6, row->offer->currency);
  ssa_sql_bind_int64 (stmt, first + 7, row->offer->totals.total);
  ssa_sql_bind_text (stmt, first + 8, row->request_json);
  ssa_sql_bind_text (stmt, first + 9, row->inventory_json);
  ssa_sql_bind_text (stmt, first + 10, row->snapshot);
  ssa_sql_bind_text (stmt, first + 11, row->paid_json);
  ssa_sql_bind_text (stmt, first + 12, row->seller_json);
  if (row->logo != NULL)
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (row->logo, &size);

      ssa_sql_bind_blob (stmt, first + 13, data, size);
    }
  else
    ssa_sql_bind_null (stmt, first + 13);
  ssa_db_bind_text (stmt, first + 14, row->alternatives_json);
}

/* On a team database, one statement numbers the offer and inserts it with the first entry
 * of its history, and returns it as ssa_db_load_offer() reads it: the next number is
 * computed by the server under the year's lock (taken by the statement before it, so that
 * this one's snapshot, taken when it starts, sees every number committed before the lock
 * was granted), year (?1) and, for a revision, seq (?19) bound. Casts, as a parameter in a
 * SELECT's list takes no type from the column it goes to. */
#define TEAM_INSERT_OFFER(next) \
  "WITH n AS (" next "), " \
  "o AS (INSERT INTO offers (year, seq, revision, number, installation_id, price_list_id, " \
  "status, created, valid_until, period_start, period_end, currency, total, request, " \
  "inventory, snapshot, paid_licences, seller, seller_logo, alternatives) " \
  "SELECT CAST (?1 AS integer), n.seq, n.revision, " \
  "to_char (CAST (?1 AS integer), 'FM0000') || '-' || " \
  "CASE WHEN n.seq < 10000 THEN to_char (n.seq, 'FM0000') ELSE n.seq::text END || " \
  "CASE WHEN n.revision > 1 THEN '-R' || n.revision ELSE '' END, " \
  "CAST (?2 AS bigint), CAST (?3 AS bigint), 'draft', CAST (?4 AS text), " \
  "CAST (?5 AS text), CAST (?6 AS text), CAST (?7 AS text), CAST (?8 AS text), " \
  "CAST (?9 AS bigint), CAST (?10 AS text), CAST (?11 AS text), CAST (?12 AS text), " \
  "CAST (?13 AS text), CAST (?14 AS text), CAST (?15 AS bytea), CAST (?16 AS text) " \
  "FROM n RETURNING *), " \
  "h AS (INSERT INTO offer_status_changes (offer_id, status, changed_at, user_name) " \
  "SELECT id, 'draft', CAST (?17 AS text), CAST (?18 AS text) FROM o) " \
  "SELECT " OFFER_COLUMNS OFFER_FULL_COLUMNS " FROM o " \
  "LEFT JOIN installations i ON i.id = o.installation_id " \
  "LEFT JOIN customers c ON c.id = i.customer_id " \
  "LEFT JOIN price_lists p ON p.id = o.price_list_id"

static SsaDbOffer *
store_offer_on_team (SsaDb           *self,
                     int              year,
                     int              seq,
                     const OfferRow  *row,
                     gboolean         commit,
                     GError         **error)
{
  g_autoptr(SsaDbStmt) lock = NULL;
  g_autoptr(SsaDbStmt) insert = NULL;
  g_autoptr(SsaDbOffer) stored = NULL;
  g_autofree char *changed_at = ssa_db_now_iso ();

  lock = ssa_db_prepare (self, "SELECT pg_advisory_xact_lock (?, ?)", error);
  if (lock == NULL)
    return NULL;
  ssa_sql_bind_int64 (lock, 1, OFFER_NUMBER_LOCK);
  ssa_sql_bind_int64 (lock, 2, year);

  insert = ssa_db_prepare (self,
                           seq == 0
                           ? TEAM_INSERT_OFFER ("SELECT coalesce (max (seq), 0) + 1 AS seq, "
                                                "1 AS revision FROM offers "
                                                "WHERE year = CAST (?1 AS integer)")
                           : TEAM_INSERT_OFFER ("SELECT CAST (?19 AS integer) AS seq, "
                                                "coalesce (max (revision), 0) + 1 AS revision "
                                                "FROM offers WHERE year = CAST (?1 AS integer) "
                                                "AND seq = CAST (?19 AS integer)"), error);
  if (insert == NULL)
    return NULL;
  ssa_sql_bind_int64 (insert, 1, year);
  bind_offer_values (insert, 2, row);
  ssa_sql_bind_text (insert, 17, changed_at);
  ssa_db_bind_text (insert, 18, ssa_db_get_user_name (self));
  if (seq > 0)
    ssa_sql_bind_int64 (insert, 19, seq);

  if (commit)
    {
      /* BEGIN, the lock, the insert and COMMIT in one round trip: the server holds the lock
       * only while it inserts and commits, never while a reply travels to this client and
       * the next statement back. */
      SsaDbStmt *stmts[] = { lock, insert };

      g_clear_error (&self->sql_error);
      if (!ssa_sql_pg_run_in_transaction (self->sql, stmts, G_N_ELEMENTS (stmts),
                                          &self->sql_error))
        {
          ssa_db_set_step_error (self, error);
          return NULL;
        }
    }
  else if (ssa_db_step (self, lock, error) == SSA_SQL_STEP_ERROR)
    return NULL;
  if (!ssa_db_step_row (self, insert, error))
    return NULL;

  /* The offer as ssa_db_load_offer() would read it back: the row, its one change of
   * status (as just inserted) and the summary of its alternatives. */
  stored = offer_from_row (insert, TRUE);
  set_alternatives (stored, row->alternatives_json, 0);
  add_history (stored, ssa_offer_status_to_string (SSA_OFFER_STATUS_DRAFT), changed_at,
               ssa_db_get_user_name (self), NULL, 0);
  return g_steal_pointer (&stored);
}

/* Reads what an offer is computed from and stored with: the current price list, the
 * installation (@out_inventory, and the ids of its lines) and the seller, as the profile
 * stands now: what the offer's documents show of the reseller, kept with it (the same read
 * gives the default validity). With @together (a team database, outside a transaction),
 * the four statements go to the server in one round trip: each sees what others committed
 * before it started, as separate reads in READ COMMITTED would. */
static gboolean
read_offer_inputs (SsaDb               *self,
                   gint64               installation_id,
                   gboolean             together,
                   SsaPriceList       **out_price_list,
                   SsaDbPriceListInfo **out_info,
                   SsaInventory       **out_inventory,
                   GArray             **out_licence_ids,
                   SsaProfile         **out_seller,
                   GError             **error)
{
  g_autoptr(SsaDbStmt) price_list = NULL;
  g_autoptr(SsaDbStmt) head = NULL;
  g_autoptr(SsaDbStmt) lines = NULL;
  g_autoptr(SsaDbStmt) profile = NULL;

  if (!together)
    {
      *out_price_list = ssa_db_load_current_price_list (self, out_info, error);
      if (*out_price_list == NULL)
        return FALSE;
      *out_inventory = ssa_db_read_inventory (self, installation_id, out_licence_ids, error);
      if (*out_inventory == NULL)
        return FALSE;
      *out_seller = ssa_db_load_profile (self, error);
      return *out_seller != NULL;
    }

  price_list = ssa_db_prepare_current_price_list (self, error);
  if (price_list == NULL ||
      !ssa_db_prepare_inventory (self, installation_id, &head, &lines, error))
    return FALSE;
  profile = ssa_db_prepare_profile (self, error);
  if (profile == NULL)
    return FALSE;
  {
    SsaDbStmt *stmts[] = { price_list, head, lines, profile };

    g_clear_error (&self->sql_error);
    if (!ssa_sql_pg_run_together (self->sql, stmts, G_N_ELEMENTS (stmts), &self->sql_error))
      return ssa_db_set_step_error (self, error);
  }
  *out_price_list = ssa_db_read_current_price_list (self, price_list, out_info, error);
  if (*out_price_list == NULL)
    return FALSE;
  *out_inventory = ssa_db_read_inventory_rows (self, installation_id, head, lines,
                                               out_licence_ids, error);
  if (*out_inventory == NULL)
    return FALSE;
  *out_seller = ssa_db_read_profile (self, profile, error);
  return *out_seller != NULL;
}

static SsaDbOffer *
store_offer (SsaDb                  *self,
             gint64                  installation_id,
             int                     year,
             int                     seq,
             const SsaOfferRequest  *request,
             const GDate            *created,
             guint                   validity_days,
             gboolean                commit,
             SsaOffer              **out_offer,
             GError                **error)
{
  g_autoptr(SsaDbPriceListInfo) info = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(GArray) licence_ids = NULL;
  g_autoptr(GArray) paid = NULL;
  g_autoptr(GArray) true_up_items = NULL;
  g_autoptr(SsaOffer) offer = NULL;
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autofree char *number = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *inventory_json = NULL;
  g_autofree char *request_json = NULL;
  g_autofree char *paid_json = NULL;
  OfferRow row;
  g_autofree char *alternatives_json = NULL;
  g_autofree char *seller_json = NULL;
  g_autoptr(SsaProfile) seller = NULL;
  GDate day;
  GDate valid_until;
  gint64 offer_id;
  int revision = 1;
  int days;

  if (ssa_date_is_set (created))
    day = *created;
  else
    ssa_date_today (&day);

  if (!read_offer_inputs (self, installation_id, commit, &price_list, &info, &inventory,
                          &licence_ids, &seller, error))
    return NULL;

  /* A true-up proposes what the installation's last PBX reading says is missing now. */
  if (request->true_up && request->true_up_items == NULL)
    {
      SsaOfferRequest with_items = *request;

      true_up_items = ssa_db_load_true_up (self, installation_id, inventory, price_list,
                                           error);
      if (true_up_items == NULL)
        return NULL;
      with_items.true_up_items = true_up_items;
      offer = ssa_offer_compute (price_list, inventory, &with_items, error);
    }
  else
    offer = ssa_offer_compute (price_list, inventory, request, error);
  if (offer == NULL)
    return NULL;

  /* The lines the offer pays for: their coverage moves to its end once it is accepted. */
  paid = paid_licences (offer, licence_ids);
  alternatives_json = alternatives_to_json (offer, licence_ids);

  if (seq == 0)
    year = (int) g_date_get_year (&day);

  g_assert (validity_days <= SSA_PROFILE_MAX_VALIDITY_DAYS);
  if (validity_days > 0)
    days = (int) validity_days;
  else
    days = CLAMP (seller->default_validity_days, 1, SSA_PROFILE_MAX_VALIDITY_DAYS);
  ssa_date_add_days (&day, days, &valid_until);

  if (!ssa_limits_check_date (&valid_until, _("The end of the offer’s validity"), error))
    return NULL;

  seller_json = seller_to_json (seller);
  snapshot = ssa_offer_to_json (offer);
  inventory_json = ssa_inventory_to_json (inventory);
  request_json = request_to_json (request);
  paid_json = ids_to_json (paid);

  /* The number last, just before the row is inserted: the lock it takes is held to the
   * commit, and everything above runs before it, while other clients number theirs. */
  row = (OfferRow) { installation_id, info->row_id, &day, &valid_until, offer, request_json,
                     inventory_json, snapshot, paid_json, seller_json, seller->logo,
                     alternatives_json };
  if (ssa_db_is_team (self) && has_alternatives (self))
    {
      g_autoptr(SsaDbOffer) stored = NULL;

      stored = store_offer_on_team (self, year, seq, &row, commit, error);
      if (stored != NULL && out_offer != NULL)
        *out_offer = g_steal_pointer (&offer);
      return g_steal_pointer (&stored);
    }
  g_assert (!commit);

  if (!lock_offer_numbers (self, year, error))
    return NULL;
  if (seq == 0)
    {
      if (!query_next (self, "SELECT coalesce(max(seq), 0) + 1 FROM offers WHERE year = ?",
                       year, 0, &seq, error))
        return NULL;
    }
  else if (!query_next (self,
                        "SELECT coalesce(max(revision), 0) + 1 FROM offers "
                        "WHERE year = ? AND seq = ?", year, seq, &revision, error))
    return NULL;

  number = format_number (year, seq, revision);

  stmt = ssa_db_prepare (self,
                         "INSERT INTO offers (year, seq, revision, number, installation_id, "
                         "price_list_id, status, created, valid_until, period_start, period_end, "
                         "currency, total, request, inventory, snapshot, paid_licences, seller, "
                         "seller_logo, alternatives) VALUES "
                         "(?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                         "RETURNING id", error);
  if (stmt == NULL)
    return NULL;
  ssa_sql_bind_int64 (stmt, 1, year);
  ssa_sql_bind_int64 (stmt, 2, seq);
  ssa_sql_bind_int64 (stmt, 3, revision);
  ssa_sql_bind_text (stmt, 4, number);
  bind_offer_values (stmt, 5, &row);
  /* RETURNING: no second round trip to a server for the id. */
  if (!ssa_db_step_row (self, stmt, error))
    return NULL;
  offer_id = ssa_sql_column_int64 (stmt, 0);
  ssa_db_stmt_release (g_steal_pointer (&stmt));
  if (!record_status_change (self, offer_id, SSA_OFFER_STATUS_DRAFT, NULL, error))
    return NULL;

  if (out_offer != NULL)
    *out_offer = g_steal_pointer (&offer);
  return load_offer_by_id (self, offer_id, error);
}

/**
 * ssa_db_create_offer:
 * @self: the connection
 * @installation_id: the stored installation to make the offer for
 * @request: the period and terms
 * @created: (nullable): the day the offer is made, %NULL for the local date: its year is the
 *   number's, and the offer's validity runs from it
 * @validity_days: how many days the offer stays valid: its valid_until is @created plus
 *   this many days; 0 for the profile's default validity
 * @out_offer: (out) (optional) (transfer full): the computed offer
 * @error: a #GError
 *
 * Computes an offer against the current price list and the stored installation and stores
 * it as a draft with the next number of the year, all in one write transaction. A refusal
 * of the calculator is its %SSA_ERROR, with nothing stored. A @validity_days above
 * %SSA_PROFILE_MAX_VALIDITY_DAYS is refused with %SSA_DB_ERROR_REFUSED, with nothing
 * stored.
 *
 * Returns: (transfer full): the stored offer, whole
 */
SsaDbOffer *
ssa_db_create_offer (SsaDb                  *self,
                     gint64                  installation_id,
                     const SsaOfferRequest  *request,
                     const GDate            *created,
                     guint                   validity_days,
                     SsaOffer              **out_offer,
                     GError                **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  g_autoptr(SsaDbOffer) stored = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (!check_validity_days (validity_days, error))
    return NULL;
  /* On a team database the offer is computed from reads of their own (in READ COMMITTED,
   * a transaction's reads see what others committed anyway), and the number, the insert
   * and the commit go in one transaction of one round trip (store_offer_on_team()). */
  if (ssa_db_is_team (self) && has_alternatives (self))
    {
      if (!ssa_db_check_writable (self, error))
        return NULL;
      return store_offer (self, installation_id, 0, 0, request, created, validity_days, TRUE,
                          out_offer, error);
    }
  if (!ssa_db_transaction_begin (&txn, self, error))
    return NULL;
  stored = store_offer (self, installation_id, 0, 0, request, created, validity_days, FALSE,
                        out_offer, error);
  if (stored == NULL || !ssa_db_transaction_commit (&txn, error))
    {
      if (out_offer != NULL)
        g_clear_pointer (out_offer, ssa_offer_free);
      return NULL;
    }
  return g_steal_pointer (&stored);
}

static char *
normalize_number (const char *number)
{
  return g_strstrip (g_ascii_strup (number, -1));
}

static SsaDbOffer *
load_offer (SsaDb       *self,
            const char  *number,
            GError     **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autofree char *normal = normalize_number (number);
  int rc;

  stmt = ssa_db_prepare (self,
                         has_seller (self)
                         ? "SELECT " OFFER_COLUMNS OFFER_FULL_COLUMNS OFFER_FROM
                           " WHERE o.number = ?"
                         : "SELECT " OFFER_COLUMNS OFFER_FULL_COLUMNS_V1 OFFER_FROM
                           " WHERE o.number = ?", error);
  if (stmt == NULL)
    return NULL;
  ssa_sql_bind_text (stmt, 1, normal);
  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  if (rc == SSA_SQL_STEP_DONE)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND,
                   _("There is no offer %s in the database %s."), number, self->display_name);
      return NULL;
    }
  offer = offer_from_row (stmt, TRUE);
  if (!load_offer_history (self, offer, error))
    return NULL;
  return g_steal_pointer (&offer);
}

/**
 * ssa_db_revise_offer:
 * @self: the connection
 * @number: an offer's number, any of its revisions
 * @request: the period and terms of the revision
 * @created: (nullable): the day the revision is made, %NULL for the local date
 * @validity_days: how many days the revision stays valid: its valid_until is @created plus
 *   this many days; 0 for the profile's default validity (not the revised offer's)
 * @out_offer: (out) (optional) (transfer full): the computed offer
 * @error: a #GError
 *
 * Makes the next revision of an offer (whatever its status): computed anew for the same
 * installation against the current price list, stored as a draft numbered like the first
 * with `-R2`, `-R3`, …. The revisions of that number still open (draft or sent) become
 * `revised`, recorded in their history; their content does not change. A @validity_days above
 * %SSA_PROFILE_MAX_VALIDITY_DAYS is refused with %SSA_DB_ERROR_REFUSED, with nothing
 * stored.
 *
 * Returns: (transfer full): the stored revision
 */
SsaDbOffer *
ssa_db_revise_offer (SsaDb                  *self,
                     const char             *number,
                     const SsaOfferRequest  *request,
                     const GDate            *created,
                     guint                   validity_days,
                     SsaOffer              **out_offer,
                     GError                **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  g_autoptr(SsaDbOffer) original = NULL;
  g_autoptr(SsaDbOffer) stored = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (number != NULL, NULL);
  g_return_val_if_fail (request != NULL, NULL);

  if (!check_validity_days (validity_days, error))
    return NULL;
  if (!ssa_db_transaction_begin (&txn, self, error) ||
      !lock_installation_of (self, number, error))
    return NULL;
  original = load_offer (self, number, error);
  if (original == NULL)
    return NULL;
  stored = store_offer (self, original->installation_id, original->year, original->seq,
                        request, created, validity_days, FALSE, out_offer, error);
  /* Its open revisions give way to the new one: they are `revised`, and say by which. */
  if (stored == NULL ||
      !close_open_offers (self,
                          "SELECT id FROM offers WHERE year = ? AND seq = ? AND id != ? "
                          "AND status IN ('draft', 'sent') ORDER BY id",
                          original->year, original->seq, stored->id,
                          SSA_OFFER_STATUS_REVISED, stored->number, error) ||
      !ssa_db_transaction_commit (&txn, error))
    {
      if (out_offer != NULL)
        g_clear_pointer (out_offer, ssa_offer_free);
      return NULL;
    }
  return g_steal_pointer (&stored);
}

static gboolean
refuse (GError     **error,
        const char  *format,
        ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError     **error,
        const char  *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED, message);
  return FALSE;
}

static gboolean set_offer_status (SsaDb           *self,
                                  const char      *number,
                                  SsaOfferStatus   status,
                                  guint            alternative,
                                  const GDate     *today,
                                  GError         **error);

static gboolean
check_transition (const SsaDbOffer *offer,
                  SsaOfferStatus    status,
                  const GDate      *today,
                  GError          **error)
{
  g_autofree char *why = NULL;

  if (ssa_db_offer_can_set_status (offer, status, today, &why))
    return TRUE;
  g_set_error_literal (error, SSA_DB_ERROR, SSA_DB_ERROR_REFUSED, why);
  return FALSE;
}

static gboolean
check_no_accepted_revision (SsaDb             *self,
                            const SsaDbOffer  *offer,
                            GError           **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  stmt = ssa_db_prepare (self,
                         "SELECT number FROM offers WHERE year = ? AND seq = ? AND id != ? "
                         "AND status = 'accepted'", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, offer->year);
  ssa_sql_bind_int64 (stmt, 2, offer->seq);
  ssa_sql_bind_int64 (stmt, 3, offer->id);
  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return FALSE;
  if (rc == SSA_SQL_STEP_ROW)
    return refuse (error, _("Offer %s cannot be accepted: its revision %s is already accepted."),
                   offer->number, ssa_sql_column_text (stmt, 0));
  return TRUE;
}

/* The end and the paid licences of alternative @alternative (2 and on) of @offer, from its
 * stored alternatives. */
static gboolean
read_alternative (SsaDb             *self,
                  const SsaDbOffer  *offer,
                  guint              alternative,
                  GDate             *end,
                  GArray           **paid,
                  GError           **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root = NULL;
  const char *json;
  JsonObject *object = NULL;
  JsonArray *array;

  stmt = ssa_db_prepare (self, "SELECT alternatives FROM offers WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, offer->id);
  if (!ssa_db_step_row (self, stmt, error))
    return FALSE;
  json = ssa_sql_column_text (stmt, 0);
  /* SSA Desk's own JSON, of its own column: plain parsing, as of the paid licences. */
  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL))
    root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root) &&
      (array = json_node_get_array (root)) != NULL &&
      alternative - 2 < json_array_get_length (array) &&
      JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, alternative - 2)))
    object = json_array_get_object_element (array, alternative - 2);
  if (object != NULL && json_object_has_member (object, "paid") &&
      read_request_date (object, "end", end) && ssa_date_is_set (end))
    {
      g_autofree char *ids = json_to_string (json_object_get_member (object, "paid"), FALSE);

      *paid = ids_from_json (ids);
      return TRUE;
    }
  g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_DAMAGED,
               _("The alternatives of offer %s cannot be read: the database may be damaged."),
               offer->number);
  return FALSE;
}

/**
 * ssa_db_offer_get_true_up:
 * @offer: an offer read whole, with its request and document (ssa_db_load_offer())
 * @snapshot: (out) (transfer full): the offer read back from its stored document, which the
 *   lines added to @lines point into; left %NULL when the offer has no true-up
 * @lines: (element-type SsaOfferLine): receives the licence lines of @offer's true-up: the
 *   licences accepting it adds to the installation (docs/rules.md, "True-up")
 * @error: a #GError
 *
 * An offer whose request asked for no true-up adds nothing to @lines.
 *
 * Returns: %FALSE when the offer's request or document cannot be read
 */
gboolean
ssa_db_offer_get_true_up (const SsaDbOffer  *offer,
                          SsaOffer         **snapshot,
                          GPtrArray         *lines,
                          GError           **error)
{
  SsaOfferRequest request;

  g_return_val_if_fail (offer != NULL, FALSE);
  g_return_val_if_fail (snapshot != NULL && *snapshot == NULL, FALSE);
  g_return_val_if_fail (lines != NULL, FALSE);

  if (!ssa_db_offer_get_request (offer, &request, error))
    return FALSE;
  if (!request.true_up)
    return TRUE;

  if (offer->snapshot != NULL)
    *snapshot = ssa_offer_new_from_json (offer->snapshot, strlen (offer->snapshot), NULL);
  if (*snapshot == NULL)
    {
      g_set_error (error, SSA_DB_ERROR, SSA_DB_ERROR_DAMAGED,
                   _("The lines of offer %s cannot be read: the database may be damaged."),
                   offer->number);
      return FALSE;
    }
  for (guint i = 0; i < (*snapshot)->lines->len; i++)
    {
      SsaOfferLine *line = &g_array_index ((*snapshot)->lines, SsaOfferLine, i);

      if (line->group == SSA_LINE_GROUP_TRUE_UP && line->segment == SSA_SEGMENT_LICENCE)
        g_ptr_array_add (lines, line);
    }
  return TRUE;
}

/**
 * ssa_db_offer_dup_true_up_text:
 * @offer: an offer read whole (ssa_db_load_offer())
 * @error: a #GError
 *
 * Returns: (transfer full) (nullable): the licences accepting @offer adds to its
 *   installation, for a person: "3 × IP port (02-00039-002), 1 × Voicemail (02-00036-001)";
 *   an empty string when it adds none, %NULL when the offer cannot be read
 */
char *
ssa_db_offer_dup_true_up_text (const SsaDbOffer  *offer,
                               GError           **error)
{
  g_autoptr(SsaOffer) snapshot = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  GString *text;

  if (!ssa_db_offer_get_true_up (offer, &snapshot, lines, error))
    return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < lines->len; i++)
    {
      const SsaOfferLine *line = g_ptr_array_index (lines, i);
      g_autofree char *quantity = g_strdup_printf ("%" G_GINT64_FORMAT, line->quantity);

      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: one licence a true-up sells: its quantity, name and code. */
      g_string_append_printf (text, _("%s × %s (%s)"), quantity, line->name, line->code);
    }
  return g_string_free (text, FALSE);
}

/* The licences @offer sells (its true-up), as new lines of the installation, into @bought:
 * bought on @accepted_on, covered to @end when of a kind the SSA covers. Their codes and
 * names point into @snapshot. */
static gboolean
read_true_up (const SsaDbOffer  *offer,
              const GDate       *accepted_on,
              const GDate       *end,
              SsaOffer         **snapshot,
              GArray            *bought,
              GError           **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();

  if (!ssa_db_offer_get_true_up (offer, snapshot, lines, error))
    return FALSE;
  for (guint i = 0; i < lines->len; i++)
    {
      const SsaOfferLine *line = g_ptr_array_index (lines, i);
      SsaInventoryLine new_line = { 0 };

      new_line.code = (char *) line->code;
      new_line.name = (char *) line->name;
      new_line.quantity = line->quantity;
      new_line.has_kind = TRUE;
      new_line.kind = line->kind;
      new_line.added_on = *accepted_on;
      g_date_clear (&new_line.covered_until, 1);
      if (ssa_kind_is_covered (line->kind))
        new_line.covered_until = *end;
      g_array_append_val (bought, new_line);
    }
  return TRUE;
}

static gboolean
accept (SsaDb             *self,
        const SsaDbOffer  *offer,
        guint              alternative,
        const GDate       *today,
        GError           **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(SsaOffer) snapshot = NULL;
  g_autoptr(GArray) paid = NULL;
  g_autoptr(GArray) bought = g_array_new (FALSE, TRUE, sizeof (SsaInventoryLine));
  g_autofree char *document = NULL;
  g_autofree char *what = NULL;
  GDate end = offer->period_end;
  GDate accepted_on;

  if (alternative >= 2)
    {
      if (!read_alternative (self, offer, alternative, &end, &paid, error))
        return FALSE;
    }
  else
    {
      stmt = ssa_db_prepare (self, "SELECT paid_licences FROM offers WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      ssa_sql_bind_int64 (stmt, 1, offer->id);
      if (!ssa_db_step_row (self, stmt, error))
        return FALSE;
      paid = ids_from_json (ssa_sql_column_text (stmt, 0));
      ssa_db_stmt_release (g_steal_pointer (&stmt));
    }

  document = ssa_db_dup_price_list_document (self, offer->price_list_row, error);
  if (document == NULL)
    return FALSE;
  what = g_strdup_printf (_("price list %s"), offer->price_list_id);
  price_list = ssa_price_list_new_from_data (document, strlen (document), what, error);
  if (price_list == NULL)
    return FALSE;

  if (ssa_date_is_set (today))
    accepted_on = *today;
  else
    ssa_date_today (&accepted_on);
  if (!read_true_up (offer, &accepted_on, &end, &snapshot, bought, error))
    return FALSE;

  return ssa_db_apply_acceptance (self, offer->installation_id, &end, paid, bought,
                                  price_list, error);
}

/**
 * ssa_db_set_offer_status:
 * @self: the connection
 * @number: the offer's number, with its revision
 * @status: %SSA_OFFER_STATUS_SENT, %SSA_OFFER_STATUS_ACCEPTED or %SSA_OFFER_STATUS_DECLINED
 * @today: (nullable): the day to judge the validity by, %NULL for the local date
 * @error: a #GError
 *
 * Moves an offer on: draft → sent → accepted or declined. Any other change, a second
 * accepted revision of one number, and sending or accepting an offer whose validity has
 * ended are refused with %SSA_DB_ERROR_REFUSED (ssa_db_offer_can_set_status()). Accepting
 * applies "After an offer is accepted" of docs/rules.md to the installation and marks the
 * installation's other open (draft or sent) offers superseded, in the same transaction.
 * Every change is recorded in the offer's history with its time and user.
 */
gboolean
ssa_db_set_offer_status (SsaDb           *self,
                         const char      *number,
                         SsaOfferStatus   status,
                         const GDate     *today,
                         GError         **error)
{
  return set_offer_status (self, number, status, 0, today, error);
}

/**
 * ssa_db_accept_offer:
 * @self: the connection
 * @number: the offer's number, with its revision
 * @alternative: the alternative the customer chose, from 1 (the offer itself); 0 for an
 *   offer without alternatives
 * @today: (nullable): the day to judge the validity by, %NULL for the local date
 * @error: a #GError
 *
 * Accepts an offer as ssa_db_set_offer_status() does, applying the period and the paid
 * licences of @alternative (docs/rules.md, "Alternatives"), and keeps which alternative was
 * accepted with the offer and in its history. An offer with alternatives is refused
 * (%SSA_DB_ERROR_REFUSED) without a choice, and any @alternative it does not have.
 */
gboolean
ssa_db_accept_offer (SsaDb           *self,
                     const char      *number,
                     guint            alternative,
                     const GDate     *today,
                     GError         **error)
{
  return set_offer_status (self, number, SSA_OFFER_STATUS_ACCEPTED, alternative, today, error);
}

static gboolean
check_alternative (const SsaDbOffer  *offer,
                   guint              alternative,
                   GError           **error)
{
  if (alternative == 0 && offer->n_alternatives > 1)
    return refuse (error, _("Offer %s has %u alternatives: choose the one the customer "
                            "accepted."), offer->number, offer->n_alternatives);
  if (alternative > offer->n_alternatives)
    {
      if (offer->n_alternatives == 1)
        return refuse (error, _("Offer %s has no alternatives: it is accepted as it is, "
                                "without choosing one."), offer->number);
      return refuse (error, _("Offer %s has no alternative %u: choose one from 1 to %u."),
                     offer->number, alternative, offer->n_alternatives);
    }
  return TRUE;
}

static gboolean
set_offer_status (SsaDb           *self,
                  const char      *number,
                  SsaOfferStatus   status,
                  guint            alternative,
                  const GDate     *today,
                  GError         **error)
{
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  g_autoptr(SsaDbOffer) offer = NULL;
  g_autoptr(SsaDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  if (!ssa_db_transaction_begin (&txn, self, error) ||
      !lock_installation_of (self, number, error))
    return FALSE;
  offer = load_offer (self, number, error);
  if (offer == NULL)
    return FALSE;
  if (!check_transition (offer, status, today, error))
    return FALSE;
  if (status == SSA_OFFER_STATUS_ACCEPTED && !check_no_accepted_revision (self, offer, error))
    return FALSE;
  if (status == SSA_OFFER_STATUS_ACCEPTED && !check_alternative (offer, alternative, error))
    return FALSE;
  if (status != SSA_OFFER_STATUS_ACCEPTED || offer->n_alternatives <= 1)
    alternative = 0;

  if (!change_status_full (self, offer->id, status, NULL, alternative, error))
    return FALSE;

  /* The installation's other open offers (drafts and sent ones, even past their validity)
   * no longer apply: they are superseded by this one. */
  if (status == SSA_OFFER_STATUS_ACCEPTED &&
      (!accept (self, offer, alternative, today, error) ||
       !close_open_offers (self,
                           "SELECT id FROM offers WHERE installation_id = ?1 AND id NOT IN (?2, ?3) "
                           "AND status IN ('draft', 'sent') ORDER BY id",
                           offer->installation_id, 0, offer->id,
                           SSA_OFFER_STATUS_SUPERSEDED, offer->number, error)))
    return FALSE;

  return ssa_db_transaction_commit (&txn, error);
}

/**
 * ssa_db_load_offer:
 * @self: the connection
 * @number: the offer's number, with its revision ("2026-0001-R2")
 * @error: a #GError
 *
 * Returns: (transfer full): the offer with its request and snapshot
 */
SsaDbOffer *
ssa_db_load_offer (SsaDb       *self,
                   const char  *number,
                   GError     **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (number != NULL, NULL);

  return load_offer (self, number, error);
}

/**
 * ssa_db_list_offers:
 *
 * Returns: (transfer full) (element-type SsaDbOffer): every offer by number and revision,
 *   with its history, without request and snapshot
 */
GPtrArray *
ssa_db_list_offers (SsaDb   *self,
                    GError **error)
{
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = ssa_db_prepare (self,
                         "SELECT " OFFER_COLUMNS OFFER_FROM
                         " ORDER BY o.year, o.seq, o.revision", error);
  if (stmt == NULL)
    return NULL;
  offers = g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_db_offer_free);
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    {
      SsaDbOffer *offer = offer_from_row (stmt, FALSE);

      g_ptr_array_add (offers, offer);
      g_hash_table_insert (by_id, &offer->id, offer);
    }
  if (rc == SSA_SQL_STEP_ERROR || !load_history (self, by_id, 0, error))
    return NULL;
  return g_steal_pointer (&offers);
}

/**
 * ssa_db_list_open_offers:
 * @self: the connection
 * @today: (nullable): the day to judge the validity by, %NULL for the local date
 * @error: a #GError
 *
 * The offers that still wait for the customer's answer (ssa_db_offer_is_open()), by
 * installation: what the renewal batch leaves alone.
 *
 * Returns: (transfer full) (element-type gint64 SsaDbOffer): installation id (a #gint64
 *   pointer, owned by the value) -> its newest open offer, without request and snapshot
 */
GHashTable *
ssa_db_list_open_offers (SsaDb        *self,
                         const GDate  *today,
                         GError      **error)
{
  g_autoptr(GHashTable) open = NULL;
  g_autoptr(SsaDbStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = ssa_db_prepare (self,
                         "SELECT " OFFER_COLUMNS OFFER_FROM
                         " WHERE o.status IN ('draft', 'sent')"
                         " ORDER BY o.year, o.seq, o.revision", error);
  if (stmt == NULL)
    return NULL;
  open = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                (GDestroyNotify) ssa_db_offer_free);
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    {
      SsaDbOffer *offer = offer_from_row (stmt, FALSE);

      if (!ssa_db_offer_is_open (offer, today))
        {
          ssa_db_offer_free (offer);
          continue;
        }
      /* The newest wins: the key lives in the value, so the old pair goes first. */
      g_hash_table_remove (open, &offer->installation_id);
      g_hash_table_insert (open, &offer->installation_id, offer);
    }
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&open);
}

/* The reseller's profile. */

/**
 * ssa_db_load_profile:
 *
 * Returns: (transfer full): the reseller's profile
 */
SsaProfile *
ssa_db_load_profile (SsaDb   *self,
                     GError **error)
{
  g_autoptr(SsaDbStmt) stmt = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  stmt = ssa_db_prepare_profile (self, error);
  if (stmt == NULL)
    return NULL;
  return ssa_db_read_profile (self, stmt, error);
}

/* The statement that reads the profile, for ssa_db_read_profile(): apart, so that it can
 * run together with other reads (ssa_sql_pg_run_together()). */
SsaDbStmt *
ssa_db_prepare_profile (SsaDb   *self,
                        GError **error)
{
  return ssa_db_prepare (self,
                         ssa_db_get_schema_version (self) >= SSA_DB_SCHEMA_AUDIT
                         ? "SELECT company_name, org_no, vat_registered, foretaksregisteret, "
                           "address, phone, email, logo, logo_mime_type, payment_terms, "
                           "default_validity_days, default_labour_rate, version FROM profile "
                           "WHERE id = 1"
                         : "SELECT company_name, org_no, vat_registered, foretaksregisteret, "
                           "address, phone, email, logo, logo_mime_type, payment_terms, "
                           "default_validity_days, default_labour_rate, 1 FROM profile "
                           "WHERE id = 1",
                         error);
}

/* Steps @stmt of ssa_db_prepare_profile() (run already or not) and returns the profile, as
 * ssa_db_load_profile() does. */
SsaProfile *
ssa_db_read_profile (SsaDb      *self,
                     SsaDbStmt  *stmt,
                     GError    **error)
{
  g_autoptr(SsaProfile) profile = ssa_profile_new ();
  int rc;

  rc = ssa_db_step (self, stmt, error);
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  if (rc == SSA_SQL_STEP_DONE)
    return g_steal_pointer (&profile);

  profile->company_name = ssa_db_column_text (stmt, 0);
  profile->org_no = ssa_db_column_text (stmt, 1);
  profile->vat_registered = (int) ssa_sql_column_int64 (stmt, 2) != 0;
  profile->foretaksregisteret = (int) ssa_sql_column_int64 (stmt, 3) != 0;
  profile->address = ssa_db_column_text (stmt, 4);
  profile->phone = ssa_db_column_text (stmt, 5);
  profile->email = ssa_db_column_text (stmt, 6);
  if (!ssa_sql_column_is_null (stmt, 7))
    profile->logo = ssa_sql_column_blob (stmt, 7);
  profile->logo_mime_type = ssa_db_column_text (stmt, 8);
  profile->payment_terms = ssa_db_column_text (stmt, 9);
  profile->default_validity_days = (int) ssa_sql_column_int64 (stmt, 10);
  profile->has_default_labour_rate = !ssa_sql_column_is_null (stmt, 11);
  profile->default_labour_rate = ssa_sql_column_int64 (stmt, 11);
  profile->version = ssa_sql_column_int64 (stmt, 12);
  return g_steal_pointer (&profile);
}

/**
 * ssa_db_save_profile:
 * @self: the connection
 * @profile: the new profile, whole
 * @error: a #GError
 *
 * Replaces the stored profile after checking it with ssa_profile_validate(), when the
 * stored one is still at @profile's version (as ssa_db_update_customer() does: someone
 * else's newer change is refused with %SSA_DB_ERROR_CONFLICT; a profile of version 0 is
 * saved over any). @profile gets the saved row's version.
 */
gboolean
ssa_db_save_profile (SsaDb             *self,
                     SsaProfile        *profile,
                     GError           **error)
{
  /* First, so that it rolls back after the statements are released. */
  g_auto(SsaDbTransaction) txn = SSA_DB_TRANSACTION_INIT;
  g_autoptr(SsaDbStmt) stmt = NULL;
  gint64 version = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (profile != NULL, FALSE);

  if (!ssa_profile_validate (profile, error))
    return FALSE;
  if (!ssa_db_check_writable (self, error))
    return FALSE;

  /* The version it was based on, under the write lock. */
  if (!ssa_db_transaction_begin (&txn, self, error))
    return FALSE;
  stmt = ssa_db_prepare (self, "SELECT version FROM profile WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  switch (ssa_db_step (self, stmt, error))
    {
    case SSA_SQL_STEP_ROW:
      version = ssa_sql_column_int64 (stmt, 0);
      break;
    case SSA_SQL_STEP_DONE:
      break;
    case SSA_SQL_STEP_ERROR:
    default:
      return FALSE;
    }
  ssa_db_stmt_release (g_steal_pointer (&stmt));
  if (profile->version > 0 && version > 0 && profile->version != version)
    return ssa_db_set_conflict (self, "profile", _("profile"), 1, error);

  stmt = ssa_db_prepare (self,
                         "INSERT INTO profile (id, company_name, org_no, "
                         "vat_registered, foretaksregisteret, address, phone, email, logo, "
                         "logo_mime_type, payment_terms, default_validity_days, "
                         "default_labour_rate, updated_at) "
                         "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                         "ON CONFLICT (id) DO UPDATE SET company_name = excluded.company_name, "
                         "org_no = excluded.org_no, vat_registered = excluded.vat_registered, "
                         "foretaksregisteret = excluded.foretaksregisteret, "
                         "address = excluded.address, phone = excluded.phone, "
                         "email = excluded.email, logo = excluded.logo, "
                         "logo_mime_type = excluded.logo_mime_type, "
                         "payment_terms = excluded.payment_terms, "
                         "default_validity_days = excluded.default_validity_days, "
                         "default_labour_rate = excluded.default_labour_rate, "
                         "updated_at = excluded.updated_at", error);
  if (stmt == NULL)
    return FALSE;
  ssa_db_bind_text (stmt, 1, profile->company_name);
  ssa_db_bind_text (stmt, 2, profile->org_no);
  ssa_sql_bind_int64 (stmt, 3, profile->vat_registered ? 1 : 0);
  ssa_sql_bind_int64 (stmt, 4, profile->foretaksregisteret ? 1 : 0);
  ssa_db_bind_text (stmt, 5, profile->address);
  ssa_db_bind_text (stmt, 6, profile->phone);
  ssa_db_bind_text (stmt, 7, profile->email);
  if (profile->logo != NULL)
    {
      gsize size;
      gconstpointer data = g_bytes_get_data (profile->logo, &size);

      ssa_sql_bind_blob (stmt, 8, data, size);
    }
  else
    ssa_sql_bind_null (stmt, 8);
  ssa_db_bind_text (stmt, 9, profile->logo != NULL ? profile->logo_mime_type : NULL);
  ssa_db_bind_text (stmt, 10, profile->payment_terms);
  ssa_sql_bind_int64 (stmt, 11, profile->default_validity_days);
  if (profile->has_default_labour_rate)
    ssa_sql_bind_int64 (stmt, 12, profile->default_labour_rate);
  else
    ssa_sql_bind_null (stmt, 12);
  ssa_db_bind_take_text (stmt, 13, ssa_db_now_iso ());
  if (!ssa_db_step_done (self, stmt, error))
    return FALSE;
  ssa_db_stmt_release (g_steal_pointer (&stmt));

  /* The replaced row's next version, and who saved it. */
  stmt = ssa_db_prepare (self, "UPDATE profile SET version = ?, changed_by = ? WHERE id = 1",
                         error);
  if (stmt == NULL)
    return FALSE;
  ssa_sql_bind_int64 (stmt, 1, MAX (version, 0) + 1);
  ssa_db_bind_text (stmt, 2, ssa_db_get_user_name (self));
  if (!ssa_db_step_done (self, stmt, error) || !ssa_db_transaction_commit (&txn, error))
    return FALSE;
  profile->version = MAX (version, 0) + 1;
  return TRUE;
}

void
ssa_audit_entry_free (SsaAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->who);
  g_free (entry->action);
  g_free (entry->subject);
  g_free (entry->label);
  g_free (entry->details);
  g_free (entry);
}

/**
 * ssa_audit_entry_describe:
 * @entry: an entry of the audit log
 * @status_labels: name an offer's status as the window does ("Accepted"); %FALSE: as the
 *   command line does ("accepted")
 *
 * Returns: (transfer full): what happened to what, in the user's language: "offer
 *   2026-0001: accepted", "deleted customer 4 “Fjord AS”", …
 */
char *
ssa_audit_entry_describe (const SsaAuditEntry *entry,
                          gboolean             status_labels)
{
  const char *label;

  g_return_val_if_fail (entry != NULL, NULL);

  label = entry->label != NULL ? entry->label : "";
  if (g_strcmp0 (entry->action, "status") == 0)
    {
      g_autoptr(JsonNode) node = entry->details != NULL
                                 ? json_from_string (entry->details, NULL) : NULL;
      const char *status = NULL;
      SsaOfferStatus value;

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        status = json_object_get_string_member_with_default (json_node_get_object (node),
                                                             "status", NULL);
      if (status_labels && status != NULL && ssa_offer_status_from_string (status, &value))
        status = ssa_offer_status_get_label (value);
      /* Translators: "offer 2026-0001: accepted"; the second %s is the offer's new
       * status. */
      return g_strdup_printf (_("offer %s: %s"), label, status != NULL ? status : "");
    }
  if (g_strcmp0 (entry->action, "delete") == 0)
    {
      if (g_strcmp0 (entry->subject, "customer") == 0)
        return g_strdup_printf (_("deleted customer %lld “%s”"), (long long) entry->row_id,
                                label);
      if (g_strcmp0 (entry->subject, "installation") == 0)
        return g_strdup_printf (_("deleted installation %lld “%s”"),
                                (long long) entry->row_id, label);
      return g_strdup_printf (_("deleted licence line %lld “%s”"), (long long) entry->row_id,
                              label);
    }
  if (g_strcmp0 (entry->subject, "customer") == 0)
    return g_strdup_printf (g_strcmp0 (entry->action, "archive") == 0
                            ? _("archived customer %lld “%s”")
                            : _("brought back customer %lld “%s”"),
                            (long long) entry->row_id, label);
  return g_strdup_printf (g_strcmp0 (entry->action, "archive") == 0
                          ? _("archived installation %lld “%s”")
                          : _("brought back installation %lld “%s”"),
                          (long long) entry->row_id, label);
}

/**
 * ssa_db_list_audit:
 * @self: the connection
 * @error: a #GError
 *
 * Returns: (transfer full) (element-type SsaAuditEntry): the audit log, oldest first; empty
 *   for a database older than SSA_DB_SCHEMA_AUDIT read as it is
 */
GPtrArray *
ssa_db_list_audit (SsaDb   *self,
                   GError **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_audit_entry_free);
  g_autoptr(SsaDbStmt) stmt = NULL;
  SsaSqlStep rc;

  g_return_val_if_fail (self != NULL, NULL);

  if (ssa_db_get_schema_version (self) < SSA_DB_SCHEMA_AUDIT)
    return g_steal_pointer (&entries);
  stmt = ssa_db_prepare (self,
                         "SELECT id, at, who, action, subject, row_id, label, details "
                         "FROM audit_log ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = ssa_db_step (self, stmt, error)) == SSA_SQL_STEP_ROW)
    {
      SsaAuditEntry *entry = g_new0 (SsaAuditEntry, 1);

      entry->id = ssa_sql_column_int64 (stmt, 0);
      entry->at = ssa_db_column_text (stmt, 1);
      entry->who = ssa_db_column_text (stmt, 2);
      entry->action = ssa_db_column_text (stmt, 3);
      entry->subject = ssa_db_column_text (stmt, 4);
      entry->row_id = ssa_sql_column_int64 (stmt, 5);
      entry->label = ssa_db_column_text (stmt, 6);
      entry->details = ssa_db_column_text (stmt, 7);
      g_ptr_array_add (entries, entry);
    }
  if (rc == SSA_SQL_STEP_ERROR)
    return NULL;
  return g_steal_pointer (&entries);
}
