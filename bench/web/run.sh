#!/usr/bin/env bash
# The web benchmark (issue 7): the import benchmark's 10,000,000
# observations and the status benchmark's plan of 30 objectives, served by
# `kpilot serve` on a loopback port, then loaded by `wrk` with 64
# connections on, in turn:
#   (a) the dashboard page, GET /plans/bench-2026 (today pinned to AT);
#   (b) a KPI API call, conversion_rate over AT's month by channel;
#   (c) the status API, GET /api/v1/plans/bench-2026/status?at=AT.
# Each endpoint RUNS times for DURATION; prints requests per second, p50 and
# p99 latency (medians of the runs), the server's peak memory (RSS), and the
# time of one request that computes its answer (the dashboard and the status
# API keep theirs until the next write: the first request after a write is
# the cold one).
#
#   bash bench/web/run.sh                              # 10,000,000 rows
#   ROWS=1000000 RUNS=1 DURATION=10 bash bench/web/run.sh   # a quicker run
set -euo pipefail
cd "$(dirname "$0")/../.."

ROWS=${ROWS:-10000000}
RUNS=${RUNS:-3}
DURATION=${DURATION:-20}
CONNECTIONS=${CONNECTIONS:-64}
AT=${AT:-2026-09-30}
DATA=${DATA:-/tmp/kpilot-bench}
mkdir -p "$DATA"
FILE="$DATA/long-$ROWS.csv"
PLAN=bench-2026

# What the benchmark needs, installed when missing (Debian).
need_apt=()
command -v wrk >/dev/null || need_apt+=(wrk)
command -v curl >/dev/null || need_apt+=(curl)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get install -y "${need_apt[@]}" >/dev/null 2>&1 \
    || { apt-get update >/dev/null && apt-get install -y "${need_apt[@]}" >/dev/null; }
fi

cargo build --release --locked -p kpilot
KPILOT="$PWD/target/release/kpilot"
[ -s "$FILE" ] || python3 bench/import/generate.py "$FILE" "$ROWS"

# The observations in a fresh workspace of its own, and the status
# benchmark's plan applied.
export KPILOT_DB="$DATA/web.db" KPILOT_LANG=en
rm -f "$KPILOT_DB" "$KPILOT_DB-wal" "$KPILOT_DB-shm"
echo "loading $ROWS observations…" >&2
load_start=$(date +%s.%N)
"$KPILOT" import "$FILE" --format long >/dev/null
python3 bench/status/plan.py "$DATA/web-plan.toml"
"$KPILOT" plan apply "$DATA/web-plan.toml" >/dev/null 2>&1
load_end=$(date +%s.%N)
LOAD_SECONDS=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$load_start" "$load_end")
echo "loaded in $LOAD_SECONDS s" >&2

# A free loopback port, and the server on it until this script ends.
PORT=${PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
BASE="http://127.0.0.1:$PORT"
"$KPILOT" serve --addr "127.0.0.1:$PORT" --today "$AT" >"$DATA/web-serve.log" 2>&1 &
SERVER=$!
stop_server() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
}
trap stop_server EXIT

for _ in $(seq 100); do
  curl -fsS -o /dev/null "$BASE/api/v1/plans" 2>/dev/null && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$DATA/web-serve.log" >&2; exit 1; }
  sleep 0.1
done
curl -fsS -o /dev/null "$BASE/api/v1/plans" || { echo "the server does not answer" >&2; exit 1; }

MONTH_START="${AT%-*}-01"
declare -A PATHS=(
  [dashboard]="/plans/$PLAN"
  [kpi_api]="/api/v1/kpis/conversion_rate?from=$MONTH_START&to=$AT&by=channel"
  [status_api]="/api/v1/plans/$PLAN/status?at=$AT"
)
ENDPOINTS=(dashboard kpi_api status_api)

# Every endpoint answers 200 before anything is timed; then a warm-up.
for endpoint in "${ENDPOINTS[@]}"; do
  curl -fsS -o "$DATA/web-$endpoint.out" "$BASE${PATHS[$endpoint]}" \
    || { echo "$endpoint: ${PATHS[$endpoint]} failed" >&2; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d3s --timeout 60s "$BASE${PATHS[$endpoint]}" >/dev/null
done

# The cost of a computation, alone: the dashboard and the status API keep
# their answer until the next write, so the first request after a write (or
# for another day) computes it. Five such requests each, one at a time, for
# the five days before AT (each a new computation); the KPI API computes
# every time.
rm -f "$DATA/web-cold.txt.new"
for endpoint in "${ENDPOINTS[@]}"; do
  times=()
  for i in 1 2 3 4 5; do
    day=$(date -d "$AT - $i day" +%F)
    case "$endpoint" in
      dashboard) path="/plans/$PLAN?at=$day" ;;
      status_api) path="/api/v1/plans/$PLAN/status?at=$day" ;;
      *) path="${PATHS[$endpoint]}" ;;
    esac
    times+=("$(curl -fsS -o /dev/null -w '%{time_total}' "$BASE$path")")
  done
  echo "$endpoint ${times[*]}" >>"$DATA/web-cold.txt.new"
done
mv "$DATA/web-cold.txt.new" "$DATA/web-cold.txt"

# Peak RSS per endpoint: the kernel's high-water mark is reset before each
# endpoint's runs (`clear_refs` 5, Linux 4.0+; when refused, the figure is
# the process's peak so far).
peak_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER/status"; }
reset_peak() { echo 5 2>/dev/null >"/proc/$SERVER/clear_refs" || true; }

# wrk's default timeout (2 s) would drop the slowest requests from the
# latency figures: 60 s keeps them all.
rm -f "$DATA/web-peaks.txt.new"
for endpoint in "${ENDPOINTS[@]}"; do
  reset_peak
  for run in $(seq "$RUNS"); do
    echo "$endpoint, run $run of $RUNS: ${PATHS[$endpoint]}" >&2
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 60s --latency \
      "$BASE${PATHS[$endpoint]}" >"$DATA/web-wrk-$endpoint-$run.txt"
  done
  echo "$endpoint $(peak_kib)" >>"$DATA/web-peaks.txt.new"
done
mv "$DATA/web-peaks.txt.new" "$DATA/web-peaks.txt"

python3 bench/web/summary.py "$DATA" "$RUNS" "$ROWS" "$CONNECTIONS" "$DURATION" "$LOAD_SECONDS" \
  "${ENDPOINTS[@]}"
