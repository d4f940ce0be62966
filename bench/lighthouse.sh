#!/usr/bin/env bash
# Lighthouse (mobile settings: a mid-range phone, simulated slow 4G) on the
# youth pages, in Debian's Chromium, against the release build on SQLite.
# Prints one table row per page: performance, accessibility, best practices.
#   bench/lighthouse.sh
set -euo pipefail
bin=${STEMME_BIN:-target/release/stemme}
tools=target/lighthouse
[ -x "$tools/node_modules/.bin/lighthouse" ] || npm install --prefix "$tools" --no-save --no-audit --no-fund lighthouse@13.5.0 >/dev/null
port=$((20000 + RANDOM % 20000)); base="http://127.0.0.1:$port"
work=$(mktemp -d)
DATABASE_URL="sqlite:$work/lh.db" LEPTOS_SITE_ROOT=target/site "$bin" serve --addr "127.0.0.1:$port" --demo --demo-ratings 200 >"$work/serve.log" 2>&1 & server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf "$base/healthz" >/dev/null; do sleep 0.2; done
for page in / /k/demo /k/demo/s/fgu /k/demo/forslag /k/demo/foreslaa /k/demo/resultater /w; do
  # Lighthouse sometimes fails to record a trace (NO_NAVSTART) on a busy
  # machine: try a page up to three times before giving up.
  for attempt in 1 2 3; do
    "$tools/node_modules/.bin/lighthouse" "$base$page" --quiet --output=json --output-path="$work/report.json" \
      --only-categories=performance,accessibility,best-practices --chrome-path=/usr/bin/chromium \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>"$work/lh.log" && break
    [ "$attempt" = 3 ] && { cat "$work/lh.log" >&2; exit 1; }
    echo "lighthouse failed on $page (attempt $attempt); again" >&2
  done
  python3 - "$work/report.json" "$page" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["categories"]
score = lambda k: round(c[k]["score"] * 100)
a = r["audits"]
print(f"| `{sys.argv[2]}` | {score('performance')} | {score('accessibility')} | {score('best-practices')} | "
      f"{a['first-contentful-paint']['displayValue']} | {a['largest-contentful-paint']['displayValue']} | {a['total-blocking-time']['displayValue']} |")
PY
done
