-- Lessons noted on an item of a plan (an objective, a channel, a goal, an
-- action) for the review (`kpilot note`): who wrote what, when. Notes add
-- up in the order written.
CREATE TABLE notes (
    id          BIGSERIAL PRIMARY KEY,
    plan_id     TEXT COLLATE "C" NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    item        TEXT COLLATE "C" NOT NULL,
    text        TEXT NOT NULL,
    written_at  TIMESTAMPTZ NOT NULL,
    written_by  TEXT NOT NULL
);

CREATE INDEX notes_by_plan ON notes (plan_id, item);
