"""xlsx_check.py EDITION_DIR WORKBOOK [PARTNERS_WORKBOOK] - check the data
download with an independent reader (openpyxl) against the edition's
other files: the layout the Analysis Function's spreadsheet guidance asks
for (one Excel table a sheet under a title block, no merged cells, no
blank cell, shorthand for a missing value, a status column beside every
value), every chart's numbers equal to the charts' data file, every
number of every table one of figures.csv's figures at full precision
(the figure its column names: Latest, Change on period, its (%), Rank
...) with the status figures.csv gives it, the last point of every line
and trend line a figure of figures.csv, and (given both) the
partners/public split. Prints one line a problem; exits 1 when there is
any."""
import csv
import os
import re
import sys

import openpyxl

bad = []


def problem(msg):
    bad.append(msg)
    print("    " + msg)


def same(a, b):
    """Equal to the 16 significant digits a workbook keeps (Excel itself
    computes with 15)."""
    return abs(a - b) <= 1e-15 * max(abs(a), abs(b))


def decimals_of(numfmt):
    """Decimals a display format shows: '#,##0.0' -> 1."""
    sec = numfmt.split(";")[0]
    sec = re.sub(r'"[^"]*"', "", sec)
    m = re.search(r"0\.(0+)", sec)
    return len(m.group(1)) if m else 0


def table_rows(ws):
    """The sheet's one Excel table: its header and data rows (cells)."""
    if len(ws.tables) != 1:
        problem("%s: %d tables, not one" % (ws.title, len(ws.tables)))
        return None, []
    name, ref = list(ws.tables.items())[0]
    rows = [list(r) for r in ws[ref]]
    first = rows[0][0]
    if first.column != 1:
        problem("%s: the table starts in column %s, not A" % (ws.title, first.column_letter))
    # a title block above, nothing but column A in it, no blank row
    for r in range(1, first.row):
        if ws.cell(r, 1).value in (None, ""):
            problem("%s: blank row %d in the title block" % (ws.title, r))
        for c in range(2, ws.max_column + 1):
            if ws.cell(r, c).value not in (None, ""):
                problem("%s: title block cell %s filled" % (ws.title, ws.cell(r, c).coordinate))
    if ws.max_row > rows[-1][0].row:
        problem("%s: something below the table" % ws.title)
    return rows[0], rows[1:]


def load(path):
    wb = openpyxl.load_workbook(path)
    names = wb.sheetnames
    if names[:3] != ["Cover", "Contents", "Notes"]:
        problem("%s: first sheets %s" % (path, names[:3]))
    tnames = set()
    for ws in wb.worksheets:
        if len(ws.title) > 31:
            problem("sheet name over 31 characters: " + ws.title)
        if ws.merged_cells.ranges:
            problem("%s: merged cells %s" % (ws.title, ws.merged_cells.ranges))
        for t in ws.tables:
            if t in tnames:
                problem("table name %s twice" % t)
            tnames.add(t)
    if len(set(names)) != len(names):
        problem("sheet names not unique")
    return wb


STATUS = {"p": "provisional", "e": "estimated", "": "final"}
MARKS = ("[x]", "[z]", "[c]")


def status_ok(v):
    return v in MARKS or v.split(", ")[0] in STATUS.values() and \
        v in [w + t for w in STATUS.values() for t in ("", ", stale")]


def status_col(header, j):
    """The index of the status column of value column j: the first
    column after it whose header ends in ' status', or None."""
    for k in range(j + 1, len(header)):
        if str(header[k].value).endswith(" status"):
            return k
    return None


def check_layout(wb):
    """Contents lists and links every data sheet in order; every cell of
    every table filled; a numeric column's other cells are shorthand."""
    header, rows = table_rows(wb["Contents"])
    listed = [r[0].value for r in rows]
    if listed != wb.sheetnames[3:]:
        problem("contents %s, sheets %s" % (listed, wb.sheetnames[3:]))
    for r in rows:
        if not r[0].hyperlink or r[0].hyperlink.location is None or \
           r[0].value not in r[0].hyperlink.location:
            problem("contents: %s is not a link to its sheet" % r[0].value)
    notes = " ".join(str(c.value) for row in wb["Notes"].iter_rows() for c in row if c.value)
    for mark in ("[x]", "[z]", "[c]", "provisional"):
        if mark not in notes:
            problem("the notes sheet does not explain " + mark)
    # every provisional, estimated or stale value of a table sheet is
    # listed on the notes sheet by sheet and row
    marked = {"Provisional": [], "Stale": []}
    for row in wb["Notes"].iter_rows(values_only=True):
        if row[0] in marked:
            marked[row[0]].append(str(row[1]))
    for name in wb.sheetnames[3:]:
        if not re.match(r"^Table \d+ ", name):
            continue
        header, rows = table_rows(wb[name])
        if header is None:
            continue
        for r in rows:
            for j, h in enumerate(header):
                if not str(h.value).endswith(" status") or not isinstance(r[j].value, str):
                    continue
                st = r[j].value
                want = "%s: %s (" % (name, r[0].value)
                for word, key in (("provisional", "Provisional"), ("estimated", "Provisional"),
                                  ("stale", "Stale")):
                    if word in st and not any(x.startswith(want) for x in marked[key]):
                        problem("notes sheet: no %s line for %s %s" % (key, name, r[0].value))
    cover = " ".join(str(c.value) for row in wb["Cover"].iter_rows() for c in row if c.value)
    for w in ("Issue ", "Publication date:", "Publisher:", "Contact:", "Licence:"):
        if w not in cover:
            problem("the cover has no " + w)
    for name in wb.sheetnames[1:]:
        ws = wb[name]
        header, rows = table_rows(ws)
        if header is None:
            continue
        hv = [c.value for c in header]
        if any(not isinstance(h, str) or not h or re.match(r"^Column\d+$", h) for h in hv):
            problem("%s: header row %s" % (name, hv))
        if not rows:
            problem("%s: no data rows" % name)
        for j in range(len(header)):
            col = [r[j].value for r in rows]
            nums = [v for v in col if isinstance(v, (int, float))]
            for v in col:
                if v is None or v == "":
                    problem("%s: a blank cell in column %s" % (name, hv[j]))
                    break
                if nums and isinstance(v, str) and v not in ("[x]", "[z]", "[c]"):
                    problem("%s: '%s' among the numbers of %s" % (name, v, hv[j]))
                    break
                if v in ("n/a", "not available"):
                    problem("%s: '%s', not the shorthand" % (name, v))
            if str(hv[j]).endswith(" status"):
                for v in col:
                    if not isinstance(v, str) or not status_ok(v):
                        problem("%s: status %r in %s" % (name, v, hv[j]))
            elif nums and name != "Revisions":
                # every value has its status beside it, the shorthand
                # where the value is not there
                k = status_col(header, j)
                if k is None:
                    problem("%s: no status column for %s" % (name, hv[j]))
                    continue
                for r in rows:
                    if isinstance(r[j].value, (int, float)) and r[k].value in MARKS:
                        problem("%s %s: a value whose status is %s"
                                % (name, r[j].coordinate, r[k].value))


def chart_values(wb):
    """{chart n: {series label: sorted values}} from the chart sheets."""
    out = {}
    for name in wb.sheetnames:
        m = re.match(r"Chart (\d+)\b", name)
        if not m:
            continue
        header, rows = table_rows(wb[name])
        d = {}
        for j in range(1, len(header)):
            if str(header[j].value).endswith(" status"):
                continue
            d[header[j].value] = sorted(r[j].value for r in rows
                                        if isinstance(r[j].value, (int, float)))
        out[int(m.group(1))] = (d, header, rows)
    return out


def check_against(wb, ed, data_csv):
    # every chart number is the charts' data file's, at full precision
    want = {}
    with open(os.path.join(ed, data_csv), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            n = int(row["chart"].split("-")[1])
            want.setdefault(n, {}).setdefault(row["label"], []).append(float(row["value"]))
    got = chart_values(wb)
    if sorted(got) != sorted(want):
        problem("charts in the workbook %s, in %s %s" % (sorted(got), data_csv, sorted(want)))
    for n in want:
        if n not in got:
            continue
        d, header, rows = got[n]
        if header[0].value == "Category":  # a bar chart: one row a bar
            g = [sorted(v for vs in d.values() for v in vs)]
            w = [sorted(v for vs in want[n].values() for v in vs)]
        else:  # a line or column chart: a column a series
            g = sorted(d.values())
            w = sorted(sorted(v) for v in want[n].values())
        if len(g) != len(w) or any(len(a) != len(b) or not all(same(x, y) for x, y in zip(a, b))
                                   for a, b in zip(g, w)):
            problem("chart %d: values differ from %s" % (n, data_csv))
    # the last point of every line and every bar: a figure at full precision
    figs = []
    with open(os.path.join(ed, "figures.csv"), encoding="utf-8") as f:
        figs = list(csv.DictReader(f))
    latest = {float(r["value"]) for r in figs if r["figure"] == "latest" and r["value"]}
    every = [float(r["value"]) for r in figs if r["value"]]
    for n, (d, header, rows) in got.items():
        # an indexed chart's points are computed from the figures
        if "(indexed)" in str(wb[[s for s in wb.sheetnames
                                   if s.startswith("Chart %d " % n)][0]]["A2"].value):
            continue
        for j in range(1, len(header)):
            if str(header[j].value).endswith(" status"):
                continue
            col = [r[j].value for r in rows if isinstance(r[j].value, (int, float))]
            ends = col if header[0].value == "Category" else col[-1:]
            for v in ends:
                if not any(same(v, f) for f in latest):
                    problem("chart %d, %s: %r is no latest figure of figures.csv"
                            % (n, header[j].value, v))
    # every number of every table: the figure its column names, at full
    # precision, with that figure's status
    names_of = {"Latest": ("latest", "previous", "year_ago", "baseline"),
                "Change on period": ("change_prev",),
                "Change on period (%)": ("change_prev_pct",),
                "Change on year": ("change_year", "change_prev"),
                "Change on year (%)": ("change_year_pct", "change_prev_pct"),
                "Rank": ("rank",), "Rank out of": ("rank_of",)}
    byname = {}
    for r in figs:
        byname.setdefault(r["figure"], []).append(r)
    checked = 0
    for name in wb.sheetnames:
        if not re.match(r"Table \d+ ", name):
            continue
        header, rows = table_rows(wb[name])
        hv = [c.value for c in header]
        for r in rows:
            for j, c in enumerate(r):
                if not isinstance(c.value, (int, float)):
                    continue
                k = status_col(header, j)
                st = r[k].value if k is not None else None
                pool = [f for n in names_of.get(hv[j], ()) for f in byname.get(n, [])] \
                    if hv[j] in names_of else figs
                match = [f for f in pool if same(c.value, float(f["value"]))]
                if not match:
                    problem("%s %s (%s): %r is no figure of figures.csv at full precision"
                            % (name, c.coordinate, hv[j], c.value))
                elif st is not None and not any(
                        st.split(", ")[0] == STATUS.get(f["status"], "?") for f in match):
                    problem("%s %s (%s): status %r, figures.csv %s"
                            % (name, c.coordinate, hv[j], st,
                               sorted({f["status"] for f in match})))
                checked += 1
    if checked == 0:
        problem("no number in any table sheet")
    # the last point of every trend line: a figure of figures.csv, with
    # its status
    for name in wb.sheetnames:
        if not re.match(r"Table \d+a ", name):
            continue
        header, rows = table_rows(wb[name])
        last = {}
        for r in rows:
            if isinstance(r[2].value, (int, float)):
                last[r[0].value] = (r[2].value, r[3].value)
        if not last:
            problem("%s: no point" % name)
        for lab, (v, st) in last.items():
            if not any(same(v, float(f["value"])) and STATUS.get(f["status"]) == st
                       for f in figs):
                problem("%s: the last point of %s, %r (%s), is no figure of figures.csv"
                        % (name, lab, v, st))
    return got


def main():
    ed, pub = sys.argv[1], sys.argv[2]
    wb = load(pub)
    check_layout(wb)
    got = check_against(wb, ed, "index-data.csv")
    if len(sys.argv) > 3:
        par = load(sys.argv[3])
        check_layout(par)
        pgot = check_against(par, ed, "index-partners-data.csv")
        # nothing public missing from the partners workbook
        for n, (d, _, _) in got.items():
            if n not in pgot or pgot[n][0] != d:
                problem("chart %d of the public workbook differs in the partners one" % n)
        if len(par.sheetnames) < len(wb.sheetnames):
            problem("the partners workbook has fewer sheets")
        cover = " ".join(str(c.value) for row in par["Cover"].iter_rows() for c in row if c.value)
        if "Partners only" not in cover:
            problem("the partners cover does not say partners only")
        cover = " ".join(str(c.value) for row in wb["Cover"].iter_rows() for c in row if c.value)
        if "Partners only" in cover:
            problem("the public cover says partners only")
    sys.exit(1 if bad else 0)


main()
