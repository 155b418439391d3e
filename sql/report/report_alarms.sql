-- The human report's alarms: periods in ALARM in the run's range.
--
-- Reads: slr_alarms.
-- One row: one period in ALARM for one account and region, newest first.
-- Parameters: :from, :to - the run's half-open time range.
SELECT period_start, period_end, account_id, region, value, threshold, principals, actions,
       resources
FROM slr_alarms
WHERE period_end > :from AND period_start < :to
ORDER BY period_start DESC, account_id, region
