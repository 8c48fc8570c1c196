# The Import page: sending an export, dry run, confirmation, history.
import-title = Import results
import-intro = Send a tool's export (analytics, ad platform, emailing, shop) or your own spreadsheet: CSV, XLSX or ODS. kpilot reads it and shows what it understood and what would be stored; nothing is written before you confirm, and a file with a bad line is never half imported.
import-upload = Send a file
import-file = File
import-file-help = CSV (separated by , ; or tab), XLSX, ODS or XLS; the encoding is detected (UTF-8, UTF-16, Windows-1252).
import-read = Read the file
import-format = Format
import-format-auto = Detected from the header
import-format-long = Long: one value per row (date, measure, value)
import-format-wide = Wide: one column per measure
import-format-presets = A tool's export
import-format-read = Read as
import-channel = Channel of every row (optional)
import-channel-help = Only for a file without a channel column.
import-segment = Segment of every row (optional)
import-history = The workspace's imports
import-history-empty = No imports yet.
import-batch = Batch
import-when = Date
import-who = By
import-file-name = File
import-rows = Values read
import-inserted = New
import-replaced = Replaced
import-unchanged = Unchanged
import-undo = Undo
import-undo-batch = Undo import batch { $batch }
import-undo-help = Undoing an import removes its values and restores those it replaced.
import-undone = Import batch { $batch } undone: { $removed ->
    [one] { $removed } value removed
   *[other] { $removed } values removed
}, { $restored ->
    [one] { $restored } earlier value restored
   *[other] { $restored } earlier values restored
}.
import-done = “{ $file }” imported (batch { $batch }): { $rows ->
    [one] { $rows } value
   *[other] { $rows } values
}, { $inserted } new, { $replaced } replaced, { $unchanged } unchanged.
import-already = “{ $file }” was already imported this way (batch { $batch }, on { $at }, by { $by }): nothing to do.
import-no-batch = This import does not exist (or was already undone).
import-no-file = Choose a file to import.
import-upload-gone = This file is no longer waiting (it expired or was imported): send it again.
import-preview-title = Importing “{ $file }”
import-refused = Nothing was imported: the file has bad lines or duplicates. Fix it, or change how its columns are read, then try again.
import-unreadable = The file cannot be read this way.
import-detected = What kpilot detected
import-container = File type
import-encoding = Encoding
import-delimiter = Delimiter
import-delimiter-tab = tab
import-delimiter-semicolon = semicolon (;)
import-delimiter-comma = comma (,)
import-decimal = Numbers
import-decimal-comma = decimal comma (1 234,56)
import-decimal-point = decimal point (1,234.56)
import-dry-run = Dry run: what would be stored
import-span = { $count ->
    [one] { $count } value
   *[other] { $count } values
} over { $days ->
    [one] { $days } day
   *[other] { $days } days
}
import-channels = Channels:
import-segments = segments:
import-totals = Totals by measure
import-measure = Measure
import-values = Values
import-total = Total
import-too-large = too large
import-bad-lines-title = { $count ->
    [one] { $count } bad line
   *[other] { $count } bad lines
}
import-bad-lines-capped = The first { $count } are detailed; { $rows ->
    [one] { $rows } more bad line is only counted
   *[other] { $rows } more bad lines are only counted
}.
import-line = Line
import-column = Column
import-field = Field
import-reason = Reason
import-duplicates-title = { $count ->
    [one] { $count } duplicate: same day, measure, channel, segment and action as an earlier line
   *[other] { $count } duplicates: same day, measure, channel, segment and action as an earlier line
}
import-duplicates-capped = The first { $count } are listed; { $rows } more are only counted.
import-day = Day
import-first-line = First line
import-mapping = How columns are read
import-mapping-caption = What each column of the file holds
import-header = Header
import-read-as = Read as
import-map-auto = As detected: { $name }
import-map-choose = — choose —
import-map-measures = Measures
import-col-day = date
import-col-channel = channel
import-col-segment = segment
import-col-action = plan action
import-col-skip = ignored
import-more = More mappings (optional)
import-more-help = One per line, as --map takes them: “Header=measure”, or “Header=-” to skip the column.
import-preview = Read again with these choices
import-confirm-title = Confirm
import-confirm-help = The import is stored all at once, and can be undone from the history.
import-confirm = Import
import-cannot-confirm = Importing is possible once the file reads without bad lines or duplicates.
import-another = Send another file
import-date-order = Order of dates
import-date-order-auto = as the file says (month first when it says nothing)
import-date-order-dmy = day first (31/01/2026)
import-date-order-mdy = month first (01/31/2026)
import-date-order-ymd = year first (2026/01/31)
import-columns-read = Columns read:
