-- The human report's alarms: periods in ALARM in the run's range.
--
-- Reads: slr_alarms.
-- One row: one period in ALARM for one account and region, newest first.
-- Parameters: :from, :to - the run's half-open time range.
SELECT period_start AS "Period start",
       period_end AS "Period end",
       account_id AS "Account",
       region AS "Region",
       value AS "Denials",
       threshold AS "Threshold",
       principals AS "Principals",
       actions AS "Actions",
       resources AS "Resources"
FROM slr_alarms
WHERE period_end > :from AND period_start < :to
ORDER BY period_start DESC, account_id, region
