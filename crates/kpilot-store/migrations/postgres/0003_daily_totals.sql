-- Daily totals of every series (a measure, or the product and paired weight
-- of a weighted mean), summed over all channels, segments and actions or for
-- one of them: what the engine reads instead of the observations. One row
-- per month (yyyymm); `days` holds the month's days with data (see the
-- store's `totals` module). `channel`, `segment` and `action` are names,
-- '' for none and '*' for "all" (no name is '*'). Recomputed from
-- `observations` by every import and undo, for the months they touch; filled
-- for existing data when this step is applied.
CREATE TABLE daily_totals (
    month    INTEGER NOT NULL,
    series   TEXT COLLATE "C" NOT NULL,
    channel  TEXT COLLATE "C" NOT NULL,
    segment  TEXT COLLATE "C" NOT NULL,
    action   TEXT COLLATE "C" NOT NULL,
    days     BYTEA NOT NULL,
    PRIMARY KEY (month, series, channel, segment, action)
);
