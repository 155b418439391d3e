-- The human report's services that were blocked: AWS services shut out in the run's range, as
-- service-linked roles or as their own service principals (a bucket or key policy that leaves out
-- delivery.logs.amazonaws.com or config.amazonaws.com) - records some detection rules drop
-- because they carry no IP address.
--
-- Reads: denial_events.
-- One row: one service principal or service-linked role and one resource it was denied.
-- Parameters: :from, :to - the run's half-open time range; :row_limit - rows shown.
SELECT coalesce(linked_service, invoked_by, principal_arn) AS "Service",
       principal_kind AS "As",
       principal_arn AS "Principal",
       denied_resource AS "Resource",
       array_sort(collect_set(denied_action)) AS "Actions",
       count(*) AS "Denials",
       array_sort(collect_set(deny_kind)) AS "Deny",
       array_sort(collect_set(policy_type)) AS "Policy types",
       array_sort(collect_set(policy_arn)) AS "Policy ARNs",
       max(event_time) AS "Last denied"
FROM denial_events
WHERE event_time >= :from AND event_time < :to
  AND principal_kind IN ('service-linked role', 'service principal')
GROUP BY coalesce(linked_service, invoked_by, principal_arn), principal_kind, principal_arn,
         denied_resource
ORDER BY count(*) DESC, coalesce(linked_service, invoked_by, principal_arn), principal_arn,
         denied_resource
LIMIT :row_limit
