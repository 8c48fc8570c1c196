#!/usr/bin/env python3
"""Times kpilot status and DuckDB side by side (called by run.sh).

    compare.py KPILOT DATA AT REPEAT WARM ROWS
"""
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(command, data):
    """Runs `command` under /usr/bin/time: (wall seconds, peak RSS KiB, stderr)."""
    rss_file = os.path.join(data, "status-rss")
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", rss_file, *command],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr}")
    with open(rss_file) as f:
        kib = int(f.read().split()[-1])
    return seconds, kib, done.stderr


def runs_ms(stderr):
    """The warm runs' milliseconds, the first (cold caches) left out."""
    runs = [float(m) for m in re.findall(r"run \d+: ([0-9.]+) ms", stderr)]
    return runs[1:]


def main():
    kpilot, data, at, repeat, warm, rows = sys.argv[1:7]
    repeat, warm = int(repeat), int(warm)
    plan = "bench-2026"
    status = [kpilot, "status", "--plan", plan, "--at", at, "--format", "json"]
    duck = [sys.executable, os.path.join(HERE, "duckdb_status.py")]
    duck_db = os.path.join(data, "status-duck.db")
    plan_file = os.path.join(data, "status-plan.toml")
    json_file = os.path.join(data, "status.json")

    # kpilot's answer, which DuckDB's values are checked against.
    with open(json_file, "w") as out:
        subprocess.run(status, stdout=out, check=True)

    cold = {"kpilot": [], "duckdb": []}
    for _ in range(repeat):
        seconds, kib, _ = timed(status, data)
        cold["kpilot"].append((seconds, kib))
        seconds, kib, _ = timed([*duck, "cold", duck_db, plan_file, at, json_file], data)
        cold["duckdb"].append((seconds, kib))

    _, kpilot_kib, stderr = timed([*status, "--repeat", str(warm + 1)], data)
    kpilot_warm = runs_ms(stderr)
    _, duck_kib, stderr = timed([*duck, "warm", duck_db, plan_file, at, str(warm + 1)], data)
    duck_warm = runs_ms(stderr)

    def cold_median(tool):
        return statistics.median(s for s, _ in cold[tool]) * 1000

    def peak(tool):
        return max(k for _, k in cold[tool]) / 1024

    print(f"{int(rows):,} observations, a plan of 30 objectives, status at {at}")
    print(f"{'':<28} {'kpilot':>10} {'DuckDB':>10} {'DuckDB / kpilot':>16}")
    k, d = cold_median("kpilot"), cold_median("duckdb")
    print(f"{f'(a) cold process, ms ({repeat} runs)':<28} {k:>10.1f} {d:>10.1f} {d / k:>16.1f}")
    print(f"{'    peak RSS, MiB':<28} {peak('kpilot'):>10.1f} {peak('duckdb'):>10.1f}")
    k, d = statistics.median(kpilot_warm), statistics.median(duck_warm)
    print(f"{f'(b) warm process, ms ({warm} runs)':<28} {k:>10.1f} {d:>10.1f} {d / k:>16.1f}")
    print(f"{'    peak RSS, MiB':<28} {kpilot_kib / 1024:>10.1f} {duck_kib / 1024:>10.1f}")
    print()
    print("goals: (a) kpilot no slower than DuckDB, (b) kpilot at least 10x faster than DuckDB")
    print("(medians; DuckDB's cold figure includes starting Python; DuckDB does not forecast)")


if __name__ == "__main__":
    main()
