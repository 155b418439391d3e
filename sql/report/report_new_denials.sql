-- The human report's new denials: the (principal, action, resource) combinations this run denied
-- for the first time, service-linked roles first.
--
-- Reads: new_denials.
-- One row: one combination first seen by the run.
-- Parameters: :run_id - the run; :row_limit - rows shown.
SELECT principal_arn AS "Principal",
       denied_action AS "Action",
       denied_resource AS "Resource",
       denials AS "Denials",
       deny_kinds AS "Deny",
       policy_types AS "Policy types",
       policy_arns AS "Policy ARNs",
       first_event_time AS "First denied",
       readable_message(first_error_message) AS "First message"
FROM new_denials
WHERE first_seen_run_id = :run_id
ORDER BY is_service_linked_role DESC, denials DESC, principal_arn, denied_action, denied_resource
LIMIT :row_limit
