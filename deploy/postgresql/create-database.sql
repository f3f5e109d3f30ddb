-- The role and database of Sprechzimmer; run by deploy/install.sh (and the kit's test) as the
-- postgres superuser with psql, after `\set password '…'` on stdin (never on a command line).
-- Idempotent: a second run only sets the password again.
SELECT 'CREATE ROLE sprechzimmer LOGIN'
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sprechzimmer') \gexec
ALTER ROLE sprechzimmer WITH LOGIN PASSWORD :'password';
SELECT 'CREATE DATABASE sprechzimmer OWNER sprechzimmer'
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'sprechzimmer') \gexec
