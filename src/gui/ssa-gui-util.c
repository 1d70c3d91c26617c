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
