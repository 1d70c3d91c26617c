/* ssa-refresh.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* When to fetch the price list again in the background. The window asks on start-up (and
 * may set a timer for ssa_refresh_check()'s next due time); the policy is:
 *
 * - no price-list-url configured: never (the bundled sample list stays current);
 * - the current list did not come from the configured URL (the sample list, an imported
 *   file, or a URL since changed): now;
 * - otherwise when refresh-interval-days have passed since the last successful fetch of
 *   that URL: the later of the current list's fetched_at and the last-refresh setting (a
 *   fetch answered "unchanged" stores nothing, so only last-refresh records it);
 * - a last fetch in the future (the clock was put back) counts as due. */

/* The GSettings schema's id: the same in development builds. */
#define SSA_SETTINGS_SCHEMA_ID "io.github.ssadesk.SsaDesk"

typedef enum
{
  SSA_REFRESH_NOT_CONFIGURED,
  SSA_REFRESH_NOT_DUE,
  SSA_REFRESH_DUE,
} SsaRefreshState;

/**
 * SsaRefreshInputs:
 * @url: (nullable): the configured price-list-url; %NULL or "" when none
 * @interval_days: refresh-interval-days, at least 1
 * @last_refresh: last-refresh: seconds since 1970-01-01 UTC, 0 for never
 * @current_source_url: (nullable): where the current list was fetched from
 * @current_fetched_at: (nullable): when, as ISO 8601 (UTC when no zone is given)
 */
typedef struct
{
  const char *url;
  guint       interval_days;
  gint64      last_refresh;
  const char *current_source_url;
  const char *current_fetched_at;
} SsaRefreshInputs;

SsaRefreshState  ssa_refresh_check              (const SsaRefreshInputs *inputs,
                                                 GDateTime              *now,
                                                 gint64                 *out_due);
SsaRefreshState  ssa_refresh_check_settings     (GSettings              *settings,
                                                 const char             *current_source_url,
                                                 const char             *current_fetched_at,
                                                 GDateTime              *now,
                                                 gint64                 *out_due);
void             ssa_refresh_record             (GSettings              *settings,
                                                 GDateTime              *now);
GSettings       *ssa_refresh_dup_settings       (void);
char            *ssa_refresh_dup_configured_url (void);

G_END_DECLS
