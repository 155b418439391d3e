-- The human report's alarms: the periods in ALARM in the run's range, one row per account and
-- region (a noisy day is hundreds of periods; slr_alarms holds each of them).
--
-- Reads: slr_alarms.
-- One row: one account and region with periods in ALARM, those this run raised first, the first
-- and last of them, and what caused them; accounts with new periods first, then the most periods.
-- Parameters: :from, :to - the run's half-open time range; :run_id - this run.
SELECT account_id AS "Account",
       region AS "Region",
       count(*) AS "Periods in ALARM",
       count_if(raised_by_run_id = :run_id) AS "New",
       sum(value) AS "Denials",
       min(period_start) AS "First period",
       max(period_start) AS "Last period",
       array_sort(array_distinct(flatten(collect_list(principals)))) AS "Principals",
       array_sort(array_distinct(flatten(collect_list(actions)))) AS "Actions",
       array_sort(array_distinct(flatten(collect_list(resources)))) AS "Resources"
FROM slr_alarms
WHERE period_end > :from AND period_start < :to
GROUP BY account_id, region
ORDER BY "New" DESC, "Periods in ALARM" DESC, account_id, region
