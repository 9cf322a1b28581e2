#!/bin/sh
# Renders a capacity report (self-contained XHTML) to a PNG with headless Chromium, to look at it
# as a user would. Not needed by `make test`. Debian: apt-get install -y chromium
# Usage: scripts/render-report.sh REPORT.html OUT.png [WIDTH HEIGHT]
set -eu
report="$1"; png="$2"; width="${3:-1400}"; height="${4:-2600}"
command -v chromium >/dev/null 2>&1 || { echo "render-report: chromium not found (apt-get install -y chromium)" >&2; exit 1; }
case "$report" in /*) url="file://$report" ;; *) url="file://$(pwd)/$report" ;; esac
# --no-sandbox: running as root in a container; the page is our own file and loads nothing else.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size="$width,$height" \
  --screenshot="$png" "$url" 2>/dev/null
test -s "$png" && echo "rendered $report -> $png (${width}x${height})"
