#!/usr/bin/env bash
# `tolk serve` under load: wrk (Debian's `wrk`) drives the preview on loopback while a loop
# saves .ftl files (atomic rename, as editors do) every 50 ms: Hungarian and English text of
# one article, so each save re-renders pages that are being requested. Fails unless every
# response is a whole page of one build with status 200 and no socket errors; prints the
# latency percentiles (p99) and the number of rebuilds.
#
# Then a connection storm: the preview runs under `ulimit -n 1024` (FD_LIMIT), and 1,100 idle
# connections (STORM; more than its file descriptors, loopback only, held 2 s) are opened and
# closed; afterwards every request of a 3-second wrk run must succeed (the preview recovers).
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
trap 'kill ${server:-} ${editor:-} 2>/dev/null || true; cp "$site/serve.err" /tmp/serve-load.err 2>/dev/null; rm -rf "$site"' EXIT
cp -r "$root"/{tolk.toml,content,locales,templates} "$site"/
fd_limit=${FD_LIMIT:-1024}
storm=${STORM:-1100}
bash -c 'ulimit -n "$1" && shift && exec "$@"' _ "$fd_limit" "$tolk" --site "$site" serve --port 0 \
  > "$site/serve.out" 2> "$site/serve.err" &
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
if echo "$result" | grep -q FAILED; then exit 1; fi

# The storm: more idle connections than the preview has file descriptors, then closed.
python3 - "$url" "$storm" <<'PY'
import resource, socket, sys, time, urllib.parse
url, count = urllib.parse.urlparse(sys.argv[1]), int(sys.argv[2])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, count + 64)), hard))
held, refused = [], 0
for _ in range(count):
    try:
        held.append(socket.create_connection((url.hostname, url.port), timeout=2))
    except OSError:
        refused += 1
time.sleep(2)
for s in held:
    s.close()
print(f"storm: {len(held)} connections held 2 s ({refused} refused), then closed")
PY
# Recovery: the preview listens again within a few seconds, then answers everything.
python3 - "$url" <<'PY'
import sys, time, urllib.request
for _ in range(200):
    try:
        if urllib.request.urlopen(sys.argv[1], timeout=2).status == 200:
            break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("the preview did not answer again after the storm")
PY
after=$(wrk -t2 -c8 -d3s --timeout 5s -s "$here/serve_load.lua" "$url")
echo "$after" | grep -E "Requests/sec|requests|FAILED" | sed 's/^/after the storm: /'
! echo "$after" | grep -q FAILED
