#!/usr/bin/env python3
"""Reads the web benchmark's `wrk --latency` outputs and the server's peak
memory, and prints one row per endpoint: requests per second, p50 and p99
latency (medians of the runs, and the range), peak RSS, and the median
time of a request alone that computes its answer (`cold`). Fails when a
request got anything but a 2xx or 3xx answer, or a socket error.

    python3 summary.py DATA RUNS ROWS CONNECTIONS DURATION LOAD_SECONDS ENDPOINT...
"""
import re
import statistics
import sys

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
GOAL_P99_MS = 50.0


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def read_run(path):
    text = open(path).read()
    if "Non-2xx or 3xx responses" in text:
        sys.exit(f"{path}: some answers were not 2xx or 3xx:\n{text}")
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if errors and any(int(n) for n in errors.groups()):
        sys.exit(f"{path}: socket errors:\n{text}")
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", text, re.M))
    return {
        "requests": int(re.search(r"(\d+) requests in", text).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
        "p50": milliseconds(percentiles["50"]),
        "p99": milliseconds(percentiles["99"]),
    }


def main():
    data, runs, rows, connections, duration, load = sys.argv[1:7]
    endpoints = sys.argv[7:]
    runs = int(runs)
    peaks = dict(line.split() for line in open(f"{data}/web-peaks.txt"))
    cold = {line.split()[0]: [float(t) * 1000 for t in line.split()[1:]]
            for line in open(f"{data}/web-cold.txt")}
    print(f"{int(rows):,} observations (loaded and the plan applied in {load} s); "
          f"wrk, {connections} connections, {duration} s a run, median of {runs} run(s)")
    print(f"{'endpoint':<11} {'requests/s':>10} {'p50 ms':>9} {'p99 ms':>9} "
          f"{'p99 range ms':>16} {'requests':>9} {'peak RSS MiB':>13} {'cold ms':>8}")
    figures = {}
    for endpoint in endpoints:
        results = [read_run(f"{data}/web-wrk-{endpoint}-{run}.txt") for run in range(1, runs + 1)]
        median = {key: statistics.median(r[key] for r in results) for key in ("rps", "p50", "p99")}
        figures[endpoint] = median
        low, high = min(r["p99"] for r in results), max(r["p99"] for r in results)
        total = sum(r["requests"] for r in results)
        print(f"{endpoint:<11} {median['rps']:>10.1f} {median['p50']:>9.1f} {median['p99']:>9.1f} "
              f"{f'{low:.1f}-{high:.1f}':>16} {total:>9} {int(peaks[endpoint]) / 1024:>13.0f} "
              f"{statistics.median(cold[endpoint]):>8.1f}")
    if "dashboard" in figures:
        p99 = figures["dashboard"]["p99"]
        verdict = "met" if p99 < GOAL_P99_MS else "not met"
        print(f"\ndashboard p99 {p99:.1f} ms = {p99 / GOAL_P99_MS:.2f}x the goal "
              f"(under {GOAL_P99_MS:.0f} ms): {verdict}")


if __name__ == "__main__":
    main()
