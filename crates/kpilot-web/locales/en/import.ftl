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
import-what-channel = channel
import-what-segment = segment
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
import-duplicates = Duplicates
import-bad-lines = Bad lines
import-undo = Undo
import-undo-batch = Undo import batch { $batch }
import-undo-help = Undoing an import removes its values and restores those it replaced.
import-undone = Import batch { $batch } undone: { $removed } value(s) removed, { $restored } earlier value(s) restored.
import-done = “{ $file }” imported (batch { $batch }): { $rows } value(s), { $inserted } new, { $replaced } replaced, { $unchanged } unchanged.
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
import-ignored = The tool's columns not read:
import-dry-run = Dry run: what would be stored
import-span = { $count } value(s) over { $days } day(s)
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
import-bad-lines-capped = kpilot-import details the first { $count }; { $rows } more bad line(s) are only counted.
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
import-col-measure-name = measure name (long file)
import-col-value = value (long file)
import-col-measure = measure { $name }
import-col-skip = ignored
import-more = More mappings (optional)
import-more-help = One per line, as --map takes them: “Header=measure”, or “Header=-” to skip the column.
import-preview = Read again with these choices
import-confirm-title = Confirm
import-confirm-help = The import is stored all at once, and can be undone from the history.
import-confirm = Import
import-cannot-confirm = Importing is possible once the file reads without bad lines or duplicates.
import-another = Send another file
import-error-format = Unknown format “{ $value }”.
import-error-map = Unreadable mapping “{ $value }”: write “Header=measure”, or “Header=-” to skip the column.
import-error-empty = The file is empty: it has no header line.
import-error-workbook = The workbook cannot be read: { $detail }
import-error-no-sheet = The workbook has no sheet with data.
import-error-unknown-columns = { $count ->
    [one] Unknown column: { $detail }. Say below which measure it holds, or skip it.
   *[other] Unknown columns: { $detail }. Say below which measure each holds, or skip them.
}
import-error-no-day = Line { $line }: no date column (a header such as Date or Day).
import-error-long = Line { $line }: a long file needs a measure column and a value column (date, measure, value).
import-error-no-measure = Line { $line }: no measure column, nothing to import.
import-error-same-column = Line { $line }: columns { $first } and { $second } (“{ $header }”) both hold { $what }; keep one, or skip the other.
import-error-flag-and-column = Line { $line }: the file has a { $what } column (column { $column }) and a { $what } was given for every row: drop one of them.
