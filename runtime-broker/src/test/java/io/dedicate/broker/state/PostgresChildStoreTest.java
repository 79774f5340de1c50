package io.dedicate.broker.state;

import java.nio.file.Path;

/** The child store on a real PostgreSQL server, as broker replicas share it in production. */
class PostgresChildStoreTest extends ChildStoreContract {

    @Override
    String newJdbcUrl(Path tempDir) {
        return PostgresDatabases.newJdbcUrl();
    }
}
