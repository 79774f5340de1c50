package io.dedicate.broker.http;

import java.nio.file.Path;

/** The cluster life on the embedded default: an H2 file database in the data directory. */
class ClusterLifeOnH2Test extends ClusterLifeContract {

    @Override
    String jdbcUrl(Path data) {
        return "jdbc:h2:file:" + data.resolve("state").toAbsolutePath();
    }
}
