#!/usr/bin/env bash
# Quickstart 1: starts Ringside on its embedded defaults — the demo softphone
# and a local store in ~/.local/share/ringside (RINGSIDE_DATA_DIR overrides).
set -euo pipefail
cd "$(dirname "$0")"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "Ringside's desktop app needs a display, and none was found (DISPLAY and WAYLAND_DISPLAY are unset)."
  echo "Try the headless demo instead:"
  echo "    cargo run -p ringside-cli -- run --demo"
  echo "or replay a scenario:"
  echo "    cargo run -p ringside-cli -- replay tests/scenarios/e2e-story.scenario"
  exit 2
fi
scripts/deps.sh run
npm --prefix ui run build --silent
exec cargo run -j2 -p ringside-app
