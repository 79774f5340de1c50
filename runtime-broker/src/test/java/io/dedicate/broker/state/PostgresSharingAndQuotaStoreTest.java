package io.dedicate.broker.state;

import java.nio.file.Path;

/** Sharing and quotas in the state store on a real PostgreSQL server, as broker replicas share it. */
class PostgresSharingAndQuotaStoreTest extends SharingAndQuotaStoreContract {

    @Override
    String newJdbcUrl(Path tempDir) {
        return PostgresDatabases.newJdbcUrl();
    }
}
