#!/usr/bin/env bash
# The baresip connector against two real baresip instances on loopback
# (customer and agent), RUNS times in a row (default 50): every run must pass.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
test_cmd=(cargo test -q -j2 -p ringside-softphone --test baresip_loopback -- --ignored)
cargo test -j2 -p ringside-softphone --test baresip_loopback --no-run >/dev/null
pass=0
for _ in $(seq 1 "$runs"); do
  if out=$("${test_cmd[@]}" 2>&1); then
    pass=$((pass + 1))
  else
    echo "$out" | tail -40
  fi
done
echo "baresip loopback: $pass of $runs runs passed"
[ "$pass" -eq "$runs" ]
