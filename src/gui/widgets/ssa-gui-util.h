/* ssa-gui-util.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ssa-decimal.h"

G_BEGIN_DECLS

/* What the window's editors share: reading values back as people type them, and showing
 * that a field's text is refused. (Showing values: ssa-page-common.h.) */

char     *ssa_gui_format_decimal    (gint64        hundredths);
char     *ssa_gui_format_date_entry (const GDate  *date);
gboolean  ssa_gui_parse_date        (const char   *text,
                                     GDate        *out,
                                     GError      **error);
gboolean  ssa_gui_parse_decimal     (const char   *text,
                                     gint64       *out_hundredths,
                                     GError      **error);
void      ssa_gui_set_invalid       (GtkWidget    *widget,
                                     gboolean      invalid);
void      ssa_gui_open_file         (GtkWidget    *widget,
                                     GFile        *file);
GFile    *ssa_gui_dup_documents_folder (void);
char     *ssa_gui_dup_saved_message (GFile        *file);
char     *ssa_gui_row_dup_text      (AdwEntryRow  *row);
void      ssa_gui_row_set_text      (AdwEntryRow  *row,
                                     const char   *text);
void      ssa_gui_show_save_refused  (GtkWidget    *group,
                                      GtkLabel     *label,
                                      const GError *error);
void      ssa_gui_show_field_message (GtkLabel    *label,
                                     GtkWidget    *field,
                                     const char   *message);
char     *ssa_gui_org_no_from_text  (const char   *text);
GBytes   *ssa_gui_logo_to_png       (GBytes       *bytes,
                                     GError      **error);
void      ssa_gui_fix_mnemonic_names (GtkWidget   *root);
void      ssa_gui_name_library_widgets (GtkWidget *root);
void      ssa_gui_name_inner_button (GtkWidget    *widget,
                                     const char   *name);
void      ssa_gui_add_toast         (AdwToastOverlay *overlay,
                                     AdwToast     *toast);
void      ssa_gui_fit_columns       (GtkColumnView        *view,
                                     GtkColumnViewColumn **hide_first,
                                     guint                 n_columns);

G_END_DECLS
