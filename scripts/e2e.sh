#!/usr/bin/env bash
# End-to-end test of the real app: Xvfb display, a private session bus, and
# tauri-driver + WebKitWebDriver (the test starts tauri-driver itself).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_AT_BRIDGE=1
exec xvfb-run -a -s "-screen 0 1280x900x24 -nolisten tcp" \
  dbus-run-session -- \
  cargo test -j2 -p ringside-e2e --tests -- --ignored --test-threads=1 "$@"
