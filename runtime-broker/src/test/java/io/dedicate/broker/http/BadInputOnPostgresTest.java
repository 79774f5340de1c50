package io.dedicate.broker.http;

import io.dedicate.broker.state.PostgresDatabases;
import java.nio.file.Path;

/** The bad-input cases on PostgreSQL (a real server, started from zonky's embedded binaries). */
class BadInputOnPostgresTest extends BadInputContract {

    @Override
    String jdbcUrl(Path data) {
        return PostgresDatabases.newJdbcUrl();
    }
}
