#!/bin/sh
# deps.sh build|test|valgrind|lint|fuzz - make sure the Debian packages
# eimon needs (for building, then for that kind of check) are here.
# As root, installs what is missing with apt-get; otherwise prints the exact
# command and fails.
set -u
what=${1:-build}
pkgs="build-essential pkg-config libcurl4-openssl-dev libcjson-dev libyaml-dev libhpdf-dev libpng-dev zlib1g-dev libdeflate-dev libcmark-dev libxlsxwriter-dev fonts-dejavu-core"
# chromium, nodejs and npm: the HTML edition's browser checks
# (tests/browser/, which npm-installs its pinned packages by itself)
test_pkgs="libcmocka-dev poppler-utils qpdf python3 python3-yaml python3-openpyxl fonts-liberation chromium nodejs npm python3-aiosmtpd"
case "$what" in
test) pkgs="$pkgs $test_pkgs" ;;
valgrind) pkgs="$pkgs $test_pkgs valgrind" ;;
lint) pkgs="$pkgs cppcheck clang-tidy" ;;
fuzz) pkgs="$pkgs clang libclang-rt-14-dev" ;;
esac
missing=""
for p in $pkgs; do
	# a python3, node or npm from elsewhere (nodesource's nodejs
	# carries its own npm) will do
	case "$p" in
	python3|npm) command -v "$p" >/dev/null 2>&1 && continue ;;
	nodejs) command -v node >/dev/null 2>&1 && continue ;;
	esac
	st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)
	case "$st" in
	*"install ok installed"*) ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "eimon: installing Debian packages:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null &&
	apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
	{ echo "eimon: apt-get install failed" >&2; exit 1; }
	exit 0
fi
echo "eimon: missing Debian packages. Run:" >&2
echo "  sudo apt-get install -y$missing" >&2
exit 1
