/* ssa-profile.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "ssa-error.h"
#include "ssa-org-no.h"
#include "ssa-profile.h"

G_DEFINE_BOXED_TYPE (SsaProfile, ssa_profile, ssa_profile_copy, ssa_profile_free)

/**
 * ssa_profile_new:
 *
 * Returns: (transfer full): an empty profile with the default validity of 30 days
 */
SsaProfile *
ssa_profile_new (void)
{
  SsaProfile *self = g_new0 (SsaProfile, 1);

  self->default_validity_days = SSA_PROFILE_DEFAULT_VALIDITY_DAYS;
  return self;
}

SsaProfile *
ssa_profile_copy (const SsaProfile *self)
{
  SsaProfile *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (SsaProfile, 1);
  *copy = *self;
  copy->company_name = g_strdup (self->company_name);
  copy->org_no = g_strdup (self->org_no);
  copy->address = g_strdup (self->address);
  copy->phone = g_strdup (self->phone);
  copy->email = g_strdup (self->email);
  copy->logo = self->logo != NULL ? g_bytes_ref (self->logo) : NULL;
  copy->logo_mime_type = g_strdup (self->logo_mime_type);
  copy->payment_terms = g_strdup (self->payment_terms);
  return copy;
}

void
ssa_profile_free (SsaProfile *self)
{
  if (self == NULL)
    return;

  g_free (self->company_name);
  g_free (self->org_no);
  g_free (self->address);
  g_free (self->phone);
  g_free (self->email);
  g_clear_pointer (&self->logo, g_bytes_unref);
  g_free (self->logo_mime_type);
  g_free (self->payment_terms);
  g_free (self);
}

/**
 * ssa_profile_validate:
 * @self: a profile
 * @error: a #GError
 *
 * Checks what the database refuses to store: an organisation number that fails the
 * check digit, a validity outside 1 to 365 days, a negative labour rate, a logo larger than
 * 2 MiB or without its type. Every problem is one line of the message.
 *
 * Returns: %TRUE when the profile can be stored; otherwise %FALSE with %SSA_ERROR_INVALID
 */
gboolean
ssa_profile_validate (const SsaProfile  *self,
                      GError           **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->org_no != NULL && self->org_no[0] != '\0' && !ssa_org_no_is_valid (self->org_no))
    g_string_append_printf (problems,
                            _("org_no: “%s” is not a Norwegian organisation number of 9 "
                              "digits\n"), self->org_no);
  if (self->default_validity_days < 1 ||
      self->default_validity_days > SSA_PROFILE_MAX_VALIDITY_DAYS)
    g_string_append_printf (problems,
                            _("default_validity_days: must be a whole number of days from 1 "
                              "to %d\n"), SSA_PROFILE_MAX_VALIDITY_DAYS);
  if (self->has_default_labour_rate && self->default_labour_rate < 0)
    g_string_append (problems, _("default_labour_rate: must not be negative\n"));
  if (self->logo != NULL && g_bytes_get_size (self->logo) > SSA_PROFILE_MAX_LOGO_BYTES)
    g_string_append (problems, _("logo: the picture is larger than 2 MiB\n"));
  if (self->logo != NULL && (self->logo_mime_type == NULL || self->logo_mime_type[0] == '\0'))
    g_string_append (problems, _("logo: the picture’s type (such as image/png) is missing\n"));

  if (problems->len == 0)
    return TRUE;

  g_string_truncate (problems, problems->len - 1);
  g_set_error_literal (error, SSA_ERROR, SSA_ERROR_INVALID, problems->str);
  return FALSE;
}
