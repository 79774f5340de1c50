-- Bindings of child instances (a database user per binding). Portable SQL, as V1.
-- A binding row is inserted 'creating' before the user is created on the cluster (the primary key lets one
-- request win), becomes 'ready' with its credentials sealed (SecretBox, context "binding:<id>"), and 'deleted'
-- once its user is dropped; deleted rows stay as history.

CREATE TABLE service_binding (
    id                 VARCHAR(64)   NOT NULL,
    instance_id        VARCHAR(64)   NOT NULL,
    username           VARCHAR(64)   NOT NULL,
    status             VARCHAR(16)   NOT NULL,
    request_digest     VARCHAR(64)   NOT NULL,
    secret_credentials TEXT,
    created_at         TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT service_binding_pk PRIMARY KEY (id),
    CONSTRAINT service_binding_instance_fk FOREIGN KEY (instance_id) REFERENCES service_instance (id),
    CONSTRAINT service_binding_status CHECK (status IN ('creating', 'ready', 'deleted'))
);

-- a child's bindings (child delete, dashboards)
CREATE INDEX service_binding_instance ON service_binding (instance_id, status);
-- clusters by name in a space (resolving a child's `cluster` parameter)
CREATE INDEX service_instance_name ON service_instance (space_guid, instance_name);
