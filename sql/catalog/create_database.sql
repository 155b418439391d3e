-- Creates the catalog database the report's tables are registered in (--catalog-database).
--
-- Reads: nothing. On EMR with the AWS Glue Data Catalog as metastore this creates a Glue
-- database; locally, a database in the Hive metastore of conf/spark-defaults.conf.
-- Parameters: :database - the database name (letters, digits, underscores).
CREATE DATABASE IF NOT EXISTS IDENTIFIER(:database)
COMMENT 'trail-denials: access-denied and unauthorized calls found in CloudTrail logs'
