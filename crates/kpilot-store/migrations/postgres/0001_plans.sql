-- Plans are kept as revisions of their canonical plan file. `plans` holds
-- the latest revision's header, for listing without parsing. Ids and other
-- keys use the "C" collation, so that they sort as on SQLite (by bytes),
-- whatever the server's default.
CREATE TABLE plans (
    id          TEXT COLLATE "C" PRIMARY KEY,
    name        TEXT NOT NULL,
    start_date  DATE NOT NULL,
    end_date    DATE NOT NULL,
    currency    TEXT NOT NULL,
    revision    BIGINT NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE plan_revisions (
    plan_id       TEXT COLLATE "C" NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    revision      BIGINT NOT NULL,
    content_hash  TEXT NOT NULL,
    document      TEXT NOT NULL,
    applied_at    TIMESTAMPTZ NOT NULL,
    applied_by    TEXT NOT NULL,
    PRIMARY KEY (plan_id, revision)
);

-- The items of each plan's latest revision, so that results, spend and
-- notes can refer to an objective or an action by id.
CREATE TABLE plan_items (
    plan_id  TEXT COLLATE "C" NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    kind     TEXT COLLATE "C" NOT NULL,
    item_id  TEXT COLLATE "C" NOT NULL,
    title    TEXT NOT NULL,
    PRIMARY KEY (plan_id, kind, item_id)
);
