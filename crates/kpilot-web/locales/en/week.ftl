# This week: what the team looks at on Monday.
week-title = This week
week-period = { $from } to { $until }: the objectives to check in on, the actions due or late, the alerts and the budget overruns.
week-from = Week starting on
week-submit = Show
week-count = { $count ->
    [0] nothing to look at this week
    [one] { $count } thing to look at this week
   *[other] { $count } things to look at this week
}
week-checkins = Check-ins to write (one every { $every } days)
week-checkins-none = Every objective has had its check-in.
week-objective = Objective
week-owner = Owner
week-no-owner = (no owner)
week-last-checkin = Last check-in
week-never = never
week-write-checkin = Check in
week-due = Actions due this week
week-due-none = No action is due this week.
week-action = Action
week-due-day = Due
week-occurrence = (occurrence { $count })
week-late = Actions late
week-late-none = No action is late.
week-late-days = Late (working days)
week-budget = Budget overruns
week-budget-none = No budget overrun.
week-alerts = Alerts
week-alerts-none = No alert.
