#!/bin/sh
# setup.sh - install the browser checks' npm packages (puppeteer-core,
# axe-core: the exact versions of package-lock.json) into
# tests/browser/node_modules, once; no browser is downloaded (the checks
# drive Debian's chromium). Fails loudly when npm cannot: the HTML
# edition is then untested, which must not pass silently.
set -u
here=$(cd "$(dirname "$0")" && pwd)
stamp="$here/node_modules/.package-lock.json"
if [ -f "$stamp" ] && [ ! "$here/package-lock.json" -nt "$stamp" ]; then
	exit 0
fi
command -v npm >/dev/null 2>&1 || {
	echo "eimon: npm is missing (sh scripts/deps.sh test installs it)" >&2
	exit 1
}
echo "eimon: installing the browser checks' npm packages" >&2
cd "$here" &&
PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund \
	--loglevel=error >&2 || {
	echo "eimon: npm ci failed in tests/browser" >&2
	exit 1
}
