#!/usr/bin/env python3
"""Writes the import benchmark's long CSV: `date,measure,value,channel,segment`,
three years of days (2024-01-01 to 2026-12-31) x 8 channels x 55 segments x
21 measures, in day order, cut at exactly ROWS rows (10,000,000 by default).
Deterministic: values are arithmetic on the row number, no randomness.

    python3 generate.py OUT.csv [ROWS]
"""
import datetime
import sys

CHANNELS = ["email", "sms", "search", "social", "display", "website", "store", "events"]
SEGMENTS = [f"segment-{n:02d}" for n in range(1, 56)]
COUNTS = [
    "sessions", "transactions", "impressions", "reach", "clicks", "conversions",
    "customers", "new_customers", "contacts", "new_contacts", "email_optins",
    "sms_optins", "participants", "invited", "engagements", "responses",
]
# Amounts with cents, and averages with one decimal.
MONEY = ["revenue", "cost"]
AVERAGES = ["search_position", "satisfaction_score", "time_on_site"]


def main():
    out = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    measures = COUNTS + MONEY + AVERAGES
    start = datetime.date(2024, 1, 1)
    written = 0
    with open(out, "w", newline="", buffering=1 << 22) as f:
        f.write("date,measure,value,channel,segment\n")
        day = 0
        while written < rows:
            date = (start + datetime.timedelta(days=day)).isoformat()
            lines = []
            for channel in CHANNELS:
                for segment in SEGMENTS:
                    for measure in measures:
                        n = written + len(lines)
                        if measure in MONEY:
                            value = f"{(n * 7919) % 1000000 / 100:.2f}"
                        elif measure in AVERAGES:
                            value = f"{(n * 7919) % 1000 / 10:.1f}"
                        else:
                            value = str((n * 7919) % 5000)
                        lines.append(f"{date},{measure},{value},{channel},{segment}\n")
            lines = lines[: rows - written]
            f.writelines(lines)
            written += len(lines)
            day += 1


if __name__ == "__main__":
    main()
