/* ssa-cli-quote.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-cli.h"
#include "ssa-date.h"
#include "ssa-error.h"
#include "ssa-licence-import.h"
#include "ssa-output.h"

/* Prints a calculator error: problems with the installation's content name its file,
 * problems with the request name the option. */
static void
print_compute_error (const char   *installation_path,
                     const GError *error)
{
  if (g_error_matches (error, SSA_ERROR, SSA_ERROR_REQUEST))
    ssa_cli_print_request_error ("quote", error);
  else
    ssa_cli_print_error (installation_path, error);
}

int
ssa_cli_quote (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionGroup *group;
  g_autofree char *price_list_path = NULL;
  g_autofree char *installation_path = NULL;
  g_autofree char *reading_path = NULL;
  g_autoptr(GArray) true_up_items = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = NULL;
  SsaCliQuoteOptions options = { 0 };
  SsaOfferRequest request;
  gboolean inputs_ok = TRUE;
  gboolean protected = FALSE;
  int status;
  const GOptionEntry entries[] = {
    { "price-list", 0, 0, G_OPTION_ARG_FILENAME, &price_list_path,
      N_("The price list (ssa-desk-pricelist/1)"), N_("FILE") },
    { "installation", 0, 0, G_OPTION_ARG_FILENAME, &installation_path,
      N_("The installation (ssa-desk-installation/1)"), N_("FILE") },
    { "pbx-reading", 0, 0, G_OPTION_ARG_FILENAME, &reading_path,
      N_("The PBX's answer to mod_cmd_login.xml, saved, for --true-up"), N_("FILE") },
    { NULL }
  };

  context = ssa_cli_option_context_new (NULL,
                                        _("Computes an SSA offer for one installation from a "
                                          "price list, by the rules of innovaphone's Software "
                                          "Service Agreement."));
  /* One group, so that --help lists every option of the command. */
  group = g_option_group_new (NULL, NULL, NULL, NULL, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  ssa_cli_quote_options_add_entries (group, &options);
  g_option_context_set_main_group (context, group);

  if (!ssa_cli_parse (context, "quote", &argc, &argv))
    {
      status = SSA_CLI_USAGE;
      goto out;
    }
  if (argc > 1)
    {
      ssa_cli_usage_error ("quote", _("unexpected argument “%s”"), argv[1]);
      status = SSA_CLI_USAGE;
      goto out;
    }
  if (price_list_path == NULL || installation_path == NULL)
    {
      ssa_cli_usage_error ("quote", _("--price-list and --installation are required"));
      status = SSA_CLI_USAGE;
      goto out;
    }
  status = ssa_cli_quote_options_check (&options, "quote");
  if (status != SSA_CLI_OK)
    goto out;
  /* A file has no PBX reading to say what is missing: it is given with --pbx-reading. */
  if (options.true_up != (reading_path != NULL))
    {
      ssa_cli_usage_error ("quote", _("--true-up and --pbx-reading go together: the reading "
                                      "says which licences are missing (a stored installation "
                                      "has its own: “offer create --installation ID "
                                      "--true-up”)"));
      status = SSA_CLI_USAGE;
      goto out;
    }

  /* Check every input before giving up, so that one run reports all the problems. No
   * output may replace an input. */
  inputs_ok = ssa_cli_quote_options_to_request (&options, &request);
  ssa_output_protect (price_list_path, SSA_OUTPUT_PROTECT_INPUT);
  ssa_output_protect (installation_path, SSA_OUTPUT_PROTECT_INPUT);
  protected = TRUE;
  inputs_ok &= ssa_cli_quote_options_check_outputs (&options);

  price_list = ssa_price_list_new_from_file (price_list_path, &error);
  if (price_list == NULL)
    {
      ssa_cli_print_error (price_list_path, error);
      g_clear_error (&error);
      inputs_ok = FALSE;
    }

  inventory = ssa_inventory_new_from_file (installation_path, &error);
  if (inventory == NULL)
    {
      ssa_cli_print_error (installation_path, error);
      g_clear_error (&error);
      inputs_ok = FALSE;
    }

  if (inputs_ok && reading_path != NULL)
    {
      g_autofree char *data = NULL;
      g_autoptr(SsaPbxReading) reading = NULL;
      g_autoptr(GArray) usage = NULL;
      gsize length = 0;

      if (g_file_get_contents (reading_path, &data, &length, &error))
        reading = ssa_pbx_reading_new_from_data (data, length, reading_path, &error);
      if (reading == NULL)
        {
          ssa_cli_print_error (reading_path, error);
          g_clear_error (&error);
          inputs_ok = FALSE;
        }
      else
        {
          usage = ssa_licence_usage_compute (reading, inventory, price_list, NULL);
          true_up_items = ssa_licence_usage_true_up (usage);
          request.true_up_items = true_up_items;
        }
    }

  if (!inputs_ok)
    {
      status = SSA_CLI_REFUSED;
      goto out;
    }

  offer = ssa_offer_compute (price_list, inventory, &request, &error);
  if (offer == NULL)
    {
      print_compute_error (installation_path, error);
      status = SSA_CLI_REFUSED;
      goto out;
    }

  status = ssa_cli_write_offer_outputs (&options, offer, inventory, price_list);

out:
  if (protected)
    {
      ssa_output_unprotect (price_list_path, SSA_OUTPUT_PROTECT_INPUT);
      ssa_output_unprotect (installation_path, SSA_OUTPUT_PROTECT_INPUT);
    }
  ssa_cli_quote_options_clear (&options);
  return status;
}

int
ssa_cli_check_price_list (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) price_list = NULL;

  context = ssa_cli_option_context_new (_("FILE"),
                                        _("Checks a price list (ssa-desk-pricelist/1) against "
                                          "every rule of the format and prints a summary, or "
                                          "one line for each problem."));

  if (!ssa_cli_parse (context, "check-price-list", &argc, &argv))
    return SSA_CLI_USAGE;
  if (argc != 2)
    {
      ssa_cli_usage_error ("check-price-list", _("give exactly one price list file"));
      return SSA_CLI_USAGE;
    }

  price_list = ssa_price_list_new_from_file (argv[1], &error);
  if (price_list == NULL)
    {
      ssa_cli_print_error (argv[1], error);
      return SSA_CLI_REFUSED;
    }

  ssa_cli_print_price_list_summary (argv[1], price_list);

  return SSA_CLI_OK;
}
