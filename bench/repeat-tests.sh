#!/usr/bin/env bash
# Runs integration test binaries again and again to catch rare hangs or
# flakes (each run is limited to 5 minutes; a non-zero code prints the tail).
#   cargo test -p server --no-run && bench/repeat-tests.sh 10 codesign_pages assumptions admin
set -uo pipefail
cd "$(dirname "$0")/.."
rounds=${1:?rounds}; shift
for i in $(seq 1 "$rounds"); do
  for t in "$@"; do
    bin=$(ls -t target/debug/deps/"$t"-* | grep -v '\.d$' | head -1)
    start=$(date +%s)
    timeout 300 "$bin" -q > "/tmp/repeat-$t.log" 2>&1; rc=$?
    echo "$i $t rc=$rc $(( $(date +%s) - start ))s"
    [ "$rc" -eq 0 ] || tail -20 "/tmp/repeat-$t.log"
  done
done
