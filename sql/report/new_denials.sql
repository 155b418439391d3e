-- new_denials: the (principal, action, resource) combinations a run denied that no earlier run had
-- seen - the "something changed last night" view.
--
-- Reads: run_denials (the denial events of this run's files or range, before they are merged).
-- One row: one combination as this run saw it. The job appends only the combinations new_denials
--   does not hold yet, so each combination is in the table once, with the run that first saw it.
-- Parameters: :run_id - this run; :seen_at - when it started.
SELECT principal_arn,
       denied_action,
       denied_resource,
       bool_or(is_service_linked_role) AS is_service_linked_role,
       array_sort(collect_set(account_id)) AS account_ids,
       array_sort(collect_set(error_code)) AS error_codes,
       array_sort(collect_set(deny_kind)) AS deny_kinds,
       array_sort(collect_set(policy_type)) AS policy_types,
       array_sort(collect_set(policy_arn)) AS policy_arns,
       min(event_time) AS first_event_time,
       max(event_time) AS last_event_time,
       count(*) AS denials,
       min_by(event_id, struct(event_time, event_id)) AS first_event_id,
       min_by(error_message, struct(event_time, event_id)) AS first_error_message,
       :run_id AS first_seen_run_id,
       :seen_at AS first_seen_at
FROM run_denials
GROUP BY principal_arn, denied_action, denied_resource
