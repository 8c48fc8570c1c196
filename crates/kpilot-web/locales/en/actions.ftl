# The action plan: table, filters, schedule (Gantt), calendar.
actions-title = Action plan
actions-intro = The plan's actions, their owner, dates and budget, and the schedule at the chosen day: the slack is the number of working days an action's start can slip without a deadline being missed; the critical path is the actions with none to spare.
actions-filters = Filter the actions
actions-owner = Owner
actions-channel = Channel
actions-status = Status
actions-all = All
actions-no-owner = (no owner)
actions-filter-submit = Filter
actions-count = { $count ->
    [one] { $count } action shown
   *[other] { $count } actions shown
} out of { $total }
actions-ics = Download the calendar (iCalendar)
actions-ics-help = One event per action and per occurrence; importing a newer version updates the events.
actions-none = No action matches these filters.
actions-timeline = Schedule
actions-timeline-title = Schedule of the actions at { $day }
actions-timeline-desc = { $count } actions over the plan's period, { $value } of them on the critical path. The table below gives the same information.
actions-at-marker = At { $day }
actions-legend = Legend
actions-legend-one-off = one-off action, from its start to its deadline
actions-legend-critical = action on the critical path: hatched, thick outline and ★
actions-legend-recurring = recurring action: its period and each of its occurrences
actions-legend-continuous = continuous action
actions-legend-deadline = deadline
actions-legend-at = the day of the schedule
actions-legend-dependency = dependency: the action waits for the previous one to finish
actions-table = The actions
actions-action = Action
actions-kind = Kind
actions-start = Start
actions-end = End or deadline
actions-budget = Allocated budget
actions-slack = Slack (work days)
actions-critical = Critical
actions-depends = After:
actions-yes = yes
actions-no = no
actions-total = Total of the actions shown
actions-kind-one_off = one-off
actions-kind-recurring = { $count ->
    [one] recurring, { $count } occurrence
   *[other] recurring, { $count } occurrences
}
actions-kind-continuous = continuous
actions-status-done = done
actions-status-in_progress = in progress
actions-status-late = late
actions-status-planned = planned
actions-status-undated = no dates
actions-status-help = “done”: its dates are past (kpilot does not know whether it was done); “in progress”: the chosen day falls within its dates; “late”: its slack is negative, it will not keep its dates (not begun by its latest start, or what it depends on will not be done in time).
actions-findings = Schedule findings
actions-findings-none = Nothing to report: every action can keep its dates.
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec
