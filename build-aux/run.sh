#!/bin/sh
# run.sh [BUILDDIR] [ARGS…]: runs the window from the build tree, uninstalled: with the
# GSettings schema and the translations built there, on the user's own database
# ($XDG_DATA_HOME/ssa-desk/ssa-desk.db, created on first use with the bundled sample price
# list as its current list).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
builddir=${1:-build}
[ $# -gt 0 ] && shift
export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"
export SSA_DESK_LOCALEDIR="$PWD/$builddir/po"
exec "$builddir/src/gui/ssa-desk" "$@"
