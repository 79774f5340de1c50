-- Sharing and quotas. Portable SQL, as V1.
-- Grants (which spaces may create children in a cluster) are no table: they are the cluster's built-in `grants`
-- parameter, kept in service_instance.parameters and changed under the cluster row's lock.
-- org_quota_lock: one row per (org, service), inserted when the org first provisions a cluster of the service; a
-- cluster provision locks it (SELECT ... FOR UPDATE) in the transaction that counts the org's live clusters and
-- inserts the new one, so two brokers sharing one database cannot both take the last place of a quota.

CREATE TABLE org_quota_lock (
    org_guid   VARCHAR(255) NOT NULL,
    service_id VARCHAR(255) NOT NULL,
    CONSTRAINT org_quota_lock_pk PRIMARY KEY (org_guid, service_id)
);

-- live clusters of a service in an org (the clusters_per_org quota)
CREATE INDEX service_instance_org ON service_instance (org_guid, service_id, kind, status);
