-- Spend entered by hand against an action of a plan (`kpilot spend`): an
-- exact amount on a day, with a note, who entered it and when. Entries add
-- up: two on the same day are two expenses.
CREATE TABLE spend_entries (
    id          BIGSERIAL PRIMARY KEY,
    plan_id     TEXT COLLATE "C" NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    action_id   TEXT COLLATE "C" NOT NULL,
    day         DATE NOT NULL,
    amount      NUMERIC NOT NULL,
    note        TEXT NOT NULL,
    entered_at  TIMESTAMPTZ NOT NULL,
    entered_by  TEXT NOT NULL
);

CREATE INDEX spend_entries_by_plan ON spend_entries (plan_id, day);
