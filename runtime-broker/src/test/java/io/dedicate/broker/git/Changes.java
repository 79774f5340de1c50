package io.dedicate.broker.git;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Change sets shaped like the broker's: one instance folder with a pipeline, a manifest, vars and a marker. */
final class Changes {
    private Changes() {}

    static String folder(String org, String space, String instance) {
        return org + "/" + space + "/" + instance;
    }

    /** Writes the three rendered files of an instance, each holding {@code version} so that changes are visible. */
    static ChangeSet deploy(String operationId, String org, String space, String instance, String version) {
        String folder = folder(org, space, instance);
        return new ChangeSet(
                operationId,
                "Deploy " + instance + " (" + version + ")\n\nRendered by the tests.",
                folder + "/operation",
                Map.of(
                        folder + "/pipeline.yml", bytes("pipeline " + instance + " " + version + "\n"),
                        folder + "/manifest.yml", bytes("manifest " + instance + " " + version + "\n"),
                        folder + "/vars.yml", bytes("vars " + instance + " " + version + "\n")),
                Set.of());
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The file's text; fails the test when the file is absent. */
    static String text(byte @Nullable [] bytes) {
        if (bytes == null) {
            throw new AssertionError("expected a file, found none");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
