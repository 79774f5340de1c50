package io.dedicate.broker.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dedicate.bundle.model.DriverSetting;
import io.dedicate.bundle.model.DriverSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a new database's character set and collation are chosen from the driver settings and the request. */
class DatabaseCharacterSetTest {

    @Test
    void theRequestedCollationWinsThenTheDriversThenTheDeclaredDefault() {
        DriverSettings driver =
                settings(Map.of(DriverSetting.CHARSET, "latin1", DriverSetting.COLLATION, "latin1_german1_ci"));
        assertThat(DatabaseCharacterSet.choose(driver, "latin1_swedish_ci", "utf8mb4_unicode_ci"))
                .isEqualTo(new DatabaseCharacterSet("latin1", "latin1_swedish_ci"));
        assertThat(DatabaseCharacterSet.choose(driver, null, "utf8mb4_unicode_ci"))
                .isEqualTo(new DatabaseCharacterSet("latin1", "latin1_german1_ci"));
        assertThat(DatabaseCharacterSet.choose(DriverSettings.NONE, null, "utf8mb4_unicode_ci"))
                .isEqualTo(new DatabaseCharacterSet("utf8mb4", "utf8mb4_unicode_ci"));
    }

    @Test
    void aDeclaredDefaultOfAnotherCharacterSetGivesTheServersDefault() {
        assertThat(DatabaseCharacterSet.choose(
                        settings(Map.of(DriverSetting.CHARSET, "latin1")), null, "utf8mb4_unicode_ci"))
                .isEqualTo(new DatabaseCharacterSet("latin1", null));
        assertThat(DatabaseCharacterSet.choose(DriverSettings.NONE, null, null))
                .isEqualTo(new DatabaseCharacterSet("utf8mb4", null));
    }

    @Test
    void aCollationOfAnotherCharacterSetIsRefusedWithTheFix() {
        assertThatThrownBy(() -> DatabaseCharacterSet.choose(
                        settings(Map.of(DriverSetting.CHARSET, "latin1")), "utf8mb4_bin", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("collation 'utf8mb4_bin' is not a collation of character set latin1: use one whose name"
                        + " starts with latin1_ (e.g. latin1_bin)");
        assertThatThrownBy(() -> new DatabaseCharacterSet("utf8mb4; DROP", null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static DriverSettings settings(Map<DriverSetting, Object> values) {
        return new DriverSettings(values);
    }
}
