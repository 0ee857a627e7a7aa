#!/bin/sh
# Prints the history store's figures (bench_history: ingest, one-year chart
# query, bytes per value per year) and the daemon's RSS and CPU per frame on
# the seed's simulated meters with the history store and the web server off,
# then on. Usage: bench/history.sh [SECONDS]      (release build)
set -eu
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target meterd bench_history >/dev/null
dir=$(mktemp -d /tmp/meterd-bench-history.XXXXXX)
trap 'rm -rf "$dir"' EXIT
build/release/bench_history "$dir"
/usr/bin/python3 bench/daemon_bench.py seed build/release/meterd "${1:-60}"
SINKS=1 /usr/bin/python3 bench/daemon_bench.py seed build/release/meterd "${1:-60}"
