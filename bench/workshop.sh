#!/usr/bin/env bash
# Workshop fan-out: N participants (default 2,000) in one workshop hold event
# streams open and vote about once a second; prints vote-to-presenter
# latency, snapshot rates and memory per stream. Three runs: one instance on
# SQLite, one on PostgreSQL, two instances sharing PostgreSQL (participants
# alternate between them, the presenter is on the second).
#   bench/workshop.sh [participants] [seconds]
# Needs the release build (make build).
set -euo pipefail
n=${1:-2000}; seconds=${2:-30}
bin=${STEMME_BIN:-target/release/stemme}
pg=postgres://postgres@127.0.0.1:5432
work=$(mktemp -d); pids=()
db="stemme_fanout_$$"
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$work"; psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; }
trap cleanup EXIT
cargo build -q --release -p server --example workshop_fanout
fanout=target/release/examples/workshop_fanout
password='blå hest spiser kage'

serve() { # url port; sets $pid (not in a subshell, so cleanup sees it too)
  # All phones come from 127.0.0.1: lift the per-address limits (joins,
  # answers, streams) as for a huge event behind one address; per-phone ones stay.
  DATABASE_URL=$1 LEPTOS_SITE_ROOT=target/site "$bin" serve --addr "127.0.0.1:$2" --demo --address-limit-scale 100 >"$work/serve-$2.log" 2>&1 &
  pid=$!; pids+=("$pid")
  until curl -sf "http://127.0.0.1:$2/healthz" >/dev/null; do sleep 0.2; done
}
facilitator() { echo "$password" | DATABASE_URL=$1 "$bin" user add --email f@bench.dk --municipality demo --role facilitator --password-stdin >/dev/null; }
run() { "$fanout" --email f@bench.dk --password "$password" --seconds "$seconds" "$@"; }

echo "== one instance, SQLite"
url="sqlite:$work/fanout.db"; serve "$url" 3101; a=$pid; facilitator "$url"
run --servers http://127.0.0.1:3101 --participants 1 --pids "$a" | sed 's/^/baseline (1 participant): /'
run --servers http://127.0.0.1:3101 --participants "$n" --pids "$a"
kill "$a"

echo "== one instance, PostgreSQL"
psql -q "$pg/postgres" -c "CREATE DATABASE $db"
url="$pg/$db"; serve "$url" 3102; a=$pid; facilitator "$url"
run --servers http://127.0.0.1:3102 --participants "$n" --pids "$a"

echo "== two instances, PostgreSQL (LISTEN/NOTIFY)"
serve "$url" 3103; b=$pid
run --servers http://127.0.0.1:3102,http://127.0.0.1:3103 --participants "$n" --pids "$a,$b"
