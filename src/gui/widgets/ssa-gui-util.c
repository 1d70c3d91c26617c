/* ssa-gui-util.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ssa-csv.h"
#include "ssa-date.h"
#include "ssa-error.h"
#include "ssa-gui-util.h"
#include "ssa-page-common.h"

/**
 * ssa_gui_format_decimal:
 * @hundredths: a value
 *
 * Returns: (transfer full): the value as a field holds it for editing: "1250,50" in
 *   Norwegian, "1250.50" in English, without thousands separators, so that it reads back
 *   as typed
 */
char *
ssa_gui_format_decimal (gint64 hundredths)
{
  g_autofree char *plain = ssa_decimal_to_string (hundredths);

  if (ssa_lang_from_locale () == SSA_LANG_NB)
    {
      char *point = strchr (plain, '.');

      if (point != NULL)
        *point = ',';
    }
  return g_steal_pointer (&plain);
}

/**
 * ssa_gui_format_date_entry:
 * @date: (nullable): a date, or %NULL or an unset date for none
 *
 * Returns: (transfer full): the date as a date field holds it, "28.11.2026" in Norwegian,
 *   and an empty string for none
 */
char *
ssa_gui_format_date_entry (const GDate *date)
{
  if (date == NULL || !ssa_date_is_set (date))
    return g_strdup ("");
  return ssa_date_format (date, ssa_lang_from_locale ());
}

/**
 * ssa_gui_parse_date:
 * @text: what the user typed
 * @out: (out): the day
 * @error: a #GError
 *
 * Reads a day as people write it in forms: "28.11.2026" (also "1.2.2027"), or the ISO
 * form "2026-11-28", from 1900-01-01 to 9999-12-31 (ssa-limits.h). Leading and trailing
 * spaces are ignored.
 */
gboolean
ssa_gui_parse_date (const char  *text,
                    GDate       *out,
                    GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  g_return_val_if_fail (out != NULL, FALSE);

  /* An ISO date says what is wrong with it in its own words. */
  if (strchr (stripped, '-') != NULL)
    return ssa_date_parse (stripped, out, error);

  /* The Norwegian form, as CSV files write it too. */
  if (ssa_csv_parse_date (stripped, out))
    return TRUE;

  g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
               _("“%s” is not a date from 01.01.1900 to 31.12.9999: write it as 28.11.2026"),
               stripped);
  return FALSE;
}

/**
 * ssa_gui_parse_decimal:
 * @text: what the user typed
 * @out_hundredths: (out): the value in hundredths
 * @error: a #GError
 *
 * Reads a non-negative decimal with at most two decimals the way people type it: with a
 * decimal comma or point, and spaces between thousands ("1 250,50").
 */
gboolean
ssa_gui_parse_decimal (const char  *text,
                       gint64      *out_hundredths,
                       GError     **error)
{
  g_autoptr(GString) plain = g_string_new (NULL);
  const char *comma = strrchr (text != NULL ? text : "", ',');
  const char *point = strrchr (text != NULL ? text : "", '.');
  char decimal_mark;

  /* The last of a comma and a point is the decimal mark ("1.250,50", "1,250.50"); the
   * other, like spaces, only groups thousands. A lone comma is the Norwegian decimal
   * comma. */
  decimal_mark = comma != NULL && (point == NULL || comma > point) ? ',' : '.';

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x202F || c == 0x00A0)
        continue;
      if (c == ',' || c == '.')
        {
          if (c == (gunichar) decimal_mark)
            g_string_append_c (plain, '.');
          continue;
        }
      g_string_append_unichar (plain, c);
    }

  if (!ssa_decimal_parse (plain->str, out_hundredths, NULL))
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("“%s” is not a number with at most 2 decimals"),
                   text != NULL ? text : "");
      return FALSE;
    }
  return TRUE;
}

/**
 * ssa_gui_set_invalid:
 * @widget: an entry, a row or a spin button
 * @invalid: whether its text is refused
 *
 * Shows or hides the error style of @widget, and tells assistive technologies.
 */
void
ssa_gui_set_invalid (GtkWidget *widget,
                     gboolean   invalid)
{
  if (invalid)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (widget),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
launch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not open the file: %s"),
                                                  error->message);
      ssa_page_show_message (widget, message);
    }
}

/**
 * ssa_gui_open_file:
 * @widget: a widget of the window
 * @file: a file
 *
 * Opens @file in the program the user chose for its type, without waiting for it. A
 * failure is shown as a toast.
 */
void
ssa_gui_open_file (GtkWidget *widget,
                   GFile     *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GdkDisplay *display = gtk_widget_get_display (widget);
  g_autoptr(GAppLaunchContext) context =
    G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (display));

  g_app_info_launch_default_for_uri_async (uri, context, NULL, launch_cb, g_object_ref (widget));
}

/**
 * ssa_gui_dup_documents_folder:
 *
 * The folder that the save and print-to-file dialogs start in: the user's Documents
 * folder (XDG_DOCUMENTS_DIR), or the home folder when there is none. Never the working
 * directory, which for a program started from the desktop is of no meaning to the user.
 *
 * Returns: (transfer full): the folder
 */
GFile *
ssa_gui_dup_documents_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

/**
 * ssa_gui_dup_saved_message:
 * @file: a file just written
 *
 * Returns: (transfer full): what a toast says about it: its name and the folder it went
 *   to, "Saved “SSA offer 2026-0001.pdf” in Documents"
 */
char *
ssa_gui_dup_saved_message (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = g_filename_display_name (basename);
  g_autofree char *folder = NULL;

  if (parent == NULL)
    return g_strdup_printf (_("Saved “%s”"), name);
  if (g_file_has_parent (parent, NULL))
    {
      g_autofree char *folder_basename = g_file_get_basename (parent);

      folder = g_filename_display_name (folder_basename);
    }
  else
    folder = g_file_get_parse_name (parent);
  /* Translators: a file's name, and the name of the folder it was saved in. */
  return g_strdup_printf (_("Saved “%s” in %s"), name, folder);
}

/**
 * ssa_gui_row_dup_text:
 * @row: an entry row
 *
 * Returns: (transfer full) (nullable): the row's text without leading and trailing spaces,
 *   or %NULL when that leaves nothing
 */
char *
ssa_gui_row_dup_text (AdwEntryRow *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/* Fills @row with @text, or empties it for %NULL. */
void
ssa_gui_row_set_text (AdwEntryRow *row,
                      const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/**
 * ssa_gui_show_field_message:
 * @label: the label under the field's group
 * @field: the field
 * @message: (nullable): why the field cannot be saved, or %NULL when it can
 *
 * Shows a field's problem inline: its message under the group and the error style on the
 * field, or hides both.
 */
void
ssa_gui_show_field_message (GtkLabel   *label,
                            GtkWidget  *field,
                            const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  ssa_gui_set_invalid (field, message != NULL);
}

/**
 * ssa_gui_show_save_refused:
 * @group: the editor's group that holds @label, hidden until there is something to say
 * @label: the label for the reason
 * @error: why the database refused the save
 *
 * Shows, at the top of an editor, why its values were not stored; the fields keep them.
 */
void
ssa_gui_show_save_refused (GtkWidget    *group,
                           GtkLabel     *label,
                           const GError *error)
{
  g_autofree char *message = NULL;

  g_return_if_fail (GTK_IS_WIDGET (group));
  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (error != NULL);

  /* Translators: %s says why the database refused the values of an editor, which stays
   * open with them. */
  message = g_strdup_printf (_("Not saved: %s"), error->message);
  gtk_label_set_label (label, message);
  gtk_widget_set_visible (group, TRUE);
  /* Focus on the reason, so that a screen reader reads it out (the label is selectable). */
  gtk_widget_grab_focus (GTK_WIDGET (label));
}

/**
 * ssa_gui_org_no_from_text:
 * @text: (nullable): an organisation number as typed, "988 077 917" or "988077917"
 *
 * Returns: (transfer full) (nullable): the number as stored, its digits; the text as typed
 *   when it holds anything but digits and spaces (to be refused by the check); %NULL for
 *   an empty text
 */
char *
ssa_gui_org_no_from_text (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  GString *digits;

  if (*stripped == '\0')
    return NULL;
  digits = g_string_new (NULL);
  for (const char *p = stripped; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p != ' ')
        {
          g_string_free (digits, TRUE);
          return g_steal_pointer (&stripped);
        }
    }
  return g_string_free (digits, FALSE);
}

/* Columns that hide when the table is too narrow for them. */

typedef struct
{
  GtkColumnView       *view;         /* not owned: the fit is the view's data */
  GtkAdjustment       *adjustment;
  GPtrArray           *columns;      /* GtkColumnViewColumn, the first to hide first */
  double              *needed;       /* for a hidden column, the width it needed */
  guint                source;
} ColumnFit;

/* The view is going away: nothing more to fit. */
static void
column_fit_stop (ColumnFit *fit)
{
  g_clear_handle_id (&fit->source, g_source_remove);
  if (fit->adjustment != NULL)
    g_signal_handlers_disconnect_by_data (fit->adjustment, fit);
  g_clear_object (&fit->adjustment);
}

static void
column_fit_free (gpointer data)
{
  ColumnFit *fit = data;

  column_fit_stop (fit);
  g_ptr_array_unref (fit->columns);
  g_free (fit->needed);
  g_free (fit);
}

/* GTK 4.8 keeps the width a column measured until a cell is added or removed: a cell
 * whose text changed, or a title that got its sort arrow, would be cut. Setting and
 * unsetting a fixed width makes the column measure its cells and title again. */
static void
measure_columns_again (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      /* A width the user dragged stays. */
      if (gtk_column_view_column_get_fixed_width (column) != -1)
        continue;
      gtk_column_view_column_set_fixed_width (column, 0);
      gtk_column_view_column_set_fixed_width (column, -1);
    }
}

/* One column at a time, on the frame after the table was allocated: hiding or showing
 * one while GTK lays the table out would change what it is measuring. */
static gboolean
column_fit_cb (gpointer data)
{
  ColumnFit *fit = data;
  double upper = gtk_adjustment_get_upper (fit->adjustment);
  double page = gtk_adjustment_get_page_size (fit->adjustment);
  guint hidden = 0;

  fit->source = 0;
  measure_columns_again (fit->view);
  if (page <= 0)
    return G_SOURCE_REMOVE;

  /* Hidden columns are always the first ones of the list. */
  while (hidden < fit->columns->len &&
         !gtk_column_view_column_get_visible (g_ptr_array_index (fit->columns, hidden)))
    hidden++;

  if (upper > page + 0.5 && hidden < fit->columns->len)
    {
      /* The table is wider than its room (its columns cannot shrink below their
       * contents): the least important column still shown goes. */
      fit->needed[hidden] = upper;
      gtk_column_view_column_set_visible (g_ptr_array_index (fit->columns, hidden), FALSE);
    }
  else if (hidden > 0 && page >= fit->needed[hidden - 1])
    gtk_column_view_column_set_visible (g_ptr_array_index (fit->columns, hidden - 1), TRUE);

  return G_SOURCE_REMOVE;
}

static void
column_fit_changed_cb (GtkAdjustment *adjustment,
                       ColumnFit     *fit)
{
  if (fit->source == 0)
    fit->source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, column_fit_cb, fit, NULL);
}

static void
column_fit_adjustment_cb (GtkColumnView *view,
                          GParamSpec    *pspec,
                          ColumnFit     *fit)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));

  if (fit->adjustment == adjustment || gtk_widget_in_destruction (GTK_WIDGET (view)))
    return;
  if (fit->adjustment != NULL)
    g_signal_handlers_disconnect_by_data (fit->adjustment, fit);
  g_set_object (&fit->adjustment, adjustment);
  if (adjustment != NULL)
    g_signal_connect (adjustment, "changed", G_CALLBACK (column_fit_changed_cb), fit);
}

/**
 * ssa_gui_fit_columns:
 * @view: a table in a scrolled window
 * @hide_first: (array length=n_columns): columns of @view that may hide, the least
 *   important first
 * @n_columns: how many
 *
 * Keeps the table as wide as its room: columns size to their contents (only names
 * ellipsize), and when they do not fit, the columns of @hide_first hide one by one in that
 * order; they come back, in the opposite order, when there is room for them again.
 */
void
ssa_gui_fit_columns (GtkColumnView        *view,
                     GtkColumnViewColumn **hide_first,
                     guint                 n_columns)
{
  ColumnFit *fit;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (hide_first != NULL || n_columns == 0);

  fit = g_new0 (ColumnFit, 1);
  fit->view = view;
  fit->columns = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (fit->columns, g_object_ref (hide_first[i]));
  fit->needed = g_new0 (double, n_columns);
  g_object_set_data_full (G_OBJECT (view), "ssa-column-fit", fit, column_fit_free);

  g_signal_connect (view, "notify::hadjustment", G_CALLBACK (column_fit_adjustment_cb), fit);
  g_signal_connect_swapped (view, "destroy", G_CALLBACK (column_fit_stop), fit);
  column_fit_adjustment_cb (view, NULL, fit);
}

/* GTK 4.8 names a button with a mnemonic twice, "_Save Offer Save Offer": its label
 * property keeps the text with the underline, and the label inside, whose mnemonic the
 * button is, names it once more. The button is named once, by its text without the
 * underline. */
static void
drop_mnemonic_label (GtkButton *button)
{
  const char *label = gtk_button_get_label (button);
  g_autoptr(GString) text = NULL;

  if (!gtk_button_get_use_underline (button) || label == NULL)
    return;
  text = g_string_new (NULL);
  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_' && p[1] != '\0')
        p++;
      g_string_append_c (text, *p);
    }
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text->str, -1);
}

static void
button_label_cb (GtkButton  *button,
                 GParamSpec *pspec,
                 gpointer    data)
{
  drop_mnemonic_label (button);
}

/**
 * ssa_gui_fix_mnemonic_names:
 * @root: a widget, such as a page or a dialog after its template was built
 *
 * Gives every button with a mnemonic under @root (and @root itself) its label's text as
 * its accessible name, once, and again whenever its label changes.
 */
void
ssa_gui_fix_mnemonic_names (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_BUTTON (root) && g_object_get_data (G_OBJECT (root), "ssa-mnemonic-name") == NULL)
    {
      g_object_set_data (G_OBJECT (root), "ssa-mnemonic-name", GINT_TO_POINTER (1));
      g_signal_connect (root, "notify::label", G_CALLBACK (button_label_cb), NULL);
      g_signal_connect (root, "notify::use-underline", G_CALLBACK (button_label_cb), NULL);
      drop_mnemonic_label (GTK_BUTTON (root));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ssa_gui_fix_mnemonic_names (child);
}

/* What a button built by GTK or libadwaita shows, as its name: its tooltip, its label's
 * text, or what its icon means. */
static const char *
library_button_name (GtkButton *button)
{
  GtkWidget *child = gtk_button_get_child (button);
  const char *icon = GTK_IS_IMAGE (child) ? gtk_image_get_icon_name (GTK_IMAGE (child)) : NULL;

  if (gtk_widget_get_tooltip_text (GTK_WIDGET (button)) != NULL)
    return gtk_widget_get_tooltip_text (GTK_WIDGET (button));
  if (GTK_IS_LABEL (child))
    return gtk_label_get_text (GTK_LABEL (child));
  /* The window controls' close button draws its icon from the theme's style. */
  if (g_strcmp0 (icon, "window-close-symbolic") == 0 ||
      gtk_widget_has_css_class (GTK_WIDGET (button), "close"))
    return _("Close");
  if (g_strcmp0 (icon, "edit-find-symbolic") == 0)
    return _("Search");
  return NULL;
}

/* Unnamed buttons, menu buttons and search entries, as the windows GTK and libadwaita
 * build (About, the shortcuts, the preferences' search) leave them. */
static void
name_library_widget (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) == NULL &&
      library_button_name (GTK_BUTTON (widget)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    library_button_name (GTK_BUTTON (widget)), -1);
  else if (GTK_IS_MENU_BUTTON (widget))
    /* Its toggle button inside is labelled by it. */
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_widget_get_tooltip_text (widget) != NULL
                                    ? gtk_widget_get_tooltip_text (widget) : _("Menu"), -1);
  else if (GTK_IS_SEARCH_ENTRY (widget))
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Search"), -1);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_library_widget (child);
}

/**
 * ssa_gui_name_library_widgets:
 * @root: a window GTK or libadwaita built, such as the About window
 *
 * Names what such windows leave unnamed in GTK 4.8 and libadwaita 1.2: buttons with a
 * mnemonic (see ssa_gui_fix_mnemonic_names()), icon-only buttons (by their tooltip) and
 * search entries.
 */
static void
library_root_mapped_cb (GtkWidget *root,
                        gpointer   data)
{
  ssa_gui_fix_mnemonic_names (root);
  name_library_widget (root);
}

void
ssa_gui_name_library_widgets (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  library_root_mapped_cb (root, NULL);
  /* Some of them (the title bar's window controls) are only built when it shows. */
  g_signal_connect (root, "map", G_CALLBACK (library_root_mapped_cb), NULL);
}

/**
 * ssa_gui_name_inner_button:
 * @widget: a #GtkDropDown
 * @name: its accessible name
 *
 * Names @widget and the toggle button GTK 4.8 builds inside it, which is what takes the
 * focus and what a screen reader reads: it has no name of its own. (A #GtkMenuButton's
 * toggle button is labelled by the menu button: naming that is enough.)
 */
void
ssa_gui_name_inner_button (GtkWidget  *widget,
                           const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (name != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
}

/* The toasts shown: their close button, and their button when its label has a mnemonic. */
static void
name_toasts (AdwToastOverlay *overlay)
{
  GtkWidget *content = adw_toast_overlay_get_child (overlay);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != content)
      ssa_gui_name_library_widgets (child);
}

static gboolean
name_toasts_cb (gpointer data)
{
  g_autoptr(AdwToastOverlay) overlay = data;

  name_toasts (overlay);
  return G_SOURCE_REMOVE;
}

/* A toast waiting behind another is built when that one goes. */
static void
toast_dismissed_cb (AdwToast        *toast,
                    AdwToastOverlay *overlay)
{
  g_idle_add (name_toasts_cb, g_object_ref (overlay));
}

/**
 * ssa_gui_add_toast:
 * @overlay: the overlay
 * @toast: (transfer full): a toast
 *
 * Shows @toast as adw_toast_overlay_add_toast() does, and names what libadwaita 1.2 builds
 * for it without a name: the close button ("GtkImage" to a screen reader) and a button
 * whose label has a mnemonic (named twice, "_Show Show").
 */
void
ssa_gui_add_toast (AdwToastOverlay *overlay,
                   AdwToast        *toast)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), overlay, 0);
  adw_toast_overlay_add_toast (overlay, toast);
  name_toasts (overlay);
}

/**
 * ssa_gui_logo_to_png:
 * @bytes: a picture file's bytes: PNG, or SVG
 * @error: a #GError
 *
 * The documents draw PNG logos only (the core has no SVG renderer): an SVG logo is drawn
 * once, here, with GdkPixbuf's SVG loader, at 208 pixels high (four times the largest
 * logo of the printed offer, 52 pt, so that it stays sharp on paper) and at most 2 000
 * pixels wide, and kept as PNG. A PNG is returned as it is.
 *
 * Returns: (transfer full) (nullable): the PNG's bytes, or %NULL with @error set when the
 *   picture is neither PNG nor an SVG that can be drawn
 */
GBytes *
ssa_gui_logo_to_png (GBytes  *bytes,
                     GError **error)
{
  static const guchar png_signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *png = NULL;
  gconstpointer data;
  gsize size, png_size = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (size >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0)
    return g_bytes_ref (bytes);

  content_type = g_content_type_guess (NULL, data, size, NULL);
  if (!g_content_type_is_a (content_type, "image/svg+xml"))
    {
      g_set_error_literal (error, SSA_ERROR, SSA_ERROR_INVALID,
                           _("The logo must be a PNG or SVG picture."));
      return NULL;
    }

  stream = g_memory_input_stream_new_from_bytes (bytes);
  pixbuf = gdk_pixbuf_new_from_stream_at_scale (stream, -1, 208, TRUE, NULL, &local_error);
  if (pixbuf != NULL)
    {
      /* A very wide logo: drawn again at most 2 000 pixels wide. */
      if (gdk_pixbuf_get_width (pixbuf) > 2000)
        {
          g_autoptr(GInputStream) again = g_memory_input_stream_new_from_bytes (bytes);

          g_clear_object (&pixbuf);
          pixbuf = gdk_pixbuf_new_from_stream_at_scale (again, 2000, -1, TRUE, NULL,
                                                        &local_error);
        }
    }
  if (pixbuf == NULL)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("The SVG logo could not be drawn: %s"), local_error->message);
      return NULL;
    }
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &png, &png_size, "png", &local_error, NULL))
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID,
                   _("The SVG logo could not be drawn: %s"), local_error->message);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&png), png_size);
}
