#!/usr/bin/env bash
# The import benchmark (issue 3): one deterministic long CSV, imported by
# kpilot (into a fresh SQLite workspace), by DuckDB (read_csv into a table of
# a fresh database file, through the Python package) and by sqlite3 (.import
# into a fresh file), each REPEAT times in a fresh process, side by side in
# one run. Prints median wall time, rows per second and peak memory (RSS).
#
#   bash bench/import/run.sh               # 10,000,000 rows, 3 repetitions
#   ROWS=1000000 REPEAT=5 bash bench/import/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

ROWS=${ROWS:-10000000}
REPEAT=${REPEAT:-3}
DATA=${DATA:-/tmp/kpilot-bench}
mkdir -p "$DATA"
FILE="$DATA/long-$ROWS.csv"

# What the benchmark needs, installed when missing (Debian, PyPI).
need_apt=()
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
[ -x /usr/bin/time ] || need_apt+=(time)
if [ ${#need_apt[@]} -gt 0 ]; then
  apt-get install -y "${need_apt[@]}" >/dev/null 2>&1 \
    || { apt-get update >/dev/null && apt-get install -y "${need_apt[@]}" >/dev/null; }
fi
python3 -c 'import duckdb' 2>/dev/null || python3 -m pip install --quiet duckdb

cargo build --release --locked -p kpilot
KPILOT="$PWD/target/release/kpilot"

[ -s "$FILE" ] || python3 bench/import/generate.py "$FILE" "$ROWS"
SIZE=$(stat -c %s "$FILE")

# One timed run: prints "seconds peak_kib".
timed() {
  /usr/bin/time -f '%e %M' -o "$DATA/time" "$@" >/dev/null 2>"$DATA/stderr" \
    || { cat "$DATA/stderr" >&2; exit 1; }
  cat "$DATA/time"
}

run_kpilot() {
  rm -f "$DATA/kpilot.db" "$DATA/kpilot.db-wal" "$DATA/kpilot.db-shm"
  timed env KPILOT_DB="$DATA/kpilot.db" KPILOT_LANG=en "$KPILOT" import "$FILE" --format long
}

run_duckdb() {
  rm -f "$DATA/duck.db" "$DATA/duck.db.wal"
  timed python3 -c "
import duckdb, sys
connection = duckdb.connect(sys.argv[1])
connection.execute(\"CREATE TABLE observations AS SELECT * FROM read_csv(?)\", [sys.argv[2]])
connection.close()
" "$DATA/duck.db" "$FILE"
}

run_sqlite3() {
  rm -f "$DATA/sqlite3.db"
  timed sqlite3 "$DATA/sqlite3.db" \
    "CREATE TABLE observations (date TEXT, measure TEXT, value TEXT, channel TEXT, segment TEXT);" \
    ".import --csv --skip 1 $FILE observations"
}

results=()
for tool in kpilot duckdb sqlite3; do
  for _ in $(seq "$REPEAT"); do
    results+=("$tool $(run_"$tool")")
  done
done

# Correctness: every tool stored every row.
rows_kpilot=$(sqlite3 "$DATA/kpilot.db" 'SELECT count(*) FROM observations')
rows_sqlite3=$(sqlite3 "$DATA/sqlite3.db" 'SELECT count(*) FROM observations')
rows_duckdb=$(python3 -c "import duckdb,sys; print(duckdb.connect(sys.argv[1], read_only=True).execute('SELECT count(*) FROM observations').fetchone()[0])" "$DATA/duck.db")
for n in "$rows_kpilot" "$rows_sqlite3" "$rows_duckdb"; do
  [ "$n" = "$ROWS" ] || { echo "a tool stored $n rows instead of $ROWS" >&2; exit 1; }
done

printf '%s\n' "${results[@]}" | python3 -c "
import statistics, sys
rows, size, repeat = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
runs = {}
for line in sys.stdin:
    tool, seconds, kib = line.split()
    runs.setdefault(tool, []).append((float(seconds), int(kib)))
median = {tool: statistics.median(s for s, _ in r) for tool, r in runs.items()}
print(f'{rows:,} rows, {size / 2**20:.0f} MiB, median of {repeat} runs each')
print(f'{\"tool\":<10} {\"median s\":>9} {\"rows/s\":>12} {\"peak RSS MiB\":>13} {\"time / kpilot\":>14}')
for tool, r in runs.items():
    peak = max(k for _, k in r) / 1024
    print(f'{tool:<10} {median[tool]:>9.2f} {rows / median[tool]:>12,.0f} {peak:>13.0f} {median[tool] / median[\"kpilot\"]:>14.2f}')
print()
print(f'kpilot / DuckDB: {median[\"kpilot\"] / median[\"duckdb\"]:.2f}x the time (goal: at most 1.5x)')
print(f'kpilot / sqlite3 .import: {median[\"kpilot\"] / median[\"sqlite3\"]:.2f}x the time (goal: below 1)')
" "$ROWS" "$SIZE" "$REPEAT"
