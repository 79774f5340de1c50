package io.dedicate.broker.state;

import java.nio.file.Path;

/** The binding store on a real PostgreSQL server, as broker replicas share it in production. */
class PostgresBindingStoreTest extends BindingStoreContract {

    @Override
    String newJdbcUrl(Path tempDir) {
        return PostgresDatabases.newJdbcUrl();
    }
}
