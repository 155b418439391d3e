-- blocked_resources: what each principal could not reach - the list AWS's blog post on service-linked-role permission issues sets out to find.
--
-- Reads: denial_events, all of it (first and last seen span every run).
-- One row: one principal and one resource it was denied (denied_resource is null when neither the
--   message, resources[] nor the request parameters name one), with every action tried.
-- Parameters: none.
SELECT principal_arn,
       is_service_linked_role,
       linked_service,
       denied_resource,
       array_sort(collect_set(account_id)) AS account_ids,
       array_sort(collect_set(denied_action)) AS actions,
       array_sort(collect_set(error_code)) AS error_codes,
       array_sort(collect_set(deny_kind)) AS deny_kinds,
       array_sort(collect_set(policy_type)) AS policy_types,
       min(event_time) AS first_seen,
       max(event_time) AS last_seen,
       count(*) AS denials,
       max_by(error_message, struct(event_time, event_id)) AS last_error_message
FROM denial_events
GROUP BY principal_arn, is_service_linked_role, linked_service, denied_resource
