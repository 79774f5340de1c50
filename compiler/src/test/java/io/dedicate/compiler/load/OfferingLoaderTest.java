package io.dedicate.compiler.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.compiler.Sources;
import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.ast.Member;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfferingLoaderTest {

    @TempDir
    Path folder;

    @Test
    void displayPathsJoinTheInputAsGivenWithTheFileBelowIt() {
        Sources.write(
                folder,
                Map.of(
                        "offerings/b.offering",
                        Sources.minimalOffering("").replace("offering minimal", "offering b"),
                        "offerings/sub/a.offering",
                        Sources.minimalOffering("").replace("offering minimal", "offering a")));
        Path given = Path.of(folder.toString(), "offerings", "");
        LoadResult result = OfferingLoader.load(List.of(given));
        String root = folder.toString().replace('\\', '/');
        assertEquals(
                List.of(root + "/offerings/b.offering", root + "/offerings/sub/a.offering"),
                result.offerings().stream().map(ExpandedOffering::file).toList(),
                "sorted by relative path, `/` separators");
        assertEquals(List.of(), result.diagnostics());
    }

    @Test
    void displayPathOfARelativeInputStaysRelative() {
        assertEquals(
                "offerings/mysql.offering",
                OfferingLoader.display(Path.of("offerings/").resolve("mysql.offering")));
        assertEquals("mysql.offering", OfferingLoader.display(Path.of("./mysql.offering")));
    }

    @Test
    void includesAreSplicedInPlaceAndSharedFragmentsReadOnce() {
        String fragment =
                "fragment shared {\n  stemcell ubuntu-jammy latest\n  sharing across spaces requires grant\n}\n";
        String offering = Sources.minimalOffering("")
                .replace("  stemcell ubuntu-jammy latest\n", "  include \"f/shared.fragment\"\n");
        Sources.write(
                folder,
                Map.of(
                        "a.offering", offering.replace("offering minimal", "offering a"),
                        "b.offering", offering.replace("offering minimal", "offering b"),
                        "f/shared.fragment", fragment));
        LoadResult result = OfferingLoader.load(List.of(folder));
        assertEquals(2, result.offerings().size());
        ExpandedOffering a = result.offerings().get(0);
        assertTrue(a.complete());
        assertEquals(1, a.members(Member.Stemcell.class).size());
        List<Member> members = a.members();
        int release = members.indexOf(a.members(Member.Release.class).get(0));
        assertTrue(members.get(release + 1) instanceof Member.Stemcell, "spliced where the include was");
        assertTrue(members.get(release + 2) instanceof Member.Sharing);
        assertTrue(members.get(release + 3) instanceof Member.Plan);
        assertTrue(a.members(Member.Stemcell.class).get(0).span().file().endsWith("/f/shared.fragment"));
        assertEquals(
                3,
                result.sources().size(),
                "two offerings and one fragment: " + result.sources().keySet());
    }

    @Test
    void aBrokenFragmentMakesItsIncludersIncomplete() {
        Sources.write(
                folder,
                Map.of(
                        "a.offering",
                        Sources.minimalOffering("")
                                .replace("  stemcell ubuntu-jammy latest\n", "  include \"bad.fragment\"\n"),
                        "bad.fragment",
                        "fragment bad {\n  stemcell\n}\n"));
        LoadResult result = OfferingLoader.load(List.of(folder));
        ExpandedOffering a = result.offerings().get(0);
        assertFalse(a.complete());
        assertTrue(a.diagnostics().stream().anyMatch(Diagnostic::isError));
        assertTrue(a.diagnostics().stream().allMatch(d -> d.span().file().endsWith("bad.fragment")));
    }

    /** Found by OfferingCompilerFuzzTest (its input is kept in the corpus): a NUL in an include threw. */
    @Test
    void anIncludeThatIsNoFilePathIsAnErrorAtItsPath() {
        Sources.write(
                folder,
                Map.of(
                        "a.offering",
                        Sources.minimalOffering("")
                                .replace("  stemcell ubuntu-jammy latest\n", "  include \"f/x\0y.fragment\"\n")));
        ExpandedOffering a = OfferingLoader.load(List.of(folder)).offerings().get(0);
        assertFalse(a.complete());
        Diagnostic invalid = a.diagnostics().get(0);
        assertEquals("include-not-found", invalid.code());
        assertTrue(invalid.isError());
        assertEquals(
                "included path `f/x\\u0000y.fragment` is not a file path: Nul character not allowed",
                invalid.message());
    }

    @Test
    void missingInputs() {
        LoadResult result = OfferingLoader.load(List.of(folder.resolve("nothing-here")));
        assertEquals(
                List.of("input-not-found"),
                result.diagnostics().stream().map(Diagnostic::code).toList());
        LoadResult empty = OfferingLoader.load(List.of(folder));
        assertEquals(
                List.of("no-offerings"),
                empty.diagnostics().stream().map(Diagnostic::code).toList());
        assertFalse(empty.diagnostics().get(0).isError());
    }

    @Test
    void anExplicitFragmentIsNotAnOffering() {
        Sources.write(folder, Map.of("x.fragment", "fragment x {\n  stemcell ubuntu-jammy latest\n}\n"));
        LoadResult result = OfferingLoader.load(List.of(folder.resolve("x.fragment")));
        assertEquals(
                List.of("input-not-offering"),
                result.diagnostics().stream().map(Diagnostic::code).toList());
        assertEquals(
                "1:10",
                result.diagnostics().get(0).span().line() + ":"
                        + result.diagnostics().get(0).span().column(),
                "at the fragment's name");
    }
}
