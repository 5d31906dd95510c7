#!/usr/bin/env python3
"""Write the ILLUSTRATIVE data files of the WMCA sample monitor.

Every number this script writes is made up: plausible in size and shape
(pre-pandemic level, the 2020 Covid shock, recovery, 2026 level) but NOT
real statistics. The file formats are real: each file copies, byte for
byte where it matters (quoting, column sets, key order, number types), the
shape of what the publisher serves, copied from real published files.

Deterministic: a fixed seed, no clock, no network. Python 3 stdlib only.

    python3 samples/wmca/tools/make-data.py      # rewrites samples/wmca/data/

The module-level names below are the generator's parameters: another
sample (samples/gmca/tools/make-data.py) loads this file, sets its own
places, levels and file names, and calls main().
"""

import csv
import datetime
import io
import json
import os
import random

SEED = 20261122
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "data")

AREA = ("E47000007", "West Midlands Combined Authority")
DISTRICTS = [
    ("E08000025", "Birmingham"),
    ("E08000026", "Coventry"),
    ("E08000027", "Dudley"),
    ("E08000028", "Sandwell"),
    ("E08000029", "Solihull"),
    ("E08000030", "Walsall"),
    ("E08000031", "Wolverhampton"),
]
REGION = ("E12000005", "West Midlands")
ENGLAND = ("E92000001", "England")
UK = ("K02000001", "United Kingdom")
ALL_PLACES = [AREA] + DISTRICTS + [REGION, ENGLAND, UK]
NAMES = dict(ALL_PLACES)

# Output file names, publisher host names and the series of the ONS
# time-series file, which name the sample's own area and region.
FILES = {
    "claimant": "nomis_NM_162_1_claimant_count_wmca.data.csv",
    "payrolled": "hmrc_rti_payrolled_employees_wmca.csv",
    "adverts": "ons_adzuna_online_job_adverts_weekly.csv",
    "pmi": "natwest_regional_pmi_ckan.json",
    "footfall": "footfall_weekly_pct_2019.csv",
    "gva": "ons_timeseries_gdp_qoq_west_midlands.json",
    "cpih": "ons_cpih01_observations_uk.json",
    "business": "ons_business_counts_enterprises.jsonstat.json",
}
CKAN_HOST = "data.wmca.org.uk"
GVA_CDID = "WMGQ"
GVA_REGION_NAME = "West Midlands"
AREA_SHORT = "WMCA"

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

rng = random.Random(SEED)


# --------------------------------------------------------------------------
# helpers

def month_range(y0, m0, y1, m1):
    """[(year, month)] from y0-m0 to y1-m1 inclusive."""
    out = []
    y, m = y0, m0
    while (y, m) <= (y1, m1):
        out.append((y, m))
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def week_range(y0, w0, y1, w1):
    """[(iso_year, iso_week)] inclusive, stepping one ISO week."""
    d = datetime.date.fromisocalendar(y0, w0, 1)
    end = datetime.date.fromisocalendar(y1, w1, 1)
    out = []
    while d <= end:
        iy, iw, _ = d.isocalendar()
        out.append((iy, iw))
        d += datetime.timedelta(days=7)
    return out


def interp(anchors, x):
    """Piecewise-linear interpolation over sorted (x, y) anchors."""
    if x <= anchors[0][0]:
        return anchors[0][1]
    for (x0, y0), (x1, y1) in zip(anchors, anchors[1:]):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return anchors[-1][1]


def mi(y, m):
    """Month index: months since January 2019."""
    return (y - 2019) * 12 + (m - 1)


def wi(y, w):
    """Week index: weeks since the Monday of 2019-W01."""
    d = datetime.date.fromisocalendar(y, w, 1)
    return (d - datetime.date.fromisocalendar(2019, 1, 1)).days // 7


def wk(y, w):
    return wi(y, w)


def noise(sd):
    return rng.gauss(0.0, sd)


def round5(x):
    return int(5 * round(x / 5.0))


def num(x, dp=1):
    """Number text without a useless '.0' (as Nomis and ONS write it)."""
    s = "%.*f" % (dp, x)
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    if s == "-0":
        s = "0"
    return s


def write(name, text, newline="\n"):
    path = os.path.join(OUT, name)
    data = text.replace("\n", newline)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(data)
    print("wrote %s (%d bytes)" % (os.path.relpath(path), len(data.encode())))


# --------------------------------------------------------------------------
# 1. Claimant count, Nomis NM_162_1 .data.csv, full 40 columns

CC_MONTHS = month_range(2019, 1, 2026, 10)

# WMCA claimant count (thousands), not seasonally adjusted.
AREA_CC = [(mi(2019, 1), 78.0), (mi(2019, 12), 80.0), (mi(2020, 2), 82.0),
           (mi(2020, 3), 84.5), (mi(2020, 4), 140.0), (mi(2020, 5), 162.0),
           (mi(2020, 8), 168.0), (mi(2020, 12), 160.0), (mi(2021, 3), 164.0),
           (mi(2021, 6), 150.0), (mi(2021, 12), 122.0), (mi(2022, 6), 112.0),
           (mi(2022, 12), 110.0), (mi(2023, 6), 114.0), (mi(2023, 12), 118.0),
           (mi(2024, 6), 124.0), (mi(2024, 12), 127.0), (mi(2025, 6), 129.0),
           (mi(2025, 12), 131.5), (mi(2026, 6), 129.0), (mi(2026, 10), 130.4)]
UK_CC = [(mi(2019, 1), 1180.0), (mi(2020, 2), 1240.0), (mi(2020, 4), 2100.0),
         (mi(2020, 5), 2650.0), (mi(2020, 8), 2700.0), (mi(2020, 12), 2600.0),
         (mi(2021, 3), 2550.0), (mi(2021, 6), 2300.0), (mi(2021, 12), 1650.0),
         (mi(2022, 6), 1500.0), (mi(2022, 12), 1530.0), (mi(2023, 6), 1560.0),
         (mi(2023, 12), 1600.0), (mi(2024, 6), 1680.0), (mi(2024, 12), 1720.0),
         (mi(2025, 6), 1740.0), (mi(2025, 12), 1760.0), (mi(2026, 6), 1722.0),
         (mi(2026, 10), 1736.0)]
# Seasonal factor by month (claimants are NSA): a little higher in winter.
CC_SEASON = [1.012, 1.010, 1.004, 0.998, 0.994, 0.992, 0.998, 1.002,
             0.998, 0.994, 0.996, 1.002]
# District shares of the WMCA count.
CC_SHARE = {"E08000025": 0.497, "E08000026": 0.083, "E08000027": 0.079,
            "E08000028": 0.111, "E08000029": 0.041, "E08000030": 0.091,
            "E08000031": 0.098}
# Residents aged 16-64 (thousands) in mid-2019; grown 0.5% a year.
POP1664 = {"E08000025": 735.0, "E08000026": 236.0, "E08000027": 194.0,
           "E08000028": 209.0, "E08000029": 127.0, "E08000030": 174.0,
           "E08000031": 166.0, "E12000005": 3640.0, "E92000001": 35560.0,
           "K02000001": 41900.0}

# Nomis geography ids: Kirklees E08000034 is 1774190688 in the real file;
# the district ids below assume the same numbering in GSS order and the
# WMCA id is made up. GEOGRAPHY_TYPE texts as Nomis writes them.
NOMIS_GEO = {
    "E47000007": ("1853882375", "combined authorities", 447),
    "E08000025": ("1774190679", "local authorities: county / unitary (as of April 2023)", 423),
    "E08000026": ("1774190680", "local authorities: county / unitary (as of April 2023)", 423),
    "E08000027": ("1774190681", "local authorities: county / unitary (as of April 2023)", 423),
    "E08000028": ("1774190682", "local authorities: county / unitary (as of April 2023)", 423),
    "E08000029": ("1774190683", "local authorities: county / unitary (as of April 2023)", 423),
    "E08000030": ("1774190684", "local authorities: county / unitary (as of April 2023)", 423),
    "E08000031": ("1774190685", "local authorities: county / unitary (as of April 2023)", 423),
    "E12000005": ("2013265925", "regions", 480),
    "E92000001": ("2092957699", "countries", 499),
    "K02000001": ("2092957697", "countries", 499),
}
NOMIS_HEADER = ('"DATE","DATE_NAME","DATE_CODE","DATE_TYPE","DATE_TYPECODE",'
                '"DATE_SORTORDER","GEOGRAPHY","GEOGRAPHY_NAME","GEOGRAPHY_CODE",'
                '"GEOGRAPHY_TYPE","GEOGRAPHY_TYPECODE","GEOGRAPHY_SORTORDER",'
                '"GENDER","GENDER_NAME","GENDER_CODE","GENDER_TYPE",'
                '"GENDER_TYPECODE","GENDER_SORTORDER","AGE","AGE_NAME",'
                '"AGE_CODE","AGE_TYPE","AGE_TYPECODE","AGE_SORTORDER",'
                '"MEASURE","MEASURE_NAME","MEASURE_CODE","MEASURE_TYPE",'
                '"MEASURE_TYPECODE","MEASURE_SORTORDER","MEASURES",'
                '"MEASURES_NAME","OBS_VALUE","OBS_STATUS","OBS_STATUS_NAME",'
                '"OBS_CONF","OBS_CONF_NAME","URN","RECORD_OFFSET",'
                '"RECORD_COUNT"')
MEASURE_NAME = {1: "Claimant count",
                2: "Claimants as a proportion of residents aged 16-64"}
# The region's claimants outside the area in February 2020.
CC_REGION_REST = 70000.0
# The one missing value (status Q), well before the latest month.
CC_MISSING = ("2019-06", "E08000030", 2)


def claimant_values():
    """{(period, code): (count, rate)} for every month and place."""
    out = {}
    uk_feb20 = interp(UK_CC, mi(2020, 2))
    for (y, m) in CC_MONTHS:
        t = mi(y, m)
        s = CC_SEASON[m - 1]
        yrs = (y - 2019) + (m - 1) / 12.0
        grow = 1.005 ** yrs
        wmca = interp(AREA_CC, t) * 1000.0 * s
        counts = {}
        for code, _ in DISTRICTS:
            counts[code] = round5(wmca * CC_SHARE[code] * (1 + noise(0.012)))
        counts[AREA[0]] = sum(counts[c] for c, _ in DISTRICTS)
        # The region's surplus over the WMCA follows the UK shape.
        uk = interp(UK_CC, t) * 1000.0 * s
        rest = CC_REGION_REST * (uk / (uk_feb20 * 1000.0)) ** 0.9
        counts[REGION[0]] = round5(counts[AREA[0]] + rest * (1 + noise(0.01)))
        counts[UK[0]] = round5(uk * (1 + noise(0.003)))
        counts[ENGLAND[0]] = round5(counts[UK[0]] * (0.853 + noise(0.002)))
        pops = {c: POP1664[c] * 1000.0 * grow for c in POP1664}
        pops[AREA[0]] = sum(pops[c] for c, _ in DISTRICTS)
        period = "%04d-%02d" % (y, m)
        for code, _ in ALL_PLACES:
            rate = round(100.0 * counts[code] / pops[code], 1)
            out[(period, code)] = (counts[code], rate)
    return out


def make_claimant():
    vals = claimant_values()
    rows = []
    total = len(CC_MONTHS) * len(ALL_PLACES) * 2
    # Date ids in the URN: 32418 is February 2026 in the real file.
    offset = 0
    lines = [NOMIS_HEADER]
    for di, (y, m) in enumerate(CC_MONTHS):
        period = "%04d-%02d" % (y, m)
        date_name = "%s %d" % (MONTHS[m - 1], y)
        date_id = 32418 + (mi(y, m) - mi(2026, 2))
        for gi, (code, name) in enumerate(ALL_PLACES):
            gid, gtype, gtc = NOMIS_GEO[code]
            count, rate = vals[(period, code)]
            for msi, meas in enumerate((1, 2)):
                if (period, code, meas) == CC_MISSING:
                    obs, st, stn = "", "Q", "These figures are missing."
                else:
                    obs = str(count) if meas == 1 else num(rate)
                    st, stn = "A", "Normal Value"
                urn = "Nm-162d1d%de0d%sd0d0d0d%dd20100" % (date_id, gid, meas)
                f = ['"%s"' % period, '"%s"' % date_name, '"%s"' % period,
                     '"date"', "0", str(di),
                     '"%s"' % gid, '"%s"' % name, '"%s"' % code,
                     '"%s"' % gtype, str(gtc), str(gi),
                     '"0"', '"Total"', '"0"', '"Sex"', "1000", "0",
                     '"0"', '"All categories: Age 16+"', '"0"', '"Ageband"',
                     "2000", "0",
                     '"%d"' % meas, '"%s"' % MEASURE_NAME[meas],
                     '"%d"' % meas, '"measures"', "1000", str(msi),
                     '"20100"', '"Value"', obs, '"%s"' % st, '"%s"' % stn,
                     '"F"', '"Free (free for publication)"', '"%s"' % urn,
                     str(offset), str(total)]
                lines.append(",".join(f))
                offset += 1
    assert offset == total
    write(FILES["claimant"], "\n".join(lines) + "\n")
    return vals


# --------------------------------------------------------------------------
# 2. Payrolled employees (HMRC PAYE RTI, seasonally adjusted), tidy CSV

PAYE_MONTHS = month_range(2019, 1, 2026, 10)
AREA_PAYE = [(mi(2019, 1), 1150.0), (mi(2020, 2), 1172.0), (mi(2020, 5), 1131.0),
             (mi(2020, 11), 1127.0), (mi(2021, 6), 1151.0), (mi(2021, 12), 1189.0),
             (mi(2022, 12), 1209.0), (mi(2023, 12), 1222.0), (mi(2024, 6), 1226.0),
             (mi(2024, 12), 1219.0), (mi(2025, 6), 1212.0), (mi(2025, 12), 1208.5),
             (mi(2026, 9), 1206.0), (mi(2026, 10), 1203.8)]
UK_PAYE = [(mi(2019, 1), 28900.0), (mi(2020, 2), 29100.0), (mi(2020, 11), 28250.0),
           (mi(2021, 12), 29400.0), (mi(2022, 12), 29900.0), (mi(2023, 12), 30200.0),
           (mi(2024, 6), 30350.0), (mi(2024, 12), 30300.0), (mi(2025, 6), 30240.0),
           (mi(2025, 12), 30190.0), (mi(2026, 10), 30120.0)]
PAYE_REGION_RATIO = 2.081  # region / area
PAYE_SHARE = {"E08000025": 0.390, "E08000026": 0.135, "E08000027": 0.107,
              "E08000028": 0.106, "E08000029": 0.085, "E08000030": 0.088,
              "E08000031": 0.089}


def make_payrolled():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["date", "geography_code", "geography_name",
                "payrolled_employees", "status"])
    last = PAYE_MONTHS[-1]
    drift = {c: 0.0 for c, _ in DISTRICTS}
    for (y, m) in PAYE_MONTHS:
        t = mi(y, m)
        wmca = interp(AREA_PAYE, t) * 1000.0
        v = {}
        for code, _ in DISTRICTS:
            drift[code] += noise(0.0008)
            v[code] = int(round(wmca * PAYE_SHARE[code] * (1 + drift[code])))
        v[AREA[0]] = sum(v[c] for c, _ in DISTRICTS)
        uk = interp(UK_PAYE, t) * 1000.0
        v[REGION[0]] = int(round(v[AREA[0]] * PAYE_REGION_RATIO * (1 + noise(0.0007))))
        v[UK[0]] = int(round(uk * (1 + noise(0.0003))))
        v[ENGLAND[0]] = int(round(v[UK[0]] * 0.8545))
        status = "p" if (y, m) == last else ""
        for code, name in ALL_PLACES:
            w.writerow(["%s %d" % (MONTHS[m - 1], y), code, name, v[code],
                        status])
    write(FILES["payrolled"], out.getvalue())


# --------------------------------------------------------------------------
# 3. Online job adverts (Adzuna via ONS), weekly index, 100 = Feb 2020 avg.
# Saved as Excel's "CSV UTF-8": byte order mark and CRLF line endings.

ADV_WEEKS = week_range(2019, 1, 2026, 46)
ADV_UK = [(wk(2019, 1), 96.0), (wk(2019, 26), 99.0), (wk(2020, 5), 100.0),
          (wk(2020, 11), 98.0), (wk(2020, 14), 52.0), (wk(2020, 20), 43.0),
          (wk(2020, 35), 68.0), (wk(2020, 50), 72.0), (wk(2021, 10), 80.0),
          (wk(2021, 30), 121.0), (wk(2022, 10), 136.0), (wk(2022, 40), 127.0),
          (wk(2023, 20), 111.0), (wk(2023, 50), 95.0), (wk(2024, 26), 92.0),
          (wk(2024, 50), 86.0), (wk(2025, 26), 86.5), (wk(2025, 50), 82.5),
          (wk(2026, 26), 84.5), (wk(2026, 42), 84.0), (wk(2026, 46), 83.2)]
# West Midlands relative to the UK: a slower Covid recovery, then close.
ADV_REGION_REL = [(wk(2019, 1), 1.0), (wk(2020, 11), 1.0), (wk(2020, 20), 0.93),
              (wk(2021, 30), 0.96), (wk(2022, 40), 1.03), (wk(2024, 26), 1.04),
              (wk(2026, 46), 1.05)]
ADV_CATS = [("Total", 1.0), ("Manufacturing", 0.9),
            ("Logistics / Warehouse", 1.12), ("Healthcare & Nursing", 1.22)]


def christmas_dip(y, w):
    if w >= 52 or (w == 51 and y != 2020):
        return 0.78
    if w == 1:
        return 0.86
    return 1.0


def make_adverts():
    raw = {}
    for code, rel in ((REGION[0], ADV_REGION_REL), (UK[0], None)):
        for cat, k in ADV_CATS:
            if code == REGION[0] and cat != "Total":
                continue
            for (y, w) in ADV_WEEKS:
                t = wk(y, w)
                base = interp(ADV_UK, t)
                if rel:
                    base *= interp(rel, t)
                if cat != "Total":
                    # Categories diverge after the pandemic.
                    base *= 1 + (k - 1) * min(1.0, max(0.0, (t - wk(2020, 11)) / 80.0))
                raw[(code, cat, y, w)] = base * christmas_dip(y, w) * (1 + noise(0.018))
    # Rebase each series so its February 2020 weeks average exactly 100.
    feb = [(y, w) for (y, w) in ADV_WEEKS
           if datetime.date.fromisocalendar(y, w, 5).strftime("%Y-%m") == "2020-02"]
    out = io.StringIO()
    wr = csv.writer(out, lineterminator="\n")
    wr.writerow(["date", "week", "region_code", "region_name", "category",
                 "adverts_index"])
    for code in (REGION[0], UK[0]):
        for cat, _ in ADV_CATS:
            if (code, cat, 2019, 1) not in raw:
                continue
            base = sum(raw[(code, cat, y, w)] for (y, w) in feb) / len(feb)
            for (y, w) in ADV_WEEKS:
                fri = datetime.date.fromisocalendar(y, w, 5)
                v = 100.0 * raw[(code, cat, y, w)] / base
                wr.writerow([fri.isoformat(), "%04d-W%02d" % (y, w), code,
                             NAMES[code], cat, "%.1f" % v])
    write(FILES["adverts"],
          "\ufeff" + out.getvalue(), newline="\r\n")


# --------------------------------------------------------------------------
# 4. Regional PMI (NatWest), monthly, CKAN datastore_search JSON

PMI_MONTHS = month_range(2019, 1, 2026, 10)
PMI_REGION = {"business_activity": [
    (mi(2019, 1), 50.8), (mi(2019, 6), 49.2), (mi(2019, 12), 49.6),
    (mi(2020, 1), 51.6), (mi(2020, 2), 52.0), (mi(2020, 3), 36.1),
    (mi(2020, 4), 12.5), (mi(2020, 5), 28.4), (mi(2020, 6), 47.8),
    (mi(2020, 7), 58.0), (mi(2020, 8), 60.7), (mi(2020, 9), 58.5),
    (mi(2020, 10), 51.2), (mi(2020, 11), 45.9), (mi(2020, 12), 50.3),
    (mi(2021, 1), 40.8), (mi(2021, 3), 55.1), (mi(2021, 5), 63.4),
    (mi(2021, 7), 59.6), (mi(2021, 12), 54.0), (mi(2022, 6), 52.6),
    (mi(2022, 10), 48.2), (mi(2022, 12), 49.0), (mi(2023, 4), 52.4),
    (mi(2023, 10), 49.6), (mi(2024, 3), 52.9), (mi(2024, 9), 52.1),
    (mi(2024, 12), 50.4), (mi(2025, 4), 48.6), (mi(2025, 9), 50.6),
    (mi(2025, 12), 50.9), (mi(2026, 2), 51.2), (mi(2026, 4), 49.0),
    (mi(2026, 7), 51.5), (mi(2026, 9), 49.4), (mi(2026, 10), 50.6)],
    "future_activity": [
    (mi(2019, 1), 62.0), (mi(2020, 2), 68.0), (mi(2020, 4), 44.0),
    (mi(2020, 8), 66.0), (mi(2020, 11), 63.0), (mi(2021, 5), 80.5),
    (mi(2022, 6), 64.0), (mi(2022, 10), 58.0), (mi(2023, 6), 66.0),
    (mi(2024, 6), 67.5), (mi(2024, 11), 61.0), (mi(2025, 6), 62.5),
    (mi(2026, 6), 64.0), (mi(2026, 10), 63.2)],
    "employment": [
    (mi(2019, 1), 50.5), (mi(2020, 2), 50.8), (mi(2020, 4), 31.0),
    (mi(2020, 9), 44.0), (mi(2021, 6), 57.0), (mi(2022, 6), 54.0),
    (mi(2023, 6), 50.5), (mi(2024, 6), 50.2), (mi(2024, 12), 47.6),
    (mi(2025, 6), 47.9), (mi(2026, 6), 48.8), (mi(2026, 10), 48.4)]}
PMI_NAMES = {"business_activity": "Business Activity Index",
             "future_activity": "Future Activity Index",
             "employment": "Employment Index"}
PMI_RESOURCE = "6c2b7f0e-4d1a-4a5e-9b8f-0e7d3c1a2b45"


def make_pmi():
    records = []
    n = 0
    for code in (REGION[0], UK[0]):
        for meas in ("business_activity", "future_activity", "employment"):
            for (y, m) in PMI_MONTHS:
                t = mi(y, m)
                v = interp(PMI_REGION[meas], t)
                if code == UK[0]:
                    # The UK is a little steadier than the region.
                    v = 50 + (v - 50) * 0.9 + 0.4
                if (y, m) < (2026, 10):
                    v += noise(0.6)
                n += 1
                records.append({
                    "_id": n,
                    "month": "%04d-%02d" % (y, m),
                    "region_code": code,
                    "region_name": NAMES[code],
                    "measure": meas,
                    "measure_name": PMI_NAMES[meas],
                    "value": round(v, 1),
                })
    base = "/api/3/action/datastore_search?resource_id=%s&limit=1000" % PMI_RESOURCE
    doc = {
        "help": "https://%s/api/3/action/help_show?name=datastore_search" % CKAN_HOST,
        "success": True,
        "result": {
            "include_total": True,
            "limit": 1000,
            "records_format": "objects",
            "resource_id": PMI_RESOURCE,
            "total_estimation_threshold": None,
            "records": records,
            "fields": [
                {"id": "_id", "type": "int"},
                {"id": "month", "type": "text"},
                {"id": "region_code", "type": "text"},
                {"id": "region_name", "type": "text"},
                {"id": "measure", "type": "text"},
                {"id": "measure_name", "type": "text"},
                {"id": "value", "type": "numeric"},
            ],
            "_links": {"start": base,
                       "next": base.replace("?", "?offset=1000&", 1)},
            "total": len(records),
        },
    }
    write(FILES["pmi"], json.dumps(doc, ensure_ascii=False))


# --------------------------------------------------------------------------
# 5. Footfall, weekly, % of the same week in 2019

FF_WEEKS = week_range(2020, 1, 2026, 46)
FF_ALL = [(wk(2020, 1), 99.0), (wk(2020, 11), 96.0), (wk(2020, 12), 70.0),
          (wk(2020, 13), 19.0), (wk(2020, 20), 26.0), (wk(2020, 26), 45.0),
          (wk(2020, 32), 63.0), (wk(2020, 43), 64.0), (wk(2020, 45), 38.0),
          (wk(2020, 49), 62.0), (wk(2020, 51), 60.0), (wk(2021, 2), 31.0),
          (wk(2021, 14), 44.0), (wk(2021, 16), 66.0), (wk(2021, 25), 76.0),
          (wk(2021, 40), 82.0), (wk(2022, 1), 74.0), (wk(2022, 20), 85.0),
          (wk(2023, 20), 88.0), (wk(2024, 20), 89.0), (wk(2025, 20), 88.5),
          (wk(2026, 20), 87.5), (wk(2026, 46), 87.0)]
FF_TYPES = [("all", "All destinations", 1.0), ("high_street", "High streets", 0.99),
            ("shopping_centre", "Shopping centres", 0.92),
            ("retail_park", "Retail parks", 1.09)]
FF_PLACES = [(AREA[0], 0.99), ("E08000025", 0.95), (UK[0], 1.0)]
FF_CITY = "E08000025"  # city-centre offices empty for longer in 2020-21


def make_footfall():
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["week_ending", "iso_week", "area_code", "area_name",
                "location_type", "location", "footfall_pct_of_2019"])
    for code, pk in FF_PLACES:
        for lt, label, tk in FF_TYPES:
            for (y, wn) in FF_WEEKS:
                t = wk(y, wn)
                v = interp(FF_ALL, t)
                # Place and destination effects grow after the first lockdown.
                ramp = min(1.0, max(0.0, (t - wk(2020, 12)) / 30.0))
                v *= 1 + (pk - 1 + tk - 1) * ramp
                if code == FF_CITY and (2020, 13) <= (y, wn) <= (2021, 20):
                    v *= 0.9  # city centre offices empty for longer
                v *= 1 + noise(0.02)
                sun = datetime.date.fromisocalendar(y, wn, 7)
                w.writerow([sun.isoformat(), "%04d-W%02d" % (y, wn), code,
                            NAMES[code], lt, label, "%.0f" % v])
    write(FILES["footfall"], out.getvalue())


# --------------------------------------------------------------------------
# 6. GDP quarter-on-quarter growth, West Midlands: ONS time-series JSON

def quarters(y0, q0, y1, q1):
    out = []
    y, q = y0, q0
    while (y, q) <= (y1, q1):
        out.append((y, q))
        q += 1
        if q == 5:
            y, q = y + 1, 1
    return out


GVA_FIXED = {(2020, 1): -3.0, (2020, 2): -21.0, (2020, 3): 17.6,
             (2020, 4): 0.9, (2021, 1): -1.8, (2021, 2): 6.7,
             (2021, 3): 1.5, (2021, 4): 1.2, (2022, 1): 0.6,
             (2025, 4): 0.1, (2026, 1): 0.4, (2026, 2): 0.2}


def update_date(y, q):
    """Revision stamp: recent quarters revised at the latest release."""
    if (y, q) >= (2025, 1):
        return "2026-11-12T00:00:00.000Z"
    if (y, q) >= (2023, 1):
        return "2026-04-30T23:00:00.000Z"
    if (y, q) >= (2019, 1):
        return "2025-10-29T00:00:00.000Z"
    return "2024-10-30T00:00:00.000Z"


def make_gva():
    qs = []
    for (y, q) in quarters(2012, 1, 2026, 2):
        v = GVA_FIXED.get((y, q))
        if v is None:
            v = 0.45 + noise(0.35)
            if y == 2022 and q >= 3 or y == 2023:
                v -= 0.35
        qs.append({
            "date": "%d Q%d" % (y, q),
            "value": "%.1f" % v,
            "label": "%d Q%d" % (y, q),
            "year": str(y),
            "month": "",
            "quarter": "Q%d" % q,
            "sourceDataset": "RGDP",
            "updateDate": update_date(y, q),
        })
    last = qs[-1]
    doc = {
        "years": [],
        "quarters": qs,
        "months": [],
        "sourceDatasets": [],
        "relatedDatasets": [
            {"uri": "/economy/grossdomesticproductgdp/datasets/gdpukregionsandcountries"}],
        "relatedDocuments": [
            {"uri": "/economy/grossdomesticproductgdp/bulletins/gdpukregionsandcountries/latest"}],
        "relatedData": [
            {"uri": "/economy/grossdomesticproductgdp/timeseries/ihyq/qna"}],
        "versions": [],
        "type": "timeseries",
        "uri": "/economy/grossdomesticproductgdp/timeseries/%s/rgdp" % GVA_CDID.lower(),
        "description": {
            "title": "Gross Domestic Product: Quarter on Quarter growth: CVM SA %: " + GVA_REGION_NAME,
            "contact": {
                "email": "gdp.regional@ons.gov.uk",
                "name": "Regional Accounts team",
                "telephone": "+44 1633 456878",
            },
            "releaseDate": "2026-11-12T00:00:00.000Z",
            "nextRelease": "4 February 2027",
            "datasetId": "RGDP",
            "datasetUri": "/economy/grossdomesticproductgdp/datasets/gdpukregionsandcountries",
            "cdid": GVA_CDID,
            "unit": "%",
            "preUnit": "",
            "source": "",
            "date": last["date"],
            "number": last["value"],
            "keyNote": "Chained Volume Measures (CVM)",
            "sampleSize": "0",
        },
    }
    # The real ONS file: 2-space indent, no newline at the end.
    write(FILES["gva"],
          json.dumps(doc, indent=2, ensure_ascii=False))


# --------------------------------------------------------------------------
# 7. CPIH index (2015=100), UK: ONS beta API observations, unordered

CPIH = [(mi(2015, 1) , 99.6), (mi(2015, 12), 100.4), (mi(2016, 1), 100.1),
        (mi(2016, 9), 101.5), (mi(2017, 1), 102.0), (mi(2017, 9), 104.3),
        (mi(2018, 1), 104.6), (mi(2019, 1), 106.8), (mi(2020, 1), 108.6),
        (mi(2020, 8), 108.9), (mi(2021, 1), 109.7), (mi(2021, 10), 113.4),
        (mi(2022, 1), 115.1), (mi(2022, 10), 124.3), (mi(2023, 1), 124.8),
        (mi(2023, 10), 129.5), (mi(2024, 1), 129.8), (mi(2024, 10), 134.2),
        (mi(2025, 1), 134.6), (mi(2025, 10), 139.3), (mi(2026, 1), 139.6),
        (mi(2026, 9), 142.6), (mi(2026, 10), 143.0)]
CPIH_VERSION = "71"


def make_cpih():
    months = month_range(2015, 1, 2026, 10)
    vals = {}
    for (y, m) in months:
        v = interp(CPIH, mi(y, m))
        vals[(y, m)] = round(v + noise(0.05), 1)
    # The API returns observations grouped loosely by month name with the
    # years in no useful order (as in the real file); mimic that.
    order = [9, 10, 11, 12, 1, 3, 4, 5, 6, 7, 8, 2]
    obs = []
    for mo in order:
        years = [y for y in range(2015, 2027) if (y, mo) in vals]
        rng.shuffle(years)
        for y in years:
            label = "%s-%02d" % (MONTHS[mo - 1][:3], y % 100)
            obs.append({
                "dimensions": {
                    "time": {
                        "href": "https://api.beta.ons.gov.uk/v1/code-lists/time/codes/Month",
                        "id": "Month",
                        "label": label,
                    }
                },
                "observation": num(vals[(y, mo)]),
            })
    ver = "https://api.beta.ons.gov.uk/v1/datasets/cpih01/editions/time-series/versions/" + CPIH_VERSION
    doc = {
        "@context": "https://cdn.ons.gov.uk/assets/json-ld/context.json",
        "dimensions": {
            "aggregate": {"option": {
                "href": "https://api.beta.ons.gov.uk/v1/code-lists/cpih1dim1aggid/codes/cpih1dim1A0",
                "id": "cpih1dim1A0"}},
            "geography": {"option": {
                "href": "https://api.beta.ons.gov.uk/v1/code-lists/uk-only/codes/K02000001",
                "id": "K02000001"}},
        },
        "limit": 10000,
        "links": {
            "dataset_metadata": {"href": ver + "/metadata"},
            "self": {"href": ver + "/observations?time=*&geography=K02000001&aggregate=cpih1dim1A0"},
            "version": {"href": ver, "id": CPIH_VERSION},
        },
        "observations": obs,
        "offset": 0,
        "total_observations": len(obs),
        "unit_of_measure": "Index: 2015=100",
    }
    write(FILES["cpih"],
          json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------
# 8. Business counts (enterprises), annual: JSON-stat 2.0 dataset

BC_YEARS = list(range(2020, 2027))
BC_2020 = {"E08000025": 41850, "E08000026": 9620, "E08000027": 10890,
           "E08000028": 9940, "E08000029": 9310, "E08000030": 8870,
           "E08000031": 7650}
BC_GROWTH = {"E08000025": 0.024, "E08000026": 0.016, "E08000027": 0.008,
             "E08000028": 0.014, "E08000029": 0.011, "E08000030": 0.010,
             "E08000031": 0.013}
BC_REGION_REST = 133500  # the region's enterprises outside the area, 2020
BC_SUPPRESSED = ("E08000029", "250+", 2020)  # one disclosive cell
BANDS = [("total", "Total"), ("0-9", "Micro (0 to 9)"),
         ("10-49", "Small (10 to 49)"), ("50-249", "Medium-sized (50 to 249)"),
         ("250+", "Large (250+)")]
BAND_SHARE = [0.893, 0.087, 0.0155, 0.0045]
# 2021 and 2022 dip (pandemic closures) on the trend.
BC_SHOCK = {2020: 1.0, 2021: 0.985, 2022: 0.99, 2023: 1.0, 2024: 1.0,
            2025: 1.0, 2026: 1.0}


def make_business():
    geos = [AREA] + DISTRICTS + [REGION, ENGLAND, UK]
    cube = {}
    for yr in BC_YEARS:
        tot = {}
        for code, _ in DISTRICTS:
            v = BC_2020[code] * (1 + BC_GROWTH[code]) ** (yr - 2020) * BC_SHOCK[yr]
            tot[code] = round5(v * (1 + noise(0.004)))
        tot[AREA[0]] = sum(tot[c] for c, _ in DISTRICTS)
        g = (1.012 ** (yr - 2020)) * BC_SHOCK[yr]
        tot[REGION[0]] = round5(tot[AREA[0]] + BC_REGION_REST * g * (1 + noise(0.003)))
        tot[ENGLAND[0]] = round5(2352000 * g * (1 + noise(0.002)))
        tot[UK[0]] = round5(2765000 * g * (1 + noise(0.002)))
        for code, _ in geos:
            parts = [round5(tot[code] * s * (1 + noise(0.01))) for s in BAND_SHARE[1:]]
            micro = tot[code] - sum(parts)
            for bi, v in enumerate([tot[code], micro] + parts):
                cube[(code, bi, yr)] = v
    values = []
    status = {}
    for gi, (code, _) in enumerate(geos):
        for bi in range(len(BANDS)):
            for yi, yr in enumerate(BC_YEARS):
                v = cube[(code, bi, yr)]
                flat = (gi * len(BANDS) + bi) * len(BC_YEARS) + yi
                # One suppressed cell (disclosive), not in the totals.
                if (code, BANDS[bi][0], yr) == BC_SUPPRESSED:
                    values.append(None)
                    status[str(flat)] = "c"
                else:
                    values.append(v)
    doc = {
        "version": "2.0",
        "class": "dataset",
        "href": "https://www.nomisweb.co.uk/api/v01/dataset/NM_142_1.jsonstat.json",
        "label": "UK Business Counts - enterprises by employment size band, %s and comparators, 2020-2026 (ILLUSTRATIVE VALUES)" % AREA_SHORT,
        "note": ["Counts are rounded to the nearest 5, so totals may differ from the sum of their parts.",
                 "Status c: suppressed to avoid disclosure."],
        "source": "Office for National Statistics, Inter-Departmental Business Register (UK Business: Activity, Size and Location)",
        "updated": "2026-09-24",
        "extension": {"contact": "idbrdas@ons.gov.uk"},
        "value": values,
        "status": status,
        "id": ["measure", "geography", "employment_sizeband", "time"],
        "size": [1, len(geos), len(BANDS), len(BC_YEARS)],
        "role": {"time": ["time"], "geo": ["geography"], "metric": ["measure"]},
        "dimension": {
            "measure": {
                "label": "measure",
                "category": {
                    "label": {"enterprises": "Count of enterprises"},
                    "unit": {"enterprises": {"label": "enterprises", "decimals": 0}},
                },
            },
            "geography": {
                "label": "geography",
                "category": {
                    "index": {code: i for i, (code, _) in enumerate(geos)},
                    "label": {code: name for code, name in geos},
                    "child": {AREA[0]: [c for c, _ in DISTRICTS]},
                },
            },
            "employment_sizeband": {
                "label": "employment size band",
                "category": {
                    "index": [b for b, _ in BANDS],
                    "label": {b: lab for b, lab in BANDS},
                },
            },
            "time": {
                "label": "2020-2026 (March of each year)",
                "category": {
                    "index": {str(y): i for i, y in enumerate(BC_YEARS)},
                },
            },
        },
    }
    text = json.dumps(doc, indent="\t", separators=(",", " : "),
                      ensure_ascii=False)
    write(FILES["business"], text)


def main():
    os.makedirs(OUT, exist_ok=True)
    make_claimant()
    make_payrolled()
    make_adverts()
    make_pmi()
    make_footfall()
    make_gva()
    make_cpih()
    make_business()


if __name__ == "__main__":
    main()
