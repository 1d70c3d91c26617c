#!/usr/bin/env python3
# check-layers.py
#
# Copyright 2026 The SSA Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The core's folders are layers (docs/architecture.md): a file may include headers of its own
# folder and of the folders before it in src/core/meson.build's core_folders, never of a
# later one; no file of src/core includes GTK or libadwaita. Prints every include that
# breaks this and fails; prints the layers it checked otherwise.

import os
import re
import sys

core = os.path.join(sys.argv[1] if len(sys.argv) > 1 else '.', 'src', 'core')
build = open(os.path.join(core, 'meson.build'), encoding='utf-8').read()
match = re.search(r"core_folders\s*=\s*\[([^\]]*)\]", build)
if match is None:
    sys.exit('src/core/meson.build: no core_folders list')
order = re.findall(r"'([a-z]+)'", match.group(1))

where = {}
for folder in order:
    for name in os.listdir(os.path.join(core, folder)):
        if not name.endswith(('.c', '.h')):
            continue
        if name in where:
            sys.exit('src/core: %s is in both %s and %s' % (name, where[name], folder))
        where[name] = folder

problems = []
for folder in order:
    for name in sorted(os.listdir(os.path.join(core, folder))):
        if not name.endswith(('.c', '.h')):
            continue
        path = os.path.join(folder, name)
        text = open(os.path.join(core, path), encoding='utf-8').read()
        for line, header in ((text.count('\n', 0, m.start()) + 1, m.group(1))
                             for m in re.finditer(r'#include\s*[<"]([^">]+)[">]', text)):
            if header.startswith(('gtk/', 'adwaita', 'gdk/')):
                problems.append('src/core/%s:%d: includes %s: the core stays free of GTK'
                                % (path, line, header))
            elif header in where and order.index(where[header]) > order.index(folder):
                problems.append('src/core/%s:%d: includes %s/%s, a later layer than %s'
                                % (path, line, where[header], header, folder))

for problem in problems:
    print(problem)
if problems:
    sys.exit(1)
print('layers in order: %s (%d files)' % (' < '.join(order), len(where)))
