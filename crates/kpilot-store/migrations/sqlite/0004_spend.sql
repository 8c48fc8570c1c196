-- Spend entered by hand against an action of a plan (`kpilot spend`): an
-- exact amount on a day, with a note, who entered it and when. Entries add
-- up: two on the same day are two expenses.
CREATE TABLE spend_entries (
    id          INTEGER PRIMARY KEY,
    plan_id     TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    action_id   TEXT NOT NULL,
    day         TEXT NOT NULL,
    amount      TEXT NOT NULL,
    note        TEXT NOT NULL,
    entered_at  TEXT NOT NULL,
    entered_by  TEXT NOT NULL
) STRICT;

CREATE INDEX spend_entries_by_plan ON spend_entries (plan_id, day);
