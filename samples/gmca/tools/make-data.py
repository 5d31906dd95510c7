#!/usr/bin/env python3
"""Write the ILLUSTRATIVE data files of the GMCA sample monitor.

Every number this script writes is made up: plausible in size and shape
for Greater Manchester (pre-pandemic level, the 2020 Covid shock,
recovery, a 2026 level) but NOT real statistics. The file formats are the
publishers' real formats: the writers are those of the WMCA sample
(samples/wmca/tools/make-data.py), loaded as a module and given Greater
Manchester's places, levels and file names here.

Deterministic: a fixed seed, no clock, no network. Python 3 stdlib only.

    python3 samples/gmca/tools/make-data.py      # rewrites samples/gmca/data/
"""

import importlib.util
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
WMCA_TOOL = os.path.join(HERE, "..", "..", "wmca", "tools", "make-data.py")


def load_writers():
    spec = importlib.util.spec_from_file_location("wmca_make_data", WMCA_TOOL)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def configure(g):
    """Greater Manchester's parameters for the writers in module g."""
    g.OUT = os.path.join(os.path.dirname(HERE), "data")
    g.rng = random.Random(20261124)
    g.AREA = ("E47000001", "Greater Manchester Combined Authority")
    g.AREA_SHORT = "GMCA"
    g.DISTRICTS = [
        ("E08000001", "Bolton"),
        ("E08000002", "Bury"),
        ("E08000003", "Manchester"),
        ("E08000004", "Oldham"),
        ("E08000005", "Rochdale"),
        ("E08000006", "Salford"),
        ("E08000007", "Stockport"),
        ("E08000008", "Tameside"),
        ("E08000009", "Trafford"),
        ("E08000010", "Wigan"),
    ]
    g.REGION = ("E12000002", "North West")
    g.ALL_PLACES = [g.AREA] + g.DISTRICTS + [g.REGION, g.ENGLAND, g.UK]
    g.NAMES = dict(g.ALL_PLACES)
    g.FILES = dict(g.FILES,
                   claimant="nomis_NM_162_1_claimant_count_gmca.data.csv",
                   payrolled="hmrc_rti_payrolled_employees_gmca.csv",
                   gva="ons_timeseries_gdp_qoq_north_west.json")
    g.CKAN_HOST = "data.gmca.example.org"
    g.GVA_CDID = "NWGQ"
    g.GVA_REGION_NAME = "North West"

    # Claimant count: a little below the WMCA's level; Manchester a
    # quarter of it. Residents aged 16-64 (thousands) in mid-2019.
    g.AREA_CC = [(t, v * 0.86) for t, v in g.AREA_CC]
    g.CC_SHARE = {"E08000001": 0.100, "E08000002": 0.055,
                  "E08000003": 0.262, "E08000004": 0.098,
                  "E08000005": 0.090, "E08000006": 0.095,
                  "E08000007": 0.068, "E08000008": 0.080,
                  "E08000009": 0.050, "E08000010": 0.102}
    g.POP1664 = {"E08000001": 177.0, "E08000002": 116.0,
                 "E08000003": 410.0, "E08000004": 145.0,
                 "E08000005": 137.0, "E08000006": 168.0,
                 "E08000007": 180.0, "E08000008": 141.0,
                 "E08000009": 146.0, "E08000010": 203.0,
                 "E12000002": 4560.0, "E92000001": 35560.0,
                 "K02000001": 41900.0}
    g.CC_REGION_REST = 95000.0
    # Nomis ids: made up in the numbering of the real files.
    la = "local authorities: county / unitary (as of April 2023)"
    g.NOMIS_GEO = {code: ("17741906%02d" % (57 + i), la, 423)
                   for i, (code, _) in enumerate(g.DISTRICTS)}
    g.NOMIS_GEO.update({
        "E47000001": ("1853882369", "combined authorities", 447),
        "E12000002": ("2013265922", "regions", 480),
        "E92000001": ("2092957699", "countries", 499),
        "K02000001": ("2092957697", "countries", 499),
    })
    g.CC_MISSING = ("2019-06", "E08000005", 2)

    # Payrolled employees: Manchester and Trafford the largest employers.
    g.AREA_PAYE = [(t, v * 1.09) for t, v in g.AREA_PAYE]
    g.PAYE_REGION_RATIO = 2.37
    g.PAYE_SHARE = {"E08000001": 0.080, "E08000002": 0.050,
                    "E08000003": 0.320, "E08000004": 0.060,
                    "E08000005": 0.055, "E08000006": 0.090,
                    "E08000007": 0.100, "E08000008": 0.055,
                    "E08000009": 0.110, "E08000010": 0.080}

    # Job adverts and the PMI: the North West a little stronger than the
    # UK after 2022.
    g.ADV_REGION_REL = [(t, 1.0 + (v - 1.0) * 0.5 + (0.01 if t > 180 else 0))
                        for t, v in g.ADV_REGION_REL]
    g.PMI_REGION = {m: [(t, v + 0.4) for t, v in a]
                    for m, a in g.PMI_REGION.items()}

    # Footfall: the area, Manchester city centre and the UK.
    g.FF_PLACES = [(g.AREA[0], 0.98), ("E08000003", 0.97), (g.UK[0], 1.0)]
    g.FF_CITY = "E08000003"

    # GDP growth of the North West.
    g.GVA_FIXED = dict(g.GVA_FIXED)
    g.GVA_FIXED.update({(2025, 4): 0.2, (2026, 1): 0.3, (2026, 2): 0.4})

    # Enterprises, 2020.
    g.BC_2020 = {"E08000001": 9210, "E08000002": 7040, "E08000003": 24150,
                 "E08000004": 6420, "E08000005": 6330, "E08000006": 9280,
                 "E08000007": 11760, "E08000008": 6510, "E08000009": 11490,
                 "E08000010": 9020}
    g.BC_GROWTH = {"E08000001": 0.012, "E08000002": 0.011,
                   "E08000003": 0.026, "E08000004": 0.009,
                   "E08000005": 0.010, "E08000006": 0.022,
                   "E08000007": 0.012, "E08000008": 0.010,
                   "E08000009": 0.015, "E08000010": 0.011}
    g.BC_REGION_REST = 142000
    g.BC_SUPPRESSED = ("E08000002", "250+", 2020)


def main():
    g = load_writers()
    configure(g)
    g.main()


if __name__ == "__main__":
    main()
