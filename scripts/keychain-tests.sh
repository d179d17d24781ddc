#!/usr/bin/env bash
# The real OS keychains, each in its own throwaway session:
#  1. the kernel keyutils store inside a fresh session keyring;
#  2. the Secret Service: a private D-Bus session with GNOME Keyring,
#     unlocked with a throwaway password, under a temporary HOME.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}" RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}"
export PATH="$CARGO_HOME/bin:$PATH"
test_cmd=(cargo test -j2 -p ringside-crm --test keychain -- --ignored --test-threads=1)
"${test_cmd[@]:0:6}" --no-run >/dev/null 2>&1 || true

echo "== keyutils session keyring"
keyctl session - env RINGSIDE_KEYCHAIN=keyutils "${test_cmd[@]}"

echo "== Secret Service (GNOME Keyring)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 700 "$tmp/run"
HOME="$tmp" XDG_RUNTIME_DIR="$tmp/run" dbus-run-session -- sh -c '
  eval "$(printf "throwaway" | gnome-keyring-daemon --unlock --components=secrets)"
  export GNOME_KEYRING_CONTROL
  RINGSIDE_KEYCHAIN=secret-service "$@"
' sh "${test_cmd[@]}"
