#!/bin/sh
# check-translations.sh SRCDIR LANG: fails when a translatable string of the sources has no
# translation in po/LANG.po (untranslated or fuzzy), or when a source file that marks strings
# for translation is missing from po/POTFILES.in.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
srcdir=$1
lang=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$srcdir"

status=0
for f in $(git ls-files 'src/*.c' 'ui/*.ui' 2>/dev/null || find src ui -name '*.c' -o -name '*.ui'); do
  if grep -qE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext)\(|translatable="yes"' "$f" &&
     ! grep -qxF "$f" po/POTFILES.in; then
    echo "po/POTFILES.in: $f marks strings for translation but is not listed"
    status=1
  fi
done

sorted=$(grep -v '^#' po/POTFILES.in | grep -v '^$')
if [ "$sorted" != "$(echo "$sorted" | LC_ALL=C sort)" ]; then
  echo "po/POTFILES.in: not sorted"
  status=1
fi

# The same extraction as meson's gettext preset 'glib' (`ninja ssa-desk-pot`).
xgettext --files-from=po/POTFILES.in --directory=. --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 --keyword=ngettext:1,2 \
  -o "$tmp/all.pot"
msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$tmp/all.pot" -o "$tmp/merged.po"
msgattrib --untranslated --no-obsolete "$tmp/merged.po" -o "$tmp/untranslated.po"
msgattrib --only-fuzzy --no-obsolete "$tmp/merged.po" -o "$tmp/fuzzy.po"
for kind in untranslated fuzzy; do
  if [ -s "$tmp/$kind.po" ]; then
    echo "po/$lang.po: $kind strings:"
    grep -A1 '^msgid ' "$tmp/$kind.po" | grep -v '^--$' | grep -v '^msgid ""$' | head -n 80
    status=1
  fi
done
[ $status -eq 0 ] && echo "po/$lang.po: every string translated"
exit $status
