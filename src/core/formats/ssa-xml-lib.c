/* ssa-xml-lib.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens libxml2 on first use: see ssa-xml-lib.h.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "ssa-lazy-lib.h"
#define SSA_XML_LOADER
#include "ssa-xml-lib.h"

/* SSA_XML_SONAME: the file name meson found in the library it built against. */

static SsaXmlFunctions table;

const SsaXmlFunctions *ssa_xml_functions = &table;

static const SsaLazySymbol symbols[] = {
#define SSA_XML_SYMBOL(name) { #name, G_STRUCT_OFFSET (SsaXmlFunctions, name) },
  SSA_XML_FUNCTIONS (SSA_XML_SYMBOL)
#undef SSA_XML_SYMBOL
};

/* SSA_DESK_LIBXML2 names another libxml2: one installed outside the linker's path, or (in
 * the tests) one that is not there. */
static SsaLazyLib lib = SSA_LAZY_LIB_INIT (SSA_XML_SONAME, "SSA_DESK_LIBXML2", symbols, &table,
                                           NULL);

/**
 * ssa_xml_lib_load:
 * @error: a #GError, %G_IO_ERROR_NOT_FOUND when libxml2 cannot be loaded
 *
 * Loads libxml2 the first time it is called, from any thread; later calls say the same.
 *
 * Returns: whether libxml2's functions can be called
 */
gboolean
ssa_xml_lib_load (GError **error)
{
  const char *why = NULL;

  if (ssa_lazy_lib_load (&lib, &why))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("Licence files and a PBX’s answers are read by the XML library libxml2, which "
                 "could not be loaded (%s). Install it (on Debian the package libxml2) and "
                 "try again. Nothing was stored."),
               why);
  return FALSE;
}
