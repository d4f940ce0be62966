#!/usr/bin/env bash
# CPU seconds per 1,000 stored ratings (issue 18): the machine-independent
# cost of a rating. wrk posts ratings for N seconds (bench/rate.lua, 64
# connections); CPU is read from /proc before and after, for the server
# process and, on PostgreSQL, every postgres process (the backends doing
# the writes, the WAL writer, the checkpointer).
#   bench/cpu.sh sqlite|postgres [seconds]
# Prints: engine, stored ratings, server CPU s, database CPU s, CPU s per 1,000.
set -euo pipefail
engine=${1:?sqlite or postgres}; seconds=${2:-10}
bin=${STEMME_BIN:-target/release/stemme}
. bench/serve.sh
tick=$(getconf CLK_TCK)
# utime + stime of the given processes, in clock ticks.
ticks() { local t=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }
db_pids() { if [ "$engine" = postgres ]; then pgrep -x postgres || true; fi; }
# Warm up (connections opened, caches filled), then measure.
wrk -t2 -c64 -d2s -s bench/rate.lua "$base" >/dev/null
s0=$(ticks "$server"); d0=$(ticks $(db_pids))
out=$(wrk -t2 -c64 -d"${seconds}s" -s bench/rate.lua "$base")
s1=$(ticks "$server"); d1=$(ticks $(db_pids))
total=$(echo "$out" | awk '/requests in/ {print $1}')
bad=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ {print $5}')
stored=$((total - ${bad:-0}))
awk -v e="$engine" -v n="$stored" -v s=$((s1 - s0)) -v d=$((d1 - d0)) -v hz="$tick" 'BEGIN {
  printf "%s\t%d stored\tserver %.2f CPU s\tdatabase %.2f CPU s\t%.3f CPU s per 1,000 ratings\n", e, n, s / hz, d / hz, (n > 0 ? (s + d) / hz / n * 1000 : 0)
}'
