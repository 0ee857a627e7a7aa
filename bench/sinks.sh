#!/bin/sh
# Prints the publishing sinks' figures: readings delivered vs produced across a
# broker and an influxd outage, seam-to-broker latency, publish throughput with
# 1,000 meters, CPU and RSS per frame with every sink on.
# Usage: bench/sinks.sh [SECONDS]   (release build, or debug when release does not
# build; real mosquitto and influxd on loopback)
set -eu
cd "$(dirname "$0")/.."
build=release
if ! { cmake --preset release >/dev/null && cmake --build --preset release -j2 --target meterd seamfeed >/dev/null 2>&1; }; then
	echo "(release does not build here: figures from the debug build)"
	build=debug
	cmake --preset debug >/dev/null
	cmake --build --preset debug -j2 --target meterd seamfeed >/dev/null
fi
for mode in outage latency throughput cost; do
	/usr/bin/python3 bench/sinks_bench.py $mode build/$build/meterd "${1:-30}"
done
