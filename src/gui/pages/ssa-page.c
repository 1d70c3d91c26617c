/* ssa-page.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-date.h"
#include "ssa-db.h"
#include "ssa-page.h"
#include "ssa-page-common.h"

/* What the renewals, offers and price list pages share: the repository they read, the state
 * of their load (the spinner of "loading", the error page of "error"), reloading when they
 * are shown after being hidden, and whether they may write. */

typedef struct
{
  SsaRepository    *repository;
  GCancellable     *load_cancellable;
  gboolean          stale;            /* to be loaded when it is next shown */
  SsaPageLoadState  load_state;

  /* The subclass's template children: its stack of states ("loading", "error", "list",
   * "empty"), the spinner of "loading", the status page of "error", and the model whose
   * items are the page's contents. */
  GtkStack         *stack;
  GtkSpinner       *spinner;
  AdwStatusPage    *error_page;
  GListModel       *contents;
} SsaPagePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (SsaPage, ssa_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_REPOSITORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (SsaPage *self)
{
  SsaPageClass *klass = SSA_PAGE_GET_CLASS (self);

  if (klass->update_actions != NULL)
    klass->update_actions (self);
}

static void
cancel_load (SsaPage *self)
{
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);

  g_cancellable_cancel (priv->load_cancellable);
  g_clear_object (&priv->load_cancellable);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SsaPage) self = user_data;
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  gpointer loaded;

  loaded = SSA_PAGE_GET_CLASS (self)->load_finish (self, result, &error);
  /* A newer load replaced this one, and owns the cancellable now, or the page is going
   * away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || priv->stack == NULL)
    {
      g_warn_if_fail (loaded == NULL);
      return;
    }

  g_clear_object (&priv->load_cancellable);
  ssa_page_set_busy (priv->spinner, FALSE);
  if (loaded == NULL)
    {
      priv->load_state = SSA_PAGE_FAILED;
      adw_status_page_set_description (priv->error_page, error->message);
      gtk_stack_set_visible_child_name (priv->stack, "error");
    }
  else
    priv->load_state = SSA_PAGE_LOADED;
  SSA_PAGE_GET_CLASS (self)->show (self, loaded);
}

/**
 * ssa_page_reload:
 * @self: a page
 *
 * Reads the page's contents anew from the database, in a worker thread: the load in flight
 * is cancelled. The old contents stay until the new ones replace them; an empty page shows
 * "loading" meanwhile. Before the repository has been loaded there is nothing to read: the
 * page is cleared and shows "loading" until the repository's "loaded" brings it back.
 *
 * A page of a class with #SsaPageClass.defer_while_hidden that is not shown loads once,
 * when it is shown. A page that loads while hidden loads again when it is shown, as it
 * does after any time hidden.
 */
void
ssa_page_reload (SsaPage *self)
{
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);
  SsaPageClass *klass;
  g_autofree char *path = NULL;
  gboolean show_spinner;

  g_return_if_fail (SSA_IS_PAGE (self));

  /* Disposed: there is nothing to load into. */
  if (priv->stack == NULL)
    return;

  klass = SSA_PAGE_GET_CLASS (self);
  g_return_if_fail (klass->load != NULL && klass->load_finish != NULL && klass->show != NULL);
  if (klass->defer_while_hidden && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      cancel_load (self);
      priv->stale = TRUE;
      return;
    }

  cancel_load (self);
  path = ssa_page_dup_db_path (self);
  show_spinner = priv->contents == NULL || g_list_model_get_n_items (priv->contents) == 0;
  if (path == NULL || show_spinner)
    {
      ssa_page_set_busy (priv->spinner, TRUE);
      gtk_stack_set_visible_child_name (priv->stack, "loading");
    }
  priv->load_state = SSA_PAGE_LOADING;
  if (path == NULL)
    {
      if (klass->clear != NULL)
        klass->clear (self);
      return;
    }

  priv->stale = !gtk_widget_get_mapped (GTK_WIDGET (self));
  priv->load_cancellable = g_cancellable_new ();
  klass->load (self, path, priv->load_cancellable, load_cb, g_object_ref (self));
}

/* Reloading when shown.
 *
 * Nothing tells a page what changed while it was hidden (installations edited, offers made
 * or accepted elsewhere in the window, price lists stored by the command line, another day
 * begun), so a page that is hidden becomes stale, and a page that is shown again is brought
 * up to date. */

static void
ssa_page_map (GtkWidget *widget)
{
  SsaPage *self = SSA_PAGE (widget);
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);

  GTK_WIDGET_CLASS (ssa_page_parent_class)->map (widget);

  if (!priv->stale || priv->stack == NULL)
    return;
  /* A load still running began moments ago (the page was being built, or was hidden only
   * briefly): it is recent enough. */
  if (priv->load_cancellable != NULL)
    priv->stale = FALSE;
  else
    ssa_page_reload (self);
}

static void
ssa_page_unmap (GtkWidget *widget)
{
  SsaPage *self = SSA_PAGE (widget);
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);

  GTK_WIDGET_CLASS (ssa_page_parent_class)->unmap (widget);
  priv->stale = TRUE;
}

static void
repository_loaded_cb (SsaPage *self)
{
  ssa_page_reload (self);
}

/* Overrides */

static void
ssa_page_dispose (GObject *object)
{
  SsaPage *self = SSA_PAGE (object);
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);

  cancel_load (self);
  if (priv->repository != NULL)
    g_signal_handlers_disconnect_by_data (priv->repository, self);
  g_clear_object (&priv->repository);
  /* The subclass disposed of its template, which held them. */
  priv->stack = NULL;
  priv->spinner = NULL;
  priv->error_page = NULL;
  priv->contents = NULL;

  G_OBJECT_CLASS (ssa_page_parent_class)->dispose (object);
}

static void
ssa_page_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  SsaPage *self = SSA_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, ssa_page_get_repository (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_page_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  SsaPage *self = SSA_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      ssa_page_set_repository (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_page_class_init (SsaPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_page_dispose;
  object_class->get_property = ssa_page_get_property;
  object_class->set_property = ssa_page_set_property;

  widget_class->map = ssa_page_map;
  widget_class->unmap = ssa_page_unmap;

  /**
   * SsaPage:repository:
   *
   * The window's data, %NULL while it loads.
   */
  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL,
                         SSA_TYPE_REPOSITORY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ssa_page_init (SsaPage *self)
{
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);

  priv->stale = TRUE;
  priv->load_state = SSA_PAGE_LOADING;
}

/**
 * ssa_page_bind_states:
 * @self: a page, in its instance init, once its template has been built
 * @stack: the stack of the page's states, with "loading" and "error" children (and "list"
 *   and "empty" for ssa_page_show_list_or_empty())
 * @spinner: the spinner of "loading"
 * @error_page: the status page of "error", which says why a load failed
 * @contents: (nullable): the model of the page's contents: while it has items a reload
 *   keeps them shown until the new ones replace them
 *
 * Tells the page the widgets of its states, and shows "loading".
 */
void
ssa_page_bind_states (SsaPage       *self,
                      GtkStack      *stack,
                      GtkSpinner    *spinner,
                      AdwStatusPage *error_page,
                      GListModel    *contents)
{
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);

  g_return_if_fail (SSA_IS_PAGE (self));
  g_return_if_fail (GTK_IS_STACK (stack));
  g_return_if_fail (GTK_IS_SPINNER (spinner));
  g_return_if_fail (ADW_IS_STATUS_PAGE (error_page));
  g_return_if_fail (contents == NULL || G_IS_LIST_MODEL (contents));

  priv->stack = stack;
  priv->spinner = spinner;
  priv->error_page = error_page;
  priv->contents = contents;

  ssa_page_set_busy (spinner, TRUE);
  gtk_stack_set_visible_child_name (stack, "loading");
}

/**
 * ssa_page_get_repository:
 *
 * Returns: (transfer none) (nullable): the repository shown, if any
 */
SsaRepository *
ssa_page_get_repository (SsaPage *self)
{
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);

  g_return_val_if_fail (SSA_IS_PAGE (self), NULL);

  return priv->repository;
}

/**
 * ssa_page_set_repository:
 * @self: a page
 * @repository: (nullable): the window's data
 *
 * Shows @repository: the page loads now, again whenever @repository is loaded again, and
 * updates its actions whenever @repository becomes read-only (or writable again).
 */
void
ssa_page_set_repository (SsaPage       *self,
                         SsaRepository *repository)
{
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);

  g_return_if_fail (SSA_IS_PAGE (self));
  g_return_if_fail (repository == NULL || SSA_IS_REPOSITORY (repository));

  if (priv->repository == repository)
    return;

  if (priv->repository != NULL)
    g_signal_handlers_disconnect_by_data (priv->repository, self);
  g_set_object (&priv->repository, repository);
  if (repository != NULL)
    {
      g_signal_connect_object (repository, "notify::loaded", G_CALLBACK (repository_loaded_cb),
                               self, G_CONNECT_SWAPPED);
      /* A read-only database (or one found damaged) takes the page's writing actions
       * away. */
      g_signal_connect_object (repository, "notify::read-only", G_CALLBACK (update_actions),
                               self, G_CONNECT_SWAPPED);
    }
  update_actions (self);

  ssa_page_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

/**
 * ssa_page_dup_db_path:
 *
 * Returns: (transfer full) (nullable): the file of the repository's database, which the
 *   page's worker threads open connections of their own to; %NULL until it has been loaded
 */
char *
ssa_page_dup_db_path (SsaPage *self)
{
  g_return_val_if_fail (SSA_IS_PAGE (self), NULL);

  return ssa_page_dup_database_path (ssa_page_get_repository (self));
}

/* Whether the page may write: it has a repository that is not read-only
 * (SsaRepository:read-only). #SsaPageClass.update_actions is called when that changes. */
gboolean
ssa_page_get_writable (SsaPage *self)
{
  SsaRepository *repository;

  g_return_val_if_fail (SSA_IS_PAGE (self), FALSE);

  repository = ssa_page_get_repository (self);
  return repository != NULL && !ssa_repository_get_read_only (repository);
}

/**
 * ssa_page_get_load_state:
 *
 * Returns: whether the page is loading, shows what it loaded, or shows why it could not
 */
SsaPageLoadState
ssa_page_get_load_state (SsaPage *self)
{
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);

  g_return_val_if_fail (SSA_IS_PAGE (self), SSA_PAGE_LOADING);

  return priv->load_state;
}

/* Whether a load runs now. */
gboolean
ssa_page_get_loading (SsaPage *self)
{
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);

  g_return_val_if_fail (SSA_IS_PAGE (self), FALSE);

  return priv->load_cancellable != NULL;
}

/* Whether the page loads when it is next shown: it has been hidden, or has not loaded yet. */
gboolean
ssa_page_get_stale (SsaPage *self)
{
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);

  g_return_val_if_fail (SSA_IS_PAGE (self), FALSE);

  return priv->stale;
}

/**
 * ssa_page_show_problem:
 * @self: a page
 * @message: why the page has nothing to list
 *
 * Shows @message on the page's error page, for contents that loaded but cannot be listed
 * (the price list page without a current list).
 */
void
ssa_page_show_problem (SsaPage    *self,
                       const char *message)
{
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);

  g_return_if_fail (SSA_IS_PAGE (self));
  g_return_if_fail (priv->stack != NULL);

  adw_status_page_set_description (priv->error_page, message);
  gtk_stack_set_visible_child_name (priv->stack, "error");
}

/**
 * ssa_page_show_list_or_empty:
 * @self: a page
 * @shown: the items the list shows
 *
 * Shows the list, or its empty state when @shown has no items, while the page shows either
 * of them; a page that is loading or shows an error is left as it is.
 */
void
ssa_page_show_list_or_empty (SsaPage    *self,
                             GListModel *shown)
{
  SsaPagePrivate *priv = ssa_page_get_instance_private (self);
  const char *visible;

  g_return_if_fail (SSA_IS_PAGE (self));
  g_return_if_fail (G_IS_LIST_MODEL (shown));

  if (priv->stack == NULL)
    return;
  visible = gtk_stack_get_visible_child_name (priv->stack);
  if (g_strcmp0 (visible, "list") == 0 || g_strcmp0 (visible, "empty") == 0)
    gtk_stack_set_visible_child_name (priv->stack,
                                      g_list_model_get_n_items (shown) > 0 ? "list" : "empty");
}

/**
 * ssa_page_show_message_with_fix:
 * @self: the page that reports
 * @message: what went wrong and what to do
 * @fix_action: (nullable): the window's action that is the way forward, such as
 *   "win.preferences"
 *
 * Shows @message through the window's "win.show-error" action: in a toast with a button
 * for @fix_action when it fits, otherwise in a dialog with the whole text and that button.
 */
void
ssa_page_show_message_with_fix (SsaPage    *self,
                                const char *message,
                                const char *fix_action)
{
  g_return_if_fail (SSA_IS_PAGE (self));
  g_return_if_fail (message != NULL);

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-error", "(ss)", message,
                              fix_action != NULL ? fix_action : "");
}

/* The formats of the pages' tables. */

/* A number that sorts like the date, for GtkNumericSorter: 0 (first) when absent. */
guint
ssa_page_date_sort_key (const GDate *date)
{
  return ssa_date_is_set (date) ? g_date_get_julian (date) : 0;
}

/* Returns: (transfer full): an ISO 8601 time in local time, "28.11.2026 14:05", or a dash */
char *
ssa_page_format_timestamp (const char *iso8601)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *day = NULL;
  GDate date;

  if (iso8601 == NULL || *iso8601 == '\0')
    return g_strdup ("—");

  utc = g_time_zone_new_utc ();
  time = g_date_time_new_from_iso8601 (iso8601, utc);
  if (time == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (time);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date,
                  (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));
  day = ssa_date_format (&date, ssa_lang_from_locale ());
  /* Translators: a day and a time of day, "28.11.2026 14:05". */
  return g_strdup_printf (_("%s %02d:%02d"), day, g_date_time_get_hour (local),
                          g_date_time_get_minute (local));
}

/* Returns: (transfer full): what the window calls an installation in a list: its name, else
 * its serial number, else its number in the database */
char *
ssa_page_dup_installation_title (gint64      id,
                                 const char *name,
                                 const char *serial)
{
  g_autofree char *number = NULL;

  if (name != NULL && *name != '\0')
    return g_strdup (name);
  if (serial != NULL && *serial != '\0')
    return g_strdup (serial);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  /* Translators: an installation without name or serial, by its number in the database. */
  return g_strdup_printf (_("Installation %s"), number);
}
