/* ssa-inventory.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ssa-kind.h"
#include "ssa-limits.h"

G_BEGIN_DECLS

#define SSA_INSTALLATION_FORMAT "ssa-desk-installation/1"

/* The plain values of one installation (an `ssa-desk-installation/1` document): what the
 * offer calculator works on. The window's GObjects (SsaInstallation, SsaLicence) convert
 * to and from it. */

typedef struct
{
  char    *code;
  gint64   quantity;          /* 1 to 1 000 000 */
  GDate    added_on;          /* cleared when absent */
  GDate    covered_until;     /* cleared when absent */
  gboolean has_kind;          /* the line says its own kind */
  SsaKind  kind;
  char    *name;              /* nullable */
} SsaInventoryLine;

/* A customer's registration in the VAT register (Merverdiavgiftsregisteret), as the
 * company registry or the user says; unknown until one of them says. */
typedef enum
{
  SSA_VAT_UNKNOWN = 0,
  SSA_VAT_REGISTERED,
  SSA_VAT_NOT_REGISTERED,
} SsaVatStatus;

typedef struct
{
  char   *name;
  char   *org_no;
  char   *address;
  char   *contact;
  char   *email;
  SsaVatStatus vat;          /* SSA_VAT_UNKNOWN when absent */
} SsaCustomerInfo;

typedef struct
{
  SsaCustomerInfo customer;   /* every field nullable */
  char           *name;       /* nullable */
  char           *serial;     /* nullable */
  SsaDeployment   deployment;
  char           *firmware;   /* nullable */
  GDate           ssa_expiry; /* cleared when absent */
  GArray         *lines;      /* SsaInventoryLine */
} SsaInventory;

#define SSA_INVENTORY_MAX_QUANTITY SSA_LIMIT_MAX_QUANTITY

#define SSA_TYPE_INVENTORY (ssa_inventory_get_type ())

GType         ssa_inventory_get_type      (void) G_GNUC_CONST;
SsaInventory *ssa_inventory_new           (void);
SsaInventory *ssa_inventory_copy          (const SsaInventory *self);
void          ssa_inventory_free          (SsaInventory       *self);
void          ssa_inventory_add_line      (SsaInventory       *self,
                                           const SsaInventoryLine *line);
SsaInventory *ssa_inventory_new_from_data (const char         *data,
                                           gsize               length,
                                           const char         *what,
                                           GError            **error);
SsaInventory *ssa_inventory_new_from_file (const char         *path,
                                           GError            **error);
char         *ssa_inventory_to_json       (const SsaInventory *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaInventory, ssa_inventory_free)

G_END_DECLS
