/* ssa-gmime-lib.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GMime, opened the first time an e-mail draft is built rather than linked: most starts
 * build none, and linked, GMime (with GPGME, Assuan and libidn2, as Debian builds it) took
 * some 2 ms of every start (docs/window.md, "Start-up"). The file that builds drafts
 * includes this header instead of <gmime/gmime.h>; its GMime names (the types' get_type
 * functions too, which GMIME_OBJECT () and the like call) then call through the table
 * ssa_gmime_lib_load() fills. Call ssa_gmime_lib_load() before the first of them.
 */

#pragma once

#include <glib.h>
#include <gmime/gmime.h>

G_BEGIN_DECLS

/* Every GMime function SSA Desk calls. A call to one not listed here fails to link. */
#define SSA_GMIME_FUNCTIONS(F) \
  F (g_mime_content_type_get_media_subtype) \
  F (g_mime_content_type_get_media_type) \
  F (g_mime_content_type_parse) \
  F (g_mime_data_wrapper_new_with_stream) \
  F (g_mime_format_options_free) \
  F (g_mime_format_options_new) \
  F (g_mime_format_options_set_newline_format) \
  F (g_mime_init) \
  F (g_mime_message_add_mailbox) \
  F (g_mime_message_new) \
  F (g_mime_message_set_date) \
  F (g_mime_message_set_message_id) \
  F (g_mime_message_set_mime_part) \
  F (g_mime_message_set_subject) \
  F (g_mime_multipart_add) \
  F (g_mime_multipart_new_with_subtype) \
  F (g_mime_object_get_type) \
  F (g_mime_object_set_content_type_parameter) \
  F (g_mime_object_set_disposition) \
  F (g_mime_object_set_header) \
  F (g_mime_object_write_to_stream) \
  F (g_mime_part_get_type) \
  F (g_mime_part_new_with_type) \
  F (g_mime_part_set_content) \
  F (g_mime_part_set_content_encoding) \
  F (g_mime_part_set_filename) \
  F (g_mime_stream_mem_get_byte_array) \
  F (g_mime_stream_mem_get_type) \
  F (g_mime_stream_mem_new) \
  F (g_mime_stream_mem_new_with_buffer) \
  F (g_mime_text_part_new_with_subtype) \
  F (g_mime_utils_generate_message_id)

typedef struct
{
#define SSA_GMIME_MEMBER(name) __typeof__ (name) *name;
  SSA_GMIME_FUNCTIONS (SSA_GMIME_MEMBER)
#undef SSA_GMIME_MEMBER
} SsaGmimeFunctions;

/* Its functions are NULL until GMime is loaded; read it through the names below. */
extern const SsaGmimeFunctions *ssa_gmime_functions;

gboolean ssa_gmime_lib_load (GError **error);

/* ssa-gmime-lib.c, which fills the table, names the functions themselves. */
#ifndef SSA_GMIME_LOADER
#define g_mime_content_type_get_media_subtype \
  (ssa_gmime_functions->g_mime_content_type_get_media_subtype)
#define g_mime_content_type_get_media_type \
  (ssa_gmime_functions->g_mime_content_type_get_media_type)
#define g_mime_content_type_parse \
  (ssa_gmime_functions->g_mime_content_type_parse)
#define g_mime_data_wrapper_new_with_stream \
  (ssa_gmime_functions->g_mime_data_wrapper_new_with_stream)
#define g_mime_format_options_free \
  (ssa_gmime_functions->g_mime_format_options_free)
#define g_mime_format_options_new \
  (ssa_gmime_functions->g_mime_format_options_new)
#define g_mime_format_options_set_newline_format \
  (ssa_gmime_functions->g_mime_format_options_set_newline_format)
#define g_mime_init                              (ssa_gmime_functions->g_mime_init)
#define g_mime_message_add_mailbox \
  (ssa_gmime_functions->g_mime_message_add_mailbox)
#define g_mime_message_new                       (ssa_gmime_functions->g_mime_message_new)
#define g_mime_message_set_date                  (ssa_gmime_functions->g_mime_message_set_date)
#define g_mime_message_set_message_id \
  (ssa_gmime_functions->g_mime_message_set_message_id)
#define g_mime_message_set_mime_part \
  (ssa_gmime_functions->g_mime_message_set_mime_part)
#define g_mime_message_set_subject \
  (ssa_gmime_functions->g_mime_message_set_subject)
#define g_mime_multipart_add                     (ssa_gmime_functions->g_mime_multipart_add)
#define g_mime_multipart_new_with_subtype \
  (ssa_gmime_functions->g_mime_multipart_new_with_subtype)
#define g_mime_object_get_type                   (ssa_gmime_functions->g_mime_object_get_type)
#define g_mime_object_set_content_type_parameter \
  (ssa_gmime_functions->g_mime_object_set_content_type_parameter)
#define g_mime_object_set_disposition \
  (ssa_gmime_functions->g_mime_object_set_disposition)
#define g_mime_object_set_header                 (ssa_gmime_functions->g_mime_object_set_header)
#define g_mime_object_write_to_stream \
  (ssa_gmime_functions->g_mime_object_write_to_stream)
#define g_mime_part_get_type                     (ssa_gmime_functions->g_mime_part_get_type)
#define g_mime_part_new_with_type \
  (ssa_gmime_functions->g_mime_part_new_with_type)
#define g_mime_part_set_content                  (ssa_gmime_functions->g_mime_part_set_content)
#define g_mime_part_set_content_encoding \
  (ssa_gmime_functions->g_mime_part_set_content_encoding)
#define g_mime_part_set_filename                 (ssa_gmime_functions->g_mime_part_set_filename)
#define g_mime_stream_mem_get_byte_array \
  (ssa_gmime_functions->g_mime_stream_mem_get_byte_array)
#define g_mime_stream_mem_get_type \
  (ssa_gmime_functions->g_mime_stream_mem_get_type)
#define g_mime_stream_mem_new                    (ssa_gmime_functions->g_mime_stream_mem_new)
#define g_mime_stream_mem_new_with_buffer \
  (ssa_gmime_functions->g_mime_stream_mem_new_with_buffer)
#define g_mime_text_part_new_with_subtype \
  (ssa_gmime_functions->g_mime_text_part_new_with_subtype)
#define g_mime_utils_generate_message_id \
  (ssa_gmime_functions->g_mime_utils_generate_message_id)
#endif

G_END_DECLS
