package io.dedicate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code check --format sarif}: the log on stdout, file URIs relative to the checked directory. */
class SarifFormatTest {

    private static final Path REPO = Path.of(System.getProperty("dedicate.repo.root", ".."));

    @Test
    void aBrokenOfferingGivesOneResultWithItsRegion() throws IOException {
        DedicateCommandTest.Run run = DedicateCommandTest.run(
                "check", REPO.resolve("golden/unknown-plan/input").toString(), "--format", "sarif");
        assertEquals(DedicateCommand.OFFERING_ERRORS, run.status(), run.err());
        assertEquals("", run.err(), "nothing for people on stderr");
        JsonNode run0 = new ObjectMapper().readTree(run.out()).get("runs").get(0);
        assertEquals("dedicate", run0.get("tool").get("driver").get("name").asText());
        JsonNode result = run0.get("results").get(0);
        assertEquals("unknown-plan", result.get("ruleId").asText());
        JsonNode location = result.get("locations").get(0).get("physicalLocation");
        assertEquals(
                "broken.offering", location.get("artifactLocation").get("uri").asText());
        assertEquals(14, location.get("region").get("startLine").asInt());
    }

    @Test
    void theRealOfferingsPass() throws IOException {
        DedicateCommandTest.Run run =
                DedicateCommandTest.run("check", REPO.resolve("offerings").toString(), "--format", "sarif");
        assertEquals(DedicateCommand.OK, run.status(), run.err());
        JsonNode log = new ObjectMapper().readTree(run.out());
        assertEquals("2.1.0", log.get("version").asText());
        assertTrue(log.get("runs").get(0).get("results").isArray());
    }
}
