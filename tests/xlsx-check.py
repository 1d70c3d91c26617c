#!/usr/bin/python3
# xlsx-check.py: reads SSA Desk's workbooks back with openpyxl, for test-xlsx.
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   xlsx-check.py static FILE EXPECT.json   formulas, formats, strings, print setup
#   xlsx-check.py modify MANIFEST.json      change quantities and the SSC price, as a user
#   xlsx-check.py recalc MANIFEST.json DIR  LibreOffice's results equal the engine's
#   xlsx-check.py numbers FILE              every number cell reads back as a number
#   xlsx-check.py cells FILE [+TEXT|-TEXT]…  a cell of the offer sheet holds +TEXT; no cell
#                                           of the workbook holds -TEXT
#   xlsx-check.py alternatives FILE EXPECT.json  a sheet per alternative, each with its own
#                                           names, live formulas and the engine's totals
#
# Exit status 0 when every check passes, 1 with one line per problem on stderr.

import datetime
import html
import json
import re
import sys
import zipfile

import openpyxl

TOTAL_NAMES = ['SSA_TotalSsc', 'SSA_Regular', 'SSA_Backpay', 'SSA_BillingDiscount',
               'SSA_Subtotal', 'SSA_Discount', 'SSA_Labour', 'SSA_Net', 'SSA_Vat',
               'SSA_Total']
INPUT_NAMES = ['SSA_SscPrice', 'SSA_BackpayMultiplier', 'SSA_VatPercent',
               'SSA_BillingDiscountPercent', 'SSA_DiscountPercent', 'SSA_LabourHours',
               'SSA_LabourRate']

problems = []


def problem(message):
    problems.append(message)


def finish():
    for message in problems:
        print(message, file=sys.stderr)
    sys.exit(1 if problems else 0)


def defined_names(workbook):
    """{name: (sheet, 'A1' or 'A1:B2')} for openpyxl 3.0 and 3.1."""
    names = workbook.defined_names
    items = names.definedName if hasattr(names, 'definedName') else names.values()
    result = {}
    for name in items:
        for sheet, ref in name.destinations:
            result[name.name] = (sheet, ref.replace('$', ''))
    return result


def lines_range(workbook):
    sheet, ref = defined_names(workbook)['SSA_Lines']
    first, last = ref.split(':')
    return workbook[sheet], int(re.sub('[A-Z]', '', first)), int(re.sub('[A-Z]', '', last))


def named_cell(workbook, name):
    sheet, ref = defined_names(workbook)[name]
    return workbook[sheet][ref]


def formula_cells(path):
    """{worksheet part: set of cell references that hold a formula}, from the XML."""
    result = {}
    with zipfile.ZipFile(path) as archive:
        for part in archive.namelist():
            if part.startswith('xl/worksheets/sheet'):
                xml = archive.read(part).decode('utf-8')
                cells = re.findall(r'<c r="([A-Z]+[0-9]+)"[^>]*>(?:<v>[^<]*</v>)?<f[ >]', xml)
                result[part] = set(cells)
    return result


def headers_footers(path):
    """{worksheet part: (header, footer)} as the XML holds them."""
    result = {}
    with zipfile.ZipFile(path) as archive:
        for part in sorted(archive.namelist()):
            if part.startswith('xl/worksheets/sheet'):
                xml = archive.read(part).decode('utf-8')
                header = re.search(r'<oddHeader>([^<]*)</oddHeader>', xml)
                footer = re.search(r'<oddFooter>([^<]*)</oddFooter>', xml)
                result[part] = tuple(html.unescape(m.group(1)) if m else ''
                                     for m in (header, footer))
    return result


def check_static(path, expect_path):
    with open(expect_path, encoding='utf-8') as f:
        expect = json.load(f)
    workbook = openpyxl.load_workbook(path)

    if workbook.sheetnames != expect['sheets']:
        problem(f'sheets {workbook.sheetnames}, expected {expect["sheets"]}')
        return
    names = defined_names(workbook)
    for name in INPUT_NAMES + TOTAL_NAMES + ['SSA_Lines']:
        if name not in names:
            problem(f'no defined name {name}')
    if problems:
        return

    offer, first, last = lines_range(workbook)
    licences = workbook[expect['sheets'][1]]
    money = expect['money_format']
    date = expect['date_format']

    # The lines: dates as dates, months, SSC and amounts as formulas of docs/rules.md.
    for i, line in enumerate(expect['lines']):
        r = first + i
        if offer[f'A{r}'].value != line['code']:
            problem(f'A{r} is {offer[f"A{r}"].value!r}, expected {line["code"]!r}')
        if line['segment'] in ('regular', 'backpay'):
            for col in 'FG':
                cell = offer[f'{col}{r}']
                if not isinstance(cell.value, datetime.datetime) or cell.number_format != date:
                    problem(f'{col}{r} is {cell.value!r} in {cell.number_format!r}, '
                            f'expected a date in {date!r}')
            months = (f'=(YEAR(G{r})-YEAR(F{r}))*12+MONTH(G{r})-MONTH(F{r})'
                      f'+IF(DAY(G{r})>=DAY(F{r}),1,0)')
            if offer[f'H{r}'].value != months:
                problem(f'H{r} is {offer[f"H{r}"].value!r}')
            mult = '*$M$' if line['segment'] == 'backpay' else ''
            ssc = offer[f'I{r}'].value
            if not (isinstance(ssc, str) and ssc.startswith(f'=ROUND(D{r}*E{r}*H{r}{mult}')
                    and ssc.endswith('/12,2)')):
                problem(f'I{r} is {ssc!r}')
            amount = offer[f'J{r}'].value
            if not (isinstance(amount, str) and amount.startswith(f'=ROUND(I{r}*$M$')):
                problem(f'J{r} is {amount!r}')
        else:
            for col in 'HIJ':
                if offer[f'{col}{r}'].value != 0:
                    problem(f'{col}{r} of a {line["segment"]} line is '
                            f'{offer[f"{col}{r}"].value!r}, expected 0')
        if offer[f'J{r}'].number_format != money:
            problem(f'J{r} has the format {offer[f"J{r}"].number_format!r}, expected {money!r}')
        if offer[f'I{r}'].number_format != '#,##0.00':
            problem(f'I{r} has the format {offer[f"I{r}"].number_format!r}')

    for name in TOTAL_NAMES:
        cell = named_cell(workbook, name)
        if not (isinstance(cell.value, str) and cell.value.startswith('=')):
            problem(f'{name} ({cell.coordinate}) is {cell.value!r}, not a formula')
        wanted = '#,##0.00' if name == 'SSA_TotalSsc' else money
        if cell.number_format != wanted:
            problem(f'{name} has the format {cell.number_format!r}, expected {wanted!r}')
    for name, wanted in (('SSA_Vat', 'ROUND('), ('SSA_BillingDiscount', '=-ROUND('),
                         ('SSA_Discount', '=-ROUND('), ('SSA_Regular', '=SUMIF('),
                         ('SSA_Backpay', '=SUMIF('), ('SSA_TotalSsc', '=SUM(')):
        if wanted not in named_cell(workbook, name).value:
            problem(f'{name} is {named_cell(workbook, name).value!r}, expected {wanted}…')
    for name in INPUT_NAMES:
        cell = named_cell(workbook, name)
        if not isinstance(cell.value, (int, float)):
            problem(f'{name} is {cell.value!r}, not a number')
        if cell.fill.fgColor.rgb not in ('FFFFF2CC', '00FFF2CC'):
            problem(f'{name} is not marked as an input ({cell.fill.fgColor.rgb})')
    for name, value in expect['inputs'].items():
        if abs(named_cell(workbook, name).value - value) > 1e-9:
            problem(f'{name} is {named_cell(workbook, name).value!r}, expected {value!r}')

    # Frozen headers, widths that fit, print setup, properties.
    if offer.freeze_panes != f'A{first}':
        problem(f'the offer sheet freezes at {offer.freeze_panes}, expected A{first}')
    if licences.freeze_panes != 'A6':
        problem(f'the licences sheet freezes at {licences.freeze_panes}')
    longest = max([len(line['name']) for line in expect['lines']] + [0])
    width = offer.column_dimensions['B'].width
    if width is None or width < min(longest, 60):
        problem(f'column B is {width} wide for names of {longest} characters')
    for sheet in (offer, licences):
        setup = sheet.page_setup
        if str(setup.paperSize) != '9':
            problem(f'{sheet.title}: paper size {setup.paperSize}, expected 9 (A4)')
        # fitToWidth is left out of the file when it is 1, Excel's default.
        if not sheet.sheet_properties.pageSetUpPr.fitToPage \
           or str(setup.fitToWidth or 1) != '1' or str(setup.fitToHeight) != '0':
            problem(f'{sheet.title}: not fitted to one page wide')
    # Headers and footers from the XML: "&" starts a code there, and a "&" of the
    # company's name must be doubled.
    for part, (header, footer) in headers_footers(path).items():
        company = expect['company'].replace('&', '&&')
        if not header.startswith('&L' + company + '&C') \
           or not header.endswith('&R' + expect['offer_text'].replace('&', '&&')):
            problem(f'{part}: header {header!r} lacks {company!r} or the offer number')
        if not footer.startswith('&L' + expect['offer_text'].replace('&', '&&') + '&R'):
            problem(f'{part}: footer {footer!r} lacks {expect["offer_text"]!r}')
        if '&P' not in footer or '&N' not in footer:
            problem(f'{part}: no page numbers in the footer {footer!r}')
    if offer.page_setup.orientation != 'landscape':
        problem('the offer sheet is not printed landscape')
    props = workbook.properties
    if expect['offer_text_title'] not in (props.title or ''):
        problem(f'title {props.title!r}')
    if props.creator != expect['company']:
        problem(f'author {props.creator!r}')
    if props.created is None or props.created.date().isoformat() != expect['created']:
        problem(f'created {props.created!r}')

    # Strings stay strings, whatever they look like.
    for sheet_index, ref, text in expect['strings']:
        cell = workbook.worksheets[sheet_index][ref]
        if cell.data_type != 's' or cell.value != text:
            problem(f'{cell.parent.title}!{ref} is {cell.value!r} ({cell.data_type}), '
                    f'expected the string {text!r}')

    # Formulas only where the workbook computes: H, I, J of the lines and M of the totals.
    parts = formula_cells(path)
    formulas = parts.get('xl/worksheets/sheet1.xml', set())
    for ref in formulas:
        column = re.sub('[0-9]', '', ref)
        if column not in ('H', 'I', 'J', 'M'):
            problem(f'a formula in {ref}')
    billable = sum(1 for line in expect['lines'] if line['segment'] in ('regular', 'backpay'))
    if len(formulas) != 3 * billable + len(TOTAL_NAMES):
        problem(f'{len(formulas)} formulas, expected {3 * billable + len(TOTAL_NAMES)}')
    if parts.get('xl/worksheets/sheet2.xml'):
        problem(f'formulas on the licences sheet: {sorted(parts["xl/worksheets/sheet2.xml"])}')
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == 'f':
                    for bad in expect['never_in_formulas']:
                        if bad in str(cell.value):
                            problem(f'{sheet.title}!{cell.coordinate}: {cell.value!r}')

    # The seller and the customer in the panel beside the table (column M).
    panel = [offer.cell(row=r, column=13).value for r in range(1, offer.max_row + 1)]
    for value in expect.get('panel', []):
        if value not in panel:
            problem(f'{value!r} is not in the panel (column M): {panel!r}')
    # Internal ids the customer must never see, in any cell.
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                for bad in expect.get('never_shown', []):
                    if isinstance(cell.value, str) and bad in cell.value:
                        problem(f'{sheet.title}!{cell.coordinate} shows {bad!r}')

    # Protected without a password: only the yellow cells, quantities included, may change.
    if not offer.protection.sheet:
        problem('the offer sheet is not protected')
    if offer.protection.password:
        problem('the offer sheet has a password')
    for i, line in enumerate(expect['lines']):
        r = first + i
        cell = offer[f'D{r}']
        billable = line['segment'] in ('regular', 'backpay')
        if cell.protection.locked == billable:
            problem(f'D{r} ({line["segment"]}) is {"locked" if billable else "unlocked"}')
        if billable and cell.fill.fgColor.rgb not in ('FFFFF2CC', '00FFF2CC'):
            problem(f'D{r} is not marked as a cell to change ({cell.fill.fgColor.rgb})')
        for col in 'ABCEFGHIJ':
            if not offer[f'{col}{r}'].protection.locked:
                problem(f'{col}{r} is unlocked')
    for name in INPUT_NAMES:
        if named_cell(workbook, name).protection.locked:
            problem(f'{name} is locked')
    for name in TOTAL_NAMES:
        if not named_cell(workbook, name).protection.locked:
            problem(f'{name} is unlocked')
    # The sums never depend on text: no total refers to a text column (A to C), and the
    # column they are summed by holds numbers only, hidden.
    for name in TOTAL_NAMES:
        formula = named_cell(workbook, name).value
        if re.search(r'(?<![A-Z])[ABC][0-9]', formula):
            problem(f'{name} refers to a text column: {formula!r}')
        for column in re.findall(r'SUMIF\(([A-Z]+)[0-9]', formula):
            if not offer.column_dimensions[column].hidden:
                problem(f'{name} sums by column {column}, which is not hidden')
            for r in range(first, last + 1):
                if not isinstance(offer[f'{column}{r}'].value, (int, float)):
                    problem(f'{column}{r} is {offer[f"{column}{r}"].value!r}, not a number')

    # The licences sheet: the whole inventory, excluded items included.
    for i, item in enumerate(expect['inventory']):
        r = 6 + i
        # Excel's XML writes a carriage return of a string as _x000D_.
        row = [licences[f'{col}{r}'].value for col in 'ABCDG']
        if isinstance(row[1], str):
            row[1] = row[1].replace('_x000D_', '\r')
        if row[0] != item['code'] or row[1] != item['name'] or row[3] != item['quantity'] \
           or row[4] != item['covered']:
            problem(f'licences row {r} is {row!r}, expected {item!r}')


def check_modify(manifest_path):
    with open(manifest_path, encoding='utf-8') as f:
        manifest = json.load(f)
    for case in manifest:
        change = case.get('modify')
        if change is None:
            continue
        workbook = openpyxl.load_workbook(change['source'])
        offer, first, _last = lines_range(workbook)
        for index in change['lines']:
            offer[f'D{first + index}'] = change['quantity']
        named_cell(workbook, 'SSA_SscPrice').value = change['ssc_price']
        workbook.save(case['file'])


def near(value, hundredths):
    return isinstance(value, (int, float)) and abs(value * 100 - hundredths) < 1e-6


def check_recalc(manifest_path, outdir):
    with open(manifest_path, encoding='utf-8') as f:
        manifest = json.load(f)
    compared = 0
    for case in manifest:
        name = case['file'].rsplit('/', 1)[-1]
        try:
            workbook = openpyxl.load_workbook(f'{outdir}/{name}', data_only=True)
        except OSError as error:
            problem(f'{name}: LibreOffice wrote no result: {error}')
            continue
        offer, first, _last = lines_range(workbook)
        for i, line in enumerate(case['lines']):
            r = first + i
            for col, key in (('H', 'months'), ('I', 'ssc'), ('J', 'amount')):
                wanted = line[key] * 100 if key == 'months' else line[key]
                value = offer[f'{col}{r}'].value
                compared += 1
                if not near(value, wanted):
                    problem(f'{name}: {col}{r} ({key} of line {i}) is {value!r}, '
                            f'the engine says {wanted / 100:.2f}')
        for total, wanted in case['totals'].items():
            value = named_cell(workbook, total).value
            compared += 1
            if not near(value, wanted):
                problem(f'{name}: {total} is {value!r}, the engine says {wanted / 100:.2f}')
    print(f'{len(manifest)} workbooks, {compared} values equal to the øre')


def check_numbers(path):
    workbook = openpyxl.load_workbook(path)
    sheet, first, last = lines_range(workbook)
    for name in INPUT_NAMES:
        if not isinstance(named_cell(workbook, name).value, (int, float)):
            problem(f'{name} is {named_cell(workbook, name).value!r}')
    for r in range(first, last + 1):
        for col in 'DE':
            value = sheet[f'{col}{r}'].value
            if value is not None and not isinstance(value, (int, float)):
                problem(f'{col}{r} is {value!r}')
    if not isinstance(sheet[f'E{first}'].value, float) or sheet[f'E{first}'].value != 6.75:
        problem(f'E{first} is {sheet[f"E{first}"].value!r}, expected 6.75')
    widths = [sheet.column_dimensions[c].width for c in 'ABJ']
    if any(w is None or w <= 0 for w in widths):
        problem(f'column widths {widths}')


def check_cells(path, needles):
    workbook = openpyxl.load_workbook(path)
    offer = workbook.worksheets[0]
    texts = [str(cell.value) for row in offer.iter_rows() for cell in row
             if cell.value is not None]
    every = [str(cell.value) for sheet in workbook.worksheets for row in sheet.iter_rows()
             for cell in row if cell.value is not None]
    for needle in needles:
        if needle.startswith('+') and not any(needle[1:] in text for text in texts):
            problem(f'no cell of {offer.title} holds {needle[1:]!r}')
        elif needle.startswith('-') and any(needle[1:] in text for text in every):
            problem(f'a cell holds {needle[1:]!r}')
    if not offer.protection.sheet or offer.protection.password:
        problem('the offer sheet is not protected without a password')


def local_names(workbook):
    """{sheet title: {name: 'A1' or 'A1:B2'}} of the names local to a sheet."""
    names = workbook.defined_names
    items = names.definedName if hasattr(names, 'definedName') else names.values()
    result = {}
    for name in items:
        if name.localSheetId is None:
            continue
        title = workbook.sheetnames[int(name.localSheetId)]
        for sheet, ref in name.destinations:
            if sheet != title:
                problem(f'{name.name} of sheet {title} points to sheet {sheet}')
            result.setdefault(title, {})[name.name] = ref.replace('$', '')
    return result


def check_alternatives(path, expect_path):
    with open(expect_path, encoding='utf-8') as f:
        expect = json.load(f)
    workbook = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    if workbook.sheetnames != expect['sheets']:
        problem(f'sheets {workbook.sheetnames}, expected {expect["sheets"]}')
        return
    names = local_names(workbook)
    for title, alternative in zip(expect['sheets'], expect['alternatives']):
        sheet = workbook[title]
        own = names.get(title, {})
        for name in INPUT_NAMES + TOTAL_NAMES + ['SSA_Lines']:
            if name not in own:
                problem(f'{title}: no name {name} of its own')
        if problems:
            continue
        first, last = (int(re.sub('[A-Z]', '', r)) for r in own['SSA_Lines'].split(':'))
        for r in (first + i for i in alternative['priced']):
            formula = sheet[f'J{r}'].value
            if not (isinstance(formula, str) and formula.startswith('=')):
                problem(f'{title}: J{r} is {formula!r}, not a formula')
        for total, wanted in alternative['totals'].items():
            cell = own[total]
            if not (isinstance(sheet[cell].value, str) and sheet[cell].value.startswith('=')):
                problem(f'{title}: {total} ({cell}) is {sheet[cell].value!r}, not a formula')
            value = cached[title][cell].value
            if not near(value, wanted):
                problem(f'{title}: {total} is {value!r}, the engine says {wanted / 100:.2f}')
        # User text that looks like a formula stays text.
        for row in sheet.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value in expect.get('texts', []):
                    if c.data_type != 's':
                        problem(f'{title}: {c.coordinate} {c.value!r} is not a string')
        if not sheet.protection.sheet:
            problem(f'{title}: not protected')


def main(argv):
    if len(argv) == 4 and argv[1] == 'static':
        check_static(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == 'modify':
        check_modify(argv[2])
    elif len(argv) == 4 and argv[1] == 'recalc':
        check_recalc(argv[2], argv[3])
    elif len(argv) == 3 and argv[1] == 'numbers':
        check_numbers(argv[2])
    elif len(argv) == 4 and argv[1] == 'alternatives':
        check_alternatives(argv[2], argv[3])
    elif len(argv) >= 3 and argv[1] == 'cells':
        check_cells(argv[2], argv[3:])
    else:
        print(__doc__ or 'usage: see the head of xlsx-check.py', file=sys.stderr)
        sys.exit(2)
    finish()


if __name__ == '__main__':
    main(sys.argv)
