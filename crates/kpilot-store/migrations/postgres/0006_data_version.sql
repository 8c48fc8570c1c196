-- A number that changes whenever the data a report reads changes: plans,
-- import batches (an import adds one, an undo removes one, with their
-- observations in the same transaction), spend and notes. The web app keys
-- its cached pages on it. Triggers bump it, so every server sharing the
-- database sees every write. Writers already take the write lock, so the
-- row lock adds no waiting.
CREATE TABLE data_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  BIGINT NOT NULL
);

INSERT INTO data_version (id, version) VALUES (1, 0);

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET version = version + 1;
    RETURN NULL;
END
$$;

CREATE TRIGGER plans_changed AFTER INSERT OR UPDATE OR DELETE ON plans
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER plan_revisions_changed AFTER INSERT OR UPDATE OR DELETE ON plan_revisions
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER import_batches_changed AFTER INSERT OR UPDATE OR DELETE ON import_batches
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER spend_entries_changed AFTER INSERT OR UPDATE OR DELETE ON spend_entries
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER notes_changed AFTER INSERT OR UPDATE OR DELETE ON notes
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
