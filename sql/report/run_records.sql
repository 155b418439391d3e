-- run_records: the one pass of a report run over the archive: who did what, when and where, for
--   every record. A record the report keeps whole - one with an error code (a denial or another
--   failure) or any call to IAM, where service-linked roles are created and deleted - also carries
--   the columns denial_events and the lifecycle of service-linked roles read; a call of a
--   service-linked role carries its event id and resources (slr_activity lists them).
--
-- Reads: cloudtrail (already limited to the run's time range, accounts and regions), read so that
--   only the records this query keeps whole have their other columns decoded: the condition of
--   `record` below is the reader's rule "errors-and-iam" (dev.traildenials.parse.DetailRule).
-- One row: one record as read, duplicates included (denial_events keeps one delivery); calls is 1.
-- Parameters: none.
WITH records AS (
  SELECT source_file,
         from_iso8601_timestamp(eventtime) AS event_time,
         coalesce(recipientaccountid, useridentity.accountid) AS account_id,
         awsregion AS region,
         useridentity.type AS identity_type,
         useridentity.arn AS identity_arn,
         useridentity.sessioncontext.sessionissuer.arn AS session_issuer_arn,
         useridentity.invokedby AS invoked_by,
         useridentity.principalid AS principal_id,
         eventsource AS event_source,
         eventname AS event_name,
         errorcode AS error_code,
         IF(useridentity.sessioncontext.sessionissuer.arn LIKE '%:role/aws-service-role/%',
            eventid, NULL) AS event_id,
         IF(useridentity.sessioncontext.sessionissuer.arn LIKE '%:role/aws-service-role/%',
            filter(transform(resources, r -> r.arn), a -> a IS NOT NULL), NULL) AS resource_arns,
         IF(errorcode IS NOT NULL OR eventsource = 'iam.amazonaws.com',
            named_struct('eventtime', eventtime, 'eventsource', eventsource,
                         'eventname', eventname, 'awsregion', awsregion,
                         'recipientaccountid', recipientaccountid, 'useridentity', useridentity,
                         'eventid', eventid, 'eventtype', eventtype, 'requestid', requestid,
                         'errorcode', errorcode, 'errormessage', errormessage,
                         'resources', resources, 'requestparameters', requestparameters,
                         'responseelements', responseelements,
                         'sourceipaddress', sourceipaddress, 'useragent', useragent,
                         'vpcendpointid', vpcendpointid, 'source_file', source_file),
            NULL) AS record
  FROM cloudtrail
)
SELECT source_file,
       date_trunc('HOUR', event_time) AS event_hour,
       account_id,
       region,
       identity_type,
       identity_arn,
       session_issuer_arn,
       invoked_by,
       principal_id,
       event_source,
       event_name,
       error_code,
       event_id,
       resource_arns,
       record,
       1 AS calls,
       event_time AS first_time,
       event_time AS last_time
FROM records
