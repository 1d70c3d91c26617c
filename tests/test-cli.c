/* test-cli.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-cli-util.h"
#include "test-util.h"

/* The command-line contract of docs/formats.md, run against the built ssa-desk-cli:
 * exit statuses 0 / 1 (an input refused) / 2 (a malformed command line), one line per
 * problem on stderr naming the file or option and the field, nothing on stdout and no
 * output file (not even a temporary one) on refusal, and the offer JSON of the worked
 * examples. */

typedef struct
{
  char *cli;          /* NULL when it was not built */
  char *price_list;   /* data/sample-price-list.json */
  char *samples;      /* data/sample-installations */
  char *inputs;       /* a temporary folder of test inputs */
  char *work;         /* a temporary folder, the command's working directory */
} Fixture;

/* A price list with three problems: currency, ssc_price and products[0]'s list_price. */
static const char broken_price_list[] =
  "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"broken\", \"currency\": \"nok\","
  "  \"ssc_price\": \"0\","
  "  \"products\": [ { \"code\": \"02-00039-002\", \"name\": \"PBX-Port14\", \"kind\": \"port\","
  "                   \"list_price\": \"450.001\" } ] }\n";

/* A price list whose only problem is a duplicate code, after an invalid first product. */
static const char duplicate_price_list[] =
  "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"dup\", \"currency\": \"NOK\","
  "  \"ssc_price\": \"11.50\","
  "  \"products\": ["
  "    { \"code\": \"02-00039-002\", \"name\": \"PBX-Port14\", \"kind\": \"port\","
  "      \"list_price\": \"-450\" },"
  "    { \"code\": \"02-00039-002\", \"name\": \"PBX-Port14 again\", \"kind\": \"port\","
  "      \"list_price\": \"450\" } ] }\n";

/* An installation with three problems: deployment, ssa_expiry and licenses[0]'s quantity. */
static const char broken_installation[] =
  "{ \"format\": \"ssa-desk-installation/1\", \"deployment\": \"cloud\","
  "  \"ssa_expiry\": \"2026-02-30\","
  "  \"licenses\": [ { \"code\": \"02-00039-002\", \"quantity\": 0 } ] }\n";

/* licenses[1] is not in the price list and does not say kind third_party. */
static const char unknown_code_installation[] =
  "{ \"format\": \"ssa-desk-installation/1\", \"deployment\": \"appliance\","
  "  \"firmware\": \"16r1\", \"ssa_expiry\": \"2026-12-31\","
  "  \"licenses\": [ { \"code\": \"02-00039-002\", \"quantity\": 20 },"
  "                  { \"code\": \"99-99999-999\", \"quantity\": 1 } ] }\n";

/* products[1] gives list_price twice: json-glib alone would keep the second silently. */
static const char duplicate_key_price_list[] =
  "{ \"format\": \"ssa-desk-pricelist/1\", \"id\": \"dup-key\", \"currency\": \"NOK\","
  "  \"ssc_price\": \"11.50\","
  "  \"products\": ["
  "    { \"code\": \"02-00039-002\", \"name\": \"PBX-Port14\", \"kind\": \"port\","
  "      \"list_price\": \"450\" },"
  "    { \"code\": \"02-00039-101\", \"name\": \"PBX-Voicemail14\", \"kind\": \"port\","
  "      \"list_price\": \"120\",\n      \"list_price\": \"1.20\" } ] }\n";

/* customer.name twice, the second written with an escape: the same key. */
static const char duplicate_key_installation[] =
  "{ \"format\": \"ssa-desk-installation/1\", \"deployment\": \"appliance\","
  "  \"customer\": { \"name\": \"Fjordkraft Eiendom AS\", \"n\\u0061me\": \"Someone else\" },"
  "  \"licenses\": [ { \"code\": \"02-00039-002\", \"quantity\": 20 } ] }\n";

/* JSON with a comment, which json-glib alone would accept. */
static const char comment_installation[] =
  "{ \"format\": \"ssa-desk-installation/1\", \"deployment\": \"appliance\","
  "  /* twenty ports */ \"licenses\": [ { \"code\": \"02-00039-002\", \"quantity\": 20 } ] }\n";

static void
write_input (Fixture    *f,
             const char *name,
             const char *contents)
{
  g_autofree char *path = g_build_filename (f->inputs, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  /* Absolute: the command runs in another working directory. */
  g_autofree char *cli = test_cli_path ();
  g_autoptr(GError) error = NULL;

  if (g_file_test (cli, G_FILE_TEST_IS_EXECUTABLE))
    f->cli = g_steal_pointer (&cli);
  else
    g_test_fail_printf ("%s was not built", cli);

  f->price_list = test_cli_source_path ("data", "sample-price-list.json", NULL);
  f->samples = test_cli_source_path ("data", "sample-installations", NULL);
  g_assert_true (g_file_test (f->price_list, G_FILE_TEST_IS_REGULAR));

  f->inputs = g_dir_make_tmp ("ssa-cli-inputs-XXXXXX", &error);
  g_assert_no_error (error);
  f->work = g_dir_make_tmp ("ssa-cli-work-XXXXXX", &error);
  g_assert_no_error (error);

  write_input (f, "broken-price-list.json", broken_price_list);
  write_input (f, "duplicate-price-list.json", duplicate_price_list);
  write_input (f, "broken-installation.json", broken_installation);
  write_input (f, "unknown-code.json", unknown_code_installation);
  write_input (f, "not-json.json", "this is not JSON\n");
  write_input (f, "quantity-1000001.json",
               "{ \"format\": \"ssa-desk-installation/1\", \"deployment\": \"appliance\","
               "  \"licenses\": [ { \"code\": \"02-00039-002\", \"quantity\": 1000001 } ] }\n");
  write_input (f, "expiry-1899.json",
               "{ \"format\": \"ssa-desk-installation/1\", \"deployment\": \"appliance\","
               "  \"ssa_expiry\": \"1899-12-31\","
               "  \"licenses\": [ { \"code\": \"02-00039-002\", \"quantity\": 1 } ] }\n");
  {
    g_autoptr(GString) lines = g_string_new ("{ \"format\": \"ssa-desk-installation/1\", "
                                             "\"deployment\": \"appliance\", \"licenses\": [");

    /* One more than the limit, the last of them bad: refused for the limit alone. */
    for (guint i = 0; i < 10000; i++)
      g_string_append (lines, "{ \"code\": \"02-00039-002\", \"quantity\": 1 },");
    g_string_append (lines, "{ \"code\": \"02-00039-002\", \"quantity\": 0 } ] }\n");
    write_input (f, "lines-10001.json", lines->str);
  }
  write_input (f, "duplicate-key-price-list.json", duplicate_key_price_list);
  write_input (f, "duplicate-key-installation.json", duplicate_key_installation);
  write_input (f, "comment-installation.json", comment_installation);
  /* An installation the outputs may be pointed at: a copy, never the source tree's. */
  {
    g_autofree char *sample = g_build_filename (f->samples, "lapsed.json", NULL);
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (sample, &contents, NULL, NULL));
    write_input (f, "lapsed-copy.json", contents);
  }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  test_remove_tree (f->inputs);
  test_remove_tree (f->work);
  g_free (f->cli);
  g_free (f->price_list);
  g_free (f->samples);
  g_free (f->inputs);
  g_free (f->work);
}

/* Placeholders in arguments: "@PL" is the sample price list, "@S/name" a sample
 * installation, "@IN/name" a file of the inputs folder, "@IN../name" the same file by way of
 * "..". */
static char *
expand (gconstpointer  fixture,
        const char    *arg)
{
  const Fixture *f = fixture;

  if (g_str_equal (arg, "@PL"))
    return g_strdup (f->price_list);
  if (g_str_has_prefix (arg, "@S/"))
    return g_build_filename (f->samples, arg + 3, NULL);
  if (g_str_has_prefix (arg, "@IN../"))
    {
      g_autofree char *base = g_path_get_basename (f->inputs);

      return g_build_filename (f->inputs, "..", base, arg + 6, NULL);
    }
  if (g_str_has_prefix (arg, "@IN/"))
    return g_build_filename (f->inputs, arg + 4, NULL);
  return g_strdup (arg);
}

/* Runs ssa-desk-cli with @args (NULL-terminated) in the work folder, in English, after
 * @setup (nullable) in the child. */
static gboolean
run_cli_full (const Fixture        *f,
              const char * const   *args,
              GSpawnChildSetupFunc  setup,
              gpointer              setup_data,
              TestCliRun           *run)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;

  test_cli_run_clear (run);
  run->status = -1;
  if (f->cli == NULL)
    return FALSE;

  argv = test_cli_build_argv (f->cli, args, expand, f);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_unsetenv (envp, "LANGUAGE");

  if (!test_cli_spawn (f->work, argv, envp, setup, setup_data, 0, run, &error))
    {
      g_test_fail_printf ("could not run %s: %s", f->cli, error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_cli (const Fixture      *f,
         const char * const *args,
         TestCliRun         *run)
{
  return run_cli_full (f, args, NULL, NULL, run);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names of the files in the work folder (hidden ones too), sorted, comma-separated. */
static char *
list_work (const Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->work, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (",", (char **) names->pdata);
}

static GStrv
stderr_lines (const TestCliRun *run)
{
  g_auto(GStrv) all = g_strsplit (run->err != NULL ? run->err : "", "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; all[i] != NULL; i++)
    if (all[i][0] != '\0')
      g_strv_builder_add (builder, all[i]);
  return g_strv_builder_end (builder);
}

/* @text on one line (a TAP message cannot span lines), cut to a readable length. */
static char *
flatten (const char *text)
{
  const glong max_chars = 300;
  char *flat = g_strdelimit (g_strdup (text != NULL ? text : "(null)"), "\n", '|');

  if (g_utf8_strlen (flat, -1) > max_chars)
    {
      char *cut = g_utf8_substring (flat, 0, max_chars);

      g_free (flat);
      flat = g_strconcat (cut, "…", NULL);
      g_free (cut);
    }
  return flat;
}

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *h_ = (haystack); \
    if (h_ == NULL || strstr (h_, (needle)) == NULL) \
      { \
        g_autofree char *flat_ = flatten (h_); \
        g_test_fail_printf ("“%s” does not contain “%s”", flat_, (needle)); \
      } \
  } G_STMT_END

/* ---- Refusals and malformed command lines ----------------------------------------- */

#define MAX_ARGS 24
#define MAX_NEEDLES 8

typedef struct
{
  const char *name;
  const char *args[MAX_ARGS];
  int         status;
  guint       n_lines;              /* stderr lines, one per problem; 0: not checked */
  const char *prefix;               /* what every stderr line starts with, or NULL */
  const char *needles[MAX_NEEDLES]; /* each must appear on stderr */
} Case;

#define QUOTE_LAPSED \
  "quote", "--price-list", "@PL", "--installation", "@S/lapsed.json", "--today", "2026-11-28"
#define QUOTE_LAPSED_NO_TODAY \
  "quote", "--price-list", "@PL", "--installation", "@S/lapsed.json"
#define JSON_OUT "--json", "out.json"

static const Case refusals[] = {
  /* A refusal leaves none of the requested documents behind, not even a temporary one. */
  { "bad-today-with-documents", { QUOTE_LAPSED_NO_TODAY, "--today", "2026-02-30", JSON_OUT,
                                  "--xlsx", "out.xlsx", "--pdf", "out.pdf" },
    1, 1, "--today", { "2026-02-30" } },
  { "saas-with-documents", { "quote", "--price-list", "@PL", "--installation", "@S/saas.json",
                             "--xlsx", "out.xlsx", "--pdf", "out.pdf" },
    1, 1, "@S/saas.json", { "deployment" } },
  { "bad-lang-with-documents", { QUOTE_LAPSED, "--lang", "de", "--pdf", "out.pdf" },
    1, 1, "--lang", { "de" } },
  { "bad-today", { QUOTE_LAPSED_NO_TODAY, "--today", "2026-02-30", JSON_OUT },
    1, 1, "--today", { "2026-02-30" } },
  /* A lapsed SSA has no end to top up to: said in words, naming the option. */
  { "co-term-lapsed", { QUOTE_LAPSED, "--co-term", JSON_OUT },
    1, 1, "--co-term", { "ended on 2026-06-30", "renewal offer" } },
  { "bad-today-form", { QUOTE_LAPSED_NO_TODAY, "--today", "28.11.2026", JSON_OUT },
    1, 1, "--today", { "28.11.2026" } },
  { "bad-start", { QUOTE_LAPSED, "--start", "2026-13-01", JSON_OUT },
    1, 1, "--start", { "2026-13-01" } },
  { "bad-end", { QUOTE_LAPSED, "--end", "2027-1-01", JSON_OUT },
    1, 1, "--end", { "2027-1-01" } },
  { "months-0", { QUOTE_LAPSED, "--months", "0", JSON_OUT },
    1, 1, "--months", { NULL } },
  { "months-not-a-number", { QUOTE_LAPSED, "--months", "twelve", JSON_OUT },
    1, 1, "--months", { "twelve" } },
  { "months-negative", { QUOTE_LAPSED, "--months=-12", JSON_OUT },
    1, 1, "--months", { NULL } },
  { "discount-150", { QUOTE_LAPSED, "--discount", "150", JSON_OUT },
    1, 1, "--discount", { "150" } },
  { "discount-negative", { QUOTE_LAPSED, "--discount=-5", JSON_OUT },
    1, 1, "--discount", { NULL } },
  { "discount-comma", { QUOTE_LAPSED, "--discount", "1,5", JSON_OUT },
    1, 1, "--discount", { "1,5" } },
  { "billing-unknown", { QUOTE_LAPSED, "--billing", "weekly", JSON_OUT },
    1, 1, "--billing", { "weekly" } },
  { "labour-rate-bad", { QUOTE_LAPSED, "--labour-hours", "2", "--labour-rate", "abc", JSON_OUT },
    1, 1, "--labour-rate", { "abc" } },
  { "labour-hours-bad", { QUOTE_LAPSED, "--labour-hours", "2,5", "--labour-rate", "1350",
                          JSON_OUT },
    1, 1, "--labour-hours", { "2,5" } },
  { "lang-unknown", { QUOTE_LAPSED, "--lang", "de", JSON_OUT },
    1, 1, "--lang", { "de" } },
  { "broken-price-list", { "quote", "--price-list", "@IN/broken-price-list.json",
                           "--installation", "@S/lapsed.json", "--today", "2026-11-28",
                           JSON_OUT },
    1, 3, "@IN/broken-price-list.json",
    { "currency", "ssc_price", "products[0]", "list_price" } },
  { "price-list-not-json", { "quote", "--price-list", "@IN/not-json.json",
                             "--installation", "@S/lapsed.json", JSON_OUT },
    1, 1, "@IN/not-json.json", { NULL } },
  { "price-list-missing", { "quote", "--price-list", "@IN/missing.json",
                            "--installation", "@S/lapsed.json", JSON_OUT },
    1, 1, "@IN/missing.json", { NULL } },
  { "price-list-is-installation", { "quote", "--price-list", "@S/lapsed.json",
                                    "--installation", "@S/lapsed.json", JSON_OUT },
    1, 1, "@S/lapsed.json", { "format" } },
  { "broken-installation", { "quote", "--price-list", "@PL",
                             "--installation", "@IN/broken-installation.json",
                             "--today", "2026-11-28", JSON_OUT },
    1, 3, "@IN/broken-installation.json",
    { "deployment", "ssa_expiry", "licenses[0]", "quantity" } },
  { "saas", { "quote", "--price-list", "@PL", "--installation", "@S/saas.json",
              "--today", "2026-11-28", JSON_OUT },
    1, 1, "@S/saas.json", { "deployment" } },
  { "saas-json-stdout", { "quote", "--price-list", "@PL", "--installation", "@S/saas.json",
                          "--today", "2026-11-28", "--json", "-" },
    1, 1, "@S/saas.json", { "deployment" } },
  { "code-not-in-price-list", { "quote", "--price-list", "@PL",
                                "--installation", "@IN/unknown-code.json",
                                "--today", "2026-11-28", JSON_OUT },
    1, 1, "@IN/unknown-code.json", { "licenses[1]", "99-99999-999" } },
  { "period-ended", { QUOTE_LAPSED, "--start", "2026-01-01", "--end", "2026-06-30",
                      JSON_OUT },
    1, 1, NULL, { "end" } },
  { "end-before-start", { QUOTE_LAPSED, "--start", "2027-06-01", "--end", "2027-05-31",
                          JSON_OUT },
    1, 1, NULL, { "end" } },
  { "too-long", { QUOTE_LAPSED, "--start", "2027-01-01", "--end", "2037-01-01", JSON_OUT },
    1, 1, "--end", { "120 months" } },
  /* Each refused value is blamed on the option that gave it. */
  { "months-121", { QUOTE_LAPSED, "--months", "121", JSON_OUT },
    1, 1, "--months", { "121", "1 to 120" } },
  { "months-period-ended", { QUOTE_LAPSED, "--start", "2020-01-01", "--months", "3",
                             JSON_OUT },
    1, 1, "--months", { "ended" } },
  { "default-period-ended", { QUOTE_LAPSED, "--start", "2020-01-01", JSON_OUT },
    1, 1, "--start", { "ended" } },
  { "labour-too-large", { QUOTE_LAPSED, "--labour-hours", "1000000000",
                          "--labour-rate", "1000000000", JSON_OUT },
    1, 1, "--labour-hours", { "--labour-rate", "too large" } },
  /* A key given twice is refused with its path, also when written with an escape. */
  { "price-list-duplicate-key", { "quote", "--price-list", "@IN/duplicate-key-price-list.json",
                                  "--installation", "@S/lapsed.json", JSON_OUT },
    1, 1, "@IN/duplicate-key-price-list.json",
    { "products[1].list_price", "twice", "line 2" } },
  { "installation-duplicate-key", { "quote", "--price-list", "@PL", "--installation",
                                    "@IN/duplicate-key-installation.json", JSON_OUT },
    1, 1, "@IN/duplicate-key-installation.json", { "customer.name", "twice" } },
  { "installation-comment", { "quote", "--price-list", "@PL", "--installation",
                              "@IN/comment-installation.json", JSON_OUT },
    1, 1, "@IN/comment-installation.json", { "not valid JSON", "comments" } },
  /* The output file cannot be written: nothing is left behind either. */
  { "json-unwritable", { QUOTE_LAPSED, "--json", "no-such-folder/out.json" },
    1, 1, "--json", { "no-such-folder" } },
  /* The limits (ssa-limits.h), named in the message. */
  { "today-9999-12-31", { QUOTE_LAPSED_NO_TODAY, "--today", "9999-12-31", JSON_OUT },
    1, 1, NULL, { "year 10000", "1900-01-01 to 9999-12-31" } },
  { "today-1899", { QUOTE_LAPSED_NO_TODAY, "--today", "1899-12-31", JSON_OUT },
    1, 1, "--today", { "1899-12-31", "1900-01-01 to 9999-12-31" } },
  { "start-10000", { QUOTE_LAPSED, "--start", "10000-01-01", JSON_OUT },
    1, 1, "--start", { "10000-01-01", "1900-01-01 to 9999-12-31" } },
  { "lines-10001", { "quote", "--price-list", "@PL", "--installation", "@IN/lines-10001.json",
                     "--today", "2026-11-28", JSON_OUT },
    1, 1, "@IN/lines-10001.json", { "10001 licence lines", "10000" } },
  { "quantity-1000001", { "quote", "--price-list", "@PL", "--installation",
                          "@IN/quantity-1000001.json", "--today", "2026-11-28", JSON_OUT },
    1, 1, "@IN/quantity-1000001.json", { "licenses[0]", "1 000 000" } },
  { "expiry-1899", { "quote", "--price-list", "@PL", "--installation", "@IN/expiry-1899.json",
                     "--today", "2026-11-28", JSON_OUT },
    1, 1, "@IN/expiry-1899.json", { "ssa_expiry", "1899-12-31", "1900-01-01" } },
  /* An output that would replace an input of the command, or a folder: refused before
   * anything is computed. */
  { "xlsx-is-input", { "quote", "--price-list", "@PL", "--installation", "@IN/lapsed-copy.json",
                       "--today", "2026-11-28", "--xlsx", "@IN/lapsed-copy.json" },
    1, 1, "--xlsx", { "lapsed-copy.json", "is an input of this command" } },
  { "pdf-leads-to-input", { "quote", "--price-list", "@PL",
                            "--installation", "@IN/lapsed-copy.json", "--today", "2026-11-28",
                            "--pdf", "@IN../lapsed-copy.json" },
    1, 1, "--pdf", { "an input of this command" } },
  { "pdf-is-folder", { QUOTE_LAPSED, "--pdf", "." },
    1, 1, "--pdf", { "is a folder" } },
  /* Every problem of one run is reported, one a line. */
  { "several-problems", { "quote", "--price-list", "@IN/broken-price-list.json",
                          "--installation", "@IN/broken-installation.json",
                          "--today", "2026-02-30", "--billing", "weekly", JSON_OUT },
    1, 8, NULL,
    { "--today", "--billing", "currency", "ssc_price", "list_price", "deployment",
      "ssa_expiry", "quantity" } },
};

static const Case usage_errors[] = {
  { "no-command", { NULL }, 2, 0, NULL, { NULL } },
  { "unknown-command", { "frobnicate", JSON_OUT }, 2, 0, NULL, { "frobnicate" } },
  { "unknown-option", { QUOTE_LAPSED, "--frob", JSON_OUT }, 2, 0, NULL, { "--frob" } },
  { "missing-price-list", { "quote", "--installation", "@S/lapsed.json", JSON_OUT },
    2, 0, NULL, { "--price-list" } },
  { "missing-installation", { "quote", "--price-list", "@PL", JSON_OUT },
    2, 0, NULL, { "--installation" } },
  { "missing-value", { QUOTE_LAPSED, JSON_OUT, "--start" }, 2, 0, NULL, { "--start" } },
  { "co-term-with-end", { QUOTE_LAPSED, "--co-term", "--end", "2027-06-30", JSON_OUT },
    2, 0, NULL, { "--co-term", "--end" } },
  { "co-term-with-months", { QUOTE_LAPSED, "--co-term", "--months", "6", JSON_OUT },
    2, 0, NULL, { "--co-term", "--months" } },
  { "end-with-months", { QUOTE_LAPSED, "--end", "2027-12-31", "--months", "12", JSON_OUT },
    2, 0, NULL, { "--end", "--months" } },
  /* Malformed wins over a bad value. */
  { "end-with-months-bad-date", { QUOTE_LAPSED, "--end", "2027-02-30", "--months", "12",
                                  JSON_OUT },
    2, 0, NULL, { "--end", "--months" } },
  { "labour-hours-alone", { QUOTE_LAPSED, "--labour-hours", "2", JSON_OUT },
    2, 0, NULL, { "--labour-hours", "--labour-rate" } },
  { "labour-rate-alone", { QUOTE_LAPSED, "--labour-rate", "1350", JSON_OUT },
    2, 0, NULL, { "--labour-hours", "--labour-rate" } },
  { "documents-end-with-months", { QUOTE_LAPSED, "--end", "2027-12-31", "--months", "12",
                                   JSON_OUT, "--xlsx", "out.xlsx", "--pdf", "out.pdf" },
    2, 0, NULL, { "--end", "--months" } },
  { "unexpected-argument", { QUOTE_LAPSED, JSON_OUT, "extra" }, 2, 0, NULL, { "extra" } },
  { "two-stdout", { QUOTE_LAPSED, "--json", "-", "--pdf", "-" },
    2, 0, NULL, { "--json", "--pdf", "standard output" } },
  { "same-file-twice", { QUOTE_LAPSED, "--xlsx", "out", "--pdf", "out" },
    2, 0, NULL, { "--xlsx", "--pdf", "same file" } },
  { "check-price-list-no-file", { "check-price-list" }, 2, 0, NULL, { NULL } },
  { "check-price-list-two-files", { "check-price-list", "@PL", "@PL" }, 2, 0, NULL, { NULL } },
  { "check-price-list-unknown-option", { "check-price-list", "--frob", "@PL" },
    2, 0, NULL, { "--frob" } },
};

static void
test_case (Fixture       *f,
           gconstpointer  data)
{
  const Case *c = data;
  g_auto(TestCliRun) run = { 0, };
  g_auto(GStrv) lines = NULL;
  g_autofree char *prefix = c->prefix != NULL ? expand (f, c->prefix) : NULL;
  g_autofree char *listing = NULL;

  if (!run_cli (f, c->args, &run))
    return;

  g_assert_cmpint (run.status, ==, c->status);
  /* Nothing on stdout. */
  g_assert_cmpstr (run.out, ==, "");
  /* No output file, not even a partial or temporary one. */
  listing = list_work (f);
  g_assert_cmpstr (listing, ==, "");

  lines = stderr_lines (&run);
  g_assert_cmpuint (g_strv_length (lines), >, 0);
  if (c->n_lines > 0)
    g_assert_cmpuint (g_strv_length (lines), ==, c->n_lines);
  for (guint i = 0; prefix != NULL && lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], prefix))
      g_test_fail_printf ("stderr line “%s” does not name “%s”", lines[i], prefix);
  for (guint i = 0; i < MAX_NEEDLES && c->needles[i] != NULL; i++)
    assert_contains (run.err, c->needles[i]);
}

/* A refusal leaves an existing output file as it was. */
static void
test_refusal_keeps_existing_output (Fixture       *f,
                                    gconstpointer  data)
{
  static const char * const args[] = {
    "quote", "--price-list", "@PL", "--installation", "@S/saas.json", JSON_OUT, NULL,
  };
  g_autofree char *out = g_build_filename (f->work, "out.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_auto(TestCliRun) run = { 0, };

  g_assert_true (g_file_set_contents (out, "old offer\n", -1, NULL));
  if (!run_cli (f, args, &run))
    return;
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old offer\n");
  listing = list_work (f);
  g_assert_cmpstr (listing, ==, "out.json");
}

/* --json, --xlsx and --pdf together write all three files and nothing else. */
static void
test_documents_written (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const args[] = {
    QUOTE_LAPSED, JSON_OUT, "--xlsx", "out.xlsx", "--pdf", "out.pdf", "--lang", "en", NULL,
  };
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *listing = NULL;
  g_autofree char *pdf_path = g_build_filename (f->work, "out.pdf", NULL);
  g_autofree char *xlsx_path = g_build_filename (f->work, "out.xlsx", NULL);
  g_autofree char *pdf = NULL;
  g_autofree char *xlsx = NULL;
  gsize pdf_length = 0;
  gsize xlsx_length = 0;

  if (!run_cli (f, args, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  listing = list_work (f);
  g_assert_cmpstr (listing, ==, "out.json,out.pdf,out.xlsx");

  g_assert_true (g_file_get_contents (pdf_path, &pdf, &pdf_length, NULL));
  g_assert_cmpuint (pdf_length, >, 1000);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
  /* An .xlsx file is a zip archive. */
  g_assert_true (g_file_get_contents (xlsx_path, &xlsx, &xlsx_length, NULL));
  g_assert_cmpuint (xlsx_length, >, 1000);
  g_assert_cmpmem (xlsx, 4, "PK\003\004", 4);
}

/* --pdf - and --xlsx - write the document to stdout, and nothing else: no text, no file. */
static void
test_documents_stdout (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const pdf_args[] = { QUOTE_LAPSED, "--pdf", "-", NULL };
  static const char * const xlsx_args[] = { QUOTE_LAPSED, "--xlsx", "-", "--json", "out.json",
                                            NULL };
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *listing = NULL;

  if (!run_cli (f, pdf_args, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "%PDF-"));
  g_assert_null (strstr (run.out, "SSA offer for"));
  listing = list_work (f);
  g_assert_cmpstr (listing, ==, "");

  if (!run_cli (f, xlsx_args, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpmem (run.out, 4, "PK\003\004", 4);
  g_clear_pointer (&listing, g_free);
  listing = list_work (f);
  g_assert_cmpstr (listing, ==, "out.json");
}

static void
limit_file_size (gpointer data)
{
  struct rlimit limit;

  limit.rlim_cur = limit.rlim_max = GPOINTER_TO_SIZE (data);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* Under a file size limit (ulimit -f) the printed offer cannot be written: exit 1 with the
 * reason in words, not death by SIGXFSZ, and no file at all, not the JSON that fitted and
 * no temporary file. */
static void
test_documents_size_limit (Fixture       *f,
                           gconstpointer  data)
{
  static const char * const args[] = { QUOTE_LAPSED, JSON_OUT, "--pdf", "out.pdf", NULL };
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *listing = NULL;

  if (!run_cli_full (f, args, limit_file_size, GSIZE_TO_POINTER (8 * 1024), &run))
    return;
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  assert_contains (run.err, "--pdf: Could not write “out.pdf”: the file size limit was reached");
  listing = list_work (f);
  g_assert_cmpstr (listing, ==, "");
}

/* A FIFO gets the document through it and stays a FIFO; /dev/null takes it and stays the
 * system's /dev/null. */
static void
test_documents_fifo (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const fifo_args[] = { QUOTE_LAPSED, "--json", "pipe", NULL };
  static const char * const null_args[] = { QUOTE_LAPSED, "--json", "/dev/null", "--pdf",
                                            "/dev/null", NULL };
  static const char * const stdout_args[] = { QUOTE_LAPSED, "--json", "-", NULL };
  g_autofree char *pipe_path = g_build_filename (f->work, "pipe", NULL);
  g_auto(TestCliRun) run = { 0, };
  g_auto(TestCliRun) run_stdout = { 0, };
  g_autofree char *listing = NULL;
  TestFifoReader reader = { pipe_path, g_string_new (NULL) };
  GStatBuf before, after;
  GThread *thread;

  g_assert_cmpint (mkfifo (pipe_path, 0600), ==, 0);
  thread = g_thread_new ("fifo-reader", test_fifo_reader_thread, &reader);
  if (!run_cli (f, fifo_args, &run) || !run_cli (f, stdout_args, &run_stdout))
    {
      /* Unblock the reader. */
      int fd = open (pipe_path, O_WRONLY | O_CLOEXEC);

      close (fd);
    }
  g_thread_join (thread);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (reader.received->str, ==, run_stdout.out);
  g_assert_true (g_str_has_prefix (reader.received->str, "{"));
  g_string_free (reader.received, TRUE);
  g_assert_cmpint (g_lstat (pipe_path, &after), ==, 0);
  g_assert_true (S_ISFIFO (after.st_mode));
  listing = list_work (f);
  g_assert_cmpstr (listing, ==, "pipe");

  /* Two options naming /dev/null are one file named twice: a usage error. Through "." it
   * is still written through, twice, and stays the system's /dev/null. */
  if (!run_cli (f, null_args, &run))
    return;
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpint (g_stat ("/dev/null", &before), ==, 0);
  {
    static const char * const args[] = { QUOTE_LAPSED, "--json", "/dev/null", "--pdf",
                                         "/dev/./null", NULL };

    if (!run_cli (f, args, &run))
      return;
  }
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_contains (run.out, "SSA offer for");
  g_assert_cmpint (g_lstat ("/dev/null", &after), ==, 0);
  g_assert_true (S_ISCHR (after.st_mode));
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpuint (after.st_rdev, ==, before.st_rdev);
}

/* ---- Offers ------------------------------------------------------------------------ */

static JsonObject *
object_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_test_fail_printf ("JSON member “%s” is missing or not an object", name);
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
array_member (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_test_fail_printf ("JSON member “%s” is missing or not an array", name);
      return NULL;
    }
  return json_node_get_array (node);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_test_fail_printf ("JSON member “%s” is missing or not a string", name);
      return NULL;
    }
  return json_node_get_string (node);
}

static gint64
int_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_test_fail_printf ("JSON member “%s” is missing or not an integer", name);
      return G_MININT64;
    }
  return json_node_get_int (node);
}

static JsonNode *
parse_offer (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = json_from_string (text != NULL ? text : "", &error);

  g_assert_no_error (error);
  if (root != NULL && !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_test_fail_printf ("the offer is not a JSON object");
      g_clear_pointer (&root, json_node_unref);
    }
  if (root == NULL)
    g_test_fail_printf ("no offer JSON");
  return root;
}

typedef struct
{
  const char *code;
  const char *kind;
  gint64      quantity;
  const char *segment;
  const char *start;
  const char *end;
  gint64      months;
  const char *ssc;
  const char *amount;
} Line;

static void
assert_lines (JsonObject *root,
              const Line *expected,
              guint       n_expected)
{
  JsonArray *lines = array_member (root, "lines");

  if (lines == NULL)
    return;
  g_assert_cmpuint (json_array_get_length (lines), ==, n_expected);
  for (guint i = 0; i < n_expected && i < json_array_get_length (lines); i++)
    {
      JsonNode *node = json_array_get_element (lines, i);
      JsonObject *line = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      g_test_message ("line %u", i);
      g_assert_cmpstr (string_member (line, "code"), ==, expected[i].code);
      g_assert_cmpstr (string_member (line, "kind"), ==, expected[i].kind);
      g_assert_cmpint (int_member (line, "quantity"), ==, expected[i].quantity);
      g_assert_cmpstr (string_member (line, "segment"), ==, expected[i].segment);
      if (expected[i].start != NULL)
        {
          g_assert_cmpstr (string_member (line, "start"), ==, expected[i].start);
          g_assert_cmpstr (string_member (line, "end"), ==, expected[i].end);
        }
      else if (line != NULL)
        {
          g_assert_false (json_object_has_member (line, "start"));
          g_assert_false (json_object_has_member (line, "end"));
        }
      g_assert_cmpint (int_member (line, "months"), ==, expected[i].months);
      g_assert_cmpstr (string_member (line, "ssc"), ==, expected[i].ssc);
      g_assert_cmpstr (string_member (line, "amount"), ==, expected[i].amount);
    }
}

/* ssc, regular, backpay, billing_discount, discount, labour, net, vat, total */
static void
assert_totals (JsonObject         *root,
               const char * const *expected)
{
  static const char * const names[] = {
    "ssc", "regular", "backpay", "billing_discount", "discount", "labour", "net", "vat",
    "total",
  };
  JsonObject *totals = object_member (root, "totals");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_test_message ("totals.%s", names[i]);
      g_assert_cmpstr (string_member (totals, names[i]), ==, expected[i]);
    }
}

static char *
warning_codes (JsonObject *root)
{
  JsonArray *warnings = array_member (root, "warnings");
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; warnings != NULL && i < json_array_get_length (warnings); i++)
    {
      JsonNode *node = json_array_get_element (warnings, i);
      JsonObject *warning = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *code = string_member (warning, "code");

      g_assert_nonnull (string_member (warning, "message"));
      if (codes->len > 0)
        g_string_append_c (codes, ',');
      g_string_append (codes, code != NULL ? code : "(null)");
    }
  return g_strdup (codes->str);
}

/* Worked example 2 on the sample lapsed.json (which adds an excluded SamWin switchboard
 * and an IP0013 adapter). */
static const Line lapsed_lines[] = {
  { "02-00039-002", "port", 20, "backpay", "2026-07-01", "2026-11-27", 5, "112.50", "1293.75" },
  { "02-00039-002", "port", 20, "regular", "2026-11-28", "2027-11-27", 12, "135.00",
    "1552.50" },
  { "02-00039-101", "voicemail", 5, "backpay", "2026-07-01", "2026-11-27", 5, "6.54", "75.21" },
  { "02-00039-101", "voicemail", 5, "regular", "2026-11-28", "2027-11-27", 12, "7.85",
    "90.28" },
  { "90-00000-001", "third_party", 1, "excluded", NULL, NULL, 0, "0.00", "0.00" },
  { "01-00013-001", "hardware", 1, "excluded", NULL, NULL, 0, "0.00", "0.00" },
};

static const char * const lapsed_totals[] = {
  "261.89", "1642.78", "1368.96", "0.00", "0.00", "0.00", "3011.74", "752.94", "3764.68",
};

static void
assert_lapsed_offer (JsonObject *root)
{
  JsonObject *period = object_member (root, "period");
  g_autofree char *codes = NULL;

  g_assert_cmpstr (string_member (root, "format"), ==, "ssa-desk-offer/1");
  g_assert_cmpstr (string_member (root, "price_list"), ==, "sample-2026-11");
  g_assert_cmpstr (string_member (root, "currency"), ==, "NOK");
  g_assert_cmpstr (string_member (root, "today"), ==, "2026-11-28");
  g_assert_cmpstr (string_member (period, "start"), ==, "2026-11-28");
  g_assert_cmpstr (string_member (period, "end"), ==, "2027-11-27");
  g_assert_cmpstr (string_member (root, "billing"), ==, "once");
  assert_lines (root, lapsed_lines, G_N_ELEMENTS (lapsed_lines));
  assert_totals (root, lapsed_totals);
  codes = warning_codes (root);
  /* 13r3 was released 2021-03-22, before 2023-11-28. */
  assert_contains (codes, "version-too-old");
  assert_contains (codes, "backpay");
}

static void
test_json_stdout (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const args[] = { QUOTE_LAPSED, "--json", "-", NULL };
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *listing = NULL;

  if (!run_cli (f, args, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  root = parse_offer (run.out);
  if (root != NULL)
    assert_lapsed_offer (json_node_get_object (root));
  listing = list_work (f);
  g_assert_cmpstr (listing, ==, "");
}

static void
test_json_file (Fixture       *f,
                gconstpointer  data)
{
  static const char * const file_args[] = { QUOTE_LAPSED, JSON_OUT, NULL };
  static const char * const stdout_args[] = { QUOTE_LAPSED, "--json", "-", NULL };
  g_autofree char *out = g_build_filename (f->work, "out.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(TestCliRun) run = { 0, };
  g_auto(TestCliRun) run_stdout = { 0, };

  /* An existing file is replaced. */
  g_assert_true (g_file_set_contents (out, "old offer\n", -1, NULL));
  if (!run_cli (f, file_args, &run) || !run_cli (f, stdout_args, &run_stdout))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  /* The readable offer goes to stdout. */
  assert_contains (run.out, "3,764.68");

  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, run_stdout.out);
  root = parse_offer (contents);
  if (root != NULL)
    assert_lapsed_offer (json_node_get_object (root));
  listing = list_work (f);
  g_assert_cmpstr (listing, ==, "out.json");
}

/* The offer options reach the calculation: annual billing (2 % of the regular 1 642.78 =
 * 32.86), 10 % discount on the subtotal 2 978.88 (297.89), labour 2.5 h * 1 350 = 3 375.00;
 * net 6 055.99, VAT 1 513.9975 → 1 514.00. */
static void
test_quote_options (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const args[] = {
    QUOTE_LAPSED, "--billing", "annual", "--discount", "10", "--labour-hours", "2.5",
    "--labour-rate", "1350", "--json", "-", NULL,
  };
  static const char * const totals[] = {
    "261.89", "1642.78", "1368.96", "32.86", "297.89", "3375.00", "6055.99", "1514.00",
    "7569.99",
  };
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;

  if (!run_cli (f, args, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  root = parse_offer (run.out);
  if (root == NULL)
    return;
  g_assert_cmpstr (string_member (json_node_get_object (root), "billing"), ==, "annual");
  assert_totals (json_node_get_object (root), totals);
}

/* --start in the future with --months: the back-payment runs to the day before the start
 * (6 months), then 12 regular months. */
static void
test_quote_start_months (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const args[] = {
    QUOTE_LAPSED, "--start", "2027-01-01", "--months", "12", "--json", "-", NULL,
  };
  static const Line lines[] = {
    { "02-00039-002", "port", 20, "backpay", "2026-07-01", "2026-12-31", 6, "135.00",
      "1552.50" },
    { "02-00039-002", "port", 20, "regular", "2027-01-01", "2027-12-31", 12, "135.00",
      "1552.50" },
    { "02-00039-101", "voicemail", 5, "backpay", "2026-07-01", "2026-12-31", 6, "7.85",
      "90.28" },
    { "02-00039-101", "voicemail", 5, "regular", "2027-01-01", "2027-12-31", 12, "7.85",
      "90.28" },
    { "90-00000-001", "third_party", 1, "excluded", NULL, NULL, 0, "0.00", "0.00" },
    { "01-00013-001", "hardware", 1, "excluded", NULL, NULL, 0, "0.00", "0.00" },
  };
  static const char * const totals[] = {
    "285.70", "1642.78", "1642.78", "0.00", "0.00", "0.00", "3285.56", "821.39", "4106.95",
  };
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  JsonObject *period;

  if (!run_cli (f, args, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  root = parse_offer (run.out);
  if (root == NULL)
    return;
  period = object_member (json_node_get_object (root), "period");
  g_assert_cmpstr (string_member (period, "start"), ==, "2027-01-01");
  g_assert_cmpstr (string_member (period, "end"), ==, "2027-12-31");
  assert_lines (json_node_get_object (root), lines, G_N_ELEMENTS (lines));
  assert_totals (json_node_get_object (root), totals);
}

/* --co-term on the command line is the offer with --end set to the SSA expiry, byte for
 * byte, on days before and after the new ports were bought; only the lines not covered to
 * the expiry are charged. */
static void
test_quote_co_term (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const days[] = { "2026-11-28", "2027-02-01", "2027-05-20" };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      const char * const co_term[] = {
        "quote", "--price-list", "@PL", "--installation", "@S/co-terming.json", "--today",
        days[i], "--co-term", "--json", "-", NULL,
      };
      const char * const end[] = {
        "quote", "--price-list", "@PL", "--installation", "@S/co-terming.json", "--today",
        days[i], "--end", "2027-12-31", "--json", "-", NULL,
      };
      g_auto(TestCliRun) a = { 0, };
      g_auto(TestCliRun) b = { 0, };
      g_autoptr(JsonNode) root = NULL;
      JsonArray *lines;
      guint n_charged = 0;

      g_test_message ("today %s", days[i]);
      if (!run_cli (f, co_term, &a) || !run_cli (f, end, &b))
        return;
      g_assert_cmpint (a.status, ==, 0);
      g_assert_cmpint (b.status, ==, 0);
      g_assert_cmpstr (a.out, ==, b.out);
      root = parse_offer (a.out);
      if (root == NULL)
        return;
      g_assert_cmpstr (string_member (object_member (json_node_get_object (root), "period"),
                                      "end"), ==, "2027-12-31");
      lines = json_object_get_array_member (json_node_get_object (root), "lines");
      for (guint j = 0; j < json_array_get_length (lines); j++)
        {
          JsonObject *line = json_array_get_object_element (lines, j);
          const char *segment = json_object_get_string_member (line, "segment");

          if (g_str_equal (segment, "regular") || g_str_equal (segment, "backpay"))
            {
              n_charged++;
              /* Only the mobility bought 2026-09-15 and the ports bought 2027-03-15. */
              g_assert_true (g_str_equal (json_object_get_string_member (line, "code"),
                                          "02-00039-301") ||
                             json_object_get_int_member (line, "quantity") == 10);
            }
        }
      g_assert_cmpuint (n_charged, >=, 2);
    }
}

typedef struct
{
  const char *file;
  const char *start;
  const char *end;
  const char *totals[9];
  const char *warning;     /* a warning code that must be present, or NULL */
} Sample;

/* The figures of data/sample-installations/README.md, today 2026-11-28. */
static const Sample samples[] = {
  { "renewal-in-time.json", "2027-01-01", "2027-12-31",
    { "216.68", "2491.83", "0.00", "0.00", "0.00", "0.00", "2491.83", "622.96", "3114.79" },
    NULL },
  { "co-terming.json", "2027-01-01", "2027-12-31",
    { "86.49", "994.64", "0.00", "0.00", "0.00", "0.00", "994.64", "248.66", "1243.30" },
    NULL },
  { "firmware-6.json", "2027-02-01", "2028-01-31",
    { "57.14", "657.11", "0.00", "0.00", "0.00", "0.00", "657.11", "164.28", "821.39" },
    "version-unsupported" },
  { "old-12r1.json", "2026-11-28", "2027-11-27",
    { "313.82", "1273.74", "2335.19", "0.00", "0.00", "0.00", "3608.93", "902.23", "4511.16" },
    "version-too-old" },
};

static void
test_sample (Fixture       *f,
             gconstpointer  data)
{
  const Sample *sample = data;
  g_autofree char *installation = g_strconcat ("@S/", sample->file, NULL);
  const char * const args[] = {
    "quote", "--price-list", "@PL", "--installation", installation, "--today", "2026-11-28",
    "--json", "-", NULL,
  };
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *codes = NULL;
  JsonObject *period;

  if (!run_cli (f, args, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  root = parse_offer (run.out);
  if (root == NULL)
    return;
  period = object_member (json_node_get_object (root), "period");
  g_assert_cmpstr (string_member (period, "start"), ==, sample->start);
  g_assert_cmpstr (string_member (period, "end"), ==, sample->end);
  assert_totals (json_node_get_object (root), sample->totals);
  codes = warning_codes (json_node_get_object (root));
  if (sample->warning != NULL)
    assert_contains (codes, sample->warning);
}

/* ---- Help and check-price-list ----------------------------------------------------- */

static const char * const quote_options[] = {
  "--price-list", "--installation", "--start", "--end", "--months", "--today", "--billing",
  "--discount", "--labour-hours", "--labour-rate", "--json", "--xlsx", "--pdf", "--lang",
};

static void
check_help (Fixture            *f,
            const char * const *args,
            const char * const *needles,
            guint               n_needles)
{
  g_auto(TestCliRun) run = { 0, };
  g_autoptr(GString) missing = g_string_new (NULL);

  if (!run_cli (f, args, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  for (guint i = 0; i < n_needles; i++)
    if (run.out == NULL || strstr (run.out, needles[i]) == NULL)
      g_string_append_printf (missing, " %s", needles[i]);
  if (missing->len > 0)
    g_test_fail_printf ("the help does not mention:%s", missing->str);
}

/* `quote --help` shows every option of the synopsis in docs/formats.md. */
static void
test_help_quote (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const args[] = { "quote", "--help", NULL };

  check_help (f, args, quote_options, G_N_ELEMENTS (quote_options));
}

/* --months states the range it takes, which is the range of one offer. */
static void
test_help_months_range (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const args[] = { "quote", "--help", NULL };
  static const char * const needles[] = { "1 to 120" };
  g_auto(TestCliRun) run = { 0, };

  check_help (f, args, needles, G_N_ELEMENTS (needles));
  if (!run_cli (f, args, &run))
    return;
  g_assert_null (strstr (run.out, "1200"));
}

static void
test_help_quote_all (Fixture       *f,
                     gconstpointer  data)
{
  static const char * const args[] = { "quote", "--help-all", NULL };

  check_help (f, args, quote_options, G_N_ELEMENTS (quote_options));
}

static void
test_help_check_price_list (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const args[] = { "check-price-list", "--help", NULL };
  static const char * const needles[] = { "check-price-list", "FILE", "--help" };

  check_help (f, args, needles, G_N_ELEMENTS (needles));
}

static void
test_help_main (Fixture       *f,
                gconstpointer  data)
{
  static const char * const args[] = { "--help", NULL };
  static const char * const needles[] = { "quote", "check-price-list" };

  check_help (f, args, needles, G_N_ELEMENTS (needles));
}

static void
test_check_price_list_sample (Fixture       *f,
                              gconstpointer  data)
{
  static const char * const args[] = { "check-price-list", "@PL", NULL };
  g_auto(TestCliRun) run = { 0, };

  if (!run_cli (f, args, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  assert_contains (run.out, "sample-2026-11");
}

static void
test_check_price_list_broken (Fixture       *f,
                              gconstpointer  data)
{
  static const char * const args[] = { "check-price-list", "@IN/broken-price-list.json",
                                       NULL };
  static const char * const fields[] = { "currency", "ssc_price", "list_price" };
  g_autofree char *path = expand (f, "@IN/broken-price-list.json");
  g_auto(TestCliRun) run = { 0, };
  g_auto(GStrv) lines = NULL;

  if (!run_cli (f, args, &run))
    return;
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  lines = stderr_lines (&run);
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields) && lines[i] != NULL; i++)
    {
      g_assert_true (g_str_has_prefix (lines[i], path));
      assert_contains (lines[i], fields[i]);
    }
  assert_contains (run.err, "products[0] (02-00039-002)");
}

/* Both problems are reported: the invalid list_price of products[0] and the duplicate
 * code of products[1]. */
static void
test_check_price_list_duplicate (Fixture       *f,
                                 gconstpointer  data)
{
  static const char * const args[] = { "check-price-list", "@IN/duplicate-price-list.json",
                                       NULL };
  g_auto(TestCliRun) run = { 0, };
  g_auto(GStrv) lines = NULL;

  if (!run_cli (f, args, &run))
    return;
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  lines = stderr_lines (&run);
  g_assert_cmpuint (g_strv_length (lines), ==, 2);
  assert_contains (run.err, "products[0]");
  assert_contains (run.err, "products[1]");
  assert_contains (run.err, "duplicate");
}

/* The member @member of computation @n of the offer JSON @text (1: its own, else
 * alternatives[n - 2]), written out again. */
static char *
computation_member (const char *text,
                    guint       n,
                    const char *member)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  if (n > 1)
    object = json_array_get_object_element (json_object_get_array_member (object,
                                                                          "alternatives"),
                                            n - 2);
  return json_to_string (json_object_get_member (object, member), TRUE);
}

/* quote --alternative: each alternative is, member for member, the quote made with its
 * terms; a refused alternative refuses the quote, naming it; the text lists them. */
static void
test_quote_alternatives (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const args[] = {
    QUOTE_LAPSED, "--discount", "5", "--alternative", "months=36,billing=quarterly",
    "--alternative", "end=2029-12-31,billing=annual", "--json", "-", NULL,
  };
  static const char * const alone[][20] = {
    { QUOTE_LAPSED, "--discount", "5", "--months", "36", "--billing", "quarterly", "--json",
      "-", NULL },
    { QUOTE_LAPSED, "--discount", "5", "--end", "2029-12-31", "--billing", "annual", "--json",
      "-", NULL },
  };
  static const char * const members[] = { "period", "billing", "lines", "totals", "warnings",
                                          "terms" };
  static const char * const refused[] = { QUOTE_LAPSED, "--alternative", "co-term", NULL };
  static const char * const text_args[] = { QUOTE_LAPSED, "--alternative", "months=24", NULL };
  g_auto(TestCliRun) run = { 0, };
  g_autofree char *offer = NULL;

  if (!run_cli (f, args, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  offer = g_strdup (run.out);
  for (guint n = 2; n <= 3; n++)
    {
      g_auto(TestCliRun) single = { 0, };

      if (!run_cli (f, alone[n - 2], &single))
        return;
      g_assert_cmpint (single.status, ==, 0);
      g_assert_null (strstr (single.out, "\"alternatives\""));
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        {
          g_autofree char *a = computation_member (offer, n, members[m]);
          g_autofree char *b = computation_member (single.out, 1, members[m]);

          g_assert_cmpstr (a, ==, b);
        }
    }

  /* The lapsed sample's SSA has ended: a top-up alternative is refused, and so the quote. */
  if (!run_cli (f, refused, &run))
    return;
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  assert_contains (run.err, "alternative 2: ");

  if (!run_cli (f, text_args, &run))
    return;
  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "Alternatives (each a complete offer; the customer chooses one):");
  assert_contains (run.out, "  2. 2026-11-28 – 2028-11-27");
}

static void
add_test (const char    *path,
          gconstpointer  data,
          void         (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* A failed check marks its test failed and the other tests still run. */
  g_test_set_nonfatal_assertions ();

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/refused/%s", refusals[i].name);

      add_test (path, &refusals[i], test_case);
    }
  add_test ("/cli/refused/keeps-existing-output", NULL, test_refusal_keeps_existing_output);
  add_test ("/cli/documents/written", NULL, test_documents_written);
  add_test ("/cli/documents/stdout", NULL, test_documents_stdout);
  add_test ("/cli/documents/size-limit", NULL, test_documents_size_limit);
  add_test ("/cli/documents/fifo", NULL, test_documents_fifo);
  for (guint i = 0; i < G_N_ELEMENTS (usage_errors); i++)
    {
      g_autofree char *path = g_strdup_printf ("/cli/usage/%s", usage_errors[i].name);

      add_test (path, &usage_errors[i], test_case);
    }

  add_test ("/cli/quote/json-stdout", NULL, test_json_stdout);
  add_test ("/cli/quote/json-file", NULL, test_json_file);
  add_test ("/cli/quote/options", NULL, test_quote_options);
  add_test ("/cli/quote/start-months", NULL, test_quote_start_months);
  add_test ("/cli/quote/co-term", NULL, test_quote_co_term);
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *name = g_strndup (samples[i].file, strlen (samples[i].file) - 5);
      g_autofree char *path = g_strdup_printf ("/cli/quote/sample/%s", name);

      add_test (path, &samples[i], test_sample);
    }

  add_test ("/cli/help/main", NULL, test_help_main);
  add_test ("/cli/help/months-range", NULL, test_help_months_range);
  add_test ("/cli/help/quote", NULL, test_help_quote);
  add_test ("/cli/help/quote-all", NULL, test_help_quote_all);
  add_test ("/cli/quote/alternatives", NULL, test_quote_alternatives);
  add_test ("/cli/help/check-price-list", NULL, test_help_check_price_list);
  add_test ("/cli/check-price-list/sample", NULL, test_check_price_list_sample);
  add_test ("/cli/check-price-list/broken", NULL, test_check_price_list_broken);
  add_test ("/cli/check-price-list/duplicate-after-invalid", NULL,
            test_check_price_list_duplicate);

  return g_test_run ();
}
