#!/bin/sh
# Prints the publishing sinks' figures: readings delivered vs produced across a
# broker and an influxd outage, seam-to-broker latency, publish throughput with
# 1,000 meters, CPU and RSS per frame with every sink on.
# Usage: bench/sinks.sh [SECONDS]     (release build; real mosquitto and influxd)
set -eu
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target meterd seamfeed >/dev/null
for mode in outage latency throughput cost; do
	/usr/bin/python3 bench/sinks_bench.py $mode build/release/meterd "${1:-30}"
done
