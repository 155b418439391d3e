-- The human report's top principals: who was denied most in the run's range.
--
-- Reads: denial_events.
-- One row: one principal, with its denials by kind.
-- Parameters: :from, :to - the run's half-open time range; :row_limit - rows shown.
SELECT principal_arn,
       is_service_linked_role,
       count(*) AS denials,
       count_if(deny_kind = 'explicit') AS explicit_denies,
       count_if(deny_kind = 'implicit') AS implicit_denies,
       count(DISTINCT denied_action) AS actions,
       count(DISTINCT denied_resource) AS resources
FROM denial_events
WHERE event_time >= :from AND event_time < :to
GROUP BY principal_arn, is_service_linked_role
ORDER BY denials DESC, principal_arn
LIMIT :row_limit
