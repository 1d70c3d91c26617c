/* ssa-cli.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ssa-document.h"
#include "ssa-offer.h"
#include "ssa-price-list.h"

G_BEGIN_DECLS

/* Exit statuses of docs/formats.md. */
#define SSA_CLI_OK       0
#define SSA_CLI_REFUSED  1
#define SSA_CLI_USAGE    2

/* The options every command that computes an offer takes (quote, offer create, offer
 * revise), as the strings the user gave: they are checked by ssa_cli_quote_options_to_request()
 * so that a bad value is a refusal (exit 1), not a malformed command line (exit 2). */
typedef struct
{
  char *start;
  char *end;
  char *months;
  gboolean co_term;   /* --co-term: the end is the installation's SSA expiry */
  gboolean true_up;   /* --true-up: propose the licences the PBX reading says are missing */
  char *today;
  char *billing;
  char *discount;
  char *labour_hours;
  char *labour_rate;
  char *json;
  char *xlsx;
  char *pdf;
  char *lang;
  char **alternatives; /* --alternative SPEC, repeatable: checked as the command line is */
} SsaCliQuoteOptions;

GOptionGroup *ssa_cli_quote_options_group      (SsaCliQuoteOptions    *options);
void          ssa_cli_quote_options_add_entries (GOptionGroup        *group,
                                                SsaCliQuoteOptions    *options);
int           ssa_cli_quote_options_check      (SsaCliQuoteOptions    *options,
                                                const char            *command);
gboolean      ssa_cli_quote_options_to_request (SsaCliQuoteOptions    *options,
                                                SsaOfferRequest       *request);
void          ssa_cli_quote_options_clear      (SsaCliQuoteOptions    *options);
int           ssa_cli_write_offer_outputs      (SsaCliQuoteOptions    *options,
                                                const SsaOffer        *offer,
                                                const SsaInventory    *inventory,
                                                const SsaPriceList    *price_list);
gboolean      ssa_cli_write_offer_files        (SsaCliQuoteOptions    *options,
                                                const char            *json,
                                                const SsaOffer        *offer,
                                                const SsaInventory    *inventory,
                                                const SsaDocumentInfo *info);

/* Output options (ssa-output.h): checked before any work; "-" is standard output. */
gboolean      ssa_cli_quote_options_check_outputs (SsaCliQuoteOptions       *options);
gboolean      ssa_cli_quote_options_use_stdout    (const SsaCliQuoteOptions *options);
gboolean      ssa_cli_check_output                (const char               *option,
                                                   const char               *path);

void          ssa_cli_print_error              (const char            *prefix,
                                                const GError          *error);
void          ssa_cli_print_request_error      (const char            *command,
                                                const GError          *error);
void          ssa_cli_usage_error              (const char            *command,
                                                const char            *format,
                                                ...) G_GNUC_PRINTF (2, 3);
GOptionContext *ssa_cli_option_context_new     (const char            *parameter,
                                                const char            *summary);
GOptionContext *ssa_cli_context_new            (const char            *parameter,
                                                const char            *summary,
                                                const GOptionEntry    *entries);
gboolean      ssa_cli_expect_arguments         (const char            *command,
                                                int                    argc,
                                                char                 **argv,
                                                int                    n_wanted,
                                                const char            *what);
void          ssa_cli_print_json               (JsonBuilder           *builder);
gboolean      ssa_cli_parse                    (GOptionContext        *context,
                                                const char            *command,
                                                int                   *argc,
                                                char                ***argv);
void          ssa_cli_append_padded            (GString               *out,
                                                const char            *text,
                                                guint                  width,
                                                gboolean               right);
char         *ssa_cli_offer_to_text            (const SsaOffer        *offer,
                                                const SsaInventory    *inventory,
                                                SsaLang                lang);

int           ssa_cli_quote                    (int                    argc,
                                                char                 **argv);
int           ssa_cli_check_price_list         (int                    argc,
                                                char                 **argv);
int           ssa_cli_fetch_price_list         (int                    argc,
                                                char                 **argv);

/* The price list commands on the database (ssa-cli-fetch.c). @db_path is --db's FILE, or
 * NULL for the window's database; argv starts at the subcommand's name ("fetch", "diff"). */
int           ssa_cli_price_list_fetch         (const char            *db_path,
                                                int                    argc,
                                                char                 **argv);
int           ssa_cli_price_list_diff          (const char            *db_path,
                                                int                    argc,
                                                char                 **argv);
void          ssa_cli_print_price_list_summary (const char            *what,
                                                const SsaPriceList    *price_list);

G_END_DECLS
