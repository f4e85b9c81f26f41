#!/usr/bin/python3
"""The independent reader of tests/cli/xlsx_*.sh (Debian's python3-openpyxl).

xlsx_check.py types DIR        checks the five exported workbooks DIR/KIND.xlsx: sheet names,
                               frozen header, codes as text cells, numbers as number cells,
                               dates as date cells; prints the ledger's first date and rows.
xlsx_check.py numeric-code DST writes a one-row ledger whose 单位编码 is the number 1 (B2),
                               as a spreadsheet saves a code 001 it took for a number.
xlsx_check.py edit SRC DST     edits a ledger workbook (分值 of data row 1, 事由 of row 2) and
                               saves it as LibreOffice would (test_xlsx_fixtures.excelify);
                               prints the two edited rows' 编号.
"""
import datetime
import importlib.util
import os
import sys

import openpyxl

NAMES = {"units": "单位", "targets": "任务书", "progress": "季度进度", "ledger": "加减分台账",
         "appraisals": "公众评议"}
TEXT = ("单位编码", "指标编码", "编号", "上级编码", "单位名称", "事由")
NUMBER = ("分值", "目标值", "累计完成值", "公众评议得分", "年度", "季度")


def check_kind(path, kind, sheet):
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [sheet], (kind, wb.sheetnames)
    ws = wb.active
    assert ws.freeze_panes == "A2", (kind, ws.freeze_panes)
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        cells = dict(zip(head, row))
        for name, want in [(n, "s") for n in TEXT] + [(n, "n") for n in NUMBER]:
            c = cells.get(name)
            assert c is None or c.value is None or c.data_type == want, (kind, name, c.value)
        c = cells.get("日期")
        assert c is None or (c.is_date and isinstance(c.value, datetime.datetime)), (kind, c.value)
    return ws, head


def types(d):
    for kind, sheet in NAMES.items():
        check_kind(os.path.join(d, kind + ".xlsx"), kind, sheet)
    ws, head = check_kind(os.path.join(d, "ledger.xlsx"), "ledger", NAMES["ledger"])
    dates = sorted(r[head.index("日期")].strftime("%Y-%m-%d")
                   for r in ws.iter_rows(min_row=2, values_only=True))
    print(dates[0], len(dates))


def edit(src, dst):
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location(
        "fx", os.path.join(here, "..", "io", "test_xlsx_fixtures.py"))
    fx = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(fx)
    wb = openpyxl.load_workbook(src)
    ws = wb["加减分台账"]
    head = [c.value for c in ws[1]]
    ws.cell(row=2, column=head.index("分值") + 1).value = 2.5
    ws.cell(row=3, column=head.index("事由") + 1).value = "改过的事由"
    wb.save(dst)
    fx.excelify(dst)
    print(ws.cell(row=2, column=1).value, ws.cell(row=3, column=1).value)


def numeric_code(dst):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["年度", "单位编码", "日期", "类型", "分值", "事由"])
    ws.append([2025, 1, "2025-03-05", "查访核验", 1, "迟到"])
    wb.save(dst)


if __name__ == "__main__":
    {"types": types, "edit": edit, "numeric-code": numeric_code}[sys.argv[1]](*sys.argv[2:])
