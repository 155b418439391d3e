-- slr_alarms: the periods in which AWS's service-linked-role denials alarm is in ALARM.
--
-- The alarm: statistic Sum over one period, state ALARM when the Sum >= the threshold, one
-- datapoint out of one, missing data treated as good (not breaching) - so only periods with events
-- can alarm.
-- Reads: slr_metric_events (as slr_metric_hourly does).
-- One row: one period in ALARM for one account and region, with what caused it.
-- Parameters: :period_seconds - the metric period; :threshold - the alarm threshold (1 by default).
WITH periods AS (
  SELECT slr_metric_events.*,
         timestamp_seconds(floor(unix_seconds(event_time) / :period_seconds) * :period_seconds)
           AS period_start
  FROM slr_metric_events
)
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
