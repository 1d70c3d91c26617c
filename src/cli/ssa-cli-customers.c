/* ssa-cli-customers.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The customer commands: import-customers (a customer list from an accounting system) and
 * customers (the stored customers). docs/formats.md gives their output. */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "ssa-cli.h"
#include "ssa-cli-db.h"
#include "ssa-customer-import.h"
#include "ssa-db-inventory.h"
#include "ssa-db.h"
#include "ssa-org-no.h"
#include "ssa-registry.h"




/* Applies the --map HEADER=FIELD options; FALSE after a message. */
static gboolean
apply_maps (SsaCustomerCsv  *csv,
            char           **maps)
{
  for (guint i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *equals = strrchr (maps[i], '=');
      g_autofree char *header = NULL;
      SsaCustomerField field;

      if (equals == NULL || equals == maps[i] ||
          !ssa_customer_field_from_string (equals + 1, &field))
        {
          g_printerr (_("--map: “%s” is not HEADER=FIELD: FIELD is one of name, org_no, "
                        "address, postcode, city, email, contact, ignore\n"), maps[i]);
          return FALSE;
        }
      header = g_strndup (maps[i], equals - maps[i]);
      if (!ssa_customer_csv_map (csv, header, field, &error))
        {
          ssa_cli_print_error ("--map", error);
          return FALSE;
        }
    }
  return TRUE;
}

static const char *
action_text (SsaCustomerImportAction action)
{
  switch (action)
    {
    case SSA_CUSTOMER_IMPORT_CREATED:
      /* Translators: what an import does with one customer, in a column of 9 characters */
      return C_("customer import", "create");
    case SSA_CUSTOMER_IMPORT_UPDATED:
      return C_("customer import", "update");
    case SSA_CUSTOMER_IMPORT_UNCHANGED:
    default:
      return C_("customer import", "unchanged");
    }
}

/* import-customers [--dry-run] [--map HEADER=FIELD]… FILE */

int
ssa_cli_import_customers (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaCustomerCsv) csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_auto(GStrv) maps = NULL;
  gboolean dry_run = FALSE;
  SsaCustomerImportCounts counts = { 0, };
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Print what the import would do and store nothing"), NULL },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Read the column HEADER as FIELD (name, org_no, address, postcode, city, email, "
         "contact, vat_registered, or ignore); may be repeated"), N_("HEADER=FIELD") },
    { NULL }
  };

  context = ssa_cli_context_new (_("FILE"),
                         _("Reads a customer list exported from an accounting system as CSV "
                           "(“;” or “,”, UTF-8 or Windows-1252, headers such as navn;"
                           "organisasjonsnummer;adresse;postnummer;poststed;e-post;"
                           "kontaktperson) and stores it: customers are matched by "
                           "organisation number, else by exact name, and created or updated. "
                           "A file with unknown headers (without --map) or an organisation "
                           "number given twice is refused whole; nothing is stored."), entries);
  if (!ssa_cli_parse (context, "import-customers", &argc, &argv) ||
      !ssa_cli_expect_arguments ("import-customers", argc, argv, 1, _("the CSV FILE")))
    return SSA_CLI_USAGE;

  csv = ssa_customer_csv_read_file (argv[1], &error);
  if (csv == NULL)
    {
      ssa_cli_print_error (argv[1], error);
      return SSA_CLI_REFUSED;
    }
  if (!apply_maps (csv, maps))
    return SSA_CLI_REFUSED;
  rows = ssa_customer_csv_get_rows (csv, &error);
  if (rows == NULL)
    {
      g_printerr ("%s\n", error->message);
      g_auto(GStrv) unknown = ssa_customer_csv_get_unknown (csv);

      if (unknown[0] != NULL)
        g_printerr (_("Give --map HEADER=FIELD for each, for example --map “Kundenr=ignore”. "
                      "Nothing was stored.\n"));
      return SSA_CLI_REFUSED;
    }

  /* A dry run only reads: it takes no backup and works on a read-only database too. */
  if (dry_run)
    {
      db = ssa_db_open (ssa_cli_db_get_path (), SSA_DB_OPEN_DEFAULT, &error);
      if (db == NULL)
        {
          ssa_cli_db_print_error ("import-customers", error);
          return SSA_CLI_REFUSED;
        }
    }
  else
    db = ssa_cli_db_open_for_writing ("import-customers");
  if (db == NULL)
    return SSA_CLI_REFUSED;
  if (dry_run ? !ssa_customer_import_plan (db, rows, &counts, &error)
              : !ssa_customer_import_store (db, rows, &counts, &error))
    {
      g_prefix_error (&error, "%s: ", ssa_customer_csv_get_what (csv));
      ssa_cli_db_print_error ("import-customers", error);
      return SSA_CLI_REFUSED;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      SsaCustomerImportRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GString) line = g_string_new (NULL);

      g_string_append_printf (line, _("line %u"), row->line);
      g_string_append (line, "  ");
      ssa_cli_append_padded (line, action_text (row->action), 10, FALSE);
      g_string_append (line, row->info.name);
      if (row->info.org_no != NULL)
        g_string_append_printf (line, " (%s)", row->info.org_no);
      if (row->id != 0)
        g_string_append_printf (line, _(" — customer %lld"), (long long) row->id);
      g_print ("%s\n", line->str);
    }
  g_print (dry_run ? _("Would create %u, update %u, leave %u unchanged; nothing was stored "
                       "(--dry-run).\n")
                   : _("Created %u, updated %u, left %u unchanged.\n"),
           counts.created, counts.updated, counts.unchanged);
  return SSA_CLI_OK;
}

/* customers [--json] */

int
ssa_cli_customers (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GArray) installations = NULL;
  g_autoptr(GHashTable) ids = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  context = ssa_cli_context_new (NULL, _("Lists the customers in the database with the ids of their "
                                 "installations."), entries);
  if (!ssa_cli_parse (context, "customers", &argc, &argv) ||
      !ssa_cli_expect_arguments ("customers", argc, argv, 0, NULL))
    return SSA_CLI_USAGE;

  db = ssa_db_open (ssa_cli_db_get_path (), SSA_DB_OPEN_DEFAULT, &error);
  if (db != NULL)
    customers = ssa_db_load_customers (db, &error);
  if (customers != NULL)
    installations = ssa_db_list_installations (db, &error);
  if (installations == NULL)
    {
      ssa_cli_db_print_error ("customers", error);
      return SSA_CLI_REFUSED;
    }

  /* customer id → GArray of installation ids, in the installations' order */
  ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                               (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < installations->len; i++)
    {
      SsaDbInstallationRow *row = &g_array_index (installations, SsaDbInstallationRow, i);
      GArray *list = g_hash_table_lookup (ids, &row->customer_id);

      if (row->customer_id == 0)
        continue;
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (ids, g_memdup2 (&row->customer_id, sizeof (gint64)), list);
        }
      g_array_append_val (list, row->id);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < customers->len; i++)
        {
          SsaCustomer *customer = g_ptr_array_index (customers, i);
          gint64 id = ssa_customer_get_id (customer);
          GArray *list = g_hash_table_lookup (ids, &id);
          const struct { const char *key; const char *value; } members[] = {
            { "name", ssa_customer_get_name (customer) },
            { "org_no", ssa_customer_get_org_no (customer) },
            { "address", ssa_customer_get_address (customer) },
            { "contact", ssa_customer_get_contact (customer) },
            { "email", ssa_customer_get_email (customer) },
          };

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, id);
          for (guint m = 0; m < G_N_ELEMENTS (members); m++)
            {
              json_builder_set_member_name (builder, members[m].key);
              if (members[m].value != NULL && *members[m].value != '\0')
                json_builder_add_string_value (builder, members[m].value);
              else
                json_builder_add_null_value (builder);
            }
          json_builder_set_member_name (builder, "vat_registered");
          if (ssa_customer_get_vat_status (customer) == SSA_VAT_UNKNOWN)
            json_builder_add_null_value (builder);
          else
            json_builder_add_boolean_value (builder, ssa_customer_get_vat_status (customer)
                                                     == SSA_VAT_REGISTERED);
          json_builder_set_member_name (builder, "archived");
          json_builder_add_boolean_value (builder, ssa_customer_get_archived (customer));
          json_builder_set_member_name (builder, "installations");
          json_builder_begin_array (builder);
          for (guint k = 0; list != NULL && k < list->len; k++)
            json_builder_add_int_value (builder, g_array_index (list, gint64, k));
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      ssa_cli_print_json (builder);
      return SSA_CLI_OK;
    }

  if (customers->len == 0)
    {
      g_print ("%s\n", _("No customers are stored."));
      return SSA_CLI_OK;
    }
  for (guint i = 0; i < customers->len; i++)
    {
      SsaCustomer *customer = g_ptr_array_index (customers, i);
      gint64 id = ssa_customer_get_id (customer);
      GArray *list = g_hash_table_lookup (ids, &id);
      const char *org_no = ssa_customer_get_org_no (customer);
      g_auto(GStrv) address_lines = g_strsplit (ssa_customer_get_address (customer) != NULL
                                                ? ssa_customer_get_address (customer) : "",
                                                "\n", -1);
      g_autofree char *address = g_strjoinv (", ", address_lines);
      g_autoptr(GString) out = g_string_new (NULL);

      g_string_append_printf (out, "%lld  %s", (long long) id, ssa_customer_get_name (customer));
      if (org_no != NULL)
        {
          g_autofree char *formatted =
            ssa_org_no_format (org_no,
                               ssa_customer_get_vat_status (customer) == SSA_VAT_REGISTERED);

          g_string_append_printf (out, "  %s %s", _("Org. no."), formatted);
        }
      /* Registered: "MVA" after the number, as Norwegian documents write it. */
      if (ssa_customer_get_vat_status (customer) == SSA_VAT_REGISTERED &&
          (org_no == NULL || *org_no == '\0'))
        g_string_append_printf (out, "  %s", _("Registered for VAT"));
      else if (ssa_customer_get_vat_status (customer) == SSA_VAT_NOT_REGISTERED)
        g_string_append_printf (out, "  %s", _("Not registered for VAT"));
      if (ssa_customer_get_archived (customer))
        g_string_append_printf (out, "  (%s)", _("archived"));
      g_string_append_c (out, '\n');
      if (address != NULL && *address != '\0')
        g_string_append_printf (out, "    %s\n", address);
      if (ssa_customer_get_contact (customer) != NULL || ssa_customer_get_email (customer) != NULL)
        g_string_append_printf (out, "    %s%s%s\n",
                                ssa_customer_get_contact (customer) != NULL
                                ? ssa_customer_get_contact (customer) : "",
                                ssa_customer_get_contact (customer) != NULL &&
                                ssa_customer_get_email (customer) != NULL ? ", " : "",
                                ssa_customer_get_email (customer) != NULL
                                ? ssa_customer_get_email (customer) : "");
      if (list != NULL)
        {
          g_string_append_printf (out, "    %s", _("Installations:"));
          for (guint k = 0; k < list->len; k++)
            g_string_append_printf (out, " %lld", (long long) g_array_index (list, gint64, k));
          g_string_append_c (out, '\n');
        }
      g_print ("%s", out->str);
    }
  return SSA_CLI_OK;
}

/* customer lookup [--online] [--json] ORGNR */

typedef struct
{
  GMainLoop       *loop;
  SsaRegistryUnit *unit;
  GError          *error;
} LookupWait;

static void
on_lookup (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LookupWait *wait = user_data;

  wait->unit = ssa_registry_lookup_finish (result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static int
customer_lookup (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autofree char *org_no = NULL;
  gboolean json = FALSE;
  gboolean online = FALSE;
  LookupWait wait = { NULL, };
  const GOptionEntry entries[] = {
    { "online", 0, 0, G_OPTION_ARG_NONE, &online,
      N_("Allow sending the organisation number to the company registry"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON object"), NULL },
    { NULL }
  };

  context = ssa_cli_context_new (_("ORGNR"),
                         _("Looks an organisation number up in Brønnøysundregistrene's "
                           "Enhetsregisteret and prints the name, address and VAT status. "
                           "Only the number is sent, and only with --online."), entries);
  if (!ssa_cli_parse (context, "customer lookup", &argc, &argv) ||
      !ssa_cli_expect_arguments ("customer lookup", argc, argv, 1, _("the organisation number")))
    return SSA_CLI_USAGE;

  {
    g_autoptr(GString) digits = g_string_new (NULL);

    for (const char *p = argv[1]; *p != '\0'; p++)
      if (*p != ' ')
        g_string_append_c (digits, *p);
    org_no = g_string_free (g_steal_pointer (&digits), FALSE);
  }
  if (!ssa_org_no_is_valid (org_no))
    {
      g_printerr (_("%s: “%s” is not a valid organisation number: nine digits with a correct "
                    "check digit\n"), "customer lookup", argv[1]);
      return SSA_CLI_REFUSED;
    }
  if (!online)
    {
      g_printerr (_("customer lookup: this sends the organisation number to the company "
                    "registry (%s): add --online to allow it\n"), SSA_REGISTRY_DEFAULT_URL);
      return SSA_CLI_REFUSED;
    }

  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  ssa_registry_lookup_async (org_no, NULL, on_lookup, &wait);
  g_main_loop_run (loop);
  if (wait.unit == NULL)
    {
      g_printerr ("customer lookup: %s\n", wait.error->message);
      g_error_free (wait.error);
      return SSA_CLI_REFUSED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "org_no");
      json_builder_add_string_value (builder, wait.unit->org_no);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, wait.unit->name);
      json_builder_set_member_name (builder, "org_form");
      if (wait.unit->org_form != NULL)
        json_builder_add_string_value (builder, wait.unit->org_form);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "address");
      if (wait.unit->address != NULL)
        json_builder_add_string_value (builder, wait.unit->address);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "vat_registered");
      json_builder_add_boolean_value (builder, wait.unit->vat_registered);
      json_builder_end_object (builder);
      ssa_cli_print_json (builder);
    }
  else
    {
      g_autofree char *formatted = ssa_org_no_format (wait.unit->org_no,
                                                      wait.unit->vat_registered);

      g_print ("%s\n%s %s\n", wait.unit->name, _("Org. no."), formatted);
      if (wait.unit->org_form != NULL)
        g_print ("%s %s\n", _("Organisational form:"), wait.unit->org_form);
      if (wait.unit->address != NULL)
        g_print ("%s\n", wait.unit->address);
      g_print ("%s\n", wait.unit->vat_registered ? _("Registered for VAT")
                                                 : _("Not registered for VAT"));
    }
  ssa_registry_unit_free (wait.unit);
  return SSA_CLI_OK;
}

int
ssa_cli_customer (int    argc,
                  char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "lookup"))
    return customer_lookup (argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n  ssa-desk-cli customer lookup [--online] [--json] %s\n",
               _("Usage:"), _("ORGNR"));
      return SSA_CLI_OK;
    }
  ssa_cli_usage_error ("customer", _("give a subcommand: lookup"));
  return SSA_CLI_USAGE;
}
