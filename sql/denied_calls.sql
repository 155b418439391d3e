-- Denied and unauthorized API calls in a time range, for every identity.
--
-- The troubleshooting query of AWS's knowledge-center article "How can I get data to help
-- troubleshoot IAM permission access denied or unauthorized errors?", without its identity line.
-- Reads: cloudtrail_logs (AWS's Athena CloudTrail table).
-- One row: one API call whose error code contains "accessdenied" or "unauthorized" (any case).
-- Parameters: :from, :to - ISO 8601 instants, the half-open event-time range [from, to).
--   jobs/trail-denials query binds them from --from/--to unless --param gives them.
-- Order: newest first; calls in the same second by event id.
SELECT from_iso8601_timestamp(eventtime) AS "Time",
       useridentity.arn AS "Identity ARN",
       eventid AS "Event ID",
       eventsource AS "Service",
       eventname AS "Action",
       errorcode AS "Error",
       errormessage AS "Message"
FROM cloudtrail_logs
WHERE from_iso8601_timestamp(eventtime) >= from_iso8601_timestamp(:from)
  AND from_iso8601_timestamp(eventtime) < from_iso8601_timestamp(:to)
  AND eventtype = 'AwsApiCall'
  AND errorcode IS NOT NULL
  AND (lower(errorcode) LIKE '%accessdenied%' OR lower(errorcode) LIKE '%unauthorized%')
ORDER BY eventtime DESC, eventid
