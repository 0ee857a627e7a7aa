#!/bin/sh
# Installs the Debian packages meterd's build, demo and tests need, when
# missing. Usage: scripts/deps.sh [build|test]   (default: test, the superset)
# Runs apt-get as root, or through sudo; does nothing when all are present.
set -eu

BUILD_PKGS="gcc make cmake pkg-config libc6-dev libcrypt-dev libsqlite3-dev libmicrohttpd-dev"
BUILD_PKGS="$BUILD_PKGS libmosquitto-dev libcurl4-openssl-dev"
BUILD_PKGS="$BUILD_PKGS libmbedtls-dev"
BUILD_PKGS="$BUILD_PKGS libjpeg62-turbo-dev libstb-dev zlib1g-dev"
TEST_PKGS="python3 clang libclang-rt-14-dev gcc-xtensa-lx106 picolibc-xtensa-lx106-elf
  socat xxd curl binutils python3-pymodbus
  mbpoll python3-serial python3-serial-asyncio
  ser2net
  chromium fonts-dejavu-core
  dpkg-dev debhelper lintian fakeroot systemd git adduser
  mosquitto mosquitto-clients influxdb influxdb-client prometheus openssl"

case "${1:-test}" in
build) want="$BUILD_PKGS" ;;
test) want="$BUILD_PKGS $TEST_PKGS" ;;
*) echo "usage: $0 [build|test]" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing="$missing $p"
done
# The page's uPlot and the browser tests' playwright-core come from npm. The
# nodesource "nodejs" package brings its own npm (and conflicts with Debian's
# "npm"): ask for Debian's nodejs + npm only when there is no npm at all.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"

# npm_ci DIR: installs DIR's locked npm packages when they are missing or older
# than DIR/package-lock.json (the npm registry must be reachable then).
npm_ci() {
	if [ -e "$1/node_modules/.package-lock.json" ] &&
		! [ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; then
		return 0
	fi
	echo "meterd: npm ci in $1" >&2
	(cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
}
root="$(cd "$(dirname "$0")/.." && pwd)"
npm_all() {
	npm_ci "$root/web"
	[ "${1:-test}" = build ] || npm_ci "$root/tests/browser"
}

if [ -z "$missing" ]; then
	npm_all "${1:-test}"
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	SUDO=""
elif command -v sudo >/dev/null 2>&1; then
	SUDO="sudo"
else
	echo "meterd: missing packages:$missing; run this as root or install sudo" >&2
	exit 1
fi
echo "meterd: installing$missing" >&2
$SUDO apt-get update -q >/dev/null
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
npm_all "${1:-test}"
