#!/usr/bin/env python3
"""words.py MONITOR_YAML EDITION_DIR - the words of monitor.pdf against
figures.csv (issue 15).

Every generated sentence, chart title, bar and table cell of the PDF text
(pdftotext -layout) is parsed and checked against the rows of figures.csv
written with it: the number and its rounding, the direction word (rose,
fell, was unchanged, higher, lower, the same, Up/Down/Flat), the tie word
(joint), the period and the status mark. The number formats are
re-implemented here from docs/figures.md, independently of src/fmt.c.

Prints one line per problem and "checked N items"; exits 1 on a problem,
or when nothing generated was found.
"""
import csv
import datetime
import re
import subprocess
import sys
from decimal import Decimal, ROUND_HALF_UP

import yaml

MINUS = "\u2212"
MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
problems = []
checked = 0


def bad(what, got, want):
    problems.append(f"{what}: got {got!r}, want {want!r}")


def expect(what, got, want):
    global checked
    checked += 1
    if got != want:
        bad(what, got, want)


# ---- numbers as docs/figures.md prints them -------------------------------

def rnd(v, dec):
    """Half away from zero on the 15-significant-digit decimal form."""
    return Decimal("%.15g" % v).quantize(Decimal(1).scaleb(-dec),
                                         rounding=ROUND_HALF_UP)


def magnitude(v, dec, group=True):
    d = abs(rnd(v, dec))
    s = f"{d:,.{dec}f}" if group else f"{d:.{dec}f}"
    return s, d == 0


def signed(v, dec, prefix="", suffix="", sign=True):
    s, zero = magnitude(v, dec)
    if zero:
        lead = ""
    elif v < 0:
        lead = MINUS
    else:
        lead = "+" if sign else ""
    return lead + prefix + s + suffix


def gbp(v, dec, sign):
    a = abs(v)
    if rnd(a, dec) >= 1000000:
        if rnd(a / 1e6, 0) >= 1000:
            return signed(v / 1e9, 1, "£", "bn", sign)
        if rnd(a / 1e6, 1) >= 10:
            return signed(v / 1e6, 0, "£", "m", sign)
        return signed(v / 1e6, 1, "£", "m", sign)
    return signed(v, dec, "£", "", sign)


def value(v, unit, dec):
    if unit in ("percent", "rate"):
        return signed(v, dec, "", "%", False)
    if unit == "gbp":
        return gbp(v, dec, False)
    return signed(v, dec, "", "", False)


def change(v, unit, dec):
    if unit in ("percent", "rate"):
        return signed(v, dec, "", "pp")
    if unit == "gbp":
        return gbp(v, dec, True)
    return signed(v, dec)


def shown(v, unit, dec):
    """The number a reader sees (for ties and comparisons)."""
    t = value(v, unit, dec).replace(",", "").replace("£", "") \
        .replace("%", "").replace(MINUS, "-")
    k = 1
    if t.endswith("bn"):
        t, k = t[:-2], 10**9
    elif t.endswith("m"):
        t, k = t[:-1], 10**6
    return Decimal(t) * k


def direction(v, unit, dec):
    t = change(v, unit, dec)
    return "up" if t.startswith("+") else "down" if t.startswith(MINUS) \
        else "flat"


def pct_direction(v):
    return direction(v, "percent", 1)


def amount(v, unit, dec):
    """The size of a change in a sentence: 1,240, 0.2 percentage points."""
    if unit in ("percent", "rate"):
        s, _ = magnitude(v, dec)
        return s + (" percentage point" if rnd(abs(v), dec) == 1
                    else " percentage points")
    return value(abs(v), unit, dec)


def status_word(st):
    return {"p": " (provisional)", "e": " (estimated)"}.get(st[:1], "")


def status_mark(st):
    return {"p": " (p)", "e": " (e)"}.get(st[:1], "")


# ---- periods ----------------------------------------------------------------

def parse_period(t):
    m = re.fullmatch(r"(\d{4})", t)
    if m:
        return ("year", int(t), 0)
    m = re.fullmatch(r"(\d{4})-Q(\d)", t)
    if m:
        return ("quarter", int(m[1]), int(m[2]))
    m = re.fullmatch(r"(\d{4})-W(\d\d)", t)
    if m:
        return ("week", int(m[1]), int(m[2]))
    m = re.fullmatch(r"(\d{4})-(\d\d)/12M", t)
    if m:
        return ("roll12", int(m[1]), int(m[2]))
    m = re.fullmatch(r"(\d{4})-(\d\d)", t)
    if m:
        return ("month", int(m[1]), int(m[2]))
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", t)
    if m:
        return ("day", datetime.date(int(m[1]), int(m[2]), int(m[3])), 0)
    raise ValueError(t)


def date_text(d):
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def period_text(t, phrase=False):
    f, y, n = parse_period(t)
    pre = "in " if phrase else ""
    if f == "year":
        return f"{pre}{y}"
    if f == "quarter":
        return f"{pre}Q{n} {y}"
    if f == "month":
        return f"{pre}{MONTHS[n - 1]} {y}"
    if f == "roll12":
        return f"{pre}the 12 months to {MONTHS[n - 1]} {y}"
    if f == "week":
        if not phrase:
            return f"week {n} {y}"
        sunday = datetime.date.fromisocalendar(y, n, 7)
        return f"in the week to {date_text(sunday)}"
    return ("on " if phrase else "") + date_text(y)


def period_index(t):
    f, y, n = parse_period(t)
    if f in ("month", "roll12"):
        return y * 12 + n - 1
    if f == "quarter":
        return y * 4 + n - 1
    if f == "year":
        return y
    if f == "week":
        return datetime.date.fromisocalendar(y, n, 1).toordinal() // 7
    return y.toordinal()


def year_span(t):
    return {"month": 12, "roll12": 12, "quarter": 4, "week": 52,
            "day": 365}.get(parse_period(t)[0], 1)


# ---- the monitor --------------------------------------------------------

class Monitor:
    def __init__(self, cfg_path, edition):
        with open(cfg_path, encoding="utf-8") as f:
            self.cfg = yaml.safe_load(f)
        c = self.cfg
        self.area = c["area"]["code"]
        self.geos = [c["area"]] + c.get("places", []) + \
            c.get("comparators", [])
        self.places = [p["code"] for p in c.get("places", [])]
        self.comparators = [p["code"] for p in c.get("comparators", [])]
        self.inds = {i["id"]: i for i in c["indicators"]}
        self.fig = {}
        with open(f"{edition}/figures.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.fig[(r["indicator"], r["geography"], r["figure"])] = r

    def f(self, ind, geo, name):
        return self.fig.get((ind, geo, name))

    def v(self, ind, geo, name):
        r = self.f(ind, geo, name)
        return float(r["value"]) if r else None

    def name(self, code):
        for g in self.geos:
            if g["code"] == code:
                return g["name"]
        return code

    def short(self, code):
        for g in self.geos:
            if g["code"] == code:
                return g.get("short_name") or g["name"]
        return code

    def value_in(self, ind, geo, period):
        for n in ("latest", "previous", "year_ago", "baseline"):
            r = self.f(ind, geo, n)
            if r and r["period"] == period:
                return r
        return None

    def main_geo(self, ind):
        for g in [self.area] + self.comparators + self.places:
            if self.f(ind, g, "latest"):
                return g
        return None

    def unit(self, ind):
        i = self.inds[ind]
        return i.get("unit", "count"), int(i.get("decimals", 0))

    def fmt(self, ind, v):
        u, d = self.unit(ind)
        return value(v, u, d)

    def measure(self, ind):
        i = self.inds[ind]
        return i.get("measure") or i.get("title") or ind

    def short_title(self, ind):
        i = self.inds[ind]
        return i.get("short_title") or i["title"]


THE = {"North East", "North West", "East Midlands", "West Midlands",
       "East of England", "East", "South East", "South West",
       "United Kingdom", "UK", "Great Britain"}


def sentence_place(name):
    the = name in THE or "Combined Authority" in name or \
        "Local Enterprise Partnership" in name or name.endswith(" region")
    return ("the " if the else "") + name


# ---- the text ---------------------------------------------------------------

def pdf_lines(pdf):
    out = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    lines = []
    for ln in out.split("\n"):
        ln = ln.replace("\f", "")
        # running heads and feet are not part of the text they cut
        if re.search(r"Page \d+ of \d+\s*$", ln) or \
                re.search(r" Issue \d+\s*$", ln):
            continue
        lines.append(ln.rstrip())
    return lines


def bullets(lines, start):
    """The bullet list under heading start: a bullet starts with "• ",
    goes on on indented lines, and the list ends at unindented text."""
    out, cur, on = [], None, False
    for ln in lines:
        s = ln.strip()
        if not on:
            on = s == start
            continue
        if s.startswith("• "):
            if cur:
                out.append(cur)
            cur = s[2:]
        elif not s:
            continue
        elif cur is not None and ln.startswith(" "):
            cur += " " + s
        else:
            break
    if cur:
        out.append(cur)
    return out


# ---- headlines ------------------------------------------------------------

def check_headline(m, text):
    ind = None
    for k in sorted(m.inds, key=lambda k: -len(m.measure(k))):
        ms = m.measure(k)
        if text.startswith(ms[:1].upper() + ms[1:] + " in "):
            ind = k
            break
    if not ind:
        return False
    ms = m.measure(ind)
    rest = text[len(ms) + 4:]
    geo = None
    for g in sorted(m.geos, key=lambda g: -len(g["name"])):
        p = sentence_place(g["name"])
        if rest.startswith(p + " "):
            geo, rest = g["code"], rest[len(p) + 1:]
            break
    if geo is None:
        bad("headline place", text[:80], "a configured place")
        return True
    what = f"headline {ind} {geo}"
    u, d = m.unit(ind)
    latest = m.f(ind, geo, "latest")
    if not latest:
        bad(what, text[:60], "no sentence (no latest figure)")
        return True
    lv = float(latest["value"])
    v = value(lv, u, d) + status_word(latest["status"])
    per = period_text(latest["period"], True)
    chg = m.v(ind, geo, "change_prev")
    dirn = direction(chg, u, d) if chg is not None else None
    prev = m.f(ind, geo, "previous")
    if dirn == "flat":
        head = f"was unchanged at {v} {per}"
    elif dirn is None:
        head = f"was {v} {per}"
    else:
        verb = "rose" if dirn == "up" else "fell"
        pv = float(prev["value"])
        same_way = (shown(lv, u, d) > shown(pv, u, d)) == (dirn == "up") \
            and shown(lv, u, d) != shown(pv, u, d)
        if u == "index" and same_way:
            pp = period_text(prev["period"], True)
            fp, fl = parse_period(prev["period"]), \
                parse_period(latest["period"])
            if fp[0] == fl[0] == "month" and fp[1] == fl[1]:
                pp = "in " + MONTHS[fp[2] - 1]
            head = f"{verb} from {value(pv, u, d)} {pp} to {v} {per}"
        else:
            pct = m.v(ind, geo, "change_prev_pct")
            pc = ""
            if pct is not None:
                pc = " (less than 0.1%)" if rnd(abs(pct), 1) == 0 else \
                    f" ({signed(abs(pct), 1, '', '%', False)})"
            head = f"{verb} by {amount(chg, u, d)}{pc} to {v} {per}"
    expect(what + " movement", rest[:len(head)], head)
    rest = rest[len(head):]
    # clauses, in order: year, baseline, record
    clauses = []
    cy = m.v(ind, geo, "change_year")
    if cy is not None:
        dy = direction(cy, u, d)
        clauses.append("the same as a year earlier" if dy == "flat" else
                       f"{amount(cy, u, d)} "
                       f"{'higher' if dy == 'up' else 'lower'} "
                       "than a year earlier")
    cb, bf = m.v(ind, geo, "change_base"), m.f(ind, geo, "baseline")
    if cb is not None and bf:
        than = period_text(bf["period"], True)
        db = direction(cb, u, d)
        clauses.append(f"the same as {than}" if db == "flat" else
                       f"{amount(cb, u, d)} "
                       f"{'higher' if db == 'up' else 'lower'} than {than}")
    rec = None
    wants = {"up": ["high"], "down": ["low"], None: ["high", "low"],
             "flat": []}[dirn]
    for hl in wants:
        word = "highest" if hl == "high" else "lowest"
        r = m.f(ind, geo, f"record_{hl}_since")
        span = year_span(latest["period"])
        if r and period_index(latest["period"]) - \
                period_index(r["period"]) >= span:
            rec = f"the {word} since {period_text(r['period'])}"
            break
        r = m.f(ind, geo, f"record_{hl}")
        if r and period_index(latest["period"]) - \
                period_index(r["period"]) >= span:
            rec = f"the {word} since the series began in " \
                  f"{period_text(r['period'])}"
            break
    if rec:
        clauses.append(rec)
    tail = ""
    for i, c in enumerate(clauses):
        tail += (", " if i == 0 else " and " if i + 1 == len(clauses)
                 else ", ") + c
    expect(what + " clauses", rest[:len(tail)], tail)
    rest = rest[len(tail):]
    # compared with the comparators' values in the same period
    vs = []
    for c in m.comparators:
        if c == geo:
            continue
        r = m.value_in(ind, c, latest["period"])
        if r:
            vs.append(value(float(r["value"]), u, d) +
                      status_word(r["status"]) + " in " +
                      sentence_place(m.name(c)))
    cmp_ = ""
    if vs:
        cmp_ = ", compared with " + "".join(
            (", " if i and i + 1 < len(vs) else " and " if i else "") + x
            for i, x in enumerate(vs))
    expect(what + " comparators", rest[:len(cmp_) + 1], cmp_ + ".")
    rest = rest[len(cmp_) + 1:].strip()
    top = top_sentence(m, ind) if geo == m.area and m.places else ""
    expect(what + " top", rest, top)
    return True


def top_sentence(m, ind):
    u, d = m.unit(ind)
    ranked = []
    for i, p in enumerate(m.places):
        r = m.f(ind, p, "rank")
        if r:
            ranked.append((float(r["value"]), i, p, r["period"]))
    if len(ranked) < 2:
        return ""
    ranked.sort()
    # the ranks must be the ranks of the displayed values
    for rk, _, p, per in ranked:
        val = m.value_in(ind, p, per)
        higher = sum(1 for _, _, q, _ in ranked
                     if shown(float(m.value_in(ind, q, per)["value"]), u, d)
                     > shown(float(val["value"]), u, d))
        expect(f"rank {ind} {p}", int(rk), higher + 1)
    first = [x for x in ranked if x[0] == ranked[0][0]]
    per = ranked[0][3]

    def val(p):
        r = m.value_in(ind, p, per)
        st = {"p": ", provisional", "e": ", estimated"}.get(
            r["status"][:1], "")
        return f" ({value(float(r['value']), u, d)}{st})"
    names = [m.name(x[2]) for x in first]
    who = names[0] if len(names) == 1 else \
        ", ".join(names[:-1]) + " and " + names[-1]
    ms = m.measure(ind)
    ms = ms[4:] if ms.startswith("the ") else ms
    p = period_text(per, True)
    s = f"{p[0].upper()}{p[1:]}, {who} had the " \
        f"{'joint ' if len(first) > 1 else ''}highest {ms}{val(first[0][2])}"
    # the bulletin names the first place, or the places tied first
    return s + "."


# ---- dashboard ---------------------------------------------------------------

def change_cell(m, ind, geo, name):
    u, d = m.unit(ind)
    f = m.f(ind, geo, name)
    if not f:
        return ["n/a"]
    toks = [change(float(f["value"]), u, d)]
    p = m.f(ind, geo, name + "_pct")
    if p:
        pv = float(p["value"])
        # a change that rounds to 0.0% is shown as less than 0.1%
        toks.append("(<0.1%)" if pv != 0 and rnd(abs(pv), 1) == 0 else
                    "(" + signed(pv, 1, "", "%") + ")")
    if f["status"][:1] in ("p", "e"):
        toks.append(f"({f['status'][:1]})")
    return toks


def tokens(s):
    return [t for t in re.split(r"\s+", s.strip()) if t]


def row_bands(lines, i0, i1, labels):
    """Rows of a table between lines i0 and i1: (label, [lines])."""
    rows = []
    for i in range(i0, i1):
        first = re.split(r"\s{2,}", lines[i].strip())[0] if \
            lines[i].strip() else ""
        hit = first if first in labels else None
        for lab in sorted(labels, key=len, reverse=True):
            if hit or not first:
                break
            # a label wrapped in its cell: its first line
            if lab.startswith(first + " ") and len(first) >= 8 and \
                    not first[-1].isdigit():
                hit = lab
        if hit:
            rows.append([hit, [lines[i]]])
        elif rows and lines[i].strip():
            rows[-1][1].append(lines[i])
    return rows


def strip_label(text, label):
    words = tokens(label)
    out = tokens(text)
    for w in words:
        if w in out:
            out.remove(w)
    return out


def check_dashboard(m, lines, tpl_inds):
    try:
        i0 = next(i for i, ln in enumerate(lines)
                  if ln.lstrip().startswith("Indicator ") and "Latest" in ln)
    except StopIteration:
        return
    i1 = next(i for i in range(i0, len(lines))
              if "Direction compares" in lines[i])
    labels = {}
    for ind in tpl_inds:
        geo = m.main_geo(ind)
        lab = m.short_title(ind)
        if geo and geo != m.area:
            lab += f" ({m.name(geo)})"
        labels[lab] = (ind, geo)
    for lab, band in row_bands(lines, i0 + 1, i1, labels):
        ind, geo = labels[lab]
        u, d = m.unit(ind)
        got = strip_label(" ".join(band), lab)
        if not geo:
            continue
        lt = m.f(ind, geo, "latest")
        want = [value(float(lt["value"]), u, d)]
        if lt["status"][:1] in ("p", "e"):
            want.append(f"({lt['status'][:1]})")
        want += tokens(period_text(lt["period"]))
        want += change_cell(m, ind, geo, "change_prev")
        ynm = "change_year"
        if not m.f(ind, geo, ynm):
            f, y, n = parse_period(lt["period"])
            if f == "year":
                ynm = "change_prev"  # the previous year is a year ago
        want += change_cell(m, ind, geo, ynm)
        cp = m.v(ind, geo, "change_prev")
        want.append("n/a" if cp is None else
                    {"up": "Up", "down": "Down", "flat": "Flat"}[
                        direction(cp, u, d)])
        expect(f"dashboard row {ind}", sorted(got), sorted(want))


# ---- tables by place ----------------------------------------------------------

def check_place_tables(m, lines, tables):
    for tb in tables:
        inds = tb["indicators"]
        title = tb.get("title")
        if len(inds) > 1:
            check_multi(m, lines, inds, title)
        else:
            check_single(m, lines, inds[0], title)


def names_all(m):
    return [g["name"] for g in m.geos]


def code_of(m, name):
    return next(g["code"] for g in m.geos if g["name"] == name)


def check_multi(m, lines, inds, title):
    cap = title or "Indicators by area"
    try:
        i0 = next(i for i, ln in enumerate(lines) if ln.strip() == cap)
        i1 = next(i for i in range(i0, len(lines))
                  if lines[i].lstrip().startswith("Latest periods:"))
    except StopIteration:
        bad("table", cap, "present")
        return
    foot = " ".join(lines[i1:i1 + 3])
    pers = {}
    for ind in inds:
        geo = m.main_geo(ind)
        lt = m.f(ind, geo, "latest") if geo else None
        pers[ind] = lt["period"] if lt else None
        expect(f"table {cap} period of {ind}",
               f"{m.short_title(ind)} "
               f"{period_text(lt['period']) if lt else 'not available'}"
               in foot, True)
    bands = row_bands(lines, i0 + 1, i1, names_all(m))
    expect(f"table {cap} rows", [b[0] for b in bands],
           [g["name"] for g in m.geos
            if any(m.f(i, g["code"], "latest") for i in inds)])
    for lab, band in bands:
        geo = code_of(m, lab)
        got = strip_label(" ".join(band), lab)
        want = []
        for ind in inds:
            r = m.value_in(ind, geo, pers[ind]) if pers[ind] else None
            if r:
                want.append(m.fmt(ind, float(r["value"])))
                if r["status"][:1] in ("p", "e"):
                    want.append(f"({r['status'][:1]})")
            else:
                want.append("n/a")
        expect(f"table {cap} row {lab}", sorted(got), sorted(want))
        # the first line keeps column order
        first = [t for t in strip_label(band[0], lab)
                 if t not in ("(p)", "(e)")]
        expect(f"table {cap} row {lab} order", first,
               [t for t in want if t not in ("(p)", "(e)")][:len(first)])


def check_single(m, lines, ind, title):
    geo = m.main_geo(ind)
    if not geo:
        return
    per = m.f(ind, geo, "latest")["period"]
    cap = f"{m.inds[ind]['title']} by area, {period_text(per)}"
    if title:
        cap = f"{title}: {cap}"
    try:
        i0 = next(i for i, ln in enumerate(lines) if ln.strip() == cap)
        i1 = next(i for i in range(i0, len(lines))
                  if lines[i].lstrip().startswith("Rank among"))
    except StopIteration:
        bad("table caption", "missing", cap)
        return
    u, d = m.unit(ind)
    bands = row_bands(lines, i0 + 1, i1, names_all(m))
    expect(f"table {cap} rows", [b[0] for b in bands],
           [g["name"] for g in m.geos if m.f(ind, g["code"], "latest")])
    for lab, band in bands:
        code = code_of(m, lab)
        got = strip_label(" ".join(band), lab)
        r = m.value_in(ind, code, per)
        want = [value(float(r["value"]), u, d)] if r else ["n/a"]
        if r and r["status"][:1] in ("p", "e"):
            want.append(f"({r['status'][:1]})")
        lt = m.f(ind, code, "latest")
        cur = lt and lt["period"] == per
        want += change_cell(m, ind, code, "change_prev") if cur else ["n/a"]
        ynm = "change_year"
        if cur and not m.f(ind, code, ynm) and \
                parse_period(per)[0] == "year":
            ynm = "change_prev"
        want += change_cell(m, ind, code, ynm) if cur else ["n/a"]
        rk, of = m.f(ind, code, "rank"), m.f(ind, code, "rank_of")
        if rk and of and rk["period"] == per:
            joint = sum(1 for p in m.places
                        if m.v(ind, p, "rank") == float(rk["value"])) > 1
            want += (["joint"] if joint else []) + \
                [ordinal(int(float(rk["value"]))), "of",
                 str(int(float(of["value"])))]
        else:
            want.append("\u2013")
        expect(f"table {cap} row {lab}", sorted(got), sorted(want))


def ordinal(n):
    suf = "th" if 10 <= n % 100 <= 20 else \
        {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


# ---- charts --------------------------------------------------------------------

def check_charts(m, lines, blocks):
    """Chart titles: the line above each chart's subtitle."""
    for b in blocks:
        if b.get("title"):
            continue
        ind = b["indicators"][0]
        title = m.inds[ind]["title"]
        if b.get("chart") == "bar":
            check_bar(m, lines, b, ind, title)
        elif len(b["indicators"]) == 1:
            check_line(m, lines, b, ind, title)


def title_above(lines, i):
    """The chart title: the lines above the subtitle, up to a blank."""
    j = i - 1
    while j > 0 and lines[j - 1].strip() and \
            lines[j - 1].strip() not in HEADINGS:
        j -= 1
    return " ".join(ln.strip() for ln in lines[j:i])


def find_sub(lines, prefix, used):
    for i, ln in enumerate(lines):
        if i not in used and ln.strip().startswith(prefix):
            used.add(i)
            return i
    return None


USED = set()
HEADINGS = set()  # section titles: a chart title is not joined to them


def chart_places(m, b):
    """The places a chart block lists, its words expanded, in order."""
    comps = m.cfg.get("comparators") or []

    def role(r, default):
        c = [x["code"] for x in comps if x.get("role") == r]
        return c[:1] or ([m.comparators[default]] if m.comparators else [])
    places = []
    for w in b.get("places", ["area"]):
        places += {"area": [m.area], "places": m.places,
                   "comparators": m.comparators,
                   "region": role("region", 0),
                   "country": role("country", -1)}.get(w, [w])
    return places


def check_line(m, lines, b, ind, title):
    i = find_sub(lines, title + (" (indexed)" if b.get("index_to") else "")
                 + ", ", USED)
    if i is None:
        return  # no data: "Chart not available"
    head = title_above(lines, i)
    # the first series is the first listed place with data
    places = chart_places(m, b)
    geo = next((g for g in places if m.f(ind, g, "latest")), None)
    if geo is None:
        bad("line chart", head, "no chart without figures")
        return
    u, d = m.unit(ind)
    lt = m.f(ind, geo, "latest")
    subj = f"{m.short_title(ind)} in {m.short(geo)}"
    cp = m.v(ind, geo, "change_prev")
    if cp is None:
        want = f"{subj}, latest {period_text(lt['period'])}"
    else:
        want = f"{subj} " + {"up": "rose", "down": "fell",
                             "flat": "was unchanged"}[direction(cp, u, d)] \
            + " " + period_text(lt["period"], True)
    expect(f"chart title {ind}", head, want)


def check_bar(m, lines, b, ind, title):
    i = find_sub(lines, title + ", by area, ", USED)
    if i is None:
        return
    head = title_above(lines, i)
    per_txt = lines[i].strip()[len(title + ", by area, "):]
    u, d = m.unit(ind)
    places = chart_places(m, b)
    # the bars: the figures of one period
    per = None
    for g in places:
        r = m.f(ind, g, "rank")
        if r:
            per = r["period"]
            break
    if per is None:
        ps = [m.f(ind, g, "latest")["period"] for g in places
              if m.f(ind, g, "latest")]
        per = max(ps, key=period_index) if ps else None
    expect(f"bar chart {ind} period", per_txt,
           period_text(per) if per else "")
    bars = []
    for g in places:
        r = m.value_in(ind, g, per) if per else None
        if r and g not in [x[0] for x in bars]:
            bars.append((g, r))
    j = i + 1
    got = []
    while j < len(lines) and not lines[j].strip().startswith("Source:"):
        s = lines[j].strip()
        mm = re.match(r"(.+?)\s{2,}(\S+( \([pe]\))?)$", s)
        if mm:
            got.append((mm[1].strip(), mm[2]))
        j += 1
    want = sorted(bars, key=lambda x: -shown(float(x[1]["value"]), u, d))
    expect(f"bar chart {ind} bars", got,
           [(m.short(g), value(float(r["value"]), u, d) +
             status_mark(r["status"])) for g, r in want])
    if not want:
        return
    top = [g for g, r in want if shown(float(r["value"]), u, d) ==
           shown(float(want[0][1]["value"]), u, d)]
    ph = period_text(per, True)
    if len(want) < 2:
        exp = f"{m.short_title(ind)} in {m.short(want[0][0])} {ph}"
    else:
        names = [m.short(g) for g in top]
        who = names[0] if len(names) == 1 else \
            ", ".join(names[:-1]) + " and " + names[-1]
        ms = m.measure(ind)
        ms = ms[4:] if ms.startswith("the ") else ms
        exp = f"{who} had the {'joint ' if len(top) > 1 else ''}" \
              f"highest {ms} {ph}"
    expect(f"bar chart {ind} title", head, exp)


def same_figures(m, expected):
    """The build's rows of the case's indicators equal expected.csv."""
    with open(expected, encoding="utf-8") as f:
        want = list(csv.DictReader(f))
    inds = {r["indicator"] for r in want}
    got = [r for r in m.fig.values() if r["indicator"] in inds]
    key = lambda r: (r["indicator"], r["geography"], r["figure"])  # noqa
    expect("figures.csv rows", sorted(map(key, got)), sorted(map(key, want)))
    for w in want:
        g = m.fig.get(key(w))
        if g:
            a, b = float(g["value"]), float(w["value"])
            expect(f"figures.csv {key(w)}",
                   (g["period"], g["status"], abs(a - b) <= 1e-9 *
                    max(1, abs(b))), (w["period"], w["status"], True))


# ---- main ------------------------------------------------------------------------

def main():
    cfg_path, edition = sys.argv[1], sys.argv[2]
    m = Monitor(cfg_path, edition)
    import os
    tpl_path = os.path.join(os.path.dirname(cfg_path),
                            m.cfg.get("template", ""))
    with open(tpl_path, encoding="utf-8") as f:
        tpl = yaml.safe_load(f)
    # the template as eimon fits it to the monitor (indicators_with,
    # each_indicator): tests/e2e/fit_template.py
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from fit_template import fit
    tpl = {"sections": [dict(title=t, blocks=bl) if t else dict(blocks=bl)
                        for t, bl in fit(tpl, m.cfg)]}
    blocks = [b for s in tpl.get("sections", []) for b in s.get("blocks", [])]
    lines = pdf_lines(f"{edition}/monitor.pdf")
    heads = [s.get("title") for s in tpl.get("sections", []) if
             s.get("title")]
    HEADINGS.update(heads)
    for b in blocks:
        if b["type"] == "headlines":
            sect = b.get("title") or next(
                s.get("title") for s in tpl["sections"]
                if b in s.get("blocks", []))
            n = 0
            for text in bullets(lines, sect):
                n += check_headline(m, text)
            want = sum(1 for k in (b.get("indicators") or m.inds)
                       if m.main_geo(k))
            expect("headline sentences", n, want)
        elif b["type"] == "dashboard":
            check_dashboard(m, lines, b.get("indicators") or list(m.inds))
    check_charts(m, lines, [b for b in blocks if b["type"] == "chart"])
    check_place_tables(m, lines, [b for b in blocks if b["type"] == "table"])
    if len(sys.argv) > 3:
        same_figures(m, sys.argv[3])
    for p in problems:
        print("problem:", p)
    print(f"checked {checked} items, {len(problems)} problems")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
