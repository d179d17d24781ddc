#!/usr/bin/env bash
# Quickstart 2: the whole test suite, exactly as CI runs it (.ci/run calls this).
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TERM_COLOR=never NO_COLOR=1 CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

step() {
  local name=$1; shift
  printf '\n==> %s\n' "$name"
  local t0=$SECONDS
  "$@" 2>&1 | tee -a "$log"
  printf '    (%s: %ds)\n' "$name" $((SECONDS - t0))
}

step "dependencies" scripts/deps.sh test
step "rustfmt" cargo fmt --all -- --check
step "only the app crate depends on tauri" scripts/check-tauri-deps.sh
step "UI build" npm --prefix ui run build
step "clippy" cargo clippy --workspace --all-targets -- -D warnings
step "Rust tests" cargo test --workspace
step "sandbox CRM with third-party clients (simple-salesforce, jsforce)" cargo test -p ringside-sandbox --test third_party_client -- --ignored
step "OS keychains (keyutils, Secret Service)" scripts/keychain-tests.sh
step "baresip connector, two real baresip instances on loopback, 50 runs" scripts/baresip-tests.sh 50
step "SIPp: 200 calls in sequence to baresip, answered by Ringside" cargo test -j2 -p ringside-engine --test sipp_calls -- --ignored
step "Salesforce console component's logic (node:test, toolkit mocked)" node --test salesforce/test
step "ACD protocol: examples valid against the JSON schema" /usr/bin/python3 scripts/check-acd-schema.py
step "ACD socket with a third-party client (python websockets)" cargo test -p ringside-softphone --test acd_third_party -- --ignored
step "bindings match the Rust types" cargo test -p ringside-engine --test bindings
step "UI type check" npm --prefix ui run check
step "UI tests" npm --prefix ui test
step "app build" cargo build -p ringside-app
step "end-to-end (real app, Xvfb, tauri-driver)" scripts/e2e.sh

# One closing line over every runner: cargo's "test result" lines and vitest's.
read -r passed failed < <(python3 - "$log" <<'PY'
import re, sys
text = re.sub(r"\x1b\[[0-9;]*m", "", open(sys.argv[1], errors="replace").read())
p = f = 0
for m in re.finditer(r"test result: \w+\. (\d+) passed; (\d+) failed", text):
    p += int(m.group(1)); f += int(m.group(2))
for m in re.finditer(r"Tests\s+(?:(\d+) failed \| )?(\d+) passed", text):
    f += int(m.group(1) or 0); p += int(m.group(2))
# node:test's summary.
for m in re.finditer(r"^# pass (\d+)\n# fail (\d+)", text, re.M):
    p += int(m.group(1)); f += int(m.group(2))
print(p, f)
PY
)
echo
echo "all: ${passed} passed, ${failed} failed"
[ "$failed" -eq 0 ]
