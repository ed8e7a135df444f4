#!/bin/sh
# Public reads: Loudong against nginx serving the same bytes as static files.
#   bench/read.sh [BUILD_DIR]   (default: build, i.e. `make build`)
#   DURATION=10s   how long each wrk run lasts
#   CONNS=64       wrk connections (two wrk threads)
#   THREADS=N      Loudong's [server] threads (default: the server's default)
#   RUNS=3         runs of each scenario, interleaved; the medians are printed
#   WRK_T=2        wrk threads
#   PIN=0          1: wrk on CPU 0, both servers on the other CPUs (taskset)
# Starts a throw-away Loudong instance with the demo data (which has one
# published advisory) and, in the same run, Debian's nginx on loopback
# serving a copy of that advisory's JSON and page at the same paths; then
# runs wrk against each, RUNS times interleaved, and prints the median
# requests/s, p50 and p99, each run's figures, and Loudong's ratio to nginx.
set -eu
BUILD=${1:-build}
BIN=$BUILD/loudong
DURATION=${DURATION:-10s}
CONNS=${CONNS:-64}
RUNS=${RUNS:-3}
WRK_T=${WRK_T:-2}
NGINX=${NGINX:-/usr/sbin/nginx}
command -v wrk >/dev/null || { echo "bench: needs wrk: apt-get install -y wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench: needs curl: apt-get install -y curl" >&2; exit 1; }
[ -x "$NGINX" ] || { echo "bench: needs nginx: apt-get install -y nginx-light" >&2; exit 1; }
[ -x "$BIN" ] || { echo "bench: no $BIN; run 'make build' first" >&2; exit 1; }

PID= NPID=
DIR=$(mktemp -d /tmp/loudong-read.XXXXXX)
cleanup() {
	[ -z "$PID" ] || { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || :; }
	[ -z "$NPID" ] || { kill "$NPID" 2>/dev/null; wait "$NPID" 2>/dev/null || :; }
	rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
CORES=$(nproc 2>/dev/null || grep -c processor /proc/cpuinfo)
# wrk on the first core, both servers on the others: the servers compete with
# each other's leftovers and with wrk far less, so runs repeat (unpinned, on
# two cores, the same run varied by 2x).  PIN=0 turns it off.
PIN=${PIN:-0}
if [ "$PIN" = 1 ] && [ "$CORES" -ge 2 ] && command -v taskset >/dev/null; then
	SRV_CPUS=1-$((CORES - 1)); SRV_N=$((CORES - 1))
	ON_SRV="taskset -c $SRV_CPUS"; ON_WRK="taskset -c 0"
else
	SRV_CPUS=all; SRV_N=$CORES; ON_SRV=; ON_WRK=
fi

# A free loopback port for nginx (Loudong takes port 0 and says which).
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

"$BIN" init --data-dir "$DIR/data" >"$DIR/init.out"
# As root the server would switch to [server] user (nobody), who cannot read
# the throw-away data directory: it stays as whoever runs the benchmark.
set -- LOUDONG_SERVER_USER= LOUDONG_LOG_ACCESS=false LOUDONG_SERVER_PER_IP_CONNECTION_LIMIT=256
[ -z "${THREADS:-}" ] || set -- "$@" LOUDONG_SERVER_THREADS="$THREADS"
$ON_SRV env "$@" "$BIN" serve --data-dir "$DIR/data" --listen 127.0.0.1:0 >"$DIR/out" 2>"$DIR/err" &
PID=$!
for _ in $(seq 100); do grep -q serving "$DIR/out" 2>/dev/null && break; sleep 0.1; done
URL=$(sed -n 's/.*serving on \(http[^ ]*\).*/\1/p' "$DIR/out")
[ -n "$URL" ] || { echo "bench: the server did not start:" >&2; cat "$DIR/err" >&2; exit 1; }
URL=${URL%/}

ID=$(curl -fsS "$URL/api/v1/advisories" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])') || {
	echo "bench: no published advisory in the demo data" >&2; exit 1; }
JSON_PATH=/api/v1/advisories/$ID
PAGE_PATH=/advisories/$ID

# The same bytes as files, at the same paths, for nginx.
WWW=$DIR/www
mkdir -p "$WWW/api/v1/advisories" "$WWW/advisories" "$DIR/nginx/logs"
curl -fsS -o "$WWW$JSON_PATH" "$URL$JSON_PATH"
curl -fsS -H 'Accept-Language: zh-CN' -o "$WWW$PAGE_PATH" "$URL$PAGE_PATH"
chmod -R a+rX "$DIR"
NPORT=$(free_port)
cat >"$DIR/nginx/nginx.conf" <<EOF
worker_processes $SRV_N;
daemon off;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	tcp_nodelay on;
	keepalive_timeout 65;
	keepalive_requests 1000000;
	open_file_cache max=1000 inactive=60s;
	client_body_temp_path $DIR/nginx/body;
	proxy_temp_path $DIR/nginx/proxy;
	fastcgi_temp_path $DIR/nginx/fastcgi;
	uwsgi_temp_path $DIR/nginx/uwsgi;
	scgi_temp_path $DIR/nginx/scgi;
	server {
		listen 127.0.0.1:$NPORT;
		root $WWW;
		etag on;
		location /api/ { default_type application/json; }
		location /advisories/ { default_type "text/html; charset=utf-8"; }
	}
}
EOF
$ON_SRV "$NGINX" -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" 2>"$DIR/nginx/stderr" &
NPID=$!
NURL=http://127.0.0.1:$NPORT
for _ in $(seq 50); do curl -fsS -o /dev/null "$NURL$JSON_PATH" 2>/dev/null && break; sleep 0.1; done
curl -fsS -o /dev/null "$NURL$JSON_PATH" || { echo "bench: nginx did not start:" >&2;
	cat "$DIR/nginx/stderr" "$DIR/nginx/logs/error.log" >&2; exit 1; }

# Both answer the same body (and Loudong has it cached before the clock starts).
for p in "$JSON_PATH" "$PAGE_PATH"; do
	a=$(curl -fsS -H 'Accept-Language: zh-CN' "$URL$p" | sha256sum)
	b=$(curl -fsS "$NURL$p" | sha256sum)
	[ "$a" = "$b" ] || { echo "bench: $p differs between the two servers" >&2; exit 1; }
done

echo "advisory $ID: JSON $(wc -c <"$WWW$JSON_PATH") bytes, page $(wc -c <"$WWW$PAGE_PATH") bytes"
echo "loudong $URL ([server] threads = ${THREADS:-default}; access log off)," \
    "nginx $NURL (worker_processes $SRV_N); servers on CPUs $SRV_CPUS"
echo "${ON_WRK:+$ON_WRK }wrk -t$WRK_T -c$CONNS -d$DURATION --latency, keep-alive, loopback," \
    "$CORES cores, each scenario $RUNS times interleaved (median rate, median p99)"
echo

# One wrk run of URL; appends "rate p50_ms p99_ms errors" to $DIR/res.NAME.
run() {
	$ON_WRK wrk -t"$WRK_T" -c"$CONNS" -d"$DURATION" --latency -H 'Accept-Language: zh-CN' \
	    "$2" >"$DIR/wrk" 2>&1
	awk 'function ms(v) {
		if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
		if (v ~ /s$/) return v * 1000; return v }
	    /^Requests\/sec/ { rate = $2 }
	    $1 == "50%" { p50 = ms($2) }
	    $1 == "99%" { p99 = ms($2) }
	    /Non-2xx|Socket errors/ { err = err $0 " " }
	    END { printf "%s %.2f %.2f %s\n", rate, p50, p99, (err == "" ? "-" : err) }' \
	    "$DIR/wrk" >>"$DIR/res.$1"
}
# The median of column $2 of file $1.
median() {
	sort -g -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c }
	    END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
i=0
while [ $i -lt "$RUNS" ]; do
	run lj "$URL$JSON_PATH"; run nj "$NURL$JSON_PATH"
	run lp "$URL$PAGE_PATH"; run np "$NURL$PAGE_PATH"
	i=$((i + 1))
done
printf '%-24s %12s %9s %9s   %s\n' scenario requests/s "p50 ms" "p99 ms" "each run: rate/p99"
for s in "lj advisory JSON, loudong" "nj advisory JSON, nginx" \
    "lp advisory page, loudong" "np advisory page, nginx"; do
	k=${s%% *}
	printf '%-24s %12.0f %9.2f %9.2f   %s\n' "${s#* }" "$(median "$DIR/res.$k" 1)" \
	    "$(median "$DIR/res.$k" 2)" "$(median "$DIR/res.$k" 3)" \
	    "$(awk '{ printf "%.0f/%s ", $1, $3 } $4 != "-" { printf "(%s) ", $4 }' "$DIR/res.$k")"
done
echo
awk -v a="$(median "$DIR/res.lj" 1)" -v b="$(median "$DIR/res.nj" 1)" \
    -v c="$(median "$DIR/res.lp" 1)" -v d="$(median "$DIR/res.np" 1)" 'BEGIN {
	printf "loudong / nginx: JSON %.2fx, page %.2fx (target: JSON >= 0.80x, p99 <= 5 ms)\n",
	    a / b, c / d }'
