#!/usr/bin/env bash
# Governance summary latency at N synthetic ratings, on one engine.
#   bench/summary.sh sqlite 1000000
#   bench/summary.sh postgres 100000
#   bench/summary.sh postgres 100000 97   # national: 98 municipalities × N
# Needs the release build (make build). Prints the seed time and the p50/p95
# of 200 summary requests (a year, all services), after 20 warm-up requests.
# With a third argument ALSO, `seed-load --also ALSO` writes N ratings for
# each of ALSO more municipalities, all in the cross-municipality comparison,
# and the comparison table is timed as well: its first request apart (it
# computes every member's means), then 200 after 20 warm-up (which read the
# means kept for COMPARISON_TTL, and the own figures fresh).
set -euo pipefail
shopt -s inherit_errexit
engine=${1:?sqlite or postgres}; n=${2:?number of ratings}; also=${3:-}
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
"$bin" seed-load --municipality demo --ratings "$n" ${also:+--also "$also"} >&2
seeded=$(echo "$(date +%s.%N) - $start" | bc)
token=$("$bin" token create --municipality demo --name bench | tail -1)
"$bin" serve --addr "127.0.0.1:$port" >"$work/serve.log" 2>&1 & server=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
year=$(date +%Y)
api="http://127.0.0.1:$port/api/v1/municipalities/demo"
# The seconds one request of $1 took; stops the run unless it answered 200.
get() {
  local out; out=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Authorization: Bearer $token" "$1")
  [ "${out%% *}" = 200 ] || { echo "GET $1 answered ${out%% *}" >&2; exit 1; }
  echo "${out#* }"
}
# "p50 p95" in ms of 200 requests of $1, after 20 warm-up.
timed() {
  for _ in $(seq 20); do get "$1" >/dev/null; done
  for _ in $(seq 200); do get "$1"; done | sort -n > "$work/times"
  printf '%.1f %.1f' "$(echo "$(sed -n 100p "$work/times") * 1000" | bc)" "$(echo "$(sed -n 190p "$work/times") * 1000" | bc)"
}
u="$api/summary?from=$year-01-01&to=$year-12-31"
read -r p50 p95 <<<"$(timed "$u")"
cells=$(curl -sf -H "Authorization: Bearer $token" "$u" | grep -o '"criterion"' | wc -l)
if [ -z "$also" ]; then
  printf '%s\t%s ratings\tseed %.0f s\tsummary p50 %.1f ms\tp95 %.1f ms\t(%s criterion figures)\n' \
    "$engine" "$n" "$seeded" "$p50" "$p95" "$cells"
  exit 0
fi
c="$api/tables/comparison.csv?from=$year-01-01&to=$year-12-31"
first=$(echo "$(get "$c") * 1000" | bc)
read -r c50 c95 <<<"$(timed "$c")"
# Criteria with a median (needs 5 municipalities with a released mean).
medians=$(curl -sf -H "Authorization: Bearer $token" "$c" | tail -n +2 | awk -F';' '$4 != "" && $4 != "\r"' | wc -l)
printf '%s\t%s × %s ratings\tseed %.0f s\tsummary p50 %.1f ms\tp95 %.1f ms\tcomparison first %.0f ms\tp50 %.1f ms\tp95 %.1f ms\t(%s criterion figures, %s medians)\n' \
  "$engine" "$((also + 1))" "$n" "$seeded" "$p50" "$p95" "$first" "$c50" "$c95" "$cells" "$medians"
