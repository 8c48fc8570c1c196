# The Experiments pages: A/B tests and their verdicts.
experiments-title = A/B tests of { $name }
experiments-none = This plan has no experiments yet: add an `[[experiments]]` table to the plan file (in the editor, download the plan, add it, upload it).
experiments-caption = The plan’s experiments, judged at the day chosen
experiments-column-experiment = Experiment
experiments-column-action = Action
experiments-column-dates = Dates
experiments-column-visitors = Visitors
experiments-column-verdict = Verdict
experiments-unknown = This plan has no experiment “{ $id }”.
experiment-title = Experiment { $id }
experiment-action = Action:
experiment-method-sequential = sequential test (decides as soon as the evidence is there)
experiment-method-fixed = fixed-horizon test (decides once the planned sample is reached)
experiment-variants = Variants
experiment-variants-caption = Each variant’s sums from { $from } to { $to }
experiment-variant = Variant
experiment-split = Planned split
experiment-visitors = Visitors
experiment-conversions = Conversions
experiment-revenue = Revenue
experiment-value = Value
experiment-control = control
experiment-value-how = Value = Σ{ $numerator } / Σvisitors over the days counted, never a mean of daily values.
experiment-lift = Relative lift, 95 % interval (fixed horizon)
experiment-p-value = p-value (fixed horizon)
experiment-sequential = Sequential 95 % interval (decides)
experiment-sequential-p = Sequential p-value
experiment-chance = Chance to beat the control
experiment-loss = Expected loss if chosen
experiment-srm = Sample ratio check
experiment-sample = Sample size
experiment-sample-needed = { $needed } visitors per variant detect the effect sought (80 % power, 5 % two-sided). The smallest variant has { $fewest }: { $still } still needed.
experiment-sample-unknown = Unknown: the experiment needs an `mde` (the smallest effect worth detecting) and the control some results.
experiment-method-how = The sequential interval stays valid however often the results are looked at (GrowthBook’s asymptotic confidence sequences); the fixed-horizon interval is valid only once, at the planned sample size. A sample ratio p-value under 0.001 means the split is broken and the result cannot be read.
experiment-chart-title = Lift of { $variant } over { $control }
experiment-chart-zero = no change
experiment-chart-fixed = fixed horizon, 95 %
experiment-chart-sequential = sequential, 95 % (decides)
experiment-chart-mde = effect sought
experiment-chart-alt = The lift as a dot, its fixed-horizon interval as a thick bar inside the sequential interval (thin), against the no-change line and the effect sought.
experiment-upload = Add results
experiment-upload-how = A CSV, XLSX or ODS file with the columns date, variant, visitors, conversions (and revenue, revenue_squares for an amount per visitor), one row per day and variant, in French or English. A day and variant already stored are replaced; a file with a bad line stores nothing.
experiment-upload-file = Results file
experiment-upload-submit = Add the results
experiment-upload-missing = Choose a results file to upload.
experiment-upload-refused = Nothing was stored: { $file } has { $count } bad { $count ->
    [one] line
   *[other] lines
}. Fix the file and upload it again.
experiment-upload-back = Back to the experiment
verdict-winner = winner
verdict-loser = loser
verdict-inconclusive = inconclusive
verdict-keep_running = keep running
verdict-invalid_srm = invalid (sample ratio)
