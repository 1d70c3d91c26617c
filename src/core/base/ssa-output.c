/* ssa-output.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-documents"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ssa-output.h"

/* How many symbolic links are followed before a path is taken as a loop (as the kernel). */
#define MAX_LINKS 40

/* The longest part of the destination's name in a temporary file's name, in bytes: the
 * hidden ".NAME.XXXXXX" must stay under the 255 bytes a file name may have. */
#define MAX_TEMP_STEM 200

typedef enum
{
  KIND_FILE,      /* a regular file, new or replaced: temporary file, then rename */
  KIND_STREAM,    /* a FIFO or a character device: written through */
  KIND_STDOUT,    /* "-" */
} Kind;

struct _SsaOutput
{
  char       *path;          /* as given */
  char       *display_name;
  char       *target;        /* the file written, links followed; NULL for standard output */
  Kind        kind;
  int         fd;            /* the temporary file, or -1 */
  char       *temp_path;     /* beside the target; for a stream, a spool file once asked */
  gboolean    temp_given;    /* a library writes temp_path by name */
  GByteArray *buffer;        /* a stream's bytes until commit */
  mode_t      mode;          /* the permissions the file gets */
  GError     *error;         /* the first failure: every later call reports it */
  gboolean    finished;      /* committed or aborted */
};

typedef struct
{
  char             *path;       /* as given to ssa_output_protect() */
  char             *canonical;  /* links followed, absolute */
  SsaOutputProtect  what;
} Protected;

static GMutex protected_lock;
static GPtrArray *protected_files;   /* of Protected, under protected_lock */

static const char *const database_suffixes[] = { "", "-wal", "-shm", "-journal" };

G_DEFINE_QUARK (ssa-output-error-quark, ssa_output_error)

static void
protected_free (Protected *entry)
{
  g_free (entry->path);
  g_free (entry->canonical);
  g_free (entry);
}

/* The file a write to @path reaches: symbolic links followed (a dangling one to the file it
 * would create), "." and ".." resolved against the real folders, as an absolute path. */
static char *
resolve_target (const char *path)
{
  g_autofree char *current = g_strdup (path);
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *real_folder = NULL;
  char *real;

  for (guint i = 0; i < MAX_LINKS; i++)
    {
      g_autofree char *link = NULL;
      GStatBuf st;

      if (g_lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        break;
      link = g_file_read_link (current, NULL);
      if (link == NULL)
        break;
      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
        }
      else
        {
          g_autofree char *dir = g_path_get_dirname (current);

          g_free (current);
          current = g_build_filename (dir, link, NULL);
        }
    }

  real = realpath (current, NULL);
  if (real != NULL)
    {
      char *result = g_strdup (real);

      free (real);
      return result;
    }

  folder = g_path_get_dirname (current);
  base = g_path_get_basename (current);
  real = realpath (folder, NULL);
  if (real != NULL)
    {
      real_folder = g_strdup (real);
      free (real);
      return g_build_filename (real_folder, base, NULL);
    }
  return g_canonicalize_filename (current, NULL);
}

static gboolean
same_inode (const char     *path,
            const GStatBuf *st)
{
  GStatBuf other;

  return g_stat (path, &other) == 0 && other.st_dev == st->st_dev && other.st_ino == st->st_ino;
}

/* Whether @target (resolved), with @st when it exists, is @entry's file or, for a database,
 * one of the files SQLite keeps beside it. */
static gboolean
matches_protected (const Protected *entry,
                   const char      *target,
                   const GStatBuf  *st,
                   gboolean        *out_is_journal)
{
  guint n = (entry->what & SSA_OUTPUT_PROTECT_DATABASE) ? G_N_ELEMENTS (database_suffixes) : 1;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *candidate = g_strconcat (entry->canonical, database_suffixes[i], NULL);

      if (g_str_equal (candidate, target) || (st != NULL && same_inode (candidate, st)))
        {
          *out_is_journal = i > 0;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
check_protected (const char  *path,
                 const char  *target,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *protected_display = NULL;
  SsaOutputProtect what = 0;
  gboolean is_journal = FALSE;
  gboolean same_name = FALSE;
  GStatBuf st;
  gboolean exists = g_stat (target, &st) == 0;

  g_mutex_lock (&protected_lock);
  for (guint i = 0; protected_files != NULL && i < protected_files->len; i++)
    {
      const Protected *entry = g_ptr_array_index (protected_files, i);

      if (matches_protected (entry, target, exists ? &st : NULL, &is_journal))
        {
          protected_display = g_filename_display_name (entry->canonical);
          what = entry->what;
          same_name = g_str_equal (path, entry->path) || g_str_equal (path, entry->canonical);
          break;
        }
    }
  g_mutex_unlock (&protected_lock);

  if (protected_display == NULL)
    return TRUE;

  /* The message names the path as given, and the protected file when a link, ".." or a
   * hard link leads there. */
  if ((what & SSA_OUTPUT_PROTECT_DATABASE) && is_journal)
    g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_PROTECTED,
                 _("“%s” is a journal file of the database “%s”, which is in use: writing "
                   "there would damage the database. Choose another file."),
                 display, protected_display);
  else if ((what & SSA_OUTPUT_PROTECT_DATABASE) && same_name)
    g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_PROTECTED,
                 _("“%s” is the database in use: writing there would destroy it. Choose "
                   "another file."), display);
  else if (what & SSA_OUTPUT_PROTECT_DATABASE)
    g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_PROTECTED,
                 _("“%s” leads to the database “%s”, which is in use: writing there would "
                   "destroy it. Choose another file."),
                 display, protected_display);
  else if (same_name)
    g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_PROTECTED,
                 _("“%s” is an input of this command: writing there would replace it. "
                   "Choose another file."), display);
  else
    g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_PROTECTED,
                 _("“%s” leads to “%s”, an input of this command: writing there would "
                   "replace it. Choose another file."),
                 display, protected_display);
  return FALSE;
}

/* Refuses what is not a file to write: a folder, a socket, a disk. */
static gboolean
check_type (const char      *display,
            const GStatBuf  *st,
            GError         **error)
{
  if (S_ISREG (st->st_mode) || S_ISFIFO (st->st_mode) || S_ISCHR (st->st_mode))
    return TRUE;

  if (S_ISDIR (st->st_mode))
    g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NOT_A_FILE,
                 _("“%s” is a folder: give the name of a file in it."), display);
  else if (S_ISSOCK (st->st_mode))
    g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NOT_A_FILE,
                 _("“%s” is a socket, not a file: give the name of a file."), display);
  else if (S_ISBLK (st->st_mode))
    g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NOT_A_FILE,
                 _("“%s” is a disk device, not a file: writing there would destroy what the "
                   "disk holds. Give the name of a file."), display);
  else
    g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NOT_A_FILE,
                 _("“%s” is not a file that can be written: give the name of a file."),
                 display);
  return FALSE;
}

/* The folder must exist and take a new file: the temporary file, then the rename. */
static gboolean
check_folder (const char  *display,
              const char  *target,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (target);
  g_autofree char *folder_display = g_filename_display_name (folder);
  GStatBuf st;

  if (g_stat (folder, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NO_FOLDER,
                     _("Could not write “%s”: the folder “%s” does not exist. Create it "
                       "first, or give another file name."), display, folder_display);
      else
        g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NO_FOLDER,
                     _("Could not write “%s”: the folder “%s” cannot be used (%s)."),
                     display, folder_display, g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NO_FOLDER,
                   _("Could not write “%s”: “%s” is not a folder."), display, folder_display);
      return FALSE;
    }
  if (access (folder, W_OK | X_OK) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NO_FOLDER,
                   _("Could not write “%s”: the folder “%s” cannot be written (%s). Give "
                     "another file name."), display, folder_display, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Everything ssa_output_check() checks, with the resolved target and its type. */
static gboolean
check_path (const char  *path,
            char       **out_target,
            gboolean    *out_exists,
            GStatBuf    *out_st,
            GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *target = NULL;
  gboolean exists;

  if (path[0] == '\0')
    {
      g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_NOT_A_FILE,
                   _("The file name is empty: give a file name, or - for standard output."));
      return FALSE;
    }

  display = g_filename_display_name (path);
  target = resolve_target (path);
  if (!check_protected (path, target, error))
    return FALSE;

  exists = g_stat (target, out_st) == 0;
  if (exists && !check_type (display, out_st, error))
    return FALSE;
  if (exists && !S_ISREG (out_st->st_mode))
    {
      if (access (target, W_OK) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_FAILED,
                       _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
          return FALSE;
        }
    }
  else if (!check_folder (display, target, error))
    return FALSE;

  *out_exists = exists;
  *out_target = g_steal_pointer (&target);
  return TRUE;
}

static void
set_errno_error (GError     **error,
                 const char  *display,
                 int          saved_errno)
{
  switch (saved_errno)
    {
    case ENOSPC:
#ifdef EDQUOT
    case EDQUOT:
#endif
      g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_FULL,
                   _("Could not write “%s”: the disk is full. Make room on it, or write the "
                     "file elsewhere."), display);
      break;
    case EFBIG:
      g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_TOO_LARGE,
                   _("Could not write “%s”: the file size limit was reached. Raise the limit "
                     "(ulimit -f), or write a smaller file."), display);
      break;
    default:
      g_set_error (error, SSA_OUTPUT_ERROR, SSA_OUTPUT_ERROR_FAILED,
                   _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
      break;
    }
}

/* Remembers the first failure; every later call reports it again. */
static gboolean
fail_errno (SsaOutput  *self,
            int         saved_errno,
            GError    **error)
{
  if (self->error == NULL)
    set_errno_error (&self->error, self->display_name, saved_errno);
  if (error != NULL)
    *error = g_error_copy (self->error);
  return FALSE;
}

static gboolean
report_failure (SsaOutput  *self,
                GError    **error)
{
  if (error != NULL)
    *error = g_error_copy (self->error);
  return FALSE;
}

/* Writes all of @data, or returns the errno that stopped it. */
static int
write_all (int         fd,
           const void *data,
           gsize       len)
{
  const guint8 *p = data;

  while (len > 0)
    {
      gssize n = write (fd, p, MIN (len, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return errno;
        }
      if (n == 0)
        return EIO;
      p += n;
      len -= (gsize) n;
    }
  return 0;
}

/* Makes the rename durable; a folder that cannot be synced (some file systems) is no
 * failure of the write, which is complete. */
static void
sync_folder (const char *target)
{
  g_autofree char *folder = g_path_get_dirname (target);
  int fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return;
  (void) fsync (fd);
  close (fd);
}

static void
close_fd (SsaOutput *self)
{
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
}

static void
remove_temp (SsaOutput *self)
{
  close_fd (self);
  if (self->temp_path != NULL)
    {
      g_unlink (self->temp_path);
      g_clear_pointer (&self->temp_path, g_free);
    }
}

/* A hidden file beside @target, named after it, readable and writable by its owner only
 * until commit. */
static gboolean
open_temp_beside (SsaOutput  *self,
                  GError    **error)
{
  g_autofree char *folder = g_path_get_dirname (self->target);
  g_autofree char *base = g_path_get_basename (self->target);
  g_autofree char *name = NULL;

  if (strlen (base) > MAX_TEMP_STEM)
    base[MAX_TEMP_STEM] = '\0';
  name = g_strdup_printf (".%s.XXXXXX", base);
  self->temp_path = g_build_filename (folder, name, NULL);
  self->fd = g_mkstemp_full (self->temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&self->temp_path, g_free);
      return fail_errno (self, saved_errno, error);
    }
  return TRUE;
}

static gboolean
commit_file (SsaOutput  *self,
             GError    **error)
{
  GStatBuf st;

  /* A library that wrote the file by name must have written this file, not put another
   * in its place. */
  if (self->temp_given && (fstat (self->fd, &st) != 0 || !same_inode (self->temp_path, &st)))
    return fail_errno (self, EIO, error);
  if (fsync (self->fd) != 0 || fchmod (self->fd, self->mode) != 0)
    return fail_errno (self, errno, error);
  if (close (self->fd) != 0)
    {
      self->fd = -1;
      return fail_errno (self, errno, error);
    }
  self->fd = -1;

  /* The database may have been opened since the check: look again just before the rename. */
  if (!check_protected (self->path, self->target, &self->error))
    return report_failure (self, error);

  if (g_rename (self->temp_path, self->target) != 0)
    return fail_errno (self, errno, error);
  g_clear_pointer (&self->temp_path, g_free);
  sync_folder (self->target);
  return TRUE;
}

/* What a library wrote into the spool file, as the bytes to send. */
static gboolean
read_spool (SsaOutput  *self,
            GError    **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (self->temp_path, &contents, &length, NULL))
    return fail_errno (self, EIO, error);
  g_byte_array_set_size (self->buffer, 0);
  g_byte_array_append (self->buffer, (const guint8 *) contents, (guint) length);
  return TRUE;
}

static gboolean
commit_stream (SsaOutput  *self,
               GError    **error)
{
  GStatBuf st;
  int fd;
  int saved_errno;

  if (self->temp_given && !read_spool (self, error))
    return FALSE;
  remove_temp (self);

  if (self->kind == KIND_STDOUT)
    {
      fflush (stdout);
      saved_errno = write_all (STDOUT_FILENO, self->buffer->data, self->buffer->len);
      if (saved_errno != 0)
        return fail_errno (self, saved_errno, error);
      return TRUE;
    }

  /* Opened only now: a pipe's reader sees nothing of a write that failed before. */
  fd = open (self->target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return fail_errno (self, errno, error);
  if (fstat (fd, &st) != 0 || !(S_ISFIFO (st.st_mode) || S_ISCHR (st.st_mode)))
    {
      close (fd);
      return fail_errno (self, EIO, error);
    }
  saved_errno = write_all (fd, self->buffer->data, self->buffer->len);
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;
  if (saved_errno != 0)
    return fail_errno (self, saved_errno, error);
  return TRUE;
}

/**
 * ssa_output_protect:
 * @path: a file no output may replace
 * @what: what it is, for the message that refuses it
 *
 * Adds @path to the files of this process that ssa_output_check() refuses: the database
 * (ssa_db_open() calls this; with its -wal, -shm and -journal files) or an input of the
 * running command. Each call is undone by one ssa_output_unprotect() with the same
 * arguments.
 */
void
ssa_output_protect (const char       *path,
                    SsaOutputProtect  what)
{
  Protected *entry;

  g_return_if_fail (path != NULL);

  entry = g_new0 (Protected, 1);
  entry->path = g_strdup (path);
  entry->canonical = resolve_target (path);
  entry->what = what;

  g_mutex_lock (&protected_lock);
  if (protected_files == NULL)
    protected_files = g_ptr_array_new_with_free_func ((GDestroyNotify) protected_free);
  g_ptr_array_add (protected_files, entry);
  g_mutex_unlock (&protected_lock);
}

/**
 * ssa_output_unprotect:
 * @path: a path given to ssa_output_protect()
 * @what: what it was given with
 *
 * Undoes one ssa_output_protect() call.
 */
void
ssa_output_unprotect (const char       *path,
                      SsaOutputProtect  what)
{
  g_return_if_fail (path != NULL);

  g_mutex_lock (&protected_lock);
  for (guint i = 0; protected_files != NULL && i < protected_files->len; i++)
    {
      const Protected *entry = g_ptr_array_index (protected_files, i);

      if (entry->what == what && g_str_equal (entry->path, path))
        {
          g_ptr_array_remove_index (protected_files, i);
          break;
        }
    }
  if (protected_files != NULL && protected_files->len == 0)
    g_clear_pointer (&protected_files, g_ptr_array_unref);
  g_mutex_unlock (&protected_lock);
}

/**
 * ssa_output_is_stdout:
 * @path: (nullable): an output option's value
 *
 * Returns: whether @path is "-", standard output
 */
gboolean
ssa_output_is_stdout (const char *path)
{
  return g_strcmp0 (path, SSA_OUTPUT_STDOUT) == 0;
}

/**
 * ssa_output_is_written_through:
 *
 * Returns: whether @self is a FIFO or a character device, whose bytes go out only at
 *   commit, where they can still fail (`/dev/full`) as a file's rename hardly can
 */
gboolean
ssa_output_is_written_through (SsaOutput *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->kind == KIND_STREAM;
}

/**
 * ssa_output_check:
 * @path: an output option's value
 * @error: a #GError
 *
 * Checks, before any work, that ssa_output_open() would accept @path: "-"; a FIFO or
 * character device that can be written; or a new or regular file, in a folder that exists
 * and can be written, that is not (through links, ".." or as a hard link) a protected file.
 *
 * Returns: whether @path can be written
 */
gboolean
ssa_output_check (const char  *path,
                  GError     **error)
{
  g_autofree char *target = NULL;
  gboolean exists = FALSE;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (ssa_output_is_stdout (path))
    return TRUE;
  return check_path (path, &target, &exists, &st, error);
}

/**
 * ssa_output_open:
 * @path: the file to write, or "-" for standard output
 * @error: a #GError
 *
 * Starts writing @path after the checks of ssa_output_check(). Nothing reaches @path
 * before ssa_output_commit(); ssa_output_free() without a commit leaves @path as it was.
 *
 * Returns: (transfer full) (nullable): the output
 */
SsaOutput *
ssa_output_open (const char  *path,
                 GError     **error)
{
  g_autoptr(SsaOutput) self = NULL;
  gboolean exists = FALSE;
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (SsaOutput, 1);
  self->fd = -1;
  self->path = g_strdup (path);

  if (ssa_output_is_stdout (path))
    {
      self->display_name = g_strdup (_("standard output"));
      self->kind = KIND_STDOUT;
      self->buffer = g_byte_array_new ();
      return g_steal_pointer (&self);
    }

  self->display_name = g_filename_display_name (path);
  if (!check_path (path, &self->target, &exists, &st, error))
    return NULL;

  if (exists && !S_ISREG (st.st_mode))
    {
      self->kind = KIND_STREAM;
      self->buffer = g_byte_array_new ();
      return g_steal_pointer (&self);
    }

  /* A replaced file keeps its permissions; a new one is readable by all, as a document
   * that is sent on. */
  self->kind = KIND_FILE;
  self->mode = exists ? (st.st_mode & 07777) : 0644;
  if (!open_temp_beside (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * ssa_output_get_path:
 *
 * Returns: the path as given to ssa_output_open()
 */
const char *
ssa_output_get_path (SsaOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

/**
 * ssa_output_get_display_name:
 *
 * Returns: the path for messages, or "standard output"
 */
const char *
ssa_output_get_display_name (SsaOutput *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->display_name;
}

/**
 * ssa_output_get_temp_path:
 * @self: an output
 * @error: a #GError
 *
 * For a library that writes a file by name (libxlsxwriter, SQLite): the temporary file
 * it may write. ssa_output_commit() then checks that it is still the same file, flushes it
 * and renames it into place, or for standard output, a pipe or a device, sends its bytes.
 * Do not mix with ssa_output_write().
 *
 * Returns: (nullable): the temporary file; %NULL when none could be made (for standard
 *   output, a pipe or a device, it is made in the temporary folder)
 */
const char *
ssa_output_get_temp_path (SsaOutput  *self,
                          GError    **error)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!self->finished, NULL);

  if (self->error != NULL)
    {
      report_failure (self, error);
      return NULL;
    }
  self->temp_given = TRUE;
  if (self->temp_path != NULL)
    return self->temp_path;

  /* A stream's spool file in the temporary folder: what the library writes is sent at
   * commit. */
  self->temp_path = g_build_filename (g_get_tmp_dir (), ".ssa-desk-output-XXXXXX", NULL);
  self->fd = g_mkstemp_full (self->temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (self->fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&self->temp_path, g_free);
      fail_errno (self, saved_errno, error);
      return NULL;
    }
  return self->temp_path;
}

/**
 * ssa_output_write:
 * @self: an output
 * @data: (array length=len): the bytes
 * @len: their number
 * @error: a #GError
 *
 * Appends @data. A failure (a full disk, the file size limit) is kept: the commit fails
 * too.
 *
 * Returns: whether all of @data was written
 */
gboolean
ssa_output_write (SsaOutput   *self,
                  const void  *data,
                  gsize        len,
                  GError     **error)
{
  int saved_errno;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (!self->finished && !self->temp_given, FALSE);

  if (self->error != NULL)
    return report_failure (self, error);
  if (self->kind != KIND_FILE)
    {
      if (len > G_MAXUINT - self->buffer->len)
        return fail_errno (self, EFBIG, error);
      g_byte_array_append (self->buffer, data, (guint) len);
      return TRUE;
    }

  saved_errno = write_all (self->fd, data, len);
  if (saved_errno != 0)
    return fail_errno (self, saved_errno, error);
  return TRUE;
}

/**
 * ssa_output_fail:
 * @self: an output
 * @saved_errno: the errno of a failed write, by a library that writes the temporary file
 * @error: a #GError
 *
 * Records that writing failed, in the same words as ssa_output_write() ("the disk is
 * full"): the commit fails too.
 *
 * Returns: %FALSE
 */
gboolean
ssa_output_fail (SsaOutput  *self,
                 int         saved_errno,
                 GError    **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return fail_errno (self, saved_errno, error);
}

/**
 * ssa_output_commit:
 * @self: an output
 * @error: a #GError
 *
 * Completes the output: a file is flushed to disk and renamed into place; standard output,
 * a pipe or a device gets all the bytes. On failure nothing was renamed, and no temporary
 * file remains.
 *
 * Returns: whether the output is complete at its destination
 */
gboolean
ssa_output_commit (SsaOutput  *self,
                   GError    **error)
{
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  if (self->error != NULL)
    ok = report_failure (self, error);
  else if (self->kind == KIND_FILE)
    ok = commit_file (self, error);
  else
    ok = commit_stream (self, error);

  remove_temp (self);
  self->finished = TRUE;
  if (ok)
    g_debug ("Wrote %s%s", self->display_name,
             self->kind == KIND_FILE ? " (a new file renamed into place)" : " (written through)");
  else
    g_debug ("Did not write %s", self->display_name);
  return ok;
}

/**
 * ssa_output_abort:
 * @self: an output
 *
 * Gives the output up: its destination stays as it was, the temporary file is removed.
 */
void
ssa_output_abort (SsaOutput *self)
{
  g_return_if_fail (self != NULL);

  remove_temp (self);
  if (self->buffer != NULL)
    g_byte_array_set_size (self->buffer, 0);
  self->finished = TRUE;
}

/**
 * ssa_output_free:
 * @self: (nullable): an output
 *
 * Frees the output, aborting it when it was not committed.
 */
void
ssa_output_free (SsaOutput *self)
{
  if (self == NULL)
    return;

  if (!self->finished)
    ssa_output_abort (self);
  g_clear_pointer (&self->buffer, g_byte_array_unref);
  g_clear_error (&self->error);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self->target);
  g_free (self);
}

/**
 * ssa_output_replace_contents:
 * @path: the file to write, or "-" for standard output
 * @data: (array length=len): the bytes
 * @len: their number
 * @error: a #GError
 *
 * Writes @data to @path with ssa_output_open(), ssa_output_write() and
 * ssa_output_commit(). On failure @path is as it was.
 *
 * Returns: whether the file was written
 */
gboolean
ssa_output_replace_contents (const char  *path,
                             const char  *data,
                             gsize        len,
                             GError     **error)
{
  g_autoptr(SsaOutput) output = ssa_output_open (path, error);

  return output != NULL &&
         ssa_output_write (output, data, len, error) &&
         ssa_output_commit (output, error);
}
