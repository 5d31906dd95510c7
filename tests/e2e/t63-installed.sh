#!/bin/sh
# t63-installed: an installed eimon finds the installed report templates,
# so a monitor.yaml can say `template: weekly` (or nothing at all).
. "$(dirname "$0")/lib.sh"

# The prefix is compiled into the binary, so its build folder is kept
# in build/installed (a rerun compiles only what changed) with a fixed
# prefix that is emptied before each install.
ib="$EIMON_TOP/build/installed"
rm -rf "$ib/prefix"
make -s -j"$(nproc 2>/dev/null || echo 2)" -C "$EIMON_TOP" BUILD="$ib/build" \
	PREFIX="$ib/prefix" install >"$T/make.log" 2>&1
ln -s "$ib/prefix" "$T/prefix"
check "make install into a prefix" test -x "$T/prefix/bin/eimon"
check "the templates are installed" \
	test -f "$T/prefix/share/eimon/report_templates/weekly.yaml"
check "the configuration reference is installed" \
	test -f "$T/prefix/share/doc/eimon/configuration.md"

cp -r "$SAMPLE" "$T/wmca"
sed 's|^template:.*|template: weekly|' "$SAMPLE/monitor.yaml" >"$T/wmca/monitor.yaml"
${EIMON_WRAP:-} "$T/prefix/bin/eimon" check -c "$T/wmca/monitor.yaml" \
	--week 2026-W47 >"$T/stdout" 2>"$T/stderr"
rc=$?
expect_rc "check finds the installed template named 'weekly'" 0
${EIMON_WRAP:-} "$T/prefix/bin/eimon" notes new -c "$T/wmca/monitor.yaml" \
	--week 2026-W47 --source "A chamber" --theme sectors >"$T/stdout" 2>"$T/stderr"
rc=$?
expect_rc "notes new finds the installed template named 'weekly' too" 0
sed '/^template:/d' "$SAMPLE/monitor.yaml" >"$T/wmca/monitor.yaml"
${EIMON_WRAP:-} "$T/prefix/bin/eimon" build -c "$T/wmca/monitor.yaml" \
	--week 2026-W47 --offline --out "$T/out" >"$T/stdout" 2>"$T/stderr"
rc=$?
expect_rc "without a template key the installed weekly one is used" 0
check "and the bulletin is built" test -s "$T/out/2026-W47/monitor.pdf"

done_testing
