-- Denied and unauthorized API calls in a time range, for one identity.
--
-- The troubleshooting query of AWS's knowledge-center article "How can I get data to help
-- troubleshoot IAM permission access denied or unauthorized errors?", with its identity line.
-- Reads: cloudtrail_logs (AWS's Athena CloudTrail table).
-- One row: one API call by that identity whose error code contains "accessdenied" or
--   "unauthorized" (any case).
-- Parameters: :from, :to - ISO 8601 instants, the half-open event-time range [from, to);
--   :identity_arn - the caller's userIdentity.arn, e.g. arn:aws:iam::111111111111:user/alice or
--   arn:aws:sts::111111111111:assumed-role/RoleName/session. Bound as a value, compared exactly.
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
  AND useridentity.arn = :identity_arn
  AND eventtype = 'AwsApiCall'
  AND errorcode IS NOT NULL
  AND (lower(errorcode) LIKE '%accessdenied%' OR lower(errorcode) LIKE '%unauthorized%')
ORDER BY eventtime DESC, eventid
