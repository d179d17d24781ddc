#!/usr/bin/env bash
# Initial contact sync of N records (default 1,000,000) from a sandbox CRM
# served by its own process, then a delta of M changed records (default
# 10,000). Prints the sync's wall time, peak memory and store size.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
changes=${2:-10000}
# RINGSIDE_BIN: another build of `ringside` (e.g. the commit before, to compare).
bin=${RINGSIDE_BIN:-target/release/ringside}
[ -n "${RINGSIDE_BIN:-}" ] || cargo build --release -j2 -p ringside-cli >/dev/null 2>&1
dir=$(mktemp -d)
trap 'kill "$sandbox" 2>/dev/null || true; rm -rf "$dir"' EXIT
"$bin" sandbox --port 0 --https-port 0 --db "$dir/crm.db" --synthetic "$n" >"$dir/sandbox.out" 2>&1 &
sandbox=$!
for _ in $(seq 1 600); do grep -q "token:" "$dir/sandbox.out" && break; sleep 1; done
grep "Seeded" "$dir/sandbox.out" || true
url=$(awk '/http:/ {print $2; exit}' "$dir/sandbox.out")
token=$(awk '/token:/ {print $2; exit}' "$dir/sandbox.out")
echo "== initial sync of $n records"
echo "$token" | "$bin" sync --crm-url "$url" --contacts-db "$dir/contacts.db" | grep -v "records/s" || true
du -b "$dir"/contacts.db* | awk '{s+=$1} END {printf "store on disk: %.1f MB\n", s/1e6}'
echo "== delta of $changes changed records"
python3 - "$url" "$token" "$changes" <<'PY'
import json, sys, urllib.request
url, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
def call(method, path, body=None):
    req = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode() if body else None,
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(req)) if method != "PATCH" else urllib.request.urlopen(req).read()
ids, nxt = [], "/services/data/v59.0/query?q=SELECT+Id+FROM+Contact+LIMIT+%d" % n
while nxt and len(ids) < n:
    page = call("GET", nxt); ids += [r["Id"] for r in page["records"]]; nxt = page.get("nextRecordsUrl")
for i in range(0, len(ids), 200):
    recs = [{"attributes": {"type": "Contact"}, "id": x, "MobilePhone": "+1 415 555 %04d" % (j % 10000)} for j, x in enumerate(ids[i:i+200])]
    call("PATCH", "/services/data/v59.0/composite/sobjects", {"allOrNone": False, "records": recs})
print("changed", len(ids), "contacts")
PY
echo "$token" | "$bin" sync --crm-url "$url" --contacts-db "$dir/contacts.db" | grep -v "records/s" || true
