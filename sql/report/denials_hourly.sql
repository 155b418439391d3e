-- denials_hourly: the denial metric, one count per hour and who/what/where.
--
-- Reads: denial_events (the Delta/Parquet table), only the days a run touched.
-- One row: the denials in one hour (UTC) by one principal, in one account and region, of one
--   event source, event name and error code.
-- Parameters: :dates - the event dates to recompute (array of dates).
SELECT date_trunc('HOUR', event_time) AS hour,
       event_date,
       account_id,
       region,
       principal_arn,
       is_service_linked_role,
       event_source,
       event_name,
       error_code,
       count(*) AS denials
FROM denial_events
WHERE array_contains(:dates, event_date)
GROUP BY date_trunc('HOUR', event_time), event_date, account_id, region, principal_arn,
         is_service_linked_role, event_source, event_name, error_code
