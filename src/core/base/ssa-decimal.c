/* ssa-decimal.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ssa-decimal.h"
#include "ssa-error.h"

typedef unsigned __int128 ssa_u128;

/* Parses [0-9]+ ( '.' [0-9]* )? ( [eE] [+-]? [0-9]+ )? exactly into hundredths. Digits past
 * the second decimal must be zero. Used for decimal strings (without exponent) and for the
 * shortest text form of JSON numbers (which may carry one). */
static gboolean
parse_plain (const char *text,
             gboolean    allow_exponent,
             gint64     *out)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = text;
  int point = -1;
  gint64 exponent = 0;
  int scale;
  ssa_u128 value = 0;
  guint i;

  if (!g_ascii_isdigit (*p))
    return FALSE;

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == '.' && point < 0)
        {
          point = digits->len;
          if (!g_ascii_isdigit (p[1]))
            return FALSE;
        }
      else
        break;
    }

  if (*p == 'e' || *p == 'E')
    {
      gboolean negative = FALSE;

      if (!allow_exponent)
        return FALSE;
      p++;
      if (*p == '+' || *p == '-')
        negative = (*p++ == '-');
      if (!g_ascii_isdigit (*p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++)
        {
          exponent = exponent * 10 + (*p - '0');
          if (exponent > 1000)
            return FALSE;
        }
      if (negative)
        exponent = -exponent;
    }

  if (*p != '\0')
    return FALSE;

  if (point < 0)
    point = digits->len;

  /* Strings are written digits, digits.d or digits.dd: "1.230" is refused. */
  if (!allow_exponent && digits->len - point > 2)
    return FALSE;

  /* The value is digits * 10^(exponent - (len - point)); we want it times 100. */
  scale = (int) exponent - (int) (digits->len - point) + 2;

  if (scale < 0)
    {
      /* The last -scale digits are below a hundredth: they must all be zero. */
      for (i = 0; i < (guint) -scale; i++)
        {
          if (i >= digits->len)
            break;
          if (digits->str[digits->len - 1 - i] != '0')
            return FALSE;
        }
      g_string_truncate (digits, digits->len > (guint) -scale ? digits->len + scale : 0);
      scale = 0;
    }

  for (i = 0; i < digits->len; i++)
    {
      value = value * 10 + (guint) (digits->str[i] - '0');
      if (value > G_MAXINT64)
        return FALSE;
    }
  for (; scale > 0; scale--)
    {
      value *= 10;
      if (value > G_MAXINT64)
        return FALSE;
    }

  *out = (gint64) value;
  return TRUE;
}

/**
 * ssa_decimal_parse:
 * @text: a decimal such as "1552.50", "15" or "0.5"
 * @out_hundredths: (out): the value in hundredths
 * @error: a #GError
 *
 * Parses a non-negative decimal with at most two decimals, exactly: no sign, no exponent,
 * no spaces, no thousands separators.
 */
gboolean
ssa_decimal_parse (const char  *text,
                   gint64      *out_hundredths,
                   GError     **error)
{
  gint64 value;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!parse_plain (text, FALSE, &value))
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("“%s” is not a decimal with at most 2 decimals, such as “1552.50”"),
                   text);
      return FALSE;
    }

  if (out_hundredths != NULL)
    *out_hundredths = value;
  return TRUE;
}

/* Writes the shortest text that reads back as exactly @number ("1.57", not GLib 2.74's
 * g_ascii_dtostr "1.5700000000000001"): that is the number as its author wrote it. */
static void
shortest_text (double  number,
               char   *buf,
               gsize   size)
{
  static const char * const formats[] = { "%.15g", "%.16g", "%.17g" };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, size, formats[i], number);
      if (g_ascii_strtod (buf, NULL) == number)
        return;
    }
}

/**
 * ssa_decimal_from_json:
 * @node: a JSON string or number
 * @out_hundredths: (out): the value in hundredths
 * @error: a #GError
 *
 * Reads a decimal as the formats allow it: a string of the form accepted by
 * ssa_decimal_parse(), or a JSON number whose value has at most two decimals.
 */
gboolean
ssa_decimal_from_json (JsonNode  *node,
                       gint64    *out_hundredths,
                       GError   **error)
{
  GType type;

  g_return_val_if_fail (node != NULL, FALSE);

  if (!JSON_NODE_HOLDS_VALUE (node))
    goto wrong_type;

  type = json_node_get_value_type (node);

  if (type == G_TYPE_STRING)
    return ssa_decimal_parse (json_node_get_string (node), out_hundredths, error);

  if (type == G_TYPE_INT64)
    {
      gint64 v = json_node_get_int (node);

      if (v < 0)
        {
          g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                       _("must not be negative"));
          return FALSE;
        }
      if (v > G_MAXINT64 / 100)
        {
          g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID, _("is too large"));
          return FALSE;
        }
      if (out_hundredths != NULL)
        *out_hundredths = v * 100;
      return TRUE;
    }

  if (type == G_TYPE_DOUBLE)
    {
      /* JSON numbers arrive as doubles. The shortest text that reads back as the same
       * double is the number as it was written (or an equal one), so judge the number of
       * decimals on that text, exactly, rather than on binary arithmetic. */
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      double number = json_node_get_double (node);
      gint64 v;

      shortest_text (number, buf, sizeof buf);

      if (buf[0] == '-')
        {
          g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                       _("must not be negative"));
          return FALSE;
        }
      if (!parse_plain (buf, TRUE, &v))
        {
          g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                       _("%s is not a decimal with at most 2 decimals"), buf);
          return FALSE;
        }
      if (out_hundredths != NULL)
        *out_hundredths = v;
      return TRUE;
    }

wrong_type:
  g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
               _("must be a decimal string such as “11.50”"));
  return FALSE;
}

/**
 * ssa_decimal_to_string:
 * @hundredths: a value
 *
 * Returns: (transfer full): the value with exactly two decimals and a point, as the file
 *   formats write it: "1552.50".
 */
char *
ssa_decimal_to_string (gint64 hundredths)
{
  guint64 magnitude;

  if (hundredths < 0)
    {
      magnitude = (guint64) 0 - (guint64) hundredths;
      return g_strdup_printf ("-%" G_GUINT64_FORMAT ".%02u",
                              magnitude / 100, (guint) (magnitude % 100));
    }
  magnitude = (guint64) hundredths;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%02u",
                          magnitude / 100, (guint) (magnitude % 100));
}

/**
 * ssa_decimal_mul_div:
 * @factors: (array length=n_factors): non-negative factors
 * @n_factors: how many
 * @divisor: a positive divisor
 * @out: (out): the product divided by @divisor, rounded half up
 *
 * Multiplies exactly in 128 bits and rounds once. Returns %FALSE when the product does not
 * fit in 128 bits or the result does not fit in a signed 64-bit integer.
 */
gboolean
ssa_decimal_mul_div (const gint64 *factors,
                     guint         n_factors,
                     gint64        divisor,
                     gint64       *out)
{
  ssa_u128 product = 1;
  ssa_u128 quotient;
  ssa_u128 remainder;
  guint i;

  g_return_val_if_fail (divisor > 0, FALSE);

  for (i = 0; i < n_factors; i++)
    {
      g_return_val_if_fail (factors[i] >= 0, FALSE);
      if (__builtin_mul_overflow (product, (ssa_u128) factors[i], &product))
        return FALSE;
    }

  quotient = product / (ssa_u128) divisor;
  remainder = product % (ssa_u128) divisor;
  if (remainder >= (ssa_u128) divisor - remainder)
    quotient++;

  if (quotient > G_MAXINT64)
    return FALSE;

  *out = (gint64) quotient;
  return TRUE;
}

/**
 * ssa_decimal_add:
 * @a: a value
 * @b: a value
 * @out: (out): their sum
 *
 * Returns: %FALSE when the sum overflows.
 */
gboolean
ssa_decimal_add (gint64  a,
                 gint64  b,
                 gint64 *out)
{
  return !__builtin_add_overflow (a, b, out);
}

/**
 * ssa_decimal_format:
 * @hundredths: a value
 * @lang: the language
 *
 * Formats for people: "1 234,50" in Bokmål (a space between thousands and a decimal
 * comma, as Norwegian style guides have it, not glibc's nb_NO), "1,234.50" in English.
 */
char *
ssa_decimal_format (gint64  hundredths,
                    SsaLang lang)
{
  const char *thousands = lang == SSA_LANG_NB ? " " : ",";
  char point = lang == SSA_LANG_NB ? ',' : '.';
  g_autofree char *units = NULL;
  GString *out = g_string_new (NULL);
  guint64 magnitude;
  gsize len;
  gsize i;

  if (hundredths < 0)
    {
      /* U+2212 MINUS SIGN reads better than a hyphen in Norwegian text. */
      g_string_append (out, lang == SSA_LANG_NB ? "−" : "-");
      magnitude = (guint64) 0 - (guint64) hundredths;
    }
  else
    magnitude = (guint64) hundredths;

  units = g_strdup_printf ("%" G_GUINT64_FORMAT, magnitude / 100);
  len = strlen (units);
  for (i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, thousands);
      g_string_append_c (out, units[i]);
    }
  g_string_append_printf (out, "%c%02u", point, (guint) (magnitude % 100));

  return g_string_free (out, FALSE);
}

/**
 * ssa_money_format:
 * @hundredths: an amount
 * @currency: (nullable): an ISO 4217 code, "NOK" when %NULL
 * @lang: the language
 *
 * Returns: (transfer full): "1 234,50 kr" in Bokmål for NOK ("1 234,50 EUR" for others),
 *   "NOK 1,234.50" in English.
 */
char *
ssa_money_format (gint64      hundredths,
                  const char *currency,
                  SsaLang     lang)
{
  g_autofree char *number = ssa_decimal_format (hundredths, lang);

  if (currency == NULL)
    currency = "NOK";

  if (lang == SSA_LANG_NB)
    return g_strdup_printf ("%s %s", number, g_str_equal (currency, "NOK") ? "kr" : currency);

  return g_strdup_printf ("%s %s", currency, number);
}

SsaLang
ssa_lang_from_string (const char *text)
{
  if (text != NULL &&
      (g_str_has_prefix (text, "nb") || g_str_has_prefix (text, "no") ||
       g_str_has_prefix (text, "nn")))
    return SSA_LANG_NB;
  return SSA_LANG_EN;
}

/**
 * ssa_lang_from_locale:
 *
 * Returns: %SSA_LANG_NB when the user's first message language is Norwegian, else
 *   %SSA_LANG_EN.
 */
SsaLang
ssa_lang_from_locale (void)
{
  const char * const *names = g_get_language_names ();

  return ssa_lang_from_string (names[0]);
}

const char *
ssa_lang_to_string (SsaLang lang)
{
  return lang == SSA_LANG_NB ? "nb" : "en";
}
