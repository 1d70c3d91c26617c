/* test-version.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib.h>

#include "ssa-version.h"

/* Firmware versions of docs/rules.md: "the major version is the number, the release the
 * rN (1 where absent), and the rest is ignored for support decisions". */

typedef struct
{
  const char *text;
  int         major;
  int         release;
} VersionCase;

static void
test_spec_forms (void)
{
  /* Every form docs/rules.md lists. */
  static const VersionCase cases[] = {
    { "13r2", 13, 2 },
    { "13r2sr14", 13, 2 },
    { "13r2 sr14", 13, 2 },
    { "V13r2", 13, 2 },
    { "14r1 hotfix 3", 14, 1 },
    { "12r1 dvl", 12, 1 },
    { "9", 9, 1 },
    { "9 hotfix 10", 9, 1 },
    { "6.00", 6, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SsaFirmwareVersion version = { -1, -1 };

      g_test_message ("parse “%s”", cases[i].text);
      g_assert_true (ssa_firmware_version_parse (cases[i].text, &version));
      g_assert_cmpint (version.major, ==, cases[i].major);
      g_assert_cmpint (version.release, ==, cases[i].release);
    }
}

static void
test_other_forms (void)
{
  /* The forms of the sample data and of the version tables. */
  static const VersionCase cases[] = {
    { "14r2 sr3", 14, 2 },
    { "13r3 sr10", 13, 3 },
    { "15r1 sr4", 15, 1 },
    { "16r1 sr1", 16, 1 },
    { "16r1", 16, 1 },
    { "10", 10, 1 },
    { "11r1", 11, 1 },
    { "V14r2", 14, 2 },
    { "13r10", 13, 10 },
    { "5", 5, 1 },
    { "6", 6, 1 },
    { "7.00", 7, 1 },
    { "14r1hotfix3", 14, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SsaFirmwareVersion version = { -1, -1 };

      g_test_message ("parse “%s”", cases[i].text);
      g_assert_true (ssa_firmware_version_parse (cases[i].text, &version));
      g_assert_cmpint (version.major, ==, cases[i].major);
      g_assert_cmpint (version.release, ==, cases[i].release);
    }
}

static void
test_refused (void)
{
  static const char * const cases[] = {
    "",
    " ",
    "abc",
    "r2",
    "V",
    "Vr2",
    "sr14",
    "hotfix 3",
    "dvl",
    "-13r2",
    ".00",
    "99999999999999999999",
  };
  SsaFirmwareVersion version = { -1, -1 };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("parse “%s”", cases[i]);
      g_assert_false (ssa_firmware_version_parse (cases[i], &version));
    }

  g_assert_false (ssa_firmware_version_parse (NULL, &version));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  /* A failed check marks its test failed and the other tests still run. */
  g_test_set_nonfatal_assertions ();

  g_test_add_func ("/version/spec-forms", test_spec_forms);
  g_test_add_func ("/version/other-forms", test_other_forms);
  g_test_add_func ("/version/refused", test_refused);

  return g_test_run ();
}
