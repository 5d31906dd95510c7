#!/usr/bin/env python3
"""national.py SAMPLE OUT N - a national-scale monitor for `make bench`
(issue 14): the sample monitor with N places (its seven districts, then
generated districts E0799xxxx "District NNN"), every one in the claimant
count feed, which is written in the Nomis CSV format (all 40 columns)
with each generated district's rows made from a sample district's,
scaled. Codes, names and values are generated; the formats are real.
Deterministic: the same N gives the same files."""
import csv
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
    # the weekly template less its bar charts of every place: 360 bars
    # do not fit a page (a national bulletin ranks them in words)
    with open(os.path.join(sample, "..", "..", "report_templates",
                           "weekly.yaml"), encoding="utf-8") as f:
        tpl = f.read()
    tpl = re.sub(r'      - type: "chart"\n        chart: "bar"\n'
                 r'(        .*\n)*?        places: \["places"[^\]]*\]\n'
                 r'(        .*\n)*', '', tpl)
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
        k = 0.6 + (i * 37 % 80) / 100.0  # 0.60 .. 1.39
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
