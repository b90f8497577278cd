-- The latest state of every backfill job, mirrored by the sink from the compacted job-progress
-- topic (one row per job id), for people who monitor with SQL or Grafana. Queries: docs/SQL.md.
CREATE TABLE backfill_jobs (
    job_id       text        PRIMARY KEY,
    symbol       text        NOT NULL,
    timeframe    text        NOT NULL,
    from_day     date        NOT NULL,
    to_day       date        NOT NULL,
    status       text        NOT NULL,
    progress     integer     NOT NULL,
    total_days   integer     NOT NULL,
    covered_days integer     NOT NULL,
    done_days    integer     NOT NULL,
    failed_days  integer     NOT NULL,
    pending_days integer     NOT NULL,
    bars_written bigint      NOT NULL,
    -- newest last, each "yyyy-mm-dd: reason", at most a few
    last_errors  text[]      NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    -- when the job first reached DONE, DONE_WITH_ERRORS or CANCELLED; null while it runs
    finished_at  timestamptz,
    mirrored_at  timestamptz NOT NULL DEFAULT now()
);

-- "What is running now": a small partial index, only unfinished jobs.
CREATE INDEX backfill_jobs_active ON backfill_jobs (created_at) WHERE finished_at IS NULL;
-- Completion times over a period.
CREATE INDEX backfill_jobs_finished ON backfill_jobs (finished_at) WHERE finished_at IS NOT NULL;
-- The jobs of one series.
CREATE INDEX backfill_jobs_series ON backfill_jobs (symbol, timeframe, created_at);

-- ohlc_bars and bar_coverage need no index beyond their primary keys: the bars read
-- (symbol, timeframe, ts range ORDER BY ts) and the coverage check (symbol, timeframe, day range)
-- are both range scans of those keys.
