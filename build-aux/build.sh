#!/bin/sh
# build.sh [BUILDDIR [MESON OPTIONS…]]: configures (or reconfigures) and builds SSA Desk.
# Safe to run again.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
builddir=${1:-build}
[ $# -gt 0 ] && shift
if [ -f "$builddir/build.ninja" ]; then
  meson setup --reconfigure "$builddir" "$@" >/dev/null
else
  meson setup "$builddir" "$@" >/dev/null
fi
meson compile -C "$builddir"
