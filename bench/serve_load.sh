#!/usr/bin/env bash
# `tolk serve` under load: wrk (Debian's `wrk`) drives the preview on loopback while a loop
# saves .ftl files (atomic rename, as editors do) every 50 ms: Hungarian and English text of
# one article, so each save re-renders pages that are being requested. Fails unless every
# response is a whole page of one build with status 200 and no socket errors; prints the
# latency percentiles (p99) and the number of rebuilds.
#
# Usage: bench/serve_load.sh [SECONDS] [CONNECTIONS]   (default 30 s, 32 connections)
#        TOLK_BIN=path/to/tolk to skip the release build.
set -euo pipefail
seconds=${1:-30}
connections=${2:-32}
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
command -v wrk >/dev/null || { echo "serve_load.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
tolk=${TOLK_BIN:-}
if [ -z "$tolk" ]; then
  (cd "$root" && cargo build --release --quiet)
  tolk="$root/target/release/tolk"
fi
site=$(mktemp -d)
trap 'kill ${server:-} ${editor:-} 2>/dev/null || true; rm -rf "$site"' EXIT
cp -r "$root"/{tolk.toml,content,locales,templates} "$site"/
"$tolk" --site "$site" serve --port 0 > "$site/serve.out" 2> "$site/serve.err" &
server=$!
for _ in $(seq 100); do grep -q "serving" "$site/serve.out" 2>/dev/null && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*/' "$site/serve.out" || true)
[ -n "$url" ] || { echo "tolk serve did not start:" >&2; cat "$site/serve.err" >&2; exit 1; }

# The edit loop: the first message of each file gains "(load-N) ".
python3 - "$site" "$seconds" <<'PY' &
import os, re, sys, time
site, seconds = sys.argv[1], float(sys.argv[2])
files = [os.path.join(site, "locales", l, "technical-support-benefits.ftl") for l in ("hu", "en")]
originals = {f: open(f, encoding="utf-8").read() for f in files}
end, i = time.time() + seconds, 0
while time.time() < end:
    f = files[i % len(files)]
    text = re.sub(r"^([a-zA-Z][\w-]*) = ", lambda m: f"{m.group(1)} = (load-{i}) ", originals[f], count=1, flags=re.M)
    with open(f + ".tmp~", "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(f + ".tmp~", f)
    i += 1
    time.sleep(0.05)
print(f"{i} saves")
PY
editor=$!
result=$(wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s "$here/serve_load.lua" "$url")
wait $editor
echo "$result" | grep -E "Requests/sec|requests|latency|FAILED"
echo "rebuilds: $(grep -c 'rebuilt' "$site/serve.err" || true), failed rebuilds: $(grep -c 'error' "$site/serve.err" || true)"
! echo "$result" | grep -q FAILED
