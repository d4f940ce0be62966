#!/usr/bin/env bash
# Governance summary latency at N synthetic ratings, on one engine.
#   bench/summary.sh sqlite 1000000
#   bench/summary.sh postgres 100000
# Needs the release build (make build). Prints the seed time and the p50/p95
# of 200 summary requests (a year, all services), after 20 warm-up requests.
set -euo pipefail
engine=${1:?sqlite or postgres}; n=${2:?number of ratings}
bin=${STEMME_BIN:-target/release/stemme}
port=$((20000 + RANDOM % 20000))
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"; [ "$engine" = postgres ] && psql -q postgres://postgres@127.0.0.1:5432/postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" || true' EXIT
case $engine in
  sqlite) url="sqlite:$work/bench.db" ;;
  postgres) db="stemme_bench_$$"; psql -q postgres://postgres@127.0.0.1:5432/postgres -c "CREATE DATABASE $db"; url="postgres://postgres@127.0.0.1:5432/$db" ;;
  *) echo "engine must be sqlite or postgres" >&2; exit 2 ;;
esac
export DATABASE_URL=$url LEPTOS_SITE_ROOT=target/site
start=$(date +%s.%N)
"$bin" migrate >/dev/null
"$bin" serve --addr "127.0.0.1:$port" --demo >"$work/seed.log" 2>&1 & server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
kill $server; wait $server 2>/dev/null || true
"$bin" seed-load --municipality demo --ratings "$n"
seeded=$(echo "$(date +%s.%N) - $start" | bc)
token=$("$bin" token create --municipality demo --name bench | tail -1)
"$bin" serve --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 & server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
year=$(date +%Y)
u="http://127.0.0.1:$port/api/v1/municipalities/demo/summary?from=$year-01-01&to=$year-12-31"
for _ in $(seq 20); do curl -sf -o /dev/null -H "Authorization: Bearer $token" "$u"; done
for _ in $(seq 200); do curl -sf -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" "$u"; done | sort -n > "$work/times"
p50=$(sed -n 100p "$work/times"); p95=$(sed -n 190p "$work/times")
cells=$(curl -sf -H "Authorization: Bearer $token" "$u" | grep -o '"criterion"' | wc -l)
printf '%s\t%s ratings\tseed %.0f s\tsummary p50 %.1f ms\tp95 %.1f ms\t(%s criterion figures)\n' \
  "$engine" "$n" "$seeded" "$(echo "$p50 * 1000" | bc)" "$(echo "$p95 * 1000" | bc)" "$cells"
