-- The human report's top blocked resources: what principals could not reach in the run's range,
-- service-linked roles first.
--
-- Reads: denial_events.
-- One row: one principal and resource, with the actions tried and how often.
-- Parameters: :from, :to - the run's half-open time range; :row_limit - rows shown.
SELECT principal_arn AS "Principal",
       CASE WHEN is_service_linked_role THEN 'yes' END AS "Service-linked role",
       denied_resource AS "Resource",
       array_sort(collect_set(denied_action)) AS "Actions",
       count(*) AS "Denials",
       array_sort(collect_set(deny_kind)) AS "Deny",
       array_sort(collect_set(policy_type)) AS "Policy types",
       min(event_time) AS "First denied",
       max(event_time) AS "Last denied"
FROM denial_events
WHERE event_time >= :from AND event_time < :to
GROUP BY principal_arn, is_service_linked_role, denied_resource
ORDER BY is_service_linked_role DESC, count(*) DESC, principal_arn, denied_resource
LIMIT :row_limit
