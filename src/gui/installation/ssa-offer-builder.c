/* ssa-offer-builder.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-application.h"
#include "ssa-date.h"
#include "ssa-db-job.h"
#include "ssa-db-offers.h"
#include "ssa-db.h"
#include "ssa-db-licences.h"
#include "ssa-document-details.h"
#include "ssa-document.h"
#include "ssa-error.h"
#include "ssa-gui-util.h"
#include "ssa-offer-builder.h"
#include "ssa-offer-files.h"
#include "ssa-offer-pdf.h"
#include "ssa-offer-row.h"
#include "ssa-offer-xlsx.h"
#include "ssa-output.h"
#include "ssa-paced-list.h"
#include "ssa-page-common.h"
#include "ssa-wrap-box.h"
#include "ssa-offer-builder-private.h"

/* The terms of an offer beside the inventory: period, billing plan, discount, labour and
 * validity. Every change, to a term or to the inventory, computes the offer again at once
 * with ssa_offer_compute() (pure and fast), so lines, totals and warnings follow as you
 * type. The installation is copied into an SsaInventory only when it or its licences
 * change, not on every keystroke in a term, and the line and warning rows are made again
 * only when what they show changes. A term that cannot be read is marked on its row and
 * named under the terms; the offer then shows what it showed last, dimmed, until the term
 * is fixed.
 *
 * The terms belong to the installation they were typed for: leaving an installation keeps
 * them as typed (with the offer being revised, if any) for the rest of the session, and an
 * installation not seen before starts from the reseller's defaults.
 *
 * Saving stores a numbered offer through the database, and documents are written in worker
 * threads over snapshots (the offer, the inventory and the reseller's profile): the main
 * thread never waits for the disk or a database lock. Saving, the documents and printing
 * are in ssa-offer-builder-documents.c. */

/* The terms of one installation as they were typed, kept while another one is shown. */
typedef struct
{
  char  *start;
  char  *end;
  int    months;
  guint  billing;
  char  *discount;
  char  *hours;
  char  *rate;
  guint  validity_days;
  char  *revising;
  gboolean no_co_term;   /* the top-up was switched off */
} Terms;

G_DEFINE_FINAL_TYPE (SsaOfferBuilder, ssa_offer_builder, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_INSTALLATION,
  PROP_PRICE_LIST,
  PROP_DB_PATH,
  PROP_REVISING,
  PROP_TOTAL_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
guint ssa_offer_builder_signals[N_SIGNALS];

static void recompute (SsaOfferBuilder *self);

/* Reading the terms. */

static const char *
row_text (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static gboolean
row_is_empty (AdwEntryRow *row)
{
  for (const char *p = row_text (row); *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
mark_row (AdwEntryRow *row,
          GError      *error,
          GString     *messages)
{
  ssa_gui_set_invalid (GTK_WIDGET (row), error != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (row), error != NULL ? error->message : NULL);
  if (error != NULL)
    {
      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      /* Translators: an offer term that cannot be read: "Discount: “x” is not a number…". */
      g_string_append_printf (messages, _("%s: %s"),
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              error->message);
    }
}

static gboolean
read_date_row (AdwEntryRow *row,
               GDate       *out,
               GString     *messages)
{
  g_autoptr(GError) error = NULL;

  g_date_clear (out, 1);
  if (!row_is_empty (row))
    ssa_gui_parse_date (row_text (row), out, &error);
  mark_row (row, error, messages);
  return error == NULL;
}

static gboolean
read_decimal_row (AdwEntryRow *row,
                  gint64       max,
                  gint64      *out,
                  GString     *messages)
{
  g_autoptr(GError) error = NULL;

  *out = 0;
  if (!row_is_empty (row) &&
      ssa_gui_parse_decimal (row_text (row), out, &error) &&
      max > 0 && *out > max)
    {
      g_autofree char *limit = ssa_gui_format_decimal (max);

      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("at most %s"), limit);
    }
  mark_row (row, error, messages);
  return error == NULL;
}

/* Whether the installation shown is due a top-up by default: ssa_offer_wants_co_term(). */
static gboolean
co_term_applies (SsaOfferBuilder *self)
{
  return self->installation != NULL && self->price_list != NULL &&
         ssa_offer_wants_co_term (self->price_list, get_inventory (self), NULL);
}

/* Alternatives (docs/rules.md, "Alternatives"): each an expander row "Alternative N" with
 * its months, an optional end date that wins over them (as the offer's own) and its billing
 * plan. */

static void
renumber_alternatives (SsaOfferBuilder *self)
{
  for (guint i = 0; i < self->alternatives->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (self->alternatives, i);
      GtkWidget *remove = g_object_get_data (G_OBJECT (row), "ssa-remove");
      g_autofree char *title = g_strdup_printf (_("Alternative %u"), i + 2);
      /* Translators: the button that removes "Alternative 2". */
      g_autofree char *remove_label = g_strdup_printf (_("Remove Alternative %u"), i + 2);

      adw_preferences_row_set_title (row, title);
      gtk_widget_set_tooltip_text (remove, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_label, -1);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_alternative_button),
                            self->alternatives->len + 1 < SSA_OFFER_MAX_ALTERNATIVES);
}

static void
remove_alternative_cb (GtkButton       *button,
                       SsaOfferBuilder *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "ssa-row");

  adw_preferences_group_remove (self->alternatives_group, row);
  g_ptr_array_remove (self->alternatives, row);
  renumber_alternatives (self);
  recompute (self);
}

/* Adds an alternative row with @alternative's terms (%NULL: 36 months, billed as the
 * offer). */
static void
add_alternative (SsaOfferBuilder           *self,
                 const SsaOfferAlternative *alternative)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *months_row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (1, SSA_OFFER_MAX_MONTHS, 1);
  GtkWidget *end_row = adw_entry_row_new ();
  GtkWidget *billing_row = adw_combo_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  guint billing = adw_combo_row_get_selected (self->billing_row);

  if (self->alternatives->len + 1 >= SSA_OFFER_MAX_ALTERNATIVES)
    {
      g_object_ref_sink (row);
      g_object_unref (row);
      return;
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (months_row), _("Months"));
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 36);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Months"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (months_row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (months_row), spin);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (end_row), _("End"));
  gtk_widget_set_tooltip_text (end_row, _("The last day of this alternative, such as "
                                          "31.12.2029. Empty: the months above"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (billing_row), _("Billing"));
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (billing_row), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (billing_row), G_LIST_MODEL (self->billing_labels));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");

  if (alternative != NULL)
    {
      if (alternative->has_end && alternative->end_kind == SSA_OFFER_END_MONTHS)
        gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), alternative->months);
      else if (alternative->has_end && alternative->end_kind == SSA_OFFER_END_DATE)
        {
          g_autofree char *end = ssa_gui_format_date_entry (&alternative->end);

          gtk_editable_set_text (GTK_EDITABLE (end_row), end);
        }
      else if (alternative->has_end && alternative->end_kind == SSA_OFFER_END_CO_TERM)
        {
          /* A top-up alternative ends on the SSA's expiry: the same offer (docs/rules.md,
           * "Co-terming"). */
          const SsaInventory *inventory = get_inventory (self);

          if (inventory != NULL && ssa_date_is_set (&inventory->ssa_expiry))
            {
              g_autofree char *end = ssa_gui_format_date_entry (&inventory->ssa_expiry);

              gtk_editable_set_text (GTK_EDITABLE (end_row), end);
            }
        }
      if (alternative->has_billing)
        billing = alternative->billing;
    }
  adw_combo_row_set_selected (ADW_COMBO_ROW (billing_row),
                              billing < SSA_N_BILLINGS ? billing : SSA_BILLING_ONCE);

  g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (recompute), self);
  g_signal_connect_swapped (end_row, "changed", G_CALLBACK (recompute), self);
  g_signal_connect_swapped (billing_row, "notify::selected", G_CALLBACK (recompute), self);
  g_object_set_data (G_OBJECT (remove), "ssa-row", row);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_alternative_cb), self);

  g_object_set_data (G_OBJECT (row), "ssa-months", spin);
  g_object_set_data (G_OBJECT (row), "ssa-end", end_row);
  g_object_set_data (G_OBJECT (row), "ssa-billing", billing_row);
  g_object_set_data (G_OBJECT (row), "ssa-remove", remove);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), months_row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), end_row);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), billing_row);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), remove);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  adw_preferences_group_add (self->alternatives_group, row);
  g_ptr_array_add (self->alternatives, row);
  renumber_alternatives (self);
}

static void
add_alternative_cb (SsaOfferBuilder *self)
{
  add_alternative (self, NULL);
  recompute (self);
}

static void
clear_alternatives (SsaOfferBuilder *self)
{
  while (self->alternatives->len > 0)
    {
      GtkWidget *row = g_ptr_array_index (self->alternatives, self->alternatives->len - 1);

      adw_preferences_group_remove (self->alternatives_group, row);
      g_ptr_array_remove_index (self->alternatives, self->alternatives->len - 1);
    }
  renumber_alternatives (self);
}

/* The alternatives' terms into @request; an end that cannot be read is marked. */
static gboolean
read_alternatives (SsaOfferBuilder *self,
                   SsaOfferRequest *request,
                   GString         *messages)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < self->alternatives->len; i++)
    {
      GObject *row = g_ptr_array_index (self->alternatives, i);
      AdwEntryRow *end_row = g_object_get_data (row, "ssa-end");
      SsaOfferAlternative *alternative = &request->alternatives[request->n_alternatives++];
      guint billing = adw_combo_row_get_selected (g_object_get_data (row, "ssa-billing"));

      memset (alternative, 0, sizeof *alternative);
      g_date_clear (&alternative->end, 1);
      alternative->has_end = TRUE;
      if (!row_is_empty (end_row))
        {
          alternative->end_kind = SSA_OFFER_END_DATE;
          ok &= read_date_row (end_row, &alternative->end, messages);
        }
      else
        {
          mark_row (end_row, NULL, messages);
          alternative->end_kind = SSA_OFFER_END_MONTHS;
          alternative->months =
            gtk_spin_button_get_value_as_int (g_object_get_data (row, "ssa-months"));
        }
      alternative->has_billing = TRUE;
      alternative->billing = billing < SSA_N_BILLINGS ? (SsaBilling) billing : SSA_BILLING_ONCE;
    }
  return ok;
}

/* Each alternative's result in its row: "SSA to 27.11.2029 · 7 810,01 kr". */
static void
show_alternatives (SsaOfferBuilder *self)
{
  for (guint i = 0; i < self->alternatives->len; i++)
    {
      AdwExpanderRow *row = g_ptr_array_index (self->alternatives, i);
      g_autofree char *subtitle = NULL;

      if (self->offer != NULL && i + 2 <= ssa_offer_get_n_alternatives (self->offer))
        {
          const SsaOffer *alternative = ssa_offer_get_alternative (self->offer, i + 2);
          g_autofree char *end = ssa_date_format (&alternative->end, ssa_lang_from_locale ());
          g_autofree char *total = ssa_money_format (alternative->totals.total,
                                                     alternative->currency,
                                                     ssa_lang_from_locale ());

          /* Translators: an alternative's result in the offer builder. */
          subtitle = g_strdup_printf (_("SSA to %s · %s"), end, total);
        }
      adw_expander_row_set_subtitle (row, subtitle != NULL ? subtitle : "");
    }
}

/* Reads the terms into @request; marks every row that cannot be read, and returns FALSE
 * with their messages in @messages. */
static gboolean
read_request (SsaOfferBuilder *self,
              SsaOfferRequest *request,
              GString         *messages)
{
  gboolean ok = TRUE;
  gboolean co_term;
  guint billing;

  ssa_offer_request_init (request);

  ok &= read_date_row (self->start_row, &request->start, messages);

  /* The default while the SSA runs and licences were bought since: a top-up to its end
   * (docs/rules.md, "Co-terming"), so that covered lines are not charged a new period. */
  co_term = co_term_applies (self);
  gtk_widget_set_visible (GTK_WIDGET (self->co_term_row), co_term);
  co_term = co_term && gtk_switch_get_active (self->co_term_switch);
  gtk_widget_set_sensitive (GTK_WIDGET (self->end_row), !co_term);
  if (co_term)
    {
      g_autofree char *expiry = ssa_date_format (&get_inventory (self)->ssa_expiry,
                                                ssa_lang_from_locale ());
      /* Translators: the subtitle of "Top Up to the SSA End"; %s is a date. */
      g_autofree char *subtitle = g_strdup_printf (_("Only licences not covered to the SSA "
                                                     "end, %s, are charged, to that day"),
                                                   expiry);

      adw_action_row_set_subtitle (self->co_term_row, subtitle);
      mark_row (self->end_row, NULL, messages);
      request->end_kind = SSA_OFFER_END_CO_TERM;
    }
  else if (!row_is_empty (self->end_row))
    {
      request->end_kind = SSA_OFFER_END_DATE;
      ok &= read_date_row (self->end_row, &request->end, messages);
    }
  else
    {
      mark_row (self->end_row, NULL, messages);
      request->end_kind = SSA_OFFER_END_MONTHS;
      request->months = gtk_spin_button_get_value_as_int (self->months_spin);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->months_row),
                            !co_term && row_is_empty (self->end_row));

  billing = adw_combo_row_get_selected (self->billing_row);
  request->billing = billing < SSA_N_BILLINGS ? (SsaBilling) billing : SSA_BILLING_ONCE;

  ok &= read_alternatives (self, request, messages);

  ok &= read_decimal_row (self->discount_row, 10000, &request->discount_percent, messages);

  if (!row_is_empty (self->hours_row))
    {
      gboolean hours_ok = read_decimal_row (self->hours_row, 0, &request->labour_hours, messages);

      ok &= hours_ok;
      if (row_is_empty (self->rate_row))
        {
          g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                                         _("enter the hourly rate for the labour"));
          mark_row (self->rate_row, error, messages);
          ok = FALSE;
        }
      else
        ok &= read_decimal_row (self->rate_row, 0, &request->labour_rate, messages);
      request->has_labour = TRUE;
    }
  else
    {
      mark_row (self->hours_row, NULL, messages);
      /* A rate without hours is only the default waiting to be used; still check it. */
      if (!row_is_empty (self->rate_row))
        {
          gint64 unused;

          ok &= read_decimal_row (self->rate_row, 0, &unused, messages);
        }
      else
        mark_row (self->rate_row, NULL, messages);
    }

  return ok;
}

/* Terms per installation. */

static void
terms_free (gpointer data)
{
  Terms *terms = data;

  g_free (terms->start);
  g_free (terms->end);
  g_free (terms->discount);
  g_free (terms->hours);
  g_free (terms->rate);
  g_free (terms->revising);
  g_free (terms);
}

/* Keeps the terms shown for the installation shown. One not stored yet (no id) has no
 * offer to make, and nothing to keep. */
static void
keep_terms (SsaOfferBuilder *self)
{
  Terms *terms;
  gint64 id;

  if (self->installation == NULL || (id = ssa_installation_get_id (self->installation)) <= 0)
    return;

  terms = g_new0 (Terms, 1);
  terms->start = g_strdup (row_text (self->start_row));
  terms->end = g_strdup (row_text (self->end_row));
  terms->months = gtk_spin_button_get_value_as_int (self->months_spin);
  terms->billing = adw_combo_row_get_selected (self->billing_row);
  terms->discount = g_strdup (row_text (self->discount_row));
  terms->hours = g_strdup (row_text (self->hours_row));
  terms->rate = g_strdup (row_text (self->rate_row));
  terms->validity_days = (guint) gtk_spin_button_get_value_as_int (self->validity_spin);
  terms->revising = g_strdup (self->revising);
  terms->no_co_term = !gtk_switch_get_active (self->co_term_switch);
  g_hash_table_replace (self->terms, g_memdup2 (&id, sizeof id), terms);
}

/* Shows the terms kept for the installation shown, or the defaults for one not seen
 * before in this session. */
static void
restore_terms (SsaOfferBuilder *self)
{
  const char *default_rate = g_object_get_data (G_OBJECT (self->rate_row), "ssa-default");
  Terms *terms = NULL;

  if (self->installation != NULL)
    {
      gint64 id = ssa_installation_get_id (self->installation);

      terms = g_hash_table_lookup (self->terms, &id);
    }

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), terms != NULL ? terms->start : "");
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), terms != NULL ? terms->end : "");
  gtk_spin_button_set_value (self->months_spin, terms != NULL ? terms->months : 12);
  adw_combo_row_set_selected (self->billing_row,
                              terms != NULL ? terms->billing : SSA_BILLING_ONCE);
  gtk_editable_set_text (GTK_EDITABLE (self->discount_row), terms != NULL ? terms->discount : "");
  gtk_editable_set_text (GTK_EDITABLE (self->hours_row), terms != NULL ? terms->hours : "");
  gtk_editable_set_text (GTK_EDITABLE (self->rate_row),
                         terms != NULL ? terms->rate
                                       : default_rate != NULL ? default_rate : "");
  gtk_spin_button_set_value (self->validity_spin,
                             terms != NULL ? terms->validity_days : self->validity_days);
  gtk_switch_set_active (self->co_term_switch, terms == NULL || !terms->no_co_term);
  self->filling = FALSE;

  ssa_offer_builder_set_revising (self, terms != NULL ? terms->revising : NULL);
}

/* Showing the offer. */

static void
set_money (GtkLabel       *label,
           GtkWidget      *row,
           gint64          value,
           const char     *currency,
           gboolean        show)
{
  g_autofree char *text = ssa_page_format_money (value, currency);

  gtk_label_set_label (label, text);
  if (row != NULL)
    gtk_widget_set_visible (row, show);
}

static void
clear_warnings (SsaOfferBuilder *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_list))) != NULL)
    gtk_list_box_remove (self->warnings_list, child);
}

static GtkWidget *
make_warning (const char *text)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  /* A list row measures its wrapped text for the width it gets. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

/* Whether the warning rows show @offer's warnings, in order (none for no offer). */
static gboolean
warnings_are_shown (SsaOfferBuilder *self,
                    const SsaOffer  *offer)
{
  guint n = offer != NULL ? offer->warnings->len : 0;

  for (guint i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->warnings_list, (int) i);
      const SsaOfferWarning *warning;

      if (i == n || row == NULL)
        return i == n && row == NULL;
      warning = &g_array_index (offer->warnings, SsaOfferWarning, i);
      if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                     warning->message) != 0)
        return FALSE;
    }
}

/* Makes the warning rows again only when @offer's differ from those shown: a keystroke
 * that changes no warning leaves the rows (and a screen reader's place in them) alone. */
static void
show_warnings (SsaOfferBuilder *self,
               const SsaOffer  *offer)
{
  guint n = offer != NULL ? offer->warnings->len : 0;

  if (!warnings_are_shown (self, offer))
    {
      clear_warnings (self);
      for (guint i = 0; i < n; i++)
        {
          const SsaOfferWarning *warning = &g_array_index (offer->warnings, SsaOfferWarning, i);

          gtk_list_box_append (self->warnings_list, make_warning (warning->message));
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_list), n > 0);
}

/* The lines' scroller is as tall as its rows, up to its maximum (540 pixels), whatever
 * height the pane gives: the pane's viewport gives its page the minimum height, and a list
 * view's minimum is a row or less. The rows are all of one height (their texts have a fixed
 * number of lines), measured on the first row there is; until then a row is taken to be
 * 56 pixels. */
#define LINES_MAX_HEIGHT 540
#define LINE_HEIGHT_GUESS 56

/* The heading of the true-up's lines (make_heading ()) is taken to be 40 pixels until one
 * is measured. */
#define HEADING_HEIGHT_GUESS 40

static void
fit_lines (SsaOfferBuilder *self,
           guint            n_lines,
           gboolean         has_heading)
{
  int height = 0;
  gint64 total;

  /* The list item widgets' children: the heading (hidden but on one row), then the line. */
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->lines_view));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *child = gtk_widget_get_first_child (row);
      GtkWidget *heading = child != NULL ? gtk_widget_get_first_child (child) : NULL;
      GtkWidget *line = heading != NULL ? gtk_widget_get_next_sibling (heading) : NULL;

      if (line == NULL || !gtk_widget_get_visible (row))
        continue;
      if (height == 0)
        {
          gtk_widget_measure (line, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
          if (height > 0)
            self->line_height = height;
        }
      if (gtk_widget_get_visible (heading))
        {
          int heading_height = 0;

          gtk_widget_measure (heading, GTK_ORIENTATION_VERTICAL, -1, NULL, &heading_height,
                              NULL, NULL);
          if (heading_height > 0)
            self->heading_height = heading_height;
        }
    }
  /* One pixel a row for the separators. */
  height = (self->line_height > 0 ? self->line_height : LINE_HEIGHT_GUESS) + 1;
  total = (gint64) n_lines * height;
  if (has_heading)
    total += self->heading_height > 0 ? self->heading_height : HEADING_HEIGHT_GUESS;
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->lines_scroller),
                                              (int) MIN (total, LINES_MAX_HEIGHT));
}

/* Shows @offer's lines (none for no offer). The rows are kept and given their new lines:
 * a row whose line changed notifies its texts and only its widgets, if it has any, show
 * them again. Lines are added or removed at the end only when their number changes. A
 * keystroke in a term that changes no line's values touches no widget. */
static void
show_lines (SsaOfferBuilder *self,
            const SsaOffer  *offer)
{
  GListModel *shown = G_LIST_MODEL (self->lines_store);
  guint n_shown = g_list_model_get_n_items (shown);
  guint n_lines = offer != NULL ? offer->lines->len : 0;
  guint n_kept = MIN (n_shown, n_lines);

  for (guint i = 0; i < n_kept; i++)
    {
      g_autoptr(SsaOfferRow) row = g_list_model_get_item (shown, i);

      ssa_offer_row_update (row, offer, &g_array_index (offer->lines, SsaOfferLine, i));
    }

  if (n_lines > n_shown)
    {
      g_autoptr(GPtrArray) rows = g_ptr_array_new_full (n_lines - n_shown, g_object_unref);

      for (guint i = n_shown; i < n_lines; i++)
        g_ptr_array_add (rows, ssa_offer_row_new (offer, &g_array_index (offer->lines,
                                                                         SsaOfferLine, i)));
      g_list_store_splice (self->lines_store, n_shown, 0, rows->pdata, rows->len);
    }
  else if (n_lines < n_shown)
    g_list_store_splice (self->lines_store, n_lines, n_shown - n_lines, NULL, 0);
  gtk_widget_set_visible (self->lines_scroller, n_lines > 0);
  fit_lines (self, n_lines, offer != NULL && ssa_offer_has_true_up (offer));
}

static void
show_offer (SsaOfferBuilder *self)
{
  const SsaOffer *offer = self->offer;
  const SsaOfferTotals *t;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *period = NULL;
  g_autofree char *ssc = NULL;
  int months;

  show_warnings (self, offer);
  show_lines (self, offer);

  if (offer == NULL)
    {
      gtk_label_set_label (self->period_label, "");
      gtk_label_set_label (self->total_label, "—");
      gtk_label_set_label (self->ssc_label, "");
      gtk_widget_set_visible (self->results_box, FALSE);
      return;
    }

  gtk_widget_set_visible (self->results_box, TRUE);

  start = ssa_page_format_date (&offer->start);
  end = ssa_page_format_date (&offer->end);
  months = ssa_date_months (&offer->start, &offer->end);
  /* Translators: the offer's period: start, end and its length in months. */
  period = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s – %s, %d month",
                                         "%s – %s, %d months", months),
                            start, end, months);
  gtk_label_set_label (self->period_label, period);

  t = &offer->totals;
  set_money (self->regular_label, GTK_WIDGET (self->regular_row), t->regular, offer->currency, TRUE);
  set_money (self->backpay_label, GTK_WIDGET (self->backpay_row), t->backpay, offer->currency,
             t->backpay != 0);
  /* Discounts are taken off, and shown so, with a minus sign, as the PDF shows them. */
  set_money (self->billing_discount_label, GTK_WIDGET (self->billing_discount_row),
             -t->billing_discount, offer->currency, t->billing_discount != 0);
  set_money (self->discount_label, GTK_WIDGET (self->discount_total_row), -t->discount,
             offer->currency, t->discount != 0);
  set_money (self->labour_label, GTK_WIDGET (self->labour_row), t->labour, offer->currency,
             offer->has_labour);
  set_money (self->net_label, NULL, t->net, offer->currency, TRUE);
  set_money (self->vat_label, NULL, t->vat, offer->currency, TRUE);
  set_money (self->total_label, NULL, t->total, offer->currency, TRUE);
  ssc = ssa_gui_format_decimal (t->ssc);
  {
    /* Translators: the offer's size in Software Service Credits, e.g. "142,85 SSC". */
    g_autofree char *text = g_strdup_printf (_("%s SSC"), ssc);

    gtk_label_set_label (self->ssc_label, text);
  }
}

void
update_actions (SsaOfferBuilder *self)
{
  gboolean has_offer = self->offer != NULL;
  gboolean stored = self->installation != NULL && ssa_installation_get_id (self->installation) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offer.save",
                                 has_offer && stored && self->db_path != NULL &&
                                 !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offer.print", has_offer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offer.save-pdf", has_offer);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "offer.export-xlsx", has_offer);
}

static void
set_message (SsaOfferBuilder *self,
             const char      *text)
{
  g_free (self->error_text);
  self->error_text = g_strdup (text);
  gtk_label_set_label (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
}

/* The installation's values as the calculator takes them. They are copied again only
 * after the installation or one of its licences changed (inventory_changed_cb()): a
 * keystroke in a term changes neither. */
const SsaInventory *
get_inventory (SsaOfferBuilder *self)
{
  g_assert (self->installation != NULL);

  if (self->inventory == NULL)
    self->inventory = ssa_installation_to_inventory (self->installation);
  return self->inventory;
}

/* "months: must be a whole number…" without the command line's field name, which the
 * window's user never typed: "Must be a whole number…". */
static char *
strip_field_name (const char *message)
{
  const char *p = message;
  char first[7] = { 0 };

  while (g_ascii_islower (*p) || *p == '_' || *p == '-')
    p++;
  if (p == message || !g_str_has_prefix (p, ": ") || p[2] == '\0')
    return g_strdup (message);
  p += 2;
  g_unichar_to_utf8 (g_unichar_toupper (g_utf8_get_char (p)), first);
  return g_strconcat (first, g_utf8_next_char (p), NULL);
}

/* The calculator's refusal as the window says it: the command line's messages name the
 * field ("deployment: a saas installation…"), which means nothing in the window. */
static char *
dup_refusal_text (const SsaInventory *inventory,
                  const GError       *error)
{
  if (g_error_matches (error, SSA_ERROR, SSA_ERROR_REFUSED))
    {
      if (inventory->deployment == SSA_DEPLOYMENT_SAAS)
        return g_strdup (_("A cloud service (SaaS) has the SSA included in its rent: no SSA "
                           "offer is made for it."));
      if (inventory->deployment == SSA_DEPLOYMENT_RENTAL)
        return g_strdup (_("A rented installation has the SSA included in its rent: no SSA "
                           "offer is made for it."));
    }
  return strip_field_name (error->message);
}

/* The true-up's read, in a worker: a snapshot of what it needs. */
typedef struct
{
  gint64        installation_id;
  SsaInventory *inventory;
  SsaPriceList *price_list;
  GCancellable *cancellable;
} TrueUpJob;

static void
true_up_job_free (TrueUpJob *job)
{
  ssa_inventory_free (job->inventory);
  ssa_price_list_unref (job->price_list);
  g_object_unref (job->cancellable);
  g_free (job);
}

static gpointer
true_up_work (SsaDb         *db,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  TrueUpJob *job = data;

  return ssa_db_load_true_up (db, job->installation_id, job->inventory, job->price_list, error);
}

static void
true_up_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SsaOfferBuilder) self = user_data;
  TrueUpJob *job = ssa_db_job_get_data (result);
  g_autoptr(GError) error = NULL;
  GArray *items = ssa_db_job_finish (result, &error);

  /* Cancelled, or another read asked since: its answer is not this one. */
  if (job->cancellable != self->true_up_cancellable ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_pointer (&items, g_array_unref);
      return;
    }
  g_clear_object (&self->true_up_cancellable);
  if (error != NULL)
    g_debug ("No true-up for the offer: %s", error->message);
  g_clear_pointer (&self->true_up_items, g_array_unref);
  self->true_up_items = items != NULL ? items : ssa_true_up_items_new ();
  recompute (self);
}

/* Forgets the items read, and a read in flight: the inventory or the price list changed.
 * @keep_shown: the same installation, whose items stay shown until they are read again. */
static void
forget_true_up (SsaOfferBuilder *self,
                gboolean         keep_shown)
{
  if (self->true_up_cancellable != NULL)
    {
      g_cancellable_cancel (self->true_up_cancellable);
      g_clear_object (&self->true_up_cancellable);
    }
  if (keep_shown && self->true_up_items != NULL)
    {
      if (self->request.true_up_items == self->true_up_stale)
        self->request.true_up_items = NULL;
      g_clear_pointer (&self->true_up_stale, g_array_unref);
      self->true_up_stale = g_steal_pointer (&self->true_up_items);
    }
  else if (!keep_shown)
    {
      if (self->request.true_up_items == self->true_up_stale)
        self->request.true_up_items = NULL;
      g_clear_pointer (&self->true_up_stale, g_array_unref);
    }
  if (self->request.true_up_items == self->true_up_items)
    self->request.true_up_items = NULL;
  g_clear_pointer (&self->true_up_items, g_array_unref);
}

/* The licences the installation's last PBX reading uses beyond those owned, read from the
 * database once per change of the inventory or the price list (docs/rules.md, "True-up"),
 * in a worker: until it is back, the items shown before for the same installation (or
 * none), and the offer is computed again when it is.
 * Returns: (transfer none): the items, possibly none */
static GArray *
ensure_true_up_items (SsaOfferBuilder *self)
{
  if (self->true_up_items != NULL)
    return self->true_up_items;

  if (self->db_path == NULL || self->installation == NULL || self->price_list == NULL)
    {
      self->true_up_items = ssa_true_up_items_new ();
      self->true_up_price_list = self->price_list;
      return self->true_up_items;
    }

  if (self->true_up_cancellable == NULL)
    {
      TrueUpJob *job = g_new0 (TrueUpJob, 1);

      job->installation_id = ssa_installation_get_id (self->installation);
      job->inventory = ssa_inventory_copy (get_inventory (self));
      job->price_list = ssa_price_list_ref (self->price_list);
      job->cancellable = g_cancellable_new ();
      self->true_up_cancellable = g_object_ref (job->cancellable);
      self->true_up_price_list = self->price_list;
      ssa_db_job_run_async (self->db_path, true_up_work, job, (GDestroyNotify) true_up_job_free,
                            (GDestroyNotify) g_array_unref, job->cancellable, true_up_done_cb,
                            g_object_ref (self));
    }
  if (self->true_up_stale == NULL)
    self->true_up_stale = ssa_true_up_items_new ();
  return self->true_up_stale;
}

/* "Include Missing Licences": shown only when the PBX uses more than is owned; off until
 * switched on (an offer proposes a purchase only when asked). */
static void
read_true_up (SsaOfferBuilder *self,
              SsaOfferRequest *request)
{
  GArray *items = ensure_true_up_items (self);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->true_up_row), items->len > 0);
  for (guint i = 0; i < items->len; i++)
    {
      const SsaTrueUpItem *item = &g_array_index (items, SsaTrueUpItem, i);
      const SsaPriceListProduct *product = ssa_price_list_lookup (self->price_list, item->code);

      /* Translators: one missing licence in the subtitle of "Include Missing Licences":
       * a quantity and a product name. */
      g_string_append_printf (subtitle, _("%s%lld × %s"), i > 0 ? ", " : "",
                              (long long) item->quantity,
                              product != NULL ? product->name : item->code);
    }
  if (items->len > 0)
    {
      g_autofree char *text = g_strdup_printf (_("The PBX uses more than is owned: %s"),
                                               subtitle->str);

      adw_action_row_set_subtitle (self->true_up_row, text);
    }
  request->true_up_items = items;
  request->true_up = items->len > 0 && gtk_switch_get_active (self->true_up_switch);
}

static void
recompute (SsaOfferBuilder *self)
{
  g_autoptr(GString) messages = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  SsaOfferRequest request;
  gboolean request_ok;

  if (self->filling)
    return;

  /* A changed inventory (a licence import, a PBX reading) or price list: read again. */
  if ((self->inventory == NULL || self->true_up_price_list != self->price_list) &&
      (self->true_up_items != NULL || self->true_up_cancellable != NULL))
    forget_true_up (self, TRUE);
  request_ok = read_request (self, &request, messages);
  if (self->installation != NULL && self->price_list != NULL)
    read_true_up (self, &request);
  g_clear_pointer (&self->saved, ssa_db_offer_free);

  if (self->installation == NULL || self->price_list == NULL)
    {
      g_clear_pointer (&self->offer, ssa_offer_free);
      set_message (self, NULL);
      show_offer (self);
      update_actions (self);
      return;
    }

  if (!request_ok)
    {
      /* The last offer stays on screen, dimmed, while a term is being typed. */
      g_clear_pointer (&self->offer, ssa_offer_free);
      set_message (self, messages->str);
      gtk_widget_set_opacity (self->results_box, 0.5);
      update_actions (self);
      return;
    }

  g_clear_pointer (&self->offer, ssa_offer_free);
  self->offer = ssa_offer_compute (self->price_list, get_inventory (self), &request, &error);
  self->request = request;
  if (error != NULL)
    {
      g_autofree char *text = dup_refusal_text (get_inventory (self), error);

      set_message (self, text);
    }
  else
    set_message (self, NULL);
  gtk_widget_set_opacity (self->results_box, 1.0);
  show_offer (self);
  show_alternatives (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOTAL_TEXT]);
}

static void
term_changed_cb (SsaOfferBuilder *self)
{
  recompute (self);
}

/* The installation, its licence list or one of its licences changed: the inventory is
 * copied again for this computation. */
static void
inventory_changed_cb (SsaOfferBuilder *self)
{
  g_clear_pointer (&self->inventory, ssa_inventory_free);
  recompute (self);
}

/* Following the installation and its lines. */

static void
unwatch_licences (SsaOfferBuilder *self)
{
  for (guint i = 0; i < self->watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched, i), self);
  g_ptr_array_set_size (self->watched, 0);
}

static void
watch_licences (SsaOfferBuilder *self)
{
  GListModel *licences;
  guint n;

  unwatch_licences (self);
  if (self->installation == NULL)
    return;

  licences = ssa_installation_get_licences (self->installation);
  n = g_list_model_get_n_items (licences);
  for (guint i = 0; i < n; i++)
    {
      SsaLicence *licence = g_list_model_get_item (licences, i);

      g_signal_connect_swapped (licence, "notify", G_CALLBACK (inventory_changed_cb), self);
      g_ptr_array_add (self->watched, licence);
    }
}

static void
licences_changed_cb (SsaOfferBuilder *self,
                     guint            position,
                     guint            removed,
                     guint            added,
                     GListModel      *licences)
{
  watch_licences (self);
  inventory_changed_cb (self);
}

/* The lines' rows: the list view makes widgets for the rows on screen only, and gives them
 * other lines as the list scrolls. A row is a title (quantity × product), its details
 * and its amount, as an AdwActionRow showed them. */

/* The whole text of a line's title or details as its tooltip, asked for only when the
 * pointer rests on it: setting a tooltip on every row as it is bound asked the X server where
 * the pointer was, row after row. */
static gboolean
inscription_query_tooltip_cb (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip,
                              gpointer    user_data)
{
  const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* A line's text as a GtkInscription: its size is set by its number of lines, not measured
 * from its text, so a row costs no text measurement until it is drawn. */
static GtkWidget *
make_line_text (guint lines)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_min_lines (GTK_INSCRIPTION (inscription), lines);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (inscription), lines);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (inscription), 12);
  gtk_inscription_set_wrap_mode (GTK_INSCRIPTION (inscription), PANGO_WRAP_WORD_CHAR);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_set_has_tooltip (inscription, TRUE);
  g_signal_connect (inscription, "query-tooltip", G_CALLBACK (inscription_query_tooltip_cb),
                    NULL);
  return inscription;
}

/* A list item's child: the heading of a group of lines (hidden but on the first line of the
 * true-up, which a list view of GTK 4.8 cannot show as a section of its own), above the
 * line. */
static GtkWidget *
make_heading (void)
{
  GtkWidget *heading = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtotal = gtk_label_new (NULL);

  gtk_widget_add_css_class (heading, "offer-lines-heading");
  gtk_widget_add_css_class (title, "heading");
  gtk_widget_add_css_class (subtotal, "heading");
  gtk_widget_add_css_class (subtotal, "numeric");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_box_append (GTK_BOX (heading), title);
  gtk_box_append (GTK_BOX (heading), subtotal);
  gtk_widget_set_visible (heading, FALSE);
  return heading;
}

static void
line_setup_cb (SsaOfferBuilder          *self,
               GtkListItem              *item,
               GtkSignalListItemFactory *factory)
{
  GtkWidget *child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  /* Product names are short; the details take two lines in the pane's width. */
  GtkWidget *title = make_line_text (1);
  GtkWidget *detail = make_line_text (2);
  GtkWidget *amount = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "offer-line");
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_add_css_class (title, "title");
  gtk_widget_add_css_class (detail, "subtitle");
  gtk_widget_add_css_class (amount, "numeric");
  gtk_widget_set_valign (amount, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), amount);
  gtk_box_append (GTK_BOX (child), make_heading ());
  gtk_box_append (GTK_BOX (child), box);
  gtk_list_item_set_child (item, child);
  gtk_list_item_set_activatable (item, FALSE);
}

/* Shows @row's group heading, if it has one, in @heading. */
static void
show_line_heading (GtkWidget   *heading,
                   SsaOfferRow *row)
{
  const char *text = ssa_offer_row_get_heading (row);
  GtkWidget *title = gtk_widget_get_first_child (heading);
  GtkWidget *subtotal = gtk_widget_get_next_sibling (title);
  g_autofree char *name = NULL;

  gtk_widget_set_visible (heading, text != NULL);
  if (text == NULL)
    return;
  gtk_label_set_label (GTK_LABEL (title), text);
  gtk_label_set_label (GTK_LABEL (subtotal), ssa_offer_row_get_subtotal (row));
  /* Read as one: "Missing licences (true-up), Subtotal 1 582,88 kr". */
  name = g_strdup_printf ("%s, %s %s", text, _("Subtotal"), ssa_offer_row_get_subtotal (row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name, -1);
  gtk_widget_set_tooltip_text (subtotal, _("Subtotal"));
}

/* Shows @row's heading and texts in @child, the child of a list item. */
static void
show_line_row (GtkWidget   *child,
               SsaOfferRow *row)
{
  GtkWidget *heading = gtk_widget_get_first_child (child);
  GtkWidget *box = gtk_widget_get_next_sibling (heading);
  GtkWidget *texts = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (texts);
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  GtkWidget *amount = gtk_widget_get_next_sibling (texts);
  SsaSegment segment = ssa_offer_row_get_segment (row);
  g_autofree char *name = NULL;

  show_line_heading (heading, row);
  gtk_inscription_set_text (GTK_INSCRIPTION (title), ssa_offer_row_get_title (row));
  gtk_inscription_set_text (GTK_INSCRIPTION (detail), ssa_offer_row_get_detail (row));
  gtk_label_set_label (GTK_LABEL (amount), ssa_offer_row_get_amount (row));
  if (segment == SSA_SEGMENT_BACKPAY)
    gtk_widget_add_css_class (amount, "warning");
  else
    gtk_widget_remove_css_class (amount, "warning");
  if (segment != SSA_SEGMENT_REGULAR && segment != SSA_SEGMENT_BACKPAY)
    gtk_widget_add_css_class (amount, "dim-label");
  else
    gtk_widget_remove_css_class (amount, "dim-label");

  /* A screen reader reads the row as one: "20 × PBX-Port14, SSA · …, 1 234,50 kr". */
  name = g_strdup_printf ("%s, %s, %s", ssa_offer_row_get_title (row),
                          ssa_offer_row_get_detail (row), ssa_offer_row_get_amount (row));
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
line_row_notify_cb (SsaOfferRow *row,
                    GParamSpec  *pspec,
                    GtkWidget   *box)
{
  /* The three texts are notified together, frozen: show them once. */
  if (g_strcmp0 (pspec->name, "title") == 0)
    show_line_row (box, row);
}

static void
line_bind_cb (SsaOfferBuilder          *self,
              GtkListItem              *item,
              GtkSignalListItemFactory *factory)
{
  SsaOfferRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);

  show_line_row (box, row);
  g_signal_connect_object (row, "notify", G_CALLBACK (line_row_notify_cb), box, 0);
}

static void
line_unbind_cb (SsaOfferBuilder          *self,
                GtkListItem              *item,
                GtkSignalListItemFactory *factory)
{
  SsaOfferRow *row = gtk_list_item_get_item (item);

  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, line_row_notify_cb,
                                          gtk_list_item_get_child (item));
}

static void
stop_revising_cb (SsaOfferBuilder *self)
{
  ssa_offer_builder_set_revising (self, NULL);
}

/* "Quarterly (Auto-SSA, −1,00 %)": the discount inside the plan's parentheses, or in its
 * own after a plan without them, so that the combo row shows it with the plan. */
static char *
billing_label_with_discount (SsaBilling billing,
                             gint64     percent)
{
  const char *label = ssa_billing_get_label (billing);
  g_autofree char *number = ssa_gui_format_decimal (percent);
  /* Translators: a billing plan's discount, added inside the plan's parentheses:
   * "Quarterly (Auto-SSA" + ", −1,00 %" + ")". */
  g_autofree char *discount = g_strdup_printf (_(", −%s %%"), number);

  if (g_str_has_suffix (label, ")"))
    return g_strdup_printf ("%.*s%s)", (int) strlen (label) - 1, label, discount);
  /* Translators: a billing plan with its discount, e.g. "Once (−2,00 %)". */
  return g_strdup_printf (_("%s (−%s %%)"), label, number);
}

static void
update_billing_labels (SsaOfferBuilder *self)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = adw_combo_row_get_selected (self->billing_row);

  for (guint i = 0; i < SSA_N_BILLINGS; i++)
    {
      gint64 percent = self->price_list != NULL
                       ? self->price_list->billing_discount_percent[i] : 0;

      if (percent > 0)
        g_ptr_array_add (labels, billing_label_with_discount (i, percent));
      else
        g_ptr_array_add (labels, g_strdup (ssa_billing_get_label (i)));
    }
  g_ptr_array_add (labels, NULL);

  self->filling = TRUE;
  gtk_string_list_splice (self->billing_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->billing_labels)),
                          (const char * const *) labels->pdata);
  adw_combo_row_set_selected (self->billing_row,
                              selected < SSA_N_BILLINGS ? selected : SSA_BILLING_ONCE);
  self->filling = FALSE;
}

static void
ssa_offer_builder_dispose (GObject *object)
{
  SsaOfferBuilder *self = (SsaOfferBuilder *)object;

  g_cancellable_cancel (self->cancellable);
  forget_true_up (self, FALSE);
  if (self->installation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->installation, self);
      g_signal_handlers_disconnect_by_data (ssa_installation_get_licences (self->installation),
                                            self);
    }
  if (self->watched != NULL)
    unwatch_licences (self);

  /* The rows go with the template: no recomputation may read them after. */
  if (self->alternatives != NULL)
    g_ptr_array_set_size (self->alternatives, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), SSA_TYPE_OFFER_BUILDER);
  g_clear_object (&self->installation);
  g_clear_pointer (&self->price_list, ssa_price_list_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (ssa_offer_builder_parent_class)->dispose (object);
}

static void
ssa_offer_builder_finalize (GObject *object)
{
  SsaOfferBuilder *self = (SsaOfferBuilder *)object;

  g_clear_pointer (&self->watched, g_ptr_array_unref);
  g_clear_pointer (&self->alternatives, g_ptr_array_unref);
  g_clear_pointer (&self->terms, g_hash_table_unref);
  g_clear_pointer (&self->inventory, ssa_inventory_free);
  g_clear_pointer (&self->true_up_items, g_array_unref);
  g_clear_pointer (&self->true_up_stale, g_array_unref);
  g_clear_pointer (&self->offer, ssa_offer_free);
  g_clear_pointer (&self->saved, ssa_db_offer_free);
  g_clear_pointer (&self->db_path, g_free);
  g_clear_pointer (&self->error_text, g_free);
  g_clear_pointer (&self->revising, g_free);

  G_OBJECT_CLASS (ssa_offer_builder_parent_class)->finalize (object);
}

static void
ssa_offer_builder_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SsaOfferBuilder *self = SSA_OFFER_BUILDER (object);

  switch (prop_id)
    {
    case PROP_INSTALLATION:
      g_value_set_object (value, self->installation);
      break;

    case PROP_PRICE_LIST:
      g_value_set_boxed (value, self->price_list);
      break;

    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;

    case PROP_REVISING:
      g_value_set_string (value, self->revising);
      break;

    case PROP_TOTAL_TEXT:
      g_value_set_string (value, ssa_offer_builder_get_total_text (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_offer_builder_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SsaOfferBuilder *self = SSA_OFFER_BUILDER (object);

  switch (prop_id)
    {
    case PROP_INSTALLATION:
      ssa_offer_builder_set_installation (self, g_value_get_object (value));
      break;

    case PROP_PRICE_LIST:
      ssa_offer_builder_set_price_list (self, g_value_get_boxed (value));
      break;

    case PROP_DB_PATH:
      ssa_offer_builder_set_db_path (self, g_value_get_string (value));
      break;

    case PROP_REVISING:
      ssa_offer_builder_set_revising (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ssa_offer_builder_class_init (SsaOfferBuilderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ssa_offer_builder_dispose;
  object_class->finalize = ssa_offer_builder_finalize;
  object_class->get_property = ssa_offer_builder_get_property;
  object_class->set_property = ssa_offer_builder_set_property;

  properties[PROP_INSTALLATION] =
    g_param_spec_object ("installation", NULL, NULL,
                         SSA_TYPE_INSTALLATION,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_PRICE_LIST] =
    g_param_spec_boxed ("price-list", NULL, NULL,
                        SSA_TYPE_PRICE_LIST,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DB_PATH] =
    g_param_spec_string ("db-path", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_REVISING] =
    g_param_spec_string ("revising", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TOTAL_TEXT] =
    g_param_spec_string ("total-text", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SsaOfferBuilder::offer-saved:
   * @self: the builder
   * @number: the stored offer's number
   */
  signals[OFFER_SAVED] =
    g_signal_new ("offer-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "offer.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "offer.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "offer.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "offer.export-xlsx", NULL, export_xlsx_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "offer.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "offer.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "offer.export-xlsx", NULL);

  g_type_ensure (SSA_TYPE_OFFER_ROW);
  g_type_ensure (SSA_TYPE_PACED_LIST);
  g_type_ensure (SSA_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/ssadesk/SsaDesk/ssa-offer-builder.ui");
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, lines_store);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, start_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, months_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, co_term_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, co_term_switch);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, true_up_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, true_up_switch);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, months_spin);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, end_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, billing_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, billing_labels);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, discount_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, hours_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, rate_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, validity_spin);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, message_label);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, revising_revealer);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, revising_label);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, period_label);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, lines_view);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, paced_lines);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, lines_scroller);
  gtk_widget_class_bind_template_callback (widget_class, line_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, line_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, line_unbind_cb);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, results_box);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, regular_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, backpay_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, billing_discount_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, discount_total_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, labour_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, net_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, vat_row);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, regular_label);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, backpay_label);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, billing_discount_label);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, discount_label);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, labour_label);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, net_label);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, vat_label);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, total_label);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, ssc_label);
  gtk_widget_class_bind_template_callback (widget_class, term_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_alternative_cb);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder, alternatives_group);
  gtk_widget_class_bind_template_child (widget_class, SsaOfferBuilder,
                                        add_alternative_button);
  gtk_widget_class_bind_template_callback (widget_class, stop_revising_cb);
}

static void
ssa_offer_builder_init (SsaOfferBuilder *self)
{
  GSettings *settings;
  g_autofree char *rate = NULL;
  gint64 rate_value;

  self->watched = g_ptr_array_new_with_free_func (g_object_unref);
  self->alternatives = g_ptr_array_new ();
  self->terms = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, terms_free);
  self->validity_days = 30;
  self->cancellable = g_cancellable_new ();
  ssa_offer_request_init (&self->request);

  gtk_widget_init_template (GTK_WIDGET (self));
  ssa_gui_fix_mnemonic_names (GTK_WIDGET (self));
  ssa_paced_list_set_widget (self->paced_lines, GTK_WIDGET (self->lines_view));

  update_billing_labels (self);

  /* The defaults until the window hands over the reseller's profile. */
  settings = ssa_application_get_settings_for_widget (GTK_WIDGET (self));
  if (settings != NULL)
    {
      rate = g_settings_get_string (settings, "default-labour-rate");
      ssa_offer_builder_set_defaults (self,
                                      g_settings_get_uint (settings, "default-validity-days"),
                                      ssa_gui_parse_decimal (rate, &rate_value, NULL),
                                      rate_value);
    }

  recompute (self);
}

GtkWidget *
ssa_offer_builder_new (void)
{
  return g_object_new (SSA_TYPE_OFFER_BUILDER, NULL);
}

/**
 * ssa_offer_builder_get_installation:
 *
 * Returns: (transfer none) (nullable): the installation the offer is for
 */
SsaInstallation *
ssa_offer_builder_get_installation (SsaOfferBuilder *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_BUILDER (self), NULL);

  return self->installation;
}

static void
installation_notify_cb (SsaOfferBuilder *self,
                        GParamSpec      *pspec,
                        SsaInstallation *installation)
{
  /* Name, serial, expiry and the rest are in the inventory; the id changes once an
   * installation is stored, which enables saving. */
  inventory_changed_cb (self);
}

void
ssa_offer_builder_set_installation (SsaOfferBuilder *self,
                                    SsaInstallation *installation)
{
  g_return_if_fail (SSA_IS_OFFER_BUILDER (self));
  g_return_if_fail (installation == NULL || SSA_IS_INSTALLATION (installation));

  if (self->installation == installation)
    return;

  keep_terms (self);
  if (self->installation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->installation, self);
      g_signal_handlers_disconnect_by_data (ssa_installation_get_licences (self->installation),
                                            self);
    }
  g_set_object (&self->installation, installation);
  if (installation != NULL)
    {
      g_signal_connect_object (installation, "notify", G_CALLBACK (installation_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (ssa_installation_get_licences (installation), "items-changed",
                               G_CALLBACK (licences_changed_cb), self, G_CONNECT_SWAPPED);
    }

  /* Its own terms, and the offer it was revising: not the last installation's; not the
   * last installation's true-up, nor its read in flight. */
  restore_terms (self);
  forget_true_up (self, FALSE);

  watch_licences (self);
  inventory_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSTALLATION]);
}

/**
 * ssa_offer_builder_get_price_list:
 *
 * Returns: (transfer none) (nullable): the price list offers are computed with
 */
SsaPriceList *
ssa_offer_builder_get_price_list (SsaOfferBuilder *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_BUILDER (self), NULL);

  return self->price_list;
}

void
ssa_offer_builder_set_price_list (SsaOfferBuilder *self,
                                  SsaPriceList    *price_list)
{
  g_return_if_fail (SSA_IS_OFFER_BUILDER (self));

  if (self->price_list == price_list)
    return;

  g_clear_pointer (&self->price_list, ssa_price_list_unref);
  if (price_list != NULL)
    self->price_list = ssa_price_list_ref (price_list);

  update_billing_labels (self);
  recompute (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRICE_LIST]);
}

const char *
ssa_offer_builder_get_db_path (SsaOfferBuilder *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_BUILDER (self), NULL);

  return self->db_path;
}

/**
 * ssa_offer_builder_set_db_path:
 * @self: a builder
 * @db_path: (nullable): the database offers are saved in, and the reseller's profile read
 *   from; %NULL: offers cannot be saved, documents have no reseller
 */
void
ssa_offer_builder_set_db_path (SsaOfferBuilder *self,
                               const char      *db_path)
{
  g_return_if_fail (SSA_IS_OFFER_BUILDER (self));

  if (g_strcmp0 (self->db_path, db_path) == 0)
    return;

  g_free (self->db_path);
  self->db_path = g_strdup (db_path);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DB_PATH]);
}

/**
 * ssa_offer_builder_set_defaults:
 * @self: a builder
 * @validity_days: how many days a new offer stays valid
 * @has_labour_rate: whether there is a default hourly rate
 * @labour_rate: the default hourly rate, in hundredths
 *
 * Sets the reseller's defaults. The rate fills the rate row only while it is empty or still
 * holds the previous default.
 */
void
ssa_offer_builder_set_defaults (SsaOfferBuilder *self,
                                guint            validity_days,
                                gboolean         has_labour_rate,
                                gint64           labour_rate)
{
  g_autofree char *rate = NULL;

  g_return_if_fail (SSA_IS_OFFER_BUILDER (self));

  self->validity_days = CLAMP (validity_days, 1, 365);
  gtk_spin_button_set_value (self->validity_spin, self->validity_days);

  if (has_labour_rate)
    rate = ssa_gui_format_decimal (labour_rate);
  if (row_is_empty (self->rate_row) ||
      g_strcmp0 (row_text (self->rate_row),
                 g_object_get_data (G_OBJECT (self->rate_row), "ssa-default")) == 0)
    gtk_editable_set_text (GTK_EDITABLE (self->rate_row), rate != NULL ? rate : "");
  g_object_set_data_full (G_OBJECT (self->rate_row), "ssa-default", g_strdup (rate), g_free);
}

/**
 * ssa_offer_builder_get_request:
 * @self: a builder
 * @out: (out caller-allocates): the request the terms make
 *
 * Returns: whether every term can be read; @out is filled in either way
 */
gboolean
ssa_offer_builder_get_request (SsaOfferBuilder *self,
                               SsaOfferRequest *out)
{
  g_autoptr(GString) messages = g_string_new (NULL);

  g_return_val_if_fail (SSA_IS_OFFER_BUILDER (self), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return read_request (self, out, messages);
}

/**
 * ssa_offer_builder_set_request:
 * @self: a builder
 * @request: the terms to show
 *
 * Fills the terms in from @request (a stored offer's), and computes the offer once.
 */
void
ssa_offer_builder_set_request (SsaOfferBuilder       *self,
                               const SsaOfferRequest *request)
{
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *discount = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *rate = NULL;

  g_return_if_fail (SSA_IS_OFFER_BUILDER (self));
  g_return_if_fail (request != NULL);

  start = ssa_gui_format_date_entry (&request->start);
  if (request->end_kind == SSA_OFFER_END_DATE)
    end = ssa_gui_format_date_entry (&request->end);
  discount = request->discount_percent != 0 ? ssa_gui_format_decimal (request->discount_percent)
                                            : g_strdup ("");
  if (request->has_labour)
    {
      hours = ssa_gui_format_decimal (request->labour_hours);
      rate = ssa_gui_format_decimal (request->labour_rate);
    }

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
  gtk_editable_set_text (GTK_EDITABLE (self->end_row), end != NULL ? end : "");
  gtk_spin_button_set_value (self->months_spin,
                             request->end_kind == SSA_OFFER_END_MONTHS ? request->months : 12);
  /* A stored offer asked for its own end: a top-up only when it was one. */
  gtk_switch_set_active (self->co_term_switch, request->end_kind == SSA_OFFER_END_CO_TERM);
  gtk_switch_set_active (self->true_up_switch, request->true_up);
  adw_combo_row_set_selected (self->billing_row, request->billing);
  gtk_editable_set_text (GTK_EDITABLE (self->discount_row), discount);
  gtk_editable_set_text (GTK_EDITABLE (self->hours_row), hours != NULL ? hours : "");
  if (rate != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->rate_row), rate);
  clear_alternatives (self);
  for (guint i = 0; i < request->n_alternatives; i++)
    add_alternative (self, &request->alternatives[i]);
  self->filling = FALSE;

  recompute (self);
}

/**
 * ssa_offer_builder_get_revising:
 *
 * Returns: (nullable): the number of the offer that "Save offer" revises, or %NULL when
 *   it makes a new offer
 */
const char *
ssa_offer_builder_get_revising (SsaOfferBuilder *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_BUILDER (self), NULL);

  return self->revising;
}

void
ssa_offer_builder_set_revising (SsaOfferBuilder *self,
                                const char      *number)
{
  g_return_if_fail (SSA_IS_OFFER_BUILDER (self));

  if (g_strcmp0 (self->revising, number) == 0)
    return;

  g_free (self->revising);
  self->revising = g_strdup (number);
  if (number != NULL)
    {
      /* Translators: %s is an offer number; saving makes its next revision, "-R2". */
      g_autofree char *text = g_strdup_printf (_("Revising offer %s: saving makes a revision"),
                                               number);

      gtk_label_set_label (self->revising_label, text);
    }
  gtk_revealer_set_reveal_child (self->revising_revealer, number != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISING]);
}

/**
 * ssa_offer_builder_get_offer:
 *
 * Returns: (transfer none) (nullable): the offer as computed from the terms shown, or
 *   %NULL when it cannot be made
 */
const SsaOffer *
ssa_offer_builder_get_offer (SsaOfferBuilder *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_BUILDER (self), NULL);

  return self->offer;
}

/**
 * ssa_offer_builder_get_total_text:
 *
 * Returns: the total as shown
 */
const char *
ssa_offer_builder_get_total_text (SsaOfferBuilder *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_BUILDER (self), NULL);

  return gtk_label_get_label (self->total_label);
}

/**
 * ssa_offer_builder_get_error_text:
 *
 * Returns: (nullable): why no offer is shown: the terms that cannot be read, or the
 *   calculator's refusal
 */
const char *
ssa_offer_builder_get_error_text (SsaOfferBuilder *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_BUILDER (self), NULL);

  return self->error_text;
}

/**
 * ssa_offer_builder_get_lines:
 *
 * Returns: (transfer none): the offer's lines as shown, SsaOfferRow
 */
GListModel *
ssa_offer_builder_get_lines (SsaOfferBuilder *self)
{
  g_return_val_if_fail (SSA_IS_OFFER_BUILDER (self), NULL);

  return G_LIST_MODEL (self->lines_store);
}

/**
 * ssa_offer_builder_set_read_only:
 * @self: a builder
 * @read_only: whether the database is read-only
 *
 * A read-only database still computes, prints and exports offers, but does not store them:
 * Save is disabled.
 */
void
ssa_offer_builder_set_read_only (SsaOfferBuilder *self,
                                 gboolean         read_only)
{
  g_return_if_fail (SSA_IS_OFFER_BUILDER (self));

  self->read_only = read_only;
  update_actions (self);
}
