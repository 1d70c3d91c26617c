/* ssa-xml-lib.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libxml2, opened the first time a licence file or a PBX's answer is read rather than
 * linked: most starts read neither, and linked, libxml2 brought ICU and liblzma into every
 * process at start-up (docs/window.md, "Start-up"). The files that read
 * XML include this header instead of <libxml/parser.h> and <libxml/tree.h>; their xml names
 * then go through the table ssa_xml_lib_load() fills. Call ssa_xml_lib_load() before the
 * first of them.
 *
 * xmlFree is not a function but a variable of the library holding one (libxml2 2.9: the
 * free() the library was set up with): the table keeps its address, and xmlFree (p) calls
 * what it holds, as it does linked.
 */

#pragma once

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* Every libxml2 function SSA Desk calls, and xmlFree. A call to one not listed here fails to
 * link. */
#define SSA_XML_FUNCTIONS(F) \
  F (xmlCtxtGetLastError) \
  F (xmlCtxtReadMemory) \
  F (xmlDocGetRootElement) \
  F (xmlFree) \
  F (xmlFreeDoc) \
  F (xmlFreeParserCtxt) \
  F (xmlGetLineNo) \
  F (xmlGetNoNsProp) \
  F (xmlNewParserCtxt) \
  F (xmlStrcmp) \
  F (xmlStrlen)

/* Each member is the address of the symbol: of a function, or of the variable xmlFree. */
typedef struct
{
#define SSA_XML_MEMBER(name) __typeof__ (name) *name;
  SSA_XML_FUNCTIONS (SSA_XML_MEMBER)
#undef SSA_XML_MEMBER
} SsaXmlFunctions;

/* Its members are NULL until libxml2 is loaded; read it through the names below. */
extern const SsaXmlFunctions *ssa_xml_functions;

gboolean ssa_xml_lib_load (GError **error);

/* ssa-xml-lib.c, which fills the table, names the functions themselves. */
#ifndef SSA_XML_LOADER
#define xmlCtxtGetLastError  (ssa_xml_functions->xmlCtxtGetLastError)
#define xmlCtxtReadMemory    (ssa_xml_functions->xmlCtxtReadMemory)
#define xmlDocGetRootElement (ssa_xml_functions->xmlDocGetRootElement)
#define xmlFree              (*ssa_xml_functions->xmlFree)
#define xmlFreeDoc           (ssa_xml_functions->xmlFreeDoc)
#define xmlFreeParserCtxt    (ssa_xml_functions->xmlFreeParserCtxt)
#define xmlGetLineNo         (ssa_xml_functions->xmlGetLineNo)
#define xmlGetNoNsProp       (ssa_xml_functions->xmlGetNoNsProp)
#define xmlNewParserCtxt     (ssa_xml_functions->xmlNewParserCtxt)
#define xmlStrcmp            (ssa_xml_functions->xmlStrcmp)
#define xmlStrlen            (ssa_xml_functions->xmlStrlen)
#endif

G_END_DECLS
