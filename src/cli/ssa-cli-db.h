/* ssa-cli-db.h
 *
 * Copyright 2026 The SSA Desk authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ssa-db.h"
#include "ssa-team-db.h"

G_BEGIN_DECLS

/* The commands on the app's database ("Commands on the app's database" of
 * docs/formats.md, plus import-csv and backup). Each takes argv from its own name on. */

void ssa_cli_db_set_path       (const char  *path);
const char *ssa_cli_db_get_path (void);

/* ssa-cli-backup.c: how every command that changes the database opens it, and the
 * commands that keep it safe. */
SsaDb *ssa_cli_db_open_for_writing (const char *command);
void   ssa_cli_db_print_error       (const char   *command,
                                    const GError *error);
int  ssa_cli_check             (int          argc,
                                char       **argv);
int  ssa_cli_backups           (int          argc,
                                char       **argv);
int  ssa_cli_restore           (int          argc,
                                char       **argv);

int  ssa_cli_price_list        (int          argc,
                                char       **argv);
int  ssa_cli_import            (int          argc,
                                char       **argv);
int  ssa_cli_export            (int          argc,
                                char       **argv);
int  ssa_cli_installations     (int          argc,
                                char       **argv);
int  ssa_cli_archive           (int          argc,
                                char       **argv);
int  ssa_cli_unarchive         (int          argc,
                                char       **argv);
int  ssa_cli_offer             (int          argc,
                                char       **argv);
int  ssa_cli_offers            (int          argc,
                                char       **argv);
int  ssa_cli_renewals          (int          argc,
                                char       **argv);
int  ssa_cli_import_csv        (int          argc,
                                char       **argv);
int  ssa_cli_import_customers  (int          argc,
                                char       **argv);
int  ssa_cli_customers         (int          argc,
                                char       **argv);
int  ssa_cli_customer          (int          argc,
                                char       **argv);
int  ssa_cli_backup            (int          argc,
                                char       **argv);

/* ssa-cli-licences.c: licences from where they live (docs/importing.md). */
int  ssa_cli_licence_types     (int          argc,
                                char       **argv);
int  ssa_cli_map_licence_type  (int          argc,
                                char       **argv);
int  ssa_cli_unmap_licence_type (int         argc,
                                 char      **argv);
int  ssa_cli_import_licences   (int          argc,
                                char       **argv);
int  ssa_cli_read_pbx          (int          argc,
                                char       **argv);

/* The team database (ssa-cli-team.c). */
gboolean ssa_cli_team_check_supported   (int          argc,
                                         char       **argv);
int      ssa_cli_team_db                (int          argc,
                                         char       **argv);
int      ssa_cli_team_db_copy           (int          argc,
                                         char       **argv);

G_END_DECLS
