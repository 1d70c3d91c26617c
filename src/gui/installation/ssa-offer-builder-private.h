/* ssa-offer-builder-private.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* What the files of SsaOfferBuilder share: ssa-offer-builder.c (the terms and the offer
 * computed from them) and ssa-offer-builder-documents.c (saving the offer, its documents,
 * printing). Nothing outside the builder includes it. */

#include <adwaita.h>

#include "ssa-db.h"
#include "ssa-inventory.h"
#include "ssa-offer-builder.h"
#include "ssa-paced-list.h"

G_BEGIN_DECLS

struct _SsaOfferBuilder
{
  AdwBin           parent_instance;

  SsaInstallation *installation;
  SsaPriceList    *price_list;
  char            *db_path;
  gboolean         read_only;   /* Save is off: the database is read-only */
  GPtrArray       *watched;          /* SsaLicence whose notify::* we follow */
  SsaInventory    *inventory;        /* the installation's values, copied when it last
                                      * changed; NULL until they are needed again */
  GArray          *true_up_items;    /* SsaTrueUpItem the PBX's last reading says are
                                      * missing; NULL until needed again */
  SsaPriceList    *true_up_price_list; /* the list they were matched with (not a ref) */
  GArray          *true_up_stale;    /* the items shown while they are read again, for the
                                      * same installation (or none) */
  GCancellable    *true_up_cancellable; /* the read in a worker, or NULL */

  SsaOffer        *offer;            /* the last offer computed, or NULL */
  SsaOfferRequest  request;          /* its request */
  char            *error_text;
  char            *revising;         /* the number of the offer being revised */
  SsaDbOffer      *saved;            /* the stored offer the terms last made, if any */
  gboolean         filling;          /* set_request() is filling the rows in */
  GHashTable      *terms;            /* installation id (gint64 *) -> Terms */
  guint            validity_days;    /* the reseller's default */

  GCancellable    *cancellable;
  GListStore      *lines_store;

  AdwEntryRow     *start_row;
  AdwActionRow    *months_row;
  GtkSpinButton   *months_spin;
  AdwEntryRow     *end_row;
  AdwActionRow    *co_term_row;
  GtkSwitch       *co_term_switch;
  AdwActionRow    *true_up_row;
  GtkSwitch       *true_up_switch;
  AdwComboRow     *billing_row;
  GtkStringList   *billing_labels;
  AdwEntryRow     *discount_row;
  AdwEntryRow     *hours_row;
  AdwEntryRow     *rate_row;
  AdwPreferencesGroup *alternatives_group;
  GtkButton       *add_alternative_button;
  GPtrArray       *alternatives;     /* AdwExpanderRow: alternatives 2 and on, in order */
  GtkSpinButton   *validity_spin;
  GtkLabel        *message_label;
  GtkListBox      *warnings_list;
  GtkRevealer     *revising_revealer;
  GtkLabel        *revising_label;
  GtkLabel        *period_label;
  GtkListView     *lines_view;
  SsaPacedList    *paced_lines;
  int              line_height;    /* a row of the lines, once one was measured */
  int              heading_height; /* the true-up's heading above its first line, once
                                    * one was measured */
  GtkWidget       *lines_scroller;
  GtkWidget       *results_box;
  AdwActionRow    *regular_row;
  AdwActionRow    *backpay_row;
  AdwActionRow    *billing_discount_row;
  AdwActionRow    *discount_total_row;
  AdwActionRow    *labour_row;
  AdwActionRow    *net_row;
  AdwActionRow    *vat_row;
  GtkLabel        *regular_label;
  GtkLabel        *backpay_label;
  GtkLabel        *billing_discount_label;
  GtkLabel        *discount_label;
  GtkLabel        *labour_label;
  GtkLabel        *net_label;
  GtkLabel        *vat_label;
  GtkLabel        *total_label;
  GtkLabel        *ssc_label;
};

enum {
  OFFER_SAVED,
  N_SIGNALS
};

/* The builder's signals, created by ssa_offer_builder_class_init (); both files emit them
 * as signals[…], as a class's own file does. */
extern guint ssa_offer_builder_signals[N_SIGNALS];
#define signals ssa_offer_builder_signals

/* The functions one file calls in the other, by the file that defines them. They keep the
 * short names they had as static functions; the linker sees them as _ssa_offer_builder_NAME,
 * so that they cannot clash with another class's. */
#define export_xlsx_action _ssa_offer_builder_export_xlsx_action
#define get_inventory _ssa_offer_builder_get_inventory
#define print_action _ssa_offer_builder_print_action
#define save_action _ssa_offer_builder_save_action
#define save_pdf_action _ssa_offer_builder_save_pdf_action
#define update_actions _ssa_offer_builder_update_actions

/* ssa-offer-builder.c */
void update_actions (SsaOfferBuilder *self);
const SsaInventory *get_inventory (SsaOfferBuilder *self);

/* ssa-offer-builder-documents.c */
void save_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter);
void print_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter);
void save_pdf_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter);
void export_xlsx_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter);

G_END_DECLS
