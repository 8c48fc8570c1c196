-- Results data. Every import is a batch; an observation is the latest value
-- of its key (day, measure, channel, segment, action). A value that a later
-- import replaced is kept in `replaced_observations`, so that undoing that
-- import restores it.
-- AUTOINCREMENT: an undone batch's number is never given again, so that
-- "batch 4" in a note or a log always means one import.
CREATE TABLE import_batches (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
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

-- The names of measures, channels, segments and actions, each stored once:
-- observations refer to them by number, which keeps the key short and fast
-- to compare. Number 0 is "none".
CREATE TABLE names (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE
) STRICT;

INSERT INTO names (id, name) VALUES (0, '');

-- No foreign keys here: their checks would cost five lookups per value
-- imported. Names are never deleted, and undoing a batch removes its
-- values before the batch, in one transaction.
-- Days are numbers written yyyymmdd (20260131), so that they sort and read
-- as dates. Keyed in the order exports come in: by day, then channel,
-- segment and action, then the measures of a row (names are numbered in the
-- order first seen), so that an import appends to the table instead of
-- splitting its pages. `value` is an exact decimal, as text.
CREATE TABLE observations (
    day      INTEGER NOT NULL,
    measure  INTEGER NOT NULL,
    channel  INTEGER NOT NULL,
    segment  INTEGER NOT NULL,
    action   INTEGER NOT NULL,
    value    TEXT NOT NULL,
    batch    INTEGER NOT NULL,
    line     INTEGER NOT NULL,
    PRIMARY KEY (day, channel, segment, action, measure)
) STRICT, WITHOUT ROWID;

-- `batch` replaced the value (`value`, from `old_batch`, line `old_line`).
CREATE TABLE replaced_observations (
    batch      INTEGER NOT NULL REFERENCES import_batches (id),
    day        INTEGER NOT NULL,
    measure    INTEGER NOT NULL,
    channel    INTEGER NOT NULL,
    segment    INTEGER NOT NULL,
    action     INTEGER NOT NULL,
    value      TEXT NOT NULL,
    old_batch  INTEGER NOT NULL REFERENCES import_batches (id),
    old_line   INTEGER NOT NULL,
    PRIMARY KEY (batch, day, measure, channel, segment, action)
) STRICT, WITHOUT ROWID;

CREATE INDEX replaced_observations_old_batch ON replaced_observations (old_batch);

-- The observations as people read them, for a look with `sqlite3`.
CREATE VIEW observations_named AS
SELECT printf('%04d-%02d-%02d', o.day / 10000, o.day / 100 % 100, o.day % 100) AS day,
       m.name AS measure, c.name AS channel, s.name AS segment, a.name AS action,
       o.value, o.batch, o.line
FROM observations o
JOIN names m ON m.id = o.measure
JOIN names c ON c.id = o.channel
JOIN names s ON s.id = o.segment
JOIN names a ON a.id = o.action;
