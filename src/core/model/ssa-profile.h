/* ssa-profile.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>


G_BEGIN_DECLS

#define SSA_PROFILE_DEFAULT_VALIDITY_DAYS 30
#define SSA_PROFILE_MAX_VALIDITY_DAYS     365
#define SSA_PROFILE_MAX_LOGO_BYTES        (2 * 1024 * 1024)

/* The reseller's own details, printed on offers: one row of the database. Text fields are
 * nullable; an empty string counts as absent. */
typedef struct
{
  char     *company_name;
  char     *org_no;                  /* nine digits */
  gboolean  vat_registered;          /* "MVA" after the organisation number */
  gboolean  foretaksregisteret;      /* listed in Foretaksregisteret ("Foretaksregisteret") */
  char     *address;
  char     *phone;
  char     *email;
  GBytes   *logo;                    /* nullable: the image file's bytes */
  char     *logo_mime_type;          /* nullable: "image/png", "image/svg+xml", … */
  char     *payment_terms;           /* e.g. "14 dager netto" */
  int       default_validity_days;   /* 1 to SSA_PROFILE_MAX_VALIDITY_DAYS, default 30 */
  gboolean  has_default_labour_rate;
  gint64    default_labour_rate;     /* hundredths of the currency per hour */
  gint64    version;                 /* of the row when read; 0: not read (saved over any) */
} SsaProfile;

#define SSA_TYPE_PROFILE (ssa_profile_get_type ())

GType       ssa_profile_get_type (void) G_GNUC_CONST;
SsaProfile *ssa_profile_new      (void);
SsaProfile *ssa_profile_copy     (const SsaProfile *self);
void        ssa_profile_free     (SsaProfile       *self);
gboolean    ssa_profile_validate (const SsaProfile *self,
                                  GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SsaProfile, ssa_profile_free)

G_END_DECLS
