/* test-org-no.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib.h>

#include "ssa-org-no.h"

/* Norwegian organisation numbers (docs/formats.md): 9 digits, the last a check digit by
 * the weights 3 2 7 6 5 4 3 2, modulus 11. */

static const int weights[] = { 3, 2, 7, 6, 5, 4, 3, 2 };

/* The check digit of eight digits by the rule, written out here independently of the
 * library: 11 - (sum mod 11), 0 for 11, and -1 where it would be 10 (no valid number). */
static int
check_digit (const char *eight)
{
  int sum = 0;
  int check;

  for (int i = 0; i < 8; i++)
    sum += (eight[i] - '0') * weights[i];
  check = 11 - sum % 11;
  if (check == 11)
    return 0;
  if (check == 10)
    return -1;
  return check;
}

static void
test_known_numbers (void)
{
  static const char * const valid[] = {
    "974760673",  /* Brønnøysundregistrene */
    "923609016",  /* Equinor ASA */
    "988077917",  /* the example of docs/formats.md */
    /* The sample installations. */
    "994613820",
    "885602142",
    "971258063",
    "931044672",
    "914527309",
    "923788506",
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_test_message ("valid %s", valid[i]);
      g_assert_true (ssa_org_no_is_valid (valid[i]));
      g_assert_cmpint (check_digit (valid[i]), ==, valid[i][8] - '0');
    }
}

/* Every valid number of a spread of prefixes, including those whose check digit is 0, is
 * accepted; every other last digit is refused. */
static void
test_computed_numbers (void)
{
  GRand *rand = g_rand_new_with_seed (20261128);
  guint n_zero = 0;
  guint n_ten = 0;

  for (guint n = 0; n < 2000; n++)
    {
      char number[10];
      int check;

      g_snprintf (number, sizeof number, "%08u0", g_rand_int_range (rand, 0, 100000000));
      check = check_digit (number);
      if (check == 0)
        n_zero++;
      if (check < 0)
        n_ten++;

      for (int last = 0; last <= 9; last++)
        {
          number[8] = (char) ('0' + last);
          if (ssa_org_no_is_valid (number) != (last == check))
            {
              g_test_fail_printf ("%s: expected %s", number,
                                  last == check ? "valid" : "invalid");
              g_rand_free (rand);
              return;
            }
        }
    }

  /* The sample covered both special remainders. */
  g_assert_cmpuint (n_zero, >, 0);
  g_assert_cmpuint (n_ten, >, 0);
  g_rand_free (rand);
}

static void
test_check_digit_ten (void)
{
  /* Prefixes whose weighted sum is 1 modulo 11: the check digit would be 10, so no number
   * that starts with them is valid, whatever its last digit. */
  static const char * const prefixes[] = { "12345670", "03703701", "06172835", "17283938" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_assert_cmpint (check_digit (prefixes[i]), ==, -1);
      for (int last = 0; last <= 9; last++)
        {
          g_autofree char *number = g_strdup_printf ("%s%d", prefixes[i], last);

          g_test_message ("invalid %s", number);
          g_assert_false (ssa_org_no_is_valid (number));
        }
    }
}

static void
test_wrong_check_digit (void)
{
  static const char * const cases[] = {
    "974760674", "974760672", "923609010", "988077910", "988077918", "988077919",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("invalid %s", cases[i]);
      g_assert_false (ssa_org_no_is_valid (cases[i]));
    }
}

static void
test_malformed (void)
{
  static const char * const cases[] = {
    "",
    "98807791",          /* 8 digits */
    "9880779170",        /* 10 digits */
    "0988077917",
    "98807791A",         /* letters */
    "A88077917",
    "98807791O",
    "988 077 917",       /* formatted */
    "988077917 MVA",
    "NO988077917MVA",
    " 988077917",
    "988077917 ",
    "-88077917",
    "+88077917",
    "٩٨٨٠٧٧٩١٧",         /* ARABIC-INDIC digits */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("invalid “%s”", cases[i]);
      g_assert_false (ssa_org_no_is_valid (cases[i]));
    }

  g_assert_false (ssa_org_no_is_valid (NULL));
}

static void
test_format (void)
{
  g_autofree char *mva = ssa_org_no_format ("988077917", TRUE);
  g_autofree char *plain = ssa_org_no_format ("988077917", FALSE);
  g_autofree char *other = ssa_org_no_format ("974760673", TRUE);

  g_assert_cmpstr (mva, ==, "988 077 917 MVA");
  g_assert_cmpstr (plain, ==, "988 077 917");
  g_assert_cmpstr (other, ==, "974 760 673 MVA");
}

/* Text that is not nine digits is written as it is. Found by fuzz-org-no: nine bytes of
 * other text ("æææ123") were cut in threes, splitting a character into bytes that are not
 * UTF-8, which a document or a label cannot show. */
static void
test_format_other_text (void)
{
  static const char * const texts[] = {
    "\xc3\xa6\xc3\xa6\xc3\xa6" "123", "98807791x", "988 077 9", "12345678", "", "9880779170",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *plain = ssa_org_no_format (texts[i], FALSE);
      g_autofree char *mva = ssa_org_no_format (texts[i], TRUE);

      g_assert_cmpstr (plain, ==, texts[i]);
      g_assert_cmpstr (mva, ==, texts[i]);
      g_assert_true (g_utf8_validate (plain, -1, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* A failed check marks its test failed and the other tests still run. */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/org-no/known-numbers", test_known_numbers);
  g_test_add_func ("/org-no/computed-numbers", test_computed_numbers);
  g_test_add_func ("/org-no/check-digit-ten", test_check_digit_ten);
  g_test_add_func ("/org-no/wrong-check-digit", test_wrong_check_digit);
  g_test_add_func ("/org-no/malformed", test_malformed);
  g_test_add_func ("/org-no/format", test_format);
  g_test_add_func ("/org-no/format-other-text", test_format_other_text);

  return g_test_run ();
}
