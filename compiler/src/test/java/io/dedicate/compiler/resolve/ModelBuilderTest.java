package io.dedicate.compiler.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dedicate.compiler.model.MaintenanceInfo;
import io.dedicate.compiler.model.Release;
import io.dedicate.compiler.model.Stemcell;
import io.dedicate.dsl.SourceSpan;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelBuilderTest {

    @Test
    void maintenanceInfoBuildIdentifiersAreSanitised() {
        MaintenanceInfo info = ModelBuilder.maintenanceInfo(
                "kafka",
                "2.0.0-rc.1",
                List.of(new Release("kafka_release", "1.2.3+dev_7", null, null, SourceSpan.NONE)),
                new Stemcell("ubuntu-jammy", "latest", SourceSpan.NONE));
        assertEquals("2.0.0-rc.1+kafka-release.1.2.3-dev-7.ubuntu-jammy.latest", info.version());
        assertEquals("kafka 2.0.0-rc.1: kafka_release 1.2.3+dev_7, stemcell ubuntu-jammy latest", info.description());
    }

    @Test
    void maintenanceInfoWithoutDeploymentIsTheVersion() {
        MaintenanceInfo info = ModelBuilder.maintenanceInfo("tf-only", "1.0.0", List.of(), null);
        assertEquals(new MaintenanceInfo("1.0.0", "tf-only 1.0.0"), info);
    }

    @Test
    void costUnits() {
        assertEquals("MONTHLY", ModelBuilder.costUnit("month"));
        assertEquals("YEARLY", ModelBuilder.costUnit("year"));
        assertEquals("DAILY", ModelBuilder.costUnit("day"));
        assertEquals("HOURLY", ModelBuilder.costUnit("Hour"));
        assertEquals("REQUEST", ModelBuilder.costUnit("request"));
    }
}
