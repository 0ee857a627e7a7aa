#!/bin/sh
# Installs the Debian packages meterd's build, demo and tests need, when
# missing. Usage: scripts/deps.sh [build|test]   (default: test, the superset)
# Runs apt-get as root, or through sudo; does nothing when all are present.
set -eu

BUILD_PKGS="gcc make cmake pkg-config libc6-dev libmbedtls-dev"
TEST_PKGS="python3 clang libclang-rt-14-dev gcc-xtensa-lx106 picolibc-xtensa-lx106-elf
  socat xxd curl binutils python3-pymodbus
  mbpoll python3-serial python3-serial-asyncio
  ser2net"

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
[ -z "$missing" ] && exit 0

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
