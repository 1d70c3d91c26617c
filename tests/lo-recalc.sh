#!/bin/sh
# lo-recalc.sh OUTDIR FILE...: opens workbooks in LibreOffice headless, recomputes every
# formula and saves them again as .xlsx in OUTDIR, where openpyxl reads the values
# LibreOffice computed. LibreOffice does not recompute an .xlsx on load by default, so
# this runs with a throw-away profile whose OOXMLRecalcMode is 0 ("always recalculate").
# All files go through one soffice process: starting LibreOffice is most of the time.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu

outdir=$1
shift

# The tests' malloc checks and sanitizer settings are not for LibreOffice.
unset MALLOC_CHECK_ ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS LD_PRELOAD

profile=$(mktemp -d "${TMPDIR:-/tmp}/ssa-lo-profile-XXXXXX")
trap 'rm -rf "$profile"' EXIT INT TERM
mkdir -p "$profile/user"
cat > "$profile/user/registrymodifications.xcu" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop>
</item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
  <prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop>
</item>
</oor:items>
EOF

mkdir -p "$outdir"
# A home of its own: LibreOffice writes there even with a profile given.
HOME=$profile soffice "-env:UserInstallation=file://$profile" --headless --norestore \
  --nologo --nodefault --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$outdir" "$@"
