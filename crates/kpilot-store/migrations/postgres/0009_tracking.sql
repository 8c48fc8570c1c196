-- Tracking data (issue 18): what a team records week after week about a
-- plan, kept here with who recorded it and when, never written into the
-- plan file. Rows are only ever added, so the history stays whole: a start
-- recorded by mistake is followed by a `reopened` update, not deleted.
-- Keys use the "C" collation, so that they sort as on SQLite (by bytes).

-- An update of an action (`occurrence` NULL) or of one occurrence of a
-- recurring action (counted from 1). `change` is kpilot-core's
-- `Change::code()`; `reason` is a cancellation's, `percent` (0 to 100) and
-- `expected_end` a progress update's, NULL for the other changes. An
-- action's execution is the fold of its updates by number, which writes
-- give in the order they commit: they hold the write lock.
CREATE TABLE action_updates (
    id            BIGSERIAL PRIMARY KEY,
    plan_id       TEXT COLLATE "C" NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    action_id     TEXT COLLATE "C" NOT NULL,
    occurrence    BIGINT CHECK (occurrence BETWEEN 1 AND 4294967295),
    change        TEXT NOT NULL
        CHECK (change IN ('started', 'done', 'cancelled', 'progress', 'reopened')),
    reason        TEXT,
    percent       SMALLINT CHECK (percent BETWEEN 0 AND 100),
    expected_end  DATE,
    day           DATE NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    recorded_by   TEXT NOT NULL,
    CONSTRAINT action_updates_reason_of_a_cancellation
        CHECK ((change = 'cancelled') = (reason IS NOT NULL)),
    CONSTRAINT action_updates_figures_of_a_progress
        CHECK (change = 'progress' OR (percent IS NULL AND expected_end IS NULL))
);

CREATE INDEX action_updates_by_plan ON action_updates (plan_id, id);

-- A check-in on an objective. `confidence` is kpilot-core's
-- `Confidence::code()` (a word, or a score from 0 to 10); `value`, for a
-- KPI measured by hand, is exact (NUMERIC) and written as given (12.50
-- stays 12.50), NULL when none was given.
CREATE TABLE checkins (
    id            BIGSERIAL PRIMARY KEY,
    plan_id       TEXT COLLATE "C" NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    objective_id  TEXT COLLATE "C" NOT NULL,
    day           DATE NOT NULL,
    confidence    TEXT NOT NULL CHECK (confidence IN ('on_track', 'at_risk', 'off_track',
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10')),
    comment       TEXT NOT NULL,
    value         NUMERIC,
    recorded_at   TIMESTAMPTZ NOT NULL,
    recorded_by   TEXT NOT NULL
);

CREATE INDEX checkins_by_plan ON checkins (plan_id, day);

-- Recording tracking data moves the data version (step 6), as every other
-- write that a report reads does.
CREATE TRIGGER action_updates_changed AFTER INSERT OR UPDATE OR DELETE ON action_updates
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER checkins_changed AFTER INSERT OR UPDATE OR DELETE ON checkins
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
