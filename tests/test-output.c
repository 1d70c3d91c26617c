/* test-output.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE  /* unshare(), CLONE_NEWNS */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "ssa-db.h"
#include "ssa-offer-pdf.h"
#include "ssa-offer-xlsx.h"
#include "ssa-output.h"

#include "test-docs.h"
#include "test-util.h"

/* The one writer of every output file, on real files: regular files replaced whole or not
 * at all, a real FIFO and real devices written through and never replaced, folders, sockets
 * and disks refused, the open database refused however the path leads to it, a file size
 * limit and a full disk (a real tmpfs) reported in words with nothing left behind. */

typedef struct
{
  char *dir;
} Fixture;

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("ssa-output-test-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names in the folder, sorted and joined with spaces: a failed write leaves no hidden
 * temporary file. */
static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
assert_contents (const char *path,
                 const char *expected)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, expected);
}

static void
test_regular (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = path_in (f, "out.txt");
  g_autofree char *listing = NULL;
  g_autoptr(SsaOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  /* A new file: nothing there before the commit, then all of it. */
  output = ssa_output_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_output_write (output, "first ", 6, &error));
  g_assert_true (ssa_output_write (output, "version\n", 8, &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (ssa_output_commit (output, &error));
  g_assert_no_error (error);
  g_clear_pointer (&output, ssa_output_free);
  assert_contents (path, "first version\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);

  /* Replaced, keeping its permissions. */
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  g_assert_true (ssa_output_replace_contents (path, "second\n", 7, &error));
  g_assert_no_error (error);
  assert_contents (path, "second\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Given up (freed without a commit): the file stays as it was, no temporary file. */
  output = ssa_output_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_output_write (output, "lost", 4, &error));
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, !=, "out.txt");   /* the temporary file is there meanwhile */
  g_clear_pointer (&output, ssa_output_free);
  g_clear_pointer (&listing, g_free);
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "out.txt");
  assert_contents (path, "second\n");
}

static void
test_symlink_followed (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *target = path_in (f, "target.txt");
  g_autofree char *link = path_in (f, "link.txt");
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_true (g_file_set_contents (target, "old", -1, NULL));
  g_assert_cmpint (symlink ("target.txt", link), ==, 0);

  /* The file the link leads to is replaced; the link stays a link. */
  g_assert_true (ssa_output_replace_contents (link, "new", 3, &error));
  g_assert_no_error (error);
  assert_contents (target, "new");
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
}

static void
test_fifo (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = path_in (f, "pipe");
  g_autofree char *listing = NULL;
  g_autoptr(SsaOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  TestFifoReader reader = { path, g_string_new (NULL) };
  GThread *thread;
  GStatBuf st;
  char buffer[16];
  int fd;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);

  /* Written through to a real reader, in full; the FIFO stays a FIFO. */
  thread = g_thread_new ("fifo-reader", test_fifo_reader_thread, &reader);
  output = ssa_output_open (path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *line = g_strdup_printf ("line %u of the document\n", i);

      g_string_append (expected, line);
      g_assert_true (ssa_output_write (output, line, strlen (line), &error));
    }
  g_assert_true (ssa_output_commit (output, &error));
  g_assert_no_error (error);
  g_thread_join (thread);
  g_assert_cmpstr (reader.received->str, ==, expected->str);
  g_string_free (reader.received, TRUE);

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "pipe");

  /* A write that is given up sends nothing: a reader sees the end at once, no bytes. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  g_clear_pointer (&output, ssa_output_free);
  output = ssa_output_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ssa_output_write (output, "partial", 7, &error));
  ssa_output_abort (output);
  g_assert_cmpint (read (fd, buffer, sizeof buffer), ==, 0);
  close (fd);
}

static void
test_devices (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *null_node = path_in (f, "null");
  g_autofree char *disk_node = path_in (f, "disk");
  g_autoptr(GError) error = NULL;
  GStatBuf before, after;

  /* /dev/null takes the bytes and stays the system's /dev/null. */
  g_assert_cmpint (g_stat ("/dev/null", &before), ==, 0);
  g_assert_true (ssa_output_replace_contents ("/dev/null", "nothing", 7, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat ("/dev/null", &after), ==, 0);
  g_assert_true (S_ISCHR (after.st_mode));
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_cmpuint (after.st_rdev, ==, before.st_rdev);

  /* A device node of our own, so that nothing of the system is at stake. */
  if (mknod (null_node, S_IFCHR | 0666, makedev (1, 3)) != 0 ||
      mknod (disk_node, S_IFBLK | 0600, makedev (7, 250)) != 0)
    {
      g_test_skip ("mknod is not permitted here (not root): the device nodes of the test's "
                   "own were not made; /dev/null was tested");
      return;
    }

  g_assert_true (ssa_output_replace_contents (null_node, "nothing", 7, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_lstat (null_node, &after), ==, 0);
  g_assert_true (S_ISCHR (after.st_mode));

  /* A disk device is refused before anything is written. */
  g_assert_false (ssa_output_check (disk_node, &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NOT_A_FILE);
  g_assert_nonnull (strstr (error->message, "disk"));
  g_clear_error (&error);
  g_assert_false (ssa_output_replace_contents (disk_node, "x", 1, &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NOT_A_FILE);
  g_assert_cmpint (g_lstat (disk_node, &after), ==, 0);
  g_assert_true (S_ISBLK (after.st_mode));
}

static void
test_refused_types (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *folder = path_in (f, "folder");
  g_autofree char *socket_path = path_in (f, "socket");
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "out.pdf", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  struct sockaddr_un address = { .sun_family = AF_UNIX };
  GStatBuf st;
  int fd;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_false (ssa_output_replace_contents (folder, "x", 1, &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NOT_A_FILE);
  g_assert_nonnull (strstr (error->message, "is a folder"));
  g_clear_error (&error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpuint (strlen (socket_path), <, sizeof address.sun_path);
  strcpy (address.sun_path, socket_path);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_false (ssa_output_replace_contents (socket_path, "x", 1, &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NOT_A_FILE);
  g_assert_nonnull (strstr (error->message, "socket"));
  g_clear_error (&error);
  g_assert_cmpint (g_lstat (socket_path, &st), ==, 0);
  g_assert_true (S_ISSOCK (st.st_mode));
  close (fd);

  g_assert_false (ssa_output_replace_contents (missing, "x", 1, &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NO_FOLDER);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  g_assert_false (ssa_output_check ("", &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NOT_A_FILE);

  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "folder socket");
}

static void
assert_protected (const char *path,
                  const char *expected)
{
  g_autoptr(GError) error = NULL;

  g_test_message ("refused: %s", path);
  g_assert_false (ssa_output_check (path, &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_PROTECTED);
  g_assert_nonnull (strstr (error->message, expected));
  g_clear_error (&error);
  g_assert_false (ssa_output_replace_contents (path, "not a database", 14, &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_PROTECTED);
}

static void
test_protected_database (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *db_path = path_in (f, "ssa.db");
  g_autofree char *wal = path_in (f, "ssa.db-wal");
  g_autofree char *shm = path_in (f, "ssa.db-shm");
  g_autofree char *journal = path_in (f, "ssa.db-journal");
  g_autofree char *symlink_path = path_in (f, "link.pdf");
  g_autofree char *wal_link = path_in (f, "wal-link.pdf");
  g_autofree char *hard_link = path_in (f, "hard.pdf");
  g_autofree char *sub = path_in (f, "sub");
  g_autofree char *dotdot = g_build_filename (f->dir, "sub", "..", "ssa.db", NULL);
  g_autofree char *header = NULL;
  g_autoptr(GError) error = NULL;
  SsaDb *db;
  GStatBuf before, after;

  db = ssa_db_open (db_path, SSA_DB_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (db_path, &before), ==, 0);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (symlink ("ssa.db", symlink_path), ==, 0);
  g_assert_cmpint (symlink (wal, wal_link), ==, 0);
  g_assert_cmpint (link (db_path, hard_link), ==, 0);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);

  assert_protected (db_path, "is the database in use");
  assert_protected (symlink_path, "leads to the database");
  assert_protected (hard_link, "leads to the database");
  assert_protected (dotdot, "leads to the database");
  assert_protected (wal, "journal file of the database");
  assert_protected (shm, "journal file of the database");
  assert_protected (journal, "journal file of the database");
  assert_protected (wal_link, "journal file of the database");

  /* The database is whole: the same file, still a database. */
  g_assert_cmpint (g_stat (db_path, &after), ==, 0);
  g_assert_cmpuint (after.st_ino, ==, before.st_ino);
  g_assert_true (g_file_get_contents (db_path, &header, NULL, NULL));
  g_assert_true (g_str_has_prefix (header, "SQLite format 3"));
  g_assert_cmpint (ssa_db_get_schema_version (db), >, 0);

  /* Once closed, the path is a file like another. */
  ssa_db_close (db);
  g_assert_true (ssa_output_check (dotdot, &error));
  g_assert_no_error (error);
}

static void
test_protected_input (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *input = path_in (f, "installation.json");
  g_autofree char *link = path_in (f, "out.json");
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (input, "{}", -1, NULL));
  g_assert_cmpint (symlink (input, link), ==, 0);

  ssa_output_protect (input, SSA_OUTPUT_PROTECT_INPUT);
  assert_protected (input, "is an input of this command");
  assert_protected (link, "an input of this command");
  assert_contents (input, "{}");

  ssa_output_unprotect (input, SSA_OUTPUT_PROTECT_INPUT);
  g_assert_true (ssa_output_replace_contents (link, "[]", 2, &error));
  g_assert_no_error (error);
  assert_contents (input, "[]");
}

/* Standard output gets the bytes at commit, or nothing at all. */
static void
test_stdout (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(SsaOutput) complete = ssa_output_open (SSA_OUTPUT_STDOUT, NULL);
      g_autoptr(SsaOutput) given_up = ssa_output_open ("-", NULL);

      g_assert_true (ssa_output_write (given_up, "partial ", 8, NULL));
      ssa_output_abort (given_up);
      g_assert_true (ssa_output_write (complete, "all of ", 7, NULL));
      g_assert_true (ssa_output_write (complete, "it\n", 3, NULL));
      g_assert_true (ssa_output_commit (complete, NULL));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("all of it\n");
}

static void
test_temp_path (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = path_in (f, "book.xlsx");
  g_autofree char *listing = NULL;
  g_autoptr(SsaOutput) output = NULL;
  g_autoptr(GError) error = NULL;
  const char *temp;
  FILE *stream;

  /* A library that writes by name (fopen, as libxlsxwriter): its file is committed. */
  output = ssa_output_open (path, &error);
  temp = ssa_output_get_temp_path (output, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (temp, f->dir));
  stream = fopen (temp, "wb");
  g_assert_nonnull (stream);
  g_assert_cmpint (fputs ("workbook", stream), >=, 0);
  g_assert_cmpint (fclose (stream), ==, 0);
  g_assert_true (ssa_output_commit (output, &error));
  g_assert_no_error (error);
  assert_contents (path, "workbook");
  g_clear_pointer (&output, ssa_output_free);

  /* A file put in the temporary file's place (g_file_set_contents() renames a file of its
   * own there) is not what was written: refused, and nothing is left. */
  output = ssa_output_open (path, &error);
  temp = ssa_output_get_temp_path (output, &error);
  g_assert_cmpint (g_unlink (temp), ==, 0);
  g_assert_true (g_file_set_contents (temp, "another", -1, NULL));
  g_assert_false (ssa_output_commit (output, &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_FAILED);
  assert_contents (path, "workbook");
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "book.xlsx");
}

/* Runs @body in a child process under a file size limit of @limit bytes, with SIGXFSZ
 * ignored as the programs ignore it; the child's exit status says whether @body's
 * assertions held. */
static void
run_under_size_limit (rlim_t   limit,
                      void   (*body) (gpointer data),
                      gpointer data)
{
  int status = 0;
  pid_t pid;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit rl = { limit, limit };

      signal (SIGXFSZ, SIG_IGN);
      if (setrlimit (RLIMIT_FSIZE, &rl) != 0)
        _exit (3);
      body (data);
      _exit (0);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
write_large_file (gpointer data)
{
  g_autoptr(SsaOutput) output = ssa_output_open (data, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *block = g_malloc0 (4096);
  gboolean ok = TRUE;

  for (guint i = 0; ok && i < 64; i++)
    ok = ssa_output_write (output, block, 4096, &error);
  if (ok || !g_error_matches (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_TOO_LARGE))
    _exit (1);
  g_clear_error (&error);
  /* The failure stays: the commit refuses too. */
  if (ssa_output_commit (output, &error) ||
      !g_error_matches (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_TOO_LARGE) ||
      strstr (error->message, "file size limit") == NULL)
    _exit (2);
}

static void
write_pdf_and_xlsx (gpointer data)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = test_docs_sample_offer ("lapsed", "2026-11-28", &inventory);
  g_autofree char *pdf = g_build_filename (data, "offer.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (data, "offer.xlsx", NULL);
  g_autoptr(GError) error = NULL;

  if (ssa_offer_pdf_write (offer, inventory, NULL, pdf, &error) ||
      !g_error_matches (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_TOO_LARGE) ||
      strstr (error->message, "offer.pdf") == NULL)
    _exit (1);
  g_clear_error (&error);
  if (ssa_offer_xlsx_write (offer, inventory, NULL, xlsx, &error) ||
      !g_error_matches (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_TOO_LARGE))
    _exit (2);
}

static void
test_size_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = path_in (f, "large.bin");
  g_autofree char *listing = NULL;

  g_assert_true (g_file_set_contents (path, "kept", -1, NULL));
  run_under_size_limit (16 * 1024, write_large_file, path);
  run_under_size_limit (4 * 1024, write_pdf_and_xlsx, f->dir);

  /* The old file as it was; no document, no temporary file. */
  assert_contents (path, "kept");
  listing = list_dir (f->dir);
  g_assert_cmpstr (listing, ==, "large.bin");
}

/* The tmpfs part of test_full_disk(), in a child with a mount namespace of its own: the
 * file system disappears with the child, even when an assertion stops it. */
static void
fill_small_disk (const char *mount_point)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = test_docs_sample_offer ("lapsed", "2026-11-28", &inventory);
  g_autofree char *kept = g_build_filename (mount_point, "kept.txt", NULL);
  g_autofree char *pdf = g_build_filename (mount_point, "offer.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (mount_point, "offer.xlsx", NULL);
  g_autofree char *listing = NULL;
  g_autofree char *block = g_malloc0 (64 * 1024);
  g_autoptr(GError) error = NULL;

  if (unshare (CLONE_NEWNS) != 0 ||
      mount ("none", "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
      mount ("tmpfs", mount_point, "tmpfs", 0, "size=8k") != 0)
    {
      g_printerr ("cannot mount a tmpfs: %s\n", g_strerror (errno));
      _exit (77);
    }

  /* A file system of 8 KiB: two pages, one for the file that is kept. */
  g_assert_true (ssa_output_replace_contents (kept, "kept", 4, &error));
  g_assert_no_error (error);
  g_assert_false (ssa_output_replace_contents (kept, block, 64 * 1024, &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "kept.txt"));
  g_clear_error (&error);

  g_assert_false (ssa_offer_pdf_write (offer, inventory, NULL, pdf, &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "offer.pdf"));
  g_clear_error (&error);
  g_assert_false (ssa_offer_xlsx_write (offer, inventory, NULL, xlsx, &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_FULL);
  g_clear_error (&error);

  assert_contents (kept, "kept");
  listing = list_dir (mount_point);
  g_assert_cmpstr (listing, ==, "kept.txt");
  _exit (0);
}

static void
test_full_disk (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(SsaInventory) inventory = NULL;
  g_autoptr(SsaOffer) offer = test_docs_sample_offer ("lapsed", "2026-11-28", &inventory);
  g_autofree char *mount_point = path_in (f, "small");
  g_autoptr(GError) error = NULL;
  int status = 0;
  pid_t pid;

  /* /dev/full: a device that is always full. */
  g_assert_false (ssa_offer_pdf_write (offer, inventory, NULL, "/dev/full", &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  g_clear_error (&error);
  g_assert_false (ssa_offer_xlsx_write (offer, inventory, NULL, "/dev/full", &error));
  g_assert_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_FULL);
  g_clear_error (&error);

  /* A real, small file system. */
  g_assert_cmpint (g_mkdir (mount_point, 0700), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    fill_small_disk (mount_point);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  if (WEXITSTATUS (status) == 77)
    {
      g_test_skip ("a tmpfs cannot be mounted here (not root, or no mount namespace): the "
                   "full disk was tested with /dev/full only");
      return;
    }
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/output/regular", Fixture, NULL, setup, test_regular, teardown);
  g_test_add ("/output/symlink-followed", Fixture, NULL, setup, test_symlink_followed,
              teardown);
  g_test_add ("/output/fifo", Fixture, NULL, setup, test_fifo, teardown);
  g_test_add ("/output/devices", Fixture, NULL, setup, test_devices, teardown);
  g_test_add ("/output/refused-types", Fixture, NULL, setup, test_refused_types, teardown);
  g_test_add ("/output/protected-database", Fixture, NULL, setup, test_protected_database,
              teardown);
  g_test_add ("/output/protected-input", Fixture, NULL, setup, test_protected_input,
              teardown);
  g_test_add_func ("/output/stdout", test_stdout);
  g_test_add ("/output/temp-path", Fixture, NULL, setup, test_temp_path, teardown);
  g_test_add ("/output/size-limit", Fixture, NULL, setup, test_size_limit, teardown);
  g_test_add ("/output/full-disk", Fixture, NULL, setup, test_full_disk, teardown);

  return g_test_run ();
}
