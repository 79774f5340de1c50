package io.dedicate.cli;

import io.dedicate.compiler.CompileResult;
import io.dedicate.compiler.model.Offering;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dedicate check [OFFERINGS...]}: everything {@code compile} does (including rendering every
 * template with sample values) except writing the bundle, so that a passing check means a passing
 * compile.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Validate offering files and print every mistake at once; writes nothing.")
final class CheckCommand implements Callable<Integer> {

    @CommandLine.Mixin
    InputOptions input = new InputOptions();

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CompileResult result = input.compiler(spec.commandLine())
                .compile(input.inputsOrDefault())
                .result();
        input.report(result, spec.commandLine().getOut(), spec.commandLine().getErr());
        if (result.hasErrors()) {
            return DedicateCommand.OFFERING_ERRORS;
        }
        if (input.format == DiagnosticFormat.human) {
            spec.commandLine()
                    .getOut()
                    .println("ok: " + InputOptions.count(result.offerings().size(), "offering") + " checked ("
                            + String.join(
                                    ", ",
                                    result.offerings().stream()
                                            .map(Offering::name)
                                            .toList()) + ")");
        }
        return DedicateCommand.OK;
    }
}
