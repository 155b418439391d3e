-- principal_activity: Access Advisor's last-accessed data over the whole archive - for every
--   principal, each service it called: when it last succeeded, when it was last denied, and how
--   often, for as many years as the archive holds (IAM keeps 400 days, and counts a denied attempt
--   as an access).
--
-- Reads: activity_by_file, all of it.
-- One row: one account, one principal (a role as its role ARN, a user, a service-linked role, a
--   service principal) and one event source. access says which of the three answers holds: used
--   (a call succeeded), attempted but denied (calls, none succeeded, some denied) or failed only.
--   A service the principal never called has no row: the third answer, "never".
-- Parameters: none.
SELECT account_id,
       principal_arn,
       principal_kind,
       event_source,
       min(first_time) AS first_seen,
       max(last_time) AS last_seen,
       max(IF(outcome = 'succeeded', last_time, NULL)) AS last_succeeded,
       max(IF(outcome = 'denied', last_time, NULL)) AS last_denied,
       max(IF(outcome = 'failed', last_time, NULL)) AS last_failed,
       sum(IF(outcome = 'succeeded', calls, 0)) AS calls_succeeded,
       sum(IF(outcome = 'denied', calls, 0)) AS calls_denied,
       sum(IF(outcome = 'failed', calls, 0)) AS calls_failed,
       CASE WHEN max(IF(outcome = 'succeeded', 1, 0)) = 1 THEN 'used'
            WHEN max(IF(outcome = 'denied', 1, 0)) = 1 THEN 'attempted but denied'
            ELSE 'failed only'
       END AS access
FROM activity_by_file
GROUP BY account_id, principal_arn, principal_kind, event_source
