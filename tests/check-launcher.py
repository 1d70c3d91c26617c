#!/usr/bin/env python3
# check-launcher.py LAUNCHER MODULE
#
# Copyright 2026 The SSA Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The ssa-desk program is a launcher that opens the window's module with local binding
# (src/gui/main.c): it must start the module (`--version` runs the application's own option
# handling, in the module) and must not itself depend on the libraries the module keeps out
# of the process's global symbol scope. Nor does the module link libpq, libxlsxwriter, GMime,
# libsoup, libsecret or libxml2, which are opened when a team database is first used, a
# workbook first written, an e-mail draft first built, a server or the keyring first asked,
# XML first read (src/core/base/ssa-lazy-lib.h).

import subprocess
import sys

launcher, module = sys.argv[1], sys.argv[2]
run = subprocess.run([launcher, '--version'], capture_output=True, text=True, timeout=60)
if run.returncode != 0 or not run.stdout.startswith('ssa-desk '):
    sys.exit('%s --version: exit %d, printed %r, %r'
             % (launcher, run.returncode, run.stdout, run.stderr))



def needed(path):
    dynamic = subprocess.run(['readelf', '-d', path], capture_output=True, text=True,
                             check=True).stdout
    return [line.split('[')[1].rstrip(']') for line in dynamic.splitlines()
            if '(NEEDED)' in line]


kept_out = ('libgtk', 'libadwaita', 'libpq', 'libsoup', 'libsecret', 'libxml2', 'libgmime',
            'libxlsxwriter', 'libportal', 'libsqlite3', 'libjson-glib')
wrong = [name for name in needed(launcher) if name.startswith(kept_out)]
if wrong:
    sys.exit('%s links %s itself: they belong to the module' % (launcher, ', '.join(wrong)))
# Each library opened on first use, and the prefix of its functions' names.
opened_later = {'libpq': 'PQ', 'libxlsxwriter': 'workbook_', 'libgmime': 'g_mime_',
                'libsoup': 'soup_', 'libsecret': 'secret_', 'libxml2': 'xml'}
wrong = [name for name in needed(module) if name.startswith(tuple(opened_later))]
if wrong:
    sys.exit('%s links %s: opened on first use, they are not to be linked'
             % (module, ', '.join(wrong)))


# A module may keep symbols undefined (a program may not): one of these functions called
# but missing from its library's table would only fail when it is called.
def undefined(path):
    symbols = subprocess.run(['nm', '-D', '--undefined-only', path], capture_output=True,
                             text=True, check=True).stdout
    return [line.split()[-1].split('@')[0] for line in symbols.splitlines() if line.strip()]


wrong = [symbol for symbol in undefined(module)
         if symbol.startswith(tuple(opened_later.values()))]
if wrong:
    sys.exit('%s calls %s directly, not through its library\'s table (ssa-lazy-lib.h)'
             % (module, ', '.join(wrong)))
print('%s starts its module and links only %s; the module links none of %s'
      % (launcher, ', '.join(needed(launcher)), ', '.join(sorted(opened_later))))
