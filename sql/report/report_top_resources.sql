-- The human report's top blocked resources: what principals could not reach in the run's range,
-- service-linked roles first.
--
-- Reads: denial_events.
-- One row: one principal and resource, with the actions tried and how often.
-- Parameters: :from, :to - the run's half-open time range; :row_limit - rows shown.
SELECT principal_arn,
       is_service_linked_role,
       denied_resource,
       array_sort(collect_set(denied_action)) AS actions,
       count(*) AS denials,
       min(event_time) AS first_seen,
       max(event_time) AS last_seen
FROM denial_events
WHERE event_time >= :from AND event_time < :to
GROUP BY principal_arn, is_service_linked_role, denied_resource
ORDER BY is_service_linked_role DESC, denials DESC, principal_arn, denied_resource
LIMIT :row_limit
