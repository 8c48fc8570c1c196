-- Tracking data (issue 18): what a team records week after week about a
-- plan, kept here with who recorded it and when, never written into the
-- plan file. Rows are only ever added, so the history stays whole: a start
-- recorded by mistake is followed by a `reopened` update, not deleted.
-- AUTOINCREMENT: a number is never given again (as PostgreSQL's sequences
-- never give one again), so that "update 12" always means one update.
-- Days are numbers written yyyymmdd, as in `observations`.

-- An update of an action (`occurrence` NULL) or of one occurrence of a
-- recurring action (counted from 1). `change` is kpilot-core's
-- `Change::code()`; `reason` is a cancellation's, `percent` (0 to 100) and
-- `expected_end` a progress update's, NULL for the other changes. An
-- action's execution is the fold of its updates by number.
CREATE TABLE action_updates (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id       TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    action_id     TEXT NOT NULL,
    occurrence    INTEGER CHECK (occurrence BETWEEN 1 AND 4294967295),
    change        TEXT NOT NULL
        CHECK (change IN ('started', 'done', 'cancelled', 'progress', 'reopened')),
    reason        TEXT,
    percent       INTEGER CHECK (percent BETWEEN 0 AND 100),
    expected_end  INTEGER,
    day           INTEGER NOT NULL,
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL,
    CONSTRAINT action_updates_reason_of_a_cancellation
        CHECK ((change = 'cancelled') = (reason IS NOT NULL)),
    CONSTRAINT action_updates_figures_of_a_progress
        CHECK (change = 'progress' OR (percent IS NULL AND expected_end IS NULL))
) STRICT;

CREATE INDEX action_updates_by_plan ON action_updates (plan_id, id);

-- A check-in on an objective. `confidence` is kpilot-core's
-- `Confidence::code()` (a word, or a score from 0 to 10); `value`, for a
-- KPI measured by hand, is an exact decimal as text, written as given
-- (12.50 stays 12.50), NULL when none was given.
CREATE TABLE checkins (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id       TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    objective_id  TEXT NOT NULL,
    day           INTEGER NOT NULL,
    confidence    TEXT NOT NULL CHECK (confidence IN ('on_track', 'at_risk', 'off_track',
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10')),
    comment       TEXT NOT NULL,
    value         TEXT,
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL
) STRICT;

CREATE INDEX checkins_by_plan ON checkins (plan_id, day);

-- Recording tracking data moves the data version (step 6), as every other
-- write that a report reads does.
CREATE TRIGGER action_updates_insert AFTER INSERT ON action_updates
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER action_updates_update AFTER UPDATE ON action_updates
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER action_updates_delete AFTER DELETE ON action_updates
BEGIN UPDATE data_version SET version = version + 1; END;

CREATE TRIGGER checkins_insert AFTER INSERT ON checkins
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER checkins_update AFTER UPDATE ON checkins
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER checkins_delete AFTER DELETE ON checkins
BEGIN UPDATE data_version SET version = version + 1; END;
