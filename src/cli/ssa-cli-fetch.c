/* ssa-cli-fetch.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ssa-cli.h"
#include "ssa-cli-db.h"
#include "ssa-date.h"
#include "ssa-db-price-lists.h"
#include "ssa-db.h"
#include "ssa-fetcher.h"
#include "ssa-output.h"
#include "ssa-price-change.h"
#include "ssa-price-list-diff.h"
#include "ssa-price-list-update.h"
#include "ssa-refresh.h"

/* `fetch-price-list URL [--out FILE] [--timeout SECONDS]`, and on the database
 * `price-list fetch [URL] [--timeout SECONDS]` and `price-list diff [OLD NEW]`. The fetches
 * run the same asynchronous code as the window, on a main context iterated here until they
 * are done. Any failure is one line on stderr and exit status 1. */

#define MAX_TIMEOUT 3600

/* Iterates the thread-default main context until an asynchronous call has called back. */
static void
wait_cb (GObject      *source_object,
         GAsyncResult *res,
         gpointer      user_data)
{
  GAsyncResult **result = user_data;

  *result = g_object_ref (res);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* Prints one line: a message of the core library names its URL or file and what to do. */
static void
print_failure (const GError *error)
{
  g_autofree char *line = g_strdup (error->message);

  g_strdelimit (line, "\n", ' ');
  g_printerr ("%s\n", line);
}

static gboolean
parse_timeout (const char *text,
               guint      *out)
{
  guint64 value = SSA_FETCHER_DEFAULT_TIMEOUT;

  if (text != NULL &&
      !g_ascii_string_to_unsigned (text, 10, 1, MAX_TIMEOUT, &value, NULL))
    {
      g_printerr (_("--timeout: “%s” is not a whole number of seconds from 1 to %d\n"),
                  text, MAX_TIMEOUT);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

int
ssa_cli_fetch_price_list (int    argc,
                          char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out_path = NULL;
  g_autofree char *timeout_text = NULL;
  g_autoptr(SsaFetcher) fetcher = NULL;
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(SsaFetchResult) result = NULL;
  guint timeout;
  const GOptionEntry entries[] = {
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path,
      N_("Write the price list to FILE, exactly as received, or to standard output with -"),
      N_("FILE") },
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &timeout_text,
      N_("Give up after this many seconds (default: 30)"), N_("SECONDS") },
    { NULL }
  };

  context = ssa_cli_option_context_new (_("URL"),
                                        _("Downloads a price list (ssa-desk-pricelist/1) over "
                                          "HTTPS, checks it against every rule of the format "
                                          "and prints a summary. Nothing is stored in the "
                                          "database."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!ssa_cli_parse (context, "fetch-price-list", &argc, &argv))
    return SSA_CLI_USAGE;
  if (argc != 2)
    {
      ssa_cli_usage_error ("fetch-price-list", _("give exactly one URL"));
      return SSA_CLI_USAGE;
    }
  if (!parse_timeout (timeout_text, &timeout) || !ssa_cli_check_output ("--out", out_path))
    return SSA_CLI_REFUSED;
  if (!ssa_fetcher_check_url (argv[1], &error))
    {
      print_failure (error);
      return SSA_CLI_REFUSED;
    }

  /* The same login from the keyring as `price-list fetch`, but no conditions: nothing is
   * compared with the stored list. */
  fetcher = ssa_fetcher_new ();
  ssa_fetcher_set_timeout (fetcher, timeout);
  ssa_price_list_fetch_async (fetcher, argv[1], NULL, SSA_PRICE_LIST_UPDATE_FLAGS_NONE, NULL,
                              wait_cb, &async_result);
  result = ssa_price_list_fetch_finish (wait_for (&async_result), &error);
  if (result == NULL)
    {
      print_failure (error);
      return SSA_CLI_REFUSED;
    }

  /* No conditions were sent: every success is a new, checked list. */
  g_assert (result->outcome == SSA_FETCH_OUTCOME_NEW);

  if (out_path != NULL)
    {
      gsize length;
      const char *data = g_bytes_get_data (result->bytes, &length);

      if (!ssa_output_replace_contents (out_path, data != NULL ? data : "", length, &error))
        {
          print_failure (error);
          return SSA_CLI_REFUSED;
        }
    }

  /* With "-" standard output carries the list only. */
  if (!ssa_output_is_stdout (out_path))
    ssa_cli_print_price_list_summary (argv[1], result->price_list);
  return SSA_CLI_OK;
}

/**
 * ssa_cli_price_list_fetch:
 * @db_path: (nullable): the database file of --db, or %NULL for the window's
 * @argc: the number of arguments
 * @argv: the arguments, from "fetch" on
 *
 * `ssa-desk-cli [--db FILE] price-list fetch [URL] [--timeout SECONDS]`: fetches the price
 * list at URL (default: the price-list-url setting) and stores it as the current list when
 * it is valid and new.
 */
int
ssa_cli_price_list_fetch (const char  *db_path,
                          int          argc,
                          char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *timeout_text = NULL;
  g_autofree char *url = NULL;
  g_autoptr(SsaFetcher) fetcher = NULL;
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(SsaPriceListUpdate) update = NULL;
  g_autoptr(SsaDb) db = NULL;
  guint timeout;
  const GOptionEntry entries[] = {
    { "timeout", 0, 0, G_OPTION_ARG_STRING, &timeout_text,
      N_("Give up after this many seconds (default: 30)"), N_("SECONDS") },
    { NULL }
  };

  g_set_prgname ("ssa-desk-cli price-list fetch");
  context = ssa_cli_option_context_new (_("[URL]"),
                                        _("Fetches the price list from URL, or from the "
                                          "address set in the preferences, and stores it as "
                                          "the current price list when it is valid and new. "
                                          "A list that fails any check never replaces the "
                                          "current one."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!ssa_cli_parse (context, "price-list fetch", &argc, &argv))
    return SSA_CLI_USAGE;
  if (argc > 2)
    {
      ssa_cli_usage_error ("price-list fetch", _("unexpected argument “%s”"), argv[2]);
      return SSA_CLI_USAGE;
    }
  if (!parse_timeout (timeout_text, &timeout))
    return SSA_CLI_REFUSED;

  url = argc == 2 ? g_strdup (argv[1]) : ssa_refresh_dup_configured_url ();
  if (url == NULL)
    {
      g_printerr ("%s\n", _("No price list address is configured: give one, as in "
                            "“ssa-desk-cli price-list fetch URL”, or set it in the "
                            "preferences. The bundled sample price list stays current."));
      return SSA_CLI_REFUSED;
    }

  /* The update opens the database in its own thread: refuse a read-only or damaged one,
   * and take the daily backup, before anything is downloaded. */
  db = ssa_cli_db_open_for_writing ("price-list fetch");
  if (db == NULL)
    return SSA_CLI_REFUSED;
  g_clear_pointer (&db, ssa_db_close);

  fetcher = ssa_fetcher_new ();
  ssa_fetcher_set_timeout (fetcher, timeout);
  ssa_price_list_update_async (fetcher, db_path, url, SSA_PRICE_LIST_UPDATE_FLAGS_NONE, NULL,
                               wait_cb, &async_result);
  update = ssa_price_list_update_finish (wait_for (&async_result), &error);
  if (update == NULL)
    {
      print_failure (error);
      return SSA_CLI_REFUSED;
    }

  switch (update->outcome)
    {
    case SSA_PRICE_LIST_UPDATE_STORED:
      g_print (_("New price list %s stored as #%lld; it is now the current price list.\n"),
               update->current->list_id, (long long) update->current->row_id);
      break;

    case SSA_PRICE_LIST_UPDATE_RESTORED:
      g_print (_("Price list %s was stored before, as #%lld; it is the current price list "
                 "again.\n"), update->current->list_id, (long long) update->current->row_id);
      break;

    case SSA_PRICE_LIST_UPDATE_NOT_MODIFIED:
      g_print (_("Unchanged (the server answered 304 Not Modified): price list %s (#%lld) "
                 "stays current.\n"),
               update->current->list_id, (long long) update->current->row_id);
      break;

    case SSA_PRICE_LIST_UPDATE_SAME_CONTENT:
    default:
      g_print (_("Unchanged (the same content as the current price list): price list %s "
                 "(#%lld) stays current.\n"),
               update->current->list_id, (long long) update->current->row_id);
      break;
    }
  return SSA_CLI_OK;
}

/* `price-list diff` */

/* A stored list named by its row number ("3" or "#3") or by its document id ("2026-12": the
 * most recently stored list with that id). */
static gboolean
resolve_stored_list (SsaDb      *db,
                     const char *name,
                     gint64     *out_row_id)
{
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GError) error = NULL;
  const char *number = name[0] == '#' ? name + 1 : name;
  guint64 row = 0;

  lists = ssa_db_list_price_lists (db, &error);
  if (lists == NULL)
    {
      print_failure (error);
      return FALSE;
    }

  if (g_ascii_string_to_unsigned (number, 10, 1, G_MAXINT64, &row, NULL))
    for (guint i = 0; i < lists->len; i++)
      {
        SsaDbPriceListInfo *info = g_ptr_array_index (lists, i);

        if (info->row_id == (gint64) row)
          {
            *out_row_id = info->row_id;
            return TRUE;
          }
      }

  for (guint i = 0; i < lists->len; i++)
    {
      SsaDbPriceListInfo *info = g_ptr_array_index (lists, i);

      if (g_strcmp0 (info->list_id, name) == 0)
        {
          *out_row_id = info->row_id;
          return TRUE;
        }
    }

  g_printerr (_("price-list diff: there is no stored price list “%s”: give its number (as "
                "“price-list fetch” prints it) or its id\n"), name);
  return FALSE;
}

static void
print_change (SsaPriceChange *change)
{
  const char *label = ssa_price_change_get_label (change);
  const char *code = ssa_price_change_get_code (change);
  const char *name = ssa_price_change_get_name (change);
  const char *old_text = ssa_price_change_get_old_text (change);
  const char *new_text = ssa_price_change_get_new_text (change);
  g_autofree char *subject = NULL;

  if (code != NULL)
    subject = g_strdup_printf ("%s %s: ", code, name != NULL ? name : "");
  else
    subject = g_strdup ("");

  switch (ssa_price_change_get_kind (change))
    {
    case SSA_PRICE_CHANGE_ADDED:
      g_print ("  %s: %s%s\n", label, subject, new_text);
      break;

    case SSA_PRICE_CHANGE_REMOVED:
      g_print ("  %s: %s%s\n", label, subject, old_text);
      break;

    default:
      g_print ("  %s: %s%s → %s\n", label, subject, old_text, new_text);
      break;
    }
}

/**
 * ssa_cli_price_list_diff:
 * @db_path: (nullable): the database file of --db, or %NULL for the window's
 * @argc: the number of arguments
 * @argv: the arguments, from "diff" on
 *
 * `ssa-desk-cli [--db FILE] price-list diff [OLD NEW]`: prints what changed from one stored
 * price list to another, by default from the previous list to the current one.
 */
int
ssa_cli_price_list_diff (const char  *db_path,
                         int          argc,
                         char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaDb) db = NULL;
  g_autoptr(SsaPriceListDiff) diff = NULL;
  g_autoptr(GListModel) changes = NULL;
  gint64 old_row = 0;
  gint64 new_row = 0;
  guint n_changes;

  g_set_prgname ("ssa-desk-cli price-list diff");
  context = ssa_cli_option_context_new (_("[OLD NEW]"),
                                        _("Prints what changed from one stored price list to "
                                          "another: products added and removed, list prices, "
                                          "SSC per year and the price of one SSC. Name a list "
                                          "by its number or its id; without them, the previous "
                                          "list is compared with the current one."));

  if (!ssa_cli_parse (context, "price-list diff", &argc, &argv))
    return SSA_CLI_USAGE;
  if (argc != 1 && argc != 3)
    {
      ssa_cli_usage_error ("price-list diff", _("give two price lists, or none"));
      return SSA_CLI_USAGE;
    }

  db = ssa_db_open (db_path, SSA_DB_OPEN_READ_ONLY, &error);
  if (db == NULL)
    {
      print_failure (error);
      return SSA_CLI_REFUSED;
    }

  if (argc == 3)
    {
      if (!resolve_stored_list (db, argv[1], &old_row) ||
          !resolve_stored_list (db, argv[2], &new_row))
        return SSA_CLI_REFUSED;
    }
  else if (!ssa_price_list_find_previous (db, &old_row, &new_row, &error))
    {
      print_failure (error);
      return SSA_CLI_REFUSED;
    }

  diff = ssa_price_list_diff_stored (db, old_row, new_row, &error);
  if (diff == NULL)
    {
      print_failure (error);
      return SSA_CLI_REFUSED;
    }

  changes = ssa_price_list_diff_list_changes (diff, ssa_lang_from_locale ());
  n_changes = g_list_model_get_n_items (changes);

  g_print (_("Price list %s (#%lld) → %s (#%lld): "),
           diff->old_id, (long long) old_row, diff->new_id, (long long) new_row);
  if (n_changes == 0)
    {
      g_print ("%s\n", _("no changes"));
      return SSA_CLI_OK;
    }
  g_print (ngettext ("%u product added, ", "%u products added, ", diff->n_added),
           diff->n_added);
  g_print (ngettext ("%u removed, ", "%u removed, ", diff->n_removed), diff->n_removed);
  g_print (ngettext ("%u changed\n", "%u changed\n", diff->n_changed), diff->n_changed);

  for (guint i = 0; i < n_changes; i++)
    {
      g_autoptr(SsaPriceChange) change = g_list_model_get_item (changes, i);

      print_change (change);
    }
  return SSA_CLI_OK;
}
