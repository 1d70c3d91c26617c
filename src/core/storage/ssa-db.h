/* ssa-db.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ssa-customer.h"
#include "ssa-installation.h"
#include "ssa-inventory.h"
#include "ssa-licence.h"
#include "ssa-offer.h"
#include "ssa-pbx-reading.h"
#include "ssa-price-list.h"
#include "ssa-profile.h"

G_BEGIN_DECLS

/* The reseller's database: one SQLite file shared by the window and ssa-desk-cli, possibly
 * open in several processes at once. See docs/database.md for the schema, the migrations
 * and the numbering of offers.
 *
 * An SsaDb is one connection. Use it from one thread at a time; open another SsaDb for
 * another thread (WAL lets readers and one writer work at once). Every function that changes
 * more than one row does so in one transaction; writers take the write lock at the start of
 * their transaction (BEGIN IMMEDIATE) and wait up to SSA_DB_BUSY_TIMEOUT_MS for it. */

#define SSA_DB_SCHEMA_VERSION     7
#define SSA_DB_APPLICATION_ID     0x53534144 /* "SSAD" */
#define SSA_DB_BUSY_TIMEOUT_MS    10000

#define SSA_DB_ERROR (ssa_db_error_quark ())

/**
 * SsaDbError:
 * @SSA_DB_ERROR_FAILED: SQLite failed for a reason not listed here
 * @SSA_DB_ERROR_NEWER: the database was written by a newer SSA Desk; it was not touched
 * @SSA_DB_ERROR_NOT_A_DATABASE: the file is not an SSA Desk database, or is damaged
 * @SSA_DB_ERROR_READ_ONLY: the file or its folder cannot be written
 * @SSA_DB_ERROR_FULL: the disk is full, or a write failed
 * @SSA_DB_ERROR_BUSY: another process held the database locked for too long
 * @SSA_DB_ERROR_NOT_FOUND: no row with that id or number
 * @SSA_DB_ERROR_CONSTRAINT: the change would break a rule of the schema (a second
 *   installation with the same serial, a customer that still has installations, …)
 * @SSA_DB_ERROR_REFUSED: the rules of offers refuse the change (a locked offer, a status
 *   change that is not allowed, a validity longer than the longest allowed)
 * @SSA_DB_ERROR_DAMAGED: SQLite's check found damage in the file (ssa_db_check()); restore
 *   it from a backup rather than write more into it
 *
 * Errors of the database. Messages are translated and say what to do next. A cancelled
 * load fails with G_IO_ERROR_CANCELLED.
 */
typedef enum
{
  SSA_DB_ERROR_FAILED,
  SSA_DB_ERROR_NEWER,
  SSA_DB_ERROR_NOT_A_DATABASE,
  SSA_DB_ERROR_READ_ONLY,
  SSA_DB_ERROR_FULL,
  SSA_DB_ERROR_BUSY,
  SSA_DB_ERROR_NOT_FOUND,
  SSA_DB_ERROR_CONSTRAINT,
  SSA_DB_ERROR_REFUSED,
  SSA_DB_ERROR_DAMAGED,
} SsaDbError;

typedef enum
{
  SSA_DB_OPEN_DEFAULT   = 0,
  /* Open without writing anything: no file is created and no migration runs, so an older
   * schema stays as it is (only a backup or an integrity check is safe on it). */
  SSA_DB_OPEN_READ_ONLY = 1 << 0,
} SsaDbOpenFlags;

typedef struct _SsaDb SsaDb;

GQuark       ssa_db_error_quark          (void);

char        *ssa_db_get_default_path     (void);
SsaDb       *ssa_db_open                 (const char      *path,
                                          SsaDbOpenFlags   flags,
                                          GError         **error);
void         ssa_db_close                (SsaDb           *self);
const char  *ssa_db_get_path             (SsaDb           *self);
int          ssa_db_get_schema_version   (SsaDb           *self);
gboolean     ssa_db_backup               (SsaDb           *self,
                                          const char      *destination,
                                          GError         **error);
gboolean     ssa_db_check_integrity      (SsaDb           *self,
                                          GError         **error);

/* A database opened for reading only: the file or its folder cannot be written, or
 * SSA_DB_OPEN_READ_ONLY was asked. Reads work; every change fails with
 * SSA_DB_ERROR_READ_ONLY. */
gboolean     ssa_db_is_read_only         (SsaDb           *self);
const char  *ssa_db_get_read_only_reason (SsaDb           *self);
gboolean     ssa_db_check_writable       (SsaDb           *self,
                                          GError         **error);

/**
 * SsaDbCheck:
 * @SSA_DB_CHECK_QUICK: SQLite's quick_check: every page and record is readable and well
 *   formed (linear in the size of the file; what the window and writing commands run)
 * @SSA_DB_CHECK_FULL: SQLite's integrity_check: also that every index matches its table
 */
typedef enum
{
  SSA_DB_CHECK_QUICK,
  SSA_DB_CHECK_FULL,
} SsaDbCheck;

gboolean     ssa_db_check                (SsaDb           *self,
                                          SsaDbCheck       how,
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaDb, ssa_db_close)

/* Customers. */

SsaCustomer *ssa_db_load_customer        (SsaDb           *self,
                                          gint64           id,
                                          GError         **error);
GPtrArray   *ssa_db_load_customers       (SsaDb           *self,
                                          GError         **error);
gboolean     ssa_db_insert_customer      (SsaDb           *self,
                                          SsaCustomer     *customer,
                                          GError         **error);
gboolean     ssa_db_update_customer      (SsaDb           *self,
                                          SsaCustomer     *customer,
                                          GError         **error);
gboolean     ssa_db_delete_customer      (SsaDb           *self,
                                          gint64           id,
                                          GError         **error);
gboolean     ssa_db_delete_customer_with_installations (SsaDb     *self,
                                                        gint64     id,
                                                        GArray   **out_installation_ids,
                                                        GError   **error);

/* Installations and their licence lines. */

SsaInstallation *ssa_db_load_installation  (SsaDb           *self,
                                            gint64           id,
                                            GError         **error);
GPtrArray   *ssa_db_load_installations   (SsaDb           *self,
                                          GCancellable    *cancellable,
                                          GError         **error);
/* Called with the installations read so far (element-type SsaInstallation, by id). */
typedef void (*SsaDbInstallationsFunc) (GPtrArray *installations,
                                        gpointer   user_data);
GPtrArray   *ssa_db_load_installations_full (SsaDb                  *self,
                                             GCancellable           *cancellable,
                                             SsaDbInstallationsFunc  rows_read,
                                             gpointer                user_data,
                                             GError                **error);
gboolean     ssa_db_insert_installation  (SsaDb           *self,
                                          SsaInstallation *installation,
                                          GError         **error);
gboolean     ssa_db_update_installation  (SsaDb           *self,
                                          SsaInstallation *installation,
                                          GError         **error);
gboolean     ssa_db_delete_installation  (SsaDb           *self,
                                          gint64           id,
                                          GError         **error);
SsaLicence  *ssa_db_load_licence         (SsaDb           *self,
                                          gint64           id,
                                          GError         **error);
gboolean     ssa_db_insert_licence       (SsaDb           *self,
                                          gint64           installation_id,
                                          SsaLicence      *licence,
                                          GError         **error);
gboolean     ssa_db_update_licence       (SsaDb           *self,
                                          SsaLicence      *licence,
                                          GError         **error);
gboolean     ssa_db_delete_licence       (SsaDb           *self,
                                          gint64           id,
                                          GError         **error);
GArray      *ssa_db_replace_licences     (SsaDb           *self,
                                          gint64           installation_id,
                                          GArray          *lines,
                                          gboolean         append,
                                          GError         **error);

/* Archive: kept with its history, out of the renewals and the window's sidebar. */

gboolean     ssa_db_set_installation_archived (SsaDb     *self,
                                               gint64     id,
                                               gboolean   archived,
                                               GError   **error);
gboolean     ssa_db_set_customer_archived (SsaDb         *self,
                                           gint64         id,
                                           gboolean       archived,
                                           GError       **error);
gboolean     ssa_db_count_offers         (SsaDb           *self,
                                          gint64           installation_id,
                                          gint64           customer_id,
                                          guint           *out_count,
                                          GError         **error);

/* Installation files (ssa-desk-installation/1). */

SsaInventory *ssa_db_load_inventory      (SsaDb           *self,
                                          gint64           installation_id,
                                          GArray         **out_licence_ids,
                                          GError         **error);
gboolean     ssa_db_import_inventories   (SsaDb           *self,
                                          SsaInventory   **inventories,
                                          const char     **names,
                                          guint            n_inventories,
                                          gint64          *out_ids,
                                          GError         **error);

/* Licences from where they live (ssa-db-licences.c, docs/importing.md). */

typedef struct
{
  char *type;
  char *code;
} SsaDbLicenceTypeMapping;

void         ssa_db_licence_type_mapping_clear (SsaDbLicenceTypeMapping *mapping);
GArray      *ssa_db_list_licence_type_map (SsaDb              *self,
                                           GError            **error);
GHashTable  *ssa_db_load_licence_type_map (SsaDb              *self,
                                           GError            **error);
gboolean     ssa_db_map_licence_type     (SsaDb              *self,
                                          const char         *type,
                                          const char         *code,
                                          const SsaPriceList *price_list,
                                          GError            **error);
gboolean     ssa_db_unmap_licence_type   (SsaDb              *self,
                                          const char         *type,
                                          GError            **error);
gboolean     ssa_db_store_licence_import (SsaDb              *self,
                                          gint64              installation_id,
                                          const char         *expected_serial,
                                          const char         *set_serial,
                                          GArray             *lines,
                                          GError            **error);

gboolean     ssa_db_get_pbx_settings     (SsaDb              *self,
                                          gint64              installation_id,
                                          char              **out_admin_url,
                                          char              **out_fingerprint,
                                          GError            **error);
gboolean     ssa_db_set_pbx_admin_url    (SsaDb              *self,
                                          gint64              installation_id,
                                          const char         *admin_url,
                                          GError            **error);
gboolean     ssa_db_store_pbx_reading    (SsaDb              *self,
                                          gint64              installation_id,
                                          const SsaPbxReading *reading,
                                          GError            **error);
GArray      *ssa_db_load_true_up         (SsaDb              *self,
                                          gint64              installation_id,
                                          const SsaInventory *inventory,
                                          const SsaPriceList *price_list,
                                          GError            **error);
SsaPbxReading *ssa_db_load_pbx_reading   (SsaDb              *self,
                                          gint64              installation_id,
                                          char              **out_read_at,
                                          GError            **error);

/* Lists for the command line: plain rows, without licence lines. */

typedef struct
{
  gint64        id;
  gint64        customer_id;    /* 0 when there is none */
  char         *customer_name;  /* nullable */
  char         *name;           /* nullable */
  char         *serial;         /* nullable */
  SsaDeployment deployment;
  char         *firmware;       /* nullable */
  GDate         ssa_expiry;     /* cleared when absent */
  guint         n_licences;
} SsaDbInstallationRow;

GArray      *ssa_db_list_installations   (SsaDb           *self,
                                          GError         **error);
GArray      *ssa_db_list_renewals        (SsaDb           *self,
                                          const GDate     *today,
                                          guint            within_days,
                                          GError         **error);

/* Price lists. */

typedef struct
{
  const char *source_url;       /* nullable: where it was fetched from */
  const char *fetched_at;       /* nullable: ISO 8601 time of the fetch */
  const char *etag;             /* nullable */
  const char *last_modified;    /* nullable */
} SsaDbPriceListSource;

typedef struct
{
  gint64    row_id;
  char     *list_id;            /* the document's "id" */
  char     *sha256;             /* of the document's bytes, lower-case hex */
  char     *source_url;         /* nullable */
  char     *fetched_at;         /* nullable */
  char     *etag;               /* nullable */
  char     *last_modified;      /* nullable */
  char     *imported_at;        /* ISO 8601 UTC time it was stored */
  gboolean  is_current;
} SsaDbPriceListInfo;

void         ssa_db_price_list_info_free (SsaDbPriceListInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaDbPriceListInfo, ssa_db_price_list_info_free)

gboolean     ssa_db_store_price_list     (SsaDb                      *self,
                                          const char                 *data,
                                          gsize                       length,
                                          const char                 *what,
                                          const SsaDbPriceListSource *source,
                                          SsaDbPriceListInfo        **out_info,
                                          gboolean                   *out_was_new,
                                          GError                    **error);
SsaPriceList *ssa_db_load_current_price_list (SsaDb               *self,
                                              SsaDbPriceListInfo **out_info,
                                              GError             **error);
char        *ssa_db_dup_price_list_document (SsaDb            *self,
                                             gint64            row_id,
                                             GError          **error);
GPtrArray   *ssa_db_list_price_lists     (SsaDb           *self,
                                          GError         **error);

/* Offers. */

typedef enum
{
  SSA_OFFER_STATUS_DRAFT,
  SSA_OFFER_STATUS_SENT,
  SSA_OFFER_STATUS_ACCEPTED,
  SSA_OFFER_STATUS_DECLINED,
  SSA_OFFER_STATUS_SUPERSEDED, /* another offer of its installation was accepted */
  SSA_OFFER_STATUS_REVISED,   /* a revision of it was made while it was open */
  SSA_OFFER_STATUS_EXPIRED,   /* never stored: a draft or sent offer past its validity */
} SsaOfferStatus;

const char  *ssa_offer_status_to_string  (SsaOfferStatus   status);
gboolean     ssa_offer_status_from_string (const char     *text,
                                           SsaOfferStatus *out);
const char  *ssa_offer_status_get_label  (SsaOfferStatus   status);
const char  *ssa_offer_status_get_title  (SsaOfferStatus   status);

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

/* The reseller's profile. */

SsaProfile  *ssa_db_load_profile         (SsaDb           *self,
                                          GError         **error);
gboolean     ssa_db_save_profile         (SsaDb           *self,
                                          const SsaProfile *profile,
                                          GError         **error);

G_END_DECLS
