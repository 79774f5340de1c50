package io.dedicate.broker.state;

import java.nio.file.Path;

/** The state store on a real PostgreSQL server, as broker replicas share it in production. */
class PostgresStateStoreTest extends StateStoreContract {

    @Override
    String newJdbcUrl(Path tempDir) {
        return PostgresDatabases.newJdbcUrl();
    }
}
