#!/usr/bin/env python3
"""case_monitor.py CASE_DIR OUT_DIR - a whole monitor from a figures case.

Turns tests/figures/<case>/ (indicator.txt, series.csv or numerator.csv
and denominator.csv) into OUT_DIR/monitor.yaml, a template with every
block that prints figures (headlines, dashboard, a line chart of the area
and comparators, a bar chart of the places, a table of one indicator and
one of several) and the feed files, so that `eimon build` renders the
case as a bulletin and words.py can check its words. A case with
published= gets a JSON-stat feed whose "updated" is that date (the edition
cut-off reads it); others a CSV feed. Prints the week to build: as_of, or
the week after the latest period.
"""
import datetime
import json
import os
import sys


def q(s):
    return json.dumps(s)  # a JSON string is a YAML double-quoted scalar


def load_case(d):
    kv, multi = {}, {"place": [], "comparator": [], "compare": [],
                     "peer": []}
    with open(os.path.join(d, "indicator.txt"), encoding="utf-8") as f:
        for ln in f:
            ln = ln.rstrip("\n")
            if not ln or ln.startswith("#"):
                continue
            k, v = ln.split("=", 1)
            if k in ("place", "comparator"):
                multi[k].append(v.split(" ", 1))
            elif k == "compare":
                multi[k] = v.split(",")
            elif k == "peer":
                multi[k].append(v)
            else:
                kv[k] = v
    return kv, multi


def rows(path):
    with open(path, encoding="utf-8") as f:
        lines = [ln.rstrip("\n").split(",") for ln in f if ln.strip()]
    return lines[1:]


def period_end(p):
    """The last day of a canonical period (enough for the week choice)."""
    if p.endswith("/12M"):
        p = p[:-4]
    if "-W" in p:
        y, w = p.split("-W")
        return datetime.date.fromisocalendar(int(y), int(w), 7)
    if "-Q" in p:
        y, n = p.split("-Q")
        return datetime.date(int(y) + (int(n) == 4), int(n) * 3 % 12 + 1,
                             1) - datetime.timedelta(days=1)
    if len(p) == 4:
        return datetime.date(int(p), 12, 31)
    if len(p) == 7:
        y, mo = int(p[:4]), int(p[5:])
        return datetime.date(y + (mo == 12), mo % 12 + 1, 1) - \
            datetime.timedelta(days=1)
    return datetime.date.fromisoformat(p[:10])


def freq_of(p):
    if "-W" in p:
        return "week"
    if "-Q" in p:
        return "quarter"
    if len(p) == 4:
        return "year"
    if "/12M" in p:
        return "month"
    return "month" if len(p) == 7 else "day"


def write_csv(path, data):
    with open(path, "w", encoding="utf-8") as f:
        f.write("period,geography,value,status\n")
        for g, p, v, st in data:
            f.write(f"{p},{g},{v},{st}\n")


def write_jsonstat(path, data, updated):
    geos = sorted({r[0] for r in data})
    times = sorted({r[1] for r in data})
    val, status = {}, {}
    for g, p, v, st in data:
        k = geos.index(g) * len(times) + times.index(p)
        if v != "":
            val[str(k)] = float(v)
        if st:
            status[str(k)] = st
    doc = {"version": "2.0", "class": "dataset", "label": "case",
           "updated": updated, "id": ["geography", "time"],
           "size": [len(geos), len(times)],
           "role": {"geo": ["geography"], "time": ["time"]},
           "dimension": {
               "geography": {"category": {
                   "index": {g: i for i, g in enumerate(geos)}}},
               "time": {"category": {
                   "index": {t: i for i, t in enumerate(times)}}}},
           "value": val, "status": status}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f)


def feed(fid, path, fmt, freq):
    s = f"""  - id: {q(fid)}
    title: {q(fid)}
    publisher: "Test publisher"
    licence: "Open Government Licence v3.0"
    path: {q(path)}
    format: {q(fmt)}
    frequency: {q(freq)}
    max_age_days: 100000
    required: true
"""
    if fmt == "csv":
        s += """    mapping:
      period: "period"
      geography: "geography"
      value: "value"
      status: "status"
"""
    return s


def indicator(i, fid, kv, multi, extra=""):
    s = f"""  - id: {q(i)}
    feed: {q(fid)}
    title: {q(kv.get('title', i))}
    short_title: {q(kv.get('title', i))}
    measure: {q(kv.get('measure', kv.get('title', i)))}
    unit: {q(kv.get('unit', 'count'))}
    decimals: {int(kv.get('decimals', 0))}
    polarity: {q(kv.get('polarity', 'neutral'))}
"""
    if multi["compare"]:
        s += f"    compare: {json.dumps(multi['compare'])}\n"
    for k in ("baseline", "rolling", "scale"):
        if k in kv:
            s += f"    {k}: {q(kv[k]) if k == 'baseline' else kv[k]}\n"
    if "peer_group" in kv:
        s += "    peer_group: \"group\"\n"
    return s + extra


def main():
    case, out = sys.argv[1], sys.argv[2]
    kv, multi = load_case(case)
    os.makedirs(out, exist_ok=True)
    ratio = kv.get("combine") == "ratio"
    srcs = ["numerator", "denominator"] if ratio else ["series"]
    feeds, inds, lastp = "", "", None
    for src in srcs:
        data = rows(os.path.join(case, src + ".csv"))
        p0 = max((r[1] for r in data), key=period_end)
        lastp = p0 if lastp is None or period_end(p0) > period_end(lastp) \
            else lastp
        if "published" in kv:
            path, fmt = src + ".jsonstat.json", "jsonstat"
            write_jsonstat(os.path.join(out, path), data, kv["published"])
        else:
            path, fmt = src + ".csv", "csv"
            write_csv(os.path.join(out, path), data)
        feeds += feed(src, path, fmt, freq_of(p0))
    iid = kv["id"]
    if ratio:
        for src in srcs:
            inds += indicator(src, src, {"title": src, "unit": "count"},
                              {"compare": []},
                              "    combine: \"sum\"\n")
        inds += indicator(iid, "numerator", kv, multi,
                          "    combine: \"ratio\"\n"
                          "    numerator: \"numerator\"\n"
                          "    denominator: \"denominator\"\n")
    else:
        inds += indicator(iid, "series", kv, multi,
                          f"    combine: {q(kv.get('combine', 'none'))}\n")
    area_code, area_name = kv["area"].split(" ", 1)
    def short(n):  # a line label must be short: initials
        return n if len(n) <= 14 else "".join(w[0] for w in n.split())

    def geo(c, n):
        return f"  - {{code: {q(c)}, name: {q(n)}, " \
               f"short_name: {q(short(n))}}}\n"
    peers = ""
    if "peer_group" in kv:
        peers = (f"peer_groups:\n  - id: \"group\"\n"
                 f"    name: {q(kv['peer_group'])}\n"
                 f"    members: {json.dumps(multi['peer'])}\n")
    cfg = f"""title: "Case monitor"
publisher: "eimon tests"
template: "template.yaml"
notes_dir: "notes"
editions_dir: "editions"
cache_dir: "cache"
out_dir: "out"
area:
  code: {q(area_code)}
  name: {q(area_name)}
  short_name: {q(short(area_name))}
places:
{''.join(geo(*p) for p in multi['place']) or '  []'}
comparators:
{''.join(geo(*p) for p in multi['comparator']) or '  []'}
{peers}feeds:
{feeds}indicators:
{inds}"""
    cfg = cfg.replace("places:\n  []", "places: []") \
             .replace("comparators:\n  []", "comparators: []")
    with open(os.path.join(out, "monitor.yaml"), "w", encoding="utf-8") as f:
        f.write(cfg)
    os.makedirs(os.path.join(out, "notes"), exist_ok=True)
    os.makedirs(os.path.join(out, "editions"), exist_ok=True)
    # the figures cases leave geographies out on purpose: their blocks
    # allow every gap (docs/configuration.md, "Data checks")
    tpl = f"""name: "Case"
sections:
  - title: "Headlines"
    blocks:
      - type: "headlines"
        indicators: [{q(iid)}]
  - title: "Dashboard"
    blocks:
      - type: "dashboard"
        indicators: [{q(iid)}]
  - title: "Charts"
    page_break: true
    blocks:
      - type: "chart"
        chart: "line"
        indicators: [{q(iid)}]
        places: ["area", "comparators"]
        allow_missing: ["area", "places", "comparators"]
      - type: "chart"
        chart: "bar"
        indicators: [{q(iid)}]
        places: ["places"]
        allow_missing: ["area", "places", "comparators"]
  - title: "Tables"
    page_break: true
    blocks:
      - type: "table"
        indicators: [{q(iid)}]
        places: ["area", "places", "comparators"]
        allow_missing: ["area", "places", "comparators"]
      - type: "table"
        title: "Side by side"
        indicators: [{q(iid)}, {q(iid)}]
        places: ["area", "places", "comparators"]
        allow_missing: ["area", "places", "comparators"]
"""
    with open(os.path.join(out, "template.yaml"), "w", encoding="utf-8") as f:
        f.write(tpl)
    if "as_of" in kv:
        print(kv["as_of"])
    else:
        y, w, _ = (period_end(lastp) + datetime.timedelta(days=1)) \
            .isocalendar()
        print(f"{y}-W{w:02d}")


if __name__ == "__main__":
    main()
