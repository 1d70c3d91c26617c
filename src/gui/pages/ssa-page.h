/* ssa-page.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-repository.h"

G_BEGIN_DECLS

#define SSA_TYPE_PAGE (ssa_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (SsaPage, ssa_page, SSA, PAGE, AdwBin)

/**
 * SsaPageLoadState:
 * @SSA_PAGE_LOADING: nothing shown yet: a load runs, or the repository has not been
 *   loaded yet
 * @SSA_PAGE_LOADED: the last load's result is shown
 * @SSA_PAGE_FAILED: the last load failed; the error page says why
 */
typedef enum
{
  SSA_PAGE_LOADING,
  SSA_PAGE_LOADED,
  SSA_PAGE_FAILED,
} SsaPageLoadState;

/**
 * SsaPageClass:
 * @load: starts reading the page's contents from the database file @db_path, off the main
 *   thread (see ssa_db_job_run_async()); @callback is called with @user_data
 * @load_finish: ends @load; returns (transfer full) the contents read, or %NULL with
 *   @error set
 * @show: shows contents that @load_finish returned (transfer full), or, with %NULL, a
 *   failed load (the error page shows why already)
 * @clear: empties the page: it has no database yet
 * @update_actions: enables the page's actions again: the repository, or whether it may be
 *   written to, changed
 * @defer_while_hidden: a load asked for while the page is hidden waits until it is shown,
 *   when it runs once however often it was asked for
 *
 * A page of the window that lists what it reads from the repository's database. The
 * subclass loads; the base keeps the repository, the load's state, the loading spinner and
 * the error page, and loads the page again when it is shown after it became stale.
 */
struct _SsaPageClass
{
  AdwBinClass parent_class;

  void     (*load)           (SsaPage              *self,
                              const char           *db_path,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data);
  gpointer (*load_finish)    (SsaPage              *self,
                              GAsyncResult         *result,
                              GError              **error);
  void     (*show)           (SsaPage              *self,
                              gpointer              loaded);
  void     (*clear)          (SsaPage              *self);
  void     (*update_actions) (SsaPage              *self);

  gboolean defer_while_hidden;

  /*< private >*/
  gpointer padding[8];
};

void              ssa_page_bind_states            (SsaPage        *self,
                                                   GtkStack       *stack,
                                                   GtkSpinner     *spinner,
                                                   AdwStatusPage  *error_page,
                                                   GListModel     *contents);
SsaRepository    *ssa_page_get_repository         (SsaPage        *self);
void              ssa_page_set_repository         (SsaPage        *self,
                                                   SsaRepository  *repository);
char             *ssa_page_dup_db_path            (SsaPage        *self);
gboolean          ssa_page_get_writable           (SsaPage        *self);
void              ssa_page_reload                 (SsaPage        *self);
SsaPageLoadState  ssa_page_get_load_state         (SsaPage        *self);
gboolean          ssa_page_get_loading            (SsaPage        *self);
gboolean          ssa_page_get_stale              (SsaPage        *self);
void              ssa_page_show_problem           (SsaPage        *self,
                                                   const char     *message);
void              ssa_page_show_list_or_empty     (SsaPage        *self,
                                                   GListModel     *shown);
void              ssa_page_show_message_with_fix  (SsaPage        *self,
                                                   const char     *message,
                                                   const char     *fix_action);

/* The formats of the pages' tables. */
guint             ssa_page_date_sort_key          (const GDate    *date);
char             *ssa_page_format_timestamp       (const char     *iso8601);
char             *ssa_page_dup_installation_title (gint64          id,
                                                   const char     *name,
                                                   const char     *serial);

G_END_DECLS
