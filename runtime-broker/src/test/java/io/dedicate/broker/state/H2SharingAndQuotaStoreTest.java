package io.dedicate.broker.state;

import java.nio.file.Path;

/** Sharing and quotas in the state store on an H2 file database, the broker's default. */
class H2SharingAndQuotaStoreTest extends SharingAndQuotaStoreContract {

    @Override
    String newJdbcUrl(Path tempDir) {
        return "jdbc:h2:file:" + tempDir.resolve("state").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }
}
