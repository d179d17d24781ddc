#!/usr/bin/env bash
# Only the app crate (src-tauri/Cargo.toml) may depend on tauri: the core,
# engine and every other crate must build and run without a desktop.
set -euo pipefail
cd "$(dirname "$0")/.."
offenders=$(cargo metadata --format-version 1 --no-deps | python3 -c '
import json, sys
for p in json.load(sys.stdin)["packages"]:
    tauri = [d["name"] for d in p["dependencies"] if d["name"] == "tauri" or d["name"].startswith("tauri-")]
    if tauri and p["name"] != "ringside-app":
        print(p["name"] + " (" + ", ".join(tauri) + ")")
')
if [ -n "$offenders" ]; then
  echo "FAIL: only ringside-app may depend on tauri; these do too:" >&2
  echo "$offenders" >&2
  exit 1
fi
echo "ok: only ringside-app depends on tauri"
