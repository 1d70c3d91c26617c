#!/usr/bin/env python3
# check-rules-map.py SRCDIR: fails when docs/rules.md names a function that src/core does
# not define: each row of its table "Where each rule is implemented" must name a function
# defined in the file that row gives, every other function the page names (`name()` or
# `name (`) must be defined in some file under src/core/, and every src/core/ path it
# gives must exist. It says which rule, function and file.
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

# `name()`, or `name (arguments)` in GNU style; a formula such as `round(x)` is no function.
FUNCTION = re.compile(r"`([a-z_][a-z0-9_]*)(?:\(\)| \([^`]*\))`")
PATH = re.compile(r"`(src/core/[A-Za-z0-9_./-]+)`")
TABLE_HEADING = "## Where each rule is implemented"


def definitions(srcdir):
    """{function name: set of files (relative to srcdir) that define it} of src/core."""
    defined = {}
    # A definition in GNU style: the name at the start of a line, after its return type on
    # the line before, and a body (not a declaration ending in ";").
    pattern = re.compile(r"^([a-z_][a-z0-9_]*) \((?:[^;{]*?)\)\s*\{", re.MULTILINE | re.DOTALL)
    core = os.path.join(srcdir, "src", "core")
    for folder, _, files in os.walk(core):
        for name in files:
            if not name.endswith(".c"):
                continue
            path = os.path.join(folder, name)
            relative = os.path.relpath(path, srcdir)
            text = open(path, encoding="utf-8").read()
            for match in pattern.finditer(text):
                defined.setdefault(match.group(1), set()).add(relative)
    return defined


def table_rows(lines):
    """(line number, rule, function, file) of the table under TABLE_HEADING."""
    rows = []
    inside = False
    for n, line in enumerate(lines, 1):
        if line.startswith("## "):
            inside = line.strip() == TABLE_HEADING
            continue
        if not inside or not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or cells[0] == "rule" or set(cells[0]) <= set("- "):
            continue
        function = FUNCTION.fullmatch(cells[1])
        path = re.fullmatch(r"`([^`]+)`", cells[2])
        rows.append((n, cells[0], function.group(1) if function else None,
                     path.group(1) if path else None, line.strip()))
    return rows


def main():
    srcdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    rules = os.path.join(srcdir, "docs", "rules.md")
    lines = open(rules, encoding="utf-8").read().split("\n")
    defined = definitions(srcdir)
    problems = []

    rows = table_rows(lines)
    if not rows:
        problems.append(f"docs/rules.md: no table under \"{TABLE_HEADING}\"")
    for n, rule, function, path, text in rows:
        if function is None or path is None:
            problems.append(f"docs/rules.md:{n}: a row must read | rule | `function()` | "
                            f"`src/core/FOLDER/FILE.c` |: {text}")
            continue
        if not os.path.isfile(os.path.join(srcdir, path)):
            problems.append(f"docs/rules.md:{n}: {rule}: {path} does not exist")
        elif path not in defined.get(function, set()):
            where = ", ".join(sorted(defined.get(function, set())))
            where = f"it is defined in {where}" if where else "nor anywhere in src/core"
            problems.append(f"docs/rules.md:{n}: {rule}: {function}() is not defined in "
                            f"{path} ({where})")

    for n, line in enumerate(lines, 1):
        for match in FUNCTION.finditer(line):
            if match.group(1) not in defined:
                problems.append(f"docs/rules.md:{n}: {match.group(1)}() is not defined in "
                                "any file under src/core")
        for match in PATH.finditer(line):
            if not os.path.exists(os.path.join(srcdir, match.group(1))):
                problems.append(f"docs/rules.md:{n}: {match.group(1)} does not exist")

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s): docs/rules.md must name the functions of src/core "
              "that implement its rules", file=sys.stderr)
        return 1
    print(f"docs/rules.md: {len(rows)} rules, each in a function that exists")
    return 0


if __name__ == "__main__":
    sys.exit(main())
