#!/bin/sh
# t51-security: the week cannot steer the output folder (--week ../x is a
# usage error), only http(s) URLs and no TLS off switch in monitor.yaml,
# and no secret (password in the URL, API key in the query, proxy
# password in https_proxy) is printed or written anywhere by a build.
. "$(dirname "$0")/lib.sh"

for w in ../x .. ../../etc/2026-W47 2026-W47/../.. /tmp/x 2026-W47/x; do
	run_eimon build -c "$SAMPLE/monitor.yaml" --offline --out "$T/out" --week "$w"
	expect_rc "--week '$w' is a usage error" 64
	expect_grep "--week '$w' is named" "--week wants YYYY-Www" "$T/stderr"
done
if [ -e "$T/out" ] || [ -e "$T/x" ]; then fail "no output folder made"; else
	ok "no output folder made"; fi

mkdir -p "$T/m"
cat >"$T/m/tpl.yaml" <<'YAML'
sections:
  - blocks:
      - type: lead
YAML
conf() { # conf FILE URL [extra feed line]
	cat >"$1" <<YAML
title: Security test
publisher: Test
area: {code: E47000007, name: West Midlands Combined Authority}
template: tpl.yaml
cache_dir: cache
feeds:
  - id: cc
    title: Claimant count
    publisher: ONS
    format: nomis-csv
    required: true
    timeout_s: 2
    url: "$2"
${3:-}
YAML
}

conf "$T/m/file.yaml" "file:///etc/passwd"
run_eimon check -c "$T/m/file.yaml" --week 2026-W47
expect_rc "a file:// feed URL is bad data" 65
expect_grep "file:// is refused" "only http:// and https:// URLs are allowed" "$T/stderr"

conf "$T/m/tls.yaml" "https://example.org/x.csv" "    verify: false"
run_eimon check -c "$T/m/tls.yaml" --week 2026-W47
expect_rc "verify: false is bad data" 65
expect_grep "verify is an unknown key" "unknown key 'verify'" "$T/stderr"

conf "$T/m/tls2.yaml" "https://example.org/x.csv" "    insecure: true"
run_eimon check -c "$T/m/tls2.yaml" --week 2026-W47
expect_rc "insecure: true is bad data" 65
expect_grep "insecure is an unknown key" "unknown key 'insecure'" "$T/stderr"

# Nothing listens on 127.0.0.1:1: the required feed is unavailable (69).
conf "$T/m/secret.yaml" "http://user:urlpass0@127.0.0.1:1/x.csv?geography=E08000025&uid=uidkey0&apikey=apikey0"
https_proxy=http://puser:proxypass0@127.0.0.1:1 \
http_proxy=http://puser:proxypass0@127.0.0.1:1 \
HTTPS_PROXY=http://puser:proxypass0@127.0.0.1:1 \
	run_eimon build -c "$T/m/secret.yaml" --week 2026-W47 --out "$T/m/out" -v
expect_rc "an unreachable required feed exits 69" 69
expect_grep "the feed is named" "required feed 'cc'" "$T/stderr"
for s in urlpass0 uidkey0 apikey0 proxypass0; do
	if grep -q "$s" "$T/stdout" "$T/stderr"; then
		fail "secret '$s' not printed"; sed 's/^/    /' "$T/stderr"
	else
		ok "secret '$s' not printed"
	fi
	if grep -rqa "$s" "$T/m/out" "$T/m/cache" 2>/dev/null; then
		fail "secret '$s' not written to out/ or cache/"
	else
		ok "secret '$s' not written to out/ or cache/"
	fi
done

done_testing
