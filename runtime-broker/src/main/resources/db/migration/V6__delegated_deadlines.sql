-- A deadline for each asynchronous operation of a `delegate` child (V5's delegated_operation), stamped when it starts
-- (start + dedicate.default-operation-timeout: child plans have no max_polling). An operation still in progress past
-- it is failed by the next last_operation poll or the periodic recovery, as if the cluster broker had reported a
-- failure, so that an unreachable cluster broker cannot keep an operation "in progress" forever. Rows started before
-- this migration have no deadline and are left as they were. Portable SQL, as V1.

ALTER TABLE delegated_operation ADD COLUMN deadline_at TIMESTAMP(6) WITH TIME ZONE;

-- the operations still in progress, by deadline: the periodic recovery's overdue sweep
CREATE INDEX delegated_operation_overdue ON delegated_operation (state, deadline_at);
