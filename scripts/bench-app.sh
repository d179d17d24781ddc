#!/usr/bin/env bash
# App benchmark: launch → first painted frame, and idle memory (PSS of the app
# and all its WebKit children) after 10 s, under Xvfb. Prints its figures.
#   scripts/bench-app.sh [runs] [binary]     (default: 5 runs, release build)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${RINGSIDE_IN_XVFB:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x900x24 -nolisten tcp" \
    dbus-run-session -- env RINGSIDE_IN_XVFB=1 bash ${BENCH_TRACE:+-x} "$0" "$@"
fi
runs=${1:-5}
bin=${2:-target/release/ringside-app}
if [ ! -x "$bin" ]; then
  echo "building $bin" >&2
  npm --prefix ui run build >/dev/null
  cargo build -j2 --release -p ringside-app >&2
fi

pss_tree() { # sum Pss (kB) over a pid and its descendants
  local pids=("$1") all=() p
  while [ ${#pids[@]} -gt 0 ]; do
    p=${pids[0]}; pids=("${pids[@]:1}"); all+=("$p")
    for c in $(pgrep -P "$p" || true); do pids+=("$c"); done
  done
  local total=0 kb
  for p in "${all[@]}"; do
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo "$total ${#all[@]}"
}

run_once() {
  local dir log t0 paint pid mem
  dir=$(mktemp -d); log="$dir/app.log"
  t0=$(date +%s%3N)
  RINGSIDE_DATA_DIR="$dir" NO_AT_BRIDGE=1 GTK_A11Y=none "$bin" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do
    grep -q "first paint" "$log" && break
    sleep 0.05
  done
  paint=$(grep -o 'epoch_ms=[0-9]*' "$log" | head -1 | cut -d= -f2)
  sleep 10
  mem=$(pss_tree "$pid")
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
  echo "$(( ${paint:-0} - t0 )) $mem"
}

echo "run  first_paint_ms  idle_pss_MB  processes"
for i in $(seq 1 "$runs"); do
  read -r ms kb n < <(run_once)
  printf "%3d  %14d  %11.1f  %9d\n" "$i" "$ms" "$(echo "$kb/1024" | bc -l)" "$n"
done
