package io.dedicate.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** What a BOSH v2 manifest must have, checked on a rendered manifest. */
final class BoshManifests {

    private BoshManifests() {}

    static void assertValid(JsonNode manifest) {
        assertTrue(
                manifest.path("name").isTextual()
                        && !manifest.path("name").textValue().isEmpty(),
                "name");
        for (String key : new String[] {"releases", "stemcells", "instance_groups"}) {
            assertTrue(manifest.path(key).isArray() && !manifest.path(key).isEmpty(), key + " is a non-empty list");
        }
        assertTrue(manifest.path("update").isObject(), "update");
        for (JsonNode release : manifest.path("releases")) {
            assertTrue(
                    release.path("name").isTextual() && release.path("version").isTextual(), "release " + release);
        }
        JsonNode stemcell = manifest.path("stemcells").get(0);
        assertEquals("default", stemcell.path("alias").textValue());
        assertTrue(stemcell.path("os").isTextual() && stemcell.path("version").isTextual(), "stemcell " + stemcell);
        for (JsonNode group : manifest.path("instance_groups")) {
            String name = group.path("name").asText();
            assertTrue(group.path("azs").isArray() && !group.path("azs").isEmpty(), name + ": azs");
            assertTrue(group.path("instances").isIntegralNumber(), name + ": instances");
            assertTrue(group.path("vm_type").isTextual(), name + ": vm_type");
            assertEquals("default", group.path("stemcell").textValue(), name + ": stemcell");
            assertTrue(
                    group.path("networks").isArray() && !group.path("networks").isEmpty(), name + ": networks");
            group.path("networks").forEach(n -> assertTrue(n.path("name").isTextual(), name + ": network name"));
            assertTrue(group.path("jobs").isArray() && !group.path("jobs").isEmpty(), name + ": jobs");
            for (JsonNode job : group.path("jobs")) {
                assertTrue(job.path("name").isTextual() && job.path("release").isTextual(), name + ": job " + job);
                assertTrue(
                        job.path("properties").isMissingNode()
                                || job.path("properties").isObject(),
                        name + ": properties");
            }
        }
    }
}
