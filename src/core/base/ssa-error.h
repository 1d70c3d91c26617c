/* ssa-error.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SSA_ERROR (ssa_error_quark ())

/**
 * SsaError:
 * @SSA_ERROR_INVALID: an input (a file's content or an option's value) is refused
 * @SSA_ERROR_OVERFLOW: a result does not fit in a signed 64-bit count of hundredths
 * @SSA_ERROR_REFUSED: the inputs are valid, but the rules refuse to make this offer
 * @SSA_ERROR_TOO_LARGE: a document is larger or deeper than SSA Desk accepts
 * @SSA_ERROR_NOT_AVAILABLE: the feature is not available in this build
 * @SSA_ERROR_REQUEST: the offer request (period, discount, labour) is refused
 * @SSA_ERROR_DUPLICATE_KEY: a JSON document gives a key twice in one object; the message
 *   names the key's path, e.g. "products[3].code"
 *
 * Errors of the core library. Messages are translated and name the field and, where
 * there is one, the line or product they concern; several problems are separated by
 * newlines, one per line.
 */
typedef enum
{
  SSA_ERROR_INVALID,
  SSA_ERROR_OVERFLOW,
  SSA_ERROR_REFUSED,
  SSA_ERROR_TOO_LARGE,
  SSA_ERROR_NOT_AVAILABLE,
  SSA_ERROR_REQUEST,
  SSA_ERROR_DUPLICATE_KEY,
} SsaError;

GQuark ssa_error_quark (void);

G_END_DECLS
