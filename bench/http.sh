#!/bin/sh
# Throughput and latency of the HTTP stack on loopback, with wrk.
#   bench/http.sh [BUILD_DIR]   (default: build, i.e. `make build`)
# Starts its own server on a free port with a throw-away data directory,
# runs each scenario for a fixed time, prints wrk's figures, and stops.
set -eu
BUILD=${1:-build}
BIN=$BUILD/loudong
DURATION=${DURATION:-10s}
command -v wrk >/dev/null || { echo "bench: needs wrk: apt-get install -y wrk" >&2; exit 1; }
[ -x "$BIN" ] || { echo "bench: no $BIN; run 'make build' first" >&2; exit 1; }

DIR=$(mktemp -d /tmp/loudong-bench.XXXXXX)
trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; rm -rf "$DIR"' EXIT
"$BIN" init --data-dir "$DIR/data" --no-demo >/dev/null
TOKEN=$("$BIN" token create --data-dir "$DIR/data" --login admin 2>/dev/null)
# Run as root, the server would switch to [server] user (nobody), who cannot
# read the throw-away data directory: stay as whoever runs the benchmark.
LOUDONG_SERVER_USER= LOUDONG_LOG_ACCESS=false "$BIN" serve --data-dir "$DIR/data" --listen 127.0.0.1:0 >"$DIR/out" 2>"$DIR/err" &
PID=$!
for _ in $(seq 50); do grep -q serving "$DIR/out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/.*serving on \(http[^ ]*\).*/\1/p' "$DIR/out")
echo "server: $URL  (threads: $(grep -c processor /proc/cpuinfo) cores; wrk -t2 -c32 -d$DURATION)"

echo; echo "== GET /healthz (one SQLite read per request)"
wrk -t2 -c32 -d"$DURATION" --latency "${URL}healthz" | sed -n '/Latency/,/Transfer/p'
echo; echo "== GET /api/v1/me with a bearer token (token + user lookups, JSON)"
wrk -t2 -c32 -d"$DURATION" --latency -H "Authorization: Bearer $TOKEN" "${URL}api/v1/me" | sed -n '/Latency/,/Transfer/p'
echo; echo "== GET / (server-rendered page, anonymous)"
wrk -t2 -c32 -d"$DURATION" --latency "${URL}" | sed -n '/Latency/,/Transfer/p'
