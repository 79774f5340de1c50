package io.dedicate.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.dedicate.dsl.ast.AstPrinter;
import io.dedicate.dsl.ast.Member;
import io.dedicate.dsl.ast.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The real offering files of the repository parse without a single diagnostic. */
class RealOfferingsTest {

    static Stream<Path> offeringFiles() throws IOException {
        Path offerings = RepositoryRoot.find().resolve("offerings");
        try (Stream<Path> files = Files.walk(offerings)) {
            List<Path> found = files.filter(f ->
                            f.toString().endsWith(".offering") || f.toString().endsWith(".fragment"))
                    .sorted()
                    .toList();
            assertFalse(found.isEmpty(), "no offering files under " + offerings);
            return found.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("offeringFiles")
    void parsesWithoutDiagnostics(Path file) {
        String display = RepositoryRoot.find().relativize(file).toString().replace('\\', '/');
        ParseResult result = OfferingParser.parse(display, read(file));
        assertEquals("", Parsing.lines(result), display);
        assertNotNull(result.ast());
    }

    @Test
    void mysqlOfferingHasEveryKindOfMember() {
        ParseResult result = OfferingParser.parse(
                "offerings/mysql.offering", read(RepositoryRoot.find().resolve("offerings/mysql.offering")));
        SourceFile.Offering offering = assertInstanceOf(SourceFile.Offering.class, result.ast());
        assertEquals("mysql-on-demand", offering.name().value());
        assertEquals("1.4.0", offering.version().value());
        List<Class<?>> kinds =
                offering.members().stream().map(Object::getClass).distinct().toList();
        for (Class<?> kind : List.of(
                Member.Metadata.class,
                Member.Tags.class,
                Member.Flag.class,
                Member.Include.class,
                Member.Release.class,
                Member.Plan.class,
                Member.Upgrade.class,
                Member.Parameters.class,
                Member.Deployment.class,
                Member.Errand.class,
                Member.App.class,
                Member.Terraform.class,
                Member.Outputs.class,
                Member.Sharing.class,
                Member.Limits.class)) {
            assertEquals(
                    true, kinds.contains(kind), kind.getSimpleName() + " missing in " + AstPrinter.print(offering));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
