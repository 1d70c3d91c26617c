/* ssa-registry.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Looking a unit up in Enhetsregisteret: GET BASE/ORGNR answers JSON with navn,
 * organisasjonsform.kode, forretningsadresse and postadresse ({adresse: [lines],
 * postnummer, poststed}) and registrertIMvaregisteret; 404 when there is no such unit.
 * The request carries the number in its path and nothing else (no cookies, no user data).
 * Answers are kept in memory for the session, so typing a number twice asks once. */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-fetch"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ssa-error.h"
#include "ssa-org-no.h"
#include "ssa-registry.h"
#include "ssa-soup-lib.h"

G_LOCK_DEFINE_STATIC (cache);
static GHashTable *cache;  /* org. no. → SsaRegistryUnit */

void
ssa_registry_unit_free (SsaRegistryUnit *unit)
{
  if (unit == NULL)
    return;
  g_free (unit->org_no);
  g_free (unit->name);
  g_free (unit->org_form);
  g_free (unit->address);
  g_free (unit);
}

SsaRegistryUnit *
ssa_registry_unit_copy (const SsaRegistryUnit *unit)
{
  SsaRegistryUnit *copy = g_new0 (SsaRegistryUnit, 1);

  copy->org_no = g_strdup (unit->org_no);
  copy->name = g_strdup (unit->name);
  copy->org_form = g_strdup (unit->org_form);
  copy->address = g_strdup (unit->address);
  copy->vat_registered = unit->vat_registered;
  return copy;
}

/**
 * ssa_registry_get_base_url:
 *
 * Returns: (transfer full): the address numbers are appended to, ending in "/": the
 *   registry's, or `SSA_DESK_REGISTRY_URL` when set (for tests and mirrors)
 */
char *
ssa_registry_get_base_url (void)
{
  const char *url = g_getenv ("SSA_DESK_REGISTRY_URL");

  if (url == NULL || *url == '\0')
    url = SSA_REGISTRY_DEFAULT_URL;
  return g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static char *
address_text (JsonObject *address)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonNode *lines = address != NULL ? json_object_get_member (address, "adresse") : NULL;
  const char *postcode = get_string (address, "postnummer");
  const char *city = get_string (address, "poststed");

  if (address == NULL)
    return NULL;
  if (lines != NULL && JSON_NODE_HOLDS_ARRAY (lines))
    {
      JsonArray *array = json_node_get_array (lines);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *line = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (line) && json_node_get_value_type (line) == G_TYPE_STRING &&
              *json_node_get_string (line) != '\0')
            g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "",
                                    json_node_get_string (line));
        }
    }
  if (postcode != NULL || city != NULL)
    g_string_append_printf (text, "%s%s%s%s", text->len > 0 ? ", " : "",
                            postcode != NULL ? postcode : "",
                            postcode != NULL && city != NULL ? " " : "",
                            city != NULL ? city : "");
  return text->len > 0 ? g_strdup (text->str) : NULL;
}

/**
 * ssa_registry_parse:
 * @data: the registry's answer
 * @length: its length
 * @org_no: the number asked for
 * @what: the source for messages (the address)
 * @error: a #GError
 *
 * Returns: (transfer full): the unit, or %NULL when the answer is not the registry's JSON
 *   for @org_no
 */
SsaRegistryUnit *
ssa_registry_parse (const char  *data,
                    gsize        length,
                    const char  *org_no,
                    const char  *what,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SsaRegistryUnit) unit = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *vat;
  const char *number;
  const char *name;

  g_return_val_if_fail (org_no != NULL, NULL);

  if (length > SSA_REGISTRY_MAX_BYTES || !g_utf8_validate_len (data, length, NULL) ||
      !json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s did not answer with the company registry's JSON: check the "
                     "registry address, or fill the customer in by hand"), what);
      return NULL;
    }
  object = json_node_get_object (root);
  number = get_string (object, "organisasjonsnummer");
  name = get_string (object, "navn");
  if (name == NULL || *name == '\0' || (number != NULL && !g_str_equal (number, org_no)))
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("%s answered without a name for organisation number %s: fill the "
                     "customer in by hand"), what, org_no);
      return NULL;
    }

  unit = g_new0 (SsaRegistryUnit, 1);
  unit->org_no = g_strdup (org_no);
  unit->name = g_strdup (name);
  unit->org_form = g_strdup (get_string (get_object (object, "organisasjonsform"), "kode"));
  unit->address = address_text (get_object (object, "forretningsadresse"));
  if (unit->address == NULL)
    unit->address = address_text (get_object (object, "postadresse"));
  vat = json_object_get_member (object, "registrertIMvaregisteret");
  unit->vat_registered = vat != NULL && JSON_NODE_HOLDS_VALUE (vat) &&
                         json_node_get_value_type (vat) == G_TYPE_BOOLEAN &&
                         json_node_get_boolean (vat);
  return g_steal_pointer (&unit);
}

void
ssa_registry_clear_cache (void)
{
  G_LOCK (cache);
  g_clear_pointer (&cache, g_hash_table_unref);
  G_UNLOCK (cache);
}

typedef struct
{
  char       *org_no;
  char       *url;
  GSource    *timeout_source;
  SoupSession *session;
  gboolean    timed_out;
  GCancellable *cancellable;  /* the lookup's own, cancelled by the caller's or the timeout */
  gulong      cancelled_id;
  GCancellable *caller;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  if (lookup->timeout_source != NULL)
    {
      g_source_destroy (lookup->timeout_source);
      g_source_unref (lookup->timeout_source);
    }
  g_clear_object (&lookup->session);
  if (lookup->caller != NULL)
    g_cancellable_disconnect (lookup->caller, lookup->cancelled_id);
  g_clear_object (&lookup->caller);
  g_clear_object (&lookup->cancellable);
  g_free (lookup->org_no);
  g_free (lookup->url);
  g_free (lookup);
}

static gboolean
on_timeout (gpointer user_data)
{
  Lookup *lookup = user_data;

  lookup->timed_out = TRUE;
  g_cancellable_cancel (lookup->cancellable);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *caller,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Lookup *lookup = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                                &error);
  SsaRegistryUnit *unit;
  guint status;

  if (bytes == NULL)
    {
      if (lookup->timed_out || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
        g_task_return_new_error (task, SSA_ERROR, SSA_ERROR_INVALID,
                                 _("%s did not answer within %d seconds: try again later, or "
                                   "fill the customer in by hand"), lookup->url,
                                 SSA_REGISTRY_TIMEOUT);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, SSA_ERROR, SSA_ERROR_INVALID,
                                 _("%s could not be reached (%s): check the network, or fill "
                                   "the customer in by hand"), lookup->url, error->message);
      return;
    }

  status = soup_message_get_status (message);
  g_debug ("GET %s: %u (%" G_GSIZE_FORMAT " bytes)", lookup->url, status,
           g_bytes_get_size (bytes));
  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    {
      g_task_return_new_error (task, SSA_ERROR, SSA_ERROR_INVALID,
                               _("The company registry has no unit with organisation number "
                                 "%s (%s answered %u): check the number"),
                               lookup->org_no, lookup->url, status);
      return;
    }
  if (status != SOUP_STATUS_OK)
    {
      g_task_return_new_error (task, SSA_ERROR, SSA_ERROR_INVALID,
                               _("%s answered %u %s: try again later, or fill the customer in "
                                 "by hand"), lookup->url, status,
                               soup_message_get_reason_phrase (message));
      return;
    }

  unit = ssa_registry_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                             lookup->org_no, lookup->url, &error);
  if (unit == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  G_LOCK (cache);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) ssa_registry_unit_free);
  g_hash_table_replace (cache, g_strdup (unit->org_no), ssa_registry_unit_copy (unit));
  G_UNLOCK (cache);
  g_task_return_pointer (task, unit, (GDestroyNotify) ssa_registry_unit_free);
}

/**
 * ssa_registry_lookup_async:
 * @org_no: a valid organisation number, its nine digits
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context
 * @user_data: for @callback
 *
 * Asks the registry for @org_no, or answers from this session's cache. The lookup gives up
 * after %SSA_REGISTRY_TIMEOUT seconds, however slowly the server trickles.
 */
void
ssa_registry_lookup_async (const char          *org_no,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(SoupMessage) message = NULL;
  g_autofree char *base = NULL;
  g_autoptr(GError) error = NULL;
  SsaRegistryUnit *cached = NULL;
  Lookup *lookup;

  g_task_set_source_tag (task, ssa_registry_lookup_async);
  g_task_set_name (task, "[ssa-desk] registry lookup");
  if (!ssa_org_no_is_valid (org_no))
    {
      g_task_return_new_error (task, SSA_ERROR, SSA_ERROR_INVALID,
                               _("“%s” is not a valid organisation number: nine digits with a "
                                 "correct check digit"), org_no != NULL ? org_no : "");
      return;
    }

  G_LOCK (cache);
  if (cache != NULL && (cached = g_hash_table_lookup (cache, org_no)) != NULL)
    cached = ssa_registry_unit_copy (cached);
  G_UNLOCK (cache);
  if (cached != NULL)
    {
      g_task_return_pointer (task, cached, (GDestroyNotify) ssa_registry_unit_free);
      return;
    }
  if (!ssa_soup_lib_load (&error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  base = ssa_registry_get_base_url ();
  lookup = g_new0 (Lookup, 1);
  lookup->org_no = g_strdup (org_no);
  lookup->url = g_strconcat (base, org_no, NULL);
  lookup->cancellable = g_cancellable_new ();
  if (cancellable != NULL)
    {
      lookup->caller = g_object_ref (cancellable);
      lookup->cancelled_id = g_cancellable_connect (cancellable,
                                                    G_CALLBACK (on_caller_cancelled),
                                                    lookup->cancellable, NULL);
    }
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);

  message = soup_message_new (SOUP_METHOD_GET, lookup->url);
  if (message == NULL)
    {
      g_task_return_new_error (task, SSA_ERROR, SSA_ERROR_INVALID,
                               _("“%s” is not a valid registry address: correct "
                                 "SSA_DESK_REGISTRY_URL"), base);
      return;
    }
  soup_message_headers_replace (soup_message_get_request_headers (message), "Accept",
                                "application/json");
  lookup->session = soup_session_new_with_options ("timeout", SSA_REGISTRY_TIMEOUT,
                                           "user-agent", "ssa-desk/" PACKAGE_VERSION,
                                           NULL);
  lookup->timeout_source = g_timeout_source_new_seconds (SSA_REGISTRY_TIMEOUT);
  g_source_set_callback (lookup->timeout_source, on_timeout, lookup, NULL);
  g_source_attach (lookup->timeout_source, g_main_context_get_thread_default ());
  soup_session_send_and_read_async (lookup->session, message, G_PRIORITY_DEFAULT, lookup->cancellable,
                                    on_read, g_steal_pointer (&task));
}

/**
 * ssa_registry_lookup_finish:
 *
 * Returns: (transfer full): the unit, or %NULL with @error set (%G_IO_ERROR_CANCELLED when
 *   the caller cancelled)
 */
SsaRegistryUnit *
ssa_registry_lookup_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
