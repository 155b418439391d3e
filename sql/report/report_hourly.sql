-- The human report's chart: denials per hour in the run's range.
--
-- Reads: denials_hourly.
-- One row: one hour (UTC) with denials; all denials and those of service-linked roles.
-- Parameters: :from, :to - the run's half-open time range.
SELECT hour,
       sum(denials) AS denials,
       sum(CASE WHEN is_service_linked_role THEN denials ELSE 0 END) AS service_linked_role_denials
FROM denials_hourly
WHERE hour >= date_trunc('HOUR', :from) AND hour < :to
GROUP BY hour
ORDER BY hour
