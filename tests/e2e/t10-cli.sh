#!/bin/sh
# t10-cli: the command line as a user meets it: help, version, usage
# errors (64), a missing config (66), a misspelt key (65 with position).
. "$(dirname "$0")/lib.sh"

run_eimon --help
expect_rc "--help exits 0" 0
expect_grep "--help shows the build command" "eimon build" "$T/stdout"
expect_grep "--help lists the exit codes" "75 locked" "$T/stdout"

run_eimon --version
expect_rc "--version exits 0" 0
expect_grep "--version prints the version" "^eimon [0-9][0-9.]*$" "$T/stdout"

run_eimon
expect_rc "no arguments is a usage error" 64
expect_grep "usage goes to stderr" "usage: eimon build" "$T/stderr"

run_eimon frobnicate
expect_rc "an unknown command exits 64" 64
expect_grep "the unknown command is named" "unknown command 'frobnicate'" "$T/stderr"

run_eimon build --colour
expect_rc "an unknown option exits 64" 64
expect_grep "the unknown option is named" "'--colour'" "$T/stderr"

run_eimon build --week 2026-47
expect_rc "a malformed week exits 64" 64

run_eimon check -c "$T/nowhere/monitor.yaml"
expect_rc "a missing config exits 66" 66
expect_grep "the missing file is named" "nowhere/monitor.yaml" "$T/stderr"

# A copy of the sample with 'feeds:' misspelt.
cp -r "$SAMPLE" "$T/wmca"
sed 's/^feeds:/feds:/' "$SAMPLE/monitor.yaml" >"$T/wmca/monitor.yaml"
line=$(grep -n '^feds:' "$T/wmca/monitor.yaml" | cut -d: -f1)
run_eimon check -c "$T/wmca/monitor.yaml" --week 2026-W47
expect_rc "check with feeds misspelt exits 65" 65
expect_grep "the message gives file, line, column and a suggestion" \
	"^eimon: $T/wmca/monitor.yaml:$line:1: unknown key 'feds' (did you mean 'feeds'?)$" \
	"$T/stderr"

run_eimon check -c "$SAMPLE/monitor.yaml" --week 2026-W47
expect_rc "check passes on the sample" 0

done_testing
