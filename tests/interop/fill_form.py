"""Fills a 表1 workbook written by 伴走ノート the way a user would in a
spreadsheet: picks the evaluator and 区分, types the date, the four scores and
the comments into the unlocked cells, copies the sheet for a second form, and
saves. Used by tests/xlsx_interop.rs with openpyxl (a writer that is not ours).

usage: fill_form.py IN.xlsx OUT.xlsx EVALUATOR KIND SECOND_EVALUATOR
(「-」 for an evaluator takes the first, or second, name of the form's list)
"""
import datetime
import sys

import openpyxl

src, out, who, kind, second = sys.argv[1:6]
wb = openpyxl.load_workbook(src)
listed = [c.value for c in wb["_bansou"]["A"][5:] if c.value]
if who == "-":
    who = listed[0]
if second == "-":
    second = listed[1]
ws = wb["表1"]
# Only the input cells may be typed into: the sheet is protected.
assert ws.protection.sheet, "the form sheet is protected"
for ref in ["B3", "B4", "B5", "B7", "B8", "B9", "B10", "E7", "E8", "E9", "E10"]:
    assert ws[ref].protection.locked is False, ref
assert ws["A1"].protection.locked is not False
kinds = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
assert any("他者評価" in (dv.formula1 or "") for dv in kinds), kinds
assert any(dv.type == "whole" and str(dv.sqref) == "B7:B10" for dv in ws.data_validations.dataValidation)

def fill(sheet, name, kind, scores):
    sheet["B3"] = name
    sheet["B4"] = kind
    today = datetime.date.today()
    sheet["B5"] = datetime.datetime(today.year, today.month, today.day)
    for row, score in zip(range(7, 11), scores):
        sheet[f"B{row}"] = score
    sheet["E7"] = "傾聴してくれた"
    sheet["E10"] = "=SUM(1,2) は式ではなく文字"
    sheet["E10"].data_type = "s"

fill(ws, who, kind, [4, 3, 3, 2])
copy = wb.copy_worksheet(ws)
copy.title = "表1 (2)"
fill(copy, second, "自己評価", [3, 3, 2, 1])
wb.save(out)
print(who)
print(second)
