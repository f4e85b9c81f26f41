#!/usr/bin/python3
"""Writes a ledger CSV as an .xlsx workbook the way a spreadsheet saves it (shared strings,
numbers as numbers, 日期 as dates) for bench/xlsx_import.sh. Usage: xlsx_ledger.py CSV XLSX"""
import csv
import datetime
import importlib.util
import os
import sys

import openpyxl
from openpyxl.cell import WriteOnlyCell

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location(
    "fx", os.path.join(here, "..", "tests", "io", "test_xlsx_fixtures.py"))
fx = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fx)

wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("加减分台账")
with open(sys.argv[1], encoding="utf-8-sig") as f:
    rows = csv.reader(f)
    head = next(rows)
    ws.append(head)
    year, date, points = head.index("年度"), head.index("日期"), head.index("分值")
    for r in rows:
        out = list(r)
        out[year] = int(r[year])
        out[points] = float(r[points])
        d = WriteOnlyCell(ws, datetime.datetime.strptime(r[date], "%Y-%m-%d"))
        d.number_format = "yyyy-mm-dd"
        out[date] = d
        ws.append(out)
wb.save(sys.argv[2])
fx.excelify(sys.argv[2])
