#!/bin/sh
# The Settings view in headless chromium (tests/browser/web_settings.mjs):
# login, a parameter write that reaches the simulated regulator, read-back.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="${TEST_OUT:-$(pwd)}"
[ -d "$here/browser/node_modules/playwright-core" ] ||
	(cd "$here/browser" && npm ci --no-audit --no-fund --loglevel=error)
METERD="${METERD:-build/debug/meterd}" exec node "$here/browser/web_settings.mjs" "$out"
