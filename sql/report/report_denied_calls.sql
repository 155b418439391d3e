-- The human report's table of denied calls: the result of AWS's troubleshooting query for
-- denied calls (Athena), from denial_events.
--
-- Reads: denial_events.
-- One row: one denied API call (eventType AwsApiCall) in the run's range, newest first.
-- Parameters: :from, :to - the run's half-open time range; :row_limit - rows shown.
-- Columns are headed for people; an encoded authorization failure message is shown as how to
--   decode it (readable_message), the whole text stays in denial_events.
SELECT event_time AS "Time",
       identity_arn AS "Identity ARN",
       denied_action AS "Action",
       denied_resource AS "Resource",
       error_code AS "Error",
       deny_kind AS "Deny",
       policy_type AS "Policy type",
       policy_arn AS "Policy ARN",
       readable_message(error_message) AS "Message",
       event_id AS "Event ID"
FROM denial_events
WHERE event_time >= :from AND event_time < :to
  AND event_type = 'AwsApiCall'
ORDER BY event_time DESC, event_id
LIMIT :row_limit
