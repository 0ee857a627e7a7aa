#!/bin/sh
# Prints the web page's weight (gzip bytes of each embedded asset, what the
# first view loads, and all of it) and the time to the first live value in
# headless chromium against `meterd run` on a simulated meter (release build).
# Usage: bench/web-page.sh [RUNS]   (default 5)
set -eu
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target meterd >/dev/null
echo "page weight (gzip -9n, as embedded in the binary):"
# index.html pulls app.js, dom.js, style.css and settings.js (which asks whether
# parameters can be set); chart.js, raw.js and uPlot
# come with the first chart or the raw view.
ls build/release/web/*.gz | while read -r f; do
	n=$(basename "$f" .gz)
	case "$n" in index.html|app.js|dom.js|style.css|settings.js) when="first view" ;; *) when="on demand" ;; esac
	printf "  %-22s %7d bytes  %s\n" "$n" "$(wc -c < "$f")" "$when"
done
first=$(cat build/release/web/index.html.gz build/release/web/app.js.gz build/release/web/dom.js.gz build/release/web/settings.js.gz \
	build/release/web/style.css.gz | wc -c)
total=$(cat build/release/web/*.gz | wc -c)
echo "  first view:            $first bytes"
echo "  all assets:            $total bytes"
METERD=build/release/meterd RUNS="${1:-5}" timeout -k 5 300 node tests/browser/bench_web_page.mjs
