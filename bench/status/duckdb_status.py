#!/usr/bin/env python3
"""DuckDB's side of the status benchmark: the questions `kpilot status`
asks of the data, answered with SQL over the same observations.

For each objective of the plan: the sums of its KPI's components over its
window (cumulative since the plan start, or trailing N days) in its scope
(a channel, a segment, both, or all), a weighted mean's value and weight
paired day by day; the daily totals of its measures over the last 365
days (the forecast's history); the last day with data. For the plan: the
cost per acquisition and average purchase value of the last 28 days, the
spend since the plan start in all and per action. The KPI values are then
evaluated from those sums, and checked against kpilot's JSON when given.
DuckDB does not forecast: kpilot's figures include its Holt-Winters fits
and simulations, DuckDB's do not.

    duckdb_status.py load DB CSV            # the table, from the CSV
    duckdb_status.py cold DB PLAN AT [KPILOT_JSON]
    duckdb_status.py warm DB PLAN AT REPEAT # prints each run's milliseconds
"""
import datetime
import json
import math
import sys
import time
import tomllib

import duckdb

# The catalogue's definitions of the benchmark plan's KPIs (`kpilot kpis`).
SUMS = {"sessions", "revenue", "cost"}
RATIOS = {
    "conversion_rate": ("transactions", "sessions"),
    "average_purchase_value": ("revenue", "transactions"),
    "ctr": ("clicks", "impressions"),
    "cpa": ("cost", "conversions"),
}
WEIGHTED = {"search_position": "impressions", "time_on_site": "sessions"}
HISTORY_DAYS = 365
CPA_DAYS = 28


def measures_of(kpi):
    if kpi in SUMS:
        return [kpi]
    if kpi in RATIOS:
        return list(RATIOS[kpi])
    if kpi == "roi":
        return ["revenue", "cost"]
    return [kpi, WEIGHTED[kpi]]


def days_before(day, days):
    return day - datetime.timedelta(days=days - 1)


def scope_sql(objective):
    """The scope's condition and its parameters."""
    sql, params = "", []
    for column in ("channel", "segment"):
        if column in objective:
            sql += f" AND {column} = ?"
            params.append(objective[column])
    return sql, params


def answer(connection, plan, at):
    """Every figure `kpilot status` shows, but the forecasts."""
    start = plan["plan"]["start"]
    values = {}
    for objective in plan["objectives"]:
        kpi = objective["kpi"]
        measures = measures_of(kpi)
        where, params = scope_sql(objective)
        # A sum is cumulative by default, a ratio or a mean on 28 days.
        default = "cumulative" if kpi in SUMS else "trailing"
        if objective.get("window", default) == "trailing":
            window = (days_before(at, objective.get("window_days", 28)), at)
        else:
            window = (start, at)
        if kpi in WEIGHTED:
            weight = WEIGHTED[kpi]
            product, paired = connection.execute(
                f"""SELECT sum(m.value * w.value), sum(w.value)
                    FROM (SELECT * FROM observations
                          WHERE measure = ? AND date BETWEEN ? AND ?{where}) m
                    JOIN (SELECT * FROM observations
                          WHERE measure = ? AND date BETWEEN ? AND ?{where}) w
                    ON m.date = w.date AND m.channel IS NOT DISTINCT FROM w.channel
                    AND m.segment IS NOT DISTINCT FROM w.segment
                    AND m.action IS NOT DISTINCT FROM w.action""",
                [kpi, *window, *params, weight, *window, *params],
            ).fetchone()
            values[objective["id"]] = product / paired if paired else None
        else:
            sums = dict(
                connection.execute(
                    f"""SELECT measure, sum(value) FROM observations
                        WHERE measure IN (SELECT unnest(?)) AND date BETWEEN ? AND ?{where}
                        GROUP BY measure""",
                    [measures, *window, *params],
                ).fetchall()
            )
            s = lambda m: float(sums.get(m, 0))
            if kpi in SUMS:
                value = s(kpi) if kpi in sums else None
            elif kpi == "roi":
                value = (s("revenue") - s("cost")) / s("cost") if s("cost") else None
            else:
                numerator, denominator = RATIOS[kpi]
                value = s(numerator) / s(denominator) if s(denominator) else None
            values[objective["id"]] = value
        # The forecast's history and the last day with data.
        connection.execute(
            f"""SELECT date, measure, sum(value) FROM observations
                WHERE measure IN (SELECT unnest(?)) AND date BETWEEN ? AND ?{where}
                GROUP BY date, measure ORDER BY date""",
            [measures, days_before(at, HISTORY_DAYS), at, *params],
        ).fetchall()
        connection.execute(
            f"""SELECT max(date) FROM observations
                WHERE measure IN (SELECT unnest(?)) AND date <= ?{where}""",
            [measures, at, *params],
        ).fetchone()
    # The plan's alerts: cost per acquisition against the average purchase
    # value, spend against the envelope and the actions' budgets.
    sums = dict(
        connection.execute(
            """SELECT measure, sum(value) FROM observations
               WHERE measure IN ('cost', 'conversions', 'revenue', 'transactions')
               AND date BETWEEN ? AND ? GROUP BY measure""",
            [days_before(at, CPA_DAYS), at],
        ).fetchall()
    )
    connection.execute(
        """SELECT action, sum(value) FROM observations
           WHERE measure = 'cost' AND date BETWEEN ? AND ?
           GROUP BY GROUPING SETS ((), (action))""",
        [start, at],
    ).fetchall()
    return values, sums


def main():
    command, db = sys.argv[1], sys.argv[2]
    if command == "load":
        connection = duckdb.connect(db)
        connection.execute(
            "CREATE TABLE observations AS SELECT date, measure, value, channel, segment,"
            " NULL::VARCHAR AS action FROM read_csv(?)",
            [sys.argv[3]],
        )
        connection.close()
        return
    with open(sys.argv[3], "rb") as f:
        plan = tomllib.load(f)
    at = datetime.date.fromisoformat(sys.argv[4])
    connection = duckdb.connect(db, read_only=True)
    if command == "cold":
        values, _ = answer(connection, plan, at)
        if len(sys.argv) > 5:
            check(values, sys.argv[5])
    elif command == "warm":
        for run in range(int(sys.argv[5])):
            started = time.perf_counter()
            answer(connection, plan, at)
            print(f"run {run}: {(time.perf_counter() - started) * 1000:.3f} ms", file=sys.stderr)


def check(values, kpilot_json):
    """DuckDB's values are kpilot's."""
    with open(kpilot_json) as f:
        kpilot = {o["id"]: o["value"] for o in json.load(f)["objectives"]}
    for id, value in values.items():
        theirs = kpilot[id]
        same = (value is None and theirs is None) or (
            value is not None
            and theirs is not None
            and math.isclose(value, theirs, rel_tol=1e-9, abs_tol=1e-12)
        )
        if not same:
            sys.exit(f"{id}: DuckDB gives {value}, kpilot {theirs}")


if __name__ == "__main__":
    main()
