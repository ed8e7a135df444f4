#!/bin/sh
# Durable report intake (POST /api/v1/reports) against the disk's ceiling.
#   bench/intake.sh [BUILD_DIR]   (default: build, i.e. `make build`)
#   DURATION=10s   how long each wrk run and each ceiling run lasts
# Starts its own server on a free port with a throw-away data directory under
# /tmp, posts JSON reports as a reporter with an API token at 1, 16 and 64
# connections, then measures the ceiling of one-row durable commits on the
# same disk (bench/sqlite_ceiling.c) with 1 and 16 threads, and prints a
# summary.  Every 201 is a report committed with synchronous=FULL before the
# answer; the benchmark only counts them.
set -eu
BUILD=${1:-build}
BIN=$BUILD/loudong
DURATION=${DURATION:-10s}
HERE=$(dirname "$0")
command -v wrk >/dev/null || { echo "bench: needs wrk: apt-get install -y wrk" >&2; exit 1; }
command -v cc >/dev/null || { echo "bench: needs a C compiler" >&2; exit 1; }
[ -x "$BIN" ] || { echo "bench: no $BIN; run 'make build' first" >&2; exit 1; }

# wrk takes 10s / 2m / 1h; the ceiling program takes whole seconds.
case $DURATION in
*s) SECS=${DURATION%s} ;;
*m) SECS=$((${DURATION%m} * 60)) ;;
*h) SECS=$((${DURATION%h} * 3600)) ;;
*) SECS=$DURATION; DURATION=${DURATION}s ;;
esac
CORES=$(nproc 2>/dev/null || grep -c processor /proc/cpuinfo)
# Handler threads (and pooled SQLite connections): the server's default
# ([server] threads = 64).  Each thread serves one request at a time, so the
# thread count bounds how many concurrent submissions one group commit can
# batch.  THREADS=N overrides it, to see how intake scales with the pool.
THREADS=${THREADS:-64}

PID=
DIR=$(mktemp -d /tmp/loudong-intake.XXXXXX)
trap 'if [ -n "$PID" ]; then kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; fi; rm -rf "$DIR"' EXIT
trap 'exit 130' INT TERM

cc -O2 -o "$DIR/ceiling" "$HERE/sqlite_ceiling.c" -lsqlite3 -lpthread

"$BIN" init --data-dir "$DIR/data" --no-demo >/dev/null
printf 'bench-password-0123456789\n' | "$BIN" user add --data-dir "$DIR/data" \
    --login bench --role reporter --email bench@example.org --password-stdin >/dev/null
TOKEN=$("$BIN" token create --data-dir "$DIR/data" --login bench --label intake-bench 2>/dev/null)
export LOUDONG_TOKEN="$TOKEN"

# Mail stays off ([mail] smtp_url empty): the acknowledgement is still queued
# in the outbox inside each report's transaction, but nothing sends it.  All
# the load comes from one address, and the server may still hold the previous
# run's connections when the next starts, so the per-address limit (64, as
# many as the largest run) is raised: this measures intake, not the limiter.
# As root the server would switch to [server] user (nobody), who cannot read
# the throw-away data directory: it stays as whoever runs the benchmark.
LOUDONG_SERVER_USER= LOUDONG_LOG_ACCESS=false LOUDONG_SERVER_THREADS=$THREADS \
LOUDONG_SERVER_PER_IP_CONNECTION_LIMIT=256 \
    "$BIN" serve --data-dir "$DIR/data" --listen 127.0.0.1:0 >"$DIR/out" 2>"$DIR/err" &
PID=$!
for _ in $(seq 50); do grep -q serving "$DIR/out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/.*serving on \(http[^ ]*\).*/\1/p' "$DIR/out")
[ -n "$URL" ] || { echo "bench: the server did not start:" >&2; cat "$DIR/err" >&2; exit 1; }
echo "server: $URL  ($CORES cores; [server] threads = $THREADS; access log off; mail off;" \
    "per_ip_connection_limit = 256)"
echo "wrk: POST ${URL}api/v1/reports, ~1.3 KB JSON, bearer token of a reporter, -d$DURATION --timeout 10s"

for C in 1 16 64; do
	T=2
	[ "$C" -lt 2 ] && T=1
	echo; echo "== POST /api/v1/reports, wrk -t$T -c$C"
	wrk -t"$T" -c"$C" -d"$DURATION" --timeout 10s --latency -s "$HERE/intake.lua" \
	    "${URL}api/v1/reports" >"$DIR/wrk.$C"
	sed -n '/Latency Distribution/,/Transfer/p' "$DIR/wrk.$C"
	grep '^intake ' "$DIR/wrk.$C" | tee "$DIR/intake.$C"
done

# Cross-check against the database once the server is stopped: every 201
# counted is a row.  There are a few more rows than 201s: wrk stops counting at
# the deadline while up to one request per connection is still in flight, and
# the server commits those.
kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
OK=$(cat "$DIR"/intake.* | sed -n 's/.* status_201=\([0-9]*\).*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
if command -v sqlite3 >/dev/null; then
	ROWS=$(sqlite3 "$DIR/data/loudong.db" 'SELECT count(*) FROM reports')
	echo; echo "reports in the database: $ROWS; 201s counted by wrk: $OK" \
	    "(in flight at the deadlines: $((ROWS - OK)), at most $((1 + 16 + 64)))"
	[ "$ROWS" -ge "$OK" ] || { echo "bench: fewer rows than 201s!" >&2; exit 1; }
fi

echo; echo "== ceiling: one INSERT + COMMIT per row, WAL, synchronous=FULL, same disk"
for T in 1 16; do
	sync	# the intake runs' dirty pages are not the ceiling's to flush
	"$DIR/ceiling" "$DIR" "$T" "$SECS" 1024 | tee "$DIR/ceiling.$T"
done

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" "$1" | head -n 1; }
C1=$(field "$DIR/ceiling.1" commits_per_s)
C16=$(field "$DIR/ceiling.16" commits_per_s)
BEST=$(awk -v a="$C1" -v b="$C16" 'BEGIN { print (a > b) ? a : b }')

echo; echo "== summary ($DURATION each; failed = non-201 + socket errors, or ceiling transactions"
echo "   that gave up; ratio = intake / best ceiling = $BEST commits/s)"
printf '| %-17s | %10s | %9s | %10s | %6s | %6s |\n' run "per second" p50 p99 failed ratio
printf '|%s|%s|%s|%s|%s|%s|\n' ------------------- ------------ ----------- ------------ -------- --------
for C in 1 16 64; do
	F=$DIR/intake.$C
	R=$(field "$F" ok_per_s)
	printf '| %-17s | %10s | %6s ms | %7s ms | %6s | %5sx |\n' "intake, c=$C" \
	    "$R" "$(field "$F" p50_ms)" "$(field "$F" p99_ms)" \
	    "$(($(field "$F" non201) + $(field "$F" socket_errors)))" \
	    "$(awk -v r="$R" -v c="$BEST" 'BEGIN { printf "%.2f", r / c }')"
done
for T in 1 16; do
	F=$DIR/ceiling.$T
	printf '| %-17s | %10s | %6s ms | %7s ms | %6s | %6s |\n' "ceiling, $T thr" \
	    "$(field "$F" commits_per_s)" "$(field "$F" p50_ms)" "$(field "$F" p99_ms)" \
	    "$(field "$F" errors)" -
done
P99=$(field "$DIR/intake.64" p99_ms)
R64=$(field "$DIR/intake.64" ok_per_s)
echo
awk -v r="$R64" -v c="$BEST" -v p="$P99" 'BEGIN {
	printf "target (issue 3): intake >= 1.0x ceiling and p99 <= 50 ms at 64 connections\n"
	printf "seen: %.2fx, p99 %s ms -> %s\n", r / c, p,
	    (r >= c && p + 0 <= 50) ? "met" : "NOT met"
}'
