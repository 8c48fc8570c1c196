-- Plans are kept as revisions of their canonical plan file. `plans` holds
-- the latest revision's header, for listing without parsing.
CREATE TABLE plans (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    start_date  TEXT NOT NULL,
    end_date    TEXT NOT NULL,
    currency    TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE plan_revisions (
    plan_id       TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    revision      INTEGER NOT NULL,
    content_hash  TEXT NOT NULL,
    document      TEXT NOT NULL,
    applied_at    TEXT NOT NULL,
    applied_by    TEXT NOT NULL,
    PRIMARY KEY (plan_id, revision)
) STRICT;

-- The items of each plan's latest revision, so that results, spend and
-- notes can refer to an objective or an action by id.
CREATE TABLE plan_items (
    plan_id  TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    item_id  TEXT NOT NULL,
    title    TEXT NOT NULL,
    PRIMARY KEY (plan_id, kind, item_id)
) STRICT;
