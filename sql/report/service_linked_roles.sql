-- service_linked_roles: every service-linked role the archive shows - who created it, whether its
--   deletion was asked for and how that went, what it did and when it last did anything - and how
--   ready it is to be deleted, the review IAM asks for before a service-linked role is deleted.
--
-- Reads: slr_activity, all of it; slr_lifecycle_calls - the rows of activity_by_file that are
--   IAM's CreateServiceLinkedRole, DeleteServiceLinkedRole and GetServiceLinkedRoleDeletionStatus
--   calls, all of them.
-- One row: one role of one account, known by its name (IAM names service-linked roles uniquely
--   per account). A deletion task id (task/aws-service-role/<service>/<role>/<id>) names the role
--   and its service. A status is known when CloudTrail kept the status call's response.
--   days_idle: whole days from the role's last call (of any outcome: Access Advisor counts a
--   denied attempt as an access) to :as_of, the newest record the tables hold.
--   deletion_readiness, the first rule that holds:
--     deleted             the last deletion status is SUCCEEDED, after the last creation
--     deletion failed     the last deletion status is FAILED, after the last deletion request
--     deletion requested  a deletion was asked for after the last creation, no final status since
--     never used          the role made no call in the archive
--     idle                its last call was :idle_days days or more before :as_of
--     in use              otherwise
-- Parameters: :as_of (timestamp), :idle_days (days).
WITH deliveries AS (
  SELECT slr_lifecycle_calls.*,
         row_number() OVER (PARTITION BY lifecycle_event_id ORDER BY source_file) AS copy
  FROM slr_lifecycle_calls
),
lifecycle AS (
  SELECT account_id,
         event_name,
         first_time AS event_time,
         principal_arn,
         invoked_by,
         error_code,
         aws_service_name,
         deletion_task_id,
         upper(deletion_status) AS deletion_status,
         deletion_failure_reason,
         resources_using_role,
         CASE WHEN event_name = 'CreateServiceLinkedRole'
                THEN element_at(split(lifecycle_role, '/'), -1)
              WHEN deletion_task_id IS NOT NULL
                THEN nullif(regexp_extract(deletion_task_id,
                                           '^task/aws-service-role/[^/]+/([^/]+)/', 1), '')
              ELSE lifecycle_role
         END AS role_name,
         CASE WHEN event_name = 'CreateServiceLinkedRole' THEN lifecycle_role
              WHEN deletion_task_id RLIKE '^task/aws-service-role/[^/]+/[^/]+/'
                THEN concat('arn:', coalesce(split(principal_arn, ':')[1], 'aws'), ':iam::',
                            account_id, ':role/aws-service-role/',
                            regexp_extract(deletion_task_id,
                                           '^task/aws-service-role/([^/]+/[^/]+)/', 1))
         END AS role_arn,
         coalesce(aws_service_name,
                  nullif(regexp_extract(deletion_task_id, '^task/aws-service-role/([^/]+)/', 1),
                         '')) AS linked_service
  FROM deliveries
  WHERE copy = 1
),
lifecycle_per_role AS (
  SELECT account_id,
         role_name,
         max(role_arn) AS role_arn,
         max(linked_service) AS linked_service,
         max(IF(event_name = 'CreateServiceLinkedRole' AND error_code IS NULL, event_time, NULL))
           AS created_at,
         max_by(IF(event_name = 'CreateServiceLinkedRole' AND error_code IS NULL,
                   principal_arn, NULL),
                IF(event_name = 'CreateServiceLinkedRole' AND error_code IS NULL,
                   event_time, NULL)) AS created_by,
         max_by(IF(event_name = 'CreateServiceLinkedRole' AND error_code IS NULL,
                   invoked_by, NULL),
                IF(event_name = 'CreateServiceLinkedRole' AND error_code IS NULL,
                   event_time, NULL)) AS created_through_service,
         max_by(IF(event_name = 'CreateServiceLinkedRole' AND error_code IS NULL,
                   aws_service_name, NULL),
                IF(event_name = 'CreateServiceLinkedRole' AND error_code IS NULL,
                   event_time, NULL)) AS aws_service_name,
         array_sort(filter(collect_list(
           IF(event_name = 'DeleteServiceLinkedRole',
              named_struct('requested_at', event_time, 'requested_by', principal_arn,
                           'deletion_task_id', deletion_task_id, 'error_code', error_code),
              NULL)), request -> request IS NOT NULL)) AS deletion_requests,
         max(IF(event_name = 'DeleteServiceLinkedRole' AND error_code IS NULL, event_time, NULL))
           AS last_deletion_request_at,
         max_by(named_struct('status', deletion_status, 'reason', deletion_failure_reason,
                             'resources', resources_using_role),
                IF(event_name = 'GetServiceLinkedRoleDeletionStatus'
                     AND deletion_status IS NOT NULL, event_time, NULL)) AS last_status,
         max(IF(event_name = 'GetServiceLinkedRoleDeletionStatus' AND deletion_status IS NOT NULL,
                event_time, NULL)) AS last_deletion_status_at
  FROM lifecycle
  WHERE role_name IS NOT NULL
  GROUP BY account_id, role_name
),
activity_per_role AS (
  SELECT account_id,
         role_name,
         max(role_arn) AS role_arn,
         max(linked_service) AS linked_service,
         min(first_time) AS first_activity,
         max(last_time) AS last_activity,
         max(IF(outcome = 'succeeded', last_time, NULL)) AS last_succeeded,
         max(IF(outcome = 'denied', last_time, NULL)) AS last_denied,
         sum(IF(outcome = 'succeeded', calls, 0)) AS calls_succeeded,
         sum(IF(outcome = 'denied', calls, 0)) AS calls_denied,
         sum(IF(outcome = 'failed', calls, 0)) AS calls_failed,
         array_sort(collect_set(event_source)) AS services_called
  FROM slr_activity
  GROUP BY account_id, role_name
),
roles AS (
  SELECT coalesce(a.account_id, l.account_id) AS account_id,
         coalesce(a.role_name, l.role_name) AS role_name,
         coalesce(a.role_arn, l.role_arn) AS role_arn,
         coalesce(a.linked_service, l.linked_service) AS linked_service,
         l.created_at,
         l.created_by,
         l.created_through_service,
         l.aws_service_name,
         coalesce(l.deletion_requests, array()) AS deletion_requests,
         l.last_status.status AS last_deletion_status,
         l.last_deletion_status_at,
         l.last_status.reason AS deletion_failure_reason,
         l.last_status.resources AS resources_using_role,
         l.last_deletion_request_at,
         a.first_activity,
         a.last_activity,
         a.last_succeeded,
         a.last_denied,
         coalesce(a.calls_succeeded, 0) AS calls_succeeded,
         coalesce(a.calls_denied, 0) AS calls_denied,
         coalesce(a.calls_failed, 0) AS calls_failed,
         coalesce(a.services_called, array()) AS services_called,
         CAST(floor((unix_seconds(:as_of) - unix_seconds(a.last_activity)) / 86400) AS INT)
           AS days_idle
  FROM activity_per_role a
  FULL OUTER JOIN lifecycle_per_role l
    ON a.account_id = l.account_id AND a.role_name = l.role_name
)
SELECT account_id,
       role_name,
       role_arn,
       linked_service,
       created_at,
       created_by,
       created_through_service,
       aws_service_name,
       deletion_requests,
       last_deletion_status,
       last_deletion_status_at,
       deletion_failure_reason,
       resources_using_role,
       first_activity,
       last_activity,
       last_succeeded,
       last_denied,
       calls_succeeded,
       calls_denied,
       calls_failed,
       services_called,
       days_idle,
       :as_of AS as_of,
       CASE WHEN last_deletion_status = 'SUCCEEDED'
                 AND (created_at IS NULL OR created_at <= last_deletion_status_at)
              THEN 'deleted'
            WHEN last_deletion_status = 'FAILED'
                 AND (last_deletion_request_at IS NULL
                      OR last_deletion_request_at <= last_deletion_status_at)
              THEN 'deletion failed'
            WHEN last_deletion_request_at IS NOT NULL
                 AND (created_at IS NULL OR created_at <= last_deletion_request_at)
              THEN 'deletion requested'
            WHEN last_activity IS NULL THEN 'never used'
            WHEN days_idle >= :idle_days THEN 'idle'
            ELSE 'in use'
       END AS deletion_readiness
FROM roles
