#!/usr/bin/python3
"""Workbooks for the .xlsx reader's tests, written the way spreadsheets write them.

openpyxl (Debian's python3-openpyxl) writes inline strings and formulas without results;
Excel, WPS and LibreOffice write shared strings, the cached result of every formula and
numbers with up to 17 significant digits. excelify() rewrites an openpyxl file so: the tests
then read what an office PC would hand them. Also used by tests/cli/xlsx_*.sh.

Usage: test_xlsx_fixtures.py OUTDIR   (writes the fixtures tests/io/test_xlsx_read.c reads)
"""
import datetime
import os
import re
import sys
import zipfile
from xml.sax.saxutils import escape

import openpyxl

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SST_TYPE = REL + "/sharedStrings"


def _unescape_entities(s):
    return re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), s)


def excelify(path, cached=None):
    """Inline strings -> shared strings, formulas get cached values (cached: {"F6": "1.6"}),
    fractional numbers written with 17 significant digits as Excel does."""
    cached = cached or {}
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    strings, index = [], {}

    def shared(m):
        text = m.group("text")
        key = _unescape_entities(text)
        if key not in index:
            index[key] = len(strings)
            strings.append(text)
        return '<c r="%s"%s t="s"><v>%d</v></c>' % (m.group("ref"), m.group("s") or "",
                                                    index[key])

    def formula(m):
        ref = m.group(1)
        return '<c r="%s"%s><f>%s</f><v>%s</v></c>' % (ref, m.group(2) or "", m.group(3),
                                                       cached.get(ref, ""))

    def seventeen(m):
        v = float(m.group(2))
        return '%s<v>%s</v>' % (m.group(1), ("%.17g" % v) if v != int(v) else m.group(2))

    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        xml = parts[name].decode()
        xml = re.sub(r'<c r="(?P<ref>[A-Z]+\d+)"(?P<s> s="\d+")? t="inlineStr"><is><t[^>]*>'
                     r'(?P<text>.*?)</t></is></c>', shared, xml)
        xml = re.sub(r'<c r="([A-Z]+\d+)"( s="\d+")?><f>(.*?)</f><v\s*/?>(</v>)?</c>', formula, xml)
        xml = re.sub(r'(<c r="[A-Z]+\d+"(?: s="\d+")?(?: t="n")?>)<v>(-?\d+\.\d+)</v>', seventeen,
                     xml)
        parts[name] = xml.encode()
    sst = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="%d" ' \
          'uniqueCount="%d">%s</sst>' % (MAIN, len(strings), len(strings), "".join(
              '<si><t xml:space="preserve">%s</t></si>' % s for s in strings))
    parts["xl/sharedStrings.xml"] = sst.encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    if SST_TYPE not in rels:
        rels = rels.replace("</Relationships>", '<Relationship Id="rIdSst" Type="%s" '
                            'Target="sharedStrings.xml"/></Relationships>' % SST_TYPE)
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    ct = parts["[Content_Types].xml"].decode()
    if "sharedStrings" not in ct:
        ct = ct.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="'
                        'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings'
                        '+xml"/></Types>')
    parts["[Content_Types].xml"] = ct.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def layout(path):
    """A ledger as an office keeps it: merged title, blank row, 序号, dates in three formats,
    a sparse row, a formula, a boolean, a percentage, a 合计 row, a 注 line, a second sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws["A1"] = "2025年度加减分台账"
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append(["序号", "年度", "单位编码", "日期", "类型", "分值", "事由", "核验人"])
    ws.append([1, 2025, "001", datetime.date(2025, 3, 5), "查访核验", 1.5, "  迟到  ", "张三"])
    ws.append([2, 2025, "0101", datetime.datetime(2025, 12, 31), "加分", 0.1, "表扬"])
    ws["D4"].number_format = "yyyy-mm-dd"
    ws["D5"].number_format = "mm-dd-yy"  # built-in id 14
    ws["B6"], ws["C6"], ws["E6"] = 2025, "652325100000", "投诉查处"
    ws["D6"] = datetime.date(2024, 2, 29)
    ws["D6"].number_format = 'yyyy"年"m"月"d"日"'
    ws["F6"], ws["G6"], ws["H6"] = "=F4+F5", True, 0.778
    ws["H6"].number_format = "0.0%"
    ws["A7"], ws["F7"] = "合计", "=SUM(F4:F6)"
    ws["A8"] = "注: 分值为正数"
    ws["C9"].number_format = "@"  # a formatted, empty cell: no row
    wb.create_sheet("备注")["A1"] = "other"
    wb.save(path)
    excelify(path, {"F6": "1.6000000000000001", "F7": "3.2000000000000002"})


def _raw_book(path, sheet_xml, extra=None, workbook_pr="", sst=None, styles=None):
    """A workbook written part by part, as other generators (Gnumeric, .NET) do."""
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"/>',
        "_rels/.rels": "<Relationships/>",
        "xl/workbook.xml": '<workbook xmlns="%s" xmlns:r="%s">%s<sheets><sheet name="数据" '
                           'sheetId="1" r:id="rId1"/></sheets></workbook>' % (MAIN, REL, workbook_pr),
        "xl/_rels/workbook.xml.rels":
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="%s/worksheet" Target="/xl/worksheets/s1.xml"/>'
            '<Relationship Id="rId2" Type="%s/sharedStrings" Target="strings.xml"/>'
            '<Relationship Id="rId3" Type="%s/styles" Target="styles.xml"/>'
            '</Relationships>' % (REL, REL, REL),
        "xl/worksheets/s1.xml": sheet_xml,
        "xl/strings.xml": sst or '<sst xmlns="%s"><si><t>甲</t></si></sst>' % MAIN,
        "xl/styles.xml": styles or '<styleSheet xmlns="%s"><cellXfs><xf numFmtId="0"/>'
                                   '<xf numFmtId="14"/></cellXfs></styleSheet>' % MAIN,
    }
    parts.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)


def raw(outdir):
    sst = ('<x:sst xmlns:x="%s"><x:si><x:t>甲</x:t></x:si><x:si><x:r><x:t>富</x:t></x:r>'
           '<x:r><x:t xml:space="preserve">文本 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>フ</x:t>'
           '</x:rPh></x:si></x:sst>' % MAIN)
    sheet = ('<x:worksheet xmlns:x="%s"><x:sheetData><x:row><x:c t="s"><x:v>1</x:v></x:c>'
             '<x:c t="inlineStr"><x:is><x:r><x:t>内</x:t></x:r><x:r><x:t>联</x:t></x:r></x:is></x:c>'
             '<x:c t="str"><x:f>A1&amp;""</x:f><x:v>公式文字</x:v></x:c>'
             '<x:c s="1"><x:v>0</x:v></x:c><x:c t="d"><x:v>2025-03-05T00:00:00</x:v></x:c>'
             '<x:c><x:v>1E-3</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row>'
             '<x:row r="4"><x:c r="C4" t="e"><x:v>#N/A</x:v></x:c><x:c r="AA4"><x:v>-7</x:v>'
             '</x:c></x:row></x:sheetData></x:worksheet>' % MAIN)
    _raw_book(os.path.join(outdir, "raw.xlsx"), sheet, workbook_pr='<workbookPr date1904="1"/>',
              sst=sst)


def hostile(outdir):
    ok_sheet = '<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row>' \
               '</sheetData></worksheet>' % MAIN
    j = lambda n: os.path.join(outdir, n)
    big = '<styleSheet xmlns="%s">%s</styleSheet>' % (MAIN, " " * (40 * 1024 * 1024))
    _raw_book(j("bomb.xlsx"), ok_sheet, styles=big)
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
              '<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;'
              '</t></is></c></row></sheetData></worksheet>' % MAIN)
    _raw_book(j("doctype.xlsx"), laughs)
    _raw_book(j("broken.xlsx"), '<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1">'
                                '<v>1</v></row></sheetData></worksheet>' % MAIN)
    _raw_book(j("badindex.xlsx"), '<worksheet xmlns="%s"><sheetData><row r="1"><c r="A1" t="s">'
                                  '<v>0</v></c></row><row r="2"><c r="B2" t="s"><v>9</v></c></row>'
                                  '</sheetData></worksheet>' % MAIN)
    _raw_book(j("nocache.xlsx"), '<worksheet xmlns="%s"><sheetData><row r="3"><c r="D3">'
                                 '<f>1+1</f><v></v></c></row></sheetData></worksheet>' % MAIN)
    with open(j("bomb.xlsx"), "rb") as f:
        data = f.read()
    with open(j("truncated.xlsx"), "wb") as f:
        f.write(data[:len(data) // 2])
    with open(j("garbage.xlsx"), "wb") as f:
        f.write(b"PK\x03\x04" + bytes(range(256)) * 8)


def ledger_layout(path):
    """A ledger to import, laid out as offices lay it out: title, blank row, 序号 and 单位名称
    columns, a 合计 row with a formula, two lines of notes."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws["A1"] = "2025年度加减分台账"
    ws.merge_cells("A1:H1")
    ws.append([])
    ws.append(["序号", "年度", "单位编码", "单位名称", "日期", "类型", "分值", "事由"])
    ws.append([1, 2025, "D01", "县教育局", datetime.date(2025, 3, 5), "查访核验", 1.5, "迟到"])
    ws.append([2, 2025, "D02", "县财政局", datetime.date(2025, 4, 1), "加分", 0.5, "表扬"])
    ws["E4"].number_format = ws["E5"].number_format = "yyyy/m/d"
    ws["A6"], ws["G6"] = "合 计", "=SUM(G4:G5)"
    ws["A7"] = "注：分值均为正数"
    ws["A8"] = "说明: 由督查室填报"
    wb.save(path)
    excelify(path, {"G6": "2"})


def ledger_errors(path):
    """An error value where a number should be, and a date that does not exist."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["年度", "单位编码", "日期", "类型", "分值", "事由"])
    ws.append([2025, "D01", "2025-03-05", "查访核验", "#DIV/0!", "迟到"])
    ws.append([2025, "D01", "2025-03-05", "查访核验", 1, "#N/A"])
    ws.append([2025, "D01", "2025-02-30", "查访核验", 1, "迟到"])
    wb.save(path)
    excelify(path)


def many(path, rows=8000):
    """Enough rows for the sheet XML to span many of the reader's 64 KB chunks."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("多行")
    ws.append(["编号", "文字", "数值"])
    for i in range(1, rows + 1):
        ws.append(["D%05d" % i, "第%d行的事由" % i, i / 4])
    wb.save(path)
    excelify(path)


if __name__ == "__main__":
    out = sys.argv[1]
    many(os.path.join(out, "many.xlsx"))
    ledger_layout(os.path.join(out, "ledger_layout.xlsx"))
    ledger_errors(os.path.join(out, "ledger_errors.xlsx"))
    layout(os.path.join(out, "layout.xlsx"))
    raw(out)
    hostile(out)
