/* ssa-window-undo.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-db.h"
#include "ssa-db-job.h"
#include "ssa-db-inventory.h"
#include "ssa-inventory-view.h"
#include "ssa-page-common.h"
#include "ssa-window-private.h"

/* Undo: one history for the edits, deletions and archiving of customers, installations and
 * licence lines, whichever way they were made. Ctrl+Z undoes the last, Ctrl+Shift+Z redoes
 * it; a deletion's toast undoes that deletion, whatever else happened since and whichever
 * toast shows. A deletion hides its rows and deletes them only when its toast goes (closed,
 * timed out, or the window closed): until then nothing is gone from the database, and its
 * Undo puts back the same objects, with their ids, lines and offers. */

static void show_deletion_toast (SsaWindow *self,
                                 UndoEntry *entry);

/* Edits of one row this close together are one step of the history (typing a quantity). */
#define UNDO_MERGE_USEC (2 * G_USEC_PER_SEC)

void
undo_entry_free (UndoEntry *entry)
{
  g_clear_object (&entry->object);
  g_clear_object (&entry->owner);
  g_clear_pointer (&entry->installations, g_ptr_array_unref);
  g_clear_object (&entry->before);
  g_clear_object (&entry->after);
  g_clear_object (&entry->toast);
  g_free (entry);
}

UndoEntry *
undo_entry_new (SsaWindow *self,
                UndoKind   kind,
                gpointer   object)
{
  UndoEntry *entry = g_new0 (UndoEntry, 1);

  entry->serial = ++self->undo_serial;
  entry->kind = kind;
  entry->object = g_object_ref (object);
  return entry;
}

static UndoEntry *
find_entry (GPtrArray *stack,
            guint      serial)
{
  for (guint i = 0; stack != NULL && i < stack->len; i++)
    {
      UndoEntry *entry = g_ptr_array_index (stack, i);

      if (entry->serial == serial)
        return entry;
    }
  return NULL;
}

void
update_undo_actions (SsaWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", self->undo_stack->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", self->redo_stack->len > 0);
}

static const char *
entry_name (UndoEntry *entry)
{
  const char *name = NULL;

  if (SSA_IS_CUSTOMER (entry->object))
    name = ssa_customer_get_name (SSA_CUSTOMER (entry->object));
  else if (SSA_IS_INSTALLATION (entry->object))
    name = ssa_installation_get_name (SSA_INSTALLATION (entry->object));
  else if (SSA_IS_LICENCE (entry->object))
    name = ssa_licence_get_name (SSA_LICENCE (entry->object)) != NULL
             ? ssa_licence_get_name (SSA_LICENCE (entry->object))
             : ssa_licence_get_code (SSA_LICENCE (entry->object));
  return name != NULL && *name != '\0' ? name : _("Unnamed installation");
}

typedef struct
{
  GWeakRef   window;
  UndoEntry *entry;     /* out of the history: owned here */
} Deletion;

static void
deletion_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Deletion *deletion = user_data;
  UndoEntry *entry = deletion->entry;
  SsaRepository *repository = SSA_REPOSITORY (source);
  g_autoptr(SsaWindow) self = g_weak_ref_get (&deletion->window);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (entry->kind == UNDO_DELETE_CUSTOMER)
    ok = ssa_repository_remove_customer_with_installations_finish (repository, result, NULL,
                                                                   &error);
  else if (entry->kind == UNDO_DELETE_INSTALLATION)
    ok = ssa_repository_remove_installation_finish (repository, result, &error);
  else
    ok = ssa_repository_remove_licence_finish (repository, result, &error);

  /* A line whose installation was deleted meanwhile went with it. */
  if (!ok && g_error_matches (error, SSA_DB_ERROR, SSA_DB_ERROR_NOT_FOUND))
    ok = TRUE;
  if (!ok)
    {
      /* Nothing was deleted: the rows come back, and the user is told why (when the
       * window is still there to tell). */
      if (entry->kind == UNDO_DELETE_CUSTOMER)
        ssa_repository_unhide_customer (repository, SSA_CUSTOMER (entry->object),
                                        entry->installations);
      else if (entry->kind == UNDO_DELETE_INSTALLATION)
        ssa_repository_unhide_installation (repository, SSA_INSTALLATION (entry->object));
      else
        ssa_repository_unhide_licence (repository, entry->owner, SSA_LICENCE (entry->object),
                                       entry->position);
      if (self != NULL)
        {
          g_autofree char *message = NULL;

          /* Translators: %s is what was to be deleted, the second %s why it was not. */
          message = g_strdup_printf (_("“%s” was not deleted: %s"), entry_name (entry),
                                     error->message);
          show_toast (self, message);
        }
    }

  g_weak_ref_clear (&deletion->window);
  undo_entry_free (entry);
  g_free (deletion);
}

/* Makes a pending deletion final: the rows go from the database, in a worker thread. */
static void
finish_deletion (SsaWindow *self,
                 UndoEntry *entry)
{
  Deletion *deletion;
  guint index;

  if (!entry->pending)
    return;
  entry->pending = FALSE;
  if (entry->kind != UNDO_DELETE_CUSTOMER && entry->kind != UNDO_DELETE_INSTALLATION &&
      entry->kind != UNDO_DELETE_LICENCE)
    return;

  /* Final: no longer in the history; the deletion keeps the entry until it is done. */
  if (!g_ptr_array_find (self->undo_stack, entry, &index))
    return;
  deletion = g_new0 (Deletion, 1);
  g_weak_ref_init (&deletion->window, self);
  deletion->entry = g_ptr_array_steal_index (self->undo_stack, index);
  update_undo_actions (self);

  if (entry->kind == UNDO_DELETE_CUSTOMER)
    ssa_repository_remove_customer_with_installations_async (self->repository,
                                                             SSA_CUSTOMER (entry->object),
                                                             NULL, deletion_done_cb, deletion);
  else if (entry->kind == UNDO_DELETE_INSTALLATION)
    ssa_repository_remove_installation_async (self->repository,
                                              SSA_INSTALLATION (entry->object), NULL,
                                              deletion_done_cb, deletion);
  else
    ssa_repository_remove_licence_async (self->repository, entry->owner,
                                         SSA_LICENCE (entry->object), NULL, deletion_done_cb,
                                         deletion);
}

/* Makes every pending deletion final: the window closes, or the lists are read again. */
void
finish_all_deletions (SsaWindow *self)
{
  for (guint i = self->undo_stack->len; i > 0; i--)
    {
      UndoEntry *entry = g_ptr_array_index (self->undo_stack, i - 1);

      if (entry->pending)
        finish_deletion (self, entry);
    }
}

typedef struct
{
  SsaWindow *window;
  guint      serial;
  guint      generation;
} DismissedData;

/* The newest pending deletion whose toast made way for another toast, when no toast shows
 * any more: its Undo is offered again. */
static void
show_parked_toast (SsaWindow *self)
{
  UndoEntry *newest = NULL;

  if (self->current_toast != NULL || self->pending_toast != NULL)
    return;
  for (guint i = 0; i < self->undo_stack->len; i++)
    {
      UndoEntry *entry = g_ptr_array_index (self->undo_stack, i);

      if (entry->toast != NULL)
        return;
      if (entry->pending && entry->parked)
        newest = entry;
    }
  if (newest != NULL)
    show_deletion_toast (self, newest);
}

/* @toast makes way for another toast: if it offers the Undo of a deletion still pending,
 * the deletion waits (parked) instead of being made final by the toast's "dismissed". */
void
park_deletion_toast (SsaWindow *self,
                     AdwToast  *toast)
{
  for (guint i = 0; self->undo_stack != NULL && i < self->undo_stack->len; i++)
    {
      UndoEntry *entry = g_ptr_array_index (self->undo_stack, i);

      if (entry->toast == toast && entry->pending)
        {
          entry->parked = TRUE;
          g_clear_object (&entry->toast);
          return;
        }
    }
}

static gboolean
offer_parked_cb (gpointer data)
{
  SsaWindow *self = data;

  self->offer_parked_source = 0;
  if (self->undo_stack != NULL)
    show_parked_toast (self);
  return G_SOURCE_REMOVE;
}

/* Once the toast that just ended has gone, a parked deletion's Undo comes back. */
void
offer_parked_later (SsaWindow *self)
{
  /* Not once the window is being disposed (the history is gone). */
  if (self->offer_parked_source == 0 && self->undo_stack != NULL)
    self->offer_parked_source = g_idle_add_full (G_PRIORITY_DEFAULT, offer_parked_cb, self,
                                                 NULL);
}

static gboolean
toast_gone_cb (gpointer user_data)
{
  DismissedData *data = user_data;
  SsaWindow *self = data->window;
  UndoEntry *entry = self->undo_stack != NULL ? find_entry (self->undo_stack, data->serial)
                                              : NULL;

  /* Still pending, and hidden by the deletion whose toast went: now it is final. An Undo
   * (or an Undo and a Redo, which hides it again with a toast of its own) in between
   * leaves it. */
  if (entry != NULL && entry->pending && !entry->parked &&
      entry->generation == data->generation)
    finish_deletion (self, entry);
  if (self->undo_stack != NULL)
    show_parked_toast (self);

  g_object_unref (data->window);
  g_free (data);
  return G_SOURCE_REMOVE;
}

static void
toast_dismissed_cb (AdwToast  *toast,
                    SsaWindow *self)
{
  UndoEntry *entry = NULL;
  DismissedData *data;

  for (guint i = 0; self->undo_stack != NULL && i < self->undo_stack->len && entry == NULL; i++)
    if (((UndoEntry *) g_ptr_array_index (self->undo_stack, i))->toast == toast)
      entry = g_ptr_array_index (self->undo_stack, i);
  if (entry == NULL)
    return;

  g_clear_object (&entry->toast);
  /* The toast's button dismisses it as well as activating its Undo: the deletion is made
   * final after both, so that an Undo clicked is never too late. */
  data = g_new0 (DismissedData, 1);
  data->window = g_object_ref (self);
  data->serial = entry->serial;
  data->generation = entry->generation;
  /* At the default priority: an idle one waits behind every frame, and a busy window may
   * draw frames back to back. */
  g_idle_add_full (G_PRIORITY_DEFAULT, toast_gone_cb, data, NULL);
}

/* Shows the Undo of a deletion at once. The toasts shown before make way (libadwaita 1.2
 * shows one at a time, and a high-priority toast that pushes another back into the queue
 * can make it fail when that one comes back too soon): other messages go, and a deletion
 * still pending is parked, to be offered again once no newer deletion's toast shows. */
static void
show_deletion_toast (SsaWindow *self,
                     UndoEntry *entry)
{
  g_autofree char *message = NULL;
  g_autofree char *escaped = g_markup_escape_text (entry_name (entry), -1);
  AdwToast *toast;

  /* An earlier deletion still pending makes way, to be offered again later. */
  for (guint i = 0; i < self->undo_stack->len; i++)
    {
      UndoEntry *other = g_ptr_array_index (self->undo_stack, i);

      if (other != entry && other->toast != NULL && other->pending)
        {
          g_autoptr(AdwToast) old = g_steal_pointer (&other->toast);

          other->parked = TRUE;
          withdraw_toast (self, old);
        }
    }

  if (entry->kind == UNDO_DELETE_LICENCE)
    /* Translators: %s is the product of the licence line removed. */
    message = g_strdup_printf (_("Licence line “%s” removed"), escaped);
  else
    /* Translators: %s is a customer's or an installation's name. */
    message = g_strdup_printf (_("“%s” deleted"), escaped);

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  /* This deletion's Undo, whatever was done since. */
  adw_toast_set_action_name (toast, "win.undo-item");
  adw_toast_set_action_target_value (toast, g_variant_new_uint32 (entry->serial));
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  entry->parked = FALSE;
  g_clear_object (&entry->toast);
  entry->toast = g_object_ref (toast);
  add_toast_first (self, toast);
}

static void
dismiss_entry_toast (SsaWindow *self,
                     UndoEntry *entry)
{
  g_autoptr(AdwToast) toast = g_steal_pointer (&entry->toast);

  if (toast != NULL)
    withdraw_toast (self, toast);
}

/* Forgets the history without making anything final: the file is about to be replaced by a
 * backup. A deletion still pending never happened (if the restore fails, its rows come back
 * with the next load). */
void
clear_undo (SsaWindow *self)
{
  for (guint i = 0; i < self->undo_stack->len; i++)
    {
      UndoEntry *entry = g_ptr_array_index (self->undo_stack, i);

      entry->pending = FALSE;
      dismiss_entry_toast (self, entry);
    }
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  update_undo_actions (self);
}

/* Adds a step to the history; what was undone can no longer be redone. */
static void
push_entry (SsaWindow *self,
            UndoEntry *entry)
{
  g_ptr_array_add (self->undo_stack, entry);
  g_ptr_array_set_size (self->redo_stack, 0);
  update_undo_actions (self);
}

/* Whether the entry's objects are still the repository's: a row deleted for good since
 * cannot be edited back. */
static gboolean
entry_is_live (SsaWindow *self,
               UndoEntry *entry)
{
  if (SSA_IS_CUSTOMER (entry->object))
    return ssa_repository_find_customer (self->repository,
                                         ssa_customer_get_id (SSA_CUSTOMER (entry->object))) ==
           SSA_CUSTOMER (entry->object);
  if (SSA_IS_INSTALLATION (entry->object))
    return ssa_repository_find_installation (self->repository,
                                             ssa_installation_get_id (SSA_INSTALLATION (entry->object))) ==
           SSA_INSTALLATION (entry->object);
  /* A line deleted for good is no longer written through: nothing to read. */
  if (SSA_IS_LICENCE (entry->object))
    return ssa_repository_contains (self->repository, entry->object);
  return TRUE;
}

/* An edit or archiving of a row that was deleted for good since. */
static gboolean
is_stale (SsaWindow *self,
          UndoEntry *entry)
{
  return (entry->kind == UNDO_EDIT || entry->kind == UNDO_ARCHIVE) &&
         !entry_is_live (self, entry);
}

/* Hides the entry's rows (a deletion, or its Redo), whose offers the window has just
 * counted (none) in a worker: the repository does not count them again. */
static gboolean
hide_entry (SsaWindow  *self,
            UndoEntry  *entry,
            GError    **error)
{
  switch (entry->kind)
    {
    case UNDO_DELETE_CUSTOMER:
      g_clear_pointer (&entry->installations, g_ptr_array_unref);
      if (!ssa_repository_hide_customer_counted (self->repository, SSA_CUSTOMER (entry->object),
                                                 &entry->installations, error))
        return FALSE;
      break;
    case UNDO_DELETE_INSTALLATION:
      if (!ssa_repository_hide_installation_counted (self->repository,
                                                     SSA_INSTALLATION (entry->object), error))
        return FALSE;
      break;
    case UNDO_DELETE_LICENCE:
      if (!ssa_repository_hide_licence (self->repository, entry->owner,
                                        SSA_LICENCE (entry->object), &entry->position, error))
        return FALSE;
      break;
    case UNDO_EDIT:
    case UNDO_ARCHIVE:
    default:
      g_assert_not_reached ();
    }
  entry->pending = TRUE;
  entry->generation++;
  return TRUE;
}

/* Applies a deletion's entry backwards (@undo) or forwards (a Redo). */
static gboolean
apply_entry (SsaWindow  *self,
             UndoEntry  *entry,
             gboolean    undo,
             GError    **error)
{
  gboolean ok = TRUE;

  self->applying_undo++;
  switch (entry->kind)
    {
    case UNDO_DELETE_CUSTOMER:
    case UNDO_DELETE_INSTALLATION:
    case UNDO_DELETE_LICENCE:
      if (!undo)
        {
          /* A customer's or an installation's offers were counted in a worker: see
           * redo_deletion_async(). */
          ok = hide_entry (self, entry, error);
          if (ok)
            show_deletion_toast (self, entry);
          break;
        }
      entry->pending = FALSE;
      entry->parked = FALSE;
      dismiss_entry_toast (self, entry);
      if (entry->kind == UNDO_DELETE_CUSTOMER)
        ssa_repository_unhide_customer (self->repository, SSA_CUSTOMER (entry->object),
                                        entry->installations);
      else if (entry->kind == UNDO_DELETE_INSTALLATION)
        ssa_repository_unhide_installation (self->repository, SSA_INSTALLATION (entry->object));
      else
        ssa_repository_unhide_licence (self->repository, entry->owner,
                                       SSA_LICENCE (entry->object), entry->position);
      break;

    case UNDO_EDIT:
    case UNDO_ARCHIVE:      /* written in a worker: see undo_write_async() */
    default:
      g_assert_not_reached ();
    }
  self->applying_undo--;

  if (ok && entry->kind != UNDO_DELETE_LICENCE)
    {
      ssa_sidebar_resort (self->sidebar);
      if (entry->kind != UNDO_EDIT || undo)
        update_main_page (self);
    }
  return ok;
}

/* The step's move to the other stack once it is applied, or its end with a toast. */
static void
undo_or_redo_done (SsaWindow    *self,
                   UndoEntry    *entry,
                   gboolean      undo,
                   const GError *error)
{
  GPtrArray *to = undo ? self->redo_stack : self->undo_stack;

  if (error != NULL)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (undo ? _("Could not undo: %s") : _("Could not redo: %s"),
                                 error->message);
      show_toast (self, message);
      undo_entry_free (entry);
      update_undo_actions (self);
      return;
    }
  g_ptr_array_add (to, entry);
  update_undo_actions (self);
  /* A deletion that made way for this one is offered again. */
  show_parked_toast (self);

  /* Show what came back. */
  if (undo && (entry->kind == UNDO_DELETE_CUSTOMER || entry->kind == UNDO_DELETE_INSTALLATION))
    ssa_sidebar_select (self->sidebar, entry->object);
  else if (undo && entry->kind == UNDO_DELETE_LICENCE && self->shown_installation != entry->owner)
    ssa_sidebar_select (self->sidebar, G_OBJECT (entry->owner));
}

typedef struct
{
  SsaWindow *self;
  UndoEntry *entry;     /* compared only: the history may drop it meanwhile */
  GObject   *object;    /* its object */
  UndoKind   kind;
  gboolean   undo;
} UndoWrite;

static void
undo_write_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  UndoWrite *write = user_data;
  SsaWindow *self = write->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;
  guint count;

  if (write->kind == UNDO_EDIT)
    ok = ssa_repository_apply_values_finish (SSA_REPOSITORY (source), result, &error);
  else
    ok = ssa_repository_set_archived_finish (SSA_REPOSITORY (source), result, &error);

  /* Its SsaRepository::stored, if any, came before: not a new step. */
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->undo_writes, write->object));
  if (count > 1)
    g_hash_table_insert (self->undo_writes, write->object, GUINT_TO_POINTER (count - 1));
  else
    g_hash_table_remove (self->undo_writes, write->object);

  /* The window is closing: its history is gone. */
  if (self->undo_stack == NULL || self->sidebar == NULL)
    goto out;

  if (!ok)
    {
      g_autofree char *message = NULL;
      guint index;

      message = g_strdup_printf (write->undo ? _("Could not undo: %s")
                                             : _("Could not redo: %s"),
                                 error->message);
      show_toast (self, message);
      /* The step was moved at once: it goes. */
      if (g_ptr_array_find (self->undo_stack, write->entry, &index))
        g_ptr_array_remove_index (self->undo_stack, index);
      else if (g_ptr_array_find (self->redo_stack, write->entry, &index))
        g_ptr_array_remove_index (self->redo_stack, index);
      update_undo_actions (self);
      goto out;
    }

  ssa_sidebar_resort (self->sidebar);
  if (write->kind != UNDO_EDIT || write->undo)
    update_main_page (self);

out:
  g_object_unref (write->object);
  g_object_unref (self);
  g_free (write);
}

/* An edit's or archiving's Undo or Redo, written in a worker after the writes already
 * queued. The object shows its values at once (archiving once it is stored), and the step
 * moves to the other stack at once, so that the history keeps its order; a refusal takes
 * it out with a toast. */
static void
undo_write_async (SsaWindow *self,
                  UndoEntry *entry,
                  gboolean   undo)
{
  UndoWrite *write = g_new0 (UndoWrite, 1);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->undo_writes, entry->object));

  write->self = g_object_ref (self);
  write->entry = entry;
  write->object = g_object_ref (entry->object);
  write->kind = entry->kind;
  write->undo = undo;
  g_hash_table_insert (self->undo_writes, entry->object, GUINT_TO_POINTER (count + 1));
  undo_or_redo_done (self, entry, undo, NULL);
  if (entry->kind == UNDO_EDIT)
    ssa_repository_apply_values_async (self->repository, entry->object,
                                       undo ? entry->before : entry->after, NULL,
                                       undo_write_cb, write);
  else
    ssa_repository_set_archived_async (self->repository, entry->object,
                                       undo ? !entry->archived : entry->archived, NULL,
                                       undo_write_cb, write);
}

/* A deletion's Redo: the offers of the customer or the installation are counted again, in
 * a worker, before its rows are hidden again. */
typedef struct
{
  gint64 installation_id;
  gint64 customer_id;
} RedoCountJob;

typedef struct
{
  SsaWindow *self;
  UndoEntry *entry;     /* out of the history until it is counted: owned here */
} RedoCount;

static gpointer
redo_count_work (SsaDb         *db,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  RedoCountJob *job = data;
  guint *n = g_new0 (guint, 1);

  if (!ssa_db_count_offers (db, job->installation_id, job->customer_id, n, error))
    {
      g_free (n);
      return NULL;
    }
  return n;
}

static void
redo_counted_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RedoCount *redo = user_data;
  g_autoptr(SsaWindow) self = redo->self;
  UndoEntry *entry = redo->entry;
  g_autoptr(GError) error = NULL;
  g_autofree guint *n = ssa_db_job_finish (result, &error);

  g_free (redo);
  /* The window is closing (its history is gone), or the database was loaded again. */
  if (self->undo_stack == NULL || self->repository == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      (n != NULL && !ssa_repository_contains (self->repository, entry->object)))
    {
      undo_entry_free (entry);
      if (self->undo_stack != NULL)
        update_undo_actions (self);
      return;
    }
  if (n != NULL && ssa_repository_check_offer_count (self->repository, entry->object, *n,
                                                     &error))
    apply_entry (self, entry, FALSE, &error);
  undo_or_redo_done (self, entry, FALSE, error);
}

static void
redo_deletion_async (SsaWindow *self,
                     UndoEntry *entry)
{
  RedoCountJob *job = g_new0 (RedoCountJob, 1);
  RedoCount *redo = g_new0 (RedoCount, 1);

  if (entry->kind == UNDO_DELETE_INSTALLATION)
    job->installation_id = ssa_installation_get_id (SSA_INSTALLATION (entry->object));
  else
    job->customer_id = ssa_customer_get_id (SSA_CUSTOMER (entry->object));
  redo->self = g_object_ref (self);
  redo->entry = entry;
  update_undo_actions (self);
  ssa_db_job_run_async (ssa_repository_get_path (self->repository), redo_count_work, job,
                        g_free, g_free, self->cancellable, redo_counted_cb, redo);
}

/* Moves the entry @serial (or the last one, for 0) from one stack to the other, undoing or
 * redoing it. */
void
undo_or_redo (SsaWindow *self,
              gboolean   undo,
              guint      serial)
{
  GPtrArray *from = undo ? self->undo_stack : self->redo_stack;
  g_autoptr(GError) error = NULL;
  UndoEntry *entry;
  guint index;

  /* Rows deleted for good since cannot be edited back: their steps are dropped. */
  while (serial == 0 && from->len > 0 && is_stale (self, g_ptr_array_index (from, from->len - 1)))
    g_ptr_array_remove_index (from, from->len - 1);

  entry = serial == 0 ? (from->len > 0 ? g_ptr_array_index (from, from->len - 1) : NULL)
                      : find_entry (from, serial);
  if (entry == NULL || !g_ptr_array_find (from, entry, &index))
    {
      update_undo_actions (self);
      return;
    }

  g_ptr_array_steal_index (from, index);
  if (entry->kind == UNDO_EDIT || entry->kind == UNDO_ARCHIVE)
    {
      undo_write_async (self, entry, undo);
      return;
    }
  if (!undo && (entry->kind == UNDO_DELETE_CUSTOMER || entry->kind == UNDO_DELETE_INSTALLATION))
    {
      redo_deletion_async (self, entry);
      return;
    }
  apply_entry (self, entry, undo, &error);
  undo_or_redo_done (self, entry, undo, error);
}

/* Hides the rows of a new deletion, whose offers the window has just counted (none) in a
 * worker, and offers its Undo. */
void
delete_with_undo (SsaWindow *self,
                  UndoEntry *entry)
{
  g_autoptr(GError) error = NULL;

  self->applying_undo++;
  if (!hide_entry (self, entry, &error))
    {
      g_autofree char *message = NULL;

      self->applying_undo--;
      message = g_strdup_printf (_("“%s” was not deleted: %s"), entry_name (entry),
                                 error->message);
      show_toast (self, message);
      undo_entry_free (entry);
      return;
    }
  self->applying_undo--;
  push_entry (self, entry);
  show_deletion_toast (self, entry);
  update_main_page (self);
}

/* An edit written through: a step of the history, merged with the last one when it is a
 * change of the same row a moment ago. */
void
stored_cb (SsaWindow     *self,
           GObject       *object,
           GObject       *before,
           GObject       *after,
           SsaRepository *repository)
{
  gint64 now = g_get_monotonic_time ();
  UndoEntry *last;
  UndoEntry *entry;

  if (self->applying_undo > 0 || g_hash_table_contains (self->undo_writes, object))
    return;

  last = self->undo_stack->len > 0 ? g_ptr_array_index (self->undo_stack,
                                                        self->undo_stack->len - 1) : NULL;
  if (last != NULL && last->kind == UNDO_EDIT && last->object == object &&
      now - last->edited_at < UNDO_MERGE_USEC)
    {
      g_set_object (&last->after, after);
      last->edited_at = now;
      g_ptr_array_set_size (self->redo_stack, 0);
      update_undo_actions (self);
      return;
    }

  entry = undo_entry_new (self, UNDO_EDIT, object);
  entry->before = g_object_ref (before);
  entry->after = g_object_ref (after);
  entry->edited_at = now;
  push_entry (self, entry);
}

typedef struct
{
  SsaWindow *window;
  GObject   *object;
  gboolean   archived;
} Archiving;

static void
archived_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Archiving *archiving = user_data;
  SsaWindow *self = archiving->window;
  GObject *object = archiving->object;
  gboolean archived = archiving->archived;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  UndoEntry *entry;
  const char *name;

  if (!ssa_repository_set_archived_finish (SSA_REPOSITORY (source), result, &error))
    {
      ssa_page_show_error (GTK_WIDGET (self), error);
      goto out;
    }

  entry = undo_entry_new (self, UNDO_ARCHIVE, object);
  entry->archived = archived;
  name = entry_name (entry);
  push_entry (self, entry);
  ssa_sidebar_resort (self->sidebar);
  g_object_notify_by_pspec (G_OBJECT (self), properties[SSA_IS_CUSTOMER (object)
                                                        ? PROP_CUSTOMER_ARCHIVED
                                                        : PROP_INSTALLATION_ARCHIVED]);

  /* Short, so that it fits a toast (a longer message would open a dialog each time);
   * what archiving means is said by the dialog that offers it and in docs/window.md. */
  if (archived)
    /* Translators: %s is a customer's or an installation's name. */
    message = g_strdup_printf (self->show_archived ? _("“%s” archived")
                                                   : _("“%s” archived and hidden"), name);
  else
    /* Translators: %s is a customer's or an installation's name. */
    message = g_strdup_printf (_("“%s” is no longer archived"), name);
  show_toast (self, message);
  if (!archived || self->show_archived)
    ssa_sidebar_select (self->sidebar, object);

out:
  g_object_unref (archiving->window);
  g_object_unref (archiving->object);
  g_free (archiving);
}

/* Archives @object or brings it back, as a step of the history: stored in a worker thread,
 * the step and its toast once it is. */
void
set_archived (SsaWindow *self,
              GObject   *object,
              gboolean   archived)
{
  Archiving *archiving = g_new0 (Archiving, 1);

  archiving->window = g_object_ref (self);
  archiving->object = g_object_ref (object);
  archiving->archived = archived;
  ssa_repository_set_archived_async (self->repository, object, archived, NULL, archived_cb,
                                     archiving);
}

void
licence_removed_cb (SsaWindow        *self,
                    SsaLicence       *licence,
                    guint             position,
                    SsaInventoryView *view)
{
  UndoEntry *entry = undo_entry_new (self, UNDO_DELETE_LICENCE, licence);

  /* The view hid the line already (ssa_repository_hide_licence()). */
  entry->owner = g_object_ref (ssa_inventory_view_get_installation (view));
  entry->position = position;
  entry->pending = TRUE;
  entry->generation = 1;
  push_entry (self, entry);
  show_deletion_toast (self, entry);
}
