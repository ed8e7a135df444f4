#!/bin/sh
# Office documents: the support unit's certificate (PDF) and the statistics
# workbook (.xlsx) over a year of a registry's data, end to end over HTTP.
#   bench/office.sh [BUILD_DIR]   (default: build, i.e. `make build`)
#   SUBS=20000     报送 received in the year (as many reports, twice as many clocks)
#   UNITS=50       support units, CONTRIBS=5000 contributions among them
#   RUNS=20        requests of each kind; the median and the slowest are printed
#   KEEP=1         keep the data directory (to look at the queries)
# Starts a throw-away registry, registers one unit through the API (its
# certificate is issued then), fills the year with rows written straight
# into the database (statistics read only their columns: the sealed
# payloads are placeholders; ids are those of a fresh database), then times GET certificate.pdf,
# statistics.xlsx, statistics (JSON) and the /statistics page with curl.
set -eu
BUILD=${1:-build}
BIN=$BUILD/loudong
SUBS=${SUBS:-20000}
UNITS=${UNITS:-50}
CONTRIBS=${CONTRIBS:-5000}
RUNS=${RUNS:-20}
command -v curl >/dev/null || { echo "bench: needs curl: apt-get install -y curl" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench: needs sqlite3: apt-get install -y sqlite3" >&2; exit 1; }
[ -x "$BIN" ] || { echo "bench: no $BIN; run 'make build' first" >&2; exit 1; }

PID=
DIR=$(mktemp -d /tmp/loudong-office.XXXXXX)
cleanup() {
	[ -z "$PID" ] || { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || :; }
	if [ "${KEEP:-0}" = 1 ]; then echo "bench: kept $DIR" >&2; else rm -rf "$DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export LOUDONG_INSTANCE_ROLE=registry LOUDONG_SERVER_USER= LOUDONG_LOG_ACCESS=false
D="--data-dir $DIR/data"
"$BIN" init $D --no-demo >"$DIR/init.out"
"$BIN" org add $D --slug acme --name "北京漏洞研究有限公司" --kind provider --country CN >/dev/null
echo "bench office password 1" | "$BIN" user add $D --login nina --role coordinator \
    --name Nina --email nina@example.org --password-stdin >/dev/null
TOKEN=$("$BIN" token create $D --login nina)
"$BIN" serve $D --listen 127.0.0.1:0 >"$DIR/out" 2>"$DIR/err" &
PID=$!
i=0
until grep -q "serving on" "$DIR/out" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 200 ] || { cat "$DIR/err" >&2; exit 1; }
	sleep 0.1
done
BASE=$(sed -n 's/.*serving on \(http:[^ ]*\).*/\1/p' "$DIR/out" | head -n 1)
BASE=${BASE%/}
[ -n "$BASE" ] || { echo "bench: no address in the server's output" >&2; cat "$DIR/out" >&2; exit 1; }
TODAY=$(TZ=Asia/Shanghai date +%F)
UNIT=$(curl -sf -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"org\":\"acme\",\"type\":\"technical\",\"level\":3,\"certified_on\":\"$TODAY\"}" \
    "$BASE/api/v1/support-units" | sed -n 's/.*"id": *\([0-9]*\).*/\1/p' | head -n 1)
[ -n "$UNIT" ] || { echo "bench: registering the unit failed" >&2; exit 1; }

NOW=$(date +%s)
DB=$DIR/data/loudong.db
[ -f "$DB" ] || DB=$(ls "$DIR"/data/*.db | head -n 1)
sqlite3 "$DB" >/dev/null <<EOF
PRAGMA busy_timeout = 10000;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $UNITS - 1)
INSERT INTO orgs (slug, name, kind, country, created_at)
    SELECT printf('unit-%03d', i), printf('支撑单位 %03d 网络安全有限公司', i), 'provider', 'CN', $NOW FROM n;
INSERT INTO support_units (org_id, unit_type, name, level, certified_on, valid_until, created_at, updated_at)
    SELECT id, 'technical', name, 1 + id % 4, '$TODAY', '$TODAY', $NOW, $NOW FROM orgs WHERE slug LIKE 'unit-%';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $SUBS)
INSERT INTO received_submissions (id, seq_year, seq, org_id, idem_key, target_library, title,
    product_name, dek_wrapped, fields, payload_sha256, leaf_index, state, received_at,
    updated_at, app_platform)
    SELECT printf('BENCH-%07d', i), 1999, i, 1 + i % $UNITS,
        printf('bench-%07d', i), 'CAPPVD', 'bench', 'bench', x'00', x'00', '', 10000000 + i,
        CASE i % 3 WHEN 0 THEN 'received' WHEN 1 THEN 'verified' ELSE 'rejected' END,
        $NOW - (i * 1571) % 31536000, $NOW,
        CASE i % 7 WHEN 0 THEN 'android' WHEN 1 THEN 'ios' WHEN 2 THEN 'harmonyos'
            WHEN 3 THEN 'miniprogram' WHEN 4 THEN 'official_account' WHEN 5 THEN 'quickapp'
            ELSE '' END FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $SUBS)
INSERT INTO reports (id, seq_year, seq, channel, status, kind, title, product, dek_wrapped,
    details, payload_sha256, received_at, leaf_index, app_platform)
    SELECT printf('BR-%07d', i), 1999, i, 'api',
        CASE i % 4 WHEN 0 THEN 'received' WHEN 1 THEN 'accepted' WHEN 2 THEN 'triage' ELSE 'rejected' END,
        'generic', 'bench', 'bench', x'00', x'00', '', $NOW - (i * 1931) % 31536000,
        20000000 + i, CASE i % 3 WHEN 0 THEN 'android' WHEN 1 THEN 'ios' ELSE '' END FROM n;
INSERT INTO assessments (subject, comprehensive_grade, updated_at)
    SELECT 'submission:' || id, CASE seq % 5 WHEN 0 THEN 'critical' WHEN 1 THEN 'high'
        WHEN 2 THEN 'medium' WHEN 3 THEN 'low' ELSE '' END, $NOW
    FROM received_submissions WHERE seq_year = 1999 AND seq % 4 <> 0;
INSERT INTO assessments (subject, comprehensive_grade, updated_at)
    SELECT 'report:' || id, CASE seq % 4 WHEN 0 THEN 'critical' WHEN 1 THEN 'high'
        WHEN 2 THEN 'medium' ELSE 'low' END, $NOW
    FROM reports WHERE seq_year = 1999 AND seq % 3 <> 0;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2 * $SUBS)
INSERT INTO deadlines (kind, subject, basis_at, due_at, period, rule, calendar_version, state,
    met_at, created_at, updated_at)
    SELECT CASE i % 4 WHEN 0 THEN 'ack' WHEN 1 THEN 'submission' WHEN 2 THEN 'vendor_response'
        ELSE 'publication' END, printf('bench:%07d', i),
        $NOW - (i * 787) % 31536000 - 86400, $NOW - (i * 787) % 31536000, '1d', 'bench', 'bench',
        CASE i % 6 WHEN 0 THEN 'open' WHEN 1 THEN 'missed' WHEN 5 THEN 'waived' ELSE 'met' END,
        CASE WHEN i % 6 IN (2, 3) THEN $NOW - (i * 787) % 31536000 - 3600
             WHEN i % 6 = 4 THEN $NOW - (i * 787) % 31536000 + 3600 END, $NOW, $NOW FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $CONTRIBS)
INSERT INTO unit_contributions (unit_id, kind, grade, subject, points, at)
    SELECT 1 + i % $UNITS,
        CASE i % 4 WHEN 0 THEN 'report' WHEN 1 THEN 'warning' WHEN 2 THEN 'verification'
            ELSE 'assistance' END,
        CASE WHEN i % 4 = 0 THEN 'high' ELSE '' END, printf('bench:%07d', i), 1 + i % 10,
        $NOW - (i * 6311) % 31536000 FROM n;
COMMIT;
EOF

# The median and the slowest of RUNS timings of GET path, in milliseconds.
timeit() {
	name=$1 path=$2
	i=0
	: >"$DIR/t"
	while [ $i -lt "$RUNS" ]; do
		curl -sf -o "$DIR/body" -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" \
		    "$BASE$path" >>"$DIR/t" || { echo "bench: GET $path failed" >&2; exit 1; }
		i=$((i + 1))
	done
	size=$(wc -c <"$DIR/body")
	sort -n "$DIR/t" | awk -v n="$name" -v s="$size" '{ t[NR] = $1 * 1000 }
	    END { printf "%-28s median %7.1f ms   max %7.1f ms   %8d bytes\n", n, t[int((NR + 1) / 2)], t[NR], s }'
}

echo "registry with $SUBS 报送, $SUBS reports, $((2 * SUBS)) clocks, $UNITS units," \
    "$CONTRIBS contributions over a year; $RUNS requests each ($(nproc) CPUs)"
timeit "certificate.pdf" "/api/v1/support-units/$UNIT/certificate.pdf"
timeit "statistics.xlsx (year)" "/api/v1/statistics.xlsx"
timeit "statistics.xlsx (unit)" "/api/v1/statistics.xlsx?unit=$UNIT"
timeit "statistics JSON (year)" "/api/v1/statistics"
