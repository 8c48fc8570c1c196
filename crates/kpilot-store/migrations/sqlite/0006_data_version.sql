-- A number that changes whenever the data a report reads changes: plans,
-- import batches (an import adds one, an undo removes one, with their
-- observations in the same transaction), spend and notes. The web app keys
-- its cached pages on it. Triggers bump it, so writes by another process
-- (the command line while the server runs) bump it too.
CREATE TABLE data_version (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    version  INTEGER NOT NULL
) STRICT;

INSERT INTO data_version (id, version) VALUES (1, 0);

CREATE TRIGGER plan_revisions_insert AFTER INSERT ON plan_revisions
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER plans_update AFTER UPDATE ON plans
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER plans_delete AFTER DELETE ON plans
BEGIN UPDATE data_version SET version = version + 1; END;

CREATE TRIGGER import_batches_insert AFTER INSERT ON import_batches
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER import_batches_update AFTER UPDATE ON import_batches
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER import_batches_delete AFTER DELETE ON import_batches
BEGIN UPDATE data_version SET version = version + 1; END;

CREATE TRIGGER spend_entries_insert AFTER INSERT ON spend_entries
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER spend_entries_update AFTER UPDATE ON spend_entries
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER spend_entries_delete AFTER DELETE ON spend_entries
BEGIN UPDATE data_version SET version = version + 1; END;

CREATE TRIGGER notes_insert AFTER INSERT ON notes
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER notes_update AFTER UPDATE ON notes
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER notes_delete AFTER DELETE ON notes
BEGIN UPDATE data_version SET version = version + 1; END;
