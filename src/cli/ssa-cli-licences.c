/* ssa-cli-licences.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ssa-cli.h"
#include "ssa-cli-db.h"
#include "ssa-date.h"
#include "ssa-credentials.h"
#include "ssa-db-inventory.h"
#include "ssa-db-licences.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-licence-import.h"
#include "ssa-pbx.h"

/* Licences from where they live (docs/importing.md): the table of licence types and the
 * licence file import. */

static SsaDb *
open_db (const char *command)
{
  g_autoptr(GError) error = NULL;
  SsaDb *db = ssa_db_open (ssa_cli_db_get_path (), SSA_DB_OPEN_DEFAULT, &error);

  if (db == NULL)
    ssa_cli_db_print_error (command, error);
  return db;
}



static SsaPriceList *
load_price_list (SsaDb      *db,
                 const char *command)
{
  g_autoptr(GError) error = NULL;
  SsaPriceList *price_list = ssa_db_load_current_price_list (db, NULL, &error);

  if (price_list == NULL)
    ssa_cli_db_print_error (command, error);
  return price_list;
}

/* licence-types [--json] */

int
ssa_cli_licence_types (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  context = ssa_cli_context_new (NULL, _("Lists the licence types that licence files and PBXs may "
                                 "name, and the article each is: those of the current price "
                                 "list, then those of your table."), entries);
  if (!ssa_cli_parse (context, "licence-types", &argc, &argv) ||
      !ssa_cli_expect_arguments ("licence-types", argc, argv, 0, NULL))
    return SSA_CLI_USAGE;

  db = open_db ("licence-types");
  if (db == NULL)
    return SSA_CLI_REFUSED;
  price_list = load_price_list (db, "licence-types");
  if (price_list == NULL)
    return SSA_CLI_REFUSED;
  rows = ssa_db_list_licence_type_map (db, &error);
  if (rows == NULL)
    {
      ssa_cli_db_print_error ("licence-types", error);
      return SSA_CLI_REFUSED;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < price_list->products->len; i++)
    {
      const SsaPriceListProduct *product = g_ptr_array_index (price_list->products, i);

      for (guint j = 0; product->licence_types[j] != NULL; j++)
        {
          if (json)
            {
              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "type");
              json_builder_add_string_value (builder, product->licence_types[j]);
              json_builder_set_member_name (builder, "code");
              json_builder_add_string_value (builder, product->code);
              json_builder_set_member_name (builder, "source");
              json_builder_add_string_value (builder, "price-list");
              json_builder_set_member_name (builder, "ssa_covered");
              json_builder_add_boolean_value (builder, product->ssa_covered);
              json_builder_end_object (builder);
            }
          else
            {
              g_print ("%-36s %-14s %s\n", product->licence_types[j], product->code,
                       _("price list"));
            }
        }
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const SsaDbLicenceTypeMapping *row = &g_array_index (rows, SsaDbLicenceTypeMapping, i);
      const SsaPriceListProduct *product = ssa_price_list_lookup (price_list, row->code);

      if (json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, row->type);
          json_builder_set_member_name (builder, "code");
          json_builder_add_string_value (builder, row->code);
          json_builder_set_member_name (builder, "source");
          json_builder_add_string_value (builder, "user");
          if (product != NULL)
            {
              json_builder_set_member_name (builder, "ssa_covered");
              json_builder_add_boolean_value (builder, product->ssa_covered);
            }
          json_builder_end_object (builder);
        }
      else
        {
          g_print ("%-36s %-14s %s\n", row->type, row->code, _("your table"));
        }
    }
  json_builder_end_array (builder);

  if (json)
    ssa_cli_print_json (builder);
  return SSA_CLI_OK;
}

/* map-licence-type TYPE ARTICLE */

int
ssa_cli_map_licence_type (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  gboolean mapped;

  context = ssa_cli_context_new (_("TYPE ARTICLE"),
                         _("Tells SSA Desk that the licence type TYPE, which the price list "
                           "does not know, is the article ARTICLE of the current price list."),
                         NULL);
  if (!ssa_cli_parse (context, "map-licence-type", &argc, &argv) ||
      !ssa_cli_expect_arguments ("map-licence-type", argc, argv, 2, _("TYPE and ARTICLE")))
    return SSA_CLI_USAGE;

  db = ssa_cli_db_open_for_writing ("map-licence-type");
  if (db == NULL)
    return SSA_CLI_REFUSED;
  price_list = load_price_list (db, "map-licence-type");
  if (price_list == NULL)
    return SSA_CLI_REFUSED;
  mapped = ssa_db_map_licence_type (db, argv[1], argv[2], price_list, &error);
  if (!mapped)
    {
      ssa_cli_db_print_error ("map-licence-type", error);
      return SSA_CLI_REFUSED;
    }
  g_print (_("The licence type “%s” is now article %s.\n"), argv[1], argv[2]);
  return SSA_CLI_OK;
}

/* unmap-licence-type TYPE */

int
ssa_cli_unmap_licence_type (int    argc,
                            char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  gboolean unmapped;

  context = ssa_cli_context_new (_("TYPE"), _("Removes the licence type TYPE from your table."), NULL);
  if (!ssa_cli_parse (context, "unmap-licence-type", &argc, &argv) ||
      !ssa_cli_expect_arguments ("unmap-licence-type", argc, argv, 1, _("TYPE")))
    return SSA_CLI_USAGE;

  db = ssa_cli_db_open_for_writing ("unmap-licence-type");
  if (db == NULL)
    return SSA_CLI_REFUSED;
  unmapped = ssa_db_unmap_licence_type (db, argv[1], &error);
  if (!unmapped)
    {
      ssa_cli_db_print_error ("unmap-licence-type", error);
      return SSA_CLI_REFUSED;
    }
  g_print (_("The licence type “%s” was removed from your table.\n"), argv[1]);
  return SSA_CLI_OK;
}

/* import-licences --installation ID [--dry-run] FILE */

int
ssa_cli_import_licences (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(GHashTable) user_map = NULL;
  g_autoptr(SsaLicenceFile) file = NULL;
  g_autoptr(SsaLicenceImport) plan = NULL;
  g_autofree char *installation = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;
  gboolean dry_run = FALSE;
  GDate today;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "installation", 0, 0, G_OPTION_ARG_STRING, &installation,
      N_("The installation whose device the licence file is from"), N_("ID") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Print the change without storing it"), NULL },
    { NULL }
  };

  context = ssa_cli_context_new (_("FILE"),
                         _("Reads a device's licence file (XML, from the device or "
                           "my.innovaphone), prints the change against the installation's "
                           "licences and stores it: each licence's quantity becomes the file's "
                           "sum. When anything is wrong, nothing is stored."), entries);
  if (!ssa_cli_parse (context, "import-licences", &argc, &argv) ||
      !ssa_cli_expect_arguments ("import-licences", argc, argv, 1, _("the licence FILE")))
    return SSA_CLI_USAGE;
  if (installation == NULL)
    {
      ssa_cli_usage_error ("import-licences", _("--installation is required"));
      return SSA_CLI_USAGE;
    }
  if (!g_ascii_string_to_signed (installation, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_printerr (_("%s: “%s” is not an installation id: give the number that “ssa-desk-cli "
                    "installations” shows\n"), "--installation", installation);
      return SSA_CLI_REFUSED;
    }

  file = ssa_licence_file_new_from_file (argv[1], &error);
  if (file == NULL)
    {
      g_printerr ("ssa-desk-cli import-licences: %s\n", error->message);
      return SSA_CLI_REFUSED;
    }

  db = dry_run ? open_db ("import-licences") : ssa_cli_db_open_for_writing ("import-licences");
  if (db == NULL)
    return SSA_CLI_REFUSED;
  price_list = load_price_list (db, "import-licences");
  if (price_list == NULL)
    return SSA_CLI_REFUSED;
  inventory = ssa_db_load_inventory (db, id, NULL, &error);
  if (inventory == NULL)
    {
      ssa_cli_db_print_error ("import-licences", error);
      return SSA_CLI_REFUSED;
    }
  user_map = ssa_db_load_licence_type_map (db, &error);
  if (user_map == NULL)
    {
      ssa_cli_db_print_error ("import-licences", error);
      return SSA_CLI_REFUSED;
    }

  ssa_date_today (&today);
  display = g_filename_display_name (argv[1]);
  plan = ssa_licence_import_plan (inventory, file, price_list, user_map, &today, display,
                                  &error);
  if (plan == NULL)
    {
      g_printerr ("ssa-desk-cli import-licences: %s\n", error->message);
      return SSA_CLI_REFUSED;
    }

  text = ssa_licence_import_to_text (plan);
  fputs (text, stdout);
  if (dry_run)
    {
      g_print (_("Nothing was stored (--dry-run).\n"));
      return SSA_CLI_OK;
    }

  if (!ssa_db_store_licence_import (db, id, inventory->serial, plan->set_serial, plan->lines,
                                    &error))
    {
      ssa_cli_db_print_error ("import-licences", error);
      return SSA_CLI_REFUSED;
    }
  g_print (ngettext ("Stored %u licence line for installation %lld.\n",
                     "Stored %u licence lines for installation %lld.\n",
                     plan->lines->len),
           plan->lines->len, (long long) id);
  return SSA_CLI_OK;
}

/* read-pbx --installation ID [--url URL] [--accept-certificate SHA256] [--dry-run] */

typedef struct
{
  GMainLoop     *loop;
  GAsyncResult  *result;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  g_main_loop_run (wait->loop);
  return wait->result;
}

int
ssa_cli_read_pbx (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaPbxReading) reading = NULL;
  g_autoptr(SsaCredentials) credentials = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *installation = NULL;
  g_autofree char *url = NULL;
  g_autofree char *accept = NULL;
  g_autofree char *accept_normalised = NULL;
  g_autofree char *admin_url = NULL;
  g_autofree char *pinned = NULL;
  g_autofree char *text = NULL;
  gboolean dry_run = FALSE;
  int timeout = 0;
  gint64 id = 0;
  SsaPbxRequest request = { 0, };
  Wait wait = { loop, NULL };
  const char *env_user = g_getenv ("SSA_DESK_PBX_USER");
  const char *env_password = g_getenv ("SSA_DESK_PBX_PASSWORD");
  const GOptionEntry entries[] = {
    { "installation", 0, 0, G_OPTION_ARG_STRING, &installation,
      N_("The installation whose PBX to read"), N_("ID") },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url,
      N_("Set the installation's admin address first (https://HOST[:PORT])"), N_("URL") },
    { "accept-certificate", 0, 0, G_OPTION_ARG_STRING, &accept,
      N_("Trust the PBX's certificate with this SHA-256 fingerprint (after it changed)"),
      N_("SHA256") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Give up after this many seconds (default 30)"), N_("SECONDS") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Print the reading without storing it"), NULL },
    { NULL }
  };

  context = ssa_cli_context_new (NULL,
                         _("Reads the licences (installed and used), the firmware and the rental "
                           "time left from the installation's PBX over HTTPS, prints them and "
                           "stores them as the installation's last reading. The PBX's admin "
                           "login is read from the keyring (stored for the admin address), or "
                           "from SSA_DESK_PBX_USER and SSA_DESK_PBX_PASSWORD for scripts; it is "
                           "never given on the command line. The PBX's certificate is trusted "
                           "on first use and pinned; a changed one is refused until accepted "
                           "with --accept-certificate."), entries);
  if (!ssa_cli_parse (context, "read-pbx", &argc, &argv) ||
      !ssa_cli_expect_arguments ("read-pbx", argc, argv, 0, NULL))
    return SSA_CLI_USAGE;
  if (installation == NULL)
    {
      ssa_cli_usage_error ("read-pbx", _("--installation is required"));
      return SSA_CLI_USAGE;
    }
  if (!g_ascii_string_to_signed (installation, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_printerr (_("%s: “%s” is not an installation id: give the number that “ssa-desk-cli "
                    "installations” shows\n"), "--installation", installation);
      return SSA_CLI_REFUSED;
    }
  if (timeout < 0 || timeout > 3600)
    {
      ssa_cli_usage_error ("read-pbx", _("--timeout must be from 1 to 3600 seconds"));
      return SSA_CLI_USAGE;
    }
  if (accept != NULL && (accept_normalised = ssa_pbx_normalise_fingerprint (accept)) == NULL)
    {
      ssa_cli_usage_error ("read-pbx", _("--accept-certificate needs the certificate's SHA-256 "
                                         "fingerprint: 64 hex digits"));
      return SSA_CLI_USAGE;
    }

  db = dry_run && url == NULL ? open_db ("read-pbx") : ssa_cli_db_open_for_writing ("read-pbx");
  if (db == NULL)
    return SSA_CLI_REFUSED;
  if (url != NULL && !ssa_db_set_pbx_admin_url (db, id, url, &error))
    {
      ssa_cli_db_print_error ("read-pbx", error);
      return SSA_CLI_REFUSED;
    }
  if (!ssa_db_get_pbx_settings (db, id, &admin_url, &pinned, &error))
    {
      ssa_cli_db_print_error ("read-pbx", error);
      return SSA_CLI_REFUSED;
    }
  if (admin_url == NULL)
    {
      g_printerr (_("ssa-desk-cli read-pbx: installation %lld has no admin address: give it "
                    "with --url https://HOST\n"), (long long) id);
      return SSA_CLI_REFUSED;
    }

  if (env_user != NULL && env_password != NULL)
    {
      credentials = ssa_credentials_new_basic (env_user, env_password);
    }
  else
    {
      ssa_credentials_lookup_async (admin_url, NULL, done_cb, &wait);
      credentials = ssa_credentials_lookup_finish (wait_for (&wait), &error);
      g_clear_object (&wait.result);
      if (credentials == NULL && error != NULL)
        {
          g_printerr ("ssa-desk-cli read-pbx: %s\n", error->message);
          return SSA_CLI_REFUSED;
        }
    }

  request.admin_url = admin_url;
  request.user = credentials != NULL ? credentials->user : NULL;
  request.password = credentials != NULL ? credentials->secret : NULL;
  request.pinned = pinned;
  request.accept = accept_normalised;
  request.trust_first_use = TRUE;
  request.timeout = (guint) timeout;
  ssa_pbx_read_async (&request, NULL, done_cb, &wait);
  reading = ssa_pbx_read_finish (wait_for (&wait), &error);
  g_clear_object (&wait.result);
  if (reading == NULL)
    {
      g_printerr ("ssa-desk-cli read-pbx: %s\n", error->message);
      return SSA_CLI_REFUSED;
    }

  if (pinned == NULL && reading->fingerprint != NULL)
    g_print (_("First contact: the PBX's certificate (SHA-256 %s) is now trusted for this "
               "installation.\n"), reading->fingerprint);
  else if (accept_normalised != NULL && g_strcmp0 (pinned, reading->fingerprint) != 0)
    g_print (_("The PBX's new certificate (SHA-256 %s) is now trusted for this installation.\n"),
             reading->fingerprint);
  text = ssa_pbx_reading_to_text (reading);
  fputs (text, stdout);
  {
    g_autoptr(SsaInventory) inventory = ssa_db_load_inventory (db, id, NULL, NULL);
    g_autoptr(SsaPriceList) price_list = ssa_db_load_current_price_list (db, NULL, NULL);
    g_autoptr(GHashTable) user_map = ssa_db_load_licence_type_map (db, NULL);

    if (inventory != NULL && price_list != NULL)
      {
        g_autoptr(GArray) usage = ssa_licence_usage_compute (reading, inventory, price_list,
                                                             user_map);
        g_autofree char *usage_text = ssa_licence_usage_to_text (usage);

        g_print (_("Used against owned: %s\n"), usage_text);
      }
  }
  if (dry_run)
    {
      g_print (_("Nothing was stored (--dry-run).\n"));
      return SSA_CLI_OK;
    }
  if (!ssa_db_store_pbx_reading (db, id, reading, &error))
    {
      ssa_cli_db_print_error ("read-pbx", error);
      return SSA_CLI_REFUSED;
    }
  g_print (_("Stored the reading of installation %lld.\n"), (long long) id);
  return SSA_CLI_OK;
}
