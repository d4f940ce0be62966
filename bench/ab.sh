#!/usr/bin/env bash
# Two builds of the server side by side on the rating page and a static
# file, alternating, each started fresh with the demo (SQLite), with the
# process's memory after the load:
#   bench/ab.sh path/to/stemme-a path/to/stemme-b [rounds] [seconds]
set -euo pipefail
a=${1:?first binary}; b=${2:?second binary}; rounds=${3:-3}; seconds=${4:-8}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
port=$((20000 + RANDOM % 20000)); base="http://127.0.0.1:$port"
for round in $(seq "$rounds"); do
  for bin in "$a" "$b"; do
    rm -f "$work"/ab.db*
    DATABASE_URL="sqlite:$work/ab.db" LEPTOS_SITE_ROOT=target/site "$bin" serve --addr "127.0.0.1:$port" --demo >/dev/null 2>&1 & pid=$!
    until curl -sf "$base/healthz" >/dev/null; do sleep 0.2; done
    curl -sf -o /dev/null "$base/k/demo/s/fgu"
    static=$(wrk -t2 -c64 -d"${seconds}s" "$base/pkg/stemme.css" | awk '/Requests\/sec/ {print $2}')
    page=$(wrk -t2 -c64 -d"${seconds}s" --latency "$base/k/demo/s/fgu" | awk '/Requests\/sec/ {r=$2} $1 == "99%" {q=$2} END {print r, "p99", q}')
    echo "round $round $bin: static $static req/s, page $page, rss $(ps -o rss= -p $pid) kB"
    kill $pid; wait $pid 2>/dev/null || true
  done
done
