#!/usr/bin/env bash
# Ringside on real baresip instances on loopback (customer and agent), RUNS
# times in a row (default 50): the connector alone, then the engine with the
# sandbox CRM (Tasks written, none for do-not-log). Every run must pass.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
tests=(
  "cargo test -q -j2 -p ringside-softphone --test baresip_loopback -- --ignored"
  "cargo test -q -j2 -p ringside-engine --test baresip_calls -- --ignored"
)
cargo test -j2 -p ringside-softphone --test baresip_loopback --no-run >/dev/null
cargo test -j2 -p ringside-engine --test baresip_calls --no-run >/dev/null
pass=0
for _ in $(seq 1 "$runs"); do
  ok=1
  for t in "${tests[@]}"; do
    if ! out=$($t 2>&1); then
      ok=0
      # The panic's own lines first (a backtrace would push them out of the tail).
      echo "$out" | grep -A3 "panicked at" || true
      echo "$out" | tail -40
    fi
  done
  pass=$((pass + ok))
done
echo "baresip loopback: $pass of $runs runs passed"
[ "$pass" -eq "$runs" ]
