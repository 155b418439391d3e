-- slr_metric_hourly: the metric of AWS's CloudWatch Logs metric filter for service-linked-role
--   denials, kept per account and region.
--
-- Reads: slr_metric_events - the rows of denial_events that match the metric filter pattern
--   (report --slr-filter, AWS's pattern by default), only the days a run touched.
-- One row: one period (an hour by default; hour is the period's start, UTC) of one account and
--   region with at least one matching event; value is the metric's Sum, 1 per event.
--   Periods without events have no row: CloudWatch's missing data.
-- Parameters: :period_seconds - the metric period in seconds (3600 by default).
WITH periods AS (
  SELECT slr_metric_events.*,
         timestamp_seconds(floor(unix_seconds(event_time) / :period_seconds) * :period_seconds)
           AS period_start
  FROM slr_metric_events
)
SELECT period_start AS hour,
       event_date,
       account_id,
       region,
       count(*) AS value
FROM periods
GROUP BY period_start, event_date, account_id, region
