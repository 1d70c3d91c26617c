/* ssa-cli-db.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ssa-cli.h"
#include "ssa-cli-db.h"
#include "ssa-csv.h"
#include "ssa-date.h"
#include "ssa-db-inventory.h"
#include "ssa-db-offers.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-document-details.h"
#include "ssa-error.h"
#include "ssa-json-guard.h"
#include "ssa-offer-mail.h"
#include "ssa-offer-pdf.h"
#include "ssa-offer-reader.h"
#include "ssa-offer-xlsx.h"
#include "ssa-output.h"
#include "ssa-reminders.h"
#include "ssa-team-db.h"

/* The commands on the app's database. They share its exit statuses with the other
 * commands: 0 done, 1 an input refused (a file, an option's value, or the database itself:
 * read-only, full, from a newer version) with one line per problem on stderr and nothing on
 * stdout, 2 a malformed command line. */

#define MAX_WITHIN_DAYS 36500

static const char *db_path;   /* --db, borrowed from main()'s argv; NULL for the default */

/**
 * ssa_cli_db_set_path:
 * @path: (nullable): the database file of --db, kept by the caller for the process's life
 */
void
ssa_cli_db_set_path (const char *path)
{
  db_path = path;
}

/* Returns: (nullable): the database file of --db; NULL for the window's database */
const char *
ssa_cli_db_get_path (void)
{
  return db_path;
}

/**
 * ssa_cli_db_print_error:
 * @command: the command, for the prefix ("offer create")
 * @error: what went wrong
 *
 * Prints @error on stderr as "ssa-desk-cli COMMAND: …", the way every database command
 * reports a refusal.
 */
void
ssa_cli_db_print_error (const char   *command,
                        const GError *error)
{
  g_autofree char *prefix = g_strdup_printf ("ssa-desk-cli %s", command);

  ssa_cli_print_error (prefix, error);
}

/* The database counts as open from the start: output options are checked against it (and
 * its -wal, -shm and -journal files) before it is opened, before any work. */
static void
protect_db (void)
{
  static gboolean done;
  g_autofree char *default_path = NULL;

  if (done)
    return;
  done = TRUE;
  if (db_path == NULL)
    default_path = ssa_db_get_default_path ();
  ssa_output_protect (db_path != NULL ? db_path : default_path, SSA_OUTPUT_PROTECT_DATABASE);
}

/* ssa_cli_check_output() against the database. */
static gboolean
check_output (const char *option,
              const char *path)
{
  protect_db ();
  return ssa_cli_check_output (option, path);
}

/* ssa_cli_quote_options_check_outputs() against the database. */
static gboolean
check_quote_outputs (SsaCliQuoteOptions *options)
{
  protect_db ();
  return ssa_cli_quote_options_check_outputs (options);
}

static SsaDb *
open_db (const char     *command,
         SsaDbOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  SsaDb *db = ssa_db_open (db_path, flags, &error);

  if (db == NULL)
    ssa_cli_db_print_error (command, error);
  return db;
}



static gboolean
parse_id (const char *option,
          const char *text,
          gint64     *out)
{
  if (g_ascii_string_to_signed (text, 10, 1, G_MAXINT64, out, NULL))
    return TRUE;

  g_printerr (_("%s: “%s” is not an installation id: give the number that “ssa-desk-cli "
                "installations” shows\n"), option, text);
  return FALSE;
}

/* A left-aligned cell of a table, and the gap before the next column. */
static void
append_cell (GString    *out,
             const char *text,
             guint       width)
{
  ssa_cli_append_padded (out, text, width, FALSE);
  g_string_append (out, "  ");
}

static char *
format_date (const GDate *date,
             SsaLang      lang)
{
  if (!ssa_date_is_set (date))
    return g_strdup ("—");
  return ssa_date_format (date, lang);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_date_member (JsonBuilder *builder,
                 const char  *name,
                 const GDate *date)
{
  g_autofree char *text = ssa_date_is_set (date) ? ssa_date_to_iso (date) : NULL;

  add_string_member (builder, name, text);
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}


/* price-list import FILE, price-list fetch */

static int
price_list_import (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaDbPriceListInfo) info = NULL;
  g_autofree char *data = NULL;
  g_autofree char *display = NULL;
  gsize length = 0;
  gboolean was_new = FALSE;

  context = ssa_cli_context_new (_("FILE"),
                         _("Checks a price list (ssa-desk-pricelist/1) and stores it in the "
                           "database as the current price list. A list that breaks any rule "
                           "is refused and the current list stays."), NULL);
  if (!ssa_cli_parse (context, "price-list import", &argc, &argv) ||
      !ssa_cli_expect_arguments ("price-list import", argc, argv, 1, _("the price list FILE")))
    return SSA_CLI_USAGE;

  if (!ssa_json_guard_load_file (argv[1], &data, &length, &error))
    {
      ssa_cli_print_error (argv[1], error);
      return SSA_CLI_REFUSED;
    }

  display = g_filename_display_name (argv[1]);
  db = ssa_cli_db_open_for_writing ("price-list import");
  if (db == NULL)
    return SSA_CLI_REFUSED;

  if (!ssa_db_store_price_list (db, data, length, display, NULL, &info, &was_new, &error))
    {
      ssa_cli_print_error (display, error);
      return SSA_CLI_REFUSED;
    }

  if (was_new)
    g_print (_("Stored price list %s; it is now the current price list.\n"), info->list_id);
  else
    g_print (_("Price list %s was already stored; it is now the current price list.\n"),
             info->list_id);
  return SSA_CLI_OK;
}

static int
price_list_fetch (int    argc,
                  char **argv)
{
  return ssa_cli_price_list_fetch (db_path, argc, argv);
}

static int
price_list_diff (int    argc,
                 char **argv)
{
  return ssa_cli_price_list_diff (db_path, argc, argv);
}

/* A command with subcommands ("price-list import", "offer create"). */
typedef struct
{
  const char *name;
  int       (*run) (int argc, char **argv);
  const char *usage;    /* after "ssa-desk-cli [--db FILE] COMMAND NAME" */
} Subcommand;

/* Runs the subcommand argv[1] names, with argv from its name on; prints the usage with
 * --help and refuses a missing or unknown subcommand as a malformed command line. */
static int
run_subcommand (const char       *command,
                const Subcommand *subcommands,
                guint             n_subcommands,
                int               argc,
                char            **argv)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < n_subcommands; i++)
    if (argc >= 2 && g_str_equal (argv[1], subcommands[i].name))
      return subcommands[i].run (argc - 1, argv + 1);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n", _("Usage:"));
      for (guint i = 0; i < n_subcommands; i++)
        g_print ("  ssa-desk-cli [--db FILE] %s %s %s\n", command, subcommands[i].name,
                 _(subcommands[i].usage));
      return SSA_CLI_OK;
    }

  for (guint i = 0; i < n_subcommands; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", subcommands[i].name);
  if (argc < 2)
    /* Translators: %s lists the subcommands, e.g. "create, status, revise". */
    ssa_cli_usage_error (command, _("missing the subcommand: one of %s"), names->str);
  else
    ssa_cli_usage_error (command, _("unknown subcommand “%s”: use one of %s"), argv[1],
                         names->str);
  return SSA_CLI_USAGE;
}

int
ssa_cli_price_list (int    argc,
                    char **argv)
{
  static const Subcommand subcommands[] = {
    { "import", price_list_import, N_("FILE") },
    { "fetch", price_list_fetch, N_("[URL]") },
    { "diff", price_list_diff, N_("[OLD NEW]") },
  };

  return run_subcommand ("price-list", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}

/* import FILE… */

int
ssa_cli_import (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GPtrArray) inventories =
    g_ptr_array_new_with_free_func ((GDestroyNotify) ssa_inventory_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree gint64 *ids = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean ok = TRUE;

  context = ssa_cli_context_new (_("FILE…"),
                         _("Stores installation files (ssa-desk-installation/1) in the "
                           "database and prints the id and name of each. Each installation "
                           "finds its customer by organisation number, else by name, or "
                           "creates it. When any file is refused, nothing is stored."), NULL);
  if (!ssa_cli_parse (context, "import", &argc, &argv))
    return SSA_CLI_USAGE;
  if (argc < 2)
    {
      ssa_cli_usage_error ("import", _("missing the installation FILE"));
      return SSA_CLI_USAGE;
    }

  /* Read every file first, so that one run reports all the problems. */
  for (int i = 1; i < argc; i++)
    {
      SsaInventory *inventory = ssa_inventory_new_from_file (argv[i], &error);

      if (inventory == NULL)
        {
          ssa_cli_print_error (argv[i], error);
          g_clear_error (&error);
          ok = FALSE;
          continue;
        }
      g_ptr_array_add (inventories, inventory);
      g_ptr_array_add (names, g_filename_display_name (argv[i]));
    }
  if (!ok)
    return SSA_CLI_REFUSED;

  ids = g_new0 (gint64, inventories->len);
  db = ssa_cli_db_open_for_writing ("import");
  if (db == NULL)
    return SSA_CLI_REFUSED;

  if (!ssa_db_import_inventories (db, (SsaInventory **) inventories->pdata,
                                  (const char **) names->pdata, inventories->len, ids,
                                  &error))
    {
      ssa_cli_db_print_error ("import", error);
      return SSA_CLI_REFUSED;
    }

  for (guint i = 0; i < inventories->len; i++)
    {
      const SsaInventory *inventory = g_ptr_array_index (inventories, i);

      g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\n", ids[i],
                              inventory->name != NULL ? inventory->name : "");
    }
  fputs (out->str, stdout);
  return SSA_CLI_OK;
}

/* export --installation ID [--out FILE] */

int
ssa_cli_export (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autofree char *installation = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *json = NULL;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "installation", 0, 0, G_OPTION_ARG_STRING, &installation,
      N_("The installation to export"), N_("ID") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path,
      N_("Write to FILE instead of standard output (- is standard output too)"), N_("FILE") },
    { NULL }
  };

  context = ssa_cli_context_new (NULL,
                         _("Writes an installation with its customer and licence lines as an "
                           "installation file (ssa-desk-installation/1)."), entries);
  if (!ssa_cli_parse (context, "export", &argc, &argv) ||
      !ssa_cli_expect_arguments ("export", argc, argv, 0, NULL))
    return SSA_CLI_USAGE;
  if (installation == NULL)
    {
      ssa_cli_usage_error ("export", _("--installation is required"));
      return SSA_CLI_USAGE;
    }
  if (!parse_id ("--installation", installation, &id) || !check_output ("--out", out_path))
    return SSA_CLI_REFUSED;

  db = open_db ("export", SSA_DB_OPEN_DEFAULT);
  if (db == NULL)
    return SSA_CLI_REFUSED;
  inventory = ssa_db_load_inventory (db, id, NULL, &error);
  if (inventory == NULL)
    {
      ssa_cli_print_error ("--installation", error);
      return SSA_CLI_REFUSED;
    }

  json = ssa_inventory_to_json (inventory);
  if (out_path == NULL)
    {
      fputs (json, stdout);
      return SSA_CLI_OK;
    }
  if (!ssa_output_replace_contents (out_path, json, strlen (json), &error))
    {
      ssa_cli_print_error ("--out", error);
      return SSA_CLI_REFUSED;
    }
  return SSA_CLI_OK;
}

/* archive|unarchive --installation ID | --customer ID */

static int
set_archived (const char  *command,
              gboolean     archived,
              int          argc,
              char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autofree char *installation = NULL;
  g_autofree char *customer = NULL;
  gint64 id = 0;
  gboolean ok;
  const GOptionEntry entries[] = {
    { "installation", 0, 0, G_OPTION_ARG_STRING, &installation,
      N_("The installation"), N_("ID") },
    { "customer", 0, 0, G_OPTION_ARG_STRING, &customer,
      N_("The customer (with it, its installations leave the renewals)"), N_("ID") },
    { NULL }
  };

  context = ssa_cli_context_new (NULL,
                         archived
                           ? _("Archives an installation or a customer: it keeps its licence "
                               "lines and offers, but leaves the renewals and the window’s "
                               "list. What has offers cannot be deleted; it can be archived.")
                           : _("Brings an archived installation or customer back to the "
                               "renewals and the window’s list."), entries);
  if (!ssa_cli_parse (context, command, &argc, &argv) ||
      !ssa_cli_expect_arguments (command, argc, argv, 0, NULL))
    return SSA_CLI_USAGE;
  if ((installation == NULL) == (customer == NULL))
    {
      ssa_cli_usage_error (command, _("give either --installation or --customer"));
      return SSA_CLI_USAGE;
    }
  if (installation != NULL && !parse_id ("--installation", installation, &id))
    return SSA_CLI_REFUSED;
  if (customer != NULL &&
      !g_ascii_string_to_signed (customer, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_printerr (_("%s: “%s” is not a customer id: give the number of a stored customer\n"),
                  "--customer", customer);
      return SSA_CLI_REFUSED;
    }

  db = ssa_cli_db_open_for_writing (command);
  if (db == NULL)
    return SSA_CLI_REFUSED;
  if (installation != NULL)
    ok = ssa_db_set_installation_archived (db, id, archived, &error);
  else
    ok = ssa_db_set_customer_archived (db, id, archived, &error);
  if (!ok)
    {
      ssa_cli_print_error (installation != NULL ? "--installation" : "--customer", error);
      return SSA_CLI_REFUSED;
    }
  return SSA_CLI_OK;
}

int
ssa_cli_archive (int    argc,
                 char **argv)
{
  return set_archived ("archive", TRUE, argc, argv);
}

int
ssa_cli_unarchive (int    argc,
                   char **argv)
{
  return set_archived ("unarchive", FALSE, argc, argv);
}

/* installations [--json], renewals [--within DAYS] [--today DATE] [--json] */

static void
add_installation_row (JsonBuilder                *builder,
                      const SsaDbInstallationRow *row,
                      const GDate                *today)
{
  add_int_member (builder, "id", row->id);
  add_string_member (builder, "name", row->name);
  add_string_member (builder, "customer", row->customer_name);
  json_builder_set_member_name (builder, "customer_id");
  if (row->customer_id > 0)
    json_builder_add_int_value (builder, row->customer_id);
  else
    json_builder_add_null_value (builder);
  add_string_member (builder, "deployment", ssa_deployment_to_string (row->deployment));
  add_date_member (builder, "ssa_expiry", &row->ssa_expiry);
  if (today != NULL)
    add_int_member (builder, "days", g_date_days_between (today, &row->ssa_expiry));
  else
    {
      add_string_member (builder, "serial", row->serial);
      add_string_member (builder, "firmware", row->firmware);
      add_int_member (builder, "licences", row->n_licences);
    }
}

/* Prints the rows of `installations`, or of `renewals` (with the days left from @today),
 * as one JSON array or as a table. */
static void
print_installation_rows (GArray      *rows,
                         const GDate *today,
                         gboolean     json)
{
  g_autoptr(GString) out = g_string_new (NULL);
  SsaLang lang = ssa_lang_from_locale ();

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < rows->len; i++)
        {
          json_builder_begin_object (builder);
          add_installation_row (builder, &g_array_index (rows, SsaDbInstallationRow, i), today);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      ssa_cli_print_json (builder);
      return;
    }

  append_cell (out, _("ID"), 6);
  append_cell (out, _("SSA ends"), 10);
  if (today != NULL)
    append_cell (out, _("Days"), 6);
  else
    append_cell (out, _("Deployment"), 20);
  append_cell (out, _("Customer"), 30);
  g_string_append_printf (out, "%s\n", _("Installation"));
  for (guint i = 0; i < rows->len; i++)
    {
      const SsaDbInstallationRow *row = &g_array_index (rows, SsaDbInstallationRow, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, row->id);
      g_autofree char *expiry = format_date (&row->ssa_expiry, lang);

      append_cell (out, id, 6);
      append_cell (out, expiry, 10);
      if (today != NULL)
        {
          g_autofree char *days = g_strdup_printf ("%d", g_date_days_between (today,
                                                                              &row->ssa_expiry));

          append_cell (out, days, 6);
        }
      else
        append_cell (out, ssa_deployment_get_label (row->deployment), 20);
      append_cell (out, row->customer_name, 30);
      g_string_append_printf (out, "%s\n", row->name != NULL ? row->name : "");
    }
  fputs (out->str, stdout);
}

int
ssa_cli_installations (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GArray) rows = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  context = ssa_cli_context_new (NULL, _("Lists the installations in the database."), entries);
  if (!ssa_cli_parse (context, "installations", &argc, &argv) ||
      !ssa_cli_expect_arguments ("installations", argc, argv, 0, NULL))
    return SSA_CLI_USAGE;

  db = open_db ("installations", SSA_DB_OPEN_DEFAULT);
  if (db == NULL)
    return SSA_CLI_REFUSED;
  rows = ssa_db_list_installations (db, &error);
  if (rows == NULL)
    {
      ssa_cli_db_print_error ("installations", error);
      return SSA_CLI_REFUSED;
    }

  print_installation_rows (rows, NULL, json);
  return SSA_CLI_OK;
}

static void add_offer_object (JsonBuilder      *builder,
                              const SsaDbOffer *offer,
                              const GDate      *today);

/* renewals --reminders: the two lists the window's daily reminder counts (ssa-reminders.h),
 * the SSAs that end within the reminder window and have not ended yet, and the open offers
 * whose acceptance deadline is today or within SSA_REMINDER_OFFER_DAYS days. */
static int
print_reminders (SsaDb       *db,
                 const GDate *today,
                 guint        days,
                 gboolean     json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ssa_db_list_renewals (db, today, days, &error);
  g_autoptr(GArray) ending = NULL;
  g_autoptr(GPtrArray) offers = NULL;

  if (rows != NULL)
    offers = ssa_reminders_list_due_offers (db, today, &error);
  if (offers == NULL)
    {
      ssa_cli_db_print_error ("renewals", error);
      return SSA_CLI_REFUSED;
    }
  ending = g_array_new (FALSE, FALSE, sizeof (SsaDbInstallationRow));
  for (guint i = 0; i < rows->len; i++)
    {
      const SsaDbInstallationRow *row = &g_array_index (rows, SsaDbInstallationRow, i);

      if (g_date_days_between (today, &row->ssa_expiry) >= 0)
        g_array_append_val (ending, *row);
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_int_member (builder, "within_days", days);
      add_int_member (builder, "offer_days", SSA_REMINDER_OFFER_DAYS);
      json_builder_set_member_name (builder, "renewals");
      json_builder_begin_array (builder);
      for (guint i = 0; i < ending->len; i++)
        {
          json_builder_begin_object (builder);
          add_installation_row (builder, &g_array_index (ending, SsaDbInstallationRow, i), today);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "offers_due");
      json_builder_begin_array (builder);
      for (guint i = 0; i < offers->len; i++)
        add_offer_object (builder, g_ptr_array_index (offers, i), today);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      ssa_cli_print_json (builder);
      return SSA_CLI_OK;
    }

  /* Translators: the first line of `renewals --reminders`. */
  g_print (ngettext ("%u SSA ends within %u days:\n", "%u SSAs end within %u days:\n",
                        ending->len), ending->len, days);
  if (ending->len > 0)
    print_installation_rows (ending, today, FALSE);
  /* Translators: the second part of `renewals --reminders`. */
  g_print (ngettext ("%u offer's acceptance deadline passes within %u days:\n",
                        "%u offers' acceptance deadlines pass within %u days:\n", offers->len),
           offers->len, (guint) SSA_REMINDER_OFFER_DAYS);
  for (guint i = 0; i < offers->len; i++)
    {
      const SsaDbOffer *offer = g_ptr_array_index (offers, i);
      g_autofree char *deadline = format_date (&offer->valid_until, ssa_lang_from_locale ());

      g_print ("  %s  %s  %s\n", offer->number, deadline,
               offer->customer_name != NULL ? offer->customer_name : "");
    }
  return SSA_CLI_OK;
}

int
ssa_cli_renewals (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autofree char *within = NULL;
  g_autofree char *today_text = NULL;
  gboolean json = FALSE;
  gboolean reminders = FALSE;
  guint64 days = 90;
  GDate today;
  gboolean ok = TRUE;
  const GOptionEntry entries[] = {
    { "within", 0, 0, G_OPTION_ARG_STRING, &within,
      N_("List SSAs that end within DAYS days (default: 90; 60 with --reminders)"),
      N_("DAYS") },
    { "reminders", 0, 0, G_OPTION_ARG_NONE, &reminders,
      N_("Print what the window's reminder counts: the SSAs that end within DAYS days and "
         "the offers whose acceptance deadline passes within 3 days"), NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Count from this day instead of today"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON array (with --reminders, one object)"), NULL },
    { NULL }
  };

  context = ssa_cli_context_new (NULL,
                         _("Lists the appliance installations whose SSA ends within DAYS days "
                           "or has already ended, soonest first."), entries);
  if (!ssa_cli_parse (context, "renewals", &argc, &argv) ||
      !ssa_cli_expect_arguments ("renewals", argc, argv, 0, NULL))
    return SSA_CLI_USAGE;

  if (reminders)
    days = SSA_REMINDER_DEFAULT_DAYS;
  if (within != NULL &&
      !g_ascii_string_to_unsigned (within, 10, 0, MAX_WITHIN_DAYS, &days, NULL))
    {
      g_printerr (_("--within: “%s” is not a whole number of days from 0 to %d\n"), within,
                  MAX_WITHIN_DAYS);
      ok = FALSE;
    }
  if (today_text != NULL)
    {
      if (!ssa_date_parse (today_text, &today, &error))
        {
          ssa_cli_print_error ("--today", error);
          g_clear_error (&error);
          ok = FALSE;
        }
    }
  else
    ssa_date_today (&today);
  if (!ok)
    return SSA_CLI_REFUSED;

  db = open_db ("renewals", SSA_DB_OPEN_DEFAULT);
  if (db == NULL)
    return SSA_CLI_REFUSED;
  if (reminders)
    return print_reminders (db, &today, (guint) days, json);
  rows = ssa_db_list_renewals (db, &today, (guint) days, &error);
  if (rows == NULL)
    {
      ssa_cli_db_print_error ("renewals", error);
      return SSA_CLI_REFUSED;
    }

  print_installation_rows (rows, &today, json);
  return SSA_CLI_OK;
}

/* offer create|status|revise, offers */

/* The stored snapshot with the offer's number after "format": still an ssa-desk-offer/1
 * document (readers ignore fields they do not know). */
static char *
offer_document (const SsaDbOffer *stored)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(GList) members = NULL;
  g_autoptr(JsonNode) stored_root = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonObject *snapshot;

  /* A snapshot the guard refuses (a key given twice) is written as stored rather than
   * rebuilt, which would keep only one of the two values. */
  if (stored->snapshot != NULL)
    stored_root = ssa_json_guard_parse (stored->snapshot, strlen (stored->snapshot),
                                        stored->number, NULL);
  if (stored_root == NULL)
    return g_strdup (stored->snapshot);
  snapshot = json_node_get_object (stored_root);

  members = json_object_get_members (snapshot);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      json_object_set_member (out, name, json_node_copy (json_object_get_member (snapshot, name)));
      if (g_str_equal (name, "format"))
        json_object_set_string_member (out, "number", stored->number);
    }

  root = json_node_init_object (json_node_alloc (), out);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

/* @text as one word of a shell command: as it is when it needs no quoting. */
static char *
shell_word (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_-./:=@%+,", *p) == NULL)
      return g_shell_quote (text);
  return text[0] != '\0' ? g_strdup (text) : g_shell_quote (text);
}

/* The command that writes the stored offer's documents again, with the files @options
 * asked for: what a failure after storing tells the user to run. The database is named by
 * its absolute path, the files as they were given. */
static char *
export_command (const SsaCliQuoteOptions *options,
                SsaDb                    *db,
                const SsaDbOffer         *stored)
{
  g_autoptr(GString) command = g_string_new ("ssa-desk-cli --db ");
  g_autofree char *absolute = g_canonicalize_filename (ssa_db_get_path (db), NULL);
  g_autofree char *db_word = shell_word (absolute);
  g_autofree char *number = shell_word (stored->number);
  const struct { const char *option; const char *value; } files[] = {
    { "--json", options->json }, { "--xlsx", options->xlsx }, { "--pdf", options->pdf },
    { "--lang", options->lang },
  };

  g_string_append_printf (command, "%s offer export %s", db_word, number);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    if (files[i].value != NULL)
      {
        g_autofree char *value = shell_word (files[i].value);

        g_string_append_printf (command, " %s %s", files[i].option, value);
      }
  return g_string_free (g_steal_pointer (&command), FALSE);
}

/* Writes a stored offer's files from what is stored with it (its snapshot, inventory,
 * seller and language), so that the documents of `offer create` and of every later
 * `offer export` are the same; all or none of the files are written. Then prints the JSON
 * on standard output when --json is "-". */
static gboolean
write_stored_offer (SsaCliQuoteOptions *options,
                    SsaDb              *db,
                    const SsaDbOffer   *stored)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaDocumentInfo) info = NULL;
  g_autoptr(SsaOffer) offer = NULL;
  g_autofree char *json = NULL;
  gboolean current_seller = FALSE;

  if (options->json != NULL)
    json = offer_document (stored);

  /* What the workbook and the printed offer show beyond the offer, all as stored with it
   * (ssa-offer-mail.h): the reseller's profile as it was, the offer's number, revision,
   * date and validity, and its language, unless --lang asks for another. */
  if (!ssa_stored_offer_load_documents (db, stored, options->lang, &offer, &inventory, &info,
                                        &current_seller, &error))
    {
      ssa_cli_db_print_error ("offer", error);
      return FALSE;
    }
  if (current_seller && (options->xlsx != NULL || options->pdf != NULL))
    g_printerr (_("Offer %s was stored before SSA Desk kept the seller’s details with each "
                  "offer: its documents show the profile as it is now.\n"), stored->number);

  if (!ssa_cli_write_offer_files (options, json, offer, inventory, info))
    return FALSE;

  return TRUE;
}

/* Writes the files the options ask for (all, or none), then prints the stored offer's number,
 * or its JSON instead when --json is "-". The offer is stored already: when a file cannot be
 * written, the message names its number and the command that writes the files again, and
 * the exit status is 1 with nothing on standard output. */
static int
write_offer_outputs (SsaCliQuoteOptions *options,
                     SsaDb              *db,
                     const SsaDbOffer   *stored)
{
  if (!write_stored_offer (options, db, stored))
    {
      g_autofree char *command = export_command (options, db, stored);

      g_printerr (_("Offer %s was stored, but its files were not written. Write them again "
                    "with:\n  %s\n"), stored->number, command);
      return SSA_CLI_REFUSED;
    }

  if (!ssa_cli_quote_options_use_stdout (options))
    g_print ("%s\n", stored->number);
  else if (!ssa_output_is_stdout (options->json))
    g_printerr (_("The offer was stored as %s.\n"), stored->number);
  return SSA_CLI_OK;
}

static void
print_offer_error (const char   *command,
                   gint64        installation_id,
                   const GError *error)
{
  if (g_error_matches (error, SSA_ERROR, SSA_ERROR_REQUEST))
    ssa_cli_print_request_error (command, error);
  else if (error->domain == SSA_ERROR)
    {
      g_autofree char *prefix = g_strdup_printf (_("installation %lld"),
                                                 (long long) installation_id);

      ssa_cli_print_error (prefix, error);
    }
  else
    ssa_cli_db_print_error (command, error);
}

static int
offer_create (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaDbOffer) stored = NULL;
  g_autofree char *installation = NULL;
  SsaCliQuoteOptions options = { 0 };
  SsaOfferRequest request;
  gint64 id = 0;
  gboolean ok;
  int status;
  const GOptionEntry entries[] = {
    { "installation", 0, 0, G_OPTION_ARG_STRING, &installation,
      N_("The stored installation to make the offer for"), N_("ID") },
    { NULL }
  };

  context = ssa_cli_context_new (NULL,
                         _("Computes an SSA offer for a stored installation against the "
                           "current price list, stores it as a draft and prints its number."),
                         entries);
  g_option_context_add_group (context, ssa_cli_quote_options_group (&options));

  if (!ssa_cli_parse (context, "offer create", &argc, &argv) ||
      !ssa_cli_expect_arguments ("offer create", argc, argv, 0, NULL))
    {
      status = SSA_CLI_USAGE;
      goto out;
    }
  if (installation == NULL)
    {
      ssa_cli_usage_error ("offer create", _("--installation is required"));
      status = SSA_CLI_USAGE;
      goto out;
    }
  status = ssa_cli_quote_options_check (&options, "offer create");
  if (status != SSA_CLI_OK)
    goto out;

  ok = ssa_cli_quote_options_to_request (&options, &request);
  ok &= parse_id ("--installation", installation, &id);
  ok &= check_quote_outputs (&options);
  if (!ok)
    {
      status = SSA_CLI_REFUSED;
      goto out;
    }

  db = ssa_cli_db_open_for_writing ("offer create");
  if (db == NULL)
    {
      status = SSA_CLI_REFUSED;
      goto out;
    }
  /* The command has no validity option: the profile's default. */
  stored = ssa_db_create_offer (db, id, &request, NULL, 0, NULL, &error);
  if (stored == NULL)
    {
      print_offer_error ("offer create", id, error);
      status = SSA_CLI_REFUSED;
      goto out;
    }

  status = write_offer_outputs (&options, db, stored);

out:
  ssa_cli_quote_options_clear (&options);
  return status;
}

/* The revision asks what the revised offer asked, except what the options give; "today"
 * is today again unless given. */
static void
merge_request (SsaOfferRequest          *request,
               const SsaCliQuoteOptions *options,
               const SsaOfferRequest    *given)
{
  g_date_clear (&request->today, 1);

  if (options->start != NULL)
    request->start = given->start;
  if (options->end != NULL || options->months != NULL || options->co_term)
    {
      request->end_kind = given->end_kind;
      request->end = given->end;
      request->months = given->months;
    }
  if (options->today != NULL)
    request->today = given->today;
  if (options->billing != NULL)
    request->billing = given->billing;
  if (options->discount != NULL)
    request->discount_percent = given->discount_percent;
  if (options->labour_hours != NULL)
    {
      request->has_labour = TRUE;
      request->labour_hours = given->labour_hours;
      request->labour_rate = given->labour_rate;
    }
  if (options->lang != NULL)
    request->lang = given->lang;
  if (options->true_up)
    request->true_up = TRUE;
  /* --alternative replaces the offer's alternatives; without it the revision keeps them. */
  if (options->alternatives != NULL)
    {
      request->n_alternatives = given->n_alternatives;
      memcpy (request->alternatives, given->alternatives, sizeof request->alternatives);
    }
}

static int
offer_revise (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaDbOffer) original = NULL;
  g_autoptr(SsaDbOffer) stored = NULL;
  SsaCliQuoteOptions options = { 0 };
  SsaOfferRequest given;
  SsaOfferRequest request;
  gboolean ok;
  int status;

  context = ssa_cli_context_new (_("NUMBER"),
                         _("Makes the next revision of a stored offer (NUMBER-R2, -R3, …): "
                           "computed anew for its installation against the current price "
                           "list, with the offer's terms except those the options change. "
                           "Prints the revision's number."), NULL);
  g_option_context_add_group (context, ssa_cli_quote_options_group (&options));

  if (!ssa_cli_parse (context, "offer revise", &argc, &argv) ||
      !ssa_cli_expect_arguments ("offer revise", argc, argv, 1, _("the offer NUMBER")))
    {
      status = SSA_CLI_USAGE;
      goto out;
    }
  status = ssa_cli_quote_options_check (&options, "offer revise");
  if (status != SSA_CLI_OK)
    goto out;
  /* Every problem at once: the options' values and the outputs. */
  ok = ssa_cli_quote_options_to_request (&options, &given);
  ok &= check_quote_outputs (&options);
  if (!ok)
    {
      status = SSA_CLI_REFUSED;
      goto out;
    }

  db = ssa_cli_db_open_for_writing ("offer revise");
  if (db == NULL)
    {
      status = SSA_CLI_REFUSED;
      goto out;
    }
  original = ssa_db_load_offer (db, argv[1], &error);
  if (original == NULL || !ssa_db_offer_get_request (original, &request, &error))
    {
      ssa_cli_db_print_error ("offer revise", error);
      status = SSA_CLI_REFUSED;
      goto out;
    }
  merge_request (&request, &options, &given);

  stored = ssa_db_revise_offer (db, argv[1], &request, NULL, 0, NULL, &error);
  if (stored == NULL)
    {
      print_offer_error ("offer revise", original->installation_id, error);
      status = SSA_CLI_REFUSED;
      goto out;
    }
  status = write_offer_outputs (&options, db, stored);

out:
  ssa_cli_quote_options_clear (&options);
  return status;
}

static int
offer_status (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaDbOffer) chosen = NULL;
  g_autofree char *alternative_text = NULL;
  guint64 alternative = 0;
  SsaOfferStatus status;
  const GOptionEntry entries[] = {
    { "alternative", 0, 0, G_OPTION_ARG_STRING, &alternative_text,
      N_("The alternative the customer accepted, from 1 (an offer with alternatives only)"),
      N_("N") },
    { NULL }
  };

  context = ssa_cli_context_new (_("NUMBER sent|accepted|declined"),
                         _("Moves an offer on: a draft is sent, a sent offer is accepted or "
                           "declined. Accepting extends the installation's SSA to the offer's "
                           "end, or to the end of the alternative accepted. Sent and accepted "
                           "offers are locked: change one with “offer revise”."), entries);
  if (!ssa_cli_parse (context, "offer status", &argc, &argv) ||
      !ssa_cli_expect_arguments ("offer status", argc, argv, 2, _("the offer NUMBER and its new status")))
    return SSA_CLI_USAGE;
  if (alternative_text != NULL &&
      !g_ascii_string_to_unsigned (alternative_text, 10, 1, G_MAXUINT, &alternative, NULL))
    {
      ssa_cli_usage_error ("offer status", _("--alternative: “%s” is not the number of an "
                                             "alternative (1, 2, …)"), alternative_text);
      return SSA_CLI_USAGE;
    }

  if (!ssa_offer_status_from_string (argv[2], &status) ||
      (status != SSA_OFFER_STATUS_SENT && status != SSA_OFFER_STATUS_ACCEPTED &&
       status != SSA_OFFER_STATUS_DECLINED))
    {
      g_printerr (_("ssa-desk-cli offer status: “%s” is not a status to set: use sent, "
                    "accepted or declined\n"), argv[2]);
      return SSA_CLI_REFUSED;
    }

  if (alternative > 0 && status != SSA_OFFER_STATUS_ACCEPTED)
    {
      ssa_cli_usage_error ("offer status", _("--alternative goes with accepted"));
      return SSA_CLI_USAGE;
    }

  db = ssa_cli_db_open_for_writing ("offer status");
  if (db == NULL)
    return SSA_CLI_REFUSED;
  /* An offer with alternatives is accepted as one of them: the command must say which. */
  if (status == SSA_OFFER_STATUS_ACCEPTED && alternative == 0 &&
      (chosen = ssa_db_load_offer (db, argv[1], NULL)) != NULL && chosen->n_alternatives > 1)
    {
      ssa_cli_usage_error ("offer status", _("offer %s has %u alternatives: choose the one the "
                                             "customer accepted with --alternative N"),
                           chosen->number, chosen->n_alternatives);
      return SSA_CLI_USAGE;
    }
  if (!(status == SSA_OFFER_STATUS_ACCEPTED
        ? ssa_db_accept_offer (db, argv[1], (guint) alternative, NULL, &error)
        : ssa_db_set_offer_status (db, argv[1], status, NULL, &error)))
    {
      ssa_cli_db_print_error ("offer status", error);
      return SSA_CLI_REFUSED;
    }

  if (alternative > 0)
    /* Translators: "Offer 2026-0001 is now accepted (alternative 2)." */
    g_print (_("Offer %s is now %s (alternative %u).\n"), argv[1],
             ssa_offer_status_get_label (status), (guint) alternative);
  else
    g_print (_("Offer %s is now %s.\n"), argv[1], ssa_offer_status_get_label (status));

  /* Accepting closed the installation's other open offers: say which. */
  if (status == SSA_OFFER_STATUS_ACCEPTED)
    {
      g_autoptr(SsaDbOffer) accepted = ssa_db_load_offer (db, argv[1], NULL);
      g_autoptr(GPtrArray) offers = ssa_db_list_offers (db, NULL);
      g_autofree char *bought = accepted != NULL
                                ? ssa_db_offer_dup_true_up_text (accepted, NULL) : NULL;

      /* A true-up's licences are now the installation's (docs/rules.md, "True-up"). */
      if (bought != NULL && *bought != '\0')
        /* Translators: %s lists licences, "3 × IP port (02-00039-002)". */
        g_print (_("Added to the installation's licences: %s.\n"), bought);

      for (guint i = 0; accepted != NULL && offers != NULL && i < offers->len; i++)
        {
          const SsaDbOffer *offer = g_ptr_array_index (offers, i);
          const SsaDbOfferStatusChange *last;

          if (offer->status != SSA_OFFER_STATUS_SUPERSEDED || offer->history->len == 0)
            continue;
          last = g_ptr_array_index (offer->history, offer->history->len - 1);
          if (g_strcmp0 (last->caused_by, accepted->number) == 0)
            g_print (_("Offer %s is now %s.\n"), offer->number,
                     ssa_offer_status_get_label (SSA_OFFER_STATUS_SUPERSEDED));
        }
    }
  return SSA_CLI_OK;
}

/* The offer as an unsent e-mail draft (ssa-offer-mail.h): the documents are written to a
 * temporary folder from what is stored with the offer, as --pdf and --xlsx write them, and
 * go into the message as attachments. */
static gboolean
write_stored_offer_eml (SsaDb            *db,
                        const SsaDbOffer *stored,
                        const char       *lang,
                        gboolean          with_workbook,
                        const char       *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaOfferMail) mail = NULL;
  g_autofree char *folder = g_dir_make_tmp ("ssa-desk-mail-XXXXXX", &error);
  gboolean ok = FALSE;

  if (folder == NULL)
    {
      ssa_cli_print_error ("--eml", error);
      return FALSE;
    }
  mail = ssa_offer_mail_new (db, stored, lang, with_workbook, folder, &error);
  if (mail != NULL)
    ok = ssa_offer_mail_write_eml (mail, path, &error);
  if (!ok)
    ssa_cli_print_error (mail != NULL ? "--eml" : "offer export", error);
  else if (mail->to_address == NULL)
    g_printerr (_("Offer %s: the customer has no e-mail address: fill in the recipient in "
                  "your mail program, or add the address to the customer and export again.\n"),
                stored->number);

  if (mail != NULL)
    for (guint i = 0; i < mail->attachments->len; i++)
      g_unlink (((SsaMailAttachment *) g_ptr_array_index (mail->attachments, i))->path);
  g_rmdir (folder);
  return ok;
}

/* offer export NUMBER [--json F|-] [--xlsx F|-] [--pdf F|-] [--lang nb|en]
 *   [--eml F|- [--attach-xlsx]] */
static int
offer_export (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaDbOffer) stored = NULL;
  SsaCliQuoteOptions options = { 0 };
  g_autofree char *eml = NULL;
  gboolean attach_xlsx = FALSE;
  int status = SSA_CLI_REFUSED;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &options.json,
      N_("Write the offer as JSON to FILE, or to standard output with -"), N_("FILE") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &options.xlsx,
      N_("Write the offer as an Excel workbook to FILE, or to standard output with -"),
      N_("FILE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &options.pdf,
      N_("Write the offer as a PDF document to FILE, or to standard output with -"),
      N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &options.lang,
      N_("Language of the documents: nb or en (default: the offer’s own)"), N_("LANG") },
    { "eml", 0, 0, G_OPTION_ARG_FILENAME, &eml,
      N_("Write an unsent e-mail to the customer with the PDF attached to FILE (.eml), or "
         "to standard output with -"), N_("FILE") },
    { "attach-xlsx", 0, 0, G_OPTION_ARG_NONE, &attach_xlsx,
      N_("With --eml: attach the workbook too"), NULL },
    { NULL }
  };

  context = ssa_cli_context_new (_("NUMBER"),
                         _("Writes a stored offer’s documents again from what was stored with "
                           "it: the same content as when it was created, whatever the price "
                           "lists, installation and profile are now. Works on a read-only "
                           "database."), entries);
  if (!ssa_cli_parse (context, "offer export", &argc, &argv) ||
      !ssa_cli_expect_arguments ("offer export", argc, argv, 1, _("the offer NUMBER")))
    {
      status = SSA_CLI_USAGE;
      goto out;
    }
  if (options.json == NULL && options.xlsx == NULL && options.pdf == NULL && eml == NULL)
    {
      ssa_cli_usage_error ("offer export",
                           _("give at least one of --json, --xlsx, --pdf and --eml"));
      status = SSA_CLI_USAGE;
      goto out;
    }
  if (attach_xlsx && eml == NULL)
    {
      ssa_cli_usage_error ("offer export", _("--attach-xlsx goes with --eml"));
      status = SSA_CLI_USAGE;
      goto out;
    }
  if (options.alternatives != NULL)
    {
      ssa_cli_usage_error ("offer export", _("--alternative goes with quote, offer create and "
                                             "offer revise: a stored offer keeps its "
                                             "alternatives"));
      status = SSA_CLI_USAGE;
      goto out;
    }
  status = ssa_cli_quote_options_check (&options, "offer export");
  if (status != SSA_CLI_OK)
    goto out;
  status = SSA_CLI_REFUSED;
  if (options.lang != NULL && !g_str_equal (options.lang, "nb") &&
      !g_str_equal (options.lang, "en"))
    {
      g_printerr (_("--lang: “%s” is not a language of the documents: use nb or en\n"),
                  options.lang);
      goto out;
    }

  /* Read-only: exporting never migrates or otherwise changes the database. */
  db = open_db ("offer export", SSA_DB_OPEN_READ_ONLY);
  if (db == NULL || !check_quote_outputs (&options) ||
      (eml != NULL && !ssa_cli_check_output ("--eml", eml)))
    goto out;
  stored = ssa_db_load_offer (db, argv[1], &error);
  if (stored == NULL)
    {
      ssa_cli_db_print_error ("offer export", error);
      goto out;
    }
  if ((options.json != NULL || options.xlsx != NULL || options.pdf != NULL) &&
      !write_stored_offer (&options, db, stored))
    goto out;
  if (eml != NULL && !write_stored_offer_eml (db, stored, options.lang, attach_xlsx, eml))
    goto out;
  status = SSA_CLI_OK;

out:
  ssa_cli_quote_options_clear (&options);
  return status;
}

int
ssa_cli_offer (int    argc,
               char **argv)
{
  static const Subcommand subcommands[] = {
    { "create", offer_create, N_("--installation ID [OPTION…]") },
    { "status", offer_status, N_("NUMBER sent|accepted|declined") },
    { "revise", offer_revise, N_("NUMBER [OPTION…]") },
    { "export", offer_export,
      N_("NUMBER [--json FILE] [--xlsx FILE] [--pdf FILE] [--eml FILE] [--lang nb|en]") },
  };

  return run_subcommand ("offer", subcommands, G_N_ELEMENTS (subcommands), argc, argv);
}

/* One element of `offers --json` (docs/formats.md). */
static void
add_offer_object (JsonBuilder      *builder,
                  const SsaDbOffer *offer,
                  const GDate      *today)
{
  g_autofree char *total = ssa_decimal_to_string (offer->total);

  json_builder_begin_object (builder);
  add_string_member (builder, "number", offer->number);
  add_int_member (builder, "installation", offer->installation_id);
  add_string_member (builder, "status",
                     ssa_offer_status_to_string (ssa_db_offer_get_shown_status (offer,
                                                                                today)));
  add_date_member (builder, "created", &offer->created);
  add_date_member (builder, "valid_until", &offer->valid_until);
  add_string_member (builder, "total", total);
  add_string_member (builder, "currency", offer->currency);
  add_int_member (builder, "revision", offer->revision);
  add_string_member (builder, "stored_status", ssa_offer_status_to_string (offer->status));
  add_string_member (builder, "installation_name", offer->installation_name);
  add_string_member (builder, "customer", offer->customer_name);
  add_string_member (builder, "price_list", offer->price_list_id);
  json_builder_set_member_name (builder, "period");
  json_builder_begin_object (builder);
  add_date_member (builder, "start", &offer->period_start);
  add_date_member (builder, "end", &offer->period_end);
  json_builder_end_object (builder);
  /* Alternatives (docs/rules.md): how many, and which was accepted. */
  if (offer->n_alternatives > 1)
    add_int_member (builder, "alternatives", offer->n_alternatives);
  if (offer->accepted_alternative > 0)
    add_int_member (builder, "accepted_alternative", offer->accepted_alternative);
  /* Every change of status, oldest first: what, when (UTC), by whom, and which
   * offer superseded or revised it. */
  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  for (guint j = 0; j < offer->history->len; j++)
    {
      const SsaDbOfferStatusChange *change = g_ptr_array_index (offer->history, j);
      g_autofree char *at = g_date_time_format (change->changed_at,
                                                "%Y-%m-%dT%H:%M:%SZ");

      json_builder_begin_object (builder);
      add_string_member (builder, "status", ssa_offer_status_to_string (change->status));
      add_string_member (builder, "at", at);
      add_string_member (builder, "user", change->user);
      add_string_member (builder, "by", change->caused_by);
      if (change->alternative > 0)
        add_int_member (builder, "alternative", change->alternative);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

int
ssa_cli_offers (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autofree char *today_text = NULL;
  gboolean json = FALSE;
  gboolean due = FALSE;
  GDate today;
  SsaLang lang = ssa_lang_from_locale ();
  const GOptionEntry entries[] = {
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text,
      N_("Judge expiry as if today were this day"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { "due", 0, 0, G_OPTION_ARG_NONE, &due,
      N_("Only the open offers whose acceptance deadline is today or within 3 days"), NULL },
    { NULL }
  };

  context = ssa_cli_context_new (NULL,
                         _("Lists the stored offers by number. A draft or sent offer whose "
                           "validity has ended is shown as expired."), entries);
  if (!ssa_cli_parse (context, "offers", &argc, &argv) ||
      !ssa_cli_expect_arguments ("offers", argc, argv, 0, NULL))
    return SSA_CLI_USAGE;

  if (today_text != NULL)
    {
      if (!ssa_date_parse (today_text, &today, &error))
        {
          ssa_cli_print_error ("--today", error);
          return SSA_CLI_REFUSED;
        }
    }
  else
    ssa_date_today (&today);

  db = open_db ("offers", SSA_DB_OPEN_DEFAULT);
  if (db == NULL)
    return SSA_CLI_REFUSED;
  /* --due: what the window's reminder counts (ssa-reminders.h). */
  offers = due ? ssa_reminders_list_due_offers (db, &today, &error)
               : ssa_db_list_offers (db, &error);
  if (offers == NULL)
    {
      ssa_cli_db_print_error ("offers", error);
      return SSA_CLI_REFUSED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < offers->len; i++)
        add_offer_object (builder, g_ptr_array_index (offers, i), &today);
      json_builder_end_array (builder);
      ssa_cli_print_json (builder);
    }
  else
    {
      g_autoptr(GString) out = g_string_new (NULL);

      append_cell (out, _("Number"), 12);
      append_cell (out, _("Status"), 11);
      append_cell (out, _("Created"), 10);
      append_cell (out, _("Valid until"), 11);
      append_cell (out, _("Total"), 16);
      append_cell (out, _("Customer"), 30);
      g_string_append_printf (out, "%s\n", _("Installation"));
      for (guint i = 0; i < offers->len; i++)
        {
          const SsaDbOffer *offer = g_ptr_array_index (offers, i);
          SsaOfferStatus shown = ssa_db_offer_get_shown_status (offer, &today);
          g_autofree char *created = format_date (&offer->created, lang);
          g_autofree char *valid_until = format_date (&offer->valid_until, lang);
          g_autofree char *total = ssa_money_format (offer->total, offer->currency, lang);
          g_autofree char *installation = g_strdup_printf ("%" G_GINT64_FORMAT " %s",
                                                           offer->installation_id,
                                                           offer->installation_name != NULL
                                                           ? offer->installation_name : "");

          append_cell (out, offer->number, 12);
          append_cell (out, ssa_offer_status_get_label (shown), 11);
          append_cell (out, created, 10);
          append_cell (out, valid_until, 11);
          append_cell (out, total, 16);
          append_cell (out, offer->customer_name, 30);
          g_string_append_printf (out, "%s\n", installation);
        }
      fputs (out->str, stdout);
    }
  return SSA_CLI_OK;
}

/* import-csv --installation ID FILE [--append] */

int
ssa_cli_import_csv (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *installation = NULL;
  gboolean append = FALSE;
  gint64 id = 0;
  const GOptionEntry entries[] = {
    { "installation", 0, 0, G_OPTION_ARG_STRING, &installation,
      N_("The installation whose licence lines the file holds"), N_("ID") },
    { "append", 0, 0, G_OPTION_ARG_NONE, &append,
      N_("Add the lines after the installation's lines instead of replacing them"), NULL },
    { NULL }
  };

  context = ssa_cli_context_new (_("FILE"),
                         _("Reads an installation's licence list from a CSV file saved by a "
                           "spreadsheet (UTF-8 or Windows-1252, “;” or “,”, a header such as "
                           "artikkelnummer;antall or code,quantity) and stores it in place of "
                           "the installation's licence lines. When any line is bad, nothing is "
                           "stored."), entries);
  if (!ssa_cli_parse (context, "import-csv", &argc, &argv) ||
      !ssa_cli_expect_arguments ("import-csv", argc, argv, 1, _("the CSV FILE")))
    return SSA_CLI_USAGE;
  if (installation == NULL)
    {
      ssa_cli_usage_error ("import-csv", _("--installation is required"));
      return SSA_CLI_USAGE;
    }
  if (!parse_id ("--installation", installation, &id))
    return SSA_CLI_REFUSED;

  db = ssa_cli_db_open_for_writing ("import-csv");
  if (db == NULL)
    return SSA_CLI_REFUSED;
  price_list = ssa_db_load_current_price_list (db, NULL, &error);
  if (price_list == NULL)
    {
      ssa_cli_db_print_error ("import-csv", error);
      return SSA_CLI_REFUSED;
    }

  lines = ssa_csv_read_licences_file (argv[1], price_list, &error);
  if (lines == NULL)
    {
      ssa_cli_print_error (argv[1], error);
      return SSA_CLI_REFUSED;
    }

  ids = ssa_db_replace_licences (db, id, lines, append, &error);
  if (ids == NULL)
    {
      if (g_error_matches (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND))
        ssa_cli_print_error ("--installation", error);
      else
        ssa_cli_db_print_error ("import-csv", error);
      return SSA_CLI_REFUSED;
    }

  g_print (ngettext ("Stored %u licence line for installation %lld.\n",
                     "Stored %u licence lines for installation %lld.\n",
                     ids->len),
           ids->len, (long long) id);
  return SSA_CLI_OK;
}

/* backup FILE */

int
ssa_cli_backup (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;

  context = ssa_cli_context_new (_("FILE"),
                         _("Copies the database into FILE with SQLite's online backup: a "
                           "consistent copy, safe while the window or other commands use the "
                           "database. FILE is replaced only once the copy is complete; with -, "
                           "the copy goes to standard output."), NULL);
  if (!ssa_cli_parse (context, "backup", &argc, &argv) ||
      !ssa_cli_expect_arguments ("backup", argc, argv, 1, _("the backup FILE")))
    return SSA_CLI_USAGE;
  if (!check_output (argv[1], argv[1]))
    return SSA_CLI_REFUSED;

  /* Read-only: a backup never migrates or otherwise changes the database. */
  db = open_db ("backup", SSA_DB_OPEN_READ_ONLY);
  if (db == NULL)
    return SSA_CLI_REFUSED;
  if (!ssa_db_backup (db, argv[1], &error))
    {
      ssa_cli_print_error (argv[1], error);
      return SSA_CLI_REFUSED;
    }

  /* With "-" standard output carries the copy only. */
  if (!ssa_output_is_stdout (argv[1]))
    g_print (_("Backed up %s to %s.\n"), ssa_db_get_path (db), argv[1]);
  return SSA_CLI_OK;
}

/* audit [--json] */

int
ssa_cli_audit (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries_options[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print one JSON array"), NULL },
    { NULL }
  };

  context = ssa_cli_context_new (NULL,
                         _("Lists the audit log, oldest first: every change of an offer’s "
                           "status, every deletion and archiving, with who did it and "
                           "when."), entries_options);
  if (!ssa_cli_parse (context, "audit", &argc, &argv) ||
      !ssa_cli_expect_arguments ("audit", argc, argv, 0, NULL))
    return SSA_CLI_USAGE;

  db = open_db ("audit", SSA_DB_OPEN_DEFAULT);
  if (db == NULL)
    return SSA_CLI_REFUSED;
  entries = ssa_db_list_audit (db, &error);
  if (entries == NULL)
    {
      ssa_cli_db_print_error ("audit", error);
      return SSA_CLI_REFUSED;
    }

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        {
          const SsaAuditEntry *entry = g_ptr_array_index (entries, i);

          json_builder_begin_object (builder);
          add_int_member (builder, "id", entry->id);
          add_string_member (builder, "at", entry->at);
          add_string_member (builder, "who", entry->who);
          add_string_member (builder, "action", entry->action);
          add_string_member (builder, "subject", entry->subject);
          add_int_member (builder, "row_id", entry->row_id);
          add_string_member (builder, "label", entry->label);
          json_builder_set_member_name (builder, "details");
          if (entry->details != NULL)
            {
              g_autoptr(JsonNode) details = json_from_string (entry->details, NULL);

              if (details != NULL)
                json_builder_add_value (builder, g_steal_pointer (&details));
              else
                json_builder_add_string_value (builder, entry->details);
            }
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      ssa_cli_print_json (builder);
      return SSA_CLI_OK;
    }

  {
    g_autoptr(GString) out = g_string_new (NULL);

    append_cell (out, _("When (UTC)"), 21);
    append_cell (out, _("Who"), 24);
    g_string_append_printf (out, "%s\n", _("What"));
    for (guint i = 0; i < entries->len; i++)
      {
        const SsaAuditEntry *entry = g_ptr_array_index (entries, i);
        g_autofree char *what = ssa_audit_entry_describe (entry, FALSE);

        append_cell (out, entry->at, 21);
        append_cell (out, entry->who != NULL ? entry->who : "", 24);
        g_string_append_printf (out, "%s\n", what);
      }
    fputs (out->str, stdout);
  }
  return SSA_CLI_OK;
}
