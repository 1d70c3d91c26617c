/* ssa-licence-import.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "ssa-error.h"
#include "ssa-licence-import.h"
#include "ssa-offer.h"
#include "ssa-limits.h"
#include "ssa-version.h"
#include "ssa-xml-lib.h"

/* The licence file (docs/importing.md): <licenses> with <license amount='…' type='…'
 * mac='…' var='…'>signature</license> children. Unknown elements and attributes are
 * ignored; the values used are checked strictly. The element text, a signature, is never
 * read. */

static void
amount_clear (gpointer data)
{
  SsaLicenceAmount *amount = data;

  g_clear_pointer (&amount->type, g_free);
}

void
ssa_licence_file_free (SsaLicenceFile *self)
{
  if (self == NULL)
    return;
  g_free (self->hardware_id);
  g_clear_pointer (&self->amounts, g_array_unref);
  g_free (self);
}

static char *
get_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static gboolean
is_clean_text (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
refuse (GError    **error,
        const char *what,
        long        line,
        const char *format,
        ...) G_GNUC_PRINTF (4, 5);

static gboolean
refuse (GError    **error,
        const char *what,
        long        line,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (line > 0)
    /* Translators: a licence file's problem: the file, its line, what is wrong. */
    g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID, _("%s, line %ld: %s Nothing was stored."),
                 what, line, message);
  else
    g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID, _("%s: %s Nothing was stored."), what,
                 message);
  return FALSE;
}

static gboolean
read_license (xmlNode     *node,
              const char  *what,
              GHashTable  *index,
              GArray      *amounts,
              char       **hardware_id,
              GError     **error)
{
  g_autofree char *type = get_attribute (node, "type");
  g_autofree char *amount_text = get_attribute (node, "amount");
  g_autofree char *mac = get_attribute (node, "mac");
  long line = xmlGetLineNo (node);
  guint64 amount;
  gpointer position;

  if (type == NULL || type[0] == '\0')
    return refuse (error, what, line, _("a licence has no type."));
  if (!is_clean_text (type) || g_utf8_strlen (type, -1) > 64)
    return refuse (error, what, line,
                   _("the licence type is not 1 to 64 characters without control characters."));
  if (amount_text == NULL)
    return refuse (error, what, line, _("the licence “%s” has no amount."), type);
  if (!g_ascii_string_to_unsigned (amount_text, 10, 0, SSA_LIMIT_MAX_QUANTITY, &amount, NULL))
    return refuse (error, what, line,
                   _("the amount “%s” of the licence “%s” is not a whole number from 0 to %d."),
                   amount_text, type, SSA_LIMIT_MAX_QUANTITY);

  if (mac != NULL && mac[0] != '\0')
    {
      if (!is_clean_text (mac) || strlen (mac) > 64)
        return refuse (error, what, line, _("the hardware id (mac) is not readable."));
      if (*hardware_id == NULL)
        *hardware_id = g_strdup (mac);
      else if (!ssa_licence_hardware_id_matches (*hardware_id, mac))
        return refuse (error, what, line,
                       _("the licences are for more than one device (%s and %s). Import "
                         "each device's licence file into its own installation."),
                       *hardware_id, mac);
    }

  if (g_hash_table_lookup_extended (index, type, NULL, &position))
    {
      SsaLicenceAmount *sum = &g_array_index (amounts, SsaLicenceAmount,
                                              GPOINTER_TO_UINT (position));

      if (sum->amount + (gint64) amount > SSA_LIMIT_MAX_QUANTITY)
        return refuse (error, what, line,
                       _("the amounts of the licence “%s” add up to more than %d."), type,
                       SSA_LIMIT_MAX_QUANTITY);
      sum->amount += amount;
    }
  else
    {
      SsaLicenceAmount sum = { g_strdup (type), amount };

      g_hash_table_insert (index, sum.type, GUINT_TO_POINTER (amounts->len));
      g_array_append_val (amounts, sum);
    }
  return TRUE;
}

/**
 * ssa_licence_file_new_from_data:
 * @data: the file's bytes
 * @length: their number
 * @what: the file's name for messages
 * @error: a #GError
 *
 * Reads a licence file: the amounts summed per type, and the hardware id they are bound to.
 * A file that is not well-formed XML, has a document type (no entities are expanded), is not
 * a <licenses> list, holds an amount that is not a whole number, or licences for two devices,
 * is refused whole (%SSA_ERROR_INVALID); one larger than %SSA_LIMIT_LICENCE_FILE_MAX_BYTES
 * or with more than %SSA_LIMIT_LICENCE_FILE_MAX_ELEMENTS licences is %SSA_ERROR_TOO_LARGE.
 * Without libxml2 (ssa-xml-lib.h) nothing is read: %G_IO_ERROR_NOT_FOUND.
 *
 * Returns: (transfer full): the file's licences, or %NULL with @error set
 */
SsaLicenceFile *
ssa_licence_file_new_from_data (const char  *data,
                                gsize        length,
                                const char  *what,
                                GError     **error)
{
  g_autoptr(SsaLicenceFile) self = NULL;
  g_autoptr(GHashTable) index = NULL;
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  xmlNode *root;
  gboolean ok = TRUE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (what != NULL, NULL);

  if (length > SSA_LIMIT_LICENCE_FILE_MAX_BYTES)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE,
                   _("%s is larger than %d MB, more than any licence file. Nothing was "
                     "stored."), what, SSA_LIMIT_LICENCE_FILE_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (length == 0)
    {
      refuse (error, what, 0, _("the file is empty, not a licence file."));
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
  /* No network, no entity expansion, no DTD loading; errors go to the context only. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, NULL, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_NOCDATA);
  if (doc == NULL)
    {
      const xmlError *xml_error = xmlCtxtGetLastError (ctxt);
      g_autofree char *detail = g_strstrip (g_strdup (xml_error != NULL && xml_error->message != NULL
                                                      ? xml_error->message : ""));

      refuse (error, what, xml_error != NULL ? xml_error->line : 0,
              _("this is not well-formed XML (%s). Download the licence file again from the "
                "device or from my.innovaphone."), detail);
      xmlFreeParserCtxt (ctxt);
      return NULL;
    }
  xmlFreeParserCtxt (ctxt);

  root = xmlDocGetRootElement (doc);
  if (doc->intSubset != NULL)
    ok = refuse (error, what, 0, _("the file has a document type (DOCTYPE), which licence "
                                   "files do not have."));
  else if (root == NULL || xmlStrcmp (root->name, (const xmlChar *) "licenses") != 0)
    ok = refuse (error, what, 0,
                 _("this is XML, but not a licence file: it does not start with <licenses>."));

  self = g_new0 (SsaLicenceFile, 1);
  self->amounts = g_array_new (FALSE, TRUE, sizeof (SsaLicenceAmount));
  g_array_set_clear_func (self->amounts, amount_clear);
  index = g_hash_table_new (g_str_hash, g_str_equal);

  for (xmlNode *node = ok ? root->children : NULL; node != NULL && ok; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE ||
          xmlStrcmp (node->name, (const xmlChar *) "license") != 0)
        continue;
      if (++self->n_elements > SSA_LIMIT_LICENCE_FILE_MAX_ELEMENTS)
        {
          g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE,
                       _("%s holds more than %d licences, more than any device. Nothing was "
                         "stored."), what, SSA_LIMIT_LICENCE_FILE_MAX_ELEMENTS);
          ok = FALSE;
          break;
        }
      ok = read_license (node, what, index, self->amounts, &self->hardware_id, error);
    }
  xmlFreeDoc (doc);

  if (!ok)
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * ssa_licence_file_new_from_file:
 * @path: a file name
 * @error: a #GError
 *
 * Like ssa_licence_file_new_from_data() for a file; a file above the size limit is refused
 * without being read.
 *
 * Returns: (transfer full): the file's licences, or %NULL with @error set
 */
SsaLicenceFile *
ssa_licence_file_new_from_file (const char  *path,
                                GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length;

  if (g_stat (path, &st) == 0 && st.st_size > SSA_LIMIT_LICENCE_FILE_MAX_BYTES)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE,
                   _("%s is larger than %d MB, more than any licence file. Nothing was "
                     "stored."), display, SSA_LIMIT_LICENCE_FILE_MAX_BYTES / (1024 * 1024));
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_INVALID, "%s", local_error->message);
      return NULL;
    }
  return ssa_licence_file_new_from_data (data, length, display, error);
}

/* Hardware ids in a comparable form: lower-case hex digits only, "00-90-33-01-02-AB" and
 * "009033:0102ab" alike. */
static char *
normalise_id (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '-' || *p == ':' || *p == '.' || *p == ' ')
        continue;
      g_string_append_c (out, g_ascii_tolower (*p));
    }
  return g_string_free (out, FALSE);
}

/**
 * ssa_licence_hardware_id_matches:
 * @serial: an installation's serial, e.g. "IP811-00-90-33-12-34-56"
 * @hardware_id: a licence file's mac, e.g. "00-90-33-12-34-56"
 *
 * Returns: whether @serial names the device @hardware_id: it ends with the same digits,
 *   separators and case aside
 */
gboolean
ssa_licence_hardware_id_matches (const char *serial,
                                 const char *hardware_id)
{
  g_autofree char *a = normalise_id (serial);
  g_autofree char *b = normalise_id (hardware_id);

  return b[0] != '\0' && g_str_has_suffix (a, b);
}

/* The plan. */

static void
change_clear (gpointer data)
{
  SsaLicenceChange *change = data;

  g_clear_pointer (&change->code, g_free);
  g_clear_pointer (&change->name, g_free);
}

static void
line_clear (gpointer data)
{
  SsaInventoryLine *line = data;

  g_clear_pointer (&line->code, g_free);
  g_clear_pointer (&line->name, g_free);
}

void
ssa_licence_import_free (SsaLicenceImport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->changes, g_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_free (self->set_serial);
  g_free (self);
}

/* The article a licence type is: the price list's licence_types first, then the user's
 * table. */
static const char *
resolve_type (const SsaPriceList *price_list,
              GHashTable         *user_map,
              const char         *type)
{
  const SsaPriceListProduct *product = ssa_price_list_lookup_licence_type (price_list, type);

  if (product != NULL)
    return product->code;
  if (user_map != NULL)
    return g_hash_table_lookup (user_map, type);
  return NULL;
}

/* Whether @code is an article that licence files carry: one with licence types in the
 * price list, or one the user's table maps to. Other lines (hardware, services, third
 * parties) are not the device's to say and stay as they are. */
static gboolean
is_licence_article (const SsaPriceList *price_list,
                    GHashTable         *user_map,
                    const char         *code)
{
  const SsaPriceListProduct *product = ssa_price_list_lookup (price_list, code);
  GHashTableIter iter;
  gpointer value;

  if (product != NULL && product->licence_types[0] != NULL)
    return TRUE;
  if (user_map == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, user_map);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_str_equal (value, code))
      return TRUE;
  return FALSE;
}

static void
copy_line (GArray                 *lines,
           const SsaInventoryLine *line,
           gint64                  quantity)
{
  SsaInventoryLine copy = *line;

  copy.code = g_strdup (line->code);
  copy.name = g_strdup (line->name);
  copy.quantity = quantity;
  g_array_append_val (lines, copy);
}

/**
 * ssa_licence_import_plan:
 * @current: the installation as stored
 * @file: the licences read from its device
 * @price_list: the current price list
 * @user_map: (nullable): the user's table of licence types (type -> code)
 * @today: the import date: added_on of new quantities
 * @what: the source's name for messages
 * @error: a #GError
 *
 * Computes what importing @file does to @current: the file is the device's whole truth,
 * so each licence article's quantity becomes the file's sum. A larger quantity keeps the
 * lines there are and adds one for the difference with added_on = @today; a smaller one
 * takes the difference off the last lines; an article the file does not have loses its
 * lines. Lines of articles that licence files do not carry are kept.
 *
 * Refused (%SSA_ERROR_REFUSED), with nothing to store: a type that neither the price list
 * nor @user_map knows (the message lists them all and says how to map them), and a file
 * bound to another device than @current's serial.
 *
 * Returns: (transfer full): the plan, or %NULL with @error set
 */
SsaLicenceImport *
ssa_licence_import_plan (const SsaInventory   *current,
                         const SsaLicenceFile *file,
                         const SsaPriceList   *price_list,
                         GHashTable           *user_map,
                         const GDate          *today,
                         const char           *what,
                         GError              **error)
{
  g_autoptr(SsaLicenceImport) self = NULL;
  g_autoptr(GHashTable) wanted = NULL;     /* code -> gint64* new quantity */
  g_autoptr(GHashTable) had = NULL;        /* code -> gint64* old quantity */
  g_autoptr(GPtrArray) order = NULL;       /* codes, in order of first appearance */
  g_autoptr(GString) unmapped = NULL;
  guint n_unmapped = 0;

  g_return_val_if_fail (current != NULL && file != NULL && price_list != NULL, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  if (file->hardware_id != NULL && current->serial != NULL && current->serial[0] != '\0' &&
      !ssa_licence_hardware_id_matches (current->serial, file->hardware_id))
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_REFUSED,
                   _("%s is for the device %s, but this installation's serial is %s. "
                     "Import it into the installation of that device, or correct the "
                     "serial. Nothing was stored."),
                   what, file->hardware_id, current->serial);
      return NULL;
    }

  wanted = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  had = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  order = g_ptr_array_new ();
  unmapped = g_string_new (NULL);

  for (guint i = 0; i < file->amounts->len; i++)
    {
      const SsaLicenceAmount *amount = &g_array_index (file->amounts, SsaLicenceAmount, i);
      const char *code = resolve_type (price_list, user_map, amount->type);
      gint64 *sum;

      if (code == NULL)
        {
          g_string_append_printf (unmapped, "\n  %s", amount->type);
          n_unmapped++;
          continue;
        }
      sum = g_hash_table_lookup (wanted, code);
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (wanted, (gpointer) code, sum);
        }
      if (*sum + amount->amount > SSA_LIMIT_MAX_QUANTITY)
        {
          g_set_error (error, SSA_ERROR, SSA_ERROR_TOO_LARGE,
                       _("%s: the licences of article %s add up to more than %d. Nothing "
                         "was stored."), what, code, SSA_LIMIT_MAX_QUANTITY);
          return NULL;
        }
      *sum += amount->amount;
    }

  if (n_unmapped > 0)
    {
      g_set_error (error, SSA_ERROR, SSA_ERROR_REFUSED,
                   ngettext ("%1$s has %2$u licence type that neither the price list “%3$s” "
                             "nor the table of licence types knows:%4$s\nMap it to an article "
                             "(“ssa-desk-cli map-licence-type TYPE ARTICLE”) and import again. Nothing was stored.",
                             "%1$s has %2$u licence types that neither the price list “%3$s” "
                             "nor the table of licence types knows:%4$s\nMap them to articles "
                             "(“ssa-desk-cli map-licence-type TYPE ARTICLE”) and import again. Nothing was stored.",
                             n_unmapped),
                   what, n_unmapped, price_list->id, unmapped->str);
      return NULL;
    }

  self = g_new0 (SsaLicenceImport, 1);
  self->changes = g_array_new (FALSE, TRUE, sizeof (SsaLicenceChange));
  g_array_set_clear_func (self->changes, change_clear);
  self->lines = g_array_new (FALSE, TRUE, sizeof (SsaInventoryLine));
  g_array_set_clear_func (self->lines, line_clear);

  if (file->hardware_id != NULL && (current->serial == NULL || current->serial[0] == '\0'))
    self->set_serial = g_strdup (file->hardware_id);

  /* The old quantities of the licence articles, and the remaining quantity each may keep. */
  for (guint i = 0; i < current->lines->len; i++)
    {
      const SsaInventoryLine *line = &g_array_index (current->lines, SsaInventoryLine, i);
      gint64 *sum;

      if (!is_licence_article (price_list, user_map, line->code))
        continue;
      sum = g_hash_table_lookup (had, line->code);
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (had, line->code, sum);
          g_ptr_array_add (order, line->code);
        }
      *sum += line->quantity;
    }

  /* Keep lines from the first while the new quantity lasts: the last lines give way. */
  {
    g_autoptr(GHashTable) left = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

    for (guint i = 0; i < current->lines->len; i++)
      {
        const SsaInventoryLine *line = &g_array_index (current->lines, SsaInventoryLine, i);
        gint64 *remaining;

        if (!g_hash_table_contains (had, line->code))
          {
            copy_line (self->lines, line, line->quantity);
            continue;
          }
        remaining = g_hash_table_lookup (left, line->code);
        if (remaining == NULL)
          {
            gint64 *new_sum = g_hash_table_lookup (wanted, line->code);

            remaining = g_new0 (gint64, 1);
            *remaining = new_sum != NULL ? *new_sum : 0;
            g_hash_table_insert (left, line->code, remaining);
          }
        if (*remaining <= 0)
          continue;
        copy_line (self->lines, line, MIN (line->quantity, *remaining));
        *remaining -= MIN (line->quantity, *remaining);
      }
  }

  for (guint i = 0; i < file->amounts->len; i++)
    {
      const SsaLicenceAmount *amount = &g_array_index (file->amounts, SsaLicenceAmount, i);
      const char *code = resolve_type (price_list, user_map, amount->type);
      gboolean seen = FALSE;

      for (guint j = 0; j < order->len && !seen; j++)
        seen = g_str_equal (g_ptr_array_index (order, j), code);
      if (!seen)
        g_ptr_array_add (order, (gpointer) code);
    }

  for (guint i = 0; i < order->len; i++)
    {
      const char *code = g_ptr_array_index (order, i);
      const SsaPriceListProduct *product = ssa_price_list_lookup (price_list, code);
      gint64 *old_sum = g_hash_table_lookup (had, code);
      gint64 *new_sum = g_hash_table_lookup (wanted, code);
      SsaLicenceChange change = { SSA_LICENCE_CHANGE_UNCHANGED, g_strdup (code),
                                  g_strdup (product != NULL ? product->name : NULL),
                                  old_sum != NULL ? *old_sum : 0,
                                  new_sum != NULL ? *new_sum : 0 };

      if (change.new_quantity > change.old_quantity)
        {
          SsaInventoryLine line = { g_strdup (code), change.new_quantity - change.old_quantity,
                                    *today, { 0, }, FALSE, 0, NULL };

          g_date_clear (&line.covered_until, 1);
          g_array_append_val (self->lines, line);
        }

      if (change.old_quantity == change.new_quantity)
        {
          change_clear (&change);
          continue;
        }
      if (change.old_quantity == 0)
        {
          change.kind = SSA_LICENCE_CHANGE_ADDED;
          self->n_added++;
        }
      else if (change.new_quantity == 0)
        {
          change.kind = SSA_LICENCE_CHANGE_REMOVED;
          self->n_removed++;
        }
      else
        {
          change.kind = SSA_LICENCE_CHANGE_QUANTITY;
          self->n_changed++;
        }
      g_array_append_val (self->changes, change);
    }

  if (!ssa_limits_check_lines (self->lines->len, what, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * ssa_licence_import_to_text:
 * @self: a plan
 *
 * Returns: (transfer full): the change, one article a line, for the command line
 */
char *
ssa_licence_import_to_text (const SsaLicenceImport *self)
{
  GString *out = g_string_new (NULL);

  if (self->set_serial != NULL)
    g_string_append_printf (out, _("Serial: set to %s\n"), self->set_serial);
  if (self->changes->len == 0)
    g_string_append (out, _("No change: the inventory has these licences already.\n"));

  for (guint i = 0; i < self->changes->len; i++)
    {
      const SsaLicenceChange *change = &g_array_index (self->changes, SsaLicenceChange, i);
      const char *name = change->name != NULL ? change->name : "";

      switch (change->kind)
        {
        case SSA_LICENCE_CHANGE_ADDED:
          /* Translators: a line of the import's change: code, quantity, name. */
          g_string_append_printf (out, _("  added    %-14s %7lld  %s\n"), change->code,
                                  (long long) change->new_quantity, name);
          break;
        case SSA_LICENCE_CHANGE_REMOVED:
          g_string_append_printf (out, _("  removed  %-14s %7lld  %s\n"), change->code,
                                  (long long) change->old_quantity, name);
          break;
        case SSA_LICENCE_CHANGE_QUANTITY:
          g_string_append_printf (out, _("  changed  %-14s %7lld → %lld  %s\n"), change->code,
                                  (long long) change->old_quantity,
                                  (long long) change->new_quantity, name);
          break;
        case SSA_LICENCE_CHANGE_UNCHANGED:
        default:
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/* Used against owned. */

static void
usage_clear (gpointer data)
{
  SsaLicenceUsage *usage = data;

  g_clear_pointer (&usage->name, g_free);
  g_clear_pointer (&usage->code, g_free);
}

/**
 * ssa_licence_usage_compute:
 * @reading: the PBX's last reading
 * @inventory: the installation
 * @price_list: the current price list
 * @user_map: (nullable): the user's table of licence types
 *
 * Matches each licence of the PBX (named without its version: "Port") with an article:
 * the licence type NAME + major version, PBX-NAME + major, NAME or PBX-NAME, the major
 * version being the installation's (or the reading's) firmware. Owned is the inventory's
 * quantity of that article.
 *
 * Returns: (transfer full) (element-type SsaLicenceUsage): one entry per licence of the PBX
 */
GArray *
ssa_licence_usage_compute (const SsaPbxReading *reading,
                           const SsaInventory  *inventory,
                           const SsaPriceList  *price_list,
                           GHashTable          *user_map)
{
  GArray *usages = g_array_new (FALSE, TRUE, sizeof (SsaLicenceUsage));
  SsaFirmwareVersion version = { -1, 0 };
  const char *firmware = inventory->firmware != NULL ? inventory->firmware : reading->firmware;

  g_array_set_clear_func (usages, usage_clear);
  if (firmware == NULL || !ssa_firmware_version_parse (firmware, &version))
    version.major = -1;

  for (guint i = 0; i < reading->licences->len; i++)
    {
      const SsaPbxLicence *licence = &g_array_index (reading->licences, SsaPbxLicence, i);
      SsaLicenceUsage usage = { g_strdup (licence->name), NULL, licence->count, licence->count,
                                licence->used };
      g_autofree char *with_major = version.major >= 0
                                    ? g_strdup_printf ("%s%d", licence->name, version.major)
                                    : NULL;
      g_autofree char *pbx_with_major = version.major >= 0
                                        ? g_strdup_printf ("PBX-%s%d", licence->name,
                                                           version.major)
                                        : NULL;
      g_autofree char *pbx = g_strdup_printf ("PBX-%s", licence->name);
      const char *candidates[] = { with_major, pbx_with_major, licence->name, pbx };

      for (guint j = 0; j < G_N_ELEMENTS (candidates) && usage.code == NULL; j++)
        {
          const char *code;

          if (candidates[j] == NULL)
            continue;
          code = resolve_type (price_list, user_map, candidates[j]);
          if (code != NULL)
            usage.code = g_strdup (code);
        }
      if (usage.code != NULL)
        {
          usage.owned = 0;
          for (guint j = 0; j < inventory->lines->len; j++)
            {
              const SsaInventoryLine *line = &g_array_index (inventory->lines, SsaInventoryLine, j);

              if (g_str_equal (line->code, usage.code))
                usage.owned += line->quantity;
            }
        }
      g_array_append_val (usages, usage);
    }
  return usages;
}

/**
 * ssa_licence_usage_to_text:
 * @usage: (element-type SsaLicenceUsage): what ssa_licence_usage_compute() gave
 *
 * Returns: (transfer full): "Port: 17 used of 20 owned (3 unused) · Mobility: 6 used of 4
 *   owned (over-use: 2 missing)", for the window and the command line
 */
char *
ssa_licence_usage_to_text (GArray *usage)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < usage->len; i++)
    {
      const SsaLicenceUsage *entry = &g_array_index (usage, SsaLicenceUsage, i);

      if (i > 0)
        g_string_append (out, " · ");
      /* Translators: a licence of the PBX: name, used, owned. */
      g_string_append_printf (out, _("%s: %lld used of %lld owned"), entry->name,
                              (long long) entry->used, (long long) entry->owned);
      if (entry->used > entry->owned)
        g_string_append_printf (out, _(" (over-use: %lld missing)"),
                                (long long) (entry->used - entry->owned));
      else if (entry->used < entry->owned)
        g_string_append_printf (out, _(" (%lld unused)"),
                                (long long) (entry->owned - entry->used));
    }
  return g_string_free (out, FALSE);
}

/**
 * ssa_licence_usage_true_up:
 * @usage: (element-type SsaLicenceUsage): from ssa_licence_usage_compute()
 *
 * The licences to buy for a true-up (docs/rules.md, "True-up"): for each licence the PBX
 * uses more of than the inventory owns, the missing quantity of its article. A licence
 * whose article is not known is left out: it cannot be priced (map its type first).
 *
 * Returns: (transfer full) (element-type SsaTrueUpItem): the items, possibly none
 */
GArray *
ssa_licence_usage_true_up (GArray *usage)
{
  GArray *items = ssa_true_up_items_new ();

  g_return_val_if_fail (usage != NULL, items);

  for (guint i = 0; i < usage->len; i++)
    {
      const SsaLicenceUsage *u = &g_array_index (usage, SsaLicenceUsage, i);
      SsaTrueUpItem item = { NULL, 0 };
      gboolean merged = FALSE;

      if (u->code == NULL || u->used <= u->owned)
        continue;
      /* Two PBX names of one article (Port and PBX-Port) are one purchase. */
      for (guint k = 0; k < items->len && !merged; k++)
        {
          SsaTrueUpItem *earlier = &g_array_index (items, SsaTrueUpItem, k);

          if (g_str_equal (earlier->code, u->code))
            {
              earlier->quantity = MAX (earlier->quantity, u->used - u->owned);
              merged = TRUE;
            }
        }
      if (merged)
        continue;
      item.code = g_strdup (u->code);
      item.quantity = MIN (u->used - u->owned, SSA_INVENTORY_MAX_QUANTITY);
      g_array_append_val (items, item);
    }
  return items;
}
