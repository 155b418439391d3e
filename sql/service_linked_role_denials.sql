-- Access denied to service-linked roles in a time range.
--
-- The CloudWatch Logs Insights query of AWS's blog post "Viewing permission issues with
-- service-linked roles", over the archive instead of a log group:
--   filter errorCode = 'AccessDenied'
--   | filter userIdentity.sessionContext.sessionIssuer.arn like 'aws-service-role'
--   | fields @timestamp, eventSource, eventName, userIdentity.sessionContext.sessionIssuer.arn, @message
--   | sort @timestamp desc
-- Reads: cloudtrail_logs (AWS's Athena CloudTrail table).
-- One row: one call by a service-linked role that failed with AccessDenied. @message (the whole
--   record) is given as its parts: the request, the error message and the resources.
-- Parameters: :from, :to - ISO 8601 instants, the half-open event-time range [from, to).
-- Order: newest first; calls in the same second by event id.
SELECT from_iso8601_timestamp(eventtime) AS "timestamp",
       eventsource AS "eventSource",
       eventname AS "eventName",
       useridentity.sessioncontext.sessionissuer.arn AS "sessionIssuer",
       eventid AS "eventID",
       errormessage AS "errorMessage",
       requestparameters AS "requestParameters",
       resources AS "resources"
FROM cloudtrail_logs
WHERE from_iso8601_timestamp(eventtime) >= from_iso8601_timestamp(:from)
  AND from_iso8601_timestamp(eventtime) < from_iso8601_timestamp(:to)
  AND errorcode = 'AccessDenied'
  AND useridentity.sessioncontext.sessionissuer.arn LIKE '%aws-service-role%'
ORDER BY eventtime DESC, eventid
