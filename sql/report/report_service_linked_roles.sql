-- The human report's service-linked-role inventory: every role the tables know, those that need
-- a decision first (a deletion that failed or waits, then idle and unused roles).
--
-- Reads: service_linked_roles.
-- One row: one role of one account.
-- Parameters: :row_limit - rows shown.
SELECT role_name AS "Role",
       linked_service AS "Service",
       account_id AS "Account",
       deletion_readiness AS "Readiness",
       last_activity AS "Last call",
       days_idle AS "Days idle",
       calls_succeeded AS "Succeeded",
       calls_denied AS "Denied",
       concat_ws(' through ', created_by, created_through_service) AS "Created by",
       last_deletion_status AS "Deletion status",
       deletion_failure_reason AS "Why the deletion failed"
FROM service_linked_roles
ORDER BY CASE deletion_readiness
           WHEN 'deletion failed' THEN 0
           WHEN 'deletion requested' THEN 1
           WHEN 'idle' THEN 2
           WHEN 'never used' THEN 3
           WHEN 'in use' THEN 4
           ELSE 5
         END,
         days_idle DESC NULLS LAST, role_name, account_id
LIMIT :row_limit
