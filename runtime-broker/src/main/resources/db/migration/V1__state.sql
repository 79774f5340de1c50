-- Service instances and their operations. Portable SQL: runs unchanged on PostgreSQL 14+ and on H2 2.x in its
-- default mode. Times are TIMESTAMP(6) WITH TIME ZONE (microseconds, stored in UTC by the broker).
-- Every state change is a conditional UPDATE (compare-and-set), so broker replicas can share one database.

CREATE TABLE service_instance (
    id                  VARCHAR(64)   NOT NULL,
    service_id          VARCHAR(255)  NOT NULL,
    plan_id             VARCHAR(255)  NOT NULL,
    kind                VARCHAR(16)   NOT NULL,
    cluster_id          VARCHAR(64),
    org_guid            VARCHAR(255)  NOT NULL,
    space_guid          VARCHAR(255)  NOT NULL,
    org_name            VARCHAR(1024),
    space_name          VARCHAR(1024),
    instance_name       VARCHAR(1024),
    parameters          TEXT          NOT NULL,
    secret_parameters   TEXT,
    maintenance_version VARCHAR(255),
    status              VARCHAR(16)   NOT NULL,
    request_digest      VARCHAR(64)   NOT NULL,
    git_path            VARCHAR(1024) NOT NULL,
    outputs             TEXT,
    secret_outputs      TEXT,
    active_operation_id VARCHAR(64),
    created_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT service_instance_pk PRIMARY KEY (id),
    CONSTRAINT service_instance_kind CHECK (kind IN ('cluster', 'child')),
    CONSTRAINT service_instance_status
        CHECK (status IN ('creating', 'create_failed', 'ready', 'deleting', 'deleted'))
);

-- children of a cluster (delete protection, dashboards)
CREATE INDEX service_instance_cluster ON service_instance (cluster_id);
-- the meta pipeline's folder list: clusters sorted by folder
CREATE INDEX service_instance_folder ON service_instance (kind, git_path);

CREATE TABLE operation (
    id                         VARCHAR(64)   NOT NULL,
    instance_id                VARCHAR(64)   NOT NULL,
    kind                       VARCHAR(16)   NOT NULL,
    state                      VARCHAR(16)   NOT NULL,
    description                TEXT,
    token_hash                 VARCHAR(64)   NOT NULL,
    target_plan_id             VARCHAR(255)  NOT NULL,
    target_parameters          TEXT          NOT NULL,
    target_secret_parameters   TEXT,
    target_maintenance_version VARCHAR(255),
    request_digest             VARCHAR(64)   NOT NULL,
    requester                  VARCHAR(255),
    commit_state               VARCHAR(16)   NOT NULL,
    commit_id                  VARCHAR(64),
    rendered_files             TEXT,
    started_at                 TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    deadline_at                TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    finished_at                TIMESTAMP(6) WITH TIME ZONE,
    CONSTRAINT operation_pk PRIMARY KEY (id),
    CONSTRAINT operation_instance_fk FOREIGN KEY (instance_id) REFERENCES service_instance (id),
    CONSTRAINT operation_kind CHECK (kind IN ('deploy', 'update', 'recreate', 'upgrade', 'delete')),
    CONSTRAINT operation_state CHECK (state IN ('in progress', 'succeeded', 'failed')),
    CONSTRAINT operation_commit_state CHECK (commit_state IN ('pending', 'committed'))
);

-- an instance's history, newest first
CREATE INDEX operation_instance ON operation (instance_id, started_at);
-- recovery of pending commits, oldest first
CREATE INDEX operation_commit ON operation (commit_state, started_at);
-- the time-out sweep
CREATE INDEX operation_deadline ON operation (state, deadline_at);
