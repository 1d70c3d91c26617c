/* ssa-credentials.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-keyring"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ssa-pq.h"
#include "ssa-credentials.h"
#include "ssa-json-guard-private.h"
#include "ssa-secret-lib.h"

/* Items in the keyring: schema io.github.ssadesk.SsaDesk.PriceListLogin, attributes "url"
 * (the price list URL, exactly as configured), "kind" ("bearer" or "basic") and, for
 * "basic", "user"; the secret is the token or the password. One item per URL: storing
 * removes what was there first.
 *
 * The password of a team database: schema io.github.ssadesk.SsaDesk.TeamDatabase,
 * attributes "host", "port", "dbname" and "user" of its libpq URI (each "" when the URI
 * leaves it to libpq's defaults); the secret is the password. One item per server,
 * database and user, whatever else the URI says (sslmode and so on).
 *
 * Before libsecret is asked anything, the session bus is checked for a Secret Service
 * (org.freedesktop.secrets owned, or activatable): without one, libsecret's own errors are
 * D-Bus jargon, and a missing keyring deserves a message that says so. */

#define SECRETS_BUS_NAME "org.freedesktop.secrets"

G_DEFINE_QUARK (ssa-credentials-error-quark, ssa_credentials_error)

G_DEFINE_BOXED_TYPE (SsaCredentials, ssa_credentials, ssa_credentials_copy, ssa_credentials_free)

static const SecretSchema login_schema = {
  "io.github.ssadesk.SsaDesk.PriceListLogin", SECRET_SCHEMA_NONE,
  {
    { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
};

static const SecretSchema team_schema = {
  "io.github.ssadesk.SsaDesk.TeamDatabase", SECRET_SCHEMA_NONE,
  {
    { "host", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "port", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "dbname", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
};

typedef enum
{
  OP_LOOKUP,
  OP_STORE,
  OP_CLEAR,
} Op;

typedef struct
{
  Op              op;
  char           *url;
  SsaCredentials *credentials;  /* OP_STORE */
  gboolean        team;         /* a team database's password; url is its URI */
  GDBusConnection *bus;
  SecretService   *service;
} OpData;

/* Values */

static void
wipe_string (char *text)
{
  if (text != NULL)
    {
      /* A volatile pointer keeps the compiler from dropping the stores before free (). */
      volatile char *p = text;

      while (*p != '\0')
        *p++ = '\0';
    }
  g_free (text);
}

/**
 * ssa_credentials_new_bearer:
 * @token: the token the distributor gave
 *
 * Returns: (transfer full): credentials sent as `Authorization: Bearer TOKEN`
 */
SsaCredentials *
ssa_credentials_new_bearer (const char *token)
{
  SsaCredentials *self;

  g_return_val_if_fail (token != NULL, NULL);

  self = g_new0 (SsaCredentials, 1);
  self->kind = SSA_CREDENTIALS_BEARER;
  self->secret = g_strdup (token);
  return self;
}

/**
 * ssa_credentials_new_basic:
 * @user: the user name
 * @password: the password
 *
 * Returns: (transfer full): credentials sent as HTTP Basic authentication
 */
SsaCredentials *
ssa_credentials_new_basic (const char *user,
                           const char *password)
{
  SsaCredentials *self;

  g_return_val_if_fail (user != NULL, NULL);
  g_return_val_if_fail (password != NULL, NULL);

  self = g_new0 (SsaCredentials, 1);
  self->kind = SSA_CREDENTIALS_BASIC;
  self->user = g_strdup (user);
  self->secret = g_strdup (password);
  return self;
}

SsaCredentials *
ssa_credentials_copy (const SsaCredentials *credentials)
{
  SsaCredentials *copy;

  g_return_val_if_fail (credentials != NULL, NULL);

  copy = g_new0 (SsaCredentials, 1);
  copy->kind = credentials->kind;
  copy->user = g_strdup (credentials->user);
  copy->secret = g_strdup (credentials->secret);
  return copy;
}

void
ssa_credentials_free (SsaCredentials *credentials)
{
  if (credentials == NULL)
    return;

  g_free (credentials->user);
  wipe_string (credentials->secret);
  g_free (credentials);
}

/**
 * ssa_credentials_validate:
 * @credentials: a login
 * @error: return location for an %SSA_CREDENTIALS_ERROR_INVALID error
 *
 * Checks that the login can be sent in an HTTP header: a token of visible ASCII characters
 * (RFC 6750), or a user name without a colon and a password, both UTF-8 without control
 * characters.
 */
gboolean
ssa_credentials_validate (const SsaCredentials  *credentials,
                          GError               **error)
{
  g_return_val_if_fail (credentials != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (credentials->kind == SSA_CREDENTIALS_BEARER)
    {
      const char *token = credentials->secret;

      if (token == NULL || token[0] == '\0')
        {
          g_set_error_literal (error, SSA_CREDENTIALS_ERROR, SSA_CREDENTIALS_ERROR_INVALID,
                               _("The token is empty: paste the token the distributor gave "
                                 "you."));
          return FALSE;
        }
      for (const char *p = token; *p != '\0'; p++)
        if (*p < 0x21 || *p > 0x7e)
          {
            g_set_error_literal (error, SSA_CREDENTIALS_ERROR, SSA_CREDENTIALS_ERROR_INVALID,
                                 _("The token contains spaces or characters a token cannot "
                                   "have: paste it again, without anything around it."));
            return FALSE;
          }
      return TRUE;
    }

  if (credentials->user == NULL || credentials->user[0] == '\0')
    {
      g_set_error_literal (error, SSA_CREDENTIALS_ERROR, SSA_CREDENTIALS_ERROR_INVALID,
                           _("The user name is empty: enter the user name the distributor "
                             "gave you."));
      return FALSE;
    }
  if (strchr (credentials->user, ':') != NULL)
    {
      g_set_error_literal (error, SSA_CREDENTIALS_ERROR, SSA_CREDENTIALS_ERROR_INVALID,
                           _("The user name cannot contain a colon (:)."));
      return FALSE;
    }
  if (credentials->secret == NULL ||
      !g_utf8_validate (credentials->user, -1, NULL) ||
      !g_utf8_validate (credentials->secret, -1, NULL) ||
      !ssa_json_text_is_clean (credentials->user) ||
      !ssa_json_text_is_clean (credentials->secret))
    {
      g_set_error_literal (error, SSA_CREDENTIALS_ERROR, SSA_CREDENTIALS_ERROR_INVALID,
                           _("The user name or the password contains control characters: "
                             "type them again."));
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_credentials_dup_authorization:
 * @credentials: a login
 *
 * Returns: (transfer full) (nullable): the value of the Authorization header, or %NULL when
 *   the login is not valid (ssa_credentials_validate())
 */
char *
ssa_credentials_dup_authorization (const SsaCredentials *credentials)
{
  char *pair;
  char *encoded;
  char *value;

  g_return_val_if_fail (credentials != NULL, NULL);

  if (!ssa_credentials_validate (credentials, NULL))
    return NULL;

  if (credentials->kind == SSA_CREDENTIALS_BEARER)
    return g_strconcat ("Bearer ", credentials->secret, NULL);

  pair = g_strconcat (credentials->user, ":", credentials->secret, NULL);
  encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  value = g_strconcat ("Basic ", encoded, NULL);
  wipe_string (pair);
  wipe_string (encoded);
  return value;
}

/* The keyring */

static void
op_data_free (OpData *data)
{
  g_free (data->url);
  g_clear_pointer (&data->credentials, ssa_credentials_free);
  g_clear_object (&data->service);
  g_clear_object (&data->bus);
  g_free (data);
}

static GError *
op_error (OpData     *data,
          int         code,
          const char *reason)
{
  if (data->team)
    {
      g_autofree char *display = ssa_credentials_describe_team_uri (data->url);

      switch (data->op)
        {
        case OP_LOOKUP:
          return g_error_new (SSA_CREDENTIALS_ERROR, code,
                              _("The password of the team database %s cannot be read from "
                                "the keyring: %s"), display, reason);
        case OP_STORE:
          return g_error_new (SSA_CREDENTIALS_ERROR, code,
                              _("The password of the team database %s cannot be saved in "
                                "the keyring: %s"), display, reason);
        case OP_CLEAR:
        default:
          return g_error_new (SSA_CREDENTIALS_ERROR, code,
                              _("The password of the team database %s cannot be removed "
                                "from the keyring: %s"), display, reason);
        }
    }
  switch (data->op)
    {
    case OP_LOOKUP:
      return g_error_new (SSA_CREDENTIALS_ERROR, code,
                          _("The login for %s cannot be read from the keyring: %s"),
                          data->url, reason);
    case OP_STORE:
      return g_error_new (SSA_CREDENTIALS_ERROR, code,
                          _("The login for %s cannot be saved in the keyring: %s"),
                          data->url, reason);
    case OP_CLEAR:
    default:
      return g_error_new (SSA_CREDENTIALS_ERROR, code,
                          _("The login for %s cannot be removed from the keyring: %s"),
                          data->url, reason);
    }
}

static GError *
no_keyring_error (OpData *data)
{
  return op_error (data, SSA_CREDENTIALS_ERROR_NO_KEYRING,
                   _("no keyring service (Secret Service, such as GNOME Keyring) is running. "
                     "Log in to a desktop session, or start gnome-keyring-daemon, and try "
                     "again."));
}

/* Turns an error of libsecret or D-Bus into one message. */
static GError *
keyring_error (GTask        *task,
               const GError *error)
{
  OpData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        return g_error_copy (error);
      /* Not cancelled by the caller: the user dismissed the keyring's unlock prompt. */
      return op_error (data, SSA_CREDENTIALS_ERROR_LOCKED,
                       _("the keyring is locked. Unlock it and try again."));
    }

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return op_error (data, SSA_CREDENTIALS_ERROR_LOCKED,
                     _("the keyring is locked. Unlock it and try again."));

  if (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_DISCONNECTED) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_EXEC_FAILED) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_FAILED) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_CHILD_EXITED) ||
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    return no_keyring_error (data);

  {
    g_autoptr(GError) copy = g_error_copy (error);
    g_autofree char *reason = NULL;

    /* D-Bus errors carry their remote name in front of the text; keep the text. */
    g_dbus_error_strip_remote_error (copy);
    reason = g_strdup_printf (_("the keyring answered “%s”. Try again; if it keeps happening, "
                                "restart the keyring service."), copy->message);
    return op_error (data, SSA_CREDENTIALS_ERROR_FAILED, reason);
  }
}

static void
return_keyring_error (GTask        *task,
                      const GError *error)
{
  g_task_return_error (task, keyring_error (task, error));
  g_object_unref (task);
}

static GHashTable *
url_attributes (const char *url)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer) "url", g_strdup (url));
  return attributes;
}

/* The team database's attributes: its URI's host, port, dbname and user. */
static GHashTable *
team_attributes (const char *uri)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  static const char *keys[] = { "host", "port", "dbname", "user" };
  /* Without libpq the attributes are empty: no team database can be opened either. */
  PQconninfoOption *options = ssa_pq_load (NULL) ? PQconninfoParse (uri, NULL) : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = NULL;

      for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
        if (g_str_equal (o->keyword, keys[i]) && o->val != NULL)
          value = o->val;
      g_hash_table_insert (attributes, (gpointer) keys[i], g_strdup (value != NULL ? value : ""));
    }
  if (options != NULL)
    PQconninfoFree (options);
  return attributes;
}

static GHashTable *
op_attributes (OpData *data)
{
  return data->team ? team_attributes (data->url) : url_attributes (data->url);
}

static const SecretSchema *
op_schema (OpData *data)
{
  return data->team ? &team_schema : &login_schema;
}

static void
lookup_searched_cb (GObject      *source_object,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SsaSecretValue) value = NULL;
  SsaCredentials *credentials = NULL;
  GList *items;
  SecretItem *newest = NULL;
  const char *kind;
  const char *text;

  items = secret_service_search_finish (SECRET_SERVICE (source_object), res, &error);
  if (error != NULL)
    {
      return_keyring_error (task, error);
      return;
    }

  /* Storing keeps one item per URL; should there be more (another program), the newest
   * wins. */
  for (GList *l = items; l != NULL; l = l->next)
    if (newest == NULL || secret_item_get_modified (l->data) > secret_item_get_modified (newest))
      newest = l->data;

  if (newest != NULL)
    {
      value = secret_item_get_secret (newest);
      if (value == NULL || secret_item_get_locked (newest))
        {
          g_autoptr(GError) locked = g_error_new_literal (SECRET_ERROR, SECRET_ERROR_IS_LOCKED,
                                                          "locked");

          g_list_free_full (items, g_object_unref);
          return_keyring_error (task, locked);
          return;
        }
      attributes = secret_item_get_attributes (newest);
      kind = g_hash_table_lookup (attributes, "kind");
      text = secret_value_get_text (value);
      if (text == NULL)
        credentials = NULL;
      else if (((OpData *) g_task_get_task_data (task))->team)
        credentials = ssa_credentials_new_bearer (text);
      else if (g_strcmp0 (kind, "basic") == 0 && g_hash_table_contains (attributes, "user"))
        credentials = ssa_credentials_new_basic (g_hash_table_lookup (attributes, "user"), text);
      else
        credentials = ssa_credentials_new_bearer (text);
    }
  g_list_free_full (items, g_object_unref);

  /* Never the secret itself: only whether there is one. */
  g_debug ("Keyring lookup: %s", credentials != NULL ? "a login is stored" : "no login stored");
  g_task_return_pointer (task, credentials, (GDestroyNotify) ssa_credentials_free);
  g_object_unref (task);
}

static void
stored_cb (GObject      *source_object,
           GAsyncResult *res,
           gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_service_store_finish (SECRET_SERVICE (source_object), res, &error))
    {
      return_keyring_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
cleared_cb (GObject      *source_object,
            GAsyncResult *res,
            gpointer      user_data)
{
  GTask *task = user_data;
  OpData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SsaSecretValue) value = NULL;
  g_autofree char *label = NULL;

  /* FALSE without an error: there was nothing to remove. */
  if (!secret_service_clear_finish (SECRET_SERVICE (source_object), res, &error) &&
      error != NULL)
    {
      return_keyring_error (task, error);
      return;
    }

  if (data->op == OP_CLEAR)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  if (data->team)
    {
      g_autofree char *display = ssa_credentials_describe_team_uri (data->url);

      attributes = team_attributes (data->url);
      /* Translators: the label of the item in the keyring (Passwords and Keys shows it). */
      label = g_strdup_printf (_("SSA Desk team database password for %s"), display);
      value = secret_value_new (data->credentials->secret, -1, "text/plain");
      secret_service_store (data->service, &team_schema, attributes, SECRET_COLLECTION_DEFAULT,
                            label, value, g_task_get_cancellable (task), stored_cb, task);
      return;
    }

  attributes = url_attributes (data->url);
  if (data->credentials->kind == SSA_CREDENTIALS_BASIC)
    {
      g_hash_table_insert (attributes, (gpointer) "kind", g_strdup ("basic"));
      g_hash_table_insert (attributes, (gpointer) "user", g_strdup (data->credentials->user));
    }
  else
    {
      g_hash_table_insert (attributes, (gpointer) "kind", g_strdup ("bearer"));
    }

  /* Translators: the label of the item in the keyring (Passwords and Keys shows it). */
  label = g_strdup_printf (_("SSA Desk price list login for %s"), data->url);
  value = secret_value_new (data->credentials->secret, -1, "text/plain");
  secret_service_store (data->service, &login_schema, attributes, SECRET_COLLECTION_DEFAULT,
                        label, value, g_task_get_cancellable (task), stored_cb, task);
}

static void
service_opened_cb (GObject      *source_object,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GTask *task = user_data;
  OpData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) attributes = op_attributes (data);

  data->service = secret_service_open_finish (res, &error);
  if (data->service == NULL)
    {
      return_keyring_error (task, error);
      return;
    }

  switch (data->op)
    {
    case OP_LOOKUP:
      secret_service_search (data->service, op_schema (data), attributes,
                             SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                             g_task_get_cancellable (task), lookup_searched_cb, task);
      break;

    case OP_STORE:
    case OP_CLEAR:
    default:
      secret_service_clear (data->service, op_schema (data), attributes,
                            g_task_get_cancellable (task), cleared_cb, task);
      break;
    }
}

/* A connection of its own for each operation, closed with it: libsecret's shared default
 * would keep the session bus connection for the life of the process. */
static void
run_secret_op (GTask *task)
{
  secret_service_open (SECRET_TYPE_SERVICE, NULL, SECRET_SERVICE_OPEN_SESSION,
                       g_task_get_cancellable (task), service_opened_cb, task);
}

static void
list_activatable_cb (GObject      *source_object,
                     GAsyncResult *res,
                     gpointer      user_data)
{
  GTask *task = user_data;
  OpData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree const char **names = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source_object), res, &error);
  if (reply == NULL)
    {
      return_keyring_error (task, error);
      return;
    }

  g_variant_get (reply, "(^a&s)", &names);
  if (names == NULL || !g_strv_contains (names, SECRETS_BUS_NAME))
    {
      g_task_return_error (task, no_keyring_error (data));
      g_object_unref (task);
      return;
    }
  run_secret_op (task);
}

static void
name_has_owner_cb (GObject      *source_object,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  GTask *task = user_data;
  OpData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean has_owner = FALSE;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source_object), res, &error);
  if (reply == NULL)
    {
      return_keyring_error (task, error);
      return;
    }

  g_variant_get (reply, "(b)", &has_owner);
  if (has_owner)
    {
      run_secret_op (task);
      return;
    }

  /* Not running: can the bus start it? */
  g_dbus_connection_call (data->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "ListActivatableNames", NULL,
                          G_VARIANT_TYPE ("(as)"), G_DBUS_CALL_FLAGS_NONE, -1,
                          g_task_get_cancellable (task), list_activatable_cb, task);
}

static void
bus_cb (GObject      *source_object,
        GAsyncResult *res,
        gpointer      user_data)
{
  GTask *task = user_data;
  OpData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->bus = g_bus_get_finish (res, &error);
  if (data->bus == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return_keyring_error (task, error);
      else
        {
          /* No session bus at all: certainly no keyring service. */
          g_task_return_error (task, no_keyring_error (data));
          g_object_unref (task);
        }
      return;
    }

  g_dbus_connection_call (data->bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          g_variant_new ("(s)", SECRETS_BUS_NAME), G_VARIANT_TYPE ("(b)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, g_task_get_cancellable (task),
                          name_has_owner_cb, task);
}

/* Whether a session bus is there to connect to. Without DBUS_SESSION_BUS_ADDRESS or the
 * systemd user bus socket, GLib would try to start a bus of its own through X11
 * (dbus-launch), leaving a stray daemon behind: a keyring that needs that is not running. */
static gboolean
session_bus_exists (void)
{
  g_autofree char *socket_path = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return TRUE;
  socket_path = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);
  return g_file_test (socket_path, G_FILE_TEST_EXISTS);
}

static void
start_op (Op                    op,
          gboolean              team,
          const char           *url,
          const SsaCredentials *credentials,
          GCancellable         *cancellable,
          GAsyncReadyCallback   callback,
          gpointer              user_data,
          gpointer              source_tag)
{
  GTask *task;
  OpData *data;
  g_autoptr(GError) error = NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_name (task, "[ssa-desk] keyring");

  data = g_new0 (OpData, 1);
  data->op = op;
  data->team = team;
  data->url = g_strdup (url);
  if (credentials != NULL)
    data->credentials = ssa_credentials_copy (credentials);
  g_task_set_task_data (task, data, (GDestroyNotify) op_data_free);

  if (credentials != NULL && !team && !ssa_credentials_validate (credentials, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  /* Without libsecret there is no keyring to ask either: the reason says what to install. */
  if (!ssa_secret_lib_load (&error))
    {
      g_task_return_error (task, op_error (data, SSA_CREDENTIALS_ERROR_NO_KEYRING,
                                           error->message));
      g_object_unref (task);
      return;
    }

  if (!session_bus_exists ())
    {
      g_task_return_error (task, no_keyring_error (data));
      g_object_unref (task);
      return;
    }

  g_bus_get (G_BUS_TYPE_SESSION, cancellable, bus_cb, task);
}

/**
 * ssa_credentials_store_async:
 * @url: the price list URL the login is for
 * @credentials: the login; checked with ssa_credentials_validate() first
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the login is stored
 * @user_data: data for @callback
 *
 * Stores the login for @url in the default keyring, replacing any login stored for it.
 */
void
ssa_credentials_store_async (const char           *url,
                             const SsaCredentials *credentials,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_return_if_fail (url != NULL);
  g_return_if_fail (credentials != NULL);

  start_op (OP_STORE, FALSE, url, credentials, cancellable, callback, user_data,
            ssa_credentials_store_async);
}

gboolean
ssa_credentials_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ssa_credentials_store_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ssa_credentials_lookup_async:
 * @url: the price list URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Looks up the login stored for @url. The keyring may ask the user to unlock it.
 */
void
ssa_credentials_lookup_async (const char          *url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (url != NULL);

  start_op (OP_LOOKUP, FALSE, url, NULL, cancellable, callback, user_data,
            ssa_credentials_lookup_async);
}

/**
 * ssa_credentials_lookup_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the login, or %NULL: with @error set on failure,
 *   without when no login is stored for the URL
 */
SsaCredentials *
ssa_credentials_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ssa_credentials_lookup_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * ssa_credentials_clear_async:
 * @url: the price list URL
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Removes the login stored for @url; succeeds when there was none.
 */
void
ssa_credentials_clear_async (const char          *url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (url != NULL);

  start_op (OP_CLEAR, FALSE, url, NULL, cancellable, callback, user_data, ssa_credentials_clear_async);
}

gboolean
ssa_credentials_clear_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == ssa_credentials_clear_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Team databases */

/**
 * ssa_credentials_describe_team_uri:
 * @uri: a team database's libpq URI
 *
 * Returns: (transfer full): what the keyring keeps the password under, for messages:
 *   "user@host:port/dbname"
 */
char *
ssa_credentials_describe_team_uri (const char *uri)
{
  g_autoptr(GHashTable) attributes = team_attributes (uri);
  const char *user = g_hash_table_lookup (attributes, "user");
  const char *port = g_hash_table_lookup (attributes, "port");

  return g_strdup_printf ("%s%s%s%s%s/%s", user, *user != '\0' ? "@" : "",
                          (const char *) g_hash_table_lookup (attributes, "host"),
                          *port != '\0' ? ":" : "", port,
                          (const char *) g_hash_table_lookup (attributes, "dbname"));
}

/**
 * ssa_credentials_store_team_password_async:
 * @uri: the team database's libpq URI (without a password)
 * @password: its password; "" or %NULL removes the stored one
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when done
 * @user_data: data for @callback
 *
 * Keeps the password of a team database in the default keyring, under the URI's host,
 * port, database and user, replacing the one stored for them.
 */
void
ssa_credentials_store_team_password_async (const char          *uri,
                                           const char          *password,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_autoptr(SsaCredentials) credentials = NULL;

  g_return_if_fail (uri != NULL);

  if (password == NULL || *password == '\0')
    {
      start_op (OP_CLEAR, TRUE, uri, NULL, cancellable, callback, user_data,
                ssa_credentials_store_team_password_async);
      return;
    }
  credentials = ssa_credentials_new_bearer (password);
  start_op (OP_STORE, TRUE, uri, credentials, cancellable, callback, user_data,
            ssa_credentials_store_team_password_async);
}

gboolean
ssa_credentials_store_team_password_finish (GAsyncResult  *result,
                                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_credentials_store_team_password_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * ssa_credentials_lookup_team_password_async:
 * @uri: the team database's libpq URI
 * @cancellable: (nullable): a #GCancellable
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Looks up the password kept for the URI's host, port, database and user.
 */
void
ssa_credentials_lookup_team_password_async (const char          *uri,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (uri != NULL);

  start_op (OP_LOOKUP, TRUE, uri, NULL, cancellable, callback, user_data,
            ssa_credentials_lookup_team_password_async);
}

/**
 * ssa_credentials_lookup_team_password_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full) (nullable): the password (wipe it with
 *   ssa_credentials_wipe_string()), or %NULL: with @error set on failure, without when
 *   none is stored
 */
char *
ssa_credentials_lookup_team_password_finish (GAsyncResult  *result,
                                             GError       **error)
{
  SsaCredentials *credentials;
  char *password;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        ssa_credentials_lookup_team_password_async, NULL);

  credentials = g_task_propagate_pointer (G_TASK (result), error);
  if (credentials == NULL)
    return NULL;
  password = g_steal_pointer (&credentials->secret);
  ssa_credentials_free (credentials);
  return password;
}

/* Overwrites @text before it is freed. */
void
ssa_credentials_wipe_string (char *text)
{
  wipe_string (text);
}
