#!/usr/bin/env bash
# Runs integration tests again and again to catch rare hangs or flakes: the
# one test binary (server/tests/it) with a name filter per argument, each run
# limited to 5 minutes; a non-zero code prints the tail.
#   cargo test --workspace --test it --no-run && bench/repeat-tests.sh 10 codesign_pages assumptions admin
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=${1:?rounds}; shift
bin=$(ls -t target/debug/deps/it-* | grep -v '\.d$' | head -1)
for i in $(seq 1 "$rounds"); do
  for t in "$@"; do
    start=$(date +%s)
    timeout 300 "$bin" -q "$t" > "/tmp/repeat-$t.log" 2>&1; rc=$?
    echo "$i $t rc=$rc $(( $(date +%s) - start ))s"
    [ "$rc" -eq 0 ] || tail -20 "/tmp/repeat-$t.log"
  done
done
