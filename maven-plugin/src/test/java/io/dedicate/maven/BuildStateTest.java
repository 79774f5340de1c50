package io.dedicate.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incremental check: unchanged means up to date; any change to what was read means compile again. */
class BuildStateTest {

    @TempDir
    Path root;

    Path offerings;
    Path outside;
    Path jar;
    BuildState state;
    String configuration;

    @BeforeEach
    void compiledOnce() throws IOException {
        offerings = Files.createDirectories(root.resolve("src/main/offerings"));
        Files.writeString(offerings.resolve("a.offering"), "offering a version 1.0.0 {}");
        outside = Files.writeString(root.resolve("shared.fragment"), "fragment shared {}");
        jar = Files.writeString(root.resolve("a.jar"), "jar");
        state = new BuildState(root.resolve("target/dedicate/a.jar.state"));
        configuration = BuildState.configuration("1.0", Map.of());
        state.record(offerings, List.of(offerings.resolve("a.offering").toString(), outside.toString()), configuration);
    }

    @Test
    void nothingChangedIsUpToDate() throws IOException {
        assertTrue(state.upToDate(jar, offerings, configuration));
    }

    @Test
    void anEditedOfferingIsNot() throws IOException {
        Files.writeString(offerings.resolve("a.offering"), "offering a version 1.0.1 {}");
        assertFalse(state.upToDate(jar, offerings, configuration));
    }

    @Test
    void anEditedFragmentOutsideTheDirectoryIsNot() throws IOException {
        Files.writeString(outside, "fragment shared { }");
        assertFalse(state.upToDate(jar, offerings, configuration));
    }

    @Test
    void aNewOrRemovedFileIsNot() throws IOException {
        Path added = Files.writeString(offerings.resolve("b.offering"), "offering b version 1.0.0 {}");
        assertFalse(state.upToDate(jar, offerings, configuration));
        Files.delete(added);
        assertTrue(state.upToDate(jar, offerings, configuration));
        Files.delete(offerings.resolve("a.offering"));
        assertFalse(state.upToDate(jar, offerings, configuration));
    }

    @Test
    void aMissingJarOrOtherConfigurationIsNot() throws IOException {
        assertFalse(state.upToDate(jar, offerings, BuildState.configuration("1.1", Map.of())));
        Path specs = Files.writeString(root.resolve("pxc.tgz"), "tarball");
        assertFalse(state.upToDate(jar, offerings, BuildState.configuration("1.0", Map.of("pxc", specs))));
        Files.delete(jar);
        assertFalse(state.upToDate(jar, offerings, configuration));
    }

    @Test
    void aFailedCompileForgetsTheState() throws IOException {
        state.forget();
        assertFalse(state.upToDate(jar, offerings, configuration));
    }
}
