#!/bin/sh
# Builds meterd and starts the demo: the README's first command.
# Prints the SENSOR JSON (--print); extra arguments go to `meterd demo`.
set -eu
cd "$(dirname "$0")/.."
scripts/deps.sh build
cmake --preset release >/dev/null
# The build shows its progress: a first build takes a minute (more on a Pi).
cmake --build --preset release -j"$(nproc)"
exec build/release/meterd demo --print "$@"
