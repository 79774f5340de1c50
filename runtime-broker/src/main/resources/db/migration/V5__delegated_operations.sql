-- Asynchronous operations of `delegate` children, forwarded to a cluster's own OSB broker. Portable SQL, as V1.
-- When the cluster broker answers 202, the broker answers 202 with its own operation id (this table's id) and keeps
-- the cluster broker's operation string here; each last_operation poll asks the cluster broker and, once it ends,
-- makes the child (or binding) ready or deleted, or discards it. No foreign key: a child discarded after a failed
-- create is removed from service_instance while its failed operation stays here, to be reported to the platform.

CREATE TABLE delegated_operation (
    id               VARCHAR(64)  NOT NULL,
    instance_id      VARCHAR(64)  NOT NULL,
    binding_id       VARCHAR(64),
    kind             VARCHAR(16)  NOT NULL,
    remote_operation TEXT,
    state            VARCHAR(16)  NOT NULL,
    description      TEXT,
    started_at       TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT delegated_operation_pk PRIMARY KEY (id),
    CONSTRAINT delegated_operation_kind CHECK (kind IN ('provision', 'deprovision', 'bind', 'unbind')),
    CONSTRAINT delegated_operation_state CHECK (state IN ('in progress', 'succeeded', 'failed'))
);

-- an instance's (or a binding's) delegated operations, newest first
CREATE INDEX delegated_operation_instance ON delegated_operation (instance_id, started_at);
