#!/bin/sh
# Builds meterd and starts the demo: the README's first command.
# Extra arguments go to `meterd demo` (e.g. --print).
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release >/dev/null
cmake --build --preset release -j"$(nproc)" >/dev/null
exec build/release/meterd demo "$@"
