-- Results data. Every import is a batch; an observation is the latest value
-- of its key (day, measure, channel, segment, action), '' standing for "none"
-- so that the key is unique. A value that a later import replaced is kept in
-- `replaced_observations`, so that undoing that import restores it.
-- Batch ids are given by the store (the highest plus one, under its write
-- lock), as SQLite does, so that both stores number batches alike.
--
-- Unlike SQLite's, the tables below have no foreign key to `import_batches`:
-- PostgreSQL checks one with a trigger per row, which doubles the time of a
-- large import. The store keeps them true itself: a batch id comes from
-- `import_batches`, and undoing a batch removes its rows before the batch.
-- The last batch number given: batches are numbered as on SQLite
-- (AUTOINCREMENT), never reusing the number of an undone batch.
CREATE TABLE import_batch_ids (
    last  BIGINT NOT NULL
);

INSERT INTO import_batch_ids (last) VALUES (0);

CREATE TABLE import_batches (
    id            BIGINT PRIMARY KEY,
    file_name     TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    format        TEXT NOT NULL,
    options       TEXT NOT NULL,
    rows          BIGINT NOT NULL,
    inserted      BIGINT NOT NULL,
    replaced      BIGINT NOT NULL,
    unchanged     BIGINT NOT NULL,
    imported_at   TIMESTAMPTZ NOT NULL,
    imported_by   TEXT NOT NULL
);

CREATE INDEX import_batches_content ON import_batches (content_hash, options);

-- Keyed by day first: exports come in day order, so imports append.
-- `value` is an exact decimal; the store writes it without trailing zeros.
-- Text keys sort by bytes ("C"), as on SQLite.
CREATE TABLE observations (
    day      DATE NOT NULL,
    measure  TEXT COLLATE "C" NOT NULL,
    channel  TEXT COLLATE "C" NOT NULL,
    segment  TEXT COLLATE "C" NOT NULL,
    action   TEXT COLLATE "C" NOT NULL,
    value    NUMERIC NOT NULL,
    batch    BIGINT NOT NULL,
    line     BIGINT NOT NULL,
    PRIMARY KEY (day, measure, channel, segment, action)
);

-- `batch` replaced the value (`value`, from `old_batch`, line `old_line`).
CREATE TABLE replaced_observations (
    batch      BIGINT NOT NULL,
    day        DATE NOT NULL,
    measure    TEXT COLLATE "C" NOT NULL,
    channel    TEXT COLLATE "C" NOT NULL,
    segment    TEXT COLLATE "C" NOT NULL,
    action     TEXT COLLATE "C" NOT NULL,
    value      NUMERIC NOT NULL,
    old_batch  BIGINT NOT NULL,
    old_line   BIGINT NOT NULL,
    PRIMARY KEY (batch, day, measure, channel, segment, action)
);

CREATE INDEX replaced_observations_old_batch ON replaced_observations (old_batch);
