# The action plan: table, filters, schedule (Gantt), calendar.
actions-title = Action plan
actions-intro = The plan's actions, their owner, dates and budget, what was done of them, and the schedule at the chosen day: the slack is the number of working days an open action can slip without a deadline being missed; critical are those with none left.
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
actions-status-cancelled = cancelled
actions-status-in_progress = in progress
actions-status-late = late
actions-status-planned = to do
actions-status-undated = no dates
actions-status-help = The state comes from what the team recorded (each row's “Started” and “Done” buttons, or kpilot action): “done” and “cancelled” are closed; “late”: not started by its latest start, not done by its due day, or held up by what it depends on, by so many working days; “in progress”: started and on time; “to do”: not started, on time.
actions-actual = Actual or expected
actions-track = Tracking
actions-derived = (derived by the schedule)
actions-late-days = { $count ->
    [one] { $count } working day late
   *[other] { $count } working days late
}
actions-done-on = done on { $day }
actions-started-on = started on { $day }
actions-expected-end = expected to end on { $day }
actions-mark-started = Started
actions-mark-done = Done
actions-mark-reopened = Reopen
actions-mark-occurrence = Done: number { $count } on { $day }
actions-cancel = Cancel…
actions-cancel-reason = Why
actions-cancel-submit = Cancel the action
actions-progress = Progress…
actions-progress-percent = Progress (%)
actions-progress-end = New expected end
actions-progress-submit = Save
actions-bad-change = This update cannot be read: use one of the row's buttons.
actions-bad-percent = Progress is written in percent, a whole number from 0 to 100.
actions-not-found = This action does not exist in the plan.
actions-legend-done = done action
actions-legend-cancelled = cancelled action
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
