#!/usr/bin/env python3
# check-launcher.py LAUNCHER
#
# Copyright 2026 The SSA Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The ssa-desk program is a launcher that opens the window's module with local binding
# (src/gui/main.c): it must start the module (`--version` runs the application's own option
# handling, in the module) and must not itself depend on the libraries the module keeps out
# of the process's global symbol scope.

import subprocess
import sys

launcher = sys.argv[1]
run = subprocess.run([launcher, '--version'], capture_output=True, text=True, timeout=60)
if run.returncode != 0 or not run.stdout.startswith('ssa-desk '):
    sys.exit('%s --version: exit %d, printed %r, %r'
             % (launcher, run.returncode, run.stdout, run.stderr))

dynamic = subprocess.run(['readelf', '-d', launcher], capture_output=True, text=True,
                         check=True).stdout
needed = [line.split('[')[1].rstrip(']') for line in dynamic.splitlines()
          if '(NEEDED)' in line]
kept_out = ('libgtk', 'libadwaita', 'libpq', 'libsoup', 'libsecret', 'libxml2', 'libgmime',
            'libxlsxwriter', 'libportal', 'libsqlite3', 'libjson-glib')
wrong = [name for name in needed if name.startswith(kept_out)]
if wrong:
    sys.exit('%s links %s itself: they belong to the module' % (launcher, ', '.join(wrong)))
print('%s starts its module and links only %s' % (launcher, ', '.join(needed)))
