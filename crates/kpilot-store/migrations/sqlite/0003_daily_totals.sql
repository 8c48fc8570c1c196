-- Daily totals of every series (a measure, or the product and paired weight
-- of a weighted mean), summed over all channels, segments and actions or for
-- one of them: what the engine reads instead of the observations. One row
-- per month; `days` holds the month's days with data (see the store's
-- `totals` module). `channel`, `segment` and `action` are names' numbers,
-- -1 for "all". Recomputed from `observations` by every import and undo, for
-- the months they touch; filled for existing data when this step is applied.
-- Keyed by month first, so that a month is replaced in one range.
CREATE TABLE daily_totals (
    month    INTEGER NOT NULL,
    series   INTEGER NOT NULL,
    channel  INTEGER NOT NULL,
    segment  INTEGER NOT NULL,
    action   INTEGER NOT NULL,
    days     BLOB NOT NULL,
    PRIMARY KEY (month, series, channel, segment, action)
) STRICT, WITHOUT ROWID;
