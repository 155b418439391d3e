-- activity_by_file: what every principal did, counted from every record a report run reads. The
--   tables slr_activity, principal_activity and service_linked_roles are computed from it.
--
-- Reads: run_records (report/run_records.sql).
-- One row: one log file, one hour (UTC) and one kind of call in it - account, region, principal,
--   event source, event name and outcome (succeeded: no error code; denied: an error code the
--   report counts as a denial; failed: any other error). Rows of service-linked roles also list
--   the resources of their calls and an example event id; each of IAM's service-linked-role
--   lifecycle calls (CreateServiceLinkedRole, DeleteServiceLinkedRole,
--   GetServiceLinkedRoleDeletionStatus) is a row of its own, with what its request and response
--   say. A run replaces the rows of the files and hours it read: reading a file again never counts
--   it twice.
-- Parameters:
--   :denial_fragments, :denial_codes  what makes an error code a denial (conf/denial-codes.conf)
--   :covered_from, :covered_to        the hours the run reads completely: records of other hours
--                                     are left to the runs that read those hours whole
--   :resource_limit                   distinct resource ARNs kept per row
-- Functions: principal_arn, principal_kind and linked_service are the project's classifier.
WITH hours AS (
  SELECT run_records.*,
         CASE WHEN error_code IS NULL THEN 'succeeded'
              WHEN exists(:denial_fragments, fragment -> strpos(lower(error_code), fragment) > 0)
                   OR array_contains(:denial_codes, lower(error_code)) THEN 'denied'
              ELSE 'failed'
         END AS outcome,
         event_source = 'iam.amazonaws.com'
           AND event_name IN ('CreateServiceLinkedRole', 'DeleteServiceLinkedRole',
                              'GetServiceLinkedRoleDeletionStatus') AS lifecycle,
         coalesce(session_issuer_arn LIKE '%:role/aws-service-role/%', false)
           AS by_service_linked_role,
         principal_arn(identity_arn, session_issuer_arn, invoked_by, principal_id)
           AS principal_arn,
         principal_kind(identity_type, identity_arn, session_issuer_arn, invoked_by)
           AS principal_kind
  FROM run_records
  WHERE event_hour >= :covered_from
    AND event_hour + INTERVAL 1 HOUR <= :covered_to
),
-- Most records: counts, first and last time only (a hash aggregation, no per-row lists).
plain AS (
  SELECT source_file, event_hour, to_date(event_hour) AS event_date, account_id, region,
         principal_arn, principal_kind, session_issuer_arn,
         -- Not a service-linked role, and none of the lists and facts below.
         CAST(NULL AS STRING) AS linked_service, event_source, event_name, outcome,
         sum(calls) AS calls, min(first_time) AS first_time, max(last_time) AS last_time,
         CAST(NULL AS ARRAY<STRING>) AS resources, CAST(NULL AS STRING) AS example_event_id,
         CAST(NULL AS STRING) AS lifecycle_event_id, CAST(NULL AS STRING) AS invoked_by,
         CAST(NULL AS STRING) AS error_code, CAST(NULL AS STRING) AS aws_service_name,
         CAST(NULL AS STRING) AS lifecycle_role, CAST(NULL AS STRING) AS deletion_task_id,
         CAST(NULL AS STRING) AS deletion_status, CAST(NULL AS STRING) AS deletion_failure_reason,
         CAST(NULL AS ARRAY<STRING>) AS resources_using_role
  FROM hours
  WHERE NOT lifecycle AND NOT by_service_linked_role
  GROUP BY source_file, event_hour, account_id, region, principal_arn, principal_kind,
           session_issuer_arn, event_source, event_name, outcome
),
-- Service-linked roles' calls and the lifecycle calls: with their resources and facts.
detailed AS (
  SELECT hours.*,
         IF(lifecycle, coalesce(record.eventid, concat('sha256:', sha2(to_json(struct(
            first_time, event_name, identity_arn, record.requestparameters)), 256))), NULL)
           AS lifecycle_event_id
  FROM hours
  WHERE lifecycle OR by_service_linked_role
),
detailed_rows AS (
  SELECT source_file, event_hour, to_date(event_hour) AS event_date, account_id, region,
         principal_arn, principal_kind, session_issuer_arn,
         linked_service(session_issuer_arn) AS linked_service, event_source, event_name, outcome,
         sum(calls) AS calls,
         min(first_time) AS first_time,
         max(last_time) AS last_time,
         slice(array_sort(array_distinct(flatten(collect_list(resource_arns)))), 1,
               :resource_limit) AS resources,
         min(coalesce(event_id, record.eventid)) AS example_event_id,
         lifecycle_event_id,
         max(IF(lifecycle, invoked_by, NULL)) AS invoked_by,
         max(IF(lifecycle, error_code, NULL)) AS error_code,
         max(IF(lifecycle, get_json_object(record.requestparameters, '$.aWSServiceName'), NULL))
           AS aws_service_name,
         max(IF(lifecycle, coalesce(get_json_object(record.responseelements, '$.role.arn'),
                                    get_json_object(record.requestparameters, '$.roleName')),
                NULL)) AS lifecycle_role,
         max(IF(lifecycle,
                coalesce(get_json_object(record.responseelements, '$.deletionTaskId'),
                         get_json_object(record.requestparameters, '$.deletionTaskId')), NULL))
           AS deletion_task_id,
         max(IF(lifecycle, get_json_object(record.responseelements, '$.status'), NULL))
           AS deletion_status,
         max(IF(lifecycle, get_json_object(record.responseelements, '$.reason.reason'), NULL))
           AS deletion_failure_reason,
         max(IF(lifecycle,
                from_json(get_json_object(record.responseelements,
                                          '$.reason.roleUsageList[*].resources[*]'),
                          'array<string>'), NULL)) AS resources_using_role
  FROM detailed
  GROUP BY source_file, event_hour, account_id, region, principal_arn, principal_kind,
           session_issuer_arn, event_source, event_name, outcome, lifecycle_event_id
)
SELECT * FROM plain
UNION ALL
SELECT * FROM detailed_rows
