#!/bin/sh
# fuzz.sh [SECONDS [TARGET…]]: builds the libFuzzer targets of fuzz/ with clang in their own
# build folder (build-fuzz, or $FUZZ_BUILDDIR) and runs each for SECONDS (default 20) on a
# copy of its seed corpus, so the checked-in corpus never grows. Fails on the first finding
# (a crash, a sanitizer report, a leak, a failed round trip, a timeout), naming the input
# that caused it and the command that reproduces it. Targets: csv customers date decimal
# installation licence-file offer offer-request org-no pbx-reading price-list version
# (default: all).
# Safe to run again; see
# docs/fuzzing.md.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-20}
[ $# -gt 0 ] && shift
all_targets="csv customers date decimal installation licence-file offer offer-request org-no pbx-reading price-list version"
targets=${*:-$all_targets}
builddir=${FUZZ_BUILDDIR:-build-fuzz}

case $seconds in
  ''|*[!0-9]*) echo "fuzz.sh: SECONDS must be a whole number, not “$seconds”" >&2; exit 2 ;;
esac
for target in $targets; do
  if [ ! -f "fuzz/fuzz-$target.c" ]; then
    echo "fuzz.sh: no target “$target”; the targets are: $all_targets" >&2
    exit 2
  fi
done

if [ -f "$builddir/build.ninja" ]; then
  meson setup --reconfigure "$builddir" -Dfuzzing=true >/dev/null
else
  CC=clang meson setup "$builddir" -Dfuzzing=true >/dev/null
fi
# Only the targets (and the core library they link), not the window or the tests.
meson compile -C "$builddir" $(for target in $targets; do printf 'fuzz-%s ' "$target"; done) \
  >/dev/null

# The same conditions as the test suite: leaks are findings, so is undefined behaviour.
# GLib's slice allocator hands every block to malloc, so that ASan sees them all.
export G_SLICE=always-malloc
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export TZ=UTC LC_ALL=C.UTF-8

work="$PWD/$builddir/fuzz-runs"
status=0
for target in $targets; do
  run="$work/$target"
  rm -rf "$run"
  mkdir -p "$run/corpus" "$run/findings"
  cp "fuzz/corpus/$target/"* "$run/corpus/"
  set -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
         -artifact_prefix="$run/findings/"
  case $target in
    installation|offer|offer-request|price-list)
      set -- "$@" -dict=fuzz/json.dict -max_len=16384 ;;
    csv|customers)
      set -- "$@" -max_len=4096 ;;
    licence-file|pbx-reading)
      set -- "$@" -dict=fuzz/xml.dict -max_len=4096 ;;
    *)
      set -- "$@" -max_len=128 ;;
  esac

  printf '%-14s ' "$target"
  if "$builddir/fuzz/fuzz-$target" "$@" "$run/corpus" >"$run/log" 2>&1; then
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$run/log")
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$run/log")
    echo "ok: $execs inputs in ${seconds} s ($rate exec/s), corpus $(ls "$run/corpus" | wc -l) files"
  else
    status=1
    finding=$(ls "$run/findings/"* 2>/dev/null | head -n 1)
    echo "FINDING"
    echo "---- the end of $run/log:"
    tail -n 40 "$run/log"
    echo "----"
    if [ -n "$finding" ]; then
      echo "The input: $finding"
      echo "Reproduce:  G_SLICE=always-malloc $builddir/fuzz/fuzz-$target $finding"
      echo "Minimise:   G_SLICE=always-malloc $builddir/fuzz/fuzz-$target -minimize_crash=1 -runs=10000 $finding"
    else
      echo "No input was saved: see $run/log"
    fi
  fi
done
exit $status
