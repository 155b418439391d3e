-- slr_alarms: the periods in which AWS's service-linked-role denials alarm is in ALARM.
--
-- The alarm: statistic Sum over one period, state ALARM when the Sum >= the threshold, one
-- datapoint out of one, missing data treated as good (not breaching) - so only periods with events
-- can alarm.
-- Reads: slr_metric_events (as slr_metric_hourly does); known_alarms - the periods of these days an
-- earlier run raised and recorded as a whole run (period_start, account_id, region,
-- raised_by_run_id), which keep the run that raised them.
-- One row: one period in ALARM for one account and region, with what caused it and the run that
-- raised it first (a period no run before this one raised is this run's: it alerts on it).
-- Parameters: :period_seconds - the metric period; :threshold - the alarm threshold (1 by default);
-- :run_id - this run.
WITH periods AS (
  SELECT slr_metric_events.*,
         timestamp_seconds(floor(unix_seconds(event_time) / :period_seconds) * :period_seconds)
           AS period_start
  FROM slr_metric_events
), alarmed AS (
  SELECT period_start,
         period_start + make_dt_interval(0, 0, 0, :period_seconds) AS period_end,
         event_date,
         account_id,
         region,
         'ALARM' AS state,
         count(*) AS value,
         CAST(:threshold AS DOUBLE) AS threshold,
         array_sort(collect_set(principal_arn)) AS principals,
         array_sort(collect_set(denied_action)) AS actions,
         array_sort(collect_set(denied_resource)) AS resources
  FROM periods
  GROUP BY period_start, event_date, account_id, region
  HAVING count(*) >= :threshold
)
SELECT alarmed.*,
       -- A period known from before runs recorded who raised it keeps none.
       CASE WHEN known_alarms.period_start IS NULL THEN :run_id
            ELSE known_alarms.raised_by_run_id END AS raised_by_run_id
FROM alarmed
LEFT JOIN known_alarms
  ON alarmed.period_start = known_alarms.period_start
 AND alarmed.account_id <=> known_alarms.account_id
 AND alarmed.region <=> known_alarms.region
