#!/bin/sh
# run-benchmarks.sh: runs each benchmark program given on the command line in turn.
# SPDX-License-Identifier: GPL-3.0-or-later
status=0
for program in "$@"; do
  echo "== $(basename "$program")"
  "$program" || status=1
  echo
done
exit $status
