package io.dedicate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dedicate fmt} and {@code dedicate render} as a user runs them: files, outputs and exit statuses. */
class FmtAndRenderCommandTest {

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
    void fmtCheckListsFilesThatWouldChangeAndFmtRewritesThem() throws IOException {
        Path messy = tmp.resolve("messy.offering");
        Files.writeString(
                messy, "fragment f {\n      stemcell ubuntu-jammy   1.586 // pinned\n}\n", StandardCharsets.UTF_8);
        Path tidy = tmp.resolve("tidy.fragment");
        Files.writeString(tidy, "fragment g {\n  stemcell ubuntu-jammy 1.586\n}\n", StandardCharsets.UTF_8);

        Run check = run("fmt", "--check", tmp.toString());
        assertEquals(1, check.status(), check.err());
        assertEquals(messy + "\n", check.out());
        assertTrue(Files.readString(messy).contains("      stemcell"), "--check writes nothing");

        Run fmt = run("fmt", tmp.toString());
        assertEquals(0, fmt.status(), fmt.err());
        assertEquals("formatted " + messy + "\n", fmt.out());
        assertEquals("fragment f {\n  stemcell ubuntu-jammy 1.586 // pinned\n}\n", Files.readString(messy));

        Run again = run("fmt", "--check", messy.toString(), tidy.toString());
        assertEquals(0, again.status(), again.out() + again.err());
        assertEquals("", again.out());
    }

    @Test
    void fmtLeavesAFileWithSyntaxErrorsUntouched() throws IOException {
        Path broken = tmp.resolve("broken.offering");
        String text = "offering a version 1 {\n   plan {\n}\n";
        Files.writeString(broken, text, StandardCharsets.UTF_8);
        Run run = run("fmt", broken.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("broken.offering:2:"), run.err());
        assertTrue(run.err().contains("not formatted (syntax errors)"), run.err());
        assertEquals(text, Files.readString(broken));
    }

    @Test
    void fmtOfAMissingPathIsBadUsage() {
        Run run = run("fmt", tmp.resolve("nowhere").toString());
        assertEquals(2, run.status());
        assertTrue(run.err().contains("does not exist"), run.err());
    }

    @Test
    void theRepositorysOfferingsAreFormatted() {
        Run run = run("fmt", "--check", OFFERINGS.toString());
        assertEquals(0, run.status(), "run `dedicate fmt offerings`: " + run.out() + run.err());
    }

    @Test
    void renderWritesThePipelineManifestVarsAndOperation() throws IOException {
        Path out = tmp.resolve("rendered");
        Run run = run(
                "render",
                OFFERINGS.toString(),
                "--plan",
                "cluster-large",
                "--operation",
                "deploy",
                "-p",
                "max_connections=2000",
                "-p",
                "character_set=latin1",
                "--out",
                out.toString());
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("org-guid/space-guid/00000000-0000-0000-0000-000000000000/"), run.out());
        String manifest = Files.readString(out.resolve("manifest.yml"));
        assertTrue(manifest.contains("2000"), "max_connections in the manifest");
        assertTrue(manifest.contains("latin1"), "character_set in the manifest");
        assertTrue(Files.readString(out.resolve("operation.json")).contains("\"kind\":\"deploy\""));
        assertTrue(Files.isRegularFile(out.resolve("pipeline.yml")));
        assertTrue(Files.isRegularFile(out.resolve("vars.yml")));
        try (var listed = Files.list(out)) {
            assertEquals(4, listed.count());
        }
    }

    @Test
    void renderNamesTheParameterTheSchemaRefuses() {
        Run run = run(
                "render",
                OFFERINGS.toString(),
                "--plan",
                "cluster-small",
                "--operation",
                "deploy",
                "-p",
                "max_connections=5",
                "-p",
                "no_such=1",
                "--out",
                tmp.resolve("x").toString());
        assertEquals(2, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("max_connections"), run.err());
        assertTrue(run.err().contains("no_such"), run.err());
        assertFalse(Files.exists(tmp.resolve("x")), "nothing written");
    }

    @Test
    void renderBadUsageIsExit2WithAClearMessage() {
        Path out = tmp.resolve("x");
        Run plan =
                run("render", OFFERINGS.toString(), "--plan", "huge", "--operation", "deploy", "--out", out.toString());
        assertEquals(2, plan.status());
        assertTrue(
                plan.err().contains("--plan huge: offering mysql-on-demand has no such plan (it has: cluster-small"),
                plan.err());
        Run kind = run(
                "render",
                OFFERINGS.toString(),
                "--plan",
                "cluster-small",
                "--operation",
                "explode",
                "--out",
                out.toString());
        assertEquals(2, kind.status());
        assertTrue(kind.err().contains("--operation explode: not an operation kind"), kind.err());
        Run child =
                run("render", OFFERINGS.toString(), "--plan", "1gb", "--operation", "deploy", "--out", out.toString());
        assertEquals(2, child.status());
        assertTrue(child.err().contains("a child plan"), child.err());
        Run missing = run("render", OFFERINGS.toString(), "--operation", "deploy", "--out", out.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("--plan"), missing.err());
    }

    @Test
    void renderNeverWritesNorPrintsASecretParameterValue() throws IOException {
        Path offering = REPO.resolve("compiler/src/test/resources/io/dedicate/compiler/emit/secret/secret.offering");
        assertTrue(Files.isRegularFile(offering), offering + " (the secret parameter fixture) is missing");
        Path out = tmp.resolve("rendered");
        Files.createDirectories(out);
        Files.writeString(out.resolve("secrets.cms"), "left by an earlier render");
        String token = "s3cr3t-t0ken-value-not-to-be-seen";
        Run run = run(
                "render",
                offering.toString(),
                "--plan",
                "small",
                "--operation",
                "deploy",
                "-p",
                "token=" + token,
                "--out",
                out.toString());
        assertEquals(0, run.status(), run.err());
        assertFalse(run.out().contains(token), run.out());
        assertFalse(run.err().contains(token), run.err());
        assertTrue(
                run.out()
                        .contains("secrets.cms not written: the broker encrypts the values of secret parameters token"
                                + " to its recipient certificate into secrets.cms; the manifest reads them as"
                                + " ((dedicate_secret_token))"),
                run.out());
        String manifest = Files.readString(out.resolve("manifest.yml"));
        assertTrue(manifest.contains("((dedicate_secret_token))"), manifest);
        try (var listed = Files.list(out)) {
            for (Path file : listed.toList()) {
                assertFalse(Files.readString(file, StandardCharsets.UTF_8).contains(token), file + " holds the value");
            }
        }
        assertFalse(Files.exists(out.resolve("secrets.cms")), "an earlier secrets.cms is removed, none is written");
    }
}
