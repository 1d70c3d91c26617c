/* ssa-secret-lib.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens libsecret on first use: see ssa-secret-lib.h.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ssa-lazy-lib.h"
#define SSA_SECRET_LOADER
#include "ssa-secret-lib.h"

/* SSA_SECRET_SONAME: the file name meson found in the library it built against. */

static SsaSecretFunctions table;

const SsaSecretFunctions *ssa_secret_functions = &table;

static const SsaLazySymbol symbols[] = {
#define SSA_SECRET_SYMBOL(name) { #name, G_STRUCT_OFFSET (SsaSecretFunctions, name) },
  SSA_SECRET_FUNCTIONS (SSA_SECRET_SYMBOL)
#undef SSA_SECRET_SYMBOL
};

/* SSA_DESK_LIBSECRET names another libsecret: one installed outside the linker's path, or
 * (in the tests) one that is not there. */
static SsaLazyLib lib = SSA_LAZY_LIB_INIT (SSA_SECRET_SONAME, "SSA_DESK_LIBSECRET", symbols,
                                           &table, NULL);

/**
 * ssa_secret_lib_load:
 * @error: a #GError, %G_IO_ERROR_NOT_FOUND when libsecret cannot be loaded; its message is
 *   a reason that ends the keyring's sentences ("… cannot be read from the keyring: %s")
 *
 * Loads libsecret the first time it is called, from any thread; later calls say the same.
 *
 * Returns: whether libsecret's functions can be called
 */
gboolean
ssa_secret_lib_load (GError **error)
{
  const char *why = NULL;

  if (ssa_lazy_lib_load (&lib, &why))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("the keyring's library, libsecret, could not be loaded (%s). Install it (on "
                 "Debian the package libsecret-1-0) and try again."),
               why);
  return FALSE;
}
