package io.dedicate.broker.children;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class MysqlServerSmokeTest {
    @Test
    void starts() throws Exception {
        try (Connection c = MariaDbServer.get().adminConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT VERSION()")) {
            assertThat(r.next()).isTrue();
            System.out.println("VERSION " + r.getString(1));
        }
    }
}
