package io.dedicate.broker.http;

import io.dedicate.broker.state.PostgresDatabases;
import java.nio.file.Path;

/** The cluster life on PostgreSQL (a real server, started from zonky's embedded binaries). */
class ClusterLifeOnPostgresTest extends ClusterLifeContract {

    @Override
    String jdbcUrl(Path data) {
        return PostgresDatabases.newJdbcUrl();
    }
}
