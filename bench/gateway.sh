#!/bin/sh
# Prints the Modbus TCP gateway's throughput, added latency and CPU per
# forwarded request against direct RTU access on the same simulated
# 19200-baud TROVIS line (real timing), and the poll rate while 20 clients
# hammer the gateway. Usage: bench/gateway.sh [REQUESTS]   (release build)
set -eu
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target meterd >/dev/null
exec /usr/bin/python3 bench/gateway_bench.py build/release/meterd "${1:-200}"
