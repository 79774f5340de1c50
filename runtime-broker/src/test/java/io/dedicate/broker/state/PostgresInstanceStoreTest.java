package io.dedicate.broker.state;

import java.nio.file.Path;

/** The instance store on a real PostgreSQL server, as broker replicas share it in production. */
class PostgresInstanceStoreTest extends InstanceStoreContract {

    @Override
    String newJdbcUrl(Path tempDir) {
        return PostgresDatabases.newJdbcUrl();
    }
}
