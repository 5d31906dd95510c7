#!/bin/sh
# t80-html: the accessible HTML edition (issue 16). The sample's
# index.html and index-partners.html, and the unit test's page with every
# block kind, in Debian's chromium with axe-core (zero WCAG 2.0/2.1/2.2
# A and AA violations), reflow at 320 px, focus, no request leaving the
# page; screenshots at 320 and 1280 px kept in $EIMON_BUILD/html-shots;
# every number of the page is the PDF's, block by block, and every word a word of the PDF; the files are in
# manifest.json with their sha256, reproducible, published only when the
# template or monitor asks (outputs); no partners note in any public
# file; a note's <script> shows as text. No npm or no chromium is a
# failure, never a skip.
. "$(dirname "$0")/lib.sh"

week=2026-W47
browser="$EIMON_TOP/tests/browser"
shots="$EIMON_BUILD/html-shots"

# The sample with a logo (a small PNG made here): the masthead shows it.
mon="$T/mon"
copy_sample "$mon"
python3 - "$mon/logo.png" <<'PY'
import struct, sys, zlib
w, h = 96, 32
rows = b"".join(b"\0" + b"".join(
    bytes((255, 255, 255, 255 if (x // 8 + y // 8) % 2 else 0))
    for x in range(w)) for y in range(h))
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" +
    chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)) +
    chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY
printf 'logo: "logo.png"\n' >>"$mon/monitor.yaml"

out="$T/out"
run_eimon build -c "$mon/monitor.yaml" --week $week --offline --out "$out"
expect_rc "the sample builds" 0
ed="$out/$week"
expect_grep "the masthead shows the logo inline, named by the publisher" \
	'<img class="logo" src="data:image/png;base64,iVBORw0KGgo[A-Za-z0-9+/=]*" alt="WM REDI, City-REDI' "$ed/index.html"
check "index.html is published" test -s "$ed/index.html"
check "index-partners.html is published beside monitor-partners.pdf" \
	sh -c "test -s '$ed/index-partners.html' && test -s '$ed/monitor-partners.pdf'"
check "the charts' data is published as CSV" test -s "$ed/index-data.csv"
expect_grep "the CSV is tidy: chart, period, label, value" "^chart,period,label,value$" "$ed/index-data.csv"
nfig=$(grep -c '<figure ' "$ed/index.html")
check "every chart of the page ($nfig) has rows in it" \
	test "$(cut -d, -f1 "$ed/index-data.csv" | sed 1d | sort -u | wc -l)" -eq "$nfig"
check "the partners page has its own data file" test -s "$ed/index-partners-data.csv"

# Every file of the edition is in the manifest with its sha256.
check "manifest.json lists every file with its sha256" python3 - "$ed" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
outs = {o["name"]: o["sha256"] for o in m["outputs"]}
bad = 0
for f in os.listdir(d):
    if f == "manifest.json" or os.path.isdir(os.path.join(d, f)):
        continue
    h = hashlib.sha256(open(os.path.join(d, f), "rb").read()).hexdigest()
    if outs.get(f) != h:
        print("    %s: %s, manifest %s" % (f, h, outs.get(f))); bad = 1
for n in ("index.html", "index-partners.html", "index-data.csv"):
    if n not in outs:
        print("    %s is not in the manifest" % n); bad = 1
sys.exit(bad)
PY

# Reproducible: another build elsewhere makes the same bytes.
run_eimon build -c "$mon/monitor.yaml" --week $week --offline --out "$T/again"
for f in index.html index-partners.html index-data.csv; do
	check "$f is the same bytes on a second build" cmp -s "$ed/$f" "$T/again/$week/$f"
done

# No partners note in any public file: its words, its tag, its file name.
for w in "Tier 1 supplier in Solihull" "350 roles" "platform contract" \
	"Rapid Response Service" "PARTNERS ONLY" "partners-tier1"; do
	if cat "$ed/index.html" "$ed/index-data.csv" | grep -qF -- "$w"; then
		fail "no public page or data file says '$w'"
	else ok "no public page or data file says '$w'"; fi
done
expect_grep "the partners page has the partners note" "350 roles" "$ed/index-partners.html"
expect_grep "the partners page has the banner as text" '<p class="banner">Partners only' "$ed/index-partners.html"
if grep -q 'class="banner"' "$ed/index.html"; then fail "the public page has no banner"
else ok "the public page has no banner"; fi

# Hostile note: everything escaped, in the page's text and attributes.
s="$T/s"
copy_sample "$s"
cat >"$s/notes/$week/evil.yaml" <<'EOF'
date: 2026-11-19
source: "Evil <b>Org</b>"
cite_as: "an \"organisation\" <script>alert(2)</script>"
theme: "sectors"
headline: "Headline <script>alert(1)</script> & <img src=x onerror=alert(3)>"
body: |
  Body <script>alert(4)</script> with [a link](https://example.org/?a=1&b=2)
  and <iframe src="https://example.org"></iframe>.
sentiment: "neutral"
EOF
run_eimon build -c "$s/monitor.yaml" --week $week --offline --out "$T/evil"
expect_rc "a note with markup builds" 0
page="$T/evil/$week/index.html"
if grep -qiE '<(script|img|iframe)|<[^>]* onerror=' "$page"; then
	fail "no markup from a note gets into the page"
	grep -noiE '.{0,40}(<script|<img|<iframe|onerror=).{0,40}' "$page" | sed 's/^/    /' | head -5
else ok "no markup from a note gets into the page"; fi
expect_grep "the note's <script> shows as text" \
	'Headline &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img' "$page"

# outputs: the monitor can ask for the PDF only; html without pdf is an
# error with its position.
copy_sample "$T/p"
printf 'outputs: [pdf]\n' >>"$T/p/monitor.yaml"
run_eimon build -c "$T/p/monitor.yaml" --week $week --offline --out "$T/pdfonly"
expect_rc "outputs: [pdf] builds" 0
if ls "$T/pdfonly/$week" | grep -q 'html\|index-'; then
	fail "outputs: [pdf] publishes no page"
else ok "outputs: [pdf] publishes no page"; fi
copy_sample "$T/h"
printf 'outputs: [html, docx]\n' >>"$T/h/monitor.yaml"
run_eimon check -c "$T/h/monitor.yaml" --week $week
expect_rc "an unknown output is bad data" 65
expect_grep "and says where" "monitor.yaml:[0-9]*:[0-9]*:.*outputs" "$T/stderr"

# The browser: no npm or chromium fails here (CI must not skip this).
if ! sh "$browser/setup.sh"; then
	fail "the browser checks' npm packages are installed"
elif ! command -v "${EIMON_CHROMIUM:-/usr/bin/chromium}" >/dev/null 2>&1; then
	fail "chromium is installed (sh scripts/deps.sh test)"
else
	every="$T/every/every.html"
	mkdir -p "$T/every"
	EIMON_HTML_OUT="$every" "$EIMON_BUILD/tests/test_backend_html" >"$T/unit" 2>&1
	check "the unit test writes its page of every block kind" test -s "$every"
	rm -rf "$shots"
	node "$browser/check.js" "$shots" "$ed/index.html" \
		"$ed/index-partners.html" "alone:$every" >"$T/browser" 2>&1
	brc=$?
	cat "$T/browser"
	check "the browser checks ran and passed" test "$brc" -eq 0
	for p in index index-partners every; do
		check "$p: screenshots at 320 and 1280 px" \
			test -s "$shots/$p-320.png" -a -s "$shots/$p-1280.png"
	done
	# Every number of each block is the PDF's.
	pdftotext "$ed/monitor.pdf" "$T/pub.txt"
	pdftotext "$ed/monitor-partners.pdf" "$T/par.txt"
	python3 "$EIMON_TOP/tests/e2e/html_vs_pdf.py" "$shots/index.blocks.txt" "$T/pub.txt" ||
		_fails=$((_fails + 1))
	python3 "$EIMON_TOP/tests/e2e/html_vs_pdf.py" "$shots/index-partners.blocks.txt" "$T/par.txt" ||
		_fails=$((_fails + 1))
fi

done_testing
