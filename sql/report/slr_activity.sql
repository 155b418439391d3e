-- slr_activity: what AWS services did on the account's behalf through their service-linked roles,
--   day by day - the actions a service performs as its role, succeeded, denied or failed.
--
-- Reads: activity_by_file, only the days a run touched.
-- One row: one day (UTC) of one account and region, one service-linked role (its ARN and name, and
--   the service it is linked to), one event source and event name, and one outcome; calls counts
--   the records, resources the distinct resource ARNs of their resources[] (at most
--   :resource_limit, in order) and resource_count how many of those the rows kept.
-- Parameters: :resource_limit - distinct resource ARNs listed per row.
SELECT event_date,
       account_id,
       region,
       session_issuer_arn AS role_arn,
       element_at(split(session_issuer_arn, '/'), -1) AS role_name,
       linked_service,
       event_source,
       event_name,
       outcome,
       sum(calls) AS calls,
       min(first_time) AS first_time,
       max(last_time) AS last_time,
       slice(array_sort(array_distinct(flatten(collect_list(resources)))), 1, :resource_limit)
         AS resources,
       size(array_distinct(flatten(collect_list(resources)))) AS resource_count,
       min(example_event_id) AS example_event_id
FROM activity_by_file
WHERE linked_service IS NOT NULL
GROUP BY event_date, account_id, region, session_issuer_arn, linked_service, event_source,
         event_name, outcome
