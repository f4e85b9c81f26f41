"""Reads kaoping's report workbooks with an independent reader (Debian's python3-openpyxl) and
checks them cell by cell and their page setup. Run by tests/cli/report_xlsx.sh with
/usr/bin/python3. Prints nothing and exits 0 when everything holds; else one line per problem.

  report_check.py results FILE.xlsx RANKING.csv COUNTY OFFICE DATE
  report_check.py monitor FILE.xlsx SUMMARY.csv WARNINGS.csv DATE
  report_check.py rectify FILE.xlsx LIST.csv DATE
"""
import csv
import sys
import zipfile
from decimal import Decimal, ROUND_HALF_UP

import openpyxl

problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def page_setup(path, ws, office, date):
    """A4 landscape, one page wide, row 3 (the headers) printed on every page, footer."""
    ps = ws.page_setup
    check(ps.orientation == "landscape", f"{ws.title}: orientation {ps.orientation}")
    check(str(ps.paperSize) == "9", f"{ws.title}: paper {ps.paperSize} (A4 is 9)")
    check(ws.sheet_properties.pageSetUpPr.fitToPage, f"{ws.title}: not fit to page")
    # fitToWidth absent means 1 (ECMA-376 18.3.1.63); openpyxl gives None then.
    check(ps.fitToWidth in (None, 1, "1"), f"{ws.title}: fitToWidth {ps.fitToWidth}")
    check(str(ps.fitToHeight) == "0", f"{ws.title}: fitToHeight {ps.fitToHeight} (want 0)")
    check(ws.print_title_rows == "$3:$3", f"{ws.title}: print titles {ws.print_title_rows}")
    # a literal & is written && (a single one starts a code); openpyxl shows it as stored
    check(ws.oddFooter.left.text.replace("&&", "&") == f"制表单位: {office}",
          f"{ws.title}: footer left {ws.oddFooter.left.text!r}")
    check(ws.oddFooter.right.text == f"制表日期: {date}",
          f"{ws.title}: footer right {ws.oddFooter.right.text!r}")
    check("&P" in (ws.oddFooter.center.text or ""), f"{ws.title}: no page number in footer")
    with zipfile.ZipFile(path) as z:  # the raw attribute, whatever openpyxl makes of it
        names = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = "".join(z.read(n).decode() for n in names)
    check('fitToHeight="0"' in xml, "sheet XML lacks fitToHeight=\"0\"")
    check('fitToWidth="' not in xml or 'fitToWidth="1"' in xml, "fitToWidth is not 1")


def merged_text(ws, row):
    """The text of a merged row across the whole table (title, section, note), else None."""
    for rng in ws.merged_cells.ranges:
        if rng.min_row == row == rng.max_row and rng.min_col == 1 and rng.max_col == ws.max_column:
            return ws.cell(row, 1).value
    return None


def hundredths(text):
    return float(Decimal(text).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def number_cell(ws, row, col, want, what):
    c = ws.cell(row, col)
    check(isinstance(c.value, (int, float)) and abs(c.value - want) < 1e-9,
          f"{what}: {c.coordinate} = {c.value!r}, want {want}")
    check(c.number_format == "0.00", f"{what}: {c.coordinate} format {c.number_format}")


def results(path, ranking_csv, county, office, date):
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["考核结果"], f"sheets {wb.sheetnames}")
    ws = wb["考核结果"]
    page_setup(path, ws, office, date)
    check(merged_text(ws, 1) == f"{county} 2025 年度绩效考核年终总评结果通报", f"title {ws['A1'].value!r}")
    check("年终总评" in (merged_text(ws, 2) or ""), f"subtitle {ws['A2'].value!r}")
    header = [c.value for c in ws[3]]
    check(header == ["排名", "单位编码", "单位名称", "集中考核", "公众评议 (10%)", "查访核验扣分",
                     "投诉查处扣分", "总分", "等次", "否决", "备注"], f"header {header}")
    rows = read_csv(ranking_csv)
    r = 4
    pools = []
    for row in rows:
        if not pools or pools[-1][0] != row["分组"]:
            pools.append((row["分组"], []))
        pools[-1][1].append(row)
    for pool, units in pools:
        check(merged_text(ws, r) == f"{pool} ({len(units)} 个单位)", f"A{r} section {ws.cell(r, 1).value!r}")
        r += 1
        grades = {}
        for u in units:
            what = f"{u['单位编码']} row {r}"
            check(ws.cell(r, 1).value == int(u["排名"]), f"{what}: rank {ws.cell(r, 1).value}")
            check(ws.cell(r, 2).value == u["单位编码"] and ws.cell(r, 2).data_type == "s",
                  f"{what}: code {ws.cell(r, 2).value!r}")
            check(ws.cell(r, 3).value == u["单位名称"], f"{what}: name")
            number_cell(ws, r, 4, float(u["集中考核"]), what)
            # the part that enters the total: the raw score times the 10 % share
            number_cell(ws, r, 5, hundredths(str(Decimal(u["公众评议"]) / 10)), what)
            number_cell(ws, r, 6, float(u["查访核验扣分"]), what)
            number_cell(ws, r, 7, float(u["投诉查处扣分"]), what)
            number_cell(ws, r, 8, float(u["总分"]), what)
            terms = ws.cell(r, 4).value + ws.cell(r, 5).value - ws.cell(r, 6).value - ws.cell(r, 7).value
            check(abs(terms - ws.cell(r, 8).value) <= 0.0100001, f"{what}: terms add to {terms}")
            check(ws.cell(r, 9).value == u["等次"], f"{what}: grade")
            check((ws.cell(r, 10).value or "") == u["否决"], f"{what}: veto")
            check((ws.cell(r, 11).value or "") == ("数据不全" if u["数据不全"] else ""), f"{what}: note")
            grades[u["等次"]] = grades.get(u["等次"], 0) + 1
            r += 1
        want = "等次分布: " + ", ".join(f"{g} {grades.get(g, 0)} 个" for g in ["优秀", "良好", "合格", "不合格"])
        check(merged_text(ws, r) == want, f"A{r}: {ws.cell(r, 1).value!r}, want {want!r}")
        r += 1
    check(ws.max_row == r - 1, f"rows after the last pool: max_row {ws.max_row}")
    # docs/domain.md's worked example: D02 2025, K_H 80, K_Y 84, P 86.4, inspections 1.0 + 0.5,
    # a complaint 0.5: 集中考核 80 × 30/90 + 84 × 60/90 = 82.67, 公众评议 86.4 × 10 % = 8.64,
    # 82.667 + 8.64 − 1.5 − 0.5 = 89.307 → 89.31 良好.
    d02 = [row for row in range(4, r) if ws.cell(row, 2).value == "D02"]
    check(len(d02) == 1, "D02 not listed once")
    if d02:
        got = [ws.cell(d02[0], c).value for c in range(4, 10)]
        check(got == [82.67, 8.64, 1.5, 0.5, 89.31, "良好"], f"D02 {got}")


def half(path, rank_json):
    """The 半年初评 report holds the rows of `rank --stage half --format json`."""
    import json
    ws = openpyxl.load_workbook(path)["考核结果"]
    check(merged_text(ws, 1) == "2026 年度绩效考核半年初评结果通报", f"title {ws['A1'].value!r}")
    header = [c.value for c in ws[3]]
    check(header == ["排名", "单位编码", "单位名称", "半年初评 (折算)", "查访核验扣分", "投诉查处扣分",
                     "阶段得分", "等次", "否决", "备注"], f"header {header}")
    with open(rank_json, encoding="utf-8") as f:
        units = json.load(f)
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    check(len(rows) == len(units), f"{len(rows)} rows, want {len(units)}")
    for r, u in zip(rows, units):
        want = (u["rank"], u["code"], u["name"], u["key_score"], u["inspection"], u["complaint"],
                u["total"], u["grade"], "是" if u["veto"] else None)
        check(tuple(r[:9]) == want, f"half row {r[:9]}, want {want}")


def monitor(path, summary_csv, warnings_csv, date):
    wb = openpyxl.load_workbook(path)
    check(wb.sheetnames == ["低于序时进度", "红黄预警"], f"sheets {wb.sheetnames}")
    for ws in wb:
        page_setup(path, ws, "", date)
        check(merged_text(ws, 1) == "2026 年第 3 季度预算绩效双监控通报", f"{ws.title} title")
    ws = wb["低于序时进度"]
    below = [u for u in read_csv(summary_csv) if u["低于序时进度"] == "是"]
    below.sort(key=lambda u: (-float(u["执行滞后"]), u["单位编码"]))
    check(ws.max_row == 3 + len(below), f"below: {ws.max_row - 3} rows, want {len(below)}")
    for i, u in enumerate(below):
        r = 4 + i
        check(ws.cell(r, 1).value == u["单位编码"], f"below row {r}: {ws.cell(r, 1).value}")
        for col, key in [(4, "预算合计"), (5, "支出合计"), (6, "执行率"), (7, "序时进度"), (8, "执行滞后")]:
            number_cell(ws, r, col, float(u[key]), f"below {u['单位编码']} {key}")
    # the demo's D13 2026 Q3 (src/app/demo_county.c): 440 of 1,100 万元 spent = 40 % against
    # 序时进度 75 %, 35 points behind: a red warning, furthest behind.
    check([ws.cell(4, c).value for c in (1, 4, 5, 6, 7, 8, 9)] == ["D13", 1100, 440, 40, 75, 35, "红色预警"],
          f"D13 {[ws.cell(4, c).value for c in range(1, 10)]}")
    ws = wb["红黄预警"]
    warned = read_csv(warnings_csv)
    r = 4
    for level in ["红色预警", "黄色预警"]:
        items = [w for w in warned if level in (w["完成预警"], w["执行预警"]) and
                 not (level == "黄色预警" and "红色预警" in (w["完成预警"], w["执行预警"]))]
        check(merged_text(ws, r) == f"{level} ({len(items)} 项)", f"A{r}: {ws.cell(r, 1).value!r}")
        r += 1
        for w in items:
            got = (ws.cell(r, 1).value, ws.cell(r, 3).value)
            check(got == (w["单位编码"], w["指标编码"]), f"{level} row {r}: {got}")
            number_cell(ws, r, 5, float(w["序时进度"]), f"{got} 序时进度")
            r += 1


def rectify(path, list_csv, date):
    wb = openpyxl.load_workbook(path)
    ws = wb["整改"]
    page_setup(path, ws, "", date)
    rows = [x for x in read_csv(list_csv) if x["状态"] != "已完成"]
    r = 4
    for heading, overdue in [("逾期未完成", True), ("未到期", False)]:
        part = [x for x in rows if (x["状态"] == "逾期") == overdue]
        check(merged_text(ws, r) == f"{heading} ({len(part)} 项)", f"A{r}: {ws.cell(r, 1).value!r}")
        r += 1
        for x in part:
            got = [ws.cell(r, c).value for c in (1, 3, 6, 8)]
            want = [x["单位编码"], x["整改事项"], x["期限"], x["状态"]]
            check(got == want, f"rectify row {r}: {got}, want {want}")
            r += 1
        if not part:
            check(merged_text(ws, r) == "无", f"A{r}: {ws.cell(r, 1).value!r}")
            r += 1
    return ws


if __name__ == "__main__":
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "same":  # A.xlsx B.xlsx: the same cells, merges and page setup
        a, b = (openpyxl.load_workbook(f) for f in args)
        if a.sheetnames != b.sheetnames:
            print(f"sheets {a.sheetnames} vs {b.sheetnames}")
            sys.exit(1)
        for wa, wb_ in zip(a, b):
            va = [list(r) for r in wa.iter_rows(values_only=True)]
            vb = [list(r) for r in wb_.iter_rows(values_only=True)]
            same = (va == vb and wa.print_title_rows == wb_.print_title_rows and
                    sorted(map(str, wa.merged_cells.ranges)) == sorted(map(str, wb_.merged_cells.ranges)) and
                    wa.page_setup.orientation == wb_.page_setup.orientation)
            if not same:
                print(f"{wa.title} differs")
                sys.exit(1)
        sys.exit(0)
    if mode == "export":  # FILE.xlsx FILE.csv SHEET: an export workbook holds the CSV's cells
        ws = openpyxl.load_workbook(args[0])[args[2]]
        with open(args[1], encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        got = [list(r) for r in ws.iter_rows(values_only=True)]
        bad = len(got) != len(rows)
        for g, w in zip(got, rows):
            for gc, wc in zip(g, w):
                if isinstance(gc, (int, float)):
                    bad |= not wc or abs(float(wc) - gc) > 1e-9
                else:
                    bad |= (gc or "") != wc
            bad |= len(g) != len(w)
        print("differs" if bad else "", end="")
        sys.exit(1 if bad else 0)
    if mode == "rectify_days":  # FILE ROW: the 逾期天数 cell
        print(openpyxl.load_workbook(args[0])["整改"].cell(int(args[1]), 7).value)
        sys.exit(0)
    {"results": results, "half": half, "monitor": monitor, "rectify": rectify}[mode](*args)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)
