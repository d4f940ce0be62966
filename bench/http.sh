#!/usr/bin/env bash
# HTTP throughput on the release build, one engine per run, each figure
# against a baseline measured in the same run on the same machine:
#   - the rating page (SSR) vs a static file from the same server (wrk, 64
#     connections), with p99;
#   - durable rating submissions/s (wrk, 64 connections, bench/rate.lua) vs
#     a raw insert loop with the same durability settings (raw_insert).
#   bench/http.sh sqlite|postgres [seconds]
# Prints one tab-separated line per figure: engine, name, value, baseline, ratio, p99.
set -euo pipefail
engine=${1:?sqlite or postgres}; seconds=${2:-10}
bin=${STEMME_BIN:-target/release/stemme}
cargo build -q --release -p server --example raw_insert
. bench/serve.sh

# wrk --latency → "requests/s p99_ms non2xx total"
measure() {
  local out; out=$(wrk -t2 -c64 -d"${seconds}s" --latency "$@")
  echo "$out" >>"$work/wrk.log"
  local rps p99 bad total
  rps=$(echo "$out" | awk '/^Requests\/sec:/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" { v=$2; if (v ~ /us$/) { sub(/us$/, "", v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v*=1000 }; print v }')
  bad=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ {print $5}')
  total=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$rps ${p99:-0} ${bad:-0} $total"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

curl -sf -o /dev/null "$base/k/demo/s/fgu"
read -r static_rps static_p99 _ < <(measure "$base/pkg/stemme.css")
read -r page_rps page_p99 page_bad _ < <(measure "$base/k/demo/s/fgu")
[ "$page_bad" = 0 ] || { echo "rating page: $page_bad responses were not 2xx" >&2; exit 1; }
read -r rate_rps rate_p99 rate_bad total < <(measure -s bench/rate.lua "$base")
stored_rps=$(awk -v r="$rate_rps" -v bad="$rate_bad" -v t="$total" 'BEGIN { printf "%.0f", (t > 0 ? r * (t - bad) / t : 0) }')
kill "$server"; wait "$server" 2>/dev/null || true; server=

raw=$(target/release/examples/raw_insert --database-url "$url" --seconds "$seconds" | awk '{print $2}')
printf '%s\trating page (SSR)\t%.0f req/s\tstatic file %.0f req/s\t%s\tp99 %s ms (static %s ms)\n' \
  "$engine" "$page_rps" "$static_rps" "$(ratio "$page_rps" "$static_rps")" "$page_p99" "$static_p99"
printf '%s\trating submissions\t%s stored/s (%s of %s refused)\traw insert loop %s/s\t%s\tp99 %s ms\n' \
  "$engine" "$stored_rps" "$rate_bad" "$total" "$raw" "$(ratio "$stored_rps" "$raw")" "$rate_p99"
# PostgreSQL's own tool as a second baseline: one client inserting one row
# of the ratings table's shape per commit (issue 18).
pgbench=$(ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | tail -1 || true)
if [ "$engine" = postgres ] && [ -n "$pgbench" ]; then
  pgb="stemme_pgbench_$$"; admin=postgres://postgres@127.0.0.1:5432
  psql -q "$admin/postgres" -c "CREATE DATABASE $pgb"
  psql -q "$admin/$pgb" -c "CREATE TABLE ratings (id BIGSERIAL PRIMARY KEY, service_id BIGINT NOT NULL, device_hash TEXT NOT NULL,
    comment TEXT, age_band TEXT, came_from_service_id BIGINT, channel TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);
    CREATE INDEX ON ratings (device_hash, service_id, created_at); CREATE INDEX ON ratings (service_id, created_at);"
  echo "INSERT INTO ratings (service_id, device_hash, channel, created_at, updated_at) VALUES (1, md5(random()::text), 'web', 1, 1);" >"$work/one.sql"
  tps=$("$pgbench" -n -c 1 -T "$seconds" -f "$work/one.sql" "$admin/$pgb" 2>/dev/null | awk '/^tps/ {printf "%.0f", $3}')
  psql -q "$admin/postgres" -c "DROP DATABASE $pgb WITH (FORCE)"
  printf '%s\trating submissions vs pgbench\t%s stored/s\tpgbench -n -c 1, one row per commit: %s/s\t%s\t\n' \
    "$engine" "$stored_rps" "$tps" "$(ratio "$stored_rps" "$tps")"
fi
