-- The human report's top principals: who was denied most in the run's range.
--
-- Reads: denial_events.
-- One row: one principal, with its denials by kind.
-- Parameters: :from, :to - the run's half-open time range; :row_limit - rows shown.
SELECT principal_arn AS "Principal",
       CASE WHEN is_service_linked_role THEN 'yes' END AS "Service-linked role",
       count(*) AS "Denials",
       count_if(deny_kind = 'explicit') AS "Explicit denies",
       count_if(deny_kind = 'implicit') AS "Implicit denies",
       count(DISTINCT denied_action) AS "Actions",
       count(DISTINCT denied_resource) AS "Resources"
FROM denial_events
WHERE event_time >= :from AND event_time < :to
GROUP BY principal_arn, is_service_linked_role
ORDER BY count(*) DESC, principal_arn
LIMIT :row_limit
