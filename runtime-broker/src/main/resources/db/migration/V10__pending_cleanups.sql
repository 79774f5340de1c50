-- Cleanup commits still to make: the folder of a cluster instance whose delete succeeded is removed from the deployment
-- repository by a commit of its own. The row is written in the transaction that ends the delete, so a broker killed
-- before the commit still knows it; it is removed once the commit landed. The pending-commits pass retries what is left
-- (at start-up and every recovery interval) until it is done; attempts and last_error say why one stays.
-- Portable SQL, as V1.

CREATE TABLE pending_cleanup (
    instance_id  VARCHAR(64)   NOT NULL,
    operation_id VARCHAR(64)   NOT NULL,
    git_path     VARCHAR(1024) NOT NULL,
    recorded_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    attempts     INTEGER       DEFAULT 0 NOT NULL,
    last_error   VARCHAR(2000),
    CONSTRAINT pending_cleanup_pk PRIMARY KEY (instance_id)
);
