-- Results data. Every import is a batch; an observation is the latest value
-- of its key (day, measure, channel, segment, action), '' standing for "none"
-- so that the key is unique. A value that a later import replaced is kept in
-- `replaced_observations`, so that undoing that import restores it.
CREATE TABLE import_batches (
    id            INTEGER PRIMARY KEY,
    file_name     TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    format        TEXT NOT NULL,
    options       TEXT NOT NULL,
    rows          INTEGER NOT NULL,
    inserted      INTEGER NOT NULL,
    replaced      INTEGER NOT NULL,
    unchanged     INTEGER NOT NULL,
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL
) STRICT;

CREATE INDEX import_batches_content ON import_batches (content_hash, options);

-- Keyed by day first: exports come in day order, so imports append.
-- `value` is an exact decimal, as text.
CREATE TABLE observations (
    day      TEXT NOT NULL,
    measure  TEXT NOT NULL,
    channel  TEXT NOT NULL,
    segment  TEXT NOT NULL,
    action   TEXT NOT NULL,
    value    TEXT NOT NULL,
    batch    INTEGER NOT NULL REFERENCES import_batches (id),
    line     INTEGER NOT NULL,
    PRIMARY KEY (day, measure, channel, segment, action)
) STRICT, WITHOUT ROWID;

-- `batch` replaced the value (`value`, from `old_batch`, line `old_line`).
CREATE TABLE replaced_observations (
    batch      INTEGER NOT NULL REFERENCES import_batches (id),
    day        TEXT NOT NULL,
    measure    TEXT NOT NULL,
    channel    TEXT NOT NULL,
    segment    TEXT NOT NULL,
    action     TEXT NOT NULL,
    value      TEXT NOT NULL,
    old_batch  INTEGER NOT NULL REFERENCES import_batches (id),
    old_line   INTEGER NOT NULL,
    PRIMARY KEY (batch, day, measure, channel, segment, action)
) STRICT, WITHOUT ROWID;

CREATE INDEX replaced_observations_old_batch ON replaced_observations (old_batch);
