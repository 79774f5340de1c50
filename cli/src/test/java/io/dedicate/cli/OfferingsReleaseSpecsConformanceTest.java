package io.dedicate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.model.Release;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every offering of {@code offerings/} checked as an operator would check it before a deploy: {@code dedicate check
 * offerings/ --release-specs NAME=PATH ...} with the job specs of every release it names, from {@code
 * ../shared/bosh-releases/NAME-VERSION} (see its SOURCE.md). No diagnostic at all may come out: no error, no release
 * spec error ({@code unknown-release-job}, {@code undeclared-property}), no warning.
 *
 * <p>The specs are test data next to the repository, given only on this command line: the product never reads
 * {@code ../shared}. When {@code ../shared/bosh-releases} is missing the test fails, it does not skip.
 */
class OfferingsReleaseSpecsConformanceTest {

    private static final Path REPO = Path.of(System.getProperty("dedicate.repo.root", ".."))
            .toAbsolutePath()
            .normalize();
    private static final Path OFFERINGS = REPO.resolve("offerings");
    private static final Path SHARED_RELEASES =
            REPO.resolve("../shared/bosh-releases").normalize();

    /**
     * Releases the offerings name whose job specs are NOT in {@code ../shared/bosh-releases}, and why: their jobs
     * and properties are not checked. A release that is neither here nor in {@code ../shared} fails the test, and so
     * does one listed here whose specs have since appeared there.
     */
    private static final Map<String, String> WITHOUT_SPECS = Map.of(
            "bpm 1.4.26",
            "bpm-release is not among ../shared/bosh-releases (SOURCE.md: cf-mysql, pxc, prometheus);"
                    + " the offering names only its `bpm` job, with no property");

    @TempDir
    Path temp;

    record Run(int status, String out, String err) {}

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DedicateCommand.run(
                args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    /** Every release the offerings of {@code folder} name, by name, with its version. */
    private static Map<String, String> releasesNamed(Path folder) {
        CompileResult result = new OfferingCompiler().check(List.of(folder));
        assertFalse(result.hasErrors(), "offerings/ does not compile: " + result.diagnostics());
        assertFalse(result.offerings().isEmpty(), "no offering in " + folder);
        Map<String, String> releases = new TreeMap<>();
        for (Offering offering : result.offerings()) {
            for (Release release : offering.automation().releases()) {
                String before = releases.putIfAbsent(release.name(), release.version());
                assertTrue(
                        before == null || before.equals(release.version()),
                        "release " + release.name() + " is named in two versions (" + before + ", " + release.version()
                                + "): --release-specs gives one spec per name");
            }
        }
        return releases;
    }

    /** {@code --release-specs NAME=../shared/bosh-releases/NAME-VERSION} for every release with specs there. */
    private static List<String> releaseSpecsArguments(Map<String, String> releases) {
        if (!Files.isDirectory(SHARED_RELEASES)) {
            fail("the release job specs are missing: expected " + SHARED_RELEASES
                    + " (../shared/bosh-releases next to the repository, see its SOURCE.md)");
        }
        List<String> arguments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> release : releases.entrySet()) {
            String named = release.getKey() + " " + release.getValue();
            Path specs = SHARED_RELEASES.resolve(release.getKey() + "-" + release.getValue());
            boolean present = Files.isDirectory(specs.resolve("jobs"));
            if (present && WITHOUT_SPECS.containsKey(named)) {
                problems.add(named + " is listed as having no specs, but " + specs + " exists: check it");
            } else if (!present && !WITHOUT_SPECS.containsKey(named)) {
                problems.add(named + " has no job specs at " + specs
                        + ": add them to ../shared/bosh-releases or list the release in WITHOUT_SPECS with why");
            }
            if (present) {
                arguments.add("--release-specs");
                arguments.add(release.getKey() + "=" + specs);
            }
        }
        assertEquals(List.of(), problems);
        return arguments;
    }

    @Test
    void everyOfferingHasNoDiagnosticAgainstTheSpecsOfTheReleasesItNames() throws IOException {
        Map<String, String> releases = releasesNamed(OFFERINGS);
        List<String> specs = releaseSpecsArguments(releases);
        assertTrue(specs.size() >= 4, "at least two releases are checked (pxc, prometheus): " + specs);

        List<String> args = new ArrayList<>(List.of("check", OFFERINGS.toString(), "--format", "json"));
        args.addAll(specs);
        Run run = run(args);

        JsonNode diagnostics = new ObjectMapper().readTree(run.out());
        assertTrue(diagnostics.isArray(), run.out());
        assertEquals(0, diagnostics.size(), "diagnostics of `dedicate check offerings/ " + specs + "`: " + run.out());
        assertEquals(0, run.status(), run.err());
    }

    @Test
    void theNamedSpecsAreReallyChecked() throws IOException {
        // a copy of offerings/ with one property misspelt in a job of each checked release: each one is reported,
        // so an empty result above means the specs were read, not that they were ignored
        Path copy = temp.resolve("offerings");
        copyTree(OFFERINGS, copy);
        Path mysql = copy.resolve("mysql.offering");
        String text = Files.readString(mysql, StandardCharsets.UTF_8);
        String broken = text.replace("property db_username = ", "property db_usernam = ")
                .replace("property mysqld_exporter.mysql.username = ", "property mysqld_exporter.mysql.usernam = ");
        assertFalse(broken.equals(text), "the mysql offering no longer sets the properties this test misspells");
        Files.writeString(mysql, broken, StandardCharsets.UTF_8);

        List<String> args = new ArrayList<>(List.of("check", copy.toString()));
        args.addAll(releaseSpecsArguments(releasesNamed(copy)));
        Run run = run(args);

        assertEquals(1, run.status(), run.err());
        assertTrue(
                run.err()
                        .contains(
                                "error[undeclared-property]: job `smoke-tests` does not declare property `db_usernam`"),
                run.err());
        assertTrue(
                run.err()
                        .contains("error[undeclared-property]: job `mysqld_exporter` does not declare property"
                                + " `mysqld_exporter.mysql.usernam`"),
                run.err());
        assertTrue(run.err().contains("2 errors, 0 warnings"), run.err());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
