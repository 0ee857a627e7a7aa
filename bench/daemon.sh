#!/bin/sh
# Prints RSS and CPU of `meterd run` on the seed's three simulated meters,
# then CPU and latency with N (default 1000) simulated meters on loopback
# TCP. Usage: bench/daemon.sh [SECONDS] [N]     (release build)
set -eu
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target meterd >/dev/null
ulimit -n 8192 2>/dev/null || true
/usr/bin/python3 bench/daemon_bench.py seed build/release/meterd "${1:-60}"
/usr/bin/python3 bench/daemon_bench.py scale build/release/meterd "${1:-60}" "${2:-1000}"
