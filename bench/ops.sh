#!/bin/sh
# Prints the operations figures of issues 11 and 15 (release build):
#   Modbus RTU decode MB/s on random bytes, RSS of `meterd decode` on an
#   endless stream, the time to check a 100,000-line configuration, the
#   unit's exposure score, and the Debian package's size and installed size
#   with the time from a fresh clone to a running service.
# Usage: bench/ops.sh [MB of random bytes, default 100]
set -eu
cd "$(dirname "$0")/.."
mb="${1:-100}"
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target meterd >/dev/null
meterd=build/release/meterd
tmp=$(mktemp -d)
# secs T0 T1 [DIV]: elapsed seconds (or DIV per second) with awk, not bc
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
rate() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.1f", n / (b - a) }'; }
trap 'rm -rf "$tmp"' EXIT

head -c "${mb}000000" /dev/urandom >"$tmp/random.bin"
t0=$(date +%s.%N)
$meterd decode --protocol modbus "$tmp/random.bin" >/dev/null
t1=$(date +%s.%N)
echo "modbus decode, $mb MB random bytes: $(secs "$t0" "$t1") s, $(rate "$t0" "$t1" "$mb") MB/s"

$meterd decode --protocol sml /dev/zero >/dev/null &
pid=$!
sleep 3
echo "decode /dev/zero after 3 s: RSS $(awk '/VmRSS/ {print $2, $3}' /proc/$pid/status), input read $(awk '/rchar/ {printf "%d MB", $2 / 1000000}' /proc/$pid/io)"
kill $pid
wait $pid 2>/dev/null || true

{
	echo "teleperiod 10s"
	echo "meter big {"
	echo "    port \"/dev/ttyUSB0\""
	echo "    protocol sml 9600 8N1"
	i=0
	while [ $i -lt 100000 ]; do
		echo "    value \"1-0:1.8.$i\" as \"v$i\""
		i=$((i + 1))
	done
	echo "}"
} >"$tmp/big.conf"
t0=$(date +%s.%N)
$meterd run -n -c "$tmp/big.conf" >/dev/null 2>&1 || true
t1=$(date +%s.%N)
echo "check a 100,000-line configuration: $(secs "$t0" "$t1") s"

cmake -S . -B "$tmp/unit" -DMETERD_TESTS=OFF -DCMAKE_INSTALL_PREFIX=/usr >/dev/null
sed "s#/usr/bin/meterd#$PWD/$meterd#" "$tmp/unit/meterd.service" >"$tmp/meterd.service"
systemd-analyze security --offline=true "$tmp/meterd.service" 2>/dev/null | tail -1

t0=$(date +%s.%N)
git clone -q . "$tmp/clone"
(cd "$tmp/clone" && DEB_BUILD_OPTIONS="parallel=$(nproc)" dpkg-buildpackage -b -us -uc >/dev/null 2>&1)
deb=$(ls "$tmp"/meterd_*.deb)
dpkg-deb -x "$deb" "$tmp/root"
"$tmp/root/usr/bin/meterd" sim ehz --pty "$tmp/ttyIR" >/dev/null 2>&1 &
sim=$!
while [ ! -e "$tmp/ttyIR" ]; do sleep 0.05; done
printf 'teleperiod 1s\nmeter power {\n    port "%s"\n    protocol sml 9600 8N1\n}\n' "$tmp/ttyIR" >"$tmp/home.conf"
"$tmp/root/usr/bin/meterd" run -c "$tmp/home.conf" --print 2>/dev/null | head -1 >/dev/null
t1=$(date +%s.%N)
kill $sim
echo "fresh clone -> package -> first value from the installed binary: $(secs "$t0" "$t1") s"
echo "package $(basename "$deb"): $(stat -c %s "$deb") bytes, Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB"
