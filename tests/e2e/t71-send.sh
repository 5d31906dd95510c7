#!/bin/sh
# t71-send: `eimon send` and `eimon build --send` (issue 19) against the
# SMTP server tests/smtp_server.py starts on 127.0.0.1 (plain, STARTTLS,
# implicit TLS; test-only certificate for IP 127.0.0.1): messages parsed
# back (headers, parts, attachment bytes equal to the published PDF), the
# partners/public split, an idempotent rerun and rebuild, resume after a
# dropped connection, 4xx and 5xx answers and a stalled server, plaintext
# refused unless configured, a wrong certificate refused, login, and the
# configurations refused with 65.
. "$(dirname "$0")/lib.sh"

week=2026-W47
CERT="$EIMON_TOP/tests/data/http/test_cert.pem"
KEY="$EIMON_TOP/tests/data/http/test_key.pem"

# Debian's python3 has python3-aiosmtpd; a python3 earlier on PATH may not
PY=
for p in /usr/bin/python3 python3; do
	if "$p" -c 'import aiosmtpd' 2>/dev/null; then PY=$p; break; fi
done
if [ -z "$PY" ]; then
	fail "python3-aiosmtpd is installed (scripts/deps.sh test)"
	exit 1
fi

MAIL="$T/mail"
mkdir -p "$MAIL"
"$PY" "$EIMON_TOP/tests/smtp_server.py" "$MAIL" "$CERT" "$KEY" >"$T/ports" 2>"$T/smtp.err" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$T"' EXIT
i=0
while [ ! -s "$T/ports" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
read -r PLAIN STARTTLS IMPLICIT <"$T/ports"
check "the SMTP server is up" test -n "$IMPLICIT"

# --- the monitor: the sample, two lists, one address on both --------------
M="$T/mon"
cp -r "$SAMPLE" "$M"
sed -i "s|^template: .*|template: \"$EIMON_TOP/report_templates/weekly.yaml\"|; s|^out_dir: .*|out_dir: \"out\"|" "$M/monitor.yaml"
sed "/^distribution:/,\$d" "$M/monitor.yaml" >"$M/base.yaml"
mkdir -p "$M/lists"
cat >"$M/lists/public.txt" <<'EOF'
# public list
alice@example.org
"Zoë Öffentlich" <zoe@example.org>
Both Lists <Both@Example.org>
EOF
cat >"$M/lists/partners.txt" <<'EOF'
Pat Partner <pat@partner.example>
both@example.org
EOF

# config PORT TLS [EXTRA-SMTP-LINE...]: monitor.yaml with a distribution
config() {
	_port=$1 _tls=$2; shift 2
	{
		cat "$M/base.yaml"
		cat <<EOF

distribution:
  smtp:
    host: "127.0.0.1"
    port: $_port
    tls: "$_tls"
    ca_file: "$CERT"
    timeout_s: ${TIMEOUT:-30}
EOF
		for l in "$@"; do echo "    $l"; done
		cat <<'EOF'
  from: "insight@example.org"
  from_name: "WM REDI Insight – the monitor"
  reply_to: "replies@example.org"
  list_unsubscribe: "mailto:insight@example.org?subject=unsubscribe"
  batch_size: 2
  batch_pause_s: 0
  retries: 1
  retry_delay_s: 0
  public:
    recipients: "lists/public.txt"
    attach: true
    public_url: "https://example.org/monitor/{week}/monitor.pdf"
  partners:
    recipients: "lists/partners.txt"
    attach: true
EOF
	} >"$M/monitor.yaml"
}

# send_expect "what" N: eimon send of the week exits N
send_expect() {
	run_eimon send -c "$M/monitor.yaml" --week $week
	expect_rc "$1" "$2"
}

set_mode() { printf '%s\n' "$1" >"$MAIL/mode.json"; }
clear_mail() { rm -f "$MAIL"/[0-9]*; }
count_mail() { ls "$MAIL" | grep -c '\.eml$'; }
ED="$M/out/$week"

# --- build --send: one message per reader, the right edition each -------------
config "$STARTTLS" starttls
run_eimon build -c "$M/monitor.yaml" --week $week --offline --send
expect_rc "build --send exits 0" 0
"$PY" "$EIMON_TOP/tests/mail_check.py" list "$MAIL" | sort >"$T/got"
cat >"$T/want" <<'EOF'
alice@example.org public monitor-2026-W47.pdf
both@example.org partners monitor-partners-2026-W47.pdf
pat@partner.example partners monitor-partners-2026-W47.pdf
zoe@example.org public monitor-2026-W47.pdf
EOF
expect_same "each public address one public message, each partners address one partners message (both lists: partners only)" "$T/want" "$T/got"
"$PY" "$EIMON_TOP/tests/mail_check.py" check "$MAIL" "$ED"
check "the messages parse back and carry the edition" test $? -eq 0
grep -l 'zoe@example.org' "$MAIL"/*.json | sed 's/json$/eml/' | head -1 >"$T/zoe"
"$PY" - "$(cat "$T/zoe")" >"$T/zoe.txt" <<'EOF'
import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(m["To"]); print(m["From"]); print(m["Date"]); print(m["List-Unsubscribe"])
EOF
expect_grep "a UTF-8 display name round-trips (RFC 2047)" "Zoë Öffentlich <zoe@example.org>" "$T/zoe.txt"
expect_grep "a UTF-8 sender name round-trips" "WM REDI Insight – the monitor" "$T/zoe.txt"
expect_grep "Date: the edition's publication date" "Fri, 20 Nov 2026 00:00:00 +0000" "$T/zoe.txt"
expect_grep "List-Unsubscribe" "<mailto:insight@example.org?subject=unsubscribe>" "$T/zoe.txt"
check "raw headers are encoded words, not 8-bit" grep -q '=?UTF-8?B?' "$(cat "$T/zoe")"
expect_grep "the link is the public_url with the week" "https://example.org/monitor/2026-W47/monitor.pdf" "$(cat "$T/zoe")"
# what the messages say (summary.json) is what the published PDF prints
pdftotext "$ED/monitor.pdf" "$T/pub.txt"
"$PY" - "$ED/summary.json" "$T/pub.txt" >"$T/inpdf" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
pdf = " ".join(open(sys.argv[2]).read().split())
items = [d["lead"], d["title"], d["date_text"]] + d["key_issues"] + d["headlines"]
print(sum(" ".join(x.split()) not in pdf for x in items), len(items))
EOF
check "every sentence the messages carry is in the published PDF" grep -qE '^0 [1-9]' "$T/inpdf"
check "the send log is in the edition folder" test -f "$ED/send-log.json"
"$PY" - "$ED" >"$T/verify" <<'EOF'
import hashlib, json, sys, os
d = sys.argv[1]
m = json.load(open(os.path.join(d, "manifest.json")))
outs = {o["name"]: o for o in m["outputs"]}
log = open(os.path.join(d, "send-log.json"), "rb").read()
o = outs.get("send-log.json")
print("listed" if o and o["sha256"] == hashlib.sha256(log).hexdigest() and o["bytes"] == len(log) else "unlisted")
print(len(json.loads(log)["sent"]))
EOF
check "the manifest lists the send log with its sha256" grep -qx listed "$T/verify"
check "the log has the four messages" grep -qx 4 "$T/verify"

# --- once: a rerun and a rebuild send nothing -----------------------------------
clear_mail
cp "$ED/manifest.json" "$T/manifest.before"
send_expect "a second send exits 0" 0
check "a second send sends nothing" test "$(count_mail)" -eq 0
run_eimon build -c "$M/monitor.yaml" --week $week --offline --send
expect_rc "a rebuild with --send exits 0" 0
check "a rebuild with --send sends nothing" test "$(count_mail)" -eq 0
expect_same "the rebuild kept the edition and its log" "$T/manifest.before" "$ED/manifest.json"

# --- dry run ---------------------------------------------------------------------
echo "new1@example.org" >>"$M/lists/public.txt"
run_eimon send -c "$M/monitor.yaml" --week $week --dry-run
expect_rc "a dry run exits 0" 0
expect_grep "a dry run lists who is owed" "^send public new1@example.org monitor.pdf" "$T/stdout"
expect_grep "a dry run lists who has had it" "^sent partners pat@partner.example monitor-partners.pdf" "$T/stdout"
check "a dry run sends nothing" test "$(count_mail)" -eq 0

# --- resume after a dropped connection --------------------------------------------
printf 'new2@example.org\nnew3@example.org\n' >>"$M/lists/public.txt"
set_mode '{"drop_after": 1}'
send_expect "a connection dropped part-way exits 75" 75
check "one message went before the drop" test "$(count_mail)" -eq 1
set_mode '{}'
send_expect "the rerun exits 0" 0
"$PY" "$EIMON_TOP/tests/mail_check.py" list "$MAIL" | cut -d' ' -f1 | sort >"$T/got"
printf 'new1@example.org\nnew2@example.org\nnew3@example.org\n' >"$T/want"
expect_same "the rerun sent only to those left, each once" "$T/want" "$T/got"

# --- 4xx, 5xx, stall ---------------------------------------------------------------
clear_mail
printf 'busy@example.org\nnew4@example.org\n' >>"$M/lists/public.txt"
set_mode '{"defer": ["busy@example.org"]}'
send_expect "a deferred recipient (451) exits 75" 75
expect_grep "the warning names the list and line" "public.txt:8: 'busy@example.org' deferred" "$T/stderr"
check "the others were sent" test "$(count_mail)" -eq 1
set_mode '{}'
send_expect "the rerun sends the deferred one" 0
check "only the deferred one" test "$(count_mail)" -eq 2

clear_mail
echo "nobody@example.org" >>"$M/lists/public.txt"
set_mode '{"reject": ["nobody@example.org"]}'
send_expect "a refused recipient (550) exits 65" 65
expect_grep "the error names the list file and line" "public.txt:10: 'nobody@example.org' was refused" "$T/stderr"
sed -i '/nobody@/d' "$M/lists/public.txt"

clear_mail
echo "slow@example.org" >>"$M/lists/public.txt"
set_mode '{"stall": 30}'
TIMEOUT=1
config "$STARTTLS" starttls
TIMEOUT=30
send_expect "a stalled server exits 75" 75
check "a stalled message is not in the log" test "$(grep -c slow@ "$ED/send-log.json")" -eq 0
set_mode '{}'
config "$STARTTLS" starttls
send_expect "the rerun after a stall exits 0" 0
check "the rerun sent it" grep -q slow@ "$ED/send-log.json"

# --- TLS ---------------------------------------------------------------------------
clear_mail
echo "tls1@example.org" >>"$M/lists/public.txt"
config "$PLAIN" starttls
send_expect "a server without STARTTLS is refused (69)" 69
expect_grep "the error says why" "STARTTLS" "$T/stderr"
check "nothing went in clear" test "$(count_mail)" -eq 0
config "$STARTTLS" starttls
sed -i "s|ca_file: .*|ca_file: \"/etc/ssl/certs/ca-certificates.crt\"|" "$M/monitor.yaml"
send_expect "an untrusted certificate is refused (69)" 69
config "$STARTTLS" starttls
sed -i 's|host: "127.0.0.1"|host: "localhost"|' "$M/monitor.yaml"
send_expect "a certificate for another name is refused (69)" 69
check "nothing was sent without a trusted certificate" test "$(count_mail)" -eq 0
config "$IMPLICIT" implicit
send_expect "implicit TLS sends" 0
check "over the implicit TLS port" grep -q '"implicit"' "$MAIL"/0001.json
echo "tls2@example.org" >>"$M/lists/public.txt"
config "$PLAIN" none
send_expect "plain SMTP when the config says tls: none" 0
check "over the plain port" grep -q '"plain"' "$MAIL"/0002.json

# --- login -------------------------------------------------------------------------
clear_mail
echo "auth1@example.org" >>"$M/lists/public.txt"
set_mode '{"login": ["eimon", "s3cret"]}'
printf 's3cret\n' >"$T/pw"
chmod 600 "$T/pw"
config "$STARTTLS" starttls 'username: "eimon"' "password_file: \"$T/pw\""
send_expect "login with a password file" 0
echo "auth2@example.org" >>"$M/lists/public.txt"
config "$STARTTLS" starttls 'username: "eimon"' 'password_env: "EIMON_T70_PW"'
EIMON_T70_PW=wrong send_expect "a refused login exits 65" 65
check "the password is not in the message" test "$(grep -c wrong "$T/stderr")" -eq 0
EIMON_T70_PW=s3cret send_expect "login with a password from the environment" 0
chmod 644 "$T/pw"
config "$STARTTLS" starttls 'username: "eimon"' "password_file: \"$T/pw\""
echo "auth3@example.org" >>"$M/lists/public.txt"
send_expect "a password file anyone can read is refused" 65
set_mode '{}'

# --- configurations refused ---------------------------------------------------------
config "$STARTTLS" starttls 'password: "x"'
send_expect "a password in monitor.yaml is refused" 65
expect_grep "and says where it goes" "password_file or password_env" "$T/stderr"
config "$PLAIN" none 'username: "eimon"' "password_file: \"$T/pw\""
send_expect "a login in clear is refused" 65
config "$STARTTLS" starttls
sed -i 's|lists/partners.txt|lists/public.txt|' "$M/monitor.yaml"
send_expect "both editions at one list is refused" 65
expect_grep "the error says so" "point at one list" "$T/stderr"
config "$STARTTLS" starttls
ln -s public.txt "$M/lists/same.txt"
sed -i 's|lists/partners.txt|lists/same.txt|' "$M/monitor.yaml"
send_expect "one list under two names is refused" 65
config "$STARTTLS" starttls
echo "not an address" >>"$M/lists/partners.txt"
send_expect "a bad line in a list is refused" 65
expect_grep "with its position" "partners.txt:3:1: 'not an address'" "$T/stderr"
sed -i '$d' "$M/lists/partners.txt"
printf '%0300d <long@example.org>\n' 0 >>"$M/lists/partners.txt"
send_expect "a name too long for a header line is refused" 65
sed -i '$d' "$M/lists/partners.txt"
cp "$M/base.yaml" "$M/monitor.yaml"
send_expect "no distribution section: 65" 65

config "$STARTTLS" starttls
sed -i 's|^    public_url: "https://example.org/monitor/{week}/monitor.pdf"|    public_url: "https://example.org/monitor/{week}/monitor-partners.pdf"|' "$M/monitor.yaml"
send_expect "a public list linking the partners edition is refused" 65

# --- a revision is not re-sent on its own; --resend sends it ----------------
config "$STARTTLS" starttls
send_expect "everyone is sent the first publication" 0
clear_mail
sed -i 's|^  This week the Autumn Budget|  Corrected: this week the Autumn Budget|' "$M/editions/$week.yaml"
run_eimon build -c "$M/monitor.yaml" --week $week --offline --send
expect_rc "a revised edition builds and sends" 0
check "it is a revision" test -d "$ED/previous/1"
check "the readers of the first publication are not sent it again" test "$(count_mail)" -eq 0
expect_grep "a warning says so" "earlier revision" "$T/stderr"
run_eimon send -c "$M/monitor.yaml" --week $week --resend
expect_rc "--resend sends the revision" 0
readers=$(grep -vc '^#' "$M/lists/public.txt")
check "to every reader once (partners list: both, public: the rest)" test "$(count_mail)" -eq $((readers + 1))
"$PY" "$EIMON_TOP/tests/mail_check.py" check "$MAIL" "$ED" >"$T/rev" 2>&1
check "the resent messages carry the revision" test $? -eq 0
check "with the corrected lead" grep -q "Corrected: this week" "$ED/summary.json"
run_eimon send -c "$M/monitor.yaml" --week $week
check "and a rerun after --resend sends nothing" test "$(count_mail)" -eq $((readers + 1))

# --- eimon check sees the section; a build holding the lock ---------------
config "$STARTTLS" starttls
sed -i '/^  from: /d' "$M/monitor.yaml"
run_eimon check -c "$M/monitor.yaml" --week $week
expect_rc "check refuses a distribution without a sender" 65
expect_grep "and says what is missing" "needs 'from'" "$T/stderr"
config "$STARTTLS" starttls
echo "locked@example.org" >>"$M/lists/public.txt"
# a stand-in for a running build: one process holding the flock
"$PY" -c 'import fcntl, sys, time
f = open(sys.argv[1], "a"); fcntl.flock(f, fcntl.LOCK_EX)
open(sys.argv[2], "w").close(); time.sleep(60)' "$M/out/.eimon.lock" "$T/locked" &
holder=$!
i=0
while [ ! -f "$T/locked" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
send_expect "a send while a build holds the lock exits 75" 75
check "and sends nothing" test "$(grep -c locked@ "$ED/send-log.json")" -eq 0
kill $holder
wait $holder 2>/dev/null
send_expect "once the lock is free it sends" 0

# --- no edition, no server -----------------------------------------------------------
config "$STARTTLS" starttls
run_eimon send -c "$M/monitor.yaml" --week 2026-W30
expect_rc "a week not built: 66" 66
"$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' >"$T/closed"
echo "down@example.org" >>"$M/lists/public.txt"
config "$(cat "$T/closed")" starttls
send_expect "a server that is down: 69" 69

done_testing
