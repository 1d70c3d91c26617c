/* ssa-db-offers.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ssa-db.h"
#include "ssa-offer.h"
#include "ssa-offer-status.h"
#include "ssa-profile.h"

G_BEGIN_DECLS

/* Stored offers (ssa-db-offers.c): numbered, revised, with their register states, history
 * and alternatives, and the reseller's profile they are printed with. */

/* One change of an offer's status, as the register keeps it. */
typedef struct
{
  SsaOfferStatus  status;           /* the status it changed to (draft: created) */
  GDateTime      *changed_at;       /* UTC */
  char           *user;             /* the user's login name; NULL when not known */
  char           *caused_by;        /* superseded or revised: the offer that did it */
  guint           alternative;      /* accepted: the alternative chosen, from 1; 0 when the
                                     * offer had none or the database did not keep it */
} SsaDbOfferStatusChange;

typedef struct
{
  gint64          id;
  char           *number;           /* "2026-0001", "2026-0001-R2" */
  int             year;
  int             seq;
  int             revision;         /* 1 for the first */
  gint64          installation_id;
  char           *installation_name; /* nullable */
  char           *customer_name;    /* nullable */
  SsaOfferStatus  status;           /* as stored: never SSA_OFFER_STATUS_EXPIRED */
  GDate           created;
  GDate           valid_until;
  GDate           period_start;
  GDate           period_end;
  gint64          price_list_row;
  char           *price_list_id;
  char           *currency;
  gint64          total;            /* hundredths of the currency */
  char           *request;          /* JSON; NULL in lists */
  char           *snapshot;         /* the ssa-desk-offer/1 document; NULL in lists */
  char           *inventory;        /* the installation as it was, ssa-desk-installation/1;
                                     * NULL in lists */
  SsaProfile     *seller;           /* the reseller's profile as it was when the offer was
                                     * stored (printed fields and logo); NULL in lists and
                                     * for offers stored before schema version 2 */
  GPtrArray      *history;          /* SsaDbOfferStatusChange, oldest first; empty for a
                                     * database before the register (schema version 3) */
  guint           n_alternatives;   /* its alternatives, itself the first: 1 when it has
                                     * none besides (docs/rules.md, "Alternatives") */
  guint           accepted_alternative; /* the alternative accepted, from 1; 0 when none was
                                     * chosen (not accepted, or no alternatives) */
  GDate           alternative_end[SSA_OFFER_MAX_ALTERNATIVES];   /* alternative N at N - 1;
                                     * the first is period_end */
  gint64          alternative_total[SSA_OFFER_MAX_ALTERNATIVES]; /* likewise, with total */
} SsaDbOffer;

void            ssa_db_offer_free          (SsaDbOffer      *offer);
SsaOfferStatus  ssa_db_offer_get_shown_status (const SsaDbOffer *offer,
                                               const GDate      *today);
gboolean        ssa_db_offer_get_request   (const SsaDbOffer *offer,
                                            SsaOfferRequest  *out,
                                            GError          **error);
gboolean        ssa_db_offer_is_open       (const SsaDbOffer *offer,
                                            const GDate      *today);
gboolean        ssa_db_offer_can_set_status (const SsaDbOffer *offer,
                                             SsaOfferStatus    status,
                                             const GDate      *today,
                                             char            **why);
gboolean        ssa_db_offer_get_true_up   (const SsaDbOffer *offer,
                                            SsaOffer        **snapshot,
                                            GPtrArray        *lines,
                                            GError          **error);
char           *ssa_db_offer_dup_true_up_text (const SsaDbOffer *offer,
                                               GError          **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaDbOffer, ssa_db_offer_free)

SsaDbOffer  *ssa_db_create_offer         (SsaDb                 *self,
                                          gint64                 installation_id,
                                          const SsaOfferRequest *request,
                                          const GDate           *created,
                                          guint                  validity_days,
                                          SsaOffer             **out_offer,
                                          GError               **error);
SsaDbOffer  *ssa_db_revise_offer         (SsaDb                 *self,
                                          const char            *number,
                                          const SsaOfferRequest *request,
                                          const GDate           *created,
                                          guint                  validity_days,
                                          SsaOffer             **out_offer,
                                          GError               **error);
gboolean     ssa_db_set_offer_status     (SsaDb                 *self,
                                          const char            *number,
                                          SsaOfferStatus         status,
                                          const GDate           *today,
                                          GError               **error);
gboolean     ssa_db_accept_offer         (SsaDb                 *self,
                                          const char            *number,
                                          guint                  alternative,
                                          const GDate           *today,
                                          GError               **error);
SsaDbOffer  *ssa_db_load_offer           (SsaDb                 *self,
                                          const char            *number,
                                          GError               **error);
GPtrArray   *ssa_db_list_offers          (SsaDb                 *self,
                                          GError               **error);
GHashTable  *ssa_db_list_open_offers     (SsaDb                 *self,
                                          const GDate           *today,
                                          GError               **error);

/* The audit log (docs/database.md, "Version 8"): changes of offers' status, deletions and
 * archiving, with who and when. */

typedef struct
{
  gint64  id;
  char   *at;         /* ISO 8601 UTC */
  char   *who;        /* nullable */
  char   *action;     /* "status", "delete", "archive", "unarchive" */
  char   *subject;    /* "offer", "customer", "installation", "licence" */
  gint64  row_id;
  char   *label;      /* nullable: the offer's number, the name or code */
  char   *details;    /* nullable: JSON */
} SsaAuditEntry;

void         ssa_audit_entry_free        (SsaAuditEntry         *entry);
char        *ssa_audit_entry_describe    (const SsaAuditEntry   *entry,
                                          gboolean               status_labels);
GPtrArray   *ssa_db_list_audit           (SsaDb                 *self,
                                          GError               **error);

/* The reseller's profile. */

SsaProfile  *ssa_db_load_profile         (SsaDb           *self,
                                          GError         **error);
gboolean     ssa_db_save_profile         (SsaDb           *self,
                                          SsaProfile      *profile,
                                          GError         **error);


G_END_DECLS
