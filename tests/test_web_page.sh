#!/bin/sh
# test_web_page.sh - the web page in headless chromium against the real
# `meterd run` and a simulated meter: tests/browser/web_page.mjs says what
# is checked. Needs node, /usr/bin/chromium and playwright-core
# (tests/browser/package-lock.json): scripts/deps.sh installs all three.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
[ -x /usr/bin/chromium ] || { echo "FAIL: /usr/bin/chromium missing: run scripts/deps.sh test" >&2; exit 1; }
command -v node >/dev/null || { echo "FAIL: node missing: run scripts/deps.sh test" >&2; exit 1; }
[ -d "$here/browser/node_modules/playwright-core" ] ||
	{ echo "FAIL: playwright-core missing: run scripts/deps.sh test" >&2; exit 1; }
: "${METERD:=$here/../build/debug/meterd}"
export METERD
# own process group: whatever chromium leaves behind goes with it
exec timeout -k 5 120 node "$here/browser/web_page.mjs"
