package io.dedicate.broker.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresDatabasesTest {

    @Test
    void handsOutDistinctEmptyDatabasesOnOneServer() throws Exception {
        String first = PostgresDatabases.newJdbcUrl();
        String second = PostgresDatabases.newJdbcUrl();
        assertThat(first).isNotEqualTo(second);
        try (Connection connection = DriverManager.getConnection(first);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE marker (id INT)");
        }
        try (Connection connection = DriverManager.getConnection(second);
                Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'marker'")) {
            assertThat(tables.next()).isTrue();
            assertThat(tables.getInt(1)).isZero();
        }
    }
}
