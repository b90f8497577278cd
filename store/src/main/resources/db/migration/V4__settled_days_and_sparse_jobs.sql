-- A day fetched after its session's close plus the fetcher's settle delay is settled: final with
-- whatever bars the provider had (an illiquid name's intervals with no trade never come), so it is
-- covered and not fetched again unless a request asks for a refresh. A complete day is final too.
ALTER TABLE bar_coverage ADD COLUMN settled boolean NOT NULL DEFAULT false;
UPDATE bar_coverage SET settled = complete;

-- When the stored bars were fetched, by the fetcher's clock: a day not settled yet (today's
-- session) is fetched again once this is older than the planner's refresh-after. Null for days
-- stored before it was kept.
ALTER TABLE bar_coverage ADD COLUMN fetched_at timestamptz;

-- Days of a job that settled with fewer bars than their session holds: reported, not errors.
ALTER TABLE backfill_jobs ADD COLUMN sparse_days integer NOT NULL DEFAULT 0;
ALTER TABLE backfill_jobs ADD COLUMN sparse_dates date[] NOT NULL DEFAULT '{}';
