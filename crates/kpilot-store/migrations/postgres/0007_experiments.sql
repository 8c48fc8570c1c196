-- Results of a plan's A/B tests (`[[experiments]]`): per day and variant,
-- the visitors, the conversions among them and, for a KPI that is a mean
-- per visitor, the revenue and the sum of its squares per visitor (for the
-- mean's variance). A row is the latest recorded for its key: recording the
-- same day and variant again replaces it. `source` is the file it was read
-- from, or "record". Keys use the "C" collation, so that variants sort as
-- on SQLite (by bytes); revenues are exact (NUMERIC).
CREATE TABLE experiment_results (
    plan_id          TEXT COLLATE "C" NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    experiment       TEXT COLLATE "C" NOT NULL,
    day              DATE NOT NULL,
    variant          TEXT COLLATE "C" NOT NULL,
    visitors         BIGINT NOT NULL,
    conversions      BIGINT NOT NULL,
    revenue          NUMERIC,
    revenue_squares  NUMERIC,
    source           TEXT NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    recorded_by      TEXT NOT NULL,
    PRIMARY KEY (plan_id, experiment, day, variant),
    CONSTRAINT experiment_results_counts
        CHECK (visitors >= 0 AND conversions >= 0 AND conversions <= visitors),
    CONSTRAINT experiment_results_squares_need_revenue
        CHECK (revenue_squares IS NULL OR revenue IS NOT NULL)
);

-- Recording results moves the data version (step 6), as every other write
-- that a report reads does. A statement trigger fires even when no row
-- changes, so the store runs no write statement when nothing changed.
CREATE TRIGGER experiment_results_changed AFTER INSERT OR UPDATE OR DELETE ON experiment_results
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
