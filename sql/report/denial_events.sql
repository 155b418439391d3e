-- Denial events: every access-denied or unauthorized call in the range a report run reads.
--
-- Reads: cloudtrail (already limited to the run's time range, accounts and regions).
-- One row: one distinct event (eventID). CloudTrail may deliver an event twice; the copy from the
--   first file by name is kept. Every event type is kept; event_type tells them apart.
-- Parameters:
--   :denial_fragments  lower-case texts an error code contains to count (conf/denial-codes.conf)
--   :denial_codes      lower-case whole error codes that count
--   :identity_patterns regular expressions; a row is kept when its identity, principal or session
--                      issuer ARN matches one (empty: every identity)
--   :event_sources     event sources to keep (empty: all)
-- Functions: classify_denial, principal_arn, principal_kind and linked_service are the project's
--   classifier (dev.traildenials.classify), registered by the report job; redact_ip and
--   redact_dropped apply --redact (the identity when it is off).
WITH denied AS (
  SELECT *
  FROM cloudtrail
  WHERE errorcode IS NOT NULL
    AND (exists(:denial_fragments, fragment -> strpos(lower(errorcode), fragment) > 0)
         OR array_contains(:denial_codes, lower(errorcode)))
    AND (size(:event_sources) = 0 OR array_contains(:event_sources, eventsource))
),
identified AS (
  SELECT denied.*,
         principal_arn(useridentity.arn, useridentity.sessioncontext.sessionissuer.arn,
                       useridentity.invokedby, useridentity.principalid) AS principal,
         useridentity.sessioncontext.sessionissuer.arn AS issuer
  FROM denied
),
chosen AS (
  SELECT identified.*,
         -- An event without an id still gets a stable one, so re-runs find it again.
         coalesce(eventid, concat('sha256:', sha2(to_json(struct(eventtime, eventsource, eventname,
                  requestid, useridentity.arn, errorcode, source_file)), 256))) AS id
  FROM identified
  WHERE size(:identity_patterns) = 0
     OR exists(:identity_patterns, pattern -> useridentity.arn RLIKE pattern
                                          OR principal RLIKE pattern
                                          OR issuer RLIKE pattern)
),
first_delivery AS (
  SELECT chosen.*,
         row_number() OVER (PARTITION BY id ORDER BY source_file) AS delivery
  FROM chosen
),
classified AS (
  SELECT first_delivery.*,
         classify_denial(errorcode, errormessage, eventsource, eventname, recipientaccountid,
                         awsregion, useridentity.arn,
                         get(filter(transform(resources, r -> r.arn), a -> a IS NOT NULL), 0),
                         requestparameters) AS classification
  FROM first_delivery
  WHERE delivery = 1
)
SELECT id AS event_id,
       from_iso8601_timestamp(eventtime) AS event_time,
       to_date(from_iso8601_timestamp(eventtime)) AS event_date,
       coalesce(recipientaccountid, useridentity.accountid) AS account_id,
       awsregion AS region,
       eventsource AS event_source,
       eventname AS event_name,
       eventtype AS event_type,
       errorcode AS error_code,
       errormessage AS error_message,
       useridentity.type AS identity_type,
       useridentity.arn AS identity_arn,
       principal AS principal_arn,
       principal_kind(useridentity.type, useridentity.arn, issuer,
                      useridentity.invokedby) AS principal_kind,
       issuer AS session_issuer_arn,
       linked_service(issuer) IS NOT NULL AS is_service_linked_role,
       linked_service(issuer) AS linked_service,
       useridentity.invokedby AS invoked_by,
       classification.deny_kind AS deny_kind,
       classification.policy_type AS policy_type,
       classification.policy_arn AS policy_arn,
       classification.denied_action AS denied_action,
       classification.denied_resource AS denied_resource,
       resources,
       redact_ip(sourceipaddress) AS source_ip,
       redact_dropped(useragent) AS user_agent,
       redact_dropped(requestparameters) AS request_parameters,
       vpcendpointid AS vpc_endpoint_id,
       source_file
FROM classified
