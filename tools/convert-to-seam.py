#!/usr/bin/env python3
# convert-to-seam.py
#
# Copyright 2026 The SSA Desk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Turns the row code of SsaDb (src/core/storage/ssa-db-*.c) from sqlite3_* calls into calls
# on the SQL engine seam (ssa-sql.h): binds, columns, steps, changes, resets and the SQLite
# result codes the row code compares with. Statements whose text or error handling needs a
# person are left alone, and the script prints each sqlite3_/SQLITE_ name it left.
#
# It changes only what still uses SQLite's API, so it can run again over a file that is
# converted already (after a merge brought back unconverted code):
#
#   python3 tools/convert-to-seam.py [--check] [FILE...]
#
# Without files it converts the row files of SsaDb in src/core/storage. With --check it
# changes nothing and fails when a file would change or names SQLite (the test
# `seam-rows` runs it so, so that the row code stays on the seam).

import os
import re
import sys

ROW_FILES = [
    'ssa-db-inventory.c',
    'ssa-db-licences.c',
    'ssa-db-offers.c',
    'ssa-db-price-list.c',
    'ssa-db-schema.c',
]

STATIC = ('SQLITE_STATIC', 'SQLITE_TRANSIENT')


def split_args(text):
    """Splits the text between a call's parentheses at its top-level commas."""
    args, depth, start, quote = [], 0, 0, None
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            if c == '\\':
                i += 1
            elif c == quote:
                quote = None
        elif c in '"\'':
            quote = c
        elif c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
        elif c == ',' and depth == 0:
            args.append(text[start:i])
            start = i + 1
        i += 1
    args.append(text[start:])
    return [' '.join(a.split()) for a in args]


def find_close(text, open_index):
    """The index of the parenthesis that closes the one at open_index."""
    depth, quote, i = 0, None, open_index
    while i < len(text):
        c = text[i]
        if quote:
            if c == '\\':
                i += 1
            elif c == quote:
                quote = None
        elif c in '"\'':
            quote = c
        elif c == '(':
            depth += 1
        elif c == ')':
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError('unbalanced parentheses at %d' % open_index)


def strip_int_cast(arg):
    return re.sub(r'^\(int\)\s*', '', arg)


def strip_empty_default(arg):
    """`data != NULL ? data : ""` → `data`: the seam binds an empty blob for NULL."""
    m = re.fullmatch(r'(\w+) != NULL \? \1 : ""', arg)
    return m.group(1) if m else arg


def call(name, args):
    return '%s (%s)' % (name, ', '.join(args))


def convert_call(name, args):
    """The seam's call for sqlite3 function `name` with `args`, or None to leave it."""
    if name == 'sqlite3_bind_int64' or name == 'sqlite3_bind_int':
        return call('ssa_sql_bind_int64', args)
    if name == 'sqlite3_bind_null':
        return call('ssa_sql_bind_null', args)
    if name == 'sqlite3_bind_text' and len(args) == 5:
        stmt, index, text, length, destroy = args
        if length == '-1' and destroy in STATIC:
            return call('ssa_sql_bind_text', [stmt, index, text])
        if length == '-1' and destroy == 'g_free':
            return call('ssa_db_bind_take_text', [stmt, index, text])
        if destroy in STATIC:
            return call('ssa_sql_bind_text_len', [stmt, index, text, strip_int_cast(length)])
        return None
    if name == 'sqlite3_bind_blob' and len(args) == 5 and args[4] in STATIC:
        stmt, index, data, length, _ = args
        return call('ssa_sql_bind_blob', [stmt, index, strip_empty_default(data),
                                          strip_int_cast(length)])
    if name == 'sqlite3_column_int64':
        return call('ssa_sql_column_int64', args)
    if name == 'sqlite3_column_int':
        return '(int) ' + call('ssa_sql_column_int64', args)
    if name == 'sqlite3_column_text':
        return call('ssa_sql_column_text', args)
    if name == 'sqlite3_column_bytes':
        return call('ssa_sql_column_text_length', args)
    if name == 'sqlite3_changes' and args == ['self->handle']:
        return 'ssa_sql_changes (self->sql)'
    if name == 'sqlite3_reset':
        return call('ssa_sql_reset', args)
    if name == 'sqlite3_step' and len(args) == 1:
        # The failure stays readable: ssa_db_set_step_error(), ssa_db_get_constraint().
        return call('ssa_db_step', ['self', args[0], 'NULL'])
    if name == 'sqlite3_extended_errcode' and args == ['self->handle']:
        return 'ssa_db_get_constraint (self)'
    return None


def convert_calls(text):
    out, pos = [], 0
    pattern = re.compile(r'\bsqlite3_[a-z0-9_]+\s*\(')
    while True:
        m = pattern.search(text, pos)
        if m is None:
            out.append(text[pos:])
            break
        name = m.group(0).rstrip('( ').strip()
        open_index = m.end() - 1
        close = find_close(text, open_index)
        # Arguments first: a call inside an argument is converted too.
        args = split_args(convert_calls(text[open_index + 1:close]))
        replacement = convert_call(name, args)
        out.append(text[pos:m.start()])
        if replacement is None:
            out.append(text[m.start():close + 1])
        else:
            out.append(replacement)
        pos = close + 1
    return ''.join(out)


def convert_patterns(text):
    # A blob column read whole: the seam returns GBytes, NULL for NULL.
    text = re.sub(r'g_bytes_new \(sqlite3_column_blob \(([^,()]+), ([^()]+)\),\s*'
                  r'sqlite3_column_bytes \(\1, \2\)\)',
                  r'ssa_sql_column_blob (\1, \2)', text)
    # Casts the seam's text columns do not need.
    text = re.sub(r'\(const char \*\)\s*sqlite3_column_text\b', 'sqlite3_column_text', text)
    # Column types.
    text = re.sub(r'sqlite3_column_type \(([^()]+)\) == SQLITE_NULL',
                  r'ssa_sql_column_is_null (\1)', text)
    text = re.sub(r'sqlite3_column_type \(([^()]+)\) != SQLITE_NULL',
                  r'!ssa_sql_column_is_null (\1)', text)
    text = re.sub(r'sqlite3_column_type \(([^()]+)\) == SQLITE_BLOB',
                  r'!ssa_sql_column_is_null (\1)', text)
    return text


def convert_names(text):
    # A failed step, as the seam's step results and SsaDb's reading of the failure.
    text = re.sub(r'\bssa_db_set_error \(self, rc, error\)', 'ssa_db_set_step_error (self, error)',
                  text)
    # A function of the file that explains a refused change reads which rule it broke.
    text = re.sub(r'\b(\w+_error) \(self, rc,', r'\1 (self, ssa_db_get_constraint (self),', text)
    text = re.sub(r'\bssa_db_is_foreign_key_error \(self, rc\)',
                  'ssa_db_failed_on_foreign_key (self, rc)', text)
    text = re.sub(r'\brc == SQLITE_CONSTRAINT\b(?!_)',
                  '(rc == SSA_SQL_STEP_ERROR && ssa_db_get_constraint (self) != '
                  'SSA_SQL_CONSTRAINT_NONE)', text)
    text = re.sub(r'\brc == 0\b', 'rc == SSA_SQL_STEP_ERROR', text)
    for old, new in (('SQLITE_ROW', 'SSA_SQL_STEP_ROW'),
                     ('SQLITE_DONE', 'SSA_SQL_STEP_DONE'),
                     ('SQLITE_CONSTRAINT_UNIQUE', 'SSA_SQL_CONSTRAINT_UNIQUE'),
                     ('SQLITE_CONSTRAINT_FOREIGNKEY', 'SSA_SQL_CONSTRAINT_FOREIGN_KEY'),
                     ('SQLITE_CONSTRAINT_CHECK', 'SSA_SQL_CONSTRAINT_CHECK'),
                     ('SQLITE_CONSTRAINT_NOTNULL', 'SSA_SQL_CONSTRAINT_NOT_NULL')):
        text = re.sub(r'\b%s\b' % old, new, text)
    return text


def wrap_long_lines(text, before, width=100):
    """Breaks a converted line that grew past the width after its commas."""
    old = set(before.split('\n'))
    lines = []
    for line in text.split('\n'):
        if len(line) <= width or line in old or line.lstrip().startswith(('/*', '*')):
            lines.append(line)
            continue
        m = next((m for m in re.finditer(r'\b([a-z_][a-z0-9_]*) \(', line)
                  if m.group(1) not in ('if', 'while', 'for', 'return', 'switch', 'sizeof')),
                 None)
        if m is None:
            lines.append(line)
            continue
        indent = ' ' * m.end()
        current = line
        pieces = []
        while len(current) > width:
            cut = current.rfind(', ', 0, width - 1)
            if cut <= m.end():
                break
            pieces.append(current[:cut + 1])
            current = indent + current[cut + 2:]
        pieces.append(current)
        lines.extend(pieces)
    return '\n'.join(lines)


def convert(text):
    before = text
    text = convert_patterns(text)
    text = convert_calls(text)
    text = convert_names(text)
    if text != before:
        text = wrap_long_lines(text, before)
    return text


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    storage = os.path.join(here, '..', 'src', 'core', 'storage')
    args = argv[1:]
    check = '--check' in args
    args = [a for a in args if a != '--check']
    files = args or [os.path.join(storage, name) for name in ROW_FILES]
    left = 0
    changed = 0
    for path in files:
        with open(path, encoding='utf-8') as f:
            text = f.read()
        converted = convert(text)
        if converted != text:
            changed += 1
            if check:
                print('%s: still calls SQLite where the seam has the call' % os.path.relpath(path))
            else:
                with open(path, 'w', encoding='utf-8') as f:
                    f.write(converted)
                print('converted %s' % os.path.relpath(path))
        for number, line in enumerate(converted.split('\n'), 1):
            for name in re.findall(r'\b(?:sqlite3_[a-z0-9_]+|SQLITE_[A-Z_]+)\b', line):
                print('%s:%d: left for a person: %s' % (os.path.relpath(path), number, name))
                left += 1
    if check:
        if changed or left:
            return 1
        print('%d files on the seam' % len(files))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
