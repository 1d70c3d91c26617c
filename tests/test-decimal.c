/* test-decimal.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "ssa-decimal.h"
#include "ssa-error.h"

/* Exact decimals of docs/formats.md: strings "digits", "digits.d" or "digits.dd", JSON
 * numbers with at most 2 decimals, never negative, held as signed 64-bit hundredths; and
 * the single rounding (half up) of docs/rules.md. */

typedef struct
{
  const char *text;
  gint64      hundredths;
} Accepted;

static void
test_parse_accepted (void)
{
  static const Accepted cases[] = {
    { "1552.50", 155250 },
    { "15", 1500 },
    { "0.5", 50 },
    { "0.05", 5 },
    { "0", 0 },
    { "0.00", 0 },
    { "11.50", 1150 },
    { "100", 10000 },
    { "007", 700 },
    { "1.2", 120 },
    { "92233720368547758.07", G_MAXINT64 },
    { "92233720368547758", G_GINT64_CONSTANT (9223372036854775800) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = -1;

      g_test_message ("parse “%s”", cases[i].text);
      g_assert_true (ssa_decimal_parse (cases[i].text, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, cases[i].hundredths);
    }
}

static void
test_parse_refused (void)
{
  static const char * const cases[] = {
    "1.230",                  /* three decimals, even a zero one */
    "1.005",
    "-1",                     /* no sign */
    "+1",
    "-0",
    "1,5",                    /* no decimal comma */
    "1 000",                  /* no thousands separators */
    "1,000.00",
    " 1",                     /* no spaces */
    "1 ",
    "1\n",
    "1e2",                    /* no exponent in strings */
    "1E2",
    "",
    "1.",
    ".5",
    ".",
    "1.2.3",
    "1..2",
    "abc",
    "NaN",
    "inf",
    "0x10",
    "1_000",
    "١",                      /* ARABIC-INDIC DIGIT ONE */
    "１",                     /* FULLWIDTH DIGIT ONE */
    "92233720368547758.08",   /* one hundredth above G_MAXINT64 */
    "92233720368547759",
    "100000000000000000000000000000000000000000",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 value = 4242;

      g_test_message ("parse “%s”", cases[i]);
      g_assert_false (ssa_decimal_parse (cases[i], &value, &error));
      g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
      g_assert_nonnull (error->message);
      g_assert_cmpstr (error->message, !=, "");
      /* A refusal leaves the output alone. */
      g_assert_cmpint (value, ==, 4242);
    }
}

static void
test_parse_null_output (void)
{
  g_assert_true (ssa_decimal_parse ("1.50", NULL, NULL));
  g_assert_false (ssa_decimal_parse ("1.505", NULL, NULL));
}

static JsonNode *
node_from (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
test_from_json_accepted (void)
{
  static const Accepted cases[] = {
    /* Strings. */
    { "\"1552.50\"", 155250 },
    { "\"15\"", 1500 },
    { "\"0.5\"", 50 },
    { "\"0\"", 0 },
    { "\"92233720368547758.07\"", G_MAXINT64 },
    /* Integers. */
    { "0", 0 },
    { "20", 2000 },
    { "15", 1500 },
    { "92233720368547758", G_GINT64_CONSTANT (9223372036854775800) },
    /* Doubles whose value has at most two decimals (and is exact in binary). */
    { "11.5", 1150 },
    { "11.50", 1150 },
    { "11.500", 1150 },
    { "1552.5", 155250 },
    { "6.75", 675 },
    { "0.25", 25 },
    { "1e2", 10000 },
    { "1E2", 10000 },
    { "1.5e1", 1500 },
    { "2.5e-1", 25 },
    { "0.0", 0 },
    { "90000000000000000.0", G_GINT64_CONSTANT (9000000000000000000) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = node_from (cases[i].text);
      g_autoptr(GError) error = NULL;
      gint64 value = -1;

      g_test_message ("from JSON %s", cases[i].text);
      g_assert_true (ssa_decimal_from_json (node, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, cases[i].hundredths);
    }
}

/* Most numbers with two decimals (0.07, 1.57, 11.55) have no exact binary double: the
 * reader must judge the number as written (the shortest text that reads back as the same
 * double), not the double's full expansion "1.5700000000000001". */
static void
test_from_json_decimal_fractions (void)
{
  static const Accepted cases[] = {
    { "0.07", 7 },
    { "0.1", 10 },
    { "0.29", 29 },
    { "1.57", 157 },
    { "11.55", 1155 },
    { "450.10", 45010 },
    { "1552.51", 155251 },
    { "1e-2", 1 },
    { "7e-2", 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = node_from (cases[i].text);
      g_autoptr(GError) error = NULL;
      gint64 value = -1;

      g_test_message ("from JSON %s", cases[i].text);
      ssa_decimal_from_json (node, &value, &error);
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, cases[i].hundredths);
    }
}

/* Every number written with at most two decimals reads as its hundredths, and one written
 * with three (the last not 0) is refused, across the range prices take: the text of each is
 * made from whole numbers, so the expectation does not come from the code under test. */
static void
test_from_json_sweep (void)
{
  static const gint64 starts[] = { 0, 99000, 1000000, 123456700, G_GINT64_CONSTANT (99999999999000) };
  GRand *rand = g_rand_new_with_seed (20261207);

  for (guint s = 0; s < G_N_ELEMENTS (starts); s++)
    for (gint64 h = starts[s]; h < starts[s] + 2000; h++)
      {
        g_autofree char *two = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", h / 100,
                                                (int) (h % 100));
        g_autofree char *three = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d%d", h / 100,
                                                  (int) (h % 100), 1 + (int) (h % 9));
        g_autoptr(JsonNode) node = node_from (two);
        g_autoptr(JsonNode) refused = node_from (three);
        g_autoptr(GError) error = NULL;
        gint64 value = -1;

        if (!ssa_decimal_from_json (node, &value, &error) || value != h)
          g_error ("%s read as %" G_GINT64_FORMAT ": %s", two, value,
                   error != NULL ? error->message : "no error");
        if (ssa_decimal_from_json (refused, &value, NULL))
          g_error ("%s was accepted as %" G_GINT64_FORMAT, three, value);
      }
  /* And random ones up to 15 digits. */
  for (guint i = 0; i < 20000; i++)
    {
      gint64 h = (gint64) (g_rand_double (rand) * 1e15);
      g_autofree char *two = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", h / 100,
                                              (int) (h % 100));
      g_autoptr(JsonNode) node = node_from (two);
      gint64 value = -1;

      if (!ssa_decimal_from_json (node, &value, NULL) || value != h)
        g_error ("%s read as %" G_GINT64_FORMAT, two, value);
    }
  g_rand_free (rand);
}

static void
test_from_json_refused (void)
{
  static const char * const cases[] = {
    /* Strings that ssa_decimal_parse() refuses. */
    "\"\"",
    "\"1.230\"",
    "\"-1\"",
    "\"1,5\"",
    "\" 1\"",
    "\"1e2\"",
    "\"1.\"",
    "\".5\"",
    "\"92233720368547758.08\"",
    /* Numbers with more than two decimals. */
    "11.505",
    "0.001",
    "1e-3",
    "1.234",
    /* Negative numbers. */
    "-1",
    "-0.5",
    "-1e2",
    "-11.50",
    /* Too large for hundredths in 64 bits. */
    "92233720368547759",
    "9223372036854775807",
    "1e20",
    "1e300",
    /* Wrong types. */
    "true",
    "false",
    "null",
    "{}",
    "{\"value\": \"1.50\"}",
    "[]",
    "[\"1.50\"]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = node_from (cases[i]);
      g_autoptr(GError) error = NULL;
      gint64 value = 4242;

      g_test_message ("from JSON %s", cases[i]);
      g_assert_false (ssa_decimal_from_json (node, &value, &error));
      g_assert_error (error, SSA_ERROR, SSA_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_cmpint (value, ==, 4242);
    }
}

static void
assert_mul_div (const gint64 *factors,
                guint         n_factors,
                gint64        divisor,
                gint64        expected)
{
  gint64 value = -1;

  g_assert_true (ssa_decimal_mul_div (factors, n_factors, divisor, &value));
  g_assert_cmpint (value, ==, expected);
}

static void
test_mul_div_rounding (void)
{
  /* Worked example 1: 7.85 SSC at 11.50 NOK is 90.275, which rounds up to 90.28. */
  {
    const gint64 f[] = { 785, 1150 };
    assert_mul_div (f, 2, 100, 9028);
  }
  /* 5 voicemail at 1.57 SSC per year for 12 months: exactly 7.85. */
  {
    const gint64 f[] = { 5, 157, 12, 100 };
    assert_mul_div (f, 4, 1200, 785);
  }
  /* Worked example 2's back-payment: round (5 * 1.57 * 5 * 2 / 12) = round (6.5416…) = 6.54. */
  {
    const gint64 f[] = { 5, 157, 5, 200 };
    assert_mul_div (f, 4, 1200, 654);
  }
  /* Worked example 1's VAT: 1642.78 * 25 % = 410.695, up to 410.70. */
  {
    const gint64 f[] = { 164278, 2500 };
    assert_mul_div (f, 2, 10000, 41070);
  }
  /* Worked example 3: round (10 * 6.75 * 10 / 12) = 56.25; 56.25 * 11.50 = 646.875 → 646.88. */
  {
    const gint64 f1[] = { 10, 675, 10, 100 };
    const gint64 f2[] = { 5625, 1150 };
    assert_mul_div (f1, 4, 1200, 5625);
    assert_mul_div (f2, 2, 100, 64688);
  }
  /* Exactly half a hundredth rounds up; just below half rounds down; just above up. */
  {
    const gint64 half[] = { 5000 };
    const gint64 below[] = { 4999 };
    const gint64 above[] = { 5001 };
    const gint64 one_half[] = { 15000 };
    const gint64 one_below[] = { 14999 };
    assert_mul_div (half, 1, 10000, 1);
    assert_mul_div (below, 1, 10000, 0);
    assert_mul_div (above, 1, 10000, 1);
    assert_mul_div (one_half, 1, 10000, 2);
    assert_mul_div (one_below, 1, 10000, 1);
  }
  /* .4999… of a big odd divisor stays down, .5 goes up. */
  {
    const gint64 below[] = { 49999999 };
    const gint64 half[] = { 2, 25000000 };
    assert_mul_div (below, 1, 100000000, 0);
    assert_mul_div (half, 2, 100000000, 1);
  }
  /* Thirds never tie. */
  {
    const gint64 one[] = { 1 };
    const gint64 two[] = { 2 };
    const gint64 four[] = { 4 };
    const gint64 five[] = { 5 };
    assert_mul_div (one, 1, 3, 0);
    assert_mul_div (two, 1, 3, 1);
    assert_mul_div (four, 1, 3, 1);
    assert_mul_div (five, 1, 3, 2);
  }
  /* An odd divisor and an exact quotient. */
  {
    const gint64 f[] = { 7, 11, 13 };
    assert_mul_div (f, 3, 7, 143);
  }
  /* Zero stays zero; a divisor of 1 is the product. */
  {
    const gint64 zero[] = { 0, G_MAXINT64, G_MAXINT64 };
    const gint64 f[] = { 20, 675, 12 };
    assert_mul_div (zero, 3, 1, 0);
    assert_mul_div (f, 3, 1, 162000);
  }
}

static void
test_mul_div_exact_128 (void)
{
  /* The intermediate product is exact in 128 bits: (2^63 - 1)^2 / (2^63 - 1). */
  {
    const gint64 f[] = { G_MAXINT64, G_MAXINT64 };
    assert_mul_div (f, 2, G_MAXINT64, G_MAXINT64);
  }
  /* (2^63 - 1) * 2^42 is far beyond 64 bits; divided back by 2^42 it is exact. */
  {
    const gint64 f[] = { G_MAXINT64, 4, G_GINT64_CONSTANT (1) << 40 };
    assert_mul_div (f, 3, G_GINT64_CONSTANT (1) << 42, G_MAXINT64);
  }
  /* (2^64 - 2) / 2 = 2^63 - 1 is the largest result that fits. */
  {
    const gint64 f[] = { 2, G_MAXINT64 };
    assert_mul_div (f, 2, 2, G_MAXINT64);
  }
  /* Large but fitting: 1 000 000 licences at 73 786 976 294.83 SSC per year, 12 months. */
  {
    const gint64 f[] = { 1000000, G_GINT64_CONSTANT (7378697629483), 12, 100 };
    assert_mul_div (f, 4, 1200, G_GINT64_CONSTANT (7378697629483000000));
  }
}

static void
assert_mul_div_refused (const gint64 *factors,
                        guint         n_factors,
                        gint64        divisor)
{
  gint64 value = 4242;

  g_assert_false (ssa_decimal_mul_div (factors, n_factors, divisor, &value));
  g_assert_cmpint (value, ==, 4242);
}

static void
test_mul_div_overflow (void)
{
  /* The 128-bit product overflows: 5 * (2^63 - 1)^2 > 2^128. */
  {
    const gint64 f[] = { G_MAXINT64, G_MAXINT64, 5 };
    assert_mul_div_refused (f, 3, G_MAXINT64);
  }
  /* Exactly 2^128 would wrap to 0 in unchecked 128-bit arithmetic. */
  {
    const gint64 two32 = G_GINT64_CONSTANT (1) << 32;
    const gint64 f[] = { two32, two32, two32, two32 };
    assert_mul_div_refused (f, 4, G_MAXINT64);
  }
  /* 2^64 * 2^64 wraps to 0 as well. */
  {
    const gint64 two62 = G_GINT64_CONSTANT (1) << 62;
    const gint64 f[] = { two62, two62, 16 };
    assert_mul_div_refused (f, 3, G_MAXINT64);
  }
  /* The product fits in 128 bits but the result does not fit in 64. */
  {
    const gint64 f[] = { G_MAXINT64, G_MAXINT64, 3 };
    assert_mul_div_refused (f, 3, G_MAXINT64);
  }
  {
    const gint64 f[] = { G_MAXINT64, 2 };
    assert_mul_div_refused (f, 2, 1);
  }
  {
    const gint64 f[] = { G_GINT64_CONSTANT (1) << 62, 2 };
    assert_mul_div_refused (f, 2, 1);
  }
  /* Rounding up is what pushes it over: (2^64 - 1) / 2 = 2^63 - 0.5 → 2^63.
   * 2^64 - 1 = 3 * 5 * 17 * 257 * 641 * 65537 * 6700417. */
  {
    const gint64 f[] = { 3, 5, 17, 257, 641, 65537, 6700417 };
    assert_mul_div_refused (f, G_N_ELEMENTS (f), 2);
  }
  /* One more licence than fits: 1 000 000 at 92 233 720 368.55 SSC per year. */
  {
    const gint64 f[] = { 1000000, G_GINT64_CONSTANT (9223372036855), 12, 100 };
    assert_mul_div_refused (f, 4, 1200);
  }
}

static void
test_add (void)
{
  gint64 value = 0;

  g_assert_true (ssa_decimal_add (155250, 9028, &value));
  g_assert_cmpint (value, ==, 164278);
  g_assert_true (ssa_decimal_add (G_MAXINT64 - 1, 1, &value));
  g_assert_cmpint (value, ==, G_MAXINT64);
  g_assert_false (ssa_decimal_add (G_MAXINT64, 1, &value));
  g_assert_false (ssa_decimal_add (G_MAXINT64 / 2 + 1, G_MAXINT64 / 2 + 1, &value));
}

static void
assert_to_string (gint64      hundredths,
                  const char *expected)
{
  g_autofree char *text = ssa_decimal_to_string (hundredths);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_to_string (void)
{
  assert_to_string (155250, "1552.50");
  assert_to_string (5, "0.05");
  assert_to_string (0, "0.00");
  assert_to_string (10, "0.10");
  assert_to_string (100, "1.00");
  assert_to_string (123456, "1234.56");
  assert_to_string (376468, "3764.68");
  assert_to_string (G_MAXINT64, "92233720368547758.07");
  /* Negative values never appear in the files, but must not print garbage. */
  assert_to_string (-5, "-0.05");
  assert_to_string (-155250, "-1552.50");
  assert_to_string (G_MININT64, "-92233720368547758.08");
}

static void
test_round_trip (void)
{
  static const gint64 values[] = {
    0, 1, 9, 10, 99, 100, 101, 155250, 9028, 376468, G_MAXINT64 - 1, G_MAXINT64,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = ssa_decimal_to_string (values[i]);
      gint64 back = -1;

      g_assert_true (ssa_decimal_parse (text, &back, NULL));
      g_assert_cmpint (back, ==, values[i]);
    }
}

typedef struct
{
  gint64      hundredths;
  const char *nb;
  const char *en;
} Formatted;

static void
test_format (void)
{
  static const Formatted cases[] = {
    { 123450, "1 234,50", "1,234.50" },
    { 0, "0,00", "0.00" },
    { 5, "0,05", "0.05" },
    { 500, "5,00", "5.00" },
    { 99900, "999,00", "999.00" },
    { 99999, "999,99", "999.99" },
    { 100000, "1 000,00", "1,000.00" },
    { 1000000, "10 000,00", "10,000.00" },
    { 10000000, "100 000,00", "100,000.00" },
    { 100000000, "1 000 000,00", "1,000,000.00" },
    { 376468, "3 764,68", "3,764.68" },
    { 12345678901, "123 456 789,01", "123,456,789.01" },
    { G_MAXINT64, "92 233 720 368 547 758,07", "92,233,720,368,547,758.07" },
    /* U+2212 MINUS SIGN in Bokmål, a hyphen-minus in English. */
    { -123450, "−1 234,50", "-1,234.50" },
    { -5, "−0,05", "-0.05" },
    { -100000000, "−1 000 000,00", "-1,000,000.00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *nb = ssa_decimal_format (cases[i].hundredths, SSA_LANG_NB);
      g_autofree char *en = ssa_decimal_format (cases[i].hundredths, SSA_LANG_EN);

      g_assert_cmpstr (nb, ==, cases[i].nb);
      g_assert_cmpstr (en, ==, cases[i].en);
    }
}

static void
test_money_format (void)
{
  g_autofree char *nb = ssa_money_format (123450, "NOK", SSA_LANG_NB);
  g_autofree char *en = ssa_money_format (123450, "NOK", SSA_LANG_EN);
  g_autofree char *nb_default = ssa_money_format (376468, NULL, SSA_LANG_NB);
  g_autofree char *en_default = ssa_money_format (376468, NULL, SSA_LANG_EN);
  g_autofree char *nb_eur = ssa_money_format (123450, "EUR", SSA_LANG_NB);
  g_autofree char *en_eur = ssa_money_format (123450, "EUR", SSA_LANG_EN);
  g_autofree char *nb_zero = ssa_money_format (0, "NOK", SSA_LANG_NB);
  g_autofree char *en_zero = ssa_money_format (0, "NOK", SSA_LANG_EN);

  g_assert_cmpstr (nb, ==, "1 234,50 kr");
  g_assert_cmpstr (en, ==, "NOK 1,234.50");
  g_assert_cmpstr (nb_default, ==, "3 764,68 kr");
  g_assert_cmpstr (en_default, ==, "NOK 3,764.68");
  g_assert_cmpstr (nb_eur, ==, "1 234,50 EUR");
  g_assert_cmpstr (en_eur, ==, "EUR 1,234.50");
  g_assert_cmpstr (nb_zero, ==, "0,00 kr");
  g_assert_cmpstr (en_zero, ==, "NOK 0.00");
}

static void
test_lang (void)
{
  g_assert_cmpint (ssa_lang_from_string ("nb"), ==, SSA_LANG_NB);
  g_assert_cmpint (ssa_lang_from_string ("nb_NO.UTF-8"), ==, SSA_LANG_NB);
  g_assert_cmpint (ssa_lang_from_string ("nn_NO"), ==, SSA_LANG_NB);
  g_assert_cmpint (ssa_lang_from_string ("no"), ==, SSA_LANG_NB);
  g_assert_cmpint (ssa_lang_from_string ("en"), ==, SSA_LANG_EN);
  g_assert_cmpint (ssa_lang_from_string ("en_GB.UTF-8"), ==, SSA_LANG_EN);
  g_assert_cmpint (ssa_lang_from_string ("C"), ==, SSA_LANG_EN);
  g_assert_cmpint (ssa_lang_from_string ("de_DE"), ==, SSA_LANG_EN);
  g_assert_cmpint (ssa_lang_from_string (NULL), ==, SSA_LANG_EN);
  g_assert_cmpstr (ssa_lang_to_string (SSA_LANG_NB), ==, "nb");
  g_assert_cmpstr (ssa_lang_to_string (SSA_LANG_EN), ==, "en");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* A failed check marks its test failed and the other tests still run. */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/decimal/parse/accepted", test_parse_accepted);
  g_test_add_func ("/decimal/parse/refused", test_parse_refused);
  g_test_add_func ("/decimal/parse/null-output", test_parse_null_output);
  g_test_add_func ("/decimal/from-json/accepted", test_from_json_accepted);
  g_test_add_func ("/decimal/from-json/decimal-fractions", test_from_json_decimal_fractions);
  g_test_add_func ("/decimal/from-json/refused", test_from_json_refused);
  g_test_add_func ("/decimal/from-json/sweep", test_from_json_sweep);
  g_test_add_func ("/decimal/mul-div/rounding", test_mul_div_rounding);
  g_test_add_func ("/decimal/mul-div/exact-128", test_mul_div_exact_128);
  g_test_add_func ("/decimal/mul-div/overflow", test_mul_div_overflow);
  g_test_add_func ("/decimal/add", test_add);
  g_test_add_func ("/decimal/to-string", test_to_string);
  g_test_add_func ("/decimal/round-trip", test_round_trip);
  g_test_add_func ("/decimal/format", test_format);
  g_test_add_func ("/decimal/money-format", test_money_format);
  g_test_add_func ("/decimal/lang", test_lang);

  return g_test_run ();
}
