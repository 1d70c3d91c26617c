/* ssa-refresh.c
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#undef G_LOG_DOMAIN
#define G_LOG_DOMAIN "ssa-fetch"

#include "config.h"

#include "ssa-refresh.h"

static gint64
parse_fetched_at (const char *text)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || text[0] == '\0')
    return 0;

  utc = g_time_zone_new_utc ();
  time = g_date_time_new_from_iso8601 (text, utc);
  return time != NULL ? g_date_time_to_unix (time) : 0;
}

/**
 * ssa_refresh_check:
 * @inputs: the settings and what is known of the current list
 * @now: the current time
 * @out_due: (out) (optional): when a refresh is or was due, in seconds since 1970-01-01
 *   UTC; 0 when not configured
 *
 * Applies the refresh policy (see ssa-refresh.h).
 *
 * Returns: whether a refresh is due
 */
SsaRefreshState
ssa_refresh_check (const SsaRefreshInputs *inputs,
                   GDateTime              *now,
                   gint64                 *out_due)
{
  gint64 now_unix;
  gint64 last = 0;
  gint64 due;

  g_return_val_if_fail (inputs != NULL, SSA_REFRESH_NOT_CONFIGURED);
  g_return_val_if_fail (now != NULL, SSA_REFRESH_NOT_CONFIGURED);

  if (out_due != NULL)
    *out_due = 0;
  if (inputs->url == NULL || inputs->url[0] == '\0')
    {
      g_debug ("Refresh: no price list address set");
      return SSA_REFRESH_NOT_CONFIGURED;
    }

  now_unix = g_date_time_to_unix (now);

  /* Only a fetch of the configured URL counts: the sample list, an imported file or a list
   * from a former address is replaced as soon as possible. */
  if (g_strcmp0 (inputs->current_source_url, inputs->url) == 0)
    last = MAX (parse_fetched_at (inputs->current_fetched_at), inputs->last_refresh);

  if (last <= 0 || last > now_unix)
    due = now_unix;
  else
    due = last + (gint64) MAX (inputs->interval_days, 1) * 24 * 60 * 60;

  if (out_due != NULL)
    *out_due = due;
  g_debug ("Refresh of %s: %s (last fetch %" G_GINT64_FORMAT ", due %" G_GINT64_FORMAT
           ", now %" G_GINT64_FORMAT ")", inputs->url,
           due <= now_unix ? "due" : "not due", last, due, now_unix);
  return due <= now_unix ? SSA_REFRESH_DUE : SSA_REFRESH_NOT_DUE;
}

/**
 * ssa_refresh_check_settings:
 * @settings: settings of %SSA_SETTINGS_SCHEMA_ID
 * @current_source_url: (nullable): where the current list was fetched from
 * @current_fetched_at: (nullable): when, as ISO 8601
 * @now: the current time
 * @out_due: (out) (optional): see ssa_refresh_check()
 *
 * ssa_refresh_check() with price-list-url, refresh-interval-days and last-refresh read
 * from @settings.
 *
 * Note: last-refresh counts only for the URL the current list came from; after a fetch that
 * changed nothing the current list's source is that URL already.
 */
SsaRefreshState
ssa_refresh_check_settings (GSettings  *settings,
                            const char *current_source_url,
                            const char *current_fetched_at,
                            GDateTime  *now,
                            gint64     *out_due)
{
  g_autofree char *url = NULL;
  SsaRefreshInputs inputs;

  g_return_val_if_fail (G_IS_SETTINGS (settings), SSA_REFRESH_NOT_CONFIGURED);

  url = g_settings_get_string (settings, "price-list-url");
  inputs = (SsaRefreshInputs) {
    .url = url,
    .interval_days = g_settings_get_uint (settings, "refresh-interval-days"),
    .last_refresh = g_settings_get_int64 (settings, "last-refresh"),
    .current_source_url = current_source_url,
    .current_fetched_at = current_fetched_at,
  };
  return ssa_refresh_check (&inputs, now, out_due);
}

/**
 * ssa_refresh_record:
 * @settings: settings of %SSA_SETTINGS_SCHEMA_ID
 * @now: the time of the successful fetch
 *
 * Records a successful fetch of the configured URL (new or unchanged) in last-refresh.
 */
void
ssa_refresh_record (GSettings *settings,
                    GDateTime *now)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (now != NULL);

  g_settings_set_int64 (settings, "last-refresh", g_date_time_to_unix (now));
}

/**
 * ssa_refresh_dup_settings:
 *
 * Opens SSA Desk's settings when the schema is installed (or found through
 * GSETTINGS_SCHEMA_DIR); unlike g_settings_new(), never aborts.
 *
 * Returns: (transfer full) (nullable): the settings, or %NULL when the schema is missing
 */
GSettings *
ssa_refresh_dup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SSA_SETTINGS_SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "price-list-url"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

/**
 * ssa_refresh_dup_configured_url:
 *
 * Returns: (transfer full) (nullable): the configured price-list-url, or %NULL when it is
 *   empty or the schema is not installed
 */
char *
ssa_refresh_dup_configured_url (void)
{
  g_autoptr(GSettings) settings = ssa_refresh_dup_settings ();
  g_autofree char *url = NULL;

  if (settings == NULL)
    return NULL;
  url = g_settings_get_string (settings, "price-list-url");
  return url[0] != '\0' ? g_steal_pointer (&url) : NULL;
}
