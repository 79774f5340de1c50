package io.dedicate.broker.state;

import java.nio.file.Path;

/** The operation store on a real PostgreSQL server, as broker replicas share it in production. */
class PostgresOperationStoreTest extends OperationStoreContract {

    @Override
    String newJdbcUrl(Path tempDir) {
        return PostgresDatabases.newJdbcUrl();
    }
}
