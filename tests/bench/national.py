#!/usr/bin/env python3
"""national.py SAMPLE OUT N - a national-scale monitor for `make bench`
(issue 14): the sample monitor with N places (its seven districts, then
generated districts E0799xxxx "District NNN"), every one in the claimant
count feed, which is written in the Nomis CSV format (all 40 columns)
with each generated district's rows made from a sample district's,
scaled. Codes, names and values are generated; the formats are real.
Deterministic: the same N gives the same files."""
import csv
import json
import os
import re
import shutil
import sys


def main():
    sample, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if os.path.exists(out):
        shutil.rmtree(out)
    shutil.copytree(sample, out, ignore=shutil.ignore_patterns("cache"))
    cfg_path = os.path.join(out, "monitor.yaml")
    with open(cfg_path, encoding="utf-8") as f:
        cfg = f.read()
    # the shipped weekly template, unchanged: its max_bars and max_rows
    # keep a national bulletin's bars and tables to the places ranked
    # highest and the subject
    with open(os.path.join(sample, "..", "..", "report_templates",
                           "weekly.yaml"), encoding="utf-8") as f:
        tpl = f.read()
    with open(os.path.join(out, "template.yaml"), "w",
              encoding="utf-8") as f:
        f.write(tpl)
    cfg = re.sub(r'^template: .*$', 'template: "template.yaml"', cfg,
                 flags=re.M)
    cfg = re.sub(r'^out_dir: .*$', 'out_dir: "out"', cfg, flags=re.M)
    cfg = re.sub(r'^coverage: .*\n', '', cfg, flags=re.M)
    orig = re.findall(r'^  - \{code: "(E08\d+)"', cfg, flags=re.M)
    extra = ["E0799%04d" % i for i in range(n - len(orig))]
    lines = "".join('  - {code: "%s", name: "District %03d", '
                    'short_name: "District %03d"}\n' % (c, i, i)
                    for i, c in enumerate(extra))
    cfg = re.sub(r'(\n)(comparators:\n)', lambda m: "\n" + lines + m.group(2),
                 cfg, count=1)
    # the claimant count file grows with the places: room for it
    cfg = re.sub(r'(path: "data/nomis_NM_162_1[^\n]*\n(?:    .*\n)*?'
                 r'    max_bytes: )\d+', lambda m: m.group(1) + "1000000000",
                 cfg, count=1)
    with open(cfg_path, "w", encoding="utf-8") as f:
        f.write(cfg)
    scale_places(os.path.join(out, "data",
                              "hmrc_rti_payrolled_employees_wmca.csv"),
                 orig, extra, "geography_code", "geography_name",
                 "payrolled_employees")
    scale_places(os.path.join(out, "data",
                              "nomis_NM_162_1_claimant_count_wmca.data.csv"),
                 orig, extra, "GEOGRAPHY_CODE", "GEOGRAPHY_NAME",
                 "OBS_VALUE")
    scale_jsonstat(os.path.join(
        out, "data", "ons_business_counts_enterprises.jsonstat.json"),
        orig, extra)


def scale(i):
    return 0.6 + (i * 37 % 80) / 100.0  # 0.60 .. 1.39


def scale_jsonstat(path, orig, extra):
    """The JSON-stat cube with the generated districts added to its
    geography dimension, each one's cells a sample district's, scaled."""
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    ids, size = d["id"], d["size"]
    gi = ids.index("geography")
    cat = d["dimension"]["geography"]["category"]
    old_index = cat["index"]
    codes = sorted(old_index, key=old_index.get) + extra
    for i, c in enumerate(extra):
        cat["label"][c] = "District %03d" % i
    cat["index"] = {c: k for k, c in enumerate(codes)}
    status = d.get("status") or {}
    if isinstance(status, list):
        status = {str(k): v for k, v in enumerate(status) if v}

    def flat(idx, sz):
        n = 0
        for k, s in zip(idx, sz):
            n = n * s + k
        return n

    new_size = list(size)
    new_size[gi] = len(codes)
    values, new_status = [], {}
    total = 1
    for s in new_size:
        total *= s
    for n in range(total):
        idx, r = [], n
        for s in reversed(new_size):
            idx.append(r % s)
            r //= s
        idx.reverse()
        g = idx[gi]
        k = 1.0
        if g >= len(old_index):
            e = g - len(old_index)
            idx[gi] = old_index[orig[e % len(orig)]]
            k = scale(e)
        src = flat(idx, size)
        v = d["value"][src]
        values.append(None if v is None else int(round(v * k)))
        if str(src) in status:
            new_status[str(n)] = status[str(src)]
    d["value"], d["size"] = values, new_size
    if new_status:
        d["status"] = new_status
    with open(path, "w", encoding="utf-8") as f:
        json.dump(d, f)


def scale_places(path, orig, extra, code_col, name_col, value_col):
    """Rows for each generated district: a sample district's, scaled."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    head, body = rows[0], rows[1:]
    gc, gn, ov = (head.index(k) for k in (code_col, name_col, value_col))
    by_geo = {}
    for r in body:
        by_geo.setdefault(r[gc], []).append(r)
    new = list(body)
    for i, code in enumerate(extra):
        src = by_geo[orig[i % len(orig)]]
        k = scale(i)
        for r in src:
            r2 = list(r)
            r2[gc], r2[gn] = code, "District %03d" % i
            if r2[ov]:
                v = float(r2[ov]) * k
                r2[ov] = ("%.1f" % v) if "." in r[ov] else str(int(round(v)))
            new.append(r2)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(head)
        w.writerows(new)


if __name__ == "__main__":
    main()
