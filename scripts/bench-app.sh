#!/usr/bin/env bash
# App benchmark under Xvfb: launch → first painted frame, and idle memory
# (PSS of the app and all its WebKit children) after 10 s.
#   scripts/bench-app.sh [runs] [binary]      default: 5 runs of the release build
# Each run gets a fresh X display and D-Bus session, like a first launch after
# login. BENCH_SAME_SESSION=1 relaunches within one session instead.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=${2:-target/release/ringside-app}
xvfb() { xvfb-run -a -s "-screen 0 1280x900x24 -nolisten tcp" dbus-run-session -- "$@"; }

if [ "${RINGSIDE_BENCH_INNER:-}" != 1 ]; then
  if [ ! -x "$bin" ]; then
    echo "building $bin" >&2
    npm --prefix ui run build >/dev/null
    cargo build -j2 --release -p ringside-app >&2
  fi
  # first_paint_ms: exec → the UI's first frame; in_app_ms: main() → first frame.
  echo "run  first_paint_ms  in_app_ms  idle_pss_MB  processes"
  if [ "${BENCH_SAME_SESSION:-}" = 1 ]; then
    xvfb env RINGSIDE_BENCH_INNER=1 "$0" "$runs" "$bin" 2>/dev/null | grep -v SpiRegistry
  else
    for i in $(seq 1 "$runs"); do
      xvfb env RINGSIDE_BENCH_INNER=1 RUN_NO="$i" "$0" 1 "$bin" 2>/dev/null | grep -v SpiRegistry
    done
  fi
  exit 0
fi

pss_tree() { # prints: total Pss kB over a pid and its descendants, process count
  local pids=("$1") all=() p c total=0 kb
  while [ ${#pids[@]} -gt 0 ]; do
    p=${pids[0]}; pids=("${pids[@]:1}"); all+=("$p")
    for c in $(pgrep -P "$p" || true); do pids+=("$c"); done
  done
  for p in "${all[@]}"; do
    kb=$(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    total=$((total + ${kb:-0}))
  done
  echo "$total ${#all[@]}"
}

run_once() {
  local dir log t0 paint inapp pid
  dir=$(mktemp -d); log="$dir/app.log"
  t0=$(date +%s%3N)
  RINGSIDE_DATA_DIR="$dir" "$bin" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do grep -q "first paint" "$log" && break; sleep 0.05; done
  paint=$(grep -o 'epoch_ms=[0-9]*' "$log" | head -1 | cut -d= -f2 || true)
  inapp=$(grep -o 'since_launch_ms=[0-9]*' "$log" | tail -1 | cut -d= -f2 || true)
  sleep 10
  read -r kb n < <(pss_tree "$pid")
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do pgrep -f 'WebKit(Web|Network)Process' >/dev/null || break; sleep 0.05; done
  rm -rf "$dir"
  printf "%3d  %14d  %9d  %11.1f  %9d\n" "${RUN_NO:-$1}" "$(( ${paint:-0} - t0 ))" "${inapp:-0}" "$(echo "$kb/1024" | bc -l)" "$n"
}

for i in $(seq 1 "$runs"); do run_once "$i"; done
