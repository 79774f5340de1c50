-- How a child's driver names what it creates for the child on its cluster (the mysql driver: its database).
-- 1: the name brokers before this version derived (d_ and the first 30 hex digits of the ID, which two IDs can share);
-- 2: a name derived from the whole ID (MysqlChildDriver.databaseName). Rows that exist now, and rows a broker of an
-- older version inserts (it does not know the column), are 1; this version inserts 2.
ALTER TABLE service_instance ADD COLUMN name_scheme SMALLINT DEFAULT 1 NOT NULL;
