/* ssa-pbx-reading.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-fetch"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "ssa-limits.h"
#include "ssa-pbx-reading.h"
#include "ssa-xml-lib.h"

G_DEFINE_QUARK (ssa-pbx-error-quark, ssa_pbx_error)

void
ssa_pbx_licence_clear (SsaPbxLicence *licence)
{
  g_clear_pointer (&licence->name, g_free);
}

static void
licence_clear (gpointer data)
{
  ssa_pbx_licence_clear (data);
}

void
ssa_pbx_reading_free (SsaPbxReading *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->licences, g_array_unref);
  g_free (self->firmware);
  g_free (self->fingerprint);
  g_free (self);
}

/**
 * ssa_pbx_normalise_fingerprint:
 * @text: a SHA-256 fingerprint as people write it: hex digits, with or without colons or
 *   spaces, in either case
 *
 * Returns: (transfer full) (nullable): 64 lower-case hex digits, or %NULL when @text is not
 *   a SHA-256 fingerprint
 */
char *
ssa_pbx_normalise_fingerprint (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (*p == ':' || *p == ' ' || *p == '-')
        continue;
      if (!g_ascii_isxdigit (*p))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      g_string_append_c (out, g_ascii_tolower (*p));
    }
  if (out->len != 64)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static gboolean
get_count (xmlNode     *node,
           const char  *attribute,
           gboolean     required,
           gint64       max,
           gint64      *out,
           const char  *what,
           GError     **error)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) attribute);
  guint64 number;
  gboolean ok;

  if (value == NULL)
    {
      if (required)
        g_set_error (error, SSA_PBX_ERROR, SSA_PBX_ERROR_NOT_XML,
                     _("%s, line %ld: <%s> has no %s. Nothing was stored."), what,
                     xmlGetLineNo (node), (const char *) node->name, attribute);
      return !required;
    }
  ok = g_ascii_string_to_unsigned ((const char *) value, 10, 0, max, &number, NULL);
  if (!ok)
    g_set_error (error, SSA_PBX_ERROR, SSA_PBX_ERROR_NOT_XML,
                 _("%s, line %ld: %s “%s” is not a whole number from 0 to %lld. Nothing was "
                   "stored."), what, xmlGetLineNo (node), attribute, (const char *) value,
                 (long long) max);
  else
    *out = (gint64) number;
  xmlFree (value);
  return ok;
}

/* A PBX that lists one licence name twice has the sum of both (as a licence file's lines of
 * one type are summed); the sum is held to the same limit as one count. Takes @licence. */
static gboolean
add_licence (SsaPbxReading  *reading,
             GHashTable     *index,
             SsaPbxLicence  *licence,
             xmlNode        *node,
             const char     *what,
             GError        **error)
{
  guint position = GPOINTER_TO_UINT (g_hash_table_lookup (index, licence->name));

  if (position > 0)
    {
      SsaPbxLicence *known = &g_array_index (reading->licences, SsaPbxLicence, position - 1);

      if (known->count + licence->count > SSA_LIMIT_MAX_QUANTITY ||
          known->used + licence->used > SSA_LIMIT_MAX_QUANTITY)
        {
          g_set_error (error, SSA_PBX_ERROR, SSA_PBX_ERROR_NOT_XML,
                       _("%s, line %ld: the licence “%s” is listed more than once, and its "
                         "counts add up to more than %lld. Nothing was stored."), what,
                       xmlGetLineNo (node), licence->name,
                       (long long) SSA_LIMIT_MAX_QUANTITY);
          licence_clear (licence);
          return FALSE;
        }
      known->count += licence->count;
      known->used += licence->used;
      licence_clear (licence);
      return TRUE;
    }
  g_array_append_val (reading->licences, *licence);
  g_hash_table_insert (index, licence->name, GUINT_TO_POINTER (reading->licences->len));
  return TRUE;
}

static gboolean
read_elements (xmlNode        *node,
               SsaPbxReading  *reading,
               GHashTable     *index,
               const char     *what,
               GError        **error)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (xmlStrcmp (node->name, (const xmlChar *) "lic") == 0)
        {
          xmlChar *name = xmlGetNoNsProp (node, (const xmlChar *) "name");
          SsaPbxLicence licence = { NULL, 0, 0 };

          if (name == NULL || name[0] == '\0' || xmlStrlen (name) > 64 ||
              !g_utf8_validate ((const char *) name, -1, NULL))
            {
              xmlFree (name);
              g_set_error (error, SSA_PBX_ERROR, SSA_PBX_ERROR_NOT_XML,
                           _("%s, line %ld: a licence (<lic>) has no readable name. Nothing "
                             "was stored."), what, xmlGetLineNo (node));
              return FALSE;
            }
          licence.name = g_strdup ((const char *) name);
          xmlFree (name);
          if (!get_count (node, "count", TRUE, SSA_LIMIT_MAX_QUANTITY, &licence.count, what,
                          error) ||
              !get_count (node, "used", TRUE, SSA_LIMIT_MAX_QUANTITY, &licence.used, what,
                          error))
            {
              licence_clear (&licence);
              return FALSE;
            }
          if (!add_licence (reading, index, &licence, node, what, error))
            return FALSE;
        }
      else if (xmlStrcmp (node->name, (const xmlChar *) "info") == 0)
        {
          xmlChar *version = xmlGetNoNsProp (node, (const xmlChar *) "version");

          if (!get_count (node, "cmd-lics-time", FALSE, G_MAXINT32, &reading->rental_seconds,
                          what, error))
            {
              xmlFree (version);
              return FALSE;
            }
          if (version != NULL && version[0] != '\0' && xmlStrlen (version) <= 64 &&
              g_utf8_validate ((const char *) version, -1, NULL))
            {
              g_free (reading->firmware);
              reading->firmware = g_strdup ((const char *) version);
            }
          xmlFree (version);
        }
      if (!read_elements (node->children, reading, index, what, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * ssa_pbx_reading_new_from_data:
 * @data: the answer's body
 * @length: its length
 * @what: where it came from, for messages
 * @error: a #GError
 *
 * Reads the PBX's answer: every <lic name count used> and <info cmd-lics-time version>,
 * wherever they are. An answer that is not well-formed XML, has a document type, or holds
 * no licence at all (an HTML page, a login form) is refused with %SSA_PBX_ERROR_NOT_XML;
 * without libxml2 (ssa-xml-lib.h) nothing is read: %G_IO_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full): the reading, or %NULL with @error set
 */
SsaPbxReading *
ssa_pbx_reading_new_from_data (const char  *data,
                               gsize        length,
                               const char  *what,
                               GError     **error)
{
  g_autoptr(SsaPbxReading) self = NULL;
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  GHashTable *index;
  gboolean ok;

  if (length == 0 || length > SSA_PBX_MAX_BYTES)
    {
      g_set_error (error, SSA_PBX_ERROR, SSA_PBX_ERROR_NOT_XML,
                   _("%s answered with no licence information. Check the admin address."),
                   what);
      return NULL;
    }
  if (!ssa_xml_lib_load (error))
    {
      g_prefix_error (error, "%s: ", what);
      return NULL;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("out of memory");
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlFreeParserCtxt (ctxt);
  if (doc == NULL || doc->intSubset != NULL || xmlDocGetRootElement (doc) == NULL)
    {
      if (doc != NULL)
        xmlFreeDoc (doc);
      g_set_error (error, SSA_PBX_ERROR, SSA_PBX_ERROR_NOT_XML,
                   _("%s did not answer with the PBX’s XML. Check that the admin address is "
                     "the PBX’s (such as https://pbx.example.no) and that it runs an "
                     "innovaphone PBX. Nothing was stored."), what);
      return NULL;
    }

  self = g_new0 (SsaPbxReading, 1);
  self->licences = g_array_new (FALSE, TRUE, sizeof (SsaPbxLicence));
  g_array_set_clear_func (self->licences, licence_clear);
  self->rental_seconds = -1;
  index = g_hash_table_new (g_str_hash, g_str_equal);
  ok = read_elements (xmlDocGetRootElement (doc), self, index, what, error);
  g_hash_table_unref (index);
  xmlFreeDoc (doc);
  if (!ok)
    return NULL;
  if (self->licences->len == 0)
    {
      g_set_error (error, SSA_PBX_ERROR, SSA_PBX_ERROR_NOT_XML,
                   _("%s answered, but without any licence (<lic>): this is not the PBX’s "
                     "admin answer. Check the admin address. Nothing was stored."), what);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * ssa_pbx_reading_to_text:
 * @self: a reading
 *
 * Returns: (transfer full): the reading for the command line, one licence a line
 */
char *
ssa_pbx_reading_to_text (const SsaPbxReading *self)
{
  GString *out = g_string_new (NULL);

  if (self->firmware != NULL)
    g_string_append_printf (out, _("Firmware: %s\n"), self->firmware);
  if (self->rental_seconds >= 0)
    g_string_append_printf (out, _("Rental time left: %lld days\n"),
                            (long long) (self->rental_seconds / 86400));
  for (guint i = 0; i < self->licences->len; i++)
    {
      const SsaPbxLicence *licence = &g_array_index (self->licences, SsaPbxLicence, i);

      /* Translators: a licence of the PBX: name, installed count, used. */
      g_string_append_printf (out, _("  %-24s %7lld installed  %7lld used%s\n"), licence->name,
                              (long long) licence->count, (long long) licence->used,
                              licence->used > licence->count ? _("  OVER-USED") : "");
    }
  return g_string_free (out, FALSE);
}
