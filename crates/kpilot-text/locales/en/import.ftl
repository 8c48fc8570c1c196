# The import of results files: row errors, file errors, the summary.

## Places

import-place-line = line { $line }
import-place-column = line { $line }, column { $column }
import-place-column-header = line { $line }, column { $column } ({ $header })
import-row-error = { $place }: { $reason }

## Numbers

import-number-empty = `{ $text }` is not a number: empty
import-number-grouping = `{ $text }` is not a number: thousands must be grouped by three
import-number-no-digits = `{ $text }` is not a number: no digits
import-number-digits-comma = `{ $text }` is not a number: expected digits, a decimal comma and spaces between thousands
import-number-digits-point = `{ $text }` is not a number: expected digits, a decimal point and commas between thousands
import-number-decimals = `{ $text }` is not a number: the decimals must be digits
import-number-too-long = `{ $text }` is not a number: too many digits
import-value-none = no value

## Days

import-day-empty = the date is empty
import-day-shape = `{ $text }` is not a date: expected 2026-01-31, 31/01/2026, 20260131 or Jan 31, 2026
import-day-digits = `{ $text }` is not a date: its parts must be digits
import-day-year = `{ $text }` is not a date: its year must have two or four digits
import-day-calendar = `{ $text }` is not a date: no such day in the calendar
import-day-order = `{ $text }` is not a date in this column's order: it reads only { $order ->
        [dmy] day-first
        [ymd] year-first
       *[mdy] month-first
    } ({ $order }); say --date-order { $order } if the whole column is written so

## Rows

import-row-split = cannot split the line into fields: { $reason }
import-row-width = { $fields ->
        [one] { $fields } field
       *[other] { $fields } fields
    } where the header has { $width }
import-row-unknown-measure = unknown measure `{ $name }`; known measures: { $known }
import-row-hourly-mean = hourly values of `{ $measure }` cannot be summed into a day: it is an average, not a count
import-row-same-hour = same date and time ({ $stamp }), measure, channel, segment and action as line { $first }
import-row-sum-too-large = the day's sum is too large
import-row-period = the row covers { $first } to { $last }: export with the breakdown by day (Breakdown › By time › Day)
import-row-currency = the row is in { $found }, but the plan counts in { $expected }: export in the plan's currency
import-row-order-nothing = no order number and no total
import-row-order-no-number = an order without its number
import-row-order-two-totals = order { $order } appears again with another total ({ $total } on line { $first })

## The file

import-file-empty = the file is empty: there is no header line
import-file-workbook = the workbook cannot be read: { $reason }
import-file-no-sheet = the workbook has no sheet with data
import-file-unknown-columns = line { $line }: unknown { $count ->
        [one] column
       *[other] columns
    } { $columns }: name a measure with --map 'Header=measure', or skip it with --map 'Header=-'. Known names: { $known }
import-file-unknown-near-preset = { $unknown }. The file looks most like a { $title } export (--format { $preset }), but it has { $lacks }
import-file-no-day = line { $line }: no date column (expected a header such as Date or Jour)
import-file-long-without-measure = line { $line }: a long file needs a measure column and a value column (`date,measure,value`)
import-file-no-measure = line { $line }: no measure column: nothing to import
import-file-same-column-twice = line { $line }: columns { $first } and { $second } (`{ $header }`) both hold { $role }: keep one, or skip one with --map '{ $header }=-'
import-file-flag-and-column = line { $line }: the file has a { $kind } column (column { $column }) and --{ $kind } was given: drop one of them
import-file-currency = line { $line }, column { $column } (`{ $header }`): amounts in { $found }, but the plan counts in { $expected }: export in the plan's currency
import-file-date-orders = the column `{ $header }` has dates written day-first (`{ $day_text }`, line { $day_line }) and month-first (`{ $month_text }`, line { $month_line }): write the whole column in one order
import-map-syntax = --map `{ $entry }`: write `Header=measure`, or `Header=-` to skip the column
import-map-unused = --map `{ $entry }`: the file has no such column, so the entry would be ignored; check the header's spelling
import-map-ratio = --map: `{ $header }` says it is a rate or an average, and kpilot never sums one as `{ $measure }` (it computes rates from their components): import the components instead
import-map-refused = --map `{ $entry }`: a { $format } export cannot take this entry (its day, channel and order columns are fixed); name a column the export does not read, or skip an optional one with `Header=-`

## Tool exports

import-preset-near-miss = line { $line }: { $reason }: a { $title } export has the columns { $expected } (export: { $export })
import-preset-no-header = no header row of a { $title } export was found: expected columns such as { $expected } (export: { $export })
import-preset-lacks-day = no day column ({ $spellings })
import-preset-lacks-day-range = no day column ({ $spellings }) while the export covers { $first } to { $last }: add the Date dimension
import-preset-lacks-measure = no measure column ({ $spellings })
import-preset-lacks-order = no order number column ({ $spellings })
import-preset-lacks-total = no order total column ({ $spellings })
import-preset-lacks-and = { $first } and { $second }
import-detected-preset = read as a { $title } export (--format { $preset }): { $evidence }
import-detected-columns = its columns { $columns }{ $mark ->
        [comments] {" "}and its `#` comment block
        [title] {" "}and its title line
       *[none] {""}
    }
import-detected-generic = read as kpilot's own layout: its header names { $columns }

## What a column becomes

import-role-day = the day
import-role-channel = the channel
import-role-currency = the currency (checked against the plan's)
import-role-segment = the segment
import-role-action = the action
import-role-measure-name = the measure's name
import-role-value = the value
import-role-measure = measure { $measure }
import-role-period-start = the period's first day
import-role-period-end = the period's last day (the same day)
import-role-order-number = the order number
import-role-order-total = the order's total
import-role-order-status = the order's status
import-role-cancelled-at = a cancellation (the order left out)
import-role-new-customer = a first order (new_customers)
import-role-source = where the order was taken (pos → store)

## A/B test results

import-experiment-variant-empty = the variant is empty
import-experiment-conversions-exceed = conversions ({ $conversions }) exceed visitors ({ $visitors })
import-experiment-squares-negative = revenue_squares is a sum of squares: it cannot be negative ({ $value })
import-experiment-repeated = variant `{ $variant }` already has a row for { $day }, on line { $first }
import-experiment-negative = { $name } cannot be negative: `{ $text }`
import-experiment-whole = { $name } must be a whole number: `{ $text }`
import-experiment-too-large = { $name } is too large: `{ $text }`

## Summary

import-skipped-rows = { $count ->
        [one] { $count } summary or total row skipped
       *[other] { $count } summary or total rows skipped
    }
import-none = none
import-list = { $first }, { $next }
import-order-left-out = { $count } { $key ->
        [pending] pending
        [pending-payment] awaiting payment
        [on-hold] on hold
        [refunded] refunded
        [voided] voided
        [expired] expired
        [cancelled] cancelled
        [canceled] cancelled
        [failed] failed
        [draft] drafts
        [trash] in the trash
       *[other] `{ $status }`
    }
import-note-mark-assumed = no value tells the decimal mark: read with the { $mark ->
        [comma] comma
       *[point] point
    }, as a { $delimiter ->
        [semicolon] `;`-separated
        [tab] tab-separated
       *[comma] `,`-separated
    } file is taken to write it
import-note-dates-given = dates of `{ $header }` read { $order } (--date-order)
import-note-dates-proved = dates of `{ $header }` read { $order }, as `{ $text }` on line { $line } proves
import-note-dates-assumed = nothing in `{ $header }` tells day-first from month-first: read { $order }, { $why ->
        [dialect] as a file written with `;` or decimal commas is
       *[language] the order of the run's language
    }; say --date-order dmy or mdy if that is wrong
import-note-two-digit-years = two-digit years (`{ $text }`, line { $line }): 00 to 69 read as 2000 to 2069, 70 to 99 as 1970 to 1999
import-note-hourly = rows of `{ $header }` have times of day: each day's rows are summed into the day
import-note-ratios = { $count ->
        [one] a rate or average left out (kpilot computes it from its components)
       *[other] { $count } rates and averages left out (kpilot computes them from their components)
    }: { $columns }
import-note-not-read = { $count ->
        [one] a column not read
       *[other] { $count } columns not read
    }: { $columns }
import-note-skipped-rows = { $count ->
        [one] a summary or total row skipped, never summed
       *[other] { $count } summary or total rows skipped, never summed
    } (line { $lines })
import-note-orders = { $counted ->
        [one] { $counted } order counted
       *[other] { $counted } orders counted
    }
import-note-orders-left-out = { $counted }; { $count ->
        [one] { $count } left out
       *[other] { $count } left out
    }: { $left_out }
import-note-unknown-value = { $kind ->
        [segment] segment
       *[channel] channel
    } `{ $value }`: { $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    } (from line { $line }), not a { $kind } of the plan: its figures count for no objective of a { $kind }
import-note-unknown-more = { $count ->
        [one] one more channel or segment value names nothing the plan knows
       *[other] { $count } more channel or segment values name nothing the plan knows
    } (the first ones below)
import-note-unknown-closest = { $unknown }; did you mean `{ $id }` ({ $name })?
import-refused-format = unknown format `{ $format }`: use auto, long, wide or one of { $presets }
import-refused-date-order = --date-order `{ $text }`: write dmy, mdy or ymd
import-refused-rows = nothing was imported: { $rows ->
        [one] { $rows } bad row
       *[other] { $rows } bad rows
    }, { $duplicates ->
        [one] { $duplicates } duplicate
       *[other] { $duplicates } duplicates
    }; fix the file and run again
import-empty-values = nothing to import: no row of the file holds a value; import it anyway with --allow-empty
import-empty-summary-rows = nothing to import: the file's only rows are { $count ->
        [one] a summary or total row
       *[other] { $count } summary or total rows
    }; import it anyway with --allow-empty
import-empty-no-orders = nothing to import: the file holds no order; import it anyway with --allow-empty
import-empty-orders = nothing to import: none of the { $count } orders is a sale ({ $left_out }); once paid, export them again, or import them now with --allow-empty

## The command line

import-cli-no-file = name a file to import, or use --list or --undo BATCH
import-cli-no-batch = there is no import batch { $batch } (see kpilot import --list)
import-cli-undone = import batch { $batch } undone: { $removed ->
        [one] { $removed } value removed
       *[other] { $removed } values removed
    }, { $restored ->
        [one] { $restored } earlier value restored
       *[other] { $restored } earlier values restored
    }
import-cli-created = created workspace { $path }
import-cli-already = { $name } was already imported this way (batch { $batch }, on { $at }, by { $by }): nothing to do
import-cli-earlier = this file was already imported this way (batch { $batch }, on { $at }): importing it again changes nothing
import-cli-error = { $place }: error: { $reason }
import-cli-field = [{ $header }] { $reason }
import-cli-more-errors = … and { $count ->
        [one] { $count } more bad row
       *[other] { $count } more bad rows
    }
import-cli-duplicate = same day ({ $day }), measure, channel, segment and action as line { $first }
import-cli-more-duplicates = … and { $count ->
        [one] { $count } more duplicate
       *[other] { $count } more duplicates
    }
import-cli-delimiter = { $delimiter ->
        [tab] tab-separated
       *[other] `{ $delimiter }`-separated
    }
import-cli-mark = { $mark ->
        [comma] decimal comma
       *[point] decimal point
    }
import-cli-columns = columns read: { $columns }
import-cli-values = { $values ->
        [one] { $values } value
       *[other] { $values } values
    } over { $days ->
        [one] { $days } day
       *[other] { $days } days
    }{ $span }; channels: { $channels }; segments: { $segments }
import-cli-totals = totals by measure:
import-cli-too-large = too large
import-cli-counts = { $inserted } new, { $replaced } replaced, { $unchanged } unchanged
import-cli-orders = orders: { $counts }
import-cli-imported = imported as batch { $batch }: { $counts }
import-cli-dry-run = dry run, nothing was written: { $counts }
import-cli-no-imports = no imports in this workspace
import-cli-list-batch = batch
import-cli-list-at = imported at
import-cli-list-by = by
import-cli-list-format = format
import-cli-list-values = values
import-cli-list-new = new
import-cli-list-replaced = replaced
import-cli-list-same = same
import-cli-list-file = file
import-cli-too-big = { $name } is { $size }, above the import size limit of { $limit }: raise it with --max-size, KPILOT_IMPORT_MAX_SIZE or import_max_size in kpilot.toml
