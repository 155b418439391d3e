-- The human report's table of denied calls: the result of AWS's troubleshooting query for
-- denied calls (Athena), from denial_events.
--
-- Reads: denial_events.
-- One row: one denied API call (eventType AwsApiCall) in the run's range, newest first.
-- Parameters: :from, :to - the run's half-open time range; :row_limit - rows shown.
SELECT event_time AS "Time",
       identity_arn AS "Identity ARN",
       event_id AS "Event ID",
       event_source AS "Service",
       event_name AS "Action",
       error_code AS "Error",
       error_message AS "Message"
FROM denial_events
WHERE event_time >= :from AND event_time < :to
  AND event_type = 'AwsApiCall'
ORDER BY event_time DESC, event_id
LIMIT :row_limit
