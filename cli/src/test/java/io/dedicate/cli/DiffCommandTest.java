package io.dedicate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dedicate diff} on copies of the real MySQL offering, each edited the way a new version of
 * an offering changes: every kind of change, its impact, the line in both versions, the exit status;
 * a bundle jar and a bundle directory as the old version; {@code --since} in a real git repository.
 */
class DiffCommandTest {

    private static final Path REPO = Path.of(System.getProperty("dedicate.repo.root", ".."));
    private static final Path OFFERINGS = REPO.resolve("offerings");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path copy(String name) throws IOException {
        Path target = tmp.resolve(name);
        try (Stream<Path> walk = Files.walk(OFFERINGS)) {
            for (Path source : walk.toList()) {
                Path to = target.resolve(OFFERINGS.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(source, to);
                }
            }
        }
        return target;
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains(from), file + " has no `" + from + "`");
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }

    /** The 1-based line of the first line of {@code file} that contains {@code needle}. */
    private static int lineOf(Path file, String needle) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(needle)) {
                return i + 1;
            }
        }
        throw new AssertionError(file + " has no line with `" + needle + "`");
    }

    private static JsonNode json(DedicateCommandTest.Run run) throws IOException {
        return JSON.readTree(run.out());
    }

    /** The one change of {@code code} whose message contains {@code subject}. */
    private static JsonNode change(JsonNode diff, String code, String subject) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode change : diff.get("changes")) {
            if (change.get("code").asText().equals(code)
                    && change.get("message").asText().contains(subject)) {
                found.add(change);
            }
        }
        assertEquals(1, found.size(), "one " + code + " about " + subject + " in " + diff.toPrettyString());
        return found.get(0);
    }

    private static void at(JsonNode location, String file, int line) {
        assertNotNull(location);
        assertFalse(location.isNull(), "a location");
        assertEquals(file, location.get("file").asText());
        assertEquals(line, location.get("line").asInt(), "line in " + file);
    }

    private static String planId(Path bundle, String plan) throws IOException {
        for (JsonNode offering :
                JSON.readTree(bundle.resolve("model.json").toFile()).get("offerings")) {
            for (JsonNode candidate : offering.get("plans")) {
                if (candidate.get("name").asText().equals(plan)) {
                    return candidate.get("id").asText();
                }
            }
        }
        throw new AssertionError("no plan " + plan);
    }

    @Test
    void everyKindOfChangeIsFoundWithItsImpactAndItsLineInBothVersions() throws IOException {
        Path old = copy("old");
        Path bundle = tmp.resolve("old-bundle");
        assertEquals(
                0,
                DedicateCommandTest.run("compile", old.toString(), "--out", bundle.toString())
                        .status());
        Path neu = copy("new");
        Path file = neu.resolve("mysql.offering");
        Path oldFile = old.resolve("mysql.offering");
        edit(file, """
                  child plan 15gb {
                    description "A database of at most 15 GB in your dedicated cluster"
                    cost 5.00 usd per month
                    driver mysql { quota 15GB }
                  }
                """, "");
        edit(file, "  child plan 100mb {\n", "  child plan small-db {\n    id \"" + planId(bundle, "100mb") + "\"\n");
        edit(file, "  cluster plan cluster-large {\n", """
                  cluster plan cluster-large {
                    id "5b7f3d0e-6c1a-4c1e-9f7e-2d8c1a9b0e11"
                """);
        edit(file, "  upgrade cluster-small -> cluster-large\n", "");
        edit(file, "range 100..10000", "range 200..10000");
        edit(file, "range 128MB..64GB", "range 128MB..128GB");
        edit(file, "enum(\"5.7\", \"8.0\")", "enum(\"8.0\")");
        edit(file, "audit_log : boolean = false", "audit_log : boolean = false create_only");
        edit(file, "length 1..32 pattern \"^[a-z0-9]+$\"", "length 1..32 pattern \"^[a-z][a-z0-9]*$\"");
        edit(file, "slow_query_threshold : duration = 10s", "slow_query_threshold : duration = 5s");
        edit(file, "    rolling_restart : boolean = false \"Restart the nodes one by one after the change\"\n", "");
        edit(file, "collation : string = \"utf8mb4_unicode_ci\" pattern", "collation : string required pattern");
        edit(file, "read_only : boolean = false", "read_only : string = \"no\"");
        edit(file, "length 16..64 secret", "length 20..64 secret");
        edit(
                file,
                "  binding parameters {\n",
                "  binding parameters {\n    schema_prefix : string \"Prefix of the schema\"\n");
        edit(file, "    disk 10GB\n", "    disk 5GB\n");
        edit(file, "    instances mysql 3, proxy 2\n", "    instances mysql 3, proxy 3\n");
        edit(file, "release pxc 2.0.8", "release pxc 2.0.9");
        edit(
                neu.resolve("fragments/bosh-defaults.fragment"),
                "stemcell ubuntu-jammy 1.586",
                "stemcell ubuntu-jammy 1.600");

        DedicateCommandTest.Run run =
                DedicateCommandTest.run("diff", old.toString(), neu.toString(), "--format", "json");
        assertEquals(1, run.status(), run.err());
        JsonNode diff = json(run);
        String o = old + "/mysql.offering";
        String n = neu + "/mysql.offering";

        JsonNode removed = change(diff, "plan-removed", "`15gb`");
        assertEquals("breaking", removed.get("impact").asText());
        at(removed.get("old"), o, lineOf(oldFile, "child plan 15gb"));
        at(removed.get("new"), n, lineOf(file, "offering mysql-on-demand"));

        JsonNode renamed = change(diff, "plan-renamed", "`100mb` is renamed `small-db`");
        assertEquals("compatible", renamed.get("impact").asText());
        at(renamed.get("old"), o, lineOf(oldFile, "child plan 100mb"));
        at(renamed.get("new"), n, lineOf(file, "child plan small-db"));

        JsonNode id = change(diff, "plan-id-changed", "`cluster-large`");
        assertEquals("breaking", id.get("impact").asText());
        at(id.get("new"), n, lineOf(file, "cluster plan cluster-large"));

        JsonNode upgrade = change(diff, "upgrade-path-removed", "cluster-small -> cluster-large");
        assertEquals("breaking", upgrade.get("impact").asText());
        at(upgrade.get("old"), o, lineOf(oldFile, "upgrade cluster-small -> cluster-large"));
        at(upgrade.get("new"), n, lineOf(file, "cluster plan cluster-small"));

        JsonNode narrowed = change(diff, "range-narrowed", "`max_connections`");
        assertEquals("breaking", narrowed.get("impact").asText());
        assertTrue(narrowed.get("message").asText().contains("100..10000 becomes 200..10000"), narrowed.toString());
        at(narrowed.get("old"), o, lineOf(oldFile, "max_connections :"));
        at(narrowed.get("new"), n, lineOf(file, "max_connections :"));

        JsonNode widened = change(diff, "range-widened", "`innodb_buffer_pool_size`");
        assertEquals("compatible", widened.get("impact").asText());
        assertTrue(widened.get("message").asText().contains("128MB..64GB becomes 128MB..128GB"), widened.toString());

        JsonNode dropped = change(diff, "enum-value-dropped", "`major_version`");
        assertEquals("breaking", dropped.get("impact").asText());
        assertTrue(dropped.get("message").asText().contains("\"5.7\""), dropped.toString());

        JsonNode createOnly = change(diff, "create-only-added", "`audit_log`");
        assertEquals("breaking", createOnly.get("impact").asText());
        at(createOnly.get("old"), o, lineOf(oldFile, "audit_log :"));
        at(createOnly.get("new"), n, lineOf(file, "audit_log :"));

        assertEquals(
                "breaking",
                change(diff, "pattern-changed", "`character_set`").get("impact").asText());
        assertEquals(
                "compatible",
                change(diff, "default-changed", "`slow_query_threshold`")
                        .get("impact")
                        .asText());
        JsonNode parameterRemoved = change(diff, "parameter-removed", "cluster_update parameter `rolling_restart`");
        assertEquals("breaking", parameterRemoved.get("impact").asText());
        at(parameterRemoved.get("old"), o, lineOf(oldFile, "rolling_restart :"));
        JsonNode required = change(diff, "made-required", "child_create parameter `collation`");
        assertEquals("breaking", required.get("impact").asText());
        at(required.get("new"), n, lineOf(file, "collation :"));
        assertEquals(
                "breaking",
                change(diff, "type-changed", "`read_only`").get("impact").asText());
        assertEquals(
                "breaking",
                change(diff, "length-narrowed", "`password`").get("impact").asText());
        JsonNode added = change(diff, "parameter-added", "`schema_prefix`");
        assertEquals("compatible", added.get("impact").asText());
        at(added.get("new"), n, lineOf(file, "schema_prefix :"));

        JsonNode disk = change(diff, "disk-shrunk", "`cluster-small`");
        assertEquals("breaking", disk.get("impact").asText());
        assertTrue(disk.get("message").asText().contains("from 10GB to 5GB"), disk.toString());
        assertEquals(
                "compatible",
                change(diff, "sizing-changed", "`cluster-large`").get("impact").asText());

        JsonNode release = change(diff, "release-changed", "`pxc` 2.0.8 becomes 2.0.9");
        at(release.get("old"), o, lineOf(oldFile, "release pxc"));
        at(release.get("new"), n, lineOf(file, "release pxc"));
        JsonNode stemcell = change(diff, "stemcell-changed", "ubuntu-jammy 1.586 becomes ubuntu-jammy 1.600");
        at(stemcell.get("old"), old + "/fragments/bosh-defaults.fragment", 4);
        at(stemcell.get("new"), neu + "/fragments/bosh-defaults.fragment", 4);
        JsonNode unversioned = change(diff, "unversioned-deployment-change", "release pxc 2.0.8 -> 2.0.9");
        assertEquals("breaking", unversioned.get("impact").asText());
        assertTrue(unversioned.get("message").asText().contains("stemcell ubuntu-jammy 1.586 -> ubuntu-jammy 1.600"));

        int breaking = 0;
        for (JsonNode change : diff.get("changes")) {
            breaking += change.get("impact").asText().equals("breaking") ? 1 : 0;
        }
        assertEquals(breaking, diff.get("breaking").asInt());
        assertEquals(
                diff.get("changes").size() - breaking, diff.get("compatible").asInt());

        DedicateCommandTest.Run human = DedicateCommandTest.run("diff", old.toString(), neu.toString());
        assertEquals(1, human.status());
        assertTrue(human.out().contains("breaking[plan-removed] mysql-on-demand: plan `15gb` is removed"), human.out());
        assertTrue(
                human.out().contains("  old: " + o + ":" + lineOf(oldFile, "child plan 15gb") + ":3\n"), human.out());
        assertTrue(human.out().contains(breaking + " breaking changes, "), human.out());
    }

    @Test
    void theSameOfferingsChangeNothingAndABumpedVersionOffersTheUpgrade() throws IOException {
        DedicateCommandTest.Run same = DedicateCommandTest.run("diff", OFFERINGS.toString(), OFFERINGS.toString());
        assertEquals(0, same.status(), same.err());
        assertTrue(same.out().startsWith("no change for existing instances"), same.out());

        Path neu = copy("new");
        edit(neu.resolve("mysql.offering"), "release pxc 2.0.8", "release pxc 2.0.9");
        edit(
                neu.resolve("mysql.offering"),
                "offering mysql-on-demand version 1.4.0",
                "offering mysql-on-demand version 1.5.0");
        DedicateCommandTest.Run run =
                DedicateCommandTest.run("diff", OFFERINGS.toString(), neu.toString(), "--format", "json");
        assertEquals(0, run.status(), run.out());
        JsonNode diff = json(run);
        assertEquals(0, diff.get("breaking").asInt());
        JsonNode offered = change(diff, "upgrade-offered", "release pxc 2.0.8 -> 2.0.9");
        assertTrue(offered.get("message").asText().contains("-> 1.5.0+pxc.2.0.9"), offered.toString());
    }

    @Test
    void aRenamedOfferingIsRemovedForItsExistingInstances() throws IOException {
        Path neu = copy("new");
        edit(neu.resolve("mysql.offering"), "offering mysql-on-demand version", "offering mysql-dedicated version");
        DedicateCommandTest.Run run =
                DedicateCommandTest.run("diff", OFFERINGS.toString(), neu.toString(), "--format", "json");
        assertEquals(1, run.status(), run.out());
        JsonNode diff = json(run);
        assertEquals(
                "breaking",
                change(diff, "offering-removed", "`mysql-on-demand`")
                        .get("impact")
                        .asText());
        assertEquals(
                "compatible",
                change(diff, "offering-added", "`mysql-dedicated`")
                        .get("impact")
                        .asText());
    }

    @Test
    void aBundleJarOrDirectoryIsTheOldVersion() throws IOException {
        Path jar = tmp.resolve("v1.jar");
        Path directory = tmp.resolve("v1");
        assertEquals(
                0,
                DedicateCommandTest.run("compile", OFFERINGS.toString(), "--out", jar.toString())
                        .status());
        assertEquals(
                0,
                DedicateCommandTest.run("compile", OFFERINGS.toString(), "--out", directory.toString())
                        .status());
        Path neu = copy("new");
        Path file = neu.resolve("mysql.offering");
        edit(file, "range 100..10000", "range 200..10000");
        for (Path old : List.of(jar, directory)) {
            DedicateCommandTest.Run run =
                    DedicateCommandTest.run("diff", old.toString(), neu.toString(), "--format", "json");
            assertEquals(1, run.status(), run.out() + run.err());
            JsonNode diff = json(run);
            assertEquals("bundle " + old, diff.get("old").asText());
            assertEquals(1, diff.get("changes").size(), diff.toPrettyString());
            JsonNode narrowed = change(diff, "range-narrowed", "`max_connections`");
            at(narrowed.get("old"), "mysql.offering", lineOf(OFFERINGS.resolve("mysql.offering"), "max_connections :"));
            at(narrowed.get("new"), neu + "/mysql.offering", lineOf(file, "max_connections :"));
        }
    }

    @Test
    void sinceComparesTheWorkingTreeWithARevisionOfARealRepository() throws Exception {
        Path work = tmp.resolve("work");
        Files.createDirectories(work);
        Path offerings = copyInto(work.resolve("offerings"));
        PersonIdent me = new PersonIdent("Service Ops", "ops@example.com");
        try (Git git =
                Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("MySQL 1.4.0")
                    .setAuthor(me)
                    .setCommitter(me)
                    .setSign(false)
                    .call();
            git.tag().setName("v1.4.0").setSigned(false).setAnnotated(false).call();
        }
        Path file = offerings.resolve("mysql.offering");
        edit(file, "enum(\"5.7\", \"8.0\")", "enum(\"8.0\")");

        DedicateCommandTest.Run run =
                DedicateCommandTest.run("diff", "--since", "v1.4.0", offerings.toString(), "--format", "json");
        assertEquals(1, run.status(), run.out() + run.err());
        JsonNode diff = json(run);
        assertEquals("v1.4.0:offerings", diff.get("old").asText());
        assertEquals(1, diff.get("changes").size(), diff.toPrettyString());
        JsonNode dropped = change(diff, "enum-value-dropped", "`major_version`");
        int line = lineOf(file, "major_version :");
        at(dropped.get("old"), "v1.4.0:offerings/mysql.offering", line);
        at(dropped.get("new"), offerings + "/mysql.offering", line);

        DedicateCommandTest.Run unknown =
                DedicateCommandTest.run("diff", "--since", "no-such-tag", offerings.toString());
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("--since no-such-tag: no such revision"), unknown.err());
    }

    private static Path copyInto(Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(OFFERINGS)) {
            for (Path source : walk.toList()) {
                Path to = target.resolve(OFFERINGS.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(source, to);
                }
            }
        }
        return target;
    }

    @Test
    void badUsageIsAnsweredWithExitTwoAndAMessage() throws IOException {
        DedicateCommandTest.Run one = DedicateCommandTest.run("diff", OFFERINGS.toString());
        assertEquals(2, one.status());
        assertTrue(one.err().contains("diff needs OLD and NEW (or --since REV [NEW]); got 1 version"), one.err());

        DedicateCommandTest.Run missing =
                DedicateCommandTest.run("diff", tmp.resolve("nope").toString(), OFFERINGS.toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("nope` does not exist"), missing.err());

        DedicateCommandTest.Run both =
                DedicateCommandTest.run("diff", "--since", "HEAD", OFFERINGS.toString(), OFFERINGS.toString());
        assertEquals(2, both.status());
        assertTrue(both.err().contains("give at most NEW"), both.err());

        Path outside = copy("outside-git");
        DedicateCommandTest.Run noGit = DedicateCommandTest.run("diff", "--since", "HEAD", outside.toString());
        assertEquals(2, noGit.status(), noGit.err());
        assertTrue(noGit.err().contains("is not inside a git repository"), noGit.err());

        Path notABundle = tmp.resolve("broken.jar");
        Files.write(notABundle, new byte[] {1, 2, 3});
        DedicateCommandTest.Run jar = DedicateCommandTest.run("diff", notABundle.toString(), OFFERINGS.toString());
        assertEquals(2, jar.status());
        assertTrue(jar.err().contains("cannot read the jar"), jar.err());

        DedicateCommandTest.Run format =
                DedicateCommandTest.run("diff", OFFERINGS.toString(), OFFERINGS.toString(), "--format", "xml");
        assertEquals(2, format.status());
    }

    @Test
    void anOldVersionThatDoesNotCompileShowsItsDiagnostics() throws IOException {
        Path old = copy("old");
        edit(
                old.resolve("mysql.offering"),
                "upgrade cluster-small -> cluster-large",
                "upgrade cluster-small -> cluster-larg");
        DedicateCommandTest.Run run = DedicateCommandTest.run("diff", old.toString(), OFFERINGS.toString());
        assertEquals(1, run.status());
        assertTrue(run.err().contains("error[unknown-plan]"), run.err());
        assertTrue(run.err().contains(old + ": the offerings do not compile"), run.err());
    }
}
