package io.dedicate.compiler.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.OfferingCompiler;
import io.dedicate.compiler.Sources;
import io.dedicate.dsl.Diagnostic;
import io.dedicate.dsl.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules seen through the compiler: hints, spans and severities that the one-line golden files do
 * not show, and what an error or a warning does to the result.
 */
class RulesTest {

    @TempDir
    Path folder;

    private CompileResult check(String extra) {
        Sources.write(folder, Map.of("x.offering", Sources.minimalOffering(extra)));
        return new OfferingCompiler().check(List.of(folder));
    }

    private static Diagnostic only(CompileResult result) {
        assertEquals(1, result.diagnostics().size(), result.diagnostics().toString());
        return result.diagnostics().get(0);
    }

    @Test
    void theMinimalOfferingIsValid() {
        CompileResult result = check("");
        assertEquals(List.of(), result.diagnostics());
        assertEquals(1, result.offerings().size());
    }

    @Test
    void unknownPlanSuggestsAndListsTheDeclaredPlans() {
        Diagnostic d = only(check("  upgrade small -> smal\n"));
        assertEquals("unknown-plan", d.code());
        assertEquals("plan `smal` is not declared (did you mean `small`?)", d.message());
        assertEquals("declared plans are small, item", d.hint());
        assertEquals(25, d.span().line());
        assertEquals(20, d.span().column());
        assertEquals(24, d.span().endColumn(), "the span covers the name only");
    }

    @Test
    void unknownNameWithNothingDeclaredSaysHowToDeclareIt() {
        Diagnostic d = only(check("""
                  app console {
                    source "s"
                    target org "o" space "s"
                    env X = outputs.nothing
                  }
                """));
        assertEquals("unknown-output", d.code());
        assertEquals("declared outputs are broker_url, broker_username, broker_password", d.hint());
    }

    @Test
    void anOfferingWithErrorsIsLeftOutAndTheOthersStay() {
        Sources.write(
                folder,
                Map.of(
                        "good.offering",
                        Sources.minimalOffering("").replace("offering minimal", "offering good"),
                        "bad.offering",
                        Sources.minimalOffering("  upgrade small -> nowhere\n")
                                .replace("offering minimal", "offering bad")));
        CompileResult result = new OfferingCompiler().check(List.of(folder));
        assertTrue(result.hasErrors());
        assertEquals(
                List.of("good"), result.offerings().stream().map(o -> o.name()).toList());
    }

    @Test
    void warningsKeepTheOffering() {
        CompileResult result = check("  sharing across spaces\n");
        Diagnostic d = only(result);
        assertEquals(Severity.WARNING, d.severity());
        assertEquals("sharing-without-grant", d.code());
        assertEquals(1, result.offerings().size());
    }

    @Test
    void offeringsAreSortedByName() {
        Sources.write(
                folder,
                Map.of(
                        "a.offering", Sources.minimalOffering("").replace("offering minimal", "offering zebra"),
                        "b.offering", Sources.minimalOffering("").replace("offering minimal", "offering aardvark")));
        CompileResult result = new OfferingCompiler().check(List.of(folder));
        assertEquals(
                List.of("aardvark", "zebra"),
                result.offerings().stream().map(o -> o.name()).toList());
    }

    @Test
    void driverSettingsAreTyped() {
        Sources.write(
                folder,
                Map.of(
                        "x.offering",
                        Sources.minimalOffering("")
                                .replace(
                                        "driver delegate { plan \"default\" }",
                                        "driver delegate { plna \"default\"; service 3 }")));
        List<String> codes = new OfferingCompiler()
                .check(List.of(folder)).diagnostics().stream()
                        .map(Diagnostic::code)
                        .toList();
        assertEquals(List.of("missing-setting", "unknown-setting", "setting-type"), codes);
    }

    @Test
    void outputsAreAllowedInAppsAndHooksOnly() {
        CompileResult result = check("""
                  terraform {
                    module "m"
                    var url = outputs.broker_url
                  }
                  app console {
                    source "s"
                    target org "o" space "s"
                    env URL = outputs.broker_url
                  }
                """);
        Diagnostic d = only(result);
        assertEquals("misplaced-output-reference", d.code());
        assertEquals("`outputs.broker_url` cannot be used in `terraform`", d.message());
    }

    @Test
    void planInstancesReferencesNeedANonErrandGroup() {
        Sources.write(
                folder,
                Map.of(
                        "x.offering",
                        Sources.minimalOffering("")
                                .replace(
                                        "job hello from hello",
                                        "job hello from hello { property a.b = plan.instances.nodes; property a.c = plan.instances }")));
        List<String> codes = new OfferingCompiler()
                .check(List.of(folder)).diagnostics().stream()
                        .map(Diagnostic::code)
                        .toList();
        assertEquals(List.of("unknown-instance-group", "unknown-field"), codes);
    }

    @Test
    void quantitiesInExpressionsBecomeBytesOrSeconds() {
        Sources.write(
                folder,
                Map.of(
                        "x.offering",
                        Sources.minimalOffering("")
                                .replace(
                                        "job hello from hello",
                                        "job hello from hello { property a.size = 2KB; property a.wait = 2m; property a.bad = 2XB }")));
        CompileResult result = new OfferingCompiler().check(List.of(folder));
        Diagnostic d = only(result);
        assertEquals("invalid-quantity", d.code());
        assertEquals("`2XB` has no known unit", d.message());
    }

    @Test
    void clusterParameterReferencesExcludeChildParameters() {
        Sources.write(
                folder,
                Map.of(
                        "x.offering",
                        Sources.minimalOffering("  child parameters {\n    collation : string\n  }\n")
                                .replace(
                                        "job hello from hello",
                                        "job hello from hello { property a.c = params.collation }")));
        Diagnostic d = only(new OfferingCompiler().check(List.of(folder)));
        assertEquals("unknown-parameter", d.code());
        assertEquals("parameter `collation` is not a cluster parameter", d.message());
    }
}
