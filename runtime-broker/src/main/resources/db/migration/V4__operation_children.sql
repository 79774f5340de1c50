-- The update cascade: which children a cluster operation (update, upgrade, recreate) affected. Portable SQL, as V1.
-- The rows are a snapshot of the cluster's live children (not deleted, still being created included), inserted in the
-- transaction that starts the operation, while it holds the cluster row's lock (so the snapshot is exact: a child is
-- created under the same lock). A child's GET shows its latest such operation; the cluster's dashboard lists them.
-- child_id has no foreign key: a child whose creation failed is removed again (StateStore.discardChild) and its
-- snapshot row stays, harmless (readers join it to existing instances).

CREATE TABLE operation_child (
    operation_id VARCHAR(64) NOT NULL,
    child_id     VARCHAR(64) NOT NULL,
    CONSTRAINT operation_child_pk PRIMARY KEY (operation_id, child_id),
    CONSTRAINT operation_child_operation_fk FOREIGN KEY (operation_id) REFERENCES operation (id)
);

-- a child's latest affecting operation
CREATE INDEX operation_child_child ON operation_child (child_id);
