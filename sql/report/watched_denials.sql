-- watched_denials: the denials a run added for identities someone asked to be alerted about.
--
-- Reads: run_added_denials (the events of this run that denial_events did not hold before).
-- One row: one added denial event whose identity, principal or session issuer ARN matches a
--   watched pattern, oldest first (an alert lists the first of them; the table holds them all).
-- Parameters: :watch_patterns - regular expressions (from --watch-identity ARN patterns).
SELECT event_id,
       event_time,
       account_id,
       region,
       identity_arn,
       principal_arn,
       event_source,
       event_name,
       error_code,
       deny_kind,
       policy_type,
       denied_action,
       denied_resource
FROM run_added_denials
WHERE exists(:watch_patterns, pattern -> identity_arn RLIKE pattern
                                      OR principal_arn RLIKE pattern
                                      OR session_issuer_arn RLIKE pattern)
ORDER BY event_time, event_id
