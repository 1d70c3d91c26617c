/* ssa-cli-common.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "ssa-cli.h"
#include "ssa-date.h"
#include "ssa-document-details.h"
#include "ssa-error.h"
#include "ssa-offer-pdf.h"
#include "ssa-offer-xlsx.h"
#include "ssa-offer-files.h"
#include "ssa-output.h"

/**
 * ssa_cli_quote_options_add_entries:
 * @group: an option group
 * @options: where the values go
 *
 * Adds the options of every command that computes an offer to @group.
 */
void
ssa_cli_quote_options_add_entries (GOptionGroup       *group,
                                   SsaCliQuoteOptions *options)
{
  const GOptionEntry entries[] = {
    { "start", 0, 0, G_OPTION_ARG_STRING, &options->start,
      N_("First day of the period (default: the day after the SSA ends, or today)"),
      N_("DATE") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &options->end,
      N_("Last day of the period"), N_("DATE") },
    { "months", 0, 0, G_OPTION_ARG_STRING, &options->months,
      N_("Length of the period in months, 1 to 120 (default: 12)"), N_("N") },
    { "co-term", 0, 0, G_OPTION_ARG_NONE, &options->co_term,
      N_("Top up to the installation's SSA expiry: licences not covered to it are charged "
         "to it, the others show as covered"), NULL },
    { "true-up", 0, 0, G_OPTION_ARG_NONE, &options->true_up,
      N_("Propose the licences the PBX's last reading uses beyond those owned, as new "
         "licences with their SSA, in a group of their own (stored installations only)"),
      NULL },
    { "today", 0, 0, G_OPTION_ARG_STRING, &options->today,
      N_("Compute as if today were this day"), N_("DATE") },
    { "billing", 0, 0, G_OPTION_ARG_STRING, &options->billing,
      N_("Billing plan: once, annual, quarterly or monthly"), N_("PLAN") },
    { "discount", 0, 0, G_OPTION_ARG_STRING, &options->discount,
      N_("Reseller discount in percent"), N_("PERCENT") },
    { "labour-hours", 0, 0, G_OPTION_ARG_STRING, &options->labour_hours,
      N_("Hours of upgrade labour (not part of the SSA)"), N_("H") },
    { "labour-rate", 0, 0, G_OPTION_ARG_STRING, &options->labour_rate,
      N_("Hourly rate of the labour"), N_("AMOUNT") },
    { "alternative", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->alternatives,
      N_("Price an alternative besides, the offer's terms changed by SPEC: months=N, "
         "end=DATE, co-term or billing=PLAN, separated by commas; repeat for more"),
      N_("SPEC") },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &options->json,
      N_("Write the offer as JSON to FILE, or to standard output with -"), N_("FILE") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &options->xlsx,
      N_("Write the offer as an Excel workbook to FILE, or to standard output with -"),
      N_("FILE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &options->pdf,
      N_("Write the offer as a PDF document to FILE, or to standard output with -"),
      N_("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &options->lang,
      N_("Language of the documents: nb or en"), N_("LANG") },
    { NULL }
  };

  g_option_group_add_entries (group, entries);
}

GOptionGroup *
ssa_cli_quote_options_group (SsaCliQuoteOptions *options)
{
  GOptionGroup *group;

  group = g_option_group_new ("quote", _("Offer options:"), _("Show offer options"), NULL, NULL);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  ssa_cli_quote_options_add_entries (group, options);
  return group;
}

/* The output options of a command that computes an offer, in the order they are written
 * (ssa-offer-files.h). */
typedef struct
{
  const char *option;
  const char *path;
} PendingOutput;

static guint
collect_outputs (const SsaCliQuoteOptions *options,
                 PendingOutput             outputs[SSA_OFFER_N_FILES])
{
  guint n = 0;

  if (options->json != NULL)
    outputs[n++] = (PendingOutput) { "--json", options->json };
  if (options->xlsx != NULL)
    outputs[n++] = (PendingOutput) { "--xlsx", options->xlsx };
  if (options->pdf != NULL)
    outputs[n++] = (PendingOutput) { "--pdf", options->pdf };
  return n;
}

/**
 * ssa_cli_quote_options_check:
 *
 * Checks the combinations of options that make a command line malformed.
 *
 * Returns: %SSA_CLI_OK, or %SSA_CLI_USAGE after printing why.
 */
int
ssa_cli_quote_options_check (SsaCliQuoteOptions *options,
                             const char         *command)
{
  PendingOutput outputs[SSA_OFFER_N_FILES];
  guint n_outputs;

  if (options->end != NULL && options->months != NULL)
    {
      ssa_cli_usage_error (command, _("--end and --months cannot be given together"));
      return SSA_CLI_USAGE;
    }
  if (options->co_term && (options->end != NULL || options->months != NULL))
    {
      ssa_cli_usage_error (command, _("--co-term sets the end: give neither --end nor "
                                      "--months with it"));
      return SSA_CLI_USAGE;
    }
  if ((options->labour_hours == NULL) != (options->labour_rate == NULL))
    {
      ssa_cli_usage_error (command, _("--labour-hours and --labour-rate must be given together"));
      return SSA_CLI_USAGE;
    }

  if (options->alternatives != NULL &&
      g_strv_length (options->alternatives) >= SSA_OFFER_MAX_ALTERNATIVES)
    {
      ssa_cli_usage_error (command, _("an offer has at most %d alternatives: give --alternative "
                                      "at most %d times"),
                           SSA_OFFER_MAX_ALTERNATIVES, SSA_OFFER_MAX_ALTERNATIVES - 1);
      return SSA_CLI_USAGE;
    }
  for (guint i = 0; options->alternatives != NULL && options->alternatives[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      SsaOfferAlternative alternative;

      if (!ssa_offer_alternative_parse (options->alternatives[i], &alternative, &error))
        {
          ssa_cli_usage_error (command, "--alternative %s: %s", options->alternatives[i],
                               error->message);
          return SSA_CLI_USAGE;
        }
    }

  /* Two documents cannot share standard output, nor one file. */
  n_outputs = collect_outputs (options, outputs);
  for (guint i = 0; i < n_outputs; i++)
    for (guint j = i + 1; j < n_outputs; j++)
      if (g_str_equal (outputs[i].path, outputs[j].path))
        {
          if (ssa_output_is_stdout (outputs[i].path))
            /* Translators: "--json and --pdf cannot both write to standard output (-)". */
            ssa_cli_usage_error (command, _("%s and %s cannot both write to standard output "
                                            "(-)"), outputs[i].option, outputs[j].option);
          else
            ssa_cli_usage_error (command, _("%s and %s name the same file"),
                                 outputs[i].option, outputs[j].option);
          return SSA_CLI_USAGE;
        }
  return SSA_CLI_OK;
}

/**
 * ssa_cli_check_output:
 * @option: the option, for the message ("--out")
 * @path: (nullable): its value; %NULL when it was not given
 *
 * Checks an output option before any work is done (ssa_output_check()): a path that leads
 * to the database or an input, a folder, a socket or a missing folder is refused.
 *
 * Returns: whether @path can be written; %FALSE after printing why
 */
gboolean
ssa_cli_check_output (const char *option,
                      const char *path)
{
  g_autoptr(GError) error = NULL;

  if (path == NULL || ssa_output_check (path, &error))
    return TRUE;
  ssa_cli_print_error (option, error);
  return FALSE;
}

/**
 * ssa_cli_quote_options_check_outputs:
 *
 * Checks every output option with ssa_cli_check_output(), reporting all the problems.
 * Call it once the database and the inputs are protected, before any work.
 *
 * Returns: %FALSE after printing why when any output is refused (exit %SSA_CLI_REFUSED)
 */
gboolean
ssa_cli_quote_options_check_outputs (SsaCliQuoteOptions *options)
{
  PendingOutput outputs[SSA_OFFER_N_FILES];
  guint n_outputs = collect_outputs (options, outputs);
  gboolean ok = TRUE;

  for (guint i = 0; i < n_outputs; i++)
    ok &= ssa_cli_check_output (outputs[i].option, outputs[i].path);
  return ok;
}

/**
 * ssa_cli_quote_options_use_stdout:
 *
 * Returns: whether an output option is "-": standard output then carries that document
 *   only, and the command prints nothing else there
 */
gboolean
ssa_cli_quote_options_use_stdout (const SsaCliQuoteOptions *options)
{
  return ssa_output_is_stdout (options->json) || ssa_output_is_stdout (options->xlsx) ||
         ssa_output_is_stdout (options->pdf);
}

static gboolean
parse_date_option (const char *option,
                   const char *value,
                   GDate      *out)
{
  g_autoptr(GError) error = NULL;

  if (value == NULL)
    return TRUE;
  if (!ssa_date_parse (value, out, &error))
    {
      ssa_cli_print_error (option, error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_decimal_option (const char *option,
                      const char *value,
                      gint64      max,
                      gint64     *out)
{
  g_autoptr(GError) error = NULL;

  if (!ssa_decimal_parse (value, out, &error))
    {
      ssa_cli_print_error (option, error);
      return FALSE;
    }
  if (*out > max)
    {
      g_autofree char *limit = ssa_decimal_format (max, ssa_lang_from_locale ());

      g_printerr (_("%s: %s is more than %s\n"), option, value, limit);
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_cli_quote_options_to_request:
 *
 * Converts the options into a request, printing one line on stderr for each bad value.
 *
 * Returns: %FALSE when any value is refused.
 */
gboolean
ssa_cli_quote_options_to_request (SsaCliQuoteOptions *options,
                                  SsaOfferRequest    *request)
{
  gboolean ok = TRUE;

  ssa_offer_request_init (request);

  ok &= parse_date_option ("--start", options->start, &request->start);
  ok &= parse_date_option ("--today", options->today, &request->today);
  if (options->end != NULL)
    {
      request->end_kind = SSA_OFFER_END_DATE;
      ok &= parse_date_option ("--end", options->end, &request->end);
    }

  if (options->co_term)
    request->end_kind = SSA_OFFER_END_CO_TERM;
  request->true_up = options->true_up;

  if (options->months != NULL)
    {
      guint64 months = 0;

      /* One offer covers at most SSA_OFFER_MAX_MONTHS; the calculator takes more from a
       * start long past, but the command line states one plain range, as the window does. */
      if (!g_ascii_string_to_unsigned (options->months, 10, 1, SSA_OFFER_MAX_MONTHS,
                                       &months, NULL))
        {
          g_printerr (_("--months: “%s” is not a whole number of months from 1 to %d\n"),
                      options->months, SSA_OFFER_MAX_MONTHS);
          ok = FALSE;
        }
      request->end_kind = SSA_OFFER_END_MONTHS;
      request->months = (int) months;
    }

  if (options->billing != NULL && !ssa_billing_from_string (options->billing, &request->billing))
    {
      g_printerr (_("--billing: “%s” is not a billing plan: use once, annual, quarterly or "
                    "monthly\n"), options->billing);
      ok = FALSE;
    }

  if (options->discount != NULL)
    ok &= parse_decimal_option ("--discount", options->discount, 100 * 100,
                                &request->discount_percent);

  if (options->labour_hours != NULL && options->labour_rate != NULL)
    {
      request->has_labour = TRUE;
      ok &= parse_decimal_option ("--labour-hours", options->labour_hours, G_MAXINT64,
                                  &request->labour_hours);
      ok &= parse_decimal_option ("--labour-rate", options->labour_rate, G_MAXINT64,
                                  &request->labour_rate);
    }

  if (options->lang != NULL && !g_str_equal (options->lang, "nb") &&
      !g_str_equal (options->lang, "en"))
    {
      g_printerr (_("--lang: “%s” is not a language of the documents: use nb or en\n"),
                  options->lang);
      ok = FALSE;
    }
  else if (options->lang != NULL)
    request->lang = ssa_lang_from_string (options->lang);

  /* Checked by ssa_cli_quote_options_check(). */
  for (guint i = 0; options->alternatives != NULL && options->alternatives[i] != NULL &&
       i < G_N_ELEMENTS (request->alternatives); i++)
    if (ssa_offer_alternative_parse (options->alternatives[i],
                                     &request->alternatives[request->n_alternatives], NULL))
      request->n_alternatives++;

  return ok;
}

void
ssa_cli_quote_options_clear (SsaCliQuoteOptions *options)
{
  g_clear_pointer (&options->start, g_free);
  g_clear_pointer (&options->end, g_free);
  g_clear_pointer (&options->months, g_free);
  g_clear_pointer (&options->today, g_free);
  g_clear_pointer (&options->billing, g_free);
  g_clear_pointer (&options->discount, g_free);
  g_clear_pointer (&options->labour_hours, g_free);
  g_clear_pointer (&options->labour_rate, g_free);
  g_clear_pointer (&options->json, g_free);
  g_clear_pointer (&options->xlsx, g_free);
  g_clear_pointer (&options->pdf, g_free);
  g_clear_pointer (&options->lang, g_free);
  g_clear_pointer (&options->alternatives, g_strfreev);
  options->co_term = FALSE;
  options->true_up = FALSE;
}

/**
 * ssa_cli_write_offer_files:
 * @options: the command's options
 * @json: (nullable): the JSON, when `--json` is given
 * @offer: the offer
 * @inventory: the installation it was computed for
 * @info: (nullable): what the documents show beyond the offer (the reseller's profile, the
 *   offer's number and date); %NULL for an unnumbered draft from the sample reseller.
 *   `--lang`, when given, overrides its language; without either the documents are in
 *   Bokmål.
 *
 * Writes what the options ask for through ssa_output_open(): the JSON (`--json`), the
 * workbook (`--xlsx`) and the printed offer (`--pdf`), each to its file or, for "-", to
 * standard output. All are written completely (files to temporary files beside them)
 * before any is committed, so a failure leaves no output file; standard output is
 * committed last, so it gets nothing when a file fails. The caller prints nothing else on
 * standard output when ssa_cli_quote_options_use_stdout().
 *
 * Returns: whether all were written; %FALSE after printing why
 */
gboolean
ssa_cli_write_offer_files (SsaCliQuoteOptions    *options,
                           const char            *json,
                           const SsaOffer        *offer,
                           const SsaInventory    *inventory,
                           const SsaDocumentInfo *info)
{
  static const char * const option_names[SSA_OFFER_N_FILES] = {
    [SSA_OFFER_FILE_JSON] = "--json",
    [SSA_OFFER_FILE_XLSX] = "--xlsx",
    [SSA_OFFER_FILE_PDF] = "--pdf",
  };
  g_autoptr(SsaDocumentInfo) document = NULL;
  g_autoptr(GError) error = NULL;
  SsaOfferFilePaths files = { { options->json, options->xlsx, options->pdf } };
  SsaOfferFile failed = SSA_OFFER_FILE_JSON;

  g_return_val_if_fail (options->json == NULL || json != NULL, FALSE);

  if (options->pdf != NULL || options->xlsx != NULL)
    {
      document = info != NULL ? ssa_document_info_copy (info) : ssa_document_info_new_sample ();
      if (options->lang != NULL)
        document->lang = ssa_lang_from_string (options->lang);
    }

  if (ssa_offer_files_write (&files, json, offer, inventory, document, &failed, &error))
    return TRUE;
  ssa_cli_print_error (option_names[failed], error);
  return FALSE;
}

/**
 * ssa_cli_write_offer_outputs:
 *
 * Writes the offer where the options ask for it: the files of ssa_cli_write_offer_files(),
 * as drafts from the sample reseller with @price_list's name, and the readable text on standard output unless an
 * option writes there ("-"). A failure leaves no output file and nothing on standard
 * output.
 *
 * Returns: %SSA_CLI_OK, or %SSA_CLI_REFUSED after printing why
 */
int
ssa_cli_write_offer_outputs (SsaCliQuoteOptions *options,
                             const SsaOffer     *offer,
                             const SsaInventory *inventory,
                             const SsaPriceList *price_list)
{
  /* The JSON only when it is asked for: it takes longer than the workbook to make. */
  g_autofree char *json = options->json != NULL ? ssa_offer_to_json (offer) : NULL;
  g_autoptr(SsaDocumentInfo) info = ssa_document_info_new_sample ();

  if (options->lang != NULL)
    info->lang = ssa_lang_from_string (options->lang);
  info->price_list_name = ssa_document_price_list_name (price_list, info->lang);

  if (!ssa_cli_write_offer_files (options, json, offer, inventory, info))
    return SSA_CLI_REFUSED;

  if (!ssa_cli_quote_options_use_stdout (options))
    {
      g_autofree char *text = ssa_cli_offer_to_text (offer, inventory, ssa_lang_from_locale ());

      fputs (text, stdout);
    }
  return SSA_CLI_OK;
}

/**
 * ssa_cli_print_error:
 * @prefix: (nullable): the file or option the error concerns
 * @error: the error, whose message may hold several lines
 *
 * Prints one line per problem on stderr, each starting with @prefix.
 */
void
ssa_cli_print_error (const char   *prefix,
                     const GError *error)
{
  g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);
  guint i;

  for (i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (prefix != NULL && !g_str_has_prefix (lines[i], prefix))
        g_printerr ("%s: %s\n", prefix, lines[i]);
      else
        g_printerr ("%s\n", lines[i]);
    }
}

/**
 * ssa_cli_print_request_error:
 * @command: the command, e.g. "quote" or "offer create"
 * @error: an %SSA_ERROR_REQUEST error of the calculator
 *
 * Prints a refused request on stderr, naming the option to change: the calculator names
 * the request's fields ("months: …"), the command line its options ("--months: …").
 */
void
ssa_cli_print_request_error (const char   *command,
                             const GError *error)
{
  static const struct
  {
    const char *field;
    const char *options;
  } fields[] = {
    { "start: ", "--start" },
    { "end: ", "--end" },
    { "months: ", "--months" },
    { "co-term: ", "--co-term" },
    { "discount: ", "--discount" },
    { "labour: ", "--labour-hours, --labour-rate" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_has_prefix (error->message, fields[i].field))
      {
        g_printerr ("%s: %s\n", fields[i].options,
                    error->message + strlen (fields[i].field));
        return;
      }
  g_printerr ("ssa-desk-cli %s: %s\n", command, error->message);
}

void
ssa_cli_usage_error (const char *command,
                     const char *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("ssa-desk-cli %s: %s\n", command, message);
  g_printerr (_("Try “ssa-desk-cli %s --help” for more information.\n"), command);
}

GOptionContext *
ssa_cli_option_context_new (const char *parameter,
                            const char *summary)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  return context;
}

/* A command's option context with its options: ssa_cli_option_context_new() and
 * @entries (nullable). */
GOptionContext *
ssa_cli_context_new (const char         *parameter,
                     const char         *summary,
                     const GOptionEntry *entries)
{
  GOptionContext *context = ssa_cli_option_context_new (parameter, summary);

  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Whether @command got @n_wanted arguments after its options; a usage error naming the
 * first one too many, or @what is missing, otherwise. */
gboolean
ssa_cli_expect_arguments (const char *command,
                          int         argc,
                          char      **argv,
                          int         n_wanted,
                          const char *what)
{
  if (argc - 1 == n_wanted)
    return TRUE;
  if (argc - 1 > n_wanted)
    ssa_cli_usage_error (command, _("unexpected argument “%s”"), argv[n_wanted + 1]);
  else
    ssa_cli_usage_error (command, _("missing %s"), what);
  return FALSE;
}

/* Prints what @builder built on standard output, indented by two, with a newline. */
void
ssa_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);
  fputs (text, stdout);
  fputc ('\n', stdout);
}

/**
 * ssa_cli_parse:
 * @context: the command's options
 * @command: the command as ssa_cli_usage_error() names it ("quote", "price-list fetch")
 * @argc: (inout): the number of arguments
 * @argv: (inout): the arguments; the options are removed from them
 *
 * Parses the command line; on a malformed one prints why and how to get help.
 *
 * Returns: %FALSE when the command line is malformed (exit %SSA_CLI_USAGE)
 */
gboolean
ssa_cli_parse (GOptionContext   *context,
               const char       *command,
               int              *argc,
               char           ***argv)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      ssa_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_cli_append_padded:
 * @out: the text being built
 * @text: (nullable): the text to append; %NULL is appended as an empty one
 * @width: the columns it fills at least
 * @right: whether to align it right (spaces first) rather than left
 *
 * Pads @text to @width columns counted in characters, not bytes (names hold æ, ø and å).
 */
void
ssa_cli_append_padded (GString    *out,
                       const char *text,
                       guint       width,
                       gboolean    right)
{
  glong length;
  glong pad;

  if (text == NULL)
    text = "";
  length = g_utf8_strlen (text, -1);
  pad = (glong) width > length ? (glong) width - length : 0;

  if (right)
    for (; pad > 0; pad--)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (; pad > 0; pad--)
      g_string_append_c (out, ' ');
}

/**
 * ssa_cli_print_price_list_summary:
 * @what: the file or URL the list came from
 * @price_list: a valid price list
 *
 * Prints what `check-price-list` and `fetch-price-list` print about a valid list.
 */
void
ssa_cli_print_price_list_summary (const char         *what,
                                  const SsaPriceList *price_list)
{
  SsaLang lang = ssa_lang_from_locale ();
  guint counts[SSA_N_KINDS] = { 0 };
  g_autofree char *ssc_price = NULL;
  guint i;

  for (i = 0; i < price_list->products->len; i++)
    {
      const SsaPriceListProduct *product = g_ptr_array_index (price_list->products, i);

      counts[product->kind]++;
    }

  ssc_price = ssa_money_format (price_list->ssc_price, price_list->currency, lang);
  g_print (_("%s: price list %s is valid\n"), what, price_list->id);
  if (ssa_date_is_set (&price_list->published))
    {
      g_autofree char *published = ssa_date_format (&price_list->published, lang);

      g_print (_("  Published:       %s\n"), published);
    }
  g_print (_("  Currency:        %s\n"), price_list->currency);
  g_print (_("  Price of 1 SSC:  %s\n"), ssc_price);
  g_print (_("  Products:        %u\n"), price_list->products->len);
  for (i = 0; i < SSA_N_KINDS; i++)
    if (counts[i] > 0)
      g_print ("    %-22s %u\n", ssa_kind_get_label ((SsaKind) i), counts[i]);
  g_print (_("  Versions:        %u\n"), price_list->versions->len);
}
