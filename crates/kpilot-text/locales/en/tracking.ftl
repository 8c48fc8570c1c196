# The week's tracking: actions' updates and objectives' check-ins.

tracking-unknown-action = the plan has no action `{ $action }`; its actions: { $known }
tracking-unknown-objective = the plan has no objective `{ $objective }`; its objectives: { $known }
tracking-not-recurring = `{ $action }` does not recur: it has no occurrences, leave out --occurrence
tracking-no-such-occurrence = `{ $action }` has { $count ->
        [one] { $count } occurrence
       *[other] { $count } occurrences
    }, not a number { $occurrence }
tracking-outside-plan = { $day } is outside the plan ({ $start } to { $end })
tracking-percent = a progress of { $percent } % is above 100 %
tracking-no-reason = say why the action is cancelled (--reason)
tracking-recorded-started = `{ $action }`{ $occurrence } started on { $day }
tracking-recorded-done = `{ $action }`{ $occurrence } done on { $day }
tracking-recorded-cancelled = `{ $action }`{ $occurrence } cancelled on { $day }: { $reason }
tracking-recorded-progress = `{ $action }`{ $occurrence }: { $percent } % done{ $end }
tracking-recorded-reopened = `{ $action }`{ $occurrence } is to do again
tracking-occurrence = {" "}(occurrence { $number })
tracking-expected-end = , now expected to end on { $day }
tracking-checked-in = check-in on `{ $objective }` for { $day }: { $confidence ->
        [on_track] on track
        [at_risk] at risk
        [off_track] off track
       *[other] { $confidence }/10
    }
tracking-previous-checkin = the check-in before, on { $day } by { $by }: { $confidence ->
        [on_track] on track
        [at_risk] at risk
        [off_track] off track
       *[other] { $confidence }/10
    }{ $comment }
tracking-comment = {" "}— { $text }
tracking-bad-confidence = --confidence `{ $text }`: write on_track, at_risk, off_track, or a score from 0 to 10
tracking-bad-percent = `{ $text }` is not a percentage from 0 to 100
tracking-bad-value = --value `{ $text }`: { $reason }
tracking-bad-date = `{ $text }` is not a date: write 2026-04-30 or 30/04/2026
tracking-week-title = This week, { $from } to { $until }: { $count ->
        [0] nothing to look at
        [one] { $count } thing to look at
       *[other] { $count } things to look at
    }
tracking-week-checkins = Check-ins to write (one every { $every } days):
tracking-week-never = never checked in
tracking-week-last = last check-in on { $day } ({ $confidence ->
        [on_track] on track
        [at_risk] at risk
        [off_track] off track
       *[other] { $confidence }/10
    })
tracking-week-due = Actions due this week:
tracking-week-due-on = on { $day }
tracking-week-late = Actions late:
tracking-week-late-days = { $count ->
        [one] { $count } working day late
       *[other] { $count } working days late
    }
tracking-week-alerts = Alerts:
tracking-week-none = (none)
