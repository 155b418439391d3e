-- The human report's "what services did on your behalf": the calls of service-linked roles on
-- the days of the run's range, per service and role, denials shown beside the calls that went
-- through.
--
-- Reads: slr_activity.
-- One row: one linked service and role of one account, with its calls by outcome.
-- Parameters: :from, :to - the run's half-open time range; :row_limit - rows shown.
SELECT linked_service AS "Service",
       role_name AS "Role",
       account_id AS "Account",
       sum(IF(outcome = 'succeeded', calls, 0)) AS "Succeeded",
       sum(IF(outcome = 'denied', calls, 0)) AS "Denied",
       sum(IF(outcome = 'failed', calls, 0)) AS "Failed",
       array_sort(collect_set(event_source)) AS "Services called",
       slice(array_sort(collect_set(IF(outcome = 'denied', event_name, NULL))), 1, 5)
         AS "Denied actions",
       max(last_time) AS "Last call"
FROM slr_activity
WHERE last_time >= :from AND first_time < :to
GROUP BY linked_service, role_name, account_id
ORDER BY "Denied" DESC, "Succeeded" DESC, "Service", "Role", "Account"
LIMIT :row_limit
