/* ssa-slot.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SSA_TYPE_SLOT (ssa_slot_get_type ())

G_DECLARE_FINAL_TYPE (SsaSlot, ssa_slot, SSA, SLOT, GObject)

SsaSlot *ssa_slot_new      (GObject *item);
GObject *ssa_slot_get_item (SsaSlot *self);
void     ssa_slot_set_item (SsaSlot *self,
                            GObject *item);

G_END_DECLS
