/* ssa-licence-import.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ssa-inventory.h"
#include "ssa-pbx-reading.h"
#include "ssa-price-list.h"

G_BEGIN_DECLS

/* Licences from where they live (docs/importing.md): a device's licence file (XML), read
 * with libxml2, and the plan that turns it into an installation's licence lines. The plan
 * is computed before anything is stored, so that it can be shown (the change against the
 * current inventory) and then stored in one transaction. */

typedef struct
{
  char   *type;               /* the licence type string, e.g. "PBX-Port14" */
  gint64  amount;             /* the sum of the file's amounts of this type */
} SsaLicenceAmount;

typedef struct
{
  char   *hardware_id;        /* nullable: the `mac` the licences are bound to */
  GArray *amounts;            /* SsaLicenceAmount, one per type, in order of first use */
  guint   n_elements;         /* the file's <license> elements */
} SsaLicenceFile;

SsaLicenceFile *ssa_licence_file_new_from_data (const char  *data,
                                                gsize        length,
                                                const char  *what,
                                                GError     **error);
SsaLicenceFile *ssa_licence_file_new_from_file (const char  *path,
                                                GError     **error);
void            ssa_licence_file_free          (SsaLicenceFile *self);

gboolean        ssa_licence_hardware_id_matches (const char *serial,
                                                 const char *hardware_id);

typedef enum
{
  SSA_LICENCE_CHANGE_UNCHANGED,
  SSA_LICENCE_CHANGE_ADDED,
  SSA_LICENCE_CHANGE_REMOVED,
  SSA_LICENCE_CHANGE_QUANTITY,
} SsaLicenceChangeKind;

typedef struct
{
  SsaLicenceChangeKind kind;
  char   *code;
  char   *name;               /* nullable: the price list's name of the article */
  gint64  old_quantity;
  gint64  new_quantity;
} SsaLicenceChange;

typedef struct
{
  GArray *changes;            /* SsaLicenceChange, one per article */
  GArray *lines;              /* SsaInventoryLine: the installation's lines after the import */
  char   *set_serial;         /* nullable: the serial to give an installation without one */
  guint   n_added;
  guint   n_removed;
  guint   n_changed;
} SsaLicenceImport;

SsaLicenceImport *ssa_licence_import_plan  (const SsaInventory   *current,
                                            const SsaLicenceFile *file,
                                            const SsaPriceList   *price_list,
                                            GHashTable           *user_map,
                                            const GDate          *today,
                                            const char           *what,
                                            GError              **error);
void              ssa_licence_import_free  (SsaLicenceImport     *self);
char             *ssa_licence_import_to_text (const SsaLicenceImport *self);

/* Licences used (by the PBX's last reading) against licences owned (the inventory). */
typedef struct
{
  char   *name;               /* the PBX's name: "Port" */
  char   *code;               /* nullable: the article it is */
  gint64  owned;              /* the inventory's quantity of the article; the PBX's count
                               * when the article is not known */
  gint64  installed;          /* the PBX's count */
  gint64  used;
} SsaLicenceUsage;

GArray           *ssa_licence_usage_compute (const SsaPbxReading  *reading,
                                             const SsaInventory   *inventory,
                                             const SsaPriceList   *price_list,
                                             GHashTable           *user_map);
char             *ssa_licence_usage_to_text (GArray               *usage);
GArray           *ssa_licence_usage_true_up (GArray               *usage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaLicenceFile, ssa_licence_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaLicenceImport, ssa_licence_import_free)

G_END_DECLS
