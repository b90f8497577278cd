-- A job retired from job-progress (finished longer ago than planner.job-retention) keeps its row:
-- the tombstone only stamps retired_at. The same window asked again later is planned afresh under
-- the same job id, and its new state clears retired_at.
ALTER TABLE backfill_jobs ADD COLUMN retired_at timestamptz;
