/* test-docs.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>
#include <sys/wait.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "ssa-date.h"
#include "ssa-document.h"
#include "ssa-offer.h"
#include "ssa-samples.h"

#include "test-cli-util.h"
#include "test-util.h"

/* Helpers shared by the tests of the customer documents (test-pdf, test-xlsx). */

/* Computes the offer for a sample installation with the sample price list, as
 * `ssa-desk-cli quote --today TODAY` would. */
static inline SsaOffer *
test_docs_sample_offer (const char    *name,
                        const char    *today,
                        SsaInventory **out_inventory)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SsaPriceList) price_list = ssa_samples_load_price_list (&error);
  g_autoptr(SsaInventory) inventory = NULL;
  g_autofree char *file = g_strconcat (name, ".json", NULL);
  SsaOfferRequest request;
  SsaOffer *offer;

  g_assert_no_error (error);
  inventory = ssa_samples_load_installation (file, &error);
  g_assert_no_error (error);

  ssa_offer_request_init (&request);
  request.today = test_date (today);
  offer = ssa_offer_compute (price_list, inventory, &request, &error);
  g_assert_no_error (error);

  if (out_inventory != NULL)
    *out_inventory = g_steal_pointer (&inventory);
  return offer;
}

/* The sample reseller, offer 2026-0042, second revision, made 28.11.2026. */
static inline SsaDocumentInfo *
test_docs_numbered_info (SsaLang lang)
{
  SsaDocumentInfo *info = ssa_document_info_new_sample ();

  info->offer_number = g_strdup ("2026-0042");
  info->revision = 2;
  info->created = test_date ("2026-11-28");
  info->lang = lang;
  return info;
}

/* ssa_offer_pdf_write() or ssa_offer_xlsx_write(). */
typedef gboolean (*TestDocsWriter) (const SsaOffer        *offer,
                                    const SsaInventory    *inventory,
                                    const SsaDocumentInfo *info,
                                    const char            *path,
                                    GError               **error);

/* Writes a document as @name in @dir; returns its path. */
static inline char *
test_docs_write (TestDocsWriter         writer,
                 const SsaOffer        *offer,
                 const SsaInventory    *inventory,
                 const SsaDocumentInfo *info,
                 const char            *dir,
                 const char            *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (writer (offer, inventory, info, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

static inline char *test_docs_make_dir (void);
static inline guint test_docs_count_files (const char *path);

/* A document for a folder that does not exist: an error, and nothing left behind. */
static inline void
test_docs_check_unwritable (TestDocsWriter writer)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = test_docs_sample_offer ("lapsed", "2026-11-28", &inventory);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_docs_make_dir ();
  g_autofree char *path = g_build_filename (dir, "no-such-folder", "offer", NULL);

  g_assert_false (writer (offer, inventory, NULL, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (test_docs_count_files (dir), ==, 0);
  test_remove_tree (dir);
}

static inline char *
test_docs_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ssa-docs-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* The number of entries of a folder: a failed write must leave nothing behind. */
static inline guint
test_docs_count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Runs a program; returns its standard output, and its exit status in @status. */
static inline char *
test_docs_run (const char * const *argv,
               int                *status,
               char              **err)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  char *err_text = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err_text, &wait_status, &error);
  g_assert_no_error (error);
  *status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  if (err != NULL)
    *err = err_text;
  else
    g_free (err_text);
  return out;
}
