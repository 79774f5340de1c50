package io.dedicate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user runs it: exit statuses, outputs and the written bundle. */
class DedicateCommandTest {

    private static final Path REPO = Path.of(System.getProperty("dedicate.repo.root", ".."));
    private static final Path OFFERINGS = REPO.resolve("offerings");

    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DedicateCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void checkAcceptsTheMysqlOffering() {
        Run run = run("check", OFFERINGS.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals("ok: 1 offering checked (mysql-on-demand)\n", run.out());
    }

    @Test
    void compileWritesABundleDirectory() throws IOException {
        Path out = tmp.resolve("bundle");
        Run run = run("compile", OFFERINGS.toString(), "--out", out.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(Files.isRegularFile(out.resolve("catalog.json")), "catalog.json");
        assertTrue(Files.isRegularFile(out.resolve("model.json")), "model.json");
        assertTrue(run.out().startsWith("compiled 1 offering (mysql-on-demand) into "), run.out());

        Run again = run("compile", OFFERINGS.toString(), "--out", out.toString());
        assertEquals(0, again.status(), "a bundle directory is replaced by a new compile: " + again.err());
    }

    @Test
    void compileWritesAReproducibleJar() throws IOException {
        Path first = tmp.resolve("first.jar");
        Path second = tmp.resolve("second.jar");
        assertEquals(
                0,
                run("compile", OFFERINGS.toString(), "--out", first.toString()).status());
        assertEquals(
                0,
                run("compile", OFFERINGS.toString(), "--out", second.toString()).status());
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        try (ZipFile zip = new ZipFile(first.toFile())) {
            assertTrue(zip.getEntry("catalog.json") != null, "catalog.json in the jar");
        }
    }

    @Test
    void compileRefusesToReplaceADirectoryThatIsNotABundle() throws IOException {
        Path out = tmp.resolve("precious");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "keep me");
        Run run = run("compile", OFFERINGS.toString(), "--out", out.toString());
        assertEquals(DedicateCommand.CANNOT_WRITE, run.status());
        assertTrue(run.err().contains("does not hold a bundle"), run.err());
        assertEquals("keep me", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void mistakesAreAllReportedWithSourceLineCaretAndHint() throws IOException {
        Path broken = writeBrokenOffering();
        Path out = tmp.resolve("bundle");
        Run run = run("compile", broken.toString(), "--out", out.toString());
        assertEquals(DedicateCommand.OFFERING_ERRORS, run.status(), run.err());
        assertTrue(Files.notExists(out), "nothing is written when the offering has errors");
        String upgradeLine = "  upgrade cluster-smal -> cluster-large";
        String number = String.valueOf(lineOf(broken, upgradeLine));
        String expectedHuman = String.join(
                "\n",
                "   " + number + " | " + upgradeLine,
                " ".repeat(4 + number.length()) + "|           ^^^^^^^^^^^^");
        assertTrue(run.err().contains("error[unknown-plan]: plan `cluster-smal` is not declared"), run.err());
        assertTrue(run.err().contains("(did you mean `cluster-small`?)"), run.err());
        assertTrue(run.err().contains(expectedHuman), run.err());
        assertTrue(run.err().contains("= hint: "), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("\\d+ errors?, \\d+ warnings?")), run.err());
    }

    @Test
    void jsonFormatPrintsOneObjectPerDiagnostic() throws IOException {
        Path broken = writeBrokenOffering();
        Run run = run("check", broken.toString(), "--format", "json");
        assertEquals(DedicateCommand.OFFERING_ERRORS, run.status());
        JsonNode diagnostics = new ObjectMapper().readTree(run.out());
        assertTrue(diagnostics.isArray() && diagnostics.size() >= 1, run.out());
        JsonNode unknownPlan = java.util.stream.StreamSupport.stream(diagnostics.spliterator(), false)
                .filter(d -> d.get("code").asText().equals("unknown-plan"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no unknown-plan diagnostic in " + run.out()));
        for (String field : List.of("file", "line", "column", "end", "severity", "code", "message", "hint")) {
            assertTrue(unknownPlan.has(field), field + " in " + unknownPlan);
        }
        assertEquals("error", unknownPlan.get("severity").asText());
        assertEquals(
                unknownPlan.get("line").asInt(),
                unknownPlan.get("end").get("line").asInt());
        assertEquals(
                unknownPlan.get("column").asInt() + "cluster-smal".length(),
                unknownPlan.get("end").get("column").asInt());
    }

    @Test
    void badUsageExitsWithStatusTwo() {
        assertEquals(DedicateCommand.USAGE, run("compile", "--no-such-option").status());
        assertEquals(DedicateCommand.USAGE, run().status());
    }

    @Test
    void aMissingCommandIsAnsweredWithEveryCommand() {
        Run run = run();
        assertEquals(DedicateCommand.USAGE, run.status());
        assertTrue(
                run.err().contains("a command is required: compile, check, diff, docs, fmt, render, lsp or help"),
                run.err());
    }

    @Test
    void releaseSpecsFromTheCommandLineCheckJobsAndProperties() throws IOException {
        Path minimal = REPO.resolve("golden/minimal/input/minimal.offering");
        Path helloSpecs = REPO.resolve("golden/release-specs/input/hello-release");
        Run run = run("check", minimal.toString(), "--release-specs", "hello=" + helloSpecs);
        assertEquals(DedicateCommand.OK, run.status(), run.err());
        assertTrue(
                run.err()
                        .contains("warning[unset-template-property]: template `config.yml.erb` of job `hello` reads"
                                + " property `hello.greeting` without a default, and nothing sets it"),
                run.err());

        Path greeterOnly = tmp.resolve("greeter-release/jobs/greeter");
        Files.createDirectories(greeterOnly);
        Files.writeString(greeterOnly.resolve("spec"), "name: greeter\nproperties:\n  greeter.name: {}\n");
        Run wrongRelease =
                run("check", minimal.toString(), "--release-specs", "hello=" + tmp.resolve("greeter-release"));
        assertEquals(DedicateCommand.OFFERING_ERRORS, wrongRelease.status(), wrongRelease.err());
        assertTrue(
                wrongRelease.err().contains("error[unknown-release-job]: release `hello` has no job `hello`"),
                wrongRelease.err());
    }

    @Test
    void releaseSpecsThatAreNotThereAreBadUsage() {
        Path minimal = REPO.resolve("golden/minimal/input/minimal.offering");
        Path missing = tmp.resolve("no-such-release.tgz");
        Run run = run("check", minimal.toString(), "--release-specs", "hello=" + missing);
        assertEquals(DedicateCommand.USAGE, run.status(), run.err());
        assertTrue(
                run.err().contains("--release-specs hello=" + missing + ": `" + missing + "` does not exist"),
                run.err());
        assertEquals(
                DedicateCommand.USAGE,
                run("check", minimal.toString(), "--release-specs", "hello").status());
    }

    @Test
    void releaseSpecsThatCannotBeReadAreAnErrorAtTheRelease() throws IOException {
        Path minimal = REPO.resolve("golden/minimal/input/minimal.offering");
        Path notARelease = Files.writeString(tmp.resolve("hello.tgz"), "not a tarball");
        Run run = run("check", minimal.toString(), "--release-specs", "hello=" + notARelease);
        assertEquals(DedicateCommand.OFFERING_ERRORS, run.status(), run.err());
        assertTrue(
                run.err()
                        .contains("error[release-specs-unreadable]: the specs of release `hello` given with"
                                + " --release-specs cannot be read: `" + notARelease + "` cannot be read"),
                run.err());
    }

    /** The MySQL offering with one plan name misspelled in its upgrade path. */
    private Path writeBrokenOffering() throws IOException {
        Path dir = tmp.resolve("broken");
        Files.createDirectories(dir);
        copyTree(OFFERINGS.resolve("fragments"), dir.resolve("fragments"));
        String text = Files.readString(OFFERINGS.resolve("mysql.offering"), StandardCharsets.UTF_8);
        String broken = text.replace("upgrade cluster-small -> cluster-large", "upgrade cluster-smal -> cluster-large");
        assertTrue(!broken.equals(text), "the MySQL offering declares the upgrade path this test breaks");
        Path file = dir.resolve("mysql.offering");
        Files.writeString(file, broken, StandardCharsets.UTF_8);
        return dir;
    }

    private static int lineOf(Path dir, String line) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(dir.resolve("mysql.offering")));
        return lines.indexOf(line) + 1;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
