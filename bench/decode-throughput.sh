#!/bin/sh
# Prints decode throughput (MB/s, frames/s) of each decoder over its fixture
# corpus, its context size, and heap allocations per frame (expected: 0).
set -eu
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" --target bench_decode >/dev/null
build/release/bench_decode tests/fixtures "${1:-1}"
