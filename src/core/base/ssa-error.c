/* ssa-error.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "ssa-error.h"

G_DEFINE_QUARK (ssa-error-quark, ssa_error)
