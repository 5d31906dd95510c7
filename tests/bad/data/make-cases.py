#!/usr/bin/env python3
"""make-cases.py - writes the case folders of tests/bad/data (run from the
top of the repository): one small monitor (01-ok) and each case as one
change to it. The `expected` files are not written here: they are what
`eimon check` printed, read and kept by hand."""
import os, shutil
root='tests/bad/data'
AREA='E47000099'; P1='E08000001'; P2='E08000002'; REG='E12000002'; UK='K02000001'
def data(skip=lambda g,m:False, year=2026):
    rows=['month,area_code,area_name,measure,category,value']
    names={AREA:'Test CA',P1:'Alpha',P2:'Beta',REG:'Test region',UK:'United Kingdom'}
    for g in [AREA,P1,P2,REG,UK]:
        for mth in range(1,11):
            for meas,base in (('count',1000),('rate',4.0)):
                if skip(g,meas): continue
                for cat in ('Total','Other'):
                    v=base*(1+ (sum(map(ord,g+cat))%7)/10.0)+mth*(3 if meas=='count' else 0.1)
                    rows.append('%d-%02d,%s,%s,%s,%s,%s'%(year,mth,g,names[g],meas,cat,round(v,1)))
    return '\n'.join(rows)+'\n'
MON='''# A small monitor for a data-check case (see ../README.md).
title: "Test monitor"
publisher: "Test"
template: "../../../../report_templates/weekly.yaml"
notes_dir: "notes"
editions_dir: "editions"
cache_dir: "cache"
out_dir: "out"
area: {code: "%(AREA)s", name: "Test Combined Authority", short_name: "Test CA"}
places:
  - {code: "%(P1)s", name: "Alpha"}
  - {code: "%(P2)s", name: "Beta"}
comparators:
  - {code: "%(REG)s", name: "Test region"}
  - {code: "%(UK)s", name: "United Kingdom", short_name: "UK"}
feeds:
  - id: "jobs"
    title: "Jobs"
    publisher: "Test"
    path: "data/jobs.csv"
    format: "csv"
    frequency: "month"
    max_age_days: 75
    mapping:
      period: "month"
      geography: "area_code"
      geography_name: "area_name"
      value: "value"
      dims: ["measure"]
      filter: {category: "Total"}
indicators:
  - id: "jobs_count"
    feed: "jobs"
    title: "Jobs"
    select: {measure: "count"}
    theme: "labour_market"
    tags: ["by_place"]
    compare: ["previous"]
  - id: "jobs_rate"
    feed: "jobs"
    title: "Jobs rate"
    unit: "percent"
    decimals: 1
    select: {measure: "rate"}
    theme: "labour_market"
    compare: ["previous"]
'''
ED='published: 2026-11-20\nlead: "A test edition."\n'
def case(name, exitc, mon_edit=lambda s:s, dat=None, ed=ED, pdf=None):
    d=os.path.join(root,name)
    if os.path.exists(d): shutil.rmtree(d)
    os.makedirs(d+'/data'); os.makedirs(d+'/editions'); os.makedirs(d+'/notes')
    open(d+'/notes/.keep','w').close()
    m=MON%dict(AREA=AREA,P1=P1,P2=P2,REG=REG,UK=UK)
    m2=mon_edit(m); assert name.startswith('01') or m2!=m or dat or ed!=ED, name
    open(d+'/monitor.yaml','w').write(m2)
    open(d+'/data/jobs.csv','w').write(dat or data())
    open(d+'/editions/2026-W47.yaml','w').write(ed)
    open(d+'/exit','w').write('%d\n'%exitc)
    if pdf: open(d+'/expected-pdf','w').write(pdf)
case('01-ok',0)
case('02-wrong-mapped-column',65,lambda s:s.replace('value: "value"','value: "valeu"'))
case('03-misspelt-filter',65,lambda s:s.replace('category: "Total"','category: "total"'))
case('04-select-value-typo',65,lambda s:s.replace('select: {measure: "rate"}','select: {measure: "rates"}'))
case('05-select-dimension-typo',65,lambda s:s.replace('select: {measure: "rate"}','select: {measur: "rate"}'))
case('06-data-misses-a-place',65,dat=data(lambda g,m:g==P2))
case('07-place-code-typo',65,lambda s:s.replace('code: "%s", name: "Beta"'%P2,'code: "E08000020", name: "Beta"'))
case('08-place-missing-allowed',0,lambda s:s.replace('    tags: ["by_place"]\n','    tags: ["by_place"]\n    allow_missing: ["places"]\n').replace('    theme: "labour_market"\n    compare: ["previous"]\n','    theme: "labour_market"\n    compare: ["previous"]\n    allow_missing: ["places"]\n'),dat=data(lambda g,m:g==P2))
case('09-chart-too-many-series',65,lambda s:s.replace('    select: {measure: "rate"}\n','    select: {measure: "rate"}\n    chart: {places: ["area", "places", "comparators"]}\n'))
case('10-area-not-published',65,dat=data(lambda g,m:g==AREA and m=='rate'))
case('11-published-before-week',65,ed='published: 2025-11-27\nlead: "A test edition."\n')
case('12-published-too-late',65,ed='published: 2026-12-21\nlead: "A test edition."\n')
case('13-region-role-missing-data',65,lambda s:s.replace('name: "Test region"}','name: "Test region"}\n  - {code: "E92000001", name: "England", role: "region"}'))
case('14-stale-feed',0,dat=data(year=2018),pdf="""No new figure for Jobs in the Test Combined Authority: the latest, 1,230, is for October 2018 (stale: older than 75 days).
October 2018 (stale)
Jobs in Test CA, latest October 2018 (stale)
(stale: no newer data published)
""")
case('15-label-too-long',65,lambda s:s.replace('name: "Alpha"}','name: "Alpha", short_name: "Alpha and the rest of its very long named metropolitan borough"}'))
case('16-bar-latest-older',0,dat='\n'.join(l for l in data().splitlines() if not l.startswith('2026-10,E08000002')) + '\n')
case('17-index-base-missing',65,lambda s:s.replace('    select: {measure: "rate"}\n','    select: {measure: "rate"}\n    chart: {index_to: "2025-06"}\n'))
case('18-filter-column-typo',65,lambda s:s.replace('filter: {category: "Total"}','filter: {categroy: "Total"}'))
