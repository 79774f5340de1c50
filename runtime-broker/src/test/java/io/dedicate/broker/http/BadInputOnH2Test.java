package io.dedicate.broker.http;

import java.nio.file.Path;

/** The bad-input cases on the embedded default: an H2 file database in the data directory. */
class BadInputOnH2Test extends BadInputContract {

    @Override
    String jdbcUrl(Path data) {
        return "jdbc:h2:file:" + data.resolve("state").toAbsolutePath();
    }
}
