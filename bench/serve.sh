# Sourced by bench/http.sh and bench/cpu.sh (after setting `engine` and
# `bin`): a fresh database of that engine and the release server on it with
# the demo, behind a pretend proxy (`x-bench-source`, see rate.lua), so each
# wrk request can come from its own address. Sets `base`, `url`, `server`
# and `work`, and removes all of it on exit.
pg=postgres://postgres@127.0.0.1:5432
port=$((20000 + RANDOM % 20000)); base="http://127.0.0.1:$port"
work=$(mktemp -d); server=; db="stemme_bench_$$"
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; [ "$engine" = postgres ] && psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; true; }
trap cleanup EXIT
case $engine in
  sqlite) url="sqlite:$work/bench.db" ;;
  postgres) psql -q "$pg/postgres" -c "CREATE DATABASE $db"; url="$pg/$db" ;;
  *) echo "engine must be sqlite or postgres" >&2; exit 2 ;;
esac
DATABASE_URL=$url LEPTOS_SITE_ROOT=target/site "$bin" serve --addr "127.0.0.1:$port" --demo \
  --client-ip-header x-bench-source >"$work/serve.log" 2>&1 & server=$!
until curl -sf "$base/healthz" >/dev/null; do sleep 0.2; done
