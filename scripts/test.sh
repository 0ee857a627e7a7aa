#!/bin/sh
# Builds meterd and runs the whole test suite: the README's test command.
#   scripts/test.sh            debug build, every test
#   scripts/test.sh asan-ubsan the same under AddressSanitizer + UBSan
set -eu
cd "$(dirname "$0")/.."
preset="${1:-debug}"
scripts/deps.sh test
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j"$(nproc)"
ctest --preset "$preset" -j"$(nproc)"
