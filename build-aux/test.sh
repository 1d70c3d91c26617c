#!/bin/sh
# test.sh [BUILDDIR [MESON OPTIONS…]]: builds SSA Desk and runs the whole test suite on a
# virtual display with its own session bus, as the GUI tests need. Safe to run again.
# MESON_TEST_ARGS, when set, is passed on to `meson test` (to leave suites out, say).
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
builddir=${1:-build}
[ $# -gt 0 ] && shift
sh build-aux/build.sh "$builddir" "$@"
status=0
dbus-run-session -- xvfb-run -a -s '-screen 0 1280x800x24' \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 ${MESON_TEST_ARGS:-} || status=$?
# One closing line that CI can read, counted from meson's own log.
python3 - "$builddir/meson-logs/testlog.json" <<'PY'
import json, sys
counts = {"passed": 0, "failed": 0, "skipped": 0}
for line in open(sys.argv[1], encoding="utf-8"):
    result = json.loads(line)["result"]
    if result in ("OK", "EXPECTEDFAIL"):
        counts["passed"] += 1
    elif result == "SKIP":
        counts["skipped"] += 1
    else:
        counts["failed"] += 1
print("meson: %(passed)d passed, %(failed)d failed, %(skipped)d skipped" % counts)
PY
exit $status
