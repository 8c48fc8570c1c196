#!/usr/bin/env bash
# The status benchmark (issue 4): the import benchmark's 10,000,000
# observations and a plan of 30 objectives (plan.py), then, in one run:
#   (a) `kpilot status --format json` in a fresh process, REPEAT times;
#   (b) the same report computed WARM times inside one process (the web
#       app's case: `--repeat`, the first run not counted);
#   (c) DuckDB (Python `duckdb`) answering the same questions with SQL over
#       the same data (duckdb_status.py), cold and warm likewise.
# Prints medians, ratios and peak memory (RSS).
#
#   bash bench/status/run.sh                 # 10,000,000 rows
#   ROWS=1000000 bash bench/status/run.sh    # a quicker run
set -euo pipefail
cd "$(dirname "$0")/../.."

ROWS=${ROWS:-10000000}
REPEAT=${REPEAT:-7}
WARM=${WARM:-10}
AT=${AT:-2026-09-30}
DATA=${DATA:-/tmp/kpilot-bench}
mkdir -p "$DATA"
FILE="$DATA/long-$ROWS.csv"

# What the benchmark needs, installed when missing (Debian, PyPI).
if [ ! -x /usr/bin/time ]; then
  apt-get install -y time >/dev/null 2>&1 \
    || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
fi
python3 -c 'import duckdb' 2>/dev/null || python3 -m pip install --quiet duckdb

cargo build --release --locked -p kpilot
KPILOT="$PWD/target/release/kpilot"
[ -s "$FILE" ] || python3 bench/import/generate.py "$FILE" "$ROWS"

# The same observations in a fresh kpilot workspace and a fresh DuckDB
# database, and the plan applied.
export KPILOT_DB="$DATA/status.db" KPILOT_LANG=en
rm -f "$KPILOT_DB" "$KPILOT_DB-wal" "$KPILOT_DB-shm" "$DATA/status-duck.db" "$DATA/status-duck.db.wal"
echo "loading $ROWS observations into kpilot and DuckDB…" >&2
"$KPILOT" import "$FILE" --format long >/dev/null
python3 bench/status/duckdb_status.py load "$DATA/status-duck.db" "$FILE"
python3 bench/status/plan.py "$DATA/status-plan.toml"
"$KPILOT" plan apply "$DATA/status-plan.toml" >/dev/null 2>&1

python3 bench/status/compare.py "$KPILOT" "$DATA" "$AT" "$REPEAT" "$WARM" "$ROWS"
