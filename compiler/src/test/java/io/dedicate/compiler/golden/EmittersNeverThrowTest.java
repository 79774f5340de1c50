package io.dedicate.compiler.golden;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.emit.Emitter;
import io.dedicate.compiler.emit.MemoryManifest;
import io.dedicate.compiler.load.LoadResult;
import io.dedicate.compiler.load.OfferingLoader;
import io.dedicate.compiler.model.Offering;
import io.dedicate.compiler.resolve.ModelBuilder;
import io.dedicate.compiler.validate.ValidationRules;
import io.dedicate.compiler.validate.Validator;
import io.dedicate.dsl.Diagnostic;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The validator is the only gate: what it accepts, every emitter can write. A user must see
 * diagnostics, never an exception thrown from an emitter.
 */
class EmittersNeverThrowTest {

    static Stream<String> inputs() throws IOException {
        return Stream.concat(GoldenCases.names().map(name -> "golden/" + name), Stream.of("offerings"));
    }

    /** Every offering the validator accepts, in every golden case and in {@code offerings/}. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void everyValidOfferingEmits(String input) throws IOException {
        Path path = GoldenCases.REPO.resolve(input);
        List<Path> inputs = input.startsWith("golden/") ? GoldenCases.inputs(path) : List.of(path);
        CompileResult result = new OfferingCompiler().check(inputs);
        for (Emitter emitter : OfferingCompiler.EMITTERS) {
            assertDoesNotThrow(
                    () -> emitter.emit(result.offerings(), new MemoryManifest()),
                    input + ": emitter " + emitter.name() + " threw on an offering the validator accepts");
        }
    }

    /**
     * The broken cases of the rules that guard the emitters name real crashes: built into a model
     * despite their errors, they make an emitter throw. (Without the rule, a user would see it.)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "credhub-in-hook, misplaced-credhub-value",
        "credhub-in-terraform, misplaced-credhub-value",
        "credhub-in-app-target, misplaced-credhub-value",
        "credhub-in-deployment-name, misplaced-credhub-value",
        "mixed-credhub-value, mixed-credhub-value",
        "interpolation-in-literal, interpolation-in-literal",
        "deployment-name-cycle, deployment-name-cycle",
        "property-path-conflict, property-path-conflict"
    })
    void theGuardingRulesStopWhatWouldCrash(String name, String code) throws IOException {
        LoadResult loaded = OfferingLoader.load(GoldenCases.inputs(GoldenCases.GOLDEN.resolve(name)));
        List<Validator.Validation> validations = new Validator(ValidationRules.ALL).validate(loaded.offerings());
        assertFalse(validations.isEmpty(), name);
        for (Validator.Validation validation : validations) {
            List<String> codes = validation.diagnostics().stream()
                    .filter(Diagnostic::isError)
                    .map(Diagnostic::code)
                    .distinct()
                    .toList();
            assertTrue(codes.equals(List.of(code)), name + " should report only " + code + ", reports " + codes);
            List<Offering> model = List.of(ModelBuilder.build(validation.offering()));
            assertThrows(
                    Throwable.class,
                    () -> {
                        for (Emitter emitter : OfferingCompiler.EMITTERS) {
                            emitter.emit(model, new MemoryManifest());
                        }
                    },
                    name + ": the emitters accept this offering, so " + code + " guards nothing here");
        }
    }
}
