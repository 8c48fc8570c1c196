-- Results of a plan's A/B tests (`[[experiments]]`): per day and variant,
-- the visitors, the conversions among them and, for a KPI that is a mean
-- per visitor, the revenue and the sum of its squares per visitor (for the
-- mean's variance). A row is the latest recorded for its key: recording the
-- same day and variant again replaces it. `source` is the file it was read
-- from, or "record". Days are numbers written yyyymmdd, as in
-- `observations`; revenues are exact decimals, as text.
CREATE TABLE experiment_results (
    plan_id          TEXT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    experiment       TEXT NOT NULL,
    day              INTEGER NOT NULL,
    variant          TEXT NOT NULL,
    visitors         INTEGER NOT NULL,
    conversions      INTEGER NOT NULL,
    revenue          TEXT,
    revenue_squares  TEXT,
    source           TEXT NOT NULL,
    recorded_at      TEXT NOT NULL,
    recorded_by      TEXT NOT NULL,
    PRIMARY KEY (plan_id, experiment, day, variant),
    CONSTRAINT experiment_results_counts
        CHECK (visitors >= 0 AND conversions >= 0 AND conversions <= visitors),
    CONSTRAINT experiment_results_squares_need_revenue
        CHECK (revenue_squares IS NULL OR revenue IS NOT NULL)
) STRICT, WITHOUT ROWID;

-- Recording results moves the data version (step 6), as every other write
-- that a report reads does.
CREATE TRIGGER experiment_results_insert AFTER INSERT ON experiment_results
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER experiment_results_update AFTER UPDATE ON experiment_results
BEGIN UPDATE data_version SET version = version + 1; END;
CREATE TRIGGER experiment_results_delete AFTER DELETE ON experiment_results
BEGIN UPDATE data_version SET version = version + 1; END;
