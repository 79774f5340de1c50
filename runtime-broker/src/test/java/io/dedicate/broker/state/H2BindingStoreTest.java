package io.dedicate.broker.state;

import java.nio.file.Path;

/** The binding store on an H2 file database, the broker's zero-set-up default, with the URL options the broker uses. */
class H2BindingStoreTest extends BindingStoreContract {

    @Override
    String newJdbcUrl(Path tempDir) {
        return "jdbc:h2:file:" + tempDir.resolve("state").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
    }
}
