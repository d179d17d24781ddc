#!/usr/bin/env bash
# Installs what Ringside needs on Debian/Ubuntu, skipping what is present.
#   scripts/deps.sh run    system libraries for the desktop app + UI packages
#   scripts/deps.sh test   the above + Xvfb, WebKitWebDriver, tauri-driver
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
need_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else echo "need root for: $*" >&2; exit 1; fi
}

if ! command -v cargo >/dev/null; then
  echo "Rust is not installed. Install it with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi

apt_pkgs=(libwebkit2gtk-4.1-dev libayatana-appindicator3-dev librsvg2-dev build-essential
  libssl-dev pkg-config libxdo-dev dbus dbus-x11 curl)
if [ "$mode" = test ]; then
  apt_pkgs+=(xvfb xauth webkit2gtk-driver bc keyutils gnome-keyring baresip-core sip-tester python3-jsonschema python3-websockets python3-xlib xdotool nats-server)
  python3 -m venv --help >/dev/null 2>&1 || apt_pkgs+=(python3 python3-venv)
fi
node_ok() { command -v node >/dev/null && node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)'; }
node_ok || apt_pkgs+=(nodejs npm)

missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing system packages: ${missing[*]}"
  need_root apt-get update -qq
  need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$mode" = test ] && ! command -v tauri-driver >/dev/null; then
  say "installing tauri-driver"
  cargo install -j2 tauri-driver --locked --version '^2' >&2
fi

# A third-party Salesforce client, for the sandbox fidelity test.
if [ "$mode" = test ] && ! target/py/bin/python -c 'import simple_salesforce' 2>/dev/null; then
  say "installing simple-salesforce into target/py"
  python3 -m venv target/py >&2
  target/py/bin/pip install -q --disable-pip-version-check simple-salesforce==1.12.10 >&2
fi
# And a second, jsforce, at the versions in its package-lock.json; only when it changed.
jsforce=tests/fidelity/jsforce
if [ "$mode" = test ] && { [ ! -f $jsforce/node_modules/.package-lock.json ] || [ $jsforce/package-lock.json -nt $jsforce/node_modules/.package-lock.json ]; }; then
  say "installing jsforce into $jsforce"
  npm --prefix $jsforce install --no-audit --no-fund --loglevel=error >&2
fi

# UI packages at the versions in package-lock.json; only when it changed.
# (`npm install`, not `npm ci`: npm records only this platform's optional
# rollup/esbuild binaries in the lock, which `npm ci` then rejects.)
if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  say "installing UI packages"
  npm --prefix ui install --no-audit --no-fund --loglevel=error >&2
fi
