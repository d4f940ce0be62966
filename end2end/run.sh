#!/usr/bin/env bash
# The browser tests against the release build on the engine DATABASE_URL
# names: start `stemme serve` from the repository root, run Playwright (its
# global setup waits for /healthz), stop the server. Exit code: Playwright's.
#   DATABASE_URL=sqlite:target/e2e/stemme.db end2end/run.sh [playwright args]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${STEMME_BIN:-target/release/stemme}
# Playwright reads the same variable (playwright.config.ts).
export STEMME_BASE_URL=${STEMME_BASE_URL:-http://127.0.0.1:3000}
addr=${STEMME_BASE_URL#http://}
log=$(mktemp)
"$bin" serve --addr "$addr" >"$log" 2>&1 & server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -f "$log"' EXIT
status=0
(cd end2end && npx playwright test "$@") || status=$?
if [ "$status" -ne 0 ]; then echo "--- server log (last 40 lines)"; tail -n 40 "$log"; fi
exit "$status"
