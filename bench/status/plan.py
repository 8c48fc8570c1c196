#!/usr/bin/env python3
"""Writes the status benchmark's plan: 30 objectives on the import
benchmark's data (8 channels x 55 segments x 21 measures a day), mixing
KPIs (sums, ratios, a cost per acquisition, weighted means), windows
(cumulative since the plan start, trailing 28 and 90 days) and scopes (all
data, one channel, one segment, one channel and one segment), with a sales
goal and one-off actions so that every alert rule is evaluated.

    python3 plan.py OUT.toml
"""
import sys

KPIS = [
    # (kpi, baseline, target, window)
    ("sessions", 0, 4_000_000_000, None),
    ("revenue", 0, 9_000_000_000, None),
    ("cost", 9_000_000_000, 8_000_000_000, None),
    ("conversion_rate", 0.9, 0.99, "trailing:28"),
    ("average_purchase_value", 2, 3, "trailing:90"),
    ("cpa", 2, 1, "trailing:28"),
    ("ctr", 0.9, 0.99, "trailing:28"),
    ("roi", 0.5, 1, None),
    ("search_position", 25, 20, "trailing:28"),
    ("time_on_site", 45, 60, "trailing:90"),
]
SCOPES = [
    (None, None),
    ("email", None),
    (None, "segment-07"),
    ("search", "segment-21"),
    ("social", None),
    (None, "segment-42"),
]


def main():
    out = []
    w = out.append
    w('[plan]\nid = "bench-2026"\nname = "Status benchmark"\n'
      'mission = "Measure what a dashboard costs."\nvision = "Fast."\n'
      'start = 2026-01-01\nend = 2026-12-31\ncurrency = "EUR"\n')
    w('[budget]\nmethod = "fixed"\namount = 1000000\n')
    for goal, kind in [("sales", "sales"), ("reach", "acquisition"), ("care", "retention")]:
        w(f'[[goals]]\nid = "{goal}"\ntitle = "Goal {goal}"\nkind = "{kind}"\n')
    for n in range(1, 56):
        w(f'[[segments]]\nid = "segment-{n:02d}"\nname = "Segment {n:02d}"\n')
    for i in range(30):
        kpi, baseline, target, window = KPIS[i % len(KPIS)]
        channel, segment = SCOPES[i % len(SCOPES)]
        goal = ["sales", "reach", "care"][i % 3]
        lines = [
            "[[objectives]]",
            f'id = "objective-{i + 1:02d}"',
            f'goal = "{goal}"',
            f'title = "Objective {i + 1}: {kpi}"',
            f'kpi = "{kpi}"',
            f"baseline = {baseline}",
            f"target = {target}",
            "deadline = 2026-12-31",
        ]
        if window:
            days = window.split(":")[1]
            lines += ['window = "trailing"', f"window_days = {days}"]
        if channel:
            lines.append(f'channel = "{channel}"')
        if segment:
            lines.append(f'segment = "{segment}"')
        w("\n".join(lines) + "\n")
    w('[[strategies]]\nid = "strategy"\ntitle = "Strategy"\n'
      'objectives = [' + ", ".join(f'"objective-{i + 1:02d}"' for i in range(30)) + "]\n")
    w('[[tactics]]\nid = "tactic"\nstrategy = "strategy"\ntitle = "Tactic"\nchannel = "search"\n'
      'metrics = [{ kpi = "clicks", type = "acquisition" }, { kpi = "ctr", type = "behaviour" }]\n')
    for n in range(1, 6):
        w(f'[[actions]]\nid = "action-{n}"\ntactic = "tactic"\ntitle = "Action {n}"\n'
          f'owner = {{ name = "Owner", email = "owner@example.com" }}\nkind = "one_off"\ndue = 2026-0{n + 1}-15\nduration_days = 10\n'
          f"budget = {n * 1000}\n")
    with open(sys.argv[1], "w") as f:
        f.write("\n".join(out))


if __name__ == "__main__":
    main()
