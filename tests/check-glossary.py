#!/usr/bin/env python3
# check-glossary.py SRCDIR: fails when a term docs/glossary.md rejects appears in a Bokmål
# translation of po/nb.po (its msgstrs, obsolete entries left out), in the built-in Bokmål
# strings of the documents (src/core/documents/ssa-doc-strings.c) or in the README's summary in
# Norwegian, and says where.
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys


def rejected_terms(glossary):
    """The rejected terms of the glossary's table, as (pattern, term, concept)."""
    terms = []
    for line in open(glossary, encoding="utf-8"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if not line.startswith("|") or len(cells) != 4 or cells[0] in ("Concept", "") \
           or set(cells[0]) <= set("-"):
            continue
        for term in cells[3].split(","):
            term = term.strip()
            if not term or term in ("—", "-"):
                continue
            if term.endswith("*"):
                pattern = r"(?<!\w)" + re.escape(term[:-1]) + r"\w*"
            else:
                pattern = r"(?<!\w)" + re.escape(term) + r"(?!\w)"
            terms.append((re.compile(pattern, re.IGNORECASE), term, cells[0]))
    return terms


def unquote(text):
    return bytes(text, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def po_msgstrs(path):
    """(line, msgid, msgstr) of every translation in a .po file."""
    entries = []
    msgid = msgstr = None
    field = None
    line_no = 0
    for n, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = raw.strip()
        if line.startswith("#~") or line.startswith("#") or not line:
            if field == "msgstr" and msgstr is not None:
                entries.append((line_no, msgid, msgstr))
                msgstr = None
            field = None
            continue
        m = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
        if m:
            if field == "msgstr" and msgstr is not None:
                entries.append((line_no, msgid, msgstr))
            key, value = m.group(1), unquote(m.group(2))
            if key == "msgid":
                msgid, msgstr, field = value, None, "msgid"
            elif key.startswith("msgstr"):
                msgstr, field, line_no = value, "msgstr", n
            else:
                field = key
            continue
        m = re.match(r'^"(.*)"$', line)
        if m:
            if field == "msgid":
                msgid += unquote(m.group(1))
            elif field == "msgstr":
                msgstr += unquote(m.group(1))
    if field == "msgstr" and msgstr is not None:
        entries.append((line_no, msgid, msgstr))
    return [e for e in entries if e[1]]          # the header's msgid is empty


def doc_bokmal(path):
    """(line, text) of the built-in Bokmål of the documents: the string literals of
    ssa-doc-strings.c outside comments, #include lines and the English NC_() msgids."""
    source = open(path, encoding="utf-8").read()
    # Keep line numbers: blank out what is not Bokmål instead of removing it.
    blank = lambda m: re.sub(r"[^\n]", " ", m.group(0))
    source = re.sub(r"/\*.*?\*/", blank, source, flags=re.S)
    source = re.sub(r"^#.*$", blank, source, flags=re.M)
    source = re.sub(r'NC_\s*\(\s*"(?:[^"\\]|\\.)*"\s*,(\s*"(?:[^"\\]|\\.)*")+\s*\)', blank,
                    source)
    found = []
    for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', source):
        found.append((source.count("\n", 0, m.start()) + 1, unquote(m.group(1))))
    return found


def readme_norwegian(path):
    """(line, text) of the README's section "Sammendrag på norsk"."""
    found = []
    inside = False
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if line.startswith("## "):
            inside = line.strip() == "## Sammendrag på norsk"
        elif inside:
            found.append((n, line.rstrip("\n")))
    return found


def main():
    srcdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    terms = rejected_terms(os.path.join(srcdir, "docs", "glossary.md"))
    if len(terms) < 10:
        print("docs/glossary.md: only %d rejected terms found in its table" % len(terms))
        return 1

    problems = []
    for line, msgid, msgstr in po_msgstrs(os.path.join(srcdir, "po", "nb.po")):
        for pattern, term, concept in terms:
            m = pattern.search(msgstr)
            if m:
                problems.append("po/nb.po:%d: “%s” (%s: rejected “%s”) in “%s”"
                                % (line, m.group(0), concept, term, msgstr))
    doc_strings = os.path.join(srcdir, "src", "core", "documents", "ssa-doc-strings.c")
    for line, text in doc_bokmal(doc_strings):
        for pattern, term, concept in terms:
            m = pattern.search(text)
            if m:
                problems.append("src/core/documents/ssa-doc-strings.c:%d: “%s” (%s: rejected “%s”) in “%s”"
                                % (line, m.group(0), concept, term, text))

    readme = readme_norwegian(os.path.join(srcdir, "README.md"))
    if not readme:
        problems.append("README.md: no section “Sammendrag på norsk”")
    for line, text in readme:
        for pattern, term, concept in terms:
            m = pattern.search(text)
            if m:
                problems.append("README.md:%d: “%s” (%s: rejected “%s”) in “%s”"
                                % (line, m.group(0), concept, term, text))

    for p in problems:
        print(p)
    print("%d rejected terms checked: %d found" % (len(terms), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
