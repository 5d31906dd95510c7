#!/bin/sh
# t62-pdf-sample: the sample's public PDF against the quality bars of
# issue 6: valid, fonts embedded, long enough, a bookmark per heading
# (every section title of the template, every theme with a public note,
# the same entries as the contents page, each on the page it names),
# "Page N of M" on every page, no word outside its page, the same bytes
# twice, the charts, a dashboard row per indicator whose numbers are all
# in figures.csv.
. "$(dirname "$0")/lib.sh"

week=2026-W47
tmpl="$EIMON_TOP/report_templates/weekly.yaml"
out="$T/out"
run_eimon build -c "$SAMPLE/monitor.yaml" --week $week --offline --out "$out"
expect_rc "build exits 0" 0
pdf="$out/$week/monitor.pdf"
csv="$out/$week/figures.csv"

if qpdf --check "$pdf" >"$T/qpdf.txt" 2>&1; then ok "qpdf --check passes"; else
	fail "qpdf --check passes"; sed -n '1,10p' "$T/qpdf.txt"; fi
pdffonts "$pdf" >"$T/fonts.txt" 2>/dev/null
nf=$(awk 'NR > 2' "$T/fonts.txt" | wc -l)
check "the PDF uses fonts ($nf)" test "$nf" -ge 1
if awk 'NR > 2 && $(NF-4) != "yes" { bad = 1 } END { exit bad }' "$T/fonts.txt"; then
	ok "every font is embedded"; else fail "every font is embedded"; cat "$T/fonts.txt"; fi
pages=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
check "at least 8 pages (it has $pages)" test "${pages:-0}" -ge 8

# Per-page text, for the checks below.
i=1
while [ "$i" -le "$pages" ]; do
	pdftotext -f $i -l $i "$pdf" "$T/page.$i.txt" 2>/dev/null
	i=$((i + 1))
done

# --- page N of M ---------------------------------------------------------
missing=""
i=1
while [ "$i" -le "$pages" ]; do
	grep -q "Page $i of $pages" "$T/page.$i.txt" || missing="$missing $i"
	i=$((i + 1))
done
if [ -z "$missing" ]; then ok "every page says Page N of $pages"; else
	fail "every page says Page N of $pages (missing on:$missing)"; fi

# --- bookmarks -------------------------------------------------------------
qpdf --json=2 --json-key=outlines "$pdf" >"$T/outlines.json" 2>/dev/null
python3 - "$T/outlines.json" "$tmpl" "$SAMPLE" "$week" "$T" <<'PY' >"$T/bm.tap"
import glob, json, os, sys, yaml
oj, tmpl, sample, week, T = sys.argv[1:]
sys.path.insert(0, os.path.join(os.environ["EIMON_TOP"], "tests", "e2e"))
from fit_template import fit
outl = json.load(open(oj))["outlines"]
t = yaml.safe_load(open(tmpl, encoding="utf-8"))
fitted = fit(t, yaml.safe_load(open(os.path.join(sample, "monitor.yaml"), encoding="utf-8")))

def walk(o, depth=0):
    for x in o:
        yield depth, x["title"], x.get("destpageposfrom1")
        yield from walk(x.get("kids", []), depth + 1)
bms = list(walk(outl))
top = [b[1] for b in bms if b[0] == 0]

def tap(ok, what, detail=""):
    print(("ok - " if ok else "not ok - ") + what)
    if not ok and detail:
        print("    " + detail)

# Every section title of the template is a top-level bookmark, in order.
titles = [s[0] for s in fitted if s[0]]
missing = [x for x in titles if x not in top]
tap(not missing, "every section title of weekly.yaml is a bookmark (%d)" % len(titles),
    "missing: %s" % missing)
tap([x for x in top if x in titles] == titles, "section bookmarks are in template order",
    "%s" % top)

# The themes of this week's public notes are bookmarks under the notes
# section, in template order.
themes = {}
for f in sorted(glob.glob(os.path.join(sample, "notes", week, "*.yaml"))):
    d = yaml.safe_load(open(f, encoding="utf-8"))
    for n in d if isinstance(d, list) else [d]:
        if n.get("visibility", "public") == "public":
            themes[n["theme"]] = 1
want = [th["title"] for th in t["themes"] if th["id"] in themes]
notes_sec = [s["title"] for s in t["sections"]
             if any(b["type"] == "notes" for b in s["blocks"])][0]
kids = []
for i, b in enumerate(bms):
    if b[0] == 0 and b[1] == notes_sec:
        for c in bms[i + 1:]:
            if c[0] == 0:
                break
            if c[0] == 1:
                kids.append(c[1])
# the intelligence summary's own heading sits there too, before the notes
intel = [b.get("title") for s in t["sections"] for b in s["blocks"]
         if b["type"] == "intelligence"]
kids = [k for k in kids if k not in intel]
tap(kids == want, "the themes with public notes are bookmarks under %r (%d)" % (notes_sec, len(want)),
    "want %s, have %s" % (want, kids))

# Bookmarks = the contents page's entries (H1 + H2 headings).
pages = sorted(glob.glob(os.path.join(T, "page.*.txt")), key=lambda p: int(p.split(".")[-2]))
txt = [open(p, encoding="utf-8").read() for p in pages]
all_text = "\n".join(txt)
import re
start = all_text.find("Contents")
entries = []
for line in all_text[start:].splitlines()[1:]:
    m = re.match(r"^(.*\S)\s+(\d+)$", line.strip())
    if m and not line.startswith("Page"):
        entries.append(m.group(1))
    elif entries and line.strip() and not re.match(r"^(\d+|Page \d+ of \d+|.*Issue \d+|\d+ \w+ \d{4})$", line.strip()):
        break
# pdftotext without -layout puts a contents entry's page number on its
# own line; count the entries by the bookmark titles found in order.
flat = [b[1] for b in bms]
tap(len(bms) >= len(titles) + len(want), "bookmarks: %d = %d section titles + %d themes + %d other headings"
    % (len(bms), len(titles), len(want), len(bms) - len(titles) - len(want)))
cont = re.sub(r"\s+", " ", all_text[start:start + 4000])
miss = [x for x in flat if x not in cont]
tap(not miss, "every bookmark is a contents entry", "not in contents: %s" % miss)

# Each bookmark goes to the page where its heading is printed.
wrong = []
for d, title, pg in bms:
    if not pg or title not in re.sub(r"\s+", " ", txt[pg - 1]):
        wrong.append("%s -> page %s" % (title, pg))
tap(not wrong, "every bookmark goes to the page of its heading (%d)" % len(bms), "; ".join(wrong))
PY
cat "$T/bm.tap"
_fails=$((_fails + $(grep -c '^not ok' "$T/bm.tap")))
check "the bookmark checks ran" grep -q '^ok' "$T/bm.tap"
# Contents entries counted on the layout text: one line "Title  N" each.
pdftotext -layout -f 1 -l 3 "$pdf" - 2>/dev/null |
	awk '/^ *Contents *$/ { on = 1; next }
	     !on || /^ *$/ || /Page [0-9]+ of/ || /Issue [0-9]+ *$/ { next }
	     /[A-Za-z].*  +[0-9]+ *$/ { n++; next }
	     { on = 0 }
	     END { print n + 0 }' >"$T/ncontents"
nb=$(python3 -c '
import json,sys
def c(o): return sum(1 + c(x.get("kids", [])) for x in o)
print(c(json.load(open(sys.argv[1]))["outlines"]))' "$T/outlines.json")
nc=$(cat "$T/ncontents")
check "as many bookmarks ($nb) as contents entries ($nc)" test "$nb" -eq "$nc"

# --- no word outside its page -------------------------------------------
pdftotext -bbox "$pdf" "$T/bbox.html" 2>/dev/null
python3 - "$T/bbox.html" "$tmpl" <<'PY' >"$T/bbox.tap"
import sys, yaml
import xml.etree.ElementTree as ET
X = "{http://www.w3.org/1999/xhtml}"
root = ET.parse(sys.argv[1]).getroot()
margin = float(yaml.safe_load(open(sys.argv[2], encoding="utf-8"))["style"]["margin"])
outside, inmargin, overlap = [], [], []
n = 0
for pi, page in enumerate(root.iter(X + "page"), 1):
    w, h = float(page.get("width")), float(page.get("height"))
    words = []
    for word in page.iter(X + "word"):
        n += 1
        b = [float(word.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
        words.append((word.text, b))
        d = "p%d '%s' (%.0f,%.0f)-(%.0f,%.0f)" % ((pi, word.text) + tuple(b))
        if b[0] < 0 or b[1] < 0 or b[2] > w or b[3] > h:
            outside.append(d)
        # Left and right margins hold nothing (the running head and the
        # footer sit in the top and bottom margins).
        if b[0] < margin - 0.5 or b[2] > w - margin + 0.5:
            inmargin.append(d)
    # Two words drawn over each other (colliding labels).
    for i in range(len(words)):
        a = words[i][1]
        for t, c in words[i + 1:]:
            if min(a[2], c[2]) - max(a[0], c[0]) > 1 and min(a[3], c[3]) - max(a[1], c[1]) > 1.5:
                overlap.append("p%d '%s' and '%s'" % (pi, words[i][0], t))
def tap(ok, what, bad):
    print(("ok - " if ok else "not ok - ") + what)
    if not ok:
        print("    " + "; ".join(bad[:8]))
tap(n > 500, "pdftotext -bbox finds words (%d)" % n, [])
tap(not outside, "no word lies outside its page box", outside)
tap(not inmargin, "no word runs into the left or right margin (%g pt)" % margin, inmargin)
tap(not overlap, "no two words overlap", overlap)
PY
cat "$T/bbox.tap"
_fails=$((_fails + $(grep -c '^not ok' "$T/bbox.tap")))

# --- same bytes twice ---------------------------------------------------
run_eimon build -c "$SAMPLE/monitor.yaml" --week $week --offline --out "$T/out2"
s1=$(sha256sum "$pdf" | cut -d' ' -f1)
s2=$(sha256sum "$T/out2/$week/monitor.pdf" | cut -d' ' -f1)
check "two builds give the same sha256" test "$s1" = "$s2"

# --- charts -------------------------------------------------------------
# A chart prints a subtitle "MEASURE, GEOGRAPHY, PERIOD" and a source line
# under it. Count, for each chart block of the template, its subtitle
# (the indicator's title from monitor.yaml, "(indexed)" when index_to is
# set) followed within a few lines by a "Source:" line.
pdftotext "$pdf" "$T/all.txt" 2>/dev/null
nch=$(python3 - "$tmpl" "$SAMPLE/monitor.yaml" "$T/all.txt" <<'PY'
import os, re, sys, yaml
sys.path.insert(0, os.path.join(os.environ["EIMON_TOP"], "tests", "e2e"))
from fit_template import fit
t = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
m = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
title = {i["id"]: i["title"] for i in m["indicators"]}
lines = open(sys.argv[3], encoding="utf-8").read().splitlines()
want = found = 0
used = set()
for _, blocks in fit(t, m):
    for b in blocks:
        if b["type"] != "chart":
            continue
        want += 1
        sub = title[b["indicators"][0]] + (" (indexed)" if b.get("index_to") else "") + ", "
        for k, l in enumerate(lines):
            if k in used or not l.startswith(sub):
                continue
            if any(x.startswith("Source: ") for x in lines[k + 1:k + 40]):
                used.add(k)
                found += 1
                break
print(want, found)
PY
)
set -- $nch
echo "# the template has $1 charts; $2 found by subtitle and source line"
check "at least 8 charts (found $2)" test "${2:-0}" -ge 8
check "every chart of the template is printed ($2 of $1)" test "${2:-0}" -eq "${1:-x}"

# --- the dashboard ------------------------------------------------------
# The dashboard's pages: from its heading (the page its bookmark goes
# to) to its footnote.
first=$(jq -r '.outlines[] | select(.title == "Dashboard of indicators") | .destpageposfrom1' "$T/outlines.json")
last=$(grep -l "Direction compares with the previous" "$T"/page.*.txt | sed 's/.*page\.\([0-9]*\)\.txt/\1/' | sort -n | head -1)
check "the dashboard is found (pages $first to $last)" test -n "$first" -a -n "$last"
pdftotext -layout -f "${first:-1}" -l "${last:-1}" "$pdf" "$T/dash.txt" 2>/dev/null
python3 - "$SAMPLE/monitor.yaml" "$tmpl" "$csv" "$T/dash.txt" <<'PY' >"$T/dash.tap"
import csv, os, re, sys, yaml
sys.path.insert(0, os.path.join(os.environ["EIMON_TOP"], "tests", "e2e"))
from fit_template import fit
m = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
t = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
rows = list(csv.DictReader(open(sys.argv[3], encoding="utf-8")))
text = open(sys.argv[4], encoding="utf-8").read()
# Only the table: from its header to the footnote.
text = text[text.find("Indicator"):text.find("(p) provisional")]
# Page footers and running heads, where the table crosses a page.
text = "\n".join(l for l in text.splitlines()
                 if not re.search(r"Page \d+ of \d+|Issue \d+\s*$", l))
flat = re.sub(r"\s+", " ", text)
ind = {i["id"]: i for i in m["indicators"]}
dash = [b for s in fit(t, m) for b in s[1] if b["type"] == "dashboard"][0]
area = m["area"]["code"]
# the nearest geography published: the area, then the comparators
geos = [area] + [c["code"] for c in m.get("comparators") or []]

def tap(ok, what, detail=""):
    print(("ok - " if ok else "not ok - ") + what)
    if not ok and detail:
        print("    " + detail)

def fig(i, g, f):
    for r in rows:
        if r["indicator"] == i and r["geography"] == g and r["figure"] == f and r["value"] != "":
            return float(r["value"])
    return None

def fmt(v, dec, sign=False):
    s = "{:,.{}f}".format(abs(v), dec)
    if sign and float(s.replace(",", "")) != 0:
        s = ("+" if v > 0 else "\u2212") + s
    elif not sign and v < 0:
        s = "\u2212" + s
    return s

# A row per indicator: its short title starts a line of the table.
miss = [i["short_title"] for i in (ind[x] for x in dash["indicators"])
        if not re.search(r"(?m)^\s*" + re.escape(i["short_title"].split(" (")[0].split()[0]), text)]
tap(not miss, "a dashboard row for each of the %d indicators" % len(dash["indicators"]),
    "missing: %s" % miss)
order = [flat.find(ind[x]["short_title"].split()[0]) for x in dash["indicators"]]
tap(all(o >= 0 for o in order) and order == sorted(order), "the rows are in the template's order")

# The numbers: latest, change on period and on year, for the nearest
# geography published (area, then region, then UK), rounded as configured.
checked = 0
for x in dash["indicators"]:
    i = ind[x]
    dec = int(i.get("decimals", 0))
    g = next((g for g in geos if fig(x, g, "latest") is not None), None)
    if g is None:
        tap(False, "%s has a latest value in figures.csv" % x)
        continue
    unit = i.get("unit")
    latest = fmt(fig(x, g, "latest"), dec) + ("%" if unit == "percent" else "")
    tap(latest in flat, "dashboard: %s latest %s (%s) as in figures.csv" % (x, latest, g))
    checked += 1
    for f in ("change_prev", "change_year"):
        v = fig(x, g, f)
        if v is None:
            continue
        s = fmt(v, dec, True) + ("pp" if unit == "percent" else "")
        # A narrow cell wraps "(+1.2%)" under its number: look for each.
        ok = s in flat.split(" ")
        if unit != "percent":
            p = fig(x, g, f + "_pct")
            if p is not None:
                q = "(%s%%)" % fmt(p, 1, True)
                ok = ok and q in flat.split(" ")
                s = "%s %s" % (s, q)
        tap(ok, "dashboard: %s %s %s as in figures.csv" % (x, f, s))
        checked += 1

# The other way round: every number in the table (periods aside) is a
# figures.csv value of some indicator, rounded to 0 or 1 decimal places.
vals = set()
for r in rows:
    if r["value"] == "":
        continue
    v = abs(float(r["value"]))
    for d in (0, 1):
        vals.add(round(v, d))
body = re.sub(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{4}", "", text)
body = re.sub(r"\bweek\s+\d+\s+\d{4}|\bQ[1-4]\s+\d{4}|\b(19|20)\d\d\b", "", body)
body = re.sub(r"\b\d{2}-\d{2}\b", "", body)  # "16-64" in a title
nums = re.findall(r"\d[\d,]*(?:\.\d+)?", body)
stray = [n for n in nums if round(float(n.replace(",", "")), 1) not in vals
         and float(n.replace(",", "")) not in vals]
tap(len(nums) >= 20 and not stray,
    "every one of the %d numbers in the dashboard is in figures.csv" % len(nums),
    "not in figures.csv: %s" % stray[:10])
PY
cat "$T/dash.tap"
_fails=$((_fails + $(grep -c '^not ok' "$T/dash.tap")))
check "the dashboard checks ran" grep -q '^ok' "$T/dash.tap"

# --- sources: the latest period of each feed is the one the figures use --
# (the edition's cut-off applies to both: a year or month that ends after
# the edition is not "latest" in the sources section or the manifest).
python3 - "$SAMPLE/monitor.yaml" "$csv" "$out/$week/manifest.json" "$T/all.txt" <<'PY' >"$T/src.tap"
import calendar, csv, json, re, sys, yaml
m = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
rows = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
man = json.load(open(sys.argv[3], encoding="utf-8"))
text = open(sys.argv[4], encoding="utf-8").read()
src = re.sub(r"\s+", " ", text[text.rfind("Sources and methods"):])
def key(p):  # sortable canonical period
    y = int(p[:4]); r = p[5:]
    if not r: return (y, 99, 0)
    if r.startswith("W"): return (y, 0, int(r[1:]))
    if r.startswith("Q"): return (y, 0, int(r[1:]) * 3)
    return (y, 0, int(r) * 31 / 7)
def label(p):
    y = p[:4]; r = p[5:]
    if not r: return y
    if r.startswith("W"): return "week %d %s" % (int(r[1:]), y)
    if r.startswith("Q"): return "%s %s" % (r, y)
    return "%s %s" % (calendar.month_name[int(r)], y)
feeds_in = {i["id"]: i for i in man["inputs"] if i["kind"] == "feed"}
for f in m["feeds"]:
    inds = [i["id"] for i in m["indicators"] if i["feed"] == f["id"]]
    ps = [r["period"] for r in rows if r["indicator"] in inds and r["figure"] == "latest"]
    if not ps:
        continue
    want = max(ps, key=key)
    have = (feeds_in.get(f["id"]) or {}).get("latest_period")
    print(("ok" if have == want else "not ok") +
          " - manifest: feed %s latest_period %s = the latest in figures.csv (%s)" % (f["id"], have, want))
    mm = re.search(re.escape(f["title"]) + r": .*?Latest period: ([^.]*)\.", src)
    got = mm.group(1) if mm else None
    print(("ok" if got == label(want) else "not ok") +
          " - sources: %s latest period %r = %r" % (f["title"], got, label(want)))
PY
cat "$T/src.tap"
_fails=$((_fails + $(grep -c '^not ok' "$T/src.tap")))
check "the sources checks ran" grep -q '^ok' "$T/src.tap"

done_testing
