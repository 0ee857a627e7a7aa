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

# CPU seconds of a command (user + system): the machine may be shared, so
# wall time alone says little.
cpu() {
	python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%.2f" % (r.ru_utime + r.ru_stime))' "$@"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
head -c "${mb}000000" /dev/urandom >"$tmp/random.bin"
t0=$(date +%s.%N)
c=$(cpu $meterd decode --protocol modbus "$tmp/random.bin")
t1=$(date +%s.%N)
echo "modbus decode, $mb MB random bytes: $c s CPU ($(rate 0 "$c" "$mb") MB/s), $(secs "$t0" "$t1") s wall"

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
c=$(cpu $meterd run -n -c "$tmp/big.conf")
t1=$(date +%s.%N)
echo "check a 100,000-line configuration: $c s CPU, $(secs "$t0" "$t1") s wall"

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
"$tmp/root/usr/bin/meterd" run -c "$tmp/home.conf" --print >"$tmp/out" 2>/dev/null &
run=$!
while [ ! -s "$tmp/out" ]; do sleep 0.05; done
t1=$(date +%s.%N)
kill $run $sim
echo "fresh clone -> package -> first value from the installed binary: $(secs "$t0" "$t1") s"
echo "package $(basename "$deb"): $(stat -c %s "$deb") bytes, Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB"
